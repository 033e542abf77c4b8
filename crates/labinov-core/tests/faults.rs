//! Storage faults: a full disk and a read-only data folder, on real file systems.
//!
//! Each scenario runs in a child process (this test binary again, told by
//! `LABINOV_FAULT_CHILD` which scenario to play) inside its own mount namespace
//! (`unshare -m`), where a small tmpfs is mounted over a temp folder: a real `ENOSPC`
//! from the kernel, a real read-only file system, and nothing of the machine's own mounts
//! touched (the mount disappears with the child). Needs `unshare` and the right to mount,
//! which root has; the test fails and says so when they are missing rather than pass
//! without testing.
//!
//! What must hold (issue 7):
//! - A write on a full disk fails with [`ErrorCode::StorageFull`], which the UI explains
//!   in plain words (`error.storage_full` in `ui/src/i18n`).
//! - The store keeps working: reads answer, later writes fail the same clean way, and
//!   once space is freed the next write succeeds without reopening anything.
//! - Nothing committed is lost: every acknowledged idea is there after reopening, and
//!   `PRAGMA integrity_check` says ok.
//! - A database in a read-only folder cannot be opened for work and says so with
//!   [`ErrorCode::StorageUnavailable`] (`error.storage_unavailable`), leaving the file as
//!   it was; the shell then opens its window with that reason (`src-tauri/src/state.rs`).

use std::path::{Path, PathBuf};
use std::process::Command;

use labinov_core::model::{BoardQuery, IdeaInput, NewAgency, NewLab};
use labinov_core::{ErrorCode, Store};

const CHILD: &str = "LABINOV_FAULT_CHILD";
const DIR: &str = "LABINOV_FAULT_DIR";

/// Runs `test` of this binary again as a child in a new mount namespace with a tmpfs of
/// `size` mounted on a fresh temp folder; returns the child's output, failing the test
/// when the child failed.
fn in_tmpfs(test: &str, size: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let out = Command::new("unshare")
        .args(["-m", "--propagation", "private", "sh", "-c"])
        .arg(
            r#"mount -t tmpfs -o "size=$1" labinov-fault "$2" || exit 97
               shift 2; exec "$@""#,
        )
        .args(["sh", size])
        .arg(dir.path())
        .arg(&exe)
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(CHILD, test)
        .env(DIR, dir.path())
        .output()
        .expect("unshare (util-linux) is needed for the storage fault tests");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(
        out.status.code(),
        Some(97),
        "could not mount a tmpfs in a new mount namespace (needs root or user namespaces): {text}"
    );
    assert!(out.status.success(), "the {test} child failed:\n{text}");
    assert!(
        text.contains("fault-child-done"),
        "the child did not run its scenario:\n{text}"
    );
    text
}

/// `Some(folder)` when this process is the child playing `test`.
fn child_dir(test: &str) -> Option<PathBuf> {
    (std::env::var(CHILD).ok()? == test).then(|| PathBuf::from(std::env::var(DIR).unwrap()))
}

fn lab_with_agency(store: &Store) -> (String, String) {
    let lab = store
        .create_lab(NewLab {
            name: "Lab".into(),
            start_date: "2026-11-02".into(),
            days: 3,
            idea_target: 50,
            ..Default::default()
        })
        .unwrap()
        .id;
    let agency = store
        .add_agency(
            &lab,
            NewAgency {
                code: "DINKES".into(),
                name: "Dinas Kesehatan".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
    (lab, agency)
}

fn idea(agency: &str, n: usize) -> IdeaInput {
    IdeaInput {
        agency_id: agency.into(),
        title: format!("Ide {n}"),
        // A page or so of text, so the disk fills in a few dozen ideas.
        description: format!("Uraian ide {n}: ").repeat(400),
        ..Default::default()
    }
}

/// Fills the file system with `filler` until the kernel says it is full.
fn fill(filler: &Path) {
    use std::io::Write;
    let mut f = std::fs::File::create(filler).unwrap();
    let chunk = vec![0x55u8; 16 << 10];
    loop {
        match f.write_all(&chunk) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::StorageFull => break,
            Err(e) => panic!("filling the disk: {e}"),
        }
    }
    // Whatever is left is less than a chunk: top it off byte by byte.
    while f.write_all(&[0x55]).is_ok() {}
}

#[test]
fn a_full_disk_refuses_writes_plainly_and_loses_nothing() {
    const TEST: &str = "a_full_disk_refuses_writes_plainly_and_loses_nothing";
    let Some(dir) = child_dir(TEST) else {
        let out = in_tmpfs(TEST, "4m");
        for line in out.lines().filter(|l| l.contains("disk-full:")) {
            eprintln!("{line}");
        }
        return;
    };
    let db = dir.join("lab.db");
    let store = Store::open(&db).unwrap();
    let (lab, agency) = lab_with_agency(&store);
    let mut acked = Vec::new();
    for n in 0..20 {
        acked.push(store.add_idea(&lab, idea(&agency, n)).unwrap().id);
    }
    let filler = dir.join("filler.bin");
    fill(&filler);

    // Capture until the disk refuses: the refusal is StorageFull, nothing else.
    let mut refusal = None;
    for n in 20..5_000 {
        match store.add_idea(&lab, idea(&agency, n)) {
            Ok(i) => acked.push(i.id),
            Err(e) => {
                refusal = Some(e);
                break;
            }
        }
    }
    let err = refusal.expect("the disk never filled");
    assert_eq!(err.code(), ErrorCode::StorageFull, "{err}");
    println!("disk-full: {} ideas saved, then: {err}", acked.len());

    // The store keeps answering reads, and refuses the next writes the same way.
    assert_eq!(store.list_ideas(&lab).unwrap().len(), acked.len());
    assert_eq!(store.get_idea(&acked[0]).unwrap().fields.title, "Ide 0");
    let page = store
        .board_page(
            &lab,
            &BoardQuery {
                text: "uraian".into(),
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(page.total as usize, acked.len());
    for _ in 0..3 {
        let e = store.add_idea(&lab, idea(&agency, 9_999)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::StorageFull, "{e}");
    }
    let e = store
        .save_draft(
            "0193a000-0000-7000-8000-000000000002",
            &lab,
            None,
            serde_json::json!({"title": "x".repeat(50_000)}),
        )
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::StorageFull, "a draft too: {e}");
    assert_eq!(store.integrity_check().unwrap(), "ok");

    // Space comes back (the facilitator deletes a video): the very next write succeeds.
    std::fs::remove_file(&filler).unwrap();
    acked.push(store.add_idea(&lab, idea(&agency, 10_000)).unwrap().id);
    assert_eq!(store.list_ideas(&lab).unwrap().len(), acked.len());
    drop(store);

    // Reopened: every acknowledged idea is there, and the file is sound.
    let store = Store::open(&db).unwrap();
    let mut on_disk: Vec<String> = store
        .list_ideas(&lab)
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    on_disk.sort();
    acked.sort();
    assert_eq!(on_disk, acked, "exactly the acknowledged ideas");
    assert_eq!(store.integrity_check().unwrap(), "ok");
    println!(
        "disk-full: after freeing space: {} ideas, integrity ok",
        acked.len()
    );
    println!("fault-child-done");
}

#[test]
fn a_read_only_data_folder_is_reported_and_left_untouched() {
    const TEST: &str = "a_read_only_data_folder_is_reported_and_left_untouched";
    let Some(dir) = child_dir(TEST) else {
        in_tmpfs(TEST, "8m");
        return;
    };
    let db = dir.join("lab.db");
    let store = Store::open(&db).unwrap();
    let (lab, agency) = lab_with_agency(&store);
    let kept = store.add_idea(&lab, idea(&agency, 1)).unwrap();
    drop(store);
    let before = std::fs::read(&db).unwrap();

    // The folder becomes read-only (a write-protected stick, a folder mounted read-only).
    let status = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&dir)
        .status()
        .unwrap();
    assert!(status.success(), "remount read-only");
    let err = Store::open(&db).unwrap_err();
    assert_eq!(err.code(), ErrorCode::StorageUnavailable, "{err}");
    // A database that would be new in a read-only folder: the same code, nothing made.
    let err = Store::open(dir.join("baru.db")).unwrap_err();
    assert_eq!(err.code(), ErrorCode::StorageUnavailable, "{err}");
    assert!(!dir.join("baru.db").exists());
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file is untouched");

    // Writable again: everything is there.
    let status = Command::new("mount")
        .args(["-o", "remount,rw"])
        .arg(&dir)
        .status()
        .unwrap();
    assert!(status.success(), "remount read-write");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.get_idea(&kept.id).unwrap().fields, kept.fields);
    assert_eq!(store.integrity_check().unwrap(), "ok");
    println!("fault-child-done");
}
