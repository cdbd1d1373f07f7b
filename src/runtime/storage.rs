//! Device buffers: allocation checked against the device's limits,
//! uploads into fresh buffers, and the accounting of live bytes that lets
//! a user (and the tests) see that views allocate nothing and that the
//! last handle frees.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::device::Device;
use crate::dtype::Element;
use crate::error::{Error, Result};

impl Device {
    /// Bytes of device memory held by live ndgpu arrays on this device
    /// (every buffer, whoever holds it; staging and metadata buffers are
    /// transient and not counted).
    pub fn allocated_bytes(&self) -> u64 {
        self.inner.live_bytes.load(Ordering::SeqCst)
    }

    /// Number of live array buffers on this device.
    pub fn allocated_buffers(&self) -> u64 {
        self.inner.live_buffers.load(Ordering::SeqCst)
    }

    /// Allocates an array buffer of `bytes` (rounded up to 4, at least 4),
    /// checking the device limit first.
    pub(crate) fn alloc(&self, op: &'static str, bytes: u64) -> Result<Arc<Storage>> {
        let limit = self.inner.info.max_buffer_size;
        let size = bytes.max(4).div_ceil(4).saturating_mul(4);
        if size > limit {
            // The exact bytes asked for, or the rounding that passed the limit.
            let (what, requested) = if bytes > limit {
                ("buffer size in bytes", bytes)
            } else {
                (
                    "buffer size in bytes (rounded up to whole 4-byte words)",
                    size,
                )
            };
            return Err(Error::LimitExceeded {
                op,
                what,
                requested,
                limit,
            });
        }
        let buffer = self.scoped(op, size, || {
            self.inner.device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("ndgpu array"),
                size,
                usage: wgpu::BufferUsages::STORAGE
                    | wgpu::BufferUsages::COPY_SRC
                    | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            })
        })?;
        self.inner.live_bytes.fetch_add(size, Ordering::SeqCst);
        self.inner.live_buffers.fetch_add(1, Ordering::SeqCst);
        Ok(Arc::new(Storage {
            buffer,
            bytes: size,
            len_bytes: bytes,
            id: self.inner.next_id.fetch_add(1, Ordering::Relaxed),
            device: self.clone(),
        }))
    }

    /// Allocates a buffer holding `data` (padded with zeros to whole
    /// words). The elements' bytes go straight into wgpu's staging memory,
    /// a chunk at a time: no host copy of the whole array is made.
    pub(crate) fn upload<T: Element>(&self, op: &'static str, data: &[T]) -> Result<Arc<Storage>> {
        let isz = T::DTYPE.itemsize();
        let len = (data.len() as u64)
            .checked_mul(isz as u64)
            .ok_or_else(|| Error::Overflow {
                op,
                what: format!("{} elements of {isz} bytes", data.len()),
            })?;
        let storage = self.alloc(op, len)?;
        if data.is_empty() {
            return Ok(storage);
        }
        let Some(size) = wgpu::BufferSize::new(storage.bytes) else {
            return Ok(storage);
        };
        self.scoped(op, storage.bytes, || {
            // None only when wgpu refuses the write; its error is this
            // scope's to report.
            let Some(mut view) = self.inner.queue.write_buffer_with(&storage.buffer, 0, size)
            else {
                return;
            };
            let mut bytes = Vec::with_capacity(UPLOAD_CHUNK * isz);
            let mut at = 0usize;
            for chunk in data.chunks(UPLOAD_CHUNK) {
                bytes.clear();
                crate::dtype::extend_bytes(chunk, &mut bytes);
                view.slice(at..at + bytes.len()).copy_from_slice(&bytes);
                at += bytes.len();
            }
            let pad = storage.bytes as usize - at;
            if pad > 0 {
                view.slice(at..).copy_from_slice(&[0u8; 4][..pad]);
            }
            // Queue writes land at the next submission, before the work
            // it carries; the buffer is new, so no recorded work reads
            // its old contents.
        })?;
        Ok(storage)
    }
}

/// Elements converted to bytes at a time by [`Device::upload`].
const UPLOAD_CHUNK: usize = 1 << 14;

/// One device buffer owned by the arrays that view it. Dropping the last
/// handle frees the memory.
pub(crate) struct Storage {
    pub(crate) buffer: wgpu::Buffer,
    /// Allocated size in bytes (a multiple of 4).
    pub(crate) bytes: u64,
    /// The size requested, before rounding up to whole words: the bytes
    /// that hold elements (a view must not reach the padding after them).
    pub(crate) len_bytes: u64,
    /// Unique per device, for `info()` and identity checks.
    pub(crate) id: u64,
    pub(crate) device: Device,
}

impl Drop for Storage {
    fn drop(&mut self) {
        let inner = &self.device.inner;
        inner.live_bytes.fetch_sub(self.bytes, Ordering::SeqCst);
        inner.live_buffers.fetch_sub(1, Ordering::SeqCst);
        // Dropping the wgpu::Buffer releases it once pending work is done.
    }
}
