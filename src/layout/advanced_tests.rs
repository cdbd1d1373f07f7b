use super::*;
use crate::layout::slice::slice_indices;
use proptest::prelude::*;

/// An index item with its values (arrays in C order over their shape).
#[derive(Debug, Clone)]
enum Item {
    Basic(SliceArg),
    Array(Vec<usize>, Vec<i64>),
}

fn items_of(items: &[Item]) -> Vec<IndexItem> {
    items
        .iter()
        .map(|it| match it {
            Item::Basic(a) => IndexItem::Basic(*a),
            Item::Array(s, _) => IndexItem::Array(s.as_slice().into()),
        })
        .collect()
}

/// What ndgpu computes: the plan's shape and the source indices of a
/// gather through it (the CPU reference the kernels are checked against).
fn planned(l: &Layout, items: &[Item]) -> Result<(Vec<usize>, Vec<isize>)> {
    let plan = l.advanced_index("index", &items_of(items))?;
    let arrays: Vec<(&[usize], &[i64])> = items
        .iter()
        .filter_map(|it| match it {
            Item::Array(s, v) => Some((s.as_slice(), v.as_slice())),
            _ => None,
        })
        .collect();
    Ok((plan.shape.to_vec(), plan.source_indices("index", &arrays)?))
}

fn parse_shape(s: &str) -> Vec<usize> {
    if s == "-" {
        return vec![];
    }
    s.split('x').map(|d| d.parse().unwrap()).collect()
}

fn parse_nums<T: std::str::FromStr>(s: &str) -> Vec<T>
where
    T::Err: std::fmt::Debug,
{
    s.split_whitespace().map(|v| v.parse().unwrap()).collect()
}

fn parse_item(s: &str) -> Item {
    let parts: Vec<&str> = s.split(':').collect();
    let opt = |p: &str| (!p.is_empty()).then(|| p.parse::<isize>().unwrap());
    match parts[0] {
        "i" => Item::Basic(SliceArg::Index(parts[1].parse().unwrap())),
        "n" => Item::Basic(SliceArg::NewAxis),
        "e" => Item::Basic(SliceArg::Ellipsis),
        "s" => Item::Basic(SliceArg::Slice {
            start: opt(parts[1]),
            stop: opt(parts[2]),
            step: parts[3].parse().unwrap(),
        }),
        "a" => Item::Array(parse_shape(parts[1]), parse_nums(parts[2])),
        other => panic!("unknown item {other}"),
    }
}

/// The NumPy table (tests/fixtures/advanced_index.txt, written by the
/// committed advanced_index.py from NumPy 2.4.6): shapes, values (the
/// buffer indices read, the parents being strided views of an arange) and
/// errors, on contiguous, transposed, stepped, negative-stride, broadcast,
/// empty and 0-d parents.
#[test]
fn numpy_table() {
    let table = include_str!("../../tests/fixtures/advanced_index.txt");
    let mut n = 0;
    for line in table.lines().filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split('|').collect();
        let l = Layout::new(
            &parse_shape(f[0]),
            &parse_nums::<isize>(f[1]),
            f[2].parse().unwrap(),
        )
        .unwrap();
        let items: Vec<Item> = if f[3].is_empty() {
            vec![]
        } else {
            f[3].split(';').map(parse_item).collect()
        };
        let got = planned(&l, &items);
        let want: Vec<&str> = f[4].splitn(3, ':').collect();
        match want[0] {
            "ok" => {
                let (shape, idx) = got.unwrap_or_else(|e| panic!("{line}: {e}"));
                assert_eq!(shape, parse_shape(want[1]), "{line}");
                assert_eq!(idx, parse_nums::<isize>(want[2]), "{line}");
            }
            "oob" => match got {
                Err(Error::IndexOutOfBounds {
                    op, axis, index, ..
                }) => {
                    assert_eq!(op, "index");
                    assert_eq!(axis, want[1].parse::<usize>().unwrap(), "{line}");
                    assert_eq!(index, want[2].parse::<isize>().unwrap(), "{line}");
                }
                other => panic!("{line}: {other:?}"),
            },
            "bcast" => assert!(
                matches!(got, Err(Error::BroadcastShapes { op: "index", .. })),
                "{line}: {got:?}"
            ),
            w => panic!("bad fixture {w}"),
        }
        n += 1;
    }
    assert!(n > 250, "{n} cases");
}

/// Errors name the public call and come in NumPy's order: structure,
/// integers and slices, then the arrays' shapes.
#[test]
fn error_order_and_names() {
    let l = Layout::contiguous(&[3, 3, 3], crate::layout::Order::C).unwrap();
    let a = |s: &[usize]| IndexItem::Array(s.into());
    let b = IndexItem::Basic;
    let e = l
        .advanced_index("take", &[b(SliceArg::Index(9)), a(&[2]), a(&[3])])
        .unwrap_err();
    assert_eq!(
        e,
        Error::IndexOutOfBounds {
            op: "take",
            axis: 0,
            index: 9,
            len: 3
        }
    );
    let e = l
        .advanced_index(
            "index",
            &[
                a(&[2]),
                a(&[3]),
                b(SliceArg::Index(0)),
                b(SliceArg::Index(0)),
            ],
        )
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::TooManyIndices {
                op: "index",
                given: 4,
                ..
            }
        ),
        "{e:?}"
    );
    let e = l
        .advanced_index(
            "index",
            &[a(&[2]), b(SliceArg::Ellipsis), b(SliceArg::Ellipsis)],
        )
        .unwrap_err();
    assert_eq!(e, Error::MultipleEllipsis { op: "index" });
    let e = l.advanced_index("index", &[a(&[2]), a(&[3])]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "index: operands could not be broadcast together with shapes (2,) (3,)"
    );
}

/// NumPy 2.4.6: `take_along_axis` shapes.
#[test]
fn along_axis_shapes() {
    let l = Layout::contiguous(&[3, 4], crate::layout::Order::C).unwrap();
    // np.take_along_axis(np.zeros((3, 4)), np.zeros((3, 2), int), 1).shape == (3, 2)
    assert_eq!(
        l.along_axis("t", &[3, 2], 1).unwrap().shape.as_slice(),
        &[3, 2]
    );
    // ... np.zeros((1, 5), int), 0 -> (1, 4)? no: indices (1, 5) vs (1, 4) fail
    assert!(l.along_axis("t", &[1, 5], 0).is_err());
    // np.zeros((5, 1), int), 0 -> (5, 4)
    assert_eq!(
        l.along_axis("t", &[5, 1], 0).unwrap().shape.as_slice(),
        &[5, 4]
    );
    assert!(matches!(
        l.along_axis("t", &[5], 0),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(
        l.along_axis("t", &[5, 1], 2),
        Err(Error::AxisOutOfBounds { .. })
    ));
}

// ----- an independent reference ---------------------------------------------

/// NumPy's definition evaluated element by element, with no strides
/// composed: each result position names a source coordinate per axis.
fn reference(l: &Layout, items: &[Item]) -> Option<(Vec<usize>, Vec<isize>)> {
    let nd = l.ndim();
    let consumed = items
        .iter()
        .filter(|it| !matches!(it, Item::Basic(SliceArg::NewAxis | SliceArg::Ellipsis)))
        .count();
    if consumed > nd
        || items
            .iter()
            .filter(|it| matches!(it, Item::Basic(SliceArg::Ellipsis)))
            .count()
            > 1
    {
        return None;
    }
    let any_array = items.iter().any(|it| matches!(it, Item::Array(..)));
    // Per source axis: how its coordinate is found.
    enum Coord {
        Fixed(usize),
        Picks(Vec<usize>, usize), // positions, result dim slot
        Array(usize),             // which array
    }
    let mut coords: Vec<Coord> = Vec::new();
    // Result dims in item order; `None` marks an advanced item.
    let mut dims: Vec<Option<usize>> = Vec::new();
    let mut arrays: Vec<(Vec<usize>, Vec<i64>)> = Vec::new();
    let mut slot = 0usize;
    let mut axis = 0usize;
    let whole = nd - consumed;
    let picks = |len: usize, start, stop, step| -> Option<Vec<usize>> {
        let (s, _, st, n) = slice_indices(start, stop, step, len)?;
        Some((0..n as isize).map(|k| (s + k * st) as usize).collect())
    };
    for it in items {
        match it {
            Item::Basic(SliceArg::Index(i)) => {
                let n = l.shape()[axis] as isize;
                if *i < -n || *i >= n {
                    return None;
                }
                coords.push(Coord::Fixed(if *i < 0 { i + n } else { *i } as usize));
                if any_array {
                    dims.push(None);
                }
                axis += 1;
            }
            Item::Basic(SliceArg::Slice { start, stop, step }) => {
                let p = picks(l.shape()[axis], *start, *stop, *step)?;
                dims.push(Some(p.len()));
                coords.push(Coord::Picks(p, slot));
                slot += 1;
                axis += 1;
            }
            Item::Basic(SliceArg::NewAxis) => {
                dims.push(Some(1));
                slot += 1;
            }
            Item::Basic(SliceArg::Ellipsis) => {
                if whole == 0 {
                    dims.push(Some(usize::MAX)); // a zero-width marker
                }
                for _ in 0..whole {
                    let n = l.shape()[axis];
                    dims.push(Some(n));
                    coords.push(Coord::Picks((0..n).collect(), slot));
                    slot += 1;
                    axis += 1;
                }
            }
            Item::Array(s, v) => {
                coords.push(Coord::Array(arrays.len()));
                arrays.push((s.clone(), v.clone()));
                dims.push(None);
                axis += 1;
            }
        }
    }
    while axis < nd {
        let n = l.shape()[axis];
        dims.push(Some(n));
        coords.push(Coord::Picks((0..n).collect(), slot));
        slot += 1;
        axis += 1;
    }
    // Broadcast the arrays.
    let mut b: Vec<usize> = vec![];
    for (s, _) in &arrays {
        b = broadcast_shapes(&b, s).ok()?.to_vec();
    }
    // Check every array value (NumPy checks them all first).
    for (src_axis, c) in coords.iter().enumerate() {
        if let Coord::Array(a) = c
            && (b.iter().product::<usize>() > 0 || arrays[*a].0.is_empty())
        {
            let n = l.shape()[src_axis] as i64;
            if arrays[*a].1.iter().any(|&v| v < -n || v >= n) {
                return None;
            }
        }
    }
    // Placement.
    let adv: Vec<usize> = dims
        .iter()
        .enumerate()
        .filter(|(_, d)| d.is_none())
        .map(|(k, _)| k)
        .collect();
    let adjacent = adv.windows(2).all(|w| w[1] == w[0] + 1);
    let kept: Vec<usize> = dims
        .iter()
        .flatten()
        .copied()
        .filter(|&d| d != usize::MAX)
        .collect();
    let before = if adjacent && !adv.is_empty() {
        dims[..adv[0]]
            .iter()
            .flatten()
            .filter(|&&d| d != usize::MAX)
            .count()
    } else {
        0
    };
    let mut shape = kept[..before].to_vec();
    shape.extend(&b);
    shape.extend(&kept[before..]);
    let total: usize = shape.iter().product();
    let mut out = Vec::with_capacity(total);
    let mut pos = vec![0usize; shape.len()];
    for _ in 0..total {
        let bpos = &pos[before..before + b.len()];
        let kpos: Vec<usize> = pos[..before]
            .iter()
            .chain(&pos[before + b.len()..])
            .copied()
            .collect();
        let mut at = l.offset() as isize;
        for (ax, c) in coords.iter().enumerate() {
            let i = match c {
                Coord::Fixed(i) => *i,
                Coord::Picks(p, s) => p[kpos[*s]],
                Coord::Array(a) => {
                    let (s, v) = &arrays[*a];
                    // broadcast position into the array (right-aligned)
                    let lead = b.len() - s.len();
                    let mut flat = 0usize;
                    for (d, &n) in s.iter().enumerate() {
                        flat = flat * n + if n == 1 { 0 } else { bpos[lead + d] };
                    }
                    let n = l.shape()[ax] as i64;
                    let x = v[flat];
                    (if x < 0 { x + n } else { x }) as usize
                }
            };
            at += i as isize * l.strides()[ax];
        }
        out.push(at);
        for k in (0..shape.len()).rev() {
            pos[k] += 1;
            if pos[k] < shape[k] {
                break;
            }
            pos[k] = 0;
        }
    }
    Some((shape, out))
}

fn arb_case() -> impl Strategy<Value = (Layout, Vec<Item>)> {
    (
        prop::collection::vec((0usize..4, -3isize..4), 0..4),
        prop::collection::vec(
            (
                0u8..7,
                -5isize..6,
                -5isize..6,
                prop::sample::select(vec![1isize, 2, -1, -3]),
                0usize..6,
                prop::collection::vec(-5i64..6, 6),
            ),
            0..6,
        ),
    )
        .prop_map(|(axes, raw)| {
            let shape: Vec<usize> = axes.iter().map(|a| a.0).collect();
            let strides: Vec<isize> = axes.iter().map(|a| a.1).collect();
            let offset: isize = axes
                .iter()
                .map(|&(n, s)| {
                    if s < 0 {
                        -s * (n.max(1) as isize - 1)
                    } else {
                        0
                    }
                })
                .sum();
            let l = Layout::new(&shape, &strides, offset as usize + 3).unwrap();
            let shapes: [&[usize]; 6] = [&[], &[2], &[3], &[2, 1], &[1, 3], &[0]];
            let items = raw
                .into_iter()
                .map(|(k, a, b, step, sh, vals)| match k {
                    0 | 1 | 2 => {
                        let s = shapes[sh].to_vec();
                        let n: usize = s.iter().product();
                        Item::Array(s, vals[..n].to_vec())
                    }
                    3 => Item::Basic(SliceArg::Index(a)),
                    4 => Item::Basic(SliceArg::Slice {
                        start: (a > -5).then_some(a),
                        stop: (b > -5).then_some(b),
                        step,
                    }),
                    5 => Item::Basic(SliceArg::NewAxis),
                    _ => Item::Basic(SliceArg::Ellipsis),
                })
                .collect();
            (l, items)
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 3000,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0xadd1),
        ..ProptestConfig::default()
    })]

    /// The plan (strides composed once) and the element-by-element
    /// reference agree on every shape, value and on which cases fail.
    #[test]
    fn plan_matches_reference((l, items) in arb_case()) {
        let got = planned(&l, &items).ok();
        let want = reference(&l, &items);
        prop_assert_eq!(got, want);
    }
}
