#![cfg(feature = "ndarray")]
//! `ndarray` interop: views of every kind (C, F, reversed, permuted,
//! stepped, broadcast, 0-d, empty) to the device and back, for every dtype;
//! contiguous views upload exactly their bytes in one block.
//!
//! Run with `cargo test --release --features ndarray --test ndarray_interop`.

mod common;

use std::sync::{Mutex, MutexGuard};

use common::dev;
use half::f16;
use ndarray::{Array1, Array2, Array3, ArrayD, Ix1, Ix2, Ix3, IxDyn, ShapeBuilder, arr0, s};
use ndgpu::{Array, Element, Error};

/// The upload counters are per device and the tests of this binary share
/// one: every test holds this lock so the deltas they check are their own.
fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// (uploaded bytes, uploads) so far.
fn stats() -> (u64, u64) {
    let t = dev().transfer_stats();
    (t.uploaded_bytes, t.uploads)
}

/// Uploads `a`, checks shape and values against ndarray's logical order,
/// and the bytes and uploads it took; returns the device array.
#[track_caller]
fn up<T: Element, S: ndarray::Data<Elem = T>, D: ndarray::Dimension>(
    a: &ndarray::ArrayBase<S, D>,
) -> Array<T> {
    let (b, n) = stats();
    let d = Array::from_ndarray(&dev(), a).unwrap();
    let (b2, n2) = stats();
    assert_eq!(
        b2 - b,
        (a.len() * T::DTYPE.itemsize()) as u64,
        "uploaded bytes"
    );
    assert_eq!(n2 - n, u64::from(!a.is_empty()), "one upload");
    assert_eq!(d.shape(), a.shape());
    assert_eq!(d.to_vec().unwrap(), a.iter().copied().collect::<Vec<_>>());
    assert_eq!(d.to_ndarray().unwrap(), a.to_owned().into_dyn());
    d
}

fn base() -> Array2<i32> {
    Array2::from_shape_fn((4, 6), |(i, j)| (i * 10 + j) as i32)
}

#[test]
fn c_order() {
    let _serial = serial();
    let a = base();
    let d = up(&a);
    assert!(d.flags().c_contiguous);
    // A view of whole rows (a length-1 axis keeps ndarray's stride).
    let row = a.slice(s![1..2, ..]);
    let d = up(&row);
    assert_eq!(d.shape(), [1, 6]);
    let d = up(&a.slice(s![2, ..]));
    assert_eq!(d.to_vec().unwrap(), [20, 21, 22, 23, 24, 25]);
}

#[test]
fn f_order_keeps_memory_order() {
    let _serial = serial();
    let a = base();
    let t = a.view().reversed_axes();
    let d = up(&t);
    assert!(d.flags().f_contiguous && !d.flags().c_contiguous);
    // An owned F-order array.
    let f = Array2::from_shape_vec((3, 2).f(), vec![1.5f64, 2., 3., 4., 5., 6.]).unwrap();
    let d = up(&f);
    assert!(d.flags().f_contiguous);
    assert_eq!(d.to_vec().unwrap(), [1.5, 4., 2., 5., 3., 6.]);
    // A permuted 3-d array.
    let c = Array3::from_shape_fn((2, 3, 4), |(i, j, k)| (i * 100 + j * 10 + k) as u16);
    let p = c.view().permuted_axes([2, 0, 1]);
    let d = up(&p);
    assert_eq!(d.shape(), [4, 2, 3]);
    assert_eq!(d.strides(), [1, 12, 4], "the memory order, in elements");
}

#[test]
fn negative_strides_keep_directions() {
    let _serial = serial();
    let a = base();
    let r = a.slice(s![..;-1, ..]);
    let d = up(&r);
    assert!(d.strides()[0] < 0, "{:?}", d.strides());
    let rr = a.slice(s![..;-1, ..;-1]);
    up(&rr);
    let rt = a.slice(s![..;-1, ..]).reversed_axes();
    let d = up(&rt);
    assert_eq!(d.shape(), [6, 4]);
    let one = Array1::from_iter(0..7u8);
    let d = up(&one.slice(s![..;-1]));
    assert_eq!(d.to_vec().unwrap(), [6, 5, 4, 3, 2, 1, 0]);
    // Operations on it see the logical order.
    assert_eq!(d.get([0]).unwrap(), 6);
}

#[test]
fn non_contiguous_views_copy_their_elements() {
    let _serial = serial();
    let a = base();
    // Stepped: one host copy in logical order, exactly its elements.
    let st = a.slice(s![.., ..;2]);
    let d = up(&st);
    assert!(d.flags().c_contiguous);
    up(&a.slice(s![1..;2, ..;-3]));
    up(&a.slice(s![.., 1..5]));
    // Broadcast (zero strides).
    let row = Array1::from_iter([1.0f32, 2.0, 3.0]);
    let b = row.broadcast((4, 3)).unwrap();
    let d = up(&b);
    assert_eq!(d.to_vec().unwrap(), [1., 2., 3.].repeat(4));
    // Transposed and stepped.
    up(&a.slice(s![..;3, ..]).reversed_axes());
}

#[test]
fn zero_d_and_empty() {
    let _serial = serial();
    let z = arr0(2.5f32);
    let d = up(&z);
    assert_eq!(d.shape(), [] as [usize; 0]);
    assert_eq!(d.to_ndarray().unwrap(), arr0(2.5f32).into_dyn());
    let e = Array2::<f64>::zeros((0, 3));
    let d = up(&e);
    assert_eq!(d.shape(), [0, 3]);
    // A reversed empty view and a stepped one.
    up(&e.slice(s![..;-1, ..]));
    let e3 = Array3::<u8>::zeros((2, 0, 4));
    up(&e3.slice(s![.., .., ..;2]));
    let back = Array::<i16>::zeros(&dev(), [3, 0])
        .unwrap()
        .to_ndarray()
        .unwrap();
    assert_eq!(back.shape(), [3, 0]);
}

trait Gen: Element {
    fn at(i: usize) -> Self;
}
macro_rules! gen_ {
    ($($t:ty => |$i:ident| $e:expr;)*) => { $(impl Gen for $t { fn at($i: usize) -> Self { $e } })* };
}
gen_! {
    bool => |i| i % 3 == 1;
    u8 => |i| (i * 37) as u8;
    i8 => |i| (i as i8).wrapping_mul(-13);
    u16 => |i| (i * 4099) as u16;
    i16 => |i| (i as i16).wrapping_mul(-4099);
    f16 => |i| f16::from_f32(i as f32 * 0.5 - 3.0);
    u32 => |i| (i as u32).wrapping_mul(2654435761);
    i32 => |i| (i as i32).wrapping_mul(-65521);
    f32 => |i| i as f32 / 3.0;
    u64 => |i| u64::MAX - i as u64;
    i64 => |i| (i as i64 - 5) << 40;
    f64 => |i| -(i as f64) / 7.0;
}

fn every_layout<T: Gen>() {
    let c = Array3::from_shape_fn((3, 4, 5), |(i, j, k)| T::at(i * 20 + j * 5 + k));
    up(&c);
    up(&c.view().reversed_axes());
    up(&c.slice(s![..;-1, .., ..;-1]));
    up(&c.view().permuted_axes([1, 2, 0]));
    up(&c.slice(s![.., 1..3, ..;2]));
    up(&c.slice(s![1, .., 3]));
    up(&arr0(T::at(7)));
    up(&Array2::from_elem((0, 5), T::at(1)));
    // Round trips through the fixed-dimension download.
    let d = Array::from_ndarray(&dev(), &c).unwrap();
    assert_eq!(d.to_ndarray_dim::<Ix3>().unwrap(), c);
    let t = d.t();
    assert_eq!(t.to_ndarray_dim::<Ix3>().unwrap(), c.view().reversed_axes());
    let dy: ArrayD<T> = c.clone().into_dyn();
    assert_eq!(
        Array::from_ndarray(&dev(), &dy)
            .unwrap()
            .to_ndarray_dim::<IxDyn>()
            .unwrap(),
        dy
    );
}

#[test]
fn every_dtype() {
    let _serial = serial();
    every_layout::<bool>();
    every_layout::<u8>();
    every_layout::<i8>();
    every_layout::<u16>();
    every_layout::<i16>();
    every_layout::<f16>();
    every_layout::<u32>();
    every_layout::<i32>();
    every_layout::<f32>();
    every_layout::<u64>();
    every_layout::<i64>();
    every_layout::<f64>();
}

#[test]
fn downloads_of_device_views() {
    let _serial = serial();
    let d = Array::<i32>::arange(&dev(), 0, 24, 1)
        .unwrap()
        .reshape([2, 3, 4])
        .unwrap();
    let want = Array3::from_shape_fn((2, 3, 4), |(i, j, k)| (i * 12 + j * 4 + k) as i32);
    assert_eq!(d.to_ndarray().unwrap(), want.clone().into_dyn());
    let v = d.slice(ndgpu::s![.., ..;-1, 1..;2]).unwrap();
    assert_eq!(
        v.to_ndarray_dim::<Ix3>().unwrap(),
        want.slice(s![.., ..;-1, 1..;2])
    );
    let a = pollster::block_on(d.t().to_ndarray_async()).unwrap();
    assert_eq!(a, want.view().reversed_axes().into_dyn());
    assert_eq!(d.get([1, 2, 3]).unwrap(), 23);
}

#[test]
fn dimension_mismatch() {
    let _serial = serial();
    let d = Array::<f32>::zeros(&dev(), [2, 3]).unwrap();
    let down = d.device().transfer_stats().downloads;
    match d.to_ndarray_dim::<Ix1>().unwrap_err() {
        Error::InvalidArgument { op, reason } => {
            assert_eq!(op, "to_ndarray_dim");
            assert!(reason.contains("2 axes (shape (2, 3))"), "{reason}");
            assert!(reason.contains("ndarray of 1 axes"), "{reason}");
        }
        e => panic!("{e:?}"),
    }
    assert_eq!(
        d.device().transfer_stats().downloads,
        down,
        "nothing read back"
    );
    assert_eq!(
        d.to_ndarray_dim::<Ix2>().unwrap(),
        Array2::<f32>::zeros((2, 3))
    );
}
