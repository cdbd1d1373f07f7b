//! The indexing family's kernels: gather (`x[idx]`), the index-offset
//! pass, the two passes of a deterministic scatter (`x[idx] = v`) and
//! `add_at` (NumPy's `np.add.at`) for every dtype.
//!
//! Every kernel is element-wise over the result shape: operand 0 walks the
//! indexed array with every indexed axis at 0, and each *term* adds one
//! index array's contribution `norm(idx) * stride` to it. A term reads its
//! index array as int64 (two words, no `SHADER_INT64` needed), int32 or
//! uint32 and checks it against the axis length: an invocation whose index
//! is outside `-len..len` reports it to the device's error-flag buffer
//! (`runtime/index_errors.rs`) and skips its element, so nothing outside
//! the arrays is read or written. A term of kind [`TermKind::Off`] reads a
//! precomputed offset (the index-offset pass's output, or the host's),
//! where [`INVALID`] marks a position whose index was out of range.
//!
//! Metadata: the prelude's table, then (words [`TERM_WORDS`]..) four words
//! per term (axis length, stride as i32 bits, the axis errors name) and
//! word [`POS_WORD`], the first index-space position of the block (the
//! scatter orders duplicates by it). Word 2 is the operation's code for
//! error reports.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::META_WORDS;
use super::codegen::{self, Access, Binding, Mode, Program};
use crate::dtype::{DType, Feature, StorageClass};

const PRELUDE: &str = include_str!("../../shaders/strided.wgsl");
const MAIN: &str = include_str!("../../shaders/elementwise_main.wgsl");
const HELPERS: &str = include_str!("../../shaders/indexing.wgsl");

/// Metadata words of an indexing kernel (the prelude's table grown by 16).
pub(crate) const INDEX_META_WORDS: usize = META_WORDS + 16;
/// First word of the per-term parameters (4 words a term, at most 3 terms).
pub(crate) const TERM_WORDS: usize = META_WORDS;
/// The index-space position of the block's first offset (see module doc).
pub(crate) const POS_WORD: usize = META_WORDS + 12;
/// An offset marking an out-of-range index: `-2^31` is never a valid
/// offset, as every offset lies within a binding span of at most
/// `i32::MAX` elements.
pub(crate) const INVALID: u32 = 0x8000_0000;
/// Most terms one kernel reads.
pub(crate) const MAX_TERMS: usize = 3;

/// How a term's index array is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TermKind {
    /// int64 indices, checked.
    I64,
    /// int32 indices, checked.
    I32,
    /// uint32 indices, checked.
    U32,
    /// Precomputed int32 offsets (already checked; [`INVALID`] skips).
    Off,
}

impl TermKind {
    /// The dtype of the binding.
    pub(crate) fn dtype(self) -> DType {
        match self {
            TermKind::I64 => DType::I64,
            TermKind::I32 | TermKind::Off => DType::I32,
            TermKind::U32 => DType::U32,
        }
    }
}

/// A kernel of the family, and whether it checks indices (then it binds
/// the error-flag buffer after its data bindings).
#[derive(Debug, Clone)]
pub(crate) struct IndexProgram {
    pub program: Program,
    pub checks: bool,
}

/// One data binding: dtype, access, and whether it is declared as raw
/// atomic words (a destination updated with atomics).
#[derive(Clone, Copy)]
struct Bind {
    dtype: DType,
    access: Access,
    atomic: bool,
}

fn read(dtype: DType) -> Bind {
    Bind {
        dtype,
        access: Access::Read,
        atomic: false,
    }
}

fn write(dtype: DType) -> Bind {
    Bind {
        dtype,
        access: Access::Write,
        atomic: false,
    }
}

fn atomic(dtype: DType) -> Bind {
    Bind {
        dtype,
        access: Access::Write,
        atomic: true,
    }
}

fn memo(signature: String, build: impl FnOnce() -> IndexProgram) -> Arc<IndexProgram> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<IndexProgram>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(p) = cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&signature)
    {
        return p.clone();
    }
    let p = Arc::new(build());
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(signature)
        .or_insert(p)
        .clone()
}

/// WGSL of term `j`, reading operand `k`: `term{j}(i) -> vec2<u32>`, x = 1
/// when valid, y = the offset (`norm(index) * stride`, wrapping u32).
fn term_fn(j: usize, k: usize, kind: TermKind) -> String {
    let w = TERM_WORDS + 4 * j;
    let (len, stride, axis) = (w, w + 1, w + 2);
    let check = match kind {
        TermKind::Off => {
            return format!(
                "fn term{j}(i: u32) -> vec2<u32> {{\n    let r = ld{k}(i);\n    \
                 return vec2<u32>(select(1u, 0u, r == {INVALID}u), r);\n}}\n"
            );
        }
        TermKind::I64 => "    let raw = ld{k}(i);\n    let r = raw.x;\n    let hi = raw.y;\n    \
             var v = r;\n    var ok = hi == 0u && r < len;\n    \
             if (!ok && hi == 0xffffffffu && len > 0u && r >= 0u - len) {\n        \
             v = r + len;\n        ok = true;\n    }\n"
            .replace("{k}", &k.to_string()),
        TermKind::I32 => "    let r = ld{k}(i);\n    var v = r;\n    var hi = 0u;\n    \
             var ok = r < len;\n    if ((r & 0x80000000u) != 0u) {\n        \
             hi = 0xffffffffu;\n        ok = (0u - r) <= len;\n        v = r + len;\n    }\n"
            .replace("{k}", &k.to_string()),
        TermKind::U32 => "    let r = ld{k}(i);\n    let v = r;\n    let hi = 0u;\n    \
             let ok = r < len;\n"
            .replace("{k}", &k.to_string()),
    };
    format!(
        "fn term{j}(i: u32) -> vec2<u32> {{\n    let len = param({len}u);\n{check}    \
         if (!ok) {{\n        report(param({axis}u), r, hi, len);\n        \
         return vec2<u32>(0u, 0u);\n    }}\n    return vec2<u32>(1u, v * param({stride}u));\n}}\n"
    )
}

/// Assembles a program: the prelude (its metadata table grown to
/// [`INDEX_META_WORDS`]), the data bindings, the error flag after them
/// when a term checks, raw accessors for the operands on ordinary
/// bindings, the helpers, the terms (`(operand, kind)`) and the body.
fn build(
    key: String,
    binds: &[Bind],
    operands: &[usize],
    terms: &[(usize, TermKind)],
    body: &str,
    features: Vec<Feature>,
) -> IndexProgram {
    let checks = terms.iter().any(|&(_, k)| k != TermKind::Off);
    let mut src = PRELUDE.replace(
        "array<vec4<u32>, 83>",
        &format!("array<vec4<u32>, {}>", INDEX_META_WORDS / 4),
    );
    debug_assert!(src.contains(&format!("{}>", INDEX_META_WORDS / 4)));
    src.push_str(&format!("\nconst NOPS: u32 = {}u;\n\n", operands.len()));
    for (j, b) in binds.iter().enumerate() {
        if b.atomic {
            src.push_str(&format!(
                "@group(0) @binding({}) var<storage, read_write> b{j}: array<atomic<u32>>;\n",
                j + 1
            ));
        } else {
            src.push_str(&codegen::binding_decl(
                j,
                &Binding {
                    dtype: b.dtype,
                    access: b.access,
                },
                Mode::Raw,
            ));
        }
    }
    if checks {
        src.push_str(&format!(
            "@group(0) @binding({}) var<storage, read_write> errflag: array<atomic<u32>>;\n",
            binds.len() + 1
        ));
    }
    src.push('\n');
    for (k, &j) in operands.iter().enumerate() {
        let b = binds[j];
        if !b.atomic {
            src.push_str(&codegen::accessors(
                k,
                j,
                &Binding {
                    dtype: b.dtype,
                    access: b.access,
                },
                Mode::Raw,
            ));
        }
    }
    if checks {
        src.push_str(HELPERS);
    }
    for (j, &(k, kind)) in terms.iter().enumerate() {
        src.push_str(&term_fn(j, k, kind));
    }
    src.push_str(body);
    src.push('\n');
    src.push_str(MAIN);
    IndexProgram {
        program: Program {
            key,
            source: src,
            operand_binding: operands.to_vec(),
            binding_itemsize: binds.iter().map(|b| b.dtype.itemsize()).collect(),
            elementwise: true,
            features,
            vec4: None,
            vec4_at0: None,
            tile4: None,
        },
        checks,
    }
}

fn kinds_tag(kinds: &[TermKind]) -> String {
    kinds
        .iter()
        .map(|k| format!("{k:?}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Adds the terms of operands `1..=n` to `at`, returning early when one
/// is invalid.
fn sum_terms(n: usize) -> String {
    let mut s = String::from("    var at = loc.at[0];\n");
    for j in 0..n {
        s.push_str(&format!(
            "    let t{j} = term{j}(loc.at[{k}]);\n    if (t{j}.x == 0u) {{\n        return;\n    }}\n    \
             at = at + t{j}.y;\n",
            k = j + 1
        ));
    }
    s
}

/// Gather: operand 0 the source (base walk), operands 1..=n the terms
/// (n = 1 or 2), the last the output.
pub(crate) fn gather(dtype: DType, kinds: &[TermKind]) -> Arc<IndexProgram> {
    debug_assert!((1..=2).contains(&kinds.len()));
    let sig = format!("gather:{}:{}", dtype.tag(), kinds_tag(kinds));
    memo(sig.clone(), || {
        let n = kinds.len();
        let mut binds = vec![read(dtype)];
        binds.extend(kinds.iter().map(|k| read(k.dtype())));
        binds.push(write(dtype));
        let operands: Vec<usize> = (0..binds.len()).collect();
        let out = n + 1;
        let body = format!(
            "fn element(loc: Loc) {{\n{}    st{out}(loc.at[{out}], ld0(at));\n}}\n",
            sum_terms(n)
        );
        let terms: Vec<(usize, TermKind)> =
            kinds.iter().enumerate().map(|(j, &k)| (j + 1, k)).collect();
        build(sig, &binds, &operands, &terms, &body, Vec::new())
    })
}

/// The index-offset pass: operands 0..n the terms (1 to 3), the last an
/// int32 offset array receiving their sum, or [`INVALID`] where an index
/// is out of range (every term is checked, so each reports).
pub(crate) fn offsets(kinds: &[TermKind]) -> Arc<IndexProgram> {
    debug_assert!((1..=MAX_TERMS).contains(&kinds.len()));
    let sig = format!("offsets:{}", kinds_tag(kinds));
    memo(sig.clone(), || {
        let n = kinds.len();
        let mut binds: Vec<Bind> = kinds.iter().map(|k| read(k.dtype())).collect();
        binds.push(write(DType::I32));
        let operands: Vec<usize> = (0..binds.len()).collect();
        let mut body = String::from("fn element(loc: Loc) {\n    var ok = 1u;\n    var at = 0u;\n");
        for j in 0..n {
            body.push_str(&format!(
                "    let t{j} = term{j}(loc.at[{j}]);\n    ok = ok & t{j}.x;\n    at = at + t{j}.y;\n"
            ));
        }
        body.push_str(&format!(
            "    st{n}(loc.at[{n}], select({INVALID}u, at, ok == 1u));\n}}\n"
        ));
        let terms: Vec<(usize, TermKind)> =
            kinds.iter().enumerate().map(|(j, &k)| (j, k)).collect();
        build(sig, &binds, &operands, &terms, &body, Vec::new())
    })
}

/// Scatter, first pass: operand 0 walks the winner array (u32 per
/// destination element, zeroed) as the destination would, operand 1 the
/// offsets over the index space (contiguous); each valid position
/// `p` does `atomicMax(winner[dest], p + 1)`, so the last position in index
/// order wins.
pub(crate) fn scatter_winner() -> Arc<IndexProgram> {
    memo("scatter_winner".into(), || {
        let binds = [atomic(DType::U32), read(DType::I32)];
        let body = format!(
            "fn element(loc: Loc) {{\n    let t = term0(loc.at[1]);\n    if (t.x == 0u) {{\n        return;\n    }}\n    \
             atomicMax(&b0[loc.at[0] + t.y], param({POS_WORD}u) + loc.at[1] + 1u);\n}}\n"
        );
        build(
            "scatter_winner".into(),
            &binds,
            &[0, 1],
            &[(1, TermKind::Off)],
            &body,
            Vec::new(),
        )
    })
}

/// Scatter, the write: operand 0 the destination, 1 the offsets, 2 the
/// values (broadcast over the result), and with `winner` operand 3 the
/// winner array of [`scatter_winner`]: a position writes only where it
/// won. Without it the caller knows the destinations are distinct.
pub(crate) fn scatter_write(dtype: DType, winner: bool) -> Arc<IndexProgram> {
    let sig = format!("scatter_write:{}:{winner}", dtype.tag());
    memo(sig.clone(), || {
        let mut binds = vec![write(dtype), read(DType::I32), read(dtype)];
        if winner {
            binds.push(read(DType::U32));
        }
        let operands: Vec<usize> = (0..binds.len()).collect();
        let check = if winner {
            format!(
                "    if (ld3(loc.at[3] + t.y) != param({POS_WORD}u) + loc.at[1] + 1u) {{\n        return;\n    }}\n"
            )
        } else {
            String::new()
        };
        let body = format!(
            "fn element(loc: Loc) {{\n    let t = term0(loc.at[1]);\n    if (t.x == 0u) {{\n        return;\n    }}\n\
             {check}    st0(loc.at[0] + t.y, ld2(loc.at[2]));\n}}\n"
        );
        build(
            sig,
            &binds,
            &operands,
            &[(1, TermKind::Off)],
            &body,
            Vec::new(),
        )
    })
}

/// WGSL adding raw value `v` (the dtype's bits) to destination element
/// `e` of the raw atomic words `b0` (and, for float64, the lock words
/// `b{lock}`): see [`add_at`] for the method per dtype.
fn add_element(dtype: DType, lock: usize) -> String {
    let cas = |combine: &str| {
        format!(
            "    var old = atomicLoad(&b0[w]);\n    loop {{\n        let cur = (old >> sh) & mask;\n        \
             let nv = ({combine}) & mask;\n        let r = atomicCompareExchangeWeak(&b0[w], old, (old & ~(mask << sh)) | (nv << sh));\n        \
             if (r.exchanged) {{\n            break;\n        }}\n        old = r.old_value;\n    }}\n"
        )
    };
    let packed = |shift: u32, per: u32, width: u32, mask: &str, combine: &str| {
        format!(
            "    let w = e >> {shift}u;\n    let sh = (e & {per}u) * {width}u;\n    let mask = {mask}u;\n{}",
            cas(combine)
        )
    };
    let body = match dtype {
        DType::I32 | DType::U32 => "    atomicAdd(&b0[e], v);\n".to_string(),
        DType::F32 => "    var old = atomicLoad(&b0[e]);\n    loop {\n        \
             let nw = bitcast<u32>(bitcast<f32>(old) + bitcast<f32>(v));\n        \
             let r = atomicCompareExchangeWeak(&b0[e], old, nw);\n        \
             if (r.exchanged) {\n            break;\n        }\n        old = r.old_value;\n    }\n"
            .to_string(),
        DType::Bool => packed(2, 3, 8, "0xff", "cur | v"),
        DType::I8 | DType::U8 => packed(2, 3, 8, "0xff", "cur + v"),
        DType::I16 | DType::U16 => packed(1, 1, 16, "0xffff", "cur + v"),
        DType::F16 => packed(
            1,
            1,
            16,
            "0xffff",
            "pack2x16float(vec2<f32>(unpack2x16float(cur).x + unpack2x16float(v).x, 0.0))",
        ),
        DType::I64 | DType::U64 => "    let old = atomicAdd(&b0[2u * e], v.x);\n    \
             let carry = select(0u, 1u, old + v.x < old);\n    \
             atomicAdd(&b0[2u * e + 1u], v.y + carry);\n"
            .to_string(),
        DType::F64 => format!(
            "    let h = (e * 2654435761u) >> 20u;\n    loop {{\n        \
             let r = atomicCompareExchangeWeak(&b{lock}[h], 0u, 1u);\n        \
             if (r.exchanged) {{\n            \
             let lo = atomicLoad(&b0[2u * e]);\n            let hi = atomicLoad(&b0[2u * e + 1u]);\n            \
             let x = bitcast<f64>((u64(hi) << 32u) | u64(lo));\n            \
             let y = bitcast<f64>((u64(v.y) << 32u) | u64(v.x));\n            \
             let s = bitcast<u64>(x + y);\n            \
             atomicStore(&b0[2u * e], u32(s));\n            \
             atomicStore(&b0[2u * e + 1u], u32(s >> 32u));\n            \
             atomicExchange(&b{lock}[h], 0u);\n            break;\n        }}\n    }}\n"
        ),
    };
    let vt = if dtype.storage_class() == StorageClass::Pair {
        "vec2<u32>"
    } else {
        "u32"
    };
    format!("fn add_element(e: u32, v: {vt}) {{\n{body}}}\n")
}

/// Words of the float64 lock table of [`add_at`] (`(e * 2654435761) >> 20`
/// picks one of 4096).
pub(crate) const ADD_AT_LOCKS: usize = 4096;

/// `add_at`: operand 0 walks the destination (declared as raw atomic
/// words), operands 1..=n the terms, the last the values; every position
/// adds its value, duplicates included. 32-bit integers use `atomicAdd`;
/// float32 a compare-exchange loop on the bits; the packed 1- and 2-byte
/// types (bool adds as logical or, float16 rounds once per addition as
/// NumPy's does) a compare-exchange loop on the containing word; int64 and
/// uint64 two `atomicAdd`s, the carry of the low word added to the high
/// one (exact modulo 2^64); float64, which has no 64-bit atomics to build
/// on, takes one of [`ADD_AT_LOCKS`] lock words (binding `n + 2`) around
/// an atomic read and write of the two words.
pub(crate) fn add_at(dtype: DType, kinds: &[TermKind]) -> Arc<IndexProgram> {
    debug_assert!((1..=2).contains(&kinds.len()));
    let sig = format!("add_at:{}:{}", dtype.tag(), kinds_tag(kinds));
    memo(sig.clone(), || {
        let n = kinds.len();
        let mut binds = vec![atomic(dtype)];
        binds.extend(kinds.iter().map(|k| read(k.dtype())));
        binds.push(read(dtype));
        let operands: Vec<usize> = (0..binds.len()).collect();
        let lock = binds.len();
        let mut features = Vec::new();
        if dtype == DType::F64 {
            binds.push(atomic(DType::U32));
            features = vec![Feature::ShaderF64, Feature::ShaderInt64];
        }
        let v = n + 1;
        let body = format!(
            "{}fn element(loc: Loc) {{\n{}    add_element(at, ld{v}(loc.at[{v}]));\n}}\n",
            add_element(dtype, lock),
            sum_terms(n)
        );
        let terms: Vec<(usize, TermKind)> =
            kinds.iter().enumerate().map(|(j, &k)| (j + 1, k)).collect();
        build(sig, &binds, &operands, &terms, &body, features)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::codegen::tests::validate;

    const KINDS: [TermKind; 4] = [TermKind::I64, TermKind::I32, TermKind::U32, TermKind::Off];

    /// naga validates every program of the family, for every dtype and
    /// term kind, at every rank class.
    #[test]
    fn every_indexing_program_validates() {
        for d in DType::ALL {
            for &k in &KINDS {
                validate(&gather(d, &[k]).program);
                validate(&add_at(d, &[k]).program);
            }
            validate(&gather(d, &[TermKind::I64, TermKind::I32]).program);
            validate(&add_at(d, &[TermKind::U32, TermKind::Off]).program);
            validate(&scatter_write(d, true).program);
            validate(&scatter_write(d, false).program);
        }
        for &k in &KINDS {
            validate(&offsets(&[k]).program);
        }
        validate(&offsets(&KINDS[..3]).program);
        validate(&scatter_winner().program);
    }
}
