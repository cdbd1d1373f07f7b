//! Reduction throughput against a contiguous `copy()` of the same bytes
//! (a copy reads and writes every byte once; a reduction only reads them,
//! so matching the copy's bytes/s is the least to expect), at two sizes:
//! 1M f32 (4 MiB, 1024x1024) and 16M f32 (64 MiB, 4096x4096):
//! (a) the sum of the contiguous array to a scalar,
//! (b) the sum along the last axis of the square matrix (rows),
//! (c) the sum along its first axis (columns),
//! (d) the sum of its transposed view to a scalar;
//! (e) (a) and (b) on a device with `Tuning::Gpu`, the work mapping a GPU
//! gets (interleaved short lanes, 16-byte loads), against the default one
//! of a CPU adapter (lanes walking contiguous runs, 32-byte loads);
//! (f) `(a * b).sum()` to a scalar and along the rows, the product a
//! dropped temporary, so the chain fuses into the reduction's load,
//! against the same on a device with fusion off (the product stored by
//! its own kernel, then read by the reduction).
//!
//! Run with `cargo bench --bench reduce`. Every timed iteration waits for
//! the device (`synchronize`). On a software Vulkan driver only the ratios
//! within one run mean something: compare each row with `contiguous_copy`
//! of the same group.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ndgpu::{Array, Device, DeviceOptions, Tuning};

fn group(c: &mut Criterion, dev: &Device, gpu: &Device, side: usize) {
    let n = side * side;
    let bytes = n * 4;
    // Small integers: row sums are exact, the total within an ulp or two.
    let host: Vec<f32> = (0..n).map(|k| (k % 7) as f32).collect();
    let flat = Array::from_slice(dev, &host, [n]).expect("upload");
    let square = flat
        .reshape([side as isize, side as isize])
        .expect("reshape");
    let want: f64 = host.iter().map(|&x| x as f64).sum();
    let got = flat.sum(None, false).unwrap().item().unwrap() as f64;
    assert!((got - want).abs() <= 1e-6 * want, "sum {got}, exact {want}");
    assert_eq!(
        square.sum(Some(&[-1]), false).unwrap().to_vec().unwrap()[1],
        host[side..2 * side].iter().sum::<f32>()
    );
    assert_eq!(
        square.sum(Some(&[0]), false).unwrap().to_vec().unwrap()[3],
        (0..side).map(|r| host[r * side + 3]).sum::<f32>()
    );
    let got = square.t().sum(None, false).unwrap().item().unwrap() as f64;
    assert!(
        (got - want).abs() <= 1e-6 * want,
        "sum.T {got}, exact {want}"
    );
    let flat_g = Array::from_slice(gpu, &host, [n]).expect("upload");
    let square_g = flat_g
        .reshape([side as isize, side as isize])
        .expect("reshape");
    drop(host);
    dev.synchronize().expect("synchronize");

    let mut g = c.benchmark_group(format!("reduce/{side}x{side}_f32"));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(if side > 2048 { 10 } else { 30 });
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(if side > 2048 { 4 } else { 2 }));
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
    g.bench_function("sum_last_axis", |b| {
        b.iter(|| {
            let s = black_box(&square).sum(Some(&[-1]), false).expect("sum");
            dev.synchronize().expect("synchronize");
            s
        })
    });
    g.bench_function("sum_first_axis", |b| {
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
    for (name, a, axes) in [
        ("sum_to_scalar_gpu_tuned", &flat_g, None),
        ("sum_last_axis_gpu_tuned", &square_g, Some(&[-1isize][..])),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let s = black_box(a).sum(axes, false).expect("sum");
                gpu.synchronize().expect("synchronize");
                s
            })
        });
    }
    g.finish();
}

/// (f): a fused `(a * b).sum(..)` against one with fusion off.
fn fused_group(c: &mut Criterion, dev: &Device, eager: &Device, side: usize) {
    let n = side * side;
    let host: Vec<f32> = (0..n).map(|k| (k % 7) as f32).collect();
    let mut g = c.benchmark_group(format!("fused_reduce/{side}x{side}_f32"));
    g.throughput(Throughput::Bytes(2 * n as u64 * 4));
    g.sample_size(if side > 2048 { 10 } else { 30 });
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(if side > 2048 { 4 } else { 2 }));
    for (name, d) in [("fused", dev), ("fusion_off", eager)] {
        let a = Array::from_slice(d, &host, [side, side]).expect("upload");
        let b = Array::from_slice(d, &host, [side, side]).expect("upload");
        let want: f32 = host[side..2 * side].iter().map(|x| x * x).sum();
        let got = (&a * &b).unwrap().sum(Some(&[1]), false).unwrap();
        assert_eq!(got.to_vec().unwrap()[1], want);
        d.synchronize().expect("synchronize");
        g.bench_function(format!("sum_of_product_to_scalar_{name}"), |bn| {
            bn.iter(|| {
                let s = (black_box(&a) * &b)
                    .expect("mul")
                    .sum(None, false)
                    .expect("sum");
                d.synchronize().expect("synchronize");
                s
            })
        });
        g.bench_function(format!("sum_of_product_last_axis_{name}"), |bn| {
            bn.iter(|| {
                let s = (black_box(&a) * &b)
                    .expect("mul")
                    .sum(Some(&[-1]), false)
                    .expect("sum");
                d.synchronize().expect("synchronize");
                s
            })
        });
    }
    g.finish();
}

fn reductions(c: &mut Criterion) {
    let dev = Device::new().expect("no device");
    println!("device: {}", dev.info().adapter);
    let gpu = Device::with_options(DeviceOptions {
        tuning: Tuning::Gpu,
        ..Default::default()
    })
    .expect("no device");
    group(c, &dev, &gpu, 1024);
    group(c, &dev, &gpu, 4096);
    let eager = Device::with_options(DeviceOptions {
        disable_fusion: true,
        ..Default::default()
    })
    .expect("no device");
    fused_group(c, &dev, &eager, 1024);
    fused_group(c, &dev, &eager, 4096);
}

criterion_group!(benches, reductions);
criterion_main!(benches);
