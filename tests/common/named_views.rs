//! The named input views of the stride-trick and join fixtures
//! (`tests/fixtures/{stride_tricks,join}.py` build the same ones with
//! NumPy), and the fixtures' list and bit helpers; included by
//! `tests/stride_tricks.rs` and `tests/join.rs` with `#[path]`.

#![allow(dead_code)]

use ndgpu::{Array, Device, Element, s};

/// A 60-element parent: `((arange(60) * k) % 61 - 20)` cast to `T`
/// (wrapping for unsigned types; nonzero for bool).
pub fn parent<T: Element>(d: &Device, k: i128) -> Array<T> {
    let v: Vec<T> = (0..60)
        .map(|i| T::from_i128_wrapping((i * k) % 61 - 20))
        .collect();
    Array::from_slice(d, &v, [60]).unwrap()
}

/// The view of `b` named in the fixture (see `inputs()` in its script).
pub fn input<T: Element>(b: &Array<T>, name: &str) -> Array<T> {
    let c = b.slice(s![..24]).unwrap().reshape([4, 6]).unwrap();
    match name {
        "c" => c,
        "t" => c.t(),
        "off" => b.reshape([6, 10]).unwrap().slice(s![1..5, 2..8]).unwrap(),
        "neg" => c.slice(s![..;-1, ..;-2]).unwrap(),
        "bc" => b.slice(s![5..11]).unwrap().broadcast_to([4, 6]).unwrap(),
        "one" => b.slice(s![7..8]).unwrap().reshape([1, 1]).unwrap(),
        "empty" => b.slice(s![..0]).unwrap().reshape([0, 6]).unwrap(),
        "v1" => b.slice(s![10..22]).unwrap(),
        "v1neg" => b.slice(s![10..22]).unwrap().slice(s![..;-1]).unwrap(),
        "zero_d" => b.slice(s![3..4]).unwrap().reshape([0isize; 0]).unwrap(),
        "c3" => b.slice(s![..24]).unwrap().reshape([2, 3, 4]).unwrap(),
        _ => panic!("unknown input {name}"),
    }
}

/// A comma-separated fixture list (`-` for an empty one).
pub fn list<T: std::str::FromStr>(s: &str) -> Vec<T>
where
    T::Err: std::fmt::Debug,
{
    if s == "-" {
        vec![]
    } else {
        s.split(',').map(|x| x.parse().unwrap()).collect()
    }
}

/// The bits the fixture lists for an element (a bool's truth).
pub fn bits<T: Element>(x: T) -> u64 {
    if T::DTYPE == ndgpu::DType::Bool {
        (x.to_bits() & 0xff != 0) as u64
    } else {
        x.to_bits()
    }
}
