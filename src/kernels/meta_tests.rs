//! The launcher's proof that kernel metadata never truncates: blocks
//! planned under [`MAX_SPAN_ELEMS`] always pack (strides in `i32`, offsets
//! and lengths in `u32`, each walk inside its window), whatever the strides
//! of a huge buffer; and [`pack_meta`] refuses, with the numbers, any block
//! that would not fit. Pure: no device.

use proptest::prelude::*;

use super::*;
use crate::kernels::MAX_SPAN_ELEMS;
use crate::kernels::plan::plan_blocks;
use crate::kernels::plan::tests::{block, reached};
use crate::layout::reach;

fn ctx(itemsize: &[usize], elementwise: bool) -> MetaContext<'_> {
    MetaContext {
        op: "test",
        binding_itemsize: itemsize,
        elementwise,
        launch_offset0: 0,
        scalars: [0; 4],
        extra: &[],
    }
}

/// The windows `block_windows` would bind (`Device::window` with
/// alignment `align` over a buffer of `bytes`), as `(start, size)`.
fn windows(b: &Block, itemsize: &[usize], align: u64, bytes: u64) -> Vec<(u64, u64)> {
    b.binding_spans(itemsize.len())
        .iter()
        .enumerate()
        .map(|(k, span)| {
            let isz = itemsize[k] as u64;
            let (lo, hi) = span.unwrap_or((0, 0));
            let (lo, hi) = (lo as u64 * isz, (hi as u64 + 1) * isz);
            let start = lo / align * align;
            let end = hi.max(lo + 1).div_ceil(4) * 4;
            let end = end.min(bytes).max(start + 4);
            (start, end - start)
        })
        .collect()
}

#[test]
fn packs_the_table_for_a_plain_block() {
    // A transposed 3 x 4 read into a contiguous write, at offsets 5 and 2.
    let b = block(&[3, 4], &[(0, &[1, 3], 5), (1, &[4, 1], 2)]);
    let w = [(4, 100), (0, 100)];
    let meta = pack_meta(&ctx(&[4, 4], true), &b, &w, 1).unwrap();
    // n, nd, 0, start (5 - 0), offsets 5 - 1 and 2 - 0, scalars, shape,
    // then each operand's strides.
    assert_eq!(
        meta,
        [12, 2, 0, 5, 4, 2, 0, 0, 0, 0, 0, 0, 3, 4, 1, 3, 4, 1]
    );
    // negative strides are i32 bit patterns; length-1 axes get stride 0
    let b = block(&[1, 3], &[(0, &[1 << 40, -2], 4)]);
    let meta = pack_meta(&ctx(&[4], true), &b, &[(0, 20)], 1).unwrap();
    assert_eq!(&meta[12..], &[1, 3, 0, (-2i32) as u32]);
}

#[test]
fn refuses_what_does_not_fit_its_word() {
    let refused = |r: Result<Vec<u32>>, what: &str| match r {
        Err(Error::LayoutOverflow {
            op: "test",
            what: w,
            ..
        }) => assert_eq!(w, what),
        other => panic!("expected LayoutOverflow({what}), got {other:?}"),
    };
    // a stride past i32 on an axis that is really stepped
    let b = block(&[2], &[(0, &[1 << 31], 0)]);
    refused(
        pack_meta(&ctx(&[1], true), &b, &[(0, (1 << 31) + 4)], 1),
        "a stride outside the i32 range of the kernel metadata",
    );
    // an offset inside its window past u32
    let b = block(&[1], &[(0, &[1], (1 << 32) + 5)]);
    refused(
        pack_meta(&ctx(&[1], true), &b, &[(0, (1 << 33))], 1),
        "an offset in its binding window past u32::MAX",
    );
    // a walk outside the window it was given
    let b = block(&[4], &[(0, &[1], 0)]);
    refused(
        pack_meta(&ctx(&[4], true), &b, &[(0, 12)], 1),
        "a launch block reaching outside its binding window",
    );
    let b = block(&[4], &[(0, &[-1], 2)]);
    refused(
        pack_meta(&ctx(&[4], true), &b, &[(0, 64)], 1),
        "a launch block reaching outside its binding window",
    );
    // a block start word 3 past u32, for a position-dependent program only
    let b = block(&[4], &[(0, &[1], 1 << 33)]);
    let w = [(1 << 33, 16)];
    refused(
        pack_meta(&ctx(&[1], false), &b, &w, 1),
        "a block start past u32::MAX",
    );
    assert_eq!(pack_meta(&ctx(&[1], true), &b, &w, 1).unwrap()[3], 0);
    // more elements than u32 in one block
    let b = block(&[1 << 16, 1 << 16], &[(0, &[0, 0], 0)]);
    refused(
        pack_meta(&ctx(&[1], true), &b, &[(0, 4)], 1),
        "a launch block of more than u32::MAX elements",
    );
}

/// An axis of 3 elements 2^33 apart in a (notional) 2^35-byte buffer: the
/// span clamp splits it into single elements, whose strides are unused.
#[test]
fn strides_past_i32_are_split_away() {
    let whole = block(&[3, 4], &[(0, &[1 << 33, 1], 7), (1, &[4, 1], 0)]);
    let mut out = Vec::new();
    plan_blocks(whole.clone(), 2, MAX_SPAN_ELEMS, 65535, &mut out);
    assert_eq!(out.len(), 3);
    for b in &out {
        assert_eq!(b.shape.as_slice(), &[1, 4]);
        let w = windows(b, &[1, 4], 256, 1 << 35);
        pack_meta(&ctx(&[1, 4], true), b, &w, 1).unwrap();
    }
}

fn huge_stride() -> impl Strategy<Value = isize> {
    prop_oneof![
        -4isize..=4,
        prop::sample::select(vec![
            i32::MAX as isize,
            i32::MIN as isize,
            1 << 31,
            -(1 << 31),
            (1 << 32) + 1,
            -(1 << 33),
            1 << 40,
        ]),
        -(1isize << 41)..(1 << 41),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        rng_seed: proptest::test_runner::RngSeed::Fixed(31),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Any layouts inside a buffer of up to 2^50 bytes (element strides up to
    /// 2^41): planned with the span clamp and the widest binding limit a
    /// device could report, every block packs, and the blocks still visit
    /// every element once with the same indices.
    #[test]
    fn planned_blocks_always_pack(
        shape in prop::collection::vec(1usize..=4, 0..=4),
        s0 in prop::collection::vec(huge_stride(), 4),
        s1 in prop::collection::vec(huge_stride(), 4),
        wide in any::<bool>(),
        align in prop::sample::select(vec![4u64, 16, 256]),
    ) {
        let nd = shape.len();
        let itemsize: &[usize] = if wide { &[8, 1] } else { &[2, 4] };
        // offsets that put each walk's lowest index at 0
        let low = |s: &[isize]| -(reach(shape.iter().copied().zip(s.iter().copied())).0);
        let whole = block(&shape, &[(0, &s0[..nd], low(&s0[..nd])), (1, &s1[..nd], low(&s1[..nd]))]);
        let max_bind = u32::MAX as usize; // the largest binding wgpu reports
        let widest = itemsize.iter().copied().max().unwrap();
        let max_span = ((max_bind - align as usize) / widest).min(MAX_SPAN_ELEMS);
        let mut out = Vec::new();
        plan_blocks(whole.clone(), 2, max_span, 65535, &mut out);
        for b in &out {
            let w = windows(b, itemsize, align, 1 << 50);
            let packed = pack_meta(&ctx(itemsize, true), b, &w, 1);
            prop_assert!(packed.is_ok(), "{:?}: {:?}", b, packed);
        }
        let mut got = reached(&out);
        let mut want = reached(std::slice::from_ref(&whole));
        got.sort();
        want.sort();
        prop_assert_eq!(got, want);
    }
}

/// The word helpers the reduction and matmul kernels pack their own tables
/// with: values that fit pass through as bit patterns, the rest are
/// refused with the numbers (never truncated); a length-1 axis's stride
/// is never read, so one too wide for the table is written as 0.
#[test]
fn meta_word_helpers_refuse_what_does_not_fit() {
    assert_eq!(meta_u32("sum", "outputs", 7usize).unwrap(), 7);
    assert_eq!(
        meta_u32("sum", "outputs", u32::MAX as usize).unwrap(),
        u32::MAX
    );
    let e = meta_u32("sum", "input offset", 1isize << 32).unwrap_err();
    assert_eq!(
        e.to_string(),
        "sum: invalid layout: input offset 4294967296 does not fit the kernel's 32-bit metadata"
    );
    assert!(meta_u32("sum", "input offset", -1isize).is_err());
    assert_eq!(meta_stride("matmul", 5, -3).unwrap(), (-3i32) as u32);
    assert_eq!(
        meta_stride("matmul", 5, i32::MIN as isize).unwrap(),
        i32::MIN as u32
    );
    let e = meta_stride("matmul", 5, 1isize << 31).unwrap_err();
    assert!(e.to_string().contains("stride 2147483648"), "{e}");
    assert_eq!(meta_stride("matmul", 1, 1isize << 40).unwrap(), 0);
    assert_eq!(meta_stride("matmul", 1, 12).unwrap(), 12);
}
