//! `ndarray` interop (cargo feature `ndarray`): any `ndarray` array or view
//! to a device array, and a device array back into an `ndarray::ArrayD`.
//!
//! Upload: a view that is contiguous in memory in some order (C, F, any
//! axis order, reversed axes) moves as ONE block copy of its memory, and
//! the device array keeps the view's memory order and axis directions
//! (NumPy's order 'K'), as a copy of a NumPy view would. Any other view
//! (stepped, broadcast) is first gathered on the host into one vector in
//! logical order by `ndarray`'s iterator, which is then one block copy.
//! Download: the elements in C order straight from the mapped staging
//! buffer into the vector the `ndarray` array takes over.

use ndarray::{ArrayBase, ArrayD, Data, Dimension, IxDyn};

use crate::Array;
use crate::dtype::{self, Element};
use crate::error::{Error, Result, format_tuple};
use crate::layout::bounds::check_shape;
use crate::layout::{Layout, Order};
use crate::runtime::Device;

impl<T: Element> Array<T> {
    /// A device array with the shape and elements of an `ndarray` array or
    /// view (any strides, negative and zero ones too).
    ///
    /// A view contiguous in memory in some order (C, F, permuted or
    /// reversed axes) uploads its memory as one block copy and keeps its
    /// memory order and axis directions; any other view (stepped,
    /// broadcast) is collected on the host in logical order (one copy of
    /// its elements) and uploaded C-contiguous. Either way exactly the
    /// view's elements are uploaded.
    ///
    /// # Errors
    /// The device's allocation errors; `HostOutOfMemory` when the host
    /// copy of a non-contiguous view cannot be allocated.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::Array;
    /// let a = ndarray::Array2::from_shape_vec((2, 3), vec![1.0f32, 2., 3., 4., 5., 6.]).unwrap();
    /// let d = Array::from_ndarray(&dev, &a.t()).unwrap(); // F order, one block copy
    /// assert_eq!(d.shape(), [3, 2]);
    /// assert!(d.flags().f_contiguous);
    /// assert_eq!(d.to_vec().unwrap(), [1., 4., 2., 5., 3., 6.]);
    /// assert_eq!(d.to_ndarray().unwrap(), a.t().into_dyn());
    /// ```
    pub fn from_ndarray<S, D>(device: &Device, a: &ArrayBase<S, D>) -> Result<Array<T>>
    where
        S: Data<Elem = T>,
        D: Dimension,
    {
        let op = "from_ndarray";
        let shape = a.shape();
        check_shape(op, shape, T::DTYPE.itemsize())?;
        if a.is_empty() {
            let layout = Layout::contiguous(shape, Order::C)?;
            return Array::from_host_view(device, op, &[], &layout);
        }
        if let Some(memory) = a.as_slice_memory_order() {
            // The memory starts at the view's lowest address: the first
            // element is (len - 1) * |stride| further along each reversed
            // axis (as ndarray computes it).
            let strides = a.strides();
            let offset: usize = shape
                .iter()
                .zip(strides)
                .filter(|&(_, &s)| s < 0)
                .map(|(&n, &s)| (n - 1) * s.unsigned_abs())
                .sum();
            let layout = Layout::new(shape, strides, offset)?;
            return Array::from_host_view(device, op, dtype::as_bytes(memory), &layout);
        }
        let mut v: Vec<T> = Vec::new();
        v.try_reserve_exact(a.len())
            .map_err(|_| Error::HostOutOfMemory {
                op,
                bytes: (a.len() * T::DTYPE.itemsize()) as u64,
            })?;
        v.extend(a.iter().copied());
        let layout = Layout::contiguous(shape, Order::C)?;
        Array::from_host_view(device, op, dtype::as_bytes(&v), &layout)
    }

    /// The elements read back into an `ndarray` array of the same shape,
    /// C order (blocking; a thin wrapper over [`Array::to_ndarray_async`]).
    ///
    /// # Errors
    /// The read-back's errors (`HostOutOfMemory`, `DeviceLost`, ...).
    pub fn to_ndarray(&self) -> Result<ArrayD<T>> {
        self.device()
            .block_on("to_ndarray", "to_ndarray_async", self.to_ndarray_async())
    }

    /// [`Array::to_ndarray`] without blocking the thread.
    pub async fn to_ndarray_async(&self) -> Result<ArrayD<T>> {
        let op = "to_ndarray";
        let v = self
            .read_c_order(op, |b| dtype::try_from_bytes::<T>(op, b))
            .await?;
        ArrayD::from_shape_vec(IxDyn(self.shape()), v).map_err(|e| Error::InvalidArgument {
            op,
            reason: format!("ndarray refused shape {}: {e}", format_tuple(self.shape())),
        })
    }

    /// [`Array::to_ndarray`] into an array of a fixed dimensionality
    /// (`Ix2`, ...), checked before anything is read back.
    ///
    /// # Errors
    /// `InvalidArgument` when `D` has another number of axes than this
    /// array; the read-back's errors.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// let d = ndgpu::Array::<i32>::zeros(&dev, [2, 3]).unwrap();
    /// let a: ndarray::Array2<i32> = d.to_ndarray_dim::<ndarray::Ix2>().unwrap();
    /// assert_eq!(a.dim(), (2, 3));
    /// assert!(d.to_ndarray_dim::<ndarray::Ix1>().is_err());
    /// ```
    pub fn to_ndarray_dim<D: Dimension>(&self) -> Result<ndarray::Array<T, D>> {
        let op = "to_ndarray_dim";
        let wrong = || Error::InvalidArgument {
            op,
            reason: format!(
                "an array of {} axes (shape {}) cannot become an ndarray of {} axes",
                self.ndim(),
                format_tuple(self.shape()),
                D::NDIM.unwrap_or(self.ndim())
            ),
        };
        if D::NDIM.is_some_and(|n| n != self.ndim()) {
            return Err(wrong());
        }
        self.to_ndarray()?
            .into_dimensionality::<D>()
            .map_err(|_| wrong())
    }
}
