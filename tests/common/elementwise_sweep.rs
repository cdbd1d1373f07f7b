//! The element-wise NumPy sweep's reusable body: the fixture
//! (`tests/fixtures/elementwise_numpy.txt`, NumPy's values as raw bits) and
//! the runner of one case, shared by the native suite
//! (`tests/elementwise_numpy.rs`, which describes the cases, tolerances and
//! masks) and the browser suite (`tests/browser.rs`). Read-back is async
//! (`to_vec_async`), so the browser can await it; natively the caller
//! drives it with `pollster::block_on`.
//!
//! Included with `#[path = "common/elementwise_sweep.rs"] mod
//! elementwise_sweep;` by the two test files that use it (not from
//! `common/mod.rs`, which every test binary includes).

#![allow(dead_code, clippy::unreadable_literal)]

use half::f16;
use ndgpu::{Array, DType, Device, Element, Error, Float, Result, s, where_};

pub struct Base {
    pub dt: &'static str,
    pub a: Vec<u64>,
    pub b: Vec<u64>,
    pub p: Vec<u64>,
}

pub struct Case {
    pub kind: &'static str,
    pub op: &'static str,
    pub dt: &'static str,
    pub to: &'static str,
    pub la: &'static str,
    pub lb: &'static str,
    pub shape: Vec<usize>,
    pub exp: Vec<u64>,
    /// Bit i set: element i is not compared (NumPy's value is undefined).
    pub skip: u64,
    /// Allowed distance in ulps (transcendentals only; 0 = exact).
    pub tol: u32,
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

pub const FLOAT_UNARY: [&str; 6] = ["sqrt", "exp", "log", "sin", "cos", "tanh"];

pub fn vals<T: Element>(bits: &[u64]) -> Vec<T> {
    bits.iter().map(|&b| T::from_bits(b)).collect()
}

/// The layouts, built from a base of 24 values exactly as the generator's
/// `layouts` builds them with NumPy.
pub fn layout<T: Element>(d: &Device, v: &[T], l: &str) -> Array<T> {
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
pub fn ulps(dt: DType, x: u64, y: u64) -> u64 {
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

/// An element whose value differs from NumPy's: its index, both values'
/// bits, the operands' bits where the case has them (binary and unary
/// cases; filled in only for callers that pass an `allow`), and the line
/// that reports it.
pub struct Mismatch {
    pub i: usize,
    pub got: u64,
    pub want: u64,
    pub a: Option<u64>,
    pub b: Option<u64>,
    pub line: String,
}

/// A caller's acceptance of a documented difference (the browser's).
pub type Allow = dyn Fn(&Case, &Mismatch) -> bool;

/// Compares a result with the case: an error or a wrong shape goes to
/// `errs`; the elements that differ (beyond the case's tolerance) are
/// returned.
pub async fn check<U: Element>(
    c: &Case,
    r: Result<Array<U>>,
    errs: &mut Vec<String>,
) -> Vec<Mismatch> {
    let tag = tag(c);
    let r = match r {
        Ok(r) => r,
        Err(e) => {
            errs.push(format!("{tag}: error {e}"));
            return Vec::new();
        }
    };
    if r.shape() != c.shape {
        errs.push(format!("{tag}: shape {:?}, NumPy {:?}", r.shape(), c.shape));
        return Vec::new();
    }
    let got: Vec<u64> = match r.to_vec_async().await {
        Ok(v) => v,
        Err(e) => {
            errs.push(format!("{tag}: read-back error {e}"));
            return Vec::new();
        }
    }
    .into_iter()
    .map(|v| v.to_bits())
    .collect();
    assert_eq!(got.len(), c.exp.len(), "{tag}");
    let mut out = Vec::new();
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
        out.push(Mismatch {
            i,
            got: g,
            want: e,
            a: None,
            b: None,
            line: format!("{tag}: element {i}: NumPy {ev:?} (0x{e:x}), ndgpu {gv:?} (0x{g:x})"),
        });
    }
    out
}

fn tag(c: &Case) -> String {
    format!(
        "{} {} {}->{} [{} , {}]",
        c.kind, c.op, c.dt, c.to, c.la, c.lb
    )
}

/// The operands of each element of a binary or unary case's result (their
/// bits, broadcast to the result's shape), read back from the device: a
/// copy moves bits unchanged.
async fn operands<T: Element>(
    d: &Device,
    base: &Base,
    c: &Case,
) -> Option<(Vec<u64>, Option<Vec<u64>>)> {
    let read = |v: &[u64], l: &str| {
        let x = layout(d, &vals::<T>(v), l).broadcast_to(&c.shape).unwrap();
        async move {
            let v = x.to_vec_async().await.unwrap();
            v.into_iter().map(|v| v.to_bits()).collect::<Vec<u64>>()
        }
    };
    match c.kind {
        "unary" => Some((read(&base.a, c.la).await, None)),
        "binary" => {
            let int_pow = c.op == "pow" && !T::DTYPE.is_float();
            let b = if int_pow { &base.p } else { &base.b };
            Some((read(&base.a, c.la).await, Some(read(b, c.lb).await)))
        }
        _ => None,
    }
}

/// Reports the mismatches `allow` does not accept (all of them without
/// one) and returns how many it accepted; the operands are read for
/// `allow` only where something differs.
async fn report<T: Element>(
    d: &Device,
    base: &Base,
    c: &Case,
    mut m: Vec<Mismatch>,
    allow: Option<&Allow>,
    errs: &mut Vec<String>,
) -> usize {
    if m.is_empty() {
        return 0;
    }
    let n = m.len();
    if let Some(allow) = allow {
        if let Some((a, b)) = operands::<T>(d, base, c).await {
            for x in &mut m {
                x.a = Some(a[x.i]);
                x.b = b.as_ref().map(|b| b[x.i]);
            }
        }
        m.retain(|x| !allow(c, x));
    }
    let allowed = n - m.len();
    errs.extend(m.into_iter().map(|x| x.line));
    allowed
}

pub fn binary<T: Element>(op: &str, a: &Array<T>, b: &Array<T>) -> Result<Array<T>> {
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

pub fn compare<T: Element>(op: &str, a: &Array<T>, b: &Array<T>) -> Result<Array<bool>> {
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

pub fn unary<T: Element>(op: &str, a: &Array<T>) -> Result<Array<T>> {
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

pub fn float_unary<T: Float>(op: &str, a: &Array<T>) -> Result<Array<T>> {
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

pub fn clip_bounds<T: Element>() -> (T, T) {
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

pub fn is_rejected<U: Element>(c: &Case, r: Result<Array<U>>, errs: &mut Vec<String>) {
    match r {
        Err(Error::DTypeNotSupported { .. }) => {}
        Err(e) => errs.push(format!("reject {} {}: wrong error {e}", c.op, c.dt)),
        Ok(_) => errs.push(format!("reject {} {}: accepted", c.op, c.dt)),
    }
}

/// Runs one case of dtype `T` (the case's `dt`) and reports into `errs`
/// what differs from NumPy, less what `allow` accepts (returns how many
/// differences it accepted).
pub async fn run_case<T: Element>(
    d: &Device,
    base: &Base,
    c: &Case,
    allow: Option<&Allow>,
    errs: &mut Vec<String>,
) -> usize {
    let (a, b, p) = (vals::<T>(&base.a), vals::<T>(&base.b), vals::<T>(&base.p));
    let m = match c.kind {
        "binary" => {
            let int_pow = c.op == "pow" && !T::DTYPE.is_float();
            let x = layout(d, &a, c.la);
            let y = layout(d, if int_pow { &p } else { &b }, c.lb);
            check(c, binary(c.op, &x, &y), errs).await
        }
        "compare" | "logical" => {
            let r = compare(c.op, &layout(d, &a, c.la), &layout(d, &b, c.lb));
            check(c, r, errs).await
        }
        "unary" if FLOAT_UNARY.contains(&c.op) => with_float!(c.dt, F => {
            let x = layout(d, &vals::<F>(&base.a), c.la);
            check(c, float_unary(c.op, &x), errs).await
        }),
        "unary" => check(c, unary(c.op, &layout(d, &a, c.la)), errs).await,
        "logical_not" => check(c, layout(d, &a, c.la).logical_not(), errs).await,
        "clip" => {
            let (lo, hi) = clip_bounds::<T>();
            check(c, layout(d, &a, c.la).clip(lo, hi), errs).await
        }
        "where" => {
            let cond = layout(d, &vals::<bool>(&fixture().cond), c.la);
            let y = layout(d, &b, if c.la == "empty" { "row" } else { "c" });
            check(c, where_(&cond, &layout(d, &a, c.lb), &y), errs).await
        }
        "astype" => {
            let x = layout(d, &a, c.la);
            with_type!(c.to, U => check(c, x.astype::<U>(), errs).await)
        }
        "reject" if FLOAT_UNARY.contains(&c.op) => with_float!(c.dt, F => {
            let x = layout(d, &vals::<F>(&base.a), "c");
            is_rejected(c, float_unary(c.op, &x), errs);
            Vec::new()
        }),
        "reject" => {
            let x = layout(d, &a, "c");
            let r = if ["neg", "sign", "floor", "ceil", "round"].contains(&c.op) {
                unary(c.op, &x)
            } else {
                binary(c.op, &x, &layout(d, &b, "c"))
            };
            is_rejected(c, r, errs);
            Vec::new()
        }
        other => panic!("unknown kind {other}"),
    };
    report::<T>(d, base, c, m, allow, errs).await
}

/// What one dtype's sweep did: cases run, cases the caller's filter
/// skipped, differences the caller's `allow` accepted, and every other
/// mismatch (one line each, naming the case).
pub struct Outcome {
    pub ran: usize,
    pub skipped: usize,
    pub allowed: usize,
    pub errs: Vec<String>,
}

/// Cases in flight at once: each records its operations and starts its
/// read-back, and then they are awaited together (in a browser each
/// read-back is a round trip through the event loop).
const IN_FLIGHT: usize = 32;

/// Runs every case of dtype `dt` for which `skip` is false; `allow`, where
/// given, accepts documented differences (see [`Mismatch`]).
pub async fn sweep(
    d: &Device,
    dt: &str,
    skip: impl Fn(&Case) -> bool,
    allow: Option<&Allow>,
) -> Outcome {
    let base = fixture().bases.iter().find(|b| b.dt == dt).unwrap();
    let (run, skipped): (Vec<&Case>, Vec<&Case>) = fixture()
        .cases
        .iter()
        .filter(|c| c.dt == dt)
        .partition(|c| !skip(c));
    let mut out = Outcome {
        ran: run.len(),
        skipped: skipped.len(),
        allowed: 0,
        errs: Vec::new(),
    };
    with_type!(dt, T => {
        for chunk in run.chunks(IN_FLIGHT) {
            let done = futures::future::join_all(chunk.iter().map(|&c| async move {
                let mut errs = Vec::new();
                let allowed = run_case::<T>(d, base, c, allow, &mut errs).await;
                (allowed, errs)
            }))
            .await;
            for (allowed, errs) in done {
                out.allowed += allowed;
                out.errs.extend(errs);
            }
        }
    });
    out
}

// ----- the fixture ---------------------------------------------------------------

/// The fixture's records, parsed once: bases ("B"), the `where` condition
/// ("C") and cases ("K"); see the script for the format.
pub struct Fixture {
    pub bases: Vec<Base>,
    pub cond: Vec<u64>,
    pub cases: Vec<Case>,
}

pub fn fixture() -> &'static Fixture {
    static F: std::sync::OnceLock<Fixture> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let text = include_str!("../fixtures/elementwise_numpy.txt");
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
