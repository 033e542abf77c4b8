//! "Menggabungkan laptop" through the real CLI: two laptops capture ideas in one lab,
//! export bundles (`labinov export --formats bundle`), import each other's
//! (`labinov import`), and end with the same lab; damaged, truncated and foreign
//! bundles are refused with a clear message and the database file is left byte for byte.

use std::path::{Path, PathBuf};

use labinov_tests::{cli, cli_ok};
use serde_json::Value;

/// Exports the lab as a bundle into `dir` and returns the bundle's path.
pub(crate) fn export_bundle(db: &Path, dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let out = cli_ok(
        db,
        &[
            "export",
            "--to",
            dir.to_str().unwrap(),
            "--formats",
            "bundle",
        ],
    );
    let first = out.lines().next().unwrap();
    let folder = PathBuf::from(first.rsplit_once(" exported to ").unwrap().1);
    std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "labinov"))
        .unwrap_or_else(|| panic!("no bundle in {}", folder.display()))
}

/// The lab's ideas as the CLI lists them, sorted by id.
fn ideas(db: &Path, lab: &str) -> Vec<Value> {
    let mut v: Vec<Value> =
        serde_json::from_str(&cli_ok(db, &["list", "--format", "json", "--lab", lab])).unwrap();
    v.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    v
}

fn capture(db: &Path, dir: &Path, lab: &str, titles: &[&str]) {
    let csv = dir.join(format!("ideas-{}.csv", uuid::Uuid::now_v7()));
    let mut text = String::from("opd,judul\n");
    for t in titles {
        text.push_str(&format!("SETDA,{t}\n"));
    }
    std::fs::write(&csv, text).unwrap();
    cli_ok(db, &["import-ideas", "--lab", lab, csv.to_str().unwrap()]);
}

#[test]
fn two_laptops_capture_exchange_bundles_and_end_with_the_same_lab() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (
        dir.path().join("a/labinov.db"),
        dir.path().join("b/labinov.db"),
    );
    std::fs::create_dir_all(a.parent().unwrap()).unwrap();
    std::fs::create_dir_all(b.parent().unwrap()).unwrap();
    cli_ok(&a, &["demo"]);
    let info: Value = serde_json::from_str(&cli_ok(&a, &["info"])).unwrap();
    let lab = info["lastLabId"].as_str().unwrap().to_owned();

    // Laptop B starts from A's bundle: the preview says what will come, then the lab
    // is created by the import.
    let start = export_bundle(&a, &dir.path().join("usb1"));
    let preview = cli_ok(&b, &["import", "--preview", start.to_str().unwrap()]);
    assert!(preview.contains("Preview (nothing changed)"), "{preview}");
    assert!(preview.contains("new ideas: 50"), "{preview}");
    assert!(
        preview.contains("the lab is new on this laptop"),
        "{preview}"
    );
    let out = cli_ok(&b, &["import", start.to_str().unwrap()]);
    assert!(out.starts_with("Merged"), "{out}");
    assert_eq!(ideas(&b, &lab), ideas(&a, &lab));

    // Both capture during the day, each in their room.
    capture(
        &a,
        dir.path(),
        &lab,
        &["Klinik keliling ruang A", "Pasar daring ruang A"],
    );
    capture(
        &b,
        dir.path(),
        &lab,
        &[
            "Bank sampah ruang B",
            "Ojek sekolah ruang B",
            "Taman baca ruang B",
        ],
    );

    // Evening: bundles cross on a stick, each imports the other's.
    let from_a = export_bundle(&a, &dir.path().join("usb2"));
    let from_b = export_bundle(&b, &dir.path().join("usb3"));
    let report: Value =
        serde_json::from_str(&cli_ok(&a, &["import", "--json", from_b.to_str().unwrap()])).unwrap();
    assert_eq!(report["newIdeas"].as_array().unwrap().len(), 3);
    assert_eq!(report["conflicts"], 0);
    cli_ok(&b, &["import", from_a.to_str().unwrap()]);
    let (on_a, on_b) = (ideas(&a, &lab), ideas(&b, &lab));
    assert_eq!(on_a.len(), 55);
    assert_eq!(on_a, on_b, "both laptops hold the same lab");
    // Importing again changes nothing.
    let again: Value =
        serde_json::from_str(&cli_ok(&a, &["import", "--json", from_b.to_str().unwrap()])).unwrap();
    assert_eq!(again["newIdeas"].as_array().unwrap().len(), 0);
    assert_eq!(again["changedIdeas"].as_array().unwrap().len(), 0);
    assert_eq!(ideas(&a, &lab), on_b);
}

#[test]
fn damaged_truncated_and_foreign_bundles_are_refused_and_the_database_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (
        dir.path().join("a/labinov.db"),
        dir.path().join("b/labinov.db"),
    );
    std::fs::create_dir_all(a.parent().unwrap()).unwrap();
    std::fs::create_dir_all(b.parent().unwrap()).unwrap();
    cli_ok(&a, &["demo"]);
    cli_ok(&b, &["demo"]);
    let good = export_bundle(&a, &dir.path().join("usb"));
    let bytes = std::fs::read(&good).unwrap();

    let mut cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated", bytes[..bytes.len() / 3].to_vec(), "bad_file"),
        (
            "text",
            b"Catatan rapat, bukan bundel.\n".to_vec(),
            "not a Labinov bundle",
        ),
        ("empty", Vec::new(), "not a Labinov bundle"),
    ];
    let mut damaged = bytes.clone();
    for x in damaged[8192..bytes.len() - 4096].iter_mut().step_by(5) {
        *x = !*x;
    }
    cases.push(("damaged", damaged, "bad_file"));
    // A laptop's whole database is an SQLite file, but not a bundle.
    cases.push((
        "database",
        std::fs::read(&a).unwrap(),
        "not a Labinov bundle",
    ));

    let before = std::fs::read(&b).unwrap();
    for (name, content, expected) in cases {
        let path = dir.path().join(format!("{name}.labinov"));
        std::fs::write(&path, content).unwrap();
        for args in [vec!["import", "--preview"], vec!["import"]] {
            let mut args = args.clone();
            args.push(path.to_str().unwrap());
            let out = cli(&b, &args);
            assert_eq!(out.status.code(), Some(1), "{name}: {args:?} must fail");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(expected), "{name}: {err}");
            assert!(
                err.contains("[bad_file]"),
                "{name}: the error code is given: {err}"
            );
        }
        assert!(
            std::fs::read(&b).unwrap() == before,
            "{name}: the database file changed"
        );
    }
    // The good bundle still imports.
    let out = cli_ok(&b, &["import", good.to_str().unwrap()]);
    assert!(out.starts_with("Merged"), "{out}");
}

/// A folder bind-mounted under `/mnt`, where the app looks for USB sticks; unmounted when
/// dropped. `None` (with the reason) where mounting is not allowed.
struct Stick {
    point: PathBuf,
}

impl Stick {
    fn mount(source: &Path) -> Result<Stick, String> {
        let point = PathBuf::from(format!("/mnt/LABINOV-B-{}", std::process::id()));
        std::fs::create_dir_all(&point).map_err(|e| format!("mkdir {}: {e}", point.display()))?;
        let out = std::process::Command::new("mount")
            .arg("--bind")
            .arg(source)
            .arg(&point)
            .output()
            .map_err(|e| format!("mount: {e}"))?;
        if !out.status.success() {
            let _ = std::fs::remove_dir(&point);
            return Err(String::from_utf8_lossy(&out.stderr).into_owned());
        }
        Ok(Stick { point })
    }
}

impl Drop for Stick {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(&self.point)
            .status();
        let _ = std::fs::remove_dir(&self.point);
    }
}

/// The Data screen's "Impor & gabung" and "Cadangan" tabs in the real window. Laptop B's
/// bundle, which edited the same idea as this laptop, is on a stick: it is found, previewed
/// and merged (one conflict), the conflict restored, then a backup from before the merge
/// restored after the confirmation. Screenshots `62-import-preview`, `63-import-merged`,
/// `64-import-restored`, `65-backups`, `66-backups-confirm`, `67-backups-restored` in
/// `target/e2e-screenshots/`. (The native file dialog cannot be driven by WebDriver; the
/// stick list is the other way to a bundle. Where no folder can be mounted the merge is
/// done beforehand and the preview is not shown.)
#[test]
fn the_import_and_backup_tabs_in_the_real_window() {
    use labinov_core::{IdeaPatch, Store};
    use labinov_tests::webdriver::{keys, skip_requested, Display, Driver};
    use std::time::Duration;
    if skip_requested() {
        eprintln!("LABINOV_SKIP_E2E=1: end-to-end test skipped on request");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (
        dir.path().join("a/labinov.db"),
        dir.path().join("b/labinov.db"),
    );
    std::fs::create_dir_all(a.parent().unwrap()).unwrap();
    std::fs::create_dir_all(b.parent().unwrap()).unwrap();
    cli_ok(&a, &["demo"]);
    let first = export_bundle(&a, &dir.path().join("usb1"));
    cli_ok(&b, &["import", first.to_str().unwrap()]);
    let stick_dir = dir.path().join("stick");
    std::fs::create_dir_all(stick_dir.join("Labinov-ruang-B")).unwrap();
    let on_stick = stick_dir.join("Labinov-ruang-B/lab-ruang-b.labinov");
    let (idea_id, title) = {
        let sa = Store::open(&a).unwrap();
        let sb = Store::open(&b).unwrap();
        let lab = sa.default_lab().unwrap();
        let idea = sa.list_ideas(&lab.id).unwrap().remove(0);
        sa.update_idea(
            &idea.id,
            IdeaPatch::new().set("problem", "Warga antre sejak subuh di loket kelurahan."),
        )
        .unwrap();
        sa.snapshot(20).unwrap();
        sb.update_idea(
            &idea.id,
            IdeaPatch::new().set("problem", "Pengurusan surat pindah butuh tiga kali datang."),
        )
        .unwrap();
        let agency = sb.list_agencies(&lab.id).unwrap().remove(0);
        sb.add_idea(
            &lab.id,
            labinov_core::IdeaInput {
                agency_id: agency.id,
                title: "Layanan antar KTP ke rumah lansia".into(),
                ..Default::default()
            },
        )
        .unwrap();
        sb.write_bundle(&lab.id, &on_stick).unwrap();
        (idea.id, idea.fields.title)
    };
    // The only stick under /mnt while this test runs (the export test mounts one too).
    let _drives = labinov_tests::drives_lock();
    let stick = match Stick::mount(&stick_dir) {
        Ok(s) => Some(s),
        Err(why) => {
            eprintln!("SKIPPED PART: no stick for the import tab ({why}); merging beforehand");
            let r = Store::open(&a).unwrap().merge_bundle(&on_stick).unwrap();
            assert_eq!(r.conflicts, 1);
            None
        }
    };

    let display = Display::start();
    let driver = Driver::start(&display, &[("LABINOV_DB", a.as_path())]);
    let s = driver.session(&labinov_tests::labinov_bin());
    s.set_window_size(1280, 1000);
    s.wait_for_screen("capture");
    s.wait_for(
        "the agency picker to have the focus",
        Duration::from_secs(10),
        "return document.activeElement?.dataset.testid === 'agency-picker'",
    );
    s.chord(&[keys::ALT], '7');
    s.wait_for_screen("data");
    s.click(&s.by_testid("data-tab-import"));
    if stick.is_some() {
        s.wait_for(
            "the bundle on the stick",
            Duration::from_secs(10),
            "return [...document.querySelectorAll('[data-testid=found-bundle]')].some(b => b.textContent.includes('lab-ruang-b.labinov'))",
        );
        s.script(
            "const b = [...document.querySelectorAll('[data-testid=found-bundle]')].find(b => b.textContent.includes('lab-ruang-b.labinov')); b.querySelector('[data-testid=found-check]').click(); return true;",
            serde_json::json!([]),
        );
        s.wait_for(
            "the preview",
            Duration::from_secs(20),
            "return document.querySelector('[data-testid=import-go]') !== null",
        );
        let preview = s.text(&s.by_testid("import-preview"));
        assert!(
            preview.contains("Ide baru\n1")
                || preview.contains("Ide baru 1")
                || preview.contains("Ide baru1"),
            "{preview}"
        );
        s.screenshot("62-import-preview");
        s.click(&s.by_testid("import-go"));
        s.wait_for(
            "the merge",
            Duration::from_secs(20),
            "return document.querySelector('[data-testid=import-done]') !== null",
        );
        let done = s.text(&s.by_testid("import-done"));
        assert!(
            done.contains("1 ide baru") && done.contains("1 konflik"),
            "{done}"
        );
    }
    s.wait_for(
        "the conflict log",
        Duration::from_secs(10),
        "return document.querySelector('[data-testid=conflict]') !== null",
    );
    let entry = s.text(&s.by_testid("conflict"));
    assert!(entry.contains(&title), "{entry}");
    assert!(entry.contains("Warga antre sejak subuh"), "{entry}");
    s.screenshot("63-import-merged");
    s.click(&s.by_testid("conflict-restore"));
    s.wait_for(
        "the restored value",
        Duration::from_secs(10),
        "return document.querySelector('[data-testid=conflict-restored]') !== null",
    );
    s.screenshot("64-import-restored");

    s.click(&s.by_testid("data-tab-backups"));
    s.wait_for(
        "the backups",
        Duration::from_secs(10),
        "return document.querySelectorAll('[data-testid=backup]').length >= 1",
    );
    s.screenshot("65-backups");
    // The oldest backup: before the merge, with this laptop's own wording.
    s.script(
        "const b = document.querySelectorAll('[data-testid=backup-restore]'); b[b.length - 1].click(); return true;",
        serde_json::json!([]),
    );
    s.wait_for(
        "the confirmation",
        Duration::from_secs(5),
        "return document.querySelector('[data-testid=confirm]') !== null",
    );
    s.screenshot("66-backups-confirm");
    s.click(&s.by_testid("confirm-yes"));
    s.wait_for(
        "the restore",
        Duration::from_secs(20),
        "return document.querySelector('[data-testid=backups-done]') !== null",
    );
    s.screenshot("67-backups-restored");
    drop(s);
    drop(driver);
    drop(stick);
    let sa = Store::open(&a).unwrap();
    assert_eq!(
        sa.get_idea(&idea_id).unwrap().fields.problem,
        "Warga antre sejak subuh di loket kelurahan.",
        "the backup from before the merge is back"
    );
    assert_eq!(sa.integrity_check().unwrap(), "ok");
}
