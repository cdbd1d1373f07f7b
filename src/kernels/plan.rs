//! Launch planning: a launch's operands as one block, put in canonical
//! order, and split until every block fits the device's limits.

use super::{MAX_BLOCK_ELEMS, TILE, WG};
use crate::layout::{Dims, Strides, reach};

/// One strided operand of a launch: which data binding it reads or writes
/// (0-based among the kernel's data bindings), its strides and its offset,
/// both in elements of the launch's item size.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Operand {
    pub binding: usize,
    pub strides: Strides,
    pub offset: isize,
}

/// A piece of a launch small enough for the device's limits.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Block {
    pub shape: Dims,
    pub operands: Vec<Operand>,
}

impl Block {
    pub(super) fn size(&self) -> usize {
        self.shape.iter().product()
    }

    /// Smallest and largest element index (inclusive) each binding touches.
    pub(super) fn binding_spans(&self, nbind: usize) -> Vec<Option<(isize, isize)>> {
        let mut spans = vec![None; nbind];
        for op in &self.operands {
            // Saturating: `launch` has checked that every operand's walk
            // lies inside its buffer, so this is exact.
            let (lo, hi) = reach(self.shape.iter().copied().zip(op.strides.iter().copied()));
            let (lo, hi) = (op.offset.saturating_add(lo), op.offset.saturating_add(hi));
            let s: &mut Option<(isize, isize)> = &mut spans[op.binding];
            *s = Some(match *s {
                None => (lo, hi),
                Some((a, b)) => (a.min(lo), b.max(hi)),
            });
        }
        spans
    }

    /// The dispatch grid of the block (see the work mapping in
    /// `shaders/strided.wgsl`): at rank 0 or 1 one workgroup per 256
    /// elements, laid out in rows of at most `maxdim`; above, one workgroup
    /// per 16 x 16 tile of the two innermost axes (x over columns, y over
    /// rows) and z over the outer axes.
    pub(super) fn grid(&self, maxdim: u32) -> [u64; 3] {
        let nd = self.shape.len();
        if nd < 2 {
            let groups = (self.size() as u64).div_ceil(WG as u64);
            let gx = groups.min(maxdim as u64);
            return [gx, groups.div_ceil(gx.max(1)), 1];
        }
        let tile = TILE as u64;
        let (rows, cols) = (self.shape[nd - 2] as u64, self.shape[nd - 1] as u64);
        let outer: u64 = self.shape[..nd - 2].iter().map(|&x| x as u64).product();
        [cols.div_ceil(tile), rows.div_ceil(tile), outer]
    }

    /// An axis to split so that the grid fits `maxdim` per dimension, or
    /// `None` when it fits.
    pub(super) fn grid_overflow_axis(&self, maxdim: u32) -> Option<usize> {
        let g = self.grid(maxdim);
        let nd = self.shape.len();
        let max = maxdim as u64;
        if g.iter().all(|&x| x <= max) {
            return None;
        }
        if nd < 2 {
            return Some(0);
        }
        if g[0] > max {
            Some(nd - 1)
        } else if g[1] > max {
            Some(nd - 2)
        } else {
            (0..nd - 2).max_by_key(|&k| self.shape[k])
        }
    }

    /// The same elements with axes flipped and reordered the same way in
    /// every operand so that the written operand (the last) steps forward
    /// and from its outermost to its innermost axis: after this, a
    /// contiguous output (in any order, even reversed) merges into one axis,
    /// and a transposed input lands on the second-to-last axis where the
    /// tiled mapping reads it in runs. Only valid for element-wise kernels.
    pub(super) fn canonical_order(mut self) -> Block {
        let nd = self.shape.len();
        let Some(out) = self.operands.len().checked_sub(1) else {
            return self;
        };
        if self.size() == 0 {
            return self;
        }
        for k in 0..nd {
            if self.operands[out].strides[k] < 0 {
                let len = self.shape[k] as isize;
                for op in &mut self.operands {
                    op.offset += op.strides[k] * (len - 1);
                    op.strides[k] = -op.strides[k];
                }
            }
        }
        let mut perm: Vec<usize> = (0..nd).collect();
        // Outermost first: larger output stride first, ties by the inputs'.
        perm.sort_by(|&x, &y| {
            let key = |k: usize| -> Vec<usize> {
                let mut v = vec![self.operands[out].strides[k].unsigned_abs()];
                v.extend(
                    self.operands[..out]
                        .iter()
                        .map(|op| op.strides[k].unsigned_abs()),
                );
                v
            };
            key(y).cmp(&key(x))
        });
        Block {
            shape: perm.iter().map(|&k| self.shape[k]).collect(),
            operands: self
                .operands
                .iter()
                .map(|op| Operand {
                    binding: op.binding,
                    strides: perm.iter().map(|&k| op.strides[k]).collect(),
                    offset: op.offset,
                })
                .collect(),
        }
    }

    /// Splits axis `axis` at `at` into two blocks.
    pub(super) fn split(&self, axis: usize, at: usize) -> (Block, Block) {
        let mut a = self.clone();
        let mut b = self.clone();
        a.shape[axis] = at;
        b.shape[axis] = self.shape[axis] - at;
        for op in &mut b.operands {
            op.offset += op.strides[axis] * at as isize;
        }
        (a, b)
    }
}

/// Splits a launch (already merged by [`coalesce`]) into blocks whose every
/// binding's element span fits in `max_span` elements and whose size fits
/// [`MAX_BLOCK_ELEMS`] and its dispatch grid `maxdim` workgroups per
/// dimension. Empty launches give no block. The axis split is the
/// one with the widest reach in the binding that is over the limit, so a
/// transposed operand is cut along its own outer axis.
pub(crate) fn plan_blocks(
    block: Block,
    nbind: usize,
    max_span: usize,
    maxdim: u32,
    out: &mut Vec<Block>,
) {
    let n = block.size();
    if n == 0 {
        return;
    }
    let spans = block.binding_spans(nbind);
    let over = spans.iter().enumerate().find_map(|(b, s)| match s {
        Some((lo, hi)) if *hi as i128 - *lo as i128 + 1 > max_span as i128 => Some(b),
        _ => None,
    });
    let axis = match over {
        Some(b) => (0..block.shape.len())
            .filter(|&k| block.shape[k] > 1)
            .max_by_key(|&k| {
                block
                    .operands
                    .iter()
                    .filter(|op| op.binding == b)
                    .map(|op| {
                        op.strides[k]
                            .unsigned_abs()
                            .saturating_mul(block.shape[k] - 1)
                    })
                    .max()
                    .unwrap_or(0)
            }),
        None if n > MAX_BLOCK_ELEMS => (0..block.shape.len()).find(|&k| block.shape[k] > 1),
        None => match block.grid_overflow_axis(maxdim) {
            Some(k) => Some(k),
            None => {
                out.push(block);
                return;
            }
        },
    };
    match axis {
        Some(k) => {
            let (a, b) = block.split(k, block.shape[k] / 2);
            plan_blocks(a, nbind, max_span, maxdim, out);
            plan_blocks(b, nbind, max_span, maxdim, out);
        }
        // A single element always fits; unreachable in practice.
        None => out.push(block),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(crate) fn block(shape: &[usize], ops: &[(usize, &[isize], isize)]) -> Block {
        Block {
            shape: shape.into(),
            operands: ops
                .iter()
                .map(|&(b, s, o)| Operand {
                    binding: b,
                    strides: s.into(),
                    offset: o,
                })
                .collect(),
        }
    }

    /// Every (element, operand) index reached by a list of blocks, in order
    /// of a C walk of each block.
    pub(crate) fn reached(blocks: &[Block]) -> Vec<Vec<isize>> {
        let mut out = Vec::new();
        for b in blocks {
            let nd = b.shape.len();
            let n = b.size();
            for i in 0..n {
                let mut rem = i;
                let mut idx = vec![0usize; nd];
                for k in (0..nd).rev() {
                    idx[k] = rem % b.shape[k];
                    rem /= b.shape[k];
                }
                out.push(
                    b.operands
                        .iter()
                        .map(|op| {
                            op.offset
                                + idx
                                    .iter()
                                    .zip(&op.strides)
                                    .map(|(&i, &s)| i as isize * s)
                                    .sum::<isize>()
                        })
                        .collect(),
                );
            }
        }
        out
    }

    #[test]
    fn small_launch_is_one_block() {
        let mut out = Vec::new();
        plan_blocks(
            block(&[4, 5], &[(0, &[5, 1], 0), (1, &[1, 4], 0)]),
            2,
            100,
            65535,
            &mut out,
        );
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn empty_launch_has_no_block() {
        let mut out = Vec::new();
        plan_blocks(block(&[0], &[(0, &[1], 0)]), 1, 100, 65535, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn transposed_operands_split_until_every_binding_fits() {
        // src is a transposed 64x64 view, dst contiguous; spans must be <= 300.
        let whole = block(&[64, 64], &[(0, &[1, 64], 0), (1, &[64, 1], 0)]);
        let out = split_and_check(&whole, 300);
        assert!(out.len() > 1);
    }

    /// Plans `whole` under a span limit and checks that every binding of
    /// every block fits and that every element is still visited exactly
    /// once, with the same operand indices.
    fn split_and_check(whole: &Block, max_span: usize) -> Vec<Block> {
        let mut out = Vec::new();
        plan_blocks(whole.clone(), 2, max_span, 65535, &mut out);
        for b in &out {
            for (lo, hi) in b.binding_spans(2).into_iter().flatten() {
                assert!((hi - lo + 1) as usize <= max_span, "span {lo}..={hi}");
            }
        }
        assert_same_elements(&out, whole);
        out
    }

    fn assert_same_elements(blocks: &[Block], whole: &Block) {
        let mut got = reached(blocks);
        let mut want = reached(std::slice::from_ref(whole));
        got.sort();
        want.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn negative_and_zero_strides_split_correctly() {
        let whole = block(&[10, 7], &[(0, &[-7, 0], 63), (1, &[7, 1], 0)]);
        split_and_check(&whole, 9);
    }

    #[test]
    fn grids_are_split_to_the_per_dimension_limit() {
        // maxdim 3: at most 3 tiles of 16 per axis, 3 outer indices, and
        // 3 x 3 workgroups of 256 at rank 1.
        for whole in [
            block(&[7, 100, 50], &[(0, &[5000, 50, 1], 0)]),
            block(&[5000], &[(0, &[1], 0)]),
            block(
                &[40, 2, 200],
                &[(0, &[1, 40, 80], 0), (1, &[400, 200, 1], 0)],
            ),
        ] {
            let mut out = Vec::new();
            plan_blocks(whole.clone(), 2, usize::MAX / 2, 3, &mut out);
            for b in &out {
                assert!(
                    b.grid(3).iter().all(|&g| g <= 3),
                    "{:?} grid {:?}",
                    b.shape,
                    b.grid(3)
                );
            }
            assert_same_elements(&out, &whole);
        }
    }

    #[test]
    fn canonical_order_makes_the_output_run_forward_outer_to_inner() {
        // An F-ordered, reversed output and a C input: after reordering the
        // output is C-contiguous and merges to one axis.
        let b = block(&[3, 4], &[(0, &[4, 1], 0), (1, &[-1, 3], 2)]).canonical_order();
        assert_eq!(b.shape.as_slice(), &[4, 3]);
        assert_eq!(b.operands[1].strides.as_slice(), &[3, 1]);
        assert_eq!(b.operands[1].offset, 0);
        assert_eq!(b.operands[0].strides.as_slice(), &[1, -4]);
        assert_eq!(b.operands[0].offset, 8);
        assert_same_elements(&[b], &block(&[3, 4], &[(0, &[4, 1], 0), (1, &[-1, 3], 2)]));
    }
}
