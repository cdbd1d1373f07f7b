//! The GPU device: adapter choice, limits and features, error capture, device
//! buffers with memory accounting, submission and read-back.
//!
//! Every wgpu call of ndgpu lives in this module and in `kernels.rs`, so a
//! wgpu upgrade touches two files. wgpu's default error handler panics; here
//! each operation runs inside error scopes (validation, out-of-memory,
//! internal) and a captured error becomes an [`Error`] value. A lost device is
//! remembered and every later operation fails with [`Error::DeviceLost`].

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::dtype::Feature;
use crate::error::{Error, Result};
use crate::kernels::PipelineCache;

/// What the device is and what it allows, as requested from the adapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceInfo {
    /// Adapter name, e.g. `llvmpipe (LLVM 15.0.6, 256 bits)` for lavapipe.
    pub adapter: String,
    /// Backend in use (`Vulkan`, `Gl`, `Metal`, `Dx12`).
    pub backend: String,
    /// Device type (`DiscreteGpu`, `IntegratedGpu`, `Cpu` for a software rasteriser, ...).
    pub device_type: String,
    /// Driver name and version as the adapter reports them.
    pub driver: String,
    /// Largest buffer, in bytes.
    pub max_buffer_size: u64,
    /// Largest storage-buffer binding, in bytes.
    pub max_storage_buffer_binding_size: u64,
    /// Workgroups per dispatch dimension.
    pub max_compute_workgroups_per_dimension: u32,
    /// Required alignment of a storage binding's offset, in bytes.
    pub min_storage_buffer_offset_alignment: u32,
    /// Whether WGSL `f16` is available.
    pub shader_f16: bool,
    /// Whether WGSL `f64` is available.
    pub shader_f64: bool,
    /// Whether WGSL `i64`/`u64` are available.
    pub shader_int64: bool,
    /// Whether WGSL's `pack2x16float`/`unpack2x16float` are available
    /// (wgpu's `SHADER_F16_IN_F32`); without them float16 converts in
    /// integer arithmetic, with the same results.
    pub shader_f16_in_f32: bool,
}

impl std::fmt::Display for DeviceInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "adapter: {} ({}, {})",
            self.adapter, self.backend, self.device_type
        )?;
        writeln!(f, "driver: {}", self.driver)?;
        writeln!(f, "max buffer: {} bytes", self.max_buffer_size)?;
        writeln!(
            f,
            "max storage binding: {} bytes",
            self.max_storage_buffer_binding_size
        )?;
        writeln!(
            f,
            "max workgroups per dimension: {}",
            self.max_compute_workgroups_per_dimension
        )?;
        write!(
            f,
            "features: f16={} f64={} int64={} f16-in-f32={}",
            self.shader_f16, self.shader_f64, self.shader_int64, self.shader_f16_in_f32
        )
    }
}

/// Options for choosing an adapter; the defaults follow wgpu's environment
/// variables (`WGPU_BACKEND`, `WGPU_POWER_PREF`, `WGPU_ADAPTER_NAME`).
#[derive(Debug, Clone, Default)]
pub struct DeviceOptions {
    /// Restrict to these backends; `None` takes `WGPU_BACKEND` or all.
    pub backends: Option<wgpu::Backends>,
    /// Prefer this kind of adapter; `None` takes `WGPU_POWER_PREF` or high performance.
    pub power_preference: Option<wgpu::PowerPreference>,
    /// Convert float16 in integer arithmetic even where the adapter has
    /// WGSL's `pack2x16float`/`unpack2x16float` (a testing aid: devices
    /// without them always do; results are the same).
    #[doc(hidden)]
    pub software_f16: bool,
}

/// A handle to a GPU device. Cheap to clone; `Send + Sync`.
#[derive(Clone)]
pub struct Device {
    pub(crate) inner: Arc<DeviceInner>,
}

pub(crate) struct DeviceInner {
    pub(crate) device: wgpu::Device,
    pub(crate) queue: wgpu::Queue,
    info: DeviceInfo,
    lost: Arc<Mutex<Option<String>>>,
    uncaptured: Arc<Mutex<Option<String>>>,
    pub(crate) pipelines: Mutex<PipelineCache>,
    next_id: AtomicU64,
    /// Recorded work not yet submitted (see [`Device::record`]).
    pending: Mutex<Option<Batch>>,
    submissions: AtomicU64,
    live_bytes: AtomicU64,
    live_buffers: AtomicU64,
}

impl std::fmt::Debug for Device {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Device")
            .field("adapter", &self.inner.info.adapter)
            .field("backend", &self.inner.info.backend)
            .finish()
    }
}

impl PartialEq for Device {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}
impl Eq for Device {}

impl Device {
    /// Opens the best adapter (blocking). See [`Device::new_async`].
    pub fn new() -> Result<Device> {
        pollster::block_on(Self::new_async())
    }

    /// Opens the best adapter: the backend and power preference come from
    /// `WGPU_BACKEND` / `WGPU_POWER_PREF` when set. Requests the adapter's own
    /// limits (not wgpu's low defaults) and the optional shader features it has
    /// (f16, f64, int64).
    pub async fn new_async() -> Result<Device> {
        Self::with_options_async(DeviceOptions::default()).await
    }

    /// Opens a device with explicit options (blocking).
    pub fn with_options(options: DeviceOptions) -> Result<Device> {
        pollster::block_on(Self::with_options_async(options))
    }

    /// Opens a device with explicit options.
    pub async fn with_options_async(options: DeviceOptions) -> Result<Device> {
        let adapter = match options.backends.or_else(wgpu::Backends::from_env) {
            Some(b) => Self::adapter(b, options.power_preference).await,
            // The native APIs first; GL (llvmpipe through EGL) only if none answers.
            None => match Self::adapter(wgpu::Backends::PRIMARY, options.power_preference).await {
                Ok(a) => Ok(a),
                Err(_) => Self::adapter(wgpu::Backends::all(), options.power_preference).await,
            },
        }?;
        let ai = adapter.get_info();
        let wanted =
            wgpu::Features::SHADER_F16 | wgpu::Features::SHADER_F64 | wgpu::Features::SHADER_INT64;
        let features = adapter.features() & wanted;
        let limits = adapter.limits();
        let (device, queue) = adapter
            .request_device(&wgpu::DeviceDescriptor {
                label: Some("ndgpu"),
                required_features: features,
                required_limits: limits.clone(),
                experimental_features: wgpu::ExperimentalFeatures::disabled(),
                memory_hints: wgpu::MemoryHints::Performance,
                trace: wgpu::Trace::Off,
            })
            .await
            .map_err(|e| Error::RequestDevice {
                adapter: ai.name.clone(),
                reason: e.to_string(),
            })?;

        let info = DeviceInfo {
            adapter: ai.name.clone(),
            backend: format!("{:?}", ai.backend),
            device_type: format!("{:?}", ai.device_type),
            driver: format!("{} {}", ai.driver, ai.driver_info)
                .trim()
                .to_string(),
            max_buffer_size: limits.max_buffer_size,
            max_storage_buffer_binding_size: limits.max_storage_buffer_binding_size as u64,
            max_compute_workgroups_per_dimension: limits.max_compute_workgroups_per_dimension,
            min_storage_buffer_offset_alignment: limits.min_storage_buffer_offset_alignment,
            shader_f16: features.contains(wgpu::Features::SHADER_F16),
            shader_f64: features.contains(wgpu::Features::SHADER_F64),
            shader_int64: features.contains(wgpu::Features::SHADER_INT64),
            shader_f16_in_f32: !options.software_f16
                && adapter
                    .get_downlevel_capabilities()
                    .flags
                    .contains(wgpu::DownlevelFlags::SHADER_F16_IN_F32),
        };

        // wgpu's default handler panics on any error not caught by a scope.
        // Every ndgpu operation runs in scopes, so anything landing here is a
        // stray: keep the last one for diagnostics instead of aborting.
        let uncaptured = Arc::new(Mutex::new(None));
        let sink = uncaptured.clone();
        device.on_uncaptured_error(Arc::new(move |e: wgpu::Error| {
            if let Ok(mut slot) = sink.lock() {
                *slot = Some(e.to_string());
            }
        }));
        let lost = Arc::new(Mutex::new(None));
        let lost_sink = lost.clone();
        device.set_device_lost_callback(move |reason, message| {
            if let Ok(mut slot) = lost_sink.lock() {
                slot.get_or_insert_with(|| format!("{reason:?}: {message}"));
            }
        });

        Ok(Device {
            inner: Arc::new(DeviceInner {
                device,
                queue,
                info,
                lost,
                uncaptured,
                pipelines: Mutex::new(HashMap::new()),
                next_id: AtomicU64::new(1),
                pending: Mutex::new(None),
                submissions: AtomicU64::new(0),
                live_bytes: AtomicU64::new(0),
                live_buffers: AtomicU64::new(0),
            }),
        })
    }

    async fn adapter(
        backends: wgpu::Backends,
        power_preference: Option<wgpu::PowerPreference>,
    ) -> Result<wgpu::Adapter> {
        let mut desc = wgpu::InstanceDescriptor::new_without_display_handle_from_env();
        desc.backends = backends;
        let instance = wgpu::Instance::new(desc);
        let power_preference = power_preference
            .or_else(wgpu::PowerPreference::from_env)
            .unwrap_or(wgpu::PowerPreference::HighPerformance);
        instance
            .request_adapter(&wgpu::RequestAdapterOptions {
                power_preference,
                force_fallback_adapter: false,
                compatible_surface: None,
                apply_limit_buckets: false,
            })
            .await
            .map_err(|_| Error::NoAdapter {
                backends: format!("{backends:?}"),
            })
    }

    /// Adapter name, backend, device type and the limits in use.
    pub fn info(&self) -> &DeviceInfo {
        &self.inner.info
    }

    /// The underlying wgpu device and queue, for interoperating with
    /// hand-written wgpu code on the same adapter (and for benchmarks that
    /// compare against it). ndgpu records its work in batches: call
    /// [`Device::flush`] before submitting your own work so that it runs
    /// after ndgpu's. Errors of your own calls are not captured by ndgpu.
    pub fn wgpu(&self) -> (&wgpu::Device, &wgpu::Queue) {
        (&self.inner.device, &self.inner.queue)
    }

    /// Whether the device has a shader feature.
    pub fn has_feature(&self, feature: Feature) -> bool {
        match feature {
            Feature::ShaderF64 => self.inner.info.shader_f64,
            Feature::ShaderInt64 => self.inner.info.shader_int64,
        }
    }

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

    /// The last wgpu error that escaped every error scope, if any (there
    /// should be none; this exists for diagnostics).
    pub fn last_uncaptured_error(&self) -> Option<String> {
        self.inner.uncaptured.lock().ok().and_then(|s| s.clone())
    }

    /// Waits until all submitted work has finished.
    pub fn synchronize(&self) -> Result<()> {
        self.check_lost()?;
        self.flush()?;
        self.inner
            .device
            .poll(wgpu::PollType::wait_indefinitely())
            .map_err(|e| {
                self.lost_or(Error::Internal {
                    op: "synchronize",
                    message: e.to_string(),
                })
            })?;
        self.check_lost()
    }

    /// Destroys the device now: its memory is released and every later
    /// operation on it, or on an array living on it, fails with
    /// [`Error::DeviceLost`].
    pub fn destroy(&self) {
        // Make the loss visible first, before the callback has run and
        // before any other thread's wgpu call can fail because of it: an
        // error seen after this point is reported as the loss.
        if let Ok(mut slot) = self.inner.lost.lock() {
            slot.get_or_insert_with(|| "Destroyed: Device::destroy was called".to_string());
        }
        self.inner.device.destroy();
    }

    /// `Err(DeviceLost)` once the device is gone.
    pub(crate) fn check_lost(&self) -> Result<()> {
        match self.inner.lost.lock().ok().and_then(|s| s.clone()) {
            Some(reason) => Err(Error::DeviceLost { reason }),
            None => Ok(()),
        }
    }

    fn lost_or(&self, e: Error) -> Error {
        self.check_lost().err().unwrap_or(e)
    }

    /// Runs `f` inside validation, out-of-memory and internal error scopes
    /// and turns what they catch into an [`Error`] naming `op`. `bytes` is the
    /// allocation size reported if memory runs out.
    pub(crate) fn scoped<R>(
        &self,
        op: &'static str,
        bytes: u64,
        f: impl FnOnce() -> R,
    ) -> Result<R> {
        self.check_lost()?;
        let d = &self.inner.device;
        let oom = d.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let validation = d.push_error_scope(wgpu::ErrorFilter::Validation);
        let internal = d.push_error_scope(wgpu::ErrorFilter::Internal);
        let r = f();
        // Scopes pop in reverse order of their push.
        let internal = pollster::block_on(internal.pop());
        let validation = pollster::block_on(validation.pop());
        let oom = pollster::block_on(oom.pop());
        // A lost device explains whatever else went wrong.
        self.check_lost()?;
        if oom.is_some() {
            return Err(Error::OutOfMemory { op, bytes });
        }
        if let Some(e) = validation {
            return Err(Error::Validation {
                op,
                message: e.to_string(),
            });
        }
        if let Some(e) = internal {
            return Err(Error::Internal {
                op,
                message: e.to_string(),
            });
        }
        Ok(r)
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
        let (r, commands) = self.scoped(op, 0, || {
            let mut encoder =
                self.inner
                    .device
                    .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                        label: Some(op),
                    });
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

    /// Copies `size` bytes from `src` at byte `offset` into a staging
    /// buffer, waits for the device, and hands the mapped bytes to `take`,
    /// which builds the caller's result straight from them (no
    /// intermediate copy on the host).
    pub(crate) fn read_with<R>(
        &self,
        op: &'static str,
        src: &wgpu::Buffer,
        offset: u64,
        size: u64,
        take: impl FnOnce(&[u8]) -> Result<R>,
    ) -> Result<R> {
        if size == 0 {
            self.check_lost()?;
            return take(&[]);
        }
        // Copies move whole words: widen the range to word boundaries (array
        // buffers are whole words long) and cut the answer back out.
        let (want_offset, want_size) = (offset, size);
        let offset = want_offset / 4 * 4;
        let size = (want_offset + want_size).div_ceil(4) * 4 - offset;
        let skip = (want_offset - offset) as usize;
        let staging = self.scoped(op, size, || {
            self.inner.device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("ndgpu read-back"),
                size,
                usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            })
        })?;
        self.record(op, 1, |enc| {
            enc.copy_buffer_to_buffer(src, offset, &staging, 0, size)
        })?;
        self.flush()?;

        let (tx, rx) = std::sync::mpsc::channel();
        self.scoped(op, 0, || {
            staging.map_async(wgpu::MapMode::Read, .., move |r| {
                let _ = tx.send(r);
            });
        })?;
        self.inner
            .device
            .poll(wgpu::PollType::wait_indefinitely())
            .map_err(|e| {
                self.lost_or(Error::Map {
                    op,
                    reason: e.to_string(),
                })
            })?;
        match rx.recv() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                return Err(self.lost_or(Error::Map {
                    op,
                    reason: e.to_string(),
                }));
            }
            Err(_) => {
                return Err(self.lost_or(Error::Map {
                    op,
                    reason: "the map callback never ran".into(),
                }));
            }
        }
        let r = {
            let view = staging.get_mapped_range(..).map_err(|e| {
                self.lost_or(Error::Map {
                    op,
                    reason: e.to_string(),
                })
            })?;
            take(&view[skip..skip + want_size as usize])
        };
        staging.unmap();
        r
    }
}

/// Dispatches recorded before the batch is submitted on its own.
pub const BATCH_DISPATCHES: usize = 256;

/// The open command batch of a device: finished, validated command buffers,
/// one per operation, in the order the operations returned.
#[derive(Default)]
struct Batch {
    commands: Vec<wgpu::CommandBuffer>,
    /// Dispatches (and copies) recorded so far.
    dispatches: usize,
    /// The first few distinct ops recorded, to name them in errors.
    ops: Vec<&'static str>,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn dev() -> Device {
        Device::new().expect("a GPU adapter (lavapipe: apt-get install mesa-vulkan-drivers)")
    }

    /// A wgpu validation error inside an operation comes back as a value
    /// naming the op; wgpu's default handler would have panicked.
    #[test]
    fn validation_errors_are_captured_not_panicked() {
        let d = dev();
        let r = d.scoped("bad buffer", 0, || {
            // MAP_READ may only be combined with COPY_DST.
            d.inner.device.create_buffer(&wgpu::BufferDescriptor {
                label: None,
                size: 16,
                usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::STORAGE,
                mapped_at_creation: false,
            })
        });
        match r {
            Err(Error::Validation { op, message }) => {
                assert_eq!(op, "bad buffer");
                assert!(!message.is_empty());
            }
            Err(e) => panic!("expected a validation error, got {e:?}"),
            Ok(_) => panic!("expected a validation error"),
        }
        // The device is still usable afterwards, and nothing escaped the scopes.
        assert!(d.alloc("after", 16).is_ok());
        assert_eq!(d.last_uncaptured_error(), None);
    }

    #[test]
    fn allocation_accounting_follows_buffer_lifetimes() {
        let d = dev();
        let a = d.alloc("a", 10).unwrap();
        assert_eq!(a.bytes, 12, "sizes round up to 4 bytes");
        let b = d.alloc("b", 0).unwrap();
        assert_eq!(b.bytes, 4, "an empty array still has a bindable buffer");
        assert_eq!((d.allocated_bytes(), d.allocated_buffers()), (16, 2));
        drop(a);
        assert_eq!((d.allocated_bytes(), d.allocated_buffers()), (4, 1));
        drop(b);
        assert_eq!((d.allocated_bytes(), d.allocated_buffers()), (0, 0));
    }

    #[test]
    fn an_unavailable_backend_is_a_helpful_error() {
        // No Metal on Linux: the error says how to get an adapter.
        let r = Device::with_options(DeviceOptions {
            backends: Some(wgpu::Backends::METAL),
            ..Default::default()
        });
        match r {
            Err(e @ Error::NoAdapter { .. }) => {
                assert!(
                    e.to_string()
                        .contains("apt-get install mesa-vulkan-drivers"),
                    "{e}"
                );
            }
            other => panic!("expected NoAdapter, got {other:?}"),
        }
    }

    #[test]
    fn device_and_arrays_are_send_and_sync() {
        fn is<X: Send + Sync>() {}
        is::<Device>();
        is::<crate::Array<f32>>();
        is::<crate::Array<i32>>();
        is::<Error>();
    }
}
