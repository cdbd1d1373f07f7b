//! Fusion of element-wise chains. An element-wise operation whose host
//! checks have passed (shapes, dtypes, the output allocated or checked,
//! overlapping inputs staged) is kept in the device's lazy slot instead of
//! launched; the chain runs when anything else touches the device (every
//! other command, read-back, `flush`, `synchronize`, memory statistics),
//! when an operation would conflict with it, or past [`MAX_CHAIN`]
//! operations or [`MAX_CHAIN_BYTES`] of outputs. A reduction of the
//! chain's latest result may be kept after it and fused into its load
//! (`reduce_tail.rs`).
//!
//! Running a chain: an output nobody holds any more (only the chain refers
//! to its buffer), or that a later operation of the chain overwrites, is
//! never stored, and an operation whose result is not
//! needed by a stored one is not computed at all. The rest is cut into
//! segments, each one generated kernel (`kernels/fused.rs`) that computes
//! its operations in order in each invocation, passes values in registers
//! and stores only its last operation; a segment ends at an output that is
//! still held, or where it would exceed a kernel's operands.
//!
//! What keeps NumPy's semantics: an operation joins the chain only when,
//! for every buffer it reads or writes that the chain also writes (or, for
//! its output, reads), the element mapping (dtype and layout) is the same,
//! so each invocation's element depends only on the same element of
//! earlier operations, which the invocation itself computed first;
//! anything else runs the chain first. Only operations whose result dtype
//! computes in its own storage type (f32, f64, i32, u32, i64, u64) are
//! kept, so a value in a register is exactly the value that would have
//! been stored and read back.

use std::any::Any;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use smallvec::SmallVec;

use super::reduce_tail::Tail;
use super::*;
use crate::kernels::fused::{self, FusedArg, FusedNode, Helpers};
use crate::kernels::{EXTRA_MAX_RANK, MAX_EXTRA_WORDS, MAX_OPERANDS};
use crate::runtime::{LazySlot, LazyWork};

/// Most operations one chain keeps before it runs.
pub(crate) const MAX_CHAIN: usize = 256;
/// Most bytes of outputs one chain keeps before it runs (the chain holds
/// every output it has made until it runs).
pub(crate) const MAX_CHAIN_BYTES: u64 = 128 << 20;

/// Most WGSL source (each node's expression and helpers, counted once per
/// node: the driver inlines them) one fused kernel holds. Compile time
/// grows faster than the source on lavapipe's LLVM: 64 `round`s of f32
/// take 0.85 s, while a chain of additions of that length takes 4 ms.
pub(crate) const MAX_SEGMENT_SOURCE: usize = 6000;

/// Whether `node` may be kept for fusion on `device`.
pub(super) fn fusable(device: &Device, node: &MapNode) -> bool {
    let max_bind = device.info().max_storage_buffer_binding_size;
    let plain = |s: &Storage| !s.external && s.bytes <= max_bind;
    // Helpers with loops (float `rem` and `floor_divide`, integer `pow`,
    // float64's software functions) take the driver seconds to compile
    // once inlined several times: they run alone.
    let loops = node.text.helpers.contains("loop {") || node.text.helpers.contains("for (");
    !loops
        && matches!(
            node.out_dtype,
            DType::F32 | DType::F64 | DType::I32 | DType::U32 | DType::I64 | DType::U64
        )
        && node.out_layout.ndim() <= EXTRA_MAX_RANK
        && plain(&node.out)
        && node.inputs.iter().all(|i| match i {
            Input::Array { storage, .. } => plain(storage),
            Input::Scalar { .. } => true,
        })
        && node
            .inputs
            .iter()
            .filter(|i| matches!(i, Input::Scalar { .. }))
            .count()
            <= 2
}

/// Keeps `node` in the device's chain, running the chain first when `node`
/// conflicts with it or it is full.
pub(super) fn keep(device: &Device, node: MapNode) -> Result<()> {
    device.check_lost()?;
    check_node_features(device, &node)?;
    device.with_lazy(|dev, slot: &mut LazySlot| {
        let must_run = match slot.as_mut() {
            None => false,
            Some(w) => match w.as_any_mut().downcast_mut::<Chain>() {
                Some(c) => c.must_run_before(&node),
                None => true,
            },
        };
        if must_run && let Some(w) = slot.take() {
            w.run(dev)?;
        }
        match slot
            .as_mut()
            .and_then(|w| w.as_any_mut().downcast_mut::<Chain>())
        {
            Some(c) => c.push(node),
            None => {
                let mut c = Chain::default();
                c.push(node);
                *slot = Some(Box::new(c));
            }
        }
        Ok(())
    })
}

/// For each array input of a node: the latest earlier node of the chain
/// writing that buffer (always through the same element mapping).
pub(super) type Producers = SmallVec<[Option<usize>; 3]>;

/// Operations kept for fusion, in the order they returned, and what
/// planning needs of them, kept up to date as each joins (so a run of the
/// chain builds no map of its buffers).
#[derive(Default)]
pub(super) struct Chain {
    nodes: Vec<MapNode>,
    bytes: u64,
    /// How the chain sees each buffer it touches, by buffer identity.
    buffers: ById<Seen>,
    /// Each node's producers.
    producer: Vec<Producers>,
    /// Whether a later node writes each node's output buffer.
    overwritten: Vec<bool>,
    /// Set if a node read a chain buffer through another mapping than its
    /// writer's (joining rules that out; planning then gives up).
    mismatch: bool,
    /// A reduction of one of the chain's outputs, kept after its last
    /// operation (`reduce_tail.rs`): nothing joins the chain after it.
    tail: Option<Tail>,
}

/// How a chain sees one buffer: its latest writer (every writer writes
/// through one element mapping, its output's dtype and layout), the
/// distinct mappings it is read through, and the chain's references to it.
/// Mappings are named by where they are, not copied.
#[derive(Default)]
struct Seen {
    /// The latest node writing the buffer.
    writer: Option<usize>,
    /// Distinct mappings read through, other than the writer's: (node,
    /// position in its inputs).
    read: SmallVec<[(u32, u32); 1]>,
    /// References the chain's nodes hold to the buffer (one per input and
    /// output naming it).
    refs: usize,
}

/// A buffer's identity.
pub(super) fn key(s: &Arc<Storage>) -> usize {
    Arc::as_ptr(s) as usize
}

/// Maps keyed by buffer identity (an address): hashed by one multiply,
/// not SipHash (every kept operation looks up its buffers; SipHash was 3%
/// of a 1000-operation chain's time).
type ById<V> = HashMap<usize, V, BuildHasherDefault<AddressHasher>>;

/// Hashes one `usize` address: a multiply by a 64-bit odd constant, whose
/// high bits (which hashbrown uses) depend on every bit of the address.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_usize(&mut self, v: usize) {
        self.0 = (v as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// The mapping node `w` of `nodes` writes through.
fn written(nodes: &[MapNode], w: usize) -> (DType, &Layout) {
    (nodes[w].out_dtype, &nodes[w].out_layout)
}

/// The mapping input `k` of node `j` of `nodes` reads through.
fn read_at(nodes: &[MapNode], (j, k): (u32, u32)) -> (DType, &Layout) {
    match &nodes[j as usize].inputs[k as usize] {
        Input::Array { dtype, layout, .. } => (*dtype, layout),
        Input::Scalar { .. } => unreachable!("read mappings are arrays'"),
    }
}

/// The array inputs of `node`: (buffer, dtype, layout).
fn arrays(node: &MapNode) -> impl Iterator<Item = (&Arc<Storage>, DType, &Layout)> {
    node.inputs.iter().filter_map(|i| match i {
        Input::Array {
            dtype,
            storage,
            layout,
        } => Some((storage, *dtype, layout)),
        Input::Scalar { .. } => None,
    })
}

impl Chain {
    /// The mapping node `w` writes through.
    fn written(&self, w: usize) -> (DType, &Layout) {
        written(&self.nodes, w)
    }

    /// The mapping input `k` of node `j` reads through.
    fn read_at(&self, r: (u32, u32)) -> (DType, &Layout) {
        read_at(&self.nodes, r)
    }

    fn push(&mut self, node: MapNode) {
        let j = self.nodes.len();
        self.bytes += node.out.bytes;
        if self.nodes.capacity() == 0 {
            // Maps and vectors sized for a full chain once.
            self.nodes.reserve(MAX_CHAIN);
            self.producer.reserve(MAX_CHAIN);
            self.overwritten.reserve(MAX_CHAIN);
            self.buffers.reserve(2 * MAX_CHAIN);
        }
        self.nodes.push(node);
        let nodes = &self.nodes;
        let node = &nodes[j];
        let mut producers = Producers::new();
        for (k, input) in node.inputs.iter().enumerate() {
            let Input::Array {
                dtype: d,
                storage: s,
                layout: l,
            } = input
            else {
                continue;
            };
            let Some(seen) = self.buffers.get_mut(&key(s)) else {
                self.buffers.insert(
                    key(s),
                    Seen {
                        writer: None,
                        read: smallvec::smallvec![(j as u32, k as u32)],
                        refs: 1,
                    },
                );
                producers.push(None);
                continue;
            };
            let writer = seen.writer;
            let as_written = writer.is_some_and(|w| written(nodes, w) == (*d, l));
            if writer.is_some() && !as_written {
                self.mismatch = true;
            }
            if !as_written && !seen.read.iter().any(|&r| read_at(nodes, r) == (*d, l)) {
                seen.read.push((j as u32, k as u32));
            }
            seen.refs += 1;
            producers.push(writer);
        }
        let seen = self.buffers.entry(key(&node.out)).or_default();
        seen.refs += 1;
        if let Some(w) = seen.writer.replace(j) {
            self.overwritten[w] = true;
        }
        self.producer.push(producers);
        self.overwritten.push(false);
    }

    /// Whether the chain's writes of buffer `s` are through the element
    /// mapping (`dtype`, `layout`), and it has no tail yet.
    pub(super) fn may_take_tail(&self, s: &Arc<Storage>, dtype: DType, layout: &Layout) -> bool {
        self.tail.is_none()
            && self
                .buffers
                .get(&key(s))
                .and_then(|seen| seen.writer)
                .is_some_and(|w| self.written(w) == (dtype, layout))
    }

    /// Keeps `tail` after the chain's last operation.
    pub(super) fn set_tail(&mut self, tail: Tail) {
        self.tail = Some(tail);
    }

    /// Whether the chain must run before `n` joins it: it is full, or `n`
    /// touches a buffer of the chain through another element mapping
    /// (reads what the chain writes, or writes what it reads or writes).
    fn must_run_before(&self, n: &MapNode) -> bool {
        if self.tail.is_some()
            || self.nodes.len() >= MAX_CHAIN
            || self.bytes.saturating_add(n.out.bytes) > MAX_CHAIN_BYTES
        {
            return true;
        }
        let reads_other = arrays(n).any(|(s, d, l)| {
            self.buffers
                .get(&key(s))
                .and_then(|seen| seen.writer)
                .is_some_and(|w| self.written(w) != (d, l))
        });
        let writes_other = self.buffers.get(&key(&n.out)).is_some_and(|seen| {
            let m = (n.out_dtype, &n.out_layout);
            seen.writer.is_some_and(|w| self.written(w) != m)
                || seen.read.iter().any(|&r| self.read_at(r) != m)
        });
        reads_other || writes_other
    }
}

impl LazyWork for Chain {
    fn run(self: Box<Self>, device: &Device) -> Result<()> {
        self.run_all(device)
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// How one run of a chain is cut.
pub(super) struct Plan {
    /// Whether each node's output is stored.
    pub(super) stored: Vec<bool>,
    /// The nodes computed, in segments.
    segments: Vec<Vec<usize>>,
    /// The segment of each node (`usize::MAX`: not computed).
    seg_of: Vec<usize>,
}

impl Chain {
    /// Runs the chain and then its tail, if any (the tail first when it
    /// computes its input itself: see `reduce_tail.rs`).
    fn run_all(&self, device: &Device) -> Result<()> {
        let nodes = &self.nodes;
        let Some(tail) = self.tail.as_ref() else {
            return match self.plan(None, None) {
                Some(plan) => run_segments(device, nodes, &self.producer, &plan),
                None => run_alone(device, nodes),
            };
        };
        let refs = Some((tail.input, tail.refs));
        let Some(plan) = self.plan(refs, None) else {
            run_alone(device, nodes)?;
            return tail.run(device);
        };
        let writer = self.buffers.get(&tail.input).and_then(|s| s.writer);
        match writer {
            Some(w) if !plan.stored[w] => {
                if let Some(load) = tail.fused_load(nodes, &self.producer, w)
                    && matches!(tail.run_with(device, &load), Ok(true))
                {
                    return run_segments(device, nodes, &self.producer, &plan);
                }
                // The input is needed after all: store it.
                match self.plan(refs, Some(w)) {
                    Some(p) => run_segments(device, nodes, &self.producer, &p)?,
                    None => run_alone(device, nodes)?,
                }
            }
            _ => run_segments(device, nodes, &self.producer, &plan)?,
        }
        tail.run(device)
    }
}

/// `marked` (a flag per node, from the first) with every node a marked one
/// depends on through `producer` marked too.
pub(super) fn with_producers(producer: &[Producers], mut marked: Vec<bool>) -> Vec<bool> {
    for j in (0..marked.len()).rev() {
        if marked[j] {
            for &i in producer[j].iter().flatten() {
                marked[i] = true;
            }
        }
    }
    marked
}

/// Runs each operation as it would have run alone (not expected: joining
/// checks the mappings that planning relies on).
fn run_alone(device: &Device, nodes: &[MapNode]) -> Result<()> {
    nodes.iter().try_for_each(|n| launch_node(device, n))
}

/// Runs the segments of `plan`.
fn run_segments(
    device: &Device,
    nodes: &[MapNode],
    producer: &[Producers],
    plan: &Plan,
) -> Result<()> {
    for seg in &plan.segments {
        if let [one] = seg.as_slice() {
            launch_node(device, &nodes[*one])?;
            continue;
        }
        if let Err(e) = launch_segment(device, nodes, producer, plan, seg) {
            // A segment that reads the buffer it writes may have run in
            // part; otherwise running its operations one by one gives the
            // same result.
            let out = &nodes[*seg.last().unwrap_or(&0)].out;
            let rereads = seg
                .iter()
                .any(|&j| arrays(&nodes[j]).any(|(s, _, _)| Arc::ptr_eq(s, out)));
            if rereads {
                return Err(e);
            }
            for &j in seg {
                launch_node(device, &nodes[j])?;
            }
        }
    }
    Ok(())
}

impl Chain {
    /// Cuts the chain into segments: which outputs are stored, which
    /// nodes are computed at all. `refs` counts references to a buffer (by
    /// identity) held inside the chain besides its nodes' (a tail's); node
    /// `force` is stored whoever holds it. None when an input reads a
    /// chain buffer through another mapping than its writer's.
    fn plan(&self, refs: Option<(usize, usize)>, force: Option<usize>) -> Option<Plan> {
        if self.mismatch {
            return None;
        }
        let (nodes, producer) = (&self.nodes, &self.producer);
        let n = nodes.len();
        // An output is stored when someone outside the chain holds its
        // buffer (more references than the chain's own), unless a later
        // node overwrites it (joining guarantees through the same mapping,
        // so every element): `x += a; x *= 2` stores once.
        let mut alive = vec![false; n];
        for (i, m) in nodes.iter().enumerate() {
            let k = key(&m.out);
            let mut inside = self.buffers.get(&k).map_or(0, |s| s.refs);
            if let Some((rk, r)) = refs
                && rk == k
            {
                inside += r;
            }
            let held = Arc::strong_count(&m.out) > inside;
            alive[i] = (held && !self.overwritten[i]) || force == Some(i);
        }
        let needed = with_producers(producer, alive.clone());
        let order: Vec<usize> = (0..n).filter(|&j| needed[j]).collect();
        let mut stored = alive;
        loop {
            let (segments, seg_of) = cut(nodes, &order, producer, &mut stored);
            // A value used by a later segment must be stored.
            let mut forced = false;
            for &j in &order {
                for &i in producer[j].iter().flatten() {
                    if seg_of[i] != seg_of[j] && !stored[i] {
                        stored[i] = true;
                        forced = true;
                    }
                }
            }
            if !forced {
                return Some(Plan {
                    stored,
                    segments,
                    seg_of,
                });
            }
        }
    }
}

/// One greedy pass: a segment ends at a stored node, and before a node that
/// would take it past [`MAX_OPERANDS`], [`MAX_SEGMENT_SOURCE`] or the extra
/// metadata words, whose shape differs or whose helpers conflict (its last
/// node is then stored).
fn cut(
    nodes: &[MapNode],
    order: &[usize],
    producer: &[Producers],
    stored: &mut [bool],
) -> (Vec<Vec<usize>>, Vec<usize>) {
    let mut seg_of = vec![usize::MAX; nodes.len()];
    let mut segments: Vec<Vec<usize>> = Vec::new();
    let mut cur = Open::default();
    for &j in order {
        let seg = segments.len();
        let first = cur.nodes.first().copied();
        let fits = first.is_some_and(|f| {
            // One launch shape for the whole segment.
            nodes[f].out_layout.shape() == nodes[j].out_layout.shape()
                && cur.try_add(nodes, producer, &seg_of, seg, j)
        });
        if !cur.nodes.is_empty() && !fits {
            if let Some(&last) = cur.nodes.last() {
                stored[last] = true;
            }
            segments.push(std::mem::take(&mut cur).nodes);
        }
        let seg = segments.len();
        if cur.nodes.is_empty() {
            // A node alone always fits.
            cur.try_add(nodes, producer, &seg_of, seg, j);
        }
        seg_of[j] = seg;
        if stored[j] {
            segments.push(std::mem::take(&mut cur).nodes);
        }
    }
    if let Some(&last) = cur.nodes.last() {
        stored[last] = true;
        segments.push(cur.nodes);
    }
    (segments, seg_of)
}

/// The segment being built by [`cut`].
#[derive(Default)]
struct Open<'a> {
    nodes: Vec<usize>,
    /// Memory inputs: (buffer, dtype, layout).
    inputs: Vec<(usize, DType, &'a Layout)>,
    /// Distinct scalars (they share metadata words).
    scalars: Vec<(DType, u64)>,
    helpers: Helpers,
    source: usize,
}

impl<'a> Open<'a> {
    /// Adds node `j` when the segment's limits allow (a node alone is
    /// within them: at most 3 array inputs, 2 scalars; the source limit is
    /// for several).
    fn try_add(
        &mut self,
        nodes: &'a [MapNode],
        producer: &[Producers],
        seg_of: &[usize],
        seg: usize,
        j: usize,
    ) -> bool {
        let node = &nodes[j];
        let mut inputs: Vec<(usize, DType, &'a Layout)> = Vec::new();
        for ((s, d, l), p) in arrays(node).zip(&producer[j]) {
            let register = p.is_some_and(|i| seg_of[i] == seg);
            let k = (key(s), d, l);
            if !register && !self.inputs.contains(&k) && !inputs.contains(&k) {
                inputs.push(k);
            }
        }
        let mut scalars: Vec<(DType, u64)> = Vec::new();
        for i in &node.inputs {
            if let Input::Scalar { dtype, bits } = i
                && !self.scalars.contains(&(*dtype, *bits))
                && !scalars.contains(&(*dtype, *bits))
            {
                scalars.push((*dtype, *bits));
            }
        }
        let weight = node.text.expr.len() + node.text.helpers.len();
        let alone = self.nodes.is_empty();
        let fits = self.inputs.len() + inputs.len() < MAX_OPERANDS
            && 2 * (self.scalars.len() + scalars.len()) < MAX_EXTRA_WORDS
            && (alone || self.source + weight <= MAX_SEGMENT_SOURCE);
        if !fits || !(self.helpers.add(&node.text.helpers) || alone) {
            return false;
        }
        self.nodes.push(j);
        self.inputs.extend(inputs);
        self.scalars.extend(scalars);
        self.source += weight;
        true
    }
}

/// The operands of the nodes `seg` computed in one invocation: values of
/// producers for which `within` holds pass in registers, every other
/// array input is a memory input.
pub(super) struct Parts<'a> {
    /// Memory inputs in first-use order: (buffer, dtype, layout).
    pub(super) mem: Vec<(&'a Arc<Storage>, DType, &'a Layout)>,
    /// Each node's operands.
    pub(super) args: Vec<Vec<FusedArg>>,
    /// Each node's operand dtypes.
    pub(super) dtypes: Vec<Vec<DType>>,
    /// The extra metadata words: word 0 is the zero the chain's float
    /// values pass through, then the distinct scalars.
    pub(super) extra: Vec<u32>,
}

pub(super) fn parts<'a>(
    nodes: &'a [MapNode],
    producer: &[Producers],
    seg: &[usize],
    within: impl Fn(usize) -> bool,
) -> Parts<'a> {
    let mut mem: Vec<(&Arc<Storage>, DType, &Layout)> = Vec::new();
    let mut args: Vec<Vec<FusedArg>> = Vec::with_capacity(seg.len());
    let mut dtypes: Vec<Vec<DType>> = Vec::with_capacity(seg.len());
    let mut extra: Vec<u32> = vec![0];
    let mut scalars: Vec<(DType, u64)> = Vec::new();
    for &j in seg {
        let mut a = Vec::new();
        let mut d = Vec::new();
        let mut arrays_seen = 0;
        for inp in &nodes[j].inputs {
            match inp {
                Input::Array {
                    dtype,
                    storage,
                    layout,
                } => {
                    let p = producer[j][arrays_seen];
                    arrays_seen += 1;
                    d.push(*dtype);
                    match p.filter(|&i| within(i)) {
                        Some(i) => {
                            // `seg` is in chain order.
                            let pos = seg.binary_search(&i).unwrap_or(0);
                            a.push(FusedArg::Node(pos));
                        }
                        None => {
                            let k = match mem.iter().position(|(m, md, ml)| {
                                Arc::ptr_eq(m, storage) && md == dtype && *ml == layout
                            }) {
                                Some(k) => k,
                                None => {
                                    mem.push((storage, *dtype, layout));
                                    mem.len() - 1
                                }
                            };
                            a.push(FusedArg::Input(k));
                        }
                    }
                }
                Input::Scalar { dtype, bits } => {
                    d.push(*dtype);
                    // Equal scalars share their words.
                    let word = match scalars.iter().position(|x| *x == (*dtype, *bits)) {
                        Some(k) => 1 + 2 * k,
                        None => {
                            scalars.push((*dtype, *bits));
                            extra.extend(codegen::scalar_words(*dtype, *bits));
                            extra.len() - 2
                        }
                    };
                    a.push(FusedArg::Scalar {
                        dtype: *dtype,
                        word,
                    });
                }
            }
        }
        args.push(a);
        dtypes.push(d);
    }
    Parts {
        mem,
        args,
        dtypes,
        extra,
    }
}

impl Parts<'_> {
    /// The fused nodes of `seg` (as given to [`parts`]).
    pub(super) fn nodes<'n>(&'n self, nodes: &'n [MapNode], seg: &[usize]) -> Vec<FusedNode<'n>> {
        seg.iter()
            .enumerate()
            .map(|(k, &j)| FusedNode {
                name: &nodes[j].text.name,
                expr: &nodes[j].text.expr,
                arg_dtypes: &self.dtypes[k],
                args: &self.args[k],
                out: nodes[j].out_dtype,
            })
            .collect()
    }
}

/// Launches segment `seg` as one fused kernel.
fn launch_segment(
    device: &Device,
    nodes: &[MapNode],
    producer: &[Producers],
    plan: &Plan,
    seg: &[usize],
) -> Result<()> {
    let last = &nodes[*seg.last().unwrap_or(&0)];
    let out_store = &last.out;
    let s = plan.seg_of[seg[0]];
    let parts = parts(nodes, producer, seg, |i| plan.seg_of[i] == s);
    let mut helpers = Helpers::default();
    for &j in seg {
        helpers.add(&nodes[j].text.helpers);
    }
    let mut b = MapBindings::new(out_store, parts.mem.iter().map(|m| m.0));
    let map_inputs: Vec<MapInput> = parts
        .mem
        .iter()
        .map(|&(s, d, l)| b.input(s, d, l))
        .collect();
    let out_binding = b.finish(last.out_dtype, &last.out_layout);
    let fnodes = parts.nodes(nodes, seg);
    let program = fused::fused(&fnodes, &map_inputs, &b.bindings, out_binding, &helpers);
    device.launch(&Launch {
        op: last.op,
        program: &program,
        shape: last.out_layout.shape(),
        buffers: &b.buffers,
        operands: &b.operands,
        scalars: [0; 4],
        extra: &parts.extra,
    })
}
