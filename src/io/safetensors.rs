//! safetensors files (the format machine-learning weights ship in): an
//! 8-byte little-endian header length `N`, `N` bytes of JSON naming each
//! tensor's dtype, shape and byte range (`data_offsets`, relative to the
//! end of the header) plus an optional `__metadata__` map of strings, then
//! the tensors' bytes, C order, little-endian.
//!
//! [`SafeTensorsFile`] maps a file (native platforms) or owns its bytes
//! (everywhere, the browser included), validates the header once, and
//! loads a tensor, or a basic-indexing slice of one, straight from those
//! bytes into wgpu's staging memory: a slice uploads only the bytes it
//! touches. [`SafeTensorsWriter`] reads arrays back and writes a file.
//!
//! The header is parsed by the `safetensors` crate's own `Metadata` (through
//! `serde_json`), which checks that the tensors' ranges are consecutive,
//! start at 0 and match shape times item size with checked arithmetic; the
//! step that compares them with the file size is done here with checked
//! arithmetic too (`SafeTensors::read_metadata` adds them unchecked, which
//! panics in a debug build on a hostile header).

use std::collections::HashMap;
use std::fmt;
#[cfg(not(target_arch = "wasm32"))]
use std::path::Path;

use ::safetensors::tensor::{Dtype, Metadata, TensorInfo as StInfo, View};

use crate::Array;
use crate::dtype::{DType, Element};
use crate::error::{Error, Result};
use crate::layout::bounds::check_shape;
use crate::layout::slice::SliceArg;
use crate::layout::{Layout, Order};
use crate::runtime::Device;

/// The largest header the format allows (the `safetensors` crate's limit).
const MAX_HEADER: u64 = 100_000_000;

/// Bytes of the header-length field.
const LEN_FIELD: usize = 8;

/// The dtypes ndgpu has, with their safetensors spelling.
const SUPPORTED: &str = "BOOL, U8, I8, U16, I16, F16, U32, I32, F32, U64, I64, F64";

/// ndgpu's dtype for a safetensors dtype (`None`: BF16, the float8/6/4
/// formats, complex).
fn to_dtype(d: Dtype) -> Option<DType> {
    Some(match d {
        Dtype::BOOL => DType::Bool,
        Dtype::U8 => DType::U8,
        Dtype::I8 => DType::I8,
        Dtype::U16 => DType::U16,
        Dtype::I16 => DType::I16,
        Dtype::F16 => DType::F16,
        Dtype::U32 => DType::U32,
        Dtype::I32 => DType::I32,
        Dtype::F32 => DType::F32,
        Dtype::U64 => DType::U64,
        Dtype::I64 => DType::I64,
        Dtype::F64 => DType::F64,
        _ => return None,
    })
}

/// The safetensors dtype of an ndgpu dtype (every one has one).
fn from_dtype(d: DType) -> Dtype {
    match d {
        DType::Bool => Dtype::BOOL,
        DType::U8 => Dtype::U8,
        DType::I8 => Dtype::I8,
        DType::U16 => Dtype::U16,
        DType::I16 => Dtype::I16,
        DType::F16 => Dtype::F16,
        DType::U32 => Dtype::U32,
        DType::I32 => Dtype::I32,
        DType::F32 => Dtype::F32,
        DType::U64 => Dtype::U64,
        DType::I64 => Dtype::I64,
        DType::F64 => Dtype::F64,
    }
}

/// One tensor of a safetensors file, as its header describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TensorInfo {
    /// ndgpu's dtype, `None` for a dtype ndgpu does not have (BF16, the
    /// float8/6/4 formats, complex): such a tensor is listed but cannot be
    /// loaded.
    pub dtype: Option<DType>,
    /// The dtype as the file spells it (`"F32"`, `"BF16"`, ...).
    pub dtype_name: String,
    /// The shape (C order).
    pub shape: Vec<usize>,
    /// The tensor's bytes, `begin..end`, counted from the end of the header.
    pub data_offsets: (u64, u64),
}

impl TensorInfo {
    /// The tensor's size in bytes (`end - begin`; 0 if `end < begin`,
    /// which no validated header has).
    pub fn nbytes(&self) -> u64 {
        self.data_offsets.1.saturating_sub(self.data_offsets.0)
    }
}

/// The bytes of a file: mapped, or owned.
enum Bytes {
    Owned(Vec<u8>),
    #[cfg(not(target_arch = "wasm32"))]
    Mapped(memmap2::Mmap),
}

impl Bytes {
    fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            #[cfg(not(target_arch = "wasm32"))]
            Bytes::Mapped(m) => m,
        }
    }
}

/// A safetensors file whose header has been read and validated: lists its
/// tensors and loads any of them, or a slice of one, onto a device.
///
/// Nothing but the header is read when it is opened; a load copies only
/// the requested tensor's bytes (a slice: only the bytes it touches) from
/// the file's memory into wgpu's staging memory.
///
/// ```
/// # let dev = ndgpu::Device::new().unwrap();
/// use ndgpu::{Array, s};
/// use ndgpu::io::{SafeTensorsFile, SafeTensorsWriter};
/// let w = Array::<f32>::arange(&dev, 0.0, 12.0, 1.0).unwrap().reshape(&[3, 4]).unwrap();
/// let mut out = SafeTensorsWriter::new();
/// out.add("w", &w).unwrap();
/// out.metadata("format", "pt");
/// let file = SafeTensorsFile::from_bytes(out.to_bytes().unwrap()).unwrap();
/// assert_eq!(file.names(), ["w"]);
/// assert_eq!(file.info("w").unwrap().shape, [3, 4]);
/// let row = file.load_slice::<f32>(&dev, "w", s![1]).unwrap();
/// assert_eq!(row.to_vec().unwrap(), [4.0, 5.0, 6.0, 7.0]);
/// ```
pub struct SafeTensorsFile {
    /// The file's path, or `"<bytes>"`, for error messages.
    path: String,
    bytes: Bytes,
    /// Where the data starts: 8 + the header length.
    data_start: usize,
    metadata: Metadata,
    /// The names in the order of their data (then by name).
    names: Vec<String>,
}

impl fmt::Debug for SafeTensorsFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SafeTensorsFile")
            .field("path", &self.path)
            .field("bytes", &self.bytes.as_slice().len())
            .field("tensors", &self.names)
            .finish()
    }
}

impl SafeTensorsFile {
    /// Opens a safetensors file: maps it read-only, reads and validates the
    /// header (nothing else is read). Native platforms only (a browser has
    /// no files: use [`SafeTensorsFile::from_bytes`]).
    ///
    /// The file must not be truncated or rewritten in place while this
    /// value lives (as for any memory map; [`SafeTensorsWriter::write`]
    /// replaces a file by renaming, which is safe).
    ///
    /// # Errors
    /// `Io` when the file cannot be opened or mapped; `Format` for a file
    /// that is not valid safetensors (a header length beyond the file or
    /// over 100 MB, invalid JSON, tensor byte ranges that overlap, leave
    /// gaps, do not match shape times item size or do not end at the end
    /// of the file, a shape whose size overflows).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let op = "SafeTensorsFile::open";
        let path = path.as_ref();
        let name = path.display().to_string();
        let io = |what: &str, e: std::io::Error| Error::Io {
            op,
            path: name.clone(),
            reason: format!("{what}: {e}"),
        };
        let file = std::fs::File::open(path).map_err(|e| io("cannot open", e))?;
        let len = file
            .metadata()
            .map_err(|e| io("cannot read the file's size", e))?
            .len();
        if len < LEN_FIELD as u64 {
            return Err(Error::Format {
                op,
                path: name,
                reason: format!("the file has {len} bytes, fewer than the 8-byte header length"),
            });
        }
        // SAFETY: a read-only private map of a file this process opened;
        // it is only ever read as bytes. The one hazard of any file map is
        // another process truncating or rewriting the file while it is
        // mapped, which the documentation above rules out.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| io("cannot map", e))?;
        Self::parse(op, name, Bytes::Mapped(map))
    }

    /// A safetensors file held in memory (what a browser fetches, or any
    /// byte buffer); the header is validated as by
    /// [`SafeTensorsFile::open`], and error messages name the file
    /// `<bytes>`.
    ///
    /// # Errors
    /// `Format` as for [`SafeTensorsFile::open`].
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self> {
        Self::parse(
            "SafeTensorsFile::from_bytes",
            "<bytes>".into(),
            Bytes::Owned(bytes),
        )
    }

    fn parse(op: &'static str, path: String, bytes: Bytes) -> Result<Self> {
        let (data_start, metadata) = match parse_header(bytes.as_slice()) {
            Ok(x) => x,
            Err(reason) => return Err(Error::Format { op, path, reason }),
        };
        let mut order: Vec<(String, &StInfo)> = metadata.tensors().into_iter().collect();
        order.sort_by(|a, b| (a.1.data_offsets, &a.0).cmp(&(b.1.data_offsets, &b.0)));
        let names = order.into_iter().map(|(n, _)| n).collect();
        Ok(Self {
            path,
            bytes,
            data_start,
            metadata,
            names,
        })
    }

    /// The file's path as given to [`SafeTensorsFile::open`], or `<bytes>`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The tensors' names in the order of their data in the file
    /// (ascending `data_offsets`; empty tensors sharing an offset by name).
    pub fn names(&self) -> Vec<String> {
        self.names.clone()
    }

    /// The number of tensors.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the file holds no tensor.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The `__metadata__` map (empty when the file has none).
    pub fn metadata(&self) -> HashMap<String, String> {
        self.metadata.metadata().clone().unwrap_or_default()
    }

    /// What the header says about tensor `name`. Tensors of dtypes ndgpu
    /// lacks are described too (`dtype: None`).
    ///
    /// # Errors
    /// `InvalidArgument` when the file has no tensor `name`.
    pub fn info(&self, name: &str) -> Result<TensorInfo> {
        let i = self.st_info("SafeTensorsFile::info", name)?;
        Ok(TensorInfo {
            dtype: to_dtype(i.dtype),
            dtype_name: i.dtype.to_string(),
            shape: i.shape.clone(),
            data_offsets: (i.data_offsets.0 as u64, i.data_offsets.1 as u64),
        })
    }

    fn st_info(&self, op: &'static str, name: &str) -> Result<&StInfo> {
        self.metadata.info(name).ok_or_else(|| {
            let shown: Vec<&str> = self.names.iter().take(8).map(String::as_str).collect();
            let more = if self.names.len() > shown.len() {
                format!(", ... ({} in all)", self.names.len())
            } else {
                String::new()
            };
            Error::InvalidArgument {
                op,
                reason: format!(
                    "{}: no tensor named {name:?} (tensors: {}{more})",
                    self.path,
                    shown.join(", ")
                ),
            }
        })
    }

    /// Loads tensor `name` onto `device`: its bytes go straight from the
    /// file's memory into wgpu's staging memory (one block copy).
    ///
    /// # Errors
    /// `InvalidArgument` for an unknown name; `DTypeMismatch` when the
    /// tensor is not of `T`'s dtype; `Format` for a dtype ndgpu lacks
    /// (BF16, F8_*, ...), a shape ndgpu cannot hold (NumPy's size rule, more
    /// than 64 axes), or `BOOL` bytes other than 0 and 1; the device's
    /// allocation errors.
    pub fn load<T: Element>(&self, device: &Device, name: &str) -> Result<Array<T>> {
        let op = "SafeTensorsFile::load";
        let (bytes, layout) = self.tensor::<T>(op, name)?;
        Array::from_host_view(device, op, bytes, &layout)
            .map_err(|e| self.bool_error::<T>(op, name, e))
    }

    /// Loads the slice `index` of tensor `name` (NumPy's basic indexing, as
    /// [`Array::slice`] takes it: `s![1..3, ..;2]`), uploading only the bytes
    /// the slice touches: whole rows of a matrix as one block, a stepped
    /// column element by element. The result holds just the slice, in the
    /// file's (C) order with the slice's axis directions.
    ///
    /// # Errors
    /// As [`SafeTensorsFile::load`], and the indexing errors of
    /// [`Array::slice`] (`IndexOutOfBounds`, `TooManyIndices`, ...).
    pub fn load_slice<T: Element>(
        &self,
        device: &Device,
        name: &str,
        index: impl AsRef<[SliceArg]>,
    ) -> Result<Array<T>> {
        let op = "SafeTensorsFile::load_slice";
        let (bytes, layout) = self.tensor::<T>(op, name)?;
        let sliced = layout.slice(index.as_ref()).map_err(|e| e.renamed(op))?;
        Array::from_host_view(device, op, bytes, &sliced)
            .map_err(|e| self.bool_error::<T>(op, name, e))
    }

    /// The tensor's bytes and its C-contiguous layout, after the dtype and
    /// shape checks.
    fn tensor<T: Element>(&self, op: &'static str, name: &str) -> Result<(&[u8], Layout)> {
        let info = self.st_info(op, name)?;
        let what = || format!("{}: tensor {name:?}", self.path);
        let format = |reason: String| Error::Format {
            op,
            path: what(),
            reason,
        };
        let Some(dtype) = to_dtype(info.dtype) else {
            return Err(format(format!(
                "dtype {} is not one ndgpu has (it has {SUPPORTED})",
                info.dtype
            )));
        };
        if dtype != T::DTYPE {
            return Err(Error::DTypeMismatch {
                op,
                what: what(),
                requested: T::DTYPE.name(),
                found: format!("{} ({})", dtype.name(), info.dtype),
            });
        }
        let shape = &info.shape;
        check_shape(op, shape, dtype.itemsize())
            .and_then(|()| Layout::contiguous(shape, Order::C))
            .map_err(|e| format(format!("shape cannot be held: {e}")))
            .and_then(|layout| {
                // The header check made every range lie inside the data.
                let (b, e) = info.data_offsets;
                let range = self
                    .data_start
                    .checked_add(b)
                    .zip(self.data_start.checked_add(e));
                let bytes = range.and_then(|(b, e)| self.bytes.as_slice().get(b..e));
                match bytes {
                    Some(bytes) => Ok((bytes, layout)),
                    None => Err(format(format!(
                        "data_offsets [{b}, {e}] lie outside the file"
                    ))),
                }
            })
    }

    /// A bool byte other than 0/1 in the file is a malformed file.
    fn bool_error<T: Element>(&self, op: &'static str, name: &str, e: Error) -> Error {
        match e {
            Error::InvalidArgument { op: o, reason } if o == op && T::DTYPE == DType::Bool => {
                Error::Format {
                    op,
                    path: format!("{}: tensor {name:?}", self.path),
                    reason: format!("BOOL data: {reason}"),
                }
            }
            e => e,
        }
    }
}

/// Reads and validates the header of a whole file: (where the data starts,
/// the header), or what is wrong.
fn parse_header(buf: &[u8]) -> std::result::Result<(usize, Metadata), String> {
    let Some(field) = buf.first_chunk::<LEN_FIELD>() else {
        return Err(format!(
            "the file has {} bytes, fewer than the 8-byte header length",
            buf.len()
        ));
    };
    let n = u64::from_le_bytes(*field);
    let after = (buf.len() - LEN_FIELD) as u64;
    if n > MAX_HEADER {
        return Err(format!(
            "header length {n} bytes is over the format's limit of {MAX_HEADER} bytes"
        ));
    }
    if n > after {
        return Err(format!(
            "header length {n} bytes, but only {after} bytes follow the length field"
        ));
    }
    // n <= after: fits usize, and LEN_FIELD + n <= buf.len().
    let data_start = LEN_FIELD + n as usize;
    let text = std::str::from_utf8(&buf[LEN_FIELD..data_start])
        .map_err(|e| format!("header is not UTF-8: {e}"))?;
    // safetensors' Metadata checks, with checked arithmetic, that the
    // ranges are consecutive from 0 and each matches its shape and dtype.
    let metadata: Metadata =
        serde_json::from_str(text).map_err(|e| format!("invalid header: {e}"))?;
    let data = (buf.len() - data_start) as u64;
    let covered = metadata.data_len() as u64;
    if covered != data {
        return Err(format!(
            "the tensors' data_offsets cover {covered} bytes, but {data} bytes follow the {n}-byte header"
        ));
    }
    Ok((data_start, metadata))
}

/// A tensor read back for writing.
struct Entry {
    name: String,
    dtype: Dtype,
    shape: Vec<usize>,
    data: Vec<u8>,
}

impl View for &Entry {
    fn dtype(&self) -> Dtype {
        self.dtype
    }
    fn shape(&self) -> &[usize] {
        &self.shape
    }
    fn data(&self) -> std::borrow::Cow<'_, [u8]> {
        std::borrow::Cow::Borrowed(&self.data)
    }
    fn data_len(&self) -> usize {
        self.data.len()
    }
}

/// Collects named arrays (read back from the device when added) and
/// `__metadata__` entries, and writes them as a safetensors file. Tensors
/// are laid out as the `safetensors` crate lays them out (by decreasing
/// dtype alignment, then by name), so a file written here is byte for byte
/// what that crate writes.
///
/// ```
/// # let dev = ndgpu::Device::new().unwrap();
/// use ndgpu::Array;
/// use ndgpu::io::{SafeTensorsFile, SafeTensorsWriter};
/// let a = Array::<i64>::from_slice(&dev, &[1, 2, 3, 4], [2, 2]).unwrap();
/// let mut w = SafeTensorsWriter::new();
/// w.add("a.T", &a.t()).unwrap(); // any view: written in C order
/// let f = SafeTensorsFile::from_bytes(w.to_bytes().unwrap()).unwrap();
/// assert_eq!(f.load::<i64>(&dev, "a.T").unwrap().to_vec().unwrap(), [1, 3, 2, 4]);
/// ```
#[derive(Default)]
pub struct SafeTensorsWriter {
    tensors: Vec<Entry>,
    metadata: HashMap<String, String>,
}

impl fmt::Debug for SafeTensorsWriter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.tensors.iter().map(|e| e.name.as_str()).collect();
        f.debug_struct("SafeTensorsWriter")
            .field("tensors", &names)
            .field("metadata", &self.metadata)
            .finish()
    }
}

impl SafeTensorsWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `array` (any view; written in C order) as tensor `name`,
    /// reading it back from the device now (blocking; a thin wrapper over
    /// [`SafeTensorsWriter::add_async`]).
    ///
    /// # Errors
    /// `InvalidArgument` when `name` is already taken or is `__metadata__`;
    /// the read-back's errors.
    pub fn add<T: Element>(&mut self, name: &str, array: &Array<T>) -> Result<()> {
        array.device().block_on(
            "SafeTensorsWriter::add",
            "SafeTensorsWriter::add_async",
            self.add_async(name, array),
        )
    }

    /// [`SafeTensorsWriter::add`] without blocking the thread.
    pub async fn add_async<T: Element>(&mut self, name: &str, array: &Array<T>) -> Result<()> {
        let op = "SafeTensorsWriter::add";
        let taken = name == "__metadata__" || self.tensors.iter().any(|e| e.name == name);
        if taken {
            return Err(Error::InvalidArgument {
                op,
                reason: if name == "__metadata__" {
                    "\"__metadata__\" is the header's metadata key, not a tensor name".into()
                } else {
                    format!("a tensor named {name:?} was already added")
                },
            });
        }
        let data = array.to_bytes_async().await?;
        self.tensors.push(Entry {
            name: name.to_owned(),
            dtype: from_dtype(T::DTYPE),
            shape: array.shape().to_vec(),
            data,
        });
        Ok(())
    }

    /// Sets a `__metadata__` entry (a later value for the same key
    /// replaces the earlier one).
    pub fn metadata(&mut self, key: &str, value: &str) -> &mut Self {
        self.metadata.insert(key.to_owned(), value.to_owned());
        self
    }

    /// The names added so far, in the order they were added.
    pub fn names(&self) -> Vec<String> {
        self.tensors.iter().map(|e| e.name.clone()).collect()
    }

    fn info(&self) -> Option<HashMap<String, String>> {
        (!self.metadata.is_empty()).then(|| self.metadata.clone())
    }

    /// The file's bytes (the whole file in memory; prefer
    /// [`SafeTensorsWriter::write`] for large files).
    ///
    /// # Errors
    /// `InvalidArgument` when the header would exceed the format's 100 MB.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let op = "SafeTensorsWriter::to_bytes";
        ::safetensors::serialize(
            self.tensors.iter().map(|e| (e.name.as_str(), e)),
            self.info(),
        )
        .map_err(|e| Error::InvalidArgument {
            op,
            reason: format!("cannot write a safetensors file: {e}"),
        })
    }

    /// Writes the file to `path`, streaming each tensor's bytes. The file
    /// is written beside `path` and renamed over it, so a file that is
    /// open (mapped) elsewhere is replaced, never truncated under its map.
    /// Native platforms only.
    ///
    /// # Errors
    /// `Io` when the file cannot be written; `InvalidArgument` as for
    /// [`SafeTensorsWriter::to_bytes`].
    #[cfg(not(target_arch = "wasm32"))]
    pub fn write(&self, path: impl AsRef<Path>) -> Result<()> {
        let op = "SafeTensorsWriter::write";
        let path = path.as_ref();
        ::safetensors::serialize_to_file(
            self.tensors.iter().map(|e| (e.name.as_str(), e)),
            self.info(),
            path,
        )
        .map_err(|e| match e {
            ::safetensors::SafeTensorError::IoError(e) => Error::Io {
                op,
                path: path.display().to_string(),
                reason: e.to_string(),
            },
            e => Error::InvalidArgument {
                op,
                reason: format!("cannot write a safetensors file: {e}"),
            },
        })
    }
}

/// Saves named arrays of one dtype as a safetensors file at `path` (no
/// metadata; for mixed dtypes or metadata use [`SafeTensorsWriter`]).
///
/// # Errors
/// As [`SafeTensorsWriter::add`] and [`SafeTensorsWriter::write`].
#[cfg(not(target_arch = "wasm32"))]
pub fn save_safetensors<T: Element>(
    path: impl AsRef<Path>,
    tensors: &[(&str, &Array<T>)],
) -> Result<()> {
    let mut w = SafeTensorsWriter::new();
    for (name, a) in tensors {
        w.add(name, a)?;
    }
    w.write(path)
}
