//! Reductions (`sum`, `prod`, `mean`, `min`, `max`, `argmin`, `argmax`,
//! `any`, `all`) over any strided input, read in place: no copy of the
//! input is ever made.
//!
//! How a reduction runs:
//!
//! 1. The axes are split into *outer* (kept: one output each) and *inner*
//!    (reduced) ones. Length-1 axes are dropped, each group is sorted by
//!    decreasing `|stride|` (memory order, so a transposed input reads in
//!    runs) and neighbouring axes that step as one are merged. Output
//!    positions travel with the outer axes as a second stride (the output
//!    is C-contiguous in the kept axes, whatever order they are read in);
//!    for `argmin`/`argmax` the logical (C-order) index travels with the
//!    inner axes as a weight, so reordering never changes which index wins.
//! 2. A work mapping is chosen (`shaders/reduce_wide.wgsl`: up to 256
//!    lanes per output, each folding every L-th element of a chunk of up to
//!    `16 L` and writing its own partial, with no workgroup barrier;
//!    `shaders/reduce_narrow.wgsl`: an invocation per output and chunk of
//!    128 elements, when the reduced extent is short or the outputs are
//!    closer in memory than the reduced elements).
//! 3. The inner box is cut until one output's elements fit a storage
//!    binding and its chunks fit a grid dimension, then the outputs are cut
//!    until each block's input and output windows fit; each block binds only
//!    its windows (`Device::window`), so arrays past the 128 MiB binding
//!    limit work.
//! 4. If an output got more than one slot (chunk, or lane of the wide
//!    mapping), the slots write partial states
//!    (laid out `[output][slot]`, in the accumulator type, plus `u32`
//!    indices for arg reductions), and the same machinery reduces that
//!    contiguous array over its last axis: a multi-pass tree. The last pass
//!    finalises (mean's division, the cast to the output type) and writes
//!    the output.
//!
//! A reduction of a pending element-wise chain's result is kept with the
//! chain (`compute/elementwise/reduce_tail.rs`); if the result is dropped
//! by the time the chain runs, the first pass computes each element from
//! the chain's inputs (a `FusedLoad`) instead of reading it.
//!
//! The files: this one (dtype rules, what a reduction computes), `api`
//! (the `Array` methods), `problem` (outer/inner axes, their merging and
//! the cut of the inner box), `program` (the WGSL of each pass),
//! `passes` (a multi-pass tree over one problem), `entry` (from an array
//! to a problem, and the split into parts of reductions too large for
//! one partials buffer).

mod api;
mod entry;
mod passes;
mod problem;
mod program;
#[cfg(test)]
mod tests;

use entry::*;
use passes::*;
use problem::*;
pub(crate) use program::convert;
use program::*;

use std::sync::Arc;

use crate::array::Array;
use crate::compute::elementwise;
use crate::dtype::{DType, Element, Feature, Float, StorageClass};
use crate::error::{Error, Result};
use crate::kernels::codegen::{self, Access, Binding, Mode, Program};
use crate::kernels::fused::FusedLoad;
use crate::kernels::vec8::u64_word;
use crate::kernels::{EXTRA_BASE, EXTRA_MAX_RANK, META_WORDS, meta_stride, meta_u32};
use crate::layout::slice::SliceArg;
use crate::layout::{Order, normalize_axis, reach};
use crate::runtime::{Device, Storage};
use crate::runtime::{Dispatch, Window};

/// Invocations per workgroup (the shaders' `@workgroup_size`).
pub(super) const WG: usize = 256;
/// Elements one lane folds in the wide mapping, at least: more when the
/// accumulator is wider than the input, so that the partial states take at
/// most 1/16 of the bytes read (`wide_k`).
pub(super) const WIDE_K: usize = 16;
/// Blocks of loads (`WIDE_K` values per state each) per lane of the
/// vector-load wide mapping on a CPU adapter (`passes::wide4_blocks`). On
/// lavapipe a 4096x4096 sum along
/// rows took 16.6-20 ms with one block per lane (64 lanes and partials per
/// row, then two more passes) and ~7 ms with lanes of 256 contiguous vec4s
/// in a hand-written kernel.
pub(super) const WIDE4_CPU_BLOCKS: usize = 16;
/// Elements one invocation folds in the narrow mapping (`NARROW_CHUNK`).
pub(super) const NARROW_CHUNK: usize = 128;
/// Reduced elements one invocation of the four-output narrow mapping folds
/// (`shaders/reduce_narrow4.wgsl`). Its walk steps by a whole row each
/// load; on lavapipe a SIMD group walks its rows before the next group
/// starts, and 128-row walks (one page and prefetch stream per row) ran a
/// 4096x4096 column sum at 88 ms against 39 ms for 16 rows, 55 ms for 32
/// and 44 ms for 8 (the whole sum to a scalar: 21-28 ms in those runs).
pub(super) const COL_CHUNK: usize = 16;
/// Metadata words before the per-axis part (`RH` in `shaders/reduce.wgsl`).
pub(super) const RH: usize = 13;
/// Most elements or outputs one block addresses (indices are u32 in WGSL).
pub(super) const MAX_BLOCK: usize = 1 << 30;

// ----- dtype rules -------------------------------------------------------------

/// NumPy's default result types of reductions, per input type: `Acc` for
/// `sum` and `prod` (bool and signed integers → `i64`, unsigned → `u64`,
/// floats → themselves; float16 accumulates in float32 and rounds at the
/// end), `Mean` for `mean` (floats → themselves, the rest → `f64`).
pub trait Accumulate: Element {
    /// Result type of `sum` and `prod`.
    type Acc: Element;
    /// Result type of `mean`.
    type Mean: Float;
}

macro_rules! accumulate {
    ($($t:ty => $acc:ty, $mean:ty;)*) => {
        $(impl Accumulate for $t {
            type Acc = $acc;
            type Mean = $mean;
        })*
    };
}

accumulate! {
    bool => i64, f64;
    i8 => i64, f64;
    i16 => i64, f64;
    i32 => i64, f64;
    i64 => i64, f64;
    u8 => u64, f64;
    u16 => u64, f64;
    u32 => u64, f64;
    u64 => u64, f64;
    half::f16 => half::f16, half::f16;
    f32 => f32, f32;
    f64 => f64, f64;
}

/// The type partial results of a dtype are kept in: a whole word or pair,
/// computing as the dtype does (narrow integers in 32 bits, float16 in
/// float32, bool as 0/1 in `u32`).
pub(super) fn widen(d: DType) -> DType {
    match d {
        DType::Bool | DType::U8 | DType::U16 => DType::U32,
        DType::I8 | DType::I16 => DType::I32,
        DType::F16 => DType::F32,
        d => d,
    }
}

// ----- what a reduction computes -------------------------------------------------

/// The fold a kernel performs on accumulator values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Add,
    Mul,
    Min,
    Max,
    ArgMin,
    ArgMax,
}

impl Kind {
    pub(super) fn is_arg(self) -> bool {
        matches!(self, Kind::ArgMin | Kind::ArgMax)
    }
    pub(super) fn name(self) -> &'static str {
        match self {
            Kind::Add => "add",
            Kind::Mul => "mul",
            Kind::Min => "min",
            Kind::Max => "max",
            Kind::ArgMin => "argmin",
            Kind::ArgMax => "argmax",
        }
    }
}

/// A reduction: the fold, how inputs enter it, and what comes out.
#[derive(Debug, Clone, Copy)]
pub(super) struct Spec {
    pub(super) op: &'static str,
    pub(super) kind: Kind,
    /// Inputs enter as `x != 0` (0 or 1 in `u32`): any, all, bool results.
    pub(super) truthy: bool,
    /// Accumulator (and partial-result) dtype.
    pub(super) acc: DType,
    /// Result dtype (`I64` for arg reductions).
    pub(super) out: DType,
    /// Divide by the element count at the end.
    pub(super) mean: bool,
}

/// The user-facing operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    Sum,
    Prod,
    Mean,
    Min,
    Max,
    ArgMin,
    ArgMax,
    Any,
    All,
}

impl Op {
    pub(super) fn name(self) -> &'static str {
        match self {
            Op::Sum => "sum",
            Op::Prod => "prod",
            Op::Mean => "mean",
            Op::Min => "min",
            Op::Max => "max",
            Op::ArgMin => "argmin",
            Op::ArgMax => "argmax",
            Op::Any => "any",
            Op::All => "all",
        }
    }

    /// The spec for input dtype `t` and result dtype `u`. A bool result of
    /// `sum`/`prod` is NumPy's logical or/and.
    pub(super) fn spec(self, t: DType, u: DType) -> Spec {
        let s = |kind, truthy, acc, mean| Spec {
            op: self.name(),
            kind,
            truthy,
            acc,
            out: u,
            mean,
        };
        let bool_in = t == DType::Bool;
        match self {
            Op::Sum if u == DType::Bool => s(Kind::Max, true, DType::U32, false),
            Op::Prod if u == DType::Bool => s(Kind::Min, true, DType::U32, false),
            Op::Sum => s(Kind::Add, false, widen(u), false),
            Op::Prod => s(Kind::Mul, false, widen(u), false),
            Op::Mean => s(Kind::Add, false, widen(u), true),
            Op::Min => s(Kind::Min, bool_in, widen(t), false),
            Op::Max => s(Kind::Max, bool_in, widen(t), false),
            Op::ArgMin => s(Kind::ArgMin, bool_in, widen(t), false),
            Op::ArgMax => s(Kind::ArgMax, bool_in, widen(t), false),
            Op::Any => s(Kind::Max, true, DType::U32, false),
            Op::All => s(Kind::Min, true, DType::U32, false),
        }
    }

    /// Whether the reduction of zero elements has a value (NumPy's identity).
    pub(super) fn has_identity(self) -> bool {
        !matches!(self, Op::Min | Op::Max | Op::ArgMin | Op::ArgMax)
    }
}
