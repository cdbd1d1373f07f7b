//! Memory-mapped host arrays, like NumPy's `np.memmap`: a [`Memmap`] is a
//! strided view (shape, strides in elements, offset) over the bytes of a
//! file mapped into the process, in one of NumPy's four modes
//! ([`MapMode`]). Views (`slice`, `t`, `flip`, ...) make a new descriptor
//! over the same mapping and read nothing; the operating system pages the
//! file in on demand, so a view of a file larger than memory reads only
//! what is touched.
//!
//! This file: the type, opening and creating (raw files and `.npy`
//! files), introspection and `flush`. `memmap_views.rs`: the views, host
//! element access and the moves to and from the device.
//!
//! The byte offset into the file need not be a multiple of the item size
//! (NumPy allows any): the mapping starts at the requested byte, and
//! elements are read and written with byte copies, never through a typed
//! (possibly misaligned) reference.
//!
//! Safety of the mapping: memmap2's map calls are `unsafe` because another
//! process (or another handle in this one) changing or truncating the file
//! while it is mapped changes memory that Rust code sees as ordinary bytes,
//! or makes it unreadable (`SIGBUS` on truncation). ndgpu cannot prevent
//! that; do not modify a file from elsewhere while a `Memmap` of it lives.
//! Within ndgpu every access goes through one `RwLock` per mapping, so
//! views that write never race with views that read.

use std::fs::{File, OpenOptions};
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use memmap2::{Mmap, MmapMut, MmapOptions};

use super::npy_header::{
    FIXED_PREFIX_LEN, MAX_HEADER_LEN, NpyHeader, format_header, header_len_needed, parse_header,
};
use crate::dtype::{DType, Element};
use crate::error::{Error, Result, format_tuple};
use crate::layout::bounds::check_shape;
use crate::layout::{Layout, Order};

/// How a file is mapped: NumPy's `mode` argument of `np.memmap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MapMode {
    /// `'r'`: read only; every write is [`Error::ReadOnly`].
    ReadOnly,
    /// `'r+'`: read and write an existing file; writes reach the file
    /// (at the latest on [`Memmap::flush`] or when the last handle drops).
    ReadWrite,
    /// `'c'`: copy-on-write; writes change only this process's pages, the
    /// file is never modified.
    CopyOnWrite,
    /// `'w+'`: create the file, or truncate an existing one, with exactly
    /// the bytes the array needs (the bytes before the offset are zeros),
    /// then read and write as [`MapMode::ReadWrite`].
    Create,
}

impl MapMode {
    /// NumPy's spelling: `"r"`, `"r+"`, `"c"`, `"w+"`.
    pub fn numpy_mode(self) -> &'static str {
        match self {
            MapMode::ReadOnly => "r",
            MapMode::ReadWrite => "r+",
            MapMode::CopyOnWrite => "c",
            MapMode::Create => "w+",
        }
    }

    /// Whether a mapping in this mode accepts writes.
    pub fn is_writeable(self) -> bool {
        !matches!(self, MapMode::ReadOnly)
    }
}

/// The mapped bytes: read-only, or writeable (shared or private).
enum Map {
    Read(Mmap),
    Write(MmapMut),
}

impl Map {
    fn bytes(&self) -> &[u8] {
        match self {
            Map::Read(m) => m,
            Map::Write(m) => m,
        }
    }
}

/// One mapping, shared by a memmap and all its views.
struct Mapping {
    path: PathBuf,
    mode: MapMode,
    /// Byte offset in the file of element 0 of the mapped buffer.
    file_offset: u64,
    /// The layout of the array as opened (the base of every view).
    layout: Layout,
    map: RwLock<Map>,
}

/// A host array backed by a memory-mapped file, like NumPy's `np.memmap`
/// (see [`crate::io`]).
///
/// Cloning is cheap and shares the mapping, as does every view. Writes
/// take `&self` (as [`crate::Array`]'s do); a lock inside the mapping
/// orders them.
///
/// ```
/// use ndgpu::io::{MapMode, Memmap};
/// use ndgpu::{Device, Order, s};
/// # fn main() -> ndgpu::Result<()> {
/// let dev = Device::new()?;
/// let path = std::env::temp_dir().join(format!("ndgpu_doc_memmap_{}", std::process::id()));
/// // np.memmap(path, np.float32, 'w+', shape=(1000, 256))
/// let mm = Memmap::<f32>::open(&path, MapMode::Create, [1000, 256], Order::C, 0)?;
/// mm.slice(s![.., 0])?.fill(1.0)?; // column 0, straight into the file's pages
/// let every_tenth = mm.slice(s![..;10])?; // a view: nothing read
/// let before = dev.transfer_stats().uploaded_bytes;
/// let a = every_tenth.to_device(&dev)?; // 100 rows uploaded, not the file
/// assert_eq!(dev.transfer_stats().uploaded_bytes - before, 100 * 256 * 4);
/// assert_eq!(a.sum(None, false)?.item()?, 100.0);
/// mm.flush()?;
/// # drop((mm, every_tenth)); std::fs::remove_file(&path).unwrap();
/// # Ok(()) }
/// ```
pub struct Memmap<T: Element> {
    mapping: Arc<Mapping>,
    layout: Layout,
    writeable: bool,
    view: bool,
    _t: PhantomData<fn() -> T>,
}

impl<T: Element> Clone for Memmap<T> {
    fn clone(&self) -> Self {
        Memmap {
            mapping: self.mapping.clone(),
            layout: self.layout.clone(),
            writeable: self.writeable,
            view: self.view,
            _t: PhantomData,
        }
    }
}

impl<T: Element> std::fmt::Debug for Memmap<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memmap")
            .field("path", &self.mapping.path)
            .field("mode", &self.mapping.mode)
            .field("dtype", &T::DTYPE)
            .field("shape", &self.layout.shape())
            .field("strides", &self.layout.strides())
            .field("offset_bytes", &self.offset_bytes())
            .field("writeable", &self.writeable)
            .finish()
    }
}

fn io_err(op: &'static str, path: &Path, what: &str, e: std::io::Error) -> Error {
    Error::Io {
        op,
        path: path.display().to_string(),
        reason: format!("{what}: {e}"),
    }
}

/// Opens `path` as `mode` needs it.
fn open_file(op: &'static str, path: &Path, mode: MapMode) -> Result<File> {
    let mut o = OpenOptions::new();
    match mode {
        MapMode::ReadOnly | MapMode::CopyOnWrite => o.read(true),
        MapMode::ReadWrite => o.read(true).write(true),
        MapMode::Create => o.read(true).write(true).create(true).truncate(true),
    };
    o.open(path).map_err(|e| {
        io_err(
            op,
            path,
            &format!("opening (mode '{}')", mode.numpy_mode()),
            e,
        )
    })
}

/// Maps `len` bytes of `file` from byte `offset` in `mode`.
fn map_file(
    op: &'static str,
    path: &Path,
    file: &File,
    mode: MapMode,
    offset: u64,
    len: usize,
) -> Result<Map> {
    let mut opts = MmapOptions::new();
    opts.offset(offset).len(len);
    // SAFETY: memmap2 maps `len` bytes at `offset`, which the caller
    // checked the file holds. What no code here can rule out is another
    // process modifying or truncating the file while it is mapped (see the
    // module documentation); within ndgpu every access goes through the
    // mapping's lock.
    let r = unsafe {
        match mode {
            MapMode::ReadOnly => opts.map(file).map(Map::Read),
            MapMode::ReadWrite | MapMode::Create => opts.map_mut(file).map(Map::Write),
            MapMode::CopyOnWrite => opts.map_copy(file).map(Map::Write),
        }
    };
    r.map_err(|e| {
        io_err(
            op,
            path,
            &format!("mapping {len} bytes at byte {offset}"),
            e,
        )
    })
}

fn file_len(op: &'static str, path: &Path, file: &File) -> Result<u64> {
    file.metadata()
        .map(|m| m.len())
        .map_err(|e| io_err(op, path, "reading the file's size", e))
}

/// Bytes of `shape` elements of `T`, after NumPy's size check.
fn data_bytes<T: Element>(op: &'static str, shape: &[usize]) -> Result<usize> {
    let isz = T::DTYPE.itemsize();
    check_shape(op, shape, isz)?;
    // At most isize::MAX after the shape check.
    Ok(shape.iter().product::<usize>() * isz)
}

fn end_of(op: &'static str, offset: u64, nbytes: usize) -> Result<u64> {
    offset
        .checked_add(nbytes as u64)
        .ok_or_else(|| Error::Overflow {
            op,
            what: format!("offset {offset} + {nbytes} bytes of data passes 2^64 bytes"),
        })
}

impl<T: Element> Memmap<T> {
    fn owner(path: &Path, mode: MapMode, file_offset: u64, layout: Layout, map: Map) -> Self {
        let mapping = Arc::new(Mapping {
            path: path.to_path_buf(),
            mode,
            file_offset,
            layout: layout.clone(),
            map: RwLock::new(map),
        });
        Memmap {
            mapping,
            layout,
            writeable: mode.is_writeable(),
            view: false,
            _t: PhantomData,
        }
    }

    /// A view over the same mapping (crate-internal constructor of every
    /// view op).
    pub(super) fn derive(&self, layout: Layout, writeable: bool) -> Self {
        Memmap {
            mapping: self.mapping.clone(),
            layout,
            writeable: self.writeable && writeable,
            view: true,
            _t: PhantomData,
        }
    }

    /// Maps a raw file of elements: NumPy's `np.memmap(path, dtype=T,
    /// mode, offset=offset_bytes, shape, order)`. The array's elements
    /// start at byte `offset_bytes` of the file (any byte, not only a
    /// multiple of the item size) and lie contiguous in `order`.
    ///
    /// [`MapMode::Create`] creates (or truncates) the file with
    /// `offset_bytes + size * itemsize` bytes of zeros. The other modes
    /// never change the file's length: it must hold the array.
    ///
    /// # Errors
    /// `InvalidArgument` when the file is shorter than `offset_bytes` plus
    /// the array's bytes (both numbers named); `TooBig` for a shape NumPy
    /// refuses; `Overflow` when the end passes 2^64 bytes; `Io` when the
    /// file cannot be opened, sized or mapped.
    pub fn open(
        path: impl AsRef<Path>,
        mode: MapMode,
        shape: impl AsRef<[usize]>,
        order: Order,
        offset_bytes: u64,
    ) -> Result<Self> {
        let op = "Memmap::open";
        let path = path.as_ref();
        let shape = shape.as_ref();
        let nbytes = data_bytes::<T>(op, shape)?;
        let layout = Layout::contiguous(shape, order)?;
        let end = end_of(op, offset_bytes, nbytes)?;
        let file = open_file(op, path, mode)?;
        if mode == MapMode::Create {
            file.set_len(end)
                .map_err(|e| io_err(op, path, &format!("setting the length to {end} bytes"), e))?;
        } else {
            let len = file_len(op, path, &file)?;
            if len < end {
                return Err(Error::InvalidArgument {
                    op,
                    reason: format!(
                        "{}: the file holds {len} bytes, the memmap needs {end} (offset {offset_bytes} \
                         + shape {} of {} bytes = {nbytes} bytes); mode '{}' never extends a file",
                        path.display(),
                        format_tuple(shape),
                        T::DTYPE.itemsize(),
                        mode.numpy_mode(),
                    ),
                });
            }
        }
        let map = map_file(op, path, &file, mode, offset_bytes, nbytes)?;
        Ok(Self::owner(path, mode, offset_bytes, layout, map))
    }

    /// Maps the data of a `.npy` file (NumPy's
    /// `np.load(path, mmap_mode=...)`): the dtype, shape and order come
    /// from its header. `mode` is `ReadOnly`, `ReadWrite` or `CopyOnWrite`
    /// (use [`Memmap::create_npy`] to create one).
    ///
    /// # Errors
    /// `DTypeMismatch` when the file holds another dtype than `T`;
    /// `Format` for a malformed header, a big-endian file (its elements
    /// cannot be mapped as the device's little-endian ones: load it with
    /// a reader that swaps bytes instead), or data shorter than the header
    /// says; `InvalidArgument` for [`MapMode::Create`]; `Io`.
    pub fn open_npy(path: impl AsRef<Path>, mode: MapMode) -> Result<Self> {
        let op = "Memmap::open_npy";
        let path = path.as_ref();
        let shown = path.display().to_string();
        if mode == MapMode::Create {
            return Err(Error::InvalidArgument {
                op,
                reason: "mode 'w+' needs a shape and dtype: use Memmap::create_npy".into(),
            });
        }
        let file = open_file(op, path, mode)?;
        let len = file_len(op, path, &file)?;
        let header = read_header(op, path, &shown, &file, len)?;
        if header.dtype != T::DTYPE {
            return Err(Error::DTypeMismatch {
                op,
                what: shown,
                requested: T::DTYPE.name(),
                found: header.dtype.name().to_string(),
            });
        }
        if header.big_endian && T::DTYPE.itemsize() > 1 {
            return Err(Error::Format {
                op,
                path: shown,
                reason: format!(
                    "the data is big-endian {}: it cannot be mapped as the device's \
                     little-endian elements (load it with a reader that swaps bytes)",
                    T::DTYPE.name()
                ),
            });
        }
        let nbytes = data_bytes::<T>(op, &header.shape)?;
        let end = end_of(op, header.data_offset, nbytes)?;
        if len < end {
            return Err(Error::Format {
                op,
                path: shown,
                reason: format!(
                    "the file holds {len} bytes, the header promises {end} (data at byte {} \
                     + shape {} of {} bytes = {nbytes} bytes)",
                    header.data_offset,
                    format_tuple(&header.shape),
                    T::DTYPE.itemsize(),
                ),
            });
        }
        let order = if header.fortran_order {
            Order::F
        } else {
            Order::C
        };
        let layout = Layout::contiguous(&header.shape, order)?;
        let map = map_file(op, path, &file, mode, header.data_offset, nbytes)?;
        Ok(Self::owner(path, mode, header.data_offset, layout, map))
    }

    /// Creates (or truncates) a `.npy` file of `shape` in `order`, zeros,
    /// and maps its data for reading and writing (NumPy's
    /// `np.lib.format.open_memmap(path, mode='w+', ...)`). The header is
    /// the one NumPy writes, so `np.load` reads the file.
    ///
    /// # Errors
    /// `TooBig` for a shape NumPy refuses; `Io`.
    pub fn create_npy(
        path: impl AsRef<Path>,
        shape: impl AsRef<[usize]>,
        order: Order,
    ) -> Result<Self> {
        let op = "Memmap::create_npy";
        let path = path.as_ref();
        let shape = shape.as_ref();
        let nbytes = data_bytes::<T>(op, shape)?;
        let layout = Layout::contiguous(shape, order)?;
        let header = format_header(T::DTYPE, order == Order::F, shape);
        let at = header.len() as u64;
        let end = end_of(op, at, nbytes)?;
        let mode = MapMode::Create;
        let file = open_file(op, path, mode)?;
        {
            use std::io::Write;
            (&file)
                .write_all(&header)
                .map_err(|e| io_err(op, path, "writing the header", e))?;
        }
        file.set_len(end)
            .map_err(|e| io_err(op, path, &format!("setting the length to {end} bytes"), e))?;
        let map = map_file(op, path, &file, mode, at, nbytes)?;
        Ok(Self::owner(path, mode, at, layout, map))
    }

    /// Writes the mapped pages back to the file and waits until the
    /// operating system has them ([`MapMode::ReadWrite`] and
    /// [`MapMode::Create`]; nothing to do for the other modes, whose
    /// files never change). Dropping the last handle also writes them,
    /// without waiting and without reporting errors.
    ///
    /// # Errors
    /// `Io` when the operating system reports a failure.
    pub fn flush(&self) -> Result<()> {
        let op = "Memmap::flush";
        if !matches!(self.mapping.mode, MapMode::ReadWrite | MapMode::Create) {
            return Ok(());
        }
        match &*self.read_map() {
            Map::Write(m) => m
                .flush()
                .map_err(|e| io_err(op, &self.mapping.path, "flushing the mapping", e)),
            Map::Read(_) => Ok(()),
        }
    }

    // ----- introspection ---------------------------------------------------

    /// Length of each axis.
    pub fn shape(&self) -> &[usize] {
        self.layout.shape()
    }
    /// Strides in elements.
    pub fn strides(&self) -> &[isize] {
        self.layout.strides()
    }
    /// Strides in bytes (NumPy's `strides`).
    pub fn strides_bytes(&self) -> Vec<isize> {
        // An owner's layout is checked for its item size; views keep that.
        self.layout
            .strides()
            .iter()
            .map(|&s| s * T::DTYPE.itemsize() as isize)
            .collect()
    }
    /// Number of axes.
    pub fn ndim(&self) -> usize {
        self.layout.ndim()
    }
    /// Number of elements.
    pub fn size(&self) -> usize {
        self.layout.size()
    }
    /// The element type.
    pub fn dtype(&self) -> DType {
        T::DTYPE
    }
    /// The descriptor over the mapped elements (element 0 is the file's
    /// byte [`Memmap::base_offset_bytes`]).
    pub fn layout(&self) -> &Layout {
        &self.layout
    }
    /// Byte offset in the file of this view's first element (NumPy's
    /// `offset` of a memmap, followed through the view's own offset).
    pub fn offset_bytes(&self) -> u64 {
        self.mapping.file_offset + self.layout.offset() as u64 * T::DTYPE.itemsize() as u64
    }
    /// Byte offset in the file of the mapping's first element (the
    /// `offset_bytes` the file was opened with, or the data offset of a
    /// `.npy` file).
    pub fn base_offset_bytes(&self) -> u64 {
        self.mapping.file_offset
    }
    /// The mode the file was mapped in.
    pub fn mode(&self) -> MapMode {
        self.mapping.mode
    }
    /// Whether writes are allowed: false in [`MapMode::ReadOnly`] and for
    /// broadcast (zero-stride) views, whose elements repeat.
    pub fn is_writeable(&self) -> bool {
        self.writeable
    }
    /// The mapped file.
    pub fn path(&self) -> &Path {
        &self.mapping.path
    }
    /// NumPy's C_CONTIGUOUS flag of this view.
    pub fn is_c_contiguous(&self) -> bool {
        self.layout.is_c_contiguous()
    }
    /// NumPy's F_CONTIGUOUS flag of this view.
    pub fn is_f_contiguous(&self) -> bool {
        self.layout.is_f_contiguous()
    }
    /// Whether this is a view of another memmap (it has a base).
    pub fn is_view(&self) -> bool {
        self.view
    }
    /// The memmap as opened, for a view (a view of a view gives that
    /// one, as NumPy's `base` chain ends at the owner); `None` for it.
    pub fn base(&self) -> Option<Memmap<T>> {
        self.view.then(|| Memmap {
            mapping: self.mapping.clone(),
            layout: self.mapping.layout.clone(),
            writeable: self.mapping.mode.is_writeable(),
            view: false,
            _t: PhantomData,
        })
    }
    /// Whether this is a view whose base is `owner` (the same mapping;
    /// two separate opens of one file are different mappings).
    pub fn is_view_of(&self, owner: &Memmap<T>) -> bool {
        self.view && !owner.view && Arc::ptr_eq(&self.mapping, &owner.mapping)
    }
    /// Whether both share one mapping.
    pub fn same_mapping(&self, other: &Memmap<T>) -> bool {
        Arc::ptr_eq(&self.mapping, &other.mapping)
    }

    // ----- the lock --------------------------------------------------------

    fn read_map(&self) -> RwLockReadGuard<'_, Map> {
        self.mapping.map.read().unwrap_or_else(|e| e.into_inner())
    }

    /// The mapped bytes, for reading (element 0 of the layout at byte 0).
    pub(super) fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        f(self.read_map().bytes())
    }

    /// The mapped bytes, for writing: `ReadOnly` (naming `op`) unless this
    /// view is writeable.
    pub(super) fn with_bytes_mut<R>(
        &self,
        op: &'static str,
        f: impl FnOnce(&mut [u8]) -> Result<R>,
    ) -> Result<R> {
        self.check_writeable(op)?;
        let mut g: RwLockWriteGuard<'_, Map> =
            self.mapping.map.write().unwrap_or_else(|e| e.into_inner());
        match &mut *g {
            Map::Write(m) => f(m),
            Map::Read(_) => Err(Error::ReadOnly { op }),
        }
    }

    pub(super) fn check_writeable(&self, op: &'static str) -> Result<()> {
        if self.writeable {
            Ok(())
        } else {
            Err(Error::ReadOnly { op })
        }
    }
}

/// Reads and parses the header of the `.npy` file `file` of `len` bytes:
/// the fixed prefix first, then exactly the header it announces (never
/// more than NumPy's header size limit allows).
fn read_header(
    op: &'static str,
    path: &Path,
    shown: &str,
    file: &File,
    len: u64,
) -> Result<NpyHeader> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = file;
    f.seek(SeekFrom::Start(0))
        .map_err(|e| io_err(op, path, "seeking to the start", e))?;
    let fixed = (len.min(FIXED_PREFIX_LEN as u64)) as usize;
    let mut prefix = vec![0u8; fixed];
    f.read_exact(&mut prefix)
        .map_err(|e| io_err(op, path, "reading the header", e))?;
    // How many bytes the whole header takes, when the prefix says so
    // (a bad prefix is parse_header's to report).
    if let Some(need) = header_len_needed(&prefix) {
        let need = need.min(len).min(FIXED_PREFIX_LEN as u64 + MAX_HEADER_LEN);
        if need > prefix.len() as u64 {
            let more = (need - prefix.len() as u64) as usize;
            let start = prefix.len();
            prefix.resize(start + more, 0);
            f.read_exact(&mut prefix[start..])
                .map_err(|e| io_err(op, path, "reading the header", e))?;
        }
    }
    parse_header(op, shown, &prefix)
}
