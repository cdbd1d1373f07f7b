//! Element-wise arithmetic through strides: unary and binary operations,
//! comparisons, logical operations, `where`, `clip` and `astype`, with
//! NumPy's broadcasting between any layouts (negative, zero and odd
//! strides, offsets) and no input ever copied to make it contiguous.
//!
//! Every operation is one generated kernel (`codegen::map`) over the
//! broadcast shape. Before launching, the launcher reorders, flips and
//! merges axes (see `kernels/launch.rs`), so contiguous operands run as one long
//! axis. Writing into a destination that overlaps an input other than
//! element-for-element (`x += x.T`, `x[1:] += x[:-1]`) stages that input
//! through a temporary first, decided exactly from the descriptors; an
//! element-for-element overlap (`x += y` into `x`) needs no staging.
//!
//! Semantics follow NumPy's ufuncs for a same-dtype operation: integer
//! arithmetic wraps; `div` on integers is floor division (NumPy's `//`)
//! and `rem` is NumPy's `remainder` (the sign of the divisor), both 0 for a
//! zero divisor (NumPy's result, without the warning); float division by
//! zero gives inf/NaN; float `floor_divide` and `rem` are NumPy's `divmod`
//! over an exact `fmod`; float `pow` has C99's special values; float64
//! `exp`, `log`, `sin`, `cos`, `tanh` and `pow`, which WGSL on Vulkan lacks,
//! are computed in software (`shaders/f64_math.wgsl`);
//! `maximum`/`minimum`/`clip` propagate NaN; `round`
//! rounds half to even; float16 computes in f32 and rounds once on store;
//! `astype` from float to integer truncates as NumPy does on x86-64, with
//! out-of-range values and NaN giving the signed minimum and negative values
//! reaching unsigned types through the signed conversion (-1.0 -> 255u8).
//!
//! The files: `engine` (operands, broadcasting, staging, outputs, the
//! launch), `exprs` (the WGSL expression of each operation per dtype),
//! `api` (the functions and `Array` methods), `operators` (`+`, `*=`, ...).

mod api;
mod engine;
mod exprs;
mod fusion;
mod operators;
mod reduce_tail;
#[cfg(test)]
mod tests;

pub use api::{binary, compare, logical, unary, where_};
use engine::*;
use exprs::*;
pub(crate) use reduce_tail::defer_reduction;

use std::ops;
use std::sync::Arc;

use crate::array::Array;
use crate::dtype::{DType, Element, Float};
use crate::error::{Error, Result};
use crate::kernels::Launch;
use crate::kernels::codegen::{self, Access, Binding, MapInput};
use crate::kernels::float_wgsl::{
    divmod_helpers, f64_math_helpers, float_bits_helpers, isnan_helper, max_min_helpers, nan,
};
use crate::layout::{Layout, Order, broadcast_shapes, overlap};
use crate::runtime::{Device, Storage};

/// An operand of an element-wise operation: an array or a scalar.
#[derive(Debug, Clone, Copy)]
pub enum Operand<'a, T: Element> {
    /// An array, broadcast as needed.
    Array(&'a Array<T>),
    /// A scalar, broadcast everywhere (it travels in the kernel's metadata,
    /// not in a buffer).
    Scalar(T),
}

impl<'a, T: Element> From<&'a Array<T>> for Operand<'a, T> {
    fn from(a: &'a Array<T>) -> Self {
        Operand::Array(a)
    }
}

impl<T: Element> From<T> for Operand<'_, T> {
    fn from(v: T) -> Self {
        Operand::Scalar(v)
    }
}

/// Element-wise functions of one operand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// `-x` (wraps for unsigned integers, as NumPy's `negative`).
    Neg,
    /// `|x|`.
    Abs,
    /// -1, 0 or 1 (NaN for NaN).
    Sign,
    /// Round down (identity on integers).
    Floor,
    /// Round up (identity on integers).
    Ceil,
    /// Round half to even (identity on integers).
    Round,
    /// Round toward zero (identity on integers), NumPy's `trunc`.
    Trunc,
    /// Square root.
    Sqrt,
    /// e^x.
    Exp,
    /// Natural logarithm.
    Log,
    /// Sine.
    Sin,
    /// Cosine.
    Cos,
    /// Hyperbolic tangent.
    Tanh,
}

/// Element-wise functions of two operands giving the same dtype.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    /// `a + b` (logical or on bool).
    Add,
    /// `a - b`.
    Sub,
    /// `a * b` (logical and on bool).
    Mul,
    /// True division for floats; floor division (NumPy's `//`) for integers.
    Div,
    /// NumPy's `floor_divide` (`//`).
    FloorDivide,
    /// NumPy's `remainder` (`%`): the result has the sign of the divisor.
    Rem,
    /// `a ** b`.
    Pow,
    /// The larger, NaN-propagating.
    Maximum,
    /// The smaller, NaN-propagating.
    Minimum,
}

/// Element-wise comparisons giving bool arrays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompareOp {
    /// `a == b`.
    Eq,
    /// `a != b`.
    Ne,
    /// `a < b`.
    Lt,
    /// `a <= b`.
    Le,
    /// `a > b`.
    Gt,
    /// `a >= b`.
    Ge,
}

/// Element-wise logical operations on truth values (non-zero is true, NaN
/// too), giving bool arrays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LogicalOp {
    /// Both true.
    And,
    /// Either true.
    Or,
    /// Exactly one true.
    Xor,
}
