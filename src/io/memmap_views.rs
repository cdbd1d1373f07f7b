//! [`Memmap`]'s views (descriptors over the same mapping, nothing read),
//! its host element access (`to_vec`, `get`, `set`, `fill`,
//! `copy_from_slice`: byte copies, safe at any alignment), and the moves
//! between a view and the device: [`Memmap::to_device`] uploads only the
//! bytes the view touches (its compact copy, `layout::compact`), and
//! [`Memmap::write_from`] writes a device array into exactly the view's
//! bytes, straight from the mapped staging buffer.

use super::memmap::Memmap;
use crate::array::Array;
use crate::dtype::{self, Element};
use crate::error::{Error, Result, ShapeDisplay};
use crate::layout::Order;
use crate::layout::slice::SliceArg;
use crate::runtime::Device;

impl<T: Element> Memmap<T> {
    // ----- views -----------------------------------------------------------

    /// NumPy's basic indexing (`mm[1:, ::-2]`, with [`crate::s!`]): a view
    /// over the same mapping; nothing is read. Integer indices drop their
    /// axis.
    pub fn slice(&self, index: impl AsRef<[SliceArg]>) -> Result<Self> {
        let l = self.layout().slice(index.as_ref())?;
        Ok(self.derive(l, true))
    }

    /// The transpose (axes reversed): a view.
    pub fn t(&self) -> Self {
        self.derive(self.layout().t(), true)
    }

    /// The axes permuted by `axes` (NumPy's `transpose(axes)`): a view.
    pub fn transpose(&self, axes: impl AsRef<[isize]>) -> Result<Self> {
        let l = self.layout().permute(axes.as_ref())?;
        Ok(self.derive(l, true))
    }

    /// Axes `a` and `b` exchanged: a view.
    pub fn swapaxes(&self, a: isize, b: isize) -> Result<Self> {
        let l = self.layout().swapaxes(a, b)?;
        Ok(self.derive(l, true))
    }

    /// `axis` reversed (NumPy's `flip`): a view with a negative stride.
    pub fn flip(&self, axis: isize) -> Result<Self> {
        let l = self.layout().flip(axis)?;
        Ok(self.derive(l, true))
    }

    /// The view broadcast to `shape` (zero strides on the new or stretched
    /// axes): read-only, as in NumPy.
    pub fn broadcast_to(&self, shape: impl AsRef<[usize]>) -> Result<Self> {
        let l = self.layout().broadcast_to(shape.as_ref())?;
        l.check_bytes("broadcast_to", T::DTYPE.itemsize())?;
        Ok(self.derive(l, false))
    }

    /// A new shape (one entry may be `-1`) read in C order, as a view.
    /// NumPy would copy a memmap whose strides do not allow a view into an
    /// ordinary array; here that is an error (copy it with
    /// [`Memmap::to_vec`] or [`Memmap::to_device`] and reshape the copy).
    ///
    /// # Errors
    /// `InvalidArgument` when no view is possible; NumPy's reshape errors.
    pub fn reshape(&self, shape: impl AsRef<[isize]>) -> Result<Self> {
        let shape = shape.as_ref();
        match self.layout().reshape_view(shape, Order::C)? {
            Some(l) => {
                l.check_bytes("reshape", T::DTYPE.itemsize())?;
                Ok(self.derive(l, true))
            }
            None => Err(Error::InvalidArgument {
                op: "Memmap::reshape",
                reason: format!(
                    "a memmap view of shape {} and strides {:?} (elements) cannot be reshaped \
                     to {:?} without a copy; copy it first (to_vec or to_device)",
                    ShapeDisplay(self.shape().to_vec()),
                    self.strides(),
                    shape
                ),
            }),
        }
    }

    // ----- host access -----------------------------------------------------

    /// The elements in logical C order (a copy in host memory; blocks of
    /// a C-contiguous view are copied whole).
    ///
    /// # Errors
    /// `HostOutOfMemory` when the vector cannot be allocated.
    pub fn to_vec(&self) -> Result<Vec<T>> {
        let op = "Memmap::to_vec";
        let n = self.size();
        let isz = T::DTYPE.itemsize();
        let mut v: Vec<T> = Vec::new();
        v.try_reserve_exact(n).map_err(|_| Error::HostOutOfMemory {
            op,
            bytes: (n * isz) as u64,
        })?;
        v.resize(n, T::ZERO);
        self.with_bytes(|bytes| {
            let l = self.layout();
            if l.is_c_contiguous() {
                if let Some((lo, _)) = l.index_span() {
                    let at = lo as usize * isz;
                    T::fill_from_le_bytes(&mut v, &bytes[at..at + n * isz]);
                }
            } else {
                let mut j = 0;
                l.for_each_index(|i| {
                    let at = i as usize * isz;
                    T::fill_from_le_bytes(&mut v[j..j + 1], &bytes[at..at + isz]);
                    j += 1;
                });
            }
        });
        Ok(v)
    }

    /// Reads one element (negative indices count from the end).
    ///
    /// # Errors
    /// `InvalidArgument` unless one index per axis is given;
    /// `IndexOutOfBounds`.
    pub fn get(&self, index: impl AsRef<[isize]>) -> Result<T> {
        let at = self.element_at("Memmap::get", index.as_ref())?;
        let isz = T::DTYPE.itemsize();
        let mut out = [T::ZERO];
        self.with_bytes(|b| T::fill_from_le_bytes(&mut out, &b[at * isz..(at + 1) * isz]));
        Ok(out[0])
    }

    /// Writes one element (negative indices count from the end).
    ///
    /// # Errors
    /// As [`Memmap::get`]; `ReadOnly` for a read-only memmap or view.
    pub fn set(&self, index: impl AsRef<[isize]>, value: T) -> Result<()> {
        let op = "Memmap::set";
        self.check_writeable(op)?;
        let at = self.element_at(op, index.as_ref())?;
        let isz = T::DTYPE.itemsize();
        let v = [value];
        let src = dtype::as_bytes(&v);
        self.with_bytes_mut(op, |b| {
            b[at * isz..(at + 1) * isz].copy_from_slice(src);
            Ok(())
        })
    }

    /// Writes `value` into every element of the view (only its bytes).
    ///
    /// # Errors
    /// `ReadOnly` for a read-only memmap or view.
    pub fn fill(&self, value: T) -> Result<()> {
        let op = "Memmap::fill";
        let isz = T::DTYPE.itemsize();
        let v = [value];
        let src = dtype::as_bytes(&v);
        self.with_bytes_mut(op, |b| {
            self.layout().for_each_index(|i| {
                let at = i as usize * isz;
                b[at..at + isz].copy_from_slice(src);
            });
            Ok(())
        })
    }

    /// Writes `data` (in logical C order) into the view: only the view's
    /// bytes change (`mm[::2] = data` in NumPy).
    ///
    /// # Errors
    /// `ReadOnly`; `DataLength` when `data.len()` is not the view's size.
    pub fn copy_from_slice(&self, data: &[T]) -> Result<()> {
        let op = "Memmap::copy_from_slice";
        self.check_writeable(op)?;
        if data.len() != self.size() {
            return Err(Error::DataLength {
                op,
                len: data.len(),
                shape: self.shape().into(),
                size: self.size(),
            });
        }
        let isz = T::DTYPE.itemsize();
        let src = dtype::as_bytes(data);
        self.with_bytes_mut(op, |b| {
            let l = self.layout();
            if l.is_c_contiguous() {
                if let Some((lo, _)) = l.index_span() {
                    let at = lo as usize * isz;
                    b[at..at + src.len()].copy_from_slice(src);
                }
            } else {
                let mut j = 0;
                l.for_each_index(|i| {
                    let at = i as usize * isz;
                    b[at..at + isz].copy_from_slice(&src[j..j + isz]);
                    j += isz;
                });
            }
            Ok(())
        })
    }

    /// The buffer index of the element at a full index.
    fn element_at(&self, op: &'static str, index: &[isize]) -> Result<usize> {
        let l = self.layout();
        if index.len() != l.ndim() {
            return Err(Error::InvalidArgument {
                op,
                reason: format!(
                    "{} indices given for a {}-dimensional memmap (one per axis)",
                    index.len(),
                    l.ndim()
                ),
            });
        }
        let args: Vec<SliceArg> = index.iter().map(|&i| SliceArg::Index(i)).collect();
        Ok(l.slice(&args).map_err(|e| e.renamed(op))?.offset())
    }

    // ----- device ------------------------------------------------------------

    /// Uploads this view to `device`, moving only the bytes it touches: a
    /// stepped view uploads its rows or elements, not the file between
    /// them (see [`crate::Device::transfer_stats`]). The result keeps the
    /// view's memory order (NumPy's order 'K'): a transposed view of a
    /// C-ordered file arrives F-contiguous, with no copy on the device; a
    /// broadcast axis is uploaded once and stays zero-stride.
    ///
    /// # Errors
    /// For `bool`, a byte other than 0 or 1; the device's allocation
    /// errors.
    pub fn to_device(&self, device: &Device) -> Result<Array<T>> {
        let op = "Memmap::to_device";
        self.with_bytes(|bytes| Array::from_host_view(device, op, bytes, self.layout()))
    }

    /// Writes `array` (of this view's shape) into the view's bytes of the
    /// mapping, straight from the device's staging memory; nothing else of
    /// the file changes. Blocking: a thin wrapper over
    /// [`Memmap::write_from_async`]. In [`MapMode::CopyOnWrite`] the
    /// writes stay in this process; call [`Memmap::flush`] to make them
    /// durable in the other writeable modes.
    ///
    /// [`MapMode::CopyOnWrite`]: super::MapMode::CopyOnWrite
    ///
    /// # Errors
    /// `ReadOnly` for a read-only memmap or view; `ShapeMismatch`; the
    /// device's read-back errors.
    pub fn write_from(&self, array: &Array<T>) -> Result<()> {
        array.device().block_on(
            "Memmap::write_from",
            "Memmap::write_from_async",
            self.write_from_async(array),
        )
    }

    /// [`Memmap::write_from`] without blocking the thread. The mapping's
    /// lock is taken only once the bytes are on the host, so reads of
    /// other views go on while the device works.
    pub async fn write_from_async(&self, array: &Array<T>) -> Result<()> {
        let op = "Memmap::write_from";
        self.check_writeable(op)?;
        let layout = self.layout().clone();
        if layout.shape() != array.shape() {
            return Err(Error::ShapeMismatch {
                op,
                a: array.shape().into(),
                b: layout.shape().into(),
            });
        }
        array
            .write_to_host_view(op, &layout, |write| {
                self.with_bytes_mut(op, |host| write(host))
            })
            .await
    }
}
