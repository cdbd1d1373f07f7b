//! Compiled pipelines, cached per device by program key. Literal float
//! infinities and NaNs are first made run-time values (Tint refuses them
//! as constants), and on a device without WGSL's float16 packing builtins
//! the source is rewritten to call the integer versions in
//! `shaders/f16_soft.wgsl`.

use std::collections::HashMap;
use std::sync::Arc;

use super::device::Device;
use crate::error::Result;

/// A compiled kernel and its bind-group layout.
pub(crate) struct Pipeline {
    pub(super) pipeline: wgpu::ComputePipeline,
    pub(super) layout: wgpu::BindGroupLayout,
}

/// `source` with WGSL's float16 packing builtins replaced by the integer
/// versions in `shaders/f16_soft.wgsl`, for devices without wgpu's
/// `SHADER_F16_IN_F32` (the pipeline cache is per device, so one program
/// key may compile either way on different devices).
pub(crate) fn software_f16(source: &str) -> String {
    if !source.contains("pack2x16float(") {
        return source.to_string();
    }
    // `unpack2x16float(` contains `pack2x16float(`: set it aside first.
    let mut s = source
        .replace("unpack2x16float(", "\u{1}(")
        .replace("pack2x16float(", "ndgpu_pack2x16float(")
        .replace("\u{1}(", "ndgpu_unpack2x16float(");
    s.push('\n');
    s.push_str(include_str!("../../shaders/f16_soft.wgsl"));
    s
}

/// `source` with every `bitcast<f32>(0x...)` of a literal (the infinities
/// and NaNs kernels need) routed through a function, so that it is no
/// longer a constant expression: WGSL forbids a constant expression whose
/// value is an infinity or NaN, and Tint (Chromium's compiler) enforces
/// it where naga does not. Applied on every backend, so the native suite
/// runs exactly what a browser compiles.
pub(crate) fn runtime_float_constants(source: &str) -> std::borrow::Cow<'_, str> {
    const LITERAL: &str = "bitcast<f32>(0x";
    if !source.contains(LITERAL) {
        return std::borrow::Cow::Borrowed(source);
    }
    let mut s = source.replace(LITERAL, "ndgpu_f32_bits(0x");
    s.push_str("\nfn ndgpu_f32_bits(bits: u32) -> f32 {\n    return bitcast<f32>(bits);\n}\n");
    std::borrow::Cow::Owned(s)
}

/// The device's pipeline cache, keyed by program key.
pub(crate) type PipelineCache = HashMap<String, Arc<Pipeline>>;

impl Device {
    /// The compiled pipeline of WGSL `source` (entry point `main`), cached
    /// under `key` and compiled on first use; errors are `op`'s.
    pub(crate) fn pipeline(
        &self,
        op: &'static str,
        key: &str,
        source: &str,
    ) -> Result<Arc<Pipeline>> {
        if let Some(p) = self.pipeline_cache().get(key) {
            return Ok(p.clone());
        }
        let source = runtime_float_constants(source);
        let source = if self.info().shader_f16_in_f32 {
            source
        } else {
            std::borrow::Cow::Owned(software_f16(&source))
        };
        let p = self.scoped(op, 0, || {
            let d = &self.inner.device;
            let module = d.create_shader_module(wgpu::ShaderModuleDescriptor {
                label: Some(key),
                source: wgpu::ShaderSource::Wgsl(source),
            });
            let pipeline = d.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
                label: Some(key),
                layout: None,
                module: &module,
                entry_point: Some("main"),
                compilation_options: Default::default(),
                cache: None,
            });
            let layout = pipeline.get_bind_group_layout(0);
            Pipeline { pipeline, layout }
        })?;
        Ok(self
            .pipeline_cache()
            .entry(key.to_string())
            .or_insert_with(|| Arc::new(p))
            .clone())
    }

    /// The pipeline cache. A panic elsewhere while it was held cannot leave
    /// it half-written (entries are inserted whole), so a poisoned lock is
    /// simply taken over.
    fn pipeline_cache(&self) -> std::sync::MutexGuard<'_, PipelineCache> {
        self.inner
            .pipelines
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }
}
