//! Splitting a matmul problem until every window fits a binding and every
//! grid the device, and running its dispatches.

use super::*;

/// A piece of the problem that one dispatch computes.
#[derive(Debug, Clone)]
pub(super) struct Block {
    pub(super) batch: Vec<usize>,
    pub(super) bstrides: [Vec<isize>; 3],
    /// Element offsets of A, B, C (absolute, in their buffers).
    pub(super) off: [isize; 3],
    pub(super) m: usize,
    pub(super) n: usize,
    pub(super) k: usize,
    /// A row, A K, B K, B column, C row, C column strides.
    pub(super) s: [isize; 6],
    pub(super) accumulate: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Axis {
    Batch(usize),
    M,
    N,
    K,
}

impl Block {
    /// (axis, length, stride of operand `o` along it) for each axis.
    pub(super) fn axes(&self, o: usize) -> Vec<(Axis, usize, isize)> {
        let mut v: Vec<(Axis, usize, isize)> = (0..self.batch.len())
            .map(|t| (Axis::Batch(t), self.batch[t], self.bstrides[o][t]))
            .collect();
        match o {
            0 => {
                v.push((Axis::M, self.m, self.s[0]));
                v.push((Axis::K, self.k, self.s[1]));
            }
            1 => {
                v.push((Axis::K, self.k, self.s[2]));
                v.push((Axis::N, self.n, self.s[3]));
            }
            _ => {
                v.push((Axis::M, self.m, self.s[4]));
                v.push((Axis::N, self.n, self.s[5]));
            }
        }
        v
    }

    /// Smallest and largest element index operand `o` touches.
    pub(super) fn span(&self, o: usize) -> (isize, isize) {
        let (lo, hi) = crate::layout::reach(self.axes(o).into_iter().map(|(_, len, st)| (len, st)));
        (self.off[o] + lo, self.off[o] + hi)
    }

    pub(super) fn grid(&self, tile: (u32, u32)) -> [u64; 3] {
        [
            (self.n as u64).div_ceil(tile.1 as u64),
            (self.m as u64).div_ceil(tile.0 as u64),
            self.batch.iter().map(|&x| x as u64).product(),
        ]
    }

    pub(super) fn len(&self, axis: Axis) -> usize {
        match axis {
            Axis::Batch(t) => self.batch[t],
            Axis::M => self.m,
            Axis::N => self.n,
            Axis::K => self.k,
        }
    }

    /// Splits `axis` at `at`; the second K half adds into C.
    pub(super) fn split(&self, axis: Axis, at: usize) -> (Block, Block) {
        let mut x = self.clone();
        let mut y = self.clone();
        let at_i = at as isize;
        match axis {
            Axis::Batch(t) => {
                x.batch[t] = at;
                y.batch[t] -= at;
                for o in 0..3 {
                    y.off[o] += self.bstrides[o][t] * at_i;
                }
            }
            Axis::M => {
                x.m = at;
                y.m -= at;
                y.off[0] += self.s[0] * at_i;
                y.off[2] += self.s[4] * at_i;
            }
            Axis::N => {
                x.n = at;
                y.n -= at;
                y.off[1] += self.s[3] * at_i;
                y.off[2] += self.s[5] * at_i;
            }
            Axis::K => {
                x.k = at;
                y.k -= at;
                y.off[0] += self.s[1] * at_i;
                y.off[1] += self.s[2] * at_i;
                y.accumulate = true;
            }
        }
        (x, y)
    }
}

/// Splits `block` until every operand's span fits `max_span` elements and
/// the grid fits `maxdim` per dimension, pushing the pieces in an order
/// where each K chunk of an output region follows the one before it.
pub(super) fn plan(
    block: Block,
    max_span: usize,
    maxdim: u32,
    tile: (u32, u32),
    out: &mut Vec<Block>,
) {
    let over = (0..3).find(|&o| {
        let (lo, hi) = block.span(o);
        (hi - lo + 1) as usize > max_span
    });
    let axis = match over {
        Some(o) => block
            .axes(o)
            .into_iter()
            .filter(|&(_, len, st)| len > 1 && st != 0)
            // K last: at equal reach prefer an axis that needs no
            // accumulation pass.
            .max_by_key(|&(ax, len, st)| (st.unsigned_abs() * (len - 1), ax != Axis::K))
            .map(|(ax, _, _)| ax),
        None => {
            let g = block.grid(tile);
            let max = maxdim as u64;
            if block.k > MAX_K {
                Some(Axis::K)
            } else if g[0] > max {
                Some(Axis::N)
            } else if g[1] > max {
                Some(Axis::M)
            } else if g[2] > max {
                (0..block.batch.len())
                    .max_by_key(|&t| block.batch[t])
                    .map(Axis::Batch)
            } else {
                out.push(block);
                return;
            }
        }
    };
    match axis {
        Some(ax) => {
            let len = block.len(ax);
            // Split M and N on tile boundaries so no workgroup is wasted.
            let half = match ax {
                Axis::M if len > tile.0 as usize => {
                    (len / 2).div_ceil(tile.0 as usize) * tile.0 as usize
                }
                Axis::N if len > tile.1 as usize => {
                    (len / 2).div_ceil(tile.1 as usize) * tile.1 as usize
                }
                _ => len / 2,
            }
            .clamp(1, len - 1);
            let (x, y) = block.split(ax, half);
            plan(x, max_span, maxdim, tile, out);
            plan(y, max_span, maxdim, tile, out);
        }
        // Unreachable: a single element always fits.
        None => out.push(block),
    }
}

pub(super) fn run<T: Element>(
    op: &'static str,
    a: &Array<T>,
    b: &Array<T>,
    mut p: Problem,
    out_shape: &[usize],
    which: MatmulKernel,
) -> Result<Array<T>> {
    let dev = a.device().clone();
    let c = Array::<T>::alloc(&dev, op, out_shape, Order::C)?;
    // Empty output: nothing to compute. K = 0: the sum of nothing is zero,
    // and new buffers are zeroed.
    if c.size() == 0 || p.k == 0 {
        dev.check_lost()?;
        return Ok(c);
    }
    let cst = c.strides();
    for (t, &ax) in p.out_batch_axes.iter().enumerate() {
        p.bstrides[2][t] = cst[ax];
    }
    let c_rs = p.out_m_axis.map_or(0, |ax| cst[ax]);
    let c_cs = p.out_n_axis.map_or(0, |ax| cst[ax]);

    // Merge batch axes (dropping length-1 ones) where all three step as one.
    let (batch, merged) = coalesce(&p.batch, &[&p.bstrides[0], &p.bstrides[1], &p.bstrides[2]]);
    let whole = Block {
        batch: batch.to_vec(),
        bstrides: [merged[0].to_vec(), merged[1].to_vec(), merged[2].to_vec()],
        off: [
            a.offset() as isize,
            b.offset() as isize,
            c.offset() as isize,
        ],
        m: p.m,
        n: p.n,
        k: p.k,
        s: [p.a.0, p.a.1, p.b.0, p.b.1, c_rs, c_cs],
        accumulate: false,
    };

    let info = dev.info();
    let align = info.min_storage_buffer_offset_alignment.max(4) as usize;
    let mut which = choose(&dev, which, T::DTYPE, &whole, align);
    let small = p.m < 64 || p.n < 128;
    let axes = vec4_axes(T::DTYPE, &whole, align);
    let max_bind = info.max_storage_buffer_binding_size as usize;
    let isz = T::DTYPE.itemsize();
    // Capped so that stepped strides fit the i32 metadata (as the launcher).
    let max_span = (max_bind.saturating_sub(align + 4) / isz).min(i32::MAX as usize);
    if max_span == 0 {
        return Err(Error::LimitExceeded {
            op,
            what: "storage binding size in bytes",
            requested: (align + 4 + isz) as u64,
            limit: max_bind as u64,
        });
    }
    if HEADER + 4 * whole.batch.len() > META_WORDS {
        return Err(Error::LimitExceeded {
            op,
            what: "batch axes after merging",
            requested: whole.batch.len() as u64,
            limit: ((META_WORDS - HEADER) / 4) as u64,
        });
    }
    let maxdim = info.max_compute_workgroups_per_dimension.max(1);
    let mut blocks = Vec::new();
    let mut ks = None;
    if which == MatmulKernel::Vec4
        && let Some(axes) = axes
    {
        let k4 = vec4_kernel(T::DTYPE, vec4_shape(axes));
        plan(whole.clone(), max_span, maxdim, k4.tile, &mut blocks);
        // Splits keep the vec4 conditions (N and M on tile boundaries, K
        // and batch axes by whole strides) except a K split to a length
        // not a multiple of 4 (read along K): then every block runs direct.
        if blocks
            .iter()
            .all(|b| vec4_axes(T::DTYPE, b, align) == Some(axes))
        {
            ks = Some(k4);
        } else {
            blocks.clear();
        }
    }
    let ks = match ks {
        Some(k4) => k4,
        None => {
            if which == MatmulKernel::Vec4 {
                which = MatmulKernel::Direct;
            }
            let ks = kernel(T::DTYPE, which, small);
            plan(whole, max_span, maxdim, ks.tile, &mut blocks);
            ks
        }
    };
    // Window order: A, B, C; the vec4 kernel binds C first (its generated
    // accessors), then A and B as vec4s.
    let order: [usize; 3] = if which == MatmulKernel::Vec4 {
        [2, 0, 1]
    } else {
        [0, 1, 2]
    };
    let storages: [&Arc<Storage>; 3] = [a.storage(), b.storage(), c.storage()];
    let mut dispatches = Vec::with_capacity(blocks.len());
    for blk in &blocks {
        let windows: Vec<Window<'_>> = (0..3)
            .map(|o| {
                let (lo, hi) = blk.span(o);
                dev.window(
                    storages[o],
                    lo as u64 * isz as u64,
                    (hi as u64 + 1) * isz as u64,
                )
            })
            .collect();
        let nb = blk.batch.len();
        let mut meta = vec![0u32; HEADER + 4 * nb];
        meta[0] = meta_u32(op, "rows", blk.m)?;
        meta[1] = meta_u32(op, "columns", blk.n)?;
        meta[2] = meta_u32(op, "summed length", blk.k)?;
        meta[3] = blk.accumulate as u32;
        meta[4] = nb as u32;
        for o in 0..3 {
            let base = (windows[o].start / isz as u64) as isize;
            meta[5 + o] = meta_u32(op, "offset in a binding window", blk.off[o] - base)?;
        }
        // The strides of A's rows and columns, B's, C's (lengths m, k; k, n; m, n).
        let lens = [blk.m, blk.k, blk.k, blk.n, blk.m, blk.n];
        for ((w, &s), &len) in meta[8..14].iter_mut().zip(&blk.s).zip(&lens) {
            *w = meta_stride(op, len, s)?;
        }
        // Stage panels along the operand's contiguous direction.
        meta[14] = (blk.s[1].unsigned_abs() <= blk.s[0].unsigned_abs()) as u32;
        meta[15] = (blk.s[2].unsigned_abs() <= blk.s[3].unsigned_abs()) as u32;
        // Direct kernel: interleaved (lane step 1, pitch = workgroup side)
        // or blocked (lane step = block side, pitch 1) rows and columns.
        let (rb, cb) = DIRECT_BLOCKED;
        let (wgx, wgy) = if small { DIRECT_SMALL_WG } else { DIRECT_WG };
        let (rm, rn) = if small { DIRECT_SMALL_RB } else { DIRECT_RB };
        meta[16..20].copy_from_slice(&[
            if rb { rm } else { 1 },
            if rb { 1 } else { wgy },
            if cb { rn } else { 1 },
            if cb { 1 } else { wgx },
        ]);
        for t in 0..nb {
            meta[HEADER + t] = meta_u32(op, "batch length", blk.batch[t])?;
            for o in 0..3 {
                meta[HEADER + (1 + o) * nb + t] =
                    meta_stride(op, blk.batch[t], blk.bstrides[o][t])?;
            }
        }
        let windows: Vec<Window<'_>> = order.iter().map(|&o| windows[o]).collect();
        let [gx, gy, gz] = blk.grid(ks.tile);
        dispatches.push(Dispatch {
            windows,
            meta,
            grid: [gx as u32, gy as u32, gz as u32],
        });
    }
    dev.run(op, &ks.program, &dispatches)?;
    Ok(c)
}
