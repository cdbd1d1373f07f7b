//! Advanced (integer-array) indexing on the device against NumPy: the
//! table in `tests/fixtures/advanced_index.txt` (written by the committed
//! `advanced_index.py` from NumPy 2.4.6) gives, for strided views of one
//! 1000-element buffer (contiguous, transposed, stepped with a negative
//! stride and an offset, broadcast with a zero stride, empty, 0-d), the
//! result shape and the buffer index of every element read, or NumPy's
//! error. Every dtype is gathered through it with host indices, and the
//! device index types (int64, int32, uint32) with out-of-range indices
//! reported at the next read-back. Scatter, `+=` and `add_at` are in
//! `tests/indexing_scatter.rs`.

mod common;
#[path = "common/advanced_fixture.rs"]
mod fixture;

use common::dev;
use fixture::*;
use half::f16;
use ndgpu::{Array, DType, Element, Error, Index, IndexArray, SliceArg, idx, s};

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
