//! Fusion of element-wise chains: a fused chain gives exactly the values
//! (bit for bit) of the same operations run one by one on a device with
//! fusion off, whatever the layouts, in-place forms, writes through views,
//! overlaps and dropped handles; and it launches fewer kernels.

mod common;

use ndgpu::ops::{binary, unary};
use ndgpu::{Array, BinaryOp, Device, DeviceOptions, Element, Error, UnaryOp, s, where_};

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

/// The bits of each value, every NaN as one: IEEE 754 leaves the sign and
/// payload of an arithmetic NaN unspecified, and the driver gives NaNs of
/// either sign for the same operation compiled in different kernels (the
/// strided and the vectorised body of one operation alone differ too).
/// Everything else, the sign of zero included, must be identical.
// `x != x` is the NaN test for any element type (floats alone have is_nan).
#[allow(clippy::eq_op)]
fn bits<T: Element>(v: &[T]) -> Vec<u64> {
    v.iter()
        .map(|x| if x != x { u64::MAX } else { x.to_bits() })
        .collect()
}

/// A small deterministic generator (the test must not depend on a seed
/// crate's stream).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The 1000-operation chain of the peer benchmark: identical values, and
/// at most a tenth of the dispatches.
#[test]
fn a_long_scalar_chain_matches_the_eager_values_with_few_dispatches() {
    let (f, e) = pair();
    let data: Vec<f32> = (0..1024).map(|i| i as f32 * 0.25 - 100.0).collect();
    let run = |d: &Device| {
        let mut x = Array::from_slice(d, &data, [1024]).unwrap();
        d.flush().unwrap();
        let before = d.dispatch_count();
        for k in 0..1000 {
            x = if k % 2 == 0 {
                (&x * 1.0001f32).unwrap()
            } else {
                (&x + 0.5f32).unwrap()
            };
        }
        let v = x.to_vec().unwrap();
        (v, d.dispatch_count() - before)
    };
    let (vf, nf) = run(&f);
    let (ve, ne) = run(&e);
    assert_eq!(bits(&vf), bits(&ve));
    assert!(ne >= 1000, "eager: {ne} dispatches");
    assert!(nf * 10 <= ne, "fused: {nf} dispatches against {ne}");
}

/// One random program, run on both devices: every step's arrays are kept
/// in pairs and compared at random points and at the end.
fn program(seed: u64, steps: usize) -> (u64, u64) {
    let (f, e) = pair();
    let mut rng = Lcg(seed);
    let n = 8;
    let init = |k: usize| -> Vec<f32> {
        (0..n * n)
            .map(|i| ((i * 7 + k * 13) % 29) as f32 * 0.375 - 4.0)
            .collect()
    };
    let mut vars: Vec<(Array<f32>, Array<f32>)> = (0..3)
        .map(|k| {
            let v = init(k);
            (
                Array::from_slice(&f, &v, [n, n]).unwrap(),
                Array::from_slice(&e, &v, [n, n]).unwrap(),
            )
        })
        .collect();
    // The same view of both arrays of a pair.
    let view = |a: &Array<f32>, which: usize| -> Array<f32> {
        match which {
            0 => a.clone(),
            1 => a.t(),
            2 => a.flip(0).unwrap(),
            3 => a.slice(s![.., ..;-1]).unwrap(),
            4 => a.slice(s![2..3, ..]).unwrap().broadcast_to([n, n]).unwrap(),
            _ => a.slice(s![.., 5..6]).unwrap().broadcast_to([n, n]).unwrap(),
        }
    };
    let ops = [
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Mul,
        BinaryOp::Div,
        BinaryOp::Maximum,
        BinaryOp::Minimum,
        BinaryOp::Rem,
    ];
    let unops = [
        UnaryOp::Neg,
        UnaryOp::Abs,
        UnaryOp::Floor,
        UnaryOp::Sin,
        UnaryOp::Round,
        UnaryOp::Tanh,
    ];
    let compare = |vars: &[(Array<f32>, Array<f32>)], what: &str| {
        for (k, (a, b)) in vars.iter().enumerate() {
            assert_eq!(
                bits(&a.to_vec().unwrap()),
                bits(&b.to_vec().unwrap()),
                "seed {seed}, {what}, array {k}"
            );
        }
    };
    for step in 0..steps {
        let pick = |rng: &mut Lcg, vars: &[(Array<f32>, Array<f32>)]| rng.below(vars.len());
        match rng.below(17) {
            // A new array from two operands (views, broadcasts, scalars).
            0..=3 => {
                let op = ops[rng.below(ops.len())];
                let (i, j) = (pick(&mut rng, &vars), pick(&mut rng, &vars));
                let (vi, vj) = (rng.below(6), rng.below(6));
                let scalar = rng.below(4) == 0;
                let c = 0.75f32 + rng.below(5) as f32;
                let mk = |a: &Array<f32>, b: &Array<f32>| {
                    let a = view(a, vi);
                    if scalar {
                        binary(op, &a, c, None).unwrap().unwrap()
                    } else {
                        binary(op, &a, &view(b, vj), None).unwrap().unwrap()
                    }
                };
                let r = (mk(&vars[i].0, &vars[j].0), mk(&vars[i].1, &vars[j].1));
                vars.push(r);
            }
            // A function of one operand.
            4..=5 => {
                let op = unops[rng.below(unops.len())];
                let i = pick(&mut rng, &vars);
                let v = rng.below(6);
                let mk = |a: &Array<f32>| unary(op, &view(a, v), None).unwrap().unwrap();
                let r = (mk(&vars[i].0), mk(&vars[i].1));
                vars.push(r);
            }
            // In place, into a view of an array (overlapping its inputs or not).
            6..=7 => {
                let op = ops[rng.below(3)];
                let (t, i) = (pick(&mut rng, &vars), pick(&mut rng, &vars));
                let (vt, vi) = (rng.below(4), rng.below(6));
                let run = |dst: &Array<f32>, a: &Array<f32>| {
                    let dst = view(dst, vt);
                    binary(op, &dst, &view(a, vi), Some(&dst)).unwrap();
                };
                run(&vars[t].0, &vars[i].0);
                run(&vars[t].1, &vars[i].1);
            }
            // Drop a handle (its pending output need not be stored).
            8 => {
                if vars.len() > 2 {
                    let k = pick(&mut rng, &vars);
                    vars.remove(k);
                }
            }
            // Writes that are not element-wise: a copy through a view, a
            // set, a where with a bool condition, a sum.
            9 => {
                let (t, i) = (pick(&mut rng, &vars), pick(&mut rng, &vars));
                let v = rng.below(3);
                view(&vars[t].0, v).assign(&vars[i].0).unwrap();
                view(&vars[t].1, v).assign(&vars[i].1).unwrap();
                vars[t].0.set([1, 2], 9.5).unwrap();
                vars[t].1.set([1, 2], 9.5).unwrap();
            }
            10 => {
                let (i, j) = (pick(&mut rng, &vars), pick(&mut rng, &vars));
                let mk = |a: &Array<f32>, b: &Array<f32>| {
                    let c = a.gt(&b.t()).unwrap();
                    let w = where_(&c, a, 0.5f32).unwrap();
                    let s = w.sum(Some(&[0]), true).unwrap();
                    (&w + &s).unwrap()
                };
                let r = (mk(&vars[i].0, &vars[j].0), mk(&vars[i].1, &vars[j].1));
                vars.push(r);
            }
            // An expression of several operations whose intermediate
            // results are dropped at once.
            11..=13 => {
                let len = 2 + rng.below(5);
                let plan: Vec<(BinaryOp, usize, usize, bool)> = (0..len)
                    .map(|_| {
                        (
                            ops[rng.below(ops.len())],
                            pick(&mut rng, &vars),
                            rng.below(6),
                            rng.below(3) == 0,
                        )
                    })
                    .collect();
                let start = pick(&mut rng, &vars);
                let mk = |vars: &[Array<f32>]| {
                    let mut x = vars[start].clone();
                    for &(op, k, v, scalar) in &plan {
                        x = if scalar {
                            binary(op, &x, 1.5f32, None).unwrap().unwrap()
                        } else {
                            binary(op, &x, &view(&vars[k], v), None).unwrap().unwrap()
                        };
                    }
                    x
                };
                let fv: Vec<Array<f32>> = vars.iter().map(|p| p.0.clone()).collect();
                let ev: Vec<Array<f32>> = vars.iter().map(|p| p.1.clone()).collect();
                vars.push((mk(&fv), mk(&ev)));
            }
            // Several in-place operations into one destination.
            14..=15 => {
                let t = pick(&mut rng, &vars);
                let vt = rng.below(4);
                let plan: Vec<(BinaryOp, usize, usize)> = (0..2 + rng.below(4))
                    .map(|_| (ops[rng.below(3)], pick(&mut rng, &vars), rng.below(6)))
                    .collect();
                let run = |vars: &[Array<f32>]| {
                    let dst = view(&vars[t], vt);
                    for &(op, k, v) in &plan {
                        binary(op, &dst, &view(&vars[k], v), Some(&dst)).unwrap();
                    }
                };
                run(&vars.iter().map(|p| p.0.clone()).collect::<Vec<_>>());
                run(&vars.iter().map(|p| p.1.clone()).collect::<Vec<_>>());
            }
            _ => compare(&vars, &format!("step {step}")),
        }
        if vars.len() > 12 {
            vars.remove(0);
        }
    }
    compare(&vars, "the end");
    f.flush().unwrap();
    e.flush().unwrap();
    (f.dispatch_count(), e.dispatch_count())
}

#[test]
fn random_programs_give_the_eager_values() {
    let (mut nf, mut ne) = (0, 0);
    for seed in 0..40 {
        let (a, b) = program(seed, 60);
        nf += a;
        ne += b;
    }
    // Chains formed: the fused device launched fewer kernels.
    eprintln!("dispatches: fused {nf}, eager {ne}");
    assert!(nf < ne, "fused {nf}, eager {ne}");
}

/// The same operations on both devices, compared bit for bit.
fn both<T: Element>(data: &[T], shape: &[usize], f: impl Fn(Array<T>) -> Vec<Array<T>>) {
    let (fd, ed) = pair();
    let a = f(Array::from_slice(&fd, data, shape).unwrap());
    let b = f(Array::from_slice(&ed, data, shape).unwrap());
    for (k, (x, y)) in a.iter().zip(&b).enumerate() {
        assert_eq!(
            bits(&x.to_vec().unwrap()),
            bits(&y.to_vec().unwrap()),
            "result {k}"
        );
    }
}

/// Reads and writes of a buffer a kept chain uses run after it: a write
/// into an input of the chain (`fill`, `assign`, `set`), an overlapping
/// in-place operation, and a read through a transposed view.
#[test]
fn writes_and_reads_around_a_kept_chain_see_its_values() {
    let v: Vec<f32> = (0..36).map(|i| i as f32 - 10.0).collect();
    both(&v, &[6, 6], |x| {
        let y = (&(&x * 2.0f32).unwrap() + 1.0f32).unwrap();
        // y must be computed from the old x.
        x.slice(s![..3, ..]).unwrap().fill(0.0).unwrap();
        let z = (&y - &x).unwrap();
        // x[1:] += x[:-1] (overlapping, staged) after a kept op reading x.
        let x1 = x.slice(s![1.., ..]).unwrap();
        let x0 = x.slice(s![..-1, ..]).unwrap();
        binary(BinaryOp::Add, &x1, &x0, Some(&x1)).unwrap();
        // x += x.T with a kept op pending on x.
        let w = (&x * 3.0f32).unwrap();
        binary(BinaryOp::Add, &x, &x.t(), Some(&x)).unwrap();
        let u = (&w + &x.t()).unwrap();
        x.set([0, 0], 42.0).unwrap();
        let t = (&x * &u).unwrap();
        vec![x, y, z, w, u, t]
    });
    // A bare `f64` chain, and in-place chains into one destination.
    let v: Vec<f64> = (0..64).map(|i| (i as f64 - 30.0) * 0.37).collect();
    both(&v, &[64], |x| {
        let mut a = x.copy().unwrap();
        a += &x;
        a *= 1.5;
        a -= &x.flip(0).unwrap();
        let b = (&(&a * &a).unwrap() - &x)
            .unwrap()
            .abs()
            .unwrap()
            .sqrt()
            .unwrap();
        vec![a, b]
    });
}

/// Integer chains wrap as they do alone; each kept dtype.
#[test]
fn integer_chains_wrap_as_alone() {
    let v: Vec<i32> = (0..50).map(|i| i * 97_000_000 - 2_000_000_000).collect();
    both(&v, &[5, 10], |x| {
        let y = (&(&(&x * 7).unwrap() + &x.flip(1).unwrap()).unwrap() - i32::MIN).unwrap();
        let z = (&y.maximum(&x).unwrap() / 3).unwrap();
        vec![y, z]
    });
    let v: Vec<u32> = (0..50).map(|i| i * 91_000_000).collect();
    both(&v, &[50], |x| {
        let y = (&(&x * 3).unwrap() - 5).unwrap();
        vec![(&y + &x).unwrap()]
    });
    let v: Vec<i64> = (0..50)
        .map(|i| i * 400_000_000_000_000_000 - 9_000_000_000_000_000_000)
        .collect();
    both(&v, &[50], |x| {
        let y = (&(&x * 3).unwrap() + 11).unwrap();
        vec![(&y - &x).unwrap().abs().unwrap()]
    });
    let v: Vec<u64> = (0..50).map(|i| i * 400_000_000_000_000_000).collect();
    both(&v, &[50], |x| vec![(&(&x * 5).unwrap() + 1).unwrap()]);
}

/// Host errors come from the operation itself, with a chain kept; the
/// chain is unharmed.
#[test]
fn errors_name_the_operation_with_a_chain_kept() {
    let d = Device::new().unwrap();
    let x = Array::<f32>::ones(&d, [4, 3]).unwrap();
    let y = (&(&x * 2.0f32).unwrap() + 1.0f32).unwrap();
    let bad = Array::<f32>::ones(&d, [5]).unwrap();
    match &y + &bad {
        Err(Error::BroadcastShapes { op, .. }) => assert_eq!(op, "add"),
        other => panic!("expected BroadcastShapes from add, got {other:?}"),
    }
    let ro = x.broadcast_to([2, 4, 3]).unwrap();
    match binary(BinaryOp::Mul, &ro, 2.0f32, Some(&ro)) {
        Err(e) => assert!(e.to_string().contains("multiply"), "{e}"),
        Ok(_) => panic!("a read-only destination was accepted"),
    }
    assert_eq!(y.to_vec().unwrap(), vec![3.0; 12]);
}

/// A kept operation whose result nobody holds is never run; one whose
/// result is held runs once, as one fused launch for a chain.
#[test]
fn unheld_results_are_not_computed() {
    let d = Device::new().unwrap();
    let x = Array::<f32>::ones(&d, [256]).unwrap();
    d.flush().unwrap();
    let n0 = d.dispatch_count();
    {
        let t = (&(&x * 2.0f32).unwrap() + 1.0f32).unwrap();
        drop(t);
    }
    d.flush().unwrap();
    assert_eq!(d.dispatch_count(), n0, "nothing held: nothing runs");
    let t = (&(&(&x * 2.0f32).unwrap() + 1.0f32).unwrap() - 0.5f32).unwrap();
    d.flush().unwrap();
    let n1 = d.dispatch_count();
    assert!(
        n1 - n0 <= 2,
        "one fused launch (a vec4 body and perhaps a tail): {}",
        n1 - n0
    );
    assert_eq!(t.to_vec().unwrap(), vec![2.5; 256]);
    // Nothing but x and t is held once the chain ran.
    assert_eq!(d.allocated_buffers(), 2);
}

/// Chains kept from several threads on one device: each thread's values
/// are its own operations' values.
#[test]
fn chains_from_several_threads() {
    let d = Device::new().unwrap();
    std::thread::scope(|sc| {
        for t in 0..4 {
            let d = d.clone();
            sc.spawn(move || {
                let mut x = Array::<f32>::full(&d, [1000], t as f32).unwrap();
                for _ in 0..300 {
                    x = (&(&x + 1.0f32).unwrap() - 1.0f32).unwrap();
                }
                let y = (&x * 2.0f32).unwrap();
                assert_eq!(y.to_vec().unwrap(), vec![2.0 * t as f32; 1000]);
            });
        }
    });
}

/// Loops with different scalars reuse one compiled chain: the scalars are
/// data, not code.
#[test]
fn scalars_are_data() {
    let d = Device::new().unwrap();
    let x = Array::<f32>::ones(&d, [64]).unwrap();
    for k in 0..20 {
        let c = k as f32;
        let y = (&(&x * c).unwrap() + (c + 0.5)).unwrap();
        assert_eq!(
            y.to_vec().unwrap(),
            vec![c * 1.0 + (c + 0.5); 64],
            "k = {k}"
        );
    }
}
