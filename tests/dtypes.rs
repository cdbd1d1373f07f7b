//! Every dtype (bool, i8, u8, i16, u16, f16, i32, u32, f32, i64, u64, f64)
//! through upload, read-back, copies, fills and assignment on every layout.
//! 1- and 2-byte types are packed in 32-bit words on the device; writes
//! into strided views of them must not race between invocations sharing a
//! word. Expected values come from a CPU reference (`Layout::indices`).

mod common;

use common::dev;
use half::f16;
use ndgpu::{Array, Element, Order, s};

/// `n` distinct, non-trivial values of `T` (bit patterns from a counter).
fn values<T: Element>(n: usize) -> Vec<T> {
    (0..n)
        .map(|i| {
            let v = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 8;
            let x = T::from_bits(v);
            // keep floats finite and comparable with ==
            if x.to_f64().is_finite() {
                x
            } else {
                T::from_i128_wrapping(i as i128)
            }
        })
        .collect()
}

fn bits<T: Element>(v: &[T]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

fn gather<T: Element>(host: &[T], view: &Array<T>) -> Vec<u64> {
    view.layout()
        .indices()
        .iter()
        .map(|&i| host[i as usize].to_bits())
        .collect()
}

fn roundtrip_and_layouts<T: Element>() {
    let d = dev();
    let host: Vec<T> = values(7 * 9);
    let a = Array::from_slice(&d, &host, &[7, 9]).unwrap();
    assert_eq!(bits(&a.to_vec().unwrap()), bits(&host), "{}", T::DTYPE);
    let views = [
        a.clone(),
        a.t(),
        a.slice(&s![1..6, 2..7]).unwrap(),
        a.slice(&s![..;-2, 7..1;-3]).unwrap(),
        a.slice(&s![3, ..]).unwrap().broadcast_to(&[4, 9]).unwrap(),
        a.slice(&s![5..6, 1..2]).unwrap(),
        a.slice(&s![2..2, ..]).unwrap(),
        a.slice(&s![3..4, ..;2]).unwrap(),
    ];
    for v in &views {
        let want = gather(&host, v);
        assert_eq!(
            bits(&v.to_vec().unwrap()),
            want,
            "{} to_vec {:?}",
            T::DTYPE,
            v.layout()
        );
        assert_eq!(
            bits(&v.copy().unwrap().to_vec().unwrap()),
            want,
            "{} copy {:?}",
            T::DTYPE,
            v.layout()
        );
        let f = v.copy_order(Order::F).unwrap();
        assert_eq!(
            bits(&f.to_vec().unwrap()),
            want,
            "{} F copy {:?}",
            T::DTYPE,
            v.layout()
        );
        if v.size() > 0 {
            let first = v.layout().indices()[0] as usize;
            let idx: Vec<isize> = vec![0; v.ndim()];
            assert_eq!(
                v.get(&idx).unwrap().to_bits(),
                host[first].to_bits(),
                "{} get",
                T::DTYPE
            );
        }
    }
}

fn strided_writes_do_not_race<T: Element>() {
    let d = dev();
    // img[:, ::3] = x and friends on a fresh image: every other element of
    // each word must survive.
    let host: Vec<T> = values(13 * 31);
    let fill_value = values::<T>(200)[199];
    for idx in [
        s![.., ..;3],
        s![1..;2, ..],
        s![..;-1, 1..;2],
        s![.., 5],
        s![..;5, ..;-7],
    ] {
        let img = Array::from_slice(&d, &host, &[13, 31]).unwrap();
        let view = img.slice(&idx).unwrap();
        view.fill(fill_value).unwrap();
        let mut want = bits(&host);
        for i in view.layout().indices() {
            want[i as usize] = fill_value.to_bits();
        }
        assert_eq!(
            bits(&img.to_vec().unwrap()),
            want,
            "{} fill {:?}",
            T::DTYPE,
            view.layout()
        );

        // assign a transposed source into the same strided view
        let img = Array::from_slice(&d, &host, &[13, 31]).unwrap();
        let view = img.slice(&idx).unwrap();
        let src_host: Vec<T> = values(view.size() + 3)[3..].to_vec();
        let src = Array::from_slice(&d, &src_host, view.shape()).unwrap();
        let src_t = src.t().copy().unwrap().t(); // same values, F layout
        view.assign(&src_t).unwrap();
        let mut want = bits(&host);
        for (k, i) in view.layout().indices().into_iter().enumerate() {
            want[i as usize] = src_host[k].to_bits();
        }
        assert_eq!(
            bits(&img.to_vec().unwrap()),
            want,
            "{} assign {:?}",
            T::DTYPE,
            view.layout()
        );
    }
    // overlapping in-buffer assignment on a packed type: x[1:] = x[:-1]
    let x = Array::from_slice(&d, &host[..10], &[10]).unwrap();
    x.slice(&s![1..])
        .unwrap()
        .assign(&x.slice(&s![..-1]).unwrap())
        .unwrap();
    let mut want = bits(&host[..10]);
    want.copy_within(0..9, 1);
    assert_eq!(bits(&x.to_vec().unwrap()), want, "{} overlap", T::DTYPE);
    // disjoint in-buffer assignment: x[::2] = x[1::2]
    let x = Array::from_slice(&d, &host[..10], &[10]).unwrap();
    x.slice(&s![..;2])
        .unwrap()
        .assign(&x.slice(&s![1..;2]).unwrap())
        .unwrap();
    let mut want = bits(&host[..10]);
    for k in 0..5 {
        want[2 * k] = want[2 * k + 1];
    }
    assert_eq!(bits(&x.to_vec().unwrap()), want, "{} within", T::DTYPE);
}

macro_rules! for_every_dtype {
    ($($t:ty => $name:ident),* $(,)?) => {
        $(
            mod $name {
                #[test]
                fn roundtrip_and_layouts() {
                    super::roundtrip_and_layouts::<$t>();
                }
                #[test]
                fn strided_writes_do_not_race() {
                    super::strided_writes_do_not_race::<$t>();
                }
            }
        )*
    };
}

for_every_dtype!(
    bool => bool_, i8 => i8_, u8 => u8_, i16 => i16_, u16 => u16_, half::f16 => f16_,
    i32 => i32_, u32 => u32_, f32 => f32_, i64 => i64_, u64 => u64_, f64 => f64_,
);

/// NumPy: `np.arange(-3, 4, 2, dtype=np.int8)` is [-3 -1 1 3];
/// `np.arange(250, 256, 2, dtype=np.uint8)` is [250 252 254];
/// `np.arange(0, 1, 0.25, dtype=np.float16)` is [0. 0.25 0.5 0.75];
/// `np.arange(0, 2**40, 2**38, dtype=np.int64)` is [0 2**38 2**39 3*2**38];
/// `np.arange(0, 1, 0.1)` (float64) has 10 elements: [3] is
/// 0.30000000000000004, [7] is 0.7000000000000001, [9] is 0.9.
#[test]
fn arange_of_every_numeric_type() {
    let d = dev();
    assert_eq!(
        Array::<i8>::arange(&d, -3, 4, 2).unwrap().to_vec().unwrap(),
        vec![-3, -1, 1, 3]
    );
    assert_eq!(
        Array::<u8>::arange(&d, 250, 255, 2)
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![250, 252, 254]
    );
    assert_eq!(
        Array::<i16>::arange(&d, 5, -5, -4)
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![5, 1, -3]
    );
    assert_eq!(
        Array::<u16>::arange(&d, 0, 3, 1).unwrap().to_vec().unwrap(),
        vec![0, 1, 2]
    );
    let h = Array::<f16>::arange(
        &d,
        f16::from_f32(0.0),
        f16::from_f32(1.0),
        f16::from_f32(0.25),
    )
    .unwrap()
    .to_vec()
    .unwrap();
    assert_eq!(h, [0.0, 0.25, 0.5, 0.75].map(f16::from_f32).to_vec());
    assert_eq!(
        Array::<i64>::arange(&d, 0, 1 << 40, 1 << 38)
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![0, 1 << 38, 1 << 39, 3 << 38]
    );
    assert_eq!(
        Array::<u64>::arange(&d, 1 << 33, (1 << 33) + 3, 1)
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![1 << 33, (1 << 33) + 1, (1 << 33) + 2]
    );
    let f = Array::<f64>::arange(&d, 0.0, 1.0, 0.1)
        .unwrap()
        .to_vec()
        .unwrap();
    assert_eq!(f.len(), 10);
    assert_eq!(
        (f[3], f[7], f[9]),
        (0.30000000000000004, 0.7000000000000001, 0.9)
    );
    assert!(Array::<bool>::arange(&d, false, true, true).is_err());
}

/// bool arrays store 0/1 bytes; `full` and `ones` work for every type.
#[test]
fn full_and_ones_of_every_type() {
    let d = dev();
    assert_eq!(
        Array::<bool>::ones(&d, &[5]).unwrap().to_vec().unwrap(),
        vec![true; 5]
    );
    assert_eq!(
        Array::<bool>::zeros(&d, &[3]).unwrap().to_vec().unwrap(),
        vec![false; 3]
    );
    assert_eq!(
        Array::<i8>::full(&d, &[3], -7).unwrap().to_vec().unwrap(),
        vec![-7; 3]
    );
    assert_eq!(
        Array::<u16>::full(&d, &[3], 65535)
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![65535; 3]
    );
    assert_eq!(
        Array::<f16>::ones(&d, &[2]).unwrap().to_vec().unwrap(),
        vec![f16::ONE; 2]
    );
    assert_eq!(
        Array::<i64>::full(&d, &[2], i64::MIN)
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![i64::MIN; 2]
    );
    assert_eq!(
        Array::<f64>::full(&d, &[2], -0.5)
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![-0.5; 2]
    );
    let odd = Array::<u8>::full(&d, &[7], 9).unwrap();
    assert_eq!(odd.slice(&s![1..4]).unwrap().to_vec().unwrap(), vec![9; 3]);
    assert_eq!(odd.get(&[6]).unwrap(), 9);
}

/// Element-wise ops on packed types (bool, 1- and 2-byte) take the
/// 16-bytes-per-invocation path when every operand is a contiguous run
/// starting 16-byte aligned (8 or 16 elements at a time, whole words
/// written, no atomics) and the one-by-one path for the tail and for
/// misaligned runs. Lengths on either side of the lane counts, aligned and
/// misaligned offsets, and in place on a sub-run (the neighbours must keep
/// their values), against the host.
fn packed_runs<T: Element>(add: fn(T, T) -> T) {
    let d = dev();
    let host = values::<T>(200);
    let a = Array::from_slice(&d, &host, &[200]).unwrap();
    let other: Vec<T> = host.iter().rev().copied().collect();
    let b = Array::from_slice(&d, &other, &[200]).unwrap();
    for (lo, len) in [
        (0usize, 7usize),
        (0, 8),
        (0, 16),
        (0, 17),
        (0, 200),
        (16, 100),
        (32, 33),
        (1, 64),
        (3, 50),
    ] {
        let x = a.slice(&s![lo as isize..(lo + len) as isize]).unwrap();
        let y = b.slice(&s![lo as isize..(lo + len) as isize]).unwrap();
        let r = ndgpu::ops::binary(ndgpu::BinaryOp::Add, &x, &y, None)
            .unwrap()
            .unwrap();
        let want: Vec<u64> = (lo..lo + len)
            .map(|i| add(host[i], other[i]).to_bits())
            .collect();
        assert_eq!(
            bits(&r.to_vec().unwrap()),
            want,
            "{} {lo}..+{len}",
            T::DTYPE
        );
        // In place on the sub-run: elements outside it are untouched.
        let z = Array::from_slice(&d, &host, &[200]).unwrap();
        z.slice(&s![lo as isize..(lo + len) as isize])
            .unwrap()
            .add_assign(&y)
            .unwrap();
        let mut want = host.clone();
        for i in lo..lo + len {
            want[i] = add(host[i], other[i]);
        }
        assert_eq!(
            bits(&z.to_vec().unwrap()),
            bits(&want),
            "{} in place {lo}..+{len}",
            T::DTYPE
        );
    }
}

#[test]
fn packed_types_in_16_byte_runs() {
    packed_runs::<bool>(|x, y| x || y);
    packed_runs::<i8>(|x, y| x.wrapping_add(y));
    packed_runs::<u8>(|x, y| x.wrapping_add(y));
    packed_runs::<i16>(|x, y| x.wrapping_add(y));
    packed_runs::<u16>(|x, y| x.wrapping_add(y));
    packed_runs::<f16>(|x, y| f16::from_f32(x.to_f32() + y.to_f32()));
}

/// Mixed element sizes take the 16-byte path too: each invocation takes 16
/// bytes of the narrowest operand and as many elements of the wider ones
/// (an f32 compare into bool reads four vec4s, writes one). Compares,
/// casts both ways and `where_`, over lengths around the lane counts and
/// aligned and misaligned runs, against the host.
#[test]
fn mixed_sizes_in_16_byte_runs() {
    let d = dev();
    let n = 300usize;
    let hf: Vec<f32> = (0..n).map(|i| ((i * 37) % 101) as f32 - 50.0).collect();
    let hb: Vec<u8> = (0..n).map(|i| ((i * 53) % 256) as u8).collect();
    let hs: Vec<i16> = (0..n).map(|i| (i as i16 * 331) ^ 0x5a5a).collect();
    let f = Array::from_slice(&d, &hf, &[n]).unwrap();
    let b = Array::from_slice(&d, &hb, &[n]).unwrap();
    let sh = Array::from_slice(&d, &hs, &[n]).unwrap();
    for (lo, len) in [
        (0usize, 15usize),
        (0, 16),
        (0, 17),
        (0, 300),
        (16, 200),
        (48, 33),
        (4, 64),
        (1, 100),
    ] {
        let r = |a: usize| s![a as isize..(a + len) as isize];
        let fv = f.slice(&r(lo)).unwrap();
        let gt = ndgpu::ops::compare(ndgpu::CompareOp::Gt, &fv, 3.0f32).unwrap();
        let want: Vec<bool> = hf[lo..lo + len].iter().map(|&x| x > 3.0).collect();
        assert_eq!(gt.to_vec().unwrap(), want, "f32 > 3 at {lo}..+{len}");
        let u = fv.astype::<u8>().unwrap();
        let want: Vec<u8> = hf[lo..lo + len].iter().map(|&x| x as i32 as u8).collect();
        assert_eq!(u.to_vec().unwrap(), want, "f32 -> u8 at {lo}..+{len}");
        let back = b.slice(&r(lo)).unwrap().astype::<f32>().unwrap();
        let want: Vec<f32> = hb[lo..lo + len].iter().map(|&x| x as f32).collect();
        assert_eq!(back.to_vec().unwrap(), want, "u8 -> f32 at {lo}..+{len}");
        let wide = sh.slice(&r(lo)).unwrap().astype::<i32>().unwrap();
        let want: Vec<i32> = hs[lo..lo + len].iter().map(|&x| x as i32).collect();
        assert_eq!(wide.to_vec().unwrap(), want, "i16 -> i32 at {lo}..+{len}");
        let picked = ndgpu::where_(&gt, &fv, -1.0f32).unwrap();
        let want: Vec<f32> = hf[lo..lo + len]
            .iter()
            .map(|&x| if x > 3.0 { x } else { -1.0 })
            .collect();
        assert_eq!(picked.to_vec().unwrap(), want, "where at {lo}..+{len}");
        // Into part of a bool array: the neighbours keep their values.
        let mask = Array::<bool>::ones(&d, &[n]).unwrap();
        ndgpu::ops::binary(
            ndgpu::BinaryOp::Mul,
            &gt,
            &Array::<bool>::zeros(&d, &[len]).unwrap(),
            Some(&mask.slice(&r(lo)).unwrap()),
        )
        .unwrap();
        let want: Vec<bool> = (0..n).map(|i| !(lo..lo + len).contains(&i)).collect();
        assert_eq!(mask.to_vec().unwrap(), want, "bool sub-run at {lo}..+{len}");
    }
}
