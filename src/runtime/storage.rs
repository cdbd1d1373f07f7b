//! Device buffers: allocation checked against the device's limits,
//! uploads into fresh buffers, and the accounting of live bytes that lets
//! a user (and the tests) see that views allocate nothing and that the
//! last handle frees.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::device::Device;
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
        if bytes > limit {
            return Err(Error::LimitExceeded {
                op,
                what: "buffer size in bytes",
                requested: bytes,
                limit,
            });
        }
        // bytes <= limit, so this cannot overflow.
        let size = bytes.max(4).div_ceil(4) * 4;
        if size > limit {
            return Err(Error::LimitExceeded {
                op,
                what: "buffer size in bytes (rounded up to whole 4-byte words)",
                requested: size,
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

    /// Allocates a buffer holding `data` (padded with zeros to a multiple of 4).
    pub(crate) fn upload(&self, op: &'static str, data: &[u8]) -> Result<Arc<Storage>> {
        let storage = self.alloc(op, data.len() as u64)?;
        if !data.is_empty() {
            let whole = data.len() / 4 * 4;
            self.scoped(op, 0, || {
                let q = &self.inner.queue;
                if whole > 0 {
                    q.write_buffer(&storage.buffer, 0, &data[..whole]);
                }
                if whole < data.len() {
                    let mut tail = [0u8; 4];
                    tail[..data.len() - whole].copy_from_slice(&data[whole..]);
                    q.write_buffer(&storage.buffer, whole as u64, &tail);
                }
                // Queue writes land at the next submission, before the work
                // it carries; the buffer is new, so no recorded work reads
                // its old contents.
            })?;
        }
        Ok(storage)
    }
}

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
