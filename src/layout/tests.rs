//! Tests of the core layout module (`mod.rs`, and `ops.rs`'s coalesce and
//! properties; its axis operations' tables are in `ops_tests.rs`): tables whose
//! expected values are NumPy 2.4's output (strides converted from bytes to
//! elements by dividing by the item size, 8 for float64; offsets likewise,
//! measured as the distance between data pointers), then property tests
//! against brute-force walks.
//!
//! Also home of [`arb_layout`], the random-layout strategy the other layout
//! test modules share.

use proptest::prelude::*;

use super::*;
use crate::error::ShapeDisplay;

pub(super) fn lay(shape: &[usize], strides: &[isize], offset: usize) -> Layout {
    Layout::new(shape, strides, offset).unwrap()
}

pub(super) fn sd(s: &[usize]) -> ShapeDisplay {
    ShapeDisplay(s.to_vec())
}

// ---- contiguity ---------------------------------------------------------------

#[test]
fn contiguity_flags_match_numpy() {
    // (shape, strides, C_CONTIGUOUS, F_CONTIGUOUS), from `a.flags` in NumPy 2.4.
    #[rustfmt::skip]
    let table: &[(&[usize], &[isize], bool, bool)] = &[
        (&[3, 4], &[4, 1], true, false),        // np.arange(12).reshape(3,4)
        (&[3, 4], &[1, 3], false, true),        // np.asfortranarray(that)
        (&[4, 3], &[1, 4], false, true),        // that.T
        (&[5], &[1], true, true),               // a 1-D array is both
        (&[5], &[2], false, false),             // np.arange(10)[::2]
        (&[5], &[-1], false, false),            // np.arange(5)[::-1]
        (&[4, 1], &[1, 1], true, true),         // length-1 axes are ignored
        (&[1, 4], &[4, 1], true, true),
        (&[1, 3], &[999, 1], true, true),       // as_strided((1,3),(7992,8)): any stride
        (&[3, 1], &[1, 999], true, true),
        (&[3, 1], &[4, 1], false, false),       // np.arange(12).reshape(3,4)[:, :1]
        (&[1, 3, 4], &[12, 4, 1], true, false), // np.arange(24).reshape(2,3,4)[:1]
        (&[2, 1, 4], &[12, 4, 1], false, false),// ...[:, :1, :]
        (&[2, 3, 1], &[12, 4, 1], false, false),// ...[:, :, :1]
        (&[2, 3, 4], &[-12, 4, 1], false, false),// ...[::-1]
        (&[2, 3, 4], &[12, 4, -1], false, false),// ...[:, :, ::-1]
        (&[0, 3], &[3, 1], true, true),         // empty is both
        (&[3, 0], &[1, -1], true, true),        // whatever the strides
        (&[2, 0, 3], &[0, 0, 0], true, true),   // np.zeros((2,0,3)) (strides 0 in 2.4)
        (&[], &[], true, true),                 // 0-d is both
        (&[4, 3], &[0, 1], false, false),       // np.broadcast_to(np.arange(3), (4,3))
        (&[1, 3], &[0, 1], true, true),         // np.broadcast_to(np.arange(3), (1,3))
        (&[5], &[0], false, false),             // np.broadcast_to([1.], (5,))
    ];
    for &(shape, strides, c, f) in table {
        // (offset 100: far enough that a negative stride stays at index >= 0)
        let l = lay(shape, strides, 100);
        assert_eq!(l.is_c_contiguous(), c, "C flag of {l:?}");
        assert_eq!(l.is_f_contiguous(), f, "F flag of {l:?}");
        assert_eq!(l.is_contiguous(Order::C), c);
        assert_eq!(l.is_contiguous(Order::F), f);
    }
}

#[test]
fn contiguous_strides_match_numpy() {
    // np.zeros(shape, order=..).strides / 8 in NumPy 2.4 for non-empty shapes.
    #[rustfmt::skip]
    let table: &[(&[usize], Order, &[isize])] = &[
        (&[2, 3, 4], Order::C, &[12, 4, 1]),
        (&[2, 3, 4], Order::F, &[1, 2, 6]),
        (&[2, 1, 3], Order::C, &[3, 3, 1]), // length-1: the stride it would have if longer
        (&[2, 1, 3], Order::F, &[1, 2, 2]),
        (&[5], Order::C, &[1]),
        (&[5], Order::F, &[1]),
        (&[], Order::C, &[]),
        // Empty shapes: NumPy 2.4's np.zeros/np.empty give all-zero strides
        // here, but a reshape of an empty array (NumPy's _array_fill_strides,
        // e.g. np.arange(0.).reshape(2,0,3).strides == (24,24,8)) gives these:
        // a length-0 axis counts as length 1. Only `.strides` can tell.
        (&[2, 0, 3], Order::C, &[3, 3, 1]),
        (&[2, 0, 3], Order::F, &[1, 2, 2]),
    ];
    for &(shape, order, want) in table {
        assert_eq!(
            contiguous_strides(shape, order).as_slice(),
            want,
            "{shape:?} {order:?}"
        );
        let l = Layout::contiguous(shape, order).unwrap();
        assert_eq!((l.strides(), l.offset()), (want, 0));
        assert!(l.is_contiguous(order));
    }
}

#[test]
fn constructor_errors() {
    assert!(matches!(
        Layout::new(&[2, 3], &[1], 0),
        Err(Error::InvalidLayout {
            op: "Layout::new",
            ..
        })
    ));
    assert!(matches!(
        Layout::contiguous(&[1; 65], Order::C),
        Err(Error::TooManyDims {
            ndim: 65,
            max: 64,
            ..
        })
    ));
    assert!(matches!(
        Layout::contiguous(&[usize::MAX, 2], Order::C),
        Err(Error::TooBig { .. })
    ));
    // a size that fits usize but not isize is refused too
    assert!(matches!(
        Layout::new(&[1 << 32, 1 << 31], &[0, 0], 0),
        Err(Error::TooBig { .. })
    ));
    // 0 in the shape makes the size 0, but NumPy still counts it as 1 in
    // the size limit: (0, isize::MAX) is fine, (0, usize::MAX) is not
    // (np.empty((0, sys.maxsize), np.int8) works, one more does not).
    let max = isize::MAX as usize;
    assert_eq!(Layout::contiguous(&[max, 0], Order::C).unwrap().size(), 0);
    assert!(matches!(
        Layout::contiguous(&[usize::MAX, 0], Order::C),
        Err(Error::TooBig { .. })
    ));
}

// ---- spans ----------------------------------------------------------------------

#[test]
fn index_span_and_check_within() {
    // (shape, strides, offset) -> inclusive (lo, hi) of the touched indices
    type Case<'a> = (&'a [usize], &'a [isize], usize, Option<(isize, isize)>);
    #[rustfmt::skip]
    let table: &[Case] = &[
        (&[2, 3], &[3, 1], 0, Some((0, 5))),
        (&[2, 3], &[3, 1], 4, Some((4, 9))),
        (&[3, 2], &[1, 3], 0, Some((0, 5))),           // transposed
        (&[2, 3, 4], &[-12, 4, 1], 12, Some((0, 23))), // np.arange(24).reshape(2,3,4)[::-1]
        (&[5], &[-2], 9, Some((1, 9))),                // np.arange(10)[::-2]: 9, 7, .., 1
        (&[4, 3], &[0, 1], 2, Some((2, 4))),           // broadcast
        (&[], &[], 7, Some((7, 7))),                   // 0-d: one element
        (&[3, 0], &[1, 1], 7, None),                   // empty: touches nothing
    ];
    for &(shape, strides, offset, want) in table {
        let l = lay(shape, strides, offset);
        assert_eq!(l.index_span(), want, "{l:?}");
    }
    let l = lay(&[2, 3], &[3, 1], 4);
    assert_eq!(l.check_within("t", 10), Ok(()));
    assert_eq!(
        l.check_within("t", 9),
        Err(Error::ViewOutOfBuffer {
            op: "t",
            reach: 9,
            len: 9
        })
    );
    // a walk below index 0 cannot even be made (the layout invariants of
    // `bounds`), so check_within only ever finds the top too high
    assert!(matches!(
        Layout::new(&[3], &[-2], 3),
        Err(Error::InvalidLayout { .. })
    ));
    // an empty layout fits any buffer, even an empty one, whatever its offset
    assert_eq!(lay(&[0, 5], &[5, 1], 1000).check_within("t", 0), Ok(()));
    // a 0-d layout needs its one element
    assert!(lay(&[], &[], 0).check_within("t", 0).is_err());
    assert!(lay(&[], &[], 0).check_within("t", 1).is_ok());
}

#[test]
fn strides_bytes_multiplies_the_itemsize() {
    let l = lay(&[2, 3, 4], &[-12, 4, 1], 12);
    // np.arange(24.).reshape(2,3,4)[::-1].strides == (-96, 32, 8)
    assert_eq!(l.strides_bytes(8).unwrap(), vec![-96, 32, 8]);
}

// ---- the walker -----------------------------------------------------------------

#[test]
fn walker_small_cases() {
    // C order walk of np.arange(6).reshape(2,3): its values are its indices
    assert_eq!(lay(&[2, 3], &[3, 1], 0).indices(), [0, 1, 2, 3, 4, 5]);
    // .T: np.arange(6).reshape(2,3).T.ravel() == [0, 3, 1, 4, 2, 5]
    assert_eq!(lay(&[3, 2], &[1, 3], 0).indices(), [0, 3, 1, 4, 2, 5]);
    // np.arange(6).reshape(2,3)[::-1, ::2].ravel() == [3, 5, 0, 2]
    assert_eq!(lay(&[2, 2], &[-3, 2], 3).indices(), [3, 5, 0, 2]);
    // broadcast_to(np.arange(3), (2,3)).ravel() == [0, 1, 2, 0, 1, 2]
    assert_eq!(lay(&[2, 3], &[0, 1], 0).indices(), [0, 1, 2, 0, 1, 2]);
    // 0-d: one element, at the offset
    assert_eq!(lay(&[], &[], 7).indices(), [7]);
    // empty: nothing, even with a non-empty leading axis
    assert_eq!(
        lay(&[3, 0, 2], &[2, 2, 1], 0).indices(),
        Vec::<isize>::new()
    );
    // length-1 axes with any stride
    assert_eq!(lay(&[1, 3, 1], &[99, 2, -99], 1).indices(), [1, 3, 5]);
    let mut seen = Vec::new();
    lay(&[2, 2], &[1, 2], 10).for_each_index(|i| seen.push(i));
    assert_eq!(seen, [10, 12, 11, 13]);
    assert_eq!(lay(&[2, 3], &[3, 1], 0).index_of(&[1, 2]), 5);
    assert_eq!(lay(&[2, 2], &[-3, 2], 3).index_of(&[1, 0]), 0);
}

// ---- coalesce --------------------------------------------------------------------

#[test]
fn coalesce_tables() {
    type Case<'a> = (
        &'a [usize],
        &'a [&'a [isize]],
        &'a [usize],
        &'a [&'a [isize]],
    );
    #[rustfmt::skip]
    let table: &[Case] = &[
        // contiguous -> 1-D
        (&[2, 3, 4], &[&[12, 4, 1]], &[24], &[&[1]]),
        // transposed stays 2-D
        (&[3, 2], &[&[1, 3]], &[3, 2], &[&[1, 3]]),
        // F-contiguous does not merge (merging is in C order)
        (&[2, 3], &[&[1, 2]], &[2, 3], &[&[1, 2]]),
        // [:, :3] of a (4,6): rows do not merge
        (&[4, 3], &[&[6, 1]], &[4, 3], &[&[6, 1]]),
        // [:, ::2] of a (4,6): one progression of step 2
        (&[4, 3], &[&[6, 2]], &[12], &[&[2]]),
        // (2,3,4)[::-1]: the last two axes merge, the reversed one does not
        (&[2, 3, 4], &[&[-12, 4, 1]], &[2, 12], &[&[-12, 1]]),
        // merged only where every operand allows: C-contiguous + broadcast row
        (&[2, 3], &[&[3, 1], &[0, 1]], &[2, 3], &[&[3, 1], &[0, 1]]),
        // both contiguous, plus a broadcast scalar (all zero strides merge)
        (&[2, 3, 4], &[&[12, 4, 1], &[12, 4, 1], &[0, 0, 0]], &[24], &[&[1], &[1], &[0]]),
        // merges inner pair only
        (&[2, 3, 4], &[&[12, 4, 1], &[1, 8, 2]], &[2, 12], &[&[12, 1], &[1, 2]]),
        // length-1 axes are dropped whatever their strides
        (&[2, 1, 3], &[&[3, 99, 1]], &[6], &[&[1]]),
        (&[1, 5, 1], &[&[7, -1, 7]], &[5], &[&[-1]]),
        // all ones and 0-d -> rank 0
        (&[1, 1], &[&[4, 9]], &[], &[&[]]),
        (&[], &[&[], &[]], &[], &[&[], &[]]),
        // empty -> ([0], 0 strides) for every operand
        (&[3, 0, 2], &[&[2, 2, 1], &[0, 0, 0]], &[0], &[&[0], &[0]]),
    ];
    for &(shape, strides, want_shape, want_strides) in table {
        let (s, st) = coalesce(shape, strides);
        assert_eq!(s.as_slice(), want_shape, "{shape:?} {strides:?}");
        let st: Vec<Vec<isize>> = st.iter().map(|x| x.to_vec()).collect();
        let want: Vec<Vec<isize>> = want_strides.iter().map(|x| x.to_vec()).collect();
        assert_eq!(st, want, "{shape:?} {strides:?}");
    }
}

// ---- property tests ----------------------------------------------------------------

/// A random layout for the property tests of every layout module: a random
/// shape (rank 0..=4, lengths 0..=4) laid out in C order inside a bigger
/// buffer, each axis stretched by a step 1..=3 (like a step slice) or given
/// stride 0 (like a broadcast axis), a length-1 axis maybe given an arbitrary
/// stride (as `as_strided` can), then randomly permuted and flipped. The
/// offset is chosen so that every element lies at index >= 0.
pub(super) fn arb_layout() -> impl Strategy<Value = Layout> {
    prop::collection::vec(
        (0usize..=4, 1isize..=3, any::<bool>(), any::<bool>()),
        0..=4,
    )
    .prop_flat_map(|axes| {
        let n = axes.len();
        (
            Just(axes),
            Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
        )
    })
    .prop_map(|(axes, perm)| {
        let shape: Vec<usize> = axes.iter().map(|a| a.0).collect();
        let base = contiguous_strides(&shape, Order::C);
        // the outer axes accumulate the inner stretching, so distinct axes
        // never alias each other (as in a real step slice)
        let mut strides = vec![0isize; shape.len()];
        let mut acc = 1isize;
        for k in (0..shape.len()).rev() {
            acc *= axes[k].1;
            strides[k] = base[k] * acc;
        }
        for k in 0..shape.len() {
            if axes[k].3 && axes[k].2 {
                strides[k] = 0;
            } else if shape[k] == 1 && axes[k].3 {
                strides[k] = 7 * axes[k].1;
            }
        }
        let reach: usize = shape
            .iter()
            .zip(&strides)
            .map(|(&d, &s)| s.unsigned_abs() * d.saturating_sub(1))
            .sum();
        let mut l = Layout::new(&shape, &strides, reach).unwrap();
        let p: Vec<isize> = perm.iter().map(|&p| p as isize).collect();
        l = l.permute(&p).unwrap();
        for (k, ax) in axes.iter().enumerate() {
            if ax.2 && !ax.3 {
                l = l.flip(k as isize).unwrap();
            }
        }
        l
    })
}

/// Every multi-index of `shape` in C order (brute force, for small shapes).
fn multi_indices(shape: &[usize]) -> Vec<Vec<usize>> {
    let mut out = vec![vec![]];
    for &n in shape {
        out = out
            .into_iter()
            .flat_map(|idx| {
                (0..n).map(move |i| {
                    let mut j = idx.clone();
                    j.push(i);
                    j
                })
            })
            .collect();
    }
    out
}

/// A permutation of `0..n` as a strategy.
fn arb_perm(n: usize) -> impl Strategy<Value = Vec<isize>> {
    Just((0..n as isize).collect::<Vec<isize>>()).prop_shuffle()
}

fn cfg() -> ProptestConfig {
    ProptestConfig {
        cases: 1000,
        rng_seed: proptest::test_runner::RngSeed::Fixed(11),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cfg())]

    /// The walker agrees with `index_of` over every multi-index, and the span
    /// with the walk's minimum and maximum.
    #[test]
    fn walker_and_span_agree_with_brute_force(l in arb_layout()) {
        let brute: Vec<isize> = multi_indices(l.shape()).iter().map(|i| l.index_of(i)).collect();
        prop_assert_eq!(l.indices(), brute.clone());
        prop_assert_eq!(l.indices().len(), l.size());
        let span = brute.iter().min().map(|&lo| (lo, *brute.iter().max().unwrap()));
        prop_assert_eq!(l.index_span(), span);
        if let Some((lo, hi)) = span {
            prop_assert!(lo >= 0);
            prop_assert!(l.check_within("t", hi as usize + 1).is_ok());
            prop_assert!(l.check_within("t", hi as usize).is_err());
        }
    }

    /// NumPy's flag rule equals "the walk is one run from the offset" (in C
    /// order for C, in F order for F) on non-empty layouts.
    #[test]
    fn contiguity_is_a_single_run(l in arb_layout()) {
        if !l.is_empty() {
            let run: Vec<isize> = (0..l.size() as isize).map(|i| l.offset() as isize + i).collect();
            prop_assert_eq!(l.is_c_contiguous(), l.indices() == run);
            prop_assert_eq!(l.is_f_contiguous(), l.t().indices() == run);
        } else {
            prop_assert!(l.is_c_contiguous() && l.is_f_contiguous());
        }
    }

    #[test]
    fn t_t_is_identity(l in arb_layout()) {
        prop_assert_eq!(l.t().t(), l.clone());
        prop_assert_eq!(l.t().is_c_contiguous(), l.is_f_contiguous());
    }

    /// permute then the inverse permutation is the identity, and a permuted
    /// layout addresses element `i` where the parent addresses `i` reordered.
    #[test]
    fn permute_inverse_and_brute_force((l, p) in arb_layout().prop_flat_map(|l| { let n = l.ndim(); (Just(l), arb_perm(n)) })) {
        let q = l.permute(&p).unwrap();
        let mut inv = vec![0isize; p.len()];
        for (k, &a) in p.iter().enumerate() {
            inv[a as usize] = k as isize;
        }
        prop_assert_eq!(q.permute(&inv).unwrap(), l.clone());
        for idx in multi_indices(q.shape()) {
            let mut orig = vec![0usize; idx.len()];
            for (k, &a) in p.iter().enumerate() {
                orig[a as usize] = idx[k];
            }
            prop_assert_eq!(q.index_of(&idx), l.index_of(&orig));
        }
    }

    /// flip(axis) addresses the parent's elements reversed along that axis.
    #[test]
    fn flip_matches_brute_force(l in arb_layout(), pick in any::<usize>()) {
        if l.ndim() > 0 {
            let a = pick % l.ndim();
            let f = l.flip(a as isize).unwrap();
            let brute: Vec<isize> = multi_indices(l.shape())
                .into_iter()
                .map(|mut i| {
                    i[a] = l.shape()[a] - 1 - i[a];
                    l.index_of(&i)
                })
                .collect();
            prop_assert_eq!(f.indices(), brute);
            prop_assert_eq!(f.flip(a as isize).unwrap(), l.clone());
            prop_assert_eq!(f.index_span(), l.index_span());
        }
        let mut all = l.indices();
        all.reverse();
        prop_assert_eq!(l.flip_all().indices(), all);
    }

    /// broadcast_to to a random compatible shape addresses, at every index,
    /// the parent's element with leading axes dropped and stretched axes at 0.
    #[test]
    fn broadcast_to_matches_brute_force(
        l in arb_layout(),
        lead in prop::collection::vec(0usize..=3, 0..=2),
        stretch in prop::collection::vec(0usize..=3, 4),
    ) {
        let mut shape = lead.clone();
        for (k, &d) in l.shape().iter().enumerate() {
            shape.push(if d == 1 { stretch[k] } else { d });
        }
        let b = l.broadcast_to(&shape).unwrap();
        prop_assert_eq!(b.offset(), l.offset());
        let brute: Vec<isize> = multi_indices(&shape)
            .into_iter()
            .map(|i| {
                let j: Vec<usize> = i[lead.len()..]
                    .iter()
                    .zip(l.shape())
                    .map(|(&x, &d)| if d == 1 { 0 } else { x })
                    .collect();
                l.index_of(&j)
            })
            .collect();
        prop_assert_eq!(b.indices(), brute);
        // the broadcast shape is what broadcast_shapes says
        prop_assert_eq!(broadcast_shapes(l.shape(), &shape).unwrap().to_vec(), shape);
    }

    /// squeeze_all and expand_dims keep the element walk.
    #[test]
    fn squeeze_and_expand_keep_the_walk(l in arb_layout(), pick in any::<isize>()) {
        prop_assert_eq!(l.squeeze_all().indices(), l.indices());
        let n = l.ndim() as isize + 1;
        let axis = pick.rem_euclid(2 * n) - n; // -n..n
        let e = l.expand_dims(axis).unwrap();
        prop_assert_eq!(e.indices(), l.indices());
        // An empty array reshapes to fresh contiguous strides, so its other
        // strides may change (NumPy: expand_dims of as_strided(zeros(4),
        // (0,), (16,)) has strides (8, 8)).
        if !l.is_empty() {
            prop_assert_eq!(e.squeeze_all(), l.squeeze_all());
        }
    }

    /// coalesce keeps the element order of every operand, leaves no length-1
    /// axis, and fully merges a C-contiguous operand that is alone.
    #[test]
    fn coalesce_preserves_every_operand_walk(
        l in arb_layout(),
        kinds in prop::collection::vec(0u8..5, 0..=3),
        pick in any::<usize>(),
    ) {
        // operands of l's shape: l itself, C- and F-contiguous, l flipped
        // along one axis, and a C-contiguous one with an axis broadcast
        let shape = l.shape().to_vec();
        let mut ops = vec![l.clone()];
        for k in kinds {
            let c = Layout::contiguous(&shape, Order::C).unwrap();
            let op = match k {
                0 => c,
                1 => Layout::contiguous(&shape, Order::F).unwrap(),
                2 if !shape.is_empty() => l.flip((pick % shape.len()) as isize).unwrap(),
                3 if !shape.is_empty() => {
                    let mut st = c.strides().to_vec();
                    st[pick % shape.len()] = 0;
                    Layout::new(&shape, &st, 0).unwrap()
                }
                _ => l.t().t(),
            };
            ops.push(op);
        }
        let strides: Vec<&[isize]> = ops.iter().map(|o| o.strides()).collect();
        let (cs, cst) = coalesce(&shape, &strides);
        prop_assert_eq!(cst.len(), ops.len());
        prop_assert!(cs.len() <= shape.len().max(1));
        if !l.is_empty() {
            prop_assert!(!cs.contains(&1));
        }
        for (o, st) in ops.iter().zip(&cst) {
            let merged = Layout::new(&cs, st, o.offset()).unwrap();
            prop_assert_eq!(merged.indices(), o.indices());
        }
        if l.is_c_contiguous() && !l.is_empty() {
            let (cs, _) = coalesce(&shape, &[l.strides()]);
            prop_assert!(cs.len() <= 1);
        }
    }
}
