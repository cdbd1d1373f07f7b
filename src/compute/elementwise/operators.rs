//! Rust's operators on arrays: `&a + &b`, `&a * 2.0`, `2.0 * &a`, `-&a`,
//! `a += &b` (which panics on error; `add_assign` returns it).

use super::*;

macro_rules! operator {
    ($Tr:ident, $f:ident, $TrAssign:ident, $f_assign:ident, $op:ident) => {
        impl<'a, T: Element> ops::$Tr<&'a Array<T>> for &'a Array<T> {
            type Output = Result<Array<T>>;
            fn $f(self, rhs: &'a Array<T>) -> Result<Array<T>> {
                Ok(binary(BinaryOp::$op, self, rhs, None)?.expect("a new array"))
            }
        }
        impl<'a, T: Element> ops::$Tr<T> for &'a Array<T> {
            type Output = Result<Array<T>>;
            fn $f(self, rhs: T) -> Result<Array<T>> {
                Ok(binary(BinaryOp::$op, self, rhs, None)?.expect("a new array"))
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
                if let Err(e) = binary(BinaryOp::$op, &*self, rhs, Some(&*self)) {
                    panic!("{e}");
                }
            }
        }
        /// In-place operator with a scalar.
        ///
        /// # Panics
        /// If the operation fails (a read-only `self`, a device error).
        impl<T: Element> ops::$TrAssign<T> for Array<T> {
            fn $f_assign(&mut self, rhs: T) {
                if let Err(e) = binary(BinaryOp::$op, &*self, rhs, Some(&*self)) {
                    panic!("{e}");
                }
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

macro_rules! scalar_lhs {
    ($($t:ty),*) => {
        $(
            impl<'a> ops::Add<&'a Array<$t>> for $t {
                type Output = Result<Array<$t>>;
                fn add(self, rhs: &'a Array<$t>) -> Result<Array<$t>> {
                    Ok(binary(BinaryOp::Add, self, rhs, None)?.expect("a new array"))
                }
            }
            impl<'a> ops::Sub<&'a Array<$t>> for $t {
                type Output = Result<Array<$t>>;
                fn sub(self, rhs: &'a Array<$t>) -> Result<Array<$t>> {
                    Ok(binary(BinaryOp::Sub, self, rhs, None)?.expect("a new array"))
                }
            }
            impl<'a> ops::Mul<&'a Array<$t>> for $t {
                type Output = Result<Array<$t>>;
                fn mul(self, rhs: &'a Array<$t>) -> Result<Array<$t>> {
                    Ok(binary(BinaryOp::Mul, self, rhs, None)?.expect("a new array"))
                }
            }
            impl<'a> ops::Div<&'a Array<$t>> for $t {
                type Output = Result<Array<$t>>;
                fn div(self, rhs: &'a Array<$t>) -> Result<Array<$t>> {
                    Ok(binary(BinaryOp::Div, self, rhs, None)?.expect("a new array"))
                }
            }
        )*
    };
}

scalar_lhs!(i8, u8, i16, u16, half::f16, i32, u32, f32, i64, u64, f64);
