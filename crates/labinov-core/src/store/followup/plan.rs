//! An idea's plan: lead agency and person responsible, partner agencies, action-plan
//! steps, milestones per stage, progress updates and coaching notes.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Row};
use serde_json::{Map, Value};

use crate::error::{Error, Reason, Result};
use crate::followup::{
    check_order, clean_date, CoachNote, FollowupPlan, IdeaFollowup, IdeaProgress, Milestone,
    Partner, ProgressUpdate, Step, StepInput, StepStatus, UpdateInput,
};
use crate::store::sync::{
    FOLLOWUP_COACH_NOTE, FOLLOWUP_MILESTONE, FOLLOWUP_PARTNER, FOLLOWUP_PLAN, FOLLOWUP_STEP,
    FOLLOWUP_UPDATE,
};
use crate::store::{Store, Tx};
use crate::time::now_utc;
use crate::validate::{clean_optional, clean_required, clean_text};

/// A value as the map of its fields (camelCase, as the merge registers are named).
pub(crate) fn fields_of<T: serde::Serialize>(v: &T) -> Result<Map<String, Value>> {
    match serde_json::to_value(v)? {
        Value::Object(m) => Ok(m),
        _ => Err(Error::internal("followup", "not a record")),
    }
}

/// Most steps one plan holds.
pub const MAX_STEPS: u32 = 200;

pub(super) fn step_from_row(r: &Row<'_>) -> rusqlite::Result<Step> {
    let status: String = r.get(6)?;
    Ok(Step {
        id: r.get(0)?,
        idea_id: r.get(1)?,
        title: r.get(2)?,
        owner: r.get(3)?,
        start_date: r.get(4)?,
        due_date: r.get(5)?,
        status: StepStatus::parse(&status).unwrap_or(StepStatus::Belum),
        note: r.get(7)?,
        position: r.get(8)?,
    })
}

pub(super) const STEP_COLUMNS: &str =
    "id, idea_id, title, owner, start_date, due_date, status, note, position";

pub(super) fn update_from_row(r: &Row<'_>) -> rusqlite::Result<ProgressUpdate> {
    Ok(ProgressUpdate {
        id: r.get(0)?,
        idea_id: r.get(1)?,
        date: r.get(2)?,
        done: r.get(3)?,
        stage: r.get(4)?,
        percent: r.get(5)?,
        agency_id: r.get(6)?,
        created_at: r.get(7)?,
    })
}

pub(super) const UPDATE_COLUMNS: &str =
    "id, idea_id, on_date, done, stage, percent, agency_id, created_at";

pub(super) fn note_from_row(r: &Row<'_>) -> rusqlite::Result<CoachNote> {
    Ok(CoachNote {
        id: r.get(0)?,
        idea_id: r.get(1)?,
        date: r.get(2)?,
        coach: r.get(3)?,
        text: r.get(4)?,
        created_at: r.get(5)?,
    })
}

/// `idea_id, stage, planned_date, actual_date`.
pub(super) fn milestone_from_row(r: &Row<'_>) -> rusqlite::Result<Milestone> {
    Ok(Milestone {
        idea_id: r.get(0)?,
        stage: r.get(1)?,
        planned_date: r.get(2)?,
        actual_date: r.get(3)?,
    })
}

/// `id, idea_id, agency_id, role`.
pub(super) fn partner_from_row(r: &Row<'_>) -> rusqlite::Result<Partner> {
    Ok(Partner {
        id: r.get(0)?,
        idea_id: r.get(1)?,
        agency_id: r.get(2)?,
        role: r.get(3)?,
    })
}

/// A step as typed, checked: title required, dates real and in order, a known status.
pub(crate) fn clean_step(input: &StepInput) -> Result<StepInput> {
    let start = clean_date("startDate", &input.start_date)?;
    let due = clean_date("dueDate", &input.due_date)?;
    check_order(start.as_deref(), due.as_deref())?;
    let status = if input.status.trim().is_empty() {
        StepStatus::Belum
    } else {
        StepStatus::parse(&input.status).ok_or_else(|| {
            Error::invalid(
                "status",
                Reason::NotOneOf {
                    value: input.status.clone(),
                    allowed: StepStatus::ALL.iter().map(|s| s.as_str().into()).collect(),
                },
            )
        })?
    };
    Ok(StepInput {
        title: clean_required("title", &input.title)?,
        owner: clean_optional("owner", &input.owner)?,
        start_date: start.unwrap_or_default(),
        due_date: due.unwrap_or_default(),
        status: status.as_str().into(),
        note: clean_text("note", &input.note)?,
    })
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

impl Tx<'_> {
    pub(crate) fn plan_of(&self, idea_id: &str) -> Result<FollowupPlan> {
        Ok(self
            .query_row(
                "SELECT agency_id, responsible FROM followup_plan WHERE idea_id = ?1",
                [idea_id],
                |r| {
                    Ok(FollowupPlan {
                        idea_id: idea_id.into(),
                        agency_id: r.get(0)?,
                        responsible: r.get(1)?,
                    })
                },
            )
            .optional()?
            .unwrap_or(FollowupPlan {
                idea_id: idea_id.into(),
                agency_id: None,
                responsible: String::new(),
            }))
    }

    pub(crate) fn get_step(&self, id: &str) -> Result<Step> {
        self.query_row(
            &format!(
                "SELECT {STEP_COLUMNS} FROM followup_step WHERE id = ?1 AND deleted_at IS NULL"
            ),
            [id],
            step_from_row,
        )
        .optional()?
        .ok_or_else(|| Error::not_found("step", id))
    }

    pub(crate) fn steps_of(&self, idea_id: &str) -> Result<Vec<Step>> {
        let mut stmt = self.prepare_cached(&format!(
            "SELECT {STEP_COLUMNS} FROM followup_step WHERE idea_id = ?1 AND deleted_at IS NULL
             ORDER BY position, created_at, id"
        ))?;
        let rows = stmt.query_map([idea_id], step_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The lab's innovation stages (`tahapan` codes) in list order, retired ones too.
    pub(crate) fn stages(&self, lab_id: &str) -> Result<Vec<String>> {
        let mut stmt = self.prepare_cached(
            "SELECT code FROM option_item WHERE lab_id = ?1 AND list = 'tahapan'
             ORDER BY position, code",
        )?;
        let rows = stmt.query_map([lab_id], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub(crate) fn save_plan(
        &self,
        idea_id: &str,
        agency_id: Option<&str>,
        responsible: &str,
    ) -> Result<FollowupPlan> {
        let idea = self.live_idea(idea_id)?;
        let responsible = clean_optional("responsible", responsible)?;
        let agency_id = agency_id.map(str::trim).filter(|a| !a.is_empty());
        let old = self
            .query_row(
                "SELECT agency_id FROM followup_plan WHERE idea_id = ?1",
                [idea_id],
                |r| r.get::<_, Option<String>>(0),
            )
            .optional()?;
        if let Some(a) = agency_id {
            let kept = old.as_ref().is_some_and(|o| o.as_deref() == Some(a));
            self.require_agency(&idea.lab_id, a, kept)?;
        }
        let before = match old {
            Some(_) => Some(self.plan_of(idea_id)?),
            None => None,
        };
        let plan = FollowupPlan {
            idea_id: idea_id.into(),
            agency_id: agency_id.map(str::to_owned),
            responsible,
        };
        let now = now_utc();
        self.execute(
            "INSERT INTO followup_plan (idea_id, agency_id, responsible, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4)
             ON CONFLICT (idea_id) DO UPDATE SET agency_id = excluded.agency_id,
                responsible = excluded.responsible, updated_at = excluded.updated_at",
            params![idea_id, plan.agency_id, plan.responsible, now],
        )?;
        let old_fields = before.as_ref().map(fields_of).transpose()?;
        self.record_followup(
            &idea.lab_id,
            &FOLLOWUP_PLAN,
            idea_id,
            old_fields.as_ref(),
            &fields_of(&plan)?,
        )?;
        Ok(plan)
    }

    pub(crate) fn insert_step(&self, idea_id: &str, input: &StepInput) -> Result<Step> {
        let idea = self.live_idea(idea_id)?;
        let input = clean_step(input)?;
        let (count, last): (u32, u32) = self.query_row(
            "SELECT count(*), coalesce(max(position), 0) FROM followup_step
             WHERE idea_id = ?1 AND deleted_at IS NULL",
            [idea_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if count >= MAX_STEPS {
            return Err(Error::invalid(
                "steps",
                Reason::TooManyRows { max: MAX_STEPS },
            ));
        }
        let step = Step {
            id: uuid::Uuid::now_v7().to_string(),
            idea_id: idea_id.into(),
            title: input.title,
            owner: input.owner,
            start_date: opt(&input.start_date),
            due_date: opt(&input.due_date),
            status: StepStatus::parse(&input.status).unwrap_or(StepStatus::Belum),
            note: input.note,
            position: last + 1,
        };
        let now = now_utc();
        self.execute(
            "INSERT INTO followup_step (id, idea_id, title, owner, start_date, due_date, status,
                note, position, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            params![
                step.id,
                step.idea_id,
                step.title,
                step.owner,
                step.start_date,
                step.due_date,
                step.status.as_str(),
                step.note,
                step.position,
                now
            ],
        )?;
        self.record_followup(
            &idea.lab_id,
            &FOLLOWUP_STEP,
            &step.id,
            None,
            &fields_of(&step)?,
        )?;
        Ok(step)
    }

    /// Writes `new` over step `old` (checked already); records what differs.
    pub(crate) fn write_step(&self, lab_id: &str, old: &Step, new: &Step) -> Result<bool> {
        self.execute(
            "UPDATE followup_step SET title = ?2, owner = ?3, start_date = ?4, due_date = ?5,
                status = ?6, note = ?7, position = ?8, updated_at = ?9 WHERE id = ?1",
            params![
                new.id,
                new.title,
                new.owner,
                new.start_date,
                new.due_date,
                new.status.as_str(),
                new.note,
                new.position,
                now_utc()
            ],
        )?;
        self.record_followup(
            lab_id,
            &FOLLOWUP_STEP,
            &new.id,
            Some(&fields_of(old)?),
            &fields_of(new)?,
        )
    }

    pub(crate) fn edit_step(&self, id: &str, input: &StepInput) -> Result<Step> {
        let old = self.get_step(id)?;
        let idea = self.live_idea(&old.idea_id)?;
        let input = clean_step(input)?;
        let new = Step {
            title: input.title,
            owner: input.owner,
            start_date: opt(&input.start_date),
            due_date: opt(&input.due_date),
            status: StepStatus::parse(&input.status).unwrap_or(StepStatus::Belum),
            note: input.note,
            ..old.clone()
        };
        self.write_step(&idea.lab_id, &old, &new)?;
        Ok(new)
    }

    /// Sets a milestone's dates (`None` leaves a date as it is, `Some("")` clears it).
    pub(crate) fn write_milestone(
        &self,
        idea_id: &str,
        stage: &str,
        planned: Option<&str>,
        actual: Option<&str>,
    ) -> Result<(Milestone, bool)> {
        let idea = self.live_idea(idea_id)?;
        if !self.stages(&idea.lab_id)?.iter().any(|s| s == stage) {
            return Err(Error::invalid(
                "stage",
                Reason::NotAnOption {
                    value: stage.into(),
                    list: "tahapan".into(),
                },
            ));
        }
        let old = self.milestone(idea_id, stage)?;
        let planned = match planned {
            Some(p) => clean_date("plannedDate", p)?,
            None => old.planned_date.clone(),
        };
        let actual = match actual {
            Some(a) => clean_date("actualDate", a)?,
            None => old.actual_date.clone(),
        };
        let new = Milestone {
            idea_id: idea_id.into(),
            stage: stage.into(),
            planned_date: planned,
            actual_date: actual,
        };
        let exists: bool = self.query_row(
            "SELECT count(*) > 0 FROM followup_milestone WHERE idea_id = ?1 AND stage = ?2",
            [idea_id, stage],
            |r| r.get(0),
        )?;
        let now = now_utc();
        self.execute(
            "INSERT INTO followup_milestone (idea_id, stage, planned_date, actual_date, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)
             ON CONFLICT (idea_id, stage) DO UPDATE SET planned_date = excluded.planned_date,
                actual_date = excluded.actual_date, updated_at = excluded.updated_at",
            params![idea_id, stage, new.planned_date, new.actual_date, now],
        )?;
        let old_fields = if exists { Some(fields_of(&old)?) } else { None };
        let changed = self.record_followup(
            &idea.lab_id,
            &FOLLOWUP_MILESTONE,
            &format!("{idea_id}/{stage}"),
            old_fields.as_ref(),
            &fields_of(&new)?,
        )?;
        Ok((new, changed))
    }

    pub(crate) fn milestone(&self, idea_id: &str, stage: &str) -> Result<Milestone> {
        Ok(self
            .query_row(
                "SELECT planned_date, actual_date FROM followup_milestone
                 WHERE idea_id = ?1 AND stage = ?2",
                [idea_id, stage],
                |r| {
                    Ok(Milestone {
                        idea_id: idea_id.into(),
                        stage: stage.into(),
                        planned_date: r.get(0)?,
                        actual_date: r.get(1)?,
                    })
                },
            )
            .optional()?
            .unwrap_or(Milestone {
                idea_id: idea_id.into(),
                stage: stage.into(),
                planned_date: None,
                actual_date: None,
            }))
    }

    pub(crate) fn insert_update(
        &self,
        idea_id: &str,
        input: &UpdateInput,
    ) -> Result<ProgressUpdate> {
        let idea = self.live_idea(idea_id)?;
        let date = clean_date("date", &input.date)?
            .ok_or_else(|| Error::invalid("date", Reason::Required))?;
        let done = clean_text("done", &input.done)?;
        if done.is_empty() {
            return Err(Error::invalid("done", Reason::Required));
        }
        self.require_option(&idea.lab_id, "tahapan", "stage", input.stage.trim(), false)?;
        if input.percent > 100 {
            return Err(Error::invalid("percent", Reason::PercentRange));
        }
        let agency = input.agency_id.trim();
        let agency_id = if agency.is_empty() {
            None
        } else {
            self.require_agency(&idea.lab_id, agency, false)?;
            Some(agency.to_owned())
        };
        let u = ProgressUpdate {
            id: uuid::Uuid::now_v7().to_string(),
            idea_id: idea_id.into(),
            date,
            done,
            stage: input.stage.trim().into(),
            percent: input.percent,
            agency_id,
            created_at: now_utc(),
        };
        self.execute(
            "INSERT INTO followup_update (id, idea_id, on_date, done, stage, percent, agency_id,
                created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                u.id,
                u.idea_id,
                u.date,
                u.done,
                u.stage,
                u.percent,
                u.agency_id,
                u.created_at
            ],
        )?;
        self.record_followup(&idea.lab_id, &FOLLOWUP_UPDATE, &u.id, None, &fields_of(&u)?)?;
        Ok(u)
    }

    pub(crate) fn updates_of(&self, idea_id: &str) -> Result<Vec<ProgressUpdate>> {
        let mut stmt = self.prepare_cached(&format!(
            "SELECT {UPDATE_COLUMNS} FROM followup_update WHERE idea_id = ?1 AND deleted_at IS NULL
             ORDER BY on_date DESC, created_at DESC, id DESC"
        ))?;
        let rows = stmt.query_map([idea_id], update_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Marks a follow-up child removed (`deletedAt`, a register like any field).
    pub(crate) fn remove_child(&self, spec: &crate::store::sync::Spec, id: &str) -> Result<()> {
        let row: Option<(String, String)> = self
            .query_row(
                &format!(
                    "SELECT c.idea_id, i.lab_id FROM {} c JOIN idea i ON i.id = c.idea_id
                     WHERE c.id = ?1 AND c.deleted_at IS NULL",
                    spec.table
                ),
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (_, lab_id) = row.ok_or_else(|| Error::not_found("record", id))?;
        let now = now_utc();
        self.execute(
            &format!(
                "UPDATE {} SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
                spec.table
            ),
            params![id, now],
        )?;
        let mut old = Map::new();
        old.insert("deletedAt".into(), Value::Null);
        let mut new = Map::new();
        new.insert("deletedAt".into(), Value::String(now));
        self.record_followup(&lab_id, spec, id, Some(&old), &new)?;
        Ok(())
    }
}

impl Store {
    /// Where each idea of the lab with a follow-up stands, for the exports: its latest
    /// progress update (the latest date, then the latest written) and its milestones that
    /// have a date, in the lab's stage order. Ideas without either are not in the map.
    pub fn lab_progress(&self, lab_id: &str) -> Result<HashMap<String, IdeaProgress>> {
        self.read_followup(|tx| {
            let mut out: HashMap<String, IdeaProgress> = HashMap::new();
            {
                let mut stmt = tx.prepare_cached(&format!(
                    "SELECT {} FROM followup_update u JOIN idea i ON i.id = u.idea_id
                     WHERE i.lab_id = ?1 AND u.deleted_at IS NULL
                     ORDER BY u.idea_id, u.on_date, u.created_at, u.id",
                    UPDATE_COLUMNS
                        .split(", ")
                        .map(|c| format!("u.{c}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))?;
                for u in stmt.query_map([lab_id], update_from_row)? {
                    let u = u?;
                    let idea = u.idea_id.clone();
                    out.entry(idea).or_default().latest = Some(u);
                }
            }
            let stages = tx.stages(lab_id)?;
            let order = |s: &str| stages.iter().position(|x| x == s).unwrap_or(usize::MAX);
            let mut stmt = tx.prepare_cached(
                "SELECT m.idea_id, m.stage, m.planned_date, m.actual_date
                 FROM followup_milestone m JOIN idea i ON i.id = m.idea_id
                 WHERE i.lab_id = ?1
                   AND (m.planned_date IS NOT NULL OR m.actual_date IS NOT NULL)",
            )?;
            let rows = stmt.query_map([lab_id], milestone_from_row)?;
            for m in rows {
                let m = m?;
                out.entry(m.idea_id.clone()).or_default().milestones.push(m);
            }
            for p in out.values_mut() {
                p.milestones.sort_by_key(|m| order(&m.stage));
            }
            Ok(out)
        })
    }

    /// One idea's whole follow-up, for the plan view.
    pub fn idea_followup(&self, idea_id: &str) -> Result<IdeaFollowup> {
        self.read_followup(|tx| {
            let idea = tx.get_idea(idea_id)?;
            let plan = tx.plan_of(idea_id)?;
            let partners = {
                let mut stmt = tx.prepare_cached(
                    "SELECT id, idea_id, agency_id, role FROM followup_partner
                     WHERE idea_id = ?1 AND deleted_at IS NULL ORDER BY created_at, id",
                )?;
                let rows = stmt.query_map([idea_id], partner_from_row)?;
                rows.collect::<Result<Vec<_>, _>>()?
            };
            let milestones = tx
                .stages(&idea.lab_id)?
                .iter()
                .map(|s| tx.milestone(idea_id, s))
                .collect::<Result<Vec<_>>>()?;
            let coach_notes = {
                let mut stmt = tx.prepare_cached(
                    "SELECT id, idea_id, on_date, coach, text, created_at FROM followup_coach_note
                     WHERE idea_id = ?1 AND deleted_at IS NULL
                     ORDER BY on_date DESC, created_at DESC, id DESC",
                )?;
                let rows = stmt.query_map([idea_id], note_from_row)?;
                rows.collect::<Result<Vec<_>, _>>()?
            };
            Ok(IdeaFollowup {
                idea_id: idea.id.clone(),
                lab_id: idea.lab_id.clone(),
                title: idea.fields.title.clone(),
                idea_agency_id: idea.fields.agency_id.clone(),
                plan,
                partners,
                steps: tx.steps_of(idea_id)?,
                milestones,
                updates: tx.updates_of(idea_id)?,
                coach_notes,
                evidence: tx.evidence_of(idea_id)?,
            })
        })
    }

    /// Sets who leads an idea (`None`: its own agency) and the person responsible.
    pub fn save_followup_plan(
        &self,
        idea_id: &str,
        agency_id: Option<&str>,
        responsible: &str,
    ) -> Result<FollowupPlan> {
        self.write(|tx| tx.save_plan(idea_id, agency_id, responsible))
    }

    /// Adds a partner agency (OPD mitra) with its role. An agency is a partner once.
    pub fn add_partner(&self, idea_id: &str, agency_id: &str, role: &str) -> Result<Partner> {
        self.write(|tx| {
            let idea = tx.live_idea(idea_id)?;
            tx.require_agency(&idea.lab_id, agency_id, false)?;
            let role = clean_optional("role", role)?;
            let taken: bool = tx.query_row(
                "SELECT count(*) > 0 FROM followup_partner
                 WHERE idea_id = ?1 AND agency_id = ?2 AND deleted_at IS NULL",
                [idea_id, agency_id],
                |r| r.get(0),
            )?;
            if taken || agency_id == idea.agency_id {
                return Err(Error::invalid("agencyId", Reason::PartnerAlready));
            }
            let p = Partner {
                id: uuid::Uuid::now_v7().to_string(),
                idea_id: idea_id.into(),
                agency_id: agency_id.into(),
                role,
            };
            let now = now_utc();
            tx.execute(
                "INSERT INTO followup_partner (id, idea_id, agency_id, role, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![p.id, p.idea_id, p.agency_id, p.role, now],
            )?;
            tx.record_followup(
                &idea.lab_id,
                &FOLLOWUP_PARTNER,
                &p.id,
                None,
                &fields_of(&p)?,
            )?;
            Ok(p)
        })
    }

    pub fn remove_partner(&self, id: &str) -> Result<()> {
        self.write(|tx| tx.remove_child(&FOLLOWUP_PARTNER, id))
    }

    /// Adds a step at the end of the idea's plan.
    pub fn add_step(&self, idea_id: &str, input: StepInput) -> Result<Step> {
        self.write(|tx| tx.insert_step(idea_id, &input))
    }

    pub fn edit_step(&self, id: &str, input: StepInput) -> Result<Step> {
        self.write(|tx| tx.edit_step(id, &input))
    }

    /// Moves a step to `position` (1 = first) among the idea's steps; the others keep
    /// their order.
    pub fn move_step(&self, id: &str, position: u32) -> Result<Vec<Step>> {
        self.write(|tx| {
            let step = tx.get_step(id)?;
            let idea = tx.live_idea(&step.idea_id)?;
            let mut steps = tx.steps_of(&step.idea_id)?;
            let from = steps.iter().position(|s| s.id == id).unwrap_or(0);
            let moved = steps.remove(from);
            let to = (position.max(1) as usize - 1).min(steps.len());
            steps.insert(to, moved);
            for (i, s) in steps.iter_mut().enumerate() {
                let want = i as u32 + 1;
                if s.position != want {
                    let new = Step {
                        position: want,
                        ..s.clone()
                    };
                    tx.write_step(&idea.lab_id, s, &new)?;
                    *s = new;
                }
            }
            Ok(steps)
        })
    }

    pub fn remove_step(&self, id: &str) -> Result<()> {
        self.write(|tx| tx.remove_child(&FOLLOWUP_STEP, id))
    }

    /// Sets the planned and actual dates an idea reaches `stage` (a `tahapan` code);
    /// an empty date clears it.
    pub fn set_milestone(
        &self,
        idea_id: &str,
        stage: &str,
        planned_date: &str,
        actual_date: &str,
    ) -> Result<Milestone> {
        self.write(|tx| {
            Ok(tx
                .write_milestone(idea_id, stage, Some(planned_date), Some(actual_date))?
                .0)
        })
    }

    /// Adds a dated progress update by an agency.
    pub fn add_progress_update(&self, idea_id: &str, input: UpdateInput) -> Result<ProgressUpdate> {
        self.write(|tx| tx.insert_update(idea_id, &input))
    }

    pub fn remove_progress_update(&self, id: &str) -> Result<()> {
        self.write(|tx| tx.remove_child(&FOLLOWUP_UPDATE, id))
    }

    /// Adds a coaching note (pendampingan) by `coach`.
    pub fn add_coach_note(
        &self,
        idea_id: &str,
        date: &str,
        coach: &str,
        text: &str,
    ) -> Result<CoachNote> {
        self.write(|tx| {
            let idea = tx.live_idea(idea_id)?;
            let date =
                clean_date("date", date)?.ok_or_else(|| Error::invalid("date", Reason::Required))?;
            let coach = clean_required("coach", coach)?;
            let text = clean_text("text", text)?;
            if text.is_empty() {
                return Err(Error::invalid("text", Reason::Required));
            }
            let n = CoachNote {
                id: uuid::Uuid::now_v7().to_string(),
                idea_id: idea_id.into(),
                date,
                coach,
                text,
                created_at: now_utc(),
            };
            tx.execute(
                "INSERT INTO followup_coach_note (id, idea_id, on_date, coach, text, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![n.id, n.idea_id, n.date, n.coach, n.text, n.created_at],
            )?;
            tx.record_followup(&idea.lab_id, &FOLLOWUP_COACH_NOTE, &n.id, None, &fields_of(&n)?)?;
            Ok(n)
        })
    }

    pub fn remove_coach_note(&self, id: &str) -> Result<()> {
        self.write(|tx| tx.remove_child(&FOLLOWUP_COACH_NOTE, id))
    }
}
