//! The months after a lab (issue 14's "Done when"), through the CLI and the core: the
//! demo lab's 50 ideas get plans (lead and partner agencies, steps, milestones) led by six
//! agencies; three rounds of agency workbooks go out with `labinov followup export` and
//! come back with edits through `labinov followup import` (round 1 clean; round 2 with a
//! date edited here after the workbook was made, rows from another lab, an edited header,
//! dates in every form spreadsheets write and a percentage of 150; round 3 after the
//! conflict was resolved); evidence files (a real PDF and JPEG kept, a file lying about
//! its type and an oversize one refused); coaching notes; a second laptop made from a
//! bundle edits the follow-up too and both converge after merging both ways; and the
//! estimated index per agency equals values computed by hand from the config's weights.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use labinov_core::followup::iid::IidConfig;
use labinov_core::followup::workbook::*;
use labinov_core::followup::{
    read_workbook_stamp, IdeaFollowup, Milestone, Step, StepInput, StepStatus, UpdateInput,
    MAX_EVIDENCE_BYTES,
};
use labinov_core::Store;
use labinov_tests::{cli, cli_ok};
use serde_json::{json, Value};

use crate::followup::{returned, s};
use crate::merge::export_bundle;

/// The six agencies that lead the ideas: idea `k` is led by `LEADS[k % 6]`.
const LEADS: usize = 6;

fn store(db: &Path) -> Store {
    Store::open(db).unwrap()
}

/// Everything the follow-up of the lab holds, idea by idea, with the IID checklists.
fn snapshot(db: &Path, ideas: &[String]) -> Vec<(IdeaFollowup, Value)> {
    let st = store(db);
    ideas
        .iter()
        .map(|i| {
            let checklist = serde_json::to_value(st.iid_checklist(i).unwrap()).unwrap();
            (st.idea_followup(i).unwrap(), checklist)
        })
        .collect()
}

/// A workbook as exported: its file, stamp and exported steps and milestones.
struct Book {
    stamp: Stamp,
    exported: Vec<Exported>,
}

impl Book {
    fn steps(&self) -> impl Iterator<Item = &Step> {
        self.exported.iter().filter_map(|e| match e {
            Exported::Step(s) => Some(s),
            _ => None,
        })
    }
    fn milestones(&self) -> impl Iterator<Item = &Milestone> {
        self.exported.iter().filter_map(|e| match e {
            Exported::Milestone(m) => Some(m),
            _ => None,
        })
    }
}

/// `labinov followup export`: one workbook per lead agency, in `LEADS` order.
fn export_round(db: &Path, lab: &str, dir: &Path, leads: &[String]) -> Vec<Book> {
    std::fs::create_dir_all(dir).unwrap();
    let printed = cli_ok(
        db,
        &[
            "followup",
            "export",
            "--lab",
            lab,
            "--to",
            dir.to_str().unwrap(),
        ],
    );
    let mut books: Vec<Book> = printed
        .lines()
        .map(|l| {
            let (stamp, exported) = read_workbook_stamp(Path::new(l)).unwrap();
            Book { stamp, exported }
        })
        .collect();
    assert_eq!(
        books.len(),
        LEADS,
        "one workbook per lead agency: {printed}"
    );
    books.sort_by_key(|b| leads.iter().position(|a| *a == b.stamp.agency_id).unwrap());
    books
}

fn opt(d: &Option<String>) -> Value {
    s(d.as_deref().unwrap_or(""))
}

fn step_row(st: &Step) -> Vec<Value> {
    vec![
        s(&st.idea_id),
        s(&st.id),
        s(""),
        s(&st.title),
        s(&st.owner),
        opt(&st.start_date),
        opt(&st.due_date),
        s(st.status.as_str()),
        s(&st.note),
    ]
}

fn milestone_row(m: &Milestone) -> Vec<Value> {
    vec![
        s(&m.idea_id),
        s(""),
        s(&m.stage),
        opt(&m.planned_date),
        opt(&m.actual_date),
    ]
}

/// The milestone rows as exported, with `actual` as the date `stage` was reached.
fn milestones_reaching(b: &Book, stage: &str, actual: Value) -> Vec<Vec<Value>> {
    b.milestones()
        .map(|m| {
            let mut row = milestone_row(m);
            if m.stage == stage {
                row[4] = actual.clone();
            }
            row
        })
        .collect()
}

fn update_row(idea: &str, date: Value, done: &str, stage: &str, percent: Value) -> Vec<Value> {
    vec![s(idea), date, s(done), s(stage), percent]
}

/// What an agency sends back.
struct Back {
    steps: Vec<Vec<Value>>,
    milestones: Vec<Vec<Value>>,
    updates: Vec<Vec<Value>>,
}

/// Writes the agency's returned workbook (with the real stamp) and gives its path.
fn give_back(dir: &Path, name: &str, book: &Book, back: &Back, update_headers: &[&str]) -> PathBuf {
    let path = dir.join(name);
    returned(
        &path,
        &book.stamp,
        &book.exported,
        &[
            (SHEET_HELP, &["Petunjuk"], vec![]),
            (SHEET_IDEAS, IDEA_HEADERS, vec![]),
            (SHEET_STEPS, STEP_HEADERS, back.steps.clone()),
            (SHEET_MILESTONES, MILESTONE_HEADERS, back.milestones.clone()),
            (SHEET_UPDATES, update_headers, back.updates.clone()),
        ],
    );
    path
}

/// `labinov followup import [--preview] --json FILE [--take-theirs KEY]`: exit code and report.
fn import(db: &Path, file: &Path, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["followup", "import", "--json", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = cli(db, &args);
    let report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| json!({"stderr": String::from_utf8_lossy(&out.stderr).to_string()}));
    (out.status.code().unwrap(), report)
}

fn kinds(report: &Value) -> Vec<String> {
    let mut k: Vec<String> = report["refused"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"]["kind"].as_str().unwrap().to_owned())
        .collect();
    k.sort();
    k
}

/// How many workbook imports an idea's history records.
fn imports_in_history(st: &Store, idea: &str) -> usize {
    st.history(idea)
        .unwrap()
        .iter()
        .filter(|c| c.changes.pointer("/followup/new/workbookImport").is_some())
        .count()
}

/// A real one-page PDF (`pdfinfo` reads it), its cross-reference offsets computed.
fn small_pdf(text: &str) -> Vec<u8> {
    let content = format!("BT /F1 14 Tf 20 50 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A real small photo in `format`.
fn small_image(format: image::ImageFormat, shade: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(32, 24, |x, y| {
        image::Rgb([(x * 8) as u8, (y * 10) as u8, shade])
    });
    let mut buf = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut buf), format)
        .unwrap();
    buf
}

#[test]
fn the_months_after_a_lab_through_the_cli_and_the_core() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a/labinov.db");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    // Another lab first (its ideas are the "idea from another lab"), then this year's.
    cli_ok(&db, &["demo", "--at-lab-end"]);
    cli_ok(&db, &["demo", "--at-lab-end"]);

    // ── Plans for all 50 ideas, through the core (as the plan view saves them). ──
    let (lab, ideas, leads, foreign_idea) = {
        let st = store(&db);
        let labs = st.list_labs().unwrap();
        assert_eq!(labs.len(), 2);
        let lab = st.default_lab().unwrap().id;
        let other = &labs.iter().find(|l| l.lab.id != lab).unwrap().lab;
        let foreign_idea = st.list_ideas(&other.id).unwrap()[0].id.clone();
        let listed = st.list_ideas(&lab).unwrap();
        let ideas: Vec<String> = listed.iter().map(|i| i.id.clone()).collect();
        assert_eq!(ideas.len(), 50);
        let agencies = st.list_agencies(&lab).unwrap();
        assert!(agencies.len() > LEADS);
        let leads: Vec<String> = agencies[..LEADS].iter().map(|a| a.id.clone()).collect();
        for (k, idea) in ideas.iter().enumerate() {
            st.save_followup_plan(idea, Some(&leads[k % LEADS]), &format!("Kepala Bidang {k}"))
                .unwrap();
            // A partner: the next lead agency that is neither the lead nor the idea's own.
            let partner = (1..LEADS)
                .map(|d| &leads[(k + d) % LEADS])
                .find(|a| **a != listed[k].fields.agency_id)
                .unwrap();
            st.add_partner(idea, partner, "Menyediakan data").unwrap();
            for (title, start, due) in [
                ("Menyusun SK tim inovasi", "2027-01-04", "2027-01-29"),
                ("Uji coba layanan", "2027-02-01", "2027-03-31"),
                ("Sosialisasi ke masyarakat", "2027-04-01", "2027-06-30"),
            ] {
                st.add_step(
                    idea,
                    StepInput {
                        title: title.into(),
                        owner: "Sekretaris".into(),
                        start_date: start.into(),
                        due_date: due.into(),
                        ..Default::default()
                    },
                )
                .unwrap();
            }
            for (stage, planned) in [
                ("inisiatif", "2027-01-04"),
                ("uji_coba", "2027-02-01"),
                ("penerapan", "2027-07-01"),
            ] {
                st.set_milestone(idea, stage, planned, "").unwrap();
            }
        }
        (lab, ideas, leads, foreign_idea)
    };
    let k_of = |idea: &str| ideas.iter().position(|i| i == idea).unwrap();
    let idea0 = ideas[0].clone();
    let count = || store(&db).change_count().unwrap();

    // ── Round 1: every agency returns clean updates. ──
    let books = export_round(&db, &lab, &dir.path().join("r1"), &leads);
    for (a, b) in books.iter().enumerate() {
        assert_eq!(b.stamp.idea_ids.len(), if a < 2 { 9 } else { 8 });
    }
    let round1 = |b: &Book| Back {
        // The first step under way; the other steps as exported.
        steps: b
            .steps()
            .map(|st| {
                let mut row = step_row(st);
                if st.position == 1 {
                    row[7] = s("berjalan");
                }
                row
            })
            .collect(),
        milestones: milestones_reaching(b, "inisiatif", s("2027-01-15")),
        updates: b
            .stamp
            .idea_ids
            .iter()
            .map(|i| {
                update_row(
                    i,
                    json!([2027, 1, 31]),
                    "SK tim terbit",
                    "Inisiatif",
                    json!(20),
                )
            })
            .collect(),
    };
    let r1_dir = dir.path().join("r1-back");
    std::fs::create_dir_all(&r1_dir).unwrap();
    let r1: Vec<PathBuf> = books
        .iter()
        .enumerate()
        .map(|(a, b)| {
            give_back(
                &r1_dir,
                &format!("opd{a}.xlsx"),
                b,
                &round1(b),
                UPDATE_HEADERS,
            )
        })
        .collect();
    // The preview writes nothing.
    let (before, snap) = (count(), snapshot(&db, &ideas));
    let (code, preview) = import(&db, &r1[0], &["--preview"]);
    assert_eq!(code, 0, "{preview}");
    assert_eq!(preview["applied"], false);
    assert_eq!(preview["newUpdates"].as_array().unwrap().len(), 9);
    assert_eq!(
        preview["changes"].as_array().unwrap().len(),
        9 + 9,
        "{preview}"
    );
    assert_eq!((count(), snapshot(&db, &ideas)), (before, snap));
    for f in &r1 {
        let (code, report) = import(&db, f, &[]);
        assert_eq!(code, 0, "{report}");
        assert_eq!(report["applied"], true);
        assert!(report["refused"].as_array().unwrap().is_empty());
        assert!(report["conflicts"].as_array().unwrap().is_empty());
    }
    for f in snapshot(&db, &ideas).into_iter().map(|x| x.0) {
        assert_eq!(f.updates.len(), 1);
        assert_eq!(
            (f.updates[0].date.as_str(), f.updates[0].percent),
            ("2027-01-31", 20)
        );
        assert_eq!(f.steps[0].status, StepStatus::Berjalan);
        assert_eq!(f.steps[1].status, StepStatus::Belum);
        assert_eq!(f.milestones[0].actual_date.as_deref(), Some("2027-01-15"));
        assert_eq!(
            f.updates[0].agency_id.as_deref(),
            Some(leads[k_of(&f.idea_id) % LEADS].as_str())
        );
    }

    // ── Round 2: a conflict, bad rows, an edited header, dates in every form. ──
    let books = export_round(&db, &lab, &dir.path().join("r2"), &leads);
    // Here, after the workbooks were made: idea 0's trial step moves to 15 April.
    let trial0 = store(&db).idea_followup(&idea0).unwrap().steps[1].clone();
    store(&db)
        .edit_step(
            &trial0.id,
            StepInput {
                due_date: "2027-04-15".into(),
                ..StepInput::from(&trial0)
            },
        )
        .unwrap();
    // Every agency moves each trial step to 30 April 2027, written as a spreadsheet does:
    // a bare serial number (days since 1899-12-30: 2027-01-31 is 46418, + 28 + 31 + 30
    // = 46507), a date-formatted cell, dd/mm/yyyy, yyyy-mm-dd and ISO date-time text.
    let formats = [
        json!(46_507),
        json!([2027, 4, 30]),
        s("30/04/2027"),
        s("2027-04-30"),
        s("2027-04-30T00:00:00"),
    ];
    let round2 = |b: &Book| {
        let mut back = Back {
            steps: b
                .steps()
                .map(|st| {
                    let mut row = step_row(st);
                    if st.position == 2 {
                        row[6] = formats[k_of(&st.idea_id) % formats.len()].clone();
                        row[7] = s("Berjalan");
                    }
                    row
                })
                .collect(),
            milestones: b.milestones().map(milestone_row).collect(),
            updates: b
                .stamp
                .idea_ids
                .iter()
                .map(|i| {
                    update_row(
                        i,
                        s("28/02/2027"),
                        "Uji coba dimulai",
                        "Uji coba",
                        json!(45),
                    )
                })
                .collect(),
        };
        if b.stamp.idea_ids.contains(&idea0) {
            // An idea of another lab pasted in, and 150 %.
            back.updates.push(update_row(
                &foreign_idea,
                s("01/03/2027"),
                "Salah tempel",
                "Uji coba",
                json!(30),
            ));
            back.updates.push(update_row(
                &idea0,
                s("2027-04-05"),
                "Layanan diterapkan",
                "Penerapan",
                json!(150),
            ));
        }
        back
    };
    let r2_dir = dir.path().join("r2-back");
    std::fs::create_dir_all(&r2_dir).unwrap();
    let r2: Vec<PathBuf> = books
        .iter()
        .enumerate()
        .map(|(a, b)| {
            give_back(
                &r2_dir,
                &format!("opd{a}.xlsx"),
                b,
                &round2(b),
                UPDATE_HEADERS,
            )
        })
        .collect();

    // Agency 1 first sends a workbook whose percentage header was shortened: refused as
    // a whole with the column named, exit 1, nothing written.
    let mut edited = UPDATE_HEADERS.to_vec();
    *edited.last_mut().unwrap() = "Persentase";
    let bad_header = give_back(
        &r2_dir,
        "opd1-judul-diubah.xlsx",
        &books[1],
        &round2(&books[1]),
        &edited,
    );
    let (before, snap) = (count(), snapshot(&db, &ideas));
    let out = cli(&db, &["followup", "import", bad_header.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("Persentase (0-100)") && err.contains("Kemajuan"),
        "{err}"
    );
    assert_eq!((count(), snapshot(&db, &ideas)), (before, snap));
    let (before, snap) = (count(), snapshot(&db, &ideas));

    // Agency 0's preview: exit 1, the conflict and the two refused rows, nothing written.
    let (code, preview) = import(&db, &r2[0], &["--preview"]);
    assert_eq!(code, 1, "{preview}");
    assert_eq!(preview["applied"], false);
    assert_eq!(kinds(&preview), ["notAgencysIdea", "percentRange"]);
    let conflicts = preview["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "{preview}");
    let c = &conflicts[0];
    assert_eq!(
        (
            &c["ideaId"],
            &c["field"],
            &c["here"],
            &c["theirs"],
            &c["exported"],
            &c["taken"]
        ),
        (
            &json!(idea0),
            &json!("dueDate"),
            &json!("2027-04-15"),
            &json!("2027-04-30"),
            &json!("2027-03-31"),
            &json!("here")
        )
    );
    assert_eq!(
        (count(), snapshot(&db, &ideas)),
        (before, snap),
        "a preview writes nothing"
    );

    for (a, f) in r2.iter().enumerate() {
        let (code, report) = import(&db, f, &[]);
        assert_eq!(code, if a == 0 { 1 } else { 0 }, "{report}");
        assert_eq!(
            report["newUpdates"].as_array().unwrap().len(),
            books[a].stamp.idea_ids.len()
        );
    }
    for (k, f) in snapshot(&db, &ideas).into_iter().map(|x| x.0).enumerate() {
        let due = if k == 0 { "2027-04-15" } else { "2027-04-30" };
        assert_eq!(
            f.steps[1].due_date.as_deref(),
            Some(due),
            "idea {k}: the edit here stays"
        );
        assert_eq!(f.steps[1].status, StepStatus::Berjalan);
        assert_eq!(f.updates.len(), 2, "idea {k}");
        assert_eq!(
            (f.updates[0].date.as_str(), f.updates[0].percent),
            ("2027-02-28", 45)
        );
    }
    // The conflict resolved: the workbook's date taken, by its key; the bad rows are still
    // refused (exit 1) and the updates are not imported twice.
    let key = c["key"].as_str().unwrap();
    let (code, report) = import(&db, &r2[0], &["--take-theirs", key]);
    assert_eq!(code, 1, "{report}");
    assert!(report["newUpdates"].as_array().unwrap().is_empty());
    assert_eq!(report["conflicts"][0]["taken"], "theirs");
    let f0 = store(&db).idea_followup(&idea0).unwrap();
    assert_eq!(f0.steps[1].due_date.as_deref(), Some("2027-04-30"));
    assert_eq!(f0.updates.len(), 2);

    // ── Round 3, after resolving: the agency's corrected row, no conflict, exit 0. ──
    let books = export_round(&db, &lab, &dir.path().join("r3"), &leads);
    let r3_dir = dir.path().join("r3-back");
    std::fs::create_dir_all(&r3_dir).unwrap();
    for (a, b) in books.iter().enumerate() {
        let mut back = Back {
            steps: b.steps().map(step_row).collect(),
            // 2027-02-01 as a bare serial.
            milestones: milestones_reaching(b, "uji_coba", json!(46_419)),
            updates: b
                .stamp
                .idea_ids
                .iter()
                .map(|i| {
                    update_row(
                        i,
                        s("2027-03-31"),
                        "Evaluasi uji coba",
                        "uji_coba",
                        s("60%"),
                    )
                })
                .collect(),
        };
        if a == 0 {
            back.updates.push(update_row(
                &idea0,
                s("05/04/2027"),
                "Layanan diterapkan",
                "Penerapan",
                json!(100),
            ));
        }
        let f = give_back(&r3_dir, &format!("opd{a}.xlsx"), b, &back, UPDATE_HEADERS);
        let (code, report) = import(&db, &f, &[]);
        assert_eq!(code, 0, "{report}");
        assert!(
            report["conflicts"].as_array().unwrap().is_empty(),
            "{report}"
        );
    }
    {
        let st = store(&db);
        for (k, idea) in ideas.iter().enumerate() {
            let f = st.idea_followup(idea).unwrap();
            assert_eq!(f.updates.len(), if k == 0 { 4 } else { 3 }, "idea {k}");
            assert_eq!(f.milestones[1].actual_date.as_deref(), Some("2027-02-01"));
            // Each import that touched the idea is in its history: three rounds, and for
            // idea 0 the import that resolved its conflict.
            assert_eq!(
                imports_in_history(&st, idea),
                if k == 0 { 4 } else { 3 },
                "idea {k}"
            );
        }
        let board = st.followup_board(&lab, "2027-04-10").unwrap();
        let row = board.ideas.iter().find(|r| r.idea_id == idea0).unwrap();
        assert_eq!((row.stage.as_str(), row.percent), ("penerapan", 100));
        let other = board.ideas.iter().find(|r| r.idea_id == ideas[1]).unwrap();
        assert_eq!((other.stage.as_str(), other.percent), ("uji_coba", 60));
    }

    // ── Evidence files and coaching notes. ──
    let pdf = small_pdf("SK Tim Inovasi");
    let jpeg = small_image(image::ImageFormat::Jpeg, 90);
    let (pdf0, jpg0, jpg6, pdf1) = {
        let st = store(&db);
        let latest = st.idea_followup(&idea0).unwrap().updates[0].id.clone();
        let pdf0 = st
            .add_evidence(&idea0, Some(&latest), "SK-Tim-Inovasi.pdf", &pdf)
            .unwrap();
        assert_eq!(
            (pdf0.mime.as_str(), pdf0.size as usize),
            ("application/pdf", pdf.len())
        );
        let jpg0 = st
            .add_evidence(&idea0, None, "foto-uji-coba.jpg", &jpeg)
            .unwrap();
        assert_eq!(jpg0.mime, "image/jpeg");
        let jpg6 = st
            .add_evidence(&ideas[6], None, "foto-layanan", &jpeg)
            .unwrap();
        assert_eq!(
            jpg6.mime, "image/jpeg",
            "a name without extension takes the bytes' type"
        );
        let pdf1 = st.add_evidence(&ideas[1], None, "sk.PDF", &pdf).unwrap();
        assert_eq!(st.evidence_bytes(&pdf0.id).unwrap(), pdf);

        // A photo named as a PDF and a file over the limit: refused with their reasons,
        // nothing written. (The API takes the bytes the UI read; the limit is 20 MB, so
        // the oversize file is 20 MB + 1 in memory, not 200 MB.)
        let before = st.change_count().unwrap();
        let lie = st
            .add_evidence(&idea0, None, "laporan.pdf", &jpeg)
            .unwrap_err();
        assert_eq!(
            serde_json::to_value(lie.reason().unwrap()).unwrap(),
            json!({"kind": "evidenceTypeMismatch", "claimed": "application/pdf", "found": "image/jpeg"})
        );
        let big = vec![0u8; MAX_EVIDENCE_BYTES + 1];
        let too_big = st.add_evidence(&idea0, None, "scan.pdf", &big).unwrap_err();
        assert_eq!(too_big.reason().unwrap().kind(), "fileTooLarge");
        assert_eq!(st.change_count().unwrap(), before);
        assert_eq!(st.list_evidence(&idea0).unwrap().len(), 2);

        st.add_coach_note(
            &idea0,
            "2027-02-10",
            "Pendamping LAN",
            "SK sudah terbit; siapkan SOP layanan.",
        )
        .unwrap();
        st.add_coach_note(
            &ideas[6],
            "2027-02-11",
            "Pendamping LAN",
            "Perlu data sebelum dan sesudah.",
        )
        .unwrap();
        (pdf0.id, jpg0.id, jpg6.id, pdf1.id)
    };

    // ── IID answers on laptop A. ──
    let weight_of = {
        let config: IidConfig = store(&db).iid_config(&lab).unwrap();
        move |code: &str| {
            config
                .indicators
                .iter()
                .find(|i| i.code == code)
                .unwrap()
                .weight
        }
    };
    let all_codes: Vec<String> = IidConfig::default_2023()
        .indicators
        .into_iter()
        .map(|i| i.code)
        .collect();
    {
        let st = store(&db);
        st.set_iid_answer(&idea0, "regulasi", Some(3), vec![pdf0.clone()])
            .unwrap();
        st.set_iid_answer(&idea0, "video", Some(2), vec![jpg0.clone()])
            .unwrap();
        st.set_iid_answer(&idea0, "kemanfaatan", Some(3), vec![])
            .unwrap();
        for code in &all_codes {
            st.set_iid_answer(&ideas[6], code, Some(2), vec![jpg6.clone()])
                .unwrap();
        }
        for code in [
            "regulasi",
            "sdm",
            "replikasi",
            "kemanfaatan",
            "monev",
            "video",
        ] {
            st.set_iid_answer(&ideas[1], code, Some(3), vec![pdf1.clone()])
                .unwrap();
        }
    }

    // ── A second laptop, made from a bundle, edits the follow-up too. ──
    let db_b = dir.path().join("b/labinov.db");
    std::fs::create_dir_all(db_b.parent().unwrap()).unwrap();
    let start = export_bundle(&db, &dir.path().join("usb1"));
    cli_ok(&db_b, &["import", start.to_str().unwrap()]);
    assert_eq!(
        snapshot(&db_b, &ideas),
        snapshot(&db, &ideas),
        "B starts as a copy of A"
    );
    let png = small_image(image::ImageFormat::Png, 200);
    let step3 = store(&db).idea_followup(&ideas[3]).unwrap().steps[0].clone();
    {
        let b = store(&db_b);
        let png_ev = b
            .add_evidence(&ideas[2], None, "layar-aplikasi.png", &png)
            .unwrap();
        for code in &all_codes {
            b.set_iid_answer(&ideas[2], code, Some(3), vec![png_ev.id.clone()])
                .unwrap();
        }
        b.add_coach_note(
            &ideas[4],
            "2027-04-12",
            "Pendamping B",
            "Kunjungan lapangan.",
        )
        .unwrap();
        b.add_progress_update(
            &ideas[5],
            UpdateInput {
                date: "2027-04-12".into(),
                done: "Peluncuran layanan".into(),
                stage: "penerapan".into(),
                percent: 80,
                agency_id: String::new(),
            },
        )
        .unwrap();
        b.set_milestone(&ideas[5], "penerapan", "2027-07-01", "2027-04-12")
            .unwrap();
        b.edit_step(
            &step3.id,
            StepInput {
                note: "Catatan laptop B".into(),
                ..StepInput::from(&step3)
            },
        )
        .unwrap();
    }
    {
        let a = store(&db);
        a.add_coach_note(&ideas[3], "2027-04-13", "Pendamping A", "SOP disahkan.")
            .unwrap();
        a.edit_step(
            &step3.id,
            StepInput {
                note: "Catatan laptop A".into(),
                status: "selesai".into(),
                ..StepInput::from(&step3)
            },
        )
        .unwrap();
    }
    // Both ways across a stick: the two laptops hold the same follow-up.
    let from_a = export_bundle(&db, &dir.path().join("usb2"));
    let from_b = export_bundle(&db_b, &dir.path().join("usb3"));
    cli_ok(&db, &["import", from_b.to_str().unwrap()]);
    cli_ok(&db_b, &["import", from_a.to_str().unwrap()]);
    let (on_a, on_b) = (snapshot(&db, &ideas), snapshot(&db_b, &ideas));
    assert_eq!(
        on_a, on_b,
        "both laptops hold the same plans, updates, evidence, notes"
    );
    let f3 = &on_a[3].0;
    assert_eq!(
        f3.steps[0].status,
        StepStatus::Selesai,
        "A's status (B did not touch it)"
    );
    assert!(["Catatan laptop A", "Catatan laptop B"].contains(&f3.steps[0].note.as_str()));
    assert_eq!(f3.coach_notes.len(), 1);
    assert_eq!(on_a[4].0.coach_notes[0].coach, "Pendamping B");
    assert_eq!(on_a[5].0.updates[0].percent, 80);
    assert_eq!(
        on_a[5].0.milestones[2].actual_date.as_deref(),
        Some("2027-04-12")
    );
    assert_eq!(on_a[2].0.evidence.len(), 1);
    let png_id = on_a[2].0.evidence[0].id.clone();
    assert_eq!(
        store(&db).evidence_bytes(&png_id).unwrap(),
        png,
        "the file travelled whole"
    );
    assert_eq!(on_a[0].0.evidence.len(), 2);
    assert_eq!(on_a[0].0.coach_notes.len(), 1);

    // ── The estimated index per agency, against values computed by hand. ──
    // The 2023 weights (from the config, not assumed): regulasi 3, sdm 2, anggaran 2,
    // alat kerja 2, bimtek 1, integrasi RKPD 2, keterlibatan aktor 1, pelaksana 1,
    // jejaring 1, sosialisasi 1, pedoman teknis 1, kemudahan informasi 1, kemudahan
    // proses 2, pengaduan 1, layanan terintegrasi 2, replikasi 3, kecepatan penciptaan 2,
    // kemanfaatan 3, monev 2, video 4: Σ = 37, so an innovation scores at most
    // 3 (the highest parameter) × 37 = 111 points; score = 100 × points / 111.
    let weights: Vec<u32> = all_codes.iter().map(|c| weight_of(c)).collect();
    assert_eq!(
        weights,
        [3, 2, 2, 2, 1, 2, 1, 1, 1, 1, 1, 1, 2, 1, 2, 3, 2, 3, 2, 4]
    );
    assert_eq!(weights.iter().sum::<u32>(), 37);
    //
    // Idea 0 (agency 0): regulasi 3 × 3 = 9 (PDF linked), video 2 × 4 = 8 (JPEG linked),
    //   kemanfaatan chosen 3 but no evidence: 0. 17 points: 1700 / 111 = 15.315… → 15.32,
    //   Kurang Inovatif (0.01 to 34.99).
    // Idea 6 (agency 0): every indicator at 2 with evidence: 2 × 37 = 74 points:
    //   7400 / 111 = 66.666… → 66.67, Sangat Inovatif (from 60.01).
    // Idea 1 (agency 1): regulasi 3·3 = 9, sdm 3·2 = 6, replikasi 3·3 = 9, kemanfaatan
    //   3·3 = 9, monev 3·2 = 6, video 3·4 = 12: 51 points: 5100 / 111 = 45.945… → 45.95,
    //   Inovatif (35.00 to 60.00).
    // Idea 2 (agency 2, answered on laptop B): every indicator at 3: 111 / 111 = 100.00.
    // Agency 0 leads ideas 0, 6, …, 48: 9 ideas; the mean (15.32 + 66.67 + 7 × 0) / 9 =
    //   81.99 / 9 = 9.11, Kurang Inovatif.
    // Agency 1 leads ideas 1, 7, …, 49: 9 ideas: 45.95 / 9 = 5.1055… → 5.11, Kurang Inovatif.
    // Agency 2 leads ideas 2, 8, …, 44: 8 ideas: 100 / 8 = 12.50, Kurang Inovatif.
    // Agencies 3 to 5 (8 ideas each, nothing answered): 0.00, Tidak Dapat Dinilai; the
    // roster's other agencies lead nothing: no score.
    let by_hand: [(f64, &str); LEADS] = [
        (9.11, "kurang_inovatif"),
        (5.11, "kurang_inovatif"),
        (12.5, "kurang_inovatif"),
        (0.0, "tidak_dapat_dinilai"),
        (0.0, "tidak_dapat_dinilai"),
        (0.0, "tidak_dapat_dinilai"),
    ];
    let idea_by_hand = [
        (0, 15.32, "kurang_inovatif"),
        (6, 66.67, "sangat_inovatif"),
        (1, 45.95, "inovatif"),
        (2, 100.0, "sangat_inovatif"),
    ];
    let est_a = store(&db).iid_estimates_by_agency(&lab).unwrap();
    assert_eq!(
        est_a,
        store(&db_b).iid_estimates_by_agency(&lab).unwrap(),
        "B estimates the same"
    );
    for e in &est_a {
        assert!(e.is_estimate);
        match leads.iter().position(|l| *l == e.agency_id) {
            Some(a) => {
                assert_eq!(e.ideas.len(), if a < 2 { 9 } else { 8 });
                let got = (e.score.unwrap(), e.band.as_ref().unwrap().code.as_str());
                assert_eq!(got, by_hand[a], "agency {a} ({})", e.agency_name);
            }
            None => assert!(e.score.is_none() && e.ideas.is_empty(), "{}", e.agency_name),
        }
    }
    for (k, score, band) in idea_by_hand {
        let e = store(&db).iid_estimate(&ideas[k]).unwrap();
        assert_eq!((e.score, e.band.code.as_str()), (score, band), "idea {k}");
        assert!(e.is_estimate);
    }
}
