// Strided copy inside one buffer (WebGPU forbids binding one buffer as both
// read-only and read-write storage in a dispatch). The caller guarantees the
// source and destination elements are disjoint; overlapping assignments are
// staged through a temporary first.
alias Elem = u32;

@group(0) @binding(1) var<storage, read_write> buf: array<Elem>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let i = linear_id(gid);
    if (i >= params[0]) {
        return;
    }
    let at = offset2(i);
    buf[at.y] = buf[at.x];
}
