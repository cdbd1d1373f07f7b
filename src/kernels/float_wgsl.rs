//! WGSL helpers for floats, computed on the bits rather than trusted to the
//! driver: NaN and infinity tests, the sign bit, copysign, floor, ceil,
//! trunc and round-half-to-even, NumPy's maximum/minimum, an exact `fmod`
//! with NumPy's `divmod`, and the software float64 transcendentals.
//!
//! Why on the bits: WGSL lets implementations assume floats are never NaN
//! (lavapipe's `x != x` is false for NaN; GL's `x > NaN` is true), and a
//! driver's float functions differ between machines: lavapipe JIT-compiles
//! for the host CPU, and its float64 `round` rounds half away from zero on
//! AVX2 machines (0.5 -> 1, NumPy 0) while it is right on AVX-512 ones. The
//! rounding functions here use only integer operations and exact float
//! additions, so every device gives NumPy's answer.

use crate::dtype::DType;

/// A NaN of compute type `ct` that is not a constant expression (a literal
/// 0.0 / 0.0 would be rejected when the shader is created).
pub(crate) fn nan(ct: &str) -> &'static str {
    if ct == "f64" {
        "bitcast<f64>(0x7ff8000000000000lu)"
    } else {
        "bitcast<f32>(0x7fc00000u)"
    }
}

/// A NaN test on the bits: WGSL lets implementations assume floats are
/// never NaN, and lavapipe's `x != x` is false for NaN, so comparisons
/// cannot be trusted to find one.
pub(crate) fn isnan_helper(ct: &str) -> String {
    if ct == "f64" {
        "fn op_isnan(v: f64) -> bool {\n    return (bitcast<u64>(v) & 0x7ffffffffffffffflu) > 0x7ff0000000000000lu;\n}\n".into()
    } else {
        "fn op_isnan(v: f32) -> bool {\n    return (bitcast<u32>(v) & 0x7fffffffu) > 0x7f800000u;\n}\n".into()
    }
}

/// Bit-level helpers on floats of compute type `ct` (f32 or f64): NaN and
/// infinity tests, the sign bit, and copysign.
pub(crate) fn float_bits_helpers(ct: &str) -> String {
    let (ut, abs_mask, inf, shift) = if ct == "f64" {
        ("u64", "0x7ffffffffffffffflu", "0x7ff0000000000000lu", "63u")
    } else {
        ("u32", "0x7fffffffu", "0x7f800000u", "31u")
    };
    format!(
        "{isnan}fn op_isinf(v: {ct}) -> bool {{\n    return (bitcast<{ut}>(v) & {abs_mask}) == {inf};\n}}\n\
         fn op_signbit(v: {ct}) -> bool {{\n    return (bitcast<{ut}>(v) >> {shift}) != {ut}(0);\n}}\n\
         fn op_copysign(m: {ct}, s: {ct}) -> {ct} {{\n    return select(abs(m), -abs(m), op_signbit(s));\n}}\n\
         fn op_inf() -> {ct} {{\n    return bitcast<{ct}>({inf});\n}}\n{rounding}",
        isnan = isnan_helper(ct),
        rounding = rounding_helpers(ct)
    )
}

/// `op_floor`, `op_ceil`, `op_trunc` and `op_round` (half to even, NumPy's
/// `round`) for compute type `ct`, on the bits: the fraction bits are
/// masked off, and the integer part moves by one where the mode says (an
/// exact addition: its magnitude is at least 1 and below 2^52, or 2^23).
/// The sign of zero is kept (floor(-0.0) = -0.0, ceil(-0.5) = -0.0,
/// round(-0.5) = -0.0); NaN and infinities pass through.
pub(crate) fn rounding_helpers(ct: &str) -> String {
    // Unsigned type and literal suffix, exponent bias, fraction bits.
    let (ut, sfx, bias, mbits) = if ct == "f64" {
        ("u64", "lu", 1023u32, 52u32)
    } else {
        ("u32", "u", 127, 23)
    };
    let sign = if ct == "f64" { 63 } else { 31 };
    let emask = if ct == "f64" { "0x7ffu" } else { "0xffu" };
    let whole = bias + mbits;
    format!(
        "// mode 0 floor, 1 ceil, 2 trunc, 3 round half to even
fn op_rint(x: {ct}, mode: u32) -> {ct} {{
    let u = bitcast<{ut}>(x);
    let e = u32(u >> {mbits}u) & {emask};
    if (e >= {whole}u) {{
        return x;
    }}
    let neg = (u >> {sign}u) != 0{sfx};
    if (e < {bias}u) {{
        let nonzero = (u << 1u) != 0{sfx};
        var away = false;
        if (mode == 0u) {{
            away = neg && nonzero;
        }} else if (mode == 1u) {{
            away = !neg && nonzero;
        }} else if (mode == 3u) {{
            // |x| > 0.5: exponent -1 with a nonzero fraction
            away = e == {bias}u - 1u && (u << {shift}u) != 0{sfx};
        }}
        let one = select({ct}(1), {ct}(-1), neg);
        return select(bitcast<{ct}>(u & (1{sfx} << {sign}u)), one, away);
    }}
    let f = {whole}u - e;
    let mask = (1{sfx} << f) - 1{sfx};
    let frac = u & mask;
    if (frac == 0{sfx}) {{
        return x;
    }}
    let t = bitcast<{ct}>(u & ~mask);
    var away = false;
    if (mode == 0u) {{
        away = neg;
    }} else if (mode == 1u) {{
        away = !neg;
    }} else if (mode == 3u) {{
        let half = 1{sfx} << (f - 1u);
        let odd = f == {mbits}u || ((u >> f) & 1{sfx}) != 0{sfx};
        away = frac > half || (frac == half && odd);
    }}
    if (!away) {{
        return t;
    }}
    return select(t + {ct}(1), t - {ct}(1), neg);
}}
fn op_floor(x: {ct}) -> {ct} {{
    return op_rint(x, 0u);
}}
fn op_ceil(x: {ct}) -> {ct} {{
    return op_rint(x, 1u);
}}
fn op_trunc(x: {ct}) -> {ct} {{
    return op_rint(x, 2u);
}}
fn op_round(x: {ct}) -> {ct} {{
    return op_rint(x, 3u);
}}
",
        // shifts the fraction bits to the top of the word
        shift = sign + 1 - mbits,
    )
}

/// NumPy's float `maximum`/`minimum` (`op_max`, `op_min`) for `d`: a NaN
/// in either operand is the result (the first if both); of 0.0 and -0.0
/// NumPy 2.4 gives the second for float32/float64 (its SIMD loops) and the
/// first for float16 (`a >= b ? a : b`); otherwise the larger (smaller).
/// NaN and the zeros are told apart on the bits: comparisons with NaN are
/// not trustworthy on every backend (GL gives `x > NaN` true), and a
/// compiler may turn a compare-and-select into a max that ignores the
/// sign of zero.
pub(crate) fn max_min_helpers(d: DType) -> String {
    let ct = d.compute_type();
    let tie = if d == DType::F16 { "a" } else { "b" };
    let (ut, mag) = if ct == "f64" {
        ("u64", "0x7ffffffffffffffflu")
    } else {
        ("u32", "0x7fffffffu")
    };
    let mut h = isnan_helper(ct);
    for (name, cmp) in [("op_max", ">"), ("op_min", "<")] {
        h.push_str(&format!(
            "fn {name}(a: {ct}, b: {ct}) -> {ct} {{\n    if (op_isnan(a)) {{\n        return a;\n    }}\n    if (op_isnan(b)) {{\n        return b;\n    }}\n    if (((bitcast<{ut}>(a) | bitcast<{ut}>(b)) & {mag}) == {ut}(0)) {{\n        return {tie};\n    }}\n    return select(b, a, a {cmp} b);\n}}\n"
        ));
    }
    h
}

/// C's `fmod` (exact: long division by `b` scaled by powers of two, each
/// subtraction exact by Sterbenz's lemma, at most ~2100 doublings and as
/// many steps for float64)
/// and NumPy's `npy_divmod` (floor quotient and remainder with the sign of
/// the divisor), on compute type `ct`.
pub(crate) fn divmod_helpers(ct: &str) -> String {
    format!(
        "{bits}\
fn op_fmod(a: {ct}, b: {ct}) -> {ct} {{
    if (op_isnan(a) || op_isnan(b) || op_isinf(a) || b == {ct}(0)) {{
        return {nan};
    }}
    if (op_isinf(b)) {{
        return a;
    }}
    var x = abs(a);
    let y = abs(b);
    if (x >= y) {{
        // ys = y 2^e, the largest such not above x, by doubling: frexp
        // and ldexp are wrong for subnormals on lavapipe, while doubling
        // and halving between y and x are exact.
        var ys = y;
        var e = 0;
        loop {{
            let d = ys * {ct}(2);
            if (op_isinf(d) || d > x) {{
                break;
            }}
            ys = d;
            e = e + 1;
        }}
        loop {{
            if (x >= ys) {{
                x = x - ys;
            }}
            if (e == 0) {{
                break;
            }}
            e = e - 1;
            ys = ys * {ct}(0.5);
        }}
    }}
    return op_copysign(x, a);
}}
fn op_divmod(a: {ct}, b: {ct}) -> vec2<{ct}> {{
    var m = op_fmod(a, b);
    if (b == {ct}(0)) {{
        return vec2<{ct}>(a / b, m);
    }}
    var div = (a - m) / b;
    if (!(m == {ct}(0))) {{
        if ((b < {ct}(0)) != (m < {ct}(0))) {{
            m = m + b;
            div = div - {ct}(1);
        }}
    }} else {{
        m = op_copysign({ct}(0), b);
    }}
    var q: {ct};
    if (!(div == {ct}(0))) {{
        q = op_floor(div);
        if (div - q > {ct}(0.5)) {{
            q = q + {ct}(1);
        }}
    }} else {{
        q = op_copysign({ct}(0), a / b);
    }}
    return vec2<{ct}>(q, m);
}}
",
        bits = float_bits_helpers(ct),
        nan = nan(ct)
    )
}

/// Software float64 exp, log, sin, cos, tanh and |a|^b (`m64_exp`, ...,
/// `m64_pow_pos`) with the f64 bit helpers they use: Vulkan's
/// GLSL.std.450 has these builtins for 16- and 32-bit floats only. The
/// algorithms and their accuracy are described in the WGSL file.
pub(crate) fn f64_math_helpers() -> String {
    format!(
        "{}{}",
        float_bits_helpers("f64"),
        include_str!("../../shaders/f64_math.wgsl")
    )
}
