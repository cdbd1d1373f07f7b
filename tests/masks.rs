//! Stream compaction and boolean masks against NumPy: `nonzero`,
//! `argwhere`, `flatnonzero`, `where_1`, `compress`, `mask_select` and
//! `mask_assign`. Expected values from NumPy 2.4.6.

mod common;
#[path = "common/numpy_values.rs"]
mod numpy_values;

use common::dev;
use ndgpu::{Array, DType, Element, Error, s, where_1};
use numpy_values::{compare, compare_values};

const TABLE: &str = include_str!("fixtures/masks.txt");
const BASE: [i64; 13] = [3, -1, 2, 1, 0, -2, 1, 1, -1, 2, 1, -3, 0];
const SHAPE: [usize; 3] = [2, 3, 50];

/// The fixture's parent (see `parent` in `masks.py`): NaN and -0.0 among
/// the floats.
fn parent<T: Element>() -> Array<T> {
    let n: usize = SHAPE.iter().product();
    let v: Vec<T> = (0..n)
        .map(|i| {
            let x = BASE[i % 13];
            if T::DTYPE == DType::Bool {
                T::from_i128_wrapping((x != 0) as i128)
            } else if T::DTYPE.is_float() {
                T::from_f64(if i % 29 == 5 {
                    f64::NAN
                } else if i % 13 == 4 && i % 2 == 0 {
                    -0.0
                } else {
                    x as f64
                })
            } else {
                T::from_i128_wrapping(x as i128)
            }
        })
        .collect();
    Array::from_slice(&dev(), &v, SHAPE).unwrap()
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

fn pattern(shape: &[usize]) -> Vec<bool> {
    let n: usize = shape.iter().product();
    (0..n).map(|i| (i * 7) % 5 < 2).collect()
}

/// The mask `kind` over the first `k` axes of `shape` (see `masks` in
/// `masks.py`); `pattern_t` is a transposed view.
fn mask(shape: &[usize], k: usize, kind: &str) -> Array<bool> {
    let d = dev();
    let s = &shape[..k];
    match kind {
        "true" | "false" => {
            let n: usize = s.iter().product();
            Array::from_slice(&d, &vec![kind == "true"; n], s).unwrap()
        }
        "pattern" => Array::from_slice(&d, &pattern(s), s).unwrap(),
        "pattern_t" => {
            let r: Vec<usize> = s.iter().rev().copied().collect();
            Array::from_slice(&d, &pattern(&r), &r).unwrap().t()
        }
        _ => panic!("unknown mask {kind}"),
    }
}

fn condition(n: usize) -> Vec<bool> {
    (0..n).map(|i| (i * 3) % 4 != 1).collect()
}

fn cond(len: usize, kind: &str) -> Array<bool> {
    let v = match kind {
        "exact" => condition(len),
        "short" => condition(len.saturating_sub(2)),
        "long" => {
            let mut c = condition(len);
            c.extend([false; 3]);
            c
        }
        _ => panic!("unknown condition {kind}"),
    };
    Array::from_slice(&dev(), &v, [v.len()]).unwrap()
}

/// The values of an assignment (see `values` in `masks.py`).
fn values<T: Element>(kind: &str, shape: &[usize]) -> Array<T> {
    let n: usize = shape.iter().product();
    let make = |x: i64| {
        if T::DTYPE == DType::Bool {
            T::from_i128_wrapping((x != 0) as i128)
        } else if T::DTYPE.is_float() {
            T::from_f64(x as f64)
        } else {
            T::from_i128_wrapping(x as i128)
        }
    };
    let v: Vec<T> = match kind {
        "scalar" => vec![make(9)],
        "count" => (0..n).map(|i| make((i % 7) as i64 - 3)).collect(),
        _ => (0..n).map(|i| make((i % 5) as i64 + 1)).collect(),
    };
    Array::from_slice(&dev(), &v, shape).unwrap()
}

/// Runs every record of the table for dtype `T` (NumPy's name `name`).
fn table<T: Element>(name: &str) {
    let p = parent::<T>();
    let (mut rows, mut errs) = (0, Vec::new());
    for line in TABLE.lines().filter(|l| l.starts_with(&format!("{name}|"))) {
        let f: Vec<&str> = line.splitn(7, '|').collect();
        let (vname, op, arg, kind, shape, vals) = (f[1], f[2], f[3], f[4], f[5], f[6]);
        let v = view(&p, vname);
        let err = match op {
            "argwhere" => compare(v.argwhere(), "int64", shape, vals),
            "flatnonzero" => compare(v.flatnonzero(), "int64", shape, vals),
            "select" => {
                let k: usize = arg.parse().unwrap();
                compare(v.mask_select(&mask(v.shape(), k, kind)), name, shape, vals)
            }
            "compress" => {
                let axis: Option<usize> = (arg != "None").then(|| arg.parse().unwrap());
                let len = axis.map_or(v.size(), |a| v.shape()[a]);
                compare(
                    v.compress(&cond(len, kind), axis.map(|a| a as isize)),
                    name,
                    shape,
                    vals,
                )
            }
            "assign" => {
                let q = parent::<T>();
                let w = view(&q, vname);
                let k: usize = arg.parse().unwrap();
                let (mkind, vkind) = kind.split_once(':').unwrap();
                let m = mask(w.shape(), k, mkind);
                let count = m.to_vec().unwrap().iter().filter(|&&b| b).count();
                let mut vshape = match vkind {
                    "scalar" => vec![],
                    "count" => vec![count],
                    _ => vec![],
                };
                if vkind != "scalar" {
                    vshape.extend_from_slice(&w.shape()[k..]);
                }
                match w.mask_assign(&m, &values::<T>(vkind, &vshape)) {
                    Err(e) => Some(format!("error {e}")),
                    Ok(()) => compare_values(&q.to_vec().unwrap(), vals),
                }
            }
            _ => panic!("unknown op {op}"),
        };
        rows += 1;
        if let Some(e) = err {
            errs.push(format!("{name} {vname} {op} {arg} {kind}: {e}"));
        }
    }
    for e in &errs {
        eprintln!("MISMATCH {e}");
    }
    assert!(rows > 100, "{name}: only {rows} rows");
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

fn nz<T: ndgpu::Element>(a: &Array<T>) -> Vec<Vec<i64>> {
    a.nonzero()
        .unwrap()
        .iter()
        .map(|x| x.to_vec().unwrap())
        .collect()
}

#[test]
fn nonzero_small_cases_from_numpy() {
    let d = dev();
    // np.nonzero(np.array([[0, 1.5, 0], [nan, -0.0, 2]], np.float32))
    let a = Array::from_slice(&d, &[0.0f32, 1.5, 0.0, f32::NAN, -0.0, 2.0], [2, 3]).unwrap();
    assert_eq!(nz(&a), vec![vec![0, 1, 1], vec![1, 0, 2]]);
    // ... of a.T
    assert_eq!(nz(&a.t()), vec![vec![0, 1, 2], vec![1, 0, 1]]);
    // b = np.arange(24).reshape(2, 3, 4) % 5 == 0; np.nonzero(b[:, ::-1, 1:])
    let b = Array::<i32>::arange(&d, 0, 24, 1)
        .unwrap()
        .reshape([2, 3, 4])
        .unwrap()
        .rem(5)
        .unwrap()
        .eq(0)
        .unwrap();
    let v = b.slice(s![.., ..;-1, 1..]).unwrap();
    assert_eq!(nz(&v), vec![vec![0, 0, 1], vec![0, 1, 2], vec![1, 0, 2]]);
    // np.nonzero(np.zeros((3, 0), bool)): two empty arrays; np.nonzero(np.ones(1))
    assert_eq!(
        nz(&Array::<bool>::zeros(&d, [3, 0]).unwrap()),
        vec![Vec::<i64>::new(), vec![]]
    );
    assert_eq!(nz(&Array::<f64>::ones(&d, [1]).unwrap()), vec![vec![0]]);
    // NumPy returns the columns of one (count, ndim) array.
    let cols = a.nonzero().unwrap();
    assert_eq!(cols[0].strides(), &[2]);
    assert_eq!(cols[0].base().unwrap().shape(), &[3, 2]);
    // where with one argument is nonzero
    let w: Vec<Vec<i64>> = where_1(&a)
        .unwrap()
        .iter()
        .map(|x| x.to_vec().unwrap())
        .collect();
    assert_eq!(w, nz(&a));
}

#[test]
fn nonzero_of_a_0d_array_is_numpys_error() {
    let d = dev();
    let e = Array::scalar(&d, 5i32).unwrap().nonzero().unwrap_err();
    assert!(matches!(e, Error::InvalidArgument { op: "nonzero", .. }));
    assert!(
        e.to_string()
            .contains("Calling nonzero on 0d arrays is not allowed")
    );
}

#[test]
fn mask_shape_errors_are_numpys() {
    let d = dev();
    let x = Array::<i32>::arange(&d, 0, 12, 1)
        .unwrap()
        .reshape([3, 4])
        .unwrap();
    // x[np.array([True, False])]: IndexError, NumPy's message.
    let m = Array::from_slice(&d, &[true, false], [2]).unwrap();
    let e = x.mask_select(&m).unwrap_err();
    assert_eq!(
        e,
        Error::BooleanIndexMismatch {
            op: "mask_select",
            axis: 0,
            len: 3,
            mask_len: 2
        }
    );
    assert_eq!(
        e.to_string(),
        "mask_select: boolean index did not match indexed array along axis 0; size of axis is 3 but size of corresponding boolean axis is 2"
    );
    // x[np.ones((3, 3), bool)]: along axis 1.
    let m = Array::<bool>::ones(&d, [3, 3]).unwrap();
    assert!(matches!(
        x.mask_select(&m),
        Err(Error::BooleanIndexMismatch {
            axis: 1,
            len: 4,
            mask_len: 3,
            ..
        })
    ));
    assert!(matches!(
        x.mask_assign(&m, &Array::scalar(&d, 0).unwrap()),
        Err(Error::BooleanIndexMismatch { axis: 1, .. })
    ));
    // x[np.ones((3, 4, 1), bool)]: too many indices.
    let m = Array::<bool>::ones(&d, [3, 4, 1]).unwrap();
    assert_eq!(
        x.mask_select(&m).unwrap_err(),
        Error::TooManyIndices {
            op: "mask_select",
            ndim: 2,
            given: 3
        }
    );
    // Nothing was written by the refused assignments.
    assert_eq!(x.to_vec().unwrap(), (0..12).collect::<Vec<i32>>());
}

#[test]
fn assignment_errors_are_numpys() {
    let d = dev();
    let x = Array::<f64>::arange(&d, 0.0, 6.0, 1.0)
        .unwrap()
        .reshape([2, 3])
        .unwrap();
    let m = x.gt(2.0).unwrap();
    // x[m] = np.array([[10, 11, 12]]): TypeError, 2-D values.
    let v = Array::<f64>::zeros(&d, [1, 3]).unwrap();
    assert_eq!(
        x.mask_assign(&m, &v).unwrap_err(),
        Error::BooleanAssignNdim {
            op: "mask_assign",
            ndim: 2
        }
    );
    // x[m] = np.array([1., 2., 3., 4.]): 4 values to 3 positions.
    let v = Array::<f64>::zeros(&d, [4]).unwrap();
    let e = x.mask_assign(&m, &v).unwrap_err();
    assert_eq!(
        e,
        Error::BooleanAssignCount {
            op: "mask_assign",
            values: 4,
            selected: 3
        }
    );
    assert!(e.to_string().contains(
        "NumPy boolean array indexing assignment cannot assign 4 input values to the 3 output values where the mask is true"
    ));
    // x[np.array([True, False])] = np.zeros((3, 3)) with x of shape (2, 3):
    // values that do not broadcast to the selection (1, 3).
    let m1 = Array::from_slice(&d, &[true, false], [2]).unwrap();
    let e = x
        .mask_assign(&m1, &Array::<f64>::zeros(&d, [3, 3]).unwrap())
        .unwrap_err();
    assert_eq!(
        e,
        Error::IndexValueShape {
            op: "mask_assign",
            value: vec![3, 3].as_slice().into(),
            result: vec![1, 3].as_slice().into()
        }
    );
    // A read-only destination.
    let b = x.broadcast_to([2, 2, 3]).unwrap();
    let mb = Array::<bool>::ones(&d, [2]).unwrap();
    assert!(matches!(
        b.mask_assign(&mb, &Array::scalar(&d, 1.0).unwrap()),
        Err(Error::ReadOnly { op: "mask_assign" })
    ));
    assert_eq!(x.to_vec().unwrap(), vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
    // Values of size 1 and values of the count are fine; 1 value into an
    // empty selection too (NumPy: x[zeros] = np.array([1.])).
    let none = Array::<bool>::zeros(&d, [2, 3]).unwrap();
    x.mask_assign(&none, &Array::from_slice(&d, &[1.0], [1]).unwrap())
        .unwrap();
    let e = x
        .mask_assign(&none, &Array::from_slice(&d, &[1.0, 2.0], [2]).unwrap())
        .unwrap_err();
    assert!(matches!(
        e,
        Error::BooleanAssignCount {
            values: 2,
            selected: 0,
            ..
        }
    ));
}

#[test]
fn compress_errors_are_numpys() {
    let d = dev();
    let x = Array::<i32>::arange(&d, 0, 3, 1).unwrap();
    // np.compress([True, False, True, False, False, True, False], np.arange(3)):
    // IndexError "index 5 is out of bounds for axis 0 with size 3".
    let c = Array::from_slice(&d, &[true, false, true, false, false, true, false], [7]).unwrap();
    assert_eq!(
        x.compress(&c, None).unwrap_err(),
        Error::IndexOutOfBounds {
            op: "compress",
            axis: 0,
            index: 5,
            len: 3
        }
    );
    // np.compress([True, False, True, False, False], np.arange(3)) is [0 2].
    let c = Array::from_slice(&d, &[true, false, true, false, false], [5]).unwrap();
    assert_eq!(
        x.compress(&c, Some(0)).unwrap().to_vec().unwrap(),
        vec![0, 2]
    );
    // np.compress(np.ones((2, 2), bool), ...): "condition must be a 1-d array".
    let c2 = Array::<bool>::ones(&d, [2, 2]).unwrap();
    let e = x.compress(&c2, None).unwrap_err();
    assert!(e.to_string().contains("condition must be a 1-d array"));
    // np.compress([True, False, True, True], x, axis=1) of a (2, 3) array:
    // "index 3 is out of bounds for axis 1 with size 3".
    let y = x.broadcast_to([2, 3]).unwrap();
    let c = Array::from_slice(&d, &[true, false, true, true], [4]).unwrap();
    assert_eq!(
        y.compress(&c, Some(1)).unwrap_err(),
        Error::IndexOutOfBounds {
            op: "compress",
            axis: 1,
            index: 3,
            len: 3
        }
    );
    assert!(matches!(
        y.compress(&c, Some(2)),
        Err(Error::AxisOutOfBounds { .. })
    ));
}

#[test]
fn selections_are_copies_and_assignments_read_values_first() {
    let d = dev();
    let x = Array::<f64>::arange(&d, 0.0, 10.0, 1.0).unwrap();
    let m = x.rem(3.0).unwrap().eq(0.0).unwrap();
    let y = x.mask_select(&m).unwrap();
    assert!(y.base().is_none() && !y.shares_memory(&x).unwrap());
    assert_eq!(y.to_vec().unwrap(), vec![0.0, 3.0, 6.0, 9.0]);
    // x[m] = x[::-1][:4]: NumPy 2.4.6 gives [9 1 2 8 4 5 7 7 8 7], reading
    // x[6] after writing it; ndgpu reads the values first (the rule NumPy
    // states), so the last one is the old x[6] = 6.
    let v = x.slice(s![..;-1]).unwrap().slice(s![..4]).unwrap();
    x.mask_assign(&m, &v).unwrap();
    assert_eq!(
        x.to_vec().unwrap(),
        vec![9.0, 1.0, 2.0, 8.0, 4.0, 5.0, 7.0, 7.0, 8.0, 6.0]
    );
    // x[m] = x[::-1][1:] with x = np.arange(12).reshape(3, 4) and
    // m = [True, False, True]: [[4 5 6 7] [4 5 6 7] [0 1 2 3]] in NumPy.
    let x = Array::<i32>::arange(&d, 0, 12, 1)
        .unwrap()
        .reshape([3, 4])
        .unwrap();
    let m = Array::from_slice(&d, &[true, false, true], [3]).unwrap();
    let v = x.slice(s![..;-1]).unwrap().slice(s![1..]).unwrap();
    x.mask_assign(&m, &v).unwrap();
    assert_eq!(
        x.to_vec().unwrap(),
        vec![4, 5, 6, 7, 4, 5, 6, 7, 0, 1, 2, 3]
    );
    // A mask that is a view of the array it assigns into: x[x] = False.
    let b = Array::from_slice(&d, &[true, false, true, true], [4]).unwrap();
    b.mask_assign(&b, &Array::scalar(&d, false).unwrap())
        .unwrap();
    assert_eq!(b.to_vec().unwrap(), vec![false; 4]);
}

#[test]
fn zero_d_masks_and_empty_selections() {
    let d = dev();
    // y = np.array(5.); y[np.array(True)] is [5.], y[np.array(False)] is [].
    let y = Array::scalar(&d, 5.0f32).unwrap();
    let t = Array::scalar(&d, true).unwrap();
    let f = Array::scalar(&d, false).unwrap();
    assert_eq!(y.mask_select(&t).unwrap().shape(), &[1]);
    assert_eq!(y.mask_select(&f).unwrap().shape(), &[0]);
    // x[np.array(True)] of a (2, 3) array has shape (1, 2, 3).
    let x = Array::<u8>::zeros(&d, [2, 3]).unwrap();
    assert_eq!(x.mask_select(&t).unwrap().shape(), &[1, 2, 3]);
    assert_eq!(x.mask_select(&f).unwrap().shape(), &[0, 2, 3]);
    // y[np.array(True)] = 3 writes; np.argwhere of 0-d arrays.
    y.mask_assign(&t, &Array::scalar(&d, 3.0).unwrap()).unwrap();
    assert_eq!(y.item().unwrap(), 3.0);
    assert_eq!(y.argwhere().unwrap().shape(), &[1, 0]);
    assert_eq!(
        Array::scalar(&d, 0u8).unwrap().argwhere().unwrap().shape(),
        &[0, 0]
    );
    // Empty arrays: np.zeros((0, 3))[np.zeros(0, bool)] has shape (0, 3).
    let e = Array::<i16>::zeros(&d, [0, 3]).unwrap();
    let m0 = Array::<bool>::zeros(&d, [0]).unwrap();
    assert_eq!(e.mask_select(&m0).unwrap().shape(), &[0, 3]);
    assert_eq!(e.flatnonzero().unwrap().shape(), &[0]);
    e.mask_assign(&m0, &Array::scalar(&d, 1).unwrap()).unwrap();
}

/// A mask past lavapipe's 128 MiB storage-binding limit: its counting and
/// compaction passes are cut into windows that fit. np.flatnonzero of a
/// bool array true at every 2^20-th position (and at the last one) lists
/// those positions.
#[test]
fn masks_past_the_binding_limit() {
    let d = dev();
    let n = (1usize << 27) + 4096;
    let m = Array::<bool>::zeros(&d, [n]).unwrap();
    let mut want: Vec<i64> = (0..n).step_by(1 << 20).map(|i| i as i64).collect();
    want.push(n as i64 - 1);
    for &i in &want {
        m.set([i as isize], true).unwrap();
    }
    assert_eq!(m.flatnonzero().unwrap().to_vec().unwrap(), want);
    // The same through a reversed view (no word loads) and as 2-D rows.
    let r = m.slice(s![..;-1]).unwrap();
    let back: Vec<i64> = want.iter().rev().map(|&i| n as i64 - 1 - i).collect();
    assert_eq!(r.flatnonzero().unwrap().to_vec().unwrap(), back);
    let two = m.reshape([2, (n / 2) as isize]).unwrap();
    let nz = two.nonzero().unwrap();
    let rows: Vec<i64> = want.iter().map(|&i| i / (n / 2) as i64).collect();
    let cols: Vec<i64> = want.iter().map(|&i| i % (n / 2) as i64).collect();
    assert_eq!(nz[0].to_vec().unwrap(), rows);
    assert_eq!(nz[1].to_vec().unwrap(), cols);
}
