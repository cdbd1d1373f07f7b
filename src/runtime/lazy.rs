//! Work recorded lazily above the runtime: the element-wise fusion chain
//! (`compute/elementwise/fusion.rs`) keeps operations that returned `Ok`
//! here until something needs their results. The runtime knows only that
//! such work exists and must run, in order, before anything else touches a
//! buffer: [`Device::record`] (every command of every other operation),
//! [`Device::flush`] (read-back, `synchronize`, queue writes, handing a
//! buffer to an application) and [`Device::memory_stats`] all run it first.
//!
//! The slot's lock is held while the work runs, so another thread's
//! command waits for it instead of overtaking it; the thread running it
//! records its own commands without running it again (a thread-local
//! flag).

use std::any::Any;
use std::cell::Cell;
use std::sync::atomic::Ordering;

use super::device::Device;
use crate::error::Result;

/// Work kept lazily by a layer above the runtime.
pub(crate) trait LazyWork: Any {
    /// Records the work on `device` (through [`Device::record`]).
    fn run(self: Box<Self>, device: &Device) -> Result<()>;
    /// For the layer that owns the work to add to it.
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

/// The lazy work of one device (`Send` natively, where a device is shared
/// between threads; a browser's buffers are not `Send`).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) type LazySlot = Option<Box<dyn LazyWork + Send>>;
#[cfg(target_arch = "wasm32")]
pub(crate) type LazySlot = Option<Box<dyn LazyWork>>;

thread_local! {
    /// Set while this thread runs a device's lazy work.
    static RUNNING: Cell<bool> = const { Cell::new(false) };
}

/// Clears [`RUNNING`] however the work ends.
struct Running;

impl Running {
    fn start() -> Running {
        RUNNING.with(|r| r.set(true));
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        RUNNING.with(|r| r.set(false));
    }
}

impl Device {
    /// Runs the lazily kept work, if any (a no-op on the thread already
    /// running it). Its errors are those of the operations it holds.
    pub(crate) fn run_lazy(&self) -> Result<()> {
        if RUNNING.with(|r| r.get()) {
            return Ok(());
        }
        let mut slot = self.inner.lazy.lock().unwrap_or_else(|e| e.into_inner());
        let Some(work) = slot.take() else {
            return Ok(());
        };
        let _running = Running::start();
        work.run(self)
    }

    /// Gives `f` the lazy slot under its lock. `f` may run work it takes
    /// out of the slot: [`Device::record`] inside it does not run the slot
    /// again.
    pub(crate) fn with_lazy<R>(&self, f: impl FnOnce(&Device, &mut LazySlot) -> R) -> R {
        let mut slot = self.inner.lazy.lock().unwrap_or_else(|e| e.into_inner());
        let _running = Running::start();
        f(self, &mut slot)
    }

    /// Whether element-wise operations are fused (see
    /// [`Device::set_fusion_enabled`]).
    pub fn fusion_enabled(&self) -> bool {
        self.inner.fusion.load(Ordering::Relaxed)
    }

    /// Turns the fusion of element-wise chains on or off (it is on unless
    /// [`DeviceOptions::disable_fusion`](crate::DeviceOptions::disable_fusion)
    /// was set). Work already kept for fusion runs first. Results are the
    /// same either way; fusion only launches fewer kernels.
    pub fn set_fusion_enabled(&self, enabled: bool) -> Result<()> {
        self.run_lazy()?;
        self.inner.fusion.store(enabled, Ordering::Relaxed);
        Ok(())
    }
}
