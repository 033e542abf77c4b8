//! File helpers that neither the store nor the exporters own.
//!
//! # Why not `std::fs::copy`
//!
//! On Linux `std::fs::copy` uses `copy_file_range(2)`, and when that call is interrupted
//! by a signal whose handler was installed without `SA_RESTART` it returns `EINTR`,
//! which the standard library hands back as an error instead of retrying (see
//! `copy_regular_files` in std's `sys/io/kernel_copy/linux.rs`). libFuzzer's watchdog
//! timer is such a handler (`SIGALRM`, `SA_SIGINFO` only), and so can be a library's or
//! a desktop environment's: the bundle fuzz target failed that way in `make test`, one
//! run in many, and a merge of a bundle from a slow stick could too. [`copy_file`]
//! copies through a buffer with `read`/`write_all` and retries an interrupted call.

use std::fs::File;
use std::io::{self, ErrorKind, Read, Write};
use std::path::Path;

/// Buffer size of [`copy_stream`]: large enough for a USB stick's best speed.
const BUFFER: usize = 1 << 20;

/// Copies everything `reader` yields into `writer`, retrying calls interrupted by a
/// signal. Returns the number of bytes copied.
pub fn copy_stream(reader: &mut dyn Read, writer: &mut dyn Write) -> io::Result<u64> {
    let mut buf = vec![0u8; BUFFER];
    let mut total = 0u64;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        // `write_all` retries `Interrupted` itself.
        writer.write_all(&buf[..n])?;
        total += n as u64;
    }
}

/// Copies the file `src` to `dst` (created or truncated), like `std::fs::copy` but safe
/// from interrupted system calls (see the module docs). The copy is flushed, not synced:
/// callers that need it on the disk sync it themselves.
pub fn copy_file(src: &Path, dst: &Path) -> io::Result<u64> {
    let mut input = File::open(src)?;
    let mut output = File::create(dst)?;
    let n = copy_stream(&mut input, &mut output)?;
    output.flush()?;
    Ok(n)
}

/// Copies `src` to `dst` like [`copy_file`], and returns the SHA-256 (hex) of the bytes
/// written: the digest of exactly the copy, whatever happens to `src` meanwhile.
pub fn copy_file_sha256(src: &Path, dst: &Path) -> io::Result<(u64, String)> {
    let mut input = File::open(src)?;
    let mut output = crate::safe_write::Hashing::new(File::create(dst)?);
    copy_stream(&mut input, &mut output)?;
    output.flush()?;
    Ok(output.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that fails every other call with `Interrupted` and gives at most 7 bytes.
    struct Flaky<'a> {
        data: &'a [u8],
        calls: u32,
    }

    impl Read for Flaky<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.calls += 1;
            if !self.calls.is_multiple_of(2) {
                return Err(io::Error::from(ErrorKind::Interrupted));
            }
            let n = buf.len().min(7).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    /// A writer that fails every third call with `Interrupted`, accepting 5 bytes a call.
    #[derive(Default)]
    struct FlakyOut {
        got: Vec<u8>,
        calls: u32,
    }

    impl Write for FlakyOut {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.calls += 1;
            if self.calls.is_multiple_of(3) {
                return Err(io::Error::from(ErrorKind::Interrupted));
            }
            let n = buf.len().min(5);
            self.got.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn interrupted_reads_and_writes_are_retried_and_lose_nothing() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i * 31 % 251) as u8).collect();
        let mut input = Flaky {
            data: &data,
            calls: 0,
        };
        let mut out = FlakyOut::default();
        assert_eq!(
            copy_stream(&mut input, &mut out).unwrap(),
            data.len() as u64
        );
        assert_eq!(out.got, data);
        assert!(
            input.calls > 1000 && out.calls > 1000,
            "the errors were exercised"
        );
    }

    #[test]
    fn other_errors_stop_the_copy() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("the stick was pulled out"))
            }
        }
        let err = copy_stream(&mut Broken, &mut Vec::new()).unwrap_err();
        assert_eq!(err.to_string(), "the stick was pulled out");
    }

    #[test]
    fn copies_a_file_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let (src, dst) = (dir.path().join("a.bin"), dir.path().join("b.bin"));
        let data: Vec<u8> = (0..3_000_000u32).map(|i| (i % 253) as u8).collect();
        std::fs::write(&src, &data).unwrap();
        std::fs::write(&dst, b"longer old content that must go").unwrap();
        assert_eq!(copy_file(&src, &dst).unwrap(), data.len() as u64);
        assert_eq!(std::fs::read(&dst).unwrap(), data);
    }
}
