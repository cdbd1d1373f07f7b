// float16 <-> float32 conversion in integer arithmetic, standing in for
// WGSL's pack2x16float / unpack2x16float on devices without wgpu's
// SHADER_F16_IN_F32 capability (lavapipe on a CPU without F16C reports no
// shaderFloat16, and then Mesa's Vulkan lacks the builtins). kernels.rs
// renames the builtins' calls to these and appends this file. Both are
// exact: unpack widens, pack rounds to nearest even (NumPy's cast),
// overflows to infinity and keeps NaN a (quiet) NaN with its sign.

fn ndgpu_f16_to_f32(h: u32) -> f32 {
    let s = (h & 0x8000u) << 16u;
    let e = (h >> 10u) & 0x1fu;
    let m = h & 0x3ffu;
    if (e == 0x1fu) {
        // infinity, or NaN with its payload
        return bitcast<f32>(s | 0x7f800000u | (m << 13u));
    }
    if (e == 0u) {
        // zero or subnormal: m * 2^-24, exact in f32
        return bitcast<f32>(s | bitcast<u32>(f32(m) * 5.9604644775390625e-8));
    }
    return bitcast<f32>(s | ((e + 112u) << 23u) | (m << 13u));
}

fn ndgpu_f32_to_f16(x: f32) -> u32 {
    let u = bitcast<u32>(x);
    let s = (u >> 16u) & 0x8000u;
    let a = u & 0x7fffffffu;
    if (a > 0x7f800000u) {
        // NaN: quiet, the top of the payload kept
        return s | 0x7e00u | ((a >> 13u) & 0x3ffu);
    }
    if (a >= 0x477ff000u) {
        // 65520 and above round to infinity
        return s | 0x7c00u;
    }
    if (a >= 0x38800000u) {
        // normal in float16: rebias the exponent, round 13 bits off to even
        let r = a - 0x38000000u;
        return s | ((r + 0xfffu + ((r >> 13u) & 1u)) >> 13u);
    }
    // subnormal (or zero) in float16: units of 2^-24, rounded to even
    let e = a >> 23u;
    if (e < 102u) {
        return s;
    }
    let m = (a & 0x7fffffu) | 0x800000u;
    let shift = 126u - e;
    let q = m >> shift;
    let rem = m & ((1u << shift) - 1u);
    let half = 1u << (shift - 1u);
    let up = rem > half || (rem == half && (q & 1u) == 1u);
    return s | (q + select(0u, 1u, up));
}

fn ndgpu_unpack2x16float(v: u32) -> vec2<f32> {
    return vec2<f32>(ndgpu_f16_to_f32(v & 0xffffu), ndgpu_f16_to_f32(v >> 16u));
}

fn ndgpu_pack2x16float(v: vec2<f32>) -> u32 {
    return ndgpu_f32_to_f16(v.x) | (ndgpu_f32_to_f16(v.y) << 16u);
}
