//! Reductions (sum, prod, mean, min, max, argmin, argmax, any, all and the
//! `_as` forms with NumPy's `dtype=`) against NumPy 2.4.
//!
//! The table `NUMPY` (in `tests/common/reduce_sweep.rs`, which runs it and
//! is shared with the browser suite) holds NumPy's results: every
//! reduction of every dtype family on contiguous, transposed, offset,
//! negative-stride, broadcast (zero-stride), size-1 and empty views, with
//! axes None / one / several / negative and keepdims (each row gives both
//! shapes; the dtypes sharing a row's values are listed with NumPy's result
//! dtype), NaN and infinity handling, `dtype=` casts and a rank-10 view. It
//! is a fixture written by `tests/fixtures/reduce.py`. Larger inputs
//! (multi-pass trees, arrays past the 128 MiB storage-binding limit) use
//! integer-valued data, whose sums are exact in any order, checked against
//! exact host arithmetic, plus NumPy's value for the classic 0.1 sum.

mod common;
#[path = "common/reduce_sweep.rs"]
mod reduce_sweep;

use common::dev;
use ndgpu::{Accumulate, Array, Device, Element, Error, s};
use reduce_sweep::parent;

/// Runs every row of the table that lists dtype `T` (its name in NumPy:
/// `name`); the runner is `tests/common/reduce_sweep.rs`, shared with the
/// browser suite.
fn table<T: Accumulate>(name: &str) {
    let out = pollster::block_on(reduce_sweep::table::<T>(&dev(), name, true));
    for e in &out.errs {
        eprintln!("MISMATCH {e}");
    }
    assert!(out.rows > 50, "{name}: only {} rows", out.rows);
    assert!(
        out.errs.is_empty(),
        "{name}: {} mismatches in {} rows",
        out.errs.len(),
        out.rows
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

/// The four-output narrow mapping (a reduction over leading axes whose
/// innermost kept axis is contiguous and a multiple of 4 long, 4-byte
/// elements) on every layout it takes and beside the ones it does not:
/// row counts around its 16-row chunk, columns a multiple of 4 or not,
/// views offset by 4 (aligned) or 1 (not), stepped, reversed and
/// broadcast rows, a transposed view reduced over its strided axis, a 3-D
/// array over its middle axis and over its two leading axes, keepdims,
/// and sum, mean, max, min and any of i32, u32 and f32 (exact: small
/// integers), against host arithmetic.
#[test]
fn four_output_loads_on_every_layout() {
    let d = dev();
    let val = |i: usize, k: usize| ((i * 7 + k * 5) % 31) as i64 - 15;
    for &(rows, cols) in &[
        (1usize, 8usize),
        (15, 8),
        (16, 12),
        (17, 4),
        (37, 64),
        (300, 36),
        (33, 10),
    ] {
        let host: Vec<i32> = (0..rows * cols)
            .map(|x| val(x / cols, x % cols) as i32)
            .collect();
        let a = Array::from_slice(&d, &host, &[rows, cols]).unwrap();
        let f = a.astype::<f32>().unwrap();
        let host_u: Vec<u32> = host.iter().map(|&x| (x + 15) as u32).collect();
        let u = Array::from_slice(&d, &host_u, &[rows, cols]).unwrap();
        // (name, view, logical (i, j) -> host index)
        type Ix = Box<dyn Fn(usize, usize) -> usize>;
        let mut views: Vec<(String, [isize; 3], Ix)> = vec![
            ("a".into(), [0, 0, 1], Box::new(move |i, j| i * cols + j)),
            (
                "a[:, 4:]".into(),
                [0, 4, 1],
                Box::new(move |i, j| i * cols + j + 4),
            ),
            (
                "a[:, 1:]".into(),
                [0, 1, 1],
                Box::new(move |i, j| i * cols + j + 1),
            ),
            (
                "a[::2]".into(),
                [0, 0, 2],
                Box::new(move |i, j| 2 * i * cols + j),
            ),
            (
                "a[::-1]".into(),
                [0, 0, -1],
                Box::new(move |i, j| (rows - 1 - i) * cols + j),
            ),
        ];
        views.retain(|v| (v.1[1] as usize) < cols);
        for (name, [_, lo, step], ix) in &views {
            let sl = |x: &Array<i32>| x.slice(&s![..;*step, *lo..]).unwrap();
            let (va, vf, vu) = (
                sl(&a),
                f.slice(&s![..;*step, *lo..]).unwrap(),
                u.slice(&s![..;*step, *lo..]).unwrap(),
            );
            let (vr, vc) = (va.shape()[0], va.shape()[1]);
            let col = |j: usize| (0..vr).map(|i| host[ix(i, j)] as i64).collect::<Vec<_>>();
            let sums = va.sum(Some(&[0]), false).unwrap().to_vec().unwrap();
            let fs = vf.sum(Some(&[0]), true).unwrap();
            assert_eq!(fs.shape(), &[1, vc]);
            let fs = fs.to_vec().unwrap();
            let fm = vf.mean(Some(&[0]), false).unwrap().to_vec().unwrap();
            let mx = va.max(Some(&[0]), false).unwrap().to_vec().unwrap();
            let mn = vf.min(Some(&[0]), false).unwrap().to_vec().unwrap();
            let us = vu.sum(Some(&[0]), false).unwrap().to_vec().unwrap();
            let any = va.any(Some(&[0]), false).unwrap().to_vec().unwrap();
            for j in 0..vc {
                let c = col(j);
                let s: i64 = c.iter().sum();
                let at = format!("{rows}x{cols} {name} col {j}");
                assert_eq!(sums[j], s, "sum {at}");
                assert_eq!(fs[j], s as f32, "f32 sum {at}");
                assert_eq!(fm[j], (s as f64 / vr as f64) as f32, "f32 mean {at}");
                assert_eq!(mx[j] as i64, *c.iter().max().unwrap(), "max {at}");
                assert_eq!(mn[j] as i64, *c.iter().min().unwrap(), "min {at}");
                assert_eq!(us[j], (s + 15 * vr as i64) as u64, "u32 sum {at}");
                assert_eq!(any[j], c.iter().any(|&x| x != 0), "any {at}");
            }
        }
        // A broadcast row (zero reduced stride) and the transposed view
        // reduced over its strided axis.
        let row = a.slice(&s![rows / 2..rows / 2 + 1, ..]).unwrap();
        let b = row.broadcast_to(&[19, cols]).unwrap();
        let want: Vec<i64> = (0..cols)
            .map(|j| 19 * host[(rows / 2) * cols + j] as i64)
            .collect();
        assert_eq!(b.sum(Some(&[0]), false).unwrap().to_vec().unwrap(), want);
        let want: Vec<i64> = (0..cols)
            .map(|j| (0..rows).map(|i| host[i * cols + j] as i64).sum())
            .collect();
        assert_eq!(
            a.t().sum(Some(&[1]), false).unwrap().to_vec().unwrap(),
            want
        );
    }
    // 3-D: over the middle axis (kept axes 0 and 2), over axes (0, 1).
    let (p, q, r) = (5usize, 33usize, 20usize);
    let host: Vec<i32> = (0..p * q * r).map(|x| (x % 97) as i32 - 48).collect();
    let a = Array::from_slice(&d, &host, &[p, q, r]).unwrap();
    let at = |i: usize, j: usize, k: usize| host[(i * q + j) * r + k] as i64;
    let mid = a.sum(Some(&[1]), false).unwrap().to_vec().unwrap();
    let lead = a.sum(Some(&[0, 1]), false).unwrap().to_vec().unwrap();
    for i in 0..p {
        for k in 0..r {
            assert_eq!(mid[i * r + k], (0..q).map(|j| at(i, j, k)).sum::<i64>());
        }
    }
    for k in 0..r {
        let s: i64 = (0..p)
            .flat_map(|i| (0..q).map(move |j| (i, j)))
            .map(|(i, j)| at(i, j, k))
            .sum();
        assert_eq!(lead[k], s);
    }
    // Kept axes permuted: the output stride of the contiguous kept axis is
    // not 1.
    let t = a.transpose([2, 1, 0]).unwrap();
    let got = t.sum(Some(&[1]), false).unwrap().to_vec().unwrap();
    for k in 0..r {
        for i in 0..p {
            assert_eq!(got[k * p + i], (0..q).map(|j| at(i, j, k)).sum::<i64>());
        }
    }
}

/// A column reduction with more 16-row chunks than a grid dimension takes
/// (2^21 rows of 4 columns: 131072 chunks).
#[test]
fn four_output_loads_past_the_grid_limit() {
    let d = dev();
    let rows = 1usize << 21;
    let host: Vec<i32> = (0..rows * 4).map(|x| (x % 13) as i32 - 6).collect();
    let a = Array::from_slice(&d, &host, &[rows, 4]).unwrap();
    let got = a.sum(Some(&[0]), false).unwrap().to_vec().unwrap();
    for j in 0..4 {
        let s: i64 = (0..rows).map(|i| host[i * 4 + j] as i64).sum();
        assert_eq!(got[j], s, "col {j}");
    }
}
