//! The merge: one bundle into this database, register by register (rules in `mod.rs`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, OptionalExtension};
use serde_json::{json, Value};

use super::*;
use crate::error::Result;
use crate::model::{ChangeOp, MergeReport, MergedIdea, NewLab};
use crate::store::changes::now_ms;
use crate::store::Tx;
use crate::time::now_utc;

/// What one merge found and did (or, previewed, would do).
pub(crate) struct Merger<'a, 't> {
    pub(crate) tx: &'a Tx<'t>,
    pub(crate) b: &'a Bundle,
    pub(crate) lab: String,
    pub(crate) origin: String,
    pub(crate) local_clocks: ClockMap,
    pub(crate) remote_clocks: ClockMap,
    pub(crate) local_siblings: SiblingMap,
    pub(crate) remote_siblings: SiblingMap,
    pub(crate) tombstones: BTreeSet<(String, String)>,
    pub(crate) agency_map: HashMap<String, String>,
    /// Per entity (kind, id): the changed fields, each as the JSON text of `{old, new}`
    /// (`{new}` for a record new here), for the change log and the report. Text rather
    /// than JSON values: building, copying and freeing those trees was a fifth of a merge.
    pub(crate) changed: BTreeMap<(String, String), BTreeMap<&'static str, String>>,
    pub(crate) created: BTreeSet<(String, String)>,
    pub(crate) conflicts: u32,
    pub(crate) removed: BTreeSet<(String, String)>,
    pub(crate) max_hlc: i64,
}

impl Merger<'_, '_> {
    /// The version of register `key` in `clocks` with `value`; clockless when never written.
    fn version(clocks: &ClockMap, key: &str, value: &Value) -> Version {
        let (clock, seen) = clocks.get(key).unwrap_or(&NO_CLOCK);
        Version {
            clock: clock.clone(),
            value: value.clone(),
            seen: seen.clone(),
        }
    }

    /// The open conflict entries of register `key` in `map`.
    fn open_entries<'m>(map: &'m SiblingMap, key: &str) -> &'m [Version] {
        map.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Merges one register: this laptop's version and open conflicts with the bundle's.
    /// The versions not written over by another (concurrent ones) survive; the greatest
    /// wins, the others are the register's conflict entries. Returns whether the
    /// bundle's value replaces the local one.
    pub(crate) fn register(
        &mut self,
        e: &str,
        id: &str,
        f: &str,
        local: &Value,
        remote: &Value,
    ) -> Result<bool> {
        let key = register_key(e, id, f);
        let remote_clock = self.remote_clocks.get(&key).unwrap_or(&NO_CLOCK);
        self.max_hlc = self.max_hlc.max(remote_clock.0 .0);
        if local == remote
            && Self::open_entries(&self.remote_siblings, &key).is_empty()
            && self.local_clocks.get(&key).unwrap_or(&NO_CLOCK).0 == remote_clock.0
        {
            // The same version (and nothing new in conflict): nothing to do.
            return Ok(false);
        }
        let l = Self::version(&self.local_clocks, &key, local);
        let r = Self::version(&self.remote_clocks, &key, remote);
        let ls = Self::open_entries(&self.local_siblings, &key).to_vec();
        let rs = Self::open_entries(&self.remote_siblings, &key);
        let mut all: Vec<Version> = Vec::with_capacity(2 + ls.len() + rs.len());
        for v in [l.clone(), r.clone()]
            .into_iter()
            .chain(ls.iter().cloned())
            .chain(rs.iter().cloned())
        {
            if !all.iter().any(|x| x.clock == v.clock && x.value == v.value) {
                all.push(v);
            }
        }
        let live: Vec<Version> = all
            .iter()
            .filter(|v| !all.iter().any(|u| u.dominates(v)))
            .cloned()
            .collect();
        let winner = live
            .iter()
            .max_by(|a, b| a.key().cmp(&b.key()))
            .cloned()
            .unwrap_or_else(|| l.clone());
        if winner.clock != l.clock || winner.seen != l.seen {
            self.set_clock(key.clone(), e, id, f, &winner.clock, &winner.seen)?;
        }
        let losers: Vec<&Version> = live
            .iter()
            .filter(|v| v.clock != winner.clock || v.value != winner.value)
            .collect();
        self.sync_conflicts(key, e, id, f, &losers, &ls, &winner)?;
        Ok(winner.clock == r.clock && winner.value == r.value && local != remote)
    }

    /// A record new here: its clocks and open conflicts come as they are.
    pub(crate) fn adopt(&mut self, e: &str, id: &str, f: &str, remote: &Value) -> Result<()> {
        let key = register_key(e, id, f);
        let (clock, seen) = self.remote_clocks.get(&key).unwrap_or(&NO_CLOCK);
        self.max_hlc = self.max_hlc.max(clock.0);
        if clock.0 > 0 || !clock.1.is_empty() {
            // Only written: no register is merged twice in one merge, and one that were
            // would find no local clock and write the same one again.
            self.write_clock(e, id, f, clock, seen)?;
        }
        if self.remote_siblings.is_empty() && self.local_siblings.is_empty() {
            // No open conflict on either laptop (most merges): nothing to bring or close.
            return Ok(());
        }
        let rs = Self::open_entries(&self.remote_siblings, &key);
        if rs.is_empty() && !self.local_siblings.contains_key(&key) {
            // No conflict entry on either side: nothing to bring or to close.
            return Ok(());
        }
        let rs = rs.to_vec();
        let winner = Self::version(&self.remote_clocks, &key, remote);
        let losers: Vec<&Version> = rs.iter().collect();
        self.sync_conflicts(key, e, id, f, &losers, &[], &winner)
    }

    /// Stores register `key`'s (`e`, `id`, `f`) clock here.
    pub(crate) fn set_clock(
        &mut self,
        key: Register,
        e: &str,
        id: &str,
        f: &str,
        c: &Clock,
        seen: &Seen,
    ) -> Result<()> {
        self.write_clock(e, id, f, c, seen)?;
        self.local_clocks.insert(key, (c.clone(), seen.clone()));
        Ok(())
    }

    /// Writes register (`e`, `id`, `f`)'s clock to the database.
    fn write_clock(&self, e: &str, id: &str, f: &str, c: &Clock, seen: &Seen) -> Result<()> {
        self.tx.execute(
            "INSERT INTO field_clock (lab_id, entity, entity_id, field, hlc, origin, seen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (entity, entity_id, field) DO UPDATE
                SET hlc = excluded.hlc, origin = excluded.origin, seen = excluded.seen",
            params![self.lab, e, id, f, c.0, c.1, seen_json(seen)],
        )?;
        Ok(())
    }

    /// Makes register `key`'s (`e`, `id`, `f`) open conflict entries exactly `losers`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn sync_conflicts(
        &mut self,
        key: Register,
        e: &str,
        id: &str,
        f: &str,
        losers: &[&Version],
        open: &[Version],
        winner: &Version,
    ) -> Result<()> {
        for o in open {
            if !losers.iter().any(|v| v.clock == o.clock) {
                self.tx.execute(
                    "DELETE FROM merge_conflict WHERE entity = ?1 AND entity_id = ?2 AND field = ?3
                        AND losing_hlc = ?4 AND losing_origin = ?5 AND resolved_at IS NULL",
                    params![e, id, f, o.clock.0, o.clock.1],
                )?;
            }
        }
        for v in losers {
            let n = self.tx.execute(
                "INSERT INTO merge_conflict (lab_id, entity, entity_id, field, losing_value,
                     losing_hlc, losing_origin, losing_seen, winning_hlc, detected_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT (entity, entity_id, field, losing_hlc, losing_origin) DO NOTHING",
                params![
                    self.lab,
                    e,
                    id,
                    f,
                    v.value.to_string(),
                    v.clock.0,
                    v.clock.1,
                    seen_json(&v.seen),
                    winner.clock.0,
                    now_utc()
                ],
            )?;
            if v.value != winner.value {
                self.conflicts += n as u32;
            }
        }
        let now: Vec<Version> = losers.iter().map(|v| (*v).clone()).collect();
        if now.is_empty() {
            self.local_siblings.remove(&key);
        } else {
            self.local_siblings.insert(key, now);
        }
        Ok(())
    }

    pub(crate) fn note_change(
        &mut self,
        e: &str,
        id: &str,
        field: &'static str,
        old: Value,
        new: Value,
    ) {
        self.changed
            .entry((e.to_owned(), id.to_owned()))
            .or_default()
            .insert(field, json!({"old": old, "new": new}).to_string());
    }

    /// Merges the rows of one table by the spec; returns the keys of rows it wrote.
    pub(crate) fn merge_table(&mut self, spec: &Spec) -> Result<Vec<String>> {
        let cols: Vec<&str> = spec
            .key
            .iter()
            .copied()
            .chain(spec.cols.iter().map(|c| c.0))
            .collect();
        let list = cols.join(", ");
        let select: Vec<String> = cols
            .iter()
            .map(|c| self.b.column_expr(spec.table, c))
            .collect();
        let rows = self.b.rows(
            &format!(
                "SELECT {} FROM {} WHERE {} ORDER BY {}",
                select.join(", "),
                spec.table,
                spec.scope,
                spec.key.join(", ")
            ),
            &self.lab,
        )?;
        let where_key: Vec<String> = spec
            .key
            .iter()
            .enumerate()
            .map(|(i, k)| format!("{k} = ?{}", i + 1))
            .collect();
        let select_local = format!(
            "SELECT {} FROM {} WHERE {}",
            spec.cols.iter().map(|c| c.0).collect::<Vec<_>>().join(", "),
            spec.table,
            where_key.join(" AND ")
        );
        let nk = spec.key.len();
        let mut written = Vec::new();
        for mut row in rows {
            let id: String = row[..nk]
                .iter()
                .map(|v| {
                    as_text(v)
                        .map(str::to_owned)
                        .unwrap_or_else(|| to_json(v).to_string())
                })
                .collect::<Vec<_>>()
                .join("/");
            let entity_id = if spec.table == "option_item" {
                // Options are registered as `list/code` (the lab is the register's lab).
                id.split_once('/').map(|x| x.1).unwrap_or("").to_owned()
            } else {
                id.clone()
            };
            if spec.tombstones
                && self
                    .tombstones
                    .contains(&(spec.entity.to_owned(), entity_id.clone()))
            {
                continue;
            }
            if spec.table == "agency" && self.agency_map.contains_key(&id) {
                // The same agency as one of this lab's (same code): the local one stays.
                continue;
            }
            // Remap agency references onto this lab's agency with the same code.
            for (i, (c, _)) in spec.cols.iter().enumerate() {
                if *c == "agency_id" {
                    if let Some(a) = as_text(&row[nk + i]) {
                        if let Some(to) = self.agency_map.get(a) {
                            row[nk + i] = SqlValue::Text(to.clone());
                        }
                    }
                }
            }
            let local: Option<Vec<SqlValue>> =
                read_rows(self.tx, &select_local, params_from_iter(row[..nk].iter()))?
                    .into_iter()
                    .next();
            match local {
                None => {
                    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
                    self.tx.execute(
                        &format!(
                            "INSERT INTO {} ({list}) VALUES ({})",
                            spec.table,
                            marks.join(", ")
                        ),
                        params_from_iter(row.iter()),
                    )?;
                    // Its clocks come along.
                    let mut fields: Vec<&str> = spec
                        .cols
                        .iter()
                        .filter_map(|c| match c.1 {
                            Col::Field(f) => Some(f),
                            _ => None,
                        })
                        .collect();
                    if !spec.row_register.is_empty() {
                        fields.push(spec.row_register);
                    }
                    let row_cols: Vec<usize> = spec
                        .cols
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c.1 == Col::Row)
                        .map(|(i, _)| i)
                        .collect();
                    for f in fields {
                        let value = if f == spec.row_register {
                            Value::Array(row_cols.iter().map(|&i| to_json(&row[nk + i])).collect())
                        } else {
                            let i = spec
                                .cols
                                .iter()
                                .position(|c| c.1 == Col::Field(f))
                                .unwrap_or(0);
                            to_json(&row[nk + i])
                        };
                        self.adopt(spec.entity, &entity_id, f, &value)?;
                    }
                    self.created
                        .insert((spec.entity.to_owned(), entity_id.clone()));
                    let mut m = BTreeMap::new();
                    for (i, (c, kind)) in spec.cols.iter().enumerate() {
                        let name = match kind {
                            Col::Field(f) => *f,
                            Col::Row if *c != "bytes" && *c != "thumbnail" => *c,
                            _ => continue,
                        };
                        m.insert(name, new_value_json(&row[nk + i]));
                    }
                    self.changed
                        .insert((spec.entity.to_owned(), entity_id.clone()), m);
                    written.push(id);
                }
                Some(local) => {
                    let mut new = local.clone();
                    // The row register first (all its columns as one JSON value).
                    let row_cols: Vec<usize> = spec
                        .cols
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c.1 == Col::Row)
                        .map(|(i, _)| i)
                        .collect();
                    if !row_cols.is_empty() {
                        let lv =
                            Value::Array(row_cols.iter().map(|&i| to_json(&local[i])).collect());
                        let rv =
                            Value::Array(row_cols.iter().map(|&i| to_json(&row[nk + i])).collect());
                        if self.register(spec.entity, &entity_id, spec.row_register, &lv, &rv)? {
                            for &i in &row_cols {
                                new[i] = row[nk + i].clone();
                            }
                            self.note_change(spec.entity, &entity_id, spec.row_register, lv, rv);
                        }
                    }
                    for (i, (c, kind)) in spec.cols.iter().enumerate() {
                        let (lv, rv) = (&local[i], &row[nk + i]);
                        match kind {
                            Col::Field(f) => {
                                let (lj, rj) = (to_json(lv), to_json(rv));
                                if self.register(spec.entity, &entity_id, f, &lj, &rj)? {
                                    new[i] = rv.clone();
                                    self.note_change(spec.entity, &entity_id, f, lj, rj);
                                }
                            }
                            Col::Row => {}
                            Col::Max => {
                                if sql_cmp(rv, lv) == std::cmp::Ordering::Greater {
                                    new[i] = rv.clone();
                                }
                            }
                            Col::Min => {
                                let take = match (lv, rv) {
                                    (SqlValue::Null, SqlValue::Null) => false,
                                    (SqlValue::Null, _) => true,
                                    (_, SqlValue::Null) => false,
                                    _ => sql_cmp(rv, lv) == std::cmp::Ordering::Less,
                                };
                                if take {
                                    new[i] = rv.clone();
                                    if *c == "deleted_at" {
                                        self.note_change(
                                            spec.entity,
                                            &entity_id,
                                            "deletedAt",
                                            to_json(lv),
                                            to_json(rv),
                                        );
                                    }
                                }
                            }
                            Col::Keep => {
                                if lv != rv {
                                    return Err(bad(format!(
                                        "{} {id} of the bundle differs from this laptop's in {c}, which never changes",
                                        spec.table
                                    )));
                                }
                            }
                        }
                    }
                    if new != local {
                        let sets: Vec<String> = spec
                            .cols
                            .iter()
                            .enumerate()
                            .map(|(i, c)| format!("{} = ?{}", c.0, nk + i + 1))
                            .collect();
                        let mut p: Vec<SqlValue> = row[..nk].to_vec();
                        p.extend(new);
                        self.tx.execute(
                            &format!(
                                "UPDATE {} SET {} WHERE {}",
                                spec.table,
                                sets.join(", "),
                                where_key.join(" AND ")
                            ),
                            params_from_iter(p.iter()),
                        )?;
                        written.push(id);
                    }
                }
            }
        }
        Ok(written)
    }
}

/// `{"new": v}` as JSON text, for a value of a record new here.
fn new_value_json(v: &SqlValue) -> String {
    let value = match v {
        SqlValue::Text(s) => serde_json::to_string(s.as_str()),
        other => serde_json::to_string(&to_json(other)),
    }
    .unwrap_or_else(|_| "null".into());
    format!("{{\"new\":{value}}}")
}

/// A change-log entry's `changes` object from each field's change (JSON text), with
/// `extra` added, keys in order.
fn changes_json(fields: &BTreeMap<&'static str, String>, extra: (&str, &str)) -> String {
    let mut out = String::with_capacity(
        fields
            .iter()
            .map(|(k, v)| k.len() + v.len() + 4)
            .sum::<usize>()
            + extra.1.len()
            + 16,
    );
    let mut entry = |k: &str, v: &str| {
        out.push(if out.is_empty() { '{' } else { ',' });
        // Keys are Labinov's own field names: nothing in them needs escaping.
        debug_assert!(k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        out.push('"');
        out.push_str(k);
        out.push_str("\":");
        out.push_str(v);
    };
    let mut extra = Some(extra);
    for (k, v) in fields {
        if let Some((ek, ev)) = extra.filter(|(ek, _)| *ek < *k) {
            entry(ek, ev);
            extra = None;
        }
        entry(k, v);
    }
    if let Some((ek, ev)) = extra {
        entry(ek, ev);
    }
    out.push('}');
    out
}

pub(crate) fn sql_cmp(a: &SqlValue, b: &SqlValue) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    match (a, b) {
        (SqlValue::Null, SqlValue::Null) => Equal,
        (SqlValue::Null, _) => Less,
        (_, SqlValue::Null) => Greater,
        (SqlValue::Integer(x), SqlValue::Integer(y)) => x.cmp(y),
        (SqlValue::Text(x), SqlValue::Text(y)) => x.cmp(y),
        _ => to_json(a).to_string().cmp(&to_json(b).to_string()),
    }
}

impl Tx<'_> {
    pub(crate) fn merge_bundle(&self, b: &Bundle) -> Result<MergeReport> {
        b.check_shape(self)?;
        let newest_clock = b.check_clocks(now_ms())?;
        let lab = b.lab_id.clone();
        self.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        let lab_is_new: bool =
            self.query_row("SELECT count(*) = 0 FROM lab WHERE id = ?1", [&lab], |r| {
                r.get(0)
            })?;
        let before: HashMap<String, Option<String>> = {
            let mut stmt = self.prepare("SELECT id, deleted_at FROM idea WHERE lab_id = ?1")?;
            let rows = stmt.query_map([&lab], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut m = Merger {
            tx: self,
            b,
            lab: lab.clone(),
            origin: b.installation_id.clone(),
            local_clocks: load_clocks(self, &lab)?,
            remote_clocks: rb(load_clocks(&b.conn, &lab))?,
            local_siblings: load_siblings(self, &lab)?,
            remote_siblings: rb(load_siblings(&b.conn, &lab))?,
            tombstones: BTreeSet::new(),
            agency_map: HashMap::new(),
            changed: BTreeMap::new(),
            created: BTreeSet::new(),
            conflicts: 0,
            removed: BTreeSet::new(),
            max_hlc: 0,
        };

        // Tombstones: the union (keeping the earliest clock of each).
        let stones = b.rows(
            "SELECT entity, entity_id, hlc, origin FROM tombstone WHERE lab_id = ?1",
            &lab,
        )?;
        for s in &stones {
            self.execute(
                "INSERT INTO tombstone (lab_id, entity, entity_id, hlc, origin) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (entity, entity_id) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin
                 WHERE (excluded.hlc, excluded.origin) < (tombstone.hlc, tombstone.origin)",
                params_from_iter([SqlValue::Text(lab.clone())].iter().chain(s.iter())),
            )?;
            if let SqlValue::Integer(h) = s[2] {
                m.max_hlc = m.max_hlc.max(h);
            }
        }
        {
            let mut stmt =
                self.prepare("SELECT entity, entity_id FROM tombstone WHERE lab_id = ?1")?;
            let rows = stmt.query_map([&lab], |r| Ok((r.get(0)?, r.get(1)?)))?;
            m.tombstones = rows.collect::<Result<_, _>>()?;
        }

        // The lab, its lists and agencies, people and agenda.
        if lab_is_new {
            validate_lab(b)?;
        }
        m.merge_table(&LAB)?;
        self.validate_lab_here(&lab)?;
        m.merge_table(&OPTION)?;
        let agencies = b.rows("SELECT id, code FROM agency WHERE lab_id = ?1", &lab)?;
        for a in &agencies {
            let (Some(id), Some(code)) = (as_text(&a[0]), as_text(&a[1])) else {
                return Err(bad("an agency without id or code"));
            };
            let local: Option<String> = self
                .query_row(
                    "SELECT id FROM agency WHERE lab_id = ?1 AND code = ?2",
                    params![lab, code],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(local) = local.filter(|l| l != id) {
                let exists: bool =
                    self.query_row("SELECT count(*) > 0 FROM agency WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?;
                if !exists {
                    m.agency_map.insert(id.to_owned(), local);
                }
            }
        }
        validate_agencies(b, &lab)?;
        m.merge_table(&AGENCY)?;
        validate_people_and_agenda(b, &lab)?;
        m.merge_table(&PERSON)?;
        m.merge_table(&AGENDA)?;

        // Ideas.
        let written = m.merge_table(&IDEA)?;
        let mut stems = crate::search::StemCache::default();
        for id in &written {
            let idea = self.get_idea(id)?;
            self.check_idea(&idea)?;
            self.index_idea_with(&idea, &mut stems)?;
        }
        validate_attachments(b, &lab)?;
        m.merge_table(&ATTACHMENT)?;
        validate_notes(b, &lab)?;
        m.merge_table(&NOTE)?;
        self.merge_followup(&mut m)?;

        // Rubric (one register per lab) and reviews (one per idea and reviewer).
        self.merge_rubric(&mut m)?;
        m.merge_table(&REVIEW_SETTING)?;
        self.merge_reviews(&mut m)?;
        m.merge_table(&VOTE_ROUND)?;
        m.merge_table(&VOTE_TALLY)?;
        validate_attendance(b, &lab)?;
        if !b.missing_tables.contains(&"attendance") {
            m.merge_table(&ATTENDANCE)?;
        }
        if !b.missing_tables.contains(&"report_setting") {
            m.merge_table(&REPORT_SETTING)?;
        }

        // What the gallery shows (tables an older bundle may lack).
        validate_gallery(b, &lab)?;
        for spec in [&GALLERY_FIELD, &PUBLICATION] {
            if !b.missing_tables.contains(&spec.table) {
                m.merge_table(spec)?;
            }
        }

        // Apply every tombstone to what is here.
        self.apply_tombstones(&mut m)?;
        self.drop_orphan_attendance(&mut m)?;
        // A choice about an idea purged here goes with it.
        self.execute(
            "DELETE FROM idea_publication WHERE idea_id NOT IN (SELECT id FROM idea)",
            [],
        )?;

        // The history and the conflict log travel too.
        self.merge_history(b, &lab)?;
        self.observe_hlc(m.max_hlc.max(newest_clock))?;

        // This merge's own change-log entries.
        let at = now_utc();
        let merged_from = json!({"new": m.origin}).to_string();
        for (key, fields) in &m.changed {
            let op = if m.created.contains(key) {
                ChangeOp::Create
            } else {
                ChangeOp::Update
            };
            let changes = changes_json(fields, ("mergedFrom", &merged_from));
            self.execute(
                "INSERT INTO change_log (at, installation_id, lab_id, entity, entity_id, op, changes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![at, self.installation_id, lab, key.0, key.1, op.as_str(), changes],
            )?;
        }
        let broken: i64 =
            self.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if broken > 0 {
            return Err(bad(format!(
                "{broken} records of the bundle refer to records it does not hold"
            )));
        }

        // The report.
        let mut report = MergeReport {
            applied: false,
            lab_id: lab.clone(),
            lab_name: self.query_row("SELECT name FROM lab WHERE id = ?1", [&lab], |r| r.get(0))?,
            lab_is_new,
            from_installation_id: m.origin.clone(),
            bundle_created_at: b.created_at.clone(),
            new_ideas: vec![],
            changed_ideas: vec![],
            deleted_ideas: vec![],
            conflicts: m.conflicts,
            changed_records: m.changed.len() as u32,
        };
        // Every idea of the lab in one read (one query per idea was a twentieth of a
        // merge of 10,000).
        let mut briefs: HashMap<String, (MergedIdea, bool)> = {
            let mut stmt = self.prepare(
                "SELECT i.id, i.title, coalesce(a.name, ''), i.deleted_at IS NOT NULL
                 FROM idea i LEFT JOIN agency a ON a.id = i.agency_id WHERE i.lab_id = ?1",
            )?;
            let rows = stmt.query_map([&lab], |r| {
                let idea = MergedIdea {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    agency: r.get(2)?,
                };
                Ok((idea.id.clone(), (idea, r.get(3)?)))
            })?;
            rows.collect::<Result<_, _>>()?
        };
        for (entity, id) in m.changed.keys() {
            if entity != "idea" {
                continue;
            }
            let Some((brief, deleted_now)) = briefs.remove(id) else {
                return Err(crate::Error::internal(
                    "merge",
                    format!("the merged idea {id} is not in its lab"),
                ));
            };
            match before.get(id) {
                None => report.new_ideas.push(brief),
                Some(None) if deleted_now => report.deleted_ideas.push(brief),
                Some(_) => report.changed_ideas.push(brief),
            }
        }
        for (entity, id) in &m.removed {
            if entity == "idea" {
                report.deleted_ideas.push(MergedIdea {
                    id: id.clone(),
                    title: String::new(),
                    agency: String::new(),
                });
            }
        }
        Ok(report)
    }

    /// The lab as it now stands passes the local checks.
    pub(crate) fn validate_lab_here(&self, lab: &str) -> Result<()> {
        let l = self.get_lab_tx(lab)?;
        crate::validate::clean_required("name", &l.name)
            .map_err(|e| bad(format!("the lab: {e}")))?;
        Ok(())
    }

    pub(crate) fn get_lab_tx(&self, id: &str) -> Result<NewLab> {
        Ok(self.query_row(
            "SELECT name, organiser, city, venue, start_date, days, idea_target, time_zone FROM lab WHERE id = ?1",
            [id],
            |r| {
                Ok(NewLab {
                    name: r.get(0)?,
                    organiser: r.get(1)?,
                    city: r.get(2)?,
                    venue: r.get(3)?,
                    start_date: r.get(4)?,
                    days: r.get(5)?,
                    idea_target: r.get(6)?,
                    time_zone: Some(r.get(7)?),
                })
            },
        )?)
    }

    /// An idea written by a merge must pass exactly the checks of a local write.
    pub(crate) fn check_idea(&self, idea: &crate::model::Idea) -> Result<()> {
        let cleaned = self
            .clean_fields(&idea.lab_id, idea.fields.clone(), Some(&idea.fields))
            .map_err(|e| bad(format!("idea {:?}: {e}", idea.fields.title)))?;
        if cleaned != idea.fields {
            return Err(bad(format!(
                "idea {:?} holds values Labinov would not store",
                idea.fields.title
            )));
        }
        if let Some(d) = &idea.deleted_at {
            chrono::DateTime::parse_from_rfc3339(d)
                .map_err(|_| bad("an idea's deletion time is not a time"))?;
        }
        Ok(())
    }

    pub(crate) fn merge_rubric(&self, m: &mut Merger<'_, '_>) -> Result<()> {
        let sql = "SELECT code, label_id, label_en, weight, scale_max, position, retired
                   FROM rubric_criterion WHERE lab_id = ?1 ORDER BY code";
        let theirs = m.b.rows(sql, &m.lab)?;
        let ours = rb(read_rows(self, sql, [&m.lab]))?;
        let as_json = |rows: &[Vec<SqlValue>]| {
            Value::Array(
                rows.iter()
                    .map(|r| Value::Array(r.iter().map(to_json).collect()))
                    .collect(),
            )
        };
        let (lv, rv) = (as_json(&ours), as_json(&theirs));
        for r in &theirs {
            for (i, f) in [(1, "labelId"), (2, "labelEn")] {
                crate::validate::clean_required(f, as_text(&r[i]).unwrap_or(""))
                    .map_err(|e| bad(format!("the rubric: {e}")))?;
            }
        }
        // A lab's rubric is made with the default criteria when first used: a laptop that
        // has none yet has no version of it.
        let lab = m.lab.clone();
        let take = if theirs.is_empty() {
            false
        } else if ours.is_empty() {
            m.adopt("lab", &lab, "rubric", &rv)?;
            true
        } else {
            m.register("lab", &lab, "rubric", &lv, &rv)?
        };
        if take {
            self.execute("DELETE FROM rubric_criterion WHERE lab_id = ?1", [&m.lab])?;
            for r in &theirs {
                self.execute(
                    "INSERT INTO rubric_criterion (lab_id, code, label_id, label_en, weight, scale_max, position, retired)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params_from_iter([SqlValue::Text(m.lab.clone())].iter().chain(r.iter())),
                )?;
            }
            let lab = m.lab.clone();
            m.note_change("lab", &lab, "rubric", lv, rv);
        }
        Ok(())
    }

    pub(crate) fn merge_reviews(&self, m: &mut Merger<'_, '_>) -> Result<()> {
        let sql_reviews = "SELECT r.idea_id, r.reviewer_id, r.id, r.comment, r.recommendation, r.submitted_at, r.updated_at
             FROM review r JOIN idea i ON i.id = r.idea_id WHERE i.lab_id = ?1 ORDER BY r.idea_id, r.reviewer_id";
        let scores_sql = "SELECT criterion, score, scale_max FROM review_score WHERE review_id = ?1 ORDER BY criterion";
        let theirs = m.b.rows(sql_reviews, &m.lab)?;
        for r in theirs {
            let (Some(idea), Some(reviewer), Some(rid)) =
                (as_text(&r[0]), as_text(&r[1]), as_text(&r[2]))
            else {
                return Err(bad("a review without its idea or reviewer"));
            };
            if m.tombstones.contains(&("idea".into(), idea.into()))
                || m.tombstones.contains(&("person".into(), reviewer.into()))
            {
                continue;
            }
            crate::validate::clean_text("comment", as_text(&r[3]).unwrap_or(""))
                .map_err(|e| bad(format!("a review: {e}")))?;
            let their_scores = rb(read_rows(&m.b.conn, scores_sql, [rid]))?;
            for s in &their_scores {
                match (&s[1], &s[2]) {
                    (SqlValue::Integer(v), SqlValue::Integer(max)) if *v >= 1 && v <= max => {}
                    _ => return Err(bad("a review score is outside its scale")),
                }
            }
            let local: Option<Vec<SqlValue>> = rb(read_rows(
                self,
                "SELECT idea_id, reviewer_id, id, comment, recommendation, submitted_at, updated_at
                 FROM review WHERE idea_id = ?1 AND reviewer_id = ?2",
                [idea, reviewer],
            ))?
            .into_iter()
            .next();
            let value = |row: &[SqlValue], scores: &[Vec<SqlValue>]| {
                json!({
                    "comment": to_json(&row[3]), "recommendation": to_json(&row[4]),
                    "submitted": !matches!(row[5], SqlValue::Null),
                    "scores": scores.iter().map(|s| s.iter().map(to_json).collect::<Vec<_>>()).collect::<Vec<_>>(),
                })
            };
            let rv = value(&r, &their_scores);
            let key = format!("{idea}/{reviewer}");
            let take = match &local {
                None => {
                    m.adopt("review", &key, "review", &rv)?;
                    true
                }
                Some(l) => {
                    let lid = as_text(&l[2]).unwrap_or("").to_owned();
                    let ls = rb(read_rows(self, scores_sql, [&lid]))?;
                    let lv = value(l, &ls);
                    // Same content under another id: keep the smaller id, so every laptop
                    // ends up with the same row.
                    m.register("review", &key, "review", &lv, &rv)?
                        || (lv == rv && rid < lid.as_str())
                }
            };
            if take {
                self.execute(
                    "DELETE FROM review WHERE idea_id = ?1 AND reviewer_id = ?2",
                    [idea, reviewer],
                )?;
                self.execute(
                    "INSERT INTO review (id, idea_id, reviewer_id, comment, recommendation, submitted_at, updated_at)
                     VALUES (?3, ?1, ?2, ?4, ?5, ?6, ?7)",
                    params_from_iter(r.iter()),
                )?;
                for s in &their_scores {
                    self.execute(
                        "INSERT INTO review_score (review_id, criterion, score, scale_max) VALUES (?1, ?2, ?3, ?4)",
                        params_from_iter([SqlValue::Text(rid.to_owned())].iter().chain(s.iter())),
                    )?;
                }
                m.note_change(
                    "idea",
                    idea,
                    "review",
                    Value::Null,
                    json!({"reviewer": reviewer}),
                );
            }
        }
        Ok(())
    }

    /// Attendees of a session removed here (its tombstone won): gone with their session,
    /// as a local delete cascades, with their clocks and merge entries.
    pub(crate) fn drop_orphan_attendance(&self, m: &mut Merger<'_, '_>) -> Result<()> {
        let orphans: Vec<String> = {
            let mut stmt = self.prepare(
                "SELECT session_id || '/' || attendee FROM attendance
                 WHERE lab_id = ?1 AND session_id NOT IN (SELECT id FROM agenda_session)",
            )?;
            let rows = stmt.query_map([&m.lab], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        // Clocks of attendees gone with their session (here, by a cascade) go too.
        self.execute(
            "DELETE FROM field_clock WHERE lab_id = ?1 AND entity = 'attendance'
               AND entity_id NOT IN (SELECT session_id || '/' || attendee FROM attendance)",
            [&m.lab],
        )?;
        if orphans.is_empty() {
            return Ok(());
        }
        self.execute(
            "DELETE FROM attendance
             WHERE lab_id = ?1 AND session_id NOT IN (SELECT id FROM agenda_session)",
            [&m.lab],
        )?;
        for id in orphans {
            self.execute(
                "DELETE FROM field_clock WHERE entity = 'attendance' AND entity_id = ?1",
                [&id],
            )?;
            let key = ("attendance".to_owned(), id);
            m.changed.remove(&key);
            m.created.remove(&key);
        }
        Ok(())
    }

    pub(crate) fn apply_tombstones(&self, m: &mut Merger<'_, '_>) -> Result<()> {
        let stones: Vec<(String, String)> = m.tombstones.iter().cloned().collect();
        for (entity, id) in stones {
            match entity.as_str() {
                "idea" => {
                    let here: bool = self.query_row(
                        "SELECT count(*) > 0 FROM idea WHERE id = ?1 AND lab_id = ?2",
                        [&id, &m.lab],
                        |r| r.get(0),
                    )?;
                    if here {
                        self.execute(
                            "UPDATE idea SET merged_into = NULL WHERE merged_into = ?1 AND lab_id = ?2",
                            [&id, &m.lab],
                        )?;
                        self.unindex_idea(&id)?;
                        self.execute(
                            "DELETE FROM idea WHERE id = ?1 AND lab_id = ?2",
                            [&id, &m.lab],
                        )?;
                        m.removed.insert((entity.clone(), id.clone()));
                    }
                }
                "person" => {
                    // Only this lab's records: a bundle cannot reach into another lab.
                    self.execute(
                        "DELETE FROM review WHERE reviewer_id = ?1
                           AND reviewer_id IN (SELECT id FROM person WHERE lab_id = ?2)",
                        [&id, &m.lab],
                    )?;
                    if self.execute(
                        "DELETE FROM person WHERE id = ?1 AND lab_id = ?2",
                        [&id, &m.lab],
                    )? > 0
                    {
                        m.removed.insert((entity.clone(), id.clone()));
                    }
                }
                "agenda"
                    if self.execute(
                        "DELETE FROM agenda_session WHERE id = ?1 AND lab_id = ?2",
                        [&id, &m.lab],
                    )? > 0 =>
                {
                    m.removed.insert((entity.clone(), id.clone()));
                }
                _ => {}
            }
        }
        // A merged idea pointing at an idea that is gone is back on its own.
        let orphans: Vec<String> = {
            let mut stmt = self.prepare(
                "SELECT id FROM idea WHERE lab_id = ?1 AND merged_into IS NOT NULL
                   AND merged_into NOT IN (SELECT id FROM idea)",
            )?;
            let rows = stmt.query_map([&m.lab], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        for id in orphans {
            self.execute("UPDATE idea SET merged_into = NULL WHERE id = ?1", [&id])?;
            let idea = self.get_idea(&id)?;
            self.index_idea(&idea)?;
        }
        Ok(())
    }

    /// The bundle's change log joins this one; a row already here (same laptop, time,
    /// record and changes) is not added twice.
    pub(crate) fn merge_history(&self, b: &Bundle, lab: &str) -> Result<()> {
        let rows = b.rows(
            "SELECT at, installation_id, lab_id, entity, entity_id, op, changes FROM change_log
             WHERE lab_id = ?1 ORDER BY seq",
            lab,
        )?;
        // Two statements per row, not one `INSERT … SELECT … WHERE NOT EXISTS`: a SELECT
        // that reads the table it inserts into is copied to a temporary table first, which
        // took the history from 4 to 7 % of a merge.
        let mut exists = self.prepare_cached(
            "SELECT count(*) > 0 FROM change_log WHERE entity_id = ?5 AND at = ?1
               AND installation_id = ?2 AND lab_id IS ?3 AND entity = ?4 AND op = ?6 AND changes = ?7",
        )?;
        let mut insert = self.prepare_cached(
            "INSERT INTO change_log (at, installation_id, lab_id, entity, entity_id, op, changes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for r in rows {
            let here: bool = exists.query_row(params_from_iter(r.iter()), |x| x.get(0))?;
            if !here {
                insert
                    .execute(params_from_iter(r.iter()))
                    .map_err(|e| bad(format!("a history entry of the bundle is malformed: {e}")))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_log_entry_is_json_with_its_keys_in_order() {
        let mut fields = BTreeMap::new();
        fields.insert(
            "title",
            new_value_json(&SqlValue::Text("Kata \"kutip\"\n".into())),
        );
        fields.insert("labDay", new_value_json(&SqlValue::Integer(2)));
        fields.insert("zone", new_value_json(&SqlValue::Null));
        let text = changes_json(&fields, ("mergedFrom", r#"{"new":"laptop-b"}"#));
        let parsed: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            parsed,
            json!({
                "labDay": {"new": 2},
                "mergedFrom": {"new": "laptop-b"},
                "title": {"new": "Kata \"kutip\"\n"},
                "zone": {"new": null},
            })
        );
        // The same text serde_json writes for the same object (keys sorted).
        assert_eq!(text, parsed.to_string());
        assert_eq!(
            changes_json(&BTreeMap::new(), ("mergedFrom", "{}")),
            r#"{"mergedFrom":{}}"#
        );
    }
}
