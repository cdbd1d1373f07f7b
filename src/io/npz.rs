//! `.npz` archives (NumPy's `np.savez`/`np.savez_compressed`/`np.load`): a
//! zip file of `.npy` entries, stored or deflated. [`Npz`] reads one entry
//! at a time, streaming its data (decompressed on the fly) into wgpu's
//! staging memory like a `.npy` file; [`NpzWriter`] writes each array from
//! its mapped read-back buffer into the archive.
//!
//! The zip's sizes are claims too: before an entry is uploaded, its
//! compressed size must fit in the archive, its size must be one that its
//! compressed bytes can produce (equal for a stored entry; at most deflate's
//! 1032:1 ratio for a deflated one), and it must hold the data its `.npy`
//! header says; data that still ends early is an error and the buffer is
//! dropped. Host memory stays at one 2 MiB chunk whatever an entry claims.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Cursor, Read, Seek, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::npy::{
    check_dtype, io_error, path_text, read_header, short_data, upload_data, with_npy_parts,
};
use super::npy_header::NpyHeader;
use crate::array::Array;
use crate::dtype::Element;
use crate::error::{Error, Result};
use crate::runtime::Device;

/// Deflate's largest compression ratio (a stream of one repeated byte):
/// a deflated entry cannot honestly claim more than this many bytes per
/// compressed byte.
const DEFLATE_MAX_RATIO: u64 = 1032;

/// Anything an archive can be read from.
trait ReadSeek: Read + Seek + Send + Sync {}
impl<R: Read + Seek + Send + Sync> ReadSeek for R {}

/// How [`NpzWriter`] stores its entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NpzCompression {
    /// Uncompressed entries (`np.savez`).
    Stored,
    /// Deflated entries (`np.savez_compressed`).
    Deflated,
}

/// An open `.npz` archive (`np.load` of an `.npz`): names, headers, and one
/// array at a time loaded into device memory.
///
/// ```
/// # let dev = ndgpu::Device::new().unwrap();
/// use ndgpu::{Array, io::{self, Npz}};
/// let path = std::env::temp_dir().join(format!("ndgpu_doc_npz_{}.npz", std::process::id()));
/// let a = Array::<f32>::arange(&dev, 0.0, 6.0, 1.0).unwrap();
/// let b = Array::<f32>::zeros(&dev, [2, 2]).unwrap();
/// io::save_npz_compressed(&path, &[("a", &a), ("b", &b)]).unwrap();
/// let mut z = Npz::open(&path).unwrap();
/// assert_eq!(z.names(), vec!["a", "b"]);
/// assert_eq!(z.header("b").unwrap().shape, vec![2, 2]);
/// assert_eq!(z.load::<f32>(&dev, "a").unwrap().to_vec().unwrap(), a.to_vec().unwrap());
/// # std::fs::remove_file(&path).unwrap();
/// ```
pub struct Npz {
    archive: ZipArchive<Box<dyn ReadSeek>>,
    /// The archive's path, for errors (`"<bytes>"` for one in memory).
    path: String,
    /// Bytes of the archive.
    len: u64,
    /// The entries' names, in archive order.
    entries: Vec<String>,
}

impl std::fmt::Debug for Npz {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Npz")
            .field("path", &self.path)
            .field("entries", &self.entries)
            .finish()
    }
}

fn zip_error(op: &'static str, path: &str, e: zip::result::ZipError) -> Error {
    match e {
        zip::result::ZipError::Io(e) => io_error(op, path, "reading the archive", e),
        e => Error::Format {
            op,
            path: path.to_string(),
            reason: format!("not a valid .npz (zip) archive: {e}"),
        },
    }
}

impl Npz {
    /// Opens an `.npz` file, reading its directory (not its entries).
    ///
    /// # Errors
    /// `Io` when the file cannot be opened or read; `Format` when it is not
    /// a zip archive, or an entry's name is not UTF-8.
    pub fn open(path: impl AsRef<Path>) -> Result<Npz> {
        let op = "Npz::open";
        let p = path_text(path.as_ref());
        let file = File::open(path.as_ref()).map_err(|e| io_error(op, &p, "opening", e))?;
        let len = file
            .metadata()
            .map_err(|e| io_error(op, &p, "reading the file's length", e))?
            .len();
        Self::new(op, p, len, Box::new(std::io::BufReader::new(file)))
    }

    /// An `.npz` archive held in memory (a fetched file in a browser).
    ///
    /// # Errors
    /// As [`Npz::open`] (errors name the path `"<bytes>"`).
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Npz> {
        let len = bytes.len() as u64;
        Self::new(
            "Npz::from_bytes",
            "<bytes>".into(),
            len,
            Box::new(Cursor::new(bytes)),
        )
    }

    fn new(op: &'static str, path: String, len: u64, src: Box<dyn ReadSeek>) -> Result<Npz> {
        let archive = ZipArchive::new(src).map_err(|e| zip_error(op, &path, e))?;
        let entries = archive
            .file_names()
            .map(|n| n.map(|n| n.into_owned()))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| zip_error(op, &path, e))?;
        Ok(Npz {
            archive,
            path,
            len,
            entries,
        })
    }

    /// The arrays' names, in archive order: the entries' names without
    /// their `.npy` suffix (NumPy's `NpzFile.files`).
    pub fn names(&self) -> Vec<String> {
        self.entries
            .iter()
            .map(|n| n.strip_suffix(".npy").unwrap_or(n).to_string())
            .collect()
    }

    /// The index of the entry for `name`: the entry of that exact name,
    /// else `name.npy` (NumPy's lookup).
    fn index(&self, op: &'static str, name: &str) -> Result<usize> {
        let with = format!("{name}.npy");
        self.entries
            .iter()
            .position(|e| e == name)
            .or_else(|| self.entries.iter().position(|e| *e == with))
            .ok_or_else(|| Error::InvalidArgument {
                op,
                reason: format!(
                    "{} has no array named '{name}' (it has {:?})",
                    self.path,
                    self.names()
                ),
            })
    }

    /// The header of the array `name` (its dtype, order and shape), reading
    /// only the header: to choose the `T` of [`Npz::load`].
    ///
    /// # Errors
    /// `InvalidArgument` when there is no such array; `Format` when the
    /// entry is not a `.npy` file or its sizes lie; `Io`.
    pub fn header(&mut self, name: &str) -> Result<NpyHeader> {
        self.entry("Npz::header", name, |_, _, h, _, _| Ok(h.clone()))
    }

    /// Loads the array `name` into a new device array, decompressing its
    /// entry on the fly in 2 MiB pieces straight into wgpu's staging memory
    /// (big-endian data swapped, Fortran order kept, as [`load_npy`](crate::io::load_npy)).
    ///
    /// # Errors
    /// `InvalidArgument` when there is no such array; `DTypeMismatch` when
    /// its dtype is not `T`; `Format` when the entry is not a valid `.npy`
    /// file, its zip sizes or its header lie (checked before allocating),
    /// or its compressed data is corrupt; `Io`; the device's allocation
    /// errors.
    pub fn load<T: Element>(&mut self, device: &Device, name: &str) -> Result<Array<T>> {
        self.entry("Npz::load", name, |op, what, h, holds, src| {
            check_dtype::<T>(op, what, h)?;
            if holds < h.data_len {
                return Err(short_data(op, what, h, holds));
            }
            let a = upload_data::<T>(device, op, what, h, src)?;
            // Read on to the end of the entry (a few bytes at most for an
            // entry NumPy wrote) so that the zip reader checks its CRC-32.
            let mut rest = [0u8; 4096];
            for _ in 0..16 {
                match src.read(&mut rest) {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(io_error(op, what, "reading the entry", e)),
                }
            }
            Ok(a)
        })
    }

    /// Opens the entry for `name`, checks its zip sizes, reads its `.npy`
    /// header and hands `f` the op, the entry's description for errors, the
    /// header, the bytes of data the entry holds after the header, and the
    /// entry's reader positioned at the data.
    fn entry<R>(
        &mut self,
        op: &'static str,
        name: &str,
        f: impl FnOnce(&'static str, &str, &NpyHeader, u64, &mut dyn Read) -> Result<R>,
    ) -> Result<R> {
        let i = self.index(op, name)?;
        let what = format!("{}: entry '{}'", self.path, self.entries[i]);
        let mut file = self
            .archive
            .by_index(i)
            .map_err(|e| zip_error(op, &what, e))?;
        let fail = |reason: String| Error::Format {
            op,
            path: what.clone(),
            reason,
        };
        if file.is_dir() {
            return Err(fail("is a directory, not a .npy file".into()));
        }
        let (size, csize) = (file.size(), file.compressed_size());
        if csize > self.len {
            return Err(fail(format!(
                "the zip directory claims {csize} compressed bytes, the archive holds {}",
                self.len
            )));
        }
        let method = file.compression();
        if method == CompressionMethod::Stored {
            if size != csize {
                return Err(fail(format!(
                    "a stored entry claims {size} bytes in {csize} stored bytes"
                )));
            }
        } else if method == CompressionMethod::Deflated {
            let most = csize.saturating_mul(DEFLATE_MAX_RATIO).saturating_add(1024);
            if size > most {
                return Err(fail(format!(
                    "a deflated entry claims {size} bytes from {csize} compressed bytes (deflate yields at most {DEFLATE_MAX_RATIO} per byte)"
                )));
            }
        } else {
            return Err(fail(format!(
                "compression method {method:?} is not one NumPy writes (stored or deflated)"
            )));
        }
        let h = read_header(op, &what, &mut file)?;
        let holds = size.saturating_sub(h.data_offset);
        f(op, &what, &h, holds, &mut file)
    }
}

/// A writer of `.npz` archives (`np.savez`, `np.savez_compressed`): each
/// [`add`](NpzWriter::add) writes one array as the entry `name.npy`, its
/// data straight from the mapped read-back buffer; [`finish`](NpzWriter::finish)
/// writes the zip directory.
pub struct NpzWriter {
    zip: ZipWriter<BufWriter<File>>,
    path: String,
    compression: NpzCompression,
    names: HashSet<String>,
}

impl std::fmt::Debug for NpzWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NpzWriter")
            .field("path", &self.path)
            .field("compression", &self.compression)
            .field("names", &self.names)
            .finish()
    }
}

impl NpzWriter {
    /// Creates (or truncates) the archive at `path`.
    ///
    /// # Errors
    /// `Io` naming the path when it cannot be created.
    pub fn create(path: impl AsRef<Path>, compression: NpzCompression) -> Result<NpzWriter> {
        let op = "NpzWriter::create";
        let p = path_text(path.as_ref());
        let file = File::create(path.as_ref()).map_err(|e| io_error(op, &p, "creating", e))?;
        Ok(NpzWriter {
            zip: ZipWriter::new(BufWriter::new(file)),
            path: p,
            compression,
            names: HashSet::new(),
        })
    }

    /// Adds `array` as the entry `name.npy` (blocking, a thin wrapper over
    /// [`NpzWriter::add_async`]). The `.npy` bytes are those
    /// [`save_npy`](crate::io::save_npy) writes.
    ///
    /// # Errors
    /// `InvalidArgument` for a name already added; `Io` when writing fails
    /// (the archive is then incomplete: drop the writer); the read-back's
    /// errors.
    pub fn add<T: Element>(&mut self, name: &str, array: &Array<T>) -> Result<()> {
        let device = array.device().clone();
        device.block_on(
            "NpzWriter::add",
            "NpzWriter::add_async",
            self.add_async(name, array),
        )
    }

    /// [`NpzWriter::add`] without blocking the thread.
    pub async fn add_async<T: Element>(&mut self, name: &str, array: &Array<T>) -> Result<()> {
        let op = "NpzWriter::add";
        if self.names.contains(name) {
            return Err(Error::InvalidArgument {
                op,
                reason: format!("{}: the name '{name}' is already in the archive", self.path),
            });
        }
        let method = match self.compression {
            NpzCompression::Stored => CompressionMethod::Stored,
            NpzCompression::Deflated => CompressionMethod::Deflated,
        };
        let (zip, path) = (&mut self.zip, &self.path);
        with_npy_parts(op, array, |header, data| {
            let total = (header.len() + data.len()) as u64;
            let options = SimpleFileOptions::default()
                .compression_method(method)
                .large_file(total >= u32::MAX as u64);
            zip.start_file(format!("{name}.npy"), options)
                .map_err(|e| zip_error(op, path, e))?;
            zip.write_all(header)
                .and_then(|_| zip.write_all(data))
                .map_err(|e| io_error(op, path, "writing", e))
        })
        .await?;
        self.names.insert(name.to_string());
        Ok(())
    }

    /// Writes the zip directory and closes the file.
    ///
    /// # Errors
    /// `Io` naming the path when writing fails.
    pub fn finish(self) -> Result<()> {
        let op = "NpzWriter::finish";
        let path = self.path;
        let mut w = self.zip.finish().map_err(|e| zip_error(op, &path, e))?;
        w.flush().map_err(|e| io_error(op, &path, "writing", e))
    }
}

fn save_all<T: Element>(
    path: &Path,
    arrays: &[(&str, &Array<T>)],
    compression: NpzCompression,
) -> Result<()> {
    let mut w = NpzWriter::create(path, compression)?;
    for (name, a) in arrays {
        w.add(name, a)?;
    }
    w.finish()
}

/// Saves named arrays as an uncompressed `.npz` archive (`np.savez(path,
/// name=array, ...)`). For arrays of several dtypes use [`NpzWriter`].
///
/// # Errors
/// As [`NpzWriter::add`] and [`NpzWriter::finish`].
pub fn save_npz<T: Element>(path: impl AsRef<Path>, arrays: &[(&str, &Array<T>)]) -> Result<()> {
    save_all(path.as_ref(), arrays, NpzCompression::Stored)
}

/// Saves named arrays as a deflated `.npz` archive
/// (`np.savez_compressed`). For arrays of several dtypes use [`NpzWriter`].
///
/// # Errors
/// As [`NpzWriter::add`] and [`NpzWriter::finish`].
pub fn save_npz_compressed<T: Element>(
    path: impl AsRef<Path>,
    arrays: &[(&str, &Array<T>)],
) -> Result<()> {
    save_all(path.as_ref(), arrays, NpzCompression::Deflated)
}
