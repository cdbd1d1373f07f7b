//! The reduction NumPy table's reusable body: the fixture
//! (`tests/fixtures/reduce.txt`), its views and the runner of every row of
//! one dtype, shared by the native suite (`tests/reduce.rs`) and the
//! browser suite (`tests/browser.rs`). Read-back is async
//! (`to_vec_async`); natively the caller drives it with `pollster::block_on`.
//!
//! On a device without 64-bit types (WebGPU: `wide` false), a row whose
//! NumPy result is int64, uint64 or float64 must fail with
//! `Error::MissingFeature` (naming the `_as` form for sum, prod and mean),
//! except argmin/argmax (which need no 64-bit arithmetic and must give
//! NumPy's indices) and rows of the empty view (NumPy's identities, or
//! `MissingFeature`); after a refusal, sums and products of int64/uint64
//! are asked for as int32/uint32 with `sum_as`/`prod_as` where NumPy's
//! values fit (wrapping arithmetic gives the same values then), and
//! float64 means as float32 with `mean_as`.
//!
//! Included with `#[path = "common/reduce_sweep.rs"] mod reduce_sweep;` by
//! the two test files that use it (not from `common/mod.rs`, which every
//! test binary includes).

#![allow(dead_code)]

use ndgpu::{Accumulate, Array, DType, Device, Element, Error, Result, s};

/// The values of the table's 3x4x5 parent, cycled (`BASE` in the script).
pub const BASE: [i64; 13] = [3, -1, 2, 1, 0, -2, 1, 1, -1, 2, 1, -3, 0];

pub fn parent<T: Element>(d: &Device) -> Array<T> {
    let host: Vec<T> = (0..60)
        .map(|i| T::from_i128_wrapping(BASE[i % 13] as i128))
        .collect();
    Array::from_slice(d, &host, &[3, 4, 5]).unwrap()
}

/// The table's views (`VIEWS` in the script).
pub fn view<T: Element>(d: &Device, name: &str) -> Array<T> {
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
pub struct Row {
    pub line: usize,
    pub view: String,
    pub op: String,
    pub axes: Option<Vec<isize>>,
    pub shape: Vec<usize>,
    pub keep_shape: Vec<usize>,
    /// (input dtype, NumPy's result dtype or "ERR")
    pub dtypes: Vec<(String, String)>,
    /// The values (C order), or NumPy's error message.
    pub values: String,
}

pub fn rows() -> Vec<Row> {
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

/// What one dtype's table did: rows run, rows whose 64-bit result was
/// checked to be `MissingFeature`, of those the ones also run in 32 bits
/// (`_as`), and every mismatch (one line each, naming the table line).
pub struct Outcome {
    pub rows: usize,
    pub missing: usize,
    pub narrowed: usize,
    pub errs: Vec<String>,
}

fn is_64bit(dtype: &str) -> bool {
    matches!(dtype, "int64" | "uint64" | "float64")
}

fn context(row: &Row, want_dtype: &str, keep: bool) -> String {
    format!(
        "table line {}: {} {} axes {:?} keepdims {keep} -> {want_dtype}",
        row.line, row.view, row.op, row.axes
    )
}

/// Compares a result with a row: NumPy's dtype, shape and values, or its
/// error message. Floats compare exactly (the data are small integers and
/// their sums are exact) except means, which divide.
pub async fn check<U: Element>(
    row: &Row,
    want_dtype: &str,
    keep: bool,
    got: Result<Array<U>>,
    errs: &mut Vec<String>,
) {
    let ctx = context(row, want_dtype, keep);
    if want_dtype == "ERR" {
        match got {
            Err(e @ Error::EmptyReduction { .. }) if e.to_string() == row.values => {}
            other => errs.push(format!(
                "{ctx}: expected NumPy's error {:?}, got {other:?}",
                row.values
            )),
        }
        return;
    }
    let got = match got {
        Ok(g) => g,
        Err(e) => return errs.push(format!("{ctx}: error {e}")),
    };
    if U::DTYPE.name() != want_dtype {
        return errs.push(format!("{ctx}: dtype {}", U::DTYPE.name()));
    }
    let shape = if keep { &row.keep_shape } else { &row.shape };
    if got.shape() != shape.as_slice() {
        return errs.push(format!("{ctx}: shape {:?}, NumPy {shape:?}", got.shape()));
    }
    let vals = match got.to_vec_async().await {
        Ok(v) => v,
        Err(e) => return errs.push(format!("{ctx}: read-back error {e}")),
    };
    let want: Vec<&str> = row.values.split(' ').filter(|x| !x.is_empty()).collect();
    if vals.len() != want.len() {
        return errs.push(format!(
            "{ctx}: {} values, NumPy {}",
            vals.len(),
            want.len()
        ));
    }
    for (k, (g, w)) in vals.iter().zip(&want).enumerate() {
        let ok = if U::DTYPE.is_float() {
            let (g, w) = (g.to_f64(), w.parse::<f64>().unwrap());
            if w.is_nan() {
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
            }
        } else {
            g.to_i128() == Some(w.parse::<i128>().unwrap())
        };
        if !ok {
            return errs.push(format!(
                "{ctx}: element {k}: got {g:?}, NumPy {w}\n got {vals:?}\n want {want:?}"
            ));
        }
    }
}

/// A row whose NumPy result is 64-bit, on a device without 64-bit types:
/// the call must fail with `MissingFeature`, naming the `_as` form for the
/// plain sum, prod and mean.
fn check_missing<U: Element>(
    row: &Row,
    want_dtype: &str,
    keep: bool,
    got: Result<Array<U>>,
    errs: &mut Vec<String>,
) {
    let ctx = context(row, want_dtype, keep);
    let op = row.op.as_str();
    match got {
        Err(Error::MissingFeature { instead, .. }) => {
            let named = format!("{op}_as");
            if ["sum", "prod", "mean"].contains(&op) && !instead.contains(&named) {
                errs.push(format!(
                    "{ctx}: MissingFeature names {instead:?}, not {named}"
                ));
            }
        }
        other => errs.push(format!("{ctx}: expected MissingFeature, got {other:?}")),
    }
}

/// Checks a result against the row, or its `MissingFeature` where the
/// device lacks the row's 64-bit result type (returns true then). Two
/// kinds of such rows need no 64-bit arithmetic and are checked like the
/// others: argmin/argmax (their int64 indices are written as (index, 0)
/// word pairs), and rows of the empty view, whose results are NumPy's
/// identities filled in, or `MissingFeature`.
async fn judge<U: Element>(
    row: &Row,
    want_dtype: &str,
    keep: bool,
    wide: bool,
    got: Result<Array<U>>,
    errs: &mut Vec<String>,
) -> bool {
    let refused = matches!(got, Err(Error::MissingFeature { .. }));
    let checked = wide
        || !is_64bit(want_dtype)
        || row.op.starts_with("arg")
        || (row.view == "empty" && !refused);
    if checked {
        check(row, want_dtype, keep, got, errs).await;
        false
    } else {
        check_missing(row, want_dtype, keep, got, errs);
        true
    }
}

/// Whether every value of the row is an integer in `lo..=hi`.
fn fits(row: &Row, lo: i128, hi: i128) -> bool {
    row.values
        .split(' ')
        .filter(|x| !x.is_empty())
        .all(|x| x.parse::<i128>().is_ok_and(|v| (lo..=hi).contains(&v)))
}

/// `dtype=` rows: the (input, result) pairs of the script's `AS` list.
macro_rules! as_cases {
    ($a:expr, $row:expr, $ud:expr, $keep:expr, $axes:expr, $wide:expr, $errs:expr;
     $($op:literal $u:literal => $U:ty, $method:ident;)*) => {
        match ($row.op.as_str(), $ud) {
            $(($op, $u) => judge($row, $ud, $keep, $wide, $a.$method::<$U>($axes, $keep), $errs).await,)*
            (op, u) => panic!("no dtype= case for {op} -> {u}"),
        }
    };
}

/// Runs every row that lists dtype `T` (its name in NumPy: `name`) on `d`;
/// `wide`: the device has the 64-bit types.
pub async fn table<T: Accumulate>(d: &Device, name: &str, wide: bool) -> Outcome {
    let mut out = Outcome {
        rows: 0,
        missing: 0,
        narrowed: 0,
        errs: Vec::new(),
    };
    let errs = &mut out.errs;
    for (r, row) in rows().iter().enumerate() {
        let Some((di, (_, ud))) = row.dtypes.iter().enumerate().find(|(_, (t, _))| t == name)
        else {
            continue;
        };
        // keepdims alternates over rows and dtypes, so both shapes of
        // every row are covered across the dtypes.
        let keep = (r + di) % 2 == 1;
        let a = view::<T>(d, &row.view);
        let axes = row.axes.as_deref();
        let axis = axes.map(|v| v[0]);
        let ud = ud.as_str();
        let refused = match row.op.as_str() {
            "sum" => judge(row, ud, keep, wide, a.sum(axes, keep), errs).await,
            "prod" => judge(row, ud, keep, wide, a.prod(axes, keep), errs).await,
            "mean" => judge(row, ud, keep, wide, a.mean(axes, keep), errs).await,
            "min" => judge(row, ud, keep, wide, a.min(axes, keep), errs).await,
            "max" => judge(row, ud, keep, wide, a.max(axes, keep), errs).await,
            "any" => judge(row, ud, keep, wide, a.any(axes, keep), errs).await,
            "all" => judge(row, ud, keep, wide, a.all(axes, keep), errs).await,
            "argmin" => judge(row, ud, keep, wide, a.argmin(axis, keep), errs).await,
            "argmax" => judge(row, ud, keep, wide, a.argmax(axis, keep), errs).await,
            _ => as_cases!(a, row, ud, keep, axes, wide, errs;
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
        };
        out.rows += 1;
        if !refused {
            continue;
        }
        out.missing += 1;
        // The same reduction in 32 bits, where NumPy's values fit.
        let (i32s, u32s) = (
            fits(row, i32::MIN.into(), i32::MAX.into()),
            fits(row, 0, u32::MAX.into()),
        );
        match (row.op.as_str(), ud) {
            ("sum", "int64") if i32s => {
                check(row, "int32", keep, a.sum_as::<i32>(axes, keep), errs).await
            }
            ("sum", "uint64") if u32s => {
                check(row, "uint32", keep, a.sum_as::<u32>(axes, keep), errs).await
            }
            ("prod", "int64") if i32s => {
                check(row, "int32", keep, a.prod_as::<i32>(axes, keep), errs).await
            }
            ("prod", "uint64") if u32s => {
                check(row, "uint32", keep, a.prod_as::<u32>(axes, keep), errs).await
            }
            ("mean", "float64") => {
                check(row, "float32", keep, a.mean_as::<f32>(axes, keep), errs).await
            }
            _ => continue,
        }
        out.narrowed += 1;
    }
    out
}

// ----- NumPy's results ----------------------------------------------------------
//
// `tests/fixtures/reduce.txt`, written by `tests/fixtures/reduce.py`
// (`python3 tests/fixtures/reduce.py > tests/fixtures/reduce.txt`).
//
// Columns: view | op | axes | shape | shape with keepdims | input:result
// dtypes sharing the row | values in C order (floats that are integers are
// written as integers), or NumPy's error message where the result dtype is
// ERR. Produced with NumPy 2.4.6.
//
pub const NUMPY: &str = include_str!("../fixtures/reduce.txt");
