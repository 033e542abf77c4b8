//! The activity report (laporan kegiatan) of the demo lab, with its attendance, as PDF and
//! as DOCX: the DOCX is opened by a real word processor (LibreOffice, headless) and turned
//! into PDF, and in both PDFs the sections and figures are found by `pdftotext`. Without
//! LibreOffice or poppler-utils (`scripts/deps.sh` installs both) the test says so loudly
//! and returns, as the export tests do.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::tests::{hostile, rich_lab};
use super::*;
use labinov_core::export::{nip_display, ReportData};

pub(crate) fn skip(test: &str, why: &str) {
    eprintln!(
        "\n************************************************************\n\
         SKIPPED {test}: {why}\n\
         ************************************************************\n"
    );
}

pub(crate) fn have(cmd: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {cmd}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The text of a PDF, white space collapsed (a phrase wrapped over lines still reads as
/// one).
pub(crate) fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The DOCX turned into PDF by LibreOffice (its own profile, so parallel runs do not
/// share one), or why not.
fn libreoffice_pdf(docx: &Path, out_dir: &Path) -> Result<PathBuf, String> {
    let profile = out_dir.join("lo-profile");
    let mut child = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(out_dir)
        .arg(docx)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("soffice: {e}"))?;
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut err);
            }
            let pdf = out_dir.join(docx.with_extension("pdf").file_name().unwrap());
            return if status.success() && pdf.exists() {
                Ok(pdf)
            } else {
                Err(format!("soffice failed ({status}): {err}"))
            };
        }
        if started.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            let _ = child.wait();
            return Err("soffice took more than 3 minutes".into());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Keeps a rendered report and its pages as PNG in `target/export-screenshots/` (where
/// the export tests put theirs) for people to look at; best effort.
pub(crate) fn keep(name: &str, pdf: &Path) {
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/export-screenshots");
    if std::fs::create_dir_all(&shots).is_err() {
        return;
    }
    let _ = std::fs::copy(pdf, shots.join(format!("{name}.pdf")));
    if have("pdftoppm") {
        let _ = Command::new("pdftoppm")
            .args(["-r", "70", "-png"])
            .arg(pdf)
            .arg(shots.join(name))
            .status();
    }
}

/// What both reports must say about the lab in `d` (Indonesian).
fn expected(d: &ReportData) -> Vec<String> {
    let c = &d.attendance_counts;
    let s = &d.report_settings;
    let top = d
        .ranking
        .iter()
        .find(|r| r.rank == Some(1))
        .expect("a ranked idea");
    let mut want = vec![
        "LAPORAN KEGIATAN".to_owned(),
        d.lab.name.clone(),
        "I. Pendahuluan".into(),
        "A. Dasar Pelaksanaan".into(),
        "Peraturan Pemerintah Nomor 38 Tahun 2017 tentang Inovasi Daerah".into(),
        "B. Maksud dan Tujuan".into(),
        "II. Pelaksanaan Kegiatan".into(),
        "Pembukaan dan arahan Wali Kota".into(),
        "C. Tahapan 5D yang Dilaksanakan".into(),
        "D. Kehadiran Peserta".into(),
        format!(
            "Kegiatan dihadiri oleh {} orang dari {} perangkat daerah.",
            c.people, c.agencies_present
        ),
        "Peserta hadir per hari".into(),
        "Peserta hadir per perangkat daerah".into(),
        "III. Hasil Kegiatan".into(),
        format!(
            "Laboratorium menghasilkan {} ide inovasi dari {} perangkat daerah.",
            d.ideas.len(),
            d.ideas_by_agency().len()
        ),
        "B. Presentasi Ide".into(),
        "C. Hasil review dan peringkat".into(),
        top.title.clone(),
        format!("{:.1}", top.mean.unwrap()),
        "D. Hasil pemungutan suara (dot voting)".into(),
        "IV. Tindak Lanjut".into(),
        "Bappedalitbang mendampingi uji coba ide yang masuk daftar pendek.".into(),
        "V. Penutup".into(),
        format!("{}, 4 November 2026", s.sign_place),
        s.signer_position.clone(),
        s.signer_name.clone(),
        format!("NIP {}", nip_display(&s.signer_nip)),
        "Lampiran: Daftar Hadir".into(),
    ];
    // Each day's count, with its date.
    for day in &c.per_day {
        want.push(format!("Hari {}", day.day));
        want.push(day.people.to_string());
    }
    want
}

fn assert_says(text: &str, want: &[String], what: &str) {
    let missing: Vec<&String> = want.iter().filter(|w| !text.contains(w.as_str())).collect();
    assert!(
        missing.is_empty(),
        "{what} lacks {missing:?}\n--- its text ---\n{}",
        &text[..text.len().min(6000)]
    );
}

/// The rich demo lab (reviews, a vote, a hostile idea) with the demo's attendance and
/// settings, read once.
fn demo_data(dir: &Path) -> ReportData {
    let store = Store::open(dir.join("lab.db")).unwrap();
    let (lab, _) = rich_lab(&store);
    ReportData::read(&store, &lab).unwrap()
}

#[test]
fn the_demo_labs_activity_report_as_pdf_has_every_section_and_figure() {
    let dir = tempfile::tempdir().unwrap();
    let d = demo_data(dir.path());
    assert_eq!(
        d.attendance_counts.people, 40,
        "the demo lab has attendance"
    );
    let pdf = render(ExportFormat::Kegiatan, &d, Lang::Id).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    if !have("pdftotext") {
        skip(
            "activity PDF text",
            "pdftotext (poppler-utils) is not installed",
        );
        return;
    }
    let path = dir.path().join("laporan-kegiatan.pdf");
    std::fs::write(&path, &pdf).unwrap();
    keep("laporan-kegiatan-pdf", &path);
    let text = pdf_text(&path);
    assert_says(&text, &expected(&d), "the activity PDF");
    // The daftar hadir lists a head of agency written in, with the agency.
    let first = d
        .attendance
        .iter()
        .find(|a| a.present && a.agency_id.is_some())
        .unwrap();
    assert!(text.contains(&first.name));
}

#[test]
fn the_demo_labs_activity_report_as_docx_opens_in_libreoffice_with_every_section_and_figure() {
    let dir = tempfile::tempdir().unwrap();
    let d = demo_data(dir.path());
    let docx = render(ExportFormat::Docx, &d, Lang::Id).unwrap();
    assert!(docx.starts_with(b"PK"), "a DOCX is a zip");
    // Real structure: heading styles, tables, and text escaped as XML.
    let mut xml = String::new();
    zip::ZipArchive::new(std::io::Cursor::new(&docx))
        .unwrap()
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(
        xml.contains(r#"<w:pStyle w:val="Heading1" />"#) || xml.contains(r#"w:val="Heading1""#)
    );
    assert!(xml.contains(r#"w:val="Heading2""#));
    assert!(xml.matches("<w:tbl>").count() >= 8, "tables are tables");
    assert!(!xml.contains("<script>"), "text is escaped");
    assert!(
        xml.contains("&lt;script&gt;"),
        "the hostile title is in, escaped"
    );

    if !have("soffice") || !have("pdftotext") {
        skip(
            "DOCX in LibreOffice",
            "LibreOffice (libreoffice-writer-nogui) or pdftotext (poppler-utils) is not \
             installed: run scripts/deps.sh",
        );
        return;
    }
    let path = dir.path().join("laporan-kegiatan.docx");
    std::fs::write(&path, &docx).unwrap();
    let out = dir.path().join("converted");
    std::fs::create_dir(&out).unwrap();
    let pdf = libreoffice_pdf(&path, &out).unwrap();
    keep("laporan-kegiatan-docx", &pdf);
    let text = pdf_text(&pdf);
    assert_says(&text, &expected(&d), "the DOCX (through LibreOffice)");
    assert!(
        text.contains(&hostile()[5]),
        "the hostile title reads as text"
    );
}

#[test]
fn the_activity_report_speaks_english_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let d = demo_data(dir.path());
    let r = labinov_core::export::activity_report(&d, Lang::En);
    let headings: Vec<&str> = r
        .blocks
        .iter()
        .filter_map(|b| match b {
            labinov_core::export::Block::Heading { level: 1, text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings,
        [
            "I. Introduction",
            "II. Conduct of the Lab",
            "III. Results",
            "IV. Follow-up",
            "V. Closing",
            "Appendix: Attendance Lists"
        ]
    );
    // Both renderers take it.
    assert!(render(ExportFormat::Kegiatan, &d, Lang::En).is_ok());
    assert!(render(ExportFormat::Docx, &d, Lang::En).is_ok());
}

#[test]
fn a_lab_without_attendance_or_settings_still_gets_its_report_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let lab = store
        .create_lab(labinov_core::model::NewLab {
            name: "Lab kosong".into(),
            start_date: "2026-11-02".into(),
            days: 2,
            idea_target: 10,
            ..Default::default()
        })
        .unwrap();
    let d = ReportData::read(&store, &lab.id).unwrap();
    let r = labinov_core::export::activity_report(&d, Lang::Id);
    let notes: Vec<&str> = r
        .blocks
        .iter()
        .filter_map(|b| match b {
            labinov_core::export::Block::Note(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    for want in [
        "(Belum diisi pada pengaturan laporan.)",
        "Daftar hadir belum diisi.",
        "Belum ada ide yang dipresentasikan.",
        "Belum ada review yang dihitung.",
    ] {
        assert!(notes.contains(&want), "{want} in {notes:?}");
    }
    assert!(render(ExportFormat::Kegiatan, &d, Lang::Id)
        .unwrap()
        .starts_with(b"%PDF-"));
    assert!(render(ExportFormat::Docx, &d, Lang::Id)
        .unwrap()
        .starts_with(b"PK"));
}
