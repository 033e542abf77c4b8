//! The bodies of Labinov's fuzz targets, one function per target, and what they share:
//! one demo lab in a temp-dir database, opened once per process (37 agencies, 50 ideas),
//! and the checks every import report must pass.
//!
//! Two runners call these functions on bytes:
//! - `fuzz/` (cargo fuzz, libFuzzer): `make fuzz` explores with coverage guidance, and
//!   keeps a failing input in `fuzz/regressions/TARGET/`;
//! - this crate's test `replay` (`cargo test`, so `make test`): every committed input,
//!   `fuzz/corpus/TARGET/*` and `fuzz/regressions/TARGET/*`, once each, in a fixed order.
//!   No mutation and no clock, so the same commit gives the same result every time.
//!
//! Rules: a target never writes outside the temp dir (`TMPDIR`, which the fuzz script
//! points at its own scratch folder); imports run as previews, so every row goes through
//! the real checks and inserts inside a savepoint and the transaction is then rolled
//! back, which keeps runs independent of one another. A target must not panic on any
//! input: a panic is the finding.

mod bundle;
mod others;

pub use bundle::bundle;
pub use others::{board_query, dates};

/// A target: runs one input; a panic is a finding.
pub type Target = fn(&[u8]);

/// Every target by name (the name of its folders in `fuzz/corpus` and `fuzz/regressions`
/// and of its binary in `fuzz/fuzz_targets`).
pub const TARGETS: &[(&str, Target)] = &[
    ("board_query", board_query),
    ("bundle", bundle),
    ("dates", dates),
    ("ideas_csv", ideas_csv),
    ("ideas_xlsx", ideas_xlsx),
    ("roster_csv", roster_csv),
    ("roster_xlsx", roster_xlsx),
];

/// Roster import from CSV bytes: the parsing layer (`table.rs`) and every row's checks on
/// a real store, as a preview.
pub fn roster_csv(data: &[u8]) {
    import(false, "file.csv", data);
}

/// Roster import from an XLSX workbook's bytes, as a preview.
pub fn roster_xlsx(data: &[u8]) {
    import(false, "file.xlsx", data);
}

/// Idea import from CSV bytes, as a preview.
pub fn ideas_csv(data: &[u8]) {
    import(true, "file.csv", data);
}

/// Idea import from an XLSX workbook's bytes, as a preview.
pub fn ideas_xlsx(data: &[u8]) {
    import(true, "file.xlsx", data);
}

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
        let lab = labinov_core::demo::create_demo_lab(&store)
            .expect("demo lab")
            .id;
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
    assert_eq!(r.good, r.added + r.changed + r.unchanged);
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
    assert_eq!(
        f.store.change_count().expect("count"),
        before,
        "a preview wrote"
    );
}
