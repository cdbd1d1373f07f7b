//! Host bytes in and out: `from_bytes`/`to_bytes` (NumPy's
//! `frombuffer`/`tobytes`), `copy_from_slice` into an existing array or
//! view, and the two crate-internal doors of every file and interop path:
//! a strided host view uploaded as its compact copy (only the bytes it
//! touches), and a device array written back into a strided host view.
//! Elements cross as raw little-endian bytes, block by block: no
//! per-element conversion on the host.

use super::*;
use crate::layout::compact::Compact;

impl<T: Element> Array<T> {
    /// A new array of `shape` from the raw bytes of its elements in
    /// `order` (C: row-major, F: column-major), little-endian as NumPy
    /// writes them on every common machine: NumPy's `frombuffer` followed
    /// by a reshape, except that the result owns a copy on the device (a
    /// device array cannot view host memory).
    ///
    /// # Errors
    /// `InvalidArgument` when the byte count is not the shape's size times
    /// the item size, or for `bool` when a byte is neither 0 nor 1; the
    /// shape errors of [`Array::zeros`].
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::{Array, Order};
    /// let raw: Vec<u8> = [1.5f32, -2.0].iter().flat_map(|x| x.to_le_bytes()).collect();
    /// let a = Array::<f32>::from_bytes(&dev, &raw, [2], Order::C).unwrap();
    /// assert_eq!(a.to_vec().unwrap(), vec![1.5, -2.0]);
    /// assert_eq!(a.to_bytes().unwrap(), raw);
    /// ```
    pub fn from_bytes(
        device: &Device,
        bytes: &[u8],
        shape: impl AsRef<[usize]>,
        order: Order,
    ) -> Result<Self> {
        let op = "from_bytes";
        let shape = shape.as_ref();
        let isz = T::DTYPE.itemsize();
        check_shape(op, shape, isz)?;
        let layout = Layout::contiguous(shape, order)?;
        // At most isize::MAX after the shape check.
        let want = layout.size() * isz;
        if bytes.len() != want {
            return Err(Error::InvalidArgument {
                op,
                reason: format!(
                    "{} bytes given for shape {} of {} elements of {isz} bytes ({want} bytes)",
                    bytes.len(),
                    format_tuple(shape),
                    layout.size(),
                ),
            });
        }
        dtype::check_bool_bytes(op, T::DTYPE, bytes)?;
        let storage = device.upload_with(op, want as u64, |w| w.write(op, bytes))?;
        Ok(Self::owner(storage, layout))
    }

    /// The raw bytes of the elements in logical C order, little-endian
    /// (NumPy's `tobytes()`; blocking, a thin wrapper over
    /// [`Array::to_bytes_async`]).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        self.device()
            .block_on("to_bytes", "to_bytes_async", self.to_bytes_async())
    }

    /// [`Array::to_bytes`] without blocking the thread.
    pub async fn to_bytes_async(&self) -> Result<Vec<u8>> {
        self.read_c_order("to_bytes", |b| dtype::try_to_vec("to_bytes", b))
            .await
    }

    /// The raw bytes in `order` (NumPy's `tobytes(order=...)`): `F` reads
    /// the first axis fastest.
    pub fn to_bytes_order(&self, order: Order) -> Result<Vec<u8>> {
        match order {
            Order::C => self.to_bytes(),
            Order::F => self.t().to_bytes(),
        }
    }

    /// Hands the elements' bytes, in logical C order, straight from the
    /// mapped staging buffer to `take` (a non-C-contiguous array is copied
    /// on the device first, never element by element on the host).
    pub(crate) async fn read_c_order<R>(
        &self,
        op: &'static str,
        take: impl FnOnce(&[u8]) -> Result<R>,
    ) -> Result<R> {
        let n = self.size();
        let isz = self.itemsize();
        if n == 0 {
            return self
                .device()
                .read_with(op, &self.storage.buffer, 0, 0, take)
                .await;
        }
        if self.is_c_contiguous() {
            let (lo, _) = self.layout.index_span().expect("non-empty");
            self.device()
                .read_with(
                    op,
                    &self.storage.buffer,
                    (lo as usize * isz) as u64,
                    (n * isz) as u64,
                    take,
                )
                .await
        } else {
            let c = self.copy()?;
            c.device()
                .read_with(op, &c.storage.buffer, 0, (n * isz) as u64, take)
                .await
        }
    }

    /// Writes `data` (in logical C order) into this array or view, through
    /// to its buffer: every view of it sees the new values. A C-contiguous
    /// array whose bytes cover whole 4-byte words is written straight from
    /// `data`; any other view is written through a temporary upload and the
    /// strided copy kernel. Ordered after every operation recorded before.
    ///
    /// # Errors
    /// `ReadOnly` for a read-only view; `DataLength` when `data.len()` is
    /// not the array's size.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// use ndgpu::{Array, s};
    /// let a = Array::<i32>::zeros(&dev, [3, 3]).unwrap();
    /// a.slice(s![.., 1]).unwrap().copy_from_slice(&[7, 8, 9]).unwrap();
    /// assert_eq!(a.to_vec().unwrap(), vec![0, 7, 0, 0, 8, 0, 0, 9, 0]);
    /// ```
    pub fn copy_from_slice(&self, data: &[T]) -> Result<()> {
        self.copy_bytes_in("copy_from_slice", dtype::as_bytes(data), data.len())
    }

    /// [`Array::copy_from_slice`] from raw little-endian bytes (`bool`:
    /// each byte 0 or 1).
    pub fn copy_from_bytes(&self, bytes: &[u8]) -> Result<()> {
        let op = "copy_from_bytes";
        let isz = self.itemsize();
        if !bytes.len().is_multiple_of(isz) {
            return Err(Error::InvalidArgument {
                op,
                reason: format!(
                    "{} bytes are not a whole number of {isz}-byte elements",
                    bytes.len()
                ),
            });
        }
        dtype::check_bool_bytes(op, T::DTYPE, bytes)?;
        self.copy_bytes_in(op, bytes, bytes.len() / isz)
    }

    fn copy_bytes_in(&self, op: &'static str, bytes: &[u8], len: usize) -> Result<()> {
        self.check_writeable(op)?;
        if len != self.size() {
            return Err(Error::DataLength {
                op,
                len,
                shape: self.shape().into(),
                size: self.size(),
            });
        }
        if len == 0 {
            return self.device().check_lost();
        }
        let isz = self.itemsize() as u64;
        if self.is_c_contiguous() {
            let (lo, _) = self.layout.index_span().expect("non-empty");
            let at = lo as u64 * isz;
            if at.is_multiple_of(4) && bytes.len().is_multiple_of(4) {
                return self.device().write_bytes(op, &self.storage, at, bytes);
            }
        }
        let storage = self
            .device()
            .upload_with(op, bytes.len() as u64, |w| w.write(op, bytes))?;
        let tmp = Layout::contiguous(self.shape(), Order::C)?;
        self.write_from(&tmp, &storage, op)
    }

    /// Uploads the elements a strided host view touches: `layout` over the
    /// elements of `host` (little-endian bytes; strides and offset in
    /// elements). The result owns a new buffer holding the view's compact
    /// copy (`layout::compact`): only the touched bytes move, in as few
    /// block copies as the strides allow, and the result keeps the view's
    /// memory order (order 'K') and axis directions.
    ///
    /// # Errors
    /// `ViewOutOfBuffer` when the layout reaches past `host`; `bool` bytes
    /// other than 0 or 1; the device's allocation errors.
    pub(crate) fn from_host_view(
        device: &Device,
        op: &'static str,
        host: &[u8],
        layout: &Layout,
    ) -> Result<Self> {
        let isz = T::DTYPE.itemsize();
        layout.check_within(op, host.len() / isz)?;
        let c = Compact::new(layout)?;
        // At most the view's size, whose bytes fit in isize (checked when
        // the layout was made for this item size).
        let len = (c.count * isz) as u64;
        let storage = device.upload_with(op, len, |w| {
            for (at, n) in c.runs() {
                let run = &host[at * isz..(at + n) * isz];
                dtype::check_bool_bytes(op, T::DTYPE, run)?;
                w.write(op, run)?;
            }
            Ok(())
        })?;
        Ok(Self::owner(storage, c.layout))
    }

    /// Writes this array into a strided host view of the same shape:
    /// `layout` over the elements of some host bytes. Only the view's
    /// bytes are written, run by run, straight from the mapped staging
    /// buffer. `with_host` lends the host bytes to the writer it is given
    /// only once the data is on the host (a memory map takes its lock
    /// there, so nothing is held while the device works).
    ///
    /// # Errors
    /// `ShapeMismatch`; `ViewOutOfBuffer`; `ReadOnly` for a view with a
    /// zero-stride (broadcast) axis, whose elements repeat; whatever
    /// `with_host` returns.
    // Its users (memory-mapped files) are native-only.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub(crate) async fn write_to_host_view(
        &self,
        op: &'static str,
        layout: &Layout,
        with_host: impl FnOnce(&mut dyn FnMut(&mut [u8]) -> Result<()>) -> Result<()>,
    ) -> Result<()> {
        if layout.shape() != self.shape() {
            return Err(Error::ShapeMismatch {
                op,
                a: self.shape().into(),
                b: layout.shape().into(),
            });
        }
        if layout
            .strides()
            .iter()
            .zip(layout.shape())
            .any(|(&s, &n)| s == 0 && n > 1)
        {
            return Err(Error::ReadOnly { op });
        }
        let isz = self.itemsize();
        let c = Compact::new(layout)?;
        // This array read in the view's packed order: C order over it lists
        // the elements exactly as the runs lie in memory.
        let mut w = self.clone();
        for &k in c.flipped() {
            w = w.flip(k as isize)?;
        }
        let perm: Vec<isize> = c.perm().iter().map(|&k| k as isize).collect();
        let w = w.transpose(&perm)?;
        w.read_c_order(op, |bytes| {
            with_host(&mut |host: &mut [u8]| {
                layout.check_within(op, host.len() / isz)?;
                let mut from = 0;
                for (at, n) in c.runs() {
                    let len = n * isz;
                    host[at * isz..at * isz + len].copy_from_slice(&bytes[from..from + len]);
                    from += len;
                }
                Ok(())
            })
        })
        .await
    }
}
