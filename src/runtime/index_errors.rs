//! Out-of-range indices found on the device: a per-device error-flag
//! buffer that indexing kernels set, inspected by every read-back and
//! `synchronize`.
//!
//! An index array that lives on the device is checked by the kernel that
//! uses it: an invocation that meets an index outside `-len..len` skips its
//! element and reports the index into the flag buffer, the first report
//! winning (an `atomicCompareExchangeWeak` of word 0 from 0 to 1; the winner
//! writes the operation's code, the axis, the index and the axis length).
//! Nothing is read or written outside the arrays. The host learns of it at
//! the device's next await point: every read-back and
//! [`Device::synchronize_async`] copies the flag buffer out and clears it in
//! one command (so no report can fall between the two) whenever an indexing
//! kernel has been recorded since the last inspection, and returns
//! [`Error::IndexOutOfBounds`] naming the operation instead of its own
//! result. Each report is returned once, as the browser's deferred errors
//! are.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use super::device::Device;
use super::dispatch::Dispatch;
use super::pipeline::Pipeline;
use crate::error::{Error, Result};

/// Words of the flag buffer: report count, operation code, axis, index
/// (low and high words of an i64), axis length, and padding.
const FLAG_WORDS: u64 = 8;

/// The device's error-flag buffer and what the host knows of it.
#[derive(Default)]
pub(crate) struct IndexErrors {
    /// Created on first use.
    buffer: Mutex<Option<wgpu::Buffer>>,
    /// Whether a checking kernel was recorded since the last inspection.
    armed: AtomicBool,
    /// Operation names by code (the code is the position).
    ops: Mutex<Vec<&'static str>>,
}

impl Device {
    /// The code kernels write for `op` into the flag buffer (metadata word
    /// 2 of an indexing kernel).
    pub(crate) fn index_op_code(&self, op: &'static str) -> u32 {
        let mut ops = self
            .inner
            .index_errors
            .ops
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        match ops.iter().position(|&o| o == op) {
            Some(k) => k as u32,
            None => {
                ops.push(op);
                (ops.len() - 1) as u32
            }
        }
    }

    fn flag_buffer(&self, op: &'static str) -> Result<wgpu::Buffer> {
        let mut slot = self
            .inner
            .index_errors
            .buffer
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(b) = slot.as_ref() {
            return Ok(b.clone());
        }
        // A new buffer is zeroed by wgpu: no error reported.
        let b = self.scoped(op, FLAG_WORDS * 4, || {
            self.inner.device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("ndgpu index errors"),
                size: FLAG_WORDS * 4,
                usage: wgpu::BufferUsages::STORAGE
                    | wgpu::BufferUsages::COPY_SRC
                    | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            })
        })?;
        *slot = Some(b.clone());
        Ok(b)
    }

    /// [`Device::dispatch`] for a kernel that checks indices: the flag
    /// buffer is bound after the data windows (binding `1 + windows`), and
    /// the next await point inspects it.
    pub(crate) fn dispatch_checked(
        &self,
        op: &'static str,
        pipeline: &Pipeline,
        dispatches: &[Dispatch<'_>],
        meta_words: usize,
    ) -> Result<()> {
        let flag = self.flag_buffer(op)?;
        self.dispatch_with(op, pipeline, dispatches, meta_words, Some(&flag))?;
        // After recording: an inspection that starts before this point
        // copies the flag before this kernel runs, so it must find the
        // device armed again.
        self.inner.index_errors.armed.store(true, Ordering::SeqCst);
        Ok(())
    }

    /// Returns the out-of-range index a kernel reported since the last
    /// inspection, if any (each report once); immediate when no checking
    /// kernel has been recorded since. Called by every read-back and
    /// `synchronize`.
    pub(crate) async fn check_index_errors(&self) -> Result<()> {
        let ie = &self.inner.index_errors;
        if !ie.armed.swap(false, Ordering::SeqCst) {
            return Ok(());
        }
        let op = "index check";
        let flag = self.flag_buffer(op)?;
        let size = FLAG_WORDS * 4;
        // Copy and clear in one command buffer: a report lands either
        // before both (read now) or after both (kept for the next time).
        let words: Vec<u32> = self
            .map_staging(
                op,
                size,
                |enc, staging| {
                    enc.copy_buffer_to_buffer(&flag, 0, staging, 0, size);
                    enc.clear_buffer(&flag, 0, None);
                },
                |view| Ok(bytemuck::pod_collect_to_vec(view)),
            )
            .await
            .map_err(|e| self.lost_or(e))?;
        if words[0] == 0 {
            return Ok(());
        }
        let name = ie
            .ops
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(words[1] as usize)
            .copied()
            .unwrap_or("index");
        let index = ((words[4] as u64) << 32 | words[3] as u64) as i64;
        Err(Error::IndexOutOfBounds {
            op: name,
            axis: words[2] as usize,
            index: isize::try_from(index).unwrap_or(if index < 0 {
                isize::MIN
            } else {
                isize::MAX
            }),
            len: words[5] as usize,
        })
    }
}
