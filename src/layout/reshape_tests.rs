use super::*;
// The random layouts (transposed, flipped, step-sliced, broadcast, odd
// length-1 strides) shared by the layout tests.
use crate::layout::tests::arb_layout;
use proptest::prelude::*;

fn lay(shape: &[usize], strides: &[isize], offset: usize) -> Layout {
    Layout::new(shape, strides, offset).unwrap()
}

// (from shape, from strides in elements, to, order) -> view strides or copy.
// Every expected value is NumPy 2.4's output for float64 (byte strides
// divided by 8): each row's source was built with
// `np.lib.stride_tricks.as_strided(np.arange(4000.)[2000:], shape, 8*strides)`
// (the comments name the ordinary NumPy expression it equals), reshaped
// with `.reshape(to, order=..)`, and called a view when the result's data
// pointer equals the source's (`np.shares_memory` is False for empty
// arrays, so it cannot tell there).
type Case = (
    &'static [usize],
    &'static [isize],
    &'static [isize],
    Order,
    Option<&'static [isize]>,
);
#[rustfmt::skip]
    const TABLE: &[Case] = &[
        // np.arange(9).reshape(3, 3): contiguous -> fresh strides
        (&[9], &[1], &[3, 3], Order::C, Some(&[3, 1])),
        // np.arange(6).reshape(2,3).reshape(-1)
        (&[2, 3], &[3, 1], &[-1], Order::C, Some(&[1])),
        // np.arange(6).reshape(2,3).reshape(3,2,order='F') -> copy (not F-contiguous,
        // and a C-contiguous 2-D array cannot be read in F order as one run)
        (&[2, 3], &[3, 1], &[3, 2], Order::F, None),
        // np.asfortranarray(np.arange(6.).reshape(2,3)): (2,3) strides (1,2)
        (&[2, 3], &[1, 2], &[3, 2], Order::F, Some(&[1, 3])),
        (&[2, 3], &[1, 2], &[6], Order::F, Some(&[1])),
        (&[2, 3], &[1, 2], &[3, 2], Order::C, None),
        // np.arange(6).reshape(2,3).T (3,2) strides (1,3)
        (&[3, 2], &[1, 3], &[6], Order::C, None),
        (&[3, 2], &[1, 3], &[3, 2], Order::C, Some(&[1, 3])), // same shape: unchanged
        (&[3, 2], &[1, 3], &[3, 1, 2], Order::C, Some(&[1, 6, 3])),
        // np.arange(24).reshape(2,3,4).T (4,3,2) strides (1,4,12)
        (&[4, 3, 2], &[1, 4, 12], &[4, 6], Order::C, None),
        (&[4, 3, 2], &[1, 4, 12], &[4, 6], Order::F, Some(&[1, 4])),
        // np.arange(10)[::2] (5,) stride 2
        (&[5], &[2], &[-1], Order::C, Some(&[2])),
        (&[5], &[2], &[5, 1], Order::C, Some(&[2, 2])),
        (&[5], &[2], &[1, 5], Order::C, Some(&[10, 2])),
        (&[5], &[2], &[5, 1], Order::F, Some(&[2, 10])),
        (&[5], &[2], &[1, 5, 1, 1], Order::F, Some(&[2, 2, 10, 10])),
        (&[5], &[2], &[1, 5, 1, 1], Order::C, Some(&[10, 2, 2, 2])),
        // np.arange(20).reshape(4,5)[:, ::2] (4,3) strides (5,2)
        (&[4, 3], &[5, 2], &[12], Order::C, None),
        (&[4, 3], &[5, 2], &[4, 3, 1], Order::C, Some(&[5, 2, 2])),
        (&[4, 3], &[5, 2], &[2, 2, 3], Order::C, Some(&[10, 5, 2])),
        // np.broadcast_to(np.arange(3), (4,3)) strides (0,1)
        (&[4, 3], &[0, 1], &[2, 2, 3], Order::C, Some(&[0, 0, 1])),
        (&[4, 3], &[0, 1], &[4, 3], Order::C, Some(&[0, 1])),
        (&[4, 3], &[0, 1], &[12], Order::C, None),
        (&[4, 3], &[0, 1], &[3, 4], Order::C, None),
        // np.broadcast_to(np.arange(3), (4,1,3)).reshape(2,2,3)
        (&[4, 1, 3], &[0, 1, 1], &[2, 2, 3], Order::C, Some(&[0, 0, 1])),
        // np.broadcast_to(np.arange(3)[:,None], (3,4)).reshape(12) -> copy
        (&[3, 4], &[1, 0], &[12], Order::C, None),
        // empty: always contiguous -> fresh strides (np.zeros((0,3)).reshape(3,0))
        (&[0, 3], &[3, 1], &[3, 0], Order::C, Some(&[1, 1])),
        (&[0, 3], &[3, 1], &[3, 0], Order::F, Some(&[1, 3])),
        // np.zeros((2,0,3)).transpose(2,0,1) (strides all 0 in NumPy 2.4)
        (&[3, 2, 0], &[0, 0, 0], &[6, 0], Order::C, Some(&[1, 1])),
        (&[3, 2, 0], &[0, 0, 0], &[0, 6], Order::F, Some(&[1, 1])),
        (&[3, 2, 0], &[0, 0, 0], &[-1], Order::C, Some(&[1])),
        // 0-d: np.zeros(()).reshape(()) and .reshape(1,1,1) (either order)
        (&[], &[], &[], Order::C, Some(&[])),
        (&[], &[], &[1, 1, 1], Order::C, Some(&[1, 1, 1])),
        (&[], &[], &[1, 1, 1], Order::F, Some(&[1, 1, 1])),
        // as_strided(np.arange(3.), (1,3), (7992,8)): length-1 stride kept by the
        // same-shape quick path, replaced when the layout is contiguous
        (&[1, 3], &[999, 1], &[1, 3], Order::C, Some(&[999, 1])),
        (&[1, 3], &[999, 1], &[1, -1], Order::C, Some(&[3, 1])),
        (&[1, 3], &[999, 1], &[3, 1], Order::C, Some(&[1, 1])),
        // as_strided(np.arange(6.), (1,3), (7992,16)): not contiguous
        (&[1, 3], &[999, 2], &[1, 3], Order::F, Some(&[999, 2])),
        (&[1, 3], &[999, 2], &[1, -1], Order::C, Some(&[6, 2])),
        (&[1, 3], &[999, 2], &[3, 1], Order::C, Some(&[2, 2])),
        (&[1, 3], &[999, 2], &[3], Order::C, Some(&[2])),
        // np.arange(24.).reshape(2,3,4)[::-1] strides (-12,4,1)
        (&[2, 3, 4], &[-12, 4, 1], &[6, 4], Order::C, None), // axis 0 runs backwards
        (&[2, 3, 4], &[-12, 4, 1], &[2, 3, 2, 2], Order::C, Some(&[-12, 4, 2, 1])),
        (&[2, 3, 4], &[-12, 4, 1], &[2, 12], Order::C, Some(&[-12, 1])),
        // np.arange(24.).reshape(2,3,4)[:, ::-1] strides (12,-4,1)
        (&[2, 3, 4], &[12, -4, 1], &[6, 4], Order::C, None),
        (&[2, 3, 4], &[12, -4, 1], &[2, 3, 2, 2], Order::C, Some(&[12, -4, 2, 1])),
    ];

#[test]
fn reshape_table_matches_numpy() {
    for (k, &(shape, strides, req, order, want)) in TABLE.iter().enumerate() {
        let l = lay(shape, strides, 2000);
        let got = l.reshape_view(req, order).unwrap();
        assert_eq!(
            got.as_ref().map(|v| v.strides().to_vec()),
            want.map(|w| w.to_vec()),
            "case {k}: {l:?}.reshape({req:?}, {order:?})"
        );
        if let Some(v) = got {
            assert_eq!(v.offset(), 2000, "case {k}: offset must not change");
            assert_eq!(v.size(), l.size(), "case {k}");
        }
    }
}

#[test]
fn resolve_shape_matches_numpy() {
    // np.arange(6).reshape(...) / np.zeros(0).reshape(...) in NumPy 2.4
    let ok = |size, req: &[isize]| resolve_shape("reshape", size, req).unwrap().to_vec();
    assert_eq!(ok(6, &[-1]), [6]);
    assert_eq!(ok(6, &[2, -1]), [2, 3]);
    assert_eq!(ok(6, &[-2, 3]), [2, 3]); // any negative is "unknown"
    assert_eq!(ok(6, &[2, -3]), [2, 3]);
    assert_eq!(ok(0, &[-1]), [0]);
    assert_eq!(ok(0, &[3, -1]), [3, 0]);
    assert_eq!(ok(1, &[]), Vec::<usize>::new());
    assert_eq!(ok(1, &[1, -1, 1]), [1, 1, 1]);

    let err = |size, req: &[isize]| resolve_shape("reshape", size, req).unwrap_err();
    assert_eq!(
        err(6, &[4]),
        Error::ReshapeSize {
            op: "reshape",
            size: 6,
            to: ReqShapeDisplay(vec![4])
        }
    );
    assert_eq!(
        err(6, &[4]).to_string(),
        "reshape: cannot reshape array of size 6 into shape (4,)"
    );
    assert!(matches!(err(6, &[-1, 4]), Error::ReshapeSize { .. }));
    assert!(matches!(err(6, &[0, -1]), Error::ReshapeSize { .. }));
    // np.zeros(0).reshape(-1, 0): the unknown cannot be solved from 0
    assert!(matches!(err(0, &[-1, 0]), Error::ReshapeSize { .. }));
    assert!(matches!(err(0, &[-1, 5, 0]), Error::ReshapeSize { .. }));
    assert!(matches!(err(2, &[]), Error::ReshapeSize { .. }));
    assert_eq!(
        err(6, &[-1, -1]),
        Error::BadRequestedShape {
            op: "reshape",
            to: ReqShapeDisplay(vec![-1, -1]),
            reason: "can only specify one unknown dimension"
        }
    );
    // An overflowing known product is a size error (NumPy does the same).
    let big = isize::MAX / 2;
    assert!(matches!(err(6, &[big, big, -1]), Error::ReshapeSize { .. }));
    // ... reported before a second unknown further right, as NumPy scans.
    assert!(matches!(
        err(6, &[big, big, -1, -1]),
        Error::ReshapeSize { .. }
    ));
    assert!(matches!(
        err(6, &[-1, -1, big, big]),
        Error::BadRequestedShape { .. }
    ));
    assert!(matches!(err(1, &[1; 65]), Error::TooManyDims { .. }));
}

#[test]
fn reshape_size_errors_propagate() {
    let a = Layout::contiguous(&[6], Order::C).unwrap();
    assert!(matches!(
        a.reshape_view(&[4], Order::C),
        Err(Error::ReshapeSize { size: 6, .. })
    ));
    assert!(matches!(
        a.reshape_view(&[-1, -1], Order::F),
        Err(Error::BadRequestedShape { .. })
    ));
    // a non-contiguous layout reports the size error, not a copy
    let t = Layout::contiguous(&[2, 3], Order::C).unwrap().t();
    assert!(matches!(
        t.reshape_view(&[7], Order::C),
        Err(Error::ReshapeSize { .. })
    ));
    assert!(matches!(t.set_shape(&[7]), Err(Error::ReshapeSize { .. })));
}

#[test]
fn set_shape_seed_cases() {
    // a = np.ones((2,3)).T; a.shape = 6 -> AttributeError with this text
    let a = Layout::contiguous(&[2, 3], Order::C).unwrap().t();
    let e = a.set_shape(&[6]).unwrap_err();
    assert_eq!(
        e,
        Error::IncompatibleInPlaceShape {
            from: ShapeDisplay(vec![3, 2]),
            to: ReqShapeDisplay(vec![6])
        }
    );
    assert_eq!(
        e.to_string(),
        "Incompatible shape for in-place modification. Use `.reshape()` to make a copy with the desired shape."
    );
    // x = np.arange(12); x.shape = (3, -1) -> strides (32, 8) bytes
    let x = Layout::contiguous(&[12], Order::C).unwrap();
    let y = x.set_shape(&[3, -1]).unwrap();
    assert_eq!((y.shape(), y.strides()), (&[3, 4][..], &[4, 1][..]));
    // F-contiguous input is read in C order: a copy would be needed
    let f = Layout::contiguous(&[2, 3], Order::F).unwrap();
    assert!(f.set_shape(&[6]).is_err());
    assert_eq!(f.set_shape(&[2, 3]).unwrap(), f);
}

#[test]
fn ravel_matches_numpy() {
    // np.arange(12).reshape(3,4): C ravel is a view, F ravel copies
    let c = Layout::contiguous(&[3, 4], Order::C).unwrap();
    let v = c.ravel_view(Order::C).unwrap();
    assert_eq!(
        (v.shape(), v.strides(), v.offset()),
        (&[12][..], &[1][..], 0)
    );
    assert_eq!(c.ravel_view(Order::F), None);
    // its .T: F ravel is a view, C ravel copies
    assert!(c.t().ravel_view(Order::F).is_some());
    assert_eq!(c.t().ravel_view(Order::C), None);
    // np.arange(10)[::2].ravel() copies although reshape(-1) is a view
    let s = lay(&[5], &[2], 0);
    assert_eq!(s.ravel_view(Order::C), None);
    assert_eq!(s.ravel_view(Order::F), None);
    assert!(s.reshape_view(&[-1], Order::C).unwrap().is_some());
    // 0-d -> (1,), empty -> (0,), offset kept
    let z = lay(&[], &[], 5);
    assert_eq!(z.ravel_view(Order::C), Some(lay(&[1], &[1], 5)));
    let e = lay(&[2, 0, 3], &[0, 0, 0], 5);
    assert_eq!(e.ravel_view(Order::F), Some(lay(&[0], &[1], 5)));
    // a broadcast layout copies
    assert_eq!(lay(&[4, 3], &[0, 1], 0).ravel_view(Order::C), None);
}

// ---- property tests -------------------------------------------------

/// A random shape with exactly `size` elements (as factors, some 1s, maybe
/// a -1), rank up to 5.
fn arb_target(size: usize) -> impl Strategy<Value = Vec<isize>> {
    (
        prop::collection::vec(0usize..6, 0..=5),
        any::<bool>(),
        any::<usize>(),
    )
        .prop_map(move |(picks, use_unknown, pos)| {
            let mut rest = size;
            let mut out = Vec::new();
            for p in picks {
                // choose a divisor of what is left (or 1)
                let divs: Vec<usize> = (1..=rest.max(1))
                    .filter(|&d| rest.is_multiple_of(d))
                    .collect();
                let d = if size == 0 {
                    [0, 1, 2][p % 3]
                } else {
                    divs[p % divs.len()]
                };
                out.push(d as isize);
                if size != 0 {
                    rest /= d;
                }
            }
            if size == 0 && !out.contains(&0) {
                out.push(0);
            } else if size != 0 {
                out.push(rest as isize);
            }
            if use_unknown && size != 0 {
                let i = pos % out.len();
                out[i] = -1;
            }
            out
        })
}

/// Buffer indices in F order: C order of the reversed axes.
fn f_indices(l: &Layout) -> Vec<isize> {
    l.t().indices()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, rng_seed: proptest::test_runner::RngSeed::Fixed(7), failure_persistence: None, ..ProptestConfig::default() })]

    /// Whenever a view is returned, it addresses exactly the parent's
    /// elements in the requested order; the offset is kept.
    #[test]
    fn reshape_view_is_correct((l, req) in arb_layout().prop_flat_map(|l| { let n = l.size(); (Just(l), arb_target(n)) }), f in any::<bool>()) {
        let order = if f { Order::F } else { Order::C };
        let got = l.reshape_view(&req, order).unwrap();
        if let Some(v) = &got {
            prop_assert_eq!(v.offset(), l.offset());
            let want_shape = resolve_shape("t", l.size(), &req).unwrap();
            prop_assert_eq!(v.shape(), &want_shape[..]);
            match order {
                Order::C => prop_assert_eq!(v.indices(), l.indices()),
                Order::F => prop_assert_eq!(f_indices(v), f_indices(&l)),
            }
        }
        // contiguous in the requested order always gives a view
        if l.is_contiguous(order) {
            prop_assert!(got.is_some());
        }
        // set_shape agrees with the C-order decision
        let s = l.set_shape(&req);
        match l.reshape_view(&req, Order::C).unwrap() {
            Some(v) => prop_assert_eq!(s.unwrap(), v),
            None => {
                let copy_needed = matches!(s, Err(Error::IncompatibleInPlaceShape { .. }));
                prop_assert!(copy_needed);
            }
        }
    }

    /// A reshape that only inserts or removes length-1 axes, or splits
    /// one axis into factors, never needs a copy (every old axis is its
    /// own group); reshaping back to the original shape is a view too.
    #[test]
    fn splitting_an_axis_never_copies(l in arb_layout(), pick in any::<usize>(), f in any::<bool>()) {
        let order = if f { Order::F } else { Order::C };
        if l.ndim() == 0 || l.is_empty() {
            return Ok(()); // nothing to split
        }
        let k = pick % l.ndim();
        let len = l.shape()[k];
        let divs: Vec<usize> = (1..=len).filter(|d| len % d == 0).collect();
        let d = divs[(pick / 7) % divs.len()];
        let mut req: Vec<isize> = l.shape().iter().map(|&x| x as isize).collect();
        req.splice(k..=k, [d as isize, (len / d) as isize, 1]);
        let v = l.reshape_view(&req, order).unwrap();
        prop_assert!(v.is_some(), "{:?} -> {:?}", l, req);
        let v = v.unwrap();
        match order {
            Order::C => prop_assert_eq!(v.indices(), l.indices()),
            Order::F => prop_assert_eq!(f_indices(&v), f_indices(&l)),
        }
        let back: Vec<isize> = l.shape().iter().map(|&x| x as isize).collect();
        prop_assert!(v.reshape_view(&back, order).unwrap().is_some());
    }

    /// ravel gives a view exactly when the layout is contiguous in that
    /// order, and the view walks the same elements.
    #[test]
    fn ravel_view_is_correct(l in arb_layout(), f in any::<bool>()) {
        let order = if f { Order::F } else { Order::C };
        match l.ravel_view(order) {
            Some(v) => {
                prop_assert!(l.is_contiguous(order));
                let want = match order { Order::C => l.indices(), Order::F => f_indices(&l) };
                prop_assert_eq!(v.indices(), want);
            }
            None => prop_assert!(!l.is_contiguous(order)),
        }
    }

    /// `None` must mean that no view can exist, checked for the simplest
    /// target, 1-D: a 1-D view exists iff the element walk in `order` is
    /// an arithmetic progression (zero strides included), and NumPy's
    /// algorithm finds it exactly then.
    #[test]
    fn flatten_copies_only_when_needed(l in arb_layout(), f in any::<bool>()) {
        let order = if f { Order::F } else { Order::C };
        let walk = match order { Order::C => l.indices(), Order::F => f_indices(&l) };
        let arithmetic = walk.len() < 2
            || walk.windows(2).all(|w| w[1] - w[0] == walk[1] - walk[0]);
        let got = l.reshape_view(&[-1], order).unwrap();
        prop_assert_eq!(got.is_some(), arithmetic, "{:?} {:?}", l, order);
    }
}
