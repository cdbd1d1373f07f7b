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
        /// The operation that failed (e.g. `"slice"`, `"get"`).
        op: &'static str,
        /// The axis the index applies to (an axis of the indexed array).
        axis: usize,
        /// The index the caller passed, negative ones as given.
        index: isize,
        /// The length of that axis.
        len: usize,
    },
    /// More indices than the array has axes.
    #[error(
        "{op}: too many indices for array: array is {ndim}-dimensional, but {given} were indexed"
    )]
    TooManyIndices {
        /// The operation that failed.
        op: &'static str,
        /// The number of axes of the indexed array.
        ndim: usize,
        /// The number of integer and slice items given (new axes and `...`
        /// not counted).
        given: usize,
    },
    /// Two or more `...` in one index.
    #[error("{op}: an index can only have a single ellipsis ('...')")]
    MultipleEllipsis {
        /// The operation that failed.
        op: &'static str,
    },
    /// A slice with step 0.
    #[error("{op}: slice step cannot be zero (axis {axis})")]
    ZeroStep {
        /// The operation that failed.
        op: &'static str,
        /// The axis of the sliced array the zero-step slice applies to.
        axis: usize,
    },
    /// A boolean mask whose length differs from the axis it covers
    /// (NumPy's `IndexError`).
    #[error(
        "{op}: boolean index did not match indexed array along axis {axis}; size of axis is {len} but size of corresponding boolean axis is {mask_len}"
    )]
    BooleanIndexMismatch {
        /// The operation that failed (e.g. `"mask_select"`).
        op: &'static str,
        /// The axis of the indexed array.
        axis: usize,
        /// The length of that axis.
        len: usize,
        /// The length of the mask's axis that covers it.
        mask_len: usize,
    },
    /// `x[mask] = v` with a mask covering every axis and values of two or
    /// more axes (NumPy's `TypeError`).
    #[error(
        "{op}: NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has {ndim} dimensions"
    )]
    BooleanAssignNdim {
        /// The operation that failed.
        op: &'static str,
        /// The number of axes of the values.
        ndim: usize,
    },
    /// `x[mask] = v` with a mask covering every axis and a count of values
    /// that is neither 1 nor the number of true elements (NumPy's
    /// `ValueError`).
    #[error(
        "{op}: NumPy boolean array indexing assignment cannot assign {values} input values to the {selected} output values where the mask is true"
    )]
    BooleanAssignCount {
        /// The operation that failed.
        op: &'static str,
        /// The number of values given.
        values: usize,
        /// The number of true elements of the mask.
        selected: usize,
    },
    /// Values that do not broadcast to the shape an index selects
    /// (NumPy's "shape mismatch" `ValueError` of `x[index] = v`).
    #[error(
        "{op}: shape mismatch: value array of shape {value} could not be broadcast to indexing result of shape {result}"
    )]
    IndexValueShape {
        /// The operation that failed.
        op: &'static str,
        /// The shape of the values.
        value: ShapeDisplay,
        /// The shape the index selects.
        result: ShapeDisplay,
    },

    // ----- axes and shapes ------------------------------------------------
    /// An axis number outside `-ndim..ndim`.
    #[error("{op}: axis {axis} is out of bounds for array of dimension {ndim}")]
    AxisOutOfBounds {
        /// The operation that failed (e.g. `"transpose"`, `"sum"`).
        op: &'static str,
        /// The axis the caller passed, negative ones as given.
        axis: isize,
        /// The number of axes it was checked against.
        ndim: usize,
    },
    /// The same axis named twice where each may appear once.
    #[error("{op}: repeated axis {axis}")]
    DuplicateAxis {
        /// The operation that failed.
        op: &'static str,
        /// The repeated axis, normalized to `0..ndim`.
        axis: usize,
    },
    /// A permutation of the wrong length.
    #[error("{op}: axes don't match array: got {given} axes for an array of dimension {ndim}")]
    AxesMismatch {
        /// The operation that failed.
        op: &'static str,
        /// The number of axes of the array.
        ndim: usize,
        /// The number of axes the caller passed.
        given: usize,
    },
    /// Squeezing an axis whose length is not 1.
    #[error(
        "{op}: cannot select an axis to squeeze out which has size not equal to one (axis {axis} has size {len})"
    )]
    CannotSqueeze {
        /// The operation that failed.
        op: &'static str,
        /// The axis asked for, normalized to `0..ndim`.
        axis: usize,
        /// Its length (not 1).
        len: usize,
    },
    /// Shapes that do not broadcast together.
    #[error("{op}: operands could not be broadcast together with shapes {a} {b}")]
    BroadcastShapes {
        /// The operation that failed.
        op: &'static str,
        /// The first shape (or the shape broadcast so far).
        a: ShapeDisplay,
        /// The shape that does not broadcast with `a`.
        b: ShapeDisplay,
    },
    /// `broadcast_to` towards a shape the array cannot be stretched to.
    #[error("{op}: cannot broadcast an array of shape {from} to shape {to}")]
    BroadcastTo {
        /// The operation that failed.
        op: &'static str,
        /// The shape of the array being broadcast.
        from: ShapeDisplay,
        /// The target shape.
        to: ShapeDisplay,
    },
    /// Two arrays whose shapes must be equal are not.
    #[error("{op}: shape mismatch: {a} vs {b}")]
    ShapeMismatch {
        /// The operation that failed.
        op: &'static str,
        /// The shape of the given array (e.g. an `out` array).
        a: ShapeDisplay,
        /// The shape it must have.
        b: ShapeDisplay,
    },
    /// The summed axes of a matrix product differ in length (NumPy's
    /// "shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0)").
    #[error(
        "{op}: shapes {a} and {b} not aligned: {a_len} (dim {a_axis}) != {b_len} (dim {b_axis})"
    )]
    NotAligned {
        /// The operation that failed (e.g. `"matmul"`, `"dot"`).
        op: &'static str,
        /// The shape of the left operand.
        a: ShapeDisplay,
        /// The shape of the right operand.
        b: ShapeDisplay,
        /// The summed axis of `a` (its last).
        a_axis: usize,
        /// The length of that axis.
        a_len: usize,
        /// The summed axis of `b`.
        b_axis: usize,
        /// The length of that axis.
        b_len: usize,
    },
    /// A reshape whose element count differs, or with a bad `-1`/negative entry.
    #[error("{op}: cannot reshape array of size {size} into shape {to}")]
    ReshapeSize {
        /// The operation that failed.
        op: &'static str,
        /// The number of elements of the array.
        size: usize,
        /// The requested shape, as the caller passed it.
        to: ReqShapeDisplay,
    },
    /// More than one unknown (negative) length in a requested shape. NumPy
    /// takes any negative length as "unknown", and so does ndgpu.
    #[error("{op}: invalid requested shape {to}: {reason}")]
    BadRequestedShape {
        /// The operation that failed.
        op: &'static str,
        /// The requested shape, as the caller passed it.
        to: ReqShapeDisplay,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Setting the shape in place needs a copy (NumPy's `AttributeError`).
    #[error(
        "Incompatible shape for in-place modification. Use `.reshape()` to make a copy with the desired shape."
    )]
    IncompatibleInPlaceShape {
        /// The current shape.
        from: ShapeDisplay,
        /// The requested shape, as the caller passed it.
        to: ReqShapeDisplay,
    },
    /// A host slice whose length does not match the shape it is given.
    #[error("{op}: {len} elements given for shape {shape} of {size} elements")]
    DataLength {
        /// The operation that failed.
        op: &'static str,
        /// The number of elements in the host slice.
        len: usize,
        /// The shape it was given.
        shape: ShapeDisplay,
        /// The number of elements that shape holds.
        size: usize,
    },
    /// More axes than ndgpu supports.
    #[error("{op}: {ndim} dimensions requested, the maximum is {max}")]
    TooManyDims {
        /// The operation that failed.
        op: &'static str,
        /// The number of axes the result would have.
        ndim: usize,
        /// The most axes an array may have.
        max: usize,
    },
    /// A size, stride or offset computation overflowed (where only the
    /// quantity is at hand; layout arithmetic reports
    /// [`Error::LayoutOverflow`] with the numbers).
    #[error("{op}: size overflow ({what})")]
    Overflow {
        /// The operation that failed.
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
        /// The operation that failed.
        op: &'static str,
        /// The shape refused.
        shape: ShapeDisplay,
        /// The size of one element, in bytes.
        itemsize: usize,
    },
    /// Layout arithmetic (an element index, a byte stride, an offset, a
    /// kernel's 32-bit metadata word) that does not fit the integer it must
    /// be held in. Strides and offset are in elements; `what` names the
    /// quantity and the limit it exceeds.
    #[error("{op}: {what}: shape {shape}, strides {strides}, offset {offset} (in elements)")]
    LayoutOverflow {
        /// The operation that failed.
        op: &'static str,
        /// The quantity that overflowed and the limit it exceeds.
        what: &'static str,
        /// The shape of the layout.
        shape: ShapeDisplay,
        /// Its strides, in elements.
        strides: StridesDisplay,
        /// Its offset, in elements.
        offset: i128,
    },
    /// Strides and shape of different lengths, or similar malformed layout input.
    #[error("{op}: invalid layout: {reason}")]
    InvalidLayout {
        /// The operation that failed.
        op: &'static str,
        /// What is wrong, with the numbers.
        reason: String,
    },
    /// A view (e.g. `as_strided`) that would reach outside its buffer:
    /// `reach` is the element index (below 0 or at least `len`), exact even
    /// where it does not fit an `isize`.
    #[error("{op}: view reaches element {reach} but the buffer holds {len} elements")]
    ViewOutOfBuffer {
        /// The operation that failed.
        op: &'static str,
        /// The element index outside the buffer (in elements from its start).
        reach: i128,
        /// The number of elements the buffer holds.
        len: usize,
    },

    // ----- memory overlap -------------------------------------------------
    /// The exact overlap problem exceeded its work budget.
    #[error(
        "shares_memory: exceeded max_work {max_work} before deciding (the problem is too hard)"
    )]
    TooHard {
        /// The work budget that ran out, in NumPy's units (one per closed
        /// search branch).
        max_work: u64,
    },

    // ----- writes -----------------------------------------------------------
    /// Writing to a read-only array (a broadcast view, a self-overlapping view).
    #[error("{op}: assignment destination is read-only")]
    ReadOnly {
        /// The operation that failed.
        op: &'static str,
    },

    // ----- arrays and values ---------------------------------------------
    /// Two arrays from different devices in one operation.
    #[error("{op}: arrays live on different devices")]
    DeviceMismatch {
        /// The operation that failed.
        op: &'static str,
    },
    /// A reduction without an identity (`min`, `max`, `argmin`, `argmax`)
    /// over zero elements; the message is NumPy's.
    #[error("{}", empty_reduction_message(op))]
    EmptyReduction {
        /// The reduction (e.g. `"min"`, `"argmax"`).
        op: &'static str,
    },
    /// A value that cannot be used (e.g. `arange` with a zero step, a NaN bound).
    #[error("{op}: invalid argument: {reason}")]
    InvalidArgument {
        /// The operation that failed.
        op: &'static str,
        /// What is wrong with the argument.
        reason: String,
    },

    // ----- device -----------------------------------------------------------
    /// No GPU adapter could be found.
    #[error(
        "no GPU adapter found (backends: {backends}). On a machine without a GPU install a software Vulkan driver: `apt-get install mesa-vulkan-drivers` (lavapipe), or set WGPU_BACKEND=gl for llvmpipe"
    )]
    NoAdapter {
        /// The wgpu backends that were searched, as wgpu prints them.
        backends: String,
    },
    /// The adapter refused to create a device.
    #[error("could not create a device on adapter {adapter}: {reason}")]
    RequestDevice {
        /// The adapter's name.
        adapter: String,
        /// wgpu's message.
        reason: String,
    },
    /// A request past a device limit (buffer size, binding size, rank, workgroups).
    #[error("{op}: {what} of {requested} exceeds the device limit {limit}")]
    LimitExceeded {
        /// The operation that failed.
        op: &'static str,
        /// The quantity limited, with its unit (e.g. `"buffer size in bytes"`).
        what: &'static str,
        /// The amount needed, in the unit of `what`.
        requested: u64,
        /// The largest amount allowed, in the unit of `what`.
        limit: u64,
    },
    /// The device ran out of memory.
    #[error("{op}: out of device memory ({bytes} bytes requested)")]
    OutOfMemory {
        /// The operation that failed.
        op: &'static str,
        /// The bytes the operation was allocating (0 when it allocated no
        /// buffer itself).
        bytes: u64,
    },
    /// The host could not allocate memory for data read back (or about to
    /// be uploaded); returned instead of aborting the process.
    #[error("{op}: out of host memory ({bytes} bytes requested)")]
    HostOutOfMemory {
        /// The operation that failed.
        op: &'static str,
        /// The bytes requested from the host allocator.
        bytes: u64,
    },
    /// wgpu reported a validation error (a bug in ndgpu if it happens).
    #[error("{op}: wgpu validation error: {message}")]
    Validation {
        /// The operation that failed.
        op: &'static str,
        /// wgpu's message.
        message: String,
    },
    /// wgpu reported an internal error.
    #[error("{op}: wgpu internal error: {message}")]
    Internal {
        /// The operation that failed.
        op: &'static str,
        /// wgpu's message (or what went wrong, where ndgpu detected it).
        message: String,
    },
    /// The device was lost; every later operation on it fails with this.
    #[error("device lost: {reason}")]
    DeviceLost {
        /// wgpu's loss reason and message (or that `Device::destroy` was
        /// called).
        reason: String,
    },
    /// Mapping a buffer for read-back failed.
    #[error("{op}: buffer mapping failed: {reason}")]
    Map {
        /// The operation that failed.
        op: &'static str,
        /// wgpu's message.
        reason: String,
    },
    /// An operation that is not defined for a dtype (or not on this backend).
    #[error("{op}: not supported for dtype {dtype}: {reason}")]
    DTypeNotSupported {
        /// The operation that failed.
        op: &'static str,
        /// The dtype's name (e.g. `"float16"`).
        dtype: &'static str,
        /// Why it is not supported.
        reason: &'static str,
    },
    /// A WGSL feature the device lacks (64-bit integers or floats).
    #[error("{op}: the device lacks the {feature} feature{}", instead_suffix(.instead))]
    MissingFeature {
        /// The operation that failed.
        op: &'static str,
        /// wgpu's name for the feature (e.g. `"SHADER_INT64"`).
        feature: &'static str,
        /// A call that gives the result without the feature, e.g.
        /// `sum_as::<i32>` for a sum NumPy types as int64 (empty when there
        /// is none).
        instead: &'static str,
    },
    // ----- files and interop ----------------------------------------------
    /// Reading or writing a file failed (the operating system's error).
    #[error("{op}: {path}: {reason}")]
    Io {
        /// The operation that failed.
        op: &'static str,
        /// The file.
        path: String,
        /// The operating system's message, with what was being done.
        reason: String,
    },
    /// A file (or an entry of an archive) is not a valid file of its
    /// format: bad magic, a malformed or lying header, a shape whose size
    /// overflows, data shorter than the header says, an unsupported dtype.
    #[error("{op}: {path}: {reason}")]
    Format {
        /// The operation that failed.
        op: &'static str,
        /// The file, and the archive entry or tensor name where one applies.
        path: String,
        /// What is wrong, with the numbers.
        reason: String,
    },
    /// Data of one dtype was asked for as another (`load_npy::<f32>` of a
    /// float64 file).
    #[error("{op}: {what} holds {found}, not {requested}")]
    DTypeMismatch {
        /// The operation that failed.
        op: &'static str,
        /// The file, entry or buffer.
        what: String,
        /// The dtype the caller asked for (e.g. `"float32"`).
        requested: &'static str,
        /// The dtype the data has (e.g. `"float64"`, or the file's own
        /// spelling when ndgpu has no such dtype).
        found: String,
    },
    /// A blocking call on a platform whose thread must not block (a
    /// browser, `wasm32`): use its async form.
    #[error("{op}: cannot block the thread here (a browser); use {instead} and await it")]
    WouldBlock {
        /// The blocking call, e.g. `to_vec`.
        op: &'static str,
        /// Its async form, e.g. `to_vec_async`.
        instead: &'static str,
    },
}

impl Error {
    /// This error with its operation renamed to `op`, for the errors of
    /// basic indexing and layouts (`Layout::slice` names `slice`; a public
    /// call that slices on the way reports them under its own name). Other
    /// errors are returned as they are.
    pub(crate) fn renamed(self, op: &'static str) -> Error {
        match self {
            Error::IndexOutOfBounds {
                axis, index, len, ..
            } => Error::IndexOutOfBounds {
                op,
                axis,
                index,
                len,
            },
            Error::TooManyIndices { ndim, given, .. } => Error::TooManyIndices { op, ndim, given },
            Error::MultipleEllipsis { .. } => Error::MultipleEllipsis { op },
            Error::ZeroStep { axis, .. } => Error::ZeroStep { op, axis },
            Error::TooManyDims { ndim, max, .. } => Error::TooManyDims { op, ndim, max },
            Error::LayoutOverflow {
                what,
                shape,
                strides,
                offset,
                ..
            } => Error::LayoutOverflow {
                op,
                what,
                shape,
                strides,
                offset,
            },
            other => other,
        }
    }
}

/// `; use {instead}` where an alternative exists.
fn instead_suffix(instead: &str) -> String {
    if instead.is_empty() {
        String::new()
    } else {
        format!("; use {instead} (a result type the device has)")
    }
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
