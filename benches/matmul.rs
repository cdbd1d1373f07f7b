//! Matmul benchmarks: `a.t() @ b` reading the transposed view in place
//! against `a.t().copy() @ b` on a materialised transpose (target: the view
//! at least 0.9x the copy's throughput), at 512 and 1024 f32, for each
//! kernel; throughput is reported in FLOP/s (2 n^3 per product).
//!
//! Run with `cargo bench --bench matmul`. On a software Vulkan driver only
//! the ratios within one run mean something.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ndgpu::{Array, Device, MatmulKernel, matmul_with};

fn transposed_vs_copied(c: &mut Criterion) {
    let dev = Device::new().expect("no device");
    println!("device: {}", dev.info().adapter);
    for n in [512usize, 1024] {
        let data: Vec<f32> = (0..n * n)
            .map(|i| ((i * 37 + 11) % 17) as f32 - 8.0)
            .collect();
        let a = Array::from_slice(&dev, &data, &[n, n]).expect("upload");
        let b = Array::from_slice(&dev, &data, &[n, n]).expect("upload");
        let at = a.t();
        let at_copy = at.copy().expect("copy");
        dev.synchronize().expect("synchronize");
        let mut g = c.benchmark_group(format!("matmul_f32/{n}"));
        g.throughput(Throughput::Elements(2 * (n as u64).pow(3)));
        g.sample_size(10);
        g.warm_up_time(Duration::from_secs(1));
        g.measurement_time(Duration::from_secs(if n >= 1024 { 8 } else { 3 }));
        for (kname, k) in [
            ("auto", MatmulKernel::Auto),
            ("direct", MatmulKernel::Direct),
            ("tiled", MatmulKernel::Tiled),
        ] {
            g.bench_function(format!("{kname}/view_t"), |bch| {
                bch.iter(|| {
                    let c = matmul_with(black_box(&at), &b, k).expect("matmul");
                    dev.synchronize().expect("synchronize");
                    c
                })
            });
            g.bench_function(format!("{kname}/copied_t"), |bch| {
                bch.iter(|| {
                    let c = matmul_with(black_box(&at_copy), &b, k).expect("matmul");
                    dev.synchronize().expect("synchronize");
                    c
                })
            });
        }
        // The alternative to reading in place: materialise, then multiply.
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

criterion_group!(benches, transposed_vs_copied);
criterion_main!(benches);
