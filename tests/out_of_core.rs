//! `ndgpu::io::OutOfCore`: sum, mean, min and max of memory-mapped files
//! eight times larger than the device-memory budget, for float32, float64,
//! int32 and uint8, over every axis and along each one, on C-ordered,
//! F-ordered and stepped views. Expected values: a CPU reference (exact
//! i128 sums for integers, f64 sums for floats) always, and NumPy 2.4.6
//! reading the same file where python3 with NumPy is present.
//!
//! Float tolerance: the device sums each chunk as a tree (error at most
//! about log2(rows) * eps * sum|x|) and adds the chunks' sums one after
//! another (at most chunks * eps * sum|x| more), so a sum is within
//! (log2(n) + chunks + 2) * eps * sum|x| of the exact one; NumPy's
//! pairwise sum is within log2(n) * eps * sum|x|, so the two differ by at
//! most twice that. Integer sums, every min and max are exact.

mod common;

use std::path::{Path, PathBuf};

use ndgpu::io::{MapMode, Memmap, OutOfCore, Progress};
use ndgpu::{Accumulate, Array, Device, Element, Error, Order, s};

/// A device of the test's own: the statistics an out-of-core run reports
/// (bytes uploaded, device memory held) are the device's, so tests running
/// at the same time must not share one.
fn own_device() -> Device {
    Device::new().expect("a GPU adapter (lavapipe: apt-get install mesa-vulkan-drivers)")
}

const BUDGET: u64 = 256 << 10;

fn tmp(name: &str) -> PathBuf {
    common::python::temp_dir("ooc", name)
}

fn numpy() -> bool {
    common::python::numpy_available("checking against the CPU reference only")
}

/// The elements of a result as `f64`s.
fn f64s<U: Element>(a: Array<U>) -> Vec<f64> {
    a.to_vec().unwrap().iter().map(|x| x.to_f64()).collect()
}

/// Deterministic pseudo-random values in [0, 1).
fn lcg(n: usize, seed: u64) -> Vec<f64> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

fn write_file<T: Element>(path: &Path, v: &[T]) {
    let isz = T::DTYPE.itemsize();
    let bytes: Vec<u8> = v
        .iter()
        .flat_map(|x| x.to_bits().to_le_bytes()[..isz].to_vec())
        .collect();
    std::fs::write(path, bytes).unwrap();
}

/// One output element of the reference: exact sum (i128 for integers,
/// else f64 of the values), sum of |x|, count, min, max.
#[derive(Clone, Copy, Debug)]
struct Ref {
    isum: i128,
    fsum: f64,
    abs: f64,
    n: usize,
    min: f64,
    max: f64,
}

/// The reference over a 2-D logical C-order array `v` of `shape`.
fn reference<T: Element>(v: &[T], shape: [usize; 2], axis: Option<usize>) -> Vec<Ref> {
    let [r, c] = shape;
    let outs = match axis {
        None => 1,
        Some(0) => c,
        _ => r,
    };
    let mut out = vec![
        Ref {
            isum: 0,
            fsum: 0.0,
            abs: 0.0,
            n: 0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        };
        outs
    ];
    for i in 0..r {
        for j in 0..c {
            let x = v[i * c + j];
            let o = &mut out[match axis {
                None => 0,
                Some(0) => j,
                _ => i,
            }];
            let f = x.to_f64();
            o.isum += x.to_i128().unwrap_or(0);
            o.fsum += f;
            o.abs += f.abs();
            o.n += 1;
            // NaN propagates as in NumPy
            o.min = if f.is_nan() || o.min.is_nan() {
                f64::NAN
            } else {
                o.min.min(f)
            };
            o.max = if f.is_nan() || o.max.is_nan() {
                f64::NAN
            } else {
                o.max.max(f)
            };
        }
    }
    out
}

fn eps<T: Element>() -> f64 {
    match T::DTYPE.itemsize() {
        2 => 2f64.powi(-10),
        4 => 2f64.powi(-23),
        _ => 2f64.powi(-52),
    }
}

fn is_float<T: Element>() -> bool {
    T::ZERO.to_i128().is_none()
}

fn same(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan())
}

/// Runs the four reductions on every axis choice and checks each against
/// the reference (and NumPy's values when given: `np[op][axis]`).
fn check_all<T: Accumulate>(
    dev: &Device,
    label: &str,
    mm: &Memmap<T>,
    np: Option<&Vec<Vec<Vec<f64>>>>,
) {
    let dev = dev.clone();
    let shape = [mm.shape()[0], mm.shape()[1]];
    let data = mm.to_vec().unwrap();
    let n_all = data.len() as f64;
    for (ai, axis) in [None, Some(0isize), Some(1)].into_iter().enumerate() {
        let want = reference(&data, shape, axis.map(|a| a as usize));
        let mut calls: Vec<Progress> = Vec::new();
        let mut ooc = OutOfCore::new(&dev, BUDGET).on_progress(|p| calls.push(*p));
        let sum: Vec<f64> = ooc
            .sum(mm, axis)
            .unwrap()
            .to_vec()
            .unwrap()
            .iter()
            .map(|x| x.to_f64())
            .collect();
        let st = ooc.stats();
        let isum = {
            let mut o = OutOfCore::new(&dev, BUDGET);
            let v = o.sum(mm, axis).unwrap().to_vec().unwrap();
            v.iter().map(|x| x.to_i128()).collect::<Vec<_>>()
        };
        let mean = f64s(ooc.mean(mm, axis).unwrap());
        let st_mean = ooc.stats();
        let min = f64s(ooc.min(mm, axis).unwrap());
        let st_min = ooc.stats();
        let max = f64s(ooc.max(mm, axis).unwrap());
        let st_max = ooc.stats();
        drop(ooc);
        let ctx = format!("{label} axis {axis:?}");
        // budget and chunking
        for s in [st, st_mean, st_min, st_max] {
            assert!(s.peak_device_bytes <= BUDGET, "{ctx}: {s:?}");
            assert!(s.peak_device_bytes > 0, "{ctx}: {s:?}");
            // about three chunks and their temporaries fit the budget
            let bytes = (data.len() * T::DTYPE.itemsize()) as u64;
            assert!(
                s.chunks as u64 >= (bytes * 3).div_ceil(BUDGET),
                "{ctx}: {s:?}"
            );
            assert_eq!(
                s.bytes_uploaded,
                (data.len() * T::DTYPE.itemsize()) as u64,
                "{ctx}"
            );
        }
        // progress: 4 runs, each monotone and ending at its total
        let total = (data.len() * T::DTYPE.itemsize()) as u64;
        let runs: Vec<&[Progress]> = calls
            .split_inclusive(|p| p.chunks_done == p.chunks_total)
            .collect();
        assert_eq!(runs.len(), 4, "{ctx}");
        for run in runs {
            for w in run.windows(2) {
                assert!(
                    w[1].chunks_done == w[0].chunks_done + 1 && w[1].bytes_done > w[0].bytes_done
                );
            }
            let last = run.last().unwrap();
            assert_eq!((last.bytes_done, last.bytes_total), (total, total), "{ctx}");
            assert_eq!(run.len(), last.chunks_total, "{ctx}");
        }
        assert_eq!(sum.len(), want.len(), "{ctx}");
        let chunks = st.chunks as f64;
        for (o, w) in want.iter().enumerate() {
            let tol = (n_all.log2() + chunks + 2.0) * eps::<T>() * w.abs;
            if is_float::<T>() {
                assert!(
                    (sum[o] - w.fsum).abs() <= tol,
                    "{ctx} sum[{o}] {} vs {}",
                    sum[o],
                    w.fsum
                );
                let m = w.fsum / w.n as f64;
                assert!(
                    (mean[o] - m).abs() <= tol / w.n as f64 + eps::<T>() * m.abs(),
                    "{ctx} mean[{o}] {} vs {m}",
                    mean[o]
                );
            } else {
                assert_eq!(isum[o], Some(w.isum), "{ctx} sum[{o}]");
                let m = w.isum as f64 / w.n as f64;
                assert!(
                    (mean[o] - m).abs() <= 1e-12 * m.abs().max(1.0),
                    "{ctx} mean[{o}] {} vs {m}",
                    mean[o]
                );
            }
            assert!(
                same(min[o], w.min),
                "{ctx} min[{o}] {} vs {}",
                min[o],
                w.min
            );
            assert!(
                same(max[o], w.max),
                "{ctx} max[{o}] {} vs {}",
                max[o],
                w.max
            );
        }
        if let Some(np) = np {
            for (oi, (name, got)) in [("sum", &sum), ("mean", &mean), ("min", &min), ("max", &max)]
                .into_iter()
                .enumerate()
            {
                let theirs = &np[oi][ai];
                assert_eq!(theirs.len(), got.len(), "{ctx} numpy {name}");
                for (o, (&g, &t)) in got.iter().zip(theirs).enumerate() {
                    let w = &want[o];
                    let tol = 2.0 * (n_all.log2() + chunks + 2.0) * eps::<T>() * w.abs
                        / if name == "mean" { w.n as f64 } else { 1.0 };
                    let ok = if is_float::<T>() && (name == "sum" || name == "mean") {
                        (g - t).abs() <= tol + eps::<T>() * t.abs()
                    } else if name == "mean" {
                        (g - t).abs() <= 1e-12 * t.abs().max(1.0)
                    } else {
                        same(g, t)
                    };
                    assert!(ok, "{ctx} numpy {name}[{o}]: ndgpu {g}, numpy {t}");
                }
            }
        }
    }
}

/// NumPy's sum/mean/min/max for axis None/0/1 of the memmap
/// `np.memmap(path, dtype, 'r', 0, shape, order)[index]`.
fn numpy_results(
    path: &Path,
    dtype: &str,
    shape: [usize; 2],
    order: &str,
    index: &str,
) -> Vec<Vec<Vec<f64>>> {
    let script = format!(
        "import numpy as np\n\
         m = np.memmap({:?}, np.{dtype}, 'r', 0, ({}, {}), {order:?}){index}\n\
         for op in ('sum', 'mean', 'min', 'max'):\n\
         \x20   for ax in (None, 0, 1):\n\
         \x20       r = np.atleast_1d(getattr(m, op)(axis=ax))\n\
         \x20       print(' '.join(repr(float(x)) for x in r))\n",
        path.display().to_string(),
        shape[0],
        shape[1]
    );
    let lines: Vec<Vec<f64>> = common::python::python(["-c", &script])
        .lines()
        .map(|l| l.split_whitespace().map(|x| x.parse().unwrap()).collect())
        .collect();
    assert_eq!(lines.len(), 12);
    lines.chunks(3).map(|c| c.to_vec()).collect()
}

/// A 2 MiB file of `values` (8x the budget), checked as C-ordered and as
/// F-ordered memmaps (and, for `stepped`, `mm[::3, 1::2]`).
fn check_dtype<T: Accumulate>(
    name: &str,
    npname: &str,
    shape: [usize; 2],
    values: Vec<T>,
    stepped: bool,
) {
    let dev = own_device();
    let d = tmp(name);
    let p = d.join("data.bin");
    assert_eq!(values.len() * T::DTYPE.itemsize(), 2 << 20);
    write_file(&p, &values);
    let np = numpy();
    let mm = Memmap::<T>::open(&p, MapMode::ReadOnly, shape, Order::C, 0).unwrap();
    let res = np.then(|| numpy_results(&p, npname, shape, "C", ""));
    check_all(&dev, &format!("{name} C"), &mm, res.as_ref());
    let fs = [shape[1], shape[0]];
    let mf = Memmap::<T>::open(&p, MapMode::ReadOnly, fs, Order::F, 0).unwrap();
    let res = np.then(|| numpy_results(&p, npname, fs, "F", ""));
    check_all(&dev, &format!("{name} F"), &mf, res.as_ref());
    if stepped {
        let v = mm.slice(s![..;3, 1..;2]).unwrap();
        let res = np.then(|| numpy_results(&p, npname, shape, "C", "[::3, 1::2]"));
        check_all(&dev, &format!("{name} stepped"), &v, res.as_ref());
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn float32_file_eight_times_the_budget() {
    let v: Vec<f32> = lcg(1 << 19, 1)
        .iter()
        .map(|&x| (x * 200.0 - 100.0) as f32)
        .collect();
    check_dtype("f32", "float32", [1024, 512], v, true);
}

#[test]
fn float64_file_eight_times_the_budget() {
    let v: Vec<f64> = lcg(1 << 18, 2).iter().map(|&x| x * 2e6 - 1e6).collect();
    check_dtype("f64", "float64", [512, 512], v, false);
}

#[test]
fn int32_file_eight_times_the_budget() {
    let v: Vec<i32> = lcg(1 << 19, 3)
        .iter()
        .map(|&x| (x * 4e9 - 2e9) as i32)
        .collect();
    check_dtype("i32", "int32", [256, 2048], v, false);
}

#[test]
fn uint8_file_eight_times_the_budget() {
    let v: Vec<u8> = lcg(2 << 20, 4).iter().map(|&x| (x * 256.0) as u8).collect();
    check_dtype("u8", "uint8", [2048, 1024], v, false);
}

#[test]
fn nan_propagates_and_float16_matches_in_memory() {
    let dev = own_device();
    let d = tmp("nan");
    let p = d.join("n.bin");
    let mut v: Vec<f32> = lcg(64 * 1024, 5).iter().map(|&x| x as f32).collect();
    v[700 * 64 + 9] = f32::NAN;
    write_file(&p, &v);
    let mm = Memmap::<f32>::open(&p, MapMode::ReadOnly, [1024, 64], Order::C, 0).unwrap();
    let mut ooc = OutOfCore::new(&dev, 64 << 10);
    let mx = ooc.max(&mm, Some(0)).unwrap().to_vec().unwrap();
    assert!(ooc.stats().chunks > 1);
    assert!(mx[9].is_nan() && mx.iter().filter(|x| x.is_nan()).count() == 1);
    assert!(ooc.min(&mm, None).unwrap().item().unwrap().is_nan());
    assert!(ooc.sum(&mm, Some(1)).unwrap().get([700]).unwrap().is_nan());

    // float16: sums and means accumulate in float32 and round once, as
    // the in-memory reductions do
    let h: Vec<half::f16> = lcg(1 << 16, 6)
        .iter()
        .map(|&x| half::f16::from_f64(x))
        .collect();
    let q = d.join("h.bin");
    write_file(&q, &h);
    let mh = Memmap::<half::f16>::open(&q, MapMode::ReadOnly, [256, 256], Order::C, 0).unwrap();
    let a = Array::from_slice(&dev, &h, [256, 256]).unwrap();
    let mut ooc = OutOfCore::new(&dev, 48 << 10);
    for axis in [None, Some(0isize), Some(1)] {
        let ax = axis.map(|x| [x]);
        let ours = ooc.mean(&mh, axis).unwrap().to_vec().unwrap();
        assert!(ooc.stats().chunks > 1);
        let theirs = a
            .mean(ax.as_ref().map(|x| &x[..]), false)
            .unwrap()
            .to_vec()
            .unwrap();
        for (x, y) in ours.iter().zip(&theirs) {
            // one float16 rounding of nearly equal float32 values
            assert!(
                (x.to_f64() - y.to_f64()).abs() <= 2f64.powi(-10) * y.to_f64().abs(),
                "{x} {y}"
            );
        }
        let s = ooc.sum(&mh, axis).unwrap();
        assert_eq!(s.dtype(), ndgpu::DType::F16);
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn small_budgets_empty_views_and_bad_axes_are_errors() {
    let dev = own_device();
    let d = tmp("errors");
    let p = d.join("e.bin");
    write_file(&p, &vec![1.0f32; 4096]);
    let mm = Memmap::<f32>::open(&p, MapMode::ReadOnly, [4, 1024], Order::C, 0).unwrap();
    // one row is 4 KiB: a 4 KiB budget cannot hold it and its temporaries
    let e = OutOfCore::new(&dev, 4 << 10).sum(&mm, None).unwrap_err();
    match e {
        Error::InvalidArgument { op, reason } => {
            assert_eq!(op, "OutOfCore::sum");
            assert!(
                reason.contains("4096 bytes") && reason.contains("budget of 4096"),
                "{reason}"
            );
        }
        e => panic!("{e:?}"),
    }
    assert!(matches!(
        OutOfCore::new(&dev, 1 << 20).sum(&mm, Some(2)),
        Err(Error::AxisOutOfBounds { .. })
    ));
    // the output along another axis must fit too
    let wide = Memmap::<f32>::open(&p, MapMode::ReadOnly, [4096, 1], Order::C, 0).unwrap();
    assert!(matches!(
        OutOfCore::new(&dev, 8 << 10).max(&wide.t(), Some(0)),
        Err(Error::InvalidArgument { .. })
    ));
    // empty views: NumPy's rules for nothing
    let e = mm.slice(s![..0]).unwrap();
    let mut ooc = OutOfCore::new(&dev, 1 << 20);
    assert_eq!(
        ooc.sum(&e, Some(0)).unwrap().to_vec().unwrap(),
        vec![0.0; 1024]
    );
    assert!(ooc.mean(&e, None).unwrap().item().unwrap().is_nan());
    assert!(matches!(
        ooc.min(&e, None),
        Err(Error::EmptyReduction { .. })
    ));
    // 0-d
    let z = mm.slice(s![1, 5]).unwrap();
    assert_eq!(ooc.sum(&z, None).unwrap().item().unwrap(), 1.0);
    let _ = std::fs::remove_dir_all(&d);
}
