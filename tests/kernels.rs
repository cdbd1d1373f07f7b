//! Every kernel (strided copy, copy within one buffer, fill, arange) and the
//! read-back path, on contiguous, transposed, offset, negative-stride,
//! zero-stride (broadcast), size-1, empty and 0-d inputs. Expected values
//! come from a CPU reference: the host data indexed by `Layout::indices()`.

mod common;

use common::dev;
use ndgpu::{Array, Device, Error, Order, s};

/// A named input view and the values it must read as (C order).
struct Case {
    name: &'static str,
    array: Array<f32>,
    want: Vec<f32>,
}

/// Host-side reference: the parent's data gathered through `view`'s layout.
fn gather(host: &[f32], view: &Array<f32>) -> Vec<f32> {
    view.layout()
        .indices()
        .iter()
        .map(|&i| host[i as usize])
        .collect()
}

/// The layouts every kernel is tested on, all views of one 4x6 parent
/// (values 0..24) except the empty and 0-d ones.
fn cases(d: &Device) -> Vec<Case> {
    let host: Vec<f32> = (0..24).map(|v| v as f32).collect();
    let parent = Array::from_slice(d, &host, &[4, 6]).unwrap();
    let mut out = Vec::new();
    let mut add = |name, array: Array<f32>| {
        let want = gather(&host, &array);
        out.push(Case { name, array, want });
    };
    add("contiguous", parent.clone());
    add("transposed", parent.t());
    add("offset", parent.slice(&s![1..3, 2..5]).unwrap());
    add(
        "negative stride",
        parent.slice(&s![..;-1, 5..0;-2]).unwrap(),
    );
    add(
        "zero stride",
        parent
            .slice(&s![2, ..])
            .unwrap()
            .broadcast_to(&[3, 6])
            .unwrap(),
    );
    add("size 1", parent.slice(&s![3..4, 5..6]).unwrap());
    add("empty", parent.slice(&s![2..2, ..]).unwrap());
    add("0-d", parent.slice(&s![1, 4]).unwrap());
    add(
        "3-d permuted",
        parent
            .reshape(&[2, 3, 4])
            .unwrap()
            .transpose(&[2, 0, 1])
            .unwrap(),
    );
    out
}

#[test]
fn to_vec_reads_every_layout() {
    let d = dev();
    for c in cases(&d) {
        assert_eq!(c.array.to_vec().unwrap(), c.want, "{}", c.name);
    }
}

#[test]
fn copy_gives_a_new_c_contiguous_buffer() {
    let d = dev();
    for c in cases(&d) {
        let k = c.array.copy().unwrap();
        assert!(k.is_c_contiguous(), "{}", c.name);
        assert!(k.base().is_none(), "{}", c.name);
        assert_ne!(k.buffer_id(), c.array.buffer_id(), "{}", c.name);
        assert_eq!(k.shape(), c.array.shape(), "{}", c.name);
        assert_eq!(k.to_vec().unwrap(), c.want, "{}", c.name);
    }
}

#[test]
fn copy_order_f_writes_fortran_layout() {
    let d = dev();
    for c in cases(&d) {
        let k = c.array.copy_order(Order::F).unwrap();
        assert!(k.is_f_contiguous(), "{}", c.name);
        assert_eq!(k.to_vec().unwrap(), c.want, "{}", c.name);
        // Its buffer really is in F order: the raw memory, read flat, is
        // the C-order sequence of the transpose.
        let raw = k.as_strided(&[k.size()], &[1], 0).unwrap();
        assert_eq!(
            raw.to_vec().unwrap(),
            c.array.t().to_vec().unwrap(),
            "{}",
            c.name
        );
    }
}

#[test]
fn ascontiguousarray_copies_only_when_needed() {
    let d = dev();
    for c in cases(&d) {
        let k = c.array.ascontiguousarray().unwrap();
        assert_eq!(k.to_vec().unwrap(), c.want, "{}", c.name);
        let same = k.buffer_id() == c.array.buffer_id();
        assert_eq!(same, c.array.is_c_contiguous(), "{}", c.name);
    }
}

#[test]
fn fill_writes_exactly_the_viewed_elements() {
    let d = dev();
    for c in cases(&d) {
        if !c.array.is_writeable() {
            assert!(
                matches!(c.array.fill(1.0), Err(Error::ReadOnly { .. })),
                "{}",
                c.name
            );
            continue;
        }
        // A fresh parent per case, so the reference stays simple.
        let host: Vec<f32> = (0..24).map(|v| v as f32).collect();
        let parent = Array::from_slice(&d, &host, &[4, 6]).unwrap();
        let view = parent
            .as_strided(
                c.array.shape(),
                c.array.strides(),
                c.array.offset() as isize,
            )
            .unwrap();
        view.fill(-1.0).unwrap();
        let mut want = host.clone();
        for i in view.layout().indices() {
            want[i as usize] = -1.0;
        }
        assert_eq!(parent.to_vec().unwrap(), want, "{}", c.name);
    }
}

#[test]
fn assign_between_every_pair_of_layouts() {
    let d = dev();
    let srcs = cases(&d);
    for dst_case in cases(&d) {
        for src in &srcs {
            // Only same-shaped or broadcastable pairs.
            let fresh: Vec<f32> = (100..124).map(|v| v as f32).collect();
            let parent = Array::from_slice(&d, &fresh, &[4, 6]).unwrap();
            if !dst_case.array.is_writeable() {
                continue;
            }
            let dst = parent
                .as_strided(
                    dst_case.array.shape(),
                    dst_case.array.strides(),
                    dst_case.array.offset() as isize,
                )
                .unwrap();
            let r = dst.assign(&src.array);
            // NumPy first drops the source's leading length-1 axes beyond
            // the destination's rank (np.zeros(())[...] = np.ones(1) works).
            let s = src.array.shape();
            let extra = s.len().saturating_sub(dst.ndim());
            let lead = s.iter().take(extra).take_while(|&&n| n == 1).count();
            let bshape = ndgpu::broadcast_shapes(&s[lead..], dst.shape());
            match bshape {
                Ok(b) if b.as_slice() == dst.shape() => {
                    r.unwrap_or_else(|e| panic!("{} <- {}: {e}", dst_case.name, src.name));
                    let mut want = fresh.clone();
                    let dropped: Vec<isize> = s[lead..].iter().map(|&n| n as isize).collect();
                    let srcv = src.array.reshape(&dropped).unwrap();
                    let srcv = srcv.broadcast_to(dst.shape()).unwrap();
                    let vals = srcv.to_vec().unwrap();
                    for (k, i) in dst.layout().indices().into_iter().enumerate() {
                        want[i as usize] = vals[k];
                    }
                    assert_eq!(
                        parent.to_vec().unwrap(),
                        want,
                        "{} <- {}",
                        dst_case.name,
                        src.name
                    );
                }
                _ => assert!(
                    matches!(r, Err(Error::BroadcastTo { .. })),
                    "{} <- {}: {r:?}",
                    dst_case.name,
                    src.name
                ),
            }
        }
    }
}

/// NumPy: `x = arange(10); x[2:] = x[:-2]` gives [0 1 0 1 2 3 4 5 6 7];
/// `x[:-2] = x[2:]` gives [2 3 4 5 6 7 8 9 8 9]; `x[::-1] = x` gives the
/// reversal; `x[1:] = x[:-1]` on a 2-D column view, and a transposed
/// self-assignment `a[...] = a.T` for a square matrix (NumPy gives a.T).
#[test]
fn overlapping_assignment_reads_the_source_first() {
    let d = dev();
    let x = Array::<i32>::arange(&d, 0, 10, 1).unwrap();
    x.slice(&s![2..])
        .unwrap()
        .assign(&x.slice(&s![..-2]).unwrap())
        .unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![0, 1, 0, 1, 2, 3, 4, 5, 6, 7]);

    let x = Array::<i32>::arange(&d, 0, 10, 1).unwrap();
    x.slice(&s![..-2])
        .unwrap()
        .assign(&x.slice(&s![2..]).unwrap())
        .unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![2, 3, 4, 5, 6, 7, 8, 9, 8, 9]);

    let x = Array::<i32>::arange(&d, 0, 10, 1).unwrap();
    x.slice(&s![..;-1]).unwrap().assign(&x).unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);

    let a = Array::<i32>::arange(&d, 0, 16, 1)
        .unwrap()
        .reshape(&[4, 4])
        .unwrap();
    a.assign(&a.t()).unwrap();
    let want: Vec<i32> = (0..16).map(|k| (k % 4) * 4 + k / 4).collect();
    assert_eq!(a.to_vec().unwrap(), want);

    // Same buffer, disjoint elements: the in-buffer kernel, no staging.
    let x = Array::<i32>::arange(&d, 0, 10, 1).unwrap();
    x.slice(&s![..;2])
        .unwrap()
        .assign(&x.slice(&s![1..;2]).unwrap())
        .unwrap();
    assert_eq!(x.to_vec().unwrap(), vec![1, 1, 3, 3, 5, 5, 7, 7, 9, 9]);
}

#[test]
fn assign_rejects_shapes_that_do_not_broadcast() {
    let d = dev();
    let x = Array::<f32>::zeros(&d, &[2]).unwrap();
    let y = Array::<f32>::zeros(&d, &[3]).unwrap();
    let e = x.assign(&y).unwrap_err();
    assert_eq!(
        e.to_string(),
        "assign: cannot broadcast an array of shape (3,) to shape (2,)"
    );
}

/// NumPy: `np.arange(0, 1, 0.1, dtype=np.float32)` ends in 0.90000004 and
/// has 10 elements; `np.arange(5, -5, -3)` is [5 2 -1 -4]; `arange(3, 3)` is
/// empty; `np.arange(0, 10, 3, dtype=np.uint32)` is [0 3 6 9].
#[test]
fn arange_matches_numpy() {
    let d = dev();
    let f = Array::<f32>::arange(&d, 0.0, 1.0, 0.1)
        .unwrap()
        .to_vec()
        .unwrap();
    assert_eq!(f.len(), 10);
    assert_eq!(f[9], 0.900_000_04_f32);
    assert_eq!(f[3], 0.3_f32 + 0.0); // NumPy prints 0.3 (0.30000001192...)
    assert_eq!(
        Array::<i32>::arange(&d, 5, -5, -3)
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![5, 2, -1, -4]
    );
    assert_eq!(Array::<i32>::arange(&d, 3, 3, 1).unwrap().size(), 0);
    assert_eq!(
        Array::<u32>::arange(&d, 0, 10, 3)
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![0, 3, 6, 9]
    );
    assert!(matches!(
        Array::<f32>::arange(&d, 0.0, 1.0, 0.0),
        Err(Error::InvalidArgument { .. })
    ));
}

#[test]
fn full_ones_zeros_and_scalar() {
    let d = dev();
    assert_eq!(
        Array::<u32>::full(&d, &[2, 2], 7)
            .unwrap()
            .to_vec()
            .unwrap(),
        vec![7; 4]
    );
    assert_eq!(
        Array::<f32>::ones(&d, &[3]).unwrap().to_vec().unwrap(),
        vec![1.0; 3]
    );
    assert_eq!(
        Array::<i32>::zeros(&d, &[0, 3]).unwrap().to_vec().unwrap(),
        Vec::<i32>::new()
    );
    let s0 = Array::<f32>::scalar(&d, 2.5).unwrap();
    assert_eq!(s0.ndim(), 0);
    assert_eq!(s0.item().unwrap(), 2.5);
    // Bit patterns survive copies: a NaN payload and -0.0.
    let odd = [f32::from_bits(0x7fc0_1234), -0.0];
    let a = Array::from_slice(&d, &odd, &[2]).unwrap();
    let back = a
        .slice(&s![..;-1])
        .unwrap()
        .copy()
        .unwrap()
        .to_vec()
        .unwrap();
    assert_eq!(back[0].to_bits(), (-0.0f32).to_bits());
    assert_eq!(back[1].to_bits(), 0x7fc0_1234);
}

#[test]
fn get_and_set_single_elements() {
    let d = dev();
    let a = Array::<i32>::arange(&d, 0, 12, 1)
        .unwrap()
        .reshape(&[3, 4])
        .unwrap();
    assert_eq!(a.get(&[1, 2]).unwrap(), 6);
    assert_eq!(a.get(&[-1, -1]).unwrap(), 11);
    assert_eq!(a.t().get(&[3, 0]).unwrap(), 3);
    let e = a.get(&[3, 0]).unwrap_err();
    assert!(
        matches!(
            e,
            Error::IndexOutOfBounds {
                axis: 0,
                index: 3,
                len: 3,
                ..
            }
        ),
        "{e:?}"
    );
    a.t().set(&[0, 2], -5).unwrap();
    assert_eq!(a.get(&[2, 0]).unwrap(), -5);
}

/// A launch wider than 65535 workgroups of 256 runs as a 2-D grid:
/// 2^24 + 3 elements need 65537 workgroups.
#[test]
fn launches_past_the_workgroup_limit_are_split() {
    let d = dev();
    let n = (1usize << 24) + 3;
    let a = Array::<u32>::arange(&d, 0, n as u32, 1).unwrap();
    let r = a.slice(&s![..;-1]).unwrap().copy().unwrap();
    assert_eq!(r.get(&[0]).unwrap(), n as u32 - 1);
    assert_eq!(r.get(&[-1]).unwrap(), 0);
    assert_eq!(r.get(&[(n - 2) as isize]).unwrap(), 1);
    let v = r.to_vec().unwrap();
    assert!(v.iter().enumerate().all(|(i, &x)| x as usize == n - 1 - i));
}

/// Kernels take any rank: a 12-axis array whose transpose cannot be merged
/// into fewer axes, copied and assigned through.
#[test]
fn kernels_take_high_rank_layouts() {
    let d = dev();
    let shape: Vec<isize> = vec![2, 1, 3, 2, 1, 2, 2, 3, 1, 2, 2, 2];
    let n: isize = shape.iter().product();
    let host: Vec<i32> = (0..n as i32).collect();
    let a = Array::from_slice(&d, &host, &[n as usize])
        .unwrap()
        .reshape(&shape)
        .unwrap();
    let t = a.t().slice(&s![..;-1]).unwrap();
    assert_eq!(t.ndim(), 12);
    let want: Vec<i32> = t
        .layout()
        .indices()
        .iter()
        .map(|&i| host[i as usize])
        .collect();
    assert_eq!(t.copy().unwrap().to_vec().unwrap(), want);
    let z = Array::<i32>::zeros(&d, t.shape()).unwrap();
    z.t().assign(&a.slice(&s![..;-1]).unwrap()).unwrap();
    let back = z.t().to_vec().unwrap();
    let want2: Vec<i32> = a
        .slice(&s![..;-1])
        .unwrap()
        .layout()
        .indices()
        .iter()
        .map(|&i| host[i as usize])
        .collect();
    assert_eq!(back, want2);
}
