// Shared prelude of every ndgpu kernel: the launch metadata and the strided
// index math. Shape, strides and offsets arrive as data, so one compiled
// pipeline serves every shape and rank.
//
// Metadata layout (one array<u32> per launch; strides are i32 bit patterns,
// in elements; offsets are in elements inside the bound window):
//
// | word            | meaning                                             |
// |-----------------|-----------------------------------------------------|
// | 0               | n: elements in this launch                          |
// | 1               | nd: axes after merging                              |
// | 2               | reserved (0)                                        |
// | 3               | offset of operand 0                                 |
// | 4               | offset of operand 1                                 |
// | 5               | scalar a (fill value bits, arange start bits)       |
// | 6               | scalar b (arange step bits)                         |
// | 7               | block start: operand 0's offset minus the launch's  |
// | 8 .. 8+nd       | shape, outermost axis first                         |
// | 8+nd .. 8+2nd   | strides of operand 0                                |
// | 8+2nd .. 8+3nd  | strides of operand 1                                |
//
// Work mapping (workgroups are 16 x 16 = 256 invocations): a launch of
// rank 0 or 1 gives each invocation the next element in order, over a 2-D
// grid of workgroups when one row of the grid is not enough. A launch of
// rank >= 2 gives each workgroup a 16 x 16 tile of the two innermost axes,
// with the grid's x and y over the tiles and z over the outer axes (the
// launcher keeps each within the per-dimension limit). The tile serves both
// an operand contiguous along the last axis and one contiguous along the
// second-to-last (a transpose) with cache-friendly runs, and the mapping
// needs no integer division, which is slow on many GPUs and on lavapipe.

// Uniform, so that every invocation reads the metadata as one constant: 4
// words per array element, room for 8 + 3 * 64 words (rank 64).
@group(0) @binding(0) var<uniform> meta_words: array<vec4<u32>, 50>;

fn param(k: u32) -> u32 {
    return meta_words[k >> 2u][k & 3u];
}

const WG: u32 = 256u;
const TILE: u32 = 16u;

// Where an invocation's element is: `ok` is false for the padding
// invocations of a partial tile or of the last workgroup.
struct Loc {
    ok: bool,
    // position in a rank-0/1 launch (the element count before it)
    i: u32,
    // buffer index of the element in operand 0 and operand 1
    a: u32,
    b: u32,
}

fn shape_at(k: u32) -> u32 {
    return param(8u + k);
}

fn stride_at(operand: u32, k: u32) -> i32 {
    let nd = param(1);
    return bitcast<i32>(param(8u + (1u + operand) * nd + k));
}

fn locate(wid: vec3<u32>, nwg: vec3<u32>, lid: vec3<u32>, lindex: u32) -> Loc {
    var loc: Loc;
    let nd = param(1);
    var a = i32(param(3));
    var b = i32(param(4));
    if (nd < 2u) {
        let i = (wid.y * nwg.x + wid.x) * WG + lindex;
        loc.ok = i < param(0);
        loc.i = i;
        if (nd == 1u) {
            a = a + i32(i) * stride_at(0u, 0u);
            b = b + i32(i) * stride_at(1u, 0u);
        }
    } else {
        let r = wid.y * TILE + lid.y;
        let c = wid.x * TILE + lid.x;
        loc.ok = r < shape_at(nd - 2u) && c < shape_at(nd - 1u);
        loc.i = 0u;
        var batch = wid.z;
        for (var k = nd - 2u; k > 0u; k = k - 1u) {
            let len = shape_at(k - 1u);
            let idx = i32(batch % len);
            batch = batch / len;
            a = a + idx * stride_at(0u, k - 1u);
            b = b + idx * stride_at(1u, k - 1u);
        }
        a = a + i32(r) * stride_at(0u, nd - 2u) + i32(c) * stride_at(0u, nd - 1u);
        b = b + i32(r) * stride_at(1u, nd - 2u) + i32(c) * stride_at(1u, nd - 1u);
    }
    loc.a = u32(a);
    loc.b = u32(b);
    return loc;
}
