//! The conflict log: versions that lost a merge, listed and restored.

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, OptionalExtension};
use serde_json::Value;

use super::*;
use crate::error::{Error, Reason, Result};
use crate::model::{IdeaPatch, MergeConflict, NewAgency, NewLab};
use crate::store::{Store, Tx};
use crate::time::now_utc;

impl Tx<'_> {
    /// The current value of a per-field register, as the merge compares it.
    pub(crate) fn register_value(
        &self,
        lab: &str,
        entity: &str,
        id: &str,
        field: &str,
    ) -> Result<Option<Value>> {
        let (spec, key): (&Spec, Vec<String>) = match entity {
            "idea" => (&IDEA, vec![id.to_owned()]),
            "agency" => (&AGENCY, vec![id.to_owned()]),
            "lab" => (&LAB, vec![id.to_owned()]),
            "report_setting" => (&REPORT_SETTING, vec![id.to_owned()]),
            "attendance" => {
                let (session, attendee) = id.split_once('/').unwrap_or((id, ""));
                (&ATTENDANCE, vec![session.to_owned(), attendee.to_owned()])
            }
            "option" => {
                let mut p = id.splitn(2, '/');
                (
                    &OPTION,
                    vec![
                        lab.to_owned(),
                        p.next().unwrap_or("").into(),
                        p.next().unwrap_or("").into(),
                    ],
                )
            }
            _ => return Ok(None),
        };
        let Some((col, _)) = spec
            .cols
            .iter()
            .find(|c| c.1 == Col::Field(field_static(spec, field)))
        else {
            return Ok(None);
        };
        let where_key: Vec<String> = spec
            .key
            .iter()
            .enumerate()
            .map(|(i, k)| format!("{k} = ?{}", i + 1))
            .collect();
        let v: Option<SqlValue> = self
            .query_row(
                &format!(
                    "SELECT {col} FROM {} WHERE {}",
                    spec.table,
                    where_key.join(" AND ")
                ),
                params_from_iter(key.iter()),
                |r| r.get(0),
            )
            .optional()?;
        Ok(v.map(|v| to_json(&v)))
    }
}

/// A `merge_conflict` row as `list_conflicts` reads it.
pub(crate) type ConflictRow = (
    i64,
    String,
    String,
    String,
    String,
    i64,
    String,
    i64,
    String,
    Option<String>,
);

impl Store {
    /// The lab's conflict log, newest first; resolved entries only when asked.
    pub fn list_conflicts(
        &self,
        lab_id: &str,
        include_resolved: bool,
    ) -> Result<Vec<MergeConflict>> {
        let rows: Vec<ConflictRow> = {
            let conn = self.conn();
            let mut stmt = conn.prepare_cached(
                "SELECT id, entity, entity_id, field, losing_value, losing_hlc, losing_origin, winning_hlc,
                        detected_at, resolved_at
                 FROM merge_conflict WHERE lab_id = ?1 AND (?2 OR resolved_at IS NULL)
                 ORDER BY detected_at DESC, id DESC",
            )?;
            let rows = stmt.query_map(params![lab_id, include_resolved], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ))
            })?;
            rows.collect::<Result<_, _>>()?
        };
        let mut out = Vec::with_capacity(rows.len());
        for (id, entity, entity_id, field, losing, lh, lo, wh, detected, resolved) in rows {
            let (label, current) = self.write_if(|tx| {
                let label: Option<String> = match entity.as_str() {
                    "idea" => tx
                        .query_row("SELECT title FROM idea WHERE id = ?1", [&entity_id], |r| {
                            r.get(0)
                        })
                        .optional()?,
                    "agency" => tx
                        .query_row("SELECT name FROM agency WHERE id = ?1", [&entity_id], |r| {
                            r.get(0)
                        })
                        .optional()?,
                    "lab" => tx
                        .query_row("SELECT name FROM lab WHERE id = ?1", [&entity_id], |r| {
                            r.get(0)
                        })
                        .optional()?,
                    // "Budi — Pembukaan": who, at which session.
                    "attendance" => tx
                        .query_row(
                            "SELECT a.name || ' — ' || s.title FROM attendance a
                             JOIN agenda_session s ON s.id = a.session_id
                             WHERE a.session_id || '/' || a.attendee = ?1",
                            [&entity_id],
                            |r| r.get(0),
                        )
                        .optional()?,
                    _ => None,
                };
                Ok((
                    false,
                    (
                        label,
                        tx.register_value(lab_id, &entity, &entity_id, &field)?,
                    ),
                ))
            })?;
            if resolved.is_none()
                && current.is_some()
                && serde_json::from_str::<Value>(&losing).ok() == current
            {
                // Concurrent, but the same value as now: nothing of it is lost.
                continue;
            }
            out.push(MergeConflict {
                id,
                lab_id: lab_id.to_owned(),
                entity: entity.clone(),
                entity_id,
                field,
                label: label.unwrap_or_default(),
                losing_value: serde_json::from_str(&losing).unwrap_or(Value::Null),
                losing_origin: lo,
                losing_at: hlc_time(lh),
                winning_at: hlc_time(wh),
                current_value: current.unwrap_or(Value::Null),
                restorable: matches!(entity.as_str(), "idea" | "agency" | "lab"),
                detected_at: detected,
                resolved_at: resolved,
            });
        }
        Ok(out)
    }

    /// Puts a losing value back: a new local edit (with a new clock, so it wins the next
    /// merges), through the same checks and the same write as any edit; then the entry is
    /// marked resolved. (Two transactions: if the second never happens the entry stays
    /// open, and restoring it again changes nothing.)
    pub fn restore_conflict(&self, conflict_id: i64) -> Result<MergeConflict> {
        let row: Option<(String, String, String, String, String)> = self
            .conn()
            .query_row(
                "SELECT lab_id, entity, entity_id, field, losing_value FROM merge_conflict WHERE id = ?1",
                [conflict_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let (lab, entity, id, field, losing) =
            row.ok_or_else(|| Error::not_found("conflict", conflict_id.to_string()))?;
        let value: Value = serde_json::from_str(&losing)?;
        let (losing_hlc, losing_origin): (i64, String) = self.conn().query_row(
            "SELECT losing_hlc, losing_origin FROM merge_conflict WHERE id = ?1",
            [conflict_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let head = |s: &Store| -> Result<Option<i64>> {
            Ok(s.conn()
                .query_row(
                    "SELECT hlc FROM field_clock WHERE entity = ?1 AND entity_id = ?2 AND field = ?3",
                    [&entity, &id, &field],
                    |r| r.get(0),
                )
                .optional()?)
        };
        let before = head(self)?;
        let cannot = || Error::invalid("field", Reason::CannotRestore);
        match (entity.as_str(), field.as_str()) {
            ("idea", "deletedAt") => {
                if value.is_null() {
                    self.restore_idea(&id)?;
                } else {
                    self.delete_idea(&id)?;
                }
            }
            ("idea", "mergedInto") => return Err(cannot()),
            ("idea", f) => {
                self.update_idea(&id, IdeaPatch::new().set(f, value))?;
            }
            ("agency", f) => {
                let a = self.get_agency(&id)?;
                let a = NewAgency {
                    code: a.code,
                    name: a.name,
                    short_name: a.short_name,
                    group: a.group,
                };
                let s = value.as_str().unwrap_or("").to_owned();
                let a = match f {
                    "code" => NewAgency { code: s, ..a },
                    "name" => NewAgency { name: s, ..a },
                    "shortName" => NewAgency { short_name: s, ..a },
                    "group" => NewAgency { group: s, ..a },
                    _ => return Err(cannot()),
                };
                self.edit_agency(&id, a)?;
            }
            ("lab", f) => {
                let l = self.get_lab(&id)?;
                let mut m = serde_json::to_value(NewLab {
                    name: l.name,
                    organiser: l.organiser,
                    city: l.city,
                    venue: l.venue,
                    start_date: l.start_date,
                    days: l.days,
                    idea_target: l.idea_target,
                    time_zone: Some(l.time_zone),
                })?;
                if m.get(f).is_none() {
                    return Err(cannot());
                }
                m[f] = value;
                let l: NewLab = serde_json::from_value(m).map_err(|e| {
                    Error::invalid(
                        f,
                        Reason::OldValueDoesNotFit {
                            detail: e.to_string(),
                        },
                    )
                })?;
                self.update_lab(&id, l)?;
            }
            _ => return Err(cannot()),
        }
        let after = head(self)?;
        self.write(|tx| {
            if after != before {
                // The restoring write was made knowing the losing version: on every
                // laptop it merges into, that version is no longer an open conflict.
                tx.execute(
                    "UPDATE field_clock SET seen = json_set(seen, '$.\"' || ?4 || '\"', max(?5,
                        coalesce(json_extract(seen, '$.\"' || ?4 || '\"'), 0)))
                     WHERE entity = ?1 AND entity_id = ?2 AND field = ?3",
                    params![entity, id, field, losing_origin, losing_hlc],
                )?;
            }
            tx.execute(
                "UPDATE merge_conflict SET resolved_at = ?2 WHERE id = ?1",
                params![conflict_id, now_utc()],
            )?;
            Ok(())
        })?;
        self.list_conflicts(&lab, true)?
            .into_iter()
            .find(|c| c.id == conflict_id)
            .ok_or_else(|| Error::not_found("conflict", conflict_id.to_string()))
    }
}
