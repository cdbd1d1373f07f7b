//! Benchmarks of element-wise operations, as ratios within one run:
//! (a) `a + b` on contiguous f32 arrays against a hand-written vec4 WGSL
//! kernel on the same device (target: at least 0.9x its throughput), and
//! on a device with `Tuning::Gpu` (16-byte loads, what a GPU gets, against
//! the 32-byte loads a CPU adapter with 64-bit integers gets by default);
//! (b) an op on a transposed view against `ascontiguousarray` then the op
//! (target: the view is faster), both for `a.T * 2` and for `a.T + b`, and
//! `a.T + b` against `a + b` on C-contiguous operands (target: within
//! ~1.2x), for 1024^2, 2048^2 and 4096^2 float32;
//! (c) 1000 chained element-wise ops on 1024-element arrays: fused (the
//! default) against the same ops launched one kernel each (fusion off),
//! batched and with one submission per op, with the caching pool on and
//! off (`*_no_pool`);
//! (d) an expression of 8 operations over three 1M-element f32 arrays
//! whose intermediates are dropped, fused against one kernel each (the
//! memory traffic fusion saves on large arrays).
//!
//! Run with `cargo bench --bench elementwise`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ndgpu::{Array, Device, DeviceOptions, Tuning};

const VEC4_ADD: &str = r#"
@group(0) @binding(0) var<storage, read> a: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> b: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> c: array<vec4<f32>>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = gid.y * nwg.x * 256u + gid.x;
    if (i >= arrayLength(&c)) {
        return;
    }
    c[i] = a[i] + b[i];
}
"#;

/// The reference: a vec4 add written by hand, allocating its output as an
/// ndgpu op does, one dispatch, submit and wait.
struct Vec4Add {
    pipeline: wgpu::ComputePipeline,
}

impl Vec4Add {
    fn new(dev: &Device) -> Self {
        let (d, _) = dev.wgpu();
        let module = d.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("vec4 add"),
            source: wgpu::ShaderSource::Wgsl(VEC4_ADD.into()),
        });
        let pipeline = d.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
            label: Some("vec4 add"),
            layout: None,
            module: &module,
            entry_point: Some("main"),
            compilation_options: Default::default(),
            cache: None,
        });
        Vec4Add { pipeline }
    }

    fn run(&self, dev: &Device, a: &wgpu::Buffer, b: &wgpu::Buffer, n: usize) -> wgpu::Buffer {
        let (d, q) = dev.wgpu();
        let out = d.create_buffer(&wgpu::BufferDescriptor {
            label: Some("vec4 out"),
            size: (n * 4) as u64,
            usage: wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_SRC,
            mapped_at_creation: false,
        });
        let bg = d.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("vec4 add"),
            layout: &self.pipeline.get_bind_group_layout(0),
            entries: &[
                wgpu::BindGroupEntry {
                    binding: 0,
                    resource: a.as_entire_binding(),
                },
                wgpu::BindGroupEntry {
                    binding: 1,
                    resource: b.as_entire_binding(),
                },
                wgpu::BindGroupEntry {
                    binding: 2,
                    resource: out.as_entire_binding(),
                },
            ],
        });
        let groups = (n / 4).div_ceil(256) as u32;
        let (gx, gy) = (groups.min(65535), groups.div_ceil(65535));
        let mut enc = d.create_command_encoder(&Default::default());
        {
            let mut pass = enc.begin_compute_pass(&Default::default());
            pass.set_pipeline(&self.pipeline);
            pass.set_bind_group(0, &bg, &[]);
            pass.dispatch_workgroups(gx, gy, 1);
        }
        q.submit([enc.finish()]);
        d.poll(wgpu::PollType::wait_indefinitely()).expect("poll");
        out
    }
}

fn contiguous(c: &mut Criterion) {
    let dev = Device::new().expect("no device");
    let gpu = Device::with_options(DeviceOptions {
        tuning: Tuning::Gpu,
        ..Default::default()
    })
    .expect("no device");
    let reference = Vec4Add::new(&dev);
    for (n, label) in [(1 << 20, "1M"), (1 << 22, "4M"), (1 << 24, "16M")] {
        let a = Array::<f32>::arange(&dev, 0.0, n as f32, 1.0).expect("arange");
        let b = Array::<f32>::full(&dev, &[n], 0.5).expect("full");
        let ag = Array::<f32>::arange(&gpu, 0.0, n as f32, 1.0).expect("arange");
        let bg = Array::<f32>::full(&gpu, &[n], 0.5).expect("full");
        // the reference computes the same thing
        let check = reference.run(&dev, a.wgpu_buffer(), b.wgpu_buffer(), n);
        drop(check);
        let mut g = c.benchmark_group(format!("add_contiguous/{label}"));
        g.throughput(Throughput::Bytes((3 * n * 4) as u64));
        g.sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3));
        g.bench_function("ndgpu", |bch| {
            bch.iter(|| {
                let r = (&a + &b).expect("add");
                dev.synchronize().expect("sync");
                black_box(r)
            })
        });
        g.bench_function("ndgpu_gpu_tuned", |bch| {
            bch.iter(|| {
                let r = (&ag + &bg).expect("add");
                gpu.synchronize().expect("sync");
                black_box(r)
            })
        });
        g.bench_function("handwritten_vec4", |bch| {
            bch.iter(|| black_box(reference.run(&dev, a.wgpu_buffer(), b.wgpu_buffer(), n)))
        });
        g.finish();
    }
}

fn transposed(c: &mut Criterion) {
    let dev = Device::new().expect("no device");
    for n in [1024usize, 2048, 4096] {
        let a = Array::<f32>::arange(&dev, 0.0, (n * n) as f32, 1.0)
            .expect("arange")
            .reshape(&[n as isize, n as isize])
            .expect("reshape");
        let b = Array::<f32>::ones(&dev, &[n, n]).expect("ones");
        dev.synchronize().expect("sync");
        let mut g = c.benchmark_group(format!("op_on_transposed/{n}x{n}"));
        g.throughput(Throughput::Bytes((3 * n * n * 4) as u64));
        g.sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(4));
        g.bench_function("view_times_2", |bch| {
            bch.iter(|| {
                let r = (&a.t() * 2.0).expect("mul");
                dev.synchronize().expect("sync");
                black_box(r)
            })
        });
        g.bench_function("ascontiguous_then_times_2", |bch| {
            bch.iter(|| {
                let r = (&a.t().ascontiguousarray().expect("copy") * 2.0).expect("mul");
                dev.synchronize().expect("sync");
                black_box(r)
            })
        });
        // The baseline of `a.T + b`: the same add on two C-contiguous
        // operands of the same size (issue 11: `a.T + b` within ~1.2x).
        g.bench_function("contiguous_plus_b", |bch| {
            bch.iter(|| {
                let r = (&a + &b).expect("add");
                dev.synchronize().expect("sync");
                black_box(r)
            })
        });
        g.bench_function("view_plus_b", |bch| {
            bch.iter(|| {
                let r = (&a.t() + &b).expect("add");
                dev.synchronize().expect("sync");
                black_box(r)
            })
        });
        g.bench_function("ascontiguous_then_plus_b", |bch| {
            bch.iter(|| {
                let r = (&a.t().ascontiguousarray().expect("copy") + &b).expect("add");
                dev.synchronize().expect("sync");
                black_box(r)
            })
        });
        g.finish();
    }
}

fn chained(c: &mut Criterion) {
    let dev = Device::new().expect("no device");
    let x0 = Array::<f32>::ones(&dev, &[1024]).expect("ones");
    dev.synchronize().expect("sync");
    let mut g = c.benchmark_group("chain_1000_ops/1024");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    // The same chains with the caching pool off (every output buffer from
    // the driver, every freed one back to it), for the pool's gain.
    // `fused` is the default; the others turn fusion off to show what each
    // kernel launch costs (a flush after each op also runs the chain, so
    // nothing fuses there).
    for (name, flush_each, pool, fusion) in [
        ("fused", false, true, true),
        ("batched", false, true, false),
        ("one_submission_per_op", true, true, false),
        ("batched_no_pool", false, false, false),
        ("one_submission_per_op_no_pool", true, false, false),
    ] {
        g.bench_function(name, |bch| {
            dev.set_pool_enabled(pool);
            dev.set_fusion_enabled(fusion).expect("fusion");
            bch.iter(|| {
                let mut x = x0.clone();
                for k in 0..1000 {
                    x = if k % 2 == 0 {
                        (&x * 1.0001).expect("mul")
                    } else {
                        (&x + 0.5).expect("add")
                    };
                    if flush_each {
                        dev.flush().expect("flush");
                    }
                }
                dev.synchronize().expect("sync");
                black_box(x)
            });
            dev.set_pool_enabled(true);
            dev.set_fusion_enabled(true).expect("fusion");
        });
    }
    g.finish();
}

/// `((a * 2 + b) * c - 1) * 0.5 + a - b` over 1M-element f32 arrays, its
/// intermediates dropped: fused into one kernel against 8 kernels.
fn expression(c: &mut Criterion) {
    let dev = Device::new().expect("no device");
    let n = 1usize << 20;
    let a = Array::<f32>::arange(&dev, 0.0, n as f32, 1.0).expect("arange");
    let b = Array::<f32>::full(&dev, &[n], 0.5).expect("full");
    let cc = Array::<f32>::full(&dev, &[n], 1.5).expect("full");
    dev.synchronize().expect("sync");
    let mut g = c.benchmark_group("expression_8_ops/1M");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for (name, fusion) in [("fused", true), ("one_kernel_per_op", false)] {
        g.bench_function(name, |bch| {
            dev.set_fusion_enabled(fusion).expect("fusion");
            bch.iter(|| {
                // Each step drops the previous intermediate (a `let`
                // shadowing it would keep it alive, and stored).
                let mut t = (&a * 2.0f32).expect("mul");
                t = (&t + &b).expect("add");
                t = (&t * &cc).expect("mul");
                t = (&t - 1.0f32).expect("sub");
                t = (&t * 0.5f32).expect("mul");
                t = (&t + &a).expect("add");
                t = (&t - &b).expect("sub");
                t = (&t * 2.0f32).expect("mul");
                dev.synchronize().expect("sync");
                black_box(t)
            });
            dev.set_fusion_enabled(true).expect("fusion");
        });
    }
    g.finish();
}

criterion_group!(benches, contiguous, transposed, chained, expression);
criterion_main!(benches);
