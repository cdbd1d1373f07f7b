//! NumPy-style printing of array contents: [`numpy_repr`] formats host data
//! and a shape the way NumPy's `repr()` does (default print options), and
//! `Display` for [`Array`] reads the array back and prints it that way.
//!
//! The layout code is a port of NumPy's `arrayprint` (`_formatArray`,
//! `_extendLine`, `IntegerFormat`, `FloatingFormat`, `_array_repr_implementation`)
//! with its defaults: line width 75, precision 8, `floatmode='maxprec'`,
//! summarisation past 1000 elements with 3 edge items. Following NumPy
//! keeps the output diffable against what a NumPy user expects to see.

use std::fmt;

use crate::array::Array;
use crate::dtype::Element;
use crate::error::{Error, Result, ShapeDisplay};

/// NumPy's default `linewidth`.
const LINE_WIDTH: usize = 75;
/// NumPy's default `threshold`: more elements than this are summarised.
const THRESHOLD: usize = 1000;
/// NumPy's default `edgeitems`.
const EDGE_ITEMS: usize = 3;
/// NumPy's default `precision` (digits after the point).
const PRECISION: usize = 8;
/// The opening of the repr; continuation lines are indented past it.
const PREFIX: &str = "array(";
const SEPARATOR: &str = ", ";
const SUMMARY: &str = "...";

/// Formats `data` (in C order) of the given `shape` as NumPy's `repr()` of an
/// array of `T`'s dtype would, e.g. `array([[0, 1, 2],\n       [3, 4, 5]], dtype=int32)`.
///
/// Fails with [`Error::DataLength`] if `data` does not hold exactly the
/// number of elements of `shape`.
///
/// ```
/// let s = ndgpu::numpy_repr(&[0i32, 1, 2, 3, 4, 5], &[2, 3]).unwrap();
/// assert_eq!(s, "array([[0, 1, 2],\n       [3, 4, 5]], dtype=int32)");
/// ```
pub fn numpy_repr<T: Element>(data: &[T], shape: &[usize]) -> Result<String> {
    let op = "numpy_repr";
    let size = shape
        .iter()
        .try_fold(1usize, |n, &d| n.checked_mul(d))
        .ok_or(Error::Overflow { op, what: "size" })?;
    if size != data.len() {
        return Err(Error::DataLength {
            op,
            len: data.len(),
            shape: shape.into(),
            size,
        });
    }
    let values: Vec<Value> = data.iter().map(|&x| Value::of(x)).collect();
    let summarise = size > THRESHOLD;

    // array2string: the closing ")" is reserved on the last line, and
    // continuation lines start under the first element, past "array([".
    let body = if size == 0 {
        "[]".to_string()
    } else {
        let printer = Printer::new(&values, shape, summarise);
        let hanging = " ".repeat(1 + PREFIX.len());
        printer.recurse(0, 0, &hanging, LINE_WIDTH - 1)
    };

    // NumPy adds the shape where the text does not show it (empty arrays
    // other than 1-D, summarised arrays) and the dtype where it is not the
    // platform default; none of ndgpu's dtypes is (the default is int64/float64).
    let mut extras = Vec::new();
    if (size == 0 && shape != [0]) || summarise {
        extras.push(format!("shape={}", ShapeDisplay(shape.to_vec())));
    }
    extras.push(format!("dtype={}", T::DTYPE.name()));
    let head = format!("{PREFIX}{body},");
    let tail = format!("{})", extras.join(", "));
    let last_line = head.len() - head.rfind('\n').map_or(0, |i| i + 1);
    let spacer = if last_line + tail.len() + 1 > LINE_WIDTH {
        format!("\n{}", " ".repeat(PREFIX.len()))
    } else {
        " ".to_string()
    };
    Ok(format!("{head}{spacer}{tail}"))
}

/// One element, widened so that formatting needs no generic code: integers
/// exactly, floats as the `f32` they are (shortest round-trip digits depend
/// on the precision of the type, not of `f64`).
#[derive(Clone, Copy)]
enum Value {
    Int(i64),
    Float(f32),
}

impl Value {
    fn of<T: Element>(x: T) -> Value {
        match x.to_i128() {
            Some(v) => Value::Int(v as i64),
            None => Value::Float(x.to_f64() as f32),
        }
    }
}

/// The per-array formatter (NumPy's `format_function`): every element is
/// printed to the same width, chosen from the elements that will be shown.
enum ElementFormat {
    Int { width: usize },
    Float(FloatFormat),
}

struct Printer<'a> {
    values: &'a [Value],
    shape: &'a [usize],
    /// C-order strides in elements.
    strides: Vec<usize>,
    summarise: bool,
    format: ElementFormat,
}

impl<'a> Printer<'a> {
    fn new(values: &'a [Value], shape: &'a [usize], summarise: bool) -> Self {
        let mut strides = vec![1usize; shape.len()];
        for k in (0..shape.len().saturating_sub(1)).rev() {
            strides[k] = strides[k + 1] * shape[k + 1];
        }
        let mut p = Printer {
            values,
            shape,
            strides,
            summarise,
            format: ElementFormat::Int { width: 0 },
        };
        // NumPy sizes the columns from the edge items only when summarising.
        let mut shown = Vec::new();
        p.visible(0, 0, &mut shown);
        p.format = match values.first() {
            Some(Value::Float(_)) => {
                let xs: Vec<f32> = shown
                    .iter()
                    .filter_map(|&i| match values[i] {
                        Value::Float(x) => Some(x),
                        Value::Int(_) => None,
                    })
                    .collect();
                ElementFormat::Float(FloatFormat::new(&xs))
            }
            _ => {
                let ints = shown.iter().filter_map(|&i| match values[i] {
                    Value::Int(x) => Some(x),
                    Value::Float(_) => None,
                });
                let (lo, hi) =
                    ints.fold((i64::MAX, i64::MIN), |(lo, hi), x| (lo.min(x), hi.max(x)));
                let width = if lo > hi {
                    0
                } else {
                    lo.to_string().len().max(hi.to_string().len())
                };
                ElementFormat::Int { width }
            }
        };
        p
    }

    /// Positions along `axis` that are printed: all of them, or the edge
    /// items on each side when summarising a long axis.
    fn positions(&self, axis: usize) -> Vec<usize> {
        let len = self.shape[axis];
        if self.summarise && 2 * EDGE_ITEMS < len {
            (0..EDGE_ITEMS).chain(len - EDGE_ITEMS..len).collect()
        } else {
            (0..len).collect()
        }
    }

    /// Flat indices of the elements that are printed (NumPy's `_leading_trailing`).
    fn visible(&self, axis: usize, offset: usize, out: &mut Vec<usize>) {
        if axis == self.shape.len() {
            out.push(offset);
            return;
        }
        for i in self.positions(axis) {
            self.visible(axis + 1, offset + i * self.strides[axis], out);
        }
    }

    fn word(&self, offset: usize) -> String {
        match (&self.format, self.values.get(offset)) {
            (ElementFormat::Int { width }, Some(Value::Int(x))) => format!("{x:>width$}"),
            (ElementFormat::Float(f), Some(Value::Float(x))) => f.format(*x),
            // Unreachable: every value has the array's one dtype and offsets
            // stay inside the shape; print something rather than panic.
            _ => "?".to_string(),
        }
    }

    /// NumPy's `_formatArray.recurser`: the sub-array at `offset` from
    /// `axis` on, its first line indented by `hanging` (later stripped),
    /// within `width` columns.
    fn recurse(&self, axis: usize, offset: usize, hanging: &str, width: usize) -> String {
        let ndim = self.shape.len();
        if axis == ndim {
            return self.word(offset);
        }
        let axes_left = ndim - axis;
        let next_hanging = format!("{hanging} ");
        // Every nesting level closes with one more "]".
        let next_width = width.saturating_sub(1);
        let len = self.shape[axis];
        let stride = self.strides[axis];
        let summary = self.summarise && 2 * EDGE_ITEMS < len;
        let (leading, trailing) = if summary {
            (EDGE_ITEMS, EDGE_ITEMS)
        } else {
            (0, len)
        };
        let child =
            |i: usize| self.recurse(axis + 1, offset + i * stride, &next_hanging, next_width);

        let mut s = String::new();
        if axes_left == 1 {
            // Room for the separator's "," or the closing "]".
            let elem_width = width.saturating_sub(1);
            let mut line = hanging.to_string();
            for i in 0..leading {
                extend_line(&mut s, &mut line, &child(i), elem_width, hanging);
                line.push_str(SEPARATOR);
            }
            if summary {
                extend_line(&mut s, &mut line, SUMMARY, elem_width, hanging);
                line.push_str(SEPARATOR);
            }
            for i in (2..=trailing).rev() {
                extend_line(&mut s, &mut line, &child(len - i), elem_width, hanging);
                line.push_str(SEPARATOR);
            }
            extend_line(&mut s, &mut line, &child(len - 1), elem_width, hanging);
            s.push_str(&line);
        } else {
            // One blank line between blocks per extra axis, as NumPy does.
            let line_sep = format!("{}{}", SEPARATOR.trim_end(), "\n".repeat(axes_left - 1));
            for i in 0..leading {
                s.push_str(hanging);
                s.push_str(&child(i));
                s.push_str(&line_sep);
            }
            if summary {
                s.push_str(hanging);
                s.push_str(SUMMARY);
                s.push_str(&line_sep);
            }
            for i in (2..=trailing).rev() {
                s.push_str(hanging);
                s.push_str(&child(len - i));
                s.push_str(&line_sep);
            }
            s.push_str(hanging);
            s.push_str(&child(len - 1));
        }
        format!("[{}]", s.get(hanging.len()..).unwrap_or(""))
    }
}

/// NumPy's `_extendLine`: appends `word` to `line`, first moving to a new
/// line when it would pass `width` (unless the line holds nothing yet, where
/// wrapping would not help).
fn extend_line(s: &mut String, line: &mut String, word: &str, width: usize, prefix: &str) {
    let needs_wrap = line.len() + word.len() > width && line.len() > prefix.len();
    if needs_wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = prefix.to_string();
    }
    line.push_str(word);
}

/// NumPy's `FloatingFormat` in its default mode (`maxprec`, precision 8,
/// sign `-`): positional unless the magnitudes call for scientific
/// notation, the shortest digits that round-trip (at most 8 after the
/// point), decimal points aligned.
struct FloatFormat {
    scientific: bool,
    /// Width of the part before the point (sign included).
    pad_left: usize,
    /// Width after the point (positional: fraction digits; scientific: the
    /// whole `ddde+XX` tail), used to pad and to size `nan`/`inf`.
    pad_right: usize,
    /// Scientific only: fraction digits, every element padded to this many.
    precision: usize,
    /// Scientific only: exponent digits.
    exp_digits: usize,
}

impl FloatFormat {
    fn new(data: &[f32]) -> FloatFormat {
        let finite: Vec<f32> = data.iter().copied().filter(|x| x.is_finite()).collect();
        let nonzero: Vec<f64> = finite
            .iter()
            .filter(|&&x| x != 0.0)
            .map(|&x| (x as f64).abs())
            .collect();
        let scientific = match (
            nonzero.iter().copied().reduce(f64::max),
            nonzero.iter().copied().reduce(f64::min),
        ) {
            (Some(max), Some(min)) => max >= 1e8 || min < 1e-4 || max / min > 1000.0,
            _ => false,
        };
        let mut f = FloatFormat {
            scientific,
            pad_left: 0,
            pad_right: 0,
            precision: 0,
            exp_digits: 0,
        };
        if !finite.is_empty() {
            if scientific {
                let parts: Vec<(String, String, i32)> =
                    finite.iter().map(|&x| scientific_digits(x)).collect();
                f.exp_digits = parts
                    .iter()
                    .map(|(_, _, e)| e.unsigned_abs().to_string().len())
                    .max()
                    .unwrap_or(2)
                    .max(2);
                f.precision = parts
                    .iter()
                    .map(|(_, frac, _)| frac.len())
                    .max()
                    .unwrap_or(0);
                f.pad_left = parts.iter().map(|(int, _, _)| int.len()).max().unwrap_or(0);
                f.pad_right = f.exp_digits + 2 + f.precision;
            } else {
                let parts: Vec<(String, String)> =
                    finite.iter().map(|&x| positional_digits(x)).collect();
                f.pad_left = parts.iter().map(|(int, _)| int.len()).max().unwrap_or(0);
                f.pad_right = parts.iter().map(|(_, frac)| frac.len()).max().unwrap_or(0);
            }
        }
        if finite.len() != data.len() {
            let neg_inf = data.contains(&f32::NEG_INFINITY) as usize;
            let after = f.pad_right + 1;
            f.pad_left = f
                .pad_left
                .max(3usize.saturating_sub(after))
                .max((3 + neg_inf).saturating_sub(after));
        }
        f
    }

    fn format(&self, x: f32) -> String {
        if !x.is_finite() {
            let word = if x.is_nan() {
                "nan"
            } else if x < 0.0 {
                "-inf"
            } else {
                "inf"
            };
            let width = self.pad_left + self.pad_right + 1;
            return format!("{word:>width$}");
        }
        let (pl, pr) = (self.pad_left, self.pad_right);
        if self.scientific {
            let (int, mut frac, exp) = scientific_digits(x);
            while frac.len() < self.precision {
                frac.push('0');
            }
            let sign = if exp < 0 { '-' } else { '+' };
            let digits = self.exp_digits;
            format!("{int:>pl$}.{frac}e{sign}{:0>digits$}", exp.unsigned_abs())
        } else {
            let (int, frac) = positional_digits(x);
            format!("{int:>pl$}.{frac:<pr$}")
        }
    }
}

/// Shortest round-trip digits of `x` in positional notation, cut to
/// [`PRECISION`] fraction digits, trailing zeros trimmed (NumPy's
/// `dragon4_positional(unique=True, trim='.')`): `("1", "")` for 1.0,
/// `("-0", "5")` for -0.5.
fn positional_digits(x: f32) -> (String, String) {
    // Rust's Display of a float is the shortest round-trip text and never
    // switches to an exponent.
    let mut s = x.to_string();
    if s.split_once('.')
        .is_some_and(|(_, frac)| frac.len() > PRECISION)
    {
        s = format!("{x:.PRECISION$}");
        if s.contains('.') {
            s.truncate(s.trim_end_matches('0').len());
        }
    }
    match s.split_once('.') {
        Some((int, frac)) => (int.to_string(), frac.to_string()),
        None => (s, String::new()),
    }
}

/// Shortest round-trip digits of `x` in scientific notation, at most
/// [`PRECISION`] fraction digits, trailing zeros trimmed: `("1", "5", -5)`
/// for 1.5e-5.
fn scientific_digits(x: f32) -> (String, String, i32) {
    let split = |s: &str| -> (String, String, i32) {
        let (mantissa, exp) = s.split_once('e').unwrap_or((s, "0"));
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let frac = frac.trim_end_matches('0');
        (int.to_string(), frac.to_string(), exp.parse().unwrap_or(0))
    };
    let shortest = split(&format!("{x:e}"));
    if shortest.1.len() > PRECISION {
        split(&format!("{x:.PRECISION$e}"))
    } else {
        shortest
    }
}

impl<T: Element> Array<T> {
    /// The array's contents as NumPy's `repr()` would print them (reads the
    /// array back from the device; large arrays are summarised with `...`).
    pub fn to_string_numpy(&self) -> Result<String> {
        numpy_repr(&self.to_vec()?, self.shape())
    }
}

/// Prints like NumPy's `repr()`; a failed read-back prints `<error: ...>`
/// instead, because `Display` has no way to return an [`Error`].
impl<T: Element> fmt::Display for Array<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_string_numpy() {
            Ok(s) => f.write_str(&s),
            Err(e) => write!(f, "<error: {e}>"),
        }
    }
}

#[cfg(test)]
mod tests {
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
}
