//! One failing operation never changes another operation's result: what
//! returned `Ok` is done, whatever fails after it, on any thread; the failing
//! operation returns its own error; a device lost in the middle of a batch
//! makes later reads fail, never return stale data.
//!
//! The failing operation is `Device::record_refused_command`, a test hook
//! that records a command wgpu refuses through the same path every kernel
//! and copy takes.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::dev;
use ndgpu::{Array, Device, Error};

/// The sequence from the issue: `fill` returned Ok, then a refused command;
/// the fill still happened, and every later read sees it (NumPy:
/// `x = np.zeros(4); x.fill(5); x + 1` is `[6, 6, 6, 6]`).
#[test]
fn a_refused_command_does_not_undo_earlier_work() {
    let d = Device::new().unwrap();
    let x = Array::<i32>::zeros(&d, &[4]).unwrap();
    x.fill(5).unwrap();
    match d.record_refused_command("my_op") {
        Err(Error::Validation { op, message }) => {
            assert_eq!(op, "my_op", "the error names the failing call");
            assert!(!message.is_empty());
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(x.to_vec().unwrap(), vec![5; 4]);
    assert_eq!(x.to_vec().unwrap(), vec![5; 4]);
    assert_eq!((&x + 1).unwrap().to_vec().unwrap(), vec![6; 4]);
    // Work recorded after the failure, in the same batch, happens too.
    let y = (&x * 3).unwrap();
    d.record_refused_command("again").unwrap_err();
    let z = (&y - 1).unwrap();
    assert_eq!(z.to_vec().unwrap(), vec![14; 4]);
    assert_eq!(d.last_uncaptured_error(), None);
}

/// A refused command between many batched operations, with no read-back in
/// between: the batch that holds the survivors is submitted whole.
#[test]
fn refused_commands_inside_a_long_batch() {
    let d = Device::new().unwrap();
    let mut x = Array::<f32>::zeros(&d, &[64]).unwrap();
    for k in 0..600 {
        x = (&x + 1.0).unwrap();
        if k % 7 == 0 {
            d.record_refused_command("refused").unwrap_err();
        }
    }
    assert_eq!(x.to_vec().unwrap(), vec![600.0; 64]);
}

/// Four threads doing valid work, each checking every result, while a fifth
/// keeps issuing refused commands on the same device.
#[test]
fn valid_threads_are_unaffected_by_a_failing_thread() {
    let d = dev();
    let stop = Arc::new(AtomicBool::new(false));
    let failures = Arc::new(AtomicUsize::new(0));
    let bad = {
        let (d, stop, failures) = (d.clone(), stop.clone(), failures.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let e = d.record_refused_command("refused").unwrap_err();
                assert!(
                    matches!(e, Error::Validation { op: "refused", .. }),
                    "{e:?}"
                );
                failures.fetch_add(1, Ordering::Relaxed);
            }
        })
    };
    let deadline = Instant::now() + Duration::from_secs(3);
    let workers: Vec<_> = (0..4)
        .map(|t| {
            let d = d.clone();
            std::thread::spawn(move || {
                let mut checked = 0usize;
                let mut k = 0i32;
                while Instant::now() < deadline || checked < 20 {
                    let a = Array::<i32>::arange(&d, 0, 256, 1).unwrap();
                    let b = Array::<i32>::zeros(&d, &[256]).unwrap();
                    b.fill(t * 1000 + k).unwrap();
                    let c = (&(&a * 2).unwrap() + &b).unwrap();
                    // A write through a view, then a read of the original.
                    a.slice(&ndgpu::s![..;2]).unwrap().fill(-1).unwrap();
                    let want: Vec<i32> = (0..256).map(|i| 2 * i + t * 1000 + k).collect();
                    assert_eq!(c.to_vec().unwrap(), want, "thread {t} step {k}");
                    let got = a.to_vec().unwrap();
                    for (i, &v) in got.iter().enumerate() {
                        let w = if i % 2 == 0 { -1 } else { i as i32 };
                        assert_eq!(v, w, "thread {t} step {k} index {i}");
                    }
                    checked += 1;
                    k += 1;
                }
                checked
            })
        })
        .collect();
    let checked: usize = workers.into_iter().map(|h| h.join().unwrap()).sum();
    stop.store(true, Ordering::Relaxed);
    bad.join().unwrap();
    assert!(checked >= 80, "{checked} results checked");
    assert!(failures.load(Ordering::Relaxed) > 0);
}

/// The device is lost with recorded, unsubmitted work: reading it back is
/// `DeviceLost`, never the buffer's old contents, and so is everything after.
#[test]
fn device_lost_in_the_middle_of_a_batch() {
    let d = Device::new().unwrap();
    let x = Array::<f32>::ones(&d, &[1024]).unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![1.0; 1024]);
    let mut y = x.clone();
    for _ in 0..10 {
        y = (&y + 1.0).unwrap();
    }
    x.fill(7.0).unwrap();
    d.destroy();
    assert!(matches!(y.to_vec(), Err(Error::DeviceLost { .. })));
    assert!(matches!(x.to_vec(), Err(Error::DeviceLost { .. })));
    assert!(matches!(x.get(&[3]), Err(Error::DeviceLost { .. })));
    assert!(matches!(&x + 1.0, Err(Error::DeviceLost { .. })));
    assert!(matches!(d.flush(), Err(Error::DeviceLost { .. })));
    assert!(matches!(d.synchronize(), Err(Error::DeviceLost { .. })));
}

/// The same, with the loss coming from another thread while this one keeps
/// recording: every result read back is either right or `DeviceLost`.
#[test]
fn device_lost_from_another_thread() {
    let d = Device::new().unwrap();
    let killer = {
        let d = d.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            d.destroy();
        })
    };
    let mut right = 0;
    let mut lost = 0;
    for k in 0..100_000i32 {
        let r = Array::<i32>::full(&d, &[32], k)
            .and_then(|a| &a * 2)
            .and_then(|b| b.to_vec());
        match r {
            Ok(v) => {
                assert_eq!(v, vec![2 * k; 32]);
                right += 1;
            }
            Err(Error::DeviceLost { .. }) => {
                lost += 1;
                if lost > 5 {
                    break;
                }
            }
            Err(e) => panic!("expected a result or DeviceLost, got {e:?}"),
        }
    }
    killer.join().unwrap();
    assert!(right > 0 && lost > 0, "right {right}, lost {lost}");
}
