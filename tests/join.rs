//! Copies that join and repeat: `concatenate`, `stack`, `hstack`,
//! `vstack`, `dstack`, `column_stack`, `repeat`, `tile`, for every dtype
//! on contiguous, transposed, offset, negative-stride, broadcast, size-1,
//! empty and 0-d inputs (and inputs from two buffers).
//!
//! The expected shapes, byte strides (the output's memory order), flags,
//! values and errors are NumPy 2.4.6's, in `tests/fixtures/join.txt`,
//! written by the committed `tests/fixtures/join.py`. Every result must be
//! a new array (no base, its own buffer).

mod common;
#[path = "common/named_views.rs"]
mod named_views;

use common::dev;
use half::f16;
use named_views::{bits, input, list, parent};
use ndgpu::{
    Array, Device, Element, Error, Repeats, column_stack, concatenate, dstack, hstack, s, stack,
    vstack,
};

const FIXTURE: &str = include_str!("fixtures/join.txt");

/// The views named in the fixture: those of the first parent, and with a
/// `2` suffix those of the second.
fn input2<T: Element>(p1: &Array<T>, p2: &Array<T>, name: &str) -> Array<T> {
    match name.strip_suffix('2') {
        Some(n) => input(p2, n),
        None => input(p1, name),
    }
}

/// Checks a result against `shape/strides/flags/values`; strides on the
/// axes that step (NumPy's are arbitrary elsewhere).
fn check<T: Element>(what: &str, a: &Array<T>, want: &str, inputs: &[Array<T>]) {
    let f: Vec<&str> = want.split('/').collect();
    let (shape, strides): (Vec<usize>, Vec<isize>) = (list(f[0]), list(f[1]));
    assert_eq!(a.shape(), shape.as_slice(), "{what}: shape");
    if a.size() > 0 {
        for (k, &n) in shape.iter().enumerate() {
            if n > 1 {
                assert_eq!(a.strides_bytes()[k], strides[k], "{what}: stride {k}");
            }
        }
    }
    let flags = a.flags();
    assert_eq!(flags.c_contiguous, f[2].contains('C'), "{what}: C");
    assert_eq!(flags.f_contiguous, f[2].contains('F'), "{what}: F");
    assert!(
        flags.writeable && flags.owndata && a.base().is_none(),
        "{what}: a new array"
    );
    assert!(
        inputs.iter().all(|i| !a.same_buffer(i)),
        "{what}: its own buffer"
    );
    let got: Vec<u64> = a.to_vec().unwrap().into_iter().map(bits).collect();
    assert_eq!(got, list::<u64>(f[3]), "{what}: values");
}

fn records<T: Element>() {
    let d = dev();
    let (p1, p2) = (parent::<T>(&d, 7), parent::<T>(&d, 11));
    let mut n = 0;
    for line in FIXTURE.lines() {
        let (head, result) = line.split_once(" => ").unwrap();
        let h: Vec<&str> = head.split(' ').collect();
        if h[1] != T::DTYPE.name() {
            continue;
        }
        n += 1;
        let got = match h[0] {
            "repeat" | "tile" => {
                let x = input2(&p1, &p2, h[2]);
                if h[0] == "tile" {
                    x.tile(list::<usize>(h[3]))
                } else {
                    let r: Repeats = match h[3].strip_prefix('l') {
                        Some(l) => list::<usize>(l).into(),
                        None => h[3].parse::<usize>().unwrap().into(),
                    };
                    let axis = (h[4] != "None").then(|| h[4].parse::<isize>().unwrap());
                    x.repeat(r, axis)
                }
            }
            op => {
                let names: Vec<&str> = if h[2] == "-" {
                    vec![]
                } else {
                    h[2].split(',').collect()
                };
                let xs: Vec<Array<T>> = names.iter().map(|n| input2(&p1, &p2, n)).collect();
                match op {
                    "concatenate" => {
                        let axis = (h[3] != "None").then(|| h[3].parse::<isize>().unwrap());
                        concatenate(&xs, axis)
                    }
                    "stack" => stack(&xs, h[3].parse().unwrap()),
                    "hstack" => hstack(&xs),
                    "vstack" => vstack(&xs),
                    "dstack" => dstack(&xs),
                    "column_stack" => column_stack(&xs),
                    op => panic!("unknown op {op}"),
                }
            }
        };
        match result.split_once(' ') {
            Some(("err", msg)) => {
                let e = got.unwrap_err();
                assert!(e.to_string().contains(msg), "{line}: {e} lacks {msg:?}");
                assert!(
                    e.to_string().starts_with(h[0]),
                    "{line}: {e} names the call"
                );
            }
            _ => {
                let a = got.unwrap_or_else(|e| panic!("{line}: {e}"));
                check(
                    line,
                    &a,
                    result.split(' ').nth(1).unwrap(),
                    &[p1.clone(), p2.clone()],
                );
            }
        }
    }
    assert!(n > 50, "{}: {n} records", T::DTYPE);
}

macro_rules! per_dtype {
    ($($name:ident: $t:ty),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                records::<$t>();
            }
        )*
    };
}

per_dtype! {
    numpy_table_bool: bool, numpy_table_int8: i8, numpy_table_uint8: u8,
    numpy_table_int16: i16, numpy_table_uint16: u16, numpy_table_float16: f16,
    numpy_table_int32: i32, numpy_table_uint32: u32, numpy_table_float32: f32,
    numpy_table_int64: i64, numpy_table_uint64: u64, numpy_table_float64: f64,
}

/// Allocations (from the driver or the pool) made by `f` on a device of
/// its own.
fn allocations<R>(d: &Device, f: impl FnOnce() -> R) -> (R, u64) {
    let count = |d: &Device| {
        let s = d.memory_stats();
        s.driver_allocations + s.pool_hits
    };
    let before = count(d);
    let r = f();
    (r, count(d) - before)
}

#[test]
fn inputs_are_read_in_place() {
    // A device of its own, so that no other test's allocations count.
    let d = Device::new().unwrap();
    let a = Array::<f32>::arange(&d, 0.0, 64.0 * 48.0, 1.0)
        .unwrap()
        .reshape([64, 48])
        .unwrap();
    let b = Array::<f32>::arange(&d, 0.0, 64.0 * 32.0, 1.0)
        .unwrap()
        .reshape([64, 32])
        .unwrap();
    // concatenate([a.T, b.T]) (48+32, 64): one allocation, the output.
    let (c, n) = allocations(&d, || concatenate(&[a.t(), b.t()], 0).unwrap());
    assert_eq!(n, 1, "only the output is allocated");
    assert_eq!(c.strides_bytes(), vec![4, 320], "F-ordered, as NumPy's");
    let want: Vec<f32> = {
        let (at, bt) = (a.t().copy().unwrap(), b.t().copy().unwrap());
        let mut v = at.to_vec().unwrap();
        v.extend(bt.to_vec().unwrap());
        v
    };
    assert_eq!(c.ascontiguousarray().unwrap().to_vec().unwrap(), want);
    // stack of stepped, reversed and broadcast views; repeat and tile of
    // a transposed view: one allocation each.
    let (_, n) = allocations(&d, || {
        let x = a.slice(s![..;-2, ..;3]).unwrap();
        let y = a
            .slice(s![0..1, ..;3])
            .unwrap()
            .broadcast_to([32, 16])
            .unwrap();
        stack(&[x, y], 1).unwrap()
    });
    assert_eq!(n, 1);
    let (_, n) = allocations(&d, || a.t().repeat(3, Some(1)).unwrap());
    assert_eq!(n, 1);
    let (_, n) = allocations(&d, || a.t().repeat(2, None).unwrap());
    assert_eq!(n, 1);
    let (_, n) = allocations(&d, || a.t().tile([2, 3]).unwrap());
    assert_eq!(n, 1);
}

#[test]
fn errors_name_the_call_axis_and_shapes() {
    let d = dev();
    let a = Array::<i32>::zeros(&d, [2, 3]).unwrap();
    let b = Array::<i32>::zeros(&d, [2, 2]).unwrap();
    let e = concatenate(&[&a, &b], 0).unwrap_err();
    let m = e.to_string();
    assert!(m.starts_with("concatenate: "), "{m}");
    assert!(
        m.contains("along dimension 1") && m.contains("concatenation axis 0"),
        "{m}"
    );
    assert!(m.contains("(2, 3)") && m.contains("(2, 2)"), "{m}");
    assert!(matches!(
        concatenate(&[&a, &b], 2).unwrap_err(),
        Error::AxisOutOfBounds {
            op: "concatenate",
            axis: 2,
            ndim: 2
        }
    ));
    let e = stack(&[&a, &b], 0).unwrap_err().to_string();
    assert!(e.contains("(2, 3)") && e.contains("(2, 2)"), "{e}");
    let e = vstack::<i32, Array<i32>>(&[]).unwrap_err().to_string();
    assert!(
        e.starts_with("vstack: ") && e.contains("need at least one array"),
        "{e}"
    );
    let e = a.repeat([1, 2], Some(1)).unwrap_err().to_string();
    assert!(e.starts_with("repeat: ") && e.contains("(3,) (2,)"), "{e}");
    // Sizes past NumPy's limit are errors, not panics.
    assert!(a.repeat(usize::MAX, None).is_err());
    assert!(a.repeat([usize::MAX, 1, 1], Some(1)).is_err());
    assert!(a.tile([usize::MAX, 2]).is_err());
    let huge = a.broadcast_to([1 << 40, 2, 3]).unwrap();
    assert!(matches!(
        concatenate(&[&huge, &huge], 0),
        Err(Error::TooBig { .. })
            | Err(Error::LimitExceeded { .. })
            | Err(Error::OutOfMemory { .. })
    ));
    // Arrays of two devices.
    let other = Device::new().unwrap();
    let c = Array::<i32>::zeros(&other, [2, 3]).unwrap();
    assert!(matches!(
        concatenate(&[&a, &c], 0).unwrap_err(),
        Error::DeviceMismatch { op: "concatenate" }
    ));
}

#[test]
fn tile_and_repeat_of_large_counts() {
    let d = dev();
    // np.tile(np.arange(3, dtype=np.uint8), 1000) and np.repeat(..., 1000)
    // (packed bytes written by many invocations per word).
    let a = Array::<u8>::arange(&d, 0, 3, 1).unwrap();
    let t = a.tile([1000]).unwrap().to_vec().unwrap();
    assert!(t.iter().enumerate().all(|(i, &v)| v as usize == i % 3));
    let r = a.repeat(1000, None).unwrap().to_vec().unwrap();
    assert!(r.iter().enumerate().all(|(i, &v)| v as usize == i / 1000));
    // Per-element counts with many runs: one launch per run, batched.
    let counts: Vec<usize> = (0..600).map(|i| i % 3).collect();
    let x = Array::<f16>::arange(
        &d,
        f16::from_f32(0.0),
        f16::from_f32(600.0),
        f16::from_f32(1.0),
    )
    .unwrap();
    let y = x.repeat(&counts, Some(0)).unwrap().to_vec().unwrap();
    let want: Vec<f16> = (0..600)
        .flat_map(|i| std::iter::repeat_n(f16::from_f32(i as f32), i % 3))
        .collect();
    assert_eq!(y, want);
}
