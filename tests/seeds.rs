//! The examples of the three seed documents (../shared/seeds/), one test
//! each, translated to Rust and run on the device. Expected values are the
//! outputs the documents print (which are NumPy's); byte strides are for the
//! documents' dtypes scaled to ours where the dtype differs (said per test).

mod common;

use common::dev;
use ndgpu::{Array, Error, NewAxis, Order, s};

// ----- copies-and-views.txt ----------------------------------------------------

/// `y = x[1:3]` is a view: `x[1:3] = [10, 11]` shows in `y`.
#[test]
fn slice_is_a_view_and_writes_show_through_both_ways() {
    let d = dev();
    let x = Array::<i32>::arange(&d, 0, 10, 1).unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    let y = x.slice(&s![1..3]).unwrap();
    assert_eq!(y.to_vec().unwrap(), vec![1, 2]);
    assert!(y.is_view_of(&x));
    let rhs = Array::from_slice(&d, &[10, 11], &[2]).unwrap();
    x.slice(&s![1..3]).unwrap().assign(&rhs).unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![0, 10, 11, 3, 4, 5, 6, 7, 8, 9]);
    assert_eq!(y.to_vec().unwrap(), vec![10, 11]);
    // and the other way: a write through the view shows in the original
    y.set(&[0], 42).unwrap();
    assert_eq!(x.get(&[1]).unwrap(), 42);
}

/// Advanced indexing copies: `y = x[[1, 2]]` has no base and is unaffected
/// by a later `x[[1, 2]] = ...`. ndgpu's integer-array indexing arrives in a
/// later issue; here the copy is made the way it is defined — gathering the
/// rows into new memory with `copy()` — and checked for the same behaviour.
#[test]
fn a_copy_has_no_base_and_does_not_follow_the_original() {
    let d = dev();
    let x = Array::<i32>::arange(&d, 0, 9, 1)
        .unwrap()
        .reshape(&[3, 3])
        .unwrap();
    let y = x.slice(&s![1..3]).unwrap().copy().unwrap();
    assert_eq!(y.to_vec().unwrap(), vec![3, 4, 5, 6, 7, 8]);
    assert!(y.base().is_none());
    assert!(!y.is_view());
    let rhs = Array::from_slice(&d, &[10, 11, 12, 13, 14, 15], &[2, 3]).unwrap();
    x.slice(&s![1..3]).unwrap().assign(&rhs).unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![0, 1, 2, 10, 11, 12, 13, 14, 15]);
    assert_eq!(y.to_vec().unwrap(), vec![3, 4, 5, 6, 7, 8]);
    assert!(!y.shares_memory(&x).unwrap());
}

/// `x.T` of `ones((2, 3))` is not contiguous; `z = y.view(); z.shape = 6`
/// fails with NumPy's message.
#[test]
fn transposed_view_cannot_take_a_flat_shape_in_place() {
    let d = dev();
    let x = Array::<f32>::ones(&d, &[2, 3]).unwrap();
    let y = x.t();
    assert_eq!(y.to_vec().unwrap(), vec![1.0; 6]);
    assert!(!y.is_c_contiguous());
    let mut z = y.view();
    let err = z.set_shape(&[6]).unwrap_err();
    assert!(matches!(err, Error::IncompatibleInPlaceShape { .. }));
    assert_eq!(
        err.to_string(),
        "Incompatible shape for in-place modification. Use `.reshape()` to make a copy with the desired shape."
    );
    // z is unchanged by the failed attempt
    assert_eq!(z.shape(), &[3, 2]);
    // reshape, by contrast, copies
    let r = y.reshape(&[6]).unwrap();
    assert!(r.base().is_none());
    assert!(!r.shares_memory(&x).unwrap());
}

/// `ravel` returns a view where it can, `flatten` always a copy, and
/// `reshape(-1)` a view in more cases than `ravel`.
#[test]
fn ravel_is_a_view_when_possible_flatten_always_copies() {
    let d = dev();
    let x = Array::<i32>::arange(&d, 0, 6, 1)
        .unwrap()
        .reshape(&[2, 3])
        .unwrap();
    let r = x.ravel().unwrap();
    assert!(r.shares_memory(&x).unwrap());
    assert!(r.is_view());
    let f = x.flatten().unwrap();
    assert!(!f.shares_memory(&x).unwrap());
    assert!(f.base().is_none());
    assert_eq!(r.to_vec().unwrap(), f.to_vec().unwrap());
    // A transposed array: ravel must copy, the values in C order of x.T.
    let t = x.t();
    let rt = t.ravel().unwrap();
    assert!(!rt.shares_memory(&x).unwrap());
    assert_eq!(rt.to_vec().unwrap(), vec![0, 3, 1, 4, 2, 5]);
    // x.T flattened in F order is a view (NumPy:
    // np.shares_memory(x.T.reshape(-1, order='F'), x) -> True).
    let back = t.reshape_order(&[-1], Order::F).unwrap();
    assert!(back.shares_memory(&x).unwrap());
    assert_eq!(back.to_vec().unwrap(), vec![0, 1, 2, 3, 4, 5]);
}

/// `y = arange(9).reshape(3, 3)`: `y.base` is the arange; `z = y[[2, 1]]` is
/// a copy (here: the rows gathered with copies, as above).
#[test]
fn reshape_is_a_view_whose_base_is_the_original() {
    let d = dev();
    let x = Array::<i32>::arange(&d, 0, 9, 1).unwrap();
    let y = x.reshape(&[3, 3]).unwrap();
    assert_eq!(y.to_vec().unwrap(), vec![0, 1, 2, 3, 4, 5, 6, 7, 8]);
    let base = y.base().expect("reshape is a view");
    assert_eq!(base.shape(), &[9]);
    assert!(y.is_view_of(&x));
    assert_eq!(base.to_vec().unwrap(), vec![0, 1, 2, 3, 4, 5, 6, 7, 8]);
    let z = y
        .slice(&s![..;-1])
        .unwrap()
        .slice(&s![..2])
        .unwrap()
        .copy()
        .unwrap();
    assert_eq!(z.to_vec().unwrap(), vec![6, 7, 8, 3, 4, 5]);
    assert!(z.base().is_none());
}

// ----- memory-views-internals.txt -----------------------------------------------

/// `b = a[1:3]` of a (3, 4) float64 array points 32 bytes into a's buffer.
/// Our f32 has 4-byte items: the same rows start 16 bytes in.
#[test]
fn row_slice_points_into_the_middle_of_the_buffer() {
    let d = dev();
    let a = Array::<f32>::arange(&d, 0.0, 12.0, 1.0)
        .unwrap()
        .reshape(&[3, 4])
        .unwrap();
    assert_eq!(a.strides_bytes(), vec![16, 4]); // (32, 8) for float64
    let b = a.slice(&s![1..3]).unwrap();
    assert_eq!(b.shape(), &[2, 4]);
    assert_eq!(b.strides_bytes(), vec![16, 4]);
    assert_eq!(b.offset_bytes(), a.offset_bytes() + 16);
    assert_eq!(b.buffer_id(), a.buffer_id());
    assert!(b.is_view_of(&a.base().unwrap()));
}

/// `arange(24).reshape(2, 3, 4)` has strides (96, 32, 8) for float64, i.e.
/// (12, 4, 1) elements; `a[::-1]` has a negative first stride.
#[test]
fn reversed_view_has_a_negative_first_stride() {
    let d = dev();
    let a = Array::<f32>::arange(&d, 0.0, 24.0, 1.0)
        .unwrap()
        .reshape(&[2, 3, 4])
        .unwrap();
    assert_eq!(a.strides(), &[12, 4, 1]);
    assert_eq!(a.strides_bytes(), vec![48, 16, 4]);
    let b = a.slice(&s![..;-1]).unwrap();
    assert_eq!(b.strides(), &[-12, 4, 1]);
    assert_eq!(b.strides_bytes(), vec![-48, 16, 4]);
    // b's data points to the last plane
    assert_eq!(b.offset(), 12);
    let want: Vec<f32> = (12..24).chain(0..12).map(|v| v as f32).collect();
    assert_eq!(b.to_vec().unwrap(), want);
}

/// `broadcast_to(array([1, 2, 3]), (1000, 3))` has strides (0, 8) for int64
/// — (0, 4) for our int32 — and is read-only.
#[test]
fn broadcast_view_has_a_zero_stride_and_is_read_only() {
    let d = dev();
    let a = Array::<i32>::from_slice(&d, &[1, 2, 3], &[3]).unwrap();
    let c = a.broadcast_to(&[1000, 3]).unwrap();
    assert_eq!(c.strides_bytes(), vec![0, 4]);
    assert!(!c.flags().writeable);
    assert!(matches!(c.fill(0).unwrap_err(), Error::ReadOnly { .. }));
    assert!(matches!(c.assign(&a).unwrap_err(), Error::ReadOnly { .. }));
    let v = c.to_vec().unwrap();
    assert_eq!(v.len(), 3000);
    assert!(v.chunks(3).all(|r| r == [1, 2, 3]));
    // The source is untouched and still writeable.
    assert!(a.flags().writeable);
    assert_eq!(a.to_vec().unwrap(), vec![1, 2, 3]);
}

/// The contiguity flags of the document's examples.
#[test]
fn contiguity_flags_of_the_examples() {
    let d = dev();
    let a = Array::<i32>::arange(&d, 0, 12, 1)
        .unwrap()
        .reshape(&[3, 4])
        .unwrap();
    assert!(a.flags().c_contiguous);
    assert!(!a.flags().f_contiguous);
    let b = a.asfortranarray().unwrap();
    assert!(b.flags().f_contiguous);
    assert!(!b.flags().c_contiguous);
    assert_eq!(b.to_vec().unwrap(), a.to_vec().unwrap());
    assert!(b.base().is_none(), "asfortranarray of a C array copies");
    let c = Array::<i32>::arange(&d, 0, 10, 1).unwrap();
    assert!(c.flags().c_contiguous && c.flags().f_contiguous);
    // Already in the right layout: no copy, the same buffer.
    let same = b.asfortranarray().unwrap();
    assert_eq!(same.buffer_id(), b.buffer_id());
}

/// A memoryview-style zero-copy write: modifying through a second view
/// changes the array (`mv[0] = 99` then `a[0] == 99`).
#[test]
fn writes_through_a_second_view_change_the_array() {
    let d = dev();
    let a = Array::<i32>::arange(&d, 0, 12, 1).unwrap();
    let mv = a.view();
    assert_eq!(mv.shape(), &[12]);
    assert_eq!(mv.strides_bytes(), vec![4]);
    mv.set(&[0], 99).unwrap();
    assert_eq!(a.get(&[0]).unwrap(), 99);
}

/// `tobytes()` then `frombuffer` gives an array that does not share memory
/// with the original: a host round trip is a copy.
#[test]
fn a_host_round_trip_does_not_share_memory() {
    let d = dev();
    let a = Array::<f32>::arange(&d, 0.0, 1000.0, 1.0).unwrap();
    let raw = a.to_vec().unwrap();
    let b = Array::from_slice(&d, &raw, &[1000]).unwrap();
    assert!(!ndgpu::shares_memory(&a, &b).unwrap());
    assert_eq!(b.to_vec().unwrap(), raw);
}

/// The sliding-window view `as_strided(a, (7, 4), (8, 8))` of arange(10):
/// rows [0 1 2 3] ... [6 7 8 9]. Its windows overlap, so ndgpu makes it
/// read-only (NumPy leaves it writeable, which is unsafe).
#[test]
fn sliding_windows_with_as_strided() {
    let d = dev();
    let a = Array::<f32>::arange(&d, 0.0, 10.0, 1.0).unwrap();
    let w = a.as_strided(&[7, 4], &[1, 1], 0).unwrap();
    let v = w.to_vec().unwrap();
    for r in 0..7 {
        let row: Vec<f32> = (r..r + 4).map(|x| x as f32).collect();
        assert_eq!(&v[r * 4..r * 4 + 4], row.as_slice());
    }
    assert!(!w.is_writeable());
    assert!(w.shares_memory(&a).unwrap());
    // One window too many would read past the buffer: an error, not garbage.
    assert!(matches!(
        a.as_strided(&[8, 4], &[1, 1], 0).unwrap_err(),
        Error::ViewOutOfBuffer { .. }
    ));
}

/// The `array_info` recipe's fields.
#[test]
fn array_info_reports_the_recipes_fields() {
    let d = dev();
    let a = Array::<f32>::zeros(&d, &[4, 6]).unwrap();
    let v = a.slice(&s![1.., ..;2]).unwrap();
    let i = v.info();
    assert_eq!(i.shape, vec![3, 3]);
    assert_eq!(i.strides, vec![24, 8]);
    assert_eq!(i.itemsize, 4);
    assert_eq!(i.byte_offset, 24);
    assert_eq!(i.buffer_id, a.buffer_id());
    assert!(!i.c_contiguous && !i.f_contiguous);
    assert!(i.writeable);
    assert!(!i.owns_data);
    assert_eq!(i.nbytes, 36);
    assert_eq!(i.base_shape, Some(vec![4, 6]));
    let text = i.to_string();
    for key in [
        "shape: (3, 3)",
        "strides: (24, 8)",
        "float32 (4 bytes)",
        "owns data: false",
        "base shape: (4, 6)",
    ] {
        assert!(text.contains(key), "{key} missing from\n{text}");
    }
}

/// Reference counting: `b = a[::2]; del a` keeps the buffer; `del b` frees
/// it. A copy of a small part lets the large parent go at once.
#[test]
fn a_view_keeps_the_parent_alive_and_a_copy_lets_it_go() {
    // A private device, so other tests' allocations do not disturb the counts.
    let d = ndgpu::Device::new().unwrap();
    let a = Array::<f32>::zeros(&d, &[1_000_000]).unwrap();
    assert_eq!(d.allocated_bytes(), 4_000_000);
    let b = a.slice(&s![..;2]).unwrap();
    assert_eq!(d.allocated_bytes(), 4_000_000, "a view allocates nothing");
    drop(a);
    assert_eq!(d.allocated_bytes(), 4_000_000, "the view keeps the buffer");
    assert_eq!(b.buffer_nbytes(), 4_000_000);
    drop(b);
    assert_eq!(d.allocated_bytes(), 0);

    let a = Array::<f32>::zeros(&d, &[1_000_000]).unwrap();
    let subset = a.slice(&s![..100]).unwrap().copy().unwrap();
    drop(a);
    assert_eq!(d.allocated_bytes(), 400);
    assert_eq!(subset.buffer_nbytes(), 400);
    assert_eq!(subset.to_vec().unwrap(), vec![0.0; 100]);
}

// ----- views-deep-dive.txt ------------------------------------------------------

/// Two views of one array, `[20, 30, 40]` and `[50, 60]` of
/// `[10, 20, 30, 40, 50, 60]`: both see a change to the original.
#[test]
fn two_windows_onto_one_buffer() {
    let d = dev();
    let arr = Array::<i32>::from_slice(&d, &[10, 20, 30, 40, 50, 60], &[6]).unwrap();
    let v1 = arr.slice(&s![1..4]).unwrap();
    let v2 = arr.slice(&s![4..]).unwrap();
    assert_eq!(v1.to_vec().unwrap(), vec![20, 30, 40]);
    assert_eq!(v2.to_vec().unwrap(), vec![50, 60]);
    assert!(!v1.shares_memory(&v2).unwrap());
    arr.fill(0).unwrap();
    assert_eq!(v1.to_vec().unwrap(), vec![0, 0, 0]);
    assert_eq!(v2.to_vec().unwrap(), vec![0, 0]);
}

/// Pitfall 1: modifying a slice modifies the original; `.copy()` avoids it.
#[test]
fn modifying_a_slice_changes_the_original_unless_copied() {
    let d = dev();
    let arr = Array::<i32>::from_slice(&d, &[1, 2, 3, 4], &[4]).unwrap();
    let slice_arr = arr.slice(&s![1..3]).unwrap();
    slice_arr.set(&[0], 100).unwrap();
    assert_eq!(arr.to_vec().unwrap(), vec![1, 100, 3, 4]);

    let arr = Array::<i32>::from_slice(&d, &[1, 2, 3, 4], &[4]).unwrap();
    let slice_arr = arr.slice(&s![1..3]).unwrap().copy().unwrap();
    slice_arr.set(&[0], 100).unwrap();
    assert_eq!(arr.to_vec().unwrap(), vec![1, 2, 3, 4]);
}

/// Pitfall 3: `reshape` of `arange(6)` to (2, 3) is a view, so writing
/// `reshaped[0, 0] = 100` changes `arr`; `shares_memory` confirms it.
#[test]
fn reshape_of_a_contiguous_array_shares_memory() {
    let d = dev();
    let arr = Array::<i32>::arange(&d, 0, 6, 1).unwrap();
    let reshaped = arr.reshape(&[2, 3]).unwrap();
    assert!(arr.shares_memory(&reshaped).unwrap());
    reshaped.set(&[0, 0], 100).unwrap();
    assert_eq!(arr.to_vec().unwrap(), vec![100, 1, 2, 3, 4, 5]);
}

/// Reshape and transpose are views: `a.reshape((3, 2))` and `a.T` share
/// memory with `a`.
#[test]
fn reshape_and_transpose_are_views() {
    let d = dev();
    let a = Array::<f32>::arange(&d, 0.0, 6.0, 1.0)
        .unwrap()
        .reshape(&[2, 3])
        .unwrap();
    let r = a.reshape(&[3, 2]).unwrap();
    let t = a.t();
    assert!(r.shares_memory(&a).unwrap() && t.shares_memory(&a).unwrap());
    assert_eq!(t.to_vec().unwrap(), vec![0.0, 3.0, 1.0, 4.0, 2.0, 5.0]);
    assert_eq!(t.strides_bytes(), vec![4, 12]);
}

/// A new axis is a view too (`x[:, None]`), with NumPy's zero stride.
#[test]
fn new_axis_is_a_view() {
    let d = dev();
    let x = Array::<i32>::arange(&d, 0, 9, 1)
        .unwrap()
        .reshape(&[3, 3])
        .unwrap();
    let y = x.slice(&s![1.., NewAxis]).unwrap();
    assert_eq!(y.shape(), &[2, 1, 3]);
    assert_eq!(y.strides(), &[3, 0, 1]); // NumPy: (24, 0, 8) for int64
    assert_eq!(y.to_vec().unwrap(), vec![3, 4, 5, 6, 7, 8]);
}
