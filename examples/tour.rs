//! A tour of ndgpu's views against copies on the device, step by step after
//! NumPy's copy/view documentation: each step prints the arrays, their
//! shapes, byte strides, flags, what they are views of, and which share memory.
//! Steps 11-14 compute through views: element-wise ops, reductions and
//! matmul read transposed and strided operands in place, and work is
//! submitted in batches. Step 15 averages over a zero-copy window view.
//!
//! Run with `cargo run --release --example tour`.

use std::error::Error;

use ndgpu::error::format_tuple;
use ndgpu::{Array, Device, Element, s};

type Res = Result<(), Box<dyn Error>>;

fn heading(n: usize, title: &str) {
    println!("\n=== {n}. {title} ===");
}

/// Prints `name = <contents>` and the memory facts NumPy users look at.
fn show<T: Element>(name: &str, a: &Array<T>) {
    let f = a.flags();
    let indent = " ".repeat(name.len() + 3);
    // Continuation lines of the repr line up under its first line.
    let body = a
        .to_string()
        .lines()
        .enumerate()
        .map(|(i, l)| match (i, l.is_empty()) {
            (0, _) | (_, true) => l.to_string(),
            _ => format!("{indent}{l}"),
        })
        .collect::<Vec<_>>()
        .join("\n");
    println!("{name} = {body}");
    let view = match a.base() {
        Some(b) => format!("view of an array of shape {}", format_tuple(b.shape())),
        None => "owns its data".to_string(),
    };
    println!(
        "    shape {}  strides {} bytes  offset {} bytes  {view}",
        format_tuple(a.shape()),
        format_tuple(&a.strides_bytes()),
        a.offset_bytes(),
    );
    println!(
        "    C_CONTIGUOUS={} F_CONTIGUOUS={} WRITEABLE={} OWNDATA={}",
        f.c_contiguous, f.f_contiguous, f.writeable, f.owndata
    );
}

fn shares<T: Element, U: Element>(a: (&str, &Array<T>), b: (&str, &Array<U>)) -> Res {
    println!(
        "    np.shares_memory({}, {}) = {}",
        a.0,
        b.0,
        a.1.shares_memory(b.1)?
    );
    Ok(())
}

fn mib(bytes: u64) -> String {
    format!(
        "{bytes} bytes ({:.2} MiB)",
        bytes as f64 / (1024.0 * 1024.0)
    )
}

fn main() -> Res {
    let dev = Device::new()?;
    println!("ndgpu tour: views against copies, NumPy's rules on the GPU");
    println!("{}", dev.info());

    heading(1, "A basic slice is a view: x = np.arange(10); y = x[1:3]");
    let x = Array::<i32>::arange(&dev, 0, 10, 1)?;
    let y = x.slice(&s![1..3])?;
    show("x", &x);
    show("y", &y);
    println!("    y.base is x: {}", y.is_view_of(&x));
    shares(("x", &x), ("y", &y))?;
    println!("x[1:3] = [10, 11]   (a write through x shows in y)");
    x.slice(&s![1..3])?
        .assign(&Array::from_slice(&dev, &[10, 11], &[2])?)?;
    show("x", &x);
    show("y", &y);

    heading(
        2,
        "Advanced indexing copies: z = x[[1, 2]] (here: x[1:3].copy())",
    );
    let z = x.slice(&s![1..3])?.copy()?;
    show("z", &z);
    shares(("x", &x), ("z", &z))?;
    println!("x[1] = 99   (z does not change)");
    x.set(&[1], 99)?;
    show("x", &x);
    show("z", &z);

    heading(
        3,
        "reshape gives a view when it can: np.arange(9).reshape(3, 3)",
    );
    let a9 = Array::<i32>::arange(&dev, 0, 9, 1)?;
    let r = a9.reshape(&[3, 3])?;
    show("r", &r);
    println!(
        "    r is a view: {}, of arange(9): {}",
        r.is_view(),
        r.is_view_of(&a9)
    );

    heading(
        4,
        "A transpose is not contiguous, so its shape cannot be set in place",
    );
    let o = Array::<f32>::ones(&dev, &[2, 3])?;
    let mut t = o.t();
    show("t", &t);
    match t.set_shape(&[6]) {
        Ok(()) => println!("    t.shape = (6,) unexpectedly succeeded: {:?}", t.shape()),
        Err(e) => println!("    t.shape = (6,) -> AttributeError: {e}"),
    }

    heading(5, "ravel is a view when it can be, flatten always copies");
    let c = Array::<i32>::arange(&dev, 0, 6, 1)?.reshape(&[2, 3])?;
    let rv = c.ravel()?;
    let fl = c.flatten()?;
    show("c", &c);
    show("c.ravel()", &rv);
    show("c.flatten()", &fl);
    shares(("c", &c), ("c.ravel()", &rv))?;
    shares(("c", &c), ("c.flatten()", &fl))?;
    let ct = c.t();
    let rvt = ct.ravel()?;
    show("c.T.ravel()", &rvt);
    shares(("c", &c), ("c.T.ravel()", &rvt))?;

    heading(6, "Reversing gives a negative stride: a[::-1]");
    let a24 = Array::<i32>::arange(&dev, 0, 24, 1)?.reshape(&[2, 3, 4])?;
    let rev = a24.slice(&s![..;-1])?;
    show("a", &a24);
    show("a[::-1]", &rev);
    shares(("a", &a24), ("a[::-1]", &rev))?;

    heading(
        7,
        "broadcast_to repeats with a zero stride and is read-only",
    );
    let b3 = Array::<i32>::arange(&dev, 0, 3, 1)?;
    let bc = b3.broadcast_to(&[1000, 3])?;
    show("b", &bc);
    println!(
        "    b addresses {} bytes but keeps only {} bytes alive",
        bc.nbytes(),
        bc.buffer_nbytes()
    );
    match bc.fill(7) {
        Ok(()) => println!("    b.fill(7) unexpectedly succeeded"),
        Err(e) => println!("    b.fill(7) -> ValueError: {e}"),
    }

    heading(
        8,
        "Contiguity: np.arange(12).reshape(3, 4) and np.asfortranarray of it",
    );
    let m = Array::<f32>::arange(&dev, 0.0, 12.0, 1.0)?.reshape(&[3, 4])?;
    let mf = m.asfortranarray()?;
    show("m", &m);
    show("np.asfortranarray(m)", &mf);
    shares(("m", &m), ("np.asfortranarray(m)", &mf))?;
    let mc = m.ascontiguousarray()?;
    println!(
        "    np.ascontiguousarray(m) is m itself (no copy): {}",
        mc.same_buffer(&m) && mc.layout() == m.layout()
    );

    heading(
        9,
        "A small view keeps its large parent alive; a copy lets it go",
    );
    // Counted from here, so the arrays of earlier steps do not blur the picture.
    let base = dev.allocated_bytes();
    let grown = || mib(dev.allocated_bytes().saturating_sub(base));
    let big = Array::<f32>::zeros(&dev, &[4 * 1024 * 1024])?;
    println!(
        "    big = np.zeros(4 * 2**20, float32): device memory +{}",
        grown()
    );
    let small = big.slice(&s![..10])?;
    drop(big);
    println!("    small = big[:10]; del big: still +{}", grown());
    println!(
        "        small addresses {} bytes but keeps {} alive",
        small.nbytes(),
        mib(small.buffer_nbytes())
    );
    let kept = small.copy()?;
    drop(small);
    println!("    kept = small.copy(); del small: +{}", grown());
    println!(
        "        the parent's buffer is freed; kept holds {} bytes",
        kept.buffer_nbytes()
    );

    heading(
        10,
        "Overlapping assignment: x = np.arange(10); x[2:] = x[:-2]",
    );
    let xo = Array::<i32>::arange(&dev, 0, 10, 1)?;
    xo.slice(&s![2..])?.assign(&xo.slice(&s![..-2])?)?;
    show("x", &xo);
    let expected = [0, 1, 0, 1, 2, 3, 4, 5, 6, 7];
    println!(
        "    NumPy gives {:?}: {}",
        expected,
        if xo.to_vec()? == expected {
            "same"
        } else {
            "DIFFERENT"
        }
    );

    compute_through_views(&dev)
}

/// Steps 11-15: work reads views where they lie. Timings on a software
/// driver mean little on their own; the ratios within one run do.
fn compute_through_views(dev: &Device) -> Res {
    let n = 2048usize;
    let a =
        Array::<f32>::arange(dev, 0.0, (n * n) as f32, 1.0)?.reshape(&[n as isize, n as isize])?;
    dev.synchronize()?;
    let time = |f: &dyn Fn() -> Res| -> Result<f64, Box<dyn Error>> {
        let mut best = f64::INFINITY;
        for _ in 0..3 {
            let t = std::time::Instant::now();
            f()?;
            dev.synchronize()?;
            best = best.min(t.elapsed().as_secs_f64() * 1e3);
        }
        Ok(best)
    };

    heading(11, "An op on a transposed view reads it in place: a.T * 2");
    let before = dev.allocated_bytes();
    let r = (&a.t() * 2.0)?;
    println!(
        "    a.T * 2 allocated {} (the result only); its strides {} bytes follow a.T's memory order (NumPy's order 'K')",
        mib(dev.allocated_bytes() - before),
        format_tuple(&r.strides_bytes())
    );
    drop(r);
    let view = time(&|| {
        (&a.t() * 2.0)?;
        Ok(())
    })?;
    let copy = time(&|| {
        (&a.t().ascontiguousarray()? * 2.0)?;
        Ok(())
    })?;
    println!(
        "    {n}x{n} f32: a.T * 2 {view:.1} ms, np.ascontiguousarray(a.T) * 2 {copy:.1} ms ({:.1}x)",
        copy / view
    );

    heading(
        12,
        "Reductions read views too: a.T.sum(axis=0), a[::-1, ::2].max()",
    );
    let before = dev.allocated_bytes();
    let col = a.t().sum(Some(&[0]), false)?;
    println!(
        "    a.T.sum(axis=0)[:3] = {:?} (rows of a), allocated {}",
        &col.to_vec()?[..3],
        mib(dev.allocated_bytes() - before)
    );
    let m = a.slice(&s![..;-1, ..;2])?.max(None, false)?.item()?;
    println!(
        "    a[::-1, ::2].max() = {m} (NumPy: {})",
        (n * n - 2) as f32
    );
    let ones = Array::<f32>::ones(dev, &[1 << 24])?;
    println!(
        "    np.ones(2**24, float32).sum() = {} (exact: the sum is tree-shaped)",
        ones.sum(None, false)?.item()?
    );

    heading(13, "matmul reads a transposed operand without copying it");
    let k = 512usize;
    let b = Array::<f32>::arange(dev, 0.0, 1.0, 1.0 / (k * k) as f32)?
        .reshape(&[k as isize, k as isize])?;
    let via_view = b.t().matmul(&b)?;
    let via_copy = b.t().ascontiguousarray()?.matmul(&b)?;
    println!(
        "    b.T @ b == np.ascontiguousarray(b.T) @ b for {k}x{k}: {}",
        via_view.to_vec()? == via_copy.to_vec()?
    );

    heading(14, "Work is batched: 1000 small ops, few submissions");
    let before = dev.submissions();
    let mut x = Array::<f32>::ones(dev, &[1024])?;
    for i in 0..1000 {
        x = if i % 2 == 0 {
            (&x * 1.0001)?
        } else {
            (&x + 0.5)?
        };
    }
    let last = x.get(&[0])?;
    println!(
        "    x = x * 1.0001 + 0.5, 500 times: x[0] = {last} (NumPy: 257.39468), {} queue submissions for 1000 ops",
        dev.submissions() - before
    );

    heading(
        15,
        "A moving average through a zero-copy window view: sliding_window_view(x, 3).mean(axis=-1)",
    );
    let x = Array::<f32>::from_slice(dev, &[3., 1., 4., 1., 5., 9., 2., 6., 5., 3.], [10])?;
    let before = dev.allocated_bytes();
    let w = x.sliding_window_view([3], None)?;
    show("w", &w);
    println!(
        "    the windows allocated {} bytes: a read-only view of x ({}), both strides one element",
        dev.allocated_bytes() - before,
        w.is_view_of(&x)
    );
    let avg = w.mean(Some(&[-1]), false)?;
    show("avg", &avg);
    let numpy = [
        2.6666667f32,
        2.0,
        3.3333333,
        5.0,
        5.3333335,
        5.6666665,
        4.3333335,
        4.6666665,
    ];
    println!(
        "    avg = w.mean(axis=-1); NumPy gives {numpy:?}: {}",
        if avg.to_vec()? == numpy {
            "same"
        } else {
            "DIFFERENT"
        }
    );
    Ok(())
}
