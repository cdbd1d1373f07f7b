//! Advanced indexing on the device: `x[idx]` with integer index arrays
//! (always a copy), `x[idx] = v`, `x[idx] += v`, `take`,
//! `take_along_axis`, `put`, `put_along_axis` and `add_at`, with NumPy's
//! semantics (the layout math is `layout/advanced.rs`; the kernels
//! `kernels/indexing.rs`).
//!
//! An index is a list of [`Index`] items: basic ones ([`SliceArg`]) and
//! integer index arrays ([`IndexArray`]), which live on the device
//! (`Array<i64>`, `Array<i32>`, `Array<u32>`) or come from the host, and
//! boolean masks (each the index arrays of its `nonzero`).
//! [`idx!`](crate::idx) spells one like [`s!`](crate::s).
//!
//! Out-of-range indices: host index arrays are checked on the host before
//! anything runs, and the call returns [`Error::IndexOutOfBounds`] naming
//! the operation, the axis and the index. Device index arrays are checked
//! by the kernels that read them: an out-of-range index is skipped (never
//! read or written through) and reported, and the device's next read-back
//! or `synchronize` returns the error (naming the operation, the axis and
//! one offending index) instead of its result.
//!
//! The files: this one (the index types), `prepare` (from an index to a
//! plan and its terms), `gather`, `scatter`, `add_at`.

mod add_at;
mod gather;
mod prepare;
mod scatter;

use std::borrow::Cow;

use crate::array::Array;
use crate::error::{Error, Result};
use crate::layout::Dims;
use crate::layout::slice::{Ellipsis, NewAxis, SliceArg, SliceRange};

/// An integer index array: on the device, or host values with a shape.
#[derive(Debug, Clone)]
pub enum IndexArray<'a> {
    /// int64 indices on the device.
    I64(&'a Array<i64>),
    /// int32 indices on the device.
    I32(&'a Array<i32>),
    /// uint32 indices on the device.
    U32(&'a Array<u32>),
    /// Indices from the host, in C order over `shape` (checked on the
    /// host at once).
    Host {
        /// The values.
        values: Cow<'a, [i64]>,
        /// Their shape (`[]` for a 0-d index array).
        shape: Dims,
    },
}

impl IndexArray<'_> {
    /// The index array's shape.
    pub fn shape(&self) -> &[usize] {
        match self {
            IndexArray::I64(a) => a.shape(),
            IndexArray::I32(a) => a.shape(),
            IndexArray::U32(a) => a.shape(),
            IndexArray::Host { shape, .. } => shape,
        }
    }
}

/// One item of an index (one comma-separated entry of NumPy's `x[...]`).
#[derive(Debug, Clone)]
pub enum Index<'a> {
    /// An integer, a slice, a new axis or an ellipsis.
    Basic(SliceArg),
    /// An integer index array (advanced indexing: the result is a copy).
    Array(IndexArray<'a>),
    /// A boolean mask over as many axes as it has (their lengths must
    /// match): NumPy's rule, it stands for the index arrays of its
    /// [`Array::nonzero`], whose count is read back (one wait). A 0-d mask
    /// is not supported here ([`Array::mask_select`] takes it).
    Mask(&'a Array<bool>),
}

impl<'a> Index<'a> {
    /// Host index values with a shape (`Index::host(&[0, 2, 1, 0], [2, 2])`).
    ///
    /// # Errors
    /// [`Error::DataLength`] when the count of values differs from the
    /// shape's size.
    pub fn host(values: impl Into<Cow<'a, [i64]>>, shape: impl AsRef<[usize]>) -> Result<Self> {
        let values = values.into();
        let shape = shape.as_ref();
        let size = shape.iter().try_fold(1usize, |n, &d| n.checked_mul(d));
        if size != Some(values.len()) {
            return Err(Error::DataLength {
                op: "Index::host",
                len: values.len(),
                shape: shape.into(),
                size: size.unwrap_or(usize::MAX),
            });
        }
        Ok(Index::Array(IndexArray::Host {
            values,
            shape: shape.into(),
        }))
    }

    /// Whether the item is advanced (an index array or a mask).
    pub fn is_advanced(&self) -> bool {
        !matches!(self, Index::Basic(_))
    }
}

impl From<SliceArg> for Index<'_> {
    fn from(a: SliceArg) -> Self {
        Index::Basic(a)
    }
}
impl From<NewAxis> for Index<'_> {
    fn from(_: NewAxis) -> Self {
        Index::Basic(SliceArg::NewAxis)
    }
}
impl From<Ellipsis> for Index<'_> {
    fn from(_: Ellipsis) -> Self {
        Index::Basic(SliceArg::Ellipsis)
    }
}
impl<'a> From<&'a Array<i64>> for Index<'a> {
    fn from(a: &'a Array<i64>) -> Self {
        Index::Array(IndexArray::I64(a))
    }
}
impl<'a> From<&'a Array<i32>> for Index<'a> {
    fn from(a: &'a Array<i32>) -> Self {
        Index::Array(IndexArray::I32(a))
    }
}
impl<'a> From<&'a Array<u32>> for Index<'a> {
    fn from(a: &'a Array<u32>) -> Self {
        Index::Array(IndexArray::U32(a))
    }
}
impl<'a> From<&'a Array<bool>> for Index<'a> {
    fn from(a: &'a Array<bool>) -> Self {
        Index::Mask(a)
    }
}
impl<'a> From<IndexArray<'a>> for Index<'a> {
    fn from(a: IndexArray<'a>) -> Self {
        Index::Array(a)
    }
}

/// Host values of any integer type as int64 (a value beyond int64
/// saturates, and is then out of range for every axis).
trait ToI64: Copy {
    fn to_i64(self) -> i64;
}
macro_rules! to_i64 {
    ($($t:ty),*) => {$(
        impl ToI64 for $t {
            fn to_i64(self) -> i64 {
                i64::try_from(self).unwrap_or(i64::MAX)
            }
        }
    )*};
}
to_i64!(i32, i64, isize, usize, u32);

macro_rules! index_from_ints {
    ($($t:ty),*) => {$(
        /// An integer: basic indexing (a view) unless an index array is present.
        impl From<$t> for Index<'_> {
            fn from(i: $t) -> Self {
                Index::Basic(SliceArg::from(i))
            }
        }
        /// `a..b`: a slice.
        impl From<std::ops::Range<$t>> for Index<'_> {
            fn from(r: std::ops::Range<$t>) -> Self {
                Index::Basic(SliceArg::from(r))
            }
        }
        /// `a..`: a slice.
        impl From<std::ops::RangeFrom<$t>> for Index<'_> {
            fn from(r: std::ops::RangeFrom<$t>) -> Self {
                Index::Basic(SliceArg::from(r))
            }
        }
        /// `..b`: a slice.
        impl From<std::ops::RangeTo<$t>> for Index<'_> {
            fn from(r: std::ops::RangeTo<$t>) -> Self {
                Index::Basic(SliceArg::from(r))
            }
        }
    )*};
}
index_from_ints!(i32, i64, isize, usize);

macro_rules! index_from_host {
    ($($t:ty),*) => {$(
        /// A 1-d host index array.
        impl From<&[$t]> for Index<'_> {
            fn from(v: &[$t]) -> Self {
                host_1d(v)
            }
        }
        /// A 1-d host index array.
        impl<const N: usize> From<&[$t; N]> for Index<'_> {
            fn from(v: &[$t; N]) -> Self {
                host_1d(v)
            }
        }
        /// A 1-d host index array.
        impl From<Vec<$t>> for Index<'_> {
            fn from(v: Vec<$t>) -> Self {
                host_1d(&v)
            }
        }
        /// A 1-d host index array.
        impl From<&Vec<$t>> for Index<'_> {
            fn from(v: &Vec<$t>) -> Self {
                host_1d(v)
            }
        }
    )*};
}
index_from_host!(i32, i64, isize, usize, u32);

fn host_1d<'a, T: ToI64>(v: &[T]) -> Index<'a> {
    Index::Array(IndexArray::Host {
        values: Cow::Owned(v.iter().map(|x| x.to_i64()).collect()),
        shape: [v.len()].into_iter().collect(),
    })
}

impl From<std::ops::RangeFull> for Index<'_> {
    fn from(r: std::ops::RangeFull) -> Self {
        Index::Basic(SliceArg::from(r))
    }
}

/// `range;step` items of [`idx!`](crate::idx).
#[doc(hidden)]
pub fn stepped<'a>(r: impl SliceRange, step: isize) -> Index<'a> {
    Index::Basic(r.with_step(step))
}

/// Builds an index of [`Index`] items for [`Array::index`] and friends,
/// like [`s!`](crate::s) but also taking index arrays (device arrays by
/// reference, host slices, arrays and `Vec`s of integers) and masks:
/// `idx![.., &ids, 1..;2]` is NumPy's `x[:, ids, 1::2]`. Temporaries
/// live to the end of the statement: `x.index(idx![&ids.t()])` works.
/// (Clippy's `reversed_empty_ranges` flags a Python-style range such as
/// `1..-1` here; spell it `1..-1;1`.)
///
/// ```
/// # let dev = ndgpu::Device::new().unwrap();
/// use ndgpu::{Array, idx};
/// let x = Array::<i32>::arange(&dev, 0, 12, 1).unwrap().reshape([3, 4]).unwrap();
/// let ids = Array::<i64>::from_slice(&dev, &[2, 0], [2]).unwrap();
/// let y = x.index(idx![&ids, ..;2]).unwrap(); // x[ids, ::2]
/// assert_eq!(y.to_vec().unwrap(), vec![8, 10, 0, 2]);
/// let z = x.index(idx![.., &[3, 3]]).unwrap(); // host indices
/// assert_eq!(z.to_vec().unwrap(), vec![3, 3, 7, 7, 11, 11]);
/// ```
#[macro_export]
macro_rules! idx {
    (@parse [$($acc:expr,)*]) => {
        [$($acc,)*]
    };
    (@parse [$($acc:expr,)*] ... $(, $($rest:tt)*)?) => {
        $crate::idx!(@parse [$($acc,)* $crate::Index::Basic($crate::SliceArg::Ellipsis),] $($($rest)*)?)
    };
    (@parse [$($acc:expr,)*] $r:expr ; $step:expr $(, $($rest:tt)*)?) => {
        $crate::idx!(@parse [
            $($acc,)*
            {
                #[allow(clippy::reversed_empty_ranges)]
                let r = $r;
                $crate::idx_stepped(r, $step)
            },
        ] $($($rest)*)?)
    };
    // No block around the item, so that temporaries (`&a.t()`) live to
    // the end of the statement.
    (@parse [$($acc:expr,)*] $r:expr $(, $($rest:tt)*)?) => {
        $crate::idx!(@parse [
            $($acc,)*
            <$crate::Index as ::core::convert::From<_>>::from($r),
        ] $($($rest)*)?)
    };
    () => {
        [] as [$crate::Index<'static>; 0]
    };
    ($($t:tt)+) => {
        $crate::idx!(@parse [] $($t)+)
    };
}
