//! The program of a fused element-wise chain: several map expressions
//! evaluated one after another in one invocation, each node's value
//! passed to the nodes that use it in a register, the last one stored.
//!
//! Each node becomes a WGSL function of its operands (its expression,
//! as the single-operation kernel has it), and a chain function calls them
//! in order; the chain function is the expression of an ordinary
//! [`codegen::map`](super::codegen::map), so a fused chain gets every
//! launch path of a map (strided, vec4, 4x4 blocks, splits). Scalars
//! travel in the launch's extra metadata words, so a chain differing only
//! in its scalars reuses the compiled program: programs are cached by the
//! chain's shape-free signature (each node's name and operand kinds and
//! dtypes), never by shape, strides or values.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::EXTRA_BASE;
use super::codegen::{self, Binding, MapInput, Program};
use crate::dtype::DType;
use crate::runtime::Storage;

/// The launch's extra word 0, always zero: the barrier between a fused
/// chain's float operations.
fn zero() -> String {
    format!("param({EXTRA_BASE}u)")
}

/// Where a node's operand comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FusedArg {
    /// The segment's memory input `k` (`x{k}` of the map).
    Input(usize),
    /// The value of node `j` of the segment (an earlier one).
    Node(usize),
    /// A scalar of `dtype` in extra metadata words `word` (and `word + 1`),
    /// counted from [`EXTRA_BASE`]; word 0 is the zero the chain's float
    /// values pass through, so scalars start at word 1.
    Scalar { dtype: DType, word: usize },
}

/// One node of a fused segment.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FusedNode<'a> {
    /// Identifies `expr` and `helpers` together with the operand dtypes
    /// (as for [`codegen::map`]).
    pub name: &'a str,
    /// WGSL over `x0`, `x1`, ... in the operands' compute types.
    pub expr: &'a str,
    /// The dtype of each operand, in order.
    pub arg_dtypes: &'a [DType],
    /// Where each operand comes from.
    pub args: &'a [FusedArg],
    /// The node's result dtype (its compute type is its storage type: only
    /// such nodes are fused, so a value in a register is the value stored).
    pub out: DType,
}

/// The helper items of a segment so far: every top-level WGSL item by
/// name, so that helpers several nodes include are emitted once.
#[derive(Default)]
pub(crate) struct Helpers {
    items: Vec<String>,
    names: HashMap<String, usize>,
}

impl Helpers {
    /// Adds the items of `text`; false (and nothing added) when one of them
    /// declares a name an item already added declares differently.
    pub(crate) fn add(&mut self, text: &str) -> bool {
        let items = split_items(text);
        for (name, item) in &items {
            if let Some(&k) = self.names.get(name)
                && self.items[k] != *item
            {
                return false;
            }
        }
        for (name, item) in items {
            if !self.names.contains_key(&name) {
                self.names.insert(name, self.items.len());
                self.items.push(item);
            }
        }
        true
    }

    fn text(&self) -> String {
        self.items.join("\n")
    }
}

/// The top-level items of WGSL `text` (functions, constants, private
/// variables, structs, aliases), each with the name it declares, comment
/// lines and blank lines dropped.
fn split_items(text: &str) -> Vec<(String, String)> {
    const STARTS: [&str; 6] = ["fn ", "const ", "var", "struct ", "alias ", "override "];
    let mut items: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_end();
        if trimmed.trim_start().starts_with("//") || trimmed.trim().is_empty() {
            continue;
        }
        if let Some(start) = STARTS.iter().find(|s| trimmed.starts_with(**s)) {
            let rest = trimmed[start.len()..].trim_start();
            // `var<private> NAME: ...`: skip the address space.
            let rest = match rest.strip_prefix('<') {
                Some(r) => r.split_once('>').map_or(r, |(_, r)| r).trim_start(),
                None => rest,
            };
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            items.push((name, String::new()));
        }
        match items.last_mut() {
            Some((_, item)) => {
                item.push_str(trimmed);
                item.push('\n');
            }
            // Text before the first item (there is none in ndgpu's helpers)
            // keeps its own unnamed item.
            None => items.push((String::new(), format!("{trimmed}\n"))),
        }
    }
    items
}

/// The map program of a fused segment: `nodes` in order, the last one
/// written to binding `out_binding`; `inputs` are the segment's memory
/// inputs (arrays only) and `helpers` the union of the nodes' helpers
/// (checked free of conflicts by [`Helpers::add`]). Cached by signature.
pub(crate) fn fused(
    nodes: &[FusedNode<'_>],
    inputs: &[MapInput],
    bindings: &[Binding],
    out_binding: usize,
    helpers: &Helpers,
) -> Arc<Program> {
    static CACHE: OnceLock<Mutex<HashMap<Vec<u8>, Arc<Program>>>> = OnceLock::new();
    let signature = signature(nodes, inputs, bindings, out_binding);
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = cache.get(&signature) {
        return p.clone();
    }
    // A name unique to this signature: `codegen::map` caches by name.
    let name = format!("fused{}", cache.len());
    let (expr, body) = chain_source(nodes, inputs);
    let program = codegen::map(
        &name,
        inputs,
        bindings,
        out_binding,
        &expr,
        &format!("{}\n{body}", helpers.text()),
    );
    cache.insert(signature, program.clone());
    program
}

/// A fused chain read as a reduction's input (`compute/reduce`): the
/// reduction's first pass computes each element it folds from the
/// chain's memory inputs (`leaves`) instead of loading a stored array.
/// Every leaf is laid out as the reduced array is (same shape and
/// strides), `delta` elements further into its buffer.
pub(crate) struct FusedLoad {
    /// Unique to `source` (and the leaves' dtypes): part of the pass
    /// programs' cache keys.
    pub id: usize,
    /// The chain's WGSL: its helpers, one function per node and
    /// `fz_chain(x0, x1, ...)`, a function of one element of each leaf in
    /// its compute type, returning the element reduced.
    pub source: Arc<str>,
    /// The chain's memory inputs, in `fz_chain`'s parameter order.
    pub leaves: Vec<FusedLeaf>,
    /// The extra metadata words the chain reads from [`EXTRA_BASE`]: word
    /// 0 zero, then its scalars. The reduction puts each leaf's
    /// in-window offset after them.
    pub extra: Vec<u32>,
}

/// One memory input of a [`FusedLoad`].
pub(crate) struct FusedLeaf {
    pub storage: Arc<Storage>,
    pub dtype: DType,
    /// Element offset of the leaf's element for the reduced array's
    /// element at offset 0: the leaf's offset minus the reduced array's.
    pub delta: isize,
}

/// The chain function of `nodes` over memory inputs of `leaves` dtypes,
/// with `helpers`, for a [`FusedLoad`]: `(id, source)`, cached by
/// signature.
pub(crate) fn load_source(
    nodes: &[FusedNode<'_>],
    leaves: &[DType],
    helpers: &Helpers,
) -> (usize, Arc<str>) {
    type Cache = HashMap<Vec<u8>, (usize, Arc<str>)>;
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    let inputs: Vec<MapInput> = leaves
        .iter()
        .enumerate()
        .map(|(binding, &dtype)| MapInput::Array { dtype, binding })
        .collect();
    // No bindings and output 0xffff: never a map segment's signature.
    let signature = signature(nodes, &inputs, &[], 0xffff);
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(hit) = cache.get(&signature) {
        return hit.clone();
    }
    let (_, body) = chain_source(nodes, &inputs);
    let entry = (
        cache.len(),
        Arc::from(format!("{}\n{body}", helpers.text())),
    );
    cache.insert(signature, entry.clone());
    entry
}

/// The bytes that determine a segment's source: each part written with
/// its length or a terminator, so different segments never share bytes
/// (names are ASCII, so 0xff ends one). Written by hand: formatting the
/// parts with `Debug` took a few percent of a 1000-op chain.
fn signature(
    nodes: &[FusedNode<'_>],
    inputs: &[MapInput],
    bindings: &[Binding],
    out_binding: usize,
) -> Vec<u8> {
    let mut sig: Vec<u8> = Vec::with_capacity(16 + nodes.len() * 24);
    let word = |sig: &mut Vec<u8>, v: usize| sig.extend_from_slice(&(v as u32).to_le_bytes());
    word(&mut sig, inputs.len());
    for i in inputs {
        match *i {
            MapInput::Array { dtype, binding } => {
                sig.extend([0, dtype as u8]);
                word(&mut sig, binding);
            }
            MapInput::Scalar { dtype, slot } => {
                sig.extend([1, dtype as u8]);
                word(&mut sig, slot);
            }
        }
    }
    word(&mut sig, bindings.len());
    for b in bindings {
        sig.extend([b.dtype as u8, b.access as u8]);
    }
    word(&mut sig, out_binding);
    for n in nodes {
        sig.extend_from_slice(n.name.as_bytes());
        sig.push(0xff);
        sig.push(n.out as u8);
        word(&mut sig, n.args.len());
        for (a, d) in n.args.iter().zip(n.arg_dtypes) {
            sig.push(*d as u8);
            match *a {
                FusedArg::Input(k) => {
                    sig.push(0);
                    word(&mut sig, k);
                }
                FusedArg::Node(j) => {
                    sig.push(1);
                    word(&mut sig, j);
                }
                FusedArg::Scalar { dtype, word: w } => {
                    sig.extend([2, dtype as u8]);
                    word(&mut sig, w);
                }
            }
        }
    }
    sig
}

/// The chain function (and the expression calling it) of `nodes`.
fn chain_source(nodes: &[FusedNode<'_>], inputs: &[MapInput]) -> (String, String) {
    let ct = |d: DType| d.compute_type();
    // One function per distinct expression and operand types.
    let mut fns: HashMap<(String, Vec<&'static str>), usize> = HashMap::new();
    let mut text = String::new();
    let mut calls = String::new();
    for (j, n) in nodes.iter().enumerate() {
        let types: Vec<&'static str> = n.arg_dtypes.iter().map(|&d| ct(d)).collect();
        let next = fns.len();
        let f = *fns
            .entry((n.expr.to_string(), types.clone()))
            .or_insert(next);
        if f == next {
            let params: Vec<String> = types
                .iter()
                .enumerate()
                .map(|(k, t)| format!("x{k}: {t}"))
                .collect();
            text.push_str(&format!(
                "fn fz_op{f}({}) -> {} {{\n    return {};\n}}\n",
                params.join(", "),
                ct(n.out),
                n.expr
            ));
        }
        let args: Vec<String> = n
            .args
            .iter()
            .map(|a| match *a {
                FusedArg::Input(k) => format!("x{k}"),
                FusedArg::Node(i) => format!("v{i}"),
                FusedArg::Scalar { dtype, word } => codegen::scalar_at(dtype, EXTRA_BASE + word),
            })
            .collect();
        // A float value passes an integer operation with an operand the
        // driver cannot see is zero: otherwise it may contract a product
        // and a later sum into one fused multiply-add (one rounding
        // instead of the two of the operations run alone) or rewrite
        // across operations in ways that change a NaN's sign.
        let call = format!("fz_op{f}({})", args.join(", "));
        let zero = zero();
        let call = match n.out {
            DType::F32 => format!("bitcast<f32>(bitcast<u32>({call}) ^ {zero})"),
            DType::F64 => format!("bitcast<f64>(bitcast<u64>({call}) ^ u64({zero}))"),
            _ => call,
        };
        calls.push_str(&format!("    let v{j} = {call};\n"));
    }
    let last = nodes.len() - 1;
    let params: Vec<String> = inputs
        .iter()
        .enumerate()
        .map(|(k, i)| format!("x{k}: {}", ct(i.dtype())))
        .collect();
    text.push_str(&format!(
        "fn fz_chain({}) -> {} {{\n{calls}    return v{last};\n}}\n",
        params.join(", "),
        ct(nodes[last].out)
    ));
    let expr = format!(
        "fz_chain({})",
        (0..inputs.len())
            .map(|k| format!("x{k}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    (expr, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_tell_segments_apart() {
        let node = |name, word| FusedNode {
            name,
            expr: "x0 * x1",
            arg_dtypes: &[DType::F32, DType::F32],
            args: if word == 1 {
                &[
                    FusedArg::Input(0),
                    FusedArg::Scalar {
                        dtype: DType::F32,
                        word: 1,
                    },
                ]
            } else {
                &[
                    FusedArg::Input(0),
                    FusedArg::Scalar {
                        dtype: DType::F32,
                        word: 3,
                    },
                ]
            },
            out: DType::F32,
        };
        let inputs = [MapInput::Array {
            dtype: DType::F32,
            binding: 0,
        }];
        let bindings = [
            Binding {
                dtype: DType::F32,
                access: super::super::codegen::Access::Read,
            },
            Binding {
                dtype: DType::F32,
                access: super::super::codegen::Access::Write,
            },
        ];
        let sig = |n: &[FusedNode<'_>]| signature(n, &inputs, &bindings, 1);
        assert_eq!(sig(&[node("multiply", 1)]), sig(&[node("multiply", 1)]));
        assert_ne!(sig(&[node("multiply", 1)]), sig(&[node("multiply", 3)]));
        assert_ne!(sig(&[node("multiply", 1)]), sig(&[node("add", 1)]));
        // A name cannot run into the next part.
        assert_ne!(
            sig(&[node("ab", 1), node("c", 1)]),
            sig(&[node("a", 1), node("bc", 1)])
        );
    }

    #[test]
    fn items_are_split_by_name_and_deduplicated() {
        let a = "// about f\nfn f(x: f32) -> f32 {\n    return x;\n}\nconst C: f32 = 1.0;\n";
        let b = "fn f(x: f32) -> f32 {\n    return x;\n}\n\nvar<private> T: array<u32, 2> = array<u32, 2>(1u, 2u);\n";
        let items = split_items(b);
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].0, "T");
        let mut h = Helpers::default();
        assert!(h.add(a));
        assert!(h.add(b));
        assert_eq!(h.items.len(), 3);
        // The same name declared differently conflicts.
        assert!(!h.add("fn f(x: f32) -> f32 {\n    return -x;\n}\n"));
        assert_eq!(h.items.len(), 3);
    }

    #[test]
    fn the_chain_passes_values_in_registers_and_reads_scalars_from_extra_words() {
        let nodes = [
            FusedNode {
                name: "multiply",
                expr: "x0 * x1",
                arg_dtypes: &[DType::F32, DType::F32],
                args: &[
                    FusedArg::Input(0),
                    FusedArg::Scalar {
                        dtype: DType::F32,
                        word: 1,
                    },
                ],
                out: DType::F32,
            },
            FusedNode {
                name: "add",
                expr: "x0 + x1",
                arg_dtypes: &[DType::F32, DType::F32],
                args: &[FusedArg::Node(0), FusedArg::Input(1)],
                out: DType::F32,
            },
            FusedNode {
                name: "multiply",
                expr: "x0 * x1",
                arg_dtypes: &[DType::F32, DType::F32],
                args: &[
                    FusedArg::Node(1),
                    FusedArg::Scalar {
                        dtype: DType::F32,
                        word: 2,
                    },
                ],
                out: DType::F32,
            },
        ];
        let inputs = [
            MapInput::Array {
                dtype: DType::F32,
                binding: 0,
            },
            MapInput::Array {
                dtype: DType::F32,
                binding: 1,
            },
        ];
        let (expr, body) = chain_source(&nodes, &inputs);
        assert_eq!(expr, "fz_chain(x0, x1)");
        // Two distinct expressions, two functions.
        assert_eq!(body.matches("fn fz_op").count(), 2);
        // The barrier reads word 0; the scalars words 1 and 2.
        assert!(body.contains(&format!("^ param({}u)", EXTRA_BASE)));
        assert!(body.contains(&format!("param({}u)", EXTRA_BASE + 1)));
        assert!(body.contains(&format!("param({}u)", EXTRA_BASE + 2)));
        assert!(body.contains("let v2 = bitcast<f32>(bitcast<u32>(fz_op0(v1, "));
        assert!(body.contains("return v2;"));
    }
}
