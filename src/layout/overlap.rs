//! Do two layouts over one buffer touch a common byte? Does one layout touch a
//! byte twice? Pure functions on descriptors, no device work.
//!
//! Three levels of answer, as in NumPy:
//!
//! * [`may_share_memory`]: only compares the byte extents (NumPy's
//!   `may_share_memory`, `max_work=0` bounds check). Cheap, may say `true` for
//!   interleaved views that never touch the same byte.
//! * [`shares_memory`]: exact. Two layouts share a byte iff the bounded linear
//!   Diophantine equation
//!
//!   ```text
//!   sum_i A_i x_i = rhs,   0 <= x_i <= U_i,   A_i > 0
//!   ```
//!
//!   has a solution, where every axis of both layouts contributes a term
//!   (`|stride|` in bytes, `len - 1`), each layout contributes one term
//!   `(1, itemsize - 1)` for the bytes inside an element, and one layout's
//!   variables are mirrored (`x -> U - x`) so that all coefficients are
//!   positive. The problem is NP-hard; it is solved like NumPy
//!   (`numpy/_core/src/common/mem_overlap.c`): the terms are sorted by
//!   decreasing coefficient, chained through extended-Euclid GCD steps, and a
//!   depth-first search enumerates the remaining candidates, bounded by a work
//!   limit. Running out of work is an error ([`Error::TooHard`]), never a
//!   wrong answer.
//! * [`has_internal_overlap`]: exact, for one layout: do two distinct
//!   multi-indices touch a common byte? Written as the same kind of equation
//!   with doubled bounds and the trivial solution excluded.
//!
//! # Units and conventions
//!
//! [`Layout`] holds strides and offsets in **elements**; everything here is in
//! **bytes** (`element * itemsize`), computed in `i128` with checked arithmetic,
//! so any layout that describes a real buffer is exact and absurd ones give
//! [`Error::Overflow`] instead of wrapping. Both layouts are taken to live in
//! the same buffer starting at byte 0; whether they actually do is the
//! caller's check.
//!
//! An element of `itemsize == 0` touches no byte, so a zero-itemsize layout
//! shares nothing with anything and never overlaps itself.
//!
//! # Work limit
//!
//! `max_work: Option<u64>` counts the same units as NumPy's `max_work`
//! (candidate branches of the search that were closed), so `Some(n)` gives
//! `TooHard` exactly where `np.shares_memory(a, b, max_work=n)` raises
//! `TooHardError`:
//!
//! * `None`: no limit (NumPy's `max_work=-1`, `MAY_SHARE_EXACT`). May take
//!   exponential time on adversarial `as_strided` layouts.
//! * `Some(0)`: bounds check only; anything the extents cannot rule out is
//!   `TooHard` (NumPy's `MAY_SHARE_BOUNDS`).
//! * `Some(n)`: give up with `TooHard { max_work: n }` after `n` units.

use crate::error::{Error, Result};
use crate::layout::Layout;

/// The work limit for callers that want a cheap, bounded answer: `1`, the
/// value NumPy's own internals pass (ufunc/nditer operand overlap checks,
/// fancy-index assignment). It decides every pair of views made by ordinary
/// slicing of a contiguous parent, disjoint extents, and stride-incommensurate
/// interleavings (`a[::2]` vs `a[1::2]`); harder `as_strided` cases come back
/// as [`Error::TooHard`], which such a caller must treat as "may overlap"
/// (copy, or mark read-only) — exactly what NumPy does.
pub const DEFAULT_MAX_WORK: u64 = 1;

/// Byte range `[lo, hi)` touched by `layout` with elements of `itemsize`
/// bytes, in `i128` bytes from the start of the buffer.
///
/// `lo = offset*itemsize + sum(min(0, stride*itemsize*(len-1)))`,
/// `hi = offset*itemsize + sum(max(0, stride*itemsize*(len-1))) + itemsize`.
/// Returns `Ok(None)` if the layout touches no byte (an empty layout, or
/// `itemsize == 0`). The range is a hull: strided layouts leave holes in it.
///
/// # Errors
/// [`Error::Overflow`] if a byte offset does not fit an `i128` (only for
/// layouts no buffer could hold).
pub fn byte_extent(layout: &Layout, itemsize: usize) -> Result<Option<(i128, i128)>> {
    if layout.is_empty() || itemsize == 0 {
        return Ok(None);
    }
    let ovf = || Error::Overflow {
        op: "byte_extent",
        what: "byte extent".into(),
    };
    let isz = itemsize as i128;
    let base = (layout.offset as i128).checked_mul(isz).ok_or_else(ovf)?;
    let (mut lo, mut hi) = (base, base);
    for (&len, &st) in layout.shape.iter().zip(&layout.strides) {
        // len >= 1 here (the layout is not empty)
        let reach = (st as i128)
            .checked_mul(isz)
            .and_then(|s| s.checked_mul(len as i128 - 1))
            .ok_or_else(ovf)?;
        if reach < 0 {
            lo = lo.checked_add(reach).ok_or_else(ovf)?;
        } else {
            hi = hi.checked_add(reach).ok_or_else(ovf)?;
        }
    }
    hi = hi.checked_add(isz).ok_or_else(ovf)?;
    Ok(Some((lo, hi)))
}

/// NumPy's `may_share_memory`: do the byte extents of `a` and `b` intersect?
///
/// The caller has already established that both layouts are over the same
/// buffer. `false` is definite (no common byte); `true` only means the hulls
/// intersect — use [`shares_memory`] for an exact answer. A layout that
/// touches no byte (empty, or zero itemsize) may share with nothing.
///
/// If an extent overflows `i128` (a layout no buffer can hold), this answers
/// the conservative `true`.
///
/// ```
/// use ndgpu::layout::Layout;
/// use ndgpu::layout::overlap::may_share_memory;
/// // x = np.arange(10); x[::2] vs x[1::2]: the hulls intersect, so NumPy's
/// // np.may_share_memory says True (np.shares_memory says False).
/// let even = Layout::new(&[5], &[2], 0).unwrap();
/// let odd = Layout::new(&[5], &[2], 1).unwrap();
/// assert!(may_share_memory(&even, 8, &odd, 8));
/// // x[:5] vs x[5:]: disjoint hulls, False in NumPy.
/// let head = Layout::new(&[5], &[1], 0).unwrap();
/// let tail = Layout::new(&[5], &[1], 5).unwrap();
/// assert!(!may_share_memory(&head, 8, &tail, 8));
/// ```
pub fn may_share_memory(a: &Layout, a_itemsize: usize, b: &Layout, b_itemsize: usize) -> bool {
    match (byte_extent(a, a_itemsize), byte_extent(b, b_itemsize)) {
        (Ok(Some(ea)), Ok(Some(eb))) => extents_intersect(ea, eb),
        (Ok(None), _) | (_, Ok(None)) => false,
        // An extent we cannot compute cannot be ruled out.
        _ => true,
    }
}

/// Exact: is there a byte that both `a` and `b` touch?
///
/// Both layouts are over one buffer (byte 0 is the same for both). Solves the
/// bounded Diophantine problem described in the [module docs](self), with
/// NumPy's algorithm and NumPy's unit of work.
///
/// `max_work`: `None` searches without limit (NumPy's default for
/// `np.shares_memory`); `Some(0)` is a bounds check that returns `TooHard`
/// whenever the extents intersect; `Some(n)` gives up after `n` units of work.
/// See [`DEFAULT_MAX_WORK`] for the cheap setting.
///
/// # Errors
/// * [`Error::TooHard`] when the work limit is reached before an answer.
/// * [`Error::Overflow`] when an intermediate does not fit an `i128`.
///
/// ```
/// use ndgpu::layout::Layout;
/// use ndgpu::layout::overlap::shares_memory;
/// # fn main() -> ndgpu::Result<()> {
/// // x = np.arange(10): np.shares_memory(x[::2], x[1::2]) is False,
/// // np.shares_memory(x[::-1], x) is True.
/// let even = Layout::new(&[5], &[2], 0)?;
/// let odd = Layout::new(&[5], &[2], 1)?;
/// assert!(!shares_memory(&even, 8, &odd, 8, None)?);
/// let rev = Layout::new(&[10], &[-1], 9)?;
/// let x = Layout::new(&[10], &[1], 0)?;
/// assert!(shares_memory(&rev, 8, &x, 8, None)?);
/// // A bounds-only budget cannot decide overlapping hulls.
/// assert!(matches!(
///     shares_memory(&even, 8, &odd, 8, Some(0)),
///     Err(ndgpu::Error::TooHard { max_work: 0 })
/// ));
/// # Ok(())
/// # }
/// ```
pub fn shares_memory(
    a: &Layout,
    a_itemsize: usize,
    b: &Layout,
    b_itemsize: usize,
    max_work: Option<u64>,
) -> Result<bool> {
    const OP: &str = "shares_memory";
    let (Some((lo_a, hi_a)), Some((lo_b, hi_b))) =
        (byte_extent(a, a_itemsize)?, byte_extent(b, b_itemsize)?)
    else {
        return Ok(false);
    };
    if !extents_intersect((lo_a, hi_a), (lo_b, hi_b)) {
        return Ok(false);
    }
    if max_work == Some(0) {
        return Err(Error::TooHard { max_work: 0 });
    }

    // Byte p of `a` is lo_a + sum(|sa| x) + y, byte q of `b` is
    // hi_b - 1 - sum(|sb| x') - y' (counting `b` down from its last byte,
    // which makes every coefficient positive). p == q gives
    //   sum(|sa| x) + y + sum(|sb| x') + y' = hi_b - 1 - lo_a,
    // and the mirror problem has right-hand side hi_a - 1 - lo_b. Both are
    // >= 0 because the extents intersect; the smaller one prunes better.
    let rhs_ab = hi_b.checked_sub(1).and_then(|h| h.checked_sub(lo_a));
    let rhs_ba = hi_a.checked_sub(1).and_then(|h| h.checked_sub(lo_b));
    let rhs = rhs_ab
        .zip(rhs_ba)
        .map(|(x, y)| x.min(y))
        .ok_or(Error::Overflow {
            op: OP,
            what: "byte extent".into(),
        })?;

    let mut terms = Vec::with_capacity(a.ndim() + b.ndim() + 2);
    push_axis_terms(OP, a, a_itemsize, &mut terms)?;
    push_axis_terms(OP, b, b_itemsize, &mut terms)?;
    for isz in [a_itemsize, b_itemsize] {
        if isz > 1 {
            terms.push(Term {
                a: 1,
                ub: isz as i128 - 1,
            });
        }
    }
    simplify(&mut terms, rhs);
    Solver::new(OP, terms, max_work, false)?.solve(rhs)
}

/// Exact: do two distinct multi-indices of `layout` touch a common byte?
///
/// True for a zero stride on an axis longer than 1 (`broadcast_to`), and for
/// `as_strided` windows whose elements overlap; false for any layout made by
/// slicing, transposing or reshaping a contiguous array. A view with internal
/// overlap must not be written to (the result would depend on write order).
///
/// `max_work` as in [`shares_memory`], counted as NumPy's
/// `solve_may_have_internal_overlap` does: C-contiguous (and empty) layouts
/// are answered at once, a zero stride on a long axis too, everything else
/// goes through the search (so `Some(0)` gives `TooHard` for them).
///
/// # Errors
/// [`Error::TooHard`] when the limit is reached; [`Error::Overflow`] when an
/// intermediate does not fit an `i128`.
pub fn has_internal_overlap(
    layout: &Layout,
    itemsize: usize,
    max_work: Option<u64>,
) -> Result<bool> {
    const OP: &str = "has_internal_overlap";
    // C-contiguous covers empty layouts; zero-size elements touch no byte.
    if itemsize == 0 || layout.is_c_contiguous() {
        return Ok(false);
    }
    let mut terms = Vec::with_capacity(layout.ndim() + 1);
    for (&len, &st) in layout.shape.iter().zip(&layout.strides) {
        if len <= 1 {
            // A single index along this axis cannot differ.
            continue;
        }
        if st == 0 {
            // Indices 0 and 1 of this axis are the same bytes.
            return Ok(true);
        }
        terms.push(Term {
            a: byte_stride(OP, st, itemsize)?,
            ub: len as i128 - 1,
        });
    }
    if itemsize > 1 {
        terms.push(Term {
            a: 1,
            ub: itemsize as i128 - 1,
        });
    }
    // Two index vectors x0 != x1 with sum(A x0) = sum(A x1). Mirroring x1
    // (x1 -> U - x1) and setting z = x0 + (U - x1) gives
    //   sum(A z) = sum(A U),  0 <= z <= 2U,  z != U,
    // where z == U is exactly x0 == x1. (Two byte positions of the same
    // element never collide, so any solution names two distinct elements.)
    // Merging equal coefficients would lose the `z != U` test, so the terms
    // are only doubled and sorted, not simplified.
    let mut rhs: i128 = 0;
    for t in &mut terms {
        rhs =
            t.a.checked_mul(t.ub)
                .and_then(|p| rhs.checked_add(p))
                .ok_or(Error::Overflow {
                    op: OP,
                    what: "byte extent".into(),
                })?;
        t.ub *= 2; // ub < 2^63, cannot overflow i128
    }
    sort_terms(&mut terms);
    Solver::new(OP, terms, max_work, true)?.solve(rhs)
}

// ---------------------------------------------------------------------------
// internals

/// Half-open byte ranges intersect (both non-empty by construction).
fn extents_intersect((lo_a, hi_a): (i128, i128), (lo_b, hi_b): (i128, i128)) -> bool {
    lo_a < hi_b && lo_b < hi_a
}

/// `|stride| * itemsize` in bytes.
fn byte_stride(op: &'static str, stride: isize, itemsize: usize) -> Result<i128> {
    (stride as i128)
        .unsigned_abs()
        .checked_mul(itemsize as u128)
        .and_then(|v| i128::try_from(v).ok())
        .ok_or(Error::Overflow {
            op,
            what: "byte stride".into(),
        })
}

/// One term `a * x` with `0 <= x <= ub` of the equation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Term {
    a: i128,
    ub: i128,
}

/// Pushes one term per axis that can move (length > 1, non-zero stride).
fn push_axis_terms(
    op: &'static str,
    layout: &Layout,
    itemsize: usize,
    terms: &mut Vec<Term>,
) -> Result<()> {
    for (&len, &st) in layout.shape.iter().zip(&layout.strides) {
        if len <= 1 || st == 0 {
            continue;
        }
        terms.push(Term {
            a: byte_stride(op, st, itemsize)?,
            ub: len as i128 - 1,
        });
    }
    Ok(())
}

/// Largest coefficient first: the GCD chain then shrinks fastest and the
/// search has the fewest candidates near the root.
fn sort_terms(terms: &mut [Term]) {
    terms.sort_by_key(|t| std::cmp::Reverse(t.a));
}

/// Rewrites the terms into an equivalent (same feasibility) smaller problem:
/// equal coefficients merged (`a x + a y` over `[0,u]x[0,v]` is `a z` over
/// `[0,u+v]`), bounds cut to `rhs / a` (a larger `x` overshoots since all
/// terms are >= 0), terms that can then only be 0 dropped.
fn simplify(terms: &mut Vec<Term>, rhs: i128) {
    if rhs < 0 {
        return; // infeasible; the solver says so
    }
    sort_terms(terms);
    let mut merged: Vec<Term> = Vec::with_capacity(terms.len());
    for &t in terms.iter() {
        match merged.last_mut() {
            // ub < 2^64 each and at most 2*64+2 terms: the sum fits an i128.
            Some(last) if last.a == t.a => last.ub += t.ub,
            _ => merged.push(t),
        }
    }
    for t in &mut merged {
        t.ub = t.ub.min(rhs / t.a);
    }
    merged.retain(|t| t.ub != 0);
    *terms = merged;
}

/// Extended Euclid: `(g, gamma, epsilon)` with `gamma*a1 + epsilon*a2 == g ==
/// gcd(a1, a2)`, `|gamma| <= a2/g`, `|epsilon| <= a1/g`. Needs `a1, a2 > 0`.
fn ext_gcd(a1: i128, a2: i128) -> (i128, i128, i128) {
    // Invariant: r0 = s0*a1 + t0*a2 and r1 = s1*a1 + t1*a2.
    let (mut r0, mut r1) = (a1, a2);
    let (mut s0, mut s1) = (1i128, 0i128);
    let (mut t0, mut t1) = (0i128, 1i128);
    while r1 != 0 {
        let q = r0 / r1;
        // The coefficients stay bounded by a1, a2, so these cannot overflow.
        (r0, r1) = (r1, r0 - q * r1);
        (s0, s1) = (s1, s0 - q * s1);
        (t0, t1) = (t1, t0 - q * t1);
    }
    (r0, s0, t0)
}

/// `floor(n / d)` for `d > 0`.
fn floor_div(n: i128, d: i128) -> i128 {
    n.div_euclid(d)
}

/// `ceil(n / d)` for `d > 0`.
fn ceil_div(n: i128, d: i128) -> i128 {
    -(-n).div_euclid(d)
}

/// Outcome of one search branch.
enum Found {
    Yes,
    No,
}

/// The bounded Diophantine solver.
///
/// Terms `E[0..n]` (sorted by decreasing coefficient) are folded pairwise:
/// `chain[j]` is the term that stands for `E[0..=j+1]` together, with
/// coefficient `gcd(E[0].a, .., E[j+1].a)` and the bound that combination can
/// reach. Level `v` of the search solves the two-variable equation
/// `A1 x1 + A2 x2 = b` for `A1` = the fold of `E[0..v]` and `A2 = E[v].a`;
/// its solutions form one arithmetic line (extended Euclid), cut to the
/// bounds of both variables; each candidate `x2` is fixed and the search
/// continues with `b - A2 x2` one level down, until level 1 where `x1` is
/// `E[0]`'s own variable and any remaining candidate is a solution.
struct Solver {
    op: &'static str,
    terms: Vec<Term>,
    /// `chain[j]`: fold of `terms[0..=j+1]` (bound unused for the last one).
    chain: Vec<Term>,
    /// Bezout coefficients of each fold step.
    gamma: Vec<i128>,
    epsilon: Vec<i128>,
    /// Only solutions other than `x[i] = ub[i]/2` for all `i` count.
    nontrivial: bool,
    /// The current candidate (needed for the non-triviality test).
    x: Vec<i128>,
    max_work: Option<u64>,
    /// Units of work done, counted as NumPy does: one per closed branch.
    count: u64,
}

impl Solver {
    fn new(
        op: &'static str,
        terms: Vec<Term>,
        max_work: Option<u64>,
        nontrivial: bool,
    ) -> Result<Solver> {
        let n = terms.len();
        let mut chain = Vec::with_capacity(n.saturating_sub(1));
        let mut gamma = Vec::with_capacity(n.saturating_sub(1));
        let mut epsilon = Vec::with_capacity(n.saturating_sub(1));
        for j in 1..n {
            let prev = if j == 1 { terms[0] } else { chain[j - 2] };
            let (g, ga, ep) = ext_gcd(prev.a, terms[j].a);
            // x' = (prev.a x_prev + a_j x_j) / g, so its bound is this.
            let ub = if j + 1 < n {
                (prev.a / g)
                    .checked_mul(prev.ub)
                    .zip((terms[j].a / g).checked_mul(terms[j].ub))
                    .and_then(|(p, q)| p.checked_add(q))
                    .ok_or(Error::Overflow {
                        op,
                        what: "solver bound".into(),
                    })?
            } else {
                0 // the last fold's bound is never read
            };
            chain.push(Term { a: g, ub });
            gamma.push(ga);
            epsilon.push(ep);
        }
        Ok(Solver {
            op,
            x: vec![0; n],
            terms,
            chain,
            gamma,
            epsilon,
            nontrivial,
            max_work,
            count: 0,
        })
    }

    fn solve(mut self, b: i128) -> Result<bool> {
        if self.terms.iter().any(|t| t.ub < 0) || b < 0 {
            return Ok(false);
        }
        let n = self.terms.len();
        match n {
            // Zero or one variable: the only solution (if any) is forced,
            // so for the internal-overlap problem it is the trivial one.
            0 => Ok(!self.nontrivial && b == 0),
            1 => {
                let t = self.terms[0];
                Ok(!self.nontrivial && b % t.a == 0 && b / t.a <= t.ub)
            }
            _ => Ok(matches!(self.dfs(n - 1, b)?, Found::Yes)),
        }
    }

    /// Closes a branch: one unit of work, NumPy's `++*count`.
    fn no(&mut self) -> Result<Found> {
        self.count += 1;
        Ok(Found::No)
    }

    fn dfs(&mut self, v: usize, b: i128) -> Result<Found> {
        if let Some(limit) = self.max_work
            && self.count >= limit
        {
            return Err(Error::TooHard { max_work: limit });
        }
        let op = self.op;
        let ovf = move || Error::Overflow {
            op,
            what: "solver intermediate".into(),
        };
        let Term { a: a1, ub: u1 } = if v == 1 {
            self.terms[0]
        } else {
            self.chain[v - 2]
        };
        let Term { a: a2, ub: u2 } = self.terms[v];
        let g = self.chain[v - 1].a;
        let (gamma, epsilon) = (self.gamma[v - 1], self.epsilon[v - 1]);

        if b % g != 0 {
            return self.no();
        }
        let c = b / g;
        let (c1, c2) = (a2 / g, a1 / g);
        // All solutions of a1 x1 + a2 x2 = b:
        //   x1 = gamma c + c1 t,  x2 = epsilon c - c2 t,  t integer.
        let x10 = gamma.checked_mul(c).ok_or_else(ovf)?;
        let x20 = epsilon.checked_mul(c).ok_or_else(ovf)?;
        // 0 <= x1 <= u1 and 0 <= x2 <= u2 bound t to [t_lo, t_hi].
        let t_lo = ceil_div(x10.checked_neg().ok_or_else(ovf)?, c1)
            .max(ceil_div(x20.checked_sub(u2).ok_or_else(ovf)?, c2));
        let t_hi = floor_div(u1.checked_sub(x10).ok_or_else(ovf)?, c1).min(floor_div(x20, c2));
        if t_lo > t_hi {
            return self.no();
        }
        // Within [t_lo, t_hi] both results lie in their bounds; the checks
        // only guard the intermediate products.
        let x_at = |t: i128| -> Option<(i128, i128)> {
            Some((
                x10.checked_add(c1.checked_mul(t)?)?,
                x20.checked_sub(c2.checked_mul(t)?)?,
            ))
        };

        if v == 1 {
            if !self.nontrivial {
                return Ok(Found::Yes);
            }
            // At most one candidate is the trivial solution, so a second
            // candidate is always a real one.
            if t_hi > t_lo {
                return Ok(Found::Yes);
            }
            let (x1, x2) = x_at(t_lo).ok_or_else(ovf)?;
            self.x[0] = x1;
            self.x[1] = x2;
            let trivial = self.x.iter().zip(&self.terms).all(|(&x, t)| x == t.ub / 2);
            return if trivial { self.no() } else { Ok(Found::Yes) };
        }

        let mut t = t_lo;
        while t <= t_hi {
            let (_, x2) = x_at(t).ok_or_else(ovf)?;
            self.x[v] = x2;
            // x2 <= u2 and a2 * u2 <= the byte extent, so no overflow in practice.
            let b2 = a2
                .checked_mul(x2)
                .and_then(|p| b.checked_sub(p))
                .ok_or_else(ovf)?;
            if let Found::Yes = self.dfs(v - 1, b2)? {
                return Ok(Found::Yes);
            }
            t += 1;
        }
        self.no()
    }
}

/// Whether a kernel that writes `dst` while reading `src` (both in one
/// buffer, `src` not element-for-element the same as `dst`) must read `src`
/// in full first: the exact test with NumPy's budget, and a problem too hard
/// to decide counts as overlapping, which is always safe.
pub fn must_stage(dst: &Layout, dst_itemsize: usize, src: &Layout, src_itemsize: usize) -> bool {
    shares_memory(dst, dst_itemsize, src, src_itemsize, Some(DEFAULT_MAX_WORK)).unwrap_or(true)
}

#[cfg(test)]
#[path = "overlap_tests.rs"]
mod tests;
