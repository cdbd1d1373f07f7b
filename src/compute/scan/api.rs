//! The scans as `Array` methods: `cumsum`, `cumprod` and their `_as`
//! forms (NumPy's `dtype=`).

use super::{Combine, Load, Rows, Spec, input_fits, scan_rows};
use crate::array::Array;
use crate::compute::reduce::Accumulate;
use crate::dtype::{DType, Element};
use crate::error::Result;
use crate::layout::{Order, normalize_axis};

impl<T: Accumulate> Array<T> {
    /// NumPy's `np.cumsum(a, axis=axis)`: the running sums along `axis`
    /// (negative counts from the end), or over the C-order flattened array
    /// when `axis` is `None` (a 1-D result), in NumPy's result type
    /// ([`Accumulate::Acc`]: `i64` for bool and signed integers, `u64` for
    /// unsigned ones, the same type for floats). The input is read in
    /// place through its strides. Integer sums wrap, as NumPy's do.
    ///
    /// Float sums are computed in chunks of 128 elements, each from the
    /// scanned total of the chunks before it, not in NumPy's strictly
    /// sequential order, so the last bits of a long float cumsum can
    /// differ; float16 accumulates in float32 and rounds each result once
    /// (NumPy rounds every step to float16).
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// let a = ndgpu::Array::<i32>::arange(&dev, 0, 6, 1).unwrap().reshape(&[2, 3]).unwrap();
    /// assert_eq!(a.cumsum(None).unwrap().to_vec().unwrap(), vec![0i64, 1, 3, 6, 10, 15]);
    /// assert_eq!(a.cumsum(Some(0)).unwrap().to_vec().unwrap(), vec![0i64, 1, 2, 3, 5, 7]);
    /// assert_eq!(a.t().cumsum(Some(-1)).unwrap().to_vec().unwrap(), vec![0i64, 3, 1, 5, 2, 7]);
    /// ```
    pub fn cumsum(&self, axis: Option<isize>) -> Result<Array<T::Acc>> {
        crate::compute::suggest_narrow::<T, _>(
            self.cumsum_as(axis),
            "cumsum_as::<i32> (or ::<f32>, ::<u32>)",
        )
    }

    /// NumPy's `np.cumprod(a, axis=axis)`: the running products, in the
    /// same result type as [`Array::cumsum`]. Integer products wrap.
    pub fn cumprod(&self, axis: Option<isize>) -> Result<Array<T::Acc>> {
        crate::compute::suggest_narrow::<T, _>(
            self.cumprod_as(axis),
            "cumprod_as::<i32> (or ::<f32>, ::<u32>)",
        )
    }
}

impl<T: Element> Array<T> {
    /// [`Array::cumsum`] with NumPy's `dtype=U`: the elements are cast to
    /// `U` and summed in `U` (narrow integers wrap; float16 accumulates in
    /// float32; `U = bool` is a running logical or, as in NumPy). Lets a
    /// device without 64-bit integers scan `i32` as `i32`. A float input
    /// scanned as an integer type is converted with [`Array::astype`]'s
    /// rules first (a copy).
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// let a = ndgpu::Array::<u8>::from_slice(&dev, &[200, 100, 1], &[3]).unwrap();
    /// assert_eq!(a.cumsum_as::<u8>(None).unwrap().to_vec().unwrap(), vec![200u8, 44, 45]);
    /// ```
    pub fn cumsum_as<U: Element>(&self, axis: Option<isize>) -> Result<Array<U>> {
        scan(self, false, axis)
    }

    /// [`Array::cumprod`] with NumPy's `dtype=U` (`U = bool` is a running
    /// logical and).
    pub fn cumprod_as<U: Element>(&self, axis: Option<isize>) -> Result<Array<U>> {
        scan(self, true, axis)
    }
}

/// The type a scan into `u` accumulates in: a whole word or pair,
/// computing as `u` does.
pub(super) fn accumulator(u: DType) -> DType {
    match u {
        DType::Bool | DType::U8 | DType::U16 => DType::U32,
        DType::I8 | DType::I16 => DType::I32,
        DType::F16 => DType::F32,
        d => d,
    }
}

fn scan<T: Element, U: Element>(a: &Array<T>, prod: bool, axis: Option<isize>) -> Result<Array<U>> {
    let op = if prod { "cumprod" } else { "cumsum" };
    let dev = a.device();
    dev.check_lost()?;
    let k = axis
        .map(|ax| normalize_axis(op, ax, a.ndim()))
        .transpose()?;
    if T::DTYPE.is_float() && U::DTYPE.is_int() {
        // NumPy's cast first (float to integer is the one conversion the
        // scan kernel does not inline).
        return scan::<U, U>(&a.astype::<U>()?, prod, axis);
    }
    let out_shape = match k {
        None => vec![a.size()],
        Some(_) => a.shape().to_vec(),
    };
    let (combine, acc) = match (U::DTYPE, prod) {
        (DType::Bool, false) => (Combine::Or, DType::U32),
        (DType::Bool, true) => (Combine::And, DType::U32),
        (u, false) => (Combine::Add, accumulator(u)),
        (u, true) => (Combine::Mul, accumulator(u)),
    };
    let spec = Spec {
        op,
        combine,
        load: Load::Value,
        input: T::DTYPE,
        acc,
        out: U::DTYPE,
    };
    let out = Array::<U>::alloc(dev, op, &out_shape, Order::C)?;
    if out.size() == 0 {
        return Ok(out);
    }
    let rows = Rows::of(a.shape(), a.strides(), a.offset(), k).normalise();
    if rows.inner.len() > 1 && !input_fits(dev, &rows, T::DTYPE.itemsize()) {
        // A flattened scan of a non-contiguous view wider than one
        // binding: its windows cannot be cut, so scan a C-order copy.
        let c = a.copy()?;
        let rows = Rows::of(c.shape(), c.strides(), c.offset(), k).normalise();
        scan_rows(dev, &spec, &rows, c.storage(), out.storage())?;
        return Ok(out);
    }
    scan_rows(dev, &spec, &rows, a.storage(), out.storage())?;
    Ok(out)
}
