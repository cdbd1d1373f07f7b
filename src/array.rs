//! [`Array`]: a typed descriptor over a shared, reference-counted device
//! buffer. View operations make a new descriptor over the same buffer (no
//! device work, no new memory); copies run the strided copy kernel into a new
//! buffer; writes go through the shared buffer and so show in every view.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use crate::kernels::codegen;
use crate::runtime::{Device, Storage};
use crate::dtype;
use crate::dtype::{DType, Element};
use crate::error::{Error, Result, format_tuple};
use crate::kernels::Launch;
use crate::layout::bounds::{check_shape, layout_overflow, walk_reach};
use crate::layout::overlap;
use crate::layout::reshape::resolve_shape;
use crate::layout::slice::SliceArg;
use crate::layout::{Layout, Order};

/// Work budget of the internal-overlap test behind `as_strided`'s writeable
/// flag: far above what ordinary layouts need (NumPy's internals use 1,
/// which leaves even a plain transpose undecided), small enough to stay fast.
const AS_STRIDED_MAX_WORK: u64 = 1 << 16;

/// NumPy's array flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flags {
    /// C_CONTIGUOUS, by NumPy's rule (length-1 axes ignored; empty and 0-d are contiguous).
    pub c_contiguous: bool,
    /// F_CONTIGUOUS, by the same rule.
    pub f_contiguous: bool,
    /// WRITEABLE: false for broadcast views, self-overlapping views and views of read-only arrays.
    pub writeable: bool,
    /// OWNDATA: true for an array that owns its buffer (its `base` is `None`).
    pub owndata: bool,
}

/// A diagnostic snapshot of an array's memory, with the fields of NumPy's
/// `array_info` recipe (buffer identity and byte offset stand in for the
/// data pointer). Its `Display` prints one field per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrayInfo {
    /// Shape.
    pub shape: Vec<usize>,
    /// Strides in bytes.
    pub strides: Vec<isize>,
    /// Element type.
    pub dtype: DType,
    /// Bytes per element.
    pub itemsize: usize,
    /// Identity of the device buffer (unique per device).
    pub buffer_id: u64,
    /// Byte offset of the first element inside the buffer.
    pub byte_offset: usize,
    /// C_CONTIGUOUS.
    pub c_contiguous: bool,
    /// F_CONTIGUOUS.
    pub f_contiguous: bool,
    /// WRITEABLE.
    pub writeable: bool,
    /// Whether the array owns its buffer (`base is None`).
    pub owns_data: bool,
    /// Bytes of the elements this array addresses (`size * itemsize`).
    pub nbytes: usize,
    /// Bytes of device memory this array keeps alive (its whole buffer).
    pub buffer_nbytes: u64,
    /// Shape of the base array, for a view.
    pub base_shape: Option<Vec<usize>>,
}

impl fmt::Display for ArrayInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "shape: {}", format_tuple(&self.shape))?;
        writeln!(f, "strides: {}", format_tuple(&self.strides))?;
        writeln!(f, "dtype: {} ({} bytes)", self.dtype, self.itemsize)?;
        writeln!(
            f,
            "data: buffer #{} + {} bytes",
            self.buffer_id, self.byte_offset
        )?;
        writeln!(f, "C-contiguous: {}", self.c_contiguous)?;
        writeln!(f, "F-contiguous: {}", self.f_contiguous)?;
        writeln!(f, "writeable: {}", self.writeable)?;
        writeln!(f, "owns data: {}", self.owns_data)?;
        writeln!(f, "nbytes: {}", self.nbytes)?;
        write!(f, "keeps alive: {} bytes", self.buffer_nbytes)?;
        if let Some(b) = &self.base_shape {
            write!(f, "\nbase shape: {}", format_tuple(b))?;
        }
        Ok(())
    }
}

/// An n-dimensional array of `T` on a GPU device.
///
/// A handle: cloning it makes another handle to the *same* array (like
/// binding a second Python name), not a copy and not a view. Views share the
/// buffer; the buffer is freed when the last handle to any array over it is
/// dropped.
pub struct Array<T: Element> {
    storage: Arc<Storage>,
    layout: Layout,
    writeable: bool,
    /// The owner's layout, for a view; `None` for an array that owns its buffer.
    base: Option<Arc<Layout>>,
    _t: PhantomData<T>,
}

impl<T: Element> Clone for Array<T> {
    fn clone(&self) -> Self {
        Array {
            storage: self.storage.clone(),
            layout: self.layout.clone(),
            writeable: self.writeable,
            base: self.base.clone(),
            _t: PhantomData,
        }
    }
}

impl<T: Element> fmt::Debug for Array<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Array")
            .field("dtype", &T::DTYPE)
            .field("shape", &self.shape())
            .field("strides", &self.strides())
            .field("offset", &self.offset())
            .field("buffer", &self.storage.id)
            .field("writeable", &self.writeable)
            .field("view", &self.is_view())
            .finish()
    }
}

// ----- construction ----------------------------------------------------------

impl<T: Element> Array<T> {
    /// An owner array over a fresh buffer with a C-contiguous layout.
    pub(crate) fn owner(storage: Arc<Storage>, layout: Layout) -> Self {
        Array {
            storage,
            layout,
            writeable: true,
            base: None,
            _t: PhantomData,
        }
    }

    /// A new owner array of `shape`, contiguous in `order`, uninitialised
    /// (WebGPU zeroes new buffers).
    pub(crate) fn alloc(
        device: &Device,
        op: &'static str,
        shape: &[usize],
        order: Order,
    ) -> Result<Self> {
        check_shape(op, shape, T::DTYPE.itemsize())?;
        let layout = Layout::contiguous(shape, order)?;
        // At most isize::MAX after the shape check.
        let bytes = layout.size() as u64 * T::DTYPE.itemsize() as u64;
        let storage = device.alloc(op, bytes)?;
        Ok(Self::owner(storage, layout))
    }

    /// Uploads `data` (in C order) as an array of `shape`.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// let a = ndgpu::Array::from_slice(&dev, &[1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3]).unwrap();
    /// assert_eq!(a.shape(), &[2, 3]);
    /// assert_eq!(a.to_vec().unwrap(), vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    /// ```
    pub fn from_slice(device: &Device, data: &[T], shape: &[usize]) -> Result<Self> {
        let op = "from_slice";
        check_shape(op, shape, T::DTYPE.itemsize())?;
        let layout = Layout::contiguous(shape, Order::C)?;
        if layout.size() != data.len() {
            return Err(Error::DataLength {
                op,
                len: data.len(),
                shape: shape.into(),
                size: layout.size(),
            });
        }
        let storage = device.upload(op, &dtype::to_bytes(data))?;
        Ok(Self::owner(storage, layout))
    }

    /// A 0-d array holding `value`.
    pub fn scalar(device: &Device, value: T) -> Result<Self> {
        Self::from_slice(device, &[value], &[])
    }

    /// An array of zeros. WebGPU zero-initialises every new buffer, so this
    /// launches nothing.
    pub fn zeros(device: &Device, shape: &[usize]) -> Result<Self> {
        Self::alloc(device, "zeros", shape, Order::C)
    }

    /// An array of ones, filled on the device.
    pub fn ones(device: &Device, shape: &[usize]) -> Result<Self> {
        Self::full(device, shape, T::ONE)
    }

    /// An array with every element `value`, filled on the device.
    pub fn full(device: &Device, shape: &[usize], value: T) -> Result<Self> {
        let a = Self::alloc(device, "full", shape, Order::C)?;
        a.fill_unchecked("full", value)?;
        Ok(a)
    }

    /// NumPy's `arange(start, stop, step)`, filled on the device: `ceil((stop
    /// - start) / step)` elements, element `i` being `start + i * delta` where
    /// `delta` is NumPy's (`(start + step) - start` in the element type).
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// let a = ndgpu::Array::<i32>::arange(&dev, 2, 11, 3).unwrap();
    /// assert_eq!(a.to_vec().unwrap(), vec![2, 5, 8]);
    /// ```
    pub fn arange(device: &Device, start: T, stop: T, step: T) -> Result<Self> {
        let op = "arange";
        let bad = |why: &str| Error::InvalidArgument {
            op,
            reason: format!("start {start}, stop {stop}, step {step}: {why}"),
        };
        if T::DTYPE == DType::Bool {
            return Err(bad("no arange of bool"));
        }
        // NumPy stores start and start + step, then steps by their
        // difference (`delta`), computed in the element type.
        let (n, start_words, delta_words) = match (start.to_i128(), stop.to_i128(), step.to_i128())
        {
            (Some(s), Some(e), Some(d)) => {
                if d == 0 {
                    return Err(bad("the step is zero"));
                }
                let num = e - s;
                // ceil(num / d) with integers: truncation is the ceiling
                // unless num and d share a sign and do not divide.
                let q = num / d;
                let len = if num % d != 0 && ((num < 0) == (d < 0)) {
                    q + 1
                } else {
                    q
                };
                let n = usize::try_from(len.max(0))
                    .map_err(|_| Error::Overflow {
                        op,
                        what: format!("length {len}"),
                    })?;
                let delta = T::from_i128_wrapping(s + d);
                let delta = T::from_i128_wrapping(delta.to_i128().unwrap_or(0) - s);
                (
                    n,
                    codegen::scalar_words(T::DTYPE, start.to_bits()),
                    codegen::scalar_words(T::DTYPE, delta.to_bits()),
                )
            }
            _ => {
                let (s, e, d) = (start.to_f64(), stop.to_f64(), step.to_f64());
                if d == 0.0 || !d.is_finite() || !s.is_finite() || !e.is_finite() {
                    return Err(bad("need finite values and a non-zero step"));
                }
                let len = ((e - s) / d).ceil().max(0.0);
                if len > isize::MAX as f64 {
                    return Err(Error::Overflow {
                        op,
                        what: format!("length {len}"),
                    });
                }
                let second = T::from_f64(s + d);
                let words = match T::DTYPE {
                    // float16 computes in f32 (as NumPy's half loops do).
                    DType::F16 => {
                        let d32 = second.to_f64() as f32 - start.to_f64() as f32;
                        [d32.to_bits(), 0]
                    }
                    _ => {
                        let delta = T::from_f64(second.to_f64() - start.to_f64());
                        codegen::scalar_words(T::DTYPE, delta.to_bits())
                    }
                };
                (
                    len as usize,
                    codegen::scalar_words(T::DTYPE, start.to_bits()),
                    words,
                )
            }
        };
        let a = Self::alloc(device, op, &[n], Order::C)?;
        device.launch(&Launch {
            op,
            program: &codegen::arange(T::DTYPE),
            shape: &[n],
            buffers: &[&a.storage],
            operands: &[(&[1], 0)],
            scalars: [
                start_words[0],
                start_words[1],
                delta_words[0],
                delta_words[1],
            ],
        })?;
        Ok(a)
    }
}

// ----- introspection ---------------------------------------------------------

impl<T: Element> Array<T> {
    /// The device the array lives on.
    pub fn device(&self) -> &Device {
        &self.storage.device
    }
    /// The descriptor.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }
    /// Length of each axis.
    pub fn shape(&self) -> &[usize] {
        self.layout.shape()
    }
    /// Strides in elements (signed).
    pub fn strides(&self) -> &[isize] {
        self.layout.strides()
    }
    /// Strides in bytes, as NumPy's `.strides` reports them.
    pub fn strides_bytes(&self) -> Vec<isize> {
        // Every place a stride enters an array checks that it fits in bytes
        // (`Layout::check_bytes`), and views only keep, negate or shrink
        // strides, so this is exact; it saturates rather than panics.
        let isz = self.itemsize() as isize;
        self.strides()
            .iter()
            .map(|&s| s.saturating_mul(isz))
            .collect()
    }
    /// Offset of the first element in the buffer, in elements.
    pub fn offset(&self) -> usize {
        self.layout.offset()
    }
    /// Offset of the first element in the buffer, in bytes.
    pub fn offset_bytes(&self) -> usize {
        self.layout.offset() * self.itemsize()
    }
    /// Number of axes.
    pub fn ndim(&self) -> usize {
        self.layout.ndim()
    }
    /// Number of elements.
    pub fn size(&self) -> usize {
        self.layout.size()
    }
    /// The element type.
    pub fn dtype(&self) -> DType {
        T::DTYPE
    }
    /// Bytes per element.
    pub fn itemsize(&self) -> usize {
        T::DTYPE.itemsize()
    }
    /// Bytes of the elements addressed (`size * itemsize`), as NumPy's `nbytes`.
    pub fn nbytes(&self) -> usize {
        self.size() * self.itemsize()
    }
    /// Bytes of device memory this array keeps alive: its whole buffer, which
    /// for a small view of a large parent is much more than [`Array::nbytes`].
    pub fn buffer_nbytes(&self) -> u64 {
        self.storage.bytes
    }
    /// Identity of the device buffer (unique per device).
    pub fn buffer_id(&self) -> u64 {
        self.storage.id
    }
    /// The shared device buffer.
    pub(crate) fn storage(&self) -> &Arc<Storage> {
        &self.storage
    }
    /// The wgpu buffer behind this array (shared with every view of it), for
    /// interoperating with hand-written kernels. Element `[i, j, ..]` is at
    /// byte `offset_bytes() + sum(index * strides_bytes())`.
    pub fn wgpu_buffer(&self) -> &wgpu::Buffer {
        &self.storage.buffer
    }
    /// NumPy's flags.
    pub fn flags(&self) -> Flags {
        Flags {
            c_contiguous: self.layout.is_c_contiguous(),
            f_contiguous: self.layout.is_f_contiguous(),
            writeable: self.writeable,
            owndata: self.base.is_none(),
        }
    }
    /// C_CONTIGUOUS.
    pub fn is_c_contiguous(&self) -> bool {
        self.layout.is_c_contiguous()
    }
    /// F_CONTIGUOUS.
    pub fn is_f_contiguous(&self) -> bool {
        self.layout.is_f_contiguous()
    }
    /// WRITEABLE.
    pub fn is_writeable(&self) -> bool {
        self.writeable
    }
    /// Whether this array is a view of another (it has a base).
    pub fn is_view(&self) -> bool {
        self.base.is_some()
    }
    /// NumPy's `base`: the array that owns the buffer, for a view (a view
    /// of a view gives the owner, not the middle view); `None` for an owner.
    pub fn base(&self) -> Option<Array<T>> {
        self.base
            .as_ref()
            .map(|b| Self::owner(self.storage.clone(), (**b).clone()))
    }
    /// Whether this array is a view whose base is `owner`.
    pub fn is_view_of<U: Element>(&self, owner: &Array<U>) -> bool {
        match &self.base {
            Some(b) => {
                owner.base.is_none()
                    && Arc::ptr_eq(&self.storage, &owner.storage)
                    && **b == owner.layout
            }
            None => false,
        }
    }
    /// Whether both arrays live in the same device buffer.
    pub fn same_buffer<U: Element>(&self, other: &Array<U>) -> bool {
        Arc::ptr_eq(&self.storage, &other.storage)
    }
    /// NumPy's `may_share_memory`: same buffer and overlapping byte extents.
    /// Answered from the descriptors alone.
    pub fn may_share_memory<U: Element>(&self, other: &Array<U>) -> bool {
        self.same_buffer(other)
            && overlap::may_share_memory(
                &self.layout,
                self.itemsize(),
                &other.layout,
                other.itemsize(),
            )
    }
    /// NumPy's exact `shares_memory`: whether some byte is addressed by
    /// both. Answered from the descriptors alone with a bounded search;
    /// [`Error::TooHard`] if the search exceeds its budget, never a wrong answer.
    pub fn shares_memory<U: Element>(&self, other: &Array<U>) -> Result<bool> {
        self.shares_memory_bounded(other, None)
    }
    /// [`Array::shares_memory`] with an explicit work budget (`None`: unbounded).
    pub fn shares_memory_bounded<U: Element>(
        &self,
        other: &Array<U>,
        max_work: Option<u64>,
    ) -> Result<bool> {
        if !self.same_buffer(other) {
            return Ok(false);
        }
        overlap::shares_memory(
            &self.layout,
            self.itemsize(),
            &other.layout,
            other.itemsize(),
            max_work,
        )
    }
    /// The diagnostic summary of NumPy's `array_info` recipe.
    pub fn info(&self) -> ArrayInfo {
        ArrayInfo {
            shape: self.shape().to_vec(),
            strides: self.strides_bytes(),
            dtype: T::DTYPE,
            itemsize: self.itemsize(),
            buffer_id: self.storage.id,
            byte_offset: self.offset_bytes(),
            c_contiguous: self.is_c_contiguous(),
            f_contiguous: self.is_f_contiguous(),
            writeable: self.writeable,
            owns_data: self.base.is_none(),
            nbytes: self.nbytes(),
            buffer_nbytes: self.buffer_nbytes(),
            base_shape: self.base.as_ref().map(|b| b.shape().to_vec()),
        }
    }
}

// ----- views -------------------------------------------------------------------

impl<T: Element> Array<T> {
    /// A new descriptor over the same buffer; the base is the owner.
    fn derive(&self, layout: Layout, writeable: bool) -> Array<T> {
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
    /// index with [`s!`](crate::s).
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::{Array, s};
    /// let x = Array::<i32>::arange(&dev, 0, 10, 1).unwrap();
    /// let y = x.slice(&s![1..3]).unwrap();
    /// assert!(y.is_view_of(&x));
    /// assert_eq!(y.to_vec().unwrap(), vec![1, 2]);
    /// let r = x.slice(&s![..;-3]).unwrap();
    /// assert_eq!(r.to_vec().unwrap(), vec![9, 6, 3, 0]);
    /// ```
    pub fn slice(&self, index: &[SliceArg]) -> Result<Array<T>> {
        Ok(self.derive(self.layout.slice(index)?, true))
    }

    /// Reverses the axes (NumPy's `.T`).
    pub fn t(&self) -> Array<T> {
        self.derive(self.layout.t(), true)
    }
    /// Permutes the axes (`np.transpose(a, axes)`).
    pub fn transpose(&self, axes: &[isize]) -> Result<Array<T>> {
        Ok(self.derive(self.layout.permute(axes)?, true))
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
    pub fn squeeze_axes(&self, axes: &[isize]) -> Result<Array<T>> {
        Ok(self.derive(self.layout.squeeze(axes)?, true))
    }
    /// Reverses one axis.
    pub fn flip(&self, axis: isize) -> Result<Array<T>> {
        Ok(self.derive(self.layout.flip(axis)?, true))
    }
    /// Reverses every axis.
    pub fn flip_all(&self) -> Array<T> {
        self.derive(self.layout.flip_all(), true)
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
    pub fn broadcast_to(&self, shape: &[usize]) -> Result<Array<T>> {
        let l = self.layout.broadcast_to(shape)?;
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
        shape: &[usize],
        strides: &[isize],
        offset: isize,
    ) -> Result<Array<T>> {
        let op = "as_strided";
        let isz = self.itemsize();
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
        // Elements the buffer was allocated for (not its rounded-up bytes).
        let capacity = (self.storage.len_bytes / isz as u64) as usize;
        // Everything in i128: exact for any isize inputs.
        let start = self.layout.offset() as i128 + offset as i128;
        let overflow =
            || layout_overflow(op, "the element indices overflow", shape, strides, start);
        let (lo, hi) =
            walk_reach(shape.iter().copied().zip(strides.iter().copied())).ok_or_else(overflow)?;
        let (lo, hi) = (start + lo, start + hi);
        // Below index 0 is refused for an empty view too: a layout's walk
        // along its non-empty axes must stay at indices >= 0 (`bounds`).
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
            Error::InvalidLayout { .. } | Error::TooManyDims { .. } => e,
            _ => overflow(),
        })?;
        l.check_bytes(op, isz)?;
        // An overlap too hard to decide is treated as overlapping: read-only is safe.
        let overlapping = l.has_zero_stride()
            || overlap::has_internal_overlap(&l, isz, Some(AS_STRIDED_MAX_WORK)).unwrap_or(true);
        Ok(self.derive(l, !overlapping))
    }

    /// Gives a new shape (one entry may be `-1`), in C order: a view when
    /// NumPy's no-copy rule allows it, a copy otherwise.
    pub fn reshape(&self, shape: &[isize]) -> Result<Array<T>> {
        self.reshape_order(shape, Order::C)
    }

    /// [`Array::reshape`] reading and writing elements in `order`.
    pub fn reshape_order(&self, shape: &[isize], order: Order) -> Result<Array<T>> {
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
    pub fn set_shape(&mut self, shape: &[isize]) -> Result<()> {
        let l = self.layout.set_shape(shape)?;
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

// ----- copies ------------------------------------------------------------------

impl<T: Element> Array<T> {
    /// A C-contiguous copy in a new buffer (no base).
    pub fn copy(&self) -> Result<Array<T>> {
        self.copy_order(Order::C)
    }

    /// A copy laid out contiguously in `order`.
    pub fn copy_order(&self, order: Order) -> Result<Array<T>> {
        let dst = Self::alloc(self.device(), "copy", self.shape(), order)?;
        dst.write_from(&self.layout, &self.storage, "copy")?;
        Ok(dst)
    }

    /// NumPy's `ascontiguousarray`: `self` (a new handle, no device work)
    /// when already C-contiguous, else a C-contiguous copy. The result has
    /// at least one axis, as NumPy documents: a 0-d array gives a view of
    /// shape (1,).
    pub fn ascontiguousarray(&self) -> Result<Array<T>> {
        if self.ndim() == 0 {
            return self.expand_dims(0);
        }
        if self.is_c_contiguous() {
            Ok(self.clone())
        } else {
            self.copy_order(Order::C)
        }
    }

    /// NumPy's `asfortranarray`: `self` when already F-contiguous, else an
    /// F-contiguous copy; a 0-d array gives a view of shape (1,), as in NumPy.
    pub fn asfortranarray(&self) -> Result<Array<T>> {
        if self.ndim() == 0 {
            return self.expand_dims(0);
        }
        if self.is_f_contiguous() {
            Ok(self.clone())
        } else {
            self.copy_order(Order::F)
        }
    }
}

// ----- writes ------------------------------------------------------------------

impl<T: Element> Array<T> {
    pub(crate) fn check_writeable(&self, op: &'static str) -> Result<()> {
        if self.writeable {
            Ok(())
        } else {
            Err(Error::ReadOnly { op })
        }
    }

    pub(crate) fn check_device(&self, op: &'static str, other: &Device) -> Result<()> {
        if self.device() == other {
            Ok(())
        } else {
            Err(Error::DeviceMismatch { op })
        }
    }

    /// Writes `value` into every element of this (possibly strided) view.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::{Array, s};
    /// let x = Array::<i32>::zeros(&dev, &[6]).unwrap();
    /// x.slice(&s![..;-2]).unwrap().fill(7).unwrap();
    /// assert_eq!(x.to_vec().unwrap(), vec![0, 7, 0, 7, 0, 7]);
    /// ```
    pub fn fill(&self, value: T) -> Result<()> {
        self.check_writeable("fill")?;
        self.fill_unchecked("fill", value)
    }

    fn fill_unchecked(&self, op: &'static str, value: T) -> Result<()> {
        let bits = value.to_bits();
        self.device().launch(&Launch {
            op,
            program: &codegen::fill(T::DTYPE),
            shape: self.shape(),
            buffers: &[&self.storage],
            operands: &[(self.strides(), self.offset())],
            scalars: [bits as u32, (bits >> 32) as u32, 0, 0],
        })
    }

    /// `self[...] = src`: copies `src`, broadcast to this shape, into this
    /// (possibly strided) view. Behaves as if `src` were read in full before
    /// anything is written, even when the two overlap (`x[2:] = x[:-2]`).
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::{Array, s};
    /// let x = Array::<i32>::arange(&dev, 0, 6, 1).unwrap();
    /// x.slice(&s![2..]).unwrap().assign(&x.slice(&s![..-2]).unwrap()).unwrap();
    /// assert_eq!(x.to_vec().unwrap(), vec![0, 1, 0, 1, 2, 3]);
    /// ```
    pub fn assign(&self, src: &Array<T>) -> Result<()> {
        let op = "assign";
        self.check_writeable(op)?;
        self.check_device(op, src.device())?;
        // NumPy drops the source's leading length-1 axes beyond the
        // destination's rank (`x[...] = y` with y of shape (1, 3, 4) into
        // (3, 4)); then the source broadcasts to the destination.
        let extra = src.ndim().saturating_sub(self.ndim());
        let lead = src.shape()[..extra].iter().take_while(|&&n| n == 1).count();
        let src_layout = if lead > 0 {
            let axes: Vec<isize> = (0..lead as isize).collect();
            src.layout.squeeze(&axes)?
        } else {
            src.layout.clone()
        };
        let from = src_layout
            .broadcast_to(self.shape())
            .map_err(|_| Error::BroadcastTo {
                op,
                from: src.shape().into(),
                to: self.shape().into(),
            })?;
        if self.size() == 0 {
            return Ok(());
        }
        if Arc::ptr_eq(&self.storage, &src.storage) {
            if from == self.layout {
                return Ok(()); // x[...] = x
            }
            if overlap::must_stage(&self.layout, self.itemsize(), &from, self.itemsize()) {
                // Read everything first: stage the source in a temporary.
                let tmp = Self::alloc(self.device(), op, self.shape(), Order::C)?;
                tmp.write_from(&from, &src.storage, op)?;
                return self.write_from(&tmp.layout, &tmp.storage, op);
            }
        }
        self.write_from(&from, &src.storage, op)
    }

    /// Writes `value` at one position (negative indices count from the end).
    pub fn set(&self, index: &[isize], value: T) -> Result<()> {
        self.check_writeable("set")?;
        let l = self.element_layout("set", index)?;
        self.derive(l, true).fill_unchecked("set", value)
    }

    /// Copies the elements addressed by `from` in `storage` into `self`'s
    /// elements (same shape; caller has checked writeability and overlap).
    fn write_from(&self, from: &Layout, storage: &Arc<Storage>, op: &'static str) -> Result<()> {
        debug_assert_eq!(from.shape(), self.shape());
        let n = self.size();
        if n == 0 {
            return Ok(());
        }
        let isz = self.itemsize();
        let dev = self.device();
        let same = Arc::ptr_eq(&self.storage, storage);
        // Two contiguous runs in the same order in different buffers: the
        // DMA-style buffer copy is the fastest path there is, where its
        // 4-byte alignment allows (packed 1- and 2-byte types may start or
        // end inside a word shared with other elements).
        let runs = !same
            && ((from.is_c_contiguous() && self.layout.is_c_contiguous())
                || (from.is_f_contiguous() && self.layout.is_f_contiguous()));
        if runs {
            let (src_lo, _) = from.index_span().expect("non-empty");
            let (dst_lo, _) = self.layout.index_span().expect("non-empty");
            let (src_at, dst_at, bytes) = (src_lo as usize * isz, dst_lo as usize * isz, n * isz);
            if src_at % 4 == 0 && dst_at % 4 == 0 && bytes % 4 == 0 {
                return dev.record(op, 1, |enc| {
                    enc.copy_buffer_to_buffer(
                        &storage.buffer,
                        src_at as u64,
                        &self.storage.buffer,
                        dst_at as u64,
                        bytes as u64,
                    )
                });
            }
        }
        let buffers: Vec<&Storage> = if same {
            vec![&self.storage]
        } else {
            vec![storage, &self.storage]
        };
        dev.launch(&Launch {
            op,
            program: &codegen::copy(T::DTYPE, same),
            shape: self.shape(),
            buffers: &buffers,
            operands: &[
                (from.strides(), from.offset()),
                (self.strides(), self.offset()),
            ],
            scalars: [0; 4],
        })
    }
}

// ----- reading -----------------------------------------------------------------

impl<T: Element> Array<T> {
    fn element_layout(&self, op: &'static str, index: &[isize]) -> Result<Layout> {
        if index.len() != self.ndim() {
            return Err(Error::InvalidArgument {
                op,
                reason: format!(
                    "{} indices given for an array of dimension {}",
                    index.len(),
                    self.ndim()
                ),
            });
        }
        let args: Vec<SliceArg> = index.iter().map(|&i| SliceArg::Index(i)).collect();
        self.layout.slice(&args).map_err(|e| match e {
            Error::IndexOutOfBounds {
                axis, index, len, ..
            } => Error::IndexOutOfBounds {
                op,
                axis,
                index,
                len,
            },
            e => e,
        })
    }

    /// Reads the elements back in logical C order, whatever the strides.
    pub fn to_vec(&self) -> Result<Vec<T>> {
        let op = "to_vec";
        let n = self.size();
        if n == 0 {
            self.device().check_lost()?;
            return Ok(Vec::new());
        }
        let isz = self.itemsize();
        // The elements go from the mapped staging buffer straight into the
        // result: one host copy, and a failed host allocation is an error.
        let take = |b: &[u8]| dtype::try_from_bytes::<T>(op, b);
        if self.is_c_contiguous() {
            let (lo, _) = self.layout.index_span().expect("non-empty");
            self.device().read_with(
                op,
                &self.storage.buffer,
                (lo as usize * isz) as u64,
                (n * isz) as u64,
                take,
            )
        } else {
            let c = self.copy()?;
            c.device()
                .read_with(op, &c.storage.buffer, 0, (n * isz) as u64, take)
        }
    }

    /// Reads one element (negative indices count from the end).
    pub fn get(&self, index: &[isize]) -> Result<T> {
        let l = self.element_layout("get", index)?;
        self.read_element("get", l.offset())
    }

    /// The single element of a size-1 array (NumPy's `item()`).
    pub fn item(&self) -> Result<T> {
        if self.size() != 1 {
            return Err(Error::InvalidArgument {
                op: "item",
                reason: format!(
                    "can only convert an array of size 1, this one has {}",
                    self.size()
                ),
            });
        }
        let (at, _) = self.layout.index_span().expect("size 1");
        self.read_element("item", at as usize)
    }

    fn read_element(&self, op: &'static str, at: usize) -> Result<T> {
        let isz = self.itemsize();
        let v = self.device().read_with(
            op,
            &self.storage.buffer,
            (at * isz) as u64,
            isz as u64,
            |b| dtype::try_from_bytes::<T>(op, b),
        )?;
        Ok(v[0])
    }
}

/// NumPy's `np.shares_memory(a, b)` (exact, from descriptors).
pub fn shares_memory<T: Element, U: Element>(a: &Array<T>, b: &Array<U>) -> Result<bool> {
    a.shares_memory(b)
}

/// NumPy's `np.may_share_memory(a, b)` (byte extents only).
pub fn may_share_memory<T: Element, U: Element>(a: &Array<T>, b: &Array<U>) -> bool {
    a.may_share_memory(b)
}
