//! Creating arrays: from host data, zeros/ones/full, `arange`, scalars, and
//! the allocation every new array goes through.

use super::*;

impl<T: Element> Array<T> {
    /// An owner array over a fresh buffer with a C-contiguous layout
    /// (read-only over an application's buffer that ndgpu may not write).
    pub(crate) fn owner(storage: Arc<Storage>, layout: Layout) -> Self {
        Array {
            writeable: !storage.read_only,
            storage,
            layout,
            base: None,
            _t: PhantomData,
        }
    }

    /// A new owner array of `shape`, contiguous in `order`, of zeros
    /// (WebGPU zeroes new buffers; a pooled one is cleared on the device).
    pub(crate) fn alloc(
        device: &Device,
        op: &'static str,
        shape: &[usize],
        order: Order,
    ) -> Result<Self> {
        Self::alloc_with(device, op, shape, order, true)
    }

    /// [`Array::alloc`] for a caller that writes every element before
    /// anything reads them: a pooled buffer keeps its old contents.
    pub(crate) fn alloc_uninit(
        device: &Device,
        op: &'static str,
        shape: &[usize],
        order: Order,
    ) -> Result<Self> {
        Self::alloc_with(device, op, shape, order, false)
    }

    fn alloc_with(
        device: &Device,
        op: &'static str,
        shape: &[usize],
        order: Order,
        zeroed: bool,
    ) -> Result<Self> {
        check_shape(op, shape, T::DTYPE.itemsize())?;
        let layout = Layout::contiguous(shape, order)?;
        // At most isize::MAX after the shape check.
        let bytes = layout.size() as u64 * T::DTYPE.itemsize() as u64;
        let storage = if zeroed {
            device.alloc(op, bytes)?
        } else {
            device.alloc_uninit(op, bytes)?
        };
        Ok(Self::owner(storage, layout))
    }

    /// Uploads `data` (in C order) as an array of `shape`. A shape, here and
    /// everywhere, may be an array, a slice or a `Vec` (`[2, 3]`, `&[2, 3]`,
    /// `vec![2, 3]`, `a.shape()`).
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// let a = ndgpu::Array::from_slice(&dev, &[1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3]).unwrap();
    /// assert_eq!(a.shape(), &[2, 3]);
    /// assert_eq!(a.to_vec().unwrap(), vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    /// ```
    pub fn from_slice(device: &Device, data: &[T], shape: impl AsRef<[usize]>) -> Result<Self> {
        let shape = shape.as_ref();
        let op = "from_slice";
        check_shape(op, shape, T::DTYPE.itemsize())?;
        let layout = Layout::contiguous(shape, Order::C)?;
        if layout.size() != data.len() {
            return Err(Error::DataLength {
                op,
                len: data.len(),
                shape: shape.into(),
                size: layout.size(),
            });
        }
        let storage = device.upload(op, data)?;
        Ok(Self::owner(storage, layout))
    }

    /// A 0-d array holding `value`.
    pub fn scalar(device: &Device, value: T) -> Result<Self> {
        Self::from_slice(device, &[value], [])
    }

    /// An array of zeros. WebGPU zero-initialises every new buffer, so this
    /// launches nothing.
    pub fn zeros(device: &Device, shape: impl AsRef<[usize]>) -> Result<Self> {
        Self::alloc(device, "zeros", shape.as_ref(), Order::C)
    }

    /// An array of ones, filled on the device.
    pub fn ones(device: &Device, shape: impl AsRef<[usize]>) -> Result<Self> {
        Self::full(device, shape, T::ONE)
    }

    /// An array with every element `value`, filled on the device.
    pub fn full(device: &Device, shape: impl AsRef<[usize]>, value: T) -> Result<Self> {
        let a = Self::alloc_uninit(device, "full", shape.as_ref(), Order::C)?;
        a.fill_unchecked("full", value)?;
        Ok(a)
    }

    /// NumPy's `arange(start, stop, step)`, filled on the device: `ceil((stop
    /// - start) / step)` elements, element `i` being `start + i * delta` where
    /// `delta` is NumPy's (`(start + step) - start` in the element type).
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// let a = ndgpu::Array::<i32>::arange(&dev, 2, 11, 3).unwrap();
    /// assert_eq!(a.to_vec().unwrap(), vec![2, 5, 8]);
    /// ```
    pub fn arange(device: &Device, start: T, stop: T, step: T) -> Result<Self> {
        let op = "arange";
        let bad = |why: &str| Error::InvalidArgument {
            op,
            reason: format!("start {start}, stop {stop}, step {step}: {why}"),
        };
        if T::DTYPE == DType::Bool {
            return Err(bad("no arange of bool"));
        }
        // NumPy stores start and start + step, then steps by their
        // difference (`delta`), computed in the element type.
        let (n, start_words, delta_words) = match (start.to_i128(), stop.to_i128(), step.to_i128())
        {
            (Some(s), Some(e), Some(d)) => {
                if d == 0 {
                    return Err(bad("the step is zero"));
                }
                let num = e - s;
                // ceil(num / d) with integers: truncation is the ceiling
                // unless num and d share a sign and do not divide.
                let q = num / d;
                let len = if num % d != 0 && ((num < 0) == (d < 0)) {
                    q + 1
                } else {
                    q
                };
                let n = usize::try_from(len.max(0)).map_err(|_| Error::Overflow {
                    op,
                    what: format!("length {len}"),
                })?;
                let delta = T::from_i128_wrapping(s + d);
                let delta = T::from_i128_wrapping(delta.to_i128().unwrap_or(0) - s);
                (
                    n,
                    codegen::scalar_words(T::DTYPE, start.to_bits()),
                    codegen::scalar_words(T::DTYPE, delta.to_bits()),
                )
            }
            _ => {
                let (s, e, d) = (start.to_f64(), stop.to_f64(), step.to_f64());
                if d == 0.0 || !d.is_finite() || !s.is_finite() || !e.is_finite() {
                    return Err(bad("need finite values and a non-zero step"));
                }
                let len = ((e - s) / d).ceil().max(0.0);
                if len > isize::MAX as f64 {
                    return Err(Error::Overflow {
                        op,
                        what: format!("length {len}"),
                    });
                }
                let second = T::from_f64(s + d);
                let words = match T::DTYPE {
                    // float16 computes in f32 (as NumPy's half loops do).
                    DType::F16 => {
                        let d32 = second.to_f64() as f32 - start.to_f64() as f32;
                        [d32.to_bits(), 0]
                    }
                    _ => {
                        let delta = T::from_f64(second.to_f64() - start.to_f64());
                        codegen::scalar_words(T::DTYPE, delta.to_bits())
                    }
                };
                (
                    len as usize,
                    codegen::scalar_words(T::DTYPE, start.to_bits()),
                    words,
                )
            }
        };
        let a = Self::alloc_uninit(device, op, &[n], Order::C)?;
        device.launch(&Launch {
            op,
            program: &codegen::arange(T::DTYPE),
            shape: &[n],
            buffers: &[&a.storage],
            operands: &[(&[1], 0)],
            scalars: [
                start_words[0],
                start_words[1],
                delta_words[0],
                delta_words[1],
            ],
            extra: &[],
        })?;
        Ok(a)
    }
}
