// Writes one value (scalar slot 0, raw bits) into every element of a
// strided view (operand 0).

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
    st0(loc.at.x, FILL_VALUE);
}
