//! The browser's error rule, on a native device: with
//! `DeviceOptions::deferred_errors` (always the case on `wasm32`), an
//! error that only the device can see does not come back from the
//! operation, which returns at once, but from the next await point of the
//! device (a read-back or `synchronize`), naming the operation; each such
//! error is reported once; and no other operation's result changes.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};

use ndgpu::ops::{BinaryOp, binary};
use ndgpu::{Array, Device, DeviceOptions, Error};

fn deferred() -> Device {
    Device::with_options(DeviceOptions {
        deferred_errors: true,
        ..Default::default()
    })
    .expect("a GPU adapter (lavapipe: apt-get install mesa-vulkan-drivers)")
}

fn refused(r: ndgpu::Result<impl std::fmt::Debug>, name: &str) {
    match r {
        Err(Error::Validation { op, message }) => {
            assert_eq!(op, name, "the error names the failing call");
            assert!(!message.is_empty());
        }
        other => panic!("expected {name}'s validation error, got {other:?}"),
    }
}

/// The isolation sequence, with the error arriving at the next read.
#[test]
fn a_refused_command_surfaces_at_the_next_read_back() {
    let d = deferred();
    let x = Array::<i32>::zeros(&d, &[4]).unwrap();
    x.fill(5).unwrap();
    d.record_refused_command("my_op")
        .expect("recording returns at once; the device's answer comes later");
    refused(x.to_vec(), "my_op");
    // Reported once; the fill happened, and later work sees it.
    assert_eq!(x.to_vec().unwrap(), vec![5; 4]);
    assert_eq!((&x + 1).unwrap().to_vec().unwrap(), vec![6; 4]);
    assert_eq!(d.last_uncaptured_error(), None);
}

/// Refused commands between 600 operations: every valid one happens, and
/// each error comes back once, in recording order, from the await points
/// that follow.
#[test]
fn refused_commands_inside_a_long_chain_surface_in_order() {
    let d = deferred();
    let mut x = Array::<f32>::zeros(&d, &[64]).unwrap();
    let names = ["first", "second", "third"];
    for k in 0..600 {
        x = (&x + 1.0).unwrap();
        if k % 200 == 0 {
            d.record_refused_command(names[k / 200]).unwrap();
        }
    }
    for name in names {
        refused(d.synchronize(), name);
    }
    d.synchronize().unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![600.0; 64]);
}

/// A check that needs a read-back of the device (integer powers refuse
/// negative exponents, as NumPy does) cannot wait where errors are
/// deferred: it surfaces at the next await point, naming the operation.
#[test]
fn a_device_side_check_surfaces_at_the_next_await_point() {
    let d = deferred();
    let base = Array::<i32>::from_slice(&d, &[2, 3, 4], &[3]).unwrap();
    let good = Array::<i32>::from_slice(&d, &[0, 1, 2], &[3]).unwrap();
    let bad = Array::<i32>::from_slice(&d, &[1, -1, 2], &[3]).unwrap();
    let ok = binary(BinaryOp::Pow, &base, &good, None).unwrap().unwrap();
    assert_eq!(ok.to_vec().unwrap(), vec![1, 3, 16]);
    binary(BinaryOp::Pow, &base, &bad, None)
        .expect("the exponents are checked later")
        .unwrap();
    match pollster::block_on(d.synchronize_async()) {
        Err(Error::InvalidArgument { op, reason }) => {
            assert_eq!(op, "power");
            assert!(reason.contains("negative integer powers"), "{reason}");
        }
        other => panic!("expected power's error, got {other:?}"),
    }
    d.synchronize().unwrap();
    // Eagerly, the same call is refused at once.
    let eager = Device::new().unwrap();
    let base = Array::<i32>::from_slice(&eager, &[2, 3, 4], &[3]).unwrap();
    let bad = Array::<i32>::from_slice(&eager, &[1, -1, 2], &[3]).unwrap();
    assert!(matches!(
        binary(BinaryOp::Pow, &base, &bad, None),
        Err(Error::InvalidArgument { op: "power", .. })
    ));
}

/// A read-back dropped before it finished leaves the error for the next
/// await point, and nothing in flight.
#[test]
fn a_dropped_read_back_loses_no_error() {
    let d = deferred();
    let x = Array::<u8>::from_slice(&d, &[1, 2, 3], &[3]).unwrap();
    d.record_refused_command("dropped").unwrap();
    {
        let mut read = pin!(x.to_vec_async());
        let mut cx = Context::from_waker(Waker::noop());
        // Polled once (the copy is recorded, the map requested), then dropped.
        let _ = read.as_mut().poll(&mut cx);
    }
    refused(pollster::block_on(x.to_vec_async()), "dropped");
    assert_eq!(x.to_vec().unwrap(), vec![1, 2, 3]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while d.callbacks_in_flight() != 0 {
        assert!(std::time::Instant::now() < deadline, "a callback leaked");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// Several tasks awaiting at once on one device: exactly one of them gets
/// the error; every one gets its right values or that error.
#[test]
fn concurrent_await_points_report_an_error_once() {
    let d = deferred();
    let arrays: Vec<Array<i32>> = (0..6)
        .map(|k| Array::<i32>::full(&d, &[100], k).unwrap())
        .collect();
    d.record_refused_command("shared").unwrap();
    let reads = futures::future::join_all(arrays.iter().map(|a| a.to_vec_async()));
    let results = pollster::block_on(reads);
    let mut errors = 0;
    for (k, r) in results.into_iter().enumerate() {
        match r {
            Ok(v) => assert_eq!(v, vec![k as i32; 100]),
            Err(e) => {
                refused(Err::<(), _>(e), "shared");
                errors += 1;
            }
        }
    }
    assert_eq!(errors, 1, "the error is reported exactly once");
    d.synchronize().unwrap();
}
