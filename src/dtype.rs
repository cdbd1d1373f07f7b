//! Element types: the [`DType`] tag and the [`Element`] trait that ties a Rust
//! type to its WGSL storage type.

use std::fmt;

/// The element type of an array, as a runtime tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DType {
    /// 32-bit IEEE float.
    F32,
    /// 32-bit signed integer.
    I32,
    /// 32-bit unsigned integer.
    U32,
}

impl DType {
    /// Size of one element in bytes.
    pub const fn itemsize(self) -> usize {
        match self {
            DType::F32 | DType::I32 | DType::U32 => 4,
        }
    }
    /// NumPy's name for the type.
    pub const fn name(self) -> &'static str {
        match self {
            DType::F32 => "float32",
            DType::I32 => "int32",
            DType::U32 => "uint32",
        }
    }
    /// The WGSL scalar type used for arithmetic on this dtype.
    pub const fn wgsl(self) -> &'static str {
        match self {
            DType::F32 => "f32",
            DType::I32 => "i32",
            DType::U32 => "u32",
        }
    }
    /// The WGSL type kernels move bits with: copies never go through float
    /// registers, so NaN payloads and signed zeros survive bit for bit.
    pub const fn wgsl_word(self) -> &'static str {
        match self {
            DType::F32 | DType::I32 | DType::U32 => "u32",
        }
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for i32 {}
    impl Sealed for u32 {}
}

/// A Rust type that can live in an ndgpu array.
///
/// Sealed: the set of types is the set the kernels are written for.
pub trait Element:
    bytemuck::Pod + PartialEq + fmt::Debug + fmt::Display + Send + Sync + 'static + sealed::Sealed
{
    /// The runtime tag of this type.
    const DTYPE: DType;
    /// The value 0.
    const ZERO: Self;
    /// The value 1.
    const ONE: Self;
    /// The value as an `f64` (exact for every f32, i32 and u32).
    fn to_f64(self) -> f64;
    /// The bit pattern of one element as a 32-bit word (the fill kernels' input).
    fn to_word(self) -> u32 {
        bytemuck::cast::<Self, u32>(self)
    }
}

impl Element for f32 {
    const DTYPE: DType = DType::F32;
    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;
    fn to_f64(self) -> f64 {
        self as f64
    }
}
impl Element for i32 {
    const DTYPE: DType = DType::I32;
    const ZERO: Self = 0;
    const ONE: Self = 1;
    fn to_f64(self) -> f64 {
        self as f64
    }
}
impl Element for u32 {
    const DTYPE: DType = DType::U32;
    const ZERO: Self = 0;
    const ONE: Self = 1;
    fn to_f64(self) -> f64 {
        self as f64
    }
}
