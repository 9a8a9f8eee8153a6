//! What the benchmarks share: running the binary as a child and reading its resource usage.

use std::process::Command;
use std::time::Instant;

/// A finished child process: wall and CPU seconds, peak RSS, exit status.
pub struct Measured {
    pub wall: f64,
    pub cpu: f64,
    pub rss_mb: f64,
    /// Exit code (None: killed by a signal).
    pub code: Option<i32>,
}

/// Runs `cmd` to its end with its output discarded.
pub fn measure(cmd: &mut Command) -> Measured {
    use std::os::unix::process::ExitStatusExt;
    let t = Instant::now();
    let child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let pid = child.id() as libc::pid_t;
    // Reaped by wait4 below (std's Child cannot report the child's resource usage).
    std::mem::forget(child);
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child; `usage` is a valid rusage to fill.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4");
    let wall = t.elapsed().as_secs_f64();
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Measured {
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        rss_mb: usage.ru_maxrss as f64 / 1024.0,
        code: std::process::ExitStatus::from_raw(status).code(),
    }
}

/// [`measure`] for a run that must succeed (status 0 or 1): (wall s, CPU s, peak RSS MB).
#[allow(dead_code)] // each bench is its own crate; `degenerate` reports failures instead
pub fn measure_ok(cmd: &mut Command) -> (f64, f64, f64) {
    let m = measure(cmd);
    assert!(
        m.code.is_some_and(|c| c <= 1),
        "{cmd:?} failed: {:?}",
        m.code
    );
    (m.wall, m.cpu, m.rss_mb)
}
