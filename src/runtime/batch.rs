//! The command batch: what returned `Ok` is done. Each operation records
//! into a command encoder of its own, finished inside its error scopes;
//! only command buffers that finished cleanly join the batch, which is
//! submitted whole on flush.

use std::sync::atomic::Ordering;

use super::device::Device;
use crate::error::Result;

impl Device {
    /// Records GPU work into the device's open batch instead of submitting
    /// it: a chain of small operations then costs one queue submission per
    /// [`BATCH_DISPATCHES`] dispatches, not one each. Everything that touches
    /// buffers goes through here, so work runs in the order it was recorded.
    ///
    /// Each operation records into a command encoder of its own, finished
    /// inside the operation's error scopes: a command wgpu refuses is caught
    /// here, returned as this operation's error and never joins the batch,
    /// so one failing operation cannot invalidate work that already returned
    /// `Ok` (wgpu fails a whole submission when any command buffer in it is
    /// invalid). The batch is the list of finished command buffers, submitted
    /// together by [`Device::flush`], which read-back,
    /// [`Device::synchronize`] and the size threshold call.
    pub(crate) fn record<R>(
        &self,
        op: &'static str,
        dispatches: usize,
        f: impl FnOnce(&mut wgpu::CommandEncoder) -> R,
    ) -> Result<R> {
        self.check_lost()?;
        // Work kept for fusion was recorded first.
        self.run_lazy()?;
        if self.defers_errors() {
            // Whether wgpu refused the command is known only later (in a
            // browser): submit it on its own, inside its own scopes, so that
            // a refused command fails only its own submission and its error
            // surfaces under its own name.
            self.flush()?;
            self.inner.submissions.fetch_add(1, Ordering::Relaxed);
            return self.scoped(op, 0, || {
                let mut encoder = self
                    .inner
                    .device
                    .create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some(op) });
                let r = f(&mut encoder);
                self.inner.queue.submit([encoder.finish()]);
                self.submitted();
                r
            });
        }
        let (r, commands) = self.scoped(op, 0, || {
            let mut encoder = self
                .inner
                .device
                .create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some(op) });
            let r = f(&mut encoder);
            (r, encoder.finish())
        })?;
        // Only a command buffer that finished without error gets here.
        let mut pending = self.inner.pending.lock().unwrap_or_else(|e| e.into_inner());
        let batch = pending.get_or_insert_with(Batch::default);
        batch.commands.push(commands);
        batch.dispatches += dispatches.max(1);
        if batch.ops.last() != Some(&op) && batch.ops.len() < 8 {
            batch.ops.push(op);
        }
        if batch.dispatches >= BATCH_DISPATCHES {
            self.flush_locked(&mut pending)?;
        }
        Ok(r)
    }

    /// Submits the work recorded so far (ndgpu records device work into a
    /// batch rather than submitting each operation); a no-op when
    /// nothing is pending. Results are the same with or without batching;
    /// flushing only starts the device earlier.
    pub fn flush(&self) -> Result<()> {
        self.run_lazy()?;
        let mut pending = self.inner.pending.lock().unwrap_or_else(|e| e.into_inner());
        self.flush_locked(&mut pending)
    }

    fn flush_locked(&self, pending: &mut Option<Batch>) -> Result<()> {
        let Some(batch) = pending.take() else {
            return Ok(());
        };
        self.check_lost()?;
        // Every command buffer was validated when its operation finished it,
        // so a submission can only fail with the device itself (lost, out of
        // memory); name the operations it held.
        let op = match batch.ops.as_slice() {
            [one] => *one,
            _ => "flush (submitting batched operations)",
        };
        self.inner.submissions.fetch_add(1, Ordering::Relaxed);
        let r = self.scoped(op, 0, || {
            self.inner.queue.submit(batch.commands);
        });
        // Still under the batch lock: buffers freed before now are used by
        // no unsubmitted command (the pool's upload rule).
        self.submitted();
        if let Err(e) = &r {
            // Work that returned Ok did not happen. No later result on this
            // device can be trusted, so it is treated as lost from now on.
            if let Ok(mut slot) = self.inner.lost.lock() {
                slot.get_or_insert_with(|| format!("a submission of recorded work failed: {e}"));
            }
        }
        r
    }

    /// Records, as `op`, a command that wgpu refuses (a buffer copy of 3
    /// bytes; copies must move whole words) and returns the error it gets.
    /// A fault-injection hook for tests of error isolation: whatever other
    /// operations recorded before or after it, on any thread, still happens.
    #[doc(hidden)]
    pub fn record_refused_command(&self, op: &'static str) -> Result<()> {
        let a = self.alloc(op, 16)?;
        let b = self.alloc(op, 16)?;
        self.record(op, 1, |enc| {
            enc.copy_buffer_to_buffer(&a.buffer, 0, &b.buffer, 0, 3);
        })
    }

    /// How many command batches this device has submitted so far.
    pub fn submissions(&self) -> u64 {
        self.inner.submissions.load(Ordering::Relaxed)
    }
}

/// Dispatches recorded before the batch is submitted on its own.
pub const BATCH_DISPATCHES: usize = 256;

/// The open command batch of a device: finished, validated command buffers,
/// one per operation, in the order the operations returned.
#[derive(Default)]
pub(super) struct Batch {
    commands: Vec<wgpu::CommandBuffer>,
    /// Dispatches (and copies) recorded so far.
    dispatches: usize,
    /// The first few distinct ops recorded, to name them in errors.
    ops: Vec<&'static str>,
}
