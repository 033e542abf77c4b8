//! The demo lab's months after: a small, fixed follow-up for three ideas, so the
//! follow-up board, the plan view and the exports' follow-up sections have something to
//! show. Written through the same store operations as a user's (change log, history).
//!
//! - AKRAB (Disdukcapil): lead and two partner agencies, four steps (two done), milestones
//!   inisiatif and uji coba reached, two updates, a coaching note, one evidence file (the
//!   team's decree, a one-page PDF) and five IID indicators answered, four with evidence.
//! - LAJU (DPUPR): a step and the uji coba milestone already late in November 2026.
//! - BAPER (Bapenda): a plan just started: one step, one update.

use crate::error::Result;
use crate::followup::{StepInput, UpdateInput};
use crate::model::{Agency, Idea, Lab};
use crate::store::Store;

/// The evidence file's name.
pub const DEMO_EVIDENCE_FILE: &str = "SK-Tim-Inovasi-AKRAB.pdf";

/// A one-page PDF saying `line` (hand-written objects with a correct cross-reference
/// table), so the demo's evidence opens in any viewer.
fn one_page_pdf(line: &str) -> Vec<u8> {
    let text: String = line
        .chars()
        .filter(|c| c.is_ascii() && !matches!(c, '(' | ')' | '\\'))
        .collect();
    let stream = format!("BT /F1 14 Tf 72 760 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
         /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
            .to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{stream}\nendstream",
            stream.len()
        ),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
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

fn step(title: &str, owner: &str, start: &str, due: &str, status: &str) -> StepInput {
    StepInput {
        title: title.into(),
        owner: owner.into(),
        start_date: start.into(),
        due_date: due.into(),
        status: status.into(),
        note: String::new(),
    }
}

fn update(date: &str, done: &str, stage: &str, percent: u32) -> UpdateInput {
    UpdateInput {
        date: date.into(),
        done: done.into(),
        stage: stage.into(),
        percent,
        agency_id: String::new(),
    }
}

/// Adds the demo follow-up (module docs) to the demo lab's ideas.
pub(super) fn add_demo_followup(store: &Store, lab: &Lab, agencies: &[Agency]) -> Result<()> {
    let ideas = store.list_ideas(&lab.id)?;
    let idea = |short: &str| -> &Idea {
        ideas
            .iter()
            .find(|i| i.fields.title.contains(short))
            .unwrap_or_else(|| panic!("demo idea {short}"))
    };
    let agency = |code: &str| -> &Agency {
        agencies
            .iter()
            .find(|a| a.code == code)
            .unwrap_or_else(|| panic!("demo agency {code}"))
    };

    // AKRAB: the fullest plan.
    let akrab = &idea("(AKRAB)").id;
    store.save_followup_plan(akrab, None, "Kepala Bidang Pelayanan Pencatatan Sipil")?;
    store.add_partner(
        akrab,
        &agency("RSUD").id,
        "Melaporkan kelahiran dari ruang bersalin",
    )?;
    store.add_partner(
        akrab,
        &agency("DISKOMINFO").id,
        "Menghubungkan aplikasi rumah sakit dengan SIAK",
    )?;
    for s in [
        step(
            "SK tim inovasi AKRAB",
            "Sekretaris Dinas",
            "2026-11-09",
            "2026-11-20",
            "selesai",
        ),
        step(
            "Perjanjian kerja sama dengan RSUD",
            "Kepala Bidang",
            "2026-11-16",
            "2026-12-05",
            "selesai",
        ),
        step(
            "Uji coba di ruang bersalin RSUD",
            "Tim AKRAB",
            "2026-12-01",
            "2027-01-31",
            "berjalan",
        ),
        step(
            "Sosialisasi ke bidan dan rumah sakit swasta",
            "Tim AKRAB",
            "2027-02-01",
            "2027-02-28",
            "belum",
        ),
    ] {
        store.add_step(akrab, s)?;
    }
    store.set_milestone(akrab, "inisiatif", "2026-11-10", "2026-11-18")?;
    store.set_milestone(akrab, "uji_coba", "2026-12-01", "2026-12-03")?;
    store.set_milestone(akrab, "penerapan", "2027-03-01", "")?;
    let first = store.add_progress_update(
        akrab,
        update(
            "2026-11-18",
            "SK tim inovasi terbit; tim dibentuk dan dilatih.",
            "inisiatif",
            15,
        ),
    )?;
    store.add_progress_update(
        akrab,
        update(
            "2026-12-03",
            "Perjanjian kerja sama ditandatangani; uji coba dimulai di RSUD.",
            "uji_coba",
            40,
        ),
    )?;
    store.add_coach_note(
        akrab,
        "2026-11-25",
        "Dr. Andi Wijaya",
        "Siapkan data dasar sebelum uji coba: rata-rata hari dari kelahiran sampai akta terbit.",
    )?;
    let sk = store.add_evidence(
        akrab,
        Some(&first.id),
        DEMO_EVIDENCE_FILE,
        &one_page_pdf("SK Tim Inovasi AKRAB - Dinas Kependudukan dan Pencatatan Sipil"),
    )?;
    for (indicator, parameter, with_evidence) in [
        ("regulasi", 2, true),
        ("sdm", 2, true),
        ("keterlibatan_aktor", 3, true),
        ("jejaring", 2, true),
        ("kemudahan_proses", 3, false),
    ] {
        let evidence = if with_evidence {
            vec![sk.id.clone()]
        } else {
            vec![]
        };
        store.set_iid_answer(akrab, indicator, Some(parameter), evidence)?;
    }

    // LAJU: late.
    let laju = &idea("(LAJU)").id;
    store.save_followup_plan(laju, None, "Kepala Bidang Bina Marga")?;
    store.add_step(
        laju,
        step(
            "Aplikasi pelaporan siap dipakai",
            "Seksi Pemeliharaan",
            "2026-11-09",
            "2026-11-30",
            "berjalan",
        ),
    )?;
    store.set_milestone(laju, "uji_coba", "2026-11-30", "")?;
    store.add_progress_update(
        laju,
        update(
            "2026-11-16",
            "Alur laporan warga disepakati dengan kecamatan.",
            "inisiatif",
            10,
        ),
    )?;

    // BAPER: just started.
    let baper = &idea("(BAPER)").id;
    store.save_followup_plan(baper, None, "Kepala Bidang Pendapatan")?;
    store.add_step(
        baper,
        step(
            "Daftar warung mitra pembayaran PBB",
            "Bidang Pendapatan",
            "2026-12-01",
            "2027-01-15",
            "belum",
        ),
    )?;
    store.add_progress_update(
        baper,
        update(
            "2026-11-25",
            "Bank daerah setuju menjadi mitra.",
            "inisiatif",
            5,
        ),
    )?;
    Ok(())
}
