//! `tricks.rs` against tables of NumPy 2.4.6's output (strides and offsets
//! in elements: bytes divided by the item size; offsets measured between
//! data pointers of views of one `np.arange(1000.)` buffer, or of one
//! `np.zeros(4096, np.uint8)` buffer for dtype views), then property tests
//! against brute-force walks.

use proptest::prelude::*;

use super::super::tests::arb_layout;
use super::*;
use crate::layout::Order;

type L<'a> = (&'a [usize], &'a [isize], usize);
/// An expected layout, or a piece of the expected error message.
type Want<'a, T> = std::result::Result<T, &'a str>;

fn lay((shape, strides, offset): L) -> Layout {
    Layout::new(shape, strides, offset).unwrap()
}

fn parts(l: &Layout) -> (Vec<usize>, Vec<isize>, usize) {
    (l.shape().to_vec(), l.strides().to_vec(), l.offset())
}

fn want((shape, strides, offset): L) -> (Vec<usize>, Vec<isize>, usize) {
    (shape.to_vec(), strides.to_vec(), offset)
}

/// The error's text contains `msg`.
fn err_has(e: Error, msg: &str) {
    assert!(e.to_string().contains(msg), "{e} lacks {msg:?}");
}

#[test]
fn sliding_window_matches_numpy() {
    // sliding_window_view(a, window, axis) from NumPy 2.4.6; inputs:
    // v1 = base[:10], v1neg = v1[::-1], c = base[:24].reshape(4,6),
    // t = c.T, off = base[100:124].reshape(4,6)[1:, 2:], neg = c[::-1, ::-2],
    // bc = np.broadcast_to(base[5:11], (4,6)), one = base[7:8].reshape(1,1),
    // empty = base[:0].reshape(0,6), zero_d = base[3:4].reshape(()).
    type Case<'a> = (L<'a>, &'a [usize], Option<&'a [isize]>, Want<'a, L<'a>>);
    #[rustfmt::skip]
    let table: &[Case] = &[
        ((&[10], &[1], 0), &[3], None, Ok((&[8, 3], &[1, 1], 0))), // v1 3
        ((&[10], &[1], 0), &[10], None, Ok((&[1, 10], &[1, 1], 0))), // v1 10
        ((&[10], &[1], 0), &[0], None, Ok((&[11, 0], &[1, 1], 0))), // v1 0
        ((&[10], &[-1], 9), &[4], None, Ok((&[7, 4], &[-1, -1], 9))), // v1neg 4
        ((&[4, 6], &[6, 1], 0), &[2, 3], None, Ok((&[3, 4, 2, 3], &[6, 1, 6, 1], 0))), // c (2, 3)
        ((&[6, 4], &[1, 6], 0), &[3], Some(&[0]), Ok((&[4, 4, 3], &[1, 6, 1], 0))), // t 3 axis=0
        ((&[6, 4], &[1, 6], 0), &[2, 2], Some(&[1, 1]), Ok((&[6, 2, 2, 2], &[1, 6, 6, 6], 0))), // t (2, 2) axis=(1, 1)
        ((&[3, 4], &[6, 1], 108), &[2], Some(&[-1]), Ok((&[3, 3, 2], &[6, 1, 1], 108))), // off 2 axis=-1
        ((&[4, 3], &[-6, -2], 23), &[2, 2], Some(&[0, 1]), Ok((&[3, 2, 2, 2], &[-6, -2, -6, -2], 23))), // neg
        ((&[4, 6], &[0, 1], 5), &[3], Some(&[0]), Ok((&[2, 6, 3], &[0, 1, 0], 5))), // bc axis=0
        ((&[4, 6], &[0, 1], 5), &[2], Some(&[1]), Ok((&[4, 5, 2], &[0, 1, 1], 5))), // bc axis=1
        ((&[1, 1], &[1, 1], 7), &[1, 1], None, Ok((&[1, 1, 1, 1], &[1, 1, 1, 1], 7))), // one
        ((&[0, 6], &[6, 1], 0), &[0, 2], None, Ok((&[1, 5, 0, 2], &[6, 1, 6, 1], 0))), // empty
        ((&[0, 6], &[6, 1], 0), &[4], Some(&[1]), Ok((&[0, 3, 4], &[6, 1, 1], 0))), // empty axis=1
        ((&[], &[], 3), &[], None, Ok((&[], &[], 3))), // zero_d ()
        ((&[4, 6], &[6, 1], 0), &[], Some(&[]), Ok((&[4, 6], &[6, 1], 0))), // c () axis=()
        ((&[4, 6], &[6, 1], 0), &[4, 6, 2], Some(&[0, 1, 1]), Err("window shape cannot be larger than input array shape")),
        ((&[10], &[1], 0), &[11], None, Err("window shape cannot be larger than input array shape")),
        ((&[10], &[1], 0), &[3, 3], None, Err("Since axis is `None`, must provide window_shape for all dimensions of `x`; got 2 window_shape elements and `x.ndim` is 1.")),
        ((&[2, 5], &[5, 1], 0), &[3], None, Err("got 1 window_shape elements and `x.ndim` is 2.")),
        ((&[], &[], 0), &[1], None, Err("got 1 window_shape elements and `x.ndim` is 0.")),
        ((&[2, 5], &[5, 1], 0), &[2], Some(&[1, 1]), Err("Must provide matching length window_shape and axis; got 1 window_shape elements and 2 axes elements.")),
        ((&[2, 5], &[5, 1], 0), &[2, 2], Some(&[1, 2]), Err("axis 2 is out of bounds for array of dimension 2")),
    ];
    for &(input, window, axis, expected) in table {
        let got = lay(input).sliding_window(window, axis);
        match expected {
            Ok(w) => assert_eq!(
                parts(&got.unwrap()),
                want(w),
                "{input:?} {window:?} {axis:?}"
            ),
            Err(msg) => err_has(got.unwrap_err(), msg),
        }
    }
}

#[test]
fn sliding_window_zero_window_stays_valid() {
    // v[::-1] with a zero window: NumPy's shape (11, 0), strides (-8, -8);
    // the grown axis would step to index -1, so it stops moving here.
    let w = lay((&[10], &[-1], 9)).sliding_window(&[0], None).unwrap();
    assert_eq!(parts(&w), (vec![11, 0], vec![0, -1], 9));
    assert!(w.is_valid());
}

#[test]
fn diagonal_matches_numpy() {
    // a.diagonal(offset, axis1, axis2) from NumPy 2.4.6 (inputs as in
    // sliding_window_matches_numpy, plus b3 = base[:60].reshape(3,4,5),
    // b3t = b3.transpose(2,0,1)[::-1]).
    #[rustfmt::skip]
    let table: &[(L, isize, isize, isize, Want<L>)] = &[
        ((&[4, 6], &[6, 1], 0), 0, 0, 1, Ok((&[4], &[7], 0))), // c
        ((&[4, 6], &[6, 1], 0), 2, 0, 1, Ok((&[4], &[7], 2))),
        ((&[4, 6], &[6, 1], 0), -2, 0, 1, Ok((&[2], &[7], 12))),
        ((&[4, 6], &[6, 1], 0), 6, 0, 1, Ok((&[0], &[7], 6))), // one step past: moved
        ((&[4, 6], &[6, 1], 0), -4, 0, 1, Ok((&[0], &[7], 24))),
        ((&[4, 6], &[6, 1], 0), 10, 0, 1, Ok((&[0], &[7], 0))), // further: not moved
        ((&[4, 6], &[6, 1], 0), -10, 0, 1, Ok((&[0], &[7], 0))),
        ((&[4, 6], &[6, 1], 0), 6, 1, 0, Ok((&[0], &[7], 0))),
        ((&[4, 6], &[6, 1], 0), -3, 1, 0, Ok((&[3], &[7], 3))),
        ((&[6, 4], &[1, 6], 0), 1, 0, 1, Ok((&[3], &[7], 6))), // t
        ((&[3, 4], &[6, 1], 108), 1, 0, 1, Ok((&[3], &[7], 109))), // off
        ((&[4, 3], &[-6, -2], 23), 0, 0, 1, Ok((&[3], &[-8], 23))), // neg
        ((&[4, 3], &[-6, -2], 23), -1, 0, 1, Ok((&[3], &[-8], 17))),
        ((&[4, 6], &[0, 1], 5), 1, 0, 1, Ok((&[4], &[1], 6))), // bc
        ((&[1, 1], &[1, 1], 7), 0, 0, 1, Ok((&[1], &[2], 7))), // one
        ((&[0, 6], &[6, 1], 0), 0, 0, 1, Ok((&[0], &[7], 0))), // empty
        ((&[0, 6], &[6, 1], 0), 2, 1, 0, Ok((&[0], &[7], 0))),
        ((&[3, 4, 5], &[20, 5, 1], 0), 1, 0, 2, Ok((&[4, 3], &[5, 21], 1))), // b3
        ((&[3, 4, 5], &[20, 5, 1], 0), 0, -1, 0, Ok((&[4, 3], &[5, 21], 0))),
        ((&[5, 3, 4], &[-1, 20, 5], 4), -1, 1, 2, Ok((&[5, 2], &[-1, 25], 24))), // b3t
        ((&[5, 3, 4], &[-1, 20, 5], 4), 2, 2, 0, Ok((&[3, 3], &[20, 4], 2))),
        ((&[4, 6], &[6, 1], 0), 0, 0, 0, Err("axis1 and axis2 cannot be the same")),
        ((&[10], &[1], 0), 0, 0, 1, Err("diag requires an array of at least two dimensions")),
        ((&[4, 6], &[6, 1], 0), 0, 0, 2, Err("axis 2 is out of bounds for array of dimension 2")),
        ((&[4, 6], &[6, 1], 0), 0, -3, 1, Err("axis -3 is out of bounds for array of dimension 2")),
    ];
    for &(input, offset, a1, a2, expected) in table {
        let got = lay(input).diagonal(offset, a1, a2);
        match expected {
            Ok(w) => assert_eq!(
                parts(&got.unwrap()),
                want(w),
                "{input:?} {offset} {a1} {a2}"
            ),
            Err(msg) => err_has(got.unwrap_err(), msg),
        }
    }
    // base[:9].reshape(3,3)[:, ::-1].diagonal(3): NumPy's data pointer
    // lands one element before the buffer; here the start stays put.
    let d = lay((&[3, 3], &[3, -1], 2)).diagonal(3, 0, 1).unwrap();
    assert_eq!(parts(&d), (vec![0], vec![2], 2));
    // Extreme offsets do not overflow.
    for o in [isize::MIN, isize::MAX] {
        assert_eq!(
            lay((&[4, 6], &[6, 1], 0))
                .diagonal(o, 0, 1)
                .unwrap()
                .shape(),
            &[0]
        );
    }
}

#[test]
fn view_dtype_matches_numpy() {
    // a.view(dtype) from NumPy 2.4.6, on views of one
    // np.zeros(4096, np.uint8) buffer (mk(dt, shape, off) is
    // buf[off*it:].view(dt)[:size].reshape(shape)): (input, itemsize,
    // new itemsize, result).
    #[rustfmt::skip]
    let table: &[(L, usize, usize, Want<L>)] = &[
        ((&[2, 8], &[8, 1], 0), 1, 4, Ok((&[2, 2], &[2, 1], 0))), // u8 (2,8) -> u32
        ((&[4], &[1], 4), 1, 4, Ok((&[1], &[1], 1))), // u8 (8,)[4:] -> u32
        ((&[2, 4], &[4, 1], 0), 4, 1, Ok((&[2, 16], &[16, 1], 0))), // u32 (2,4) -> u8
        ((&[4, 2], &[1, 4], 0), 4, 1, Err("To change to a dtype of a different size, the last axis must be contiguous")), // .T
        ((&[2, 4], &[-4, 1], 4), 4, 1, Ok((&[2, 16], &[-16, 1], 16))), // u32 (2,4)[::-1] -> u8
        ((&[2, 4], &[4, -1], 3), 4, 2, Err("the last axis must be contiguous")), // [:, ::-1] -> u16
        ((&[3, 3], &[4, 1], 1), 2, 1, Ok((&[3, 6], &[8, 1], 2))), // u16 (3,4)[:, 1:] -> u8
        ((&[2, 2], &[4, 1], 6), 2, 4, Ok((&[2, 1], &[2, 1], 3))), // u16 (3,4)[1:, 2:] -> u32
        ((&[3, 2], &[2, 1], 0), 8, 4, Ok((&[3, 4], &[4, 1], 0))), // f64 -> f32
        ((&[3, 2], &[2, 1], 0), 4, 8, Ok((&[3, 1], &[1, 1], 0))), // f32 -> f64
        ((&[2, 3], &[1, 2], 0), 4, 4, Ok((&[2, 3], &[1, 2], 0))), // f32 .T -> u32: same size, any layout
        ((&[3, 3], &[3, 1], 0), 4, 8, Err("When changing to a larger dtype, its size must be a divisor of the total size in bytes of the last axis of the array.")),
        ((&[3, 4], &[0, 1], 0), 1, 4, Ok((&[3, 1], &[0, 1], 0))), // broadcast u8 rows -> u32
        ((&[3, 4], &[0, 0], 0), 4, 1, Err("the last axis must be contiguous")), // broadcast scalar
        ((&[3, 4], &[0, 1], 0), 4, 1, Ok((&[3, 16], &[0, 1], 0))),
        ((&[3, 1], &[1, 1], 0), 4, 1, Ok((&[3, 4], &[4, 1], 0))), // u32 (3,1) -> u8
        ((&[4, 1], &[1, 1], 0), 1, 4, Err("must be a divisor")), // u8 (4,1) -> u32
        ((&[], &[], 0), 4, 1, Err("Changing the dtype of a 0d array is only supported if the itemsize is unchanged")),
        ((&[], &[], 2), 4, 4, Ok((&[], &[], 2))), // 0-d, same size
        ((&[2, 0], &[1, 1], 0), 4, 1, Ok((&[2, 0], &[4, 1], 0))), // empty
        ((&[0, 3], &[3, 1], 0), 1, 4, Err("must be a divisor")), // empty, 3 bytes
        ((&[2, 3, 2], &[12, 4, 2], 0), 2, 4, Err("the last axis must be contiguous")),
        ((&[2, 2], &[2, 1], 1), 8, 1, Ok((&[2, 16], &[16, 1], 8))), // i64 -> u8
        ((&[2, 8], &[16, 1], 8), 1, 8, Ok((&[2, 1], &[2, 1], 1))), // u8 (2,16)[:, 8:] -> u64
        // NumPy: shape (1, 1), strides (1, 4) bytes; the length-1 axis's
        // 1-byte stride is rounded to 0 elements here.
        ((&[1, 4], &[1, 1], 0), 1, 4, Ok((&[1, 1], &[0, 1], 0))), // u8 (4,1).T -> u32
        // NumPy makes these unaligned views; ndgpu refuses them.
        ((&[4], &[1], 1), 1, 4, Err("not a multiple of the new itemsize 4")), // u8 [1:5] -> u32
        ((&[3, 4], &[5, 1], 0), 1, 4, Err("axis 0 steps 5 bytes")), // u8 (3,5)[:, :4] -> u32
    ];
    for &(input, from, to, expected) in table {
        let got = lay(input).view_dtype(from, to);
        match expected {
            Ok(w) => assert_eq!(parts(&got.unwrap()), want(w), "{input:?} {from} -> {to}"),
            Err(msg) => err_has(got.unwrap_err(), msg),
        }
    }
}

#[test]
fn owner_as_converts_or_flattens() {
    let c = Layout::contiguous(&[2, 8], Order::C).unwrap();
    assert_eq!(parts(&owner_as(&c, 1, 4)), (vec![2, 2], vec![2, 1], 0));
    // An F-ordered owner, or one whose rows do not divide: its elements.
    let f = Layout::contiguous(&[2, 8], Order::F).unwrap();
    assert_eq!(parts(&owner_as(&f, 1, 4)), (vec![4], vec![1], 0));
    let odd = Layout::contiguous(&[2, 3], Order::C).unwrap();
    assert_eq!(parts(&owner_as(&odd, 1, 2)), (vec![3], vec![1], 0));
}

#[test]
fn split_matches_numpy() {
    // np.split / np.array_split(np.arange(10), how): the pieces' (offset,
    // length) from NumPy 2.4.6 (an empty piece's data pointer is the
    // array's start).
    let x = Layout::contiguous(&[10], Order::C).unwrap();
    type Case<'a> = (Split, bool, Want<'a, &'a [(usize, usize)]>);
    #[rustfmt::skip]
    let table: &[Case] = &[
        (Split::Sections(5), true, Ok(&[(0, 2), (2, 2), (4, 2), (6, 2), (8, 2)])),
        (Split::Sections(3), true, Err("array split does not result in an equal division")),
        (Split::Sections(0), true, Err("number sections must be larger than 0.")),
        (Split::Sections(0), false, Err("number sections must be larger than 0.")),
        (Split::Sections(3), false, Ok(&[(0, 4), (4, 3), (7, 3)])),
        (Split::Sections(11), false, Ok(&[(0, 1), (1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1), (7, 1), (8, 1), (9, 1), (0, 0)])),
        (Split::Indices(vec![3, 5, 20]), true, Ok(&[(0, 3), (3, 2), (5, 5), (0, 0)])),
        (Split::Indices(vec![3, 1, -2]), true, Ok(&[(0, 3), (0, 0), (1, 7), (8, 2)])),
        (Split::Indices(vec![-20, 3]), true, Ok(&[(0, 0), (0, 3), (3, 7)])),
        (Split::Indices(vec![]), true, Ok(&[(0, 10)])),
    ];
    for (how, equal, expected) in table {
        let got = x.split_pieces("split", how, 0, *equal);
        match expected {
            Ok(w) => {
                let got: Vec<(usize, usize)> = got
                    .unwrap()
                    .iter()
                    .map(|l| (l.offset(), l.shape()[0]))
                    .collect();
                assert_eq!(&got, w, "{how:?}");
            }
            Err(msg) => err_has(got.unwrap_err(), msg),
        }
    }
    // np.hsplit(np.zeros((2, 4)), 2) / np.split(c.T, 2, axis=0) keep strides.
    let t = Layout::contiguous(&[4, 6], Order::C).unwrap().t();
    let p = t
        .split_pieces("split", &Split::Sections(3), 0, true)
        .unwrap();
    assert_eq!(parts(&p[2]), (vec![2, 4], vec![1, 6], 4));
}

#[test]
fn broadcast_shapes_of_matches_numpy() {
    // np.broadcast_arrays shapes and errors from NumPy 2.4.6.
    let s = |v: &[&[usize]]| broadcast_shapes_of("broadcast_arrays", v);
    assert_eq!(s(&[&[3], &[2, 1]]).unwrap().as_slice(), &[2, 3]);
    assert_eq!(s(&[]).unwrap().as_slice(), &[] as &[usize]);
    assert_eq!(s(&[&[0, 1], &[1, 5], &[]]).unwrap().as_slice(), &[0, 5]);
    #[rustfmt::skip]
    let errors: &[(&[&[usize]], &str)] = &[
        (&[&[3], &[2, 2]], "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape (3,) and arg 1 with shape (2, 2)."),
        (&[&[3], &[2, 1], &[2, 2]], "Mismatch is between arg 0 with shape (3,) and arg 2 with shape (2, 2)."),
        (&[&[2, 3], &[4, 5]], "Mismatch is between arg 0 with shape (2, 3) and arg 1 with shape (4, 5)."),
        (&[&[1, 3], &[4, 1], &[5, 3]], "Mismatch is between arg 1 with shape (4, 1) and arg 2 with shape (5, 3)."),
    ];
    for (shapes, msg) in errors {
        err_has(s(shapes).unwrap_err(), msg);
    }
}

/// Every multi-index of `shape` in C order.
fn multi(shape: &[usize]) -> Vec<Vec<usize>> {
    let mut out = vec![vec![]];
    for &n in shape {
        out = out
            .into_iter()
            .flat_map(|i| {
                (0..n).map(move |k| {
                    let mut j = i.clone();
                    j.push(k);
                    j
                })
            })
            .collect();
    }
    out
}

fn cfg() -> ProptestConfig {
    ProptestConfig {
        cases: 600,
        rng_seed: proptest::test_runner::RngSeed::Fixed(9),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cfg())]

    /// Window element (i.., w..) is the input's element at i + w on the
    /// windowed axes.
    #[test]
    fn windows_walk_the_input(l in arb_layout(), picks in prop::collection::vec((0usize..4, 0usize..5), 0..3)) {
        prop_assume!(l.ndim() > 0);
        let axes: Vec<isize> = picks.iter().map(|p| (p.0 % l.ndim()) as isize).collect();
        let mut left = l.shape().to_vec();
        let mut window = vec![];
        for (&a, p) in axes.iter().zip(&picks) {
            let w = p.1.min(left[a as usize]);
            left[a as usize] -= w.saturating_sub(1);
            window.push(w);
        }
        let v = l.sliding_window(&window, Some(&axes)).unwrap();
        prop_assert!(v.is_valid());
        let nd = l.ndim();
        if !v.is_empty() {
            for idx in multi(v.shape()) {
                let mut at = idx[..nd].to_vec();
                for (j, &a) in axes.iter().enumerate() {
                    at[a as usize] += idx[nd + j];
                }
                prop_assert_eq!(v.index_of(&idx), l.index_of(&at));
            }
        }
    }

    /// Diagonal element (rest.., j) is the input's element with axis1 at
    /// j (+ -offset) and axis2 at j (+ offset).
    #[test]
    fn diagonal_walks_the_input(l in arb_layout(), a1 in 0usize..4, a2 in 0usize..4, offset in -5isize..5) {
        prop_assume!(l.ndim() >= 2);
        let (a1, a2) = (a1 % l.ndim(), a2 % l.ndim());
        prop_assume!(a1 != a2);
        let d = l.diagonal(offset, a1 as isize, a2 as isize).unwrap();
        prop_assert!(d.is_valid());
        let rest: Vec<usize> = (0..l.ndim()).filter(|&k| k != a1 && k != a2).collect();
        let (n1, n2) = (l.shape()[a1] as isize, l.shape()[a2] as isize);
        let len = if offset >= 0 { (n2 - offset).min(n1) } else { (n1 + offset).min(n2) }.max(0);
        prop_assert_eq!(*d.shape().last().unwrap(), len as usize);
        if !d.is_empty() {
            for idx in multi(d.shape()) {
                let j = *idx.last().unwrap() as isize;
                let mut at = vec![0usize; l.ndim()];
                for (k, &r) in rest.iter().enumerate() {
                    at[r] = idx[k];
                }
                at[a1] = (j - offset.min(0)) as usize;
                at[a2] = (j + offset.max(0)) as usize;
                prop_assert_eq!(d.index_of(&idx), l.index_of(&at));
            }
        }
    }

    /// A dtype view covers the same bytes in the same C order: byte `b` of
    /// the view's walk is byte `b` of the input's walk. Refusals happen
    /// exactly where NumPy's rules or alignment say so.
    #[test]
    fn dtype_views_cover_the_same_bytes(l in arb_layout(), f in 0u32..4, t in 0u32..4) {
        let (from, to) = (1usize << f, 1usize << t);
        let bytes = |l: &Layout, isz: usize| -> Vec<isize> {
            l.indices().iter().flat_map(|&i| (0..isz as isize).map(move |b| i * isz as isize + b)).collect()
        };
        match l.view_dtype(from, to) {
            Ok(v) => {
                prop_assert!(v.is_valid());
                if !l.is_empty() {
                    prop_assert_eq!(bytes(&v, to), bytes(&l, from));
                } else {
                    prop_assert!(v.is_empty());
                }
            }
            Err(_) => {
                prop_assert!(from != to);
                let nd = l.ndim();
                let contiguous_last = nd > 0
                    && (l.shape()[nd - 1] == 1 || l.is_empty() || l.strides()[nd - 1] == 1);
                let divides = nd > 0 && (l.shape()[nd - 1] * from) % to == 0;
                let aligned = l.is_empty()
                    || ((l.offset() * from) % to == 0
                        && (0..nd.saturating_sub(1)).all(|k| l.shape()[k] <= 1 || (l.strides()[k] * from as isize) % to as isize == 0));
                prop_assert!(!(contiguous_last && divides && aligned), "refused {:?} {} -> {}", l, from, to);
            }
        }
    }

    /// The pieces of a split, joined along the axis, are the input.
    #[test]
    fn split_pieces_tile_the_axis(l in arb_layout(), axis in 0usize..4, cut in prop::collection::vec(-6isize..8, 0..4), sections in 1usize..6) {
        prop_assume!(l.ndim() > 0);
        let ax = axis % l.ndim();
        for how in [Split::Indices(cut.clone()), Split::Sections(sections)] {
            let pieces = l.split_pieces("array_split", &how, ax, false).unwrap();
            // Walk each piece's positions along the axis: for Indices the
            // clipped Python slices, so pieces may repeat or skip only
            // where the cuts decrease; compare with the slices directly.
            let n = l.shape()[ax];
            let bounds = split_bounds("array_split", n, &how, false).unwrap();
            prop_assert_eq!(pieces.len(), bounds.len());
            for (p, &(start, stop)) in pieces.iter().zip(&bounds) {
                let mut args = vec![SliceArg::ALL; ax + 1];
                args[ax] = SliceArg::Slice { start: Some(start), stop: Some(stop), step: 1 };
                prop_assert_eq!(p, &l.slice(&args).unwrap());
            }
            if let Split::Sections(_) = how {
                let total: usize = pieces.iter().map(|p| p.shape()[ax]).sum();
                prop_assert_eq!(total, n);
                let mut joined = vec![];
                let mut all = vec![];
                for idx in multi(l.shape()) {
                    all.push(l.index_of(&idx));
                }
                // Rebuild the C-order walk from the pieces.
                for idx in multi(l.shape()) {
                    let mut k = idx[ax];
                    let mut i = 0;
                    while k >= pieces[i].shape()[ax] {
                        k -= pieces[i].shape()[ax];
                        i += 1;
                    }
                    let mut j = idx.clone();
                    j[ax] = k;
                    joined.push(pieces[i].index_of(&j));
                }
                prop_assert_eq!(joined, all);
            }
        }
    }
}
