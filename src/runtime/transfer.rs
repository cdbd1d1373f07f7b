//! Bytes between host and device: uploads that stream the caller's bytes
//! straight into wgpu's staging memory (into a new buffer, or into a
//! word-aligned region of an existing one), and the counters of the bytes
//! moved each way, which let a user (and the tests) see what a view's
//! upload or a file load really moved.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::device::Device;
use super::storage::Storage;
use crate::error::{Error, Result};

/// Bytes moved between host and device on one device since it was
/// created (see [`Device::transfer_stats`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TransferStats {
    /// Bytes of element data uploaded from the host (array creation from
    /// host data, file loads, writes of host data into arrays). Uniform
    /// metadata of kernels is not counted.
    pub uploaded_bytes: u64,
    /// Number of uploads.
    pub uploads: u64,
    /// Bytes read back from the device (`to_vec`, `to_bytes`, `get`,
    /// saves, writes into memory-mapped files).
    pub downloaded_bytes: u64,
    /// Number of read-backs.
    pub downloads: u64,
}

/// The counters behind [`TransferStats`].
#[derive(Default)]
pub(super) struct Transfers {
    up_bytes: AtomicU64,
    ups: AtomicU64,
    down_bytes: AtomicU64,
    downs: AtomicU64,
}

/// Sequential writer into an upload's staging memory: the bytes given to
/// [`StagingWriter::write`] land one after another from the start of the
/// destination. Whatever of the destination is left unwritten when the
/// upload's filler returns is zeroed.
pub(crate) struct StagingWriter {
    view: wgpu::QueueWriteBufferView,
    at: usize,
    /// The bytes the filler may write (the padding to whole words after
    /// them is the upload's).
    len: usize,
}

impl StagingWriter {
    /// Appends `bytes`. Writing past the length the upload was made for
    /// is an error naming `op` (a caller's length arithmetic gone wrong),
    /// never a panic.
    pub(crate) fn write(&mut self, op: &'static str, bytes: &[u8]) -> Result<()> {
        let end = self.at.checked_add(bytes.len()).filter(|&e| e <= self.len);
        let Some(end) = end else {
            return Err(Error::Overflow {
                op,
                what: format!(
                    "{} bytes written at byte {} of an upload of {}",
                    bytes.len(),
                    self.at,
                    self.len
                ),
            });
        };
        if !bytes.is_empty() {
            self.view.slice(self.at..end).copy_from_slice(bytes);
        }
        self.at = end;
        Ok(())
    }

    /// Zeroes everything after the bytes written.
    fn pad(&mut self) {
        let total = self.view.len();
        const ZEROS: [u8; 4096] = [0; 4096];
        while self.at < total {
            let n = (total - self.at).min(ZEROS.len());
            self.view
                .slice(self.at..self.at + n)
                .copy_from_slice(&ZEROS[..n]);
            self.at += n;
        }
    }
}

impl Device {
    /// The bytes moved between host and device on this device so far.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// let before = dev.transfer_stats();
    /// let a = ndgpu::Array::from_slice(&dev, &[1.0f32; 100], [100]).unwrap();
    /// assert_eq!(dev.transfer_stats().uploaded_bytes - before.uploaded_bytes, 400);
    /// ```
    pub fn transfer_stats(&self) -> TransferStats {
        let t = &self.inner.transfers;
        TransferStats {
            uploaded_bytes: t.up_bytes.load(Ordering::Relaxed),
            uploads: t.ups.load(Ordering::Relaxed),
            downloaded_bytes: t.down_bytes.load(Ordering::Relaxed),
            downloads: t.downs.load(Ordering::Relaxed),
        }
    }

    pub(super) fn count_upload(&self, bytes: u64) {
        let t = &self.inner.transfers;
        t.up_bytes.fetch_add(bytes, Ordering::Relaxed);
        t.ups.fetch_add(1, Ordering::Relaxed);
    }

    pub(super) fn count_download(&self, bytes: u64) {
        let t = &self.inner.transfers;
        t.down_bytes.fetch_add(bytes, Ordering::Relaxed);
        t.downs.fetch_add(1, Ordering::Relaxed);
    }

    /// Allocates a buffer for `len` bytes of element data and lets `fill`
    /// write them, in order, straight into wgpu's staging memory (the
    /// bytes after what `fill` writes are zeroed). Nothing of the whole is
    /// copied on the host: a filler reading a file or walking a strided
    /// host view writes its pieces as it goes. An error from `fill` is
    /// returned and the buffer is dropped unused.
    pub(crate) fn upload_with(
        &self,
        op: &'static str,
        len: u64,
        fill: impl FnOnce(&mut StagingWriter) -> Result<()>,
    ) -> Result<Arc<Storage>> {
        let storage = self.alloc_buffer(op, len, true)?.0;
        if len == 0 {
            return Ok(storage);
        }
        let Some(size) = wgpu::BufferSize::new(storage.bytes) else {
            return Ok(storage);
        };
        let filled = self.scoped(op, storage.bytes, || {
            // None only when wgpu refuses the write; its error is this
            // scope's to report.
            let Some(view) = self.inner.queue.write_buffer_with(&storage.buffer, 0, size) else {
                return Ok(());
            };
            let mut w = StagingWriter {
                view,
                at: 0,
                len: len as usize,
            };
            let r = fill(&mut w);
            w.pad();
            // Queue writes land at the next submission, before the work it
            // carries; the buffer is new, or a pooled one that no
            // unsubmitted command uses (`alloc_buffer`).
            r
        })?;
        filled?;
        self.count_upload(len);
        Ok(storage)
    }

    /// Writes `bytes` into `storage` at byte `offset`, after every
    /// operation recorded before (the batch is submitted first: a queue
    /// write lands before unsubmitted commands). `offset` and the length
    /// must be whole words; callers with other ranges go through a
    /// temporary buffer and a copy kernel.
    pub(crate) fn write_bytes(
        &self,
        op: &'static str,
        storage: &Storage,
        offset: u64,
        bytes: &[u8],
    ) -> Result<()> {
        let len = bytes.len() as u64;
        if !offset.is_multiple_of(4)
            || !len.is_multiple_of(4)
            || offset.saturating_add(len) > storage.bytes
        {
            return Err(Error::InvalidArgument {
                op,
                reason: format!(
                    "a write of {len} bytes at byte {offset} of a buffer of {} bytes must \
                     cover whole 4-byte words inside it",
                    storage.bytes
                ),
            });
        }
        if bytes.is_empty() {
            return self.check_lost();
        }
        self.flush()?;
        self.scoped(op, len, || {
            self.inner
                .queue
                .write_buffer(&storage.buffer, offset, bytes)
        })?;
        self.count_upload(len);
        Ok(())
    }
}
