//! Merging laptops: a bundle (`.labinov`, see `bundle/`) from another laptop is merged
//! into this database, field by field.
//!
//! # Rules
//!
//! - **Clocks.** Every write stamps each field it records with a hybrid logical clock
//!   (`changes.rs`): `hlc = (physical ms << 16) | counter`, plus the installation that
//!   wrote it (`origin`). Clocks are totally ordered by `(hlc, origin)`; a merge advances
//!   this laptop's clock past every clock it brings in, so a later local edit always wins
//!   over what was merged before it. A bundle carrying a clock more than a day ahead of
//!   this laptop's time is refused (see "Clocks from the future" below).
//! - **Last writer wins, per field.** Each field of a lab, agency, idea or option is its
//!   own register; a person, an agenda session, one reviewer's review of one idea (with
//!   its scores) and a lab's rubric are one register each. For every register the value
//!   with the greater `(hlc, origin)` wins, equal clocks are decided by the larger value
//!   (its JSON text), so the outcome never depends on which side is "local". A field
//!   without a clock was never written (created empty, or a default list every laptop
//!   seeds): it counts as `(0, "")` and any written value supersedes it.
//! - **Conflict log.** Each version of a register carries a version vector (`seen`: the
//!   latest clock of each other laptop its writer had seen in that register). A version
//!   that another version was written over (knowingly) is simply superseded. Versions
//!   that are not superseded by any other are concurrent: the greatest wins, every other
//!   one is an open entry in `merge_conflict` (its value, clock and `seen`), keyed by
//!   register and clock, so the same loss seen twice is one row. A merge computes, per
//!   register, the non-superseded set of {local version, bundle version, both sides' open
//!   entries}: a set operation, so the log is the same whatever the order of merges.
//!   Entries whose value equals the current one are not listed (nothing of them is
//!   lost). "Restore" is a new local edit (new clock) whose `seen` includes the restored
//!   version, so the entry closes on every laptop it reaches; the entry is marked
//!   resolved here.
//! - **Deletions.** Moving an idea to the trash is its `deletedAt` field and merges like
//!   any field (so a restore on one laptop and a delete on another: the later wins).
//!   Deleting for good (emptying the trash, removing a person or an agenda session)
//!   leaves a tombstone, and **a tombstone always wins**, whatever the clocks: the record
//!   is removed everywhere and never brought back by a merge. Ideas merged into a purged
//!   idea are released, reviews by a removed person go with them.
//! - **Append-only parts** merge as unions by id: photos (a removed photo stays removed:
//!   the earliest `deleted_at` wins), pitch notes, the change log (deduplicated), voting
//!   rounds and tallies (a round is run on one laptop, the most advanced state wins:
//!   largest ballot count and tallies, closed if closed anywhere).
//! - **Follow-up** (`store/followup/`): plan, partners, steps, updates and coaching notes
//!   are children of an idea by id, one register per field (`deletedAt` included);
//!   milestones and IID checklist answers are keyed by idea and stage / indicator;
//!   evidence files merge like photos; a lab's IID configuration is one register. Rows
//!   of an idea that is gone here (purged) are dropped. A bundle of a schema before the
//!   follow-up tables merges without them.
//! - **References.** An idea whose agency is new here brings the agency. An agency of the
//!   bundle whose code this lab already has under another id (both laptops imported the
//!   same roster) is the same agency: the bundle's ideas and people are pointed at the
//!   local one, whose fields stay.
//! - A bundle of a lab this laptop does not have creates the lab.
//! - The merge is commutative, associative and idempotent on the lab's data and on the
//!   conflict log as a set (property tests in `tests.rs`), and it writes its own
//!   change-log entries (`mergedFrom`: the exporting laptop) so history says where a
//!   value came from.
//! - **A bundle merged before.** Because the merge is idempotent and every later local
//!   write moves past what it merged (a newer clock, a tombstone that always wins), a
//!   file with the exact bytes of a bundle this laptop merged (SHA-256, remembered in
//!   `meta` as `merged_bundle:<digest>`, never exported) brings nothing new: it is
//!   answered "nothing new" from its digest, without being opened again. Any other file,
//!   a single byte changed included, goes through every check.
//!
//! # Rooms
//!
//! - `bundle/`: the bundle file, written (`mod.rs`) and opened and checked as hostile
//!   input (`open.rs`);
//! - `clock.rs`: registers' clocks and version vectors, and the range check of a
//!   bundle's clocks;
//! - `spec.rs`: how each table's columns merge;
//! - `merger.rs`: the merge itself;
//! - `conflicts.rs`: the conflict log and restoring a losing value.

mod bundle;
mod clock;
mod conflicts;
mod followup;
mod merger;
mod spec;

#[cfg(test)]
mod tests;

use bundle::*;
pub use bundle::{BundleInfo, StagedBundle, BUNDLE_EXTENSION, BUNDLE_FORMAT, MAX_BUNDLE_BYTES};
use clock::*;
use spec::*;
pub(crate) use spec::{
    Col, Spec, FOLLOWUP_COACH_NOTE, FOLLOWUP_EVIDENCE, FOLLOWUP_IID_ANSWER, FOLLOWUP_IID_CONFIG,
    FOLLOWUP_MILESTONE, FOLLOWUP_PARTNER, FOLLOWUP_PLAN, FOLLOWUP_SPECS, FOLLOWUP_STEP,
    FOLLOWUP_UPDATE,
};

use std::path::Path;

use rusqlite::OptionalExtension;

use crate::error::Result;
use crate::model::MergeReport;
use crate::store::Store;

/// The `meta` key prefix under which this laptop remembers the bundles it merged, by the
/// SHA-256 of their bytes. Per laptop: a bundle written here leaves these keys out.
const MERGED_KEY: &str = "merged_bundle:";

/// What is remembered of a merged bundle: enough to report on it again.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct MergedBundle {
    lab_id: String,
    from_installation_id: String,
    bundle_created_at: String,
}

impl Store {
    /// What merging the bundle at `path` would do, without changing anything: the same
    /// merge, checks included, in a transaction that is rolled back.
    pub fn preview_bundle(&self, path: &Path) -> Result<MergeReport> {
        if let Some(report) = self.merged_before(path)? {
            return Ok(report);
        }
        let b = open_bundle(path)?;
        self.write_if(|tx| Ok((false, tx.merge_bundle(&b)?)))
    }

    /// Merges the bundle at `path` into this database, in one transaction (rules in the
    /// module docs). Nothing is written if any check fails.
    ///
    /// A bundle whose exact bytes this laptop merged before brings nothing new (the merge
    /// is idempotent, and every later local write only moves past it), so it is answered
    /// from the digest alone: "nothing new", without opening it again.
    pub fn merge_bundle(&self, path: &Path) -> Result<MergeReport> {
        let started = std::time::Instant::now();
        if let Some(mut report) = self.merged_before(path)? {
            tracing::debug!(
                ms = started.elapsed().as_millis() as u64,
                "merge: the same bundle was merged before"
            );
            report.applied = true;
            return Ok(report);
        }
        let b = open_bundle(path)?;
        let checked_ms = started.elapsed().as_millis() as u64;
        let mut report = self.write(|tx| {
            let report = tx.merge_bundle(&b)?;
            let merged = MergedBundle {
                lab_id: b.lab_id.clone(),
                from_installation_id: b.installation_id.clone(),
                bundle_created_at: b.created_at.clone(),
            };
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [
                    format!("{MERGED_KEY}{}", b.digest),
                    serde_json::to_string(&merged)
                        .map_err(|e| crate::Error::internal("merge", e.to_string()))?,
                ],
            )?;
            Ok(report)
        })?;
        tracing::debug!(
            checked_ms,
            merged_ms = started.elapsed().as_millis() as u64 - checked_ms,
            "merge: bundle checked and merged"
        );
        report.applied = true;
        Ok(report)
    }

    /// The report of "nothing new" for a bundle whose bytes (by SHA-256) this laptop
    /// merged before into a lab it still has; `None` for any other file, which then goes
    /// through every check. A file too large or unreadable is left to those checks.
    fn merged_before(&self, path: &Path) -> Result<Option<MergeReport>> {
        match std::fs::metadata(path) {
            Ok(m) if m.is_file() && m.len() <= MAX_BUNDLE_BYTES => {}
            _ => return Ok(None),
        }
        let Ok((_, digest)) = crate::safe_write::sha256_file(path) else {
            return Ok(None);
        };
        let Some(remembered) = self.meta(&format!("{MERGED_KEY}{digest}"))? else {
            return Ok(None);
        };
        let Ok(merged) = serde_json::from_str::<MergedBundle>(&remembered) else {
            return Ok(None);
        };
        let lab_name: Option<String> = self
            .conn()
            .query_row(
                "SELECT name FROM lab WHERE id = ?1",
                [&merged.lab_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(lab_name) = lab_name else {
            return Ok(None);
        };
        Ok(Some(MergeReport {
            applied: false,
            lab_id: merged.lab_id,
            lab_name,
            lab_is_new: false,
            from_installation_id: merged.from_installation_id,
            bundle_created_at: merged.bundle_created_at,
            new_ideas: Vec::new(),
            changed_ideas: Vec::new(),
            deleted_ideas: Vec::new(),
            conflicts: 0,
            changed_records: 0,
        }))
    }
}
