//! Prefix sums (scans) on the device, and the chunk walk that stream
//! compaction (`compute::mask`) shares with them.
//!
//! A scan runs over *rows*: every position of the kept axes is a row, and
//! the scanned axis (or, for `axis=None`, every axis in C order) is the
//! row's length `L`. The input is read in place through its strides.
//!
//! How a scan runs (reduce-then-scan, as a tree of chunks; no workgroup
//! barriers, as in the reductions):
//!
//! 1. Each row is cut into chunks of [`CHUNK`] consecutive elements; one
//!    invocation walks one chunk of one row, in order.
//! 2. If a row has more than one chunk, a *totals* pass writes every
//!    chunk's fold to a dense `[row][chunk]` buffer in the accumulator
//!    type, and that buffer is scanned along its rows by the same
//!    machinery (a scan of `L / 128` elements per row; multi-level for
//!    long rows, since each level divides the length by 128).
//! 3. The *scan* pass walks each chunk again, starting from the inclusive
//!    prefix of the chunks before it (the carry), and writes every partial
//!    result, converted to the output type.
//!
//! Invocations next to each other take neighbouring chunks of a row, or
//! neighbouring rows when rows lie closer together in memory than the
//! elements of a row (a scan along a leading axis), so reads run in
//! memory order either way. A walk is at most 128 steps: lavapipe ends an
//! invocation's loops after about 65535 iterations in all.
//!
//! Float sums therefore add in a different order from NumPy's sequential
//! loop (each chunk from its carry, chunk totals as a tree): the last bits
//! of a long float cumsum can differ from NumPy's. float16 accumulates in
//! float32 and rounds each output once (NumPy rounds every step to float16).
//!
//! The files: this one (what a scan computes), `problem` (rows from an
//! array and an axis; axis merging), `program` (the WGSL of each pass),
//! `run` (the passes and their recursion), `api` (`cumsum`, `cumprod` and
//! their `_as` forms).

mod api;
mod problem;
mod program;
mod run;
#[cfg(test)]
mod tests;

pub(crate) use problem::Rows;
pub(crate) use run::{Compaction, compact, input_fits, scan_rows};

use crate::dtype::DType;

/// Elements one invocation walks (`CHUNK` in `shaders/scan.wgsl`).
pub(crate) const CHUNK: usize = 128;
/// Invocations per workgroup (`@workgroup_size` of the scan kernel).
pub(crate) const WG: usize = 256;

/// The fold of a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Combine {
    /// `+` (cumsum; counts).
    Add,
    /// `*` (cumprod).
    Mul,
    /// Logical or of 0/1 values (cumsum into bool).
    Or,
    /// Logical and of 0/1 values (cumprod into bool).
    And,
}

impl Combine {
    fn name(self) -> &'static str {
        match self {
            Combine::Add => "add",
            Combine::Mul => "mul",
            Combine::Or => "or",
            Combine::And => "and",
        }
    }
}

/// How an input element enters the accumulator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Load {
    /// Converted to the accumulator's type (the program is typed).
    Value,
    /// 1 when non-zero (NaN counts, -0.0 does not), else 0, tested on the
    /// raw bits: the program is raw and needs no 64-bit feature.
    Truthy,
}

/// What a scan computes: the fold, how inputs enter it, and the types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Spec {
    /// The public operation, for errors.
    pub op: &'static str,
    pub combine: Combine,
    pub load: Load,
    /// Dtype of the values read.
    pub input: DType,
    /// Accumulator (and chunk totals) dtype: a word or a pair.
    pub acc: DType,
    /// Dtype written by the scan pass.
    pub out: DType,
}

impl Spec {
    /// The spec that scans this one's chunk totals: accumulator to
    /// accumulator, same fold.
    pub(crate) fn of_totals(&self) -> Spec {
        Spec {
            load: Load::Value,
            input: self.acc,
            out: self.acc,
            ..*self
        }
    }
}

#[cfg(test)]
use api::accumulator as api_accumulator;
