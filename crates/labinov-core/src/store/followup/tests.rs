//! Follow-up tests on temp-dir databases: the plan and its refusals, evidence files, the
//! board as of a given day, the IID estimate by hand, and two or three laptops' follow-up
//! edits converging through bundles (a property test like the ideas' one).

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use crate::followup::iid::IidConfig;
use crate::followup::*;
use crate::model::*;
use crate::store::test_support::lab_with_agency;
use crate::store::Store;
use crate::{ErrorCode, Reason};

fn open(dir: &Path, name: &str) -> Store {
    Store::open(dir.join(name).join("labinov.db")).unwrap()
}

fn agency(store: &Store, lab: &str, code: &str, name: &str) -> Agency {
    store
        .add_agency(
            lab,
            NewAgency {
                code: code.into(),
                name: name.into(),
                ..Default::default()
            },
        )
        .unwrap()
}

fn idea(store: &Store, lab: &str, agency: &str, title: &str) -> Idea {
    store
        .add_idea(
            lab,
            IdeaInput {
                agency_id: agency.into(),
                title: title.into(),
                ..Default::default()
            },
        )
        .unwrap()
}

fn step(title: &str, start: &str, due: &str) -> StepInput {
    StepInput {
        title: title.into(),
        owner: "Kabid Pelayanan".into(),
        start_date: start.into(),
        due_date: due.into(),
        status: String::new(),
        note: String::new(),
    }
}

fn update(date: &str, stage: &str, percent: u32) -> UpdateInput {
    UpdateInput {
        date: date.into(),
        done: format!("Kemajuan {percent}%"),
        stage: stage.into(),
        percent,
        agency_id: String::new(),
    }
}

fn reason(e: crate::Error) -> Reason {
    e.reason().cloned().unwrap_or(Reason::Internal {
        detail: e.to_string(),
    })
}

/// A minimal whole PDF.
fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

fn png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(8, 6, |x, y| image::Rgb([x as u8 * 20, y as u8 * 30, 90]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

#[test]
fn a_plan_with_partners_steps_milestones_updates_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), "a");
    let (lab, dinkes) = lab_with_agency(&store);
    let dishub = agency(&store, &lab.id, "DISHUB", "Dinas Perhubungan");
    let i = idea(&store, &lab.id, &dinkes.id, "Ambulans 24 jam");

    let plan = store
        .save_followup_plan(&i.id, None, "  dr. Sari, Kabid Yankes ")
        .unwrap();
    assert_eq!(plan.responsible, "dr. Sari, Kabid Yankes");
    assert_eq!(plan.agency_id, None, "led by the idea's own agency");
    let p = store
        .add_partner(&i.id, &dishub.id, "Rute dan armada")
        .unwrap();
    assert_eq!(
        reason(store.add_partner(&i.id, &dishub.id, "lagi").unwrap_err()),
        Reason::PartnerAlready
    );
    assert_eq!(
        reason(store.add_partner(&i.id, &dinkes.id, "").unwrap_err()),
        Reason::PartnerAlready,
        "the idea's own agency is no partner"
    );

    let s1 = store
        .add_step(&i.id, step("SK tim inovasi", "01/12/2026", "2026-12-15"))
        .unwrap();
    assert_eq!(
        (s1.start_date.as_deref(), s1.due_date.as_deref()),
        (Some("2026-12-01"), Some("2026-12-15")),
        "day-first dates are stored as YYYY-MM-DD"
    );
    assert_eq!(s1.status, StepStatus::Belum);
    let s2 = store
        .add_step(&i.id, step("Uji coba di 3 puskesmas", "2027-01-05", ""))
        .unwrap();
    assert_eq!((s1.position, s2.position), (1, 2));
    // Refusals, each with its reason and field, nothing written.
    for (input, field, why) in [
        (step("", "", ""), "title", Reason::Required),
        (
            step("X", "31/02/2027", ""),
            "startDate",
            Reason::NotADate {
                value: "31/02/2027".into(),
            },
        ),
        (
            step("X", "2027-02-10", "2027-02-01"),
            "dueDate",
            Reason::DueBeforeStart,
        ),
        (
            step("X", "", "2270-01-01"),
            "dueDate",
            Reason::YearOutOfRange {
                min: 2000,
                max: 2100,
            },
        ),
        (
            StepInput {
                status: "hampir".into(),
                ..step("X", "", "")
            },
            "status",
            Reason::NotOneOf {
                value: "hampir".into(),
                allowed: vec![
                    "belum".into(),
                    "berjalan".into(),
                    "selesai".into(),
                    "tertunda".into(),
                ],
            },
        ),
    ] {
        let e = store.add_step(&i.id, input).unwrap_err();
        assert_eq!(e.field(), Some(field));
        assert_eq!(reason(e), why);
    }
    assert_eq!(store.idea_followup(&i.id).unwrap().steps.len(), 2);

    let edited = store
        .edit_step(
            &s1.id,
            StepInput {
                status: "Selesai".into(),
                ..step("SK tim inovasi", "2026-12-01", "2026-12-15")
            },
        )
        .unwrap();
    assert_eq!(edited.status, StepStatus::Selesai);
    let order = store.move_step(&s2.id, 1).unwrap();
    assert_eq!(
        order
            .iter()
            .map(|s| (s.id.as_str(), s.position))
            .collect::<Vec<_>>(),
        [(s2.id.as_str(), 1), (s1.id.as_str(), 2)]
    );

    let m = store
        .set_milestone(&i.id, "uji_coba", "2027-01-05", "")
        .unwrap();
    assert_eq!(m.planned_date.as_deref(), Some("2027-01-05"));
    assert_eq!(
        reason(store.set_milestone(&i.id, "selesai", "", "").unwrap_err()),
        Reason::NotAnOption {
            value: "selesai".into(),
            list: "tahapan".into()
        }
    );

    let u = store
        .add_progress_update(&i.id, update("2027-01-20", "uji_coba", 40))
        .unwrap();
    assert_eq!(
        reason(
            store
                .add_progress_update(&i.id, update("2027-01-21", "uji_coba", 101))
                .unwrap_err()
        ),
        Reason::PercentRange
    );
    let n = store
        .add_coach_note(
            &i.id,
            "2027-01-22",
            "Coach LAN",
            "Perlu data waktu tanggap.",
        )
        .unwrap();

    let f = store.idea_followup(&i.id).unwrap();
    assert_eq!(f.partners, vec![p]);
    assert_eq!(f.updates, vec![u.clone()]);
    assert_eq!(
        f.coach_notes,
        vec![n.clone()],
        "coaching notes apart from updates"
    );
    assert_eq!(
        f.milestones
            .iter()
            .map(|m| m.stage.as_str())
            .collect::<Vec<_>>(),
        ["inisiatif", "uji_coba", "penerapan"],
        "one per stage of the lab's list"
    );

    // The history of the idea tells its follow-up, with the clocks the merge needs.
    let h = store.followup_history(&i.id).unwrap();
    let entities: Vec<&str> = h.iter().map(|r| r.entity.as_str()).collect();
    for e in [
        "idea",
        "followup_plan",
        "followup_partner",
        "followup_step",
        "followup_milestone",
        "followup_update",
        "followup_coach_note",
    ] {
        assert!(entities.contains(&e), "{e} in {entities:?}");
    }
    let clocks: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM field_clock WHERE entity = 'followup_step' AND entity_id = ?1",
            [&s1.id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(clocks >= 5, "every written field of the step has its clock");

    store.remove_step(&s2.id).unwrap();
    store.remove_coach_note(&n.id).unwrap();
    let f = store.idea_followup(&i.id).unwrap();
    assert_eq!(f.steps.len(), 1);
    assert!(f.coach_notes.is_empty());

    // A plan for an idea in the trash is refused.
    store.delete_idea(&i.id).unwrap();
    assert_eq!(
        reason(store.add_step(&i.id, step("X", "", "")).unwrap_err()),
        Reason::ChooseIdea
    );
}

#[test]
fn evidence_is_typed_by_its_bytes_and_a_lying_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), "a");
    let (lab, dinkes) = lab_with_agency(&store);
    let i = idea(&store, &lab.id, &dinkes.id, "Ambulans 24 jam");
    let u = store
        .add_progress_update(&i.id, update("2027-01-20", "uji_coba", 40))
        .unwrap();

    let e = store
        .add_evidence(&i.id, Some(&u.id), "SK Walikota.pdf", &pdf())
        .unwrap();
    assert_eq!(e.mime, "application/pdf");
    assert_eq!(e.update_id.as_deref(), Some(u.id.as_str()));
    assert_eq!(store.evidence_bytes(&e.id).unwrap(), pdf());
    assert_eq!(e.sha256.len(), 64);
    let scan = store.add_evidence(&i.id, None, "scan001", &png()).unwrap();
    assert_eq!(scan.mime, "image/png", "no extension: the bytes decide");

    let before = store.list_evidence(&i.id).unwrap();
    for (name, bytes, why) in [
        (
            "laporan.pdf",
            png(),
            Reason::EvidenceTypeMismatch {
                claimed: "application/pdf".into(),
                found: "image/png".into(),
            },
        ),
        (
            "foto.jpg",
            b"MZ\x90\x00 an executable".to_vec(),
            Reason::NotEvidence,
        ),
        ("terpotong.pdf", pdf()[..30].to_vec(), Reason::NotEvidence),
        (
            "rusak.png",
            [&b"\x89PNG\r\n\x1a\n"[..], &[0u8; 40][..]].concat(),
            Reason::NotEvidence,
        ),
        (
            "besar.pdf",
            vec![b'%'; MAX_EVIDENCE_BYTES_FOR_TEST + 1],
            Reason::FileTooLarge {
                max_bytes: MAX_EVIDENCE_BYTES_FOR_TEST as u64,
            },
        ),
    ] {
        let err = store.add_evidence(&i.id, None, name, &bytes).unwrap_err();
        assert_eq!(err.field(), Some("file"), "{name}");
        assert_eq!(reason(err), why, "{name}");
    }
    let other = idea(&store, &lab.id, &dinkes.id, "Lain");
    let ou = store
        .add_progress_update(&other.id, update("2027-01-20", "inisiatif", 5))
        .unwrap();
    assert_eq!(
        reason(
            store
                .add_evidence(&i.id, Some(&ou.id), "x.pdf", &pdf())
                .unwrap_err()
        ),
        Reason::NotThisIdeas
    );
    assert_eq!(
        store.list_evidence(&i.id).unwrap(),
        before,
        "nothing written"
    );

    store.remove_evidence(&scan.id).unwrap();
    assert_eq!(store.list_evidence(&i.id).unwrap(), vec![e]);
}

const MAX_EVIDENCE_BYTES_FOR_TEST: usize = crate::MAX_EVIDENCE_BYTES;

#[test]
fn the_board_reads_stage_progress_overdue_and_coverage_as_of_the_given_day() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), "a");
    let (lab, dinkes) = lab_with_agency(&store);
    let dishub = agency(&store, &lab.id, "DISHUB", "Dinas Perhubungan");
    let disdik = agency(&store, &lab.id, "DISDIK", "Dinas Pendidikan");
    let a = idea(&store, &lab.id, &dinkes.id, "Ambulans 24 jam");
    let b = idea(&store, &lab.id, &dinkes.id, "Posyandu digital");
    let c = idea(&store, &lab.id, &dishub.id, "Halte pintar");

    store
        .add_progress_update(&a.id, update("2027-01-10", "inisiatif", 20))
        .unwrap();
    store
        .add_progress_update(&a.id, update("2027-02-10", "uji_coba", 60))
        .unwrap();
    store
        .add_progress_update(&c.id, update("2027-02-20", "inisiatif", 30))
        .unwrap();
    // A later update than `today` does not count yet.
    store
        .add_progress_update(&b.id, update("2027-04-01", "penerapan", 90))
        .unwrap();
    let late = store
        .add_step(&b.id, step("Aplikasi siap", "2027-01-01", "2027-02-01"))
        .unwrap();
    let done = store
        .add_step(
            &b.id,
            StepInput {
                status: "selesai".into(),
                ..step("SK tim", "2027-01-01", "2027-01-15")
            },
        )
        .unwrap();
    store
        .set_milestone(&c.id, "uji_coba", "2027-03-01", "")
        .unwrap();

    let board = store.followup_board(&lab.id, "2027-03-11").unwrap();
    let row = |id: &str| board.ideas.iter().find(|r| r.idea_id == id).unwrap();
    assert_eq!(
        (row(&a.id).stage.as_str(), row(&a.id).percent),
        ("uji_coba", 60)
    );
    assert_eq!(row(&a.id).last_update.as_deref(), Some("2027-02-10"));
    assert_eq!(
        (row(&b.id).stage.as_str(), row(&b.id).percent),
        ("inisiatif", 0)
    );
    assert_eq!(
        (row(&b.id).steps, row(&b.id).steps_done, row(&b.id).overdue),
        (2, 1, 1)
    );
    let overdue: Vec<(&str, u32)> = board
        .overdue
        .iter()
        .map(|o| (o.what.as_str(), o.days_late))
        .collect();
    assert_eq!(
        overdue,
        [("Aplikasi siap", 38), ("uji_coba", 10)],
        "most days late first; a step done is not overdue"
    );
    assert_eq!(board.overdue[0].id, late.id);
    assert!(board.overdue.iter().all(|o| o.id != done.id));
    // DINKES has an idea at uji coba; DISHUB only at inisiatif; DISDIK none.
    assert_eq!(
        board.not_past_first_stage,
        vec![dishub.id.clone(), disdik.id.clone()]
    );
    let dinkes_row = &board.agencies[0];
    assert_eq!(
        (dinkes_row.ideas, dinkes_row.per_stage.clone()),
        (2, vec![1, 1, 0])
    );
    assert_eq!(dinkes_row.mean_percent, 30, "(60 + 0) / 2");
    assert_eq!(dinkes_row.overdue, 1);

    // Progress per month: January (a 20, b 0, c 0) = 6.67 → 7; February (60, 0, 30) =
    // 30; March to the 11th, the same = 30.
    let bars: Vec<(String, u32)> = board
        .progress
        .bars
        .iter()
        .map(|b| match &b.label {
            crate::charts::BarLabel::Month { month } => (month.clone(), b.value),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        bars,
        [
            ("2027-01".to_string(), 7),
            ("2027-02".to_string(), 30),
            ("2027-03".to_string(), 30)
        ]
    );
    assert_eq!(board.progress.max, 100);
    assert_eq!(board.agency_progress.len(), 2, "agencies with ideas");
    assert_eq!(
        board.agency_progress[1]
            .chart
            .bars
            .iter()
            .map(|b| b.value)
            .collect::<Vec<_>>(),
        [0, 30, 30],
        "DISHUB: c only"
    );

    // The same data on another day: the April update counts, b is at penerapan.
    let later = store.followup_board(&lab.id, "2027-04-02").unwrap();
    assert_eq!(
        later
            .ideas
            .iter()
            .find(|r| r.idea_id == b.id)
            .unwrap()
            .stage,
        "penerapan"
    );
    assert_eq!(
        reason(store.followup_board(&lab.id, "kemarin").unwrap_err()),
        Reason::NotADate {
            value: "kemarin".into()
        }
    );
}

#[test]
fn the_iid_estimate_per_innovation_and_agency_matches_hand_computed_values() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), "a");
    let (lab, dinkes) = lab_with_agency(&store);
    let dishub = agency(&store, &lab.id, "DISHUB", "Dinas Perhubungan");
    let a = idea(&store, &lab.id, &dinkes.id, "Ambulans 24 jam");
    let b = idea(&store, &lab.id, &dinkes.id, "Posyandu digital");
    let c = idea(&store, &lab.id, &dishub.id, "Halte pintar");
    // c is led by DINKES through its plan.
    store
        .save_followup_plan(&c.id, Some(&dinkes.id), "")
        .unwrap();
    let ev = |i: &Idea| {
        store
            .add_evidence(&i.id, None, "bukti.pdf", &pdf())
            .unwrap()
            .id
    };
    let (ea, eb) = (ev(&a), ev(&b));
    // a: regulasi 3·3 + video 3·4 = 21 of 111 = 18.92. The SDM answer has no evidence.
    store
        .set_iid_answer(&a.id, "regulasi", Some(3), vec![ea.clone()])
        .unwrap();
    store
        .set_iid_answer(&a.id, "video", Some(3), vec![ea.clone()])
        .unwrap();
    store.set_iid_answer(&a.id, "sdm", Some(2), vec![]).unwrap();
    // b: kemanfaatan 2·3 = 6 of 111 = 5.41.
    store
        .set_iid_answer(&b.id, "kemanfaatan", Some(2), vec![eb.clone()])
        .unwrap();
    let ea_est = store.iid_estimate(&a.id).unwrap();
    assert!(ea_est.is_estimate);
    assert_eq!(
        (ea_est.score, ea_est.band.code.as_str()),
        (18.92, "kurang_inovatif")
    );
    assert_eq!(
        ea_est.missing[0].indicator, "sdm",
        "link SDM's evidence first"
    );

    let per_agency = store.iid_estimates_by_agency(&lab.id).unwrap();
    let d = &per_agency[0];
    assert_eq!(d.agency_id, dinkes.id);
    assert_eq!(d.ideas.len(), 3, "a, b and c (led by DINKES)");
    // (18.92 + 5.41 + 0) / 3 = 8.11
    assert_eq!(d.score, Some(8.11));
    assert_eq!(d.band.as_ref().unwrap().code, "kurang_inovatif");
    assert_eq!(per_agency[1].score, None, "DISHUB leads nothing");

    // Refusals.
    assert_eq!(
        reason(
            store
                .set_iid_answer(&a.id, "bogus", Some(1), vec![])
                .unwrap_err()
        ),
        Reason::NotAnIndicator {
            indicator: "bogus".into()
        }
    );
    assert_eq!(
        reason(
            store
                .set_iid_answer(&a.id, "video", Some(4), vec![])
                .unwrap_err()
        ),
        Reason::ParameterRange { max: 3 }
    );
    assert_eq!(
        reason(
            store
                .set_iid_answer(&a.id, "video", Some(3), vec![eb.clone()])
                .unwrap_err()
        ),
        Reason::NotThisIdeas,
        "evidence of another idea"
    );

    // Removing the evidence takes the points away.
    store.remove_evidence(&ea).unwrap();
    assert_eq!(store.iid_estimate(&a.id).unwrap().score, 0.0);

    // The lab's own configuration: video weighs 1 instead of 4 → b alone decides.
    let mut config = store.iid_config(&lab.id).unwrap();
    assert_eq!(config, IidConfig::default_2023());
    config
        .indicators
        .iter_mut()
        .find(|i| i.code == "video")
        .unwrap()
        .weight = 1;
    store.save_iid_config(&lab.id, &config).unwrap();
    // Σ weights = 34, max 102: b = 6 / 102 = 5.88.
    assert_eq!(store.iid_estimate(&b.id).unwrap().score, 5.88);
    let mut broken = config.clone();
    broken.bands.clear();
    assert_eq!(
        store.save_iid_config(&lab.id, &broken).unwrap_err().code(),
        ErrorCode::InvalidInput
    );
    assert_eq!(
        store.iid_config(&lab.id).unwrap(),
        config,
        "nothing written"
    );
    assert_eq!(store.iid_checklist(&a.id).unwrap().len(), 20);
}

// ---- Merging laptops ----

struct Laptop {
    store: Store,
    dir: PathBuf,
    n: std::cell::Cell<u32>,
}

fn laptop(root: &Path, name: &str) -> Laptop {
    let dir = root.join(name);
    Laptop {
        store: Store::open(dir.join("labinov.db")).unwrap(),
        dir,
        n: Default::default(),
    }
}

impl Laptop {
    fn bundle(&self, lab: &str) -> PathBuf {
        self.n.set(self.n.get() + 1);
        let p = self.dir.join(format!("out-{}.labinov", self.n.get()));
        self.store.write_bundle(lab, &p).unwrap();
        p
    }
}

/// The lab's follow-up as sorted text rows (every table, every column; blobs by size),
/// with the follow-up registers' clocks.
fn dump(store: &Store, lab: &str) -> Vec<String> {
    let conn = store.conn();
    let mut out = Vec::new();
    for spec in crate::store::sync::FOLLOWUP_SPECS {
        let scope = spec.scope;
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {} WHERE {scope}", spec.table))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([lab], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| match r.get::<_, rusqlite::types::Value>(i).unwrap() {
                        rusqlite::types::Value::Blob(b) => format!("blob:{}", b.len()),
                        v => format!("{v:?}"),
                    })
                    .collect();
                Ok(format!("{}|{}", spec.table, cells.join("|")))
            })
            .unwrap();
        out.extend(rows.map(|r| r.unwrap()));
    }
    let mut stmt = conn
        .prepare(
            "SELECT entity, entity_id, field, hlc, origin FROM field_clock
             WHERE lab_id = ?1 AND entity LIKE 'followup%'",
        )
        .unwrap();
    let rows = stmt
        .query_map([lab], |r| {
            Ok(format!(
                "clock|{}|{}|{}|{}|{}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?
            ))
        })
        .unwrap();
    out.extend(rows.map(|r| r.unwrap()));
    out.sort();
    out
}

#[derive(Debug, Clone)]
enum Op {
    AddStep {
        idea: usize,
        text: usize,
    },
    EditStep {
        step: usize,
        field: usize,
        text: usize,
    },
    RemoveStep {
        step: usize,
    },
    Milestone {
        idea: usize,
        stage: usize,
        day: u32,
    },
    Update {
        idea: usize,
        percent: u32,
        day: u32,
    },
    Note {
        idea: usize,
        text: usize,
    },
    Plan {
        idea: usize,
        text: usize,
    },
    Evidence {
        idea: usize,
    },
    Iid {
        idea: usize,
        indicator: usize,
        parameter: u32,
    },
    Sync {
        from: usize,
    },
}

const WORDS: &[&str] = &["SK tim", "Uji coba", "Sosialisasi", "Evaluasi", "Replikasi"];
const STAGES: &[&str] = &["inisiatif", "uji_coba", "penerapan"];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..3usize, 0..WORDS.len()).prop_map(|(idea, text)| Op::AddStep { idea, text }),
        4 => (0..8usize, 0..4usize, 0..WORDS.len()).prop_map(|(step, field, text)| Op::EditStep { step, field, text }),
        1 => (0..8usize).prop_map(|step| Op::RemoveStep { step }),
        2 => (0..3usize, 0..3usize, 1..28u32).prop_map(|(idea, stage, day)| Op::Milestone { idea, stage, day }),
        2 => (0..3usize, 0..=100u32, 1..28u32).prop_map(|(idea, percent, day)| Op::Update { idea, percent, day }),
        1 => (0..3usize, 0..WORDS.len()).prop_map(|(idea, text)| Op::Note { idea, text }),
        2 => (0..3usize, 0..WORDS.len()).prop_map(|(idea, text)| Op::Plan { idea, text }),
        1 => (0..3usize).prop_map(|idea| Op::Evidence { idea }),
        2 => (0..3usize, 0..4usize, 1..=3u32).prop_map(|(idea, indicator, parameter)| Op::Iid { idea, indicator, parameter }),
        2 => (0..3usize).prop_map(|from| Op::Sync { from }),
    ]
}

fn run(laptops: &[Laptop], lab: &str, ideas: &[String], history: &[(usize, Op)]) {
    for (who, op) in history {
        let s = &laptops[*who].store;
        let steps: Vec<Step> = ideas
            .iter()
            .flat_map(|i| s.idea_followup(i).unwrap().steps)
            .collect();
        let pick = |k: usize| steps.get(k % steps.len().max(1));
        match op {
            Op::AddStep { idea, text } => {
                s.add_step(&ideas[*idea], step(WORDS[*text], "2027-01-01", ""))
                    .unwrap();
            }
            Op::EditStep {
                step: k,
                field,
                text,
            } => {
                if let Some(st) = pick(*k) {
                    let mut input = StepInput::from(st);
                    match field {
                        0 => input.title = format!("{} ({who})", WORDS[*text]),
                        1 => {
                            input.status =
                                ["belum", "berjalan", "selesai", "tertunda"][*text % 4].into()
                        }
                        2 => input.note = format!("catatan {who} {text}"),
                        _ => input.due_date = format!("2027-0{}-1{}", 2 + text % 7, who),
                    }
                    s.edit_step(&st.id, input).unwrap();
                }
            }
            Op::RemoveStep { step: k } => {
                if let Some(st) = pick(*k) {
                    s.remove_step(&st.id).unwrap();
                }
            }
            Op::Milestone { idea, stage, day } => {
                s.set_milestone(
                    &ideas[*idea],
                    STAGES[*stage],
                    &format!("2027-02-{day:02}"),
                    if who % 2 == 0 { "" } else { "2027-03-01" },
                )
                .unwrap();
            }
            Op::Update { idea, percent, day } => {
                s.add_progress_update(
                    &ideas[*idea],
                    update(&format!("2027-01-{day:02}"), "uji_coba", *percent),
                )
                .unwrap();
            }
            Op::Note { idea, text } => {
                s.add_coach_note(&ideas[*idea], "2027-01-05", "Coach", WORDS[*text])
                    .unwrap();
            }
            Op::Plan { idea, text } => {
                s.save_followup_plan(&ideas[*idea], None, &format!("{} {who}", WORDS[*text]))
                    .unwrap();
            }
            Op::Evidence { idea } => {
                s.add_evidence(&ideas[*idea], None, "bukti.pdf", &pdf())
                    .unwrap();
            }
            Op::Iid {
                idea,
                indicator,
                parameter,
            } => {
                let code = ["regulasi", "sdm", "video", "monev"][*indicator];
                let ev: Vec<String> = s
                    .list_evidence(&ideas[*idea])
                    .unwrap()
                    .into_iter()
                    .map(|e| e.id)
                    .take(1)
                    .collect();
                s.set_iid_answer(&ideas[*idea], code, Some(*parameter), ev)
                    .unwrap();
            }
            Op::Sync { from } => {
                if from != who {
                    let b = laptops[*from].bundle(lab);
                    s.merge_bundle(&b).unwrap();
                }
            }
        }
    }
}

fn three_laptops_case(history: Vec<(usize, Op)>) {
    let root = tempfile::tempdir().unwrap();
    let laptops: Vec<Laptop> = (0..3)
        .map(|i| laptop(root.path(), &format!("l{i}")))
        .collect();
    let (lab, dinkes) = lab_with_agency(&laptops[0].store);
    let ideas: Vec<String> = ["Ambulans", "Posyandu", "Halte"]
        .iter()
        .map(|t| idea(&laptops[0].store, &lab.id, &dinkes.id, t).id)
        .collect();
    let start = laptops[0].bundle(&lab.id);
    for l in &laptops[1..] {
        l.store.merge_bundle(&start).unwrap();
    }
    run(&laptops, &lab.id, &ideas, &history);

    let bundles: Vec<PathBuf> = laptops.iter().map(|l| l.bundle(&lab.id)).collect();
    let mut first: Option<Vec<String>> = None;
    for (k, order) in [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ]
    .iter()
    .enumerate()
    {
        let fresh = laptop(root.path(), &format!("fresh{k}"));
        for &i in order {
            fresh.store.merge_bundle(&bundles[i]).unwrap();
        }
        let got = dump(&fresh.store, &lab.id);
        for b in &bundles {
            fresh.store.merge_bundle(b).unwrap();
        }
        assert_eq!(
            dump(&fresh.store, &lab.id),
            got,
            "re-merging changed the follow-up"
        );
        match &first {
            None => first = Some(got),
            Some(f) => assert_eq!(f, &got, "order {order:?} gave another follow-up"),
        }
    }
    // Each laptop merging the others' bundles ends with the same follow-up.
    let expected = first.unwrap();
    for (i, l) in laptops.iter().enumerate() {
        for (j, b) in bundles.iter().enumerate() {
            if i != j {
                l.store.merge_bundle(b).unwrap();
            }
        }
        assert_eq!(dump(&l.store, &lab.id), expected, "laptop {i}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(12),
        rng_seed: proptest::test_runner::RngSeed::Fixed(
            std::env::var("PROPTEST_RNG_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(20_261_207),
        ),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]
    #[test]
    fn follow_up_edits_on_three_laptops_converge_in_any_merge_order(
        history in proptest::collection::vec((0..3usize, op()), 1..25)
    ) {
        three_laptops_case(history);
    }
}

#[test]
fn the_same_step_edited_on_two_laptops_converges_and_evidence_travels() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (laptop(root.path(), "a"), laptop(root.path(), "b"));
    let (lab, dinkes) = lab_with_agency(&a.store);
    let i = idea(&a.store, &lab.id, &dinkes.id, "Ambulans 24 jam");
    let s = a
        .store
        .add_step(&i.id, step("SK tim", "2027-01-01", "2027-01-31"))
        .unwrap();
    b.store.merge_bundle(&a.bundle(&lab.id)).unwrap();
    // a changes the status, b the title and then (later) the status too.
    a.store
        .edit_step(
            &s.id,
            StepInput {
                status: "berjalan".into(),
                ..step("SK tim", "2027-01-01", "2027-01-31")
            },
        )
        .unwrap();
    b.store
        .edit_step(
            &s.id,
            StepInput {
                status: "selesai".into(),
                ..step("SK tim inovasi", "2027-01-01", "2027-01-31")
            },
        )
        .unwrap();
    let e = b.store.add_evidence(&i.id, None, "sk.pdf", &pdf()).unwrap();
    a.store.merge_bundle(&b.bundle(&lab.id)).unwrap();
    b.store.merge_bundle(&a.bundle(&lab.id)).unwrap();
    assert_eq!(dump(&a.store, &lab.id), dump(&b.store, &lab.id));
    let got = a.store.idea_followup(&i.id).unwrap().steps.remove(0);
    assert_eq!(got.title, "SK tim inovasi", "b's title: only b changed it");
    assert_eq!(got.status, StepStatus::Selesai, "b's status: written later");
    assert_eq!(a.store.evidence_bytes(&e.id).unwrap(), pdf());
    // The losing status is in the conflict log, not lost.
    let lost: i64 = a
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM merge_conflict WHERE entity = 'followup_step' AND field = 'status'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(lost, 1);
}

#[test]
fn hostile_follow_up_rows_refuse_the_bundle_and_an_older_bundle_still_merges() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (laptop(root.path(), "a"), laptop(root.path(), "b"));
    let (lab, dinkes) = lab_with_agency(&a.store);
    let i = idea(&a.store, &lab.id, &dinkes.id, "Ambulans 24 jam");
    a.store
        .add_progress_update(&i.id, update("2027-01-20", "uji_coba", 40))
        .unwrap();
    a.store.add_evidence(&i.id, None, "sk.pdf", &pdf()).unwrap();
    a.store
        .add_step(&i.id, step("SK tim", "2027-01-01", "2027-01-31"))
        .unwrap();
    let good = a.bundle(&lab.id);
    let forged = |name: &str, sql: &str| {
        let p = root.path().join(name);
        std::fs::copy(&good, &p).unwrap();
        rusqlite::Connection::open(&p)
            .unwrap()
            .execute_batch(sql)
            .unwrap();
        p
    };
    for (name, sql) in [
        (
            "percent.labinov",
            "UPDATE followup_update SET percent = 250",
        ),
        (
            "stage.labinov",
            "UPDATE followup_update SET stage = 'bulan'",
        ),
        (
            "date.labinov",
            "UPDATE followup_step SET due_date = '31/02/2027'",
        ),
        (
            "year.labinov",
            "UPDATE followup_step SET due_date = '2999-01-01'",
        ),
        (
            "status.labinov",
            "UPDATE followup_step SET status = 'hampir'",
        ),
        (
            "evidence.labinov",
            "UPDATE followup_evidence SET bytes = X'4D5A9000', size = 4",
        ),
        ("sha.labinov", "UPDATE followup_evidence SET sha256 = 'abc'"),
        (
            "config.labinov",
            "INSERT INTO followup_iid_config VALUES ((SELECT id FROM lab), '{}', 'x')",
        ),
    ] {
        let p = forged(name, sql);
        let before = dump(&b.store, &lab.id);
        let err = b.store.merge_bundle(&p).unwrap_err();
        assert_eq!(err.code(), ErrorCode::BadFile, "{name}: {err}");
        assert_eq!(dump(&b.store, &lab.id), before, "{name}: nothing written");
    }
    // A bundle from before the follow-up tables merges without them.
    let old = forged(
        "old.labinov",
        &format!(
            "DROP TABLE followup_evidence; DROP TABLE followup_update; DROP TABLE followup_step;
             DROP TABLE followup_milestone; DROP TABLE followup_partner; DROP TABLE followup_plan;
             DROP TABLE followup_coach_note; DROP TABLE followup_iid_answer;
             DROP TABLE followup_iid_config; PRAGMA user_version = {};",
            crate::SCHEMA_VERSION - 1
        ),
    );
    b.store.merge_bundle(&old).unwrap();
    assert_eq!(
        b.store.get_idea(&i.id).unwrap().fields.title,
        "Ambulans 24 jam"
    );
    assert!(b.store.idea_followup(&i.id).unwrap().steps.is_empty());
    b.store.merge_bundle(&good).unwrap();
    assert_eq!(dump(&a.store, &lab.id), dump(&b.store, &lab.id));
}
