//! Memory-mapped files to the device:
//! (a) uploading a stepped view (every 8th row of a 64 MiB float32 file)
//!     against uploading the whole file's view: only the touched rows
//!     move, so the ratio should be near 1/8;
//! (b) the out-of-core sum of the same 64 MiB file with a 16 MiB budget,
//!     against the in-memory `Array::sum` of the same bytes already on the
//!     device and against `from_slice` + `sum` from a host vector.
//!
//! Run with `cargo bench --bench memmap`. Every timed iteration waits for
//! the device. On a software Vulkan driver only the ratios within one run
//! mean something. The file lives in the temporary directory and is
//! deleted at the end (the page cache holds it after the first pass, so
//! this measures memory-to-device, not disk, bandwidth).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ndgpu::io::{MapMode, Memmap, OutOfCore};
use ndgpu::{Array, Device, Order, s};

const MIB: usize = 1024 * 1024;
const COLS: usize = 1024;

fn memmap(c: &mut Criterion) {
    let dev = Device::new().expect("no device");
    println!("device: {}", dev.info().adapter);
    let bytes = 64 * MIB;
    let rows = bytes / 4 / COLS;
    let path = std::env::temp_dir().join(format!("ndgpu_bench_memmap_{}.f32", std::process::id()));
    // Small integers: sums are exact in float32 chunk by chunk, and the
    // total within an ulp or two.
    let host: Vec<f32> = (0..rows * COLS).map(|k| (k % 7) as f32).collect();
    {
        let mm = Memmap::<f32>::open(&path, MapMode::Create, [rows, COLS], Order::C, 0).unwrap();
        mm.copy_from_slice(&host).unwrap();
        mm.flush().unwrap();
    }
    let mm = Memmap::<f32>::open(&path, MapMode::ReadOnly, [rows, COLS], Order::C, 0).unwrap();
    let stepped = mm.slice(s![..;8]).unwrap();
    let want: f64 = host.iter().map(|&x| x as f64).sum();
    let budget = 16 * MIB as u64;
    {
        let mut ooc = OutOfCore::new(&dev, budget);
        let got = ooc.sum(&mm, None).unwrap().item().unwrap() as f64;
        assert!((got - want).abs() <= 1e-6 * want, "sum {got}, exact {want}");
        let st = ooc.stats();
        println!(
            "out of core: {} chunks of {} rows, peak {} of a {budget}-byte budget",
            st.chunks, st.rows_per_chunk, st.peak_device_bytes
        );
        assert!(st.peak_device_bytes <= budget);
    }

    let mut g = c.benchmark_group("memmap/upload_64MiB_f32");
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(4));
    g.bench_function("whole_file", |b| {
        b.iter(|| {
            let a = black_box(&mm).to_device(&dev).expect("upload");
            dev.synchronize().expect("synchronize");
            a
        })
    });
    g.bench_function("every_8th_row", |b| {
        b.iter(|| {
            let a = black_box(&stepped).to_device(&dev).expect("upload");
            dev.synchronize().expect("synchronize");
            a
        })
    });
    g.finish();

    let on_device = Array::from_slice(&dev, &host, [rows, COLS]).unwrap();
    let mut g = c.benchmark_group("memmap/sum_64MiB_f32");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(4));
    g.bench_function("out_of_core_16MiB_budget", |b| {
        b.iter(|| {
            OutOfCore::new(&dev, budget)
                .sum(black_box(&mm), None)
                .expect("sum")
                .item()
                .expect("item")
        })
    });
    g.bench_function("in_memory_sum", |b| {
        b.iter(|| {
            black_box(&on_device)
                .sum(None, false)
                .expect("sum")
                .item()
                .expect("item")
        })
    });
    g.bench_function("from_slice_then_sum", |b| {
        b.iter(|| {
            Array::from_slice(&dev, black_box(&host), [rows, COLS])
                .expect("upload")
                .sum(None, false)
                .expect("sum")
                .item()
                .expect("item")
        })
    });
    g.finish();
    drop((mm, stepped));
    let _ = std::fs::remove_file(&path);
}

criterion_group!(benches, memmap);
criterion_main!(benches);
