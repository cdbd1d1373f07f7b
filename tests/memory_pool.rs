//! The caching pool and the memory an array keeps alive: freed buffers are
//! reused by size class; an upload into a reused buffer never lands before
//! recorded work that still reads the buffer's old contents; `zeros` from
//! a reused buffer is zeros; a bigger pooled buffer never widens a view;
//! statistics, `empty_cache` and turning the pool off; `info()` showing the
//! bytes kept alive against the bytes reachable.
//!
//! Every test opens a device of its own, so that no other test's
//! allocations or flushes disturb the counts or the batch.

use ndgpu::{Array, Device, DeviceOptions, Error, s};

fn device(options: DeviceOptions) -> Device {
    Device::with_options(options)
        .expect("a GPU adapter (lavapipe: apt-get install mesa-vulkan-drivers)")
}

/// The pool's rules with every operation recorded as it returns: fusion
/// keeps an element-wise operation (and the buffers it reads) until the
/// chain runs, which moves when buffers return to the pool (see
/// `a_fused_chain_reuses_its_buffers_once_it_runs`).
fn pooled() -> Device {
    device(DeviceOptions {
        disable_fusion: true,
        ..Default::default()
    })
}

/// Equal vectors, reporting only the first difference (a failure here
/// would otherwise print thousands of values).
#[track_caller]
fn same<T: PartialEq + std::fmt::Debug>(got: Vec<T>, want: &[T], what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    if let Some(i) = (0..got.len()).find(|&i| got[i] != want[i]) {
        panic!(
            "{what}: element {i} is {:?}, NumPy gives {:?}",
            got[i], want[i]
        );
    }
}

/// The upload hazard. `b = a * 2`, `c = b + a` and `s = a.sum()` are
/// recorded, not submitted, when `a` is dropped; the next upload of the
/// same size class takes `a`'s buffer from the pool. Queue writes land
/// before the unsubmitted commands, so without the pool's rule the new
/// data would replace `a` under the recorded reads. NumPy's semantics:
/// `b`, `c` and `s` are computed from `a`'s values.
fn upload_after_recorded_reads(d: &Device) {
    let n = 1000usize;
    let a_host: Vec<f32> = (0..n).map(|i| i as f32).collect();
    let a = Array::from_slice(d, &a_host, [n]).unwrap();
    d.synchronize().unwrap();
    let b = (&a * 2.0).unwrap();
    let c = (&b + &a).unwrap();
    let t = a.slice(s![..;-1]).unwrap().copy().unwrap();
    let total = a.sum(None, false).unwrap();
    drop(a);
    let before = d.memory_stats();
    // `a`'s buffer is the one free buffer of its class (the sum's
    // partials went to the 512-byte class).
    let class = |st: &ndgpu::MemoryStats| {
        st.classes
            .iter()
            .find(|c| c.bytes == 4096)
            .map(|c| c.pooled_buffers)
    };
    assert_eq!(class(&before), Some(1), "{before}");

    // Same size class (999 * 4 bytes rounds to the 4096-byte class too).
    let e_host: Vec<f32> = (0..n - 1).map(|i| -1000.0 - i as f32).collect();
    let e = Array::from_slice(d, &e_host, [n - 1]).unwrap();
    let after = d.memory_stats();
    assert_eq!(after.pool_hits, before.pool_hits + 1, "{after}");
    assert_eq!(after.driver_allocations, before.driver_allocations);
    assert_eq!(e.buffer_reserved_nbytes(), 4096);
    assert_eq!(class(&after), Some(0), "{after}");

    let want_b: Vec<f32> = a_host.iter().map(|x| x * 2.0).collect();
    let want_c: Vec<f32> = a_host.iter().map(|x| x * 3.0).collect();
    let want_t: Vec<f32> = a_host.iter().rev().copied().collect();
    same(b.to_vec().unwrap(), &want_b, "a * 2");
    same(c.to_vec().unwrap(), &want_c, "(a * 2) + a");
    same(t.to_vec().unwrap(), &want_t, "a[::-1].copy()");
    assert_eq!(total.item().unwrap(), 499_500.0, "a.sum()");
    same(e.to_vec().unwrap(), &e_host, "the new upload");
}

#[test]
fn an_upload_into_a_reused_buffer_lands_after_the_recorded_reads() {
    let d = pooled();
    let submitted = d.submissions();
    upload_after_recorded_reads(&d);
    assert!(d.submissions() > submitted);
}

/// With deferred errors each operation is submitted at once, so a freed
/// buffer is never used by unsubmitted work; same results.
#[test]
fn the_upload_rule_holds_with_deferred_errors() {
    let d = device(DeviceOptions {
        deferred_errors: true,
        ..Default::default()
    });
    upload_after_recorded_reads(&d);
}

/// The rule costs no submission when the buffer was freed before the last
/// submission: only a buffer that recorded work may still use flushes.
#[test]
fn an_upload_into_a_clean_buffer_does_not_flush() {
    let d = pooled();
    let a = Array::<f32>::ones(&d, [256]).unwrap();
    let b = (&a + 1.0).unwrap();
    drop(a);
    d.synchronize().unwrap();
    let n = d.submissions();
    let c = Array::from_slice(&d, &[5.0f32; 256], [256]).unwrap();
    assert_eq!(d.submissions(), n, "nothing to wait for: no flush");
    assert_eq!(d.memory_stats().pool_hits, 1);
    assert_eq!(b.to_vec().unwrap(), vec![2.0; 256]);
    assert_eq!(c.to_vec().unwrap(), vec![5.0; 256]);
}

/// `zeros` from a buffer whose old contents recorded work still reads: the
/// clear is recorded after those reads, and the new array is zeros.
#[test]
fn zeros_from_a_reused_buffer_are_zeros() {
    let d = pooled();
    let a = Array::<i32>::full(&d, [300, 7], 7).unwrap();
    let b = (&a + 1).unwrap();
    drop(a);
    let z = Array::<i32>::zeros(&d, [7, 300]).unwrap();
    assert_eq!(d.memory_stats().pool_hits, 1);
    same(z.to_vec().unwrap(), &[0; 2100], "zeros");
    same(b.to_vec().unwrap(), &[8; 2100], "a + 1");
    // matmul with K = 0 relies on a zeroed output too.
    let m = Array::<f32>::zeros(&d, [4, 0]).unwrap();
    let n = Array::<f32>::zeros(&d, [0, 4]).unwrap();
    let drop_me = Array::<f32>::full(&d, [4, 4], 3.0).unwrap();
    drop(drop_me);
    let hits = d.memory_stats().pool_hits;
    let p = m.matmul(&n).unwrap();
    assert_eq!(d.memory_stats().pool_hits, hits + 1);
    assert_eq!(p.to_vec().unwrap(), vec![0.0; 16]);
}

/// A reused buffer bigger than the request: the array sees only its own
/// bytes. `as_strided` is bounded by what it asked for, and results read
/// through binding windows are exact.
#[test]
fn a_bigger_pooled_buffer_never_widens_a_view() {
    let d = pooled();
    let big = Array::<f32>::full(&d, [128], 9.0).unwrap(); // 512 bytes, the class
    drop(big);
    let x = Array::<f32>::arange(&d, 0.0, 100.0, 1.0).unwrap(); // 400 bytes
    assert_eq!(d.memory_stats().pool_hits, 1);
    assert_eq!(x.buffer_nbytes(), 400);
    assert_eq!(x.buffer_reserved_nbytes(), 512);
    match x.as_strided([101], [1], 0) {
        Err(Error::ViewOutOfBuffer { .. }) => {}
        other => panic!("expected ViewOutOfBuffer, got {other:?}"),
    }
    assert!(x.as_strided([100], [1], 0).is_ok());
    let y = (&x * 2.0).unwrap();
    assert_eq!(y.size(), 100);
    assert_eq!(
        y.to_vec().unwrap(),
        (0..100).map(|i| 2.0 * i as f32).collect::<Vec<_>>()
    );
    assert_eq!(x.sum(None, false).unwrap().item().unwrap(), 4950.0);

    // Packed types: three u8s in one word; a reused buffer's padding is
    // never an element.
    let w = Array::<u8>::from_slice(&d, &[1, 2, 3, 4, 5, 6, 7, 8], [8]).unwrap();
    drop(w);
    let v = Array::<u8>::from_slice(&d, &[10, 20, 30], [3]).unwrap();
    assert!(v.as_strided([4], [1], 0).is_err());
    assert_eq!((&v + 1u8).unwrap().to_vec().unwrap(), vec![11, 21, 31]);
    assert_eq!(v.sum(None, false).unwrap().item().unwrap(), 60);
}

/// The counters: live, peak, pooled, where allocations came from, and the
/// size classes; `empty_cache` returns the pooled buffers.
#[test]
fn memory_stats_count_live_pooled_and_reused_buffers() {
    let d = pooled();
    let s0 = d.memory_stats();
    assert!(s0.pool_enabled);
    assert_eq!(
        (
            s0.live_buffers,
            s0.live_bytes,
            s0.pooled_buffers,
            s0.pooled_bytes
        ),
        (0, 0, 0, 0)
    );

    let a = Array::<f32>::zeros(&d, [1000]).unwrap(); // 4000 bytes: class 4096
    let b = Array::<f32>::zeros(&d, [10]).unwrap(); // 40 bytes: class 512
    let s1 = d.memory_stats();
    assert_eq!((s1.live_buffers, s1.live_bytes), (2, 4040));
    assert_eq!(s1.live_reserved_bytes, 4096 + 512);
    assert_eq!((s1.driver_allocations, s1.pool_hits), (2, 0));
    assert_eq!(s1.peak_live_bytes, 4040);
    assert_eq!(d.allocated_bytes(), 4040);
    assert_eq!(d.allocated_buffers(), 2);

    drop(a);
    let s2 = d.memory_stats();
    assert_eq!((s2.live_buffers, s2.live_bytes), (1, 40));
    assert_eq!((s2.pooled_buffers, s2.pooled_bytes), (1, 4096));
    assert_eq!(s2.peak_live_bytes, 4040, "the peak stays");
    assert_eq!(
        s2.classes,
        vec![
            ndgpu::SizeClassStats {
                bytes: 512,
                live_buffers: 1,
                pooled_buffers: 0
            },
            ndgpu::SizeClassStats {
                bytes: 4096,
                live_buffers: 0,
                pooled_buffers: 1
            },
        ]
    );
    let text = s2.to_string();
    assert!(text.contains("pooled: 1 buffers, 4096 bytes"), "{text}");
    assert!(
        text.contains("class 4096 bytes: 0 live, 1 pooled"),
        "{text}"
    );

    // 3900 bytes: the same class, served from the pool.
    let c = Array::<f32>::ones(&d, [975]).unwrap();
    let s3 = d.memory_stats();
    assert_eq!((s3.pool_hits, s3.driver_allocations), (1, 2));
    assert_eq!((s3.pooled_buffers, s3.pooled_bytes), (0, 0));
    assert_eq!(s3.live_bytes, 3940);
    assert_eq!(c.to_vec().unwrap(), vec![1.0; 975]);

    drop((b, c));
    assert_eq!(d.memory_stats().pooled_bytes, 4096 + 512);
    d.empty_cache();
    let s4 = d.memory_stats();
    assert_eq!((s4.pooled_buffers, s4.pooled_bytes), (0, 0));
    assert_eq!(
        (s4.live_buffers, s4.live_bytes, s4.live_reserved_bytes),
        (0, 0, 0)
    );
    assert!(s4.classes.is_empty());
    assert!(s4.pool_enabled, "emptying the cache leaves the pool on");
}

/// With the pool off every allocation goes to the driver at its exact
/// size and every freed buffer back to it; turning it on again reuses.
#[test]
fn the_pool_can_be_turned_off_and_on() {
    let d = device(DeviceOptions {
        disable_pool: true,
        ..Default::default()
    });
    assert!(!d.pool_enabled());
    for _ in 0..3 {
        let a = Array::<f32>::ones(&d, [1000]).unwrap();
        assert_eq!(a.buffer_reserved_nbytes(), 4000, "no rounding");
        assert_eq!((&a + 1.0).unwrap().to_vec().unwrap(), vec![2.0; 1000]);
    }
    let s = d.memory_stats();
    assert!(!s.pool_enabled);
    assert_eq!((s.pool_hits, s.driver_allocations), (0, 6));
    assert_eq!((s.pooled_buffers, s.live_buffers), (0, 0));

    d.set_pool_enabled(true);
    let a = Array::<f32>::ones(&d, [1000]).unwrap();
    drop(a);
    let b = Array::<f32>::ones(&d, [1000]).unwrap();
    let s = d.memory_stats();
    assert_eq!((s.pool_hits, s.driver_allocations), (1, 7));
    assert_eq!(b.to_vec().unwrap(), vec![1.0; 1000]);

    // Off again: the pooled buffers go back to the driver at once.
    drop(b);
    assert_eq!(d.memory_stats().pooled_bytes, 4096);
    d.set_pool_enabled(false);
    assert_eq!(d.memory_stats().pooled_bytes, 0);
}

/// A buffer allocated while the pool was off is not a whole size class:
/// it goes back to the driver even once the pool is on.
#[test]
fn buffers_of_no_size_class_are_not_pooled() {
    let d = device(DeviceOptions {
        disable_pool: true,
        ..Default::default()
    });
    let odd = Array::<f32>::zeros(&d, [1000]).unwrap(); // 4000 bytes exactly
    let even = Array::<f32>::zeros(&d, [1024]).unwrap(); // 4096: a class
    d.set_pool_enabled(true);
    drop(odd);
    assert_eq!(d.memory_stats().pooled_bytes, 0);
    drop(even);
    assert_eq!(d.memory_stats().pooled_bytes, 4096);
}

/// A 4 KiB view pinning a 1 GiB buffer shows it in `info()` and its
/// Display; the buffer is returned once the last view goes.
#[test]
fn a_small_view_shows_the_big_buffer_it_keeps_alive() {
    let d = pooled();
    let gib = 1usize << 30;
    let a = Array::<f32>::zeros(&d, [gib / 4]).unwrap();
    let v = a.slice(s![1024..2048]).unwrap();
    drop(a);
    let i = v.info();
    assert_eq!(i.nbytes, 4096);
    assert_eq!(i.reach_nbytes, 4096);
    assert_eq!(i.buffer_nbytes, gib as u64);
    assert_eq!(i.buffer_reserved_nbytes, gib as u64);
    assert_eq!(i.keep_alive_ratio(), Some(262_144.0));
    let text = i.to_string();
    for key in [
        "nbytes: 4096",
        "reaches: 4096 bytes of its buffer",
        "keeps alive: 1073741824 bytes, 262144.0x what it reaches",
    ] {
        assert!(text.contains(key), "{key} missing from\n{text}");
    }
    assert_eq!(d.allocated_bytes(), gib as u64, "the view keeps the buffer");

    // A strided view reaches more than it addresses.
    let w = v.slice(s![..;4]).unwrap();
    assert_eq!((w.nbytes(), w.reach_nbytes()), (1024, 4084));
    drop(v);
    assert_eq!(
        d.allocated_bytes(),
        gib as u64,
        "the last view still holds it"
    );
    drop(w);
    let s = d.memory_stats();
    assert_eq!(
        (s.live_buffers, s.live_bytes),
        (0, 0),
        "returned with the last view"
    );
    assert_eq!(s.pooled_bytes, gib as u64, "into the pool, counted apart");
    d.empty_cache();
    assert_eq!(d.memory_stats().pooled_bytes, 0);
}

/// An array over its whole buffer reaches all of it; an empty one nothing.
#[test]
fn reach_of_whole_arrays_and_empty_ones() {
    let d = pooled();
    let a = Array::<f32>::zeros(&d, [3, 5]).unwrap();
    let i = a.info();
    assert_eq!((i.reach_nbytes, i.buffer_nbytes), (60, 60));
    assert_eq!(i.keep_alive_ratio(), Some(1.0));
    assert!(
        i.to_string()
            .contains("keeps alive: 60 bytes, 1.0x what it reaches (512 reserved)")
    );
    assert_eq!(a.t().reach_nbytes(), 60);
    assert_eq!(a.slice(s![.., ..;-1]).unwrap().reach_nbytes(), 60);
    let e = a.slice(s![..0]).unwrap();
    assert_eq!(e.reach_nbytes(), 0);
    assert_eq!(e.info().keep_alive_ratio(), None);
    let b = Array::<f32>::scalar(&d, 1.0)
        .unwrap()
        .broadcast_to([1000])
        .unwrap();
    assert_eq!((b.nbytes(), b.reach_nbytes()), (4000, 4));
}

/// Copy-then-drop: a copy of a small part lets the large parent go at
/// once. Live bytes drop to the copy's; the parent's buffer is counted in
/// the pool, apart from them.
#[test]
fn a_copy_then_drop_releases_the_parent_at_once() {
    let d = pooled();
    let a = Array::<f32>::arange(&d, 0.0, 1_000_000.0, 1.0).unwrap();
    let subset = a.slice(s![..100]).unwrap().copy().unwrap();
    assert_eq!(d.allocated_bytes(), 4_000_400);
    drop(a);
    let s = d.memory_stats();
    assert_eq!(d.allocated_bytes(), 400);
    assert_eq!(
        (s.live_buffers, s.live_bytes, s.live_reserved_bytes),
        (1, 400, 512)
    );
    assert_eq!((s.pooled_buffers, s.pooled_bytes), (1, 4_194_304));
    assert_eq!(subset.buffer_nbytes(), 400);
    assert_eq!(
        subset.to_vec().unwrap(),
        (0..100).map(|i| i as f32).collect::<Vec<_>>()
    );
    // The pooled parent serves the next array of its class.
    let b = Array::<f32>::zeros(&d, [1_000_000]).unwrap();
    assert_eq!(d.memory_stats().pool_hits, 1);
    assert_eq!(b.sum(None, false).unwrap().item().unwrap(), 0.0);
}

/// A lost device pools nothing and serves nothing from the pool.
#[test]
fn a_destroyed_device_keeps_no_pool() {
    let d = pooled();
    let a = Array::<f32>::zeros(&d, [100]).unwrap();
    let b = Array::<f32>::zeros(&d, [100]).unwrap();
    drop(a);
    d.destroy();
    drop(b);
    assert_eq!(
        d.memory_stats().pooled_buffers,
        1,
        "only what was freed before"
    );
    match Array::<f32>::zeros(&d, [100]) {
        Err(Error::DeviceLost { .. }) => {}
        other => panic!("expected DeviceLost, got {other:?}"),
    }
    d.empty_cache();
    assert_eq!(d.memory_stats().pooled_buffers, 0);
}

/// A chain of small ops reuses a handful of buffers: after the first few,
/// every allocation is served by the pool.
#[test]
fn a_chain_of_ops_reuses_its_buffers() {
    let d = pooled();
    let mut x = Array::<f32>::ones(&d, [1024]).unwrap();
    for k in 0..200 {
        x = if k % 2 == 0 {
            (&x * 2.0).unwrap()
        } else {
            (&x - 1.0).unwrap()
        };
    }
    let s = d.memory_stats();
    assert!(s.driver_allocations <= 3, "{s}");
    assert!(s.pool_hits >= 198, "{s}");
    assert_eq!(x.to_vec().unwrap(), vec![1.0; 1024]);
}

/// With fusion, a chain holds the buffers of its operations until it runs
/// (at most 256 operations, `MAX_CHAIN`): then they all return to the pool
/// and the next chains are served from it.
#[test]
fn a_fused_chain_reuses_its_buffers_once_it_runs() {
    let d = device(DeviceOptions::default());
    assert!(d.fusion_enabled());
    let mut x = Array::<f32>::ones(&d, [1024]).unwrap();
    for k in 0..800 {
        x = if k % 2 == 0 {
            (&x * 2.0).unwrap()
        } else {
            (&x - 1.0).unwrap()
        };
    }
    let s = d.memory_stats();
    assert!(s.driver_allocations <= 256 + 2, "{s}");
    assert!(s.pool_hits >= 800 - 256 - 2, "{s}");
    assert_eq!(x.to_vec().unwrap(), vec![1.0; 1024]);
    // Once run, nothing is held but `x`.
    assert_eq!(d.allocated_buffers(), 1);
}
