//! Pure layout math: the array descriptor (shape, strides, offset) and every
//! view operation as a function `&Layout -> Result<Layout>`. Nothing here knows
//! about wgpu or any buffer; it is tested exhaustively on the CPU.
//!
//! Units: **strides and offsets are in elements**, signed for strides (a
//! negative stride walks backwards, a zero stride repeats an element). Bytes
//! appear only at the edges (`strides_bytes`, byte extents), where the item
//! size is multiplied in.

pub mod advanced;
pub mod bounds;
pub mod compact;
pub mod join;
mod ops;
pub use ops::{broadcast_shapes, coalesce};
pub mod overlap;
pub mod reshape;
pub mod slice;
pub mod tricks;

#[cfg(test)]
mod compact_tests;
#[cfg(test)]
mod overflow_tests;
#[cfg(test)]
mod tests;

use smallvec::SmallVec;

use crate::error::{Error, Result};

/// Shape storage: inline for up to 6 axes, so small-rank descriptors never allocate.
pub type Dims = SmallVec<[usize; 6]>;
/// Stride storage (in elements, signed): inline for up to 6 axes.
pub type Strides = SmallVec<[isize; 6]>;

/// The most axes a layout may have (NumPy's `NPY_MAXDIMS`).
pub const MAX_DIMS: usize = 64;

/// Memory order of a contiguous layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Order {
    /// Row-major: the last axis varies fastest.
    #[default]
    C,
    /// Column-major (Fortran): the first axis varies fastest.
    F,
}

/// A strided descriptor over a flat buffer of elements.
///
/// Element `[i0, i1, ..]` lives at buffer index `offset + sum(ik * strides[k])`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Layout {
    /// Length of each axis.
    pub(crate) shape: Dims,
    /// Distance between neighbours along each axis, **in elements**, signed.
    pub(crate) strides: Strides,
    /// Buffer index of the first logical element, **in elements**.
    pub(crate) offset: usize,
}

impl std::fmt::Debug for Layout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Layout {{ shape: {:?}, strides: {:?}, offset: {} }}",
            self.shape.as_slice(),
            self.strides.as_slice(),
            self.offset
        )
    }
}

/// Checks that `ndim` does not exceed [`MAX_DIMS`].
pub(crate) fn check_ndim(op: &'static str, ndim: usize) -> Result<()> {
    if ndim > MAX_DIMS {
        return Err(Error::TooManyDims {
            op,
            ndim,
            max: MAX_DIMS,
        });
    }
    Ok(())
}

/// How far below and above its first element a strided walk reaches: the
/// sums of the negative and of the positive `stride * (len - 1)` over the
/// axes, in the strides' units (a length-0 axis counts as length 1). The one
/// place this is computed, for layout spans, launch windows, reduction and
/// matmul pieces.
///
/// For the axes of a valid [`Layout`] (see [`bounds`]) the result is exact.
/// Anything else that does not fit an `isize` saturates, so a span built
/// from it only ever looks larger (a launch then splits or refuses it),
/// never wraps; [`bounds::walk_reach`] gives the exact `i128` values.
pub(crate) fn reach(axes: impl IntoIterator<Item = (usize, isize)>) -> (isize, isize) {
    let sat = |x: i128| x.clamp(isize::MIN as i128, isize::MAX as i128) as isize;
    match bounds::walk_reach(axes) {
        Some((lo, hi)) => (sat(lo), sat(hi)),
        None => (isize::MIN, isize::MAX),
    }
}

/// Maps a possibly negative axis (`-1` is the last) to `0..ndim`.
pub fn normalize_axis(op: &'static str, axis: isize, ndim: usize) -> Result<usize> {
    // In i128: exact for any ndim (a layout has at most 64, a caller may
    // pass anything).
    let (a, n) = (axis as i128, ndim as i128);
    if a < -n || a >= n {
        return Err(Error::AxisOutOfBounds { op, axis, ndim });
    }
    Ok(if a < 0 { a + n } else { a } as usize)
}

/// Contiguous strides (in elements) for `shape` in `order`.
///
/// Length-0 and length-1 axes get the stride they would have if they were
/// longer, which is what NumPy does for fresh arrays.
pub fn contiguous_strides(shape: &[usize], order: Order) -> Strides {
    let mut strides: Strides = SmallVec::from_elem(0, shape.len());
    let mut acc: isize = 1;
    let mut set = |k: usize, acc: &mut isize| {
        strides[k] = *acc;
        *acc = acc.saturating_mul(shape[k].max(1) as isize);
    };
    match order {
        Order::C => (0..shape.len()).rev().for_each(|k| set(k, &mut acc)),
        Order::F => (0..shape.len()).for_each(|k| set(k, &mut acc)),
    }
    strides
}

impl Layout {
    /// A fresh contiguous layout of `shape` in `order`, offset 0.
    ///
    /// # Errors
    /// [`Error::TooManyDims`]; [`Error::TooBig`] when the product of the
    /// lengths (length-0 axes counted as 1) exceeds `isize::MAX`.
    pub fn contiguous(shape: &[usize], order: Order) -> Result<Layout> {
        check_ndim("contiguous", shape.len())?;
        bounds::check_shape("contiguous", shape, 1)?;
        // The shape check bounds every contiguous stride (and the last
        // index) by the product: the layout is valid.
        Ok(Layout {
            shape: shape.into(),
            strides: contiguous_strides(shape, order),
            offset: 0,
        })
    }

    /// A layout from explicit parts (strides and offset in elements).
    ///
    /// Checks that the parts fit together (same rank, at most [`MAX_DIMS`]
    /// axes, NumPy's size limit) and that every index a walk computes fits:
    /// the invariants of [`bounds`] (a walk that reaches below index 0 or
    /// past `isize::MAX`, also along the non-empty axes of an empty layout,
    /// is refused). Whether it stays inside a particular buffer is
    /// [`Layout::check_within`]'s job.
    ///
    /// ```
    /// use ndgpu::{Error, Layout};
    /// assert!(Layout::new(&[5], &[2], 0).is_ok());
    /// // index 4 * (2^62 + 1) does not fit an isize
    /// let e = Layout::new(&[5], &[(1 << 62) + 1], 0).unwrap_err();
    /// assert!(matches!(e, Error::LayoutOverflow { .. }));
    /// // from element 4 back to 0 is fine; from 3 it would reach -1
    /// assert!(Layout::new(&[3], &[-2], 4).is_ok());
    /// assert!(Layout::new(&[3], &[-2], 3).is_err());
    /// ```
    pub fn new(shape: &[usize], strides: &[isize], offset: usize) -> Result<Layout> {
        if shape.len() != strides.len() {
            return Err(Error::InvalidLayout {
                op: "Layout::new",
                reason: format!(
                    "shape has {} axes but strides has {}",
                    shape.len(),
                    strides.len()
                ),
            });
        }
        check_ndim("Layout::new", shape.len())?;
        bounds::check_shape("Layout::new", shape, 1)?;
        let l = Layout {
            shape: shape.into(),
            strides: strides.into(),
            offset,
        };
        l.check_valid("Layout::new")?;
        Ok(l)
    }

    /// Length of each axis.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }
    /// Strides in elements.
    pub fn strides(&self) -> &[isize] {
        &self.strides
    }
    /// Offset of the first element, in elements.
    pub fn offset(&self) -> usize {
        self.offset
    }
    /// Number of axes.
    pub fn ndim(&self) -> usize {
        self.shape.len()
    }
    /// Number of elements (1 for a 0-d layout).
    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }
    /// Whether the layout holds no element.
    pub fn is_empty(&self) -> bool {
        self.shape.contains(&0)
    }

    /// NumPy's C_CONTIGUOUS flag: length-1 axes are ignored, an empty or 0-d
    /// layout is contiguous.
    pub fn is_c_contiguous(&self) -> bool {
        self.is_contiguous(Order::C)
    }
    /// NumPy's F_CONTIGUOUS flag (see [`Layout::is_c_contiguous`]).
    pub fn is_f_contiguous(&self) -> bool {
        self.is_contiguous(Order::F)
    }
    /// Contiguity in the given order, by NumPy's rule.
    pub fn is_contiguous(&self, order: Order) -> bool {
        if self.is_empty() {
            return true;
        }
        let mut expected: isize = 1;
        let mut check = |k: usize| -> bool {
            let len = self.shape[k];
            if len == 1 {
                return true;
            }
            if self.strides[k] != expected {
                return false;
            }
            expected *= len as isize;
            true
        };
        match order {
            Order::C => (0..self.ndim()).rev().all(&mut check),
            Order::F => (0..self.ndim()).all(&mut check),
        }
    }

    /// The smallest and largest buffer index any element touches, both
    /// inclusive; `None` for an empty layout.
    pub fn index_span(&self) -> Option<(isize, isize)> {
        if self.is_empty() {
            return None;
        }
        let (lo, hi) = reach(self.shape.iter().copied().zip(self.strides.iter().copied()));
        let at = self.offset as isize;
        Some((at + lo, at + hi))
    }

    /// Checks that every element lies inside a buffer of `len` elements.
    pub fn check_within(&self, op: &'static str, len: usize) -> Result<()> {
        if let Some((lo, hi)) = self.index_span() {
            // lo >= 0 for a valid layout; kept for the error's sake.
            if lo < 0 {
                return Err(Error::ViewOutOfBuffer {
                    op,
                    reach: lo as i128,
                    len,
                });
            }
            if hi as i128 >= len as i128 {
                return Err(Error::ViewOutOfBuffer {
                    op,
                    reach: hi as i128,
                    len,
                });
            }
        }
        Ok(())
    }

    /// Strides in bytes for an element of `itemsize` bytes.
    ///
    /// # Errors
    /// [`Error::LayoutOverflow`] when a byte stride does not fit an `isize`
    /// (never for an array's own layout and item size).
    pub fn strides_bytes(&self, itemsize: usize) -> Result<Vec<isize>> {
        self.strides
            .iter()
            .map(|&s| {
                isize::try_from(itemsize)
                    .ok()
                    .and_then(|i| s.checked_mul(i))
                    .ok_or_else(|| {
                        self.overflow("strides_bytes", "a stride in bytes exceeds isize::MAX")
                    })
            })
            .collect()
    }

    /// Buffer index of the element at a full multi-index (no bounds check
    /// beyond a debug assertion; callers validate indices first).
    pub fn index_of(&self, idx: &[usize]) -> isize {
        debug_assert_eq!(idx.len(), self.ndim());
        let mut at = self.offset as isize;
        for (k, &i) in idx.iter().enumerate() {
            debug_assert!(i < self.shape[k]);
            at += i as isize * self.strides[k];
        }
        at
    }

    /// Calls `f` with the buffer index of every element, in logical C order.
    /// The CPU reference walker every kernel and layout test is checked against.
    pub fn for_each_index(&self, mut f: impl FnMut(isize)) {
        if self.is_empty() {
            return;
        }
        let nd = self.ndim();
        let mut idx: SmallVec<[usize; 8]> = SmallVec::from_elem(0, nd);
        // Every value `at` takes is an index of the walk, so nothing below
        // can overflow (invariant 4 of `bounds`): an axis is stepped only
        // while a next position exists, and rewound by `len - 1` steps.
        let mut at = self.offset as isize;
        loop {
            f(at);
            // odometer increment, last axis fastest
            let mut k = nd;
            loop {
                if k == 0 {
                    return;
                }
                k -= 1;
                if idx[k] + 1 < self.shape[k] {
                    idx[k] += 1;
                    at += self.strides[k];
                    break;
                }
                at -= self.strides[k] * (self.shape[k] as isize - 1);
                idx[k] = 0;
            }
        }
    }

    /// Buffer indices of every element in logical C order (see
    /// [`Layout::for_each_index`]).
    pub fn indices(&self) -> Vec<isize> {
        let mut v = Vec::with_capacity(self.size());
        self.for_each_index(|i| v.push(i));
        v
    }
}
