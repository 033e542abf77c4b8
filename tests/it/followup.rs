//! After the lab, through the CLI (issue 14): plans for a handful of the demo lab's ideas
//! (made through the core, as the app would), `labinov followup export` writing one
//! workbook per agency, an agency's workbook returned with new progress updates, changed
//! dates, a bad row and a date edited here meanwhile (a conflict, kept), previewed and
//! imported with `labinov followup import`, and files that are no workbook refused with
//! exit status 1 and nothing changed.

use std::path::{Path, PathBuf};

use labinov_core::followup::workbook::*;
use labinov_core::followup::{read_workbook_stamp, StepInput, StepStatus};
use labinov_core::Store;
use labinov_tests::{cli, cli_ok};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;

/// One sheet of a returned workbook: its name, headers and rows.
pub(crate) type Sheet<'a> = (&'a str, &'a [&'a str], Vec<Vec<Value>>);

/// Writes `rows` per sheet, with the stamp and exported values of the real workbook.
pub(crate) fn returned(path: &Path, stamp: &Stamp, exported: &[Exported], sheets: &[Sheet<'_>]) {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (name, headers, rows) in sheets {
        let ws = book.add_worksheet().set_name(*name).unwrap();
        for (c, h) in headers.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match v {
                    Value::String(s) => {
                        ws.write_string(r, c, s).unwrap();
                    }
                    Value::Number(n) => {
                        ws.write_number(r, c, n.as_f64().unwrap()).unwrap();
                    }
                    // [y, m, d]: a date-formatted cell, as Excel saves a picked date.
                    Value::Array(a) => {
                        let n = |i: usize| a[i].as_u64().unwrap();
                        let dt =
                            ExcelDateTime::from_ymd(n(0) as u16, n(1) as u8, n(2) as u8).unwrap();
                        ws.write_date_with_format(r, c, &dt, &date).unwrap();
                    }
                    _ => {}
                }
            }
        }
    }
    let ws = book.add_worksheet().set_name(SHEET_STAMP).unwrap();
    ws.write_string(0, 0, "stamp").unwrap();
    ws.write_string(0, 1, serde_json::to_string(stamp).unwrap())
        .unwrap();
    for (i, e) in exported.iter().enumerate() {
        ws.write_string(i as u32 + 1, 0, "exported").unwrap();
        ws.write_string(i as u32 + 1, 1, serde_json::to_string(e).unwrap())
            .unwrap();
    }
    ws.set_very_hidden(true);
    book.save(path).unwrap();
}

pub(crate) fn s(v: &str) -> Value {
    Value::String(v.into())
}

#[test]
fn agencies_report_by_workbook_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lab.db");
    cli_ok(&db, &["demo"]);

    // Plans for a handful of ideas, through the core (what the plan view will call).
    let (lab_id, dinkes_ideas) = {
        let store = Store::open(&db).unwrap();
        let lab = store.default_lab().unwrap();
        let agencies = store.list_agencies(&lab.id).unwrap();
        let dinkes = agencies.iter().find(|a| a.code == "DINKES").unwrap();
        let ideas: Vec<_> = store
            .list_ideas(&lab.id)
            .unwrap()
            .into_iter()
            .filter(|i| i.fields.agency_id == dinkes.id)
            .collect();
        assert!(ideas.len() >= 2, "the demo lab has DINKES ideas");
        for (k, i) in store
            .list_ideas(&lab.id)
            .unwrap()
            .iter()
            .take(6)
            .enumerate()
        {
            store
                .save_followup_plan(&i.id, None, &format!("Penanggung jawab {k}"))
                .unwrap();
            store
                .add_step(
                    &i.id,
                    StepInput {
                        title: "SK tim inovasi".into(),
                        owner: "Sekretaris".into(),
                        start_date: "2027-01-04".into(),
                        due_date: "2027-01-29".into(),
                        ..Default::default()
                    },
                )
                .unwrap();
        }
        for i in &ideas {
            store
                .add_step(
                    &i.id,
                    StepInput {
                        title: "Uji coba".into(),
                        start_date: "2027-02-01".into(),
                        due_date: "2027-03-31".into(),
                        ..Default::default()
                    },
                )
                .unwrap();
        }
        (lab.id, ideas)
    };

    let out_dir = dir.path().join("keluar");
    std::fs::create_dir(&out_dir).unwrap();
    let printed = cli_ok(
        &db,
        &["followup", "export", "--to", out_dir.to_str().unwrap()],
    );
    let files: Vec<PathBuf> = printed.lines().map(PathBuf::from).collect();
    let written = std::fs::read_dir(&out_dir).unwrap().count();
    assert_eq!(files.len(), written, "{printed}");
    assert!(
        files.len() > 10,
        "one per agency leading an idea: {printed}"
    );
    let dinkes_file = files
        .iter()
        .find(|f| f.to_string_lossy().contains("Tindak-Lanjut-DINKES-"))
        .expect("DINKES's workbook");
    let (stamp, exported) = read_workbook_stamp(dinkes_file).unwrap();
    assert_eq!(stamp.lab_id, lab_id);
    assert_eq!(stamp.idea_ids.len(), dinkes_ideas.len());

    // Here, after the export: the first DINKES step's due date moved.
    let first_step = exported
        .iter()
        .find_map(|e| match e {
            Exported::Step(s) => Some(s.clone()),
            _ => None,
        })
        .unwrap();
    {
        let store = Store::open(&db).unwrap();
        store
            .edit_step(
                &first_step.id,
                StepInput {
                    title: first_step.title.clone(),
                    owner: first_step.owner.clone(),
                    start_date: "2027-01-04".into(),
                    due_date: "2027-02-12".into(),
                    status: first_step.status.as_str().into(),
                    note: String::new(),
                },
            )
            .unwrap();
    }

    // The agency's returned workbook.
    let step_rows: Vec<Vec<Value>> = exported
        .iter()
        .filter_map(|e| match e {
            Exported::Step(st) => {
                let mut row = vec![
                    s(&st.idea_id),
                    s(&st.id),
                    s(""),
                    s(&st.title),
                    s(&st.owner),
                    s(st.start_date.as_deref().unwrap_or("")),
                    s(st.due_date.as_deref().unwrap_or("")),
                    s(st.status.as_str()),
                    s(&st.note),
                ];
                if st.id == first_step.id {
                    // The agency moved the same date (conflict) and marked it done.
                    row[6] = serde_json::json!([2027, 2, 5]);
                    row[7] = s("selesai");
                }
                Some(row)
            }
            _ => None,
        })
        .collect();
    let milestone_rows: Vec<Vec<Value>> = exported
        .iter()
        .filter_map(|e| match e {
            Exported::Milestone(m) => Some(vec![
                s(&m.idea_id),
                s(""),
                s(&m.stage),
                if m.stage == "uji_coba" {
                    serde_json::json!(46_419) // 2027-02-01 as a bare serial
                } else {
                    s("")
                },
                s(""),
            ]),
            _ => None,
        })
        .collect();
    let idea0 = &dinkes_ideas[0].id;
    let update_rows = vec![
        vec![
            s(idea0),
            s("31/01/2027"),
            s("SK tim terbit"),
            s("Inisiatif"),
            serde_json::json!(25),
        ],
        vec![
            s(idea0),
            serde_json::json!([2027, 2, 3]),
            s("Uji coba mulai"),
            s("Uji coba"),
            s("40%"),
        ],
        // A bad row: no such date.
        vec![
            s(idea0),
            s("30/02/2027"),
            s("Tanggal salah"),
            s("Uji coba"),
            serde_json::json!(45),
        ],
    ];
    let back = dir.path().join("DINKES-kembali.xlsx");
    returned(
        &back,
        &stamp,
        &exported,
        &[
            (SHEET_HELP, &["Petunjuk"], vec![]),
            (SHEET_IDEAS, IDEA_HEADERS, vec![]),
            (SHEET_STEPS, STEP_HEADERS, step_rows),
            (SHEET_MILESTONES, MILESTONE_HEADERS, milestone_rows),
            (SHEET_UPDATES, UPDATE_HEADERS, update_rows),
        ],
    );
    let count = || Store::open(&db).unwrap().change_count().unwrap();
    let before = count();

    // Preview: exit 1 (a row refused), nothing written.
    let preview = cli(
        &db,
        &[
            "followup",
            "import",
            back.to_str().unwrap(),
            "--preview",
            "--json",
        ],
    );
    assert_eq!(
        preview.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&preview.stderr)
    );
    let report: Value = serde_json::from_slice(&preview.stdout).unwrap();
    assert_eq!(report["applied"], false);
    assert_eq!(report["newUpdates"].as_array().unwrap().len(), 2);
    assert_eq!(report["refused"].as_array().unwrap().len(), 1);
    assert_eq!(report["refused"][0]["reason"]["kind"], "notADate");
    assert_eq!(report["conflicts"][0]["field"], "dueDate");
    assert_eq!(count(), before, "a preview writes nothing");

    // Import: the good rows go in, the conflict keeps the date set here, exit 1.
    let imported = cli(&db, &["followup", "import", back.to_str().unwrap()]);
    assert_eq!(imported.status.code(), Some(1));
    let text = String::from_utf8_lossy(&imported.stdout);
    assert!(
        text.contains("CONFLICT") && text.contains("REFUSED"),
        "{text}"
    );
    assert!(text.contains("2 new update(s)"), "{text}");
    {
        let store = Store::open(&db).unwrap();
        let f = store.idea_followup(idea0).unwrap();
        assert_eq!(f.updates.len(), 2);
        let st = store
            .idea_followup(&first_step.idea_id)
            .unwrap()
            .steps
            .into_iter()
            .find(|x| x.id == first_step.id)
            .unwrap();
        assert_eq!(
            st.due_date.as_deref(),
            Some("2027-02-12"),
            "the edit here stays"
        );
        assert_eq!(
            st.status,
            StepStatus::Selesai,
            "the agency's status: not edited here since"
        );
        let history = store.history(idea0).unwrap();
        assert!(history
            .iter()
            .any(|c| c.changes.pointer("/followup/new/workbookImport").is_some()));
        let board = store.followup_board(&lab_id, "2027-02-20").unwrap();
        let row = board.ideas.iter().find(|r| &r.idea_id == idea0).unwrap();
        assert_eq!((row.stage.as_str(), row.percent), ("uji_coba", 40));
    }

    // Taking the workbook's date for the conflict, by its key.
    let key = report["conflicts"][0]["key"].as_str().unwrap().to_owned();
    let again = cli(
        &db,
        &[
            "followup",
            "import",
            back.to_str().unwrap(),
            "--take-theirs",
            &key,
        ],
    );
    assert_eq!(again.status.code(), Some(1), "the bad row is still refused");
    {
        let store = Store::open(&db).unwrap();
        let st = store
            .idea_followup(&first_step.idea_id)
            .unwrap()
            .steps
            .into_iter()
            .find(|x| x.id == first_step.id)
            .unwrap();
        assert_eq!(st.due_date.as_deref(), Some("2027-02-05"));
        assert_eq!(
            store.idea_followup(idea0).unwrap().updates.len(),
            2,
            "not twice"
        );
    }

    // Files that are no follow-up workbook: exit 1, a plain message, nothing changed.
    let before = count();
    let csv = dir.path().join("bukan.xlsx");
    std::fs::write(&csv, "ID Ide,Tanggal\n").unwrap();
    let big = dir.path().join("besar.xlsx");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    for (file, says) in [(&csv, ".xlsx"), (&big, "MB"), (&files[0], "")] {
        let out = cli(&db, &["followup", "import", file.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr);
        if says.is_empty() {
            // Another agency's untouched workbook: imports as nothing new, exit 0.
            assert_eq!(out.status.code(), Some(0), "{err}");
        } else {
            assert_eq!(out.status.code(), Some(1), "{err}");
            assert!(err.contains(says), "{err}");
        }
    }
    assert_eq!(count(), before);
}
