//! The shorthand forms against the explicit ones: operators on owned arrays
//! and on the `Result` of an earlier operation (one `?` per chain), `slice`
//! taking `s![..]` with or without `&`, and shapes and axis lists given as
//! arrays, slices or `Vec`s.

// The borrowed forms (`&[2, 3]`, `&s![..]`) are what is being tested.
#![allow(clippy::needless_borrows_for_generic_args)]

mod common;

use common::dev;
use ndgpu::{Array, Error, Order, SliceArg, broadcast_shapes, s};

fn v(x: &Array<f32>) -> Vec<f32> {
    x.to_vec().unwrap()
}

fn vi(x: &Array<i32>) -> Vec<i32> {
    x.to_vec().unwrap()
}

/// The operation an error names (broadcast failures here).
fn op_of(e: &Error) -> &'static str {
    match e {
        Error::BroadcastShapes { op, .. } => op,
        other => panic!("expected a broadcast error, got {other:?}"),
    }
}

// ----- operators ----------------------------------------------------------------

#[test]
fn chains_need_one_question_mark() -> ndgpu::Result<()> {
    let d = dev();
    let x = Array::<f32>::from_slice(&d, &[1.0, 2.0, 3.0, 4.0], [2, 2])?;
    let y = Array::<f32>::from_slice(&d, &[0.5, -1.0], [2])?;

    // (&x * &x + &x)? against the explicit form.
    let chained = (&x * &x + &x)?;
    let explicit = (&(&x * &x)? + &x)?;
    assert_eq!(v(&chained), v(&explicit));
    assert_eq!(v(&chained), vec![2.0, 6.0, 12.0, 20.0]);
    assert_eq!(chained.shape(), &[2, 2]);

    // ((&x + 1.0) * &y)?, broadcasting y.
    let chained = ((&x + 1.0) * &y)?;
    let explicit = (&(&x + 1.0)? * &y)?;
    assert_eq!(v(&chained), v(&explicit));
    assert_eq!(v(&chained), vec![1.0, -3.0, 2.0, -5.0]);

    // Scalars on both sides and the Result on the right.
    let chained = (&y - 2.0 * &x + &x)?;
    let a = (2.0 * &x)?;
    let b = (&y - &a)?;
    let explicit = (&b + &x)?;
    assert_eq!(v(&chained), v(&explicit));
    assert_eq!(v(&chained), vec![-0.5, -3.0, -2.5, -5.0]);
    Ok(())
}

/// Every operator with every operand kind it accepts: the value of the
/// shorthand equals that of `&a op &b`.
macro_rules! every_form {
    ($a:expr, $b:expr, $s:expr, $op:tt, $read:ident) => {{
        let (a, b, s) = (&$a, &$b, $s);
        let want = $read(&(a $op b).unwrap());
        let owned = || (a.copy().unwrap(), b.copy().unwrap());
        let r = || a.copy(); // an Ok Result<Array>
        // owned and borrowed arrays
        assert_eq!($read(&(owned().0 $op b).unwrap()), want, "A {} &A", stringify!($op));
        assert_eq!($read(&(a $op owned().1).unwrap()), want, "&A {} A", stringify!($op));
        let (oa, ob) = owned();
        assert_eq!($read(&(oa $op ob).unwrap()), want, "A {} A", stringify!($op));
        // a Result on either side
        assert_eq!($read(&(r() $op b).unwrap()), want, "R {} &A", stringify!($op));
        assert_eq!($read(&(r() $op owned().1).unwrap()), want, "R {} A", stringify!($op));
        assert_eq!($read(&(a $op b.copy()).unwrap()), want, "&A {} R", stringify!($op));
        assert_eq!($read(&(owned().0 $op b.copy()).unwrap()), want, "A {} R", stringify!($op));
        // scalars with owned arrays
        let want_s = $read(&(a $op s).unwrap());
        assert_eq!($read(&(owned().0 $op s).unwrap()), want_s, "A {} s", stringify!($op));
    }};
}

#[test]
fn every_operand_kind_matches_the_borrowed_form() {
    let d = dev();
    let a = Array::<f32>::from_slice(&d, &[1.0, -2.5, 3.0, 8.0, -0.5, 6.0], [2, 3]).unwrap();
    let b = Array::<f32>::from_slice(&d, &[2.0, 4.0, -3.0], [3]).unwrap();
    every_form!(a, b, 1.5f32, +, v);
    every_form!(a, b, 1.5f32, -, v);
    every_form!(a, b, 1.5f32, *, v);
    every_form!(a, b, 1.5f32, /, v);
    every_form!(a, b, 1.5f32, %, v);

    let ai = Array::<i32>::from_slice(&d, &[7, -7, 9, 4, 0, -3], [2, 3]).unwrap();
    let bi = Array::<i32>::from_slice(&d, &[2, -3, 5], [3]).unwrap();
    every_form!(ai, bi, 3i32, +, vi);
    every_form!(ai, bi, 3i32, -, vi);
    every_form!(ai, bi, 3i32, *, vi);
    every_form!(ai, bi, 3i32, /, vi);
    every_form!(ai, bi, 3i32, %, vi);
}

#[test]
fn scalar_on_the_left_and_negation_take_owned_arrays() -> ndgpu::Result<()> {
    let d = dev();
    let a = Array::<f32>::from_slice(&d, &[1.0, -2.0, 4.0], [3])?;
    assert_eq!(v(&(10.0 + a.copy()?)?), v(&(10.0 + &a)?));
    assert_eq!(v(&(10.0 - a.copy()?)?), vec![9.0, 12.0, 6.0]);
    assert_eq!(v(&(2.0 * a.copy()?)?), v(&(2.0 * &a)?));
    assert_eq!(v(&(8.0 / a.copy()?)?), vec![8.0, -4.0, 2.0]);
    assert_eq!(v(&(-a.copy()?)?), v(&(-&a)?));
    assert_eq!(v(&(-a.copy()?)?), vec![-1.0, 2.0, -4.0]);
    // An owned operand is read, not reused: the result is new memory.
    let c = a.copy()?;
    let before = c.info().buffer_id;
    let r = (c + 1.0)?;
    assert_ne!(r.info().buffer_id, before);
    Ok(())
}

#[test]
fn in_place_operators_take_owned_arrays_and_results() -> ndgpu::Result<()> {
    let d = dev();
    let y = Array::<f32>::from_slice(&d, &[1.0, 2.0, 3.0], [3])?;
    let mut a = Array::<f32>::zeros(&d, [3])?;
    a += y.copy()?; // owned
    assert_eq!(v(&a), vec![1.0, 2.0, 3.0]);
    a += &y * 2.0; // a Result
    assert_eq!(v(&a), vec![3.0, 6.0, 9.0]);
    a -= &y + 1.0;
    a *= &y - 0.5;
    a /= y.copy()?;
    a %= &y + 0.0;
    let b = Array::<f32>::zeros(&d, [3])?;
    b.add_assign(&y)?;
    b.add_assign(&(&y * 2.0)?)?;
    b.sub_assign(&(&y + 1.0)?)?;
    b.mul_assign(&(&y - 0.5)?)?;
    b.div_assign(&y)?;
    b.rem_assign(&y)?;
    assert_eq!(v(&a), v(&b));
    Ok(())
}

#[test]
#[should_panic(expected = "multiply")]
fn in_place_operator_panics_with_an_err_operand() {
    let d = dev();
    let mut a = Array::<f32>::zeros(&d, [3]).unwrap();
    let y = Array::<f32>::zeros(&d, [2]).unwrap();
    a += &y * &a; // [2] * [3] does not broadcast
}

#[test]
fn an_err_operand_is_passed_on_unchanged() {
    let d = dev();
    let x = Array::<f32>::from_slice(&d, &[1.0, 2.0, 3.0], [3]).unwrap();
    let bad = Array::<f32>::zeros(&d, [2]).unwrap();

    // The first step fails: the chain's error is that step's, naming its op.
    let explicit = (&x * &bad).unwrap_err();
    let chained = (&x * &bad + &x).unwrap_err();
    assert_eq!(op_of(&chained), "multiply");
    assert_eq!(chained.to_string(), explicit.to_string());
    assert!(chained.to_string().contains("(3,) (2,)"), "{chained}");

    // Left before right: the left Err wins over a failure the next step
    // would have had (adding `bad` would fail too, as "add").
    let chained = ((&x * &bad) + &bad).unwrap_err();
    assert_eq!(op_of(&chained), "multiply");

    // An Err on the right, with an owned or borrowed array on the left.
    let chained = (&x - (&x / &bad)).unwrap_err();
    assert_eq!(op_of(&chained), "divide");
    let chained = (x.copy().unwrap() % (&bad - &x)).unwrap_err();
    assert_eq!(op_of(&chained), "subtract");

    // A later step failing names that step.
    let chained = ((&x + 1.0) * &bad).unwrap_err();
    assert_eq!(op_of(&chained), "multiply");
    let chained = ((&x + 1.0) - bad.copy().unwrap()).unwrap_err();
    assert_eq!(op_of(&chained), "subtract");
}

// ----- slice ----------------------------------------------------------------------

#[test]
fn slice_takes_the_index_borrowed_or_not() -> ndgpu::Result<()> {
    let d = dev();
    let x = Array::<i32>::arange(&d, 0, 12, 1)?.reshape([3, 4])?;
    let a = x.slice(s![1..;2, ..])?;
    let b = x.slice(&s![1..;2, ..])?;
    assert_eq!(vi(&a), vi(&b));
    assert_eq!(vi(&a), vec![4, 5, 6, 7]);
    assert!(a.is_view() && a.shares_memory(&x)?);

    let index = s![.., ..;-2];
    assert_eq!(vi(&x.slice(index)?), vi(&x.slice(&index)?));
    let as_vec: Vec<SliceArg> = index.to_vec();
    assert_eq!(vi(&x.slice(&as_vec)?), vi(&x.slice(&index)?));
    assert_eq!(vi(&x.slice(&as_vec[..])?), vi(&x.slice(as_vec)?));
    // An empty index is the whole array.
    assert_eq!(vi(&x.slice(s![])?), vi(&x));
    Ok(())
}

// ----- shapes and axis lists --------------------------------------------------------

#[test]
fn creation_takes_any_shape_form() -> ndgpu::Result<()> {
    let d = dev();
    let sv = vec![2usize, 3];
    let slice: &[usize] = &sv;
    let forms: Vec<Array<f32>> = vec![
        Array::zeros(&d, [2, 3])?,
        Array::zeros(&d, &[2, 3])?,
        Array::zeros(&d, vec![2, 3])?,
        Array::zeros(&d, &sv[..])?,
        Array::zeros(&d, &sv)?,
        Array::zeros(&d, slice)?,
    ];
    for a in &forms {
        assert_eq!(a.shape(), &[2, 3]);
        assert_eq!(v(a), vec![0.0; 6]);
    }
    let o = Array::<f32>::ones(&d, vec![2, 3])?;
    assert_eq!(v(&o), v(&Array::ones(&d, &[2, 3])?));
    let f = Array::<i32>::full(&d, [3], 7)?;
    assert_eq!(vi(&f), vec![7, 7, 7]);
    // The shape of another array.
    let g = Array::<i32>::full(&d, f.shape(), 1)?;
    assert_eq!(g.shape(), &[3]);
    let h = Array::<i32>::from_slice(&d, &[1, 2, 3, 4, 5, 6], [3, 2])?;
    assert_eq!(h.shape(), &[3, 2]);
    assert_eq!(
        vi(&h),
        vi(&Array::from_slice(&d, &[1, 2, 3, 4, 5, 6], &[3, 2])?)
    );
    // 0-d
    let z = Array::<f32>::zeros(&d, [])?;
    assert_eq!(z.shape(), &[] as &[usize]);
    Ok(())
}

#[test]
fn views_take_any_shape_or_axes_form() -> ndgpu::Result<()> {
    let d = dev();
    let x = Array::<i32>::arange(&d, 0, 24, 1)?;
    let want = vi(&x.reshape(&[2, 3, 4])?.transpose(&[2, 0, 1])?);

    let shape_vec: Vec<isize> = vec![2, 3, 4];
    let axes_vec: Vec<isize> = vec![2, 0, 1];
    let rs = [
        x.reshape([2, 3, 4])?,
        x.reshape(&[2, 3, -1])?,
        x.reshape(vec![2, -1, 4])?,
        x.reshape(&shape_vec[..])?,
        x.reshape(&shape_vec)?,
        x.reshape_order(shape_vec.clone(), Order::C)?,
    ];
    for r in &rs {
        assert_eq!(r.shape(), &[2, 3, 4]);
        assert_eq!(vi(&r.transpose([2, 0, 1])?), want);
        assert_eq!(vi(&r.transpose(&axes_vec)?), want);
        assert_eq!(vi(&r.transpose(axes_vec.clone())?), want);
        assert_eq!(vi(&r.transpose(&axes_vec[..])?), want);
    }

    let row = x.slice(s![..4])?;
    let b1 = row.broadcast_to([3, 4])?;
    let b2 = row.broadcast_to(&[3, 4])?;
    let b3 = row.broadcast_to(vec![3usize, 4])?;
    let b4 = row.broadcast_to(b1.shape())?;
    for b in [&b1, &b2, &b3, &b4] {
        assert_eq!(vi(b), vi(&b1));
        assert_eq!(b.shape(), &[3, 4]);
    }

    let e = x.reshape([1, 24, 1])?;
    assert_eq!(e.squeeze_axes([0, -1])?.shape(), &[24]);
    assert_eq!(e.squeeze_axes(vec![0])?.shape(), &[24, 1]);
    assert_eq!(e.squeeze_axes(&[2])?.shape(), &[1, 24]);

    let s1 = x.as_strided([2, 4], [4, 1], 1)?;
    let s2 = x.as_strided(&[2, 4], &[4, 1], 1)?;
    let s3 = x.as_strided(vec![2, 4], vec![4, 1], 1)?;
    assert_eq!(vi(&s1), vec![1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(vi(&s1), vi(&s2));
    assert_eq!(vi(&s1), vi(&s3));

    let mut m = x.copy()?;
    m.set_shape([4, 6])?;
    assert_eq!(m.shape(), &[4, 6]);
    m.set_shape(vec![-1, 8])?;
    assert_eq!(m.shape(), &[3, 8]);
    m.set_shape(&[24])?;
    assert_eq!(m.shape(), &[24]);
    Ok(())
}

#[test]
fn broadcast_shapes_and_reduction_axes_take_slices_and_arrays() -> ndgpu::Result<()> {
    let d = dev();
    let a = vec![3usize, 1];
    assert_eq!(&broadcast_shapes([2, 1, 4], &a)?[..], &[2, 3, 4]);
    assert_eq!(&broadcast_shapes(&[4], vec![2, 1])?[..], &[2, 4]);
    // Reduction axes stay `Option<&[isize]>` (a bare `None` must keep
    // working), which already takes a borrowed array, Vec or slice.
    let x = Array::<i32>::arange(&d, 0, 6, 1)?.reshape([2, 3])?;
    let axes = vec![0isize];
    let want = x.sum(Some(&[0]), false)?.to_vec()?;
    assert_eq!(x.sum(Some(&axes), false)?.to_vec()?, want);
    assert_eq!(x.sum(Some(&axes[..]), false)?.to_vec()?, want);
    assert_eq!(want, vec![3i64, 5, 7]);
    Ok(())
}

#[test]
fn element_indices_and_repr_shapes_take_any_form() -> ndgpu::Result<()> {
    let d = dev();
    let x = Array::<i32>::arange(&d, 0, 6, 1)?.reshape([2, 3])?;
    let idx = vec![1isize, -1];
    assert_eq!(x.get([1, -1])?, 5);
    assert_eq!(x.get(&[1, -1])?, 5);
    assert_eq!(x.get(&idx)?, 5);
    assert_eq!(x.get(idx.clone())?, 5);
    x.set([0, 0], 10)?;
    x.set(&idx[..], 50)?;
    assert_eq!(vi(&x), vec![10, 1, 2, 3, 4, 50]);
    let want = "array([[0, 1, 2],\n       [3, 4, 5]], dtype=int32)";
    let data = [0i32, 1, 2, 3, 4, 5];
    assert_eq!(ndgpu::numpy_repr(&data, [2, 3])?, want);
    assert_eq!(ndgpu::numpy_repr(&data, vec![2, 3])?, want);
    assert_eq!(ndgpu::numpy_repr(&data, &[2, 3])?, want);
    Ok(())
}
