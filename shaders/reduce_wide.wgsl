// Wide mapping: L lanes per output (L a power of two, 1 ..= 256, 2^word 9),
// 256 / L outputs per workgroup. A chunk of an output is L * K of its
// reduced elements (K, the constant WIDE_K the generator puts before this
// file, is 16 or more: partials take at most 1/16 of the bytes read); lane
// l folds elements l, l + L,
// l + 2L, ... of the chunk (at most K, in order) and emits its own partial
// state, to
// slot `chunk * L + l`. There is no workgroup barrier: on lavapipe a
// barrier costs more than the partials it saves writing, and neighbouring
// lanes still read neighbouring elements of a contiguous input. The
// launcher runs passes until one slot is left per output (L = 1 and one
// chunk), so sums are K-ary trees: the error grows with log(n).
// Grid: x = chunk, y and z = workgroup of outputs (g = z * ny + y).

@compute @workgroup_size(256, 1, 1)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) t: u32,
) {
    let shift = param(9u);
    let k = WIDE_K;
    let lanes = 1u << shift;
    let l = t & (lanes - 1u);
    let o = ((wid.z * nwg.y + wid.y) << (8u - shift)) + (t >> shift);
    if (o >= param(3u)) {
        return;
    }
    let base = outer_at(o);
    let n = param(0u);
    let first = wid.x * (k << shift) + l;
    let ib = param(8u);
    var s = ident();
    // Elements first + lanes * j, j < cnt: no test per element.
    let cnt = select(min((n - first + lanes - 1u) >> shift, k), 0u, first >= n);
    if (INNER1) {
        let st = i_sin(0u);
        let w = i_w(0u);
        let rel = base.x + i32(first) * st;
        let ix = ib + first * w;
        let dr = i32(lanes) * st;
        let dx = lanes * w;
        // A constant trip count for full lanes: lavapipe runs a loop whose
        // count varies between invocations at about half the speed.
        if (cnt == WIDE_K) {
            for (var j = 0u; j < WIDE_K; j = j + 1u) {
                s = merge(s, load(rel + i32(j) * dr, ix + j * dx));
            }
        } else {
            for (var j = 0u; j < cnt; j = j + 1u) {
                s = merge(s, load(rel + i32(j) * dr, ix + j * dx));
            }
        }
    } else {
        for (var j = 0u; j < cnt; j = j + 1u) {
            let e = inner_at(first + (j << shift));
            s = merge(s, load(base.x + e.at, ib + e.ix));
        }
    }
    emit(base.y + i32(wid.x * lanes + l), s);
}
