//! Reshape without a copy, as NumPy does it.
//!
//! * [`resolve_shape`] turns a requested shape with at most one unknown
//!   (negative) length into a concrete one, with NumPy's errors.
//! * [`Layout::reshape_view`] is NumPy's `ndarray.reshape(shape, order)`
//!   decision: the view layout when the strides allow one, `None` when NumPy
//!   would copy. It follows `_reshape_with_copy_arg` and
//!   `_attempt_nocopy_reshape` in `numpy/_core/src/multiarray/shape.c`
//!   step by step, so that even the strides of length-1 axes (which never
//!   change which elements are addressed, but are visible through
//!   `.strides`) match NumPy's.
//! * [`Layout::set_shape`] is `a.shape = shape`: the same test in C order,
//!   but where a copy would be needed it is an error.
//! * [`Layout::ravel_view`] is `ravel(order)`, which is stricter than
//!   `reshape(-1)`: it returns a view only when the layout is contiguous in
//!   the requested order.
//!
//! Strides here are in elements (NumPy's are in bytes: multiply by the item
//! size to compare). The offset never changes in a view reshape.

use super::{Dims, Layout, Order, Strides, check_ndim};
use crate::error::{Error, ReqShapeDisplay, Result, ShapeDisplay};

/// Resolves the unknown length of a requested shape against `size`, the
/// element count of the array being reshaped.
///
/// Like NumPy's `_fix_unknown_dimension`, **any** negative length is the
/// unknown one (`np.arange(6).reshape(-2, 3)` is `(2, 3)`; NumPy's maintainers
/// keep this on purpose), and there may be at most one.
///
/// Errors, in the order NumPy checks them while scanning left to right:
/// * a second negative length: [`Error::BadRequestedShape`] (NumPy: "can only
///   specify one unknown dimension");
/// * a product of the known lengths that overflows, an unknown length next to
///   a known product of 0 (`np.zeros(0).reshape(-1, 0)` fails in NumPy), a
///   known product that does not divide `size`, or, without an unknown, a
///   product different from `size`: [`Error::ReshapeSize`] ("cannot reshape
///   array of size 6 into shape (4,)");
/// * more than [`super::MAX_DIMS`] lengths: [`Error::TooManyDims`].
pub fn resolve_shape(op: &'static str, size: usize, req: &[isize]) -> Result<Dims> {
    check_ndim(op, req.len())?;
    let size_err = || Error::ReshapeSize {
        op,
        size,
        to: ReqShapeDisplay(req.to_vec()),
    };
    let mut unknown: Option<usize> = None;
    let mut known: usize = 1;
    for (i, &d) in req.iter().enumerate() {
        if d < 0 {
            if unknown.is_some() {
                return Err(Error::BadRequestedShape {
                    op,
                    to: ReqShapeDisplay(req.to_vec()),
                    reason: "can only specify one unknown dimension",
                });
            }
            unknown = Some(i);
        } else {
            // NumPy reports an overflowing product as a size mismatch, at the
            // point of the scan where it happens.
            known = match known.checked_mul(d as usize) {
                Some(k) if k <= isize::MAX as usize => k,
                _ => return Err(size_err()),
            };
        }
    }
    let mut out: Dims = req.iter().map(|&d| d.max(0) as usize).collect();
    match unknown {
        Some(i) => {
            if known == 0 || !size.is_multiple_of(known) {
                return Err(size_err());
            }
            out[i] = size / known;
        }
        None => {
            if known != size {
                return Err(size_err());
            }
        }
    }
    Ok(out)
}

impl Layout {
    /// The layout of `self.reshape(req, order)` as a view, or `Ok(None)` when
    /// NumPy would have to copy. `order` is the order in which elements are
    /// read from `self` and placed into the new shape (NumPy's `order=`, not
    /// the memory layout of the result).
    ///
    /// Exactly NumPy's decision (`_reshape_with_copy_arg`), in this order:
    /// 1. a request equal to the current shape (no unknown) returns the layout
    ///    unchanged, strides included, whatever `order` is;
    /// 2. the unknown length is resolved ([`resolve_shape`]; errors here);
    /// 3. a layout contiguous in `order` (by NumPy's flag rule, so any empty or
    ///    0-d layout) gets fresh contiguous strides for the new shape in
    ///    `order`, length-0 and length-1 axes included;
    /// 4. otherwise `_attempt_nocopy_reshape`: old length-1 axes are dropped,
    ///    old and new axes are grouped by equal products, each group of old
    ///    axes must step as one (zero strides pass when all are zero), new
    ///    strides are built from the group's innermost old stride, and
    ///    trailing new length-1 axes take the last stride (times the last
    ///    length in F order). A failing group means a copy: `None`.
    ///
    /// The offset is never changed.
    ///
    /// ```
    /// use ndgpu::{Layout, Order};
    /// // np.arange(9).reshape(3, 3): a view with fresh strides.
    /// let a = Layout::contiguous(&[9], Order::C).unwrap();
    /// let v = a.reshape_view(&[3, -1], Order::C).unwrap().unwrap();
    /// assert_eq!((v.shape(), v.strides()), (&[3, 3][..], &[3, 1][..]));
    ///
    /// // np.arange(6).reshape(2, 3).T.reshape(6) copies (None) ...
    /// let t = Layout::contiguous(&[2, 3], Order::C).unwrap().t();
    /// assert_eq!(t.reshape_view(&[6], Order::C).unwrap(), None);
    /// // ... but reading it in F order is a view (it is F-contiguous).
    /// let f = t.reshape_view(&[6], Order::F).unwrap().unwrap();
    /// assert_eq!(f.strides(), &[1]);
    ///
    /// // np.arange(6).reshape(4) is an error, not a copy.
    /// assert!(a.reshape_view(&[4], Order::C).is_err());
    /// ```
    pub fn reshape_view(&self, req: &[isize], order: Order) -> Result<Option<Layout>> {
        // NumPy's "quick check": the same shape is a plain view, before any
        // -1 is resolved (a negative entry never equals a length).
        if req.len() == self.ndim()
            && req
                .iter()
                .zip(&self.shape)
                .all(|(&r, &d)| r >= 0 && r as usize == d)
        {
            return Ok(Some(self.clone()));
        }
        let shape = resolve_shape("reshape", self.size(), req)?;
        // NumPy: "array is too big" (an empty array can take any lengths
        // beside its 0, e.g. np.zeros(0).reshape(0, 2**62, 4)).
        super::bounds::check_shape("reshape", &shape, 1)?;
        let view = if self.is_contiguous(order) {
            Layout {
                strides: super::contiguous_strides(&shape, order),
                shape,
                offset: self.offset,
            }
        } else {
            match nocopy_strides(self, &shape, order)? {
                Some(strides) => Layout {
                    shape,
                    strides,
                    offset: self.offset,
                },
                None => return Ok(None),
            }
        };
        // Fresh strides of an empty layout make a new walk, which must fit
        // beside the offset too (every other case walks the old indices).
        view.check_valid("reshape")?;
        Ok(Some(view))
    }

    /// The layout after `a.shape = req`: [`Layout::reshape_view`] in C order,
    /// where a needed copy is [`Error::IncompatibleInPlaceShape`] (NumPy's
    /// `AttributeError`: "Incompatible shape for in-place modification. Use
    /// \`.reshape()\` to make a copy with the desired shape."). Size errors
    /// come first, as in NumPy.
    ///
    /// ```
    /// use ndgpu::{Error, Layout, Order};
    /// // a = np.ones((2, 3)).T; a.shape = 6  -> AttributeError
    /// let a = Layout::contiguous(&[2, 3], Order::C).unwrap().t();
    /// let err = a.set_shape(&[6]).unwrap_err();
    /// assert!(matches!(err, Error::IncompatibleInPlaceShape { .. }));
    /// assert_eq!(
    ///     err.to_string(),
    ///     "Incompatible shape for in-place modification. Use `.reshape()` \
    ///      to make a copy with the desired shape."
    /// );
    /// // a.shape = (3, 1, 2) works; NumPy gives strides (8, 48, 24) bytes.
    /// let b = a.set_shape(&[3, 1, 2]).unwrap();
    /// assert_eq!(b.strides(), &[1, 6, 3]);
    /// ```
    pub fn set_shape(&self, req: &[isize]) -> Result<Layout> {
        self.reshape_view(req, Order::C)?
            .ok_or_else(|| Error::IncompatibleInPlaceShape {
                from: ShapeDisplay(self.shape.to_vec()),
                to: ReqShapeDisplay(req.to_vec()),
            })
    }

    /// The layout of `self.ravel(order)` when NumPy returns a view, `None`
    /// when it copies.
    ///
    /// NumPy's `PyArray_Ravel` for order `'C'`/`'F'` returns a view only when
    /// the array is contiguous in that order (by the flag rule, so every empty
    /// or 0-d array); the view has shape `(size,)`, stride 1 and the same
    /// offset. Anything else is a copy, **even when `reshape(-1)` would be a
    /// view**: `np.arange(10)[::2].ravel()` copies while
    /// `np.arange(10)[::2].reshape(-1)` is a stride-2 view (checked with
    /// `np.shares_memory`). NumPy's orders `'A'` and `'K'` are not offered
    /// here: `'A'` is `F` when the layout is F- but not C-contiguous and `C`
    /// otherwise; `'K'` can also give a view of a permuted contiguous layout.
    pub fn ravel_view(&self, order: Order) -> Option<Layout> {
        if !self.is_contiguous(order) {
            return None;
        }
        Some(Layout {
            shape: smallvec::smallvec![self.size()],
            strides: smallvec::smallvec![1],
            offset: self.offset,
        })
    }
}

/// NumPy's `_attempt_nocopy_reshape`: strides that let `shape` (same size as
/// `old`, already resolved) view `old`'s elements in `order`, or `None`.
///
/// Only called for a layout that is not contiguous in `order`, hence non-empty
/// with at least one axis longer than 1; the loops below rely on equal,
/// non-zero sizes to terminate.
fn nocopy_strides(old: &Layout, shape: &[usize], order: Order) -> Result<Option<Strides>> {
    // A new stride is a product `stride * len` of its neighbour's. It is an
    // actual step of the walk, bounded by the old group's reach, unless its
    // own axis has length 1, where NumPy's product can exceed any integer
    // (NumPy wraps it in C) and the value is never used: that one falls
    // back to the neighbour's stride. An overflow anywhere else cannot
    // happen for a valid layout and is reported.
    let overflow = || old.overflow("reshape", "a new stride exceeds isize::MAX");
    let step = |len_here: usize, next: isize, times: usize| -> Result<isize> {
        match isize::try_from(times)
            .ok()
            .and_then(|t| next.checked_mul(t))
        {
            Some(s) if s != isize::MIN => Ok(s),
            _ if len_here == 1 => Ok(next),
            _ => Err(overflow()),
        }
    };
    // Length-1 axes never matter and would need special cases: drop them.
    let (od, os): (Vec<usize>, Vec<isize>) = old
        .shape
        .iter()
        .zip(&old.strides)
        .filter(|&(&d, _)| d != 1)
        .map(|(&d, &s)| (d, s))
        .unzip();
    debug_assert!(!od.is_empty() && !od.contains(&0));
    let nd = shape;
    let mut ns: Strides = smallvec::smallvec![0; nd.len()];

    // [oi, oj) and [ni, nj) are the groups of old and new axes being matched.
    let (mut oi, mut oj, mut ni, mut nj) = (0usize, 1usize, 0usize, 1usize);
    while ni < nd.len() && oi < od.len() {
        let mut np = nd[ni];
        let mut op = od[oi];
        while np != op {
            if np < op {
                // Trailing new length-1 axes are left for after the loop.
                np *= nd[nj];
                nj += 1;
            } else {
                op *= od[oj];
                oj += 1;
            }
        }
        // The old axes of the group must step as a single axis (a product
        // that does not fit cannot equal a stride).
        let times = |len: usize, s: isize| isize::try_from(len).ok().and_then(|l| l.checked_mul(s));
        for ok in oi..oj - 1 {
            let merges = match order {
                Order::C => times(od[ok + 1], os[ok + 1]) == Some(os[ok]),
                Order::F => times(od[ok], os[ok]) == Some(os[ok + 1]),
            };
            if !merges {
                return Ok(None);
            }
        }
        // New strides for the group, from its innermost old stride outwards.
        match order {
            Order::C => {
                ns[nj - 1] = os[oj - 1];
                for nk in (ni + 1..nj).rev() {
                    ns[nk - 1] = step(nd[nk - 1], ns[nk], nd[nk])?;
                }
            }
            Order::F => {
                ns[ni] = os[oi];
                for nk in ni + 1..nj {
                    ns[nk] = step(nd[nk], ns[nk - 1], nd[nk - 1])?;
                }
            }
        }
        ni = nj;
        nj += 1;
        oi = oj;
        oj += 1;
    }
    // Trailing new length-1 axes: the last stride (times the last length in F
    // order), exactly as NumPy sets them. `ni == 0` cannot happen here (see
    // above); NumPy would use the item size, i.e. 1.
    // (These axes all have length 1.)
    let last = if ni >= 1 {
        match order {
            Order::C => ns[ni - 1],
            Order::F => step(1, ns[ni - 1], nd[ni - 1])?,
        }
    } else {
        1
    };
    for s in &mut ns[ni..] {
        *s = last;
    }
    Ok(Some(ns))
}

#[cfg(test)]
mod tests {
    use super::*;
    // The random layouts (transposed, flipped, step-sliced, broadcast, odd
    // length-1 strides) shared by the layout tests.
    use crate::layout::tests::arb_layout;
    use proptest::prelude::*;

    fn lay(shape: &[usize], strides: &[isize], offset: usize) -> Layout {
        Layout::new(shape, strides, offset).unwrap()
    }

    // (from shape, from strides in elements, to, order) -> view strides or copy.
    // Every expected value is NumPy 2.4's output for float64 (byte strides
    // divided by 8): each row's source was built with
    // `np.lib.stride_tricks.as_strided(np.arange(4000.)[2000:], shape, 8*strides)`
    // (the comments name the ordinary NumPy expression it equals), reshaped
    // with `.reshape(to, order=..)`, and called a view when the result's data
    // pointer equals the source's (`np.shares_memory` is False for empty
    // arrays, so it cannot tell there).
    type Case = (
        &'static [usize],
        &'static [isize],
        &'static [isize],
        Order,
        Option<&'static [isize]>,
    );
    #[rustfmt::skip]
    const TABLE: &[Case] = &[
        // np.arange(9).reshape(3, 3): contiguous -> fresh strides
        (&[9], &[1], &[3, 3], Order::C, Some(&[3, 1])),
        // np.arange(6).reshape(2,3).reshape(-1)
        (&[2, 3], &[3, 1], &[-1], Order::C, Some(&[1])),
        // np.arange(6).reshape(2,3).reshape(3,2,order='F') -> copy (not F-contiguous,
        // and a C-contiguous 2-D array cannot be read in F order as one run)
        (&[2, 3], &[3, 1], &[3, 2], Order::F, None),
        // np.asfortranarray(np.arange(6.).reshape(2,3)): (2,3) strides (1,2)
        (&[2, 3], &[1, 2], &[3, 2], Order::F, Some(&[1, 3])),
        (&[2, 3], &[1, 2], &[6], Order::F, Some(&[1])),
        (&[2, 3], &[1, 2], &[3, 2], Order::C, None),
        // np.arange(6).reshape(2,3).T (3,2) strides (1,3)
        (&[3, 2], &[1, 3], &[6], Order::C, None),
        (&[3, 2], &[1, 3], &[3, 2], Order::C, Some(&[1, 3])), // same shape: unchanged
        (&[3, 2], &[1, 3], &[3, 1, 2], Order::C, Some(&[1, 6, 3])),
        // np.arange(24).reshape(2,3,4).T (4,3,2) strides (1,4,12)
        (&[4, 3, 2], &[1, 4, 12], &[4, 6], Order::C, None),
        (&[4, 3, 2], &[1, 4, 12], &[4, 6], Order::F, Some(&[1, 4])),
        // np.arange(10)[::2] (5,) stride 2
        (&[5], &[2], &[-1], Order::C, Some(&[2])),
        (&[5], &[2], &[5, 1], Order::C, Some(&[2, 2])),
        (&[5], &[2], &[1, 5], Order::C, Some(&[10, 2])),
        (&[5], &[2], &[5, 1], Order::F, Some(&[2, 10])),
        (&[5], &[2], &[1, 5, 1, 1], Order::F, Some(&[2, 2, 10, 10])),
        (&[5], &[2], &[1, 5, 1, 1], Order::C, Some(&[10, 2, 2, 2])),
        // np.arange(20).reshape(4,5)[:, ::2] (4,3) strides (5,2)
        (&[4, 3], &[5, 2], &[12], Order::C, None),
        (&[4, 3], &[5, 2], &[4, 3, 1], Order::C, Some(&[5, 2, 2])),
        (&[4, 3], &[5, 2], &[2, 2, 3], Order::C, Some(&[10, 5, 2])),
        // np.broadcast_to(np.arange(3), (4,3)) strides (0,1)
        (&[4, 3], &[0, 1], &[2, 2, 3], Order::C, Some(&[0, 0, 1])),
        (&[4, 3], &[0, 1], &[4, 3], Order::C, Some(&[0, 1])),
        (&[4, 3], &[0, 1], &[12], Order::C, None),
        (&[4, 3], &[0, 1], &[3, 4], Order::C, None),
        // np.broadcast_to(np.arange(3), (4,1,3)).reshape(2,2,3)
        (&[4, 1, 3], &[0, 1, 1], &[2, 2, 3], Order::C, Some(&[0, 0, 1])),
        // np.broadcast_to(np.arange(3)[:,None], (3,4)).reshape(12) -> copy
        (&[3, 4], &[1, 0], &[12], Order::C, None),
        // empty: always contiguous -> fresh strides (np.zeros((0,3)).reshape(3,0))
        (&[0, 3], &[3, 1], &[3, 0], Order::C, Some(&[1, 1])),
        (&[0, 3], &[3, 1], &[3, 0], Order::F, Some(&[1, 3])),
        // np.zeros((2,0,3)).transpose(2,0,1) (strides all 0 in NumPy 2.4)
        (&[3, 2, 0], &[0, 0, 0], &[6, 0], Order::C, Some(&[1, 1])),
        (&[3, 2, 0], &[0, 0, 0], &[0, 6], Order::F, Some(&[1, 1])),
        (&[3, 2, 0], &[0, 0, 0], &[-1], Order::C, Some(&[1])),
        // 0-d: np.zeros(()).reshape(()) and .reshape(1,1,1) (either order)
        (&[], &[], &[], Order::C, Some(&[])),
        (&[], &[], &[1, 1, 1], Order::C, Some(&[1, 1, 1])),
        (&[], &[], &[1, 1, 1], Order::F, Some(&[1, 1, 1])),
        // as_strided(np.arange(3.), (1,3), (7992,8)): length-1 stride kept by the
        // same-shape quick path, replaced when the layout is contiguous
        (&[1, 3], &[999, 1], &[1, 3], Order::C, Some(&[999, 1])),
        (&[1, 3], &[999, 1], &[1, -1], Order::C, Some(&[3, 1])),
        (&[1, 3], &[999, 1], &[3, 1], Order::C, Some(&[1, 1])),
        // as_strided(np.arange(6.), (1,3), (7992,16)): not contiguous
        (&[1, 3], &[999, 2], &[1, 3], Order::F, Some(&[999, 2])),
        (&[1, 3], &[999, 2], &[1, -1], Order::C, Some(&[6, 2])),
        (&[1, 3], &[999, 2], &[3, 1], Order::C, Some(&[2, 2])),
        (&[1, 3], &[999, 2], &[3], Order::C, Some(&[2])),
        // np.arange(24.).reshape(2,3,4)[::-1] strides (-12,4,1)
        (&[2, 3, 4], &[-12, 4, 1], &[6, 4], Order::C, None), // axis 0 runs backwards
        (&[2, 3, 4], &[-12, 4, 1], &[2, 3, 2, 2], Order::C, Some(&[-12, 4, 2, 1])),
        (&[2, 3, 4], &[-12, 4, 1], &[2, 12], Order::C, Some(&[-12, 1])),
        // np.arange(24.).reshape(2,3,4)[:, ::-1] strides (12,-4,1)
        (&[2, 3, 4], &[12, -4, 1], &[6, 4], Order::C, None),
        (&[2, 3, 4], &[12, -4, 1], &[2, 3, 2, 2], Order::C, Some(&[12, -4, 2, 1])),
    ];

    #[test]
    fn reshape_table_matches_numpy() {
        for (k, &(shape, strides, req, order, want)) in TABLE.iter().enumerate() {
            let l = lay(shape, strides, 2000);
            let got = l.reshape_view(req, order).unwrap();
            assert_eq!(
                got.as_ref().map(|v| v.strides().to_vec()),
                want.map(|w| w.to_vec()),
                "case {k}: {l:?}.reshape({req:?}, {order:?})"
            );
            if let Some(v) = got {
                assert_eq!(v.offset(), 2000, "case {k}: offset must not change");
                assert_eq!(v.size(), l.size(), "case {k}");
            }
        }
    }

    #[test]
    fn resolve_shape_matches_numpy() {
        // np.arange(6).reshape(...) / np.zeros(0).reshape(...) in NumPy 2.4
        let ok = |size, req: &[isize]| resolve_shape("reshape", size, req).unwrap().to_vec();
        assert_eq!(ok(6, &[-1]), [6]);
        assert_eq!(ok(6, &[2, -1]), [2, 3]);
        assert_eq!(ok(6, &[-2, 3]), [2, 3]); // any negative is "unknown"
        assert_eq!(ok(6, &[2, -3]), [2, 3]);
        assert_eq!(ok(0, &[-1]), [0]);
        assert_eq!(ok(0, &[3, -1]), [3, 0]);
        assert_eq!(ok(1, &[]), Vec::<usize>::new());
        assert_eq!(ok(1, &[1, -1, 1]), [1, 1, 1]);

        let err = |size, req: &[isize]| resolve_shape("reshape", size, req).unwrap_err();
        assert_eq!(
            err(6, &[4]),
            Error::ReshapeSize {
                op: "reshape",
                size: 6,
                to: ReqShapeDisplay(vec![4])
            }
        );
        assert_eq!(
            err(6, &[4]).to_string(),
            "reshape: cannot reshape array of size 6 into shape (4,)"
        );
        assert!(matches!(err(6, &[-1, 4]), Error::ReshapeSize { .. }));
        assert!(matches!(err(6, &[0, -1]), Error::ReshapeSize { .. }));
        // np.zeros(0).reshape(-1, 0): the unknown cannot be solved from 0
        assert!(matches!(err(0, &[-1, 0]), Error::ReshapeSize { .. }));
        assert!(matches!(err(0, &[-1, 5, 0]), Error::ReshapeSize { .. }));
        assert!(matches!(err(2, &[]), Error::ReshapeSize { .. }));
        assert_eq!(
            err(6, &[-1, -1]),
            Error::BadRequestedShape {
                op: "reshape",
                to: ReqShapeDisplay(vec![-1, -1]),
                reason: "can only specify one unknown dimension"
            }
        );
        // An overflowing known product is a size error (NumPy does the same).
        let big = isize::MAX / 2;
        assert!(matches!(err(6, &[big, big, -1]), Error::ReshapeSize { .. }));
        // ... reported before a second unknown further right, as NumPy scans.
        assert!(matches!(
            err(6, &[big, big, -1, -1]),
            Error::ReshapeSize { .. }
        ));
        assert!(matches!(
            err(6, &[-1, -1, big, big]),
            Error::BadRequestedShape { .. }
        ));
        assert!(matches!(err(1, &[1; 65]), Error::TooManyDims { .. }));
    }

    #[test]
    fn reshape_size_errors_propagate() {
        let a = Layout::contiguous(&[6], Order::C).unwrap();
        assert!(matches!(
            a.reshape_view(&[4], Order::C),
            Err(Error::ReshapeSize { size: 6, .. })
        ));
        assert!(matches!(
            a.reshape_view(&[-1, -1], Order::F),
            Err(Error::BadRequestedShape { .. })
        ));
        // a non-contiguous layout reports the size error, not a copy
        let t = Layout::contiguous(&[2, 3], Order::C).unwrap().t();
        assert!(matches!(
            t.reshape_view(&[7], Order::C),
            Err(Error::ReshapeSize { .. })
        ));
        assert!(matches!(t.set_shape(&[7]), Err(Error::ReshapeSize { .. })));
    }

    #[test]
    fn set_shape_seed_cases() {
        // a = np.ones((2,3)).T; a.shape = 6 -> AttributeError with this text
        let a = Layout::contiguous(&[2, 3], Order::C).unwrap().t();
        let e = a.set_shape(&[6]).unwrap_err();
        assert_eq!(
            e,
            Error::IncompatibleInPlaceShape {
                from: ShapeDisplay(vec![3, 2]),
                to: ReqShapeDisplay(vec![6])
            }
        );
        assert_eq!(
            e.to_string(),
            "Incompatible shape for in-place modification. Use `.reshape()` to make a copy with the desired shape."
        );
        // x = np.arange(12); x.shape = (3, -1) -> strides (32, 8) bytes
        let x = Layout::contiguous(&[12], Order::C).unwrap();
        let y = x.set_shape(&[3, -1]).unwrap();
        assert_eq!((y.shape(), y.strides()), (&[3, 4][..], &[4, 1][..]));
        // F-contiguous input is read in C order: a copy would be needed
        let f = Layout::contiguous(&[2, 3], Order::F).unwrap();
        assert!(f.set_shape(&[6]).is_err());
        assert_eq!(f.set_shape(&[2, 3]).unwrap(), f);
    }

    #[test]
    fn ravel_matches_numpy() {
        // np.arange(12).reshape(3,4): C ravel is a view, F ravel copies
        let c = Layout::contiguous(&[3, 4], Order::C).unwrap();
        let v = c.ravel_view(Order::C).unwrap();
        assert_eq!(
            (v.shape(), v.strides(), v.offset()),
            (&[12][..], &[1][..], 0)
        );
        assert_eq!(c.ravel_view(Order::F), None);
        // its .T: F ravel is a view, C ravel copies
        assert!(c.t().ravel_view(Order::F).is_some());
        assert_eq!(c.t().ravel_view(Order::C), None);
        // np.arange(10)[::2].ravel() copies although reshape(-1) is a view
        let s = lay(&[5], &[2], 0);
        assert_eq!(s.ravel_view(Order::C), None);
        assert_eq!(s.ravel_view(Order::F), None);
        assert!(s.reshape_view(&[-1], Order::C).unwrap().is_some());
        // 0-d -> (1,), empty -> (0,), offset kept
        let z = lay(&[], &[], 5);
        assert_eq!(z.ravel_view(Order::C), Some(lay(&[1], &[1], 5)));
        let e = lay(&[2, 0, 3], &[0, 0, 0], 5);
        assert_eq!(e.ravel_view(Order::F), Some(lay(&[0], &[1], 5)));
        // a broadcast layout copies
        assert_eq!(lay(&[4, 3], &[0, 1], 0).ravel_view(Order::C), None);
    }

    // ---- property tests -------------------------------------------------

    /// A random shape with exactly `size` elements (as factors, some 1s, maybe
    /// a -1), rank up to 5.
    fn arb_target(size: usize) -> impl Strategy<Value = Vec<isize>> {
        (
            prop::collection::vec(0usize..6, 0..=5),
            any::<bool>(),
            any::<usize>(),
        )
            .prop_map(move |(picks, use_unknown, pos)| {
                let mut rest = size;
                let mut out = Vec::new();
                for p in picks {
                    // choose a divisor of what is left (or 1)
                    let divs: Vec<usize> = (1..=rest.max(1))
                        .filter(|&d| rest.is_multiple_of(d))
                        .collect();
                    let d = if size == 0 {
                        [0, 1, 2][p % 3]
                    } else {
                        divs[p % divs.len()]
                    };
                    out.push(d as isize);
                    if size != 0 {
                        rest /= d;
                    }
                }
                if size == 0 && !out.contains(&0) {
                    out.push(0);
                } else if size != 0 {
                    out.push(rest as isize);
                }
                if use_unknown && size != 0 {
                    let i = pos % out.len();
                    out[i] = -1;
                }
                out
            })
    }

    /// Buffer indices in F order: C order of the reversed axes.
    fn f_indices(l: &Layout) -> Vec<isize> {
        l.t().indices()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, rng_seed: proptest::test_runner::RngSeed::Fixed(7), failure_persistence: None, ..ProptestConfig::default() })]

        /// Whenever a view is returned, it addresses exactly the parent's
        /// elements in the requested order; the offset is kept.
        #[test]
        fn reshape_view_is_correct((l, req) in arb_layout().prop_flat_map(|l| { let n = l.size(); (Just(l), arb_target(n)) }), f in any::<bool>()) {
            let order = if f { Order::F } else { Order::C };
            let got = l.reshape_view(&req, order).unwrap();
            if let Some(v) = &got {
                prop_assert_eq!(v.offset(), l.offset());
                let want_shape = resolve_shape("t", l.size(), &req).unwrap();
                prop_assert_eq!(v.shape(), &want_shape[..]);
                match order {
                    Order::C => prop_assert_eq!(v.indices(), l.indices()),
                    Order::F => prop_assert_eq!(f_indices(v), f_indices(&l)),
                }
            }
            // contiguous in the requested order always gives a view
            if l.is_contiguous(order) {
                prop_assert!(got.is_some());
            }
            // set_shape agrees with the C-order decision
            let s = l.set_shape(&req);
            match l.reshape_view(&req, Order::C).unwrap() {
                Some(v) => prop_assert_eq!(s.unwrap(), v),
                None => {
                    let copy_needed = matches!(s, Err(Error::IncompatibleInPlaceShape { .. }));
                    prop_assert!(copy_needed);
                }
            }
        }

        /// A reshape that only inserts or removes length-1 axes, or splits
        /// one axis into factors, never needs a copy (every old axis is its
        /// own group); reshaping back to the original shape is a view too.
        #[test]
        fn splitting_an_axis_never_copies(l in arb_layout(), pick in any::<usize>(), f in any::<bool>()) {
            let order = if f { Order::F } else { Order::C };
            if l.ndim() == 0 || l.is_empty() {
                return Ok(()); // nothing to split
            }
            let k = pick % l.ndim();
            let len = l.shape()[k];
            let divs: Vec<usize> = (1..=len).filter(|d| len % d == 0).collect();
            let d = divs[(pick / 7) % divs.len()];
            let mut req: Vec<isize> = l.shape().iter().map(|&x| x as isize).collect();
            req.splice(k..=k, [d as isize, (len / d) as isize, 1]);
            let v = l.reshape_view(&req, order).unwrap();
            prop_assert!(v.is_some(), "{:?} -> {:?}", l, req);
            let v = v.unwrap();
            match order {
                Order::C => prop_assert_eq!(v.indices(), l.indices()),
                Order::F => prop_assert_eq!(f_indices(&v), f_indices(&l)),
            }
            let back: Vec<isize> = l.shape().iter().map(|&x| x as isize).collect();
            prop_assert!(v.reshape_view(&back, order).unwrap().is_some());
        }

        /// ravel gives a view exactly when the layout is contiguous in that
        /// order, and the view walks the same elements.
        #[test]
        fn ravel_view_is_correct(l in arb_layout(), f in any::<bool>()) {
            let order = if f { Order::F } else { Order::C };
            match l.ravel_view(order) {
                Some(v) => {
                    prop_assert!(l.is_contiguous(order));
                    let want = match order { Order::C => l.indices(), Order::F => f_indices(&l) };
                    prop_assert_eq!(v.indices(), want);
                }
                None => prop_assert!(!l.is_contiguous(order)),
            }
        }

        /// `None` must mean that no view can exist, checked for the simplest
        /// target, 1-D: a 1-D view exists iff the element walk in `order` is
        /// an arithmetic progression (zero strides included), and NumPy's
        /// algorithm finds it exactly then.
        #[test]
        fn flatten_copies_only_when_needed(l in arb_layout(), f in any::<bool>()) {
            let order = if f { Order::F } else { Order::C };
            let walk = match order { Order::C => l.indices(), Order::F => f_indices(&l) };
            let arithmetic = walk.len() < 2
                || walk.windows(2).all(|w| w[1] - w[0] == walk[1] - walk[0]);
            let got = l.reshape_view(&[-1], order).unwrap();
            prop_assert_eq!(got.is_some(), arithmetic, "{:?} {:?}", l, order);
        }
    }
}
