// Shared part of the reduction kernels (src/reduce.rs). The generator puts
// the strided prelude (for `param`) and the per-operand accessors first,
// then type-specific helpers (`Acc`, `State`, `ident`, `merge`, `load`,
// `emit`), then this file and one of the work mappings
// (reduce_wide.wgsl, reduce_narrow.wgsl).
//
// A launch block reduces, for each of its `n_outer` outputs, the `n_inner`
// elements of an inner box. Positions are split in an outer part (which
// output) and an inner part (which reduced element); both are decomposed
// from a linear index over their own axes, outermost first.
//
// Metadata words (a uniform block; strides are i32 bit patterns in elements
// of their binding, offsets are in elements inside the bound window):
//
// | word              | meaning                                                |
// |-------------------|--------------------------------------------------------|
// | 0                 | n_inner: elements reduced per output in this block     |
// | 1                 | p: outer rank                                          |
// | 2                 | q: inner rank                                          |
// | 3                 | n_outer: outputs in this block                         |
// | 4                 | input offset of the block origin                       |
// | 5                 | index-input offset (argmin/argmax partials)            |
// | 6                 | output offset of the block origin                      |
// | 7                 | index-output offset (argmin/argmax partials)           |
// | 8                 | logical index of the block's inner origin (arg, pass 1)|
// | 9                 | log2 of the lanes per output (wide mapping)            |
// | 10                | reserved                                               |
// | 11, 12            | element count for `mean` (low, high word)              |
// | 13 ..             | outer shape, outer input strides, outer output strides |
// |                   | (p each), inner shape, inner input strides, inner      |
// |                   | logical-index weights (q each)                         |
//
// A chunk `c` of an output (grid x in the wide mapping, y in the narrow one)
// writes to output position `origin + outer + c` (narrow) or
// `origin + outer + c * lanes + lane` (wide): partial results are laid out
// [output][slot], and a final launch has one slot.

const RH: u32 = 13u;

fn o_len(k: u32) -> u32 {
    return param(RH + k);
}
fn o_sin(k: u32) -> i32 {
    return bitcast<i32>(param(RH + param(1u) + k));
}
fn o_sout(k: u32) -> i32 {
    return bitcast<i32>(param(RH + 2u * param(1u) + k));
}
fn i_len(k: u32) -> u32 {
    return param(RH + 3u * param(1u) + k);
}
fn i_sin(k: u32) -> i32 {
    return bitcast<i32>(param(RH + 3u * param(1u) + param(2u) + k));
}
fn i_w(k: u32) -> u32 {
    return param(RH + 3u * param(1u) + 2u * param(2u) + k);
}

// Input (x) and output (y) position of output `o` relative to the block origin.
// With OUTER1 (at most one kept axis, fixed per program) it is a product:
// no division per invocation (lavapipe has no vector division and runs one
// per lane). With no kept axis `o` is 0, whatever the word read as a stride.
fn outer_at(o: u32) -> vec2<i32> {
    if (OUTER1) {
        return vec2<i32>(i32(o) * o_sin(0u), i32(o) * o_sout(0u));
    }
    var rem = o;
    var a = 0i;
    var b = 0i;
    for (var k = param(1u); k > 0u; k = k - 1u) {
        let len = o_len(k - 1u);
        let i = rem % len;
        rem = rem / len;
        a = a + i32(i) * o_sin(k - 1u);
        b = b + i32(i) * o_sout(k - 1u);
    }
    return vec2<i32>(a, b);
}

struct Pos {
    at: i32,
    ix: u32,
}

// Input position and logical-index contribution of inner element `lin`.
fn inner_at(lin: u32) -> Pos {
    var r: Pos;
    let q = param(2u);
    if (q == 1u) {
        r.at = i32(lin) * i_sin(0u);
        r.ix = lin * i_w(0u);
        return r;
    }
    var rem = lin;
    r.at = 0i;
    r.ix = 0u;
    for (var k = q; k > 0u; k = k - 1u) {
        let len = i_len(k - 1u);
        let i = rem % len;
        rem = rem / len;
        r.at = r.at + i32(i) * i_sin(k - 1u);
        r.ix = r.ix + i * i_w(k - 1u);
    }
    return r;
}
