//! Reading back: `to_vec`, `get`, `item`, straight from the mapped staging
//! buffer.

use super::*;

impl<T: Element> Array<T> {
    pub(super) fn element_layout(&self, op: &'static str, index: &[isize]) -> Result<Layout> {
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
        self.layout.slice(&args).map_err(|e| e.renamed(op))
    }

    /// Reads the elements back in logical C order, whatever the strides
    /// (blocking; a thin wrapper over [`Array::to_vec_async`]).
    pub fn to_vec(&self) -> Result<Vec<T>> {
        self.device()
            .block_on("to_vec", "to_vec_async", self.to_vec_async())
    }

    /// Reads the elements back in logical C order, whatever the strides,
    /// without blocking the thread while the device works. Any number of
    /// read-backs may be in flight on one device; dropping the future
    /// before it completes abandons the read and leaks nothing.
    ///
    /// ```
    /// # let dev = ndgpu::Device::new().unwrap();
    /// let a = ndgpu::Array::<i32>::arange(&dev, 0, 6, 1).unwrap().reshape(&[2, 3]).unwrap();
    /// let v = pollster::block_on(a.t().to_vec_async()).unwrap();
    /// assert_eq!(v, vec![0, 3, 1, 4, 2, 5]);
    /// ```
    pub async fn to_vec_async(&self) -> Result<Vec<T>> {
        // The elements go from the mapped staging buffer straight into the
        // result: one host copy, and a failed host allocation is an error.
        self.read_c_order("to_vec", |b| dtype::try_from_bytes::<T>("to_vec", b))
            .await
    }

    /// Reads one element (negative indices count from the end; blocking,
    /// a thin wrapper over [`Array::get_async`]).
    /// The index may be an array, a slice or a `Vec` (`[1, -1]`, `&[1, -1]`).
    pub fn get(&self, index: impl AsRef<[isize]>) -> Result<T> {
        self.device()
            .block_on("get", "get_async", self.get_async(index))
    }

    /// [`Array::get`] without blocking the thread.
    pub async fn get_async(&self, index: impl AsRef<[isize]>) -> Result<T> {
        let l = self.element_layout("get", index.as_ref())?;
        self.read_element("get", l.offset()).await
    }

    /// The single element of a size-1 array (NumPy's `item()`; blocking,
    /// a thin wrapper over [`Array::item_async`]).
    pub fn item(&self) -> Result<T> {
        self.device()
            .block_on("item", "item_async", self.item_async())
    }

    /// [`Array::item`] without blocking the thread.
    pub async fn item_async(&self) -> Result<T> {
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
        self.read_element("item", at as usize).await
    }

    pub(super) async fn read_element(&self, op: &'static str, at: usize) -> Result<T> {
        let isz = self.itemsize();
        let v = self
            .device()
            .read_with(
                op,
                &self.storage.buffer,
                (at * isz) as u64,
                isz as u64,
                |b| dtype::try_from_bytes::<T>(op, b),
            )
            .await?;
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
