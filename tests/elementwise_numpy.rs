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
//! The runner (layouts, comparison, the operations, the fixture parser)
//! is `tests/common/elementwise_sweep.rs`, shared with the browser suite
//! (`tests/browser.rs`), which runs the cases of the 32-bit-and-smaller
//! dtypes on WebGPU.

mod common;
#[path = "common/elementwise_sweep.rs"]
mod elementwise_sweep;

use common::dev;

fn sweep(dt: &str) {
    let out = pollster::block_on(elementwise_sweep::sweep(&dev(), dt, |_| false, None));
    for e in &out.errs {
        eprintln!("MISMATCH {e}");
    }
    assert!(out.ran > 0);
    assert!(
        out.errs.is_empty(),
        "{dt}: {} mismatches in {} cases",
        out.errs.len(),
        out.ran
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
