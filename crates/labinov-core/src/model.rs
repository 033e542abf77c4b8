//! The data model (v1): labs, their agencies (OPD), ideas, and the change log.
//!
//! These types cross to the UI as JSON (camelCase) and their TypeScript twins in
//! `ui/src/bindings/` are generated from them (see [`crate::bindings`]).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An Executive Laboratorium Inovasi: one event, a few days, one city.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Lab {
    pub id: String,
    pub name: String,
    /// Who runs it, usually the city's Bappeda / Bappedalitbang.
    pub organiser: String,
    pub city: String,
    pub venue: String,
    /// First day, `YYYY-MM-DD`, in the lab's time zone.
    pub start_date: String,
    pub days: u32,
    /// How many ideas the lab aims for (the real lab that inspired this made 50).
    pub idea_target: u32,
    /// IANA time zone the lab's times are shown in, e.g. `Asia/Jakarta`.
    pub time_zone: String,
    pub created_at: String,
    pub updated_at: String,
}

/// What a user fills in to create a lab.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewLab {
    pub name: String,
    #[serde(default)]
    pub organiser: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub venue: String,
    pub start_date: String,
    pub days: u32,
    pub idea_target: u32,
    /// Defaults to `Asia/Jakarta` when absent or empty.
    #[serde(default)]
    #[ts(optional)]
    pub time_zone: Option<String>,
}

/// A lab with the counts a lab picker shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabSummary {
    pub lab: Lab,
    pub idea_count: u32,
    pub agency_count: u32,
}

/// A regional government agency (Organisasi Perangkat Daerah) taking part in a lab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Agency {
    pub id: String,
    pub lab_id: String,
    /// Short unique code within the lab, e.g. `DINKES`.
    pub code: String,
    /// Full official name; may contain commas.
    pub name: String,
    /// The name people say, e.g. `Dinkes`.
    pub short_name: String,
    /// Kind of agency: Sekretariat, Badan, Dinas, Kecamatan, ...
    pub group: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewAgency {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub short_name: String,
    #[serde(default)]
    pub group: String,
}

/// An innovation idea captured during the lab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Idea {
    /// UUID v7: sortable by creation time, unique across laptops.
    pub id: String,
    pub lab_id: String,
    pub agency_id: String,
    /// Nama inovasi.
    pub title: String,
    pub proposer_name: String,
    pub proposer_position: String,
    /// The problem the idea answers (permasalahan).
    pub problem: String,
    pub description: String,
    pub created_at: String,
    pub updated_at: String,
}

/// The fields a facilitator types for a new idea. Only title and agency are required.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdeaInput {
    pub agency_id: String,
    pub title: String,
    #[serde(default)]
    pub proposer_name: String,
    #[serde(default)]
    pub proposer_position: String,
    #[serde(default)]
    pub problem: String,
    #[serde(default)]
    pub description: String,
}

/// An edit: only the fields present change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdeaPatch {
    #[ts(optional)]
    pub agency_id: Option<String>,
    #[ts(optional)]
    pub title: Option<String>,
    #[ts(optional)]
    pub proposer_name: Option<String>,
    #[ts(optional)]
    pub proposer_position: Option<String>,
    #[ts(optional)]
    pub problem: Option<String>,
    #[ts(optional)]
    pub description: Option<String>,
}

/// The ideas of a lab grouped by agency, with progress toward the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Board {
    pub lab: Lab,
    /// One group per agency, in roster order, agencies without ideas included.
    pub groups: Vec<BoardGroup>,
    pub idea_count: u32,
    /// Agencies that have no idea yet ("One Agency, One Innovation").
    pub agencies_without_idea: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BoardGroup {
    pub agency: Agency,
    pub ideas: Vec<Idea>,
}

/// What kind of change a [`ChangeRecord`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeOp {
    Create,
    Update,
    Delete,
}

impl ChangeOp {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeOp::Create => "create",
            ChangeOp::Update => "update",
            ChangeOp::Delete => "delete",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "create" => Some(ChangeOp::Create),
            "update" => Some(ChangeOp::Update),
            "delete" => Some(ChangeOp::Delete),
            _ => None,
        }
    }
}

/// One entry of the append-only change log: what changed, when, on which installation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChangeRecord {
    #[ts(type = "number")]
    pub seq: i64,
    /// UTC time of the change.
    pub at: String,
    /// The installation (laptop) that made the change.
    pub installation_id: String,
    /// `lab`, `agency` or `idea`.
    pub entity: String,
    pub entity_id: String,
    pub op: ChangeOp,
    /// For each changed field: `{"old": .., "new": ..}` (no `old` on create).
    #[ts(type = "Record<string, { old?: unknown; new?: unknown }>")]
    pub changes: serde_json::Value,
}

/// What the app reports about itself and its database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub database_path: String,
    pub installation_id: String,
    pub schema_version: u32,
    /// The lab opened last, if any, so the app can reopen it.
    pub last_lab_id: Option<String>,
}

/// An idea with its agency spelled out, as the CLI and exports list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdeaListing {
    #[serde(flatten)]
    pub idea: Idea,
    pub agency_code: String,
    pub agency_name: String,
    pub agency_short_name: String,
}

/// Sent to every window after a write, so each one refreshes what it shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChangeEvent {
    /// The lab that changed; `None` for changes to the list of labs itself.
    pub lab_id: Option<String>,
    /// `lab`, `agency` or `idea`.
    pub entity: String,
    pub entity_id: String,
}
