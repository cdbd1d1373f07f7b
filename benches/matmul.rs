//! Matmul benchmarks, as ratios within one run: `a @ b` (C-contiguous) and
//! `a.t() @ b` (the transposed view read in place) at 256, 512 and 1024
//! f32, for `Auto` and each explicit kernel; throughput is reported in
//! FLOP/s (2 n^3 per product). `direct` is the kernel `Auto` ran on CPU
//! adapters before the vec4 kernel (issue 11's baseline: burn's autotuned
//! wgpu kernels were 1.6x faster than it at 1024^2 on lavapipe), so
//! `direct / auto` in one run is the speed-up to compare with that.
//! `auto/copy_then_matmul` is the alternative to reading a transposed view
//! in place: materialise it, then multiply.
//!
//! Run with `cargo bench --bench matmul`. On a software Vulkan driver only
//! the ratios within one run mean something. The tiled kernel (staged in
//! workgroup memory, for GPUs) is run at 256 only: on lavapipe it is ~4x
//! slower than the others and would dominate the run time.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ndgpu::{Array, Device, MatmulKernel, matmul_with};

fn kernels(n: usize) -> Vec<(&'static str, MatmulKernel)> {
    let mut v = vec![
        ("auto", MatmulKernel::Auto),
        ("direct", MatmulKernel::Direct),
    ];
    if n <= 256 {
        v.push(("tiled", MatmulKernel::Tiled));
    }
    v
}

fn square(c: &mut Criterion) {
    let dev = Device::new().expect("no device");
    println!("device: {}", dev.info().adapter);
    for n in [256usize, 512, 1024] {
        let data: Vec<f32> = (0..n * n)
            .map(|i| ((i * 37 + 11) % 17) as f32 - 8.0)
            .collect();
        let a = Array::from_slice(&dev, &data, &[n, n]).expect("upload");
        let b = Array::from_slice(&dev, &data, &[n, n]).expect("upload");
        let at = a.t();
        dev.synchronize().expect("synchronize");
        let mut g = c.benchmark_group(format!("matmul_f32/{n}"));
        g.throughput(Throughput::Elements(2 * (n as u64).pow(3)));
        g.sample_size(10);
        g.warm_up_time(Duration::from_secs(1));
        g.measurement_time(Duration::from_secs(if n >= 1024 { 6 } else { 2 }));
        for (kname, k) in kernels(n) {
            g.bench_function(format!("{kname}/c"), |bch| {
                bch.iter(|| {
                    let c = matmul_with(black_box(&a), &b, k).expect("matmul");
                    dev.synchronize().expect("synchronize");
                    c
                })
            });
            g.bench_function(format!("{kname}/view_t"), |bch| {
                bch.iter(|| {
                    let c = matmul_with(black_box(&at), &b, k).expect("matmul");
                    dev.synchronize().expect("synchronize");
                    c
                })
            });
        }
        g.bench_function("auto/copy_then_matmul", |bch| {
            bch.iter(|| {
                let t = black_box(&at).copy().expect("copy");
                let c = matmul_with(&t, &b, MatmulKernel::Auto).expect("matmul");
                dev.synchronize().expect("synchronize");
                c
            })
        });
        g.finish();
    }
}

criterion_group!(benches, square);
criterion_main!(benches);
