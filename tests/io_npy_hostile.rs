//! Hostile `.npy` and `.npz` input: every malformed, truncated or lying
//! file gives the right `Error` variant naming the call, never a panic, and
//! nothing is allocated on the device by a size a header claims before the
//! file is known to hold it.

mod common;

use std::io::Write;
use std::path::PathBuf;

use common::dev;
use ndgpu::io::{self, NpyHeader, Npz};
use ndgpu::{DType, Device, Error};

fn scratch(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("ndgpu_io_hostile_{}_{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A version 1.0 file around the header text `dict` (unpadded) and `data`.
fn with_dict(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut v = b"\x93NUMPY\x01\x00".to_vec();
    v.extend_from_slice(&(dict.len() as u16).to_le_bytes());
    v.extend_from_slice(dict.as_bytes());
    v.extend_from_slice(data);
    v
}

fn f32_file(shape: &[usize], n: usize) -> Vec<u8> {
    let mut v = NpyHeader::format(DType::F32, false, shape);
    for i in 0..n {
        v.extend_from_slice(&(i as f32).to_le_bytes());
    }
    v
}

/// Loads `bytes` as a file (through `load_npy`) and from memory (through
/// `load_npy_bytes`) as f32, on a device of its own, asserting that both
/// fail with `Format` whose reason contains `want`, and that nothing is
/// left allocated or was uploaded.
fn refused(dir: &std::path::Path, label: &str, bytes: &[u8], want: &str) {
    let d = Device::new().unwrap();
    let path = dir.join(format!("{label}.npy"));
    std::fs::write(&path, bytes).unwrap();
    let file_err = io::load_npy::<f32>(&d, &path).unwrap_err();
    let mem_err = io::load_npy_bytes::<f32>(&d, bytes).unwrap_err();
    for (err, op) in [(file_err, "load_npy"), (mem_err, "load_npy_bytes")] {
        match &err {
            Error::Format { op: o, reason, .. } if *o == op && reason.contains(want) => {}
            other => panic!("{label} via {op}: want Format containing {want:?}, got {other:?}"),
        }
    }
    assert_eq!(d.allocated_bytes(), 0, "{label}");
    assert_eq!(d.transfer_stats().uploads, 0, "{label}");
}

#[test]
fn hostile_npy_files_are_format_errors() {
    let dir = scratch("npy");
    let good = f32_file(&[3, 5], 15);
    refused(&dir, "empty", b"", "truncated");
    refused(&dir, "magic", b"PK\x03\x04 not a npy file at all", "magic");
    refused(&dir, "magic_short", b"\x93NUM", "truncated");
    refused(&dir, "cut_header", &good[..50], "truncated header");
    refused(&dir, "cut_prefix", &good[..9], "truncated");
    let mut v = good.clone();
    v[6] = 9;
    refused(&dir, "version", &v, "version (9, 0)");
    // The length field claims more header than the file has.
    let mut v = good.clone();
    v[8..10].copy_from_slice(&5000u16.to_le_bytes());
    refused(
        &dir,
        "lying_header_len",
        &v,
        "truncated header: it claims 5000",
    );
    let mut v = good.clone();
    v[8..10].copy_from_slice(&u16::MAX.to_le_bytes());
    refused(&dir, "huge_header_len", &v, "max_header_size");
    // ... or less: the dict is cut.
    let mut v = good.clone();
    v[8..10].copy_from_slice(&30u16.to_le_bytes());
    refused(&dir, "short_header_len", &v, "not NumPy's dict");
    refused(
        &dir,
        "data_short",
        &f32_file(&[1000], 15),
        "the header says 4000 bytes of data (shape (1000,) of float32), the file holds 60",
    );
    // A claim of 2^40 elements in a tiny file: refused before allocating.
    refused(
        &dir,
        "huge_claim",
        &f32_file(&[1 << 20, 1 << 20], 3),
        "the file holds 12",
    );
    let dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296), }";
    refused(&dir, "overflow", &with_dict(dict, &[]), "overflows");
    let dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2305843009213693952,), }";
    refused(&dir, "too_big", &with_dict(dict, &[]), "maximum array size");
    for descr in ["<c8", "|O", "|S10", "<U3", "<M8[ns]", "|V8", "<f16"] {
        let dict = format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': (1,), }}");
        refused(
            &dir,
            "unsupported",
            &with_dict(&dict, &[0; 64]),
            &format!("unsupported dtype '{descr}'"),
        );
    }
    let dict = "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }";
    refused(&dir, "structured", &with_dict(dict, &[0; 4]), "structured");
    let dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1, }";
    refused(&dir, "extra_key", &with_dict(dict, &[0; 4]), "'extra'");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn wrong_type_missing_file_and_bad_bools() {
    let d = dev();
    let dir = scratch("misc");
    let path = dir.join("f32.npy");
    std::fs::write(&path, f32_file(&[2], 2)).unwrap();
    match io::load_npy::<i32>(&d, &path).unwrap_err() {
        Error::DTypeMismatch {
            op: "load_npy",
            requested: "int32",
            found,
            ..
        } => {
            assert_eq!(found, "float32")
        }
        other => panic!("{other:?}"),
    }
    match io::load_npy_bytes::<f64>(&d, &f32_file(&[2], 2)).unwrap_err() {
        Error::DTypeMismatch {
            op: "load_npy_bytes",
            requested: "float64",
            ..
        } => {}
        other => panic!("{other:?}"),
    }
    let missing = dir.join("nope.npy");
    for err in [
        io::load_npy::<f32>(&d, &missing).unwrap_err(),
        io::read_npy_header(&missing).unwrap_err(),
    ] {
        assert!(
            matches!(err, Error::Io { ref path, .. } if path.contains("nope.npy")),
            "{err:?}"
        );
    }
    let no_dir = dir.join("no/such/dir/out.npy");
    let a = ndgpu::Array::<f32>::zeros(&d, [2]).unwrap();
    match io::save_npy(&no_dir, &a).unwrap_err() {
        Error::Io {
            op: "save_npy",
            path,
            reason,
        } => {
            assert!(path.contains("out.npy") && reason.starts_with("creating"))
        }
        other => panic!("{other:?}"),
    }
    let mut b = NpyHeader::format(DType::Bool, false, &[4]);
    b.extend_from_slice(&[0, 1, 2, 1]);
    match io::load_npy_bytes::<bool>(&d, &b).unwrap_err() {
        Error::Format { reason, .. } => {
            assert!(reason.contains("bool element 2 is the byte 2"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    // Trailing bytes are ignored, as NumPy ignores them.
    let mut t = f32_file(&[2], 2);
    t.extend_from_slice(b"trailing");
    assert_eq!(
        io::load_npy_bytes::<f32>(&d, &t).unwrap().to_vec().unwrap(),
        vec![0.0, 1.0]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A zip archive of `(name, bytes, deflated)` entries.
fn zip_of(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes, deflated) in entries {
        let method = if *deflated {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        let o = zip::write::SimpleFileOptions::default().compression_method(method);
        w.start_file(*name, o).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Overwrites the sizes of the (single) entry: in its local header
/// (compressed at 18, size at 22) and its central directory record (20, 24).
fn patch_sizes(z: &mut [u8], compressed: Option<u32>, size: Option<u32>) {
    let find = |sig: &[u8]| z.windows(4).position(|w| w == sig).unwrap();
    let local = find(b"PK\x03\x04");
    let central = find(b"PK\x01\x02");
    for (base, c, s) in [(local, 18, 22), (central, 20, 24)] {
        if let Some(c_) = compressed {
            z[base + c..base + c + 4].copy_from_slice(&c_.to_le_bytes());
        }
        if let Some(s_) = size {
            z[base + s..base + s + 4].copy_from_slice(&s_.to_le_bytes());
        }
    }
}

fn npz_load_err(d: &Device, bytes: Vec<u8>, name: &str) -> Error {
    let mut z = match Npz::from_bytes(bytes) {
        Ok(z) => z,
        Err(e) => return e,
    };
    z.load::<f32>(d, name).unwrap_err()
}

fn format_reason(e: Error) -> String {
    match e {
        Error::Format { reason, .. } => reason,
        other => panic!("want Format, got {other:?}"),
    }
}

#[test]
fn hostile_npz_archives() {
    let d = Device::new().unwrap();
    let good = f32_file(&[3, 5], 15);
    // Not a zip at all, and a cut one.
    assert!(format_reason(npz_load_err(&d, good.clone(), "a")).contains("zip"));
    let whole = zip_of(&[("a.npy", &good, true)]);
    let r = format_reason(npz_load_err(&d, whole[..whole.len() - 30].to_vec(), "a"));
    assert!(r.contains("zip"), "{r}");
    // An entry that is not a .npy file.
    let r = format_reason(npz_load_err(
        &d,
        zip_of(&[("a.npy", b"hello, world", false)]),
        "a",
    ));
    assert!(r.contains("magic"), "{r}");
    // No such name: InvalidArgument listing the names.
    match npz_load_err(&d, zip_of(&[("a.npy", &good, false)]), "b") {
        Error::InvalidArgument {
            op: "Npz::load",
            reason,
        } => assert!(reason.contains("[\"a\"]"), "{reason}"),
        other => panic!("{other:?}"),
    }
    // The wrong T.
    let mut f64_file = NpyHeader::format(DType::F64, false, &[1]);
    f64_file.extend_from_slice(&1.5f64.to_le_bytes());
    match npz_load_err(&d, zip_of(&[("a.npy", &f64_file, false)]), "a") {
        Error::DTypeMismatch {
            requested: "float32",
            found,
            ..
        } => assert_eq!(found, "float64"),
        other => panic!("{other:?}"),
    }
    let mut m = Npz::from_bytes(zip_of(&[("a.npy", &good, false)])).unwrap();
    assert!(matches!(
        m.load::<i8>(&d, "a"),
        Err(Error::DTypeMismatch {
            op: "Npz::load",
            ..
        })
    ));
    // The .npy header claims more data than the entry holds (sizes honest).
    for deflated in [false, true] {
        let r = format_reason(npz_load_err(
            &d,
            zip_of(&[("a.npy", &f32_file(&[1 << 20, 1 << 10], 15), deflated)]),
            "a",
        ));
        assert!(
            r.contains("the header says 4294967296 bytes of data"),
            "{r}"
        );
    }
    // Zip sizes that lie: a stored entry claiming more than the archive,
    // more than its stored bytes, a deflated one beyond deflate's ratio.
    let mut z = zip_of(&[("a.npy", &good, false)]);
    patch_sizes(&mut z, Some(1 << 30), Some(1 << 30));
    let r = format_reason(npz_load_err(&d, z, "a"));
    assert!(
        r.contains("compressed bytes, the archive holds") || r.contains("zip"),
        "{r}"
    );
    let mut z = zip_of(&[("a.npy", &good, false)]);
    patch_sizes(&mut z, None, Some(1 << 30));
    let r = format_reason(npz_load_err(&d, z, "a"));
    assert!(r.contains("a stored entry claims 1073741824 bytes"), "{r}");
    let mut z = zip_of(&[("a.npy", &good, true)]);
    patch_sizes(&mut z, None, Some(u32::MAX));
    let r = format_reason(npz_load_err(&d, z, "a"));
    assert!(r.contains("deflate yields at most 1032"), "{r}");
    // A header whose shape claims 64 KiB, a deflated entry whose size
    // claims it too (within deflate's ratio of its compressed bytes) but
    // whose stream ends after 60 bytes: refused while streaming, the
    // buffer dropped.
    let lying = f32_file(&[1 << 14], 15);
    let mut z = zip_of(&[("a.npy", &lying, true)]);
    let csize = {
        let central = z.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        u32::from_le_bytes(z[central + 20..central + 24].try_into().unwrap())
    };
    let claim = 128 + (4u32 << 14);
    assert!(claim as u64 <= csize as u64 * 1032, "{csize}");
    patch_sizes(&mut z, None, Some(claim));
    let r = format_reason(npz_load_err(&d, z, "a"));
    assert!(r.contains("the file holds 60"), "{r}");
    // Corrupt compressed data: a Format error (inflate or CRC-32).
    let mut z = zip_of(&[("a.npy", &f32_file(&[4096], 4096), true)]);
    let mid = z.len() / 3;
    for b in &mut z[mid..mid + 16] {
        *b ^= 0x5a;
    }
    let e = npz_load_err(&d, z, "a");
    assert!(
        matches!(e, Error::Format { .. } | Error::DTypeMismatch { .. }),
        "{e:?}"
    );
    assert_eq!(d.allocated_bytes(), 0);
    // Files: a missing archive is Io; one that is not a zip is Format.
    let dir = scratch("npz");
    assert!(matches!(
        Npz::open(dir.join("none.npz")),
        Err(Error::Io {
            op: "Npz::open",
            ..
        })
    ));
    std::fs::write(dir.join("npy.npz"), &good).unwrap();
    assert!(matches!(
        Npz::open(dir.join("npy.npz")),
        Err(Error::Format {
            op: "Npz::open",
            ..
        })
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}
