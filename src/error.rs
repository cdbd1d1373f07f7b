//! The one error type of ndgpu: every fallible operation returns [`Result`],
//! and each variant names what was wrong (the op, the shapes, the axis, the
//! index, the limit) so a caller can act on it without parsing text.

use std::fmt;

/// Result alias used throughout ndgpu.
pub type Result<T> = std::result::Result<T, Error>;

/// A shape written the way NumPy prints it: `(2, 3)`, `(5,)`, `()`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ShapeDisplay(pub Vec<usize>);

impl fmt::Display for ShapeDisplay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_tuple(f, self.0.iter())
    }
}
impl fmt::Debug for ShapeDisplay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A requested shape that may hold one `-1` (for reshape), printed like NumPy.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ReqShapeDisplay(pub Vec<isize>);

impl fmt::Display for ReqShapeDisplay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_tuple(f, self.0.iter())
    }
}
impl fmt::Debug for ReqShapeDisplay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

fn write_tuple<T: fmt::Display>(
    f: &mut fmt::Formatter<'_>,
    items: impl ExactSizeIterator<Item = T>,
) -> fmt::Result {
    let n = items.len();
    f.write_str("(")?;
    for (i, x) in items.enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{x}")?;
    }
    if n == 1 {
        f.write_str(",")?;
    }
    f.write_str(")")
}

/// A sequence written as a Python tuple: `()`, `(5,)`, `(2, 3)` — how NumPy
/// prints shapes and strides.
pub fn format_tuple<T: fmt::Display>(items: &[T]) -> String {
    struct Tuple<'a, T>(&'a [T]);
    impl<T: fmt::Display> fmt::Display for Tuple<'_, T> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write_tuple(f, self.0.iter())
        }
    }
    Tuple(items).to_string()
}

/// Strides (or any signed sequence) printed as a Python tuple.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct StridesDisplay(pub Vec<isize>);

impl fmt::Display for StridesDisplay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_tuple(f, self.0.iter())
    }
}
impl fmt::Debug for StridesDisplay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl From<&[usize]> for ShapeDisplay {
    fn from(s: &[usize]) -> Self {
        ShapeDisplay(s.to_vec())
    }
}

/// Everything that can go wrong in ndgpu.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    // ----- indexing -------------------------------------------------------
    /// An integer index fell outside `-len..len`.
    #[error("{op}: index {index} is out of bounds for axis {axis} with size {len}")]
    IndexOutOfBounds {
        op: &'static str,
        axis: usize,
        index: isize,
        len: usize,
    },
    /// More indices than the array has axes.
    #[error(
        "{op}: too many indices for array: array is {ndim}-dimensional, but {given} were indexed"
    )]
    TooManyIndices {
        op: &'static str,
        ndim: usize,
        given: usize,
    },
    /// Two or more `...` in one index.
    #[error("{op}: an index can only have a single ellipsis ('...')")]
    MultipleEllipsis { op: &'static str },
    /// A slice with step 0.
    #[error("{op}: slice step cannot be zero (axis {axis})")]
    ZeroStep { op: &'static str, axis: usize },

    // ----- axes and shapes ------------------------------------------------
    /// An axis number outside `-ndim..ndim`.
    #[error("{op}: axis {axis} is out of bounds for array of dimension {ndim}")]
    AxisOutOfBounds {
        op: &'static str,
        axis: isize,
        ndim: usize,
    },
    /// The same axis named twice where each may appear once.
    #[error("{op}: repeated axis {axis}")]
    DuplicateAxis { op: &'static str, axis: usize },
    /// A permutation of the wrong length.
    #[error("{op}: axes don't match array: got {given} axes for an array of dimension {ndim}")]
    AxesMismatch {
        op: &'static str,
        ndim: usize,
        given: usize,
    },
    /// Squeezing an axis whose length is not 1.
    #[error(
        "{op}: cannot select an axis to squeeze out which has size not equal to one (axis {axis} has size {len})"
    )]
    CannotSqueeze {
        op: &'static str,
        axis: usize,
        len: usize,
    },
    /// Shapes that do not broadcast together.
    #[error("{op}: operands could not be broadcast together with shapes {a} {b}")]
    BroadcastShapes {
        op: &'static str,
        a: ShapeDisplay,
        b: ShapeDisplay,
    },
    /// `broadcast_to` towards a shape the array cannot be stretched to.
    #[error("{op}: cannot broadcast an array of shape {from} to shape {to}")]
    BroadcastTo {
        op: &'static str,
        from: ShapeDisplay,
        to: ShapeDisplay,
    },
    /// Two arrays whose shapes must be equal are not.
    #[error("{op}: shape mismatch: {a} vs {b}")]
    ShapeMismatch {
        op: &'static str,
        a: ShapeDisplay,
        b: ShapeDisplay,
    },
    /// The summed axes of a matrix product differ in length (NumPy's
    /// "shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0)").
    #[error(
        "{op}: shapes {a} and {b} not aligned: {a_len} (dim {a_axis}) != {b_len} (dim {b_axis})"
    )]
    NotAligned {
        op: &'static str,
        a: ShapeDisplay,
        b: ShapeDisplay,
        a_axis: usize,
        a_len: usize,
        b_axis: usize,
        b_len: usize,
    },
    /// A reshape whose element count differs, or with a bad `-1`/negative entry.
    #[error("{op}: cannot reshape array of size {size} into shape {to}")]
    ReshapeSize {
        op: &'static str,
        size: usize,
        to: ReqShapeDisplay,
    },
    /// More than one unknown (negative) length in a requested shape. NumPy
    /// takes any negative length as "unknown", and so does ndgpu.
    #[error("{op}: invalid requested shape {to}: {reason}")]
    BadRequestedShape {
        op: &'static str,
        to: ReqShapeDisplay,
        reason: &'static str,
    },
    /// Setting the shape in place needs a copy (NumPy's `AttributeError`).
    #[error(
        "Incompatible shape for in-place modification. Use `.reshape()` to make a copy with the desired shape."
    )]
    IncompatibleInPlaceShape {
        from: ShapeDisplay,
        to: ReqShapeDisplay,
    },
    /// A host slice whose length does not match the shape it is given.
    #[error("{op}: {len} elements given for shape {shape} of {size} elements")]
    DataLength {
        op: &'static str,
        len: usize,
        shape: ShapeDisplay,
        size: usize,
    },
    /// More axes than ndgpu supports.
    #[error("{op}: {ndim} dimensions requested, the maximum is {max}")]
    TooManyDims {
        op: &'static str,
        ndim: usize,
        max: usize,
    },
    /// A size, stride or offset computation overflowed (where only the
    /// quantity is at hand; layout arithmetic reports
    /// [`Error::LayoutOverflow`] with the numbers).
    #[error("{op}: size overflow ({what})")]
    Overflow {
        op: &'static str,
        /// The quantity and the numbers it was computed from.
        what: String,
    },
    /// A shape NumPy refuses: `size * itemsize`, counting length-0 axes as
    /// 1, is larger than `isize::MAX` bytes (NumPy's `ValueError`; the
    /// message is NumPy's, then the numbers).
    #[error(
        "{op}: array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size (shape {shape}, itemsize {itemsize})"
    )]
    TooBig {
        op: &'static str,
        shape: ShapeDisplay,
        itemsize: usize,
    },
    /// Layout arithmetic (an element index, a byte stride, an offset, a
    /// kernel's 32-bit metadata word) that does not fit the integer it must
    /// be held in. Strides and offset are in elements; `what` names the
    /// quantity and the limit it exceeds.
    #[error("{op}: {what}: shape {shape}, strides {strides}, offset {offset} (in elements)")]
    LayoutOverflow {
        op: &'static str,
        what: &'static str,
        shape: ShapeDisplay,
        strides: StridesDisplay,
        offset: i128,
    },
    /// Strides and shape of different lengths, or similar malformed layout input.
    #[error("{op}: invalid layout: {reason}")]
    InvalidLayout { op: &'static str, reason: String },
    /// A view (e.g. `as_strided`) that would reach outside its buffer:
    /// `reach` is the element index (below 0 or at least `len`), exact even
    /// where it does not fit an `isize`.
    #[error("{op}: view reaches element {reach} but the buffer holds {len} elements")]
    ViewOutOfBuffer {
        op: &'static str,
        reach: i128,
        len: usize,
    },

    // ----- memory overlap -------------------------------------------------
    /// The exact overlap problem exceeded its work budget.
    #[error(
        "shares_memory: exceeded max_work {max_work} before deciding (the problem is too hard)"
    )]
    TooHard { max_work: u64 },

    // ----- writes -----------------------------------------------------------
    /// Writing to a read-only array (a broadcast view, a self-overlapping view).
    #[error("{op}: assignment destination is read-only")]
    ReadOnly { op: &'static str },

    // ----- arrays and values ---------------------------------------------
    /// Two arrays from different devices in one operation.
    #[error("{op}: arrays live on different devices")]
    DeviceMismatch { op: &'static str },
    /// A reduction without an identity (`min`, `max`, `argmin`, `argmax`)
    /// over zero elements; the message is NumPy's.
    #[error("{}", empty_reduction_message(op))]
    EmptyReduction { op: &'static str },
    /// A value that cannot be used (e.g. `arange` with a zero step, a NaN bound).
    #[error("{op}: invalid argument: {reason}")]
    InvalidArgument { op: &'static str, reason: String },

    // ----- device -----------------------------------------------------------
    /// No GPU adapter could be found.
    #[error(
        "no GPU adapter found (backends: {backends}). On a machine without a GPU install a software Vulkan driver: `apt-get install mesa-vulkan-drivers` (lavapipe), or set WGPU_BACKEND=gl for llvmpipe"
    )]
    NoAdapter { backends: String },
    /// The adapter refused to create a device.
    #[error("could not create a device on adapter {adapter}: {reason}")]
    RequestDevice { adapter: String, reason: String },
    /// A request past a device limit (buffer size, binding size, rank, workgroups).
    #[error("{op}: {what} of {requested} exceeds the device limit {limit}")]
    LimitExceeded {
        op: &'static str,
        what: &'static str,
        requested: u64,
        limit: u64,
    },
    /// The device ran out of memory.
    #[error("{op}: out of device memory ({bytes} bytes requested)")]
    OutOfMemory { op: &'static str, bytes: u64 },
    /// The host could not allocate memory for data read back (or about to
    /// be uploaded); returned instead of aborting the process.
    #[error("{op}: out of host memory ({bytes} bytes requested)")]
    HostOutOfMemory { op: &'static str, bytes: u64 },
    /// wgpu reported a validation error (a bug in ndgpu if it happens).
    #[error("{op}: wgpu validation error: {message}")]
    Validation { op: &'static str, message: String },
    /// wgpu reported an internal error.
    #[error("{op}: wgpu internal error: {message}")]
    Internal { op: &'static str, message: String },
    /// The device was lost; every later operation on it fails with this.
    #[error("device lost: {reason}")]
    DeviceLost { reason: String },
    /// Mapping a buffer for read-back failed.
    #[error("{op}: buffer mapping failed: {reason}")]
    Map { op: &'static str, reason: String },
    /// An operation that is not defined for a dtype (or not on this backend).
    #[error("{op}: not supported for dtype {dtype}: {reason}")]
    DTypeNotSupported {
        op: &'static str,
        dtype: &'static str,
        reason: &'static str,
    },
    /// A WGSL feature the device lacks (f16, f64, i64).
    #[error("{op}: the device lacks the {feature} feature")]
    MissingFeature {
        op: &'static str,
        feature: &'static str,
    },
}

/// NumPy's message for a reduction of zero elements without an identity.
fn empty_reduction_message(op: &str) -> String {
    match op {
        "argmin" | "argmax" => format!("attempt to get {op} of an empty sequence"),
        "min" => "zero-size array to reduction operation minimum which has no identity".into(),
        "max" => "zero-size array to reduction operation maximum which has no identity".into(),
        _ => format!("zero-size array to reduction operation {op} which has no identity"),
    }
}
