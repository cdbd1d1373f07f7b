//! `add_at`: NumPy's `np.add.at(x, index, values)`, the unbuffered
//! `x[index] += values` that accumulates every duplicate, with atomics on
//! the device for every dtype (the method per dtype is documented on
//! `kernels::indexing::add_at`).

use std::sync::Arc;

use super::Index;
use super::prepare::{Prepared, basic_only, prepare};
use super::scatter::values_over;
use crate::array::Array;
use crate::dtype::{DType, Element};
use crate::error::Result;
use crate::kernels::indexing::{self, ADD_AT_LOCKS};

impl<T: Element> Array<T> {
    /// NumPy's `np.add.at(x, index, values)`: adds `values` (broadcast to
    /// the shape `x[index]` would have) into this array at the elements
    /// the index picks, once per occurrence: an element picked three times
    /// gets three additions (where [`Array::index_add`], NumPy's
    /// `x[index] += values`, adds once). Integers wrap; bool adds as a
    /// logical or.
    ///
    /// The additions run concurrently with atomics, so a float sum's
    /// rounding may differ from NumPy's sequential order (integers and
    /// sums that are exact agree bit for bit). float64 goes through
    /// lock words (WGSL has no 64-bit atomics), which assumes the device's
    /// atomics on the lock and on the value's two words are coherent (as
    /// on lavapipe and current GPUs; WGSL promises only relaxed order).
    /// float64 needs `SHADER_F64`; every other dtype, none.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::{Array, idx};
    /// let x = Array::<f32>::zeros(&dev, [4]).unwrap();
    /// let one = Array::<f32>::scalar(&dev, 1.0).unwrap();
    /// x.add_at(idx![&[0, 2, 0, 0]], &one).unwrap();
    /// assert_eq!(x.to_vec().unwrap(), vec![3.0, 0.0, 1.0, 0.0]);
    /// ```
    pub fn add_at<'a>(&self, index: impl AsRef<[Index<'a>]>, values: &Array<T>) -> Result<()> {
        let Some((p, vals)) = self.prepare_add("add_at", index.as_ref(), values)? else {
            return Ok(());
        };
        let Some(span) = p.span() else {
            return p.check_only();
        };
        // The destination is bound read-write: anything else in its
        // buffer is read from a copy (values) or an offset array (indices).
        let vals = if Arc::ptr_eq(vals.storage(), self.storage()) {
            vals.copy()?
        } else {
            vals
        };
        let ops = p.operands(2, p.reads_buffer(self.storage()))?;
        let kinds: Vec<_> = ops.iter().map(|o| o.kind).collect();
        let program = indexing::add_at(T::DTYPE, &kinds);
        let locks = if T::DTYPE == DType::F64 {
            Some(Array::<u32>::zeros(self.device(), [ADD_AT_LOCKS])?)
        } else {
            None
        };
        p.launch_terms(
            self.device(),
            &program,
            self.storage(),
            span,
            &ops,
            (vals.storage(), vals.layout()),
            locks
                .as_ref()
                .map(|l| (&**l.storage(), (0, ADD_AT_LOCKS - 1))),
        )
    }

    /// What `add_at` and `index_add` do first: the checks, then a basic
    /// index's add in place (`None`: nothing left to do), else the prepared
    /// index and the values broadcast over its result.
    pub(super) fn prepare_add(
        &self,
        op: &'static str,
        index: &[Index<'_>],
        values: &Array<T>,
    ) -> Result<Option<(Prepared, Array<T>)>> {
        self.check_writeable(op)?;
        self.check_device(op, values.device())?;
        if let Some(basic) = basic_only(index) {
            self.slice(basic)?.add_assign(values)?;
            return Ok(None);
        }
        let p = prepare(op, self.device(), self.layout(), index)?;
        let vals = values_over(op, values, &p.plan.shape)?;
        Ok(Some((p, vals)))
    }
}
