//! Stride tricks and joins against the same work done through an explicit
//! contiguous copy first:
//! (a) a moving mean over 1M f32 (`sliding_window_view(x, w).mean(axis=-1)`,
//!     w = 3 and 16) read through the zero-copy window view, against the
//!     same mean of `ascontiguousarray` of the windows (w times the bytes);
//! (b) `concatenate([a.T, b.T])` of two transposed 2048x2048 f32 views,
//!     read in place, against concatenating their contiguous copies.
//!
//! Run with `cargo bench --bench windows`. Every timed iteration waits for
//! the device (`synchronize`). On a software Vulkan driver only the ratios
//! within one run mean something.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ndgpu::{Array, Device, concatenate};

fn windows(c: &mut Criterion) {
    let dev = Device::new().expect("no device");
    println!("device: {}", dev.info().adapter);
    let n = 1 << 20;
    let host: Vec<f32> = (0..n).map(|k| (k % 13) as f32).collect();
    let x = Array::from_slice(&dev, &host, [n]).expect("upload");
    for w in [3usize, 16] {
        // Both paths agree (NumPy's moving mean of the same data).
        let view = x.sliding_window_view([w], None).expect("windows");
        let a = view.mean(Some(&[-1]), false).unwrap().to_vec().unwrap();
        let b = view
            .ascontiguousarray()
            .unwrap()
            .mean(Some(&[-1]), false)
            .unwrap()
            .to_vec()
            .unwrap();
        assert_eq!(a, b);
        let want: f32 = host[..w].iter().sum::<f32>() / w as f32;
        assert!((a[0] - want).abs() <= 1e-5 * want.abs().max(1.0));

        let mut g = c.benchmark_group(format!("moving_mean/1M_f32_window_{w}"));
        g.sample_size(10);
        g.warm_up_time(Duration::from_secs(1));
        g.measurement_time(Duration::from_secs(4));
        g.bench_function("window_view", |b| {
            b.iter(|| {
                let v = black_box(&x).sliding_window_view([w], None).expect("view");
                let m = v.mean(Some(&[-1]), false).expect("mean");
                dev.synchronize().expect("synchronize");
                m
            })
        });
        g.bench_function("contiguous_copy_of_windows", |b| {
            b.iter(|| {
                let v = black_box(&x).sliding_window_view([w], None).expect("view");
                let m = v
                    .ascontiguousarray()
                    .expect("copy")
                    .mean(Some(&[-1]), false)
                    .expect("mean");
                dev.synchronize().expect("synchronize");
                m
            })
        });
        g.finish();
    }

    let m = 2048usize;
    let a = Array::<f32>::arange(&dev, 0.0, (m * m) as f32, 1.0)
        .unwrap()
        .reshape([m as isize, m as isize])
        .unwrap();
    let b = (&a * 2.0).unwrap();
    let (at, bt) = (a.t(), b.t());
    let direct = concatenate(&[&at, &bt], 0).unwrap();
    let staged = concatenate(
        &[
            at.ascontiguousarray().unwrap(),
            bt.ascontiguousarray().unwrap(),
        ],
        0,
    )
    .unwrap();
    assert_eq!(
        direct.ascontiguousarray().unwrap().to_vec().unwrap(),
        staged.to_vec().unwrap()
    );
    dev.synchronize().expect("synchronize");
    let mut g = c.benchmark_group("concatenate/two_transposed_2048x2048_f32");
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(4));
    g.bench_function("read_in_place", |bch| {
        bch.iter(|| {
            let r = concatenate(&[black_box(&at), black_box(&bt)], 0).expect("concatenate");
            dev.synchronize().expect("synchronize");
            r
        })
    });
    g.bench_function("contiguous_copies_first", |bch| {
        bch.iter(|| {
            let parts = [
                black_box(&at).ascontiguousarray().expect("copy"),
                black_box(&bt).ascontiguousarray().expect("copy"),
            ];
            let r = concatenate(&parts, 0).expect("concatenate");
            dev.synchronize().expect("synchronize");
            r
        })
    });
    g.finish();
}

criterion_group!(benches, windows);
criterion_main!(benches);
