//! Assembling kernels: a [`Program`] is the strided prelude, the data
//! bindings and per-operand load/store functions generated for the operands'
//! dtypes (see the storage classes in `dtype.rs`), and a kernel body from
//! `shaders/`. Each program has a cache key naming the kernel family and the
//! dtypes, so a pipeline is compiled once per (kernel, dtypes) and never per
//! shape.
//!
//! Generated names every body may use, for operand `k`:
//! `ld{k}(i) -> V` and `st{k}(i, v: V)`, where `i` is the operand's element
//! index inside its bound window (as `locate` returns it) and `V` is the raw
//! bits (`u32`, or `vec2<u32>` for 8-byte types) in a *raw* program, or the
//! dtype's compute type in a *typed* program. `NOPS` is the operand count;
//! `sc_{ct}(s)` decodes scalar slot `s` as compute type `ct`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::dtype::{DType, Feature, StorageClass};
use crate::error::{Error, Result};

pub(crate) use super::tile4::{MapSpec, TILE4_WG, TileRead, map_tile4};

const PRELUDE: &str = include_str!("../../shaders/strided.wgsl");
/// The entry point of the element-wise families, which call `element(loc)`.
const ELEMENTWISE_MAIN: &str = include_str!("../../shaders/elementwise_main.wgsl");

/// A family body (`fn element(loc: Loc)`) with the shared entry point.
fn with_main(body: &str) -> String {
    format!("{body}\n{ELEMENTWISE_MAIN}")
}

/// Whether loads and stores move raw bits or typed values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Bits: copies and fills, which need no feature for any dtype.
    Raw,
    /// Compute-type values: arithmetic, casts.
    Typed,
}

/// How a binding is used by the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// Only read.
    Read,
    /// Written (possibly also read, by an operand sharing the binding).
    Write,
}

/// A generated kernel, ready to be compiled and launched.
#[derive(Debug, Clone)]
pub(crate) struct Program {
    /// Cache key: family, mode and dtypes.
    pub key: String,
    /// Complete WGSL source.
    pub source: String,
    /// For each operand, the data binding (0-based) it lives in.
    pub operand_binding: Vec<usize>,
    /// Item size of each data binding's elements.
    pub binding_itemsize: Vec<usize>,
    /// Whether every output element depends only on the same position of
    /// each input, so the launcher may reorder and flip axes. The written
    /// operand is always the last.
    pub elementwise: bool,
    /// Device features the program needs.
    pub features: Vec<Feature>,
    /// The same computation on whole `vec4<u32>`s, 16 bytes of the
    /// narrowest operand (4, 8 or 16 elements) per invocation, for launches
    /// where every operand is one contiguous, 16-byte-aligned run; present
    /// only when no operand is wider than 4 bytes (the launcher derives the
    /// lanes from the element sizes and decides per block).
    pub vec4: Option<Box<Program>>,
    /// [`Program::vec4`] for runs that each start at their binding's window
    /// start, so no offset is added to the index.
    pub vec4_at0: Option<Box<Program>>,
    /// For maps whose every binding holds 4-byte words (float32, int32,
    /// uint32): what [`map_tile4`] needs to build the 4x4-block form for
    /// rank-2 launches where an input runs down the columns (`a.T + b`),
    /// and `vec8::map_vec8` the 32-byte-load form of contiguous runs (so
    /// its presence also says every binding holds 4-byte words).
    pub tile4: Option<Arc<MapSpec>>,
}

impl Program {
    /// Checks that `device_has(feature)` holds for every feature needed.
    pub(crate) fn check_features(
        &self,
        op: &'static str,
        has: impl Fn(Feature) -> bool,
    ) -> Result<()> {
        for &f in &self.features {
            if !has(f) {
                return Err(Error::MissingFeature {
                    op,
                    feature: f.name(),
                    instead: "",
                });
            }
        }
        Ok(())
    }
}

/// One data binding of a program: the dtype of its elements and its access.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Binding {
    pub dtype: DType,
    pub access: Access,
}

/// Builds a program from its bindings, operands (binding index per
/// operand, the written one last) and body.
pub(crate) fn assemble(
    family: &str,
    mode: Mode,
    bindings: &[Binding],
    operands: &[usize],
    elementwise: bool,
    body: &str,
) -> Program {
    let mut key = format!(
        "{family}:{}",
        if mode == Mode::Raw { "raw" } else { "typed" }
    );
    for b in bindings {
        key.push(':');
        key.push_str(b.dtype.tag());
        key.push(if b.access == Access::Write { 'w' } else { 'r' });
    }
    key.push(':');
    for &o in operands {
        key.push_str(&o.to_string());
    }

    let mut src = String::with_capacity(PRELUDE.len() + body.len() + 2048);
    src.push_str(PRELUDE);
    src.push_str(&format!("\nconst NOPS: u32 = {}u;\n\n", operands.len()));
    for (j, b) in bindings.iter().enumerate() {
        src.push_str(&binding_decl(j, b, mode));
    }
    src.push('\n');
    for (k, &j) in operands.iter().enumerate() {
        src.push_str(&accessors(k, j, &bindings[j], mode));
    }
    src.push('\n');
    src.push_str(body);

    let mut features = Vec::new();
    if mode == Mode::Typed {
        for b in bindings {
            if let Some(f) = b.dtype.feature()
                && !features.contains(&f)
            {
                features.push(f);
            }
        }
        // 64-bit floats are assembled from 64-bit integer bits (scalars).
        if features.contains(&Feature::ShaderF64) && !features.contains(&Feature::ShaderInt64) {
            features.push(Feature::ShaderInt64);
        }
    }
    Program {
        key,
        source: src,
        operand_binding: operands.to_vec(),
        binding_itemsize: bindings.iter().map(|b| b.dtype.itemsize()).collect(),
        elementwise,
        features,
        vec4: None,
        vec4_at0: None,
        tile4: None,
    }
}

/// Whether a binding holds packed sub-word elements that are written, and so
/// must be declared atomic.
fn is_atomic(b: &Binding) -> bool {
    b.access == Access::Write
        && matches!(
            b.dtype.storage_class(),
            StorageClass::Byte | StorageClass::Half
        )
}

pub(crate) fn binding_decl(j: usize, b: &Binding, mode: Mode) -> String {
    let elem = match (b.dtype.storage_class(), mode) {
        (StorageClass::Pair, Mode::Raw) => "vec2<u32>".to_string(),
        (StorageClass::Pair, Mode::Typed) => b.dtype.compute_type().to_string(),
        (StorageClass::Word, _) => "u32".to_string(),
        _ if is_atomic(b) => "atomic<u32>".to_string(),
        _ => "u32".to_string(),
    };
    let access = match b.access {
        Access::Read => "read",
        Access::Write => "read_write",
    };
    format!(
        "@group(0) @binding({}) var<storage, {access}> b{j}: array<{elem}>;\n",
        j + 1
    )
}

/// WGSL that turns raw `u32` bits `r` of a (non-8-byte) dtype into its
/// compute type.
pub(crate) fn decode(d: DType, r: &str) -> String {
    match d {
        DType::Bool => format!("({r} != 0u)"),
        DType::I8 => format!("(bitcast<i32>({r} << 24u) >> 24u)"),
        DType::I16 => format!("(bitcast<i32>({r} << 16u) >> 16u)"),
        DType::U8 | DType::U16 | DType::U32 => r.to_string(),
        DType::F16 => format!("unpack2x16float({r}).x"),
        DType::I32 => format!("bitcast<i32>({r})"),
        DType::F32 => format!("bitcast<f32>({r})"),
        DType::I64 | DType::U64 | DType::F64 => unreachable!("8-byte types are stored typed"),
    }
}

/// WGSL that turns a compute-type value `v` into the raw `u32` bits of a
/// (non-8-byte) dtype; sub-word stores mask the result to their width,
/// which is NumPy's wrap-around for narrow integers.
pub(crate) fn encode(d: DType, v: &str) -> String {
    match d {
        DType::Bool => format!("select(0u, 1u, {v})"),
        DType::I8 | DType::I16 | DType::I32 => format!("bitcast<u32>({v})"),
        DType::U8 | DType::U16 | DType::U32 => v.to_string(),
        DType::F16 => format!("pack2x16float(vec2<f32>({v}, 0.0))"),
        DType::F32 => format!("bitcast<u32>({v})"),
        DType::I64 | DType::U64 | DType::F64 => unreachable!("8-byte types are stored typed"),
    }
}

pub(crate) fn accessors(k: usize, j: usize, b: &Binding, mode: Mode) -> String {
    let d = b.dtype;
    let class = d.storage_class();
    let atomic = is_atomic(b);
    let value_type = match (class, mode) {
        (StorageClass::Pair, Mode::Raw) => "vec2<u32>",
        (_, Mode::Raw) => "u32",
        (_, Mode::Typed) => d.compute_type(),
    };
    let mut out = String::new();
    // load
    let raw_load = match class {
        StorageClass::Word | StorageClass::Pair => format!("b{j}[i]"),
        StorageClass::Byte | StorageClass::Half => {
            let (shift, per, mask) = sub_word(class);
            let word = if atomic {
                format!("atomicLoad(&b{j}[i >> {shift}u])")
            } else {
                format!("b{j}[i >> {shift}u]")
            };
            format!(
                "(({word} >> ((i & {per}u) * {bits}u)) & {mask}u)",
                bits = 32 / (per + 1)
            )
        }
    };
    let load = match (class, mode) {
        (StorageClass::Pair, _) | (_, Mode::Raw) => raw_load,
        (_, Mode::Typed) => decode(d, &raw_load),
    };
    out.push_str(&format!(
        "fn ld{k}(i: u32) -> {value_type} {{\n    return {load};\n}}\n"
    ));
    if b.access == Access::Read {
        return out;
    }
    // store
    let bits = match (class, mode) {
        (StorageClass::Pair, _) | (_, Mode::Raw) => "v".to_string(),
        (_, Mode::Typed) => encode(d, "v"),
    };
    let store = match class {
        StorageClass::Word | StorageClass::Pair => format!("    b{j}[i] = {bits};\n"),
        StorageClass::Byte | StorageClass::Half => {
            let (shift, per, mask) = sub_word(class);
            let width = 32 / (per + 1);
            // Two atomics on disjoint bits commute, so invocations writing
            // other elements of the same word cannot lose this write.
            format!(
                "    let sh = (i & {per}u) * {width}u;\n    \
                 atomicAnd(&b{j}[i >> {shift}u], ~({mask}u << sh));\n    \
                 atomicOr(&b{j}[i >> {shift}u], ({bits} & {mask}u) << sh);\n"
            )
        }
    };
    out.push_str(&format!(
        "fn st{k}(i: u32, v: {value_type}) {{\n{store}}}\n"
    ));
    out
}

/// (index shift to the word, elements per word - 1, element mask).
fn sub_word(class: StorageClass) -> (u32, u32, &'static str) {
    match class {
        StorageClass::Byte => (2, 3, "0xff"),
        StorageClass::Half => (1, 1, "0xffff"),
        _ => unreachable!("only sub-word classes"),
    }
}

/// WGSL expression for scalar slot `s` (metadata words 8 + s, and 9 + s for
/// 64-bit types) decoded as dtype `d`'s compute type.
pub(crate) fn scalar(d: DType, s: usize) -> String {
    scalar_at(d, 8 + s)
}

/// [`scalar`] read from metadata words `word` and `word + 1`.
pub(crate) fn scalar_at(d: DType, word: usize) -> String {
    let w = |i: usize| format!("param({}u)", word + i);
    match d {
        DType::I64 => format!("bitcast<i64>((u64({}) << 32u) | u64({}))", w(1), w(0)),
        DType::U64 => format!("((u64({}) << 32u) | u64({}))", w(1), w(0)),
        DType::F64 => format!("bitcast<f64>((u64({}) << 32u) | u64({}))", w(1), w(0)),
        // f16 scalars travel as f32 bits: kernels compute f16 in f32.
        DType::F16 => format!("bitcast<f32>({})", w(0)),
        _ => decode(d, &w(0)),
    }
}

/// Metadata words carrying a scalar of dtype `d` (see [`scalar`]): the
/// element's bits, except float16 which travels as f32.
pub(crate) fn scalar_words(d: DType, bits: u64) -> [u32; 2] {
    let bits = match d {
        DType::F16 => half::f16::from_bits(bits as u16).to_f32().to_bits() as u64,
        _ => bits,
    };
    [bits as u32, (bits >> 32) as u32]
}

/// Generated programs by a signature that determines their source, so a
/// repeated operation neither regenerates WGSL nor rebuilds its key. The
/// source depends on nothing but the signature, so one cache serves every
/// device.
pub(super) fn memo(signature: String, build: impl FnOnce() -> Program) -> Arc<Program> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Program>>>> = OnceLock::new();
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

/// `p` specialised to launches of `nd` axes: the prelude's `RANK` class
/// (1 for rank 0 or 1, 2, or 3 for 3 and up) fixed, so the kernel carries
/// only the `locate` it needs. Memoised.
pub(crate) fn rank_variant(p: &Program, nd: usize) -> Arc<Program> {
    let class = nd.clamp(1, 3);
    memo(format!("{}:r{class}", p.key), || {
        let generic = "const RANK: u32 = 0u;";
        debug_assert!(p.source.contains(generic), "{} has no RANK", p.key);
        Program {
            key: format!("{}:r{class}", p.key),
            source: p
                .source
                .replacen(generic, &format!("const RANK: u32 = {class}u;"), 1),
            vec4: None,
            vec4_at0: None,
            tile4: None,
            ..p.clone()
        }
    })
}

// ----- the kernel families -----------------------------------------------------

/// The 16-bytes-per-invocation form of [`map`], when every array operand
/// is at most 4 bytes wide: bindings are `array<vec4<u32>>`, and each
/// invocation takes `16 / s` elements, `s` the smallest element size: one
/// vec4 of the narrowest operands, more of the wider ones (an f32 compare
/// into bool reads four vec4s and writes one). `expr` is applied to each
/// element, so packed types write whole words, with no atomics. `None`
/// when an operand is 8 bytes wide. Operand k's run starts at vec4
/// `param(4 + k)` of its window, or at 0 with `at0`.
fn map_vec4(
    at0: bool,
    family: &str,
    inputs: &[MapInput],
    bindings: &[Binding],
    out_binding: usize,
    expr: &str,
    helpers: &str,
) -> Option<Program> {
    if bindings.iter().any(|b| b.dtype.itemsize() > 4) {
        return None;
    }
    let narrowest = bindings.iter().map(|b| b.dtype.itemsize()).min()?;
    // Elements per invocation.
    let lanes = 16 / narrowest;
    // Where operand `o` of element size `isz` keeps vec4 `v` of this
    // invocation's elements.
    let at = |o: usize, isz: usize, v: usize| {
        let per = lanes * isz / 16;
        let base = if at0 {
            String::new()
        } else {
            format!("param({}u) + ", 4 + o)
        };
        format!("{base}loc.i * {per}u + {v}u")
    };
    // One lane function, called for each element with constant word and
    // shift: a loop over `w[c]` with a dynamic index compiles poorly.
    let mut operands = Vec::new();
    let mut params = Vec::new();
    let mut loads = String::new();
    let mut args: Vec<Vec<String>> = vec![Vec::new(); lanes];
    for (k, inp) in inputs.iter().enumerate() {
        let ct = inp.dtype().compute_type();
        params.push(format!("x{k}: {ct}"));
        match *inp {
            MapInput::Array { dtype, binding } => {
                let o = operands.len();
                let isz = dtype.itemsize();
                let (per_word, bits) = (4 / isz, 8 * isz);
                for v in 0..lanes * isz / 16 {
                    loads.push_str(&format!(
                        "    let w{k}_{v} = b{binding}[{}];\n",
                        at(o, isz, v)
                    ));
                }
                for (e, a) in args.iter_mut().enumerate() {
                    let word = e / per_word;
                    let w = format!("w{k}_{}.{}", word / 4, ["x", "y", "z", "w"][word % 4]);
                    let raw = if per_word == 1 {
                        w
                    } else {
                        let mask = (1u64 << bits) - 1;
                        format!("(({w} >> {}u) & {mask}u)", bits * (e % per_word))
                    };
                    a.push(decode(dtype, &raw));
                }
                operands.push(binding);
            }
            MapInput::Scalar { dtype, slot } => {
                scalar_lane_arg(k, dtype, slot, &mut loads, &mut args);
            }
        }
    }
    let out_k = operands.len();
    operands.push(out_binding);
    let out_dtype = bindings[out_binding].dtype;
    let mut src = vec4_prelude(operands.len(), bindings);
    src.push_str(helpers);
    src.push_str(&format!(
        "\nfn lane({}) -> u32 {{\n    return {};\n}}\n",
        params.join(", "),
        encode(out_dtype, &format!("({expr})"))
    ));
    // Each stored word: its elements' encoded bits, masked to their width
    // and shifted into place; four words to a vec4.
    let out_isz = out_dtype.itemsize();
    let (per_word, bits) = (4 / out_isz, 8 * out_isz);
    let words: Vec<String> = args
        .chunks(per_word)
        .map(|word| {
            if per_word == 1 {
                return format!("lane({})", word[0].join(", "));
            }
            let mask = (1u64 << bits) - 1;
            word.iter()
                .enumerate()
                .map(|(e, a)| format!("((lane({}) & {mask}u) << {}u)", a.join(", "), bits * e))
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect();
    let mut stores = String::new();
    for (v, four) in words.chunks(4).enumerate() {
        stores.push_str(&format!(
            "    b{out_binding}[{}] = vec4<u32>(\n        {},\n    );\n",
            at(out_k, out_isz, v),
            four.join(",\n        ")
        ));
    }
    src.push_str(&format!(
        "\n@compute @workgroup_size(16, 16, 1)\n\
         fn main(\n    @builtin(workgroup_id) wid: vec3<u32>,\n    @builtin(num_workgroups) nwg: vec3<u32>,\n    \
         @builtin(local_invocation_id) lid: vec3<u32>,\n    @builtin(local_invocation_index) lindex: u32,\n) {{\n    \
         let loc = locate_run0(wid, nwg, lindex);\n    if (!loc.ok) {{\n        return;\n    }}\n\
         {loads}{stores}}}\n"
    ));
    let mut key = format!("{family}.{}", if at0 { "v4z" } else { "v4" });
    for b in bindings {
        key.push(':');
        key.push_str(b.dtype.tag());
        key.push(if b.access == Access::Write { 'w' } else { 'r' });
    }
    key.push(':');
    for &o in &operands {
        key.push_str(&o.to_string());
    }
    Some(Program {
        key,
        source: src,
        operand_binding: operands,
        binding_itemsize: vec![16; bindings.len()],
        elementwise: true,
        features: Vec::new(),
        vec4: None,
        vec4_at0: None,
        tile4: None,
    })
}

/// Input `k` of a vectorised map, a scalar in metadata `slot`: loaded once
/// as `s{k}` and passed to every element's lane function.
pub(super) fn scalar_lane_arg(
    k: usize,
    dtype: DType,
    slot: usize,
    loads: &mut String,
    args: &mut [Vec<String>],
) {
    loads.push_str(&format!("    let s{k} = {};\n", scalar(dtype, slot)));
    for a in args.iter_mut() {
        a.push(format!("s{k}"));
    }
}

/// Strided copy of `dtype` elements from binding 0 to binding 1, or inside
/// one binding when `within` (the caller guarantees disjoint elements).
pub(crate) fn copy(dtype: DType, within: bool) -> Arc<Program> {
    memo(format!("copy:{}:{within}", dtype.tag()), || {
        copy_program(dtype, within)
    })
}

fn copy_program(dtype: DType, within: bool) -> Program {
    let body = &with_main(include_str!("../../shaders/copy.wgsl"));
    if within {
        assemble(
            "copy",
            Mode::Raw,
            &[Binding {
                dtype,
                access: Access::Write,
            }],
            &[0, 0],
            true,
            body,
        )
    } else {
        assemble(
            "copy",
            Mode::Raw,
            &[
                Binding {
                    dtype,
                    access: Access::Read,
                },
                Binding {
                    dtype,
                    access: Access::Write,
                },
            ],
            &[0, 1],
            true,
            body,
        )
    }
}

/// Writes scalar slot 0 (raw bits) into every element of one operand.
pub(crate) fn fill(dtype: DType) -> Arc<Program> {
    memo(format!("fill:{}", dtype.tag()), || fill_program(dtype))
}

fn fill_program(dtype: DType) -> Program {
    let value = match dtype.storage_class() {
        StorageClass::Pair => "vec2<u32>(param(8u), param(9u))",
        _ => "param(8u)",
    };
    let body = with_main(&include_str!("../../shaders/fill.wgsl").replace("FILL_VALUE", value));
    assemble(
        "fill",
        Mode::Raw,
        &[Binding {
            dtype,
            access: Access::Write,
        }],
        &[0],
        true,
        &body,
    )
}

/// `start + k * step` (scalar slots 0 and 2) into a contiguous operand.
pub(crate) fn arange(dtype: DType) -> Arc<Program> {
    memo(format!("arange:{}", dtype.tag()), || arange_program(dtype))
}

fn arange_program(dtype: DType) -> Program {
    let ct = dtype.compute_type();
    let body = with_main(include_str!("../../shaders/arange.wgsl"))
        .replace("CT", ct)
        .replace("START", &scalar(dtype, 0))
        .replace("STEP", &scalar(dtype, 2));
    assemble(
        "arange",
        Mode::Typed,
        &[Binding {
            dtype,
            access: Access::Write,
        }],
        &[0],
        false,
        &body,
    )
}

/// One input of an element-wise map: an array operand (its dtype and the
/// data binding it is read from) or a scalar in a metadata slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MapInput {
    Array { dtype: DType, binding: usize },
    Scalar { dtype: DType, slot: usize },
}

impl MapInput {
    /// The input's dtype.
    pub(crate) fn dtype(self) -> DType {
        match self {
            MapInput::Array { dtype, .. } | MapInput::Scalar { dtype, .. } => dtype,
        }
    }
}

/// An element-wise map: `expr` (WGSL over `x0`, `x1`, ... in the inputs'
/// compute types, giving the output's compute type) written to an output of
/// `out` dtype in binding `out_binding`. `bindings` lists every data
/// binding; array inputs that live in the output's buffer share its binding.
/// `helpers` is extra WGSL (functions the expression calls); `name` must
/// identify `expr` and `helpers` in the cache key.
pub(crate) fn map(
    name: &str,
    inputs: &[MapInput],
    bindings: &[Binding],
    out_binding: usize,
    expr: &str,
    helpers: &str,
) -> Arc<Program> {
    let signature = format!("map:{name}:{inputs:?}:{bindings:?}:{out_binding}");
    memo(signature, || {
        map_program(name, inputs, bindings, out_binding, expr, helpers)
    })
}

fn map_program(
    name: &str,
    inputs: &[MapInput],
    bindings: &[Binding],
    out_binding: usize,
    expr: &str,
    helpers: &str,
) -> Program {
    let mut operands = Vec::new();
    let mut loads = String::new();
    let mut family = format!("map.{name}");
    for (k, inp) in inputs.iter().enumerate() {
        match *inp {
            MapInput::Array { binding, .. } => {
                loads.push_str(&format!(
                    "let x{k} = ld{}(loc.at[{}]);\n    ",
                    operands.len(),
                    operands.len()
                ));
                operands.push(binding);
            }
            MapInput::Scalar { dtype, slot } => {
                family.push_str(&format!(".s{k}{}", dtype.tag()));
                loads.push_str(&format!("let x{k} = {};\n    ", scalar(dtype, slot)));
            }
        }
    }
    let out_k = operands.len();
    operands.push(out_binding);
    let body = with_main(include_str!("../../shaders/map.wgsl"))
        .replace("LOADS", loads.trim_end())
        .replace("STORE", &format!("st{out_k}(loc.at[{out_k}], {expr})"));
    let mut p = assemble(
        &family,
        Mode::Typed,
        bindings,
        &operands,
        true,
        &format!("{helpers}\n{body}"),
    );
    p.vec4 = map_vec4(false, &family, inputs, bindings, out_binding, expr, helpers).map(Box::new);
    p.vec4_at0 =
        map_vec4(true, &family, inputs, bindings, out_binding, expr, helpers).map(Box::new);
    if bindings
        .iter()
        .all(|b| b.dtype.storage_class() == StorageClass::Word)
    {
        p.tile4 = Some(Arc::new(MapSpec {
            family: family.clone(),
            inputs: inputs.to_vec(),
            bindings: bindings.to_vec(),
            out_binding,
            expr: expr.to_string(),
            helpers: helpers.to_string(),
            features: p.features.clone(),
            vec8: Default::default(),
        }));
    }
    // Scalars of 64-bit types need the feature even without such a binding.
    for inp in inputs {
        if let MapInput::Scalar { dtype, .. } = inp {
            for f in dtype
                .feature()
                .into_iter()
                .chain((*dtype == DType::F64).then_some(Feature::ShaderInt64))
            {
                if !p.features.contains(&f) {
                    p.features.push(f);
                }
            }
        }
    }
    if let Some(spec) = p.tile4.as_mut() {
        Arc::make_mut(spec).features = p.features.clone();
    }
    p
}

/// The start of a kernel that reads its bindings as `array<vec4<u32>>`
/// (the vec4 map and the 4x4-block map): the shared prelude, the operand
/// count and one binding declaration per buffer.
pub(super) fn vec4_prelude(nops: usize, bindings: &[Binding]) -> String {
    let mut src = String::with_capacity(PRELUDE.len() + 4096);
    src.push_str(PRELUDE);
    src.push_str(&format!("\nconst NOPS: u32 = {nops}u;\n\n"));
    for (j, b) in bindings.iter().enumerate() {
        let access = if b.access == Access::Write {
            "read_write"
        } else {
            "read"
        };
        src.push_str(&format!(
            "@group(0) @binding({}) var<storage, {access}> b{j}: array<vec4<u32>>;\n",
            j + 1
        ));
    }
    src
}

#[cfg(test)]
#[path = "codegen_tests.rs"]
pub(crate) mod tests;
