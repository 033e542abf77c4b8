//! Everything an export shows, read once from one consistent snapshot of the database.

use std::collections::HashMap;

use serde::Serialize;

use super::words::{w, Lang};
use crate::error::Result;
use crate::fields::{field, FieldDef, FieldKind, FieldValue, IDEA_FIELDS};
use crate::model::*;
use crate::Store;

/// A photo as the report shows it: its thumbnail (JPEG, 320 px).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Photo {
    pub attachment: Attachment,
    #[serde(skip)]
    pub thumbnail: Vec<u8>,
}

/// A closed voting round with its tally.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VoteRoundResult {
    pub round: VoteRound,
    pub results: Vec<VoteResult>,
}

/// The lab as the export files show it.
#[derive(Debug, Clone)]
pub struct ReportData {
    pub lab: Lab,
    pub agencies: Vec<Agency>,
    /// Live ideas (not in the trash, not merged away), oldest first, with their agency.
    pub ideas: Vec<IdeaListing>,
    /// Every idea of the lab, the trash and merged ones too (for `data.json`).
    pub all_ideas: Vec<Idea>,
    pub options: Vec<OptionItem>,
    pub agenda: Vec<AgendaSession>,
    pub people: Vec<Person>,
    pub rubric: Vec<Criterion>,
    /// Submitted reviews, by idea id.
    pub reviews: HashMap<String, Vec<Review>>,
    pub ranking: Vec<RankRow>,
    pub votes: Vec<VoteRoundResult>,
    pub photos: HashMap<String, Vec<Photo>>,
    pub notes: HashMap<String, Vec<IdeaNote>>,
    pub stats: LabStats,
    /// What the lab publishes in its gallery and posters (see [`super::Gallery`]).
    pub gallery: super::GalleryChoices,
    pub exported_at: String,
    pub installation_id: String,
    /// Attendance of the agenda's sessions (ticked and unticked), in agenda order.
    pub attendance: Vec<Attendee>,
    pub attendance_counts: AttendanceCounts,
    pub report_settings: ReportSettings,
    /// The ideas pitched on this laptop (the queue's finished slots), in pitch order.
    pub pitched: Vec<String>,
    /// Where each idea with a follow-up stands (its latest update, its dated milestones).
    pub progress: HashMap<String, crate::followup::IdeaProgress>,
    /// The lab's whole follow-up (plans, updates, evidence, IID estimates, the board's
    /// summary) as of the export's day in the lab's time zone.
    pub followup: crate::followup::LabFollowup,
}

impl ReportData {
    pub fn read(store: &Store, lab_id: &str) -> Result<ReportData> {
        let lab = store.get_lab(lab_id)?;
        let ideas = store.idea_listing(lab_id)?;
        let all_ideas = {
            let conn = store.conn();
            let mut stmt = conn.prepare(&format!(
                "SELECT {} FROM idea WHERE lab_id = ?1 ORDER BY created_at, id",
                crate::store::idea_columns("idea")
            ))?;
            let rows = stmt.query_map([lab_id], crate::store::idea_row)?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        let (reviewed, rounds, photo_rows, note_ideas) = {
            let conn = store.conn();
            let reviewed: Vec<String> = conn
                .prepare(
                    "SELECT DISTINCT r.idea_id FROM review r JOIN idea i ON i.id = r.idea_id
                     WHERE i.lab_id = ?1 AND r.submitted_at IS NOT NULL",
                )?
                .query_map([lab_id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let rounds: Vec<String> = conn
                .prepare(
                    "SELECT id FROM vote_round WHERE lab_id = ?1 AND closed_at IS NOT NULL
                     ORDER BY opened_at, id",
                )?
                .query_map([lab_id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let photos: Vec<(Attachment, Option<Vec<u8>>)> = conn
                .prepare(
                    "SELECT a.id, a.idea_id, a.file_name, a.mime, a.size, a.sha256, a.created_at,
                            a.thumbnail
                     FROM attachment a JOIN idea i ON i.id = a.idea_id
                     WHERE i.lab_id = ?1 AND a.deleted_at IS NULL ORDER BY a.created_at, a.id",
                )?
                .query_map([lab_id], |r| {
                    Ok((
                        Attachment {
                            id: r.get(0)?,
                            idea_id: r.get(1)?,
                            file_name: r.get(2)?,
                            mime: r.get(3)?,
                            size: r.get(4)?,
                            sha256: r.get(5)?,
                            created_at: r.get(6)?,
                        },
                        r.get(7)?,
                    ))
                })?
                .collect::<Result<_, _>>()?;
            let notes: Vec<String> = conn
                .prepare(
                    "SELECT DISTINCT n.idea_id FROM idea_note n JOIN idea i ON i.id = n.idea_id
                     WHERE i.lab_id = ?1",
                )?
                .query_map([lab_id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            (reviewed, rounds, photos, notes)
        };
        let mut reviews = HashMap::new();
        for idea_id in reviewed {
            let seen = store.idea_reviews(&idea_id, None)?;
            reviews.insert(idea_id, seen.others);
        }
        let mut votes = Vec::new();
        for id in rounds {
            votes.push(VoteRoundResult {
                round: store.vote_round(&id)?,
                results: store.vote_results(&id)?,
            });
        }
        let mut photos: HashMap<String, Vec<Photo>> = HashMap::new();
        for (attachment, thumb) in photo_rows {
            photos
                .entry(attachment.idea_id.clone())
                .or_default()
                .push(Photo {
                    attachment,
                    thumbnail: thumb.unwrap_or_default(),
                });
        }
        let mut notes = HashMap::new();
        for idea_id in note_ideas {
            notes.insert(idea_id.clone(), store.list_idea_notes(&idea_id)?);
        }
        let exported_at = crate::time::now_utc();
        // The export's day where the lab is: what is overdue is counted on it.
        let today: String = crate::time::local_display(&exported_at, &lab.time_zone)
            .chars()
            .take(10)
            .collect();
        let pitched: Vec<String> = {
            let conn = store.conn();
            let mut stmt = conn.prepare(
                "SELECT idea_id FROM pitch_slot WHERE lab_id = ?1 AND state = 'done'
                 ORDER BY position, idea_id",
            )?;
            let rows = stmt.query_map([lab_id], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        Ok(ReportData {
            attendance: store.attendance(lab_id)?,
            attendance_counts: store.attendance_counts(lab_id)?,
            report_settings: store.report_settings(lab_id)?,
            pitched,
            agencies: store.list_agencies(lab_id)?,
            options: store.list_options(lab_id)?,
            agenda: store.agenda(lab_id)?,
            people: store.list_people(lab_id)?,
            rubric: store.rubric(lab_id)?,
            ranking: store.ranking(lab_id)?,
            stats: store.lab_stats(lab_id)?,
            gallery: store.gallery_choices(lab_id)?,
            progress: store.lab_progress(lab_id)?,
            followup: store.lab_followup(lab_id, &today)?,
            installation_id: store.installation_id().to_owned(),
            lab,
            ideas,
            all_ideas,
            reviews,
            votes,
            photos,
            notes,
            exported_at,
        })
    }

    /// The label of an option code in `lang`, or the code itself when the list has no
    /// such option (kept readable rather than dropped).
    pub fn label(&self, lang: Lang, list: &str, code: &str) -> String {
        if code.is_empty() {
            return String::new();
        }
        self.options
            .iter()
            .find(|o| o.list == list && o.code == code)
            .map(|o| match lang {
                Lang::Id => o.label_id.clone(),
                Lang::En => o.label_en.clone(),
            })
            .unwrap_or_else(|| code.to_owned())
    }

    pub fn labels(&self, lang: Lang, list: &str, codes: &[String]) -> String {
        codes
            .iter()
            .map(|c| self.label(lang, list, c))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// A field's value as the exports show it: an option code as its label in `lang`,
    /// lists joined by "; ", a lab day as its number.
    pub fn field_text(&self, lang: Lang, f: &IdeaInput, def: &FieldDef) -> String {
        match f.value(def.key).expect("a field of the table") {
            FieldValue::Text(v) if def.kind == FieldKind::Code => {
                self.label(lang, def.list_name(), v)
            }
            FieldValue::List(v) if def.kind == FieldKind::Codes => {
                self.labels(lang, def.list_name(), v)
            }
            FieldValue::Text(v) => v.to_owned(),
            FieldValue::List(v) => v.join("; "),
            FieldValue::Day(v) => v.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    pub fn criterion_label(&self, lang: Lang, code: &str) -> String {
        self.rubric
            .iter()
            .find(|c| c.code == code)
            .map(|c| match lang {
                Lang::Id => c.label_id.clone(),
                Lang::En => c.label_en.clone(),
            })
            .unwrap_or_else(|| code.to_owned())
    }

    /// The live ideas grouped by agency, in roster order; agencies without an idea left out.
    pub fn ideas_by_agency(&self) -> Vec<(&Agency, Vec<&IdeaListing>)> {
        let mut by: HashMap<&str, Vec<&IdeaListing>> = HashMap::new();
        for i in &self.ideas {
            by.entry(i.idea.fields.agency_id.as_str())
                .or_default()
                .push(i);
        }
        self.agencies
            .iter()
            .filter_map(|a| by.remove(a.id.as_str()).map(|v| (a, v)))
            .collect()
    }

    pub fn agency_idea_count(&self, agency_id: &str) -> usize {
        self.ideas
            .iter()
            .filter(|i| i.idea.fields.agency_id == agency_id)
            .count()
    }

    pub fn title_of(&self, idea_id: &str) -> Option<&IdeaListing> {
        self.ideas.iter().find(|i| i.idea.id == idea_id)
    }
}

/// A recommendation in words.
pub fn recommendation(lang: Lang, r: Option<Recommendation>) -> &'static str {
    match r {
        Some(Recommendation::Continue) => w(lang, "rec_lanjutkan"),
        Some(Recommendation::Improve) => w(lang, "rec_perbaiki"),
        Some(Recommendation::Stop) => w(lang, "rec_tidak"),
        None => "",
    }
}

/// The rows of the ideas table (sheet, CSV): a header and one row per live idea, the
/// columns of the official form, option fields as labels in `lang`.
/// The idea fields an idea's entry in the report lists: all but the agency (the entry is
/// under its agency) and the title (its heading), in table order.
pub fn detail_fields() -> impl Iterator<Item = &'static FieldDef> {
    IDEA_FIELDS
        .iter()
        .filter(|f| f.kind != FieldKind::Agency && f.key != "title")
}

/// The ideas as the spreadsheet and the CSV hold them: a number, the agency's code and
/// name, every other field in table order (option codes as labels in `lang`, lists joined
/// by "; "), the id and the capture time.
pub fn idea_table(d: &ReportData, lang: Lang) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let fields = || IDEA_FIELDS.iter().filter(|f| f.kind != FieldKind::Agency);
    let header = [
        w(lang, "col_no"),
        field("agencyId").header(lang),
        w(lang, "col_agency_name"),
    ]
    .into_iter()
    .chain(fields().map(|f| f.header(lang)))
    .chain([w(lang, "col_id"), w(lang, "col_created")])
    .collect();
    let rows = d
        .ideas
        .iter()
        .enumerate()
        .map(|(n, l)| {
            [
                (n + 1).to_string(),
                l.agency_code.clone(),
                l.agency_name.clone(),
            ]
            .into_iter()
            .chain(fields().map(|f| d.field_text(lang, &l.idea.fields, f)))
            .chain([
                l.idea.id.clone(),
                crate::time::local_display(&l.idea.created_at, &d.lab.time_zone),
            ])
            .collect()
        })
        .collect();
    (header, rows)
}

pub fn review_table(d: &ReportData, lang: Lang) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header: Vec<String> = vec![
        w(lang, "rank").into(),
        field("agencyId").header(lang).into(),
        field("title").header(lang).into(),
        w(lang, "mean").into(),
        w(lang, "col_reviewer").into(),
    ];
    for c in &d.rubric {
        header.push(d.criterion_label(lang, &c.code));
    }
    header.extend([
        w(lang, "total").into(),
        w(lang, "recommendation").into(),
        w(lang, "comment").into(),
    ]);
    let mut rows = Vec::new();
    for r in &d.ranking {
        let code = d
            .title_of(&r.idea_id)
            .map(|l| l.agency_code.clone())
            .unwrap_or_default();
        let reviews = d.reviews.get(&r.idea_id).cloned().unwrap_or_default();
        for rev in reviews {
            let mut row = vec![
                r.rank.map(|n| n.to_string()).unwrap_or_default(),
                code.clone(),
                r.title.clone(),
                r.mean.map(|m| format!("{m:.1}")).unwrap_or_default(),
                rev.reviewer_name.clone(),
            ];
            for c in &d.rubric {
                row.push(
                    rev.scores
                        .iter()
                        .find(|s| s.criterion == c.code)
                        .map(|s| format!("{}/{}", s.score, s.scale_max))
                        .unwrap_or_default(),
                );
            }
            row.push(rev.total.map(|t| format!("{t:.1}")).unwrap_or_default());
            row.push(recommendation(lang, rev.recommendation).into());
            row.push(rev.comment.clone());
            rows.push(row);
        }
    }
    (header, rows)
}

/// The agencies table: code, name, short name, group, ideas.
pub fn agency_table(d: &ReportData, lang: Lang) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let header = vec![
        field("agencyId").header(lang),
        w(lang, "col_agency_name"),
        w(lang, "col_short"),
        w(lang, "col_group"),
        w(lang, "col_idea_count"),
    ];
    let rows = d
        .agencies
        .iter()
        .map(|a| {
            vec![
                a.code.clone(),
                a.name.clone(),
                a.short_name.clone(),
                a.group.clone(),
                d.agency_idea_count(&a.id).to_string(),
            ]
        })
        .collect();
    (header, rows)
}

/// Whether a value would be read as a formula by a spreadsheet (OWASP CSV injection).
pub fn formula_like(s: &str) -> bool {
    matches!(
        s.chars().next(),
        Some('=') | Some('+') | Some('-') | Some('@') | Some('\t') | Some('\r')
    )
}
