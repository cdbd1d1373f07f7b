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
