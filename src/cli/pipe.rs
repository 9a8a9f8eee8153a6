//! Standard output that may be closed early (`mtlint check … | head -1`).
//!
//! When the reader goes away, writing fails with `BrokenPipe`. Like ripgrep, mtlint then stops
//! writing without a word; unlike a process killed by SIGPIPE, it still finishes and exits with
//! the status the run earned (1 when there are findings), so `set -o pipefail` in a CI script does
//! not turn a failing check into a pass or a passing one into an error.

use std::io::{self, Write};

/// A writer that swallows everything after the first `BrokenPipe`.
pub struct QuietPipe<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> QuietPipe<W> {
    pub fn new(inner: W) -> Self {
        QuietPipe {
            inner,
            closed: false,
        }
    }

    fn guard<T>(&mut self, r: io::Result<T>, ok: T) -> io::Result<T> {
        match r {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(ok)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for QuietPipe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let r = self.inner.write(buf);
        self.guard(r, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let r = self.inner.flush();
        self.guard(r, ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Broken(usize);
    impl Write for Broken {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            self.0 += 1;
            Err(io::Error::from(io::ErrorKind::BrokenPipe))
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::from(io::ErrorKind::BrokenPipe))
        }
    }

    struct Full;
    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(io::ErrorKind::StorageFull))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn broken_pipe_is_swallowed_once_and_for_all() {
        let mut w = QuietPipe::new(Broken(0));
        w.write_all(b"first").unwrap();
        writeln!(w, "second").unwrap();
        w.flush().unwrap();
        assert_eq!(w.inner.0, 1, "nothing is written after the pipe broke");
    }

    #[test]
    fn other_errors_still_fail() {
        let mut w = QuietPipe::new(Full);
        assert!(w.write_all(b"x").is_err());
    }
}
