//! Fusion of element-wise chains: a fused chain gives exactly the values
//! (bit for bit) of the same operations run one by one on a device with
//! fusion off, whatever the layouts, in-place forms, writes through views,
//! overlaps and dropped handles; and it launches fewer kernels.

mod common;

use ndgpu::ops::{binary, unary};
use ndgpu::{Array, BinaryOp, Device, DeviceOptions, Element, UnaryOp, s, where_};

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
        let mut x = Array::from_slice(d, &data, &[1024]).unwrap();
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
                Array::from_slice(&f, &v, &[n, n]).unwrap(),
                Array::from_slice(&e, &v, &[n, n]).unwrap(),
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

#[test]
#[ignore]
fn compile_times() {
    let d = Device::new().unwrap();
    let x0 = Array::<f32>::from_slice(&d, &vec![0.5f32; 4096], &[64, 64]).unwrap();
    for (name, op) in [
        ("add", UnaryOp::Neg),
        ("sin", UnaryOp::Sin),
        ("tanh", UnaryOp::Tanh),
        ("round", UnaryOp::Round),
        ("floor", UnaryOp::Floor),
    ] {
        for len in [4usize, 16, 64] {
            for rep in 0..2 {
                let t = std::time::Instant::now();
                let mut x = x0.clone();
                for _ in 0..len {
                    x = unary(op, &x, None).unwrap().unwrap();
                }
                x.to_vec().unwrap();
                eprintln!("{name} len {len} rep {rep}: {:?}", t.elapsed());
            }
        }
    }
    for len in [4usize, 16, 64] {
        let t = std::time::Instant::now();
        let mut x = x0.clone();
        for _ in 0..len {
            x = binary(BinaryOp::Rem, &x, 1.5f32, None).unwrap().unwrap();
        }
        x.to_vec().unwrap();
        eprintln!("rem len {len}: {:?}", t.elapsed());
    }
}
