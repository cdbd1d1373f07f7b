//! Matrix products with NumPy's semantics: [`matmul`] (`np.matmul`, the `@`
//! operator) and [`dot`] (`np.dot`).
//!
//! Every operand is read where it lies: a transposed view, a slice with
//! steps, a negative stride, a broadcast (zero-stride) batch axis, an
//! offset. The kernels take each operand's batch strides, row stride, K
//! stride and offset as data (metadata table in `shaders/matmul_common.wgsl`),
//! so `a.t()` is never copied and one compiled pipeline serves every shape
//! and layout of a dtype.
//!
//! Three kernels (see `shaders/matmul_direct.wgsl` and
//! `shaders/matmul_tiled.wgsl`):
//!
//! - *direct*: each invocation accumulates a 4x8 block of C in registers
//!   (16x16 invocations per workgroup; 4x4 and 8x8 for outputs under
//!   64x128), reading A and B straight from memory; no workgroup memory, no
//!   barrier.
//! - *tiled*: 16x16 invocations stage 64x16 panels of A and B in workgroup
//!   memory and each accumulates a 4x4 block from them, two barriers per
//!   16 steps of K.
//!
//! - *vec4* (`shaders/matmul_vec4.wgsl`): 8x8 invocations of 8x8 blocks,
//!   reading A and B as vec4s along a contiguous axis of each (A along M
//!   or K, B along N or K, chosen from the strides and baked into the
//!   program); f32, i32 and u32 with aligned offsets and strides only.
//!
//! [`MatmulKernel::Auto`] picks per adapter ([`crate::Tuning`]): on a CPU adapter (lavapipe,
//! where a barrier costs a coroutine switch of the whole workgroup and
//! "workgroup memory" is ordinary cached memory) the direct kernel, which
//! measured faster there for every shape tried (figures in the module's
//! `choose` function), or the vec4 kernel where it applies (2.5-3x faster
//! than direct there); on a real GPU the tiled one, whose staging is what
//! GPUs' memory hierarchies reward.
//!
//! Launch planning: each dispatch binds only the window of each buffer it
//! touches. A problem whose A, B or C window exceeds the storage-binding
//! limit is split recursively (batch axes first by their reach, then M or N,
//! and K last); the K chunks after the first add into C (`accumulate`
//! metadata flag), so a transposed operand larger than the binding limit is
//! still read in place.
//!
//! The files: this one (the kernel choice and constants), `api`
//! (`matmul`, `dot`), `problem` (NumPy's shape rules as a problem of
//! strided operands), `program` (the WGSL of each kernel and dtype),
//! `plan` (splitting to the device's limits and running).

mod api;
mod plan;
mod problem;
mod program;
#[cfg(test)]
mod tests;

pub use api::{dot, dot_with, matmul, matmul_with};
use plan::*;
use problem::*;
use program::*;

use std::sync::Arc;

use crate::array::Array;
use crate::dtype::{DType, Element};
use crate::error::{Error, Result};
use crate::kernels::codegen::{self, Access, Binding, Mode, Program};
use crate::kernels::{META_WORDS, meta_stride, meta_u32};
use crate::layout::{Order, broadcast_shapes, coalesce};
use crate::runtime::Storage;
use crate::runtime::{Dispatch, Window};

/// Which matmul kernel to run (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MatmulKernel {
    /// Chosen per adapter by measurement: vec4 (where it applies) or
    /// direct on CPU adapters, tiled elsewhere ([`crate::Tuning`]).
    #[default]
    Auto,
    /// Register blocks read straight from memory, no workgroup memory.
    Direct,
    /// Panels staged through workgroup memory.
    Tiled,
    /// Whole rows of C per workgroup: A's panel staged in workgroup memory
    /// and read by every invocation at the same slots, B read as vec4s of
    /// 4 columns. Runs where B's rows are contiguous and 16-byte aligned
    /// and the dtype is f32, i32 or u32; anything else runs `Direct`.
    Vec4,
}

/// Most K one dispatch sums. llvmpipe (lavapipe) ends an invocation's
/// loops after 65535 iterations in all (a silent wrong answer past that),
/// and the kernels' K loops take 8 (direct) or 16 (tiled) steps per
/// iteration, so 2^18 keeps them at 32768 iterations or fewer; longer sums
/// run as several dispatches that add into C.
pub(super) const MAX_K: usize = 1 << 18;
/// K steps per iteration of the direct kernel's main loop.
pub(super) const DIRECT_KU: u32 = 8;
/// Words before the batch part of the metadata (`MM_HEADER` in the shader).
pub(super) const HEADER: usize = 20;
/// Register block per invocation (rows, columns) of the tiled kernel.
pub(super) const RM: u32 = 4;
pub(super) const RN: u32 = 4;
/// Register block of the direct kernel and its workgroup shape (x, y):
/// 16 x 16 invocations of 4 x 8 outputs, a 64 x 128 tile of C. Measured on
/// lavapipe against 4x4/8x8, 4x4/16x16, 4x4/32x8, 8x4/16x16, 8x8/8x8 and
/// 8x8/16x16 (see `choose`).
pub(super) const DIRECT_RB: (u32, u32) = (4, 8);
pub(super) const DIRECT_WG: (u32, u32) = (16, 16);
/// The direct kernel for products with fewer than 64 rows or 128 columns
/// (matrix-vector products, long thin sums): 8 x 8 invocations of 4 x 4,
/// a 32 x 32 tile, so that an output of a few columns does not run 256
/// invocations through the whole K loop for nothing.
pub(super) const DIRECT_SMALL_RB: (u32, u32) = (4, 4);
pub(super) const DIRECT_SMALL_WG: (u32, u32) = (8, 8);
/// Workgroup shape of the tiled kernel (16 x 16, a 64 x 64 tile) and its
/// K step.
pub(super) const TILED_WG: (u32, u32) = (16, 16);
pub(super) const TILED_TK: u32 = 16;
