//! Stream compaction and boolean masks against NumPy: `nonzero`,
//! `argwhere`, `flatnonzero`, `where_1`, `compress`, `mask_select` and
//! `mask_assign`. Expected values from NumPy 2.4.6.

mod common;

use common::dev;
use ndgpu::{Array, Error, s, where_1};

fn nz<T: ndgpu::Element>(a: &Array<T>) -> Vec<Vec<i64>> {
    a.nonzero()
        .unwrap()
        .iter()
        .map(|x| x.to_vec().unwrap())
        .collect()
}

#[test]
fn nonzero_small_cases_from_numpy() {
    let d = dev();
    // np.nonzero(np.array([[0, 1.5, 0], [nan, -0.0, 2]], np.float32))
    let a = Array::from_slice(&d, &[0.0f32, 1.5, 0.0, f32::NAN, -0.0, 2.0], [2, 3]).unwrap();
    assert_eq!(nz(&a), vec![vec![0, 1, 1], vec![1, 0, 2]]);
    // ... of a.T
    assert_eq!(nz(&a.t()), vec![vec![0, 1, 2], vec![1, 0, 1]]);
    // b = np.arange(24).reshape(2, 3, 4) % 5 == 0; np.nonzero(b[:, ::-1, 1:])
    let b = Array::<i32>::arange(&d, 0, 24, 1)
        .unwrap()
        .reshape([2, 3, 4])
        .unwrap()
        .rem(5)
        .unwrap()
        .eq(0)
        .unwrap();
    let v = b.slice(s![.., ..;-1, 1..]).unwrap();
    assert_eq!(nz(&v), vec![vec![0, 0, 1], vec![0, 1, 2], vec![1, 0, 2]]);
    // np.nonzero(np.zeros((3, 0), bool)): two empty arrays; np.nonzero(np.ones(1))
    assert_eq!(
        nz(&Array::<bool>::zeros(&d, [3, 0]).unwrap()),
        vec![Vec::<i64>::new(), vec![]]
    );
    assert_eq!(nz(&Array::<f64>::ones(&d, [1]).unwrap()), vec![vec![0]]);
    // NumPy returns the columns of one (count, ndim) array.
    let cols = a.nonzero().unwrap();
    assert_eq!(cols[0].strides(), &[2]);
    assert_eq!(cols[0].base().unwrap().shape(), &[3, 2]);
    // where with one argument is nonzero
    let w: Vec<Vec<i64>> = where_1(&a).unwrap().iter().map(|x| x.to_vec().unwrap()).collect();
    assert_eq!(w, nz(&a));
}

#[test]
fn nonzero_of_a_0d_array_is_numpys_error() {
    let d = dev();
    let e = Array::scalar(&d, 5i32).unwrap().nonzero().unwrap_err();
    assert!(matches!(e, Error::InvalidArgument { op: "nonzero", .. }));
    assert!(e.to_string().contains("Calling nonzero on 0d arrays is not allowed"));
}
