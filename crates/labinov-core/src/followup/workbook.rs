//! The agencies' follow-up workbook, said once for the writer
//! (`labinov_render::followup_workbook`) and the reader (`store/followup/workbook.rs`):
//! its sheets, their headers, the instructions, the hidden stamp, and how a returned
//! cell's date is read.
//!
//! # Layout
//!
//! - `Petunjuk`: plain instructions in Bahasa Indonesia.
//! - `Ide`: the agency's ideas (those it leads), protected: ID, title, stage, responsible.
//! - `Rencana Aksi`: one row per step (ID Ide and ID Langkah locked, the rest to fill in),
//!   then blank rows for new steps (ID Ide picked from the `Ide` sheet).
//! - `Tonggak`: one row per idea and stage (locked keys), planned and actual dates.
//! - `Kemajuan`: blank rows for progress updates.
//! - `_labinov` (very hidden, protected): the stamp ([`Stamp`]) and the values as exported,
//!   so an import tells the agency's edits (cell differs from the export) from edits made
//!   here since (value here differs from the export, or its clock is past the stamp's).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Reason, Result};
use crate::followup::{Milestone, Step};

/// The stamp's format; another one is refused.
pub const FORMAT: &str = "labinov-followup-1";

pub const SHEET_HELP: &str = "Petunjuk";
pub const SHEET_IDEAS: &str = "Ide";
pub const SHEET_STEPS: &str = "Rencana Aksi";
pub const SHEET_MILESTONES: &str = "Tonggak";
pub const SHEET_UPDATES: &str = "Kemajuan";
pub const SHEET_STAMP: &str = "_labinov";

pub const IDEA_HEADERS: &[&str] = &[
    "ID Ide",
    "Judul Ide",
    "Tahapan Saat Ini",
    "Penanggung Jawab",
];
pub const STEP_HEADERS: &[&str] = &[
    "ID Ide",
    "ID Langkah",
    "Judul Ide",
    "Langkah",
    "Pelaksana",
    "Tanggal Mulai",
    "Tanggal Target",
    "Status",
    "Catatan",
];
pub const MILESTONE_HEADERS: &[&str] = &[
    "ID Ide",
    "Judul Ide",
    "Tahapan",
    "Tanggal Rencana",
    "Tanggal Realisasi",
];
pub const UPDATE_HEADERS: &[&str] = &[
    "ID Ide",
    "Tanggal",
    "Yang Dikerjakan",
    "Tahapan Dicapai",
    "Persentase (0-100)",
];

/// Blank rows offered for new steps and for progress updates.
pub const BLANK_STEP_ROWS: u32 = 50;
pub const BLANK_UPDATE_ROWS: u32 = 200;

/// The instructions sheet, line by line.
pub const INSTRUCTIONS: &[&str] = &[
    "Lembar kerja tindak lanjut inovasi",
    "",
    "Lembar kerja ini dibuat oleh Labinov untuk OPD Anda. Isi, simpan (tetap sebagai .xlsx), lalu kirim kembali ke penyelenggara laboratorium inovasi.",
    "",
    "1. Lembar \"Ide\": daftar inovasi yang diampu OPD Anda. Jangan diubah.",
    "2. Lembar \"Rencana Aksi\": perbarui langkah-langkah rencana aksi. Kolom ID dikunci; isi kolom Langkah, Pelaksana, Tanggal Mulai, Tanggal Target, Status, dan Catatan.",
    "   Untuk menambah langkah baru, pakai baris kosong di bawah: pilih ID Ide dari daftar (lihat lembar \"Ide\"), biarkan ID Langkah kosong.",
    "   Status: belum, berjalan, selesai, atau tertunda.",
    "3. Lembar \"Tonggak\": isi tanggal rencana dan tanggal realisasi tiap tahapan (inisiatif, uji coba, penerapan).",
    "4. Lembar \"Kemajuan\": satu baris untuk setiap laporan kemajuan: ID Ide, tanggal, apa yang dikerjakan, tahapan yang dicapai, dan persentase kemajuan (0 sampai 100).",
    "",
    "Tanggal boleh ditulis 31/01/2027 atau 2027-01-31, atau dipilih sebagai tanggal di Excel/LibreOffice.",
    "Jangan mengubah judul kolom, nama lembar, atau urutan kolom. Baris yang tidak dapat dibaca akan ditolak dengan alasannya, tanpa menghapus data lain.",
    "Bukti dukung (foto, PDF, pindaian) dikirim terpisah kepada pendamping.",
];

/// What the hidden stamp says about a workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Stamp {
    pub format: String,
    pub lab_id: String,
    pub agency_id: String,
    pub agency_code: String,
    /// When it was made (UTC, RFC 3339).
    pub made_at: String,
    /// The clock of the laptop that made it, as of then (`meta.hlc`).
    #[ts(type = "number")]
    pub hlc: i64,
    pub installation_id: String,
    /// The ideas it holds.
    pub idea_ids: Vec<String>,
}

/// A step or milestone as exported (the stamp sheet holds one per row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Exported {
    Step(Step),
    Milestone(Milestone),
}

/// One idea of a workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkbookIdea {
    pub id: String,
    pub title: String,
    /// The stage's label (the lab's `tahapan` list).
    pub stage: String,
    pub responsible: String,
}

/// Everything one agency's workbook holds (the writer draws it as the layout says).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyWorkbook {
    pub stamp: Stamp,
    pub lab_name: String,
    pub agency_name: String,
    /// `(code, label)` of the lab's stages, in order.
    pub stages: Vec<(String, String)>,
    pub ideas: Vec<WorkbookIdea>,
    /// With their idea's title.
    pub steps: Vec<(String, Step)>,
    pub milestones: Vec<(String, Milestone)>,
}

impl AgencyWorkbook {
    /// The file's name: `Tindak-Lanjut-<CODE>-<YYYY-MM-DD>.xlsx`, the code kept to
    /// letters, digits and `-`.
    pub fn file_name(&self) -> String {
        let code: String = self
            .stamp
            .agency_code
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        format!(
            "Tindak-Lanjut-{}-{}.xlsx",
            code,
            self.stamp.made_at.get(..10).unwrap_or("")
        )
    }
}

/// A returned cell, as calamine reads it.
pub type CellValue = calamine::Data;

/// A cell as text (trimmed); numbers as written.
pub fn cell_text(d: &CellValue) -> std::result::Result<String, Reason> {
    use calamine::Data;
    Ok(match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(_) | Data::DateTimeIso(_) => cell_date("", d)
            .map_err(|e| e.to_reason())?
            .unwrap_or_default(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => {
            return Err(Reason::ExcelError {
                detail: format!("{e:?}"),
            })
        }
    })
}

/// A date cell in every form Excel and LibreOffice write: a date-formatted cell, a
/// bare serial number (days since 1899-12-30), an ISO date-time, or text
/// (`31/01/2027`, `2027-01-31`, ...). Checked like a typed date
/// ([`crate::followup::clean_date`]); empty is `None`.
pub fn cell_date(field: &str, d: &CellValue) -> Result<Option<String>> {
    use calamine::Data;
    let serial = |f: f64| -> Result<Option<String>> {
        let bad = || {
            Error::invalid(
                field,
                Reason::NotADate {
                    value: format!("{f}"),
                },
            )
        };
        if !(1.0..=2_958_465.0).contains(&f) {
            return Err(bad());
        }
        let base = NaiveDate::from_ymd_opt(1899, 12, 30).ok_or_else(bad)?;
        let date = base
            .checked_add_days(chrono::Days::new(f.floor() as u64))
            .ok_or_else(bad)?;
        super::check_year(field, date)?;
        Ok(Some(date.to_string()))
    };
    match d {
        Data::Empty => Ok(None),
        Data::DateTime(dt) if dt.is_datetime() && dt.as_f64() >= 1.0 => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            let date =
                NaiveDate::from_ymd_opt(y.into(), m.into(), day.into()).ok_or_else(|| {
                    Error::invalid(
                        field,
                        Reason::NotADate {
                            value: format!("{}", dt.as_f64()),
                        },
                    )
                })?;
            super::check_year(field, date)?;
            Ok(Some(date.to_string()))
        }
        Data::DateTime(dt) => serial(dt.as_f64()),
        Data::Float(f) => serial(*f),
        Data::Int(i) => serial(*i as f64),
        Data::DateTimeIso(s) => super::clean_date(field, s.get(..10).unwrap_or(s.as_str())),
        Data::String(s) => super::clean_date(
            field,
            s.get(..10)
                .filter(|p| {
                    // `2027-01-31T00:00:00` as text: the date part.
                    s.len() > 10 && s.as_bytes()[10] == b'T' && p.len() == 10
                })
                .unwrap_or(s.as_str()),
        ),
        other => {
            let text = cell_text(other).unwrap_or_default();
            Err(Error::invalid(field, Reason::NotADate { value: text }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn dates_are_read_in_every_form_spreadsheets_write() {
        let want = Some("2027-01-31".to_string());
        let serial = 46_418.0; // 2027-01-31
        for d in [
            Data::Float(serial),
            Data::Int(serial as i64),
            Data::DateTime(ExcelDateTime::new(
                serial,
                ExcelDateTimeType::DateTime,
                false,
            )),
            Data::DateTimeIso("2027-01-31T00:00:00".into()),
            Data::String("31/01/2027".into()),
            Data::String(" 2027-01-31 ".into()),
            Data::String("31-01-2027".into()),
            Data::String("31.01.2027".into()),
            Data::String("2027-01-31T00:00:00".into()),
        ] {
            assert_eq!(cell_date("d", &d).unwrap(), want, "{d:?}");
        }
        assert_eq!(cell_date("d", &Data::Empty).unwrap(), None);
        assert_eq!(cell_date("d", &Data::String("".into())).unwrap(), None);
        for bad in [
            Data::String("31/02/2027".into()),
            Data::String("besok".into()),
            Data::Float(-3.0),
            Data::Float(1e12),
            Data::Bool(true),
            Data::Float(10.0), // 1900: no plan is dated so
        ] {
            assert_eq!(
                cell_date("dueDate", &bad).unwrap_err().field(),
                Some("dueDate"),
                "{bad:?}"
            );
        }
    }
}
