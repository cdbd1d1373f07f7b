//! The GPU's buffer protocol: arrays over an application's own wgpu
//! buffers, and an array's bytes handed to the application's pipelines,
//! both without copies (the device side is `runtime/external.rs`).

use super::*;
use crate::runtime::WgpuBinding;

impl<T: Element> Array<T> {
    /// Wraps an application's wgpu buffer, without a copy, as an array of
    /// `shape` whose first element is at `byte_offset` and whose strides
    /// are `strides` elements (`None`: C-contiguous), like NumPy's
    /// `ndarray(shape, dtype, buffer, offset, strides)` over a buffer
    /// object. ndgpu's kernels read and write the buffer in place; views of
    /// the array are views of the buffer. The buffer is the application's
    /// memory: it is not counted by [`Device::allocated_bytes`] or
    /// [`Device::memory_stats`], never goes to the caching pool, and
    /// dropping the array (and its views) only drops ndgpu's handle to it.
    /// The array owns its data in NumPy's sense (no base; views of it
    /// have it as their base); [`Array::is_external`] tells it apart.
    ///
    /// **Rules.** The buffer's usage must include `STORAGE` (kernels bind
    /// it) and `COPY_SRC` (read-backs and some copies copy from it); its
    /// size must be whole 4-byte words; `byte_offset` a multiple of the
    /// item size; every element the shape and strides reach inside the
    /// buffer. The array is **read-only unless the usage includes
    /// `COPY_DST`**: `COPY_DST` is the application's statement that the
    /// buffer's contents may be changed (writes then show in the
    /// application's buffer), and without it a write returns
    /// [`Error::ReadOnly`]. Strides that make elements overlap also give a
    /// read-only array, as [`Array::as_strided`] does.
    ///
    /// **Same device.** The buffer must come from the wgpu device this
    /// ndgpu device was made over ([`Device::from_wgpu`]); wgpu offers no
    /// way to check that here, so a buffer of another device is accepted
    /// and its first use fails with wgpu's validation error (an `Err`, not
    /// a panic).
    ///
    /// **Ordering.** Work the application submitted before an ndgpu
    /// operation on the array runs before it (one queue). Call
    /// [`Device::flush`] before the application writes the buffer again
    /// (by `queue.write_buffer` or a later submission) while ndgpu work
    /// reading it may still be recorded.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a missing usage, a size that is not
    /// whole words, or a misaligned or out-of-buffer `byte_offset`;
    /// [`Error::ViewOutOfBuffer`]
    /// for an element outside the buffer; [`Error::TooBig`],
    /// [`Error::InvalidLayout`] (strides of another length than the
    /// shape), [`Error::LayoutOverflow`] as [`Array::as_strided`];
    /// [`Error::DeviceLost`].
    ///
    /// ```
    /// # fn main() -> ndgpu::Result<()> {
    /// # if cfg!(target_arch = "wasm32") { return Ok(()); }
    /// use wgpu::util::DeviceExt;
    /// let dev = ndgpu::Device::new()?;
    /// let (device, _queue) = dev.wgpu();
    /// let buf = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
    ///     label: Some("app data"),
    ///     contents: bytemuck::cast_slice(&[1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0]),
    ///     usage: wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_SRC,
    /// });
    /// let before = dev.allocated_bytes();
    /// // The last two rows of a (3, 2) array, starting at byte 8.
    /// let a = ndgpu::Array::<f32>::from_wgpu_buffer(&dev, buf.clone(), [2, 2], None, 8)?;
    /// assert_eq!(a.to_vec()?, vec![3.0, 4.0, 5.0, 6.0]);
    /// assert_eq!(dev.allocated_bytes(), before); // the application's memory
    /// assert!(!a.is_writeable()); // no COPY_DST
    /// assert!(a.wgpu_buffer() == &buf);
    /// # Ok(())
    /// # }
    /// ```
    pub fn from_wgpu_buffer(
        device: &Device,
        buffer: wgpu::Buffer,
        shape: impl AsRef<[usize]>,
        strides: Option<&[isize]>,
        byte_offset: u64,
    ) -> Result<Array<T>> {
        let op = "Array::from_wgpu_buffer";
        let shape = shape.as_ref();
        let isz = T::DTYPE.itemsize();
        let (storage, copy_dst) = device.wrap_external(op, buffer)?;
        let size = storage.bytes;
        if !byte_offset.is_multiple_of(isz as u64) || byte_offset > size {
            return Err(Error::InvalidArgument {
                op,
                reason: format!(
                    "byte_offset {byte_offset} must be a multiple of the item size {isz} of {} \
                     and at most the buffer's {size} bytes",
                    T::DTYPE.name()
                ),
            });
        }
        let contiguous;
        let strides = match strides {
            Some(s) => s,
            None => {
                contiguous = Layout::contiguous(shape, Order::C)?;
                contiguous.strides()
            }
        };
        // The elements the buffer holds (whole words: no padding after the
        // last element of a packed type).
        let capacity = usize::try_from(size / isz as u64).unwrap_or(usize::MAX);
        let start = (byte_offset / isz as u64) as i128;
        let (layout, overlapping) =
            super::views::strided_layout(op, shape, strides, start, capacity, isz)?;
        Ok(Array {
            storage,
            layout,
            writeable: copy_dst && !overlapping,
            base: None,
            _t: PhantomData,
        })
    }

    /// The array's bytes as a storage-buffer binding for the application's
    /// own pipelines, without a copy: its buffer, the byte offset of its
    /// first element and its size (see [`WgpuBinding`] for the packing of
    /// 1- and 2-byte dtypes, whose size is rounded up to whole words).
    ///
    /// ndgpu's recorded work is submitted first ([`Device::flush`]), so a
    /// submission the application makes afterwards sees every result
    /// computed before this call. The application may write the bytes
    /// when [`WgpuBinding::writeable`] is true; ndgpu's later operations
    /// see what it wrote.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the array is not C-contiguous, is
    /// empty, or starts at a byte offset that is not a multiple of the
    /// device's `min_storage_buffer_offset_alignment` (a slice or view of a
    /// larger array): bind a copy ([`Array::copy`]) instead;
    /// [`Error::LimitExceeded`] past the device's storage binding size;
    /// [`Error::DeviceLost`].
    ///
    /// ```
    /// # fn main() -> ndgpu::Result<()> {
    /// let dev = ndgpu::Device::new()?;
    /// let a = ndgpu::Array::<u8>::arange(&dev, 0, 10, 1)?;
    /// let b = a.wgpu_binding()?;
    /// assert_eq!((b.offset, b.size), (0, 12)); // 10 bytes in whole words
    /// assert!(b.buffer == a.wgpu_buffer());
    /// assert!(a.t().wgpu_binding().is_ok()); // 1-D: its transpose is itself
    /// assert!(a.slice(ndgpu::s![..;2])?.wgpu_binding().is_err()); // not contiguous
    /// # Ok(())
    /// # }
    /// ```
    pub fn wgpu_binding(&self) -> Result<WgpuBinding<'_>> {
        let op = "Array::wgpu_binding";
        if !self.is_c_contiguous() {
            return Err(Error::InvalidArgument {
                op,
                reason: format!(
                    "the array (shape {}, strides {} bytes) is not C-contiguous; bind a \
                     C-contiguous copy (copy()) instead",
                    format_tuple(self.shape()),
                    format_tuple(&self.strides_bytes())
                ),
            });
        }
        self.device().binding(
            op,
            &self.storage,
            self.offset_bytes() as u64,
            self.nbytes() as u64,
            self.writeable,
        )
    }

    /// Whether the array lives in an application's buffer wrapped by
    /// [`Array::from_wgpu_buffer`] (or is a view of such an array).
    pub fn is_external(&self) -> bool {
        self.storage.external
    }
}
