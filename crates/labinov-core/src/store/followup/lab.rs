//! A lab's whole follow-up for the exports (`data.json`, the report, the innovation
//! profiles): every live idea with any follow-up, with its IID checklist and estimate,
//! the estimate and coverage per agency, and the board's summary as of a given day.
//!
//! Read lab-wide, one query per table (whatever the number of ideas), in one read
//! transaction, with the row readers of the per-idea operations; the board is
//! [`Store::followup_board`] and the estimates [`estimate`] and [`agency_score`], so the
//! export says what the app shows.
//!
//! An idea **has a follow-up** when it has a plan row (lead or person responsible set),
//! a partner, a step, a milestone with a date, a progress update, a coaching note, an
//! evidence file or an IID answer (a parameter or evidence).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::charts::Chart;
use crate::error::Result;
use crate::followup::iid::{agency_score, estimate, IidAnswer, IidBand, IidConfig, IidEstimate};
use crate::followup::{CoachNote, Evidence, IdeaFollowup, Milestone, Partner, Step};
use crate::followup::{FollowupPlan, ProgressUpdate};
use crate::store::{Overdue, Store, Tx};
use rusqlite::Row;

use super::evidence::{evidence_from_row, EVIDENCE_COLUMNS};
use super::iid::checklist;
use super::plan::{
    milestone_from_row, note_from_row, partner_from_row, step_from_row, update_from_row,
    STEP_COLUMNS, UPDATE_COLUMNS,
};

/// One idea's follow-up as the exports show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportedIdeaFollowup {
    /// Plan, partners, steps, milestones (one per stage), updates and coaching notes
    /// (newest first), evidence (without bytes).
    #[serde(flatten)]
    pub followup: IdeaFollowup,
    /// The lead agency (the plan's, else the idea's own).
    pub lead_agency_id: String,
    /// The stage reached and the latest percentage, by the board's rules.
    pub stage: String,
    pub percent: u32,
    /// Steps and milestones overdue on the day of the export.
    pub overdue: u32,
    /// The IID checklist: one answer per indicator of the lab's configuration, in order.
    pub iid: Vec<IidAnswer>,
    /// Always an estimate (`isEstimate`), never the index's result.
    pub estimate: IidEstimate,
}

impl ExportedIdeaFollowup {
    /// The file names of the evidence linked to an answer, in the answer's order.
    pub fn evidence_names(&self, answer: &IidAnswer) -> Vec<&str> {
        answer
            .evidence
            .iter()
            .filter_map(|id| self.followup.evidence.iter().find(|e| &e.id == id))
            .map(|e| e.file_name.as_str())
            .collect()
    }
}

/// An agency's follow-up: its coverage on the board and its estimated index.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgencyFollowupIndex {
    pub agency_id: String,
    pub code: String,
    pub name: String,
    pub short_name: String,
    /// The live innovations it leads.
    pub ideas: u32,
    /// Of which with a follow-up.
    pub with_followup: u32,
    /// Its innovations per stage, in the order of the lab's `stages`.
    pub per_stage: Vec<u32>,
    pub mean_percent: u32,
    /// One of its innovations is past the first stage ("One Agency, One Innovation").
    pub past_first_stage: bool,
    pub overdue: u32,
    /// Always true: an estimate, not the index's result.
    pub is_estimate: bool,
    /// The mean of its innovations' estimated scores; `None` when it leads none.
    pub score: Option<f64>,
    pub band: Option<IidBand>,
}

/// A lab's follow-up for the exports (module docs).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LabFollowup {
    /// The day overdue items and stages are counted on (`YYYY-MM-DD`).
    pub today: String,
    /// The lab's stages (`tahapan` codes) in order.
    pub stages: Vec<String>,
    /// The IID configuration the estimates use (the lab's own or the shipped one).
    pub iid_config: IidConfig,
    /// The live ideas with a follow-up, oldest first.
    pub ideas: Vec<ExportedIdeaFollowup>,
    /// The lab's active agencies, in roster order.
    pub agencies: Vec<AgencyFollowupIndex>,
    /// Most days late first.
    pub overdue: Vec<Overdue>,
    /// Active agencies with no innovation past the first stage (ids).
    pub not_past_first_stage: Vec<String>,
    /// Mean progress per month over the lab.
    pub progress: Chart,
}

impl LabFollowup {
    pub fn idea(&self, idea_id: &str) -> Option<&ExportedIdeaFollowup> {
        self.ideas.iter().find(|i| i.followup.idea_id == idea_id)
    }
}

/// Rows of a lab-wide query grouped by their idea, in query order.
fn grouped<T>(rows: Vec<T>, idea: impl Fn(&T) -> &str) -> HashMap<String, Vec<T>> {
    let mut out: HashMap<String, Vec<T>> = HashMap::new();
    for r in rows {
        out.entry(idea(&r).to_owned()).or_default().push(r);
    }
    out
}

impl Store {
    /// The lab's whole follow-up as of `today` (module docs).
    pub fn lab_followup(&self, lab_id: &str, today: &str) -> Result<LabFollowup> {
        let board = self.followup_board(lab_id, today)?;
        self.read_followup(|tx| {
            let config = tx.iid_config_of(lab_id)?;
            let agencies = tx.list_agencies_in(lab_id)?;
            // Lab-wide reads of one table each (`c`), only rows of live ideas, `tail`
            // adding conditions and the order.
            let read = |columns: &str, table: &str, tail: &str| -> String {
                let columns = columns
                    .split(", ")
                    .map(|c| format!("c.{c}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                format!(
                    "SELECT {columns} FROM {table} c JOIN idea i ON i.id = c.idea_id
                     WHERE i.lab_id = ?1 AND i.deleted_at IS NULL AND i.merged_into IS NULL {tail}"
                )
            };
            fn all<T>(
                tx: &Tx<'_>,
                sql: &str,
                lab_id: &str,
                row: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
            ) -> Result<Vec<T>> {
                let mut stmt = tx.prepare(sql)?;
                let rows = stmt.query_map([lab_id], row)?;
                Ok(rows.collect::<Result<_, _>>()?)
            }
            let live = "AND c.deleted_at IS NULL";
            let newest_first = "AND c.deleted_at IS NULL
                                ORDER BY c.on_date DESC, c.created_at DESC, c.id DESC";
            let own_agency: HashMap<String, String> = all(
                tx,
                "SELECT id, agency_id FROM idea
                 WHERE lab_id = ?1 AND deleted_at IS NULL AND merged_into IS NULL",
                lab_id,
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
            .into_iter()
            .collect();
            let plans: HashMap<String, FollowupPlan> = all(
                tx,
                &read("idea_id, agency_id, responsible", "followup_plan", ""),
                lab_id,
                |r| {
                    Ok(FollowupPlan {
                        idea_id: r.get(0)?,
                        agency_id: r.get(1)?,
                        responsible: r.get(2)?,
                    })
                },
            )?
            .into_iter()
            .map(|p| (p.idea_id.clone(), p))
            .collect();
            let partners: Vec<Partner> = all(
                tx,
                &read(
                    "id, idea_id, agency_id, role",
                    "followup_partner",
                    &format!("{live} ORDER BY c.created_at, c.id"),
                ),
                lab_id,
                partner_from_row,
            )?;
            let steps: Vec<Step> = all(
                tx,
                &read(
                    STEP_COLUMNS,
                    "followup_step",
                    &format!("{live} ORDER BY c.position, c.created_at, c.id"),
                ),
                lab_id,
                step_from_row,
            )?;
            let milestones: HashMap<(String, String), Milestone> = all(
                tx,
                &read(
                    "idea_id, stage, planned_date, actual_date",
                    "followup_milestone",
                    "",
                ),
                lab_id,
                milestone_from_row,
            )?
            .into_iter()
            .map(|m| ((m.idea_id.clone(), m.stage.clone()), m))
            .collect();
            let updates: Vec<ProgressUpdate> = all(
                tx,
                &read(UPDATE_COLUMNS, "followup_update", newest_first),
                lab_id,
                update_from_row,
            )?;
            let notes: Vec<CoachNote> = all(
                tx,
                &read(
                    "id, idea_id, on_date, coach, text, created_at",
                    "followup_coach_note",
                    newest_first,
                ),
                lab_id,
                note_from_row,
            )?;
            let evidence: Vec<Evidence> = all(
                tx,
                &read(
                    EVIDENCE_COLUMNS,
                    "followup_evidence",
                    &format!("{live} ORDER BY c.created_at, c.id"),
                ),
                lab_id,
                evidence_from_row,
            )?;
            let answers: Vec<(String, IidAnswer)> = all(
                tx,
                &read(
                    "idea_id, indicator, parameter, evidence",
                    "followup_iid_answer",
                    "ORDER BY c.idea_id, c.indicator",
                ),
                lab_id,
                |r| {
                    let ev: String = r.get(3)?;
                    Ok((
                        r.get(0)?,
                        IidAnswer {
                            indicator: r.get(1)?,
                            parameter: r.get(2)?,
                            evidence: serde_json::from_str(&ev).unwrap_or_default(),
                        },
                    ))
                },
            )?;

            let live_evidence: HashSet<&str> = evidence.iter().map(|e| e.id.as_str()).collect();
            let mut answers = grouped(answers, |(idea, _)| idea);
            for list in answers.values_mut() {
                // As `iid_answers_of`: evidence removed since it was linked supports nothing.
                for (_, a) in list.iter_mut() {
                    a.evidence.retain(|id| live_evidence.contains(id.as_str()));
                }
            }
            let mut with: HashSet<String> = HashSet::new();
            with.extend(plans.keys().cloned());
            with.extend(partners.iter().map(|p| p.idea_id.clone()));
            with.extend(steps.iter().map(|p| p.idea_id.clone()));
            with.extend(updates.iter().map(|p| p.idea_id.clone()));
            with.extend(notes.iter().map(|p| p.idea_id.clone()));
            with.extend(evidence.iter().map(|p| p.idea_id.clone()));
            with.extend(
                milestones
                    .values()
                    .filter(|m| m.planned_date.is_some() || m.actual_date.is_some())
                    .map(|m| m.idea_id.clone()),
            );
            with.extend(
                answers
                    .iter()
                    .filter(|(_, l)| {
                        l.iter()
                            .any(|(_, a)| a.parameter.is_some() || !a.evidence.is_empty())
                    })
                    .map(|(idea, _)| idea.clone()),
            );
            let mut partners = grouped(partners, |p| &p.idea_id);
            let mut steps = grouped(steps, |s| &s.idea_id);
            let mut updates = grouped(updates, |u| &u.idea_id);
            let mut notes = grouped(notes, |n| &n.idea_id);
            let mut evidence = grouped(evidence, |e| &e.idea_id);

            // Every live idea's estimate counts for its lead agency; only those with a
            // follow-up are listed.
            let mut scores: HashMap<&str, Vec<f64>> = HashMap::new();
            let mut with_followup: HashMap<&str, u32> = HashMap::new();
            let mut ideas = Vec::new();
            // Most ideas of a large lab have no answer: their estimate is this one.
            let blank = estimate(&config, &[]);
            for b in &board.ideas {
                let mine: Vec<IidAnswer> = answers
                    .remove(&b.idea_id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(_, a)| a)
                    .collect();
                let est = if mine.is_empty() {
                    None
                } else {
                    Some(estimate(&config, &mine))
                };
                scores
                    .entry(b.agency_id.as_str())
                    .or_default()
                    .push(est.as_ref().unwrap_or(&blank).score);
                if !with.contains(&b.idea_id) {
                    continue;
                }
                let est = est.unwrap_or_else(|| blank.clone());
                *with_followup.entry(b.agency_id.as_str()).or_default() += 1;
                let id = b.idea_id.clone();
                let followup = IdeaFollowup {
                    idea_id: id.clone(),
                    lab_id: lab_id.into(),
                    title: b.title.clone(),
                    idea_agency_id: own_agency.get(&id).cloned().unwrap_or_default(),
                    plan: plans.get(&id).cloned().unwrap_or(FollowupPlan {
                        idea_id: id.clone(),
                        agency_id: None,
                        responsible: String::new(),
                    }),
                    partners: partners.remove(&id).unwrap_or_default(),
                    steps: steps.remove(&id).unwrap_or_default(),
                    milestones: board
                        .stages
                        .iter()
                        .map(|s| {
                            milestones
                                .get(&(id.clone(), s.clone()))
                                .cloned()
                                .unwrap_or(Milestone {
                                    idea_id: id.clone(),
                                    stage: s.clone(),
                                    planned_date: None,
                                    actual_date: None,
                                })
                        })
                        .collect(),
                    updates: updates.remove(&id).unwrap_or_default(),
                    coach_notes: notes.remove(&id).unwrap_or_default(),
                    evidence: evidence.remove(&id).unwrap_or_default(),
                };
                ideas.push(ExportedIdeaFollowup {
                    followup,
                    lead_agency_id: b.agency_id.clone(),
                    stage: b.stage.clone(),
                    percent: b.percent,
                    overdue: b.overdue,
                    iid: checklist(&config, &mine),
                    estimate: est,
                });
            }
            let agencies = board
                .agencies
                .iter()
                .map(|a| {
                    let agg = scores
                        .get(a.agency_id.as_str())
                        .and_then(|s| agency_score(&config, s));
                    AgencyFollowupIndex {
                        agency_id: a.agency_id.clone(),
                        code: agencies
                            .iter()
                            .find(|x| x.id == a.agency_id)
                            .map(|x| x.code.clone())
                            .unwrap_or_default(),
                        name: a.name.clone(),
                        short_name: a.short_name.clone(),
                        ideas: a.ideas,
                        with_followup: with_followup
                            .get(a.agency_id.as_str())
                            .copied()
                            .unwrap_or(0),
                        per_stage: a.per_stage.clone(),
                        mean_percent: a.mean_percent,
                        past_first_stage: a.past_first_stage,
                        overdue: a.overdue,
                        is_estimate: true,
                        score: agg.as_ref().map(|x| x.0),
                        band: agg.map(|x| x.1),
                    }
                })
                .collect();
            Ok(LabFollowup {
                today: board.today.clone(),
                stages: board.stages.clone(),
                iid_config: config,
                ideas,
                agencies,
                overdue: board.overdue.clone(),
                not_past_first_stage: board.not_past_first_stage.clone(),
                progress: board.progress.clone(),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::demo::{create_demo_lab, DEMO_EVIDENCE_FILE};
    use crate::store::Store;

    #[test]
    fn the_lab_wide_read_says_what_the_per_idea_reads_say() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("lab.db")).unwrap();
        let lab = create_demo_lab(&store).unwrap();
        let f = store.lab_followup(&lab.id, "2026-12-07").unwrap();
        let titles: Vec<&str> = f.ideas.iter().map(|i| i.followup.title.as_str()).collect();
        assert_eq!(titles.len(), 3, "the demo's three plans: {titles:?}");
        for i in &f.ideas {
            let id = &i.followup.idea_id;
            assert_eq!(i.followup, store.idea_followup(id).unwrap());
            assert_eq!(i.iid, store.iid_checklist(id).unwrap());
            assert_eq!(i.estimate, store.iid_estimate(id).unwrap());
        }
        let akrab = f
            .ideas
            .iter()
            .find(|i| i.followup.title.contains("AKRAB"))
            .unwrap();
        assert_eq!(akrab.followup.partners.len(), 2);
        assert_eq!(akrab.followup.steps.len(), 4);
        assert_eq!((akrab.stage.as_str(), akrab.percent), ("uji_coba", 40));
        let linked = akrab
            .iid
            .iter()
            .find(|a| a.indicator == "regulasi")
            .unwrap();
        assert_eq!(akrab.evidence_names(linked), [DEMO_EVIDENCE_FILE]);
        // Regulasi 2·3 + SDM 2·2 + keterlibatan aktor 3·1 + jejaring 2·1 = 15 of 111
        // points (kemudahan proses has no evidence): 13.51, Kurang Inovatif.
        assert_eq!(akrab.estimate.score, 13.51);
        assert_eq!(akrab.estimate.band.code, "kurang_inovatif");
        assert!(akrab.estimate.is_estimate);

        // Per agency: the same as the app's own per-agency estimate; Disdukcapil leads
        // AKRAB and ADEM: (13.51 + 0) / 2 = 6.755 → 6.76.
        let by_agency = store.iid_estimates_by_agency(&lab.id).unwrap();
        for a in &f.agencies {
            let app = by_agency
                .iter()
                .find(|x| x.agency_id == a.agency_id)
                .unwrap();
            assert_eq!((a.score, &a.band), (app.score, &app.band), "{}", a.code);
            assert!(a.is_estimate);
        }
        let dukcapil = f.agencies.iter().find(|a| a.code == "DISDUKCAPIL").unwrap();
        assert_eq!(dukcapil.score, Some(6.76));
        assert_eq!((dukcapil.ideas, dukcapil.with_followup), (2, 1));
        assert!(dukcapil.past_first_stage);
        assert_eq!(f.not_past_first_stage.len(), f.agencies.len() - 1);

        // On 7 December 2026 LAJU's step and its uji coba milestone are a week late.
        let late: Vec<(&str, u32)> = f
            .overdue
            .iter()
            .map(|o| (o.title.as_str(), o.days_late))
            .collect();
        assert_eq!(late.len(), 2, "{late:?}");
        assert!(late.iter().all(|(t, d)| t.contains("LAJU") && *d == 7));

        // An idea in the trash is not exported with its follow-up.
        let laju = f
            .ideas
            .iter()
            .find(|i| i.followup.title.contains("LAJU"))
            .unwrap();
        store.delete_idea(&laju.followup.idea_id).unwrap();
        let after = store.lab_followup(&lab.id, "2026-12-07").unwrap();
        assert_eq!(after.ideas.len(), 2);
        assert!(after.overdue.is_empty());
    }
}
