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
