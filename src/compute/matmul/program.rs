//! The WGSL of the direct and tiled kernels for each dtype, and the choice
//! between them per adapter.

use super::*;

/// The WGSL pieces that depend on the dtype: compute type, the type staged
/// in workgroup memory, multiply-accumulate and add.
pub(super) fn type_header(d: DType) -> String {
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
pub(super) struct Unrolled {
    pub(super) decls: String,
    /// One K step (direct: the remainder loop).
    pub(super) step: String,
    /// Direct: `DIRECT_KU` K steps; tiled: the `TILED_TK` steps of a panel.
    pub(super) step_u: String,
    /// Tiled: staging of the panels.
    pub(super) loads: String,
    pub(super) stores: String,
}

/// Unrolled declarations, K steps, panel loads and stores for an
/// `rm x rn` register block.
pub(super) fn unrolled(rm: u32, rn: u32, tiled: bool) -> Unrolled {
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
pub(super) struct KernelShape {
    pub(super) program: Program,
    /// Rows and columns of C per workgroup.
    pub(super) tile: (u32, u32),
}

pub(super) fn kernel(d: DType, which: MatmulKernel, small: bool) -> KernelShape {
    let tiled = which == MatmulKernel::Tiled;
    let (wgx, wgy) = match (tiled, small) {
        (true, _) => TILED_WG,
        (false, false) => DIRECT_WG,
        (false, true) => DIRECT_SMALL_WG,
    };
    let template = if tiled {
        include_str!("../../../shaders/matmul_tiled.wgsl")
    } else {
        include_str!("../../../shaders/matmul_direct.wgsl")
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
    body.push_str(include_str!("../../../shaders/matmul_common.wgsl"));
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
///
/// Since then the vec4 kernel: llvmpipe runs every load whose address
/// differs between invocations as a loop over the SIMD lanes (a branch and
/// a bounds check per lane), whatever the width of the load, so reading
/// vec4s along a contiguous axis of each operand needs 4x fewer such loops
/// per multiply-add; 2.5-3x faster than direct on lavapipe wherever it
/// applies (f32/i32/u32 with a contiguous, aligned axis in both operands;
/// figures in `benches/matmul.rs`' commit). A version that staged A's rows
/// in workgroup memory to read them at invocation-independent slots was
/// 1.7x slower than direct (barriers, and Mesa 22's llvmpipe only treats
/// constant addresses as uniform). On GPUs `Auto` stays tiled: the vec4
/// kernel reads no operand through workgroup memory, so its choice there
/// would need a measurement this machine cannot make.
pub(super) fn choose(
    dev: &crate::Device,
    which: MatmulKernel,
    d: DType,
    whole: &Block,
    align: usize,
) -> MatmulKernel {
    let vec4 = vec4_axes(d, whole, align).is_some();
    match which {
        MatmulKernel::Auto => {
            if dev.info().cpu_tuned {
                if vec4 {
                    MatmulKernel::Vec4
                } else {
                    MatmulKernel::Direct
                }
            } else {
                MatmulKernel::Tiled
            }
        }
        MatmulKernel::Vec4 if !vec4 => MatmulKernel::Direct,
        k => k,
    }
}

/// The vec4 kernel's shape for operand axes `axes` (`(a_k, b_k)`): 8 x 8
/// invocations of 8 x 8 blocks, a 64 x 64 tile of C. Measured on lavapipe
/// at 512^2 f32 (`a @ b`): 8x8/8x8 34 ms, 8x8 invocations of 4x8 42 ms,
/// 4x8 of 8x16 60-69 ms, 8x4 of 16x8 45-48 ms, 16x16 of 4x4 82 ms; the
/// direct kernel 80-100 ms in the same runs.
pub(super) fn vec4_shape(axes: (bool, bool)) -> Vec4Shape {
    Vec4Shape {
        a_k: axes.0,
        b_k: axes.1,
        ..VEC4_SHAPES[0]
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
pub(super) const DIRECT_BLOCKED: (bool, bool) = (false, false);

/// Shape of the vec4 kernel: workgroup (x, y) invocations, register
/// block (rows, columns; multiples of 4) per invocation, and which axis
/// each operand is read along in vec4s: A along K (`a_k`, rows
/// contiguous) or along M (columns contiguous, e.g. `a.t()`); B along N
/// (`!b_k`, rows contiguous) or along K (columns contiguous).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Vec4Shape {
    pub(super) wg: (u32, u32),
    pub(super) rb: (u32, u32),
    pub(super) a_k: bool,
    pub(super) b_k: bool,
}

impl Vec4Shape {
    /// Rows and columns of C per workgroup.
    pub(super) fn tile(self) -> (u32, u32) {
        (self.wg.1 * self.rb.0, self.wg.0 * self.rb.1)
    }
}

/// Whether an operand of `len` rows (the vector axis: A's M or B's N, or
/// K when read along K) with strides `(s_vec, s_other)` and offset `off`
/// reads as whole aligned vec4s: unit stride along the vector axis, a
/// length that is a multiple of 4, the offset and the other stride (and
/// the batch strides) multiples of 4.
fn vec4_operand(len: usize, s_vec: isize, s_other: isize, off: isize, bst: &[isize]) -> bool {
    len.is_multiple_of(4)
        && (s_vec == 1 || len <= 1)
        && off.rem_euclid(4) == 0
        && s_other.rem_euclid(4) == 0
        && bst.iter().all(|&s| s.rem_euclid(4) == 0)
}

/// Which axes the vec4 kernel can read a block of dtype `d` along (see
/// [`Vec4Shape`]): `(a_k, b_k)`, or `None` where it does not apply (other
/// dtypes, no contiguous aligned axis in A or B, binding offsets that
/// break 16-byte alignment). A contiguous along M is preferred (no K
/// multiple of 4 needed), as is B along N.
pub(super) fn vec4_axes(d: DType, blk: &Block, align: usize) -> Option<(bool, bool)> {
    if !matches!(d, DType::F32 | DType::I32 | DType::U32) || !align.is_multiple_of(16) {
        return None;
    }
    let [sar, sak, sbk, sbn, _, _] = blk.s;
    let a_k = if vec4_operand(blk.m, sar, sak, blk.off[0], &blk.bstrides[0]) {
        false
    } else if vec4_operand(blk.k, sak, sar, blk.off[0], &blk.bstrides[0]) {
        true
    } else {
        return None;
    };
    let b_k = if vec4_operand(blk.n, sbn, sbk, blk.off[1], &blk.bstrides[1]) {
        false
    } else if vec4_operand(blk.k, sbk, sbn, blk.off[1], &blk.bstrides[1]) {
        true
    } else {
        return None;
    };
    Some((a_k, b_k))
}

/// The vec4 kernel (`shaders/matmul_vec4.wgsl`) for dtype `d` (f32, i32 or
/// u32) and shape `s`. Its windows are C, A, B (in that order).
pub(super) fn vec4_kernel(d: DType, s: Vec4Shape) -> KernelShape {
    let Vec4Shape { wg, rb, a_k, b_k } = s;
    let (rm, rn) = rb;
    let v4 = match d {
        DType::F32 => "bitcast<vec4<f32>>(x)",
        DType::I32 => "bitcast<vec4<i32>>(x)",
        _ => "x",
    };
    let comp = ["x", "y", "z", "w"];
    let mut decls = String::new();
    // Rows i = 4 ib + e of the block are row0 + ib * 4 * MM_WGY + e.
    if a_k {
        for i in 0..rm {
            decls.push_str(&format!(
                "    var pa{i} = (d.base.x + i32(min(row0 + {}u, d.m - 1u)) * d.sar) / 4;\n",
                (i / 4) * 4 * wg.1 + i % 4
            ));
        }
    } else {
        for ib in 0..rm / 4 {
            decls.push_str(&format!(
                "    var pa{ib} = (d.base.x + i32(min(row0 + {}u, d.m - 4u))) / 4;\n",
                ib * 4 * wg.1
            ));
        }
    }
    if b_k {
        for j in 0..rn {
            decls.push_str(&format!(
                "    var pb{j} = (d.base.y + i32(min(col0 + {}u, d.n - 1u)) * d.sbn) / 4;\n",
                (j / 4) * 4 * wg.0 + j % 4
            ));
        }
    } else {
        for jb in 0..rn / 4 {
            decls.push_str(&format!(
                "    var pb{jb} = (d.base.y + i32(min(col0 + {}u, d.n - 4u))) / 4;\n",
                jb * 4 * wg.0
            ));
        }
    }
    for i in 0..rm {
        for j in 0..rn {
            decls.push_str(&format!("    var acc{i}_{j} = MM_CT();\n"));
        }
    }
    // `ks` K steps (4, or 1 when neither operand is read along K).
    let block = |ks: u32| -> String {
        let mut st = String::from("        {\n");
        if a_k {
            for i in 0..rm {
                st.push_str(&format!(
                    "            let av{i} = mm_v4(mm_a4[u32(pa{i})]);\n            pa{i} = pa{i} + 1;\n"
                ));
            }
        }
        if b_k {
            for j in 0..rn {
                st.push_str(&format!(
                    "            let bv{j} = mm_v4(mm_b4[u32(pb{j})]);\n            pb{j} = pb{j} + 1;\n"
                ));
            }
        }
        for q in 0..ks {
            if !a_k {
                for ib in 0..rm / 4 {
                    st.push_str(&format!(
                        "            let av{q}_{ib} = mm_v4(mm_a4[u32(pa{ib})]);\n            pa{ib} = pa{ib} + sak4;\n"
                    ));
                }
            }
            if !b_k {
                for jb in 0..rn / 4 {
                    st.push_str(&format!(
                        "            let bv{q}_{jb} = mm_v4(mm_b4[u32(pb{jb})]);\n            pb{jb} = pb{jb} + sbk4;\n"
                    ));
                }
            }
            for i in 0..rm {
                let a = if a_k {
                    format!("av{i}.{}", comp[q as usize])
                } else {
                    format!("av{q}_{}.{}", i / 4, comp[(i % 4) as usize])
                };
                for j in 0..rn {
                    let b = if b_k {
                        format!("bv{j}.{}", comp[q as usize])
                    } else {
                        format!("bv{q}_{}.{}", j / 4, comp[(j % 4) as usize])
                    };
                    st.push_str(&format!(
                        "            acc{i}_{j} = acc{i}_{j} + {a} * {b};\n"
                    ));
                }
            }
        }
        st.push_str("        }\n");
        st
    };
    let four = block(4);
    let step_u = format!("{four}{four}");
    // Along K, K is a multiple of 4: no single steps.
    let step = if a_k || b_k { String::new() } else { block(1) };
    let mut stores = String::new();
    for i in 0..rm {
        let r = format!("row0 + {}u", (i / 4) * 4 * wg.1 + i % 4);
        for j in 0..rn {
            let c = format!("col0 + {}u", (j / 4) * 4 * wg.0 + j % 4);
            stores.push_str(&format!(
                "    if ({r} < d.m && {c} < d.n) {{\n        \
                 let at = u32(d.base.z + i32({r}) * d.scr + i32({c}) * d.scn);\n        \
                 var x = acc{i}_{j};\n        \
                 if (accumulate) {{ x = x + ld0(at); }}\n        \
                 st0(at, x);\n    }}\n"
            ));
        }
    }
    let mut body = format!(
        "const MM_WGX: u32 = {}u;\nconst MM_WGY: u32 = {}u;\n\
         const MM_RM: u32 = {rm}u;\nconst MM_RN: u32 = {rn}u;\n",
        wg.0, wg.1
    );
    body.push_str(&type_header(d));
    body.push_str(&format!(
        "fn mm_v4(x: vec4<u32>) -> vec4<MM_CT> {{ return {v4}; }}\n"
    ));
    body.push_str(include_str!("../../../shaders/matmul_common.wgsl"));
    body.push_str(
        &include_str!("../../../shaders/matmul_vec4.wgsl")
            .replace("//DECLS", &decls)
            .replace("//STEPU", &step_u)
            .replace("//STEP4", &four)
            .replace("//STEP", &step)
            .replace("//STORES", &stores),
    );
    let program = codegen::assemble(
        &format!(
            "matmul_vec4_{}x{}_{rm}x{rn}_{}{}",
            wg.0,
            wg.1,
            if a_k { "ak" } else { "am" },
            if b_k { "bk" } else { "bn" }
        ),
        Mode::Typed,
        &[Binding {
            dtype: d,
            access: Access::Write,
        }],
        &[0],
        false,
        &body,
    );
    KernelShape {
        program,
        tile: s.tile(),
    }
}

/// Every vec4 shape the kernel choice may run, before the operand axes
/// are filled in (validated by the unit tests in every mode).
pub(super) const VEC4_SHAPES: [Vec4Shape; 1] = [Vec4Shape {
    wg: (8, 8),
    rb: (8, 8),
    a_k: false,
    b_k: false,
}];
