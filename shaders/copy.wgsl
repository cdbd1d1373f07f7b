// Strided copy between two buffers: operand 0 (src) is read through any
// strides (negative, zero, offset), operand 1 (dst) is written through its
// own. Elements move as raw words, so float bit patterns survive.
alias Elem = u32;

@group(0) @binding(1) var<storage, read> src: array<Elem>;
@group(0) @binding(2) var<storage, read_write> dst: array<Elem>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let i = linear_id(gid);
    if (i >= params[0]) {
        return;
    }
    let at = offset2(i);
    dst[at.y] = src[at.x];
}
