// Vec4 matmul (4-byte word dtypes: f32, i32, u32): every invocation
// accumulates an MM_RM x MM_RN block of C in registers (rows in groups of
// 4 consecutive, the groups 4 * MM_WGY apart; columns likewise with
// MM_WGX), reading A and B as whole vec4s along a contiguous axis of each:
// A along M (4 rows of one K step) or along K (4 K steps of one row), B
// along N or along K. The host picks the axes (a unit stride, lengths and
// offsets that keep every vec4 whole and aligned) and bakes them into the
// program. llvmpipe (lavapipe) runs a load whose address differs between
// invocations as a loop over the SIMD lanes, so a vec4 costs little more
// than a scalar: 4 x fewer lane loops than the direct kernel.
//
// Rows and columns past the edge load from the last valid row/column (or
// vec4 of 4) and are not stored. Bindings: b0 = C (ld0/st0), then A and B
// as vec4s. DECLS, STEPU (8 K steps), STEP4, STEP (1 K step, only when
// neither operand is read along K, which needs K a multiple of 4) and
// STORES are generated in src/compute/matmul/program.rs.

@group(0) @binding(2) var<storage, read> mm_a4: array<vec4<u32>>;
@group(0) @binding(3) var<storage, read> mm_b4: array<vec4<u32>>;

@compute @workgroup_size(MM_WGX, MM_WGY, 1)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let d = mm_dims(wid.z);
    let row0 = wid.y * (MM_WGY * MM_RM) + lid.y * 4u;
    let col0 = wid.x * (MM_WGX * MM_RN) + lid.x * 4u;
    // K strides in vec4s (multiples of 4 when used).
    let sak4 = d.sak / 4;
    let sbk4 = d.sbk / 4;
//DECLS
    // llvmpipe ends an invocation's loops after 65535 iterations in all:
    // 8 K steps per iteration, and the launcher caps K per dispatch.
    let kmain = d.kk - d.kk % 8u;
    var k = 0u;
    for (; k < kmain; k = k + 8u) {
//STEPU
    }
    if (k + 4u <= d.kk) {
//STEP4
        k = k + 4u;
    }
    for (; k < d.kk; k = k + 1u) {
//STEP
    }
    let accumulate = param(3u) != 0u;
//STORES
}
