// Wide mapping, four elements per load: the first pass over a contiguous
// run of 4-byte elements that starts 16-byte aligned for every output
// (the launcher checks). L lanes per output (L a power of two, 4 ..= 256,
// 2^word 9; 256 / L outputs per workgroup, as in reduce_wide.wgsl); a
// chunk is 4 * L * WIDE_K elements, lane l folds vec4s l, l + L, ... of it
// (at most WIDE_K, in order) into four states, one per component, and
// emits their combination to slot `chunk * L + l`. The launcher picks L so
// that full lanes fold WIDE_K vec4s (a constant trip count): a 1024-long
// row takes 16 lanes, not 256 lanes of one vec4 each. The last chunk's
// lanes 0..3 also fold the 1 to 3 elements after the last whole vec4.
// Neighbouring lanes read neighbouring vec4s (coalesced on a GPU).
// Grid: x = chunk, y and z = workgroup of outputs (g = z * ny + y).

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
    let first = wid.x * (WIDE_K << shift) + l;
    let cnt = select(min((n4 - first + lanes - 1u) >> shift, WIDE_K), 0u, first >= n4);
    let q = (u32(i32(param(4u)) + base.x) >> 2u) + first;
    var s = Fold4(ident(), ident(), ident(), ident());
    // A constant trip count for full lanes (see reduce_wide.wgsl).
    if (cnt == WIDE_K) {
        for (var j = 0u; j < WIDE_K; j = j + 1u) {
            s = fold4(s, b0[q + (j << shift)]);
        }
    } else {
        for (var j = 0u; j < cnt; j = j + 1u) {
            s = fold4(s, b0[q + (j << shift)]);
        }
    }
    var r = merge(merge(s.x, s.y), merge(s.z, s.w));
    if (wid.x + 1u == nwg.x && l < n - (n4 << 2u)) {
        r = merge(r, load(base.x + i32((n4 << 2u) + l), 0u));
    }
    emit(base.y + i32(wid.x * lanes + l), r);
}
