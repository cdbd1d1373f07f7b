// Wide mapping, four elements per load: the first pass over a contiguous
// run of 4-byte elements that starts 16-byte aligned for every output
// (the launcher checks). L lanes per output (L a power of two, 4 ..= 256,
// 2^word 9; 256 / L outputs per workgroup, as in reduce_wide.wgsl); a
// chunk is 4 * L * WIDE_K * B elements (B = word 10, blocks per lane), and
// lane l folds vec4s l, l + L, ... of it (at most WIDE_K * B, in order;
// with LANE_RUNS, the run l * WIDE_K * B, l * WIDE_K * B + 1, ...) in
// blocks of WIDE_K: each block into four fresh states, one per component,
// merged into the lane's running states, so that no state adds more than
// WIDE_K + B values in sequence. The lane emits their combination to slot
// `chunk * L + l`. The launcher picks L so that full lanes fold whole
// blocks (a constant trip count): a 1024-long row takes 16 lanes of one
// block on a GPU, 4 lanes of 4 blocks on a CPU adapter (where each
// invocation's fixed cost is high against its loads, and a lane walking
// its own run reads each cache line in consecutive loads, where strided
// lanes of a SIMD group walk many pages). The last chunk's
// lanes 0..3 also fold the 1 to 3 elements after the last whole vec4.
// Without LANE_RUNS neighbouring lanes read neighbouring vec4s (coalesced
// on a GPU).
// Grid: x = chunk, y and z = workgroup of outputs (g = z * ny + y).

fn merge4(a: Fold4, b: Fold4) -> Fold4 {
    return Fold4(merge(a.x, b.x), merge(a.y, b.y), merge(a.z, b.z), merge(a.w, b.w));
}

@compute @workgroup_size(256, 1, 1)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) t: u32,
) {
    let shift = param(9u);
    let lanes = 1u << shift;
    let l = t & (lanes - 1u);
    let o = ((wid.z * nwg.y + wid.y) << (8u - shift)) + (t >> shift);
    if (o >= param(3u)) {
        return;
    }
    let base = outer_at(o);
    let n = param(0u);
    let n4 = n >> 2u;
    let per = WIDE_K * param(10u);
    // log2 of the distance between one lane's vec4s.
    let step = select(shift, 0u, LANE_RUNS);
    let first = wid.x * (per << shift) + select(l, l * per, LANE_RUNS);
    let left = (n4 - first + (1u << step) - 1u) >> step;
    let cnt = select(min(left, per), 0u, first >= n4);
    let q = (u32(i32(param(4u)) + base.x) >> 2u) + first;
    var acc = Fold4(ident(), ident(), ident(), ident());
    // Whole blocks: a constant trip count (see reduce_wide.wgsl).
    let whole = cnt / WIDE_K;
    for (var b = 0u; b < whole; b = b + 1u) {
        let qb = q + ((b * WIDE_K) << step);
        var s = Fold4(ident(), ident(), ident(), ident());
        for (var j = 0u; j < WIDE_K; j = j + 1u) {
            s = fold4(s, b0[qb + (j << step)]);
        }
        acc = merge4(acc, s);
    }
    let rest = cnt - whole * WIDE_K;
    if (rest > 0u) {
        let qb = q + ((whole * WIDE_K) << step);
        var s = Fold4(ident(), ident(), ident(), ident());
        for (var j = 0u; j < rest; j = j + 1u) {
            s = fold4(s, b0[qb + (j << step)]);
        }
        acc = merge4(acc, s);
    }
    var r = merge(merge(acc.x, acc.y), merge(acc.z, acc.w));
    if (wid.x + 1u == nwg.x && l < n - (n4 << 2u)) {
        r = merge(r, load(base.x + i32((n4 << 2u) + l), 0u));
    }
    emit(base.y + i32(wid.x * lanes + l), r);
}
