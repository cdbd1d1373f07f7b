//! Shared test helpers: one device per test binary (which also exercises
//! using a `Device` from many threads at once).

#![allow(dead_code)]

pub mod python;

use std::sync::OnceLock;

use ndgpu::Device;

/// The device every GPU test in this binary uses.
pub fn dev() -> Device {
    static DEV: OnceLock<Device> = OnceLock::new();
    DEV.get_or_init(|| {
        Device::new().expect("a GPU adapter (lavapipe: apt-get install mesa-vulkan-drivers)")
    })
    .clone()
}
