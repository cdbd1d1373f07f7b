//! Copies that repeat an array: NumPy's `repeat` and `tile`, each into a
//! new C-contiguous buffer, written as copies from broadcast views.
//!
//! A repeat or tile is a copy from the input seen with an extra zero-stride
//! axis (each element, or the whole array, read again and again in place)
//! into the output seen with the repeated axis split in two, so a count
//! for every element and any `tile` is one launch of the strided copy
//! kernel reading the input through its strides (no contiguous copy
//! first). Per-element counts take one launch per run of equal counts.
//! The layout math is in `layout/join.rs`.

use super::*;
use crate::layout::join::{Piece, Repeats, keep_order, repeat_pieces, tile_pieces};

impl<T: Element> Array<T> {
    /// NumPy's `repeat(a, repeats, axis)`: a new C-contiguous array with
    /// each element repeated. `repeats` is one count for every element (a
    /// `usize`, or a list of length 1) or one count per element along the
    /// axis (a `usize` array, slice or `Vec`); `axis: None` repeats the
    /// elements of the array flattened in C order (a 0-d array repeats as
    /// shape `(1,)`).
    ///
    /// One kernel launch for a single count; per-element counts cost one
    /// launch per run of equal consecutive counts (and, for `axis: None`
    /// on an array that does not flatten to one strided axis, per row of
    /// its last axis), so many distinct counts mean many launches.
    ///
    /// ```
    /// # fn main() -> ndgpu::Result<()> {
    /// # let dev = ndgpu::Device::new()?;
    /// let a = ndgpu::Array::<i32>::arange(&dev, 0, 6, 1)?.reshape([2, 3])?;
    /// assert_eq!(a.repeat(2, Some(1))?.to_vec()?, vec![0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    /// assert_eq!(a.repeat([1, 0, 2], Some(1))?.to_vec()?, vec![0, 2, 2, 3, 5, 5]);
    /// assert_eq!(a.t().repeat(2, None)?.shape(), &[12]);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// `AxisOutOfBounds`; `InvalidArgument` for a count list whose length
    /// is neither 1 nor the axis length (NumPy's "operands could not be
    /// broadcast together with shape (3,) (2,)"); `TooBig`/`Overflow` for
    /// a result past NumPy's size limit; the allocation's errors.
    pub fn repeat(&self, repeats: impl Into<Repeats>, axis: Option<isize>) -> Result<Array<T>> {
        let op = "repeat";
        let repeats = repeats.into();
        // The shape first (no device work), then the copies.
        let shape = repeat_pieces(&self.layout, &repeats, axis, |_| Ok(()))?;
        // The pieces write every output element once (no clear needed).
        let out = Self::alloc_uninit(self.device(), op, &shape, Order::C)?;
        repeat_pieces(&self.layout, &repeats, axis, |p| {
            self.copy_piece(op, &out, p)
        })?;
        Ok(out)
    }

    /// NumPy's `tile(a, reps)`: a new array of `a` repeated `reps[i]` times
    /// along axis `i`. With fewer `reps` than axes, leading 1s are
    /// assumed; with more, `a` gains leading length-1 axes. `tile(a, [2])`
    /// is NumPy's `tile(a, 2)`.
    ///
    /// One kernel launch reading `a` through its strides into the
    /// C-contiguous output. All-ones (or empty) `reps` make a plain copy in
    /// NumPy's order 'K' (so `tile(a.T, 1)` is F-ordered, as in NumPy).
    ///
    /// ```
    /// # fn main() -> ndgpu::Result<()> {
    /// # let dev = ndgpu::Device::new()?;
    /// let a = ndgpu::Array::<i32>::arange(&dev, 0, 3, 1)?;
    /// let t = a.tile([2, 2])?;
    /// assert_eq!((t.shape(), t.to_vec()?), (&[2, 6][..], vec![0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// `TooManyDims` for more than 64 `reps`; `TooBig`/`Overflow` for a
    /// result past NumPy's size limit; the allocation's errors.
    pub fn tile(&self, reps: impl AsRef<[usize]>) -> Result<Array<T>> {
        let op = "tile";
        let reps = reps.as_ref();
        if reps.iter().all(|&r| r == 1) {
            // NumPy: np.array(a, copy=True, ndmin=len(reps)), order 'K'.
            let layout = keep_order(op, &self.layout)?;
            let fresh = Self::alloc_uninit(self.device(), op, self.shape(), Order::C)?;
            let out = Array::owner(fresh.storage.clone(), layout);
            out.write_from(&self.layout, &self.storage, op)?;
            let mut out = out;
            while out.ndim() < reps.len() {
                let l = out.layout.expand_dims(0)?;
                out = Array { layout: l, ..out };
            }
            return Ok(out);
        }
        let shape = tile_pieces(&self.layout, reps, |_| Ok(()))?;
        let out = Self::alloc_uninit(self.device(), op, &shape, Order::C)?;
        tile_pieces(&self.layout, reps, |p| self.copy_piece(op, &out, p))?;
        Ok(out)
    }

    /// Copies `p.src` (in this array's buffer) to `p.dst` (in `out`'s).
    fn copy_piece(&self, op: &'static str, out: &Array<T>, p: Piece) -> Result<()> {
        out.derive(p.dst, true)
            .write_from(&p.src, &self.storage, op)
    }
}
