//! Rust's operators on arrays: `&a + &b`, `&a * 2.0`, `2.0 * &a`, `-&a`,
//! `a += &b` (which panics on error; `add_assign` returns it).
//!
//! Operands may be borrowed arrays, owned arrays, or the `Result` of an
//! earlier operation, so a chain needs one `?` at its end, as in candle:
//! `let y = ((&x + 1.0) * &x - &w)?;` (an `Err` operand is passed on
//! unchanged, the left one first). Owned operands are read, not reused: the
//! result is always a new array.
//!
//! Rust's orphan rule leaves out the forms without an array on either
//! side: `Result op Result`, `Result op scalar`, `scalar op Result` and
//! `-Result` do not compile; write a `?` on one side
//! (`(&a + &b)? * (&c + &d)`, `(&x * 2.0)? + 1.0`).
//!
//! ```
//! # fn main() -> ndgpu::Result<()> {
//! # let dev = ndgpu::Device::new()?;
//! use ndgpu::Array;
//! let x = Array::<f32>::from_slice(&dev, &[1.0, 2.0, 3.0], [3])?;
//! let y = (&x * &x + &x)?; // x² + x
//! assert_eq!(y.to_vec()?, vec![2.0, 6.0, 12.0]);
//! let z = ((&x + 1.0) * &y - &x)?; // (x + 1)·y - x
//! assert_eq!(z.to_vec()?, vec![3.0, 16.0, 45.0]);
//! # Ok(())
//! # }
//! ```

use super::*;

/// `a op b` into a new array.
fn apply<'a, T: Element>(
    op: BinaryOp,
    a: impl Into<Operand<'a, T>>,
    b: impl Into<Operand<'a, T>>,
) -> Result<Array<T>> {
    Ok(binary(op, a, b, None)?.expect("a new array"))
}

/// `dst op= src`, panicking on error (operator traits cannot return one).
fn apply_assign<'a, T: Element>(op: BinaryOp, dst: &'a Array<T>, src: impl Into<Operand<'a, T>>) {
    if let Err(e) = binary(op, dst, src, Some(dst)) {
        panic!("{e}");
    }
}

macro_rules! operator {
    ($Tr:ident, $f:ident, $TrAssign:ident, $f_assign:ident, $op:ident) => {
        // Array (borrowed or owned) with array or scalar.
        impl<'a, T: Element> ops::$Tr<&'a Array<T>> for &'a Array<T> {
            type Output = Result<Array<T>>;
            fn $f(self, rhs: &'a Array<T>) -> Result<Array<T>> {
                apply(BinaryOp::$op, self, rhs)
            }
        }
        impl<T: Element> ops::$Tr<Array<T>> for &Array<T> {
            type Output = Result<Array<T>>;
            fn $f(self, rhs: Array<T>) -> Result<Array<T>> {
                apply(BinaryOp::$op, self, &rhs)
            }
        }
        impl<T: Element> ops::$Tr<&Array<T>> for Array<T> {
            type Output = Result<Array<T>>;
            fn $f(self, rhs: &Array<T>) -> Result<Array<T>> {
                apply(BinaryOp::$op, &self, rhs)
            }
        }
        impl<T: Element> ops::$Tr<Array<T>> for Array<T> {
            type Output = Result<Array<T>>;
            fn $f(self, rhs: Array<T>) -> Result<Array<T>> {
                apply(BinaryOp::$op, &self, &rhs)
            }
        }
        impl<'a, T: Element> ops::$Tr<T> for &'a Array<T> {
            type Output = Result<Array<T>>;
            fn $f(self, rhs: T) -> Result<Array<T>> {
                apply(BinaryOp::$op, self, rhs)
            }
        }
        impl<T: Element> ops::$Tr<T> for Array<T> {
            type Output = Result<Array<T>>;
            fn $f(self, rhs: T) -> Result<Array<T>> {
                apply(BinaryOp::$op, &self, rhs)
            }
        }
        // A `Result` on one side, an array on the other: an `Err` is
        // returned as it is (the left one first).
        impl<T: Element> ops::$Tr<&Array<T>> for Result<Array<T>> {
            type Output = Result<Array<T>>;
            fn $f(self, rhs: &Array<T>) -> Result<Array<T>> {
                apply(BinaryOp::$op, &self?, rhs)
            }
        }
        impl<T: Element> ops::$Tr<Array<T>> for Result<Array<T>> {
            type Output = Result<Array<T>>;
            fn $f(self, rhs: Array<T>) -> Result<Array<T>> {
                apply(BinaryOp::$op, &self?, &rhs)
            }
        }
        impl<T: Element> ops::$Tr<Result<Array<T>>> for &Array<T> {
            type Output = Result<Array<T>>;
            fn $f(self, rhs: Result<Array<T>>) -> Result<Array<T>> {
                apply(BinaryOp::$op, self, &rhs?)
            }
        }
        impl<T: Element> ops::$Tr<Result<Array<T>>> for Array<T> {
            type Output = Result<Array<T>>;
            fn $f(self, rhs: Result<Array<T>>) -> Result<Array<T>> {
                apply(BinaryOp::$op, &self, &rhs?)
            }
        }
        /// In-place operator; see the `*_assign` method for a form that
        /// returns errors.
        ///
        /// # Panics
        /// If the operation fails (shapes that do not broadcast to `self`,
        /// a read-only `self`, a device error): operator traits cannot
        /// return a `Result`.
        impl<'a, T: Element> ops::$TrAssign<&'a Array<T>> for Array<T> {
            fn $f_assign(&mut self, rhs: &'a Array<T>) {
                apply_assign(BinaryOp::$op, &*self, rhs)
            }
        }
        /// In-place operator with an owned array.
        ///
        /// # Panics
        /// As the form with `&Array`.
        impl<T: Element> ops::$TrAssign<Array<T>> for Array<T> {
            fn $f_assign(&mut self, rhs: Array<T>) {
                apply_assign(BinaryOp::$op, &*self, &rhs)
            }
        }
        /// In-place operator with the result of an earlier operation
        /// (`x += &y * 2.0`).
        ///
        /// # Panics
        /// If `rhs` is an `Err` (with its message), or as the form with
        /// `&Array`.
        impl<T: Element> ops::$TrAssign<Result<Array<T>>> for Array<T> {
            fn $f_assign(&mut self, rhs: Result<Array<T>>) {
                match rhs {
                    Ok(rhs) => apply_assign(BinaryOp::$op, &*self, &rhs),
                    Err(e) => panic!("{e}"),
                }
            }
        }
        /// In-place operator with a scalar.
        ///
        /// # Panics
        /// If the operation fails (a read-only `self`, a device error).
        impl<T: Element> ops::$TrAssign<T> for Array<T> {
            fn $f_assign(&mut self, rhs: T) {
                apply_assign(BinaryOp::$op, &*self, rhs)
            }
        }
    };
}

operator!(Add, add, AddAssign, add_assign, Add);
operator!(Sub, sub, SubAssign, sub_assign, Sub);
operator!(Mul, mul, MulAssign, mul_assign, Mul);
operator!(Div, div, DivAssign, div_assign, Div);
operator!(Rem, rem, RemAssign, rem_assign, Rem);

impl<T: Element> ops::Neg for &Array<T> {
    type Output = Result<Array<T>>;
    fn neg(self) -> Result<Array<T>> {
        Array::neg(self)
    }
}

impl<T: Element> ops::Neg for Array<T> {
    type Output = Result<Array<T>>;
    fn neg(self) -> Result<Array<T>> {
        Array::neg(&self)
    }
}

macro_rules! scalar_lhs {
    ($($t:ty),*) => {
        $(
            scalar_lhs!(@op $t, Add, add);
            scalar_lhs!(@op $t, Sub, sub);
            scalar_lhs!(@op $t, Mul, mul);
            scalar_lhs!(@op $t, Div, div);
        )*
    };
    (@op $t:ty, $Tr:ident, $f:ident) => {
        impl<'a> ops::$Tr<&'a Array<$t>> for $t {
            type Output = Result<Array<$t>>;
            fn $f(self, rhs: &'a Array<$t>) -> Result<Array<$t>> {
                apply(BinaryOp::$Tr, self, rhs)
            }
        }
        impl ops::$Tr<Array<$t>> for $t {
            type Output = Result<Array<$t>>;
            fn $f(self, rhs: Array<$t>) -> Result<Array<$t>> {
                apply(BinaryOp::$Tr, self, &rhs)
            }
        }
    };
}

scalar_lhs!(i8, u8, i16, u16, half::f16, i32, u32, f32, i64, u64, f64);
