// arange on the device: element k of a fresh contiguous buffer gets
// start + k * step, computed in the element type (scalars a and b are the
// bit patterns of start and step), as NumPy's fill does. A launch split into
// blocks passes each block's start (word 7), so k = block start + i.
alias Elem = f32;

@group(0) @binding(1) var<storage, read_write> dst: array<Elem>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let i = linear_id(gid);
    if (i >= params[0]) {
        return;
    }
    let start = bitcast<Elem>(params[5]);
    let step = bitcast<Elem>(params[6]);
    let k = bitcast<i32>(params[7]) + i32(i);
    dst[params[3] + i] = start + Elem(k) * step;
}
