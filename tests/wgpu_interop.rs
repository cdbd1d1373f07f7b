//! Sharing a device and buffers with a plain wgpu application, without
//! copies: `Device::from_wgpu` over a device the test makes itself,
//! `Array::wgpu_binding` read by the test's own compute pipeline,
//! `Array::from_wgpu_buffer` over the test's buffers, and every refusal.

use std::sync::OnceLock;

use ndgpu::{Array, Device, DeviceOptions, Error, s};
use wgpu::util::DeviceExt;

/// The test's own adapter: what ndgpu would pick (lavapipe here).
fn adapter() -> wgpu::Adapter {
    let get = |backends| {
        let mut desc = wgpu::InstanceDescriptor::new_without_display_handle_from_env();
        desc.backends = backends;
        let instance = wgpu::Instance::new(desc);
        pollster::block_on(instance.request_adapter(&wgpu::RequestAdapterOptions::default()))
    };
    match wgpu::Backends::from_env() {
        Some(b) => get(b),
        None => get(wgpu::Backends::PRIMARY).or_else(|_| get(wgpu::Backends::all())),
    }
    .expect("a GPU adapter (lavapipe: apt-get install mesa-vulkan-drivers)")
}

/// A plain wgpu device with `limits` and `features`, as an application
/// would make it.
fn app_device(
    adapter: &wgpu::Adapter,
    limits: wgpu::Limits,
    features: wgpu::Features,
) -> (wgpu::Device, wgpu::Queue) {
    pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor {
        label: Some("application"),
        required_features: features,
        required_limits: limits,
        ..Default::default()
    }))
    .expect("a device")
}

/// The application of most tests: its adapter, device and queue, and the
/// ndgpu device made over them (one per wgpu device).
struct App {
    adapter: wgpu::Adapter,
    device: wgpu::Device,
    queue: wgpu::Queue,
    nd: Device,
}

/// A new application (tests that count ndgpu's allocations need a device
/// no other test uses at the same time).
fn new_app() -> App {
    let adapter = adapter();
    let wanted =
        wgpu::Features::SHADER_F16 | wgpu::Features::SHADER_F64 | wgpu::Features::SHADER_INT64;
    let (device, queue) = app_device(&adapter, adapter.limits(), adapter.features() & wanted);
    let nd = Device::from_wgpu(&adapter, device.clone(), queue.clone()).unwrap();
    App {
        adapter,
        device,
        queue,
        nd,
    }
}

/// The application the other tests share.
fn app() -> &'static App {
    static APP: OnceLock<App> = OnceLock::new();
    APP.get_or_init(new_app)
}

/// An application buffer of `bytes` with `usage`, filled with `data`.
fn app_buffer(app: &App, data: &[u8], usage: wgpu::BufferUsages) -> wgpu::Buffer {
    app.device
        .create_buffer_init(&wgpu::util::BufferInitDescriptor {
            label: Some("application buffer"),
            contents: data,
            usage,
        })
}

const RW: wgpu::BufferUsages = wgpu::BufferUsages::STORAGE
    .union(wgpu::BufferUsages::COPY_SRC)
    .union(wgpu::BufferUsages::COPY_DST);
const RO: wgpu::BufferUsages = wgpu::BufferUsages::STORAGE.union(wgpu::BufferUsages::COPY_SRC);

/// The application's own read-back of `buf` (a copy into a mappable
/// buffer, submitted on its queue), as f32 values.
fn app_read_f32(app: &App, buf: &wgpu::Buffer) -> Vec<f32> {
    let staging = app.device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("application staging"),
        size: buf.size(),
        usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    });
    let mut enc = app.device.create_command_encoder(&Default::default());
    enc.copy_buffer_to_buffer(buf, 0, &staging, 0, buf.size());
    app.queue.submit([enc.finish()]);
    let (tx, rx) = std::sync::mpsc::channel();
    staging.map_async(wgpu::MapMode::Read, .., move |r| tx.send(r).unwrap());
    app.device
        .poll(wgpu::PollType::wait_indefinitely())
        .unwrap();
    rx.recv().unwrap().unwrap();
    let v = bytemuck::pod_collect_to_vec(&staging.get_mapped_range(..).unwrap());
    staging.unmap();
    v
}

/// The application's kernel: `dst[i] = 2 * src[i]` over `n` f32 values,
/// its own pipeline, bind group and submission.
fn app_double(app: &App, src: wgpu::BindingResource<'_>, dst: wgpu::BindingResource<'_>, n: u32) {
    let module = app
        .device
        .create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("double"),
            source: wgpu::ShaderSource::Wgsl(
                "@group(0) @binding(0) var<storage, read> src: array<f32>;
                 @group(0) @binding(1) var<storage, read_write> dst: array<f32>;
                 @compute @workgroup_size(64)
                 fn main(@builtin(global_invocation_id) g: vec3<u32>) {
                     if (g.x < arrayLength(&dst)) { dst[g.x] = 2.0 * src[g.x]; }
                 }"
                .into(),
            ),
        });
    run(app, &module, &[src, dst], n);
}

/// The application's in-place kernel: `x[i] += 1` over `n` f32 values.
fn app_increment(app: &App, x: wgpu::BindingResource<'_>, n: u32) {
    let module = app
        .device
        .create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("increment"),
            source: wgpu::ShaderSource::Wgsl(
                "@group(0) @binding(0) var<storage, read_write> x: array<f32>;
                 @compute @workgroup_size(64)
                 fn main(@builtin(global_invocation_id) g: vec3<u32>) {
                     if (g.x < arrayLength(&x)) { x[g.x] = x[g.x] + 1.0; }
                 }"
                .into(),
            ),
        });
    run(app, &module, &[x], n);
}

fn run(app: &App, module: &wgpu::ShaderModule, bindings: &[wgpu::BindingResource<'_>], n: u32) {
    let pipeline = app
        .device
        .create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
            label: None,
            layout: None,
            module,
            entry_point: Some("main"),
            compilation_options: Default::default(),
            cache: None,
        });
    let entries: Vec<_> = bindings
        .iter()
        .enumerate()
        .map(|(i, r)| wgpu::BindGroupEntry {
            binding: i as u32,
            resource: r.clone(),
        })
        .collect();
    let scope = app.device.push_error_scope(wgpu::ErrorFilter::Validation);
    let group = app.device.create_bind_group(&wgpu::BindGroupDescriptor {
        label: None,
        layout: &pipeline.get_bind_group_layout(0),
        entries: &entries,
    });
    let mut enc = app.device.create_command_encoder(&Default::default());
    {
        let mut pass = enc.begin_compute_pass(&Default::default());
        pass.set_pipeline(&pipeline);
        pass.set_bind_group(0, &group, &[]);
        pass.dispatch_workgroups(n.div_ceil(64), 1, 1);
    }
    app.queue.submit([enc.finish()]);
    let err = pollster::block_on(scope.pop());
    assert!(err.is_none(), "the application's pass: {err:?}");
}

#[test]
fn ndgpu_runs_on_the_applications_device() {
    let app = app();
    let dev = &app.nd;
    assert!(dev.wgpu().0 == &app.device);
    assert!(dev.wgpu().1 == &app.queue);
    // The device's own limits and features, not the adapter's defaults.
    let limits = app.device.limits();
    assert_eq!(
        dev.info().max_storage_buffer_binding_size,
        limits.max_storage_buffer_binding_size
    );
    assert_eq!(
        dev.info().min_storage_buffer_offset_alignment,
        limits.min_storage_buffer_offset_alignment
    );
    assert_eq!(dev.info().adapter, app.adapter.get_info().name);
    let x = Array::<f32>::arange(dev, 0.0, 8.0, 1.0).unwrap();
    let y = x
        .reshape([2, 4])
        .unwrap()
        .t()
        .sum(Some(&[1]), false)
        .unwrap();
    assert_eq!(y.to_vec().unwrap(), vec![4.0, 6.0, 8.0, 10.0]);
}

/// ndgpu computes; the application's kernel reads the result through
/// `wgpu_binding` and writes its own buffer; ndgpu reads that buffer as an
/// array. The handoff allocates nothing in ndgpu.
#[test]
fn results_go_back_and_forth_without_allocations() {
    let app = &new_app();
    let dev = &app.nd;
    let n = 1000usize;
    let x = ((Array::<f32>::arange(dev, 0.0, n as f32, 1.0).unwrap() * 0.5f32).unwrap() + 1.0f32)
        .unwrap();
    let out = app.device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("application output"),
        size: (n * 4) as u64,
        usage: RW,
        mapped_at_creation: false,
    });

    let stats = dev.memory_stats();
    let bytes = dev.allocated_bytes();
    let submissions = dev.submissions();
    let binding = x.wgpu_binding().unwrap();
    assert!(binding.buffer == x.wgpu_buffer());
    assert_eq!((binding.offset, binding.size), (0, n as u64 * 4));
    assert!(binding.writeable);
    // The recorded arange and arithmetic were submitted for the application.
    assert!(dev.submissions() > submissions);
    app_double(app, binding.as_binding(), out.as_entire_binding(), n as u32);
    let y = Array::<f32>::from_wgpu_buffer(dev, out.clone(), [n], None, 0).unwrap();
    assert!(y.wgpu_buffer() == &out, "the same buffer, not a copy");
    assert!(y.is_external() && !x.is_external());
    assert!(!y.is_view() && y.is_writeable() && y.is_c_contiguous());
    assert_ne!(y.buffer_id(), x.buffer_id());
    let view = y.slice(s![..;-1]).unwrap();
    assert!(view.is_view_of(&y) && view.is_external());
    // Zero ndgpu allocations across the handoff, both ways.
    assert_eq!(dev.allocated_bytes(), bytes);
    assert_eq!(dev.memory_stats(), stats);

    let want: Vec<f32> = (0..n).map(|i| 2.0 * (i as f32 * 0.5 + 1.0)).collect();
    assert_eq!(y.to_vec().unwrap(), want);
    assert_eq!(
        view.to_vec().unwrap(),
        want.iter().rev().copied().collect::<Vec<_>>()
    );
    // ndgpu's kernels read the application's buffer through strides.
    let evens = y
        .slice(s![..;2])
        .unwrap()
        .sum(None, false)
        .unwrap()
        .item()
        .unwrap();
    let want_evens: f32 = want.iter().step_by(2).sum();
    assert_eq!(evens, want_evens);

    // The application writes ndgpu's buffer in place; ndgpu's later
    // operations see it.
    let binding = x.wgpu_binding().unwrap();
    app_increment(app, binding.as_binding(), n as u32);
    let inc: Vec<f32> = (0..n).map(|i| i as f32 * 0.5 + 2.0).collect();
    assert_eq!(x.to_vec().unwrap(), inc);
    drop((y, view));
    assert_eq!(dev.allocated_bytes(), bytes);
}

/// A binding of a view: the offset of its first element, packed dtypes in
/// whole words, and the refusals that suggest `copy()`.
#[test]
fn bindings_of_views_and_their_refusals() {
    let app = app();
    let dev = &app.nd;
    let align = dev.info().min_storage_buffer_offset_alignment.max(4) as usize;
    // A row of a 2-D array that starts at the alignment: bound in place.
    let x = Array::<f32>::arange(dev, 0.0, (4 * align) as f32, 1.0)
        .unwrap()
        .reshape([4, align as isize])
        .unwrap();
    let row = x.slice(s![1]).unwrap();
    let b = row.wgpu_binding().unwrap();
    assert!(b.buffer == x.wgpu_buffer());
    assert_eq!((b.offset, b.size), ((align * 4) as u64, (align * 4) as u64));
    let out = app.device.create_buffer(&wgpu::BufferDescriptor {
        label: None,
        size: (align * 4) as u64,
        usage: RW,
        mapped_at_creation: false,
    });
    app_double(app, b.as_binding(), out.as_entire_binding(), align as u32);
    let want: Vec<f32> = (align..2 * align).map(|v| 2.0 * v as f32).collect();
    assert_eq!(app_read_f32(app, &out), want);

    // Packed: 10 bytes of u8 bind as 12, its buffer_binding() says so.
    let u = Array::<u8>::arange(dev, 0, 10, 1).unwrap();
    let bb = u.wgpu_binding().unwrap().buffer_binding();
    assert_eq!((bb.offset, bb.size.map(|s| s.get())), (0, Some(12)));

    let refused = |r: ndgpu::Result<ndgpu::WgpuBinding<'_>>, what: &str| match r {
        Err(Error::InvalidArgument {
            op: "Array::wgpu_binding",
            reason,
        }) => assert!(reason.contains(what), "{reason}"),
        other => panic!("expected a refusal naming {what:?}, got {other:?}"),
    };
    // Not C-contiguous: a transpose, a stepped slice, a reversed view.
    refused(
        x.t().wgpu_binding(),
        "not C-contiguous; bind a C-contiguous copy (copy())",
    );
    refused(x.slice(s![.., ..;2]).unwrap().wgpu_binding(), "copy()");
    refused(u.flip(0).unwrap().wgpu_binding(), "not C-contiguous");
    // Misaligned: u8 from element 1, f32 from element 1 where the alignment
    // is more than a word; the message names both numbers.
    refused(
        u.slice(s![1..]).unwrap().wgpu_binding(),
        &format!(
            "byte 1 of its buffer, which is not a multiple of the device's min_storage_buffer_offset_alignment {align}"
        ),
    );
    if align > 4 {
        refused(
            x.slice(s![0, 1..]).unwrap().wgpu_binding(),
            &format!(
                "byte 4 of its buffer, which is not a multiple of the device's min_storage_buffer_offset_alignment {align}"
            ),
        );
    }
    // The copy binds.
    let c = x.t().copy().unwrap();
    assert!(c.wgpu_binding().is_ok());
    // Empty arrays have nothing to bind.
    refused(u.slice(s![3..3]).unwrap().wgpu_binding(), "empty");
    // A read-only array's binding says so.
    let bcast = Array::<f32>::arange(dev, 0.0, 4.0, 1.0)
        .unwrap()
        .broadcast_to([1, 4])
        .unwrap();
    assert!(!bcast.wgpu_binding().unwrap().writeable);
}

#[test]
fn writes_through_a_wrapped_buffer_show_in_the_applications_buffer() {
    let app = app();
    let dev = &app.nd;
    let data: Vec<f32> = (0..24).map(|v| v as f32).collect();
    let buf = app_buffer(app, bytemuck::cast_slice(&data), RW);
    // A (3, 4) array at byte 16 with strides (6, 2) elements: its rows
    // overlap (elements 10 and 16 appear twice), so it is read-only.
    let a = Array::<f32>::from_wgpu_buffer(dev, buf.clone(), [3, 4], Some(&[6, 2]), 16).unwrap();
    assert_eq!(a.offset_bytes(), 16);
    assert_eq!(a.strides_bytes(), vec![24, 8]);
    assert!(!a.is_writeable() && !a.is_c_contiguous());
    assert_eq!(
        a.to_vec().unwrap(),
        vec![4., 6., 8., 10., 10., 12., 14., 16., 16., 18., 20., 22.]
    );
    // (3, 2) with the same strides does not overlap: writeable.
    let a = Array::<f32>::from_wgpu_buffer(dev, buf.clone(), [3, 2], Some(&[6, 2]), 16).unwrap();
    assert!(a.is_writeable());
    a.fill(-1.0).unwrap();
    let mut want = data.clone();
    for i in [4, 6, 10, 12, 16, 18] {
        want[i] = -1.0;
    }
    dev.flush().unwrap();
    assert_eq!(app_read_f32(app, &buf), want);
    // A host write into a view, and an ndgpu kernel writing into it.
    let last = Array::<f32>::from_wgpu_buffer(dev, buf.clone(), [4], None, 80).unwrap();
    last.copy_from_slice(&[100., 101., 102., 103.]).unwrap();
    let first = Array::<f32>::from_wgpu_buffer(dev, buf.clone(), [4], None, 0).unwrap();
    first
        .assign(&(last.flip(0).unwrap() * 2.0f32).unwrap())
        .unwrap();
    want[20..24].copy_from_slice(&[100., 101., 102., 103.]);
    want[0..4].copy_from_slice(&[206., 204., 202., 200.]);
    dev.flush().unwrap();
    assert_eq!(app_read_f32(app, &buf), want);
}

#[test]
fn a_buffer_without_copy_dst_is_read_only() {
    let app = app();
    let dev = &app.nd;
    let buf = app_buffer(app, bytemuck::cast_slice(&[1i32, 2, 3, 4]), RO);
    let a = Array::<i32>::from_wgpu_buffer(dev, buf.clone(), [2, 2], None, 0).unwrap();
    assert!(!a.is_writeable() && !a.flags().writeable);
    let ro = |r: ndgpu::Result<()>| assert!(matches!(r, Err(Error::ReadOnly { .. })), "{r:?}");
    ro(a.fill(0));
    ro(a.assign(&Array::<i32>::zeros(dev, [2, 2]).unwrap()));
    ro(a.copy_from_slice(&[9, 9, 9, 9]));
    ro(a.t().fill(0));
    ro(a.slice(s![0]).unwrap().fill(0));
    // The base of a view is the read-only owner too.
    let base = a.slice(s![1]).unwrap().base().unwrap();
    assert!(!base.is_writeable());
    ro(base.fill(0));
    assert_eq!(a.to_vec().unwrap(), vec![1, 2, 3, 4]);
    // Reading works, and so does computing from it; a copy is writeable.
    assert_eq!((&a + &a).unwrap().to_vec().unwrap(), vec![2, 4, 6, 8]);
    let c = a.t().copy().unwrap();
    assert!(c.is_writeable() && !c.is_external());
    c.fill(5).unwrap();
    assert_eq!(
        app_read_f32(app, &buf),
        bytemuck::cast_slice::<i32, f32>(&[1, 2, 3, 4])
    );
}

#[test]
fn wrapping_refuses_what_does_not_fit() {
    let app = app();
    let dev = &app.nd;
    let data = [0u8; 64];
    let invalid = |r: ndgpu::Result<Array<f32>>, what: &str| match r {
        Err(Error::InvalidArgument {
            op: "Array::from_wgpu_buffer",
            reason,
        }) => assert!(reason.contains(what), "{reason}"),
        other => panic!("expected a refusal naming {what:?}, got {other:?}"),
    };
    let wrap = |usage, shape: &[usize], strides: Option<&[isize]>, offset| {
        Array::<f32>::from_wgpu_buffer(dev, app_buffer(app, &data, usage), shape, strides, offset)
    };
    // Usages: STORAGE to bind it, COPY_SRC to read it back.
    invalid(
        wrap(
            wgpu::BufferUsages::COPY_SRC | wgpu::BufferUsages::COPY_DST,
            &[4],
            None,
            0,
        ),
        "lacks STORAGE",
    );
    invalid(
        wrap(
            wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_DST,
            &[4],
            None,
            0,
        ),
        "lacks COPY_SRC",
    );
    // Offsets: a multiple of the item size, inside the buffer.
    invalid(
        wrap(RW, &[4], None, 2),
        "byte_offset 2 must be a multiple of the item size 4",
    );
    invalid(wrap(RW, &[0], None, 68), "at most the buffer's 64 bytes");
    // As as_strided: a malformed layout.
    match wrap(RW, &[2, 2], Some(&[2]), 0) {
        Err(Error::InvalidLayout {
            op: "Array::from_wgpu_buffer",
            reason,
        }) => assert_eq!(reason, "shape has 2 axes but strides has 1"),
        other => panic!("expected InvalidLayout, got {other:?}"),
    }
    // Elements outside the buffer: 16 elements fit, not 17.
    assert!(wrap(RW, &[16], None, 0).is_ok());
    let out = |r: ndgpu::Result<Array<f32>>, reach: i128| match r {
        Err(Error::ViewOutOfBuffer {
            reach: r, len: 16, ..
        }) => assert_eq!(r, reach),
        other => panic!("expected ViewOutOfBuffer at {reach}, got {other:?}"),
    };
    out(wrap(RW, &[17], None, 0), 16);
    out(wrap(RW, &[4], None, 52), 16);
    out(wrap(RW, &[4, 2], Some(&[5, 1]), 4), 17);
    out(wrap(RW, &[3], Some(&[-2]), 12), -1);
    out(wrap(RW, &[2, 3], Some(&[1, 8]), 0), 17);
    // Negative strides reaching back from the offset are fine inside.
    let r = wrap(RW, &[4], Some(&[-4]), 60).unwrap();
    assert_eq!(r.offset(), 15);
    // Empty shapes may sit anywhere up to the end.
    assert_eq!(wrap(RW, &[0, 3], None, 64).unwrap().size(), 0);
    // Overlapping strides: read-only, as as_strided.
    let z = wrap(RW, &[4, 4], Some(&[0, 1]), 0).unwrap();
    assert!(!z.is_writeable());
    let w = wrap(RW, &[3, 4], Some(&[2, 1]), 0).unwrap();
    assert!(!w.is_writeable());
    // A shape NumPy refuses.
    assert!(matches!(
        wrap(RW, &[usize::MAX, 2], None, 0),
        Err(Error::TooBig { .. })
    ));
    // A size that is not whole words (wgpu allows unmapped buffers of
    // any size; WebGPU's storage bindings are words).
    let odd = app.device.create_buffer(&wgpu::BufferDescriptor {
        label: None,
        size: 10,
        usage: RW,
        mapped_at_creation: false,
    });
    match Array::<u8>::from_wgpu_buffer(dev, odd, [10], None, 0) {
        Err(Error::InvalidArgument { reason, .. }) => {
            assert!(reason.contains("10 bytes"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    // Packed dtypes use the whole buffer: no padding in an external one.
    let b = Array::<u8>::from_wgpu_buffer(dev, app_buffer(app, &data, RW), [64], None, 0).unwrap();
    assert_eq!(b.size(), 64);
    let b16 = Array::<u16>::from_wgpu_buffer(dev, app_buffer(app, &data, RW), [31], None, 2);
    assert_eq!(b16.unwrap().offset(), 1);
}

#[test]
fn dropping_the_array_leaves_the_applications_buffer_alone() {
    let app = &new_app();
    let dev = &app.nd;
    let buf = app_buffer(app, bytemuck::cast_slice(&[1.0f32, 2.0, 3.0, 4.0]), RW);
    let bytes = dev.allocated_bytes();
    let a = Array::<f32>::from_wgpu_buffer(dev, buf.clone(), [4], None, 0).unwrap();
    let v = a.slice(s![1..]).unwrap();
    assert_eq!(a.buffer_nbytes(), 16);
    assert_eq!(a.info().buffer_reserved_nbytes, 16);
    assert_eq!(
        (&v * 10.0f32).unwrap().to_vec().unwrap(),
        vec![20.0, 30.0, 40.0]
    );
    v.fill(7.0).unwrap();
    dev.synchronize().unwrap();
    // Dropping the last handles: nothing pooled, nothing counted.
    let stats = dev.memory_stats();
    drop((a, v));
    assert_eq!(dev.memory_stats(), stats);
    assert_eq!(dev.allocated_bytes(), bytes);
    assert_eq!(app_read_f32(app, &buf), vec![1.0, 7.0, 7.0, 7.0]);
    // Still the application's to use: write it and wrap it again.
    app.queue
        .write_buffer(&buf, 0, bytemuck::cast_slice(&[5.0f32, 6.0, 7.0, 8.0]));
    let again = Array::<f32>::from_wgpu_buffer(dev, buf.clone(), [4], None, 0).unwrap();
    assert_eq!(again.to_vec().unwrap(), vec![5.0, 6.0, 7.0, 8.0]);
    // A new ndgpu array of the same size does not get the buffer back.
    let fresh = Array::<f32>::zeros(dev, [4]).unwrap();
    assert!(fresh.wgpu_buffer() != &buf);
}

/// The limits the kernels need are checked on the device given, naming each
/// missing one; features come from the device, not the adapter.
#[test]
fn the_devices_limits_and_features_are_checked() {
    let adapter = &app().adapter;
    let (device, queue) = app_device(
        adapter,
        wgpu::Limits::downlevel_defaults(),
        wgpu::Features::empty(),
    );
    match Device::from_wgpu(adapter, device.clone(), queue.clone()) {
        Err(Error::InvalidArgument {
            op: "Device::from_wgpu",
            reason,
        }) => {
            assert!(
                reason
                    .contains("max_storage_buffers_per_shader_stage is 4, ndgpu needs at least 5"),
                "{reason}"
            );
            assert!(
                reason.contains(
                    "max_compute_workgroup_storage_size is 16352, ndgpu needs at least 16384"
                ),
                "{reason}"
            );
        }
        other => panic!("expected the limits to be refused, got {other:?}"),
    }
    // Raised to what ndgpu needs, the same kind of device works, and
    // without SHADER_F64 requested, float64 arithmetic is refused even
    // where the adapter has the feature.
    let (device, queue) = app_device(
        adapter,
        Device::required_limits(wgpu::Limits::downlevel_defaults()),
        wgpu::Features::empty(),
    );
    // The options apply to a device made over the application's.
    let dev = Device::from_wgpu_with_options(
        adapter,
        device,
        queue,
        DeviceOptions {
            disable_pool: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(!dev.pool_enabled());
    assert!(!dev.info().shader_f64 && !dev.has_feature(ndgpu::Feature::ShaderF64));
    let x = Array::<f32>::arange(&dev, 0.0, 1000.0, 1.0).unwrap();
    assert_eq!(x.sum(None, false).unwrap().item().unwrap(), 499500.0);
    let d = Array::<f64>::from_slice(&dev, &[0.0, 1.0, 2.0, 3.0], [4]).unwrap();
    assert!(matches!(
        &d * &d,
        Err(Error::MissingFeature {
            feature: "SHADER_F64",
            ..
        })
    ));
    // Copies of 8-byte types need no feature.
    assert_eq!(
        d.flip(0).unwrap().to_vec().unwrap(),
        vec![3.0, 2.0, 1.0, 0.0]
    );
}

/// A lost device: the application destroys its device; ndgpu reports the
/// loss instead of panicking, also for wrapped buffers.
#[test]
fn the_applications_device_loss_is_reported() {
    let adapter = &app().adapter;
    let (device, queue) = app_device(adapter, adapter.limits(), wgpu::Features::empty());
    let dev = Device::from_wgpu(adapter, device.clone(), queue).unwrap();
    let buf = device.create_buffer(&wgpu::BufferDescriptor {
        label: None,
        size: 16,
        usage: RW,
        mapped_at_creation: false,
    });
    let a = Array::<f32>::from_wgpu_buffer(&dev, buf.clone(), [4], None, 0).unwrap();
    dev.destroy();
    assert!(matches!(a.to_vec(), Err(Error::DeviceLost { .. })));
    assert!(matches!(a.wgpu_binding(), Err(Error::DeviceLost { .. })));
    assert!(matches!(
        Array::<f32>::from_wgpu_buffer(&dev, buf, [4], None, 0),
        Err(Error::DeviceLost { .. })
    ));
}
