// Narrow mapping: one invocation per (output, chunk of NARROW_CHUNK inner
// elements), folding its chunk in order; neighbouring invocations serve
// neighbouring outputs, so an input whose outputs are closer in memory than
// its reduced elements (a reduction over a leading axis) is read in runs.
// Grid: x and z = output / 256 (o = (z * nx + x) * 256 + t), y = chunk.

const NARROW_CHUNK: u32 = 128u;

@compute @workgroup_size(256, 1, 1)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) t: u32,
) {
    let o = (wid.z * nwg.x + wid.x) * 256u + t;
    if (o >= param(3u)) {
        return;
    }
    let base = outer_at(o);
    let n = param(0u);
    let start = wid.y * NARROW_CHUNK;
    let end = min(start + NARROW_CHUNK, n);
    let ib = param(8u);
    var s = ident();
    if (INNER1) {
        let st = i_sin(0u);
        let w = i_w(0u);
        for (var lin = start; lin < end; lin = lin + 1u) {
            s = merge(s, load(base.x + i32(lin) * st, ib + lin * w));
        }
    } else {
        for (var lin = start; lin < end; lin = lin + 1u) {
            let e = inner_at(lin);
            s = merge(s, load(base.x + e.at, ib + e.ix));
        }
    }
    emit(base.y + i32(wid.y), s);
}
