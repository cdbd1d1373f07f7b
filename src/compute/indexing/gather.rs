//! Gathers: `index` (NumPy's `x[idx]` with index arrays), `take` and
//! `take_along_axis`. The source is read through its strides (a
//! transposed, stepped or broadcast view is not copied first); the result
//! is a new C-contiguous array with no base.

use super::prepare::{Prepared, basic_only, prepare, prepare_along};
use super::{Index, IndexArray};
use crate::array::Array;
use crate::dtype::Element;
use crate::error::Result;
use crate::kernels::indexing;
use crate::layout::Order;
use crate::layout::slice::SliceArg;

impl<T: Element> Array<T> {
    /// NumPy's `x[index]`. With an integer index array among the items
    /// (advanced indexing) the result is a copy with no base, in a new
    /// C-contiguous buffer, following NumPy's rules for the result shape
    /// (see [`crate::layout::advanced`]); with basic items only it is the
    /// view [`Array::slice`] gives.
    ///
    /// Index arrays may be host values or device arrays (int64, int32 or
    /// uint32); negative indices count from the end. An out-of-range host
    /// index is [`crate::Error::IndexOutOfBounds`] at once; an
    /// out-of-range device index is returned by the device's next read-back
    /// or `synchronize` (see the crate documentation).
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::{Array, idx};
    /// let x = Array::<f32>::arange(&dev, 0.0, 24.0, 1.0).unwrap().reshape([2, 3, 4]).unwrap();
    /// // x[0, :, [1, 2]]: the advanced axes are separated, so theirs come first
    /// let y = x.index(idx![0, .., &[1, 2]]).unwrap();
    /// assert_eq!(y.shape(), &[2, 3]);
    /// assert_eq!(y.to_vec().unwrap(), vec![1.0, 5.0, 9.0, 2.0, 6.0, 10.0]);
    /// assert!(y.base().is_none());
    /// ```
    pub fn index<'a>(&self, index: impl AsRef<[Index<'a>]>) -> Result<Array<T>> {
        self.index_op("index", index.as_ref())
    }

    pub(super) fn index_op(&self, op: &'static str, index: &[Index<'_>]) -> Result<Array<T>> {
        if let Some(basic) = basic_only(index) {
            return self.slice(basic);
        }
        let p = prepare(op, self.device(), self.layout(), index)?;
        self.gather(&p)
    }

    /// Runs a prepared gather into a new array.
    pub(super) fn gather(&self, p: &Prepared) -> Result<Array<T>> {
        let op = p.op;
        let out = Array::<T>::alloc(self.device(), op, &p.plan.shape, Order::C)?;
        let Some(span) = p.span() else {
            // Nothing to read: only the device indices may need checking
            // (and with an empty indexed axis every one is out of range).
            p.check_only()?;
            return Ok(out);
        };
        let ops = p.operands(2, false)?;
        let kinds: Vec<_> = ops.iter().map(|o| o.kind).collect();
        let program = indexing::gather(T::DTYPE, &kinds);
        p.launch_terms(
            self.device(),
            &program,
            self.storage(),
            span,
            &ops,
            (out.storage(), out.layout()),
            None,
        )?;
        Ok(out)
    }

    /// NumPy's `take(a, indices, axis)`: `a[:, ..., indices]` with the
    /// index array on `axis`, or, with `axis` `None`, the elements of the
    /// flattened array (C order). Always a copy; `mode='raise'`.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::{Array, Index};
    /// let x = Array::<i32>::arange(&dev, 0, 6, 1).unwrap().reshape([2, 3]).unwrap();
    /// let y = x.take(Index::host(vec![2, 0], [2]).unwrap(), Some(1)).unwrap();
    /// assert_eq!(y.to_vec().unwrap(), vec![2, 0, 5, 3]);
    /// let z = x.t().take(&[1i64, -1][..], None).unwrap(); // a.T.flat[[1, -1]]
    /// assert_eq!(z.to_vec().unwrap(), vec![3, 5]);
    /// ```
    pub fn take<'a>(&self, indices: impl Into<Index<'a>>, axis: Option<isize>) -> Result<Array<T>> {
        let op = "take";
        let indices = indices.into();
        match axis {
            Some(axis) => {
                let axis = crate::layout::normalize_axis(op, axis, self.ndim())?;
                let mut index = vec![Index::Basic(SliceArg::ALL); axis];
                index.push(indices);
                self.index_op(op, &index)
            }
            None => self.ravel()?.index_op(op, &[indices]),
        }
    }

    /// NumPy's `take_along_axis(arr, indices, axis)`: `indices` has the
    /// array's rank and picks along `axis`, pairing every other axis
    /// position for position (both broadcast); with `axis` `None` the
    /// array is flattened and `indices` must be 1-d. Always a copy.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::{Array, IndexArray};
    /// let x = Array::<f32>::from_slice(&dev, &[10.0, 30.0, 20.0, 60.0, 40.0, 50.0], [2, 3]).unwrap();
    /// let order = Array::<i64>::from_slice(&dev, &[0, 2, 1, 1, 2, 0], [2, 3]).unwrap(); // argsort
    /// let y = x.take_along_axis(IndexArray::I64(&order), Some(1)).unwrap();
    /// assert_eq!(y.to_vec().unwrap(), vec![10.0, 20.0, 30.0, 40.0, 50.0, 60.0]);
    /// ```
    pub fn take_along_axis(
        &self,
        indices: IndexArray<'_>,
        axis: Option<isize>,
    ) -> Result<Array<T>> {
        let op = "take_along_axis";
        let p = match axis {
            Some(axis) => prepare_along(op, self.device(), self.layout(), &indices, axis)?,
            None => {
                let flat = self.ravel()?;
                let p = prepare_along(op, flat.device(), flat.layout(), &indices, 0)?;
                return flat.gather(&p);
            }
        };
        self.gather(&p)
    }
}
