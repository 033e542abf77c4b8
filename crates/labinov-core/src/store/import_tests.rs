//! Import tests: rosters and ideas from CSV and XLSX, previews, refused rows.

use super::*;
use crate::model::{ImportMode, NewLab};
use crate::roster::SAMPLE_ROSTER_CSV;
use crate::ErrorCode;

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
    assert!(r.rows[3].problems[0].message.contains("UTF-8"));
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
    assert!(again.rows[0].problems[0]
        .message
        .contains("already has an idea"));

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
