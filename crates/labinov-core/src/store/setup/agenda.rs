//! The agenda (sessions per day with their 5D stage) and the people of a lab.

use rusqlite::{params, OptionalExtension, Row};

use crate::error::{Error, Reason, Result};
use crate::model::Entity;
use crate::model::{AgendaInput, AgendaSession, ChangeOp, Person, PersonInput, PersonRole};
use crate::store::changes::Changes;
use crate::store::{Store, Tx};
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

use crate::time::parse_clock as clean_clock;

impl Tx<'_> {
    /// Checks a session. `kept_stage` is the stage the session has now: it may stay even
    /// if it was retired from the list since.
    fn clean_session(
        &self,
        lab_id: &str,
        input: &AgendaInput,
        kept_stage: Option<&str>,
    ) -> Result<AgendaInput> {
        let days: u32 =
            self.query_row("SELECT days FROM lab WHERE id = ?1", [lab_id], |r| r.get(0))?;
        if input.day < 1 || input.day > days {
            return Err(Error::invalid("day", Reason::DayOutOfRange { days }));
        }
        let starts_at = clean_clock("startsAt", &input.starts_at)?;
        let ends_at = clean_clock("endsAt", &input.ends_at)?;
        if ends_at <= starts_at {
            return Err(Error::invalid("endsAt", Reason::EndsBeforeStart));
        }
        let stage = input.stage.trim().to_owned();
        if !stage.is_empty() {
            let keeping = kept_stage == Some(stage.as_str());
            self.require_option(lab_id, "stage", "stage", &stage, keeping)?;
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
            let i = tx.clean_session(lab_id, &input, None)?;
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
            tx.record(Some(lab_id), Entity::Agenda, &s.id, ChangeOp::Create, c)?;
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
            let i = tx.clean_session(&old.lab_id, &input, Some(&old.stage))?;
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
                tx.record(Some(&old.lab_id), Entity::Agenda, id, ChangeOp::Update, c)?;
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
            // Its attendance went with it (cascade); so do the attendees' clocks.
            tx.execute(
                "DELETE FROM field_clock WHERE entity = 'attendance' AND entity_id LIKE ?1 || '/%'",
                [id],
            )?;
            tx.record(
                Some(&lab_id),
                Entity::Agenda,
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
                    return Err(Error::invalid("agencyId", Reason::ChooseAgency));
                }
            }
            if matches!(input.role, PersonRole::KepalaOpd | PersonRole::Staff) && agency_id.is_none() {
                return Err(Error::invalid("agencyId", Reason::ParticipantNeedsAgency));
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
            tx.record(Some(lab_id), Entity::Person, &p.id, ChangeOp::Create, c)?;
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
                Entity::Person,
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

#[cfg(test)]
mod tests {
    use crate::model::{AgendaInput, NewLab};
    use crate::{ErrorCode, Store};

    fn lab_store() -> (tempfile::TempDir, Store, String) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("lab.db")).unwrap();
        let lab = store
            .create_lab(NewLab {
                name: "Lab".into(),
                organiser: String::new(),
                city: String::new(),
                venue: String::new(),
                start_date: "2026-11-02".into(),
                days: 3,
                idea_target: 50,
                time_zone: None,
            })
            .unwrap();
        (dir, store, lab.id)
    }

    fn session(starts_at: &str, ends_at: &str, stage: &str) -> AgendaInput {
        AgendaInput {
            day: 1,
            starts_at: starts_at.into(),
            ends_at: ends_at.into(),
            title: "Diagnosa masalah".into(),
            stage: stage.into(),
        }
    }

    #[test]
    fn times_are_read_the_indonesian_way_too() {
        let (_dir, store, lab) = lab_store();
        let s = store
            .add_session(&lab, session("8.30", "10.00", "diagnose"))
            .unwrap();
        assert_eq!(
            (s.starts_at.as_str(), s.ends_at.as_str()),
            ("08:30", "10:00")
        );
        let err = store
            .add_session(&lab, session("pagi", "10:00", ""))
            .unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (ErrorCode::InvalidInput, Some("startsAt"))
        );
    }

    #[test]
    fn a_session_keeps_a_stage_retired_since_but_cannot_take_one() {
        let (_dir, store, lab) = lab_store();
        let s = store
            .add_session(&lab, session("08:00", "10:00", "diagnose"))
            .unwrap();
        store.retire_option(&lab, "stage", "diagnose").unwrap();
        // Renaming the session keeps its (now retired) stage.
        let renamed = AgendaInput {
            title: "Diagnosa dan prioritas".into(),
            ..session("08:00", "10:00", "diagnose")
        };
        let s = store.update_session(&s.id, renamed).unwrap();
        assert_eq!(
            (s.title.as_str(), s.stage.as_str()),
            ("Diagnosa dan prioritas", "diagnose")
        );
        // A new session cannot pick it.
        let err = store
            .add_session(&lab, session("10:00", "12:00", "diagnose"))
            .unwrap_err();
        assert_eq!(err.field(), Some("stage"));
    }
}
