//! Assignment through advanced indices against NumPy: `x[idx] = v` (the
//! last duplicate wins), NumPy's buffered `x[idx] += v`, `put`,
//! `put_along_axis` and `add_at` (every duplicate accumulates), through
//! the advanced-indexing fixture (`tests/common/advanced_fixture.rs`) on
//! every writeable parent, for every dtype and index type.

mod common;
#[path = "common/advanced_fixture.rs"]
mod fixture;

use common::dev;
use fixture::*;
use half::f16;
use ndgpu::{Array, Device, Element, Error, IndexArray, idx, s};

// ----- scatter ----------------------------------------------------------------

/// `x[idx] = v` through the fixture: the values land where NumPy's gather
/// reads (applied in C order, so with duplicates the last wins), every
/// other element of the buffer untouched; on every writeable parent
/// (contiguous, transposed, stepped with a negative stride, empty, 0-d).
fn run_scatter<T: Element>(via: Via, broadcast_scalar: bool) {
    let d = if via == Via::Host { dev() } else { private() };
    let host: Vec<T> = values(1000);
    let fresh: Vec<T> = values(1500)[1000..].to_vec();
    let mut checked = 0;
    for c in cases() {
        let Want::Ok(shape, idx) = &c.want else {
            continue;
        };
        if c.strides.contains(&0) || !c.items.iter().any(|it| matches!(it, Item::Array(..))) {
            continue; // read-only parent, or basic indexing (assign)
        }
        if via == Via::U32
            && c.items
                .iter()
                .any(|it| matches!(it, Item::Array(_, v) if v.iter().any(|&x| x < 0)))
        {
            continue;
        }
        let base = Array::from_slice(&d, &host, [1000]).unwrap();
        let x = parent(&base, &c);
        let n: usize = shape.iter().product();
        let vals = if broadcast_scalar {
            Array::from_slice(&d, &fresh[..1], [1]).unwrap()
        } else {
            Array::from_slice(&d, &fresh[..n], shape).unwrap()
        };
        let held = hold(&d, &c.items, via);
        x.index_assign(index_of(&c.items, &held), &vals)
            .unwrap_or_else(|e| panic!("{via:?} {}: {e}", c.line));
        let mut want = host.clone();
        for (k, &i) in idx.iter().enumerate() {
            want[i] = fresh[if broadcast_scalar { 0 } else { k }];
        }
        assert_eq!(
            bits(&base.to_vec().unwrap()),
            bits(&want),
            "{via:?} {} {:?}",
            c.line,
            T::DTYPE
        );
        checked += 1;
    }
    assert!(checked > if via == Via::U32 { 30 } else { 60 }, "{checked}");
}

macro_rules! scatter_tests {
    ($($name:ident: $t:ty,)*) => {$(
        #[test]
        fn $name() {
            run_scatter::<$t>(Via::Host, false);
            run_scatter::<$t>(Via::I64, false);
            run_scatter::<$t>(Via::Host, true);
        }
    )*};
}

scatter_tests! {
    scatter_bool: bool,
    scatter_i8: i8,
    scatter_u8: u8,
    scatter_i16: i16,
    scatter_u16: u16,
    scatter_f16: f16,
    scatter_i32: i32,
    scatter_u32: u32,
    scatter_f32: f32,
    scatter_i64: i64,
    scatter_u64: u64,
    scatter_f64: f64,
}

#[test]
fn scatter_int32_and_uint32_indices() {
    run_scatter::<u16>(Via::I32, false);
    run_scatter::<f32>(Via::U32, false);
}

/// Duplicates: the last in index order wins, deterministically, on packed
/// types whose neighbours share a word; NumPy 2.4.6:
/// `x = np.zeros(8, np.uint8); x[[3, 1, 3, 2, 1, 3]] = [1, 2, 3, 4, 5, 6]`
/// gives `[0, 5, 4, 6, 0, 0, 0, 0]`.
#[test]
fn duplicate_scatter_last_wins() {
    let d = private();
    for _ in 0..20 {
        let x = Array::<u8>::zeros(&d, [8]).unwrap();
        let i = Array::<i64>::from_slice(&d, &[3, 1, 3, 2, 1, 3], [6]).unwrap();
        let v = Array::<u8>::from_slice(&d, &[1, 2, 3, 4, 5, 6], [6]).unwrap();
        x.index_assign(idx![&i], &v).unwrap();
        assert_eq!(x.to_vec().unwrap(), vec![0, 5, 4, 6, 0, 0, 0, 0]);
        let x = Array::<u8>::zeros(&d, [8]).unwrap();
        x.index_assign(idx![&[3, 1, 3, 2, 1, 3]], &v).unwrap();
        assert_eq!(x.to_vec().unwrap(), vec![0, 5, 4, 6, 0, 0, 0, 0]);
    }
    // Many duplicates over a strided f16 destination: 4096 writes to 3
    // elements of x[::-2]; the last position for each index wins.
    let x = Array::<f16>::zeros(&d, [9]).unwrap();
    let view = x.slice(s![..;-2]).unwrap(); // elements 8, 6, 4, 2, 0
    let ids: Vec<i64> = (0..4096).map(|k| (k * 7 % 3) as i64).collect();
    let vals: Vec<f16> = (0..4096).map(|k| f16::from_f32(k as f32)).collect();
    let i = Array::from_slice(&d, &ids, [4096]).unwrap();
    let v = Array::from_slice(&d, &vals, [4096]).unwrap();
    view.index_assign(idx![&i], &v).unwrap();
    let mut want = vec![f16::ZERO; 9];
    for (k, &t) in ids.iter().enumerate() {
        want[8 - 2 * t as usize] = vals[k];
    }
    assert_eq!(x.to_vec().unwrap(), want);
}

/// Values that overlap the destination behave as if read first:
/// `x[[0, 1, 2, 3]] = x[::-1][:4]` on `arange(6)` gives NumPy's
/// `[5, 4, 3, 2, 4, 5]`.
#[test]
fn overlapping_values_are_read_first() {
    let d = dev();
    let x = Array::<i32>::arange(&d, 0, 6, 1).unwrap();
    let v = x.slice(s![..;-1]).unwrap().slice(s![..4]).unwrap();
    x.index_assign(idx![&[0, 1, 2, 3]], &v).unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![5, 4, 3, 2, 4, 5]);
    let x = Array::<i32>::arange(&d, 0, 6, 1).unwrap();
    let v = x.slice(s![1..5]).unwrap();
    x.index_assign(idx![&[3, 2, 1, 0]], &v).unwrap();
    // NumPy: x[[3, 2, 1, 0]] = x[1:5] -> [4, 3, 2, 1, 4, 5]
    assert_eq!(x.to_vec().unwrap(), vec![4, 3, 2, 1, 4, 5]);
}

/// Errors of a scatter: read-only destinations, values that do not
/// broadcast (NumPy's message), out-of-range indices (host: nothing is
/// written; device: reported at the next read-back, nothing outside the
/// array written).
#[test]
fn scatter_errors() {
    let d = private();
    let x = Array::<f32>::zeros(&d, [2, 3]).unwrap();
    let b = x.slice(s![0, ..]).unwrap().broadcast_to([4, 3]).unwrap();
    let one = Array::<f32>::scalar(&d, 1.0).unwrap();
    assert!(matches!(
        b.index_assign(idx![&[0]], &one),
        Err(Error::ReadOnly { op: "index_assign" })
    ));
    let v = Array::<f32>::zeros(&d, [2, 1, 3]).unwrap();
    let e = x.index_assign(idx![&[0, 1]], &v).unwrap_err();
    assert_eq!(
        e.to_string(),
        "index_assign: shape mismatch: value array of shape (2, 1, 3) could not be broadcast to indexing result of shape (2, 3)"
    );
    // leading length-1 axes are dropped, as NumPy does
    let v = Array::<f32>::ones(&d, [1, 1, 3]).unwrap();
    x.index_assign(idx![&[1]], &v).unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![0.0, 0.0, 0.0, 1.0, 1.0, 1.0]);
    let e = x.index_assign(idx![.., &[0, 3]], &one).unwrap_err();
    assert_eq!(
        e,
        Error::IndexOutOfBounds {
            op: "index_assign",
            axis: 1,
            index: 3,
            len: 3
        }
    );
    assert_eq!(x.to_vec().unwrap(), vec![0.0, 0.0, 0.0, 1.0, 1.0, 1.0]);
    // Device indices: the valid position is written, the other skipped.
    let guard = Array::<f32>::zeros(&d, [16]).unwrap();
    let inner = guard.slice(s![4..8]).unwrap();
    let i = Array::<i64>::from_slice(&d, &[1, -5, 4, 2], [4]).unwrap();
    let v = Array::<f32>::from_slice(&d, &[1.0, 2.0, 3.0, 4.0], [4]).unwrap();
    inner.index_assign(idx![&i], &v).unwrap();
    assert!(matches!(
        guard.to_vec().unwrap_err(),
        Error::IndexOutOfBounds {
            op: "index_assign",
            axis: 0,
            len: 4,
            ..
        }
    ));
    let g = guard.to_vec().unwrap();
    assert!(g[..4].iter().chain(&g[8..]).all(|&v| v == 0.0), "{g:?}");
    assert_eq!((g[5], g[6]), (1.0, 4.0));
}

/// `x[idx] += v` has NumPy's buffered meaning: NumPy 2.4.6,
/// `x = np.arange(10); x[[1, 1, 3]] += 10` -> `[0, 11, 2, 13, 4, ...]`;
/// bool `+=` is a logical or.
#[test]
fn buffered_index_add() {
    let d = private();
    let x = Array::<i64>::arange(&d, 0, 10, 1).unwrap();
    let ten = Array::<i64>::scalar(&d, 10).unwrap();
    x.index_add(idx![&[1, 1, 3]], &ten).unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![0, 11, 2, 13, 4, 5, 6, 7, 8, 9]);
    let i = Array::<i32>::from_slice(&d, &[1, 1, 3], [3]).unwrap();
    x.index_add(idx![&i], &ten).unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![0, 21, 2, 23, 4, 5, 6, 7, 8, 9]);
    let b = Array::<bool>::zeros(&d, [4]).unwrap();
    let t = Array::<bool>::scalar(&d, true).unwrap();
    b.index_add(idx![&[1, 1]], &t).unwrap();
    assert_eq!(b.to_vec().unwrap(), vec![false, true, false, false]);
    // 2-d, on a transposed view: x.T[[0, 0], 1:] += [[1, 2], [3, 4]]
    // NumPy: np.arange(6).reshape(3, 2) -> x.T[[0,0],1:] += ... -> x[:,0] = [0, 5, 8]
    let y = Array::<f32>::arange(&d, 0.0, 6.0, 1.0)
        .unwrap()
        .reshape([3, 2])
        .unwrap();
    let v = Array::<f32>::from_slice(&d, &[1.0, 2.0, 3.0, 4.0], [2, 2]).unwrap();
    y.t().index_add(idx![&[0, 0], 1..], &v).unwrap();
    assert_eq!(y.to_vec().unwrap(), vec![0.0, 1.0, 5.0, 3.0, 8.0, 5.0]);
}

/// `put` and `put_along_axis` against NumPy 2.4.6.
#[test]
fn put_and_put_along_axis() {
    let d = private();
    // np.put(np.zeros(5), [0, 1, 2], [7, 8]) -> [7, 8, 7, 0, 0]
    let x = Array::<f32>::zeros(&d, [5]).unwrap();
    let v = Array::<f32>::from_slice(&d, &[7.0, 8.0], [2]).unwrap();
    x.put(&[0i64, 1, 2][..], &v).unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![7.0, 8.0, 7.0, 0.0, 0.0]);
    // no values: a no-op
    x.put(&[0i64][..], &Array::<f32>::zeros(&d, [0]).unwrap())
        .unwrap();
    assert_eq!(x.to_vec().unwrap()[0], 7.0);
    // x = np.arange(6.).reshape(2, 3); x.T.put([1, -1], [10, 20]) -> [[0, 1, 2], [10, 4, 20]]
    let x = Array::<f64>::arange(&d, 0.0, 6.0, 1.0)
        .unwrap()
        .reshape([2, 3])
        .unwrap();
    let v = Array::<f64>::from_slice(&d, &[10.0, 20.0], [2]).unwrap();
    x.t().put(vec![1i64, -1], &v).unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![0.0, 1.0, 2.0, 10.0, 4.0, 20.0]);
    // device indices, duplicates: the last wins
    let i = Array::<u32>::from_slice(&d, &[4, 4, 0], [3]).unwrap();
    let v = Array::<f64>::from_slice(&d, &[1.0, 2.0, 3.0], [3]).unwrap();
    x.put(&i, &v).unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![3.0, 1.0, 2.0, 10.0, 2.0, 20.0]);
    let e = x.put(vec![6i64], &v).unwrap_err();
    assert_eq!(
        e,
        Error::IndexOutOfBounds {
            op: "put",
            axis: 0,
            index: 6,
            len: 6
        }
    );
    // np.put_along_axis(np.zeros((2, 2)), [[1], [0]], [[5], [6]], 1) -> [[0, 5], [6, 0]]
    let x = Array::<i16>::zeros(&d, [2, 2]).unwrap();
    let i = Array::<i64>::from_slice(&d, &[1, 0], [2, 1]).unwrap();
    let v = Array::<i16>::from_slice(&d, &[5, 6], [2, 1]).unwrap();
    x.put_along_axis(IndexArray::I64(&i), &v, Some(1)).unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![0, 5, 6, 0]);
    // axis None, on a transposed view (flat C order of x.T = [0, 2, 1, 3] positions)
    let v = Array::<i16>::from_slice(&d, &[9, 8], [2]).unwrap();
    let i = Array::<i64>::from_slice(&d, &[1, 2], [2]).unwrap();
    x.t().put_along_axis(IndexArray::I64(&i), &v, None).unwrap();
    // NumPy: x.T.flat[1] is x[1, 0], x.T.flat[2] is x[0, 1]
    assert_eq!(x.to_vec().unwrap(), vec![0, 8, 9, 0]);
    let bad = Array::<i64>::from_slice(&d, &[2, 0], [2, 1]).unwrap();
    x.put_along_axis(IndexArray::I64(&bad), &v.reshape([2, 1]).unwrap(), Some(1))
        .unwrap();
    assert!(matches!(
        d.synchronize().unwrap_err(),
        Error::IndexOutOfBounds {
            op: "put_along_axis",
            axis: 1,
            index: 2,
            len: 2
        }
    ));
}

// ----- add_at -----------------------------------------------------------------

/// NumPy's addition for one dtype on the host: integers wrap, bool is a
/// logical or, floats add (the tests keep sums exact).
fn add<T: Element>(a: T, b: T) -> T {
    match (a.to_i128(), b.to_i128()) {
        (Some(x), Some(y)) => T::from_i128_wrapping(x + y),
        _ => T::from_f64(a.to_f64() + b.to_f64()),
    }
}

/// `add_at` through the fixture: every occurrence adds (applied in order
/// on the host), for every dtype, host and device indices, on every
/// writeable parent.
fn run_add_at<T: Element>(via: Via) {
    let d = if via == Via::Host { dev() } else { private() };
    let host: Vec<T> = (0..1000)
        .map(|k| T::from_i128_wrapping((k % 7) as i128))
        .collect();
    let more: Vec<T> = (0..500)
        .map(|k| T::from_i128_wrapping((k % 3 + 1) as i128))
        .collect();
    let mut checked = 0;
    for c in cases() {
        let Want::Ok(shape, idx) = &c.want else {
            continue;
        };
        if c.strides.contains(&0) || !c.items.iter().any(|it| matches!(it, Item::Array(..))) {
            continue;
        }
        let base = Array::from_slice(&d, &host, [1000]).unwrap();
        let x = parent(&base, &c);
        let n: usize = shape.iter().product();
        let vals = Array::from_slice(&d, &more[..n], shape).unwrap();
        let held = hold(&d, &c.items, via);
        x.add_at(index_of(&c.items, &held), &vals)
            .unwrap_or_else(|e| panic!("{via:?} {}: {e}", c.line));
        let mut want = host.clone();
        for (k, &i) in idx.iter().enumerate() {
            want[i] = add(want[i], more[k]);
        }
        assert_eq!(
            bits(&base.to_vec().unwrap()),
            bits(&want),
            "{via:?} {} {:?}",
            c.line,
            T::DTYPE
        );
        checked += 1;
    }
    assert!(checked > 60, "{checked}");
}

macro_rules! add_at_tests {
    ($($name:ident: $t:ty,)*) => {$(
        #[test]
        fn $name() {
            run_add_at::<$t>(Via::Host);
            run_add_at::<$t>(Via::I64);
        }
    )*};
}

add_at_tests! {
    add_at_bool: bool,
    add_at_i8: i8,
    add_at_u8: u8,
    add_at_i16: i16,
    add_at_u16: u16,
    add_at_f16: f16,
    add_at_i32: i32,
    add_at_u32: u32,
    add_at_f32: f32,
    add_at_i64: i64,
    add_at_u64: u64,
    add_at_f64: f64,
}

/// Many duplicates: 20000 additions into 7 elements of a stepped view,
/// every dtype; the counts wrap as NumPy's `np.add.at` would
/// (`np.add.at(np.zeros(7, np.int8), [k * 5 % 7 for k in range(20000)], 1)`
/// gives 2858 mod 256 = 42 for elements 0..6 but one, which gets 2857).
#[test]
fn add_at_many_duplicates_every_dtype() {
    fn one<T: Element>() {
        let d = private();
        let n = 20000usize;
        let ids: Vec<i64> = (0..n).map(|k| (k * 5 % 7) as i64).collect();
        let i = Array::from_slice(&d, &ids, [n]).unwrap();
        let x = Array::<T>::zeros(&d, [14]).unwrap();
        let view = x.slice(s![..;-2]).unwrap();
        let v = Array::<T>::ones(&d, [n]).unwrap();
        view.add_at(idx![&i], &v).unwrap();
        let mut want = vec![T::ZERO; 14];
        for &t in &ids {
            let e = 13 - 2 * t as usize;
            want[e] = add(want[e], T::ONE);
        }
        assert_eq!(bits(&x.to_vec().unwrap()), bits(&want), "{:?}", T::DTYPE);
    }
    one::<bool>();
    one::<i8>();
    one::<u8>();
    one::<i16>();
    one::<u16>();
    one::<f16>();
    one::<i32>();
    one::<u32>();
    one::<f32>();
    one::<i64>();
    one::<u64>();
    one::<f64>();
}

/// 64-bit integers: the carry from the low word reaches the high one, and
/// the sum is exact modulo 2^64 (NumPy's wrap-around).
#[test]
fn add_at_64_bit_carries() {
    let d = private();
    let x = Array::<i64>::from_slice(&d, &[0xFFFF_FFFF, 0, i64::MAX], [3]).unwrap();
    let v = Array::<i64>::from_slice(&d, &[1, 1, 1, -1, -1, -1, 1], [7]).unwrap();
    x.add_at(idx![&[0, 0, 0, 1, 1, 1, 2]], &v).unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![0x1_0000_0002, -3, i64::MIN]);
    let y = Array::<u64>::from_slice(&d, &[u64::MAX - 1, 5], [2]).unwrap();
    let v = Array::<u64>::from_slice(&d, &[1, 1, 1, u64::MAX], [4]).unwrap();
    y.add_at(idx![&[0, 0, 0, 1]], &v).unwrap();
    assert_eq!(y.to_vec().unwrap(), vec![1, 4]);
}

/// Buffered `+=` against `add_at` on the same duplicates (NumPy 2.4.6:
/// `x[[1, 1, 3]] += 10` gives `[0, 11, 2, 13, 4]`; `np.add.at(x, [1, 1,
/// 3], 10)` gives `[0, 21, 2, 13, 4]`), for every dtype that holds 21.
#[test]
fn buffered_add_against_add_at() {
    fn one<T: Element>() {
        let d = private();
        let start: Vec<T> = (0..5).map(|k| T::from_i128_wrapping(k)).collect();
        let ten = Array::<T>::scalar(&d, T::from_i128_wrapping(10)).unwrap();
        let a = Array::from_slice(&d, &start, [5]).unwrap();
        let b = Array::from_slice(&d, &start, [5]).unwrap();
        let i = Array::<i32>::from_slice(&d, &[1, 1, 3], [3]).unwrap();
        a.index_add(idx![&i], &ten).unwrap();
        b.add_at(idx![&i], &ten).unwrap();
        let w = |v: &[i128]| -> Vec<u64> {
            v.iter()
                .map(|&x| T::from_i128_wrapping(x).to_bits())
                .collect()
        };
        assert_eq!(
            bits(&a.to_vec().unwrap()),
            w(&[0, 11, 2, 13, 4]),
            "{:?}",
            T::DTYPE
        );
        assert_eq!(
            bits(&b.to_vec().unwrap()),
            w(&[0, 21, 2, 13, 4]),
            "{:?}",
            T::DTYPE
        );
    }
    one::<i8>();
    one::<u8>();
    one::<i16>();
    one::<u16>();
    one::<f16>();
    one::<i32>();
    one::<u32>();
    one::<f32>();
    one::<i64>();
    one::<u64>();
    one::<f64>();
}

/// `add_at` errors: out-of-range device indices are skipped and reported
/// (nothing outside the array changes); an index array that shares the
/// destination's buffer is read before anything is added.
#[test]
fn add_at_errors_and_aliasing() {
    let d = private();
    let guard = Array::<i32>::zeros(&d, [12]).unwrap();
    let inner = guard.slice(s![4..8]).unwrap();
    let i = Array::<i64>::from_slice(&d, &[3, 4, -4], [3]).unwrap();
    let one = Array::<i32>::scalar(&d, 1).unwrap();
    inner.add_at(idx![&i], &one).unwrap();
    assert!(matches!(
        guard.to_vec().unwrap_err(),
        Error::IndexOutOfBounds {
            op: "add_at",
            axis: 0,
            index: 4,
            len: 4
        }
    ));
    assert_eq!(
        guard.to_vec().unwrap(),
        vec![0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0]
    );
    // NumPy 2.4.6: x = np.array([1, 1, 2, 0]); np.add.at(x, x, 1) -> [2, 3, 3, 0]
    let x = Array::<i32>::from_slice(&d, &[1, 1, 2, 0], [4]).unwrap();
    x.add_at(idx![&x], &one).unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![2, 3, 3, 0]);
    // values from the destination: np.add.at(x, [0, 0], x[1:3]) -> [8, 3, 3, 0]
    x.add_at(idx![&[0, 0]], &x.slice(s![1..3]).unwrap())
        .unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![8, 3, 3, 0]);
    assert!(matches!(
        x.add_at(idx![&[4]], &one),
        Err(Error::IndexOutOfBounds { op: "add_at", .. })
    ));
}

/// float16 `add_at` where the adapter lacks the float16 packing builtins
/// (forced with the hidden `DeviceOptions::software_f16`): the same sums.
#[test]
fn add_at_float16_in_software() {
    let d = Device::with_options(ndgpu::DeviceOptions {
        software_f16: true,
        ..Default::default()
    })
    .unwrap();
    let x = Array::<f16>::from_slice(&d, &[f16::from_f32(0.5); 3], [3]).unwrap();
    let v: Vec<f16> = (0..300)
        .map(|k| f16::from_f32((k % 4) as f32 * 0.25))
        .collect();
    let ids: Vec<i64> = (0..300).map(|k| k % 3).collect();
    x.add_at(idx![&ids], &Array::from_slice(&d, &v, [300]).unwrap())
        .unwrap();
    let mut want = [0.5f32; 3];
    for k in 0..300 {
        want[k % 3] += (k % 4) as f32 * 0.25;
    }
    let want: Vec<f16> = want.iter().map(|&w| f16::from_f32(w)).collect();
    assert_eq!(x.to_vec().unwrap(), want);
}
