//! Element-wise arithmetic through strides: unary and binary operations,
//! comparisons, logical operations, `where`, `clip` and `astype`, with
//! NumPy's broadcasting between any layouts (negative, zero and odd
//! strides, offsets) and no input ever copied to make it contiguous.
//!
//! Every operation is one generated kernel (`codegen::map`) over the
//! broadcast shape. Before launching, the launcher reorders, flips and
//! merges axes (see `kernels.rs`), so contiguous operands run as one long
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

use std::ops;
use std::sync::Arc;

use crate::array::Array;
use crate::kernels::codegen::{self, Access, Binding, MapInput};
use crate::runtime::{Device, Storage};
use crate::dtype::{DType, Element, Float};
use crate::error::{Error, Result};
use crate::kernels::float_wgsl::{
    divmod_helpers, f64_math_helpers, float_bits_helpers, isnan_helper, max_min_helpers, nan,
};
use crate::kernels::Launch;
use crate::layout::{Layout, Order, broadcast_shapes, overlap};

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

// ----- the engine --------------------------------------------------------------

/// A type-erased input of a map.
#[derive(Clone)]
enum Input {
    Array {
        dtype: DType,
        storage: Arc<Storage>,
        /// Already broadcast to the output shape.
        layout: Layout,
    },
    Scalar {
        dtype: DType,
        bits: u64,
    },
}

impl Input {
    fn of<T: Element>(op: &'static str, o: Operand<'_, T>, shape: &[usize]) -> Result<Input> {
        Ok(match o {
            Operand::Array(a) => Input::Array {
                dtype: T::DTYPE,
                storage: a.storage().clone(),
                layout: a
                    .layout()
                    .broadcast_to(shape)
                    .map_err(|_| Error::BroadcastShapes {
                        op,
                        a: a.shape().into(),
                        b: shape.into(),
                    })?,
            },
            Operand::Scalar(v) => Input::Scalar {
                dtype: T::DTYPE,
                bits: v.to_bits(),
            },
        })
    }
}

fn shape_of<'a, T: Element>(o: &Operand<'a, T>) -> Option<&'a [usize]> {
    match o {
        Operand::Array(a) => Some(a.shape()),
        Operand::Scalar(_) => None,
    }
}

fn device_of<'a, T: Element>(o: &Operand<'a, T>) -> Option<&'a Device> {
    match o {
        Operand::Array(a) => Some(a.device()),
        Operand::Scalar(_) => None,
    }
}

/// The broadcast shape of some operands (scalars count as 0-d).
fn result_shape(op: &'static str, shapes: &[Option<&[usize]>]) -> Result<Vec<usize>> {
    let mut out: Vec<usize> = Vec::new();
    for s in shapes.iter().flatten() {
        out = broadcast_shapes(&out, s)
            .map_err(|_| Error::BroadcastShapes {
                op,
                a: out.as_slice().into(),
                b: (*s).into(),
            })?
            .to_vec();
    }
    Ok(out)
}

/// A fresh contiguous layout of `shape` whose axes are in the memory order
/// of `template` (NumPy's `order='K'` for a ufunc output: `a.T + 1` is
/// F-contiguous like `a.T`). Zero-stride and length-1 axes do not vote.
fn layout_like(shape: &[usize], template: Option<&Layout>) -> Result<Layout> {
    let Some(t) = template else {
        return Layout::contiguous(shape, Order::C);
    };
    let nd = shape.len();
    let mut perm: Vec<usize> = (0..nd).collect();
    // Outermost first: larger |stride| first; axes that do not vote keep
    // their relative place by sorting with key 0 only among themselves.
    let key = |k: usize| {
        if shape[k] <= 1 || t.strides()[k] == 0 {
            None
        } else {
            Some(t.strides()[k].unsigned_abs())
        }
    };
    if (0..nd).filter_map(key).count() < 2 {
        return Layout::contiguous(shape, Order::C);
    }
    perm.sort_by(|&a, &b| match (key(a), key(b)) {
        (Some(x), Some(y)) => y.cmp(&x),
        _ => a.cmp(&b),
    });
    let permuted: Vec<usize> = perm.iter().map(|&k| shape[k]).collect();
    let c = Layout::contiguous(&permuted, Order::C)?;
    let mut strides = vec![0isize; nd];
    for (pos, &k) in perm.iter().enumerate() {
        strides[k] = c.strides()[pos];
    }
    Layout::new(shape, &strides, 0)
}

/// Copies an array input into a fresh C-contiguous buffer (used when it
/// overlaps the destination in a way one kernel cannot handle).
fn stage(device: &Device, op: &'static str, input: &Input) -> Result<Input> {
    let Input::Array {
        dtype,
        storage,
        layout,
    } = input
    else {
        return Ok(input.clone());
    };
    crate::layout::bounds::check_shape(op, layout.shape(), dtype.itemsize())?;
    let fresh = Layout::contiguous(layout.shape(), Order::C)?;
    let tmp = device.alloc(op, (fresh.size() * dtype.itemsize()) as u64)?;
    device.launch(&Launch {
        op,
        program: &codegen::copy(*dtype, false),
        shape: layout.shape(),
        buffers: &[storage, &tmp],
        operands: &[(layout.strides(), layout.offset()), (fresh.strides(), 0)],
        scalars: [0; 4],
    })?;
    Ok(Input::Array {
        dtype: *dtype,
        storage: tmp,
        layout: fresh,
    })
}

/// Runs `expr` over `inputs` into `out` (whose shape the inputs are
/// broadcast to already). `name` identifies `expr` and `helpers`.
fn run_map<U: Element>(
    op: &'static str,
    name: &str,
    inputs: &[Input],
    out: &Array<U>,
    expr: &str,
    helpers: &str,
) -> Result<()> {
    let device = out.device();
    let out_store = out.storage();
    let mut staged: Vec<Input> = Vec::with_capacity(inputs.len());
    for inp in inputs {
        if let Input::Array {
            dtype,
            storage,
            layout,
        } = inp
        {
            if storage.device != *device {
                return Err(Error::DeviceMismatch { op });
            }
            if Arc::ptr_eq(storage, out_store) && layout != out.layout() {
                // Same buffer, not element for element: if the elements
                // overlap, the input must be read in full first.
                if overlap::must_stage(out.layout(), U::DTYPE.itemsize(), layout, dtype.itemsize())
                {
                    staged.push(stage(device, op, inp)?);
                    continue;
                }
            }
        }
        staged.push(inp.clone());
    }
    if out.size() == 0 {
        return Ok(());
    }

    let mut bindings: Vec<Binding> = Vec::new();
    let mut buffers: Vec<&Storage> = Vec::new();
    let mut map_inputs = Vec::with_capacity(staged.len());
    let mut operands: Vec<(&[isize], usize)> = Vec::new();
    let mut scalars = [0u32; 4];
    let mut slot = 0;
    // The output's binding goes last; inputs in its buffer share it.
    let out_binding = staged
        .iter()
        .filter(|i| matches!(i, Input::Array { storage, .. } if !Arc::ptr_eq(storage, out_store)))
        .count();
    for inp in &staged {
        match inp {
            Input::Array {
                dtype,
                storage,
                layout,
            } => {
                let binding = if Arc::ptr_eq(storage, out_store) {
                    out_binding
                } else {
                    bindings.push(Binding {
                        dtype: *dtype,
                        access: Access::Read,
                    });
                    buffers.push(storage);
                    bindings.len() - 1
                };
                map_inputs.push(MapInput::Array {
                    dtype: *dtype,
                    binding,
                });
                operands.push((layout.strides(), layout.offset()));
            }
            Input::Scalar { dtype, bits } => {
                if slot >= 4 {
                    return Err(Error::InvalidArgument {
                        op,
                        reason: "more than two scalar operands".into(),
                    });
                }
                let words = codegen::scalar_words(*dtype, *bits);
                scalars[slot] = words[0];
                scalars[slot + 1] = words[1];
                map_inputs.push(MapInput::Scalar {
                    dtype: *dtype,
                    slot,
                });
                slot += 2;
            }
        }
    }
    bindings.push(Binding {
        dtype: U::DTYPE,
        access: Access::Write,
    });
    buffers.push(out_store);
    operands.push((out.strides(), out.offset()));
    let program = codegen::map(name, &map_inputs, &bindings, out_binding, expr, helpers);
    device.launch(&Launch {
        op,
        program: &program,
        shape: out.shape(),
        buffers: &buffers,
        operands: &operands,
        scalars,
    })
}

/// Allocates the output of an operation over `inputs` (NumPy's order 'K'
/// from the first array input that is not broadcast) or checks a given
/// `out` (writeable, same device, the broadcast shape).
fn output<U: Element>(
    op: &'static str,
    device: &Device,
    shape: &[usize],
    inputs: &[Input],
    out: Option<&Array<U>>,
) -> Result<Array<U>> {
    match out {
        Some(o) => {
            o.check_writeable(op)?;
            o.check_device(op, device)?;
            if o.shape() != shape {
                return Err(Error::ShapeMismatch {
                    op,
                    a: o.shape().into(),
                    b: shape.into(),
                });
            }
            Ok(o.clone())
        }
        None => {
            let template = inputs.iter().find_map(|i| match i {
                Input::Array { layout, .. } if !layout.has_zero_stride() => Some(layout),
                _ => None,
            });
            let layout = layout_like(shape, template)?;
            let fresh = Array::<U>::alloc(device, op, shape, Order::C)?;
            Ok(Array::owner(fresh.storage().clone(), layout))
        }
    }
}

/// The device of the first array operand, or an error when there is none.
fn pick_device<'a>(op: &'static str, devices: &[Option<&'a Device>]) -> Result<&'a Device> {
    devices
        .iter()
        .flatten()
        .next()
        .copied()
        .ok_or(Error::InvalidArgument {
            op,
            reason: "at least one operand must be an array".into(),
        })
}

fn unsupported(op: &'static str, d: DType, reason: &'static str) -> Error {
    Error::DTypeNotSupported {
        op,
        dtype: d.name(),
        reason,
    }
}

// ----- WGSL for each operation --------------------------------------------------

fn unary_expr(op: UnaryOp, d: DType) -> Result<(String, String)> {
    let ct = d.compute_type();
    let name = unary_name(op);
    let float = d.is_float();
    let e = match op {
        UnaryOp::Neg => match d {
            DType::Bool => return Err(unsupported(name, d, "NumPy does not negate booleans")),
            _ if d.is_unsigned_int() => format!("{ct}(0) - x0"),
            _ => "-x0".into(),
        },
        UnaryOp::Abs => match d {
            DType::Bool => "x0".into(),
            _ if d.is_unsigned_int() => "x0".into(),
            _ => "abs(x0)".into(),
        },
        UnaryOp::Sign => match d {
            DType::Bool => return Err(unsupported(name, d, "NumPy has no sign for booleans")),
            _ if d.is_unsigned_int() => format!("select({ct}(0), {ct}(1), x0 > {ct}(0))"),
            _ if float => {
                return Ok((
                    format!(
                        "select(select(select({ct}(0), {ct}(1), x0 > {ct}(0)), {ct}(-1), x0 < {ct}(0)), x0, op_isnan(x0))"
                    ),
                    isnan_helper(ct),
                ));
            }
            _ => format!("select(select({ct}(0), {ct}(1), x0 > {ct}(0)), {ct}(-1), x0 < {ct}(0))"),
        },
        UnaryOp::Floor | UnaryOp::Ceil | UnaryOp::Round | UnaryOp::Trunc => {
            let f = unary_name(op);
            match d {
                DType::Bool => return Err(unsupported(name, d, "NumPy has no loop for booleans")),
                // On the bits: lavapipe's float64 round is not half to even
                // on AVX2 machines (see float_wgsl.rs).
                _ if float => return Ok((format!("op_{f}(x0)"), float_bits_helpers(ct))),
                // NumPy 2 keeps integers as they are.
                _ => "x0".into(),
            }
        }
        UnaryOp::Sqrt => "sqrt(x0)".into(),
        UnaryOp::Exp | UnaryOp::Log | UnaryOp::Sin | UnaryOp::Cos | UnaryOp::Tanh => {
            if d == DType::F64 {
                // Vulkan's GLSL.std.450 defines these for 16/32-bit floats
                // only: float64 computes them in software.
                return Ok((format!("m64_{name}(x0)"), f64_math_helpers()));
            }
            if op == UnaryOp::Tanh {
                // GL's tanh (llvmpipe through EGL) gives -1 for NaN.
                return Ok((
                    "select(tanh(x0), x0, op_isnan(x0))".into(),
                    isnan_helper(ct),
                ));
            }
            format!("{name}(x0)")
        }
    };
    Ok((e, String::new()))
}

fn unary_name(op: UnaryOp) -> &'static str {
    match op {
        UnaryOp::Neg => "negative",
        UnaryOp::Abs => "abs",
        UnaryOp::Sign => "sign",
        UnaryOp::Floor => "floor",
        UnaryOp::Ceil => "ceil",
        UnaryOp::Round => "round",
        UnaryOp::Trunc => "trunc",
        UnaryOp::Sqrt => "sqrt",
        UnaryOp::Exp => "exp",
        UnaryOp::Log => "log",
        UnaryOp::Sin => "sin",
        UnaryOp::Cos => "cos",
        UnaryOp::Tanh => "tanh",
    }
}

fn binary_name(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Add => "add",
        BinaryOp::Sub => "subtract",
        BinaryOp::Mul => "multiply",
        BinaryOp::Div => "divide",
        BinaryOp::FloorDivide => "floor_divide",
        BinaryOp::Rem => "remainder",
        BinaryOp::Pow => "power",
        BinaryOp::Maximum => "maximum",
        BinaryOp::Minimum => "minimum",
    }
}

/// (expression, helper functions) of a binary operation on dtype `d`.
fn binary_expr(op: BinaryOp, d: DType) -> Result<(String, String)> {
    let ct = d.compute_type();
    let name = binary_name(op);
    let float = d.is_float();
    let signed = d.is_signed_int();
    if d == DType::Bool {
        return Ok(match op {
            BinaryOp::Add | BinaryOp::Maximum => ("x0 || x1".into(), String::new()),
            BinaryOp::Mul | BinaryOp::Minimum => ("x0 && x1".into(), String::new()),
            _ => {
                return Err(unsupported(
                    name,
                    d,
                    "NumPy has no boolean loop for this operation",
                ));
            }
        });
    }
    let floor_div_int = |signed: bool| {
        let adjust = if signed {
            format!(
                "    if ((q * b != a) && ((a < {ct}(0)) != (b < {ct}(0)))) {{\n        return q - {ct}(1);\n    }}\n"
            )
        } else {
            String::new()
        };
        format!(
            "fn op_floor_div(a: {ct}, b: {ct}) -> {ct} {{\n    if (b == {ct}(0)) {{\n        return {ct}(0);\n    }}\n    let q = a / b;\n{adjust}    return q;\n}}\n"
        )
    };
    Ok(match op {
        BinaryOp::Add => ("x0 + x1".into(), String::new()),
        BinaryOp::Sub => ("x0 - x1".into(), String::new()),
        BinaryOp::Mul => ("x0 * x1".into(), String::new()),
        BinaryOp::Div if float => ("x0 / x1".into(), String::new()),
        BinaryOp::FloorDivide if float => ("op_divmod(x0, x1).x".into(), divmod_helpers(ct)),
        BinaryOp::Div | BinaryOp::FloorDivide => {
            ("op_floor_div(x0, x1)".into(), floor_div_int(signed))
        }
        BinaryOp::Rem if float => ("op_divmod(x0, x1).y".into(), divmod_helpers(ct)),
        BinaryOp::Rem => {
            let body = if signed {
                format!(
                    "fn op_rem(a: {ct}, b: {ct}) -> {ct} {{\n    if (b == {ct}(0)) {{\n        return {ct}(0);\n    }}\n    let r = a - (a / b) * b;\n    if (r != {ct}(0) && ((r < {ct}(0)) != (b < {ct}(0)))) {{\n        return r + b;\n    }}\n    return r;\n}}\n"
                )
            } else {
                format!(
                    "fn op_rem(a: {ct}, b: {ct}) -> {ct} {{\n    if (b == {ct}(0)) {{\n        return {ct}(0);\n    }}\n    return a % b;\n}}\n"
                )
            };
            ("op_rem(x0, x1)".into(), body)
        }
        BinaryOp::Pow if float => {
            // float64 has no pow builtin on Vulkan: |a|^b comes from the
            // software exp/log (float_bits_helpers come with them).
            let (bits, core) = if d == DType::F64 {
                (f64_math_helpers(), "m64_pow_pos(ab, b)")
            } else {
                (float_bits_helpers(ct), "pow(ab, b)")
            };
            // C99's pow: the special values first, then |a|^b with the sign
            // of a negative base raised to an odd integer.
            let body = format!(
                "{bits}\
fn op_pow(a: {ct}, b: {ct}) -> {ct} {{
    if (b == {ct}(0) || a == {ct}(1)) {{
        return {ct}(1);
    }}
    if (op_isnan(a) || op_isnan(b)) {{
        return {nan};
    }}
    let ab = abs(a);
    let integral = b == op_floor(b);
    let half = b * {ct}(0.5);
    let odd = integral && !op_isinf(b) && half != op_floor(half);
    if (a < {ct}(0) && !integral && !op_isinf(a)) {{
        return {nan};
    }}
    // GLSL's pow is undefined at a zero base and imprecise at infinities:
    // give C99's values there directly.
    var m: {ct};
    if (ab == {ct}(1)) {{
        m = {ct}(1);
    }} else if (ab == {ct}(0)) {{
        m = select({ct}(0), op_inf(), b < {ct}(0));
    }} else if (op_isinf(ab)) {{
        m = select({ct}(0), op_inf(), b > {ct}(0));
    }} else if (op_isinf(b)) {{
        m = select({ct}(0), op_inf(), (ab > {ct}(1)) == (b > {ct}(0)));
    }} else {{
        m = {core};
    }}
    return select(m, -m, odd && op_signbit(a));
}}
",
                nan = nan(ct)
            );
            ("op_pow(x0, x1)".into(), body)
        }
        BinaryOp::Pow => {
            // Exponentiation by squaring. A negative exponent is refused
            // before launch (`check_integer_exponents`), as in NumPy; should
            // one get here, it gives 1/a^|b| truncated, never garbage.
            let negative = if signed {
                format!(
                    "    if (b < {ct}(0)) {{\n        if (a == {ct}(1)) {{\n            return {ct}(1);\n        }}\n        if (a == {ct}(-1)) {{\n            return select({ct}(1), {ct}(-1), (b & {ct}(1)) != {ct}(0));\n        }}\n        return {ct}(0);\n    }}\n"
                )
            } else {
                String::new()
            };
            let body = format!(
                "fn op_pow(a: {ct}, b: {ct}) -> {ct} {{\n{negative}    var base = a;\n    var e = b;\n    var r = {ct}(1);\n    loop {{\n        if (e == {ct}(0)) {{\n            break;\n        }}\n        if ((e & {ct}(1)) != {ct}(0)) {{\n            r = r * base;\n        }}\n        base = base * base;\n        e = e >> 1u;\n    }}\n    return r;\n}}\n"
            );
            ("op_pow(x0, x1)".into(), body)
        }
        BinaryOp::Maximum if float => ("op_max(x0, x1)".into(), max_min_helpers(d)),
        BinaryOp::Minimum if float => ("op_min(x0, x1)".into(), max_min_helpers(d)),
        BinaryOp::Maximum => ("max(x0, x1)".into(), String::new()),
        BinaryOp::Minimum => ("min(x0, x1)".into(), String::new()),
    })
}

fn compare_expr(op: CompareOp, d: DType) -> String {
    let sym = match op {
        CompareOp::Eq => "==",
        CompareOp::Ne => "!=",
        CompareOp::Lt => "<",
        CompareOp::Le => "<=",
        CompareOp::Gt => ">",
        CompareOp::Ge => ">=",
    };
    if d == DType::Bool {
        // WGSL orders no bools: compare them as 0/1.
        format!("select(0u, 1u, x0) {sym} select(0u, 1u, x1)")
    } else if op == CompareOp::Ne {
        // Ordered `!=` is false for NaN on some backends; NumPy's is true.
        "!(x0 == x1)".to_string()
    } else {
        format!("x0 {sym} x1")
    }
}

/// Truth value of `x` (non-zero; NaN is true). Written as `!(x == 0)`:
/// an ordered `!=` would call NaN false on some backends.
fn truth(d: DType, x: &str) -> String {
    if d == DType::Bool {
        x.to_string()
    } else {
        format!("!({x} == {}(0))", d.compute_type())
    }
}

/// (expression, helpers) converting `x` from the compute type of `from` to
/// that of `to`, as NumPy's `astype` does on x86-64: bool is 0/1 one way and
/// `!= 0` the other; integers wrap; floats truncate toward zero, and a float
/// out of a signed target's range (or NaN) gives its minimum, as the x86
/// conversion instruction does; negative floats reach unsigned targets
/// through the signed conversion (-1.0 becomes 255 as uint8).
fn cast_expr(from: DType, to: DType, x: &str) -> (String, String) {
    let (cf, ct) = (from.compute_type(), to.compute_type());
    if cf == ct {
        return (x.to_string(), String::new());
    }
    if from == DType::Bool {
        return (format!("select({ct}(0), {ct}(1), {x})"), String::new());
    }
    if to == DType::Bool {
        return (truth(from, x), String::new());
    }
    if cf == "u32" && ct == "i64" {
        // Zero-extend: naga's i64(u32) sign-extends.
        return (format!("bitcast<i64>(u64({x}))"), String::new());
    }
    if from.is_signed_int() && ct == "u64" && cf == "i32" {
        // Sign-extend first: NumPy's int32 -1 is uint64 2^64 - 1.
        return (format!("bitcast<u64>(i64({x}))"), String::new());
    }
    if !from.is_float() || to.is_float() {
        return (format!("{ct}({x})"), String::new());
    }
    // float -> integer
    let wide = matches!(to, DType::I64 | DType::U64);
    let (it, limit, min) = if wide {
        (
            "i64",
            "9223372036854775808.0",
            "i64(-9223372036854775807li - 1li)",
        )
    } else {
        ("i32", "2147483648.0", "i32(-2147483647 - 1)")
    };
    // Where C leaves the result undefined (NaN, infinities, values outside
    // the integer range), NumPy on x86 gives what the SSE conversions give:
    // "integer indefinite" (the most negative i32/i64) for signed targets
    // and, through int32, for int8/16 and uint8/16; uint32/uint64 convert
    // values from 2^31/2^63 up as (x - 2^31/2^63) with the top bit set.
    // ndgpu does the same, so the driver's own conversion never sees a
    // value it may leave undefined, and the results are NumPy's (x86).
    // NaN is tested on the bits: comparisons with NaN are not trustworthy
    // on every backend.
    let mut helper = isnan_helper(cf);
    helper.push_str(&format!(
        "fn op_f2i(v: {cf}) -> {it} {{\n    if (op_isnan(v) || !(abs(v) < {cf}({limit}))) {{\n        return {min};\n    }}\n    return {it}(v);\n}}\n"
    ));
    let e = if to.is_signed_int() {
        format!("op_f2i({x})")
    } else if matches!(to, DType::U8 | DType::U16) {
        format!("bitcast<u32>(op_f2i({x}))")
    } else {
        let (ut, half, top) = if wide {
            ("u64", "9223372036854775808.0", "0x8000000000000000lu")
        } else {
            ("u32", "2147483648.0", "0x80000000u")
        };
        helper.push_str(&format!(
            "fn op_f2u(v: {cf}) -> {ut} {{\n    if (!op_isnan(v) && v >= {cf}({half})) {{\n        return bitcast<{ut}>(op_f2i(v - {cf}({half}))) ^ {top};\n    }}\n    return bitcast<{ut}>(op_f2i(v));\n}}\n"
        ));
        format!("op_f2u({x})")
    };
    (e, helper)
}

// ----- public API ----------------------------------------------------------------

/// Applies a unary operation, into a new array or into `out`.
pub fn unary<T: Element>(
    op: UnaryOp,
    a: &Array<T>,
    out: Option<&Array<T>>,
) -> Result<Option<Array<T>>> {
    let name = unary_name(op);
    let (expr, helpers) = unary_expr(op, T::DTYPE)?;
    let inputs = [Input::of(name, Operand::Array(a), a.shape())?];
    let shape = a.shape().to_vec();
    let dst = output(name, a.device(), &shape, &inputs, out)?;
    run_map(name, name, &inputs, &dst, &expr, &helpers)?;
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
    let (expr, helpers) = binary_expr(op, T::DTYPE)?;
    if op == BinaryOp::Pow && T::DTYPE.is_signed_int() {
        check_integer_exponents(name, &b)?;
    }
    let inputs = [Input::of(name, a, &shape)?, Input::of(name, b, &shape)?];
    let dst = output(name, device, &shape, &inputs, out)?;
    run_map(name, name, &inputs, &dst, &expr, &helpers)?;
    Ok(if out.is_some() { None } else { Some(dst) })
}

/// NumPy refuses a signed integer raised to a negative integer power
/// ("Integers to negative integer powers are not allowed"); so does
/// ndgpu, before launching. An array of exponents is checked with a `min`
/// reduction read back to the host, which waits for the device.
fn check_integer_exponents<T: Element>(op: &'static str, b: &Operand<'_, T>) -> Result<()> {
    let least = match b {
        Operand::Scalar(v) => v.to_i128(),
        Operand::Array(e) if e.size() == 0 => return Ok(()),
        Operand::Array(e) => e.min(None, false)?.item()?.to_i128(),
    };
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

// ----- operators -----------------------------------------------------------------

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_on_every_dtype_validates_with_naga() {
        use crate::kernels::codegen::tests::validate;
        for d in DType::ALL {
            let bind = |n: usize, out: DType| {
                let mut b: Vec<Binding> = (0..n)
                    .map(|_| Binding {
                        dtype: d,
                        access: Access::Read,
                    })
                    .collect();
                b.push(Binding {
                    dtype: out,
                    access: Access::Write,
                });
                b
            };
            let arr = |k: usize| MapInput::Array {
                dtype: d,
                binding: k,
            };
            for op in [
                UnaryOp::Neg,
                UnaryOp::Abs,
                UnaryOp::Sign,
                UnaryOp::Floor,
                UnaryOp::Ceil,
                UnaryOp::Round,
                UnaryOp::Trunc,
                UnaryOp::Sqrt,
                UnaryOp::Exp,
                UnaryOp::Log,
                UnaryOp::Sin,
                UnaryOp::Cos,
                UnaryOp::Tanh,
            ] {
                let float_only = matches!(
                    op,
                    UnaryOp::Sqrt
                        | UnaryOp::Exp
                        | UnaryOp::Log
                        | UnaryOp::Sin
                        | UnaryOp::Cos
                        | UnaryOp::Tanh
                );
                if float_only && !d.is_float() {
                    continue;
                }
                if let Ok((e, h)) = unary_expr(op, d) {
                    validate(&codegen::map(
                        unary_name(op),
                        &[arr(0)],
                        &bind(1, d),
                        1,
                        &e,
                        &h,
                    ));
                }
            }
            for op in [
                BinaryOp::Add,
                BinaryOp::Sub,
                BinaryOp::Mul,
                BinaryOp::Div,
                BinaryOp::FloorDivide,
                BinaryOp::Rem,
                BinaryOp::Pow,
                BinaryOp::Maximum,
                BinaryOp::Minimum,
            ] {
                if let Ok((e, h)) = binary_expr(op, d) {
                    validate(&codegen::map(
                        binary_name(op),
                        &[arr(0), arr(1)],
                        &bind(2, d),
                        2,
                        &e,
                        &h,
                    ));
                    // with a scalar right-hand side
                    let sc = MapInput::Scalar { dtype: d, slot: 0 };
                    validate(&codegen::map(
                        binary_name(op),
                        &[arr(0), sc],
                        &bind(1, d),
                        1,
                        &e,
                        &h,
                    ));
                }
            }
            for op in [CompareOp::Eq, CompareOp::Lt, CompareOp::Ge] {
                validate(&codegen::map(
                    "cmp",
                    &[arr(0), arr(1)],
                    &bind(2, DType::Bool),
                    2,
                    &compare_expr(op, d),
                    "",
                ));
            }
            for to in DType::ALL {
                let (e, h) = cast_expr(d, to, "x0");
                validate(&codegen::map("astype", &[arr(0)], &bind(1, to), 1, &e, &h));
            }
        }
    }

    #[test]
    fn ufunc_outputs_keep_the_inputs_memory_order() {
        // NumPy: (a.T + 1) is F-contiguous for a C-contiguous 2-D a;
        // a.transpose(1, 0, 2) + 1 keeps that permutation's order.
        let a = Layout::contiguous(&[3, 4], Order::C).unwrap();
        let l = layout_like(&[4, 3], Some(&a.t())).unwrap();
        assert!(l.is_f_contiguous() && !l.is_c_contiguous());
        let b = Layout::contiguous(&[2, 3, 4], Order::C)
            .unwrap()
            .permute(&[1, 0, 2])
            .unwrap();
        let l = layout_like(b.shape(), Some(&b)).unwrap();
        assert_eq!(l.strides(), &[4, 12, 1]);
        // broadcast or 1-D templates give C order
        let l = layout_like(&[2, 3], None).unwrap();
        assert!(l.is_c_contiguous());
    }
}
