//! The element-wise engine: operands and their broadcasting, staging of
//! overlapping inputs, order-'K' outputs, and the launch of a map kernel.

use super::*;

/// A type-erased input of a map.
#[derive(Clone)]
pub(super) enum Input {
    Array {
        dtype: DType,
        storage: Arc<Storage>,
        /// Already broadcast to the output shape.
        layout: Layout,
    },
    Scalar {
        dtype: DType,
        bits: u64,
    },
}

impl Input {
    pub(super) fn of<T: Element>(
        op: &'static str,
        o: Operand<'_, T>,
        shape: &[usize],
    ) -> Result<Input> {
        Ok(match o {
            Operand::Array(a) => Input::Array {
                dtype: T::DTYPE,
                storage: a.storage().clone(),
                layout: a
                    .layout()
                    .broadcast_to(shape)
                    .map_err(|_| Error::BroadcastShapes {
                        op,
                        a: a.shape().into(),
                        b: shape.into(),
                    })?,
            },
            Operand::Scalar(v) => Input::Scalar {
                dtype: T::DTYPE,
                bits: v.to_bits(),
            },
        })
    }
}

pub(super) fn shape_of<'a, T: Element>(o: &Operand<'a, T>) -> Option<&'a [usize]> {
    match o {
        Operand::Array(a) => Some(a.shape()),
        Operand::Scalar(_) => None,
    }
}

pub(super) fn device_of<'a, T: Element>(o: &Operand<'a, T>) -> Option<&'a Device> {
    match o {
        Operand::Array(a) => Some(a.device()),
        Operand::Scalar(_) => None,
    }
}

/// The broadcast shape of some operands (scalars count as 0-d).
pub(super) fn result_shape(op: &'static str, shapes: &[Option<&[usize]>]) -> Result<Vec<usize>> {
    let mut out: Vec<usize> = Vec::new();
    for s in shapes.iter().flatten() {
        out = broadcast_shapes(&out, s)
            .map_err(|_| Error::BroadcastShapes {
                op,
                a: out.as_slice().into(),
                b: (*s).into(),
            })?
            .to_vec();
    }
    Ok(out)
}

/// A fresh contiguous layout of `shape` whose axes are in the memory order
/// of `template` (NumPy's `order='K'` for a ufunc output: `a.T + 1` is
/// F-contiguous like `a.T`). Zero-stride and length-1 axes do not vote.
pub(super) fn layout_like(shape: &[usize], template: Option<&Layout>) -> Result<Layout> {
    let Some(t) = template else {
        return Layout::contiguous(shape, Order::C);
    };
    let nd = shape.len();
    let mut perm: Vec<usize> = (0..nd).collect();
    // Outermost first: larger |stride| first; axes that do not vote keep
    // their relative place by sorting with key 0 only among themselves.
    let key = |k: usize| {
        if shape[k] <= 1 || t.strides()[k] == 0 {
            None
        } else {
            Some(t.strides()[k].unsigned_abs())
        }
    };
    if (0..nd).filter_map(key).count() < 2 {
        return Layout::contiguous(shape, Order::C);
    }
    perm.sort_by(|&a, &b| match (key(a), key(b)) {
        (Some(x), Some(y)) => y.cmp(&x),
        _ => a.cmp(&b),
    });
    let permuted: Vec<usize> = perm.iter().map(|&k| shape[k]).collect();
    let c = Layout::contiguous(&permuted, Order::C)?;
    let mut strides = vec![0isize; nd];
    for (pos, &k) in perm.iter().enumerate() {
        strides[k] = c.strides()[pos];
    }
    Layout::new(shape, &strides, 0)
}

/// Copies an array input into a fresh C-contiguous buffer (used when it
/// overlaps the destination in a way one kernel cannot handle).
pub(super) fn stage(device: &Device, op: &'static str, input: &Input) -> Result<Input> {
    let Input::Array {
        dtype,
        storage,
        layout,
    } = input
    else {
        return Ok(input.clone());
    };
    crate::layout::bounds::check_shape(op, layout.shape(), dtype.itemsize())?;
    let fresh = Layout::contiguous(layout.shape(), Order::C)?;
    let tmp = device.alloc_uninit(op, (fresh.size() * dtype.itemsize()) as u64)?;
    device.launch(&Launch {
        op,
        program: &codegen::copy(*dtype, false),
        shape: layout.shape(),
        buffers: &[storage, &tmp],
        operands: &[(layout.strides(), layout.offset()), (fresh.strides(), 0)],
        scalars: [0; 4],
        extra: &[],
    })?;
    Ok(Input::Array {
        dtype: *dtype,
        storage: tmp,
        layout: fresh,
    })
}

/// Runs `expr` over `inputs` into `out` (whose shape the inputs are
/// broadcast to already). `name` identifies `expr` and `helpers`. With
/// fusion on, the operation may be kept for a fused kernel instead
/// (`fusion.rs`); everything that can fail on the host has been checked
/// by then.
pub(super) fn run_map<U: Element>(
    op: &'static str,
    name: &str,
    inputs: &[Input],
    out: &Array<U>,
    expr: &str,
    helpers: &str,
) -> Result<()> {
    let text = OpText {
        name: name.into(),
        expr: expr.into(),
        helpers: helpers.into(),
    };
    run_map_text(op, &text, inputs, out)
}

/// The WGSL of one operation: the name identifying its expression and
/// helpers (with the operand dtypes), the expression and the helpers.
/// Shared, so that a cached one (`exprs::binary_text`, `unary_text`) is
/// kept by a node without copying its strings.
#[derive(Debug, Clone)]
pub(super) struct OpText {
    pub name: Arc<str>,
    pub expr: Arc<str>,
    pub helpers: Arc<str>,
}

/// [`run_map`] with the operation's text already shared.
pub(super) fn run_map_text<U: Element>(
    op: &'static str,
    text: &OpText,
    inputs: &[Input],
    out: &Array<U>,
) -> Result<()> {
    let device = out.device();
    let out_store = out.storage();
    let mut staged: Vec<Input> = Vec::with_capacity(inputs.len());
    for inp in inputs {
        if let Input::Array {
            dtype,
            storage,
            layout,
        } = inp
        {
            if storage.device != *device {
                return Err(Error::DeviceMismatch { op });
            }
            if Arc::ptr_eq(storage, out_store) && layout != out.layout() {
                // Same buffer, not element for element: if the elements
                // overlap, the input must be read in full first.
                if overlap::must_stage(out.layout(), U::DTYPE.itemsize(), layout, dtype.itemsize())
                {
                    staged.push(stage(device, op, inp)?);
                    continue;
                }
            }
        }
        staged.push(inp.clone());
    }
    if out.size() == 0 {
        return Ok(());
    }
    let node = MapNode {
        op,
        text: text.clone(),
        inputs: staged,
        out: out.storage().clone(),
        out_layout: out.layout().clone(),
        out_dtype: U::DTYPE,
    };
    if device.fusion_enabled() && super::fusion::fusable(device, &node) {
        return super::fusion::keep(device, node);
    }
    launch_node(device, &node)
}

/// `node`'s own program: its map over its bindings (the output's last;
/// inputs in the output's buffer share its binding), with each operand's
/// (strides, offset), the buffers and the scalar slots.
pub(super) struct NodeProgram<'a> {
    pub program: Arc<codegen::Program>,
    pub buffers: Vec<&'a Storage>,
    pub operands: Vec<(&'a [isize], usize)>,
    pub scalars: [u32; 4],
}

/// One element-wise operation, ready to launch: its inputs checked and
/// staged, its output allocated or checked.
pub(super) struct MapNode {
    pub op: &'static str,
    pub text: OpText,
    pub inputs: Vec<Input>,
    pub out: Arc<Storage>,
    pub out_layout: Layout,
    pub out_dtype: DType,
}

/// Launches `node` as a kernel of its own.
pub(super) fn launch_node(device: &Device, node: &MapNode) -> Result<()> {
    let p = node_program(node)?;
    device.launch(&Launch {
        op: node.op,
        program: &p.program,
        shape: node.out_layout.shape(),
        buffers: &p.buffers,
        operands: &p.operands,
        scalars: p.scalars,
        extra: &[],
    })
}

/// The device features `node`'s own program needs, checked as its launch
/// would (a kept node must fail where it would have failed alone).
pub(super) fn check_node_features(device: &Device, node: &MapNode) -> Result<()> {
    let dtypes = node.inputs.iter().map(|i| match i {
        Input::Array { dtype, .. } | Input::Scalar { dtype, .. } => *dtype,
    });
    if dtypes
        .chain([node.out_dtype])
        .all(|d| d.feature().is_none())
    {
        return Ok(());
    }
    node_program(node)?
        .program
        .check_features(node.op, |f| device.has_feature(f))
}

fn node_program(node: &MapNode) -> Result<NodeProgram<'_>> {
    let op = node.op;
    let arrays = node.inputs.iter().filter_map(|i| match i {
        Input::Array { storage, .. } => Some(storage),
        Input::Scalar { .. } => None,
    });
    let mut b = MapBindings::new(&node.out, arrays);
    let mut map_inputs = Vec::with_capacity(node.inputs.len());
    let mut scalars = [0u32; 4];
    let mut slot = 0;
    for inp in &node.inputs {
        match inp {
            Input::Array {
                dtype,
                storage,
                layout,
            } => map_inputs.push(b.input(storage, *dtype, layout)),
            Input::Scalar { dtype, bits } => {
                if slot >= 4 {
                    return Err(Error::InvalidArgument {
                        op,
                        reason: "more than two scalar operands".into(),
                    });
                }
                let words = codegen::scalar_words(*dtype, *bits);
                scalars[slot] = words[0];
                scalars[slot + 1] = words[1];
                map_inputs.push(MapInput::Scalar {
                    dtype: *dtype,
                    slot,
                });
                slot += 2;
            }
        }
    }
    let out_binding = b.finish(node.out_dtype, &node.out_layout);
    let program = codegen::map(
        &node.text.name,
        &map_inputs,
        &b.bindings,
        out_binding,
        &node.text.expr,
        &node.text.helpers,
    );
    Ok(NodeProgram {
        program,
        buffers: b.buffers,
        operands: b.operands,
        scalars,
    })
}

/// The data bindings of a map writing `out`, built input by input: each
/// array input gets a read binding of its own, except one in the output's
/// buffer, which shares the output's binding (bound last).
pub(super) struct MapBindings<'a> {
    out: &'a Arc<Storage>,
    out_binding: usize,
    pub bindings: Vec<Binding>,
    pub buffers: Vec<&'a Storage>,
    /// (strides, offset) per operand, the output's last.
    pub operands: Vec<(&'a [isize], usize)>,
}

impl<'a> MapBindings<'a> {
    /// For a map whose array inputs live in `inputs` (with repeats).
    pub(super) fn new<'i>(
        out: &'a Arc<Storage>,
        inputs: impl Iterator<Item = &'i Arc<Storage>>,
    ) -> MapBindings<'a> {
        let out_binding = inputs.filter(|s| !Arc::ptr_eq(s, out)).count();
        MapBindings {
            out,
            out_binding,
            bindings: Vec::with_capacity(out_binding + 1),
            buffers: Vec::with_capacity(out_binding + 1),
            operands: Vec::new(),
        }
    }

    /// The next array input, as the map sees it.
    pub(super) fn input(
        &mut self,
        storage: &'a Arc<Storage>,
        dtype: DType,
        layout: &'a Layout,
    ) -> MapInput {
        let binding = if Arc::ptr_eq(storage, self.out) {
            self.out_binding
        } else {
            self.bindings.push(Binding {
                dtype,
                access: Access::Read,
            });
            self.buffers.push(storage);
            self.bindings.len() - 1
        };
        self.operands.push((layout.strides(), layout.offset()));
        MapInput::Array { dtype, binding }
    }

    /// Adds the output, of `dtype` through `layout`; its binding index.
    pub(super) fn finish(&mut self, dtype: DType, layout: &'a Layout) -> usize {
        self.bindings.push(Binding {
            dtype,
            access: Access::Write,
        });
        self.buffers.push(self.out);
        self.operands.push((layout.strides(), layout.offset()));
        self.out_binding
    }
}

/// Allocates the output of an operation over `inputs` (NumPy's order 'K'
/// from the first array input that is not broadcast) or checks a given
/// `out` (writeable, same device, the broadcast shape).
pub(super) fn output<U: Element>(
    op: &'static str,
    device: &Device,
    shape: &[usize],
    inputs: &[Input],
    out: Option<&Array<U>>,
) -> Result<Array<U>> {
    match out {
        Some(o) => {
            o.check_writeable(op)?;
            o.check_device(op, device)?;
            if o.shape() != shape {
                return Err(Error::ShapeMismatch {
                    op,
                    a: o.shape().into(),
                    b: shape.into(),
                });
            }
            Ok(o.clone())
        }
        None => {
            let template = inputs.iter().find_map(|i| match i {
                Input::Array { layout, .. } if !layout.has_zero_stride() => Some(layout),
                _ => None,
            });
            let layout = layout_like(shape, template)?;
            // The op writes every element.
            let fresh = Array::<U>::alloc_uninit(device, op, shape, Order::C)?;
            Ok(Array::owner(fresh.storage().clone(), layout))
        }
    }
}

/// The device of the first array operand, or an error when there is none.
pub(super) fn pick_device<'a>(
    op: &'static str,
    devices: &[Option<&'a Device>],
) -> Result<&'a Device> {
    devices
        .iter()
        .flatten()
        .next()
        .copied()
        .ok_or(Error::InvalidArgument {
            op,
            reason: "at least one operand must be an array".into(),
        })
}

pub(super) fn unsupported(op: &'static str, d: DType, reason: &'static str) -> Error {
    Error::DTypeNotSupported {
        op,
        dtype: d.name(),
        reason,
    }
}
