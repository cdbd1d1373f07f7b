//! Bounded fuzzing of the `.npy` header parser (`NpyHeader::parse`) with a
//! fixed seed: random bytes, valid headers with random mutations and
//! truncations, and random dict texts. Nothing may panic, and every header
//! accepted must be self-consistent: `data_len` is the shape's product times
//! the item size, the data starts after the header, and NumPy's header for
//! it (`to_bytes`) parses back to the same dtype, order and shape. A few
//! hundred mutated files also go through `load_npy_bytes` on the device.

mod common;

use ndgpu::io::{self, NpyHeader};
use ndgpu::{DType, Error};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

const DTYPES: [DType; 12] = DType::ALL;

fn runner(cases: u32) -> TestRunner {
    TestRunner::new_with_rng(
        Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    )
}

/// Parses `bytes`; on success checks the header's consistency; on failure
/// checks the error is `Format` naming the call.
fn check(bytes: &[u8]) -> std::result::Result<(), TestCaseError> {
    match NpyHeader::parse(bytes) {
        Ok(h) => {
            let n = h
                .shape
                .iter()
                .try_fold(h.dtype.itemsize() as u64, |a, &d| a.checked_mul(d as u64));
            prop_assert_eq!(Some(h.data_len), n);
            prop_assert!(h.data_offset <= bytes.len() as u64);
            prop_assert!(h.shape.len() <= 64);
            prop_assert!(!h.big_endian || h.dtype.itemsize() > 1);
            let again =
                NpyHeader::parse(&h.to_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(
                (
                    again.dtype,
                    again.fortran_order,
                    &again.shape,
                    again.data_len,
                    again.version
                ),
                (h.dtype, h.fortran_order, &h.shape, h.data_len, (1, 0))
            );
            prop_assert_eq!(again.data_offset % 64, 0);
        }
        Err(Error::Format {
            op: "NpyHeader::parse",
            ..
        }) => {}
        Err(e) => prop_assert!(false, "not a Format error: {e:?}"),
    }
    Ok(())
}

fn valid_header() -> impl Strategy<Value = Vec<u8>> {
    (
        0..12usize,
        any::<bool>(),
        prop::collection::vec(0..40usize, 0..6),
    )
        .prop_map(|(k, f, shape)| NpyHeader::format(DTYPES[k], f, &shape))
}

#[test]
fn random_bytes() {
    runner(1500)
        .run(&prop::collection::vec(any::<u8>(), 0..300), |b| check(&b))
        .unwrap();
    // With the magic and a plausible version and length in front.
    let prefixed = (0..4u8, prop::collection::vec(any::<u8>(), 0..200)).prop_map(|(v, tail)| {
        let mut b = b"\x93NUMPY".to_vec();
        b.extend_from_slice(&[v, 0]);
        b.extend_from_slice(&(tail.len() as u32).to_le_bytes());
        b.extend_from_slice(&tail);
        b
    });
    runner(500).run(&prefixed, |b| check(&b)).unwrap();
}

#[test]
fn mutated_and_truncated_headers() {
    let mutated = (
        valid_header(),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
    )
        .prop_map(|(mut b, edits)| {
            for (at, byte) in edits {
                let i = at.index(b.len());
                b[i] = byte;
            }
            b
        });
    runner(1000).run(&mutated, |b| check(&b)).unwrap();
    // Unmutated, with lengths up to 2^40 (overflowing products refused).
    let big = (
        0..12usize,
        any::<bool>(),
        prop::collection::vec(0..(1usize << 40), 0..5),
    );
    runner(500)
        .run(&big, |(k, f, shape)| {
            check(&NpyHeader::format(DTYPES[k], f, &shape))
        })
        .unwrap();
    let truncated = (valid_header(), any::<prop::sample::Index>())
        .prop_map(|(b, at)| b[..at.index(b.len())].to_vec());
    runner(500).run(&truncated, |b| check(&b)).unwrap();
}

/// Pieces of dict text: right and wrong keys, values and punctuation.
fn token() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "{",
        "}",
        "(",
        ")",
        ",",
        ":",
        " ",
        "'descr'",
        "\"descr\"",
        "'fortran_order'",
        "'shape'",
        "'<f4'",
        "'>i2'",
        "'|b1'",
        "'<c8'",
        "'?'",
        "True",
        "False",
        "None",
        "0",
        "3",
        "17L",
        "18446744073709551615",
        "99999999999999999999",
        "-1",
        "'",
        "\"",
        "[",
        "]",
        "\n",
        "1.5",
        "'x'",
    ])
}

#[test]
fn random_dict_texts() {
    let texts = prop::collection::vec(token(), 0..24).prop_map(|t| t.concat());
    let to_file = |text: String, version: u8| {
        let mut b = b"\x93NUMPY".to_vec();
        b.extend_from_slice(&[version, 0]);
        if version == 1 {
            b.extend_from_slice(&(text.len() as u16).to_le_bytes());
        } else {
            b.extend_from_slice(&(text.len() as u32).to_le_bytes());
        }
        b.extend_from_slice(text.as_bytes());
        b
    };
    runner(1000)
        .run(&(texts, 1..4u8), |(t, v)| check(&to_file(t, v)))
        .unwrap();
    // Well-formed dicts with random values in random key order.
    let descr = prop::sample::select(vec![
        "'<f4'", "'>f8'", "'|b1'", "'?'", "'=u2'", "'<i8'", "'|u1'", "'>i2'", "'<c8'", "'|O'",
        "\"<f2\"", "3", "True",
    ]);
    let order = prop::sample::select(vec!["True", "False", "None", "0", "'False'"]);
    let dict = (
        descr,
        order,
        prop::collection::vec(
            prop::sample::select(vec!["0", "1", "7", "3L", "4294967296"]),
            0..5,
        ),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(d, f, shape, order)| {
            let shape = match shape.len() {
                1 => format!("({},)", shape[0]),
                _ => format!("({})", shape.join(", ")),
            };
            let mut items = [
                format!("'descr': {d}"),
                format!("'fortran_order': {f}"),
                format!("'shape': {shape}"),
            ];
            items.rotate_left(order.index(3));
            format!("{{{}, }}", items.join(", "))
        });
    runner(1000)
        .run(&(dict, 1..4u8), |(t, v)| check(&to_file(t, v)))
        .unwrap();
}

#[test]
fn mutated_files_through_the_device() {
    let d = common::dev();
    let file = (
        0..12usize,
        any::<bool>(),
        prop::collection::vec(0..5usize, 0..4),
    )
        .prop_map(|(k, f, shape)| {
            let mut b = NpyHeader::format(DTYPES[k], f, &shape);
            let n: usize = shape.iter().product::<usize>() * DTYPES[k].itemsize();
            b.extend((0..n).map(|i| (i % 2) as u8));
            b
        });
    let edits = prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..3);
    let mutated =
        (file, edits, 0..4u8, any::<prop::sample::Index>()).prop_map(|(mut b, edits, cut, at)| {
            for (i, byte) in edits {
                let i = i.index(b.len());
                b[i] = byte;
            }
            // Keep most files whole; cut one in four.
            if cut == 0 {
                b.truncate(at.index(b.len()));
            }
            b
        });
    runner(300)
        .run(&mutated, |b| match NpyHeader::parse(&b).map(|h| h.dtype) {
            Ok(DType::Bool) => on_device::<bool>(&d, &b),
            Ok(DType::I8) => on_device::<i8>(&d, &b),
            Ok(DType::I16) => on_device::<i16>(&d, &b),
            Ok(DType::U16) => on_device::<u16>(&d, &b),
            Ok(DType::F16) => on_device::<half::f16>(&d, &b),
            Ok(DType::I32) => on_device::<i32>(&d, &b),
            Ok(DType::U32) => on_device::<u32>(&d, &b),
            Ok(DType::F32) => on_device::<f32>(&d, &b),
            Ok(DType::I64) => on_device::<i64>(&d, &b),
            Ok(DType::U64) => on_device::<u64>(&d, &b),
            Ok(DType::F64) => on_device::<f64>(&d, &b),
            _ => on_device::<u8>(&d, &b),
        })
        .unwrap();
}

/// Loads `b` as `T`: an array whose bytes are the file's data, or a
/// `Format` error (a mismatch only for a header that does not parse).
fn on_device<T: ndgpu::Element>(
    d: &ndgpu::Device,
    b: &[u8],
) -> std::result::Result<(), TestCaseError> {
    match io::load_npy_bytes::<T>(d, b) {
        Ok(a) => {
            let h = NpyHeader::parse(b).unwrap();
            prop_assert_eq!(a.shape(), &h.shape[..]);
            let order = if h.fortran_order {
                ndgpu::Order::F
            } else {
                ndgpu::Order::C
            };
            let mut data = b[h.data_offset as usize..][..h.data_len as usize].to_vec();
            if h.big_endian {
                for e in data.chunks_mut(h.dtype.itemsize()) {
                    e.reverse();
                }
            }
            prop_assert_eq!(a.to_bytes_order(order).unwrap(), data);
        }
        Err(Error::Format {
            op: "load_npy_bytes",
            ..
        }) => {}
        Err(e) => prop_assert!(false, "{e:?}"),
    }
    Ok(())
}
