//! Layout arithmetic at the edges of the integers: NumPy's size limit, the
//! invariants of [`super::bounds`], and every view operation on random
//! layouts with extreme lengths, strides and offsets (near ±2^62, ±2^31,
//! `isize::MIN + 1`, huge shapes beside a zero). Nothing may panic, in a
//! debug build either (`.ci/run` runs these without `--release`): each call
//! returns a valid layout that walks the right elements (checked against a
//! brute-force walk in `i128`), or an error.

use proptest::prelude::*;

use super::bounds::{check_shape, walk_reach};
use super::overlap::{byte_extent, has_internal_overlap, may_share_memory, shares_memory};
use super::slice::SliceArg;
use super::*;

const BIG: isize = 1 << 62;
const MAX: usize = isize::MAX as usize;

/// Every index of the walk in C order, in `i128`, by enumerating the
/// multi-indices (no shared code with the walker under test).
fn brute_indices(l: &Layout) -> Vec<i128> {
    if l.is_empty() {
        return Vec::new();
    }
    let mut out = vec![l.offset() as i128];
    for (&len, &st) in l.shape().iter().zip(l.strides()) {
        out = out
            .into_iter()
            .flat_map(|at| (0..len as i128).map(move |i| at + i * st as i128))
            .collect();
    }
    out
}

/// Small enough to walk element by element.
fn walkable(l: &Layout) -> bool {
    l.size() <= 512
}

fn walk(l: &Layout) -> Vec<i128> {
    l.indices().into_iter().map(|i| i as i128).collect()
}

fn sorted(mut v: Vec<i128>) -> Vec<i128> {
    v.sort();
    v
}

// ---- the adversarial cases, by name ------------------------------------------

/// The issue's layout: `as_strided` on a 10-element buffer with shape [5],
/// strides [2^62 + 1]. Its last index, 4 * (2^62 + 1), is past isize::MAX;
/// wrapped in 64 bits it is 4, inside the buffer, which is how the old code
/// accepted it. No layout can hold it.
#[test]
fn issue_layout_strides_2_pow_62_plus_1_is_refused() {
    let stride = BIG + 1;
    let exact = 4 * stride as i128;
    assert_eq!(walk_reach([(5usize, stride)]), Some((0, exact)));
    assert_eq!(exact as i64, 4, "the wrapped value the old code saw");
    let e = Layout::new(&[5], &[stride], 0).unwrap_err();
    assert!(
        matches!(
            e,
            Error::LayoutOverflow {
                op: "Layout::new",
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "Layout::new: an element index exceeds isize::MAX: shape (5,), \
         strides (4611686018427387905,), offset 0 (in elements)"
    );
    // The same stride on a length-1 axis is never used: fine, as in NumPy.
    assert!(Layout::new(&[1, 5], &[stride, 1], 0).is_ok());
}

/// `reach` saturates instead of wrapping or panicking on input no layout
/// has, so a span built from it only looks larger.
#[test]
fn reach_saturates() {
    assert_eq!(reach([(5, BIG + 1)]), (0, isize::MAX));
    assert_eq!(reach([(5, -(BIG + 1))]), (isize::MIN, 0));
    assert_eq!(reach([(usize::MAX, isize::MAX), (2, 1)]), (0, isize::MAX));
    // a length-0 axis reaches nothing (it is not `stride * -1`)
    assert_eq!(reach([(0, 7), (3, -2)]), (-4, 0));
}

// ---- NumPy's size limit --------------------------------------------------------

#[test]
fn shape_limit_matches_numpy() {
    // (shape, itemsize, allowed): np.empty(shape, dtype) in NumPy 2.4
    // (ValueError "array is too big; `arr.size * arr.dtype.itemsize` is
    // larger than the maximum possible size" where not allowed; shapes that
    // pass but cannot be allocated were made with as_strided over one
    // element, zero strides).
    let table: &[(&[usize], usize, bool)] = &[
        (&[0, MAX], 1, true),
        (&[0, MAX, 2], 1, false),
        (&[1 << 31, 1 << 31, 2], 1, false),
        (&[0, MAX], 2, false),
        (&[1 << 61], 4, false),
        (&[(1 << 61) - 1], 4, true),
        (&[0, 1 << 60], 8, false),
        (&[0, (1 << 60) - 1], 8, true),
        (&[1 << 62], 1, true),
        (&[3, 0, 1 << 61], 4, false),
        (&[], 8, true),
        (&[0], 8, true),
        (&[0, usize::MAX], 1, false),
        (&[usize::MAX], 1, false),
    ];
    for &(shape, isz, ok) in table {
        let got = check_shape("empty", shape, isz);
        assert_eq!(got.is_ok(), ok, "{shape:?} x {isz}: {got:?}");
        if let Err(e) = got {
            assert_eq!(
                e,
                Error::TooBig {
                    op: "empty",
                    shape: shape.into(),
                    itemsize: isz
                }
            );
            assert!(e.to_string().starts_with(
                "empty: array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size"
            ));
        }
    }
}

#[test]
fn every_shape_entry_point_applies_the_limit() {
    let too_big = |r: Result<Layout>| matches!(r, Err(Error::TooBig { .. }));
    let huge = [0, MAX, 2];
    assert!(too_big(Layout::contiguous(&huge, Order::C)));
    assert!(too_big(Layout::new(&huge, &[0, 0, 0], 0)));
    let one = Layout::contiguous(&[1], Order::C).unwrap();
    assert!(too_big(one.broadcast_to(&huge)));
    // np.zeros(0).reshape(0, 2**62, 4) / a.shape = ...: "array is too big"
    let empty = Layout::contiguous(&[0], Order::C).unwrap();
    assert!(matches!(
        empty.reshape_view(&[0, BIG, 4], Order::C),
        Err(Error::TooBig { .. })
    ));
    assert!(matches!(
        empty.set_shape(&[0, BIG, 4]),
        Err(Error::TooBig { .. })
    ));
    assert!(empty.reshape_view(&[0, BIG, 1], Order::C).is_ok());
    // expand_dims adds a length-1 axis: np.expand_dims of (0, 2**62) int8
    // is (1, 0, 2**62) in NumPy
    let wide = Layout::contiguous(&[0, 1 << 62], Order::C).unwrap();
    assert_eq!(wide.expand_dims(0).unwrap().shape(), &[1, 0, 1 << 62]);
    // byte form: (0, 2**61) of a 4-byte type is too big, of a 2-byte one
    // fine (np.empty((0, 2**61), np.int32) raises, np.int16 does not)
    let l = Layout::contiguous(&[0, 1 << 61], Order::C).unwrap();
    assert!(matches!(l.check_bytes("t", 4), Err(Error::TooBig { .. })));
    assert_eq!(l.check_bytes("t", 2), Ok(()));
}

// ---- the invariants ------------------------------------------------------------

#[test]
fn layout_new_refuses_what_cannot_be_indexed() {
    let bad = |shape: &[usize], strides: &[isize], offset: usize| {
        Layout::new(shape, strides, offset).unwrap_err()
    };
    // isize::MIN cannot be negated (flip)
    assert!(matches!(
        bad(&[2], &[isize::MIN], 0),
        Error::LayoutOverflow { .. }
    ));
    assert!(matches!(
        bad(&[1], &[isize::MIN], 0),
        Error::LayoutOverflow { .. }
    ));
    // offset past isize::MAX
    assert!(matches!(
        bad(&[], &[], usize::MAX),
        Error::LayoutOverflow { .. }
    ));
    // the walk past isize::MAX, or below 0
    assert!(matches!(
        bad(&[2], &[isize::MAX], 1),
        Error::LayoutOverflow { .. }
    ));
    assert!(matches!(
        bad(&[2], &[-isize::MAX], 0),
        Error::InvalidLayout { .. }
    ));
    // ... along a non-empty axis of an empty layout too (a flip or slice
    // of that axis would move the offset there)
    assert!(matches!(
        bad(&[0, 3], &[1, -5], 0),
        Error::InvalidLayout { .. }
    ));
    assert!(matches!(
        bad(&[0, 3], &[1, BIG], 0),
        Error::LayoutOverflow { .. }
    ));
    // the extremes that do fit
    assert!(Layout::new(&[2], &[isize::MAX], 0).is_ok());
    assert!(Layout::new(&[2], &[isize::MIN + 1], MAX).is_ok());
    assert!(Layout::new(&[], &[], MAX).is_ok());
    assert!(Layout::new(&[0, 3], &[isize::MIN + 1, 5], 10).is_ok());
    // flipping the extremes stays in range
    let l = Layout::new(&[2], &[isize::MIN + 1], MAX).unwrap();
    let f = l.flip(0).unwrap();
    assert_eq!((f.offset(), f.strides()), (0, &[isize::MAX][..]));
    assert_eq!(walk(&f), [0, isize::MAX as i128]);
}

#[test]
fn byte_forms_are_checked() {
    // element 2^60 - 1 of 8 bytes ends at byte 2^63: past any buffer
    let l = Layout::new(&[2], &[isize::MAX / 8], 0).unwrap();
    assert_eq!(l.check_bytes("t", 4), Ok(()));
    assert!(matches!(
        l.check_bytes("t", 8),
        Err(Error::LayoutOverflow { .. })
    ));
    assert_eq!(l.strides_bytes(8).unwrap(), [isize::MAX / 8 * 8]);
    assert!(matches!(
        l.strides_bytes(16),
        Err(Error::LayoutOverflow { .. })
    ));
    // a length-1 axis' stride counts too (it is visible in .strides)
    let l = Layout::new(&[1, 3], &[BIG, 1], 0).unwrap();
    assert!(matches!(
        l.check_bytes("t", 2),
        Err(Error::LayoutOverflow { .. })
    ));
    assert_eq!(l.strides_bytes(1).unwrap(), [BIG, 1]);
    // and the offset: element MAX / 2 of 2-byte elements ends past isize::MAX
    let l = Layout::new(&[], &[], MAX / 2).unwrap();
    assert!(l.check_bytes("t", 2).is_err());
    assert!(l.check_bytes("t", 1).is_ok());
}

/// NumPy's reshape gives a new length-1 axis the product of its neighbour's
/// stride and length, which can exceed any integer (NumPy wraps it in C);
/// such a stride is never used, so ndgpu gives it the neighbour's stride.
#[test]
fn reshape_with_a_huge_unused_stride_does_not_overflow() {
    let l = Layout::new(&[2], &[BIG], 0).unwrap();
    let v = l.reshape_view(&[1, 2], Order::C).unwrap().unwrap();
    assert_eq!(v.strides(), [BIG, BIG]);
    assert_eq!(walk(&v), walk(&l));
    let v = l.expand_dims(0).unwrap();
    assert_eq!(walk(&v), walk(&l));
    let v = l.reshape_view(&[2, 1], Order::F).unwrap().unwrap();
    assert_eq!(walk(&v), walk(&l));
}

#[test]
fn normalize_axis_takes_any_ndim() {
    assert_eq!(normalize_axis("t", -1, usize::MAX), Ok(usize::MAX - 1));
    assert_eq!(normalize_axis("t", isize::MIN, usize::MAX), Ok(MAX)); // 2^64 - 1 - 2^63
    assert!(normalize_axis("t", isize::MIN, 3).is_err());
    assert!(normalize_axis("t", isize::MAX, 3).is_err());
}

#[test]
fn coalesce_takes_any_input() {
    // products that overflow simply do not merge
    let (shape, strides) = coalesce(&[usize::MAX, 3], &[&[isize::MAX, 1]]);
    assert_eq!(shape.as_slice(), &[usize::MAX, 3]);
    assert_eq!(strides[0].as_slice(), &[isize::MAX, 1]);
    let (shape, _) = coalesce(&[1 << 40, 1 << 40], &[&[1 << 40, 1]]);
    assert_eq!(shape.as_slice(), &[1 << 40, 1 << 40]);
    let (shape, s) = coalesce(&[4, 3], &[&[3, 1]]);
    assert_eq!((shape.as_slice(), s[0].as_slice()), (&[12][..], &[1][..]));
}

// ---- property tests --------------------------------------------------------------

fn extreme_len() -> impl Strategy<Value = usize> {
    prop_oneof![
        4 => 0usize..=4,
        1 => Just(1usize << 31),
        1 => Just(1usize << 62),
        1 => Just(MAX),
        1 => Just(usize::MAX),
        1 => any::<usize>(),
    ]
}

fn extreme_stride() -> impl Strategy<Value = isize> {
    prop_oneof![
        4 => -6isize..=6,
        1 => prop::sample::select(vec![
            1 << 31,
            -(1 << 31),
            (1 << 31) + 1,
            i32::MAX as isize,
            i32::MIN as isize,
            BIG,
            -BIG,
            BIG + 1,
            -(BIG + 1),
            isize::MAX,
            isize::MIN,
            isize::MIN + 1,
        ]),
        1 => any::<isize>(),
    ]
}

fn extreme_offset() -> impl Strategy<Value = usize> {
    prop_oneof![
        3 => 0usize..=40,
        1 => prop::sample::select(vec![1 << 31, 1 << 62, MAX - 5, MAX, usize::MAX]),
        1 => any::<usize>(),
    ]
}

/// Raw layout parts: extreme lengths and strides, and mostly the offset
/// that puts the walk's lowest index at (or near) 0, so that many of them
/// are valid layouts at the edge of what fits; otherwise an extreme offset.
fn extreme_parts() -> impl Strategy<Value = (Vec<usize>, Vec<isize>, usize)> {
    (0usize..=4)
        .prop_flat_map(|nd| {
            (
                prop::collection::vec(extreme_len(), nd),
                prop::collection::vec(extreme_stride(), nd),
                extreme_offset(),
                0usize..=3,
                any::<bool>(),
            )
        })
        .prop_map(|(shape, strides, offset, slack, fit)| {
            let low = walk_reach(shape.iter().copied().zip(strides.iter().copied()))
                .and_then(|(lo, _)| usize::try_from(-lo + slack as i128).ok());
            match low {
                Some(o) if fit => (shape, strides, o),
                _ => (shape, strides, offset),
            }
        })
}

fn extreme_arg() -> impl Strategy<Value = SliceArg> {
    let bound = prop_oneof![
        Just(None),
        (-5isize..=5).prop_map(Some),
        any::<isize>().prop_map(Some),
        Just(Some(isize::MIN)),
        Just(Some(isize::MAX)),
    ];
    let step = prop_oneof![
        prop::sample::select(vec![
            1isize,
            2,
            -1,
            -2,
            3,
            isize::MAX,
            isize::MIN,
            isize::MIN + 1,
            0
        ]),
        any::<isize>(),
    ];
    prop_oneof![
        (-6isize..=6).prop_map(SliceArg::Index),
        any::<isize>().prop_map(SliceArg::Index),
        (bound.clone(), bound, step).prop_map(|(start, stop, step)| SliceArg::Slice {
            start,
            stop,
            step
        }),
        Just(SliceArg::NewAxis),
        Just(SliceArg::Ellipsis),
    ]
}

/// A result of a view operation: valid, and walking what `check` says.
fn assert_valid(what: &str, v: &Layout) -> std::result::Result<(), TestCaseError> {
    prop_assert!(
        v.check_valid("t").is_ok(),
        "{}: {:?} is not valid: {:?}",
        what,
        v,
        v.check_valid("t")
    );
    if walkable(v) {
        prop_assert_eq!(walk(v), brute_indices(v), "{}: walker of {:?}", what, v);
        if let Some((lo, hi)) = v.index_span() {
            let all = brute_indices(v);
            prop_assert_eq!(lo as i128, *all.iter().min().unwrap());
            prop_assert_eq!(hi as i128, *all.iter().max().unwrap());
        }
    }
    Ok(())
}

fn cfg() -> ProptestConfig {
    ProptestConfig {
        cases: 3000,
        rng_seed: proptest::test_runner::RngSeed::Fixed(62),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cfg())]

    /// `Layout::new` accepts exactly the layouts whose walk fits, and every
    /// query on an accepted one agrees with the brute-force walk.
    #[test]
    fn new_accepts_exactly_what_fits((shape, strides, offset) in extreme_parts()) {
        let fits = check_shape("t", &shape, 1).is_ok()
            && !strides.contains(&isize::MIN)
            && walk_reach(shape.iter().copied().zip(strides.iter().copied()))
                .is_some_and(|(lo, hi)| {
                    let at = offset as i128;
                    at + lo >= 0 && at + hi <= isize::MAX as i128
                });
        match Layout::new(&shape, &strides, offset) {
            Ok(l) => {
                prop_assert!(fits, "{:?} accepted", l);
                assert_valid("new", &l)?;
                // no query panics, whatever the item size
                let _ = l.is_c_contiguous();
                let _ = l.is_f_contiguous();
                let _ = l.check_within("t", usize::MAX);
                let _ = l.check_within("t", 10);
                for isz in [1, 2, 8, usize::MAX] {
                    let _ = l.strides_bytes(isz);
                    let _ = l.check_bytes("t", isz);
                    let _ = byte_extent(&l, isz);
                    let _ = may_share_memory(&l, isz, &l, isz);
                    let _ = has_internal_overlap(&l, isz, Some(50));
                    let _ = shares_memory(&l, isz, &l.flip_all(), isz, Some(50));
                }
                // byte extents of a valid layout are always exact
                prop_assert!(byte_extent(&l, 8).is_ok());
            }
            Err(e) => {
                prop_assert!(!fits, "{:?} {:?} {} refused: {:?}", shape, strides, offset, e);
                let expected = matches!(
                    e,
                    Error::TooBig { .. } | Error::LayoutOverflow { .. } | Error::InvalidLayout { .. }
                );
                prop_assert!(expected, "{:?}", e);
            }
        }
    }

    /// Every view operation on a valid extreme layout returns a valid
    /// layout over the right elements, or an error; none panics.
    #[test]
    fn view_ops_keep_the_invariants(
        (shape, strides, offset) in extreme_parts(),
        pick in any::<usize>(),
        args in prop::collection::vec(extreme_arg(), 0..=5),
        lead in prop::collection::vec(extreme_len(), 0..=2),
        req in prop::collection::vec(prop_oneof![Just(-1isize), 0isize..=4, any::<isize>()], 0..=4),
    ) {
        let Ok(l) = Layout::new(&shape, &strides, offset) else {
            return Ok(());
        };
        let nd = l.ndim();
        let parent = if walkable(&l) { Some(sorted(walk(&l))) } else { None };
        // reorderings: same elements
        let same = |what: &str, v: &Layout| -> std::result::Result<(), TestCaseError> {
            assert_valid(what, v)?;
            if let Some(p) = &parent {
                prop_assert_eq!(&sorted(walk(v)), p, "{}", what);
            }
            Ok(())
        };
        same("t", &l.t())?;
        same("squeeze_all", &l.squeeze_all())?;
        same("flip_all", &l.flip_all())?;
        if nd > 0 {
            let a = (pick % nd) as isize;
            let b = ((pick / 7) % nd) as isize;
            same("flip", &l.flip(a).unwrap())?;
            same("swapaxes", &l.swapaxes(a, b).unwrap())?;
            same("moveaxis", &l.moveaxis(a, b).unwrap())?;
            if l.shape()[a as usize] == 1 {
                same("squeeze", &l.squeeze(&[a]).unwrap())?;
            }
        }
        if let Ok(v) = l.expand_dims((pick % (nd + 1)) as isize) {
            same("expand_dims", &v)?;
        }
        // slicing: a subset of the elements
        if let Ok(v) = l.slice(&args) {
            assert_valid("slice", &v)?;
            if let (Some(p), true) = (&parent, walkable(&v)) {
                for i in walk(&v) {
                    prop_assert!(p.binary_search(&i).is_ok(), "slice {:?} of {:?} reaches {}", args, l, i);
                }
            }
        }
        // broadcasting: the same elements, repeated
        let mut to = lead.clone();
        to.extend(l.shape().iter().map(|&d| if d == 1 { pick % 3 } else { d }));
        match l.broadcast_to(&to) {
            Ok(v) => {
                assert_valid("broadcast_to", &v)?;
                if let (Some(p), true) = (&parent, walkable(&v)) {
                    for i in walk(&v) {
                        prop_assert!(p.binary_search(&i).is_ok());
                    }
                }
            }
            Err(e) => {
                let expected = matches!(e, Error::TooBig { .. } | Error::BroadcastTo { .. } | Error::TooManyDims { .. });
                prop_assert!(expected, "{:?}", e);
            }
        }
        // reshapes: same elements in the same order, when a view
        for order in [Order::C, Order::F] {
            for r in [&req[..], &[-1][..]] {
                match l.reshape_view(r, order) {
                    Ok(Some(v)) => {
                        assert_valid("reshape", &v)?;
                        if walkable(&v) && walkable(&l) {
                            match order {
                                Order::C => prop_assert_eq!(walk(&v), walk(&l)),
                                Order::F => prop_assert_eq!(walk(&v.t()), walk(&l.t())),
                            }
                        }
                    }
                    Ok(None) => {}
                    Err(e) => {
                        let expected = matches!(
                            e,
                            Error::ReshapeSize { .. } | Error::BadRequestedShape { .. } | Error::TooBig { .. } | Error::LayoutOverflow { .. }
                        );
                        prop_assert!(expected, "{:?}", e);
                    }
                }
            }
        }
        if let Some(v) = l.ravel_view(Order::C) {
            same("ravel", &v)?;
        }
        // merging axes never changes the walk
        let (cs, cst) = coalesce(l.shape(), &[l.strides()]);
        let m = Layout { shape: cs, strides: cst[0].clone(), offset: l.offset };
        if walkable(&l) && !l.is_empty() {
            prop_assert_eq!(walk(&m), walk(&l));
        }
    }

    /// `coalesce` and `reach` on raw parts no layout would accept.
    #[test]
    fn raw_helpers_never_panic((shape, strides, _) in extreme_parts(), other in prop::collection::vec(extreme_stride(), 4)) {
        let other = &other[..shape.len()];
        let _ = coalesce(&shape, &[&strides, other]);
        let _ = reach(shape.iter().copied().zip(strides.iter().copied()));
        let _ = walk_reach(shape.iter().copied().zip(strides.iter().copied()));
        let _ = check_shape("t", &shape, usize::MAX);
    }
}
