//! naga validation of every gather and scatter program, and axis merging.

use super::moves::{MAx, every_program, merge};
use crate::kernels::codegen::tests::validate;

#[test]
fn every_move_program_validates() {
    for p in every_program() {
        validate(&p);
    }
}

#[test]
fn move_axes_merge_where_both_step_as_one() {
    let a = |len, x, v| MAx { len, x, v };
    // x C-contiguous (.., 3, 4), output C-contiguous: one axis of 12.
    assert_eq!(merge(&[a(3, 4, 4), a(4, 1, 1)]), vec![a(12, 1, 1)]);
    // x transposed: no merge; length-1 axes vanish.
    assert_eq!(
        merge(&[a(3, 1, 4), a(1, 9, 9), a(4, 3, 1)]),
        vec![a(3, 1, 4), a(4, 3, 1)]
    );
}

#[test]
fn moves_need_no_feature() {
    for p in every_program() {
        assert!(p.features.is_empty(), "{}", p.key);
    }
}

#[test]
fn offset_tables_merge_where_they_step_as_one() {
    // A full mask over a C-contiguous (2, 3, 50): one axis of 300.
    assert_eq!(
        super::merge_offsets(&[(2, 150), (3, 50), (50, 1)]),
        vec![(300, 1)]
    );
    // Transposed: nothing merges; length-1 axes vanish (a 0-d mask: none).
    assert_eq!(
        super::merge_offsets(&[(3, 1), (1, 7), (4, 3)]),
        vec![(3, 1), (4, 3)]
    );
    assert_eq!(super::merge_offsets(&[]), vec![]);
}
