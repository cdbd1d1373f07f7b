// Narrow mapping, four outputs per load: the first pass over 4-byte
// elements whose innermost kept axis is contiguous (stride 1, a multiple
// of 4 long) and whose other strides, reduced ones included, and origin
// are multiples of 4 in a 16-byte aligned window (the launcher checks):
// a sum over a leading axis of a C-contiguous array. An invocation owns
// four neighbouring outputs (a vec4 of columns) and walks a chunk of
// COL_CHUNK reduced elements down them, one 16-byte load per step,
// folding each component in order; neighbouring invocations read
// neighbouring vec4s (coalesced on a GPU), and a full chunk is a loop of
// constant trip count (lavapipe runs a varying one at about half speed).
// Each output's state goes to slot `chunk` ([output][slot], as in
// reduce_narrow.wgsl).
// Grid: x and z = group of four outputs / 256 (g = (z * nx + x) * 256 + t),
// y = chunk.

@compute @workgroup_size(256, 1, 1)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) t: u32,
) {
    let o = ((wid.z * nwg.x + wid.x) * 256u + t) << 2u;
    if (o >= param(3u)) {
        return;
    }
    let base = outer_at(o);
    let n = param(0u);
    let start = wid.y * COL_CHUNK;
    let end = min(start + COL_CHUNK, n);
    let at0 = u32(i32(param(4u)) + base.x);
    var s = Fold4(ident(), ident(), ident(), ident());
    if (INNER1) {
        let st = i_sin(0u);
        let q = at0 + u32(i32(start) * st);
        if (end - start == COL_CHUNK) {
            for (var j = 0u; j < COL_CHUNK; j = j + 1u) {
                s = fold4(s, load4((q + u32(i32(j) * st)) >> 2u));
            }
        } else {
            for (var j = 0u; j < end - start; j = j + 1u) {
                s = fold4(s, load4((q + u32(i32(j) * st)) >> 2u));
            }
        }
    } else {
        for (var lin = start; lin < end; lin = lin + 1u) {
            let e = inner_at(lin);
            s = fold4(s, load4((at0 + u32(e.at)) >> 2u));
        }
    }
    // The four outputs along the innermost kept axis.
    let so = o_sout(param(1u) - 1u);
    let y = base.y + i32(wid.y);
    emit(y, s.x);
    emit(y + so, s.y);
    emit(y + 2i * so, s.z);
    emit(y + 3i * so, s.w);
}
