//! Checked layout arithmetic: NumPy's limit on array sizes, the extent of a
//! strided walk computed without overflow, and the invariants every
//! [`Layout`] keeps so that nothing computed from one can overflow.
//!
//! # What every `Layout` satisfies
//!
//! [`Layout::new`] and [`Layout::contiguous`] check, and every view
//! operation keeps:
//!
//! 1. at most [`MAX_DIMS`](super::MAX_DIMS) axes;
//! 2. the product of the lengths, length-0 axes counted as 1, is at most
//!    `isize::MAX` (NumPy's rule for an item size of 1); so is every length,
//!    and [`Layout::size`] cannot overflow;
//! 3. no stride is `isize::MIN`, so every stride can be negated;
//! 4. every index a walk along the **non-empty** axes can compute,
//!    `offset + sum(i_k * stride_k)` with `0 <= i_k < max(len_k, 1)`, lies
//!    in `0..=isize::MAX`. This holds for empty layouts too (their length-0
//!    axes contribute nothing), because a slice or a flip moves the offset
//!    along the other axes even when no element exists.
//!
//! Given 4, the extent, the walker, `index_of`, `flip` and the offset moves
//! of `slice` are plain `isize` arithmetic that cannot overflow: every
//! partial sum is an index of the walk. The operations that only reorder,
//! drop or shrink axes (transpose, squeeze, slice, flip) keep the
//! invariants without checking; those that make new lengths or strides
//! (reshape, broadcast, expand_dims) check their result.
//!
//! # What an array adds
//!
//! An [`crate::Array`] also knows its item size, and keeps its layout's byte
//! form inside `isize` ([`Layout::check_bytes`]): NumPy's `size * itemsize`
//! rule ([`check_shape`]), every `stride * itemsize`, and every byte index
//! of the walk. Every place a shape or stride enters an array (creation,
//! `reshape`, `set_shape`, `expand_dims`, `broadcast_to`, `as_strided`)
//! checks it, so `strides_bytes`, `offset_bytes` and `nbytes` cannot
//! overflow.

use super::Layout;
use crate::error::{Error, Result, ShapeDisplay, StridesDisplay};

/// NumPy's limit on a shape: the product of the lengths, length-0 axes
/// counted as 1, times `itemsize` must be at most `isize::MAX` (so every
/// length is too). `np.empty((0, sys.maxsize), np.int8)` is allowed;
/// `np.empty((0, sys.maxsize, 2), np.int8)` and `np.empty((2**31, 2**31, 2),
/// np.int8)` raise "array is too big; `arr.size * arr.dtype.itemsize` is
/// larger than the maximum possible size", which is [`Error::TooBig`].
///
/// ```
/// use ndgpu::layout::bounds::check_shape;
/// let max = isize::MAX as usize;
/// assert!(check_shape("empty", &[0, max], 1).is_ok());
/// assert!(check_shape("empty", &[0, max, 2], 1).is_err());
/// assert!(check_shape("empty", &[1 << 31, 1 << 31, 2], 1).is_err());
/// ```
pub fn check_shape(op: &'static str, shape: &[usize], itemsize: usize) -> Result<()> {
    let too_big = || Error::TooBig {
        op,
        shape: ShapeDisplay(shape.to_vec()),
        itemsize,
    };
    let mut n = itemsize.max(1);
    for &d in shape {
        n = n.checked_mul(d.max(1)).ok_or_else(too_big)?;
    }
    if n > isize::MAX as usize {
        return Err(too_big());
    }
    Ok(())
}

/// The lowest and highest index, relative to the first element, that a walk
/// along the non-empty axes of `(len, stride)` computes: the sums of the
/// negative and of the positive `stride * (len - 1)`, length-0 axes counting
/// as length 1. Exact in `i128`; `None` only when a sum leaves `i128`,
/// which takes lengths that no valid shape has (their product would exceed
/// `isize::MAX`).
pub(crate) fn walk_reach(axes: impl IntoIterator<Item = (usize, isize)>) -> Option<(i128, i128)> {
    let (mut lo, mut hi) = (0i128, 0i128);
    for (len, stride) in axes {
        let steps = (len.max(1) - 1) as i128;
        let r = (stride as i128).checked_mul(steps)?;
        if r < 0 {
            lo = lo.checked_add(r)?;
        } else {
            hi = hi.checked_add(r)?;
        }
    }
    Some((lo, hi))
}

impl Layout {
    /// The layout's numbers for an error message.
    pub(crate) fn overflow(&self, op: &'static str, what: &'static str) -> Error {
        layout_overflow(op, what, &self.shape, &self.strides, self.offset as i128)
    }

    /// The lowest and highest index (inclusive, in elements) a walk along
    /// the non-empty axes reaches, for an empty layout too. Invariant 4 says
    /// both lie in `0..=isize::MAX`.
    pub(crate) fn walk_span(&self) -> Option<(i128, i128)> {
        let (lo, hi) = walk_reach(self.axes())?;
        let at = self.offset as i128;
        Some((at.checked_add(lo)?, at.checked_add(hi)?))
    }

    fn axes(&self) -> impl Iterator<Item = (usize, isize)> + '_ {
        self.shape.iter().copied().zip(self.strides.iter().copied())
    }

    /// Checks the invariants listed in the [module docs](self) (the rank
    /// and shape, no `isize::MIN` stride, every index of the walk in
    /// `0..=isize::MAX`).
    ///
    /// # Errors
    /// [`Error::TooManyDims`], [`Error::TooBig`], [`Error::InvalidLayout`]
    /// for a walk that reaches below index 0, [`Error::LayoutOverflow`] for
    /// one past `isize::MAX` or an `isize::MIN` stride.
    pub fn check_valid(&self, op: &'static str) -> Result<()> {
        super::check_ndim(op, self.ndim())?;
        check_shape(op, &self.shape, 1)?;
        if self.strides.contains(&isize::MIN) {
            return Err(self.overflow(op, "a stride of isize::MIN cannot be negated"));
        }
        let Some((lo, hi)) = self.walk_span() else {
            return Err(self.overflow(op, "the element indices overflow"));
        };
        if lo < 0 {
            return Err(Error::InvalidLayout {
                op,
                reason: format!(
                    "shape {}, strides {}, offset {} reaches element {lo}, before the start of any buffer",
                    ShapeDisplay(self.shape.to_vec()),
                    StridesDisplay(self.strides.to_vec()),
                    self.offset
                ),
            });
        }
        if hi > isize::MAX as i128 {
            return Err(self.overflow(op, "an element index exceeds isize::MAX"));
        }
        Ok(())
    }

    /// Whether [`Layout::check_valid`] passes.
    pub fn is_valid(&self) -> bool {
        self.check_valid("is_valid").is_ok()
    }

    /// Checks that the layout's byte form, for elements of `itemsize`
    /// bytes, fits an `isize`: NumPy's `size * itemsize` rule
    /// ([`check_shape`]), every `stride * itemsize`, and every byte of the
    /// walk (`(index + 1) * itemsize`). What an array's layout keeps, so
    /// that its `strides_bytes`, `offset_bytes` and `nbytes` cannot
    /// overflow.
    ///
    /// # Errors
    /// [`Error::TooBig`] for the shape, [`Error::LayoutOverflow`] otherwise.
    pub fn check_bytes(&self, op: &'static str, itemsize: usize) -> Result<()> {
        check_shape(op, &self.shape, itemsize)?;
        let isz = itemsize.max(1) as i128;
        let fits = |x: i128| x.checked_mul(isz).is_some_and(|b| b <= isize::MAX as i128);
        if !self.strides.iter().all(|&s| fits((s as i128).abs())) {
            return Err(self.overflow(op, "a stride in bytes exceeds isize::MAX"));
        }
        match self.walk_span() {
            Some((_, hi)) if hi.checked_add(1).is_some_and(fits) => Ok(()),
            _ => Err(self.overflow(op, "a byte offset exceeds isize::MAX")),
        }
    }

    /// Whether [`Layout::check_bytes`] passes.
    pub fn has_valid_bytes(&self, itemsize: usize) -> bool {
        self.check_bytes("has_valid_bytes", itemsize).is_ok()
    }
}

/// An [`Error::LayoutOverflow`] from raw parts.
pub(crate) fn layout_overflow(
    op: &'static str,
    what: &'static str,
    shape: &[usize],
    strides: &[isize],
    offset: i128,
) -> Error {
    Error::LayoutOverflow {
        op,
        what,
        shape: ShapeDisplay(shape.to_vec()),
        strides: StridesDisplay(strides.to_vec()),
        offset,
    }
}
