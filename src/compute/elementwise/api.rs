//! The element-wise functions (`unary`, `binary`, `compare`, `logical`,
//! `where_`) and their `Array` methods.

use super::*;

/// Applies a unary operation, into a new array or into `out`.
pub fn unary<T: Element>(
    op: UnaryOp,
    a: &Array<T>,
    out: Option<&Array<T>>,
) -> Result<Option<Array<T>>> {
    let name = unary_name(op);
    let text = unary_text(op, T::DTYPE)?;
    let inputs = [Input::of(name, Operand::Array(a), a.shape())?];
    let shape = a.shape().to_vec();
    let dst = output(name, a.device(), &shape, &inputs, out)?;
    run_map_text(name, &text, &inputs, &dst)?;
    Ok(if out.is_some() { None } else { Some(dst) })
}

/// Applies a binary operation with broadcasting, into a new array or into
/// `out` (which may be a strided view and may overlap the inputs).
pub fn binary<'a, T: Element>(
    op: BinaryOp,
    a: impl Into<Operand<'a, T>>,
    b: impl Into<Operand<'a, T>>,
    out: Option<&Array<T>>,
) -> Result<Option<Array<T>>> {
    let (a, b) = (a.into(), b.into());
    let name = binary_name(op);
    let device = pick_device(name, &[device_of(&a), device_of(&b)])?;
    let mut shape = result_shape(name, &[shape_of(&a), shape_of(&b)])?;
    if let Some(o) = out {
        // In-place forms broadcast the inputs to the destination's shape.
        shape = result_shape(name, &[Some(&shape), Some(o.shape())])?;
    }
    let text = binary_text(op, T::DTYPE)?;
    if op == BinaryOp::Pow && T::DTYPE.is_signed_int() {
        check_integer_exponents(name, &b)?;
    }
    let inputs = [Input::of(name, a, &shape)?, Input::of(name, b, &shape)?];
    let dst = output(name, device, &shape, &inputs, out)?;
    run_map_text(name, &text, &inputs, &dst)?;
    Ok(if out.is_some() { None } else { Some(dst) })
}

/// NumPy refuses a signed integer raised to a negative integer power
/// ("Integers to negative integer powers are not allowed"); so does
/// ndgpu, before launching. An array of exponents is checked with a `min`
/// reduction read back to the host, which waits for the device.
pub(super) fn check_integer_exponents<T: Element>(
    op: &'static str,
    b: &Operand<'_, T>,
) -> Result<()> {
    let least = match b {
        Operand::Scalar(v) => v.to_i128(),
        Operand::Array(e) if e.size() == 0 => return Ok(()),
        Operand::Array(e) => {
            let least = e.min(None, false)?;
            if e.device().defers_errors() {
                // In a browser the read-back cannot be waited for here: the
                // check surfaces at the next await point, naming `op`.
                e.device().defer_check(Box::pin(async move {
                    match least.item_async().await {
                        Ok(v) => negative_exponent(op, v.to_i128()).err(),
                        Err(e) => Some(e),
                    }
                }));
                return Ok(());
            }
            least.item()?.to_i128()
        }
    };
    negative_exponent(op, least)
}

fn negative_exponent(op: &'static str, least: Option<i128>) -> Result<()> {
    if let Some(least) = least.filter(|&v| v < 0) {
        return Err(Error::InvalidArgument {
            op,
            reason: format!(
                "integers to negative integer powers are not allowed (exponent {least})"
            ),
        });
    }
    Ok(())
}

/// Compares element-wise with broadcasting, giving a bool array.
pub fn compare<'a, T: Element>(
    op: CompareOp,
    a: impl Into<Operand<'a, T>>,
    b: impl Into<Operand<'a, T>>,
) -> Result<Array<bool>> {
    let (a, b) = (a.into(), b.into());
    let name = match op {
        CompareOp::Eq => "equal",
        CompareOp::Ne => "not_equal",
        CompareOp::Lt => "less",
        CompareOp::Le => "less_equal",
        CompareOp::Gt => "greater",
        CompareOp::Ge => "greater_equal",
    };
    let device = pick_device(name, &[device_of(&a), device_of(&b)])?;
    let shape = result_shape(name, &[shape_of(&a), shape_of(&b)])?;
    let inputs = [Input::of(name, a, &shape)?, Input::of(name, b, &shape)?];
    let dst = output::<bool>(name, device, &shape, &inputs, None)?;
    run_map(name, name, &inputs, &dst, &compare_expr(op, T::DTYPE), "")?;
    Ok(dst)
}

/// Logical and/or/xor of truth values with broadcasting, giving a bool array.
pub fn logical<'a, T: Element>(
    op: LogicalOp,
    a: impl Into<Operand<'a, T>>,
    b: impl Into<Operand<'a, T>>,
) -> Result<Array<bool>> {
    let (a, b) = (a.into(), b.into());
    let name = match op {
        LogicalOp::And => "logical_and",
        LogicalOp::Or => "logical_or",
        LogicalOp::Xor => "logical_xor",
    };
    let device = pick_device(name, &[device_of(&a), device_of(&b)])?;
    let shape = result_shape(name, &[shape_of(&a), shape_of(&b)])?;
    let inputs = [Input::of(name, a, &shape)?, Input::of(name, b, &shape)?];
    let dst = output::<bool>(name, device, &shape, &inputs, None)?;
    let (x, y) = (truth(T::DTYPE, "x0"), truth(T::DTYPE, "x1"));
    let expr = match op {
        LogicalOp::And => format!("{x} && {y}"),
        LogicalOp::Or => format!("{x} || {y}"),
        LogicalOp::Xor => format!("{x} != {y}"),
    };
    run_map(name, name, &inputs, &dst, &expr, "")?;
    Ok(dst)
}

/// NumPy's `where(cond, a, b)`: `a` where `cond` is true, else `b`, all
/// three broadcast together. `a` and `b` may be scalars.
#[doc(alias = "where")]
pub fn where_<'a, T: Element>(
    cond: &Array<bool>,
    a: impl Into<Operand<'a, T>>,
    b: impl Into<Operand<'a, T>>,
) -> Result<Array<T>> {
    let name = "where";
    let (a, b) = (a.into(), b.into());
    let shape = result_shape(name, &[Some(cond.shape()), shape_of(&a), shape_of(&b)])?;
    let inputs = [
        Input::of(name, Operand::Array(cond), &shape)?,
        Input::of(name, a, &shape)?,
        Input::of(name, b, &shape)?,
    ];
    let dst = output::<T>(name, cond.device(), &shape, &inputs[1..], None)?;
    run_map(name, name, &inputs, &dst, "select(x2, x1, x0)", "")?;
    Ok(dst)
}

macro_rules! unary_methods {
    ($($(#[$m:meta])* $f:ident => $op:ident),* $(,)?) => {
        $(
            $(#[$m])*
            pub fn $f(&self) -> Result<Array<T>> {
                Ok(unary(UnaryOp::$op, self, None)?.expect("a new array"))
            }
        )*
    };
}

macro_rules! binary_methods {
    ($($(#[$m:meta])* $f:ident, $f_assign:ident => $op:ident),* $(,)?) => {
        $(
            $(#[$m])*
            pub fn $f<'a>(&'a self, other: impl Into<Operand<'a, T>>) -> Result<Array<T>> {
                Ok(binary(BinaryOp::$op, self, other, None)?.expect("a new array"))
            }
            /// The in-place form, writing into `self` (which may be a
            /// strided view and may overlap `other`); `other` is broadcast
            /// to `self`'s shape.
            pub fn $f_assign<'a>(&'a self, other: impl Into<Operand<'a, T>>) -> Result<()> {
                binary(BinaryOp::$op, self, other, Some(self)).map(|_| ())
            }
        )*
    };
}

impl<T: Element> Array<T> {
    unary_methods! {
        /// `-x` (NumPy's `negative`; wraps for unsigned integers).
        neg => Neg,
        /// `|x|`.
        abs => Abs,
        /// -1, 0 or 1 (NaN for NaN).
        sign => Sign,
        /// Rounds down (integers are returned as they are).
        floor => Floor,
        /// Rounds up (integers are returned as they are).
        ceil => Ceil,
        /// Rounds half to even (integers are returned as they are).
        round => Round,
        /// Rounds toward zero (integers are returned as they are), NumPy's `trunc`.
        trunc => Trunc,
    }

    binary_methods! {
        /// `self + other` with broadcasting (logical or on bool).
        add, add_assign => Add,
        /// `self - other` with broadcasting.
        sub, sub_assign => Sub,
        /// `self * other` with broadcasting (logical and on bool).
        mul, mul_assign => Mul,
        /// True division for floats; floor division (NumPy's `//`) for
        /// integers, 0 where the divisor is 0.
        div, div_assign => Div,
        /// NumPy's `floor_divide` (`//`).
        floor_divide, floor_divide_assign => FloorDivide,
        /// NumPy's `remainder` (`%`): the sign of the divisor; 0 (integers)
        /// or NaN (floats) where the divisor is 0.
        rem, rem_assign => Rem,
        /// `self ** other`. A signed integer exponent below 0 is an error, as
        /// in NumPy (`InvalidArgument`); checking an array of them reads
        /// its minimum back, which waits for the device.
        pow, pow_assign => Pow,
        /// The larger of the two, NaN-propagating.
        maximum, maximum_assign => Maximum,
        /// The smaller of the two, NaN-propagating.
        minimum, minimum_assign => Minimum,
    }

    /// `self == other`, element-wise.
    pub fn eq<'a>(&'a self, other: impl Into<Operand<'a, T>>) -> Result<Array<bool>> {
        compare(CompareOp::Eq, self, other)
    }
    /// `self != other`, element-wise.
    pub fn ne<'a>(&'a self, other: impl Into<Operand<'a, T>>) -> Result<Array<bool>> {
        compare(CompareOp::Ne, self, other)
    }
    /// `self < other`, element-wise.
    pub fn lt<'a>(&'a self, other: impl Into<Operand<'a, T>>) -> Result<Array<bool>> {
        compare(CompareOp::Lt, self, other)
    }
    /// `self <= other`, element-wise.
    pub fn le<'a>(&'a self, other: impl Into<Operand<'a, T>>) -> Result<Array<bool>> {
        compare(CompareOp::Le, self, other)
    }
    /// `self > other`, element-wise.
    pub fn gt<'a>(&'a self, other: impl Into<Operand<'a, T>>) -> Result<Array<bool>> {
        compare(CompareOp::Gt, self, other)
    }
    /// `self >= other`, element-wise.
    pub fn ge<'a>(&'a self, other: impl Into<Operand<'a, T>>) -> Result<Array<bool>> {
        compare(CompareOp::Ge, self, other)
    }
    /// Logical and of truth values.
    pub fn logical_and<'a>(&'a self, other: impl Into<Operand<'a, T>>) -> Result<Array<bool>> {
        logical(LogicalOp::And, self, other)
    }
    /// Logical or of truth values.
    pub fn logical_or<'a>(&'a self, other: impl Into<Operand<'a, T>>) -> Result<Array<bool>> {
        logical(LogicalOp::Or, self, other)
    }
    /// Logical exclusive or of truth values.
    pub fn logical_xor<'a>(&'a self, other: impl Into<Operand<'a, T>>) -> Result<Array<bool>> {
        logical(LogicalOp::Xor, self, other)
    }
    /// Logical not of truth values.
    pub fn logical_not(&self) -> Result<Array<bool>> {
        let name = "logical_not";
        let inputs = [Input::of(name, Operand::Array(self), self.shape())?];
        let dst = output::<bool>(name, self.device(), self.shape(), &inputs, None)?;
        let expr = format!("!{}", truth(T::DTYPE, "x0"));
        run_map(name, name, &inputs, &dst, &expr, "")?;
        Ok(dst)
    }

    /// Limits every element to `[lo, hi]` (NumPy's `clip`:
    /// `minimum(maximum(x, lo), hi)`, NaN-propagating).
    pub fn clip(&self, lo: T, hi: T) -> Result<Array<T>> {
        let name = "clip";
        let inputs = [
            Input::of(name, Operand::Array(self), self.shape())?,
            Input::of(name, Operand::Scalar(lo), self.shape())?,
            Input::of(name, Operand::Scalar(hi), self.shape())?,
        ];
        let dst = output(name, self.device(), self.shape(), &inputs, None)?;
        let expr = if T::DTYPE.is_float() {
            "op_min(op_max(x0, x1), x2)".to_string()
        } else if T::DTYPE == DType::Bool {
            "(x0 || x1) && x2".to_string()
        } else {
            "min(max(x0, x1), x2)".to_string()
        };
        let helpers = if T::DTYPE.is_float() {
            max_min_helpers(T::DTYPE)
        } else {
            String::new()
        };
        run_map(name, name, &inputs, &dst, &expr, &helpers)?;
        Ok(dst)
    }

    /// A copy converted to element type `U`, as NumPy's `astype` (a new
    /// buffer even when `U` is `T`). Conversions follow NumPy on x86-64: see
    /// the module notes on float to integer conversion.
    pub fn astype<U: Element>(&self) -> Result<Array<U>> {
        let name = "astype";
        let inputs = [Input::of(name, Operand::Array(self), self.shape())?];
        let dst = output::<U>(name, self.device(), self.shape(), &inputs, None)?;
        let key = format!("astype.{}", U::DTYPE.tag());
        let (expr, helpers) = cast_expr(T::DTYPE, U::DTYPE, "x0");
        run_map(name, &key, &inputs, &dst, &expr, &helpers)?;
        Ok(dst)
    }
}

impl<T: Float> Array<T> {
    unary_methods! {
        /// Square root.
        sqrt => Sqrt,
        /// e^x. float16 and float32 use WGSL's builtin; float64 computes in
        /// software (within 1 ulp of NumPy in the tests), like `log`,
        /// `sin`, `cos`, `tanh` and float64 `pow`.
        exp => Exp,
        /// Natural logarithm.
        log => Log,
        /// Sine.
        sin => Sin,
        /// Cosine.
        cos => Cos,
        /// Hyperbolic tangent.
        tanh => Tanh,
    }
}
