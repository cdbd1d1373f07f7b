//! Benchmarks of advanced indexing, as ratios within one run:
//! (a) gather `x[idx]` of 4M f32 by a sorted and by a random int64 index
//! array (device indices, checked on the device) against a contiguous copy
//! of the same 16 MiB; (b) scatter `x[idx] = v` of 4M f32 without and with
//! duplicate indices (device indices: winner pass + write pass), and with
//! host indices known distinct (one pass); (c) `add_at` of 4M values into
//! 1024 bins (many duplicates), int32 (atomicAdd) and float32
//! (compare-exchange loop).
//!
//! Run with `cargo bench --bench indexing`. On a software Vulkan driver
//! only the ratios within one run mean something.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ndgpu::{Array, Device, idx};

const N: usize = 1 << 22;

/// A deterministic permutation of `0..n` and `n` random values in `0..m`.
fn random(n: usize, m: usize, seed: u64) -> (Vec<i64>, Vec<i64>) {
    let mut s = seed;
    let mut next = || {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (s >> 33) as usize
    };
    let mut perm: Vec<i64> = (0..n as i64).collect();
    for i in (1..n).rev() {
        perm.swap(i, next() % (i + 1));
    }
    let draws = (0..n).map(|_| (next() % m) as i64).collect();
    (perm, draws)
}

fn indexing(c: &mut Criterion) {
    let dev = Device::new().expect("no device");
    println!("device: {}", dev.info().adapter);
    let x = Array::<f32>::arange(&dev, 0.0, N as f32, 1.0).expect("arange");
    let (perm, draws) = random(N, N, 7);
    let sorted = Array::<i64>::arange(&dev, 0, N as i64, 1).expect("arange");
    let shuffled = Array::from_slice(&dev, &perm, [N]).expect("upload");
    let dups = Array::from_slice(&dev, &draws, [N]).expect("upload");
    let (_, bins) = random(N, 1024, 11);
    let bins = Array::from_slice(&dev, &bins, [N]).expect("upload");
    let v = Array::<f32>::ones(&dev, [N]).expect("ones");
    let vi = Array::<i32>::ones(&dev, [N]).expect("ones");
    dev.synchronize().expect("synchronize");

    let mut g = c.benchmark_group("gather_4M_f32");
    g.throughput(Throughput::Bytes((N * 4) as u64));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("contiguous_copy", |b| {
        b.iter(|| {
            let y = black_box(&x).copy().expect("copy");
            dev.synchronize().expect("synchronize");
            y
        })
    });
    g.bench_function("sorted_index", |b| {
        b.iter(|| {
            let y = black_box(&x).index(idx![&sorted]).expect("index");
            dev.synchronize().expect("synchronize");
            y
        })
    });
    g.bench_function("random_index", |b| {
        b.iter(|| {
            let y = black_box(&x).index(idx![&shuffled]).expect("index");
            dev.synchronize().expect("synchronize");
            y
        })
    });
    g.finish();

    let mut g = c.benchmark_group("scatter_4M_f32");
    g.throughput(Throughput::Bytes((N * 4) as u64));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(3));
    let y = Array::<f32>::zeros(&dev, [N]).expect("zeros");
    g.bench_function("contiguous_copy", |b| {
        b.iter(|| {
            y.assign(black_box(&v)).expect("assign");
            dev.synchronize().expect("synchronize");
        })
    });
    g.bench_function("device_no_duplicates", |b| {
        b.iter(|| {
            y.index_assign(idx![&shuffled], black_box(&v))
                .expect("scatter");
            dev.synchronize().expect("synchronize");
        })
    });
    g.bench_function("device_duplicates", |b| {
        b.iter(|| {
            y.index_assign(idx![&dups], black_box(&v)).expect("scatter");
            dev.synchronize().expect("synchronize");
        })
    });
    g.bench_function("host_distinct", |b| {
        b.iter(|| {
            y.index_assign(idx![&perm], black_box(&v)).expect("scatter");
            dev.synchronize().expect("synchronize");
        })
    });
    g.finish();

    let mut g = c.benchmark_group("add_at_4M_into_1024");
    g.throughput(Throughput::Bytes((N * 4) as u64));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(3));
    let hi = Array::<i32>::zeros(&dev, [1024]).expect("zeros");
    let hf = Array::<f32>::zeros(&dev, [1024]).expect("zeros");
    g.bench_function("contiguous_copy", |b| {
        b.iter(|| {
            let y = black_box(&v).copy().expect("copy");
            dev.synchronize().expect("synchronize");
            y
        })
    });
    g.bench_function("i32_atomic_add", |b| {
        b.iter(|| {
            hi.add_at(idx![&bins], black_box(&vi)).expect("add_at");
            dev.synchronize().expect("synchronize");
        })
    });
    g.bench_function("f32_compare_exchange", |b| {
        b.iter(|| {
            hf.add_at(idx![&bins], black_box(&v)).expect("add_at");
            dev.synchronize().expect("synchronize");
        })
    });
    g.finish();
}

criterion_group!(benches, indexing);
criterion_main!(benches);
