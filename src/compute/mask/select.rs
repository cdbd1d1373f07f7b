//! Selection by a boolean mask or condition: `mask_select` (`x[mask]`),
//! `compress`, and assignment through a mask, `mask_assign`
//! (`x[mask] = v`).

use std::sync::Arc;

use super::compact_array;
use super::moves::{MAx, Move};
use crate::array::Array;
use crate::compute::scan::Compaction;
use crate::dtype::Element;
use crate::error::{Error, Result};
use crate::layout::slice::SliceArg;
use crate::layout::{Order, normalize_axis};
use crate::runtime::Storage;

/// NumPy's rules for a mask indexing the leading axes of `shape`.
fn check_mask(op: &'static str, shape: &[usize], mask: &[usize]) -> Result<()> {
    if mask.len() > shape.len() {
        return Err(Error::TooManyIndices {
            op,
            ndim: shape.len(),
            given: mask.len(),
        });
    }
    for (axis, (&len, &mask_len)) in shape.iter().zip(mask).enumerate() {
        if len != mask_len {
            return Err(Error::BooleanIndexMismatch {
                op,
                axis,
                len,
                mask_len,
            });
        }
    }
    Ok(())
}

impl<T: Element> Array<T> {
    fn span(&self) -> (isize, isize) {
        self.layout().index_span().unwrap_or((0, 0))
    }

    /// The compacted offsets of the elements a `mask` over the leading
    /// `mask.ndim()` axes selects, and their count (read back).
    async fn mask_offsets(
        &self,
        op: &'static str,
        mask: &Array<bool>,
    ) -> Result<(Arc<Storage>, usize)> {
        let unravel: Vec<(usize, isize)> = (0..mask.ndim())
            .map(|a| (self.shape()[a], self.strides()[a]))
            .collect();
        compact_array(mask, op, &unravel, Compaction::Offsets).await
    }

    /// Moves the `count` elements at `offs` (a mask over the leading `k`
    /// axes of `self`, `k = self.ndim() + 1 - v_strides.len()`) out of
    /// `self` into `v` (or, `scatter`, from `v` into `self`), `v` having
    /// the selection's shape `(count,) + self.shape[k:]` with `v_strides`
    /// from element `v_off`.
    #[allow(clippy::too_many_arguments)]
    fn move_masked(
        &self,
        op: &'static str,
        scatter: bool,
        offs: &Storage,
        count: usize,
        v: &Storage,
        v_off: isize,
        v_strides: &[isize],
    ) -> Result<()> {
        let k = self.ndim() + 1 - v_strides.len();
        let q = (k..self.ndim())
            .map(|a| MAx {
                len: self.shape()[a],
                x: self.strides()[a],
                v: v_strides[1 + a - k],
            })
            .collect();
        self.device().run_move(&Move {
            op,
            dtype: T::DTYPE,
            scatter,
            x: self.storage(),
            x_off: self.offset() as isize,
            x_span: self.span(),
            offs,
            count,
            v,
            v_off,
            p: Vec::new(),
            q,
            s_vc: v_strides[0],
        })
    }

    /// NumPy's `x[mask]` for a boolean `mask` covering the leading
    /// `mask.ndim()` axes (its shape must equal theirs, else NumPy's
    /// `IndexError` naming the axis and both lengths): the selected
    /// elements, in C order of the mask, as a new array of shape
    /// `(count,) + x.shape[mask.ndim():]` (a copy, no base). A 0-d mask
    /// adds an axis of length 1 or 0. `x` is read through its strides;
    /// the count is read back (blocking; see [`Array::mask_select_async`]).
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::Array;
    /// let x = Array::<f32>::arange(&dev, 0.0, 6.0, 1.0).unwrap().reshape(&[3, 2]).unwrap();
    /// let m = Array::from_slice(&dev, &[true, false, true], &[3]).unwrap();
    /// let y = x.mask_select(&m).unwrap();
    /// assert_eq!(y.shape(), &[2, 2]);
    /// assert_eq!(y.to_vec().unwrap(), vec![0.0, 1.0, 4.0, 5.0]);
    /// ```
    pub fn mask_select(&self, mask: &Array<bool>) -> Result<Array<T>> {
        self.device().block_on(
            "mask_select",
            "mask_select_async",
            self.mask_select_async(mask),
        )
    }

    /// [`Array::mask_select`] without blocking the thread.
    pub async fn mask_select_async(&self, mask: &Array<bool>) -> Result<Array<T>> {
        let op = "mask_select";
        let dev = self.device();
        self.check_device(op, mask.device())?;
        check_mask(op, self.shape(), mask.shape())?;
        let k = mask.ndim();
        let (offs, count) = self.mask_offsets(op, mask).await?;
        let mut shape = vec![count];
        shape.extend_from_slice(&self.shape()[k..]);
        let out = Array::<T>::alloc(dev, op, &shape, Order::C)?;
        self.move_masked(op, false, &offs, count, out.storage(), 0, out.strides())?;
        Ok(out)
    }

    /// NumPy's `np.compress(condition, x, axis)`: the slices along `axis`
    /// (the C-order flattened array for `None`) where the 1-D `condition`
    /// is true, as a new array. A condition shorter than the axis counts
    /// as false beyond its end; a longer one may only be false there (a
    /// true beyond the axis is NumPy's `IndexError` naming that position).
    /// Blocking; see [`Array::compress_async`].
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::Array;
    /// let x = Array::<i32>::arange(&dev, 0, 6, 1).unwrap().reshape(&[2, 3]).unwrap();
    /// let c = Array::from_slice(&dev, &[false, true], &[2]).unwrap();
    /// assert_eq!(x.compress(&c, Some(1)).unwrap().to_vec().unwrap(), vec![1, 4]);
    /// assert_eq!(x.compress(&c, None).unwrap().to_vec().unwrap(), vec![1]);
    /// ```
    pub fn compress(&self, condition: &Array<bool>, axis: Option<isize>) -> Result<Array<T>> {
        self.device().block_on(
            "compress",
            "compress_async",
            self.compress_async(condition, axis),
        )
    }

    /// [`Array::compress`] without blocking the thread.
    pub async fn compress_async(
        &self,
        condition: &Array<bool>,
        axis: Option<isize>,
    ) -> Result<Array<T>> {
        let op = "compress";
        let dev = self.device();
        self.check_device(op, condition.device())?;
        if condition.ndim() != 1 {
            return Err(Error::InvalidArgument {
                op,
                reason: "condition must be a 1-d array".into(),
            });
        }
        let axis = axis
            .map(|a| normalize_axis(op, a, self.ndim()))
            .transpose()?;
        let (len, unravel) = match axis {
            None => (
                self.size(),
                self.shape()
                    .iter()
                    .copied()
                    .zip(self.strides().iter().copied())
                    .collect::<Vec<_>>(),
            ),
            Some(a) => (self.shape()[a], vec![(self.shape()[a], self.strides()[a])]),
        };
        let m = condition.shape()[0];
        let part = |lo: usize, hi: usize| {
            condition.slice([SliceArg::Slice {
                start: Some(lo as isize),
                stop: Some(hi as isize),
                step: 1,
            }])
        };
        if m > len {
            // NumPy takes the condition's true positions: one past the
            // axis is an out-of-range index.
            let tail = part(len, m)?;
            if tail.any(None, false)?.item_async().await? {
                let at = tail.argmax(None, false)?.item_async().await?;
                return Err(Error::IndexOutOfBounds {
                    op,
                    axis: axis.unwrap_or(0),
                    index: len as isize + at as isize,
                    len,
                });
            }
        }
        let cond = part(0, m.min(len))?;
        let (offs, count) = compact_array(&cond, op, &unravel, Compaction::Offsets).await?;
        let a = axis.unwrap_or(0);
        let shape = match axis {
            None => vec![count],
            Some(a) => {
                let mut s = self.shape().to_vec();
                s[a] = count;
                s
            }
        };
        let out = Array::<T>::alloc(dev, op, &shape, Order::C)?;
        let os = out.strides().to_vec();
        let ax = |r: std::ops::Range<usize>| -> Vec<MAx> {
            r.map(|k| MAx {
                len: self.shape()[k],
                x: self.strides()[k],
                v: os[k],
            })
            .collect()
        };
        let (p, q) = match axis {
            None => (Vec::new(), Vec::new()),
            Some(a) => (ax(0..a), ax(a + 1..self.ndim())),
        };
        dev.run_move(&Move {
            op,
            dtype: T::DTYPE,
            scatter: false,
            x: self.storage(),
            x_off: self.offset() as isize,
            x_span: self.span(),
            offs: &offs,
            count,
            v: out.storage(),
            v_off: 0,
            p,
            q,
            s_vc: os[a.min(os.len().saturating_sub(1))],
        })?;
        Ok(out)
    }

    /// NumPy's `x[mask] = values`, in place (`x` may be any writeable
    /// view). With a mask covering every axis, `values` must have at most
    /// one axis and hold 1 or `count` elements (NumPy's rules and
    /// messages); with a mask covering fewer, `values` broadcasts to the
    /// selection's shape `(count,) + x.shape[mask.ndim():]`. Values that
    /// share `x`'s buffer are read first. The count is read back
    /// (blocking; see [`Array::mask_assign_async`]).
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::Array;
    /// let x = Array::<i32>::arange(&dev, 0, 6, 1).unwrap();
    /// let m = x.gt(2).unwrap();
    /// x.mask_assign(&m, &Array::scalar(&dev, -1).unwrap()).unwrap();
    /// assert_eq!(x.to_vec().unwrap(), vec![0, 1, 2, -1, -1, -1]);
    /// ```
    pub fn mask_assign(&self, mask: &Array<bool>, values: &Array<T>) -> Result<()> {
        self.device().block_on(
            "mask_assign",
            "mask_assign_async",
            self.mask_assign_async(mask, values),
        )
    }

    /// [`Array::mask_assign`] without blocking the thread.
    pub async fn mask_assign_async(&self, mask: &Array<bool>, values: &Array<T>) -> Result<()> {
        let op = "mask_assign";
        self.check_writeable(op)?;
        self.check_device(op, mask.device())?;
        self.check_device(op, values.device())?;
        check_mask(op, self.shape(), mask.shape())?;
        let k = mask.ndim();
        if k == self.ndim() && values.ndim() > 1 {
            return Err(Error::BooleanAssignNdim {
                op,
                ndim: values.ndim(),
            });
        }
        let (offs, count) = self.mask_offsets(op, mask).await?;
        let mut shape = vec![count];
        shape.extend_from_slice(&self.shape()[k..]);
        // Values in x's buffer are read in full first.
        let values = if Arc::ptr_eq(values.storage(), self.storage()) {
            values.copy()?
        } else {
            values.clone()
        };
        let vl = if k == self.ndim() {
            if values.size() != 1 && values.size() != count {
                return Err(Error::BooleanAssignCount {
                    op,
                    values: values.size(),
                    selected: count,
                });
            }
            let l = if values.ndim() == 0 {
                values.layout().expand_dims(0)?
            } else {
                values.layout().clone()
            };
            l.broadcast_to(&shape)?
        } else {
            // NumPy drops leading length-1 axes beyond the selection's rank.
            let extra = values.ndim().saturating_sub(shape.len());
            let lead = values.shape()[..extra]
                .iter()
                .take_while(|&&n| n == 1)
                .count();
            let l = if lead > 0 {
                let axes: Vec<isize> = (0..lead as isize).collect();
                values.layout().squeeze(&axes)?
            } else {
                values.layout().clone()
            };
            l.broadcast_to(&shape).map_err(|_| Error::IndexValueShape {
                op,
                value: values.shape().into(),
                result: shape.as_slice().into(),
            })?
        };
        if shape.contains(&0) {
            return Ok(());
        }
        self.move_masked(
            op,
            true,
            &offs,
            count,
            values.storage(),
            vl.offset() as isize,
            vl.strides(),
        )
    }
}
