//! Element-wise operations through strides: NumPy's values for the tricky
//! semantics (tables whose expected values were printed by NumPy 2.4, as
//! each says), and every operation over every kind of layout against a CPU
//! reference that applies the same NumPy rules to the host data.

mod common;

use common::dev;
use half::f16;
use ndgpu::{Array, Device, Element, Error, Order, s, where_};

fn arr<T: Element>(d: &Device, v: &[T]) -> Array<T> {
    Array::from_slice(d, v, &[v.len()]).unwrap()
}

// ----- NumPy tables ---------------------------------------------------------------

/// NumPy: floor_divide([7,-7,7,-7,5], [2,2,-2,-2,0]) = [3 -4 -4 3 0];
/// remainder(same) = [1 1 -1 -1 0] (int32).
#[test]
fn integer_division_and_remainder_follow_numpy() {
    let d = dev();
    let a = arr(&d, &[7i32, -7, 7, -7, 5]);
    let b = arr(&d, &[2i32, 2, -2, -2, 0]);
    assert_eq!(a.div(&b).unwrap().to_vec().unwrap(), vec![3, -4, -4, 3, 0]);
    assert_eq!(
        a.floor_divide(&b).unwrap().to_vec().unwrap(),
        vec![3, -4, -4, 3, 0]
    );
    assert_eq!(a.rem(&b).unwrap().to_vec().unwrap(), vec![1, 1, -1, -1, 0]);
    // NumPy uint8: floor_divide([249, 7], [2, 0]) = [124 0]
    let u = arr(&d, &[249u8, 7]);
    assert_eq!(
        u.div(&arr(&d, &[2u8, 0])).unwrap().to_vec().unwrap(),
        vec![124, 0]
    );
    // int32 min // -1 wraps to itself
    let m = arr(&d, &[i32::MIN]);
    assert_eq!(m.div(-1).unwrap().to_vec().unwrap(), vec![i32::MIN]);
}

/// NumPy: remainder([7.5,-7.5,7.5,-7.5,5], [2,2,-2,-2,0]) (float32) =
/// [1.5 0.5 -0.5 -1.5 nan]; float64 remainder([5.5,-5.5],[-2,2]) = [-0.5 0.5].
#[test]
fn float_remainder_takes_the_divisors_sign() {
    let d = dev();
    let a = arr(&d, &[7.5f32, -7.5, 7.5, -7.5, 5.0]);
    let b = arr(&d, &[2.0f32, 2.0, -2.0, -2.0, 0.0]);
    let r = a.rem(&b).unwrap().to_vec().unwrap();
    assert_eq!(&r[..4], &[1.5, 0.5, -0.5, -1.5]);
    assert!(r[4].is_nan());
    let r = arr(&d, &[5.5f64, -5.5])
        .rem(&arr(&d, &[-2.0f64, 2.0]))
        .unwrap();
    assert_eq!(r.to_vec().unwrap(), vec![-0.5, 0.5]);
    // NumPy: floor_divide([7.5, -7.5], [2, 0]) = [3 -inf]
    let f = arr(&d, &[7.5f32, -7.5])
        .floor_divide(&arr(&d, &[2.0f32, 0.0]))
        .unwrap();
    assert_eq!(f.to_vec().unwrap(), vec![3.0, f32::NEG_INFINITY]);
}

/// float64 remainder and floor_divide with subnormal operands (lavapipe's
/// frexp is wrong for subnormals, so fmod must not use it). Bits from
/// NumPy 2.4: a = [1, 1e308, 7 * 5e-324, 1e-300, -2.5, 3],
/// b = [3e-320, 3e-320, 3 * 5e-324, -7e-310, 1e-310, 2].
#[test]
fn float64_remainder_with_subnormals() {
    let d = dev();
    let bits = |v: &[u64]| v.iter().map(|&b| f64::from_bits(b)).collect::<Vec<_>>();
    let a = arr(
        &d,
        &bits(&[
            4607182418800017408,
            9214871658872686752,
            7,
            118622047889322841,
            13836183955189006336,
            4613937818241073152,
        ]),
    );
    let b = arr(
        &d,
        &bits(&[
            6072,
            6072,
            3,
            9223513718432090925,
            20240225330731,
            4611686018427387904,
        ]),
    );
    let rem: Vec<u64> = a
        .rem(&b)
        .unwrap()
        .to_vec()
        .unwrap()
        .iter()
        .map(|x| x.to_bits())
        .collect();
    assert_eq!(
        rem,
        vec![
            1600,
            656,
            1,
            9223432756907343489,
            2492423036811,
            4607182418800017408
        ]
    );
    let q: Vec<u64> = a
        .floor_divide(&b)
        .unwrap()
        .to_vec()
        .unwrap()
        .iter()
        .map(|x| x.to_bits())
        .collect();
    assert_eq!(
        q,
        vec![
            9218868437227405312,
            9218868437227405312,
            4611686018427387904,
            13967150707707478016,
            18442240474082181120,
            4607182418800017408
        ]
    );
}

/// NumPy: power([2,-2,3,0], [3,3,0,0]) = [8 -8 1 1] (int32); uint8
/// power([2,3],[8,5]) = [0 243]; float32 power([-8,-8,0,2],[1/3,2,0,-1]) =
/// [nan 64 1 0.5].
#[test]
fn power_follows_numpy() {
    let d = dev();
    let p = arr(&d, &[2i32, -2, 3, 0])
        .pow(&arr(&d, &[3i32, 3, 0, 0]))
        .unwrap();
    assert_eq!(p.to_vec().unwrap(), vec![8, -8, 1, 1]);
    let p = arr(&d, &[2u8, 3]).pow(&arr(&d, &[8u8, 5])).unwrap();
    assert_eq!(p.to_vec().unwrap(), vec![0, 243]);
    let p = arr(&d, &[-8.0f32, -8.0, 0.0, 2.0])
        .pow(&arr(&d, &[1.0 / 3.0, 2.0, 0.0, -1.0]))
        .unwrap()
        .to_vec()
        .unwrap();
    assert!(p[0].is_nan());
    assert_eq!(&p[1..], &[64.0, 1.0, 0.5]);
    let p = arr(&d, &[3i64]).pow(40).unwrap();
    assert_eq!(p.to_vec().unwrap(), vec![3i64.pow(40)]);
    // NumPy: np.int32(2) ** np.array([1, -1]) raises "ValueError: Integers
    // to negative integer powers are not allowed."; so does a scalar -1.
    for e in [
        arr(&d, &[2i32, 3]).pow(&arr(&d, &[1i32, -1])).unwrap_err(),
        arr(&d, &[2i32, 3]).pow(-1).unwrap_err(),
        arr(&d, &[2i8]).pow(&arr(&d, &[-128i8])).unwrap_err(),
        arr(&d, &[2i32, 3])
            .t()
            .pow_assign(&arr(&d, &[-5i32, 2]))
            .unwrap_err(),
    ] {
        assert!(
            matches!(e, ndgpu::Error::InvalidArgument { op: "power", .. }),
            "{e}"
        );
        assert!(e.to_string().contains("negative integer powers"), "{e}");
    }
    // A transposed view of non-negative exponents and an empty one are fine.
    let e = arr(&d, &[0i32, 1, 2, 3]).reshape(&[2, 2]).unwrap();
    let p = Array::<i32>::full(&d, &[2, 2], 3)
        .unwrap()
        .pow(&e.t())
        .unwrap();
    assert_eq!(p.to_vec().unwrap(), vec![1, 9, 3, 27]);
    let empty = Array::<i32>::zeros(&d, &[0]).unwrap();
    assert_eq!(empty.pow(&empty).unwrap().shape(), &[0]);
    // Unsigned exponents cannot be negative; floats follow C99.
    assert_eq!(
        arr(&d, &[2u32]).pow(31u32).unwrap().to_vec().unwrap(),
        vec![1u32 << 31]
    );
}

/// NumPy: maximum([nan,1,2],[0,nan,1]) = [nan nan 2] (the second NaN too,
/// which a backend whose `x > NaN` is true, such as GL, gets wrong without
/// the bit test); float64
/// minimum([1,nan],[nan,0]) = [nan nan]; clip([nan,-5,5,0.5], 0, 1) =
/// [nan 0 1 0.5].
#[test]
fn maximum_minimum_and_clip_propagate_nan() {
    let d = dev();
    let m = arr(&d, &[f32::NAN, 1.0, 2.0])
        .maximum(&arr(&d, &[0.0f32, f32::NAN, 1.0]))
        .unwrap();
    let m = m.to_vec().unwrap();
    assert!(m[0].is_nan() && m[1].is_nan());
    assert_eq!(m[2], 2.0);
    let m = arr(&d, &[1.0f64, f64::NAN])
        .minimum(&arr(&d, &[f64::NAN, 0.0]))
        .unwrap();
    assert!(m.to_vec().unwrap().iter().all(|x| x.is_nan()));
    let c = arr(&d, &[f32::NAN, -5.0, 5.0, 0.5])
        .clip(0.0, 1.0)
        .unwrap()
        .to_vec()
        .unwrap();
    assert!(c[0].is_nan());
    assert_eq!(&c[1..], &[0.0, 1.0, 0.5]);
    assert_eq!(
        arr(&d, &[1i16, 5, 9]).clip(2, 6).unwrap().to_vec().unwrap(),
        vec![2, 5, 6]
    );
    // Of -0.0 and 0.0, NumPy 2.4 keeps the second for float32/float64 and
    // the first for float16: np.signbit(np.maximum([-0., 0.], [0., -0.]))
    // is [False True] (float32, float64, and for minimum too), [True False]
    // for float16.
    let (neg, pos) = (arr(&d, &[-0.0f32, 0.0]), arr(&d, &[0.0f32, -0.0]));
    for r in [neg.maximum(&pos).unwrap(), neg.minimum(&pos).unwrap()] {
        let sign: Vec<bool> = r
            .to_vec()
            .unwrap()
            .iter()
            .map(|x| x.is_sign_negative())
            .collect();
        assert_eq!(sign, vec![false, true]);
    }
    let r = arr(&d, &[-0.0f64, 0.0])
        .maximum(&arr(&d, &[0.0f64, -0.0]))
        .unwrap();
    let sign: Vec<bool> = r
        .to_vec()
        .unwrap()
        .iter()
        .map(|x| x.is_sign_negative())
        .collect();
    assert_eq!(sign, vec![false, true]);
    let h = |v: f32| f16::from_f32(v);
    let r = arr(&d, &[h(-0.0), h(0.0)])
        .maximum(&arr(&d, &[h(0.0), h(-0.0)]))
        .unwrap();
    let sign: Vec<bool> = r
        .to_vec()
        .unwrap()
        .iter()
        .map(|x| x.is_sign_negative())
        .collect();
    assert_eq!(sign, vec![true, false]);
}

/// NumPy: round([0.5,1.5,2.5,-0.5]) = [0 2 2 -0]; sign([-2,0,nan,-0]) =
/// [-1 0 nan 0]; floor of int32 stays int32; negative(uint8 1) = 255;
/// abs(int8 -128) = -128; sign(uint8 [253,0,2]) = [1 0 1].
#[test]
fn unary_operations_follow_numpy() {
    let d = dev();
    let r = arr(&d, &[0.5f32, 1.5, 2.5, -0.5])
        .round()
        .unwrap()
        .to_vec()
        .unwrap();
    assert_eq!(r, vec![0.0, 2.0, 2.0, -0.0]);
    assert!(r[3].is_sign_negative());
    let s = arr(&d, &[-2.0f32, 0.0, f32::NAN, -0.0])
        .sign()
        .unwrap()
        .to_vec()
        .unwrap();
    assert_eq!((s[0], s[1], s[3]), (-1.0, 0.0, 0.0));
    assert!(s[2].is_nan());
    assert_eq!(
        arr(&d, &[1i32, -2]).floor().unwrap().to_vec().unwrap(),
        vec![1, -2]
    );
    assert_eq!(arr(&d, &[1u8]).neg().unwrap().to_vec().unwrap(), vec![255]);
    assert_eq!(
        arr(&d, &[-128i8]).abs().unwrap().to_vec().unwrap(),
        vec![-128]
    );
    assert_eq!(
        arr(&d, &[253u8, 0, 2]).sign().unwrap().to_vec().unwrap(),
        vec![1, 0, 1]
    );
    let x = arr(&d, &[4.0f32, 0.0]);
    assert_eq!(x.sqrt().unwrap().to_vec().unwrap(), vec![2.0, 0.0]);
    let e = arr(&d, &[0.0f32, 1.0]).exp().unwrap().to_vec().unwrap();
    assert_eq!(e[0], 1.0);
    assert!((e[1] - std::f32::consts::E).abs() < 1e-6);
    let t = arr(&d, &[0.0f32, 100.0, -100.0])
        .tanh()
        .unwrap()
        .to_vec()
        .unwrap();
    assert_eq!(t, vec![0.0, 1.0, -1.0]);
    // float64 transcendental functions are computed in software (WGSL on
    // Vulkan has none); NumPy: exp([0, 1]) = [1, e], log(e) = 1.
    assert_eq!(
        arr(&d, &[0.0f64, 1.0]).exp().unwrap().to_vec().unwrap(),
        vec![1.0, std::f64::consts::E]
    );
    assert_eq!(
        arr(&d, &[std::f64::consts::E])
            .log()
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![1.0]
    );
    assert_eq!(
        arr(&d, &[2.25f64]).sqrt().unwrap().to_vec().unwrap(),
        vec![1.5]
    );
}

/// NumPy float16: [0.1,0.2] + [0.2,0.7] = [0.2998 0.9004]; sqrt(2) = 1.414;
/// exp(1) = 2.719 (computed in float32, rounded once).
#[test]
fn float16_computes_in_float32_and_rounds_once() {
    let d = dev();
    let h = |v: &[f32]| v.iter().map(|&x| f16::from_f32(x)).collect::<Vec<_>>();
    let a = arr(&d, &h(&[0.1, 0.2]));
    let b = arr(&d, &h(&[0.2, 0.7]));
    let s = a.add(&b).unwrap().to_vec().unwrap();
    let want = [0.1f32, 0.2]
        .iter()
        .zip([0.2f32, 0.7])
        .map(|(&x, y)| f16::from_f32(f16::from_f32(x).to_f32() + f16::from_f32(y).to_f32()));
    assert_eq!(s, want.collect::<Vec<_>>());
    assert_eq!(format!("{:.4}", s[0].to_f32()), "0.2998");
    let r = arr(&d, &h(&[2.0])).sqrt().unwrap().to_vec().unwrap();
    assert_eq!(r[0], f16::from_f32(2f32.sqrt()));
}

/// NumPy: int8 [100,120] + [100,10] = [-56 -126]; uint8 [1,2,3] - 2 =
/// [255 0 1]; bool True + True = True.
#[test]
fn integer_arithmetic_wraps() {
    let d = dev();
    assert_eq!(
        (&arr(&d, &[100i8, 120]) + &arr(&d, &[100i8, 10]))
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![-56, -126]
    );
    assert_eq!(
        (&arr(&d, &[1u8, 2, 3]) - 2).unwrap().to_vec().unwrap(),
        vec![255, 0, 1]
    );
    assert_eq!(
        arr(&d, &[true, false])
            .add(&arr(&d, &[true, true]))
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![true, true]
    );
    assert_eq!(
        (&arr(&d, &[u32::MAX]) + 1).unwrap().to_vec().unwrap(),
        vec![0]
    );
    assert_eq!(
        (&arr(&d, &[i64::MAX]) + 1).unwrap().to_vec().unwrap(),
        vec![i64::MIN]
    );
}

/// NumPy: [nan,1] == [nan,1] is [False True]; nan != nan is True.
#[test]
fn comparisons_and_logic() {
    let d = dev();
    let a = arr(&d, &[f32::NAN, 1.0, 2.0]);
    let b = arr(&d, &[f32::NAN, 1.0, 3.0]);
    assert_eq!(
        a.eq(&b).unwrap().to_vec().unwrap(),
        vec![false, true, false]
    );
    assert_eq!(a.ne(&b).unwrap().to_vec().unwrap(), vec![true, false, true]);
    assert_eq!(
        a.lt(&b).unwrap().to_vec().unwrap(),
        vec![false, false, true]
    );
    assert_eq!(
        a.ge(2.0).unwrap().to_vec().unwrap(),
        vec![false, false, true]
    );
    let t = arr(&d, &[true, true, false, false]);
    let u = arr(&d, &[true, false, true, false]);
    assert_eq!(
        t.logical_and(&u).unwrap().to_vec().unwrap(),
        vec![true, false, false, false]
    );
    assert_eq!(
        t.logical_or(&u).unwrap().to_vec().unwrap(),
        vec![true, true, true, false]
    );
    assert_eq!(
        t.logical_xor(&u).unwrap().to_vec().unwrap(),
        vec![false, true, true, false]
    );
    assert_eq!(
        t.logical_not().unwrap().to_vec().unwrap(),
        vec![false, false, true, true]
    );
    assert_eq!(
        t.lt(&u).unwrap().to_vec().unwrap(),
        vec![false, false, true, false]
    );
    // truthiness of numbers: NaN is true
    let n = arr(&d, &[0.0f32, f32::NAN, -1.0]);
    assert_eq!(
        n.logical_not().unwrap().to_vec().unwrap(),
        vec![true, false, false]
    );
}

/// NumPy: where([T,F,T], int16 [1,2,3], -1) = [1 -1 3].
#[test]
fn where_selects_with_broadcasting() {
    let d = dev();
    let c = arr(&d, &[true, false, true]);
    let w = where_(&c, &arr(&d, &[1i16, 2, 3]), -1i16).unwrap();
    assert_eq!(w.to_vec().unwrap(), vec![1, -1, 3]);
    // cond (3,1) against a (1,4) and b scalar -> (3,4)
    let c = Array::from_slice(&d, &[true, false, true], &[3, 1]).unwrap();
    let a = Array::<f32>::arange(&d, 0.0, 4.0, 1.0)
        .unwrap()
        .reshape(&[1, 4])
        .unwrap();
    let w = where_(&c, &a, 9.0f32).unwrap();
    assert_eq!(w.shape(), &[3, 4]);
    assert_eq!(
        w.to_vec().unwrap(),
        vec![0., 1., 2., 3., 9., 9., 9., 9., 0., 1., 2., 3.]
    );
}

/// Float to integer where C calls the result undefined (NaN, infinities,
/// values outside the integer range): ndgpu gives what NumPy gives on x86
/// (its SSE conversions), for float32 and float64 sources alike. Expected
/// values from NumPy 2.4: `np.array(v, np.float32).astype(t)`.
#[test]
fn astype_of_nan_infinity_and_out_of_range_is_numpys() {
    let d = dev();
    let v = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        1e10,
        -1e10,
        300.0,
        -5.0,
        3e9,
        -0.7,
        2.9,
    ];
    let a32 = arr(&d, &v.map(|x| x as f32));
    let a64 = arr(&d, &v);
    let (m32, m64) = (i32::MIN, i64::MIN);
    macro_rules! check {
        ($t:ty, $want:expr) => {
            let want: Vec<$t> = $want;
            assert_eq!(
                a32.astype::<$t>().unwrap().to_vec().unwrap(),
                want,
                "f32 -> {}",
                stringify!($t)
            );
            assert_eq!(
                a64.astype::<$t>().unwrap().to_vec().unwrap(),
                want,
                "f64 -> {}",
                stringify!($t)
            );
        };
    }
    check!(i32, vec![m32, m32, m32, m32, m32, 300, -5, m32, 0, 2]);
    check!(i16, vec![0, 0, 0, 0, 0, 300, -5, 0, 0, 2]);
    check!(i8, vec![0, 0, 0, 0, 0, 44, -5, 0, 0, 2]);
    let ind = 1u32 << 31;
    check!(
        u32,
        vec![ind, 0, ind, 0, ind, 300, 4294967291, 3_000_000_000, 0, 2]
    );
    check!(u16, vec![0, 0, 0, 0, 0, 300, 65531, 0, 0, 2]);
    check!(u8, vec![0, 0, 0, 0, 0, 44, 251, 0, 0, 2]);
    check!(
        i64,
        vec![
            m64,
            m64,
            m64,
            10_000_000_000,
            -10_000_000_000,
            300,
            -5,
            3_000_000_000,
            0,
            2
        ]
    );
    let ind = 1u64 << 63;
    check!(
        u64,
        vec![
            ind,
            0,
            ind,
            10_000_000_000,
            18446744063709551616,
            300,
            18446744073709551611,
            3_000_000_000,
            0,
            2
        ]
    );
}

/// NumPy: float32 [300,-1,2.7,-2.7] -> uint8 [44 255 2 254]; [2.7,-2.7,1e10]
/// -> int32 [2 -2 -2147483648]; int32 [-1, 2] -> uint64 [18446744073709551615 2];
/// float32 [-1.5, 3e9] -> uint32 [4294967295 3000000000].
#[test]
fn astype_follows_numpy() {
    let d = dev();
    let f = arr(&d, &[300.0f32, -1.0, 2.7, -2.7]);
    assert_eq!(
        f.astype::<u8>().unwrap().to_vec().unwrap(),
        vec![44, 255, 2, 254]
    );
    let f = arr(&d, &[2.7f32, -2.7, 1e10]);
    assert_eq!(
        f.astype::<i32>().unwrap().to_vec().unwrap(),
        vec![2, -2, i32::MIN]
    );
    assert_eq!(
        arr(&d, &[-1i32, 2])
            .astype::<u64>()
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![u64::MAX, 2]
    );
    assert_eq!(
        arr(&d, &[-1.5f32, 3e9])
            .astype::<u32>()
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![u32::MAX, 3_000_000_000]
    );
    assert_eq!(
        arr(&d, &[0.0f32, -2.0, f32::NAN])
            .astype::<bool>()
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![false, true, true]
    );
    assert_eq!(
        arr(&d, &[true, false])
            .astype::<f64>()
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![1.0, 0.0]
    );
    assert_eq!(
        arr(&d, &[70000i32, -1])
            .astype::<i16>()
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![4464, -1]
    );
    assert_eq!(
        arr(&d, &[1.5f32])
            .astype::<f16>()
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![f16::from_f32(1.5)]
    );
    let c = arr(&d, &[1i32, 2]).astype::<i32>().unwrap();
    assert!(c.base().is_none(), "astype always copies");
}

// ----- every layout, every family ------------------------------------------------

/// Views of one 4x6 parent covering the layouts every kernel is tested on,
/// each with a partner of the same shape in a different layout.
fn layouts<T: Element>(d: &Device, host: &[T]) -> Vec<(&'static str, Array<T>)> {
    let p = Array::from_slice(d, host, &[4, 6]).unwrap();
    vec![
        ("contiguous", p.slice(&s![.., ..3]).unwrap().copy().unwrap()),
        ("transposed", p.slice(&s![..3, ..]).unwrap().t()),
        ("offset", p.slice(&s![1..3, 2..5]).unwrap()),
        ("negative", p.slice(&s![..;-1, 5..0;-2]).unwrap()),
        (
            "broadcast",
            p.slice(&s![2, ..]).unwrap().broadcast_to(&[3, 6]).unwrap(),
        ),
        ("size1", p.slice(&s![3..4, 5..6]).unwrap()),
        ("empty", p.slice(&s![2..2, ..]).unwrap()),
        ("0-d", p.slice(&s![1, 4]).unwrap()),
    ]
}

fn host_of<T: Element>(a: &Array<T>) -> Vec<T> {
    a.to_vec().unwrap()
}

/// Binary operation of every layout with every layout it broadcasts with,
/// against the CPU applying `f` to the host values.
fn check_binary<T: Element>(
    name: &str,
    host: &[T],
    op: impl Fn(&Array<T>, &Array<T>) -> ndgpu::Result<Array<T>>,
    f: impl Fn(T, T) -> T,
) {
    let d = dev();
    let ls = layouts(&d, host);
    let mut checked = 0;
    for (na, a) in &ls {
        for (nb, b) in &ls {
            let Ok(shape) = ndgpu::broadcast_shapes(a.shape(), b.shape()) else {
                continue;
            };
            let r = op(a, b).unwrap_or_else(|e| panic!("{name} {na} {nb}: {e}"));
            assert_eq!(r.shape(), shape.as_slice());
            let av = host_of(&a.broadcast_to(&shape).unwrap());
            let bv = host_of(&b.broadcast_to(&shape).unwrap());
            let want: Vec<u64> = av
                .iter()
                .zip(&bv)
                .map(|(&x, &y)| f(x, y).to_bits())
                .collect();
            let got: Vec<u64> = host_of(&r).iter().map(|x| x.to_bits()).collect();
            assert_eq!(got, want, "{name} {} {na} {nb}", T::DTYPE);
            checked += 1;
        }
    }
    assert!(checked > 20, "{checked}");
}

fn host<T: Element>(f: impl Fn(usize) -> T) -> Vec<T> {
    (0..24).map(f).collect()
}

#[test]
fn add_and_mul_on_every_layout_pair() {
    check_binary(
        "add f32",
        &host(|i| i as f32 * 0.5 - 3.0),
        |a, b| a.add(b),
        |x, y| x + y,
    );
    check_binary(
        "mul f32",
        &host(|i| i as f32 * 0.25 - 1.0),
        |a, b| a.mul(b),
        |x, y| x * y,
    );
    check_binary(
        "sub i32",
        &host(|i| i as i32 * 1000 - 7000),
        |a, b| a.sub(b),
        |x, y| x.wrapping_sub(y),
    );
    check_binary(
        "mul i8",
        &host(|i| (i as i8).wrapping_mul(37)),
        |a, b| a.mul(b),
        |x, y| x.wrapping_mul(y),
    );
    check_binary(
        "add u8",
        &host(|i| (i * 29) as u8),
        |a, b| a.add(b),
        |x, y| x.wrapping_add(y),
    );
    check_binary(
        "add u16",
        &host(|i| (i * 4099) as u16),
        |a, b| a.add(b),
        |x, y| x.wrapping_add(y),
    );
    check_binary(
        "max i16",
        &host(|i| (i as i16 - 12) * 301),
        |a, b| a.maximum(b),
        |x, y| x.max(y),
    );
    check_binary(
        "add i64",
        &host(|i| (i as i64 - 5) << 40),
        |a, b| a.add(b),
        |x, y| x.wrapping_add(y),
    );
    check_binary(
        "mul f64",
        &host(|i| i as f64 / 3.0),
        |a, b| a.mul(b),
        |x, y| x * y,
    );
    check_binary(
        "min u32",
        &host(|i| (i as u32).wrapping_mul(0x9E37_79B9)),
        |a, b| a.minimum(b),
        |x, y| x.min(y),
    );
    check_binary(
        "add f16",
        &host(|i| f16::from_f32(i as f32 * 0.37)),
        |a, b| a.add(b),
        |x, y| f16::from_f32(x.to_f32() + y.to_f32()),
    );
    check_binary(
        "or bool",
        &host(|i| i % 3 == 0),
        |a, b| a.add(b),
        |x, y| x || y,
    );
}

#[test]
fn unary_and_compare_on_every_layout() {
    let d = dev();
    let h = host(|i| i as f32 - 11.5);
    for (n, a) in layouts(&d, &h) {
        let want: Vec<f32> = host_of(&a).iter().map(|x| -x).collect();
        assert_eq!(a.neg().unwrap().to_vec().unwrap(), want, "neg {n}");
        let want: Vec<bool> = host_of(&a).iter().map(|&x| x > 0.0).collect();
        assert_eq!(a.gt(0.0).unwrap().to_vec().unwrap(), want, "gt {n}");
        let want: Vec<i32> = host_of(&a).iter().map(|&x| x as i32).collect();
        assert_eq!(
            a.astype::<i32>().unwrap().to_vec().unwrap(),
            want,
            "astype {n}"
        );
    }
}

/// `out` may be any writeable strided view; the inputs broadcast to it.
#[test]
fn in_place_forms_write_through_strided_views() {
    let d = dev();
    let x = Array::<i32>::arange(&d, 0, 12, 1)
        .unwrap()
        .reshape(&[3, 4])
        .unwrap();
    // x[:, ::-2] += 100
    x.slice(&s![.., ..;-2]).unwrap().add_assign(100).unwrap();
    assert_eq!(
        x.to_vec().unwrap(),
        vec![0, 101, 2, 103, 4, 105, 6, 107, 8, 109, 10, 111]
    );
    // x[1] *= [1, 2, 3, 4] (broadcast row into a row view)
    x.slice(&s![1])
        .unwrap()
        .mul_assign(&arr(&d, &[1, 2, 3, 4]))
        .unwrap();
    assert_eq!(&x.to_vec().unwrap()[4..8], &[4, 210, 18, 428]);
    // the operator form
    let mut y = Array::<f32>::ones(&d, &[2, 2]).unwrap();
    y += &Array::<f32>::full(&d, &[2], 2.0).unwrap();
    y *= 3.0;
    assert_eq!(y.to_vec().unwrap(), vec![9.0; 4]);
    // a read-only destination is an error
    let b = arr(&d, &[1.0f32]).broadcast_to(&[3]).unwrap();
    assert!(matches!(b.add_assign(1.0), Err(Error::ReadOnly { .. })));
    // an input that does not broadcast to the destination
    let e = x
        .slice(&s![0])
        .unwrap()
        .add_assign(&arr(&d, &[1, 2]))
        .unwrap_err();
    assert!(matches!(e, Error::BroadcastShapes { .. }), "{e}");
}

/// NumPy: x = arange(6); x[1:] += x[:-1] gives [0 1 3 5 7 9]; a = arange(9)
/// as 3x3; a += a.T gives [0 4 8 4 8 12 8 12 16]; x[::2] += x[1::2] (disjoint,
/// same buffer) needs no staging and gives [1 1 5 3 9 5].
#[test]
fn overlapping_in_place_operations_read_inputs_first() {
    let d = dev();
    let x = Array::<i32>::arange(&d, 0, 6, 1).unwrap();
    x.slice(&s![1..])
        .unwrap()
        .add_assign(&x.slice(&s![..-1]).unwrap())
        .unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![0, 1, 3, 5, 7, 9]);
    let a = Array::<f32>::arange(&d, 0.0, 9.0, 1.0)
        .unwrap()
        .reshape(&[3, 3])
        .unwrap();
    a.add_assign(&a.t()).unwrap();
    assert_eq!(
        a.to_vec().unwrap(),
        vec![0., 4., 8., 4., 8., 12., 8., 12., 16.]
    );
    let x = Array::<i32>::arange(&d, 0, 6, 1).unwrap();
    x.slice(&s![..;2])
        .unwrap()
        .add_assign(&x.slice(&s![1..;2]).unwrap())
        .unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![1, 1, 5, 3, 9, 5]);
    // element-for-element: x *= x
    let x = Array::<i32>::arange(&d, 0, 5, 1).unwrap();
    x.mul_assign(&x).unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![0, 1, 4, 9, 16]);
    // packed type, overlapping: u8 x[1:] += x[:-1]
    let x = arr(&d, &[1u8, 2, 3, 4, 5, 6, 7, 8, 9]);
    x.slice(&s![1..])
        .unwrap()
        .add_assign(&x.slice(&s![..-1]).unwrap())
        .unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![1, 3, 5, 7, 9, 11, 13, 15, 17]);
}

#[test]
fn operators_and_scalars() {
    let d = dev();
    let a = arr(&d, &[1.0f32, 2.0, 3.0]);
    let b = arr(&d, &[10.0f32, 20.0, 30.0]);
    assert_eq!((&a + &b).unwrap().to_vec().unwrap(), vec![11.0, 22.0, 33.0]);
    assert_eq!((&b - &a).unwrap().to_vec().unwrap(), vec![9.0, 18.0, 27.0]);
    assert_eq!((&a * 2.0).unwrap().to_vec().unwrap(), vec![2.0, 4.0, 6.0]);
    assert_eq!((1.0 - &a).unwrap().to_vec().unwrap(), vec![0.0, -1.0, -2.0]);
    assert_eq!((6.0 / &a).unwrap().to_vec().unwrap(), vec![6.0, 3.0, 2.0]);
    assert_eq!((-&a).unwrap().to_vec().unwrap(), vec![-1.0, -2.0, -3.0]);
    assert_eq!((&b % 7.0).unwrap().to_vec().unwrap(), vec![3.0, 6.0, 2.0]);
    let e = (&a + &arr(&d, &[1.0f32, 2.0])).unwrap_err();
    assert_eq!(
        e.to_string(),
        "add: operands could not be broadcast together with shapes (3,) (2,)"
    );
}

/// NumPy's order 'K': `a.T + 1` is F-contiguous; a broadcast result is C.
#[test]
fn results_keep_the_inputs_memory_order() {
    let d = dev();
    let a = Array::<f32>::arange(&d, 0.0, 6.0, 1.0)
        .unwrap()
        .reshape(&[2, 3])
        .unwrap();
    let r = (&a.t() + 1.0).unwrap();
    assert!(r.is_f_contiguous() && !r.is_c_contiguous());
    assert_eq!(r.to_vec().unwrap(), vec![1.0, 4.0, 2.0, 5.0, 3.0, 6.0]);
    let c = (&a + &arr(&d, &[1.0f32, 1.0, 1.0])).unwrap();
    assert!(c.is_c_contiguous());
    let z = Array::<f32>::zeros(&d, &[0, 3]).unwrap();
    assert_eq!((&z + 1.0).unwrap().shape(), &[0, 3]);
    let f = a.copy_order(Order::F).unwrap();
    assert!(f.add(1.0).unwrap().is_f_contiguous());
}

/// 1000 chained small operations are recorded into batches (one queue
/// submission per `BATCH_DISPATCHES` dispatches) and give exactly the
/// result of running them one submission at a time.
#[test]
fn chained_operations_are_batched_with_identical_results() {
    let d = Device::new().unwrap();
    let start: Vec<f32> = (0..1024).map(|i| i as f32 * 0.001).collect();
    let run = |flush_each: bool| {
        let mut x = Array::from_slice(&d, &start, &[1024]).unwrap();
        let before = d.submissions();
        for k in 0..1000 {
            x = match k % 3 {
                0 => (&x * 1.0001).unwrap(),
                1 => (&x + 0.5).unwrap(),
                _ => x.sub(0.25).unwrap(),
            };
            if flush_each {
                d.flush().unwrap();
            }
        }
        let v = x.to_vec().unwrap();
        (v, d.submissions() - before)
    };
    let (batched, n_batched) = run(false);
    let (single, n_single) = run(true);
    assert_eq!(batched, single);
    assert!(n_single >= 1000, "{n_single}");
    assert!(
        n_batched <= 1000 / ndgpu::BATCH_DISPATCHES as u64 + 2,
        "{n_batched} submissions"
    );
}

/// Contiguous runs of 4-byte elements go four to an invocation; lengths
/// that are not a multiple of 4 and offsets that are not 16-byte aligned
/// take the one-by-one path for the rest, with the same results. Offsets 0
/// and 8 start at a window start on lavapipe (32-byte binding alignment:
/// the offset-free vec4 program), offset 4 is 16-byte aligned but not
/// (the vec4 program that adds offsets).
#[test]
fn vectorised_path_handles_tails_and_misalignment() {
    let d = dev();
    let h: Vec<i32> = (0..1031).map(|i| i * 7 - 3000).collect();
    let a = arr(&d, &h);
    for (lo, hi) in [
        (0usize, 1031usize),
        (0, 1028),
        (4, 1031),
        (1, 1030),
        (3, 7),
        (8, 9),
    ] {
        let x = a.slice(&s![lo as isize..hi as isize]).unwrap();
        let y = a.slice(&s![..(hi - lo) as isize]).unwrap();
        let r = (&x + &y).unwrap().to_vec().unwrap();
        let want: Vec<i32> = (0..hi - lo).map(|k| h[lo + k] + h[k]).collect();
        assert_eq!(r, want, "{lo}..{hi}");
        // in place, in the same buffer
        let z = arr(&d, &h);
        z.slice(&s![lo as isize..hi as isize])
            .unwrap()
            .mul_assign(2)
            .unwrap();
        let mut want: Vec<i32> = h.clone();
        for v in &mut want[lo..hi] {
            *v *= 2;
        }
        assert_eq!(z.to_vec().unwrap(), want, "in place {lo}..{hi}");
    }
    let f = Array::<f32>::arange(&d, 0.0, 4099.0, 1.0).unwrap();
    let g = (&f * 0.5).unwrap().to_vec().unwrap();
    assert!(g.iter().enumerate().all(|(i, &v)| v == i as f32 * 0.5));
}

/// Arrays past the 128 MiB storage-binding limit: a 300 MiB f32 array, and
/// a transposed view of it, go through element-wise ops and a reduction
/// (the launches are split so each dispatch binds a window under the limit).
#[test]
fn ops_on_a_300_mib_array_and_its_transpose() {
    let d = dev();
    let (rows, cols) = (7680usize, 10240usize); // 78.6M f32 = 300 MiB
    let n = rows * cols;
    let x = Array::<u32>::arange(&d, 0, n as u32, 1)
        .unwrap()
        .reshape(&[rows as isize, cols as isize])
        .unwrap();
    assert!(x.nbytes() as u64 > 2 * d.info().max_storage_buffer_binding_size);
    let y = (&x + 3).unwrap();
    for &(i, j) in &[
        (0usize, 0usize),
        (rows - 1, cols - 1),
        (3000, 7000),
        (rows / 2, 1),
    ] {
        assert_eq!(
            y.get(&[i as isize, j as isize]).unwrap(),
            (i * cols + j + 3) as u32
        );
    }
    drop(y);
    // transposed view plus a broadcast row: (cols, rows) + (rows,)
    let row = Array::<u32>::arange(&d, 0, rows as u32, 1).unwrap();
    let t = (&x.t() + &row).unwrap();
    assert_eq!(t.shape(), &[cols, rows]);
    for &(j, i) in &[
        (0usize, 0usize),
        (cols - 1, rows - 1),
        (7000, 3000),
        (1, rows / 2),
    ] {
        assert_eq!(
            t.get(&[j as isize, i as isize]).unwrap(),
            (i * cols + j + i) as u32
        );
    }
    drop(t);
    // in place on a strided view of the big buffer
    x.slice(&s![..;-1, ..;2]).unwrap().mul_assign(0).unwrap();
    assert_eq!(x.get(&[5, 4]).unwrap(), 0);
    assert_eq!(x.get(&[5, 5]).unwrap(), (5 * cols + 5) as u32);
    // a reduction over all of it: sum of the odd columns
    let s = x.sum_as::<u64>(None, false).unwrap().item().unwrap();
    let want: u64 = (0..n as u64).filter(|k| k % 2 == 1).sum();
    assert_eq!(s, want);
}

/// The 4x4-block kernel of rank-2 launches with an input read down its
/// columns (`a.T + b`: float32, int32, uint32): shapes that are and are not
/// multiples of 4 (the last rows and columns take the one-by-one kernel),
/// transposed views of offset slices whose columns start on and off
/// 16-byte boundaries, stepped columns (the one-by-one kernel), broadcast
/// rows and columns, scalars, an output with gaps between its rows, and an
/// in-place update from a disjoint part of the same buffer; each against
/// the CPU walk of the same views.
#[test]
fn transposed_operands_through_the_block_kernel() {
    let d = dev();
    for (rows, cols) in [
        (4usize, 4usize),
        (8, 12),
        (5, 7),
        (13, 9),
        (67, 70),
        (3, 64),
    ] {
        let (pr, pc) = (cols + 3, (2 * rows + 5).div_ceil(4) * 4);
        let hf: Vec<f32> = (0..pr * pc).map(|i| i as f32 * 0.75 - 40.0).collect();
        let hi: Vec<i32> = (0..pr * pc).map(|i| (i as i32) * 7919 - 300_000).collect();
        let pf = Array::from_slice(&d, &hf, &[pr, pc]).unwrap();
        let pi = Array::from_slice(&d, &hi, &[pr, pc]).unwrap();
        let bf = Array::from_slice(&d, &hf[..rows * cols], &[rows, cols]).unwrap();
        let bi = Array::from_slice(&d, &hi[..rows * cols], &[rows, cols]).unwrap();
        let views = |p: &Array<f32>| -> Vec<(&'static str, Array<f32>)> {
            let (r, c) = (rows as isize, cols as isize);
            vec![
                ("t", p.slice(&s![..c, ..r]).unwrap().t()),
                ("t offset 4", p.slice(&s![1..c + 1, 4..r + 4]).unwrap().t()),
                ("t offset 1", p.slice(&s![2..c + 2, 1..r + 1]).unwrap().t()),
                ("t stepped", p.slice(&s![..c, ..2 * r;2]).unwrap().t()),
                (
                    "column",
                    p.slice(&s![0, ..r])
                        .unwrap()
                        .reshape(&[r, 1])
                        .unwrap()
                        .broadcast_to(&[rows, cols])
                        .unwrap(),
                ),
                (
                    "row",
                    p.slice(&s![..c, 1])
                        .unwrap()
                        .broadcast_to(&[rows, cols])
                        .unwrap(),
                ),
            ]
        };
        for (name, v) in views(&pf) {
            let want: Vec<f32> = host_of(&v)
                .iter()
                .zip(&host_of(&bf))
                .map(|(x, y)| x + y * 2.0)
                .collect();
            let got = (&v + &(&bf * 2.0f32).unwrap()).unwrap();
            assert_eq!(host_of(&got), want, "f32 {rows}x{cols} {name}");
            // the transposed operand second, and with a scalar
            let got = (&bf.mul(&v).unwrap() - 1.5f32).unwrap();
            let want: Vec<f32> = host_of(&bf)
                .iter()
                .zip(&host_of(&v))
                .map(|(x, y)| x * y - 1.5)
                .collect();
            assert_eq!(host_of(&got), want, "f32 mul {rows}x{cols} {name}");
            // two transposed inputs
            let got = v.sub(&bf.t().t()).unwrap().add(&v).unwrap();
            let want: Vec<f32> = host_of(&v)
                .iter()
                .zip(&host_of(&bf))
                .map(|(x, y)| x - y + x)
                .collect();
            assert_eq!(host_of(&got), want, "f32 sub {rows}x{cols} {name}");
        }
        let it = pi
            .slice(&s![1..cols as isize + 1, 4..rows as isize + 4])
            .unwrap()
            .t();
        let want: Vec<i32> = host_of(&it)
            .iter()
            .zip(&host_of(&bi))
            .map(|(x, y)| x.wrapping_mul(*y).wrapping_add(3))
            .collect();
        assert_eq!(
            host_of(&((&it * &bi).unwrap() + 3).unwrap()),
            want,
            "i32 {rows}x{cols}"
        );
        let ut = it.astype::<u32>().unwrap().t().copy().unwrap().t();
        let bu = bi.astype::<u32>().unwrap();
        let want: Vec<u32> = host_of(&ut)
            .iter()
            .zip(&host_of(&bu))
            .map(|(x, y)| (*x).max(*y))
            .collect();
        assert_eq!(
            host_of(&ut.maximum(&bu).unwrap()),
            want,
            "u32 {rows}x{cols}"
        );
        // an output with gaps between rows, written in place from the
        // transposed top-left of the same buffer (disjoint elements)
        let big = Array::from_slice(&d, &hf, &[pr, pc]).unwrap();
        if pc >= 2 * rows.min(cols) && rows <= pr && cols <= pc {
            let (r, c) = (rows as isize, cols as isize);
            let out = big.slice(&s![..r, (pc - cols) as isize..]).unwrap();
            let src = pf.slice(&s![..c, ..r]).unwrap().t();
            let mut want = host_of(&out);
            for (w, x) in want.iter_mut().zip(host_of(&src)) {
                *w += x;
            }
            out.add_assign(&src).unwrap();
            assert_eq!(host_of(&out), want, "out with gaps {rows}x{cols}");
            let in_buf = big.slice(&s![..c, ..r]).unwrap().t();
            if rows + cols <= pc && c <= r.max(c) {
                let out2 = big.slice(&s![..r, (pc - cols) as isize..]).unwrap();
                let mut want = host_of(&out2);
                for (w, x) in want.iter_mut().zip(host_of(&in_buf)) {
                    *w *= x;
                }
                out2.mul_assign(&in_buf).unwrap();
                assert_eq!(host_of(&out2), want, "same buffer {rows}x{cols}");
            }
        }
    }
}
