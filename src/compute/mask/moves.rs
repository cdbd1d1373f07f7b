//! The kernel that moves selected elements: a gather of `x`'s selected
//! elements into a new contiguous array (`mask_select`, `compress`), or a
//! scatter of values into `x` (`mask_assign`). Both read the compacted
//! source offsets the scan's compaction wrote; both are raw copies of the
//! element bits, so every dtype works on every adapter.

use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::kernels::codegen::{self, Access, Binding, Mode, Program};
use crate::kernels::{META_WORDS, meta_stride, meta_u32};
use crate::layout::reach;
use crate::runtime::{Device, Dispatch, Storage};

/// Header words (`MH` in `shaders/mask_move.wgsl`).
const MH: usize = 12;
/// Invocations per workgroup.
const WG: usize = 256;
/// Most elements one dispatch moves.
const MAX_BLOCK: usize = 1 << 30;

/// An axis of the selection before (P) or after (Q) the selected one:
/// length, stride in `x`, stride in the values (or the output).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct MAx {
    pub len: usize,
    pub x: isize,
    pub v: isize,
}

/// Drops length-1 axes and merges neighbours that step as one in both.
pub(super) fn merge(axes: &[MAx]) -> Vec<MAx> {
    let mut out: Vec<MAx> = Vec::with_capacity(axes.len());
    for &a in axes.iter().filter(|a| a.len != 1) {
        if let Some(last) = out.last_mut() {
            let n = a.len as i128;
            if last.x as i128 == a.x as i128 * n && last.v as i128 == a.v as i128 * n {
                last.len *= a.len;
                last.x = a.x;
                last.v = a.v;
                continue;
            }
        }
        out.push(a);
    }
    out
}

/// One move: `x` (its storage and the element offset of its origin), the
/// compacted offsets (`count` u32s), the values or output (storage and
/// origin), the axes before and after the selected one, and the values'
/// stride along it.
pub(super) struct Move<'a> {
    pub op: &'static str,
    pub dtype: DType,
    /// Scatter values into `x` (else gather `x` into the output).
    pub scatter: bool,
    pub x: &'a Storage,
    pub x_off: isize,
    /// The lowest and highest element of `x` the selection can reach.
    pub x_span: (isize, isize),
    pub offs: &'a Storage,
    pub count: usize,
    pub v: &'a Storage,
    pub v_off: isize,
    pub p: Vec<MAx>,
    pub q: Vec<MAx>,
    pub s_vc: isize,
}

fn program(dtype: DType, scatter: bool, np0: bool, qn1: bool) -> Program {
    // Bindings: the read side, the offsets, the written side.
    let bindings = [
        Binding {
            dtype,
            access: Access::Read,
        },
        Binding {
            dtype: DType::U32,
            access: Access::Read,
        },
        Binding {
            dtype,
            access: Access::Write,
        },
    ];
    let body = if scatter {
        "fn move_(xat: u32, vat: u32) {\n    st2(xat, ld0(vat));\n}\n"
    } else {
        "fn move_(xat: u32, vat: u32) {\n    st2(vat, ld0(xat));\n}\n"
    };
    let src = format!(
        "fn ld_off(i: u32) -> u32 {{\n    return ld1(i);\n}}\n{body}const NP0: bool = {np0};\nconst QN1: bool = {qn1};\n\n{}",
        include_str!("../../../shaders/mask_move.wgsl")
    );
    let family = format!(
        "mask-{}{}{}",
        if scatter { "scatter" } else { "gather" },
        if np0 { "-p0" } else { "" },
        if qn1 { "-q1" } else { "" }
    );
    codegen::assemble(&family, Mode::Raw, &bindings, &[0, 1, 2], false, &src)
}

impl Device {
    /// Records a move (see [`Move`]); nothing for an empty selection.
    pub(super) fn run_move(&self, m: &Move<'_>) -> Result<()> {
        let op = m.op;
        let p = merge(&m.p);
        let q = merge(&m.q);
        let pn: usize = p.iter().map(|a| a.len).product();
        let qn: usize = q.iter().map(|a| a.len).product();
        let total = pn
            .checked_mul(m.count)
            .and_then(|n| n.checked_mul(qn))
            .ok_or_else(|| Error::Overflow {
                op,
                what: format!("{pn} x {} x {qn} selected elements", m.count),
            })?;
        if total == 0 {
            return Ok(());
        }
        if total > u32::MAX as usize {
            return Err(Error::LimitExceeded {
                op,
                what: "selected elements in one operation",
                requested: total as u64,
                limit: u32::MAX as u64,
            });
        }
        let isz = m.dtype.itemsize();
        // The windows: x's whole reach (offsets stay inside it), the
        // offsets, the values' reach.
        let (xw, xb) = self.element_window(m.x, m.x_span.0, m.x_span.1, isz);
        let (ow, ob) = self.element_window(m.offs, 0, m.count as isize - 1, 4);
        let (vplo, vphi) = reach(p.iter().map(|a| (a.len, a.v)));
        let (vqlo, vqhi) = reach(q.iter().map(|a| (a.len, a.v)));
        let (vclo, vchi) = reach([(m.count, m.s_vc)]);
        let (vw, vb) = self.element_window(
            m.v,
            m.v_off + vplo + vqlo + vclo,
            m.v_off + vphi + vqhi + vchi,
            isz,
        );
        let windows = if m.scatter {
            [vw, ow, xw]
        } else {
            [xw, ow, vw]
        };
        let (np_, nq) = (p.len(), q.len());
        let mut meta = vec![0u32; MH + 3 * (np_ + nq)];
        if meta.len() > META_WORDS {
            return Err(Error::InvalidLayout {
                op,
                reason: format!(
                    "{} metadata words do not fit the kernel's {META_WORDS}",
                    meta.len()
                ),
            });
        }
        let word = |what, v: isize| meta_u32(op, what, v);
        meta[1] = np_ as u32;
        meta[2] = nq as u32;
        meta[3] = meta_u32(op, "selected positions", m.count)?;
        meta[4] = word("x offset", m.x_off - xb)?;
        meta[5] = word("offsets offset", -ob)?;
        meta[6] = word("values offset", m.v_off - vb)?;
        meta[7] = meta_u32(op, "elements per position", qn)?;
        meta[9] = meta_stride(op, m.count, m.s_vc)?;
        for (k, a) in p.iter().enumerate() {
            meta[MH + k] = meta_u32(op, "axis length", a.len)?;
            meta[MH + np_ + k] = meta_stride(op, a.len, a.x)?;
            meta[MH + 2 * np_ + k] = meta_stride(op, a.len, a.v)?;
        }
        let b = MH + 3 * np_;
        for (k, a) in q.iter().enumerate() {
            meta[b + k] = meta_u32(op, "axis length", a.len)?;
            meta[b + nq + k] = meta_stride(op, a.len, a.x)?;
            meta[b + 2 * nq + k] = meta_stride(op, a.len, a.v)?;
        }
        let maxdim = self.info().max_compute_workgroups_per_dimension.max(1) as usize;
        let per = MAX_BLOCK.min(maxdim.saturating_mul(maxdim).saturating_mul(WG));
        let mut dispatches = Vec::new();
        let mut first = 0usize;
        while first < total {
            let n = per.min(total - first);
            let mut mw = meta.clone();
            mw[0] = n as u32;
            mw[8] = first as u32;
            let groups = n.div_ceil(WG);
            let x = groups.min(maxdim);
            dispatches.push(Dispatch {
                windows: windows.to_vec(),
                meta: mw,
                grid: [x as u32, groups.div_ceil(x) as u32, 1],
            });
            first += n;
        }
        let prog = program(m.dtype, m.scatter, np_ == 0, nq == 0);
        self.run(op, &prog, &dispatches)
    }
}

#[cfg(test)]
pub(super) fn every_program() -> Vec<Program> {
    let mut v = Vec::new();
    for d in DType::ALL {
        for scatter in [false, true] {
            for np0 in [false, true] {
                for qn1 in [false, true] {
                    v.push(program(d, scatter, np0, qn1));
                }
            }
        }
    }
    v
}
