//! `data.json`: the whole lab as JSON, for programs.
//!
//! `{"format": "labinov-export", "version": 1, ...}`: the lab, agencies, people, agenda,
//! option lists, every idea (those in the trash and merged ones too, with `deletedAt` and
//! `mergedInto`), photos' metadata (the bytes are in the bundle), pitch notes, the rubric,
//! submitted reviews, the ranking and closed voting rounds, the attendance of every
//! session (`attendance`, unticked rows too, with `present`) and its counts
//! (`attendanceCounts`), the activity report's settings (`reportSettings`), and the
//! follow-up after the lab (`followup`: `today`, the day overdue items are counted on;
//! `stages`; `iidConfig`, the IID configuration the estimates use; `ideas`, each live idea
//! with a follow-up: `plan` (lead agency, person responsible), `leadAgencyId`, `partners`
//! with their role, `steps`, `milestones` (one per stage, planned and actual dates),
//! `updates` and `coachNotes` (newest first), `evidence` (file name, type, size,
//! SHA-256; the bytes are in the bundle), `stage` and `percent` reached, `overdue`, `iid`
//! (the checklist: per indicator the parameter chosen and the evidence ids linked) and
//! `estimate` (score, band, what is missing for the next band; `isEstimate` always
//! true); `agencies`, per active agency its innovations per stage, mean progress,
//! whether one is past the first stage, and its estimated `score` and `band`; `overdue`;
//! `notPastFirstStage`; `progress`, the mean progress per month); adding keys keeps
//! `version`. Field names are the app's own
//! (camelCase, as in `ui/src/bindings`). A later change that breaks readers raises
//! `version`.

use serde_json::json;

use labinov_core::export::ReportData;
use labinov_core::Result;

pub const JSON_VERSION: u32 = 1;

pub fn data(d: &ReportData) -> Result<Vec<u8>> {
    let mut photos: Vec<_> = d.photos.values().flatten().map(|p| &p.attachment).collect();
    photos.sort_by(|a, b| (&a.created_at, &a.id).cmp(&(&b.created_at, &b.id)));
    let mut reviews: Vec<_> = d.reviews.values().flatten().collect();
    reviews.sort_by(|a, b| (&a.idea_id, &a.reviewer_name).cmp(&(&b.idea_id, &b.reviewer_name)));
    let mut notes: Vec<_> = d.notes.values().flatten().collect();
    notes.sort_by(|a, b| (&a.created_at, &a.id).cmp(&(&b.created_at, &b.id)));
    let value = json!({
        "format": "labinov-export",
        "version": JSON_VERSION,
        "exportedAt": d.exported_at,
        "installationId": d.installation_id,
        "lab": d.lab,
        "agencies": d.agencies,
        "people": d.people,
        "agenda": d.agenda,
        "options": d.options,
        "ideas": d.all_ideas,
        "photos": photos,
        "notes": notes,
        "rubric": d.rubric,
        "reviews": reviews,
        "ranking": d.ranking,
        "votes": d.votes,
        "attendance": d.attendance,
        "attendanceCounts": d.attendance_counts,
        "reportSettings": d.report_settings,
        "followup": d.followup,
    });
    Ok(serde_json::to_vec_pretty(&value)?)
}
