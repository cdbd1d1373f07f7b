//! The reduction problem: kept (outer) and reduced (inner) axes in memory
//! order, merged where they step as one, and the inner box cut into pieces
//! that fit a binding and a grid.

use super::*;

/// An outer (kept) axis: length, input stride, and output stride (in
/// output elements, C order of the kept axes).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct OAx {
    pub(super) len: usize,
    pub(super) s_in: isize,
    pub(super) s_out: isize,
}

/// An inner (reduced) axis: length, input stride, and logical-index weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct IAx {
    pub(super) len: usize,
    pub(super) s_in: isize,
    pub(super) w: u64,
}

/// A reduction of one input: every output (outer position) folds the
/// elements of the inner box at its position.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Problem {
    pub(super) outer: Vec<OAx>,
    pub(super) inner: Vec<IAx>,
    /// Input element index of the origin.
    pub(super) in_off: isize,
    /// Output index (C order of the kept axes) of the origin.
    pub(super) out_off: isize,
    /// Logical index of the inner origin.
    pub(super) idx_base: u64,
}

/// Sorts axes by decreasing `|stride|` (stable) and merges neighbours that
/// step as one in every stride (`key`), dropping length-1 axes.
pub(super) fn merge_axes<A: Copy>(
    mut axes: Vec<A>,
    len: impl Fn(&A) -> usize,
    set_len: impl Fn(&mut A, usize),
    strides: impl Fn(&A) -> [i128; 3],
    pick_inner: impl Fn(&mut A, &A),
) -> Vec<A> {
    axes.retain(|a| len(a) != 1);
    axes.sort_by_key(|a| {
        let s = strides(a);
        std::cmp::Reverse([s[0].abs(), s[1].abs(), s[2].abs()])
    });
    let mut out: Vec<A> = Vec::with_capacity(axes.len());
    for a in axes {
        if let Some(last) = out.last_mut() {
            let (sl, sa) = (strides(last), strides(&a));
            let n = len(&a) as i128;
            if (0..3).all(|k| sl[k] == sa[k] * n) {
                let merged = len(last) * len(&a);
                set_len(last, merged);
                pick_inner(last, &a);
                continue;
            }
        }
        out.push(a);
    }
    out
}

impl Problem {
    /// The reduction of a contiguous `[n_out][slots]` array of partial
    /// results over its last axis (a tree's next level, or the parts of a
    /// split reduction).
    pub(super) fn over_slots(n_out: usize, slots: usize) -> Problem {
        Problem {
            outer: if n_out > 1 {
                vec![OAx {
                    len: n_out,
                    s_in: slots as isize,
                    s_out: 1,
                }]
            } else {
                Vec::new()
            },
            inner: vec![IAx {
                len: slots,
                s_in: 1,
                w: 0,
            }],
            in_off: 0,
            out_off: 0,
            idx_base: 0,
        }
    }

    pub(super) fn normalise(mut self) -> Problem {
        self.outer = merge_axes(
            self.outer,
            |a| a.len,
            |a, n| a.len = n,
            |a| [a.s_in as i128, a.s_out as i128, 0],
            |a, b| {
                a.s_in = b.s_in;
                a.s_out = b.s_out;
            },
        );
        self.inner = merge_axes(
            self.inner,
            |a| a.len,
            |a, n| a.len = n,
            |a| [a.s_in as i128, a.w as i128, 0],
            |a, b| {
                a.s_in = b.s_in;
                a.w = b.w;
            },
        );
        self
    }

    pub(super) fn n_outer(&self) -> usize {
        self.outer.iter().map(|a| a.len).product()
    }
    pub(super) fn n_inner(&self) -> usize {
        self.inner.iter().map(|a| a.len).product()
    }

    /// Whether the narrow mapping (an invocation per output) suits: several
    /// outputs, and either few elements each or outputs closer in memory
    /// than the reduced elements.
    pub(super) fn narrow(&self) -> bool {
        let (Some(o), n) = (self.outer.last(), self.n_inner()) else {
            return false;
        };
        n <= NARROW_CHUNK
            || self
                .inner
                .last()
                .is_none_or(|i| o.s_in.unsigned_abs() < i.s_in.unsigned_abs())
    }
}

/// A piece of the inner box (all outputs share the same cut).
#[derive(Debug, Clone)]
pub(super) struct Piece {
    pub(super) inner: Vec<IAx>,
    pub(super) in_off: isize,
    pub(super) idx: u64,
    pub(super) slot: usize,
    pub(super) chunks: usize,
    /// Lanes per output in the wide mapping (a power of two; 1 when narrow).
    pub(super) lanes: usize,
}

/// Cuts the inner box until one output's elements span at most `max_span`
/// input elements and number at most `max_n`.
pub(super) fn cut_inner(
    inner: Vec<IAx>,
    in_off: isize,
    idx: u64,
    max_span: usize,
    max_n: usize,
    out: &mut Vec<Piece>,
) {
    let (lo, hi) = reach(inner.iter().map(|a| (a.len, a.s_in)));
    let span = (hi - lo) as usize + 1;
    let n: usize = inner.iter().map(|a| a.len).product();
    let axis = if span > max_span {
        (0..inner.len())
            .filter(|&k| inner[k].len > 1)
            .max_by_key(|&k| inner[k].s_in.unsigned_abs() * (inner[k].len - 1))
    } else if n > max_n {
        (0..inner.len())
            .filter(|&k| inner[k].len > 1)
            .max_by_key(|&k| inner[k].len)
    } else {
        None
    };
    match axis {
        None => out.push(Piece {
            inner,
            in_off,
            idx,
            slot: 0,
            chunks: 0,
            lanes: 1,
        }),
        Some(k) => {
            let at = inner[k].len / 2;
            let mut a = inner.clone();
            let mut b = inner;
            a[k].len = at;
            b[k].len -= at;
            let (s, w) = (b[k].s_in, b[k].w);
            cut_inner(a, in_off, idx, max_span, max_n, out);
            cut_inner(
                b,
                in_off + s * at as isize,
                idx + w * at as u64,
                max_span,
                max_n,
                out,
            );
        }
    }
}
