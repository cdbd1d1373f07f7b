//! Benchmarks of `.npy` files: `load_npy` of a 64 MiB float32 file from a
//! temporary file (the page cache warm after the first run) against
//! `Array::from_slice` of the same bytes already in memory, and `save_npy`
//! of the 64 MiB array. Each upload is followed by `synchronize`, so both
//! sides include the device copy.
//!
//! Run with `cargo bench --bench io_files -- --warm-up-time 1
//! --measurement-time 3`. On a software Vulkan driver only the ratios within
//! one run mean something.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ndgpu::{Array, Device, io};

const MIB: usize = 1024 * 1024;

fn npy(c: &mut Criterion) {
    let dev = Device::new().expect("no device");
    println!("device: {}", dev.info().adapter);
    let n = 64 * MIB / 4;
    let host: Vec<f32> = (0..n).map(|i| i as f32 * 0.5).collect();
    let a = Array::from_slice(&dev, &host, [n / 1024, 1024]).expect("from_slice");
    let dir = std::env::temp_dir().join(format!("ndgpu_bench_io_{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("a.npy");
    io::save_npy(&path, &a).expect("save_npy");

    let mut g = c.benchmark_group("npy_64MiB");
    g.throughput(Throughput::Bytes(64 * MIB as u64));
    g.sample_size(10);
    g.bench_function("load_npy", |b| {
        b.iter(|| {
            let x = io::load_npy::<f32>(&dev, &path).expect("load");
            dev.synchronize().expect("sync");
            black_box(x)
        })
    });
    g.bench_function("from_slice_in_memory", |b| {
        b.iter(|| {
            let x = Array::from_slice(&dev, &host, [n / 1024, 1024]).expect("from_slice");
            dev.synchronize().expect("sync");
            black_box(x)
        })
    });
    let out = dir.join("out.npy");
    g.bench_function("save_npy", |b| {
        b.iter(|| io::save_npy(&out, &a).expect("save"))
    });
    g.bench_function("to_bytes", |b| {
        b.iter(|| black_box(a.to_bytes().expect("to_bytes")))
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, npy);
criterion_main!(benches);
