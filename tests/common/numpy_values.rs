//! Comparing an array with a NumPy fixture record's dtype, shape and
//! values (C order; integral floats written as integers, `nan`, `inf`,
//! `-inf`, `-0`). Shared by tests/scan.rs and tests/masks.rs.

use ndgpu::{Array, Element};

/// The mismatch between `r` and NumPy's dtype, shape (comma-separated)
/// and values (space-separated), if any.
pub fn compare<U: Element>(
    r: ndgpu::Result<Array<U>>,
    dtype: &str,
    shape: &str,
    values: &str,
) -> Option<String> {
    let a = match r {
        Ok(a) => a,
        Err(e) => return Some(format!("error {e}")),
    };
    if U::DTYPE.name() != dtype {
        return Some(format!("dtype {} (NumPy {dtype})", U::DTYPE));
    }
    let want_shape: Vec<usize> = shape
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    if a.shape() != want_shape.as_slice() {
        return Some(format!("shape {:?} (NumPy {want_shape:?})", a.shape()));
    }
    let got = a.to_vec().unwrap();
    compare_values(&got, values)
}

/// The mismatch between `got` and NumPy's values, if any.
pub fn compare_values<U: Element>(got: &[U], values: &str) -> Option<String> {
    let want: Vec<&str> = values.split(' ').filter(|s| !s.is_empty()).collect();
    if got.len() != want.len() {
        return Some(format!("{} values (NumPy {})", got.len(), want.len()));
    }
    for (k, (g, w)) in got.iter().zip(&want).enumerate() {
        let ok = if U::DTYPE.is_float() {
            let x = g.to_f64();
            match *w {
                "nan" => x.is_nan(),
                "inf" => x == f64::INFINITY,
                "-inf" => x == f64::NEG_INFINITY,
                "-0" => x == 0.0 && x.is_sign_negative(),
                w => x == w.parse::<f64>().unwrap() && !(x == 0.0 && x.is_sign_negative()),
            }
        } else {
            g.to_i128() == Some(w.parse::<i128>().unwrap())
        };
        if !ok {
            return Some(format!("element {k}: {g} (NumPy {w})"));
        }
    }
    None
}
