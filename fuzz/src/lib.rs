//! What the fuzz targets share: one demo lab in a temp-dir database, opened once per
//! process (37 agencies, 50 ideas), and the checks every import report must pass.
//!
//! Rules: a target never writes outside the temp dir (`TMPDIR`, which the smoke script
//! points at its own scratch folder); imports run as previews, so every row goes through
//! the real checks and inserts inside a savepoint and the transaction is then rolled
//! back, which keeps runs independent of one another.

use std::sync::OnceLock;

use labinov_core::model::{ImportMode, ImportReport};
use labinov_core::Store;

pub struct Fixture {
    _dir: tempfile::TempDir,
    pub store: Store,
    pub lab: String,
}

pub fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path().join("fuzz.db")).expect("store");
        let lab = labinov_core::demo::create_demo_lab(&store).expect("demo lab").id;
        Fixture {
            _dir: dir,
            store,
            lab,
        }
    })
}

/// A report must add up, and a preview must not have written anything.
pub fn check_report(r: &ImportReport) {
    assert_eq!(r.total, r.good + r.refused);
    assert_eq!(r.rows.len() as u32, r.total);
    assert_eq!(
        r.rows.iter().filter(|row| !row.problems.is_empty()).count() as u32,
        r.refused
    );
    assert!(r.mode != ImportMode::Preview || !r.applied);
}

/// Runs one import kind on `bytes` named `file`; errors are fine (a refusal), panics and
/// inconsistent reports are not.
pub fn import(ideas: bool, file: &str, bytes: &[u8]) {
    let f = fixture();
    let before = f.store.change_count().expect("count");
    let result = if ideas {
        f.store
            .import_ideas(&f.lab, file, bytes, ImportMode::Preview)
    } else {
        f.store
            .import_agencies(&f.lab, file, bytes, ImportMode::Preview)
    };
    match result {
        Ok(report) => check_report(&report),
        Err(e) => {
            // A refusal of the whole file names the file (or a storage problem: none here).
            assert_eq!(e.field(), Some("file"), "{e}");
        }
    }
    assert_eq!(f.store.change_count().expect("count"), before, "a preview wrote");
}
