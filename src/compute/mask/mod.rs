//! Stream compaction and boolean masks: `nonzero`, `flatnonzero`,
//! `argwhere`, `where_1` (NumPy's one-argument `where`), `compress`,
//! `mask_select` (`x[mask]`) and `mask_assign` (`x[mask] = v`).
//!
//! A mask's result size depends on its data. Each of these counts the
//! non-zero elements of every 128-element chunk on the device, scans the
//! counts (the scan of `compute::scan`), reads back the total (the one
//! wait, as in CuPy and PyTorch), allocates the result, and walks the
//! chunks again, writing each non-zero element's entry at its rank:
//! its coordinates as int64 (`nonzero`), or its element offset in the
//! indexed array (masks and `compress`), which the move kernel
//! (`moves.rs`) then gathers from or scatters into, reading and writing
//! through the strides. Counting and compaction test the raw bits (-0.0
//! is zero, NaN is not) and write int64 as two u32 words, so they need no
//! 64-bit feature: every dtype works on WebGPU too.
//!
//! The files: this one, `nonzero` (the index forms), `select`
//! (`mask_select`, `compress`, `mask_assign`), `moves` (the gather and
//! scatter kernel).

mod moves;
mod nonzero;
mod select;
#[cfg(test)]
mod tests;

pub use nonzero::where_1;

use std::sync::Arc;

use crate::array::Array;
use crate::compute::scan::{Compaction, Rows, compact, input_fits};
use crate::dtype::Element;
use crate::error::Result;
use crate::runtime::Storage;

/// An offsets table (length, weight per axis) with neighbours that step
/// as one merged: the flat position unravels to the same offset.
fn merge_offsets(table: &[(usize, isize)]) -> Vec<(usize, isize)> {
    let mut out: Vec<(usize, isize)> = Vec::with_capacity(table.len());
    for &(len, w) in table.iter().filter(|a| a.0 != 1) {
        if let Some(last) = out.last_mut()
            && last.1 as i128 == w as i128 * len as i128
        {
            last.0 *= len;
            last.1 = w;
            continue;
        }
        out.push((len, w));
    }
    out
}

/// Stream compaction of `a`'s non-zero elements in C order (see
/// `scan::compact`), reading `a` in place; a non-contiguous view wider
/// than one binding is copied first.
async fn compact_array<T: Element>(
    a: &Array<T>,
    op: &'static str,
    unravel: &[(usize, isize)],
    what: Compaction,
) -> Result<(Arc<Storage>, usize)> {
    let dev = a.device();
    let merged;
    let unravel = if what == Compaction::Offsets {
        merged = merge_offsets(unravel);
        &merged[..]
    } else {
        unravel
    };
    let rows = Rows::of(a.shape(), a.strides(), a.offset(), None).normalise();
    if rows.inner.len() > 1 && !input_fits(dev, &rows, T::DTYPE.itemsize()) {
        let c = a.copy()?;
        let rows = Rows::of(c.shape(), c.strides(), c.offset(), None).normalise();
        return compact(dev, op, T::DTYPE, &rows, c.storage(), unravel, what).await;
    }
    compact(dev, op, T::DTYPE, &rows, a.storage(), unravel, what).await
}
