//! Drafts: the capture form saved as it is typed, so a crash, a power cut or a closed
//! window loses nothing. A draft holds the fields exactly as typed, unchecked; checking
//! happens when the idea is saved. Drafts are not lab data: they are not in the change
//! log and do not travel to other laptops.

use rusqlite::{params, OptionalExtension};
use serde_json::Value;

use crate::error::{Error, Reason, Result};
use crate::model::{Draft, Idea, IdeaInput, IdeaPatch};
use crate::store::Store;
use crate::time::now_utc;

/// A draft is a form, not a document: 1 MB of JSON is far beyond any real one.
const MAX_DRAFT_BYTES: usize = 1 << 20;

/// A draft's columns, with its idea's title (`DRAFT_FROM` names the tables).
const DRAFT_COLUMNS: &str =
    "d.id, d.lab_id, d.idea_id, d.fields, d.updated_at, COALESCE(i.title, '')";
const DRAFT_FROM: &str = "draft d LEFT JOIN idea i ON i.id = d.idea_id AND i.deleted_at IS NULL";

fn draft_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Draft> {
    let fields: String = r.get(3)?;
    Ok(Draft {
        id: r.get(0)?,
        lab_id: r.get(1)?,
        idea_id: r.get(2)?,
        idea_title: r.get(5)?,
        fields: serde_json::from_str(&fields).unwrap_or(Value::Null),
        updated_at: r.get(4)?,
    })
}

impl Store {
    /// Creates or replaces a draft. `id` is chosen by the caller (the form), so that a
    /// save that raced a crash can simply be repeated.
    pub fn save_draft(
        &self,
        id: &str,
        lab_id: &str,
        idea_id: Option<&str>,
        fields: Value,
    ) -> Result<Draft> {
        if uuid::Uuid::parse_str(id).is_err() {
            return Err(Error::internal("id", "a draft id is a UUID"));
        }
        if !fields.is_object() {
            return Err(Error::internal("fields", "a draft is an object of fields"));
        }
        let text = fields.to_string();
        if text.len() > MAX_DRAFT_BYTES {
            return Err(Error::invalid(
                "fields",
                Reason::DraftTooLarge {
                    max_bytes: MAX_DRAFT_BYTES as u64,
                },
            ));
        }
        let updated_at = now_utc();
        // No change-log entry: see the module docs. Still one durable transaction.
        let idea_title = self.write(|tx| {
            tx.require_lab(lab_id)?;
            tx.execute(
                "INSERT INTO draft (id, lab_id, idea_id, fields, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO UPDATE SET fields = excluded.fields, updated_at = excluded.updated_at
                 WHERE draft.lab_id = excluded.lab_id",
                params![id, lab_id, idea_id, text, updated_at],
            )?;
            Ok(match idea_id {
                Some(idea) => tx
                    .query_row(
                        "SELECT title FROM idea WHERE id = ?1 AND deleted_at IS NULL",
                        [idea],
                        |r| r.get(0),
                    )
                    .optional()?
                    .unwrap_or_default(),
                None => String::new(),
            })
        })?;
        Ok(Draft {
            id: id.into(),
            lab_id: lab_id.into(),
            idea_id: idea_id.map(Into::into),
            idea_title,
            fields,
            updated_at,
        })
    }

    /// The lab's drafts, newest first: what the next start offers to continue.
    pub fn list_drafts(&self, lab_id: &str) -> Result<Vec<Draft>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {DRAFT_COLUMNS} FROM {DRAFT_FROM}
             WHERE d.lab_id = ?1 ORDER BY d.updated_at DESC"
        ))?;
        let rows = stmt.query_map([lab_id], draft_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn get_draft(&self, id: &str) -> Result<Draft> {
        self.conn()
            .query_row(
                &format!("SELECT {DRAFT_COLUMNS} FROM {DRAFT_FROM} WHERE d.id = ?1"),
                [id],
                draft_from_row,
            )
            .optional()?
            .ok_or_else(|| Error::not_found("draft", id))
    }

    /// Throws a draft away (the user chose to, or its idea was saved).
    pub fn discard_draft(&self, id: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM draft WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// Saves a new idea and, in the same transaction, removes the draft it was typed in.
    pub fn add_idea_from_draft(
        &self,
        lab_id: &str,
        input: IdeaInput,
        draft_id: &str,
    ) -> Result<Idea> {
        self.write(|tx| {
            let idea = tx.add_idea(lab_id, input)?;
            tx.execute("DELETE FROM draft WHERE id = ?1", [draft_id])?;
            Ok(idea)
        })
    }

    /// Saves an edit and, in the same transaction, removes the draft it was typed in.
    pub fn update_idea_from_draft(
        &self,
        id: &str,
        patch: IdeaPatch,
        draft_id: &str,
    ) -> Result<Idea> {
        self.write(|tx| {
            let idea = tx.update_idea(id, patch)?;
            tx.execute("DELETE FROM draft WHERE id = ?1", [draft_id])?;
            Ok(idea)
        })
    }
}
