//! Read-back: a staging buffer mapped for reading, its bytes handed
//! straight to the caller's constructor.

use super::device::Device;
use crate::error::{Error, Result};

impl Device {
    /// Copies `size` bytes from `src` at byte `offset` into a staging
    /// buffer, waits for the device, and hands the mapped bytes to `take`,
    /// which builds the caller's result straight from them (no
    /// intermediate copy on the host).
    pub(crate) fn read_with<R>(
        &self,
        op: &'static str,
        src: &wgpu::Buffer,
        offset: u64,
        size: u64,
        take: impl FnOnce(&[u8]) -> Result<R>,
    ) -> Result<R> {
        if size == 0 {
            self.check_lost()?;
            return take(&[]);
        }
        // Copies move whole words: widen the range to word boundaries (array
        // buffers are whole words long) and cut the answer back out.
        let (want_offset, want_size) = (offset, size);
        let offset = want_offset / 4 * 4;
        let size = (want_offset + want_size).div_ceil(4) * 4 - offset;
        let skip = (want_offset - offset) as usize;
        let staging = self.scoped(op, size, || {
            self.inner.device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("ndgpu read-back"),
                size,
                usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            })
        })?;
        self.record(op, 1, |enc| {
            enc.copy_buffer_to_buffer(src, offset, &staging, 0, size)
        })?;
        self.flush()?;

        let (tx, rx) = std::sync::mpsc::channel();
        self.scoped(op, 0, || {
            staging.map_async(wgpu::MapMode::Read, .., move |r| {
                let _ = tx.send(r);
            });
        })?;
        self.inner
            .device
            .poll(wgpu::PollType::wait_indefinitely())
            .map_err(|e| {
                self.lost_or(Error::Map {
                    op,
                    reason: e.to_string(),
                })
            })?;
        match rx.recv() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                return Err(self.lost_or(Error::Map {
                    op,
                    reason: e.to_string(),
                }));
            }
            Err(_) => {
                return Err(self.lost_or(Error::Map {
                    op,
                    reason: "the map callback never ran".into(),
                }));
            }
        }
        let r = {
            let view = staging.get_mapped_range(..).map_err(|e| {
                self.lost_or(Error::Map {
                    op,
                    reason: e.to_string(),
                })
            })?;
            take(&view[skip..skip + want_size as usize])
        };
        staging.unmap();
        r
    }
}
