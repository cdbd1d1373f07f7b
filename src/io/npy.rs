//! `.npy` files (NumPy's `np.save`/`np.load`) straight to and from device
//! arrays. Loading reads the header, checks that the file holds the data
//! the header claims before anything is allocated, then streams the data in
//! 2 MiB chunks into wgpu's staging memory (`Device::upload_with`): no
//! whole-file host buffer, no per-element conversion. Big-endian data is
//! byte-swapped in the chunk (a `u64` buffer, so the casts to `u16`/`u32`/
//! `u64` are aligned; the chunk is a multiple of 8 bytes, so no element
//! straddles two chunks). A Fortran-order file becomes an F-contiguous
//! array, no transpose. Saving writes NumPy's header, then the data straight
//! from the mapped read-back buffer into the file.

use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;

use super::npy_header::{
    FIXED_PREFIX_LEN, MAX_HEADER_LEN, NpyHeader, format_header, header_len_needed, parse_header,
};
use crate::array::Array;
use crate::dtype::{DType, Element};
use crate::error::{Error, Result};
use crate::layout::bounds::check_shape;
use crate::layout::{Layout, Order};
use crate::runtime::Device;

/// Bytes read from a file per piece of an upload.
const CHUNK: usize = 2 << 20;

/// The path as text, for errors.
pub(crate) fn path_text(path: &Path) -> String {
    path.display().to_string()
}

/// An `Error::Io` for `op` on `path`, saying what was being done; an
/// error of the data itself (`InvalidData`: a corrupt compressed stream, a
/// wrong checksum) is `Error::Format`.
pub(crate) fn io_error(op: &'static str, path: &str, doing: &str, e: std::io::Error) -> Error {
    let path = path.to_string();
    let reason = format!("{doing}: {e}");
    if e.kind() == std::io::ErrorKind::InvalidData {
        Error::Format { op, path, reason }
    } else {
        Error::Io { op, path, reason }
    }
}

/// Reads as many bytes as `buf` holds, stopping early only at the end of
/// the input; returns how many were read.
fn read_full(src: &mut (impl Read + ?Sized), buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match src.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Reads and parses the header at the start of `src`, consuming exactly
/// the header's bytes when it is valid (so the data follows). At most
/// `FIXED_PREFIX_LEN + MAX_HEADER_LEN` bytes are read, whatever the
/// header claims.
pub(crate) fn read_header(
    op: &'static str,
    path: &str,
    src: &mut (impl Read + ?Sized),
) -> Result<NpyHeader> {
    let mut prefix = vec![0u8; FIXED_PREFIX_LEN];
    let got =
        read_full(src, &mut prefix).map_err(|e| io_error(op, path, "reading the header", e))?;
    prefix.truncate(got);
    if let Some(need) = header_len_needed(&prefix) {
        // Larger claims are refused by parse_header from the fixed part.
        let need = need.min(FIXED_PREFIX_LEN as u64 + MAX_HEADER_LEN) as usize;
        if need > prefix.len() {
            let at = prefix.len();
            prefix.resize(need, 0);
            let got = read_full(src, &mut prefix[at..])
                .map_err(|e| io_error(op, path, "reading the header", e))?;
            prefix.truncate(at + got);
        }
    }
    parse_header(op, path, &prefix)
}

/// `DTypeMismatch` unless the header's dtype is `T`'s.
pub(crate) fn check_dtype<T: Element>(op: &'static str, what: &str, h: &NpyHeader) -> Result<()> {
    if h.dtype == T::DTYPE {
        return Ok(());
    }
    Err(Error::DTypeMismatch {
        op,
        what: what.to_string(),
        requested: T::DTYPE.name(),
        found: h.dtype.name().to_string(),
    })
}

/// The `Format` error of data shorter than the header says.
pub(crate) fn short_data(op: &'static str, path: &str, h: &NpyHeader, holds: u64) -> Error {
    Error::Format {
        op,
        path: path.to_string(),
        reason: format!(
            "the header says {} bytes of data (shape {} of {}), the file holds {holds}",
            h.data_len,
            crate::error::format_tuple(&h.shape),
            h.dtype.name()
        ),
    }
}

/// Makes an array of `T` from the header `h` and the data that follows in
/// `src` (exactly `h.data_len` bytes are read; more may follow, unread).
/// The caller has checked, where it can, that `src` holds the data; data
/// that still ends early is a `Format` error and the buffer is dropped.
pub(crate) fn upload_data<T: Element>(
    device: &Device,
    op: &'static str,
    path: &str,
    h: &NpyHeader,
    src: &mut (impl Read + ?Sized),
) -> Result<Array<T>> {
    check_dtype::<T>(op, path, h)?;
    let isz = T::DTYPE.itemsize();
    check_shape(op, &h.shape, isz)?;
    let order = if h.fortran_order { Order::F } else { Order::C };
    let layout = Layout::contiguous(&h.shape, order)?;
    let total = h.data_len;
    let storage = device.upload_with(op, total, |w| {
        // At most CHUNK bytes (a multiple of 8), in u64 words so the
        // byte-swapping casts are aligned.
        let chunk = total.min(CHUNK as u64) as usize;
        let mut words: Vec<u64> = Vec::new();
        words
            .try_reserve_exact(chunk.div_ceil(8))
            .map_err(|_| Error::HostOutOfMemory {
                op,
                bytes: chunk as u64,
            })?;
        words.resize(chunk.div_ceil(8), 0);
        let mut done = 0u64;
        while done < total {
            let want = (total - done).min(chunk as u64) as usize;
            let buf = &mut bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..want];
            let got = read_full(src, buf).map_err(|e| io_error(op, path, "reading the data", e))?;
            if got < want {
                return Err(short_data(op, path, h, done + got as u64));
            }
            if h.big_endian {
                swap_bytes(&mut words, want, isz);
            }
            let buf = &bytemuck::cast_slice::<u64, u8>(&words)[..want];
            if T::DTYPE == DType::Bool
                && let Some(i) = buf.iter().position(|&b| b > 1)
            {
                return Err(Error::Format {
                    op,
                    path: path.to_string(),
                    reason: format!(
                        "bool element {} is the byte {}, not 0 or 1",
                        done + i as u64,
                        buf[i]
                    ),
                });
            }
            w.write(op, buf)?;
            done += want as u64;
        }
        Ok(())
    })?;
    Ok(Array::owner(storage, layout))
}

/// Reverses the bytes of each `isz`-byte element in the first `len` bytes
/// of `words` (`len` is a multiple of `isz`).
fn swap_bytes(words: &mut [u64], len: usize, isz: usize) {
    match isz {
        2 => bytemuck::cast_slice_mut::<u64, u16>(words)[..len / 2]
            .iter_mut()
            .for_each(|x| *x = x.swap_bytes()),
        4 => bytemuck::cast_slice_mut::<u64, u32>(words)[..len / 4]
            .iter_mut()
            .for_each(|x| *x = x.swap_bytes()),
        8 => words[..len / 8]
            .iter_mut()
            .for_each(|x| *x = x.swap_bytes()),
        _ => {}
    }
}

/// Loads a `.npy` file into a new device array (`np.load`). The data moves
/// from the file into wgpu's staging memory in 2 MiB pieces; big-endian
/// files are byte-swapped on the way, and a Fortran-order file gives an
/// F-contiguous array (no transpose). Bytes after the data are ignored, as
/// NumPy ignores them.
///
/// # Errors
/// `Io` when the file cannot be opened or read; `Format` for a malformed
/// file (bad magic, an unsupported version, a truncated or malformed header,
/// an unsupported dtype such as complex or strings, a shape whose size
/// overflows, data shorter than the header says (checked before anything is
/// allocated), `bool` bytes other than 0 and 1); `DTypeMismatch` when the
/// file's dtype is not `T` (use [`read_npy_header`] to dispatch); the
/// device's allocation errors.
///
/// ```
/// # let dev = ndgpu::Device::new().unwrap();
/// use ndgpu::{Array, io};
/// let path = std::env::temp_dir().join(format!("ndgpu_doc_npy_{}.npy", std::process::id()));
/// let a = Array::<f32>::arange(&dev, 0.0, 6.0, 1.0).unwrap().reshape(&[2, 3]).unwrap();
/// io::save_npy(&path, &a.t()).unwrap();
/// let b = io::load_npy::<f32>(&dev, &path).unwrap();
/// assert!(b.is_f_contiguous() && !b.is_c_contiguous());
/// assert_eq!(b.to_vec().unwrap(), a.t().to_vec().unwrap());
/// # std::fs::remove_file(&path).unwrap();
/// ```
pub fn load_npy<T: Element>(device: &Device, path: impl AsRef<Path>) -> Result<Array<T>> {
    let op = "load_npy";
    let p = path_text(path.as_ref());
    let mut file = File::open(path.as_ref()).map_err(|e| io_error(op, &p, "opening", e))?;
    let file_len = file
        .metadata()
        .map_err(|e| io_error(op, &p, "reading the file's length", e))?
        .len();
    let h = read_header(op, &p, &mut file)?;
    check_dtype::<T>(op, &p, &h)?;
    let holds = file_len.saturating_sub(h.data_offset);
    if holds < h.data_len {
        return Err(short_data(op, &p, &h, holds));
    }
    upload_data(device, op, &p, &h, &mut file)
}

/// The header of a `.npy` file (its dtype, byte order, memory order and
/// shape), reading only the header: to choose the `T` of [`load_npy`].
///
/// # Errors
/// `Io` when the file cannot be read; `Format` for a malformed header.
pub fn read_npy_header(path: impl AsRef<Path>) -> Result<NpyHeader> {
    let op = "read_npy_header";
    let p = path_text(path.as_ref());
    let mut file = File::open(path.as_ref()).map_err(|e| io_error(op, &p, "opening", e))?;
    read_header(op, &p, &mut file)
}

/// Loads a `.npy` file held in memory (the bytes of a fetched file in a
/// browser, an archive member): [`load_npy`] without the file.
///
/// # Errors
/// As [`load_npy`] (`Format` errors name the path `"<bytes>"`).
pub fn load_npy_bytes<T: Element>(device: &Device, bytes: &[u8]) -> Result<Array<T>> {
    let op = "load_npy_bytes";
    let path = "<bytes>";
    let h = parse_header(op, path, bytes)?;
    check_dtype::<T>(op, path, &h)?;
    // data_offset <= bytes.len() once the header parsed.
    let holds = bytes.len() as u64 - h.data_offset;
    if holds < h.data_len {
        return Err(short_data(op, path, &h, holds));
    }
    let mut data = &bytes[h.data_offset as usize..];
    upload_data(device, op, path, &h, &mut data)
}

/// Reads `array` back and hands NumPy's header for it and its data to
/// `take`: an F-contiguous array that is not C-contiguous is written in
/// Fortran order from its own memory order, anything else in C order (as
/// `np.save` does).
pub(crate) async fn with_npy_parts<T: Element, R>(
    op: &'static str,
    array: &Array<T>,
    take: impl FnOnce(&[u8], &[u8]) -> Result<R>,
) -> Result<R> {
    let fortran = array.is_f_contiguous() && !array.is_c_contiguous();
    let header = format_header(T::DTYPE, fortran, array.shape());
    // The transpose of an F-contiguous array is C-contiguous: read in place.
    let src = if fortran { array.t() } else { array.clone() };
    src.read_c_order(op, |data| take(&header, data)).await
}

/// Saves `array` as a `.npy` file (`np.save`; blocking, a thin wrapper
/// over [`save_npy_async`]). The file is written in NumPy's format (version
/// 1.0, little-endian): Fortran order for an F-contiguous array that is not
/// C-contiguous, C order otherwise (any view: transposed, stepped, reversed).
///
/// # Errors
/// `Io` naming the path when the file cannot be created or written; the
/// read-back's errors.
pub fn save_npy<T: Element>(path: impl AsRef<Path>, array: &Array<T>) -> Result<()> {
    array
        .device()
        .block_on("save_npy", "save_npy_async", save_npy_async(path, array))
}

/// [`save_npy`] without blocking the thread. The file is created once the
/// data is read back, then written from the mapped read-back buffer.
pub async fn save_npy_async<T: Element>(path: impl AsRef<Path>, array: &Array<T>) -> Result<()> {
    let op = "save_npy";
    let path = path.as_ref();
    let p = path_text(path);
    with_npy_parts(op, array, |header, data| {
        let mut file = File::create(path).map_err(|e| io_error(op, &p, "creating", e))?;
        file.write_all(header)
            .and_then(|_| file.write_all(data))
            .and_then(|_| file.flush())
            .map_err(|e| io_error(op, &p, "writing", e))
    })
    .await
}

/// The bytes of the `.npy` file [`save_npy`] would write (for a browser
/// download, an archive, a socket; blocking, a thin wrapper over
/// [`npy_bytes_async`]).
///
/// # Errors
/// `HostOutOfMemory` when the host cannot hold the bytes; the read-back's
/// errors.
pub fn npy_bytes<T: Element>(array: &Array<T>) -> Result<Vec<u8>> {
    array
        .device()
        .block_on("npy_bytes", "npy_bytes_async", npy_bytes_async(array))
}

/// [`npy_bytes`] without blocking the thread.
pub async fn npy_bytes_async<T: Element>(array: &Array<T>) -> Result<Vec<u8>> {
    let op = "npy_bytes";
    with_npy_parts(op, array, |header, data| {
        let n = header.len() + data.len();
        let mut v = Vec::new();
        v.try_reserve_exact(n).map_err(|_| Error::HostOutOfMemory {
            op,
            bytes: n as u64,
        })?;
        v.extend_from_slice(header);
        v.extend_from_slice(data);
        Ok(v)
    })
    .await
}
