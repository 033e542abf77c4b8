//! What an export holds, independent of how it is drawn: the formats and options, one
//! consistent read of a lab ([`ReportData`], from a snapshot), the tables the spreadsheet
//! files share (`data.rs`) and the words of the exported files in id and en (`words.rs`).
//! The charts are described in [`crate::charts`].
//!
//! The renderers (HTML, PDF, XLSX, CSV, JSON) and the export itself (`export_lab`: the
//! folder on the stick, written safely and verified) are the crate `labinov-render`,
//! which reads what this module provides and never writes the store.

mod activity;
mod data;
mod followup;
mod gallery;
mod words;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::drives::{list_drives, Drive};
pub use activity::{
    activity_report, attendance_blocks, long_date, nip_display, ActivityReport, Block,
};
pub use data::{
    agency_table, detail_fields, formula_like, idea_table, recommendation, review_table, ReportData,
};
pub use followup::{
    estimate_note, followup_blocks, idea_plan_blocks, profile, profile_table, Profile,
};
pub use gallery::{
    agency_key, ArchiveGallery, ArchiveGalleryLab, Gallery, GalleryAgency, GalleryChoices,
    GalleryField, GalleryIdea, GalleryLab, PublicField, PublicIdea, PublicMilestone, PublicPhoto,
    PublicProgress, PHOTOS, PROGRESS,
};
pub use words::{w as word, Lang};

use crate::error::{Error, Reason, Result};

/// One kind of file an export can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Html,
    Pdf,
    Xlsx,
    Csv,
    Json,
    Bundle,
    /// The activity report (laporan kegiatan) as PDF.
    Kegiatan,
    /// The activity report as an editable DOCX.
    Docx,
    /// The public gallery: a static site in a folder (`galeri/`).
    Gallery,
    /// An A4 poster per published innovation, PDF, in a folder (`poster/`).
    Posters,
    /// The innovation profiles of the ideas with a follow-up, in the official form's
    /// order: one spreadsheet for all (`profil-inovasi.xlsx`) and an A4 PDF per
    /// innovation in a folder (`profil/`).
    Profiles,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 11] = [
        ExportFormat::Html,
        ExportFormat::Pdf,
        ExportFormat::Xlsx,
        ExportFormat::Csv,
        ExportFormat::Json,
        ExportFormat::Bundle,
        ExportFormat::Kegiatan,
        ExportFormat::Docx,
        ExportFormat::Gallery,
        ExportFormat::Posters,
        ExportFormat::Profiles,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Html => "html",
            ExportFormat::Pdf => "pdf",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Bundle => "bundle",
            ExportFormat::Kegiatan => "kegiatan",
            ExportFormat::Docx => "docx",
            ExportFormat::Gallery => "gallery",
            ExportFormat::Posters => "posters",
            ExportFormat::Profiles => "profiles",
        }
    }

    pub fn parse(s: &str) -> Option<ExportFormat> {
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// A comma-separated list (`html,pdf,bundle`); an unknown name is refused.
    pub fn parse_list(s: &str) -> Result<Vec<ExportFormat>> {
        let mut out = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let f = ExportFormat::parse(part).ok_or_else(|| {
                Error::invalid(
                    "formats",
                    Reason::NotOneOf {
                        value: part.into(),
                        allowed: ExportFormat::ALL.map(|f| f.as_str().to_owned()).into(),
                    },
                )
            })?;
            if !out.contains(&f) {
                out.push(f);
            }
        }
        Ok(out)
    }

    /// The file's name in the export folder (`slug`: the lab's, for the bundle); for the
    /// gallery, the posters and the profiles, the folder's (the profiles' spreadsheet,
    /// [`PROFILES_XLSX`], is beside it).
    pub fn file_name(self, slug: &str) -> String {
        match self {
            ExportFormat::Html => "laporan.html".into(),
            ExportFormat::Pdf => "laporan.pdf".into(),
            ExportFormat::Xlsx => "ide-inovasi.xlsx".into(),
            ExportFormat::Csv => "ide-inovasi.csv".into(),
            ExportFormat::Json => "data.json".into(),
            ExportFormat::Bundle => format!("{slug}.{}", crate::BUNDLE_EXTENSION),
            ExportFormat::Kegiatan => "laporan-kegiatan.pdf".into(),
            ExportFormat::Docx => "laporan-kegiatan.docx".into(),
            ExportFormat::Gallery => "galeri".into(),
            ExportFormat::Posters => "poster".into(),
            ExportFormat::Profiles => "profil".into(),
        }
    }
}

/// The profiles' spreadsheet, beside their folder.
pub const PROFILES_XLSX: &str = "profil-inovasi.xlsx";

/// What the user asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportOptions {
    /// Empty means every format.
    pub formats: Vec<ExportFormat>,
    pub lang: Lang,
}

/// One step done: `done` of `total` steps, `step` names it (a file name, `snapshot`,
/// `SHA256SUMS` or `finish`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportProgress {
    pub step: String,
    pub done: u32,
    pub total: u32,
}

/// A file of a finished export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportedFile {
    pub name: String,
    #[ts(type = "number")]
    pub size: u64,
    pub sha256: String,
    /// Read back from the drive after it was written and found identical.
    pub verified: bool,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportReport {
    /// The full path of the folder written.
    pub folder: String,
    pub folder_name: String,
    pub lab_name: String,
    pub ideas: u32,
    pub files: Vec<ExportedFile>,
    pub elapsed_ms: u32,
}
