//! Stride tricks that make views: NumPy's `sliding_window_view`,
//! `diagonal`, `a.view(dtype)` (here [`Array::view_as`]),
//! `broadcast_arrays`, and `split`/`array_split`/`hsplit`/`vsplit`/`dsplit`.
//! Each is a new descriptor over the same buffer (no device work); the
//! layout math is in `layout/tricks.rs`.

use std::borrow::Borrow;

use super::*;
use crate::layout::tricks::{Split, broadcast_shapes_of, owner_as};

impl<T: Element> Array<T> {
    /// NumPy's `sliding_window_view(x, window_shape, axis)`: a read-only,
    /// zero-copy view of every window. Each windowed axis shrinks to
    /// `len - window + 1` positions and a trailing axis of length `window`
    /// (same stride) is appended per entry of `window_shape`, in order.
    /// `axis: None` windows every axis (one window length per axis);
    /// `Some(&[..])` names the axes (negative from the end; one may repeat).
    ///
    /// The seeds' moving average, `sliding_window_view(x, 3).mean(axis=-1)`:
    ///
    /// ```
    /// # fn main() -> ndgpu::Result<()> {
    /// # let dev = ndgpu::Device::new()?;
    /// let x = ndgpu::Array::<f32>::arange(&dev, 0.0, 6.0, 1.0)?;
    /// let w = x.sliding_window_view([3], None)?; // shape (4, 3), no copy
    /// assert!(w.shares_memory(&x)? && !w.is_writeable());
    /// assert_eq!(w.strides_bytes(), vec![4, 4]);
    /// assert_eq!(w.mean(Some(&[-1]), false)?.to_vec()?, vec![1.0, 2.0, 3.0, 4.0]);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// NumPy's: `InvalidArgument` for a `window_shape` that does not match
    /// the axes or a window longer than its axis, `AxisOutOfBounds`; and
    /// `TooBig`/`TooManyDims` for a result NumPy could not make either.
    pub fn sliding_window_view(
        &self,
        window_shape: impl AsRef<[usize]>,
        axis: Option<&[isize]>,
    ) -> Result<Array<T>> {
        let l = self.layout.sliding_window(window_shape.as_ref(), axis)?;
        l.check_bytes("sliding_window_view", self.itemsize())?;
        Ok(self.derive(l, false))
    }

    /// NumPy's `a.diagonal(offset, axis1, axis2)`: a read-only view of the
    /// diagonal `a[i, i + offset]` of the two axes, which are removed and
    /// replaced by one trailing axis (stride `stride1 + stride2`). NumPy's
    /// defaults are `diagonal(0, 0, 1)`.
    ///
    /// ```
    /// # fn main() -> ndgpu::Result<()> {
    /// # let dev = ndgpu::Device::new()?;
    /// let a = ndgpu::Array::<i32>::arange(&dev, 0, 12, 1)?.reshape([3, 4])?;
    /// assert_eq!(a.diagonal(1, 0, 1)?.to_vec()?, vec![1, 6, 11]);
    /// assert_eq!(a.diagonal(0, 0, 1)?.strides_bytes(), vec![20]);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// NumPy's: `InvalidArgument` for fewer than 2 axes or
    /// `axis1 == axis2`, `AxisOutOfBounds`.
    pub fn diagonal(&self, offset: isize, axis1: isize, axis2: isize) -> Result<Array<T>> {
        let l = self.layout.diagonal(offset, axis1, axis2)?;
        l.check_bytes("diagonal", self.itemsize())?;
        Ok(self.derive(l, false))
    }

    /// NumPy's `a.view(dtype)`: the same bytes seen as elements of `U`, a
    /// view (`view()` is NumPy's `a.view()`, the same-dtype view, so this
    /// one is named `view_as::<U>()`). Bytes are reinterpreted as they lie
    /// (little-endian): `u8` seen as `u32` and back, `bool` as `u8`, `f32`
    /// as `u32`; a `bool` view of bytes other than 0 and 1 reads them as
    /// `true`, as NumPy does. The view keeps this array's writeability.
    ///
    /// NumPy's rules: the same item size works on any layout, 0-d
    /// included. A different item size needs at least one axis and the
    /// last axis contiguous (or of length 1, or the array empty) with a
    /// byte length divisible by `U`'s size; the last axis' length becomes
    /// `len * size_of::<T>() / size_of::<U>()` and its stride one element;
    /// the other axes keep their byte strides.
    ///
    /// Unlike NumPy, the view must be aligned to `U`: its first element's
    /// byte offset and every stepping axis' byte stride must be multiples
    /// of `U`'s size (NumPy would make an unaligned view; WGSL addresses
    /// whole elements). Strides that step nothing (length-1 axes) are
    /// rounded toward zero where they are not multiples.
    ///
    /// `base()` of the result is the owner seen as `U` (an `Array<U>` holds
    /// only `U`): reinterpreted by the same rule where it applies, else its
    /// whole bytes as one axis; `is_view_of(&owner)` is true.
    ///
    /// ```
    /// # fn main() -> ndgpu::Result<()> {
    /// # let dev = ndgpu::Device::new()?;
    /// use ndgpu::Array;
    /// let b = Array::<u8>::from_slice(&dev, &[1, 0, 0, 0, 0, 1, 0, 0], [2, 4])?;
    /// let w = b.view_as::<u32>()?; // shape (2, 1), strides (4, 4)
    /// assert_eq!(w.to_vec()?, vec![1, 256]);
    /// assert!(w.is_view_of(&b));
    /// assert!(b.t().view_as::<u32>().is_err()); // the last axis is not contiguous
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// `InvalidArgument` with NumPy's message (a 0-d array with another
    /// item size, a last axis that is not contiguous or whose bytes do not
    /// divide) or for an unaligned view, with the shape and byte strides.
    pub fn view_as<U: Element>(&self) -> Result<Array<U>> {
        let (from, to) = (T::DTYPE.itemsize(), U::DTYPE.itemsize());
        let layout = self.layout.view_dtype(from, to)?;
        layout.check_bytes("view_as", to)?;
        let owner = match &self.base {
            Some(b) => (**b).clone(),
            None => self.layout.clone(),
        };
        Ok(Array {
            storage: self.storage.clone(),
            layout,
            writeable: self.writeable,
            base: Some(Arc::new(owner_as(&owner, from, to))),
            _t: PhantomData,
        })
    }

    /// NumPy's `split(x, indices_or_sections, axis)`: views of the pieces
    /// of axis `axis`. `Split::Sections(n)` (a plain `usize`) cuts `n`
    /// equal pieces; `Split::Indices` (an `isize` array, slice or `Vec`)
    /// cuts before each position, with Python's slice rules (negative
    /// positions count from the end, positions past the end clip, a
    /// decreasing pair gives an empty piece).
    ///
    /// ```
    /// # fn main() -> ndgpu::Result<()> {
    /// # let dev = ndgpu::Device::new()?;
    /// let x = ndgpu::Array::<i32>::arange(&dev, 0, 6, 1)?;
    /// let p = x.split(3, 0)?;
    /// assert_eq!(p[1].to_vec()?, vec![2, 3]);
    /// let q = x.split([1, -2], 0)?; // x[:1], x[1:-2], x[-2:]
    /// assert_eq!(q[1].to_vec()?, vec![1, 2, 3]);
    /// assert!(q.iter().all(|v| v.is_view_of(&x)));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// `AxisOutOfBounds` (NumPy: `IndexError`); `InvalidArgument` for 0
    /// sections (NumPy: a division by zero) or an unequal division
    /// ("array split does not result in an equal division").
    pub fn split(&self, how: impl Into<Split>, axis: isize) -> Result<Vec<Array<T>>> {
        self.split_with("split", &how.into(), axis, true)
    }

    /// NumPy's `array_split`: [`Array::split`] where `n` sections need not
    /// divide the axis (the first `len % n` pieces are one longer).
    ///
    /// # Errors
    /// `AxisOutOfBounds`; `InvalidArgument` for 0 sections ("number
    /// sections must be larger than 0.").
    pub fn array_split(&self, how: impl Into<Split>, axis: isize) -> Result<Vec<Array<T>>> {
        self.split_with("array_split", &how.into(), axis, false)
    }

    /// NumPy's `hsplit`: [`Array::split`] along axis 1, or axis 0 of a 1-D
    /// array.
    ///
    /// # Errors
    /// `InvalidArgument` for a 0-d array ("hsplit only works on arrays of 1
    /// or more dimensions"), then as [`Array::split`].
    pub fn hsplit(&self, how: impl Into<Split>) -> Result<Vec<Array<T>>> {
        self.need_dims("hsplit", 1)?;
        let axis = if self.ndim() > 1 { 1 } else { 0 };
        self.split_with("hsplit", &how.into(), axis, true)
    }

    /// NumPy's `vsplit`: [`Array::split`] along axis 0 of an array of at
    /// least 2 axes.
    ///
    /// # Errors
    /// `InvalidArgument` for fewer than 2 axes ("vsplit only works on
    /// arrays of 2 or more dimensions"), then as [`Array::split`].
    pub fn vsplit(&self, how: impl Into<Split>) -> Result<Vec<Array<T>>> {
        self.need_dims("vsplit", 2)?;
        self.split_with("vsplit", &how.into(), 0, true)
    }

    /// NumPy's `dsplit`: [`Array::split`] along axis 2 of an array of at
    /// least 3 axes.
    ///
    /// # Errors
    /// `InvalidArgument` for fewer than 3 axes ("dsplit only works on
    /// arrays of 3 or more dimensions"), then as [`Array::split`].
    pub fn dsplit(&self, how: impl Into<Split>) -> Result<Vec<Array<T>>> {
        self.need_dims("dsplit", 3)?;
        self.split_with("dsplit", &how.into(), 2, true)
    }

    fn need_dims(&self, op: &'static str, n: usize) -> Result<()> {
        if self.ndim() < n {
            let s = if n == 1 { "" } else { "s" };
            return Err(Error::InvalidArgument {
                op,
                reason: format!(
                    "{op} only works on arrays of {n} or more dimensions (shape {} has {} dimension{s})",
                    format_tuple(self.shape()),
                    self.ndim()
                ),
            });
        }
        Ok(())
    }

    fn split_with(
        &self,
        op: &'static str,
        how: &Split,
        axis: isize,
        equal: bool,
    ) -> Result<Vec<Array<T>>> {
        let ax = crate::layout::normalize_axis(op, axis, self.ndim())?;
        let pieces = self.layout.split_pieces(op, how, ax, equal)?;
        Ok(pieces.into_iter().map(|l| self.derive(l, true)).collect())
    }
}

/// NumPy's `broadcast_arrays(*arrays)`: views of every array broadcast to
/// their common shape. Takes `&[&a, &b]` or a slice of arrays.
///
/// When every array already has that shape they come back as they are
/// (new handles, as NumPy returns the same objects). Otherwise each array
/// of the common shape comes back as a writeable view, and each stretched
/// one as a read-only view, like [`Array::broadcast_to`]: NumPy 2.4 still
/// returns those writeable with a `FutureWarning` on write ("future
/// versions will not create a writeable array from broadcast_array");
/// ndgpu takes that future behaviour now, since a write through a zero
/// stride writes one element many times. No device work; the arrays may
/// live on different devices.
///
/// ```
/// # fn main() -> ndgpu::Result<()> {
/// # let dev = ndgpu::Device::new()?;
/// use ndgpu::{Array, broadcast_arrays};
/// let a = Array::<f32>::zeros(&dev, [3])?;
/// let b = Array::<f32>::zeros(&dev, [2, 1])?;
/// let v = broadcast_arrays(&[&a, &b])?;
/// assert_eq!((v[0].shape(), v[1].shape()), (&[2, 3][..], &[2, 3][..]));
/// assert_eq!((v[0].strides_bytes(), v[1].strides_bytes()), (vec![0, 4], vec![4, 0]));
/// # Ok(())
/// # }
/// ```
///
/// # Errors
/// `InvalidArgument` with NumPy's message naming the first two arguments
/// that conflict ("shape mismatch: objects cannot be broadcast to a single
/// shape.  Mismatch is between arg 0 with shape (3,) and arg 1 with shape
/// (2, 2)."); `TooBig` for a common shape past NumPy's size limit.
pub fn broadcast_arrays<T: Element, A: Borrow<Array<T>>>(arrays: &[A]) -> Result<Vec<Array<T>>> {
    let op = "broadcast_arrays";
    let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.borrow().shape()).collect();
    let shape = broadcast_shapes_of(op, &shapes)?;
    if shapes.iter().all(|s| *s == shape.as_slice()) {
        return Ok(arrays.iter().map(|a| a.borrow().clone()).collect());
    }
    arrays
        .iter()
        .map(|a| {
            let a = a.borrow();
            if a.shape() == shape.as_slice() {
                Ok(a.view())
            } else {
                let l = a.layout.broadcast_to(&shape).map_err(|e| match e {
                    Error::BroadcastTo { .. } => Error::BroadcastTo {
                        op,
                        from: a.shape().into(),
                        to: shape.as_slice().into(),
                    },
                    e => e,
                })?;
                l.check_bytes(op, a.itemsize())?;
                Ok(a.derive(l, false))
            }
        })
        .collect()
}
