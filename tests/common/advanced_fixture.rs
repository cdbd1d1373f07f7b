//! The advanced-indexing fixture (`tests/fixtures/advanced_index.txt`,
//! written by the committed `advanced_index.py` from NumPy 2.4.6) and the
//! helpers shared by `tests/indexing.rs` (gathers, masks) and
//! `tests/indexing_scatter.rs` (scatter, `+=`, `add_at`), included by both
//! with `#[path]`.

#![allow(dead_code)]

use ndgpu::{Array, Device, Element, Index, SliceArg};

/// A device of its own, for a test whose device indices go out of range:
/// the error is the device's, reported by its next read-back whichever
/// test makes it, so such tests must not share the binary's device.
pub fn private() -> Device {
    Device::new().unwrap()
}

/// `n` distinct, non-trivial values of `T` (bit patterns from a counter).
pub fn values<T: Element>(n: usize) -> Vec<T> {
    (0..n)
        .map(|i| {
            let v = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 8;
            let x = T::from_bits(v);
            if x.to_f64().is_finite() {
                x
            } else {
                T::from_i128_wrapping(i as i128)
            }
        })
        .collect()
}

pub fn bits<T: Element>(v: &[T]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

// ----- the NumPy fixture ------------------------------------------------------

#[derive(Debug, Clone)]
pub enum Item {
    Basic(SliceArg),
    Array(Vec<usize>, Vec<i64>),
}

#[derive(Debug)]
pub enum Want {
    Ok(Vec<usize>, Vec<usize>),
    Oob(usize, i64),
    Bcast,
}

#[derive(Debug)]
pub struct Case {
    pub line: String,
    pub shape: Vec<usize>,
    pub strides: Vec<isize>,
    pub offset: isize,
    pub items: Vec<Item>,
    pub want: Want,
}

pub fn parse_shape(s: &str) -> Vec<usize> {
    if s == "-" {
        return vec![];
    }
    s.split('x').map(|d| d.parse().unwrap()).collect()
}

pub fn nums<T: std::str::FromStr>(s: &str) -> Vec<T>
where
    T::Err: std::fmt::Debug,
{
    s.split_whitespace().map(|v| v.parse().unwrap()).collect()
}

pub fn cases() -> Vec<Case> {
    let table = include_str!("../fixtures/advanced_index.txt");
    table
        .lines()
        .filter(|l| !l.is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('|').collect();
            let opt = |p: &str| (!p.is_empty()).then(|| p.parse::<isize>().unwrap());
            let items = if f[3].is_empty() {
                vec![]
            } else {
                f[3].split(';')
                    .map(|it| {
                        let p: Vec<&str> = it.split(':').collect();
                        match p[0] {
                            "i" => Item::Basic(SliceArg::Index(p[1].parse().unwrap())),
                            "n" => Item::Basic(SliceArg::NewAxis),
                            "e" => Item::Basic(SliceArg::Ellipsis),
                            "s" => Item::Basic(SliceArg::Slice {
                                start: opt(p[1]),
                                stop: opt(p[2]),
                                step: p[3].parse().unwrap(),
                            }),
                            _ => Item::Array(parse_shape(p[1]), nums(p[2])),
                        }
                    })
                    .collect()
            };
            let w: Vec<&str> = f[4].splitn(3, ':').collect();
            let want = match w[0] {
                "ok" => Want::Ok(parse_shape(w[1]), nums(w[2])),
                "oob" => Want::Oob(w[1].parse().unwrap(), w[2].parse().unwrap()),
                _ => Want::Bcast,
            };
            Case {
                line: line.to_string(),
                shape: parse_shape(f[0]),
                strides: nums(f[1]),
                offset: f[2].parse().unwrap(),
                items,
                want,
            }
        })
        .collect()
}

/// The case's parent: a strided view of `base` (1000 elements).
pub fn parent<T: Element>(base: &Array<T>, c: &Case) -> Array<T> {
    base.as_strided(&c.shape, &c.strides, c.offset).unwrap()
}

/// How the index arrays of a case travel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Via {
    Host,
    I64,
    I32,
    U32,
}

/// Device copies of the case's index arrays (kept alive for the index).
pub enum Held {
    I64(Array<i64>),
    I32(Array<i32>),
    U32(Array<u32>),
}

pub fn hold(d: &Device, items: &[Item], via: Via) -> Vec<Option<Held>> {
    items
        .iter()
        .map(|it| match (it, via) {
            (Item::Array(s, v), Via::I64) => Some(Held::I64(Array::from_slice(d, v, s).unwrap())),
            (Item::Array(s, v), Via::I32) => {
                let v: Vec<i32> = v.iter().map(|&x| x as i32).collect();
                Some(Held::I32(Array::from_slice(d, &v, s).unwrap()))
            }
            (Item::Array(s, v), Via::U32) => {
                let v: Vec<u32> = v.iter().map(|&x| x as u32).collect();
                Some(Held::U32(Array::from_slice(d, &v, s).unwrap()))
            }
            _ => None,
        })
        .collect()
}

pub fn index_of<'a>(items: &'a [Item], held: &'a [Option<Held>]) -> Vec<Index<'a>> {
    items
        .iter()
        .zip(held)
        .map(|(it, h)| match (it, h) {
            (Item::Basic(a), _) => Index::Basic(*a),
            (Item::Array(s, v), None) => Index::host(v.as_slice(), s).unwrap(),
            (_, Some(Held::I64(a))) => Index::from(a),
            (_, Some(Held::I32(a))) => Index::from(a),
            (_, Some(Held::U32(a))) => Index::from(a),
        })
        .collect()
}

/// Whether the case's arrays hold exactly one out-of-range value (then
/// the device must name exactly NumPy's index).
pub fn single_oob(c: &Case, axis: usize) -> bool {
    let n = c.shape.get(axis).copied().unwrap_or(0) as i64;
    let bad: usize = c
        .items
        .iter()
        .map(|it| match it {
            Item::Array(_, v) => v.iter().filter(|&&x| x < -n || x >= n).count(),
            _ => 0,
        })
        .sum();
    bad == 1
}
