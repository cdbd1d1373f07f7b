// Shared part of the matmul kernels (appended after the strided prelude and
// the generated ld0/ld1 (A, B: read) and ld2/st2 (C: written) accessors).
//
// Metadata layout of a matmul dispatch (u32 words; strides are i32 bit
// patterns in elements; offsets are in elements inside each bound window):
//
// | word              | meaning                                               |
// |-------------------|-------------------------------------------------------|
// | 0, 1, 2           | M, N, K of this dispatch                              |
// | 3                 | 1: add into C's current values (later K chunks)       |
// | 4                 | nb: batch axes (after merging)                        |
// | 5, 6, 7           | offsets of A, B, C                                    |
// | 8, 9              | A's row stride, A's K stride                          |
// | 10, 11            | B's K stride, B's column stride                       |
// | 12, 13            | C's row stride, C's column stride                     |
// | 14                | tiled kernel: 1 when A is read K-fastest               |
// | 15                | tiled kernel: 1 when B is read K-fastest               |
// | 16, 17            | direct kernel: rows of an invocation's block are      |
// |                   | row0 + i * w17, row0 = tile + lid.y * w16             |
// | 18, 19            | the same for columns (lid.x)                          |
// | 20 .. 20+nb       | batch shape, outermost first                          |
// | 20+nb .. 20+4nb   | batch strides of A, then B, then C                    |
//
// Grid: x over column blocks, y over row blocks, z over the batch (one
// workgroup layer per batch element of the dispatch).

const MM_HEADER: u32 = 20u;

fn mm_stride(k: u32) -> i32 {
    return bitcast<i32>(param(k));
}

// Element offsets of A, B and C for batch element `z` of this dispatch.
fn mm_base(z: u32) -> vec3<i32> {
    let nb = param(4u);
    var at = vec3<i32>(i32(param(5u)), i32(param(6u)), i32(param(7u)));
    var rest = z;
    for (var t = nb; t > 0u; t = t - 1u) {
        let len = param(MM_HEADER + t - 1u);
        let idx = i32(rest % len);
        rest = rest / len;
        at.x = at.x + idx * mm_stride(MM_HEADER + nb + t - 1u);
        at.y = at.y + idx * mm_stride(MM_HEADER + 2u * nb + t - 1u);
        at.z = at.z + idx * mm_stride(MM_HEADER + 3u * nb + t - 1u);
    }
    return at;
}

// What both kernels read of the metadata first: sizes, the batch element's
// offsets of A, B and C, and the row/K/column strides.
struct MmDims {
    m: u32,
    n: u32,
    kk: u32,
    base: vec3<i32>,
    sar: i32,
    sak: i32,
    sbk: i32,
    sbn: i32,
    scr: i32,
    scn: i32,
}

fn mm_dims(z: u32) -> MmDims {
    return MmDims(
        param(0u),
        param(1u),
        param(2u),
        mm_base(z),
        mm_stride(8u),
        mm_stride(9u),
        mm_stride(10u),
        mm_stride(11u),
        mm_stride(12u),
        mm_stride(13u),
    );
}
