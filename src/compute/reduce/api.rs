//! The reductions as `Array` methods: `sum`, `prod`, `mean` (and their
//! `_as` forms with NumPy's `dtype=`), `min`, `max`, `argmin`, `argmax`,
//! `any`, `all`.

use super::*;

impl<T: Accumulate> Array<T> {
    /// NumPy's `a.sum(axis=axes, keepdims=keepdims)`: the sum over `axes`
    /// (`None`: all of them; negative axes count from the end), in NumPy's
    /// default result type ([`Accumulate::Acc`]: `i64` for bool and signed
    /// integers, `u64` for unsigned ones, the same type for floats).
    /// Floating-point sums are tree-shaped, so their rounding error grows
    /// with the logarithm of the length, as NumPy's pairwise sums do. The
    /// sum of nothing is 0.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// let a = ndgpu::Array::<i32>::arange(&dev, 0, 6, 1).unwrap().reshape(&[2, 3]).unwrap();
    /// assert_eq!(a.sum(None, false).unwrap().item().unwrap(), 15i64);
    /// assert_eq!(a.sum(Some(&[0]), false).unwrap().to_vec().unwrap(), vec![3i64, 5, 7]);
    /// assert_eq!(a.t().sum(Some(&[-1]), true).unwrap().shape(), &[3, 1]);
    /// ```
    pub fn sum(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<T::Acc>> {
        crate::compute::suggest_narrow::<T, _>(
            self.sum_as(axes, keepdims),
            "sum_as::<i32> (or ::<f32>, ::<u32>)",
        )
    }

    /// NumPy's `a.prod(axis=axes, keepdims=keepdims)`, in the same result
    /// type as [`Array::sum`]. Integer products wrap, as NumPy's do. The
    /// product of nothing is 1.
    pub fn prod(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<T::Acc>> {
        crate::compute::suggest_narrow::<T, _>(
            self.prod_as(axes, keepdims),
            "prod_as::<i32> (or ::<f32>, ::<u32>)",
        )
    }

    /// NumPy's `a.mean(axis=axes, keepdims=keepdims)`: floats give their
    /// own type (float16 accumulates in float32, as NumPy does), the rest
    /// `f64`. The mean of nothing is NaN.
    pub fn mean(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<T::Mean>> {
        crate::compute::suggest_narrow::<T, _>(self.mean_as(axes, keepdims), "mean_as::<f32>")
    }
}

impl<T: Element> Array<T> {
    /// [`Array::sum`] with NumPy's `dtype=U`: every element is cast to `U`
    /// and the sum is computed and returned in `U` (narrow integers wrap,
    /// float16 accumulates in float32; `U = bool` is a logical or, as in
    /// NumPy). Lets a device without 64-bit integers sum `i32` as `i32`.
    pub fn sum_as<U: Element>(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<U>> {
        reduce(self, Op::Sum, U::DTYPE, axes, keepdims)
    }

    /// [`Array::prod`] with NumPy's `dtype=U` (`U = bool` is a logical and).
    pub fn prod_as<U: Element>(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<U>> {
        reduce(self, Op::Prod, U::DTYPE, axes, keepdims)
    }

    /// [`Array::mean`] with NumPy's `dtype=U`: the elements are cast to `U`,
    /// summed in `U` (float32 for float16) and divided by their count.
    pub fn mean_as<U: Float>(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<U>> {
        reduce(self, Op::Mean, U::DTYPE, axes, keepdims)
    }

    /// NumPy's `a.min(axis=axes, keepdims=keepdims)`, in the input type. A
    /// NaN anywhere in a reduction makes its result NaN. Reducing zero
    /// elements is an error ([`Error::EmptyReduction`], NumPy's "zero-size
    /// array to reduction operation minimum which has no identity").
    pub fn min(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<T>> {
        reduce(self, Op::Min, T::DTYPE, axes, keepdims)
    }

    /// NumPy's `a.max(axis=axes, keepdims=keepdims)`; see [`Array::min`].
    pub fn max(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<T>> {
        reduce(self, Op::Max, T::DTYPE, axes, keepdims)
    }

    /// NumPy's `a.argmin(axis=axis, keepdims=keepdims)`: the index of the
    /// first minimum along `axis`, or into the C-order flattened array when
    /// `axis` is `None` (then `keepdims` gives an all-ones shape). A NaN
    /// counts as the minimum (the first NaN wins), as in NumPy. Needs no
    /// 64-bit feature for the `i64` result. Reducing zero elements is an
    /// error ("attempt to get argmin of an empty sequence").
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// let a = ndgpu::Array::from_slice(&dev, &[3.0f32, 1.0, 1.0, 5.0], &[2, 2]).unwrap();
    /// assert_eq!(a.argmin(None, false).unwrap().item().unwrap(), 1i64);
    /// assert_eq!(a.argmax(Some(0), false).unwrap().to_vec().unwrap(), vec![0i64, 1]);
    /// ```
    pub fn argmin(&self, axis: Option<isize>, keepdims: bool) -> Result<Array<i64>> {
        reduce(
            self,
            Op::ArgMin,
            DType::I64,
            axis.as_ref().map(std::slice::from_ref),
            keepdims,
        )
    }

    /// NumPy's `a.argmax(axis=axis, keepdims=keepdims)`; see [`Array::argmin`].
    pub fn argmax(&self, axis: Option<isize>, keepdims: bool) -> Result<Array<i64>> {
        reduce(
            self,
            Op::ArgMax,
            DType::I64,
            axis.as_ref().map(std::slice::from_ref),
            keepdims,
        )
    }

    /// NumPy's `a.any(axis=axes, keepdims=keepdims)`: whether some element
    /// is non-zero (NaN counts as true); `false` for nothing.
    pub fn any(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<bool>> {
        reduce(self, Op::Any, DType::Bool, axes, keepdims)
    }

    /// NumPy's `a.all(axis=axes, keepdims=keepdims)`: whether every element
    /// is non-zero; `true` for nothing.
    pub fn all(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array<bool>> {
        reduce(self, Op::All, DType::Bool, axes, keepdims)
    }
}
