//! Printing arrays that live on the device: a summarised array (more than
//! 1000 elements) reads back only the edge items NumPy prints, so a huge
//! broadcast view prints without being materialised. Expected strings are
//! NumPy 2.4's `repr()` of the same array (the expression is given above
//! each); the other cases compare against `numpy_repr` of the whole data
//! read back, whose own tests pin it to NumPy.

mod common;

use common::dev;
use ndgpu::{Array, numpy_repr, s};

/// `np.broadcast_to(np.float32(1), (1 << 20, 1 << 14))`: 2^34 elements,
/// 64 GiB if it were copied.
#[test]
fn a_huge_broadcast_view_prints_numpys_summary() {
    let d = dev();
    let one = Array::<f32>::ones(&d, &[1]).unwrap();
    let big = one.broadcast_to(&[1 << 20, 1 << 14]).unwrap();
    assert_eq!(
        big.to_string(),
        "array([[1., 1., 1., ..., 1., 1., 1.],\n       [1., 1., 1., ..., 1., 1., 1.],\n       [1., 1., 1., ..., 1., 1., 1.],\n       ...,\n       [1., 1., 1., ..., 1., 1., 1.],\n       [1., 1., 1., ..., 1., 1., 1.],\n       [1., 1., 1., ..., 1., 1., 1.]],\n      shape=(1048576, 16384), dtype=float32)"
    );
}

/// `np.broadcast_to(np.arange(10, dtype=np.int16)[:, None] * 3 - 7, (10, 1 << 31))`
#[test]
fn a_broadcast_column_prints_each_rows_value() {
    let d = dev();
    let col = Array::<i16>::arange(&d, -7, 23, 3)
        .unwrap()
        .reshape(&[10, 1])
        .unwrap();
    let big = col.broadcast_to(&[10, 1 << 31]).unwrap();
    assert_eq!(
        big.to_string(),
        "array([[-7, -7, -7, ..., -7, -7, -7],\n       [-4, -4, -4, ..., -4, -4, -4],\n       [-1, -1, -1, ..., -1, -1, -1],\n       ...,\n       [14, 14, 14, ..., 14, 14, 14],\n       [17, 17, 17, ..., 17, 17, 17],\n       [20, 20, 20, ..., 20, 20, 20]], shape=(10, 2147483648), dtype=int16)"
    );
}

/// Summarised arrays of every rank, with short and long axes mixed, read
/// through transposed, reversed and stepped views: the edge-item read-back
/// prints exactly what the whole data prints.
#[test]
fn edge_items_read_back_prints_as_the_whole_array() {
    let d = dev();
    let cases: &[&[usize]] = &[
        &[2000],
        &[1001],
        &[7, 150],
        &[10, 2, 60],
        &[3, 4, 5, 6, 7],
        &[8, 8, 8, 8],
    ];
    for &shape in cases {
        let n: usize = shape.iter().product();
        let a = Array::<i32>::arange(&d, 0, n as i32, 1)
            .unwrap()
            .reshape(&shape.iter().map(|&x| x as isize).collect::<Vec<_>>())
            .unwrap();
        let views = [
            a.clone(),
            a.t(),
            a.flip(0).unwrap(),
            a.slice(&s![..;1]).unwrap(),
        ];
        for v in views {
            let whole = numpy_repr(&v.to_vec().unwrap(), v.shape()).unwrap();
            assert_eq!(v.to_string_numpy().unwrap(), whole, "shape {:?}", v.shape());
        }
    }
    // floats: the column widths come from the printed items only
    let f = Array::<f64>::arange(&d, 0.0, 3000.0, 1.0)
        .unwrap()
        .reshape(&[3, 1000])
        .unwrap();
    let f = (&f * 1.5).unwrap();
    let whole = numpy_repr(&f.to_vec().unwrap(), f.shape()).unwrap();
    assert_eq!(f.to_string_numpy().unwrap(), whole);
    assert_eq!(
        f.slice(&s![.., 1..]).unwrap().to_string_numpy().unwrap(),
        numpy_repr(&f.slice(&s![.., 1..]).unwrap().to_vec().unwrap(), &[3, 999]).unwrap()
    );
}
