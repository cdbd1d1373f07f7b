//! Running a reduction problem: each pass's pieces, lanes and chunks, its
//! blocks of outputs cut to fit their windows, their metadata, and the
//! next level over the partials until one slot per output is left.

use super::*;

/// The window of `storage` covering elements `lo..=hi` of `isz` bytes,
/// its start aligned so that it is a whole number of elements in.
pub(super) fn window<'a>(
    dev: &Device,
    storage: &'a Storage,
    lo: isize,
    hi: isize,
    isz: usize,
) -> Window<'a> {
    let a = window_align(dev, isz);
    let start = (lo as u64 * isz as u64) / a * a;
    dev.window(storage, start, (hi as u64 + 1) * isz as u64)
}

pub(super) fn window_align(dev: &Device, isz: usize) -> u64 {
    (dev.info().min_storage_buffer_offset_alignment as u64)
        .max(4)
        .max(isz as u64)
}

/// Most elements of `isz` bytes one window may span.
pub(super) fn max_span(dev: &Device, op: &'static str, isz: usize) -> Result<usize> {
    let max_bind = dev.info().max_storage_buffer_binding_size;
    let slack = window_align(dev, isz) + 4;
    let span = max_bind.saturating_sub(slack) / isz as u64;
    if span == 0 {
        return Err(Error::LimitExceeded {
            op,
            what: "storage binding size in bytes",
            requested: slack + isz as u64,
            limit: max_bind,
        });
    }
    Ok(span.min(MAX_BLOCK as u64) as usize)
}

/// One block of a pass: a box of outputs over one inner piece.
pub(super) struct Block {
    pub(super) outer: Vec<OAx>,
    pub(super) in_off: isize,
    pub(super) out_off: isize,
}

/// Runs `prob` over `vals` (and partial indices `idx`) until the result is
/// in `out`, one pass per level of the tree. With `load`, the first pass
/// computes the values from the load's leaves instead of reading `vals`;
/// false (and nothing recorded) when that would not pay: where the
/// leaves' layouts lose the 16-byte loads that reading `vals` would get,
/// and in the narrow mapping with 16-byte loads over more than one leaf
/// (on lavapipe a fused 4096x4096 f32 `(a * b).sum(axis 0)` took 59 ms
/// there against 31 ms stored and read: each invocation walks 16 rows
/// 16 KiB apart in every leaf, most likely in the same cache sets, which
/// two such walks thrash; `(a * 2).sum(axis 0)` took 13.4 ms fused
/// against 22.5).
#[allow(clippy::too_many_arguments)]
pub(super) fn run_passes(
    dev: &Device,
    spec: &Spec,
    mut prob: Problem,
    mut input: DType,
    vals: Arc<Storage>,
    idx: Option<Arc<Storage>>,
    out: &Storage,
    place: Place,
    count: u64,
    load: Option<&FusedLoad>,
) -> Result<bool> {
    let op = spec.op;
    let arg = spec.kind.is_arg();
    let maxdim = dev.info().max_compute_workgroups_per_dimension.max(1) as usize;
    let n_out = prob.n_outer();
    let (mut vals, mut idx) = (vals, idx);
    let mut first = true;
    loop {
        let wide = !prob.narrow();
        let k = wide_k(input, spec.acc);
        let ch = if wide { k * WG } else { NARROW_CHUNK };
        let in_isz = input.itemsize();
        // A fused first pass reads the load's leaves (each laid out as the
        // input, in its own dtype) instead of `vals`.
        let fused = load.filter(|_| first);
        let widest = fused.map_or(in_isz, |f| {
            f.leaves
                .iter()
                .map(|l| l.dtype.itemsize())
                .fold(in_isz, usize::max)
        });
        let span_in = max_span(dev, op, widest)?;
        let mut pieces = Vec::new();
        cut_inner(
            prob.inner.clone(),
            prob.in_off,
            prob.idx_base,
            span_in,
            (ch * maxdim).min(MAX_BLOCK),
            &mut pieces,
        );
        // 16-byte loads of 4-byte elements read straight from the input in
        // 16-byte aligned windows: in the wide mapping when every output's
        // run is contiguous and starts 16-byte aligned (at least 4 vec4s
        // long: a lane per vec4 of the tail's 1 to 3 elements), ...
        let loads4 = first
            && !arg
            && input.storage_class() == StorageClass::Word
            && window_align(dev, in_isz).is_multiple_of(16);
        // A fused load keeps them only when its leaves are 4-byte elements
        // too, each as far from the input's origin as whole aligned
        // windows (so every leaf's window starts as far before its first
        // element as the input's would: their vec4s line up); otherwise it
        // declines.
        if loads4
            && fused.is_some_and(|f| {
                let a = (window_align(dev, 4) as isize / 4).max(8);
                !f.leaves
                    .iter()
                    .all(|l| l.dtype.storage_class() == StorageClass::Word && l.delta % a == 0)
            })
        {
            return Ok(false);
        }
        let vec4 = wide
            && loads4
            && prob.outer.iter().all(|a| a.s_in % 4 == 0)
            && pieces.iter().all(|p| {
                let n: usize = p.inner.iter().map(|a| a.len).product();
                p.inner.len() == 1 && p.inner[0].s_in == 1 && p.in_off % 4 == 0 && n >= 16
            });
        // ... and in the narrow mapping when the innermost kept axis is
        // contiguous and a multiple of 4 long, every other stride (reduced
        // ones too) and each piece's origin a multiple of 4: four outputs
        // per invocation. Each piece leaves room for the three outputs
        // beside one in its input window.
        let col4 = !wide
            && loads4
            && prob
                .outer
                .last()
                .is_some_and(|o| o.s_in == 1 && o.len % 4 == 0)
            && prob.outer[..prob.outer.len() - 1]
                .iter()
                .all(|a| a.s_in % 4 == 0)
            && pieces.iter().all(|p| {
                let (lo, hi) = reach(p.inner.iter().map(|a| (a.len, a.s_in)));
                p.in_off % 4 == 0
                    && p.inner.iter().all(|a| a.s_in % 4 == 0)
                    && (hi - lo) as usize + 4 <= span_in
            });
        if col4 && fused.is_some_and(|f| f.leaves.len() > 1) {
            return Ok(false);
        }
        if col4 {
            // Chunks of COL_CHUNK, not NARROW_CHUNK: cut again so that they
            // fit a grid dimension (the cut keeps every condition above).
            pieces.clear();
            cut_inner(
                prob.inner.clone(),
                prob.in_off,
                prob.idx_base,
                span_in,
                (COL_CHUNK * maxdim).min(MAX_BLOCK),
                &mut pieces,
            );
        }
        // Blocks of k vec4s one lane of the 16-byte-load mapping folds.
        let blocks = if vec4 { wide4_blocks(dev) } else { 1 };
        // On a CPU adapter with 64-bit integers, whole vec4<u64> loads
        // where every run is a multiple of 8 elements starting 32-byte
        // aligned (so no run has a tail, and no load leaves its window).
        let vec8 = vec4
            && blocks > 1
            && dev.info().shader_int64
            && window_align(dev, in_isz).is_multiple_of(32)
            && prob.outer.iter().all(|a| a.s_in % 8 == 0)
            && pieces.iter().all(|p| {
                let n: usize = p.inner.iter().map(|a| a.len).product();
                p.in_off % 8 == 0 && n.is_multiple_of(8)
            });
        let per_load = if vec8 { 8 } else { 4 };
        let mut slots = 0usize;
        for p in &mut pieces {
            let n: usize = p.inner.iter().map(|a| a.len).product();
            p.slot = slots;
            if vec4 {
                // Enough lanes that each folds about `blocks` blocks of
                // loads, k elements per state (four states) a block: a
                // short row takes a few lanes, and 256 / lanes rows share a
                // workgroup. (Two sets of states over 2k vec4s per lane
                // were tried: a 4096x4096 sum to a scalar took 28 ms
                // against 13 ms, the walk spanning 32 pages instead of 16
                // on lavapipe.)
                let n4 = n / per_load;
                let kb = k * 4 / per_load * blocks;
                // Lanes 0..3 of the last chunk fold a tail of 1 to 3
                // elements; without one, a row of one block takes one lane
                // and needs no further pass.
                let least = if n.is_multiple_of(per_load) { 1 } else { 4 };
                p.lanes = n4.div_ceil(kb).next_power_of_two().clamp(least, WG);
                p.chunks = n4.div_ceil(p.lanes * kb).max(1);
            } else if wide {
                // Enough lanes that each folds about k elements.
                p.lanes = n.div_ceil(k).next_power_of_two().min(WG);
                p.chunks = n.div_ceil(p.lanes * k).max(1);
            } else {
                p.lanes = 1;
                p.chunks = n.div_ceil(if col4 { COL_CHUNK } else { ch }).max(1);
            }
            slots += p.chunks * p.lanes;
        }
        let last = slots == 1;
        if last && place != Place::DENSE {
            // The final values go to their places in `out`; partial levels
            // before this one were indexed by dense output position.
            for a in &mut prob.outer {
                a.s_out = a
                    .s_out
                    .checked_mul(place.every)
                    .ok_or_else(|| Error::Overflow {
                        op,
                        what: format!("output stride {} times {}", a.s_out, place.every),
                    })?;
            }
            prob.out_off = prob.out_off * place.every + place.first;
        }
        // Output binding: element size, positions per output (`mult`), and
        // how far past an output's first position it writes (`extra`).
        let (out_dtype, mult, extra) = match (last, arg) {
            (true, true) => (DType::U32, 2usize, 1usize),
            (true, false) => (spec.out, 1, 0),
            (false, _) => (spec.acc, slots, 0),
        };
        let out_isz = out_dtype.itemsize();
        let span_out = max_span(dev, op, out_isz)?;
        let partial = if last {
            None
        } else {
            let total = n_out.checked_mul(slots).ok_or_else(|| Error::Overflow {
                op,
                what: format!("partial results: {n_out} outputs times {slots} slots"),
            })?;
            // Every slot is written (an empty lane writes the identity).
            let v = dev.alloc_uninit(op, total as u64 * spec.acc.itemsize() as u64)?;
            let i = if arg {
                Some(dev.alloc(op, total as u64 * 4)?)
            } else {
                None
            };
            Some((v, i))
        };
        let (out_vals, out_idx): (&Storage, Option<&Storage>) = match &partial {
            None => (out, None),
            Some((v, i)) => (v, i.as_deref()),
        };
        let pk = PassKind {
            first,
            last,
            wide,
            vec4,
            runs: vec4 && blocks > 1,
            vec8,
            col4,
            inner1: pieces.iter().all(|p| p.inner.len() == 1),
            outer1: prob.outer.len() <= 1,
            input,
        };
        let program = program(spec, pk, fused);
        program.check_features(op, |f| dev.has_feature(f))?;

        let max_outputs = if wide {
            maxdim.saturating_mul(maxdim)
        } else {
            maxdim.saturating_mul(maxdim).saturating_mul(WG)
        }
        .min(MAX_BLOCK);
        let mut dispatches = Vec::new();
        for piece in &pieces {
            let (plo, phi) = reach(piece.inner.iter().map(|a| (a.len, a.s_in)));
            let mut todo = vec![Block {
                outer: prob.outer.clone(),
                in_off: piece.in_off,
                out_off: prob.out_off,
            }];
            while let Some(b) = todo.pop() {
                let (olo, ohi) = reach(b.outer.iter().map(|a| (a.len, a.s_in)));
                let (clo, chi) = reach(b.outer.iter().map(|a| (a.len, a.s_out)));
                let in_lo = b.in_off + olo + plo;
                let in_hi = b.in_off + ohi + phi;
                let sb = piece.slot as isize;
                let m = mult as isize;
                let out_lo = (b.out_off + clo) * m + sb;
                let out_hi =
                    (b.out_off + chi) * m + sb + (piece.chunks * piece.lanes - 1 + extra) as isize;
                let n_ob: usize = b.outer.iter().map(|a| a.len).product();
                let over_in = (in_hi - in_lo) as usize + 1 > span_in;
                let over_out = (out_hi - out_lo) as usize + 1 > span_out;
                // A col4 block's innermost kept axis is cut at multiples of 4.
                let last_k = b.outer.len().wrapping_sub(1);
                let cuttable = |k: usize| b.outer[k].len > if col4 && k == last_k { 4 } else { 1 };
                let axis = if over_in || over_out {
                    (0..b.outer.len())
                        .filter(|&k| cuttable(k))
                        .max_by_key(|&k| {
                            let s = if over_in {
                                b.outer[k].s_in
                            } else {
                                b.outer[k].s_out
                            };
                            s.unsigned_abs() * (b.outer[k].len - 1)
                        })
                } else if n_ob > max_outputs {
                    (0..b.outer.len())
                        .filter(|&k| cuttable(k))
                        .max_by_key(|&k| b.outer[k].len)
                } else {
                    None
                };
                if let Some(k) = axis {
                    let at = if col4 && k == last_k {
                        (b.outer[k].len / 2).next_multiple_of(4)
                    } else {
                        b.outer[k].len / 2
                    };
                    let mut lo = b.outer.clone();
                    let mut hi = b.outer;
                    lo[k].len = at;
                    hi[k].len -= at;
                    let (si, so) = (hi[k].s_in, hi[k].s_out);
                    todo.push(Block {
                        outer: hi,
                        in_off: b.in_off + si * at as isize,
                        out_off: b.out_off + so * at as isize,
                    });
                    todo.push(Block {
                        outer: lo,
                        in_off: b.in_off,
                        out_off: b.out_off,
                    });
                    continue;
                }
                // The block fits: bind its windows and describe it. The
                // input's offset in its window (a fused load: each leaf's).
                let mut windows = Vec::new();
                let mut in_word = Vec::new();
                match fused {
                    None => {
                        let w = window(dev, &vals, in_lo, in_hi, in_isz);
                        in_word.push(b.in_off - (w.start / in_isz as u64) as isize);
                        windows.push(w);
                    }
                    Some(f) => {
                        for l in &f.leaves {
                            let isz = l.dtype.itemsize();
                            let (lo, hi) = (in_lo + l.delta, in_hi + l.delta);
                            let w = window(dev, &l.storage, lo, hi, isz);
                            in_word.push(b.in_off + l.delta - (w.start / isz as u64) as isize);
                            windows.push(w);
                        }
                    }
                }
                let mut idx_base_w = 0isize;
                if let Some(ix) = &idx {
                    let w = window(dev, ix, in_lo, in_hi, 4);
                    idx_base_w = (w.start / 4) as isize;
                    windows.push(w);
                }
                let w = window(dev, out_vals, out_lo, out_hi, out_isz);
                let out_base = (w.start / out_isz as u64) as isize;
                windows.push(w);
                let mut oidx_base = 0isize;
                if let Some(oi) = out_idx {
                    let w = window(dev, oi, out_lo, out_hi, 4);
                    oidx_base = (w.start / 4) as isize;
                    windows.push(w);
                }
                let (p, q) = (b.outer.len(), piece.inner.len());
                let mut meta = vec![0u32; RH + 3 * (p + q)];
                debug_assert!(meta.len() <= META_WORDS);
                let n_inner: usize = piece.inner.iter().map(|a| a.len).product();
                let word = |what, v: isize| meta_u32(op, what, v);
                meta[0] = meta_u32(op, "reduced elements", n_inner)?;
                meta[1] = p as u32;
                meta[2] = q as u32;
                meta[3] = meta_u32(op, "outputs in a block", n_ob)?;
                meta[4] = word("input offset", in_word[0])?;
                meta[5] = word("index offset", b.in_off - idx_base_w)?;
                let origin_out = b.out_off * m + sb;
                meta[6] = word("output offset", origin_out - out_base)?;
                meta[7] = word("output index offset", origin_out - oidx_base)?;
                meta[8] = meta_u32(op, "index base", piece.idx)?;
                meta[9] = piece.lanes.trailing_zeros();
                meta[10] = blocks as u32;
                meta[11] = count as u32;
                meta[12] = (count >> 32) as u32;
                for (k, a) in b.outer.iter().enumerate() {
                    meta[RH + k] = meta_u32(op, "axis length", a.len)?;
                    meta[RH + p + k] = meta_stride(op, a.len, a.s_in)?;
                    meta[RH + 2 * p + k] = meta_stride(op, a.len, a.s_out * m)?;
                }
                let base = RH + 3 * p;
                for (k, a) in piece.inner.iter().enumerate() {
                    meta[base + k] = meta_u32(op, "axis length", a.len)?;
                    meta[base + q + k] = meta_stride(op, a.len, a.s_in)?;
                    meta[base + 2 * q + k] = meta_u32(op, "index weight", a.w)?;
                }
                if let Some(f) = fused {
                    // The chain's words, then each leaf's offset.
                    if meta.len() > EXTRA_BASE {
                        return Err(Error::LimitExceeded {
                            op,
                            what: "axes of a fused reduction",
                            requested: (p + q) as u64,
                            limit: EXTRA_MAX_RANK as u64,
                        });
                    }
                    meta.resize(EXTRA_BASE, 0);
                    meta.extend_from_slice(&f.extra);
                    for &o in &in_word {
                        meta.push(word("input offset", o)?);
                    }
                }
                let grid = if wide {
                    let groups = n_ob.div_ceil(WG / piece.lanes);
                    let y = groups.min(maxdim);
                    [piece.chunks as u32, y as u32, groups.div_ceil(y) as u32]
                } else {
                    let groups = if col4 { n_ob / 4 } else { n_ob }.div_ceil(WG);
                    let x = groups.min(maxdim);
                    [x as u32, piece.chunks as u32, groups.div_ceil(x) as u32]
                };
                dispatches.push(Dispatch {
                    windows,
                    meta,
                    grid,
                });
            }
        }
        dev.run(op, &program, &dispatches)?;
        drop(dispatches);
        match partial {
            None => return Ok(true),
            Some((v, i)) => {
                // Next level: the [output][slot] partials, over their last axis.
                prob = Problem::over_slots(n_out, slots);
                vals = v;
                idx = i;
                input = spec.acc;
                first = false;
            }
        }
    }
}

/// Blocks of [`WIDE_K`] vec4s one lane of the 16-byte-load wide mapping
/// folds (`shaders/reduce_wide4.wgsl`). One on a GPU, where many short
/// lanes keep the loads coalesced. [`WIDE4_CPU_BLOCKS`] on a CPU adapter
/// ([`crate::Tuning`]), where each invocation's fixed cost (its setup, its
/// partial and the next pass's work on it) is high against its loads.
pub(super) fn wide4_blocks(dev: &Device) -> usize {
    if dev.info().cpu_tuned {
        WIDE4_CPU_BLOCKS
    } else {
        1
    }
}

/// Elements per lane of the wide mapping reading `input` into `acc`
/// partials: [`WIDE_K`], times the widening, so partials never take more
/// than 1/16 of the bytes read (a sum of bytes into int64 folds 128 per lane).
pub(super) fn wide_k(input: DType, acc: DType) -> usize {
    WIDE_K * (acc.itemsize() / input.itemsize()).max(1)
}

/// Normalises `axes` for an array of `ndim` axes: which axes are reduced.
pub(super) fn reduced_axes(
    op: &'static str,
    axes: Option<&[isize]>,
    ndim: usize,
) -> Result<Vec<bool>> {
    match axes {
        None => Ok(vec![true; ndim]),
        Some(list) => {
            let mut red = vec![false; ndim];
            for &a in list {
                let k = normalize_axis(op, a, ndim)?;
                if red[k] {
                    return Err(Error::DuplicateAxis { op, axis: k });
                }
                red[k] = true;
            }
            Ok(red)
        }
    }
}
