//! The follow-up board: every live idea's stage and progress by agency, what is overdue
//! as of a given `today` (never the wall clock: the caller says which day it is), the
//! agencies with no innovation past the first stage (the "One Agency, One Innovation"
//! coverage), and the progress charts ([`crate::charts::progress_chart`]).
//!
//! Rules:
//! - An idea counts for its lead agency (the plan's, else its own).
//! - Its **stage** is the furthest, in the lab's `tahapan` order, of: the idea's own
//!   `tahapan` field, the stages of its progress updates dated up to `today`, and the
//!   milestones reached (actual date up to `today`). None of these: the first stage.
//! - Its **progress** is the percentage of its latest update dated up to `today` (by
//!   date, then by when it was written); 0 before any.
//! - **Overdue**: a step not `selesai` whose due date is before `today`, and a
//!   milestone planned before `today` and not reached.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::charts::{progress_chart, Chart, ChartId};
use crate::error::Result;
use crate::followup::{clean_date, StepStatus};
use crate::store::Store;

/// Most months a progress chart shows (the latest ones).
pub const MAX_CHART_MONTHS: usize = 36;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BoardIdea {
    pub idea_id: String,
    pub title: String,
    /// The lead agency.
    pub agency_id: String,
    /// A `tahapan` code (board rules).
    pub stage: String,
    pub percent: u32,
    /// The date of the latest update up to `today`.
    pub last_update: Option<String>,
    pub steps: u32,
    pub steps_done: u32,
    pub overdue: u32,
}

string_enum! {
    /// What is overdue.
    pub enum OverdueKind {
        Step = "step",
        Milestone = "milestone",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Overdue {
    pub idea_id: String,
    pub title: String,
    pub agency_id: String,
    pub kind: OverdueKind,
    /// The step's id, or the milestone's stage code.
    pub id: String,
    /// The step's title, or the milestone's stage code.
    pub what: String,
    pub due: String,
    pub days_late: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgencyFollowup {
    pub agency_id: String,
    pub name: String,
    pub short_name: String,
    pub ideas: u32,
    /// Ideas per stage, in the order of the board's `stages`.
    pub per_stage: Vec<u32>,
    /// The mean progress of its ideas (0 when none), rounded.
    pub mean_percent: u32,
    /// Whether one of its innovations is past the first stage.
    pub past_first_stage: bool,
    pub overdue: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgencyChart {
    pub agency_id: String,
    pub chart: Chart,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowupBoard {
    pub lab_id: String,
    pub today: String,
    /// The lab's stages (`tahapan` codes) in order.
    pub stages: Vec<String>,
    pub ideas: Vec<BoardIdea>,
    /// Most days late first.
    pub overdue: Vec<Overdue>,
    /// The lab's active agencies, in roster order.
    pub agencies: Vec<AgencyFollowup>,
    /// Active agencies with no innovation past the first stage (none at all included).
    pub not_past_first_stage: Vec<String>,
    pub progress: Chart,
    /// One per agency with ideas, in roster order.
    pub agency_progress: Vec<AgencyChart>,
}

struct UpdateRow {
    idea: String,
    date: String,
    stage: String,
    percent: u32,
}

/// The last day of the month of `d`.
fn month_end(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|n| n.pred_opt())
        .unwrap_or(d)
}

fn mean(values: &[u32]) -> u32 {
    if values.is_empty() {
        return 0;
    }
    let sum: u32 = values.iter().sum();
    let n = values.len() as u32;
    (2 * sum + n) / (2 * n)
}

impl Store {
    /// The follow-up board of a lab as of `today` (`YYYY-MM-DD` or `DD/MM/YYYY`).
    pub fn followup_board(&self, lab_id: &str, today: &str) -> Result<FollowupBoard> {
        let today = clean_date("today", today)?
            .ok_or_else(|| crate::Error::invalid("today", crate::Reason::Required))?;
        let today_d = crate::time::parse_date("today", &today)?;
        self.get_lab(lab_id)?;
        self.read_followup(|tx| {
            let stages = tx.stages(lab_id)?;
            let stage_ix = |s: &str| stages.iter().position(|x| x == s);
            let agencies: Vec<_> = tx
                .list_agencies_in(lab_id)?
                .into_iter()
                .filter(|a| a.retired_at.is_none())
                .collect();
            let ideas: Vec<(String, String, String, String)> = {
                let mut stmt = tx.prepare(
                    "SELECT i.id, i.title, coalesce(p.agency_id, i.agency_id), i.tahapan FROM idea i
                     LEFT JOIN followup_plan p ON p.idea_id = i.id
                     WHERE i.lab_id = ?1 AND i.deleted_at IS NULL AND i.merged_into IS NULL
                     ORDER BY i.created_at, i.id",
                )?;
                let rows =
                    stmt.query_map([lab_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
                rows.collect::<Result<_, _>>()?
            };
            let updates: Vec<UpdateRow> = {
                let mut stmt = tx.prepare(
                    "SELECT u.idea_id, u.on_date, u.stage, u.percent FROM followup_update u
                     JOIN idea i ON i.id = u.idea_id
                     WHERE i.lab_id = ?1 AND u.deleted_at IS NULL AND u.on_date <= ?2
                     ORDER BY u.on_date, u.created_at, u.id",
                )?;
                let rows = stmt.query_map([lab_id, &today], |r| {
                    Ok(UpdateRow {
                        idea: r.get(0)?,
                        date: r.get(1)?,
                        stage: r.get(2)?,
                        percent: r.get(3)?,
                    })
                })?;
                rows.collect::<Result<_, _>>()?
            };
            let milestones: Vec<(String, String, Option<String>, Option<String>)> = {
                let mut stmt = tx.prepare(
                    "SELECT m.idea_id, m.stage, m.planned_date, m.actual_date FROM followup_milestone m
                     JOIN idea i ON i.id = m.idea_id WHERE i.lab_id = ?1",
                )?;
                let rows =
                    stmt.query_map([lab_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
                rows.collect::<Result<_, _>>()?
            };
            let steps: Vec<(String, String, String, Option<String>, String)> = {
                let mut stmt = tx.prepare(
                    "SELECT s.idea_id, s.id, s.title, s.due_date, s.status FROM followup_step s
                     JOIN idea i ON i.id = s.idea_id
                     WHERE i.lab_id = ?1 AND s.deleted_at IS NULL ORDER BY s.position, s.id",
                )?;
                let rows = stmt.query_map([lab_id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })?;
                rows.collect::<Result<_, _>>()?
            };
            let days_late = |due: &str| {
                NaiveDate::parse_from_str(due, "%Y-%m-%d")
                    .map(|d| (today_d - d).num_days().max(0) as u32)
                    .unwrap_or(0)
            };

            let mut board_ideas = Vec::new();
            let mut overdue = Vec::new();
            for (id, title, agency, tahapan) in &ideas {
                let mut stage = stage_ix(tahapan).unwrap_or(0);
                let mut percent = 0;
                let mut last = None;
                for u in updates.iter().filter(|u| &u.idea == id) {
                    stage = stage.max(stage_ix(&u.stage).unwrap_or(0));
                    percent = u.percent;
                    last = Some(u.date.clone());
                }
                let mut late = 0;
                for (_, st, planned, actual) in milestones.iter().filter(|m| &m.0 == id) {
                    if actual.as_deref().is_some_and(|a| a <= today.as_str()) {
                        stage = stage.max(stage_ix(st).unwrap_or(0));
                    }
                    if let (Some(p), None) = (planned, actual) {
                        if p.as_str() < today.as_str() {
                            late += 1;
                            overdue.push(Overdue {
                                idea_id: id.clone(),
                                title: title.clone(),
                                agency_id: agency.clone(),
                                kind: OverdueKind::Milestone,
                                id: st.clone(),
                                what: st.clone(),
                                due: p.clone(),
                                days_late: days_late(p),
                            });
                        }
                    }
                }
                let mine: Vec<_> = steps.iter().filter(|s| &s.0 == id).collect();
                let done = mine
                    .iter()
                    .filter(|s| StepStatus::parse(&s.4) == Some(StepStatus::Selesai))
                    .count() as u32;
                for (_, sid, stitle, due, status) in &mine {
                    let finished = StepStatus::parse(status) == Some(StepStatus::Selesai);
                    if let Some(d) = due.as_deref().filter(|d| *d < today.as_str()) {
                        if !finished {
                            late += 1;
                            overdue.push(Overdue {
                                idea_id: id.clone(),
                                title: title.clone(),
                                agency_id: agency.clone(),
                                kind: OverdueKind::Step,
                                id: sid.clone(),
                                what: stitle.clone(),
                                due: d.to_owned(),
                                days_late: days_late(d),
                            });
                        }
                    }
                }
                board_ideas.push(BoardIdea {
                    idea_id: id.clone(),
                    title: title.clone(),
                    agency_id: agency.clone(),
                    stage: stages.get(stage).cloned().unwrap_or_default(),
                    percent,
                    last_update: last,
                    steps: mine.len() as u32,
                    steps_done: done,
                    overdue: late,
                });
            }
            overdue.sort_by(|a, b| {
                b.days_late
                    .cmp(&a.days_late)
                    .then_with(|| a.title.cmp(&b.title))
                    .then_with(|| a.what.cmp(&b.what))
            });

            let mut per_agency = Vec::new();
            for a in &agencies {
                let mine: Vec<&BoardIdea> =
                    board_ideas.iter().filter(|i| i.agency_id == a.id).collect();
                let mut per_stage = vec![0u32; stages.len()];
                for i in &mine {
                    if let Some(ix) = stage_ix(&i.stage) {
                        per_stage[ix] += 1;
                    }
                }
                let percents: Vec<u32> = mine.iter().map(|i| i.percent).collect();
                per_agency.push(AgencyFollowup {
                    agency_id: a.id.clone(),
                    name: a.name.clone(),
                    short_name: a.short_name.clone(),
                    ideas: mine.len() as u32,
                    mean_percent: mean(&percents),
                    past_first_stage: mine
                        .iter()
                        .any(|i| stage_ix(&i.stage).is_some_and(|x| x > 0)),
                    overdue: mine.iter().map(|i| i.overdue).sum(),
                    per_stage,
                });
            }
            let not_past_first_stage = per_agency
                .iter()
                .filter(|a| !a.past_first_stage)
                .map(|a| a.agency_id.clone())
                .collect();

            // Progress over time: month ends from the first update's month to today's.
            let mut months: Vec<(String, NaiveDate)> = Vec::new();
            if let Some(first) = updates
                .first()
                .and_then(|u| NaiveDate::parse_from_str(&u.date, "%Y-%m-%d").ok())
            {
                let mut d = first.with_day(1).unwrap_or(first);
                while d <= today_d {
                    months.push((
                        format!("{:04}-{:02}", d.year(), d.month()),
                        month_end(d).min(today_d),
                    ));
                    match month_end(d).succ_opt() {
                        Some(next) => d = next,
                        None => break,
                    }
                }
                let skip = months.len().saturating_sub(MAX_CHART_MONTHS);
                months.drain(..skip);
            }
            let percent_at = |idea: &str, end: NaiveDate| -> u32 {
                let end = end.to_string();
                updates
                    .iter()
                    .rev()
                    .find(|u| u.idea == idea && u.date <= end)
                    .map_or(0, |u| u.percent)
            };
            let series = |ids: &[&str]| -> Vec<(String, u32)> {
                months
                    .iter()
                    .map(|(label, end)| {
                        let values: Vec<u32> = ids.iter().map(|i| percent_at(i, *end)).collect();
                        (label.clone(), mean(&values))
                    })
                    .collect()
            };
            let all: Vec<&str> = board_ideas.iter().map(|i| i.idea_id.as_str()).collect();
            let progress = progress_chart(ChartId::Progress, &series(&all));
            let mut by_agency: HashMap<&str, Vec<&str>> = HashMap::new();
            for i in &board_ideas {
                by_agency
                    .entry(i.agency_id.as_str())
                    .or_default()
                    .push(i.idea_id.as_str());
            }
            let agency_progress = agencies
                .iter()
                .filter_map(|a| {
                    by_agency.get(a.id.as_str()).map(|ids| AgencyChart {
                        agency_id: a.id.clone(),
                        chart: progress_chart(ChartId::AgencyProgress, &series(ids)),
                    })
                })
                .collect();

            Ok(FollowupBoard {
                lab_id: lab_id.into(),
                today: today.clone(),
                stages: stages.clone(),
                ideas: board_ideas,
                overdue,
                agencies: per_agency,
                not_past_first_stage,
                progress,
                agency_progress,
            })
        })
    }
}
