//! Reduction throughput against a contiguous `copy()` of the same bytes
//! (a copy reads and writes every byte once; a reduction only reads them,
//! so matching the copy's bytes/s is the least to expect):
//! (a) the sum of a contiguous 64 MiB f32 array to a scalar,
//! (b) the sum along the last axis of a 4096x4096 f32 (64 MiB),
//! plus, for reference, the sum along the first axis of the same matrix
//! (the narrow mapping) and the sum of its transposed view to a scalar.
//!
//! Run with `cargo bench --bench reduce`. Every timed iteration waits for
//! the device (`synchronize`). On a software Vulkan driver only the ratios
//! within one run mean something.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ndgpu::{Array, Device};

const MIB: usize = 1024 * 1024;

fn reductions(c: &mut Criterion) {
    let dev = Device::new().expect("no device");
    println!("device: {}", dev.info().adapter);
    let bytes = 64 * MIB;
    let n = bytes / 4;
    // Small integers: row sums are exact, the total within an ulp or two.
    let host: Vec<f32> = (0..n).map(|k| (k % 7) as f32).collect();
    let flat = Array::from_slice(&dev, &host, &[n]).expect("upload");
    let square = flat.reshape(&[4096, 4096]).expect("reshape");
    let want: f64 = host.iter().map(|&x| x as f64).sum();
    let got = flat.sum(None, false).unwrap().item().unwrap() as f64;
    assert!((got - want).abs() <= 1e-6 * want, "sum {got}, exact {want}");
    assert_eq!(
        square.sum(Some(&[-1]), false).unwrap().to_vec().unwrap()[1],
        host[4096..8192].iter().sum::<f32>()
    );
    drop(host);
    dev.synchronize().expect("synchronize");

    let mut g = c.benchmark_group("reduce/64MiB_f32");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(4));
    g.bench_function("contiguous_copy", |b| {
        b.iter(|| {
            let c = black_box(&flat).copy().expect("copy");
            dev.synchronize().expect("synchronize");
            c
        })
    });
    g.bench_function("sum_to_scalar", |b| {
        b.iter(|| {
            let s = black_box(&flat).sum(None, false).expect("sum");
            dev.synchronize().expect("synchronize");
            s
        })
    });
    g.bench_function("sum_last_axis_4096x4096", |b| {
        b.iter(|| {
            let s = black_box(&square).sum(Some(&[-1]), false).expect("sum");
            dev.synchronize().expect("synchronize");
            s
        })
    });
    g.bench_function("sum_first_axis_4096x4096", |b| {
        b.iter(|| {
            let s = black_box(&square).sum(Some(&[0]), false).expect("sum");
            dev.synchronize().expect("synchronize");
            s
        })
    });
    let t = square.t();
    g.bench_function("sum_transposed_to_scalar", |b| {
        b.iter(|| {
            let s = black_box(&t).sum(None, false).expect("sum");
            dev.synchronize().expect("synchronize");
            s
        })
    });
    g.finish();
}

criterion_group!(benches, reductions);
criterion_main!(benches);
