//! The axis operations of `ops.rs` (transpose, permute, swapaxes,
//! moveaxis, expand_dims, squeeze, flip, broadcast_to, broadcast_shapes)
//! against tables of NumPy 2.4's output (strides in elements: bytes
//! divided by the item size).

use super::super::tests::{lay, sd};
use super::*;
use crate::layout::slice::SliceArg;
use crate::layout::{Order, broadcast_shapes};

// ---- axis operations vs NumPy ------------------------------------------------------

/// np.zeros((2,3,4,5)): C strides (60, 20, 5, 1).
fn x4() -> Layout {
    Layout::contiguous(&[2, 3, 4, 5], Order::C).unwrap()
}

#[test]
fn transpose_permute_swapaxes_moveaxis_match_numpy() {
    let x = x4();
    let t = x.t();
    assert_eq!(
        (t.shape(), t.strides()),
        (&[5, 4, 3, 2][..], &[1, 5, 20, 60][..])
    );
    assert_eq!(lay(&[], &[], 3).t(), lay(&[], &[], 3));
    // np.transpose(x, (1,0,3,2)).strides / 8
    assert_eq!(x.permute(&[1, 0, 3, 2]).unwrap().strides(), &[20, 60, 1, 5]);
    // negative axes count from the end: np.transpose(x, (-1,0,-2,1))
    let p = x.permute(&[-1, 0, -2, 1]).unwrap();
    assert_eq!(
        (p.shape(), p.strides()),
        (&[5, 2, 4, 3][..], &[1, 60, 5, 20][..])
    );
    // np.swapaxes(x, 0, 3), np.swapaxes(x, 1, -1)
    assert_eq!(x.swapaxes(0, 3).unwrap().strides(), &[1, 20, 5, 60]);
    assert_eq!(x.swapaxes(1, -1).unwrap().strides(), &[60, 1, 5, 20]);
    assert_eq!(x.swapaxes(2, 2).unwrap(), x);
    // np.moveaxis(x, 0, -1), (x, -1, 0), (x, 1, 2), (x, 3, 1)
    #[rustfmt::skip]
    let moves: &[(isize, isize, &[usize], &[isize])] = &[
        (0, -1, &[3, 4, 5, 2], &[20, 5, 1, 60]),
        (-1, 0, &[5, 2, 3, 4], &[1, 60, 20, 5]),
        (1, 2, &[2, 4, 3, 5], &[60, 5, 20, 1]),
        (3, 1, &[2, 5, 3, 4], &[60, 1, 20, 5]),
    ];
    for &(s, d, shape, strides) in moves {
        let m = x.moveaxis(s, d).unwrap();
        assert_eq!(
            (m.shape(), m.strides()),
            (shape, strides),
            "moveaxis({s}, {d})"
        );
    }
    // offsets are kept by every axis reordering
    let o = lay(&[2, 3], &[3, 1], 9);
    assert_eq!(o.t().offset(), 9);
    assert_eq!(o.permute(&[1, 0]).unwrap().offset(), 9);
}

#[test]
fn axis_errors_carry_their_fields() {
    let a = lay(&[2, 3], &[3, 1], 0);
    // np.transpose(a, (0,)) -> "axes don't match array"
    assert_eq!(
        a.permute(&[0]),
        Err(Error::AxesMismatch {
            op: "transpose",
            ndim: 2,
            given: 1
        })
    );
    // np.transpose(a, (0, 0)) and (0, -2) -> "repeated axis in transpose"
    assert_eq!(
        a.permute(&[0, 0]),
        Err(Error::DuplicateAxis {
            op: "transpose",
            axis: 0
        })
    );
    assert_eq!(
        a.permute(&[0, -2]),
        Err(Error::DuplicateAxis {
            op: "transpose",
            axis: 0
        })
    );
    // np.transpose(a, (0, 2)) -> AxisError "axis 2 is out of bounds for array of dimension 2"
    assert_eq!(
        a.permute(&[0, 2]),
        Err(Error::AxisOutOfBounds {
            op: "transpose",
            axis: 2,
            ndim: 2
        })
    );
    assert_eq!(
        a.permute(&[-3, 0]),
        Err(Error::AxisOutOfBounds {
            op: "transpose",
            axis: -3,
            ndim: 2
        })
    );
    assert!(matches!(
        a.swapaxes(0, 2),
        Err(Error::AxisOutOfBounds {
            op: "swapaxes",
            axis: 2,
            ndim: 2
        })
    ));
    assert!(matches!(
        a.moveaxis(-3, 0),
        Err(Error::AxisOutOfBounds { op: "moveaxis", .. })
    ));
    // np.expand_dims(a, 3): "axis 3 is out of bounds for array of dimension 3"
    assert_eq!(
        a.expand_dims(3),
        Err(Error::AxisOutOfBounds {
            op: "expand_dims",
            axis: 3,
            ndim: 3
        })
    );
    assert!(matches!(
        a.flip(2),
        Err(Error::AxisOutOfBounds { op: "flip", .. })
    ));
    // a 0-d layout has no axis to flip
    assert!(lay(&[], &[], 0).flip(0).is_err());
    let deep = Layout::contiguous(&[1; 64], Order::C).unwrap();
    assert!(matches!(
        deep.expand_dims(0),
        Err(Error::TooManyDims { ndim: 65, .. })
    ));
}

#[test]
fn expand_dims_matches_numpy_on_shape_and_long_axes() {
    // NumPy implements expand_dims as a reshape, and so does ndgpu: every
    // stride, the new length-1 axis' included, matches NumPy's.
    // (axis, base layout, NumPy shape, NumPy strides / 8)
    let c = lay(&[2, 3], &[3, 1], 0); // np.zeros((2,3))
    let t = c.t(); // np.zeros((2,3)).T
    type Case<'a> = (isize, &'a Layout, &'a [usize], &'a [isize]);
    #[rustfmt::skip]
    let table: &[Case] = &[
        (0, &c, &[1, 2, 3], &[6, 3, 1]),
        (1, &c, &[2, 1, 3], &[3, 3, 1]),
        (2, &c, &[2, 3, 1], &[3, 1, 1]),
        (-1, &c, &[2, 3, 1], &[3, 1, 1]),
        (-3, &c, &[1, 2, 3], &[6, 3, 1]),
        (0, &t, &[1, 3, 2], &[3, 1, 3]),
        (1, &t, &[3, 1, 2], &[1, 6, 3]),
        (2, &t, &[3, 2, 1], &[1, 3, 3]),
    ];
    for &(axis, base, shape, strides) in table {
        let e = base.expand_dims(axis).unwrap();
        assert_eq!(e.shape(), shape, "expand_dims({axis}) of {base:?}");
        assert_eq!(e.offset(), base.offset());
        assert_eq!(e.strides(), strides, "expand_dims({axis}) of {base:?}");
        // addressing is unchanged
        assert_eq!(e.indices(), base.indices());
        assert_eq!(e.is_c_contiguous(), base.is_c_contiguous());
        assert_eq!(e.is_f_contiguous(), base.is_f_contiguous());
    }
    // 0-d -> (1,)
    let z = lay(&[], &[], 4).expand_dims(0).unwrap();
    assert_eq!((z.shape(), z.offset()), (&[1][..], 4));
}

#[test]
fn squeeze_matches_numpy() {
    // np.zeros((1,3,1,2)): strides (6,2,2,1)
    let s = Layout::contiguous(&[1, 3, 1, 2], Order::C).unwrap();
    let all = s.squeeze_all();
    // np.squeeze(s).shape == (3, 2), strides (16, 8) bytes
    assert_eq!((all.shape(), all.strides()), (&[3, 2][..], &[2, 1][..]));
    assert_eq!(s.squeeze(&[0]).unwrap().shape(), &[3, 1, 2]);
    assert_eq!(s.squeeze(&[0, 2]).unwrap(), all);
    assert_eq!(s.squeeze(&[-2, 0]).unwrap(), all);
    assert_eq!(s.squeeze(&[]).unwrap(), s);
    // np.squeeze(s, axis=1): "cannot select an axis to squeeze out which has
    // size not equal to one"
    assert_eq!(
        s.squeeze(&[1]),
        Err(Error::CannotSqueeze {
            op: "squeeze",
            axis: 1,
            len: 3
        })
    );
    // np.squeeze(s, axis=(0,0)): "duplicate value in 'axis'"
    assert_eq!(
        s.squeeze(&[0, -4]),
        Err(Error::DuplicateAxis {
            op: "squeeze",
            axis: 0
        })
    );
    assert!(matches!(
        s.squeeze(&[4]),
        Err(Error::AxisOutOfBounds { op: "squeeze", .. })
    ));
    // all-ones -> 0-d; an empty axis is not squeezed
    let ones = lay(&[1, 1], &[5, 7], 2).squeeze_all();
    assert_eq!(
        (ones.ndim(), ones.offset(), ones.indices()),
        (0, 2, vec![2])
    );
    assert_eq!(lay(&[0, 1], &[1, 1], 0).squeeze_all().shape(), &[0]);
}

#[test]
fn flip_matches_numpy() {
    // np.flip(np.arange(24.).reshape(2,3,4), axis): strides / 8 and the data
    // pointer's distance from the base array's, in elements.
    let y = Layout::contiguous(&[2, 3, 4], Order::C).unwrap();
    #[rustfmt::skip]
    let table: &[(isize, &[isize], usize)] = &[
        (0, &[-12, 4, 1], 12),
        (1, &[12, -4, 1], 8),
        (2, &[12, 4, -1], 3),
        (-1, &[12, 4, -1], 3),
    ];
    for &(axis, strides, offset) in table {
        let f = y.flip(axis).unwrap();
        assert_eq!((f.strides(), f.offset()), (strides, offset), "flip({axis})");
    }
    // np.flip(y): strides (-12,-4,-1), offset 23
    let f = y.flip_all();
    assert_eq!((f.strides(), f.offset()), (&[-12, -4, -1][..], 23));
    assert_eq!(f.flip_all(), y);
    // empty: a = as_strided(base, (3,0), (32,8)); np.flip(a, 0) has strides
    // (-32, 8) and its data moved by 2 rows (offset 8), np.flip(a, 1) keeps
    // strides (32, 8) and offset 0 (an empty slice becomes start 0, step 1).
    let e = lay(&[3, 0], &[4, 1], 0);
    let f0 = e.flip(0).unwrap();
    assert_eq!((f0.strides(), f0.offset()), (&[-4, 1][..], 8));
    assert_eq!(e.flip(1).unwrap(), e);
    // 0-d has nothing to flip
    assert_eq!(lay(&[], &[], 5).flip_all(), lay(&[], &[], 5));
}

#[test]
fn broadcast_to_matches_numpy() {
    // np.broadcast_to(np.arange(3), (1000, 3)).strides == (0, 8)
    let a = Layout::contiguous(&[3], Order::C).unwrap();
    let b = a.broadcast_to(&[1000, 3]).unwrap();
    assert_eq!(
        (b.shape(), b.strides(), b.offset()),
        (&[1000, 3][..], &[0, 1][..], 0)
    );
    assert!(b.has_zero_stride());
    assert!(!a.has_zero_stride());
    // (2,1) -> (2,0): strides (8, 0) bytes; (1,) -> (0,): (0,)
    let c = Layout::contiguous(&[2, 1], Order::C).unwrap();
    assert_eq!(c.broadcast_to(&[2, 0]).unwrap().strides(), &[1, 0]);
    let one = lay(&[1], &[1], 4);
    assert_eq!(one.broadcast_to(&[0]).unwrap().strides(), &[0]);
    // 0-d -> anything; the offset is kept
    let s = lay(&[], &[], 6).broadcast_to(&[2, 3]).unwrap();
    assert_eq!((s.strides(), s.offset()), (&[0, 0][..], 6));
    assert_eq!(a.broadcast_to(&[3]).unwrap(), a);
    // a zero stride on a length-1 axis is not a repetition
    assert!(!lay(&[1, 3], &[0, 1], 0).has_zero_stride());
    // NumPy refuses: (3,)->(2,), (3,)->() "cannot broadcast a non-scalar to a
    // scalar array", (2,3)->(3,), (0,)->(1,)
    let err = |from: &[usize], to: &[usize]| {
        let l = Layout::contiguous(from, Order::C).unwrap();
        assert_eq!(
            l.broadcast_to(to),
            Err(Error::BroadcastTo {
                op: "broadcast_to",
                from: sd(from),
                to: sd(to)
            }),
            "{from:?} -> {to:?}"
        );
    };
    err(&[3], &[2]);
    err(&[3], &[]);
    err(&[2, 3], &[3]);
    err(&[0], &[1]);
}

#[test]
fn broadcast_shapes_match_numpy() {
    #[rustfmt::skip]
    let table: &[(&[usize], &[usize], &[usize])] = &[
        (&[3], &[4, 3], &[4, 3]),
        (&[2, 1], &[1, 3], &[2, 3]),
        (&[], &[5], &[5]),
        (&[], &[], &[]),
        (&[0], &[1], &[0]),
        (&[1, 0], &[3, 1], &[3, 0]),
        (&[5, 4], &[4], &[5, 4]),
        (&[8, 1, 6, 1], &[7, 1, 5], &[8, 7, 6, 5]),
    ];
    for &(a, b, want) in table {
        assert_eq!(
            broadcast_shapes(a, b).unwrap().as_slice(),
            want,
            "{a:?} {b:?}"
        );
        assert_eq!(
            broadcast_shapes(b, a).unwrap().as_slice(),
            want,
            "{b:?} {a:?}"
        );
    }
    // NumPy: "shape mismatch: objects cannot be broadcast to a single shape"
    for &(a, b) in &[(&[3][..], &[4][..]), (&[2, 1], &[8, 4, 3]), (&[0], &[2])] {
        assert_eq!(
            broadcast_shapes(a, b),
            Err(Error::BroadcastShapes {
                op: "broadcast_shapes",
                a: sd(a),
                b: sd(b)
            })
        );
    }
}

#[test]
fn rot90_matches_numpy() {
    // Written by tests/fixtures/rot90.py (NumPy 2.4.6): (input, k, axes,
    // shape, strides, offset) in float64 elements, offsets from the base.
    let c = Layout::contiguous(&[2, 3, 4], Order::C).unwrap();
    // c[::-1, 1:, ::2]
    let v = c
        .slice(&[
            SliceArg::Slice {
                start: None,
                stop: None,
                step: -1,
            },
            SliceArg::Slice {
                start: Some(1),
                stop: None,
                step: 1,
            },
            SliceArg::Slice {
                start: None,
                stop: None,
                step: 2,
            },
        ])
        .unwrap();
    // c[:, 1:1, 1:3]
    let e = c
        .slice(&[
            SliceArg::ALL,
            SliceArg::Slice {
                start: Some(1),
                stop: Some(1),
                step: 1,
            },
            SliceArg::Slice {
                start: Some(1),
                stop: Some(3),
                step: 1,
            },
        ])
        .unwrap();
    #[rustfmt::skip]
    let table: &[(&str, isize, [isize; 2], &[usize], &[isize], usize)] = &[
        ("c", -5, [0, 1], &[3, 2, 4], &[4, -12, 1], 12),
        ("c", -5, [1, 0], &[3, 2, 4], &[-4, 12, 1], 8),
        ("c", -5, [1, 2], &[2, 4, 3], &[12, 1, -4], 8),
        ("c", -5, [2, 0], &[4, 3, 2], &[-1, 4, 12], 3),
        ("c", -5, [-1, -3], &[4, 3, 2], &[-1, 4, 12], 3),
        ("c", -5, [0, -1], &[4, 3, 2], &[1, 4, -12], 12),
        ("c", -1, [0, 1], &[3, 2, 4], &[4, -12, 1], 12),
        ("c", -1, [1, 0], &[3, 2, 4], &[-4, 12, 1], 8),
        ("c", -1, [1, 2], &[2, 4, 3], &[12, 1, -4], 8),
        ("c", -1, [2, 0], &[4, 3, 2], &[-1, 4, 12], 3),
        ("c", -1, [-1, -3], &[4, 3, 2], &[-1, 4, 12], 3),
        ("c", -1, [0, -1], &[4, 3, 2], &[1, 4, -12], 12),
        ("c", 0, [0, 1], &[2, 3, 4], &[12, 4, 1], 0),
        ("c", 0, [1, 0], &[2, 3, 4], &[12, 4, 1], 0),
        ("c", 0, [1, 2], &[2, 3, 4], &[12, 4, 1], 0),
        ("c", 0, [2, 0], &[2, 3, 4], &[12, 4, 1], 0),
        ("c", 0, [-1, -3], &[2, 3, 4], &[12, 4, 1], 0),
        ("c", 0, [0, -1], &[2, 3, 4], &[12, 4, 1], 0),
        ("c", 1, [0, 1], &[3, 2, 4], &[-4, 12, 1], 8),
        ("c", 1, [1, 0], &[3, 2, 4], &[4, -12, 1], 12),
        ("c", 1, [1, 2], &[2, 4, 3], &[12, -1, 4], 3),
        ("c", 1, [2, 0], &[4, 3, 2], &[1, 4, -12], 12),
        ("c", 1, [-1, -3], &[4, 3, 2], &[1, 4, -12], 12),
        ("c", 1, [0, -1], &[4, 3, 2], &[-1, 4, 12], 3),
        ("c", 2, [0, 1], &[2, 3, 4], &[-12, -4, 1], 20),
        ("c", 2, [1, 0], &[2, 3, 4], &[-12, -4, 1], 20),
        ("c", 2, [1, 2], &[2, 3, 4], &[12, -4, -1], 11),
        ("c", 2, [2, 0], &[2, 3, 4], &[-12, 4, -1], 15),
        ("c", 2, [-1, -3], &[2, 3, 4], &[-12, 4, -1], 15),
        ("c", 2, [0, -1], &[2, 3, 4], &[-12, 4, -1], 15),
        ("c", 3, [0, 1], &[3, 2, 4], &[4, -12, 1], 12),
        ("c", 3, [1, 0], &[3, 2, 4], &[-4, 12, 1], 8),
        ("c", 3, [1, 2], &[2, 4, 3], &[12, 1, -4], 8),
        ("c", 3, [2, 0], &[4, 3, 2], &[-1, 4, 12], 3),
        ("c", 3, [-1, -3], &[4, 3, 2], &[-1, 4, 12], 3),
        ("c", 3, [0, -1], &[4, 3, 2], &[1, 4, -12], 12),
        ("c", 6, [0, 1], &[2, 3, 4], &[-12, -4, 1], 20),
        ("c", 6, [1, 0], &[2, 3, 4], &[-12, -4, 1], 20),
        ("c", 6, [1, 2], &[2, 3, 4], &[12, -4, -1], 11),
        ("c", 6, [2, 0], &[2, 3, 4], &[-12, 4, -1], 15),
        ("c", 6, [-1, -3], &[2, 3, 4], &[-12, 4, -1], 15),
        ("c", 6, [0, -1], &[2, 3, 4], &[-12, 4, -1], 15),
        ("v", -5, [0, 1], &[2, 2, 2], &[4, 12, 2], 4),
        ("v", -5, [1, 0], &[2, 2, 2], &[-4, -12, 2], 20),
        ("v", -5, [1, 2], &[2, 2, 2], &[-12, 2, -4], 20),
        ("v", -5, [2, 0], &[2, 2, 2], &[-2, 4, -12], 18),
        ("v", -5, [-1, -3], &[2, 2, 2], &[-2, 4, -12], 18),
        ("v", -5, [0, -1], &[2, 2, 2], &[2, 4, 12], 4),
        ("v", -1, [0, 1], &[2, 2, 2], &[4, 12, 2], 4),
        ("v", -1, [1, 0], &[2, 2, 2], &[-4, -12, 2], 20),
        ("v", -1, [1, 2], &[2, 2, 2], &[-12, 2, -4], 20),
        ("v", -1, [2, 0], &[2, 2, 2], &[-2, 4, -12], 18),
        ("v", -1, [-1, -3], &[2, 2, 2], &[-2, 4, -12], 18),
        ("v", -1, [0, -1], &[2, 2, 2], &[2, 4, 12], 4),
        ("v", 0, [0, 1], &[2, 2, 2], &[-12, 4, 2], 16),
        ("v", 0, [1, 0], &[2, 2, 2], &[-12, 4, 2], 16),
        ("v", 0, [1, 2], &[2, 2, 2], &[-12, 4, 2], 16),
        ("v", 0, [2, 0], &[2, 2, 2], &[-12, 4, 2], 16),
        ("v", 0, [-1, -3], &[2, 2, 2], &[-12, 4, 2], 16),
        ("v", 0, [0, -1], &[2, 2, 2], &[-12, 4, 2], 16),
        ("v", 1, [0, 1], &[2, 2, 2], &[-4, -12, 2], 20),
        ("v", 1, [1, 0], &[2, 2, 2], &[4, 12, 2], 4),
        ("v", 1, [1, 2], &[2, 2, 2], &[-12, -2, 4], 18),
        ("v", 1, [2, 0], &[2, 2, 2], &[2, 4, 12], 4),
        ("v", 1, [-1, -3], &[2, 2, 2], &[2, 4, 12], 4),
        ("v", 1, [0, -1], &[2, 2, 2], &[-2, 4, -12], 18),
        ("v", 2, [0, 1], &[2, 2, 2], &[12, -4, 2], 8),
        ("v", 2, [1, 0], &[2, 2, 2], &[12, -4, 2], 8),
        ("v", 2, [1, 2], &[2, 2, 2], &[-12, -4, -2], 22),
        ("v", 2, [2, 0], &[2, 2, 2], &[12, 4, -2], 6),
        ("v", 2, [-1, -3], &[2, 2, 2], &[12, 4, -2], 6),
        ("v", 2, [0, -1], &[2, 2, 2], &[12, 4, -2], 6),
        ("v", 3, [0, 1], &[2, 2, 2], &[4, 12, 2], 4),
        ("v", 3, [1, 0], &[2, 2, 2], &[-4, -12, 2], 20),
        ("v", 3, [1, 2], &[2, 2, 2], &[-12, 2, -4], 20),
        ("v", 3, [2, 0], &[2, 2, 2], &[-2, 4, -12], 18),
        ("v", 3, [-1, -3], &[2, 2, 2], &[-2, 4, -12], 18),
        ("v", 3, [0, -1], &[2, 2, 2], &[2, 4, 12], 4),
        ("v", 6, [0, 1], &[2, 2, 2], &[12, -4, 2], 8),
        ("v", 6, [1, 0], &[2, 2, 2], &[12, -4, 2], 8),
        ("v", 6, [1, 2], &[2, 2, 2], &[-12, -4, -2], 22),
        ("v", 6, [2, 0], &[2, 2, 2], &[12, 4, -2], 6),
        ("v", 6, [-1, -3], &[2, 2, 2], &[12, 4, -2], 6),
        ("v", 6, [0, -1], &[2, 2, 2], &[12, 4, -2], 6),
        ("e", -5, [0, 1], &[0, 2, 2], &[4, -12, 1], 13),
        ("e", -5, [1, 0], &[0, 2, 2], &[4, 12, 1], 1),
        ("e", -5, [1, 2], &[2, 2, 0], &[12, 1, 4], 1),
        ("e", -5, [2, 0], &[2, 0, 2], &[-1, 4, 12], 2),
        ("e", -5, [-1, -3], &[2, 0, 2], &[-1, 4, 12], 2),
        ("e", -5, [0, -1], &[2, 0, 2], &[1, 4, -12], 13),
        ("e", -1, [0, 1], &[0, 2, 2], &[4, -12, 1], 13),
        ("e", -1, [1, 0], &[0, 2, 2], &[4, 12, 1], 1),
        ("e", -1, [1, 2], &[2, 2, 0], &[12, 1, 4], 1),
        ("e", -1, [2, 0], &[2, 0, 2], &[-1, 4, 12], 2),
        ("e", -1, [-1, -3], &[2, 0, 2], &[-1, 4, 12], 2),
        ("e", -1, [0, -1], &[2, 0, 2], &[1, 4, -12], 13),
        ("e", 0, [0, 1], &[2, 0, 2], &[12, 4, 1], 1),
        ("e", 0, [1, 0], &[2, 0, 2], &[12, 4, 1], 1),
        ("e", 0, [1, 2], &[2, 0, 2], &[12, 4, 1], 1),
        ("e", 0, [2, 0], &[2, 0, 2], &[12, 4, 1], 1),
        ("e", 0, [-1, -3], &[2, 0, 2], &[12, 4, 1], 1),
        ("e", 0, [0, -1], &[2, 0, 2], &[12, 4, 1], 1),
        ("e", 1, [0, 1], &[0, 2, 2], &[4, 12, 1], 1),
        ("e", 1, [1, 0], &[0, 2, 2], &[4, -12, 1], 13),
        ("e", 1, [1, 2], &[2, 2, 0], &[12, -1, 4], 2),
        ("e", 1, [2, 0], &[2, 0, 2], &[1, 4, -12], 13),
        ("e", 1, [-1, -3], &[2, 0, 2], &[1, 4, -12], 13),
        ("e", 1, [0, -1], &[2, 0, 2], &[-1, 4, 12], 2),
        ("e", 2, [0, 1], &[2, 0, 2], &[-12, 4, 1], 13),
        ("e", 2, [1, 0], &[2, 0, 2], &[-12, 4, 1], 13),
        ("e", 2, [1, 2], &[2, 0, 2], &[12, 4, -1], 2),
        ("e", 2, [2, 0], &[2, 0, 2], &[-12, 4, -1], 14),
        ("e", 2, [-1, -3], &[2, 0, 2], &[-12, 4, -1], 14),
        ("e", 2, [0, -1], &[2, 0, 2], &[-12, 4, -1], 14),
        ("e", 3, [0, 1], &[0, 2, 2], &[4, -12, 1], 13),
        ("e", 3, [1, 0], &[0, 2, 2], &[4, 12, 1], 1),
        ("e", 3, [1, 2], &[2, 2, 0], &[12, 1, 4], 1),
        ("e", 3, [2, 0], &[2, 0, 2], &[-1, 4, 12], 2),
        ("e", 3, [-1, -3], &[2, 0, 2], &[-1, 4, 12], 2),
        ("e", 3, [0, -1], &[2, 0, 2], &[1, 4, -12], 13),
        ("e", 6, [0, 1], &[2, 0, 2], &[-12, 4, 1], 13),
        ("e", 6, [1, 0], &[2, 0, 2], &[-12, 4, 1], 13),
        ("e", 6, [1, 2], &[2, 0, 2], &[12, 4, -1], 2),
        ("e", 6, [2, 0], &[2, 0, 2], &[-12, 4, -1], 14),
        ("e", 6, [-1, -3], &[2, 0, 2], &[-12, 4, -1], 14),
        ("e", 6, [0, -1], &[2, 0, 2], &[-12, 4, -1], 14),
    ];
    for &(name, k, axes, shape, strides, offset) in table {
        let input = match name {
            "c" => &c,
            "v" => &v,
            _ => &e,
        };
        let r = input.rot90(k, axes).unwrap();
        assert_eq!(
            (r.shape(), r.strides(), r.offset()),
            (shape, strides, offset),
            "np.rot90({name}, {k}, {axes:?})"
        );
    }
    // Four quarter turns are the identity, two are a flip of both axes.
    assert_eq!(v.rot90(1, [0, 2]).unwrap().rot90(3, [0, 2]).unwrap(), v);
    assert_eq!(
        v.rot90(2, [0, 1]).unwrap(),
        v.flip(0).unwrap().flip(1).unwrap()
    );
}

#[test]
fn rot90_errors_match_numpy() {
    // NumPy: "Axes must be different." for equal axes, for axes that differ
    // by ndim (checked first: (0, 1) of a 1-D array, (0, 2) of a 2-D one),
    // then "Axes=... out of range" for the rest.
    let d2 = Layout::contiguous(&[2, 2], Order::C).unwrap();
    let d3 = Layout::contiguous(&[2, 2, 2], Order::C).unwrap();
    let d1 = Layout::contiguous(&[3], Order::C).unwrap();
    for (l, axes) in [
        (&d1, [0, 1]),
        (&d2, [0, 0]),
        (&d2, [0, -2]),
        (&d2, [0, 2]),
        (&d3, [0, -3]),
    ] {
        match l.rot90(1, axes) {
            Err(Error::InvalidArgument {
                op: "rot90",
                reason,
            }) => {
                assert!(reason.starts_with("Axes must be different."), "{reason}")
            }
            other => panic!("{axes:?}: {other:?}"),
        }
    }
    let d0 = Layout::contiguous(&[], Order::C).unwrap();
    assert_eq!(
        d0.rot90(1, [0, 1]),
        Err(Error::AxisOutOfBounds {
            op: "rot90",
            axis: 0,
            ndim: 0
        })
    );
    assert_eq!(
        d2.rot90(1, [-3, 0]),
        Err(Error::AxisOutOfBounds {
            op: "rot90",
            axis: -3,
            ndim: 2
        })
    );
    // Extreme k and axes do not overflow.
    assert_eq!(d2.rot90(isize::MIN, [0, 1]).unwrap(), d2);
    assert!(matches!(
        d2.rot90(1, [isize::MIN, isize::MAX]),
        Err(Error::AxisOutOfBounds { .. })
    ));
}
