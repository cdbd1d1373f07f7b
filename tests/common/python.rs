//! Running NumPy from the tests that check files against it, and fresh
//! temporary directories. Where python3 with NumPy is missing (a CI machine
//! without it), `numpy_available` says so and the caller skips its NumPy
//! check.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::Command;

/// Whether `python3 -c "import numpy"` works; when it does not, prints
/// `skipped: python3 with NumPy is not installed (<what is skipped>)`.
pub fn numpy_available(skipping: &str) -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import numpy"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        println!("skipped: python3 with NumPy is not installed ({skipping})");
    }
    ok
}

/// Runs python3 with `args` (`["-c", script, ...]` or a script path and
/// its arguments), asserts that it succeeds, and returns what it printed.
pub fn python<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> String {
    let out = Command::new("python3").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "python failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A fresh, empty directory for one test: `<temp>/ndgpu_<prefix>_<pid>_<name>`.
pub fn temp_dir(prefix: &str, name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("ndgpu_{prefix}_{}_{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}
