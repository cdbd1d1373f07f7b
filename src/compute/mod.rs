//! The computations on arrays: element-wise operations (`elementwise`,
//! public as `ndgpu::ops`), reductions (`reduce`) and matrix products
//! (`matmul`). Each builds its kernels with `kernels` and runs them on the
//! `runtime`.

pub mod elementwise;
pub mod indexing;
pub(crate) mod mask;
pub mod matmul;
pub mod reduce;
pub(crate) mod scan;
