// Wide mapping, LOAD (4 or 8) elements per load: the first pass over a
// contiguous run of 4-byte elements that starts 16-byte aligned (32 with
// LOAD 8) for every output (the launcher checks). A load is a vec4<u32>,
// or with LOAD 8 a vec4<u64> (CPU adapters with 64-bit integers: see
// kernels/vec8.rs for why), folded by `fold_at` from the program's header.
// L lanes per output (L a power of two, 4 ..= 256, 2^word 9; 256 / L
// outputs per workgroup, as in reduce_wide.wgsl); a chunk is
// LOAD * L * BLOCK * B elements (B = word 10, blocks per lane), and lane l
// folds loads l, l + L, ... of it (at most BLOCK * B, in order; with
// LANE_RUNS, the run l * BLOCK * B, l * BLOCK * B + 1, ...) in blocks of
// BLOCK loads: each block into four fresh states, one per component,
// merged into the lane's running states. BLOCK is WIDE_K / (LOAD / 4), so
// no state adds more than WIDE_K + B values in sequence. The lane emits
// their combination to slot `chunk * L + l`. The launcher picks L so that
// full lanes fold whole blocks (a constant trip count): a 1024-long row
// takes 16 lanes of one block on a GPU, one lane of 16 blocks on a CPU
// adapter (where each invocation's fixed cost is high against its loads,
// and a lane walking its own run reads each cache line in consecutive
// loads, where strided lanes of a SIMD group walk many pages). The last
// chunk's lanes 0..LOAD-2 also fold the elements after the last whole
// load (with LOAD 8 the launcher sends only runs of whole loads). Without
// LANE_RUNS neighbouring lanes read neighbouring loads (coalesced on a
// GPU).
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
    // Whole loads (vectors of LOAD elements) per output.
    let n4 = n >> LOAD_SHIFT;
    let per = BLOCK * param(10u);
    // log2 of the distance between one lane's vec4s.
    let step = select(shift, 0u, LANE_RUNS);
    let first = wid.x * (per << shift) + select(l, l * per, LANE_RUNS);
    let left = (n4 - first + (1u << step) - 1u) >> step;
    let cnt = select(min(left, per), 0u, first >= n4);
    let q = (u32(i32(param(4u)) + base.x) >> LOAD_SHIFT) + first;
    var acc = Fold4(ident(), ident(), ident(), ident());
    // Whole blocks: a constant trip count (see reduce_wide.wgsl).
    let whole = cnt / BLOCK;
    for (var b = 0u; b < whole; b = b + 1u) {
        let qb = q + ((b * BLOCK) << step);
        var s = Fold4(ident(), ident(), ident(), ident());
        for (var j = 0u; j < BLOCK; j = j + 1u) {
            s = fold_at(s, qb + (j << step));
        }
        acc = merge4(acc, s);
    }
    let rest = cnt - whole * BLOCK;
    if (rest > 0u) {
        let qb = q + ((whole * BLOCK) << step);
        var s = Fold4(ident(), ident(), ident(), ident());
        for (var j = 0u; j < rest; j = j + 1u) {
            s = fold_at(s, qb + (j << step));
        }
        acc = merge4(acc, s);
    }
    var r = merge(merge(acc.x, acc.y), merge(acc.z, acc.w));
    if (wid.x + 1u == nwg.x && l < n - (n4 << LOAD_SHIFT)) {
        r = merge(r, load(base.x + i32((n4 << LOAD_SHIFT) + l), 0u));
    }
    emit(base.y + i32(wid.x * lanes + l), r);
}
