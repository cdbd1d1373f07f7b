// Strided copy inside one buffer (WebGPU forbids binding one buffer as both
// read-only and read-write storage in a dispatch). The caller guarantees the
// source and destination elements are disjoint; overlapping assignments are
// staged through a temporary first.
alias Elem = u32;

@group(0) @binding(1) var<storage, read_write> buf: array<Elem>;

@compute @workgroup_size(16, 16, 1)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_id) lid: vec3<u32>,
    @builtin(local_invocation_index) lindex: u32,
) {
    let loc = locate(wid, nwg, lid, lindex);
    if (!loc.ok) {
        return;
    }
    buf[loc.b] = buf[loc.a];
}
