//! ndgpu: n-dimensional arrays on the GPU with NumPy's copy/view semantics.
//!
//! The README follows (its example is a doc test).
#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

// The layers, bottom up: `layout` (descriptor math, no wgpu), `dtype`
// and `error`; `runtime` (every wgpu call); `kernels` (WGSL generation,
// launch planning, metadata); `compute` (element-wise, reductions,
// matmul); `array` (the user's Array); `io` (files, memory maps,
// interop). ARCHITECTURE.md has the tour.
mod array;
mod compute;
pub mod dtype;
pub mod error;
pub mod io;
mod kernels;
pub mod layout;
mod runtime;

pub use array::{Array, ArrayInfo, Flags, may_share_memory, numpy_repr, shares_memory};
pub use array::{broadcast_arrays, column_stack, concatenate, dstack, hstack, stack, vstack};
pub use compute::elementwise as ops;
#[doc(hidden)]
pub use compute::indexing::stepped as idx_stepped;
pub use compute::indexing::{Index, IndexArray};
pub use compute::mask::where_1;
pub use compute::matmul::{MatmulKernel, dot, dot_with, matmul, matmul_with};
pub use compute::reduce::Accumulate;
pub use dtype::{DType, Element, Feature, Float, Signed, StorageClass};
pub use error::{Error, Result};
pub use layout::join::Repeats;
pub use layout::slice::{Ellipsis, NewAxis, SliceArg};
pub use layout::tricks::Split;
pub use layout::{Layout, Order, broadcast_shapes};
pub use ops::{BinaryOp, CompareOp, LogicalOp, Operand, UnaryOp, where_};
pub use runtime::{
    BATCH_DISPATCHES, Device, DeviceInfo, DeviceOptions, MemoryStats, SizeClassStats,
    TransferStats, Tuning, WgpuBinding,
};
