//! From an array and the reduced axes to a reduction problem; reductions
//! whose partials would not fit are split into parts first.

use super::*;

pub(super) fn reduce<T: Element, U: Element>(
    a: &Array<T>,
    op_kind: Op,
    u: DType,
    axes: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<U>> {
    debug_assert_eq!(u, U::DTYPE);
    let spec = op_kind.spec(T::DTYPE, u);
    let op = spec.op;
    let dev = a.device();
    dev.check_lost()?;
    let shape = a.shape();
    let nd = shape.len();
    let red = reduced_axes(op, axes, nd)?;
    let mut out_shape = Vec::with_capacity(nd);
    let mut kept = Vec::new();
    for k in 0..nd {
        if !red[k] {
            out_shape.push(shape[k]);
            kept.push(k);
        } else if keepdims {
            out_shape.push(1);
        }
    }
    let n_red: usize = (0..nd).filter(|&k| red[k]).map(|k| shape[k]).product();
    let n_out: usize = kept.iter().map(|&k| shape[k]).product();

    if n_red == 0 {
        if !op_kind.has_identity() {
            return Err(Error::EmptyReduction { op });
        }
        let value = match op_kind {
            Op::Prod | Op::All => U::ONE,
            Op::Mean => U::from_f64(f64::NAN),
            _ => U::ZERO,
        };
        let out = Array::<U>::alloc(dev, op, &out_shape, Order::C)?;
        if value.to_bits() != 0 && n_out > 0 {
            out.fill(value)?;
        }
        return Ok(out);
    }
    // Every output is written by the last pass: no clear of a pooled
    // buffer (which, as a command, would also run a pending chain that
    // this reduction may join).
    let out = Array::<U>::alloc_uninit(dev, op, &out_shape, Order::C)?;
    if n_out == 0 {
        return Ok(out);
    }
    if spec.kind.is_arg() && n_red >= u32::MAX as usize {
        return Err(Error::LimitExceeded {
            op,
            what: "elements in one argmin/argmax reduction",
            requested: n_red as u64,
            limit: u32::MAX as u64 - 1,
        });
    }

    // A reduction of an output of the pending element-wise chain is kept
    // with the chain, which may then fuse into its load
    // (`compute/elementwise/reduce_tail.rs`).
    let kept = split_plan::<T>(dev, &spec, shape, &red, n_out, n_red)?.is_none()
        && elementwise::defer_reduction(dev, a.storage(), T::DTYPE, a.layout(), || {
            let (a, red, out) = (a.clone(), red.clone(), out.storage().clone());
            let count = n_red as u64;
            Box::new(move |_: &Device, load: Option<&FusedLoad>| {
                run_reduction(&a, &spec, &red, &out, Place::DENSE, count, load)
            })
        });
    if !kept {
        run_reduction(
            a,
            &spec,
            &red,
            out.storage(),
            Place::DENSE,
            n_red as u64,
            None,
        )?;
    }
    Ok(out)
}

/// Where a reduction's results go in its output buffer: result `i` (in C
/// order of the kept axes) at element `first + i * every`. Dense (0, 1)
/// for a whole reduction; a part of a split one writes one column of the
/// `[output][part]` partials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Place {
    pub(super) first: isize,
    pub(super) every: isize,
}

impl Place {
    pub(super) const DENSE: Place = Place { first: 0, every: 1 };
}

/// Reduces `a` over the axes marked in `red` into `out` (at `place`),
/// `count` being the number of elements a mean divides by. With `load`,
/// the first pass computes `a`'s elements from the chain's inputs instead
/// of reading `a` (which is then never split), or declines (false, nothing
/// recorded: see [`run_passes`]).
///
/// A reduction whose first pass would need a partials buffer past the
/// device's limits (one output's partials larger than a storage binding,
/// or all of them larger than half the largest buffer: a sum over a
/// 2^33-element broadcast view) is split along its longest reduced axis
/// into parts; each part reduces (recursively, in the accumulator type,
/// without finishing) into one column of an `[output][part]` buffer, and
/// a last reduction over those columns finishes. argmin/argmax are not
/// split (at most 2^32 - 1 reduced elements, refused before this).
pub(super) fn run_reduction<T: Element>(
    a: &Array<T>,
    spec: &Spec,
    red: &[bool],
    out: &Storage,
    place: Place,
    count: u64,
    load: Option<&FusedLoad>,
) -> Result<bool> {
    let op = spec.op;
    let dev = a.device();
    let shape = a.shape();
    let strides = a.strides();
    let nd = shape.len();
    let kept: Vec<usize> = (0..nd).filter(|&k| !red[k]).collect();
    let n_red: usize = (0..nd).filter(|&k| red[k]).map(|k| shape[k]).product();
    let n_out: usize = kept.iter().map(|&k| shape[k]).product();
    if !spec.kind.is_arg()
        && load.is_none()
        && let Some((axis, parts)) = split_plan::<T>(dev, spec, shape, red, n_out, n_red)?
    {
        let bytes = (n_out as u64)
            .checked_mul(parts as u64 * spec.acc.itemsize() as u64)
            .ok_or_else(|| Error::Overflow {
                op,
                what: format!("partial results: {n_out} outputs times {parts} parts"),
            })?;
        let columns = dev.alloc(op, bytes)?;
        let part_spec = Spec {
            out: spec.acc,
            mean: false,
            ..*spec
        };
        let len = shape[axis];
        let step = len.div_ceil(parts);
        let mut index = vec![SliceArg::ALL; nd];
        for g in 0..parts {
            let lo = g * step;
            index[axis] = SliceArg::Slice {
                start: Some(lo as isize),
                stop: Some(len.min(lo + step) as isize),
                step: 1,
            };
            let part = a.slice(&index)?;
            let n_part = part.size() as u64;
            let column = Place {
                first: g as isize,
                every: parts as isize,
            };
            run_reduction(&part, &part_spec, red, &columns, column, n_part, None)?;
        }
        // Finish over the parts: [output][part], the last axis reduced.
        let prob = Problem::over_slots(n_out, parts);
        run_passes(
            dev, spec, prob, spec.acc, columns, None, out, place, count, None,
        )?;
        return Ok(true);
    }
    // Output strides of the kept axes (C order) and logical-index weights
    // of the reduced ones (C order of the reduced axes: a flat index for
    // axis=None, the position along the axis for one axis).
    let mut outer = Vec::with_capacity(kept.len());
    let mut so = 1isize;
    for &k in kept.iter().rev() {
        outer.push(OAx {
            len: shape[k],
            s_in: strides[k],
            s_out: so,
        });
        so *= shape[k] as isize;
    }
    outer.reverse();
    let mut inner = Vec::new();
    let mut w = 1u64;
    for k in (0..nd).rev().filter(|&k| red[k]) {
        inner.push(IAx {
            len: shape[k],
            s_in: strides[k],
            w: if spec.kind.is_arg() { w } else { 0 },
        });
        w *= shape[k] as u64;
    }
    inner.reverse();
    let prob = Problem {
        outer,
        inner,
        in_off: a.offset() as isize,
        out_off: 0,
        idx_base: 0,
    }
    .normalise();
    run_passes(
        dev,
        spec,
        prob,
        T::DTYPE,
        a.storage().clone(),
        None,
        out,
        place,
        count,
        load,
    )
}

/// Whether a reduction must be split, and how: the reduced axis to cut and
/// into how many parts. The first pass writes at most about two partials
/// per `wide_k` reduced elements of each output (lane counts round up to a
/// power of two; the narrow mapping writes fewer); a split is needed when
/// one output's partials could pass half a storage binding or all of them
/// half the largest buffer. Below a few partials per output a split would
/// not shrink them, so none is made.
pub(super) fn split_plan<T: Element>(
    dev: &Device,
    spec: &Spec,
    shape: &[usize],
    red: &[bool],
    n_out: usize,
    n_red: usize,
) -> Result<Option<(usize, usize)>> {
    let acc = spec.acc.itemsize() as u64;
    let per_out = 2 * (n_red as u64).div_ceil(wide_k(T::DTYPE, spec.acc) as u64) + 1;
    if per_out <= 4 {
        return Ok(None);
    }
    let binding = (max_span(dev, spec.op, spec.acc.itemsize())? as u64 / 2).max(1);
    let buffer = dev.info().max_buffer_size / 2 / acc;
    let total = per_out.saturating_mul(n_out as u64);
    if per_out <= binding && total <= buffer {
        return Ok(None);
    }
    let need = per_out
        .div_ceil(binding)
        .max(total.div_ceil(buffer.max(1)))
        .max(2);
    let axis = (0..shape.len())
        .filter(|&k| red[k])
        .max_by_key(|&k| shape[k])
        .filter(|&k| shape[k] > 1);
    Ok(axis.map(|k| (k, (need as usize).min(shape[k]))))
}
