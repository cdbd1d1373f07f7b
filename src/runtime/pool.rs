//! The caching pool: freed array buffers are kept per size class and handed
//! to the next allocation of that class instead of going back to the driver
//! (CuPy's `MemoryPool`, PyTorch's caching allocator).
//!
//! **Size classes.** A request of `n` bytes (already whole words) gets a
//! buffer of the smallest class at least `n`: 512 bytes up to 512 (CuPy's
//! smallest block), above that eight steps per power of two (`2^k` to
//! `2^(k+1)` in steps of `2^(k-3)`), never past the device's buffer limit.
//! A buffer is exactly its class, so any free buffer of the class fits any
//! request of it. The rounding wastes under 1/8 of a request above 512
//! bytes and under 512 bytes below; the array sees only what it asked for
//! ([`Storage`](super::Storage)'s `bytes` and `len_bytes`: binding windows
//! and `as_strided` bounds never reach the rest).
//!
//! **Cached bytes are not capped** (as in CuPy): they are whatever was
//! freed and not reused, shown per class by [`Device::memory_stats`] and
//! returned to the driver by [`Device::empty_cache`], by turning the pool
//! off, and before an allocation is retried when the driver runs out of
//! memory.
//!
//! **Uploads and recorded work.** Uploads are queue writes, which wgpu
//! performs before the command buffers of the next submission, while kernels
//! are recorded into a batch submitted later. A buffer freed while commands
//! that use it are recorded but not submitted must not receive an upload
//! before they are submitted: the write would land before those commands
//! ran and change their inputs. So each freed buffer carries the
//! submission epoch it was freed in ([`Pool::epoch`], advanced after each
//! submission), and an upload that takes a buffer freed in the current
//! epoch flushes the batch first. Kernel outputs and copies need no such
//! care: they are recorded, so they run after the earlier commands in
//! recording order.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::device::Device;

/// Requests up to this many bytes share the smallest class.
const MIN_CLASS: u64 = 512;
/// Classes per power of two above [`MIN_CLASS`] (log2).
const STEPS_LOG2: u32 = 3;

/// The size class of a request of `bytes` (a multiple of 4, at most
/// `limit`): [`MIN_CLASS`] up to it, then the next multiple of `2^(k-3)`
/// where `2^k < bytes <= 2^(k+1)`; at most `limit` rounded down to whole
/// words, which is still at least `bytes`.
pub(crate) fn size_class(bytes: u64, limit: u64) -> u64 {
    let cap = limit / 4 * 4;
    let class = if bytes <= MIN_CLASS {
        MIN_CLASS
    } else {
        // 2^k < bytes <= 2^(k+1); k >= 9, so the step is a multiple of 4.
        let k = 63 - (bytes - 1).leading_zeros();
        let step = 1u64 << (k - STEPS_LOG2);
        bytes.div_ceil(step).saturating_mul(step)
    };
    class.min(cap).max(bytes)
}

/// Device memory as the pool sees it (from [`Device::memory_stats`]).
///
/// Live buffers are those held by arrays; pooled ones are free buffers the
/// pool keeps for reuse. `live_bytes` counts what the arrays asked for
/// (rounded up to whole 4-byte words, as [`Device::allocated_bytes`]);
/// `live_reserved_bytes` what their buffers occupy on the device, their
/// size classes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MemoryStats {
    /// Whether freed buffers are kept for reuse.
    pub pool_enabled: bool,
    /// Buffers held by arrays ([`Device::allocated_buffers`]).
    pub live_buffers: u64,
    /// Bytes the live arrays asked for, in whole words
    /// ([`Device::allocated_bytes`]).
    pub live_bytes: u64,
    /// Device bytes of the live buffers (their size classes).
    pub live_reserved_bytes: u64,
    /// The most `live_bytes` has been since the device was opened.
    pub peak_live_bytes: u64,
    /// Free buffers kept by the pool.
    pub pooled_buffers: u64,
    /// Device bytes of the free buffers kept by the pool.
    pub pooled_bytes: u64,
    /// Allocations served by a pooled buffer.
    pub pool_hits: u64,
    /// Allocations that created a buffer with the driver.
    pub driver_allocations: u64,
    /// Per size class with a live or pooled buffer, smallest first.
    pub classes: Vec<SizeClassStats>,
}

/// One size class of [`MemoryStats`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SizeClassStats {
    /// The class: bytes of each of its buffers.
    pub bytes: u64,
    /// Its buffers held by arrays.
    pub live_buffers: u64,
    /// Its free buffers kept by the pool.
    pub pooled_buffers: u64,
}

impl std::fmt::Display for MemoryStats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "pool: {}", if self.pool_enabled { "on" } else { "off" })?;
        writeln!(
            f,
            "live: {} buffers, {} bytes ({} reserved), peak {} bytes",
            self.live_buffers, self.live_bytes, self.live_reserved_bytes, self.peak_live_bytes
        )?;
        writeln!(
            f,
            "pooled: {} buffers, {} bytes",
            self.pooled_buffers, self.pooled_bytes
        )?;
        write!(
            f,
            "allocations: {} from the pool, {} from the driver",
            self.pool_hits, self.driver_allocations
        )?;
        for c in &self.classes {
            write!(
                f,
                "\n  class {} bytes: {} live, {} pooled",
                c.bytes, c.live_buffers, c.pooled_buffers
            )?;
        }
        Ok(())
    }
}

/// A free buffer and the submission epoch it was freed in.
struct Freed {
    buffer: wgpu::Buffer,
    epoch: u64,
}

#[derive(Default)]
struct PoolState {
    /// Free buffers per class, oldest first.
    free: BTreeMap<u64, VecDeque<Freed>>,
    pooled_buffers: u64,
    pooled_bytes: u64,
    /// Live buffers per class.
    live: BTreeMap<u64, u64>,
    live_reserved: u64,
}

/// The pool of one device (see the module documentation).
pub(crate) struct Pool {
    enabled: AtomicBool,
    /// Submissions so far, advanced after each `queue.submit` returns: a
    /// buffer freed in epoch `e` is used by no unsubmitted command once the
    /// epoch is past `e`.
    epoch: AtomicU64,
    hits: AtomicU64,
    driver: AtomicU64,
    peak: AtomicU64,
    state: Mutex<PoolState>,
}

impl Pool {
    pub(crate) fn new(enabled: bool) -> Pool {
        Pool {
            enabled: AtomicBool::new(enabled),
            epoch: AtomicU64::new(0),
            hits: AtomicU64::new(0),
            driver: AtomicU64::new(0),
            peak: AtomicU64::new(0),
            state: Mutex::new(PoolState::default()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, PoolState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn enabled(&self) -> bool {
        self.enabled.load(Ordering::SeqCst)
    }

    /// Takes a free buffer of `class`: the most recently freed one (warm in
    /// caches), or for an upload the oldest one (the most likely to be
    /// clean). Returns it with whether it may still be used by unsubmitted
    /// commands.
    pub(super) fn take(&self, class: u64, for_upload: bool) -> Option<(wgpu::Buffer, bool)> {
        if !self.enabled() {
            return None;
        }
        let mut st = self.state();
        let list = st.free.get_mut(&class)?;
        let freed = if for_upload {
            list.pop_front()
        } else {
            list.pop_back()
        }?;
        if list.is_empty() {
            st.free.remove(&class);
        }
        st.pooled_buffers -= 1;
        st.pooled_bytes -= class;
        drop(st);
        self.hits.fetch_add(1, Ordering::Relaxed);
        let dirty = freed.epoch >= self.epoch.load(Ordering::SeqCst);
        Some((freed.buffer, dirty))
    }

    /// Counts a new live buffer of `class`; `live_bytes` is the device's
    /// live total after it, for the peak.
    pub(super) fn count_live(&self, class: u64, live_bytes: u64, from_driver: bool) {
        if from_driver {
            self.driver.fetch_add(1, Ordering::Relaxed);
        }
        self.peak.fetch_max(live_bytes, Ordering::SeqCst);
        let mut st = self.state();
        *st.live.entry(class).or_default() += 1;
        st.live_reserved = st.live_reserved.saturating_add(class);
    }

    /// A live buffer of `class` was freed: keep it (tagged with the current
    /// epoch) when the pool is on and `keep`, else let it go to the driver.
    pub(super) fn release(&self, buffer: &wgpu::Buffer, class: u64, keep: bool) {
        let mut st = self.state();
        if let Some(n) = st.live.get_mut(&class) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                st.live.remove(&class);
            }
        }
        st.live_reserved = st.live_reserved.saturating_sub(class);
        // Checked under the lock, so `set_enabled(false)` empties the pool
        // with no release slipping in after it.
        if keep && self.enabled() {
            let epoch = self.epoch.load(Ordering::SeqCst);
            st.free.entry(class).or_default().push_back(Freed {
                buffer: buffer.clone(),
                epoch,
            });
            st.pooled_buffers += 1;
            st.pooled_bytes = st.pooled_bytes.saturating_add(class);
        }
    }

    /// Drops every pooled buffer; returns the bytes released.
    fn clear(&self) -> u64 {
        let free = {
            let mut st = self.state();
            st.pooled_buffers = 0;
            st.pooled_bytes = 0;
            std::mem::take(&mut st.free)
        };
        // The buffers go outside the lock (wgpu frees them once the work
        // that uses them is done).
        free.iter()
            .map(|(class, list)| class * list.len() as u64)
            .sum()
    }
}

impl Device {
    /// Marks the end of a submission: buffers freed before it are used by
    /// no unsubmitted command any more. Called right after each
    /// `queue.submit`, while the batch lock (when there is one) is held.
    pub(super) fn submitted(&self) {
        self.inner.pool.epoch.fetch_add(1, Ordering::SeqCst);
    }

    /// The size class a request of `size` bytes (whole words, within the
    /// limit) is served from: its class when the pool is on, else itself.
    pub(super) fn class_of(&self, size: u64) -> u64 {
        if self.inner.pool.enabled() {
            size_class(size, self.inner.info.max_buffer_size)
        } else {
            size
        }
    }

    /// Drops the pooled buffers and says whether there were any (for a
    /// retry after the driver ran out of memory).
    pub(super) fn release_cache_for_retry(&self) -> bool {
        self.inner.pool.clear() > 0
    }

    /// A live buffer of `class` bytes was freed: into the pool when it is
    /// on, the device is not lost and the buffer is a whole size class (one
    /// allocated while the pool was off may not be), else to the driver.
    pub(super) fn release_buffer(&self, buffer: &wgpu::Buffer, class: u64) {
        let keep = size_class(class, self.inner.info.max_buffer_size) == class
            && self.check_lost().is_ok();
        self.inner.pool.release(buffer, class, keep);
    }

    /// A snapshot of the device memory held by arrays and by the caching
    /// pool: live and pooled buffers and bytes, the peak, where allocations
    /// came from, and each size class.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// let a = ndgpu::Array::<f32>::zeros(&dev, [1000]).unwrap();
    /// drop(a);
    /// let s = dev.memory_stats();
    /// assert!(s.pooled_bytes >= 4000); // kept for the next array of its size
    /// dev.empty_cache();
    /// assert_eq!(dev.memory_stats().pooled_bytes, 0);
    /// ```
    pub fn memory_stats(&self) -> MemoryStats {
        // Buffers held by work kept for fusion are released once it runs.
        // Statistics cannot fail: an error of that work is dropped here
        // (a lost device, the one error expected there, is reported by
        // every later call).
        let _ = self.run_lazy();
        let pool = &self.inner.pool;
        let st = pool.state();
        let mut classes: BTreeMap<u64, SizeClassStats> = BTreeMap::new();
        for (&bytes, &live) in &st.live {
            classes.insert(
                bytes,
                SizeClassStats {
                    bytes,
                    live_buffers: live,
                    pooled_buffers: 0,
                },
            );
        }
        for (&bytes, list) in &st.free {
            classes
                .entry(bytes)
                .or_insert(SizeClassStats {
                    bytes,
                    live_buffers: 0,
                    pooled_buffers: 0,
                })
                .pooled_buffers = list.len() as u64;
        }
        MemoryStats {
            pool_enabled: pool.enabled(),
            live_buffers: self.allocated_buffers(),
            live_bytes: self.allocated_bytes(),
            live_reserved_bytes: st.live_reserved,
            peak_live_bytes: pool.peak.load(Ordering::SeqCst),
            pooled_buffers: st.pooled_buffers,
            pooled_bytes: st.pooled_bytes,
            pool_hits: pool.hits.load(Ordering::Relaxed),
            driver_allocations: pool.driver.load(Ordering::Relaxed),
            classes: classes.into_values().collect(),
        }
    }

    /// Returns the pooled (free, cached) buffers to the driver. Live
    /// arrays are untouched; the pool stays on.
    pub fn empty_cache(&self) {
        self.inner.pool.clear();
    }

    /// Turns the caching pool on or off (it is on unless
    /// [`DeviceOptions::disable_pool`](super::DeviceOptions::disable_pool)
    /// was set). Turning it off returns the pooled buffers to the driver;
    /// from then on every allocation goes to the driver at its exact size
    /// and every freed buffer back to it.
    pub fn set_pool_enabled(&self, enabled: bool) {
        let pool = &self.inner.pool;
        {
            // Under the state lock, so that no release pools a buffer
            // after the pool was emptied.
            let _st = pool.state();
            pool.enabled.store(enabled, Ordering::SeqCst);
        }
        if !enabled {
            pool.clear();
        }
    }

    /// Whether freed buffers are kept for reuse (see
    /// [`Device::set_pool_enabled`]).
    pub fn pool_enabled(&self) -> bool {
        self.inner.pool.enabled()
    }
}

#[cfg(test)]
mod tests {
    use super::size_class;

    #[test]
    fn size_classes_bound_the_waste() {
        let limit = 1u64 << 40;
        assert_eq!(size_class(4, limit), 512);
        assert_eq!(size_class(512, limit), 512);
        assert_eq!(size_class(516, limit), 576);
        assert_eq!(size_class(1024, limit), 1024);
        assert_eq!(size_class(1028, limit), 1152);
        assert_eq!(size_class(4_000_000, limit), 4_194_304);
        let mut n = 516u64;
        while n < 1 << 34 {
            let c = size_class(n, limit);
            assert!(c >= n && c % 4 == 0, "{n} -> {c}");
            // Under 1/8 of the request above MIN_CLASS.
            assert!((c - n) * 8 < n, "{n} -> {c}");
            // A class is its own class.
            assert_eq!(size_class(c, limit), c);
            n = n * 9 / 7 / 4 * 4 + 4;
        }
        // Never past the limit (rounded down to whole words).
        assert_eq!(size_class(1000, 1002), 1000);
        assert_eq!(size_class(1 << 20, 1 << 20), 1 << 20);
        assert_eq!(size_class((1 << 20) + 4, (1 << 20) + 100), (1 << 20) + 100);
    }
}
