//! Matrix products with NumPy's semantics: [`matmul`] (`np.matmul`, the `@`
//! operator) and [`dot`] (`np.dot`).
//!
//! Every operand is read where it lies: a transposed view, a slice with
//! steps, a negative stride, a broadcast (zero-stride) batch axis, an
//! offset. The kernels take each operand's batch strides, row stride, K
//! stride and offset as data (metadata table in `shaders/matmul_common.wgsl`),
//! so `a.t()` is never copied and one compiled pipeline serves every shape
//! and layout of a dtype.
//!
//! Two kernels (see `shaders/matmul_direct.wgsl` and
//! `shaders/matmul_tiled.wgsl`):
//!
//! - *direct*: each invocation accumulates a 4x8 block of C in registers
//!   (16x16 invocations per workgroup; 4x4 and 8x8 for outputs under
//!   64x128), reading A and B straight from memory; no workgroup memory, no
//!   barrier.
//! - *tiled*: 16x16 invocations stage 64x16 panels of A and B in workgroup
//!   memory and each accumulates a 4x4 block from them, two barriers per
//!   16 steps of K.
//!
//! [`MatmulKernel::Auto`] picks per adapter: on a CPU adapter (lavapipe,
//! where a barrier costs a coroutine switch of the whole workgroup and
//! "workgroup memory" is ordinary cached memory) the direct kernel, which
//! measured faster there for every shape tried (figures in the module's
//! `choose` function); on a real GPU the tiled one, whose staging is what
//! GPUs' memory hierarchies reward.
//!
//! Launch planning: each dispatch binds only the window of each buffer it
//! touches. A problem whose A, B or C window exceeds the storage-binding
//! limit is split recursively (batch axes first by their reach, then M or N,
//! and K last); the K chunks after the first add into C (`accumulate`
//! metadata flag), so a transposed operand larger than the binding limit is
//! still read in place.

use std::sync::Arc;

use crate::array::Array;
use crate::kernels::codegen::{self, Access, Binding, Mode, Program};
use crate::runtime::Storage;
use crate::dtype::{DType, Element};
use crate::error::{Error, Result};
use crate::kernels::{META_WORDS, meta_stride, meta_u32};
use crate::runtime::{Dispatch, Window};
use crate::layout::{Order, broadcast_shapes, coalesce};

/// Which matmul kernel to run (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MatmulKernel {
    /// Chosen per adapter by measurement: direct on CPU adapters, tiled
    /// elsewhere.
    #[default]
    Auto,
    /// Register blocks read straight from memory, no workgroup memory.
    Direct,
    /// Panels staged through workgroup memory.
    Tiled,
}

/// Most K one dispatch sums. llvmpipe (lavapipe) ends an invocation's
/// loops after 65535 iterations in all (a silent wrong answer past that),
/// and the kernels' K loops take 8 (direct) or 16 (tiled) steps per
/// iteration, so 2^18 keeps them at 32768 iterations or fewer; longer sums
/// run as several dispatches that add into C.
const MAX_K: usize = 1 << 18;
/// K steps per iteration of the direct kernel's main loop.
const DIRECT_KU: u32 = 8;
/// Words before the batch part of the metadata (`MM_HEADER` in the shader).
const HEADER: usize = 20;
/// Register block per invocation (rows, columns) of the tiled kernel.
const RM: u32 = 4;
const RN: u32 = 4;
/// Register block of the direct kernel and its workgroup shape (x, y):
/// 16 x 16 invocations of 4 x 8 outputs, a 64 x 128 tile of C. Measured on
/// lavapipe against 4x4/8x8, 4x4/16x16, 4x4/32x8, 8x4/16x16, 8x8/8x8 and
/// 8x8/16x16 (see `choose`).
const DIRECT_RB: (u32, u32) = (4, 8);
const DIRECT_WG: (u32, u32) = (16, 16);
/// The direct kernel for products with fewer than 64 rows or 128 columns
/// (matrix-vector products, long thin sums): 8 x 8 invocations of 4 x 4,
/// a 32 x 32 tile, so that an output of a few columns does not run 256
/// invocations through the whole K loop for nothing.
const DIRECT_SMALL_RB: (u32, u32) = (4, 4);
const DIRECT_SMALL_WG: (u32, u32) = (8, 8);
/// Workgroup shape of the tiled kernel (16 x 16, a 64 x 64 tile) and its
/// K step.
const TILED_WG: (u32, u32) = (16, 16);
const TILED_TK: u32 = 16;

// ----- public API ------------------------------------------------------------------

/// NumPy's `np.matmul(a, b)` (`a @ b`).
///
/// - 2-D operands: the matrix product, shape `(M, K) @ (K, N) -> (M, N)`.
/// - A 1-D `a` is promoted to `(1, K)` and a 1-D `b` to `(K, 1)`; the added
///   axis is removed from the result (`(K,) @ (K,)` is 0-d).
/// - Operands of more than two axes are stacks of matrices in their last
///   two axes; the batch axes broadcast (`(2, 1, 3, 4) @ (5, 4, 2)` is
///   `(2, 5, 3, 2)`).
/// - 0-d operands are an error, as in NumPy.
///
/// Floats accumulate in their compute type (`f16` in `f32`, rounded once
/// at the end); integers wrap as NumPy's do; `bool` is the logical
/// or-of-ands, as NumPy's.
///
/// ```
/// # let dev = ndgpu::Device::new().unwrap();
/// use ndgpu::Array;
/// let a = Array::from_slice(&dev, &[1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3]).unwrap();
/// // a @ a.T, reading the transposed view in place
/// let c = ndgpu::matmul(&a, &a.t()).unwrap();
/// assert_eq!(c.shape(), &[2, 2]);
/// assert_eq!(c.to_vec().unwrap(), vec![14.0, 32.0, 32.0, 77.0]);
/// ```
pub fn matmul<T: Element>(a: &Array<T>, b: &Array<T>) -> Result<Array<T>> {
    matmul_with(a, b, MatmulKernel::Auto)
}

/// [`matmul`] with an explicit kernel choice (for benchmarks and tests).
pub fn matmul_with<T: Element>(
    a: &Array<T>,
    b: &Array<T>,
    kernel: MatmulKernel,
) -> Result<Array<T>> {
    let op = "matmul";
    a.check_device(op, b.device())?;
    let (p, out_shape) = matmul_problem(op, a, b)?;
    run(op, a, b, p, &out_shape, kernel)
}

/// NumPy's `np.dot(a, b)`.
///
/// - 1-D · 1-D: the inner product (a 0-d array).
/// - 2-D · 2-D: the matrix product.
/// - N-D · 1-D: the sum product over the last axis of `a` and `b`.
/// - N-D · M-D (M >= 2): the sum product over the last axis of `a` and the
///   second-to-last of `b`: shape `a.shape[:-1] + b.shape[:-2] +
///   b.shape[-1:]` (no broadcasting, unlike [`matmul`]).
/// - a 0-d operand: the element-wise product, broadcast (NumPy's scalar
///   multiply).
pub fn dot<T: Element>(a: &Array<T>, b: &Array<T>) -> Result<Array<T>> {
    dot_with(a, b, MatmulKernel::Auto)
}

/// [`dot`] with an explicit kernel choice.
pub fn dot_with<T: Element>(a: &Array<T>, b: &Array<T>, kernel: MatmulKernel) -> Result<Array<T>> {
    let op = "dot";
    a.check_device(op, b.device())?;
    if a.ndim() == 0 || b.ndim() == 0 {
        let product = crate::ops::binary(crate::ops::BinaryOp::Mul, a, b, None)?;
        return Ok(product.expect("a new array"));
    }
    let (p, out_shape) = dot_problem(op, a, b)?;
    run(op, a, b, p, &out_shape, kernel)
}

impl<T: Element> Array<T> {
    /// `self @ other`: see [`matmul`].
    pub fn matmul(&self, other: &Array<T>) -> Result<Array<T>> {
        matmul(self, other)
    }

    /// `np.dot(self, other)`: see [`dot`].
    pub fn dot(&self, other: &Array<T>) -> Result<Array<T>> {
        dot(self, other)
    }
}

// ----- the problem: shapes and strides -------------------------------------------------

/// A batched product `C[z, i, j] = sum_k A[z, i, k] * B[z, k, j]` with every
/// operand given by strides and offsets (in elements); C's strides are
/// filled in by [`run`] from the output's layout.
#[derive(Debug, Clone)]
struct Problem {
    batch: Vec<usize>,
    /// Batch strides of A, B, C (C's filled by `run`).
    bstrides: [Vec<isize>; 3],
    m: usize,
    n: usize,
    k: usize,
    /// A: row, K; B: K, column.
    a: (isize, isize),
    b: (isize, isize),
    /// Which axes of the output (in its own shape) the batch axes, M and N
    /// are: `None` for an axis removed (1-D operand).
    out_batch_axes: Vec<usize>,
    out_m_axis: Option<usize>,
    out_n_axis: Option<usize>,
}

fn not_enough_dims(op: &'static str, which: usize) -> Error {
    Error::InvalidArgument {
        op,
        reason: format!(
            "input operand {which} does not have enough dimensions (has 0, \
             gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)"
        ),
    }
}

fn matmul_problem<T: Element>(
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

fn dot_problem<T: Element>(
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

// ----- kernels -----------------------------------------------------------------------

/// The WGSL pieces that depend on the dtype: compute type, the type staged
/// in workgroup memory, multiply-accumulate and add.
fn type_header(d: DType) -> String {
    let ct = d.compute_type();
    if d == DType::Bool {
        format!(
            "alias MM_CT = {ct};\nalias MM_WT = u32;\n\
             fn mm_towg(v: MM_CT) -> MM_WT {{ return select(0u, 1u, v); }}\n\
             fn mm_fromwg(v: MM_WT) -> MM_CT {{ return v != 0u; }}\n\
             fn mm_mac(acc: MM_CT, a: MM_CT, b: MM_CT) -> MM_CT {{ return acc || (a && b); }}\n\
             fn mm_add(x: MM_CT, y: MM_CT) -> MM_CT {{ return x || y; }}\n"
        )
    } else {
        format!(
            "alias MM_CT = {ct};\nalias MM_WT = {ct};\n\
             fn mm_towg(v: MM_CT) -> MM_WT {{ return v; }}\n\
             fn mm_fromwg(v: MM_WT) -> MM_CT {{ return v; }}\n\
             fn mm_mac(acc: MM_CT, a: MM_CT, b: MM_CT) -> MM_CT {{ return acc + a * b; }}\n\
             fn mm_add(x: MM_CT, y: MM_CT) -> MM_CT {{ return x + y; }}\n"
        )
    }
}

/// The generated pieces of a kernel body (see the templates).
struct Unrolled {
    decls: String,
    /// One K step (direct: the remainder loop).
    step: String,
    /// Direct: `DIRECT_KU` K steps; tiled: the `TILED_TK` steps of a panel.
    step_u: String,
    /// Tiled: staging of the panels.
    loads: String,
    stores: String,
}

/// Unrolled declarations, K steps, panel loads and stores for an
/// `rm x rn` register block.
fn unrolled(rm: u32, rn: u32, tiled: bool) -> Unrolled {
    let mut decls = String::new();
    let mut stores = String::new();
    for i in 0..rm {
        let pitch = if tiled { "MM_WGY" } else { "rpitch" };
        decls.push_str(&format!("    let r{i} = row0 + {i}u * {pitch};\n"));
        if !tiled {
            decls.push_str(&format!(
                "    var pa{i} = d.base.x + i32(min(r{i}, d.m - 1u)) * d.sar;\n"
            ));
        }
    }
    for j in 0..rn {
        let pitch = if tiled { "MM_WGX" } else { "cpitch" };
        decls.push_str(&format!("    let c{j} = col0 + {j}u * {pitch};\n"));
        if !tiled {
            decls.push_str(&format!(
                "    var pb{j} = d.base.y + i32(min(c{j}, d.n - 1u)) * d.sbn;\n"
            ));
        }
    }
    for i in 0..rm {
        for j in 0..rn {
            decls.push_str(&format!("    var acc{i}_{j} = MM_CT();\n"));
        }
    }
    // One K step; `kq` is the panel row for the tiled kernel.
    let one = |kq: Option<u32>| -> String {
        let mut st = String::from("        {\n");
        for i in 0..rm {
            match kq {
                Some(q) => st.push_str(&format!(
                    "            let a{i} = mm_fromwg(mm_sa[{q}u * MM_BM + lid.y + {i}u * MM_WGY]);\n"
                )),
                None => st.push_str(&format!(
                    "            let a{i} = ld0(u32(pa{i}));\n            pa{i} = pa{i} + d.sak;\n"
                )),
            }
        }
        for j in 0..rn {
            match kq {
                Some(q) => st.push_str(&format!(
                    "            let b{j} = mm_fromwg(mm_sb[{q}u * MM_BN + lid.x + {j}u * MM_WGX]);\n"
                )),
                None => st.push_str(&format!(
                    "            let b{j} = ld1(u32(pb{j}));\n            pb{j} = pb{j} + d.sbk;\n"
                )),
            }
        }
        for i in 0..rm {
            for j in 0..rn {
                st.push_str(&format!(
                    "            acc{i}_{j} = mm_mac(acc{i}_{j}, a{i}, b{j});\n"
                ));
            }
        }
        st.push_str("        }\n");
        st
    };
    let (step, step_u, loads) = if tiled {
        let mut loads = String::new();
        let (wgx, wgy) = TILED_WG;
        let nt = wgx * wgy;
        let bm = wgy * rm;
        let bn = wgx * rn;
        // The A panel (MM_BM rows) and the B panel (MM_BN columns), each
        // staged by all MM_NT invocations, the last round guarded.
        for (width, wname, args, store) in [
            (
                bm,
                "MM_BM",
                "a_kfast, MM_BM, tr, d.m, k0, d.kk, d.base.x, d.sar, d.sak",
                "mm_sa[s.slot] = mm_towg(select(MM_CT(), ld0(u32(s.at)), s.ok));",
            ),
            (
                bn,
                "MM_BN",
                "b_kfast, MM_BN, tc, d.n, k0, d.kk, d.base.y, d.sbn, d.sbk",
                "mm_sb[s.slot] = mm_towg(select(MM_CT(), ld1(u32(s.at)), s.ok));",
            ),
        ] {
            for q in 0..(width * TILED_TK).div_ceil(nt) {
                let call = format!("let s = mm_stage(t + {q}u * MM_NT, {args}); {store}");
                loads.push_str(&if (q + 1) * nt > width * TILED_TK {
                    format!("        if (t + {q}u * MM_NT < {wname} * MM_TK) {{ {call} }}\n")
                } else {
                    format!("        {{ {call} }}\n")
                });
            }
        }
        let step_u: String = (0..TILED_TK).map(|q| one(Some(q))).collect();
        (String::new(), step_u, loads)
    } else {
        let step_u: String = (0..DIRECT_KU).map(|_| one(None)).collect();
        (one(None), step_u, String::new())
    };
    for i in 0..rm {
        for j in 0..rn {
            stores.push_str(&format!(
                "    if (r{i} < d.m && c{j} < d.n) {{\n        \
                 let at = u32(d.base.z + i32(r{i}) * d.scr + i32(c{j}) * d.scn);\n        \
                 var v = acc{i}_{j};\n        \
                 if (accumulate) {{ v = mm_add(v, ld2(at)); }}\n        \
                 st2(at, v);\n    }}\n"
            ));
        }
    }
    Unrolled {
        decls,
        step,
        step_u,
        loads,
        stores,
    }
}

/// A concrete kernel: its program and its work per workgroup.
struct KernelShape {
    program: Program,
    /// Rows and columns of C per workgroup.
    tile: (u32, u32),
}

fn kernel(d: DType, which: MatmulKernel, small: bool) -> KernelShape {
    let tiled = which == MatmulKernel::Tiled;
    let (wgx, wgy) = match (tiled, small) {
        (true, _) => TILED_WG,
        (false, false) => DIRECT_WG,
        (false, true) => DIRECT_SMALL_WG,
    };
    let template = if tiled {
        include_str!("../shaders/matmul_tiled.wgsl")
    } else {
        include_str!("../shaders/matmul_direct.wgsl")
    };
    let (rm, rn) = match (tiled, small) {
        (true, _) => (RM, RN),
        (false, false) => DIRECT_RB,
        (false, true) => DIRECT_SMALL_RB,
    };
    let u = unrolled(rm, rn, tiled);
    let mut body = String::new();
    body.push_str(&format!(
        "const MM_WGX: u32 = {wgx}u;\nconst MM_WGY: u32 = {wgy}u;\n\
         const MM_RM: u32 = {rm}u;\nconst MM_RN: u32 = {rn}u;\n\
         const MM_TK: u32 = {TILED_TK}u;\nconst MM_KU: u32 = {DIRECT_KU}u;\n"
    ));
    body.push_str(&type_header(d));
    body.push_str(include_str!("../shaders/matmul_common.wgsl"));
    body.push_str(
        &template
            .replace("//DECLS", &u.decls)
            .replace("//STEPU", &u.step_u)
            .replace("//STEP", &u.step)
            .replace("//LOADS", &u.loads)
            .replace("//STORES", &u.stores),
    );
    let family = format!(
        "matmul_{}{wgx}x{wgy}_{rm}x{rn}",
        if tiled { "tiled" } else { "direct" }
    );
    let program = codegen::assemble(
        &family,
        Mode::Typed,
        &[
            Binding {
                dtype: d,
                access: Access::Read,
            },
            Binding {
                dtype: d,
                access: Access::Read,
            },
            Binding {
                dtype: d,
                access: Access::Write,
            },
        ],
        &[0, 1, 2],
        false,
        &body,
    );
    KernelShape {
        program,
        tile: (wgy * rm, wgx * rn),
    }
}

/// The kernel `Auto` runs on this adapter. Measured on lavapipe (llvmpipe
/// 15, 2 shared cores, best of 5 interleaved runs, f32): at 1024^2 the
/// direct kernel (4x8 blocks, 16x16) ran `a.t() @ b` in 267 ms (8.0
/// GFLOP/s) and the tiled one in 952 ms (2.3 GFLOP/s); at 512^2, 62 ms
/// against 225 ms. Each barrier suspends and resumes every invocation of
/// the workgroup as a coroutine there, and workgroup memory is ordinary
/// cached memory, so staging buys nothing. Other direct shapes tried at
/// 1024^2: 4x4/8x8 437 ms, 4x4/16x16 338 ms, 8x8/8x8 268 ms, 8x8/16x16
/// 253 ms (but slower at 512^2). So CPU adapters run direct; GPUs run
/// tiled (not measured here: no GPU).
fn choose(dev: &crate::Device, which: MatmulKernel) -> MatmulKernel {
    match which {
        MatmulKernel::Auto => {
            if dev.info().device_type == "Cpu" {
                MatmulKernel::Direct
            } else {
                MatmulKernel::Tiled
            }
        }
        k => k,
    }
}

/// Whether the direct kernel's rows (columns) of a register block are
/// consecutive ("blocked") rather than a workgroup side apart
/// ("interleaved"). Interleaved makes neighbouring invocations read
/// neighbouring elements; blocked keeps an invocation's rows of a
/// transposed A in one cache line. Measured on lavapipe at 512^2 (a.t() @ b
/// and its copy, all four combinations): within noise of each other, so
/// interleaved, which GPUs prefer. Kept as data (metadata words 16..19) so
/// the choice can be made per operand layout without a recompile.
const DIRECT_BLOCKED: (bool, bool) = (false, false);

// ----- launch planning ---------------------------------------------------------------

/// A piece of the problem that one dispatch computes.
#[derive(Debug, Clone)]
struct Block {
    batch: Vec<usize>,
    bstrides: [Vec<isize>; 3],
    /// Element offsets of A, B, C (absolute, in their buffers).
    off: [isize; 3],
    m: usize,
    n: usize,
    k: usize,
    /// A row, A K, B K, B column, C row, C column strides.
    s: [isize; 6],
    accumulate: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Axis {
    Batch(usize),
    M,
    N,
    K,
}

impl Block {
    /// (axis, length, stride of operand `o` along it) for each axis.
    fn axes(&self, o: usize) -> Vec<(Axis, usize, isize)> {
        let mut v: Vec<(Axis, usize, isize)> = (0..self.batch.len())
            .map(|t| (Axis::Batch(t), self.batch[t], self.bstrides[o][t]))
            .collect();
        match o {
            0 => {
                v.push((Axis::M, self.m, self.s[0]));
                v.push((Axis::K, self.k, self.s[1]));
            }
            1 => {
                v.push((Axis::K, self.k, self.s[2]));
                v.push((Axis::N, self.n, self.s[3]));
            }
            _ => {
                v.push((Axis::M, self.m, self.s[4]));
                v.push((Axis::N, self.n, self.s[5]));
            }
        }
        v
    }

    /// Smallest and largest element index operand `o` touches.
    fn span(&self, o: usize) -> (isize, isize) {
        let (lo, hi) = crate::layout::reach(self.axes(o).into_iter().map(|(_, len, st)| (len, st)));
        (self.off[o] + lo, self.off[o] + hi)
    }

    fn grid(&self, tile: (u32, u32)) -> [u64; 3] {
        [
            (self.n as u64).div_ceil(tile.1 as u64),
            (self.m as u64).div_ceil(tile.0 as u64),
            self.batch.iter().map(|&x| x as u64).product(),
        ]
    }

    fn len(&self, axis: Axis) -> usize {
        match axis {
            Axis::Batch(t) => self.batch[t],
            Axis::M => self.m,
            Axis::N => self.n,
            Axis::K => self.k,
        }
    }

    /// Splits `axis` at `at`; the second K half adds into C.
    fn split(&self, axis: Axis, at: usize) -> (Block, Block) {
        let mut x = self.clone();
        let mut y = self.clone();
        let at_i = at as isize;
        match axis {
            Axis::Batch(t) => {
                x.batch[t] = at;
                y.batch[t] -= at;
                for o in 0..3 {
                    y.off[o] += self.bstrides[o][t] * at_i;
                }
            }
            Axis::M => {
                x.m = at;
                y.m -= at;
                y.off[0] += self.s[0] * at_i;
                y.off[2] += self.s[4] * at_i;
            }
            Axis::N => {
                x.n = at;
                y.n -= at;
                y.off[1] += self.s[3] * at_i;
                y.off[2] += self.s[5] * at_i;
            }
            Axis::K => {
                x.k = at;
                y.k -= at;
                y.off[0] += self.s[1] * at_i;
                y.off[1] += self.s[2] * at_i;
                y.accumulate = true;
            }
        }
        (x, y)
    }
}

/// Splits `block` until every operand's span fits `max_span` elements and
/// the grid fits `maxdim` per dimension, pushing the pieces in an order
/// where each K chunk of an output region follows the one before it.
fn plan(block: Block, max_span: usize, maxdim: u32, tile: (u32, u32), out: &mut Vec<Block>) {
    let over = (0..3).find(|&o| {
        let (lo, hi) = block.span(o);
        (hi - lo + 1) as usize > max_span
    });
    let axis = match over {
        Some(o) => block
            .axes(o)
            .into_iter()
            .filter(|&(_, len, st)| len > 1 && st != 0)
            // K last: at equal reach prefer an axis that needs no
            // accumulation pass.
            .max_by_key(|&(ax, len, st)| (st.unsigned_abs() * (len - 1), ax != Axis::K))
            .map(|(ax, _, _)| ax),
        None => {
            let g = block.grid(tile);
            let max = maxdim as u64;
            if block.k > MAX_K {
                Some(Axis::K)
            } else if g[0] > max {
                Some(Axis::N)
            } else if g[1] > max {
                Some(Axis::M)
            } else if g[2] > max {
                (0..block.batch.len())
                    .max_by_key(|&t| block.batch[t])
                    .map(Axis::Batch)
            } else {
                out.push(block);
                return;
            }
        }
    };
    match axis {
        Some(ax) => {
            let len = block.len(ax);
            // Split M and N on tile boundaries so no workgroup is wasted.
            let half = match ax {
                Axis::M if len > tile.0 as usize => {
                    (len / 2).div_ceil(tile.0 as usize) * tile.0 as usize
                }
                Axis::N if len > tile.1 as usize => {
                    (len / 2).div_ceil(tile.1 as usize) * tile.1 as usize
                }
                _ => len / 2,
            }
            .clamp(1, len - 1);
            let (x, y) = block.split(ax, half);
            plan(x, max_span, maxdim, tile, out);
            plan(y, max_span, maxdim, tile, out);
        }
        // Unreachable: a single element always fits.
        None => out.push(block),
    }
}

fn run<T: Element>(
    op: &'static str,
    a: &Array<T>,
    b: &Array<T>,
    mut p: Problem,
    out_shape: &[usize],
    which: MatmulKernel,
) -> Result<Array<T>> {
    let dev = a.device().clone();
    let c = Array::<T>::alloc(&dev, op, out_shape, Order::C)?;
    // Empty output: nothing to compute. K = 0: the sum of nothing is zero,
    // and new buffers are zeroed.
    if c.size() == 0 || p.k == 0 {
        dev.check_lost()?;
        return Ok(c);
    }
    let cst = c.strides();
    for (t, &ax) in p.out_batch_axes.iter().enumerate() {
        p.bstrides[2][t] = cst[ax];
    }
    let c_rs = p.out_m_axis.map_or(0, |ax| cst[ax]);
    let c_cs = p.out_n_axis.map_or(0, |ax| cst[ax]);

    // Merge batch axes (dropping length-1 ones) where all three step as one.
    let (batch, merged) = coalesce(&p.batch, &[&p.bstrides[0], &p.bstrides[1], &p.bstrides[2]]);
    let whole = Block {
        batch: batch.to_vec(),
        bstrides: [merged[0].to_vec(), merged[1].to_vec(), merged[2].to_vec()],
        off: [
            a.offset() as isize,
            b.offset() as isize,
            c.offset() as isize,
        ],
        m: p.m,
        n: p.n,
        k: p.k,
        s: [p.a.0, p.a.1, p.b.0, p.b.1, c_rs, c_cs],
        accumulate: false,
    };

    let which = choose(&dev, which);
    let small = p.m < 64 || p.n < 128;
    let ks = kernel(T::DTYPE, which, small);
    let info = dev.info();
    let align = info.min_storage_buffer_offset_alignment.max(4) as usize;
    let max_bind = info.max_storage_buffer_binding_size as usize;
    let isz = T::DTYPE.itemsize();
    // Capped so that stepped strides fit the i32 metadata (as the launcher).
    let max_span = (max_bind.saturating_sub(align + 4) / isz).min(i32::MAX as usize);
    if max_span == 0 {
        return Err(Error::LimitExceeded {
            op,
            what: "storage binding size in bytes",
            requested: (align + 4 + isz) as u64,
            limit: max_bind as u64,
        });
    }
    if HEADER + 4 * whole.batch.len() > META_WORDS {
        return Err(Error::LimitExceeded {
            op,
            what: "batch axes after merging",
            requested: whole.batch.len() as u64,
            limit: ((META_WORDS - HEADER) / 4) as u64,
        });
    }
    let mut blocks = Vec::new();
    plan(
        whole,
        max_span,
        info.max_compute_workgroups_per_dimension.max(1),
        ks.tile,
        &mut blocks,
    );
    let storages: [&Arc<Storage>; 3] = [a.storage(), b.storage(), c.storage()];
    let mut dispatches = Vec::with_capacity(blocks.len());
    for blk in &blocks {
        let windows: Vec<Window<'_>> = (0..3)
            .map(|o| {
                let (lo, hi) = blk.span(o);
                dev.window(
                    storages[o],
                    lo as u64 * isz as u64,
                    (hi as u64 + 1) * isz as u64,
                )
            })
            .collect();
        let nb = blk.batch.len();
        let mut meta = vec![0u32; HEADER + 4 * nb];
        meta[0] = meta_u32(op, "rows", blk.m)?;
        meta[1] = meta_u32(op, "columns", blk.n)?;
        meta[2] = meta_u32(op, "summed length", blk.k)?;
        meta[3] = blk.accumulate as u32;
        meta[4] = nb as u32;
        for o in 0..3 {
            let base = (windows[o].start / isz as u64) as isize;
            meta[5 + o] = meta_u32(op, "offset in a binding window", blk.off[o] - base)?;
        }
        // The strides of A's rows and columns, B's, C's (lengths m, k; k, n; m, n).
        let lens = [blk.m, blk.k, blk.k, blk.n, blk.m, blk.n];
        for ((w, &s), &len) in meta[8..14].iter_mut().zip(&blk.s).zip(&lens) {
            *w = meta_stride(op, len, s)?;
        }
        // Stage panels along the operand's contiguous direction.
        meta[14] = (blk.s[1].unsigned_abs() <= blk.s[0].unsigned_abs()) as u32;
        meta[15] = (blk.s[2].unsigned_abs() <= blk.s[3].unsigned_abs()) as u32;
        // Direct kernel: interleaved (lane step 1, pitch = workgroup side)
        // or blocked (lane step = block side, pitch 1) rows and columns.
        let (rb, cb) = DIRECT_BLOCKED;
        let (wgx, wgy) = if small { DIRECT_SMALL_WG } else { DIRECT_WG };
        let (rm, rn) = if small { DIRECT_SMALL_RB } else { DIRECT_RB };
        meta[16..20].copy_from_slice(&[
            if rb { rm } else { 1 },
            if rb { 1 } else { wgy },
            if cb { rn } else { 1 },
            if cb { 1 } else { wgx },
        ]);
        for t in 0..nb {
            meta[HEADER + t] = meta_u32(op, "batch length", blk.batch[t])?;
            for o in 0..3 {
                meta[HEADER + (1 + o) * nb + t] = meta_stride(op, blk.batch[t], blk.bstrides[o][t])?;
            }
        }
        let [gx, gy, gz] = blk.grid(ks.tile);
        dispatches.push(Dispatch {
            windows,
            meta,
            grid: [gx as u32, gy as u32, gz as u32],
        });
    }
    dev.run(op, &ks.program, &dispatches)?;
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_matmul_instantiation_validates() {
        for d in DType::ALL {
            for k in [MatmulKernel::Direct, MatmulKernel::Tiled] {
                codegen::tests::validate(&kernel(d, k, false).program);
                codegen::tests::validate(&kernel(d, k, true).program);
            }
        }
    }

    fn blk(m: usize, n: usize, k: usize, s: [isize; 6]) -> Block {
        Block {
            batch: vec![],
            bstrides: [vec![], vec![], vec![]],
            off: [0, 0, 0],
            m,
            n,
            k,
            s,
            accumulate: false,
        }
    }

    /// Every (i, j, k) triple of a plan, with the A, B, C indices it uses,
    /// and whether each output's first K chunk comes before the others.
    fn visits(blocks: &[Block]) -> Vec<(isize, isize, isize)> {
        let mut v = Vec::new();
        for b in blocks {
            for i in 0..b.m as isize {
                for j in 0..b.n as isize {
                    for k in 0..b.k as isize {
                        v.push((
                            b.off[0] + i * b.s[0] + k * b.s[1],
                            b.off[1] + k * b.s[2] + j * b.s[3],
                            b.off[2] + i * b.s[4] + j * b.s[5],
                        ));
                    }
                }
            }
        }
        v.sort();
        v
    }

    #[test]
    fn plans_split_until_spans_fit_and_keep_every_product() {
        // A transposed (row stride 1, K stride 40): only a K split shrinks it.
        let whole = blk(40, 30, 50, [1, 40, 30, 1, 30, 1]);
        let mut out = Vec::new();
        plan(whole.clone(), 300, 65535, (4, 4), &mut out);
        assert!(out.len() > 1);
        for b in &out {
            for o in 0..3 {
                let (lo, hi) = b.span(o);
                assert!(hi - lo < 300, "operand {o} span {lo}..={hi}");
            }
        }
        assert_eq!(visits(&out), visits(&[whole]));
        // The first K chunk of every output region is not accumulating and
        // comes before the chunks that are.
        let mut seen = std::collections::HashSet::new();
        for b in &out {
            let key = (b.off[2], b.m, b.n);
            if b.accumulate {
                assert!(seen.contains(&key), "accumulating chunk before the first");
            } else {
                assert!(seen.insert(key));
            }
        }
    }

    #[test]
    fn grids_are_split_to_the_per_dimension_limit() {
        let whole = blk(100, 70, 3, [3, 1, 70, 1, 70, 1]);
        let mut out = Vec::new();
        plan(whole.clone(), usize::MAX / 2, 3, (8, 8), &mut out);
        for b in &out {
            assert!(b.grid((8, 8)).iter().all(|&g| g <= 3));
        }
        assert_eq!(visits(&out), visits(&[whole]));
    }
}
