//! Reductions (sum, prod, mean, min, max, argmin, argmax, any, all and the
//! `_as` forms with NumPy's `dtype=`) against NumPy 2.4.
//!
//! The table `NUMPY` at the end of this file holds NumPy's results: every
//! reduction of every dtype family on contiguous, transposed, offset,
//! negative-stride, broadcast (zero-stride), size-1 and empty views, with
//! axes None / one / several / negative and keepdims (each row gives both
//! shapes; the dtypes sharing a row's values are listed with NumPy's result
//! dtype), NaN and infinity handling, `dtype=` casts and a rank-10 view. It
//! was produced by the Python script in the comment above it. Larger inputs
//! (multi-pass trees, arrays past the 128 MiB storage-binding limit) use
//! integer-valued data, whose sums are exact in any order, checked against
//! exact host arithmetic, plus NumPy's value for the classic 0.1 sum.

mod common;

use common::dev;
use ndgpu::{Accumulate, Array, DType, Device, Element, Error, s};

/// The values of the table's 3x4x5 parent, cycled (`BASE` in the script).
const BASE: [i64; 13] = [3, -1, 2, 1, 0, -2, 1, 1, -1, 2, 1, -3, 0];

fn parent<T: Element>(d: &Device) -> Array<T> {
    let host: Vec<T> = (0..60)
        .map(|i| T::from_i128_wrapping(BASE[i % 13] as i128))
        .collect();
    Array::from_slice(d, &host, &[3, 4, 5]).unwrap()
}

/// The table's views (`VIEWS` in the script).
fn view<T: Element>(d: &Device, name: &str) -> Array<T> {
    let p = parent::<T>(d);
    match name {
        "contiguous" => p,
        "transposed" => p.transpose(&[2, 0, 1]).unwrap(),
        "offset" => p.slice(&s![1.., 1.., 2..]).unwrap(),
        "negative" => p.slice(&s![..;-1, ..;2, ..;-2]).unwrap(),
        "broadcast" => p
            .slice(&s![1, .., 3..4])
            .unwrap()
            .broadcast_to(&[2, 4, 3])
            .unwrap(),
        "size1" => p.slice(&s![1..2, 2..3, ..]).unwrap(),
        "empty" => p.slice(&s![.., 1..1, ..]).unwrap(),
        "nan" | "nan_t" => {
            let n = f64::NAN;
            let i = f64::INFINITY;
            let v = [1.0, n, 3.0, n, 2.0, 0.0, -i, 5.0, n, 1.0, 1.0, 1.0];
            let host: Vec<T> = v.iter().map(|&x| T::from_f64(x)).collect();
            let a = Array::from_slice(d, &host, &[3, 4]).unwrap();
            if name == "nan" { a } else { a.t() }
        }
        "rank10" => {
            let host: Vec<T> = (0..1024)
                .map(|i| T::from_i128_wrapping((i % 7 - 3) as i128))
                .collect();
            let a = Array::from_slice(d, &host, &[2; 10]).unwrap();
            let perm: Vec<isize> = (0..10).rev().collect();
            a.transpose(&perm)
                .unwrap()
                .slice(&s![..;-1, .., ..;-1])
                .unwrap()
        }
        _ => panic!("unknown view {name}"),
    }
}

/// One row of the table.
struct Row {
    line: usize,
    view: String,
    op: String,
    axes: Option<Vec<isize>>,
    shape: Vec<usize>,
    keep_shape: Vec<usize>,
    /// (input dtype, NumPy's result dtype or "ERR")
    dtypes: Vec<(String, String)>,
    /// The values (C order), or NumPy's error message.
    values: String,
}

fn rows() -> Vec<Row> {
    let dims = |s: &str| -> Vec<usize> {
        s.split(',')
            .filter(|x| !x.is_empty())
            .map(|x| x.parse().unwrap())
            .collect()
    };
    NUMPY
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(line, l)| {
            let f: Vec<&str> = l.split('|').collect();
            assert_eq!(f.len(), 7, "{l}");
            Row {
                line: line + 1,
                view: f[0].into(),
                op: f[1].into(),
                axes: (f[2] != "None")
                    .then(|| f[2].split(',').map(|x| x.parse().unwrap()).collect()),
                shape: dims(f[3]),
                keep_shape: dims(f[4]),
                dtypes: f[5]
                    .split(' ')
                    .map(|p| {
                        let (a, b) = p.split_once(':').unwrap();
                        (a.to_string(), b.to_string())
                    })
                    .collect(),
                values: f[6].into(),
            }
        })
        .collect()
}

/// Compares a result with a row: NumPy's dtype, shape and values, or its
/// error message. Floats compare exactly (the data are small integers and
/// their sums are exact) except means, which divide.
fn check<U: Element>(row: &Row, want_dtype: &str, keep: bool, got: ndgpu::Result<Array<U>>) {
    let ctx = format!(
        "table line {}: {} {} axes {:?} keepdims {keep} -> {want_dtype}",
        row.line, row.view, row.op, row.axes
    );
    if want_dtype == "ERR" {
        match got {
            Err(e @ Error::EmptyReduction { .. }) => assert_eq!(e.to_string(), row.values, "{ctx}"),
            other => panic!(
                "{ctx}: expected NumPy's error {:?}, got {other:?}",
                row.values
            ),
        }
        return;
    }
    let got = got.unwrap_or_else(|e| panic!("{ctx}: {e}"));
    assert_eq!(U::DTYPE.name(), want_dtype, "{ctx}");
    let shape = if keep { &row.keep_shape } else { &row.shape };
    assert_eq!(got.shape(), shape.as_slice(), "{ctx}");
    let vals = got.to_vec().unwrap();
    let want: Vec<&str> = row.values.split(' ').filter(|x| !x.is_empty()).collect();
    assert_eq!(vals.len(), want.len(), "{ctx}");
    for (k, (g, w)) in vals.iter().zip(&want).enumerate() {
        if U::DTYPE.is_float() {
            let (g, w) = (g.to_f64(), w.parse::<f64>().unwrap());
            let ok = if w.is_nan() {
                g.is_nan()
            } else if row.op.starts_with("mean") && w.is_finite() {
                let tol = match U::DTYPE {
                    DType::F16 => 1e-3,
                    DType::F32 => 1e-6,
                    _ => 1e-14,
                };
                (g - w).abs() <= tol * w.abs()
            } else {
                g == w
            };
            assert!(
                ok,
                "{ctx}: element {k}: got {g}, NumPy {w}\n got {vals:?}\n want {want:?}"
            );
        } else {
            let w: i128 = w.parse().unwrap();
            assert_eq!(
                g.to_i128().unwrap(),
                w,
                "{ctx}: element {k}\n got {vals:?}\n want {want:?}"
            );
        }
    }
}

/// `dtype=` rows: the (input, result) pairs of the script's `AS` list.
macro_rules! as_cases {
    ($a:expr, $row:expr, $ud:expr, $keep:expr, $axes:expr; $($op:literal $u:literal => $U:ty, $method:ident;)*) => {
        match ($row.op.as_str(), $ud) {
            $(($op, $u) => check($row, $ud, $keep, $a.$method::<$U>($axes, $keep)),)*
            (op, u) => panic!("no dtype= case for {op} -> {u}"),
        }
    };
}

/// Runs every row that lists dtype `T` (its name in NumPy: `name`).
fn table<T: Accumulate>(name: &str) {
    let d = dev();
    let mut n = 0;
    for (r, row) in rows().iter().enumerate() {
        let Some((di, (_, ud))) = row.dtypes.iter().enumerate().find(|(_, (t, _))| t == name)
        else {
            continue;
        };
        // keepdims alternates over rows and dtypes, so both shapes of
        // every row are covered across the dtypes.
        let keep = (r + di) % 2 == 1;
        let a = view::<T>(&d, &row.view);
        let axes = row.axes.as_deref();
        let axis = axes.map(|v| v[0]);
        let ud = ud.as_str();
        match row.op.as_str() {
            "sum" => check(row, ud, keep, a.sum(axes, keep)),
            "prod" => check(row, ud, keep, a.prod(axes, keep)),
            "mean" => check(row, ud, keep, a.mean(axes, keep)),
            "min" => check(row, ud, keep, a.min(axes, keep)),
            "max" => check(row, ud, keep, a.max(axes, keep)),
            "any" => check(row, ud, keep, a.any(axes, keep)),
            "all" => check(row, ud, keep, a.all(axes, keep)),
            "argmin" => check(row, ud, keep, a.argmin(axis, keep)),
            "argmax" => check(row, ud, keep, a.argmax(axis, keep)),
            _ => as_cases!(a, row, ud, keep, axes;
                "sum_as" "int8" => i8, sum_as;
                "sum_as" "uint8" => u8, sum_as;
                "sum_as" "int32" => i32, sum_as;
                "sum_as" "int64" => i64, sum_as;
                "sum_as" "float32" => f32, sum_as;
                "sum_as" "float64" => f64, sum_as;
                "sum_as" "bool" => bool, sum_as;
                "prod_as" "int32" => i32, prod_as;
                "prod_as" "bool" => bool, prod_as;
                "mean_as" "float16" => half::f16, mean_as;
                "mean_as" "float32" => f32, mean_as;
            ),
        }
        n += 1;
    }
    assert!(n > 50, "{name}: only {n} rows");
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

#[test]
fn zero_d_inputs() {
    let d = dev();
    let a = Array::scalar(&d, 5i32).unwrap();
    for keep in [false, true] {
        let s = a.sum(None, keep).unwrap();
        assert_eq!(s.shape(), &[] as &[usize]);
        assert_eq!(s.item().unwrap(), 5i64);
        assert_eq!(a.min(None, keep).unwrap().item().unwrap(), 5);
        assert_eq!(a.argmax(None, keep).unwrap().item().unwrap(), 0);
        assert!(a.all(None, keep).unwrap().item().unwrap());
    }
    assert!(matches!(
        a.sum(Some(&[0]), false),
        Err(Error::AxisOutOfBounds {
            axis: 0,
            ndim: 0,
            ..
        })
    ));
}

#[test]
fn axis_errors_as_numpy() {
    let d = dev();
    let a = parent::<f32>(&d);
    assert!(matches!(
        a.sum(Some(&[0, -3]), false),
        Err(Error::DuplicateAxis { op: "sum", axis: 0 })
    ));
    assert!(matches!(
        a.max(Some(&[3]), false),
        Err(Error::AxisOutOfBounds {
            op: "max",
            axis: 3,
            ndim: 3
        })
    ));
    assert!(matches!(
        a.argmax(Some(-4), false),
        Err(Error::AxisOutOfBounds { axis: -4, .. })
    ));
    // Empty reductions: NumPy's identities, or NumPy's messages.
    let e = a.slice(&s![.., 0..0, ..]).unwrap();
    assert_eq!(
        e.min(None, false).unwrap_err().to_string(),
        "zero-size array to reduction operation minimum which has no identity"
    );
    assert_eq!(
        e.argmax(Some(1), false).unwrap_err().to_string(),
        "attempt to get argmax of an empty sequence"
    );
    // Nothing reduced away but the output is empty: no error (NumPy too).
    assert_eq!(e.max(Some(&[0]), false).unwrap().shape(), &[0, 5]);
    assert_eq!(
        e.sum(Some(&[1]), false).unwrap().to_vec().unwrap(),
        vec![0.0f32; 15]
    );
    assert_eq!(
        e.prod(Some(&[1]), true).unwrap().to_vec().unwrap(),
        vec![1.0f32; 15]
    );
    assert!(e.mean(None, false).unwrap().item().unwrap().is_nan());
    assert!(e.all(None, false).unwrap().item().unwrap());
    assert!(!e.any(None, false).unwrap().item().unwrap());
}

/// Integer-valued test data, `((31 i + 17 j) mod 23) - 11` at logical
/// position (i, j) of an `rows x cols` array.
fn data(i: usize, j: usize) -> i64 {
    ((31 * i + 17 * j) % 23) as i64 - 11
}

/// Exact host sums, maxima and first argmax along each axis of a 2-D
/// logical array given by `f`.
fn host_reduce(
    rows: usize,
    cols: usize,
    f: impl Fn(usize, usize) -> i64,
) -> [Vec<(i64, i64, i64)>; 2] {
    let fold = |n: usize, g: &dyn Fn(usize) -> i64| {
        let (mut s, mut m, mut am) = (0, i64::MIN, 0);
        for k in 0..n {
            let v = g(k);
            s += v;
            if v > m {
                m = v;
                am = k as i64;
            }
        }
        (s, m, am)
    };
    [
        (0..cols).map(|j| fold(rows, &|i| f(i, j))).collect(),
        (0..rows).map(|i| fold(cols, &|j| f(i, j))).collect(),
    ]
}

/// Sums, maxima and argmaxes along both axes and over everything, of views
/// long enough for several chunks and passes (wide and narrow mappings).
fn multi_pass<T: Element + Accumulate>() {
    let d = dev();
    let (r, c) = (300, 5000);
    let host: Vec<T> = (0..r * c)
        .map(|k| T::from_i128_wrapping(data(k / c, k % c) as i128))
        .collect();
    let a = Array::from_slice(&d, &host, &[r, c]).unwrap();
    type Logical = Box<dyn Fn(usize, usize) -> i64>;
    let views: Vec<(&str, Array<T>, Logical)> = vec![
        ("contiguous", a.clone(), Box::new(data)),
        ("transposed", a.t(), Box::new(|i, j| data(j, i))),
        (
            "reversed offset",
            a.slice(&s![-2..;-1, -8..;-3]).unwrap(),
            Box::new(move |i, j| data(r - 2 - i, c - 8 - 3 * j)),
        ),
    ];
    for (name, v, f) in views {
        let (vr, vc) = (v.shape()[0], v.shape()[1]);
        let want = host_reduce(vr, vc, &f);
        for axis in [0usize, 1] {
            let w = &want[axis];
            let ax = [axis as isize];
            let s = v.sum_as::<f64>(Some(&ax), false).unwrap().to_vec().unwrap();
            let m = v.max(Some(&ax), false).unwrap().to_vec().unwrap();
            let am = v
                .argmax(Some(axis as isize), false)
                .unwrap()
                .to_vec()
                .unwrap();
            for k in 0..w.len() {
                assert_eq!(s[k], w[k].0 as f64, "{name} sum axis {axis} [{k}]");
                assert_eq!(m[k].to_f64(), w[k].1 as f64, "{name} max axis {axis} [{k}]");
                assert_eq!(am[k], w[k].2, "{name} argmax axis {axis} [{k}]");
            }
        }
        let total: i64 = want[1].iter().map(|x| x.0).sum();
        assert_eq!(
            v.sum_as::<f64>(None, false).unwrap().item().unwrap(),
            total as f64,
            "{name}"
        );
        // The first maximum in C order of the view.
        let mut best = (i64::MIN, 0i64);
        for i in 0..vr {
            for j in 0..vc {
                if f(i, j) > best.0 {
                    best = (f(i, j), (i * vc + j) as i64);
                }
            }
        }
        assert_eq!(
            v.argmax(None, false).unwrap().item().unwrap(),
            best.1,
            "{name}"
        );
    }
}

#[test]
fn multi_pass_f32() {
    multi_pass::<f32>();
}
#[test]
fn multi_pass_i8() {
    multi_pass::<i8>();
}
#[test]
fn multi_pass_i64() {
    multi_pass::<i64>();
}

#[test]
fn sum_of_2_pow_24_ones_is_exact() {
    let d = dev();
    let a = Array::<f32>::ones(&d, &[1 << 24]).unwrap();
    assert_eq!(a.sum(None, false).unwrap().item().unwrap(), 16777216.0);
    assert_eq!(a.mean(None, false).unwrap().item().unwrap(), 1.0);
}

#[test]
fn sum_of_ten_million_tenths_is_within_ulps_of_numpy() {
    let d = dev();
    let a = Array::<f32>::full(&d, &[10_000_000], 0.1).unwrap();
    let got = a.sum(None, false).unwrap().item().unwrap();
    // np.full(10**7, 0.1, np.float32).sum() == 1000000.125 (NumPy 2.4,
    // pairwise); a naive f32 loop gives 1087937.0.
    let numpy = 1_000_000.1_f32; // 1000000.125 exactly
    let ulps = (got.to_bits() as i64 - numpy.to_bits() as i64).abs();
    assert!(ulps <= 4, "got {got}, NumPy {numpy} ({ulps} ulps)");
}

#[test]
fn past_the_storage_binding_limit() {
    // A device of its own, so that its allocation count is not disturbed
    // by the tests running next to it.
    let d = Device::new().unwrap();
    let (r, c) = (8000usize, 5000usize);
    let a = Array::<f32>::ones(&d, &[r * c])
        .unwrap()
        .reshape(&[r as isize, c as isize])
        .unwrap();
    assert!(a.nbytes() as u64 > d.info().max_storage_buffer_binding_size);
    let marks = [
        (0usize, 0usize, 2.0f32),
        (4321, 17, 3.0),
        (7999, 4999, 5.0),
        (12, 4998, 4.0),
    ];
    for &(i, j, v) in &marks {
        a.set(&[i as isize, j as isize], v).unwrap();
    }
    let before = d.allocated_bytes();
    let total = a.sum(None, false).unwrap();
    // Only the result and small partials were allocated: no copy.
    let grew = d.allocated_bytes() - before;
    assert!(grew < 1 << 20, "{grew} bytes allocated");
    // The exact total, 40000010, lies halfway between the f32 neighbours
    // 40000008 and 40000012: either is a correctly rounded answer, which
    // one comes out depends on the order of the additions.
    let extra: f64 = marks.iter().map(|m| m.2 as f64 - 1.0).sum();
    let exact = (r * c) as f64 + extra;
    let got = total.item().unwrap() as f64;
    assert!((got - exact).abs() <= 2.0, "sum {got}, exact {exact}");
    let row_sums = |v: &[f32]| {
        v.iter().enumerate().all(|(i, &s)| {
            let e: f32 = marks.iter().filter(|m| m.0 == i).map(|m| m.2 - 1.0).sum();
            s == c as f32 + e
        })
    };
    let col_sums = |v: &[f32]| {
        v.iter().enumerate().all(|(j, &s)| {
            let e: f32 = marks.iter().filter(|m| m.1 == j).map(|m| m.2 - 1.0).sum();
            s == r as f32 + e
        })
    };
    let t = a.t(); // 5000 x 8000, strides (1, 5000)
    assert!(row_sums(
        &a.sum(Some(&[1]), false).unwrap().to_vec().unwrap()
    ));
    assert!(row_sums(
        &t.sum(Some(&[0]), false).unwrap().to_vec().unwrap()
    ));
    assert!(col_sums(
        &t.sum(Some(&[-1]), false).unwrap().to_vec().unwrap()
    ));
    assert_eq!(t.max(None, false).unwrap().item().unwrap(), 5.0);
    // a[7999, 4999] is t[4999, 7999]: flat index 4999 * 8000 + 7999 of t.
    assert_eq!(
        t.argmax(None, false).unwrap().item().unwrap(),
        4999 * 8000 + 7999
    );
    assert_eq!(a.argmin(None, false).unwrap().item().unwrap(), 1);
}

// ----- NumPy's results ----------------------------------------------------------
//
// Columns: view | op | axes | shape | shape with keepdims | input:result
// dtypes sharing the row | values in C order (floats that are integers are
// written as integers), or NumPy's error message where the result dtype is
// ERR. Produced with NumPy 2.4.6 by this script (`python3 gen.py`):
//
// # Regenerates the NUMPY table of tests/reduce.rs: python3 gen.py
// import numpy as np
// BASE = [3, -1, 2, 1, 0, -2, 1, 1, -1, 2, 1, -3, 0]
// DT = ['bool', 'int8', 'uint8', 'int16', 'float16', 'int32', 'uint32', 'float32', 'int64', 'uint64', 'float64']
// def parent(dt):
//     v = np.array([BASE[i % 13] for i in range(60)], dtype=np.int64)
//     return (v != 0).reshape(3, 4, 5) if dt == 'bool' else v.astype(dt).reshape(3, 4, 5)
// VIEWS = {
//     'contiguous': lambda p: p,
//     'transposed': lambda p: p.transpose(2, 0, 1),
//     'offset': lambda p: p[1:, 1:, 2:],
//     'negative': lambda p: p[::-1, ::2, ::-2],
//     'broadcast': lambda p: np.broadcast_to(p[1, :, 3:4], (2, 4, 3)),
//     'size1': lambda p: p[1:2, 2:3, :],
//     'empty': lambda p: p[:, 1:1, :],
// }
// AXES = [None, (0,), (-1,), (1,), (0, -1), (1, 2)]
// ARG_AXES = [None, 0, -1, 1]
// def fmt(x):
//     if isinstance(x, (bool, np.bool_)):
//         return '1' if x else '0'
//     if isinstance(x, (np.floating, float)):
//         f = float(x)
//         if f == f and abs(f) != float('inf') and f == int(f) and abs(f) < 2**53:
//             return str(int(f))
//         return repr(f)
//     return str(int(x))
// def axs(a):
//     return 'None' if a is None else ','.join(str(k) for k in (a if isinstance(a, tuple) else (a,)))
// def shp(s):
//     return ','.join(str(d) for d in s)
// def run(f):
//     try:
//         r = np.asarray(f())
//         return (r.dtype.name, shp(r.shape), ' '.join(fmt(x) for x in r.ravel()))
//     except ValueError as e:
//         return ('ERR', '', str(e))
// rows = {}
// for dt in DT:
//     p = parent(dt)
//     for vn, vf in VIEWS.items():
//         a = vf(p)
//         for op in ['sum', 'prod', 'mean', 'min', 'max', 'any', 'all', 'argmin', 'argmax']:
//             for ax in (ARG_AXES if op.startswith('arg') else AXES):
//                 import warnings
//                 with warnings.catch_warnings():
//                     warnings.simplefilter('ignore')
//                     r0 = run(lambda: getattr(np, op)(a, axis=ax))
//                     r1 = run(lambda: getattr(np, op)(a, axis=ax, keepdims=True))
//                 assert r0[0] == r1[0] and r0[2] == r1[2]
//                 key = (vn, op, axs(ax), r0[1], r1[1], r0[2])
//                 rows.setdefault(key, []).append(f'{dt}:{r0[0]}')
// for (vn, op, ax, s0, s1, vals), dts in rows.items():
//     print(f"{vn}|{op}|{ax}|{s0}|{s1}|{' '.join(dts)}|{vals}")
// # NaN and infinity handling, on a 3x4 array and its transpose.
// NAN = np.array([1, np.nan, 3, np.nan, 2, 0, -np.inf, 5, np.nan, 1, 1, 1]).reshape(3, 4)
// rows = {}
// for dt in ['float16', 'float32', 'float64']:
//     for vn, a in [('nan', NAN.astype(dt)), ('nan_t', NAN.astype(dt).T)]:
//         for op in ['sum', 'prod', 'mean', 'min', 'max', 'any', 'all', 'argmin', 'argmax']:
//             for ax in ([None, 0, 1] if op.startswith('arg') else [None, (0,), (1,)]):
//                 r0 = run(lambda: getattr(np, op)(a, axis=ax))
//                 r1 = run(lambda: getattr(np, op)(a, axis=ax, keepdims=True))
//                 key = (vn, op, axs(ax), r0[1], r1[1], r0[2])
//                 rows.setdefault(key, []).append(f'{dt}:{r0[0]}')
// for (vn, op, ax, s0, s1, vals), dts in rows.items():
//     print(f"{vn}|{op}|{ax}|{s0}|{s1}|{' '.join(dts)}|{vals}")
// # NumPy's dtype= argument: sum_as / prod_as / mean_as.
// AS = [('int8', 'sum', 'int8'), ('uint8', 'sum', 'uint8'), ('int32', 'sum', 'int32'),
//       ('int32', 'prod', 'int32'), ('int32', 'sum', 'float32'), ('int16', 'mean', 'float32'),
//       ('float64', 'sum', 'float32'), ('float32', 'sum', 'float64'), ('int8', 'sum', 'bool'),
//       ('float32', 'prod', 'bool'), ('uint32', 'sum', 'int64'), ('int32', 'mean', 'float16'),
//       ('float16', 'mean', 'float32'), ('bool', 'sum', 'int32')]
// for dt, op, u in AS:
//     p = parent(dt)
//     for vn in ['contiguous', 'transposed', 'negative']:
//         a = VIEWS[vn](p)
//         for ax in [None, (0,), (-1,), (0, -1)]:
//             r0 = run(lambda: getattr(np, op)(a, axis=ax, dtype=u))
//             r1 = run(lambda: getattr(np, op)(a, axis=ax, dtype=u, keepdims=True))
//             print(f"{vn}|{op}_as|{axs(ax)}|{r0[1]}|{r1[1]}|{dt}:{r0[0]}|{r0[2]}")
// # Rank 10: a permuted, partly reversed view of a 2x...x2 array.
// for dt in ['int32', 'float64']:
//     p = (np.arange(1024) % 7 - 3).astype(dt).reshape([2] * 10)
//     a = p.transpose(list(range(9, -1, -1)))[::-1, :, ::-1]
//     for op, ax in [('sum', (1, 3, 5, 7)), ('max', (0, -1, 4)), ('argmax', 3), ('mean', (2, 5, 6, 8, 9)), ('min', None)]:
//         r0 = run(lambda: getattr(np, op)(a, axis=ax))
//         r1 = run(lambda: getattr(np, op)(a, axis=ax, keepdims=True))
//         print(f"rank10|{op}|{axs(ax)}|{r0[1]}|{r1[1]}|{dt}:{r0[0]}|{r0[2]}")

const NUMPY: &str = r#"
contiguous|sum|None||1,1,1|bool:int64|51
contiguous|sum|0|4,5|1,4,5|bool:int64|3 3 3 2 2 2 3 3 3 3 2 2 2 3 3 3 2 2 2 3
contiguous|sum|-1|3,4|3,4,1|bool:int64|4 5 4 4 5 4 4 4 4 5 4 4
contiguous|sum|1|3,5|3,1,5|bool:int64|4 4 2 4 3 2 4 4 3 4 4 2 4 3 4
contiguous|sum|0,-1|4|1,4,1|bool:int64|13 14 12 12
contiguous|sum|1,2|3|3,1,1|bool:int64|17 17 17
contiguous|prod|None||1,1,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|0
contiguous|prod|0|4,5|1,4,5|bool:int64|1 1 1 0 0 0 1 1 1 1 0 0 0 1 1 1 0 0 0 1
contiguous|prod|-1|3,4|3,4,1|bool:int64|0 1 0 0 1 0 0 0 0 1 0 0
contiguous|prod|1|3,5|3,1,5|bool:int64|1 1 0 1 0 0 1 1 0 1 1 0 1 0 1
contiguous|prod|0,-1|4|1,4,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|0 0 0 0
contiguous|prod|1,2|3|3,1,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|0 0 0
contiguous|mean|None||1,1,1|bool:float64|0.85
contiguous|mean|0|4,5|1,4,5|bool:float64|1 1 1 0.6666666666666666 0.6666666666666666 0.6666666666666666 1 1 1 1 0.6666666666666666 0.6666666666666666 0.6666666666666666 1 1 1 0.6666666666666666 0.6666666666666666 0.6666666666666666 1
contiguous|mean|-1|3,4|3,4,1|bool:float64|0.8 1 0.8 0.8 1 0.8 0.8 0.8 0.8 1 0.8 0.8
contiguous|mean|1|3,5|3,1,5|bool:float64|1 1 0.5 1 0.75 0.5 1 1 0.75 1 1 0.5 1 0.75 1
contiguous|mean|0,-1|4|1,4,1|bool:float64|0.8666666666666667 0.9333333333333333 0.8 0.8
contiguous|mean|1,2|3|3,1,1|bool:float64|0.85 0.85 0.85
contiguous|min|None||1,1,1|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|0
contiguous|min|0|4,5|1,4,5|bool:bool|1 1 1 0 0 0 1 1 1 1 0 0 0 1 1 1 0 0 0 1
contiguous|min|-1|3,4|3,4,1|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|0 1 0 0 1 0 0 0 0 1 0 0
contiguous|min|1|3,5|3,1,5|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|1 1 0 1 0 0 1 1 0 1 1 0 1 0 1
contiguous|min|0,-1|4|1,4,1|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|0 0 0 0
contiguous|min|1,2|3|3,1,1|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|0 0 0
contiguous|max|None||1,1,1|bool:bool|1
contiguous|max|0|4,5|1,4,5|bool:bool|1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1
contiguous|max|-1|3,4|3,4,1|bool:bool|1 1 1 1 1 1 1 1 1 1 1 1
contiguous|max|1|3,5|3,1,5|bool:bool|1 1 1 1 1 1 1 1 1 1 1 1 1 1 1
contiguous|max|0,-1|4|1,4,1|bool:bool|1 1 1 1
contiguous|max|1,2|3|3,1,1|bool:bool|1 1 1
contiguous|any|None||1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1
contiguous|any|0|4,5|1,4,5|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1
contiguous|any|-1|3,4|3,4,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1 1 1 1 1 1 1 1 1
contiguous|any|1|3,5|3,1,5|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1 1 1 1 1 1 1 1 1 1 1 1
contiguous|any|0,-1|4|1,4,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1
contiguous|any|1,2|3|3,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1
contiguous|all|None||1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0
contiguous|all|0|4,5|1,4,5|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 0 0 0 1 1 1 1 0 0 0 1 1 1 0 0 0 1
contiguous|all|-1|3,4|3,4,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0 1 0 0 1 0 0 0 0 1 0 0
contiguous|all|1|3,5|3,1,5|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 0 1 0 0 1 1 0 1 1 0 1 0 1
contiguous|all|0,-1|4|1,4,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0 0 0 0
contiguous|all|1,2|3|3,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0 0 0
contiguous|argmin|None||1,1,1|bool:int64 uint8:int64 uint32:int64 uint64:int64|4
contiguous|argmin|0|4,5|1,4,5|bool:int64|0 0 0 2 0 1 0 0 0 0 1 2 0 0 0 0 2 0 1 0
contiguous|argmin|-1|3,4|3,4,1|bool:int64|4 0 2 2 0 0 0 3 3 0 1 1
contiguous|argmin|1|3,5|3,1,5|bool:int64|0 0 2 0 0 1 0 0 3 0 0 2 0 0 0
contiguous|argmax|None||1,1,1|bool:int64 int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|0
contiguous|argmax|0|4,5|1,4,5|bool:int64|0 0 0 0 1 0 0 0 0 0 0 0 1 0 0 0 0 1 0 0
contiguous|argmax|-1|3,4|3,4,1|bool:int64|0 0 0 0 0 1 1 0 0 0 0 0
contiguous|argmax|1|3,5|3,1,5|bool:int64|0 0 0 0 1 0 0 0 0 0 0 0 0 1 0
transposed|sum|None||1,1,1|bool:int64|51
transposed|sum|0|3,4|1,3,4|bool:int64|4 5 4 4 5 4 4 4 4 5 4 4
transposed|sum|-1|5,3|5,3,1|bool:int64|4 2 4 4 4 2 2 4 4 4 3 3 3 4 4
transposed|sum|1|5,4|5,1,4|bool:int64|3 2 2 3 3 3 2 2 3 3 2 2 2 3 3 2 2 3 3 3
transposed|sum|0,-1|3|1,3,1|bool:int64|17 17 17
transposed|sum|1,2|5|5,1,1|bool:int64|10 10 10 10 11
transposed|prod|None||1,1,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|0
transposed|prod|0|3,4|1,3,4|bool:int64|0 1 0 0 1 0 0 0 0 1 0 0
transposed|prod|-1|5,3|5,3,1|bool:int64|1 0 1 1 1 0 0 1 1 1 0 0 0 1 1
transposed|prod|1|5,4|5,1,4|bool:int64|1 0 0 1 1 1 0 0 1 1 0 0 0 1 1 0 0 1 1 1
transposed|prod|0,-1|3|1,3,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|0 0 0
transposed|prod|1,2|5|5,1,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|0 0 0 0 0
transposed|mean|None||1,1,1|bool:float64|0.85
transposed|mean|0|3,4|1,3,4|bool:float64|0.8 1 0.8 0.8 1 0.8 0.8 0.8 0.8 1 0.8 0.8
transposed|mean|-1|5,3|5,3,1|bool:float64|1 0.5 1 1 1 0.5 0.5 1 1 1 0.75 0.75 0.75 1 1
transposed|mean|1|5,4|5,1,4|bool:float64|1 0.6666666666666666 0.6666666666666666 1 1 1 0.6666666666666666 0.6666666666666666 1 1 0.6666666666666666 0.6666666666666666 0.6666666666666666 1 1 0.6666666666666666 0.6666666666666666 1 1 1
transposed|mean|0,-1|3|1,3,1|bool:float64|0.85 0.85 0.85
transposed|mean|1,2|5|5,1,1|bool:float64|0.8333333333333334 0.8333333333333334 0.8333333333333334 0.8333333333333334 0.9166666666666666
transposed|min|None||1,1,1|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|0
transposed|min|0|3,4|1,3,4|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|0 1 0 0 1 0 0 0 0 1 0 0
transposed|min|-1|5,3|5,3,1|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|1 0 1 1 1 0 0 1 1 1 0 0 0 1 1
transposed|min|1|5,4|5,1,4|bool:bool|1 0 0 1 1 1 0 0 1 1 0 0 0 1 1 0 0 1 1 1
transposed|min|0,-1|3|1,3,1|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|0 0 0
transposed|min|1,2|5|5,1,1|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|0 0 0 0 0
transposed|max|None||1,1,1|bool:bool|1
transposed|max|0|3,4|1,3,4|bool:bool|1 1 1 1 1 1 1 1 1 1 1 1
transposed|max|-1|5,3|5,3,1|bool:bool|1 1 1 1 1 1 1 1 1 1 1 1 1 1 1
transposed|max|1|5,4|5,1,4|bool:bool|1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1
transposed|max|0,-1|3|1,3,1|bool:bool|1 1 1
transposed|max|1,2|5|5,1,1|bool:bool|1 1 1 1 1
transposed|any|None||1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1
transposed|any|0|3,4|1,3,4|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1 1 1 1 1 1 1 1 1
transposed|any|-1|5,3|5,3,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1 1 1 1 1 1 1 1 1 1 1 1
transposed|any|1|5,4|5,1,4|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1
transposed|any|0,-1|3|1,3,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1
transposed|any|1,2|5|5,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1 1
transposed|all|None||1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0
transposed|all|0|3,4|1,3,4|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0 1 0 0 1 0 0 0 0 1 0 0
transposed|all|-1|5,3|5,3,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 0 1 1 1 0 0 1 1 1 0 0 0 1 1
transposed|all|1|5,4|5,1,4|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 0 0 1 1 1 0 0 1 1 0 0 0 1 1 0 0 1 1 1
transposed|all|0,-1|3|1,3,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0 0 0
transposed|all|1,2|5|5,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0 0 0 0 0
transposed|argmin|None||1,1,1|bool:int64 uint8:int64 uint32:int64 uint64:int64|5
transposed|argmin|0|3,4|1,3,4|bool:int64|4 0 2 2 0 0 0 3 3 0 1 1
transposed|argmin|-1|5,3|5,3,1|bool:int64|0 1 0 0 0 2 2 0 0 0 3 0 0 0 0
transposed|argmin|1|5,4|5,1,4|bool:int64|0 1 1 0 0 0 2 2 0 0 0 0 2 0 0 1 0 0 0 0
transposed|argmax|None||1,1,1|bool:int64 int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|0
transposed|argmax|0|3,4|1,3,4|bool:int64|0 0 0 0 0 1 1 0 0 0 0 0
transposed|argmax|-1|5,3|5,3,1|bool:int64|0 0 0 0 0 0 0 0 0 0 0 1 1 0 0
transposed|argmax|1|5,4|5,1,4|bool:int64|0 0 0 0 0 0 0 0 0 0 1 1 0 0 0 0 1 0 0 0
offset|sum|None||1,1,1|bool:int64|17
offset|sum|0|3,3|1,3,3|bool:int64|2 2 2 2 2 2 2 1 2
offset|sum|-1|2,3|2,3,1|bool:int64|3 3 2 3 3 3
offset|sum|1|2,3|2,1,3|bool:int64|3 2 3 3 3 3
offset|sum|0,-1|3|1,3,1|bool:int64|6 6 5
offset|sum|1,2|2|2,1,1|bool:int64|8 9
offset|prod|None||1,1,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|0
offset|prod|0|3,3|1,3,3|bool:int64|1 1 1 1 1 1 1 0 1
offset|prod|-1|2,3|2,3,1|bool:int64|1 1 0 1 1 1
offset|prod|1|2,3|2,1,3|bool:int64|1 0 1 1 1 1
offset|prod|0,-1|3|1,3,1|bool:int64|1 1 0
offset|prod|1,2|2|2,1,1|bool:int64|0 1
offset|mean|None||1,1,1|bool:float64|0.9444444444444444
offset|mean|0|3,3|1,3,3|bool:float64|1 1 1 1 1 1 1 0.5 1
offset|mean|-1|2,3|2,3,1|bool:float64|1 1 0.6666666666666666 1 1 1
offset|mean|1|2,3|2,1,3|bool:float64|1 0.6666666666666666 1 1 1 1
offset|mean|0,-1|3|1,3,1|bool:float64|1 1 0.8333333333333334
offset|mean|1,2|2|2,1,1|bool:float64|0.8888888888888888 1
offset|min|None||1,1,1|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|0
offset|min|0|3,3|1,3,3|bool:bool|1 1 1 1 1 1 1 0 1
offset|min|-1|2,3|2,3,1|bool:bool|1 1 0 1 1 1
offset|min|1|2,3|2,1,3|bool:bool|1 0 1 1 1 1
offset|min|0,-1|3|1,3,1|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|1 1 0
offset|min|1,2|2|2,1,1|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|0 1
offset|max|None||1,1,1|bool:bool|1
offset|max|0|3,3|1,3,3|bool:bool|1 1 1 1 1 1 1 1 1
offset|max|-1|2,3|2,3,1|bool:bool|1 1 1 1 1 1
offset|max|1|2,3|2,1,3|bool:bool|1 1 1 1 1 1
offset|max|0,-1|3|1,3,1|bool:bool|1 1 1
offset|max|1,2|2|2,1,1|bool:bool|1 1
offset|any|None||1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1
offset|any|0|3,3|1,3,3|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1 1 1 1 1 1
offset|any|-1|2,3|2,3,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1 1 1
offset|any|1|2,3|2,1,3|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1 1 1
offset|any|0,-1|3|1,3,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1
offset|any|1,2|2|2,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1
offset|all|None||1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0
offset|all|0|3,3|1,3,3|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1 1 1 1 0 1
offset|all|-1|2,3|2,3,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 0 1 1 1
offset|all|1|2,3|2,1,3|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 0 1 1 1 1
offset|all|0,-1|3|1,3,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 0
offset|all|1,2|2|2,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0 1
offset|argmin|None||1,1,1|bool:int64 uint8:int64 uint32:int64 uint64:int64|7
offset|argmin|0|3,3|1,3,3|bool:int64|0 0 0 0 0 0 0 0 0
offset|argmin|-1|2,3|2,3,1|bool:int64|0 0 1 0 0 0
offset|argmin|1|2,3|2,1,3|bool:int64|0 2 0 0 0 0
offset|argmax|None||1,1,1|bool:int64 uint8:int64 uint32:int64 uint64:int64|0
offset|argmax|0|3,3|1,3,3|bool:int64|0 0 0 0 0 0 0 1 0
offset|argmax|-1|2,3|2,3,1|bool:int64|0 0 0 0 0 0
offset|argmax|1|2,3|2,1,3|bool:int64|0 0 0 0 0 0
negative|sum|None||1,1,1|bool:int64|15
negative|sum|0|2,3|1,2,3|bool:int64|2 3 3 3 2 2
negative|sum|-1|3,2|3,2,1|bool:int64|3 3 3 2 2 2
negative|sum|1|3,3|3,1,3|bool:int64|2 2 2 2 2 1 1 1 2
negative|sum|0,-1|2|1,2,1|bool:int64|8 7
negative|sum|1,2|3|3,1,1|bool:int64|6 5 4
negative|prod|None||1,1,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|0
negative|prod|0|2,3|1,2,3|bool:int64|0 1 1 1 0 0
negative|prod|-1|3,2|3,2,1|bool:int64|1 1 1 0 0 0
negative|prod|1|3,3|3,1,3|bool:int64|1 1 1 1 1 0 0 0 1
negative|prod|0,-1|2|1,2,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|0 0
negative|prod|1,2|3|3,1,1|bool:int64|1 0 0
negative|mean|None||1,1,1|bool:float64|0.8333333333333334
negative|mean|0|2,3|1,2,3|bool:float64|0.6666666666666666 1 1 1 0.6666666666666666 0.6666666666666666
negative|mean|-1|3,2|3,2,1|bool:float64|1 1 1 0.6666666666666666 0.6666666666666666 0.6666666666666666
negative|mean|1|3,3|3,1,3|bool:float64|1 1 1 1 1 0.5 0.5 0.5 1
negative|mean|0,-1|2|1,2,1|bool:float64|0.8888888888888888 0.7777777777777778
negative|mean|1,2|3|3,1,1|bool:float64|1 0.8333333333333334 0.6666666666666666
negative|min|None||1,1,1|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|0
negative|min|0|2,3|1,2,3|bool:bool|0 1 1 1 0 0
negative|min|-1|3,2|3,2,1|bool:bool|1 1 1 0 0 0
negative|min|1|3,3|3,1,3|bool:bool|1 1 1 1 1 0 0 0 1
negative|min|0,-1|2|1,2,1|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|0 0
negative|min|1,2|3|3,1,1|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|1 0 0
negative|max|None||1,1,1|bool:bool|1
negative|max|0|2,3|1,2,3|bool:bool|1 1 1 1 1 1
negative|max|-1|3,2|3,2,1|bool:bool|1 1 1 1 1 1
negative|max|1|3,3|3,1,3|bool:bool|1 1 1 1 1 1 1 1 1
negative|max|0,-1|2|1,2,1|bool:bool|1 1
negative|max|1,2|3|3,1,1|bool:bool|1 1 1
negative|any|None||1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1
negative|any|0|2,3|1,2,3|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1 1 1
negative|any|-1|3,2|3,2,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1 1 1
negative|any|1|3,3|3,1,3|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1 1 1 1 1 1
negative|any|0,-1|2|1,2,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1
negative|any|1,2|3|3,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1
negative|all|None||1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0
negative|all|0|2,3|1,2,3|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0 1 1 1 0 0
negative|all|-1|3,2|3,2,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 0 0 0
negative|all|1|3,3|3,1,3|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1 1 0 0 0 1
negative|all|0,-1|2|1,2,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0 0
negative|all|1,2|3|3,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 0 0
negative|argmin|None||1,1,1|bool:int64 uint8:int64 uint32:int64 uint64:int64|11
negative|argmin|0|2,3|1,2,3|bool:int64|2 0 0 0 2 1
negative|argmin|-1|3,2|3,2,1|bool:int64|0 0 0 2 0 1
negative|argmin|1|3,3|3,1,3|bool:int64|0 0 0 0 0 1 0 1 0
negative|argmax|None||1,1,1|bool:int64|0
negative|argmax|0|2,3|1,2,3|bool:int64|0 0 0 0 0 0
negative|argmax|-1|3,2|3,2,1|bool:int64|0 0 0 0 1 0
negative|argmax|1|3,3|3,1,3|bool:int64|0 0 0 0 0 0 1 0 0
broadcast|sum|None||1,1,1|bool:int64|18
broadcast|sum|0|4,3|1,4,3|bool:int64|2 2 2 2 2 2 2 2 2 0 0 0
broadcast|sum|-1|2,4|2,4,1|bool:int64|3 3 3 0 3 3 3 0
broadcast|sum|1|2,3|2,1,3|bool:int64|3 3 3 3 3 3
broadcast|sum|0,-1|4|1,4,1|bool:int64|6 6 6 0
broadcast|sum|1,2|2|2,1,1|bool:int64|9 9
broadcast|prod|None||1,1,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|0
broadcast|prod|0|4,3|1,4,3|bool:int64|1 1 1 1 1 1 1 1 1 0 0 0
broadcast|prod|-1|2,4|2,4,1|bool:int64|1 1 1 0 1 1 1 0
broadcast|prod|1|2,3|2,1,3|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|0 0 0 0 0 0
broadcast|prod|0,-1|4|1,4,1|bool:int64|1 1 1 0
broadcast|prod|1,2|2|2,1,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|0 0
broadcast|mean|None||1,1,1|bool:float64|0.75
broadcast|mean|0|4,3|1,4,3|bool:float64|1 1 1 1 1 1 1 1 1 0 0 0
broadcast|mean|-1|2,4|2,4,1|bool:float64|1 1 1 0 1 1 1 0
broadcast|mean|1|2,3|2,1,3|bool:float64|0.75 0.75 0.75 0.75 0.75 0.75
broadcast|mean|0,-1|4|1,4,1|bool:float64|1 1 1 0
broadcast|mean|1,2|2|2,1,1|bool:float64|0.75 0.75
broadcast|min|None||1,1,1|bool:bool int8:int8 uint8:uint8 int16:int16 float16:float16 int32:int32 uint32:uint32 float32:float32 int64:int64 uint64:uint64 float64:float64|0
broadcast|min|0|4,3|1,4,3|bool:bool|1 1 1 1 1 1 1 1 1 0 0 0
broadcast|min|-1|2,4|2,4,1|bool:bool|1 1 1 0 1 1 1 0
broadcast|min|1|2,3|2,1,3|bool:bool int8:int8 uint8:uint8 int16:int16 float16:float16 int32:int32 uint32:uint32 float32:float32 int64:int64 uint64:uint64 float64:float64|0 0 0 0 0 0
broadcast|min|0,-1|4|1,4,1|bool:bool|1 1 1 0
broadcast|min|1,2|2|2,1,1|bool:bool int8:int8 uint8:uint8 int16:int16 float16:float16 int32:int32 uint32:uint32 float32:float32 int64:int64 uint64:uint64 float64:float64|0 0
broadcast|max|None||1,1,1|bool:bool|1
broadcast|max|0|4,3|1,4,3|bool:bool|1 1 1 1 1 1 1 1 1 0 0 0
broadcast|max|-1|2,4|2,4,1|bool:bool|1 1 1 0 1 1 1 0
broadcast|max|1|2,3|2,1,3|bool:bool|1 1 1 1 1 1
broadcast|max|0,-1|4|1,4,1|bool:bool|1 1 1 0
broadcast|max|1,2|2|2,1,1|bool:bool|1 1
broadcast|any|None||1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1
broadcast|any|0|4,3|1,4,3|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1 1 1 1 1 1 0 0 0
broadcast|any|-1|2,4|2,4,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 0 1 1 1 0
broadcast|any|1|2,3|2,1,3|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1 1 1
broadcast|any|0,-1|4|1,4,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 0
broadcast|any|1,2|2|2,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1
broadcast|all|None||1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0
broadcast|all|0|4,3|1,4,3|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1 1 1 1 1 1 0 0 0
broadcast|all|-1|2,4|2,4,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 0 1 1 1 0
broadcast|all|1|2,3|2,1,3|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0 0 0 0 0 0
broadcast|all|0,-1|4|1,4,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 0
broadcast|all|1,2|2|2,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0 0
broadcast|argmin|None||1,1,1|bool:int64 int8:int64 uint8:int64 int16:int64 float16:int64 int32:int64 uint32:int64 float32:int64 int64:int64 uint64:int64 float64:int64|9
broadcast|argmin|0|4,3|1,4,3|bool:int64 int8:int64 uint8:int64 int16:int64 float16:int64 int32:int64 uint32:int64 float32:int64 int64:int64 uint64:int64 float64:int64|0 0 0 0 0 0 0 0 0 0 0 0
broadcast|argmin|-1|2,4|2,4,1|bool:int64 int8:int64 uint8:int64 int16:int64 float16:int64 int32:int64 uint32:int64 float32:int64 int64:int64 uint64:int64 float64:int64|0 0 0 0 0 0 0 0
broadcast|argmin|1|2,3|2,1,3|bool:int64 int8:int64 uint8:int64 int16:int64 float16:int64 int32:int64 uint32:int64 float32:int64 int64:int64 uint64:int64 float64:int64|3 3 3 3 3 3
broadcast|argmax|None||1,1,1|bool:int64|0
broadcast|argmax|0|4,3|1,4,3|bool:int64 int8:int64 uint8:int64 int16:int64 float16:int64 int32:int64 uint32:int64 float32:int64 int64:int64 uint64:int64 float64:int64|0 0 0 0 0 0 0 0 0 0 0 0
broadcast|argmax|-1|2,4|2,4,1|bool:int64 int8:int64 uint8:int64 int16:int64 float16:int64 int32:int64 uint32:int64 float32:int64 int64:int64 uint64:int64 float64:int64|0 0 0 0 0 0 0 0
broadcast|argmax|1|2,3|2,1,3|bool:int64|0 0 0 0 0 0
size1|sum|None||1,1,1|bool:int64|4
size1|sum|0|1,5|1,1,5|bool:int64|0 1 1 1 1
size1|sum|-1|1,1|1,1,1|bool:int64|4
size1|sum|1|1,5|1,1,5|bool:int64|0 1 1 1 1
size1|sum|0,-1|1|1,1,1|bool:int64|4
size1|sum|1,2|1|1,1,1|bool:int64|4
size1|prod|None||1,1,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|0
size1|prod|0|1,5|1,1,5|bool:int64|0 1 1 1 1
size1|prod|-1|1,1|1,1,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|0
size1|prod|1|1,5|1,1,5|bool:int64|0 1 1 1 1
size1|prod|0,-1|1|1,1,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|0
size1|prod|1,2|1|1,1,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|0
size1|mean|None||1,1,1|bool:float64|0.8
size1|mean|0|1,5|1,1,5|bool:float64|0 1 1 1 1
size1|mean|-1|1,1|1,1,1|bool:float64|0.8
size1|mean|1|1,5|1,1,5|bool:float64|0 1 1 1 1
size1|mean|0,-1|1|1,1,1|bool:float64|0.8
size1|mean|1,2|1|1,1,1|bool:float64|0.8
size1|min|None||1,1,1|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|0
size1|min|0|1,5|1,1,5|bool:bool|0 1 1 1 1
size1|min|-1|1,1|1,1,1|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|0
size1|min|1|1,5|1,1,5|bool:bool|0 1 1 1 1
size1|min|0,-1|1|1,1,1|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|0
size1|min|1,2|1|1,1,1|bool:bool uint8:uint8 uint32:uint32 uint64:uint64|0
size1|max|None||1,1,1|bool:bool int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|1
size1|max|0|1,5|1,1,5|bool:bool|0 1 1 1 1
size1|max|-1|1,1|1,1,1|bool:bool int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|1
size1|max|1|1,5|1,1,5|bool:bool|0 1 1 1 1
size1|max|0,-1|1|1,1,1|bool:bool int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|1
size1|max|1,2|1|1,1,1|bool:bool int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|1
size1|any|None||1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1
size1|any|0|1,5|1,1,5|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0 1 1 1 1
size1|any|-1|1,1|1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1
size1|any|1|1,5|1,1,5|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0 1 1 1 1
size1|any|0,-1|1|1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1
size1|any|1,2|1|1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1
size1|all|None||1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0
size1|all|0|1,5|1,1,5|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0 1 1 1 1
size1|all|-1|1,1|1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0
size1|all|1|1,5|1,1,5|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0 1 1 1 1
size1|all|0,-1|1|1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0
size1|all|1,2|1|1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0
size1|argmin|None||1,1,1|bool:int64 uint8:int64 uint32:int64 uint64:int64|0
size1|argmin|0|1,5|1,1,5|bool:int64 int8:int64 uint8:int64 int16:int64 float16:int64 int32:int64 uint32:int64 float32:int64 int64:int64 uint64:int64 float64:int64|0 0 0 0 0
size1|argmin|-1|1,1|1,1,1|bool:int64 uint8:int64 uint32:int64 uint64:int64|0
size1|argmin|1|1,5|1,1,5|bool:int64 int8:int64 uint8:int64 int16:int64 float16:int64 int32:int64 uint32:int64 float32:int64 int64:int64 uint64:int64 float64:int64|0 0 0 0 0
size1|argmax|None||1,1,1|bool:int64|1
size1|argmax|0|1,5|1,1,5|bool:int64 int8:int64 uint8:int64 int16:int64 float16:int64 int32:int64 uint32:int64 float32:int64 int64:int64 uint64:int64 float64:int64|0 0 0 0 0
size1|argmax|-1|1,1|1,1,1|bool:int64|1
size1|argmax|1|1,5|1,1,5|bool:int64 int8:int64 uint8:int64 int16:int64 float16:int64 int32:int64 uint32:int64 float32:int64 int64:int64 uint64:int64 float64:int64|0 0 0 0 0
empty|sum|None||1,1,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|0
empty|sum|0|0,5|1,0,5|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|
empty|sum|-1|3,0|3,0,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|
empty|sum|1|3,5|3,1,5|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
empty|sum|0,-1|0|1,0,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|
empty|sum|1,2|3|3,1,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|0 0 0
empty|prod|None||1,1,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|1
empty|prod|0|0,5|1,0,5|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|
empty|prod|-1|3,0|3,0,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|
empty|prod|1|3,5|3,1,5|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|1 1 1 1 1 1 1 1 1 1 1 1 1 1 1
empty|prod|0,-1|0|1,0,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|
empty|prod|1,2|3|3,1,1|bool:int64 int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|1 1 1
empty|mean|None||1,1,1|bool:float64 int8:float64 uint8:float64 int16:float64 float16:float16 int32:float64 uint32:float64 float32:float32 int64:float64 uint64:float64 float64:float64|nan
empty|mean|0|0,5|1,0,5|bool:float64 int8:float64 uint8:float64 int16:float64 float16:float16 int32:float64 uint32:float64 float32:float32 int64:float64 uint64:float64 float64:float64|
empty|mean|-1|3,0|3,0,1|bool:float64 int8:float64 uint8:float64 int16:float64 float16:float16 int32:float64 uint32:float64 float32:float32 int64:float64 uint64:float64 float64:float64|
empty|mean|1|3,5|3,1,5|bool:float64 int8:float64 uint8:float64 int16:float64 float16:float16 int32:float64 uint32:float64 float32:float32 int64:float64 uint64:float64 float64:float64|nan nan nan nan nan nan nan nan nan nan nan nan nan nan nan
empty|mean|0,-1|0|1,0,1|bool:float64 int8:float64 uint8:float64 int16:float64 float16:float16 int32:float64 uint32:float64 float32:float32 int64:float64 uint64:float64 float64:float64|
empty|mean|1,2|3|3,1,1|bool:float64 int8:float64 uint8:float64 int16:float64 float16:float16 int32:float64 uint32:float64 float32:float32 int64:float64 uint64:float64 float64:float64|nan nan nan
empty|min|None|||bool:ERR int8:ERR uint8:ERR int16:ERR float16:ERR int32:ERR uint32:ERR float32:ERR int64:ERR uint64:ERR float64:ERR|zero-size array to reduction operation minimum which has no identity
empty|min|0|0,5|1,0,5|bool:bool int8:int8 uint8:uint8 int16:int16 float16:float16 int32:int32 uint32:uint32 float32:float32 int64:int64 uint64:uint64 float64:float64|
empty|min|-1|3,0|3,0,1|bool:bool int8:int8 uint8:uint8 int16:int16 float16:float16 int32:int32 uint32:uint32 float32:float32 int64:int64 uint64:uint64 float64:float64|
empty|min|1|||bool:ERR int8:ERR uint8:ERR int16:ERR float16:ERR int32:ERR uint32:ERR float32:ERR int64:ERR uint64:ERR float64:ERR|zero-size array to reduction operation minimum which has no identity
empty|min|0,-1|0|1,0,1|bool:bool int8:int8 uint8:uint8 int16:int16 float16:float16 int32:int32 uint32:uint32 float32:float32 int64:int64 uint64:uint64 float64:float64|
empty|min|1,2|||bool:ERR int8:ERR uint8:ERR int16:ERR float16:ERR int32:ERR uint32:ERR float32:ERR int64:ERR uint64:ERR float64:ERR|zero-size array to reduction operation minimum which has no identity
empty|max|None|||bool:ERR int8:ERR uint8:ERR int16:ERR float16:ERR int32:ERR uint32:ERR float32:ERR int64:ERR uint64:ERR float64:ERR|zero-size array to reduction operation maximum which has no identity
empty|max|0|0,5|1,0,5|bool:bool int8:int8 uint8:uint8 int16:int16 float16:float16 int32:int32 uint32:uint32 float32:float32 int64:int64 uint64:uint64 float64:float64|
empty|max|-1|3,0|3,0,1|bool:bool int8:int8 uint8:uint8 int16:int16 float16:float16 int32:int32 uint32:uint32 float32:float32 int64:int64 uint64:uint64 float64:float64|
empty|max|1|||bool:ERR int8:ERR uint8:ERR int16:ERR float16:ERR int32:ERR uint32:ERR float32:ERR int64:ERR uint64:ERR float64:ERR|zero-size array to reduction operation maximum which has no identity
empty|max|0,-1|0|1,0,1|bool:bool int8:int8 uint8:uint8 int16:int16 float16:float16 int32:int32 uint32:uint32 float32:float32 int64:int64 uint64:uint64 float64:float64|
empty|max|1,2|||bool:ERR int8:ERR uint8:ERR int16:ERR float16:ERR int32:ERR uint32:ERR float32:ERR int64:ERR uint64:ERR float64:ERR|zero-size array to reduction operation maximum which has no identity
empty|any|None||1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0
empty|any|0|0,5|1,0,5|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|
empty|any|-1|3,0|3,0,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|
empty|any|1|3,5|3,1,5|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
empty|any|0,-1|0|1,0,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|
empty|any|1,2|3|3,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|0 0 0
empty|all|None||1,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1
empty|all|0|0,5|1,0,5|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|
empty|all|-1|3,0|3,0,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|
empty|all|1|3,5|3,1,5|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1 1 1 1 1 1 1 1 1 1 1 1 1
empty|all|0,-1|0|1,0,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|
empty|all|1,2|3|3,1,1|bool:bool int8:bool uint8:bool int16:bool float16:bool int32:bool uint32:bool float32:bool int64:bool uint64:bool float64:bool|1 1 1
empty|argmin|None|||bool:ERR int8:ERR uint8:ERR int16:ERR float16:ERR int32:ERR uint32:ERR float32:ERR int64:ERR uint64:ERR float64:ERR|attempt to get argmin of an empty sequence
empty|argmin|0|0,5|1,0,5|bool:int64 int8:int64 uint8:int64 int16:int64 float16:int64 int32:int64 uint32:int64 float32:int64 int64:int64 uint64:int64 float64:int64|
empty|argmin|-1|3,0|3,0,1|bool:int64 int8:int64 uint8:int64 int16:int64 float16:int64 int32:int64 uint32:int64 float32:int64 int64:int64 uint64:int64 float64:int64|
empty|argmin|1|||bool:ERR int8:ERR uint8:ERR int16:ERR float16:ERR int32:ERR uint32:ERR float32:ERR int64:ERR uint64:ERR float64:ERR|attempt to get argmin of an empty sequence
empty|argmax|None|||bool:ERR int8:ERR uint8:ERR int16:ERR float16:ERR int32:ERR uint32:ERR float32:ERR int64:ERR uint64:ERR float64:ERR|attempt to get argmax of an empty sequence
empty|argmax|0|0,5|1,0,5|bool:int64 int8:int64 uint8:int64 int16:int64 float16:int64 int32:int64 uint32:int64 float32:int64 int64:int64 uint64:int64 float64:int64|
empty|argmax|-1|3,0|3,0,1|bool:int64 int8:int64 uint8:int64 int16:int64 float16:int64 int32:int64 uint32:int64 float32:int64 int64:int64 uint64:int64 float64:int64|
empty|argmax|1|||bool:ERR int8:ERR uint8:ERR int16:ERR float16:ERR int32:ERR uint32:ERR float32:ERR int64:ERR uint64:ERR float64:ERR|attempt to get argmax of an empty sequence
contiguous|sum|None||1,1,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 uint64:uint64 float64:float64|21
contiguous|sum|0|4,5|1,4,5|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|3 0 5 2 -5 -1 5 -1 3 4 -2 -5 4 3 0 5 2 -5 -1 5
contiguous|sum|-1|3,4|3,4,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|5 1 0 2 0 5 -1 3 0 4 1 1
contiguous|sum|1|3,5|3,1,5|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|4 -2 3 1 2 3 1 -1 4 0 -2 3 1 2 2
contiguous|sum|0,-1|4|1,4,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 uint64:uint64 float64:float64|5 10 0 6
contiguous|sum|1,2|3|3,1,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 uint64:uint64 float64:float64|8 7 6
contiguous|prod|0|4,5|1,4,5|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|-3 2 4 0 0 0 3 1 -4 2 0 0 0 -3 2 4 0 0 0 3
contiguous|prod|-1|3,4|3,4,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|0 4 0 0 6 0 0 0 0 -2 0 0
contiguous|prod|1|3,5|3,1,5|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|-12 3 0 6 0 0 6 6 0 9 3 0 6 0 -4
contiguous|mean|None||1,1,1|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|0.35
contiguous|mean|0|4,5|1,4,5|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|1 0 1.6666666666666667 0.6666666666666666 -1.6666666666666667 -0.3333333333333333 1.6666666666666667 -0.3333333333333333 1 1.3333333333333333 -0.6666666666666666 -1.6666666666666667 1.3333333333333333 1 0 1.6666666666666667 0.6666666666666666 -1.6666666666666667 -0.3333333333333333 1.6666666666666667
contiguous|mean|-1|3,4|3,4,1|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|1 0.2 0 0.4 0 1 -0.2 0.6 0 0.8 0.2 0.2
contiguous|mean|1|3,5|3,1,5|int8:float64 int16:float64 float16:float16 int32:float64 float32:float32 int64:float64 float64:float64|1 -0.5 0.75 0.25 0.5 0.75 0.25 -0.25 1 0 -0.5 0.75 0.25 0.5 0.5
contiguous|mean|0,-1|4|1,4,1|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|0.3333333333333333 0.6666666666666666 0 0.4
contiguous|mean|1,2|3|3,1,1|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|0.4 0.35 0.3
contiguous|min|None||1,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-3
contiguous|min|0|4,5|1,4,5|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-1 -1 1 0 -3 -2 1 -1 -1 1 -3 -3 0 -1 -1 1 0 -3 -2 1
contiguous|min|-1|3,4|3,4,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-1 -2 -3 -2 -3 -1 -2 -3 -2 -1 -3 -2
contiguous|min|1|3,5|3,1,5|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-2 -3 0 -2 -1 0 -2 -3 0 -3 -3 0 -2 -1 -2
contiguous|min|0,-1|4|1,4,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-3 -2 -3 -3
contiguous|min|1,2|3|3,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-3 -3 -3
contiguous|max|None||1,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|3
contiguous|max|0|4,5|1,4,5|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|3 2 2 1 0 1 3 1 2 2 1 0 3 3 2 2 1 0 1 3
contiguous|max|-1|3,4|3,4,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|3 2 3 2 2 3 1 3 2 2 3 1
contiguous|max|1|3,5|3,1,5|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|3 1 2 3 2 2 3 2 2 3 1 2 3 2 2
contiguous|max|0,-1|4|1,4,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|3 3 3 3
contiguous|max|1,2|3|3,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|3 3 3
contiguous|argmin|None||1,1,1|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|11
contiguous|argmin|0|4,5|1,4,5|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|2 0 2 2 1 0 0 1 0 1 2 0 0 2 0 2 2 1 0 0
contiguous|argmin|-1|3,4|3,4,1|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|1 0 1 3 4 2 1 2 4 2 0 2
contiguous|argmin|1|3,5|3,1,5|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|1 2 2 3 2 1 2 3 3 0 2 2 3 2 0
contiguous|argmax|0|4,5|1,4,5|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|0 2 0 0 0 2 1 0 1 0 0 2 2 0 2 0 0 0 2 1
contiguous|argmax|-1|3,4|3,4,1|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|0 4 3 0 2 1 2 4 1 3 2 0
contiguous|argmax|1|3,5|3,1,5|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|0 1 0 2 1 3 1 0 1 3 1 0 2 1 2
transposed|sum|None||1,1,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 uint64:uint64 float64:float64|21
transposed|sum|0|3,4|1,3,4|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|5 1 0 2 0 5 -1 3 0 4 1 1
transposed|sum|-1|5,3|5,3,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|4 3 -2 -2 1 3 3 -1 1 1 4 2 2 0 2
transposed|sum|1|5,4|5,1,4|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|3 -1 -2 5 0 5 -5 2 5 -1 4 -5 2 3 3 -1 -5 4 0 5
transposed|sum|0,-1|3|1,3,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 uint64:uint64 float64:float64|8 7 6
transposed|sum|1,2|5|5,1,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 uint64:uint64 float64:float64|5 2 3 7 4
transposed|prod|0|3,4|1,3,4|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|0 4 0 0 6 0 0 0 0 -2 0 0
transposed|prod|-1|5,3|5,3,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|-12 0 3 3 6 0 0 6 6 6 0 0 0 9 -4
transposed|prod|1|5,4|5,1,4|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|-3 0 0 4 2 3 0 0 4 1 0 0 0 -4 -3 0 0 2 2 3
transposed|mean|None||1,1,1|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|0.35
transposed|mean|0|3,4|1,3,4|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|1 0.2 0 0.4 0 1 -0.2 0.6 0 0.8 0.2 0.2
transposed|mean|-1|5,3|5,3,1|int8:float64 int16:float64 float16:float16 int32:float64 float32:float32 int64:float64 float64:float64|1 0.75 -0.5 -0.5 0.25 0.75 0.75 -0.25 0.25 0.25 1 0.5 0.5 0 0.5
transposed|mean|1|5,4|5,1,4|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|1 -0.3333333333333333 -0.6666666666666666 1.6666666666666667 0 1.6666666666666667 -1.6666666666666667 0.6666666666666666 1.6666666666666667 -0.3333333333333333 1.3333333333333333 -1.6666666666666667 0.6666666666666666 1 1 -0.3333333333333333 -1.6666666666666667 1.3333333333333333 0 1.6666666666666667
transposed|mean|0,-1|3|1,3,1|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|0.4 0.35 0.3
transposed|mean|1,2|5|5,1,1|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|0.4166666666666667 0.16666666666666666 0.25 0.5833333333333334 0.3333333333333333
transposed|min|None||1,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-3
transposed|min|0|3,4|1,3,4|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-1 -2 -3 -2 -3 -1 -2 -3 -2 -1 -3 -2
transposed|min|-1|5,3|5,3,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-2 0 -3 -3 -2 0 0 -3 -2 -2 0 -1 -1 -3 -2
transposed|min|1|5,4|5,1,4|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-1 -2 -3 1 -1 1 -3 0 1 -1 0 -3 0 -1 -1 -2 -3 1 -1 1
transposed|min|0,-1|3|1,3,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-3 -3 -3
transposed|min|1,2|5|5,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-3 -3 -3 -2 -3
transposed|max|None||1,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|3
transposed|max|0|3,4|1,3,4|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|3 2 3 2 2 3 1 3 2 2 3 1
transposed|max|-1|5,3|5,3,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|3 2 1 1 3 2 2 2 3 3 2 2 2 3 2
transposed|max|1|5,4|5,1,4|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|3 1 1 2 2 3 0 1 2 1 3 0 1 2 3 1 0 2 2 3
transposed|max|0,-1|3|1,3,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|3 3 3
transposed|max|1,2|5|5,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|3 3 3 3 3
transposed|argmin|None||1,1,1|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|10
transposed|argmin|0|3,4|1,3,4|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|1 0 1 3 4 2 1 2 4 2 0 2
transposed|argmin|-1|5,3|5,3,1|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|1 1 2 2 2 2 2 3 3 3 3 2 2 0 0
transposed|argmin|1|5,4|5,1,4|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|2 0 2 2 0 0 0 2 2 1 0 1 2 0 2 0 1 1 0 0
transposed|argmax|0|3,4|1,3,4|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|0 4 3 0 2 1 2 4 1 3 2 0
transposed|argmax|-1|5,3|5,3,1|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|0 3 1 1 1 0 0 0 2 2 1 1 1 3 2
transposed|argmax|1|5,4|5,1,4|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|0 2 0 0 2 1 2 0 0 0 2 0 0 1 0 2 0 0 2 1
offset|sum|None||1,1,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 uint64:uint64 float64:float64|9
offset|sum|0|3,3|1,3,3|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|-2 4 2 4 0 1 -5 1 4
offset|sum|-1|2,3|2,3,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 uint64:uint64 float64:float64|2 1 0 2 4 0
offset|sum|1|2,3|2,1,3|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|-3 3 3 0 2 4
offset|sum|0,-1|3|1,3,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 uint64:uint64 float64:float64|4 5 0
offset|sum|1,2|2|2,1,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 uint64:uint64 float64:float64|3 6
offset|prod|0|3,3|1,3,3|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|1 4 1 3 -1 -2 6 0 3
offset|prod|-1|2,3|2,3,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|-2 -1 0 -2 -6 -2
offset|prod|1|2,3|2,1,3|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|3 0 -3 6 -2 2
offset|prod|0,-1|3|1,3,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 uint64:uint64 float64:float64|4 6 0
offset|prod|1,2|2|2,1,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|0 -24
offset|mean|None||1,1,1|int8:float64 int16:float64 float16:float16 int32:float64 float32:float32 int64:float64 float64:float64|0.5
offset|mean|0|3,3|1,3,3|int8:float64 int16:float64 float16:float16 int32:float64 float32:float32 int64:float64 float64:float64|-1 2 1 2 0 0.5 -2.5 0.5 2
offset|mean|-1|2,3|2,3,1|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|0.6666666666666666 0.3333333333333333 0 0.6666666666666666 1.3333333333333333 0
offset|mean|1|2,3|2,1,3|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|-1 1 1 0 0.6666666666666666 1.3333333333333333
offset|mean|0,-1|3|1,3,1|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|0.6666666666666666 0.8333333333333334 0
offset|mean|1,2|2|2,1,1|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|0.3333333333333333 0.6666666666666666
offset|min|None||1,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-3
offset|min|0|3,3|1,3,3|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-1 2 1 1 -1 -1 -3 0 1
offset|min|-1|2,3|2,3,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-1 -1 -3 -1 -1 -2
offset|min|1|2,3|2,1,3|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-3 0 -1 -2 -1 1
offset|min|0,-1|3|1,3,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-1 -1 -3
offset|min|1,2|2|2,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-3 -2
offset|max|None||1,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|3
offset|max|0|3,3|1,3,3|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-1 2 1 3 1 2 -2 1 3
offset|max|-1|2,3|2,3,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|2 1 3 2 3 1
offset|max|1|2,3|2,1,3|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|1 2 3 3 2 2
offset|max|0,-1|3|1,3,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|2 3 3
offset|max|1,2|2|2,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|3 3
offset|argmin|None||1,1,1|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|6
offset|argmin|0|3,3|1,3,3|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|0 0 0 0 1 0 0 0 1
offset|argmin|-1|2,3|2,3,1|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|0 2 0 0 1 0
offset|argmin|1|2,3|2,1,3|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|2 2 1 2 1 0
offset|argmax|None||1,1,1|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|8
offset|argmax|0|3,3|1,3,3|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|0 0 0 1 0 1 1 1 0
offset|argmax|-1|2,3|2,3,1|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|1 0 2 1 0 1
offset|argmax|1|2,3|2,1,3|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|1 0 2 1 0 1
negative|sum|None||1,1,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 uint64:uint64 float64:float64|5
negative|sum|0|2,3|1,2,3|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|-5 5 3 0 4 -2
negative|sum|-1|3,2|3,2,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|-2 2 0 0 5 0
negative|sum|1|3,3|3,1,3|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|0 4 -4 -4 3 1 -1 2 4
negative|sum|0,-1|2|1,2,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 uint64:uint64 float64:float64|3 2
negative|sum|1,2|3|3,1,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 uint64:uint64 float64:float64|0 0 5
negative|prod|0|2,3|1,2,3|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|0 4 -3 2 0 0
negative|prod|-1|3,2|3,2,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|2 -18 -6 0 0 0
negative|prod|1|3,3|3,1,3|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|-4 3 3 3 2 0 0 0 3
negative|prod|1,2|3|3,1,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|-36 0 0
negative|mean|None||1,1,1|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|0.2777777777777778
negative|mean|0|2,3|1,2,3|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|-1.6666666666666667 1.6666666666666667 1 0 1.3333333333333333 -0.6666666666666666
negative|mean|-1|3,2|3,2,1|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|-0.6666666666666666 0.6666666666666666 0 0 1.6666666666666667 0
negative|mean|1|3,3|3,1,3|int8:float64 int16:float64 float16:float16 int32:float64 float32:float32 int64:float64 float64:float64|0 2 -2 -2 1.5 0.5 -0.5 1 2
negative|mean|0,-1|2|1,2,1|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|0.3333333333333333 0.2222222222222222
negative|mean|1,2|3|3,1,1|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|0 0 0.8333333333333334
negative|min|None||1,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-3
negative|min|0|2,3|1,2,3|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-3 1 -1 -1 0 -3
negative|min|-1|3,2|3,2,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-2 -3 -3 -1 0 -1
negative|min|1|3,3|3,1,3|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-2 1 -3 -3 1 0 -1 0 1
negative|min|0,-1|2|1,2,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-3 -3
negative|min|1,2|3|3,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-3 -3 -1
negative|max|None||1,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|3
negative|max|0|2,3|1,2,3|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|0 2 3 2 3 1
negative|max|-1|3,2|3,2,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|1 3 2 1 3 1
negative|max|1|3,3|3,1,3|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|2 3 -1 -1 2 1 0 2 3
negative|max|0,-1|2|1,2,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|3 3
negative|max|1,2|3|3,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|3 2 3
negative|argmin|None||1,1,1|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|5
negative|argmin|0|2,3|1,2,3|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|1 0 0 1 2 0
negative|argmin|-1|3,2|3,2,1|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|0 2 0 0 0 0
negative|argmin|1|3,3|3,1,3|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|0 0 1 0 1 1 1 1 1
negative|argmax|None||1,1,1|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|4
negative|argmax|0|2,3|1,2,3|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|2 1 2 0 0 2
negative|argmax|-1|3,2|3,2,1|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|1 1 1 1 2 2
negative|argmax|1|3,3|3,1,3|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|1 1 0 1 0 0 0 0 0
broadcast|sum|None||1,1,1|int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|24
broadcast|sum|0|4,3|1,4,3|int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|2 2 2 4 4 4 2 2 2 0 0 0
broadcast|sum|-1|2,4|2,4,1|int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|3 6 3 0 3 6 3 0
broadcast|sum|1|2,3|2,1,3|int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|4 4 4 4 4 4
broadcast|sum|0,-1|4|1,4,1|int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|6 12 6 0
broadcast|sum|1,2|2|2,1,1|int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|12 12
broadcast|prod|0|4,3|1,4,3|int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|1 1 1 4 4 4 1 1 1 0 0 0
broadcast|prod|-1|2,4|2,4,1|int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|1 8 1 0 1 8 1 0
broadcast|prod|0,-1|4|1,4,1|int8:int64 uint8:uint64 int16:int64 float16:float16 int32:int64 uint32:uint64 float32:float32 int64:int64 uint64:uint64 float64:float64|1 64 1 0
broadcast|mean|None||1,1,1|int8:float64 uint8:float64 int16:float64 float16:float16 int32:float64 uint32:float64 float32:float32 int64:float64 uint64:float64 float64:float64|1
broadcast|mean|0|4,3|1,4,3|int8:float64 uint8:float64 int16:float64 float16:float16 int32:float64 uint32:float64 float32:float32 int64:float64 uint64:float64 float64:float64|1 1 1 2 2 2 1 1 1 0 0 0
broadcast|mean|-1|2,4|2,4,1|int8:float64 uint8:float64 int16:float64 float16:float16 int32:float64 uint32:float64 float32:float32 int64:float64 uint64:float64 float64:float64|1 2 1 0 1 2 1 0
broadcast|mean|1|2,3|2,1,3|int8:float64 uint8:float64 int16:float64 float16:float16 int32:float64 uint32:float64 float32:float32 int64:float64 uint64:float64 float64:float64|1 1 1 1 1 1
broadcast|mean|0,-1|4|1,4,1|int8:float64 uint8:float64 int16:float64 float16:float16 int32:float64 uint32:float64 float32:float32 int64:float64 uint64:float64 float64:float64|1 2 1 0
broadcast|mean|1,2|2|2,1,1|int8:float64 uint8:float64 int16:float64 float16:float16 int32:float64 uint32:float64 float32:float32 int64:float64 uint64:float64 float64:float64|1 1
broadcast|min|0|4,3|1,4,3|int8:int8 uint8:uint8 int16:int16 float16:float16 int32:int32 uint32:uint32 float32:float32 int64:int64 uint64:uint64 float64:float64|1 1 1 2 2 2 1 1 1 0 0 0
broadcast|min|-1|2,4|2,4,1|int8:int8 uint8:uint8 int16:int16 float16:float16 int32:int32 uint32:uint32 float32:float32 int64:int64 uint64:uint64 float64:float64|1 2 1 0 1 2 1 0
broadcast|min|0,-1|4|1,4,1|int8:int8 uint8:uint8 int16:int16 float16:float16 int32:int32 uint32:uint32 float32:float32 int64:int64 uint64:uint64 float64:float64|1 2 1 0
broadcast|max|None||1,1,1|int8:int8 uint8:uint8 int16:int16 float16:float16 int32:int32 uint32:uint32 float32:float32 int64:int64 uint64:uint64 float64:float64|2
broadcast|max|0|4,3|1,4,3|int8:int8 uint8:uint8 int16:int16 float16:float16 int32:int32 uint32:uint32 float32:float32 int64:int64 uint64:uint64 float64:float64|1 1 1 2 2 2 1 1 1 0 0 0
broadcast|max|-1|2,4|2,4,1|int8:int8 uint8:uint8 int16:int16 float16:float16 int32:int32 uint32:uint32 float32:float32 int64:int64 uint64:uint64 float64:float64|1 2 1 0 1 2 1 0
broadcast|max|1|2,3|2,1,3|int8:int8 uint8:uint8 int16:int16 float16:float16 int32:int32 uint32:uint32 float32:float32 int64:int64 uint64:uint64 float64:float64|2 2 2 2 2 2
broadcast|max|0,-1|4|1,4,1|int8:int8 uint8:uint8 int16:int16 float16:float16 int32:int32 uint32:uint32 float32:float32 int64:int64 uint64:uint64 float64:float64|1 2 1 0
broadcast|max|1,2|2|2,1,1|int8:int8 uint8:uint8 int16:int16 float16:float16 int32:int32 uint32:uint32 float32:float32 int64:int64 uint64:uint64 float64:float64|2 2
broadcast|argmax|None||1,1,1|int8:int64 uint8:int64 int16:int64 float16:int64 int32:int64 uint32:int64 float32:int64 int64:int64 uint64:int64 float64:int64|3
broadcast|argmax|1|2,3|2,1,3|int8:int64 uint8:int64 int16:int64 float16:int64 int32:int64 uint32:int64 float32:int64 int64:int64 uint64:int64 float64:int64|1 1 1 1 1 1
size1|sum|None||1,1,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|-1
size1|sum|0|1,5|1,1,5|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|0 -2 1 1 -1
size1|sum|-1|1,1|1,1,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|-1
size1|sum|1|1,5|1,1,5|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|0 -2 1 1 -1
size1|sum|0,-1|1|1,1,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|-1
size1|sum|1,2|1|1,1,1|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|-1
size1|prod|0|1,5|1,1,5|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|0 -2 1 1 -1
size1|prod|1|1,5|1,1,5|int8:int64 int16:int64 float16:float16 int32:int64 float32:float32 int64:int64 float64:float64|0 -2 1 1 -1
size1|mean|None||1,1,1|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|-0.2
size1|mean|0|1,5|1,1,5|int8:float64 int16:float64 float16:float16 int32:float64 float32:float32 int64:float64 float64:float64|0 -2 1 1 -1
size1|mean|-1|1,1|1,1,1|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|-0.2
size1|mean|1|1,5|1,1,5|int8:float64 int16:float64 float16:float16 int32:float64 float32:float32 int64:float64 float64:float64|0 -2 1 1 -1
size1|mean|0,-1|1|1,1,1|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|-0.2
size1|mean|1,2|1|1,1,1|int8:float64 int16:float64 int32:float64 int64:float64 float64:float64|-0.2
size1|min|None||1,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-2
size1|min|0|1,5|1,1,5|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|0 -2 1 1 -1
size1|min|-1|1,1|1,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-2
size1|min|1|1,5|1,1,5|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|0 -2 1 1 -1
size1|min|0,-1|1|1,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-2
size1|min|1,2|1|1,1,1|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|-2
size1|max|0|1,5|1,1,5|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|0 -2 1 1 -1
size1|max|1|1,5|1,1,5|int8:int8 int16:int16 float16:float16 int32:int32 float32:float32 int64:int64 float64:float64|0 -2 1 1 -1
size1|argmin|None||1,1,1|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|1
size1|argmin|-1|1,1|1,1,1|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|1
size1|argmax|None||1,1,1|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|2
size1|argmax|-1|1,1|1,1,1|int8:int64 int16:int64 float16:int64 int32:int64 float32:int64 int64:int64 float64:int64|2
contiguous|sum|None||1,1,1|uint8:uint64|4629
contiguous|sum|0|4,5|1,4,5|uint8:uint64|259 512 5 2 507 255 5 511 259 4 254 507 4 259 512 5 2 507 255 5
contiguous|sum|-1|3,4|3,4,1|uint8:uint64|261 513 512 258 512 261 511 259 512 260 513 257
contiguous|sum|1|3,5|3,1,5|uint8:uint64|260 510 3 513 258 3 513 511 4 512 510 3 513 258 258
contiguous|sum|0,-1|4|1,4,1|uint8:uint64|1285 1034 1536 774
contiguous|sum|1,2|3|3,1,1|uint8:uint64|1544 1543 1542
contiguous|prod|0|4,5|1,4,5|uint8:uint64|765 130050 4 0 0 0 3 65025 1020 2 0 0 0 765 130050 4 0 0 0 3
contiguous|prod|-1|3,4|3,4,1|uint8:uint64|0 129540 0 0 129030 0 0 0 0 510 0 0
contiguous|prod|1|3,5|3,1,5|uint8:uint64|1524 64515 0 194310 0 0 194310 129030 0 193545 64515 0 194310 0 508
contiguous|mean|None||1,1,1|uint8:float64|77.15
contiguous|mean|0|4,5|1,4,5|uint8:float64|86.33333333333333 170.66666666666666 1.6666666666666667 0.6666666666666666 169 85 1.6666666666666667 170.33333333333334 86.33333333333333 1.3333333333333333 84.66666666666667 169 1.3333333333333333 86.33333333333333 170.66666666666666 1.6666666666666667 0.6666666666666666 169 85 1.6666666666666667
contiguous|mean|-1|3,4|3,4,1|uint8:float64|52.2 102.6 102.4 51.6 102.4 52.2 102.2 51.8 102.4 52 102.6 51.4
contiguous|mean|1|3,5|3,1,5|uint8:float64|65 127.5 0.75 128.25 64.5 0.75 128.25 127.75 1 128 127.5 0.75 128.25 64.5 64.5
contiguous|mean|0,-1|4|1,4,1|uint8:float64|85.66666666666667 68.93333333333334 102.4 51.6
contiguous|mean|1,2|3|3,1,1|uint8:float64|77.2 77.15 77.1
contiguous|min|0|4,5|1,4,5|uint8:uint8 uint32:uint32 uint64:uint64|1 2 1 0 0 0 1 1 2 1 0 0 0 1 2 1 0 0 0 1
contiguous|max|None||1,1,1|uint8:uint8|255
contiguous|max|0|4,5|1,4,5|uint8:uint8|255 255 2 1 254 254 3 255 255 2 253 254 3 255 255 2 1 254 254 3
contiguous|max|-1|3,4|3,4,1|uint8:uint8|255 255 255 254 255 255 255 253 255 255 255 254
contiguous|max|1|3,5|3,1,5|uint8:uint8|254 255 2 255 255 2 255 255 2 255 255 2 255 255 254
contiguous|max|0,-1|4|1,4,1|uint8:uint8|255 255 255 254
contiguous|max|1,2|3|3,1,1|uint8:uint8|255 255 255
contiguous|argmin|0|4,5|1,4,5|uint8:int64 uint32:int64 uint64:int64|1 2 2 2 0 1 0 0 1 1 1 2 0 1 2 2 2 0 1 0
contiguous|argmin|-1|3,4|3,4,1|uint8:int64 uint32:int64 uint64:int64|4 1 2 2 0 0 0 3 3 0 1 1
contiguous|argmin|1|3,5|3,1,5|uint8:int64 uint32:int64 uint64:int64|2 1 2 0 0 1 3 2 3 1 1 2 0 0 1
contiguous|argmax|None||1,1,1|uint8:int64 uint32:int64 uint64:int64|1
contiguous|argmax|0|4,5|1,4,5|uint8:int64 uint32:int64 uint64:int64|2 0 0 0 2 0 1 1 0 0 2 1 2 2 0 0 0 2 0 1
contiguous|argmax|-1|3,4|3,4,1|uint8:int64 uint32:int64 uint64:int64|1 3 4 3 1 2 4 2 0 2 3 2
contiguous|argmax|1|3,5|3,1,5|uint8:int64 uint32:int64 uint64:int64|1 0 0 1 2 3 0 1 1 2 0 0 1 2 0
transposed|sum|None||1,1,1|uint8:uint64|4629
transposed|sum|0|3,4|1,3,4|uint8:uint64|261 513 512 258 512 261 511 259 512 260 513 257
transposed|sum|-1|5,3|5,3,1|uint8:uint64|260 3 510 510 513 3 3 511 513 513 4 258 258 512 258
transposed|sum|1|5,4|5,1,4|uint8:uint64|259 255 254 5 512 5 507 2 5 511 4 507 2 259 259 255 507 4 512 5
transposed|sum|0,-1|3|1,3,1|uint8:uint64|1544 1543 1542
transposed|sum|1,2|5|5,1,1|uint8:uint64|773 1026 1027 775 1028
transposed|prod|0|3,4|1,3,4|uint8:uint64|0 129540 0 0 129030 0 0 0 0 510 0 0
transposed|prod|-1|5,3|5,3,1|uint8:uint64|1524 0 64515 64515 194310 0 0 129030 194310 194310 0 0 0 193545 508
transposed|prod|1|5,4|5,1,4|uint8:uint64|765 0 0 4 130050 3 0 0 4 65025 0 0 0 1020 765 0 0 2 130050 3
transposed|mean|None||1,1,1|uint8:float64|77.15
transposed|mean|0|3,4|1,3,4|uint8:float64|52.2 102.6 102.4 51.6 102.4 52.2 102.2 51.8 102.4 52 102.6 51.4
transposed|mean|-1|5,3|5,3,1|uint8:float64|65 0.75 127.5 127.5 128.25 0.75 0.75 127.75 128.25 128.25 1 64.5 64.5 128 64.5
transposed|mean|1|5,4|5,1,4|uint8:float64|86.33333333333333 85 84.66666666666667 1.6666666666666667 170.66666666666666 1.6666666666666667 169 0.6666666666666666 1.6666666666666667 170.33333333333334 1.3333333333333333 169 0.6666666666666666 86.33333333333333 86.33333333333333 85 169 1.3333333333333333 170.66666666666666 1.6666666666666667
transposed|mean|0,-1|3|1,3,1|uint8:float64|77.2 77.15 77.1
transposed|mean|1,2|5|5,1,1|uint8:float64|64.41666666666667 85.5 85.58333333333333 64.58333333333333 85.66666666666667
transposed|min|1|5,4|5,1,4|uint8:uint8 uint32:uint32 uint64:uint64|1 0 0 1 2 1 0 0 1 1 0 0 0 2 1 0 0 1 2 1
transposed|max|None||1,1,1|uint8:uint8|255
transposed|max|0|3,4|1,3,4|uint8:uint8|255 255 255 254 255 255 255 253 255 255 255 254
transposed|max|-1|5,3|5,3,1|uint8:uint8|254 2 255 255 255 2 2 255 255 255 2 255 255 255 254
transposed|max|1|5,4|5,1,4|uint8:uint8|255 254 253 2 255 3 254 1 2 255 3 254 1 255 255 254 254 2 255 3
transposed|max|0,-1|3|1,3,1|uint8:uint8|255 255 255
transposed|max|1,2|5|5,1,1|uint8:uint8|255 255 255 255 255
transposed|argmin|0|3,4|1,3,4|uint8:int64 uint32:int64 uint64:int64|4 1 2 2 0 0 0 3 3 0 1 1
transposed|argmin|-1|5,3|5,3,1|uint8:int64 uint32:int64 uint64:int64|2 1 1 1 3 2 2 2 0 0 3 0 0 1 1
transposed|argmin|1|5,4|5,1,4|uint8:int64 uint32:int64 uint64:int64|1 1 1 2 2 0 2 2 2 0 0 0 2 1 1 1 0 1 2 0
transposed|argmax|None||1,1,1|uint8:int64 uint32:int64 uint64:int64|8
transposed|argmax|0|3,4|1,3,4|uint8:int64 uint32:int64 uint64:int64|1 3 4 3 1 2 4 2 0 2 3 2
transposed|argmax|-1|5,3|5,3,1|uint8:int64 uint32:int64 uint64:int64|1 3 0 0 0 0 0 1 1 1 1 2 2 2 0
transposed|argmax|1|5,4|5,1,4|uint8:int64 uint32:int64 uint64:int64|2 0 2 0 0 1 1 0 0 1 2 2 0 0 2 0 2 0 0 1
offset|sum|None||1,1,1|uint8:uint64|1545
offset|sum|0|3,3|1,3,3|uint8:uint64|510 4 2 4 256 257 507 1 4
offset|sum|-1|2,3|2,3,1|uint8:uint64|258 257 256 258 260 256
offset|sum|1|2,3|2,1,3|uint8:uint64|509 3 259 512 258 4
offset|sum|0,-1|3|1,3,1|uint8:uint64|516 517 512
offset|sum|1,2|2|2,1,1|uint8:uint64|771 774
offset|prod|0|3,3|1,3,3|uint8:uint64|65025 4 1 3 255 510 64262 0 3
offset|prod|-1|2,3|2,3,1|uint8:uint64|510 255 0 510 1530 254
offset|prod|1|2,3|2,1,3|uint8:uint64|64515 0 765 194310 510 2
offset|prod|0,-1|3|1,3,1|uint8:uint64|260100 390150 0
offset|prod|1,2|2|2,1,1|uint8:uint64|0 198196200
offset|mean|None||1,1,1|uint8:float64|85.83333333333333
offset|mean|0|3,3|1,3,3|uint8:float64|255 2 1 2 128 128.5 253.5 0.5 2
offset|mean|-1|2,3|2,3,1|uint8:float64|86 85.66666666666667 85.33333333333333 86 86.66666666666667 85.33333333333333
offset|mean|1|2,3|2,1,3|uint8:float64|169.66666666666666 1 86.33333333333333 170.66666666666666 86 1.3333333333333333
offset|mean|0,-1|3|1,3,1|uint8:float64|86 86.16666666666667 85.33333333333333
offset|mean|1,2|2|2,1,1|uint8:float64|85.66666666666667 86
offset|min|0|3,3|1,3,3|uint8:uint8|255 2 1 1 1 2 253 0 1
offset|min|-1|2,3|2,3,1|uint8:uint8 uint32:uint32 uint64:uint64|1 1 0 1 2 1
offset|min|1|2,3|2,1,3|uint8:uint8 uint32:uint32 uint64:uint64|1 0 1 3 1 1
offset|max|None||1,1,1|uint8:uint8|255
offset|max|0|3,3|1,3,3|uint8:uint8|255 2 1 3 255 255 254 1 3
offset|max|-1|2,3|2,3,1|uint8:uint8|255 255 253 255 255 254
offset|max|1|2,3|2,1,3|uint8:uint8|255 2 255 255 255 2
offset|max|0,-1|3|1,3,1|uint8:uint8|255 255 254
offset|max|1,2|2|2,1,1|uint8:uint8|255 255
offset|argmin|0|3,3|1,3,3|uint8:int64 uint32:int64 uint64:int64|0 0 0 0 0 1 0 0 1
offset|argmin|-1|2,3|2,3,1|uint8:int64 uint32:int64 uint64:int64|2 0 1 2 2 1
offset|argmin|1|2,3|2,1,3|uint8:int64 uint32:int64 uint64:int64|1 2 0 1 2 0
offset|argmax|0|3,3|1,3,3|uint8:int64 uint32:int64 uint64:int64|0 0 0 1 1 0 1 1 0
offset|argmax|-1|2,3|2,3,1|uint8:int64 uint32:int64 uint64:int64|0 2 0 0 1 0
offset|argmax|1|2,3|2,1,3|uint8:int64 uint32:int64 uint64:int64|0 0 1 0 1 1
negative|sum|None||1,1,1|uint8:uint64|1541
negative|sum|0|2,3|1,2,3|uint8:uint64|507 5 259 512 4 254
negative|sum|-1|3,2|3,2,1|uint8:uint64|510 258 256 256 5 256
negative|sum|1|3,3|3,1,3|uint8:uint64|256 4 508 508 3 1 255 2 4
negative|sum|0,-1|2|1,2,1|uint8:uint64|771 770
negative|sum|1,2|3|3,1,1|uint8:uint64|768 512 261
negative|prod|0|2,3|1,2,3|uint8:uint64|0 4 765 130050 0 0
negative|prod|-1|3,2|3,2,1|uint8:uint64|64770 1518 506 0 0 0
negative|prod|1|3,3|3,1,3|uint8:uint64|508 3 64515 64515 2 0 0 0 3
negative|prod|1,2|3|3,1,1|uint8:uint64|98320860 0 0
negative|mean|None||1,1,1|uint8:float64|85.61111111111111
negative|mean|0|2,3|1,2,3|uint8:float64|169 1.6666666666666667 86.33333333333333 170.66666666666666 1.3333333333333333 84.66666666666667
negative|mean|-1|3,2|3,2,1|uint8:float64|170 86 85.33333333333333 85.33333333333333 1.6666666666666667 85.33333333333333
negative|mean|1|3,3|3,1,3|uint8:float64|128 2 254 254 1.5 0.5 127.5 1 2
negative|mean|0,-1|2|1,2,1|uint8:float64|85.66666666666667 85.55555555555556
negative|mean|1,2|3|3,1,1|uint8:float64|128 85.33333333333333 43.5
negative|min|0|2,3|1,2,3|uint8:uint8 uint32:uint32 uint64:uint64|0 1 1 2 0 0
negative|min|-1|3,2|3,2,1|uint8:uint8 uint32:uint32 uint64:uint64|1 2 1 0 0 0
negative|min|1|3,3|3,1,3|uint8:uint8|2 1 253 253 1 0 0 0 1
negative|max|None||1,1,1|uint8:uint8|255
negative|max|0|2,3|1,2,3|uint8:uint8|254 2 255 255 3 253
negative|max|-1|3,2|3,2,1|uint8:uint8|255 253 253 255 3 255
negative|max|1|3,3|3,1,3|uint8:uint8|254 3 255 255 2 1 255 2 3
negative|max|0,-1|2|1,2,1|uint8:uint8|255 255
negative|max|1,2|3|3,1,1|uint8:uint8|255 255 255
negative|argmin|0|2,3|1,2,3|uint8:int64 uint32:int64 uint64:int64|2 0 1 0 2 1
negative|argmin|-1|3,2|3,2,1|uint8:int64 uint32:int64 uint64:int64|1 0 2 2 0 1
negative|argmin|1|3,3|3,1,3|uint8:int64 uint32:int64 uint64:int64|1 0 1 0 1 1 0 1 1
negative|argmax|None||1,1,1|uint8:int64 uint32:int64 uint64:int64|2
negative|argmax|0|2,3|1,2,3|uint8:int64 uint32:int64 uint64:int64|0 1 0 1 0 0
negative|argmax|-1|3,2|3,2,1|uint8:int64 uint32:int64 uint64:int64|2 2 0 0 2 0
negative|argmax|1|3,3|3,1,3|uint8:int64 uint32:int64 uint64:int64|0 1 0 1 0 0 1 0 0
size1|sum|None||1,1,1|uint8:uint64|511
size1|sum|0|1,5|1,1,5|uint8:uint64|0 254 1 1 255
size1|sum|-1|1,1|1,1,1|uint8:uint64|511
size1|sum|1|1,5|1,1,5|uint8:uint64|0 254 1 1 255
size1|sum|0,-1|1|1,1,1|uint8:uint64|511
size1|sum|1,2|1|1,1,1|uint8:uint64|511
size1|prod|0|1,5|1,1,5|uint8:uint64|0 254 1 1 255
size1|prod|1|1,5|1,1,5|uint8:uint64|0 254 1 1 255
size1|mean|None||1,1,1|uint8:float64|102.2
size1|mean|0|1,5|1,1,5|uint8:float64|0 254 1 1 255
size1|mean|-1|1,1|1,1,1|uint8:float64|102.2
size1|mean|1|1,5|1,1,5|uint8:float64|0 254 1 1 255
size1|mean|0,-1|1|1,1,1|uint8:float64|102.2
size1|mean|1,2|1|1,1,1|uint8:float64|102.2
size1|min|0|1,5|1,1,5|uint8:uint8|0 254 1 1 255
size1|min|1|1,5|1,1,5|uint8:uint8|0 254 1 1 255
size1|max|None||1,1,1|uint8:uint8|255
size1|max|0|1,5|1,1,5|uint8:uint8|0 254 1 1 255
size1|max|-1|1,1|1,1,1|uint8:uint8|255
size1|max|1|1,5|1,1,5|uint8:uint8|0 254 1 1 255
size1|max|0,-1|1|1,1,1|uint8:uint8|255
size1|max|1,2|1|1,1,1|uint8:uint8|255
size1|argmax|None||1,1,1|uint8:int64 uint32:int64 uint64:int64|4
size1|argmax|-1|1,1|1,1,1|uint8:int64 uint32:int64 uint64:int64|4
contiguous|mean|None||1,1,1|float16:float16|0.35009765625
contiguous|mean|0|4,5|1,4,5|float16:float16|1 0 1.6669921875 0.66650390625 -1.6669921875 -0.333251953125 1.6669921875 -0.333251953125 1 1.3330078125 -0.66650390625 -1.6669921875 1.3330078125 1 0 1.6669921875 0.66650390625 -1.6669921875 -0.333251953125 1.6669921875
contiguous|mean|-1|3,4|3,4,1|float16:float16|1 0.199951171875 0 0.39990234375 0 1 -0.199951171875 0.60009765625 0 0.7998046875 0.199951171875 0.199951171875
contiguous|mean|0,-1|4|1,4,1|float16:float16|0.333251953125 0.66650390625 0 0.39990234375
contiguous|mean|1,2|3|3,1,1|float16:float16|0.39990234375 0.35009765625 0.300048828125
transposed|mean|None||1,1,1|float16:float16|0.35009765625
transposed|mean|0|3,4|1,3,4|float16:float16|1 0.199951171875 0 0.39990234375 0 1 -0.199951171875 0.60009765625 0 0.7998046875 0.199951171875 0.199951171875
transposed|mean|1|5,4|5,1,4|float16:float16|1 -0.333251953125 -0.66650390625 1.6669921875 0 1.6669921875 -1.6669921875 0.66650390625 1.6669921875 -0.333251953125 1.3330078125 -1.6669921875 0.66650390625 1 1 -0.333251953125 -1.6669921875 1.3330078125 0 1.6669921875
transposed|mean|0,-1|3|1,3,1|float16:float16|0.39990234375 0.35009765625 0.300048828125
transposed|mean|1,2|5|5,1,1|float16:float16|0.416748046875 0.1666259765625 0.25 0.58349609375 0.333251953125
offset|mean|-1|2,3|2,3,1|float16:float16|0.66650390625 0.333251953125 0 0.66650390625 1.3330078125 0
offset|mean|1|2,3|2,1,3|float16:float16|-1 1 1 0 0.66650390625 1.3330078125
offset|mean|0,-1|3|1,3,1|float16:float16|0.66650390625 0.83349609375 0
offset|mean|1,2|2|2,1,1|float16:float16|0.333251953125 0.66650390625
negative|mean|None||1,1,1|float16:float16|0.27783203125
negative|mean|0|2,3|1,2,3|float16:float16|-1.6669921875 1.6669921875 1 0 1.3330078125 -0.66650390625
negative|mean|-1|3,2|3,2,1|float16:float16|-0.66650390625 0.66650390625 0 0 1.6669921875 0
negative|mean|0,-1|2|1,2,1|float16:float16|0.333251953125 0.22216796875
negative|mean|1,2|3|3,1,1|float16:float16|0 0 0.83349609375
size1|mean|None||1,1,1|float16:float16|-0.199951171875
size1|mean|-1|1,1|1,1,1|float16:float16|-0.199951171875
size1|mean|0,-1|1|1,1,1|float16:float16|-0.199951171875
size1|mean|1,2|1|1,1,1|float16:float16|-0.199951171875
contiguous|sum|None||1,1,1|uint32:uint64|77309411349
contiguous|sum|0|4,5|1,4,5|uint32:uint64|4294967299 8589934592 5 2 8589934587 4294967295 5 8589934591 4294967299 4 4294967294 8589934587 4 4294967299 8589934592 5 2 8589934587 4294967295 5
contiguous|sum|-1|3,4|3,4,1|uint32:uint64|4294967301 8589934593 8589934592 4294967298 8589934592 4294967301 8589934591 4294967299 8589934592 4294967300 8589934593 4294967297
contiguous|sum|1|3,5|3,1,5|uint32:uint64|4294967300 8589934590 3 8589934593 4294967298 3 8589934593 8589934591 4 8589934592 8589934590 3 8589934593 4294967298 4294967298
contiguous|sum|0,-1|4|1,4,1|uint32:uint64|21474836485 17179869194 25769803776 12884901894
contiguous|sum|1,2|3|3,1,1|uint32:uint64|25769803784 25769803783 25769803782
contiguous|prod|0|4,5|1,4,5|uint32:uint64|12884901885 18446744056529682434 4 0 0 0 3 18446744065119617025 17179869180 2 0 0 0 12884901885 18446744056529682434 4 0 0 0 3
contiguous|prod|-1|3,4|3,4,1|uint32:uint64|0 18446744047939747844 0 0 18446744039349813254 0 0 0 0 8589934590 0 0
contiguous|prod|1|3,5|3,1,5|uint32:uint64|25769803764 18446744056529682435 0 18446744035054845958 0 0 18446744035054845958 18446744039349813254 0 18446744022169944073 18446744056529682435 0 18446744035054845958 0 8589934588
contiguous|mean|None||1,1,1|uint32:float64|1288490189.15
contiguous|mean|0|4,5|1,4,5|uint32:float64|1431655766.3333333 2863311530.6666665 1.6666666666666667 0.6666666666666666 2863311529 1431655765 1.6666666666666667 2863311530.3333335 1431655766.3333333 1.3333333333333333 1431655764.6666667 2863311529 1.3333333333333333 1431655766.3333333 2863311530.6666665 1.6666666666666667 0.6666666666666666 2863311529 1431655765 1.6666666666666667
contiguous|mean|-1|3,4|3,4,1|uint32:float64|858993460.2 1717986918.6 1717986918.4 858993459.6 1717986918.4 858993460.2 1717986918.2 858993459.8 1717986918.4 858993460 1717986918.6 858993459.4
contiguous|mean|1|3,5|3,1,5|uint32:float64|1073741825 2147483647.5 0.75 2147483648.25 1073741824.5 0.75 2147483648.25 2147483647.75 1 2147483648 2147483647.5 0.75 2147483648.25 1073741824.5 1073741824.5
contiguous|mean|0,-1|4|1,4,1|uint32:float64|1431655765.6666667 1145324612.9333334 1717986918.4 858993459.6
contiguous|mean|1,2|3|3,1,1|uint32:float64|1288490189.2 1288490189.15 1288490189.1
contiguous|max|None||1,1,1|uint32:uint32|4294967295
contiguous|max|0|4,5|1,4,5|uint32:uint32|4294967295 4294967295 2 1 4294967294 4294967294 3 4294967295 4294967295 2 4294967293 4294967294 3 4294967295 4294967295 2 1 4294967294 4294967294 3
contiguous|max|-1|3,4|3,4,1|uint32:uint32|4294967295 4294967295 4294967295 4294967294 4294967295 4294967295 4294967295 4294967293 4294967295 4294967295 4294967295 4294967294
contiguous|max|1|3,5|3,1,5|uint32:uint32|4294967294 4294967295 2 4294967295 4294967295 2 4294967295 4294967295 2 4294967295 4294967295 2 4294967295 4294967295 4294967294
contiguous|max|0,-1|4|1,4,1|uint32:uint32|4294967295 4294967295 4294967295 4294967294
contiguous|max|1,2|3|3,1,1|uint32:uint32|4294967295 4294967295 4294967295
transposed|sum|None||1,1,1|uint32:uint64|77309411349
transposed|sum|0|3,4|1,3,4|uint32:uint64|4294967301 8589934593 8589934592 4294967298 8589934592 4294967301 8589934591 4294967299 8589934592 4294967300 8589934593 4294967297
transposed|sum|-1|5,3|5,3,1|uint32:uint64|4294967300 3 8589934590 8589934590 8589934593 3 3 8589934591 8589934593 8589934593 4 4294967298 4294967298 8589934592 4294967298
transposed|sum|1|5,4|5,1,4|uint32:uint64|4294967299 4294967295 4294967294 5 8589934592 5 8589934587 2 5 8589934591 4 8589934587 2 4294967299 4294967299 4294967295 8589934587 4 8589934592 5
transposed|sum|0,-1|3|1,3,1|uint32:uint64|25769803784 25769803783 25769803782
transposed|sum|1,2|5|5,1,1|uint32:uint64|12884901893 17179869186 17179869187 12884901895 17179869188
transposed|prod|0|3,4|1,3,4|uint32:uint64|0 18446744047939747844 0 0 18446744039349813254 0 0 0 0 8589934590 0 0
transposed|prod|-1|5,3|5,3,1|uint32:uint64|25769803764 0 18446744056529682435 18446744056529682435 18446744035054845958 0 0 18446744039349813254 18446744035054845958 18446744035054845958 0 0 0 18446744022169944073 8589934588
transposed|prod|1|5,4|5,1,4|uint32:uint64|12884901885 0 0 4 18446744056529682434 3 0 0 4 18446744065119617025 0 0 0 17179869180 12884901885 0 0 2 18446744056529682434 3
transposed|mean|None||1,1,1|uint32:float64|1288490189.15
transposed|mean|0|3,4|1,3,4|uint32:float64|858993460.2 1717986918.6 1717986918.4 858993459.6 1717986918.4 858993460.2 1717986918.2 858993459.8 1717986918.4 858993460 1717986918.6 858993459.4
transposed|mean|-1|5,3|5,3,1|uint32:float64|1073741825 0.75 2147483647.5 2147483647.5 2147483648.25 0.75 0.75 2147483647.75 2147483648.25 2147483648.25 1 1073741824.5 1073741824.5 2147483648 1073741824.5
transposed|mean|1|5,4|5,1,4|uint32:float64|1431655766.3333333 1431655765 1431655764.6666667 1.6666666666666667 2863311530.6666665 1.6666666666666667 2863311529 0.6666666666666666 1.6666666666666667 2863311530.3333335 1.3333333333333333 2863311529 0.6666666666666666 1431655766.3333333 1431655766.3333333 1431655765 2863311529 1.3333333333333333 2863311530.6666665 1.6666666666666667
transposed|mean|0,-1|3|1,3,1|uint32:float64|1288490189.2 1288490189.15 1288490189.1
transposed|mean|1,2|5|5,1,1|uint32:float64|1073741824.4166667 1431655765.5 1431655765.5833333 1073741824.5833333 1431655765.6666667
transposed|max|None||1,1,1|uint32:uint32|4294967295
transposed|max|0|3,4|1,3,4|uint32:uint32|4294967295 4294967295 4294967295 4294967294 4294967295 4294967295 4294967295 4294967293 4294967295 4294967295 4294967295 4294967294
transposed|max|-1|5,3|5,3,1|uint32:uint32|4294967294 2 4294967295 4294967295 4294967295 2 2 4294967295 4294967295 4294967295 2 4294967295 4294967295 4294967295 4294967294
transposed|max|1|5,4|5,1,4|uint32:uint32|4294967295 4294967294 4294967293 2 4294967295 3 4294967294 1 2 4294967295 3 4294967294 1 4294967295 4294967295 4294967294 4294967294 2 4294967295 3
transposed|max|0,-1|3|1,3,1|uint32:uint32|4294967295 4294967295 4294967295
transposed|max|1,2|5|5,1,1|uint32:uint32|4294967295 4294967295 4294967295 4294967295 4294967295
offset|sum|None||1,1,1|uint32:uint64|25769803785
offset|sum|0|3,3|1,3,3|uint32:uint64|8589934590 4 2 4 4294967296 4294967297 8589934587 1 4
offset|sum|-1|2,3|2,3,1|uint32:uint64|4294967298 4294967297 4294967296 4294967298 4294967300 4294967296
offset|sum|1|2,3|2,1,3|uint32:uint64|8589934589 3 4294967299 8589934592 4294967298 4
offset|sum|0,-1|3|1,3,1|uint32:uint64|8589934596 8589934597 8589934592
offset|sum|1,2|2|2,1,1|uint32:uint64|12884901891 12884901894
offset|prod|0|3,3|1,3,3|uint32:uint64|18446744065119617025 4 1 3 4294967295 8589934590 18446744052234715142 0 3
offset|prod|-1|2,3|2,3,1|uint32:uint64|8589934590 4294967295 0 8589934590 25769803770 4294967294
offset|prod|1|2,3|2,1,3|uint32:uint64|18446744056529682435 0 12884901885 18446744035054845958 8589934590 2
offset|prod|0,-1|3|1,3,1|uint32:uint64|18446744039349813252 18446744022169944070 0
offset|prod|1,2|2|2,1,1|uint32:uint64|0 257698037736
offset|mean|None||1,1,1|uint32:float64|1431655765.8333333
offset|mean|0|3,3|1,3,3|uint32:float64|4294967295 2 1 2 2147483648 2147483648.5 4294967293.5 0.5 2
offset|mean|-1|2,3|2,3,1|uint32:float64|1431655766 1431655765.6666667 1431655765.3333333 1431655766 1431655766.6666667 1431655765.3333333
offset|mean|1|2,3|2,1,3|uint32:float64|2863311529.6666665 1 1431655766.3333333 2863311530.6666665 1431655766 1.3333333333333333
offset|mean|0,-1|3|1,3,1|uint32:float64|1431655766 1431655766.1666667 1431655765.3333333
offset|mean|1,2|2|2,1,1|uint32:float64|1431655765.6666667 1431655766
offset|min|0|3,3|1,3,3|uint32:uint32|4294967295 2 1 1 1 2 4294967293 0 1
offset|max|None||1,1,1|uint32:uint32|4294967295
offset|max|0|3,3|1,3,3|uint32:uint32|4294967295 2 1 3 4294967295 4294967295 4294967294 1 3
offset|max|-1|2,3|2,3,1|uint32:uint32|4294967295 4294967295 4294967293 4294967295 4294967295 4294967294
offset|max|1|2,3|2,1,3|uint32:uint32|4294967295 2 4294967295 4294967295 4294967295 2
offset|max|0,-1|3|1,3,1|uint32:uint32|4294967295 4294967295 4294967294
offset|max|1,2|2|2,1,1|uint32:uint32|4294967295 4294967295
negative|sum|None||1,1,1|uint32:uint64|25769803781
negative|sum|0|2,3|1,2,3|uint32:uint64|8589934587 5 4294967299 8589934592 4 4294967294
negative|sum|-1|3,2|3,2,1|uint32:uint64|8589934590 4294967298 4294967296 4294967296 5 4294967296
negative|sum|1|3,3|3,1,3|uint32:uint64|4294967296 4 8589934588 8589934588 3 1 4294967295 2 4
negative|sum|0,-1|2|1,2,1|uint32:uint64|12884901891 12884901890
negative|sum|1,2|3|3,1,1|uint32:uint64|12884901888 8589934592 4294967301
negative|prod|0|2,3|1,2,3|uint32:uint64|0 4 12884901885 18446744056529682434 0 0
negative|prod|-1|3,2|3,2,1|uint32:uint64|18446744060824649730 25769803758 8589934586 0 0 0
negative|prod|1|3,3|3,1,3|uint32:uint64|8589934588 3 18446744056529682435 18446744056529682435 2 0 0 0 3
negative|prod|1,2|3|3,1,1|uint32:uint64|283467841500 0 0
negative|mean|None||1,1,1|uint32:float64|1431655765.6111112
negative|mean|0|2,3|1,2,3|uint32:float64|2863311529 1.6666666666666667 1431655766.3333333 2863311530.6666665 1.3333333333333333 1431655764.6666667
negative|mean|-1|3,2|3,2,1|uint32:float64|2863311530 1431655766 1431655765.3333333 1431655765.3333333 1.6666666666666667 1431655765.3333333
negative|mean|1|3,3|3,1,3|uint32:float64|2147483648 2 4294967294 4294967294 1.5 0.5 2147483647.5 1 2
negative|mean|0,-1|2|1,2,1|uint32:float64|1431655765.6666667 1431655765.5555556
negative|mean|1,2|3|3,1,1|uint32:float64|2147483648 1431655765.3333333 715827883.5
negative|min|1|3,3|3,1,3|uint32:uint32|2 1 4294967293 4294967293 1 0 0 0 1
negative|max|None||1,1,1|uint32:uint32|4294967295
negative|max|0|2,3|1,2,3|uint32:uint32|4294967294 2 4294967295 4294967295 3 4294967293
negative|max|-1|3,2|3,2,1|uint32:uint32|4294967295 4294967293 4294967293 4294967295 3 4294967295
negative|max|1|3,3|3,1,3|uint32:uint32|4294967294 3 4294967295 4294967295 2 1 4294967295 2 3
negative|max|0,-1|2|1,2,1|uint32:uint32|4294967295 4294967295
negative|max|1,2|3|3,1,1|uint32:uint32|4294967295 4294967295 4294967295
size1|sum|None||1,1,1|uint32:uint64|8589934591
size1|sum|0|1,5|1,1,5|uint32:uint64|0 4294967294 1 1 4294967295
size1|sum|-1|1,1|1,1,1|uint32:uint64|8589934591
size1|sum|1|1,5|1,1,5|uint32:uint64|0 4294967294 1 1 4294967295
size1|sum|0,-1|1|1,1,1|uint32:uint64|8589934591
size1|sum|1,2|1|1,1,1|uint32:uint64|8589934591
size1|prod|0|1,5|1,1,5|uint32:uint64|0 4294967294 1 1 4294967295
size1|prod|1|1,5|1,1,5|uint32:uint64|0 4294967294 1 1 4294967295
size1|mean|None||1,1,1|uint32:float64|1717986918.2
size1|mean|0|1,5|1,1,5|uint32:float64|0 4294967294 1 1 4294967295
size1|mean|-1|1,1|1,1,1|uint32:float64|1717986918.2
size1|mean|1|1,5|1,1,5|uint32:float64|0 4294967294 1 1 4294967295
size1|mean|0,-1|1|1,1,1|uint32:float64|1717986918.2
size1|mean|1,2|1|1,1,1|uint32:float64|1717986918.2
size1|min|0|1,5|1,1,5|uint32:uint32|0 4294967294 1 1 4294967295
size1|min|1|1,5|1,1,5|uint32:uint32|0 4294967294 1 1 4294967295
size1|max|None||1,1,1|uint32:uint32|4294967295
size1|max|0|1,5|1,1,5|uint32:uint32|0 4294967294 1 1 4294967295
size1|max|-1|1,1|1,1,1|uint32:uint32|4294967295
size1|max|1|1,5|1,1,5|uint32:uint32|0 4294967294 1 1 4294967295
size1|max|0,-1|1|1,1,1|uint32:uint32|4294967295
size1|max|1,2|1|1,1,1|uint32:uint32|4294967295
contiguous|mean|None||1,1,1|float32:float32|0.3499999940395355
contiguous|mean|0|4,5|1,4,5|float32:float32|1 0 1.6666666269302368 0.6666666865348816 -1.6666666269302368 -0.3333333432674408 1.6666666269302368 -0.3333333432674408 1 1.3333333730697632 -0.6666666865348816 -1.6666666269302368 1.3333333730697632 1 0 1.6666666269302368 0.6666666865348816 -1.6666666269302368 -0.3333333432674408 1.6666666269302368
contiguous|mean|-1|3,4|3,4,1|float32:float32|1 0.20000000298023224 0 0.4000000059604645 0 1 -0.20000000298023224 0.6000000238418579 0 0.800000011920929 0.20000000298023224 0.20000000298023224
contiguous|mean|0,-1|4|1,4,1|float32:float32|0.3333333432674408 0.6666666865348816 0 0.4000000059604645
contiguous|mean|1,2|3|3,1,1|float32:float32|0.4000000059604645 0.3499999940395355 0.30000001192092896
transposed|mean|None||1,1,1|float32:float32|0.3499999940395355
transposed|mean|0|3,4|1,3,4|float32:float32|1 0.20000000298023224 0 0.4000000059604645 0 1 -0.20000000298023224 0.6000000238418579 0 0.800000011920929 0.20000000298023224 0.20000000298023224
transposed|mean|1|5,4|5,1,4|float32:float32|1 -0.3333333432674408 -0.6666666865348816 1.6666666269302368 0 1.6666666269302368 -1.6666666269302368 0.6666666865348816 1.6666666269302368 -0.3333333432674408 1.3333333730697632 -1.6666666269302368 0.6666666865348816 1 1 -0.3333333432674408 -1.6666666269302368 1.3333333730697632 0 1.6666666269302368
transposed|mean|0,-1|3|1,3,1|float32:float32|0.4000000059604645 0.3499999940395355 0.30000001192092896
transposed|mean|1,2|5|5,1,1|float32:float32|0.4166666567325592 0.1666666716337204 0.25 0.5833333134651184 0.3333333432674408
offset|mean|-1|2,3|2,3,1|float32:float32|0.6666666865348816 0.3333333432674408 0 0.6666666865348816 1.3333333730697632 0
offset|mean|1|2,3|2,1,3|float32:float32|-1 1 1 0 0.6666666865348816 1.3333333730697632
offset|mean|0,-1|3|1,3,1|float32:float32|0.6666666865348816 0.8333333134651184 0
offset|mean|1,2|2|2,1,1|float32:float32|0.3333333432674408 0.6666666865348816
negative|mean|None||1,1,1|float32:float32|0.2777777910232544
negative|mean|0|2,3|1,2,3|float32:float32|-1.6666666269302368 1.6666666269302368 1 0 1.3333333730697632 -0.6666666865348816
negative|mean|-1|3,2|3,2,1|float32:float32|-0.6666666865348816 0.6666666865348816 0 0 1.6666666269302368 0
negative|mean|0,-1|2|1,2,1|float32:float32|0.3333333432674408 0.2222222238779068
negative|mean|1,2|3|3,1,1|float32:float32|0 0 0.8333333134651184
size1|mean|None||1,1,1|float32:float32|-0.20000000298023224
size1|mean|-1|1,1|1,1,1|float32:float32|-0.20000000298023224
size1|mean|0,-1|1|1,1,1|float32:float32|-0.20000000298023224
size1|mean|1,2|1|1,1,1|float32:float32|-0.20000000298023224
contiguous|sum|0|4,5|1,4,5|uint64:uint64|3 0 5 2 18446744073709551611 18446744073709551615 5 18446744073709551615 3 4 18446744073709551614 18446744073709551611 4 3 0 5 2 18446744073709551611 18446744073709551615 5
contiguous|sum|-1|3,4|3,4,1|uint64:uint64|5 1 0 2 0 5 18446744073709551615 3 0 4 1 1
contiguous|sum|1|3,5|3,1,5|uint64:uint64|4 18446744073709551614 3 1 2 3 1 18446744073709551615 4 0 18446744073709551614 3 1 2 2
contiguous|prod|0|4,5|1,4,5|uint64:uint64|18446744073709551613 2 4 0 0 0 3 1 18446744073709551612 2 0 0 0 18446744073709551613 2 4 0 0 0 3
contiguous|prod|-1|3,4|3,4,1|uint64:uint64|0 4 0 0 6 0 0 0 0 18446744073709551614 0 0
contiguous|prod|1|3,5|3,1,5|uint64:uint64|18446744073709551604 3 0 6 0 0 6 6 0 9 3 0 6 0 18446744073709551612
contiguous|mean|None||1,1,1|uint64:float64|5.534023222112865e+18
contiguous|mean|0|4,5|1,4,5|uint64:float64|6.148914691236517e+18 1.2297829382473034e+19 1.6666666666666667 0.6666666666666666 1.2297829382473034e+19 6.148914691236517e+18 1.6666666666666667 1.2297829382473034e+19 6.148914691236517e+18 1.3333333333333333 6.148914691236517e+18 1.2297829382473034e+19 1.3333333333333333 6.148914691236517e+18 1.2297829382473034e+19 1.6666666666666667 0.6666666666666666 1.2297829382473034e+19 6.148914691236517e+18 1.6666666666666667
contiguous|mean|-1|3,4|3,4,1|uint64:float64|3.6893488147419105e+18 7.378697629483821e+18 7.378697629483821e+18 3.6893488147419105e+18 7.378697629483821e+18 3.6893488147419105e+18 7.378697629483821e+18 3.6893488147419105e+18 7.378697629483821e+18 3.6893488147419105e+18 7.378697629483821e+18 3.6893488147419105e+18
contiguous|mean|1|3,5|3,1,5|uint64:float64|4.611686018427388e+18 9.223372036854776e+18 0.75 9.223372036854776e+18 4.611686018427388e+18 0.75 9.223372036854776e+18 9.223372036854776e+18 1 9.223372036854776e+18 9.223372036854776e+18 0.75 9.223372036854776e+18 4.611686018427388e+18 4.611686018427388e+18
contiguous|mean|0,-1|4|1,4,1|uint64:float64|6.148914691236517e+18 4.919131752989214e+18 7.378697629483821e+18 3.6893488147419105e+18
contiguous|mean|1,2|3|3,1,1|uint64:float64|5.534023222112865e+18 5.534023222112865e+18 5.534023222112865e+18
contiguous|max|None||1,1,1|uint64:uint64|18446744073709551615
contiguous|max|0|4,5|1,4,5|uint64:uint64|18446744073709551615 18446744073709551615 2 1 18446744073709551614 18446744073709551614 3 18446744073709551615 18446744073709551615 2 18446744073709551613 18446744073709551614 3 18446744073709551615 18446744073709551615 2 1 18446744073709551614 18446744073709551614 3
contiguous|max|-1|3,4|3,4,1|uint64:uint64|18446744073709551615 18446744073709551615 18446744073709551615 18446744073709551614 18446744073709551615 18446744073709551615 18446744073709551615 18446744073709551613 18446744073709551615 18446744073709551615 18446744073709551615 18446744073709551614
contiguous|max|1|3,5|3,1,5|uint64:uint64|18446744073709551614 18446744073709551615 2 18446744073709551615 18446744073709551615 2 18446744073709551615 18446744073709551615 2 18446744073709551615 18446744073709551615 2 18446744073709551615 18446744073709551615 18446744073709551614
contiguous|max|0,-1|4|1,4,1|uint64:uint64|18446744073709551615 18446744073709551615 18446744073709551615 18446744073709551614
contiguous|max|1,2|3|3,1,1|uint64:uint64|18446744073709551615 18446744073709551615 18446744073709551615
transposed|sum|0|3,4|1,3,4|uint64:uint64|5 1 0 2 0 5 18446744073709551615 3 0 4 1 1
transposed|sum|-1|5,3|5,3,1|uint64:uint64|4 3 18446744073709551614 18446744073709551614 1 3 3 18446744073709551615 1 1 4 2 2 0 2
transposed|sum|1|5,4|5,1,4|uint64:uint64|3 18446744073709551615 18446744073709551614 5 0 5 18446744073709551611 2 5 18446744073709551615 4 18446744073709551611 2 3 3 18446744073709551615 18446744073709551611 4 0 5
transposed|prod|0|3,4|1,3,4|uint64:uint64|0 4 0 0 6 0 0 0 0 18446744073709551614 0 0
transposed|prod|-1|5,3|5,3,1|uint64:uint64|18446744073709551604 0 3 3 6 0 0 6 6 6 0 0 0 9 18446744073709551612
transposed|prod|1|5,4|5,1,4|uint64:uint64|18446744073709551613 0 0 4 2 3 0 0 4 1 0 0 0 18446744073709551612 18446744073709551613 0 0 2 2 3
transposed|mean|None||1,1,1|uint64:float64|5.534023222112865e+18
transposed|mean|0|3,4|1,3,4|uint64:float64|3.6893488147419105e+18 7.378697629483821e+18 7.378697629483821e+18 3.6893488147419105e+18 7.378697629483821e+18 3.6893488147419105e+18 7.378697629483821e+18 3.6893488147419105e+18 7.378697629483821e+18 3.6893488147419105e+18 7.378697629483821e+18 3.6893488147419105e+18
transposed|mean|-1|5,3|5,3,1|uint64:float64|4.611686018427388e+18 0.75 9.223372036854776e+18 9.223372036854776e+18 9.223372036854776e+18 0.75 0.75 9.223372036854776e+18 9.223372036854776e+18 9.223372036854776e+18 1 4.611686018427388e+18 4.611686018427388e+18 9.223372036854776e+18 4.611686018427388e+18
transposed|mean|1|5,4|5,1,4|uint64:float64|6.148914691236517e+18 6.148914691236517e+18 6.148914691236517e+18 1.6666666666666667 1.2297829382473034e+19 1.6666666666666667 1.2297829382473034e+19 0.6666666666666666 1.6666666666666667 1.2297829382473034e+19 1.3333333333333333 1.2297829382473034e+19 0.6666666666666666 6.148914691236517e+18 6.148914691236517e+18 6.148914691236517e+18 1.2297829382473034e+19 1.3333333333333333 1.2297829382473034e+19 1.6666666666666667
transposed|mean|0,-1|3|1,3,1|uint64:float64|5.534023222112865e+18 5.534023222112865e+18 5.534023222112865e+18
transposed|mean|1,2|5|5,1,1|uint64:float64|4.611686018427388e+18 6.148914691236517e+18 6.148914691236517e+18 4.611686018427388e+18 6.148914691236517e+18
transposed|max|None||1,1,1|uint64:uint64|18446744073709551615
transposed|max|0|3,4|1,3,4|uint64:uint64|18446744073709551615 18446744073709551615 18446744073709551615 18446744073709551614 18446744073709551615 18446744073709551615 18446744073709551615 18446744073709551613 18446744073709551615 18446744073709551615 18446744073709551615 18446744073709551614
transposed|max|-1|5,3|5,3,1|uint64:uint64|18446744073709551614 2 18446744073709551615 18446744073709551615 18446744073709551615 2 2 18446744073709551615 18446744073709551615 18446744073709551615 2 18446744073709551615 18446744073709551615 18446744073709551615 18446744073709551614
transposed|max|1|5,4|5,1,4|uint64:uint64|18446744073709551615 18446744073709551614 18446744073709551613 2 18446744073709551615 3 18446744073709551614 1 2 18446744073709551615 3 18446744073709551614 1 18446744073709551615 18446744073709551615 18446744073709551614 18446744073709551614 2 18446744073709551615 3
transposed|max|0,-1|3|1,3,1|uint64:uint64|18446744073709551615 18446744073709551615 18446744073709551615
transposed|max|1,2|5|5,1,1|uint64:uint64|18446744073709551615 18446744073709551615 18446744073709551615 18446744073709551615 18446744073709551615
offset|sum|0|3,3|1,3,3|uint64:uint64|18446744073709551614 4 2 4 0 1 18446744073709551611 1 4
offset|sum|1|2,3|2,1,3|uint64:uint64|18446744073709551613 3 3 0 2 4
offset|prod|0|3,3|1,3,3|uint64:uint64|1 4 1 3 18446744073709551615 18446744073709551614 6 0 3
offset|prod|-1|2,3|2,3,1|uint64:uint64|18446744073709551614 18446744073709551615 0 18446744073709551614 18446744073709551610 18446744073709551614
offset|prod|1|2,3|2,1,3|uint64:uint64|3 0 18446744073709551613 6 18446744073709551614 2
offset|prod|1,2|2|2,1,1|uint64:uint64|0 18446744073709551592
offset|mean|None||1,1,1|uint64:float64|6.148914691236517e+18
offset|mean|0|3,3|1,3,3|uint64:float64|1.8446744073709552e+19 2 1 2 9.223372036854776e+18 9.223372036854776e+18 1.8446744073709552e+19 0.5 2
offset|mean|-1|2,3|2,3,1|uint64:float64|6.148914691236517e+18 6.148914691236517e+18 6.148914691236517e+18 6.148914691236517e+18 6.148914691236517e+18 6.148914691236517e+18
offset|mean|1|2,3|2,1,3|uint64:float64|1.2297829382473034e+19 1 6.148914691236517e+18 1.2297829382473034e+19 6.148914691236517e+18 1.3333333333333333
offset|mean|0,-1|3|1,3,1|uint64:float64|6.148914691236517e+18 6.148914691236517e+18 6.148914691236517e+18
offset|mean|1,2|2|2,1,1|uint64:float64|6.148914691236517e+18 6.148914691236517e+18
offset|min|0|3,3|1,3,3|uint64:uint64|18446744073709551615 2 1 1 1 2 18446744073709551613 0 1
offset|max|None||1,1,1|uint64:uint64|18446744073709551615
offset|max|0|3,3|1,3,3|uint64:uint64|18446744073709551615 2 1 3 18446744073709551615 18446744073709551615 18446744073709551614 1 3
offset|max|-1|2,3|2,3,1|uint64:uint64|18446744073709551615 18446744073709551615 18446744073709551613 18446744073709551615 18446744073709551615 18446744073709551614
offset|max|1|2,3|2,1,3|uint64:uint64|18446744073709551615 2 18446744073709551615 18446744073709551615 18446744073709551615 2
offset|max|0,-1|3|1,3,1|uint64:uint64|18446744073709551615 18446744073709551615 18446744073709551614
offset|max|1,2|2|2,1,1|uint64:uint64|18446744073709551615 18446744073709551615
negative|sum|0|2,3|1,2,3|uint64:uint64|18446744073709551611 5 3 0 4 18446744073709551614
negative|sum|-1|3,2|3,2,1|uint64:uint64|18446744073709551614 2 0 0 5 0
negative|sum|1|3,3|3,1,3|uint64:uint64|0 4 18446744073709551612 18446744073709551612 3 1 18446744073709551615 2 4
negative|prod|0|2,3|1,2,3|uint64:uint64|0 4 18446744073709551613 2 0 0
negative|prod|-1|3,2|3,2,1|uint64:uint64|2 18446744073709551598 18446744073709551610 0 0 0
negative|prod|1|3,3|3,1,3|uint64:uint64|18446744073709551612 3 3 3 2 0 0 0 3
negative|prod|1,2|3|3,1,1|uint64:uint64|18446744073709551580 0 0
negative|mean|None||1,1,1|uint64:float64|6.148914691236517e+18
negative|mean|0|2,3|1,2,3|uint64:float64|1.2297829382473034e+19 1.6666666666666667 6.148914691236517e+18 1.2297829382473034e+19 1.3333333333333333 6.148914691236517e+18
negative|mean|-1|3,2|3,2,1|uint64:float64|1.2297829382473034e+19 6.148914691236517e+18 6.148914691236517e+18 6.148914691236517e+18 1.6666666666666667 6.148914691236517e+18
negative|mean|1|3,3|3,1,3|uint64:float64|9.223372036854776e+18 2 1.8446744073709552e+19 1.8446744073709552e+19 1.5 0.5 9.223372036854776e+18 1 2
negative|mean|0,-1|2|1,2,1|uint64:float64|6.148914691236517e+18 6.148914691236517e+18
negative|mean|1,2|3|3,1,1|uint64:float64|9.223372036854776e+18 6.148914691236517e+18 3.0744573456182584e+18
negative|min|1|3,3|3,1,3|uint64:uint64|2 1 18446744073709551613 18446744073709551613 1 0 0 0 1
negative|max|None||1,1,1|uint64:uint64|18446744073709551615
negative|max|0|2,3|1,2,3|uint64:uint64|18446744073709551614 2 18446744073709551615 18446744073709551615 3 18446744073709551613
negative|max|-1|3,2|3,2,1|uint64:uint64|18446744073709551615 18446744073709551613 18446744073709551613 18446744073709551615 3 18446744073709551615
negative|max|1|3,3|3,1,3|uint64:uint64|18446744073709551614 3 18446744073709551615 18446744073709551615 2 1 18446744073709551615 2 3
negative|max|0,-1|2|1,2,1|uint64:uint64|18446744073709551615 18446744073709551615
negative|max|1,2|3|3,1,1|uint64:uint64|18446744073709551615 18446744073709551615 18446744073709551615
size1|sum|None||1,1,1|uint64:uint64|18446744073709551615
size1|sum|0|1,5|1,1,5|uint64:uint64|0 18446744073709551614 1 1 18446744073709551615
size1|sum|-1|1,1|1,1,1|uint64:uint64|18446744073709551615
size1|sum|1|1,5|1,1,5|uint64:uint64|0 18446744073709551614 1 1 18446744073709551615
size1|sum|0,-1|1|1,1,1|uint64:uint64|18446744073709551615
size1|sum|1,2|1|1,1,1|uint64:uint64|18446744073709551615
size1|prod|0|1,5|1,1,5|uint64:uint64|0 18446744073709551614 1 1 18446744073709551615
size1|prod|1|1,5|1,1,5|uint64:uint64|0 18446744073709551614 1 1 18446744073709551615
size1|mean|None||1,1,1|uint64:float64|7.378697629483821e+18
size1|mean|0|1,5|1,1,5|uint64:float64|0 1.8446744073709552e+19 1 1 1.8446744073709552e+19
size1|mean|-1|1,1|1,1,1|uint64:float64|7.378697629483821e+18
size1|mean|1|1,5|1,1,5|uint64:float64|0 1.8446744073709552e+19 1 1 1.8446744073709552e+19
size1|mean|0,-1|1|1,1,1|uint64:float64|7.378697629483821e+18
size1|mean|1,2|1|1,1,1|uint64:float64|7.378697629483821e+18
size1|min|0|1,5|1,1,5|uint64:uint64|0 18446744073709551614 1 1 18446744073709551615
size1|min|1|1,5|1,1,5|uint64:uint64|0 18446744073709551614 1 1 18446744073709551615
size1|max|None||1,1,1|uint64:uint64|18446744073709551615
size1|max|0|1,5|1,1,5|uint64:uint64|0 18446744073709551614 1 1 18446744073709551615
size1|max|-1|1,1|1,1,1|uint64:uint64|18446744073709551615
size1|max|1|1,5|1,1,5|uint64:uint64|0 18446744073709551614 1 1 18446744073709551615
size1|max|0,-1|1|1,1,1|uint64:uint64|18446744073709551615
size1|max|1,2|1|1,1,1|uint64:uint64|18446744073709551615
nan|sum|None||1,1|float16:float16 float32:float32 float64:float64|nan
nan|sum|0|4|1,4|float16:float16 float32:float32 float64:float64|nan nan -inf nan
nan|sum|1|3|3,1|float16:float16 float32:float32 float64:float64|nan -inf nan
nan|prod|None||1,1|float16:float16 float32:float32 float64:float64|nan
nan|prod|0|4|1,4|float16:float16 float32:float32 float64:float64|nan nan -inf nan
nan|prod|1|3|3,1|float16:float16 float32:float32 float64:float64|nan nan nan
nan|mean|None||1,1|float16:float16 float32:float32 float64:float64|nan
nan|mean|0|4|1,4|float16:float16 float32:float32 float64:float64|nan nan -inf nan
nan|mean|1|3|3,1|float16:float16 float32:float32 float64:float64|nan -inf nan
nan|min|None||1,1|float16:float16 float32:float32 float64:float64|nan
nan|min|0|4|1,4|float16:float16 float32:float32 float64:float64|nan nan -inf nan
nan|min|1|3|3,1|float16:float16 float32:float32 float64:float64|nan -inf nan
nan|max|None||1,1|float16:float16 float32:float32 float64:float64|nan
nan|max|0|4|1,4|float16:float16 float32:float32 float64:float64|nan nan 3 nan
nan|max|1|3|3,1|float16:float16 float32:float32 float64:float64|nan 5 nan
nan|any|None||1,1|float16:bool float32:bool float64:bool|1
nan|any|0|4|1,4|float16:bool float32:bool float64:bool|1 1 1 1
nan|any|1|3|3,1|float16:bool float32:bool float64:bool|1 1 1
nan|all|None||1,1|float16:bool float32:bool float64:bool|0
nan|all|0|4|1,4|float16:bool float32:bool float64:bool|1 0 1 1
nan|all|1|3|3,1|float16:bool float32:bool float64:bool|1 0 1
nan|argmin|None||1,1|float16:int64 float32:int64 float64:int64|1
nan|argmin|0|4|1,4|float16:int64 float32:int64 float64:int64|2 0 1 0
nan|argmin|1|3|3,1|float16:int64 float32:int64 float64:int64|1 2 0
nan|argmax|None||1,1|float16:int64 float32:int64 float64:int64|1
nan|argmax|0|4|1,4|float16:int64 float32:int64 float64:int64|2 0 0 0
nan|argmax|1|3|3,1|float16:int64 float32:int64 float64:int64|1 3 0
nan_t|sum|None||1,1|float16:float16 float32:float32 float64:float64|nan
nan_t|sum|0|3|1,3|float16:float16 float32:float32 float64:float64|nan -inf nan
nan_t|sum|1|4|4,1|float16:float16 float32:float32 float64:float64|nan nan -inf nan
nan_t|prod|None||1,1|float16:float16 float32:float32 float64:float64|nan
nan_t|prod|0|3|1,3|float16:float16 float32:float32 float64:float64|nan nan nan
nan_t|prod|1|4|4,1|float16:float16 float32:float32 float64:float64|nan nan -inf nan
nan_t|mean|None||1,1|float16:float16 float32:float32 float64:float64|nan
nan_t|mean|0|3|1,3|float16:float16 float32:float32 float64:float64|nan -inf nan
nan_t|mean|1|4|4,1|float16:float16 float32:float32 float64:float64|nan nan -inf nan
nan_t|min|None||1,1|float16:float16 float32:float32 float64:float64|nan
nan_t|min|0|3|1,3|float16:float16 float32:float32 float64:float64|nan -inf nan
nan_t|min|1|4|4,1|float16:float16 float32:float32 float64:float64|nan nan -inf nan
nan_t|max|None||1,1|float16:float16 float32:float32 float64:float64|nan
nan_t|max|0|3|1,3|float16:float16 float32:float32 float64:float64|nan 5 nan
nan_t|max|1|4|4,1|float16:float16 float32:float32 float64:float64|nan nan 3 nan
nan_t|any|None||1,1|float16:bool float32:bool float64:bool|1
nan_t|any|0|3|1,3|float16:bool float32:bool float64:bool|1 1 1
nan_t|any|1|4|4,1|float16:bool float32:bool float64:bool|1 1 1 1
nan_t|all|None||1,1|float16:bool float32:bool float64:bool|0
nan_t|all|0|3|1,3|float16:bool float32:bool float64:bool|1 0 1
nan_t|all|1|4|4,1|float16:bool float32:bool float64:bool|1 0 1 1
nan_t|argmin|None||1,1|float16:int64 float32:int64 float64:int64|2
nan_t|argmin|0|3|1,3|float16:int64 float32:int64 float64:int64|1 2 0
nan_t|argmin|1|4|4,1|float16:int64 float32:int64 float64:int64|2 0 1 0
nan_t|argmax|None||1,1|float16:int64 float32:int64 float64:int64|2
nan_t|argmax|0|3|1,3|float16:int64 float32:int64 float64:int64|1 3 0
nan_t|argmax|1|4|4,1|float16:int64 float32:int64 float64:int64|2 0 0 0
contiguous|sum_as|None||1,1,1|int8:int8|21
contiguous|sum_as|0|4,5|1,4,5|int8:int8|3 0 5 2 -5 -1 5 -1 3 4 -2 -5 4 3 0 5 2 -5 -1 5
contiguous|sum_as|-1|3,4|3,4,1|int8:int8|5 1 0 2 0 5 -1 3 0 4 1 1
contiguous|sum_as|0,-1|4|1,4,1|int8:int8|5 10 0 6
transposed|sum_as|None||1,1,1|int8:int8|21
transposed|sum_as|0|3,4|1,3,4|int8:int8|5 1 0 2 0 5 -1 3 0 4 1 1
transposed|sum_as|-1|5,3|5,3,1|int8:int8|4 3 -2 -2 1 3 3 -1 1 1 4 2 2 0 2
transposed|sum_as|0,-1|3|1,3,1|int8:int8|8 7 6
negative|sum_as|None||1,1,1|int8:int8|5
negative|sum_as|0|2,3|1,2,3|int8:int8|-5 5 3 0 4 -2
negative|sum_as|-1|3,2|3,2,1|int8:int8|-2 2 0 0 5 0
negative|sum_as|0,-1|2|1,2,1|int8:int8|3 2
contiguous|sum_as|None||1,1,1|uint8:uint8|21
contiguous|sum_as|0|4,5|1,4,5|uint8:uint8|3 0 5 2 251 255 5 255 3 4 254 251 4 3 0 5 2 251 255 5
contiguous|sum_as|-1|3,4|3,4,1|uint8:uint8|5 1 0 2 0 5 255 3 0 4 1 1
contiguous|sum_as|0,-1|4|1,4,1|uint8:uint8|5 10 0 6
transposed|sum_as|None||1,1,1|uint8:uint8|21
transposed|sum_as|0|3,4|1,3,4|uint8:uint8|5 1 0 2 0 5 255 3 0 4 1 1
transposed|sum_as|-1|5,3|5,3,1|uint8:uint8|4 3 254 254 1 3 3 255 1 1 4 2 2 0 2
transposed|sum_as|0,-1|3|1,3,1|uint8:uint8|8 7 6
negative|sum_as|None||1,1,1|uint8:uint8|5
negative|sum_as|0|2,3|1,2,3|uint8:uint8|251 5 3 0 4 254
negative|sum_as|-1|3,2|3,2,1|uint8:uint8|254 2 0 0 5 0
negative|sum_as|0,-1|2|1,2,1|uint8:uint8|3 2
contiguous|sum_as|None||1,1,1|int32:int32|21
contiguous|sum_as|0|4,5|1,4,5|int32:int32|3 0 5 2 -5 -1 5 -1 3 4 -2 -5 4 3 0 5 2 -5 -1 5
contiguous|sum_as|-1|3,4|3,4,1|int32:int32|5 1 0 2 0 5 -1 3 0 4 1 1
contiguous|sum_as|0,-1|4|1,4,1|int32:int32|5 10 0 6
transposed|sum_as|None||1,1,1|int32:int32|21
transposed|sum_as|0|3,4|1,3,4|int32:int32|5 1 0 2 0 5 -1 3 0 4 1 1
transposed|sum_as|-1|5,3|5,3,1|int32:int32|4 3 -2 -2 1 3 3 -1 1 1 4 2 2 0 2
transposed|sum_as|0,-1|3|1,3,1|int32:int32|8 7 6
negative|sum_as|None||1,1,1|int32:int32|5
negative|sum_as|0|2,3|1,2,3|int32:int32|-5 5 3 0 4 -2
negative|sum_as|-1|3,2|3,2,1|int32:int32|-2 2 0 0 5 0
negative|sum_as|0,-1|2|1,2,1|int32:int32|3 2
contiguous|prod_as|None||1,1,1|int32:int32|0
contiguous|prod_as|0|4,5|1,4,5|int32:int32|-3 2 4 0 0 0 3 1 -4 2 0 0 0 -3 2 4 0 0 0 3
contiguous|prod_as|-1|3,4|3,4,1|int32:int32|0 4 0 0 6 0 0 0 0 -2 0 0
contiguous|prod_as|0,-1|4|1,4,1|int32:int32|0 0 0 0
transposed|prod_as|None||1,1,1|int32:int32|0
transposed|prod_as|0|3,4|1,3,4|int32:int32|0 4 0 0 6 0 0 0 0 -2 0 0
transposed|prod_as|-1|5,3|5,3,1|int32:int32|-12 0 3 3 6 0 0 6 6 6 0 0 0 9 -4
transposed|prod_as|0,-1|3|1,3,1|int32:int32|0 0 0
negative|prod_as|None||1,1,1|int32:int32|0
negative|prod_as|0|2,3|1,2,3|int32:int32|0 4 -3 2 0 0
negative|prod_as|-1|3,2|3,2,1|int32:int32|2 -18 -6 0 0 0
negative|prod_as|0,-1|2|1,2,1|int32:int32|0 0
contiguous|sum_as|None||1,1,1|int32:float32|21
contiguous|sum_as|0|4,5|1,4,5|int32:float32|3 0 5 2 -5 -1 5 -1 3 4 -2 -5 4 3 0 5 2 -5 -1 5
contiguous|sum_as|-1|3,4|3,4,1|int32:float32|5 1 0 2 0 5 -1 3 0 4 1 1
contiguous|sum_as|0,-1|4|1,4,1|int32:float32|5 10 0 6
transposed|sum_as|None||1,1,1|int32:float32|21
transposed|sum_as|0|3,4|1,3,4|int32:float32|5 1 0 2 0 5 -1 3 0 4 1 1
transposed|sum_as|-1|5,3|5,3,1|int32:float32|4 3 -2 -2 1 3 3 -1 1 1 4 2 2 0 2
transposed|sum_as|0,-1|3|1,3,1|int32:float32|8 7 6
negative|sum_as|None||1,1,1|int32:float32|5
negative|sum_as|0|2,3|1,2,3|int32:float32|-5 5 3 0 4 -2
negative|sum_as|-1|3,2|3,2,1|int32:float32|-2 2 0 0 5 0
negative|sum_as|0,-1|2|1,2,1|int32:float32|3 2
contiguous|mean_as|None||1,1,1|int16:float32|0.3499999940395355
contiguous|mean_as|0|4,5|1,4,5|int16:float32|1 0 1.6666666269302368 0.6666666865348816 -1.6666666269302368 -0.3333333432674408 1.6666666269302368 -0.3333333432674408 1 1.3333333730697632 -0.6666666865348816 -1.6666666269302368 1.3333333730697632 1 0 1.6666666269302368 0.6666666865348816 -1.6666666269302368 -0.3333333432674408 1.6666666269302368
contiguous|mean_as|-1|3,4|3,4,1|int16:float32|1 0.20000000298023224 0 0.4000000059604645 0 1 -0.20000000298023224 0.6000000238418579 0 0.800000011920929 0.20000000298023224 0.20000000298023224
contiguous|mean_as|0,-1|4|1,4,1|int16:float32|0.3333333432674408 0.6666666865348816 0 0.4000000059604645
transposed|mean_as|None||1,1,1|int16:float32|0.3499999940395355
transposed|mean_as|0|3,4|1,3,4|int16:float32|1 0.20000000298023224 0 0.4000000059604645 0 1 -0.20000000298023224 0.6000000238418579 0 0.800000011920929 0.20000000298023224 0.20000000298023224
transposed|mean_as|-1|5,3|5,3,1|int16:float32|1 0.75 -0.5 -0.5 0.25 0.75 0.75 -0.25 0.25 0.25 1 0.5 0.5 0 0.5
transposed|mean_as|0,-1|3|1,3,1|int16:float32|0.4000000059604645 0.3499999940395355 0.30000001192092896
negative|mean_as|None||1,1,1|int16:float32|0.2777777910232544
negative|mean_as|0|2,3|1,2,3|int16:float32|-1.6666666269302368 1.6666666269302368 1 0 1.3333333730697632 -0.6666666865348816
negative|mean_as|-1|3,2|3,2,1|int16:float32|-0.6666666865348816 0.6666666865348816 0 0 1.6666666269302368 0
negative|mean_as|0,-1|2|1,2,1|int16:float32|0.3333333432674408 0.2222222238779068
contiguous|sum_as|None||1,1,1|float64:float32|21
contiguous|sum_as|0|4,5|1,4,5|float64:float32|3 0 5 2 -5 -1 5 -1 3 4 -2 -5 4 3 0 5 2 -5 -1 5
contiguous|sum_as|-1|3,4|3,4,1|float64:float32|5 1 0 2 0 5 -1 3 0 4 1 1
contiguous|sum_as|0,-1|4|1,4,1|float64:float32|5 10 0 6
transposed|sum_as|None||1,1,1|float64:float32|21
transposed|sum_as|0|3,4|1,3,4|float64:float32|5 1 0 2 0 5 -1 3 0 4 1 1
transposed|sum_as|-1|5,3|5,3,1|float64:float32|4 3 -2 -2 1 3 3 -1 1 1 4 2 2 0 2
transposed|sum_as|0,-1|3|1,3,1|float64:float32|8 7 6
negative|sum_as|None||1,1,1|float64:float32|5
negative|sum_as|0|2,3|1,2,3|float64:float32|-5 5 3 0 4 -2
negative|sum_as|-1|3,2|3,2,1|float64:float32|-2 2 0 0 5 0
negative|sum_as|0,-1|2|1,2,1|float64:float32|3 2
contiguous|sum_as|None||1,1,1|float32:float64|21
contiguous|sum_as|0|4,5|1,4,5|float32:float64|3 0 5 2 -5 -1 5 -1 3 4 -2 -5 4 3 0 5 2 -5 -1 5
contiguous|sum_as|-1|3,4|3,4,1|float32:float64|5 1 0 2 0 5 -1 3 0 4 1 1
contiguous|sum_as|0,-1|4|1,4,1|float32:float64|5 10 0 6
transposed|sum_as|None||1,1,1|float32:float64|21
transposed|sum_as|0|3,4|1,3,4|float32:float64|5 1 0 2 0 5 -1 3 0 4 1 1
transposed|sum_as|-1|5,3|5,3,1|float32:float64|4 3 -2 -2 1 3 3 -1 1 1 4 2 2 0 2
transposed|sum_as|0,-1|3|1,3,1|float32:float64|8 7 6
negative|sum_as|None||1,1,1|float32:float64|5
negative|sum_as|0|2,3|1,2,3|float32:float64|-5 5 3 0 4 -2
negative|sum_as|-1|3,2|3,2,1|float32:float64|-2 2 0 0 5 0
negative|sum_as|0,-1|2|1,2,1|float32:float64|3 2
contiguous|sum_as|None||1,1,1|int8:bool|1
contiguous|sum_as|0|4,5|1,4,5|int8:bool|1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1
contiguous|sum_as|-1|3,4|3,4,1|int8:bool|1 1 1 1 1 1 1 1 1 1 1 1
contiguous|sum_as|0,-1|4|1,4,1|int8:bool|1 1 1 1
transposed|sum_as|None||1,1,1|int8:bool|1
transposed|sum_as|0|3,4|1,3,4|int8:bool|1 1 1 1 1 1 1 1 1 1 1 1
transposed|sum_as|-1|5,3|5,3,1|int8:bool|1 1 1 1 1 1 1 1 1 1 1 1 1 1 1
transposed|sum_as|0,-1|3|1,3,1|int8:bool|1 1 1
negative|sum_as|None||1,1,1|int8:bool|1
negative|sum_as|0|2,3|1,2,3|int8:bool|1 1 1 1 1 1
negative|sum_as|-1|3,2|3,2,1|int8:bool|1 1 1 1 1 1
negative|sum_as|0,-1|2|1,2,1|int8:bool|1 1
contiguous|prod_as|None||1,1,1|float32:bool|0
contiguous|prod_as|0|4,5|1,4,5|float32:bool|1 1 1 0 0 0 1 1 1 1 0 0 0 1 1 1 0 0 0 1
contiguous|prod_as|-1|3,4|3,4,1|float32:bool|0 1 0 0 1 0 0 0 0 1 0 0
contiguous|prod_as|0,-1|4|1,4,1|float32:bool|0 0 0 0
transposed|prod_as|None||1,1,1|float32:bool|0
transposed|prod_as|0|3,4|1,3,4|float32:bool|0 1 0 0 1 0 0 0 0 1 0 0
transposed|prod_as|-1|5,3|5,3,1|float32:bool|1 0 1 1 1 0 0 1 1 1 0 0 0 1 1
transposed|prod_as|0,-1|3|1,3,1|float32:bool|0 0 0
negative|prod_as|None||1,1,1|float32:bool|0
negative|prod_as|0|2,3|1,2,3|float32:bool|0 1 1 1 0 0
negative|prod_as|-1|3,2|3,2,1|float32:bool|1 1 1 0 0 0
negative|prod_as|0,-1|2|1,2,1|float32:bool|0 0
contiguous|sum_as|None||1,1,1|uint32:int64|77309411349
contiguous|sum_as|0|4,5|1,4,5|uint32:int64|4294967299 8589934592 5 2 8589934587 4294967295 5 8589934591 4294967299 4 4294967294 8589934587 4 4294967299 8589934592 5 2 8589934587 4294967295 5
contiguous|sum_as|-1|3,4|3,4,1|uint32:int64|4294967301 8589934593 8589934592 4294967298 8589934592 4294967301 8589934591 4294967299 8589934592 4294967300 8589934593 4294967297
contiguous|sum_as|0,-1|4|1,4,1|uint32:int64|21474836485 17179869194 25769803776 12884901894
transposed|sum_as|None||1,1,1|uint32:int64|77309411349
transposed|sum_as|0|3,4|1,3,4|uint32:int64|4294967301 8589934593 8589934592 4294967298 8589934592 4294967301 8589934591 4294967299 8589934592 4294967300 8589934593 4294967297
transposed|sum_as|-1|5,3|5,3,1|uint32:int64|4294967300 3 8589934590 8589934590 8589934593 3 3 8589934591 8589934593 8589934593 4 4294967298 4294967298 8589934592 4294967298
transposed|sum_as|0,-1|3|1,3,1|uint32:int64|25769803784 25769803783 25769803782
negative|sum_as|None||1,1,1|uint32:int64|25769803781
negative|sum_as|0|2,3|1,2,3|uint32:int64|8589934587 5 4294967299 8589934592 4 4294967294
negative|sum_as|-1|3,2|3,2,1|uint32:int64|8589934590 4294967298 4294967296 4294967296 5 4294967296
negative|sum_as|0,-1|2|1,2,1|uint32:int64|12884901891 12884901890
contiguous|mean_as|None||1,1,1|int32:float16|0.35009765625
contiguous|mean_as|0|4,5|1,4,5|int32:float16|1 0 1.6669921875 0.66650390625 -1.6669921875 -0.333251953125 1.6669921875 -0.333251953125 1 1.3330078125 -0.66650390625 -1.6669921875 1.3330078125 1 0 1.6669921875 0.66650390625 -1.6669921875 -0.333251953125 1.6669921875
contiguous|mean_as|-1|3,4|3,4,1|int32:float16|1 0.199951171875 0 0.39990234375 0 1 -0.199951171875 0.60009765625 0 0.7998046875 0.199951171875 0.199951171875
contiguous|mean_as|0,-1|4|1,4,1|int32:float16|0.333251953125 0.66650390625 0 0.39990234375
transposed|mean_as|None||1,1,1|int32:float16|0.35009765625
transposed|mean_as|0|3,4|1,3,4|int32:float16|1 0.199951171875 0 0.39990234375 0 1 -0.199951171875 0.60009765625 0 0.7998046875 0.199951171875 0.199951171875
transposed|mean_as|-1|5,3|5,3,1|int32:float16|1 0.75 -0.5 -0.5 0.25 0.75 0.75 -0.25 0.25 0.25 1 0.5 0.5 0 0.5
transposed|mean_as|0,-1|3|1,3,1|int32:float16|0.39990234375 0.35009765625 0.300048828125
negative|mean_as|None||1,1,1|int32:float16|0.27783203125
negative|mean_as|0|2,3|1,2,3|int32:float16|-1.6669921875 1.6669921875 1 0 1.3330078125 -0.66650390625
negative|mean_as|-1|3,2|3,2,1|int32:float16|-0.66650390625 0.66650390625 0 0 1.6669921875 0
negative|mean_as|0,-1|2|1,2,1|int32:float16|0.333251953125 0.22216796875
contiguous|mean_as|None||1,1,1|float16:float32|0.3499999940395355
contiguous|mean_as|0|4,5|1,4,5|float16:float32|1 0 1.6666666269302368 0.6666666865348816 -1.6666666269302368 -0.3333333432674408 1.6666666269302368 -0.3333333432674408 1 1.3333333730697632 -0.6666666865348816 -1.6666666269302368 1.3333333730697632 1 0 1.6666666269302368 0.6666666865348816 -1.6666666269302368 -0.3333333432674408 1.6666666269302368
contiguous|mean_as|-1|3,4|3,4,1|float16:float32|1 0.20000000298023224 0 0.4000000059604645 0 1 -0.20000000298023224 0.6000000238418579 0 0.800000011920929 0.20000000298023224 0.20000000298023224
contiguous|mean_as|0,-1|4|1,4,1|float16:float32|0.3333333432674408 0.6666666865348816 0 0.4000000059604645
transposed|mean_as|None||1,1,1|float16:float32|0.3499999940395355
transposed|mean_as|0|3,4|1,3,4|float16:float32|1 0.20000000298023224 0 0.4000000059604645 0 1 -0.20000000298023224 0.6000000238418579 0 0.800000011920929 0.20000000298023224 0.20000000298023224
transposed|mean_as|-1|5,3|5,3,1|float16:float32|1 0.75 -0.5 -0.5 0.25 0.75 0.75 -0.25 0.25 0.25 1 0.5 0.5 0 0.5
transposed|mean_as|0,-1|3|1,3,1|float16:float32|0.4000000059604645 0.3499999940395355 0.30000001192092896
negative|mean_as|None||1,1,1|float16:float32|0.2777777910232544
negative|mean_as|0|2,3|1,2,3|float16:float32|-1.6666666269302368 1.6666666269302368 1 0 1.3333333730697632 -0.6666666865348816
negative|mean_as|-1|3,2|3,2,1|float16:float32|-0.6666666865348816 0.6666666865348816 0 0 1.6666666269302368 0
negative|mean_as|0,-1|2|1,2,1|float16:float32|0.3333333432674408 0.2222222238779068
contiguous|sum_as|None||1,1,1|bool:int32|51
contiguous|sum_as|0|4,5|1,4,5|bool:int32|3 3 3 2 2 2 3 3 3 3 2 2 2 3 3 3 2 2 2 3
contiguous|sum_as|-1|3,4|3,4,1|bool:int32|4 5 4 4 5 4 4 4 4 5 4 4
contiguous|sum_as|0,-1|4|1,4,1|bool:int32|13 14 12 12
transposed|sum_as|None||1,1,1|bool:int32|51
transposed|sum_as|0|3,4|1,3,4|bool:int32|4 5 4 4 5 4 4 4 4 5 4 4
transposed|sum_as|-1|5,3|5,3,1|bool:int32|4 2 4 4 4 2 2 4 4 4 3 3 3 4 4
transposed|sum_as|0,-1|3|1,3,1|bool:int32|17 17 17
negative|sum_as|None||1,1,1|bool:int32|15
negative|sum_as|0|2,3|1,2,3|bool:int32|2 3 3 3 2 2
negative|sum_as|-1|3,2|3,2,1|bool:int32|3 3 3 2 2 2
negative|sum_as|0,-1|2|1,2,1|bool:int32|8 7
rank10|sum|1,3,5,7|2,2,2,2,2,2|2,1,2,1,2,1,2,1,2,2|int32:int64|-1 1 0 2 1 -4 2 4 -4 -2 4 -1 -2 0 -1 1 -2 0 -1 1 0 2 1 -4 2 4 -4 -2 4 -1 -2 0 4 -1 -2 0 -1 1 0 2 1 -4 2 4 -4 -2 4 -1 -4 -2 4 -1 -2 0 -1 1 0 2 1 -4 2 4 -4 -2
rank10|max|0,-1,4|2,2,2,2,2,2,2|1,2,2,2,1,2,2,2,2,1|int32:int32|3 2 3 3 3 3 1 3 2 3 3 1 3 3 3 2 3 3 1 3 3 3 2 3 3 3 3 2 3 1 3 3 1 3 3 3 2 3 3 1 3 2 3 3 3 3 1 3 2 3 3 1 3 3 3 2 3 3 1 3 3 3 2 3 3 3 2 3 1 3 3 3 3 1 3 3 3 2 3 3 1 3 3 3 2 3 3 1 3 2 3 3 3 3 1 3 3 3 3 2 3 1 3 3 3 3 2 3 1 3 3 3 3 1 3 3 3 2 3 3 1 3 3 3 2 3 3 1
rank10|argmax|3|2,2,2,2,2,2,2,2,2|2,2,2,1,2,2,2,2,2,2|int32:int64|1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 0 1 1 1 1 1 1 1 1 1 1 0 1 1 1 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 1 0 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 0 1 1 1 1 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 1 0 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 0 1 1 1 1 1 1 1 1 1 1 0 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1
rank10|mean|2,5,6,8,9|2,2,2,2,2|2,2,1,2,2,1,1,2,1,1|int32:float64|0.1875 0 0 -0.1875 -0.34375 0.34375 0.34375 -0.28125 0 -0.1875 -0.1875 0.28125 0.34375 -0.28125 -0.28125 0.1875 0.28125 -0.34375 -0.34375 0.34375 0.1875 0 0 -0.1875 -0.34375 0.34375 0.34375 -0.28125 0 -0.1875 -0.1875 0.28125
rank10|min|None||1,1,1,1,1,1,1,1,1,1|int32:int32|-3
rank10|sum|1,3,5,7|2,2,2,2,2,2|2,1,2,1,2,1,2,1,2,2|float64:float64|-1 1 0 2 1 -4 2 4 -4 -2 4 -1 -2 0 -1 1 -2 0 -1 1 0 2 1 -4 2 4 -4 -2 4 -1 -2 0 4 -1 -2 0 -1 1 0 2 1 -4 2 4 -4 -2 4 -1 -4 -2 4 -1 -2 0 -1 1 0 2 1 -4 2 4 -4 -2
rank10|max|0,-1,4|2,2,2,2,2,2,2|1,2,2,2,1,2,2,2,2,1|float64:float64|3 2 3 3 3 3 1 3 2 3 3 1 3 3 3 2 3 3 1 3 3 3 2 3 3 3 3 2 3 1 3 3 1 3 3 3 2 3 3 1 3 2 3 3 3 3 1 3 2 3 3 1 3 3 3 2 3 3 1 3 3 3 2 3 3 3 2 3 1 3 3 3 3 1 3 3 3 2 3 3 1 3 3 3 2 3 3 1 3 2 3 3 3 3 1 3 3 3 3 2 3 1 3 3 3 3 2 3 1 3 3 3 3 1 3 3 3 2 3 3 1 3 3 3 2 3 3 1
rank10|argmax|3|2,2,2,2,2,2,2,2,2|2,2,2,1,2,2,2,2,2,2|float64:int64|1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 0 1 1 1 1 1 1 1 1 1 1 0 1 1 1 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 1 0 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 0 1 1 1 1 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 1 0 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 0 1 1 1 1 1 1 1 1 1 1 0 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1 0 1 1 1 1 0 1 1 1 1 1 1 1 1 1 0 1 1 1 1 1 1 0 1 1 1 1 1
rank10|mean|2,5,6,8,9|2,2,2,2,2|2,2,1,2,2,1,1,2,1,1|float64:float64|0.1875 0 0 -0.1875 -0.34375 0.34375 0.34375 -0.28125 0 -0.1875 -0.1875 0.28125 0.34375 -0.28125 -0.28125 0.1875 0.28125 -0.34375 -0.34375 0.34375 0.1875 0 0 -0.1875 -0.34375 0.34375 0.34375 -0.28125 0 -0.1875 -0.1875 0.28125
rank10|min|None||1,1,1,1,1,1,1,1,1,1|float64:float64|-3
"#;

/// The wide mapping's lanes per output (a power of two up to 256, several
/// outputs per workgroup below that) and its partial last chunk, across
/// lengths on either side of each boundary, for sums, maxima and argmaxes
/// (ties: the first index wins, as in NumPy), with i8 input too (128
/// elements per lane into int64 partials). Rows of a multiple of 4 i32s
/// take the 16-byte-load form, with 1 to 3 elements left over after the
/// last whole vec4 when the length is not.
#[test]
fn wide_lanes_and_tails() {
    let d = dev();
    for &(rows, n) in &[
        (3usize, 129usize),
        (5, 255),
        (7, 256),
        (9, 257),
        (33, 1000),
        (2, 4095),
        (2, 4097),
        (1, 70_001),
        (1, 1 << 20),
        (3, 20_000),
        (3, 20_001),
        (5, 1024),
        (2, 1027),
        (300, 64),
        (1000, 12),
        (129, 4100),
    ] {
        let val = |i: usize, k: usize| ((i * 7 + k * 13) % 29) as i64 - 14;
        let host: Vec<i32> = (0..rows * n).map(|x| val(x / n, x % n) as i32).collect();
        let a = Array::from_slice(&d, &host, &[rows, n]).unwrap();
        let small: Vec<i8> = host.iter().map(|&x| x as i8).collect();
        let b = Array::from_slice(&d, &small, &[rows, n]).unwrap();
        let sums = a.sum(Some(&[1]), false).unwrap().to_vec().unwrap();
        let sums8 = b.sum(Some(&[1]), false).unwrap().to_vec().unwrap();
        let maxs = a.max(Some(&[1]), false).unwrap().to_vec().unwrap();
        let args = a.argmax(Some(1), false).unwrap().to_vec().unwrap();
        for i in 0..rows {
            let row = &host[i * n..(i + 1) * n];
            let s: i64 = row.iter().map(|&x| x as i64).sum();
            let m = *row.iter().max().unwrap();
            let am = row.iter().position(|&x| x == m).unwrap() as i64;
            assert_eq!(sums[i], s, "sum rows {rows} n {n} row {i}");
            assert_eq!(sums8[i], s, "int8 sum rows {rows} n {n} row {i}");
            assert_eq!(maxs[i], m, "max rows {rows} n {n} row {i}");
            assert_eq!(args[i], am, "argmax rows {rows} n {n} row {i}");
        }
        let total: i64 = host.iter().map(|&x| x as i64).sum();
        assert_eq!(
            a.sum(None, false).unwrap().item().unwrap(),
            total,
            "{rows}x{n}"
        );
        // Over the leading axis (the narrow mapping), on the array and on
        // views whose columns start 4 elements in or 1.
        for lo in [0usize, 1, 4] {
            if lo >= n {
                continue;
            }
            let v = a.slice(&s![.., lo as isize..]).unwrap();
            let cols = v.sum(Some(&[0]), false).unwrap().to_vec().unwrap();
            let colmax = v.max(Some(&[0]), false).unwrap().to_vec().unwrap();
            for j in 0..n - lo {
                let col = (0..rows).map(|i| host[i * n + lo + j] as i64);
                assert_eq!(
                    cols[j],
                    col.clone().sum::<i64>(),
                    "{rows}x{n}[:, {lo}:] col {j}"
                );
                assert_eq!(
                    colmax[j] as i64,
                    col.max().unwrap(),
                    "max {rows}x{n}[:, {lo}:] col {j}"
                );
            }
        }
    }
}

/// The 16-byte-load first pass (rows of 4-byte elements that start
/// 16-byte aligned, at least 1024 long) on every layout it can take, and
/// the one-element path beside it for the layouts it cannot: contiguous,
/// offset by 4 (aligned) and by 1 (not), a transposed view summed along
/// its contiguous axis, negative strides, a broadcast (zero-stride) row, a
/// single row, and empty.
#[test]
fn sixteen_byte_loads_on_every_layout() {
    let d = dev();
    let (rows, n) = (6usize, 4100usize);
    let val = |i: usize, k: usize| ((i * 5 + k * 11) % 23) as f32 - 11.0;
    let host: Vec<f32> = (0..rows * n).map(|x| val(x / n, x % n)).collect();
    let a = Array::from_slice(&d, &host, &[rows, n]).unwrap();
    // Exact: small integers in f32.
    let row_sum = |i: usize, lo: usize, hi: usize| (lo..hi).map(|k| val(i, k)).sum::<f32>();
    let check = |name: &str, got: Array<f32>, want: Vec<f32>| {
        assert_eq!(got.to_vec().unwrap(), want, "{name}");
    };
    check(
        "contiguous",
        a.sum(Some(&[1]), false).unwrap(),
        (0..rows).map(|i| row_sum(i, 0, n)).collect(),
    );
    for lo in [4usize, 1] {
        check(
            &format!("a[:, {lo}:]"),
            a.slice(&s![.., lo as isize..])
                .unwrap()
                .sum(Some(&[1]), false)
                .unwrap(),
            (0..rows).map(|i| row_sum(i, lo, n)).collect(),
        );
    }
    check(
        "a.T summed over axis 0",
        a.t().sum(Some(&[0]), false).unwrap(),
        (0..rows).map(|i| row_sum(i, 0, n)).collect(),
    );
    check(
        "a[::-1, ::-1]",
        a.slice(&s![..;-1, ..;-1])
            .unwrap()
            .sum(Some(&[1]), false)
            .unwrap(),
        (0..rows).rev().map(|i| row_sum(i, 0, n)).collect(),
    );
    let row = a.slice(&s![2..3, ..]).unwrap();
    check(
        "broadcast row",
        row.broadcast_to(&[5, n])
            .unwrap()
            .sum(Some(&[1]), false)
            .unwrap(),
        vec![row_sum(2, 0, n); 5],
    );
    check(
        "single row",
        row.sum(Some(&[1]), false).unwrap(),
        vec![row_sum(2, 0, n)],
    );
    check(
        "max of a[:, 4:]",
        a.slice(&s![.., 4..])
            .unwrap()
            .max(Some(&[1]), false)
            .unwrap(),
        (0..rows)
            .map(|i| (4..n).map(|k| val(i, k)).fold(f32::MIN, f32::max))
            .collect(),
    );
    let e = a.slice(&s![..0, ..]).unwrap();
    assert_eq!(e.sum(Some(&[1]), false).unwrap().shape(), &[0]);
    assert_eq!(
        a.slice(&s![.., ..0])
            .unwrap()
            .sum(Some(&[1]), false)
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![0.0; rows]
    );
}
