//! How each table of a lab merges: its columns and what kind of register each is.

use crate::fields::IDEA_FIELDS;

/// How one column merges.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Col {
    /// Its own register, named (camelCase, as the change log names it).
    Field(&'static str),
    /// Part of the row's one register.
    Row,
    /// The larger value wins (`updated_at`, counters).
    Max,
    /// The smaller value wins (`created_at`); for a nullable column the earliest non-null.
    Min,
    /// Must agree (the owner: `lab_id`, `idea_id`).
    Keep,
}

pub(crate) struct Spec {
    pub(crate) table: &'static str,
    /// The entity name of its registers and tombstones.
    pub(crate) entity: &'static str,
    pub(crate) key: &'static [&'static str],
    pub(crate) cols: &'static [(&'static str, Col)],
    /// The row register's field name, for `Col::Row` columns.
    pub(crate) row_register: &'static str,
    /// Selects the bundle's rows of the lab (`?1` = lab id); columns: key, then cols.
    pub(crate) scope: &'static str,
    /// Whether hard deletes (tombstones) apply.
    pub(crate) tombstones: bool,
}

pub(crate) const LAB: Spec = Spec {
    table: "lab",
    entity: "lab",
    key: &["id"],
    cols: &[
        ("name", Col::Field("name")),
        ("organiser", Col::Field("organiser")),
        ("city", Col::Field("city")),
        ("venue", Col::Field("venue")),
        ("start_date", Col::Field("startDate")),
        ("days", Col::Field("days")),
        ("idea_target", Col::Field("ideaTarget")),
        ("time_zone", Col::Field("timeZone")),
        ("created_at", Col::Min),
        ("updated_at", Col::Max),
    ],
    row_register: "",
    scope: "id = ?1",
    tombstones: false,
};

pub(crate) const OPTION: Spec = Spec {
    table: "option_item",
    entity: "option",
    key: &["lab_id", "list", "code"],
    cols: &[
        ("label_id", Col::Field("labelId")),
        ("label_en", Col::Field("labelEn")),
        ("position", Col::Field("position")),
        ("retired", Col::Field("retired")),
    ],
    row_register: "",
    scope: "lab_id = ?1",
    tombstones: false,
};

pub(crate) const AGENCY: Spec = Spec {
    table: "agency",
    entity: "agency",
    key: &["id"],
    cols: &[
        ("lab_id", Col::Keep),
        ("code", Col::Field("code")),
        ("name", Col::Field("name")),
        ("short_name", Col::Field("shortName")),
        ("grp", Col::Field("group")),
        ("position", Col::Field("position")),
        ("retired_at", Col::Field("retiredAt")),
    ],
    row_register: "",
    scope: "lab_id = ?1",
    tombstones: false,
};

pub(crate) const PERSON: Spec = Spec {
    table: "person",
    entity: "person",
    key: &["id"],
    cols: &[
        ("lab_id", Col::Keep),
        ("agency_id", Col::Row),
        ("name", Col::Row),
        ("position", Col::Row),
        ("role", Col::Row),
        ("created_at", Col::Min),
        ("updated_at", Col::Max),
    ],
    row_register: "person",
    scope: "lab_id = ?1",
    tombstones: true,
};

pub(crate) const AGENDA: Spec = Spec {
    table: "agenda_session",
    entity: "agenda",
    key: &["id"],
    cols: &[
        ("lab_id", Col::Keep),
        ("day", Col::Row),
        ("starts_at", Col::Row),
        ("ends_at", Col::Row),
        ("title", Col::Row),
        ("stage", Col::Row),
        ("created_at", Col::Min),
        ("updated_at", Col::Max),
    ],
    row_register: "session",
    scope: "lab_id = ?1",
    tombstones: true,
};

/// The idea's columns (after `id`): the lab, then each field of [`IDEA_FIELDS`] its own
/// register named as `IdeaInput` names it, then the trash and merge registers and the times.
pub(crate) const IDEA_COLS: &[(&str, Col)] = &idea_cols();

const IDEA_TAIL: [(&str, Col); 5] = [
    ("deleted_at", Col::Field("deletedAt")),
    ("merged_into", Col::Field("mergedInto")),
    ("continues_id", Col::Field("continues")),
    ("created_at", Col::Min),
    ("updated_at", Col::Max),
];

const fn idea_cols() -> [(&'static str, Col); 1 + IDEA_FIELDS.len() + IDEA_TAIL.len()] {
    let mut out = [("lab_id", Col::Keep); 1 + IDEA_FIELDS.len() + IDEA_TAIL.len()];
    let mut i = 0;
    while i < IDEA_FIELDS.len() {
        out[1 + i] = (IDEA_FIELDS[i].column, Col::Field(IDEA_FIELDS[i].key));
        i += 1;
    }
    let mut j = 0;
    while j < IDEA_TAIL.len() {
        out[1 + i + j] = IDEA_TAIL[j];
        j += 1;
    }
    out
}

pub(crate) const IDEA: Spec = Spec {
    table: "idea",
    entity: "idea",
    key: &["id"],
    cols: IDEA_COLS,
    row_register: "",
    scope: "lab_id = ?1",
    tombstones: true,
};

pub(crate) const ATTACHMENT: Spec = Spec {
    table: "attachment",
    entity: "attachment",
    key: &["id"],
    cols: &[
        ("idea_id", Col::Keep),
        ("file_name", Col::Keep),
        ("mime", Col::Keep),
        ("size", Col::Keep),
        ("sha256", Col::Keep),
        ("bytes", Col::Keep),
        ("thumbnail", Col::Keep),
        ("created_at", Col::Min),
        ("deleted_at", Col::Min),
    ],
    row_register: "",
    scope: IDEA_SCOPE,
    tombstones: false,
};

pub(crate) const NOTE: Spec = Spec {
    table: "idea_note",
    entity: "note",
    key: &["id"],
    cols: &[
        ("idea_id", Col::Keep),
        ("text", Col::Keep),
        ("created_at", Col::Keep),
        ("installation_id", Col::Keep),
    ],
    row_register: "",
    scope: IDEA_SCOPE,
    tombstones: false,
};

pub(crate) const REVIEW_SETTING: Spec = Spec {
    table: "review_setting",
    entity: "review_setting",
    key: &["lab_id"],
    cols: &[("blind", Col::Field("blind"))],
    row_register: "",
    scope: "lab_id = ?1",
    tombstones: false,
};

pub(crate) const VOTE_ROUND: Spec = Spec {
    table: "vote_round",
    entity: "vote_round",
    key: &["id"],
    cols: &[
        ("lab_id", Col::Keep),
        ("dots", Col::Keep),
        ("opened_at", Col::Keep),
        ("closed_at", Col::Max),
        ("ballots", Col::Max),
    ],
    row_register: "",
    scope: "lab_id = ?1",
    tombstones: false,
};

pub(crate) const VOTE_TALLY: Spec = Spec {
    table: "vote_tally",
    entity: "vote_tally",
    key: &["round_id", "idea_id"],
    cols: &[("dots", Col::Max), ("position", Col::Keep)],
    row_register: "",
    scope: "round_id IN (SELECT id FROM vote_round WHERE lab_id = ?1)",
    tombstones: false,
};

/// Attendance (`store/setup/attendance.rs`): a row per session and attendee key, so two
/// laptops ticking the same person meet on one row; `present` is the one register (tick
/// and untick, last writer wins). What was ticked with it never changes; a name written
/// in differently (case, spaces) on two laptops keeps the smaller spelling.
pub(crate) const ATTENDANCE: Spec = Spec {
    table: "attendance",
    entity: "attendance",
    key: &["session_id", "attendee"],
    cols: &[
        ("lab_id", Col::Keep),
        ("person_id", Col::Keep),
        ("name", Col::Min),
        ("agency_id", Col::Min),
        ("present", Col::Field("present")),
        ("created_at", Col::Min),
        ("updated_at", Col::Max),
    ],
    row_register: "",
    scope: "lab_id = ?1",
    tombstones: false,
};

/// A lab's choice of whether an idea field goes into its gallery: one register per lab
/// and field (`store/gallery.rs`).
pub(crate) const GALLERY_FIELD: Spec = Spec {
    table: "gallery_field",
    entity: "gallery_field",
    key: &["lab_id", "field"],
    cols: &[("public", Col::Field("public"))],
    row_register: "",
    scope: "lab_id = ?1",
    tombstones: false,
};

/// The lab's activity report settings: each column its own register, like the lab's.
pub(crate) const REPORT_SETTING: Spec = Spec {
    table: "report_setting",
    entity: "report_setting",
    key: &["lab_id"],
    cols: &[
        ("basis", Col::Field("basis")),
        ("purpose", Col::Field("purpose")),
        ("follow_up", Col::Field("followUp")),
        ("signer_name", Col::Field("signerName")),
        ("signer_position", Col::Field("signerPosition")),
        ("signer_nip", Col::Field("signerNip")),
        ("sign_place", Col::Field("signPlace")),
        ("sign_date", Col::Field("signDate")),
    ],
    row_register: "",
    scope: "lab_id = ?1",
    tombstones: false,
};

/// Whether an idea goes into the lab's gallery: one register per idea.
pub(crate) const PUBLICATION: Spec = Spec {
    table: "idea_publication",
    entity: "publication",
    key: &["idea_id"],
    cols: &[("published", Col::Field("published"))],
    row_register: "",
    scope: IDEA_SCOPE,
    tombstones: false,
};

/// Tables added after the oldest schema a bundle may have (`MIN_BUNDLE_SCHEMA`): an older
/// bundle without one merges as if it were empty.
pub(crate) const LATER_TABLES: &[&str] = &[
    "attendance",
    "report_setting",
    "gallery_field",
    "idea_publication",
    "followup_plan",
    "followup_partner",
    "followup_step",
    "followup_milestone",
    "followup_update",
    "followup_coach_note",
    "followup_evidence",
    "followup_iid_answer",
    "followup_iid_config",
];

/// Follow-up after the lab (`store/followup/`): children of an idea. Steps, partners,
/// updates and coaching notes are children by id with one register per editable field
/// (`deletedAt` too, so a removal merges like an edit); milestones and IID checklist
/// answers are keyed by idea and stage / indicator, so two laptops filling in the same
/// milestone edit one record; evidence files merge like photos (the earliest removal wins).
const FOLLOWUP_SCOPE: &str = IDEA_SCOPE;

/// The rows of the bundle's lab (`?1`) in a table of an idea's children (`idea_id`). A
/// correlated `EXISTS`: the `idea_id IN (SELECT id FROM idea …)` form made SQLite list
/// every idea of the lab and probe the table's index with each, 3-10 ms per table even
/// when it was empty (5 % of a 10,000-idea merge over the follow-up tables alone).
pub(crate) const IDEA_SCOPE: &str =
    "EXISTS (SELECT 1 FROM idea AS scope_idea WHERE scope_idea.id = idea_id AND scope_idea.lab_id = ?1)";

pub(crate) const FOLLOWUP_PLAN: Spec = Spec {
    table: "followup_plan",
    entity: "followup_plan",
    key: &["idea_id"],
    cols: &[
        ("agency_id", Col::Field("agencyId")),
        ("responsible", Col::Field("responsible")),
        ("created_at", Col::Min),
        ("updated_at", Col::Max),
    ],
    row_register: "",
    scope: FOLLOWUP_SCOPE,
    tombstones: false,
};

pub(crate) const FOLLOWUP_PARTNER: Spec = Spec {
    table: "followup_partner",
    entity: "followup_partner",
    key: &["id"],
    cols: &[
        ("idea_id", Col::Keep),
        ("agency_id", Col::Field("agencyId")),
        ("role", Col::Field("role")),
        ("deleted_at", Col::Field("deletedAt")),
        ("created_at", Col::Min),
        ("updated_at", Col::Max),
    ],
    row_register: "",
    scope: FOLLOWUP_SCOPE,
    tombstones: false,
};

pub(crate) const FOLLOWUP_STEP: Spec = Spec {
    table: "followup_step",
    entity: "followup_step",
    key: &["id"],
    cols: &[
        ("idea_id", Col::Keep),
        ("title", Col::Field("title")),
        ("owner", Col::Field("owner")),
        ("start_date", Col::Field("startDate")),
        ("due_date", Col::Field("dueDate")),
        ("status", Col::Field("status")),
        ("note", Col::Field("note")),
        ("position", Col::Field("position")),
        ("deleted_at", Col::Field("deletedAt")),
        ("created_at", Col::Min),
        ("updated_at", Col::Max),
    ],
    row_register: "",
    scope: FOLLOWUP_SCOPE,
    tombstones: false,
};

pub(crate) const FOLLOWUP_MILESTONE: Spec = Spec {
    table: "followup_milestone",
    entity: "followup_milestone",
    key: &["idea_id", "stage"],
    cols: &[
        ("planned_date", Col::Field("plannedDate")),
        ("actual_date", Col::Field("actualDate")),
        ("created_at", Col::Min),
        ("updated_at", Col::Max),
    ],
    row_register: "",
    scope: FOLLOWUP_SCOPE,
    tombstones: false,
};

pub(crate) const FOLLOWUP_UPDATE: Spec = Spec {
    table: "followup_update",
    entity: "followup_update",
    key: &["id"],
    cols: &[
        ("idea_id", Col::Keep),
        ("on_date", Col::Field("date")),
        ("done", Col::Field("done")),
        ("stage", Col::Field("stage")),
        ("percent", Col::Field("percent")),
        ("agency_id", Col::Field("agencyId")),
        ("deleted_at", Col::Field("deletedAt")),
        ("created_at", Col::Min),
        ("updated_at", Col::Max),
    ],
    row_register: "",
    scope: FOLLOWUP_SCOPE,
    tombstones: false,
};

pub(crate) const FOLLOWUP_COACH_NOTE: Spec = Spec {
    table: "followup_coach_note",
    entity: "followup_coach_note",
    key: &["id"],
    cols: &[
        ("idea_id", Col::Keep),
        ("on_date", Col::Field("date")),
        ("coach", Col::Field("coach")),
        ("text", Col::Field("text")),
        ("deleted_at", Col::Field("deletedAt")),
        ("created_at", Col::Min),
        ("updated_at", Col::Max),
    ],
    row_register: "",
    scope: FOLLOWUP_SCOPE,
    tombstones: false,
};

pub(crate) const FOLLOWUP_EVIDENCE: Spec = Spec {
    table: "followup_evidence",
    entity: "followup_evidence",
    key: &["id"],
    cols: &[
        ("idea_id", Col::Keep),
        ("update_id", Col::Field("updateId")),
        ("file_name", Col::Keep),
        ("mime", Col::Keep),
        ("size", Col::Keep),
        ("sha256", Col::Keep),
        ("bytes", Col::Keep),
        ("created_at", Col::Min),
        ("deleted_at", Col::Min),
    ],
    row_register: "",
    scope: FOLLOWUP_SCOPE,
    tombstones: false,
};

pub(crate) const FOLLOWUP_IID_ANSWER: Spec = Spec {
    table: "followup_iid_answer",
    entity: "followup_iid_answer",
    key: &["idea_id", "indicator"],
    cols: &[
        ("parameter", Col::Field("parameter")),
        ("evidence", Col::Field("evidence")),
        ("created_at", Col::Min),
        ("updated_at", Col::Max),
    ],
    row_register: "",
    scope: FOLLOWUP_SCOPE,
    tombstones: false,
};

pub(crate) const FOLLOWUP_IID_CONFIG: Spec = Spec {
    table: "followup_iid_config",
    entity: "followup_iid_config",
    key: &["lab_id"],
    cols: &[("config", Col::Field("config")), ("updated_at", Col::Max)],
    row_register: "",
    scope: "lab_id = ?1",
    tombstones: false,
};

/// Every follow-up table, in the order they merge (parents before what points at them).
pub(crate) const FOLLOWUP_SPECS: &[&Spec] = &[
    &FOLLOWUP_PLAN,
    &FOLLOWUP_PARTNER,
    &FOLLOWUP_STEP,
    &FOLLOWUP_MILESTONE,
    &FOLLOWUP_UPDATE,
    &FOLLOWUP_COACH_NOTE,
    &FOLLOWUP_EVIDENCE,
    &FOLLOWUP_IID_ANSWER,
    &FOLLOWUP_IID_CONFIG,
];

pub(crate) fn field_static(spec: &Spec, field: &str) -> &'static str {
    spec.cols
        .iter()
        .find_map(|c| match c.1 {
            Col::Field(f) if f == field => Some(f),
            _ => None,
        })
        .unwrap_or("")
}
