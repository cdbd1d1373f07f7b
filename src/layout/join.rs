//! Layout math of the copies that join and repeat: the shapes of
//! `concatenate` and `stack` with NumPy's errors, the memory order NumPy
//! gives their output (`PyArray_CreateMultiSortedStridePerm`) and a
//! copy's order 'K' (`PyArray_CreateSortedStridePerm`), and the source and
//! destination layouts through which `repeat` and `tile` become copies from
//! broadcast (zero-stride) views.
//!
//! The errors carry NumPy 2.4's messages (each checked by running NumPy),
//! followed by the shapes in parentheses.

use smallvec::SmallVec;

use super::bounds::check_shape;
use super::{Dims, Layout, MAX_DIMS, Order, Strides, check_ndim, normalize_axis};
use crate::error::{Error, Result, format_tuple};

/// How many times `repeat` repeats each element, as NumPy's `repeats`
/// argument: one count for every element, or one count per element along
/// the axis (a list of length 1 counts for every element too).
///
/// Converts from a `usize` (`x.repeat(3, None)`) and from `usize` arrays,
/// slices or `Vec`s (`x.repeat([1, 0, 2], Some(1))`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repeats {
    /// Every element this many times.
    Each(usize),
    /// Element `i` along the axis `counts[i]` times.
    PerElement(Vec<usize>),
}

impl From<usize> for Repeats {
    fn from(n: usize) -> Repeats {
        Repeats::Each(n)
    }
}
impl From<&[usize]> for Repeats {
    fn from(c: &[usize]) -> Repeats {
        Repeats::PerElement(c.to_vec())
    }
}
impl<const N: usize> From<[usize; N]> for Repeats {
    fn from(c: [usize; N]) -> Repeats {
        Repeats::PerElement(c.to_vec())
    }
}
impl<const N: usize> From<&[usize; N]> for Repeats {
    fn from(c: &[usize; N]) -> Repeats {
        Repeats::PerElement(c.to_vec())
    }
}
impl From<Vec<usize>> for Repeats {
    fn from(c: Vec<usize>) -> Repeats {
        Repeats::PerElement(c)
    }
}
impl From<&Vec<usize>> for Repeats {
    fn from(c: &Vec<usize>) -> Repeats {
        Repeats::PerElement(c.clone())
    }
}

fn invalid(op: &'static str, reason: String) -> Error {
    Error::InvalidArgument { op, reason }
}

fn too_big(op: &'static str, shape: &[usize]) -> Error {
    Error::Overflow {
        op,
        what: format!(
            "the result's length along an axis of shape {}",
            format_tuple(shape)
        ),
    }
}

/// The shape of NumPy's `concatenate(arrays, axis)` of arrays of `shapes`,
/// and the axis normalized.
///
/// # Errors
/// NumPy's checks in NumPy's order, each naming `op`: an empty list
/// ("need at least one array to concatenate"), a 0-d first array,
/// `AxisOutOfBounds` against the first array's rank, then per array a
/// different rank or a different length on another axis (naming the axis
/// and both shapes), all `InvalidArgument` but the axis; `TooBig` for a
/// result past NumPy's size limit.
pub fn concat_shape(op: &'static str, shapes: &[&[usize]], axis: isize) -> Result<(Dims, usize)> {
    let Some(first) = shapes.first() else {
        return Err(invalid(op, "need at least one array to concatenate".into()));
    };
    let nd = first.len();
    if nd == 0 {
        return Err(invalid(
            op,
            "zero-dimensional arrays cannot be concatenated".into(),
        ));
    }
    let ax = normalize_axis(op, axis, nd)?;
    let mut out: Dims = Dims::from_slice(first);
    for (i, s) in shapes.iter().enumerate().skip(1) {
        if s.len() != nd {
            return Err(invalid(
                op,
                format!(
                    "all the input arrays must have same number of dimensions, but the array at index 0 has {nd} dimension(s) and the array at index {i} has {} dimension(s) (shapes {} and {})",
                    s.len(),
                    format_tuple(first),
                    format_tuple(s)
                ),
            ));
        }
        for d in 0..nd {
            if d == ax {
                out[d] = out[d].checked_add(s[d]).ok_or_else(|| too_big(op, &out))?;
            } else if s[d] != first[d] {
                return Err(invalid(
                    op,
                    format!(
                        "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {d}, the array at index 0 has size {} and the array at index {i} has size {} (concatenation axis {ax}; shapes {} and {})",
                        first[d],
                        s[d],
                        format_tuple(first),
                        format_tuple(s)
                    ),
                ));
            }
        }
    }
    check_shape(op, &out, 1)?;
    Ok((out, ax))
}

/// Checks NumPy's `stack(arrays, axis)` rules for arrays of `shapes` and
/// returns the new axis' position (normalized against the result's rank).
///
/// # Errors
/// `InvalidArgument` for an empty list ("need at least one array to
/// stack") or unequal shapes ("all input arrays must have the same shape",
/// naming the first that differs); then `AxisOutOfBounds`; `TooManyDims`.
pub fn stack_axis(op: &'static str, shapes: &[&[usize]], axis: isize) -> Result<usize> {
    let Some(first) = shapes.first() else {
        return Err(invalid(op, "need at least one array to stack".into()));
    };
    if let Some((i, s)) = shapes.iter().enumerate().find(|(_, s)| *s != first) {
        return Err(invalid(
            op,
            format!(
                "all input arrays must have the same shape (the array at index 0 has shape {} and the array at index {i} has shape {})",
                format_tuple(first),
                format_tuple(s)
            ),
        ));
    }
    check_ndim(op, first.len() + 1)?;
    normalize_axis(op, axis, first.len() + 1)
}

/// NumPy's `PyArray_CreateMultiSortedStridePerm`: the order of the axes
/// (outermost first) that the output of a join takes from its inputs.
/// A stable insertion sort by decreasing `|stride|`, where two axes are
/// compared in every input in which both are longer than 1; where inputs
/// disagree C order wins, and where none decides the axes keep their order.
pub fn multi_sorted_stride_perm(layouts: &[&Layout], ndim: usize) -> SmallVec<[usize; 8]> {
    let mut perm: SmallVec<[usize; 8]> = (0..ndim).collect();
    for i0 in 1..ndim {
        let mut ipos = i0;
        let ax0 = perm[i0];
        for i1 in (0..i0).rev() {
            let ax1 = perm[i1];
            let (mut ambig, mut swap) = (true, false);
            for l in layouts {
                if l.shape[ax0] != 1 && l.shape[ax1] != 1 {
                    if l.strides[ax0].unsigned_abs() <= l.strides[ax1].unsigned_abs() {
                        swap = false;
                    } else if ambig {
                        swap = true;
                    }
                    ambig = false;
                }
            }
            if !ambig {
                if swap {
                    ipos = i1;
                } else {
                    break;
                }
            }
        }
        if ipos != i0 {
            perm[ipos..=i0].rotate_right(1);
        }
    }
    perm
}

/// A fresh layout of `shape` (offset 0) whose axes lie in memory in the
/// order `perm` (outermost first): contiguous once permuted. Length-0 and
/// length-1 axes step as if they were longer, like [`Layout::contiguous`].
///
/// # Errors
/// `TooManyDims`, `TooBig` (NumPy's size limit).
pub fn layout_in_order(op: &'static str, shape: &[usize], perm: &[usize]) -> Result<Layout> {
    debug_assert_eq!(shape.len(), perm.len());
    check_ndim(op, shape.len())?;
    check_shape(op, shape, 1)?;
    let mut strides: Strides = SmallVec::from_elem(0, shape.len());
    // The product of max(len, 1) is at most isize::MAX (check_shape).
    let mut s: isize = 1;
    for &k in perm.iter().rev() {
        strides[k] = s;
        s = s.saturating_mul(shape[k].max(1) as isize);
    }
    Layout::new(shape, &strides, 0)
}

/// The layout NumPy gives a copy in order 'K' (`np.array(a, copy=True)`,
/// `PyArray_NewLikeArray`): C for a C-contiguous array or one with at most
/// one axis, F for an F-contiguous one, otherwise the axes sorted by
/// decreasing `|stride|` (ties keep their order; length-1 and zero-stride
/// axes take part, as in NumPy).
///
/// # Errors
/// As [`layout_in_order`].
pub fn keep_order(op: &'static str, l: &Layout) -> Result<Layout> {
    if l.ndim() <= 1 || l.is_c_contiguous() {
        return Layout::contiguous(&l.shape, Order::C);
    }
    if l.is_f_contiguous() {
        return Layout::contiguous(&l.shape, Order::F);
    }
    let mut perm: SmallVec<[usize; 8]> = (0..l.ndim()).collect();
    perm.sort_by_key(|&k| std::cmp::Reverse(l.strides[k].unsigned_abs()));
    layout_in_order(op, &l.shape, &perm)
}

/// One copy of a repeat or tile: `src` (a view of the input, often with
/// zero-stride axes) goes to `dst` (a view of the C-contiguous output).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Where the elements are read (in the input's buffer).
    pub src: Layout,
    /// Where they are written (in the output's buffer), same shape.
    pub dst: Layout,
}

/// Builds a layout from `(len, stride)` axes and an offset, checked.
fn from_axes(op: &'static str, axes: &[(usize, isize)], offset: usize) -> Result<Layout> {
    let shape: Dims = axes.iter().map(|a| a.0).collect();
    let strides: Strides = axes.iter().map(|a| a.1).collect();
    let l = Layout::new(&shape, &strides, offset)?;
    l.check_valid(op)?;
    Ok(l)
}

/// NumPy's `repeat(a, repeats, axis)` of an array laid out as `l`: the
/// output shape (C-contiguous), and `f` called with each [`Piece`] to copy.
/// A count for every element is one piece: the input with a zero-stride
/// axis of length `count` after `axis` (after the last axis, for `None`)
/// copied into the output seen with that axis split in two. Per-element
/// counts give one piece per run of equal counts along the axis (per row
/// of the last axis for `axis: None` on an array that does not flatten to
/// one strided axis), so they cost a launch per run.
///
/// A 0-d array repeats as one of shape `(1,)`, as in NumPy.
///
/// # Errors
/// `AxisOutOfBounds`; `InvalidArgument` for a count list whose length is
/// neither 1 nor the axis length (NumPy's "operands could not be broadcast
/// together with shape (3,) (2,)"); `Overflow`/`TooBig` for a result past
/// NumPy's size limit; whatever `f` returns.
pub fn repeat_pieces(
    l: &Layout,
    repeats: &Repeats,
    axis: Option<isize>,
    mut f: impl FnMut(Piece) -> Result<()>,
) -> Result<Dims> {
    let op = "repeat";
    // NumPy ravels for axis=None and takes a 0-d array as 1-D.
    let (src, ax): (Layout, usize) = match axis {
        None => match l.reshape_view(&[-1], Order::C)? {
            Some(flat) => (flat, 0),
            // Not one strided axis: handled row by row below.
            None => return repeat_rows(l, repeats, f),
        },
        Some(a) => {
            if l.ndim() == 0 {
                let one = Layout::new(&[1], &[0], l.offset)?;
                let ax = normalize_axis(op, a, 1)?;
                (one, ax)
            } else {
                let ax = normalize_axis(op, a, l.ndim())?;
                (l.clone(), ax)
            }
        }
    };
    let n = src.shape[ax];
    let counts = counts_for(op, repeats, n)?;
    let total = match counts {
        Counts::Each(c) => n.checked_mul(c),
        Counts::List(v) => v.iter().try_fold(0usize, |acc, &c| acc.checked_add(c)),
    }
    .ok_or_else(|| too_big(op, &src.shape))?;
    let mut out: Dims = src.shape.clone();
    out[ax] = total;
    let dst = Layout::contiguous(&out, Order::C)?;
    if dst.is_empty() {
        return Ok(out);
    }
    match counts {
        Counts::Each(c) => {
            run_pieces(op, &src, &dst, (ax, 0, n, c, 0), &mut f)?;
        }
        Counts::List(v) => {
            let (mut i, mut at) = (0usize, 0usize);
            while i < n {
                let c = v[i];
                let j = (i..n).find(|&j| v[j] != c).unwrap_or(n);
                if c > 0 {
                    run_pieces(op, &src, &dst, (ax, i, j - i, c, at), &mut f)?;
                }
                at += (j - i) * c; // at most total
                i = j;
            }
        }
    }
    Ok(out)
}

/// The copies of elements `i..i+m` of axis `ax` of `src`, each `c` times,
/// into positions `at..at+m*c` of the same axis of `dst`: one piece with
/// an extra zero-stride axis of length `c`, or, where that extra axis
/// would pass [`MAX_DIMS`], one piece per copy.
fn run_pieces(
    op: &'static str,
    src: &Layout,
    dst: &Layout,
    (ax, i, m, c, at): (usize, usize, usize, usize, usize),
    f: &mut impl FnMut(Piece) -> Result<()>,
) -> Result<()> {
    let split = src.ndim() < MAX_DIMS;
    let ds = dst.strides[ax];
    let step = ds
        .checked_mul(c as isize)
        .ok_or_else(|| dst.overflow(op, "a repeated run's stride"))?;
    let mut s_axes: SmallVec<[(usize, isize); 8]> = SmallVec::new();
    let mut d_axes: SmallVec<[(usize, isize); 8]> = SmallVec::new();
    for k in 0..src.ndim() {
        if k == ax {
            // (m, c): each element, then its copies.
            s_axes.push((m, src.strides[k]));
            d_axes.push((m, step));
            if split {
                s_axes.push((c, 0));
                d_axes.push((c, ds));
            }
        } else {
            s_axes.push((src.shape[k], src.strides[k]));
            d_axes.push((dst.shape[k], dst.strides[k]));
        }
    }
    // i < len and at < out len: both inside their walks.
    let s_off = (src.offset as isize + i as isize * src.strides[ax]) as usize;
    let d_off = (dst.offset as isize + at as isize * ds) as usize;
    let s = from_axes(op, &s_axes, s_off)?;
    if split {
        return f(Piece {
            src: s,
            dst: from_axes(op, &d_axes, d_off)?,
        });
    }
    for copy in 0..c {
        // copy < c: the position at + copy is inside the output's walk.
        let off = (d_off as isize + copy as isize * ds) as usize;
        f(Piece {
            src: s.clone(),
            dst: from_axes(op, &d_axes, off)?,
        })?;
    }
    Ok(())
}

/// `repeat(axis=None)` of an array that does not flatten to one strided
/// axis: the flat order walked row by row of the last axis.
fn repeat_rows(
    l: &Layout,
    repeats: &Repeats,
    mut f: impl FnMut(Piece) -> Result<()>,
) -> Result<Dims> {
    let op = "repeat";
    let size = l.size();
    let counts = counts_for(op, repeats, size)?;
    let total = match counts {
        Counts::Each(c) => size.checked_mul(c),
        Counts::List(v) => v.iter().try_fold(0usize, |acc, &c| acc.checked_add(c)),
    }
    .ok_or_else(|| too_big(op, &l.shape))?;
    let out: Dims = smallvec::smallvec![total];
    let dst = Layout::contiguous(&out, Order::C)?;
    if size == 0 || total == 0 {
        return Ok(out);
    }
    // Not flattenable means at least 2 axes, none empty.
    let last = l.ndim() - 1;
    let row_len = l.shape[last];
    let rows = Layout {
        shape: l.shape[..last].into(),
        strides: l.strides[..last].into(),
        offset: l.offset,
    };
    let mut flat = 0usize; // flat index of the row's first element
    let mut at = 0usize; // output position
    let mut result = Ok(());
    rows.for_each_index(|row_start| {
        if result.is_err() {
            return;
        }
        let row = Layout {
            shape: smallvec::smallvec![row_len],
            strides: smallvec::smallvec![l.strides[last]],
            offset: row_start as usize,
        };
        let mut j = 0usize;
        while j < row_len {
            let c = counts.at(flat + j);
            let e = (j..row_len)
                .find(|&e| counts.at(flat + e) != c)
                .unwrap_or(row_len);
            if c > 0 {
                let pieces = run_pieces(op, &row, &dst, (0, j, e - j, c, at), &mut f);
                if let Err(err) = pieces {
                    result = Err(err);
                    return;
                }
            }
            at += (e - j) * c;
            j = e;
        }
        flat += row_len;
    });
    result.map(|()| out)
}

/// The counts of a repeat checked against the axis length `n`.
#[derive(Clone, Copy)]
enum Counts<'a> {
    Each(usize),
    List(&'a [usize]),
}

impl Counts<'_> {
    fn at(&self, i: usize) -> usize {
        match self {
            Counts::Each(c) => *c,
            Counts::List(v) => v[i],
        }
    }
}

fn counts_for<'a>(op: &'static str, repeats: &'a Repeats, n: usize) -> Result<Counts<'a>> {
    match repeats {
        Repeats::Each(c) => Ok(Counts::Each(*c)),
        Repeats::PerElement(v) if v.len() == 1 => Ok(Counts::Each(v[0])),
        Repeats::PerElement(v) if v.len() == n => Ok(Counts::List(v)),
        Repeats::PerElement(v) => Err(invalid(
            op,
            format!(
                "operands could not be broadcast together with shape ({n},) ({},) ({n} elements to repeat, {} counts given)",
                v.len(),
                v.len()
            ),
        )),
    }
}

/// NumPy's `tile(a, reps)` of an array laid out as `l`: the output shape,
/// and `f` called with each [`Piece`] to copy into the C-contiguous output.
///
/// `a` gains leading length-1 axes up to `reps.len()` axes, and `reps`
/// leading 1s up to `a`'s rank. Output axis `i` is `len_i * reps_i`; it is
/// one copy from the input seen with a zero-stride axis of length `reps_i`
/// before each repeated axis into the output seen with that axis split in
/// two. Where that view would pass [`MAX_DIMS`] axes (inputs of more than
/// 32 axes), the outermost repeated axes are walked one repetition per
/// piece instead.
///
/// All-ones `reps` (a plain copy in NumPy, in order 'K') are the caller's
/// business: this always describes the C-contiguous output.
///
/// # Errors
/// `TooManyDims`, `Overflow`/`TooBig` for an output past NumPy's size
/// limit; whatever `f` returns.
pub fn tile_pieces(
    l: &Layout,
    reps: &[usize],
    mut f: impl FnMut(Piece) -> Result<()>,
) -> Result<Dims> {
    let op = "tile";
    let nd = l.ndim().max(reps.len());
    check_ndim(op, nd)?;
    // Leading 1s on both sides.
    let pad_a = nd - l.ndim();
    let pad_r = nd - reps.len();
    let len = |k: usize| if k < pad_a { 1 } else { l.shape[k - pad_a] };
    let stride = |k: usize| if k < pad_a { 0 } else { l.strides[k - pad_a] };
    let rep = |k: usize| if k < pad_r { 1 } else { reps[k - pad_r] };
    let mut out = Dims::with_capacity(nd);
    for k in 0..nd {
        out.push(
            len(k)
                .checked_mul(rep(k))
                .ok_or_else(|| too_big(op, l.shape()))?,
        );
    }
    let dst = Layout::contiguous(&out, Order::C)?;
    if dst.is_empty() {
        return Ok(out);
    }
    // Axes that need a (reps, len) pair; the first `excess` of them are
    // walked one repetition at a time instead.
    let paired: SmallVec<[usize; 8]> = (0..nd).filter(|&k| rep(k) != 1 && len(k) != 1).collect();
    let excess = (nd + paired.len()).saturating_sub(MAX_DIMS);
    let peeled = &paired[..excess];
    let mut t: SmallVec<[usize; 8]> = SmallVec::from_elem(0, peeled.len());
    loop {
        let mut s_axes: SmallVec<[(usize, isize); 16]> = SmallVec::new();
        let mut d_axes: SmallVec<[(usize, isize); 16]> = SmallVec::new();
        let mut d_off = 0usize;
        for k in 0..nd {
            let (n, r, ds) = (len(k), rep(k), dst.strides[k]);
            if let Some(p) = peeled.iter().position(|&q| q == k) {
                s_axes.push((n, stride(k)));
                d_axes.push((n, ds));
                // t[p] * n < out[k]: a position of the output's walk.
                d_off += t[p] * n * ds as usize;
            } else if r != 1 && n != 1 {
                s_axes.push((r, 0));
                s_axes.push((n, stride(k)));
                d_axes.push((r, (n as isize) * ds));
                d_axes.push((n, ds));
            } else if r != 1 {
                s_axes.push((r, 0));
                d_axes.push((r, ds));
            } else {
                s_axes.push((n, stride(k)));
                d_axes.push((n, ds));
            }
        }
        f(Piece {
            src: from_axes(op, &s_axes, l.offset)?,
            dst: from_axes(op, &d_axes, d_off)?,
        })?;
        // Next repetition of the peeled axes (odometer, last fastest).
        let mut p = peeled.len();
        loop {
            if p == 0 {
                return Ok(out);
            }
            p -= 1;
            t[p] += 1;
            if t[p] < rep(peeled[p]) {
                break;
            }
            t[p] = 0;
        }
    }
}

#[cfg(test)]
#[path = "join_tests.rs"]
mod tests;
