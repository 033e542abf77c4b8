//! Ideas: add, edit, read, list, and the board view.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Row};

use super::changes::Changes;
use super::{Store, Tx};
use crate::error::{Error, Result};
use crate::model::{Board, BoardGroup, ChangeOp, Idea, IdeaInput, IdeaListing, IdeaPatch};
use crate::time::now_utc;
use crate::validate::{clean_optional, clean_required, clean_text};

const IDEA_COLUMNS: &str = "id, lab_id, agency_id, title, proposer_name, proposer_position, \
                            problem, description, created_at, updated_at";

fn idea_from_row(r: &Row<'_>) -> rusqlite::Result<Idea> {
    Ok(Idea {
        id: r.get(0)?,
        lab_id: r.get(1)?,
        agency_id: r.get(2)?,
        title: r.get(3)?,
        proposer_name: r.get(4)?,
        proposer_position: r.get(5)?,
        problem: r.get(6)?,
        description: r.get(7)?,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
    })
}

impl Tx<'_> {
    /// The agency must exist and belong to the lab the idea is in.
    fn require_agency_in_lab(&self, lab_id: &str, agency_id: &str) -> Result<()> {
        let owner: Option<String> = self
            .query_row(
                "SELECT lab_id FROM agency WHERE id = ?1",
                [agency_id],
                |r| r.get(0),
            )
            .optional()?;
        match owner {
            Some(l) if l == lab_id => Ok(()),
            Some(_) => Err(Error::invalid(
                "agencyId",
                "this agency belongs to another lab",
            )),
            None => Err(Error::invalid(
                "agencyId",
                "choose the agency (OPD) the idea comes from",
            )),
        }
    }

    fn get_idea(&self, id: &str) -> Result<Idea> {
        self.query_row(
            &format!("SELECT {IDEA_COLUMNS} FROM idea WHERE id = ?1"),
            [id],
            idea_from_row,
        )
        .optional()?
        .ok_or_else(|| Error::not_found("idea", id))
    }
}

impl Store {
    /// Captures a new idea. Returns once it is durably on disk (WAL, `synchronous=FULL`).
    pub fn add_idea(&self, lab_id: &str, input: IdeaInput) -> Result<Idea> {
        let now = now_utc();
        let idea = Idea {
            id: uuid::Uuid::now_v7().to_string(),
            lab_id: lab_id.to_owned(),
            agency_id: input.agency_id.trim().to_owned(),
            title: clean_required("title", &input.title)?,
            proposer_name: clean_optional("proposerName", &input.proposer_name)?,
            proposer_position: clean_optional("proposerPosition", &input.proposer_position)?,
            problem: clean_text("problem", &input.problem)?,
            description: clean_text("description", &input.description)?,
            created_at: now.clone(),
            updated_at: now,
        };
        self.write(|tx| {
            tx.require_lab(lab_id)?;
            tx.require_agency_in_lab(lab_id, &idea.agency_id)?;
            tx.execute(
                &format!("INSERT INTO idea ({IDEA_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
                params![
                    idea.id, idea.lab_id, idea.agency_id, idea.title, idea.proposer_name,
                    idea.proposer_position, idea.problem, idea.description, idea.created_at,
                    idea.updated_at
                ],
            )?;
            let mut c = Changes::default();
            c.set("agencyId", idea.agency_id.as_str());
            c.set("title", idea.title.as_str());
            c.set("proposerName", idea.proposer_name.as_str());
            c.set("proposerPosition", idea.proposer_position.as_str());
            c.set("problem", idea.problem.as_str());
            c.set("description", idea.description.as_str());
            tx.record(Some(lab_id), "idea", &idea.id, ChangeOp::Create, c)
        })?;
        Ok(idea)
    }

    /// Edits the fields present in `patch`. Only real changes are recorded; an edit that
    /// changes nothing leaves the idea and the log untouched.
    pub fn update_idea(&self, id: &str, patch: IdeaPatch) -> Result<Idea> {
        self.write(|tx| {
            let old = tx.get_idea(id)?;
            let mut new = old.clone();
            if let Some(a) = &patch.agency_id {
                new.agency_id = a.trim().to_owned();
                tx.require_agency_in_lab(&old.lab_id, &new.agency_id)?;
            }
            if let Some(v) = &patch.title {
                new.title = clean_required("title", v)?;
            }
            if let Some(v) = &patch.proposer_name {
                new.proposer_name = clean_optional("proposerName", v)?;
            }
            if let Some(v) = &patch.proposer_position {
                new.proposer_position = clean_optional("proposerPosition", v)?;
            }
            if let Some(v) = &patch.problem {
                new.problem = clean_text("problem", v)?;
            }
            if let Some(v) = &patch.description {
                new.description = clean_text("description", v)?;
            }
            let mut c = Changes::default();
            c.diff("agencyId", &old.agency_id, &new.agency_id);
            c.diff("title", &old.title, &new.title);
            c.diff("proposerName", &old.proposer_name, &new.proposer_name);
            c.diff(
                "proposerPosition",
                &old.proposer_position,
                &new.proposer_position,
            );
            c.diff("problem", &old.problem, &new.problem);
            c.diff("description", &old.description, &new.description);
            if c.is_empty() {
                return Ok(old);
            }
            new.updated_at = now_utc();
            tx.execute(
                "UPDATE idea SET agency_id = ?2, title = ?3, proposer_name = ?4,
                        proposer_position = ?5, problem = ?6, description = ?7, updated_at = ?8
                 WHERE id = ?1",
                params![
                    id,
                    new.agency_id,
                    new.title,
                    new.proposer_name,
                    new.proposer_position,
                    new.problem,
                    new.description,
                    new.updated_at
                ],
            )?;
            tx.record(Some(&old.lab_id), "idea", id, ChangeOp::Update, c)?;
            Ok(new)
        })
    }

    pub fn get_idea(&self, id: &str) -> Result<Idea> {
        self.conn()
            .query_row(
                &format!("SELECT {IDEA_COLUMNS} FROM idea WHERE id = ?1"),
                [id],
                idea_from_row,
            )
            .optional()?
            .ok_or_else(|| Error::not_found("idea", id))
    }

    /// The lab's ideas, newest first.
    pub fn list_ideas(&self, lab_id: &str) -> Result<Vec<Idea>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {IDEA_COLUMNS} FROM idea WHERE lab_id = ?1 ORDER BY created_at DESC, id DESC"
        ))?;
        let rows = stmt.query_map([lab_id], idea_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The lab's ideas, oldest first, each with its agency's code and names.
    pub fn idea_listing(&self, lab_id: &str) -> Result<Vec<IdeaListing>> {
        self.get_lab(lab_id)?;
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT i.id, i.lab_id, i.agency_id, i.title, i.proposer_name, i.proposer_position,
                    i.problem, i.description, i.created_at, i.updated_at, a.code, a.name, a.short_name
             FROM idea i JOIN agency a ON a.id = i.agency_id
             WHERE i.lab_id = ?1 ORDER BY i.created_at, i.id",
        )?;
        let rows = stmt.query_map([lab_id], |r| {
            Ok(IdeaListing {
                idea: idea_from_row(r)?,
                agency_code: r.get(10)?,
                agency_name: r.get(11)?,
                agency_short_name: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The board: every agency of the lab in roster order with its ideas (oldest first,
    /// the order they were pitched in), and the counts toward the target.
    pub fn board(&self, lab_id: &str) -> Result<Board> {
        let lab = self.get_lab(lab_id)?;
        let agencies = self.list_agencies(lab_id)?;
        let mut ideas = self.list_ideas(lab_id)?;
        ideas.reverse();
        let idea_count = ideas.len() as u32;
        let mut by_agency: HashMap<String, Vec<Idea>> = HashMap::new();
        for idea in ideas {
            by_agency
                .entry(idea.agency_id.clone())
                .or_default()
                .push(idea);
        }
        let groups: Vec<BoardGroup> = agencies
            .into_iter()
            .map(|agency| {
                let ideas = by_agency.remove(&agency.id).unwrap_or_default();
                BoardGroup { agency, ideas }
            })
            .collect();
        let agencies_without_idea = groups.iter().filter(|g| g.ideas.is_empty()).count() as u32;
        Ok(Board {
            lab,
            groups,
            idea_count,
            agencies_without_idea,
        })
    }
}
