//! Element types: the [`DType`] tag, how each type sits in a device buffer
//! (its storage class), which device feature its arithmetic needs, and the
//! sealed [`Element`] trait that ties a Rust type to all of that.

use std::fmt;

use crate::error::{Error, Result};

/// The element type of an array, as a runtime tag (NumPy's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DType {
    /// `bool`, one byte (0 or 1).
    Bool,
    /// `int8`.
    I8,
    /// `uint8`.
    U8,
    /// `int16`.
    I16,
    /// `uint16`.
    U16,
    /// `float16` (IEEE half).
    F16,
    /// `int32`.
    I32,
    /// `uint32`.
    U32,
    /// `float32`.
    F32,
    /// `int64`.
    I64,
    /// `uint64`.
    U64,
    /// `float64`.
    F64,
}

/// How elements of a dtype are laid out in a buffer of 32-bit words. WGSL has
/// no 8- or 16-bit storage, so 1- and 2-byte types are packed in words and
/// addressed by shifts; a strided write to them updates its bits with
/// atomics, so invocations that share a word never race.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StorageClass {
    /// 1-byte elements, four to a word.
    Byte,
    /// 2-byte elements, two to a word.
    Half,
    /// 4-byte elements, one word each.
    Word,
    /// 8-byte elements, two words each.
    Pair,
}

/// A shader feature an adapter may lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Feature {
    /// 64-bit floats in WGSL (`SHADER_F64`).
    ShaderF64,
    /// 64-bit integers in WGSL (`SHADER_INT64`).
    ShaderInt64,
}

impl Feature {
    /// wgpu's name for the feature.
    pub const fn name(self) -> &'static str {
        match self {
            Feature::ShaderF64 => "SHADER_F64",
            Feature::ShaderInt64 => "SHADER_INT64",
        }
    }
}

impl DType {
    /// Every dtype.
    pub const ALL: [DType; 12] = [
        DType::Bool,
        DType::I8,
        DType::U8,
        DType::I16,
        DType::U16,
        DType::F16,
        DType::I32,
        DType::U32,
        DType::F32,
        DType::I64,
        DType::U64,
        DType::F64,
    ];

    /// Size of one element in bytes.
    pub const fn itemsize(self) -> usize {
        match self {
            DType::Bool | DType::I8 | DType::U8 => 1,
            DType::I16 | DType::U16 | DType::F16 => 2,
            DType::I32 | DType::U32 | DType::F32 => 4,
            DType::I64 | DType::U64 | DType::F64 => 8,
        }
    }

    /// How the elements sit in 32-bit words.
    pub const fn storage_class(self) -> StorageClass {
        match self.itemsize() {
            1 => StorageClass::Byte,
            2 => StorageClass::Half,
            4 => StorageClass::Word,
            _ => StorageClass::Pair,
        }
    }

    /// NumPy's name for the type.
    pub const fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::I8 => "int8",
            DType::U8 => "uint8",
            DType::I16 => "int16",
            DType::U16 => "uint16",
            DType::F16 => "float16",
            DType::I32 => "int32",
            DType::U32 => "uint32",
            DType::F32 => "float32",
            DType::I64 => "int64",
            DType::U64 => "uint64",
            DType::F64 => "float64",
        }
    }

    /// A short tag used in kernel names and cache keys.
    pub const fn tag(self) -> &'static str {
        match self {
            DType::Bool => "b1",
            DType::I8 => "i1",
            DType::U8 => "u1",
            DType::I16 => "i2",
            DType::U16 => "u2",
            DType::F16 => "f2",
            DType::I32 => "i4",
            DType::U32 => "u4",
            DType::F32 => "f4",
            DType::I64 => "i8",
            DType::U64 => "u8",
            DType::F64 => "f8",
        }
    }

    /// The WGSL type kernels compute in: narrow integers widen to 32 bits
    /// (results wrap back on store, as NumPy's do), `float16` computes in
    /// `f32` and rounds on store, as NumPy's half loops do.
    pub const fn compute_type(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::I8 | DType::I16 | DType::I32 => "i32",
            DType::U8 | DType::U16 | DType::U32 => "u32",
            DType::F16 | DType::F32 => "f32",
            DType::I64 => "i64",
            DType::U64 => "u64",
            DType::F64 => "f64",
        }
    }

    /// The device feature arithmetic on this type needs (copies, fills and
    /// views of every type work without any).
    pub const fn feature(self) -> Option<Feature> {
        match self {
            DType::F64 => Some(Feature::ShaderF64),
            DType::I64 | DType::U64 => Some(Feature::ShaderInt64),
            _ => None,
        }
    }

    /// Floating point (`float16`, `float32`, `float64`).
    pub const fn is_float(self) -> bool {
        matches!(self, DType::F16 | DType::F32 | DType::F64)
    }

    /// Signed integer.
    pub const fn is_signed_int(self) -> bool {
        matches!(self, DType::I8 | DType::I16 | DType::I32 | DType::I64)
    }

    /// Unsigned integer.
    pub const fn is_unsigned_int(self) -> bool {
        matches!(self, DType::U8 | DType::U16 | DType::U32 | DType::U64)
    }

    /// Any integer type (not bool).
    pub const fn is_int(self) -> bool {
        self.is_signed_int() || self.is_unsigned_int()
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

mod sealed {
    pub trait Sealed {}
}

/// A Rust type that can live in an ndgpu array.
///
/// Sealed: the set of types is the set the kernels are written for —
/// `bool`, `i8`, `u8`, `i16`, `u16`, [`half::f16`], `i32`, `u32`, `f32`,
/// `i64`, `u64`, `f64`.
pub trait Element:
    Copy
    + PartialEq
    + PartialOrd
    + fmt::Debug
    + fmt::Display
    + Send
    + Sync
    + 'static
    + bytemuck::NoUninit
    + sealed::Sealed
{
    /// The runtime tag of this type.
    const DTYPE: DType;
    /// The value 0 (`false`).
    const ZERO: Self;
    /// The value 1 (`true`).
    const ONE: Self;
    /// The element's bytes, little-endian, zero-extended to 64 bits.
    fn to_bits(self) -> u64;
    /// The element whose little-endian bytes are the low bytes of `bits`.
    fn from_bits(bits: u64) -> Self;
    /// The value as an `f64` (rounded for 64-bit integers beyond 2^53).
    fn to_f64(self) -> f64;
    /// The value as an `i128` for integer types and `bool`; `None` for floats.
    fn to_i128(self) -> Option<i128>;
    /// The value of an integer or bool type from an `i128`, wrapping as
    /// NumPy's integer arithmetic does; the nearest value for floats.
    fn from_i128_wrapping(v: i128) -> Self;
    /// The value from an `f64`, as NumPy's cast would (`as` semantics).
    fn from_f64(v: f64) -> Self;
    /// Fills `dst` from `src`, the little-endian bytes of exactly
    /// `dst.len()` elements, with one block copy (`bool`: a nonzero byte
    /// is `true`).
    #[doc(hidden)]
    fn fill_from_le_bytes(dst: &mut [Self], src: &[u8]);
}

// Buffers hold little-endian elements and ndgpu moves host elements to and
// from them as raw bytes (`as_bytes`, `fill_from_le_bytes`).
#[cfg(target_endian = "big")]
compile_error!(
    "ndgpu moves host elements to the device as raw bytes and needs a little-endian host"
);

/// The bytes of `data` as a buffer holds them (little-endian, each
/// element its itemsize): a view, no copy.
pub(crate) fn as_bytes<T: Element>(data: &[T]) -> &[u8] {
    bytemuck::cast_slice(data)
}

/// For `bool` data given as bytes: the index of the first byte that is
/// neither 0 nor 1 (a device `bool` must be one of those), as an error
/// naming `op`; `Ok` for every other dtype.
pub(crate) fn check_bool_bytes(op: &'static str, dtype: DType, bytes: &[u8]) -> Result<()> {
    if dtype != DType::Bool {
        return Ok(());
    }
    // A whole-slice test first (vectorised); the position only on failure.
    if bytes.iter().all(|&b| b <= 1) {
        return Ok(());
    }
    let at = bytes.iter().position(|&b| b > 1).unwrap_or(0);
    Err(Error::InvalidArgument {
        op,
        reason: format!(
            "byte {at} is {}, not a bool (a bool is the byte 0 or 1)",
            bytes[at]
        ),
    })
}

/// Elements from the bytes of a buffer holding them (the inverse of
/// [`as_bytes`]; trailing bytes short of an element are ignored), into a
/// vector reserved with `try_reserve_exact`: a host allocation that fails is
/// [`Error::HostOutOfMemory`] naming `op`, not an abort.
pub(crate) fn try_from_bytes<T: Element>(op: &'static str, bytes: &[u8]) -> Result<Vec<T>> {
    let size = T::DTYPE.itemsize();
    let n = bytes.len() / size;
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| Error::HostOutOfMemory {
        op,
        bytes: (n * size) as u64,
    })?;
    v.resize(n, T::ZERO);
    T::fill_from_le_bytes(&mut v, &bytes[..n * size]);
    Ok(v)
}

/// Bytes into a vector reserved with `try_reserve_exact` (a failed host
/// allocation is [`Error::HostOutOfMemory`] naming `op`).
pub(crate) fn try_to_vec(op: &'static str, bytes: &[u8]) -> Result<Vec<u8>> {
    let mut v = Vec::new();
    v.try_reserve_exact(bytes.len())
        .map_err(|_| Error::HostOutOfMemory {
            op,
            bytes: bytes.len() as u64,
        })?;
    v.extend_from_slice(bytes);
    Ok(v)
}

macro_rules! int_element {
    ($t:ty, $d:ident, $u:ty) => {
        impl sealed::Sealed for $t {}
        impl Element for $t {
            const DTYPE: DType = DType::$d;
            const ZERO: Self = 0;
            const ONE: Self = 1;
            fn to_bits(self) -> u64 {
                self as $u as u64
            }
            fn from_bits(bits: u64) -> Self {
                bits as $u as $t
            }
            fn to_f64(self) -> f64 {
                self as f64
            }
            fn to_i128(self) -> Option<i128> {
                Some(self as i128)
            }
            fn from_i128_wrapping(v: i128) -> Self {
                v as $t
            }
            fn from_f64(v: f64) -> Self {
                v as $t
            }
            fn fill_from_le_bytes(dst: &mut [Self], src: &[u8]) {
                bytemuck::cast_slice_mut::<$t, u8>(dst).copy_from_slice(src);
            }
        }
    };
}

int_element!(i8, I8, u8);
int_element!(u8, U8, u8);
int_element!(i16, I16, u16);
int_element!(u16, U16, u16);
int_element!(i32, I32, u32);
int_element!(u32, U32, u32);
int_element!(i64, I64, u64);
int_element!(u64, U64, u64);

impl sealed::Sealed for bool {}
impl Element for bool {
    const DTYPE: DType = DType::Bool;
    const ZERO: Self = false;
    const ONE: Self = true;
    fn to_bits(self) -> u64 {
        self as u64
    }
    fn from_bits(bits: u64) -> Self {
        bits & 0xff != 0
    }
    fn to_f64(self) -> f64 {
        self as u8 as f64
    }
    fn to_i128(self) -> Option<i128> {
        Some(self as i128)
    }
    fn from_i128_wrapping(v: i128) -> Self {
        v != 0
    }
    fn from_f64(v: f64) -> Self {
        v != 0.0
    }
    fn fill_from_le_bytes(dst: &mut [Self], src: &[u8]) {
        for (d, &b) in dst.iter_mut().zip(src) {
            *d = b != 0;
        }
    }
}

macro_rules! float_element {
    ($t:ty, $d:ident, $u:ty, $zero:expr, $one:expr, $to:expr, $from:expr) => {
        impl sealed::Sealed for $t {}
        impl Element for $t {
            const DTYPE: DType = DType::$d;
            const ZERO: Self = $zero;
            const ONE: Self = $one;
            fn to_bits(self) -> u64 {
                self.to_bits() as u64
            }
            fn from_bits(bits: u64) -> Self {
                <$t>::from_bits(bits as $u)
            }
            fn to_f64(self) -> f64 {
                ($to)(self)
            }
            fn to_i128(self) -> Option<i128> {
                None
            }
            fn from_i128_wrapping(v: i128) -> Self {
                ($from)(v as f64)
            }
            fn from_f64(v: f64) -> Self {
                ($from)(v)
            }
            fn fill_from_le_bytes(dst: &mut [Self], src: &[u8]) {
                bytemuck::cast_slice_mut::<$t, u8>(dst).copy_from_slice(src);
            }
        }
    };
}

float_element!(f32, F32, u32, 0.0, 1.0, |x: f32| x as f64, |v: f64| v
    as f32);
float_element!(f64, F64, u64, 0.0, 1.0, |x: f64| x, |v: f64| v);
float_element!(
    half::f16,
    F16,
    u16,
    half::f16::ZERO,
    half::f16::ONE,
    |x: half::f16| x.to_f64(),
    half::f16::from_f64
);

/// Floating-point element types (`f16`, `f32`, `f64`): the ones the
/// transcendental functions (sqrt, exp, log, sin, ...) are defined on.
pub trait Float: Element {}
impl Float for half::f16 {}
impl Float for f32 {}
impl Float for f64 {}

/// Signed element types, the ones `neg` and `abs` keep their meaning on.
pub trait Signed: Element {}
impl Signed for i8 {}
impl Signed for i16 {}
impl Signed for i32 {}
impl Signed for i64 {}
impl Signed for half::f16 {}
impl Signed for f32 {}
impl Signed for f64 {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip_every_type() {
        fn check<T: Element>(v: &[T]) {
            let b = as_bytes(v).to_vec();
            assert_eq!(b.len(), v.len() * T::DTYPE.itemsize());
            let back: Vec<T> = try_from_bytes("test", &b).unwrap();
            assert_eq!(back.len(), v.len());
            for (x, y) in v.iter().zip(&back) {
                assert_eq!(x.to_bits(), y.to_bits());
            }
        }
        check(&[true, false, true]);
        check(&[-128i8, 0, 127]);
        check(&[0u8, 255]);
        check(&[-32768i16, 7]);
        check(&[65535u16, 1]);
        check(&[half::f16::from_f32(-1.5), half::f16::NAN]);
        check(&[i32::MIN, -1]);
        check(&[u32::MAX]);
        check(&[f32::from_bits(0x7fc0_1234), -0.0]);
        check(&[i64::MIN, 3]);
        check(&[u64::MAX]);
        check(&[f64::MIN_POSITIVE, -0.0]);
    }

    #[test]
    fn storage_classes_follow_the_item_size() {
        for d in DType::ALL {
            let want = match d.itemsize() {
                1 => StorageClass::Byte,
                2 => StorageClass::Half,
                4 => StorageClass::Word,
                _ => StorageClass::Pair,
            };
            assert_eq!(d.storage_class(), want, "{d}");
        }
        // bytes of an int8 -1 are 0xff, little-endian like the host
        assert_eq!((-1i8).to_bits(), 0xff);
        assert_eq!(as_bytes(&[0x0102u16]), &[2, 1]);
        assert!(check_bool_bytes("t", DType::Bool, &[0, 1, 1]).is_ok());
        let e = check_bool_bytes("t", DType::Bool, &[0, 1, 7]).unwrap_err();
        assert!(e.to_string().contains("byte 2 is 7"), "{e}");
        assert!(check_bool_bytes("t", DType::U8, &[7]).is_ok());
    }
}
