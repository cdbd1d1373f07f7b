//! `.npy`/`.npz` on the device: NumPy 2.4.6's fixture files
//! (`tests/fixtures/npy.py`) load with their values, dtypes, shapes and
//! memory order; every dtype and view round-trips through save/load; the
//! files ndgpu writes are the bytes NumPy writes (checked with python3 when
//! NumPy is installed; skipped with a message otherwise). Hostile files:
//! `tests/io_npy_hostile.rs`.

mod common;

use std::path::PathBuf;

use common::dev;
use half::f16;
use ndgpu::io::{self, Npz, NpzCompression, NpzWriter};
use ndgpu::{Array, DType, Device, Element, s};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/npy")
        .join(name)
}

/// A fresh scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("ndgpu_io_npy_{}_{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Element `i` of a fixture of `n` elements (see `tests/fixtures/npy.py`).
fn expected<T: Element>(n: usize) -> Vec<T> {
    (0..n)
        .map(|i| match T::DTYPE {
            DType::Bool => T::from_i128_wrapping((i % 3 == 0) as i128),
            DType::F16 | DType::F32 | DType::F64 => match i {
                0 => T::from_f64(f64::NAN),
                1 => T::from_f64(f64::INFINITY),
                2 => T::from_f64(f64::NEG_INFINITY),
                _ => T::from_f64((i as f64 - 7.0) / 2.0),
            },
            _ => T::from_i128_wrapping(7 * i as i128 - 40),
        })
        .collect()
}

/// Bits, with every NaN the same.
fn bits<T: Element>(v: &[T]) -> Vec<u64> {
    v.iter()
        .map(|&x| {
            if x.to_f64().is_nan() {
                u64::MAX
            } else {
                x.to_bits()
            }
        })
        .collect()
}

fn check_fixtures<T: Element>() {
    let d = dev();
    let name = T::DTYPE.name();
    let full = bits(&expected::<T>(15));
    for variant in ["c", "f", "be", "bef", "v2", "v3"] {
        let file = fixture(&format!("{name}_{variant}.npy"));
        let a = io::load_npy::<T>(&d, &file).unwrap_or_else(|e| panic!("{name}_{variant}: {e}"));
        assert_eq!(a.shape(), &[3, 5], "{name}_{variant}");
        assert_eq!(a.dtype(), T::DTYPE);
        assert_eq!(bits(&a.to_vec().unwrap()), full, "{name}_{variant}");
        let fortran = variant == "f" || variant == "bef";
        assert_eq!(a.is_f_contiguous(), fortran, "{name}_{variant}");
        assert_eq!(a.is_c_contiguous(), !fortran, "{name}_{variant}");
        assert_eq!(a.strides(), if fortran { &[1, 3] } else { &[5, 1] });
        let h = io::read_npy_header(&file).unwrap();
        let version = match variant {
            "v2" => (2, 0),
            "v3" => (3, 0),
            _ => (1, 0),
        };
        assert_eq!(
            (h.dtype, h.fortran_order, h.version, h.data_len),
            (T::DTYPE, fortran, version, 15 * T::DTYPE.itemsize() as u64)
        );
        assert_eq!(
            h.big_endian,
            variant.starts_with("be") && T::DTYPE.itemsize() > 1
        );
        // The same bytes from memory.
        let bytes = std::fs::read(&file).unwrap();
        let m = io::load_npy_bytes::<T>(&d, &bytes).unwrap();
        assert_eq!(bits(&m.to_vec().unwrap()), full);
        assert_eq!(m.strides(), a.strides());
    }
    for (variant, shape, n) in [
        ("0d", &[][..], 1),
        ("empty", &[0, 3][..], 0),
        ("1d", &[7][..], 7),
    ] {
        let a = io::load_npy::<T>(&d, fixture(&format!("{name}_{variant}.npy"))).unwrap();
        assert_eq!(a.shape(), shape, "{name}_{variant}");
        assert_eq!(
            bits(&a.to_vec().unwrap()),
            bits(&expected::<T>(n)),
            "{name}_{variant}"
        );
    }
}

#[test]
fn fixtures_load_every_dtype() {
    check_fixtures::<bool>();
    check_fixtures::<i8>();
    check_fixtures::<u8>();
    check_fixtures::<i16>();
    check_fixtures::<u16>();
    check_fixtures::<f16>();
    check_fixtures::<i32>();
    check_fixtures::<u32>();
    check_fixtures::<f32>();
    check_fixtures::<i64>();
    check_fixtures::<u64>();
    check_fixtures::<f64>();
}

#[test]
fn fortran_file_allocates_only_the_array() {
    // A device of its own: no other test's buffers in the count.
    let d = Device::new().unwrap();
    let before = d.allocated_bytes();
    let up = d.transfer_stats();
    let a = io::load_npy::<f64>(&d, fixture("float64_bef.npy")).unwrap();
    let after_load = d.allocated_bytes() - before;
    assert_eq!(d.transfer_stats().uploaded_bytes - up.uploaded_bytes, 120);
    assert_eq!(d.transfer_stats().uploads - up.uploads, 1);
    let same = Array::<f64>::zeros(&d, [3, 5]).unwrap();
    assert_eq!(after_load, d.allocated_bytes() - before - after_load);
    assert!(a.is_f_contiguous() && a.base().is_none());
    drop(same);
}

/// The views every round trip saves: `(label, view)`.
fn views<T: Element>(d: &Device) -> Vec<(&'static str, Array<T>)> {
    let base = Array::from_slice(d, &expected::<T>(60), [4, 15]).unwrap();
    let cube = Array::from_slice(d, &expected::<T>(24), [2, 3, 4]).unwrap();
    vec![
        ("c", base.clone()),
        ("t", base.t()),
        ("stepped", base.slice(s![1..4, ..;3]).unwrap()),
        ("reversed", base.slice(s![..;-1, 2..;-2]).unwrap()),
        ("t_stepped", base.t().slice(s![..;2, ..]).unwrap()),
        ("cube_f", cube.t()),
        ("cube_perm", cube.transpose([1, 0, 2]).unwrap()),
        ("zero_d", Array::scalar(d, expected::<T>(5)[4]).unwrap()),
        ("empty", Array::<T>::zeros(d, [0, 3]).unwrap()),
        ("empty_t", Array::<T>::zeros(d, [4, 0]).unwrap().t()),
        ("one", base.slice(s![2..3, 4..5]).unwrap()),
    ]
}

fn round_trip<T: Element>(dir: &std::path::Path) {
    let d = dev();
    for (label, v) in views::<T>(&d) {
        let path = dir.join(format!("{}_{label}.npy", T::DTYPE.name()));
        io::save_npy(&path, &v).unwrap();
        let back = io::load_npy::<T>(&d, &path).unwrap();
        let what = format!("{} {label}", T::DTYPE.name());
        assert_eq!(back.shape(), v.shape(), "{what}");
        assert_eq!(
            bits(&back.to_vec().unwrap()),
            bits(&v.to_vec().unwrap()),
            "{what}"
        );
        let fortran = v.is_f_contiguous() && !v.is_c_contiguous();
        assert_eq!(
            io::read_npy_header(&path).unwrap().fortran_order,
            fortran,
            "{what}"
        );
        assert_eq!(
            back.is_f_contiguous() && !back.is_c_contiguous(),
            fortran,
            "{what}"
        );
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(io::npy_bytes(&v).unwrap(), bytes, "{what}");
        assert_eq!(
            bytes.len() % 64,
            (v.nbytes() % 64),
            "{what}: data at a multiple of 64"
        );
        let m = io::load_npy_bytes::<T>(&d, &bytes).unwrap();
        assert_eq!(
            bits(&m.to_vec().unwrap()),
            bits(&v.to_vec().unwrap()),
            "{what}"
        );
    }
}

#[test]
fn round_trips_every_dtype_and_view() {
    let dir = scratch("round_trip");
    round_trip::<bool>(&dir);
    round_trip::<i8>(&dir);
    round_trip::<u8>(&dir);
    round_trip::<i16>(&dir);
    round_trip::<u16>(&dir);
    round_trip::<f16>(&dir);
    round_trip::<i32>(&dir);
    round_trip::<u32>(&dir);
    round_trip::<f32>(&dir);
    round_trip::<i64>(&dir);
    round_trip::<u64>(&dir);
    round_trip::<f64>(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Runs `script` with python3 and NumPy; `false` (with a message) when
/// either is missing, so the caller skips.
fn python(script: &str, args: &[&std::path::Path]) -> bool {
    if !common::python::numpy_available("NumPy reading ndgpu's files") {
        return false;
    }
    let mut all: Vec<&std::ffi::OsStr> = vec!["-c".as_ref(), script.as_ref()];
    all.extend(args.iter().map(|p| p.as_os_str()));
    common::python::python(all);
    true
}

fn save_views<T: Element>(dir: &std::path::Path) {
    let d = dev();
    for (label, v) in views::<T>(&d) {
        let stem = format!("{}_{label}", T::DTYPE.name());
        io::save_npy(dir.join(format!("{stem}.npy")), &v).unwrap();
        std::fs::write(dir.join(format!("{stem}.bin")), v.to_bytes().unwrap()).unwrap();
    }
}

#[test]
fn numpy_reads_our_files_byte_for_byte() {
    let dir = scratch("numpy_reads");
    save_views::<bool>(&dir);
    save_views::<i8>(&dir);
    save_views::<u8>(&dir);
    save_views::<i16>(&dir);
    save_views::<u16>(&dir);
    save_views::<f16>(&dir);
    save_views::<i32>(&dir);
    save_views::<u32>(&dir);
    save_views::<f32>(&dir);
    save_views::<i64>(&dir);
    save_views::<u64>(&dir);
    save_views::<f64>(&dir);
    // NumPy loads each file with the dtype in its name and the values
    // (C-order bytes) ndgpu read back, and np.save of what it loaded is
    // our file byte for byte (header, padding, memory order).
    let ran = python(
        r#"
import io, os, sys, numpy as np
d = sys.argv[1]; n = 0
for f in sorted(os.listdir(d)):
    if not f.endswith('.npy'): continue
    p = os.path.join(d, f)
    a = np.load(p)
    assert a.dtype == np.dtype(f.split('_')[0]), f
    assert a.tobytes() == open(p[:-4] + '.bin', 'rb').read(), f
    b = io.BytesIO(); np.save(b, a)
    assert b.getvalue() == open(p, 'rb').read(), f
    n += 1
assert n == 12 * 11, n
"#,
        &[&dir],
    );
    if ran {
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn npz_fixtures_load() {
    let d = dev();
    for file in ["stored.npz", "deflated.npz"] {
        let mut z = Npz::open(fixture(file)).unwrap();
        assert_eq!(z.names(), vec!["a", "b", "c", "d", "e"]);
        let a = z.load::<f32>(&d, "a").unwrap();
        assert_eq!(bits(&a.to_vec().unwrap()), bits(&expected::<f32>(15)));
        assert!(a.is_c_contiguous());
        let b = z.load::<i16>(&d, "b.npy").unwrap();
        assert_eq!(
            (b.shape(), b.strides()),
            (&[3, 5][..], &[1, 3][..]),
            "{file}"
        );
        assert_eq!(b.to_vec().unwrap(), expected::<i16>(15));
        assert_eq!(
            z.load::<bool>(&d, "c").unwrap().to_vec().unwrap(),
            expected::<bool>(7)
        );
        let dd = z.load::<u64>(&d, "d").unwrap();
        assert_eq!(
            (dd.shape().len(), dd.item().unwrap()),
            (0, expected::<u64>(1)[0])
        );
        assert_eq!(z.load::<f64>(&d, "e").unwrap().shape(), &[0, 3]);
        let h = z.header("b").unwrap();
        assert_eq!(
            (h.dtype, h.fortran_order, h.shape),
            (DType::I16, true, vec![3, 5])
        );
        // The same archive from memory.
        let mut m = Npz::from_bytes(std::fs::read(fixture(file)).unwrap()).unwrap();
        assert_eq!(m.load::<f32>(&d, "a").unwrap().to_vec().unwrap().len(), 15);
    }
}

#[test]
fn npz_round_trips_and_numpy_reads_them() {
    let d = dev();
    let dir = scratch("npz");
    let x = Array::from_slice(&d, &expected::<f64>(12), [3, 4]).unwrap();
    let y = Array::from_slice(&d, &expected::<u8>(10), [10]).unwrap();
    let z = Array::from_slice(&d, &expected::<f16>(6), [2, 3]).unwrap();
    for (compression, file) in [
        (NpzCompression::Stored, "mixed_stored.npz"),
        (NpzCompression::Deflated, "mixed_deflated.npz"),
    ] {
        let path = dir.join(file);
        let mut w = NpzWriter::create(&path, compression).unwrap();
        w.add("x", &x.t()).unwrap();
        w.add("y", &y.slice(s![..;-3]).unwrap()).unwrap();
        w.add("z", &z).unwrap();
        let err = w.add("z", &z).unwrap_err();
        assert!(
            matches!(
                err,
                ndgpu::Error::InvalidArgument {
                    op: "NpzWriter::add",
                    ..
                }
            ),
            "{err}"
        );
        w.finish().unwrap();
        let mut r = Npz::open(&path).unwrap();
        assert_eq!(r.names(), vec!["x", "y", "z"]);
        let xt = r.load::<f64>(&d, "x").unwrap();
        assert!(xt.is_f_contiguous() && !xt.is_c_contiguous());
        assert_eq!(bits(&xt.to_vec().unwrap()), bits(&x.t().to_vec().unwrap()));
        assert_eq!(
            r.load::<u8>(&d, "y").unwrap().to_vec().unwrap(),
            vec![23, 2, 237, 216]
        );
        assert_eq!(
            bits(&r.load::<f16>(&d, "z").unwrap().to_vec().unwrap()),
            bits(&z.to_vec().unwrap())
        );
    }
    io::save_npz(dir.join("same_stored.npz"), &[("p", &x), ("q", &x.t())]).unwrap();
    io::save_npz_compressed(dir.join("same_deflated.npz"), &[("p", &x), ("q", &x.t())]).unwrap();
    for file in ["same_stored.npz", "same_deflated.npz"] {
        let mut r = Npz::open(dir.join(file)).unwrap();
        assert_eq!(r.names(), vec!["p", "q"]);
        assert_eq!(
            bits(&r.load::<f64>(&d, "q").unwrap().to_vec().unwrap()),
            bits(&x.t().to_vec().unwrap())
        );
    }
    let ran = python(
        r#"
import sys, zipfile, numpy as np
d = sys.argv[1]
x = np.arange(12, dtype=np.int64)
x = ((x - 7) / 2).astype(np.float64); x[:3] = [np.nan, np.inf, -np.inf]; x = x.reshape(3, 4)
y = (7 * np.arange(10) - 40).astype(np.uint8)
for f, method in [('mixed_stored.npz', zipfile.ZIP_STORED), ('mixed_deflated.npz', zipfile.ZIP_DEFLATED)]:
    assert all(i.compress_type == method for i in zipfile.ZipFile(d + '/' + f).infolist()), f
    with np.load(d + '/' + f) as z:
        assert z.files == ['x', 'y', 'z'], z.files
        assert np.array_equal(z['x'], x.T, equal_nan=True) and z['x'].flags.f_contiguous
        assert np.array_equal(z['y'], y[::-3])
        assert z['z'].dtype == np.float16 and z['z'].shape == (2, 3)
for f in ['same_stored.npz', 'same_deflated.npz']:
    with np.load(d + '/' + f) as z:
        assert np.array_equal(z['p'], x, equal_nan=True) and np.array_equal(z['q'], x.T, equal_nan=True)
"#,
        &[&dir],
    );
    if ran {
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
