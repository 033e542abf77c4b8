//! Follow-up after the lab (see [`crate::followup`] for what it holds and how it relates
//! to an idea's `rencana aksi` text): plan, partners, steps, milestones, progress
//! updates, coaching notes, evidence files and the IID checklist, each a lab write
//! through `Store::write` and `Tx::record` (change log, history, merge clocks).
//!
//! Every recorded field is named as its merge register in `sync/spec.rs`
//! ([`FOLLOWUP_SPECS`]): a row is written as a JSON map of those names, and
//! [`Tx::record_followup`] takes the list of fields from the spec, so a field cannot be
//! written without its clock.
//!
//! Rooms: `plan.rs` (plan, partners, steps, milestones, updates, notes), `evidence.rs`,
//! `iid.rs` (checklist, configuration, estimate), `board.rs` (the follow-up board),
//! `lab.rs` (the whole lab's follow-up at once, for the exports).

mod board;
mod evidence;
mod iid;
mod lab;
mod plan;
mod workbook;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod workbook_tests;

pub use board::*;
pub(crate) use evidence::EVIDENCE_TYPES;
pub use evidence::MAX_EVIDENCE_BYTES;
pub use iid::{AgencyIidEstimate, IdeaIidEstimate};
pub use lab::{AgencyFollowupIndex, ExportedIdeaFollowup, LabFollowup};
pub use workbook::{
    read_workbook_stamp, ConflictChoice, ImportChange, ImportConflict, ImportedRow, RefusedRow,
    Side, WorkbookImport, MAX_WORKBOOK_BYTES,
};

use rusqlite::{OptionalExtension, TransactionBehavior};
use serde_json::{Map, Value};

use crate::error::{Error, Reason, Result};
use crate::model::{ChangeOp, ChangeRecord, Entity};
use crate::store::changes::Changes;
use crate::store::sync::{Col, Spec};
use crate::store::{Store, Tx};

/// The lab and agency of a live idea (not in the trash, not merged), else `chooseIdea`.
pub(crate) struct IdeaRef {
    pub(crate) lab_id: String,
    pub(crate) agency_id: String,
}

impl Tx<'_> {
    pub(crate) fn live_idea(&self, idea_id: &str) -> Result<IdeaRef> {
        let row: Option<(String, String, bool)> = self
            .query_row(
                "SELECT lab_id, agency_id, deleted_at IS NULL AND merged_into IS NULL
                 FROM idea WHERE id = ?1",
                [idea_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        match row {
            Some((lab_id, agency_id, true)) => Ok(IdeaRef { lab_id, agency_id }),
            Some(_) => Err(Error::invalid("ideaId", Reason::ChooseIdea)),
            None => Err(Error::not_found("idea", idea_id)),
        }
    }

    /// Records a follow-up row: on creation every register of `spec` set in `new`, on an
    /// edit those that differ from `old`. Nothing is recorded for an edit that changes
    /// nothing. Returns whether anything was.
    pub(crate) fn record_followup(
        &self,
        lab_id: &str,
        spec: &Spec,
        entity_id: &str,
        old: Option<&Map<String, Value>>,
        new: &Map<String, Value>,
    ) -> Result<bool> {
        let entity = Entity::from_str_opt(spec.entity)
            .ok_or_else(|| Error::internal("entity", spec.entity))?;
        let mut c = Changes::default();
        for (_, kind) in spec.cols {
            let Col::Field(f) = kind else { continue };
            let v = new.get(*f).cloned().unwrap_or(Value::Null);
            match old {
                None => c.set(f, v),
                Some(old) => c.diff_value(f, old.get(*f).cloned().unwrap_or(Value::Null), v),
            }
        }
        if old.is_some() && c.is_empty() {
            return Ok(false);
        }
        let op = if old.is_some() {
            ChangeOp::Update
        } else {
            ChangeOp::Create
        };
        self.record(Some(lab_id), entity, entity_id, op, c)?;
        Ok(true)
    }

    /// Notes on the idea's own history that something of its follow-up happened
    /// (`followup`: what), so the idea's history tells it without reading the children.
    pub(crate) fn note_on_idea(&self, lab_id: &str, idea_id: &str, what: Value) -> Result<()> {
        let mut c = Changes::default();
        c.set("followup", what);
        self.record(Some(lab_id), Entity::Idea, idea_id, ChangeOp::Update, c)
    }
}

impl Store {
    /// Runs a read of the follow-up in one read transaction (one consistent snapshot) on
    /// the store's connection, with the `Tx` helpers the writes use.
    pub(crate) fn read_followup<T>(&self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let out = f(&Tx {
            tx: &tx,
            installation_id: self.installation_id(),
        })?;
        tx.commit()?;
        Ok(out)
    }

    /// The history of an idea with that of its follow-up (plan, partners, steps,
    /// milestones, updates, notes, evidence, checklist), oldest first.
    pub fn followup_history(&self, idea_id: &str) -> Result<Vec<ChangeRecord>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT seq, at, installation_id, entity, entity_id, op, changes FROM change_log
             WHERE entity_id = ?1
                OR entity_id >= ?1 || '/' AND entity_id < ?1 || '0'
                OR entity_id IN (SELECT id FROM followup_partner WHERE idea_id = ?1
                                 UNION ALL SELECT id FROM followup_step WHERE idea_id = ?1
                                 UNION ALL SELECT id FROM followup_update WHERE idea_id = ?1
                                 UNION ALL SELECT id FROM followup_coach_note WHERE idea_id = ?1
                                 UNION ALL SELECT id FROM followup_evidence WHERE idea_id = ?1)
             ORDER BY seq",
        )?;
        let rows = stmt.query_map([idea_id], |r| {
            let op: String = r.get(5)?;
            let changes: String = r.get(6)?;
            Ok(ChangeRecord {
                seq: r.get(0)?,
                at: r.get(1)?,
                installation_id: r.get(2)?,
                entity: r.get(3)?,
                entity_id: r.get(4)?,
                op: ChangeOp::parse(&op).unwrap_or(ChangeOp::Update),
                changes: serde_json::from_str(&changes).unwrap_or(Value::Null),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
