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
#[path = "reshape_tests.rs"]
mod tests;
