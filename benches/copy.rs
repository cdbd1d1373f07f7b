//! Benchmarks of ndgpu's copies against plain wgpu on the same device:
//! (a) contiguous `copy()` against a raw `copy_buffer_to_buffer` (target:
//! ours at least 0.9x raw throughput), (b) the strided copy of a transposed
//! 4096x4096 f32 against the contiguous copy of the same bytes and against a
//! naive hand-written WGSL transpose, (c) `to_vec` of a contiguous against a
//! transposed 1024x1024.
//!
//! Run with `cargo bench --bench copy`. On a software Vulkan driver only the
//! ratios within one run mean something.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ndgpu::{Array, Device};

const MIB: usize = 1024 * 1024;

/// The raw path does what `copy()` has to do: a new buffer of the same size
/// and usages (allocation is part of a copy), one buffer-to-buffer copy, a
/// submit and a wait. It skips ndgpu's error scopes and bookkeeping, which
/// is exactly the overhead this comparison is meant to expose.
fn raw_copy(dev: &Device, src: &wgpu::Buffer, bytes: u64) -> wgpu::Buffer {
    let (d, q) = dev.wgpu();
    let dst = d.create_buffer(&wgpu::BufferDescriptor {
        label: Some("raw copy"),
        size: bytes,
        usage: wgpu::BufferUsages::STORAGE
            | wgpu::BufferUsages::COPY_SRC
            | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    });
    let mut enc = d.create_command_encoder(&wgpu::CommandEncoderDescriptor {
        label: Some("raw copy"),
    });
    enc.copy_buffer_to_buffer(src, 0, &dst, 0, bytes);
    q.submit([enc.finish()]);
    d.poll(wgpu::PollType::wait_indefinitely()).expect("poll");
    dst
}

fn contiguous(c: &mut Criterion) {
    let dev = Device::new().expect("no device");
    println!("device: {}", dev.info().adapter);
    for (bytes, label) in [(MIB, "1MiB"), (16 * MIB, "16MiB"), (64 * MIB, "64MiB")] {
        let a = Array::<f32>::arange(&dev, 0.0, (bytes / 4) as f32, 1.0).expect("arange");
        dev.synchronize().expect("synchronize");
        let mut g = c.benchmark_group(format!("copy_contiguous/{label}"));
        g.throughput(Throughput::Bytes(bytes as u64));
        g.sample_size(10);
        g.warm_up_time(Duration::from_secs(1));
        g.measurement_time(Duration::from_secs(3));
        g.bench_function("ndgpu_copy", |b| {
            b.iter(|| {
                let c = black_box(&a).copy().expect("copy");
                dev.synchronize().expect("synchronize");
                c
            })
        });
        g.bench_function("raw_wgpu", |b| {
            b.iter(|| raw_copy(&dev, black_box(a.wgpu_buffer()), bytes as u64))
        });
        g.finish();
    }
}

/// The reference transpose: one invocation per output element, reads
/// strided, writes contiguous. Deliberately naive (no shared-memory tiling).
const TRANSPOSE_WGSL: &str = r#"
struct Params { n: u32 }
@group(0) @binding(0) var<storage, read> src: array<u32>;
@group(0) @binding(1) var<storage, read_write> dst: array<u32>;
@group(0) @binding(2) var<uniform> params: Params;

@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let n = params.n;
    if (gid.x >= n || gid.y >= n) {
        return;
    }
    dst[gid.y * n + gid.x] = src[gid.x * n + gid.y];
}
"#;

struct NaiveTranspose {
    pipeline: wgpu::ComputePipeline,
    params: wgpu::Buffer,
    n: u32,
}

impl NaiveTranspose {
    fn new(dev: &Device, n: u32) -> Self {
        use wgpu::util::DeviceExt;
        let (d, _) = dev.wgpu();
        let module = d.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("naive transpose"),
            source: wgpu::ShaderSource::Wgsl(TRANSPOSE_WGSL.into()),
        });
        let pipeline = d.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
            label: Some("naive transpose"),
            layout: None,
            module: &module,
            entry_point: Some("main"),
            compilation_options: Default::default(),
            cache: None,
        });
        let params = d.create_buffer_init(&wgpu::util::BufferInitDescriptor {
            label: Some("naive transpose n"),
            contents: bytemuck::bytes_of(&[n, 0u32, 0, 0]),
            usage: wgpu::BufferUsages::UNIFORM,
        });
        NaiveTranspose {
            pipeline,
            params,
            n,
        }
    }

    /// Transposes the n x n matrix in `src` into a new buffer and waits,
    /// allocating its output as `copy()` does.
    fn run(&self, dev: &Device, src: &wgpu::Buffer) -> wgpu::Buffer {
        let (d, q) = dev.wgpu();
        let bytes = self.n as u64 * self.n as u64 * 4;
        let dst = d.create_buffer(&wgpu::BufferDescriptor {
            label: Some("naive transpose out"),
            size: bytes,
            usage: wgpu::BufferUsages::STORAGE
                | wgpu::BufferUsages::COPY_SRC
                | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let bg = d.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("naive transpose"),
            layout: &self.pipeline.get_bind_group_layout(0),
            entries: &[
                wgpu::BindGroupEntry {
                    binding: 0,
                    resource: src.as_entire_binding(),
                },
                wgpu::BindGroupEntry {
                    binding: 1,
                    resource: dst.as_entire_binding(),
                },
                wgpu::BindGroupEntry {
                    binding: 2,
                    resource: self.params.as_entire_binding(),
                },
            ],
        });
        let mut enc = d.create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("naive transpose"),
        });
        {
            let mut pass = enc.begin_compute_pass(&wgpu::ComputePassDescriptor {
                label: Some("naive transpose"),
                timestamp_writes: None,
            });
            pass.set_pipeline(&self.pipeline);
            pass.set_bind_group(0, &bg, &[]);
            let groups = self.n.div_ceil(16);
            pass.dispatch_workgroups(groups, groups, 1);
        }
        q.submit([enc.finish()]);
        d.poll(wgpu::PollType::wait_indefinitely()).expect("poll");
        dst
    }
}

/// Reads a raw wgpu buffer back to the host (the reference path has no
/// ndgpu array to call `to_vec` on).
fn read_raw(dev: &Device, src: &wgpu::Buffer, bytes: u64) -> Vec<f32> {
    let (d, q) = dev.wgpu();
    let staging = d.create_buffer(&wgpu::BufferDescriptor {
        label: Some("raw readback"),
        size: bytes,
        usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    });
    let mut enc = d.create_command_encoder(&wgpu::CommandEncoderDescriptor {
        label: Some("raw readback"),
    });
    enc.copy_buffer_to_buffer(src, 0, &staging, 0, bytes);
    q.submit([enc.finish()]);
    staging.map_async(wgpu::MapMode::Read, .., |r| r.expect("map"));
    d.poll(wgpu::PollType::wait_indefinitely()).expect("poll");
    let out = bytemuck::pod_collect_to_vec(&staging.get_mapped_range(..).expect("mapped range"));
    staging.unmap();
    out
}

/// An n x n f32 matrix holding `0, 1, 2, ..` in C order (uploaded, so that
/// the benchmarks do not depend on `reshape`).
fn square(dev: &Device, n: usize) -> Array<f32> {
    let host: Vec<f32> = (0..n * n).map(|x| x as f32).collect();
    Array::from_slice(dev, &host, &[n, n]).expect("from_slice")
}

fn transposed(c: &mut Criterion) {
    let dev = Device::new().expect("no device");
    const N: usize = 4096;
    let bytes = (N * N * 4) as u64;
    let a = square(&dev, N);
    let at = a.t();
    let naive = NaiveTranspose::new(&dev, N as u32);

    // Ours and the reference must compute the same thing, or the
    // comparison is meaningless: check a few elements of both once.
    let ours = at.copy().expect("copy").to_vec().expect("to_vec");
    let reference = read_raw(&dev, &naive.run(&dev, a.wgpu_buffer()), bytes);
    for &(i, j) in &[(0, 1), (1, 0), (17, 4000), (4095, 4094)] {
        let want = (j * N + i) as f32;
        assert_eq!(ours[i * N + j], want, "a.T.copy()[{i}, {j}]");
        assert_eq!(reference[i * N + j], want, "naive transpose [{i}, {j}]");
    }
    println!(
        "transposed {N}x{N} f32: a.T.copy() and the naive kernel checked against a[j, i]; storage binding limit {} bytes",
        dev.info().max_storage_buffer_binding_size
    );
    drop((ours, reference));

    let mut g = c.benchmark_group("copy_transposed/4096x4096");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("contiguous_copy", |b| {
        b.iter(|| {
            let c = black_box(&a).copy().expect("copy");
            dev.synchronize().expect("synchronize");
            c
        })
    });
    g.bench_function("transposed_copy", |b| {
        b.iter(|| {
            let c = black_box(&at).copy().expect("copy");
            dev.synchronize().expect("synchronize");
            c
        })
    });
    if dev.info().max_storage_buffer_binding_size >= bytes {
        g.bench_function("naive_wgsl_transpose", |b| {
            b.iter(|| naive.run(&dev, black_box(a.wgpu_buffer())))
        });
    } else {
        println!("naive WGSL transpose skipped: {bytes} bytes exceed the storage binding limit");
    }
    g.finish();
}

fn readback(c: &mut Criterion) {
    let dev = Device::new().expect("no device");
    const N: usize = 1024;
    let a = square(&dev, N);
    let at = a.t();
    let mut g = c.benchmark_group("to_vec/1024x1024");
    g.throughput(Throughput::Bytes((N * N * 4) as u64));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(3));
    // to_vec waits for the device itself: it returns host data.
    g.bench_function("contiguous", |b| {
        b.iter(|| black_box(&a).to_vec().expect("to_vec"))
    });
    g.bench_function("transposed", |b| {
        b.iter(|| black_box(&at).to_vec().expect("to_vec"))
    });
    g.finish();
}

criterion_group!(benches, contiguous, transposed, readback);
criterion_main!(benches);
