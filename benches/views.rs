//! Benchmarks of view creation (slice, transpose, broadcast_to, reshape)
//! against `copy()` of the same f32 array, from 1 KiB to 64 MiB: a view
//! should cost the same at every size (target: under 200 ns) and allocate
//! no device memory, while a copy grows with the bytes.
//!
//! Run with `cargo bench --bench views`. On a software Vulkan driver only
//! the ratios within one run mean something.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ndgpu::{Array, Device, s};

const KIB: usize = 1024;
const MIB: usize = 1024 * KIB;
const SIZES: [(usize, &str); 5] = [
    (KIB, "1KiB"),
    (64 * KIB, "64KiB"),
    (MIB, "1MiB"),
    (16 * MIB, "16MiB"),
    (64 * MIB, "64MiB"),
];
/// Row length of the 2-D test arrays, so that transpose and a strided slice
/// have two real axes to work on at every size (1 KiB is one row).
const COLS: usize = 256;

/// Makes every view the benchmark times and checks, outside any timed
/// region, that none of them allocated device memory: a view is a new
/// descriptor over the parent's buffer, nothing more.
fn check_views_allocate_nothing(dev: &Device, a: &Array<f32>, label: &str) {
    let before = (dev.allocated_bytes(), dev.allocated_buffers());
    let views = [
        a.slice(&s![1..;2, ..]).expect("slice"),
        a.t(),
        a.broadcast_to(&[4, a.shape()[0], COLS])
            .expect("broadcast_to"),
        a.reshape(&[-1]).expect("reshape"),
    ];
    let after = (dev.allocated_bytes(), dev.allocated_buffers());
    assert_eq!(
        before, after,
        "creating views of a {label} array allocated device memory: (bytes, buffers) {before:?} -> {after:?}"
    );
    assert!(
        views.iter().all(|v| v.same_buffer(a)),
        "a view of the {label} array does not share its buffer"
    );
    println!(
        "views of {label}: slice, transpose, broadcast_to, reshape allocated no device memory ({} bytes, {} buffers before and after)",
        after.0, after.1
    );
}

fn views(c: &mut Criterion) {
    let dev = Device::new().expect("no device");
    println!("device: {}", dev.info().adapter);
    for (bytes, label) in SIZES {
        let rows = bytes / 4 / COLS;
        let a = Array::<f32>::zeros(&dev, &[rows, COLS]).expect("zeros");
        check_views_allocate_nothing(&dev, &a, label);

        let mut g = c.benchmark_group(format!("views/{label}"));
        g.throughput(Throughput::Bytes(bytes as u64));
        g.sample_size(10);
        g.warm_up_time(Duration::from_secs(1));
        g.measurement_time(Duration::from_secs(2));
        // Views submit no device work, so there is nothing to synchronise:
        // the timed region is the descriptor arithmetic alone (the check
        // above shows no buffer is made).
        g.bench_function("slice", |b| {
            b.iter(|| black_box(&a).slice(&s![1..;2, ..]).expect("slice"))
        });
        g.bench_function("transpose", |b| b.iter(|| black_box(&a).t()));
        g.bench_function("broadcast_to", |b| {
            b.iter(|| {
                black_box(&a)
                    .broadcast_to(&[4, rows, COLS])
                    .expect("broadcast_to")
            })
        });
        g.bench_function("reshape", |b| {
            b.iter(|| black_box(&a).reshape(&[-1]).expect("reshape"))
        });
        // A copy is device work: the timed region waits for it to finish.
        g.bench_function("copy", |b| {
            b.iter(|| {
                let c = black_box(&a).copy().expect("copy");
                dev.synchronize().expect("synchronize");
                c
            })
        });
        g.finish();
    }
}

criterion_group!(benches, views);
criterion_main!(benches);
