//! [`Array`]: a typed descriptor over a shared, reference-counted device
//! buffer. View operations make a new descriptor over the same buffer (no
//! device work, no new memory); copies run the strided copy kernel into a new
//! buffer; writes go through the shared buffer and so show in every view.
//!
//! The files: this one (the `Array` type, its flags and info), `create`,
//! `introspect`, `views`, `copies`, `writes`, `read`, `bytes` (host bytes in
//! and out, strided host views), `interop` (an application's wgpu buffers
//! as arrays, arrays' bytes as its bindings), and `repr` (NumPy's
//! printing).

mod bytes;
mod copies;
mod create;
mod interop;
mod introspect;
mod join;
mod read;
mod repeat;
mod repr;
mod tricks;
mod views;
mod writes;

pub use join::{column_stack, concatenate, dstack, hstack, stack, vstack};
pub use read::{may_share_memory, shares_memory};
pub use repr::numpy_repr;
pub use tricks::broadcast_arrays;

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use crate::dtype;
use crate::dtype::{DType, Element};
use crate::error::{Error, Result, format_tuple};
use crate::kernels::Launch;
use crate::kernels::codegen;
use crate::layout::bounds::{check_shape, layout_overflow, walk_reach};
use crate::layout::overlap;
use crate::layout::reshape::resolve_shape;
use crate::layout::slice::SliceArg;
use crate::layout::{Layout, Order};
use crate::runtime::{Device, Storage};

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
    /// Device bytes reserved for that buffer: `buffer_nbytes` rounded up to
    /// the caching pool's size class (see [`crate::MemoryStats`]).
    pub buffer_reserved_nbytes: u64,
    /// Bytes of the buffer this array can reach: from its lowest to its
    /// highest addressed byte (0 when empty). At least `nbytes` for a
    /// strided view, far below `buffer_nbytes` for a small view of a big
    /// buffer.
    pub reach_nbytes: u64,
    /// Shape of the base array, for a view.
    pub base_shape: Option<Vec<usize>>,
}

impl ArrayInfo {
    /// Bytes kept alive per byte reachable (`buffer_nbytes / reach_nbytes`):
    /// 1 or a little more for an array over its whole buffer, 262144 for a
    /// 4 KiB view pinning a 1 GiB buffer. `None` when it reaches nothing
    /// (an empty array).
    pub fn keep_alive_ratio(&self) -> Option<f64> {
        (self.reach_nbytes > 0).then(|| self.buffer_nbytes as f64 / self.reach_nbytes as f64)
    }
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
        writeln!(f, "reaches: {} bytes of its buffer", self.reach_nbytes)?;
        write!(f, "keeps alive: {} bytes", self.buffer_nbytes)?;
        if let Some(r) = self.keep_alive_ratio() {
            write!(f, ", {r:.1}x what it reaches")?;
        }
        if self.buffer_reserved_nbytes != self.buffer_nbytes {
            write!(f, " ({} reserved)", self.buffer_reserved_nbytes)?;
        }
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
