//! The WGSL program of one reduction pass: the wide, 16-byte-load and
//! narrow mappings, first/last pass conversions and finalisation.

use super::*;

/// What a pass reads and writes, which fixes its program.
#[derive(Debug, Clone, Copy)]
pub(super) struct PassKind {
    /// Reads the user's input (else partial states of a previous pass).
    pub(super) first: bool,
    /// Writes the result (else partial states).
    pub(super) last: bool,
    pub(super) wide: bool,
    /// The wide mapping with 16-byte loads (`shaders/reduce_wide4.wgsl`):
    /// a first pass over aligned contiguous runs of 4-byte elements.
    pub(super) vec4: bool,
    /// In the 16-byte-load wide mapping, each lane folds a contiguous run
    /// of vec4s (on CPU adapters) instead of every L-th vec4 of its chunk.
    pub(super) runs: bool,
    /// In the 16-byte-load wide mapping, each load is a `vec4<u64>` of 8
    /// elements (CPU adapters with 64-bit integers; runs of whole loads).
    pub(super) vec8: bool,
    /// The narrow mapping with 16-byte loads (`shaders/reduce_narrow4.wgsl`):
    /// a first pass whose innermost kept axis is a contiguous run of 4-byte
    /// elements, four outputs per invocation (a sum over a leading axis).
    pub(super) col4: bool,
    /// One reduced axis (after merging): the kernel carries only that
    /// loop (lavapipe runs a kernel that merely contains the general
    /// multi-axis loop at about half speed).
    pub(super) inner1: bool,
    /// At most one kept axis (after merging): an output's position is a
    /// product, without the division per invocation of the general walk.
    pub(super) outer1: bool,
    /// Dtype of the values read.
    pub(super) input: DType,
}

/// WGSL for `e` (of compute type `from`) as compute type `to`. Integer
/// conversions change width within the source's signedness first, then
/// reinterpret, so sign and zero extension follow the source as in C.
pub(crate) fn convert(e: &str, from: &str, to: &str) -> String {
    if from == to {
        return e.to_string();
    }
    if from == "bool" {
        return format!("select({to}(0), {to}(1), {e})");
    }
    if to == "bool" {
        return format!("({e} != {from}(0))");
    }
    let int = |t: &str| t.starts_with('i') || t.starts_with('u');
    if int(from) && int(to) {
        let width = &to[1..];
        let same_sign = format!("{}{width}", &from[..1]);
        let e1 = if same_sign == from {
            e.to_string()
        } else {
            format!("{same_sign}({e})")
        };
        return if same_sign == to {
            e1
        } else {
            format!("bitcast<{to}>({e1})")
        };
    }
    format!("{to}({e})")
}

/// Largest (`max`) or smallest value of compute type `ct`, as WGSL.
pub(super) fn extreme(ct: &str, max: bool) -> &'static str {
    match (ct, max) {
        ("f32", true) => "bitcast<f32>(0x7f800000u)",
        ("f32", false) => "bitcast<f32>(0xff800000u)",
        ("f64", true) => "bitcast<f64>(u64(0x7ff00000u) << 32u)",
        ("f64", false) => "bitcast<f64>(u64(0xfff00000u) << 32u)",
        ("i32", true) => "bitcast<i32>(0x7fffffffu)",
        ("i32", false) => "bitcast<i32>(0x80000000u)",
        ("u32", true) => "0xffffffffu",
        ("u32", false) => "0u",
        ("i64", true) => "bitcast<i64>((u64(0x7fffffffu) << 32u) | u64(0xffffffffu))",
        ("i64", false) => "bitcast<i64>(u64(0x80000000u) << 32u)",
        ("u64", true) => "(~u64(0u))",
        ("u64", false) => "u64(0u)",
        _ => unreachable!("accumulators are words or pairs"),
    }
}

/// The program of pass `pk` of `spec`; with `load` (a first pass), the
/// values are computed from the load's leaves (bindings 0.. in order).
pub(super) fn program(spec: &Spec, pk: PassKind, load: Option<&FusedLoad>) -> Program {
    let arg = spec.kind.is_arg();
    let leaves: Vec<DType> = match load {
        Some(f) => f.leaves.iter().map(|l| l.dtype).collect(),
        None => vec![pk.input],
    };
    let mut bindings: Vec<Binding> = leaves
        .iter()
        .map(|&dtype| Binding {
            dtype,
            access: Access::Read,
        })
        .collect();
    let in_idx = !pk.first && arg;
    if in_idx {
        bindings.push(Binding {
            dtype: DType::U32,
            access: Access::Read,
        });
    }
    let out_k = bindings.len();
    let out_dtype = match (pk.last, arg) {
        (true, true) => DType::U32, // i64 results as (index, 0) word pairs
        (true, false) => spec.out,
        (false, _) => spec.acc,
    };
    bindings.push(Binding {
        dtype: out_dtype,
        access: Access::Write,
    });
    if !pk.last && arg {
        bindings.push(Binding {
            dtype: DType::U32,
            access: Access::Write,
        });
    }
    let operands: Vec<usize> = (0..bindings.len()).collect();

    let a = spec.acc.compute_type();
    let float = a.starts_with('f');
    let mut h = String::new();
    h.push_str(&format!("alias Acc = {a};\n"));
    h.push_str("struct State {\n    v: Acc,\n    i: u32,\n}\n");
    h.push_str(match a {
        "f32" => "fn nan_(x: Acc) -> bool {\n    return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;\n}\n",
        "f64" => "fn nan_(x: Acc) -> bool {\n    let b = bitcast<u64>(x);\n    let hi = u32(b >> 32u) & 0x7fffffffu;\n    let lo = u32(b & u64(0xffffffffu));\n    return hi > 0x7ff00000u || (hi == 0x7ff00000u && lo != 0u);\n}\n",
        _ => "fn nan_(x: Acc) -> bool {\n    return false;\n}\n",
    });
    let ident = match spec.kind {
        Kind::Add => format!("{a}(0)"),
        Kind::Mul => format!("{a}(1)"),
        Kind::Min | Kind::ArgMin => extreme(a, true).to_string(),
        Kind::Max | Kind::ArgMax => extreme(a, false).to_string(),
    };
    h.push_str(&format!(
        "fn ident() -> State {{\n    return State({ident}, 0xffffffffu);\n}}\n"
    ));
    let merge = match spec.kind {
        Kind::Add => "    return State(a.v + b.v, 0u);\n".to_string(),
        Kind::Mul => "    return State(a.v * b.v, 0u);\n".to_string(),
        Kind::Min | Kind::Max if !float => format!(
            "    return State({}(a.v, b.v), 0u);\n",
            if spec.kind == Kind::Min { "min" } else { "max" }
        ),
        Kind::Min | Kind::Max => format!(
            "    if (nan_(a.v)) {{\n        return a;\n    }}\n    \
             if (nan_(b.v) || b.v {} a.v) {{\n        return b;\n    }}\n    return a;\n",
            if spec.kind == Kind::Min { "<" } else { ">" }
        ),
        Kind::ArgMin | Kind::ArgMax => format!(
            "    let an = nan_(a.v);\n    let bn = nan_(b.v);\n    \
             if (an || bn) {{\n        if (bn && (!an || b.i < a.i)) {{\n            return b;\n        }}\n        return a;\n    }}\n    \
             if (b.v {} a.v || (b.v == a.v && b.i < a.i)) {{\n        return b;\n    }}\n    return a;\n",
            if spec.kind == Kind::ArgMin { "<" } else { ">" }
        ),
    };
    h.push_str(&format!(
        "fn merge(a: State, b: State) -> State {{\n{merge}}}\n"
    ));
    let at = "u32(i32(param(4u)) + rel)";
    // The accumulator value of an input element `x` of the first pass.
    let value_of = |x: String| {
        let ct = pk.input.compute_type();
        if spec.truthy {
            // Bit tests for floats: a NaN is true, -0.0 false, and no
            // comparison of a NaN is left to the driver.
            let b = match ct {
                "bool" => x,
                "f32" => format!("(bitcast<u32>({x}) & 0x7fffffffu) != 0u"),
                "f64" => format!("(bitcast<u64>({x}) & ~(u64(1u) << 63u)) != u64(0u)"),
                _ => format!("{x} != {ct}(0)"),
            };
            format!("select(0u, 1u, {b})")
        } else {
            convert(&x, ct, a)
        }
    };
    if let Some(f) = load {
        // The chain over one element of each leaf, each at its own offset
        // in its window (extra words after the chain's own).
        let words = EXTRA_BASE + f.extra.len();
        let args: Vec<String> = (0..leaves.len())
            .map(|l| format!("ld{l}(u32(i32(param({}u)) + rel))", words + l))
            .collect();
        h.push_str(&f.source);
        h.push_str(&format!(
            "fn fz_in(rel: i32) -> {} {{\n    return fz_chain({});\n}}\n",
            pk.input.compute_type(),
            args.join(", ")
        ));
        if pk.vec4 || pk.col4 {
            // Four elements of each leaf's raw words to the input's words.
            let params: Vec<String> = (0..leaves.len())
                .map(|l| format!("x{l}: vec4<u32>"))
                .collect();
            let comp = |c: char| {
                let xs: Vec<String> = leaves
                    .iter()
                    .enumerate()
                    .map(|(l, &d)| codegen::decode(d, &format!("x{l}.{c}")))
                    .collect();
                codegen::encode(pk.input, &format!("fz_chain({})", xs.join(", ")))
            };
            h.push_str(&format!(
                "fn fz_vec({}) -> vec4<u32> {{\n    return vec4<u32>({}, {}, {}, {});\n}}\n",
                params.join(", "),
                comp('x'),
                comp('y'),
                comp('z'),
                comp('w')
            ));
        }
    }
    let load_fn = if pk.first && load.is_some() {
        format!("    return State({}, ix);\n", value_of("fz_in(rel)".into()))
    } else if pk.first {
        format!(
            "    return State({}, ix);\n",
            value_of(format!("ld0({at})"))
        )
    } else if in_idx {
        format!("    return State(ld0({at}), ld1(u32(i32(param(5u)) + rel)));\n")
    } else {
        format!("    return State(ld0({at}), ix);\n")
    };
    // The vec4 of each leaf (the input alone without a fused load) made
    // into the input's vec4.
    let of_leaves = |vs: Vec<String>| match load {
        Some(_) => format!("fz_vec({})", vs.join(", ")),
        None => vs.join(", "),
    };
    if pk.vec4 || pk.col4 {
        h.push_str(&format!(
            "fn lane(r: u32) -> State {{\n    return State({}, 0u);\n}}\n",
            value_of(codegen::decode(pk.input, "r"))
        ));
    }
    if (pk.vec4 || pk.col4) && !pk.vec8 {
        let vs = (0..leaves.len()).map(|l| format!("b{l}[k]")).collect();
        h.push_str(&format!(
            "fn load4(k: u32) -> vec4<u32> {{\n    return {};\n}}\n",
            of_leaves(vs)
        ));
    }
    h.push_str(&format!(
        "fn load(rel: i32, ix: u32) -> State {{\n{load_fn}}}\n"
    ));
    let o = out_k;
    let emit = match (pk.last, arg) {
        (true, true) => format!(
            "    let at = u32(i32(param(6u)) + rel);\n    st{o}(at, s.i);\n    st{o}(at + 1u, 0u);\n"
        ),
        (true, false) => {
            let v = if spec.mean {
                format!("(s.v / ({a}(param(11u)) + {a}(param(12u)) * 4294967296.0))")
            } else {
                "s.v".to_string()
            };
            format!(
                "    st{o}(u32(i32(param(6u)) + rel), {});\n",
                convert(&v, a, spec.out.compute_type())
            )
        }
        (false, false) => format!("    st{o}(u32(i32(param(6u)) + rel), s.v);\n"),
        (false, true) => format!(
            "    st{o}(u32(i32(param(6u)) + rel), s.v);\n    st{}(u32(i32(param(7u)) + rel), s.i);\n",
            o + 1
        ),
    };
    h.push_str(&format!("fn emit(rel: i32, s: State) {{\n{emit}}}\n\n"));
    h.push_str(include_str!("../../../shaders/reduce.wgsl"));
    h.push('\n');
    if pk.wide {
        h.push_str(&format!(
            "const WIDE_K: u32 = {}u;\n",
            wide_k(pk.input, spec.acc)
        ));
    }
    h.push_str(&format!("const INNER1: bool = {};\n", pk.inner1));
    h.push_str(&format!("const OUTER1: bool = {};\n", pk.outer1));
    if pk.col4 {
        h.push_str(&format!("const COL_CHUNK: u32 = {COL_CHUNK}u;\n"));
    }
    if pk.vec4 || pk.col4 {
        h.push_str(include_str!("../../../shaders/reduce_fold4.wgsl"));
    }
    if pk.vec4 {
        h.push_str(&format!("const LANE_RUNS: bool = {};\n", pk.runs));
        // Elements per load, and loads per block: WIDE_K values per state.
        let k = wide_k(pk.input, spec.acc);
        let (shift, block) = if pk.vec8 { (3, k / 2) } else { (2, k) };
        h.push_str(&format!(
            "const LOAD_SHIFT: u32 = {shift}u;\nconst BLOCK: u32 = {block}u;\n"
        ));
        if pk.vec8 {
            // Words 0..3 and 4..7 of each leaf's load, each folded as a vec4.
            let half = |e: usize| {
                let vs = (0..leaves.len())
                    .map(|l| {
                        let w: Vec<String> =
                            (e..e + 4).map(|e| u64_word(&format!("v{l}"), e)).collect();
                        format!("vec4<u32>({})", w.join(", "))
                    })
                    .collect();
                of_leaves(vs)
            };
            let lets: String = (0..leaves.len())
                .map(|l| format!("    let v{l} = b{l}[k];\n"))
                .collect();
            h.push_str(&format!(
                "fn fold_at(s: Fold4, k: u32) -> Fold4 {{\n{lets}    \
                 return fold4(fold4(s, {}), {});\n}}\n",
                half(0),
                half(4)
            ));
        } else {
            h.push_str(
                "fn fold_at(s: Fold4, k: u32) -> Fold4 {\n    return fold4(s, load4(k));\n}\n",
            );
        }
    }
    h.push_str(if pk.vec4 {
        include_str!("../../../shaders/reduce_wide4.wgsl")
    } else if pk.col4 {
        include_str!("../../../shaders/reduce_narrow4.wgsl")
    } else if pk.wide {
        include_str!("../../../shaders/reduce_wide.wgsl")
    } else {
        include_str!("../../../shaders/reduce_narrow.wgsl")
    });
    let family = format!(
        "reduce-{}{}{}-{}{}{}{}{}-{}{}",
        spec.kind.name(),
        if spec.truthy { "-truthy" } else { "" },
        if spec.mean { "-mean" } else { "" },
        if pk.first { "first" } else { "combine" },
        if pk.last { "-last" } else { "" },
        match (pk.wide, pk.vec4, pk.col4) {
            (true, true, _) if pk.vec8 => "-wide8runs",
            (true, true, _) if pk.runs => "-wide4runs",
            (true, true, _) => "-wide4",
            (true, false, _) => "-wide",
            (false, _, true) => "-narrow4",
            _ => "-narrow",
        },
        if pk.inner1 { "-q1" } else { "" },
        if pk.outer1 { "-p1" } else { "" },
        spec.acc.tag(),
        match load {
            Some(f) => format!("-fz{}", f.id),
            None => String::new(),
        },
    );
    let mut p = codegen::assemble(&family, Mode::Typed, &bindings, &operands, false, &h);
    if pk.vec4 || pk.col4 {
        // The input (each leaf) as vec4s (of u64 with `vec8`); its scalar
        // accessor picks a component (and half).
        for l in 0..leaves.len() {
            let decl = format!(
                "@group(0) @binding({}) var<storage, read> b{l}: array<u32>;",
                l + 1
            );
            let b = format!("b{l}");
            debug_assert!(p.source.contains(&decl) && p.source.contains(&format!("{b}[i]")));
            let (ty, at) = if pk.vec8 {
                (
                    "vec4<u64>",
                    format!(
                        "u32(({b}[i >> 3u][(i >> 1u) & 3u] >> (32u * (i & 1u))) & 0xfffffffflu)"
                    ),
                )
            } else {
                ("vec4<u32>", format!("{b}[i >> 2u][i & 3u]"))
            };
            p.source = p
                .source
                .replace(&decl, &decl.replace("array<u32>", &format!("array<{ty}>")))
                .replace(&format!("{b}[i]"), &at);
        }
        if pk.vec8 && !p.features.contains(&Feature::ShaderInt64) {
            p.features.push(Feature::ShaderInt64);
        }
    }
    // The accumulator's arithmetic may need a feature no binding names.
    if let Some(f) = spec.acc.feature()
        && !p.features.contains(&f)
    {
        p.features.push(f);
    }
    p
}
