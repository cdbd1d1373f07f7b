//! Element-wise operations swept against NumPy: every dtype, every
//! operation the dtype supports, over contiguous, transposed, offset,
//! negative-stride, broadcast (zero-stride), size-1 and empty layouts (and
//! implicit broadcasting of a row against a matrix), with the expected
//! values computed by NumPy 2.4 and stored as raw bits.
//!
//! Comparison is exact (NaN matches any NaN) except for sqrt, exp, log,
//! sin, cos, tanh and pow on floats, which may differ from NumPy's libm in
//! the last bits: float32 allows 4 ulps, float16 1 ulp, float64 (computed
//! in software, see tests/float64_math.rs) 2 ulps for exp, log, sin, cos
//! and tanh, 4 for pow and none for sqrt (finite values only; infinities
//! must match exactly). Documented differences are built in: integer `div`
//! is compared with NumPy's `floor_divide`; float-to-integer `astype` skips
//! NaN, infinities and out-of-range values (NumPy's result there is the C
//! cast's undefined behaviour); the boolean operations NumPy has no loop
//! for must fail with `Error::DTypeNotSupported`. The few remaining
//! differences are masked by the script's `known()` (each says why):
//! float16 maximum/minimum of 0.0 and -0.0 (NumPy keeps the first), for
//! float16 and float32 (WGSL's builtins on lavapipe) sin/cos beyond
//! |x| > 1e4 (accurate only inside [-pi, pi]), log of subnormals (flushed
//! to zero) and tanh within 0.01 of 0 (tens of ulps off), and NumPy's own
//! `x ** 0.5` fast path (sqrt: `(-inf) ** 0.5` is nan there).
//!
//! The expected values are a fixture, `tests/fixtures/elementwise_numpy.txt`,
//! written by `tests/fixtures/elementwise_numpy.py` (which holds the inputs,
//! the layouts, the cases and the masks described above):
//! `python3 tests/fixtures/elementwise_numpy.py tests/fixtures/elementwise_numpy.txt`.

#![allow(clippy::unreadable_literal)]

mod common;

use common::dev;
use half::f16;
use ndgpu::{Array, DType, Device, Element, Error, Float, Result, s, where_};

struct Base {
    dt: &'static str,
    a: Vec<u64>,
    b: Vec<u64>,
    p: Vec<u64>,
}

struct Case {
    kind: &'static str,
    op: &'static str,
    dt: &'static str,
    to: &'static str,
    la: &'static str,
    lb: &'static str,
    shape: Vec<usize>,
    exp: Vec<u64>,
    /// Bit i set: element i is not compared (NumPy's value is undefined).
    skip: u64,
    /// Allowed distance in ulps (transcendentals only; 0 = exact).
    tol: u32,
}

macro_rules! with_type {
    ($dt:expr, $T:ident => $body:expr) => {
        match $dt {
            "bool" => {
                type $T = bool;
                $body
            }
            "int8" => {
                type $T = i8;
                $body
            }
            "uint8" => {
                type $T = u8;
                $body
            }
            "int16" => {
                type $T = i16;
                $body
            }
            "uint16" => {
                type $T = u16;
                $body
            }
            "float16" => {
                type $T = f16;
                $body
            }
            "int32" => {
                type $T = i32;
                $body
            }
            "uint32" => {
                type $T = u32;
                $body
            }
            "float32" => {
                type $T = f32;
                $body
            }
            "int64" => {
                type $T = i64;
                $body
            }
            "uint64" => {
                type $T = u64;
                $body
            }
            "float64" => {
                type $T = f64;
                $body
            }
            other => panic!("unknown dtype {other}"),
        }
    };
}

macro_rules! with_float {
    ($dt:expr, $T:ident => $body:expr) => {
        match $dt {
            "float16" => {
                type $T = f16;
                $body
            }
            "float32" => {
                type $T = f32;
                $body
            }
            "float64" => {
                type $T = f64;
                $body
            }
            other => panic!("not a float dtype {other}"),
        }
    };
}

const FLOAT_UNARY: [&str; 6] = ["sqrt", "exp", "log", "sin", "cos", "tanh"];

fn vals<T: Element>(bits: &[u64]) -> Vec<T> {
    bits.iter().map(|&b| T::from_bits(b)).collect()
}

/// The layouts, built from a base of 24 values exactly as the generator's
/// `layouts` builds them with NumPy.
fn layout<T: Element>(d: &Device, v: &[T], l: &str) -> Array<T> {
    let m = Array::from_slice(d, v, &[4, 6]).unwrap();
    let r = match l {
        "c" => Array::from_slice(d, &v[..12], &[3, 4]),
        "t" => Ok(Array::from_slice(d, &v[..12], &[4, 3]).unwrap().t()),
        "off" => m.slice(&s![1.., 1..5]),
        "neg" => m.slice(&s![3..0;-1, 5..1;-1]),
        "bc" => Array::from_slice(d, &v[..4], &[4])
            .unwrap()
            .broadcast_to(&[3, 4]),
        "row" => Array::from_slice(d, &v[..4], &[4]),
        "one" => Array::from_slice(d, v, &[24]).unwrap().slice(&s![5..6]),
        "empty" => m.slice(&s![2..2, ..4]),
        other => panic!("unknown layout {other}"),
    };
    r.unwrap()
}

/// Distance in ulps between two finite floats of the same width, through
/// the usual sign-magnitude to two's-complement ordering.
fn ulps(dt: DType, x: u64, y: u64) -> u64 {
    let sign = match dt {
        DType::F16 => 1u64 << 15,
        DType::F32 => 1u64 << 31,
        _ => 1u64 << 63,
    };
    let ord = |v: u64| -> i128 {
        if v & sign != 0 {
            -((v & !sign) as i128)
        } else {
            v as i128
        }
    };
    (ord(x) - ord(y)).unsigned_abs() as u64
}

fn check<U: Element>(c: &Case, r: Result<Array<U>>, errs: &mut Vec<String>) {
    let tag = format!(
        "{} {} {}->{} [{} , {}]",
        c.kind, c.op, c.dt, c.to, c.la, c.lb
    );
    let r = match r {
        Ok(r) => r,
        Err(e) => {
            errs.push(format!("{tag}: error {e}"));
            return;
        }
    };
    if r.shape() != c.shape {
        errs.push(format!("{tag}: shape {:?}, NumPy {:?}", r.shape(), c.shape));
        return;
    }
    let got: Vec<u64> = r
        .to_vec()
        .unwrap()
        .into_iter()
        .map(|v| v.to_bits())
        .collect();
    assert_eq!(got.len(), c.exp.len(), "{tag}");
    for (i, (&g, &e)) in got.iter().zip(&c.exp).enumerate() {
        if c.skip >> i & 1 == 1 || g == e {
            continue;
        }
        let (gv, ev) = (U::from_bits(g), U::from_bits(e));
        if U::DTYPE.is_float() {
            let (gf, ef) = (gv.to_f64(), ev.to_f64());
            if gf.is_nan() && ef.is_nan() {
                continue;
            }
            if c.tol > 0 && gf.is_finite() && ef.is_finite() && ulps(U::DTYPE, g, e) <= c.tol as u64
            {
                continue;
            }
        }
        errs.push(format!(
            "{tag}: element {i}: NumPy {ev:?} (0x{e:x}), ndgpu {gv:?} (0x{g:x})"
        ));
    }
}

fn binary<T: Element>(op: &str, a: &Array<T>, b: &Array<T>) -> Result<Array<T>> {
    match op {
        "add" => a.add(b),
        "sub" => a.sub(b),
        "mul" => a.mul(b),
        "div" => a.div(b),
        "floor_divide" => a.floor_divide(b),
        "rem" => a.rem(b),
        "pow" => a.pow(b),
        "maximum" => a.maximum(b),
        "minimum" => a.minimum(b),
        other => panic!("unknown binary op {other}"),
    }
}

fn compare<T: Element>(op: &str, a: &Array<T>, b: &Array<T>) -> Result<Array<bool>> {
    match op {
        "eq" => a.eq(b),
        "ne" => a.ne(b),
        "lt" => a.lt(b),
        "le" => a.le(b),
        "gt" => a.gt(b),
        "ge" => a.ge(b),
        "logical_and" => a.logical_and(b),
        "logical_or" => a.logical_or(b),
        "logical_xor" => a.logical_xor(b),
        other => panic!("unknown comparison {other}"),
    }
}

fn unary<T: Element>(op: &str, a: &Array<T>) -> Result<Array<T>> {
    match op {
        "neg" => a.neg(),
        "abs" => a.abs(),
        "sign" => a.sign(),
        "floor" => a.floor(),
        "ceil" => a.ceil(),
        "round" => a.round(),
        other => panic!("unknown unary op {other}"),
    }
}

fn float_unary<T: Float>(op: &str, a: &Array<T>) -> Result<Array<T>> {
    match op {
        "sqrt" => a.sqrt(),
        "exp" => a.exp(),
        "log" => a.log(),
        "sin" => a.sin(),
        "cos" => a.cos(),
        "tanh" => a.tanh(),
        other => panic!("unknown float op {other}"),
    }
}

fn clip_bounds<T: Element>() -> (T, T) {
    let d = T::DTYPE;
    if d == DType::Bool {
        (T::from_f64(0.0), T::from_f64(1.0))
    } else if d.is_float() {
        (T::from_f64(-1.5), T::from_f64(2.0))
    } else if d.is_signed_int() {
        (T::from_f64(-3.0), T::from_f64(7.0))
    } else {
        (T::from_f64(1.0), T::from_f64(100.0))
    }
}

fn is_rejected<U: Element>(c: &Case, r: Result<Array<U>>, errs: &mut Vec<String>) {
    match r {
        Err(Error::DTypeNotSupported { .. }) => {}
        Err(e) => errs.push(format!("reject {} {}: wrong error {e}", c.op, c.dt)),
        Ok(_) => errs.push(format!("reject {} {}: accepted", c.op, c.dt)),
    }
}

fn run_case<T: Element>(d: &Device, base: &Base, c: &Case, errs: &mut Vec<String>) {
    let (a, b, p) = (vals::<T>(&base.a), vals::<T>(&base.b), vals::<T>(&base.p));
    match c.kind {
        "binary" => {
            let int_pow = c.op == "pow" && !T::DTYPE.is_float();
            let x = layout(d, &a, c.la);
            let y = layout(d, if int_pow { &p } else { &b }, c.lb);
            check(c, binary(c.op, &x, &y), errs);
        }
        "compare" | "logical" => {
            check(
                c,
                compare(c.op, &layout(d, &a, c.la), &layout(d, &b, c.lb)),
                errs,
            );
        }
        "unary" if FLOAT_UNARY.contains(&c.op) => with_float!(c.dt, F => {
            let x = layout(d, &vals::<F>(&base.a), c.la);
            check(c, float_unary(c.op, &x), errs)
        }),
        "unary" => check(c, unary(c.op, &layout(d, &a, c.la)), errs),
        "logical_not" => check(c, layout(d, &a, c.la).logical_not(), errs),
        "clip" => {
            let (lo, hi) = clip_bounds::<T>();
            check(c, layout(d, &a, c.la).clip(lo, hi), errs);
        }
        "where" => {
            let cond = layout(d, &vals::<bool>(&fixture().cond), c.la);
            let y = layout(d, &b, if c.la == "empty" { "row" } else { "c" });
            check(c, where_(&cond, &layout(d, &a, c.lb), &y), errs);
        }
        "astype" => {
            let x = layout(d, &a, c.la);
            with_type!(c.to, U => check(c, x.astype::<U>(), errs))
        }
        "reject" if FLOAT_UNARY.contains(&c.op) => with_float!(c.dt, F => {
            let x = layout(d, &vals::<F>(&base.a), "c");
            is_rejected(c, float_unary(c.op, &x), errs)
        }),
        "reject" => {
            let x = layout(d, &a, "c");
            let r = if ["neg", "sign", "floor", "ceil", "round"].contains(&c.op) {
                unary(c.op, &x)
            } else {
                binary(c.op, &x, &layout(d, &b, "c"))
            };
            is_rejected(c, r, errs);
        }
        other => panic!("unknown kind {other}"),
    }
}

fn sweep(dt: &str) {
    let d = dev();
    let base = fixture().bases.iter().find(|b| b.dt == dt).unwrap();
    let mut errs = Vec::new();
    let mut n = 0;
    for c in fixture().cases.iter().filter(|c| c.dt == dt) {
        with_type!(dt, T => run_case::<T>(&d, base, c, &mut errs));
        n += 1;
    }
    for e in &errs {
        eprintln!("MISMATCH {e}");
    }
    assert!(n > 0);
    assert!(
        errs.is_empty(),
        "{dt}: {} mismatches in {n} cases",
        errs.len()
    );
}

macro_rules! sweeps {
    ($($name:ident => $dt:literal),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                sweep($dt);
            }
        )*
    };
}

sweeps! {
    sweep_bool => "bool",
    sweep_int8 => "int8",
    sweep_uint8 => "uint8",
    sweep_int16 => "int16",
    sweep_uint16 => "uint16",
    sweep_float16 => "float16",
    sweep_int32 => "int32",
    sweep_uint32 => "uint32",
    sweep_float32 => "float32",
    sweep_int64 => "int64",
    sweep_uint64 => "uint64",
    sweep_float64 => "float64",
}

// ----- the fixture ---------------------------------------------------------------

/// The fixture's records, parsed once: bases ("B"), the `where` condition
/// ("C") and cases ("K"); see the script for the format.
struct Fixture {
    bases: Vec<Base>,
    cond: Vec<u64>,
    cases: Vec<Case>,
}

fn fixture() -> &'static Fixture {
    static F: std::sync::OnceLock<Fixture> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let text = include_str!("fixtures/elementwise_numpy.txt");
        let list = |s: &str| -> Vec<u64> {
            if s == "-" {
                Vec::new()
            } else {
                s.split(',').map(|x| x.parse().expect("a number")).collect()
            }
        };
        let mut f = Fixture {
            bases: Vec::new(),
            cond: Vec::new(),
            cases: Vec::new(),
        };
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let w: Vec<&'static str> = line.split(' ').collect();
            match w[0] {
                "B" => f.bases.push(Base {
                    dt: w[1],
                    a: list(w[2]),
                    b: list(w[3]),
                    p: list(w[4]),
                }),
                "C" => f.cond = list(w[1]),
                "K" => f.cases.push(Case {
                    kind: w[1],
                    op: w[2],
                    dt: w[3],
                    to: w[4],
                    la: w[5],
                    lb: w[6],
                    shape: list(w[7]).into_iter().map(|n| n as usize).collect(),
                    exp: list(w[8]),
                    skip: w[9].parse().expect("skip"),
                    tol: w[10].parse().expect("tol"),
                }),
                other => panic!("unknown fixture record {other}"),
            }
        }
        f
    })
}
