//! Kernels: generating their WGSL (`codegen`, with the float helpers of
//! `float_wgsl`), planning launches (`plan`: axis reordering and merging,
//! the split of launches that exceed the workgroup-count or
//! storage-binding limits), packing their metadata (`meta`, laid out as the
//! table in `shaders/strided.wgsl`) and the element-wise launcher
//! (`launch`). Compiling and dispatching is the runtime's.

pub(crate) mod codegen;
pub(crate) mod float_wgsl;
pub(crate) mod fused;
mod index_launch;
pub(crate) mod indexing;
mod launch;
mod meta;
mod plan;
mod tile4;
pub(crate) mod vec8;

pub(crate) use index_launch::IndexLaunch;
pub(crate) use launch::Launch;
pub(crate) use meta::{meta_stride, meta_u32};

use codegen::Program;

use crate::error::Result;
use crate::runtime::{Device, Dispatch};

/// Workgroup size of every kernel (matches `WG` in the shaders).
pub(crate) const WG: u32 = 256;
/// Side of the square tile a workgroup covers at rank >= 2 (`TILE` in the shaders).
pub(crate) const TILE: u32 = 16;
/// Words before the per-axis part of the metadata.
pub(crate) const META_HEADER: usize = 12;
/// Size of the metadata block in words (the uniform array in the prelude:
/// 83 x vec4<u32>, room for 4 operands at rank 64).
pub(crate) const META_WORDS: usize = 332;
/// Most operands one program has.
pub(crate) const MAX_OPERANDS: usize = 4;
/// Most axes (after merging) of a launch that carries extra metadata
/// words (a fused chain's scalars): they start after the table of a launch
/// of this rank, at [`EXTRA_BASE`].
pub(crate) const EXTRA_MAX_RANK: usize = 8;
/// First metadata word of a launch's extra words.
pub(crate) const EXTRA_BASE: usize = META_HEADER + (1 + MAX_OPERANDS) * EXTRA_MAX_RANK;
/// Most extra metadata words one launch carries.
pub(crate) const MAX_EXTRA_WORDS: usize = META_WORDS - EXTRA_BASE;
/// Most elements one launch block addresses (indices are u32 in WGSL).
pub(crate) const MAX_BLOCK_ELEMS: usize = 1 << 30;
/// Most elements one binding's span may cover in a block, whatever the
/// binding limit: strides travel as i32 and in-window offsets as u32. A
/// block whose span in every binding is at most this has every stride of
/// an axis longer than 1 within `i32` (`|stride| * (len - 1) <= span`), and
/// every index inside its window below `2^31 + alignment`, within `u32`;
/// `block_dispatch` checks both all the same.
pub(crate) const MAX_SPAN_ELEMS: usize = i32::MAX as usize;

impl Device {
    /// Records `dispatches` of `program`: checks the features its dtypes
    /// need, compiles (or finds) its pipeline and dispatches it, each
    /// dispatch's metadata padded to the uniform table's [`META_WORDS`].
    pub(crate) fn run(
        &self,
        op: &'static str,
        program: &Program,
        dispatches: &[Dispatch<'_>],
    ) -> Result<()> {
        if dispatches.is_empty() {
            return Ok(());
        }
        program.check_features(op, |f| self.has_feature(f))?;
        let pipeline = self.pipeline(op, &program.key, &program.source)?;
        debug_assert!(dispatches.iter().all(|d| d.meta.len() <= META_WORDS));
        self.dispatch(op, &pipeline, dispatches, META_WORDS)
    }
}
