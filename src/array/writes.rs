//! Writes through the shared buffer: `assign` (broadcasting, overlap-safe),
//! `fill`, `set`.

use super::*;

impl<T: Element> Array<T> {
    pub(crate) fn check_writeable(&self, op: &'static str) -> Result<()> {
        if self.writeable {
            Ok(())
        } else {
            Err(Error::ReadOnly { op })
        }
    }

    pub(crate) fn check_device(&self, op: &'static str, other: &Device) -> Result<()> {
        if self.device() == other {
            Ok(())
        } else {
            Err(Error::DeviceMismatch { op })
        }
    }

    /// Writes `value` into every element of this (possibly strided) view.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::{Array, s};
    /// let x = Array::<i32>::zeros(&dev, &[6]).unwrap();
    /// x.slice(&s![..;-2]).unwrap().fill(7).unwrap();
    /// assert_eq!(x.to_vec().unwrap(), vec![0, 7, 0, 7, 0, 7]);
    /// ```
    pub fn fill(&self, value: T) -> Result<()> {
        self.check_writeable("fill")?;
        self.fill_unchecked("fill", value)
    }

    pub(super) fn fill_unchecked(&self, op: &'static str, value: T) -> Result<()> {
        let bits = value.to_bits();
        self.device().launch(&Launch {
            op,
            program: &codegen::fill(T::DTYPE),
            shape: self.shape(),
            buffers: &[&self.storage],
            operands: &[(self.strides(), self.offset())],
            scalars: [bits as u32, (bits >> 32) as u32, 0, 0],
            extra: &[],
        })
    }

    /// `self[...] = src`: copies `src`, broadcast to this shape, into this
    /// (possibly strided) view. Behaves as if `src` were read in full before
    /// anything is written, even when the two overlap (`x[2:] = x[:-2]`).
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::{Array, s};
    /// let x = Array::<i32>::arange(&dev, 0, 6, 1).unwrap();
    /// x.slice(&s![2..]).unwrap().assign(&x.slice(&s![..-2]).unwrap()).unwrap();
    /// assert_eq!(x.to_vec().unwrap(), vec![0, 1, 0, 1, 2, 3]);
    /// ```
    pub fn assign(&self, src: &Array<T>) -> Result<()> {
        let op = "assign";
        self.check_writeable(op)?;
        self.check_device(op, src.device())?;
        // NumPy drops the source's leading length-1 axes beyond the
        // destination's rank (`x[...] = y` with y of shape (1, 3, 4) into
        // (3, 4)); then the source broadcasts to the destination.
        let extra = src.ndim().saturating_sub(self.ndim());
        let lead = src.shape()[..extra].iter().take_while(|&&n| n == 1).count();
        let src_layout = if lead > 0 {
            let axes: Vec<isize> = (0..lead as isize).collect();
            src.layout.squeeze(&axes)?
        } else {
            src.layout.clone()
        };
        let from = src_layout
            .broadcast_to(self.shape())
            .map_err(|_| Error::BroadcastTo {
                op,
                from: src.shape().into(),
                to: self.shape().into(),
            })?;
        if self.size() == 0 {
            return Ok(());
        }
        if Arc::ptr_eq(&self.storage, &src.storage) {
            if from == self.layout {
                return Ok(()); // x[...] = x
            }
            if overlap::must_stage(&self.layout, self.itemsize(), &from, self.itemsize()) {
                // Read everything first: stage the source in a temporary.
                let tmp = Self::alloc_uninit(self.device(), op, self.shape(), Order::C)?;
                tmp.write_from(&from, &src.storage, op)?;
                return self.write_from(&tmp.layout, &tmp.storage, op);
            }
        }
        self.write_from(&from, &src.storage, op)
    }

    /// Writes `value` at one position (negative indices count from the end).
    /// The index may be an array, a slice or a `Vec`, as for [`Array::get`].
    pub fn set(&self, index: impl AsRef<[isize]>, value: T) -> Result<()> {
        self.check_writeable("set")?;
        let l = self.element_layout("set", index.as_ref())?;
        self.derive(l, true).fill_unchecked("set", value)
    }

    /// Copies the elements addressed by `from` in `storage` into `self`'s
    /// elements (same shape; caller has checked writeability and overlap).
    pub(super) fn write_from(
        &self,
        from: &Layout,
        storage: &Arc<Storage>,
        op: &'static str,
    ) -> Result<()> {
        debug_assert_eq!(from.shape(), self.shape());
        let n = self.size();
        if n == 0 {
            return Ok(());
        }
        let isz = self.itemsize();
        let dev = self.device();
        let same = Arc::ptr_eq(&self.storage, storage);
        // Two contiguous runs in the same order in different buffers: the
        // DMA-style buffer copy is the fastest path there is, where its
        // 4-byte alignment allows (packed 1- and 2-byte types may start or
        // end inside a word shared with other elements).
        let runs = !same
            && ((from.is_c_contiguous() && self.layout.is_c_contiguous())
                || (from.is_f_contiguous() && self.layout.is_f_contiguous()));
        if runs {
            let (src_lo, _) = from.index_span().expect("non-empty");
            let (dst_lo, _) = self.layout.index_span().expect("non-empty");
            let (src_at, dst_at, bytes) = (src_lo as usize * isz, dst_lo as usize * isz, n * isz);
            if src_at % 4 == 0 && dst_at % 4 == 0 && bytes % 4 == 0 {
                return dev.record(op, 1, |enc| {
                    enc.copy_buffer_to_buffer(
                        &storage.buffer,
                        src_at as u64,
                        &self.storage.buffer,
                        dst_at as u64,
                        bytes as u64,
                    )
                });
            }
        }
        let buffers: Vec<&Storage> = if same {
            vec![&self.storage]
        } else {
            vec![storage, &self.storage]
        };
        dev.launch(&Launch {
            op,
            program: &codegen::copy(T::DTYPE, same),
            shape: self.shape(),
            buffers: &buffers,
            operands: &[
                (from.strides(), from.offset()),
                (self.strides(), self.offset()),
            ],
            scalars: [0; 4],
            extra: &[],
        })
    }
}
