//! Every expected string below was produced by NumPy 2.4's `repr()`
//! (`python3 -c "import numpy as np; print(repr(...))"`, the expression
//! given above each case), so these tests pin ndgpu's output to NumPy's.

use super::*;

fn check<T: Element>(data: &[T], shape: &[usize], expected: &str) {
    assert_eq!(numpy_repr(data, shape).unwrap(), expected);
}

fn arange_i32(n: i32) -> Vec<i32> {
    (0..n).collect()
}

#[test]
fn zero_d() {
    // np.array(5, dtype=np.int32)
    check(&[5i32], &[], "array(5, dtype=int32)");
    // np.array(1.0, dtype=np.float32)
    check(&[1.0f32], &[], "array(1., dtype=float32)");
    // np.array(-2.5, dtype=np.float32)
    check(&[-2.5f32], &[], "array(-2.5, dtype=float32)");
    // np.array(np.nan, dtype=np.float32)
    check(&[f32::NAN], &[], "array(nan, dtype=float32)");
}

#[test]
fn one_d() {
    // np.arange(5, dtype=np.int32)
    check(&arange_i32(5), &[5], "array([0, 1, 2, 3, 4], dtype=int32)");
    // np.arange(30, dtype=np.int32): wraps at 75 columns
    check(
        &arange_i32(30),
        &[30],
        "array([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16,\n       \
             17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29], dtype=int32)",
    );
}

#[test]
fn two_d() {
    // np.arange(6, dtype=np.int32).reshape(2, 3)
    check(
        &arange_i32(6),
        &[2, 3],
        "array([[0, 1, 2],\n       [3, 4, 5]], dtype=int32)",
    );
}

#[test]
fn three_d() {
    // np.arange(24, dtype=np.int32).reshape(2, 3, 4)
    check(
        &arange_i32(24),
        &[2, 3, 4],
        "array([[[ 0,  1,  2,  3],
        [ 4,  5,  6,  7],
        [ 8,  9, 10, 11]],

       [[12, 13, 14, 15],
        [16, 17, 18, 19],
        [20, 21, 22, 23]]], dtype=int32)",
    );
}

#[test]
fn empty() {
    // np.zeros(0, dtype=np.float32)
    check::<f32>(&[], &[0], "array([], dtype=float32)");
    // np.zeros((0, 3), dtype=np.int32)
    check::<i32>(&[], &[0, 3], "array([], shape=(0, 3), dtype=int32)");
}

#[test]
fn floats() {
    // np.array([1.0, 0.5], dtype=np.float32)
    check(&[1.0f32, 0.5], &[2], "array([1. , 0.5], dtype=float32)");
    // np.array([-1.5, 2.0, 3.25], dtype=np.float32)
    check(
        &[-1.5f32, 2.0, 3.25],
        &[3],
        "array([-1.5 ,  2.  ,  3.25], dtype=float32)",
    );
    // np.array([0.1, 1/3, 2/3], dtype=np.float32)
    check(
        &[0.1f32, 1.0 / 3.0, 2.0 / 3.0],
        &[3],
        "array([0.1       , 0.33333334, 0.6666667 ], dtype=float32)",
    );
    // np.arange(6, dtype=np.float32).reshape(2, 3)
    check(
        &[0.0f32, 1.0, 2.0, 3.0, 4.0, 5.0],
        &[2, 3],
        "array([[0., 1., 2.],\n       [3., 4., 5.]], dtype=float32)",
    );
    // np.array([-0.0, 1.0], dtype=np.float32)
    check(&[-0.0f32, 1.0], &[2], "array([-0.,  1.], dtype=float32)");
    // np.array([np.nan, np.inf, -np.inf, 1.5], dtype=np.float32)
    check(
        &[f32::NAN, f32::INFINITY, f32::NEG_INFINITY, 1.5],
        &[4],
        "array([ nan,  inf, -inf,  1.5], dtype=float32)",
    );
}

#[test]
fn floats_scientific() {
    // np.array([1e-5, 1.0], dtype=np.float32)
    check(
        &[1e-5f32, 1.0],
        &[2],
        "array([1.e-05, 1.e+00], dtype=float32)",
    );
    // np.array([1e10, -2.5, 0.0], dtype=np.float32)
    check(
        &[1e10f32, -2.5, 0.0],
        &[3],
        "array([ 1.0e+10, -2.5e+00,  0.0e+00], dtype=float32)",
    );
    // np.array([0.000123456789, 0.5], dtype=np.float32)
    check(
        &[0.000123456789f64 as f32, 0.5],
        &[2],
        "array([1.2345679e-04, 5.0000000e-01], dtype=float32)",
    );
    // np.array([123456.7, 0.25], dtype=np.float32)
    check(
        &[123456.7f32, 0.25],
        &[2],
        "array([1.234567e+05, 2.500000e-01], dtype=float32)",
    );
    // np.array([3.0e38, 1e-38], dtype=np.float32)
    check(
        &[3.0e38f32, 1e-38],
        &[2],
        "array([3.e+38, 1.e-38], dtype=float32)",
    );
}

#[test]
fn negative_and_unsigned_ints() {
    // np.array([[-5, 10], [-100, 7]], dtype=np.int32)
    check(
        &[-5i32, 10, -100, 7],
        &[2, 2],
        "array([[  -5,   10],\n       [-100,    7]], dtype=int32)",
    );
    // np.array([0, 4000000000], dtype=np.uint32)
    check(
        &[0u32, 4_000_000_000],
        &[2],
        "array([         0, 4000000000], dtype=uint32)",
    );
}

#[test]
fn summarised_1d() {
    // np.arange(1001, dtype=np.int32)
    check(
        &arange_i32(1001),
        &[1001],
        "array([   0,    1,    2, ...,  998,  999, 1000],\n      shape=(1001,), dtype=int32)",
    );
}

#[test]
fn summarised_2d_float() {
    // np.arange(2000, dtype=np.float32).reshape(40, 50)
    let data: Vec<f32> = (0..2000).map(|x| x as f32).collect();
    check(
        &data,
        &[40, 50],
        "array([[0.000e+00, 1.000e+00, 2.000e+00, ..., 4.700e+01, 4.800e+01,
        4.900e+01],
       [5.000e+01, 5.100e+01, 5.200e+01, ..., 9.700e+01, 9.800e+01,
        9.900e+01],
       [1.000e+02, 1.010e+02, 1.020e+02, ..., 1.470e+02, 1.480e+02,
        1.490e+02],
       ...,
       [1.850e+03, 1.851e+03, 1.852e+03, ..., 1.897e+03, 1.898e+03,
        1.899e+03],
       [1.900e+03, 1.901e+03, 1.902e+03, ..., 1.947e+03, 1.948e+03,
        1.949e+03],
       [1.950e+03, 1.951e+03, 1.952e+03, ..., 1.997e+03, 1.998e+03,
        1.999e+03]], shape=(40, 50), dtype=float32)",
    );
}

#[test]
fn summarised_3d() {
    // np.arange(2000, dtype=np.int32).reshape(10, 10, 20), first and last blocks
    let s = numpy_repr(&arange_i32(2000), &[10, 10, 20]).unwrap();
    let head = "array([[[   0,    1,    2, ...,   17,   18,   19],
        [  20,   21,   22, ...,   37,   38,   39],
        [  40,   41,   42, ...,   57,   58,   59],
        ...,
        [ 140,  141,  142, ...,  157,  158,  159],
        [ 160,  161,  162, ...,  177,  178,  179],
        [ 180,  181,  182, ...,  197,  198,  199]],

       [[ 200,  201,  202, ...,  217,  218,  219],";
    let middle = "        [ 580,  581,  582, ...,  597,  598,  599]],

       ...,

       [[1400, 1401, 1402, ..., 1417, 1418, 1419],";
    let tail = "        [1980, 1981, 1982, ..., 1997, 1998, 1999]]],
      shape=(10, 10, 20), dtype=int32)";
    assert!(s.starts_with(head), "{s}");
    assert!(s.contains(middle), "{s}");
    assert!(s.ends_with(tail), "{s}");
    assert_eq!(s.lines().count(), 50);
}

#[test]
fn summarised_rows_wrap() {
    // np.arange(1500, dtype=np.float32).reshape(3, 500) * 1000.5
    let data: Vec<f32> = (0..1500).map(|x| x as f32 * 1000.5).collect();
    check(
        &data,
        &[3, 500],
        "array([[0.0000000e+00, 1.0005000e+03, 2.0010000e+03, ..., 4.9724850e+05,
        4.9824900e+05, 4.9924950e+05],
       [5.0025000e+05, 5.0125050e+05, 5.0225100e+05, ..., 9.9749850e+05,
        9.9849900e+05, 9.9949950e+05],
       [1.0005000e+06, 1.0015005e+06, 1.0025010e+06, ..., 1.4977485e+06,
        1.4987490e+06, 1.4997495e+06]], shape=(3, 500), dtype=float32)",
    );
}

fn f16s(xs: &[f32]) -> Vec<half::f16> {
    xs.iter().map(|&x| half::f16::from_f32(x)).collect()
}

#[test]
fn bools() {
    // np.array([True, False, True])
    check(&[true, false, true], &[3], "array([ True, False,  True])");
    // np.array(True); np.array(False)
    check(&[true], &[], "array(True)");
    check(&[false], &[], "array(False)");
    // np.array([[True], [False]])
    check(&[true, false], &[2, 1], "array([[ True],\n       [False]])");
    // np.zeros(0, dtype=bool): empty arrays always name the dtype
    check::<bool>(&[], &[0], "array([], dtype=bool)");
}

#[test]
fn narrow_ints() {
    // np.array([-128, 0, 127], dtype=np.int8)
    check(
        &[-128i8, 0, 127],
        &[3],
        "array([-128,    0,  127], dtype=int8)",
    );
    // np.array(5, dtype=np.int8)
    check(&[5i8], &[], "array(5, dtype=int8)");
    // np.array([0, 255], dtype=np.uint8)
    check(&[0u8, 255], &[2], "array([  0, 255], dtype=uint8)");
    // np.array([-32768, 7], dtype=np.int16)
    check(&[i16::MIN, 7], &[2], "array([-32768,      7], dtype=int16)");
    // np.array([65535, 1], dtype=np.uint16)
    check(&[u16::MAX, 1], &[2], "array([65535,     1], dtype=uint16)");
    // np.array([-2147483648, 2147483647], dtype=np.int32)
    check(
        &[i32::MIN, i32::MAX],
        &[2],
        "array([-2147483648,  2147483647], dtype=int32)",
    );
    // np.array([0, 4294967295], dtype=np.uint32)
    check(
        &[0u32, u32::MAX],
        &[2],
        "array([         0, 4294967295], dtype=uint32)",
    );
}

#[test]
fn wide_ints() {
    // np.array([-9223372036854775808, 9223372036854775807]): int64 is
    // NumPy's default integer, so no dtype=
    check(
        &[i64::MIN, i64::MAX],
        &[2],
        "array([-9223372036854775808,  9223372036854775807])",
    );
    // np.array(-9223372036854775808)
    check(&[i64::MIN], &[], "array(-9223372036854775808)");
    // np.array([18446744073709551615, 0], dtype=np.uint64)
    check(
        &[u64::MAX, 0],
        &[2],
        "array([18446744073709551615,                    0], dtype=uint64)",
    );
    // np.array(18446744073709551615, dtype=np.uint64)
    check(
        &[u64::MAX],
        &[],
        "array(18446744073709551615, dtype=uint64)",
    );
    // np.zeros((2, 0), dtype=np.int64)
    check::<i64>(&[], &[2, 0], "array([], shape=(2, 0), dtype=int64)");
    // np.arange(1001)
    let data: Vec<i64> = (0..1001).collect();
    check(
        &data,
        &[1001],
        "array([   0,    1,    2, ...,  998,  999, 1000], shape=(1001,))",
    );
}

#[test]
fn float64() {
    // np.array([0.1, 1/3, 2/3]): float64's digits, no dtype=
    check(
        &[0.1f64, 1.0 / 3.0, 2.0 / 3.0],
        &[3],
        "array([0.1       , 0.33333333, 0.66666667])",
    );
    // np.array(1/3); np.array(0.1); np.array(-0.0)
    check(&[1.0f64 / 3.0], &[], "array(0.33333333)");
    check(&[0.1f64], &[], "array(0.1)");
    check(&[-0.0f64], &[], "array(-0.)");
    // np.array([0.1 + 0.2, 1e7, -2.5])
    check(
        &[0.1f64 + 0.2, 1e7, -2.5],
        &[3],
        "array([ 3.0e-01,  1.0e+07, -2.5e+00])",
    );
    // np.array([1e-300, 1.0]): three exponent digits for all
    check(&[1e-300f64, 1.0], &[2], "array([1.e-300, 1.e+000])");
    // np.array([0.1, 1.5e-5])
    check(&[0.1f64, 1.5e-5], &[2], "array([1.0e-01, 1.5e-05])");
    // np.array([np.nan, np.inf, -np.inf, -0.0])
    check(
        &[f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0],
        &[4],
        "array([ nan,  inf, -inf,  -0.])",
    );
    // np.array([1e8, 1.0]); np.array([99999999.0, 1.0])
    check(&[1e8f64, 1.0], &[2], "array([1.e+08, 1.e+00])");
    check(
        &[99999999.0f64, 1.0],
        &[2],
        "array([9.9999999e+07, 1.0000000e+00])",
    );
    // np.array([2.0**-9]): cut to 8 digits, the tie rounded to even
    check(&[2f64.powi(-9)], &[1], "array([0.00195312])");
    // np.zeros(0)
    check::<f64>(&[], &[0], "array([], dtype=float64)");
}

#[test]
fn float16() {
    // np.array([0.1, 0.2, 1/3], dtype=np.float16): float16's shortest digits
    check(
        &f16s(&[0.1, 0.2, 1.0 / 3.0]),
        &[3],
        "array([0.1   , 0.2   , 0.3333], dtype=float16)",
    );
    // np.array(0.1, dtype=np.float16)
    check(&f16s(&[0.1]), &[], "array(0.1, dtype=float16)");
    // np.array([1000, 1], dtype=np.float16): float16 goes scientific at 1e3
    check(
        &f16s(&[1000.0, 1.0]),
        &[2],
        "array([1.e+03, 1.e+00], dtype=float16)",
    );
    // np.array([999, 1], dtype=np.float16)
    check(
        &f16s(&[999.0, 1.0]),
        &[2],
        "array([999.,   1.], dtype=float16)",
    );
    // np.array([65504, -6e-8], dtype=np.float16)
    check(
        &f16s(&[65504.0, -6e-8]),
        &[2],
        "array([ 6.55e+04, -5.96e-08], dtype=float16)",
    );
    // np.array([2.0**-6], dtype=np.float16): 0.01563 reads back as
    // 0.015625 where the nearer 0.01562 would not
    check(&f16s(&[0.015625]), &[1], "array([0.01563], dtype=float16)");
    // np.array([0.1, 1.234e-5], dtype=np.float16): padding digits are
    // those of the exact value 0.0999755859375
    check(
        &f16s(&[0.1, 1.234e-5]),
        &[2],
        "array([9.998e-02, 1.234e-05], dtype=float16)",
    );
    // np.array([np.nan, -np.inf, 0.5], dtype=np.float16)
    check(
        &f16s(&[f32::NAN, f32::NEG_INFINITY, 0.5]),
        &[3],
        "array([ nan, -inf,  0.5], dtype=float16)",
    );
}

#[test]
fn float32_rules() {
    // np.array([0.1, 1.0e-5], dtype=np.float32)
    check(
        &[0.1f32, 1.0e-5],
        &[2],
        "array([1.e-01, 1.e-05], dtype=float32)",
    );
    // np.array([0.114932634, 1e-5], dtype=np.float32): 1e-5 padded with
    // the digits of its exact float32 value
    check(
        &[f32::from_bits(1038836173), 1e-5],
        &[2],
        "array([1.14932634e-01, 9.99999975e-06], dtype=float32)",
    );
    // np.array([0.0001], dtype=np.float32): compared with 0.0001 in float32
    check(&[0.0001f32], &[1], "array([0.0001], dtype=float32)");
    // np.array([1e6, 1.0], dtype=np.float32): scientific from 1e6 on
    check(
        &[1e6f32, 1.0],
        &[2],
        "array([1.e+06, 1.e+00], dtype=float32)",
    );
    // np.array([999999.0], dtype=np.float32)
    check(&[999999.0f32], &[1], "array([999999.], dtype=float32)");
    // np.array([155662.625, 155662.875], dtype=np.float32): equally near
    // shortest candidates, the even digit wins
    check(
        &[155662.625f64 as f32, 155662.875f64 as f32],
        &[2],
        "array([155662.62, 155662.88], dtype=float32)",
    );
}

#[test]
fn wrong_length_is_an_error() {
    assert!(matches!(
        numpy_repr(&[1i32, 2, 3], &[2, 2]),
        Err(Error::DataLength {
            len: 3,
            size: 4,
            ..
        })
    ));
}
