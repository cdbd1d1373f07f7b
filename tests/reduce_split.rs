//! Reductions whose partial results would not fit one buffer or binding
//! are split into parts (`reduce.rs`, `run_reduction`): the sum of a
//! 2^33-element broadcast view gives NumPy's answer instead of an error
//! about a buffer the caller never asked for. Expected values are NumPy
//! 2.4's for the same expressions (given with each).

mod common;

use common::dev;
use ndgpu::Array;

/// `np.broadcast_to(np.int32(1), 2**33).sum()` is 8589934592 (int64).
#[test]
fn sum_of_a_2_pow_33_element_broadcast_view() {
    let d = dev();
    let one = Array::<i32>::ones(&d, &[1]).unwrap();
    let big = one.broadcast_to(&[1 << 33]).unwrap();
    assert_eq!(big.sum(None, false).unwrap().item().unwrap(), 1i64 << 33);
}

/// One output's partials past a binding (float32 partials pass half of
/// lavapipe's 128 MiB binding from 2^27 elements): mean, max and all over
/// 2^28 elements (`b = np.broadcast_to(np.arange(1024, dtype=np.float32),
/// (2**18, 1024))`: `b.mean()` is 511.5, `b.max()` 1023.0, `b.all()`
/// False, `(b + 1).all()` True).
#[test]
fn whole_reductions_past_one_binding_of_partials() {
    let d = dev();
    let row = Array::<f32>::arange(&d, 0.0, 1024.0, 1.0).unwrap();
    let b = row.broadcast_to(&[1 << 18, 1024]).unwrap();
    assert_eq!(b.mean(None, false).unwrap().item().unwrap(), 511.5);
    assert_eq!(b.max(None, false).unwrap().item().unwrap(), 1023.0);
    assert!(!b.all(None, false).unwrap().item().unwrap());
    let shifted = (&row + 1.0)
        .unwrap()
        .broadcast_to(&[1 << 18, 1024])
        .unwrap();
    assert!(shifted.all(None, false).unwrap().item().unwrap());
}

/// All outputs' partials past half the largest buffer: 2^22 row sums of
/// 256 float64 (`np.broadcast_to(np.arange(256.0), (2**22, 256)).sum(axis=1)`
/// is 32640.0 everywhere), and the same over the first axis of the
/// transpose.
#[test]
fn many_outputs_with_many_partials_each() {
    let d = dev();
    let row = Array::<f64>::arange(&d, 0.0, 256.0, 1.0).unwrap();
    let b = row.broadcast_to(&[1 << 22, 256]).unwrap();
    let s = b.sum(Some(&[1]), false).unwrap().to_vec().unwrap();
    assert_eq!(s.len(), 1 << 22);
    assert!(s.iter().all(|&x| x == 32640.0));
    let s0 = b.t().sum(Some(&[0]), true).unwrap();
    assert_eq!(s0.shape(), &[1, 1 << 22]);
    let v = s0.to_vec().unwrap();
    assert!(v.iter().all(|&x| x == 32640.0));
}
