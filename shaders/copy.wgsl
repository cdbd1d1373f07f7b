// Strided copy between two buffers: operand 0 (src) is read through any
// strides (negative, zero, offset), operand 1 (dst) is written through its
// own. Elements move as raw words, so float bit patterns survive.
alias Elem = u32;

@group(0) @binding(1) var<storage, read> src: array<Elem>;
@group(0) @binding(2) var<storage, read_write> dst: array<Elem>;

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
    dst[loc.b] = src[loc.a];
}
