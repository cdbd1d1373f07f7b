//! The rows of a scan: the kept axes (any order: rows are independent)
//! and the scanned positions (C order, merged where they step as one).

use crate::layout::{Order, contiguous_strides, reach};

/// A kept axis: its length, and its stride in the input and the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OAx {
    pub len: usize,
    pub s_in: isize,
    pub s_out: isize,
}

/// A batch of independent scans over one input: row `r` (a position of
/// `outer`) scans the `L` elements at inner positions `0..L` (C order of
/// `inner`), writing element `j` at output `out_off + outer(r) + j * s_oi`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rows {
    pub outer: Vec<OAx>,
    /// (length, input stride), outermost first; at least one axis.
    pub inner: Vec<(usize, isize)>,
    pub s_oi: isize,
    pub in_off: isize,
    pub out_off: isize,
}

impl Rows {
    /// The scan of an array of `shape` and `strides` (input offset
    /// `in_off`) along `axis`, into a fresh C-contiguous output of the same
    /// shape; `None`: over every axis in C order into a 1-D output.
    pub(crate) fn of(
        shape: &[usize],
        strides: &[isize],
        in_off: usize,
        axis: Option<usize>,
    ) -> Rows {
        match axis {
            None => Rows {
                outer: Vec::new(),
                inner: shape.iter().copied().zip(strides.iter().copied()).collect(),
                s_oi: 1,
                in_off: in_off as isize,
                out_off: 0,
            },
            Some(k) => {
                let out = contiguous_strides(shape, Order::C);
                let outer = (0..shape.len())
                    .filter(|&a| a != k)
                    .map(|a| OAx {
                        len: shape[a],
                        s_in: strides[a],
                        s_out: out[a],
                    })
                    .collect();
                Rows {
                    outer,
                    inner: vec![(shape[k], strides[k])],
                    s_oi: out[k],
                    in_off: in_off as isize,
                    out_off: 0,
                }
            }
        }
    }

    /// A contiguous `[rows][len]` array scanned along its rows into another
    /// (chunk totals).
    pub(crate) fn dense(rows: usize, len: usize) -> Rows {
        Rows {
            outer: vec![OAx {
                len: rows,
                s_in: len as isize,
                s_out: len as isize,
            }],
            inner: vec![(len, 1)],
            s_oi: 1,
            in_off: 0,
            out_off: 0,
        }
        .normalise()
    }

    /// Drops length-1 axes; sorts the kept axes by decreasing input stride
    /// (memory order) and merges those that step as one in both strides;
    /// merges neighbouring scanned axes that step as one (their order is
    /// the scan's, so they are never reordered).
    pub(crate) fn normalise(mut self) -> Rows {
        let mut outer: Vec<OAx> = self.outer.into_iter().filter(|a| a.len != 1).collect();
        outer.sort_by_key(|a| std::cmp::Reverse((a.s_in.unsigned_abs(), a.s_out.unsigned_abs())));
        let mut merged: Vec<OAx> = Vec::with_capacity(outer.len());
        for a in outer {
            if let Some(last) = merged.last_mut() {
                let n = a.len as i128;
                if last.s_in as i128 == a.s_in as i128 * n
                    && last.s_out as i128 == a.s_out as i128 * n
                {
                    last.len *= a.len;
                    last.s_in = a.s_in;
                    last.s_out = a.s_out;
                    continue;
                }
            }
            merged.push(a);
        }
        self.outer = merged;
        let mut inner: Vec<(usize, isize)> = Vec::with_capacity(self.inner.len());
        for &(len, s) in self.inner.iter().filter(|a| a.0 != 1) {
            if let Some(last) = inner.last_mut()
                && last.1 as i128 == s as i128 * len as i128
            {
                last.0 *= len;
                last.1 = s;
                continue;
            }
            inner.push((len, s));
        }
        if inner.is_empty() {
            inner.push((1, 0));
        }
        self.inner = inner;
        self
    }

    /// Rows in the batch.
    pub(crate) fn n_rows(&self) -> usize {
        self.outer.iter().map(|a| a.len).product()
    }

    /// Elements per row.
    pub(crate) fn len(&self) -> usize {
        self.inner.iter().map(|a| a.0).product()
    }

    /// Lowest and highest input element index the batch reads.
    pub(crate) fn input_reach(&self) -> (isize, isize) {
        let (a, b) = reach(self.outer.iter().map(|a| (a.len, a.s_in)));
        let (c, d) = reach(self.inner.iter().copied());
        (self.in_off + a + c, self.in_off + b + d)
    }

    /// Whether neighbouring invocations should take neighbouring rows: the
    /// rows lie closer together in the input than a row's elements.
    pub(crate) fn row_fast(&self) -> bool {
        match (self.outer.last(), self.inner.last()) {
            (Some(o), Some(i)) => o.s_in.unsigned_abs() < i.1.unsigned_abs(),
            _ => false,
        }
    }
}
