// arange on the device: element k of a fresh contiguous buffer gets
// START + k * STEP, computed in the compute type CT as NumPy's fill loops
// do. A launch split into blocks passes each block's start (word 3), so
// k = block start + i.

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
    let k = param(3u) + loc.i;
    st0(loc.at.x, START + CT(k) * STEP);
}
