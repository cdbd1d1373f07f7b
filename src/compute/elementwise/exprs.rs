//! The WGSL expression of each element-wise operation for each dtype, with
//! the helper functions it needs (NumPy's semantics on the bits where the
//! driver cannot be trusted).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use super::*;

pub(super) fn unary_expr(op: UnaryOp, d: DType) -> Result<(String, String)> {
    let ct = d.compute_type();
    let name = unary_name(op);
    let float = d.is_float();
    let e = match op {
        UnaryOp::Neg => match d {
            DType::Bool => return Err(unsupported(name, d, "NumPy does not negate booleans")),
            _ if d.is_unsigned_int() => format!("{ct}(0) - x0"),
            // On the bits: a driver that flushes f32 subnormals to zero
            // (WGSL allows it; SwiftShader does) gives -0.0 for -1e-45.
            _ if ct == "f32" => "bitcast<f32>(bitcast<u32>(x0) ^ 0x80000000u)".into(),
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
            // On the bits for f32: a driver that flushes subnormals to zero
            // would give sign(1e-45) = 0 (NumPy: 1).
            _ if ct == "f32" => {
                return Ok((
                    "op_sign(x0)".into(),
                    "fn op_sign(v: f32) -> f32 {\n    let m = bitcast<u32>(v) & 0x7fffffffu;\n    if (m > 0x7f800000u) {\n        return v;\n    }\n    if (m == 0u) {\n        return f32(0);\n    }\n    return select(f32(1), f32(-1), (bitcast<u32>(v) >> 31u) != 0u);\n}\n".into(),
                ));
            }
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
                // GL's tanh (llvmpipe through EGL) gives -1 for NaN, and
                // SwiftShader's gives NaN for large |x| (100.25, 3.4e38,
                // inf: e^2x overflows). In f32 tanh(x) rounds to +-1 from
                // |x| > 9.02 on, so |x| >= 10 gives sign(x).
                return Ok((
                    format!(
                        "select(select(tanh(x0), sign(x0), abs(x0) >= {ct}(10)), x0, op_isnan(x0))"
                    ),
                    isnan_helper(ct),
                ));
            }
            if op == UnaryOp::Exp {
                // SwiftShader's exp gives inf for NaN.
                return Ok(("select(exp(x0), x0, op_isnan(x0))".into(), isnan_helper(ct)));
            }
            if op == UnaryOp::Log {
                // WGSL leaves log outside (0, inf] indeterminate:
                // SwiftShader gives log|x| for negative x and -88.03 for
                // zero; NumPy gives NaN and -inf. Zero and the sign are read
                // from the bits, so -1e-45 is negative even where the
                // driver flushes subnormals to zero.
                let mut h = isnan_helper(ct);
                h.push_str(&format!(
                    "fn op_log(v: {ct}) -> {ct} {{\n    let u = bitcast<u32>(v);\n    if (op_isnan(v)) {{\n        return v;\n    }}\n    if ((u & 0x7fffffffu) == 0u) {{\n        return bitcast<f32>(0xff800000u);\n    }}\n    if ((u >> 31u) != 0u) {{\n        return {nan};\n    }}\n    return log(v);\n}}\n",
                    nan = nan(ct)
                ));
                return Ok(("op_log(x0)".into(), h));
            }
            format!("{name}(x0)")
        }
    };
    Ok((e, String::new()))
}

pub(super) fn unary_name(op: UnaryOp) -> &'static str {
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

pub(super) fn binary_name(op: BinaryOp) -> &'static str {
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

/// [`binary_expr`] as shared text, cached per operation and dtype (every
/// operation of a fused chain would otherwise build and copy its strings).
pub(super) fn binary_text(op: BinaryOp, d: DType) -> Result<OpText> {
    static CACHE: OnceLock<Mutex<HashMap<(BinaryOp, DType), OpText>>> = OnceLock::new();
    cached(&CACHE, (op, d), || {
        let (expr, helpers) = binary_expr(op, d)?;
        Ok((binary_name(op), expr, helpers))
    })
}

/// [`unary_expr`] as shared text, cached like [`binary_text`].
pub(super) fn unary_text(op: UnaryOp, d: DType) -> Result<OpText> {
    static CACHE: OnceLock<Mutex<HashMap<(UnaryOp, DType), OpText>>> = OnceLock::new();
    cached(&CACHE, (op, d), || {
        let (expr, helpers) = unary_expr(op, d)?;
        Ok((unary_name(op), expr, helpers))
    })
}

/// The text under `key` in `cache`, made by `make` (name, expression,
/// helpers) the first time. An error is returned, never cached.
fn cached<K: std::hash::Hash + Eq>(
    cache: &OnceLock<Mutex<HashMap<K, OpText>>>,
    key: K,
    make: impl FnOnce() -> Result<(&'static str, String, String)>,
) -> Result<OpText> {
    let cache = cache.get_or_init(Default::default);
    if let Some(t) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(t.clone());
    }
    let (name, expr, helpers) = make()?;
    let text = OpText {
        name: name.into(),
        expr: expr.into(),
        helpers: helpers.into(),
    };
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, text.clone());
    Ok(text)
}

/// (expression, helper functions) of a binary operation on dtype `d`.
pub(super) fn binary_expr(op: BinaryOp, d: DType) -> Result<(String, String)> {
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

pub(super) fn compare_expr(op: CompareOp, d: DType) -> String {
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
/// Floats held in f32 are tested on the bits: a driver that flushes
/// subnormals to zero (WGSL allows it; SwiftShader does) would call 1e-45
/// false.
pub(super) fn truth(d: DType, x: &str) -> String {
    if d == DType::Bool {
        x.to_string()
    } else if d.compute_type() == "f32" {
        format!("((bitcast<u32>({x}) & 0x7fffffffu) != 0u)")
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
pub(super) fn cast_expr(from: DType, to: DType, x: &str) -> (String, String) {
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
