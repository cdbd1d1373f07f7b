//! The 32-byte-load form of an element-wise map over 4-byte words, for CPU
//! adapters ([`crate::Tuning`]) with 64-bit integers: each invocation
//! loads eight elements of each array operand as one `vec4<u64>` and
//! stores eight results the same way. Chosen by `launch` for contiguous,
//! 32-byte-aligned runs.
//!
//! Why: lavapipe (Mesa 22) turns every storage load or store whose address
//! varies between invocations into a loop over the SIMD lanes, one scalar
//! access per component per lane, whatever the component's width. A
//! `vec4<u64>` moves twice the bytes of a `vec4<u32>` per lane in that
//! loop. A hand-written `a * 2` over 16M float32 ran in 9.4 ms against
//! 14.3 ms with `vec4<f32>` (`vec4<u32>` is the same) and 63 ms with one
//! element per invocation. GPUs do not need it, so they never get it.

use std::sync::Arc;

use super::codegen::*;
use super::tile4::MapSpec;
use crate::dtype::Feature;

/// Elements of each operand one invocation of [`map_vec8`] handles.
pub(crate) const VEC8_LANES: usize = 8;

/// Most WGSL (expression and helpers) per element of a map that takes the
/// 32-byte form. The form pays where loads and stores dominate: an
/// 8-operation fused expression over three 1M float32 arrays (911 bytes)
/// took 2.3-3.5 ms against 3.7-4.9 ms in the 16-byte form. A long fused
/// chain computes more than it moves, and eight inlined copies of it per
/// invocation seemed slower than four: the last 232 operations of the
/// 1000-operation chain on 1024 float32 (22-25 KB) ran and were waited for
/// in 0.72-0.97 ms against 0.89-1.07 ms (five alternating runs each, on a
/// noisy machine).
pub(crate) const VEC8_MAX_SOURCE: usize = 2048;

/// Whether the map `spec` computes little enough per element for
/// [`map_vec8`] (see [`VEC8_MAX_SOURCE`]).
pub(crate) fn pays(spec: &MapSpec) -> bool {
    spec.expr.len() + spec.helpers.len() <= VEC8_MAX_SOURCE
}

/// WGSL for 32-bit word `e` (0..8) of the loaded `vec4<u64>` `v`: the low
/// or high half of component e / 2 (little-endian, as the buffer holds
/// them). Also how the row reduction's 32-byte loads are split.
pub(crate) fn u64_word(v: &str, e: usize) -> String {
    let c = ["x", "y", "z", "w"][e / 2];
    if e.is_multiple_of(2) {
        format!("u32({v}.{c} & 0xfffffffflu)")
    } else {
        format!("u32({v}.{c} >> 32u)")
    }
}

/// The 32-byte-load program of the map `spec` (every binding float32,
/// int32 or uint32): operand runs start at `param(4 + k)` (counted in
/// `vec4<u64>`s of the operand's window) or, with `at0`, at the window's
/// start.
pub(crate) fn map_vec8(spec: &MapSpec, at0: bool) -> Arc<Program> {
    spec.vec8[usize::from(!at0)]
        .get_or_init(|| {
            let key = format!(
                "{}.v8{}:{:?}:{:?}:{}",
                spec.family,
                if at0 { "z" } else { "" },
                spec.inputs,
                spec.bindings,
                spec.out_binding
            );
            memo(key.clone(), || build(spec, at0, key))
        })
        .clone()
}

fn build(spec: &MapSpec, at0: bool, key: String) -> Program {
    debug_assert!(spec.bindings.iter().all(|b| b.dtype.itemsize() == 4));
    let at = |o: usize| {
        if at0 {
            "loc.i".to_string()
        } else {
            format!("param({}u) + loc.i", 4 + o)
        }
    };
    let mut operands = Vec::new();
    let mut params = Vec::new();
    let mut loads = String::new();
    let mut args: Vec<Vec<String>> = vec![Vec::new(); VEC8_LANES];
    for (k, inp) in spec.inputs.iter().enumerate() {
        params.push(format!("x{k}: {}", inp.dtype().compute_type()));
        match *inp {
            MapInput::Array { dtype, binding } => {
                loads.push_str(&format!(
                    "    let d{k} = b{binding}[{}];\n",
                    at(operands.len())
                ));
                for (e, a) in args.iter_mut().enumerate() {
                    a.push(decode(dtype, &u64_word(&format!("d{k}"), e)));
                }
                operands.push(binding);
            }
            MapInput::Scalar { dtype, slot } => {
                scalar_lane_arg(k, dtype, slot, &mut loads, &mut args);
            }
        }
    }
    let out_k = operands.len();
    operands.push(spec.out_binding);
    let out_dtype = spec.bindings[spec.out_binding].dtype;
    let mut src = vec4_prelude(operands.len(), &spec.bindings)
        .replace("array<vec4<u32>>", "array<vec4<u64>>");
    src.push_str(&spec.helpers);
    src.push_str(&format!(
        "\nfn lane({}) -> u32 {{\n    return {};\n}}\n\n\
         fn pair(lo: u32, hi: u32) -> u64 {{\n    return u64(lo) | (u64(hi) << 32u);\n}}\n",
        params.join(", "),
        encode(out_dtype, &format!("({})", spec.expr))
    ));
    let pairs: Vec<String> = args
        .chunks(2)
        .map(|two| {
            format!(
                "pair(lane({}), lane({}))",
                two[0].join(", "),
                two[1].join(", ")
            )
        })
        .collect();
    src.push_str(&format!(
        "\n@compute @workgroup_size(16, 16, 1)\n\
         fn main(\n    @builtin(workgroup_id) wid: vec3<u32>,\n    @builtin(num_workgroups) nwg: vec3<u32>,\n    \
         @builtin(local_invocation_id) lid: vec3<u32>,\n    @builtin(local_invocation_index) lindex: u32,\n) {{\n    \
         let loc = locate_run0(wid, nwg, lindex);\n    if (!loc.ok) {{\n        return;\n    }}\n\
         {loads}    b{}[{}] = vec4<u64>(\n        {},\n    );\n}}\n",
        spec.out_binding,
        at(out_k),
        pairs.join(",\n        ")
    ));
    let mut features = spec.features.clone();
    if !features.contains(&Feature::ShaderInt64) {
        features.push(Feature::ShaderInt64);
    }
    Program {
        key,
        source: src,
        operand_binding: operands,
        binding_itemsize: vec![32; spec.bindings.len()],
        elementwise: true,
        features,
        vec4: None,
        vec4_at0: None,
        tile4: None,
    }
}
