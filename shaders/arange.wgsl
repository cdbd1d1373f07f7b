// arange on the device: element k of a fresh contiguous buffer gets
// start + k * step, computed in the element type (scalars a and b are the
// bit patterns of start and step), as NumPy's fill does. A launch split into
// blocks passes each block's start (word 7), so k = block start + i.
alias Elem = f32;

@group(0) @binding(1) var<storage, read_write> dst: array<Elem>;

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
    let start = bitcast<Elem>(param(5));
    let step = bitcast<Elem>(param(6));
    let k = bitcast<i32>(param(7)) + i32(loc.i);
    dst[loc.a] = start + Elem(k) * step;
}
