//! Kernel metadata: the words of one block's uniform table, and the word
//! helpers the families that pack their own tables use; refused, never
//! truncated, when a number does not fit its word.

use super::plan::{Block, Operand};
use super::{EXTRA_BASE, EXTRA_MAX_RANK, MAX_EXTRA_WORDS, META_HEADER};
use crate::error::{Error, Result};
use crate::layout::bounds::{layout_overflow, walk_reach};

/// What [`pack_meta`] needs of the launch besides the block.
pub(crate) struct MetaContext<'a> {
    /// The public operation, for errors.
    pub op: &'static str,
    /// Item size of each data binding.
    pub binding_itemsize: &'a [usize],
    /// Whether the program is element-wise (then word 3 is not read).
    pub elementwise: bool,
    /// Operand 0's offset in the whole launch (word 3 counts from it).
    pub launch_offset0: usize,
    /// Scalar slots 0..3.
    pub scalars: [u32; 4],
    /// Words from [`EXTRA_BASE`] on.
    pub extra: &'a [u32],
}

/// The metadata words of one block (the table atop `shaders/strided.wgsl`),
/// given each binding's window as `(start, size)` in bytes. With `lanes` > 1
/// the block is a stride-1 run counted in vectors (`lanes` elements of the
/// narrowest binding: a `vec4<u32>` or, for `vec8::map_vec8`, a
/// `vec4<u64>`) of each operand.
///
/// Refuses, never truncates, a block whose numbers do not fit their words:
/// the element count and lengths as `u32`, in-window offsets as `u32`,
/// strides of axes longer than 1 as `i32` (a length-1 axis is only ever at
/// index 0, so its stride is written as 0), word 3 (the block start) as
/// `u32` for a position-dependent program, and each operand's walk inside
/// its window. `plan_blocks` makes blocks that fit (see
/// [`MAX_SPAN_ELEMS`]), so this checks a proof rather than meets a limit.
///
/// # Errors
/// [`Error::LayoutOverflow`] naming `ctx.op`, the block's shape and the
/// operand's strides and offset.
pub(crate) fn pack_meta(
    ctx: &MetaContext<'_>,
    block: &Block,
    windows: &[(u64, u64)],
    lanes: usize,
) -> Result<Vec<u32>> {
    let nd = block.shape.len();
    let mut shape = block.shape.clone();
    if lanes > 1 {
        shape[0] /= lanes;
    }
    let too_big = |what: &'static str, op: &Operand| {
        layout_overflow(ctx.op, what, &block.shape, &op.strides, op.offset as i128)
    };
    let first = &block.operands[0];
    let narrowest = ctx.binding_itemsize.iter().copied().min().unwrap_or(4) as i128;
    let mut meta = vec![0u32; META_HEADER + (1 + block.operands.len()) * nd];
    let n = shape.iter().try_fold(1usize, |n, &d| n.checked_mul(d));
    meta[0] = n
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| too_big("a launch block of more than u32::MAX elements", first))?;
    meta[1] = nd as u32;
    // How far this block's operand 0 starts from the whole launch's, so
    // position-dependent kernels (arange) know where they are after a
    // split. Element-wise programs never read it (their result does not
    // depend on the position, and the launcher reorders their axes), so
    // there it is 0 when it does not fit.
    let start = first.offset as i128 - ctx.launch_offset0 as i128;
    meta[3] = match u32::try_from(start) {
        Ok(s) => s,
        Err(_) if ctx.elementwise => 0,
        Err(_) => return Err(too_big("a block start past u32::MAX", first)),
    };
    for (k, op) in block.operands.iter().enumerate() {
        let isz = ctx.binding_itemsize[op.binding] as i128;
        let (w_start, w_size) = windows[op.binding];
        let at = op.offset as i128 - w_start as i128 / isz;
        // The walk must lie inside the window: otherwise the kernel would
        // address memory it was not given.
        let inside = walk_reach(block.shape.iter().copied().zip(op.strides.iter().copied()))
            .is_some_and(|(lo, hi)| at + lo >= 0 && (at + hi + 1) * isz <= w_size as i128);
        if !inside {
            return Err(too_big(
                "a launch block reaching outside its binding window",
                op,
            ));
        }
        // With `lanes` > 1 offsets count this operand's vectors: `lanes`
        // elements of the narrowest operand (16 or 32 bytes).
        let per = if lanes > 1 {
            lanes as i128 * narrowest / isz
        } else {
            1
        };
        meta[4 + k] = u32::try_from(at / per)
            .map_err(|_| too_big("an offset in its binding window past u32::MAX", op))?;
        for a in 0..nd {
            let s = if block.shape[a] > 1 { op.strides[a] } else { 0 };
            let s = i32::try_from(s).map_err(|_| {
                too_big("a stride outside the i32 range of the kernel metadata", op)
            })?;
            meta[META_HEADER + (1 + k) * nd + a] = s as u32;
        }
    }
    meta[8..12].copy_from_slice(&ctx.scalars);
    if !ctx.extra.is_empty() {
        if nd > EXTRA_MAX_RANK || ctx.extra.len() > MAX_EXTRA_WORDS {
            return Err(too_big(
                "a launch with extra metadata words of more axes than they leave room for",
                first,
            ));
        }
        meta.resize(EXTRA_BASE + ctx.extra.len(), 0);
        meta[EXTRA_BASE..].copy_from_slice(ctx.extra);
    }
    for (m, &s) in meta[META_HEADER..META_HEADER + nd].iter_mut().zip(&shape) {
        *m = u32::try_from(s).map_err(|_| too_big("an axis longer than u32::MAX", first))?;
    }
    Ok(meta)
}

/// A metadata word holding a count, length or in-window offset `v` of a
/// kernel family that packs its own table (reductions, matmul): refused,
/// never truncated, when it does not fit a `u32`. Their planners keep
/// every block within 2^30 elements and a binding, so this checks a proof.
pub(crate) fn meta_u32<V>(op: &'static str, what: &'static str, v: V) -> Result<u32>
where
    V: TryInto<u32> + Copy + std::fmt::Display,
{
    v.try_into().map_err(|_| Error::InvalidLayout {
        op,
        reason: format!("{what} {v} does not fit the kernel's 32-bit metadata"),
    })
}

/// The metadata word of stride `s` along an axis of length `len`: its
/// `i32` bit pattern, refused when it does not fit; a length-1 axis is only
/// ever at index 0, so a stride too wide for it is written as 0.
pub(crate) fn meta_stride(op: &'static str, len: usize, s: isize) -> Result<u32> {
    match i32::try_from(s) {
        Ok(v) => Ok(v as u32),
        Err(_) if len <= 1 => Ok(0),
        Err(_) => Err(Error::InvalidLayout {
            op,
            reason: format!("stride {s} does not fit the kernel's 32-bit metadata"),
        }),
    }
}

#[cfg(test)]
#[path = "meta_tests.rs"]
mod tests;
