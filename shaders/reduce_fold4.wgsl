// The 16-byte-load reductions (reduce_wide4.wgsl, reduce_narrow4.wgsl):
// one running state per component of a loaded vec4<u32>, and folding a
// loaded vec4 into them. Uses State, merge and lane from the program's
// header.

struct Fold4 {
    x: State,
    y: State,
    z: State,
    w: State,
}

fn fold4(s: Fold4, w: vec4<u32>) -> Fold4 {
    return Fold4(merge(s.x, lane(w.x)), merge(s.y, lane(w.y)), merge(s.z, lane(w.z)), merge(s.w, lane(w.w)));
}
