//! floor, ceil, trunc and round (half to even) for float16/32/64, computed
//! on the bits (`src/float_wgsl.rs`), not by the driver: lavapipe's float64
//! `round` rounds half away from zero on AVX2 machines (reproduce with
//! `GALLIUM_OVERRIDE_CPU_CAPS=avx cargo test --release --test rounding`
//! against the driver's builtin). The reference is Rust's own `floor`,
//! `ceil`, `trunc` and `round_ties_even`, which agree with NumPy's `floor`,
//! `ceil`, `trunc` and `round` bit for bit, signed zeros included; the
//! issue's table is checked against NumPy's printed output directly.

mod common;

use common::dev;
use half::f16;
use ndgpu::{Array, s};

/// Values around every case the bit manipulation distinguishes: halves,
/// signed zeros, subnormals, the largest values with a fraction, the first
/// integral ones, infinities.
fn edge_values() -> Vec<f64> {
    let mut v = vec![
        0.5,
        1.5,
        2.5,
        -0.5,
        -1.5,
        3.5,
        -0.0,
        0.0,
        0.49999999999999994,
        -0.49999999999999994,
        0.5000000000000001,
        -0.5000000000000001,
        -2.5,
        5e-324,
        -5e-324,
        2.2250738585072014e-308,
        -1e-300,
        1.0,
        -1.0,
        0.9999999999999999,
        -0.9999999999999999,
        1.0000000000000002,
        4503599627370495.5,
        -4503599627370495.5,
        4503599627370496.0,
        4503599627370497.0,
        9007199254740993.0,
        2251799813685247.5,
        2251799813685248.5,
        8388607.5,
        -8388607.5,
        8388608.0,
        16777215.0,
        4194303.5,
        4194304.5,
        1e300,
        -1e300,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        f64::MIN_POSITIVE,
        123.456,
        -123.456,
        7.5,
        -7.5,
        8.5,
        -8.5,
        1023.5,
        1024.5,
        65504.0,
        -65503.5,
    ];
    // Pseudo-random values over many magnitudes (a fixed LCG).
    let mut state = 0x2545f4914f6cdd1du64;
    for _ in 0..400 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mant = (state >> 11) as f64 / (1u64 << 53) as f64;
        let exp = ((state >> 3) % 64) as i32 - 20;
        let sign = if state & 1 == 0 { 1.0 } else { -1.0 };
        v.push(sign * mant * 2f64.powi(exp));
        // and an exact half at that scale
        v.push(sign * ((mant * 2f64.powi(exp.clamp(0, 52))).floor() + 0.5));
    }
    v
}

type Fns = [(&'static str, fn(f64) -> f64); 4];
const FNS: Fns = [
    ("floor", f64::floor),
    ("ceil", f64::ceil),
    ("trunc", f64::trunc),
    ("round", f64::round_ties_even),
];

fn apply<T: ndgpu::Element + ndgpu::Float>(a: &Array<T>, name: &str) -> Array<T> {
    match name {
        "floor" => a.floor(),
        "ceil" => a.ceil(),
        "trunc" => a.trunc(),
        _ => a.round(),
    }
    .unwrap()
}

#[test]
fn float64_matches_numpy_bit_for_bit() {
    let d = dev();
    let v = edge_values();
    let a = Array::from_slice(&d, &v, &[v.len()]).unwrap();
    for (name, f) in FNS {
        let got = apply(&a, name).to_vec().unwrap();
        for (x, g) in v.iter().zip(&got) {
            assert_eq!(g.to_bits(), f(*x).to_bits(), "{name}({x:e}) gave {g:e}");
        }
    }
    let nan = Array::from_slice(&d, &[f64::NAN, -f64::NAN], &[2]).unwrap();
    for (name, _) in FNS {
        assert!(
            apply(&nan, name)
                .to_vec()
                .unwrap()
                .iter()
                .all(|x| x.is_nan())
        );
    }
}

#[test]
fn float32_matches_numpy_bit_for_bit() {
    let d = dev();
    let v: Vec<f32> = edge_values().iter().map(|&x| x as f32).collect();
    let a = Array::from_slice(&d, &v, &[v.len()]).unwrap();
    for (name, f) in FNS {
        let got = apply(&a, name).to_vec().unwrap();
        for (x, g) in v.iter().zip(&got) {
            let want = f(*x as f64) as f32;
            assert_eq!(g.to_bits(), want.to_bits(), "{name}({x:e}) gave {g:e}");
        }
    }
}

#[test]
fn float16_matches_numpy_bit_for_bit() {
    let d = dev();
    let v: Vec<f16> = edge_values().iter().map(|&x| f16::from_f64(x)).collect();
    let a = Array::from_slice(&d, &v, &[v.len()]).unwrap();
    for (name, f) in FNS {
        let got = apply(&a, name).to_vec().unwrap();
        for (x, g) in v.iter().zip(&got) {
            // Every integer a float16 can hold is exact in f64.
            let want = f16::from_f64(f(x.to_f64()));
            if x.is_nan() {
                assert!(g.is_nan());
                continue;
            }
            assert_eq!(g.to_bits(), want.to_bits(), "{name}({x}) gave {g}");
        }
    }
}

/// The table from the issue, NumPy 2.4's output:
/// `np.round([0.5, 1.5, 2.5, -0.5, -1.5, 3.5])` is
/// `[0., 2., 2., -0., -2., 4.]`, and `np.trunc` of the same
/// `[0., 1., 2., -0., -1., 3.]`; here read through a reversed, stepped view.
#[test]
fn numpy_table_through_a_strided_view() {
    let d = dev();
    let x = [0.5f64, 1.5, 2.5, -0.5, -1.5, 3.5];
    let mut wide = vec![9.0f64; 12];
    for (i, &v) in x.iter().enumerate() {
        wide[10 - 2 * i] = v;
    }
    let a = Array::from_slice(&d, &wide, &[12]).unwrap();
    let view = a.slice(&s![10..;-2]).unwrap();
    assert_eq!(view.to_vec().unwrap(), x);
    let r = view.round().unwrap().to_vec().unwrap();
    let want = [0.0f64, 2.0, 2.0, -0.0, -2.0, 4.0];
    assert_eq!(
        r.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
        want.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
    );
    let t = view.trunc().unwrap().to_vec().unwrap();
    let want = [0.0f64, 1.0, 2.0, -0.0, -1.0, 3.0];
    assert_eq!(
        t.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
        want.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
    );
    // integers are returned as they are
    let i = Array::<i32>::arange(&d, -3, 3, 1).unwrap();
    assert_eq!(
        i.trunc().unwrap().to_vec().unwrap(),
        vec![-3, -2, -1, 0, 1, 2]
    );
}
