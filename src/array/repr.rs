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
use crate::layout::Order;
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
pub fn numpy_repr<T: Element>(data: &[T], shape: impl AsRef<[usize]>) -> Result<String> {
    let shape = shape.as_ref();
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
fn repr_values<T: Element>(
    data: &[T],
    shape: &[usize],
    size: usize,
    compact: bool,
) -> Result<String> {
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
            self.visible(
                axis + 1,
                offset + self.held(axis, i) * self.strides[axis],
                out,
            );
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
        self.device().block_on(
            "to_string_numpy",
            "to_string_numpy_async",
            self.to_string_numpy_async(),
        )
    }

    /// [`Array::to_string_numpy`] without blocking the thread while the
    /// device works (what a browser needs).
    pub async fn to_string_numpy_async(&self) -> Result<String> {
        let shape = self.shape();
        if self.size() <= THRESHOLD {
            return numpy_repr(&self.to_vec_async().await?, shape);
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
        // Every element is written below: no fill first.
        let out = Array::<T>::alloc_uninit(self.device(), "to_string_numpy", &held, Order::C)?;
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
        repr_values(&out.to_vec_async().await?, shape, self.size(), true)
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
#[path = "repr_tests.rs"]
mod tests;
