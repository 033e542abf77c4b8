//! The advisory check as `make test` runs it: the binary over a small advisory database and
//! lock file made here, so what it finds (and what `.cargo/audit.toml` explains away) is
//! known. (It also makes `cargo test --workspace` build the binary itself, which make test's
//! advisory stage then runs without compiling anything again.)

use std::path::Path;
use std::process::{Command, Output};

const ADVISORY: &str = r#"```toml
[advisory]
id = "RUSTSEC-2099-0001"
package = "rapuh"
date = "2099-01-02"
url = "https://example.invalid/rapuh"
categories = ["memory-corruption"]

[versions]
patched = [">= 1.2.0"]
```

# Rapuh reads past the end of a buffer

Versions before 1.2.0 read past the end of a buffer.
"#;

fn lockfile(rapuh: &str) -> String {
    format!(
        r#"version = 4

[[package]]
name = "aman"
version = "0.3.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "rapuh"
version = "{rapuh}"
source = "registry+https://github.com/rust-lang/crates.io-index"
"#
    )
}

fn setup(dir: &Path, rapuh: &str, ignore: &[&str]) {
    let crates = dir.join("db/crates/rapuh");
    std::fs::create_dir_all(&crates).unwrap();
    std::fs::create_dir_all(dir.join("db/rust")).unwrap();
    std::fs::write(crates.join("RUSTSEC-2099-0001.md"), ADVISORY).unwrap();
    std::fs::write(dir.join("Cargo.lock"), lockfile(rapuh)).unwrap();
    let list: Vec<String> = ignore.iter().map(|id| format!("{id:?}")).collect();
    std::fs::write(
        dir.join("audit.toml"),
        format!("[advisories]\nignore = [{}]\n", list.join(", ")),
    )
    .unwrap();
}

fn audit(dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_labinov-audit"))
        .arg(dir.join("db"))
        .arg(dir.join("Cargo.lock"))
        .arg(dir.join("audit.toml"))
        .output()
        .unwrap()
}

#[test]
fn a_vulnerable_version_fails_and_is_named() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path(), "1.1.9", &[]);
    let out = audit(dir.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("VULNERABILITY RUSTSEC-2099-0001 rapuh 1.1.9"),
        "{stdout}"
    );
    assert!(stdout.contains("1 advisories, 2 crates"), "{stdout}");
}

#[test]
fn a_patched_version_or_an_explained_advisory_passes() {
    let patched = tempfile::tempdir().unwrap();
    setup(patched.path(), "1.2.0", &[]);
    let out = audit(patched.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let ignored = tempfile::tempdir().unwrap();
    setup(ignored.path(), "1.1.9", &["RUSTSEC-2099-0001"]);
    let out = audit(ignored.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(!stdout.contains("VULNERABILITY"), "{stdout}");
}

#[test]
fn a_missing_database_or_an_unreadable_config_is_an_error_not_a_pass() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path(), "1.2.0", &[]);
    std::fs::write(dir.path().join("audit.toml"), "[advisories]\nignore = 5\n").unwrap();
    let out = audit(dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));

    std::fs::remove_dir_all(dir.path().join("db")).unwrap();
    let out = audit(dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open the advisory database"));
}

#[test]
fn a_mistyped_or_stale_entry_in_the_ignore_list_fails() {
    // An id the database does not have: an error (exit 2) naming it.
    let typo = tempfile::tempdir().unwrap();
    setup(
        typo.path(),
        "1.1.9",
        &["RUSTSEC-2099-0001", "RUSTSEC-2099-001"],
    );
    let out = audit(typo.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("does not have: RUSTSEC-2099-001"),
        "{stderr}"
    );

    // The vulnerable version was updated: the entry explains nothing any more.
    let stale = tempfile::tempdir().unwrap();
    setup(stale.path(), "1.2.0", &["RUSTSEC-2099-0001"]);
    let out = audit(stale.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("STALE RUSTSEC-2099-0001") && stdout.contains("remove the entry"),
        "{stdout}"
    );
}
