// Shared prelude of every ndgpu kernel: the launch metadata and the strided
// index math. Shape, strides and offsets arrive as data, so one compiled
// pipeline serves every shape and rank.
//
// Metadata layout (one array<u32> per launch; strides are i32 bit patterns,
// in elements; offsets are in elements inside the bound window):
//
// | word            | meaning                                          |
// |-----------------|--------------------------------------------------|
// | 0               | n: elements in this launch                       |
// | 1               | nd: axes after merging                           |
// | 2               | threads per grid row (num_workgroups.x * WG)     |
// | 3               | offset of operand 0                              |
// | 4               | offset of operand 1                              |
// | 5               | scalar a (fill value bits, arange start bits)    |
// | 6               | scalar b (arange step bits)                      |
// | 7               | block start: operand 0's offset minus the launch's |
// | 8 .. 8+nd       | shape, outermost axis first                      |
// | 8+nd .. 8+2nd   | strides of operand 0                             |
// | 8+2nd .. 8+3nd  | strides of operand 1                             |

@group(0) @binding(0) var<storage, read> params: array<u32>;

const WG: u32 = 256u;

// Linear element index of this invocation: launches wider than the
// per-dimension workgroup limit run as a 2-D grid of rows.
fn linear_id(gid: vec3<u32>) -> u32 {
    return gid.y * params[2] + gid.x;
}

// Buffer index of element `i` (logical C order) of operand 0.
fn offset1(i: u32) -> u32 {
    let nd = params[1];
    var rem = i;
    var at = i32(params[3]);
    for (var k = nd; k > 0u; k = k - 1u) {
        let len = params[7u + k];
        let idx = rem % len;
        rem = rem / len;
        at = at + i32(idx) * bitcast<i32>(params[7u + nd + k]);
    }
    return u32(at);
}

// Buffer indices of element `i` of operands 0 and 1 (one unravel for both).
fn offset2(i: u32) -> vec2<u32> {
    let nd = params[1];
    var rem = i;
    var a = i32(params[3]);
    var b = i32(params[4]);
    for (var k = nd; k > 0u; k = k - 1u) {
        let len = params[7u + k];
        let idx = i32(rem % len);
        rem = rem / len;
        a = a + idx * bitcast<i32>(params[7u + nd + k]);
        b = b + idx * bitcast<i32>(params[7u + 2u * nd + k]);
    }
    return vec2<u32>(u32(a), u32(b));
}
