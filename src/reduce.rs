//! Reductions (`sum`, `prod`, `mean`, `min`, `max`, `argmin`, `argmax`,
//! `any`, `all`) over any strided input, read in place: no copy of the
//! input is ever made.
//!
//! How a reduction runs:
//!
//! 1. The axes are split into *outer* (kept: one output each) and *inner*
//!    (reduced) ones. Length-1 axes are dropped, each group is sorted by
//!    decreasing `|stride|` (memory order, so a transposed input reads in
//!    runs) and neighbouring axes that step as one are merged. Output
//!    positions travel with the outer axes as a second stride (the output
//!    is C-contiguous in the kept axes, whatever order they are read in);
//!    for `argmin`/`argmax` the logical (C-order) index travels with the
//!    inner axes as a weight, so reordering never changes which index wins.
//! 2. A work mapping is chosen (`shaders/reduce_wide.wgsl`: up to 256
//!    lanes per output, each folding every L-th element of a chunk of up to
//!    `16 L` and writing its own partial, with no workgroup barrier;
//!    `shaders/reduce_narrow.wgsl`: an invocation per output and chunk of
//!    128 elements, when the reduced extent is short or the outputs are
//!    closer in memory than the reduced elements).
//! 3. The inner box is cut until one output's elements fit a storage
//!    binding and its chunks fit a grid dimension, then the outputs are cut
//!    until each block's input and output windows fit; each block binds only
//!    its windows (`Device::window`), so arrays past the 128 MiB binding
//!    limit work.
//! 4. If an output got more than one slot (chunk, or lane of the wide
//!    mapping), the slots write partial states
//!    (laid out `[output][slot]`, in the accumulator type, plus `u32`
//!    indices for arg reductions), and the same machinery reduces that
//!    contiguous array over its last axis: a multi-pass tree. The last pass
//!    finalises (mean's division, the cast to the output type) and writes
//!    the output.

use std::sync::Arc;

use crate::array::Array;
use crate::kernels::codegen::{self, Access, Binding, Mode, Program};
use crate::runtime::{Device, Storage};
use crate::dtype::{DType, Element, Float, StorageClass};
use crate::error::{Error, Result};
use crate::kernels::{META_WORDS, meta_stride, meta_u32};
use crate::runtime::{Dispatch, Window};
use crate::layout::slice::SliceArg;
use crate::layout::{Order, normalize_axis, reach};

/// Invocations per workgroup (the shaders' `@workgroup_size`).
const WG: usize = 256;
/// Elements one lane folds in the wide mapping, at least: more when the
/// accumulator is wider than the input, so that the partial states take at
/// most 1/16 of the bytes read (`wide_k`).
const WIDE_K: usize = 16;
/// Elements one invocation folds in the narrow mapping (`NARROW_CHUNK`).
const NARROW_CHUNK: usize = 128;
/// Metadata words before the per-axis part (`RH` in `shaders/reduce.wgsl`).
const RH: usize = 13;
/// Most elements or outputs one block addresses (indices are u32 in WGSL).
const MAX_BLOCK: usize = 1 << 30;

// ----- dtype rules -------------------------------------------------------------

/// NumPy's default result types of reductions, per input type: `Acc` for
/// `sum` and `prod` (bool and signed integers → `i64`, unsigned → `u64`,
/// floats → themselves; float16 accumulates in float32 and rounds at the
/// end), `Mean` for `mean` (floats → themselves, the rest → `f64`).
pub trait Accumulate: Element {
    /// Result type of `sum` and `prod`.
    type Acc: Element;
    /// Result type of `mean`.
    type Mean: Float;
}

macro_rules! accumulate {
    ($($t:ty => $acc:ty, $mean:ty;)*) => {
        $(impl Accumulate for $t {
            type Acc = $acc;
            type Mean = $mean;
        })*
    };
}

accumulate! {
    bool => i64, f64;
    i8 => i64, f64;
    i16 => i64, f64;
    i32 => i64, f64;
    i64 => i64, f64;
    u8 => u64, f64;
    u16 => u64, f64;
    u32 => u64, f64;
    u64 => u64, f64;
    half::f16 => half::f16, half::f16;
    f32 => f32, f32;
    f64 => f64, f64;
}

/// The type partial results of a dtype are kept in: a whole word or pair,
/// computing as the dtype does (narrow integers in 32 bits, float16 in
/// float32, bool as 0/1 in `u32`).
fn widen(d: DType) -> DType {
    match d {
        DType::Bool | DType::U8 | DType::U16 => DType::U32,
        DType::I8 | DType::I16 => DType::I32,
        DType::F16 => DType::F32,
        d => d,
    }
}

// ----- what a reduction computes -------------------------------------------------

/// The fold a kernel performs on accumulator values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Add,
    Mul,
    Min,
    Max,
    ArgMin,
    ArgMax,
}

impl Kind {
    fn is_arg(self) -> bool {
        matches!(self, Kind::ArgMin | Kind::ArgMax)
    }
    fn name(self) -> &'static str {
        match self {
            Kind::Add => "add",
            Kind::Mul => "mul",
            Kind::Min => "min",
            Kind::Max => "max",
            Kind::ArgMin => "argmin",
            Kind::ArgMax => "argmax",
        }
    }
}

/// A reduction: the fold, how inputs enter it, and what comes out.
#[derive(Debug, Clone, Copy)]
struct Spec {
    op: &'static str,
    kind: Kind,
    /// Inputs enter as `x != 0` (0 or 1 in `u32`): any, all, bool results.
    truthy: bool,
    /// Accumulator (and partial-result) dtype.
    acc: DType,
    /// Result dtype (`I64` for arg reductions).
    out: DType,
    /// Divide by the element count at the end.
    mean: bool,
}

/// The user-facing operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Sum,
    Prod,
    Mean,
    Min,
    Max,
    ArgMin,
    ArgMax,
    Any,
    All,
}

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::Sum => "sum",
            Op::Prod => "prod",
            Op::Mean => "mean",
            Op::Min => "min",
            Op::Max => "max",
            Op::ArgMin => "argmin",
            Op::ArgMax => "argmax",
            Op::Any => "any",
            Op::All => "all",
        }
    }

    /// The spec for input dtype `t` and result dtype `u`. A bool result of
    /// `sum`/`prod` is NumPy's logical or/and.
    fn spec(self, t: DType, u: DType) -> Spec {
        let s = |kind, truthy, acc, mean| Spec {
            op: self.name(),
            kind,
            truthy,
            acc,
            out: u,
            mean,
        };
        let bool_in = t == DType::Bool;
        match self {
            Op::Sum if u == DType::Bool => s(Kind::Max, true, DType::U32, false),
            Op::Prod if u == DType::Bool => s(Kind::Min, true, DType::U32, false),
            Op::Sum => s(Kind::Add, false, widen(u), false),
            Op::Prod => s(Kind::Mul, false, widen(u), false),
            Op::Mean => s(Kind::Add, false, widen(u), true),
            Op::Min => s(Kind::Min, bool_in, widen(t), false),
            Op::Max => s(Kind::Max, bool_in, widen(t), false),
            Op::ArgMin => s(Kind::ArgMin, bool_in, widen(t), false),
            Op::ArgMax => s(Kind::ArgMax, bool_in, widen(t), false),
            Op::Any => s(Kind::Max, true, DType::U32, false),
            Op::All => s(Kind::Min, true, DType::U32, false),
        }
    }

    /// Whether the reduction of zero elements has a value (NumPy's identity).
    fn has_identity(self) -> bool {
        !matches!(self, Op::Min | Op::Max | Op::ArgMin | Op::ArgMax)
    }
}

// ----- public API ----------------------------------------------------------------

impl<T: Accumulate> Array<T> {
    /// NumPy's `a.sum(axis=axes, keepdims=keepdims)`: the sum over `axes`
    /// (`None`: all of them; negative axes count from the end), in NumPy's
    /// default result type ([`Accumulate::Acc`]: `i64` for bool and signed
    /// integers, `u64` for unsigned ones, the same type for floats).
    /// Floating-point sums are tree-shaped, so their rounding error grows
    /// with the logarithm of the length, as NumPy's pairwise sums do. The
    /// sum of nothing is 0.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// let a = ndgpu::Array::<i32>::arange(&dev, 0, 6, 1).unwrap().reshape(&[2, 3]).unwrap();
    /// assert_eq!(a.sum(None, false).unwrap().item().unwrap(), 15i64);
    /// assert_eq!(a.sum(Some(&[0]), false).unwrap().to_vec().unwrap(), vec![3i64, 5, 7]);
    /// assert_eq!(a.t().sum(Some(&[-1]), true).unwrap().shape(), &[3, 1]);
    /// ```
    pub fn sum(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<T::Acc>> {
        self.sum_as(axes, keepdims)
    }

    /// NumPy's `a.prod(axis=axes, keepdims=keepdims)`, in the same result
    /// type as [`Array::sum`]. Integer products wrap, as NumPy's do. The
    /// product of nothing is 1.
    pub fn prod(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<T::Acc>> {
        self.prod_as(axes, keepdims)
    }

    /// NumPy's `a.mean(axis=axes, keepdims=keepdims)`: floats give their
    /// own type (float16 accumulates in float32, as NumPy does), the rest
    /// `f64`. The mean of nothing is NaN.
    pub fn mean(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<T::Mean>> {
        self.mean_as(axes, keepdims)
    }
}

impl<T: Element> Array<T> {
    /// [`Array::sum`] with NumPy's `dtype=U`: every element is cast to `U`
    /// and the sum is computed and returned in `U` (narrow integers wrap,
    /// float16 accumulates in float32; `U = bool` is a logical or, as in
    /// NumPy). Lets a device without 64-bit integers sum `i32` as `i32`.
    pub fn sum_as<U: Element>(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<U>> {
        reduce(self, Op::Sum, U::DTYPE, axes, keepdims)
    }

    /// [`Array::prod`] with NumPy's `dtype=U` (`U = bool` is a logical and).
    pub fn prod_as<U: Element>(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<U>> {
        reduce(self, Op::Prod, U::DTYPE, axes, keepdims)
    }

    /// [`Array::mean`] with NumPy's `dtype=U`: the elements are cast to `U`,
    /// summed in `U` (float32 for float16) and divided by their count.
    pub fn mean_as<U: Float>(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<U>> {
        reduce(self, Op::Mean, U::DTYPE, axes, keepdims)
    }

    /// NumPy's `a.min(axis=axes, keepdims=keepdims)`, in the input type. A
    /// NaN anywhere in a reduction makes its result NaN. Reducing zero
    /// elements is an error ([`Error::EmptyReduction`], NumPy's "zero-size
    /// array to reduction operation minimum which has no identity").
    pub fn min(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<T>> {
        reduce(self, Op::Min, T::DTYPE, axes, keepdims)
    }

    /// NumPy's `a.max(axis=axes, keepdims=keepdims)`; see [`Array::min`].
    pub fn max(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<T>> {
        reduce(self, Op::Max, T::DTYPE, axes, keepdims)
    }

    /// NumPy's `a.argmin(axis=axis, keepdims=keepdims)`: the index of the
    /// first minimum along `axis`, or into the C-order flattened array when
    /// `axis` is `None` (then `keepdims` gives an all-ones shape). A NaN
    /// counts as the minimum (the first NaN wins), as in NumPy. Needs no
    /// 64-bit feature for the `i64` result. Reducing zero elements is an
    /// error ("attempt to get argmin of an empty sequence").
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// let a = ndgpu::Array::from_slice(&dev, &[3.0f32, 1.0, 1.0, 5.0], &[2, 2]).unwrap();
    /// assert_eq!(a.argmin(None, false).unwrap().item().unwrap(), 1i64);
    /// assert_eq!(a.argmax(Some(0), false).unwrap().to_vec().unwrap(), vec![0i64, 1]);
    /// ```
    pub fn argmin(&self, axis: Option<isize>, keepdims: bool) -> Result<Array<i64>> {
        reduce(
            self,
            Op::ArgMin,
            DType::I64,
            axis.as_ref().map(std::slice::from_ref),
            keepdims,
        )
    }

    /// NumPy's `a.argmax(axis=axis, keepdims=keepdims)`; see [`Array::argmin`].
    pub fn argmax(&self, axis: Option<isize>, keepdims: bool) -> Result<Array<i64>> {
        reduce(
            self,
            Op::ArgMax,
            DType::I64,
            axis.as_ref().map(std::slice::from_ref),
            keepdims,
        )
    }

    /// NumPy's `a.any(axis=axes, keepdims=keepdims)`: whether some element
    /// is non-zero (NaN counts as true); `false` for nothing.
    pub fn any(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<bool>> {
        reduce(self, Op::Any, DType::Bool, axes, keepdims)
    }

    /// NumPy's `a.all(axis=axes, keepdims=keepdims)`: whether every element
    /// is non-zero; `true` for nothing.
    pub fn all(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<bool>> {
        reduce(self, Op::All, DType::Bool, axes, keepdims)
    }
}

// ----- the reduction problem -------------------------------------------------------

/// An outer (kept) axis: length, input stride, and output stride (in
/// output elements, C order of the kept axes).
#[derive(Debug, Clone, Copy, PartialEq)]
struct OAx {
    len: usize,
    s_in: isize,
    s_out: isize,
}

/// An inner (reduced) axis: length, input stride, and logical-index weight.
#[derive(Debug, Clone, Copy, PartialEq)]
struct IAx {
    len: usize,
    s_in: isize,
    w: u64,
}

/// A reduction of one input: every output (outer position) folds the
/// elements of the inner box at its position.
#[derive(Debug, Clone, PartialEq)]
struct Problem {
    outer: Vec<OAx>,
    inner: Vec<IAx>,
    /// Input element index of the origin.
    in_off: isize,
    /// Output index (C order of the kept axes) of the origin.
    out_off: isize,
    /// Logical index of the inner origin.
    idx_base: u64,
}

/// Sorts axes by decreasing `|stride|` (stable) and merges neighbours that
/// step as one in every stride (`key`), dropping length-1 axes.
fn merge_axes<A: Copy>(
    mut axes: Vec<A>,
    len: impl Fn(&A) -> usize,
    set_len: impl Fn(&mut A, usize),
    strides: impl Fn(&A) -> [i128; 3],
    pick_inner: impl Fn(&mut A, &A),
) -> Vec<A> {
    axes.retain(|a| len(a) != 1);
    axes.sort_by_key(|a| {
        let s = strides(a);
        std::cmp::Reverse([s[0].abs(), s[1].abs(), s[2].abs()])
    });
    let mut out: Vec<A> = Vec::with_capacity(axes.len());
    for a in axes {
        if let Some(last) = out.last_mut() {
            let (sl, sa) = (strides(last), strides(&a));
            let n = len(&a) as i128;
            if (0..3).all(|k| sl[k] == sa[k] * n) {
                let merged = len(last) * len(&a);
                set_len(last, merged);
                pick_inner(last, &a);
                continue;
            }
        }
        out.push(a);
    }
    out
}

impl Problem {
    fn normalise(mut self) -> Problem {
        self.outer = merge_axes(
            self.outer,
            |a| a.len,
            |a, n| a.len = n,
            |a| [a.s_in as i128, a.s_out as i128, 0],
            |a, b| {
                a.s_in = b.s_in;
                a.s_out = b.s_out;
            },
        );
        self.inner = merge_axes(
            self.inner,
            |a| a.len,
            |a, n| a.len = n,
            |a| [a.s_in as i128, a.w as i128, 0],
            |a, b| {
                a.s_in = b.s_in;
                a.w = b.w;
            },
        );
        self
    }

    fn n_outer(&self) -> usize {
        self.outer.iter().map(|a| a.len).product()
    }
    fn n_inner(&self) -> usize {
        self.inner.iter().map(|a| a.len).product()
    }

    /// Whether the narrow mapping (an invocation per output) suits: several
    /// outputs, and either few elements each or outputs closer in memory
    /// than the reduced elements.
    fn narrow(&self) -> bool {
        let (Some(o), n) = (self.outer.last(), self.n_inner()) else {
            return false;
        };
        n <= NARROW_CHUNK
            || self
                .inner
                .last()
                .is_none_or(|i| o.s_in.unsigned_abs() < i.s_in.unsigned_abs())
    }
}

/// A piece of the inner box (all outputs share the same cut).
#[derive(Debug, Clone)]
struct Piece {
    inner: Vec<IAx>,
    in_off: isize,
    idx: u64,
    slot: usize,
    chunks: usize,
    /// Lanes per output in the wide mapping (a power of two; 1 when narrow).
    lanes: usize,
}

/// Cuts the inner box until one output's elements span at most `max_span`
/// input elements and number at most `max_n`.
fn cut_inner(
    inner: Vec<IAx>,
    in_off: isize,
    idx: u64,
    max_span: usize,
    max_n: usize,
    out: &mut Vec<Piece>,
) {
    let (lo, hi) = reach(inner.iter().map(|a| (a.len, a.s_in)));
    let span = (hi - lo) as usize + 1;
    let n: usize = inner.iter().map(|a| a.len).product();
    let axis = if span > max_span {
        (0..inner.len())
            .filter(|&k| inner[k].len > 1)
            .max_by_key(|&k| inner[k].s_in.unsigned_abs() * (inner[k].len - 1))
    } else if n > max_n {
        (0..inner.len())
            .filter(|&k| inner[k].len > 1)
            .max_by_key(|&k| inner[k].len)
    } else {
        None
    };
    match axis {
        None => out.push(Piece {
            inner,
            in_off,
            idx,
            slot: 0,
            chunks: 0,
            lanes: 1,
        }),
        Some(k) => {
            let at = inner[k].len / 2;
            let mut a = inner.clone();
            let mut b = inner;
            a[k].len = at;
            b[k].len -= at;
            let (s, w) = (b[k].s_in, b[k].w);
            cut_inner(a, in_off, idx, max_span, max_n, out);
            cut_inner(
                b,
                in_off + s * at as isize,
                idx + w * at as u64,
                max_span,
                max_n,
                out,
            );
        }
    }
}

// ----- kernels -------------------------------------------------------------------

/// What a pass reads and writes, which fixes its program.
#[derive(Debug, Clone, Copy)]
struct PassKind {
    /// Reads the user's input (else partial states of a previous pass).
    first: bool,
    /// Writes the result (else partial states).
    last: bool,
    wide: bool,
    /// The wide mapping with 16-byte loads (`shaders/reduce_wide4.wgsl`):
    /// a first pass over aligned contiguous runs of 4-byte elements.
    vec4: bool,
    /// One reduced axis (after merging): the kernel carries only that
    /// loop (lavapipe runs a kernel that merely contains the general
    /// multi-axis loop at about half speed).
    inner1: bool,
    /// Dtype of the values read.
    input: DType,
}

/// WGSL for `e` (of compute type `from`) as compute type `to`. Integer
/// conversions change width within the source's signedness first, then
/// reinterpret, so sign and zero extension follow the source as in C.
fn convert(e: &str, from: &str, to: &str) -> String {
    if from == to {
        return e.to_string();
    }
    if from == "bool" {
        return format!("select({to}(0), {to}(1), {e})");
    }
    if to == "bool" {
        return format!("({e} != {from}(0))");
    }
    let int = |t: &str| t.starts_with('i') || t.starts_with('u');
    if int(from) && int(to) {
        let width = &to[1..];
        let same_sign = format!("{}{width}", &from[..1]);
        let e1 = if same_sign == from {
            e.to_string()
        } else {
            format!("{same_sign}({e})")
        };
        return if same_sign == to {
            e1
        } else {
            format!("bitcast<{to}>({e1})")
        };
    }
    format!("{to}({e})")
}

/// Largest (`max`) or smallest value of compute type `ct`, as WGSL.
fn extreme(ct: &str, max: bool) -> &'static str {
    match (ct, max) {
        ("f32", true) => "bitcast<f32>(0x7f800000u)",
        ("f32", false) => "bitcast<f32>(0xff800000u)",
        ("f64", true) => "bitcast<f64>(u64(0x7ff00000u) << 32u)",
        ("f64", false) => "bitcast<f64>(u64(0xfff00000u) << 32u)",
        ("i32", true) => "bitcast<i32>(0x7fffffffu)",
        ("i32", false) => "bitcast<i32>(0x80000000u)",
        ("u32", true) => "0xffffffffu",
        ("u32", false) => "0u",
        ("i64", true) => "bitcast<i64>((u64(0x7fffffffu) << 32u) | u64(0xffffffffu))",
        ("i64", false) => "bitcast<i64>(u64(0x80000000u) << 32u)",
        ("u64", true) => "(~u64(0u))",
        ("u64", false) => "u64(0u)",
        _ => unreachable!("accumulators are words or pairs"),
    }
}

fn program(spec: &Spec, pk: PassKind) -> Program {
    let arg = spec.kind.is_arg();
    let mut bindings = vec![Binding {
        dtype: pk.input,
        access: Access::Read,
    }];
    let in_idx = !pk.first && arg;
    if in_idx {
        bindings.push(Binding {
            dtype: DType::U32,
            access: Access::Read,
        });
    }
    let out_k = bindings.len();
    let out_dtype = match (pk.last, arg) {
        (true, true) => DType::U32, // i64 results as (index, 0) word pairs
        (true, false) => spec.out,
        (false, _) => spec.acc,
    };
    bindings.push(Binding {
        dtype: out_dtype,
        access: Access::Write,
    });
    if !pk.last && arg {
        bindings.push(Binding {
            dtype: DType::U32,
            access: Access::Write,
        });
    }
    let operands: Vec<usize> = (0..bindings.len()).collect();

    let a = spec.acc.compute_type();
    let float = a.starts_with('f');
    let mut h = String::new();
    h.push_str(&format!("alias Acc = {a};\n"));
    h.push_str("struct State {\n    v: Acc,\n    i: u32,\n}\n");
    h.push_str(match a {
        "f32" => "fn nan_(x: Acc) -> bool {\n    return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;\n}\n",
        "f64" => "fn nan_(x: Acc) -> bool {\n    let b = bitcast<u64>(x);\n    let hi = u32(b >> 32u) & 0x7fffffffu;\n    let lo = u32(b & u64(0xffffffffu));\n    return hi > 0x7ff00000u || (hi == 0x7ff00000u && lo != 0u);\n}\n",
        _ => "fn nan_(x: Acc) -> bool {\n    return false;\n}\n",
    });
    let ident = match spec.kind {
        Kind::Add => format!("{a}(0)"),
        Kind::Mul => format!("{a}(1)"),
        Kind::Min | Kind::ArgMin => extreme(a, true).to_string(),
        Kind::Max | Kind::ArgMax => extreme(a, false).to_string(),
    };
    h.push_str(&format!(
        "fn ident() -> State {{\n    return State({ident}, 0xffffffffu);\n}}\n"
    ));
    let merge = match spec.kind {
        Kind::Add => "    return State(a.v + b.v, 0u);\n".to_string(),
        Kind::Mul => "    return State(a.v * b.v, 0u);\n".to_string(),
        Kind::Min | Kind::Max if !float => format!(
            "    return State({}(a.v, b.v), 0u);\n",
            if spec.kind == Kind::Min { "min" } else { "max" }
        ),
        Kind::Min | Kind::Max => format!(
            "    if (nan_(a.v)) {{\n        return a;\n    }}\n    \
             if (nan_(b.v) || b.v {} a.v) {{\n        return b;\n    }}\n    return a;\n",
            if spec.kind == Kind::Min { "<" } else { ">" }
        ),
        Kind::ArgMin | Kind::ArgMax => format!(
            "    let an = nan_(a.v);\n    let bn = nan_(b.v);\n    \
             if (an || bn) {{\n        if (bn && (!an || b.i < a.i)) {{\n            return b;\n        }}\n        return a;\n    }}\n    \
             if (b.v {} a.v || (b.v == a.v && b.i < a.i)) {{\n        return b;\n    }}\n    return a;\n",
            if spec.kind == Kind::ArgMin { "<" } else { ">" }
        ),
    };
    h.push_str(&format!(
        "fn merge(a: State, b: State) -> State {{\n{merge}}}\n"
    ));
    let at = "u32(i32(param(4u)) + rel)";
    // The accumulator value of an input element `x` of the first pass.
    let value_of = |x: String| {
        let ct = pk.input.compute_type();
        if spec.truthy {
            // Bit tests for floats: a NaN is true, -0.0 false, and no
            // comparison of a NaN is left to the driver.
            let b = match ct {
                "bool" => x,
                "f32" => format!("(bitcast<u32>({x}) & 0x7fffffffu) != 0u"),
                "f64" => format!("(bitcast<u64>({x}) & ~(u64(1u) << 63u)) != u64(0u)"),
                _ => format!("{x} != {ct}(0)"),
            };
            format!("select(0u, 1u, {b})")
        } else {
            convert(&x, ct, a)
        }
    };
    let load = if pk.first {
        format!(
            "    return State({}, ix);\n",
            value_of(format!("ld0({at})"))
        )
    } else if in_idx {
        format!("    return State(ld0({at}), ld1(u32(i32(param(5u)) + rel)));\n")
    } else {
        format!("    return State(ld0({at}), ix);\n")
    };
    if pk.vec4 {
        h.push_str(&format!(
            "fn lane(r: u32) -> State {{\n    return State({}, 0u);\n}}\n",
            value_of(codegen::decode(pk.input, "r"))
        ));
    }
    h.push_str(&format!(
        "fn load(rel: i32, ix: u32) -> State {{\n{load}}}\n"
    ));
    let o = out_k;
    let emit = match (pk.last, arg) {
        (true, true) => format!(
            "    let at = u32(i32(param(6u)) + rel);\n    st{o}(at, s.i);\n    st{o}(at + 1u, 0u);\n"
        ),
        (true, false) => {
            let v = if spec.mean {
                format!("(s.v / ({a}(param(11u)) + {a}(param(12u)) * 4294967296.0))")
            } else {
                "s.v".to_string()
            };
            format!(
                "    st{o}(u32(i32(param(6u)) + rel), {});\n",
                convert(&v, a, spec.out.compute_type())
            )
        }
        (false, false) => format!("    st{o}(u32(i32(param(6u)) + rel), s.v);\n"),
        (false, true) => format!(
            "    st{o}(u32(i32(param(6u)) + rel), s.v);\n    st{}(u32(i32(param(7u)) + rel), s.i);\n",
            o + 1
        ),
    };
    h.push_str(&format!("fn emit(rel: i32, s: State) {{\n{emit}}}\n\n"));
    h.push_str(include_str!("../shaders/reduce.wgsl"));
    h.push('\n');
    if pk.wide {
        h.push_str(&format!(
            "const WIDE_K: u32 = {}u;\n",
            wide_k(pk.input, spec.acc)
        ));
    }
    h.push_str(&format!("const INNER1: bool = {};\n", pk.inner1));
    h.push_str(if pk.vec4 {
        include_str!("../shaders/reduce_wide4.wgsl")
    } else if pk.wide {
        include_str!("../shaders/reduce_wide.wgsl")
    } else {
        include_str!("../shaders/reduce_narrow.wgsl")
    });
    let family = format!(
        "reduce-{}{}{}-{}{}{}{}-{}",
        spec.kind.name(),
        if spec.truthy { "-truthy" } else { "" },
        if spec.mean { "-mean" } else { "" },
        if pk.first { "first" } else { "combine" },
        if pk.last { "-last" } else { "" },
        match (pk.wide, pk.vec4) {
            (true, true) => "-wide4",
            (true, false) => "-wide",
            _ => "-narrow",
        },
        if pk.inner1 { "-q1" } else { "" },
        spec.acc.tag(),
    );
    let mut p = codegen::assemble(&family, Mode::Typed, &bindings, &operands, false, &h);
    if pk.vec4 {
        // The input as vec4s; its scalar accessor picks a component.
        let decl = "@group(0) @binding(1) var<storage, read> b0: array<u32>;";
        debug_assert!(p.source.contains(decl) && p.source.contains("b0[i]"));
        p.source = p
            .source
            .replace(
                decl,
                "@group(0) @binding(1) var<storage, read> b0: array<vec4<u32>>;",
            )
            .replace("b0[i]", "b0[i >> 2u][i & 3u]");
    }
    // The accumulator's arithmetic may need a feature no binding names.
    if let Some(f) = spec.acc.feature()
        && !p.features.contains(&f)
    {
        p.features.push(f);
    }
    p
}

// ----- launching -------------------------------------------------------------------

/// The window of `storage` covering elements `lo..=hi` of `isz` bytes,
/// its start aligned so that it is a whole number of elements in.
fn window<'a>(dev: &Device, storage: &'a Storage, lo: isize, hi: isize, isz: usize) -> Window<'a> {
    let a = window_align(dev, isz);
    let start = (lo as u64 * isz as u64) / a * a;
    dev.window(storage, start, (hi as u64 + 1) * isz as u64)
}

fn window_align(dev: &Device, isz: usize) -> u64 {
    (dev.info().min_storage_buffer_offset_alignment as u64)
        .max(4)
        .max(isz as u64)
}

/// Most elements of `isz` bytes one window may span.
fn max_span(dev: &Device, op: &'static str, isz: usize) -> Result<usize> {
    let max_bind = dev.info().max_storage_buffer_binding_size;
    let slack = window_align(dev, isz) + 4;
    let span = max_bind.saturating_sub(slack) / isz as u64;
    if span == 0 {
        return Err(Error::LimitExceeded {
            op,
            what: "storage binding size in bytes",
            requested: slack + isz as u64,
            limit: max_bind,
        });
    }
    Ok(span.min(MAX_BLOCK as u64) as usize)
}

/// One block of a pass: a box of outputs over one inner piece.
struct Block {
    outer: Vec<OAx>,
    in_off: isize,
    out_off: isize,
}

/// Runs `prob` over `vals` (and partial indices `idx`) until the result is
/// in `out`, one pass per level of the tree.
#[allow(clippy::too_many_arguments)]
fn run_passes(
    dev: &Device,
    spec: &Spec,
    mut prob: Problem,
    mut input: DType,
    vals: Arc<Storage>,
    idx: Option<Arc<Storage>>,
    out: &Storage,
    place: Place,
    count: u64,
) -> Result<()> {
    let op = spec.op;
    let arg = spec.kind.is_arg();
    let maxdim = dev.info().max_compute_workgroups_per_dimension.max(1) as usize;
    let n_out = prob.n_outer();
    let (mut vals, mut idx) = (vals, idx);
    let mut first = true;
    loop {
        let wide = !prob.narrow();
        let k = wide_k(input, spec.acc);
        let ch = if wide { k * WG } else { NARROW_CHUNK };
        let in_isz = input.itemsize();
        let span_in = max_span(dev, op, in_isz)?;
        let mut pieces = Vec::new();
        cut_inner(
            prob.inner.clone(),
            prob.in_off,
            prob.idx_base,
            span_in,
            (ch * maxdim).min(MAX_BLOCK),
            &mut pieces,
        );
        // 16-byte loads when every output's run is contiguous and starts
        // 16-byte aligned: 4-byte elements read straight from the input,
        // long enough for 256 lanes, in 16-byte aligned windows.
        let vec4 = wide
            && first
            && !arg
            && input.storage_class() == StorageClass::Word
            && window_align(dev, in_isz).is_multiple_of(16)
            && prob.outer.iter().all(|a| a.s_in % 4 == 0)
            && pieces.iter().all(|p| {
                let n: usize = p.inner.iter().map(|a| a.len).product();
                p.inner.len() == 1 && p.inner[0].s_in == 1 && p.in_off % 4 == 0 && n >= 4 * WG
            });
        let mut slots = 0usize;
        for p in &mut pieces {
            let n: usize = p.inner.iter().map(|a| a.len).product();
            p.slot = slots;
            if vec4 {
                // One output per workgroup, as the scalar form at 256 lanes.
                p.lanes = WG;
                p.chunks = n.div_ceil(4 * WG * k);
            } else if wide {
                // Enough lanes that each folds about k elements.
                p.lanes = n.div_ceil(k).next_power_of_two().min(WG);
                p.chunks = n.div_ceil(p.lanes * k).max(1);
            } else {
                p.lanes = 1;
                p.chunks = n.div_ceil(ch).max(1);
            }
            slots += p.chunks * p.lanes;
        }
        let last = slots == 1;
        if last && place != Place::DENSE {
            // The final values go to their places in `out`; partial levels
            // before this one were indexed by dense output position.
            for a in &mut prob.outer {
                a.s_out = a.s_out.checked_mul(place.every).ok_or_else(|| Error::Overflow {
                    op,
                    what: format!("output stride {} times {}", a.s_out, place.every),
                })?;
            }
            prob.out_off = prob.out_off * place.every + place.first;
        }
        // Output binding: element size, positions per output (`mult`), and
        // how far past an output's first position it writes (`extra`).
        let (out_dtype, mult, extra) = match (last, arg) {
            (true, true) => (DType::U32, 2usize, 1usize),
            (true, false) => (spec.out, 1, 0),
            (false, _) => (spec.acc, slots, 0),
        };
        let out_isz = out_dtype.itemsize();
        let span_out = max_span(dev, op, out_isz)?;
        let partial = if last {
            None
        } else {
            let total = n_out.checked_mul(slots).ok_or_else(|| Error::Overflow {
                op,
                what: format!("partial results: {n_out} outputs times {slots} slots"),
            })?;
            let v = dev.alloc(op, total as u64 * spec.acc.itemsize() as u64)?;
            let i = if arg {
                Some(dev.alloc(op, total as u64 * 4)?)
            } else {
                None
            };
            Some((v, i))
        };
        let (out_vals, out_idx): (&Storage, Option<&Storage>) = match &partial {
            None => (out, None),
            Some((v, i)) => (v, i.as_deref()),
        };
        let pk = PassKind {
            first,
            last,
            wide,
            vec4,
            inner1: pieces.iter().all(|p| p.inner.len() == 1),
            input,
        };
        let program = program(spec, pk);
        program.check_features(op, |f| dev.has_feature(f))?;

        let max_outputs = if wide {
            maxdim.saturating_mul(maxdim)
        } else {
            maxdim.saturating_mul(maxdim).saturating_mul(WG)
        }
        .min(MAX_BLOCK);
        let mut dispatches = Vec::new();
        for piece in &pieces {
            let (plo, phi) = reach(piece.inner.iter().map(|a| (a.len, a.s_in)));
            let mut todo = vec![Block {
                outer: prob.outer.clone(),
                in_off: piece.in_off,
                out_off: prob.out_off,
            }];
            while let Some(b) = todo.pop() {
                let (olo, ohi) = reach(b.outer.iter().map(|a| (a.len, a.s_in)));
                let (clo, chi) = reach(b.outer.iter().map(|a| (a.len, a.s_out)));
                let in_lo = b.in_off + olo + plo;
                let in_hi = b.in_off + ohi + phi;
                let sb = piece.slot as isize;
                let m = mult as isize;
                let out_lo = (b.out_off + clo) * m + sb;
                let out_hi =
                    (b.out_off + chi) * m + sb + (piece.chunks * piece.lanes - 1 + extra) as isize;
                let n_ob: usize = b.outer.iter().map(|a| a.len).product();
                let over_in = (in_hi - in_lo) as usize + 1 > span_in;
                let over_out = (out_hi - out_lo) as usize + 1 > span_out;
                let axis = if over_in || over_out {
                    (0..b.outer.len())
                        .filter(|&k| b.outer[k].len > 1)
                        .max_by_key(|&k| {
                            let s = if over_in {
                                b.outer[k].s_in
                            } else {
                                b.outer[k].s_out
                            };
                            s.unsigned_abs() * (b.outer[k].len - 1)
                        })
                } else if n_ob > max_outputs {
                    (0..b.outer.len())
                        .filter(|&k| b.outer[k].len > 1)
                        .max_by_key(|&k| b.outer[k].len)
                } else {
                    None
                };
                if let Some(k) = axis {
                    let at = b.outer[k].len / 2;
                    let mut lo = b.outer.clone();
                    let mut hi = b.outer;
                    lo[k].len = at;
                    hi[k].len -= at;
                    let (si, so) = (hi[k].s_in, hi[k].s_out);
                    todo.push(Block {
                        outer: hi,
                        in_off: b.in_off + si * at as isize,
                        out_off: b.out_off + so * at as isize,
                    });
                    todo.push(Block {
                        outer: lo,
                        in_off: b.in_off,
                        out_off: b.out_off,
                    });
                    continue;
                }
                // The block fits: bind its windows and describe it.
                let mut windows = vec![window(dev, &vals, in_lo, in_hi, in_isz)];
                let in_base = (windows[0].start / in_isz as u64) as isize;
                let mut idx_base_w = 0isize;
                if let Some(ix) = &idx {
                    let w = window(dev, ix, in_lo, in_hi, 4);
                    idx_base_w = (w.start / 4) as isize;
                    windows.push(w);
                }
                let w = window(dev, out_vals, out_lo, out_hi, out_isz);
                let out_base = (w.start / out_isz as u64) as isize;
                windows.push(w);
                let mut oidx_base = 0isize;
                if let Some(oi) = out_idx {
                    let w = window(dev, oi, out_lo, out_hi, 4);
                    oidx_base = (w.start / 4) as isize;
                    windows.push(w);
                }
                let (p, q) = (b.outer.len(), piece.inner.len());
                let mut meta = vec![0u32; RH + 3 * (p + q)];
                debug_assert!(meta.len() <= META_WORDS);
                let n_inner: usize = piece.inner.iter().map(|a| a.len).product();
                let word = |what, v: isize| meta_u32(op, what, v);
                meta[0] = meta_u32(op, "reduced elements", n_inner)?;
                meta[1] = p as u32;
                meta[2] = q as u32;
                meta[3] = meta_u32(op, "outputs in a block", n_ob)?;
                meta[4] = word("input offset", b.in_off - in_base)?;
                meta[5] = word("index offset", b.in_off - idx_base_w)?;
                let origin_out = b.out_off * m + sb;
                meta[6] = word("output offset", origin_out - out_base)?;
                meta[7] = word("output index offset", origin_out - oidx_base)?;
                meta[8] = meta_u32(op, "index base", piece.idx)?;
                meta[9] = piece.lanes.trailing_zeros();
                meta[11] = count as u32;
                meta[12] = (count >> 32) as u32;
                for (k, a) in b.outer.iter().enumerate() {
                    meta[RH + k] = meta_u32(op, "axis length", a.len)?;
                    meta[RH + p + k] = meta_stride(op, a.len, a.s_in)?;
                    meta[RH + 2 * p + k] = meta_stride(op, a.len, a.s_out * m)?;
                }
                let base = RH + 3 * p;
                for (k, a) in piece.inner.iter().enumerate() {
                    meta[base + k] = meta_u32(op, "axis length", a.len)?;
                    meta[base + q + k] = meta_stride(op, a.len, a.s_in)?;
                    meta[base + 2 * q + k] = meta_u32(op, "index weight", a.w)?;
                }
                let grid = if wide {
                    let groups = n_ob.div_ceil(WG / piece.lanes);
                    let y = groups.min(maxdim);
                    [piece.chunks as u32, y as u32, groups.div_ceil(y) as u32]
                } else {
                    let groups = n_ob.div_ceil(WG);
                    let x = groups.min(maxdim);
                    [x as u32, piece.chunks as u32, groups.div_ceil(x) as u32]
                };
                dispatches.push(Dispatch {
                    windows,
                    meta,
                    grid,
                });
            }
        }
        dev.run(op, &program, &dispatches)?;
        drop(dispatches);
        match partial {
            None => return Ok(()),
            Some((v, i)) => {
                // Next level: the [output][slot] partials, over their last axis.
                prob = Problem {
                    outer: if n_out > 1 {
                        vec![OAx {
                            len: n_out,
                            s_in: slots as isize,
                            s_out: 1,
                        }]
                    } else {
                        Vec::new()
                    },
                    inner: vec![IAx {
                        len: slots,
                        s_in: 1,
                        w: 0,
                    }],
                    in_off: 0,
                    out_off: 0,
                    idx_base: 0,
                };
                vals = v;
                idx = i;
                input = spec.acc;
                first = false;
            }
        }
    }
}

/// Elements per lane of the wide mapping reading `input` into `acc`
/// partials: [`WIDE_K`], times the widening, so partials never take more
/// than 1/16 of the bytes read (a sum of bytes into int64 folds 128 per lane).
fn wide_k(input: DType, acc: DType) -> usize {
    WIDE_K * (acc.itemsize() / input.itemsize()).max(1)
}

/// Normalises `axes` for an array of `ndim` axes: which axes are reduced.
fn reduced_axes(op: &'static str, axes: Option<&[isize]>, ndim: usize) -> Result<Vec<bool>> {
    match axes {
        None => Ok(vec![true; ndim]),
        Some(list) => {
            let mut red = vec![false; ndim];
            for &a in list {
                let k = normalize_axis(op, a, ndim)?;
                if red[k] {
                    return Err(Error::DuplicateAxis { op, axis: k });
                }
                red[k] = true;
            }
            Ok(red)
        }
    }
}

fn reduce<T: Element, U: Element>(
    a: &Array<T>,
    op_kind: Op,
    u: DType,
    axes: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<U>> {
    debug_assert_eq!(u, U::DTYPE);
    let spec = op_kind.spec(T::DTYPE, u);
    let op = spec.op;
    let dev = a.device();
    dev.check_lost()?;
    let shape = a.shape();
    let nd = shape.len();
    let red = reduced_axes(op, axes, nd)?;
    let mut out_shape = Vec::with_capacity(nd);
    let mut kept = Vec::new();
    for k in 0..nd {
        if !red[k] {
            out_shape.push(shape[k]);
            kept.push(k);
        } else if keepdims {
            out_shape.push(1);
        }
    }
    let n_red: usize = (0..nd).filter(|&k| red[k]).map(|k| shape[k]).product();
    let n_out: usize = kept.iter().map(|&k| shape[k]).product();

    if n_red == 0 {
        if !op_kind.has_identity() {
            return Err(Error::EmptyReduction { op });
        }
        let value = match op_kind {
            Op::Prod | Op::All => U::ONE,
            Op::Mean => U::from_f64(f64::NAN),
            _ => U::ZERO,
        };
        let out = Array::<U>::alloc(dev, op, &out_shape, Order::C)?;
        if value.to_bits() != 0 && n_out > 0 {
            out.fill(value)?;
        }
        return Ok(out);
    }
    let out = Array::<U>::alloc(dev, op, &out_shape, Order::C)?;
    if n_out == 0 {
        return Ok(out);
    }
    if spec.kind.is_arg() && n_red >= u32::MAX as usize {
        return Err(Error::LimitExceeded {
            op,
            what: "elements in one argmin/argmax reduction",
            requested: n_red as u64,
            limit: u32::MAX as u64 - 1,
        });
    }

    run_reduction(a, &spec, &red, out.storage(), Place::DENSE, n_red as u64)?;
    Ok(out)
}

/// Where a reduction's results go in its output buffer: result `i` (in C
/// order of the kept axes) at element `first + i * every`. Dense (0, 1)
/// for a whole reduction; a part of a split one writes one column of the
/// `[output][part]` partials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    first: isize,
    every: isize,
}

impl Place {
    const DENSE: Place = Place { first: 0, every: 1 };
}

/// Reduces `a` over the axes marked in `red` into `out` (at `place`),
/// `count` being the number of elements a mean divides by.
///
/// A reduction whose first pass would need a partials buffer past the
/// device's limits (one output's partials larger than a storage binding,
/// or all of them larger than half the largest buffer: a sum over a
/// 2^33-element broadcast view) is split along its longest reduced axis
/// into parts; each part reduces (recursively, in the accumulator type,
/// without finishing) into one column of an `[output][part]` buffer, and
/// a last reduction over those columns finishes. argmin/argmax are not
/// split (at most 2^32 - 1 reduced elements, refused before this).
fn run_reduction<T: Element>(
    a: &Array<T>,
    spec: &Spec,
    red: &[bool],
    out: &Storage,
    place: Place,
    count: u64,
) -> Result<()> {
    let op = spec.op;
    let dev = a.device();
    let shape = a.shape();
    let strides = a.strides();
    let nd = shape.len();
    let kept: Vec<usize> = (0..nd).filter(|&k| !red[k]).collect();
    let n_red: usize = (0..nd).filter(|&k| red[k]).map(|k| shape[k]).product();
    let n_out: usize = kept.iter().map(|&k| shape[k]).product();
    if !spec.kind.is_arg() {
        if let Some((axis, parts)) = split_plan::<T>(dev, spec, shape, red, n_out, n_red)? {
            let bytes = (n_out as u64)
                .checked_mul(parts as u64 * spec.acc.itemsize() as u64)
                .ok_or_else(|| Error::Overflow {
                    op,
                    what: format!("partial results: {n_out} outputs times {parts} parts"),
                })?;
            let columns = dev.alloc(op, bytes)?;
            let part_spec = Spec {
                out: spec.acc,
                mean: false,
                ..*spec
            };
            let len = shape[axis];
            let step = len.div_ceil(parts);
            let mut index = vec![SliceArg::ALL; nd];
            for g in 0..parts {
                let lo = g * step;
                index[axis] = SliceArg::Slice {
                    start: Some(lo as isize),
                    stop: Some(len.min(lo + step) as isize),
                    step: 1,
                };
                let part = a.slice(&index)?;
                let n_part = part.size() as u64;
                let column = Place {
                    first: g as isize,
                    every: parts as isize,
                };
                run_reduction(&part, &part_spec, red, &columns, column, n_part)?;
            }
            // Finish over the parts: [output][part], the last axis reduced.
            let prob = Problem {
                outer: if n_out > 1 {
                    vec![OAx {
                        len: n_out,
                        s_in: parts as isize,
                        s_out: 1,
                    }]
                } else {
                    Vec::new()
                },
                inner: vec![IAx {
                    len: parts,
                    s_in: 1,
                    w: 0,
                }],
                in_off: 0,
                out_off: 0,
                idx_base: 0,
            };
            return run_passes(dev, spec, prob, spec.acc, columns, None, out, place, count);
        }
    }
    // Output strides of the kept axes (C order) and logical-index weights
    // of the reduced ones (C order of the reduced axes: a flat index for
    // axis=None, the position along the axis for one axis).
    let mut outer = Vec::with_capacity(kept.len());
    let mut so = 1isize;
    for &k in kept.iter().rev() {
        outer.push(OAx {
            len: shape[k],
            s_in: strides[k],
            s_out: so,
        });
        so *= shape[k] as isize;
    }
    outer.reverse();
    let mut inner = Vec::new();
    let mut w = 1u64;
    for k in (0..nd).rev().filter(|&k| red[k]) {
        inner.push(IAx {
            len: shape[k],
            s_in: strides[k],
            w: if spec.kind.is_arg() { w } else { 0 },
        });
        w *= shape[k] as u64;
    }
    inner.reverse();
    let prob = Problem {
        outer,
        inner,
        in_off: a.offset() as isize,
        out_off: 0,
        idx_base: 0,
    }
    .normalise();
    run_passes(
        dev,
        spec,
        prob,
        T::DTYPE,
        a.storage().clone(),
        None,
        out,
        place,
        count,
    )
}

/// Whether a reduction must be split, and how: the reduced axis to cut and
/// into how many parts. The first pass writes at most about two partials
/// per `wide_k` reduced elements of each output (lane counts round up to a
/// power of two; the narrow mapping writes fewer); a split is needed when
/// one output's partials could pass half a storage binding or all of them
/// half the largest buffer. Below a few partials per output a split would
/// not shrink them, so none is made.
fn split_plan<T: Element>(
    dev: &Device,
    spec: &Spec,
    shape: &[usize],
    red: &[bool],
    n_out: usize,
    n_red: usize,
) -> Result<Option<(usize, usize)>> {
    let acc = spec.acc.itemsize() as u64;
    let per_out = 2 * (n_red as u64).div_ceil(wide_k(T::DTYPE, spec.acc) as u64) + 1;
    if per_out <= 4 {
        return Ok(None);
    }
    let binding = max_span(dev, spec.op, spec.acc.itemsize())? as u64 / 2;
    let buffer = dev.info().max_buffer_size / 2 / acc;
    let total = per_out.saturating_mul(n_out as u64);
    if per_out <= binding && total <= buffer {
        return Ok(None);
    }
    let need = per_out.div_ceil(binding).max(total.div_ceil(buffer.max(1))).max(2);
    let axis = (0..shape.len())
        .filter(|&k| red[k])
        .max_by_key(|&k| shape[k])
        .filter(|&k| shape[k] > 1);
    Ok(axis.map(|k| (k, (need as usize).min(shape[k]))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::codegen::tests::validate;

    #[test]
    fn every_reduction_program_validates() {
        let ops = [
            Op::Sum,
            Op::Prod,
            Op::Mean,
            Op::Min,
            Op::Max,
            Op::ArgMin,
            Op::ArgMax,
            Op::Any,
            Op::All,
        ];
        for t in DType::ALL {
            for op in ops {
                let outs: Vec<DType> = match op {
                    Op::Sum | Op::Prod => DType::ALL.to_vec(),
                    Op::Mean => vec![DType::F16, DType::F32, DType::F64],
                    Op::Min | Op::Max => vec![t],
                    Op::ArgMin | Op::ArgMax => vec![DType::I64],
                    Op::Any | Op::All => vec![DType::Bool],
                };
                for u in outs {
                    let spec = op.spec(t, u);
                    for (first, last, wide, vec4) in [
                        (true, true, true, false),
                        (true, false, true, false),
                        (true, true, false, false),
                        (false, true, true, false),
                        (false, false, false, false),
                        (true, false, true, true),
                    ] {
                        if vec4 && (spec.kind.is_arg() || t.storage_class() != StorageClass::Word) {
                            continue;
                        }
                        let input = if first { t } else { spec.acc };
                        for inner1 in [false, true] {
                            validate(&program(
                                &spec,
                                PassKind {
                                    first,
                                    last,
                                    wide,
                                    vec4,
                                    inner1,
                                    input,
                                },
                            ));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn conversions_extend_by_the_source_sign() {
        assert_eq!(convert("x", "i32", "u64"), "bitcast<u64>(i64(x))");
        assert_eq!(convert("x", "u32", "i64"), "bitcast<i64>(u64(x))");
        assert_eq!(convert("x", "i64", "i32"), "i32(x)");
        assert_eq!(convert("x", "u32", "i32"), "bitcast<i32>(x)");
        assert_eq!(convert("x", "f32", "f64"), "f64(x)");
        assert_eq!(convert("x", "bool", "u32"), "select(u32(0), u32(1), x)");
    }

    fn prob(outer: &[(usize, isize, isize)], inner: &[(usize, isize, u64)]) -> Problem {
        Problem {
            outer: outer
                .iter()
                .map(|&(len, s_in, s_out)| OAx { len, s_in, s_out })
                .collect(),
            inner: inner
                .iter()
                .map(|&(len, s_in, w)| IAx { len, s_in, w })
                .collect(),
            in_off: 0,
            out_off: 0,
            idx_base: 0,
        }
    }

    #[test]
    fn reduced_axes_go_to_memory_order_and_merge() {
        // A transposed 4x6 reduced over both axes: one run of 24.
        let p = prob(&[], &[(6, 1, 0), (4, 6, 0)]).normalise();
        assert_eq!(
            p.inner,
            vec![IAx {
                len: 24,
                s_in: 1,
                w: 0
            }]
        );
        // With logical weights (argmax of the transpose) they cannot merge,
        // but are still ordered by memory.
        let p = prob(&[], &[(6, 1, 4), (4, 6, 1)]).normalise();
        assert_eq!(
            p.inner[0],
            IAx {
                len: 4,
                s_in: 6,
                w: 1
            }
        );
        // Kept axes merge when input and output both step as one; size-1 drops.
        let p = prob(&[(2, 15, 15), (1, 7, 15), (3, 5, 5), (5, 1, 1)], &[]).normalise();
        assert_eq!(
            p.outer,
            vec![OAx {
                len: 30,
                s_in: 1,
                s_out: 1
            }]
        );
    }

    #[test]
    fn inner_cuts_respect_span_and_count() {
        let mut pieces = Vec::new();
        cut_inner(
            vec![IAx {
                len: 1000,
                s_in: 3,
                w: 1,
            }],
            5,
            0,
            700,
            usize::MAX,
            &mut pieces,
        );
        assert!(pieces.len() > 1);
        let mut total = 0;
        for p in &pieces {
            let (lo, hi) = reach(p.inner.iter().map(|a| (a.len, a.s_in)));
            assert!(((hi - lo) as usize) < 700);
            assert_eq!(p.in_off, 5 + 3 * p.idx as isize);
            total += p.inner[0].len;
        }
        assert_eq!(total, 1000);
    }
}
