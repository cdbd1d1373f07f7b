//! The header of a `.npy` file (NumPy's `numpy.lib.format`), pure: no
//! device, no file. [`parse_header`] reads the magic, the version, the
//! header length and the header's Python dict literal by hand (strictly: the
//! three keys NumPy requires, each once, nothing else; no recursion), and
//! checks the shape's size; [`format_header`] writes the header NumPy's own
//! writer writes, byte for byte.
//!
//! The format: `\x93NUMPY`, a major and minor version byte, the header
//! length (little-endian `u16` for version 1.0, `u32` for 2.0 and 3.0),
//! then the header text (latin-1 for 1.0 and 2.0, UTF-8 for 3.0), a dict
//! such as `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`
//! padded with spaces and a final `\n` so the data starts at a multiple of
//! 64 bytes (NumPy 2.x's `ARRAY_ALIGN`).

use crate::dtype::DType;
use crate::error::{Error, Result, format_tuple};
use crate::layout::MAX_DIMS;
use crate::layout::bounds::check_shape;

/// The magic string every `.npy` file starts with.
pub(crate) const MAGIC: &[u8; 6] = b"\x93NUMPY";

/// Bytes of the fixed part of the largest prefix (magic, version, `u32`
/// length): read this many to call [`header_len_needed`].
pub(crate) const FIXED_PREFIX_LEN: usize = 12;

/// NumPy's `max_header_size` default (`numpy.lib.format._MAX_HEADER_SIZE`):
/// a longer header text is refused, as `np.load` refuses it.
pub(crate) const MAX_HEADER_LEN: u64 = 10_000;

/// NumPy 2.x's alignment of the data (`ARRAY_ALIGN`).
const ARRAY_ALIGN: usize = 64;

/// NumPy's spare room after the dict for growing the first (C) or last (F)
/// axis in place (`GROWTH_AXIS_MAX_DIGITS`).
const GROWTH_AXIS_MAX_DIGITS: usize = 21;

/// What the header of a `.npy` file says: the dtype, the byte order, the
/// memory order, the shape, and where the data lies in the file.
///
/// ```
/// use ndgpu::{DType, io::NpyHeader};
/// let bytes = NpyHeader::format(DType::F32, false, &[3, 4]);
/// let h = NpyHeader::parse(&bytes).unwrap();
/// assert_eq!((h.dtype, h.shape.as_slice(), h.data_offset, h.data_len), (DType::F32, &[3, 4][..], 128, 48));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NpyHeader {
    /// The element type (`descr` without its byte order).
    pub dtype: DType,
    /// The data is big-endian (`descr` starts with `>`); always `false` for
    /// 1-byte types.
    pub big_endian: bool,
    /// The data is in Fortran (column-major) order.
    pub fortran_order: bool,
    /// The shape (`()` for a 0-d array).
    pub shape: Vec<usize>,
    /// The format version, `(1, 0)`, `(2, 0)` or `(3, 0)`.
    pub version: (u8, u8),
    /// Bytes from the start of the file to the first byte of data.
    pub data_offset: u64,
    /// Bytes of data: the product of the shape times the item size
    /// (checked).
    pub data_len: u64,
}

impl NpyHeader {
    /// Parses the header at the start of `bytes` (the first bytes of a
    /// `.npy` file, at least up to the end of its header; the data that may
    /// follow is not looked at). A malformed, truncated or unsupported
    /// header is [`Error::Format`] naming `"NpyHeader::parse"`.
    pub fn parse(bytes: &[u8]) -> Result<NpyHeader> {
        parse_header("NpyHeader::parse", "<bytes>", bytes)
    }

    /// The header NumPy writes for an array of `dtype` and `shape`
    /// (little-endian, in Fortran order when `fortran_order`): version 1.0
    /// unless the text needs 2.0's longer length field, the dict exactly as
    /// `numpy.lib.format` writes it, padded so the data starts at a multiple
    /// of 64 bytes.
    pub fn format(dtype: DType, fortran_order: bool, shape: &[usize]) -> Vec<u8> {
        format_header(dtype, fortran_order, shape)
    }

    /// The header NumPy would write for this header's dtype, order and shape
    /// (see [`NpyHeader::format`]; the data is written little-endian, so a
    /// big-endian header comes out as its little-endian counterpart).
    pub fn to_bytes(&self) -> Vec<u8> {
        format_header(self.dtype, self.fortran_order, &self.shape)
    }
}

/// NumPy's `descr` for a dtype, little-endian (`dtype.str`).
pub(crate) fn descr(dtype: DType) -> &'static str {
    match dtype {
        DType::Bool => "|b1",
        DType::I8 => "|i1",
        DType::U8 => "|u1",
        DType::I16 => "<i2",
        DType::U16 => "<u2",
        DType::F16 => "<f2",
        DType::I32 => "<i4",
        DType::U32 => "<u4",
        DType::F32 => "<f4",
        DType::I64 => "<i8",
        DType::U64 => "<u8",
        DType::F64 => "<f8",
    }
}

/// The total length of magic, version, length field and header text that
/// the fixed part of `prefix` (its first 10 or 12 bytes) announces: how many
/// bytes to read before calling [`parse_header`]. `None` when `prefix` is
/// too short to tell, or is not a `.npy` prefix (bad magic or an unknown
/// version): [`parse_header`] on the same bytes then says what is wrong.
/// The length is the file's claim: read at most the file's length, and at
/// most `FIXED_PREFIX_LEN + MAX_HEADER_LEN` bytes ([`parse_header`] refuses
/// longer headers from the fixed part alone).
pub(crate) fn header_len_needed(prefix: &[u8]) -> Option<u64> {
    let (fixed, text_len) = fixed_part(prefix).ok()??;
    Some(fixed as u64 + text_len)
}

/// The fixed part: `Ok(None)` when `prefix` is too short to hold it,
/// otherwise its length (10 or 12) and the header text length it claims.
fn fixed_part(prefix: &[u8]) -> std::result::Result<Option<(usize, u64)>, String> {
    let n = prefix.len().min(MAGIC.len());
    if prefix[..n] != MAGIC[..n] {
        return Err(format!(
            "not a .npy file: it starts with {:?}, not the magic string \\x93NUMPY",
            String::from_utf8_lossy(&prefix[..n])
        ));
    }
    if prefix.len() < 8 {
        return Ok(None);
    }
    let version = (prefix[6], prefix[7]);
    let fixed = match version {
        (1, 0) => 10,
        (2, 0) | (3, 0) => 12,
        (major, minor) => {
            return Err(format!(
                "format version ({major}, {minor}) is not supported (only (1, 0), (2, 0) and (3, 0))"
            ));
        }
    };
    if prefix.len() < fixed {
        return Ok(None);
    }
    let text_len = if fixed == 10 {
        u16::from_le_bytes([prefix[8], prefix[9]]) as u64
    } else {
        u32::from_le_bytes([prefix[8], prefix[9], prefix[10], prefix[11]]) as u64
    };
    Ok(Some((fixed, text_len)))
}

/// Parses a `.npy` header from `prefix` (the file's first bytes, at least
/// to the end of the header). Every problem is [`Error::Format`] naming `op`
/// and `path`: bad magic, an unknown version, a truncated or oversized
/// header, text that is not NumPy's dict, missing/duplicate/unknown keys, an
/// unsupported `descr`, a shape whose size overflows or exceeds NumPy's
/// limit.
pub(crate) fn parse_header(op: &'static str, path: &str, prefix: &[u8]) -> Result<NpyHeader> {
    let fail = |reason: String| Error::Format {
        op,
        path: path.to_string(),
        reason,
    };
    let (fixed, text_len) = match fixed_part(prefix).map_err(fail)? {
        Some(x) => x,
        None => {
            return Err(fail(format!(
                "truncated header: {} bytes, shorter than the magic, version and length field",
                prefix.len()
            )));
        }
    };
    let version = (prefix[6], prefix[7]);
    if text_len > MAX_HEADER_LEN {
        return Err(fail(format!(
            "the header claims {text_len} bytes, more than NumPy's limit of {MAX_HEADER_LEN} (max_header_size)"
        )));
    }
    let end = fixed + text_len as usize;
    if prefix.len() < end {
        return Err(fail(format!(
            "truncated header: it claims {text_len} bytes after the {fixed}-byte prefix, only {} are there",
            prefix.len() - fixed
        )));
    }
    let text = &prefix[fixed..end];
    if version == (3, 0) && std::str::from_utf8(text).is_err() {
        return Err(fail("the header of a version 3.0 file is not UTF-8".into()));
    }
    let dict = parse_dict(text, version != (3, 0)).map_err(&fail)?;
    let (dtype, big_endian) = parse_descr(&dict.descr).map_err(&fail)?;
    if dict.shape.len() > MAX_DIMS {
        return Err(fail(format!(
            "the shape has {} axes, more than the {MAX_DIMS} NumPy allows",
            dict.shape.len()
        )));
    }
    let itemsize = dtype.itemsize();
    let mut data_len = itemsize as u64;
    for &d in &dict.shape {
        data_len = data_len.checked_mul(d).ok_or_else(|| {
            fail(format!(
                "shape {} of itemsize {itemsize} overflows",
                shape_text(&dict.shape)
            ))
        })?;
    }
    // NumPy's limit, in usize (every length fits: each was parsed as a u64
    // and the product above did not overflow).
    let shape: Vec<usize> = dict
        .shape
        .iter()
        .map(|&d| usize::try_from(d))
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| {
            fail(format!(
                "shape {} does not fit this platform's usize",
                shape_text(&dict.shape)
            ))
        })?;
    check_shape(op, &shape, itemsize).map_err(|_| {
        fail(format!(
            "shape {} of itemsize {itemsize} is larger than NumPy's maximum array size (isize::MAX bytes)",
            shape_text(&dict.shape)
        ))
    })?;
    Ok(NpyHeader {
        dtype,
        big_endian,
        fortran_order: dict.fortran_order,
        shape,
        version,
        data_offset: end as u64,
        data_len,
    })
}

fn shape_text(shape: &[u64]) -> String {
    format_tuple(shape)
}

/// NumPy's header for `dtype` (little-endian), `fortran_order` and `shape`
/// (`_write_array_header` and `_wrap_header`): the dict with its keys
/// sorted, the growth spaces, padding to a multiple of 64 and a `\n`;
/// version 1.0 when the length fits a `u16`, else 2.0.
pub(crate) fn format_header(dtype: DType, fortran_order: bool, shape: &[usize]) -> Vec<u8> {
    let mut text = format!(
        "{{'descr': '{}', 'fortran_order': {}, 'shape': {}, }}",
        descr(dtype),
        if fortran_order { "True" } else { "False" },
        format_tuple(shape)
    );
    let growth = if fortran_order {
        shape.last()
    } else {
        shape.first()
    };
    if let Some(d) = growth {
        let digits = d.to_string().len();
        text.extend(std::iter::repeat_n(
            ' ',
            GROWTH_AXIS_MAX_DIGITS.saturating_sub(digits),
        ));
    }
    let hlen = text.len() + 1;
    let wrap = |fixed: usize| {
        let padlen = ARRAY_ALIGN - (fixed + hlen) % ARRAY_ALIGN;
        (hlen + padlen, padlen)
    };
    let (total, padlen) = wrap(10);
    let mut out = Vec::with_capacity(12 + total);
    out.extend_from_slice(MAGIC);
    if let Ok(len16) = u16::try_from(total) {
        out.extend_from_slice(&[1, 0]);
        out.extend_from_slice(&len16.to_le_bytes());
        out.extend_from_slice(text.as_bytes());
        out.extend(std::iter::repeat_n(b' ', padlen));
    } else {
        let (total, padlen) = wrap(12);
        out.extend_from_slice(&[2, 0]);
        // A header text is at most a few thousand bytes (64 axes of 20
        // digits), far below u32::MAX.
        out.extend_from_slice(&(total as u32).to_le_bytes());
        out.extend_from_slice(text.as_bytes());
        out.extend(std::iter::repeat_n(b' ', padlen));
    }
    out.push(b'\n');
    out
}

/// The three values of the header dict.
struct Dict {
    descr: String,
    fortran_order: bool,
    shape: Vec<u64>,
}

/// A value of the dict.
enum Value {
    Str(String),
    Bool(bool),
    Int,
    Tuple(Vec<u64>),
}

impl Value {
    fn kind(&self) -> &'static str {
        match self {
            Value::Str(_) => "a string",
            Value::Bool(_) => "a bool",
            Value::Int => "an int",
            Value::Tuple(_) => "a tuple",
        }
    }
}

/// A cursor over the header text.
struct Cursor<'a> {
    s: &'a [u8],
    at: usize,
    /// Python 2's `L` suffix on ints is allowed (versions 1.0 and 2.0, as
    /// NumPy's `_filter_header`).
    long_suffix: bool,
}

impl Cursor<'_> {
    fn skip_ws(&mut self) {
        while self.at < self.s.len()
            && matches!(self.s[self.at], b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
        {
            self.at += 1;
        }
    }
    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.s.get(self.at).copied()
    }
    fn expect(&mut self, c: u8, what: &str) -> std::result::Result<(), String> {
        match self.peek() {
            Some(x) if x == c => {
                self.at += 1;
                Ok(())
            }
            Some(x) => Err(format!(
                "header is not NumPy's dict: expected {what} at byte {}, found {:?}",
                self.at, x as char
            )),
            None => Err(format!(
                "header is not NumPy's dict: it ends where {what} was expected"
            )),
        }
    }
    fn string(&mut self) -> std::result::Result<String, String> {
        let quote = self.s[self.at];
        let start = self.at + 1;
        let Some(len) = self.s[start..].iter().position(|&c| c == quote) else {
            return Err("header is not NumPy's dict: an unterminated string".into());
        };
        let raw = &self.s[start..start + len];
        if raw.iter().any(|&c| c == b'\\' || c == b'\n' || c == b'\r') {
            return Err(
                "header is not NumPy's dict: a string with an escape or a line break".into(),
            );
        }
        self.at = start + len + 1;
        // Latin-1 (or UTF-8 already checked): non-ASCII bytes are shown
        // escaped; no supported descr has any.
        Ok(raw
            .iter()
            .flat_map(|&c| std::ascii::escape_default(c))
            .map(char::from)
            .collect())
    }
    fn int(&mut self) -> std::result::Result<u64, String> {
        let start = self.at;
        while self.at < self.s.len() && self.s[self.at].is_ascii_digit() {
            self.at += 1;
        }
        let digits = &self.s[start..self.at];
        if digits.len() > 1 && digits[0] == b'0' {
            return Err("header is not NumPy's dict: an int with a leading zero".into());
        }
        if self.long_suffix && self.at < self.s.len() && matches!(self.s[self.at], b'L' | b'l') {
            self.at += 1;
        }
        if self.at < self.s.len()
            && (self.s[self.at].is_ascii_alphanumeric() || matches!(self.s[self.at], b'_' | b'.'))
        {
            return Err(format!(
                "header is not NumPy's dict: a malformed number at byte {start}"
            ));
        }
        // Only ASCII digits: the text is valid UTF-8.
        let text = std::str::from_utf8(digits).unwrap_or("");
        text.parse::<u64>()
            .map_err(|_| format!("shape length {text} does not fit 64 bits"))
    }
    fn word(&mut self) -> &[u8] {
        let start = self.at;
        while self.at < self.s.len()
            && (self.s[self.at].is_ascii_alphanumeric() || self.s[self.at] == b'_')
        {
            self.at += 1;
        }
        &self.s[start..self.at]
    }
    fn value(&mut self) -> std::result::Result<Value, String> {
        match self.peek() {
            Some(b'\'' | b'"') => Ok(Value::Str(self.string()?)),
            Some(b'0'..=b'9') => {
                self.int()?;
                Ok(Value::Int)
            }
            Some(b'-') => Err("header is not NumPy's dict: a negative number".into()),
            Some(b'(') => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    match self.peek() {
                        Some(b')') => {
                            self.at += 1;
                            break;
                        }
                        Some(b'0'..=b'9') => {
                            if items.len() > MAX_DIMS {
                                return Err(format!(
                                    "the shape has more than the {MAX_DIMS} axes NumPy allows"
                                ));
                            }
                            items.push(self.int()?);
                            match self.peek() {
                                Some(b',') => self.at += 1,
                                Some(b')') => {
                                    // `(3)` is an int in Python, not a tuple.
                                    if items.len() == 1 {
                                        return Err(
                                            "the shape is not a tuple of ints: (n) without a comma is an int"
                                                .into(),
                                        );
                                    }
                                }
                                _ => {
                                    return Err(format!(
                                        "the shape is not a tuple of ints: expected ',' or ')' at byte {}",
                                        self.at
                                    ));
                                }
                            }
                        }
                        Some(b'-') => {
                            return Err("the shape has a negative length".into());
                        }
                        _ => {
                            return Err(format!(
                                "the shape is not a tuple of non-negative ints (byte {})",
                                self.at
                            ));
                        }
                    }
                }
                Ok(Value::Tuple(items))
            }
            Some(b'[') => {
                Err("header is not NumPy's dict: a list where a value was expected".into())
            }
            Some(c) if c.is_ascii_alphabetic() => match self.word() {
                b"True" => Ok(Value::Bool(true)),
                b"False" => Ok(Value::Bool(false)),
                w => Err(format!(
                    "header is not NumPy's dict: unexpected name {:?}",
                    String::from_utf8_lossy(w)
                )),
            },
            Some(c) => Err(format!(
                "header is not NumPy's dict: unexpected {:?} at byte {}",
                c as char, self.at
            )),
            None => Err("header is not NumPy's dict: it ends where a value was expected".into()),
        }
    }
}

/// Parses the dict literal: `{` then `key: value` pairs separated by commas
/// (a trailing comma allowed), `}`, then only whitespace (and NUL padding is
/// not whitespace: NumPy's `literal_eval` refuses it too).
fn parse_dict(text: &[u8], long_suffix: bool) -> std::result::Result<Dict, String> {
    let mut c = Cursor {
        s: text,
        at: 0,
        long_suffix,
    };
    c.expect(b'{', "'{'")?;
    let (mut descr, mut fortran, mut shape) = (None, None, None);
    loop {
        match c.peek() {
            Some(b'}') => {
                c.at += 1;
                break;
            }
            Some(b'\'' | b'"') => {}
            _ => c.expect(b'\'', "a quoted key or '}'")?,
        }
        let key = c.string()?;
        c.expect(b':', "':'")?;
        if key == "descr" && c.peek() == Some(b'[') {
            return Err("unsupported dtype: a structured (record) descr, a list of fields".into());
        }
        let value = c.value()?;
        let slot_taken = match key.as_str() {
            "descr" => match value {
                Value::Str(s) => descr.replace(s).is_some(),
                Value::Int | Value::Bool(_) | Value::Tuple(_) => {
                    return Err(format!("'descr' is {}, not a dtype string", value.kind()));
                }
            },
            "fortran_order" => match value {
                Value::Bool(b) => fortran.replace(b).is_some(),
                v => {
                    return Err(format!(
                        "'fortran_order' is {}, not True or False",
                        v.kind()
                    ));
                }
            },
            "shape" => match value {
                Value::Tuple(t) => shape.replace(t).is_some(),
                v => return Err(format!("'shape' is {}, not a tuple of ints", v.kind())),
            },
            other => {
                return Err(format!(
                    "header has the key '{other}': NumPy allows only 'descr', 'fortran_order' and 'shape'"
                ));
            }
        };
        if slot_taken {
            return Err(format!("header has the key '{key}' twice"));
        }
        match c.peek() {
            Some(b',') => c.at += 1,
            Some(b'}') => {}
            _ => c.expect(b',', "',' or '}'")?,
        }
    }
    if c.peek().is_some() {
        return Err(format!(
            "header is not NumPy's dict: text after the closing '}}' at byte {}",
            c.at
        ));
    }
    let missing = |k: &str| {
        format!("header lacks the key '{k}' (NumPy requires 'descr', 'fortran_order' and 'shape')")
    };
    Ok(Dict {
        descr: descr.ok_or_else(|| missing("descr"))?,
        fortran_order: fortran.ok_or_else(|| missing("fortran_order"))?,
        shape: shape.ok_or_else(|| missing("shape"))?,
    })
}

/// The dtype and byte order of a `descr` string: an optional byte order
/// (`<`, `>`, `=` native (little-endian: ndgpu needs a little-endian host),
/// `|` not applicable) and a type code of ndgpu's dtypes (`b1` or `?`,
/// `i1`, `u1`, `i2`, `u2`, `f2`, `i4`, `u4`, `f4`, `i8`, `u8`, `f8`).
fn parse_descr(descr: &str) -> std::result::Result<(DType, bool), String> {
    let unsupported = || {
        format!(
            "unsupported dtype '{descr}' (ndgpu reads bool, int8-64, uint8-64, float16, float32 and float64)"
        )
    };
    let (order, code) = match descr.as_bytes().first() {
        Some(&c @ (b'<' | b'>' | b'=' | b'|')) => (c, &descr[1..]),
        _ => (b'=', descr),
    };
    let dtype = match code {
        "b1" | "?" => DType::Bool,
        "i1" => DType::I8,
        "u1" => DType::U8,
        "i2" => DType::I16,
        "u2" => DType::U16,
        "f2" => DType::F16,
        "i4" => DType::I32,
        "u4" => DType::U32,
        "f4" => DType::F32,
        "i8" => DType::I64,
        "u8" => DType::U64,
        "f8" => DType::F64,
        _ => return Err(unsupported()),
    };
    let big_endian = order == b'>' && dtype.itemsize() > 1;
    if order == b'|' && dtype.itemsize() > 1 {
        // NumPy reads '|' as "not applicable" and takes the native order;
        // its writer never puts it on a multi-byte type.
        return Ok((dtype, false));
    }
    Ok((dtype, big_endian))
}

#[cfg(test)]
#[path = "npy_header_tests.rs"]
mod tests;
