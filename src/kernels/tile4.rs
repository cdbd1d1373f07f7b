//! The 4x4-block form of an element-wise map (`a.T + b`): each
//! invocation computes a 4 x 4 block of a rank-2 output from whole
//! `vec4<u32>` loads, rows of row-major operands and columns of transposed
//! ones, transposed in registers. Chosen by `launch::tile4_dispatch`.

use std::sync::{Arc, OnceLock};

use super::codegen::*;
use crate::dtype::Feature;

/// What a map over 4-byte words computes, kept for its [`map_tile4`] forms
/// and its 32-byte-load form (`vec8::map_vec8`).
#[derive(Debug, Clone)]
pub(crate) struct MapSpec {
    pub(super) family: String,
    pub(super) inputs: Vec<MapInput>,
    pub(super) bindings: Vec<Binding>,
    pub(super) out_binding: usize,
    pub(super) expr: String,
    pub(super) helpers: String,
    pub(super) features: Vec<Feature>,
    /// Its two 32-byte-load programs (offset-free, then with offsets),
    /// made at the first launch that takes them: a later launch finds
    /// them here without building their cache key again.
    pub(super) vec8: [OnceLock<Arc<Program>>; 2],
}

/// How an operand of a rank-2 launch is read by [`map_tile4`]: rows
/// (stride 1 along the inner axis) or columns (stride 1 along the outer
/// one), each starting on a 16-byte boundary of its window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TileRead {
    Rows,
    Cols,
}

/// Workgroup shape of [`map_tile4`] (x over 4-column blocks, y over 4-row
/// blocks): on lavapipe 64 x 4 and 32 x 8 ran the fastest of the shapes
/// tried (256 x 1 to 8 x 32), 16 x 16 about 1.5x slower.
pub(crate) const TILE4_WG: [u32; 2] = [64, 4];

/// A rank-2 map over 4-byte words (every binding float32, int32 or
/// uint32) in which each invocation computes a 4 x 4 block of the output
/// from whole `vec4<u32>` loads: an operand read by rows loads its four
/// rows, one read by columns (a transposed view) its four columns, and the
/// block is transposed in registers. The output is read by rows. A
/// one-element-per-invocation kernel gathers a transposed operand element
/// by element; this form was ~4-5x faster on lavapipe for `a.T + b`, and
/// on a GPU it turns 4-byte strided reads into 16-byte ones.
///
/// Metadata as a rank-2 block of `pack_meta` (lanes 1): shape at words 12
/// and 13, operand k's offset (a multiple of 4) at word 4 + k and strides
/// at 14 + 2k, 15 + 2k (the one of the row or column step a multiple of
/// 4, the other 1). The launcher keeps the shape a multiple of 4 each way.
pub(crate) fn map_tile4(spec: &MapSpec, reads: &[TileRead]) -> Arc<Program> {
    let mut sig = format!(
        "tile4:{}:{:?}:{:?}:{}:",
        spec.family, spec.inputs, spec.bindings, spec.out_binding
    );
    for r in reads {
        sig.push(if *r == TileRead::Rows { 'r' } else { 'c' });
    }
    memo(sig.clone(), || map_tile4_program(spec, reads, sig))
}

fn map_tile4_program(spec: &MapSpec, reads: &[TileRead], key: String) -> Program {
    let mut operands = Vec::new();
    let mut params = Vec::new();
    let mut loads = String::new();
    // args[i][j]: the lane arguments of element (i, j) of the block.
    let mut args: Vec<Vec<Vec<String>>> = vec![vec![Vec::new(); 4]; 4];
    let xyzw = ["x", "y", "z", "w"];
    for (k, inp) in spec.inputs.iter().enumerate() {
        let ct = inp.dtype().compute_type();
        params.push(format!("x{k}: {ct}"));
        match *inp {
            MapInput::Array { dtype, binding } => {
                let o = operands.len();
                let rows = reads[o] == TileRead::Rows;
                // Rows: vector v is row r0 + v; columns: column c0 + v.
                let (stride_word, step, along) = if rows {
                    (14 + 2 * o, "br", "bc")
                } else {
                    (15 + 2 * o, "bc", "br")
                };
                for v in 0..4 {
                    loads.push_str(&format!(
                        "    let w{k}_{v} = b{binding}[(param({}u) >> 2u) + ({step} * 4u + {v}u) * (param({stride_word}u) >> 2u) + {along}];
",
                        4 + o
                    ));
                }
                for (i, row) in args.iter_mut().enumerate() {
                    for (j, a) in row.iter_mut().enumerate() {
                        let w = if rows {
                            format!("w{k}_{i}.{}", xyzw[j])
                        } else {
                            format!("w{k}_{j}.{}", xyzw[i])
                        };
                        a.push(decode(dtype, &w));
                    }
                }
                operands.push(binding);
            }
            MapInput::Scalar { dtype, slot } => {
                loads.push_str(&format!(
                    "    let s{k} = {};
",
                    scalar(dtype, slot)
                ));
                for row in args.iter_mut() {
                    for a in row.iter_mut() {
                        a.push(format!("s{k}"));
                    }
                }
            }
        }
    }
    let out_k = operands.len();
    operands.push(spec.out_binding);
    let out_dtype = spec.bindings[spec.out_binding].dtype;
    let mut src = vec4_prelude(operands.len(), &spec.bindings);
    src.push_str(&spec.helpers);
    src.push_str(&format!(
        "\nfn lane({}) -> u32 {{\n    return {};\n}}\n",
        params.join(", "),
        encode(out_dtype, &format!("({})", spec.expr))
    ));
    let mut stores = String::new();
    for (i, row) in args.iter().enumerate() {
        let words: Vec<String> = row
            .iter()
            .map(|a| format!("lane({})", a.join(", ")))
            .collect();
        stores.push_str(&format!(
            "    b{}[(param({}u) >> 2u) + (br * 4u + {i}u) * (param({}u) >> 2u) + bc] = vec4<u32>(\n        {},\n    );\n",
            spec.out_binding,
            4 + out_k,
            14 + 2 * out_k,
            words.join(",\n        ")
        ));
    }
    let [wx, wy] = TILE4_WG;
    src.push_str(&format!(
        "\n@compute @workgroup_size({wx}, {wy}, 1)\n\
         fn main(@builtin(global_invocation_id) gid: vec3<u32>) {{\n    \
         let bc = gid.x;\n    let br = gid.y;\n    \
         if (bc * 4u >= param(13u) || br * 4u >= param(12u)) {{\n        return;\n    }}\n\
         {loads}{stores}}}\n"
    ));
    Program {
        key,
        source: src,
        operand_binding: operands,
        binding_itemsize: vec![16; spec.bindings.len()],
        elementwise: true,
        features: spec.features.clone(),
        vec4: None,
        vec4_at0: None,
        tile4: None,
    }
}
