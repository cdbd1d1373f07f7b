//! The compact copy: table tests of the packed layout and runs, and a
//! property test against the CPU walker (packing the runs of a host buffer
//! and reading the packed layout gives the view's elements; the permuted,
//! flipped view reads in packed order).

use proptest::prelude::*;

use super::compact::Compact;
use super::slice::SliceArg;
use super::tests::arb_layout;
use super::{Layout, Order};

fn pack(c: &Compact) -> Vec<isize> {
    c.runs()
        .flat_map(|(at, len)| at as isize..(at + len) as isize)
        .collect()
}

fn read(l: &Layout, packed: &[isize]) -> Vec<isize> {
    l.indices().iter().map(|&i| packed[i as usize]).collect()
}

#[test]
fn table() {
    let base = Layout::contiguous(&[4, 6], Order::C).unwrap();
    // (view, runs, packed strides, packed offset)
    let step = base
        .slice(&[
            SliceArg::Ellipsis,
            SliceArg::Slice {
                start: Some(0),
                stop: None,
                step: 2,
            },
        ])
        .unwrap();
    let rows = base
        .slice(&[
            SliceArg::Slice {
                start: Some(1),
                stop: None,
                step: 2,
            },
            SliceArg::Ellipsis,
        ])
        .unwrap();
    let flip = base.flip(0).unwrap();
    let cases: Vec<(Layout, Vec<(usize, usize)>, Vec<isize>, usize)> = vec![
        (base.clone(), vec![(0, 24)], vec![6, 1], 0),
        (base.t(), vec![(0, 24)], vec![1, 6], 0),
        (step, (0..12).map(|i| (2 * i, 1)).collect(), vec![3, 1], 0),
        (rows, vec![(6, 6), (18, 6)], vec![6, 1], 0),
        (flip, vec![(0, 24)], vec![-6, 1], 18),
        (
            base.broadcast_to(&[4, 6]).unwrap(),
            vec![(0, 24)],
            vec![6, 1],
            0,
        ),
        (
            Layout::new(&[3, 4], &[0, 1], 2).unwrap(),
            vec![(2, 4)],
            vec![0, 1],
            0,
        ),
        (
            Layout::new(&[0, 4], &[4, 1], 0).unwrap(),
            vec![],
            vec![4, 1],
            0,
        ),
        (Layout::new(&[], &[], 5).unwrap(), vec![(5, 1)], vec![], 0),
    ];
    for (l, runs, strides, offset) in cases {
        let c = Compact::new(&l).unwrap();
        assert_eq!(c.runs().collect::<Vec<_>>(), runs, "{l:?}");
        assert_eq!(c.layout.strides(), &strides[..], "{l:?}");
        assert_eq!(c.layout.offset(), offset, "{l:?}");
        assert_eq!(c.run_count(), runs.len(), "{l:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        rng_seed: proptest::test_runner::RngSeed::Fixed(23),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn packed_reads_as_the_view(l in arb_layout()) {
        let c = Compact::new(&l).unwrap();
        let packed = pack(&c);
        prop_assert_eq!(packed.len(), c.count);
        // The packed layout reads the view's elements.
        prop_assert_eq!(read(&c.layout, &packed), l.indices());
        // It reaches exactly the packed elements.
        if c.count > 0 {
            prop_assert!(c.layout.check_within("t", c.count).is_ok());
            prop_assert!(c.layout.check_within("t", c.count - 1).is_err());
        }
        // Each run is inside the view's span and the runs ascend.
        let starts: Vec<usize> = c.runs().map(|r| r.0).collect();
        prop_assert!(starts.windows(2).all(|w| w[0] < w[1]));
        // Without zero strides, the permuted and flipped view reads in
        // packed order.
        if !l.strides().iter().zip(l.shape()).any(|(&s, &n)| s == 0 && n > 1) {
            let p: Vec<isize> = c.perm().iter().map(|&k| k as isize).collect();
            let mut w = l.clone();
            for &k in c.flipped() {
                w = w.flip(k as isize).unwrap();
            }
            let w = w.permute(&p).unwrap();
            prop_assert_eq!(w.indices(), packed);
        }
    }
}
