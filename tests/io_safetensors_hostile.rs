//! Hostile safetensors files: every malformed header is an `Error::Format`
//! naming what is wrong (never a panic, never an allocation sized by the
//! header), tensors whose data ndgpu cannot take are refused at load time,
//! and a bounded fuzz (fixed seed) over random bytes and mutated valid
//! files checks that whatever parses loads consistently.

mod common;

use common::dev;
use half::f16;
use ndgpu::io::SafeTensorsFile;
use ndgpu::{DType, Element, Error, s};
use proptest::prelude::*;

/// A file: the header's length, the header, the data.
fn file(header: &str, data: &[u8]) -> Vec<u8> {
    let mut v = (header.len() as u64).to_le_bytes().to_vec();
    v.extend_from_slice(header.as_bytes());
    v.extend_from_slice(data);
    v
}

/// The reason of the `Format` error `from_bytes` must return.
#[track_caller]
fn refused(bytes: Vec<u8>) -> String {
    match SafeTensorsFile::from_bytes(bytes).unwrap_err() {
        Error::Format { op, path, reason } => {
            assert_eq!(op, "SafeTensorsFile::from_bytes");
            assert_eq!(path, "<bytes>");
            reason
        }
        e => panic!("{e:?}"),
    }
}

#[track_caller]
fn refused_with(bytes: Vec<u8>, want: &str) {
    let reason = refused(bytes);
    assert!(reason.contains(want), "{reason:?} lacks {want:?}");
}

#[test]
fn short_and_lying_lengths() {
    refused_with(
        vec![],
        "the file has 0 bytes, fewer than the 8-byte header length",
    );
    refused_with(vec![1; 7], "the file has 7 bytes");
    let mut v = 1000u64.to_le_bytes().to_vec();
    v.extend_from_slice(b"{}        ");
    refused_with(v, "header length 1000 bytes, but only 10 bytes follow");
    // Absurd lengths are refused before anything is read or allocated.
    for n in [u64::MAX, 1 << 40, 100_000_001] {
        let mut v = n.to_le_bytes().to_vec();
        v.extend_from_slice(b"{}");
        refused_with(v, "over the format's limit of 100000000 bytes");
    }
}

#[test]
fn malformed_json() {
    refused_with(file("{not json}", &[]), "invalid header");
    refused_with(file("[]", &[]), "invalid header");
    refused_with(file("", &[]), "invalid header");
    refused_with(file("{}\0\0", &[]), "invalid header");
    let mut bad = file("{}", &[]);
    bad[8] = 0xff;
    refused_with(bad, "header is not UTF-8");
    // Unknown dtype, negative or huge numbers, wrong types.
    for h in [
        r#"{"a":{"dtype":"Q7","shape":[1],"data_offsets":[0,1]}}"#,
        r#"{"a":{"dtype":"U8","shape":[-1],"data_offsets":[0,1]}}"#,
        r#"{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1e30]}}"#,
        r#"{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,18446744073709551616]}}"#,
        r#"{"a":{"dtype":"U8","shape":1,"data_offsets":[0,1]}}"#,
        r#"{"a":{"dtype":"U8","shape":[1]}}"#,
        r#"{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1,2]}}"#,
        r#"{"__metadata__":{"k":1}}"#,
        r#"{"__metadata__":[]}"#,
        r#"{"a":7}"#,
    ] {
        refused_with(file(h, &[0]), "invalid header");
    }
    // Deep nesting hits serde_json's recursion limit, not the stack.
    let deep = format!(r#"{{"a":{}{}}}"#, "[".repeat(100_000), "]".repeat(100_000));
    refused_with(file(&deep, &[]), "invalid header");
}

#[test]
fn offsets_that_lie() {
    let f32x4 = r#"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#;
    refused_with(file(f32x4, &[0; 8]), "cover 16 bytes, but 8 bytes follow");
    refused_with(file(f32x4, &[0; 20]), "cover 16 bytes, but 20 bytes follow");
    // Overlapping, with a gap, backwards: safetensors' own check.
    for h in [
        r#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
        r#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}}"#,
        r#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#,
        r#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
    ] {
        refused_with(file(h, &[0; 20]), "invalid offset");
    }
    // Offsets that do not match shape * itemsize.
    refused_with(
        file(
            r#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#,
            &[0; 8],
        ),
        "invalid shape, data type, or offset",
    );
    // A shape whose element count overflows.
    refused_with(
        file(
            r#"{"a":{"dtype":"U8","shape":[4294967296,4294967296,2],"data_offsets":[0,0]}}"#,
            &[],
        ),
        "overflow",
    );
    refused_with(
        file(
            r#"{"a":{"dtype":"F64","shape":[4611686018427387904],"data_offsets":[0,0]}}"#,
            &[],
        ),
        "overflow",
    );
}

/// Eight tensors of 2^61 - 1 bytes each: their ranges end at 2^64 - 8, so
/// adding the header's size overflows (the safetensors crate's own
/// `read_metadata` panics here in a debug build).
#[test]
fn offsets_summing_past_u64() {
    let m = (1u64 << 61) - 1;
    let parts: Vec<String> = (0..8u64)
        .map(|i| {
            format!(
                r#""t{i}":{{"dtype":"U8","shape":[{m}],"data_offsets":[{},{}]}}"#,
                i * m,
                (i + 1) * m
            )
        })
        .collect();
    let h = format!("{{{}}}", parts.join(","));
    refused_with(
        file(&h, &[0; 16]),
        "cover 18446744073709551608 bytes, but 16 bytes follow",
    );
}

#[test]
fn tensors_ndgpu_cannot_take_fail_at_load() {
    let dev = dev();
    // NumPy's size rule (length-0 axes count as 1): a valid safetensors
    // file, a shape no array can have.
    let f = SafeTensorsFile::from_bytes(file(
        r#"{"big":{"dtype":"F32","shape":[0,4611686018427387904,4],"data_offsets":[0,0]}}"#,
        &[],
    ))
    .unwrap();
    assert_eq!(f.info("big").unwrap().shape, [0, 1 << 62, 4]);
    match f.load::<f32>(&dev, "big").unwrap_err() {
        Error::Format { op, path, reason } => {
            assert_eq!(op, "SafeTensorsFile::load");
            assert_eq!(path, "<bytes>: tensor \"big\"");
            assert!(reason.starts_with("shape cannot be held"), "{reason}");
        }
        e => panic!("{e:?}"),
    }
    // More axes than ndgpu has (64).
    let shape = vec!["1"; 65].join(",");
    let h = format!(r#"{{"deep":{{"dtype":"U8","shape":[{shape}],"data_offsets":[0,1]}}}}"#);
    let f = SafeTensorsFile::from_bytes(file(&h, &[7])).unwrap();
    assert!(matches!(
        f.load::<u8>(&dev, "deep").unwrap_err(),
        Error::Format { .. }
    ));
    // A BOOL byte that is not 0 or 1: refused where it is touched.
    let f = SafeTensorsFile::from_bytes(file(
        r#"{"b":{"dtype":"BOOL","shape":[4],"data_offsets":[0,4]}}"#,
        &[0, 1, 2, 1],
    ))
    .unwrap();
    match f.load::<bool>(&dev, "b").unwrap_err() {
        Error::Format { path, reason, .. } => {
            assert_eq!(path, "<bytes>: tensor \"b\"");
            assert!(reason.contains("byte 2 is 2"), "{reason}");
        }
        e => panic!("{e:?}"),
    }
    let ok = f.load_slice::<bool>(&dev, "b", s![..;3]).unwrap();
    assert_eq!(ok.to_vec().unwrap(), [false, true]);
    assert!(matches!(
        f.load_slice::<bool>(&dev, "b", s![1..3]).unwrap_err(),
        Error::Format {
            op: "SafeTensorsFile::load_slice",
            ..
        }
    ));
    // An empty header is a valid empty file.
    let f = SafeTensorsFile::from_bytes(file("{}      ", &[])).unwrap();
    assert!(f.is_empty());
}

// ----- fuzz ----------------------------------------------------------------

/// Loads tensor `name` as `T` and checks it against the file's bytes.
fn load_as<T: Element>(f: &SafeTensorsFile, raw: &[u8], data_start: usize, name: &str) {
    let info = f.info(name).unwrap();
    match f.load::<T>(&dev(), name) {
        Ok(a) => {
            assert_eq!(a.shape(), info.shape);
            let (b, e) = (info.data_offsets.0 as usize, info.data_offsets.1 as usize);
            assert_eq!(a.to_bytes().unwrap(), &raw[data_start + b..data_start + e]);
            // A stepped slice of the first axis agrees with the whole.
            if !info.shape.is_empty() {
                let s = f.load_slice::<T>(&dev(), name, s![..;-2]).unwrap();
                let w = a.slice(s![..;-2]).unwrap();
                assert_eq!(s.to_bytes().unwrap(), w.to_bytes().unwrap());
            }
        }
        // Shapes NumPy refuses, bool bytes other than 0/1.
        Err(Error::Format { .. }) => {}
        Err(e) => panic!("{name}: {e:?}"),
    }
    // Another dtype is refused.
    let other = if T::DTYPE == DType::U8 {
        f.load::<i8>(&dev(), name).unwrap_err()
    } else {
        f.load::<u8>(&dev(), name).unwrap_err()
    };
    assert!(matches!(other, Error::DTypeMismatch { .. }), "{other:?}");
}

/// Everything a parsed file offers, checked against its bytes.
fn exercise(bytes: Vec<u8>) {
    let raw = bytes.clone();
    let Ok(f) = SafeTensorsFile::from_bytes(bytes) else {
        return;
    };
    let n = u64::from_le_bytes(raw[..8].try_into().unwrap()) as usize;
    let data_start = 8 + n;
    let names = f.names();
    assert_eq!(names.len(), f.len());
    let mut end = 0u64;
    for name in &names {
        let info = f.info(name).unwrap();
        assert_eq!(info.data_offsets.0, end, "consecutive ranges");
        end = info.data_offsets.1;
        let Some(d) = info.dtype else {
            assert!(matches!(
                f.load::<f32>(&dev(), name).unwrap_err(),
                Error::Format { .. }
            ));
            continue;
        };
        let elems = info
            .shape
            .iter()
            .try_fold(1u64, |a, &b| a.checked_mul(b as u64));
        assert_eq!(elems.map(|n| n * d.itemsize() as u64), Some(info.nbytes()));
        match d {
            DType::Bool => load_as::<bool>(&f, &raw, data_start, name),
            DType::U8 => load_as::<u8>(&f, &raw, data_start, name),
            DType::I8 => load_as::<i8>(&f, &raw, data_start, name),
            DType::U16 => load_as::<u16>(&f, &raw, data_start, name),
            DType::I16 => load_as::<i16>(&f, &raw, data_start, name),
            DType::F16 => load_as::<f16>(&f, &raw, data_start, name),
            DType::U32 => load_as::<u32>(&f, &raw, data_start, name),
            DType::I32 => load_as::<i32>(&f, &raw, data_start, name),
            DType::F32 => load_as::<f32>(&f, &raw, data_start, name),
            DType::U64 => load_as::<u64>(&f, &raw, data_start, name),
            DType::I64 => load_as::<i64>(&f, &raw, data_start, name),
            DType::F64 => load_as::<f64>(&f, &raw, data_start, name),
        }
    }
    assert_eq!(
        data_start as u64 + end,
        raw.len() as u64,
        "ranges cover the data"
    );
}

fn seeds() -> Vec<Vec<u8>> {
    let fixture = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/safetensors/sample.safetensors"
    ))
    .unwrap();
    // A small file whose digits mutate into other valid shapes and offsets.
    let small = file(
        r#"{"a":{"dtype":"U8","shape":[2,3],"data_offsets":[0,6]},"b":{"dtype":"BOOL","shape":[2],"data_offsets":[6,8]}}"#,
        &[1, 2, 3, 4, 5, 6, 1, 0],
    );
    vec![fixture, small]
}

fn byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        any::<u8>(),
        prop::sample::select(b"0123456789[]{},:\" -".to_vec()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x5afe),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Random bytes, some behind a plausible header length.
    #[test]
    fn fuzz_random_bytes(len in prop::option::of(0u64..200), body in prop::collection::vec(byte(), 0..200)) {
        let mut v = len.map(|n| n.to_le_bytes().to_vec()).unwrap_or_default();
        v.extend(body);
        exercise(v);
    }

    /// Valid files with a few bytes replaced (anywhere, or only in the data
    /// so that the file stays valid and its tensors load), possibly
    /// truncated.
    #[test]
    fn fuzz_mutated_files(
        which in 0usize..2,
        in_data in any::<bool>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), byte()), 1..4),
        cut in prop::option::weighted(0.1, any::<prop::sample::Index>()),
    ) {
        let mut v = seeds().swap_remove(which);
        let from = if in_data {
            8 + u64::from_le_bytes(v[..8].try_into().unwrap()) as usize
        } else {
            0
        };
        for (at, b) in edits {
            let i = from + at.index(v.len() - from);
            v[i] = b;
        }
        if let Some(c) = cut {
            v.truncate(c.index(v.len()));
        }
        exercise(v);
    }
}
