//! Reductions of a pending element-wise chain's output (kept with the
//! chain, `compute/elementwise/reduce_tail.rs`): bit for bit the values of
//! the same operations on a device with fusion off, whether the chain is
//! fused into the reduction's load (the input dropped before the chain
//! runs) or stored and read (the input still held), under both tunings;
//! fewer kernels when fused.

mod common;

use ndgpu::{Array, Device, DeviceOptions, Element, Tuning, s};

/// (fused, eager) device pairs, one per tuning.
fn devices() -> Vec<(Device, Device)> {
    [Tuning::Auto, Tuning::Gpu]
        .into_iter()
        .map(|tuning| {
            let make = |disable_fusion| {
                Device::with_options(DeviceOptions {
                    tuning,
                    disable_fusion,
                    ..Default::default()
                })
                .unwrap()
            };
            (make(false), make(true))
        })
        .collect()
}

/// The bits of each value, every NaN as one (see tests/fusion.rs).
#[allow(clippy::eq_op)]
fn bits<T: Element>(v: &[T]) -> Vec<u64> {
    v.iter()
        .map(|x| if x != x { u64::MAX } else { x.to_bits() })
        .collect()
}

/// Runs `f` on both devices of each pair and compares every result's
/// bits; returns the dispatches (fused, eager) of the last pair. `f` runs
/// between two synchronizations, so its temporaries are dropped before
/// the chain runs.
fn same<R: Element>(f: impl Fn(&Device) -> Vec<Array<R>>) -> (u64, u64) {
    let mut counts = (0, 0);
    for (fd, ed) in devices() {
        let run = |d: &Device| {
            d.synchronize().unwrap();
            let n0 = d.dispatch_count();
            let out = f(d);
            let vals: Vec<Vec<u64>> = out.iter().map(|a| bits(&a.to_vec().unwrap())).collect();
            (vals, d.dispatch_count() - n0)
        };
        let (a, na) = run(&fd);
        let (b, nb) = run(&ed);
        assert_eq!(a.len(), b.len());
        for (k, (x, y)) in a.iter().zip(&b).enumerate() {
            assert_eq!(x, y, "result {k} ({:?})", fd.info().cpu_tuned);
        }
        counts = (na, nb);
    }
    counts
}

/// Whether the default device has 64-bit floats and integers (not on
/// llvmpipe's GL, `WGPU_BACKEND=gl`): the 64-bit cases need them.
fn wide() -> bool {
    let info = Device::new().unwrap().info().clone();
    info.shader_f64 && info.shader_int64
}

fn data<T: Element>(n: usize, seed: usize) -> Vec<T> {
    (0..n)
        .map(|i| T::from_f64(((i * 37 + seed * 11) % 23) as f64 - 7.0))
        .collect()
}

/// Each reduction over `(a * b + 3)` of a `[rows, cols]` array, in one
/// statement each (the chain's output is a dropped temporary).
fn reductions<T: Element>(rows: usize, cols: usize) {
    let (a, b) = (data::<T>(rows * cols, 1), data::<T>(rows * cols, 2));
    let chain = |d: &Device| {
        let x = Array::from_slice(d, &a, [rows, cols]).unwrap();
        let y = Array::from_slice(d, &b, [rows, cols]).unwrap();
        (x, y)
    };
    let three = T::from_f64(3.0);
    same(|d| {
        let (x, y) = chain(d);
        let p = || (&(&x * &y).unwrap() + three).unwrap();
        let all = p().sum_as::<T>(None, false).unwrap();
        let rows_ = p().sum_as::<T>(Some(&[1]), false).unwrap();
        let cols_ = p().sum_as::<T>(Some(&[0]), true).unwrap();
        let mx = p().max(Some(&[-1]), false).unwrap();
        let mn = p().min(None, false).unwrap();
        let pr = (&x.clip(T::from_f64(1.0), T::from_f64(2.0)).unwrap() * three)
            .unwrap()
            .prod_as::<T>(Some(&[1]), false)
            .unwrap();
        vec![all, rows_, cols_, mx, mn, pr]
    });
    same(|d| {
        let (x, y) = chain(d);
        let p = || (&(&x * &y).unwrap() + three).unwrap();
        vec![
            p().argmax(Some(1), false).unwrap(),
            p().argmin(None, false).unwrap(),
        ]
    });
    same(|d| {
        let (x, y) = chain(d);
        let p = || (&x - &y).unwrap();
        vec![
            p().any(Some(&[1]), false).unwrap(),
            p().all(None, false).unwrap(),
        ]
    });
}

#[test]
fn every_reduction_of_a_chain_gives_the_eager_bits() {
    for (r, c) in [(64, 1024), (33, 37), (1, 1), (5, 1), (1, 4099), (300, 8)] {
        reductions::<f32>(r, c);
        reductions::<i32>(r, c);
        reductions::<u32>(r, c);
    }
    if !wide() {
        eprintln!("no 64-bit floats or integers: the 64-bit cases are skipped");
        return;
    }
    for (r, c) in [(64, 1024), (33, 37), (1, 1), (1, 4099)] {
        reductions::<f64>(r, c);
        reductions::<i64>(r, c);
        reductions::<u64>(r, c);
    }
}

/// Sums whose rounding depends on the order of additions: the fused load
/// folds each value where the stored one would have been folded. (Each
/// reduction is its own statement: a temporary lives to the end of its
/// statement, so inside one `vec![...]` every product would still be held
/// when the next one runs the chain.)
#[test]
fn inexact_sums_give_the_eager_bits() {
    let a: Vec<f32> = (0..4096 * 16)
        .map(|i| ((i * 7919) % 1000) as f32 / 7.0 + 1e4)
        .collect();
    let (nf, ne) = same(|d| {
        let x = Array::from_slice(d, &a, [16, 4096]).unwrap();
        let y = x.slice(s![.., ..4000]).unwrap().copy().unwrap();
        let s1 = (&x * 1.5f32).unwrap().sum(None, false).unwrap();
        let s2 = (&x * 1.5f32).unwrap().sum(Some(&[1]), false).unwrap();
        let s3 = (&y * 1.5f32).unwrap().sum(Some(&[1]), false).unwrap();
        let s4 = (&x * 1.5f32).unwrap().sum(Some(&[0]), false).unwrap();
        vec![s1, s2, s3, s4]
    });
    // Every product fused, the column sum in the narrow mapping too.
    assert_eq!(nf + 4, ne, "fused {nf}, eager {ne}");
}

#[test]
fn means_of_a_chain_give_the_eager_bits() {
    let a = data::<f32>(4096 * 16, 3);
    let (nf, ne) = same(|d| {
        let x = Array::from_slice(d, &a, [16, 4096]).unwrap();
        let m1 = (&x * 0.1f32).unwrap().mean(None, false).unwrap();
        let m2 = (&x * 0.1f32).unwrap().mean(Some(&[1]), false).unwrap();
        let m3 = (&x * 0.1f32).unwrap().mean(Some(&[0]), false).unwrap();
        vec![m1, m2, m3]
    });
    assert_eq!(nf + 3, ne, "fused {nf}, eager {ne}");
}

/// A fused sum of a product launches no kernel for the product.
#[test]
fn a_fused_sum_launches_fewer_kernels() {
    let (a, b) = (data::<f32>(1 << 20, 1), data::<f32>(1 << 20, 2));
    let (nf, ne) = same(|d| {
        let x = Array::from_slice(d, &a, [1024, 1024]).unwrap();
        let y = Array::from_slice(d, &b, [1024, 1024]).unwrap();
        let s1 = (&x * &y).unwrap().sum(None, false).unwrap();
        let s2 = (&(&x * &y).unwrap() - 1.0f32)
            .unwrap()
            .sum(Some(&[1]), false)
            .unwrap();
        vec![s1, s2]
    });
    // Three map kernels fewer (the uploads are not dispatches).
    assert_eq!(nf + 3, ne, "fused {nf}, eager {ne}");
}

/// A chain's output still held when the chain runs is stored (and the
/// reduction reads it): both values right, and no kernel saved.
#[test]
fn a_held_input_is_stored_and_read() {
    let (a, b) = (data::<f32>(4096, 1), data::<f32>(4096, 2));
    let (nf, ne) = same(|d| {
        let x = Array::from_slice(d, &a, [4096]).unwrap();
        let y = Array::from_slice(d, &b, [4096]).unwrap();
        let p = (&x * &y).unwrap();
        let s = p.sum(None, false).unwrap();
        // Read while `p` is held.
        let v = s.to_vec().unwrap();
        let s2 = Array::from_slice(d, &v, [1]).unwrap();
        let t = p.t().copy().unwrap();
        vec![s, s2, p, t]
    });
    assert_eq!(nf, ne);
}

/// Writes after a kept reduction see it run first; an in-place chain, a
/// held intermediate, a second reduction of the same input, leaves at an
/// offset and of another dtype.
#[test]
fn kept_reductions_keep_numpy_order() {
    if !wide() {
        eprintln!("no 64-bit floats: skipped (it casts to f64)");
        return;
    }
    in_order::<f32>();
    in_order::<f64>();
    in_order::<i32>();
}

fn in_order<T: Element>() {
    let a = data::<T>(1000, 1);
    let b = data::<T>(1003, 2);
    let c = |v: f64| T::from_f64(v);
    same(|d| {
        let x = Array::from_slice(d, &a, [1000]).unwrap();
        let y = Array::from_slice(d, &b, [1003]).unwrap();
        let y3 = y.slice(s![3..]).unwrap();
        // Leaves at offsets 0 and 3 (not 16-byte aligned together).
        let s1 = (&x * &y3).unwrap().sum_as::<T>(None, false).unwrap();
        // The sum must see x before this write.
        x.slice(s![..500]).unwrap().fill(c(5.0)).unwrap();
        // In place: p = x * 2; p += y3; sum of p (dropped).
        let mut p = (&x * c(2.0)).unwrap();
        p += &y3;
        let s2 = p.sum_as::<T>(None, false).unwrap();
        drop(p);
        // A held intermediate: q held, its input p2 reduced and dropped.
        let p2 = (&x - &y3).unwrap();
        let q = (&p2 * &p2).unwrap();
        let s3 = p2.max(None, false).unwrap();
        drop(p2);
        // Two reductions of one input: the second runs the first.
        let p3 = (&x + c(1.0)).unwrap();
        let s4 = p3.sum_as::<T>(None, false).unwrap();
        let s5 = p3.min(None, false).unwrap();
        drop(p3);
        // A leaf of another dtype (f32 into f64), reduced as f64.
        let s6 = (&x.astype::<f64>().unwrap() * 0.5f64)
            .unwrap()
            .sum(None, false)
            .unwrap()
            .astype::<T>()
            .unwrap();
        // The reduced array is a view of the chain's output: not kept.
        let s7 = (&x * c(3.0))
            .unwrap()
            .slice(s![1..])
            .unwrap()
            .sum_as::<T>(None, false)
            .unwrap();
        // A write into a leaf right after the kept reduction.
        let s8 = (&x * &x).unwrap().sum_as::<T>(None, false).unwrap();
        x.fill(c(-1.0)).unwrap();
        vec![s1, s2, q, s3, s4, s5, s6, s7, s8, x]
    });
}

/// Errors of a reduction still come from the call, with a chain pending.
#[test]
fn errors_come_from_the_call() {
    let d = Device::new().unwrap();
    let x = Array::<f32>::ones(&d, [4, 5]).unwrap();
    let e = (&x * 2.0f32).unwrap().sum(Some(&[2]), false).unwrap_err();
    assert!(e.to_string().contains("sum"), "{e}");
    let e = (&x * 2.0f32).unwrap().argmax(Some(-3), false).unwrap_err();
    assert!(e.to_string().contains("argmax"), "{e}");
    assert_eq!(
        (&x * 2.0f32)
            .unwrap()
            .sum(None, false)
            .unwrap()
            .item()
            .unwrap(),
        40.0
    );
}
