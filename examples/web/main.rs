//! ndgpu in the browser: a page that runs a few of the tour's view and copy
//! steps on WebGPU and shows each result beside NumPy's for the same
//! expression (NumPy 2.4.6's `repr`, quoted below), with the memory facts
//! NumPy users look at. Built for `wasm32-unknown-unknown` as a `cdylib`;
//! `examples/web/README.md` says how to build, serve and check it.
//!
//! On native targets this example is empty (it is a browser page).

#![cfg(target_arch = "wasm32")]

use ndgpu::error::format_tuple;
use ndgpu::{Array, Device, Element, s};
use wasm_bindgen::prelude::*;

/// One step of the page: the NumPy expression, what ndgpu printed, NumPy's
/// repr of the same expression, and the memory facts.
struct Step {
    title: &'static str,
    numpy: &'static str,
    got: String,
    want: &'static str,
    facts: String,
}

fn facts<T: Element>(a: &Array<T>) -> String {
    let f = a.flags();
    let view = match a.base() {
        Some(b) => format!("view of an array of shape {}", format_tuple(b.shape())),
        None => "owns its data".to_string(),
    };
    format!(
        "shape {}  strides {} bytes  {view}  C_CONTIGUOUS={} F_CONTIGUOUS={} WRITEABLE={}",
        format_tuple(a.shape()),
        format_tuple(&a.strides_bytes()),
        f.c_contiguous,
        f.f_contiguous,
        f.writeable
    )
}

async fn step<T: Element>(
    title: &'static str,
    numpy: &'static str,
    a: &Array<T>,
    want: &'static str,
) -> ndgpu::Result<Step> {
    Ok(Step {
        title,
        numpy,
        got: a.to_string_numpy_async().await?,
        want,
        facts: facts(a),
    })
}

async fn steps(dev: &Device) -> ndgpu::Result<Vec<Step>> {
    let mut out = Vec::new();

    let x = Array::<i32>::arange(dev, 0, 10, 1)?;
    let y = x.slice(s![1..3])?;
    x.slice(s![1..3])?
        .assign(&Array::from_slice(dev, &[10, 11], [2])?)?;
    out.push(
        step(
            "A basic slice is a view: a write through x shows in y",
            "x = np.arange(10); y = x[1:3]; x[1:3] = [10, 11]; y",
            &y,
            "array([10, 11], dtype=int32)",
        )
        .await?,
    );
    out.push(
        step(
            "... and in x",
            "x",
            &x,
            "array([ 0, 10, 11,  3,  4,  5,  6,  7,  8,  9], dtype=int32)",
        )
        .await?,
    );

    let a = Array::<i32>::arange(dev, 0, 24, 1)?.reshape([2, 3, 4])?;
    let r = a.slice(s![..;-1, .., ..;2])?;
    out.push(
        step(
            "Negative and stepped slices are views with negative strides",
            "a = np.arange(24).reshape(2, 3, 4); a[::-1, :, ::2]",
            &r,
            "array([[[12, 14],\n        [16, 18],\n        [20, 22]],\n\n       [[ 0,  2],\n        [ 4,  6],\n        [ 8, 10]]], dtype=int32)",
        )
        .await?,
    );

    let m = Array::<f32>::arange(dev, 0.0, 6.0, 1.0)?.reshape([2, 3])?;
    let mt = m.t();
    out.push(
        step(
            "A transpose is an F-contiguous view",
            "m = np.arange(6.0, dtype=np.float32).reshape(2, 3); m.T",
            &mt,
            "array([[0., 3.],\n       [1., 4.],\n       [2., 5.]], dtype=float32)",
        )
        .await?,
    );
    let c = mt.ascontiguousarray()?;
    out.push(
        step(
            "The contiguous-copy kernel makes a new C-ordered buffer",
            "np.ascontiguousarray(m.T)",
            &c,
            "array([[0., 3.],\n       [1., 4.],\n       [2., 5.]], dtype=float32)",
        )
        .await?,
    );

    let b = Array::<f32>::arange(dev, 0.0, 3.0, 1.0)?.broadcast_to([2, 3])?;
    out.push(
        step(
            "broadcast_to repeats with a zero stride and is read-only",
            "b = np.broadcast_to(np.arange(3.0, dtype=np.float32), (2, 3))",
            &b,
            "array([[0., 1., 2.],\n       [0., 1., 2.]], dtype=float32)",
        )
        .await?,
    );

    let e = (&(&mt * 2.0)? + 1.0)?;
    out.push(
        step(
            "Element-wise ops read the transposed view in place",
            "m.T * 2 + 1",
            &e,
            "array([[ 1.,  7.],\n       [ 3.,  9.],\n       [ 5., 11.]], dtype=float32)",
        )
        .await?,
    );

    let sum = (&m + &b)?.sum(Some(&[0]), false)?;
    out.push(
        step(
            "Reductions",
            "(m + b).sum(axis=0)",
            &sum,
            "array([ 3.,  7., 11.], dtype=float32)",
        )
        .await?,
    );

    let p = mt.matmul(&m)?;
    out.push(
        step(
            "matmul reads the transposed operand in place",
            "m.T @ m",
            &p,
            "array([[ 9., 12., 15.],\n       [12., 17., 22.],\n       [15., 22., 29.]], dtype=float32)",
        )
        .await?,
    );

    let z = Array::<i32>::arange(dev, 0, 10, 1)?;
    z.slice(s![1..])?.assign(&z.slice(s![..-1])?)?;
    out.push(
        step(
            "Overlapping assignment reads the source first",
            "z = np.arange(10); z[1:] = z[:-1]; z",
            &z,
            "array([0, 0, 1, 2, 3, 4, 5, 6, 7, 8], dtype=int32)",
        )
        .await?,
    );
    Ok(out)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Runs the steps and writes them into the page's `#results`; sets
/// `#status` to `done` (or `error: ...`) when finished, and `#summary` to
/// how many steps match NumPy.
#[wasm_bindgen(start)]
pub async fn start() -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let by_id = |id: &str| document.get_element_by_id(id).ok_or(format!("no #{id}"));
    let (results, status, summary) = (by_id("results")?, by_id("status")?, by_id("summary")?);
    let run = async {
        let dev = Device::new_async().await?;
        let info = dev.info();
        let steps = steps(&dev).await?;
        ndgpu::Result::Ok((format!("{} ({})", info.backend, info.device_type), steps))
    };
    match run.await {
        Ok((adapter, steps)) => {
            let mut html = format!(
                "<p class=\"adapter\">WebGPU device: {}</p>",
                escape(&adapter)
            );
            let mut matching = 0;
            for (k, st) in steps.iter().enumerate() {
                let ok = st.got == st.want;
                matching += ok as usize;
                html.push_str(&format!(
                    "<section class=\"{}\"><h2>{}. {}</h2><code>&gt;&gt;&gt; {}</code>\
                     <pre class=\"got\">{}</pre><p class=\"facts\">{}</p>{}</section>",
                    if ok { "match" } else { "differs" },
                    k + 1,
                    escape(st.title),
                    escape(st.numpy),
                    escape(&st.got),
                    escape(&st.facts),
                    if ok {
                        String::new()
                    } else {
                        format!("<pre class=\"want\">NumPy: {}</pre>", escape(st.want))
                    }
                ));
            }
            results.set_inner_html(&html);
            summary.set_text_content(Some(&format!(
                "{matching} of {} steps match NumPy",
                steps.len()
            )));
            summary.set_class_name(if matching == steps.len() { "ok" } else { "bad" });
            status.set_text_content(Some("done"));
        }
        Err(e) => {
            summary.set_text_content(Some(&format!("error: {e}")));
            summary.set_class_name("bad");
            status.set_text_content(Some(&format!("error: {e}")));
        }
    }
    Ok(())
}
