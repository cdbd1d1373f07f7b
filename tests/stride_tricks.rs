//! Stride tricks on the device: `sliding_window_view`, `diagonal`,
//! `view_as` (NumPy's `a.view(dtype)`), `broadcast_arrays` and the
//! `split` family, for every dtype on contiguous, transposed, offset,
//! negative-stride, broadcast, size-1, empty and 0-d inputs.
//!
//! The expected shapes, byte strides, flags, values and errors are NumPy
//! 2.4.6's, in `tests/fixtures/stride_tricks.txt`, written by the committed
//! `tests/fixtures/stride_tricks.py`. Every result must be a view (same
//! buffer, a base).

mod common;
#[path = "common/named_views.rs"]
mod named_views;

use common::dev;
use half::f16;
use named_views::{bits, input, list, parent};
use ndgpu::{Array, Element, Error, broadcast_arrays, s};

const FIXTURE: &str = include_str!("fixtures/stride_tricks.txt");

/// Checks one result array against `shape/strides/flags/values`. Strides
/// are compared on axes that step (longer than 1, in a non-empty array):
/// elsewhere NumPy's values are arbitrary (and ndgpu's may differ).
fn check<T: Element>(what: &str, a: &Array<T>, want: &str, parent: &Array<T>) {
    let f: Vec<&str> = want.split('/').collect();
    let (shape, strides): (Vec<usize>, Vec<isize>) = (list(f[0]), list(f[1]));
    assert_eq!(a.shape(), shape.as_slice(), "{what}: shape");
    if a.size() > 0 {
        for (k, &n) in shape.iter().enumerate() {
            if n > 1 {
                assert_eq!(a.strides_bytes()[k], strides[k], "{what}: stride {k}");
            }
        }
    }
    let flags = a.flags();
    assert_eq!(flags.c_contiguous, f[2].contains('C'), "{what}: C");
    assert_eq!(flags.f_contiguous, f[2].contains('F'), "{what}: F");
    assert_eq!(flags.writeable, f[2].contains('W'), "{what}: writeable");
    assert!(a.is_view() && !flags.owndata, "{what}: a view");
    assert!(a.same_buffer(parent), "{what}: same buffer");
    let got: Vec<u64> = a.to_vec().unwrap().into_iter().map(bits).collect();
    assert_eq!(got, list::<u64>(f[3]), "{what}: values");
}

fn check_err(what: &str, e: Error, msg: &str) {
    assert!(e.to_string().contains(msg), "{what}: {e} lacks {msg:?}");
}

/// Runs every record of the fixture whose input dtype is `T`; `view`
/// records go through `view_records`.
fn records<T: Element>() {
    let d = dev();
    let b = parent::<T>(&d, 7);
    let mut n = 0;
    for line in FIXTURE.lines() {
        let (head, result) = line.split_once(" => ").unwrap();
        let h: Vec<&str> = head.split(' ').collect();
        if h[1] != T::DTYPE.name() || h[0] == "view" {
            continue;
        }
        n += 1;
        let x = input(&b, h[2]);
        let got: ndgpu::Result<Vec<Array<T>>> = match h[0] {
            "swv" => {
                let axis: Option<Vec<isize>> = (h[4] != "None").then(|| list(h[4]));
                x.sliding_window_view(list::<usize>(h[3]), axis.as_deref())
                    .map(|a| vec![a])
            }
            "diag" => x
                .diagonal(
                    h[3].parse().unwrap(),
                    h[4].parse().unwrap(),
                    h[5].parse().unwrap(),
                )
                .map(|a| vec![a]),
            "split" => {
                let how: ndgpu::Split = match h[4].strip_prefix('s') {
                    Some(n) => n.parse::<usize>().unwrap().into(),
                    None => list::<isize>(&h[4][1..]).into(),
                };
                let axis: isize = h[5].parse().unwrap();
                match h[3] {
                    "split" => x.split(how, axis),
                    "array_split" => x.array_split(how, axis),
                    "hsplit" => x.hsplit(how),
                    "vsplit" => x.vsplit(how),
                    "dsplit" => x.dsplit(how),
                    k => panic!("unknown split {k}"),
                }
            }
            op => panic!("unknown op {op}"),
        };
        match result.split_once(' ') {
            Some(("err", msg)) => check_err(line, got.unwrap_err(), msg),
            _ => {
                let arrays = got.unwrap_or_else(|e| panic!("{line}: {e}"));
                let want: Vec<&str> = result.split(' ').skip(1).collect();
                assert_eq!(arrays.len(), want.len(), "{line}: pieces");
                for (a, w) in arrays.iter().zip(want) {
                    check(line, a, w, &b);
                }
            }
        }
    }
    assert!(n > 50, "{}: {n} records", T::DTYPE);
}

/// The `view` records from dtype `T` to dtype `U`.
fn view_records<T: Element, U: Element>() {
    let d = dev();
    let b = parent::<T>(&d, 7);
    let mut n = 0;
    for line in FIXTURE.lines() {
        let (head, result) = line.split_once(" => ").unwrap();
        let h: Vec<&str> = head.split(' ').collect();
        if h[0] != "view" || h[1] != T::DTYPE.name() || h[3] != U::DTYPE.name() {
            continue;
        }
        n += 1;
        let x = input(&b, h[2]);
        let got = x.view_as::<U>();
        match result.split_once(' ') {
            Some(("err", msg)) => check_err(line, got.unwrap_err(), msg),
            _ => {
                let v = got.unwrap_or_else(|e| panic!("{line}: {e}"));
                let want = result.split(' ').nth(1).unwrap();
                // `check` compares against a parent of U's type: compare the
                // buffer here and the rest there.
                assert!(v.same_buffer(&b), "{line}: same buffer");
                assert!(v.is_view_of(&b), "{line}: a view of the parent");
                let parent_u = v.base().unwrap();
                check(line, &v, want, &parent_u);
            }
        }
    }
    assert_eq!(n, 11, "{} -> {}", T::DTYPE, U::DTYPE);
}

macro_rules! per_dtype {
    ($($name:ident: $t:ty),* $(,)?) => {
        $(
            mod $name {
                use super::*;
                #[test]
                fn windows_diagonals_splits() {
                    records::<$t>();
                }
                #[test]
                fn view_as_every_dtype() {
                    view_records::<$t, bool>();
                    view_records::<$t, i8>();
                    view_records::<$t, u8>();
                    view_records::<$t, i16>();
                    view_records::<$t, u16>();
                    view_records::<$t, f16>();
                    view_records::<$t, i32>();
                    view_records::<$t, u32>();
                    view_records::<$t, f32>();
                    view_records::<$t, i64>();
                    view_records::<$t, u64>();
                    view_records::<$t, f64>();
                }
            }
        )*
    };
}

per_dtype! {
    bool_: bool, int8: i8, uint8: u8, int16: i16, uint16: u16, float16: f16,
    int32: i32, uint32: u32, float32: f32, int64: i64, uint64: u64, float64: f64,
}

/// The seeds' moving average (memory-views-internals.txt): a window view
/// of `np.arange(10.)` and `sliding_window_view(x, 3).mean(axis=-1)`,
/// computed through the zero-copy window view.
#[test]
fn seeds_moving_average() {
    let d = dev();
    // a = np.arange(10, dtype=np.float64); sliding_window_view(a, window_shape=4)
    // is [[0 1 2 3] [1 2 3 4] ... [6 7 8 9]], shape (7, 4), strides (8, 8).
    let a = Array::<f64>::arange(&d, 0.0, 10.0, 1.0).unwrap();
    let w = a.sliding_window_view([4], None).unwrap();
    assert_eq!((w.shape(), w.strides_bytes()), (&[7, 4][..], vec![8, 8]));
    assert!(w.is_view_of(&a) && !w.is_writeable());
    let rows: Vec<f64> = (0..7).flat_map(|i| (i..i + 4).map(|v| v as f64)).collect();
    assert_eq!(w.to_vec().unwrap(), rows);
    // The same windows through as_strided, as the seed builds them first.
    let s = a.as_strided([7, 4], [1, 1], 0).unwrap();
    assert_eq!(s.to_vec().unwrap(), rows);

    // x = np.array([3., 1., 4., 1., 5., 9., 2., 6., 5., 3.]);
    // sliding_window_view(x, 3).mean(axis=-1) in NumPy 2.4.6:
    // [2.6666666666666665, 2.0, 3.3333333333333335, 5.0, 5.333333333333333,
    //  5.666666666666667, 4.333333333333333, 4.666666666666667]
    let x = Array::<f64>::from_slice(&d, &[3., 1., 4., 1., 5., 9., 2., 6., 5., 3.], [10]).unwrap();
    let windows = x.sliding_window_view([3], None).unwrap();
    assert!(windows.is_view_of(&x), "the windows are not copied");
    let avg = windows.mean(Some(&[-1]), false).unwrap();
    let want = [
        2.6666666666666665,
        2.0,
        3.3333333333333335,
        5.0,
        5.333333333333333,
        5.666666666666667,
        4.333333333333333,
        4.666666666666667,
    ];
    for (g, w) in avg.to_vec().unwrap().iter().zip(want) {
        assert!((g - w).abs() <= 4.0 * f64::EPSILON * w, "{g} vs {w}");
    }
    // float32, and through a reversed (negative-stride) input:
    // sliding_window_view(x[::-1].astype(np.float32), 3).mean(axis=-1)
    // = [4.6666665, 4.3333335, 5.6666665, 5.3333335, 5., 3.3333333, 2., 2.6666667]
    let x32 = x.astype::<f32>().unwrap();
    let r = x32.slice(s![..;-1]).unwrap();
    let avg = r
        .sliding_window_view([3], None)
        .unwrap()
        .mean(Some(&[-1]), false)
        .unwrap()
        .to_vec()
        .unwrap();
    let want = [
        4.6666665f32,
        4.3333335,
        5.6666665,
        5.3333335,
        5.,
        3.3333333,
        2.,
        2.6666667,
    ];
    for (g, w) in avg.iter().zip(want) {
        assert!((g - w).abs() <= 2.0 * f32::EPSILON * w, "{g} vs {w}");
    }
}

#[test]
fn windows_and_diagonals_are_read_only_views() {
    let d = dev();
    let a = Array::<i32>::arange(&d, 0, 12, 1)
        .unwrap()
        .reshape([3, 4])
        .unwrap()
        .copy()
        .unwrap();
    let w = a.sliding_window_view([2], Some(&[1])).unwrap();
    assert!(matches!(w.fill(0), Err(Error::ReadOnly { .. })));
    let g = a.diagonal(0, 0, 1).unwrap();
    assert!(matches!(g.fill(0), Err(Error::ReadOnly { .. })));
    assert!(g.is_view_of(&a) && w.is_view_of(&a));
    // Writes to the parent show through both.
    a.set([1, 1], 100).unwrap();
    assert_eq!(g.to_vec().unwrap(), vec![0, 100, 10]);
    assert_eq!(w.slice(s![1, 0]).unwrap().to_vec().unwrap(), vec![4, 100]);
}

#[test]
fn view_as_keeps_writeability_and_writes_through() {
    let d = dev();
    // b = np.zeros(8, np.uint8); b.view(np.uint32)[1] = 0x01020304 makes b
    // [0 0 0 0 4 3 2 1] (little-endian) in NumPy 2.4.6.
    let b = Array::<u8>::zeros(&d, [8]).unwrap();
    let w = b.view_as::<u32>().unwrap();
    assert!(w.is_writeable() && w.is_view_of(&b));
    assert_eq!(w.base().unwrap().shape(), &[2]);
    w.set([1], 0x0102_0304).unwrap();
    assert_eq!(b.to_vec().unwrap(), vec![0, 0, 0, 0, 4, 3, 2, 1]);
    // And back: u32 -> u8 is the same bytes.
    let back = w.view_as::<u8>().unwrap();
    assert_eq!(back.to_vec().unwrap(), b.to_vec().unwrap());
    assert!(back.is_view_of(&b));
    // bool <-> u8: np.array([0, 1, 2], np.uint8).view(bool) is
    // [False, True, True]; a bool array viewed as int8 is its bytes.
    let u = Array::<u8>::from_slice(&d, &[0, 1, 2], [3]).unwrap();
    assert_eq!(
        u.view_as::<bool>().unwrap().to_vec().unwrap(),
        vec![false, true, true]
    );
    let t = Array::<bool>::from_slice(&d, &[true, false, true], [3]).unwrap();
    assert_eq!(t.view_as::<i8>().unwrap().to_vec().unwrap(), vec![1, 0, 1]);
    // A read-only view stays read-only.
    let r = b.broadcast_to([3, 8]).unwrap().view_as::<u32>().unwrap();
    assert!(!r.is_writeable());
    assert_eq!(r.strides_bytes(), vec![0, 4]);
    // f32 bits: np.float32(1.0).view(np.uint32) == 0x3f800000.
    let f = Array::<f32>::scalar(&d, 1.0).unwrap();
    assert_eq!(f.view_as::<u32>().unwrap().item().unwrap(), 0x3f80_0000);
    // The unaligned view NumPy would make is refused, with the numbers.
    let e = b.slice(s![1..5]).unwrap().view_as::<u32>().unwrap_err();
    assert!(e.to_string().contains("byte 1"), "{e}");
}

#[test]
fn broadcast_arrays_matches_numpy() {
    let d = dev();
    // np.broadcast_arrays(np.zeros(3), np.zeros((2,1))): shapes (2, 3),
    // strides (0, 8) and (8, 0) in NumPy 2.4.6 (f64).
    let a = Array::<f64>::zeros(&d, [3]).unwrap();
    let b = Array::<f64>::zeros(&d, [2, 1]).unwrap();
    let v = broadcast_arrays(&[&a, &b]).unwrap();
    assert_eq!(v[0].strides_bytes(), vec![0, 8]);
    assert_eq!(v[1].strides_bytes(), vec![8, 0]);
    assert!(v.iter().all(|x| x.shape() == [2, 3] && !x.is_writeable()));
    // np.broadcast_arrays(np.zeros(3), np.zeros((2,3))): the second keeps
    // its strides (24, 8) and stays writeable (a view).
    let c = Array::<f64>::zeros(&d, [2, 3]).unwrap();
    let v = broadcast_arrays(&[&a, &c]).unwrap();
    assert_eq!(
        (v[0].strides_bytes(), v[1].strides_bytes()),
        (vec![0, 8], vec![24, 8])
    );
    assert!(v[1].is_writeable() && v[1].is_view_of(&c) && !v[0].is_writeable());
    // All of one shape: the arrays themselves (NumPy returns the same objects).
    let v = broadcast_arrays(&[&c, &c]).unwrap();
    assert!(v[0].base().is_none() && v[0].same_buffer(&c));
    // Transposed and negative-stride inputs keep their strides on the
    // kept axes: np.broadcast_arrays(x.T, x[::-1, :1]) with x (3, 3) f32:
    // strides (4, 12) and (-12, 0).
    let x = Array::<f32>::arange(&d, 0.0, 9.0, 1.0)
        .unwrap()
        .reshape([3, 3])
        .unwrap();
    let y = x.slice(s![..;-1, ..1]).unwrap();
    let v = broadcast_arrays(&[x.t(), y]).unwrap();
    assert_eq!(
        (v[0].strides_bytes(), v[1].strides_bytes()),
        (vec![4, 12], vec![-12, 0])
    );
    assert_eq!(
        v[1].to_vec().unwrap(),
        vec![6., 6., 6., 3., 3., 3., 0., 0., 0.]
    );
    // Empty list, 0-d and empty inputs.
    assert!(broadcast_arrays::<f64, Array<f64>>(&[]).unwrap().is_empty());
    let z = Array::<f64>::scalar(&d, 1.0).unwrap();
    let e = Array::<f64>::zeros(&d, [0, 3]).unwrap();
    let v = broadcast_arrays(&[&z, &e, &a]).unwrap();
    assert!(v.iter().all(|x| x.shape() == [0, 3]));
    // NumPy's message.
    let bad = Array::<f64>::zeros(&d, [2, 2]).unwrap();
    let e = broadcast_arrays(&[&a, &b, &bad]).unwrap_err();
    assert!(
        e.to_string().contains(
            "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape (3,) and arg 2 with shape (2, 2)."
        ),
        "{e}"
    );
}

#[test]
fn split_pieces_write_through() {
    let d = dev();
    let x = Array::<i16>::arange(&d, 0, 12, 1)
        .unwrap()
        .reshape([3, 4])
        .unwrap()
        .copy()
        .unwrap();
    let p = x.hsplit(2).unwrap();
    p[1].fill(-1).unwrap();
    assert_eq!(
        x.to_vec().unwrap(),
        vec![0, 1, -1, -1, 4, 5, -1, -1, 8, 9, -1, -1]
    );
    assert!(p.iter().all(|v| v.is_view_of(&x) && v.is_writeable()));
    // Absurd section counts are errors, not aborts.
    assert!(x.array_split(usize::MAX, 0).is_err());
    // Pieces of a broadcast view stay read-only.
    let b = x.slice(s![0]).unwrap().broadcast_to([2, 4]).unwrap();
    assert!(b.vsplit(2).unwrap().iter().all(|v| !v.is_writeable()));
}
