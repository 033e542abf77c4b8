//! The follow-up in the report (`laporan.html`, `laporan.pdf`) and the innovation
//! profiles (`profil-inovasi.xlsx`, `profil/`), on the demo lab's follow-up (three plans,
//! an evidence file, IID answers): the sections are there with their figures, text is
//! escaped, a lab without follow-up says so in one line. The PDFs are read by
//! `pdftotext` (the test says so loudly and returns without poppler-utils) and kept with
//! their pages as PNG in `target/export-screenshots/` to look at.

use super::activity_tests::{have, keep, pdf_text, skip};
use super::tests::{demo_with_followup, hostile, rich_lab};
use super::*;
use labinov_core::demo::DEMO_EVIDENCE_FILE;
use labinov_core::model::NewLab;

/// What the report says about the demo's follow-up, in the words of `text` (HTML with
/// tags or PDF text).
fn assert_followup_figures(text: &str, d: &ReportData, what: &str) {
    let f = &d.followup;
    let dukcapil = f.agencies.iter().find(|a| a.code == "DISDUKCAPIL").unwrap();
    for needle in [
        "Tindak Lanjut",
        "PERKIRAAN",
        "Per perangkat daerah",
        "Per inovasi",
        // AKRAB: lead, partner with its role, person responsible, stage, percent.
        "Akta Kelahiran Langsung dari Rumah Sakit (AKRAB)",
        "Melaporkan kelahiran dari ruang bersalin",
        "Kepala Bidang Pelayanan Pencatatan Sipil",
        "Uji coba",
        "40%",
        // Its estimate and its agency's: 13.51 and (13.51 + 0) / 2 = 6.76.
        "13.51",
        "6.76",
        "Kurang Inovatif",
        // Steps with status and due date, milestones, evidence, coaching notes.
        "Perjanjian kerja sama dengan RSUD",
        "2027-01-31",
        "Berjalan",
        "2026-12-03",
        DEMO_EVIDENCE_FILE,
        "Catatan pendampingan (2)",
        // LAJU's overdue step.
        "Aplikasi pelaporan siap dipakai",
        "Terlambat",
    ] {
        assert!(text.contains(needle), "{what} lacks {needle:?}");
    }
    assert_eq!(dukcapil.score, Some(6.76));
    // The coverage figure: agencies past the first stage of all.
    let lead = format!("1 dari {} perangkat daerah", f.agencies.len());
    assert!(text.contains(&lead), "{what} lacks {lead:?}");
}

#[test]
fn the_html_report_has_the_follow_up_and_the_attendance() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let (d, _) = demo_with_followup(&store, &hostile()[5]);
    let html = html::report(&d, Lang::Id);
    let section = &html[html.find("<section id=\"followup\">").unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    assert_followup_figures(section, &d, "the HTML follow-up section");
    // The step late is marked, the one done is not.
    let late_row = section
        .split("<tr>")
        .find(|r| r.contains("Aplikasi pelaporan siap dipakai") && r.contains("Seksi Pemeliharaan"))
        .unwrap();
    assert!(late_row.contains("⚠ Terlambat"), "{late_row}");
    let done_row = section
        .split("<tr>")
        .find(|r| r.contains("SK tim inovasi AKRAB"))
        .unwrap();
    assert!(!done_row.contains("Terlambat"), "{done_row}");
    // The hostile coaching note is escaped.
    assert!(!section.contains("<script>"));
    assert!(section.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(section.contains("Coach &lt;i&gt;"));
    // Attendance: per day and per agency, with the lab's counts.
    let att = &html
        [html.find("id=\"attendance\"").unwrap()..html.find("<section id=\"followup\">").unwrap()];
    assert!(att.contains("Kehadiran Peserta"));
    for day in &d.attendance_counts.per_day {
        assert!(
            att.contains(&format!("<td class=\"num\">{}</td>", day.people)),
            "day {}",
            day.day
        );
    }
    let first = &d.attendance_counts.per_agency[0];
    assert!(att.contains(&first.name));
    assert!(att.contains("<svg"), "the charts");
    assert!(html.contains("href=\"#followup\"") && html.contains("href=\"#attendance\""));
    let keep_dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/export-screenshots");
    if std::fs::create_dir_all(&keep_dir).is_ok() {
        let _ = std::fs::write(keep_dir.join("laporan-followup.html"), &html);
    }
}

#[test]
fn the_pdf_report_has_the_follow_up() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let (d, _) = demo_with_followup(&store, &hostile()[5]);
    let pdf = pdf::report(&d, Lang::Id).unwrap();
    if !have("pdftotext") {
        skip(
            "report PDF text",
            "pdftotext (poppler-utils) is not installed",
        );
        return;
    }
    let path = dir.path().join("laporan.pdf");
    std::fs::write(&path, &pdf).unwrap();
    keep("laporan-followup", &path);
    let text = pdf_text(&path);
    let from = text.find("Tindak Lanjut Keadaan per").unwrap();
    let to = text
        .find("Ide Inovasi per Perangkat Daerah")
        .unwrap_or(text.len());
    assert_followup_figures(&text[from..to], &d, "the PDF follow-up section");
    assert!(text.contains("Kehadiran Peserta"));
}

#[test]
fn a_lab_without_follow_up_says_so_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let lab = store
        .create_lab(NewLab {
            name: "Lab tanpa tindak lanjut".into(),
            start_date: "2026-11-02".into(),
            days: 2,
            idea_target: 10,
            ..Default::default()
        })
        .unwrap();
    let d = ReportData::read(&store, &lab.id).unwrap();
    assert!(d.followup.ideas.is_empty());
    let html = html::report(&d, Lang::En);
    let section = &html[html.find("<section id=\"followup\">").unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    assert_eq!(
        section,
        "<section id=\"followup\"><h2>Follow-up</h2><p>No follow-up (action plan, progress report, evidence) has been recorded for this lab yet.</p>"
    );
    // No profile either.
    let (_, rows) = labinov_core::export::profile_table(&d, Lang::Id);
    assert!(rows.is_empty());
}

#[test]
fn the_profiles_spreadsheet_reads_back_in_the_forms_order() {
    use calamine::{Data, Reader, Xlsx};
    use labinov_core::fields::{FieldKind, IDEA_FIELDS};
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    // The hostile idea gets a plan, so it has a profile too.
    let (lab, hostile_idea) = rich_lab(&store);
    store
        .save_followup_plan(&hostile_idea, None, &hostile()[0])
        .unwrap();
    let d = ReportData::read(&store, &lab).unwrap();
    let files = render_folder(ExportFormat::Profiles, &d, Lang::Id)
        .unwrap()
        .unwrap();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[0], "profil-inovasi.xlsx");
    assert_eq!(names.len(), 1 + 4, "{names:?}");
    assert!(names[1..]
        .iter()
        .all(|n| n.starts_with("profil/") && n.ends_with(".pdf")));

    let bytes = files[0].1.clone();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(book.sheet_names(), vec!["Profil Inovasi"]);
    let rows: Vec<Vec<Data>> = book
        .worksheet_range("Profil Inovasi")
        .unwrap()
        .rows()
        .map(|r| r.to_vec())
        .collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    // The form's order: number, agency, the idea fields in the field table's order, then
    // per indicator the parameter and the evidence, then the estimate.
    let fields: Vec<&str> = IDEA_FIELDS
        .iter()
        .filter(|f| f.kind != FieldKind::Agency)
        .map(|f| f.header(Lang::Id))
        .collect();
    assert_eq!(header[0], "No");
    assert_eq!(&header[3..3 + fields.len()], fields.as_slice());
    let iid = &header[3 + fields.len()..header.len() - 3];
    let config = &d.followup.iid_config;
    assert_eq!(iid.len(), 2 * config.indicators.len());
    for (pair, ind) in iid.chunks(2).zip(&config.indicators) {
        assert!(
            pair[0].starts_with(&format!("{}. {}", ind.number, ind.label_id)),
            "{pair:?}"
        );
        assert!(pair[0].ends_with("Parameter dipilih") && pair[1].ends_with("Bukti dukung"));
    }
    assert_eq!(
        &header[header.len() - 3..],
        ["Indeks (perkiraan)", "Predikat (perkiraan)", "ID Ide"]
    );
    assert_eq!(rows.len(), 1 + 4, "one row per idea with a follow-up");
    let col = |name: &str| header.iter().position(|h| h.starts_with(name)).unwrap();
    let akrab = rows
        .iter()
        .find(|r| r[col("Nama Inovasi")].to_string().contains("AKRAB"))
        .unwrap();
    assert_eq!(akrab[col("16. ")].to_string(), "2");
    assert_eq!(akrab[col("16. ") + 1].to_string(), DEMO_EVIDENCE_FILE);
    // Kemudahan proses: chosen, no evidence linked.
    let proses = col("28. ");
    assert_eq!(akrab[proses].to_string(), "3 — Parameter 3 (tertinggi)");
    assert_eq!(akrab[proses + 1].to_string(), "");
    assert_eq!(akrab[col("Indeks (perkiraan)")].to_string(), "13.51");
    assert_eq!(
        akrab[col("Predikat (perkiraan)")].to_string(),
        "Kurang Inovatif"
    );
    // The hostile idea's text exactly as typed, a string, never a formula.
    let h = rows
        .iter()
        .find(|r| r[col("ID Ide")].to_string() == hostile_idea)
        .unwrap();
    assert_eq!(h[col("Pengusul")], Data::String(hostile()[0].clone()));
    let f = book.worksheet_formula("Profil Inovasi").unwrap();
    assert!(f.used_cells().all(|(_, _, v)| v.is_empty()));
    let styles = {
        use std::io::Read;
        let mut s = String::new();
        super::tests::zip_entry(&bytes, "xl/styles.xml")
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    assert!(styles.contains("quotePrefix=\"1\""));
}

#[test]
fn a_profile_pdf_per_innovation_with_its_checklist_and_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let (d, akrab) = demo_with_followup(&store, "Catatan biasa");
    let files = render_folder(ExportFormat::Profiles, &d, Lang::Id)
        .unwrap()
        .unwrap();
    let pdfs: Vec<&(String, Vec<u8>)> = files.iter().filter(|(n, _)| n.ends_with(".pdf")).collect();
    assert_eq!(pdfs.len(), d.followup.ideas.len());
    assert!(pdfs.iter().all(|(_, b)| b.starts_with(b"%PDF-")));
    if !have("pdftotext") {
        skip(
            "profile PDF text",
            "pdftotext (poppler-utils) is not installed",
        );
        return;
    }
    let tail: String = akrab.chars().filter(char::is_ascii_alphanumeric).collect();
    let (name, bytes) = pdfs
        .iter()
        .find(|(n, _)| n.ends_with(&format!("{}.pdf", &tail[tail.len() - 8..])))
        .unwrap();
    assert!(name.starts_with("profil/akta-kelahiran-langsung"), "{name}");
    let path = dir.path().join("profil-akrab.pdf");
    std::fs::write(&path, bytes).unwrap();
    keep("profil-akrab", &path);
    let text = pdf_text(&path);
    let config = &d.followup.iid_config;
    for needle in [
        "PROFIL INOVASI",
        "Akta Kelahiran Langsung dari Rumah Sakit (AKRAB)",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Permasalahan",
        "Perjanjian kerja sama dengan RSUD",
        "Tonggak tahapan",
        "PERKIRAAN",
        "13.51",
        "Kurang Inovatif",
        "Yang kurang untuk predikat Inovatif",
        DEMO_EVIDENCE_FILE,
    ] {
        assert!(text.contains(needle), "the profile lacks {needle:?}");
    }
    for ind in &config.indicators {
        let label = format!("{}. {}", ind.number, ind.label_id);
        assert!(text.contains(&label), "the profile lacks {label:?}");
    }
    // The evidence list says which indicators it supports: 16, 17, 22, 24.
    assert!(text.contains("16, 17, 22, 24"), "{text}");
}

/// No word of a follow-up table's header is broken in the PDF, in either language: the
/// header's size (`Layout::header_size`) makes each fit its column, within its floor.
#[test]
fn every_header_word_of_the_follow_up_tables_fits_its_column() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let (d, _) = demo_with_followup(&store, "catatan");
    let l = crate::pdf::Layout::new().unwrap();
    let mut tables = 0;
    for lang in [Lang::Id, Lang::En] {
        for block in labinov_core::export::followup_blocks(&d, lang) {
            let labinov_core::export::Block::Table { header, widths, .. } = block else {
                continue;
            };
            tables += 1;
            let cols: Vec<f32> = widths.iter().map(|f| f * crate::pdf::WIDTH).collect();
            let size = l.header_size(&header, &cols, 8.5, 3.0);
            for (cell, w) in header.iter().zip(&cols) {
                for word in cell.split_whitespace() {
                    assert_eq!(
                        l.wrap(word, size, true, w - 6.0),
                        [word],
                        "{lang:?}: {word:?} at {size} pt in a column of {w:.0} pt"
                    );
                }
            }
        }
    }
    assert!(tables >= 2, "the follow-up has its tables");
}
