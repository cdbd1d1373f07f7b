// Direct matmul: every invocation accumulates an MM_RM x MM_RN block of C in
// registers, reading A and B straight from their (arbitrarily strided)
// buffers; no workgroup memory and no barrier. Rows of the block are
// MM_WGY apart and columns MM_WGX apart, so neighbouring invocations read
// neighbouring columns of B and write neighbouring elements of C. Rows and
// columns past the edge load from the last valid row/column (a valid
// address) and are not stored. The per-element code (DECLS, STEP, STORES)
// is unrolled by the generator in src/matmul.rs.


@compute @workgroup_size(MM_WGX, MM_WGY, 1)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let d = mm_dims(wid.z);
    let rpitch = param(17u);
    let cpitch = param(19u);
    let row0 = wid.y * (MM_WGY * MM_RM) + lid.y * param(16u);
    let col0 = wid.x * (MM_WGX * MM_RN) + lid.x * param(18u);
//DECLS
    // llvmpipe (lavapipe) ends a shader invocation's loops after 65535
    // iterations in all, so K runs MM_KU steps per iteration (which also
    // saves loop overhead) and the launcher caps K per dispatch.
    let kmain = d.kk - d.kk % MM_KU;
    var k = 0u;
    for (; k < kmain; k = k + MM_KU) {
//STEPU
    }
    for (; k < d.kk; k = k + 1u) {
//STEP
    }
    let accumulate = param(3u) != 0u;
//STORES
}
