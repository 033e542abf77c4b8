//! The months after the lab: what an idea's follow-up holds (types that cross to the UI),
//! the date rules, and the innovation-index (IID) readiness configuration and estimate.
//! The operations are `Store` methods in `store/followup/`.
//!
//! # How the structured plan relates to the idea's `rencana aksi`
//!
//! An idea's `rencanaAksi` field (`fields.rs`) is the free text typed during the lab's
//! Design session, as the official form asks for it; it stays the idea's own field and is
//! exported with the idea. The follow-up plan here is separate and structured: lead and
//! partner agencies, the person responsible, dated steps with a status, milestones per
//! innovation stage, progress updates, coaching notes and evidence. Neither is derived
//! from the other: the text is what was written at the lab, the plan is what is tracked
//! afterwards (a facilitator usually turns the text's points into steps).

pub mod iid;
pub mod workbook;

// What the store's follow-up operations return (board, estimates, workbook import).
pub use crate::store::{
    read_workbook_stamp, AgencyChart, AgencyFollowup, AgencyFollowupIndex, AgencyIidEstimate,
    BoardIdea, ConflictChoice, ExportedIdeaFollowup, FollowupBoard, IdeaIidEstimate, ImportChange,
    ImportConflict, ImportedRow, LabFollowup, Overdue, OverdueKind, RefusedRow, Side,
    WorkbookImport, MAX_EVIDENCE_BYTES, MAX_WORKBOOK_BYTES,
};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Reason, Result};

/// Earliest and latest year a follow-up date may have: a date outside is a typing error
/// (`2062` for `2026`, `0026`), not a plan.
pub const MIN_YEAR: i32 = 2000;
pub const MAX_YEAR: i32 = 2100;

/// A follow-up date from what was typed (`YYYY-MM-DD`, `DD/MM/YYYY`, see
/// [`crate::time::parse_date`]): a real calendar date in [`MIN_YEAR`]..=[`MAX_YEAR`],
/// returned as `YYYY-MM-DD`. Empty is `None`.
pub fn clean_date(field: &str, s: &str) -> Result<Option<String>> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let d = crate::time::parse_date(field, s)?;
    check_year(field, d)?;
    Ok(Some(d.to_string()))
}

/// A date's year inside the accepted range.
pub fn check_year(field: &str, d: NaiveDate) -> Result<()> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&d.year()) {
        return Err(Error::invalid(
            field,
            Reason::YearOutOfRange {
                min: MIN_YEAR as u32,
                max: MAX_YEAR as u32,
            },
        ));
    }
    Ok(())
}

/// `due` not before `start` (both `YYYY-MM-DD` when present).
pub fn check_order(start: Option<&str>, due: Option<&str>) -> Result<()> {
    if let (Some(s), Some(d)) = (start, due) {
        if d < s {
            return Err(Error::invalid("dueDate", Reason::DueBeforeStart));
        }
    }
    Ok(())
}

string_enum! {
    /// Where an action-plan step stands.
    pub enum StepStatus {
        /// Not started.
        Belum = "belum",
        /// Under way.
        Berjalan = "berjalan",
        /// Done.
        Selesai = "selesai",
        /// Put off.
        Tertunda = "tertunda",
    }
}

impl StepStatus {
    /// From a stored or typed word (case and spaces ignored; `belum mulai` too).
    pub fn parse(s: &str) -> Option<StepStatus> {
        let w = s.trim().to_lowercase();
        let w = w.split_whitespace().next().unwrap_or("");
        StepStatus::from_str_opt(w)
    }
}

/// An idea's follow-up header: who leads it and who is responsible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowupPlan {
    pub idea_id: String,
    /// The lead agency; `None` means the idea's own agency.
    pub agency_id: Option<String>,
    /// The person responsible (name, position), free text.
    pub responsible: String,
}

/// A partner agency (OPD mitra) of an idea.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Partner {
    pub id: String,
    pub idea_id: String,
    pub agency_id: String,
    /// What it does in the innovation (free text).
    pub role: String,
}

/// What is typed for an action-plan step (dates as typed; checked and normalised).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StepInput {
    pub title: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub start_date: String,
    #[serde(default)]
    pub due_date: String,
    /// `belum` when empty.
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub note: String,
}

impl From<&Step> for StepInput {
    /// The step as the form shows it (dates `YYYY-MM-DD`, empty when unset): what an edit
    /// of some of its fields starts from.
    fn from(st: &Step) -> StepInput {
        StepInput {
            title: st.title.clone(),
            owner: st.owner.clone(),
            start_date: st.start_date.clone().unwrap_or_default(),
            due_date: st.due_date.clone().unwrap_or_default(),
            status: st.status.as_str().into(),
            note: st.note.clone(),
        }
    }
}

/// An action-plan step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    pub id: String,
    pub idea_id: String,
    pub title: String,
    pub owner: String,
    pub start_date: Option<String>,
    pub due_date: Option<String>,
    pub status: StepStatus,
    pub note: String,
    /// Order within the plan (1, 2, ...).
    pub position: u32,
}

/// A milestone: the planned and actual dates an idea reaches one innovation stage
/// (a code of the lab's `tahapan` list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Milestone {
    pub idea_id: String,
    pub stage: String,
    pub planned_date: Option<String>,
    pub actual_date: Option<String>,
}

/// What is typed for a progress update.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateInput {
    /// The day it reports on.
    pub date: String,
    /// What was done.
    pub done: String,
    /// The stage reached (a `tahapan` code).
    pub stage: String,
    /// Progress, 0 to 100.
    pub percent: u32,
    /// The agency reporting; empty = the idea's lead agency.
    #[serde(default)]
    pub agency_id: String,
}

/// A dated progress update by an agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProgressUpdate {
    pub id: String,
    pub idea_id: String,
    pub date: String,
    pub done: String,
    pub stage: String,
    pub percent: u32,
    pub agency_id: Option<String>,
    pub created_at: String,
}

/// Where an idea's follow-up stands, for the exports (the gallery's innovation page): its
/// latest progress update and its milestones that have a date, in stage order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdeaProgress {
    pub latest: Option<ProgressUpdate>,
    pub milestones: Vec<Milestone>,
}

/// A coaching note (pendampingan) by a coach, kept apart from the agency's updates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CoachNote {
    pub id: String,
    pub idea_id: String,
    pub date: String,
    pub coach: String,
    pub text: String,
    pub created_at: String,
}

/// An evidence file (bukti dukung), without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    pub id: String,
    pub idea_id: String,
    /// The progress update it supports, if any.
    pub update_id: Option<String>,
    pub file_name: String,
    /// `application/pdf`, `image/jpeg` or `image/png`, sniffed from the bytes.
    pub mime: String,
    pub size: u32,
    /// Hex SHA-256 of the bytes.
    pub sha256: String,
    pub created_at: String,
}

/// Everything of one idea's follow-up, for the plan view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdeaFollowup {
    pub idea_id: String,
    pub lab_id: String,
    pub title: String,
    /// The idea's own agency.
    pub idea_agency_id: String,
    pub plan: FollowupPlan,
    pub partners: Vec<Partner>,
    pub steps: Vec<Step>,
    /// One per stage of the lab's `tahapan` list, in list order (dates empty when unset).
    pub milestones: Vec<Milestone>,
    /// Newest first.
    pub updates: Vec<ProgressUpdate>,
    /// Newest first.
    pub coach_notes: Vec<CoachNote>,
    pub evidence: Vec<Evidence>,
}
