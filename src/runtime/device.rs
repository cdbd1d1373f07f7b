//! The GPU device: adapter choice, limits and features, error capture and
//! device loss.
//!
//! wgpu's default error handler panics; here each operation runs inside
//! error scopes (validation, out-of-memory, internal) and a captured error
//! becomes an [`Error`] value. A lost device is remembered and every later
//! operation fails with [`Error::DeviceLost`].

use std::collections::HashMap;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};

use super::batch::Batch;
use super::index_errors::IndexErrors;
use super::pipeline::PipelineCache;
use super::poller::Poller;
use super::pool::Pool;
use super::scopes::Deferred;
use crate::dtype::Feature;
use crate::error::{Error, Result};

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
    /// Whether kernels use the work mappings tuned for a CPU adapter
    /// ([`DeviceOptions::tuning`]): `Cpu` adapters by default.
    pub cpu_tuned: bool,
}

/// Which family of work mappings kernels use where the best one differs
/// between a GPU and a CPU adapter (a software rasteriser such as
/// lavapipe): row reductions (lanes over contiguous runs), element-wise
/// maps and row reductions over 4-byte words (32-byte `vec4<u64>` loads,
/// with 64-bit integers) and `matmul`'s
/// [`MatmulKernel::Auto`](crate::MatmulKernel::Auto). On a GPU many short
/// lanes keep loads coalesced; on a CPU adapter each invocation's fixed
/// cost and each load instruction are dear, so lanes do more work each and
/// load more at a time. Results are the same, except for the rounding of
/// float sums, whose order differs (both stay within the same error
/// bound).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tuning {
    /// By the adapter's type: `Cpu` adapters get the CPU mappings.
    #[default]
    Auto,
    /// The mappings tuned for a GPU, whatever the adapter.
    Gpu,
    /// The mappings tuned for a CPU adapter, whatever the adapter.
    Cpu,
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
            "features: f16={} f64={} int64={} f16-in-f32={} cpu-tuned={}",
            self.shader_f16,
            self.shader_f64,
            self.shader_int64,
            self.shader_f16_in_f32,
            self.cpu_tuned
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
    /// Report errors that the device catches (not those checked on the
    /// host) at the next await point of the device instead of from the
    /// operation itself, and submit each operation on its own: what a
    /// browser always does, where waiting for an error scope would block
    /// (see the crate documentation, "Errors in a browser"). For testing
    /// the browser's behaviour on a native device.
    pub deferred_errors: bool,
    /// Turn the caching pool of freed buffers off: every allocation goes
    /// to the driver and every freed buffer back to it (see
    /// [`Device::memory_stats`], [`Device::set_pool_enabled`]). The pool is
    /// on by default.
    pub disable_pool: bool,
    /// Run every element-wise operation as its own kernel instead of
    /// fusing chains of them (see [`Device::set_fusion_enabled`]). Fusion
    /// is on by default, except with `deferred_errors` and in a browser,
    /// where each operation is submitted on its own.
    pub disable_fusion: bool,
    /// Which work mappings kernels use where a GPU and a CPU adapter want
    /// different ones (see [`Tuning`]); `Auto` by default.
    pub tuning: Tuning,
}

/// A handle to a GPU device. Cheap to clone; `Send + Sync`.
#[derive(Clone)]
pub struct Device {
    pub(crate) inner: Arc<DeviceInner>,
}

pub(crate) struct DeviceInner {
    pub(crate) device: wgpu::Device,
    pub(crate) queue: wgpu::Queue,
    pub(super) info: DeviceInfo,
    pub(super) lost: Arc<Mutex<Option<String>>>,
    pub(super) uncaptured: Arc<Mutex<Option<String>>>,
    pub(super) pipelines: Mutex<PipelineCache>,
    pub(super) next_id: AtomicU64,
    /// Recorded work not yet submitted (see [`Device::record`]).
    pub(super) pending: Mutex<Option<Batch>>,
    pub(super) submissions: AtomicU64,
    /// Compute dispatches recorded (`dispatch.rs`).
    pub(super) dispatches: AtomicU64,
    pub(super) live_bytes: AtomicU64,
    pub(super) live_buffers: AtomicU64,
    /// Freed buffers kept for reuse, and the memory statistics.
    pub(super) pool: Pool,
    /// Drives wgpu's callbacks for awaited read-backs.
    pub(super) poller: Poller,
    /// [`DeviceOptions::deferred_errors`].
    pub(super) defer_errors: bool,
    /// Scopes of operations whose errors surface at the next await point.
    pub(super) deferred: Deferred,
    /// Out-of-range indices reported by kernels (`index_errors.rs`).
    pub(super) index_errors: IndexErrors,
    /// Bytes moved between host and device (`transfer.rs`).
    pub(super) transfers: super::transfer::Transfers,
    /// Work kept for fusion (`lazy.rs`).
    pub(super) lazy: Mutex<super::lazy::LazySlot>,
    /// Whether element-wise chains are fused.
    pub(super) fusion: std::sync::atomic::AtomicBool,
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
        if cfg!(target_arch = "wasm32") {
            return Err(Error::WouldBlock {
                op: "Device::new",
                instead: "Device::new_async",
            });
        }
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
        if cfg!(target_arch = "wasm32") {
            return Err(Error::WouldBlock {
                op: "Device::with_options",
                instead: "Device::with_options_async",
            });
        }
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
        let wanted =
            wgpu::Features::SHADER_F16 | wgpu::Features::SHADER_F64 | wgpu::Features::SHADER_INT64;
        let features = adapter.features() & wanted;
        let (device, queue) = adapter
            .request_device(&wgpu::DeviceDescriptor {
                label: Some("ndgpu"),
                required_features: features,
                required_limits: adapter.limits(),
                experimental_features: wgpu::ExperimentalFeatures::disabled(),
                memory_hints: wgpu::MemoryHints::Performance,
                trace: wgpu::Trace::Off,
            })
            .await
            .map_err(|e| Error::RequestDevice {
                adapter: adapter.get_info().name,
                reason: e.to_string(),
            })?;
        Self::build("Device::new", &adapter, device, queue, &options)
    }

    /// An ndgpu device over an application's own wgpu device and queue
    /// (wgpu's handles are cheap clones: the application keeps its own),
    /// so that ndgpu's arrays and the application's pipelines share one
    /// device, one queue and each other's buffers without copies
    /// ([`Array::from_wgpu_buffer`](crate::Array::from_wgpu_buffer),
    /// [`Array::wgpu_binding`](crate::Array::wgpu_binding)). With the
    /// default [`DeviceOptions`]; see [`Device::from_wgpu_with_options`].
    ///
    /// **Limits.** ndgpu's kernels need the limits of
    /// [`Device::required_limits`] (WebGPU's defaults, `wgpu::Limits::default()`,
    /// cover them; `wgpu::Limits::downlevel_defaults()` does not): the
    /// device's own limits (`device.limits()`, not the adapter's) are
    /// checked, and a device below them is refused with
    /// [`Error::InvalidArgument`] naming every limit short, its value and
    /// what ndgpu needs. Request `adapter.limits()` for the most room:
    /// ndgpu uses whatever the device has (larger arrays per binding, more
    /// workgroups per dispatch).
    ///
    /// **Features.** None is required. float64 and 64-bit integer
    /// arithmetic need `SHADER_F64` / `SHADER_INT64` and report
    /// [`Error::MissingFeature`] without them; request them (and
    /// `SHADER_F16`) when `adapter.features()` has them. What the device
    /// has is read from `device.features()`.
    ///
    /// **Handlers.** ndgpu installs its own uncaptured-error handler and
    /// device-lost callback on the device (`on_uncaptured_error`,
    /// `set_device_lost_callback`), **replacing the application's**: an
    /// error of the application's own calls that escapes its error scopes
    /// no longer reaches the application's handler (or wgpu's default,
    /// which panics) but is kept as [`Device::last_uncaptured_error`], and
    /// a loss makes every later ndgpu operation return
    /// [`Error::DeviceLost`]. Wrap your own calls in error scopes to see
    /// their errors. For the same reason make one ndgpu `Device` per wgpu
    /// device and clone it: a second `from_wgpu` on the same device takes
    /// over the handlers, and the first no longer learns of a loss (its
    /// operations then fail with wgpu's errors instead of
    /// [`Error::DeviceLost`]). wgpu offers no way to detect this here: its
    /// device identities repeat across `wgpu::Instance`s.
    ///
    /// **Ordering.** ndgpu records its work in batches on the shared
    /// queue. Call [`Device::flush`] before submitting work of your own
    /// that reads ndgpu's results, or before writing (by `queue.write_buffer`)
    /// into a buffer ndgpu's recorded work uses ([`Array::wgpu_binding`](crate::Array::wgpu_binding)
    /// flushes for you). ndgpu's later operations are submitted after
    /// whatever you submitted before them.
    ///
    /// ```
    /// # fn main() -> ndgpu::Result<()> {
    /// # if cfg!(target_arch = "wasm32") { return Ok(()); }
    /// let instance = wgpu::Instance::new(wgpu::InstanceDescriptor::new_without_display_handle_from_env());
    /// let adapter = pollster::block_on(instance.request_adapter(&Default::default())).unwrap();
    /// let (device, queue) = pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor {
    ///     required_limits: adapter.limits(),
    ///     ..Default::default()
    /// }))
    /// .unwrap();
    /// let dev = ndgpu::Device::from_wgpu(&adapter, device.clone(), queue.clone())?;
    /// let a = ndgpu::Array::<f32>::arange(&dev, 0.0, 4.0, 1.0)?;
    /// assert_eq!(a.to_vec()?, vec![0.0, 1.0, 2.0, 3.0]);
    /// assert!(dev.wgpu().0 == &device);
    /// # Ok(())
    /// # }
    /// ```
    pub fn from_wgpu(
        adapter: &wgpu::Adapter,
        device: wgpu::Device,
        queue: wgpu::Queue,
    ) -> Result<Device> {
        Self::from_wgpu_with_options(adapter, device, queue, DeviceOptions::default())
    }

    /// [`Device::from_wgpu`] with options: `software_f16`,
    /// `deferred_errors` and `disable_pool` apply; `backends` and
    /// `power_preference` choose an adapter and are ignored here (the
    /// application chose it).
    pub fn from_wgpu_with_options(
        adapter: &wgpu::Adapter,
        device: wgpu::Device,
        queue: wgpu::Queue,
        options: DeviceOptions,
    ) -> Result<Device> {
        Self::build("Device::from_wgpu", adapter, device, queue, &options)
    }

    /// The least limits ndgpu's kernels work with, each raised from
    /// `base` where `base` is lower (and left as it is where higher), for
    /// an application's `DeviceDescriptor::required_limits`:
    /// `Device::required_limits(wgpu::Limits::downlevel_defaults())`.
    /// The limits ndgpu checks are the bindings of one kernel (4 operands
    /// and the index-error flag as storage buffers, a uniform metadata
    /// table of 1392 bytes), its workgroups (256 invocations, 256 x 1 or
    /// 16 x 16, 16 KiB of workgroup memory for the tiled matmul of 8-byte
    /// types) and the sizes its launch planning is tested with (WebGPU's
    /// defaults: 65535 workgroups per dimension, 128 MiB storage
    /// bindings); see [`Device::from_wgpu`].
    pub fn required_limits(base: wgpu::Limits) -> wgpu::Limits {
        let mut l = base;
        for r in REQUIRED_LIMITS {
            let v = (r.get)(&l);
            if v < r.least {
                (r.set)(&mut l, r.least);
            }
        }
        l
    }

    /// The one constructor behind [`Device::with_options_async`] and
    /// [`Device::from_wgpu_with_options`]: checks the device's limits,
    /// reads its features and the adapter's description, installs the
    /// error handler and the loss callback.
    fn build(
        op: &'static str,
        adapter: &wgpu::Adapter,
        device: wgpu::Device,
        queue: wgpu::Queue,
        options: &DeviceOptions,
    ) -> Result<Device> {
        let limits = device.limits();
        let short = short_limits(&limits);
        if !short.is_empty() {
            return Err(Error::InvalidArgument {
                op,
                reason: format!(
                    "the device's limits are below what ndgpu's kernels need: {}; request at \
                     least these when creating the device (wgpu::Limits::default() or \
                     adapter.limits() have them; Device::required_limits raises a set of limits \
                     to them)",
                    short.join(", ")
                ),
            });
        }
        let features = device.features();
        let ai = adapter.get_info();
        let info = DeviceInfo {
            adapter: ai.name.clone(),
            backend: format!("{:?}", ai.backend),
            device_type: format!("{:?}", ai.device_type),
            driver: format!("{} {}", ai.driver, ai.driver_info)
                .trim()
                .to_string(),
            max_buffer_size: limits.max_buffer_size,
            max_storage_buffer_binding_size: limits.max_storage_buffer_binding_size,
            max_compute_workgroups_per_dimension: limits.max_compute_workgroups_per_dimension,
            min_storage_buffer_offset_alignment: limits.min_storage_buffer_offset_alignment,
            shader_f16: features.contains(wgpu::Features::SHADER_F16),
            shader_f64: features.contains(wgpu::Features::SHADER_F64),
            shader_int64: features.contains(wgpu::Features::SHADER_INT64),
            // In a browser, WGSL's `pack2x16float` of a value beyond
            // float16's range is NaN, not infinity (WGSL leaves it
            // indeterminate): convert in integer arithmetic there.
            shader_f16_in_f32: !options.software_f16
                && ai.backend != wgpu::Backend::BrowserWebGpu
                && adapter
                    .get_downlevel_capabilities()
                    .flags
                    .contains(wgpu::DownlevelFlags::SHADER_F16_IN_F32),
            cpu_tuned: match options.tuning {
                Tuning::Auto => ai.device_type == wgpu::DeviceType::Cpu,
                Tuning::Cpu => true,
                Tuning::Gpu => false,
            },
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
                dispatches: AtomicU64::new(0),
                live_bytes: AtomicU64::new(0),
                live_buffers: AtomicU64::new(0),
                pool: Pool::new(!options.disable_pool),
                poller: Poller::default(),
                defer_errors: options.deferred_errors,
                deferred: Deferred::default(),
                index_errors: IndexErrors::default(),
                transfers: Default::default(),
                lazy: Mutex::new(None),
                fusion: std::sync::atomic::AtomicBool::new(
                    !options.disable_fusion
                        && !options.deferred_errors
                        && ai.backend != wgpu::Backend::BrowserWebGpu,
                ),
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

    /// The last wgpu error that escaped every error scope, if any (there
    /// should be none; this exists for diagnostics).
    pub fn last_uncaptured_error(&self) -> Option<String> {
        self.inner.uncaptured.lock().ok().and_then(|s| s.clone())
    }

    /// Waits until all submitted work has finished (blocking; a thin
    /// wrapper over [`Device::synchronize_async`]).
    pub fn synchronize(&self) -> Result<()> {
        self.block_on("synchronize", "synchronize_async", self.synchronize_async())
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

    pub(super) fn lost_or(&self, e: Error) -> Error {
        self.check_lost().err().unwrap_or(e)
    }
}

/// One limit ndgpu's kernels depend on and the least value they work with.
struct RequiredLimit {
    name: &'static str,
    least: u64,
    get: fn(&wgpu::Limits) -> u64,
    set: fn(&mut wgpu::Limits, u64),
}

macro_rules! required {
    ($($field:ident: $least:expr),* $(,)?) => {
        [$(RequiredLimit {
            name: stringify!($field),
            least: $least,
            get: |l| l.$field as u64,
            // `least` is one of the constants below, each within the field's type.
            set: |l, v| l.$field = v as _,
        }),*]
    };
}

/// What the kernels bind and launch (`kernels/mod.rs`, the shaders; the
/// unit test below checks the numbers against the kernels' constants):
/// up to 4 operands plus the index-error flag as storage buffers, one
/// uniform metadata table of `INDEX_META_WORDS` (348) words, 256-lane
/// workgroups (256 x 1, or 16 x 16 tiles), two 64 x 16 panels of 8-byte
/// elements in the tiled matmul's workgroup memory, and the workgroup
/// counts and binding sizes launch planning is tested with (WebGPU's
/// defaults).
const REQUIRED_LIMITS: [RequiredLimit; 11] = required! {
    max_bind_groups: 1,
    max_bindings_per_bind_group: 6,
    max_storage_buffers_per_shader_stage: 5,
    max_uniform_buffers_per_shader_stage: 1,
    max_uniform_buffer_binding_size: 348 * 4,
    max_compute_invocations_per_workgroup: 256,
    max_compute_workgroup_size_x: 256,
    max_compute_workgroup_size_y: 16,
    max_compute_workgroup_storage_size: 2 * 64 * 16 * 8,
    max_compute_workgroups_per_dimension: 65535,
    max_storage_buffer_binding_size: 128 << 20,
};

/// Each limit of `limits` below [`REQUIRED_LIMITS`], as `name is X, needs
/// at least Y`.
fn short_limits(limits: &wgpu::Limits) -> Vec<String> {
    REQUIRED_LIMITS
        .iter()
        .filter(|r| (r.get)(limits) < r.least)
        .map(|r| {
            format!(
                "{} is {}, ndgpu needs at least {}",
                r.name,
                (r.get)(limits),
                r.least
            )
        })
        .collect()
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

    /// The required limits follow the kernels' constants, and are met by
    /// WebGPU's defaults (which `required_limits` leaves unchanged) but
    /// not by wgpu's downlevel defaults.
    #[test]
    fn required_limits_follow_the_kernels() {
        use crate::kernels::{MAX_OPERANDS, TILE, WG, indexing::INDEX_META_WORDS};
        let need = |name: &str| {
            REQUIRED_LIMITS
                .iter()
                .find(|r| r.name == name)
                .map(|r| r.least)
                .unwrap()
        };
        // Operands plus the index-error flag.
        assert_eq!(
            need("max_storage_buffers_per_shader_stage"),
            MAX_OPERANDS as u64 + 1
        );
        assert_eq!(need("max_bindings_per_bind_group"), MAX_OPERANDS as u64 + 2);
        assert_eq!(
            need("max_uniform_buffer_binding_size"),
            INDEX_META_WORDS as u64 * 4
        );
        assert_eq!(need("max_compute_invocations_per_workgroup"), WG as u64);
        assert_eq!(need("max_compute_workgroup_size_x"), WG as u64);
        assert_eq!(need("max_compute_workgroup_size_y"), TILE as u64);
        assert!(short_limits(&wgpu::Limits::default()).is_empty());
        assert_eq!(
            Device::required_limits(wgpu::Limits::default()),
            wgpu::Limits::default()
        );
        let low = wgpu::Limits::downlevel_defaults();
        assert_eq!(
            short_limits(&low),
            vec![
                "max_storage_buffers_per_shader_stage is 4, ndgpu needs at least 5".to_string(),
                "max_compute_workgroup_storage_size is 16352, ndgpu needs at least 16384"
                    .to_string(),
            ]
        );
        let raised = Device::required_limits(low.clone());
        assert!(short_limits(&raised).is_empty());
        assert_eq!(raised.max_storage_buffers_per_shader_stage, 5);
        assert_eq!(
            raised.max_texture_dimension_2d,
            low.max_texture_dimension_2d
        );
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
