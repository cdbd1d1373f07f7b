// Tiled matmul: a workgroup of MM_WGX x MM_WGY invocations computes a
// (MM_WGY*MM_RM) x (MM_WGX*MM_RN) tile of C; for each step of MM_TK along
// K it stages the A and B panels in workgroup memory (every invocation
// loading MM_LA elements of A and MM_LB of B, in the operand's contiguous
// direction when it has one: metadata words 14 and 15), waits at a
// barrier, and accumulates an MM_RM x MM_RN register block from the staged
// panels. Elements past the K edge are staged as zero; rows/columns past
// the M/N edges load the last valid row/column and are not stored. DECLS,
// LOADS, STEP and STORES are unrolled by the generator in src/matmul.rs
// (llvmpipe ends a shader invocation's loops after 65535 iterations in
// all, so the only loop left is the one over K panels, and the launcher
// caps K per dispatch).

const MM_BM: u32 = MM_WGY * MM_RM;
const MM_BN: u32 = MM_WGX * MM_RN;
const MM_NT: u32 = MM_WGX * MM_WGY;

var<workgroup> mm_sa: array<MM_WT, MM_BM * MM_TK>;
var<workgroup> mm_sb: array<MM_WT, MM_TK * MM_BN>;

// Panel element `e` of A (`width` MM_BM rows, first row `t0`, `lim` = M,
// `so` = A's row stride, `sk` = its K stride) or of B (MM_BN columns, N,
// B's column and K strides): the panel slot it goes to, the element it
// comes from (clamped to a valid address), and whether it lies before the
// K edge (else 0 is staged). With `kfast` consecutive `e` step along K.
struct MmStage {
    slot: u32,
    at: i32,
    ok: bool,
}

fn mm_stage(e: u32, kfast: bool, width: u32, t0: u32, lim: u32, k0: u32, kk: u32, b: i32, so: i32, sk: i32) -> MmStage {
    var o: u32;
    var kq: u32;
    if (kfast) {
        kq = e % MM_TK;
        o = e / MM_TK;
    } else {
        o = e % width;
        kq = e / width;
    }
    let k = k0 + kq;
    let at = b + i32(min(t0 + o, lim - 1u)) * so + i32(min(k, kk - 1u)) * sk;
    return MmStage(kq * width + o, at, k < kk);
}

@compute @workgroup_size(MM_WGX, MM_WGY, 1)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let d = mm_dims(wid.z);
    let a_kfast = param(14u) != 0u;
    let b_kfast = param(15u) != 0u;
    let tr = wid.y * MM_BM;
    let tc = wid.x * MM_BN;
    let row0 = tr + lid.y;
    let col0 = tc + lid.x;
    let t = lid.y * MM_WGX + lid.x;
//DECLS
    for (var k0 = 0u; k0 < d.kk; k0 = k0 + MM_TK) {
//LOADS
        workgroupBarrier();
//STEPU
        workgroupBarrier();
    }
    let accumulate = param(3u) != 0u;
//STORES
}
