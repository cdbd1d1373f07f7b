//! Layouts at the edges of the integers, on the device: `as_strided` with
//! NumPy's meaning (relative to the view's first element, bounded by the
//! whole buffer's elements, packed types' padding excluded), NumPy's size
//! limit on every way a shape enters, and random extreme `as_strided`
//! layouts checked against the CPU walker. `.ci/run` also runs this in a
//! debug build, where an unchecked overflow would panic.

mod common;

use common::dev;
use ndgpu::{Array, Element, Error, s};
use proptest::prelude::*;

const BIG: isize = 1 << 62;

/// The issue's case: `as_strided` on a 10-element buffer with shape [5] and
/// strides [2^62 + 1]. The last element, 4 * (2^62 + 1), is far outside the
/// buffer (wrapped to 64 bits it was 4, and `fill(-1)` overwrote x[0..5]).
#[test]
fn issue_as_strided_2_pow_62_plus_1_is_refused_and_writes_nothing() {
    let d = dev();
    let x = Array::<i32>::arange(&d, 0, 10, 1).unwrap();
    let e = x.as_strided(&[5], &[BIG + 1], 0).unwrap_err();
    assert_eq!(
        e,
        Error::ViewOutOfBuffer {
            op: "as_strided",
            reach: 4 * (BIG as i128 + 1),
            len: 10
        }
    );
    assert_eq!(
        e.to_string(),
        "as_strided: view reaches element 18446744073709551620 but the buffer holds 10 elements"
    );
    // The same through a view's origin, negative, and 2-D.
    let tail = x.slice(&s![5..]).unwrap();
    assert!(tail.as_strided(&[5], &[-(BIG + 1)], 0).is_err());
    assert!(x.as_strided(&[2, 5], &[BIG + 1, 1], 0).is_err());
    assert!(x.as_strided(&[3], &[isize::MAX], 0).is_err());
    assert!(x.as_strided(&[2], &[isize::MIN + 1], 9).is_err());
    // Nothing was written anywhere.
    assert_eq!(x.to_vec().unwrap(), (0..10).collect::<Vec<i32>>());
    // A stride on a length-1 axis is never used: allowed, as in NumPy
    // (as_strided(x, (1, 5), (2**62, 4)) reads x[0:5]), as long as it fits
    // in bytes (4 * (2^62 + 1) does not).
    assert!(matches!(
        x.as_strided(&[1, 5], &[BIG + 1, 1], 0),
        Err(Error::LayoutOverflow { .. })
    ));
    let v = x.as_strided(&[1, 5], &[BIG / 4, 1], 0).unwrap();
    assert_eq!(v.strides_bytes(), [BIG, 4]);
    assert_eq!(v.to_vec().unwrap(), [0, 1, 2, 3, 4]);
    v.fill(-1).unwrap();
    assert_eq!(x.to_vec().unwrap(), [-1, -1, -1, -1, -1, 5, 6, 7, 8, 9]);
}

/// NumPy: `as_strided(x[1:], (2, 4), (16, 4))` with `x = np.arange(12,
/// dtype=np.int32)` is `[[1, 2, 3, 4], [5, 6, 7, 8]]`: the view starts at
/// x[1:]'s first element.
#[test]
fn as_strided_starts_at_the_views_first_element() {
    let d = dev();
    let x = Array::<i32>::arange(&d, 0, 12, 1).unwrap();
    let v = x
        .slice(&s![1..])
        .unwrap()
        .as_strided(&[2, 4], &[4, 1], 0)
        .unwrap();
    assert_eq!(v.to_vec().unwrap(), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(v.offset(), 1);
    assert!(v.is_view_of(&x));
    // From a reversed view: as_strided(x[::-1], (3,), (-4,)) is [11, 10, 9]
    // in NumPy (its first element is x[11]; the strides are the caller's).
    let r = x.slice(&s![..;-1]).unwrap();
    assert_eq!(
        r.as_strided(&[3], &[-1], 0).unwrap().to_vec().unwrap(),
        [11, 10, 9]
    );
    // From a 2-D slice: as_strided(x.reshape(3, 4)[1:, 2:], (2,), (4,)) is [6, 7].
    let m = x.reshape(&[3, 4]).unwrap().slice(&s![1.., 2..]).unwrap();
    assert_eq!(
        m.as_strided(&[2], &[1], 0).unwrap().to_vec().unwrap(),
        [6, 7]
    );
}

/// A negative offset reaches back before the view's first element, still
/// inside the buffer: as_strided(x[4:], ...) can read x[0] (NumPy allows it
/// with a negative stride, e.g. as_strided(x[4:], (5,), (-4,)) is
/// [4, 3, 2, 1, 0]).
#[test]
fn negative_offsets_reach_back_within_the_buffer() {
    let d = dev();
    let x = Array::<i32>::arange(&d, 0, 12, 1).unwrap();
    let v = x.slice(&s![4..]).unwrap();
    assert_eq!(
        v.as_strided(&[5], &[-1], 0).unwrap().to_vec().unwrap(),
        [4, 3, 2, 1, 0]
    );
    assert_eq!(
        v.as_strided(&[3], &[1], -4).unwrap().to_vec().unwrap(),
        [0, 1, 2]
    );
    assert_eq!(
        v.as_strided(&[2, 2], &[4, 1], -3)
            .unwrap()
            .to_vec()
            .unwrap(),
        [1, 2, 5, 6]
    );
    // one more step back is outside the buffer
    assert_eq!(
        v.as_strided(&[3], &[1], -5).unwrap_err(),
        Error::ViewOutOfBuffer {
            op: "as_strided",
            reach: -1,
            len: 12
        }
    );
    assert_eq!(
        v.as_strided(&[6], &[-1], 0).unwrap_err(),
        Error::ViewOutOfBuffer {
            op: "as_strided",
            reach: -1,
            len: 12
        }
    );
    // offsets at the extremes of isize are errors, not overflows
    assert!(v.as_strided(&[1], &[1], isize::MIN).is_err());
    assert!(v.as_strided(&[1], &[1], isize::MAX).is_err());
    assert!(v.as_strided(&[2], &[isize::MAX], isize::MIN).is_err());
}

/// The bound is the whole buffer, not the view: a slice can be widened
/// back to every element of its owner, and no further.
#[test]
fn the_bound_is_the_whole_buffer() {
    let d = dev();
    let x = Array::<i32>::arange(&d, 0, 12, 1).unwrap();
    let head = x.slice(&s![..2]).unwrap();
    let all = head.as_strided(&[12], &[1], 0).unwrap();
    assert_eq!(all.to_vec().unwrap(), (0..12).collect::<Vec<i32>>());
    assert_eq!(
        head.as_strided(&[13], &[1], 0).unwrap_err(),
        Error::ViewOutOfBuffer {
            op: "as_strided",
            reach: 12,
            len: 12
        }
    );
    let mid = x.slice(&s![5..6]).unwrap();
    assert_eq!(
        mid.as_strided(&[2], &[6], -5).unwrap().to_vec().unwrap(),
        [0, 6]
    );
    assert!(mid.as_strided(&[2], &[12], -5).is_err());
    // An empty array's buffer holds no element (it is still 4 bytes long).
    let e = Array::<f32>::zeros(&d, &[0]).unwrap();
    assert_eq!(
        e.as_strided(&[1], &[1], 0).unwrap_err(),
        Error::ViewOutOfBuffer {
            op: "as_strided",
            reach: 0,
            len: 0
        }
    );
    assert_eq!(e.as_strided(&[0, 3], &[1, 1], 0).unwrap().shape(), &[0, 3]);
}

/// 1- and 2-byte types are packed into 4-byte words, so a buffer of 5 u8
/// is 8 bytes long; the 3 padding bytes are not elements.
fn packed_padding_is_not_an_element<T: Element>(n: usize) {
    let d = dev();
    let host: Vec<T> = (0..n).map(|i| T::from_f64(i as f64 + 1.0)).collect();
    let x = Array::from_slice(&d, &host, &[n]).unwrap();
    assert!(
        x.buffer_nbytes() as usize > n * x.itemsize(),
        "{}: padded",
        T::DTYPE
    );
    assert_eq!(x.as_strided(&[n], &[1], 0).unwrap().to_vec().unwrap(), host);
    assert_eq!(
        x.as_strided(&[n + 1], &[1], 0).unwrap_err(),
        Error::ViewOutOfBuffer {
            op: "as_strided",
            reach: n as i128,
            len: n
        },
        "{}",
        T::DTYPE
    );
    let last = x.slice(&s![-1..]).unwrap();
    assert!(last.as_strided(&[1], &[1], 1).is_err(), "{}", T::DTYPE);
    let back = 1 - n as isize; // from the last element back to the first
    let all = last.as_strided(&[n], &[1], back).unwrap();
    assert_eq!(all.to_vec().unwrap(), host, "{}", T::DTYPE);
}

#[test]
fn packed_types_stop_at_their_last_element() {
    packed_padding_is_not_an_element::<u8>(5);
    packed_padding_is_not_an_element::<i8>(7);
    packed_padding_is_not_an_element::<bool>(1);
    packed_padding_is_not_an_element::<i16>(3);
    packed_padding_is_not_an_element::<u16>(1);
    packed_padding_is_not_an_element::<half::f16>(5);
    // zeros() allocates the same way
    let d = dev();
    let z = Array::<u8>::zeros(&d, &[2, 3]).unwrap();
    assert!(z.as_strided(&[7], &[1], 0).is_err());
    assert!(z.as_strided(&[6], &[1], 0).is_ok());
}

/// NumPy's "array is too big; `arr.size * arr.dtype.itemsize` is larger
/// than the maximum possible size": np.empty((0, sys.maxsize), np.int8) is
/// fine, np.empty((0, sys.maxsize, 2), np.int8), np.empty((0, 2**61),
/// np.int32) and np.empty((2**31, 2**31, 2), np.int8) raise ValueError.
#[test]
fn shapes_are_refused_as_numpy_refuses_them() {
    let d = dev();
    let max = isize::MAX as usize;
    let too_big = |r: Result<(), Error>| matches!(r, Err(Error::TooBig { .. }));
    assert!(too_big(
        Array::<i8>::zeros(&d, &[0, usize::MAX]).map(|_| ())
    ));
    assert!(too_big(Array::<i8>::zeros(&d, &[0, max, 2]).map(|_| ())));
    assert!(too_big(Array::<i32>::zeros(&d, &[0, 1 << 61]).map(|_| ())));
    assert!(too_big(
        Array::<i8>::zeros(&d, &[1 << 31, 1 << 31, 2]).map(|_| ())
    ));
    assert!(too_big(
        Array::<f32>::full(&d, &[0, 1 << 62], 1.0).map(|_| ())
    ));
    assert!(too_big(
        Array::<f32>::from_slice(&d, &[], &[0, 1 << 62]).map(|_| ())
    ));
    let e = Array::<i8>::zeros(&d, &[0, max, 2]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "zeros: array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum \
         possible size (shape (0, 9223372036854775807, 2), itemsize 1)"
    );

    // (0, isize::MAX) of a 1-byte type is a valid empty array; every view
    // and copy of it works and touches nothing.
    let z = Array::<i8>::zeros(&d, &[0, max]).unwrap();
    assert_eq!(z.size(), 0);
    assert_eq!(z.to_vec().unwrap(), Vec::<i8>::new());
    assert_eq!(z.t().shape(), &[max, 0]);
    assert_eq!(z.flip(1).unwrap().shape(), &[0, max]);
    assert_eq!(z.slice(&s![.., 5..]).unwrap().shape(), &[0, max - 5]);
    assert_eq!(z.expand_dims(0).unwrap().shape(), &[1, 0, max]);
    assert_eq!(z.reshape(&[-1]).unwrap().shape(), &[0]);
    assert_eq!(z.copy().unwrap().shape(), &[0, max]);
    z.fill(3).unwrap();
    // ... but not as a wider type, nor stretched further
    assert!(too_big(z.reshape(&[0, max as isize, 2]).map(|_| ())));
    let mut w = z.clone();
    assert!(too_big(w.set_shape(&[0, 2, max as isize])));
    let one = Array::<i32>::zeros(&d, &[1]).unwrap();
    assert!(too_big(one.broadcast_to(&[0, max]).map(|_| ())));
    assert!(one.broadcast_to(&[0, max / 4]).is_ok());
    assert!(too_big(one.as_strided(&[0, max], &[0, 0], 0).map(|_| ())));
    let zf = Array::<f32>::zeros(&d, &[0]).unwrap();
    assert!(too_big(zf.reshape(&[0, 1 << 62]).map(|_| ())));
    assert!(zf.reshape(&[0, 1 << 60]).is_ok());
}

/// Byte strides must fit an isize, so `strides_bytes` is exact: an 8-byte
/// element stride of 2^61 is 2^64 bytes.
#[test]
fn byte_strides_fit() {
    let d = dev();
    let x = Array::<f64>::zeros(&d, &[4]).unwrap();
    assert!(matches!(
        x.as_strided(&[1, 4], &[1 << 61, 1], 0),
        Err(Error::LayoutOverflow { .. })
    ));
    let v = x.as_strided(&[1, 4], &[1 << 59, 1], 0).unwrap();
    assert_eq!(v.strides_bytes(), [1 << 62, 8]);
    assert_eq!(v.to_vec().unwrap(), [0.0; 4]);
    // an empty view's offset and walk count too
    assert!(x.as_strided(&[0, 3], &[1, 1 << 61], 0).is_err());
    assert!(x.as_strided(&[0, 3], &[1, 1 << 58], 0).is_ok());
}

/// Strides far apart in a buffer past the 128 MiB storage binding limit:
/// the launch splits until each binding's window fits, and the strides in
/// the kernel metadata stay exact.
#[test]
fn large_strides_past_the_binding_limit() {
    let d = dev();
    let n = 200_000_000usize;
    let x = Array::<u8>::zeros(&d, &[n]).unwrap();
    assert!(x.nbytes() as u64 > d.info().max_storage_buffer_binding_size);
    let stride = (n / 2 - 1) as isize; // 99_999_999 bytes apart
    let v = x.as_strided(&[3, 2], &[stride, 1], 0).unwrap();
    for (k, at) in [0isize, 1, stride, stride + 1, 2 * stride, 2 * stride + 1]
        .iter()
        .enumerate()
    {
        x.set(&[*at], k as u8 + 1).unwrap();
    }
    assert_eq!(v.to_vec().unwrap(), [1, 2, 3, 4, 5, 6]);
    // and writes: reversed, through the same far-apart elements
    let r = x
        .as_strided(&[3, 2], &[-stride, -1], 2 * stride + 1)
        .unwrap();
    r.assign(&Array::from_slice(&d, &[10u8, 20, 30, 40, 50, 60], &[3, 2]).unwrap())
        .unwrap();
    assert_eq!(v.to_vec().unwrap(), [60, 50, 40, 30, 20, 10]);
    assert_eq!(
        (&v + 1u8).unwrap().to_vec().unwrap(),
        [61, 51, 41, 31, 21, 11]
    );
}

// ---- random extreme layouts against the CPU walker ---------------------------------

fn extreme_len() -> impl Strategy<Value = usize> {
    prop_oneof![
        6 => 0usize..=4,
        1 => prop::sample::select(vec![1usize << 31, 1 << 62, isize::MAX as usize, usize::MAX]),
    ]
}

fn extreme_stride() -> impl Strategy<Value = isize> {
    prop_oneof![
        6 => -7isize..=7,
        1 => prop::sample::select(vec![
            1 << 31,
            -(1 << 31),
            BIG,
            -BIG,
            BIG + 1,
            -(BIG + 1),
            isize::MAX,
            isize::MIN,
            isize::MIN + 1,
        ]),
        1 => any::<isize>(),
    ]
}

fn extreme_offset() -> impl Strategy<Value = isize> {
    prop_oneof![
        6 => -24isize..=24,
        1 => prop::sample::select(vec![isize::MIN, isize::MIN + 1, isize::MAX, -BIG, BIG]),
    ]
}

/// Views of `parent` from `as_strided` on a view of it that starts at
/// `origin`: an error of the expected kinds, or a view whose reads, writes
/// and overlap answers match the CPU walker.
fn check_as_strided<T: Element>(
    host: &[T],
    origin: usize,
    shape: &[usize],
    strides: &[isize],
    offset: isize,
) -> std::result::Result<(), TestCaseError> {
    let d = dev();
    let parent = Array::from_slice(&d, host, &[host.len()]).unwrap();
    let base = parent.slice(&s![origin as isize..]).unwrap();
    match base.as_strided(shape, strides, offset) {
        Ok(v) => {
            if v.size() > 4096 {
                // Only a view whose elements repeat fits a 24-element
                // buffer with this many; reading it back is a test of
                // memory, not of layouts.
                prop_assert!(!v.is_writeable(), "{:?}", v);
                prop_assert_eq!(v.offset() as isize, origin as isize + offset);
                return Ok(());
            }
            let idx = v.layout().indices();
            for &i in &idx {
                prop_assert!(i >= 0 && (i as usize) < host.len(), "{:?} reaches {}", v, i);
            }
            prop_assert_eq!(v.offset() as isize, origin as isize + offset);
            let want: Vec<T> = idx.iter().map(|&i| host[i as usize]).collect();
            prop_assert_eq!(v.to_vec().unwrap(), want);
            let touches = !idx.is_empty();
            prop_assert_eq!(v.shares_memory(&parent).unwrap_or(true), touches);
            if v.is_writeable() {
                v.fill(T::ONE).unwrap();
                let mut expect = host.to_vec();
                for &i in &idx {
                    expect[i as usize] = T::ONE;
                }
                prop_assert_eq!(parent.to_vec().unwrap(), expect);
            } else {
                let refused = matches!(v.fill(T::ONE), Err(Error::ReadOnly { .. }));
                prop_assert!(refused);
            }
        }
        Err(e) => {
            let expected = matches!(
                e,
                Error::ViewOutOfBuffer { .. }
                    | Error::TooBig { .. }
                    | Error::LayoutOverflow { .. }
                    | Error::InvalidLayout { .. }
            );
            prop_assert!(expected, "{:?}", e);
            // Refused means nothing could have been read or written, and the
            // exact walk (in i128) really leaves the buffer or the integers.
            if let Error::ViewOutOfBuffer { reach, .. } = e {
                prop_assert!(reach < 0 || reach >= host.len() as i128, "{:?}", e);
            }
            prop_assert_eq!(parent.to_vec().unwrap(), host.to_vec());
        }
    }
    Ok(())
}

/// Mostly the offset that puts the walk's lowest index a little above the
/// buffer's start (so that many views are valid), else `offset`.
fn aim(
    origin: usize,
    shape: &[usize],
    strides: &[isize],
    offset: isize,
    slack: isize,
    aim: bool,
) -> isize {
    let lo: i128 = shape
        .iter()
        .zip(strides)
        .map(|(&n, &s)| (s as i128 * (n.max(1) - 1) as i128).min(0))
        .sum();
    match isize::try_from(-lo - origin as i128 + slack as i128) {
        Ok(o) if aim => o,
        _ => offset,
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 400,
        rng_seed: proptest::test_runner::RngSeed::Fixed(62),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_as_strided_i32(
        origin in 0usize..=23,
        parts in (0usize..=3).prop_flat_map(|nd| (
            prop::collection::vec(extreme_len(), nd),
            prop::collection::vec(extreme_stride(), nd),
        )),
        offset in extreme_offset(),
        slack in 0isize..=6,
        aimed in any::<bool>(),
    ) {
        let offset = aim(origin, &parts.0, &parts.1, offset, slack, aimed);
        let host: Vec<i32> = (100..124).collect();
        check_as_strided(&host, origin, &parts.0, &parts.1, offset)?;
    }

    /// A packed type with padding after its last element (23 u8 in 24 bytes).
    #[test]
    fn random_as_strided_u8(
        origin in 0usize..=22,
        parts in (0usize..=3).prop_flat_map(|nd| (
            prop::collection::vec(extreme_len(), nd),
            prop::collection::vec(extreme_stride(), nd),
        )),
        offset in extreme_offset(),
        slack in 0isize..=6,
        aimed in any::<bool>(),
    ) {
        let offset = aim(origin, &parts.0, &parts.1, offset, slack, aimed);
        let host: Vec<u8> = (100..123).collect();
        check_as_strided(&host, origin, &parts.0, &parts.1, offset)?;
    }
}
