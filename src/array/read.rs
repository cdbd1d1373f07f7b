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

    pub(super) fn read_element(&self, op: &'static str, at: usize) -> Result<T> {
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
