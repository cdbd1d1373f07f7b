// Element-wise map: every output element (the last operand) is EXPR of the
// input elements at the same position, loaded in their compute types as
// x0, x1, ... (an input may also be a scalar from the metadata). Broadcast
// inputs simply have zero strides; the launcher has merged and reordered
// the axes so that the output is walked in order.

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
    LOADS
    STORE;
}
