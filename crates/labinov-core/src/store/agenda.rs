//! The agenda (sessions per day with their 5D stage) and the people of a lab.

use rusqlite::{params, OptionalExtension, Row};

use super::changes::Changes;
use super::{Store, Tx};
use crate::error::{Error, Result};
use crate::model::{AgendaInput, AgendaSession, ChangeOp, Person, PersonInput, PersonRole};
use crate::time::now_utc;
use crate::validate::{clean_optional, clean_required};

fn session_from_row(r: &Row<'_>) -> rusqlite::Result<AgendaSession> {
    Ok(AgendaSession {
        id: r.get(0)?,
        lab_id: r.get(1)?,
        day: r.get(2)?,
        starts_at: r.get(3)?,
        ends_at: r.get(4)?,
        title: r.get(5)?,
        stage: r.get(6)?,
    })
}

fn person_from_row(r: &Row<'_>) -> rusqlite::Result<Person> {
    let role: String = r.get(5)?;
    Ok(Person {
        id: r.get(0)?,
        lab_id: r.get(1)?,
        agency_id: r.get(2)?,
        name: r.get(3)?,
        position: r.get(4)?,
        role: PersonRole::parse(&role).unwrap_or(PersonRole::Staff),
    })
}

/// `HH:MM`, 24-hour.
fn clean_clock(field: &str, s: &str) -> Result<String> {
    chrono::NaiveTime::parse_from_str(s.trim(), "%H:%M")
        .map(|t| t.format("%H:%M").to_string())
        .map_err(|_| Error::invalid(field, format!("{s:?} is not a time (HH:MM)")))
}

impl Tx<'_> {
    fn clean_session(&self, lab_id: &str, input: &AgendaInput) -> Result<AgendaInput> {
        let days: u32 =
            self.query_row("SELECT days FROM lab WHERE id = ?1", [lab_id], |r| r.get(0))?;
        if input.day < 1 || input.day > days {
            return Err(Error::invalid(
                "day",
                format!("the lab has days 1 to {days}"),
            ));
        }
        let starts_at = clean_clock("startsAt", &input.starts_at)?;
        let ends_at = clean_clock("endsAt", &input.ends_at)?;
        if ends_at <= starts_at {
            return Err(Error::invalid("endsAt", "a session ends after it starts"));
        }
        let stage = input.stage.trim().to_owned();
        if !stage.is_empty() {
            self.require_option(lab_id, "stage", "stage", &stage, false)?;
        }
        Ok(AgendaInput {
            day: input.day,
            starts_at,
            ends_at,
            title: clean_required("title", &input.title)?,
            stage,
        })
    }
}

impl Store {
    pub fn add_session(&self, lab_id: &str, input: AgendaInput) -> Result<AgendaSession> {
        self.write(|tx| {
            tx.require_lab(lab_id)?;
            let i = tx.clean_session(lab_id, &input)?;
            let now = now_utc();
            let s = AgendaSession {
                id: uuid::Uuid::now_v7().to_string(),
                lab_id: lab_id.into(),
                day: i.day,
                starts_at: i.starts_at,
                ends_at: i.ends_at,
                title: i.title,
                stage: i.stage,
            };
            tx.execute(
                "INSERT INTO agenda_session (id, lab_id, day, starts_at, ends_at, title, stage, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![s.id, s.lab_id, s.day, s.starts_at, s.ends_at, s.title, s.stage, now],
            )?;
            let mut c = Changes::default();
            c.set("session", serde_json::to_value(&s)?);
            tx.record(Some(lab_id), "agenda", &s.id, ChangeOp::Create, c)?;
            Ok(s)
        })
    }

    pub fn update_session(&self, id: &str, input: AgendaInput) -> Result<AgendaSession> {
        self.write(|tx| {
            let old = tx
                .query_row(
                    "SELECT id, lab_id, day, starts_at, ends_at, title, stage FROM agenda_session WHERE id = ?1",
                    [id],
                    session_from_row,
                )
                .optional()?
                .ok_or_else(|| Error::not_found("session", id))?;
            let i = tx.clean_session(&old.lab_id, &input)?;
            let new = AgendaSession {
                day: i.day,
                starts_at: i.starts_at,
                ends_at: i.ends_at,
                title: i.title,
                stage: i.stage,
                ..old.clone()
            };
            tx.execute(
                "UPDATE agenda_session SET day = ?2, starts_at = ?3, ends_at = ?4, title = ?5, stage = ?6, updated_at = ?7
                 WHERE id = ?1",
                params![id, new.day, new.starts_at, new.ends_at, new.title, new.stage, now_utc()],
            )?;
            let mut c = Changes::default();
            c.diff_value("session", serde_json::to_value(&old)?, serde_json::to_value(&new)?);
            if !c.is_empty() {
                tx.record(Some(&old.lab_id), "agenda", id, ChangeOp::Update, c)?;
            }
            Ok(new)
        })
    }

    pub fn delete_session(&self, id: &str) -> Result<()> {
        self.write(|tx| {
            let lab_id: Option<String> = tx
                .query_row(
                    "SELECT lab_id FROM agenda_session WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            let lab_id = lab_id.ok_or_else(|| Error::not_found("session", id))?;
            tx.execute("DELETE FROM agenda_session WHERE id = ?1", [id])?;
            tx.record(
                Some(&lab_id),
                "agenda",
                id,
                ChangeOp::Delete,
                Changes::default(),
            )
        })
    }

    /// The agenda in order: by day, then start time.
    pub fn agenda(&self, lab_id: &str) -> Result<Vec<AgendaSession>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT id, lab_id, day, starts_at, ends_at, title, stage FROM agenda_session
             WHERE lab_id = ?1 ORDER BY day, starts_at, ends_at",
        )?;
        let rows = stmt.query_map([lab_id], session_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn add_person(&self, lab_id: &str, input: PersonInput) -> Result<Person> {
        let name = clean_required("name", &input.name)?;
        let position = clean_optional("position", &input.position)?;
        self.write(|tx| {
            tx.require_lab(lab_id)?;
            let agency_id = input.agency_id.as_deref().map(str::trim).filter(|a| !a.is_empty());
            if let Some(a) = agency_id {
                let owner: Option<String> =
                    tx.query_row("SELECT lab_id FROM agency WHERE id = ?1", [a], |r| r.get(0)).optional()?;
                if owner.as_deref() != Some(lab_id) {
                    return Err(Error::invalid("agencyId", "choose an agency of this lab"));
                }
            }
            if matches!(input.role, PersonRole::KepalaOpd | PersonRole::Staff) && agency_id.is_none() {
                return Err(Error::invalid("agencyId", "a participant belongs to an agency"));
            }
            let now = now_utc();
            let p = Person {
                id: uuid::Uuid::now_v7().to_string(),
                lab_id: lab_id.into(),
                agency_id: agency_id.map(Into::into),
                name,
                position,
                role: input.role,
            };
            tx.execute(
                "INSERT INTO person (id, lab_id, agency_id, name, position, role, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![p.id, p.lab_id, p.agency_id, p.name, p.position, p.role.as_str(), now],
            )?;
            let mut c = Changes::default();
            c.set("person", serde_json::to_value(&p)?);
            tx.record(Some(lab_id), "person", &p.id, ChangeOp::Create, c)?;
            Ok(p)
        })
    }

    pub fn remove_person(&self, id: &str) -> Result<()> {
        self.write(|tx| {
            let lab_id: Option<String> = tx
                .query_row("SELECT lab_id FROM person WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?;
            let lab_id = lab_id.ok_or_else(|| Error::not_found("person", id))?;
            tx.execute("DELETE FROM person WHERE id = ?1", [id])?;
            tx.record(
                Some(&lab_id),
                "person",
                id,
                ChangeOp::Delete,
                Changes::default(),
            )
        })
    }

    /// The lab's people: by role, then name.
    pub fn list_people(&self, lab_id: &str) -> Result<Vec<Person>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT id, lab_id, agency_id, name, position, role FROM person
             WHERE lab_id = ?1 ORDER BY role, name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([lab_id], person_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
