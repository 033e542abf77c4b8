use std::collections::HashMap;

use super::*;
use labinov_core::export::formula_like;
use labinov_core::model::*;
use labinov_core::{demo, drives, safe_write, ErrorCode};

/// Text an attacker or an unlucky paste could put in a field.
pub(crate) fn hostile() -> Vec<String> {
    vec![
        "=HYPERLINK(\"http://evil.example\",\"klik\")".into(),
        "+1+2".into(),
        "-2+3".into(),
        "@SUM(A1:A2)".into(),
        "\tTAB di depan".into(),
        "<script>alert(1)</script>".into(),
        "\"><img src=x onerror=alert(1)>".into(),
        "Layanan 🚀 ramah disabilitas ✓".into(),
        "مرحبا بالعالم — שלום".into(),
        "baris satu\nbaris dua\r\nbaris tiga".into(),
        "koma, \"kutip\"; titik-koma".into(),
    ]
}

/// 5,000 characters of text.
fn long_text() -> String {
    format!("{}panjang!", "panjang ".repeat(624))
}

/// The demo lab plus an idea full of hostile text, reviews by three reviewers, a closed
/// voting round, a photo and a pitch note.
pub(crate) fn rich_lab(store: &Store) -> (String, String) {
    let lab = demo::create_demo_lab(store).unwrap();
    let agencies = store.list_agencies(&lab.id).unwrap();
    let h = hostile();
    let idea = store
        .add_idea(
            &lab.id,
            IdeaInput {
                agency_id: agencies[0].id.clone(),
                title: h[5].clone(),
                proposer_name: h[0].clone(),
                proposer_position: h[1].clone(),
                problem: h[6].clone(),
                description: h[9].clone(),
                rancang_bangun: long_text(),
                tujuan: h[7].clone(),
                manfaat: h[8].clone(),
                hasil: h[3].clone(),
                anggaran: h[2].clone(),
                beneficiaries: h[10].clone(),
                tags: vec!["uji".into()],
                ..Default::default()
            },
        )
        .unwrap();
    let png = {
        let mut out = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 120]))
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        out.into_inner()
    };
    store
        .add_attachment(&idea.id, "papan <tulis>.png", &png)
        .unwrap();
    store
        .add_idea_note(&idea.id, "Catatan: <b>penting</b>")
        .unwrap();
    let ideas = store.list_ideas(&lab.id).unwrap();
    let rubric = store.rubric(&lab.id).unwrap();
    for (r, name) in ["Reviewer A", "Reviewer B", "Reviewer <C>"]
        .iter()
        .enumerate()
    {
        let person = store
            .add_person(
                &lab.id,
                PersonInput {
                    agency_id: None,
                    name: (*name).into(),
                    position: String::new(),
                    role: PersonRole::Reviewer,
                },
            )
            .unwrap();
        for (i, idea) in ideas.iter().take(5).enumerate() {
            store
                .save_review(
                    &idea.id,
                    &person.id,
                    ReviewInput {
                        scores: rubric
                            .iter()
                            .map(|c| ScoreInput {
                                criterion: c.code.clone(),
                                score: 1 + ((i + r) as u32 % c.scale_max),
                            })
                            .collect(),
                        comment: format!("komentar {r} <i>{i}</i>"),
                        recommendation: Some(Recommendation::Continue),
                        submit: true,
                    },
                )
                .unwrap();
        }
    }
    let candidates: Vec<String> = ideas.iter().take(4).map(|i| i.id.clone()).collect();
    let round = store.open_vote_round(&lab.id, 3, &candidates).unwrap();
    let mut ballot = HashMap::new();
    ballot.insert(candidates[0].clone(), 2u32);
    ballot.insert(candidates[1].clone(), 1u32);
    store.cast_ballot(&round.id, &ballot).unwrap();
    store.close_vote_round(&round.id).unwrap();
    (lab.id, idea.id)
}

/// `rich_lab` plus a coaching note of `note` on the demo's AKRAB (the fullest of its
/// three plans); the lab's data and AKRAB's id.
pub(crate) fn demo_with_followup(store: &Store, note: &str) -> (ReportData, String) {
    let (lab, _) = rich_lab(store);
    let akrab = store
        .list_ideas(&lab)
        .unwrap()
        .into_iter()
        .find(|i| i.fields.title.contains("AKRAB"))
        .unwrap()
        .id;
    store
        .add_coach_note(&akrab, "2026-12-04", "Coach <i>", note)
        .unwrap();
    (ReportData::read(store, &lab).unwrap(), akrab)
}

fn all_formats() -> ExportOptions {
    ExportOptions {
        formats: vec![],
        lang: Lang::Id,
    }
}

#[test]
fn a_whole_export_writes_every_file_verified_and_leaves_the_database_alone() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let (lab, _) = rich_lab(&store);
    let changes_before = store.change_count().unwrap();
    let out = dir.path().join("stick");
    std::fs::create_dir(&out).unwrap();
    let mut steps = Vec::new();
    let report = export_lab(&store, &lab, &out, &all_formats(), &mut |p| {
        steps.push(p.clone())
    })
    .unwrap();

    // The gallery and the posters are folders of files (tested in `gallery_tests.rs`).
    let names: Vec<&str> = report
        .files
        .iter()
        .map(|f| f.name.as_str())
        .filter(|n| {
            !n.starts_with("galeri/") && !n.starts_with("poster/") && !n.starts_with("profil/")
        })
        .collect();
    assert!(report.files.iter().any(|f| f.name == "galeri/index.html"));
    assert!(report.files.iter().any(|f| f.name.starts_with("poster/")));
    assert_eq!(
        report
            .files
            .iter()
            .filter(|f| f.name.starts_with("profil/"))
            .count(),
        3,
        "a profile per idea with a follow-up"
    );
    assert_eq!(
        names,
        [
            "laporan.html",
            "laporan.pdf",
            "ide-inovasi.xlsx",
            "ide-inovasi.csv",
            "data.json",
            "executive-laboratorium-inovasi-demo.labinov",
            "laporan-kegiatan.pdf",
            "laporan-kegiatan.docx",
            "profil-inovasi.xlsx",
            "SHA256SUMS"
        ]
    );
    assert!(report.files.iter().all(|f| f.verified && f.size > 0));
    assert_eq!(report.ideas, 51);
    // The folder is named by lab and time, and nothing else is left in the destination.
    assert!(
        report.folder_name.starts_with("Labinov-"),
        "{}",
        report.folder_name
    );
    let entries: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(entries, vec![report.folder_name.clone()]);
    // SHA256SUMS lists every other file with the hash of its bytes on disk.
    let folder = std::path::Path::new(&report.folder);
    let sums = std::fs::read_to_string(folder.join("SHA256SUMS")).unwrap();
    assert_eq!(sums.lines().count(), report.files.len() - 1);
    for line in sums.lines() {
        let (hash, name) = line.split_once("  ").unwrap();
        let (_, actual) = safe_write::sha256_file(&folder.join(name)).unwrap();
        assert_eq!(hash, actual, "{name}");
    }
    // Progress went step by step to the end.
    assert_eq!(steps.first().unwrap().step, "snapshot");
    assert_eq!(steps.last().unwrap().done, steps.last().unwrap().total);
    assert!(steps.windows(2).all(|w| w[1].done == w[0].done + 1));
    // Reads only.
    assert_eq!(store.change_count().unwrap(), changes_before);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn the_html_report_is_escaped_script_free_and_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let (lab, idea) = rich_lab(&store);
    let data = ReportData::read(&store, &lab).unwrap();
    let html = html::report(&data, Lang::Id);
    assert!(html.contains(&format!(
        r#"<meta http-equiv="Content-Security-Policy" content="{}">"#,
        html::CSP
    )));
    // No markup from the data survives: the only tags are the report's own.
    for bad in [
        "<script",
        "<img src=x",
        "onerror=alert(1)>",
        "<b>penting",
        "<i>0",
        "<tulis>",
        "<C>",
    ] {
        assert!(!html.contains(bad), "{bad} in the report");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("Layanan 🚀 ramah disabilitas ✓"));
    assert!(html.contains("baris satu<br>baris dua<br>baris tiga"));
    // Nothing is fetched: no URL but data: in src/href, except in-page anchors.
    for attr in ["src=\"", "href=\""] {
        for part in html.split(attr).skip(1) {
            assert!(
                part.starts_with("data:") || part.starts_with('#'),
                "{attr}{}",
                &part[..40.min(part.len())]
            );
        }
    }
    assert!(
        html.contains("data:image/jpeg;base64,"),
        "the photo is inline"
    );
    assert!(html.contains(&format!("id=\"idea-{idea}\"")));
    assert!(html.contains("<svg"), "charts are inline SVG");
    // Review, ranking and votes are in.
    assert!(html.contains("Reviewer &lt;C&gt;"));
    assert!(html.contains("Putaran 1"));
    // English too.
    let en = html::report(&data, Lang::En);
    assert!(en.contains("Innovation Lab Report") && en.contains("<html lang=\"en\">"));
}

#[test]
fn the_csv_reads_back_with_every_value_and_formulas_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let (lab, idea) = rich_lab(&store);
    let data = ReportData::read(&store, &lab).unwrap();
    let bytes = csv::ideas(&data, Lang::Id).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    let mut r = ::csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<::csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 51);
    let row = rows
        .iter()
        .find(|r| &r[col("ID Ide")] == idea.as_str())
        .unwrap();
    let h = hostile();
    assert_eq!(&row[col("Nama Inovasi")], h[5]);
    assert_eq!(&row[col("Pengusul")], format!("'{}", h[0]), "= neutralised");
    assert_eq!(
        &row[col("Jabatan Pengusul")],
        format!("'{}", h[1]),
        "+ neutralised"
    );
    assert_eq!(&row[col("Anggaran")], format!("'{}", h[2]), "- neutralised");
    assert_eq!(
        &row[col("Hasil Inovasi")],
        format!("'{}", h[3]),
        "@ neutralised"
    );
    assert_eq!(&row[col("Permasalahan")], h[6]);
    let stored = store.get_idea(&idea).unwrap().fields;
    assert_eq!(stored.description, "baris satu\nbaris dua\nbaris tiga");
    assert_eq!(
        &row[col("Deskripsi")],
        stored.description,
        "line breaks kept"
    );
    assert_eq!(&row[col("Tujuan")], h[7]);
    assert_eq!(&row[col("Manfaat")], h[8]);
    assert_eq!(&row[col("Penerima Manfaat")], h[10]);
    assert_eq!(&row[col("Rancang Bangun")], long_text());
    assert_eq!(long_text().chars().count(), 5000);
    // No cell of the whole file starts like a formula.
    for r in &rows {
        for cell in r.iter() {
            assert!(!formula_like(cell), "{cell:?}");
        }
    }
}

#[test]
fn the_xlsx_reads_back_exactly_and_imports_back_into_a_lab() {
    use calamine::{Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let (lab, idea) = rich_lab(&store);
    let data = ReportData::read(&store, &lab).unwrap();
    let bytes = xlsx::workbook(&data, Lang::Id).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec!["Ide Inovasi", "Review", "Perangkat Daerah"]
    );
    let sheet = book.worksheet_range("Ide Inovasi").unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows.len(), 52);
    let row = rows
        .iter()
        .find(|r| r[col("ID Ide")].to_string() == idea)
        .unwrap();
    let text = |c: &str| match &row[col(c)] {
        Data::String(s) => s.clone(),
        other => panic!("{c}: not a string cell: {other:?}"),
    };
    let h = hostile();
    // Every value exactly as typed: strings, never formulas.
    assert_eq!(text("Nama Inovasi"), h[5]);
    assert_eq!(text("Pengusul"), h[0]);
    assert_eq!(text("Jabatan Pengusul"), h[1]);
    assert_eq!(text("Anggaran"), h[2]);
    assert_eq!(text("Hasil Inovasi"), h[3]);
    assert_eq!(text("Permasalahan"), h[6]);
    assert_eq!(
        text("Deskripsi"),
        store.get_idea(&idea).unwrap().fields.description
    );
    assert_eq!(text("Tujuan"), h[7]);
    assert_eq!(text("Manfaat"), h[8]);
    assert_eq!(text("Penerima Manfaat"), h[10]);
    assert_eq!(text("Rancang Bangun"), long_text());
    assert!(matches!(row[col("No")], Data::Float(_) | Data::Int(_)));
    // No formula anywhere in the workbook.
    for name in book.sheet_names() {
        let f = book.worksheet_formula(&name).unwrap();
        assert!(
            f.used_cells().all(|(_, _, v)| v.is_empty()),
            "formula in {name}"
        );
    }
    // The quote-prefix style is set on the formula-like cells (Excel shows them as text).
    let styles = {
        use std::io::Read;
        let mut zip = zip_entry(&bytes, "xl/styles.xml");
        let mut s = String::new();
        zip.read_to_string(&mut s).unwrap();
        s
    };
    assert!(styles.contains("quotePrefix=\"1\""));
    // Review and agencies sheets.
    let review = book.worksheet_range("Review").unwrap();
    assert_eq!(
        review.rows().count(),
        1 + 15,
        "three reviewers on five ideas"
    );
    let agencies = book.worksheet_range("Perangkat Daerah").unwrap();
    assert_eq!(agencies.rows().count(), 1 + 37);

    // The sheet imports back into a new lab with the same agencies: every idea, same fields.
    let store2 = Store::open(dir.path().join("other.db")).unwrap();
    let lab2 = store2
        .create_lab(NewLab {
            name: "Lab impor".into(),
            start_date: "2026-11-02".into(),
            days: 3,
            idea_target: 50,
            ..Default::default()
        })
        .unwrap();
    let roster: Vec<NewAgency> = store
        .list_agencies(&lab)
        .unwrap()
        .into_iter()
        .map(|a| NewAgency {
            code: a.code,
            name: a.name,
            short_name: a.short_name,
            group: a.group,
        })
        .collect();
    store2.add_agencies(&lab2.id, &roster).unwrap();
    let report = store2
        .import_ideas(
            &lab2.id,
            "ide-inovasi.xlsx",
            &bytes,
            ImportMode::AllOrNothing,
        )
        .unwrap();
    assert!(
        report.applied,
        "{:#?}",
        report
            .rows
            .iter()
            .filter(|r| !r.problems.is_empty())
            .collect::<Vec<_>>()
    );
    assert_eq!(report.good, 51);
    let back = store2.list_ideas(&lab2.id).unwrap();
    let orig = store.list_ideas(&lab).unwrap();
    for o in &orig {
        let b = back
            .iter()
            .find(|b| b.fields.title.trim() == o.fields.title.trim())
            .unwrap_or_else(|| panic!("{} not imported", o.fields.title));
        let (mut of, mut bf) = (o.fields.clone(), b.fields.clone());
        of.agency_id.clear();
        bf.agency_id.clear();
        assert_eq!(bf.tahapan, of.tahapan);
        assert_eq!(bf.bentuk, of.bentuk);
        assert_eq!(bf.jenis, of.jenis);
        assert_eq!(bf.status, of.status);
        assert_eq!(bf.benefit_types, of.benefit_types);
        assert_eq!(bf.urusan_lain, of.urusan_lain);
        assert_eq!(bf.lab_day, of.lab_day);
        assert_eq!(bf.tags, of.tags);
    }
}

/// One file of a ZIP archive (an XLSX is one).
pub(crate) fn zip_entry(bytes: &[u8], name: &str) -> impl std::io::Read {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut out = Vec::new();
    zip.by_name(name).unwrap().read_to_end(&mut out).unwrap();
    std::io::Cursor::new(out)
}

#[test]
fn data_json_is_versioned_and_holds_everything() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let (lab, idea) = rich_lab(&store);
    store
        .delete_idea(&store.list_ideas(&lab).unwrap()[3].id)
        .unwrap();
    let data = ReportData::read(&store, &lab).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json::data(&data).unwrap()).unwrap();
    assert_eq!(v["format"], "labinov-export");
    assert_eq!(v["version"], 1);
    assert_eq!(
        v["ideas"].as_array().unwrap().len(),
        51,
        "the trashed one too"
    );
    assert_eq!(
        v["ideas"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| !i["deletedAt"].is_null())
            .count(),
        1
    );
    assert_eq!(v["agencies"].as_array().unwrap().len(), 37);
    assert_eq!(v["reviews"].as_array().unwrap().len(), 15);
    assert_eq!(v["votes"][0]["results"][0]["dots"], 2);
    assert_eq!(v["photos"][0]["ideaId"], idea.as_str());
    // The daftar hadir and the activity report's settings travel too.
    assert_eq!(v["attendanceCounts"]["people"], 40);
    assert!(v["attendance"].as_array().unwrap().len() > 200);
    assert_eq!(v["reportSettings"]["signerNip"], "197204151998031006");
    let found = v["ideas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == idea.as_str())
        .unwrap();
    assert_eq!(found["title"], hostile()[5]);
}

#[test]
fn data_json_holds_the_whole_follow_up() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let (data, akrab_id) = demo_with_followup(&store, &hostile()[0]);
    let bytes = json::data(&data).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(v["version"], 1);
    let f = &v["followup"];
    assert_eq!(f["today"].as_str().unwrap().len(), 10);
    assert_eq!(
        f["stages"],
        serde_json::json!(["inisiatif", "uji_coba", "penerapan"])
    );
    assert_eq!(f["iidConfig"]["year"], 2023);
    let ideas = f["ideas"].as_array().unwrap();
    assert_eq!(ideas.len(), 3, "the demo's three plans");
    let akrab = ideas
        .iter()
        .find(|i| i["ideaId"] == akrab_id.as_str())
        .unwrap();
    assert_eq!(
        akrab["plan"]["responsible"],
        "Kepala Bidang Pelayanan Pencatatan Sipil"
    );
    let roles: Vec<&str> = akrab["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles.len(), 2);
    assert!(roles[0].contains("kelahiran"), "{roles:?}");
    let steps: Vec<(&str, &str)> = akrab["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["status"].as_str().unwrap(),
                s["dueDate"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("selesai", "2026-11-20"),
            ("selesai", "2026-12-05"),
            ("berjalan", "2027-01-31"),
            ("belum", "2027-02-28")
        ]
    );
    assert_eq!(akrab["milestones"][1]["stage"], "uji_coba");
    assert_eq!(akrab["milestones"][1]["actualDate"], "2026-12-03");
    assert_eq!(
        akrab["milestones"][2]["actualDate"],
        serde_json::Value::Null
    );
    assert_eq!(akrab["updates"][0]["percent"], 40, "newest first");
    assert_eq!(
        (akrab["stage"].as_str(), akrab["percent"].as_u64()),
        (Some("uji_coba"), Some(40))
    );
    // Coaching notes apart from the updates, the hostile text as typed.
    let notes = akrab["coachNotes"].as_array().unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0]["text"], hostile()[0].as_str());
    // Evidence: metadata, never the bytes.
    let ev = &akrab["evidence"][0];
    assert_eq!(ev["fileName"], labinov_core::demo::DEMO_EVIDENCE_FILE);
    assert_eq!(ev["mime"], "application/pdf");
    assert_eq!(ev["sha256"].as_str().unwrap().len(), 64);
    assert!(ev.get("bytes").is_none());
    // The checklist in the configuration's order, with the evidence linked, and the
    // estimate: 15 of 111 points = 13.51, always labelled an estimate.
    let iid = akrab["iid"].as_array().unwrap();
    assert_eq!(iid.len(), 20);
    assert_eq!(iid[0]["indicator"], "regulasi");
    assert_eq!(iid[0]["parameter"], 2);
    assert_eq!(iid[0]["evidence"][0], ev["id"]);
    assert_eq!(akrab["estimate"]["score"], 13.51);
    assert_eq!(akrab["estimate"]["isEstimate"], true);
    assert_eq!(akrab["estimate"]["band"]["code"], "kurang_inovatif");
    assert_eq!(akrab["estimate"]["nextBand"]["code"], "inovatif");
    assert!(!akrab["estimate"]["missing"].as_array().unwrap().is_empty());
    // Per agency: the estimated index and the coverage.
    let agencies = f["agencies"].as_array().unwrap();
    let dukcapil = agencies
        .iter()
        .find(|a| a["code"] == "DISDUKCAPIL")
        .unwrap();
    assert_eq!(dukcapil["score"], 6.76, "(13.51 + 0) / 2");
    assert_eq!(dukcapil["isEstimate"], true);
    assert_eq!(dukcapil["band"]["code"], "kurang_inovatif");
    assert_eq!(dukcapil["pastFirstStage"], true);
    assert_eq!(dukcapil["withFollowup"], 1);
    // The board's summary: LAJU's step and milestone are late (due 30 November 2026).
    let overdue = f["overdue"].as_array().unwrap();
    assert_eq!(overdue.len(), 2);
    assert!(overdue
        .iter()
        .all(|o| o["title"].as_str().unwrap().contains("LAJU")));
    let not_past = f["notPastFirstStage"].as_array().unwrap();
    assert_eq!(not_past.len(), agencies.len() - 1);
    assert!(!not_past.contains(&dukcapil["agencyId"]));
}

#[test]
fn the_pdf_is_a_pdf_with_the_font_embedded() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let (lab, _) = rich_lab(&store);
    let data = ReportData::read(&store, &lab).unwrap();
    let pdf = pdf::report(&data, Lang::Id).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("DejaVuSans"), "the font is embedded");
    assert!(
        text.contains("/Image") || text.contains("DCTDecode"),
        "the photo is in"
    );
}

#[test]
fn an_unknown_format_or_lab_or_a_missing_destination_is_refused_clearly() {
    assert_eq!(
        ExportFormat::parse_list("html, PDF,bundle").unwrap(),
        vec![ExportFormat::Html, ExportFormat::Pdf, ExportFormat::Bundle]
    );
    let e = ExportFormat::parse_list("html,odt").unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    assert!(e.to_string().contains("odt"));

    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let lab = demo::create_demo_lab(&store).unwrap();
    let e = export_lab(&store, "nope", dir.path(), &all_formats(), &mut |_| {}).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    let e = export_lab(
        &store,
        &lab.id,
        &dir.path().join("pulled-out"),
        &all_formats(),
        &mut |_| {},
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::DriveRemoved, "{e}");
}

#[cfg(unix)]
#[test]
fn a_read_only_destination_says_so_and_leaves_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let lab = demo::create_demo_lab(&store).unwrap();
    let out = dir.path().join("locked");
    std::fs::create_dir(&out).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).unwrap();
    if drives::writable(&out) {
        // Root ignores permission bits; the FUSE tests cover a read-only mount.
        eprintln!("running as root: a 0555 folder is writable, read-only case skipped here");
        return;
    }
    let e = export_lab(&store, &lab.id, &out, &all_formats(), &mut |_| {}).unwrap_err();
    assert_eq!(e.code(), ErrorCode::DriveReadOnly, "{e}");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
}

#[test]
fn a_second_export_in_the_same_minute_gets_its_own_folder() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let lab = demo::create_demo_lab(&store).unwrap();
    let opts = ExportOptions {
        formats: vec![ExportFormat::Csv],
        lang: Lang::En,
    };
    let a = export_lab(&store, &lab.id, dir.path(), &opts, &mut |_| {}).unwrap();
    let b = export_lab(&store, &lab.id, dir.path(), &opts, &mut |_| {}).unwrap();
    assert_ne!(a.folder, b.folder);
    assert_eq!(b.files.len(), 2, "the CSV and SHA256SUMS");
    let csv =
        std::fs::read_to_string(std::path::Path::new(&b.folder).join("ide-inovasi.csv")).unwrap();
    assert!(csv.contains("Agency code"), "English headers");
}

#[test]
fn the_csv_imports_back_with_the_values_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let (lab, idea) = rich_lab(&store);
    let data = ReportData::read(&store, &lab).unwrap();
    let bytes = csv::ideas(&data, Lang::Id).unwrap();
    let store2 = Store::open(dir.path().join("other.db")).unwrap();
    let lab2 = store2
        .create_lab(NewLab {
            name: "Lab impor".into(),
            start_date: "2026-11-02".into(),
            days: 3,
            idea_target: 50,
            ..Default::default()
        })
        .unwrap();
    let roster: Vec<NewAgency> = store
        .list_agencies(&lab)
        .unwrap()
        .into_iter()
        .map(|a| NewAgency {
            code: a.code,
            name: a.name,
            short_name: a.short_name,
            group: a.group,
        })
        .collect();
    store2.add_agencies(&lab2.id, &roster).unwrap();
    let report = store2
        .import_ideas(
            &lab2.id,
            "ide-inovasi.csv",
            &bytes,
            ImportMode::AllOrNothing,
        )
        .unwrap();
    assert!(report.applied && report.good == 51, "{report:?}");
    let orig = store.get_idea(&idea).unwrap().fields;
    let back = store2
        .list_ideas(&lab2.id)
        .unwrap()
        .into_iter()
        .find(|i| i.fields.title == orig.title)
        .unwrap()
        .fields;
    assert_eq!(back.proposer_name, hostile()[0], "'= read back as =");
    assert_eq!(back.proposer_position, orig.proposer_position);
    assert_eq!(back.anggaran, orig.anggaran);
    assert_eq!(back.hasil, orig.hasil);
    assert_eq!(back.problem, orig.problem);
    assert_eq!(back.description, orig.description);
    assert_eq!(back.manfaat, orig.manfaat);
    assert_eq!(back.rancang_bangun, orig.rancang_bangun);
}

#[test]
fn formula_prefixes_are_recognised() {
    for s in ["=1", "+1", "-1", "@x", "\tx", "\rx"] {
        assert!(formula_like(s), "{s:?}");
    }
    for s in ["", "1", "a=b", " =1", "'=1"] {
        assert!(!formula_like(s), "{s:?}");
    }
    assert_eq!(csv::cell("=1+1"), "'=1+1");
    assert_eq!(csv::cell("biasa"), "biasa");
}

#[test]
fn slugs_are_safe_file_names() {
    assert_eq!(
        slug("Labinov Kota Cilegon 2026"),
        "labinov-kota-cilegon-2026"
    );
    assert_eq!(slug("  ../../etc/passwd  "), "etc-passwd");
    assert_eq!(slug("Lab ✓ Ünïcode"), "lab-n-code");
    assert_eq!(slug("🚀"), "lab");
}

/// Where a marked field must show up in the HTML report.
#[derive(Clone, Copy, PartialEq)]
enum Shown {
    /// Not necessarily (an option no idea uses, an agency outside the top ten).
    Maybe,
    Always,
    In(Lang),
}

/// Puts a marker into text fields and remembers which must show up.
struct Marker(Vec<(String, Shown)>);

impl Marker {
    /// A marker with every character that matters in HTML.
    const MARK: &'static str = r#"<x-inject a="1">&"#;
    /// The same, escaped.
    const ESCAPED: &'static str = "&lt;x-inject a=&quot;1&quot;&gt;&amp;";

    /// The marker naming `field` (ending in `.`, so no field's marker is a prefix of
    /// another's).
    fn text(field: &str) -> String {
        format!("{}{field}.", Self::MARK)
    }

    fn put(&mut self, slot: &mut String, field: String, shown: Shown) {
        *slot = Self::text(&field);
        self.0.push((field, shown));
    }
}

/// Every text the HTML report shows, from every kind of record, is replaced by a marker
/// carrying `<`, `>`, `"` and `&` and naming its field: each marker must be in the report,
/// and only ever fully escaped, in element content and in attributes alike (the ideas'
/// ids and the ranking's links to them, the photos' `alt`).
#[test]
fn every_text_of_the_lab_reaches_the_html_report_escaped() {
    use Shown::{Always, In, Maybe};
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let (lab, idea) = rich_lab(&store);
    let mut d = ReportData::read(&store, &lab).unwrap();
    let mut m = Marker(Vec::new());

    // The lab: header, footer, page title (dates and time zone too, though checked on
    // the way in: the report does not rely on it).
    m.put(&mut d.lab.name, "lab.name".into(), Always);
    m.put(&mut d.lab.organiser, "lab.organiser".into(), Always);
    m.put(&mut d.lab.city, "lab.city".into(), Always);
    m.put(&mut d.lab.venue, "lab.venue".into(), Always);
    m.put(&mut d.lab.start_date, "lab.start_date".into(), Always);
    m.put(&mut d.lab.time_zone, "lab.time_zone".into(), Always);
    m.put(&mut d.exported_at, "exported_at".into(), Always);

    // The hostile idea: every field; its option fields hold a code of each list (shown
    // by its label) and one code no list holds (shown as itself).
    let code = |list: &str| {
        d.options
            .iter()
            .find(|o| o.list == list)
            .map(|o| o.code.clone())
            .unwrap_or_else(|| panic!("no {list} option"))
    };
    let used = [
        code("tahapan"),
        code("jenis"),
        code("bentuk"),
        code("urusan"),
        code("tematik"),
        code("benefit"),
        code("stage"),
        code("status"),
    ];
    let i = d.ideas.iter().position(|l| l.idea.id == idea).unwrap();
    let f = &mut d.ideas[i].idea.fields;
    for (slot, name) in [
        (&mut f.title, "title"),
        (&mut f.proposer_name, "proposer_name"),
        (&mut f.proposer_position, "proposer_position"),
        (&mut f.trial_date, "trial_date"),
        (&mut f.rollout_date, "rollout_date"),
        (&mut f.problem, "problem"),
        (&mut f.description, "description"),
        (&mut f.rancang_bangun, "rancang_bangun"),
        (&mut f.tujuan, "tujuan"),
        (&mut f.manfaat, "manfaat"),
        (&mut f.hasil, "hasil"),
        (&mut f.anggaran, "anggaran"),
        (&mut f.beneficiaries, "beneficiaries"),
        (&mut f.inisiator, "unknown_code"),
    ] {
        m.put(slot, format!("idea.{name}"), Always);
    }
    f.tags = vec![String::new(), String::new()];
    m.put(&mut f.tags[0], "idea.tag.0".into(), Always);
    m.put(&mut f.tags[1], "idea.tag.1".into(), Always);
    [f.tahapan, f.jenis, f.bentuk, f.urusan, f.tematik] = [0, 1, 2, 3, 4].map(|n| used[n].clone());
    [f.stage, f.status] = [6, 7].map(|n| used[n].clone());
    f.urusan_lain = vec![used[3].clone()];
    f.benefit_types = vec![used[5].clone()];

    // Option labels and the rubric, in both languages.
    for (n, o) in d.options.iter_mut().enumerate() {
        let (id, en) = if used.contains(&o.code) {
            (In(Lang::Id), In(Lang::En))
        } else {
            (Maybe, Maybe)
        };
        m.put(&mut o.label_id, format!("option.{n}.id"), id);
        m.put(&mut o.label_en, format!("option.{n}.en"), en);
    }
    for (n, c) in d.rubric.iter_mut().enumerate() {
        m.put(&mut c.label_id, format!("criterion.{n}.id"), In(Lang::Id));
        m.put(&mut c.label_en, format!("criterion.{n}.en"), In(Lang::En));
    }

    // Reviews, notes and photos of every idea, then every idea's id, everywhere it is
    // used (the article's id, the ranking's link, the maps by idea).
    for (k, l) in d.ideas.iter().enumerate() {
        for (n, r) in d
            .reviews
            .get_mut(&l.idea.id)
            .into_iter()
            .flatten()
            .enumerate()
        {
            m.put(&mut r.reviewer_name, format!("review.{k}.{n}.name"), Always);
            m.put(&mut r.comment, format!("review.{k}.{n}.comment"), Always);
            r.comment = format!("line 1\n{}\r\nline 3", r.comment);
        }
        for (n, note) in d
            .notes
            .get_mut(&l.idea.id)
            .into_iter()
            .flatten()
            .enumerate()
        {
            m.put(&mut note.text, format!("note.{k}.{n}"), Always);
        }
        for (n, p) in d
            .photos
            .get_mut(&l.idea.id)
            .into_iter()
            .flatten()
            .enumerate()
        {
            m.put(
                &mut p.attachment.file_name,
                format!("photo.{k}.{n}"),
                Always,
            );
        }
    }
    assert!(d.photos.contains_key(&idea) && d.notes.contains_key(&idea));
    for k in 0..d.ideas.len() {
        let old = d.ideas[k].idea.id.clone();
        m.put(&mut d.ideas[k].idea.id, format!("idea.{k}.id"), Always);
        let new = d.ideas[k].idea.id.clone();
        for r in d.ranking.iter_mut().filter(|r| r.idea_id == old) {
            r.idea_id = new.clone();
        }
        if let Some(v) = d.reviews.remove(&old) {
            d.reviews.insert(new.clone(), v);
        }
        if let Some(v) = d.photos.remove(&old) {
            d.photos.insert(new.clone(), v);
        }
        if let Some(v) = d.notes.remove(&old) {
            d.notes.insert(new.clone(), v);
        }
    }

    // Agencies (the headings of the ideas), the ranking, the votes, the agenda.
    for (n, a) in d.agencies.iter_mut().enumerate() {
        let has_ideas = d.ideas.iter().any(|l| l.idea.fields.agency_id == a.id);
        let shown = if has_ideas { Always } else { Maybe };
        m.put(&mut a.code, format!("agency.{n}.code"), shown);
        m.put(&mut a.name, format!("agency.{n}.name"), shown);
    }
    assert!(d.ranking.iter().filter(|r| r.counted > 0).count() > 1);
    for (n, r) in d.ranking.iter_mut().enumerate() {
        let shown = if r.counted > 0 { Always } else { Maybe };
        m.put(&mut r.title, format!("rank.{n}.title"), shown);
        m.put(&mut r.agency_short_name, format!("rank.{n}.agency"), shown);
    }
    assert!(!d.votes.is_empty());
    for (v, round) in d.votes.iter_mut().enumerate() {
        for (n, r) in round.results.iter_mut().enumerate() {
            m.put(&mut r.title, format!("vote.{v}.{n}"), Always);
        }
    }
    assert!(!d.agenda.is_empty());
    for (n, s) in d.agenda.iter_mut().enumerate() {
        m.put(&mut s.starts_at, format!("agenda.{n}.starts_at"), Always);
        m.put(&mut s.ends_at, format!("agenda.{n}.ends_at"), Always);
        m.put(&mut s.title, format!("agenda.{n}.title"), Always);
        m.put(&mut s.stage, format!("agenda.{n}.stage"), Always);
    }

    // The charts' data (a label is the short name, or the code when there is none; the
    // first agency is made the top one so it is surely drawn) and the agencies without
    // an idea (the short name, or the name).
    for (n, a) in d.stats.per_agency.iter_mut().enumerate() {
        let shown = if n == 0 { Always } else { Maybe };
        if n == 0 {
            a.count = 1_000_000;
        }
        if n % 2 == 0 {
            m.put(&mut a.short_name, format!("chart.agency.{n}"), shown);
        } else {
            a.short_name.clear();
            m.put(&mut a.code, format!("chart.agency.{n}"), shown);
        }
    }
    assert!(d.stats.per_agency.len() > 1);
    for (n, c) in d.stats.per_day.iter_mut().enumerate() {
        m.put(&mut c.date, format!("chart.day.{n}"), Always);
    }
    assert!(!d.stats.per_bentuk.is_empty());
    for (n, c) in d.stats.per_bentuk.iter_mut().enumerate() {
        m.put(
            &mut c.label_id,
            format!("chart.bentuk.{n}.id"),
            In(Lang::Id),
        );
        m.put(
            &mut c.label_en,
            format!("chart.bentuk.{n}.en"),
            In(Lang::En),
        );
    }
    while d.stats.agencies_without_idea.len() < 2 {
        let a = d.agencies[0].clone();
        d.stats.agencies_without_idea.push(a);
    }
    for (n, a) in d.stats.agencies_without_idea.iter_mut().enumerate() {
        if n == 0 {
            m.put(&mut a.short_name, "without.0.short_name".into(), Always);
        } else {
            a.short_name.clear();
            m.put(&mut a.name, format!("without.{n}.name"), Always);
        }
    }
    // The charts are described from the figures when the lab is read: describe them again.
    d.stats.charts = labinov_core::charts::lab_charts(&d.stats);

    let esc = |field: &str| format!("{}{field}.", Marker::ESCAPED);
    // The first idea in the ranking (linked to its article) and the first reviewed one.
    let ranked = d.ranking.iter().find(|r| r.counted > 0).unwrap();
    let linked = ranked.idea_id.replace(Marker::MARK, Marker::ESCAPED);
    let reviewed = d
        .ideas
        .iter()
        .position(|l| l.idea.id == ranked.idea_id)
        .unwrap();
    for lang in [Lang::Id, Lang::En] {
        let html = html::report(&d, lang);
        for (field, shown) in &m.0 {
            if *shown == Always || *shown == In(lang) {
                assert!(
                    html.contains(&esc(field)),
                    "{field} is not in the report ({lang:?})"
                );
            }
        }
        // Nowhere but escaped: every occurrence of the marker is a fully escaped one.
        if let Some(at) = html.find("<x-inject") {
            let here: String = html[at..].chars().take(60).collect();
            panic!("a marker unescaped ({lang:?}): {here}");
        }
        assert_eq!(
            html.matches("x-inject").count(),
            html.matches(Marker::ESCAPED).count(),
            "a marker only partly escaped ({lang:?})"
        );
        // Among them, the attributes.
        for attr in [
            format!(
                "<title>{} — {}</title>",
                labinov_core::export::word(lang, "report"),
                esc("lab.name")
            ),
            format!(r#"id="idea-{linked}""#),
            format!(r##"href="#idea-{linked}""##),
            format!(r#"alt="{}""#, esc(&format!("photo.{i}.0"))),
        ] {
            assert!(html.contains(&attr), "{attr} ({lang:?})");
        }
        // Line breaks stay markup around the escaped lines.
        assert!(html.contains(&format!(
            "line 1<br>{}<br>line 3",
            esc(&format!("review.{reviewed}.0.comment"))
        )));
    }
}
