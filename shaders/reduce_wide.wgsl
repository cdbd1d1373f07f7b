// Wide mapping: one workgroup per (output, chunk of WIDE_K * 256 inner
// elements). Invocation t folds elements t, t + 256, ... of the chunk (at
// most WIDE_K of them, in order), then the 256 states are combined as a
// 16-ary tree in workgroup memory (two barriers): floating-point sums are
// tree-shaped, so their error grows with log(n), not n.
// Grid: x = chunk, y and z = output (o = z * ny + y).

const WIDE_K: u32 = 16u;

var<workgroup> shv: array<Acc, 256>;
var<workgroup> shi: array<u32, 256>;

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
    let start = wid.x * (WIDE_K * 256u);
    let ib = param(8u);
    var s = ident();
    // Elements start + t + 256 j of the chunk, j < cnt: no test per element.
    let cnt = select(min((n - start - min(t, n - start) + 255u) / 256u, WIDE_K), 0u, start + t >= n);
    if (param(2u) == 1u) {
        let st = i_sin(0u);
        let w = i_w(0u);
        var rel = base.x + i32(start + t) * st;
        var ix = ib + (start + t) * w;
        for (var j = 0u; j < cnt; j = j + 1u) {
            s = merge(s, load(rel, ix));
            rel = rel + 256 * st;
            ix = ix + 256u * w;
        }
    } else {
        for (var j = 0u; j < cnt; j = j + 1u) {
            let e = inner_at(start + j * 256u + t);
            s = merge(s, load(base.x + e.at, ib + e.ix));
        }
    }
    shv[t] = s.v;
    shi[t] = s.i;
    workgroupBarrier();
    if (t < 16u) {
        var a = State(shv[t * 16u], shi[t * 16u]);
        for (var k = 1u; k < 16u; k = k + 1u) {
            a = merge(a, State(shv[t * 16u + k], shi[t * 16u + k]));
        }
        shv[t * 16u] = a.v;
        shi[t * 16u] = a.i;
    }
    workgroupBarrier();
    if (t == 0u) {
        var a = State(shv[0], shi[0]);
        for (var k = 1u; k < 16u; k = k + 1u) {
            a = merge(a, State(shv[k * 16u], shi[k * 16u]));
        }
        emit(base.y + i32(wid.x), a);
    }
}
