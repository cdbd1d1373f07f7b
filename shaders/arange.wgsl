// arange on the device: element i of a fresh contiguous buffer gets
// start + i * step, computed in the element type (scalars a and b are the
// bit patterns of start and step), as NumPy's fill does.
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
    dst[params[3] + i] = start + Elem(i) * step;
}
