//! The index forms of stream compaction: `nonzero`, `argwhere`,
//! `flatnonzero`, and NumPy's one-argument `where`.

use super::compact_array;
use crate::array::Array;
use crate::compute::scan::Compaction;
use crate::dtype::Element;
use crate::error::{Error, Result};
use crate::layout::slice::SliceArg;
use crate::layout::{Layout, Order};

impl<T: Element> Array<T> {
    /// NumPy's `a.nonzero()`: the indices of the non-zero elements (NaN
    /// counts as non-zero, -0.0 does not), one int64 array per axis, in C
    /// order. As in NumPy, the arrays are the columns of one `(count,
    /// ndim)` array (views with stride `ndim`). Counts on the device and
    /// reads the count back (blocking; a wrapper over
    /// [`Array::nonzero_async`]). A 0-d array is an error, as in NumPy 2.
    /// At most `2^32 - 2` elements are tested.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// let a = ndgpu::Array::from_slice(&dev, &[1, 0, 0, 2, 3, 0], &[2, 3]).unwrap();
    /// let nz = a.nonzero().unwrap();
    /// assert_eq!(nz[0].to_vec().unwrap(), vec![0i64, 1, 1]);
    /// assert_eq!(nz[1].to_vec().unwrap(), vec![0i64, 0, 1]);
    /// ```
    pub fn nonzero(&self) -> Result<Vec<Array<i64>>> {
        self.device()
            .block_on("nonzero", "nonzero_async", self.nonzero_async())
    }

    /// [`Array::nonzero`] without blocking the thread.
    pub async fn nonzero_async(&self) -> Result<Vec<Array<i64>>> {
        let op = "nonzero";
        if self.ndim() == 0 {
            return Err(Error::InvalidArgument {
                op,
                reason: "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.".into(),
            });
        }
        let coords = coordinates(self, op).await?;
        (0..self.ndim())
            .map(|k| coords.slice([SliceArg::ALL, SliceArg::Index(k as isize)]))
            .collect()
    }

    /// NumPy's `np.argwhere(a)`: the indices of the non-zero elements as
    /// one C-contiguous `(count, ndim)` int64 array (a 0-d array gives
    /// `(1, 0)` or `(0, 0)`, as in NumPy). Blocking; see
    /// [`Array::argwhere_async`].
    pub fn argwhere(&self) -> Result<Array<i64>> {
        self.device()
            .block_on("argwhere", "argwhere_async", self.argwhere_async())
    }

    /// [`Array::argwhere`] without blocking the thread.
    pub async fn argwhere_async(&self) -> Result<Array<i64>> {
        coordinates(self, "argwhere").await
    }

    /// NumPy's `np.flatnonzero(a)`: the positions of the non-zero elements
    /// in the C-order flattened array, as a 1-D int64 array (read in
    /// place, whatever the strides). Blocking; see
    /// [`Array::flatnonzero_async`].
    pub fn flatnonzero(&self) -> Result<Array<i64>> {
        self.device()
            .block_on("flatnonzero", "flatnonzero_async", self.flatnonzero_async())
    }

    /// [`Array::flatnonzero`] without blocking the thread.
    pub async fn flatnonzero_async(&self) -> Result<Array<i64>> {
        let op = "flatnonzero";
        let (storage, count) =
            compact_array(self, op, &[(self.size().max(1), 0)], Compaction::Coords).await?;
        Ok(Array::owner(
            storage,
            Layout::contiguous(&[count], Order::C)?,
        ))
    }
}

/// NumPy's one-argument `np.where(condition)`: the same as
/// [`Array::nonzero`].
pub fn where_1<T: Element>(condition: &Array<T>) -> Result<Vec<Array<i64>>> {
    condition
        .device()
        .block_on("where_1", "nonzero_async", condition.nonzero_async())
}

/// The `(count, ndim)` coordinates of `a`'s non-zero elements.
async fn coordinates<T: Element>(a: &Array<T>, op: &'static str) -> Result<Array<i64>> {
    let unravel: Vec<(usize, isize)> = a.shape().iter().map(|&n| (n, 0)).collect();
    let (storage, count) = compact_array(a, op, &unravel, Compaction::Coords).await?;
    Ok(Array::owner(
        storage,
        Layout::contiguous(&[count, a.ndim()], Order::C)?,
    ))
}
