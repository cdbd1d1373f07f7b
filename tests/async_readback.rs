//! Waiting for the device without blocking: `to_vec_async`, `get_async`,
//! `item_async` and `Device::synchronize_async`, of which the blocking
//! forms are thin wrappers. Several read-backs in flight at once on one
//! device from one executor; futures dropped half-way leak nothing.

mod common;

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use common::dev;
use futures::future::join_all;
use ndgpu::{Array, Device, s};

fn assert_send<F: Future + Send>(f: F) -> F {
    f
}

#[test]
fn many_reads_in_flight_from_one_task() {
    let d = dev();
    let arrays: Vec<Array<i32>> = (0..16)
        .map(|k| {
            Array::<i32>::arange(&d, k * 100, k * 100 + 60, 1)
                .unwrap()
                .reshape(&[6, 10])
                .unwrap()
        })
        .collect();
    // transposed views: each read runs a copy kernel, then maps
    let views: Vec<Array<i32>> = arrays.iter().map(|a| a.t()).collect();
    let results = futures::executor::block_on(join_all(
        views.iter().map(|v| assert_send(v.to_vec_async())),
    ));
    for (k, r) in results.into_iter().enumerate() {
        let want: Vec<i32> = (0..10)
            .flat_map(|j| (0..6).map(move |i| k as i32 * 100 + i * 10 + j))
            .collect();
        assert_eq!(r.unwrap(), want);
    }
    let one = arrays[4].slice(&s![2..3, 3]).unwrap();
    let (x, y) = futures::executor::block_on(async {
        futures::join!(arrays[3].get_async(&[5, 9]), one.item_async())
    });
    assert_eq!((x.unwrap(), y.unwrap()), (359, 423));
    futures::executor::block_on(d.synchronize_async()).unwrap();
}

/// Futures polled once (the read is recorded and its buffer mapping
/// requested) and then dropped: every callback still arrives and nothing
/// stays behind; later reads are unaffected.
#[test]
fn dropped_futures_leak_nothing() {
    let d = Device::new().unwrap();
    let a = Array::<f32>::full(&d, &[1 << 16], 2.5).unwrap();
    let before = d.allocated_bytes();
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..50 {
        let mut f = pin!(a.to_vec_async());
        // first poll: staging buffer, copy, flush, map requested
        assert!(matches!(
            f.as_mut().poll(&mut cx),
            Poll::Pending | Poll::Ready(Ok(_))
        ));
    }
    d.synchronize().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while d.callbacks_in_flight() > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "callbacks never arrived"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert_eq!(d.allocated_bytes(), before);
    assert_eq!(a.to_vec().unwrap(), vec![2.5; 1 << 16]);
    assert_eq!(d.callbacks_in_flight(), 0);
}

/// The blocking forms are the async ones under `pollster`, from many
/// threads at once.
#[test]
fn blocking_wrappers_from_many_threads() {
    let d = dev();
    let hs: Vec<_> = (0..6)
        .map(|t| {
            let d = d.clone();
            std::thread::spawn(move || {
                for k in 0..20 {
                    let a = Array::<u8>::full(&d, &[33], (t * 20 + k) as u8).unwrap();
                    assert_eq!(a.to_vec().unwrap(), vec![(t * 20 + k) as u8; 33]);
                    d.synchronize().unwrap();
                }
            })
        })
        .collect();
    for h in hs {
        h.join().unwrap();
    }
}

#[test]
fn async_reads_of_a_lost_device_fail() {
    let d = Device::new().unwrap();
    let a = Array::<f32>::ones(&d, &[8]).unwrap();
    d.destroy();
    let r = futures::executor::block_on(a.to_vec_async());
    assert!(matches!(r, Err(ndgpu::Error::DeviceLost { .. })), "{r:?}");
    assert!(matches!(
        futures::executor::block_on(d.synchronize_async()),
        Err(ndgpu::Error::DeviceLost { .. })
    ));
}
