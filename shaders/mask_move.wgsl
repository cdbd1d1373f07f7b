// Moving the elements a boolean mask (or compress's condition) selects
// (src/compute/mask/): a gather into a new contiguous array, or a scatter
// of values into the original. The generator puts the strided prelude
// (for `param`), the accessors, `ld_off` (the compacted source offsets),
// `move_(xat, vat)` (copy x[xat] to v[vat], or v[vat] to x[xat]) and the
// constants NP0 (no axes before the selected one) and QN1 (nothing after
// it) first.
//
// Element e of the selection, of shape (P..., count, Q...) in C order,
// lives at x offset  off[i] + P(p) . px + Q(q) . qx  and values offset
// i * s_vc + P(p) . pv + Q(q) . qv, where (p, i, q) is e unravelled.
//
// | word  | meaning                                                       |
// |-------|---------------------------------------------------------------|
// | 0     | elements in this dispatch                                     |
// | 1     | np: axes before the selected one                              |
// | 2     | nq: axes after it                                             |
// | 3     | count: selected positions                                     |
// | 4     | x offset (the original's origin in its window)                |
// | 5     | offsets' offset in their window                               |
// | 6     | values (or output) offset of its origin in its window         |
// | 7     | elements per selected position (product of the Q lengths)     |
// | 8     | first element of this dispatch                                |
// | 9     | values stride along the selected axis                         |
// | 12 .. | P lengths, x strides, values strides (np each); Q lengths,     |
// |       | x strides, values strides (nq each)                           |

const MH: u32 = 12u;

fn p_len(k: u32) -> u32 {
    return param(MH + k);
}
fn p_x(k: u32) -> u32 {
    return param(MH + param(1u) + k);
}
fn p_v(k: u32) -> u32 {
    return param(MH + 2u * param(1u) + k);
}
fn q_len(k: u32) -> u32 {
    return param(MH + 3u * param(1u) + k);
}
fn q_x(k: u32) -> u32 {
    return param(MH + 3u * param(1u) + param(2u) + k);
}
fn q_v(k: u32) -> u32 {
    return param(MH + 3u * param(1u) + 2u * param(2u) + k);
}

@compute @workgroup_size(256, 1, 1)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) t: u32,
) {
    let local = (wid.y * nwg.x + wid.x) * 256u + t;
    if (local >= param(0u)) {
        return;
    }
    var row = param(8u) + local;
    var xat = param(4u);
    var vat = param(6u);
    if (!QN1) {
        let qn = param(7u);
        var rem = row % qn;
        row = row / qn;
        for (var k = param(2u); k > 0u; k = k - 1u) {
            let len = q_len(k - 1u);
            let c = rem % len;
            rem = rem / len;
            xat = xat + c * q_x(k - 1u);
            vat = vat + c * q_v(k - 1u);
        }
    }
    var i = row;
    if (!NP0) {
        let cnt = param(3u);
        i = row % cnt;
        var rem = row / cnt;
        for (var k = param(1u); k > 0u; k = k - 1u) {
            let len = p_len(k - 1u);
            let c = rem % len;
            rem = rem / len;
            xat = xat + c * p_x(k - 1u);
            vat = vat + c * p_v(k - 1u);
        }
    }
    xat = xat + ld_off(param(5u) + i);
    vat = vat + i * param(9u);
    move_(xat, vat);
}
