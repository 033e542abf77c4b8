//! Import tests: rosters and ideas from CSV and XLSX, previews, refused rows.

use crate::model::{ChangeOp, FieldChange, ImportMode, ImportReport, NewLab, RowOutcome};
use crate::roster::SAMPLE_ROSTER_CSV;
use crate::store::*;
use crate::{ErrorCode, Reason};

fn lab(store: &Store) -> String {
    store
        .create_lab(NewLab {
            name: "Lab".into(),
            start_date: "2026-11-02".into(),
            days: 3,
            idea_target: 50,
            ..Default::default()
        })
        .unwrap()
        .id
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(dir.path().join("lab.db")).unwrap();
    (dir, s)
}

fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn the_sample_roster_imports_as_is() {
    let (_d, s) = store();
    let lab = lab(&s);
    let preview = s
        .import_agencies(
            &lab,
            "opd-sample.csv",
            SAMPLE_ROSTER_CSV.as_bytes(),
            ImportMode::Preview,
        )
        .unwrap();
    assert_eq!(
        (
            preview.total,
            preview.good,
            preview.refused,
            preview.applied
        ),
        (37, 37, 0, false)
    );
    assert!(
        s.list_agencies(&lab).unwrap().is_empty(),
        "a preview writes nothing"
    );
    let done = s
        .import_agencies(
            &lab,
            "opd-sample.csv",
            SAMPLE_ROSTER_CSV.as_bytes(),
            ImportMode::AllOrNothing,
        )
        .unwrap();
    assert!(done.applied);
    let agencies = s.list_agencies(&lab).unwrap();
    assert_eq!(agencies.len(), 37);
    assert_eq!(agencies[0].code, "SETDA", "file order kept");
    assert!(agencies
        .iter()
        .any(|a| a.name == "Dinas Komunikasi, Informatika, Sandi dan Statistik"));
    assert_eq!(done.columns_used, ["kode", "nama", "singkatan", "kelompok"]);
}

#[test]
fn a_roster_with_bad_rows_reports_each_and_imports_nothing() {
    let (_d, s) = store();
    let lab = lab(&s);
    let mut csv = b"kode;nama;singkatan;catatan\nDINKES;Dinas Kesehatan;Dinkes;x\nDISHUB;;Dishub;\ndinkes;Dinas Kesehatan Lagi;;\nDLH;Dinas Lingkungan \xE9;DLH;\nDISDIK;Dinas Pendidikan;Disdik;\n".to_vec();
    let r = s
        .import_agencies(&lab, "roster.csv", &csv, ImportMode::AllOrNothing)
        .unwrap();
    assert!(!r.applied);
    assert_eq!((r.total, r.good, r.refused), (5, 2, 3));
    assert!(
        s.list_agencies(&lab).unwrap().is_empty(),
        "nothing half-imported"
    );
    let by_line: Vec<(u32, &str)> = r
        .rows
        .iter()
        .filter(|r| !r.problems.is_empty())
        .map(|r| (r.line, r.problems[0].field.as_str()))
        .collect();
    assert_eq!(by_line, [(3, "name"), (4, "code"), (5, "name")]);
    assert!(r.rows[3].problems[0].reason.to_string().contains("UTF-8"));
    assert_eq!(r.columns_ignored, ["catatan"]);

    let r = s
        .import_agencies(&lab, "roster.csv", &csv, ImportMode::SkipRefused)
        .unwrap();
    assert!(r.applied);
    assert_eq!(s.list_agencies(&lab).unwrap().len(), 2);
    // Without the required columns the file is refused as a whole.
    csv = b"singkatan\nDinkes\n".to_vec();
    let err = s
        .import_agencies(&lab, "roster.csv", &csv, ImportMode::Preview)
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(err.to_string().contains("kode"), "{err}");
}

#[test]
fn ideas_import_from_csv_and_xlsx_with_a_report_per_row() {
    let (_d, s) = store();
    let lab = lab(&s);
    s.import_agencies(
        &lab,
        "opd.csv",
        SAMPLE_ROSTER_CSV.as_bytes(),
        ImportMode::AllOrNothing,
    )
    .unwrap();
    let csv = "OPD,Nama Inovasi,Pengusul,Jenis,Bentuk Inovasi,Tahapan,Jenis Manfaat,Tag,Hari,Waktu Uji Coba\n\
               DINKES,Posyandu Digital,dr. Ani,Digital,Inovasi pelayanan publik,inisiatif,Mempersingkat waktu layanan; menurunkan_biaya,stunting; gizi,2,2027-03-01\n\
               Dishub,Angkot Pintar,,non_digital,pelayanan_publik,,,,,\n\
               DINAS RAHASIA,Ide Tanpa OPD,,,,,,,,\n\
               DLH,,Tanpa Judul,,,,,,,\n\
               DLH,Bank Sampah,,analog,,,,,,\n\
               DLH,Uji Emisi,,,,,,,9,\n\
               DLH,Taman Kota,,,,,,,,akhir Desember 2027\n";
    let r = s
        .import_ideas(&lab, "ide.csv", csv.as_bytes(), ImportMode::AllOrNothing)
        .unwrap();
    assert_eq!((r.total, r.good, r.refused, r.applied), (7, 2, 5, false));
    let fields: Vec<&str> = r.rows[2..]
        .iter()
        .map(|r| r.problems[0].field.as_str())
        .collect();
    assert_eq!(
        fields,
        ["agencyId", "title", "jenis", "labDay", "trialDate"]
    );
    assert!(s.list_ideas(&lab).unwrap().is_empty());

    let r = s
        .import_ideas(&lab, "ide.csv", csv.as_bytes(), ImportMode::SkipRefused)
        .unwrap();
    assert!(r.applied);
    let ideas = s.list_ideas(&lab).unwrap();
    assert_eq!(ideas.len(), 2);
    let posyandu = ideas
        .iter()
        .find(|i| i.fields.title == "Posyandu Digital")
        .unwrap();
    assert_eq!(posyandu.fields.jenis, "digital");
    assert_eq!(posyandu.fields.bentuk, "pelayanan_publik");
    assert_eq!(
        posyandu.fields.benefit_types,
        ["mempersingkat_waktu", "menurunkan_biaya"]
    );
    assert_eq!(posyandu.fields.tags, ["stunting", "gizi"]);
    assert_eq!(posyandu.fields.lab_day, Some(2));
    assert_eq!(
        s.history(&posyandu.id).unwrap().len(),
        1,
        "imported ideas have their history"
    );

    // Importing the same file again: the good rows are now duplicates.
    let again = s
        .import_ideas(&lab, "ide.csv", csv.as_bytes(), ImportMode::Preview)
        .unwrap();
    assert_eq!(again.good, 0);
    assert_eq!(again.rows[0].problems[0].reason, Reason::SameTitle);

    let book = xlsx(&[
        &["Kode OPD", "Judul", "Permasalahan", "Urusan", "Kolom Bebas"],
        &[
            "DISDUKCAPIL",
            "Akta Lahir Online",
            "Antre lama",
            "Administrasi kependudukan dan pencatatan sipil",
            "x",
        ],
        &["BAPPEDA", "Dasbor Kinerja", "", "Perencanaan", ""],
        &["INSP", "", "Tanpa judul", "", ""],
    ]);
    let r = s
        .import_ideas(&lab, "ide.xlsx", &book, ImportMode::SkipRefused)
        .unwrap();
    assert_eq!((r.good, r.refused), (2, 1));
    assert_eq!(r.rows[2].line, 4);
    assert_eq!(r.columns_ignored, ["Kolom Bebas"]);
    let akta = s
        .list_ideas(&lab)
        .unwrap()
        .into_iter()
        .find(|i| i.fields.title == "Akta Lahir Online")
        .unwrap();
    assert_eq!(akta.fields.urusan, "adminduk");
    assert_eq!(s.list_ideas(&lab).unwrap().len(), 4);
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

#[test]
fn an_ideas_status_is_imported_by_code_or_label_and_defaults_to_captured() {
    let (_d, s) = store();
    let lab = lab(&s);
    s.import_agencies(
        &lab,
        "opd.csv",
        SAMPLE_ROSTER_CSV.as_bytes(),
        ImportMode::AllOrNothing,
    )
    .unwrap();
    let csv = "OPD,Judul,Status Ide\n\
               DINKES,Posyandu Digital,Terpilih\n\
               DLH,Bank Sampah,shortlisted\n\
               DISHUB,Angkot Pintar,\n\
               DLH,Uji Emisi,ditolak\n";
    let r = s
        .import_ideas(&lab, "ide.csv", csv.as_bytes(), ImportMode::SkipRefused)
        .unwrap();
    assert_eq!((r.good, r.refused), (3, 1));
    assert_eq!(r.rows[3].problems[0].field, "status");
    let status = |title: &str| {
        s.list_ideas(&lab)
            .unwrap()
            .into_iter()
            .find(|i| i.fields.title == title)
            .unwrap()
            .fields
            .status
    };
    assert_eq!(status("Posyandu Digital"), "selected");
    assert_eq!(status("Bank Sampah"), "shortlisted");
    assert_eq!(status("Angkot Pintar"), "captured");
}

/// The demo lab (which holds the sample roster) and the database's change count.
fn demo_lab() -> (tempfile::TempDir, Store, String) {
    let (d, s) = store();
    let lab = crate::demo::create_demo_lab(&s).unwrap().id;
    (d, s, lab)
}

fn outcomes(r: &ImportReport) -> Vec<(u32, RowOutcome)> {
    r.rows.iter().map(|r| (r.line, r.outcome)).collect()
}

#[test]
fn the_sample_roster_again_into_the_demo_lab_is_unchanged_and_writes_nothing() {
    let (_d, s, lab) = demo_lab();
    let before = s.change_count().unwrap();
    let agencies = s.list_agencies(&lab).unwrap();
    for mode in [
        ImportMode::Preview,
        ImportMode::AllOrNothing,
        ImportMode::SkipRefused,
    ] {
        let r = s
            .import_agencies(&lab, "opd-sample.csv", SAMPLE_ROSTER_CSV.as_bytes(), mode)
            .unwrap();
        assert_eq!(
            (r.total, r.good, r.refused, r.added, r.changed, r.unchanged),
            (37, 37, 0, 0, 0, 37),
            "{mode:?}: {:?}",
            r.rows
        );
        assert!(r.rows.iter().all(|row| row.outcome == RowOutcome::Unchanged
            && row.changes.is_empty()
            && row.problems.is_empty()));
        assert!(!r.applied, "{mode:?}: nothing to write, nothing applied");
        assert!(r.not_in_file.is_empty());
        assert_eq!(s.change_count().unwrap(), before, "{mode:?} wrote");
    }
    assert_eq!(s.list_agencies(&lab).unwrap(), agencies);
}

#[test]
fn a_corrected_roster_shows_changed_new_refused_and_unchanged_rows_then_updates_with_history() {
    let (_d, s, lab) = demo_lab();
    let before = s.change_count().unwrap();
    let dinkes = s
        .list_agencies(&lab)
        .unwrap()
        .into_iter()
        .find(|a| a.code == "DINKES")
        .unwrap();
    let name_clock = || -> i64 {
        s.conn()
            .query_row(
                "SELECT hlc FROM field_clock WHERE entity = 'agency' AND entity_id = ?1 AND field = 'name'",
                [&dinkes.id],
                |r| r.get(0),
            )
            .unwrap()
    };
    let clock_before = name_clock();
    let corrected = SAMPLE_ROSTER_CSV.replace(
        "DINKES,Dinas Kesehatan,Dinkes,Dinas",
        "DINKES,Dinas Kesehatan Kota Cilegon,Dinkes,Dinas",
    ) + "BRIDA,Badan Riset dan Inovasi Daerah,BRIDA,Badan\nBARU,,Baru,Dinas\n";

    let preview = s
        .import_agencies(&lab, "opd.csv", corrected.as_bytes(), ImportMode::Preview)
        .unwrap();
    assert_eq!(
        (
            preview.total,
            preview.good,
            preview.added,
            preview.changed,
            preview.unchanged,
            preview.refused
        ),
        (39, 38, 1, 1, 36, 1)
    );
    let not_unchanged: Vec<(u32, RowOutcome)> = outcomes(&preview)
        .into_iter()
        .filter(|(_, o)| *o != RowOutcome::Unchanged)
        .collect();
    assert_eq!(
        not_unchanged,
        [
            (12, RowOutcome::Changed),
            (39, RowOutcome::New),
            (40, RowOutcome::Refused)
        ]
    );
    assert_eq!(
        preview.rows[10].changes,
        [FieldChange {
            field: "name".into(),
            old: "Dinas Kesehatan".into(),
            new: "Dinas Kesehatan Kota Cilegon".into(),
        }]
    );
    assert_eq!(preview.rows[38].problems[0].field, "name");
    assert!(!preview.applied);
    assert_eq!(
        s.change_count().unwrap(),
        before,
        "a preview writes nothing"
    );
    assert_eq!(s.get_agency(&dinkes.id).unwrap().name, "Dinas Kesehatan");

    // All or nothing: a refused row, so nothing.
    let r = s
        .import_agencies(
            &lab,
            "opd.csv",
            corrected.as_bytes(),
            ImportMode::AllOrNothing,
        )
        .unwrap();
    assert!(!r.applied);
    assert_eq!(s.change_count().unwrap(), before);

    // The good rows: one update and one new agency, each with its change record.
    let r = s
        .import_agencies(
            &lab,
            "opd.csv",
            corrected.as_bytes(),
            ImportMode::SkipRefused,
        )
        .unwrap();
    assert!(r.applied);
    assert_eq!(outcomes(&r), outcomes(&preview), "the preview said so");
    assert_eq!(s.change_count().unwrap(), before + 2);
    let updated = s.get_agency(&dinkes.id).unwrap();
    assert_eq!(
        (updated.name.as_str(), updated.short_name.as_str()),
        ("Dinas Kesehatan Kota Cilegon", "Dinkes")
    );
    let history = s.history(&dinkes.id).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.op, ChangeOp::Update);
    assert_eq!(
        last.changes,
        serde_json::json!({"name": {"old": "Dinas Kesehatan", "new": "Dinas Kesehatan Kota Cilegon"}})
    );
    assert!(name_clock() > clock_before, "the merge clock moved");
    let agencies = s.list_agencies(&lab).unwrap();
    assert_eq!(agencies.len(), 38);
    assert_eq!(agencies.last().unwrap().code, "BRIDA");

    // Once more: now only the bad row is not unchanged.
    let again = s
        .import_agencies(
            &lab,
            "opd.csv",
            corrected.as_bytes(),
            ImportMode::SkipRefused,
        )
        .unwrap();
    assert_eq!(
        (again.unchanged, again.refused, again.applied),
        (38, 1, false)
    );
    assert_eq!(s.change_count().unwrap(), before + 2);
}

#[test]
fn a_roster_again_brings_back_a_retired_agency_ignores_code_case_and_leaves_missing_ones() {
    let (_d, s, lab) = demo_lab();
    let find = |code: &str| {
        s.list_agencies(&lab)
            .unwrap()
            .into_iter()
            .find(|a| a.code == code)
            .unwrap()
    };
    let dlh = find("DLH");
    s.set_agency_retired(&dlh.id, true).unwrap();
    let retired_at = s.get_agency(&dlh.id).unwrap().retired_at.unwrap();
    // SETDA typed in lower case with spaces and empty optional cells; RSUD left out;
    // `dinkes` twice (the second is refused, whatever its case).
    let roster = SAMPLE_ROSTER_CSV
        .replace(
            "SETDA,Sekretariat Daerah,Setda,Sekretariat",
            " setda ,Sekretariat Daerah,,",
        )
        .replace("RSUD,Rumah Sakit Umum Daerah,RSUD,Rumah Sakit\n", "")
        + "dinkes ,Dinas Kesehatan,Dinkes,Dinas\n";
    let before = s.change_count().unwrap();
    let preview = s
        .import_agencies(&lab, "opd.csv", roster.as_bytes(), ImportMode::Preview)
        .unwrap();
    assert_eq!(
        (
            preview.total,
            preview.changed,
            preview.unchanged,
            preview.refused
        ),
        (37, 1, 35, 1)
    );
    assert_eq!(
        preview.rows[0].outcome,
        RowOutcome::Unchanged,
        "case and spaces"
    );
    let dlh_row = preview.rows.iter().find(|r| r.label == dlh.name).unwrap();
    assert_eq!(dlh_row.outcome, RowOutcome::Changed);
    assert_eq!(
        dlh_row.changes,
        [FieldChange {
            field: "retiredAt".into(),
            old: retired_at.clone(),
            new: String::new(),
        }]
    );
    let repeated = preview.rows.last().unwrap();
    assert_eq!(repeated.outcome, RowOutcome::Refused);
    assert_eq!(repeated.problems[0].field, "code");
    assert!(
        repeated.problems[0]
            .reason
            .to_string()
            .contains("already on line 12"),
        "{:?}",
        repeated.problems
    );
    assert_eq!(preview.not_in_file, ["Rumah Sakit Umum Daerah (RSUD)"]);
    assert_eq!(s.change_count().unwrap(), before);

    let r = s
        .import_agencies(&lab, "opd.csv", roster.as_bytes(), ImportMode::SkipRefused)
        .unwrap();
    assert!(r.applied);
    assert_eq!(s.change_count().unwrap(), before + 1);
    assert_eq!(
        s.get_agency(&dlh.id).unwrap().retired_at,
        None,
        "brought back"
    );
    let setda = find("SETDA");
    assert_eq!(
        (setda.short_name.as_str(), setda.group.as_str()),
        ("Setda", "Sekretariat"),
        "the lab's spelling of the code and its values kept"
    );
    assert_eq!(find("RSUD").retired_at, None, "left alone");
    assert_eq!(s.list_agencies(&lab).unwrap().len(), 37);
    assert_eq!(
        s.history(&dlh.id).unwrap().last().unwrap().changes,
        serde_json::json!({"retiredAt": {"old": retired_at, "new": null}})
    );
}
