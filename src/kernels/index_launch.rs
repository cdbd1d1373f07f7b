//! The launcher of the indexing family: like the element-wise launcher
//! (axes reordered, merged, split to the limits), except that a binding
//! may be given a fixed range of elements to bind whole in every block —
//! the source of a gather or the destination of a scatter, which the
//! index values reach anywhere in — and that each dispatch carries the
//! family's extra metadata words.

use super::MAX_OPERANDS;
use super::codegen;
use super::indexing::{INDEX_META_WORDS, IndexProgram, POS_WORD, TERM_WORDS};
use super::launch::{check_walks, first_block};
use super::meta::{MetaContext, pack_meta};
use super::plan::plan_blocks;
use crate::error::{Error, Result};
use crate::runtime::{Device, Dispatch, Storage, Window};

/// A launch of an indexing kernel over `shape`.
pub(crate) struct IndexLaunch<'a> {
    pub op: &'static str,
    pub program: &'a IndexProgram,
    pub shape: &'a [usize],
    /// One buffer per data binding of the program.
    pub buffers: &'a [&'a Storage],
    /// Per data binding, an inclusive element range bound whole in every
    /// block (it must cover the operands on that binding); `None` binds
    /// what each block's operands reach.
    pub fixed: &'a [Option<(usize, usize)>],
    /// Operands as (strides, offset) in elements of their binding's dtype,
    /// in the program's operand order.
    pub operands: &'a [(&'a [isize], usize)],
    /// Per term: (axis length, stride, axis named in errors).
    pub terms: &'a [(usize, isize, usize)],
    /// The binding whose window start (in elements) goes to `POS_WORD`.
    pub pos_binding: Option<usize>,
}

impl Device {
    /// Records an indexing kernel, split into as many dispatches as the
    /// limits require; nothing for an empty shape. A fixed range larger
    /// than one storage binding is refused ([`Error::LimitExceeded`]).
    pub(crate) fn launch_indexed(&self, l: &IndexLaunch<'_>) -> Result<()> {
        let p = &l.program.program;
        let nbind = p.binding_itemsize.len();
        debug_assert_eq!(l.buffers.len(), nbind);
        debug_assert_eq!(l.fixed.len(), nbind);
        debug_assert_eq!(l.operands.len(), p.operand_binding.len());
        debug_assert!(l.operands.len() <= MAX_OPERANDS);
        if l.shape.contains(&0) {
            return Ok(());
        }
        check_walks(l.op, l.shape, p, l.buffers, l.operands)?;
        for (b, f) in l.fixed.iter().enumerate() {
            if let Some((_, hi)) = f {
                let cap = l.buffers[b].len_bytes / p.binding_itemsize[b] as u64;
                if *hi as u64 >= cap {
                    return Err(Error::ViewOutOfBuffer {
                        op: l.op,
                        reach: *hi as i128,
                        len: cap as usize,
                    });
                }
            }
        }
        let first = first_block(l.shape, p, l.operands, true);
        let info = self.info();
        let max_span = self.max_span(l.op, p)?;
        // A fixed range is bound whole: it must fit one binding, and its
        // offsets the kernel's 32-bit arithmetic.
        for (b, f) in l.fixed.iter().enumerate() {
            if let Some((lo, hi)) = f {
                let isz = p.binding_itemsize[b];
                let n = hi - lo + 1;
                if n > max_span {
                    return Err(Error::LimitExceeded {
                        op: l.op,
                        what: "storage binding size in bytes (the indexed array's reach)",
                        requested: (n as u64).saturating_mul(isz as u64),
                        limit: (max_span * isz) as u64,
                    });
                }
            }
        }
        let maxdim = info.max_compute_workgroups_per_dimension.max(1);
        let mut blocks = Vec::new();
        plan_blocks(first, nbind, max_span, maxdim, &mut blocks);
        let code = self.index_op_code(l.op);
        let mut term_words = [0u32; 12];
        for (j, &(len, stride, axis)) in l.terms.iter().enumerate() {
            term_words[4 * j] = super::meta_u32(l.op, "an indexed axis length", len)?;
            term_words[4 * j + 1] = super::meta_stride(l.op, len, stride)?;
            term_words[4 * j + 2] = super::meta_u32(l.op, "an axis", axis)?;
        }
        let mut by_class: [Vec<Dispatch<'_>>; 3] = Default::default();
        for block in blocks {
            let spans = block.binding_spans(nbind);
            let windows: Vec<Window<'_>> = (0..nbind)
                .map(|b| {
                    let isz = p.binding_itemsize[b] as u64;
                    let (lo, hi) = match (l.fixed[b], spans[b]) {
                        (Some((lo, hi)), _) => (lo as u64, hi as u64),
                        (None, Some((lo, hi))) => (lo as u64, hi as u64),
                        (None, None) => (0, 0),
                    };
                    self.window(l.buffers[b], lo * isz, (hi + 1) * isz)
                })
                .collect();
            let wins: Vec<(u64, u64)> = windows.iter().map(|w| (w.start, w.size)).collect();
            let mut meta = pack_meta(
                &MetaContext {
                    op: l.op,
                    binding_itemsize: &p.binding_itemsize,
                    elementwise: true,
                    launch_offset0: l.operands[0].1,
                    scalars: [0; 4],
                    extra: &[],
                },
                &block,
                &wins,
                1,
            )?;
            meta.resize(INDEX_META_WORDS, 0);
            meta[2] = code;
            meta[TERM_WORDS..TERM_WORDS + 12].copy_from_slice(&term_words);
            if let Some(b) = l.pos_binding {
                let isz = p.binding_itemsize[b] as u64;
                meta[POS_WORD] =
                    super::meta_u32(l.op, "an index-space position", windows[b].start / isz)?;
            }
            let g = block.grid(maxdim);
            by_class[block.shape.len().clamp(1, 3) - 1].push(Dispatch {
                windows,
                meta,
                grid: [g[0] as u32, g[1] as u32, g[2] as u32],
            });
        }
        for (c, dispatches) in by_class.iter().enumerate() {
            if dispatches.is_empty() {
                continue;
            }
            let v = codegen::rank_variant(p, c + 1);
            v.check_features(l.op, |f| self.has_feature(f))?;
            let pipeline = self.pipeline(l.op, &v.key, &v.source)?;
            if l.program.checks {
                self.dispatch_checked(l.op, &pipeline, dispatches, INDEX_META_WORDS)?;
            } else {
                self.dispatch(l.op, &pipeline, dispatches, INDEX_META_WORDS)?;
            }
        }
        Ok(())
    }
}
