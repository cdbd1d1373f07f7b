//! Scans and boolean masks against a contiguous `copy()` of the same
//! array (a copy reads and writes every byte once):
//! (a) cumsum of a contiguous 16 MiB f32 array (4M elements, flattened),
//!     along the last axis of it as 2048x2048, and along the first axis;
//! (b) `x[mask]` (`mask_select`) with 50% and 1% of the mask true, whose
//!     count is read back (the one wait), and `nonzero` of the 1% mask.
//!
//! Run with `cargo bench --bench scan`. Every timed iteration waits for
//! the device (`synchronize`). On a software Vulkan driver only the ratios
//! within one run mean something.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ndgpu::{Array, Device};

const MIB: usize = 1024 * 1024;

fn scans(c: &mut Criterion) {
    let dev = Device::new().expect("no device");
    println!("device: {}", dev.info().adapter);
    let bytes = 16 * MIB;
    let n = bytes / 4;
    // Small integers: every running sum is exact.
    let host: Vec<f32> = (0..n).map(|k| (k % 3) as f32).collect();
    let flat = Array::from_slice(&dev, &host, [n]).expect("upload");
    let square = flat.reshape([2048, 2048]).expect("reshape");
    let sums = flat.cumsum(None).unwrap().to_vec().unwrap();
    assert_eq!(sums[n - 1], host.iter().sum::<f32>());
    // Masks: 50% (every other element) and 1% (every hundredth) true.
    let idx = Array::<i32>::arange(&dev, 0, n as i32, 1).unwrap();
    let half = idx.rem(2).unwrap().eq(0).unwrap();
    let one = idx.rem(100).unwrap().eq(0).unwrap();
    assert_eq!(flat.mask_select(&half).unwrap().size(), n / 2);
    assert_eq!(flat.mask_select(&one).unwrap().size(), n.div_ceil(100));
    drop((host, sums, idx));
    dev.synchronize().expect("synchronize");

    let mut g = c.benchmark_group("scan/16MiB_f32");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(4));
    let sync = || dev.synchronize().expect("synchronize");
    g.bench_function("contiguous_copy", |b| {
        b.iter(|| {
            let c = black_box(&flat).copy().expect("copy");
            sync();
            c
        })
    });
    g.bench_function("cumsum_flat", |b| {
        b.iter(|| {
            let c = black_box(&flat).cumsum(None).expect("cumsum");
            sync();
            c
        })
    });
    g.bench_function("cumsum_last_axis_2048x2048", |b| {
        b.iter(|| {
            let c = black_box(&square).cumsum(Some(-1)).expect("cumsum");
            sync();
            c
        })
    });
    g.bench_function("cumsum_first_axis_2048x2048", |b| {
        b.iter(|| {
            let c = black_box(&square).cumsum(Some(0)).expect("cumsum");
            sync();
            c
        })
    });
    g.bench_function("mask_select_50pct", |b| {
        b.iter(|| {
            let c = black_box(&flat).mask_select(&half).expect("mask_select");
            sync();
            c
        })
    });
    g.bench_function("mask_select_1pct", |b| {
        b.iter(|| {
            let c = black_box(&flat).mask_select(&one).expect("mask_select");
            sync();
            c
        })
    });
    g.bench_function("nonzero_1pct", |b| {
        b.iter(|| {
            let c = black_box(&one).nonzero().expect("nonzero");
            sync();
            c
        })
    });
    g.finish();
}

criterion_group!(benches, scans);
criterion_main!(benches);
