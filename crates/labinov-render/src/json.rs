//! `data.json`: the whole lab as JSON, for programs.
//!
//! `{"format": "labinov-export", "version": 1, ...}`: the lab, agencies, people, agenda,
//! option lists, every idea (those in the trash and merged ones too, with `deletedAt` and
//! `mergedInto`), photos' metadata (the bytes are in the bundle), pitch notes, the rubric,
//! submitted reviews, the ranking and closed voting rounds, the attendance of every
//! session (`attendance`, unticked rows too, with `present`) and its counts
//! (`attendanceCounts`), and the activity report's settings (`reportSettings`); adding
//! keys keeps `version`. Field names are the app's own
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
    });
    Ok(serde_json::to_vec_pretty(&value)?)
}
