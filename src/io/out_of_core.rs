//! Out-of-core reductions: `sum`, `mean`, `min` and `max` (over every axis
//! or along one) of a [`Memmap`] larger than the device memory the caller
//! allows, in chunks.
//!
//! The view is cut along its outermost memory axis (the axis of largest
//! stride) into chunks of whole rows, each uploaded as its compact copy
//! (only the bytes it touches). Each chunk is reduced by the in-memory
//! reductions ([`Array::sum_as`] and friends, so dtype rules are theirs)
//! and the partial results combine on the device: added into an
//! accumulator (sums, means), `minimum`/`maximum` (NaN-propagating, as
//! NumPy), or, when the reduced axis is not the chunk axis, written slab
//! by slab into the output. A mean divides the summed accumulator by the
//! count at the end, in its result type (float16 sums in float32).
//!
//! Overlap and residency: after a chunk's reduction is recorded the batch
//! is submitted, and the next chunk is copied from the file into staging
//! memory while the device works; only then does the host wait for the
//! earlier chunk, so at most one chunk's work is queued behind the upload
//! in progress. Device memory is counted as the pool sees it (live
//! buffers' size classes plus pooled free buffers, less what was live
//! before the run; each run empties the caching pool first, so the buffers
//! it pools are its own): chunks are sized so that three chunk buffers (two in
//! flight and a shorter last one, which the pool cannot serve from the
//! others' size class), their reductions' temporaries and the output fit
//! the budget, and the peak observed after every step is reported.

use super::memmap::Memmap;
use crate::Accumulate;
use crate::array::Array;
use crate::dtype::{DType, Element, Float};
use crate::error::{Error, Result};
use crate::layout::slice::SliceArg;
use crate::layout::{Order, normalize_axis};
use crate::runtime::Device;

/// Where an out-of-core run stands, handed to the
/// [`OutOfCore::on_progress`] callback after each chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Chunks reduced so far.
    pub chunks_done: usize,
    /// Chunks in the whole run.
    pub chunks_total: usize,
    /// Bytes of the view uploaded so far.
    pub bytes_done: u64,
    /// Bytes of the view in all (its size times the item size).
    pub bytes_total: u64,
}

/// What the last run of an [`OutOfCore`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OutOfCoreStats {
    /// Chunks the view was cut into.
    pub chunks: usize,
    /// Rows (positions of the chunk axis) per chunk, the last may be shorter.
    pub rows_per_chunk: usize,
    /// The most device memory the run held at once, observed after every
    /// upload, reduction and combination: live buffers' reserved bytes plus
    /// the caching pool's (emptied when the run starts), less what was live
    /// when it started. These are the device's counters: work of other
    /// threads on the same device during the run shows in them. (With the
    /// pool off, temporaries inside one reduction are freed before they can
    /// be observed.)
    pub peak_device_bytes: u64,
    /// Bytes uploaded to the device by the run.
    pub bytes_uploaded: u64,
}

/// Reductions of memory-mapped arrays within a device-memory budget (see
/// [`crate::io`]).
///
/// ```
/// use ndgpu::io::{MapMode, Memmap, OutOfCore};
/// use ndgpu::{Device, Order};
/// # fn main() -> ndgpu::Result<()> {
/// let dev = Device::new()?;
/// let path = std::env::temp_dir().join(format!("ndgpu_doc_ooc_{}", std::process::id()));
/// let mm = Memmap::<i32>::open(&path, MapMode::Create, [4096, 64], Order::C, 0)?;
/// mm.fill(3)?;
/// // 1 MiB of data through a 256 KiB budget
/// let mut ooc = OutOfCore::new(&dev, 256 << 10)
///     .on_progress(|p| eprintln!("{}/{} chunks", p.chunks_done, p.chunks_total));
/// assert_eq!(ooc.sum(&mm, None)?.item()?, 3 * 4096 * 64); // int64, as Array::sum
/// assert!(ooc.stats().chunks > 4 && ooc.stats().peak_device_bytes <= 256 << 10);
/// let col_max = ooc.max(&mm, Some(0))?; // shape [64]
/// assert_eq!(col_max.to_vec()?, vec![3; 64]);
/// # drop(mm); std::fs::remove_file(&path).unwrap();
/// # Ok(()) }
/// ```
pub struct OutOfCore<'a> {
    device: &'a Device,
    budget: u64,
    progress: Option<ProgressFn<'a>>,
    stats: OutOfCoreStats,
    /// Device memory held when the current run started.
    baseline: u64,
}

impl std::fmt::Debug for OutOfCore<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutOfCore")
            .field("budget", &self.budget)
            .field("stats", &self.stats)
            .finish()
    }
}

/// The progress callback.
type ProgressFn<'a> = Box<dyn FnMut(&Progress) + 'a>;

/// How partial results combine.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Combine {
    Add,
    Min,
    Max,
}

/// Device memory held now, as the pool sees it.
fn resident(device: &Device) -> u64 {
    let s = device.memory_stats();
    s.live_reserved_bytes + s.pooled_bytes
}

/// A size rounded up to the pool's size class (waste under 1/8): what a
/// buffer of `bytes` may occupy.
fn class_bound(bytes: u64) -> u64 {
    bytes.saturating_add(bytes / 8).saturating_add(512)
}

impl<'a> OutOfCore<'a> {
    /// Reductions on `device` holding at most `budget_bytes` of device
    /// memory at once.
    pub fn new(device: &'a Device, budget_bytes: u64) -> Self {
        OutOfCore {
            device,
            budget: budget_bytes,
            progress: None,
            stats: OutOfCoreStats::default(),
            baseline: 0,
        }
    }

    /// Calls `f` after every chunk with where the run stands (the last call
    /// has `chunks_done == chunks_total` and `bytes_done == bytes_total`).
    pub fn on_progress(mut self, f: impl FnMut(&Progress) + 'a) -> Self {
        self.progress = Some(Box::new(f));
        self
    }

    /// The budget in bytes.
    pub fn budget_bytes(&self) -> u64 {
        self.budget
    }

    /// What the last reduction did.
    pub fn stats(&self) -> OutOfCoreStats {
        self.stats
    }

    /// NumPy's `mm.sum(axis=axis)` in [`Array::sum`]'s result type (`i64`
    /// for signed integers and bool, `u64` for unsigned, floats their own).
    ///
    /// # Errors
    /// `InvalidArgument` when the budget cannot hold one row of the view
    /// and the output (numbers named); `AxisOutOfBounds`; the device's
    /// errors (`MissingFeature` names [`OutOfCore::sum_as`] where a
    /// narrower type would do).
    pub fn sum<T: Accumulate>(
        &mut self,
        mm: &Memmap<T>,
        axis: Option<isize>,
    ) -> Result<Array<T::Acc>> {
        crate::compute::suggest_narrow::<T, _>(
            self.sum_as::<T, T::Acc>(mm, axis),
            "OutOfCore::sum_as::<_, i32> (or f32, u32)",
        )
    }

    /// [`OutOfCore::sum`] in `U` (NumPy's `dtype=U`; float16 sums in
    /// float32 and rounds at the end, as [`Array::sum_as`]).
    pub fn sum_as<T: Element, U: Element>(
        &mut self,
        mm: &Memmap<T>,
        axis: Option<isize>,
    ) -> Result<Array<U>> {
        let op = "OutOfCore::sum";
        if U::DTYPE == DType::F16 {
            let (acc, _) = self.run::<T, f32>(op, mm, axis, Combine::Add, |c, ax| {
                c.sum_as::<f32>(ax, false)
            })?;
            self.finish(acc.astype::<U>())
        } else {
            let (acc, _) =
                self.run::<T, U>(op, mm, axis, Combine::Add, |c, ax| c.sum_as::<U>(ax, false))?;
            Ok(acc)
        }
    }

    /// NumPy's `mm.mean(axis=axis)` in [`Array::mean`]'s result type
    /// (floats their own, the rest `f64`). The mean of nothing is NaN.
    ///
    /// # Errors
    /// As [`OutOfCore::sum`].
    pub fn mean<T: Accumulate>(
        &mut self,
        mm: &Memmap<T>,
        axis: Option<isize>,
    ) -> Result<Array<T::Mean>> {
        crate::compute::suggest_narrow::<T, _>(
            self.mean_as::<T, T::Mean>(mm, axis),
            "OutOfCore::mean_as::<_, f32>",
        )
    }

    /// [`OutOfCore::mean`] in `U`: the elements are summed in `U` (float32
    /// for float16) and divided by their count.
    pub fn mean_as<T: Element, U: Float>(
        &mut self,
        mm: &Memmap<T>,
        axis: Option<isize>,
    ) -> Result<Array<U>> {
        let op = "OutOfCore::mean";
        if mm.size() == 0 {
            // NaN (or NumPy's empty-shape result): the in-memory rule.
            return self.in_memory(op, mm, |a| {
                a.mean_as::<U>(axis_slice(&axis).as_deref(), false)
            });
        }
        if U::DTYPE == DType::F16 {
            let (acc, count) = self.run::<T, f32>(op, mm, axis, Combine::Add, |c, ax| {
                c.sum_as::<f32>(ax, false)
            })?;
            acc.div_assign(count as f32)?;
            self.finish(acc.astype::<U>())
        } else {
            let (acc, count) =
                self.run::<T, U>(op, mm, axis, Combine::Add, |c, ax| c.sum_as::<U>(ax, false))?;
            acc.div_assign(U::from_f64(count as f64))?;
            self.finish(Ok(acc))
        }
    }

    /// NumPy's `mm.min(axis=axis)`, in `T`; NaN anywhere in a reduction
    /// makes its result NaN.
    ///
    /// # Errors
    /// `EmptyReduction` over zero elements; as [`OutOfCore::sum`].
    pub fn min<T: Element>(&mut self, mm: &Memmap<T>, axis: Option<isize>) -> Result<Array<T>> {
        let (acc, _) = self.run::<T, T>("OutOfCore::min", mm, axis, Combine::Min, |c, ax| {
            c.min(ax, false)
        })?;
        Ok(acc)
    }

    /// NumPy's `mm.max(axis=axis)`; see [`OutOfCore::min`].
    pub fn max<T: Element>(&mut self, mm: &Memmap<T>, axis: Option<isize>) -> Result<Array<T>> {
        let (acc, _) = self.run::<T, T>("OutOfCore::max", mm, axis, Combine::Max, |c, ax| {
            c.max(ax, false)
        })?;
        Ok(acc)
    }

    /// A final step on the output (a cast), with the peak observed after it.
    fn finish<U: Element>(&mut self, r: Result<Array<U>>) -> Result<Array<U>> {
        let a = r?;
        self.observe();
        Ok(a)
    }

    fn observe(&mut self) {
        let now = resident(self.device).saturating_sub(self.baseline);
        self.stats.peak_device_bytes = self.stats.peak_device_bytes.max(now);
    }

    /// An empty or 0-d view: uploaded whole and reduced in memory (the
    /// in-memory rules for nothing: zeros, NaN, `EmptyReduction`).
    fn in_memory<T: Element, A: Element>(
        &mut self,
        op: &'static str,
        mm: &Memmap<T>,
        f: impl FnOnce(&Array<T>) -> Result<Array<A>>,
    ) -> Result<Array<A>> {
        let bytes = (mm.size() * T::DTYPE.itemsize()) as u64;
        self.begin();
        if class_bound(bytes) > self.budget {
            return Err(self.too_small(op, bytes, bytes, 0));
        }
        let up0 = self.device.transfer_stats().uploaded_bytes;
        let a = mm.to_device(self.device)?;
        self.observe();
        let r = f(&a)?;
        drop(a);
        self.observe();
        self.stats.chunks = 1;
        self.stats.rows_per_chunk = 1;
        self.stats.bytes_uploaded = self.device.transfer_stats().uploaded_bytes - up0;
        self.report(1, 1, bytes, bytes);
        Ok(r)
    }
}

/// `Some(axis)` as the one-element axis list the in-memory reductions take.
fn axis_slice(axis: &Option<isize>) -> Option<Vec<isize>> {
    axis.map(|a| vec![a])
}

impl OutOfCore<'_> {
    /// Starts a run: statistics cleared, the caching pool emptied (so that
    /// every pooled buffer seen during the run is the run's own, and the
    /// run takes none of the caller's), the memory held now as baseline.
    fn begin(&mut self) {
        self.stats = OutOfCoreStats::default();
        self.device.empty_cache();
        self.baseline = resident(self.device);
    }

    fn report(&mut self, chunks_done: usize, chunks_total: usize, done: u64, total: u64) {
        if let Some(f) = self.progress.as_mut() {
            f(&Progress {
                chunks_done,
                chunks_total,
                bytes_done: done,
                bytes_total: total,
            });
        }
    }

    fn too_small(&self, op: &'static str, row: u64, fixed: u64, per_row: u64) -> Error {
        Error::InvalidArgument {
            op,
            reason: format!(
                "a device-memory budget of {} bytes cannot hold one chunk: a row of the view is \
                 {row} bytes, the output and accumulator need up to {fixed} bytes and each row in \
                 flight up to {per_row} more",
                self.budget
            ),
        }
    }

    /// The chunked reduction: `f` reduces one uploaded chunk (over `None`
    /// or the one axis) into a partial result of type `A`; partials combine
    /// by `how`. Returns the output and the count of elements each output
    /// element reduced.
    fn run<T: Element, A: Element>(
        &mut self,
        op: &'static str,
        mm: &Memmap<T>,
        axis: Option<isize>,
        how: Combine,
        f: impl Fn(&Array<T>, Option<&[isize]>) -> Result<Array<A>>,
    ) -> Result<(Array<A>, usize)> {
        let shape = mm.shape().to_vec();
        let nd = shape.len();
        let ax = axis.map(|a| normalize_axis(op, a, nd)).transpose()?;
        let axes = axis_slice(&axis);
        let count = match ax {
            Some(a) => shape[a],
            None => mm.size(),
        };
        // The chunk axis: the outermost in memory among the long axes.
        let k = (0..nd)
            .filter(|&k| shape[k] > 1 && mm.strides()[k] != 0)
            .max_by_key(|&k| mm.strides()[k].unsigned_abs());
        let Some(k) = k.filter(|_| mm.size() > 0) else {
            // Empty, 0-d, or a single (possibly broadcast) element.
            let r = self.in_memory(op, mm, |a| f(a, axes.as_deref()))?;
            return Ok((r, count));
        };
        self.begin();
        let isz = T::DTYPE.itemsize() as u64;
        let asz = A::DTYPE.itemsize().max(4) as u64;
        let len_k = shape[k];
        // Packed elements of one row (zero-stride axes are uploaded once).
        let row_elems: u64 = (0..nd)
            .filter(|&j| j != k && mm.strides()[j] != 0)
            .map(|j| shape[j] as u64)
            .product();
        let row_bytes = row_elems.saturating_mul(isz);
        let out_elems: u64 = match ax {
            None => 1,
            Some(a) => (0..nd)
                .filter(|&j| j != a)
                .map(|j| shape[j] as u64)
                .product(),
        };
        let out_bytes = out_elems.saturating_mul(asz);
        // Resident besides the chunks: the accumulator or output, a cast or
        // copy of it at the end, and (reducing along the chunk axis) two
        // partials of its size in flight; small buffers round up to 512.
        let along_k = ax.is_none() || ax == Some(k);
        // (Saturating: a view whose sizes overflow these sums cannot fit
        // any budget, and is refused below.)
        let fixed = class_bound(out_bytes)
            .saturating_mul(if along_k { 4 } else { 2 })
            .saturating_add(16 * 512);
        // Per row of a chunk: the row, the reduction's partials (at most a
        // quarter of the bytes read, all passes together), and a slab of
        // the output when the reduced axis is another; three chunks' worth
        // (two in flight, a shorter last one in another size class), each
        // rounded up to its size class (under 1/8 more).
        let slab_row = match ax {
            Some(a) if a != k => out_elems / len_k as u64 * asz,
            _ => 0,
        };
        let per_row = row_bytes
            .saturating_add(row_bytes / 4)
            .saturating_add(slab_row)
            .saturating_mul(27)
            / 8;
        let room = self.budget.saturating_sub(fixed);
        // per_row >= 1: a row holds at least one element here.
        let rows = room.checked_div(per_row).unwrap_or(0);
        if rows == 0 || fixed > self.budget {
            return Err(self.too_small(op, row_bytes, fixed, per_row));
        }
        let rows = rows.min(len_k as u64) as usize;
        let chunks = len_k.div_ceil(rows);
        self.stats.chunks = chunks;
        self.stats.rows_per_chunk = rows;
        let total = mm.size() as u64 * isz;
        let up0 = self.device.transfer_stats().uploaded_bytes;

        // The output when partials are slabs of it (along another axis).
        let out_shape: Vec<usize> = (0..nd)
            .filter(|&j| Some(j) != ax)
            .map(|j| shape[j])
            .collect();
        let slab_axis = match ax {
            Some(a) if a < k => k - 1,
            _ => k,
        };
        let out = if along_k {
            None
        } else {
            Some(Array::<A>::alloc_uninit(
                self.device,
                op,
                &out_shape,
                Order::C,
            )?)
        };
        let mut acc: Option<Array<A>> = None;
        let full = SliceArg::Slice {
            start: None,
            stop: None,
            step: 1,
        };
        let mut done = 0u64;
        for ci in 0..chunks {
            let (r0, r1) = (ci * rows, ((ci + 1) * rows).min(len_k));
            let mut index = vec![full; nd];
            index[k] = SliceArg::Slice {
                start: Some(r0 as isize),
                stop: Some(r1 as isize),
                step: 1,
            };
            // The host copies this chunk into staging memory while the
            // device reduces the previous one (submitted below).
            let chunk = mm.slice(&index)?.to_device(self.device)?;
            done += chunk.size() as u64 * isz;
            self.observe();
            if ci > 0 {
                // The previous chunk's work is done: at most one chunk's
                // work queued behind an upload.
                self.device.synchronize()?;
            }
            let part = f(&chunk, axes.as_deref())?;
            drop(chunk);
            self.observe();
            match (&out, acc.as_ref()) {
                (Some(out), _) => {
                    let mut idx = vec![full; out_shape.len()];
                    idx[slab_axis] = SliceArg::Slice {
                        start: Some(r0 as isize),
                        stop: Some(r1 as isize),
                        step: 1,
                    };
                    out.slice(&idx)?.assign(&part)?;
                }
                (None, None) => acc = Some(part),
                (None, Some(a)) => match how {
                    Combine::Add => a.add_assign(&part)?,
                    Combine::Min => a.minimum_assign(&part)?,
                    Combine::Max => a.maximum_assign(&part)?,
                },
            }
            self.device.flush()?;
            self.observe();
            self.report(ci + 1, chunks, done, total);
        }
        self.stats.bytes_uploaded = self.device.transfer_stats().uploaded_bytes - up0;
        let result = match out {
            Some(o) => o,
            None => acc.ok_or_else(|| Error::Internal {
                op,
                message: "no chunk was reduced".into(),
            })?,
        };
        Ok((result, count))
    }
}
