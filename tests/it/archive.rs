//! The city's archive through the command line (issue 15): twenty labs built by the seeded
//! demo archive, the overview of each agency per year, filters and search across every
//! lab, carrying an idea forward (and the refusals, with nothing written), and an earlier
//! lab brought into another laptop's archive from its bundle.

use std::path::Path;

use labinov_tests::{cli, cli_ok};
use serde_json::Value;

fn json(db: &Path, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&cli_ok(db, &all)).unwrap()
}

fn titles(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn twenty_labs_of_a_city_in_one_archive() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.db");
    let made = cli_ok(
        &db,
        &[
            "demo-archive",
            "--labs",
            "20",
            "--ideas",
            "30",
            "--seed",
            "5",
        ],
    );
    assert_eq!(made.lines().count(), 20);

    let summary = json(&db, &["archive", "--summary"]);
    let years: Vec<i64> = summary["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y.as_i64().unwrap())
        .collect();
    assert_eq!(years, (2007..=2026).collect::<Vec<_>>());
    // 30 ideas a lab, and two (one in twenty of 30) carried into each of the 19 later labs.
    assert_eq!(summary["ideas"], 20 * 30 + 19 * 2);
    let agencies = summary["agencies"].as_array().unwrap();
    let per_agency: i64 = agencies.iter().map(|a| a["ideas"].as_i64().unwrap()).sum();
    assert_eq!(
        per_agency,
        20 * 30 + 19 * 2,
        "every idea counted once, by code"
    );
    assert!(agencies
        .iter()
        .any(|a| a["inPenerapan"].as_i64().unwrap() > 0));
    let table = cli_ok(&db, &["archive", "--summary"]);
    assert!(
        table.contains("2007") && table.contains("penerapan"),
        "{table}"
    );

    // Filters and search reach every lab.
    let y2010 = json(&db, &["archive", "--year", "2010", "--limit", "500"]);
    assert_eq!(y2010["total"], 32);
    assert!(y2010["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["year"] == 2010 && i["labName"].as_str().unwrap().ends_with("2010")));
    let dinkes = json(&db, &["archive", "--agency", "dinkes", "--limit", "500"]);
    assert!(dinkes["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["agencyCode"] == "DINKES"));
    let found = json(&db, &["archive", "--search", "posyandu", "--limit", "500"]);
    assert!(found["total"].as_u64().unwrap() > 0);
    assert!(titles(&found)
        .iter()
        .all(|t| t.to_lowercase().contains("posyandu")));

    // Carry the first 2007 idea into the 2026 lab, then see it in both.
    let labs = json(&db, &["lab", "list"]);
    let lab_of = |year: &str| {
        labs.as_array()
            .unwrap()
            .iter()
            .find(|l| l["lab"]["startDate"].as_str().unwrap().starts_with(year))
            .unwrap()["lab"]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (l2007, l2026) = (lab_of("2007"), lab_of("2026"));
    let old = json(&db, &["archive", "--lab", &l2007, "--limit", "1"])["items"][0].clone();
    let old_id = old["id"].as_str().unwrap();
    let new_id = cli_ok(&db, &["carry-forward", old_id, "--to-lab", &l2026])
        .trim()
        .to_owned();
    let in_2026 = json(&db, &["archive", "--lab", &l2026, "--limit", "500"]);
    let carried = in_2026["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == new_id.as_str())
        .unwrap()
        .clone();
    assert_eq!(carried["continues"], old_id);
    assert_eq!(carried["title"], old["title"]);
    let again = json(&db, &["archive", "--lab", &l2007, "--limit", "1"]);
    assert_eq!(again["items"][0]["continuedBy"], 1);

    // The city's gallery of every lab, from the command line: every file verified, and
    // the 2026 page of the idea carried from 2007 links back to it.
    let stick = dir.path().join("stick");
    std::fs::create_dir(&stick).unwrap();
    let said = cli_ok(&db, &["archive-gallery", "--to", stick.to_str().unwrap()]);
    let published = json(&db, &["archive", "--summary"])["ideas"]
        .as_u64()
        .unwrap();
    assert!(
        said.starts_with(&format!(
            "Kota Cilegon ({published} published ideas) exported to"
        )),
        "{said}"
    );
    let files = walk(&stick);
    assert!(
        said.contains(&format!("{} files", files.len())) && said.contains(" verified"),
        "{said}"
    );
    let page_in = |year: &str| {
        files
            .iter()
            .filter(|p| {
                let p = p.to_string_lossy();
                p.contains(&format!("/galeri-kota/{year}-")) && p.contains("/inovasi/")
            })
            .map(|p| std::fs::read_to_string(p).unwrap())
            .find(|t| t.contains(&format!("<h1>{}</h1>", old["title"].as_str().unwrap())))
            .unwrap_or_else(|| panic!("the carried idea's page in {year}"))
    };
    assert!(page_in("2026").contains("Lanjutan dari"));
    assert!(page_in("2007").contains("Dilanjutkan di"));
    let home = files
        .iter()
        .find(|p| p.ends_with("galeri-kota/index.html"))
        .unwrap();
    let home = std::fs::read_to_string(home).unwrap();
    assert_eq!(
        home.matches("<h4 class=\"card\"><a href=").count(),
        20,
        "a card per lab"
    );
    let out = cli(
        &db,
        &[
            "archive-gallery",
            "--to",
            stick.to_str().unwrap(),
            "--lab",
            "nope",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not found"));
    assert_eq!(walk(&stick).len(), files.len(), "nothing more written");

    // Refusals: plain words, exit status 1, nothing written.
    let before = json(&db, &["archive", "--summary"])["ideas"].clone();
    for (args, words) in [
        (
            vec!["carry-forward", old_id, "--to-lab", &l2026],
            "already carried forward",
        ),
        (
            vec!["carry-forward", old_id, "--to-lab", &l2007],
            "already in this lab",
        ),
        (
            vec!["carry-forward", "no-such-idea", "--to-lab", &l2026],
            "not found",
        ),
    ] {
        let out = cli(&db, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(words), "{args:?}: {err}");
    }
    assert_eq!(json(&db, &["archive", "--summary"])["ideas"], before);

    // Another laptop brings in an earlier lab from its bundle: the archive grows by a year.
    let bundle = dir.path().join("2007.labinov");
    let other = dir.path().join("other.db");
    cli_ok(&other, &["demo-archive", "--labs", "2", "--ideas", "5"]);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    cli_ok(
        &db,
        &[
            "export",
            "--lab",
            &l2007,
            "--formats",
            "bundle",
            "--to",
            out.to_str().unwrap(),
        ],
    );
    let written = walk(&out)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "labinov"))
        .expect("the bundle was exported");
    std::fs::copy(&written, &bundle).unwrap();
    cli_ok(&other, &["import", bundle.to_str().unwrap()]);
    let there = json(&other, &["archive", "--summary"]);
    assert_eq!(there["years"], serde_json::json!([2007, 2025, 2026]));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// An earlier lab with no bundle, only its exported workbook (`ide-inovasi.xlsx`): the
/// preview writes nothing; the import puts the lab, its roster and every idea into the
/// archive; the same lab again, or a workbook that is not a lab's, is refused in plain
/// words with exit status 1 and nothing written.
#[test]
fn an_earlier_lab_from_its_exported_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let earlier = dir.path().join("earlier.db");
    cli_ok(&earlier, &["demo"]);
    let out = dir.path().join("stick");
    std::fs::create_dir(&out).unwrap();
    cli_ok(
        &earlier,
        &["export", "--formats", "xlsx", "--to", out.to_str().unwrap()],
    );
    let xlsx = walk(&out)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .expect("the workbook was exported");
    let xlsx = xlsx.to_str().unwrap();

    let db = dir.path().join("archive.db");
    cli_ok(&db, &["demo-archive", "--labs", "2", "--ideas", "5"]);
    let before = json(&db, &["archive", "--summary"]);
    let lab = ["--name", "Labinov Kota 2019", "--start-date", "2019-10-07"];
    let preview = cli_ok(
        &db,
        &[&["import-lab", xlsx, "--preview"][..], &lab].concat(),
    );
    assert!(preview.contains("nothing written"), "{preview}");
    assert_eq!(json(&db, &["archive", "--summary"]), before);

    let done = cli_ok(&db, &[&["import-lab", xlsx][..], &lab].concat());
    assert!(done.contains("is in the archive"), "{done}");
    let after = json(&db, &["archive", "--summary"]);
    assert_eq!(after["years"], serde_json::json!([2019, 2025, 2026]));
    let ideas = |v: &Value| v["ideas"].as_u64().unwrap();
    assert_eq!(ideas(&after), ideas(&before) + 50);
    let listed = json(&db, &["lab", "list"]);
    assert!(listed.to_string().contains("Labinov Kota 2019"), "{listed}");
    // Search finds the earlier lab's ideas beside the others.
    let page = json(&db, &["archive", "--year", "2019"]);
    assert_eq!(page["total"], 50, "{page}");

    // Refusals, nothing written.
    let again = cli(&db, &[&["import-lab", xlsx][..], &lab].concat());
    assert_eq!(again.status.code(), Some(1));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("already holds the lab"), "{err}");
    let csv = dir.path().join("ide.csv");
    std::fs::write(&csv, "judul,opd\nA,B\n").unwrap();
    let wrong = cli(
        &db,
        &[&["import-lab", csv.to_str().unwrap()][..], &lab].concat(),
    );
    assert_eq!(wrong.status.code(), Some(1));
    let no_name = cli(&db, &["import-lab", xlsx, "--start-date", "2018-10-01"]);
    assert_eq!(no_name.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&no_name.stderr).contains("--name"),
        "{}",
        String::from_utf8_lossy(&no_name.stderr)
    );
    assert_eq!(ideas(&json(&db, &["archive", "--summary"])), ideas(&after));
}
