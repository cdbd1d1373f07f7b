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

fn mm_stage_a(e: u32, a_kfast: bool, tr: u32, k0: u32, m: u32, kk: u32, ba: i32, sar: i32, sak: i32) {
    var row: u32;
    var kq: u32;
    if (a_kfast) {
        kq = e % MM_TK;
        row = e / MM_TK;
    } else {
        row = e % MM_BM;
        kq = e / MM_BM;
    }
    let r = min(tr + row, m - 1u);
    let k = k0 + kq;
    let at = ba + i32(r) * sar + i32(min(k, kk - 1u)) * sak;
    mm_sa[kq * MM_BM + row] = mm_towg(select(MM_CT(), ld0(u32(at)), k < kk));
}

fn mm_stage_b(e: u32, b_kfast: bool, tc: u32, k0: u32, n: u32, kk: u32, bb: i32, sbk: i32, sbn: i32) {
    var col: u32;
    var kq: u32;
    if (b_kfast) {
        kq = e % MM_TK;
        col = e / MM_TK;
    } else {
        col = e % MM_BN;
        kq = e / MM_BN;
    }
    let c = min(tc + col, n - 1u);
    let k = k0 + kq;
    let at = bb + i32(min(k, kk - 1u)) * sbk + i32(c) * sbn;
    mm_sb[kq * MM_BN + col] = mm_towg(select(MM_CT(), ld1(u32(at)), k < kk));
}

@compute @workgroup_size(MM_WGX, MM_WGY, 1)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let m = param(0u);
    let n = param(1u);
    let kk = param(2u);
    let base = mm_base(wid.z);
    let sar = mm_stride(8u);
    let sak = mm_stride(9u);
    let sbk = mm_stride(10u);
    let sbn = mm_stride(11u);
    let scr = mm_stride(12u);
    let scn = mm_stride(13u);
    let a_kfast = param(14u) != 0u;
    let b_kfast = param(15u) != 0u;
    let tr = wid.y * MM_BM;
    let tc = wid.x * MM_BN;
    let row0 = tr + lid.y;
    let col0 = tc + lid.x;
    let t = lid.y * MM_WGX + lid.x;
//DECLS
    for (var k0 = 0u; k0 < kk; k0 = k0 + MM_TK) {
//LOADS
        workgroupBarrier();
//STEPU
        workgroupBarrier();
    }
    let accumulate = param(3u) != 0u;
//STORES
}
