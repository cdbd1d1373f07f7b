//! Scatters: `index_assign` (NumPy's `x[idx] = v`), `index_add`
//! (`x[idx] += v`), `put` and `put_along_axis`. They write into the
//! original array, which may itself be a strided view.
//!
//! Duplicate indices: the last one in index order wins, as in NumPy, and
//! deterministically: a first pass has every position `p` of the index
//! space do `atomicMax(winner[dest], p + 1)` into a zeroed u32 per
//! destination element, and a second pass writes only where
//! `winner[dest] == p + 1`. When every index comes from the host and the
//! destinations are known to be distinct, the winner pass is skipped.
//! Values sharing the destination's buffer are copied first, so they
//! behave as if read in full before anything is written.

use std::sync::Arc;

use super::prepare::{Prepared, basic_only, prepare, prepare_along};
use super::{Index, IndexArray};
use crate::array::Array;
use crate::dtype::Element;
use crate::error::{Error, Result};
use crate::kernels::IndexLaunch;
use crate::kernels::indexing;
use crate::layout::Order;
use crate::runtime::Storage;

impl<T: Element> Array<T> {
    /// NumPy's `x[index] = values`: writes `values`, broadcast to the
    /// shape `x[index]` would have, into this array (a strided view too)
    /// at the elements the index picks. With duplicate indices the last
    /// in index order wins, as in NumPy. With basic items only this is
    /// [`Array::assign`] into the view.
    ///
    /// Errors: those of [`Array::index`], [`Error::ReadOnly`], and
    /// [`Error::IndexValueShape`] for values that do not broadcast.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::{Array, idx};
    /// let x = Array::<i32>::zeros(&dev, [5]).unwrap();
    /// let v = Array::<i32>::from_slice(&dev, &[1, 2, 3], [3]).unwrap();
    /// x.index_assign(idx![&[1, 1, 3]], &v).unwrap(); // x[[1, 1, 3]] = [1, 2, 3]
    /// assert_eq!(x.to_vec().unwrap(), vec![0, 2, 0, 3, 0]);
    /// ```
    pub fn index_assign<'a>(
        &self,
        index: impl AsRef<[Index<'a>]>,
        values: &Array<T>,
    ) -> Result<()> {
        let op = "index_assign";
        self.check_writeable(op)?;
        self.check_device(op, values.device())?;
        let index = index.as_ref();
        if let Some(basic) = basic_only(index) {
            return self.slice(basic)?.assign(values);
        }
        let p = prepare(op, self.device(), self.layout(), index)?;
        self.scatter(&p, values)
    }

    /// NumPy's `x[index] += values`, with NumPy's buffered meaning: the
    /// elements are gathered, added to, and scattered back, so an element
    /// picked twice gets one addition (the last in index order), not two;
    /// [`Array::add_at`] accumulates every duplicate.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::{Array, idx};
    /// let x = Array::<i32>::arange(&dev, 0, 5, 1).unwrap();
    /// let ten = Array::<i32>::scalar(&dev, 10).unwrap();
    /// x.index_add(idx![&[1, 1, 3]], &ten).unwrap();
    /// assert_eq!(x.to_vec().unwrap(), vec![0, 11, 2, 13, 4]);
    /// ```
    pub fn index_add<'a>(&self, index: impl AsRef<[Index<'a>]>, values: &Array<T>) -> Result<()> {
        let Some((p, values)) = self.prepare_add("index_add", index.as_ref(), values)? else {
            return Ok(());
        };
        let cur = self.gather(&p)?;
        cur.add_assign(&values)?;
        self.scatter(&p, &cur)
    }

    /// Runs a prepared scatter of `values` into `self`.
    pub(super) fn scatter(&self, p: &Prepared, values: &Array<T>) -> Result<()> {
        let op = p.op;
        let vals = values_over(op, values, &p.plan.shape)?;
        let Some(span) = p.span() else {
            p.check_only()?;
            return Ok(());
        };
        // Read the values in full before anything is written.
        let vals = if Arc::ptr_eq(vals.storage(), self.storage()) {
            vals.copy()?
        } else {
            vals
        };
        let off = p.operands(1, true)?.remove(0);
        let off_r = p.over_result(&off);
        let base = &p.plan.base;
        let dev = self.device();
        let distinct = p.host_distinct()?;
        let values_l = vals.layout();
        if distinct {
            let program = indexing::scatter_write(T::DTYPE, false);
            return dev.launch_indexed(&IndexLaunch {
                op,
                program: &program,
                shape: &p.plan.shape,
                buffers: &[self.storage(), &off.storage, vals.storage()],
                fixed: &[Some(span), None, None],
                operands: &[
                    (base.strides(), base.offset()),
                    (off_r.strides(), off_r.offset()),
                    (values_l.strides(), values_l.offset()),
                ],
                terms: &[off.params],
                pos_binding: None,
            });
        }
        // The winner of each destination element, counted from the
        // reach's first element.
        let reach = span.1 - span.0 + 1;
        let space = p.plan.space_size();
        if space >= u32::MAX as usize {
            return Err(Error::LimitExceeded {
                op,
                what: "index positions of a scatter with duplicates",
                requested: space as u64,
                limit: u32::MAX as u64 - 1,
            });
        }
        let winner = Array::<u32>::zeros(dev, [reach])?;
        let win_at = base.offset() - span.0;
        let win_walk = (base.strides(), win_at);
        let buffers: [&Storage; 2] = [winner.storage(), &off.storage];
        dev.launch_indexed(&IndexLaunch {
            op,
            program: &indexing::scatter_winner(),
            shape: &p.plan.shape,
            buffers: &buffers,
            fixed: &[Some((0, reach - 1)), None],
            operands: &[win_walk, (off_r.strides(), off_r.offset())],
            terms: &[off.params],
            pos_binding: Some(1),
        })?;
        dev.launch_indexed(&IndexLaunch {
            op,
            program: &indexing::scatter_write(T::DTYPE, true),
            shape: &p.plan.shape,
            buffers: &[
                self.storage(),
                &off.storage,
                vals.storage(),
                winner.storage(),
            ],
            fixed: &[Some(span), None, None, Some((0, reach - 1))],
            operands: &[
                (base.strides(), base.offset()),
                (off_r.strides(), off_r.offset()),
                (values_l.strides(), values_l.offset()),
                win_walk,
            ],
            terms: &[off.params],
            pos_binding: Some(1),
        })
    }

    /// NumPy's `put(a, indices, values)`: `a.flat[indices] = values` in
    /// the array's C order (a strided view too), `values` repeated as
    /// needed when shorter than `indices` (NumPy's rule; no values: a
    /// no-op). Duplicates: the last wins. `mode='raise'`.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::Array;
    /// let x = Array::<f32>::zeros(&dev, [5]).unwrap();
    /// let v = Array::<f32>::from_slice(&dev, &[7.0, 8.0], [2]).unwrap();
    /// x.put(&[0i64, 1, 2][..], &v).unwrap();
    /// assert_eq!(x.to_vec().unwrap(), vec![7.0, 8.0, 7.0, 0.0, 0.0]);
    /// ```
    pub fn put<'a>(&self, indices: impl Into<Index<'a>>, values: &Array<T>) -> Result<()> {
        let op = "put";
        self.check_writeable(op)?;
        self.check_device(op, values.device())?;
        let indices = indices.into();
        let Index::Array(ia) = &indices else {
            return Err(Error::InvalidArgument {
                op,
                reason: "indices must be an integer index array".into(),
            });
        };
        let shape: Vec<usize> = ia.shape().to_vec();
        let n: usize = shape.iter().product();
        let nv = values.size();
        if n == 0 || nv == 0 {
            return Ok(());
        }
        let flat_values = values.ravel()?;
        let vals = if nv == n {
            flat_values.reshape(shape.iter().map(|&d| d as isize).collect::<Vec<_>>())?
        } else {
            let cyc: Vec<i64> = (0..n).map(|i| (i % nv) as i64).collect();
            flat_values.index_op(op, &[Index::host(cyc, &shape)?])?
        };
        self.flat_write(|flat| {
            let p = prepare(
                op,
                flat.device(),
                flat.layout(),
                std::slice::from_ref(&indices),
            )?;
            flat.scatter(&p, &vals)
        })
    }

    /// NumPy's `put_along_axis(arr, indices, values, axis)`: the
    /// scatter of [`Array::take_along_axis`] (`axis` `None`: the array's
    /// flat C order, 1-d indices). Duplicates: the last wins.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::{Array, IndexArray};
    /// let x = Array::<f64>::zeros(&dev, [2, 2]).unwrap();
    /// let i = Array::<i64>::from_slice(&dev, &[1, 0], [2, 1]).unwrap();
    /// let v = Array::<f64>::from_slice(&dev, &[5.0, 6.0], [2, 1]).unwrap();
    /// x.put_along_axis(IndexArray::I64(&i), &v, Some(1)).unwrap();
    /// assert_eq!(x.to_vec().unwrap(), vec![0.0, 5.0, 6.0, 0.0]);
    /// ```
    pub fn put_along_axis(
        &self,
        indices: IndexArray<'_>,
        values: &Array<T>,
        axis: Option<isize>,
    ) -> Result<()> {
        let op = "put_along_axis";
        self.check_writeable(op)?;
        self.check_device(op, values.device())?;
        match axis {
            Some(axis) => {
                let p = prepare_along(op, self.device(), self.layout(), &indices, axis)?;
                self.scatter(&p, values)
            }
            None => self.flat_write(|flat| {
                let p = prepare_along(op, flat.device(), flat.layout(), &indices, 0)?;
                flat.scatter(&p, values)
            }),
        }
    }

    /// Runs `write` on a 1-d view of this array in C order; when no such
    /// view exists (a transposed or stepped array), on a contiguous copy
    /// that is then assigned back, as NumPy's `put` does.
    pub(super) fn flat_write(&self, write: impl FnOnce(&Array<T>) -> Result<()>) -> Result<()> {
        let flat = self.ravel()?;
        if flat.same_buffer(self) {
            return write(&flat);
        }
        let tmp = self.copy_order(Order::C)?;
        write(&tmp.ravel()?)?;
        self.assign(&tmp)
    }
}

/// `values` laid over `shape` as NumPy's setitem broadcasts them: leading
/// length-1 axes beyond the result's rank are dropped, then the rest
/// broadcasts; otherwise [`Error::IndexValueShape`].
pub(super) fn values_over<T: Element>(
    op: &'static str,
    values: &Array<T>,
    shape: &[usize],
) -> Result<Array<T>> {
    let err = || Error::IndexValueShape {
        op,
        value: values.shape().into(),
        result: shape.into(),
    };
    let extra = values.ndim().saturating_sub(shape.len());
    if values.shape()[..extra].iter().any(|&n| n != 1) {
        return Err(err());
    }
    let v = if extra > 0 {
        let axes: Vec<isize> = (0..extra as isize).collect();
        values.squeeze_axes(axes)?
    } else {
        values.clone()
    };
    v.broadcast_to(shape).map_err(|_| err())
}
