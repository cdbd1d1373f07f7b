//! What a user can ask of an array: shape, strides, offset, flags, base,
//! whether it is a view and of what, shared memory, bytes kept alive
//! against bytes reachable.

use super::*;

impl<T: Element> Array<T> {
    /// The device the array lives on.
    pub fn device(&self) -> &Device {
        &self.storage.device
    }
    /// The descriptor.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }
    /// Length of each axis.
    pub fn shape(&self) -> &[usize] {
        self.layout.shape()
    }
    /// Strides in elements (signed).
    pub fn strides(&self) -> &[isize] {
        self.layout.strides()
    }
    /// Strides in bytes, as NumPy's `.strides` reports them.
    pub fn strides_bytes(&self) -> Vec<isize> {
        // Every place a stride enters an array checks that it fits in bytes
        // (`Layout::check_bytes`), and views only keep, negate or shrink
        // strides, so this is exact; it saturates rather than panics.
        let isz = self.itemsize() as isize;
        self.strides()
            .iter()
            .map(|&s| s.saturating_mul(isz))
            .collect()
    }
    /// Offset of the first element in the buffer, in elements.
    pub fn offset(&self) -> usize {
        self.layout.offset()
    }
    /// Offset of the first element in the buffer, in bytes.
    pub fn offset_bytes(&self) -> usize {
        self.layout.offset() * self.itemsize()
    }
    /// Number of axes.
    pub fn ndim(&self) -> usize {
        self.layout.ndim()
    }
    /// Number of elements.
    pub fn size(&self) -> usize {
        self.layout.size()
    }
    /// The element type.
    pub fn dtype(&self) -> DType {
        T::DTYPE
    }
    /// Bytes per element.
    pub fn itemsize(&self) -> usize {
        T::DTYPE.itemsize()
    }
    /// Bytes of the elements addressed (`size * itemsize`), as NumPy's `nbytes`.
    pub fn nbytes(&self) -> usize {
        self.size() * self.itemsize()
    }
    /// Bytes of device memory this array keeps alive: its whole buffer, which
    /// for a small view of a large parent is much more than [`Array::nbytes`].
    pub fn buffer_nbytes(&self) -> u64 {
        self.storage.bytes
    }
    /// Device bytes reserved for this array's buffer:
    /// [`Array::buffer_nbytes`] rounded up to the caching pool's size class
    /// (returned to the pool, or to the driver, when the last handle goes).
    pub fn buffer_reserved_nbytes(&self) -> u64 {
        self.storage.capacity
    }
    /// Bytes of its buffer this array can reach: its byte extent, from its
    /// lowest to its highest addressed byte (0 when empty). Compare with
    /// [`Array::buffer_nbytes`], what it keeps alive: a 4 KiB slice of a
    /// 1 GiB array reaches 4 KiB and keeps 1 GiB.
    pub fn reach_nbytes(&self) -> u64 {
        // Every layout of an array lies inside its buffer, so the extent
        // is in 0..=buffer_nbytes and never overflows.
        match overlap::byte_extent(&self.layout, self.itemsize()) {
            Ok(Some((lo, hi))) => u64::try_from(hi - lo).unwrap_or(u64::MAX),
            _ => 0,
        }
    }
    /// Identity of the device buffer (unique per device).
    pub fn buffer_id(&self) -> u64 {
        self.storage.id
    }
    /// The shared device buffer.
    pub(crate) fn storage(&self) -> &Arc<Storage> {
        &self.storage
    }
    /// The wgpu buffer behind this array (shared with every view of it), for
    /// interoperating with hand-written kernels. Element `[i, j, ..]` is at
    /// byte `offset_bytes() + sum(index * strides_bytes())`. Unlike
    /// [`Array::wgpu_binding`] (the checked way to bind a C-contiguous
    /// array), this neither flushes ndgpu's recorded work
    /// ([`Device::flush`]) nor checks the layout. For an array made by
    /// [`Array::from_wgpu_buffer`] it is the application's buffer.
    pub fn wgpu_buffer(&self) -> &wgpu::Buffer {
        &self.storage.buffer
    }
    /// NumPy's flags.
    pub fn flags(&self) -> Flags {
        Flags {
            c_contiguous: self.layout.is_c_contiguous(),
            f_contiguous: self.layout.is_f_contiguous(),
            writeable: self.writeable,
            owndata: self.base.is_none(),
        }
    }
    /// C_CONTIGUOUS.
    pub fn is_c_contiguous(&self) -> bool {
        self.layout.is_c_contiguous()
    }
    /// F_CONTIGUOUS.
    pub fn is_f_contiguous(&self) -> bool {
        self.layout.is_f_contiguous()
    }
    /// WRITEABLE.
    pub fn is_writeable(&self) -> bool {
        self.writeable
    }
    /// Whether this array is a view of another (it has a base).
    pub fn is_view(&self) -> bool {
        self.base.is_some()
    }
    /// NumPy's `base`: the array that owns the buffer, for a view (a view
    /// of a view gives the owner, not the middle view); `None` for an owner.
    pub fn base(&self) -> Option<Array<T>> {
        self.base
            .as_ref()
            .map(|b| Self::owner(self.storage.clone(), (**b).clone()))
    }
    /// Whether this array is a view whose base is `owner`.
    pub fn is_view_of<U: Element>(&self, owner: &Array<U>) -> bool {
        match &self.base {
            Some(b) => {
                owner.base.is_none()
                    && Arc::ptr_eq(&self.storage, &owner.storage)
                    // A dtype view records its owner in its own item size.
                    && **b
                        == crate::layout::tricks::owner_as(
                            &owner.layout,
                            U::DTYPE.itemsize(),
                            T::DTYPE.itemsize(),
                        )
            }
            None => false,
        }
    }
    /// Whether both arrays live in the same device buffer.
    pub fn same_buffer<U: Element>(&self, other: &Array<U>) -> bool {
        Arc::ptr_eq(&self.storage, &other.storage)
    }
    /// NumPy's `may_share_memory`: same buffer and overlapping byte extents.
    /// Answered from the descriptors alone.
    pub fn may_share_memory<U: Element>(&self, other: &Array<U>) -> bool {
        self.same_buffer(other)
            && overlap::may_share_memory(
                &self.layout,
                self.itemsize(),
                &other.layout,
                other.itemsize(),
            )
    }
    /// NumPy's exact `shares_memory`: whether some byte is addressed by
    /// both. Answered from the descriptors alone with a bounded search;
    /// [`Error::TooHard`] if the search exceeds its budget, never a wrong answer.
    pub fn shares_memory<U: Element>(&self, other: &Array<U>) -> Result<bool> {
        self.shares_memory_bounded(other, None)
    }
    /// [`Array::shares_memory`] with an explicit work budget (`None`: unbounded).
    pub fn shares_memory_bounded<U: Element>(
        &self,
        other: &Array<U>,
        max_work: Option<u64>,
    ) -> Result<bool> {
        if !self.same_buffer(other) {
            return Ok(false);
        }
        overlap::shares_memory(
            &self.layout,
            self.itemsize(),
            &other.layout,
            other.itemsize(),
            max_work,
        )
    }
    /// The diagnostic summary of NumPy's `array_info` recipe.
    pub fn info(&self) -> ArrayInfo {
        ArrayInfo {
            shape: self.shape().to_vec(),
            strides: self.strides_bytes(),
            dtype: T::DTYPE,
            itemsize: self.itemsize(),
            buffer_id: self.storage.id,
            byte_offset: self.offset_bytes(),
            c_contiguous: self.is_c_contiguous(),
            f_contiguous: self.is_f_contiguous(),
            writeable: self.writeable,
            owns_data: self.base.is_none(),
            nbytes: self.nbytes(),
            buffer_nbytes: self.buffer_nbytes(),
            buffer_reserved_nbytes: self.buffer_reserved_nbytes(),
            reach_nbytes: self.reach_nbytes(),
            base_shape: self.base.as_ref().map(|b| b.shape().to_vec()),
        }
    }
}
