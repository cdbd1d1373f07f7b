//! float64 `exp`, `log`, `sin`, `cos`, `tanh` and `pow` against NumPy 2.4.
//! WGSL on Vulkan has these for 16- and 32-bit floats only, so float64
//! computes them in software (`shaders/f64_math.wgsl`); this file checks
//! them over the whole domain: log-spaced magnitudes of both signs, values
//! near 0, subnormals, the overflow and underflow thresholds of exp, near 1
//! for log, multiples of pi/2 and huge arguments (1e22, 1e300, 2^1023, the
//! double closest to a multiple of pi/2) for sin and cos, C99's special
//! cases for pow on a grid, integer and half-integer exponents, negative
//! bases with integer exponents, and powers that overflow, underflow or
//! give subnormals.
//!
//! A result must be within 2 ulps of the expected value (4 for pow);
//! NaN must be NaN, and infinities, zeros (with their sign) and every
//! result for a non-finite or zero argument (or a base of +-1) must match
//! exactly. Measured on lavapipe with the data below: at most 1 ulp from
//! NumPy for each of the six functions (sin and cos over every range,
//! Payne-Hanek reduction included); against correctly rounded values
//! (mpmath, 40 000-60 000 random inputs each) the largest errors were
//! exp 0.60, log 0.50, sin 0.72, cos 0.72, tanh 0.67 and pow 0.74 ulp.
//!
//! Expected values are NumPy's, except where NumPy is more than 1 ulp from
//! the correctly rounded value (computed with mpmath), where the correctly
//! rounded value is used; the generator prints those cases. With this data
//! there are two: cos(+-5.319372648326541e255) (6381956970095103 * 2^797,
//! the double closest to a multiple of pi/2), where NumPy's SIMD cos is 8
//! ulps off.
//!
//! The inputs and expected bits are a fixture,
//! `tests/fixtures/float64_math.txt`, written by the committed script
//! `tests/fixtures/float64_math.py` (NumPy and mpmath):
//! `python3 tests/fixtures/float64_math.py tests/fixtures/float64_math.txt`.

#![allow(clippy::unreadable_literal)]

mod common;

use common::dev;
use ndgpu::{Array, Result};

/// Distance in ulps between two finite doubles, through the usual
/// sign-magnitude to two's-complement ordering.
fn ulps(a: f64, b: f64) -> u64 {
    let ord = |v: f64| -> i128 {
        let b = v.to_bits();
        if b >> 63 == 1 {
            -((b & !(1u64 << 63)) as i128)
        } else {
            b as i128
        }
    };
    (ord(a) - ord(b)).unsigned_abs() as u64
}

/// Compares `got` with `want` (see the top of the file); `exact[i]` marks
/// results that must match bit for bit. Returns the largest distance.
fn check(
    name: &str,
    args: &[String],
    got: &[f64],
    want: &[f64],
    exact: &[bool],
    bound: u64,
) -> u64 {
    assert_eq!(got.len(), want.len(), "{name}");
    let mut worst = 0;
    let mut at = String::new();
    let mut errs = Vec::new();
    for i in 0..got.len() {
        let (g, w) = (got[i], want[i]);
        let ok = if w.is_nan() {
            g.is_nan()
        } else if exact[i] || !w.is_finite() || w == 0.0 {
            g.to_bits() == w.to_bits()
        } else if !g.is_finite() || g == 0.0 {
            false
        } else {
            let d = ulps(g, w);
            if d > worst {
                worst = d;
                at.clone_from(&args[i]);
            }
            d <= bound
        };
        if !ok {
            errs.push(format!(
                "{name}({}): expected {w:e} ({:#x}), got {g:e} ({:#x})",
                args[i],
                w.to_bits(),
                g.to_bits()
            ));
        }
    }
    eprintln!(
        "{name}: {} inputs, at most {worst} ulp from NumPy (at {at})",
        got.len()
    );
    for e in errs.iter().take(40) {
        eprintln!("MISMATCH {e}");
    }
    assert!(errs.is_empty(), "{name}: {} mismatches", errs.len());
    worst
}

fn unary(name: &str, data: &[u64], f: impl Fn(&Array<f64>) -> Result<Array<f64>>) {
    let d = dev();
    let x: Vec<f64> = data.chunks(2).map(|c| f64::from_bits(c[0])).collect();
    let want: Vec<f64> = data.chunks(2).map(|c| f64::from_bits(c[1])).collect();
    let a = Array::from_slice(&d, &x, &[x.len()]).unwrap();
    let got = f(&a).unwrap().to_vec().unwrap();
    let args: Vec<String> = x.iter().map(|v| format!("{v:e}")).collect();
    let exact: Vec<bool> = x.iter().map(|v| !v.is_finite() || *v == 0.0).collect();
    check(name, &args, &got, &want, &exact, 2);
}

#[test]
fn exp_matches_numpy() {
    unary("exp", table("exp"), |a| a.exp());
}

#[test]
fn log_matches_numpy() {
    unary("log", table("log"), |a| a.log());
}

#[test]
fn sin_matches_numpy() {
    unary("sin", table("sin"), |a| a.sin());
}

#[test]
fn cos_matches_numpy() {
    unary("cos", table("cos"), |a| a.cos());
}

#[test]
fn tanh_matches_numpy() {
    unary("tanh", table("tanh"), |a| a.tanh());
}

#[test]
fn pow_matches_numpy() {
    let d = dev();
    let a: Vec<f64> = table("pow")
        .chunks(3)
        .map(|c| f64::from_bits(c[0]))
        .collect();
    let b: Vec<f64> = table("pow")
        .chunks(3)
        .map(|c| f64::from_bits(c[1]))
        .collect();
    let want: Vec<f64> = table("pow")
        .chunks(3)
        .map(|c| f64::from_bits(c[2]))
        .collect();
    let x = Array::from_slice(&d, &a, &[a.len()]).unwrap();
    let y = Array::from_slice(&d, &b, &[b.len()]).unwrap();
    let got = x.pow(&y).unwrap().to_vec().unwrap();
    let args: Vec<String> = a
        .iter()
        .zip(&b)
        .map(|(a, b)| format!("{a:e}, {b:e}"))
        .collect();
    let exact: Vec<bool> = a
        .iter()
        .zip(&b)
        .map(|(&a, &b)| !a.is_finite() || !b.is_finite() || a == 0.0 || b == 0.0 || a.abs() == 1.0)
        .collect();
    check("pow", &args, &got, &want, &exact, 4);
}

/// A scalar exponent travels in the kernel's metadata; exactly
/// representable powers come out exact. NumPy: [2, -2, 0.5, -3] ** 3 =
/// [8, -8, 0.125, -27]; 2 ** [-1074, 1023, 1024] = [5e-324, 8.98846567e307,
/// inf]; (-8) ** (1/3) = nan.
#[test]
fn pow_with_a_scalar_exponent_and_exact_results() {
    let d = dev();
    let x = Array::from_slice(&d, &[2.0f64, -2.0, 0.5, -3.0], &[4]).unwrap();
    assert_eq!(
        x.pow(3.0).unwrap().to_vec().unwrap(),
        vec![8.0, -8.0, 0.125, -27.0]
    );
    let e = Array::from_slice(&d, &[-1074.0f64, 1023.0, 1024.0], &[3]).unwrap();
    let two = Array::from_slice(&d, &[2.0f64; 3], &[3]).unwrap();
    assert_eq!(
        two.pow(&e).unwrap().to_vec().unwrap(),
        vec![f64::from_bits(1), 2f64.powi(1023), f64::INFINITY]
    );
    let m = Array::from_slice(&d, &[-8.0f64], &[1]).unwrap();
    assert!(m.pow(1.0 / 3.0).unwrap().to_vec().unwrap()[0].is_nan());
}

// ----- the fixture ---------------------------------------------------------------

/// The fixture's records for `name` (exp, log, sin, cos, tanh: x and
/// expected bits; pow: a, b and expected bits), flattened.
fn table(name: &str) -> &'static [u64] {
    static T: std::sync::OnceLock<std::collections::HashMap<&'static str, Vec<u64>>> =
        std::sync::OnceLock::new();
    let t = T.get_or_init(|| {
        let mut t = std::collections::HashMap::new();
        let text = include_str!("fixtures/float64_math.txt");
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let mut w = line.split(' ');
            let name = w.next().expect("a name");
            let v: &mut Vec<u64> = t.entry(name).or_default();
            v.extend(w.map(|x| u64::from_str_radix(x, 16).expect("hex bits")));
        }
        t
    });
    t.get(name)
        .map(|v| v.as_slice())
        .expect("a table of the fixture")
}
