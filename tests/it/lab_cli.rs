//! Making labs from the command line (issue 11): `labinov lab new` on a fresh database,
//! `labinov lab list` as a table and as JSON, an agency roster imported into the new lab,
//! and bad input refused with a plain message, exit status 1 and nothing created.

use std::path::Path;

use labinov_tests::{cli, cli_ok};
use serde_json::Value;

fn labs(db: &Path) -> Vec<Value> {
    serde_json::from_str(&cli_ok(db, &["lab", "list", "--format", "json"])).unwrap()
}

#[test]
fn a_lab_made_on_the_command_line_is_listed_and_takes_a_roster() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lab.db");

    // A fresh database: no lab, and the hint names the command that makes one.
    assert!(labs(&db).is_empty());
    let roster = dir.path().join("opd.csv");
    std::fs::write(
        &roster,
        "kode,nama,singkatan,kelompok\n\
         BAPPEDA,Badan Perencanaan Pembangunan Daerah,Bappeda,Badan\n\
         DINKES,\"Dinas Kesehatan, Pengendalian Penduduk\",Dinkes,Dinas\n",
    )
    .unwrap();
    let out = cli(&db, &["import-agencies", roster.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("labinov lab new"), "{err}");

    let id = cli_ok(
        &db,
        &[
            "lab",
            "new",
            "--name",
            "Laboratorium Inovasi Kota Contoh 2026",
            "--organiser",
            "Bappeda Kota Contoh",
            "--city",
            "Kota Contoh",
            "--venue",
            "Aula Bappeda",
            "--start-date",
            "28/11/2026",
            "--days",
            "3",
            "--target",
            "60",
            "--time-zone",
            "Asia/Makassar",
        ],
    );
    let id = id.trim();
    assert_eq!(id.len(), 36, "only the id is printed: {id:?}");
    assert_eq!(&id[14..15], "7", "UUID v7: {id}");

    let list = labs(&db);
    assert_eq!(list.len(), 1);
    let lab = &list[0]["lab"];
    assert_eq!(lab["id"], id);
    assert_eq!(lab["name"], "Laboratorium Inovasi Kota Contoh 2026");
    assert_eq!(lab["organiser"], "Bappeda Kota Contoh");
    assert_eq!(lab["city"], "Kota Contoh");
    assert_eq!(lab["venue"], "Aula Bappeda");
    assert_eq!(lab["startDate"], "2026-11-28", "day-first date read");
    assert_eq!(lab["days"], 3);
    assert_eq!(lab["ideaTarget"], 60);
    assert_eq!(lab["timeZone"], "Asia/Makassar");
    assert_eq!(list[0]["ideaCount"], 0);
    assert_eq!(list[0]["agencyCount"], 0);

    let table = cli_ok(&db, &["lab", "list"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].contains("ID") && lines[0].contains("Nama"),
        "{table}"
    );
    let row = lines
        .iter()
        .find(|l| l.contains(id))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(row.starts_with('*'), "the new lab is the default: {table}");
    for cell in [
        "Laboratorium Inovasi Kota Contoh 2026",
        "Kota Contoh",
        "2026-11-28",
        "0/60",
    ] {
        assert!(row.contains(cell), "{cell} in {row:?}");
    }
    assert!(table.contains("\n1 lab\n"), "{table}");

    // The roster goes into the new lab without naming it: it is the default now.
    let report = cli_ok(&db, &["import-agencies", roster.to_str().unwrap()]);
    assert!(report.contains("2 good, 0 refused; imported"), "{report}");
    assert_eq!(labs(&db)[0]["agencyCount"], 2);

    // A second lab, ISO date: listed first (newest), and now the default.
    let second = cli_ok(
        &db,
        &["lab", "new", "--name", "Lab Kedua", "--start", "2027-02-01"],
    );
    let list = labs(&db);
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["lab"]["id"], second.trim());
    assert_eq!(list[0]["lab"]["startDate"], "2027-02-01");
    assert_eq!(
        list[0]["lab"]["timeZone"], "Asia/Jakarta",
        "the default zone"
    );
    assert_eq!(list[0]["lab"]["days"], 3, "the form's default");
    assert_eq!(list[0]["lab"]["ideaTarget"], 50, "the form's default");
    let table = cli_ok(&db, &["lab", "list", "--format", "table"]);
    let marked: Vec<&str> = table.lines().filter(|l| l.starts_with('*')).collect();
    assert_eq!(marked.len(), 1, "{table}");
    assert!(marked[0].contains(second.trim()), "{table}");
}

#[test]
fn bad_input_is_refused_plainly_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lab.db");
    let cases: &[(&[&str], &str)] = &[
        (&["--start-date", "28/11/2026"], "--name: is required"),
        (
            &["--name", "  ", "--start-date", "28/11/2026"],
            "--name: is required",
        ),
        (
            &["--name", "Lab", "--start-date", "31/02/2026"],
            "--start-date: \"31/02/2026\" is not a date",
        ),
        (
            &["--name", "Lab", "--start-date", "besok"],
            "--start-date: \"besok\" is not a date",
        ),
        (
            &[
                "--name",
                "Lab",
                "--start-date",
                "28/11/2026",
                "--days",
                "tiga",
            ],
            "--days: \"tiga\" is not a whole number",
        ),
        (
            &["--name", "Lab", "--start-date", "28/11/2026", "--days", "0"],
            "--days: a lab lasts from 1 to 31 days",
        ),
        (
            &[
                "--name",
                "Lab",
                "--start-date",
                "28/11/2026",
                "--target",
                "-5",
            ],
            "--target: \"-5\" is not a whole number",
        ),
        (
            &["--name", "Lab", "--time-zone", "Asia/Bandung"],
            "--time-zone: unknown time zone",
        ),
    ];
    for (args, message) in cases {
        let mut all = vec!["lab", "new"];
        all.extend_from_slice(args);
        let out = cli(&db, &all);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}: no id printed");
        assert!(
            err.starts_with(&format!("labinov: {message}")) && err.contains("[invalid_input]"),
            "{args:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "one plain line: {err}");
    }
    assert!(labs(&db).is_empty(), "no lab was created");
    let out = cli(&db, &["list"]);
    assert_eq!(out.status.code(), Some(1), "still no lab to list");
}
