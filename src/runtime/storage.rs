//! Device buffers: allocation checked against the device's limits and
//! served from the caching pool (`pool.rs`) or the driver, uploads, and the
//! accounting of live bytes that lets a user (and the tests) see that views
//! allocate nothing and that the last handle frees.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::device::Device;
use crate::dtype::Element;
use crate::error::{Error, Result};

impl Device {
    /// Bytes of device memory held by live ndgpu arrays on this device
    /// (every buffer, whoever holds it, as the arrays asked for it in whole
    /// 4-byte words; staging and metadata buffers are transient and not
    /// counted). Free buffers kept by the caching pool are not live: see
    /// [`Device::memory_stats`]. An application's buffers wrapped by
    /// [`Array::from_wgpu_buffer`](crate::Array::from_wgpu_buffer) are its
    /// memory, not ndgpu's, and are not counted either.
    pub fn allocated_bytes(&self) -> u64 {
        // Work kept for fusion holds buffers until it runs (its error is
        // dropped here, as in `memory_stats`).
        let _ = self.run_lazy();
        self.inner.live_bytes.load(Ordering::SeqCst)
    }

    /// Number of live array buffers on this device.
    pub fn allocated_buffers(&self) -> u64 {
        let _ = self.run_lazy();
        self.inner.live_buffers.load(Ordering::SeqCst)
    }

    /// Allocates an array buffer of `bytes` (rounded up to 4, at least 4),
    /// checking the device limit first. Its contents are zero: a buffer
    /// from the pool is cleared by a recorded command (ordered after every
    /// earlier use of it), a new one is zeroed by WebGPU.
    pub(crate) fn alloc(&self, op: &'static str, bytes: u64) -> Result<Arc<Storage>> {
        let (storage, reused) = self.alloc_buffer(op, bytes, false)?;
        if reused {
            self.record(op, 1, |enc| {
                enc.clear_buffer(&storage.buffer, 0, Some(storage.bytes))
            })?;
        }
        Ok(storage)
    }

    /// [`Device::alloc`] for a caller that writes every element before
    /// anything reads them (kernel outputs, copies): a pooled buffer keeps
    /// its old contents, so no clear is recorded.
    pub(crate) fn alloc_uninit(&self, op: &'static str, bytes: u64) -> Result<Arc<Storage>> {
        Ok(self.alloc_buffer(op, bytes, false)?.0)
    }

    /// A buffer for `bytes` from the pool or the driver, and whether it
    /// came from the pool. `for_upload`: it will receive a queue write,
    /// which lands before every unsubmitted command, so a pooled buffer
    /// that such commands may still use is only handed out after the batch
    /// holding them is submitted (see `pool.rs`).
    pub(super) fn alloc_buffer(
        &self,
        op: &'static str,
        bytes: u64,
        for_upload: bool,
    ) -> Result<(Arc<Storage>, bool)> {
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
        self.check_lost()?;
        let class = self.class_of(size);
        let (buffer, reused) = match self.inner.pool.take(class, for_upload) {
            Some((buffer, dirty)) => {
                if for_upload && dirty {
                    // After this every command recorded before the buffer
                    // was freed is submitted, so the write lands after them.
                    self.flush()?;
                }
                (buffer, true)
            }
            None => (self.create_array_buffer(op, class)?, false),
        };
        let live = self
            .inner
            .live_bytes
            .fetch_add(size, Ordering::SeqCst)
            .saturating_add(size);
        self.inner.live_buffers.fetch_add(1, Ordering::SeqCst);
        self.inner.pool.count_live(class, live, !reused);
        let storage = Arc::new(Storage {
            buffer,
            bytes: size,
            len_bytes: bytes,
            capacity: class,
            id: self.inner.next_id.fetch_add(1, Ordering::Relaxed),
            device: self.clone(),
            external: false,
            read_only: false,
        });
        Ok((storage, reused))
    }

    /// Creates a buffer of `size` bytes with the driver; when the driver is
    /// out of memory and the pool holds free buffers, returns those to the
    /// driver and tries once more.
    fn create_array_buffer(&self, op: &'static str, size: u64) -> Result<wgpu::Buffer> {
        let create = || {
            self.scoped(op, size, || {
                self.inner.device.create_buffer(&wgpu::BufferDescriptor {
                    label: Some("ndgpu array"),
                    size,
                    usage: wgpu::BufferUsages::STORAGE
                        | wgpu::BufferUsages::COPY_SRC
                        | wgpu::BufferUsages::COPY_DST,
                    mapped_at_creation: false,
                })
            })
        };
        match create() {
            Err(Error::OutOfMemory { .. }) if self.release_cache_for_retry() => create(),
            r => r,
        }
    }

    /// Allocates a buffer holding `data` (padded with zeros to whole
    /// words). The elements' bytes go straight into wgpu's staging memory
    /// in one block copy: no host copy of the array is made.
    pub(crate) fn upload<T: Element>(&self, op: &'static str, data: &[T]) -> Result<Arc<Storage>> {
        let bytes = crate::dtype::as_bytes(data);
        self.upload_with(op, bytes.len() as u64, |w| w.write(op, bytes))
    }
}

/// One device buffer owned by the arrays that view it. Dropping the last
/// handle returns the buffer to the pool (or to the driver); an external
/// one (an application's buffer, `external.rs`) just drops ndgpu's handle.
pub(crate) struct Storage {
    pub(crate) buffer: wgpu::Buffer,
    /// Size in bytes the array asked for, in whole words (a multiple of
    /// 4): the most any binding window covers.
    pub(crate) bytes: u64,
    /// The size requested, before rounding up to whole words: the bytes
    /// that hold elements (a view must not reach the padding after them).
    pub(crate) len_bytes: u64,
    /// Bytes of the device buffer: `bytes` rounded up to its pool size
    /// class (`bytes` itself when the pool was off). The bytes past
    /// `bytes` are never bound.
    pub(crate) capacity: u64,
    /// Unique per device, for `info()` and identity checks.
    pub(crate) id: u64,
    pub(crate) device: Device,
    /// An application's buffer wrapped by `Array::from_wgpu_buffer`: not
    /// counted in the live bytes, never pooled; `bytes`, `len_bytes` and
    /// `capacity` are its size.
    pub(crate) external: bool,
    /// An external buffer whose usage lacks `COPY_DST`: every array over
    /// it, its owner included, is read-only.
    pub(crate) read_only: bool,
}

impl Drop for Storage {
    fn drop(&mut self) {
        if self.external {
            // The application's memory: its own handle keeps the buffer.
            return;
        }
        let inner = &self.device.inner;
        inner.live_bytes.fetch_sub(self.bytes, Ordering::SeqCst);
        inner.live_buffers.fetch_sub(1, Ordering::SeqCst);
        // Into the pool, or to the driver: dropping the wgpu::Buffer
        // releases it once pending work is done.
        self.device.release_buffer(&self.buffer, self.capacity);
    }
}
