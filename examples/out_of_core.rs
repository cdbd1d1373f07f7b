//! Out-of-core reductions of a file larger than a device-memory budget.
//!
//! Creates a float32 file of a few GiB (default 2 GiB, `--gib N`) in the
//! temporary directory, summing it on the CPU while writing it, then maps
//! it and reduces it in chunks on the device with a budget (default
//! 256 MiB, `--budget-mib N`): the sum of everything and the per-column
//! maximum, with a progress bar, the throughput, and the peak device
//! memory against the budget. The file is deleted at the end.
//!
//! ```text
//! cargo run --release --example out_of_core -- --gib 1 --budget-mib 256
//! ```

use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use ndgpu::io::{MapMode, Memmap, OutOfCore, Progress};
use ndgpu::{Device, Order, s};

const COLS: usize = 1024;

fn arg(name: &str, default: f64) -> f64 {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == name) {
        Some(i) => args
            .get(i + 1)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{name} needs a number")),
        None => default,
    }
}

fn bar(total: u64, what: &str) -> ProgressBar {
    let pb = ProgressBar::new(total);
    pb.set_style(
        ProgressStyle::with_template(
            "{msg:>12} [{bar:40}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
        )
        .expect("a valid template")
        .progress_chars("=> "),
    );
    pb.set_message(what.to_string());
    pb
}

/// Clean-up of the temporary file, also on an early error.
struct Remove(std::path::PathBuf);
impl Drop for Remove {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn main() -> ndgpu::Result<()> {
    let gib = arg("--gib", 2.0);
    let budget = (arg("--budget-mib", 256.0) * (1u64 << 20) as f64) as u64;
    let rows = ((gib * (1u64 << 30) as f64) as usize / 4 / COLS).max(1);
    let bytes = (rows * COLS * 4) as u64;
    let path = std::env::temp_dir().join(format!("ndgpu_out_of_core_{}.f32", std::process::id()));
    let _remove = Remove(path.clone());
    let dev = Device::new()?;
    println!("device: {}", dev.info().adapter);
    println!(
        "file: {} ({rows} x {COLS} float32, {:.2} GiB), budget {} MiB",
        path.display(),
        bytes as f64 / (1u64 << 30) as f64,
        budget >> 20
    );

    // Write the file through a memmap, 16 MiB at a time, summing on the CPU.
    let t = Instant::now();
    let mm = Memmap::<f32>::open(&path, MapMode::Create, [rows, COLS], Order::C, 0)?;
    let pb = bar(bytes, "writing");
    let step = (16 << 20) / (COLS * 4);
    let mut cpu_sum = 0f64;
    let mut col_max = vec![f32::NEG_INFINITY; COLS];
    let mut x: u64 = 0x9E3779B97F4A7C15;
    let mut buf = vec![0f32; step * COLS];
    for r0 in (0..rows).step_by(step) {
        let r1 = (r0 + step).min(rows);
        let part = &mut buf[..(r1 - r0) * COLS];
        for (i, v) in part.iter_mut().enumerate() {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            *v = (x >> 40) as f32 / (1u64 << 24) as f32; // [0, 1)
            cpu_sum += *v as f64;
            let c = i % COLS;
            col_max[c] = col_max[c].max(*v);
        }
        mm.slice(s![r0 as isize..r1 as isize])?
            .copy_from_slice(part)?;
        pb.set_position((r1 * COLS * 4) as u64);
    }
    mm.flush()?;
    drop(mm);
    pb.finish();
    println!("written in {:.1} s", t.elapsed().as_secs_f64());

    let mm = Memmap::<f32>::open(&path, MapMode::ReadOnly, [rows, COLS], Order::C, 0)?;

    // The sum of everything.
    let pb = bar(bytes, "sum");
    let mut ooc =
        OutOfCore::new(&dev, budget).on_progress(|p: &Progress| pb.set_position(p.bytes_done));
    let t = Instant::now();
    let sum = ooc.sum(&mm, None)?.item()? as f64;
    let secs = t.elapsed().as_secs_f64();
    let st = ooc.stats();
    drop(ooc);
    pb.finish();
    // Chunk sums are trees, chunks add up in sequence: within
    // (log2(n) + chunks + 2) * eps * sum|x| of the exact sum (all x >= 0).
    let n = (rows * COLS) as f64;
    let tol = (n.log2() + st.chunks as f64 + 2.0) * f32::EPSILON as f64 * cpu_sum;
    println!(
        "sum: {sum:.6e} (CPU {cpu_sum:.6e}, |diff| {:.3e}, bound {tol:.3e}) in {secs:.2} s = {:.2} GB/s",
        (sum - cpu_sum).abs(),
        bytes as f64 / secs / 1e9
    );
    println!(
        "  {} chunks of {} rows, peak device memory {:.1} MiB of a {:.1} MiB budget, {:.2} GiB uploaded",
        st.chunks,
        st.rows_per_chunk,
        st.peak_device_bytes as f64 / (1u64 << 20) as f64,
        budget as f64 / (1u64 << 20) as f64,
        st.bytes_uploaded as f64 / (1u64 << 30) as f64
    );

    // The maximum of each column.
    let pb = bar(bytes, "column max");
    let mut ooc =
        OutOfCore::new(&dev, budget).on_progress(|p: &Progress| pb.set_position(p.bytes_done));
    let t = Instant::now();
    let mx = ooc.max(&mm, Some(0))?.to_vec()?;
    let secs = t.elapsed().as_secs_f64();
    let st2 = ooc.stats();
    drop(ooc);
    pb.finish();
    println!(
        "column max: {COLS} columns in {secs:.2} s = {:.2} GB/s, peak {:.1} MiB; matches the CPU: {}",
        bytes as f64 / secs / 1e9,
        st2.peak_device_bytes as f64 / (1u64 << 20) as f64,
        mx == col_max
    );

    let ok = (sum - cpu_sum).abs() <= tol
        && mx == col_max
        && st.peak_device_bytes <= budget
        && st2.peak_device_bytes <= budget;
    if !ok {
        eprintln!("MISMATCH");
        std::process::exit(1);
    }
    println!("ok");
    Ok(())
}
