//! An image as a uint8 array of shape (H, W, 3), and what NumPy users do
//! to one: crop, flip, rotate by 90 degrees and reorder channels — all
//! views, no device work and no memory — then convert to float32 and to
//! grayscale, which are copies.
//!
//! The picture is drawn procedurally on the device with ndgpu's
//! element-wise operations (a sunset: sky gradient, sun and glow, two
//! mountain ridges, rippled water). Every step's result is saved as a PNG
//! in `target/examples/image/`, and a table says for each step whether it
//! is a view or a copy and how many bytes of device memory it allocated.
//! Saving a view reads it back in C order: ndgpu runs a strided copy into a
//! temporary contiguous buffer first (freed right after), shown in the
//! last column.
//!
//! Run: `cargo run --release --example image`.

use std::path::{Path, PathBuf};

use ndgpu::{Array, Device, Result, s, stack, where_};

const H: usize = 360;
const W: usize = 540;

/// One colour channel of the sunset, an (H, W) float32 array in 0..1:
/// `sky` at the top and `horizon` at the bottom of the sky, then the
/// sun's, the two ridges' and the water's values.
struct Palette {
    sky: f32,
    horizon: f32,
    sun: f32,
    far: f32,
    near: f32,
    water: f32,
}

/// Draws one channel with array operations on (H, 1) and (1, W) views
/// broadcast against each other.
fn channel(x: &Array<f32>, y: &Array<f32>, p: &Palette) -> Result<Array<f32>> {
    // The sky: a gradient down to the horizon at y = 0.62, and the sun's
    // glow around (0.70, 0.40) (distances with the aspect ratio).
    let aspect = W as f32 / H as f32;
    let sky = ((y * ((p.horizon - p.sky) / 0.62))? + p.sky)?;
    let dx = ((x - 0.70)? * aspect)?;
    let dy = (y - 0.40)?;
    let d = ((&dx * &dx)? + (&dy * &dy)?)?.sqrt()?;
    let glow = ((&d * -7.0)?.exp()? * (p.sun * 0.45))?;
    let sky = (&sky + &glow)?;
    let sun = d.lt(0.085)?;
    let sky = where_(&sun, p.sun, &sky)?;
    // Two ridges: sums of sines in x.
    let far_ridge = ((((x * 7.0)? + 0.8)?.sin()? * 0.05)? + 0.52)?;
    let far_ridge = (&far_ridge + (((x * 19.0)?.sin()? * 0.02)?))?;
    let near_ridge = ((((x * 4.0)? + 2.5)?.sin()? * 0.07)? + 0.62)?;
    let near_ridge = (&near_ridge + ((((x * 31.0)? + 1.0)?.sin()? * 0.015)?))?;
    let far = y.gt(&far_ridge)?;
    let near = y.gt(&near_ridge)?;
    let land = where_(&near, p.near, &where_(&far, p.far, &sky)?)?;
    // The water below y = 0.72: ripples, and the sun's reflection where
    // the ripples catch it.
    let ripple = (((y * 140.0)? + (((x * 9.0)?.sin()? * 4.0)?))?.sin()? * 0.06)?;
    let water = (&ripple + p.water)?;
    let column = (x - 0.70)?.abs()?.lt(&((y - 0.62)? * 0.25)?)?;
    let glint = ripple.gt(0.03)?.logical_and(&column)?;
    let water = where_(&glint, p.sun * 0.9, &water)?;
    let below = y.gt(0.72)?;
    where_(&below, &water, &land)?.clip(0.0, 1.0)
}

/// The PNG writer: reads the array back (a view is first copied to a
/// temporary contiguous buffer by ndgpu) and saves it as RGB or gray.
fn save(dev: &Device, a: &Array<u8>, path: &Path) -> Result<u64> {
    let before = dev.memory_stats();
    let bytes = a.to_vec()?;
    let after = dev.memory_stats();
    let (h, w) = (a.shape()[0] as u32, a.shape()[1] as u32);
    let saved = match a.ndim() {
        3 => image::RgbImage::from_raw(w, h, bytes).map(|i| i.save(path)),
        _ => image::GrayImage::from_raw(w, h, bytes).map(|i| i.save(path)),
    };
    if !matches!(saved, Some(Ok(()))) {
        eprintln!("could not write {}", path.display());
    }
    // Allocations made for the read-back (the temporary copy of a view).
    Ok((after.pool_hits + after.driver_allocations)
        - (before.pool_hits + before.driver_allocations))
}

/// A table row: what a step made and what it cost.
struct Row {
    step: &'static str,
    shape: Vec<usize>,
    view: bool,
    same_buffer: bool,
    allocated: i64,
    readback_temporaries: u64,
    file: PathBuf,
}

fn main() -> Result<()> {
    let dev = Device::new()?;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/examples/image");
    std::fs::create_dir_all(&dir).map_err(|e| ndgpu::Error::Io {
        op: "examples/image",
        path: dir.display().to_string(),
        reason: e.to_string(),
    })?;
    let mut rows: Vec<Row> = Vec::new();
    let mut record = |step, a: &Array<u8>, img: Option<&Array<u8>>, allocated, name: &str| {
        let file = dir.join(name);
        let temporaries = save(&dev, a, &file)?;
        rows.push(Row {
            step,
            shape: a.shape().to_vec(),
            view: a.is_view(),
            same_buffer: img.is_some_and(|i| a.same_buffer(i)),
            allocated,
            readback_temporaries: temporaries,
            file,
        });
        Ok::<_, ndgpu::Error>(())
    };
    let live = || dev.allocated_bytes() as i64;

    // ---- the picture, drawn on the device -----------------------------------
    let at = live();
    let x = (Array::<f32>::arange(&dev, 0.0, W as f32, 1.0)? * (1.0 / (W - 1) as f32))?
        .reshape([1, W as isize])?;
    let y = (Array::<f32>::arange(&dev, 0.0, H as f32, 1.0)? * (1.0 / (H - 1) as f32))?
        .reshape([H as isize, 1])?;
    let palettes = [
        Palette {
            sky: 0.16,
            horizon: 0.98,
            sun: 1.00,
            far: 0.42,
            near: 0.20,
            water: 0.22,
        },
        Palette {
            sky: 0.10,
            horizon: 0.55,
            sun: 0.92,
            far: 0.22,
            near: 0.09,
            water: 0.25,
        },
        Palette {
            sky: 0.42,
            horizon: 0.35,
            sun: 0.55,
            far: 0.38,
            near: 0.20,
            water: 0.45,
        },
    ];
    let channels: Vec<Array<f32>> = palettes
        .iter()
        .map(|p| channel(&x, &y, p))
        .collect::<Result<_>>()?;
    // (H, W, 3) in 0..255, rounded, as uint8.
    let rgb = stack(&channels, 2)?;
    let img: Array<u8> = ((&rgb * 255.0)? + 0.5)?.astype::<u8>()?;
    drop((rgb, channels, x, y));
    record(
        "draw: element-wise ops, stack, astype(uint8)",
        &img,
        None,
        live() - at,
        "0_original.png",
    )?;
    let base = Some(&img);

    // ---- views: no device work, no memory ----------------------------------
    let at = live();
    let crop = img.slice(s![60..300, 200..520, ..])?;
    record(
        "crop: img[60:300, 200:520]",
        &crop,
        base,
        live() - at,
        "1_crop.png",
    )?;
    let at = live();
    let mirrored = img.flip(1)?;
    record(
        "flip(1): left-right",
        &mirrored,
        base,
        live() - at,
        "2_flip_lr.png",
    )?;
    let at = live();
    let upside_down = img.flip(0)?;
    record(
        "flip(0): upside down",
        &upside_down,
        base,
        live() - at,
        "3_flip_ud.png",
    )?;
    let at = live();
    let left = img.rot90(1, [0, 1])?;
    record(
        "rot90(1): a quarter turn left",
        &left,
        base,
        live() - at,
        "4_rot90.png",
    )?;
    let at = live();
    let right = crop.rot90(-1, [0, 1])?;
    record(
        "rot90(-1) of the crop: right",
        &right,
        base,
        live() - at,
        "5_crop_rot270.png",
    )?;
    let at = live();
    let bgr = img.flip(2)?;
    assert!(bgr.strides()[2] < 0);
    record(
        "flip(2): RGB -> BGR (stride -1)",
        &bgr,
        base,
        live() - at,
        "6_bgr.png",
    )?;
    let at = live();
    let combo = img.slice(s![..;2, ..;2, ..])?.rot90(2, [0, 1])?.flip(2)?;
    record(
        "[::2, ::2], rot90(2), flip(2)",
        &combo,
        base,
        live() - at,
        "7_combo.png",
    )?;

    // ---- copies: new memory ---------------------------------------------------
    let at = live();
    let norm = (img.astype::<f32>()? * (1.0 / 255.0))?;
    let allocated = live() - at;
    let back = ((&norm * 255.0)? + 0.5)?.astype::<u8>()?;
    record(
        "astype(float32) / 255: normalise",
        &back,
        base,
        allocated,
        "8_normalised.png",
    )?;
    println!(
        "normalised: {:?} {}, mean per channel {:?}",
        norm.shape(),
        norm.dtype(),
        norm.mean(Some(&[0, 1]), false)?.to_vec()?
    );
    drop(back);
    let at = live();
    let weights = Array::<f32>::from_slice(&dev, &[0.299, 0.587, 0.114], [3])?;
    let gray = ndgpu::matmul(&norm, &weights)?;
    let allocated = live() - at;
    let gray8 = ((&gray * 255.0)? + 0.5)?.astype::<u8>()?;
    record(
        "norm @ [0.299, 0.587, 0.114]: gray",
        &gray8,
        base,
        allocated,
        "9_gray.png",
    )?;

    // ---- the table -------------------------------------------------------------
    println!(
        "\n{:<46} {:<14} {:<5} {:<11} {:>15} {:>12}",
        "step", "shape", "kind", "same buffer", "device bytes", "save: temps"
    );
    for r in &rows {
        println!(
            "{:<46} {:<14} {:<5} {:<11} {:>15} {:>12}",
            r.step,
            format!("{:?}", r.shape),
            if r.view { "view" } else { "copy" },
            r.same_buffer,
            r.allocated,
            r.readback_temporaries
        );
    }
    println!(
        "\n'device bytes': change of Device::allocated_bytes over the step (the copies' \
         temporaries are freed by then; the float32 image is {} bytes).\n'save: temps': device \
         buffers allocated while reading the result back for the PNG: a view is copied to a \
         temporary contiguous buffer first, then read.",
        H * W * 3 * 4
    );
    for r in &rows {
        println!("wrote {}", r.file.display());
    }
    Ok(())
}
