// Wide mapping, four elements per load: the first pass over a contiguous
// run of 4-byte elements that starts 16-byte aligned for every output
// (the launcher checks). One output per workgroup (256 lanes); a chunk is
// 1024 * WIDE_K elements, lane t folds vec4s t, t + 256, ... of it (at
// most WIDE_K) into four states, one per component, and emits their
// combination to slot `chunk * 256 + t`. The last chunk's lanes 0..3 also
// fold the 1 to 3 elements after the last whole vec4.
// Grid: x = chunk, y and z = output (o = z * ny + y).

@compute @workgroup_size(256, 1, 1)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) t: u32,
) {
    let o = wid.z * nwg.y + wid.y;
    if (o >= param(3u)) {
        return;
    }
    let base = outer_at(o);
    let n = param(0u);
    let n4 = n >> 2u;
    let first = wid.x * (WIDE_K << 8u) + t;
    let cnt = select(min((n4 - first + 255u) >> 8u, WIDE_K), 0u, first >= n4);
    let q = (u32(i32(param(4u)) + base.x) >> 2u) + first;
    var s0 = ident();
    var s1 = ident();
    var s2 = ident();
    var s3 = ident();
    // A constant trip count for full lanes (see reduce_wide.wgsl).
    if (cnt == WIDE_K) {
        for (var j = 0u; j < WIDE_K; j = j + 1u) {
            let w = b0[q + (j << 8u)];
            s0 = merge(s0, lane(w.x));
            s1 = merge(s1, lane(w.y));
            s2 = merge(s2, lane(w.z));
            s3 = merge(s3, lane(w.w));
        }
    } else {
        for (var j = 0u; j < cnt; j = j + 1u) {
            let w = b0[q + (j << 8u)];
            s0 = merge(s0, lane(w.x));
            s1 = merge(s1, lane(w.y));
            s2 = merge(s2, lane(w.z));
            s3 = merge(s3, lane(w.w));
        }
    }
    var s = merge(merge(s0, s1), merge(s2, s3));
    if (wid.x + 1u == nwg.x && t < n - (n4 << 2u)) {
        s = merge(s, load(base.x + i32((n4 << 2u) + t), 0u));
    }
    emit(base.y + i32(wid.x * 256u + t), s);
}
