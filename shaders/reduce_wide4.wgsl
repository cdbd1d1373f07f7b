// Wide mapping, four elements per load: the first pass over a contiguous
// run of 4-byte elements that starts 16-byte aligned for every output
// (the launcher checks). One output per workgroup (256 lanes); a chunk is
// 1024 * WIDE_K elements, lane t folds vec4s t, t + 256, ... of it (at
// most WIDE_K) into four states, one per component, and emits their
// combination to slot `chunk * 256 + t`. The last chunk's lanes 0..3 also
// fold the 1 to 3 elements after the last whole vec4.
// Grid: x = chunk, y and z = output (o = z * ny + y).

// One state per component.
struct Fold4 {
    x: State,
    y: State,
    z: State,
    w: State,
}

fn fold4(s: Fold4, w: vec4<u32>) -> Fold4 {
    return Fold4(merge(s.x, lane(w.x)), merge(s.y, lane(w.y)), merge(s.z, lane(w.z)), merge(s.w, lane(w.w)));
}

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
    var s = Fold4(ident(), ident(), ident(), ident());
    // A constant trip count for full lanes (see reduce_wide.wgsl).
    if (cnt == WIDE_K) {
        for (var j = 0u; j < WIDE_K; j = j + 1u) {
            s = fold4(s, b0[q + (j << 8u)]);
        }
    } else {
        for (var j = 0u; j < cnt; j = j + 1u) {
            s = fold4(s, b0[q + (j << 8u)]);
        }
    }
    var r = merge(merge(s.x, s.y), merge(s.z, s.w));
    if (wid.x + 1u == nwg.x && t < n - (n4 << 2u)) {
        r = merge(r, load(base.x + i32((n4 << 2u) + t), 0u));
    }
    emit(base.y + i32(wid.x * 256u + t), r);
}
