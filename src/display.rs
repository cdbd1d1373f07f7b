//! NumPy-style printing of array contents: [`numpy_repr`] formats host data
//! and a shape the way NumPy's `repr()` does (default print options), and
//! `Display` for [`Array`] reads the array back and prints it that way.
//!
//! The layout code is a port of NumPy's `arrayprint` (`_formatArray`,
//! `_extendLine`, `BoolFormat`, `IntegerFormat`, `FloatingFormat`,
//! `_array_repr_implementation`) with its defaults: line width 75, precision
//! 8, `floatmode='maxprec'`, summarisation past 1000 elements with 3 edge
//! items. Float digits are the shortest that round-trip in the element's
//! own type (float16, float32 or float64), chosen as NumPy's Dragon4 chooses
//! them. Following NumPy keeps the output diffable against what a NumPy
//! user expects to see.

use std::fmt;

use crate::array::Array;
use crate::dtype::{DType, Element};
use crate::error::{Error, Result, ShapeDisplay};
use crate::layout::slice::SliceArg;

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
        .ok_or_else(|| Error::Overflow {
            op,
            what: format!("size of shape {}", ShapeDisplay(shape.to_vec())),
        })?;
    if size != data.len() {
        return Err(Error::DataLength {
            op,
            len: data.len(),
            shape: shape.into(),
            size,
        });
    }
    repr_values::<T>(data, shape, size, false)
}

/// NumPy's repr of an array of `shape` (`size` elements) from `data`: all
/// its elements in C order, or with `compact`, only the printed ones, as
/// the C-order array in which every axis longer than `2 * EDGE_ITEMS` keeps
/// just its first and last `EDGE_ITEMS` positions (what
/// [`Array::to_string_numpy`] reads back of a summarised array).
fn repr_values<T: Element>(data: &[T], shape: &[usize], size: usize, compact: bool) -> Result<String> {
    let values: Vec<Value> = data.iter().map(|&x| Value::of(x)).collect();
    let summarise = size > THRESHOLD;

    // array2string: the closing ")" is reserved on the last line, and
    // continuation lines start under the first element, past "array([".
    let body = if size == 0 {
        "[]".to_string()
    } else {
        let printer = Printer::new(&values, shape, T::DTYPE, summarise, compact);
        let hanging = " ".repeat(1 + PREFIX.len());
        printer.recurse(0, 0, &hanging, LINE_WIDTH - 1)
    };

    // NumPy adds the shape where the text does not show it (empty arrays
    // other than 1-D, summarised arrays) and the dtype where the values do
    // not imply it (`dtype_is_implied`): always for empty arrays, otherwise
    // for every dtype but bool, int64 and float64 (NumPy's defaults on the
    // 64-bit platforms wgpu runs on).
    let mut extras = Vec::new();
    if (size == 0 && shape != [0]) || summarise {
        extras.push(format!("shape={}", ShapeDisplay(shape.to_vec())));
    }
    let implied = matches!(T::DTYPE, DType::Bool | DType::I64 | DType::F64);
    if size == 0 || !implied {
        extras.push(format!("dtype={}", T::DTYPE.name()));
    }
    if extras.is_empty() {
        return Ok(format!("{PREFIX}{body})"));
    }
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

/// One element, widened so that formatting needs no generic code: bools as
/// such, integers exactly (`i128` holds every `i64` and `u64`), floats as the
/// `f64` that holds their value exactly. A float's digits still depend on its
/// own precision, which [`FloatKind`] carries.
#[derive(Clone, Copy)]
enum Value {
    Bool(bool),
    Int(i128),
    Float(f64),
}

impl Value {
    fn of<T: Element>(x: T) -> Value {
        if T::DTYPE == DType::Bool {
            return Value::Bool(x.to_i128().is_some_and(|v| v != 0));
        }
        match x.to_i128() {
            Some(v) => Value::Int(v),
            None => Value::Float(x.to_f64()),
        }
    }
}

/// The per-array formatter (NumPy's `format_function`): every element is
/// printed to the same width, chosen from the elements that will be shown.
enum ElementFormat {
    /// NumPy's `BoolFormat`: `" True"` (padded to the width of `"False"`)
    /// except in 0-d arrays, where it is `"True"`.
    Bool {
        true_word: &'static str,
    },
    Int {
        width: usize,
    },
    Float(FloatFormat),
}

struct Printer<'a> {
    values: &'a [Value],
    shape: &'a [usize],
    /// C-order strides in elements of the values' own shape (`shape`, or
    /// with `compact` each summarised axis cut to its edge items).
    strides: Vec<usize>,
    summarise: bool,
    /// Whether `values` holds only the printed elements.
    compact: bool,
    format: ElementFormat,
}

impl<'a> Printer<'a> {
    fn new(
        values: &'a [Value],
        shape: &'a [usize],
        dtype: DType,
        summarise: bool,
        compact: bool,
    ) -> Self {
        let held: Vec<usize> = shape
            .iter()
            .map(|&n| if compact { n.min(2 * EDGE_ITEMS) } else { n })
            .collect();
        let mut strides = vec![1usize; shape.len()];
        for k in (0..shape.len().saturating_sub(1)).rev() {
            strides[k] = strides[k + 1] * held[k + 1];
        }
        let mut p = Printer {
            values,
            shape,
            strides,
            summarise,
            compact,
            format: ElementFormat::Int { width: 0 },
        };
        // NumPy sizes the columns from the edge items only when summarising.
        let mut shown = Vec::new();
        p.visible(0, 0, &mut shown);
        p.format = if dtype == DType::Bool {
            ElementFormat::Bool {
                true_word: if shape.is_empty() { "True" } else { " True" },
            }
        } else if let Some(kind) = FloatKind::of(dtype) {
            let xs: Vec<f64> = shown
                .iter()
                .filter_map(|&i| match values.get(i) {
                    Some(Value::Float(x)) => Some(*x),
                    _ => None,
                })
                .collect();
            ElementFormat::Float(FloatFormat::new(kind, &xs))
        } else {
            // NumPy's `IntegerFormat`: as wide as the longer of max and min.
            let ints = shown.iter().filter_map(|&i| match values.get(i) {
                Some(Value::Int(x)) => Some(*x),
                _ => None,
            });
            let (lo, hi) = ints.fold((i128::MAX, i128::MIN), |(lo, hi), x| (lo.min(x), hi.max(x)));
            let width = if lo > hi {
                0
            } else {
                lo.to_string().len().max(hi.to_string().len())
            };
            ElementFormat::Int { width }
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

    /// Where position `i` of `axis` is held in `values`, counted along
    /// that axis: itself, or in compact values a trailing edge item moved
    /// up behind the leading ones.
    fn held(&self, axis: usize, i: usize) -> usize {
        let len = self.shape[axis];
        if self.compact && 2 * EDGE_ITEMS < len && i >= EDGE_ITEMS {
            i - (len - 2 * EDGE_ITEMS)
        } else {
            i
        }
    }

    /// Flat indices of the elements that are printed (NumPy's `_leading_trailing`).
    fn visible(&self, axis: usize, offset: usize, out: &mut Vec<usize>) {
        if axis == self.shape.len() {
            out.push(offset);
            return;
        }
        for i in self.positions(axis) {
            self.visible(axis + 1, offset + self.held(axis, i) * self.strides[axis], out);
        }
    }

    fn word(&self, offset: usize) -> String {
        match (&self.format, self.values.get(offset)) {
            (ElementFormat::Bool { true_word }, Some(Value::Bool(b))) => {
                if *b { true_word } else { "False" }.to_string()
            }
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
        let child = |i: usize| {
            let at = offset + self.held(axis, i) * stride;
            self.recurse(axis + 1, at, &next_hanging, next_width)
        };

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

/// Which float type the values came from: the digits NumPy prints are the
/// shortest that round-trip in that type, and its decisions for scientific
/// notation are made with that type's arithmetic.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum FloatKind {
    F16,
    F32,
    F64,
}

impl FloatKind {
    fn of(dtype: DType) -> Option<FloatKind> {
        match dtype {
            DType::F16 => Some(FloatKind::F16),
            DType::F32 => Some(FloatKind::F32),
            DType::F64 => Some(FloatKind::F64),
            _ => None,
        }
    }

    /// `x` rounded to this type (how NumPy 2 compares an array scalar with
    /// a Python float, and the result of dividing two of them).
    fn round(self, x: f64) -> f64 {
        match self {
            FloatKind::F16 => half::f16::from_f64(x).to_f64(),
            FloatKind::F32 => x as f32 as f64,
            FloatKind::F64 => x,
        }
    }

    /// `FloatingFormat`'s `exp_cutoff_max`, `10.**min(8, finfo(dtype).precision)`
    /// (precision 3, 6 and 15 for float16, float32 and float64): values this
    /// large switch the array to scientific notation.
    fn exp_cutoff(self) -> f64 {
        match self {
            FloatKind::F16 => 1e3,
            FloatKind::F32 => 1e6,
            FloatKind::F64 => 1e8,
        }
    }

    /// The shortest scientific text (e.g. `1.25e-3`) that reads back as `x`
    /// in this type, as NumPy's Dragon4 picks it: the fewest significant
    /// digits, and of the two candidates with that many (the value cut
    /// short, or that plus one unit) the one closer to `x` that reads back,
    /// ties going to the even digit. `x` is finite and not negative.
    fn shortest(self, x: f64) -> String {
        let round_trips = |s: &str| s.parse::<f64>().is_ok_and(|y| self.round(y) == x);
        // Rust's shortest digits give the length for float32/float64 (but
        // on a tie Rust rounds up where NumPy rounds to even, so the digits
        // are chosen again below); `half`'s formatting goes through f32, so
        // float16's length is searched for (five significant digits always
        // suffice for an 11-bit significand).
        let lengths = match self {
            FloatKind::F16 => 1..=5,
            FloatKind::F32 => {
                let n = significant_digits(&format!("{:e}", x as f32));
                n..=n
            }
            FloatKind::F64 => {
                let n = significant_digits(&format!("{x:e}"));
                n..=n
            }
        };
        for n in lengths {
            // `{:.p$e}` rounds the exact value half to even: the closer candidate.
            let p = n.saturating_sub(1);
            let nearest = format!("{x:.p$e}");
            if round_trips(&nearest) {
                return nearest;
            }
            let up = nearest.parse::<f64>().is_ok_and(|y| y < x);
            if let Some(other) = step_last_digit(&nearest, up)
                && round_trips(&other)
            {
                return other;
            }
        }
        match self {
            FloatKind::F16 => format!("{x:.4e}"),
            FloatKind::F32 => format!("{:e}", x as f32),
            FloatKind::F64 => format!("{x:e}"),
        }
    }
}

/// Significant digits in Rust's scientific text (`1.25e-3` has 3).
fn significant_digits(s: &str) -> usize {
    let mantissa = s.split_once('e').map_or(s, |(m, _)| m);
    mantissa.bytes().filter(u8::is_ascii_digit).count().max(1)
}

/// The scientific text (`d.ddde-x`, non-negative) one unit in its last
/// digit up or down, with as many significant digits; `None` below zero.
fn step_last_digit(s: &str, up: bool) -> Option<String> {
    let (int, frac, exp) = split_scientific(s, false);
    let n = int.len() + frac.len();
    let mantissa: u64 = format!("{int}{frac}").parse().ok()?;
    let stepped = if up {
        mantissa.checked_add(1)?
    } else {
        mantissa.checked_sub(1)?
    };
    let mut digits = stepped.to_string();
    let mut exp = exp;
    if digits.len() > n {
        // 99..9 + 1: one more power of ten.
        digits.truncate(n);
        exp += 1;
    } else if digits.len() < n {
        if stepped == 0 {
            return None;
        }
        // 10..0 - 1: one fewer power of ten, a 9 appended to keep n digits.
        digits.push('9');
        exp -= 1;
    }
    let (first, rest) = digits.split_at(1);
    Some(if rest.is_empty() {
        format!("{first}e{exp}")
    } else {
        format!("{first}.{rest}e{exp}")
    })
}

/// NumPy's `FloatingFormat` in its default mode (`maxprec`, precision 8,
/// sign `-`): positional unless the magnitudes call for scientific
/// notation, the shortest digits that round-trip in the element's own type
/// (at most 8 after the point), decimal points aligned.
struct FloatFormat {
    kind: FloatKind,
    scientific: bool,
    /// Width of the part before the point (sign included).
    pad_left: usize,
    /// Width after the point (positional: fraction digits; scientific: the
    /// whole `ddde+XX` tail), used to pad and to size `nan`/`inf`.
    pad_right: usize,
    /// Scientific only: fraction digits, every element printed with this
    /// many (more digits of its exact value, not zeros, as NumPy's
    /// `min_digits` does).
    precision: usize,
    /// Scientific only: exponent digits.
    exp_digits: usize,
}

impl FloatFormat {
    fn new(kind: FloatKind, data: &[f64]) -> FloatFormat {
        let finite: Vec<f64> = data.iter().copied().filter(|x| x.is_finite()).collect();
        let nonzero = finite.iter().filter(|&&x| x != 0.0).map(|x| x.abs());
        // NumPy compares in the array's type: `min_val < 0.0001` rounds
        // 0.0001 to it, `max_val / min_val` is a division in it.
        let scientific = match (nonzero.clone().reduce(f64::max), nonzero.reduce(f64::min)) {
            (Some(max), Some(min)) => {
                max >= kind.exp_cutoff() || min < kind.round(1e-4) || kind.round(max / min) > 1000.0
            }
            _ => false,
        };
        let mut f = FloatFormat {
            kind,
            scientific,
            pad_left: 0,
            pad_right: 0,
            precision: 0,
            exp_digits: 0,
        };
        if !finite.is_empty() {
            if scientific {
                let parts: Vec<(String, String, i32)> =
                    finite.iter().map(|&x| scientific_digits(kind, x)).collect();
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
                    finite.iter().map(|&x| positional_digits(kind, x)).collect();
                f.pad_left = parts.iter().map(|(int, _)| int.len()).max().unwrap_or(0);
                f.pad_right = parts.iter().map(|(_, frac)| frac.len()).max().unwrap_or(0);
            }
        }
        if finite.len() != data.len() {
            let neg_inf = data.contains(&f64::NEG_INFINITY) as usize;
            let after = f.pad_right + 1;
            f.pad_left = f
                .pad_left
                .max(3usize.saturating_sub(after))
                .max((3 + neg_inf).saturating_sub(after));
        }
        f
    }

    fn format(&self, x: f64) -> String {
        if !x.is_finite() {
            // NumPy prints every NaN as `nan`, whatever its sign bit.
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
            let (int, frac, exp) = scientific_digits_padded(self.kind, x, self.precision);
            let sign = if exp < 0 { '-' } else { '+' };
            let digits = self.exp_digits;
            format!("{int:>pl$}.{frac}e{sign}{:0>digits$}", exp.unsigned_abs())
        } else {
            let (int, frac) = positional_digits(self.kind, x);
            format!("{int:>pl$}.{frac:<pr$}")
        }
    }
}

/// Splits Rust's scientific text (`1.25e-3`, `1e0`) into the digit before
/// the point, the digits after it (trailing zeros dropped if `trim`) and the
/// exponent.
fn split_scientific(s: &str, trim: bool) -> (String, String, i32) {
    let (mantissa, exp) = s.split_once('e').unwrap_or((s, "0"));
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let frac = if trim {
        frac.trim_end_matches('0')
    } else {
        frac
    };
    (int.to_string(), frac.to_string(), exp.parse().unwrap_or(0))
}

fn sign_of(x: f64) -> &'static str {
    if x.is_sign_negative() { "-" } else { "" }
}

/// Shortest round-trip digits of `x` (in its own type) in positional
/// notation, cut to [`PRECISION`] fraction digits with the exact value
/// rounded half to even, trailing zeros trimmed (NumPy's
/// `dragon4_positional(unique=True, precision=8, trim='.')`): `("1", "")`
/// for 1.0, `("-0", "5")` for -0.5.
fn positional_digits(kind: FloatKind, x: f64) -> (String, String) {
    let a = x.abs();
    let (int, frac, exp) = split_scientific(&kind.shortest(a), true);
    let digits = format!("{int}{frac}");
    let (mut int, mut frac) = if exp >= 0 {
        let point = exp.unsigned_abs() as usize + 1;
        if digits.len() > point {
            (digits[..point].to_string(), digits[point..].to_string())
        } else {
            (
                digits.clone() + &"0".repeat(point - digits.len()),
                String::new(),
            )
        }
    } else {
        let zeros = "0".repeat(exp.unsigned_abs() as usize - 1);
        ("0".to_string(), zeros + &digits)
    };
    if frac.len() > PRECISION {
        // Rust's fixed-precision formatting rounds the exact binary value
        // half to even, as Dragon4's cutoff does.
        let s = format!("{a:.PRECISION$}");
        let (i, f) = s.split_once('.').unwrap_or((&s, ""));
        int = i.to_string();
        frac = f.trim_end_matches('0').to_string();
    }
    (format!("{}{int}", sign_of(x)), frac)
}

/// Shortest round-trip digits of `x` (in its own type) in scientific
/// notation, at most [`PRECISION`] fraction digits, trailing zeros trimmed:
/// `("1", "5", -5)` for 1.5e-5, `("-2", "", 3)` for -2000.
fn scientific_digits(kind: FloatKind, x: f64) -> (String, String, i32) {
    let a = x.abs();
    let mut parts = split_scientific(&kind.shortest(a), true);
    if parts.1.len() > PRECISION {
        parts = split_scientific(&format!("{a:.PRECISION$e}"), true);
    }
    (format!("{}{}", sign_of(x), parts.0), parts.1, parts.2)
}

/// [`scientific_digits`] with at least `precision` fraction digits: when
/// the shortest digits are fewer, NumPy's Dragon4 (`min_digits`) goes on
/// with the digits of the exact value and rounds the last, so float32's 0.1
/// with 9 digits is `1.000000015e-01`, not `1.000000000e-01`.
fn scientific_digits_padded(kind: FloatKind, x: f64, precision: usize) -> (String, String, i32) {
    let parts = scientific_digits(kind, x);
    if parts.1.len() >= precision {
        return parts;
    }
    let (int, frac, exp) = split_scientific(&format!("{:.precision$e}", x.abs()), false);
    (format!("{}{int}", sign_of(x)), frac, exp)
}

impl<T: Element> Array<T> {
    /// The array's contents as NumPy's `repr()` would print them (reads the
    /// array back from the device; large arrays are summarised with `...`).
    pub fn to_string_numpy(&self) -> Result<String> {
        let shape = self.shape();
        if self.size() <= THRESHOLD {
            return numpy_repr(&self.to_vec()?, shape);
        }
        // Summarised: read back only the printed edge items. Every axis
        // longer than 2 * EDGE_ITEMS keeps its first and last EDGE_ITEMS
        // positions; each combination of leading and trailing ends is one
        // strided copy into a small array (a huge broadcast view prints
        // without ever being materialised).
        let edge = EDGE_ITEMS as isize;
        let long: Vec<usize> = (0..shape.len())
            .filter(|&k| shape[k] > 2 * EDGE_ITEMS)
            .collect();
        let held: Vec<usize> = shape.iter().map(|&n| n.min(2 * EDGE_ITEMS)).collect();
        let out = Array::<T>::zeros(self.device(), &held)?;
        let range = |start: isize, stop: isize| SliceArg::Slice {
            start: Some(start),
            stop: Some(stop),
            step: 1,
        };
        // At most 22 long axes: 7^23 elements would pass isize::MAX.
        for corner in 0..1u64 << long.len() {
            let mut from = vec![SliceArg::ALL; shape.len()];
            let mut to = vec![SliceArg::ALL; shape.len()];
            for (b, &k) in long.iter().enumerate() {
                if corner >> b & 1 == 0 {
                    from[k] = range(0, edge);
                    to[k] = range(0, edge);
                } else {
                    from[k] = range(shape[k] as isize - edge, shape[k] as isize);
                    to[k] = range(edge, 2 * edge);
                }
            }
            out.slice(&to)?.assign(&self.slice(&from)?)?;
        }
        repr_values(&out.to_vec()?, shape, self.size(), true)
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
}
