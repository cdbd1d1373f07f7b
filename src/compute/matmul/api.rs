//! `matmul` (`np.matmul`, `@`) and `dot` (`np.dot`), as functions and
//! `Array` methods.

use super::*;

/// NumPy's `np.matmul(a, b)` (`a @ b`).
///
/// - 2-D operands: the matrix product, shape `(M, K) @ (K, N) -> (M, N)`.
/// - A 1-D `a` is promoted to `(1, K)` and a 1-D `b` to `(K, 1)`; the added
///   axis is removed from the result (`(K,) @ (K,)` is 0-d).
/// - Operands of more than two axes are stacks of matrices in their last
///   two axes; the batch axes broadcast (`(2, 1, 3, 4) @ (5, 4, 2)` is
///   `(2, 5, 3, 2)`).
/// - 0-d operands are an error, as in NumPy.
///
/// Floats accumulate in their compute type (`f16` in `f32`, rounded once
/// at the end); integers wrap as NumPy's do; `bool` is the logical
/// or-of-ands, as NumPy's.
///
/// ```
/// # let dev = ndgpu::Device::new().unwrap();
/// use ndgpu::Array;
/// let a = Array::from_slice(&dev, &[1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3]).unwrap();
/// // a @ a.T, reading the transposed view in place
/// let c = ndgpu::matmul(&a, &a.t()).unwrap();
/// assert_eq!(c.shape(), &[2, 2]);
/// assert_eq!(c.to_vec().unwrap(), vec![14.0, 32.0, 32.0, 77.0]);
/// ```
pub fn matmul<T: Element>(a: &Array<T>, b: &Array<T>) -> Result<Array<T>> {
    matmul_with(a, b, MatmulKernel::Auto)
}

/// [`matmul`] with an explicit kernel choice (for benchmarks and tests).
pub fn matmul_with<T: Element>(
    a: &Array<T>,
    b: &Array<T>,
    kernel: MatmulKernel,
) -> Result<Array<T>> {
    let op = "matmul";
    a.check_device(op, b.device())?;
    let (p, out_shape) = matmul_problem(op, a, b)?;
    run(op, a, b, p, &out_shape, kernel)
}

/// NumPy's `np.dot(a, b)`.
///
/// - 1-D · 1-D: the inner product (a 0-d array).
/// - 2-D · 2-D: the matrix product.
/// - N-D · 1-D: the sum product over the last axis of `a` and `b`.
/// - N-D · M-D (M >= 2): the sum product over the last axis of `a` and the
///   second-to-last of `b`: shape `a.shape[:-1] + b.shape[:-2] +
///   b.shape[-1:]` (no broadcasting, unlike [`matmul`]).
/// - a 0-d operand: the element-wise product, broadcast (NumPy's scalar
///   multiply).
pub fn dot<T: Element>(a: &Array<T>, b: &Array<T>) -> Result<Array<T>> {
    dot_with(a, b, MatmulKernel::Auto)
}

/// [`dot`] with an explicit kernel choice.
pub fn dot_with<T: Element>(a: &Array<T>, b: &Array<T>, kernel: MatmulKernel) -> Result<Array<T>> {
    let op = "dot";
    a.check_device(op, b.device())?;
    if a.ndim() == 0 || b.ndim() == 0 {
        let product = crate::compute::elementwise::binary(
            crate::compute::elementwise::BinaryOp::Mul,
            a,
            b,
            None,
        )?;
        return Ok(product.expect("a new array"));
    }
    let (p, out_shape) = dot_problem(op, a, b)?;
    run(op, a, b, p, &out_shape, kernel)
}

impl<T: Element> Array<T> {
    /// `self @ other`: see [`matmul`].
    pub fn matmul(&self, other: &Array<T>) -> Result<Array<T>> {
        matmul(self, other)
    }

    /// `np.dot(self, other)`: see [`dot`].
    pub fn dot(&self, other: &Array<T>) -> Result<Array<T>> {
        dot(self, other)
    }
}
