//! NumPy's shape rules for `matmul` and `dot` as one problem: batch axes,
//! M, N and K with each operand's strides, read where they lie.

use super::*;

/// A batched product `C[z, i, j] = sum_k A[z, i, k] * B[z, k, j]` with every
/// operand given by strides and offsets (in elements); C's strides are
/// filled in by [`run`] from the output's layout.
#[derive(Debug, Clone)]
pub(super) struct Problem {
    pub(super) batch: Vec<usize>,
    /// Batch strides of A, B, C (C's filled by `run`).
    pub(super) bstrides: [Vec<isize>; 3],
    pub(super) m: usize,
    pub(super) n: usize,
    pub(super) k: usize,
    /// A: row, K; B: K, column.
    pub(super) a: (isize, isize),
    pub(super) b: (isize, isize),
    /// Which axes of the output (in its own shape) the batch axes, M and N
    /// are: `None` for an axis removed (1-D operand).
    pub(super) out_batch_axes: Vec<usize>,
    pub(super) out_m_axis: Option<usize>,
    pub(super) out_n_axis: Option<usize>,
}

pub(super) fn not_enough_dims(op: &'static str, which: usize) -> Error {
    Error::InvalidArgument {
        op,
        reason: format!(
            "input operand {which} does not have enough dimensions (has 0, \
             gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)"
        ),
    }
}

pub(super) fn matmul_problem<T: Element>(
    op: &'static str,
    a: &Array<T>,
    b: &Array<T>,
) -> Result<(Problem, Vec<usize>)> {
    if a.ndim() == 0 {
        return Err(not_enough_dims(op, 0));
    }
    if b.ndim() == 0 {
        return Err(not_enough_dims(op, 1));
    }
    // Promote 1-D operands (the added axis has stride 0: it has length 1).
    let (ash, ast): (Vec<usize>, Vec<isize>) = if a.ndim() == 1 {
        (vec![1, a.shape()[0]], vec![0, a.strides()[0]])
    } else {
        (a.shape().to_vec(), a.strides().to_vec())
    };
    let (bsh, bst): (Vec<usize>, Vec<isize>) = if b.ndim() == 1 {
        (vec![b.shape()[0], 1], vec![b.strides()[0], 0])
    } else {
        (b.shape().to_vec(), b.strides().to_vec())
    };
    let (an, bn) = (ash.len(), bsh.len());
    let (m, k) = (ash[an - 2], ash[an - 1]);
    let (k2, n) = (bsh[bn - 2], bsh[bn - 1]);
    if k != k2 {
        return Err(Error::NotAligned {
            op,
            a: a.shape().into(),
            b: b.shape().into(),
            a_axis: a.ndim() - 1,
            a_len: k,
            b_axis: b.ndim().saturating_sub(2),
            b_len: k2,
        });
    }
    let batch: Vec<usize> = broadcast_shapes(&ash[..an - 2], &bsh[..bn - 2])
        .map_err(|_| Error::BroadcastShapes {
            op,
            a: a.shape().into(),
            b: b.shape().into(),
        })?
        .to_vec();
    let nb = batch.len();
    // Batch strides aligned to the right; missing or stretched axes step 0.
    let bstr = |sh: &[usize], st: &[isize]| -> Vec<isize> {
        let own = sh.len() - 2;
        (0..nb)
            .map(|t| {
                let Some(j) = (t + own).checked_sub(nb) else {
                    return 0;
                };
                if sh[j] == 1 && batch[t] != 1 {
                    0
                } else {
                    st[j]
                }
            })
            .collect()
    };
    let a_b = bstr(&ash, &ast);
    let b_b = bstr(&bsh, &bst);
    let mut out_shape = batch.clone();
    let out_batch_axes: Vec<usize> = (0..nb).collect();
    let out_m_axis = (a.ndim() > 1).then(|| {
        out_shape.push(m);
        out_shape.len() - 1
    });
    let out_n_axis = (b.ndim() > 1).then(|| {
        out_shape.push(n);
        out_shape.len() - 1
    });
    Ok((
        Problem {
            batch,
            bstrides: [a_b, b_b, vec![0; nb]],
            m,
            n,
            k,
            a: (ast[an - 2], ast[an - 1]),
            b: (bst[bn - 2], bst[bn - 1]),
            out_batch_axes,
            out_m_axis,
            out_n_axis,
        },
        out_shape,
    ))
}

pub(super) fn dot_problem<T: Element>(
    op: &'static str,
    a: &Array<T>,
    b: &Array<T>,
) -> Result<(Problem, Vec<usize>)> {
    debug_assert!(a.ndim() > 0 && b.ndim() > 0, "0-d operands multiply");
    let (an, bn) = (a.ndim(), b.ndim());
    let k = a.shape()[an - 1];
    // b's summed axis: its only axis if 1-D, else its second-to-last.
    let bk = if bn == 1 { 0 } else { bn - 2 };
    if b.shape()[bk] != k {
        return Err(Error::NotAligned {
            op,
            a: a.shape().into(),
            b: b.shape().into(),
            a_axis: an - 1,
            a_len: k,
            b_axis: bk,
            b_len: b.shape()[bk],
        });
    }
    // Output: a.shape[:-1] + b.shape[:-2] + b.shape[-1:]. The last axis of
    // a's rows is M (if a has one), b's last axis is N (if b is >= 2-D);
    // every other axis is a batch axis in which only one operand moves.
    let a_outer = &a.shape()[..an - 1];
    let b_outer: &[usize] = if bn == 1 { &[] } else { &b.shape()[..bn - 2] };
    let mut out_shape: Vec<usize> = a_outer.to_vec();
    out_shape.extend_from_slice(b_outer);
    if bn > 1 {
        out_shape.push(b.shape()[bn - 1]);
    }
    let (m, a_rs, out_m_axis) = if an > 1 {
        (a.shape()[an - 2], a.strides()[an - 2], Some(an - 2))
    } else {
        (1, 0, None)
    };
    let (n, b_cs, out_n_axis) = if bn > 1 {
        (
            b.shape()[bn - 1],
            b.strides()[bn - 1],
            Some(out_shape.len() - 1),
        )
    } else {
        (1, 0, None)
    };
    let mut batch = Vec::new();
    let mut a_b = Vec::new();
    let mut b_b = Vec::new();
    let mut out_batch_axes = Vec::new();
    for t in 0..an.saturating_sub(2) {
        batch.push(a.shape()[t]);
        a_b.push(a.strides()[t]);
        b_b.push(0);
        out_batch_axes.push(t);
    }
    for t in 0..bn.saturating_sub(2) {
        batch.push(b.shape()[t]);
        a_b.push(0);
        b_b.push(b.strides()[t]);
        out_batch_axes.push(a_outer.len() + t);
    }
    let nb = batch.len();
    Ok((
        Problem {
            batch,
            bstrides: [a_b, b_b, vec![0; nb]],
            m,
            n,
            k,
            a: (a_rs, a.strides()[an - 1]),
            b: (b.strides()[bk], b_cs),
            out_batch_axes,
            out_m_axis,
            out_n_axis,
        },
        out_shape,
    ))
}
