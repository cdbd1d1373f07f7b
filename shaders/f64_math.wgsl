// float64 exp, log, sin, cos, tanh and pow in software.
//
// Vulkan's GLSL.std.450 defines exp, log, sin, cos, tanh and pow for 16-
// and 32-bit floats only, so for f64 they are built here from +, -, *, /,
// bit operations on f64 and u64 (floor too is done on the bits, op_floor:
// the driver's rounding functions are not trusted). The including program
// defines op_isnan, op_isinf, op_signbit, op_inf and op_floor on f64 first
// (float_wgsl.rs's float_bits_helpers). Entry points: m64_exp, m64_log, m64_sin, m64_cos,
// m64_tanh (any f64) and m64_pow_pos (|a|^b once C99's special cases are
// out of the way). Measured on lavapipe: within 1 ulp of NumPy on every
// input tried (tests/float64_math.rs and some 3.5 million random ones),
// except where NumPy itself is off (its cos(5.319372648326541e255) is 8
// ulps from the correctly rounded value; this one's is 0.05), and at most
// 0.60 (exp), 0.50 (log), 0.72 (sin, cos: every finite argument), 0.67
// (tanh) and 0.74 (pow) ulp from the correctly rounded result (mpmath, 40
// to 60 thousand random inputs each).
//
// Two properties of lavapipe shape the code:
// - Its f64 `fma` is not fused (the product is rounded first), so exact
//   products come from Dekker's algorithm on operands split with bit masks
//   (m64_two_prod), never from fma.
// - Mesa's compiler applies algebraic rewrites that are exact only in real
//   arithmetic, such as (a + b) - a -> b, which would erase the rounding
//   errors that TwoSum-style code computes, and it reassociates sums.
//   Where the order matters, one operand of the addition is multiplied by
//   `o`, a 1.0 the compiler cannot prove to be 1.0 (m64_one), which keeps
//   the expression as written. Never both operands: the compiler factors
//   a * o + b * o into (a + b) * o and is free to reassociate again (the
//   tests in tests/float64_math.rs catch either mistake: without `o`, or
//   with it on both sides, pow is hundreds of ulps off).
//
// Constants are the nearest doubles to the stated values (Taylor
// coefficients 1/n!, 2/(2n+1)); the split constants of ln 2 and pi/2 are
// truncations of the true values to 32 or 33 significant bits, so that
// their products with small integers are exact.

const M64_INVLN2: f64 = 1.4426950408889634lf;
// ln 2 = LN2_HI + LN2_LO to 2^-86; LN2_HI has 32 significant bits.
const M64_LN2_HI: f64 = 0.6931471803691238lf;
const M64_LN2_LO: f64 = 1.9082149292705877e-10lf;
const M64_INV_PIO2: f64 = 0.6366197723675814lf;
// pi/2 = PIO2_1 + PIO2_2 + PIO2_3 + PIO2_4 to 2^-159; the first three
// have 33 significant bits each.
const M64_PIO2_1: f64 = 1.5707963267341256lf;
const M64_PIO2_2: f64 = 6.077100506303966e-11lf;
const M64_PIO2_3: f64 = 2.0222662487111665e-21lf;
const M64_PIO2_4: f64 = 8.4784276603689e-32lf;
// pi/2 = PIO2_HI + PIO2_LO to 2^-107.
const M64_PIO2_HI: f64 = 1.5707963267948966lf;
const M64_PIO2_LO: f64 = 6.123233995736766e-17lf;
// 2/3 = TWO_THIRDS_HI + TWO_THIRDS_LO and 2/5 = TWO_FIFTHS_HI +
// TWO_FIFTHS_LO to 2^-108.
const M64_TWO_THIRDS_HI: f64 = 0.6666666666666666lf;
const M64_TWO_THIRDS_LO: f64 = 3.700743415417188e-17lf;
const M64_TWO_FIFTHS_HI: f64 = 0.4lf;
const M64_TWO_FIFTHS_LO: f64 = -2.2204460492503132e-17lf;

// The bits of 2/pi after the binary point, most significant first, after
// 64 zero bits (so that a window may start before the binary point).
var<private> M64_TWO_OVER_PI: array<u32, 40> = array<u32, 40>(
    0u, 0u, 0xa2f9836eu, 0x4e441529u, 0xfc2757d1u, 0xf534ddc0u,
    0xdb629599u, 0x3c439041u, 0xfe5163abu, 0xdebbc561u, 0xb7246e3au, 0x424dd2e0u,
    0x06492eeau, 0x09d1921cu, 0xfe1deb1cu, 0xb129a73eu, 0xe88235f5u, 0x2ebb4484u,
    0xe99c7026u, 0xb45f7e41u, 0x3991d639u, 0x835339f4u, 0x9c845f8bu, 0xbdf9283bu,
    0x1ff897ffu, 0xde05980fu, 0xef2f118bu, 0x5a0a6d1fu, 0x6d367ecfu, 0x27cb09b7u,
    0x4f463f66u, 0x9e5fea2du, 0x7527bac7u, 0xebe5f17bu, 0x3d0739f7u, 0x8a5292eau,
    0x6bfb5fb1u, 0x1f8d5d08u, 0x56033046u, 0xfc7b6babu,
);

// ----- building blocks -----------------------------------------------------

// 1.0, except for one signalling-NaN bit pattern, which every entry point
// has returned for before the value matters: a 1.0 the compiler cannot
// fold (see the top of the file).
fn m64_one(x: f64) -> f64 {
    return select(1.0lf, 0.5lf, bitcast<u64>(x) == 0x7ff4dead00c0ffeelu);
}

fn m64_nan() -> f64 {
    return bitcast<f64>(0x7ff8000000000000lu);
}

// 2^k for -1022 <= k <= 1023, from its bits.
fn m64_pow2(k: i32) -> f64 {
    return bitcast<f64>(u64(u32(k + 1023)) << 52u);
}

// x * 2^k rounded once (to a subnormal, 0 or inf where the result is out
// of the normal range), for x in [0.5, 2] and -2000 <= k <= 2000.
fn m64_scale(x: f64, k: i32) -> f64 {
    if (k > 1000) {
        return (x * m64_pow2(k - 1000)) * m64_pow2(1000);
    }
    if (k < -1000) {
        return (x * m64_pow2(k + 1000)) * m64_pow2(-1000);
    }
    return x * m64_pow2(k);
}

// s + e == a + b exactly (Knuth's TwoSum).
fn m64_two_sum(a: f64, b: f64, o: f64) -> vec2<f64> {
    let s = a + b;
    let bv = s * o - a;
    let av = s - bv * o;
    return vec2<f64>(s, (a - av) + (b - bv));
}

// s + e == a + b exactly, given |a| >= |b| or a == 0 (Dekker's Fast2Sum).
fn m64_fast_two_sum(a: f64, b: f64, o: f64) -> vec2<f64> {
    let s = a + b;
    return vec2<f64>(s, b - (s * o - a));
}

// a == hi + lo with hi the top 26 significant bits of a (a mask on the
// bits) and lo the remaining 27 (exact).
fn m64_split(a: f64) -> vec2<f64> {
    let hi = bitcast<f64>(bitcast<u64>(a) & 0xfffffffff8000000lu);
    return vec2<f64>(hi, a - hi);
}

// p + e == a * b to about 2^-105 relative (Dekker's product: the partial
// products of the 26/27-bit halves are exact, but for lo * lo's last bit).
fn m64_two_prod(a: f64, b: f64, o: f64) -> vec2<f64> {
    let p = a * b;
    let x = m64_split(a);
    let y = m64_split(b);
    let e = ((x.x * y.x - p * o) + x.x * y.y + x.y * y.x) + x.y * y.y;
    return vec2<f64>(p, e);
}

// ----- exp -----------------------------------------------------------------

// e^r - 1 - r for |r| <= 0.35: r^2 times Taylor's series to the r^13 term
// (the rest is below 2^-57 of e^r).
fn m64_expm1_tail(r: f64) -> f64 {
    var q = 1.6059043836821613e-10lf;
    q = q * r + 2.08767569878681e-09lf;
    q = q * r + 2.505210838544172e-08lf;
    q = q * r + 2.755731922398589e-07lf;
    q = q * r + 2.7557319223985893e-06lf;
    q = q * r + 2.48015873015873e-05lf;
    q = q * r + 0.0001984126984126984lf;
    q = q * r + 0.001388888888888889lf;
    q = q * r + 0.008333333333333333lf;
    q = q * r + 0.041666666666666664lf;
    q = q * r + 0.16666666666666666lf;
    q = q * r + 0.5lf;
    return r * r * q;
}

// e^(xh + xl) for -746 <= xh <= 710 and |xl| <= ulp(xh), rounded once at
// the end: xh + xl = k ln2 + r with |r| <= ln2/2 carried as a
// double-double, e^r = 1 + r + tail(r), scaled by 2^k.
fn m64_exp_dd(xh: f64, xl: f64, o: f64) -> f64 {
    let k = op_floor(xh * M64_INVLN2 + 0.5lf);
    // k * LN2_HI is exact and xh - k * LN2_HI too (Sterbenz).
    let r = m64_two_sum(xh - k * M64_LN2_HI, xl - k * M64_LN2_LO, o);
    let t = m64_expm1_tail(r.x) + r.y * (1.0lf + r.x);
    let one = m64_fast_two_sum(1.0lf, r.x, o);
    return m64_scale(one.x * o + (one.y + t), i32(k));
}

fn m64_exp(x: f64) -> f64 {
    if (op_isnan(x)) {
        return x;
    }
    // e^709.79 overflows and e^-745.2 is below half the smallest
    // subnormal; in between, m64_scale rounds to inf or 0 itself.
    if (x > 709.8lf) {
        return op_inf();
    }
    if (x < -745.2lf) {
        return 0.0lf;
    }
    return m64_exp_dd(x, 0.0lf, m64_one(x));
}

// e^y - 1 for 0 <= y <= 45 as a double-double (relative error about
// 2^-55).
fn m64_expm1_pos(y: f64, o: f64) -> vec2<f64> {
    let k = op_floor(y * M64_INVLN2 + 0.5lf);
    let r = m64_two_sum(y - k * M64_LN2_HI, -(k * M64_LN2_LO), o);
    let t = m64_expm1_tail(r.x) + r.y * (1.0lf + r.x);
    if (k == 0.0lf) {
        return m64_fast_two_sum(r.x, t, o);
    }
    // e^y - 1 = 2^k (r + tail + (1 - 2^-k)), the last exact for k <= 53
    // and added to r exactly.
    let ik = i32(k);
    let c = m64_fast_two_sum(1.0lf - m64_pow2(-ik), r.x, o);
    let v = m64_fast_two_sum(c.x, c.y + t, o);
    let s = m64_pow2(ik);
    return vec2<f64>(v.x * s, v.y * s);
}

// ----- log -----------------------------------------------------------------

// ln x as a double-double (relative error about 2^-70) for finite x > 0:
// x = 2^e m with m in [sqrt(1/2), sqrt(2)), ln m = 2 atanh(s) with
// s = (m - 1) / (m + 1), |s| <= 0.1716, the series' first three terms in
// double-double (the third is still 2^-12.5 of the result) and the rest
// to the s^27 term in double.
fn m64_log_dd(x: f64, o: f64) -> vec2<f64> {
    var u = bitcast<u64>(x);
    var e = -1023;
    if (u < 0x0010000000000000lu) {
        // subnormal: scale by 2^54 (exact) to reach the normal range
        u = bitcast<u64>(x * 18014398509481984.0lf);
        e = e - 54;
    }
    e = e + i32(u32(u >> 52u));
    var mb = (u & 0x000ffffffffffffflu) | 0x3ff0000000000000lu;
    if (mb > 0x3ff6a09e667f3bcdlu) {
        // m > sqrt(2): halve it
        mb = mb - 0x0010000000000000lu;
        e = e + 1;
    }
    let f = bitcast<f64>(mb) - 1.0lf;
    // s = f / (2 + f) = sh + sl
    let d = m64_fast_two_sum(2.0lf, f, o);
    let sh = f / d.x;
    let p = m64_two_prod(sh, d.x, o);
    let sl = (((f - p.x * o) - p.y) - sh * d.y) / d.x;
    // s^2 = z.x + z2l, s^3 = c.x + s3l, s^5 = c5.x + s5l
    let z = m64_two_prod(sh, sh, o);
    let z2l = z.y + 2.0lf * sh * sl;
    let c = m64_two_prod(z.x, sh, o);
    let s3l = c.y + z.y * sh + 3.0lf * z.x * sl;
    let c5 = m64_two_prod(c.x, z.x, o);
    let s5l = c5.y + (s3l * z.x + c.x * z2l);
    // (2/3) s^3 and (2/5) s^5 in double-double
    let m3 = m64_two_prod(M64_TWO_THIRDS_HI, c.x, o);
    let m3l = m3.y + (M64_TWO_THIRDS_LO * c.x + M64_TWO_THIRDS_HI * s3l);
    let m5 = m64_two_prod(M64_TWO_FIFTHS_HI, c5.x, o);
    let m5l = m5.y + (M64_TWO_FIFTHS_LO * c5.x + M64_TWO_FIFTHS_HI * s5l);
    // 2 s^7 (1/7 + s^2/9 + ... + s^20/27)
    let w = z.x;
    var q = 0.07407407407407407lf;
    q = q * w + 0.08lf;
    q = q * w + 0.08695652173913043lf;
    q = q * w + 0.09523809523809523lf;
    q = q * w + 0.10526315789473684lf;
    q = q * w + 0.11764705882352941lf;
    q = q * w + 0.13333333333333333lf;
    q = q * w + 0.15384615384615385lf;
    q = q * w + 0.18181818181818182lf;
    q = q * w + 0.2222222222222222lf;
    q = q * w + 0.2857142857142857lf;
    let tail = c5.x * w * q;
    // ln m = 2 sh + m3 + m5 + (2 sl + m3l + m5l + tail)
    let a = m64_two_sum(2.0lf * sh, m3.x, o);
    let b = m64_two_sum(a.x, m5.x, o);
    let lo = (a.y + b.y) + (2.0lf * sl + m3l + m5l + tail);
    let lm = m64_fast_two_sum(b.x, lo, o);
    // + e ln 2 (e * LN2_HI is exact)
    let ef = f64(e);
    let g = m64_two_sum(ef * M64_LN2_HI, lm.x, o);
    return m64_fast_two_sum(g.x, g.y + (lm.y + ef * M64_LN2_LO), o);
}

fn m64_log(x: f64) -> f64 {
    if (op_isnan(x)) {
        return x;
    }
    if (x == 0.0lf) {
        return -op_inf();
    }
    if (x < 0.0lf) {
        return m64_nan();
    }
    if (op_isinf(x)) {
        return x;
    }
    return m64_log_dd(x, m64_one(x)).x;
}

// ----- pow -----------------------------------------------------------------

// a^b for finite a > 0, a != 1 and finite b != 0 (the caller handles
// C99's special cases): e^(b ln a) with ln a in double-double and the
// product b ln a carried exactly, so the exponent's error stays far below
// an ulp of the result even where the result is huge or tiny.
fn m64_pow_pos(a: f64, b: f64) -> f64 {
    let o = m64_one(a);
    let l = m64_log_dd(a, o);
    let y = m64_two_prod(b, l.x, o);
    if (y.x > 709.8lf) {
        return op_inf();
    }
    if (y.x < -745.2lf) {
        return 0.0lf;
    }
    return m64_exp_dd(y.x, y.y + b * l.y, o);
}

// ----- tanh ----------------------------------------------------------------

// tanh |x| = t / (t + 2) with t = e^(2|x|) - 1 in double-double, the
// quotient corrected by its remainder; 1 beyond 22 (tanh 22 rounds to 1),
// x itself below 2^-28.
fn m64_tanh(x: f64) -> f64 {
    if (op_isnan(x)) {
        return x;
    }
    let a = abs(x);
    if (a < 3.725290298461914e-09lf) {
        return x;
    }
    var v = 1.0lf;
    if (a < 22.0lf) {
        let o = m64_one(x);
        let t = m64_expm1_pos(2.0lf * a, o);
        let d = m64_two_sum(t.x, 2.0lf, o);
        let dl = d.y + t.y;
        let q = t.x / d.x;
        let p = m64_two_prod(q, d.x, o);
        let rem = (((t.x - p.x * o) - p.y) + t.y) - q * dl;
        v = q * o + rem / d.x;
    }
    return select(v, -v, op_signbit(x));
}

// ----- sin and cos ---------------------------------------------------------

struct M64Reduced {
    // the multiple of pi/2, mod 4
    n: u32,
    // the remainder, |hi| <= pi/4 (and a hair), as a double-double
    hi: f64,
    lo: f64,
}

// a - n pi/2 for finite a >= 0: Cody-Waite with a four-part pi/2 below
// 2^20 (n < 2^20, so n * PIO2_i is exact), Payne-Hanek above.
fn m64_rem_pio2(a: f64, o: f64) -> M64Reduced {
    if (a < 1048576.0lf) {
        let n = op_floor(a * M64_INV_PIO2 + 0.5lf);
        // a - n * PIO2_1 is exact (Sterbenz)
        let s1 = m64_two_sum(a - n * M64_PIO2_1, -(n * M64_PIO2_2), o);
        let s2 = m64_two_sum(s1.x, -(n * M64_PIO2_3), o);
        let r = m64_fast_two_sum(s2.x, (s1.y + s2.y) - n * M64_PIO2_4, o);
        return M64Reduced(u32(n) & 3u, r.x, r.y);
    }
    return m64_payne_hanek(a, o);
}

// Payne-Hanek for a >= 2^20: with a = m 2^E (m a 53-bit integer),
// a * 2/pi mod 4 only needs the bits of 2/pi from 2^-(E-1) on. m times a
// 192-bit window of them, mod 2^192, is that value with 190 fraction bits
// (the bits left out weigh less than 2^-137), computed exactly in 32-bit
// limbs with u64 products; the fraction, rounded to the nearest quadrant,
// becomes a double-double and is multiplied by pi/2.
fn m64_payne_hanek(a: f64, o: f64) -> M64Reduced {
    let u = bitcast<u64>(a);
    let be = i32(u32(u >> 52u));
    let m = (u & 0x000ffffffffffffflu) | 0x0010000000000000lu;
    let ml = m & 0xfffffffflu;
    let mh = m >> 32u;
    // Bit b_j of 2/pi (2^-j) is bit j + 63 of the table; the window starts
    // at j = E - 1 with E = be - 1075.
    let t = u32(be - 1013);
    let q = t >> 5u;
    let s = t & 31u;
    var w: array<u64, 6>;
    for (var i = 0u; i < 6u; i++) {
        let x0 = M64_TWO_OVER_PI[q + i];
        let x1 = M64_TWO_OVER_PI[q + i + 1u];
        w[i] = u64((x0 << s) | ((x1 >> 1u) >> (31u - s)));
    }
    // m * window mod 2^192, limb c (little-endian) from column c of the
    // schoolbook product; window limb c is w[5 - c].
    var f: array<u32, 6>;
    var carry = 0lu;
    for (var c = 0u; c < 6u; c++) {
        var sum = carry + ((ml * w[5u - c]) & 0xfffffffflu);
        if (c >= 1u) {
            let wp = w[6u - c];
            sum = sum + ((ml * wp) >> 32u) + ((mh * wp) & 0xfffffffflu);
        }
        if (c >= 2u) {
            sum = sum + ((mh * w[7u - c]) >> 32u);
        }
        f[c] = u32(sum & 0xfffffffflu);
        carry = sum >> 32u;
    }
    // The top two bits are the quadrant, the other 190 the fraction.
    var n = f[5] >> 30u;
    f[5] = f[5] & 0x3fffffffu;
    let up = f[5] >= 0x20000000u;
    if (up) {
        // fraction >= 1/2: the next quadrant, remainder -(2^190 - F)
        n = n + 1u;
        var cy = 1u;
        for (var i = 0u; i < 6u; i++) {
            let v = ~f[i];
            let r = v + cy;
            cy = select(0u, 1u, cy == 1u && r == 0u);
            f[i] = r;
        }
        f[5] = f[5] & 0x3fffffffu;
    }
    // the fraction as a double-double, most significant limb first
    var h = 0.0lf;
    var l = 0.0lf;
    for (var i = 6; i > 0; i--) {
        let v = f64(f[i - 1]) * m64_pow2(32 * (i - 1) - 190);
        let sum = m64_two_sum(h, v, o);
        h = sum.x;
        l = l + sum.y;
    }
    let fr = m64_fast_two_sum(h, l, o);
    // times pi/2
    let p = m64_two_prod(fr.x, M64_PIO2_HI, o);
    let r = m64_fast_two_sum(p.x, p.y + (fr.y * M64_PIO2_HI + fr.x * M64_PIO2_LO), o);
    return M64Reduced(n & 3u, select(r.x, -r.x, up), select(r.y, -r.y, up));
}

// sin(h + l) for |h| <= pi/4, |l| <= ulp(h): Taylor to the h^17 term.
fn m64_sin_k(h: f64, l: f64, o: f64) -> f64 {
    let z = h * h;
    var p = 2.8114572543455206e-15lf;
    p = p * z - 7.647163731819816e-13lf;
    p = p * z + 1.6059043836821613e-10lf;
    p = p * z - 2.505210838544172e-08lf;
    p = p * z + 2.7557319223985893e-06lf;
    p = p * z - 0.0001984126984126984lf;
    p = p * z + 0.008333333333333333lf;
    p = p * z - 0.16666666666666666lf;
    return h * o + (h * z * p + l * (1.0lf - 0.5lf * z));
}

// cos(h + l) for |h| <= pi/4, |l| <= ulp(h): Taylor to the h^16 term, with
// 1 - h^2/2 carried exactly.
fn m64_cos_k(h: f64, l: f64, o: f64) -> f64 {
    let z = m64_two_prod(h, h, o);
    var p = 4.779477332387385e-14lf;
    p = p * z.x - 1.1470745597729725e-11lf;
    p = p * z.x + 2.08767569878681e-09lf;
    p = p * z.x - 2.755731922398589e-07lf;
    p = p * z.x + 2.48015873015873e-05lf;
    p = p * z.x - 0.001388888888888889lf;
    p = p * z.x + 0.041666666666666664lf;
    let hz = 0.5lf * z.x;
    let w = 1.0lf - hz;
    let err = (1.0lf - w * o) - hz;
    return w * o + (err + (z.x * z.x * p - (0.5lf * z.y + h * l)));
}

// sin x, or cos x = sin(|x| + pi/2): the same reduction one quadrant on.
fn m64_sincos(x: f64, cos: bool) -> f64 {
    if (op_isnan(x) || op_isinf(x)) {
        return m64_nan();
    }
    let o = m64_one(x);
    let r = m64_rem_pio2(abs(x), o);
    let q = r.n + select(0u, 1u, cos);
    var v: f64;
    if ((q & 1u) == 0u) {
        v = m64_sin_k(r.hi, r.lo, o);
    } else {
        v = m64_cos_k(r.hi, r.lo, o);
    }
    // quadrants 2 and 3 negate; sin is odd (sin(-x) = -sin x), cos even
    return select(v, -v, ((q & 2u) != 0u) != (!cos && op_signbit(x)));
}

fn m64_sin(x: f64) -> f64 {
    return m64_sincos(x, false);
}

fn m64_cos(x: f64) -> f64 {
    return m64_sincos(x, true);
}
