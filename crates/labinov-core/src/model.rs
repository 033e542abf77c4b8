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
    /// Set when the agency was retired from the lab: no new ideas, old ones stay.
    pub retired_at: Option<String>,
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
    /// Everything a facilitator can type or pick.
    #[serde(flatten)]
    pub fields: IdeaInput,
    pub created_at: String,
    pub updated_at: String,
    /// Set while the idea is in the trash.
    pub deleted_at: Option<String>,
    /// Set when the idea was merged into another one (undoable).
    pub merged_into: Option<String>,
    /// The idea of an earlier lab this one carries forward (`carry_forward_idea`); that
    /// idea may be in a lab not on this laptop.
    pub continues: Option<String>,
}

pub use crate::fields::IdeaInput;

/// An edit: the fields present change, the others stay. Keys are those of [`IdeaInput`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(type = "Partial<IdeaInput>")]
pub struct IdeaPatch(pub serde_json::Map<String, serde_json::Value>);

impl IdeaPatch {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets one field, e.g. `IdeaPatch::new().set("title", "Posyandu Digital")`.
    pub fn set(mut self, field: &str, value: impl Into<serde_json::Value>) -> Self {
        self.0.insert(field.to_owned(), value.into());
        self
    }
}

/// One option of one of a lab's lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OptionItem {
    pub list: String,
    pub code: String,
    pub label_id: String,
    pub label_en: String,
    pub position: u32,
    /// Retired options stay readable on old ideas but are not offered any more.
    pub retired: bool,
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

/// The lab's newest ideas, as the capture screen lists them beside the form, and how many
/// it has in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LatestIdeas {
    /// Every live idea of the lab.
    pub total: u32,
    /// The newest, newest first.
    pub ideas: Vec<Idea>,
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
    pub entity: Entity,
    pub entity_id: String,
}

string_enum! {
    /// What a change is about: the `entity` of the change log (the stored strings) and of
    /// the change events sent to the windows (also `show` and `pitch`, which are never
    /// logged).
    pub enum Entity {
        Lab = "lab",
        /// An option of one of the lab's lists.
        OptionItem = "option",
        Agency = "agency",
        Person = "person",
        Agenda = "agenda",
        Idea = "idea",
        Attachment = "attachment",
        Note = "note",
        ReviewSetting = "review_setting",
        VoteRound = "vote_round",
        VoteTally = "vote_tally",
        /// One reviewer's review of an idea.
        Review = "review",
        /// What the projector shows.
        Show = "show",
        /// The presenter queue and its timer.
        Pitch = "pitch",
        /// One attendee of one agenda session.
        Attendance = "attendance",
        /// The lab's activity report settings.
        ReportSetting = "report_setting",
        /// Whether an idea field goes into the lab's public gallery (`lab_id/field`).
        GalleryField = "gallery_field",
        /// Whether an idea goes into the lab's public gallery.
        Publication = "publication",
        /// Follow-up after the lab (`store/followup/`).
        FollowupPlan = "followup_plan",
        FollowupPartner = "followup_partner",
        FollowupStep = "followup_step",
        FollowupMilestone = "followup_milestone",
        FollowupUpdate = "followup_update",
        FollowupCoachNote = "followup_coach_note",
        FollowupEvidence = "followup_evidence",
        FollowupIidAnswer = "followup_iid_answer",
        FollowupIidConfig = "followup_iid_config",
    }
}

/// An existing idea that resembles one being typed (the duplicate hint).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SimilarIdea {
    pub idea_id: String,
    pub title: String,
    pub agency_short_name: String,
    pub agency_name: String,
    /// The share of the typed words the idea has too, from 0 to 1.
    pub score: f64,
}

/// The capture form as it was being typed (see `Store::save_draft`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Draft {
    pub id: String,
    pub lab_id: String,
    /// The idea being edited, or `None` for a new idea.
    pub idea_id: Option<String>,
    /// The edited idea's title as saved, so a list of drafts can name it; empty for a new
    /// idea or one no longer there.
    #[serde(default)]
    pub idea_title: String,
    /// The form's fields exactly as typed.
    #[ts(type = "Partial<IdeaInput>")]
    pub fields: serde_json::Value,
    pub updated_at: String,
}

/// A session of the lab's agenda: one block of one day, with its 5D stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgendaSession {
    pub id: String,
    pub lab_id: String,
    /// Lab day, from 1.
    pub day: u32,
    /// Local time in the lab's zone, `HH:MM`.
    pub starts_at: String,
    pub ends_at: String,
    pub title: String,
    /// A code of the lab's `stage` list, or empty.
    pub stage: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct AgendaInput {
    pub day: u32,
    pub starts_at: String,
    pub ends_at: String,
    pub title: String,
    pub stage: String,
}

/// What a person does in the lab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PersonRole {
    /// Head of an agency (kepala OPD), who pitches.
    KepalaOpd,
    /// Agency staff taking part.
    Staff,
    Facilitator,
    Coach,
    Reviewer,
}

impl PersonRole {
    pub fn as_str(self) -> &'static str {
        match self {
            PersonRole::KepalaOpd => "kepala_opd",
            PersonRole::Staff => "staff",
            PersonRole::Facilitator => "facilitator",
            PersonRole::Coach => "coach",
            PersonRole::Reviewer => "reviewer",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::KepalaOpd,
            Self::Staff,
            Self::Facilitator,
            Self::Coach,
            Self::Reviewer,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// A participant, facilitator, coach or reviewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub id: String,
    pub lab_id: String,
    /// The agency a participant belongs to; none for facilitators, coaches, reviewers.
    pub agency_id: Option<String>,
    pub name: String,
    pub position: String,
    pub role: PersonRole,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonInput {
    #[serde(default)]
    pub agency_id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub position: String,
    pub role: PersonRole,
}

/// What to do with a file being imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Check every row, change nothing: what the preview shows.
    Preview,
    /// Import only if every row is good; otherwise change nothing.
    AllOrNothing,
    /// Import the good rows, leave out the refused ones.
    SkipRefused,
}

/// What is wrong with one field of one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RowProblem {
    /// The field (as in the app's forms: `title`, `agencyId`, `code`, ...) or `row`.
    pub field: String,
    /// Why the value was refused; the UI shows the field's label beside its words.
    pub reason: crate::error::Reason,
    /// The reason's English sentence, for the CLI and the UI's detail line.
    pub message: String,
}

impl RowProblem {
    pub fn new(field: impl Into<String>, reason: crate::error::Reason) -> Self {
        RowProblem {
            field: field.into(),
            message: reason.to_string(),
            reason,
        }
    }
}

/// What an import row does (or, once applied, did) to the lab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowOutcome {
    /// A new record: an idea, or an agency whose code the lab does not hold yet.
    New,
    /// An agency the lab already holds (same code, case ignored) whose values the row
    /// changes: see `ImportRow::changes`.
    Changed,
    /// An agency the lab already holds exactly as the row says: nothing is written.
    Unchanged,
    /// The row has problems and is not imported.
    Refused,
}

/// One field a row changes on a record the lab already holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    /// As in the app's forms (`name`, `shortName`, `group`); `retiredAt` when a retired
    /// agency is in the roster again and is brought back (`old` is when it was retired,
    /// `new` is empty).
    pub field: String,
    pub old: String,
    pub new: String,
}

/// One row of an import and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRow {
    /// The row's line in the file (the header is line 1).
    pub line: u32,
    /// What the row is about, as typed (an idea's title, an agency's name).
    pub label: String,
    pub outcome: RowOutcome,
    /// For a `changed` row: each field that changes, old and new value.
    pub changes: Vec<FieldChange>,
    /// Empty unless the row is refused.
    pub problems: Vec<RowProblem>,
}

/// The per-row report of an import (or of its preview).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub mode: ImportMode,
    pub total: u32,
    /// The rows that are not refused: `added + changed + unchanged`.
    pub good: u32,
    pub refused: u32,
    /// Good rows by outcome (ideas are always `added`).
    pub added: u32,
    pub changed: u32,
    pub unchanged: u32,
    /// Whether anything was written (never when every good row is unchanged).
    pub applied: bool,
    /// Which columns of the file were used, and which were not recognised.
    pub columns_used: Vec<String>,
    pub columns_ignored: Vec<String>,
    pub rows: Vec<ImportRow>,
    /// A roster import: the lab's active agencies the file does not mention, as
    /// `Name (CODE)`, in roster order. They are left as they are (an import never
    /// deletes or retires an agency).
    pub not_in_file: Vec<String>,
}

/// A photo attached to an idea (sticky notes, a flipchart), without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    pub id: String,
    pub idea_id: String,
    pub file_name: String,
    /// `image/jpeg`, `image/png`, `image/webp` or `image/gif`.
    pub mime: String,
    pub size: u32,
    /// Hex SHA-256 of the bytes.
    pub sha256: String,
    pub created_at: String,
}

/// How the board groups ideas into columns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BoardGrouping {
    #[default]
    Agency,
    Tahapan,
    Bentuk,
    Status,
}

/// The order of the cards within a column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BoardSort {
    #[default]
    Newest,
    Oldest,
    Title,
    Agency,
}

/// What the board asks for: a grouping, filters (AND between filters, OR within one), a
/// full-text search, a sort, and one page of cards.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct BoardQuery {
    pub group_by: BoardGrouping,
    pub lab_day: Option<u32>,
    pub agency_ids: Vec<String>,
    pub bentuk: Vec<String>,
    pub jenis: Vec<String>,
    pub tags: Vec<String>,
    pub status: Vec<String>,
    /// Every word must match (affixes and case do not matter).
    pub text: String,
    pub sort: BoardSort,
    /// Only the cards of this column.
    pub group: Option<String>,
    pub offset: u32,
    /// 0 means 200; at most 1000.
    pub limit: u32,
    /// With no `group`: the first cards of every column, this many of each (at most 200),
    /// in place of one page across the columns (`offset` and `limit` then do not apply).
    /// The board's first screen and the projector's wall come in one query this way.
    pub per_column: u32,
}

/// One column of the board, with how many ideas match the filters in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BoardColumn {
    /// The agency id or option code; empty for ideas with the field not set.
    pub key: String,
    pub label_id: String,
    pub label_en: String,
    pub count: u32,
}

/// An idea as a board card: what a card shows, no more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BoardCard {
    pub id: String,
    pub agency_id: String,
    pub agency_code: String,
    pub agency_short_name: String,
    pub title: String,
    pub proposer_name: String,
    pub status: String,
    pub tahapan: String,
    pub bentuk: String,
    pub jenis: String,
    pub lab_day: Option<u32>,
    pub tags: Vec<String>,
    /// The key of the column the card is in.
    pub group: String,
    pub created_at: String,
    /// With a search: an excerpt with every match between U+E000 and U+E001.
    pub snippet: Option<String>,
}

/// One page of the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BoardPage {
    /// Matching ideas (in `group` when the query names one).
    pub total: u32,
    pub columns: Vec<BoardColumn>,
    pub cards: Vec<BoardCard>,
    pub offset: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DayCount {
    pub day: u32,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgencyCount {
    pub agency_id: String,
    pub code: String,
    pub short_name: String,
    pub name: String,
    pub group: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OptionCount {
    pub code: String,
    pub label_id: String,
    pub label_en: String,
    pub count: u32,
}

/// The figures the progress view and the charts draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabStats {
    pub idea_count: u32,
    pub idea_target: u32,
    /// Every lab day, days without ideas included.
    pub per_day: Vec<DayCount>,
    pub without_day: u32,
    /// Every active agency, in roster order.
    pub per_agency: Vec<AgencyCount>,
    pub per_bentuk: Vec<OptionCount>,
    pub per_jenis: Vec<OptionCount>,
    pub per_status: Vec<OptionCount>,
    pub agencies_without_idea: Vec<Agency>,
    /// The charts every view draws of these figures (`charts.rs`).
    pub charts: crate::charts::LabCharts,
}

/// What the projector window shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ShowMode {
    #[default]
    Wall,
    Spotlight,
    Progress,
    Agenda,
    Results,
    /// The spotlighted idea's action plan: its steps and milestones.
    Plan,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ShowTheme {
    #[default]
    Dark,
    Light,
}

/// The projector's state for a lab, switched from the main window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShowState {
    pub lab_id: String,
    pub mode: ShowMode,
    pub spotlight_idea_id: Option<String>,
    pub theme: ShowTheme,
    pub results_released: bool,
    pub updated_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SlotState {
    Waiting,
    Current,
    Done,
    Skipped,
}

/// One place in the presenter queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PitchSlot {
    pub idea_id: String,
    pub agency_id: String,
    pub agency_short_name: String,
    pub agency_name: String,
    pub title: String,
    pub proposer_name: String,
    pub position: u32,
    pub state: SlotState,
}

/// The pitch timer, stored so both windows (and a restart) agree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PitchTimer {
    pub duration_ms: u32,
    pub running: bool,
    /// UTC time it last started running.
    pub started_at: Option<String>,
    /// Remaining at `started_at` while running; remaining now when paused.
    pub remaining_ms: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PitchSession {
    pub lab_id: String,
    pub slots: Vec<PitchSlot>,
    /// The idea being pitched.
    pub current: Option<String>,
    pub timer: PitchTimer,
    /// The store's UTC now, so a window can correct for its own clock.
    pub now: String,
}

/// A note typed during a pitch, attached to the idea.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdeaNote {
    pub id: String,
    pub idea_id: String,
    pub text: String,
    pub created_at: String,
    pub installation_id: String,
}

/// One criterion of a lab's review rubric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Criterion {
    pub code: String,
    pub label_id: String,
    pub label_en: String,
    /// Relative weight (> 0).
    pub weight: f64,
    /// Scores go from 1 to `scale_max`.
    pub scale_max: u32,
    pub position: u32,
}

/// A reviewer's recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    /// Lanjutkan.
    Continue,
    /// Perbaiki.
    Improve,
    /// Tidak dilanjutkan.
    Stop,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Score {
    pub criterion: String,
    pub score: u32,
    /// The scale it was given on.
    pub scale_max: u32,
}

/// One reviewer's review of one idea.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    pub id: String,
    pub idea_id: String,
    pub reviewer_id: String,
    pub reviewer_name: String,
    pub scores: Vec<Score>,
    pub comment: String,
    pub recommendation: Option<Recommendation>,
    /// Set once submitted; a draft review counts for nothing.
    pub submitted_at: Option<String>,
    /// The weighted total on 0-100 under the current rubric, when every criterion is scored.
    pub total: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ReviewInput {
    pub scores: Vec<ScoreInput>,
    pub comment: String,
    pub recommendation: Option<Recommendation>,
    /// Submit now (otherwise it is kept as a draft).
    pub submit: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScoreInput {
    pub criterion: String,
    pub score: u32,
}

/// What a reviewer may see of an idea's reviews (blind mode hides the others' until they
/// submit their own).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdeaReviews {
    pub mine: Option<Review>,
    pub others: Vec<Review>,
    /// Reviews by others not shown (blind mode, before submitting).
    pub hidden: u32,
}

/// One idea's place in the ranking, and how it got there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RankRow {
    pub idea_id: String,
    pub title: String,
    pub agency_short_name: String,
    /// Shared by ideas equal under every tie rule; none without a counted review.
    pub rank: Option<u32>,
    /// Mean of the counted reviewers' totals (0-100).
    pub mean: Option<f64>,
    /// Each counted reviewer's total, by reviewer name.
    pub totals: Vec<(String, f64)>,
    /// Mean score per criterion code, on 0-100.
    pub per_criterion: Vec<(String, f64)>,
    /// Highest minus lowest counted total.
    pub spread: f64,
    /// Reviewers disagree strongly (spread of 25 points or more).
    pub disagreement: bool,
    pub counted: u32,
    /// Reviews started but not counted (not submitted, or a criterion unscored).
    pub incomplete: u32,
}

/// A dot-voting round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VoteRound {
    pub id: String,
    pub lab_id: String,
    pub dots: u32,
    pub candidates: Vec<String>,
    pub opened_at: String,
    pub closed_at: Option<String>,
    pub ballots: u32,
}

/// The tally of a closed round, most dots first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VoteResult {
    pub idea_id: String,
    pub title: String,
    pub dots: u32,
}

/// A closed voting round and its tally, as the room sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VoteOutcome {
    pub round: VoteRound,
    pub results: Vec<VoteResult>,
}

/// What the projector's results mode may show: nothing until the facilitator releases
/// the results; then the review ranking (means only, no reviewer's own total) and the
/// last closed voting round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReleasedResults {
    pub released: bool,
    /// Ranked ideas only (those with a counted review), best first.
    pub ranking: Vec<RankRow>,
    pub vote: Option<VoteOutcome>,
}

/// An idea named in a merge report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MergedIdea {
    pub id: String,
    /// Empty for an idea deleted for good by the merge.
    pub title: String,
    /// The agency's name.
    pub agency: String,
}

/// What merging a bundle did (`applied`) or, in a preview, would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MergeReport {
    /// False for a preview: nothing was written.
    pub applied: bool,
    pub lab_id: String,
    pub lab_name: String,
    /// The lab was not on this laptop: the merge creates it.
    pub lab_is_new: bool,
    /// The installation (laptop) that exported the bundle.
    pub from_installation_id: String,
    pub bundle_created_at: String,
    pub new_ideas: Vec<MergedIdea>,
    pub changed_ideas: Vec<MergedIdea>,
    /// Moved to the trash, or deleted for good, by the merge.
    pub deleted_ideas: Vec<MergedIdea>,
    /// New entries in the conflict log (values that lost against a different value).
    pub conflicts: u32,
    /// Records (ideas, agencies, people, ...) the merge created or changed.
    pub changed_records: u32,
}

/// One value that lost a merge, kept so it can be restored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MergeConflict {
    #[ts(type = "number")]
    pub id: i64,
    pub lab_id: String,
    /// `idea`, `agency`, `lab`, `option`, `person`, `agenda`, `review`.
    pub entity: String,
    pub entity_id: String,
    /// The field (camelCase, as in the change log).
    pub field: String,
    /// The record's title or name, when it has one.
    pub label: String,
    #[ts(type = "unknown")]
    pub losing_value: serde_json::Value,
    /// The installation that wrote the losing value.
    pub losing_origin: String,
    /// When the losing and the winning values were written (UTC, from their clocks).
    pub losing_at: String,
    pub winning_at: String,
    /// The value the field holds now.
    #[ts(type = "unknown")]
    pub current_value: serde_json::Value,
    /// Whether `restore_conflict` can put it back (idea, agency and lab fields).
    pub restorable: bool,
    pub detected_at: String,
    pub resolved_at: Option<String>,
}

/// One rolling snapshot of the database in the `backups/` folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    /// The file name (what `restore_backup` takes).
    pub name: String,
    /// UTC time the snapshot was taken.
    pub taken_at: String,
    #[ts(type = "number")]
    pub size: u64,
}

/// A bundle file found on a drive (a stick another laptop exported to).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FoundBundle {
    pub path: String,
    /// The file's name.
    pub name: String,
    /// The drive's label (or the folder searched).
    pub drive: String,
    #[ts(type = "number")]
    pub size: u64,
    /// Last modified, UTC RFC 3339 (empty if the file system does not say).
    pub modified_at: String,
}

/// One attendee of one agenda session (a line of the daftar hadir).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Attendee {
    pub session_id: String,
    /// The attendee's key within the session: `p:<person id>` for a person of the
    /// roster, `n:<agency id>:<name folded>` for a name written in.
    pub attendee: String,
    pub person_id: Option<String>,
    /// The name as ticked (a person's name from the roster).
    pub name: String,
    pub agency_id: Option<String>,
    pub present: bool,
}

/// A tick or an untick: a person of the roster (`person_id`), or a name and an agency
/// written in when the roster lacks the person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct AttendanceInput {
    pub person_id: Option<String>,
    pub name: String,
    pub agency_id: Option<String>,
    pub present: bool,
}

/// How many came to one session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionAttendance {
    pub session_id: String,
    pub day: u32,
    pub present: u32,
}

/// How many different people came on one lab day (to any of its sessions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DayAttendance {
    pub day: u32,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub people: u32,
}

/// How many different people of one agency came, per lab day and over the lab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgencyAttendance {
    /// Empty for attendees of no agency (facilitators, guests).
    pub agency_id: String,
    pub code: String,
    pub short_name: String,
    pub name: String,
    /// Index `d` is lab day `d + 1`.
    pub per_day: Vec<u32>,
    pub people: u32,
}

/// The lab's attendance counted: per session, per day, per agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceCounts {
    /// Every session of the agenda, in agenda order (none present counts 0).
    pub per_session: Vec<SessionAttendance>,
    /// Every lab day.
    pub per_day: Vec<DayAttendance>,
    /// Agencies in roster order (those with someone present), then no agency.
    pub per_agency: Vec<AgencyAttendance>,
    /// Different people present at any session.
    pub people: u32,
    /// Agencies with at least one person present.
    pub agencies_present: u32,
}

/// What the activity report (laporan kegiatan) says that the rest of the lab does not:
/// basis, purpose, the follow-up agreed, and the signature block. Per lab.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ReportSettings {
    /// Dasar pelaksanaan: the regulations and letters the lab was held on.
    pub basis: String,
    /// Maksud dan tujuan.
    pub purpose: String,
    /// Tindak lanjut: what was agreed to happen next.
    pub follow_up: String,
    pub signer_name: String,
    /// Jabatan.
    pub signer_position: String,
    /// NIP: 18 digits (spaces allowed when typed; stored without).
    pub signer_nip: String,
    pub sign_place: String,
    /// `YYYY-MM-DD`, or empty.
    pub sign_date: String,
}

// The room: phones joined to the participant service (`store/room/`).

/// One opening of the room for phones, with the code they join by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomOpening {
    pub id: String,
    pub lab_id: String,
    /// Six characters without look-alikes (no 0/O, 1/I/L), typed case-insensitively.
    pub join_code: String,
    /// Whether a phone must give a name to join.
    pub ask_name: bool,
    pub opened_at: String,
    pub closed_at: Option<String>,
    /// Phones joined to this opening.
    pub joined: u32,
}

/// An agency a phone can join as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomAgency {
    pub id: String,
    pub name: String,
    pub short_name: String,
}

/// What a phone sees before it joins (given the right join code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomLobby {
    pub lab_name: String,
    pub ask_name: bool,
    pub agencies: Vec<RoomAgency>,
}

/// A phone's credentials, given once when it joins: the token is kept only as its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomJoined {
    pub session_id: String,
    pub token: String,
    pub agency_id: String,
    pub name: String,
    /// The phone was known by its device id: its earlier session was taken up again.
    pub rejoined: bool,
}

/// A joined phone, as the service knows it after checking its token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomSession {
    pub id: String,
    pub lab_id: String,
    pub opening_id: String,
    pub agency_id: String,
    pub name: String,
}

string_enum! {
    /// Where a proposal stands.
    pub enum ProposalState {
        Pending = "pending",
        /// It became an idea (`idea_id`).
        Accepted = "accepted",
        /// Its text became a note (and its photo a photo) of an existing idea (`idea_id`).
        Merged = "merged",
        Rejected = "rejected",
    }
}

/// An idea as a phone sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProposalInput {
    /// A UUID the phone made before its first try: a resend is the same proposal.
    pub submission_id: String,
    /// The agency; the phone's own when empty.
    #[serde(default)]
    pub agency_id: String,
    pub title: String,
    #[serde(default)]
    pub problem: String,
    #[serde(default)]
    pub description: String,
}

/// The facilitator's edit of a proposal before accepting it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProposalEdit {
    pub agency_id: String,
    pub title: String,
    pub problem: String,
    pub description: String,
    pub proposer_name: String,
}

/// A photo sent with a proposal, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProposalPhoto {
    pub file_name: String,
    pub mime: String,
    pub size: u32,
}

/// An idea sent from a phone, for the moderation queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
    pub id: String,
    pub lab_id: String,
    pub submission_id: String,
    pub agency_id: String,
    pub agency_name: String,
    pub agency_short_name: String,
    pub proposer_name: String,
    pub title: String,
    pub problem: String,
    pub description: String,
    pub photo: Option<ProposalPhoto>,
    pub state: ProposalState,
    /// The idea it became or was merged into.
    pub idea_id: Option<String>,
    pub submitted_at: String,
    pub decided_at: Option<String>,
    /// Existing ideas that resemble it (the duplicate hint), for pending proposals.
    pub similar: Vec<SimilarIdea>,
}

string_enum! {
    /// Where a question from a phone stands.
    pub enum QuestionState {
        Pending = "pending",
        /// Shown to the room (the phones' wall and the projector).
        Approved = "approved",
        Hidden = "hidden",
    }
}

/// A question or comment from a phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomQuestion {
    pub id: String,
    pub lab_id: String,
    /// The idea being pitched when it was asked.
    pub idea_id: Option<String>,
    pub idea_title: Option<String>,
    pub text: String,
    pub state: QuestionState,
    pub plus_ones: u32,
    pub asked_at: String,
    pub agency_short_name: String,
}

/// A question as the phones' wall shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WallQuestion {
    pub id: String,
    pub text: String,
    pub plus_ones: u32,
    /// Whether this phone has given it a +1.
    pub plus_oned: bool,
    /// Whether this phone asked it.
    pub mine: bool,
    pub state: QuestionState,
}

/// A candidate of the open vote, as a phone sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WallCandidate {
    pub idea_id: String,
    pub title: String,
    /// The agency's short name, or its code when it has none.
    pub agency_short_name: String,
}

/// The open dot-voting round, as a phone sees it: no running tally.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WallVote {
    pub round_id: String,
    pub dots: u32,
    pub candidates: Vec<WallCandidate>,
    /// Whether this phone has cast its ballot.
    pub voted: bool,
}

/// A phone's own proposal and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WallProposal {
    pub submission_id: String,
    pub title: String,
    pub state: ProposalState,
}

/// Everything a joined phone may see: the lab's name, the idea being pitched, the
/// approved questions (and its own pending ones), the open vote, its own proposals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomWall {
    pub lab_name: String,
    pub agency_name: String,
    pub name: String,
    pub pitch: Option<WallCandidate>,
    pub questions: Vec<WallQuestion>,
    pub vote: Option<WallVote>,
    pub proposals: Vec<WallProposal>,
}

/// The room as the facilitator's panel and the projector show it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomStatus {
    pub lab_id: String,
    /// Whether the participant service is running for this lab.
    pub open: bool,
    /// The address phones open (`http://<address>:<port>/`).
    pub url: Option<String>,
    /// The join code (also in the QR code's address).
    pub join_code: Option<String>,
    /// The QR code of the address with the join code, as an SVG document.
    pub qr_svg: Option<String>,
    /// Phones joined to this opening.
    pub joined: u32,
    pub ask_name: bool,
    /// Proposals and questions waiting for the facilitator.
    pub pending_proposals: u32,
    pub pending_questions: u32,
}

/// An address of this laptop the room can be served on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomAddress {
    /// The interface's name as the system calls it (`wlan0`, `Wi-Fi`).
    pub interface: String,
    pub ip: String,
    /// Only this laptop can reach it (to try the pages on the laptop itself).
    pub loopback: bool,
}
