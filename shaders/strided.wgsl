// Shared prelude of every ndgpu kernel: the launch metadata and the strided
// index math. Shape, strides and offsets arrive as data, so one compiled
// pipeline serves every shape and rank. The generator (src/codegen.rs)
// appends `const NOPS` (the operand count), the data bindings, the
// per-operand load/store functions `ldK`/`stK`, and a kernel body.
//
// Metadata layout (a uniform block of u32 words; strides are i32 bit
// patterns, in elements; offsets are in elements inside the bound window):
//
// | word                 | meaning                                            |
// |----------------------|----------------------------------------------------|
// | 0                    | n: elements in this launch block                   |
// | 1                    | nd: axes after merging                             |
// | 2                    | reserved (0)                                       |
// | 3                    | block start: operand 0's offset minus the launch's |
// | 4 .. 8               | offsets of operands 0..3                           |
// | 8 .. 12              | scalar slots 0..3 (a 64-bit scalar takes two)      |
// | 12 .. 12+nd          | shape, outermost axis first                        |
// | 12+(1+k)nd .. +nd    | strides of operand k (k < 4)                       |
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
// words per array element, room for 12 + 5 * 64 words (rank 64).
@group(0) @binding(0) var<uniform> meta_words: array<vec4<u32>, 83>;

const WG: u32 = 256u;
const TILE: u32 = 16u;
const HEADER: u32 = 12u;

fn param(k: u32) -> u32 {
    return meta_words[k >> 2u][k & 3u];
}

fn shape_at(k: u32) -> u32 {
    return param(HEADER + k);
}

// Operand k's stride along axis a, as the raw bits of an i32: index
// arithmetic wraps in u32.
fn stride_word(operand: u32, k: u32) -> u32 {
    return param(HEADER + (1u + operand) * param(1u) + k);
}

// Where an invocation's element is: `ok` is false for the padding
// invocations of a partial tile or of the last workgroup.
struct Loc {
    ok: bool,
    // position in a rank-0/1 launch (elements before it in this block)
    i: u32,
    // buffer index of the element in each operand's window
    at: vec4<u32>,
}

// `locate` for a rank-1 launch whose operands all have stride 1 (the vec4
// programs): no stride is read and nothing is multiplied.
fn locate_run(wid: vec3<u32>, nwg: vec3<u32>, lindex: u32) -> Loc {
    var loc: Loc;
    let i = (wid.y * nwg.x + wid.x) * WG + lindex;
    loc.ok = i < param(0u);
    loc.i = i;
    loc.at = vec4<u32>(param(4u), param(5u), param(6u), param(7u)) + vec4<u32>(i);
    return loc;
}

// `locate_run` when every operand also starts at its window's start: the
// index is the position itself. Offsets added at run time cost lavapipe
// about a tenth of a contiguous op's throughput (its vectoriser no longer
// sees one run), so the launcher binds windows to start at the operands
// whenever the storage offset alignment allows.
fn locate_run0(wid: vec3<u32>, nwg: vec3<u32>, lindex: u32) -> Loc {
    var loc: Loc;
    let i = (wid.y * nwg.x + wid.x) * WG + lindex;
    loc.ok = i < param(0u);
    loc.i = i;
    loc.at = vec4<u32>(i);
    return loc;
}

// Rank class of this instantiation (the launcher picks one per dispatch,
// `codegen::rank_variant`): 1 for launches of rank 0 or 1, 2 for rank 2,
// 3 for rank 3 and up; 0 decides from the metadata at run time. lavapipe
// runs a kernel whose locate merely contains the code for other ranks at
// about half the speed, even when that code is never taken.
const RANK: u32 = 0u;

// Rank 0 or 1: the next element in order (operand k's stride at word
// 13 + k; a rank-0 launch has one element, i = 0).
fn locate_flat(wid: vec3<u32>, nwg: vec3<u32>, lindex: u32) -> Loc {
    var loc: Loc;
    let i = (wid.y * nwg.x + wid.x) * WG + lindex;
    loc.ok = i < param(0u);
    loc.i = i;
    var at = vec4<u32>(param(4u), param(5u), param(6u), param(7u));
    for (var o = 0u; o < NOPS; o = o + 1u) {
        at[o] = at[o] + i * param(HEADER + 1u + o);
    }
    loc.at = at;
    return loc;
}

// Rank 2: a 16 x 16 tile; shape at words 12, 13, operand k's strides at
// 14 + 2k, 15 + 2k.
fn locate_2(wid: vec3<u32>, lid: vec3<u32>) -> Loc {
    var loc: Loc;
    let r = wid.y * TILE + lid.y;
    let c = wid.x * TILE + lid.x;
    loc.ok = r < param(HEADER) && c < param(HEADER + 1u);
    loc.i = 0u;
    var at = vec4<u32>(param(4u), param(5u), param(6u), param(7u));
    for (var o = 0u; o < NOPS; o = o + 1u) {
        at[o] = at[o] + r * param(HEADER + 2u + 2u * o) + c * param(HEADER + 3u + 2u * o);
    }
    loc.at = at;
    return loc;
}

// Rank 3 and up: a tile of the two innermost axes, the grid's z over the
// outer ones.
fn locate_nd(wid: vec3<u32>, lid: vec3<u32>) -> Loc {
    var loc: Loc;
    let nd = param(1u);
    var at = vec4<u32>(param(4u), param(5u), param(6u), param(7u));
    let r = wid.y * TILE + lid.y;
    let c = wid.x * TILE + lid.x;
    loc.ok = r < shape_at(nd - 2u) && c < shape_at(nd - 1u);
    loc.i = 0u;
    var batch = wid.z;
    for (var k = nd - 2u; k > 0u; k = k - 1u) {
        let len = shape_at(k - 1u);
        let idx = batch % len;
        batch = batch / len;
        for (var o = 0u; o < NOPS; o = o + 1u) {
            at[o] = at[o] + idx * stride_word(o, k - 1u);
        }
    }
    for (var o = 0u; o < NOPS; o = o + 1u) {
        at[o] = at[o] + r * stride_word(o, nd - 2u) + c * stride_word(o, nd - 1u);
    }
    loc.at = at;
    return loc;
}

// Index arithmetic is in u32 throughout: strides are i32 bit patterns, and
// wrapping products and sums land on the same (in-window) index.
fn locate(wid: vec3<u32>, nwg: vec3<u32>, lid: vec3<u32>, lindex: u32) -> Loc {
    if (RANK == 1u) {
        return locate_flat(wid, nwg, lindex);
    }
    if (RANK == 2u) {
        return locate_2(wid, lid);
    }
    if (RANK == 3u) {
        return locate_nd(wid, lid);
    }
    let nd = param(1u);
    if (nd < 2u) {
        return locate_flat(wid, nwg, lindex);
    }
    if (nd == 2u) {
        return locate_2(wid, lid);
    }
    return locate_nd(wid, lid);
}
