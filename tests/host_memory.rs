//! Reading back under a host memory limit: `to_vec` needs the staging
//! buffer and the result, nothing more, and a result it cannot allocate is
//! `Error::HostOutOfMemory`, not an abort of the process.
//!
//! The test runs itself as a child process, which sets up a 256 MiB array,
//! reports its address-space size, and waits; the parent then limits the
//! child's address space (`prlimit --as`) to room for the staging buffer
//! but not for the result as well, and lets it read back.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use ndgpu::{Array, Device, Error};

const CHILD: &str = "NDGPU_HOST_MEMORY_CHILD";
const BYTES: usize = 256 << 20;

fn vm_size_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmSize:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmSize");
    kb * 1024
}

fn child() {
    let d = Device::new().unwrap();
    let a = Array::<u8>::zeros(&d, &[BYTES]).unwrap();
    // Compile and exercise the read-back path first.
    assert_eq!(
        a.slice(&ndgpu::s![..8]).unwrap().to_vec().unwrap(),
        vec![0; 8]
    );
    d.synchronize().unwrap();
    println!("VM {}", vm_size_bytes());
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    match a.to_vec() {
        Err(Error::HostOutOfMemory { op, bytes }) => {
            println!("RESULT HostOutOfMemory {op} {bytes}")
        }
        Err(e) => println!("RESULT error {e}"),
        Ok(v) => println!("RESULT ok {}", v.len()),
    }
}

#[test]
fn to_vec_past_a_host_memory_limit_is_an_error() {
    if std::env::var_os(CHILD).is_some() {
        child();
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let mut c = Command::new(exe)
        .args([
            "--exact",
            "to_vec_past_a_host_memory_limit_is_an_error",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Should the child ever hang, end it so the suite cannot.
    let pid = c.id();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(180));
        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
    });
    let mut out = BufReader::new(c.stdout.take().unwrap());
    let mut vm = None;
    let mut line = String::new();
    while out.read_line(&mut line).unwrap() > 0 {
        // libtest prints "test <name> ... " first, on the same line.
        if let Some(at) = line.find("VM ") {
            vm = Some(line[at + 3..].trim().parse::<u64>().unwrap());
            break;
        }
        line.clear();
    }
    let vm = vm.expect("the child reports its address-space size");
    // Room for the staging buffer (and some slack), not for the result too.
    let limit = vm + BYTES as u64 + (200 << 20);
    let st = Command::new("prlimit")
        .args([format!("--pid={}", c.id()), format!("--as={limit}")])
        .status()
        .expect("prlimit (util-linux)");
    assert!(st.success());
    c.stdin.take().unwrap().write_all(b"go\n").unwrap();
    let mut rest = String::new();
    while out.read_line(&mut rest).unwrap() > 0 {}
    let status = c.wait().unwrap();
    assert!(
        rest.contains(&format!("RESULT HostOutOfMemory to_vec {BYTES}")),
        "child said {rest:?}, exit {status}"
    );
    assert!(status.success(), "the child exits normally: {status}");
}
