//! A reduction kept at the end of a fusion chain, so that the chain can
//! be fused into the reduction's load.
//!
//! A reduction takes `&self`: when it is called, its input is always held
//! (a Rust temporary such as `(&a * &b)?` lives to the end of its
//! statement). So a reduction of an output of the pending chain, read
//! through the mapping the chain writes it with, does not run at once: it
//! is kept as the chain's tail (nothing joins the chain after it) and runs
//! with the chain, when anything needs either (reading the result,
//! any other command). By then the input may have been dropped. If it
//! has, and the operations it depends on read memory inputs laid out as
//! the input is (same shape and strides), the reduction's first pass
//! computes each element it folds from those inputs
//! (`kernels::fused::FusedLoad`): the input is neither stored nor read
//! back. It runs before the chain's segments, which may overwrite those
//! inputs later; a memory input of the chain is only ever read before
//! any of the chain's operations writes it, so the reduction sees the
//! values the operations saw. Otherwise (the input still held, or read
//! otherwise) the chain stores it and the reduction reads it, as before.
//!
//! A kept reduction's host checks (axes, dtypes, its output) ran when it
//! was called, as a kept element-wise operation's did.

use super::fusion::{self, Chain, Parts, Producers};
use super::*;
use crate::kernels::MAX_EXTRA_WORDS;
use crate::kernels::fused::{self, FusedLeaf, FusedLoad, Helpers};
use crate::runtime::LazySlot;

/// Runs a kept reduction: computing its input with the chain's load when
/// given one, else reading its input from memory. False when it declines
/// the load (recording nothing): the chain then stores the input.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) type RunReduction = Box<dyn Fn(&Device, Option<&FusedLoad>) -> Result<bool> + Send>;
/// Runs a kept reduction (see the native definition).
#[cfg(target_arch = "wasm32")]
pub(crate) type RunReduction = Box<dyn Fn(&Device, Option<&FusedLoad>) -> Result<bool>>;

/// Most memory inputs a fused load reads.
pub(crate) const MAX_LEAVES: usize = 3;

/// A reduction kept after a chain's operations.
pub(super) struct Tail {
    /// The reduced array's buffer (by identity), held by `run`.
    pub(super) input: usize,
    /// References to that buffer the tail holds.
    pub(super) refs: usize,
    /// The reduced array's layout (the mapping the chain writes it with).
    layout: Layout,
    run: RunReduction,
}

/// Keeps the reduction `make()` builds of the array (`storage`, `dtype`,
/// `layout`) as the tail of `device`'s chain, when fusion is on and the
/// chain writes that buffer through that mapping; false (and `make` not
/// called) otherwise. `make`'s reduction holds one reference to
/// `storage`.
pub(crate) fn defer_reduction(
    device: &Device,
    storage: &Arc<Storage>,
    dtype: DType,
    layout: &Layout,
    make: impl FnOnce() -> RunReduction,
) -> bool {
    if !device.fusion_enabled() || layout.ndim() > crate::kernels::EXTRA_MAX_RANK {
        return false;
    }
    device.with_lazy(|_, slot: &mut LazySlot| {
        let Some(chain) = slot
            .as_mut()
            .and_then(|w| w.as_any_mut().downcast_mut::<Chain>())
        else {
            return false;
        };
        if !chain.may_take_tail(storage, dtype, layout) {
            return false;
        }
        chain.set_tail(Tail {
            input: fusion::key(storage),
            refs: 1,
            layout: layout.clone(),
            run: make(),
        });
        true
    })
}

impl Tail {
    /// Runs the reduction with `load` (false: declined, nothing recorded).
    pub(super) fn run_with(&self, device: &Device, load: &FusedLoad) -> Result<bool> {
        (self.run)(device, Some(load))
    }

    /// Runs the reduction reading its (stored) input.
    pub(super) fn run(&self, device: &Device) -> Result<()> {
        (self.run)(device, None).map(|_| ())
    }

    /// The load computing the output of node `w` (the input's last
    /// writer) from the chain's memory inputs; None when one of them is
    /// laid out otherwise than the input, or the operations do not fit one
    /// kernel.
    pub(super) fn fused_load(
        &self,
        nodes: &[MapNode],
        producer: &[Producers],
        w: usize,
    ) -> Option<FusedLoad> {
        // The operations `w` depends on, in order.
        let mut need = vec![false; w + 1];
        need[w] = true;
        let need = fusion::with_producers(producer, need);
        let seg: Vec<usize> = (0..=w).filter(|&j| need[j]).collect();
        let source: usize = seg
            .iter()
            .map(|&j| nodes[j].text.expr.len() + nodes[j].text.helpers.len())
            .sum();
        if source > fusion::MAX_SEGMENT_SOURCE {
            return None;
        }
        let mut helpers = Helpers::default();
        for &j in &seg {
            if !helpers.add(&nodes[j].text.helpers) {
                return None;
            }
        }
        let parts: Parts<'_> = fusion::parts(nodes, producer, &seg, |i| need[i]);
        if parts.mem.is_empty()
            || parts.mem.len() > MAX_LEAVES
            || parts.extra.len() + parts.mem.len() > MAX_EXTRA_WORDS
        {
            return None;
        }
        let mut leaves = Vec::with_capacity(parts.mem.len());
        for &(s, dtype, l) in &parts.mem {
            if l.shape() != self.layout.shape() || l.strides() != self.layout.strides() {
                return None;
            }
            leaves.push(FusedLeaf {
                storage: s.clone(),
                dtype,
                delta: l.offset() as isize - self.layout.offset() as isize,
            });
        }
        let dtypes: Vec<DType> = leaves.iter().map(|l| l.dtype).collect();
        let fnodes = parts.nodes(nodes, &seg);
        let (id, source) = fused::load_source(&fnodes, &dtypes, &helpers);
        Some(FusedLoad {
            id,
            source,
            leaves,
            extra: parts.extra,
        })
    }
}
