//! Unit tests of the reduction planner and naga validation of every
//! reduction program.

use super::*;
use crate::kernels::codegen::tests::validate;

#[test]
fn every_reduction_program_validates() {
    let ops = [
        Op::Sum,
        Op::Prod,
        Op::Mean,
        Op::Min,
        Op::Max,
        Op::ArgMin,
        Op::ArgMax,
        Op::Any,
        Op::All,
    ];
    for t in DType::ALL {
        for op in ops {
            let outs: Vec<DType> = match op {
                Op::Sum | Op::Prod => DType::ALL.to_vec(),
                Op::Mean => vec![DType::F16, DType::F32, DType::F64],
                Op::Min | Op::Max => vec![t],
                Op::ArgMin | Op::ArgMax => vec![DType::I64],
                Op::Any | Op::All => vec![DType::Bool],
            };
            for u in outs {
                let spec = op.spec(t, u);
                for (first, last, wide, vec4, col4) in [
                    (true, true, true, false, false),
                    (true, false, true, false, false),
                    (true, true, false, false, false),
                    (false, true, true, false, false),
                    (false, false, false, false, false),
                    (true, false, true, true, false),
                    (true, true, false, false, true),
                    (true, false, false, false, true),
                ] {
                    if (vec4 || col4)
                        && (spec.kind.is_arg() || t.storage_class() != StorageClass::Word)
                    {
                        continue;
                    }
                    let input = if first { t } else { spec.acc };
                    for (inner1, outer1) in [(false, false), (true, false), (true, true)] {
                        for (runs, vec8) in [(false, false), (vec4, false), (vec4, vec4)] {
                            validate(&program(
                                &spec,
                                PassKind {
                                    first,
                                    last,
                                    wide,
                                    vec4,
                                    runs,
                                    vec8,
                                    col4,
                                    inner1,
                                    outer1,
                                    input,
                                },
                                None,
                            ));
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn conversions_extend_by_the_source_sign() {
    assert_eq!(convert("x", "i32", "u64"), "bitcast<u64>(i64(x))");
    assert_eq!(convert("x", "u32", "i64"), "bitcast<i64>(u64(x))");
    assert_eq!(convert("x", "i64", "i32"), "i32(x)");
    assert_eq!(convert("x", "u32", "i32"), "bitcast<i32>(x)");
    assert_eq!(convert("x", "f32", "f64"), "f64(x)");
    assert_eq!(convert("x", "bool", "u32"), "select(u32(0), u32(1), x)");
}

fn prob(outer: &[(usize, isize, isize)], inner: &[(usize, isize, u64)]) -> Problem {
    Problem {
        outer: outer
            .iter()
            .map(|&(len, s_in, s_out)| OAx { len, s_in, s_out })
            .collect(),
        inner: inner
            .iter()
            .map(|&(len, s_in, w)| IAx { len, s_in, w })
            .collect(),
        in_off: 0,
        out_off: 0,
        idx_base: 0,
    }
}

#[test]
fn reduced_axes_go_to_memory_order_and_merge() {
    // A transposed 4x6 reduced over both axes: one run of 24.
    let p = prob(&[], &[(6, 1, 0), (4, 6, 0)]).normalise();
    assert_eq!(
        p.inner,
        vec![IAx {
            len: 24,
            s_in: 1,
            w: 0
        }]
    );
    // With logical weights (argmax of the transpose) they cannot merge,
    // but are still ordered by memory.
    let p = prob(&[], &[(6, 1, 4), (4, 6, 1)]).normalise();
    assert_eq!(
        p.inner[0],
        IAx {
            len: 4,
            s_in: 6,
            w: 1
        }
    );
    // Kept axes merge when input and output both step as one; size-1 drops.
    let p = prob(&[(2, 15, 15), (1, 7, 15), (3, 5, 5), (5, 1, 1)], &[]).normalise();
    assert_eq!(
        p.outer,
        vec![OAx {
            len: 30,
            s_in: 1,
            s_out: 1
        }]
    );
}

#[test]
fn inner_cuts_respect_span_and_count() {
    let mut pieces = Vec::new();
    cut_inner(
        vec![IAx {
            len: 1000,
            s_in: 3,
            w: 1,
        }],
        5,
        0,
        700,
        usize::MAX,
        &mut pieces,
    );
    assert!(pieces.len() > 1);
    let mut total = 0;
    for p in &pieces {
        let (lo, hi) = reach(p.inner.iter().map(|a| (a.len, a.s_in)));
        assert!(((hi - lo) as usize) < 700);
        assert_eq!(p.in_off, 5 + 3 * p.idx as isize);
        total += p.inner[0].len;
    }
    assert_eq!(total, 1000);
}
