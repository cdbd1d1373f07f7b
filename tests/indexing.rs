//! Advanced (integer-array) indexing on the device against NumPy: the
//! table in `tests/fixtures/advanced_index.txt` (written by the committed
//! `advanced_index.py` from NumPy 2.4.6) gives, for strided views of one
//! 1000-element buffer (contiguous, transposed, stepped with a negative
//! stride and an offset, broadcast with a zero stride, empty, 0-d), the
//! result shape and the buffer index of every element read, or NumPy's
//! error. Every dtype is gathered through it with host indices, and the
//! device index types (int64, int32, uint32) with out-of-range indices
//! reported at the next read-back. Scatter, `+=` and `add_at` follow.

mod common;

use common::dev;
use half::f16;
use ndgpu::{Array, DType, Device, Element, Error, Index, IndexArray, SliceArg, idx, s};

/// A device of its own, for a test whose device indices go out of range:
/// the error is the device's, reported by its next read-back whichever
/// test makes it, so such tests must not share the binary's device.
fn private() -> Device {
    Device::new().unwrap()
}

/// `n` distinct, non-trivial values of `T` (bit patterns from a counter).
fn values<T: Element>(n: usize) -> Vec<T> {
    (0..n)
        .map(|i| {
            let v = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 8;
            let x = T::from_bits(v);
            if x.to_f64().is_finite() {
                x
            } else {
                T::from_i128_wrapping(i as i128)
            }
        })
        .collect()
}

fn bits<T: Element>(v: &[T]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

// ----- the NumPy fixture ------------------------------------------------------

#[derive(Debug, Clone)]
enum Item {
    Basic(SliceArg),
    Array(Vec<usize>, Vec<i64>),
}

#[derive(Debug)]
enum Want {
    Ok(Vec<usize>, Vec<usize>),
    Oob(usize, i64),
    Bcast,
}

#[derive(Debug)]
struct Case {
    line: String,
    shape: Vec<usize>,
    strides: Vec<isize>,
    offset: isize,
    items: Vec<Item>,
    want: Want,
}

fn parse_shape(s: &str) -> Vec<usize> {
    if s == "-" {
        return vec![];
    }
    s.split('x').map(|d| d.parse().unwrap()).collect()
}

fn nums<T: std::str::FromStr>(s: &str) -> Vec<T>
where
    T::Err: std::fmt::Debug,
{
    s.split_whitespace().map(|v| v.parse().unwrap()).collect()
}

fn cases() -> Vec<Case> {
    let table = include_str!("fixtures/advanced_index.txt");
    table
        .lines()
        .filter(|l| !l.is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('|').collect();
            let opt = |p: &str| (!p.is_empty()).then(|| p.parse::<isize>().unwrap());
            let items = if f[3].is_empty() {
                vec![]
            } else {
                f[3].split(';')
                    .map(|it| {
                        let p: Vec<&str> = it.split(':').collect();
                        match p[0] {
                            "i" => Item::Basic(SliceArg::Index(p[1].parse().unwrap())),
                            "n" => Item::Basic(SliceArg::NewAxis),
                            "e" => Item::Basic(SliceArg::Ellipsis),
                            "s" => Item::Basic(SliceArg::Slice {
                                start: opt(p[1]),
                                stop: opt(p[2]),
                                step: p[3].parse().unwrap(),
                            }),
                            _ => Item::Array(parse_shape(p[1]), nums(p[2])),
                        }
                    })
                    .collect()
            };
            let w: Vec<&str> = f[4].splitn(3, ':').collect();
            let want = match w[0] {
                "ok" => Want::Ok(parse_shape(w[1]), nums(w[2])),
                "oob" => Want::Oob(w[1].parse().unwrap(), w[2].parse().unwrap()),
                _ => Want::Bcast,
            };
            Case {
                line: line.to_string(),
                shape: parse_shape(f[0]),
                strides: nums(f[1]),
                offset: f[2].parse().unwrap(),
                items,
                want,
            }
        })
        .collect()
}

/// The case's parent: a strided view of `base` (1000 elements).
fn parent<T: Element>(base: &Array<T>, c: &Case) -> Array<T> {
    base.as_strided(&c.shape, &c.strides, c.offset).unwrap()
}

/// How the index arrays of a case travel.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Via {
    Host,
    I64,
    I32,
    U32,
}

/// Device copies of the case's index arrays (kept alive for the index).
enum Held {
    I64(Array<i64>),
    I32(Array<i32>),
    U32(Array<u32>),
}

fn hold(d: &Device, items: &[Item], via: Via) -> Vec<Option<Held>> {
    items
        .iter()
        .map(|it| match (it, via) {
            (Item::Array(s, v), Via::I64) => Some(Held::I64(Array::from_slice(d, v, s).unwrap())),
            (Item::Array(s, v), Via::I32) => {
                let v: Vec<i32> = v.iter().map(|&x| x as i32).collect();
                Some(Held::I32(Array::from_slice(d, &v, s).unwrap()))
            }
            (Item::Array(s, v), Via::U32) => {
                let v: Vec<u32> = v.iter().map(|&x| x as u32).collect();
                Some(Held::U32(Array::from_slice(d, &v, s).unwrap()))
            }
            _ => None,
        })
        .collect()
}

fn index_of<'a>(items: &'a [Item], held: &'a [Option<Held>]) -> Vec<Index<'a>> {
    items
        .iter()
        .zip(held)
        .map(|(it, h)| match (it, h) {
            (Item::Basic(a), _) => Index::Basic(*a),
            (Item::Array(s, v), None) => Index::host(v.as_slice(), s).unwrap(),
            (_, Some(Held::I64(a))) => Index::from(a),
            (_, Some(Held::I32(a))) => Index::from(a),
            (_, Some(Held::U32(a))) => Index::from(a),
        })
        .collect()
}

/// Whether the case's arrays hold exactly one out-of-range value (then
/// the device must name exactly NumPy's index).
fn single_oob(c: &Case, axis: usize) -> bool {
    let n = c.shape.get(axis).copied().unwrap_or(0) as i64;
    let bad: usize = c
        .items
        .iter()
        .map(|it| match it {
            Item::Array(_, v) => v.iter().filter(|&&x| x < -n || x >= n).count(),
            _ => 0,
        })
        .sum();
    bad == 1
}

fn run_fixture<T: Element>(via: Via) {
    let d = if via == Via::Host { dev() } else { private() };
    let host: Vec<T> = values(1000);
    let base = Array::from_slice(&d, &host, [1000]).unwrap();
    let mut checked = 0;
    for c in cases() {
        if via == Via::U32
            && c.items
                .iter()
                .any(|it| matches!(it, Item::Array(_, v) if v.iter().any(|&x| x < 0)))
        {
            continue; // uint32 indices cannot be negative
        }
        let x = parent(&base, &c);
        let held = hold(&d, &c.items, via);
        let index = index_of(&c.items, &held);
        let got = x.index(&index);
        match &c.want {
            Want::Ok(shape, idx) => {
                let y = got.unwrap_or_else(|e| panic!("{via:?} {}: {e}", c.line));
                assert_eq!(y.shape(), shape.as_slice(), "{}", c.line);
                let advanced = c.items.iter().any(|it| matches!(it, Item::Array(..)));
                assert_eq!(y.base().is_none(), advanced, "{}", c.line);
                let want: Vec<u64> = idx.iter().map(|&i| host[i].to_bits()).collect();
                let v = y
                    .to_vec()
                    .unwrap_or_else(|e| panic!("{via:?} {}: {e}", c.line));
                assert_eq!(bits(&v), want, "{via:?} {} {:?}", c.line, T::DTYPE);
            }
            Want::Oob(axis, index) => {
                // Host indices fail at once; device ones at the next read.
                let e = match (via, got) {
                    (Via::Host, Err(e)) => e,
                    (Via::Host, Ok(_)) => panic!("{}: no error", c.line),
                    // an integer item is checked on the host even here
                    (_, Err(e)) => e,
                    (_, Ok(y)) => y.to_vec().expect_err(&c.line),
                };
                match e {
                    Error::IndexOutOfBounds {
                        op: "index",
                        axis: a,
                        index: i,
                        len,
                    } => {
                        if via == Via::Host || single_oob(&c, *axis) {
                            assert_eq!((a, i as i64), (*axis, *index), "{via:?} {}", c.line);
                        } else {
                            assert!(i < -(len as isize) || i >= len as isize, "{}", c.line);
                        }
                    }
                    other => panic!("{via:?} {}: {other:?}", c.line),
                }
                // Reported once: the device reads normally again.
                assert_eq!(base.slice(s![..2]).unwrap().to_vec().unwrap().len(), 2);
            }
            Want::Bcast => {
                assert!(
                    matches!(got, Err(Error::BroadcastShapes { op: "index", .. })),
                    "{}",
                    c.line
                );
            }
        }
        checked += 1;
    }
    assert!(
        checked > if via == Via::U32 { 60 } else { 200 },
        "{checked}"
    );
}

macro_rules! fixture_tests {
    ($($name:ident: $t:ty,)*) => {$(
        #[test]
        fn $name() {
            run_fixture::<$t>(Via::Host);
        }
    )*};
}

fixture_tests! {
    gather_host_bool: bool,
    gather_host_i8: i8,
    gather_host_u8: u8,
    gather_host_i16: i16,
    gather_host_u16: u16,
    gather_host_f16: f16,
    gather_host_i32: i32,
    gather_host_u32: u32,
    gather_host_f32: f32,
    gather_host_i64: i64,
    gather_host_u64: u64,
    gather_host_f64: f64,
}

#[test]
fn gather_device_int64_indices() {
    run_fixture::<f32>(Via::I64);
    run_fixture::<u8>(Via::I64);
}

#[test]
fn gather_device_int32_indices() {
    run_fixture::<i16>(Via::I32);
    run_fixture::<f64>(Via::I32);
}

#[test]
fn gather_device_uint32_indices() {
    run_fixture::<bool>(Via::U32);
    run_fixture::<u64>(Via::U32);
}

/// Every dtype gathered by device int64 indices on the fixture's layouts
/// (a shorter pass than the host sweep: the first 80 cases).
#[test]
fn gather_every_dtype_device_indices() {
    fn one<T: Element>() {
        let d = private();
        let host: Vec<T> = values(1000);
        let base = Array::from_slice(&d, &host, [1000]).unwrap();
        for c in cases().iter().take(80) {
            let Want::Ok(shape, idx) = &c.want else {
                continue;
            };
            let held = hold(&d, &c.items, Via::I64);
            let y = parent(&base, c).index(index_of(&c.items, &held)).unwrap();
            assert_eq!(y.shape(), shape.as_slice());
            let want: Vec<u64> = idx.iter().map(|&i| host[i].to_bits()).collect();
            assert_eq!(
                bits(&y.to_vec().unwrap()),
                want,
                "{} {:?}",
                c.line,
                T::DTYPE
            );
        }
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
    let _ = DType::ALL;
}

/// Three and more device index arrays are combined by the offset pass
/// before the gather; mixed with host ones too. NumPy 2.4.6:
/// `np.arange(120).reshape(2, 3, 4, 5)[[1, 0], [2, 2], [3, 0], [-1, 4]]`
/// is `[119, 44]`.
#[test]
fn many_index_arrays() {
    let d = private();
    let x = Array::<i32>::arange(&d, 0, 120, 1)
        .unwrap()
        .reshape([2, 3, 4, 5])
        .unwrap();
    let a = Array::<i64>::from_slice(&d, &[1, 0], [2]).unwrap();
    let b = Array::<i32>::from_slice(&d, &[2, 2], [2]).unwrap();
    let c = Array::<u32>::from_slice(&d, &[3, 0], [2]).unwrap();
    let e = Array::<i64>::from_slice(&d, &[-1, 4], [2]).unwrap();
    let y = x.index(idx![&a, &b, &c, &e]).unwrap();
    assert_eq!(y.to_vec().unwrap(), vec![119, 44]);
    let y = x.index(idx![&a, &[2i64, 2], &c, &e]).unwrap();
    assert_eq!(y.to_vec().unwrap(), vec![119, 44]);
    let y = x
        .index(idx![&[1i64, 0], &[2i64, 2], &c, &[-1i64, 4]])
        .unwrap();
    assert_eq!(y.to_vec().unwrap(), vec![119, 44]);
    // an out-of-range one among four: reported by the offset pass
    let bad = Array::<i64>::from_slice(&d, &[0, 5], [2]).unwrap();
    let y = x.index(idx![&a, &b, &c, &bad]).unwrap();
    assert_eq!(
        y.to_vec().unwrap_err(),
        Error::IndexOutOfBounds {
            op: "index",
            axis: 3,
            index: 5,
            len: 5
        }
    );
}

/// Out-of-range device indices: every index type, negative too, every
/// axis; surfaced by `synchronize` as well as by a read-back, each once;
/// the read that reports it returns no data, and a later read works.
#[test]
fn device_out_of_range_every_axis() {
    let d = private();
    let x = Array::<f32>::arange(&d, 0.0, 24.0, 1.0)
        .unwrap()
        .reshape([2, 3, 4])
        .unwrap();
    for axis in 0..3usize {
        let len = x.shape()[axis] as i64;
        for bad in [len, -len - 1, 1_000_000_007, i64::MIN, i64::MAX] {
            let ids = Array::<i64>::from_slice(&d, &[0, bad], [2]).unwrap();
            let mut index = vec![Index::Basic(SliceArg::ALL); axis];
            index.push(Index::from(&ids));
            let y = x.index(&index).unwrap();
            let want = Error::IndexOutOfBounds {
                op: "index",
                axis,
                index: bad as isize,
                len: len as usize,
            };
            if bad == len {
                assert_eq!(d.synchronize().unwrap_err(), want);
            } else {
                assert_eq!(y.to_vec().unwrap_err(), want);
            }
            assert!(d.synchronize().is_ok());
            assert!(y.to_vec().is_ok());
        }
        let b32 = Array::<i32>::from_slice(&d, &[-(len as i32) - 1], [1]).unwrap();
        let u32s = Array::<u32>::from_slice(&d, &[u32::MAX], [1]).unwrap();
        for (index, want) in [
            (Index::from(&b32), -len - 1),
            (Index::from(&u32s), u32::MAX as i64),
        ] {
            let mut full = vec![Index::Basic(SliceArg::ALL); axis];
            full.push(index);
            let y = x.index(&full).unwrap();
            match y.to_vec().unwrap_err() {
                Error::IndexOutOfBounds { axis: a, index, .. } => {
                    assert_eq!((a, index as i64), (axis, want))
                }
                e => panic!("{e:?}"),
            }
        }
    }
}

/// Host indices are checked before anything runs; the error names the op.
#[test]
fn host_out_of_range_every_axis() {
    let d = dev();
    let x = Array::<u8>::zeros(&d, [2, 3, 4]).unwrap();
    for axis in 0..3 {
        let len = x.shape()[axis] as i64;
        for bad in [len, -len - 1] {
            let mut index = vec![Index::Basic(SliceArg::ALL); axis];
            index.push(Index::from(vec![0i64, bad]));
            assert_eq!(
                x.index(&index).unwrap_err(),
                Error::IndexOutOfBounds {
                    op: "index",
                    axis,
                    index: bad as isize,
                    len: len as usize
                }
            );
            let e = x
                .take(Index::from(vec![bad]), Some(axis as isize))
                .unwrap_err();
            assert!(
                matches!(e, Error::IndexOutOfBounds { op: "take", .. }),
                "{e:?}"
            );
        }
    }
}

/// An empty indexed axis with device indices: every index is out of
/// range (NumPy: `np.zeros((0, 3))[[0]]` raises); with an empty index
/// space nothing is checked, except 0-d index arrays (NumPy takes those
/// as integers).
#[test]
fn empty_axes_and_spaces() {
    let d = private();
    let x = Array::<f32>::zeros(&d, [0, 3]).unwrap();
    let i = Array::<i64>::from_slice(&d, &[0], [1]).unwrap();
    let y = x.index(idx![&i]).unwrap();
    assert_eq!(y.shape(), &[1, 3]);
    assert!(matches!(
        y.to_vec().unwrap_err(),
        Error::IndexOutOfBounds {
            axis: 0,
            index: 0,
            len: 0,
            ..
        }
    ));
    // x[:, [5]] of a (0, 3) array: the result is empty, the index is
    // still checked (NumPy raises).
    let five = Array::<i64>::from_slice(&d, &[5], [1]).unwrap();
    let y = x.index(idx![.., &five]).unwrap();
    assert_eq!(y.shape(), &[0, 1]);
    assert!(matches!(
        d.synchronize().unwrap_err(),
        Error::IndexOutOfBounds {
            axis: 1,
            index: 5,
            ..
        }
    ));
    // An empty index space: not checked.
    let z = Array::<f32>::zeros(&d, [3, 3]).unwrap();
    let seven = Array::<i64>::from_slice(&d, &[7], [1]).unwrap();
    let none = Array::<i64>::zeros(&d, [0]).unwrap();
    let y = z.index(idx![&seven, &none]).unwrap();
    assert_eq!(y.shape(), &[0]);
    assert!(d.synchronize().is_ok());
    // ... except a 0-d array: x[np.array(7), []] raises in NumPy? No: a 0-d
    // array is an integer there, checked always.
    let seven0 = Array::<i64>::from_slice(&d, &[7], []).unwrap();
    let y = z.index(idx![&seven0, &none]).unwrap();
    assert_eq!(y.shape(), &[0]);
    assert!(matches!(
        d.synchronize().unwrap_err(),
        Error::IndexOutOfBounds {
            axis: 0,
            index: 7,
            ..
        }
    ));
}

/// `take` and `take_along_axis` (NumPy 2.4.6 values).
#[test]
fn take_and_take_along_axis() {
    let d = private();
    let x = Array::<i64>::arange(&d, 0, 12, 1)
        .unwrap()
        .reshape([3, 4])
        .unwrap();
    // np.take(x, [2, -1], axis=0) -> rows 2 and 2
    let y = x.take(&[2i64, -1][..], Some(0)).unwrap();
    assert_eq!(y.to_vec().unwrap(), vec![8, 9, 10, 11, 8, 9, 10, 11]);
    // np.take(x.T, [1, 5, -1]) -> [4, 9, 11]
    let y = x.t().take(vec![1i64, 5, -1], None).unwrap();
    assert_eq!(y.to_vec().unwrap(), vec![4, 9, 11]);
    // np.take_along_axis(x, [[0], [3], [1]], 1) -> [[0], [7], [9]]
    let i = Array::<i64>::from_slice(&d, &[0, 3, 1], [3, 1]).unwrap();
    let y = x.take_along_axis(IndexArray::I64(&i), Some(1)).unwrap();
    assert_eq!(y.shape(), &[3, 1]);
    assert_eq!(y.to_vec().unwrap(), vec![0, 7, 9]);
    // along axis 0 of the transposed, stepped view x.T[::-1]
    let v = x.t().slice(s![..;-1]).unwrap(); // shape (4, 3)
    let i = Array::<i32>::from_slice(&d, &[3, 0, 1], [1, 3]).unwrap();
    let y = v.take_along_axis(IndexArray::I32(&i), Some(0)).unwrap();
    // NumPy: np.take_along_axis(x.T[::-1], [[3, 0, 1]], 0) -> [[0, 7, 10]]
    assert_eq!(y.to_vec().unwrap(), vec![0, 7, 10]);
    // axis None: flattened, 1-d indices
    let i = Array::<u32>::from_slice(&d, &[11, 0], [2]).unwrap();
    let y = x.take_along_axis(IndexArray::U32(&i), None).unwrap();
    assert_eq!(y.to_vec().unwrap(), vec![11, 0]);
    // out of range on the device
    let i = Array::<i64>::from_slice(&d, &[0, 4, 0], [3, 1]).unwrap();
    let y = x.take_along_axis(IndexArray::I64(&i), Some(1)).unwrap();
    assert_eq!(
        y.to_vec().unwrap_err(),
        Error::IndexOutOfBounds {
            op: "take_along_axis",
            axis: 1,
            index: 4,
            len: 4
        }
    );
}

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

// ----- masks --------------------------------------------------------------------

/// Boolean masks among the items (NumPy turns a k-d mask into the k index
/// arrays of its `nonzero`); NumPy 2.4.6 values on `np.arange(24).reshape(2, 3, 4)`.
#[test]
fn masks_mixed_with_other_items() {
    let d = private();
    let x = Array::<i32>::arange(&d, 0, 24, 1)
        .unwrap()
        .reshape([2, 3, 4])
        .unwrap();
    let m23 = Array::from_slice(&d, &[true, false, true, false, true, true], [2, 3]).unwrap();
    let m4 = Array::from_slice(&d, &[true, false, false, true], [4]).unwrap();
    let m3 = Array::from_slice(&d, &[false, true, true], [3]).unwrap();
    // x[m23, [1]]
    let y = x.index(idx![&m23, &[1]]).unwrap();
    assert_eq!(y.to_vec().unwrap(), vec![1, 9, 17, 21]);
    // x[:, m3]
    let y = x.index(idx![.., &m3]).unwrap();
    assert_eq!(y.shape(), &[2, 2, 4]);
    assert_eq!(
        y.to_vec().unwrap(),
        (4..12).chain(16..24).collect::<Vec<_>>()
    );
    // x[[1, 0], :, m4]: separated advanced indices go first
    let y = x.index(idx![&[1, 0], .., &m4]).unwrap();
    assert_eq!(y.shape(), &[2, 3]);
    assert_eq!(y.to_vec().unwrap(), vec![12, 16, 20, 3, 7, 11]);
    // x[..., m4]
    let y = x.index(idx![.., .., &m4]).unwrap();
    assert_eq!(
        y.to_vec().unwrap(),
        vec![0, 3, 4, 7, 8, 11, 12, 15, 16, 19, 20, 23]
    );
    // x.T[m4]: a transposed source
    let y = x.t().index(idx![&m4]).unwrap();
    assert_eq!(y.shape(), &[2, 3, 2]);
    assert_eq!(
        y.to_vec().unwrap(),
        vec![0, 12, 4, 16, 8, 20, 3, 15, 7, 19, 11, 23]
    );
    // y = x.copy(); y[m23] = -1
    let y = x.copy().unwrap();
    y.index_assign(idx![&m23], &Array::scalar(&d, -1).unwrap())
        .unwrap();
    let mut want: Vec<i32> = (0..24).collect();
    for r in [0, 2, 4, 5] {
        want[4 * r..4 * r + 4].fill(-1);
    }
    assert_eq!(y.to_vec().unwrap(), want);
    // np.add.at(y, (slice(None), m3), 100)
    let y = x.copy().unwrap();
    y.add_at(idx![.., &m3], &Array::scalar(&d, 100).unwrap())
        .unwrap();
    let want: Vec<i32> = (0..24)
        .map(|k| if (k / 4) % 3 == 0 { k } else { k + 100 })
        .collect();
    assert_eq!(y.to_vec().unwrap(), want);
    // NumPy's error for a mask of the wrong length
    let m2 = Array::from_slice(&d, &[true, false], [2]).unwrap();
    assert_eq!(
        x.index(idx![.., &m2]).unwrap_err().to_string(),
        "index: boolean index did not match indexed array along axis 1; size of axis is 3 but size of corresponding boolean axis is 2"
    );
}

/// Index arrays and values that are themselves views (transposed,
/// negative stride with an offset, broadcast, sliced) are read through
/// their strides; NumPy 2.4.6 values with `x = np.arange(20).reshape(4, 5)`,
/// `I = [[3, 1, 0], [2, 2, 4]]`, `K = [3, 0, 2, 1, 9, 9]`.
#[test]
fn index_arrays_and_values_as_views() {
    let d = dev();
    let x = Array::<i64>::arange(&d, 0, 20, 1)
        .unwrap()
        .reshape([4, 5])
        .unwrap();
    let i = Array::<i64>::from_slice(&d, &[3, 1, 0, 2, 2, 4], [2, 3]).unwrap();
    let k = Array::<i32>::from_slice(&d, &[3, 0, 2, 1, 9, 9], [6]).unwrap();
    // x[:, I.T]
    let y = x.index(idx![.., &i.t()]).unwrap();
    assert_eq!(y.shape(), &[4, 3, 2]);
    assert_eq!(
        y.to_vec().unwrap(),
        vec![
            3, 2, 1, 2, 0, 4, 8, 7, 6, 7, 5, 9, 13, 12, 11, 12, 10, 14, 18, 17, 16, 17, 15, 19
        ]
    );
    // x[K[3::-1]]
    let kr = k.slice(s![3..;-1]).unwrap();
    let y = x.index(idx![&kr]).unwrap();
    assert_eq!(
        y.to_vec().unwrap(),
        vec![
            5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0, 1, 2, 3, 4, 15, 16, 17, 18, 19
        ]
    );
    // x[K[3::-1], K[1:3][:, None]]
    let kc = k.slice(s![1..3, ndgpu::NewAxis]).unwrap();
    let y = x.index(idx![&kr, &kc]).unwrap();
    assert_eq!(y.to_vec().unwrap(), vec![5, 10, 0, 15, 7, 12, 2, 17]);
    // x[broadcast_to([2], 3), K[:3]]
    let two = Array::<u32>::from_slice(&d, &[2], [1]).unwrap();
    let b = two.broadcast_to([3]).unwrap();
    let y = x.index(idx![&b, &k.slice(s![..3]).unwrap()]).unwrap();
    assert_eq!(y.to_vec().unwrap(), vec![13, 10, 12]);
    // y[K[3::-1], 4] = x[::-1, 0] (values a stepped view of another array)
    let y = x.copy().unwrap();
    y.index_assign(idx![&kr, 4], &x.slice(s![..;-1, 0]).unwrap())
        .unwrap();
    assert_eq!(
        y.to_vec().unwrap(),
        vec![
            0, 1, 2, 3, 5, 5, 6, 7, 8, 15, 10, 11, 12, 13, 10, 15, 16, 17, 18, 0
        ]
    );
    // np.add.at(z, I.T, np.arange(6).reshape(2, 3).T)
    let z = Array::<i64>::zeros(&d, [5]).unwrap();
    let v = Array::<i64>::arange(&d, 0, 6, 1)
        .unwrap()
        .reshape([2, 3])
        .unwrap();
    z.add_at(idx![&i.t()], &v.t()).unwrap();
    assert_eq!(z.to_vec().unwrap(), vec![2, 1, 7, 0, 5]);
}

/// A gather copies nothing first and makes one array: indexing a
/// transposed, stepped view allocates the result (and its int32 offset
/// array for host indices) and nothing of the source's size.
#[test]
fn gather_reads_views_in_place() {
    let d = private();
    let x = Array::<f32>::zeros(&d, [512, 512]).unwrap();
    let v = x.t().slice(s![..;-2]).unwrap(); // (256, 512), transposed, stepped
    let ids = Array::<i64>::from_slice(&d, &[0, 255, 3], [3]).unwrap();
    d.synchronize().unwrap();
    let before = d.allocated_bytes();
    let y = v.index(idx![&ids]).unwrap();
    d.synchronize().unwrap();
    assert_eq!(y.shape(), &[3, 512]);
    assert!(
        d.allocated_bytes() - before < 3 * 512 * 4 + 4096,
        "{} bytes",
        d.allocated_bytes() - before
    );
}
