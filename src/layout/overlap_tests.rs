use super::*;
use proptest::prelude::*;
use std::collections::HashSet;

fn lay(shape: &[usize], strides: &[isize], offset: usize) -> Layout {
    Layout::new(shape, strides, offset).unwrap()
}

/// Every byte a layout touches (brute force over `indices()`).
fn bytes_of(l: &Layout, itemsize: usize) -> Vec<i128> {
    let mut out = Vec::new();
    for i in l.indices() {
        let start = i as i128 * itemsize as i128;
        out.extend(start..start + itemsize as i128);
    }
    out
}

fn brute_shares(a: &Layout, ia: usize, b: &Layout, ib: usize) -> bool {
    let sa: HashSet<i128> = bytes_of(a, ia).into_iter().collect();
    bytes_of(b, ib).iter().any(|p| sa.contains(p))
}

fn brute_internal(a: &Layout, isz: usize) -> bool {
    let all = bytes_of(a, isz);
    let set: HashSet<i128> = all.iter().copied().collect();
    set.len() != all.len()
}

/// One row of a NumPy table: layouts in elements (shape, strides, offset,
/// itemsize), then np.may_share_memory and np.shares_memory.
type Side = (&'static [usize], &'static [isize], usize, usize);
struct Row {
    what: &'static str,
    a: Side,
    b: Side,
    may: bool,
    exact: bool,
}

fn side(s: Side) -> (Layout, usize) {
    (lay(s.0, s.1, s.2), s.3)
}

// Expected values from NumPy 2.4 (`np.may_share_memory`, `np.shares_memory`
// on the named views; shapes/strides/offsets read back from the views and
// divided by the itemsize). x = np.arange(10) (int64),
// a = np.arange(12).reshape(3, 4) (int64), y = np.arange(6, dtype=np.int32).
#[rustfmt::skip]
    const NUMPY_TABLE: &[Row] = &[
        Row { what: "x vs x[1:3]", a: (&[10], &[1], 0, 8), b: (&[2], &[1], 1, 8), may: true, exact: true },
        Row { what: "x[::2] vs x[1::2]", a: (&[5], &[2], 0, 8), b: (&[5], &[2], 1, 8), may: true, exact: false },
        Row { what: "x[::-1] vs x", a: (&[10], &[-1], 9, 8), b: (&[10], &[1], 0, 8), may: true, exact: true },
        Row { what: "x[:5] vs x[5:]", a: (&[5], &[1], 0, 8), b: (&[5], &[1], 5, 8), may: false, exact: false },
        Row { what: "x[:6] vs x[5:]", a: (&[6], &[1], 0, 8), b: (&[5], &[1], 5, 8), may: true, exact: true },
        Row { what: "x[::3] vs x[1::2]", a: (&[4], &[3], 0, 8), b: (&[5], &[2], 1, 8), may: true, exact: true },
        Row { what: "x[1::3] vs x[::2]", a: (&[3], &[3], 1, 8), b: (&[5], &[2], 0, 8), may: true, exact: true },
        Row { what: "a.T vs a", a: (&[4, 3], &[1, 4], 0, 8), b: (&[3, 4], &[4, 1], 0, 8), may: true, exact: true },
        Row { what: "a[:, 1] vs a[1]", a: (&[3], &[4], 1, 8), b: (&[4], &[1], 4, 8), may: true, exact: true },
        Row { what: "a[:, 1] vs a[0]", a: (&[3], &[4], 1, 8), b: (&[4], &[1], 0, 8), may: true, exact: true },
        Row { what: "a[:, 0] vs a[1, 1:]", a: (&[3], &[4], 0, 8), b: (&[3], &[1], 5, 8), may: true, exact: false },
        Row { what: "a[:, ::2] vs a[:, 1::2]", a: (&[3, 2], &[4, 2], 0, 8), b: (&[3, 2], &[4, 2], 1, 8), may: true, exact: false },
        Row { what: "a[:, ::2] vs a[::2, ::-2]", a: (&[3, 2], &[4, 2], 0, 8), b: (&[2, 2], &[8, -2], 3, 8), may: true, exact: false },
        Row { what: "a[1:, ::3] vs a[:2, ::-1]", a: (&[2, 2], &[4, 3], 4, 8), b: (&[2, 4], &[4, -1], 3, 8), may: true, exact: true },
        Row { what: "a[:0] vs a", a: (&[0, 4], &[4, 1], 0, 8), b: (&[3, 4], &[4, 1], 0, 8), may: false, exact: false },
        Row { what: "x[3:3] vs x", a: (&[0], &[1], 0, 8), b: (&[10], &[1], 0, 8), may: false, exact: false },
        Row { what: "broadcast_to(x[2:3], (5,3)) vs x[2:3]", a: (&[5, 3], &[0, 0], 2, 8), b: (&[1], &[1], 2, 8), may: true, exact: true },
        Row { what: "broadcast_to(x[2:3], (5,3)) vs x[3:]", a: (&[5, 3], &[0, 0], 2, 8), b: (&[7], &[1], 3, 8), may: false, exact: false },
        Row { what: "broadcast_to(x[2:5], (4,3)) vs x[4:]", a: (&[4, 3], &[0, 1], 2, 8), b: (&[6], &[1], 4, 8), may: true, exact: true },
        Row { what: "broadcast_to(x[2:5], (4,3)) vs x[5:]", a: (&[4, 3], &[0, 1], 2, 8), b: (&[5], &[1], 5, 8), may: false, exact: false },
        Row { what: "broadcast_to(x[::4], (2,3)) vs x[1::2]", a: (&[2, 3], &[0, 4], 0, 8), b: (&[5], &[2], 1, 8), may: true, exact: false },
        Row { what: "y[1, ...] vs y[2, ...] (0-d)", a: (&[], &[], 1, 4), b: (&[], &[], 2, 4), may: false, exact: false },
        Row { what: "y[1, ...] vs y[1, ...] (0-d)", a: (&[], &[], 1, 4), b: (&[], &[], 1, 4), may: true, exact: true },
        Row { what: "y[1, ...] vs y", a: (&[], &[], 1, 4), b: (&[6], &[1], 0, 4), may: true, exact: true },
    ];

// Different itemsizes over one 16-byte buffer: buf = np.zeros(16, np.uint8),
// u32 = buf.view(np.uint32), u16 = buf.view(np.uint16), u64 likewise.
// Expected values from NumPy 2.4, and they agree with the touched byte
// ranges worked out by hand (e.g. u32[1::2] is bytes 4..8 and 12..16,
// u16[::4] is bytes 0..2 and 8..10: disjoint).
#[rustfmt::skip]
    const MIXED_ITEMSIZE_TABLE: &[Row] = &[
        Row { what: "u32[1::2] vs u16[::4]", a: (&[2], &[2], 1, 4), b: (&[2], &[4], 0, 2), may: true, exact: false },
        Row { what: "u32[1::2] vs u16[1::4]", a: (&[2], &[2], 1, 4), b: (&[2], &[4], 1, 2), may: true, exact: false },
        Row { what: "u32[1::2] vs u16[2::4]", a: (&[2], &[2], 1, 4), b: (&[2], &[4], 2, 2), may: true, exact: true },
        Row { what: "u32[::2] vs u16[1::4]", a: (&[2], &[2], 0, 4), b: (&[2], &[4], 1, 2), may: true, exact: true },
        Row { what: "u32[::-2] vs u16[3::4]", a: (&[2], &[-2], 3, 4), b: (&[2], &[4], 3, 2), may: true, exact: true },
        Row { what: "u32[::2] vs buf[4:8]", a: (&[2], &[2], 0, 4), b: (&[4], &[1], 4, 1), may: true, exact: false },
        Row { what: "u32[::2] vs buf[3:8]", a: (&[2], &[2], 0, 4), b: (&[5], &[1], 3, 1), may: true, exact: true },
        Row { what: "u64 vs buf[::8]", a: (&[2], &[1], 0, 8), b: (&[2], &[8], 0, 1), may: true, exact: true },
        Row { what: "u64 vs buf[1::8]", a: (&[2], &[1], 0, 8), b: (&[2], &[8], 1, 1), may: true, exact: true },
    ];

fn check_table(rows: &[Row]) {
    for r in rows {
        let (a, ia) = side(r.a);
        let (b, ib) = side(r.b);
        assert_eq!(may_share_memory(&a, ia, &b, ib), r.may, "may: {}", r.what);
        assert_eq!(
            may_share_memory(&b, ib, &a, ia),
            r.may,
            "may (swapped): {}",
            r.what
        );
        assert_eq!(
            shares_memory(&a, ia, &b, ib, None),
            Ok(r.exact),
            "exact: {}",
            r.what
        );
        assert_eq!(
            shares_memory(&b, ib, &a, ia, None),
            Ok(r.exact),
            "exact (swapped): {}",
            r.what
        );
        // The tables are small: the brute force must agree too.
        assert_eq!(brute_shares(&a, ia, &b, ib), r.exact, "brute: {}", r.what);
    }
}

#[test]
fn numpy_table() {
    check_table(NUMPY_TABLE);
}

#[test]
fn mixed_itemsizes() {
    check_table(MIXED_ITEMSIZE_TABLE);
}

#[test]
fn byte_extents() {
    // x[::-1] of int64: bytes 0..80 (NumPy: offset_bounds_from_strides
    // gives [-72, 8) relative to the data pointer at byte 72).
    assert_eq!(byte_extent(&lay(&[10], &[-1], 9), 8), Ok(Some((0, 80))));
    // a[::2, ::-2] of a 3x4 int64: elements 3, 1, 11, 9 -> bytes 8..96.
    assert_eq!(
        byte_extent(&lay(&[2, 2], &[8, -2], 3), 8),
        Ok(Some((8, 96)))
    );
    // 0-d: one element.
    assert_eq!(byte_extent(&lay(&[], &[], 5), 4), Ok(Some((20, 24))));
    // Broadcast: zero strides add nothing.
    assert_eq!(
        byte_extent(&lay(&[5, 3], &[0, 0], 2), 8),
        Ok(Some((16, 24)))
    );
    // Empty layouts and zero-size elements touch nothing.
    assert_eq!(byte_extent(&lay(&[3, 0], &[4, 1], 0), 8), Ok(None));
    assert_eq!(byte_extent(&lay(&[3], &[1], 0), 0), Ok(None));
    // The largest valid walk (up to index isize::MAX) with the largest
    // item size is still exact in i128: (2^63 - 1) * (2^64 - 1) bytes
    // plus one element fit, so a valid layout never overflows here.
    let huge = lay(&[2], &[isize::MAX], 0);
    let isz = usize::MAX as i128;
    assert_eq!(
        byte_extent(&huge, usize::MAX),
        Ok(Some((0, isize::MAX as i128 * isz + isz)))
    );
    assert!(may_share_memory(&huge, usize::MAX, &lay(&[1], &[1], 0), 1));
}

#[test]
fn zero_itemsize_shares_nothing() {
    let x = lay(&[4], &[1], 0);
    assert!(!may_share_memory(&x, 0, &x, 8));
    assert_eq!(shares_memory(&x, 0, &x, 0, None), Ok(false));
    assert_eq!(
        has_internal_overlap(&lay(&[4], &[0], 0), 0, None),
        Ok(false)
    );
}

// x = np.arange(80).reshape(4, 20).astype(np.int8) (the hard example in
// NumPy's mem_overlap.c): a = x[:, ::7], b = x[:, 3::3] share nothing,
// and NumPy 2.4 raises TooHardError for max_work = 0..=5, answers False
// from max_work = 6. With b = x[:, 1::3] they share; TooHardError up to
// max_work = 4, True from 5.
#[test]
fn work_limit_matches_numpy() {
    let a = lay(&[4, 3], &[20, 7], 0);
    let b = lay(&[4, 6], &[20, 3], 3);
    assert_eq!(shares_memory(&a, 1, &b, 1, None), Ok(false));
    assert!(may_share_memory(&a, 1, &b, 1));
    for w in 0..=5 {
        assert_eq!(
            shares_memory(&a, 1, &b, 1, Some(w)),
            Err(Error::TooHard { max_work: w }),
            "max_work {w}"
        );
    }
    for w in [6, 7, 100] {
        assert_eq!(shares_memory(&a, 1, &b, 1, Some(w)), Ok(false));
    }
    assert_eq!(
        shares_memory(&a, 1, &b, 1, Some(DEFAULT_MAX_WORK)),
        Err(Error::TooHard {
            max_work: DEFAULT_MAX_WORK
        })
    );

    let b2 = lay(&[4, 7], &[20, 3], 1);
    assert_eq!(shares_memory(&a, 1, &b2, 1, None), Ok(true));
    for w in 0..=4 {
        assert_eq!(
            shares_memory(&a, 1, &b2, 1, Some(w)),
            Err(Error::TooHard { max_work: w })
        );
    }
    assert_eq!(shares_memory(&a, 1, &b2, 1, Some(5)), Ok(true));
}

// NumPy 2.4, np.shares_memory(.., max_work=0) and (.., max_work=1):
// bounds-only raises TooHardError unless the extents are disjoint; one
// unit of work decides every ordinary slicing case.
#[test]
fn bounds_only_and_default_budget() {
    for r in NUMPY_TABLE.iter().chain(MIXED_ITEMSIZE_TABLE) {
        let (a, ia) = side(r.a);
        let (b, ib) = side(r.b);
        let want0 = if r.may {
            Err(Error::TooHard { max_work: 0 })
        } else {
            Ok(false)
        };
        assert_eq!(shares_memory(&a, ia, &b, ib, Some(0)), want0, "{}", r.what);
        // NumPy answers all of these with max_work=1.
        assert_eq!(
            shares_memory(&a, ia, &b, ib, Some(DEFAULT_MAX_WORK)),
            Ok(r.exact),
            "{}",
            r.what
        );
    }
}

// Expected values from NumPy 2.4's
// np._core._multiarray_tests.internal_overlap(view, max_work) for
// max_work = None (exact), 0, 1, 2; x = np.arange(10) (int64),
// a = np.arange(12).reshape(3, 4), z = the int8 (4, 20) array above.
#[test]
fn internal_overlap_numpy_table() {
    type Io = Result<bool>;
    let th = |w| Err(Error::TooHard { max_work: w });
    #[rustfmt::skip]
        let rows: &[(&str, Layout, usize, [Io; 4])] = &[
            ("broadcast_to(x[2:3], (5,3))", lay(&[5, 3], &[0, 0], 2), 8, [Ok(true), Ok(true), Ok(true), Ok(true)]),
            ("broadcast_to(x[:3], (4,3))", lay(&[4, 3], &[0, 1], 0), 8, [Ok(true), Ok(true), Ok(true), Ok(true)]),
            ("broadcast_to(x[:3], (1,3))", lay(&[1, 3], &[0, 1], 0), 8, [Ok(false), Ok(false), Ok(false), Ok(false)]),
            ("sliding_window_view(x, 3)", lay(&[8, 3], &[1, 1], 0), 8, [Ok(true), th(0), Ok(true), Ok(true)]),
            ("as_strided(x, (3,4), (24,8))", lay(&[3, 4], &[3, 1], 0), 8, [Ok(true), th(0), Ok(true), Ok(true)]),
            ("as_strided(x, (4,3), (24,8))", lay(&[4, 3], &[3, 1], 0), 8, [Ok(false), Ok(false), Ok(false), Ok(false)]),
            ("a", lay(&[3, 4], &[4, 1], 0), 8, [Ok(false), Ok(false), Ok(false), Ok(false)]),
            ("a.T", lay(&[4, 3], &[1, 4], 0), 8, [Ok(false), th(0), Ok(false), Ok(false)]),
            ("a[:, ::2]", lay(&[3, 2], &[4, 2], 0), 8, [Ok(false), th(0), Ok(false), Ok(false)]),
            ("x[::-2]", lay(&[5], &[-2], 9), 8, [Ok(false), th(0), Ok(false), Ok(false)]),
            ("as_strided(x[9:], (3,4), (-24,-8))", lay(&[3, 4], &[-3, -1], 9), 8, [Ok(true), th(0), Ok(true), Ok(true)]),
            ("as_strided(z, (3,3), (7,3))", lay(&[3, 3], &[7, 3], 0), 1, [Ok(false), th(0), Ok(false), Ok(false)]),
            ("as_strided(z, (2,3,4), (20,7,3))", lay(&[2, 3, 4], &[20, 7, 3], 0), 1, [Ok(true), th(0), th(1), Ok(true)]),
            ("x[3:3] (empty)", lay(&[0], &[1], 3), 8, [Ok(false), Ok(false), Ok(false), Ok(false)]),
        ];
    for (what, l, isz, want) in rows {
        for (w, expect) in [None, Some(0), Some(1), Some(2)].into_iter().zip(want) {
            assert_eq!(
                &has_internal_overlap(l, *isz, w),
                expect,
                "{what} max_work {w:?}"
            );
        }
        let exact = has_internal_overlap(l, *isz, None).unwrap();
        assert_eq!(exact, brute_internal(l, *isz), "brute: {what}");
    }
}

// A Layout strides in whole elements, so two of its elements either
// coincide or are disjoint: internal overlap is element duplication, and
// the itemsize term must not create false positives. (NumPy agrees:
// internal_overlap(x[::2]) is False; a window view such as
// as_strided(x, (3, 2), (8, 16)) with elements {0,2},{1,3},{2,4} is True.)
#[test]
fn internal_overlap_element_granularity() {
    for isz in [1, 2, 4, 8] {
        assert_eq!(
            has_internal_overlap(&lay(&[4], &[2], 0), isz, None),
            Ok(false)
        );
        assert_eq!(
            has_internal_overlap(&lay(&[3, 2], &[1, 2], 0), isz, None),
            Ok(true)
        );
        assert_eq!(
            has_internal_overlap(&lay(&[2, 2], &[1, 2], 0), isz, None),
            Ok(false)
        );
    }
}

#[test]
fn ext_gcd_identity() {
    for a1 in 1..40i128 {
        for a2 in 1..40i128 {
            let (g, ga, ep) = ext_gcd(a1, a2);
            assert_eq!(ga * a1 + ep * a2, g);
            assert_eq!(a1 % g, 0);
            assert_eq!(a2 % g, 0);
            assert!(ga.abs() <= a2 / g && ep.abs() <= a1 / g);
        }
    }
}

/// Random layouts over one byte buffer, answered by NumPy 2.4. Each line is
/// `a|b|shares|internal`, a layout written `shape;strides;offset;itemsize`
/// in elements (built in NumPy with `np.ndarray(buffer=buf, dtype=uintN,
/// offset=offset*itemsize, strides=strides*itemsize)`). `shares` is
/// `np.shares_memory(a, b, max_work=w)` for w = -1 (exact), 0, 1, 2, 3, 4,
/// 5, 6, 8, 10 and `internal` is
/// `np._core._multiarray_tests.internal_overlap(a, w)` for w = None, 0, 1,
/// 2, 3, 5: `T` true, `F` false, `H` TooHardError / "Exceeded max_work".
/// Lines were drawn at random (seeded) from 3000 cases, favouring the ones
/// where the work limit matters; all 3000 matched when this was written.
const NUMPY_RANDOM_CASES: &str = "\
2,5,2,4;6,9,5,-7;22;4|5,5;-7,-8;64;8|THHTTTTTTT|THTTTT\n\
6,4,2,2;8,4,-5,-8;18;2|6,4,1;8,-5,7;23;8|THHHHHHTTT|THHTTT\n\
1;-9;5;4|3,2,4;-3,-2,7;8;1|THHTTTTTTT|FFFFFF\n\
6,2,5,3;-5,0,-5,-8;69;8|4,6,4;9,-9,9;48;2|THHTTTTTTT|TTTTTT\n\
3,1;-6,-9;13;4|2,3;-6,8;9;1|FHHFFFFFFF|FHFFFF\n\
6,6,2;4,-7,-8;50;4|4;5;3;4|THHHHTTTTT|THTTTT\n\
5,6;-7,-9;76;1|;;7;8|THHTTTTTTT|FHFFFF\n\
3,6,3;-5,6,-4;18;4|4,1;1,1;7;2|THHTTTTTTT|THTTTT\n\
2,5;0,4;0;8|3,3;-9,2;21;4|THHHTTTTTT|TTTTTT\n\
6,1,6,3;3,-6,-7,-5;50;8|0,6,3;7,7,-8;16;4|FFFFFFFFFF|THHTTT\n\
1,2,4,2;5,-5,-1,7;15;4|4;7;3;4|THTTTTTTTT|THHTTT\n\
3,6,4,5;-9,-9,4,-2;75;8|4;9;1;8|THHTTTTTTT|THTTTT\n\
2,2,5;-6,4,-2;20;8|6;4;7;4|FHFFFFFFFF|THHTTT\n\
;;5;4|2,3,2;4,-1,8;2;2|THHTTTTTTT|FFFFFF\n\
6,4,4;3,-5,-7;39;1|;;2;8|THHHTTTTTT|THTTTT\n\
2,3;-4,9;4;4|6,6;9,-5;29;2|THHHHHTTTT|FHFFFF\n\
6,3,3,4;-7,8,2,-7;59;1|6,4,2;6,7,9;3;4|THHHHHHTTT|THHHHH\n\
4;-2;8;2|6;-7;42;1|FHHFFFFFFF|FHFFFF\n\
1,4;2,-8;26;2|2,4;5,7;1;1|THHHHHTTTT|FHFFFF\n\
4,4,6;-1,-6,-6;52;8|4,4,1;-2,-5,9;28;2|THHHHTTTTT|THTTTT\n\
6,5,5;-5,4,-6;49;4|3,3,4;-5,4,-1;14;1|THHHHHTTTT|THTTTT\n\
2,1,3,4;3,-9,-8,-2;28;1|3,0,4,1;-2,-2,-8,-4;30;1|FFFFFFFFFF|FHHHHH\n\
2;-6;14;2|5,5,1;5,3,-3;1;2|THHHHTTTTT|FHFFFF\n\
5,5,2;9,-1,-6;17;1|1,6,4;1,-9,2;46;8|THHTTTTTTT|THTTTT\n\
1,5,4;2,8,9;6;1|4,3;3,-1;3;2|THHTTTTTTT|FHFFFF\n\
4,6,2;-4,9,-7;21;8|2,5;9,8;5;4|THHTTTTTTT|FHHHHH\n\
6;6;0;4|4,2;2,7;8;8|THHTTTTTTT|FHFFFF\n\
5,5,3,4;1,5,9,-9;34;4|4,4,3;-2,3,2;7;4|THHHTTTTTT|THTTTT\n\
6;7;5;1|4,1,6,2;-2,-4,-5,5;33;2|THHTTTTTTT|FFFFFF\n\
6,4,1;-9,-5,2;67;2|4,2,4,2;3,-1,-9,8;31;2|THHHTTTTTT|FHFFFF\n\
5,2,4;1,3,5;1;1|;;1;2|THTTTTTTTT|THHTTT\n\
3,4,6,2;-8,-1,-2,5;33;1|6;9;7;2|THHHHHHHTT|THTTTT\n\
2,3;1,7;3;8|4;-9;27;8|THHTTTTTTT|FHFFFF\n\
2;-5;8;1|3,1,5,4;-1,-2,0,8;2;1|THHHTTTTTT|FFFFFF\n\
4,3,1,2;-1,-9,-3,-1;30;4|1,6,6;4,-5,-5;50;8|THHHHTTTTT|THTTTT\n\
6,2,2,4;8,5,6,-3;9;1|2;3;1;2|THHHTTTTTT|THTTTT\n\
3,3,6;-5,-7,5;29;4|;;4;2|FFFFFFFFFF|THHHTT\n\
4,3,3,4;8,3,-5,-1;16;4|2,3,1,1;7,-5,9,1;10;1|THHHTTTTTT|THHTTT\n\
6,1;4,-7;8;2|6,5,5;7,9,-6;31;4|THHHHTTTTT|FHFFFF\n\
4,2,5;-7,-8,6;32;4|3,3;1,-4;15;1|THTTTTTTTT|THHHHT\n\
2,6,6,2;-1,-4,-7,5;56;2|4;8;6;1|THHHHTTTTT|THTTTT\n\
5,2,2;-6,-2,5;34;8|;;4;1|FFFFFFFFFF|FHHHFF\n\
3,5,5;-7,4,-3;31;2|4,5;-4,6;20;4|THHHHTTTTT|THTTTT\n\
1;-4;3;2|5,3,5,4;-3,-1,4,7;14;1|THHTTTTTTT|FFFFFF\n\
2,6,5;8,-9,-1;54;1|1,5;3,-9;37;8|THHTTTTTTT|THHHHT\n\
1,4;7,7;6;4|3,5,6,2;3,6,-6,-8;40;4|THHTTTTTTT|FHFFFF\n\
4,6;8,-5;30;1|2,6,4;-8,5,6;8;2|THHHTTTTTT|FHFFFF\n\
2,3,4,4;-4,1,-9,1;34;4|2,3,5;2,9,2;7;1|THHHHHTTTT|THTTTT\n\
5,3,3,5;-9,-7,4,-6;78;4|3,2,6,5;-9,-9,-8,4;75;2|THHHHTTTTT|THTTTT\n\
2,5,2,4;2,-4,-6,7;30;8|2,2,6;8,-3,-2;19;1|FFFFFFFFFF|THHTTT\n\
5;3;0;4|6,1,4;-4,-7,-4;34;8|THHTTTTTTT|FHFFFF\n\
5;-6;25;1|4,5,4,5;-5,-1,-7,-4;64;1|THHHTTTTTT|FFFFFF\n\
4,2;7,6;0;8|3,1,1,2;6,3,-4,7;2;4|THHHTTTTTT|FHFFFF\n\
2,3,6;-9,0,-1;16;2|5,6,1,2;-6,4,5,4;30;2|THHTTTTTTT|TTTTTT\n\
5,6;-7,-6;59;8|4,5,6;-9,3,2;29;4|THHTTTTTTT|FHFFFF\n\
2,1;4,7;4;4|3,3,2,6;-3,-5,8,-5;49;2|THHTTTTTTT|FHFFFF\n\
;;1;8|3,5,3;7,-9,-6;55;1|THHHHHHTTT|FFFFFF\n\
6,1,1,2;3,-5,9,5;4;4|1,4;2,-5;18;2|THHHTTTTTT|FHFFFF\n\
1,2,5,4;-9,4,-9,-1;47;2|6,6,1;4,-9,5;51;4|THHTTTTTTT|FHHHHH\n\
5,1,1,5;9,7,8,4;5;8|2,3;5,-8;23;8|THHHHHHHHH|FHFFFF\n\
2,3,1;9,-2,0;7;4|4,2;3,-7;7;8|THHHHHHHHT|FHFFFF\n\
5,6;5,-3;19;2|4,1,5,1;0,3,1,-9;1;8|THHTTTTTTT|THTTTT\n\
2,5;5,0;8;8|5,5;-9,-2;49;4|THHHHTTTTT|TTTTTT\n\
2,1,3,1;-3,-2,-5,-9;17;1|3;2;0;8|THHTTTTTTT|FHFFFF\n\
4;7;7;4|4;5;2;8|THHTTTTTTT|FHFFFF\n\
3,3;9,0;6;2|5;-7;36;1|FHHFFFFFFF|TTTTTT\n\
4,6,3;6,-4,5;24;2|4,4,1,2;2,-2,-2,-2;15;1|THTTTTTTTT|THHTTT\n\
3,2,4;5,-8,0;11;2|3,2,4,5;9,9,8,2;0;2|THHTTTTTTT|TTTTTT\n\
1,1,6;-1,-5,-5;33;2|4;-4;15;8|THHHTTTTTT|FHFFFF\n\
3,6,3;-2,-7,6;45;2|5,2,3;-1,6,-8;27;4|THHHHHTTTT|THHTTT\n\
2,3,4;-1,7,1;7;8|3,0,5,4;-7,2,0,-5;34;2|FFFFFFFFFF|THHHTT\n\
;;8;2|5,2,2,3;6,0,3,7;5;1|THHHHHTTTT|FFFFFF\n\
6,4,1,1;6,-1,5,-9;4;8|5,5,5;-2,7,0;9;4|THHHTTTTTT|FHFFFF\n\
3,4,5,3;1,-7,1,-7;36;1|2,0,1;-1,8,-8;6;1|FFFFFFFFFF|THHHTT\n\
5,2;-2,5;12;4|5,4,1;-4,-4,0;35;4|THHTTTTTTT|FHFFFF\n\
1,3,4;-9,2,3;0;8|5,2;-4,6;19;1|THHTTTTTTT|FHFFFF\n\
4,4,3;-7,-8,2;46;8|3;-1;5;1|FFFFFFFFFF|THHTTT\n\
3,6,1,2;-1,-8,-2,-7;52;1|2,4,2;7,2,8;5;8|THHHHHTTTT|THHTTT\n\
6;8;1;1|1,5,2;7,6,-9;12;1|THHTTTTTTT|FFFFFF\n\
2,3;-3,1;11;2|2,5,3,3;1,0,-2,5;12;1|THHHTTTTTT|FHFFFF\n\
6;-2;12;2|5,5,5;9,-1,-7;33;2|THHHHTTTTT|FHFFFF\n\
4,2,5;7,-6,8;12;1|3,1,5;-6,5,-7;48;2|THHTTTTTTT|THTTTT\n\
3,3,5;6,2,6;0;2|2;8;4;4|THHTTTTTTT|THTTTT\n\
4,5,5;-5,-4,6;33;1|;;5;4|THHTTTTTTT|THTTTT\n\
4,1,5;7,3,6;8;4|2,3,6,1;1,-1,-7,7;39;2|THHHHTTTTT|FHFFFF\n\
3,2,3,1;2,5,-8,-7;20;1|6,1;-8,0;46;8|FFFFFFFFFF|FHHHHF\n\
4,4,2,2;0,4,1,-6;8;8|2,4,2,6;2,-7,-6,6;31;1|THHTTTTTTT|TTTTTT\n\
1,4;-3,5;0;4|1,4,4;9,9,-8;31;2|THHHHHTTTT|FHFFFF\n\
5,6,4,2;7,-3,-5,-4;37;1|5,2,4;-4,3,4;16;2|THHHHTTTTT|THTTTT\n\
3,6,3,2;-9,2,4,7;25;1|2,5;-4,-2;17;2|THHHHHHTTT|THTTTT\n\
4;1;5;4|6,2,4,5;-7,4,6,8;39;2|THHHTTTTTT|FFFFFF\n\
1,6,4;6,8,-4;18;1|3,4,3;6,1,9;3;4|THHHTTTTTT|THTTTT\n\
6,1,6,6;3,6,-2,-1;16;4|5,5,5,1;-9,2,9,-1;38;8|THHTTTTTTT|THTTTT\n\
4,5,4,3;8,4,-9,7;33;1|2,1,3,4;-4,-9,-4,4;14;8|THHTTTTTTT|THHHTT\n\
3,6,6,2;3,9,8,2;5;8|6,3;-3,-7;34;8|THHHHTTTTT|THTTTT\n\
5,2;-7,-5;33;1|6,6;4,-6;35;4|THHHTTTTTT|FHFFFF\n\
3,2,5,3;-7,9,-3,3;31;2|2,6,2;7,8,0;1;8|THHHHHHHHH|THHHHT\n\
4,5,3;6,4,4;1;4|2,5;5,6;7;2|THHTTTTTTT|THTTTT\n\
4,1,5;-7,5,-9;57;8|3;5;2;8|THHTTTTTTT|FHFFFF\n\
5,6,4,3;1,-5,-9,-4;62;8|4,2,5,5;-6,7,-8,1;52;1|THHTTTTTTT|THTTTT\n\
4,3;-6,4;22;2|6;7;6;2|THHTTTTTTT|FHFFFF\n\
6,1,2,3;-6,0,7,8;30;8|5,2;4,1;8;2|THHHTTTTTT|FHHHHH\n\
2,2,6,4;-4,7,-4,4;25;2|6;2;6;2|THHTTTTTTT|THHTTT\n\
3,1,4,1;-4,6,5,-5;12;4|5;-9;42;1|THHHHTTTTT|FHFFFF\n\
1,4,1;1,5,2;0;1|2,6,2,3;-4,-6,4,4;36;1|THHTTTTTTT|FFFFFF\n\
3,4,5;0,-6,-7;54;2|3,1,5;4,-7,2;3;4|THHTTTTTTT|TTTTTT\n\
2,3,2,3;7,8,6,7;8;2|2,6,6;0,7,2;2;1|THHHHHHHHH|THHHHT\n\
5,6;-4,8;17;8|3,5;7,5;7;4|THHTTTTTTT|THTTTT\n\
3;2;6;8|5,2,5,3;6,4,3,9;7;4|THHTTTTTTT|FHFFFF\n\
2,3,2,2;-6,1,-7,-6;27;4|5;0;0;8|FFFFFFFFFF|THHHHT\n\
;;5;1|;;3;1|FFFFFFFFFF|FFFFFF\n\
2;5;3;2|;;3;1|FFFFFFFFFF|FHFFFF\n\
6,6;6,-3;22;8|6,3,2;-9,1,7;47;4|THTTTTTTTT|THTTTT\n\
5,6,4;4,-3,-7;42;8|3,6;7,0;2;2|FFFFFFFFFF|THTTTT\n\
;;4;8|2;-6;8;2|FFFFFFFFFF|FFFFFF\n\
2;-1;3;2|;;1;4|THTTTTTTTT|FHFFFF\n\
2,5;-7,0;12;1|1,6,6,3;2,-2,-3,4;32;4|FFFFFFFFFF|TTTTTT\n\
5,1,2;0,2,-9;14;4|1,3,1;6,1,-1;3;1|FFFFFFFFFF|TTTTTT\n\
6;-8;48;2|1,0,5;8,2,-9;36;1|FFFFFFFFFF|FHFFFF\n\
;;7;8|2,6;-4,8;12;8|FFFFFFFFFF|FFFFFF\n\
2,2,5;0,-1,-4;25;4|2,0,0;3,2,2;6;8|FFFFFFFFFF|TTTTTT\n\
;;5;2|6,4;3,1;0;1|THTTTTTTTT|FFFFFF\n\
3;0;8;4|0;2;4;2|FFFFFFFFFF|TTTTTT\n\
;;5;1|3,4;3,-8;24;8|THTTTTTTTT|FFFFFF\n\
6,4;1,8;3;1|4,4;-4,-3;23;4|THTTTTTTTT|FHFFFF\n\
5,6,6,4;9,-4,7,-9;48;8|1;-4;5;2|THTTTTTTTT|THTTTT\n\
;;6;8|5,6;0,4;6;1|FFFFFFFFFF|FFFFFF\n\
;;7;8|0,0,6;-7,0,-5;26;2|FFFFFFFFFF|FFFFFF\n\
2,1,6;-8,6,1;8;2|0,5,4,5;-4,-2,3,-3;27;8|FFFFFFFFFF|FHFFFF\n\
;;5;1|4,2,6,6;8,9,4,6;5;2|FFFFFFFFFF|FFFFFF\n\
;;3;8|4;0;7;2|FFFFFFFFFF|FFFFFF\n\
4;3;6;8|3,2,0;8,-9,-4;14;1|FFFFFFFFFF|FHFFFF\n\
1;1;2;4|0,1,4,0;5,2,7,-8;5;2|FFFFFFFFFF|FFFFFF\n\
1,3,4;7,-9,0;24;8|1,3,5;5,7,1;3;4|THTTTTTTTT|TTTTTT\n\
3;-6;17;1|;;2;1|FFFFFFFFFF|FFFFFF\n\
6,1;0,2;1;2|5,0;3,3;7;4|FFFFFFFFFF|TTTTTT\n\
1,3,3;8,-1,-5;18;1|5,3,2,5;3,-2,-5,-7;39;4|THTTTTTTTT|FHFFFF\n\
4;-9;33;2|1,3,0;9,-2,-9;7;2|FFFFFFFFFF|FHFFFF\n\
6,1;-8,-1;47;1|4,6;1,-3;21;1|THTTTTTTTT|FFFFFF\n\
6;-1;7;8|4;-9;32;4|THTTTTTTTT|FHFFFF\n\
";

fn parse_side(s: &str) -> (Layout, usize) {
    let p: Vec<&str> = s.split(';').collect();
    let nums = |t: &str| -> Vec<i64> {
        t.split(',')
            .filter(|x| !x.is_empty())
            .map(|x| x.parse().unwrap())
            .collect()
    };
    let shape: Vec<usize> = nums(p[0]).iter().map(|&x| x as usize).collect();
    let strides: Vec<isize> = nums(p[1]).iter().map(|&x| x as isize).collect();
    (
        lay(&shape, &strides, p[2].parse().unwrap()),
        p[3].parse().unwrap(),
    )
}

fn code(r: Result<bool>) -> char {
    match r {
        Ok(true) => 'T',
        Ok(false) => 'F',
        Err(Error::TooHard { .. }) => 'H',
        Err(e) => panic!("unexpected error {e}"),
    }
}

#[test]
fn random_cases_match_numpy_including_work_counts() {
    let shares_w = [
        None,
        Some(0),
        Some(1),
        Some(2),
        Some(3),
        Some(4),
        Some(5),
        Some(6),
        Some(8),
        Some(10),
    ];
    let internal_w = [None, Some(0), Some(1), Some(2), Some(3), Some(5)];
    let mut n = 0;
    for line in NUMPY_RANDOM_CASES.lines() {
        let f: Vec<&str> = line.split('|').collect();
        let (a, ia) = parse_side(f[0]);
        let (b, ib) = parse_side(f[1]);
        let got: String = shares_w
            .iter()
            .map(|&w| code(shares_memory(&a, ia, &b, ib, w)))
            .collect();
        assert_eq!(got, f[2], "shares_memory: {line}");
        let got: String = internal_w
            .iter()
            .map(|&w| code(has_internal_overlap(&a, ia, w)))
            .collect();
        assert_eq!(got, f[3], "has_internal_overlap: {line}");
        n += 1;
    }
    assert_eq!(n, 140);
}

/// A random layout with every touched index >= 0, and an itemsize.
fn arb_layout() -> impl Strategy<Value = (Layout, usize)> {
    (
        prop::collection::vec((0usize..=4, -6isize..=6), 0..=3),
        0usize..=6,
        prop::sample::select(vec![1usize, 2, 4, 8]),
    )
        .prop_map(|(axes, extra, isz)| {
            let shape: Vec<usize> = axes.iter().map(|a| a.0).collect();
            let strides: Vec<isize> = axes.iter().map(|a| a.1).collect();
            // The offset must cover every backwards reach.
            let back: isize = axes
                .iter()
                .map(|&(len, st)| (st * (len as isize - 1).max(0)).min(0))
                .sum();
            (lay(&shape, &strides, (-back) as usize + extra), isz)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, rng_seed: proptest::test_runner::RngSeed::Fixed(0x0d6a), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn shares_memory_matches_brute_force((a, ia) in arb_layout(), (b, ib) in arb_layout()) {
        let brute = brute_shares(&a, ia, &b, ib);
        prop_assert_eq!(shares_memory(&a, ia, &b, ib, None), Ok(brute));
        prop_assert_eq!(shares_memory(&b, ib, &a, ia, None), Ok(brute));
        if brute {
            prop_assert!(may_share_memory(&a, ia, &b, ib));
        }
        // A bounded budget answers right or gives up, never lies.
        for w in [0u64, 1, 2, 5] {
            match shares_memory(&a, ia, &b, ib, Some(w)) {
                Ok(r) => prop_assert_eq!(r, brute),
                Err(e) => prop_assert_eq!(e, Error::TooHard { max_work: w }),
            }
        }
    }

    #[test]
    fn internal_overlap_matches_brute_force((a, isz) in arb_layout()) {
        let brute = brute_internal(&a, isz);
        prop_assert_eq!(has_internal_overlap(&a, isz, None), Ok(brute));
        for w in [0u64, 1, 2] {
            match has_internal_overlap(&a, isz, Some(w)) {
                Ok(r) => prop_assert_eq!(r, brute),
                Err(e) => prop_assert_eq!(e, Error::TooHard { max_work: w }),
            }
        }
    }

    #[test]
    fn self_sharing((a, isz) in arb_layout()) {
        // A non-empty layout always shares memory with itself.
        prop_assert_eq!(shares_memory(&a, isz, &a, isz, None), Ok(!a.is_empty()));
    }
}
