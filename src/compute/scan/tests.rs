//! naga validation of every scan and compaction program, and the row
//! merging.

use super::problem::{OAx, Rows};
use super::program::{Pass, Variant, program};
use super::{Combine, Load, Spec};
use crate::dtype::DType;
use crate::kernels::codegen::tests::validate;

fn variants(pass: Pass) -> Vec<Variant> {
    let mut v = Vec::new();
    for inner1 in [false, true] {
        for row_fast in [false, true] {
            for words in [false, true] {
                v.push(Variant {
                    pass,
                    inner1,
                    row_fast,
                    words,
                });
            }
        }
    }
    v
}

#[test]
fn every_scan_program_validates() {
    for t in DType::ALL {
        for u in DType::ALL {
            for prod in [false, true] {
                let (combine, acc) = match (u, prod) {
                    (DType::Bool, false) => (Combine::Or, DType::U32),
                    (DType::Bool, true) => (Combine::And, DType::U32),
                    (u, p) => (
                        if p { Combine::Mul } else { Combine::Add },
                        super::api_accumulator(u),
                    ),
                };
                if t.is_float() && u.is_int() {
                    continue; // cast through astype first
                }
                let spec = Spec {
                    op: "t",
                    combine,
                    load: Load::Value,
                    input: t,
                    acc,
                    out: u,
                };
                for pass in [
                    Pass::Totals,
                    Pass::Scan { carry: false },
                    Pass::Scan { carry: true },
                ] {
                    for v in variants(pass) {
                        validate(&program(&spec, v));
                        validate(&program(&spec.of_totals(), v));
                    }
                }
            }
        }
    }
}

#[test]
fn every_compaction_program_validates() {
    for t in DType::ALL {
        let spec = Spec {
            op: "t",
            combine: Combine::Add,
            load: Load::Truthy,
            input: t,
            acc: DType::U32,
            out: DType::U32,
        };
        for pass in [
            Pass::Totals,
            Pass::Compact { coords: true },
            Pass::Compact { coords: false },
        ] {
            for v in variants(pass) {
                validate(&program(&spec, v));
            }
        }
    }
}

#[test]
fn rows_merge_kept_axes_in_memory_order_and_scanned_axes_in_c_order() {
    // A C-contiguous (2, 3, 4) scanned along axis 1: kept axes 0 and 2.
    let r = Rows::of(&[2, 3, 4], &[12, 4, 1], 0, Some(1)).normalise();
    assert_eq!(r.inner, vec![(3, 4)]);
    assert_eq!(r.s_oi, 4);
    assert_eq!(r.outer.len(), 2);
    // Flattened: one axis for a contiguous array, none merged for a
    // transposed one.
    let r = Rows::of(&[2, 3, 4], &[12, 4, 1], 5, None).normalise();
    assert_eq!(r.inner, vec![(24, 1)]);
    assert_eq!(r.in_off, 5);
    let r = Rows::of(&[4, 3], &[1, 4], 0, None).normalise();
    assert_eq!(r.inner, vec![(4, 1), (3, 4)]);
    // Kept axes that step as one merge (a (4, 5, 6) scanned along axis 2
    // has 20 rows, 6 apart in input and output).
    let r = Rows::of(&[4, 5, 6], &[30, 6, 1], 0, Some(2)).normalise();
    assert_eq!(
        r.outer,
        vec![OAx {
            len: 20,
            s_in: 6,
            s_out: 6
        }]
    );
    assert!(!r.row_fast());
    // Along axis 0: rows are neighbours in memory.
    let r = Rows::of(&[100, 6], &[6, 1], 0, Some(0)).normalise();
    assert!(r.row_fast());
    // Length-1 axes vanish; an all-ones shape keeps one scanned axis.
    let r = Rows::of(&[1, 1], &[7, 9], 0, None).normalise();
    assert_eq!(r.inner, vec![(1, 0)]);
}

/// Counting and compaction are raw programs: they ask no 64-bit feature
/// for any dtype (nonzero and the masks work on WebGPU), while a typed
/// scan into a 64-bit type does.
#[test]
fn compaction_needs_no_feature() {
    for t in DType::ALL {
        let spec = Spec {
            op: "t",
            combine: Combine::Add,
            load: Load::Truthy,
            input: t,
            acc: DType::U32,
            out: DType::U32,
        };
        for pass in [
            Pass::Totals,
            Pass::Compact { coords: true },
            Pass::Compact { coords: false },
        ] {
            for v in variants(pass) {
                assert!(program(&spec, v).features.is_empty(), "{t}");
            }
        }
        // The scan of the counts.
        let counts = Spec {
            load: Load::Value,
            input: DType::U32,
            ..spec
        };
        for v in variants(Pass::Scan { carry: true }) {
            assert!(program(&counts, v).features.is_empty());
        }
    }
    let sum = Spec {
        op: "t",
        combine: Combine::Add,
        load: Load::Value,
        input: DType::I32,
        acc: DType::I64,
        out: DType::I64,
    };
    let p = program(&sum, variants(Pass::Totals)[0]);
    assert!(p.features.contains(&crate::dtype::Feature::ShaderInt64));
}
