//! Unit tests of the matmul planner and naga validation of every matmul
//! program.

use super::*;

#[test]
fn every_matmul_instantiation_validates() {
    for d in DType::ALL {
        for k in [MatmulKernel::Direct, MatmulKernel::Tiled] {
            codegen::tests::validate(&kernel(d, k, false).program);
            codegen::tests::validate(&kernel(d, k, true).program);
        }
    }
    for d in [DType::F32, DType::I32, DType::U32] {
        for s in VEC4_SHAPES {
            for a_k in [false, true] {
                for b_k in [false, true] {
                    codegen::tests::validate(&vec4_kernel(d, Vec4Shape { a_k, b_k, ..s }).program);
                }
            }
        }
    }
}

fn blk(m: usize, n: usize, k: usize, s: [isize; 6]) -> Block {
    Block {
        batch: vec![],
        bstrides: [vec![], vec![], vec![]],
        off: [0, 0, 0],
        m,
        n,
        k,
        s,
        accumulate: false,
    }
}

/// Every (i, j, k) triple of a plan, with the A, B, C indices it uses,
/// and whether each output's first K chunk comes before the others.
fn visits(blocks: &[Block]) -> Vec<(isize, isize, isize)> {
    let mut v = Vec::new();
    for b in blocks {
        for i in 0..b.m as isize {
            for j in 0..b.n as isize {
                for k in 0..b.k as isize {
                    v.push((
                        b.off[0] + i * b.s[0] + k * b.s[1],
                        b.off[1] + k * b.s[2] + j * b.s[3],
                        b.off[2] + i * b.s[4] + j * b.s[5],
                    ));
                }
            }
        }
    }
    v.sort();
    v
}

#[test]
fn plans_split_until_spans_fit_and_keep_every_product() {
    // A transposed (row stride 1, K stride 40): only a K split shrinks it.
    let whole = blk(40, 30, 50, [1, 40, 30, 1, 30, 1]);
    let mut out = Vec::new();
    plan(whole.clone(), 300, 65535, (4, 4), &mut out);
    assert!(out.len() > 1);
    for b in &out {
        for o in 0..3 {
            let (lo, hi) = b.span(o);
            assert!(hi - lo < 300, "operand {o} span {lo}..={hi}");
        }
    }
    assert_eq!(visits(&out), visits(&[whole]));
    // The first K chunk of every output region is not accumulating and
    // comes before the chunks that are.
    let mut seen = std::collections::HashSet::new();
    for b in &out {
        let key = (b.off[2], b.m, b.n);
        if b.accumulate {
            assert!(seen.contains(&key), "accumulating chunk before the first");
        } else {
            assert!(seen.insert(key));
        }
    }
}

#[test]
fn grids_are_split_to_the_per_dimension_limit() {
    let whole = blk(100, 70, 3, [3, 1, 70, 1, 70, 1]);
    let mut out = Vec::new();
    plan(whole.clone(), usize::MAX / 2, 3, (8, 8), &mut out);
    for b in &out {
        assert!(b.grid((8, 8)).iter().all(|&g| g <= 3));
    }
    assert_eq!(visits(&out), visits(&[whole]));
}

#[test]
fn vec4_axes_follow_the_contiguous_axes() {
    let f = DType::F32;
    // A (8, 12) C-ordered, B (12, 16) C-ordered: A along K, B along N.
    assert_eq!(
        vec4_axes(f, &blk(8, 16, 12, [12, 1, 16, 1, 16, 1]), 256),
        Some((true, false))
    );
    // a.t() @ b.t(): A along M, B along K.
    assert_eq!(
        vec4_axes(f, &blk(8, 16, 12, [1, 8, 1, 12, 16, 1]), 256),
        Some((false, true))
    );
    // Negative K stride of B (flipped rows), a multiple of 4.
    assert_eq!(
        vec4_axes(f, &blk(8, 16, 12, [1, 8, -16, 1, 16, 1]), 256),
        Some((false, false))
    );
    // K not a multiple of 4 and A's rows contiguous: no vec4 axis of A.
    assert_eq!(
        vec4_axes(f, &blk(8, 16, 13, [13, 1, 16, 1, 16, 1]), 256),
        None
    );
    // Unaligned offset, N not a multiple of 4, other dtypes, alignment.
    let mut b = blk(8, 16, 12, [1, 8, 16, 1, 16, 1]);
    b.off[1] = 2;
    assert_eq!(vec4_axes(f, &b, 256), None);
    assert_eq!(
        vec4_axes(f, &blk(8, 18, 12, [1, 8, 18, 1, 18, 1]), 256),
        None
    );
    assert_eq!(
        vec4_axes(DType::F16, &blk(8, 16, 12, [1, 8, 16, 1, 16, 1]), 256),
        None
    );
    assert_eq!(
        vec4_axes(DType::F64, &blk(8, 16, 12, [1, 8, 16, 1, 16, 1]), 256),
        None
    );
    assert_eq!(vec4_axes(f, &blk(8, 16, 12, [1, 8, 16, 1, 16, 1]), 8), None);
}
