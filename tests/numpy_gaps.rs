//! Small places where ndgpu once differed from NumPy: assignment dropping
//! the source's leading length-1 axes, `ascontiguousarray`/`asfortranarray`
//! of a 0-d array, and what errors say. Expected values are NumPy 2.4's
//! (the Python is given with each).

mod common;

use common::dev;
use ndgpu::{Array, Error, dot};

/// `x = np.zeros((3, 4)); x[...] = np.arange(12).reshape(1, 1, 3, 4)` works;
/// `x[...] = np.ones((2, 3, 4))` raises "could not broadcast input array
/// from shape (2,3,4) into shape (3,4)"; `x += np.ones((1, 3, 4))` raises
/// "non-broadcastable output operand".
#[test]
fn assignment_drops_leading_length_one_axes() {
    let d = dev();
    let x = Array::<i32>::zeros(&d, &[3, 4]).unwrap();
    let y = Array::<i32>::arange(&d, 0, 12, 1)
        .unwrap()
        .reshape(&[1, 1, 3, 4])
        .unwrap();
    x.assign(&y).unwrap();
    assert_eq!(x.to_vec().unwrap(), (0..12).collect::<Vec<_>>());
    // through a transposed destination: x.T[...] = y.reshape(1, 4, 3)
    let y2 = y.reshape(&[1, 4, 3]).unwrap();
    x.t().assign(&y2).unwrap();
    assert_eq!(
        x.t().to_vec().unwrap(),
        (0..12).collect::<Vec<_>>(),
        "x.T now holds 0..12 in C order"
    );
    // a leading 1 that then broadcasts: (1, 1, 4) into (3, 4)
    let row = Array::<i32>::arange(&d, 5, 9, 1)
        .unwrap()
        .reshape(&[1, 1, 4])
        .unwrap();
    x.assign(&row).unwrap();
    assert_eq!(x.to_vec().unwrap(), [5, 6, 7, 8].repeat(3));
    let bad = Array::<i32>::ones(&d, &[2, 3, 4]).unwrap();
    match x.assign(&bad) {
        Err(e @ Error::BroadcastTo { .. }) => {
            assert!(e.to_string().contains("(2, 3, 4)"), "{e}")
        }
        other => panic!("expected BroadcastTo, got {other:?}"),
    }
    // in-place arithmetic does not drop axes (NumPy: non-broadcastable output)
    let one = Array::<i32>::ones(&d, &[1, 3, 4]).unwrap();
    assert!(x.add_assign(&one).is_err());
    // 0-d destination from a (1, 1) source
    let s0 = Array::<i32>::scalar(&d, 0).unwrap();
    s0.assign(&Array::<i32>::full(&d, &[1, 1], 9).unwrap())
        .unwrap();
    assert_eq!(s0.item().unwrap(), 9);
}

/// `a = np.array(5); b = np.ascontiguousarray(a)`: b.shape == (1,),
/// b.base is a (a view); the same for `np.asfortranarray`.
#[test]
fn contiguous_forms_of_a_0d_array_have_one_axis() {
    let d = dev();
    let a = Array::<f32>::scalar(&d, 5.0).unwrap();
    for b in [a.ascontiguousarray().unwrap(), a.asfortranarray().unwrap()] {
        assert_eq!(b.shape(), &[1]);
        assert!(b.shares_memory(&a).unwrap());
        assert!(b.is_c_contiguous() && b.is_f_contiguous());
        assert_eq!(b.to_vec().unwrap(), vec![5.0]);
    }
}

/// Error texts carry the numbers: which matrix-product axes disagree
/// (NumPy: "shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0)"),
/// and limit errors give the exact bytes asked for.
#[test]
fn errors_name_the_call_and_the_numbers() {
    let d = dev();
    let a = Array::<f32>::ones(&d, &[2, 3]).unwrap();
    assert_eq!(
        dot(&a, &a).unwrap_err().to_string(),
        "dot: shapes (2, 3) and (2, 3) not aligned: 3 (dim 1) != 2 (dim 0)"
    );
    // NumPy: np.arange(0, 1e300, 1e280) raises "Maximum allowed size
    // exceeded"; here the overflow says which length.
    let e = Array::<f64>::arange(&d, 0.0, 1e300, 1e280).unwrap_err();
    assert!(matches!(e, Error::Overflow { .. }), "{e:?}");
    assert!(
        e.to_string().starts_with("arange: size overflow (length 1"),
        "{e}"
    );
    let limit = d.info().max_buffer_size;
    // 3 bytes past the limit, in 1-byte elements: the error gives that
    // count exactly, not a rounded-up buffer size.
    let n = limit as usize + 3;
    match Array::<u8>::zeros(&d, &[n]) {
        Err(Error::LimitExceeded {
            op,
            requested,
            limit: l,
            ..
        }) => {
            assert_eq!(op, "zeros");
            assert_eq!(requested, n as u64);
            assert_eq!(l, limit);
        }
        other => panic!("expected LimitExceeded, got {other:?}"),
    }
}
