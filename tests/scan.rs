//! cumsum / cumprod and their `_as` forms (NumPy's `dtype=`) against
//! NumPy 2.4.6.
//!
//! The table `tests/fixtures/scan.txt` (written by
//! `tests/fixtures/scan.py`) holds NumPy's results for every dtype on
//! contiguous, transposed, offset, negative-stride, broadcast
//! (zero-stride), size-1, empty and 0-d views, over axis None, 0, 1 and
//! -1: the default result types, narrow integers wrapping through
//! `cumsum_as`, bool through `cumsum_as::<bool>` (a running or), float64
//! for every input, and float inputs scanned as integers. The float data
//! are small integers (and products of 1, -1 and 2), whose partial sums
//! and products are exact in any order, so the chunked scan must match
//! NumPy's sequential loop bit for bit. Longer rows (several levels of
//! chunk totals) use data whose running sums NumPy gives in closed form.

mod common;
#[path = "common/numpy_values.rs"]
mod numpy_values;

use common::dev;
use ndgpu::{Accumulate, Array, DType, Element, Error, s};
use numpy_values::compare;

const TABLE: &str = include_str!("fixtures/scan.txt");
const BASE: [i64; 13] = [3, -1, 2, 1, 0, -2, 1, 1, -1, 2, 1, -3, 0];
const PBASE: [i64; 13] = [1, -1, 2, 1, 1, -1, 1, 1, 1, -1, 1, 1, 1];

/// The fixture's parent arrays (see `parent` in `scan.py`).
fn parent<T: Element>(base: &[i64; 13], shape: [usize; 3], prod: bool) -> Array<T> {
    let n: usize = shape.iter().product();
    let v: Vec<T> = (0..n)
        .map(|i| {
            if T::DTYPE == DType::Bool {
                return T::from_i128_wrapping((BASE[i % 13] != 0) as i128);
            }
            let mut x = base[i % 13];
            if prod && T::DTYPE.is_unsigned_int() {
                x = x.abs();
            }
            if T::DTYPE.is_float() {
                T::from_f64(x as f64)
            } else {
                T::from_i128_wrapping(x as i128)
            }
        })
        .collect();
    Array::from_slice(&dev(), &v, shape).unwrap()
}

fn view<T: Element>(p: &Array<T>, name: &str) -> Array<T> {
    match name {
        "contiguous" => p.clone(),
        "transposed" => p.transpose([2, 0, 1]).unwrap(),
        "offset" => p.slice(s![1.., 1.., 2..]).unwrap(),
        "negative" => p.slice(s![..;-1, ..;2, ..;-2]).unwrap(),
        "broadcast" => p
            .slice(s![1, .., 3..4])
            .unwrap()
            .broadcast_to(p.shape())
            .unwrap(),
        "size1" => p.slice(s![1..2, 2..3, 5..6]).unwrap(),
        "empty" => p.slice(s![.., 1..1, ..]).unwrap(),
        "zerod" => p.slice(s![1, 2, 5]).unwrap(),
        _ => panic!("unknown view {name}"),
    }
}

macro_rules! as_dtype {
    ($u:expr, $f:ident, $v:expr, $axis:expr, $($args:tt)*) => {
        match $u {
            "bool" => compare($v.$f::<bool>($axis), $($args)*),
            "int8" => compare($v.$f::<i8>($axis), $($args)*),
            "uint8" => compare($v.$f::<u8>($axis), $($args)*),
            "int16" => compare($v.$f::<i16>($axis), $($args)*),
            "uint16" => compare($v.$f::<u16>($axis), $($args)*),
            "float16" => compare($v.$f::<half::f16>($axis), $($args)*),
            "int32" => compare($v.$f::<i32>($axis), $($args)*),
            "uint32" => compare($v.$f::<u32>($axis), $($args)*),
            "float32" => compare($v.$f::<f32>($axis), $($args)*),
            "int64" => compare($v.$f::<i64>($axis), $($args)*),
            "uint64" => compare($v.$f::<u64>($axis), $($args)*),
            "float64" => compare($v.$f::<f64>($axis), $($args)*),
            u => panic!("unknown dtype {u}"),
        }
    };
}

/// Runs every record of the table for dtype `T` (NumPy's name `name`).
fn table<T: Accumulate>(name: &str) {
    let ps = parent::<T>(&BASE, [2, 3, 130], false);
    let pp = parent::<T>(&PBASE, [2, 3, 40], true);
    let (mut rows, mut errs) = (0, Vec::new());
    for line in TABLE.lines().filter(|l| l.starts_with(&format!("{name}|"))) {
        let f: Vec<&str> = line.splitn(7, '|').collect();
        let (vname, op, axis, u, shape, values) = (f[1], f[2], f[3], f[4], f[5], f[6]);
        let axis: Option<isize> = (axis != "None").then(|| axis.parse().unwrap());
        let vs = view(&ps, vname);
        let vp = view(&pp, vname);
        let err = match op {
            "cumsum" => compare(vs.cumsum(axis), u, shape, values),
            "cumprod" => compare(vp.cumprod(axis), u, shape, values),
            "cumsum_as" => as_dtype!(u, cumsum_as, vs, axis, u, shape, values),
            "cumprod_as" => as_dtype!(u, cumprod_as, vp, axis, u, shape, values),
            _ => panic!("unknown op {op}"),
        };
        rows += 1;
        if let Some(e) = err {
            errs.push(format!("{name} {vname} {op} axis={axis:?} -> {u}: {e}"));
        }
    }
    for e in &errs {
        eprintln!("MISMATCH {e}");
    }
    assert!(rows > 50, "{name}: only {rows} rows");
    assert!(
        errs.is_empty(),
        "{name}: {} mismatches in {rows} rows",
        errs.len()
    );
}

#[test]
fn numpy_table_bool() {
    table::<bool>("bool");
}
#[test]
fn numpy_table_int8() {
    table::<i8>("int8");
}
#[test]
fn numpy_table_uint8() {
    table::<u8>("uint8");
}
#[test]
fn numpy_table_int16() {
    table::<i16>("int16");
}
#[test]
fn numpy_table_uint16() {
    table::<u16>("uint16");
}
#[test]
fn numpy_table_float16() {
    table::<half::f16>("float16");
}
#[test]
fn numpy_table_int32() {
    table::<i32>("int32");
}
#[test]
fn numpy_table_uint32() {
    table::<u32>("uint32");
}
#[test]
fn numpy_table_float32() {
    table::<f32>("float32");
}
#[test]
fn numpy_table_int64() {
    table::<i64>("int64");
}
#[test]
fn numpy_table_uint64() {
    table::<u64>("uint64");
}
#[test]
fn numpy_table_float64() {
    table::<f64>("float64");
}

/// Several levels of chunk totals: np.cumsum(np.ones(n, np.int32)) is
/// arange(1, n + 1) (int64); 3 * 2^20 elements need three levels (24576
/// chunks, 192 totals of totals, 2 at the top).
#[test]
fn long_rows_scan_through_several_levels() {
    let d = dev();
    let n = 3 << 20;
    let c = Array::<i32>::ones(&d, [n]).unwrap().cumsum(None).unwrap();
    let v = c.to_vec().unwrap();
    assert!(v.iter().enumerate().all(|(i, &x)| x == i as i64 + 1));
    // Along axis 0 of a transposed view (rows next to each other in
    // memory): x = np.arange(3, dtype=np.float32)[:, None] * np.ones(70000);
    // np.cumsum(x.T, axis=0)[j, k] is k * (j + 1).
    let x = Array::<f32>::arange(&d, 0.0, 3.0, 1.0)
        .unwrap()
        .reshape([3, 1])
        .unwrap()
        .broadcast_to([3, 70000])
        .unwrap()
        .copy()
        .unwrap();
    let c = x.t().cumsum(Some(0)).unwrap();
    assert_eq!(c.shape(), &[70000, 3]);
    let v = c.to_vec().unwrap();
    for (i, row) in v.chunks(3).enumerate() {
        let j = (i + 1) as f32;
        assert_eq!(row, &[0.0, j, 2.0 * j], "row {i}");
    }
}

/// Running products wrap as NumPy's do: np.cumprod(np.full(40, 3, np.int8))
/// (int64), and np.cumprod(.., dtype=np.uint8).
#[test]
fn products_wrap_like_numpys() {
    let d = dev();
    let a = Array::<i8>::full(&d, [40], 3).unwrap();
    let want: Vec<i64> = (1..=40u32).map(|k| 3i64.wrapping_pow(k)).collect();
    assert_eq!(a.cumprod(None).unwrap().to_vec().unwrap(), want);
    let u = a.cumprod_as::<u8>(None).unwrap().to_vec().unwrap();
    // from NumPy 2.4.6: np.cumprod(np.full(5, 3, np.int8), dtype=np.uint8)
    assert_eq!(&u[..5], &[3u8, 9, 27, 81, 243]);
    assert_eq!(u[5], 217); // 729 mod 256
}

#[test]
fn bad_axes_are_numpys_errors() {
    let d = dev();
    let a = Array::<f32>::zeros(&d, [2, 3]).unwrap();
    let e = a.cumsum(Some(2)).unwrap_err();
    assert_eq!(
        e,
        Error::AxisOutOfBounds {
            op: "cumsum",
            axis: 2,
            ndim: 2
        }
    );
    assert!(a.cumprod(Some(-3)).is_err());
    // np.cumsum(np.float32(5)) is [5.]; axis 0 of a 0-d array is an error.
    let z = Array::scalar(&d, 5.0f32).unwrap();
    assert_eq!(z.cumsum(None).unwrap().to_vec().unwrap(), vec![5.0]);
    assert!(z.cumsum(Some(0)).is_err());
}

#[test]
fn results_are_new_arrays() {
    let d = dev();
    let a = Array::<i64>::arange(&d, 0, 10, 1).unwrap();
    let c = a.slice(s![..;2]).unwrap().cumsum(None).unwrap();
    assert!(c.base().is_none() && !c.shares_memory(&a).unwrap());
    assert_eq!(c.to_vec().unwrap(), vec![0, 2, 6, 12, 20]);
}

/// The sign of zero survives as in NumPy's sequential loop:
/// np.cumsum(np.array([-0.0, -0.0, 1.0, -1.0])) is [-0., -0., 1., 0.].
#[test]
fn negative_zero_sums_like_numpys() {
    let d = dev();
    let a = Array::from_slice(&d, &[-0.0f64, -0.0, 1.0, -1.0], [4]).unwrap();
    let b = Array::from_slice(&d, &[-0.0f32, -0.0, 1.0, -1.0], [4]).unwrap();
    for v in [
        a.cumsum(None).unwrap().to_vec().unwrap(),
        b.cumsum(None)
            .unwrap()
            .to_vec()
            .unwrap()
            .iter()
            .map(|&x| x as f64)
            .collect(),
    ] {
        let signs: Vec<bool> = v.iter().map(|x| x.is_sign_negative()).collect();
        assert_eq!(v, vec![0.0, 0.0, 1.0, 0.0]);
        assert_eq!(signs, vec![true, true, false, false]);
    }
    let a = Array::from_slice(&d, &[half::f16::NEG_ZERO, half::f16::ONE], [2]).unwrap();
    let v = a.cumsum(None).unwrap().to_vec().unwrap();
    assert!(v[0].is_sign_negative() && v[1] == half::f16::ONE);
}

/// Past lavapipe's 128 MiB storage-binding limit: 2^25 + 1000 int32 ones
/// (134 MB) scanned flat, as two rows, and along axis 0 of the transpose,
/// each cut into dispatches whose windows fit. np.cumsum(np.ones(n,
/// np.int32), dtype=np.int32) is arange(1, n + 1).
#[test]
fn scans_past_the_binding_limit() {
    let d = dev();
    let n = (1usize << 25) + 1000;
    let a = Array::<i32>::ones(&d, [n]).unwrap();
    let v = a.cumsum_as::<i32>(None).unwrap().to_vec().unwrap();
    assert!(v.iter().enumerate().all(|(i, &x)| x == i as i32 + 1));
    drop(v);
    let m = n / 2;
    let two = a.reshape([2, m as isize]).unwrap();
    let v = two.cumsum_as::<i32>(Some(1)).unwrap().to_vec().unwrap();
    assert!(
        v.chunks(m)
            .all(|r| r.iter().enumerate().all(|(i, &x)| x == i as i32 + 1))
    );
    drop(v);
    let v = two.t().cumsum_as::<i32>(Some(0)).unwrap().to_vec().unwrap();
    assert!(v.chunks(2).enumerate().all(|(i, r)| r == [i as i32 + 1; 2]));
}
