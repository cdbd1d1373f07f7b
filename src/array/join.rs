//! Copies that join arrays: NumPy's `concatenate`, `stack`, `hstack`,
//! `vstack`, `dstack` and `column_stack`, each into a new buffer.
//!
//! Every input is read where it lies, through its strides (transposed,
//! stepped, broadcast views copy nothing first): the output is allocated
//! once and each input is copied into its slice of it by the strided copy
//! kernel, one launch per input (a DMA buffer copy where both sides are
//! contiguous runs), all recorded into the device's current batch and
//! submitted together. One launch for the whole output would need a kernel
//! over a variable number of inputs; one per input costs a dispatch each
//! and moves every byte once, as the single kernel would.
//!
//! NumPy's result-type rule for mixed dtypes does not arise: every input is
//! an `Array<T>` of the one `T` (convert first with `astype`).

use std::borrow::Borrow;

use super::*;
use crate::layout::join::{concat_shape, layout_in_order, multi_sorted_stride_perm, stack_axis};

/// Allocates the output of a join over `layouts` (of `shape`), in the
/// memory order NumPy gives it, and copies input `i` into the slice
/// `[at_i, at_i + len_i)` of axis `axis`.
fn join_into<T: Element>(
    op: &'static str,
    arrays: &[(&Array<T>, Layout)],
    shape: &[usize],
    axis: usize,
) -> Result<Array<T>> {
    let first = arrays[0].0;
    let dev = first.device();
    for (a, _) in arrays {
        a.check_device(op, dev)?;
    }
    let layouts: Vec<&Layout> = arrays.iter().map(|(_, l)| l).collect();
    let perm = multi_sorted_stride_perm(&layouts, shape.len());
    let layout = layout_in_order(op, shape, &perm)?;
    // The inputs' slices tile the output: every element is written, so a
    // pooled buffer needs no clear.
    let fresh = Array::<T>::alloc_uninit(dev, op, shape, Order::C)?;
    let out = Array::owner(fresh.storage.clone(), layout);
    let mut at = 0usize;
    let mut index: Vec<SliceArg> = vec![SliceArg::ALL; axis + 1];
    for (a, l) in arrays {
        let n = l.shape()[axis];
        // at + n is at most the output's length along the axis.
        index[axis] = SliceArg::Slice {
            start: Some(at as isize),
            stop: Some((at + n) as isize),
            step: 1,
        };
        let dst = out.derive(out.layout.slice(&index)?, true);
        dst.write_from(l, &a.storage, op)?;
        at += n;
    }
    Ok(out)
}

/// NumPy's `concatenate(arrays, axis)`: a new array of the inputs joined
/// along an existing axis. `axis: None` (NumPy's `axis=None`) joins the
/// inputs flattened in C order; `Some(k)` or a plain `k` joins along axis
/// `k` (negative from the end). NumPy's default is `0`.
///
/// The output's memory order follows NumPy's (the inputs' common stride
/// order, C where they disagree): two transposed inputs give an
/// F-ordered output. See the module docs for how it is copied.
///
/// ```
/// # fn main() -> ndgpu::Result<()> {
/// # let dev = ndgpu::Device::new()?;
/// use ndgpu::{Array, concatenate};
/// let a = Array::<i32>::arange(&dev, 0, 6, 1)?.reshape([2, 3])?;
/// let b = Array::<i32>::arange(&dev, 0, 4, 1)?.reshape([2, 2])?;
/// let c = concatenate(&[&a, &b], 1)?;
/// assert_eq!(c.to_vec()?, vec![0, 1, 2, 0, 1, 3, 4, 5, 2, 3]);
/// let t = concatenate(&[&a.t(), &a.t()], 0)?; // read in place, F-ordered like NumPy's
/// assert_eq!(t.strides_bytes(), vec![4, 24]);
/// # Ok(())
/// # }
/// ```
///
/// # Errors
/// NumPy's, each `InvalidArgument` naming the call, the axis and the
/// shapes: an empty list ("need at least one array to concatenate"), 0-d
/// inputs, a different number of axes, a different length on an axis
/// other than `axis`; `AxisOutOfBounds`; `DeviceMismatch`; the
/// allocation's errors.
pub fn concatenate<T: Element, A: Borrow<Array<T>>>(
    arrays: &[A],
    axis: impl Into<Option<isize>>,
) -> Result<Array<T>> {
    concatenate_as("concatenate", arrays, axis.into())
}

fn concatenate_as<T: Element, A: Borrow<Array<T>>>(
    op: &'static str,
    arrays: &[A],
    axis: Option<isize>,
) -> Result<Array<T>> {
    let arrays: Vec<&Array<T>> = arrays.iter().map(|a| a.borrow()).collect();
    let Some(axis) = axis else {
        return concatenate_flat(op, &arrays);
    };
    let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape()).collect();
    let (shape, ax) = concat_shape(op, &shapes, axis)?;
    let parts: Vec<(&Array<T>, Layout)> = arrays.iter().map(|a| (*a, a.layout.clone())).collect();
    join_into(op, &parts, &shape, ax)
}

/// `concatenate(axis=None)`: each input flattened in C order, without a
/// flattening copy (the output's slice takes the input's shape instead).
fn concatenate_flat<T: Element>(op: &'static str, arrays: &[&Array<T>]) -> Result<Array<T>> {
    let Some(first) = arrays.first() else {
        return Err(Error::InvalidArgument {
            op,
            reason: "need at least one array to concatenate".into(),
        });
    };
    let dev = first.device();
    let mut total = 0usize;
    for a in arrays {
        a.check_device(op, dev)?;
        total = total.checked_add(a.size()).ok_or_else(|| Error::Overflow {
            op,
            what: "the total number of elements".into(),
        })?;
    }
    let out = Array::<T>::alloc_uninit(dev, op, &[total], Order::C)?;
    let mut at = 0usize;
    for a in arrays {
        let n = a.size();
        let run = out.layout.slice(&[SliceArg::Slice {
            start: Some(at as isize),
            stop: Some((at + n) as isize),
            step: 1,
        }])?;
        let shape: Vec<isize> = a.shape().iter().map(|&d| d as isize).collect();
        // A contiguous run takes any shape of its size as a view.
        let dst = run
            .reshape_view(&shape, Order::C)?
            .ok_or_else(|| Error::Internal {
                op,
                message: format!("a run of {n} elements did not take shape {shape:?}"),
            })?;
        out.derive(dst, true)
            .write_from(&a.layout, &a.storage, op)?;
        at += n;
    }
    Ok(out)
}

/// NumPy's `stack(arrays, axis)`: a new array of the inputs (all of one
/// shape) joined along a new axis at `axis` (`-1` is the new last axis).
///
/// ```
/// # fn main() -> ndgpu::Result<()> {
/// # let dev = ndgpu::Device::new()?;
/// let a = ndgpu::Array::<i32>::arange(&dev, 0, 3, 1)?;
/// let s = ndgpu::stack(&[&a, &a], -1)?;
/// assert_eq!((s.shape(), s.to_vec()?), (&[3, 2][..], vec![0, 0, 1, 1, 2, 2]));
/// # Ok(())
/// # }
/// ```
///
/// # Errors
/// NumPy's: `InvalidArgument` for an empty list ("need at least one array
/// to stack") or unequal shapes; `AxisOutOfBounds` against the result's
/// rank; `DeviceMismatch`.
pub fn stack<T: Element, A: Borrow<Array<T>>>(arrays: &[A], axis: isize) -> Result<Array<T>> {
    let op = "stack";
    let arrays: Vec<&Array<T>> = arrays.iter().map(|a| a.borrow()).collect();
    let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape()).collect();
    let ax = stack_axis(op, &shapes, axis)?;
    let parts = arrays
        .iter()
        .map(|a| Ok((*a, a.layout.expand_dims(ax as isize)?)))
        .collect::<Result<Vec<_>>>()?;
    let mut shape = shapes[0].to_vec();
    shape.insert(ax, arrays.len());
    check_shape(op, &shape, T::DTYPE.itemsize())?;
    join_into(op, &parts, &shape, ax)
}

/// The inputs with leading/trailing length-1 axes as NumPy's `atleast_1d`,
/// `atleast_2d` (`(n,)` -> `(1, n)`), `atleast_3d` (`(n,)` -> `(1, n, 1)`,
/// `(m, n)` -> `(m, n, 1)`) or `column_stack`'s columns (`(n,)` ->
/// `(n, 1)`) give them.
fn promoted<'a, T: Element>(
    arrays: &[&'a Array<T>],
    kind: Promote,
) -> Result<Vec<(&'a Array<T>, Layout)>> {
    arrays
        .iter()
        .map(|a| {
            let l = &a.layout;
            let l = match (kind, a.ndim()) {
                (Promote::AtLeast1, 0) => l.expand_dims(0)?,
                (Promote::AtLeast2, 0) => l.expand_dims(0)?.expand_dims(0)?,
                (Promote::AtLeast2, 1) => l.expand_dims(0)?,
                (Promote::AtLeast3, 0) => l.expand_dims(0)?.expand_dims(0)?.expand_dims(0)?,
                (Promote::AtLeast3, 1) => l.expand_dims(0)?.expand_dims(2)?,
                (Promote::AtLeast3, 2) => l.expand_dims(2)?,
                (Promote::Column, 0) => l.expand_dims(0)?.expand_dims(0)?,
                (Promote::Column, 1) => l.expand_dims(1)?,
                _ => l.clone(),
            };
            Ok((*a, l))
        })
        .collect()
}

#[derive(Clone, Copy)]
enum Promote {
    AtLeast1,
    AtLeast2,
    AtLeast3,
    Column,
}

fn join_promoted<T: Element, A: Borrow<Array<T>>>(
    op: &'static str,
    arrays: &[A],
    kind: Promote,
    axis: impl Fn(usize) -> isize,
) -> Result<Array<T>> {
    let arrays: Vec<&Array<T>> = arrays.iter().map(|a| a.borrow()).collect();
    let parts = promoted(&arrays, kind)?;
    let shapes: Vec<&[usize]> = parts.iter().map(|(_, l)| l.shape()).collect();
    let first_nd = shapes.first().map_or(0, |s| s.len());
    let (shape, ax) = concat_shape(op, &shapes, axis(first_nd))?;
    join_into(op, &parts, &shape, ax)
}

/// NumPy's `hstack`: the inputs joined along axis 1, or along axis 0 when
/// they are 1-D (0-d inputs count as 1-D, NumPy's `atleast_1d`).
///
/// # Errors
/// As [`concatenate`].
pub fn hstack<T: Element, A: Borrow<Array<T>>>(arrays: &[A]) -> Result<Array<T>> {
    join_promoted("hstack", arrays, Promote::AtLeast1, |nd| {
        if nd == 1 { 0 } else { 1 }
    })
}

/// NumPy's `vstack`: the inputs joined along axis 0 after `atleast_2d`
/// (a 1-D input of length `n` is a row `(1, n)`).
///
/// # Errors
/// As [`concatenate`].
pub fn vstack<T: Element, A: Borrow<Array<T>>>(arrays: &[A]) -> Result<Array<T>> {
    join_promoted("vstack", arrays, Promote::AtLeast2, |_| 0)
}

/// NumPy's `dstack`: the inputs joined along axis 2 after `atleast_3d`
/// (`(n,)` is `(1, n, 1)`, `(m, n)` is `(m, n, 1)`).
///
/// # Errors
/// As [`concatenate`].
pub fn dstack<T: Element, A: Borrow<Array<T>>>(arrays: &[A]) -> Result<Array<T>> {
    join_promoted("dstack", arrays, Promote::AtLeast3, |_| 2)
}

/// NumPy's `column_stack`: 1-D inputs become columns `(n, 1)` (0-d ones
/// `(1, 1)`), then everything is joined along axis 1.
///
/// # Errors
/// As [`concatenate`].
pub fn column_stack<T: Element, A: Borrow<Array<T>>>(arrays: &[A]) -> Result<Array<T>> {
    join_promoted("column_stack", arrays, Promote::Column, |_| 1)
}
