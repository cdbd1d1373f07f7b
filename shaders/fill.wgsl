// Writes one value (scalar a, as raw bits) into every element of a strided
// view (operand 0).
alias Elem = u32;

@group(0) @binding(1) var<storage, read_write> dst: array<Elem>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let i = linear_id(gid);
    if (i >= params[0]) {
        return;
    }
    dst[offset1(i)] = bitcast<Elem>(params[5]);
}
