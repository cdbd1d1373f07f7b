//! The device: limits requested from the adapter, errors returned instead of
//! panics (limits, overflow, device loss), thread safety, and arrays larger
//! than one storage binding.

mod common;

use std::sync::Arc;

use common::dev;
use ndgpu::{Array, Device, Error, s};

#[test]
fn requests_the_adapters_limits_not_wgpus_defaults() {
    let info = dev().info().clone();
    // wgpu's defaults are 256 MiB per buffer and 128 MiB per storage binding;
    // lavapipe offers 2 GiB and 128 MiB.
    assert!(info.max_buffer_size > 256 << 20, "{info}");
    assert!(info.max_storage_buffer_binding_size >= 128 << 20, "{info}");
    assert!(info.max_compute_workgroups_per_dimension >= 65535, "{info}");
    assert!(!info.adapter.is_empty());
    let text = info.to_string();
    assert!(text.contains("max buffer"), "{text}");
}

#[test]
fn too_large_allocations_are_limit_errors_not_panics() {
    let d = dev();
    let limit = d.info().max_buffer_size;
    let n = (limit / 4 + 1) as usize;
    match Array::<f32>::zeros(&d, &[n]) {
        Err(Error::LimitExceeded {
            what,
            requested,
            limit: l,
            ..
        }) => {
            assert_eq!(what, "buffer size in bytes");
            assert!(requested > l);
            assert_eq!(l, limit);
        }
        other => panic!("expected LimitExceeded, got {other:?}"),
    }
    // NumPy: ValueError "array is too big; `arr.size * arr.dtype.itemsize`
    // is larger than the maximum possible size"
    assert!(matches!(
        Array::<f32>::zeros(&d, &[usize::MAX / 2, 4]),
        Err(Error::TooBig { .. })
    ));
    let e = Array::from_slice(&d, &[1.0f32, 2.0], &[3]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "from_slice: 2 elements given for shape (3,) of 3 elements"
    );
}

#[test]
fn a_destroyed_device_fails_every_later_operation() {
    let d = Device::new().unwrap();
    let a = Array::<f32>::ones(&d, &[16]).unwrap();
    d.destroy();
    assert!(matches!(a.to_vec(), Err(Error::DeviceLost { .. })));
    assert!(matches!(a.copy(), Err(Error::DeviceLost { .. })));
    assert!(matches!(
        Array::<f32>::zeros(&d, &[4]),
        Err(Error::DeviceLost { .. })
    ));
    assert!(matches!(d.synchronize(), Err(Error::DeviceLost { .. })));
    // Views are descriptors only: still fine, no device work.
    assert_eq!(a.slice(&s![..;2]).unwrap().shape(), &[8]);
}

#[test]
fn device_and_arrays_are_usable_from_many_threads() {
    let d = dev();
    let shared = Arc::new(Array::<i32>::arange(&d, 0, 1000, 1).unwrap());
    let handles: Vec<_> = (0..8)
        .map(|t| {
            let a = shared.clone();
            let d = d.clone();
            std::thread::spawn(move || {
                for k in 0..5 {
                    let v = a.slice(&s![t..;8]).unwrap();
                    let c = v.copy().unwrap();
                    let own = Array::<i32>::full(&d, &[10], t * 100 + k).unwrap();
                    assert_eq!(own.to_vec().unwrap(), vec![t * 100 + k; 10]);
                    let want: Vec<i32> = (t..1000).step_by(8).collect();
                    assert_eq!(c.to_vec().unwrap(), want);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}

/// 6400 x 6400 f32 is 164 MB, past lavapipe's 128 MiB storage binding: the
/// copy of its transpose is split into blocks that each bind a window.
#[test]
fn copies_past_the_storage_binding_limit() {
    let d = dev();
    let n = 6400usize;
    let a = Array::<u32>::arange(&d, 0, (n * n) as u32, 1)
        .unwrap()
        .reshape(&[n as isize, n as isize])
        .unwrap();
    assert!(a.nbytes() as u64 > d.info().max_storage_buffer_binding_size);
    let t = a.t().copy().unwrap();
    for &(i, j) in &[
        (0usize, 0usize),
        (0, n - 1),
        (n - 1, 0),
        (1234, 4321),
        (n - 1, n - 1),
    ] {
        assert_eq!(
            t.get(&[i as isize, j as isize]).unwrap(),
            (j * n + i) as u32
        );
    }
    let v = t.slice(&s![.., 6399]).unwrap().to_vec().unwrap();
    assert!(
        v.iter()
            .enumerate()
            .all(|(i, &x)| x as usize == 6399 * n + i)
    );
    // fill on a strided view of the big buffer, reaching both ends
    a.slice(&s![..;-6399, ..;6399]).unwrap().fill(7).unwrap();
    assert_eq!(a.get(&[0, 0]).unwrap(), 7);
    assert_eq!(a.get(&[-1, -1]).unwrap(), 7);
    assert_eq!(a.get(&[1, 1]).unwrap(), (n + 1) as u32);
}
