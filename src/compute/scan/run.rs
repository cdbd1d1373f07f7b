//! Running scans: a pass over a batch of rows (cut into dispatches that
//! fit the grid and the binding limits), the recursion over chunk totals,
//! and stream compaction (count, scan the counts, read back the total,
//! write the entries).

use std::sync::Arc;

use super::problem::{OAx, Rows};
use super::program::{Pass, Variant, program};
use super::{CHUNK, Combine, Load, Spec, WG};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::kernels::{META_WORDS, meta_stride, meta_u32};
use crate::layout::reach;
use crate::runtime::{Device, Dispatch, Storage};

/// Header words of the scan metadata (`SH` in `shaders/scan.wgsl`).
const SH: usize = 12;
/// Most invocations one dispatch runs (indices are u32 in WGSL).
const MAX_INVOCATIONS: usize = 1 << 30;

/// A kept axis with the stride of its rows in the dense totals array.
#[derive(Debug, Clone, Copy)]
struct BAx {
    ax: OAx,
    s_tot: isize,
}

/// A dispatch's share of a pass: a box of rows and a range of chunks.
#[derive(Debug, Clone)]
struct Block {
    outer: Vec<BAx>,
    in_off: isize,
    out_off: isize,
    /// Dense row index of the box's origin in the totals array.
    tot_row: isize,
    c0: usize,
    c1: usize,
}

/// Most elements of `isz` bytes one window may span.
fn max_span(dev: &Device, isz: usize) -> usize {
    let max_bind = dev.info().max_storage_buffer_binding_size;
    let align = (dev.info().min_storage_buffer_offset_alignment as u64).max(4);
    (max_bind.saturating_sub(align + 4) / isz as u64).min(i32::MAX as u64) as usize
}

/// The scanned positions `c0 * CHUNK .. min(c1 * CHUNK, L)` of a row: their
/// reach in the input (exact for one inner axis; the whole row otherwise).
fn inner_reach(rows: &Rows, c0: usize, c1: usize) -> (isize, isize) {
    if rows.inner.len() == 1 {
        let (len, s) = rows.inner[0];
        let j0 = c0 * CHUNK;
        let j1 = (c1 * CHUNK).min(len);
        let (lo, hi) = reach([(j1 - j0, s)]);
        let o = s * j0 as isize;
        (o + lo, o + hi)
    } else {
        reach(rows.inner.iter().copied())
    }
}

/// One pass over `rows` (normalised): reads `input`, reads the scanned
/// chunk totals from `carry` (scan with carry, compaction), writes `out`
/// (chunk totals for `Pass::Totals`, at the dense `[row][chunk]` index).
/// `unravel` is the compaction's table: (length, weight) per axis.
#[allow(clippy::too_many_arguments)]
fn run_pass(
    dev: &Device,
    spec: &Spec,
    pass: Pass,
    rows: &Rows,
    input: &Storage,
    carry: Option<&Storage>,
    out: &Storage,
    out_len: usize,
    unravel: &[(usize, isize)],
) -> Result<()> {
    let op = spec.op;
    let n_rows = rows.n_rows();
    let l = rows.len();
    if n_rows == 0 || l == 0 {
        return Ok(());
    }
    let nch = l.div_ceil(CHUNK);
    let in_isz = spec.input.itemsize();
    let acc_isz = spec.acc.itemsize();
    let out_isz = match pass {
        Pass::Totals => acc_isz,
        Pass::Scan { .. } => spec.out.itemsize(),
        Pass::Compact { .. } => 4,
    };
    let inner1 = rows.inner.len() == 1;
    // Packed bytes counted a word at a time: unit stride, every row
    // starting on a word (chunks are whole words).
    let words = spec.load == Load::Truthy
        && pass != Pass::Scan { carry: false }
        && pass != Pass::Scan { carry: true }
        && spec.input.itemsize() == 1
        && inner1
        && rows.inner[0].1 == 1
        && rows.in_off % 4 == 0
        && rows.outer.iter().all(|a| a.s_in % 4 == 0);
    let v = Variant {
        pass,
        inner1,
        row_fast: rows.row_fast(),
        words,
    };
    let prog = program(spec, v);
    prog.check_features(op, |f| dev.has_feature(f))?;

    // Dense row strides of the totals array, C order of the outer axes.
    let mut outer: Vec<BAx> = rows.outer.iter().map(|&ax| BAx { ax, s_tot: 0 }).collect();
    let mut d = 1isize;
    for b in outer.iter_mut().rev() {
        b.s_tot = d;
        d *= b.ax.len as isize;
    }
    let maxdim = dev.info().max_compute_workgroups_per_dimension.max(1) as usize;
    let max_inv = MAX_INVOCATIONS.min(maxdim.saturating_mul(maxdim).saturating_mul(WG));
    let (span_in, span_out, span_acc) = (
        max_span(dev, in_isz),
        max_span(dev, out_isz),
        max_span(dev, acc_isz),
    );

    let mut dispatches = Vec::new();
    let mut todo = vec![Block {
        outer,
        in_off: rows.in_off,
        out_off: rows.out_off,
        tot_row: 0,
        c0: 0,
        c1: nch,
    }];
    while let Some(b) = todo.pop() {
        let rows_b: usize = b.outer.iter().map(|a| a.ax.len).product();
        let nchb = b.c1 - b.c0;
        let (ilo, ihi) = reach(b.outer.iter().map(|a| (a.ax.len, a.ax.s_in)));
        let (jlo, jhi) = inner_reach(rows, b.c0, b.c1);
        let (in_lo, in_hi) = (b.in_off + ilo + jlo, b.in_off + ihi + jhi);
        let (tlo, thi) = reach(b.outer.iter().map(|a| (a.ax.len, a.s_tot * nch as isize)));
        let t0 = b.tot_row * nch as isize + b.c0 as isize - (b.c0 > 0) as isize;
        let (tot_lo, tot_hi) = (t0 + tlo, b.tot_row * nch as isize + thi + b.c1 as isize - 1);
        let (out_lo, out_hi) = match pass {
            Pass::Totals => (tot_lo, tot_hi),
            Pass::Scan { .. } => {
                let (olo, ohi) = reach(b.outer.iter().map(|a| (a.ax.len, a.ax.s_out)));
                let j0 = (b.c0 * CHUNK) as isize;
                let j1 = (b.c1 * CHUNK).min(l) as isize;
                let (slo, shi) = reach([((j1 - j0) as usize, rows.s_oi)]);
                (
                    b.out_off + olo + j0 * rows.s_oi + slo,
                    b.out_off + ohi + j0 * rows.s_oi + shi,
                )
            }
            Pass::Compact { .. } => (0, out_len.max(1) as isize - 1),
        };
        let over_in = (in_hi - in_lo) as usize >= span_in;
        let over_out = (out_hi - out_lo) as usize >= span_out;
        let over_tot = (tot_hi - tot_lo) as usize >= span_acc;
        let over_inv = rows_b.saturating_mul(nchb) > max_inv;
        if over_in || over_out || over_tot || over_inv {
            // Cut the box of rows in half along the axis reaching furthest
            // in the binding that is over; a single row, its chunks.
            let axis = (0..b.outer.len())
                .filter(|&k| b.outer[k].ax.len > 1)
                .max_by_key(|&k| {
                    let a = &b.outer[k];
                    let s = if over_in {
                        a.ax.s_in
                    } else if over_out && pass != Pass::Totals {
                        a.ax.s_out
                    } else {
                        a.s_tot
                    };
                    s.unsigned_abs() * (a.ax.len - 1)
                });
            if let Some(k) = axis {
                let at = b.outer[k].ax.len / 2;
                let mut lo = b.outer.clone();
                let mut hi = b.outer.clone();
                lo[k].ax.len = at;
                hi[k].ax.len -= at;
                let a = hi[k];
                todo.push(Block {
                    outer: hi,
                    in_off: b.in_off + a.ax.s_in * at as isize,
                    out_off: b.out_off + a.ax.s_out * at as isize,
                    tot_row: b.tot_row + a.s_tot * at as isize,
                    ..b.clone()
                });
                todo.push(Block { outer: lo, ..b });
                continue;
            }
            // Cutting the chunks shrinks the input window only along one
            // inner axis, and never a compaction's output.
            let compact_out = matches!(pass, Pass::Compact { .. }) && over_out;
            if nchb > 1 && (inner1 || !over_in) && !compact_out {
                let mid = b.c0 + nchb / 2;
                todo.push(Block {
                    c0: mid,
                    ..b.clone()
                });
                todo.push(Block { c1: mid, ..b });
                continue;
            }
            let (what, requested) = if over_in {
                (
                    "storage binding size in bytes (a scan's input)",
                    (in_hi - in_lo) as u64 + 1,
                )
            } else {
                (
                    "storage binding size in bytes (a scan's output)",
                    (out_hi - out_lo) as u64 + 1,
                )
            };
            return Err(Error::LimitExceeded {
                op,
                what,
                requested: requested * if over_in { in_isz } else { out_isz } as u64,
                limit: dev.info().max_storage_buffer_binding_size,
            });
        }
        // The block fits: bind its windows and describe it.
        let mut windows = Vec::with_capacity(3);
        let (w, in_base) = dev.element_window(input, in_lo, in_hi, in_isz);
        windows.push(w);
        let mut tot_base = 0isize;
        if let Some(c) = carry {
            let (w, base) = dev.element_window(c, tot_lo, tot_hi, acc_isz);
            tot_base = base;
            windows.push(w);
        }
        let (w, out_base) = dev.element_window(out, out_lo, out_hi, out_isz);
        if pass == Pass::Totals {
            tot_base = out_base;
        }
        windows.push(w);

        let (p, q, u) = (b.outer.len(), rows.inner.len(), unravel.len());
        let mut meta = vec![0u32; SH + 4 * p + 2 * q + 2 * u];
        if meta.len() > META_WORDS {
            return Err(Error::InvalidLayout {
                op,
                reason: format!(
                    "{} metadata words do not fit the kernel's {META_WORDS}",
                    meta.len()
                ),
            });
        }
        // Origins are the rows' first elements, which may lie before the
        // window of a block of later chunks: i32 bit patterns (the kernel's
        // u32 index arithmetic wraps onto the element inside the window).
        let word = |what: &'static str, v: isize| {
            i32::try_from(v)
                .map(|x| x as u32)
                .map_err(|_| Error::InvalidLayout {
                    op,
                    reason: format!("{what} {v} does not fit the kernel's 32-bit metadata"),
                })
        };
        meta[0] = meta_u32(op, "elements per row", l)?;
        meta[1] = p as u32;
        meta[2] = q as u32;
        meta[3] = meta_u32(op, "rows in a block", rows_b)?;
        meta[4] = word("input offset", b.in_off - in_base)?;
        meta[5] = word("totals offset", b.tot_row * nch as isize - tot_base)?;
        meta[6] = match pass {
            Pass::Scan { .. } => word("output offset", b.out_off - out_base)?,
            Pass::Compact { .. } => word("output offset", -out_base)?,
            Pass::Totals => 0,
        };
        meta[7] = meta_u32(op, "chunks per row", nch)?;
        meta[8] = meta_u32(op, "first chunk", b.c0)?;
        meta[9] = meta_u32(op, "chunks in a block", nchb)?;
        meta[10] = meta_stride(op, l, rows.s_oi)?;
        meta[11] = u as u32;
        for (k, a) in b.outer.iter().enumerate() {
            meta[SH + k] = meta_u32(op, "axis length", a.ax.len)?;
            meta[SH + p + k] = meta_stride(op, a.ax.len, a.ax.s_in)?;
            meta[SH + 2 * p + k] = meta_stride(op, a.ax.len, a.ax.s_out)?;
            meta[SH + 3 * p + k] = meta_stride(op, a.ax.len, a.s_tot)?;
        }
        let base = SH + 4 * p;
        for (k, &(len, s)) in rows.inner.iter().enumerate() {
            meta[base + k] = meta_u32(op, "axis length", len)?;
            meta[base + q + k] = meta_stride(op, len, s)?;
        }
        let base = base + 2 * q;
        for (k, &(len, w)) in unravel.iter().enumerate() {
            meta[base + k] = meta_u32(op, "axis length", len)?;
            meta[base + u + k] = meta_stride(op, len, w)?;
        }
        let groups = (rows_b * nchb).div_ceil(WG);
        let x = groups.min(maxdim);
        dispatches.push(Dispatch {
            windows,
            meta,
            grid: [x as u32, groups.div_ceil(x) as u32, 1],
        });
    }
    dev.run(op, &prog, &dispatches)
}

/// Scans `rows` of `input` (dtype `spec.input`) into `out` (dtype
/// `spec.out`): one scan pass when rows fit one chunk; otherwise chunk
/// totals, their scan (recursively), and the scan pass with the carry.
pub(crate) fn scan_rows(
    dev: &Device,
    spec: &Spec,
    rows: &Rows,
    input: &Storage,
    out: &Storage,
) -> Result<()> {
    let (n_rows, l) = (rows.n_rows(), rows.len());
    if n_rows == 0 || l == 0 {
        return Ok(());
    }
    let nch = l.div_ceil(CHUNK);
    if nch == 1 {
        return run_pass(
            dev,
            spec,
            Pass::Scan { carry: false },
            rows,
            input,
            None,
            out,
            0,
            &[],
        );
    }
    let scanned = chunk_totals(dev, spec, rows, input)?;
    run_pass(
        dev,
        spec,
        Pass::Scan { carry: true },
        rows,
        input,
        Some(&scanned),
        out,
        0,
        &[],
    )
}

/// The inclusive scan of every row's chunk totals: a dense `[row][chunk]`
/// array in the accumulator type.
fn chunk_totals(dev: &Device, spec: &Spec, rows: &Rows, input: &Storage) -> Result<Arc<Storage>> {
    let op = spec.op;
    let (n_rows, nch) = (rows.n_rows(), rows.len().div_ceil(CHUNK));
    let bytes = (n_rows as u64)
        .checked_mul(nch as u64 * spec.acc.itemsize() as u64)
        .ok_or_else(|| Error::Overflow {
            op,
            what: format!("chunk totals: {n_rows} rows times {nch} chunks"),
        })?;
    let totals = dev.alloc(op, bytes)?;
    run_pass(dev, spec, Pass::Totals, rows, input, None, &totals, 0, &[])?;
    if nch == 1 {
        return Ok(totals);
    }
    let scanned = dev.alloc(op, bytes)?;
    scan_rows(
        dev,
        &spec.of_totals(),
        &Rows::dense(n_rows, nch),
        &totals,
        &scanned,
    )?;
    Ok(scanned)
}

/// What a compaction writes for each non-zero element of its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compaction {
    /// Its index along each axis of the unravel table, as int64 (a
    /// `[count][axes]` array).
    Coords,
    /// One u32: the dot product of those indices with the table's weights.
    Offsets,
}

/// Stream compaction over the flat C-order positions of `rows` (one row;
/// `input` of dtype `input`): counts the non-zero elements of each chunk,
/// scans the counts, reads back the total (the one wait), and writes the
/// entries of the non-zero elements in order. Returns the entries' buffer
/// and their count. `unravel` maps a flat position to the indices written
/// (coordinates) or summed with their weights (offsets).
pub(crate) async fn compact(
    dev: &Device,
    op: &'static str,
    input: DType,
    rows: &Rows,
    storage: &Storage,
    unravel: &[(usize, isize)],
    what: Compaction,
) -> Result<(Arc<Storage>, usize)> {
    debug_assert!(rows.outer.is_empty());
    let n = rows.len();
    dev.check_lost()?;
    if n >= u32::MAX as usize {
        return Err(Error::LimitExceeded {
            op,
            what: "elements tested for non-zero (counts are 32-bit)",
            requested: n as u64,
            limit: u32::MAX as u64 - 1,
        });
    }
    let entry = match what {
        Compaction::Coords => 8 * unravel.len(),
        Compaction::Offsets => 4,
    };
    if n == 0 {
        return Ok((dev.alloc(op, 0)?, 0));
    }
    let spec = Spec {
        op,
        combine: Combine::Add,
        load: Load::Truthy,
        input,
        acc: DType::U32,
        out: DType::U32,
    };
    let nch = n.div_ceil(CHUNK);
    let scanned = chunk_totals(dev, &spec, rows, storage)?;
    let count = read_u32(dev, op, &scanned, nch - 1).await? as usize;
    let bytes = (count as u64)
        .checked_mul(entry as u64)
        .ok_or_else(|| Error::Overflow {
            op,
            what: format!("{count} entries of {entry} bytes"),
        })?;
    let out = dev.alloc(op, bytes)?;
    if count > 0 && entry > 0 {
        let pass = Pass::Compact {
            coords: what == Compaction::Coords,
        };
        run_pass(
            dev,
            &spec,
            pass,
            rows,
            storage,
            Some(&scanned),
            &out,
            (bytes / 4) as usize,
            unravel,
        )?;
    }
    Ok((out, count))
}

/// Reads the u32 at element `at` of `storage` back to the host.
pub(crate) async fn read_u32(
    dev: &Device,
    op: &'static str,
    storage: &Storage,
    at: usize,
) -> Result<u32> {
    dev.read_with(op, &storage.buffer, at as u64 * 4, 4, |b| {
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    })
    .await
}

/// Whether the whole input reach of `rows` fits one storage binding (a
/// scan over several non-mergeable axes cannot be cut into smaller
/// windows).
pub(crate) fn input_fits(dev: &Device, rows: &Rows, isz: usize) -> bool {
    let (lo, hi) = rows.input_reach();
    ((hi - lo) as usize) < max_span(dev, isz)
}
