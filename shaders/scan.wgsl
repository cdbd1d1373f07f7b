// The chunk walk of the scan family (src/compute/scan/). The generator puts
// the strided prelude (for `param`), the accessors and the pass's helpers
// first: `Acc`, `ident`, `comb`, `value` (an input element as an Acc),
// `carry` (the scanned total of the chunks before), `visit` (what the pass
// does at one element: fold, write the running result, or write a
// compacted entry) and `total` (the chunk's fold, for the totals pass),
// and the constants CARRY, INNER1, ROW_FAST, TOTALS, UNROLL and WORDS
// (with `word` and `visit_word`, for counting packed bytes a word at a time).
//
// A batch of rows: row r scans the L elements at inner positions 0..L of
// its input, in C order of the inner axes. Invocation g takes chunk c of
// row r (c = g % chunks, r = g / chunks; or the other way round with
// ROW_FAST) and walks its CHUNK elements in order.
//
// Metadata words (strides are i32 bit patterns in elements of their
// binding; offsets are in elements inside the bound window):
//
// | word  | meaning                                                        |
// |-------|----------------------------------------------------------------|
// | 0     | L: elements per row                                            |
// | 1     | p: kept (outer) axes                                           |
// | 2     | q: scanned (inner) axes, at least 1                            |
// | 3     | rows in this dispatch                                          |
// | 4     | input offset of the dispatch's origin                          |
// | 5     | offset of the totals / carry array (`[row][chunk]`, dense)     |
// | 6     | output offset of the dispatch's origin                         |
// | 7     | chunks per row                                                 |
// | 8     | first chunk of this dispatch                                   |
// | 9     | chunks per row in this dispatch                                |
// | 10    | output stride along the scan                                   |
// | 11    | u: axes of the unravel table (compaction)                      |
// | 12 .. | outer lengths, input strides, output strides, totals strides   |
// |       | (in rows of the dense totals array) (p each); inner lengths,   |
// |       | input strides (q each); unravel lengths and weights (u each)   |

const SH: u32 = 12u;
const CHUNK: u32 = 128u;

// Bit 8b + 7 set for each non-zero byte b of `w`.
fn nonzero_bytes(w: u32) -> u32 {
    return (((w & 0x7f7f7f7fu) + 0x7f7f7f7fu) | w) & 0x80808080u;
}

fn o_len(k: u32) -> u32 {
    return param(SH + k);
}
fn o_sin(k: u32) -> u32 {
    return param(SH + param(1u) + k);
}
fn o_sout(k: u32) -> u32 {
    return param(SH + 2u * param(1u) + k);
}
fn o_stot(k: u32) -> u32 {
    return param(SH + 3u * param(1u) + k);
}
fn i_len(k: u32) -> u32 {
    return param(SH + 4u * param(1u) + k);
}
fn i_sin(k: u32) -> u32 {
    return param(SH + 4u * param(1u) + param(2u) + k);
}
fn u_len(k: u32) -> u32 {
    return param(SH + 4u * param(1u) + 2u * param(2u) + k);
}
fn u_w(k: u32) -> u32 {
    return param(SH + 4u * param(1u) + 2u * param(2u) + param(11u) + k);
}

// Input index (relative) of inner position `lin * len(last)`: the axes
// before the last one.
fn inner_base(lin: u32) -> u32 {
    var rem = lin;
    var at = 0u;
    for (var k = param(2u) - 1u; k > 0u; k = k - 1u) {
        let len = i_len(k - 1u);
        at = at + (rem % len) * i_sin(k - 1u);
        rem = rem / len;
    }
    return at;
}

@compute @workgroup_size(256, 1, 1)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) t: u32,
) {
    let g = (wid.y * nwg.x + wid.x) * 256u + t;
    let rows = param(3u);
    let nchb = param(9u);
    if (g >= rows * nchb) {
        return;
    }
    var row: u32;
    var cl: u32;
    if (ROW_FAST) {
        row = g % rows;
        cl = g / rows;
    } else {
        cl = g % nchb;
        row = g / nchb;
    }
    let ch = param(8u) + cl;
    var rem = row;
    var a_in = param(4u);
    var a_out = param(6u);
    var dense = 0u;
    for (var k = param(1u); k > 0u; k = k - 1u) {
        let len = o_len(k - 1u);
        let i = rem % len;
        rem = rem / len;
        a_in = a_in + i * o_sin(k - 1u);
        a_out = a_out + i * o_sout(k - 1u);
        dense = dense + i * o_stot(k - 1u);
    }
    let tot = param(5u) + dense * param(7u) + ch;
    let n = param(0u);
    let j0 = ch * CHUNK;
    let j1 = min(j0 + CHUNK, n);
    var acc = ident();
    if (CARRY && ch > 0u) {
        acc = carry(tot - 1u);
    }
    let so = param(10u);
    var o = a_out + j0 * so;
    if (WORDS) {
        // Packed bytes at unit stride from a word boundary: a word (four
        // elements) at a time; the last word of a short chunk is masked.
        let w0 = (a_in + j0) >> 2u;
        let nw = (j1 - j0 + 3u) >> 2u;
        for (var k = 0u; k < nw; k = k + 1u) {
            var t = nonzero_bytes(word(w0 + k));
            let left = j1 - j0 - 4u * k;
            if (left < 4u) {
                t = t & ((1u << (8u * left)) - 1u);
            }
            acc = visit_word(acc, j0 + 4u * k, t);
        }
    } else if (INNER1) {
        let s = i_sin(0u);
        var at = a_in + j0 * s;
        // A constant trip count for full chunks: lavapipe runs a loop whose
        // count varies between invocations at about half the speed.
        if (UNROLL && j1 - j0 == CHUNK) {
            // Four elements an iteration (not for compaction, whose visit
            // holds a loop of its own).
            for (var k = 0u; k < CHUNK; k = k + 4u) {
                acc = visit(acc, j0 + k, at, o);
                acc = visit(acc, j0 + k + 1u, at + s, o + so);
                acc = visit(acc, j0 + k + 2u, at + 2u * s, o + 2u * so);
                acc = visit(acc, j0 + k + 3u, at + 3u * s, o + 3u * so);
                at = at + 4u * s;
                o = o + 4u * so;
            }
        } else if (j1 - j0 == CHUNK) {
            for (var k = 0u; k < CHUNK; k = k + 1u) {
                acc = visit(acc, j0 + k, at, o);
                at = at + s;
                o = o + so;
            }
        } else {
            for (var j = j0; j < j1; j = j + 1u) {
                acc = visit(acc, j, at, o);
                at = at + s;
                o = o + so;
            }
        }
    } else {
        // An odometer on the last inner axis; the others are recomputed
        // when it wraps.
        let q = param(2u);
        let ll = i_len(q - 1u);
        let sl = i_sin(q - 1u);
        var last = j0 % ll;
        var base = a_in + inner_base(j0 / ll);
        for (var j = j0; j < j1; j = j + 1u) {
            acc = visit(acc, j, base + last * sl, o);
            o = o + so;
            last = last + 1u;
            if (last == ll) {
                last = 0u;
                base = a_in + inner_base((j + 1u) / ll);
            }
        }
    }
    if (TOTALS) {
        total(tot, acc);
    }
}
