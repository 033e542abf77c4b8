//! Scenario tests: whole user journeys through the real `labinov` binary's CLI, each on
//! its own temp-dir database.

use std::collections::HashMap;

use labinov_tests::{cli, cli_ok, workspace_root};
use serde_json::Value;

/// The roster the demo lab is built from, read with an independent CSV parser.
fn sample_roster() -> HashMap<String, (String, String)> {
    let path = workspace_root().join("crates/labinov-core/data/opd-sample.csv");
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_owned(), (r[1].to_owned(), r[2].to_owned()))
        })
        .collect()
}

#[test]
fn demo_lab_is_created_and_listed_as_json_with_agency_names_intact() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lab.db");
    let created = cli_ok(&db, &["demo"]);
    assert!(
        created.contains("Executive Laboratorium Inovasi"),
        "{created}"
    );

    let ideas: Vec<Value> =
        serde_json::from_str(&cli_ok(&db, &["list", "--format", "json"])).unwrap();
    assert_eq!(ideas.len(), 50);
    let roster = sample_roster();
    assert_eq!(roster.len(), 37);
    for idea in &ideas {
        let code = idea["agencyCode"].as_str().unwrap();
        let (name, short) = &roster[code];
        assert_eq!(idea["agencyName"], name.as_str(), "agency name of {code}");
        assert_eq!(idea["agencyShortName"], short.as_str());
        assert!(!idea["title"].as_str().unwrap().is_empty());
        let id = idea["id"].as_str().unwrap();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "7", "UUID v7: {id}");
        assert!(
            idea["createdAt"].as_str().unwrap().ends_with('Z'),
            "stored in UTC"
        );
    }
    // The long names with commas survived the CSV and the database.
    let names: Vec<&str> = ideas
        .iter()
        .map(|i| i["agencyName"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan"));
    assert!(names.contains(
        &"Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana"
    ));
    let titles: std::collections::HashSet<&str> =
        ideas.iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert_eq!(titles.len(), 50, "every demo idea has its own title");
}

#[test]
fn table_format_lists_every_idea_in_the_labs_time_zone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lab.db");
    cli_ok(&db, &["demo"]);
    let table = cli_ok(&db, &["list", "--format", "table"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("No  OPD"), "{table}");
    assert!(table.contains("Posyandu Digital Cegah Stunting"));
    assert!(table.trim_end().ends_with("50 ide"));
    let rows = lines[2..].iter().take_while(|l| !l.is_empty());
    assert_eq!(
        rows.filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
            .count(),
        50
    );
}

#[test]
fn labinov_db_names_the_database_when_no_flag_does() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    let out = std::process::Command::new(labinov_tests::labinov_bin())
        .args(["demo"])
        .env("LABINOV_DB", &db)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(db.exists());
}

#[test]
fn demo_if_empty_only_creates_the_first_lab() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lab.db");
    cli_ok(&db, &["demo", "--if-empty"]);
    cli_ok(&db, &["demo", "--if-empty"]);
    let info: Value = serde_json::from_str(&cli_ok(&db, &["info"])).unwrap();
    assert_eq!(info["schemaVersion"], labinov_core::SCHEMA_VERSION);
    let ideas: Vec<Value> =
        serde_json::from_str(&cli_ok(&db, &["list", "--format", "json"])).unwrap();
    assert_eq!(ideas.len(), 50, "a second demo lab was not created");
}

#[test]
fn errors_are_plain_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lab.db");
    let out = cli(&db, &["list"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no lab yet") && err.contains("labinov demo"),
        "{err}"
    );

    let notes = dir.path().join("catatan.txt");
    std::fs::write(&notes, "bukan basis data ".repeat(500)).unwrap();
    let before = std::fs::read(&notes).unwrap();
    let out = cli(&notes, &["list"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not_a_database"));
    assert_eq!(
        std::fs::read(&notes).unwrap(),
        before,
        "the file was left as it was"
    );
}

#[test]
fn the_core_crate_does_not_depend_on_tauri() {
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "tree",
            "-p",
            "labinov-core",
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--offline",
        ])
        .current_dir(workspace_root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(out.stdout).unwrap();
    assert!(
        tree.contains("rusqlite"),
        "cargo tree printed the core's dependencies"
    );
    let tauri: Vec<&str> = tree
        .lines()
        .filter(|l| l.starts_with("tauri") || l.starts_with("wry"))
        .collect();
    assert!(
        tauri.is_empty(),
        "labinov-core must not depend on the shell: {tauri:?}"
    );
}
