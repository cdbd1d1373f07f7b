//! Fusion of element-wise chains: a fused chain gives exactly the values
//! of the same operations run one by one (on a device with fusion off),
//! whatever the layouts, in-place forms, views and overlaps; and it
//! launches fewer kernels.

mod common;

use ndgpu::{Array, Device, DeviceOptions, Order, s};

fn pair() -> (Device, Device) {
    let fused = Device::new().unwrap();
    let eager = Device::with_options(DeviceOptions {
        disable_fusion: true,
        ..Default::default()
    })
    .unwrap();
    assert!(fused.fusion_enabled());
    assert!(!eager.fusion_enabled());
    (fused, eager)
}

#[test]
fn smoke_chain() {
    let (f, e) = pair();
    let run = |d: &Device| {
        let x0 =
            Array::<f32>::from_slice(d, &(0..1024).map(|i| i as f32).collect::<Vec<_>>(), &[1024])
                .unwrap();
        let mut x = x0.clone();
        let t = std::time::Instant::now();
        for k in 0..1000 {
            x = if k % 2 == 0 {
                (&x * 1.0001f32).unwrap()
            } else {
                (&x + 0.5f32).unwrap()
            };
        }
        let v = x.to_vec().unwrap();
        eprintln!("{:?}", t.elapsed());
        let t = std::time::Instant::now();
        let mut x = x0.clone();
        for k in 0..1000 {
            x = if k % 2 == 0 {
                (&x * 1.0001f32).unwrap()
            } else {
                (&x + 0.5f32).unwrap()
            };
        }
        let v2 = x.to_vec().unwrap();
        eprintln!("{:?}", t.elapsed());
        assert_eq!(v, v2);
        v
    };
    let a = run(&f);
    let b = run(&e);
    assert_eq!(a, b);
}
