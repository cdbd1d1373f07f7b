use super::*;
use proptest::prelude::*;

/// A parent layout: (shape, strides, offset), all in elements.
type Parent = (&'static [usize], &'static [isize], usize);

// The parents of the NumPy table below; each is built in NumPy as
// `as_strided(base[offset:], shape, strides * itemsize)` over
// `base = np.arange(1000)`.
/// `np.arange(24).reshape(2, 3, 4)`
const C234: Parent = (&[2, 3, 4], &[12, 4, 1], 0);
/// its transpose, `.T`
const T432: Parent = (&[4, 3, 2], &[1, 4, 12], 0);
/// an already-sliced view, `a[1:, ::-1, 1::2]` of the (2, 3, 4) array
const SL: Parent = (&[1, 3, 2], &[12, -4, 2], 21);
/// `np.arange(5)`
const V5: Parent = (&[5], &[1], 0);
/// a reversed strided 1-d view, `np.arange(14)[13::-2][:5]`
const V5O: Parent = (&[5], &[-2], 13);
/// a 0-d view at element 7
const Z: Parent = (&[], &[], 7);
/// an empty (2, 0, 3) array
const E: Parent = (&[2, 0, 3], &[3, 3, 1], 0);

/// A table row: parent, index, expected shape, strides and offset.
type Row<'a> = (Parent, &'a [SliceArg], &'a [usize], &'a [isize], usize);

fn layout(p: Parent) -> Layout {
    Layout::new(p.0, p.1, p.2).unwrap()
}

#[test]
fn numpy_table() {
    // Expected (shape, strides, offset) come from NumPy 2.4: strides are
    // `v.strides // itemsize`, the offset is
    // `(v.__array_interface__['data'][0] - base.__array_interface__['data'][0]) // itemsize`.
    // Integer-only indices, which NumPy answers with a scalar, were run as
    // `x[i, j, k, ...]` to get the 0-d view.
    let table: &[Row] = &[
        // x[1]
        (C234, &s![1], &[3, 4], &[4, 1], 12),
        // x[-1]
        (C234, &s![-1], &[3, 4], &[4, 1], 12),
        // x[0, -2]
        (C234, &s![0, -2], &[4], &[1], 4),
        // x[1, 2, 3]
        (C234, &s![1, 2, 3], &[], &[], 23),
        // x[-1, -1, -1]
        (C234, &s![-1, -1, -1], &[], &[], 23),
        // x[-2, 0, -4]
        (C234, &s![-2, 0, -4], &[], &[], 0),
        // x[::-1]
        (C234, &s![..;-1], &[2, 3, 4], &[-12, 4, 1], 12),
        // x[:, ::-1, ::-2]
        (C234, &s![.., ..;-1, ..;-2], &[2, 3, 2], &[12, -4, -2], 11),
        // x[:, 1:]
        (C234, &s![.., 1..], &[2, 2, 4], &[12, 4, 1], 4),
        // x[:, :-1]
        (C234, &s![.., ..-1], &[2, 2, 4], &[12, 4, 1], 0),
        // x[:, 1:-1]
        (C234, &s![.., 1..-1], &[2, 1, 4], &[12, 4, 1], 4),
        // x[..., 1:3]
        (C234, &s![Ellipsis, 1..3], &[2, 3, 2], &[12, 4, 1], 1),
        // x[:, :, 3::-2]
        (C234, &s![.., .., 3..;-2], &[2, 3, 2], &[12, 4, -2], 3),
        // x[1, ::-1, 2::-1]
        (C234, &s![1, ..;-1, 2..;-1], &[3, 3], &[-4, -1], 22),
        // x[:, 5:]
        (C234, &s![.., 5..], &[2, 0, 4], &[12, 4, 1], 0),
        // x[:, -10:]
        (C234, &s![.., -10..], &[2, 3, 4], &[12, 4, 1], 0),
        // x[:, :100]
        (C234, &s![.., ..100], &[2, 3, 4], &[12, 4, 1], 0),
        // x[:, 2:1]
        (C234, &s![.., 2..1], &[2, 0, 4], &[12, 4, 1], 0),
        // x[:, 10:20:-1]
        (C234, &s![.., 10..20;-1], &[2, 0, 4], &[12, 4, 1], 0),
        // x[:, -100:100:2]
        (C234, &s![.., -100..100;2], &[2, 2, 4], &[12, 8, 1], 0),
        // x[:, 100:-100:-1]
        (C234, &s![.., 100..-100;-1], &[2, 3, 4], &[12, -4, 1], 8),
        // x[:, :, 1:3:-1]
        (C234, &s![.., .., 1..3;-1], &[2, 3, 0], &[12, 4, 1], 0),
        // x[None]
        (C234, &s![NewAxis], &[1, 2, 3, 4], &[0, 12, 4, 1], 0),
        // x[:, None]
        (C234, &s![.., NewAxis], &[2, 1, 3, 4], &[12, 0, 4, 1], 0),
        // x[..., None]
        (C234, &s![..., NewAxis], &[2, 3, 4, 1], &[12, 4, 1, 0], 0),
        // x[None, ..., None]
        (
            C234,
            &s![NewAxis, ..., NewAxis],
            &[1, 2, 3, 4, 1],
            &[0, 12, 4, 1, 0],
            0,
        ),
        // x[1, None, ..., -1]
        (C234, &s![1, NewAxis, ..., -1], &[1, 3], &[0, 4], 15),
        // x[None, None, 0, None]
        (
            C234,
            &s![NewAxis, NewAxis, 0, NewAxis],
            &[1, 1, 1, 3, 4],
            &[0, 0, 0, 4, 1],
            0,
        ),
        // x[..., 0]
        (C234, &s![..., 0], &[2, 3], &[12, 4], 0),
        // x[0, ...]
        (C234, &s![0, ...], &[3, 4], &[4, 1], 0),
        // x[0, ..., 0]
        (C234, &s![0, Ellipsis, 0], &[3], &[4], 0),
        // x[0, 0, 0, ...]
        (C234, &s![0, 0, 0, ...], &[], &[], 0),
        // x[...]
        (C234, &s![...], &[2, 3, 4], &[12, 4, 1], 0),
        // x[()]
        (C234, &s![], &[2, 3, 4], &[12, 4, 1], 0),
        // x[:, ::10]
        (C234, &s![.., ..;10], &[2, 1, 4], &[12, 40, 1], 0),
        // x[::-5]
        (C234, &s![..;-5], &[1, 3, 4], &[-60, 4, 1], 12),
        // x[1:2, 0:1, 3:4]
        (C234, &s![1..2, 0..1, 3..4], &[1, 1, 1], &[12, 4, 1], 15),
        // x[1:, 1:, 1:]
        (C234, &s![1.., 1.., 1..], &[1, 2, 3], &[12, 4, 1], 17),
        // x[:, :, ::3]
        (C234, &s![.., .., ..;3], &[2, 3, 2], &[12, 4, 3], 0),
        // x[-1::-1, -1::-1, -1::-1]
        (
            C234,
            &s![-1..;-1, -1..;-1, -1..;-1],
            &[2, 3, 4],
            &[-12, -4, -1],
            23,
        ),
        // x[0:2:3, 2:0:-2]
        (C234, &s![0..2;3, 2..0;-2], &[1, 1, 4], &[36, -8, 1], 8),
        // x[1]
        (T432, &s![1], &[3, 2], &[4, 12], 1),
        // x[-1, 1:]
        (T432, &s![-1, 1..], &[2, 2], &[4, 12], 7),
        // x[:, ::-1, 0]
        (T432, &s![.., ..;-1, 0], &[4, 3], &[1, -4], 8),
        // x[2:0:-1]
        (T432, &s![2..0;-1], &[2, 3, 2], &[-1, 4, 12], 2),
        // x[..., ::-1]
        (T432, &s![..., ..;-1], &[4, 3, 2], &[1, 4, -12], 12),
        // x[None, 3, ..., 1]
        (T432, &s![NewAxis, 3, ..., 1], &[1, 3], &[0, 4], 15),
        // x[0]
        (SL, &s![0], &[3, 2], &[-4, 2], 21),
        // x[0, 1]
        (SL, &s![0, 1], &[2], &[2], 17),
        // x[:, ::-1]
        (SL, &s![.., ..;-1], &[1, 3, 2], &[12, 4, 2], 13),
        // x[..., -1]
        (SL, &s![..., -1], &[1, 3], &[12, -4], 23),
        // x[:, 1:, ::-1]
        (SL, &s![.., 1.., ..;-1], &[1, 2, 2], &[12, -4, -2], 19),
        // x[0, -1, -1]
        (SL, &s![0, -1, -1], &[], &[], 15),
        // x[:, 3:]
        (SL, &s![.., 3..], &[1, 0, 2], &[12, -4, 2], 21),
        // x[3:0:-1]
        (V5, &s![3..0;-1], &[3], &[-1], 3),
        // x[::-2]
        (V5, &s![..;-2], &[3], &[-2], 4),
        // x[-2:]
        (V5, &s![-2..], &[2], &[1], 3),
        // x[4:2]
        (V5, &s![4..2], &[0], &[1], 0),
        // x[100:50:-1]
        (V5, &s![100..50;-1], &[0], &[1], 0),
        // x[-100:0:-1]
        (V5, &s![-100..0;-1], &[0], &[1], 0),
        // x[-6::-1]
        (V5, &s![-6..;-1], &[0], &[1], 0),
        // x[5::-1]
        (V5, &s![5..;-1], &[5], &[-1], 4),
        // x[:-6:-1]
        (V5, &s![..-6;-1], &[5], &[-1], 4),
        // x[1::3]
        (V5, &s![1..;3], &[2], &[3], 1),
        // x[-1]
        (V5, &s![-1], &[], &[], 4),
        // x[-5]
        (V5, &s![-5], &[], &[], 0),
        // x[4]
        (V5, &s![4], &[], &[], 4),
        // x[None, :, None]
        (V5, &s![NewAxis, .., NewAxis], &[1, 5, 1], &[0, 1, 0], 0),
        // x[1:4]
        (V5O, &s![1..4], &[3], &[-2], 11),
        // x[::-1]
        (V5O, &s![..;-1], &[5], &[2], 5),
        // x[-1]
        (V5O, &s![-1], &[], &[], 5),
        // x[3:1]
        (V5O, &s![3..1], &[0], &[-2], 13),
        // x[4::-3]
        (V5O, &s![4..;-3], &[2], &[6], 5),
        // x[()]
        (Z, &s![], &[], &[], 7),
        // x[...]
        (Z, &s![...], &[], &[], 7),
        // x[None]
        (Z, &s![NewAxis], &[1], &[0], 7),
        // x[..., None]
        (Z, &s![..., NewAxis], &[1], &[0], 7),
        // x[None, ..., None]
        (Z, &s![NewAxis, ..., NewAxis], &[1, 1], &[0, 0], 7),
        // x[:, ::-1]
        (E, &s![.., ..;-1], &[2, 0, 3], &[3, 3, 1], 0),
        // x[1]
        (E, &s![1], &[0, 3], &[3, 1], 3),
        // x[1, :, 2]
        (E, &s![1, .., 2], &[0], &[3], 5),
        // x[:, 1:]
        (E, &s![.., 1..], &[2, 0, 3], &[3, 3, 1], 0),
        // x[::-1, :, ::-1]
        (E, &s![..;-1, .., ..;-1], &[2, 0, 3], &[-3, 3, -1], 5),
        // x[-1, ..., -1]
        (E, &s![-1, ..., -1], &[0], &[3], 5),
    ];
    for (k, &(p, args, shape, strides, offset)) in table.iter().enumerate() {
        let v = layout(p)
            .slice(args)
            .unwrap_or_else(|e| panic!("row {k} {args:?}: {e}"));
        assert_eq!(
            (v.shape(), v.strides(), v.offset()),
            (shape, strides, offset),
            "row {k}: {p:?}[{args:?}]"
        );
    }
}

#[test]
fn reverse_first_axis_of_234() {
    // The headline case: np.arange(24).reshape(2,3,4)[::-1] has byte
    // strides (-96, 32, 8) and starts at element 12 (NumPy 2.4).
    let v = layout(C234).slice(&s![..;-1]).unwrap();
    assert_eq!(v.shape(), [2, 3, 4]);
    assert_eq!(v.strides(), [-12, 4, 1]);
    assert_eq!(v.offset(), 12);
    let want: Vec<isize> = (12..24).chain(0..12).collect();
    assert_eq!(v.indices(), want);
}

#[test]
fn slicing_a_slice_composes() {
    // x[:, ::-1][1:, :2] == x[1:, 2:0:-1] (NumPy: both give shape (1, 2, 4),
    // strides (12, -4, 1), offset 20)
    let x = layout(C234);
    let a = x
        .slice(&s![.., ..;-1])
        .unwrap()
        .slice(&s![1.., ..2])
        .unwrap();
    let b = x.slice(&s![1.., 2..0;-1]).unwrap();
    assert_eq!(a, b);
    assert_eq!(
        (a.shape(), a.strides(), a.offset()),
        (&[1, 2, 4][..], &[12, -4, 1][..], 20)
    );
}

#[test]
fn errors() {
    let x = layout(C234);
    let cases: Vec<(Vec<SliceArg>, Error)> = vec![
        // x[2]: "index 2 is out of bounds for axis 0 with size 2"
        (
            s![2].to_vec(),
            Error::IndexOutOfBounds {
                op: "slice",
                axis: 0,
                index: 2,
                len: 2,
            },
        ),
        // x[:, 3]: NumPy names axis 1
        (
            s![.., 3].to_vec(),
            Error::IndexOutOfBounds {
                op: "slice",
                axis: 1,
                index: 3,
                len: 3,
            },
        ),
        // x[..., -5]: the ellipsis shifts the item onto axis 2
        (
            s![..., -5].to_vec(),
            Error::IndexOutOfBounds {
                op: "slice",
                axis: 2,
                index: -5,
                len: 4,
            },
        ),
        // x[None, 0, None, -4]: new axes do not count as axes of x
        (
            s![NewAxis, 0, NewAxis, -4].to_vec(),
            Error::IndexOutOfBounds {
                op: "slice",
                axis: 1,
                index: -4,
                len: 3,
            },
        ),
        // x[..., ...]
        (
            s![..., ...].to_vec(),
            Error::MultipleEllipsis { op: "slice" },
        ),
        // x[::0]
        (
            s![..;0].to_vec(),
            Error::ZeroStep {
                op: "slice",
                axis: 0,
            },
        ),
        // x[0, 1:2:0]
        (
            s![0, 1..2;0].to_vec(),
            Error::ZeroStep {
                op: "slice",
                axis: 1,
            },
        ),
        // x[0, 0, 0, 0]: "array is 3-dimensional, but 4 were indexed"
        (
            s![0, 0, 0, 0].to_vec(),
            Error::TooManyIndices {
                op: "slice",
                ndim: 3,
                given: 4,
            },
        ),
        // x[None, :, :, :, :, None] still indexes 4 axes
        (
            s![NewAxis, .., .., .., .., NewAxis].to_vec(),
            Error::TooManyIndices {
                op: "slice",
                ndim: 3,
                given: 4,
            },
        ),
        // NumPy's order: x[5, 0, 0, 0] reports too many indices, not the 5
        (
            s![5, 0, 0, 0].to_vec(),
            Error::TooManyIndices {
                op: "slice",
                ndim: 3,
                given: 4,
            },
        ),
        // x[::0, ..., ...] reports the second ellipsis first (NumPy)
        (
            s![..;0, ..., ...].to_vec(),
            Error::MultipleEllipsis { op: "slice" },
        ),
        // x[5, ::0] and x[::0, 5]: values are checked left to right (NumPy)
        (
            s![5, ..;0].to_vec(),
            Error::IndexOutOfBounds {
                op: "slice",
                axis: 0,
                index: 5,
                len: 2,
            },
        ),
        (
            s![..;0, 5].to_vec(),
            Error::ZeroStep {
                op: "slice",
                axis: 0,
            },
        ),
    ];
    for (args, want) in cases {
        assert_eq!(x.slice(&args), Err(want), "{args:?}");
    }
    // a 0-d layout takes no index, and no index fits an empty axis
    assert_eq!(
        layout(Z).slice(&s![0]),
        Err(Error::TooManyIndices {
            op: "slice",
            ndim: 0,
            given: 1
        })
    );
    assert_eq!(
        layout(E).slice(&s![.., 0]),
        Err(Error::IndexOutOfBounds {
            op: "slice",
            axis: 1,
            index: 0,
            len: 0
        })
    );
    // 64 new axes on a 1-d layout make 65 axes, over NumPy's limit
    let many = vec![SliceArg::NewAxis; 64];
    assert_eq!(
        layout(V5).slice(&many),
        Err(Error::TooManyDims {
            op: "slice",
            ndim: 65,
            max: 64
        })
    );
    assert_eq!(layout(V5).slice(&many[..63]).unwrap().ndim(), 64);
}

#[test]
fn huge_steps_and_bounds() {
    let x = layout(V5);
    // x[::2**63-1] picks only element 0; the stride overflow is harmless
    let v = x.slice(&[SliceArg::Slice {
        start: None,
        stop: None,
        step: isize::MAX,
    }]);
    let v = v.unwrap();
    assert_eq!((v.shape(), v.offset()), (&[1][..], 0));
    let v = x
        .slice(&[SliceArg::Slice {
            start: Some(isize::MAX),
            stop: Some(isize::MIN),
            step: isize::MIN,
        }])
        .unwrap();
    assert_eq!((v.shape(), v.offset()), (&[1][..], 4));
    // out-of-range integers saturate, then are out of bounds
    assert!(matches!(
        x.slice(&s![usize::MAX]),
        Err(Error::IndexOutOfBounds {
            index: isize::MAX,
            ..
        })
    ));
    assert!(matches!(
        x.slice(&s![i64::MIN]),
        Err(Error::IndexOutOfBounds { .. })
    ));
    // usize / i64 ranges clip like any other bound
    assert_eq!(x.slice(&s![2usize..usize::MAX]).unwrap().shape(), [3]);
    assert_eq!(x.slice(&s![i64::MIN..2i64]).unwrap().shape(), [2]);
}

#[test]
fn slice_indices_matches_python() {
    // (start, stop, step, len) -> (start, stop, step, count)
    type PyRow = (
        (Option<isize>, Option<isize>, isize, usize),
        (isize, isize, isize, usize),
    );
    let table: &[PyRow] = &[
        // From CPython 3: slice(a, b, c).indices(n) and len(range(...)).
        // slice(None, None, 1).indices(5) == (0, 5, 1), len(range(...)) == 5
        ((None, None, 1, 5), (0, 5, 1, 5)),
        // slice(None, None, -1).indices(5) == (4, -1, -1), len(range(...)) == 5
        ((None, None, -1, 5), (4, -1, -1, 5)),
        // slice(None, None, -1).indices(0) == (-1, -1, -1), len(range(...)) == 0
        ((None, None, -1, 0), (-1, -1, -1, 0)),
        // slice(None, None, 1).indices(0) == (0, 0, 1), len(range(...)) == 0
        ((None, None, 1, 0), (0, 0, 1, 0)),
        // slice(-7, 7, 1).indices(5) == (0, 5, 1), len(range(...)) == 5
        ((Some(-7), Some(7), 1, 5), (0, 5, 1, 5)),
        // slice(7, -7, -1).indices(5) == (4, -1, -1), len(range(...)) == 5
        ((Some(7), Some(-7), -1, 5), (4, -1, -1, 5)),
        // slice(2, None, -2).indices(5) == (2, -1, -2), len(range(...)) == 2
        ((Some(2), None, -2, 5), (2, -1, -2, 2)),
        // slice(-1, None, -1).indices(5) == (4, -1, -1), len(range(...)) == 5
        ((Some(-1), None, -1, 5), (4, -1, -1, 5)),
        // slice(None, -6, -1).indices(5) == (4, -1, -1), len(range(...)) == 5
        ((None, Some(-6), -1, 5), (4, -1, -1, 5)),
        // slice(3, 1, 1).indices(5) == (3, 1, 1), len(range(...)) == 0
        ((Some(3), Some(1), 1, 5), (3, 1, 1, 0)),
        // slice(1, 3, -1).indices(5) == (1, 3, -1), len(range(...)) == 0
        ((Some(1), Some(3), -1, 5), (1, 3, -1, 0)),
        // slice(0, 5, 10).indices(5) == (0, 5, 10), len(range(...)) == 1
        ((Some(0), Some(5), 10, 5), (0, 5, 10, 1)),
        // slice(None, None, -10).indices(5) == (4, -1, -10), len(range(...)) == 1
        ((None, None, -10, 5), (4, -1, -10, 1)),
        // slice(-2, None, 1).indices(5) == (3, 5, 1), len(range(...)) == 2
        ((Some(-2), None, 1, 5), (3, 5, 1, 2)),
        // slice(10, None, 1).indices(5) == (5, 5, 1), len(range(...)) == 0
        ((Some(10), None, 1, 5), (5, 5, 1, 0)),
        // slice(10, None, -1).indices(5) == (4, -1, -1), len(range(...)) == 5
        ((Some(10), None, -1, 5), (4, -1, -1, 5)),
        // slice(-10, None, -1).indices(5) == (-1, -1, -1), len(range(...)) == 0
        ((Some(-10), None, -1, 5), (-1, -1, -1, 0)),
        // slice(None, None, 2).indices(0) == (0, 0, 2), len(range(...)) == 0
        ((None, None, 2, 0), (0, 0, 2, 0)),
        // slice(None, None, -3).indices(1) == (0, -1, -3), len(range(...)) == 1
        ((None, None, -3, 1), (0, -1, -3, 1)),
    ];
    for &((a, b, c, n), want) in table {
        assert_eq!(
            slice_indices(a, b, c, n),
            Some(want),
            "slice({a:?}, {b:?}, {c}).indices({n})"
        );
    }
    assert_eq!(slice_indices(None, None, 0, 5), None);
}

/// Reference: the positions `range(len)[start:stop:step]` picks, found by
/// filtering every position rather than by computing a count.
fn ref_positions(start: Option<isize>, stop: Option<isize>, step: isize, len: usize) -> Vec<usize> {
    let n = len as isize;
    let mut out = Vec::new();
    if step > 0 {
        // first position at or after `start`, last before `stop`, after clipping into 0..=n
        let lo = match start {
            None => 0,
            Some(s) if s < 0 => (s + n).max(0),
            Some(s) => s.min(n),
        };
        let hi = match stop {
            None => n,
            Some(s) if s < 0 => (s + n).max(0),
            Some(s) => s.min(n),
        };
        for i in 0..n {
            if i >= lo && i < hi && (i - lo) % step == 0 {
                out.push(i as usize);
            }
        }
    } else {
        // walking down: first position at or before `start`, last after `stop`
        let hi = match start {
            None => n - 1,
            Some(s) if s < 0 => s + n, // may be below 0: nothing
            Some(s) => s.min(n - 1),
        };
        let lo_excl = match stop {
            None => -1,
            Some(s) if s < 0 => (s + n).max(-1),
            Some(s) => s,
        };
        for i in (0..n).rev() {
            if i <= hi && i > lo_excl && (hi - i) % -step == 0 {
                out.push(i as usize);
            }
        }
    }
    out
}

#[test]
fn slice_indices_matches_reference_exhaustively() {
    let bounds: Vec<Option<isize>> = std::iter::once(None).chain((-9..=9).map(Some)).collect();
    for len in 0..=6usize {
        for &a in &bounds {
            for &b in &bounds {
                for step in (-4..=4).filter(|&s| s != 0) {
                    let (start, _, st, count) = slice_indices(a, b, step, len).unwrap();
                    let got: Vec<usize> = (0..count as isize)
                        .map(|k| (start + k * st) as usize)
                        .collect();
                    assert_eq!(
                        got,
                        ref_positions(a, b, step, len),
                        "{a:?}:{b:?}:{step} of {len}"
                    );
                }
            }
        }
    }
}

/// What the reference predicts for one index: the selected buffer
/// indices in C order and the result shape, or the error.
fn reference(
    parent: &Layout,
    args: &[SliceArg],
) -> std::result::Result<(Vec<isize>, Vec<usize>), Error> {
    let op = "slice";
    let nd = parent.ndim();
    if args
        .iter()
        .filter(|a| matches!(a, SliceArg::Ellipsis))
        .count()
        > 1
    {
        return Err(Error::MultipleEllipsis { op });
    }
    let given = args
        .iter()
        .filter(|a| matches!(a, SliceArg::Index(_) | SliceArg::Slice { .. }))
        .count();
    if given > nd {
        return Err(Error::TooManyIndices {
            op,
            ndim: nd,
            given,
        });
    }
    // Expand the ellipsis (or append it) so every parent axis has an item.
    let mut full: Vec<SliceArg> = Vec::new();
    let mut saw_ellipsis = false;
    for &a in args {
        if a == SliceArg::Ellipsis {
            saw_ellipsis = true;
            full.extend(std::iter::repeat_n(SliceArg::ALL, nd - given));
        } else {
            full.push(a);
        }
    }
    if !saw_ellipsis {
        full.extend(std::iter::repeat_n(SliceArg::ALL, nd - given));
    }
    // Per parent axis, the positions it takes; the output shape.
    let mut picks: Vec<Vec<usize>> = Vec::new();
    let mut shape = Vec::new();
    for a in full {
        let axis = picks.len();
        match a {
            SliceArg::Index(i) => {
                let len = parent.shape()[axis];
                let pos = if i < 0 { i + len as isize } else { i };
                if pos < 0 || pos >= len as isize {
                    return Err(Error::IndexOutOfBounds {
                        op,
                        axis,
                        index: i,
                        len,
                    });
                }
                picks.push(vec![pos as usize]);
            }
            SliceArg::Slice { start, stop, step } => {
                if step == 0 {
                    return Err(Error::ZeroStep { op, axis });
                }
                let p = ref_positions(start, stop, step, parent.shape()[axis]);
                shape.push(p.len());
                picks.push(p);
            }
            SliceArg::NewAxis => shape.push(1),
            SliceArg::Ellipsis => unreachable!("expanded above"),
        }
    }
    // Parent buffer index by multi-index, from the parent's own walker.
    let all = parent.indices();
    let at = |idx: &[usize]| -> isize {
        let mut flat = 0;
        for (k, &i) in idx.iter().enumerate() {
            flat = flat * parent.shape()[k] + i;
        }
        all[flat]
    };
    // Cartesian product of the picks in C order: basic indexing keeps the
    // axis order, so this is the result's C order too.
    let mut out = Vec::new();
    if picks.iter().all(|p| !p.is_empty()) {
        let mut ctr = vec![0usize; nd];
        'walk: loop {
            let idx: Vec<usize> = (0..nd).map(|k| picks[k][ctr[k]]).collect();
            out.push(at(&idx));
            let mut k = nd;
            loop {
                if k == 0 {
                    break 'walk;
                }
                k -= 1;
                ctr[k] += 1;
                if ctr[k] < picks[k].len() {
                    break;
                }
                ctr[k] = 0;
            }
        }
    }
    Ok((out, shape))
}

/// A parent: C or F contiguous at some offset, axes permuted, some flipped.
fn parent_strategy() -> impl Strategy<Value = Layout> {
    (
        prop::collection::vec(0usize..=5, 0..=4),
        any::<bool>(),
        0usize..4,
    )
        .prop_flat_map(|(shape, f_order, offset)| {
            let nd = shape.len();
            (
                Just(shape),
                Just(f_order),
                Just(offset),
                Just((0..nd as isize).collect::<Vec<_>>()).prop_shuffle(),
                prop::collection::vec(any::<bool>(), nd),
            )
        })
        .prop_map(|(shape, f_order, offset, perm, flips)| {
            let order = if f_order {
                super::super::Order::F
            } else {
                super::super::Order::C
            };
            let base = Layout::contiguous(&shape, order).unwrap();
            let mut l = Layout::new(base.shape(), base.strides(), offset).unwrap();
            l = l.permute(&perm).unwrap();
            for (k, &f) in flips.iter().enumerate() {
                if f {
                    l = l.flip(k as isize).unwrap();
                }
            }
            l
        })
}

fn arg_strategy() -> impl Strategy<Value = SliceArg> {
    let bound = prop::option::weighted(0.7, -7isize..=7);
    prop_oneof![
        4 => (-6isize..=6).prop_map(SliceArg::Index),
        6 => (bound.clone(), bound, prop_oneof![10 => -3isize..=3, 1 => Just(7isize), 1 => Just(-7isize)])
            .prop_map(|(start, stop, step)| SliceArg::Slice { start, stop, step }),
        2 => Just(SliceArg::NewAxis),
        1 => Just(SliceArg::Ellipsis),
    ]
}

proptest! {
    // A fixed seed and case count keep the run deterministic and fast.
    #![proptest_config(ProptestConfig {
        cases: 4000,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x51_1ce),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn slice_matches_brute_force(
        (parent, args) in parent_strategy().prop_flat_map(|p| {
            // up to one item more than axes, so most indices are valid
            // but too-many-indices and multiple ellipses still occur
            let n = p.ndim() + 1;
            (Just(p), prop::collection::vec(arg_strategy(), 0..=n))
        }),
    ) {
        let got = parent.slice(&args);
        match reference(&parent, &args) {
            Err(want) => prop_assert_eq!(got, Err(want)),
            Ok((want_indices, want_shape)) => {
                let v = got.unwrap();
                prop_assert_eq!(v.shape(), &want_shape[..]);
                prop_assert_eq!(v.indices(), want_indices.clone());
                // The offset is the first element, or (empty result) some
                // element of a non-empty parent, per NumPy's empty-slice rule.
                if let Some(&first) = want_indices.first() {
                    prop_assert_eq!(v.offset() as isize, first);
                } else if !parent.is_empty() {
                    prop_assert!(parent.indices().contains(&(v.offset() as isize)));
                }
                // A result never reaches outside its parent's span.
                if let (Some((lo, hi)), Some((plo, phi))) = (v.index_span(), parent.index_span()) {
                    prop_assert!(plo <= lo && hi <= phi);
                }
            }
        }
    }
}
