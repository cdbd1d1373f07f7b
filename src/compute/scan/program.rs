//! The WGSL of one scan pass: the chunk walk of `shaders/scan.wgsl` with
//! the pass's load, fold, and what it does at each element (fold only,
//! write the running result, or write a compacted entry).

use super::{Combine, Load, Spec};
use crate::compute::reduce::convert;
use crate::dtype::DType;
use crate::kernels::codegen::{self, Access, Binding, Mode, Program};

/// What a pass does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pass {
    /// Folds each chunk and writes its total to `[row][chunk]`.
    Totals,
    /// Writes every running result; `carry`: chunks after the first start
    /// from the scanned totals of the chunks before them.
    Scan { carry: bool },
    /// For each non-zero element, writes its entry at its rank among the
    /// non-zero elements (the carry is the scanned chunk counts): `coords`,
    /// its index along every axis of the unravel table as int64 (two u32
    /// words each); else one u32, the dot product of those indices with
    /// the table's weights (an element offset).
    Compact { coords: bool },
}

/// The shape of a pass's program (each is its own pipeline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Variant {
    pub pass: Pass,
    /// One scanned axis (no odometer in the walk).
    pub inner1: bool,
    /// Neighbouring invocations take neighbouring rows.
    pub row_fast: bool,
    /// Counting packed 1-byte elements at unit stride, a word at a time
    /// (totals and compaction of a truthiness scan; rows start on a word).
    pub words: bool,
}

/// Whether the value is non-zero, from raw bits `r` of dtype `d` (a `u32`,
/// or `vec2<u32>` for 8-byte types): -0.0 is zero, NaN is not.
fn truthy_bits(d: DType, r: &str) -> String {
    match d {
        DType::F16 => format!("(({r} & 0x7fffu) != 0u)"),
        DType::F32 => format!("(({r} & 0x7fffffffu) != 0u)"),
        DType::F64 => format!("((({r}).x | (({r}).y & 0x7fffffffu)) != 0u)"),
        DType::I64 | DType::U64 => format!("((({r}).x | ({r}).y) != 0u)"),
        _ => format!("({r} != 0u)"),
    }
}

/// Whether the value is non-zero, from a typed value `x` of dtype `d`.
fn truthy_typed(d: DType, x: &str) -> String {
    match d.compute_type() {
        "bool" => x.to_string(),
        "f32" => format!("((bitcast<u32>({x}) & 0x7fffffffu) != 0u)"),
        "f64" => format!("((bitcast<u64>({x}) & ~(u64(1u) << 63u)) != u64(0u))"),
        ct => format!("({x} != {ct}(0))"),
    }
}

pub(super) fn program(spec: &Spec, v: Variant) -> Program {
    let raw = spec.load == Load::Truthy;
    let mode = if raw { Mode::Raw } else { Mode::Typed };
    let mut bindings = vec![Binding {
        dtype: spec.input,
        access: Access::Read,
    }];
    let carry = match v.pass {
        Pass::Totals => false,
        Pass::Scan { carry } => carry,
        Pass::Compact { .. } => true,
    };
    if carry {
        bindings.push(Binding {
            dtype: spec.acc,
            access: Access::Read,
        });
    }
    let out_dtype = match v.pass {
        Pass::Totals => spec.acc,
        Pass::Scan { .. } => spec.out,
        Pass::Compact { .. } => DType::U32,
    };
    bindings.push(Binding {
        dtype: out_dtype,
        access: Access::Write,
    });
    let o = bindings.len() - 1;
    let operands: Vec<usize> = (0..bindings.len()).collect();

    let a = if raw { "u32" } else { spec.acc.compute_type() };
    let mut h = format!("alias Acc = {a};\n");
    let (ident, comb) = match spec.combine {
        // -0.0 for floats: NumPy's first result is the first element
        // itself, -0.0 included (+0.0 + -0.0 would be +0.0).
        Combine::Add if a.starts_with('f') => (format!("{a}(-0.0)"), "a + b"),
        Combine::Add => (format!("{a}(0)"), "a + b"),
        Combine::Mul => (format!("{a}(1)"), "a * b"),
        Combine::Or => ("0u".to_string(), "a | b"),
        Combine::And => ("1u".to_string(), "a & b"),
    };
    h.push_str(&format!(
        "fn ident() -> Acc {{\n    return {ident};\n}}\nfn comb(a: Acc, b: Acc) -> Acc {{\n    return {comb};\n}}\n"
    ));
    let value = if raw {
        format!("select(0u, 1u, {})", truthy_bits(spec.input, "ld0(i)"))
    } else if matches!(spec.combine, Combine::Or | Combine::And) {
        format!("select(0u, 1u, {})", truthy_typed(spec.input, "ld0(i)"))
    } else {
        let ct = spec.input.compute_type();
        let x = convert("ld0(i)", ct, a);
        if spec.out == DType::F16 && !matches!(spec.input, DType::F16 | DType::Bool) {
            // NumPy casts the input to float16 first (dtype=float16).
            format!("unpack2x16float(pack2x16float(vec2<f32>(f32({x}), 0.0))).x")
        } else {
            x
        }
    };
    h.push_str(&format!(
        "fn value(i: u32) -> Acc {{\n    return {value};\n}}\n"
    ));
    if carry {
        h.push_str("fn carry(i: u32) -> Acc {\n    return ld1(i);\n}\n");
    } else {
        h.push_str("fn carry(i: u32) -> Acc {\n    return ident();\n}\n");
    }
    let stored = if out_dtype == DType::Bool && !raw {
        "(v != 0u)".to_string()
    } else {
        "v".to_string()
    };
    h.push_str(&format!(
        "fn put(i: u32, v: Acc) {{\n    st{o}(i, {stored});\n}}\n"
    ));
    match v.pass {
        Pass::Totals => h.push_str(
            "fn visit(acc: Acc, j: u32, at: u32, o: u32) -> Acc {\n    return comb(acc, value(at));\n}\n\
             fn total(i: u32, v: Acc) {\n    put(i, v);\n}\n",
        ),
        Pass::Scan { .. } => h.push_str(
            "fn visit(acc: Acc, j: u32, at: u32, o: u32) -> Acc {\n    let r = comb(acc, value(at));\n    put(o, r);\n    return r;\n}\n\
             fn total(i: u32, v: Acc) {\n}\n",
        ),
        Pass::Compact { coords } => {
            let emit = if coords {
                format!(
                    "    let u = param(11u);\n    let base = param(6u) + k * u * 2u;\n    var rem = j;\n    \
                     for (var a = u; a > 0u; a = a - 1u) {{\n        let len = u_len(a - 1u);\n        \
                     st{o}(base + 2u * (a - 1u), rem % len);\n        st{o}(base + 2u * (a - 1u) + 1u, 0u);\n        \
                     rem = rem / len;\n    }}\n"
                )
            } else {
                // One axis (the table merges where it can): no division.
                format!(
                    "    if (param(11u) == 1u) {{\n        st{o}(param(6u) + k, j * u_w(0u));\n        return;\n    }}\n    \
                     var rem = j;\n    var off = 0u;\n    \
                     for (var a = param(11u); a > 0u; a = a - 1u) {{\n        let len = u_len(a - 1u);\n        \
                     off = off + (rem % len) * u_w(a - 1u);\n        rem = rem / len;\n    }}\n    \
                     st{o}(param(6u) + k, off);\n"
                )
            };
            h.push_str(&format!(
                "fn emit(k: u32, j: u32) {{\n{emit}}}\n\
                 fn visit(acc: Acc, j: u32, at: u32, o: u32) -> Acc {{\n    let v = value(at);\n    \
                 if (v != 0u) {{\n        emit(acc, j);\n    }}\n    return acc + v;\n}}\n\
                 fn total(i: u32, v: Acc) {{\n}}\n"
            ));
        }
    }
    let visit_word = match v.pass {
        Pass::Compact { .. } => {
            "fn visit_word(acc: Acc, j: u32, t: u32) -> Acc {\n    if (t == 0u) {\n        return acc;\n    }\n    var a = acc;\n    \
             for (var b = 0u; b < 4u; b = b + 1u) {\n        if (((t >> (8u * b + 7u)) & 1u) != 0u) {\n            emit(a, j + b);\n            a = a + 1u;\n        }\n    }\n    return a;\n}\n"
        }
        _ if raw => {
            "fn visit_word(acc: Acc, j: u32, t: u32) -> Acc {\n    return acc + countOneBits(t);\n}\n"
        }
        _ => "fn visit_word(acc: Acc, j: u32, t: u32) -> Acc {\n    return acc;\n}\n",
    };
    h.push_str(visit_word);
    h.push_str("fn word(i: u32) -> u32 {\n");
    // Only a raw program over 1-byte elements has words to count.
    let words = v.words && raw && spec.input.itemsize() == 1;
    h.push_str(if words {
        "    return b0[i];\n}\n"
    } else {
        "    return 0u;\n}\n"
    });
    h.push_str(&format!("const WORDS: bool = {words};\n"));
    h.push_str(&format!(
        "const CARRY: bool = {carry};\nconst INNER1: bool = {};\nconst ROW_FAST: bool = {};\nconst TOTALS: bool = {};\nconst UNROLL: bool = {};\n\n",
        v.inner1,
        v.row_fast,
        v.pass == Pass::Totals,
        !matches!(v.pass, Pass::Compact { .. })
    ));
    h.push_str(include_str!("../../../shaders/scan.wgsl"));
    let pass = match v.pass {
        Pass::Totals => "totals",
        Pass::Scan { carry: true } => "scan-carry",
        Pass::Scan { carry: false } => "scan",
        Pass::Compact { coords: true } => "compact-coords",
        Pass::Compact { coords: false } => "compact-offsets",
    };
    let family = format!(
        "scan-{}{}-{pass}{}{}{}-{}-{}",
        spec.combine.name(),
        if raw { "-truthy" } else { "" },
        if v.inner1 { "-q1" } else { "" },
        if v.row_fast { "-rows" } else { "" },
        if words { "-words" } else { "" },
        spec.acc.tag(),
        spec.out.tag(),
    );
    let mut p = codegen::assemble(&family, mode, &bindings, &operands, false, &h);
    // The accumulator's arithmetic may need a feature no binding names.
    if !raw
        && let Some(f) = spec.acc.feature()
        && !p.features.contains(&f)
    {
        p.features.push(f);
    }
    p
}
