//! From an index to what the kernels run: the layout plan, the index
//! arrays as terms (host ones checked at once and folded into one offset
//! array), and the offset pass that combines device terms.

use std::sync::Arc;

use super::{Index, IndexArray};
use crate::array::Array;
use crate::error::{Error, Result};
use crate::kernels::IndexLaunch;
use crate::kernels::indexing::{self, INVALID, IndexProgram, MAX_TERMS, TermKind};
use crate::layout::advanced::{IndexItem, IndexPlan, Term};
use crate::layout::slice::SliceArg;
use crate::layout::{Dims, Layout, Order};
use crate::runtime::{Device, Storage};

/// A device index array in a plan.
#[derive(Clone)]
pub(super) struct DeviceTerm {
    pub term: Term,
    pub storage: Arc<Storage>,
    /// Its own layout.
    pub own: Layout,
    /// Its layout broadcast over the index space.
    pub over_space: Layout,
    pub kind: TermKind,
}

/// A term operand of a kernel: a buffer, its layout over the index space,
/// how to read it, and (for checked kinds) the axis it picks along.
#[derive(Clone)]
pub(super) struct TermOperand {
    pub storage: Arc<Storage>,
    pub over_space: Layout,
    pub kind: TermKind,
    pub params: (usize, isize, usize),
}

/// An index made ready: the plan, the host terms (values checked) and the
/// device terms.
pub(super) struct Prepared {
    pub op: &'static str,
    pub device: Device,
    pub plan: IndexPlan,
    /// Host terms: the term and the values over its own shape.
    pub host: Vec<(Term, Vec<usize>, Vec<i64>)>,
    pub dev_terms: Vec<DeviceTerm>,
}

/// The basic items of an index with no array or mask, or `None`.
pub(super) fn basic_only(index: &[Index<'_>]) -> Option<Vec<SliceArg>> {
    index
        .iter()
        .map(|it| match it {
            Index::Basic(a) => Some(*a),
            _ => None,
        })
        .collect()
}

fn dev_of<'a>(
    a: &'a IndexArray<'_>,
) -> Option<(&'a Device, &'a Arc<Storage>, &'a Layout, TermKind)> {
    match a {
        IndexArray::I64(x) => Some((x.device(), x.storage(), x.layout(), TermKind::I64)),
        IndexArray::I32(x) => Some((x.device(), x.storage(), x.layout(), TermKind::I32)),
        IndexArray::U32(x) => Some((x.device(), x.storage(), x.layout(), TermKind::U32)),
        IndexArray::Host { .. } => None,
    }
}

/// Plans `index` on `layout` (the indexed array's, on `device`): checks
/// the structure, shapes and every host index value (NumPy's order:
/// integers and slices, the arrays' shapes, then the values array by
/// array), and sorts the arrays into host and device terms.
pub(super) fn prepare(
    op: &'static str,
    device: &Device,
    layout: &Layout,
    index: &[Index<'_>],
) -> Result<Prepared> {
    // A k-d mask stands for the k index arrays of its `nonzero` (NumPy's
    // rule), on the k axes it covers, whose lengths it must match.
    let consumed: usize = index
        .iter()
        .map(|it| match it {
            Index::Basic(SliceArg::NewAxis | SliceArg::Ellipsis) => 0,
            Index::Mask(m) => m.ndim(),
            _ => 1,
        })
        .sum();
    let nd = layout.ndim();
    if consumed > nd {
        return Err(Error::TooManyIndices {
            op,
            ndim: nd,
            given: consumed,
        });
    }
    let mut columns: Vec<Vec<Array<i64>>> = Vec::new();
    let mut axis = 0usize;
    for it in index {
        match it {
            Index::Basic(SliceArg::NewAxis) => {}
            Index::Basic(SliceArg::Ellipsis) => axis += nd - consumed,
            Index::Mask(m) => {
                if m.device() != device {
                    return Err(Error::DeviceMismatch { op });
                }
                if m.ndim() == 0 {
                    return Err(Error::InvalidArgument {
                        op,
                        reason: "a 0-d boolean index is not supported (use mask_select)".into(),
                    });
                }
                for (k, &mask_len) in m.shape().iter().enumerate() {
                    let len = layout.shape()[axis + k];
                    if len != mask_len {
                        return Err(Error::BooleanIndexMismatch {
                            op,
                            axis: axis + k,
                            len,
                            mask_len,
                        });
                    }
                }
                axis += m.ndim();
                columns.push(m.nonzero()?);
            }
            _ => axis += 1,
        }
    }
    let mask_arrays: Vec<Vec<IndexArray<'_>>> = columns
        .iter()
        .map(|cols| cols.iter().map(IndexArray::I64).collect())
        .collect();
    let mut items = Vec::with_capacity(index.len());
    let mut arrays: Vec<&IndexArray<'_>> = Vec::new();
    let mut masks = mask_arrays.iter();
    for it in index {
        match it {
            Index::Basic(a) => items.push(IndexItem::Basic(*a)),
            Index::Array(a) => {
                items.push(IndexItem::Array(a.shape().into()));
                arrays.push(a);
            }
            Index::Mask(_) => {
                for a in masks.next().expect("one entry per mask") {
                    items.push(IndexItem::Array(a.shape().into()));
                    arrays.push(a);
                }
            }
        }
    }
    let plan = layout.advanced_index(op, &items)?;
    with_terms(op, device, plan, &arrays)
}

/// Plans `take_along_axis`/`put_along_axis` (`axis` `None`: `layout` is
/// flat and `indices` must be 1-d, as NumPy requires).
pub(super) fn prepare_along(
    op: &'static str,
    device: &Device,
    layout: &Layout,
    indices: &IndexArray<'_>,
    axis: isize,
) -> Result<Prepared> {
    let plan = layout.along_axis(op, indices.shape(), axis)?;
    with_terms(op, device, plan, &[indices])
}

/// Sorts the plan's index arrays into host terms (every value checked
/// now) and device terms.
fn with_terms(
    op: &'static str,
    device: &Device,
    plan: IndexPlan,
    arrays: &[&IndexArray<'_>],
) -> Result<Prepared> {
    let mut host = Vec::new();
    let mut dev_terms = Vec::new();
    for t in &plan.terms {
        let a = arrays[t.array];
        match a {
            IndexArray::Host { values, shape } => {
                // As NumPy: every value when the index space is not
                // empty, a 0-d one always.
                if plan.space_size() > 0 || shape.is_empty() {
                    for &v in values.iter() {
                        IndexPlan::index_value(op, t, v)?;
                    }
                }
                host.push((*t, shape.to_vec(), values.to_vec()));
            }
            _ => {
                let (d, storage, l, kind) = dev_of(a).expect("a device array");
                if d != device {
                    return Err(Error::DeviceMismatch { op });
                }
                dev_terms.push(DeviceTerm {
                    term: *t,
                    storage: storage.clone(),
                    own: l.clone(),
                    over_space: plan.to_space(op, l)?,
                    kind,
                });
            }
        }
    }
    Ok(Prepared {
        op,
        device: device.clone(),
        plan,
        host,
        dev_terms,
    })
}

impl Prepared {
    /// The host terms' combined offsets over the index space (C order),
    /// as int32 bits; `None` without host terms.
    pub fn host_offsets(&self) -> Result<Option<Vec<i32>>> {
        if self.host.is_empty() {
            return Ok(None);
        }
        let n = self.plan.space_size();
        let too_far = || Error::LimitExceeded {
            op: self.op,
            what: "element offset of an index within the indexed array",
            requested: u64::MAX,
            limit: i32::MAX as u64,
        };
        let mut out = vec![0i64; n];
        for (t, shape, values) in &self.host {
            let l = self
                .plan
                .to_space(self.op, &Layout::contiguous(shape, Order::C)?)?;
            let mut k = 0usize;
            l.for_each_index(|i| {
                // Checked in `prepare` (the space is not empty here).
                let v = IndexPlan::index_value(self.op, t, values[i as usize]).unwrap_or(0) as i64;
                out[k] = out[k].saturating_add(v.saturating_mul(t.stride as i64));
                k += 1;
            });
        }
        out.into_iter()
            .map(|v| i32::try_from(v).map_err(|_| too_far()))
            .collect::<Result<Vec<i32>>>()
            .map(Some)
    }

    /// The host offsets uploaded, as a term operand.
    fn host_operand(&self) -> Result<Option<TermOperand>> {
        let Some(off) = self.host_offsets()? else {
            return Ok(None);
        };
        let a = Array::<i32>::from_slice(&self.device, &off, &self.plan.space)?;
        Ok(Some(TermOperand {
            storage: a.storage().clone(),
            over_space: a.layout().clone(),
            kind: TermKind::Off,
            params: (0, 0, 0),
        }))
    }

    fn dev_operands(&self) -> Vec<TermOperand> {
        self.dev_terms
            .iter()
            .map(|d| TermOperand {
                storage: d.storage.clone(),
                over_space: d.over_space.clone(),
                kind: d.kind,
                params: (d.term.len, d.term.stride, d.term.axis),
            })
            .collect()
    }

    /// Whether any device index array shares a buffer with `storage`.
    pub fn reads_buffer(&self, storage: &Arc<Storage>) -> bool {
        self.dev_terms
            .iter()
            .any(|d| Arc::ptr_eq(&d.storage, storage))
    }

    /// Term operands for a kernel that reads at most `max` of them: the
    /// host offsets (one operand) and the device arrays, combined by the
    /// offset pass into one offset array when there are more than `max`
    /// (or when `materialize`).
    pub fn operands(&self, max: usize, materialize: bool) -> Result<Vec<TermOperand>> {
        let mut ops: Vec<TermOperand> = self.host_operand()?.into_iter().collect();
        ops.extend(self.dev_operands());
        if ops.len() > max || (materialize && !(ops.len() == 1 && ops[0].kind == TermKind::Off)) {
            Ok(vec![self.combine(ops, &self.plan.space)?])
        } else {
            Ok(ops)
        }
    }

    /// One offset array (int32, C order over `shape`) from any number of
    /// term operands laid over `shape`, up to [`MAX_TERMS`] a pass.
    pub fn combine(&self, mut ops: Vec<TermOperand>, shape: &Dims) -> Result<TermOperand> {
        loop {
            let take = ops.len().min(MAX_TERMS);
            let rest = ops.split_off(take);
            let out = Array::<i32>::alloc(&self.device, self.op, shape, Order::C)?;
            self.run_offsets(&ops, &out, shape)?;
            let acc = TermOperand {
                storage: out.storage().clone(),
                over_space: out.layout().clone(),
                kind: TermKind::Off,
                params: (0, 0, 0),
            };
            if rest.is_empty() {
                return Ok(acc);
            }
            ops = std::iter::once(acc).chain(rest).collect();
        }
    }

    fn run_offsets(&self, ops: &[TermOperand], out: &Array<i32>, shape: &[usize]) -> Result<()> {
        let kinds: Vec<TermKind> = ops.iter().map(|o| o.kind).collect();
        let program = indexing::offsets(&kinds);
        let mut buffers: Vec<&Storage> = ops.iter().map(|o| &*o.storage).collect();
        buffers.push(out.storage());
        let mut operands: Vec<(&[isize], usize)> = ops
            .iter()
            .map(|o| (o.over_space.strides(), o.over_space.offset()))
            .collect();
        operands.push((out.strides(), out.offset()));
        let terms: Vec<(usize, isize, usize)> = ops.iter().map(|o| o.params).collect();
        let fixed = vec![None; buffers.len()];
        self.device.launch_indexed(&IndexLaunch {
            op: self.op,
            program: &program,
            shape,
            buffers: &buffers,
            fixed: &fixed,
            operands: &operands,
            terms: &terms,
            pos_binding: None,
        })
    }

    /// Runs the device checks a data pass would not: for a result with
    /// no element, the device arrays over the index space (or, when that is
    /// empty too, the 0-d ones, which NumPy always checks).
    pub fn check_only(&self) -> Result<()> {
        let (ops, shape): (Vec<TermOperand>, Dims) = if self.plan.space_size() > 0 {
            (self.dev_operands(), self.plan.space.clone())
        } else {
            let zero_d: Vec<TermOperand> = self
                .dev_terms
                .iter()
                .zip(self.dev_operands())
                .filter(|(d, _)| d.own.ndim() == 0)
                .map(|(d, o)| TermOperand {
                    over_space: d.own.clone(),
                    ..o
                })
                .collect();
            (zero_d, Dims::new())
        };
        if ops.is_empty() {
            return Ok(());
        }
        let _ = self.combine(ops, &shape)?;
        Ok(())
    }

    /// An [`INVALID`]-free check: whether the host offsets (the only terms)
    /// are pairwise distinct, so a scatter needs no winner pass.
    pub fn host_distinct(&self) -> Result<bool> {
        if !self.dev_terms.is_empty() {
            return Ok(false);
        }
        let Some(mut off) = self.host_offsets()? else {
            return Ok(true);
        };
        off.sort_unstable();
        debug_assert!(off.iter().all(|&o| o as u32 != INVALID));
        Ok(off.windows(2).all(|w| w[0] != w[1]))
    }

    /// The source (or destination) element range any valid index reaches.
    pub fn span(&self) -> Option<(usize, usize)> {
        self.plan
            .source_span()
            .map(|(lo, hi)| (lo as usize, hi as usize))
    }

    /// A term operand laid over the result shape.
    pub fn over_result(&self, o: &TermOperand) -> Layout {
        self.plan.embed(&o.over_space)
    }

    /// Launches an indexing `program` over the result shape with the
    /// bindings: the indexed array's buffer `x` (walked from the plan's
    /// base, bound whole over `span`), the term operands `ops` (laid over
    /// the result), `other` (the output or the values, walked by
    /// `other_l`), then `extra`, bound whole over its range and walked by
    /// no operand.
    #[allow(clippy::too_many_arguments)]
    pub fn launch_terms(
        &self,
        dev: &Device,
        program: &IndexProgram,
        x: &Storage,
        span: (usize, usize),
        ops: &[TermOperand],
        other: (&Storage, &Layout),
        extra: Option<(&Storage, (usize, usize))>,
    ) -> Result<()> {
        let laid: Vec<_> = ops.iter().map(|o| self.over_result(o)).collect();
        let mut buffers: Vec<&Storage> = vec![x];
        buffers.extend(ops.iter().map(|o| &*o.storage));
        buffers.push(other.0);
        let mut fixed = vec![None; buffers.len()];
        fixed[0] = Some(span);
        if let Some((s, range)) = extra {
            buffers.push(s);
            fixed.push(Some(range));
        }
        let base = &self.plan.base;
        let mut operands: Vec<(&[isize], usize)> = vec![(base.strides(), base.offset())];
        operands.extend(laid.iter().map(|l| (l.strides(), l.offset())));
        operands.push((other.1.strides(), other.1.offset()));
        let terms: Vec<_> = ops.iter().map(|o| o.params).collect();
        dev.launch_indexed(&IndexLaunch {
            op: self.op,
            program,
            shape: &self.plan.shape,
            buffers: &buffers,
            fixed: &fixed,
            operands: &operands,
            terms: &terms,
            pos_binding: None,
        })
    }
}
