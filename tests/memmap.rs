//! `ndgpu::io::Memmap` (NumPy's `np.memmap`): every mode on raw and `.npy`
//! files, views (stepped, negative step, transposed, broadcast), the bytes
//! a view's upload moves, write-back byte for byte, and hostile input.
//! Expected values are computed on the CPU from the file's bytes; where
//! python3 with NumPy is present, NumPy reads the files ndgpu wrote and
//! writes files ndgpu reads (skipped with a message otherwise).

mod common;
use common::dev;

use std::path::{Path, PathBuf};

use ndgpu::io::{MapMode, Memmap};
use ndgpu::{Array, Error, Order, s};

/// A fresh directory for one test.
fn tmp(name: &str) -> PathBuf {
    common::python::temp_dir("memmap", name)
}

fn numpy() -> bool {
    common::python::numpy_available("the NumPy cross-check")
}

fn python(script: &str) -> String {
    common::python::python(["-c", script])
}

fn f32_bytes(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn write_raw(path: &Path, prefix: usize, v: &[f32]) {
    let mut b = vec![0xAAu8; prefix];
    b.extend(f32_bytes(v));
    std::fs::write(path, b).unwrap();
}

fn iota(n: usize) -> Vec<f32> {
    (0..n).map(|i| i as f32).collect()
}

#[test]
fn create_write_flush_reopen_every_mode() {
    let d = tmp("modes");
    let p = d.join("a.dat");
    // w+: the file gets offset + data bytes; offset 3 is not a multiple of 4.
    let mm = Memmap::<f32>::open(&p, MapMode::Create, [4, 6], Order::C, 3).unwrap();
    assert_eq!(std::fs::metadata(&p).unwrap().len(), 3 + 96);
    assert_eq!(mm.to_vec().unwrap(), vec![0.0; 24]);
    assert_eq!(
        (mm.mode(), mm.is_writeable(), mm.offset_bytes()),
        (MapMode::Create, true, 3)
    );
    mm.copy_from_slice(&iota(24)).unwrap();
    mm.flush().unwrap();
    drop(mm);
    let file = std::fs::read(&p).unwrap();
    assert_eq!(&file[..3], &[0, 0, 0]);
    assert_eq!(&file[3..], &f32_bytes(&iota(24))[..]);

    // r: reads; every write is ReadOnly.
    let r = Memmap::<f32>::open(&p, MapMode::ReadOnly, [4, 6], Order::C, 3).unwrap();
    assert_eq!(r.to_vec().unwrap(), iota(24));
    assert_eq!(r.get([2, -1]).unwrap(), 17.0);
    assert!(!r.is_writeable());
    assert!(matches!(r.set([0, 0], 1.0), Err(Error::ReadOnly { .. })));
    assert!(matches!(r.fill(1.0), Err(Error::ReadOnly { .. })));
    assert!(matches!(
        r.copy_from_slice(&[0.0; 24]),
        Err(Error::ReadOnly { .. })
    ));
    assert!(matches!(
        r.slice(s![1..]).unwrap().fill(0.0),
        Err(Error::ReadOnly { .. })
    ));
    r.flush().unwrap(); // nothing to do

    // r+: one element changes in the file, exactly its four bytes.
    let rw = Memmap::<f32>::open(&p, MapMode::ReadWrite, [4, 6], Order::C, 3).unwrap();
    rw.set([1, 2], -5.5).unwrap();
    rw.flush().unwrap();
    let after = std::fs::read(&p).unwrap();
    let at = 3 + (6 + 2) * 4;
    assert_eq!(&after[at..at + 4], &(-5.5f32).to_le_bytes());
    assert_eq!(&after[..at], &file[..at]);
    assert_eq!(&after[at + 4..], &file[at + 4..]);
    // The read-only map of the same file sees the shared page.
    assert_eq!(r.get([1, 2]).unwrap(), -5.5);

    // c: writes stay private, the file keeps its bytes.
    let c = Memmap::<f32>::open(&p, MapMode::CopyOnWrite, [4, 6], Order::C, 3).unwrap();
    c.fill(9.0).unwrap();
    c.flush().unwrap();
    assert_eq!(c.to_vec().unwrap(), vec![9.0; 24]);
    assert_eq!(std::fs::read(&p).unwrap(), after);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn fortran_order_and_unaligned_offset_match_numpy() {
    let d = tmp("forder");
    let p = d.join("f.dat");
    write_raw(&p, 5, &iota(12));
    // np.memmap(p, float32, 'r', offset=5, shape=(3, 4), order='F')
    let mm = Memmap::<f32>::open(&p, MapMode::ReadOnly, [3, 4], Order::F, 5).unwrap();
    assert!(mm.is_f_contiguous());
    assert_eq!(mm.strides_bytes(), vec![4, 12]);
    // element [i, j] is i + 3 j
    let want: Vec<f32> = (0..3)
        .flat_map(|i| (0..4).map(move |j| (i + 3 * j) as f32))
        .collect();
    assert_eq!(mm.to_vec().unwrap(), want);
    if numpy() {
        let out = python(&format!(
            "import numpy as np; m = np.memmap({:?}, np.float32, 'r', 5, (3, 4), 'F'); \
             print(' '.join(str(float(x)) for x in m.ravel()))",
            p.display().to_string()
        ));
        let np: Vec<f32> = out.split_whitespace().map(|x| x.parse().unwrap()).collect();
        assert_eq!(np, want);
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn views_read_nothing_and_see_the_right_elements() {
    let d = tmp("views");
    let p = d.join("v.dat");
    write_raw(&p, 0, &iota(24));
    let mm = Memmap::<f32>::open(&p, MapMode::ReadWrite, [4, 6], Order::C, 0).unwrap();
    assert!(!mm.is_view() && mm.base().is_none());

    // mm[1::2, ::-3]: rows 1, 3; columns 5, 2.
    let v = mm.slice(s![1..;2, ..;-3]).unwrap();
    assert_eq!(v.shape(), &[2, 2]);
    assert_eq!(v.strides(), &[12, -3]);
    assert_eq!(v.offset_bytes(), (6 + 5) * 4);
    assert_eq!(v.to_vec().unwrap(), vec![11.0, 8.0, 23.0, 20.0]);
    assert!(v.is_view() && v.is_view_of(&mm) && !mm.is_view_of(&v));
    // a view of a view has the opened memmap as its base
    let vv = v.t();
    assert!(vv.is_view_of(&mm));
    assert_eq!(vv.base().unwrap().shape(), &[4, 6]);
    assert_eq!(vv.to_vec().unwrap(), vec![11.0, 23.0, 8.0, 20.0]);
    // a second open of the same file is another mapping
    let other = Memmap::<f32>::open(&p, MapMode::ReadOnly, [4, 6], Order::C, 0).unwrap();
    assert!(!v.is_view_of(&other));

    // flip, transpose with axes, reshape as a view
    assert_eq!(
        mm.flip(0)
            .unwrap()
            .slice(s![.., 0])
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![18.0, 12.0, 6.0, 0.0]
    );
    assert_eq!(mm.transpose([1, 0]).unwrap().get([5, 1]).unwrap(), 11.0);
    let r = mm.reshape([2, 3, -1]).unwrap();
    assert_eq!(
        (r.shape(), r.get([1, 2, 3]).unwrap()),
        (&[2, 3, 4][..], 23.0)
    );
    // a transposed view cannot be reshaped without a copy
    assert!(matches!(
        mm.t().reshape([24]),
        Err(Error::InvalidArgument { .. })
    ));

    // broadcast: read-only, repeats
    let b = mm.slice(s![0, ..3]).unwrap().broadcast_to([2, 3]).unwrap();
    assert!(!b.is_writeable());
    assert_eq!(b.to_vec().unwrap(), vec![0.0, 1.0, 2.0, 0.0, 1.0, 2.0]);
    assert!(matches!(b.set([0, 0], 1.0), Err(Error::ReadOnly { .. })));

    // writes through a stepped, reversed view touch only its elements
    v.copy_from_slice(&[-1.0, -2.0, -3.0, -4.0]).unwrap();
    let mut want = iota(24);
    (want[11], want[8], want[23], want[20]) = (-1.0, -2.0, -3.0, -4.0);
    assert_eq!(mm.to_vec().unwrap(), want);
    mm.slice(s![.., 1]).unwrap().fill(7.0).unwrap();
    for i in 0..4 {
        want[i * 6 + 1] = 7.0;
    }
    mm.flush().unwrap();
    assert_eq!(std::fs::read(&p).unwrap(), f32_bytes(&want));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn uploads_move_only_the_bytes_a_view_touches() {
    // A device of its own: the transfer and allocation counters are the
    // device's, and the other tests of this binary use the shared one.
    let dev = ndgpu::Device::new().unwrap();
    let d = tmp("upload");
    let p = d.join("u.dat");
    let (n, m) = (1000, 64);
    write_raw(&p, 0, &iota(n * m));
    let mm = Memmap::<f32>::open(&p, MapMode::ReadOnly, [n, m], Order::C, 0).unwrap();
    let up = |f: &dyn Fn() -> Array<f32>| {
        let before = dev.transfer_stats().uploaded_bytes;
        let a = f();
        (a, dev.transfer_stats().uploaded_bytes - before)
    };

    // mm[::10]: a tenth of the file
    let v = mm.slice(s![..;10]).unwrap();
    let (a, moved) = up(&|| v.to_device(&dev).unwrap());
    assert_eq!(moved, (n / 10 * m * 4) as u64);
    assert_eq!(a.to_vec().unwrap(), v.to_vec().unwrap());

    // mm[100:200]: its rows
    let v = mm.slice(s![100..200]).unwrap();
    let (a, moved) = up(&|| v.to_device(&dev).unwrap());
    assert_eq!(moved, (100 * m * 4) as u64);
    assert_eq!(a.get([0, 0]).unwrap(), (100 * m) as f32);

    // mm[:, 5]: one element a row
    let v = mm.slice(s![.., 5]).unwrap();
    let (a, moved) = up(&|| v.to_device(&dev).unwrap());
    assert_eq!(moved, (n * 4) as u64);
    assert_eq!(a.to_vec().unwrap(), v.to_vec().unwrap());

    // mm[::-7, 3::-2]: reversed and stepped; the result keeps the view's
    // memory order (negative strides over its packed elements)
    let v = mm.slice(s![..;-7, 3..;-2]).unwrap();
    let (a, moved) = up(&|| v.to_device(&dev).unwrap());
    assert_eq!(moved, (v.size() * 4) as u64);
    assert_eq!(a.to_vec().unwrap(), v.to_vec().unwrap());

    // mm.T: the whole file once, F-contiguous on the device, no copy
    let live = dev.allocated_bytes();
    let (a, moved) = up(&|| mm.t().to_device(&dev).unwrap());
    assert_eq!(moved, (n * m * 4) as u64);
    assert!(a.is_f_contiguous() && !a.is_c_contiguous());
    assert_eq!(a.shape(), &[m, n]);
    assert_eq!(dev.allocated_bytes() - live, (n * m * 4) as u64);
    assert_eq!(a.get([3, 2]).unwrap(), (2 * m + 3) as f32);

    // a broadcast view uploads its elements once
    let b = mm
        .slice(s![0, ..8])
        .unwrap()
        .broadcast_to([500, 8])
        .unwrap();
    let (a, moved) = up(&|| b.to_device(&dev).unwrap());
    assert_eq!(moved, 32);
    assert_eq!(a.strides()[0], 0);
    assert_eq!(a.to_vec().unwrap(), b.to_vec().unwrap());
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn write_from_device_changes_exactly_the_view_bytes() {
    let dev = dev();
    let d = tmp("writeback");
    let p = d.join("w.dat");
    let (n, m) = (9, 10);
    let orig = iota(n * m);
    write_raw(&p, 7, &orig);
    let mm = Memmap::<f32>::open(&p, MapMode::ReadWrite, [n, m], Order::C, 7).unwrap();
    // mm[1::3, ::-2] = device values
    let v = mm.slice(s![1..;3, ..;-2]).unwrap();
    assert_eq!(v.shape(), &[3, 5]);
    let vals: Vec<f32> = (0..15).map(|i| 1000.0 + i as f32).collect();
    let a = Array::from_slice(&dev, &vals, [3, 5]).unwrap();
    let down = dev.transfer_stats().downloaded_bytes;
    v.write_from(&a).unwrap();
    assert_eq!(dev.transfer_stats().downloaded_bytes - down, 60);
    mm.flush().unwrap();
    let mut want = orig.clone();
    for (r, i) in (1..n).step_by(3).enumerate() {
        for (c, j) in (0..m).rev().step_by(2).enumerate() {
            want[i * m + j] = vals[r * 5 + c];
        }
    }
    let file = std::fs::read(&p).unwrap();
    assert_eq!(&file[..7], &[0xAA; 7]);
    assert_eq!(&file[7..], &f32_bytes(&want)[..]);
    if numpy() {
        let out = python(&format!(
            "import numpy as np; m = np.memmap({:?}, np.float32, 'r', 7, ({n}, {m})); \
             print(' '.join(str(float(x)) for x in m[1::3, ::-2].ravel()))",
            p.display().to_string()
        ));
        let np: Vec<f32> = out.split_whitespace().map(|x| x.parse().unwrap()).collect();
        assert_eq!(np, vals);
    }

    // a transposed device array into a C view, and a shape mismatch
    let t = Array::from_slice(&dev, &iota(6), [2, 3]).unwrap().t();
    mm.slice(s![..3, ..2]).unwrap().write_from(&t).unwrap();
    assert_eq!(
        mm.slice(s![..3, ..2]).unwrap().to_vec().unwrap(),
        t.to_vec().unwrap()
    );
    assert!(matches!(
        mm.slice(s![..2, ..2]).unwrap().write_from(&t),
        Err(Error::ShapeMismatch { .. })
    ));

    // read-only mode and broadcast views refuse
    let r = Memmap::<f32>::open(&p, MapMode::ReadOnly, [n, m], Order::C, 7).unwrap();
    let row = Array::from_slice(&dev, &[0.0f32; 10], [10]).unwrap();
    assert!(matches!(
        r.slice(s![0]).unwrap().write_from(&row),
        Err(Error::ReadOnly { .. })
    ));
    let b = mm.slice(s![0]).unwrap().broadcast_to([2, 10]).unwrap();
    let two = Array::from_slice(&dev, &[0.0f32; 20], [2, 10]).unwrap();
    assert!(matches!(b.write_from(&two), Err(Error::ReadOnly { .. })));

    // copy-on-write: the map changes, the file does not
    let before = std::fs::read(&p).unwrap();
    let c = Memmap::<f32>::open(&p, MapMode::CopyOnWrite, [n, m], Order::C, 7).unwrap();
    c.slice(s![0]).unwrap().write_from(&row).unwrap();
    c.flush().unwrap();
    assert_eq!(c.slice(s![0]).unwrap().to_vec().unwrap(), vec![0.0; 10]);
    assert_eq!(std::fs::read(&p).unwrap(), before);

    let _ = std::fs::remove_dir_all(&d);
}

/// A `.npy` header with a hand-written descr (e.g. big-endian).
fn npy_with_descr(descr: &str, shape: &str, data: &[u8]) -> Vec<u8> {
    let mut text = format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}");
    while (10 + text.len() + 1) % 64 != 0 {
        text.push(' ');
    }
    text.push('\n');
    let mut b = b"\x93NUMPY\x01\x00".to_vec();
    b.extend((text.len() as u16).to_le_bytes());
    b.extend(text.as_bytes());
    b.extend(data);
    b
}

#[test]
fn npy_files_create_open_and_numpy_agrees() {
    let dev = dev();
    let d = tmp("npy");
    let p = d.join("a.npy");
    let mm = Memmap::<i32>::create_npy(&p, [5, 3], Order::F).unwrap();
    assert_eq!((mm.mode(), mm.is_f_contiguous()), (MapMode::Create, true));
    assert_eq!(mm.base_offset_bytes() % 64, 0);
    let a = Array::<i32>::arange(&dev, 0, 15, 1)
        .unwrap()
        .reshape([5, 3])
        .unwrap();
    mm.write_from(&a).unwrap();
    mm.flush().unwrap();
    drop(mm);

    let r = Memmap::<i32>::open_npy(&p, MapMode::ReadOnly).unwrap();
    assert_eq!(r.shape(), &[5, 3]);
    assert!(r.is_f_contiguous());
    assert_eq!(r.to_vec().unwrap(), (0..15).collect::<Vec<i32>>());
    assert_eq!(
        r.to_device(&dev).unwrap().to_vec().unwrap(),
        a.to_vec().unwrap()
    );
    // r+ writes reach the file
    let rw = Memmap::<i32>::open_npy(&p, MapMode::ReadWrite).unwrap();
    rw.set([4, 2], -1).unwrap();
    rw.flush().unwrap();
    assert_eq!(
        Memmap::<i32>::open_npy(&p, MapMode::CopyOnWrite)
            .unwrap()
            .get([4, 2])
            .unwrap(),
        -1
    );
    // wrong dtype, create mode
    assert!(matches!(
        Memmap::<f32>::open_npy(&p, MapMode::ReadOnly),
        Err(Error::DTypeMismatch {
            requested: "float32",
            ..
        })
    ));
    assert!(matches!(
        Memmap::<i32>::open_npy(&p, MapMode::Create),
        Err(Error::InvalidArgument { .. })
    ));

    if numpy() {
        let out = python(&format!(
            "import numpy as np; a = np.load({:?}); \
             print(a.dtype, a.shape, a.flags.f_contiguous, ' '.join(map(str, a.ravel())))",
            p.display().to_string()
        ));
        let mut want = "int32 (5, 3) True".to_string();
        for i in 0..5 {
            for j in 0..3 {
                want += &format!(" {}", if (i, j) == (4, 2) { -1 } else { i * 3 + j });
            }
        }
        assert_eq!(out.trim(), want);
        // a file NumPy wrote (float64, C order, version 1.0)
        let q = d.join("np.npy");
        python(&format!(
            "import numpy as np; np.save({:?}, np.arange(12.0).reshape(3, 4) / 4)",
            q.display().to_string()
        ));
        let m = Memmap::<f64>::open_npy(&q, MapMode::ReadOnly).unwrap();
        assert_eq!(m.shape(), &[3, 4]);
        assert_eq!(
            m.slice(s![.., 1]).unwrap().to_vec().unwrap(),
            vec![0.25, 1.25, 2.25]
        );
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn hostile_files_and_arguments_are_errors() {
    let d = tmp("hostile");
    let p = d.join("short.dat");
    write_raw(&p, 0, &iota(10));
    // too short: 40 bytes, 4 * 3 * 4 + 1 needed
    let e = Memmap::<f32>::open(&p, MapMode::ReadOnly, [4, 3], Order::C, 1).unwrap_err();
    match &e {
        Error::InvalidArgument { reason, .. } => {
            assert!(
                reason.contains("40 bytes") && reason.contains("49"),
                "{reason}"
            )
        }
        e => panic!("{e:?}"),
    }
    // r+ and c never extend the file
    assert!(Memmap::<f32>::open(&p, MapMode::ReadWrite, [11], Order::C, 0).is_err());
    assert!(Memmap::<f32>::open(&p, MapMode::CopyOnWrite, [11], Order::C, 0).is_err());
    assert_eq!(std::fs::metadata(&p).unwrap().len(), 40);
    // shape overflow, offset overflow, missing file
    assert!(matches!(
        Memmap::<f32>::open(&p, MapMode::ReadOnly, [1 << 40, 1 << 40], Order::C, 0),
        Err(Error::TooBig { .. })
    ));
    assert!(matches!(
        Memmap::<f32>::open(&p, MapMode::ReadOnly, [4], Order::C, u64::MAX - 3),
        Err(Error::Overflow { .. })
    ));
    assert!(matches!(
        Memmap::<f32>::open(d.join("nope"), MapMode::ReadOnly, [1], Order::C, 0),
        Err(Error::Io { .. })
    ));
    // bad indices and lengths
    let mm = Memmap::<f32>::open(&p, MapMode::ReadWrite, [2, 5], Order::C, 0).unwrap();
    assert!(matches!(
        mm.get([2, 0]),
        Err(Error::IndexOutOfBounds { axis: 0, .. })
    ));
    assert!(matches!(
        mm.get([0, -6]),
        Err(Error::IndexOutOfBounds { axis: 1, .. })
    ));
    assert!(matches!(mm.get([0]), Err(Error::InvalidArgument { .. })));
    assert!(matches!(
        mm.copy_from_slice(&[1.0; 3]),
        Err(Error::DataLength { .. })
    ));
    assert!(mm.slice(s![.., 9]).is_err());
    assert!(mm.transpose([0, 0]).is_err());

    // .npy: garbage, truncated header, data shorter than the header says,
    // big-endian data, unknown dtype
    let q = d.join("bad.npy");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("garbage", b"not a npy file at all".to_vec()),
        ("empty", vec![]),
        (
            "truncated header",
            npy_with_descr("<f4", "(3,)", &[])[..20].to_vec(),
        ),
        ("short data", npy_with_descr("<f4", "(3,)", &[0; 11])),
        (
            "huge shape",
            npy_with_descr("<f4", "(4611686018427387904, 4)", &[0; 8]),
        ),
        ("big-endian", npy_with_descr(">f4", "(3,)", &[0; 12])),
        ("unknown dtype", npy_with_descr("<c8", "(3,)", &[0; 24])),
    ];
    for (name, bytes) in cases {
        std::fs::write(&q, &bytes).unwrap();
        let e = Memmap::<f32>::open_npy(&q, MapMode::ReadOnly).unwrap_err();
        assert!(matches!(e, Error::Format { .. }), "{name}: {e:?}");
        if name == "big-endian" {
            assert!(e.to_string().contains("big-endian"), "{e}");
        }
    }
    // a big-endian 1-byte type has no byte order: it maps
    std::fs::write(&q, npy_with_descr("|u1", "(3,)", &[1, 2, 3])).unwrap();
    let u = Memmap::<u8>::open_npy(&q, MapMode::ReadOnly).unwrap();
    assert_eq!(u.to_vec().unwrap(), vec![1, 2, 3]);
    // bool bytes other than 0/1 cannot go to the device
    std::fs::write(&q, npy_with_descr("|b1", "(3,)", &[1, 2, 0])).unwrap();
    let b = Memmap::<bool>::open_npy(&q, MapMode::ReadOnly).unwrap();
    assert!(matches!(
        b.to_device(&dev()),
        Err(Error::InvalidArgument { .. })
    ));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn empty_and_zero_d_memmaps() {
    let dev = dev();
    let d = tmp("empty");
    let p = d.join("e.dat");
    let e = Memmap::<f64>::open(&p, MapMode::Create, [0, 4], Order::C, 0).unwrap();
    assert_eq!(e.to_vec().unwrap(), Vec::<f64>::new());
    let a = e.to_device(&dev).unwrap();
    assert_eq!(a.shape(), &[0, 4]);
    let z = Memmap::<u16>::open(d.join("z.dat"), MapMode::Create, [], Order::C, 2).unwrap();
    z.set([], 513).unwrap();
    assert_eq!(z.to_device(&dev).unwrap().item().unwrap(), 513);
    z.flush().unwrap();
    assert_eq!(std::fs::read(d.join("z.dat")).unwrap(), vec![0, 0, 1, 2]);
    let _ = std::fs::remove_dir_all(&d);
}

/// The async forms can move between threads (an executor's worker pool):
/// the mapping's lock is never held across an await.
#[test]
fn async_forms_are_send() {
    fn send<F: std::future::Future + Send>(_: F) {}
    let d = tmp("send");
    let p = d.join("send.dat");
    let mm = Memmap::<f32>::open(&p, MapMode::Create, [4], Order::C, 0).unwrap();
    let a = Array::<f32>::zeros(&dev(), [4]).unwrap();
    send(mm.write_from_async(&a));
    mm.write_from(&a).unwrap();
    drop(mm);
    let _ = std::fs::remove_dir_all(&d);
}
