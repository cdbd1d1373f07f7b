//! Dispatching compiled kernels: the binding windows of buffers, one
//! compute pass per call with a uniform metadata block and a bind group
//! per dispatch, recorded into the device's batch.

use super::device::Device;
use super::pipeline::Pipeline;
use super::storage::Storage;
use crate::error::{Error, Result};

impl Device {
    /// The window of `storage` to bind for a kernel that touches bytes
    /// `lo..hi`: the start aligned down to the device's storage offset
    /// alignment, the end up to a whole word (never past the buffer).
    pub(crate) fn window<'a>(&self, storage: &'a Storage, lo: u64, hi: u64) -> Window<'a> {
        let align = self.info().min_storage_buffer_offset_alignment.max(4) as u64;
        let start = lo / align * align;
        let end = hi.max(lo + 1).div_ceil(4) * 4;
        let end = end.min(storage.bytes).max(start + 4);
        Window {
            storage,
            start,
            size: end - start,
        }
    }

    /// The window of `storage` over elements `lo..=hi` of `isz` bytes (a
    /// negative `lo` counts as 0), its start aligned down to a whole number
    /// of elements, and the element index its start is at.
    pub(crate) fn element_window<'a>(
        &self,
        storage: &'a Storage,
        lo: isize,
        hi: isize,
        isz: usize,
    ) -> (Window<'a>, isize) {
        let align = (self.info().min_storage_buffer_offset_alignment as u64)
            .max(4)
            .max(isz as u64);
        let start = (lo.max(0) as u64 * isz as u64) / align * align;
        let w = self.window(storage, start, (hi as u64 + 1) * isz as u64);
        (w, (w.start / isz as u64) as isize)
    }

    /// Records `dispatches` of `pipeline` in one compute pass (submitted
    /// with the batch), capturing any error under `op`. The lowest-level
    /// launch: each dispatch brings its own windows, metadata (zero-padded
    /// to the `meta_words` of its kernel's uniform table) and grid.
    pub(crate) fn dispatch(
        &self,
        op: &'static str,
        pipeline: &Pipeline,
        dispatches: &[Dispatch<'_>],
        meta_words: usize,
    ) -> Result<()> {
        self.dispatch_with(op, pipeline, dispatches, meta_words, None)
    }

    /// [`Device::dispatch`] with `extra` (when given) bound whole after
    /// every dispatch's windows.
    pub(super) fn dispatch_with(
        &self,
        op: &'static str,
        pipeline: &Pipeline,
        dispatches: &[Dispatch<'_>],
        meta_words: usize,
        extra: Option<&wgpu::Buffer>,
    ) -> Result<()> {
        if dispatches.is_empty() {
            return Ok(());
        }
        let maxdim = self.info().max_compute_workgroups_per_dimension;
        let max_bind = self.info().max_storage_buffer_binding_size;
        for dsp in dispatches {
            if let Some(&g) = dsp.grid.iter().find(|&&g| g > maxdim) {
                return Err(Error::LimitExceeded {
                    op,
                    what: "workgroups per dimension",
                    requested: g as u64,
                    limit: maxdim as u64,
                });
            }
            if let Some(w) = dsp.windows.iter().find(|w| w.size > max_bind) {
                return Err(Error::LimitExceeded {
                    op,
                    what: "storage binding size in bytes",
                    requested: w.size,
                    limit: max_bind,
                });
            }
        }
        let d = &self.inner.device;
        // One error scope covers making the metadata buffers and bind groups
        // and recording the pass.
        self.record(op, dispatches.len(), |enc| {
            let groups: Vec<wgpu::BindGroup> = dispatches
                .iter()
                .map(|dsp| {
                    let mut meta = dsp.meta.clone();
                    meta.resize(meta_words.max(meta.len()), 0);
                    let meta_buf = uniform_buffer(d, bytemuck::cast_slice(&meta));
                    let mut entries = vec![wgpu::BindGroupEntry {
                        binding: 0,
                        resource: meta_buf.as_entire_binding(),
                    }];
                    for (b, w) in dsp.windows.iter().enumerate() {
                        entries.push(wgpu::BindGroupEntry {
                            binding: 1 + b as u32,
                            resource: wgpu::BindingResource::Buffer(wgpu::BufferBinding {
                                buffer: &w.storage.buffer,
                                offset: w.start,
                                size: wgpu::BufferSize::new(w.size),
                            }),
                        });
                    }
                    if let Some(b) = extra {
                        entries.push(wgpu::BindGroupEntry {
                            binding: 1 + dsp.windows.len() as u32,
                            resource: b.as_entire_binding(),
                        });
                    }
                    d.create_bind_group(&wgpu::BindGroupDescriptor {
                        label: Some("ndgpu bind"),
                        layout: &pipeline.layout,
                        entries: &entries,
                    })
                })
                .collect();
            let mut pass = enc.begin_compute_pass(&wgpu::ComputePassDescriptor {
                label: Some(op),
                timestamp_writes: None,
            });
            pass.set_pipeline(&pipeline.pipeline);
            for (dsp, bg) in dispatches.iter().zip(&groups) {
                pass.set_bind_group(0, bg, &[]);
                let [gx, gy, gz] = dsp.grid;
                pass.dispatch_workgroups(gx, gy, gz);
            }
        })?;
        self.inner.dispatches.fetch_add(
            dispatches.len() as u64,
            std::sync::atomic::Ordering::Relaxed,
        );
        Ok(())
    }

    /// Compute dispatches recorded on this device so far: one per kernel
    /// launch, more where a launch is split (by the device's limits, or
    /// into a vectorised body and a tail). Work kept for fusion is not
    /// counted until it runs (as one launch per fused segment): read it
    /// after [`Device::flush`] to count it.
    pub fn dispatch_count(&self) -> u64 {
        self.inner
            .dispatches
            .load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// A uniform buffer holding `contents` (whole words). wgpu's
/// `create_buffer_init` panics when the device is destroyed between making
/// the buffer and mapping it (another thread's `Device::destroy`): here the
/// failed mapping leaves the buffer invalid, and the operation's error
/// scopes report it (as the device's loss).
fn uniform_buffer(d: &wgpu::Device, contents: &[u8]) -> wgpu::Buffer {
    let buffer = d.create_buffer(&wgpu::BufferDescriptor {
        label: Some("ndgpu meta"),
        size: (contents.len() as u64).max(4),
        usage: wgpu::BufferUsages::UNIFORM,
        mapped_at_creation: true,
    });
    if let Ok(mut view) = buffer.get_mapped_range_mut(..) {
        view.slice(..contents.len()).copy_from_slice(contents);
    }
    buffer.unmap();
    buffer
}

/// The bytes of one buffer a dispatch binds (offset aligned to the
/// device's storage offset alignment, size a whole number of words).
#[derive(Clone, Copy)]
pub(crate) struct Window<'a> {
    pub storage: &'a Storage,
    pub start: u64,
    pub size: u64,
}

/// One dispatch of a program: a window per data binding, the metadata
/// words, and the workgroup grid.
pub(crate) struct Dispatch<'a> {
    pub windows: Vec<Window<'a>>,
    pub meta: Vec<u32>,
    pub grid: [u32; 3],
}
