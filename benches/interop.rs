//! The buffer protocol against the ways around it, for a 16 MiB float32
//! array handed between ndgpu and a wgpu application on one device:
//! (a) zero-copy: `wgpu_binding` of ndgpu's array plus `from_wgpu_buffer`
//! of the application's buffer (descriptor work only: the target is that
//! it costs microseconds whatever the size), against (b) a device copy
//! into a new buffer (`copy()`, what an API without buffer sharing needs
//! at best) and (c) a trip through the host (`to_vec` + `from_slice`).
//!
//! Run with `cargo bench --bench interop`. On a software Vulkan driver only
//! the ratios within one run mean something.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ndgpu::{Array, Device};

const N: usize = 4 * 1024 * 1024; // 16 MiB of f32

fn bench(c: &mut Criterion) {
    let dev = Device::new().expect("a GPU adapter");
    let x = Array::<f32>::arange(&dev, 0.0, N as f32, 1.0).unwrap();
    let app = dev.wgpu().0.create_buffer(&wgpu::BufferDescriptor {
        label: Some("application buffer"),
        size: (N * 4) as u64,
        usage: wgpu::BufferUsages::STORAGE
            | wgpu::BufferUsages::COPY_SRC
            | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    });
    dev.synchronize().unwrap();

    let mut g = c.benchmark_group("handoff 16 MiB f32");
    g.throughput(Throughput::Bytes((N * 4) as u64));
    g.bench_function("zero-copy: wgpu_binding + from_wgpu_buffer", |b| {
        b.iter(|| {
            let binding = x.wgpu_binding().unwrap();
            black_box(binding.size);
            let y = Array::<f32>::from_wgpu_buffer(&dev, app.clone(), [N], None, 0).unwrap();
            black_box(y.buffer_id())
        })
    });
    g.bench_function("device copy: copy() + synchronize", |b| {
        b.iter(|| {
            let y = x.copy().unwrap();
            dev.synchronize().unwrap();
            black_box(y.buffer_id())
        })
    });
    g.bench_function("host trip: to_vec + from_slice + synchronize", |b| {
        b.iter(|| {
            let v = x.to_vec().unwrap();
            let y = Array::from_slice(&dev, &v, [N]).unwrap();
            dev.synchronize().unwrap();
            black_box(y.buffer_id())
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
