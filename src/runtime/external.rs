//! Sharing buffers with a wgpu application, both ways and without copies:
//! an application's buffer wrapped as ndgpu storage (`external`: not
//! ndgpu's memory, never counted or pooled), and the binding of an array's
//! bytes handed to the application's own pipelines ([`WgpuBinding`]).

use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::device::Device;
use super::storage::Storage;
use crate::error::{Error, Result};

/// The bytes of a C-contiguous array as a storage-buffer binding for an
/// application's own pipelines (from
/// [`Array::wgpu_binding`](crate::Array::wgpu_binding)): the array's
/// buffer, the byte offset of its first element and the bytes of its
/// elements, rounded up to whole 4-byte words.
///
/// The element at C-order index `i` is at byte `offset + i * itemsize`.
/// 1- and 2-byte dtypes (bool, int8, uint8, int16, uint16, float16) are
/// packed little-endian, 4 or 2 to a `u32` word, so a shader reads them as
/// `array<u32>` and shifts; the last word may hold bytes that are not the
/// array's (the padding of the buffer, or the next elements of the array
/// it was sliced from): a shader that writes whole words must keep them.
/// 8-byte dtypes are `vec2<u32>` (or `f64`/`i64`/`u64` with the
/// features).
#[derive(Debug, Clone, Copy)]
pub struct WgpuBinding<'a> {
    /// The buffer (shared with every view of the array).
    pub buffer: &'a wgpu::Buffer,
    /// Byte offset of the first element: a multiple of the device's
    /// `min_storage_buffer_offset_alignment`.
    pub offset: u64,
    /// Bytes of the elements, rounded up to whole 4-byte words.
    pub size: u64,
    /// Whether the array may be written ([`Array::is_writeable`](crate::Array::is_writeable)):
    /// bind it `read` when false.
    pub writeable: bool,
}

impl<'a> WgpuBinding<'a> {
    /// As a `wgpu::BufferBinding`.
    pub fn buffer_binding(&self) -> wgpu::BufferBinding<'a> {
        wgpu::BufferBinding {
            buffer: self.buffer,
            offset: self.offset,
            size: wgpu::BufferSize::new(self.size),
        }
    }

    /// As a bind group entry's resource.
    pub fn as_binding(&self) -> wgpu::BindingResource<'a> {
        wgpu::BindingResource::Buffer(self.buffer_binding())
    }
}

impl Device {
    /// Wraps an application's buffer as storage: it must be usable as a
    /// storage binding and a copy source (every read-back copies from it)
    /// and be whole 4-byte words long. Returns the storage and whether the
    /// buffer's usage allows writes by ndgpu (`COPY_DST`, the
    /// application's statement that its contents may be changed).
    pub(crate) fn wrap_external(
        &self,
        op: &'static str,
        buffer: wgpu::Buffer,
    ) -> Result<(Arc<Storage>, bool)> {
        self.check_lost()?;
        let usage = buffer.usage();
        let size = buffer.size();
        for (flag, name, why) in [
            (
                wgpu::BufferUsages::STORAGE,
                "STORAGE",
                "to be bound by ndgpu's kernels",
            ),
            (
                wgpu::BufferUsages::COPY_SRC,
                "COPY_SRC",
                "to be read back and copied from",
            ),
        ] {
            if !usage.contains(flag) {
                return Err(Error::InvalidArgument {
                    op,
                    reason: format!(
                        "the buffer's usage {usage:?} lacks {name}, which it needs {why}; create \
                         it with wgpu::BufferUsages::STORAGE | COPY_SRC (and COPY_DST for ndgpu \
                         to write it)"
                    ),
                });
            }
        }
        if !size.is_multiple_of(4) {
            return Err(Error::InvalidArgument {
                op,
                reason: format!(
                    "the buffer is {size} bytes; a storage buffer must be whole 4-byte words"
                ),
            });
        }
        let writeable = usage.contains(wgpu::BufferUsages::COPY_DST);
        let storage = Arc::new(Storage {
            buffer,
            bytes: size,
            len_bytes: size,
            capacity: size,
            id: self.inner.next_id.fetch_add(1, Ordering::Relaxed),
            device: self.clone(),
            external: true,
            read_only: !writeable,
        });
        Ok((storage, writeable))
    }

    /// The binding of `len` bytes at byte `offset` of `storage` for the
    /// application, after submitting ndgpu's recorded work (so that the
    /// application's later submissions see its results): the offset must
    /// meet the device's storage offset alignment and the size (`len`
    /// rounded up to whole words) the binding limit.
    pub(crate) fn binding<'a>(
        &self,
        op: &'static str,
        storage: &'a Storage,
        offset: u64,
        len: u64,
        writeable: bool,
    ) -> Result<WgpuBinding<'a>> {
        self.check_lost()?;
        if len == 0 {
            return Err(Error::InvalidArgument {
                op,
                reason: "the array is empty, and a WebGPU binding holds at least one 4-byte \
                         word"
                    .into(),
            });
        }
        let align = (self.info().min_storage_buffer_offset_alignment as u64).max(4);
        if !offset.is_multiple_of(align) {
            return Err(Error::InvalidArgument {
                op,
                reason: format!(
                    "the array starts at byte {offset} of its buffer, which is not a multiple \
                     of the device's min_storage_buffer_offset_alignment {align} (byte \
                     {offset} = {} * {align} + {}); bind a copy (copy()) instead",
                    offset / align,
                    offset % align
                ),
            });
        }
        // Inside the buffer: the array's bytes are, and the buffer is whole
        // words (an aligned offset is a multiple of 4).
        let size = len.div_ceil(4) * 4;
        if offset
            .checked_add(size)
            .is_none_or(|end| end > storage.bytes)
        {
            return Err(Error::Overflow {
                op,
                what: format!(
                    "a binding of {size} bytes at byte {offset} of a buffer of {} bytes",
                    storage.bytes
                ),
            });
        }
        let limit = self.info().max_storage_buffer_binding_size;
        if size > limit {
            return Err(Error::LimitExceeded {
                op,
                what: "storage binding size in bytes",
                requested: size,
                limit,
            });
        }
        self.flush()?;
        Ok(WgpuBinding {
            buffer: &storage.buffer,
            offset,
            size,
            writeable,
        })
    }
}
