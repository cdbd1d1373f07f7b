//! Loading safetensors tensors and ndarray views onto the device, against
//! `Array::from_bytes` of the same bytes already in memory:
//! (a) `SafeTensorsFile::load` of a 16 MiB float32 tensor from a mapped
//! file (page cache warm) — target: within 1.2x of `from_bytes`;
//! (b) `load_slice` of 1/8 of its rows and of one stepped column — they
//! should cost about 1/8 of (a) and next to nothing;
//! (c) with `--features ndarray`: `from_ndarray` of a C array, of its
//! transpose (one block copy each, target: within 1.2x of `from_bytes`) and
//! of a stepped view (a host gather of half the elements first).
//!
//! Run with `cargo bench --bench safetensors [--features ndarray]`. On a
//! software Vulkan driver only the ratios within one run mean something.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ndgpu::io::{SafeTensorsFile, SafeTensorsWriter};
use ndgpu::{Array, Device, Order, s};

const N: usize = 2048;

fn bench(c: &mut Criterion) {
    let dev = Device::new().expect("a GPU adapter");
    let host: Vec<f32> = (0..N * N).map(|i| i as f32).collect();
    let bytes: Vec<u8> = host.iter().flat_map(|x| x.to_le_bytes()).collect();
    let w = Array::<f32>::from_slice(&dev, &host, [N, N]).unwrap();
    let path = std::env::temp_dir().join(format!("ndgpu-bench-{}.safetensors", std::process::id()));
    let mut out = SafeTensorsWriter::new();
    out.add("w", &w).unwrap();
    out.write(&path).unwrap();
    drop(w);
    let file = SafeTensorsFile::open(&path).unwrap();

    let mut g = c.benchmark_group("safetensors_16MiB_f32");
    g.throughput(Throughput::Bytes((N * N * 4) as u64));
    g.bench_function("from_bytes (in memory)", |b| {
        b.iter(|| {
            let a = Array::<f32>::from_bytes(&dev, &bytes, [N, N], Order::C).unwrap();
            dev.synchronize().unwrap();
            black_box(a)
        })
    });
    g.bench_function("load (mapped file)", |b| {
        b.iter(|| {
            let a = file.load::<f32>(&dev, "w").unwrap();
            dev.synchronize().unwrap();
            black_box(a)
        })
    });
    g.bench_function("load_slice 1/8 of the rows", |b| {
        b.iter(|| {
            let a = file.load_slice::<f32>(&dev, "w", s![..N / 8]).unwrap();
            dev.synchronize().unwrap();
            black_box(a)
        })
    });
    g.bench_function("load_slice one column, step 2", |b| {
        b.iter(|| {
            let a = file.load_slice::<f32>(&dev, "w", s![..;2, 7]).unwrap();
            dev.synchronize().unwrap();
            black_box(a)
        })
    });
    g.finish();

    #[cfg(feature = "ndarray")]
    {
        let nd = ndarray::Array2::from_shape_vec((N, N), host.clone()).unwrap();
        let mut g = c.benchmark_group("from_ndarray_16MiB_f32");
        g.throughput(Throughput::Bytes((N * N * 4) as u64));
        g.bench_function("from_bytes (baseline)", |b| {
            b.iter(|| {
                let a = Array::<f32>::from_bytes(&dev, &bytes, [N, N], Order::C).unwrap();
                dev.synchronize().unwrap();
                black_box(a)
            })
        });
        g.bench_function("C array", |b| {
            b.iter(|| {
                let a = Array::from_ndarray(&dev, &nd).unwrap();
                dev.synchronize().unwrap();
                black_box(a)
            })
        });
        g.bench_function("transposed view", |b| {
            b.iter(|| {
                let a = Array::from_ndarray(&dev, &nd.t()).unwrap();
                dev.synchronize().unwrap();
                black_box(a)
            })
        });
        g.bench_function("stepped view (half the columns)", |b| {
            let v = nd.slice(ndarray::s![.., ..;2]);
            b.iter(|| {
                let a = Array::from_ndarray(&dev, &v).unwrap();
                dev.synchronize().unwrap();
                black_box(a)
            })
        });
        g.finish();
    }
    drop(file);
    let _ = std::fs::remove_file(&path);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
