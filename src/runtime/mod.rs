//! Every wgpu call of ndgpu: the adapter and its limits, device loss
//! (`device`), error capture (`scopes`), device buffers and their accounting
//! (`storage`), an application's buffers wrapped and arrays' buffers
//! handed out for its pipelines (`external`), host-to-device and device-to-host byte streams and their
//! counters (`transfer`), the caching pool of freed buffers (`pool`), the command
//! batch (`batch`), read-back (`readback`), the
//! pipeline cache (`pipeline`), driving wgpu's callbacks for futures
//! (`poller`) and dispatching compiled kernels with their
//! binding windows (`dispatch`). Nothing here knows about layouts, dtypes'
//! arithmetic or kernels' sources: a wgpu upgrade stays in this folder.

mod batch;
mod device;
mod dispatch;
mod external;
mod index_errors;
mod lazy;
mod pipeline;
mod poller;
mod pool;
mod readback;
mod scopes;
mod storage;
mod transfer;

pub use batch::BATCH_DISPATCHES;
pub use device::{Device, DeviceInfo, DeviceOptions, Tuning};
pub(crate) use dispatch::{Dispatch, Window};
pub use external::WgpuBinding;
pub(crate) use lazy::{LazySlot, LazyWork};
#[cfg(test)]
pub(crate) use pipeline::{runtime_float_constants, software_f16};
pub use pool::{MemoryStats, SizeClassStats};
pub(crate) use storage::Storage;
pub use transfer::TransferStats;
