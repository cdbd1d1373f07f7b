//! A wgpu application and ndgpu on one device, sharing buffers without
//! copies.
//!
//! The application makes its own wgpu device (asking for the optional
//! shader features ndgpu uses where the adapter has them) and an ndgpu
//! `Device` over it. ndgpu computes a 512 x 512 float32 interference field
//! with array operations; the application's own compute pass reads that
//! very buffer (`Array::wgpu_binding`) and maps it to RGBA8 colours in a
//! buffer of its own, which ndgpu then reads as a (512, 512, 4) uint8
//! array (`Array::from_wgpu_buffer`) to write a PNG. Neither handoff
//! allocates device memory in ndgpu.
//!
//! Run: `cargo run --release --example wgpu_interop`; the picture lands
//! in `target/examples/wgpu_interop.png`.

use ndgpu::{Array, Device};

const N: usize = 512;

/// The application's colour map: the field (scaled by the range ndgpu
/// found) through a cosine palette, packed as little-endian RGBA8.
const COLOURS: &str = r#"
struct Range { lo: f32, hi: f32 }
@group(0) @binding(0) var<storage, read> field: array<f32>;
@group(0) @binding(1) var<storage, read_write> pixels: array<u32>;
@group(0) @binding(2) var<uniform> range: Range;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
    let i = g.x;
    if (i >= arrayLength(&pixels)) { return; }
    let t = (field[i] - range.lo) / max(range.hi - range.lo, 1e-6);
    let c = 0.5 + 0.5 * cos(6.2831853 * (vec3<f32>(1.0, 1.0, 1.0) * t * 0.9
                                          + vec3<f32>(0.0, 0.15, 0.30)));
    let q = vec3<u32>(clamp(c, vec3<f32>(0.0), vec3<f32>(1.0)) * 255.0 + 0.5);
    pixels[i] = q.x | (q.y << 8u) | (q.z << 16u) | (255u << 24u);
}
"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // ---- the application's device ------------------------------------------
    let instance =
        wgpu::Instance::new(wgpu::InstanceDescriptor::new_without_display_handle_from_env());
    let adapter = pollster::block_on(instance.request_adapter(&Default::default()))?;
    let optional =
        wgpu::Features::SHADER_F16 | wgpu::Features::SHADER_F64 | wgpu::Features::SHADER_INT64;
    let (device, queue) = pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor {
        label: Some("application"),
        required_features: adapter.features() & optional,
        required_limits: adapter.limits(),
        ..Default::default()
    }))?;
    let dev = Device::from_wgpu(&adapter, device.clone(), queue.clone())?;
    println!("{}", dev.info());

    // ---- ndgpu computes the field ----------------------------------------
    // xs = linspace(-1, 1, N); X as a row, Y as a column (views), broadcast.
    let xs = ((Array::<f32>::arange(&dev, 0.0, N as f32, 1.0)? * (2.0 / (N - 1) as f32))? - 1.0)?;
    let x = xs.reshape([1, N as isize])?;
    let y = xs.reshape([N as isize, 1])?;
    let r = ((&x * &x)? + (&y * &y)?)?.sqrt()?; // (N, N)
    let rings = (&r * 22.0)?.sin()?;
    let waves = ((&x * 5.0)? + (&y * 3.0)?)?.cos()?;
    let swirl = ((&x * &y)? * 9.0)?.sin()?;
    let field = ((&rings * &waves)? + (&swirl * 0.6)?)?;
    let lo = field.min(None, false)?.item()?;
    let hi = field.max(None, false)?.item()?;
    println!(
        "field: {:?} {}, range {lo:.3} .. {hi:.3}",
        field.shape(),
        field.dtype()
    );

    // ---- the application's buffers and pipeline ----------------------------
    use wgpu::util::DeviceExt;
    let pixels = device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("application pixels"),
        size: (N * N * 4) as u64,
        usage: wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_SRC,
        mapped_at_creation: false,
    });
    let range = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
        label: Some("application range"),
        contents: bytemuck::cast_slice(&[lo, hi]),
        usage: wgpu::BufferUsages::UNIFORM,
    });
    let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
        label: Some("colours"),
        source: wgpu::ShaderSource::Wgsl(COLOURS.into()),
    });
    let pipeline = device.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
        label: Some("colours"),
        layout: None,
        module: &module,
        entry_point: Some("main"),
        compilation_options: Default::default(),
        cache: None,
    });

    // ---- handoff 1: ndgpu's result into the application's pass -------------
    let before = dev.memory_stats();
    let binding = field.wgpu_binding()?; // flushes ndgpu's recorded work
    let group = device.create_bind_group(&wgpu::BindGroupDescriptor {
        label: Some("colours"),
        layout: &pipeline.get_bind_group_layout(0),
        entries: &[
            wgpu::BindGroupEntry {
                binding: 0,
                resource: binding.as_binding(),
            },
            wgpu::BindGroupEntry {
                binding: 1,
                resource: pixels.as_entire_binding(),
            },
            wgpu::BindGroupEntry {
                binding: 2,
                resource: range.as_entire_binding(),
            },
        ],
    });
    let mut enc = device.create_command_encoder(&Default::default());
    {
        let mut pass = enc.begin_compute_pass(&Default::default());
        pass.set_pipeline(&pipeline);
        pass.set_bind_group(0, &group, &[]);
        pass.dispatch_workgroups(((N * N) as u32).div_ceil(64), 1, 1);
    }
    queue.submit([enc.finish()]);
    println!(
        "handoff 1: the application's pass read ndgpu buffer #{} (same wgpu::Buffer: {}), \
         bytes {}..{}",
        field.buffer_id(),
        binding.buffer == field.wgpu_buffer(),
        binding.offset,
        binding.offset + binding.size
    );

    // ---- handoff 2: the application's pixels as an ndgpu array -------------
    let rgba = Array::<u8>::from_wgpu_buffer(&dev, pixels.clone(), [N, N, 4], None, 0)?;
    let after = dev.memory_stats();
    println!(
        "handoff 2: ndgpu wraps the application's buffer (same wgpu::Buffer: {}, external: {}, \
         writeable: {} since it has no COPY_DST)",
        rgba.wgpu_buffer() == &pixels,
        rgba.is_external(),
        rgba.is_writeable()
    );
    println!(
        "ndgpu device memory across both handoffs: {} -> {} bytes in {} -> {} buffers, \
         allocations {} -> {}",
        before.live_bytes,
        after.live_bytes,
        before.live_buffers,
        after.live_buffers,
        before.pool_hits + before.driver_allocations,
        after.pool_hits + after.driver_allocations
    );
    assert_eq!(before, after, "the handoffs allocate nothing in ndgpu");

    // ndgpu reads the pixels (a read-back through a transient staging
    // buffer) and checks them with its own ops: every alpha is 255.
    let alpha = rgba.slice(ndgpu::s![.., .., 3])?;
    assert_eq!(alpha.min(None, false)?.item()?, 255);
    let bytes = rgba.to_vec()?;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/examples");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("wgpu_interop.png");
    image::RgbaImage::from_raw(N as u32, N as u32, bytes)
        .ok_or("pixel count")?
        .save(&path)?;
    println!("wrote {}", path.display());
    Ok(())
}
