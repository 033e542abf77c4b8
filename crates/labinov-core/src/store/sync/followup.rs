//! Merging an idea's follow-up (rules in `mod.rs`, specs in `spec.rs`): every row of the
//! bundle through the checks of a local write first, then each table by its spec.
//!
//! Per-field registers mean two laptops' edits of one step combine field by field; a
//! start date from one laptop and a due date from the other may then be out of order,
//! which is shown (the board's overdue list reads the due date) rather than refused:
//! refusing it would make the outcome depend on the order of merges.

use rusqlite::types::Value as SqlValue;

use super::*;
use crate::error::{Error, Result};
use crate::followup::{clean_date, iid::IidConfig, StepStatus};
use crate::store::attachments::check_stored_file;
use crate::store::followup::{EVIDENCE_TYPES, MAX_EVIDENCE_BYTES};
use crate::store::Tx;
use crate::validate::{clean_optional, clean_required, clean_text};

use super::merger::Merger;

fn t(v: &SqlValue) -> &str {
    as_text(v).unwrap_or("")
}

/// A stored date: `YYYY-MM-DD` (or empty when `optional`) that a local write would keep.
fn stored_date(what: &str, v: &SqlValue, optional: bool) -> Result<()> {
    match v {
        SqlValue::Null if optional => Ok(()),
        SqlValue::Text(s) => match clean_date("date", s) {
            Ok(Some(d)) if d == *s => Ok(()),
            _ => Err(bad(format!("{what} has a date Labinov would not store"))),
        },
        _ => Err(bad(format!("{what} has no valid date"))),
    }
}

fn check<T>(what: &str, r: Result<T>) -> Result<T> {
    r.map_err(|e: Error| bad(format!("{what}: {e}")))
}

/// Every follow-up row of the bundle's lab passes the local checks.
pub(crate) fn validate_followup(b: &Bundle, lab: &str) -> Result<()> {
    let scope = IDEA_SCOPE;
    let agency_ok = |what: &str, v: &SqlValue, optional: bool| -> Result<()> {
        match v {
            SqlValue::Null if optional => Ok(()),
            SqlValue::Text(id) => {
                let n: i64 = rb(b.conn.query_row(
                    "SELECT count(*) FROM agency WHERE id = ?1 AND lab_id = ?2",
                    [id.as_str(), lab],
                    |r| r.get(0),
                ))?;
                if n == 1 {
                    Ok(())
                } else {
                    Err(bad(format!(
                        "{what} names an agency of no lab of the bundle"
                    )))
                }
            }
            _ => Err(bad(format!("{what} has no agency"))),
        }
    };
    let stages: Vec<String> = rb(b.strings(
        "SELECT code FROM option_item WHERE lab_id = ?1 AND list = 'tahapan'",
        [lab],
    ))?;
    let stage_ok = |what: &str, v: &SqlValue| -> Result<()> {
        if stages.iter().any(|s| s == t(v)) {
            Ok(())
        } else {
            Err(bad(format!("{what} names a stage the lab does not have")))
        }
    };
    if b.has_table("followup_plan")? {
        for r in b.rows(
            &format!("SELECT agency_id, responsible FROM followup_plan WHERE {scope}"),
            lab,
        )? {
            agency_ok("a plan", &r[0], true)?;
            check("a plan", clean_optional("responsible", t(&r[1])))?;
        }
    }
    if b.has_table("followup_partner")? {
        for r in b.rows(
            &format!("SELECT agency_id, role FROM followup_partner WHERE {scope}"),
            lab,
        )? {
            agency_ok("a partner", &r[0], false)?;
            check("a partner", clean_optional("role", t(&r[1])))?;
        }
    }
    if b.has_table("followup_step")? {
        for r in b.rows(
            &format!(
                "SELECT title, owner, start_date, due_date, status, note, position
                 FROM followup_step WHERE {scope}"
            ),
            lab,
        )? {
            let title = check("a step", clean_required("title", t(&r[0])))?;
            let owner = check("a step", clean_optional("owner", t(&r[1])))?;
            let note = check("a step", clean_text("note", t(&r[5])))?;
            if title != t(&r[0]) || owner != t(&r[1]) || note != t(&r[5]) {
                return Err(bad("a step holds text Labinov would not store"));
            }
            stored_date("a step", &r[2], true)?;
            stored_date("a step", &r[3], true)?;
            if StepStatus::from_str_opt(t(&r[4])).is_none() {
                return Err(bad("a step has an unknown status"));
            }
            if !matches!(r[6], SqlValue::Integer(p) if (0..=1_000_000).contains(&p)) {
                return Err(bad("a step's position is not a small whole number"));
            }
        }
    }
    if b.has_table("followup_milestone")? {
        for r in b.rows(
            &format!(
                "SELECT stage, planned_date, actual_date FROM followup_milestone WHERE {scope}"
            ),
            lab,
        )? {
            stage_ok("a milestone", &r[0])?;
            stored_date("a milestone", &r[1], true)?;
            stored_date("a milestone", &r[2], true)?;
        }
    }
    if b.has_table("followup_update")? {
        for r in b.rows(
            &format!(
                "SELECT on_date, done, stage, percent, agency_id FROM followup_update WHERE {scope}"
            ),
            lab,
        )? {
            stored_date("a progress update", &r[0], false)?;
            if check("a progress update", clean_text("done", t(&r[1])))?.is_empty() {
                return Err(bad("a progress update says nothing done"));
            }
            stage_ok("a progress update", &r[2])?;
            if !matches!(r[3], SqlValue::Integer(p) if (0..=100).contains(&p)) {
                return Err(bad("a progress update's percentage is outside 0 to 100"));
            }
            agency_ok("a progress update", &r[4], true)?;
        }
    }
    if b.has_table("followup_coach_note")? {
        for r in b.rows(
            &format!("SELECT on_date, coach, text FROM followup_coach_note WHERE {scope}"),
            lab,
        )? {
            stored_date("a coaching note", &r[0], false)?;
            check("a coaching note", clean_required("coach", t(&r[1])))?;
            check("a coaching note", clean_text("text", t(&r[2])))?;
        }
    }
    if b.has_table("followup_evidence")? {
        for r in b.rows(
            &format!(
                "SELECT file_name, mime, size, sha256, bytes FROM followup_evidence WHERE {scope}"
            ),
            lab,
        )? {
            let SqlValue::Blob(bytes) = &r[4] else {
                return Err(bad("an evidence file without its bytes"));
            };
            check("an evidence file", clean_required("fileName", t(&r[0])))?;
            check_stored_file(
                "evidence file",
                EVIDENCE_TYPES,
                MAX_EVIDENCE_BYTES,
                as_text(&r[1]),
                &r[2],
                as_text(&r[3]),
                bytes,
            )
            .map_err(bad)?;
        }
    }
    if b.has_table("followup_iid_answer")? {
        for r in b.rows(
            &format!(
                "SELECT indicator, parameter, evidence FROM followup_iid_answer WHERE {scope}"
            ),
            lab,
        )? {
            check("an IID answer", clean_required("indicator", t(&r[0])))?;
            if !matches!(r[1], SqlValue::Null)
                && !matches!(r[1], SqlValue::Integer(p) if (1..=crate::followup::iid::MAX_PARAMETERS as i64).contains(&p))
            {
                return Err(bad("an IID answer's parameter is out of range"));
            }
            let ids: std::result::Result<Vec<String>, _> = serde_json::from_str(t(&r[2]));
            if ids.is_err() {
                return Err(bad("an IID answer's evidence is not a list of files"));
            }
        }
    }
    if b.has_table("followup_iid_config")? {
        for r in b.rows(
            "SELECT config FROM followup_iid_config WHERE lab_id = ?1",
            lab,
        )? {
            IidConfig::parse(t(&r[0]))
                .map_err(|e| bad(format!("the lab's IID configuration: {e}")))?;
        }
    }
    Ok(())
}

impl Tx<'_> {
    pub(crate) fn merge_followup(&self, m: &mut Merger<'_, '_>) -> Result<()> {
        validate_followup(m.b, &m.lab)?;
        for spec in FOLLOWUP_SPECS {
            if m.b.has_table(spec.table)? {
                m.merge_table(spec)?;
            }
        }
        // Rows of an idea that is gone here (purged: its tombstone kept it out).
        for spec in FOLLOWUP_SPECS {
            if spec.key[0] == "idea_id" || spec.cols.iter().any(|c| c.0 == "idea_id") {
                self.execute(
                    &format!(
                        "DELETE FROM {} WHERE idea_id NOT IN (SELECT id FROM idea)",
                        spec.table
                    ),
                    [],
                )?;
            }
        }
        Ok(())
    }
}
