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
pub(super) fn choose(dev: &crate::Device, which: MatmulKernel) -> MatmulKernel {
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
pub(super) const DIRECT_BLOCKED: (bool, bool) = (false, false);
