//! Both families of work mappings ([`ndgpu::Tuning`]) give the same
//! results: the GPU one (interleaved short lanes, 16-byte loads) and the
//! CPU one (lanes walking contiguous runs, and 32-byte `vec4<u64>` loads
//! in element-wise maps and reductions over 4-byte words where the device
//! has 64-bit integers). The default device on lavapipe is CPU-tuned, so the other
//! tests run the CPU mappings; these run both on the same inputs, against
//! exact host arithmetic on integer-valued data.

use ndgpu::{Accumulate, Array, Device, DeviceOptions, Element, Tuning, s};

fn devices() -> Vec<(Tuning, Device)> {
    [Tuning::Gpu, Tuning::Cpu]
        .into_iter()
        .map(|tuning| {
            let d = Device::with_options(DeviceOptions {
                tuning,
                ..Default::default()
            })
            .expect("a GPU adapter (lavapipe: apt-get install mesa-vulkan-drivers)");
            assert_eq!(d.info().cpu_tuned, tuning == Tuning::Cpu);
            (tuning, d)
        })
        .collect()
}

/// Element-wise maps over float32, int32 and uint32 runs of every offset
/// modulo 8 elements (16- and 32-byte aligned or neither) and every tail
/// length modulo 8: array + array, array * scalar, `maximum`, a
/// three-input `where_` and an in-place op on a slice of the buffer.
#[test]
fn maps_agree_under_both_tunings() {
    for (tuning, d) in devices() {
        tuned_maps::<f32>(&d, tuning);
        tuned_maps::<i32>(&d, tuning);
        tuned_maps::<u32>(&d, tuning);
    }
}

fn tuned_maps<T: Element>(d: &Device, tuning: Tuning) {
    let val = |k: usize| ((k * 37 + 11) % 101) as i128;
    let n = 1100usize;
    let host: Vec<T> = (0..n).map(|k| T::from_i128_wrapping(val(k))).collect();
    let a = Array::from_slice(d, &host, &[n]).unwrap();
    let name = T::DTYPE.name();
    for lo in 0..9usize {
        for len in [1usize, 7, 8, 9, 15, 16, 17, 64, 1000, 1001, 1005] {
            let label = format!("{tuning:?} {name} [{lo}..{}]", lo + len);
            let x = a.slice(&s![lo as isize..(lo + len) as isize]).unwrap();
            let y = a.slice(&s![..len as isize]).unwrap();
            let want = |f: &dyn Fn(i128, i128) -> i128| -> Vec<f64> {
                (0..len)
                    .map(|k| T::from_i128_wrapping(f(val(lo + k), val(k))).to_f64())
                    .collect()
            };
            let got = |r: Array<T>| -> Vec<f64> {
                r.to_vec().unwrap().iter().map(|v| v.to_f64()).collect()
            };
            assert_eq!(
                got((&x + &y).unwrap()),
                want(&|p, q| p + q),
                "{label}: x + y"
            );
            assert_eq!(
                got(x.mul(T::from_i128_wrapping(3)).unwrap()),
                want(&|p, _| p * 3),
                "{label}: x * 3"
            );
            assert_eq!(
                got(x.maximum(&y).unwrap()),
                want(&|p, q| p.max(q)),
                "{label}: maximum"
            );
            let c = x.gt(&y).unwrap();
            assert_eq!(
                got(ndgpu::where_(&c, &x, &y).unwrap()),
                want(&|p, q| if p > q { p } else { q }),
                "{label}: where"
            );
            let z = Array::from_slice(d, &host, &[n]).unwrap();
            z.slice(&s![lo as isize..(lo + len) as isize])
                .unwrap()
                .add_assign(T::from_i128_wrapping(5))
                .unwrap();
            let mut w: Vec<f64> = host.iter().map(|v| v.to_f64()).collect();
            for (k, v) in w.iter_mut().enumerate().skip(lo).take(len) {
                *v = T::from_i128_wrapping(val(k) + 5).to_f64();
            }
            assert_eq!(got(z), w, "{label}: in place += 5");
        }
    }
}

/// The row reduction with vector loads has a GPU mapping (many short
/// lanes, interleaved, 16-byte loads) and a CPU one (fewer lanes walking
/// contiguous runs in blocks, with 32-byte loads where every run is a
/// multiple of 8 elements starting 32-byte aligned): both give exact sums,
/// extrema and means of integer-valued data for rows of whole blocks,
/// short rows of one lane, a partial block, a 1-3 element tail, one long
/// row over many chunks, trailing axes of a 3-D array, aligned and
/// unaligned offset views and a transposed view summed to a scalar; and
/// NumPy's classic 0.1 sum within 4 ulps.
#[test]
fn reductions_agree_under_both_tunings() {
    for (tuning, d) in devices() {
        tuned_rows::<f32>(&d, tuning);
        tuned_rows::<i32>(&d, tuning);
        tuned_rows::<u32>(&d, tuning);
        let a = Array::<f32>::full(&d, &[10_000_000], 0.1).unwrap();
        let got = a.sum(None, false).unwrap().item().unwrap();
        let numpy = 1_000_000.1_f32; // np.full(10**7, 0.1, np.float32).sum()
        let ulps = (got.to_bits() as i64 - numpy.to_bits() as i64).abs();
        assert!(ulps <= 4, "{tuning:?}: got {got}, NumPy {numpy}");
    }
}

fn tuned_rows<T: Element + Accumulate>(d: &Device, tuning: Tuning) {
    // Values in 0..23 (unsigned types too), so every partial sum is an
    // exact integer below 2^24.
    let val = |k: usize| ((31 * k + 17 * (k / 7)) % 23) as i64;
    for (shape, view) in [
        (vec![64usize, 4096], "all"),
        (vec![999, 16], "all"),
        (vec![77, 40], "all"),
        (vec![300, 1000], "all"),
        (vec![301, 1003], "all"),
        (vec![1, (1 << 20) + 3], "all"),
        (vec![5, 7, 4096], "all"),
        (vec![64, 4100], "cols 4.."),
        (vec![64, 4100], "cols 3.."),
        (vec![512, 2048], "transposed"),
    ] {
        let n: usize = shape.iter().product();
        let host: Vec<T> = (0..n)
            .map(|k| T::from_i128_wrapping(val(k) as i128))
            .collect();
        let a = Array::from_slice(d, &host, &shape).unwrap();
        let (v, lv): (Array<T>, Box<dyn Fn(&[usize]) -> usize>) = match view {
            "cols 4.." => {
                let c = shape[1];
                (
                    a.slice(&s![.., 4..]).unwrap(),
                    Box::new(move |ix| ix[0] * c + ix[1] + 4),
                )
            }
            "cols 3.." => {
                let c = shape[1];
                (
                    a.slice(&s![.., 3..]).unwrap(),
                    Box::new(move |ix| ix[0] * c + ix[1] + 3),
                )
            }
            "transposed" => {
                let c = shape[1];
                (a.t(), Box::new(move |ix| ix[1] * c + ix[0]))
            }
            _ => {
                let sh = shape.clone();
                (
                    a.clone(),
                    Box::new(move |ix| ix.iter().zip(&sh).fold(0, |acc, (&i, &m)| acc * m + i)),
                )
            }
        };
        let vs = v.shape().to_vec();
        let label = format!("{tuning:?} {} {shape:?} {view}", T::DTYPE.name());
        let last = *vs.last().unwrap();
        let rows = v.size() / last;
        // Along the last axis: row r of the view's logical C order.
        let mut want = vec![(0i64, i64::MIN, i64::MAX); rows];
        let mut ix = vec![0usize; vs.len()];
        for k in 0..v.size() {
            let mut rem = k;
            for ax in (0..vs.len()).rev() {
                ix[ax] = rem % vs[ax];
                rem /= vs[ax];
            }
            let x = val(lv(&ix));
            let w = &mut want[k / last];
            *w = (w.0 + x, w.1.max(x), w.2.min(x));
        }
        let ax = [-1isize];
        let sums = v.sum(Some(&ax), false).unwrap().to_vec().unwrap();
        let maxs = v.max(Some(&ax), false).unwrap().to_vec().unwrap();
        let mins = v.min(Some(&ax), false).unwrap().to_vec().unwrap();
        let means = v.mean(Some(&ax), false).unwrap().to_vec().unwrap();
        for r in 0..rows {
            assert_eq!(
                sums[r].to_f64(),
                want[r].0 as f64,
                "{label}: sum of row {r}"
            );
            assert_eq!(
                maxs[r].to_f64(),
                want[r].1 as f64,
                "{label}: max of row {r}"
            );
            assert_eq!(
                mins[r].to_f64(),
                want[r].2 as f64,
                "{label}: min of row {r}"
            );
            let m = want[r].0 as f64 / last as f64;
            assert!(
                (means[r].to_f64() - m).abs() <= 1e-6 * m.abs().max(1.0),
                "{label}: mean of row {r}"
            );
        }
        let total: i64 = want.iter().map(|w| w.0).sum();
        let got = v.sum(None, false).unwrap().item().unwrap().to_f64();
        assert_eq!(got, total as f64, "{label}: sum of everything");
    }
}
