//! Copies: the strided copy kernel into a new buffer in C or F order.

use super::*;

impl<T: Element> Array<T> {
    /// A C-contiguous copy in a new buffer (no base).
    pub fn copy(&self) -> Result<Array<T>> {
        self.copy_order(Order::C)
    }

    /// A copy laid out contiguously in `order`.
    pub fn copy_order(&self, order: Order) -> Result<Array<T>> {
        let dst = Self::alloc_uninit(self.device(), "copy", self.shape(), order)?;
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
