//! safetensors files: the NumPy-written fixture (every dtype, metadata, a
//! dtype ndgpu lacks), slices uploading only what they touch, round trips
//! of every dtype, files ndgpu writes read by an independent Python reader,
//! hostile files.
//!
//! Fixture: `tests/fixtures/safetensors/sample.safetensors`, written by
//! `tests/fixtures/safetensors.py` (json/struct + NumPy 2.4.6); element `i`
//! of a tensor of each dtype is `value(dtype, i)` there and [`Val::val`]
//! here. The hostile cases and the fuzz live in
//! `tests/io_safetensors_hostile.rs`.

mod common;

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use common::dev;
use half::f16;
use ndgpu::io::{SafeTensorsFile, SafeTensorsWriter, save_safetensors};
use ndgpu::{Array, DType, Element, Error, s};

/// The fixture's values: element `i` of a tensor of this dtype.
trait Val: Element {
    const ST: &'static str;
    fn val(i: usize) -> Self;
    fn vals(n: usize) -> Vec<Self> {
        (0..n).map(Self::val).collect()
    }
}

macro_rules! val {
    ($t:ty, $st:literal, |$i:ident| $e:expr) => {
        impl Val for $t {
            const ST: &'static str = $st;
            fn val($i: usize) -> Self {
                $e
            }
        }
    };
}
val!(bool, "BOOL", |i| i.is_multiple_of(3));
val!(u8, "U8", |i| ((i * 37 + 5) % 256) as u8);
val!(i8, "I8", |i| (((i * 53) % 256) as i64 - 128) as i8);
val!(u16, "U16", |i| ((i * 4099 + 7) % 65536) as u16);
val!(i16, "I16", |i| (((i * 4099) % 65536) as i64 - 32768) as i16);
val!(f16, "F16", |i| f16::from_f64((i as f64 - 4.0) * 0.25));
val!(u32, "U32", |i| ((i as u64 * 2654435761) % (1 << 32)) as u32);
val!(
    i32,
    "I32",
    |i| (((i as u64 * 2654435761) % (1 << 32)) as i64 - (1 << 31)) as i32
);
val!(f32, "F32", |i| ((i as f64 - 7.0) / 3.0) as f32);
val!(f64, "F64", |i| (i as f64 - 7.0) / 3.0);
val!(i64, "I64", |i| (i as i64 - 3) * (1 << 40) + i as i64);
val!(u64, "U64", |i| u64::MAX - i as u64 * (1 << 33));

fn fixture_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/safetensors/sample.safetensors")
}

fn fixture() -> SafeTensorsFile {
    SafeTensorsFile::open(fixture_path()).unwrap()
}

/// A fresh path in the temporary directory.
fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "ndgpu-st-{}-{name}.safetensors",
        std::process::id()
    ))
}

/// The upload counters are per device and the tests of this binary share
/// one: every test holds this lock so the deltas they check are their own.
fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

fn uploaded() -> u64 {
    dev().transfer_stats().uploaded_bytes
}

#[test]
fn fixture_names_in_data_order_and_metadata() {
    let _serial = serial();
    let f = fixture();
    assert_eq!(
        f.names(),
        [
            "matrix", "f64", "i64", "i32", "u8", "bool", "f16", "i8", "u16", "i16", "u32", "u64",
            "scalar", "empty", "bf16"
        ]
    );
    assert_eq!(f.len(), 15);
    assert!(!f.is_empty());
    let m = f.metadata();
    assert_eq!(m.len(), 2);
    assert_eq!(m["format"], "pt");
    assert_eq!(m["source"], "tests/fixtures/safetensors.py");
    assert!(f.path().ends_with("sample.safetensors"));
}

#[test]
fn fixture_info() {
    let _serial = serial();
    let f = fixture();
    let m = f.info("matrix").unwrap();
    assert_eq!(m.dtype, Some(DType::F32));
    assert_eq!(m.dtype_name, "F32");
    assert_eq!(m.shape, [6, 5]);
    assert_eq!(m.data_offsets, (0, 120));
    assert_eq!(m.nbytes(), 120);
    let b = f.info("bf16").unwrap();
    assert_eq!(b.dtype, None);
    assert_eq!(b.dtype_name, "BF16");
    assert_eq!(b.shape, [2]);
    assert_eq!(b.nbytes(), 4);
    let s = f.info("scalar").unwrap();
    assert_eq!((s.shape.len(), s.nbytes()), (0, 4));
    let e = f.info("empty").unwrap();
    assert_eq!((e.shape.clone(), e.nbytes()), (vec![0, 3], 0));
    match f.info("nope").unwrap_err() {
        Error::InvalidArgument { op, reason } => {
            assert_eq!(op, "SafeTensorsFile::info");
            assert!(reason.contains("no tensor named \"nope\""), "{reason}");
            assert!(reason.contains("matrix, f64"), "{reason}");
        }
        e => panic!("{e:?}"),
    }
}

fn check_load<T: Val>(f: &SafeTensorsFile, name: &str, shape: &[usize]) {
    let before = uploaded();
    let a = f.load::<T>(&dev(), name).unwrap();
    let n: usize = shape.iter().product();
    assert_eq!(
        uploaded() - before,
        (n * T::DTYPE.itemsize()) as u64,
        "{name}"
    );
    assert_eq!(a.shape(), shape, "{name}");
    assert_eq!(a.to_vec().unwrap(), T::vals(n), "{name}");
    assert_eq!(f.info(name).unwrap().dtype, Some(T::DTYPE));
    assert_eq!(f.info(name).unwrap().dtype_name, T::ST);
}

#[test]
fn fixture_loads_every_dtype() {
    let _serial = serial();
    // Both ways of opening: a mapped file and bytes in memory.
    let bytes = std::fs::read(fixture_path()).unwrap();
    for f in [fixture(), SafeTensorsFile::from_bytes(bytes).unwrap()] {
        check_load::<f32>(&f, "matrix", &[6, 5]);
        check_load::<f64>(&f, "f64", &[2, 3, 2]);
        check_load::<i64>(&f, "i64", &[5]);
        check_load::<i32>(&f, "i32", &[3, 4]);
        check_load::<u8>(&f, "u8", &[2, 2, 3]);
        check_load::<bool>(&f, "bool", &[7]);
        check_load::<f16>(&f, "f16", &[3, 3]);
        check_load::<i8>(&f, "i8", &[9]);
        check_load::<u16>(&f, "u16", &[2, 5]);
        check_load::<i16>(&f, "i16", &[4]);
        check_load::<u32>(&f, "u32", &[3]);
        check_load::<u64>(&f, "u64", &[2, 2]);
        check_load::<f32>(&f, "scalar", &[]);
        check_load::<f32>(&f, "empty", &[0, 3]);
    }
}

#[test]
fn unsupported_dtype_and_mismatch() {
    let _serial = serial();
    let f = fixture();
    match f.load::<u16>(&dev(), "bf16").unwrap_err() {
        Error::Format { op, path, reason } => {
            assert_eq!(op, "SafeTensorsFile::load");
            assert!(
                path.ends_with("sample.safetensors: tensor \"bf16\""),
                "{path}"
            );
            assert!(reason.contains("dtype BF16"), "{reason}");
        }
        e => panic!("{e:?}"),
    }
    match f.load_slice::<f16>(&dev(), "bf16", s![..1]).unwrap_err() {
        Error::Format { op, .. } => assert_eq!(op, "SafeTensorsFile::load_slice"),
        e => panic!("{e:?}"),
    }
    match f.load::<f64>(&dev(), "matrix").unwrap_err() {
        Error::DTypeMismatch {
            op,
            what,
            requested,
            found,
        } => {
            assert_eq!(op, "SafeTensorsFile::load");
            assert!(what.ends_with("tensor \"matrix\""), "{what}");
            assert_eq!(requested, "float64");
            assert_eq!(found, "float32 (F32)");
        }
        e => panic!("{e:?}"),
    }
    assert!(matches!(
        f.load::<u8>(&dev(), "bool").unwrap_err(),
        Error::DTypeMismatch {
            requested: "uint8",
            ..
        }
    ));
    assert!(matches!(
        f.load::<f32>(&dev(), "missing").unwrap_err(),
        Error::InvalidArgument {
            op: "SafeTensorsFile::load",
            ..
        }
    ));
}

/// The fixture's `matrix` (6 x 5 float32) on the host.
fn matrix(r: usize, c: usize) -> f32 {
    f32::val(r * 5 + c)
}

#[test]
fn slice_rows_upload_only_those_rows() {
    let _serial = serial();
    let f = fixture();
    let (b, ups) = (uploaded(), dev().transfer_stats().uploads);
    let a = f.load_slice::<f32>(&dev(), "matrix", s![1..3]).unwrap();
    assert_eq!(uploaded() - b, 2 * 5 * 4);
    assert_eq!(dev().transfer_stats().uploads - ups, 1);
    assert_eq!(a.shape(), [2, 5]);
    let want: Vec<f32> = (1..3)
        .flat_map(|r| (0..5).map(move |c| matrix(r, c)))
        .collect();
    assert_eq!(a.to_vec().unwrap(), want);

    // One row, integer index: a 1-d result.
    let b = uploaded();
    let a = f.load_slice::<f32>(&dev(), "matrix", s![-1]).unwrap();
    assert_eq!(uploaded() - b, 5 * 4);
    assert_eq!(
        a.to_vec().unwrap(),
        (0..5).map(|c| matrix(5, c)).collect::<Vec<_>>()
    );
}

#[test]
fn stepped_column_uploads_only_its_elements() {
    let _serial = serial();
    let f = fixture();
    let b = uploaded();
    let a = f.load_slice::<f32>(&dev(), "matrix", s![..;2, 3]).unwrap();
    assert_eq!(uploaded() - b, 3 * 4);
    assert_eq!(a.shape(), [3]);
    assert_eq!(
        a.to_vec().unwrap(),
        [matrix(0, 3), matrix(2, 3), matrix(4, 3)]
    );

    // Reversed rows, stepped columns: 6 x 2 elements, directions kept.
    let b = uploaded();
    let a = f
        .load_slice::<f32>(&dev(), "matrix", s![..;-1, 1..4;2])
        .unwrap();
    assert_eq!(uploaded() - b, 6 * 2 * 4);
    assert_eq!(a.shape(), [6, 2]);
    let want: Vec<f32> = (0..6)
        .rev()
        .flat_map(|r| [1, 3].map(|c| matrix(r, c)))
        .collect();
    assert_eq!(a.to_vec().unwrap(), want);
    assert!(a.strides()[0] < 0, "reversed axis keeps its direction");

    // A block of a 3-d tensor, a new axis and an ellipsis.
    let b = uploaded();
    let a = f
        .load_slice::<f64>(&dev(), "f64", s![1, ndgpu::NewAxis, .., 1..])
        .unwrap();
    assert_eq!(uploaded() - b, 3 * 8);
    assert_eq!(a.shape(), [1, 3, 1]);
    assert_eq!(
        a.to_vec().unwrap(),
        [f64::val(7), f64::val(9), f64::val(11)]
    );

    // Every dtype through a stepped slice (packed 1- and 2-byte types).
    fn stepped<T: Val>(f: &SafeTensorsFile, name: &str) {
        let a = f.load_slice::<T>(&dev(), name, s![..;-2]).unwrap();
        let n = f.info(name).unwrap().shape[0];
        let want: Vec<T> = (0..n).rev().step_by(2).map(T::val).collect();
        assert_eq!(a.to_vec().unwrap(), want, "{name}");
    }
    stepped::<bool>(&f, "bool");
    stepped::<i8>(&f, "i8");
    stepped::<i16>(&f, "i16");
    stepped::<u32>(&f, "u32");
    stepped::<i64>(&f, "i64");

    // An empty slice uploads nothing.
    let b = uploaded();
    let a = f.load_slice::<f32>(&dev(), "matrix", s![4..2]).unwrap();
    assert_eq!(a.shape(), [0, 5]);
    assert_eq!(uploaded() - b, 0);
}

#[test]
fn slice_errors_name_the_call() {
    let _serial = serial();
    let f = fixture();
    let op = "SafeTensorsFile::load_slice";
    assert_eq!(
        f.load_slice::<f32>(&dev(), "matrix", s![6]).unwrap_err(),
        Error::IndexOutOfBounds {
            op,
            axis: 0,
            index: 6,
            len: 6
        }
    );
    assert_eq!(
        f.load_slice::<f32>(&dev(), "matrix", s![0, 0, 0])
            .unwrap_err(),
        Error::TooManyIndices {
            op,
            ndim: 2,
            given: 3
        }
    );
    assert_eq!(
        f.load_slice::<f32>(&dev(), "matrix", s![..;0]).unwrap_err(),
        Error::ZeroStep { op, axis: 0 }
    );
    assert!(matches!(
        f.load_slice::<f32>(&dev(), "scalar", s![0]).unwrap_err(),
        Error::TooManyIndices { .. }
    ));
}

/// Adds to `w`, for `T`: `name.c` (3 x 4, C order), `name.t` (3 x 4, the
/// transpose of a 4 x 3 array), `name.s` (0-d) and `name.e` (empty). Every
/// tensor holds `val(0..)` in C order, as the Python reader checks.
fn add_all<T: Val>(w: &mut SafeTensorsWriter) {
    let name = T::ST.to_lowercase();
    let a = Array::from_slice(&dev(), &T::vals(12), [3, 4]).unwrap();
    w.add(&format!("{name}.c"), &a).unwrap();
    // b[j, i] = val(i * 4 + j): b.t() reads val(0..12) in C order.
    let vt: Vec<T> = (0..4)
        .flat_map(|j| (0..3).map(move |i| T::val(i * 4 + j)))
        .collect();
    let b = Array::from_slice(&dev(), &vt, [4, 3]).unwrap();
    w.add(&format!("{name}.t"), &b.t()).unwrap();
    let s = Array::from_slice(&dev(), &[T::val(0)], []).unwrap();
    w.add(&format!("{name}.s"), &s).unwrap();
    let e = Array::<T>::zeros(&dev(), [0, 2]).unwrap();
    w.add(&format!("{name}.e"), &e).unwrap();
}

fn check_all<T: Val>(f: &SafeTensorsFile) {
    let name = T::ST.to_lowercase();
    for (suffix, shape) in [
        ("c", &[3, 4][..]),
        ("t", &[3, 4]),
        ("s", &[]),
        ("e", &[0, 2]),
    ] {
        let n: usize = shape.iter().product();
        let a = f.load::<T>(&dev(), &format!("{name}.{suffix}")).unwrap();
        assert_eq!(
            (a.shape(), a.to_vec().unwrap()),
            (shape, T::vals(n)),
            "{name}.{suffix}"
        );
    }
    let info = f.info(&format!("{name}.c")).unwrap();
    assert_eq!(
        (info.dtype, info.dtype_name.as_str()),
        (Some(T::DTYPE), T::ST)
    );
}

macro_rules! every_dtype {
    ($f:ident, $($arg:expr),*) => {
        $f::<bool>($($arg),*);
        $f::<u8>($($arg),*);
        $f::<i8>($($arg),*);
        $f::<u16>($($arg),*);
        $f::<i16>($($arg),*);
        $f::<f16>($($arg),*);
        $f::<u32>($($arg),*);
        $f::<i32>($($arg),*);
        $f::<f32>($($arg),*);
        $f::<u64>($($arg),*);
        $f::<i64>($($arg),*);
        $f::<f64>($($arg),*);
    };
}

fn writer_of_every_dtype() -> SafeTensorsWriter {
    let mut w = SafeTensorsWriter::new();
    every_dtype!(add_all, &mut w);
    w.metadata("format", "ndgpu")
        .metadata("k", "v1")
        .metadata("k", "v2");
    w
}

#[test]
fn round_trip_every_dtype() {
    let _serial = serial();
    let w = writer_of_every_dtype();
    assert_eq!(w.names().len(), 48);
    let bytes = w.to_bytes().unwrap();
    let path = temp("round_trip");
    w.write(&path).unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "write and to_bytes agree"
    );
    for f in [
        SafeTensorsFile::from_bytes(bytes).unwrap(),
        SafeTensorsFile::open(&path).unwrap(),
    ] {
        every_dtype!(check_all, &f);
        assert_eq!(f.len(), 48);
        let m = f.metadata();
        assert_eq!(
            (m.len(), m["format"].as_str(), m["k"].as_str()),
            (2, "ndgpu", "v2")
        );
    }
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn written_files_replace_a_mapped_one() {
    let _serial = serial();
    // Writing over a file that is open (mapped) replaces it: the open one
    // still reads its old tensors.
    let path = temp("replace");
    let a = Array::<i32>::from_slice(&dev(), &[1, 2, 3], [3]).unwrap();
    save_safetensors(&path, &[("a", &a)]).unwrap();
    let old = SafeTensorsFile::open(&path).unwrap();
    let b = Array::<i32>::from_slice(&dev(), &[7; 100], [10, 10]).unwrap();
    save_safetensors(&path, &[("b", &b), ("a", &a.slice(s![..;-1]).unwrap())]).unwrap();
    assert_eq!(
        old.load::<i32>(&dev(), "a").unwrap().to_vec().unwrap(),
        [1, 2, 3]
    );
    let new = SafeTensorsFile::open(&path).unwrap();
    assert_eq!(
        new.load::<i32>(&dev(), "a").unwrap().to_vec().unwrap(),
        [3, 2, 1]
    );
    assert_eq!(
        new.load::<i32>(&dev(), "b").unwrap().to_vec().unwrap(),
        [7; 100]
    );
    assert!(new.metadata().is_empty());
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn writer_errors() {
    let _serial = serial();
    let a = Array::<f32>::zeros(&dev(), [2]).unwrap();
    let mut w = SafeTensorsWriter::new();
    w.add("x", &a).unwrap();
    match w.add("x", &a).unwrap_err() {
        Error::InvalidArgument { op, reason } => {
            assert_eq!(op, "SafeTensorsWriter::add");
            assert!(reason.contains("\"x\" was already added"), "{reason}");
        }
        e => panic!("{e:?}"),
    }
    assert!(matches!(
        w.add("__metadata__", &a).unwrap_err(),
        Error::InvalidArgument { .. }
    ));
    assert_eq!(w.names(), ["x"]);
    // A directory that does not exist.
    let bad = std::env::temp_dir().join("ndgpu-no-such-dir/x.safetensors");
    match w.write(&bad).unwrap_err() {
        Error::Io { op, path, .. } => {
            assert_eq!(op, "SafeTensorsWriter::write");
            assert!(path.contains("ndgpu-no-such-dir"));
        }
        e => panic!("{e:?}"),
    }
    // An empty writer writes a valid empty file.
    let f = SafeTensorsFile::from_bytes(SafeTensorsWriter::new().to_bytes().unwrap()).unwrap();
    assert!(f.is_empty());
    assert!(f.names().is_empty());
}

fn have_numpy() -> bool {
    common::python::numpy_available("a NumPy reader of ndgpu's files")
}

#[test]
fn python_reads_what_ndgpu_writes() {
    let _serial = serial();
    if !have_numpy() {
        return;
    }
    let w = writer_of_every_dtype();
    let path = temp("python");
    w.write(&path).unwrap();
    let out = std::process::Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/safetensors.py"
        ))
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 49, "{text}");
    for st in [
        "BOOL", "U8", "I8", "U16", "I16", "F16", "U32", "I32", "F32", "U64", "I64", "F64",
    ] {
        let n = st.to_lowercase();
        for (suffix, shape) in [
            ("c", "[3, 4]"),
            ("t", "[3, 4]"),
            ("s", "[]"),
            ("e", "[0, 2]"),
        ] {
            let line = format!("{n}.{suffix} {st} {shape}");
            assert!(lines.contains(&line.as_str()), "{line} not in\n{text}");
        }
    }
    assert_eq!(lines[48], r#"metadata {"format": "ndgpu", "k": "v2"}"#);
}

#[test]
fn open_errors_name_the_file() {
    let _serial = serial();
    let missing = temp("missing");
    match SafeTensorsFile::open(&missing).unwrap_err() {
        Error::Io { op, path, reason } => {
            assert_eq!(op, "SafeTensorsFile::open");
            assert_eq!(path, missing.display().to_string());
            assert!(reason.starts_with("cannot open"), "{reason}");
        }
        e => panic!("{e:?}"),
    }
    let short = temp("short");
    std::fs::write(&short, [1, 2, 3]).unwrap();
    match SafeTensorsFile::open(&short).unwrap_err() {
        Error::Format { op, path, reason } => {
            assert_eq!(op, "SafeTensorsFile::open");
            assert_eq!(path, short.display().to_string());
            assert!(reason.contains("3 bytes"), "{reason}");
        }
        e => panic!("{e:?}"),
    }
    // A header that lies about the data, through a mapped file.
    let mut bytes = std::fs::read(fixture_path()).unwrap();
    bytes.pop();
    std::fs::write(&short, &bytes).unwrap();
    match SafeTensorsFile::open(&short).unwrap_err() {
        Error::Format { reason, .. } => {
            assert!(
                reason.contains("cover 430 bytes, but 429 bytes follow"),
                "{reason}"
            );
        }
        e => panic!("{e:?}"),
    }
    std::fs::remove_file(&short).unwrap();
}
