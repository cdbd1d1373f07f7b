// Strided copy: operand 0 is read through any strides (negative, zero,
// offset), operand 1 is written through its own. Raw bits move, so float
// payloads survive. When both operands share one binding the caller has
// made sure their elements are disjoint (overlaps are staged first).

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
    st1(loc.at.y, ld0(loc.at.x));
}
