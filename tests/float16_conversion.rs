//! float16 <-> float32 conversion on devices without WGSL's
//! `pack2x16float`/`unpack2x16float` (lavapipe on a CPU without F16C:
//! reproduce with `GALLIUM_OVERRIDE_CPU_CAPS=sse4.1`), where kernels
//! convert in integer arithmetic (`shaders/f16_soft.wgsl`). Forced here
//! with the hidden `DeviceOptions::software_f16`, and checked against the
//! `half` crate (round to nearest even, as NumPy's `astype(np.float16)`)
//! and against the builtins on the same adapter.

use half::f16;
use ndgpu::{Array, Device, DeviceOptions};

fn software() -> Device {
    let d = Device::with_options(DeviceOptions {
        software_f16: true,
        ..Default::default()
    })
    .unwrap();
    assert!(!d.info().shader_f16_in_f32);
    d
}

fn bits_equal_or_both_nan(a: f16, b: f16) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// Every one of the 65536 float16 values widens exactly.
#[test]
fn every_float16_widens_exactly() {
    let d = software();
    let all: Vec<f16> = (0..=u16::MAX).map(f16::from_bits).collect();
    let a = Array::from_slice(&d, &all, &[all.len()]).unwrap();
    let w = a.astype::<f32>().unwrap().to_vec().unwrap();
    for (h, x) in all.iter().zip(&w) {
        let want = h.to_f32();
        if want.is_nan() {
            assert!(x.is_nan(), "{h:?} -> {x}");
            assert_eq!(x.is_sign_negative(), want.is_sign_negative());
        } else {
            assert_eq!(x.to_bits(), want.to_bits(), "{:#06x}", h.to_bits());
        }
    }
}

/// float32 values around every rounding case narrow as NumPy does: ties to
/// even in the normal and subnormal ranges, the overflow threshold 65520,
/// underflow below 2^-25, signed zeros, infinities and NaN.
#[test]
fn float32_narrows_with_round_to_nearest_even() {
    let d = software();
    let mut xs: Vec<f32> = vec![
        0.0,
        -0.0,
        65504.0,
        65519.99,
        65520.0,
        -65520.0,
        1e10,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NAN,
        -f32::NAN,
        2f32.powi(-14),
        2f32.powi(-24),
        2f32.powi(-25),
        -2f32.powi(-25),
        2f32.powi(-25) * 1.0001,
        2f32.powi(-26),
        3.0 * 2f32.powi(-25),
        5.0 * 2f32.powi(-25),
        1e-45,
        f32::MIN_POSITIVE,
    ];
    // every float16 value, and the midpoints and near-midpoints between
    // neighbours
    for b in 0..0x7c00u16 {
        let lo = f16::from_bits(b).to_f32();
        let hi = f16::from_bits(b + 1).to_f32();
        let mid = (lo as f64 + hi as f64) / 2.0;
        for x in [lo, mid as f32, f32::from_bits((mid as f32).to_bits() + 1)] {
            xs.push(x);
            xs.push(-x);
        }
    }
    let a = Array::from_slice(&d, &xs, &[xs.len()]).unwrap();
    let n = a.astype::<f16>().unwrap().to_vec().unwrap();
    for (x, h) in xs.iter().zip(&n) {
        let want = f16::from_f32(*x);
        assert!(
            bits_equal_or_both_nan(*h, want),
            "{x:e} ({:#010x}) -> {:#06x}, want {:#06x}",
            x.to_bits(),
            h.to_bits(),
            want.to_bits()
        );
    }
}

/// float16 arithmetic through the software conversion gives the same bits
/// as through the builtins on this adapter.
#[test]
fn float16_arithmetic_matches_the_builtins() {
    let soft = software();
    let hard = Device::new().unwrap();
    let xs: Vec<f16> = (0..4096u16)
        .map(|i| f16::from_bits(i.wrapping_mul(16) ^ 0x1234))
        .collect();
    let run = |d: &Device| {
        let a = Array::from_slice(d, &xs, &[64, 64]).unwrap();
        let b = (&a.t() * f16::from_f32(1.5)).unwrap();
        let c = (&b + &a).unwrap().sqrt().unwrap();
        let s = a.sum(Some(&[0]), false).unwrap();
        (c.to_vec().unwrap(), s.to_vec().unwrap())
    };
    let (c1, s1) = run(&soft);
    let (c2, s2) = run(&hard);
    for (x, y) in c1.iter().zip(&c2).chain(s1.iter().zip(&s2)) {
        assert!(bits_equal_or_both_nan(*x, *y), "{x} vs {y}");
    }
}
