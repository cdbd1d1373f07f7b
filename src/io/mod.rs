//! Data in and out of the device: files and other libraries' memory.
//!
//! - `.npy` and `.npz` (NumPy's formats) load straight into device arrays
//!   and save from them, the bytes streamed between the file and wgpu's
//!   staging memory.
//!   - [`load_npy`], [`save_npy`], [`load_npy_bytes`], [`npy_bytes`],
//!     [`read_npy_header`] (`npy.rs`): one array per file.
//!   - [`Npz`], [`NpzWriter`], [`save_npz`], [`save_npz_compressed`]
//!     (`npz.rs`): archives of named arrays, stored or deflated.
//!   - [`NpyHeader`]: a `.npy` header, parsed by hand and strictly, and
//!     NumPy's writer of one (`npy_header.rs`).
//! - safetensors files ([`SafeTensorsFile`], [`SafeTensorsWriter`],
//!   `safetensors.rs`): named tensors, or a slice of one, uploading only
//!   the bytes needed.
//! - [`Memmap`]: a host array backed by a memory-mapped
//!   file, like `np.memmap`, whose views move to the device uploading only
//!   the bytes they touch, and out-of-core reductions over files larger
//!   than a device-memory budget (native platforms only).
//! - `ndarray` (cargo feature `ndarray`, `ndarray_interop.rs`):
//!   `Array::from_ndarray` of any view (one block copy when it is
//!   contiguous in some order) and `Array::to_ndarray`.
//!
//! Every parser treats its input as hostile: a malformed, truncated or
//! lying file is an [`Error::Format`](crate::Error::Format) naming what is
//! wrong, never a panic, and nothing is allocated by a size a header
//! claims before the file is known to hold it.
//!
//! Layering: `io` builds on `array` and `runtime` (as `compute` does);
//! nothing below it knows about files.

mod npy;
mod npy_header;
mod npz;
pub use npy::{
    load_npy, load_npy_bytes, npy_bytes, npy_bytes_async, read_npy_header, save_npy, save_npy_async,
};
pub use npy_header::NpyHeader;
pub use npz::{Npz, NpzCompression, NpzWriter, save_npz, save_npz_compressed};

#[cfg(not(target_arch = "wasm32"))]
mod memmap;
#[cfg(not(target_arch = "wasm32"))]
mod memmap_views;
#[cfg(not(target_arch = "wasm32"))]
pub use memmap::{MapMode, Memmap};

mod safetensors;
#[cfg(not(target_arch = "wasm32"))]
pub use self::safetensors::save_safetensors;
pub use self::safetensors::{SafeTensorsFile, SafeTensorsWriter, TensorInfo};
#[cfg(feature = "ndarray")]
mod ndarray_interop;
#[cfg(not(target_arch = "wasm32"))]
mod out_of_core;
#[cfg(not(target_arch = "wasm32"))]
pub use out_of_core::{OutOfCore, OutOfCoreStats, Progress};
