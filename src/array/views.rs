//! View operations: a new descriptor over the same buffer, no device work
//! (slicing, transposes, flips and rotations, broadcasting, reshape where possible,
//! `as_strided`).

use super::*;

impl<T: Element> Array<T> {
    /// A new descriptor over the same buffer; the base is the owner.
    pub(super) fn derive(&self, layout: Layout, writeable: bool) -> Array<T> {
        let base = match &self.base {
            Some(b) => b.clone(),
            None => Arc::new(self.layout.clone()),
        };
        Array {
            storage: self.storage.clone(),
            layout,
            writeable: self.writeable && writeable,
            base: Some(base),
            _t: PhantomData,
        }
    }

    /// NumPy's `a.view()`: a new array object over the same data.
    pub fn view(&self) -> Array<T> {
        self.derive(self.layout.clone(), true)
    }

    /// Basic indexing (`x[1:3, ::-1, None, ..., 2]`), always a view. Build the
    /// index with [`s!`](crate::s); it may be passed as it is or borrowed
    /// (`x.slice(s![1..])` or `x.slice(&s![1..])`), or as any slice or `Vec`
    /// of [`SliceArg`].
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::{Array, s};
    /// let x = Array::<i32>::arange(&dev, 0, 10, 1).unwrap();
    /// let y = x.slice(s![1..3]).unwrap();
    /// assert!(y.is_view_of(&x));
    /// assert_eq!(y.to_vec().unwrap(), vec![1, 2]);
    /// let r = x.slice(&s![..;-3]).unwrap();
    /// assert_eq!(r.to_vec().unwrap(), vec![9, 6, 3, 0]);
    /// ```
    pub fn slice(&self, index: impl AsRef<[SliceArg]>) -> Result<Array<T>> {
        Ok(self.derive(self.layout.slice(index.as_ref())?, true))
    }

    /// Reverses the axes (NumPy's `.T`).
    pub fn t(&self) -> Array<T> {
        self.derive(self.layout.t(), true)
    }
    /// Permutes the axes (`np.transpose(a, axes)`). `axes`, like every
    /// shape or axis list, may be an array, a slice or a `Vec`
    /// (`[1, 0]`, `&[1, 0]`, `vec![1, 0]`).
    pub fn transpose(&self, axes: impl AsRef<[isize]>) -> Result<Array<T>> {
        Ok(self.derive(self.layout.permute(axes.as_ref())?, true))
    }
    /// Exchanges two axes.
    pub fn swapaxes(&self, a: isize, b: isize) -> Result<Array<T>> {
        Ok(self.derive(self.layout.swapaxes(a, b)?, true))
    }
    /// Moves one axis to a new position.
    pub fn moveaxis(&self, source: isize, destination: isize) -> Result<Array<T>> {
        Ok(self.derive(self.layout.moveaxis(source, destination)?, true))
    }
    /// Inserts a length-1 axis.
    pub fn expand_dims(&self, axis: isize) -> Result<Array<T>> {
        let l = self.layout.expand_dims(axis)?;
        l.check_bytes("expand_dims", self.itemsize())?;
        Ok(self.derive(l, true))
    }
    /// Removes every length-1 axis.
    pub fn squeeze(&self) -> Array<T> {
        self.derive(self.layout.squeeze_all(), true)
    }
    /// Removes the given length-1 axes.
    pub fn squeeze_axes(&self, axes: impl AsRef<[isize]>) -> Result<Array<T>> {
        Ok(self.derive(self.layout.squeeze(axes.as_ref())?, true))
    }
    /// Reverses one axis.
    pub fn flip(&self, axis: isize) -> Result<Array<T>> {
        Ok(self.derive(self.layout.flip(axis)?, true))
    }
    /// Reverses every axis.
    pub fn flip_all(&self) -> Array<T> {
        self.derive(self.layout.flip_all(), true)
    }
    /// Rotates by 90 degrees `k` times in the plane of `axes`, from the
    /// first axis towards the second: NumPy's `np.rot90(a, k, axes)`
    /// (`axes = [0, 1]` is NumPy's default), a view (flips and a
    /// transpose; no device work). `k` may be negative; only `k mod 4`
    /// matters. Errors as [`Layout::rot90`].
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// // [[0, 1, 2], [3, 4, 5]] turned counter-clockwise
    /// let a = ndgpu::Array::<i32>::arange(&dev, 0, 6, 1).unwrap().reshape([2, 3]).unwrap();
    /// let r = a.rot90(1, [0, 1]).unwrap();
    /// assert!(r.is_view() && r.same_buffer(&a));
    /// assert_eq!(r.shape(), &[3, 2]);
    /// assert_eq!(r.to_vec().unwrap(), vec![2, 5, 1, 4, 0, 3]);
    /// assert_eq!(a.rot90(-1, [0, 1]).unwrap().to_vec().unwrap(), vec![3, 0, 4, 1, 5, 2]);
    /// ```
    pub fn rot90(&self, k: isize, axes: [isize; 2]) -> Result<Array<T>> {
        Ok(self.derive(self.layout.rot90(k, axes)?, true))
    }
    /// Stretches to `shape` with zero strides. The result is always
    /// read-only, as in NumPy: writing to it would write one element many times.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// let a = ndgpu::Array::<i32>::arange(&dev, 1, 4, 1).unwrap();
    /// let c = a.broadcast_to(&[1000, 3]).unwrap();
    /// assert_eq!(c.strides_bytes(), vec![0, 4]);
    /// assert!(!c.is_writeable());
    /// ```
    pub fn broadcast_to(&self, shape: impl AsRef<[usize]>) -> Result<Array<T>> {
        let l = self.layout.broadcast_to(shape.as_ref())?;
        l.check_bytes("broadcast_to", self.itemsize())?;
        Ok(self.derive(l, false))
    }

    /// NumPy's `as_strided(x, shape, strides)`: a view with arbitrary shape
    /// and strides (in elements, not bytes) that starts at this array's own
    /// first element, moved by `offset` elements (negative reaches back
    /// before it). `x.slice(&s![1..])?.as_strided(..)` starts at `x[1]`, as
    /// `as_strided(x[1:], ..)` does in NumPy.
    ///
    /// Unlike NumPy, every element must lie inside the elements of the
    /// whole buffer (any of it, not only this view's part):
    /// [`Error::ViewOutOfBuffer`] otherwise, with the exact index even where
    /// it does not fit an `isize`. The padding after the last element of a
    /// 1- or 2-byte type (buffers are whole 4-byte words) is not an element.
    /// A view whose elements overlap is read-only.
    ///
    /// # Errors
    /// [`Error::TooBig`] for a shape NumPy refuses; [`Error::InvalidLayout`]
    /// or [`Error::TooManyDims`] for malformed parts;
    /// [`Error::ViewOutOfBuffer`] for an element outside the buffer;
    /// [`Error::LayoutOverflow`] for strides or offsets whose byte form does
    /// not fit an `isize`.
    ///
    /// ```
    /// # fn main() -> ndgpu::Result<()> {
    /// # let dev = ndgpu::Device::new()?;
    /// use ndgpu::{Array, s};
    /// // x = np.arange(12, dtype=np.int32)
    /// let x = Array::<i32>::arange(&dev, 0, 12, 1)?;
    /// // as_strided(x[1:], (2, 4), (16, 4)) is [[1, 2, 3, 4], [5, 6, 7, 8]] in NumPy
    /// let v = x.slice(&s![1..])?.as_strided(&[2, 4], &[4, 1], 0)?;
    /// assert_eq!(v.to_vec()?, vec![1, 2, 3, 4, 5, 6, 7, 8]);
    /// // one element back from x[1:] is x[0]
    /// let w = x.slice(&s![1..])?.as_strided(&[3], &[1], -1)?;
    /// assert_eq!(w.to_vec()?, vec![0, 1, 2]);
    /// // x[-1] and beyond: outside the buffer
    /// assert!(x.as_strided(&[2], &[1], 11).is_err());
    /// # Ok(())
    /// # }
    /// ```
    pub fn as_strided(
        &self,
        shape: impl AsRef<[usize]>,
        strides: impl AsRef<[isize]>,
        offset: isize,
    ) -> Result<Array<T>> {
        let (shape, strides) = (shape.as_ref(), strides.as_ref());
        let op = "as_strided";
        let isz = self.itemsize();
        // Elements the buffer was allocated for (not its rounded-up bytes).
        let capacity = (self.storage.len_bytes / isz as u64) as usize;
        let start = self.layout.offset() as i128 + offset as i128;
        let (l, overlapping) = strided_layout(op, shape, strides, start, capacity, isz)?;
        Ok(self.derive(l, !overlapping))
    }

    /// Gives a new shape (one entry may be `-1`), in C order: a view when
    /// NumPy's no-copy rule allows it, a copy otherwise.
    pub fn reshape(&self, shape: impl AsRef<[isize]>) -> Result<Array<T>> {
        self.reshape_order(shape, Order::C)
    }

    /// [`Array::reshape`] reading and writing elements in `order`.
    pub fn reshape_order(&self, shape: impl AsRef<[isize]>, order: Order) -> Result<Array<T>> {
        let shape = shape.as_ref();
        match self.layout.reshape_view(shape, order)? {
            Some(l) => {
                l.check_bytes("reshape", self.itemsize())?;
                Ok(self.derive(l, true))
            }
            None => {
                // The copy is contiguous in `order`, so the new shape simply
                // takes fresh contiguous strides over it.
                let copy = self.copy_order(order)?;
                let dims = resolve_shape("reshape", copy.size(), shape)?;
                let layout = Layout::contiguous(&dims, order)?;
                Ok(Array { layout, ..copy })
            }
        }
    }

    /// NumPy's `a.shape = shape`: changes this array's shape in place, or
    /// fails with NumPy's "Incompatible shape for in-place modification"
    /// error where that would need a copy.
    pub fn set_shape(&mut self, shape: impl AsRef<[isize]>) -> Result<()> {
        let l = self.layout.set_shape(shape.as_ref())?;
        l.check_bytes("set_shape", self.itemsize())?;
        self.layout = l;
        Ok(())
    }

    /// A 1-D array of the elements in C order: a view when the array is
    /// C-contiguous, otherwise a copy (NumPy's `ravel`).
    pub fn ravel(&self) -> Result<Array<T>> {
        self.ravel_order(Order::C)
    }

    /// [`Array::ravel`] in `order`.
    pub fn ravel_order(&self, order: Order) -> Result<Array<T>> {
        match self.layout.ravel_view(order) {
            Some(l) => Ok(self.derive(l, true)),
            None => self.flatten_order(order),
        }
    }

    /// A 1-D copy of the elements in C order, always new memory (NumPy's `flatten`).
    pub fn flatten(&self) -> Result<Array<T>> {
        self.flatten_order(Order::C)
    }

    /// [`Array::flatten`] in `order`.
    pub fn flatten_order(&self, order: Order) -> Result<Array<T>> {
        let c = self.copy_order(order)?;
        let n = c.size();
        Ok(Array {
            layout: Layout::contiguous(&[n], Order::C)?,
            ..c
        })
    }
}

/// The layout of a view with arbitrary `shape` and `strides` (in elements)
/// whose first element is element `start` of a buffer holding `capacity`
/// elements of `isz` bytes, and whether its elements overlap (a zero
/// stride, or an internal overlap too hard to rule out): `as_strided`'s and
/// `from_wgpu_buffer`'s checks. Every element must lie inside the buffer;
/// everything is computed in `i128`, exact for any `isize` inputs.
///
/// # Errors
/// [`Error::InvalidLayout`] when shape and strides differ in length;
/// [`Error::TooBig`] for a shape NumPy refuses; [`Error::ViewOutOfBuffer`] for an element outside the buffer (below
/// index 0 also for an empty view: a layout's walk along its non-empty
/// axes must stay at indices >= 0); [`Error::LayoutOverflow`] for indices
/// or a byte form that does not fit an `isize`; [`Error::TooManyDims`].
pub(super) fn strided_layout(
    op: &'static str,
    shape: &[usize],
    strides: &[isize],
    start: i128,
    capacity: usize,
    isz: usize,
) -> Result<(Layout, bool)> {
    if shape.len() != strides.len() {
        return Err(Error::InvalidLayout {
            op,
            reason: format!(
                "shape has {} axes but strides has {}",
                shape.len(),
                strides.len()
            ),
        });
    }
    check_shape(op, shape, isz)?;
    let overflow = || layout_overflow(op, "the element indices overflow", shape, strides, start);
    let (lo, hi) =
        walk_reach(shape.iter().copied().zip(strides.iter().copied())).ok_or_else(overflow)?;
    let (lo, hi) = (start + lo, start + hi);
    if lo < 0 {
        return Err(Error::ViewOutOfBuffer {
            op,
            reach: lo,
            len: capacity,
        });
    }
    if !shape.contains(&0) && hi >= capacity as i128 {
        return Err(Error::ViewOutOfBuffer {
            op,
            reach: hi,
            len: capacity,
        });
    }
    let start = usize::try_from(start).map_err(|_| overflow())?;
    let l = Layout::new(shape, strides, start).map_err(|e| match e {
        Error::InvalidLayout { .. } | Error::TooManyDims { .. } | Error::TooBig { .. } => e,
        _ => overflow(),
    })?;
    l.check_bytes(op, isz)?;
    // An overlap too hard to decide is treated as overlapping: read-only is safe.
    let overlapping = l.has_zero_stride()
        || overlap::has_internal_overlap(&l, isz, Some(AS_STRIDED_MAX_WORK)).unwrap_or(true);
    Ok((l, overlapping))
}
