//! Returned follow-up workbooks: written here as an agency's Excel or LibreOffice saves
//! them (plain cells, dates in every form), with the stamp of a real export
//! (`Store::followup_workbooks`); the writer's own output is read back in the render
//! crate's tests.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::followup::workbook::*;
use crate::followup::*;
use crate::model::*;
use crate::store::test_support::lab_with_agency;
use crate::store::Store;
use crate::{ErrorCode, Reason};

#[derive(Clone, Debug)]
enum C {
    S(String),
    N(f64),
    /// A date-formatted cell.
    D(u16, u8, u8),
    E,
}

fn s(v: &str) -> C {
    C::S(v.into())
}

fn opt(v: &Option<String>) -> C {
    v.as_deref().map_or(C::E, s)
}

struct Sheets {
    steps: Vec<Vec<C>>,
    milestones: Vec<Vec<C>>,
    updates: Vec<Vec<C>>,
    step_headers: Vec<String>,
}

/// The sheets as the workbook was exported (no update rows).
fn as_exported(wb: &AgencyWorkbook) -> Sheets {
    Sheets {
        steps: wb
            .steps
            .iter()
            .map(|(title, st)| {
                vec![
                    s(&st.idea_id),
                    s(&st.id),
                    s(title),
                    s(&st.title),
                    s(&st.owner),
                    opt(&st.start_date),
                    opt(&st.due_date),
                    s(st.status.as_str()),
                    s(&st.note),
                ]
            })
            .collect(),
        milestones: wb
            .milestones
            .iter()
            .map(|(title, m)| {
                let label = wb.stages.iter().find(|x| x.0 == m.stage).unwrap().1.clone();
                vec![
                    s(&m.idea_id),
                    s(title),
                    C::S(label),
                    opt(&m.planned_date),
                    opt(&m.actual_date),
                ]
            })
            .collect(),
        updates: vec![],
        step_headers: STEP_HEADERS.iter().map(|h| h.to_string()).collect(),
    }
}

fn write(path: &Path, wb: &AgencyWorkbook, sheets: &Sheets) {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let mut table = |name: &str, headers: &[String], rows: &[Vec<C>]| {
        let ws = book.add_worksheet().set_name(name).unwrap();
        for (c, h) in headers.iter().enumerate() {
            ws.write_string(0, c as u16, h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match cell {
                    C::S(v) => {
                        ws.write_string(r, c, v).unwrap();
                    }
                    C::N(n) => {
                        ws.write_number(r, c, *n).unwrap();
                    }
                    C::D(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        ws.write_date_with_format(r, c, &dt, &date).unwrap();
                    }
                    C::E => {}
                }
            }
        }
    };
    let strings = |h: &[&str]| h.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    table(SHEET_HELP, &strings(&["Petunjuk"]), &[]);
    table(
        SHEET_IDEAS,
        &strings(IDEA_HEADERS),
        &wb.ideas
            .iter()
            .map(|i| vec![s(&i.id), s(&i.title)])
            .collect::<Vec<_>>(),
    );
    table(SHEET_STEPS, &sheets.step_headers, &sheets.steps);
    table(
        SHEET_MILESTONES,
        &strings(MILESTONE_HEADERS),
        &sheets.milestones,
    );
    table(SHEET_UPDATES, &strings(UPDATE_HEADERS), &sheets.updates);
    let mut stamp_rows = vec![vec![
        s("stamp"),
        C::S(serde_json::to_string(&wb.stamp).unwrap()),
    ]];
    for (_, st) in &wb.steps {
        stamp_rows.push(vec![
            s("exported"),
            C::S(serde_json::to_string(&Exported::Step(st.clone())).unwrap()),
        ]);
    }
    for (_, m) in &wb.milestones {
        stamp_rows.push(vec![
            s("exported"),
            C::S(serde_json::to_string(&Exported::Milestone(m.clone())).unwrap()),
        ]);
    }
    // The stamp sheet has no header row: write from row 0.
    {
        let ws = book.add_worksheet().set_name(SHEET_STAMP).unwrap();
        for (r, row) in stamp_rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if let C::S(v) = cell {
                    ws.write_string(r as u32, c as u16, v).unwrap();
                }
            }
        }
        ws.set_very_hidden(true);
    }
    book.save(path).unwrap();
}

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    store: Store,
    lab: Lab,
    ideas: Vec<Idea>,
    other_idea: Idea,
    steps: Vec<Step>,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let store = Store::open(root.join("labinov.db")).unwrap();
    let (lab, dinkes) = lab_with_agency(&store);
    let dishub = store
        .add_agency(
            &lab.id,
            NewAgency {
                code: "DISHUB".into(),
                name: "Dinas Perhubungan".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let idea = |agency: &str, title: &str| {
        store
            .add_idea(
                &lab.id,
                IdeaInput {
                    agency_id: agency.into(),
                    title: title.into(),
                    ..Default::default()
                },
            )
            .unwrap()
    };
    let ideas = vec![
        idea(&dinkes.id, "Ambulans 24 jam"),
        idea(&dinkes.id, "Posyandu digital"),
    ];
    let other_idea = idea(&dishub.id, "Halte pintar");
    let step = |i: usize, t: &str, start: &str, due: &str| {
        store
            .add_step(
                &ideas[i].id,
                StepInput {
                    title: t.into(),
                    owner: "Kabid".into(),
                    start_date: start.into(),
                    due_date: due.into(),
                    ..Default::default()
                },
            )
            .unwrap()
    };
    let steps = vec![
        step(0, "SK tim inovasi", "2027-01-04", "2027-01-29"),
        step(0, "Uji coba 3 puskesmas", "2027-02-01", "2027-03-31"),
        step(1, "Aplikasi siap", "2027-01-04", "2027-02-26"),
    ];
    Fixture {
        _dir: dir,
        root,
        store,
        lab,
        ideas,
        other_idea,
        steps,
    }
}

/// The follow-up of the lab as text, to see that nothing changed.
fn snapshot(store: &Store, ideas: &[Idea]) -> String {
    ideas
        .iter()
        .map(|i| format!("{:?}", store.idea_followup(&i.id).unwrap()))
        .collect()
}

#[test]
fn an_unchanged_workbook_imports_as_nothing_new() {
    let f = fixture();
    let books = f.store.followup_workbooks(&f.lab.id).unwrap();
    assert_eq!(books.len(), 2, "one per agency leading an idea");
    let wb = &books[0];
    assert_eq!(wb.stamp.agency_code, "DINKES");
    assert_eq!(wb.ideas.len(), 2);
    assert_eq!(wb.steps.len(), 3);
    assert_eq!(wb.milestones.len(), 6, "two ideas, three stages");
    assert!(wb.file_name().starts_with("Tindak-Lanjut-DINKES-"));
    let p = f.root.join("kembali.xlsx");
    write(&p, wb, &as_exported(wb));
    let r = f.store.import_followup_workbook(&p, &[]).unwrap();
    assert!(r.applied);
    assert!(
        r.changes.is_empty() && r.conflicts.is_empty() && r.refused.is_empty(),
        "{r:#?}"
    );
    assert_eq!(r.unchanged, 9);
    let (stamp, exported) = read_workbook_stamp(&p).unwrap();
    assert_eq!(stamp, wb.stamp);
    assert_eq!(exported.len(), 9);
}

#[test]
fn a_returned_workbook_previews_then_imports_with_conflicts_and_refused_rows() {
    let f = fixture();
    let wb = f.store.followup_workbooks(&f.lab.id).unwrap().remove(0);
    // Made here after the workbook: the first step's status.
    let s0 = &f.steps[0];
    f.store
        .edit_step(
            &s0.id,
            StepInput {
                title: s0.title.clone(),
                owner: s0.owner.clone(),
                start_date: "2027-01-04".into(),
                due_date: "2027-01-29".into(),
                status: "berjalan".into(),
                note: String::new(),
            },
        )
        .unwrap();

    let mut sheets = as_exported(&wb);
    // The agency: step 1 done (conflicts with the edit here), its due date moved (a
    // date cell), step 2's start date as text, step 3's due date as a bare serial.
    sheets.steps[0][7] = s("selesai");
    sheets.steps[0][6] = C::D(2027, 2, 5);
    sheets.steps[1][5] = s("03/02/2027");
    sheets.steps[2][6] = C::N(46_446.0); // 2027-02-28
                                         // A new step, and a row of another agency's idea.
    let mut new_step = vec![C::E; 9];
    new_step[0] = s(&f.ideas[1].id);
    new_step[3] = s("Sosialisasi ke kader");
    new_step[6] = s("2027-03-15");
    sheets.steps.push(new_step);
    let mut foreign = vec![C::E; 9];
    foreign[0] = s(&f.other_idea.id);
    foreign[3] = s("Bukan milik DINKES");
    sheets.steps.push(foreign);
    // Milestones: uji coba of idea 1 planned (serial) and reached (ISO text).
    let uji = 1; // rows: idea 1 inisiatif, uji coba, penerapan, then idea 2
    sheets.milestones[uji][3] = C::N(46_419.0); // 2027-02-01
    sheets.milestones[uji][4] = s("2027-02-03");
    // Progress updates in every date form, and bad rows.
    let id0 = f.ideas[0].id.clone();
    let id1 = f.ideas[1].id.clone();
    sheets.updates = vec![
        vec![
            s(&id0),
            s("31/01/2027"),
            s("SK tim terbit"),
            s("Inisiatif"),
            C::N(25.0),
        ],
        vec![
            s(&id0),
            C::D(2027, 2, 3),
            s("Uji coba mulai"),
            s("Uji coba"),
            s("40%"),
        ],
        vec![
            s(&id1),
            C::N(46_430.0),
            s("Aplikasi diuji"),
            s("uji_coba"),
            C::N(0.5),
        ],
        vec![
            s(&id1),
            s("31/02/2027"),
            s("Tanggal salah"),
            s("Uji coba"),
            C::N(10.0),
        ],
        vec![
            s(&id1),
            s("2027-02-10"),
            s("Terlalu"),
            s("Uji coba"),
            C::N(150.0),
        ],
        vec![s(&id1), s("2027-02-10"), s(""), s("Uji coba"), C::N(10.0)],
        vec![
            s(&id1),
            s("2027-02-10"),
            s("Tahap aneh"),
            s("Selesai"),
            C::N(10.0),
        ],
    ];
    let p = f.root.join("DINKES-kembali.xlsx");
    write(&p, &wb, &sheets);

    let before = snapshot(&f.store, &f.ideas);
    let log = f.store.change_count().unwrap();
    let preview = f.store.preview_followup_workbook(&p, &[]).unwrap();
    assert!(!preview.applied);
    assert_eq!(
        snapshot(&f.store, &f.ideas),
        before,
        "a preview writes nothing"
    );
    assert_eq!(f.store.change_count().unwrap(), log);

    assert_eq!(preview.new_updates.len(), 3, "{:#?}", preview.refused);
    assert_eq!(preview.new_steps.len(), 1);
    let refused: Vec<(&str, u32, Reason)> = preview
        .refused
        .iter()
        .map(|r| (r.sheet.as_str(), r.row, r.reason.clone()))
        .collect();
    assert_eq!(
        refused,
        [
            (SHEET_STEPS, 6, Reason::NotAgencysIdea),
            (
                SHEET_UPDATES,
                5,
                Reason::NotADate {
                    value: "31/02/2027".into()
                }
            ),
            (SHEET_UPDATES, 6, Reason::PercentRange),
            (SHEET_UPDATES, 7, Reason::Required),
            (
                SHEET_UPDATES,
                8,
                Reason::NotAnOption {
                    value: "Selesai".into(),
                    list: "tahapan".into()
                }
            ),
        ]
    );
    assert_eq!(preview.conflicts.len(), 1);
    let c = &preview.conflicts[0];
    assert_eq!(
        (
            c.field.as_str(),
            c.here.as_str(),
            c.theirs.as_str(),
            c.exported.as_str()
        ),
        ("status", "berjalan", "selesai", "belum")
    );
    assert_eq!(c.taken, Side::Here);
    assert_eq!(c.key, format!("step/{}/status", s0.id));
    let changed: Vec<(&str, &str, &str)> = preview
        .changes
        .iter()
        .map(|c| (c.field.as_str(), c.old.as_str(), c.new.as_str()))
        .collect();
    assert_eq!(
        changed,
        [
            ("dueDate", "2027-01-29", "2027-02-05"),
            ("startDate", "2027-02-01", "2027-02-03"),
            ("dueDate", "2027-02-26", "2027-02-28"),
            ("plannedDate", "", "2027-02-01"),
            ("actualDate", "", "2027-02-03"),
        ]
    );

    // Import: the conflict keeps the value here; everything else is written.
    let r = f.store.import_followup_workbook(&p, &[]).unwrap();
    assert!(r.applied);
    assert_eq!(
        (
            r.new_updates.len(),
            r.new_steps.len(),
            r.changes.len(),
            r.refused.len()
        ),
        (3, 1, 5, 5)
    );
    let a = f.store.idea_followup(&f.ideas[0].id).unwrap();
    let step0 = a.steps.iter().find(|x| x.id == s0.id).unwrap();
    assert_eq!(
        step0.status,
        StepStatus::Berjalan,
        "the edit here is not overwritten"
    );
    assert_eq!(step0.due_date.as_deref(), Some("2027-02-05"));
    assert_eq!(a.milestones[1].actual_date.as_deref(), Some("2027-02-03"));
    let percents: Vec<u32> = a.updates.iter().map(|u| u.percent).collect();
    assert_eq!(percents, [40, 25], "newest first; \"40%\" read as 40");
    assert!(a
        .updates
        .iter()
        .all(|u| u.agency_id.as_deref() == Some(wb.stamp.agency_id.as_str())));
    let b = f.store.idea_followup(&f.ideas[1].id).unwrap();
    assert_eq!(b.updates[0].percent, 50, "a cell formatted as percent: 0.5");
    assert_eq!(b.updates[0].date, "2027-02-12");
    assert!(b.steps.iter().any(|x| x.title == "Sosialisasi ke kader"));
    // The import is in each idea's history.
    let h = f.store.history(&f.ideas[0].id).unwrap();
    let note = h
        .iter()
        .rev()
        .find_map(|c| c.changes.pointer("/followup/new/workbookImport"))
        .expect("the import is in the idea's history");
    assert_eq!(note["agencyCode"], "DINKES");
    assert_eq!(note["newUpdates"], 2);

    // The same workbook again adds nothing; taking the workbook's side of the conflict
    // writes it.
    let again = f
        .store
        .import_followup_workbook(
            &p,
            &[ConflictChoice {
                key: c.key.clone(),
                take: Side::Theirs,
            }],
        )
        .unwrap();
    assert!(again.new_updates.is_empty() && again.new_steps.is_empty());
    assert_eq!(again.changes.len(), 1, "only the chosen conflict");
    let a = f.store.idea_followup(&f.ideas[0].id).unwrap();
    assert_eq!(
        a.steps.iter().find(|x| x.id == s0.id).unwrap().status,
        StepStatus::Selesai
    );
    assert_eq!(a.updates.len(), 2);
}

#[test]
fn bad_workbooks_are_refused_whole_and_change_nothing() {
    let f = fixture();
    let wb = f.store.followup_workbooks(&f.lab.id).unwrap().remove(0);
    let mut sheets = as_exported(&wb);
    sheets.updates = vec![vec![
        s(&f.ideas[0].id),
        s("2027-01-31"),
        s("SK tim terbit"),
        s("Inisiatif"),
        C::N(25.0),
    ]];
    let before = snapshot(&f.store, &f.ideas);
    let log = f.store.change_count().unwrap();
    let check = |p: &Path, code: ErrorCode, why: Reason| {
        let e = f.store.import_followup_workbook(p, &[]).unwrap_err();
        assert_eq!(
            (e.code(), e.reason().cloned()),
            (code, Some(why)),
            "{}",
            p.display()
        );
        assert!(f.store.preview_followup_workbook(p, &[]).is_err());
        assert_eq!(snapshot(&f.store, &f.ideas), before);
        assert_eq!(f.store.change_count().unwrap(), log);
    };

    // Another lab.
    let mut other = wb.clone();
    other.stamp.lab_id = uuid::Uuid::now_v7().to_string();
    let p = f.root.join("lain.xlsx");
    write(&p, &other, &sheets);
    check(&p, ErrorCode::BadFile, Reason::WorkbookOtherLab);
    // An agency of another lab (or none).
    let mut other = wb.clone();
    other.stamp.agency_id = uuid::Uuid::now_v7().to_string();
    write(&p, &other, &sheets);
    check(&p, ErrorCode::BadFile, Reason::WorkbookOtherLab);
    // A header edited.
    let mut edited = as_exported(&wb);
    edited.step_headers[6] = "Target".into();
    write(&p, &wb, &edited);
    check(
        &p,
        ErrorCode::BadFile,
        Reason::WorkbookHeaders {
            sheet: SHEET_STEPS.into(),
            column: "Tanggal Target".into(),
        },
    );
    // Another format of stamp.
    let mut old = wb.clone();
    old.stamp.format = "labinov-followup-0".into();
    write(&p, &old, &sheets);
    check(&p, ErrorCode::BadFile, Reason::NotAFollowupWorkbook);
    // A spreadsheet without a stamp.
    let mut plain = Workbook::new();
    plain.add_worksheet().write_string(0, 0, "Halo").unwrap();
    plain.save(&p).unwrap();
    check(&p, ErrorCode::BadFile, Reason::NotAFollowupWorkbook);
    // Not an XLSX: a CSV named .xlsx, and the right bytes under another name.
    std::fs::write(&p, "ID Ide,Tanggal\n1,2\n").unwrap();
    check(&p, ErrorCode::InvalidInput, Reason::WrongFileType);
    write(&f.root.join("good.xlsx"), &wb, &sheets);
    let renamed = f.root.join("kembali.ods");
    std::fs::copy(f.root.join("good.xlsx"), &renamed).unwrap();
    check(&renamed, ErrorCode::InvalidInput, Reason::WrongFileType);
    // A damaged XLSX (a ZIP cut short).
    let bytes = std::fs::read(f.root.join("good.xlsx")).unwrap();
    std::fs::write(&p, &bytes[..bytes.len() / 2]).unwrap();
    let e = f.store.import_followup_workbook(&p, &[]).unwrap_err();
    assert!(
        matches!(e.reason(), Some(Reason::UnreadableSpreadsheet { .. })),
        "{e}"
    );
    // 200 MB (sparse: nothing is read).
    let big = f.root.join("besar.xlsx");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    check(
        &big,
        ErrorCode::InvalidInput,
        Reason::FileTooLarge {
            max_bytes: MAX_WORKBOOK_BYTES,
        },
    );
    assert_eq!(snapshot(&f.store, &f.ideas), before);
    // And the good one still imports.
    let r = f
        .store
        .import_followup_workbook(&f.root.join("good.xlsx"), &[])
        .unwrap();
    assert_eq!(r.new_updates.len(), 1);
}
