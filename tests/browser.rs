//! The browser suite: ndgpu built for `wasm32-unknown-unknown`, running on
//! WebGPU in headless Chromium (SwiftShader on machines without a GPU).
//! Run by `.ci/run` through wasm-bindgen-test:
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver \
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test --target wasm32-unknown-unknown --test browser
//! ```
//!
//! Chromium's flags come from `webdriver.json` beside Cargo.toml. Expected
//! values are NumPy 2.4.6's output for the same expressions (quoted in
//! each test). WebGPU has no 64-bit types: results NumPy gives as int64 or
//! float64 are asked for with the `*_as` forms, and the plain forms'
//! `MissingFeature` error is checked.

#![cfg(target_arch = "wasm32")]

use half::f16;
use ndgpu::{Array, Device, Error, s};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn dev() -> Device {
    Device::new_async().await.expect("a WebGPU adapter")
}

/// The adapter is WebGPU's, and the device says which 64-bit features it
/// lacks.
#[wasm_bindgen_test]
async fn a_webgpu_device_opens() {
    let d = dev().await;
    console_log!("{}", d.info());
    assert!(
        !d.info().shader_f64 && !d.info().shader_int64,
        "{}",
        d.info()
    );
    assert_eq!(d.info().backend, "BrowserWebGpu");
    assert!(
        !d.info().shader_f16_in_f32,
        "float16 converts in integer arithmetic here"
    );
}

/// Slicing with negative steps, transposing and broadcasting make views
/// with NumPy's strides and flags, and read back NumPy's values.
#[wasm_bindgen_test]
async fn views_and_their_flags() {
    let d = dev().await;
    let x = Array::<i32>::arange(&d, 0, 24, 1)
        .unwrap()
        .reshape(&[2, 3, 4])
        .unwrap();
    // NumPy: v = x[:, ::-1, 1::2]
    let v = x.slice(&s![.., ..;-1, 1..;2]).unwrap();
    assert_eq!(v.shape(), &[2, 3, 2]);
    assert_eq!(v.strides_bytes(), vec![48, -16, 8]);
    let f = v.flags();
    assert!(!f.c_contiguous && !f.f_contiguous && f.writeable && !f.owndata);
    // NumPy: v.base is x.base (the arange that owns the memory).
    assert_eq!(v.base().map(|b| b.shape().to_vec()), Some(vec![24]));
    assert!(v.shares_memory(&x).unwrap());
    assert_eq!(
        v.to_vec_async().await.unwrap(),
        vec![9, 11, 5, 7, 1, 3, 21, 23, 17, 19, 13, 15]
    );
    // NumPy: x.T, shape (4, 3, 2), strides (4, 16, 48), F-contiguous.
    let t = x.t();
    assert_eq!(t.shape(), &[4, 3, 2]);
    assert_eq!(t.strides_bytes(), vec![4, 16, 48]);
    assert!(t.flags().f_contiguous && !t.flags().c_contiguous);
    assert_eq!(
        t.to_vec_async().await.unwrap()[..8].to_vec(),
        vec![0, 12, 4, 16, 8, 20, 1, 13]
    );
    // NumPy: np.broadcast_to(np.arange(3.0), (4, 3)): strides (0, 4), read-only.
    let b = Array::<f32>::arange(&d, 0.0, 3.0, 1.0).unwrap();
    let bb = b.broadcast_to([4, 3]).unwrap();
    assert_eq!(bb.strides_bytes(), vec![0, 4]);
    assert!(!bb.flags().writeable);
    assert!(
        bb.assign(&Array::<f32>::zeros(&d, &[4, 3]).unwrap())
            .is_err()
    );
    assert_eq!(bb.to_vec_async().await.unwrap(), [0.0, 1.0, 2.0].repeat(4));
}

/// The contiguous-copy kernel turns a strided view into a new C-ordered
/// buffer that shares nothing with the original.
#[wasm_bindgen_test]
async fn contiguous_copies() {
    let d = dev().await;
    let x = Array::<i32>::arange(&d, 0, 24, 1)
        .unwrap()
        .reshape(&[2, 3, 4])
        .unwrap();
    let v = x.slice(&s![.., ..;-1, 1..;2]).unwrap();
    let c = v.ascontiguousarray().unwrap();
    assert!(c.flags().c_contiguous && c.flags().owndata);
    assert!(!c.shares_memory(&x).unwrap());
    assert_eq!(c.strides_bytes(), vec![24, 8, 4]);
    x.fill(0).unwrap();
    assert_eq!(
        c.to_vec_async().await.unwrap(),
        vec![9, 11, 5, 7, 1, 3, 21, 23, 17, 19, 13, 15],
        "the copy keeps its values after the original changes"
    );
    let f = Array::<f32>::arange(&d, 0.0, 6.0, 1.0)
        .unwrap()
        .reshape(&[2, 3])
        .unwrap();
    let ft = f.t().copy().unwrap();
    assert_eq!(
        ft.to_vec_async().await.unwrap(),
        vec![0.0, 3.0, 1.0, 4.0, 2.0, 5.0]
    );
}

/// Element-wise operations read transposed, reversed, stepped and
/// broadcast operands in place.
#[wasm_bindgen_test]
async fn elementwise_on_strided_views() {
    let d = dev().await;
    let m = Array::<f32>::arange(&d, 0.0, 12.0, 1.0)
        .unwrap()
        .reshape(&[3, 4])
        .unwrap();
    // NumPy: m.T[::-1, ::2] * 2 + 1
    let e = (&m.t().slice(&s![..;-1, ..;2]).unwrap() * 2.0).unwrap();
    let e = (&e + 1.0).unwrap();
    assert_eq!(e.shape(), &[4, 2]);
    assert_eq!(
        e.to_vec_async().await.unwrap(),
        vec![7.0, 23.0, 5.0, 21.0, 3.0, 19.0, 1.0, 17.0]
    );
    // NumPy: m.T + np.arange(3.0)
    let b = Array::<f32>::arange(&d, 0.0, 3.0, 1.0).unwrap();
    let sum = (&m.t() + &b).unwrap();
    assert_eq!(
        sum.to_vec_async().await.unwrap(),
        vec![
            0.0, 5.0, 10.0, 1.0, 6.0, 11.0, 2.0, 7.0, 12.0, 3.0, 8.0, 13.0
        ]
    );
    // In place through a view: the original changes.
    let col = m.slice(&s![.., 1]).unwrap();
    col.mul_assign(10.0).unwrap();
    assert_eq!(
        m.to_vec_async().await.unwrap(),
        vec![
            0.0, 10.0, 2.0, 3.0, 4.0, 50.0, 6.0, 7.0, 8.0, 90.0, 10.0, 11.0
        ]
    );
}

/// Reductions over strided views. NumPy sums int32 to int64, which WebGPU
/// lacks: the plain form says so and names `sum_as`, which gives NumPy's
/// values in int32.
#[wasm_bindgen_test]
async fn reductions() {
    let d = dev().await;
    let m = Array::<f32>::arange(&d, 0.0, 12.0, 1.0)
        .unwrap()
        .reshape(&[3, 4])
        .unwrap();
    // NumPy: m.sum(axis=0), m.T.sum(), m[:, ::-1].max(axis=1), m.T[1:].mean(axis=1)
    let s0 = m.sum(Some(&[0]), false).unwrap();
    assert_eq!(
        s0.to_vec_async().await.unwrap(),
        vec![12.0, 15.0, 18.0, 21.0]
    );
    let st = m.t().sum(None, false).unwrap();
    assert_eq!(st.item_async().await.unwrap(), 66.0);
    let mx = m
        .slice(&s![.., ..;-1])
        .unwrap()
        .max(Some(&[1]), false)
        .unwrap();
    assert_eq!(mx.to_vec_async().await.unwrap(), vec![3.0, 7.0, 11.0]);
    let mean = m
        .t()
        .slice(&s![1..])
        .unwrap()
        .mean(Some(&[1]), false)
        .unwrap();
    assert_eq!(mean.to_vec_async().await.unwrap(), vec![5.0, 6.0, 7.0]);
    // NumPy: x[:, ::-1].sum(axis=(0, 2)) is int64 [124, 92, 60].
    let x = Array::<i32>::arange(&d, 0, 24, 1)
        .unwrap()
        .reshape(&[2, 3, 4])
        .unwrap();
    let rev = x.slice(&s![.., ..;-1]).unwrap();
    match rev.sum(Some(&[0, 2]), false) {
        Err(e @ Error::MissingFeature { .. }) => {
            assert!(e.to_string().contains("sum_as"), "{e}");
        }
        other => panic!("expected MissingFeature naming sum_as, got {other:?}"),
    }
    let s32 = rev.sum_as::<i32>(Some(&[0, 2]), false).unwrap();
    assert_eq!(s32.to_vec_async().await.unwrap(), vec![124, 92, 60]);
    // NumPy: np.arange(10, dtype=np.uint8).mean() is float64 4.5.
    let u = Array::<u8>::arange(&d, 0, 10, 1).unwrap();
    assert!(matches!(
        u.mean(None, false),
        Err(Error::MissingFeature { .. })
    ));
    let mean32 = u.mean_as::<f32>(None, false).unwrap();
    assert_eq!(mean32.item_async().await.unwrap(), 4.5);
}

/// Reductions of element-wise chains, the chain fused into the
/// reduction's load, so that Tint compiles the generated loads (16-byte
/// lane runs on this CPU adapter, the scalar mapping for rows of odd
/// length). Fusion is off in a browser by default; turned on here, the
/// values are NumPy's and fewer kernels run.
#[wasm_bindgen_test]
async fn fused_reductions() {
    let d = dev().await;
    let x = Array::<f32>::arange(&d, 0.0, 4096.0, 1.0)
        .unwrap()
        .reshape(&[4, 1024])
        .unwrap();
    let m = Array::<f32>::arange(&d, 0.0, 1221.0, 1.0)
        .unwrap()
        .reshape(&[33, 37])
        .unwrap();
    let mut counts = Vec::new();
    for fusion in [true, false] {
        d.set_fusion_enabled(fusion).unwrap();
        let n0 = d.dispatch_count();
        // NumPy: (x*2+1).sum(), (x*2+1).sum(axis=1), (x*-1+5).max(axis=1),
        // (x*2).sum(axis=0)[:3], (m*2-1).sum(axis=1)[:4] and [32],
        // (m*2-1).argmax(axis=0)[:3]
        let all = (&(&x * 2.0f32).unwrap() + 1.0f32)
            .unwrap()
            .sum(None, false)
            .unwrap();
        let rows = (&(&x * 2.0f32).unwrap() + 1.0f32)
            .unwrap()
            .sum(Some(&[1]), false)
            .unwrap();
        let mx = (&(&x * -1.0f32).unwrap() + 5.0f32)
            .unwrap()
            .max(Some(&[1]), false)
            .unwrap();
        let cols = (&x * 2.0f32).unwrap().sum(Some(&[0]), false).unwrap();
        let odd = (&(&m * 2.0f32).unwrap() - 1.0f32)
            .unwrap()
            .sum(Some(&[1]), false)
            .unwrap();
        // int64 indices travel as word pairs (no 64-bit integers here).
        let arg = (&(&m * 2.0f32).unwrap() - 1.0f32)
            .unwrap()
            .argmax(Some(0), false)
            .unwrap();
        assert_eq!(all.item_async().await.unwrap(), 16777216.0);
        assert_eq!(
            rows.to_vec_async().await.unwrap(),
            vec![1048576.0, 3145728.0, 5242880.0, 7340032.0]
        );
        assert_eq!(
            mx.to_vec_async().await.unwrap(),
            vec![5.0, -1019.0, -2043.0, -3067.0]
        );
        assert_eq!(
            cols.to_vec_async().await.unwrap()[..3],
            [12288.0, 12296.0, 12304.0]
        );
        let odd = odd.to_vec_async().await.unwrap();
        assert_eq!(odd[..4], [1295.0, 4033.0, 6771.0, 9509.0]);
        assert_eq!(odd[32], 88911.0);
        assert_eq!(arg.to_vec_async().await.unwrap()[..3], [32, 32, 32]);
        counts.push(d.dispatch_count() - n0);
    }
    // All six chains fused into their reductions: at least their 11 map
    // kernels fewer.
    assert!(counts[0] + 11 <= counts[1], "{counts:?}");
}

/// matmul reads a transposed operand in place.
#[wasm_bindgen_test]
async fn matmul_of_a_transposed_view() {
    let d = dev().await;
    let a = Array::<f32>::arange(&d, 0.0, 6.0, 1.0)
        .unwrap()
        .reshape(&[2, 3])
        .unwrap();
    // NumPy: a.T @ a
    let p = a.t().matmul(&a).unwrap();
    assert_eq!(p.shape(), &[3, 3]);
    assert_eq!(
        p.to_vec_async().await.unwrap(),
        vec![9.0, 12.0, 15.0, 12.0, 17.0, 22.0, 15.0, 22.0, 29.0]
    );
}

/// Assignment between overlapping views behaves as if the source were read
/// first, as NumPy guarantees.
#[wasm_bindgen_test]
async fn overlapping_assignment() {
    let d = dev().await;
    // NumPy: y = np.arange(10); y[1:] = y[:-1]
    let y = Array::<i32>::arange(&d, 0, 10, 1).unwrap();
    y.slice(&s![1..])
        .unwrap()
        .assign(&y.slice(&s![..-1]).unwrap())
        .unwrap();
    assert_eq!(
        y.to_vec_async().await.unwrap(),
        vec![0, 0, 1, 2, 3, 4, 5, 6, 7, 8]
    );
    // NumPy: y = np.arange(10); y[::-1] = y
    let y = Array::<i32>::arange(&d, 0, 10, 1).unwrap();
    y.slice(&s![..;-1]).unwrap().assign(&y).unwrap();
    assert_eq!(
        y.to_vec_async().await.unwrap(),
        vec![9, 8, 7, 6, 5, 4, 3, 2, 1, 0]
    );
}

/// Many read-backs in flight at once on one device; a dropped one leaks
/// nothing; the blocking forms refuse to block the browser's thread.
#[wasm_bindgen_test]
async fn async_read_back() {
    let d = dev().await;
    let arrays: Vec<Array<i32>> = (0..8)
        .map(|k| Array::<i32>::full(&d, &[1000], k).unwrap())
        .collect();
    let all = futures::future::join_all(arrays.iter().map(|a| a.to_vec_async())).await;
    for (k, v) in all.into_iter().enumerate() {
        assert_eq!(v.unwrap(), vec![k as i32; 1000]);
    }
    {
        let dropped = arrays[3].to_vec_async();
        drop(dropped);
    }
    assert_eq!(arrays[3].get_async(&[999]).await.unwrap(), 3);
    d.synchronize_async().await.unwrap();
    match arrays[0].to_vec() {
        Err(Error::WouldBlock { op, instead }) => {
            assert_eq!((op, instead), ("to_vec", "to_vec_async"));
        }
        other => panic!("expected WouldBlock, got {other:?}"),
    }
    assert!(matches!(d.synchronize(), Err(Error::WouldBlock { .. })));
    // NumPy: repr(np.full(1001, 2, dtype=np.int32)), summarised from the
    // edge items (several copies and one read-back).
    let big = Array::<i32>::full(&d, &[1001], 2).unwrap();
    assert_eq!(
        big.to_string_numpy_async().await.unwrap(),
        "array([2, 2, 2, ..., 2, 2, 2], shape=(1001,), dtype=int32)"
    );
}

/// The packed types: u8 with wrap-around, bool logic and float16
/// arithmetic, through strided views.
#[wasm_bindgen_test]
async fn packed_u8_bool_f16() {
    let d = dev().await;
    // NumPy: np.arange(100, dtype=np.uint8)[::-3] * np.uint8(3)
    let u = Array::<u8>::arange(&d, 0, 100, 1).unwrap();
    let w = (&u.slice(&s![..;-3]).unwrap() * 3u8).unwrap();
    let want: Vec<u8> = vec![
        41, 32, 23, 14, 5, 252, 243, 234, 225, 216, 207, 198, 189, 180, 171, 162, 153, 144, 135,
        126, 117, 108, 99, 90, 81, 72, 63, 54, 45, 36, 27, 18, 9, 0,
    ];
    assert_eq!(w.to_vec_async().await.unwrap(), want);
    // NumPy: bo = np.array([True, False, True, True]); np.logical_and(bo, bo[::-1])
    let bo = Array::<bool>::from_slice(&d, &[true, false, true, true], &[4]).unwrap();
    let and = bo.logical_and(&bo.slice(&s![..;-1]).unwrap()).unwrap();
    assert_eq!(
        and.to_vec_async().await.unwrap(),
        vec![true, false, false, true]
    );
    // NumPy: h = np.array([0.5, 1.5, -2.25, 65504], np.float16); h + h[::-1]; h * 2
    let hv: Vec<f16> = [0.5, 1.5, -2.25, 65504.0].map(f16::from_f32).to_vec();
    let h = Array::<f16>::from_slice(&d, &hv, &[4]).unwrap();
    let hs = (&h + &h.slice(&s![..;-1]).unwrap()).unwrap();
    let got: Vec<f32> = hs
        .to_vec_async()
        .await
        .unwrap()
        .iter()
        .map(|x| x.to_f32())
        .collect();
    assert_eq!(got, vec![65504.0, -0.75, -0.75, 65504.0]);
    let h2 = (&h * f16::from_f32(2.0)).unwrap();
    let got: Vec<f32> = h2
        .to_vec_async()
        .await
        .unwrap()
        .iter()
        .map(|x| x.to_f32())
        .collect();
    assert_eq!(got, vec![1.0, 3.0, -4.5, f32::INFINITY]);
}

/// In a browser an error only the device sees arrives at the next await
/// point, naming its operation, once; other work is untouched.
#[wasm_bindgen_test]
async fn device_errors_surface_at_the_next_await_point() {
    let d = dev().await;
    let x = Array::<i32>::zeros(&d, &[4]).unwrap();
    x.fill(5).unwrap();
    d.record_refused_command("refused_op").unwrap();
    let y = (&x + 1).unwrap();
    match x.to_vec_async().await {
        Err(Error::Validation { op, .. }) => assert_eq!(op, "refused_op"),
        other => panic!("expected refused_op's error, got {other:?}"),
    }
    assert_eq!(x.to_vec_async().await.unwrap(), vec![5; 4]);
    assert_eq!(y.to_vec_async().await.unwrap(), vec![6; 4]);
}

// ----- the NumPy fixture sweeps ---------------------------------------------------

#[path = "common/elementwise_sweep.rs"]
mod elementwise_sweep;

/// WebGPU has no 64-bit types: the sweeps skip (and count) the cases that
/// read or produce them.
fn is_64bit(dtype: &str) -> bool {
    matches!(dtype, "int64" | "uint64" | "float64")
}

/// The differences from NumPy that WebGPU permits and SwiftShader shows,
/// accepted for float32 only (float16 is computed in f32, where its
/// subnormals are normal numbers, and SwiftShader's errors stay within
/// float16's 1-ulp tolerance); everything else must match as natively.
///
/// - sin and cos: WGSL requires an absolute error of at most 2^-11 on
///   [-pi, pi] (and nothing outside it). SwiftShader's are within 2e-4 of
///   NumPy's for every input of the fixture, the out-of-range 7.0, -7.5
///   and 100.25 included (up to about 3000 ulps: cos(3.0) is -0.98981,
///   NumPy -0.98999), where the native suite allows 4 ulps. Accepted: an
///   absolute error of at most 2^-11. (The fixture already masks
///   |x| > 1e4.)
/// - pow: WGSL's pow is exp2(y * log2(x)) with their accuracies (about 40
///   ulps for (-7.5) ** 3); SwiftShader gives -421.87469 for (-7.5) ** 3,
///   NumPy -421.875 (10 ulps). Accepted: 16 ulps.
/// - Subnormal operands of arithmetic (add, sub, mul, div, floor_divide,
///   rem, pow, sqrt): WGSL lets an implementation flush f32 subnormals to
///   zero, and SwiftShader does, so 1e-45 * 2 is 0 (NumPy 3e-45), 1e-45 //
///   -2 is -0.0 (NumPy -1.0), 1e-45 % -2 is -0.0 (NumPy -2.0) and
///   sqrt(1e-45) is 0 (NumPy 3.7e-23). Accepted: any value for an element
///   one of whose operands is a float32 subnormal. (The exact operations
///   on such elements, sign, negative, truth values and casts to bool,
///   work on the bits and match NumPy.)
fn webgpu_allows(c: &elementwise_sweep::Case, m: &elementwise_sweep::Mismatch) -> bool {
    if c.dt != "float32" || c.to != "float32" {
        return false;
    }
    let f = |bits: u64| f32::from_bits(bits as u32);
    let (got, want) = (f(m.got), f(m.want));
    let subnormal = |bits: Option<u64>| bits.is_some_and(|b| f(b).is_subnormal());
    match (c.kind, c.op) {
        ("unary", "sin" | "cos") => {
            got.is_finite() && want.is_finite() && (got - want).abs() <= 2f32.powi(-11)
        }
        ("binary", "pow") if got.is_finite() && want.is_finite() => {
            let ulps = elementwise_sweep::ulps(ndgpu::DType::F32, m.got, m.want);
            ulps <= 16 || subnormal(m.a) || subnormal(m.b)
        }
        ("binary", "add" | "sub" | "mul" | "div" | "floor_divide" | "rem" | "pow")
        | ("unary", "sqrt") => subnormal(m.a) || subnormal(m.b),
        _ => false,
    }
}

/// The native suite's element-wise sweep (`tests/elementwise_numpy.rs`,
/// NumPy's values in `tests/fixtures/elementwise_numpy.txt`) for one dtype,
/// on WebGPU: every case except those with a 64-bit input or result, with
/// the differences `webgpu_allows` documents.
async fn elementwise_numpy(dt: &str) {
    let d = dev().await;
    let skip = |c: &elementwise_sweep::Case| is_64bit(c.dt) || is_64bit(c.to);
    let t0 = now();
    let out = elementwise_sweep::sweep(&d, dt, skip, Some(&webgpu_allows)).await;
    console_log!(
        "elementwise sweep {dt}: {} cases ran, {} skipped (64-bit), {} documented differences accepted, {} mismatches ({:.1} s)",
        out.ran,
        out.skipped,
        out.allowed,
        out.errs.len(),
        (now() - t0) / 1000.0
    );
    for e in &out.errs {
        console_log!("MISMATCH {dt}: {e}");
    }
    assert!(out.ran > 0, "{dt}: no cases");
    assert!(
        out.errs.is_empty(),
        "{dt}: {} mismatches in {} cases",
        out.errs.len(),
        out.ran
    );
}

macro_rules! elementwise_sweeps {
    ($($name:ident => $dt:literal),* $(,)?) => {
        $(
            #[wasm_bindgen_test]
            async fn $name() {
                elementwise_numpy($dt).await;
            }
        )*
    };
}

elementwise_sweeps! {
    elementwise_numpy_bool => "bool",
    elementwise_numpy_int8 => "int8",
    elementwise_numpy_uint8 => "uint8",
    elementwise_numpy_int16 => "int16",
    elementwise_numpy_uint16 => "uint16",
    elementwise_numpy_float16 => "float16",
    elementwise_numpy_int32 => "int32",
    elementwise_numpy_uint32 => "uint32",
    elementwise_numpy_float32 => "float32",
}

#[path = "common/reduce_sweep.rs"]
mod reduce_sweep;

/// The native suite's reduction table (`tests/reduce.rs`, NumPy's values
/// in `tests/fixtures/reduce.txt`) for one dtype, on WebGPU: rows whose
/// NumPy result is int64, uint64 or float64 must fail with
/// `MissingFeature` (naming the `_as` form for sum, prod and mean), and
/// are run in 32 bits with `sum_as`/`prod_as`/`mean_as` where NumPy's
/// values fit; every other row must give NumPy's dtype, shape and values.
async fn reduce_numpy<T: ndgpu::Accumulate>(name: &str) {
    let d = dev().await;
    let t0 = now();
    let out = reduce_sweep::table::<T>(&d, name, false).await;
    console_log!(
        "reduce table {name}: {} rows ran, {} refused with MissingFeature (64-bit result; {} of them run in 32 bits), {} mismatches ({:.1} s)",
        out.rows,
        out.missing,
        out.narrowed,
        out.errs.len(),
        (now() - t0) / 1000.0
    );
    for e in &out.errs {
        console_log!("MISMATCH {name}: {e}");
    }
    assert!(out.rows > 50, "{name}: only {} rows", out.rows);
    assert!(
        out.errs.is_empty(),
        "{name}: {} mismatches in {} rows",
        out.errs.len(),
        out.rows
    );
}

macro_rules! reduce_tables {
    ($($name:ident => $T:ty, $dt:literal),* $(,)?) => {
        $(
            #[wasm_bindgen_test]
            async fn $name() {
                reduce_numpy::<$T>($dt).await;
            }
        )*
    };
}

// The fixture has no uint16 rows.
reduce_tables! {
    reduce_numpy_bool => bool, "bool",
    reduce_numpy_int8 => i8, "int8",
    reduce_numpy_uint8 => u8, "uint8",
    reduce_numpy_int16 => i16, "int16",
    reduce_numpy_float16 => f16, "float16",
    reduce_numpy_int32 => i32, "int32",
    reduce_numpy_uint32 => u32, "uint32",
    reduce_numpy_float32 => f32, "float32",
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// JavaScript's `Date.now()`, in milliseconds: the sweeps log their time.
    #[wasm_bindgen(js_namespace = Date)]
    fn now() -> f64;
}

/// Issue 9's copies by design on WebGPU: scans, boolean masks, integer
/// index arrays (gather, last-wins scatter, add_at), sliding windows,
/// concatenate and dtype views. Expected values from NumPy 2.4.6.
#[wasm_bindgen_test]
async fn indexing_masks_scans_and_stride_tricks() {
    use ndgpu::{concatenate, idx};
    let d = dev().await;
    let x = Array::<f32>::arange(&d, 0.0, 12.0, 1.0)
        .unwrap()
        .reshape([3, 4])
        .unwrap();
    // np.cumsum(x.T, axis=0)
    let c = x.t().cumsum(Some(0)).unwrap();
    assert_eq!(
        c.to_vec_async().await.unwrap(),
        vec![
            0.0, 4.0, 8.0, 1.0, 9.0, 17.0, 3.0, 15.0, 27.0, 6.0, 22.0, 38.0
        ]
    );
    // m = np.arange(12).reshape(3, 4) % 3 == 0; x[m]; np.nonzero(m.T)
    let m = Array::<i32>::arange(&d, 0, 12, 1)
        .unwrap()
        .reshape([3, 4])
        .unwrap();
    let m = (&m % 3).unwrap().eq(0).unwrap();
    let sel = x.mask_select_async(&m).await.unwrap();
    assert_eq!(sel.to_vec_async().await.unwrap(), vec![0.0, 3.0, 6.0, 9.0]);
    let nz = m.t().nonzero_async().await.unwrap();
    assert_eq!(nz[0].to_vec_async().await.unwrap(), vec![0, 1, 2, 3]);
    assert_eq!(nz[1].to_vec_async().await.unwrap(), vec![0, 2, 1, 0]);
    // x.T[[3, 0, -1]]: a gather through the transposed strides
    let g = x.t().index(idx![&[3i64, 0, -1]]).unwrap();
    assert!(g.base().is_none());
    assert_eq!(
        g.to_vec_async().await.unwrap(),
        vec![3.0, 7.0, 11.0, 0.0, 4.0, 8.0, 3.0, 7.0, 11.0]
    );
    // y = np.zeros(5, np.int32); y[[1, 3, 1]] = [7, 8, 9]: the last wins
    let y = Array::<i32>::zeros(&d, [5]).unwrap();
    let v = Array::<i32>::from_slice(&d, &[7, 8, 9], [3]).unwrap();
    y.index_assign(idx![&[1i64, 3, 1]], &v).unwrap();
    assert_eq!(y.to_vec_async().await.unwrap(), vec![0, 9, 0, 8, 0]);
    // z = np.zeros(4, np.float32); np.add.at(z, [0, 2, 0, 0], 1.5)
    let z = Array::<f32>::zeros(&d, [4]).unwrap();
    let ones = Array::<f32>::full(&d, [4], 1.5).unwrap();
    z.add_at(idx![&[0i64, 2, 0, 0]], &ones).unwrap();
    assert_eq!(z.to_vec_async().await.unwrap(), vec![4.5, 0.0, 1.5, 0.0]);
    // sliding_window_view(np.arange(6.0), 3).mean(axis=-1)
    let w = Array::<f32>::arange(&d, 0.0, 6.0, 1.0).unwrap();
    let win = w.sliding_window_view([3], None).unwrap();
    assert!(!win.flags().writeable && win.shares_memory(&w).unwrap());
    let mean = win.mean(Some(&[-1]), false).unwrap();
    assert_eq!(mean.to_vec_async().await.unwrap(), vec![1.0, 2.0, 3.0, 4.0]);
    // a = np.arange(6).reshape(2, 3); np.concatenate([a.T, a.T[::-1]], axis=1)
    let a = Array::<i32>::arange(&d, 0, 6, 1)
        .unwrap()
        .reshape([2, 3])
        .unwrap();
    let cat = concatenate(&[a.t(), a.t().slice(s![..;-1]).unwrap()], 1).unwrap();
    assert_eq!(
        cat.to_vec_async().await.unwrap(),
        vec![0, 3, 2, 5, 1, 4, 1, 4, 2, 5, 0, 3]
    );
    // np.array([1, 0, 0, 0, 2, 1, 0, 0], np.uint8).view(np.uint32)
    let b = Array::<u8>::from_slice(&d, &[1, 0, 0, 0, 2, 1, 0, 0], [8]).unwrap();
    let u = b.view_as::<u32>().unwrap();
    assert_eq!(u.to_vec_async().await.unwrap(), vec![1, 258]);
    // An out-of-range device index is reported by the next await point.
    let bad = Array::<i32>::from_slice(&d, &[0, 7], [2]).unwrap();
    let _ = w.index(idx![&bad]).unwrap();
    match d.synchronize_async().await {
        Err(Error::IndexOutOfBounds { index, len, .. }) => assert_eq!((index, len), (7, 6)),
        other => panic!("expected the out-of-range index, got {other:?}"),
    }
}
