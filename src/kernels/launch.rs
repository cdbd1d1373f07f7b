//! The element-wise launcher: a launch request reordered, merged and split
//! into blocks, each bound to its windows and described by its metadata.

use super::codegen::{self, Program, TILE4_WG, TileRead};
use super::meta::{MetaContext, pack_meta};
use super::plan::{Block, Operand, plan_blocks};
use super::vec8;
use super::{MAX_OPERANDS, MAX_SPAN_ELEMS};
use crate::error::{Error, Result};
use crate::layout::bounds::{layout_overflow, walk_reach};
use crate::layout::coalesce;
use crate::runtime::{Device, Dispatch, Storage, Window};

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
    /// Words from [`EXTRA_BASE`](super::EXTRA_BASE) on (a fused chain's
    /// scalars); a launch with any is refused past
    /// [`EXTRA_MAX_RANK`](super::EXTRA_MAX_RANK) merged axes.
    pub extra: &'a [u32],
}

impl Device {
    /// The largest element span one binding of `p` may cover: the storage
    /// binding size, less room for aligning the window start down, in
    /// elements of the widest binding (spans are counted in elements).
    /// Refused ([`Error::LimitExceeded`]) when not even one element fits.
    pub(super) fn max_span(&self, op: &'static str, p: &Program) -> Result<usize> {
        let info = self.info();
        let align = info.min_storage_buffer_offset_alignment.max(4) as usize;
        let max_bind = info.max_storage_buffer_binding_size as usize;
        let widest = p.binding_itemsize.iter().copied().max().unwrap_or(1);
        let max_span = ((max_bind.saturating_sub(align)) / widest).min(MAX_SPAN_ELEMS);
        if max_span == 0 {
            return Err(Error::LimitExceeded {
                op,
                what: "storage binding size in bytes",
                requested: (align + widest) as u64,
                limit: max_bind as u64,
            });
        }
        Ok(max_span)
    }

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
        check_walks(l.op, l.shape, p, l.buffers, l.operands)?;
        let first = first_block(l.shape, p, l.operands, p.elementwise);
        let info = self.info();
        let max_span = self.max_span(l.op, p)?;
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
        let mut vector8 = Vec::new();
        let mut vector8_0 = Vec::new();
        // 4x4-block dispatches by how each operand is read.
        let mut tiled: Vec<(Vec<TileRead>, Vec<Dispatch<'_>>)> = Vec::new();
        for block in blocks {
            if p.tile4.is_some()
                && block.shape.len() == 2
                && let Some((reads, dsp, tails)) = self.tile4_dispatch(l, &block, maxdim)?
            {
                match tiled.iter_mut().find(|(r, _)| *r == reads) {
                    Some((_, v)) => v.push(dsp),
                    None => tiled.push((reads, vec![dsp])),
                }
                for tail in tails {
                    let w = self.block_windows(l, &tail)?;
                    scalar[1].push(self.block_dispatch(l, &tail, w, 1, maxdim)?);
                }
                continue;
            }
            // A contiguous run in every operand, each starting 16-byte
            // aligned, goes 16 bytes of its narrowest operand to an
            // invocation (4, 8 or 16 elements: see `codegen::map_vec4`), or
            // on a CPU adapter with 64-bit integers, where every binding
            // holds 4-byte words and each run starts 32-byte aligned, 8
            // elements as one `vec4<u64>` (see `vec8::map_vec8`); the tail
            // goes one by one.
            if p.vec4.is_some() && block.shape.len() == 1 {
                let narrowest = p.binding_itemsize.iter().copied().min().unwrap_or(4);
                let n = block.size();
                if n >= 16 / narrowest {
                    let windows = self.block_windows(l, &block)?;
                    // Element offset of each operand in its window.
                    let start = |op: &Operand| {
                        let isz = p.binding_itemsize[op.binding];
                        op.offset - (windows[op.binding].start / isz as u64) as isize
                    };
                    let aligned = |bytes: usize| {
                        n >= bytes / narrowest
                            && block.operands.iter().all(|op| {
                                let per = bytes / p.binding_itemsize[op.binding];
                                op.strides[0] == 1 && start(op) % per as isize == 0
                            })
                    };
                    let info = self.info();
                    // (`tile4` is there exactly when every binding holds
                    // 4-byte words.)
                    let bytes = if info.cpu_tuned
                        && info.shader_int64
                        && p.tile4.as_deref().is_some_and(vec8::pays)
                        && aligned(32)
                    {
                        32
                    } else if aligned(16) {
                        16
                    } else {
                        0
                    };
                    if bytes > 0 {
                        let lanes = bytes / narrowest;
                        let at0 = block.operands.iter().all(|op| start(op) == 0);
                        let whole = n / lanes * lanes;
                        let mut main = block.clone();
                        main.shape[0] = whole;
                        let dsp = self.block_dispatch(l, &main, windows, lanes, maxdim)?;
                        match (bytes, at0) {
                            (32, true) => vector8_0.push(dsp),
                            (32, false) => vector8.push(dsp),
                            (_, true) if p.vec4_at0.is_some() => vector0.push(dsp),
                            _ => vector.push(dsp),
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
        if let Some(spec) = p.tile4.as_deref() {
            for (reads, dispatches) in &tiled {
                self.run(l.op, &codegen::map_tile4(spec, reads), dispatches)?;
            }
        }
        if let Some(spec) = p.tile4.as_deref() {
            for (at0, dispatches) in [(true, &vector8_0), (false, &vector8)] {
                if !dispatches.is_empty() {
                    self.run(l.op, &vec8::map_vec8(spec, at0), dispatches)?;
                }
            }
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

    /// The 4x4-block dispatch of a rank-2 block (see [`codegen::map_tile4`])
    /// and the blocks of its last rows and columns left over (a multiple of
    /// 4 goes to the tiles), when the block suits it: some input is read
    /// down the columns (a transposed view against a row-major output),
    /// and every operand is read by rows or by columns from 16-byte
    /// boundaries of its window. `None` leaves the block to the
    /// one-element-per-invocation kernel.
    #[allow(clippy::type_complexity)]
    fn tile4_dispatch<'a>(
        &self,
        l: &Launch<'a>,
        block: &Block,
        maxdim: u32,
    ) -> Result<Option<(Vec<TileRead>, Dispatch<'a>, Vec<Block>)>> {
        let p = l.program;
        let (rows, cols) = (block.shape[0], block.shape[1]);
        let (r4, c4) = (rows / 4 * 4, cols / 4 * 4);
        if r4 == 0 || c4 == 0 {
            return Ok(None);
        }
        let out = block.operands.len() - 1;
        // Cheap test first: some input runs down the columns.
        let down = |o: &Operand| o.strides[0] == 1 && o.strides[1] != 1;
        if !block.operands[..out].iter().any(down) || block.operands[out].strides[1] != 1 {
            return Ok(None);
        }
        let grid = [
            (c4 / 4).div_ceil(TILE4_WG[0] as usize),
            (r4 / 4).div_ceil(TILE4_WG[1] as usize),
        ];
        if grid.iter().any(|&g| g > maxdim as usize) {
            return Ok(None);
        }
        let (top, bottom) = block.split(0, r4);
        let (main, right) = top.split(1, c4);
        let windows = self.block_windows(l, &main)?;
        let mut reads = Vec::with_capacity(main.operands.len());
        for o in &main.operands {
            let isz = p.binding_itemsize[o.binding];
            if isz != 4 {
                return Ok(None);
            }
            let at = o.offset - (windows[o.binding].start / 4) as isize;
            let (s0, s1) = (o.strides[0], o.strides[1]);
            let read = if at % 4 != 0 {
                return Ok(None);
            } else if s1 == 1 && s0 >= 0 && s0 % 4 == 0 {
                TileRead::Rows
            } else if s0 == 1 && s1 >= 0 && s1 % 4 == 0 {
                TileRead::Cols
            } else {
                return Ok(None);
            };
            reads.push(read);
        }
        if reads[out] != TileRead::Rows || !reads[..out].contains(&TileRead::Cols) {
            return Ok(None);
        }
        let mut dsp = self.block_dispatch(l, &main, windows, 1, maxdim)?;
        dsp.grid = [grid[0] as u32, grid[1] as u32, 1];
        let tails = [bottom, right]
            .into_iter()
            .filter(|b| b.size() > 0)
            .collect();
        Ok(Some((reads, dsp, tails)))
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
                extra: l.extra,
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

/// The whole launch as one block: its operands (offsets below their
/// buffers' element counts, as [`check_walks`] has checked), put in
/// canonical order when `canonical`, and its axes merged where every
/// operand allows.
pub(super) fn first_block(
    shape: &[usize],
    p: &Program,
    operands: &[(&[isize], usize)],
    canonical: bool,
) -> Block {
    let mut first = Block {
        shape: shape.into(),
        operands: operands
            .iter()
            .zip(&p.operand_binding)
            .map(|(o, &binding)| Operand {
                binding,
                strides: o.0.into(),
                offset: o.1 as isize,
            })
            .collect(),
    };
    if canonical {
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
    first
}

/// Every operand's walk lies inside its buffer's elements (the padding of
/// packed types excluded), so nothing the planner computes can overflow
/// and no operand reaches memory it does not own.
pub(super) fn check_walks(
    op: &'static str,
    shape: &[usize],
    p: &Program,
    buffers: &[&Storage],
    operands: &[(&[isize], usize)],
) -> Result<()> {
    for (o, &binding) in operands.iter().zip(&p.operand_binding) {
        let isz = p.binding_itemsize[binding];
        let cap = (buffers[binding].len_bytes / isz as u64) as usize;
        let (lo, hi) = walk_reach(shape.iter().copied().zip(o.0.iter().copied()))
            .and_then(|(lo, hi)| Some((lo.checked_add(o.1 as i128)?, hi.checked_add(o.1 as i128)?)))
            .ok_or_else(|| {
                layout_overflow(op, "the element indices overflow", shape, o.0, o.1 as i128)
            })?;
        if lo < 0 || hi >= cap as i128 {
            return Err(Error::ViewOutOfBuffer {
                op,
                reach: if lo < 0 { lo } else { hi },
                len: cap,
            });
        }
    }
    Ok(())
}
