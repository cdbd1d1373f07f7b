//! Compiling and launching kernels: one pipeline per [`Program`] key cached
//! on the device, the metadata packing (its layout is documented as a table
//! in `shaders/strided.wgsl`), axis reordering and merging, and the split of
//! launches that exceed the workgroup-count or storage-binding limits.



use crate::codegen::{self, Program};
use crate::runtime::{Device, Dispatch, Storage, Window};
use crate::error::{Error, Result};
use crate::layout::bounds::{layout_overflow, walk_reach};
use crate::layout::{Dims, Strides, coalesce, reach};

/// Workgroup size of every kernel (matches `WG` in the shaders).
pub(crate) const WG: u32 = 256;
/// Side of the square tile a workgroup covers at rank >= 2 (`TILE` in the shaders).
const TILE: u32 = 16;
/// Words before the per-axis part of the metadata.
pub(crate) const META_HEADER: usize = 12;
/// Size of the metadata block in words (the uniform array in the prelude:
/// 83 x vec4<u32>, room for 4 operands at rank 64).
pub(crate) const META_WORDS: usize = 332;
/// Most operands one program has.
pub(crate) const MAX_OPERANDS: usize = 4;
/// Most elements one launch block addresses (indices are u32 in WGSL).
const MAX_BLOCK_ELEMS: usize = 1 << 30;
/// Most elements one binding's span may cover in a block, whatever the
/// binding limit: strides travel as i32 and in-window offsets as u32. A
/// block whose span in every binding is at most this has every stride of
/// an axis longer than 1 within `i32` (`|stride| * (len - 1) <= span`), and
/// every index inside its window below `2^31 + alignment`, within `u32`;
/// `block_dispatch` checks both all the same.
const MAX_SPAN_ELEMS: usize = i32::MAX as usize;

/// One strided operand of a launch: which data binding it reads or writes
/// (0-based among the kernel's data bindings), its strides and its offset,
/// both in elements of the launch's item size.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Operand {
    pub binding: usize,
    pub strides: Strides,
    pub offset: isize,
}

/// A piece of a launch small enough for the device's limits.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Block {
    pub shape: Dims,
    pub operands: Vec<Operand>,
}

impl Block {
    fn size(&self) -> usize {
        self.shape.iter().product()
    }

    /// Smallest and largest element index (inclusive) each binding touches.
    fn binding_spans(&self, nbind: usize) -> Vec<Option<(isize, isize)>> {
        let mut spans = vec![None; nbind];
        for op in &self.operands {
            // Saturating: `launch` has checked that every operand's walk
            // lies inside its buffer, so this is exact.
            let (lo, hi) = reach(self.shape.iter().copied().zip(op.strides.iter().copied()));
            let (lo, hi) = (op.offset.saturating_add(lo), op.offset.saturating_add(hi));
            let s: &mut Option<(isize, isize)> = &mut spans[op.binding];
            *s = Some(match *s {
                None => (lo, hi),
                Some((a, b)) => (a.min(lo), b.max(hi)),
            });
        }
        spans
    }

    /// The dispatch grid of the block (see the work mapping in
    /// `shaders/strided.wgsl`): at rank 0 or 1 one workgroup per 256
    /// elements, laid out in rows of at most `maxdim`; above, one workgroup
    /// per 16 x 16 tile of the two innermost axes (x over columns, y over
    /// rows) and z over the outer axes.
    fn grid(&self, maxdim: u32) -> [u64; 3] {
        let nd = self.shape.len();
        if nd < 2 {
            let groups = (self.size() as u64).div_ceil(WG as u64);
            let gx = groups.min(maxdim as u64);
            return [gx, groups.div_ceil(gx.max(1)), 1];
        }
        let tile = TILE as u64;
        let (rows, cols) = (self.shape[nd - 2] as u64, self.shape[nd - 1] as u64);
        let outer: u64 = self.shape[..nd - 2].iter().map(|&x| x as u64).product();
        [cols.div_ceil(tile), rows.div_ceil(tile), outer]
    }

    /// An axis to split so that the grid fits `maxdim` per dimension, or
    /// `None` when it fits.
    fn grid_overflow_axis(&self, maxdim: u32) -> Option<usize> {
        let g = self.grid(maxdim);
        let nd = self.shape.len();
        let max = maxdim as u64;
        if g.iter().all(|&x| x <= max) {
            return None;
        }
        if nd < 2 {
            return Some(0);
        }
        if g[0] > max {
            Some(nd - 1)
        } else if g[1] > max {
            Some(nd - 2)
        } else {
            (0..nd - 2).max_by_key(|&k| self.shape[k])
        }
    }

    /// The same elements with axes flipped and reordered the same way in
    /// every operand so that the written operand (the last) steps forward
    /// and from its outermost to its innermost axis: after this, a
    /// contiguous output (in any order, even reversed) merges into one axis,
    /// and a transposed input lands on the second-to-last axis where the
    /// tiled mapping reads it in runs. Only valid for element-wise kernels.
    fn canonical_order(mut self) -> Block {
        let nd = self.shape.len();
        let Some(out) = self.operands.len().checked_sub(1) else {
            return self;
        };
        if self.size() == 0 {
            return self;
        }
        for k in 0..nd {
            if self.operands[out].strides[k] < 0 {
                let len = self.shape[k] as isize;
                for op in &mut self.operands {
                    op.offset += op.strides[k] * (len - 1);
                    op.strides[k] = -op.strides[k];
                }
            }
        }
        let mut perm: Vec<usize> = (0..nd).collect();
        // Outermost first: larger output stride first, ties by the inputs'.
        perm.sort_by(|&x, &y| {
            let key = |k: usize| -> Vec<usize> {
                let mut v = vec![self.operands[out].strides[k].unsigned_abs()];
                v.extend(
                    self.operands[..out]
                        .iter()
                        .map(|op| op.strides[k].unsigned_abs()),
                );
                v
            };
            key(y).cmp(&key(x))
        });
        Block {
            shape: perm.iter().map(|&k| self.shape[k]).collect(),
            operands: self
                .operands
                .iter()
                .map(|op| Operand {
                    binding: op.binding,
                    strides: perm.iter().map(|&k| op.strides[k]).collect(),
                    offset: op.offset,
                })
                .collect(),
        }
    }

    /// Splits axis `axis` at `at` into two blocks.
    fn split(&self, axis: usize, at: usize) -> (Block, Block) {
        let mut a = self.clone();
        let mut b = self.clone();
        a.shape[axis] = at;
        b.shape[axis] = self.shape[axis] - at;
        for op in &mut b.operands {
            op.offset += op.strides[axis] * at as isize;
        }
        (a, b)
    }
}

/// Splits a launch (already merged by [`coalesce`]) into blocks whose every
/// binding's element span fits in `max_span` elements and whose size fits
/// [`MAX_BLOCK_ELEMS`] and its dispatch grid `maxdim` workgroups per
/// dimension. Empty launches give no block. The axis split is the
/// one with the widest reach in the binding that is over the limit, so a
/// transposed operand is cut along its own outer axis.
pub(crate) fn plan_blocks(
    block: Block,
    nbind: usize,
    max_span: usize,
    maxdim: u32,
    out: &mut Vec<Block>,
) {
    let n = block.size();
    if n == 0 {
        return;
    }
    let spans = block.binding_spans(nbind);
    let over = spans.iter().enumerate().find_map(|(b, s)| match s {
        Some((lo, hi)) if *hi as i128 - *lo as i128 + 1 > max_span as i128 => Some(b),
        _ => None,
    });
    let axis = match over {
        Some(b) => (0..block.shape.len())
            .filter(|&k| block.shape[k] > 1)
            .max_by_key(|&k| {
                block
                    .operands
                    .iter()
                    .filter(|op| op.binding == b)
                    .map(|op| {
                        op.strides[k]
                            .unsigned_abs()
                            .saturating_mul(block.shape[k] - 1)
                    })
                    .max()
                    .unwrap_or(0)
            }),
        None if n > MAX_BLOCK_ELEMS => (0..block.shape.len()).find(|&k| block.shape[k] > 1),
        None => match block.grid_overflow_axis(maxdim) {
            Some(k) => Some(k),
            None => {
                out.push(block);
                return;
            }
        },
    };
    match axis {
        Some(k) => {
            let (a, b) = block.split(k, block.shape[k] / 2);
            plan_blocks(a, nbind, max_span, maxdim, out);
            plan_blocks(b, nbind, max_span, maxdim, out);
        }
        // A single element always fits; unreachable in practice.
        None => out.push(block),
    }
}

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
}

/// The metadata words of one block (the table atop `shaders/strided.wgsl`),
/// given each binding's window as `(start, size)` in bytes. With `lanes` > 1
/// the block is a stride-1 run counted in vec4s of each operand.
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
        // With `lanes` > 1 offsets count this operand's vec4s.
        let per = if lanes > 1 { 16 / isz } else { 1 };
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

/// A launch request: `program` over the logical `shape` shared by every
/// operand.
pub(crate) struct Launch<'a> {
    pub op: &'static str,
    pub program: &'a Program,
    pub shape: &'a [usize],
    /// One buffer per data binding of the program.
    pub buffers: &'a [&'a Storage],
    /// Operands as (strides, offset), in elements of their binding's dtype,
    /// in the program's operand order (the written one last).
    pub operands: &'a [(&'a [isize], usize)],
    /// Scalar slots 0..3 (metadata words 8..12).
    pub scalars: [u32; 4],
}

impl Device {
    /// Records and submits a kernel launch, split into as many dispatches as
    /// the limits require. Nothing happens for an empty shape.
    pub(crate) fn launch(&self, l: &Launch<'_>) -> Result<()> {
        let p = l.program;
        let nbind = p.binding_itemsize.len();
        debug_assert_eq!(l.buffers.len(), nbind);
        debug_assert_eq!(l.operands.len(), p.operand_binding.len());
        debug_assert!(l.operands.len() <= MAX_OPERANDS);
        if l.shape.contains(&0) {
            return Ok(());
        }
        // Every operand's walk must lie inside its buffer's elements (the
        // padding of packed types excluded): then nothing below, in the
        // reordering, merging, splitting and windowing, can overflow, and
        // nothing can reach memory the operand does not own.
        for (o, &binding) in l.operands.iter().zip(&p.operand_binding) {
            let isz = p.binding_itemsize[binding];
            let cap = (l.buffers[binding].len_bytes / isz as u64) as usize;
            let (lo, hi) = walk_reach(l.shape.iter().copied().zip(o.0.iter().copied()))
                .and_then(|(lo, hi)| {
                    Some((lo.checked_add(o.1 as i128)?, hi.checked_add(o.1 as i128)?))
                })
                .ok_or_else(|| {
                    layout_overflow(
                        l.op,
                        "the element indices overflow",
                        l.shape,
                        o.0,
                        o.1 as i128,
                    )
                })?;
            if lo < 0 || hi >= cap as i128 {
                return Err(Error::ViewOutOfBuffer {
                    op: l.op,
                    reach: if lo < 0 { lo } else { hi },
                    len: cap,
                });
            }
        }
        let mut first = Block {
            shape: l.shape.into(),
            operands: l
                .operands
                .iter()
                .zip(&p.operand_binding)
                .map(|(o, &binding)| Operand {
                    binding,
                    strides: o.0.into(),
                    // Below the buffer's element count (checked above).
                    offset: o.1 as isize,
                })
                .collect(),
        };
        if p.elementwise {
            first = first.canonical_order();
        }
        let strides: Vec<&[isize]> = first
            .operands
            .iter()
            .map(|o| o.strides.as_slice())
            .collect();
        let (shape, merged) = coalesce(&first.shape, &strides);
        for (op, s) in first.operands.iter_mut().zip(merged) {
            op.strides = s;
        }
        first.shape = shape;
        let info = self.info();
        let align = info.min_storage_buffer_offset_alignment.max(4) as usize;
        let max_bind = info.max_storage_buffer_binding_size as usize;
        // Leave room for aligning the window start down; spans are counted
        // in elements, so the widest element type sets the bound.
        let widest = p.binding_itemsize.iter().copied().max().unwrap_or(1);
        let max_span = ((max_bind.saturating_sub(align)) / widest).min(MAX_SPAN_ELEMS);
        if max_span == 0 {
            return Err(Error::LimitExceeded {
                op: l.op,
                what: "storage binding size in bytes",
                requested: (align + widest) as u64,
                limit: max_bind as u64,
            });
        }
        let maxdim = info.max_compute_workgroups_per_dimension.max(1);
        let mut blocks = Vec::new();
        plan_blocks(first, nbind, max_span, maxdim, &mut blocks);
        if blocks.is_empty() {
            return Ok(());
        }
        // One-element-per-invocation dispatches, by rank class (1, 2, 3+):
        // each class runs its own instantiation (`codegen::rank_variant`).
        let mut scalar: [Vec<Dispatch<'_>>; 3] = Default::default();
        let class = |nd: usize| nd.clamp(1, 3) - 1;
        let mut vector = Vec::new();
        let mut vector0 = Vec::new();
        for block in blocks {
            // A contiguous run in every operand, each starting 16-byte
            // aligned, goes 16 bytes of its narrowest operand to an
            // invocation (4, 8 or 16 elements: see `codegen::map_vec4`);
            // the tail goes one by one.
            if p.vec4.is_some() {
                let narrowest = p.binding_itemsize.iter().copied().min().unwrap_or(4);
                let lanes = 16 / narrowest;
                let n = block.size();
                if block.shape.len() == 1 && n >= lanes {
                    let windows = self.block_windows(l, &block)?;
                    // Element offset of each operand in its window, and its
                    // elements per vec4.
                    let start = |op: &Operand| {
                        let isz = p.binding_itemsize[op.binding];
                        (
                            op.offset - (windows[op.binding].start / isz as u64) as isize,
                            16 / isz,
                        )
                    };
                    let aligned = block.operands.iter().all(|op| {
                        let (at, per) = start(op);
                        op.strides[0] == 1 && at % per as isize == 0
                    });
                    if aligned {
                        let at0 = block.operands.iter().all(|op| start(op).0 == 0);
                        let whole = n / lanes * lanes;
                        let mut main = block.clone();
                        main.shape[0] = whole;
                        let dsp = self.block_dispatch(l, &main, windows, lanes, maxdim)?;
                        if at0 && p.vec4_at0.is_some() {
                            vector0.push(dsp);
                        } else {
                            vector.push(dsp);
                        }
                        if whole < n {
                            let (_, tail) = block.split(0, whole);
                            let w = self.block_windows(l, &tail)?;
                            scalar[0].push(self.block_dispatch(l, &tail, w, 1, maxdim)?);
                        }
                        continue;
                    }
                }
            }
            let windows = self.block_windows(l, &block)?;
            let c = class(block.shape.len());
            scalar[c].push(self.block_dispatch(l, &block, windows, 1, maxdim)?);
        }
        if let Some(v4) = p.vec4_at0.as_deref() {
            self.run(l.op, v4, &vector0)?;
        }
        if let Some(v4) = p.vec4.as_deref() {
            self.run(l.op, v4, &vector)?;
        }
        for (c, dispatches) in scalar.iter().enumerate() {
            if !dispatches.is_empty() {
                self.run(l.op, &codegen::rank_variant(p, c + 1), dispatches)?;
            }
        }
        Ok(())
    }

    /// The window of each binding a block touches.
    fn block_windows<'a>(&self, l: &Launch<'a>, block: &Block) -> Result<Vec<Window<'a>>> {
        let p = l.program;
        block
            .binding_spans(p.binding_itemsize.len())
            .iter()
            .enumerate()
            .map(|(b, span)| {
                let isz = p.binding_itemsize[b] as u64;
                let (lo, hi) = span.unwrap_or((0, 0));
                // Inside the buffer (`launch` checked every operand's walk).
                let (lo, hi) = match (u64::try_from(lo), u64::try_from(hi)) {
                    (Ok(lo), Ok(hi)) if (hi + 1) * isz <= l.buffers[b].bytes => (lo, hi),
                    _ => {
                        return Err(Error::ViewOutOfBuffer {
                            op: l.op,
                            reach: if lo < 0 { lo as i128 } else { hi as i128 },
                            len: (l.buffers[b].len_bytes / isz) as usize,
                        });
                    }
                };
                Ok(self.window(l.buffers[b], lo * isz, (hi + 1) * isz))
            })
            .collect()
    }

    /// The dispatch of one block: its metadata (the prelude's table, see
    /// [`pack_meta`]) and grid. With `lanes` 4 the block is a contiguous
    /// aligned run launched through the vec4 program, counted in vec4s.
    fn block_dispatch<'a>(
        &self,
        l: &Launch<'a>,
        block: &Block,
        windows: Vec<Window<'a>>,
        lanes: usize,
        maxdim: u32,
    ) -> Result<Dispatch<'a>> {
        let p = l.program;
        let spans: Vec<(u64, u64)> = windows.iter().map(|w| (w.start, w.size)).collect();
        let meta = pack_meta(
            &MetaContext {
                op: l.op,
                binding_itemsize: &p.binding_itemsize,
                elementwise: p.elementwise,
                launch_offset0: l.operands[0].1,
                scalars: l.scalars,
            },
            block,
            &spans,
            lanes,
        )?;
        let mut shape = block.shape.clone();
        if lanes > 1 {
            shape[0] /= lanes;
        }
        let grid = Block {
            shape,
            operands: Vec::new(),
        }
        .grid(maxdim);
        Ok(Dispatch {
            windows,
            meta,
            grid: [grid[0] as u32, grid[1] as u32, grid[2] as u32],
        })
    }

}

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
        if dispatches.iter().all(|d| d.meta.len() == META_WORDS) {
            return self.dispatch(op, &pipeline, dispatches);
        }
        let padded: Vec<Dispatch<'_>> = dispatches
            .iter()
            .map(|d| {
                debug_assert!(d.meta.len() <= META_WORDS);
                let mut meta = d.meta.clone();
                meta.resize(META_WORDS, 0);
                Dispatch {
                    windows: d.windows.clone(),
                    meta,
                    grid: d.grid,
                }
            })
            .collect();
        self.dispatch(op, &pipeline, &padded)
    }
}

#[cfg(test)]
mod meta_tests;

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn block(shape: &[usize], ops: &[(usize, &[isize], isize)]) -> Block {
        Block {
            shape: shape.into(),
            operands: ops
                .iter()
                .map(|&(b, s, o)| Operand {
                    binding: b,
                    strides: s.into(),
                    offset: o,
                })
                .collect(),
        }
    }

    /// Every (element, operand) index reached by a list of blocks, in order
    /// of a C walk of each block.
    pub(super) fn reached(blocks: &[Block]) -> Vec<Vec<isize>> {
        let mut out = Vec::new();
        for b in blocks {
            let nd = b.shape.len();
            let n = b.size();
            for i in 0..n {
                let mut rem = i;
                let mut idx = vec![0usize; nd];
                for k in (0..nd).rev() {
                    idx[k] = rem % b.shape[k];
                    rem /= b.shape[k];
                }
                out.push(
                    b.operands
                        .iter()
                        .map(|op| {
                            op.offset
                                + idx
                                    .iter()
                                    .zip(&op.strides)
                                    .map(|(&i, &s)| i as isize * s)
                                    .sum::<isize>()
                        })
                        .collect(),
                );
            }
        }
        out
    }

    #[test]
    fn small_launch_is_one_block() {
        let mut out = Vec::new();
        plan_blocks(
            block(&[4, 5], &[(0, &[5, 1], 0), (1, &[1, 4], 0)]),
            2,
            100,
            65535,
            &mut out,
        );
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn empty_launch_has_no_block() {
        let mut out = Vec::new();
        plan_blocks(block(&[0], &[(0, &[1], 0)]), 1, 100, 65535, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn transposed_operands_split_until_every_binding_fits() {
        // src is a transposed 64x64 view, dst contiguous; spans must be <= 300.
        let whole = block(&[64, 64], &[(0, &[1, 64], 0), (1, &[64, 1], 0)]);
        let out = split_and_check(&whole, 300);
        assert!(out.len() > 1);
    }

    /// Plans `whole` under a span limit and checks that every binding of
    /// every block fits and that every element is still visited exactly
    /// once, with the same operand indices.
    fn split_and_check(whole: &Block, max_span: usize) -> Vec<Block> {
        let mut out = Vec::new();
        plan_blocks(whole.clone(), 2, max_span, 65535, &mut out);
        for b in &out {
            for (lo, hi) in b.binding_spans(2).into_iter().flatten() {
                assert!((hi - lo + 1) as usize <= max_span, "span {lo}..={hi}");
            }
        }
        assert_same_elements(&out, whole);
        out
    }

    fn assert_same_elements(blocks: &[Block], whole: &Block) {
        let mut got = reached(blocks);
        let mut want = reached(std::slice::from_ref(whole));
        got.sort();
        want.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn negative_and_zero_strides_split_correctly() {
        let whole = block(&[10, 7], &[(0, &[-7, 0], 63), (1, &[7, 1], 0)]);
        split_and_check(&whole, 9);
    }

    #[test]
    fn grids_are_split_to_the_per_dimension_limit() {
        // maxdim 3: at most 3 tiles of 16 per axis, 3 outer indices, and
        // 3 x 3 workgroups of 256 at rank 1.
        for whole in [
            block(&[7, 100, 50], &[(0, &[5000, 50, 1], 0)]),
            block(&[5000], &[(0, &[1], 0)]),
            block(
                &[40, 2, 200],
                &[(0, &[1, 40, 80], 0), (1, &[400, 200, 1], 0)],
            ),
        ] {
            let mut out = Vec::new();
            plan_blocks(whole.clone(), 2, usize::MAX / 2, 3, &mut out);
            for b in &out {
                assert!(
                    b.grid(3).iter().all(|&g| g <= 3),
                    "{:?} grid {:?}",
                    b.shape,
                    b.grid(3)
                );
            }
            assert_same_elements(&out, &whole);
        }
    }

    #[test]
    fn canonical_order_makes_the_output_run_forward_outer_to_inner() {
        // An F-ordered, reversed output and a C input: after reordering the
        // output is C-contiguous and merges to one axis.
        let b = block(&[3, 4], &[(0, &[4, 1], 0), (1, &[-1, 3], 2)]).canonical_order();
        assert_eq!(b.shape.as_slice(), &[4, 3]);
        assert_eq!(b.operands[1].strides.as_slice(), &[3, 1]);
        assert_eq!(b.operands[1].offset, 0);
        assert_eq!(b.operands[0].strides.as_slice(), &[1, -4]);
        assert_eq!(b.operands[0].offset, 8);
        assert_same_elements(&[b], &block(&[3, 4], &[(0, &[4, 1], 0), (1, &[-1, 3], 2)]));
    }
}
