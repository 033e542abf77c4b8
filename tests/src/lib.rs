//! Shared set-up for the scenario and end-to-end tests: where the `labinov` binary is,
//! running its CLI on temp databases, and driving the real window through WebDriver.

pub mod board_speed;
pub mod procs;
pub mod room;
pub mod webdriver;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard};

/// The workspace root (the folder holding the top `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}

/// The `labinov` binary under test: `$LABINOV_BIN`, else `target/debug/labinov`, which
/// `cargo test --workspace` builds (it is the `labinov` package's binary).
pub fn labinov_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("LABINOV_BIN") {
        return PathBuf::from(p);
    }
    let bin = target_dir()
        .join("debug")
        .join(format!("labinov{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} does not exist: build it with `cargo build -p labinov` (make test does)",
        bin.display()
    );
    bin
}

/// Where tests leave files for people to look at (screenshots): `target/e2e-screenshots`.
pub fn artifacts_dir() -> PathBuf {
    let dir = target_dir().join("e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `labinov ARGS --db DB` and returns its output, whatever the exit code.
pub fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(labinov_bin())
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("LABINOV_DB")
        .output()
        .expect("run labinov")
}

/// Runs the CLI and insists it succeeded; returns stdout.
pub fn cli_ok(db: &Path, args: &[&str]) -> String {
    let out = cli(db, args);
    assert!(
        out.status.success(),
        "labinov {args:?} failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// Held by a test that mounts a stick under `/mnt` or whose assertions or screenshots
/// depend on the removable drives the app lists, for as long as it runs. The integration
/// tests share one process and run in parallel threads; the drives are the machine's, so
/// the export screen of one test would otherwise list another test's stick (or not find
/// the empty list it expects). A test that failed while holding it does not stop the next.
pub fn drives_lock() -> MutexGuard<'static, ()> {
    static DRIVES: Mutex<()> = Mutex::new(());
    DRIVES
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
