//! Read-back and waiting for the device, as futures: a staging buffer
//! mapped for reading, its bytes handed straight to the caller's
//! constructor; `synchronize_async`.

use super::device::Device;
use crate::error::{Error, Result};

impl Device {
    /// Copies `size` bytes from `src` at byte `offset` into a staging
    /// buffer, waits for the device, and hands the mapped bytes to `take`,
    /// which builds the caller's result straight from them (no
    /// intermediate copy on the host).
    ///
    /// Nothing blocks while the device works: the map's callback completes
    /// a one-shot channel that this future awaits (driven by the device's
    /// polling thread on native platforms, by the event loop in a
    /// browser). A future dropped before it completes leaves nothing
    /// behind: its staging buffer goes when the callback has run.
    pub(crate) async fn read_with<R>(
        &self,
        op: &'static str,
        src: &wgpu::Buffer,
        offset: u64,
        size: u64,
        take: impl FnOnce(&[u8]) -> Result<R>,
    ) -> Result<R> {
        if size == 0 {
            self.check_lost()?;
            // Nothing to copy, but still an await point for indices the
            // device found out of range (immediate when none can be).
            self.check_index_errors().await?;
            return take(&[]);
        }
        // Copies move whole words: widen the range to word boundaries (array
        // buffers are whole words long) and cut the answer back out.
        let (want_offset, want_size) = (offset, size);
        let offset = want_offset / 4 * 4;
        let size = (want_offset + want_size).div_ceil(4) * 4 - offset;
        let skip = (want_offset - offset) as usize;
        let r = self
            .map_staging(
                op,
                size,
                |enc, staging| enc.copy_buffer_to_buffer(src, offset, staging, 0, size),
                |view| take(&view[skip..skip + want_size as usize]),
            )
            .await;
        match r {
            Ok(r) => {
                self.count_download(want_size);
                // Errors of earlier operations (deferred in a browser)
                // surface here, at the latest, and so do out-of-range
                // indices found on the device.
                self.surface_errors().await?;
                self.check_index_errors().await?;
                Ok(r)
            }
            Err(e) => Err(self.explained(e).await),
        }
    }

    /// Makes a staging buffer of `size` bytes, records `copy` into it (one
    /// command buffer, so whatever else `copy` records lands with it),
    /// submits, awaits the map and hands the mapped bytes to `take`. A
    /// failed map is `Error::Map` naming `op`, for the caller to explain
    /// (earlier deferred errors, a lost device).
    pub(super) async fn map_staging<R>(
        &self,
        op: &'static str,
        size: u64,
        copy: impl FnOnce(&mut wgpu::CommandEncoder, &wgpu::Buffer),
        take: impl FnOnce(&[u8]) -> Result<R>,
    ) -> Result<R> {
        let staging = self.scoped(op, size, || {
            self.inner.device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("ndgpu read-back"),
                size,
                usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            })
        })?;
        self.record(op, 1, |enc| copy(enc, &staging))?;
        self.flush()?;

        let (done, rx) = self.inner.poller.callback(&self.inner.device);
        self.scoped(op, 0, || {
            staging.map_async(wgpu::MapMode::Read, .., move |r| done.complete(r));
        })?;
        self.poll_if_no_poller();
        let reason = match rx.await {
            Some(Ok(())) => None,
            Some(Err(e)) => Some(e.to_string()),
            None => Some("the map callback never ran".into()),
        };
        if let Some(reason) = reason {
            return Err(Error::Map { op, reason });
        }
        let r = match staging.get_mapped_range(..) {
            Ok(view) => take(&view),
            Err(e) => Err(Error::Map {
                op,
                reason: e.to_string(),
            }),
        };
        staging.unmap();
        r
    }

    /// On a native platform whose polling thread could not start, polls
    /// here (blocking) so that awaited callbacks still run.
    pub(super) fn poll_if_no_poller(&self) {
        if cfg!(not(target_arch = "wasm32")) && !self.inner.poller.running() {
            let _ = self.inner.device.poll(wgpu::PollType::wait_indefinitely());
        }
    }

    /// Waits until all submitted work has finished, without blocking the
    /// thread (see [`Device::synchronize`] for the blocking form).
    pub async fn synchronize_async(&self) -> Result<()> {
        self.check_lost()?;
        self.flush()?;
        let (done, rx) = self.inner.poller.callback(&self.inner.device);
        self.scoped("synchronize", 0, || {
            self.inner
                .queue
                .on_submitted_work_done(move || done.complete(()));
        })?;
        self.poll_if_no_poller();
        let done = rx.await;
        self.check_lost()?;
        self.surface_errors().await?;
        self.check_index_errors().await?;
        done.ok_or_else(|| Error::Internal {
            op: "synchronize",
            message: "the work-done callback never ran".into(),
        })
    }

    /// Blocks on `f` (a read-back or wait of this device) and returns its
    /// result once the polling thread is out of the driver again: what
    /// the blocking forms (`to_vec`, `get`, `item`, `synchronize`) run.
    ///
    /// A browser cannot block its thread: there (on `wasm32`) this returns
    /// [`Error::WouldBlock`] naming `op` and its async form, `instead`.
    pub(crate) fn block_on<R>(
        &self,
        op: &'static str,
        instead: &'static str,
        f: impl std::future::Future<Output = Result<R>>,
    ) -> Result<R> {
        if cfg!(target_arch = "wasm32") {
            return Err(Error::WouldBlock { op, instead });
        }
        let r = pollster::block_on(f);
        self.inner
            .poller
            .settle(std::time::Duration::from_millis(50));
        r
    }

    /// Callbacks this device's read-backs and waits still await (0 when
    /// none is in flight, whether they finished or their futures were
    /// dropped). For tests of the asynchronous paths.
    #[doc(hidden)]
    pub fn callbacks_in_flight(&self) -> usize {
        self.inner.poller.awaited()
    }
}
