//! Basic indexing (NumPy's `x[...]` with integers, slices, new axes and an
//! ellipsis) as a pure function on [`Layout`], plus the [`s!`](crate::s)
//! macro that spells such an index. A basic index always gives a view.
//!
//! Semantics are NumPy's and Python's, not the `ndarray` crate's: a range is
//! `start..stop` with Python's meaning of each bound (negative counts from the
//! end, out-of-range bounds clip), and `;step` may be negative, in which case
//! the walk starts at `start` and goes *down*: `s![5..;-2]` is `x[5::-2]`,
//! `s![..;-1]` is `x[::-1]`.

use std::ops::{Range, RangeFrom, RangeFull, RangeTo};

use super::{Dims, Layout, Strides, check_ndim};
use crate::error::{Error, Result};

/// One item of a basic index, like one comma-separated entry inside NumPy's
/// `x[...]`. Usually built with [`s!`](crate::s) or `From`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SliceArg {
    /// Picks one position and drops the axis (`x[i]`). Negative counts from
    /// the end; outside `-len..len` is [`Error::IndexOutOfBounds`].
    Index(isize),
    /// Python's `start:stop:step`: bounds are optional, negative bounds count
    /// from the end, out-of-range bounds clip; `step` may be negative but not
    /// zero ([`Error::ZeroStep`]).
    Slice {
        /// First position (`None`: the start of the walk in `step`'s direction).
        start: Option<isize>,
        /// Position the walk stops before (`None`: run to the end).
        stop: Option<isize>,
        /// Distance between picked positions; negative walks backwards.
        step: isize,
    },
    /// Inserts a length-1 axis (NumPy's `None` / `np.newaxis`).
    NewAxis,
    /// Stands for as many whole axes (`:`) as needed so the other items cover
    /// every axis (NumPy's `...`). At most one per index.
    Ellipsis,
}

impl SliceArg {
    /// The whole axis, `:`.
    pub const ALL: SliceArg = SliceArg::Slice {
        start: None,
        stop: None,
        step: 1,
    };
}

/// Unit value for a new axis inside [`s!`](crate::s): `s![NewAxis, ..]` is `x[None, :]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct NewAxis;

/// Unit value for an ellipsis inside [`s!`](crate::s): `s![Ellipsis, 0]` is
/// `x[..., 0]` (the macro also accepts the token `...` itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Ellipsis;

impl From<NewAxis> for SliceArg {
    fn from(_: NewAxis) -> SliceArg {
        SliceArg::NewAxis
    }
}

impl From<Ellipsis> for SliceArg {
    fn from(_: Ellipsis) -> SliceArg {
        SliceArg::Ellipsis
    }
}

/// A Rust range usable as a slice item: `a..b`, `a..`, `..b`, `..`.
///
/// Implemented for the ranges of `i32`, `i64`, `isize` and `usize`. Bounds
/// that do not fit an `isize` saturate, which changes nothing because slice
/// bounds clip to the axis anyway. The [`s!`](crate::s) macro uses this trait
/// for `range;step` items, so a step after a non-range is a compile error.
pub trait SliceRange {
    /// The `(start, stop)` bounds in Python's sense; `None` where the range
    /// has no bound.
    fn bounds(self) -> (Option<isize>, Option<isize>);

    /// The slice `start:stop:step` this range spells with the given step.
    fn with_step(self, step: isize) -> SliceArg
    where
        Self: Sized,
    {
        let (start, stop) = self.bounds();
        SliceArg::Slice { start, stop, step }
    }
}

impl SliceRange for RangeFull {
    fn bounds(self) -> (Option<isize>, Option<isize>) {
        (None, None)
    }
}

impl From<RangeFull> for SliceArg {
    fn from(r: RangeFull) -> SliceArg {
        r.with_step(1)
    }
}

/// Saturating conversion of an integer bound or index to `isize`.
trait ToIsizeSat: Copy {
    fn to_isize_sat(self) -> isize;
}

impl ToIsizeSat for i32 {
    fn to_isize_sat(self) -> isize {
        // lossless: isize is at least 32 bits on every target Rust supports
        self as isize
    }
}
impl ToIsizeSat for isize {
    fn to_isize_sat(self) -> isize {
        self
    }
}
impl ToIsizeSat for i64 {
    fn to_isize_sat(self) -> isize {
        isize::try_from(self).unwrap_or(if self < 0 { isize::MIN } else { isize::MAX })
    }
}
impl ToIsizeSat for usize {
    fn to_isize_sat(self) -> isize {
        isize::try_from(self).unwrap_or(isize::MAX)
    }
}

macro_rules! impl_int_args {
    ($($t:ty),*) => {$(
        /// An integer index. Values beyond `isize` saturate (and are then out
        /// of bounds for any axis, so still an error).
        impl From<$t> for SliceArg {
            fn from(i: $t) -> SliceArg {
                SliceArg::Index(i.to_isize_sat())
            }
        }
        impl SliceRange for Range<$t> {
            fn bounds(self) -> (Option<isize>, Option<isize>) {
                (Some(self.start.to_isize_sat()), Some(self.end.to_isize_sat()))
            }
        }
        impl SliceRange for RangeFrom<$t> {
            fn bounds(self) -> (Option<isize>, Option<isize>) {
                (Some(self.start.to_isize_sat()), None)
            }
        }
        impl SliceRange for RangeTo<$t> {
            fn bounds(self) -> (Option<isize>, Option<isize>) {
                (None, Some(self.end.to_isize_sat()))
            }
        }
        /// `start..stop` is Python's `start:stop`.
        impl From<Range<$t>> for SliceArg {
            fn from(r: Range<$t>) -> SliceArg {
                r.with_step(1)
            }
        }
        /// `start..` is Python's `start:`.
        impl From<RangeFrom<$t>> for SliceArg {
            fn from(r: RangeFrom<$t>) -> SliceArg {
                r.with_step(1)
            }
        }
        /// `..stop` is Python's `:stop`.
        impl From<RangeTo<$t>> for SliceArg {
            fn from(r: RangeTo<$t>) -> SliceArg {
                r.with_step(1)
            }
        }
    )*};
}

impl_int_args!(i32, i64, isize, usize);

/// Python's `slice(start, stop, step).indices(len)` together with the number
/// of positions picked (`len(range(start, stop, step))`).
///
/// Returns `(start, stop, step, count)` after clipping, exactly as Python
/// does: e.g. `(None, None, -1, 5)` gives `(4, -1, -1, 5)`, and an empty slice
/// keeps Python's (possibly out-of-range) start such as `(5, 5, 1, 0)`.
/// `None` if `step` is 0. A step of `isize::MIN` is taken as `-isize::MAX`,
/// as CPython does, so the step can always be negated.
pub fn slice_indices(
    start: Option<isize>,
    stop: Option<isize>,
    step: isize,
    len: usize,
) -> Option<(isize, isize, isize, usize)> {
    if step == 0 {
        return None;
    }
    let step = step.max(-isize::MAX);
    let n = isize::try_from(len).unwrap_or(isize::MAX);
    // Clip into [lower, upper]: a forward walk may start/stop anywhere in
    // 0..=n, a backward one in -1..=n-1 (-1 meaning "before the first").
    let (lower, upper) = if step > 0 { (0, n) } else { (-1, n - 1) };
    let clip = |bound: Option<isize>, default: isize| match bound {
        None => default,
        Some(b) if b < 0 => (b + n).max(lower),
        Some(b) => b.min(upper),
    };
    let (start, stop) = if step > 0 {
        (clip(start, 0), clip(stop, n))
    } else {
        (clip(start, n - 1), clip(stop, -1))
    };
    // Both bounds lie in -1..=n, so the differences cannot overflow; the
    // `- 1` form avoids overflowing `+ step - 1` with huge steps.
    let count = if step > 0 && start < stop {
        (stop - start - 1) as usize / step as usize + 1
    } else if step < 0 && stop < start {
        (start - stop - 1) as usize / step.unsigned_abs() + 1
    } else {
        0
    };
    Some((start, stop, step, count))
}

impl Layout {
    /// NumPy basic indexing (`x[args]`): returns the layout of the view. Never
    /// copies, never touches a buffer.
    ///
    /// Items apply to the axes left to right; missing trailing axes are taken
    /// whole, and one [`SliceArg::Ellipsis`] stands for as many whole axes as
    /// needed. An index drops its axis, a slice keeps it (with stride
    /// `stride * step`), a new axis inserts a length-1 axis with stride 0 (as
    /// NumPy does).
    ///
    /// **Empty slices**: like NumPy, a slice that picks nothing contributes
    /// start 0 and step 1 (so the stride is the parent's), whatever bounds it
    /// was given (NumPy does not keep the clipped start there). The offset
    /// therefore only ever moves, along each axis, to a position that exists
    /// on that axis: for a non-empty parent it is always one of the parent's
    /// elements, never outside its span.
    ///
    /// A slice picking exactly one position whose `stride * step` overflows
    /// keeps the parent's stride (the stride of a length-1 axis is never used).
    ///
    /// Errors, checked in NumPy's order: [`Error::MultipleEllipsis`],
    /// [`Error::TooManyIndices`] (more indices and slices than axes),
    /// [`Error::TooManyDims`] (too many new axes), then per item from the
    /// left [`Error::IndexOutOfBounds`] / [`Error::ZeroStep`] naming the
    /// axis of `self` the item applies to. All carry `op: "slice"`.
    ///
    /// ```
    /// use ndgpu::layout::slice::NewAxis;
    /// use ndgpu::{Layout, Order, s};
    ///
    /// let x = Layout::contiguous(&[2, 3, 4], Order::C).unwrap();
    /// // x[::-1]
    /// let v = x.slice(&s![..;-1]).unwrap();
    /// assert_eq!((v.shape(), v.strides(), v.offset()), (&[2, 3, 4][..], &[-12, 4, 1][..], 12));
    /// // x[1, :, 3::-2]
    /// let v = x.slice(&s![1, .., 3..;-2]).unwrap();
    /// assert_eq!(v.indices(), [15, 13, 19, 17, 23, 21]);
    /// // x[..., None]
    /// let v = x.slice(&s![..., NewAxis]).unwrap();
    /// assert_eq!(v.shape(), [2, 3, 4, 1]);
    /// ```
    pub fn slice(&self, args: &[SliceArg]) -> Result<Layout> {
        let op = "slice";
        let nd = self.ndim();

        // Pass 1: the structure, as NumPy's prepare_index checks it before
        // looking at any value.
        let mut ellipses = 0usize;
        let mut consumed = 0usize; // items that use up an axis of `self`
        let mut dropped = 0usize; // integer items
        let mut added = 0usize; // new axes
        for a in args {
            match a {
                SliceArg::Ellipsis => {
                    ellipses += 1;
                    if ellipses > 1 {
                        return Err(Error::MultipleEllipsis { op });
                    }
                }
                SliceArg::NewAxis => added += 1,
                SliceArg::Index(_) => {
                    consumed += 1;
                    dropped += 1;
                }
                SliceArg::Slice { .. } => consumed += 1,
            }
        }
        if consumed > nd {
            return Err(Error::TooManyIndices {
                op,
                ndim: nd,
                given: consumed,
            });
        }
        let out_nd = nd - dropped + added;
        check_ndim(op, out_nd)?;

        // Pass 2: the values, left to right.
        let mut shape = Dims::with_capacity(out_nd);
        let mut strides = Strides::with_capacity(out_nd);
        // Cannot fail for a valid layout (the offset only moves to indices
        // of the walk, see `bounds`); checked all the same.
        let overflow = self.overflow(op, "the new offset does not fit");
        let mut offset = isize::try_from(self.offset).map_err(|_| overflow.clone())?;
        // Moves the offset `pos` steps of `stride` (both from a valid parent,
        // so this stays on a parent element unless the layout is malformed).
        let advance = |offset: isize, pos: isize, stride: isize| {
            pos.checked_mul(stride)
                .and_then(|d| offset.checked_add(d))
                .ok_or(overflow.clone())
        };
        let mut axis = 0usize; // next axis of `self`
        for a in args {
            match *a {
                SliceArg::Index(i) => {
                    let len = self.shape[axis];
                    let n = len as isize;
                    if i < -n || i >= n {
                        return Err(Error::IndexOutOfBounds {
                            op,
                            axis,
                            index: i,
                            len,
                        });
                    }
                    let pos = if i < 0 { i + n } else { i };
                    offset = advance(offset, pos, self.strides[axis])?;
                    axis += 1;
                }
                SliceArg::Slice { start, stop, step } => {
                    let len = self.shape[axis];
                    let stride = self.strides[axis];
                    let (start, _, step, count) = slice_indices(start, stop, step, len)
                        .ok_or(Error::ZeroStep { op, axis })?;
                    if count == 0 {
                        // NumPy's rule: start 0, step 1 (see the doc above).
                        shape.push(0);
                        strides.push(stride);
                    } else {
                        offset = advance(offset, start, stride)?;
                        let new_stride = match stride.checked_mul(step) {
                            Some(s) => s,
                            None if count == 1 => stride,
                            None => {
                                return Err(
                                    self.overflow(op, "a new stride (stride * step) overflows")
                                );
                            }
                        };
                        shape.push(count);
                        strides.push(new_stride);
                    }
                    axis += 1;
                }
                SliceArg::NewAxis => {
                    shape.push(1);
                    strides.push(0);
                }
                SliceArg::Ellipsis => {
                    let whole = nd - consumed;
                    shape.extend_from_slice(&self.shape[axis..axis + whole]);
                    strides.extend_from_slice(&self.strides[axis..axis + whole]);
                    axis += whole;
                }
            }
        }
        // Missing trailing axes are taken whole.
        shape.extend_from_slice(&self.shape[axis..]);
        strides.extend_from_slice(&self.strides[axis..]);

        Ok(Layout {
            shape,
            strides,
            offset: usize::try_from(offset).map_err(|_| overflow)?,
        })
    }
}

/// Builds a basic index for [`Layout::slice`], NumPy style.
///
/// Items are separated by commas; each is an expression convertible into
/// [`SliceArg`] (an integer, a range `a..b` / `a..` / `..b` / `..`,
/// [`NewAxis`], [`Ellipsis`] or a `SliceArg`), or the token `...` for an
/// ellipsis. A range may be followed by `;step`. Bounds and steps mean what
/// they mean in Python:
///
/// | `s!`                | NumPy             |
/// |---------------------|-------------------|
/// | `s![..]`            | `x[:]`            |
/// | `s![1..3]`          | `x[1:3]`          |
/// | `s![-3..]`          | `x[-3:]`          |
/// | `s![1..-1]`         | `x[1:-1]`         |
/// | `s![..;-1]`         | `x[::-1]`         |
/// | `s![5..;-2, 2]`     | `x[5::-2, 2]`     |
/// | `s![NewAxis, .., -1]` | `x[None, :, -1]` |
/// | `s![..., 0]`        | `x[..., 0]`       |
/// | `s![]`              | `x[()]`           |
///
/// Expands to an array `[SliceArg; N]`, so `&s![...]` is a `&[SliceArg]`.
///
/// ```
/// use ndgpu::layout::slice::{Ellipsis, NewAxis, SliceArg};
/// use ndgpu::{Layout, Order, s};
///
/// let args = s![5..;-2, NewAxis, Ellipsis, -1];
/// assert_eq!(
///     args,
///     [
///         SliceArg::Slice { start: Some(5), stop: None, step: -2 },
///         SliceArg::NewAxis,
///         SliceArg::Ellipsis,
///         SliceArg::Index(-1),
///     ]
/// );
///
/// let x = Layout::contiguous(&[6, 4], Order::C).unwrap();
/// let v = x.slice(&s![1..-1, ..;-1]).unwrap(); // x[1:-1, ::-1]
/// assert_eq!(v.shape(), [4, 4]);
/// assert_eq!(v.strides(), [4, -1]);
/// assert_eq!(v.offset(), 7);
/// ```
#[macro_export]
macro_rules! s {
    // Internal rules: `@parse [converted items,] remaining tokens`.
    (@parse [$($acc:expr,)*]) => {
        [$($acc,)*]
    };
    (@parse [$($acc:expr,)*] ... $(, $($rest:tt)*)?) => {
        $crate::s!(@parse [$($acc,)* $crate::layout::slice::SliceArg::Ellipsis,] $($($rest)*)?)
    };
    // Python-style ranges such as `1..-1` or `5..1;-1` look empty to
    // clippy's deny-by-default `reversed_empty_ranges`, hence the `allow` on
    // a statement (attributes on bare expressions are unstable).
    (@parse [$($acc:expr,)*] $r:expr ; $step:expr $(, $($rest:tt)*)?) => {
        $crate::s!(@parse [
            $($acc,)*
            {
                #[allow(clippy::reversed_empty_ranges)]
                let r = $r;
                $crate::layout::slice::SliceRange::with_step(r, $step)
            },
        ] $($($rest)*)?)
    };
    (@parse [$($acc:expr,)*] $r:expr $(, $($rest:tt)*)?) => {
        $crate::s!(@parse [
            $($acc,)*
            {
                #[allow(clippy::reversed_empty_ranges)]
                let r = $r;
                <$crate::layout::slice::SliceArg as ::core::convert::From<_>>::from(r)
            },
        ] $($($rest)*)?)
    };
    // An empty index still has a definite element type.
    () => {
        [] as [$crate::layout::slice::SliceArg; 0]
    };
    ($($t:tt)+) => {
        $crate::s!(@parse [] $($t)+)
    };
}

#[cfg(test)]
#[path = "slice_tests.rs"]
mod tests;
