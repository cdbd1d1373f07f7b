//! The computations on arrays: element-wise operations (`elementwise`,
//! public as `ndgpu::ops`), reductions (`reduce`) and matrix products
//! (`matmul`). Each builds its kernels with `kernels` and runs them on the
//! `runtime`.

use crate::dtype::Element;
use crate::error::{Error, Result};

pub mod elementwise;
pub mod indexing;
pub(crate) mod mask;
pub mod matmul;
pub mod reduce;
pub(crate) mod scan;

/// A 64-bit result type on a device without 64-bit types (WebGPU): the
/// `MissingFeature` error names `instead`, the `_as` form that computes
/// the same in a type the device has (reductions and scans). Inputs of a
/// 64-bit `T` get no suggestion: no `_as` form avoids reading them.
pub(crate) fn suggest_narrow<T: Element, U>(r: Result<U>, instead: &'static str) -> Result<U> {
    if T::DTYPE.itemsize() > 4 {
        return r;
    }
    r.map_err(|e| match e {
        Error::MissingFeature { op, feature, .. } => Error::MissingFeature {
            op,
            feature,
            instead,
        },
        e => e,
    })
}
