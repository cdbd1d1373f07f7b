//! Host bytes in and out, for every dtype: `from_bytes`/`to_bytes` (NumPy's
//! `frombuffer`/`tobytes`), `copy_from_slice`/`copy_from_bytes` into
//! arrays and views of every kind, and the transfer counters that show
//! what moved. Expected bytes are the CPU reference: the source's
//! little-endian bytes picked through the view's layout (what NumPy's
//! `tobytes()` of the same view gives).

mod common;
use common::dev;

use ndgpu::{Array, Element, Error, Order, s};

/// `n` values of `T` from a small integer pattern (exact in every dtype).
fn values<T: Element>(n: usize) -> Vec<T> {
    (0..n)
        .map(|i| {
            T::from_f64(
                ((i * 7 + 3) % 23) as f64
                    - if T::DTYPE.name().starts_with('u') || T::DTYPE.name() == "bool" {
                        0.0
                    } else {
                        11.0
                    },
            )
        })
        .collect()
}

fn le_bytes<T: Element>(v: &[T]) -> Vec<u8> {
    let isz = T::DTYPE.itemsize();
    v.iter()
        .flat_map(|x| x.to_bits().to_le_bytes()[..isz].to_vec())
        .collect()
}

/// The views every byte path is checked on: (name, view of a 4x6 owner).
fn views<T: Element>(a: &Array<T>) -> Vec<(&'static str, Array<T>)> {
    vec![
        ("contiguous", a.clone()),
        ("transposed", a.t()),
        ("offset", a.slice(s![1.., 1..]).unwrap()),
        ("stepped", a.slice(s![.., ..;2]).unwrap()),
        ("negative", a.slice(s![..;-1, ..;-3]).unwrap()),
        (
            "broadcast",
            a.slice(s![1..2, ..]).unwrap().broadcast_to([3, 6]).unwrap(),
        ),
        ("size-1", a.slice(s![2..3, 4..5]).unwrap()),
        ("empty", a.slice(s![2..2, ..]).unwrap()),
        ("0-d", a.slice(s![3, 5]).unwrap()),
    ]
}

fn check_dtype<T: Element>() {
    let dev = dev();
    let data = values::<T>(24);
    let raw = le_bytes(&data);
    let name = T::DTYPE.name();

    // from_bytes in both orders agrees with from_slice / the F layout.
    let a = Array::<T>::from_bytes(&dev, &raw, [4, 6], Order::C).unwrap();
    assert!(a.is_c_contiguous());
    assert_eq!(a.to_bytes().unwrap(), raw, "{name}");
    let f = Array::<T>::from_bytes(&dev, &raw, [4, 6], Order::F).unwrap();
    assert!(f.is_f_contiguous() && !f.is_c_contiguous(), "{name}");
    assert_eq!(f.to_bytes_order(Order::F).unwrap(), raw, "{name}");
    assert_eq!(
        f.to_bytes().unwrap(),
        le_bytes(&f.t().copy().unwrap().t().to_vec().unwrap()),
        "{name}"
    );

    // to_bytes of every view is the reference bytes through its layout.
    for (what, v) in views(&a) {
        let want: Vec<T> = v
            .layout()
            .indices()
            .iter()
            .map(|&i| data[i as usize])
            .collect();
        assert_eq!(v.to_bytes().unwrap(), le_bytes(&want), "{name} {what}");
    }

    // copy_from_slice into every writeable view writes through to the
    // owner exactly where the view lies.
    for (what, _) in views(&a) {
        let owner = Array::<T>::from_slice(&dev, &data, [4, 6]).unwrap();
        let v = views(&owner)
            .into_iter()
            .find(|(w, _)| *w == what)
            .unwrap()
            .1;
        let fresh = values::<T>(v.size() + 5)[5..].to_vec();
        if !v.is_writeable() {
            assert!(
                matches!(v.copy_from_slice(&fresh), Err(Error::ReadOnly { .. })),
                "{name} {what}"
            );
            continue;
        }
        v.copy_from_slice(&fresh).unwrap();
        let mut want = data.clone();
        for (k, &i) in v.layout().indices().iter().enumerate() {
            want[i as usize] = fresh[k];
        }
        assert_eq!(
            le_bytes(&owner.to_vec().unwrap()),
            le_bytes(&want),
            "{name} {what}"
        );
        // and the same through copy_from_bytes
        let owner2 = Array::<T>::from_slice(&dev, &data, [4, 6]).unwrap();
        let v2 = views(&owner2)
            .into_iter()
            .find(|(w, _)| *w == what)
            .unwrap()
            .1;
        v2.copy_from_bytes(&le_bytes(&fresh)).unwrap();
        assert_eq!(
            owner2.to_bytes().unwrap(),
            le_bytes(&want),
            "{name} {what} bytes"
        );
    }
}

macro_rules! dtype_tests {
    ($($name:ident: $t:ty),*) => {$(
        #[test]
        fn $name() {
            check_dtype::<$t>();
        }
    )*};
}

dtype_tests!(
    bool_bytes: bool, i8_bytes: i8, u8_bytes: u8, i16_bytes: i16, u16_bytes: u16,
    f16_bytes: half::f16, i32_bytes: i32, u32_bytes: u32, f32_bytes: f32,
    i64_bytes: i64, u64_bytes: u64, f64_bytes: f64
);

#[test]
fn unaligned_packed_writes_keep_their_neighbours() {
    // u8 views whose bytes start or end inside a 4-byte word go through a
    // temporary and the copy kernel; the bytes around them are unchanged.
    let dev = dev();
    let a = Array::<u8>::from_slice(&dev, &(0..16).collect::<Vec<u8>>(), [16]).unwrap();
    a.slice(s![1..6])
        .unwrap()
        .copy_from_slice(&[91, 92, 93, 94, 95])
        .unwrap();
    a.slice(s![8..12])
        .unwrap()
        .copy_from_slice(&[81, 82, 83, 84])
        .unwrap();
    a.slice(s![14..])
        .unwrap()
        .copy_from_slice(&[71, 72])
        .unwrap();
    assert_eq!(
        a.to_vec().unwrap(),
        vec![0, 91, 92, 93, 94, 95, 6, 7, 81, 82, 83, 84, 12, 13, 71, 72]
    );
}

#[test]
fn writes_are_ordered_after_recorded_work() {
    // A kernel recorded before the write reads the old values; one after
    // reads the new ones.
    let dev = dev();
    let a = Array::<f32>::from_slice(&dev, &[1.0, 2.0, 3.0, 4.0], [4]).unwrap();
    let before = (&a * 10.0f32).unwrap();
    a.copy_from_slice(&[5.0, 6.0, 7.0, 8.0]).unwrap();
    let after = (&a * 10.0f32).unwrap();
    assert_eq!(before.to_vec().unwrap(), vec![10.0, 20.0, 30.0, 40.0]);
    assert_eq!(after.to_vec().unwrap(), vec![50.0, 60.0, 70.0, 80.0]);
}

#[test]
fn errors_name_the_call_and_the_numbers() {
    let dev = dev();
    let e = Array::<f32>::from_bytes(&dev, &[0u8; 10], [3], Order::C).unwrap_err();
    assert_eq!(
        e.to_string(),
        "from_bytes: invalid argument: 10 bytes given for shape (3,) of 3 elements of 4 bytes (12 bytes)"
    );
    let e = Array::<bool>::from_bytes(&dev, &[0, 1, 2], [3], Order::C).unwrap_err();
    assert_eq!(
        e.to_string(),
        "from_bytes: invalid argument: byte 2 is 2, not a bool (a bool is the byte 0 or 1)"
    );
    let a = Array::<i32>::zeros(&dev, [2, 3]).unwrap();
    let e = a.copy_from_slice(&[1, 2, 3]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "copy_from_slice: 3 elements given for shape (2, 3) of 6 elements"
    );
    let e = a.copy_from_bytes(&[0u8; 7]).unwrap_err();
    assert!(
        matches!(
            e,
            Error::InvalidArgument {
                op: "copy_from_bytes",
                ..
            }
        ),
        "{e}"
    );
    let e = a
        .broadcast_to([4, 2, 3])
        .unwrap()
        .copy_from_slice(&[0; 24])
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::ReadOnly {
                op: "copy_from_slice"
            }
        ),
        "{e}"
    );
    // Nothing was written by the refused calls.
    assert_eq!(a.to_vec().unwrap(), vec![0; 6]);
}

#[test]
fn transfer_stats_count_what_moved() {
    // A device of its own: the other tests of this binary run at the same
    // time on the shared one.
    let dev = ndgpu::Device::new().unwrap();
    let t0 = dev.transfer_stats();
    let a = Array::<f64>::from_slice(&dev, &[1.0; 1000], [1000]).unwrap();
    let t1 = dev.transfer_stats();
    assert_eq!(t1.uploaded_bytes - t0.uploaded_bytes, 8000);
    assert_eq!(t1.uploads - t0.uploads, 1);
    // A stepped view reads back only its elements.
    let b = a.slice(s![..;10]).unwrap().to_bytes().unwrap();
    let t2 = dev.transfer_stats();
    assert_eq!(b.len(), 800);
    assert_eq!(t2.downloaded_bytes - t1.downloaded_bytes, 800);
    // Views and kernels move nothing across.
    let _v = a.slice(s![5..]).unwrap().t();
    let _c = (&a + 1.0f64).unwrap();
    let t3 = dev.transfer_stats();
    assert_eq!(t3.uploaded_bytes, t2.uploaded_bytes);
    assert_eq!(t3.downloaded_bytes, t2.downloaded_bytes);
}
