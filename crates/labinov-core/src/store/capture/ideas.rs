//! Ideas: add, edit, read, list, the board, trash and merge.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, OptionalExtension, Row};
use serde_json::{Map, Value};

use crate::error::{Error, Reason, Result};
use crate::fields::{CleanField, FieldDef, FieldKind, IDEA_FIELDS, MAX_TAGS, MAX_TAG_LEN};
use crate::model::Entity;
use crate::model::{
    Board, BoardGroup, ChangeOp, Idea, IdeaInput, IdeaListing, IdeaPatch, LatestIdeas,
};
use crate::store::changes::Changes;
use crate::store::{Store, Tx};
use crate::time::{now_utc, parse_date};
use crate::validate::{clean_optional, clean_required, clean_text};

/// The idea table's columns: the id and lab, every field of [`IDEA_FIELDS`], the times.
/// Rows are read ([`idea_from_row`]) and written in this order.
static COLUMNS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    ["id", "lab_id"]
        .into_iter()
        .chain(IDEA_FIELDS.iter().map(|f| f.column))
        .chain([
            "created_at",
            "updated_at",
            "deleted_at",
            "merged_into",
            "continues_id",
        ])
        .collect()
});

static SELECT: LazyLock<String> = LazyLock::new(|| COLUMNS.join(", "));
static SELECT_I: LazyLock<String> = LazyLock::new(|| select_columns("i"));

/// The idea columns qualified with a table alias, for joins.
pub(crate) fn select_columns(alias: &str) -> String {
    COLUMNS
        .iter()
        .map(|c| format!("{alias}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}
static INSERT: LazyLock<String> = LazyLock::new(|| {
    let marks: Vec<String> = (1..=COLUMNS.len()).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO idea ({}) VALUES ({})",
        *SELECT,
        marks.join(", ")
    )
});
static UPDATE: LazyLock<String> = LazyLock::new(|| {
    let sets: Vec<String> = COLUMNS
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect();
    format!("UPDATE idea SET {} WHERE id = ?1", sets.join(", "))
});

/// An idea from a row that starts with the idea's columns in `COLUMNS` order (`SELECT`
/// them with [`select_columns`] or `SELECT`; other columns may follow). Read by position;
/// debug builds check the names.
pub(crate) fn idea_from_row(r: &Row<'_>) -> rusqlite::Result<Idea> {
    debug_assert!(
        COLUMNS
            .iter()
            .enumerate()
            .all(|(i, c)| r.as_ref().column_name(i).is_ok_and(|n| n == *c)),
        "a row read as an idea must start with the idea's columns in order"
    );
    let n = IDEA_FIELDS.len();
    Ok(Idea {
        id: r.get(0)?,
        lab_id: r.get(1)?,
        fields: IdeaInput::from_row(r, 2)?,
        created_at: r.get(n + 2)?,
        updated_at: r.get(n + 3)?,
        deleted_at: r.get(n + 4)?,
        merged_into: r.get(n + 5)?,
        continues: r.get(n + 6)?,
    })
}

/// An idea's values as SQL parameters, in `COLUMNS` order.
fn idea_params(idea: &Idea) -> Vec<SqlValue> {
    let text = |s: &str| SqlValue::Text(s.to_owned());
    let maybe = |s: &Option<String>| s.as_deref().map_or(SqlValue::Null, text);
    [text(&idea.id), text(&idea.lab_id)]
        .into_iter()
        .chain(idea.fields.sql_values())
        .chain([
            text(&idea.created_at),
            text(&idea.updated_at),
            maybe(&idea.deleted_at),
            maybe(&idea.merged_into),
            maybe(&idea.continues),
        ])
        .collect()
}

/// Cleans each field by its kind ([`IdeaInput::clean_with`]).
struct Cleaner<'t, 'c> {
    tx: &'t Tx<'c>,
    lab_id: &'t str,
    days: u32,
}

impl CleanField<String> for Cleaner<'_, '_> {
    fn clean_field(&self, def: &FieldDef, v: String, old: Option<&String>) -> Result<String> {
        let field = def.key;
        let kept = |v: &str| old.is_some_and(|o| o == v);
        match def.kind {
            FieldKind::Agency => {
                let v = v.trim().to_owned();
                self.tx.require_agency(self.lab_id, &v, kept(&v))?;
                Ok(v)
            }
            FieldKind::Line if def.required => clean_required(field, &v),
            FieldKind::Line => clean_optional(field, &v),
            FieldKind::Text => clean_text(field, &v),
            FieldKind::Date => {
                let v = v.trim();
                if v.is_empty() {
                    Ok(String::new())
                } else {
                    Ok(parse_date(field, v)?.to_string())
                }
            }
            FieldKind::Code => {
                let v = v.trim();
                if !v.is_empty() {
                    self.tx
                        .require_option(self.lab_id, def.list_name(), field, v, kept(v))?;
                }
                Ok(v.to_owned())
            }
            other => unreachable!("{field} is a text field of kind {other:?}"),
        }
    }
}

impl CleanField<Vec<String>> for Cleaner<'_, '_> {
    fn clean_field(
        &self,
        def: &FieldDef,
        vs: Vec<String>,
        old: Option<&Vec<String>>,
    ) -> Result<Vec<String>> {
        let field = def.key;
        let mut out: Vec<String> = Vec::new();
        if def.kind == FieldKind::Tags {
            for t in &vs {
                let t = clean_optional(field, t)?;
                if t.chars().count() > MAX_TAG_LEN {
                    return Err(Error::invalid(
                        field,
                        Reason::TagTooLong {
                            max: MAX_TAG_LEN as u32,
                        },
                    ));
                }
                if !t.is_empty() && !out.iter().any(|x| x.to_lowercase() == t.to_lowercase()) {
                    out.push(t);
                }
            }
            if out.len() > MAX_TAGS {
                return Err(Error::invalid(
                    field,
                    Reason::TooManyTags {
                        max: MAX_TAGS as u32,
                    },
                ));
            }
            return Ok(out);
        }
        for v in vs.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
            if !out.iter().any(|o| o == v) {
                let kept = old.is_some_and(|w| w.iter().any(|x| x == v));
                self.tx
                    .require_option(self.lab_id, def.list_name(), field, v, kept)?;
                out.push(v.to_owned());
            }
        }
        Ok(out)
    }
}

impl CleanField<Option<u32>> for Cleaner<'_, '_> {
    fn clean_field(
        &self,
        def: &FieldDef,
        v: Option<u32>,
        _: Option<&Option<u32>>,
    ) -> Result<Option<u32>> {
        let days = self.days;
        match v {
            Some(d) if d < 1 || d > days => {
                Err(Error::invalid(def.key, Reason::DayOutOfRange { days }))
            }
            _ => Ok(v),
        }
    }
}

/// Where a new idea stands until someone moves it.
pub const DEFAULT_STATUS: &str = "captured";

impl Tx<'_> {
    pub(crate) fn get_idea(&self, id: &str) -> Result<Idea> {
        self.query_row(
            &format!("SELECT {} FROM idea WHERE id = ?1", *SELECT),
            [id],
            idea_from_row,
        )
        .optional()?
        .ok_or_else(|| Error::not_found("idea", id))
    }

    fn lab_days(&self, lab_id: &str) -> Result<u32> {
        self.query_row("SELECT days FROM lab WHERE id = ?1", [lab_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found("lab", lab_id))
    }

    /// Cleans and checks every field. `old` is the idea before an edit: a retired agency
    /// or option it already had stays acceptable.
    pub(crate) fn clean_fields(
        &self,
        lab_id: &str,
        f: IdeaInput,
        old: Option<&IdeaInput>,
    ) -> Result<IdeaInput> {
        let cleaner = Cleaner {
            tx: self,
            lab_id,
            days: self.lab_days(lab_id)?,
        };
        let mut fields = f.clean_with(&cleaner, old)?;
        if fields.status.is_empty() {
            fields.status = DEFAULT_STATUS.to_owned();
        }
        Ok(fields)
    }

    /// The agency must belong to the lab, and not be retired unless the idea had it.
    pub(crate) fn require_agency(
        &self,
        lab_id: &str,
        agency_id: &str,
        already_had_it: bool,
    ) -> Result<()> {
        let row: Option<(String, Option<String>)> = self
            .query_row(
                "SELECT lab_id, retired_at FROM agency WHERE id = ?1",
                [agency_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match row {
            Some((l, _)) if l != lab_id => {
                Err(Error::invalid("agencyId", Reason::AgencyOfOtherLab))
            }
            Some((_, Some(_))) if !already_had_it => {
                Err(Error::invalid("agencyId", Reason::AgencyRetired))
            }
            Some(_) => Ok(()),
            None => Err(Error::invalid("agencyId", Reason::ChooseAgency)),
        }
    }

    /// Captures a new idea. Returns once it is durably on disk (WAL, `synchronous=FULL`).
    pub(crate) fn add_idea(&self, lab_id: &str, input: IdeaInput) -> Result<Idea> {
        self.require_lab(lab_id)?;
        let fields = self.clean_fields(lab_id, input, None)?;
        let now = now_utc();
        let idea = Idea {
            id: uuid::Uuid::now_v7().to_string(),
            lab_id: lab_id.to_owned(),
            fields,
            created_at: now.clone(),
            updated_at: now,
            deleted_at: None,
            merged_into: None,
            continues: None,
        };
        self.insert_idea(&idea)?;
        self.record(
            Some(lab_id),
            Entity::Idea,
            &idea.id,
            ChangeOp::Create,
            field_changes(None, &idea.fields),
        )?;
        Ok(idea)
    }

    /// Edits the fields present in `patch`. Only real changes are recorded; an edit that
    /// changes nothing leaves the idea and the log untouched. An unknown field is refused.
    pub(crate) fn update_idea(&self, id: &str, patch: IdeaPatch) -> Result<Idea> {
        let old = self.get_idea(id)?;
        let mut map = field_map(&old.fields);
        for (k, v) in patch.0 {
            if !map.contains_key(&k) {
                return Err(Error::internal(k, "is not a field of an idea"));
            }
            map.insert(k, v);
        }
        let patched: IdeaInput = serde_json::from_value(Value::Object(map))
            .map_err(|e| Error::internal("idea", format!("a field has the wrong type: {e}")))?;
        let fields = self.clean_fields(&old.lab_id, patched, Some(&old.fields))?;
        let changes = field_changes(Some(&old.fields), &fields);
        if changes.is_empty() {
            return Ok(old);
        }
        let new = Idea {
            fields,
            updated_at: now_utc(),
            ..old.clone()
        };
        self.store_idea(&new)?;
        self.record(
            Some(&old.lab_id),
            Entity::Idea,
            id,
            ChangeOp::Update,
            changes,
        )?;
        Ok(new)
    }

    pub(crate) fn insert_idea(&self, idea: &Idea) -> Result<()> {
        self.execute(&INSERT, params_from_iter(idea_params(idea)))?;
        self.index_idea(idea)
    }

    fn store_idea(&self, idea: &Idea) -> Result<()> {
        self.execute(&UPDATE, params_from_iter(idea_params(idea)))?;
        self.index_idea(idea)
    }
}

/// The editable fields of an idea as a JSON object (camelCase keys).
fn field_map(f: &IdeaInput) -> Map<String, Value> {
    match serde_json::to_value(f).expect("idea fields serialise") {
        Value::Object(m) => m,
        _ => unreachable!("IdeaInput is a struct"),
    }
}

/// Records every field that differs between `old` and `new` (all of `new` on create).
fn field_changes(old: Option<&IdeaInput>, new: &IdeaInput) -> Changes {
    let mut c = Changes::default();
    let new_map = field_map(new);
    match old.map(field_map) {
        None => {
            for (k, v) in new_map {
                c.set(&k, v);
            }
        }
        Some(old_map) => {
            for (k, v) in new_map {
                c.diff_value(&k, old_map.get(&k).cloned().unwrap_or(Value::Null), v);
            }
        }
    }
    c
}

impl Store {
    /// Captures a new idea. Returns once it is durably on disk (WAL, `synchronous=FULL`).
    pub fn add_idea(&self, lab_id: &str, input: IdeaInput) -> Result<Idea> {
        self.write(|tx| tx.add_idea(lab_id, input))
    }

    /// Edits the fields present in `patch`. Only real changes are recorded; an edit that
    /// changes nothing leaves the idea and the log untouched. An unknown field is refused.
    pub fn update_idea(&self, id: &str, patch: IdeaPatch) -> Result<Idea> {
        self.write(|tx| tx.update_idea(id, patch))
    }

    /// Captures many ideas in one transaction: all of them, or none if one is refused.
    pub fn add_ideas(&self, lab_id: &str, inputs: Vec<IdeaInput>) -> Result<Vec<Idea>> {
        self.write(|tx| inputs.into_iter().map(|i| tx.add_idea(lab_id, i)).collect())
    }

    pub fn get_idea(&self, id: &str) -> Result<Idea> {
        self.conn()
            .query_row(
                &format!("SELECT {} FROM idea WHERE id = ?1", *SELECT),
                [id],
                idea_from_row,
            )
            .optional()?
            .ok_or_else(|| Error::not_found("idea", id))
    }

    /// The lab's live ideas (not in the trash, not merged away), newest first.
    pub fn list_ideas(&self, lab_id: &str) -> Result<Vec<Idea>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {} FROM idea
             WHERE lab_id = ?1 AND deleted_at IS NULL AND merged_into IS NULL
             ORDER BY created_at DESC, id DESC",
            *SELECT
        ))?;
        let rows = stmt.query_map([lab_id], idea_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The lab's `limit` newest live ideas (at most 200) and how many it has: what the
    /// capture screen lists beside the form, read again after every change however large
    /// the lab.
    pub fn latest_ideas(&self, lab_id: &str, limit: u32) -> Result<LatestIdeas> {
        self.get_lab(lab_id)?;
        let conn = self.conn();
        let total: u32 = conn
            .prepare_cached(
                "SELECT COUNT(*) FROM idea
                 WHERE lab_id = ?1 AND deleted_at IS NULL AND merged_into IS NULL",
            )?
            .query_row([lab_id], |r| r.get(0))?;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {} FROM idea
             WHERE lab_id = ?1 AND deleted_at IS NULL AND merged_into IS NULL
             ORDER BY created_at DESC, id DESC LIMIT ?2",
            *SELECT
        ))?;
        let ideas = stmt
            .query_map(params![lab_id, limit.min(200)], idea_from_row)?
            .collect::<Result<_, _>>()?;
        Ok(LatestIdeas { total, ideas })
    }

    /// The lab's live ideas, oldest first, each with its agency's code and names.
    pub fn idea_listing(&self, lab_id: &str) -> Result<Vec<IdeaListing>> {
        self.get_lab(lab_id)?;
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {}, a.code, a.name, a.short_name
             FROM idea i JOIN agency a ON a.id = i.agency_id
             WHERE i.lab_id = ?1 AND i.deleted_at IS NULL AND i.merged_into IS NULL
             ORDER BY i.created_at, i.id",
            *SELECT_I
        ))?;
        let n = COLUMNS.len();
        let rows = stmt.query_map([lab_id], |r| {
            Ok(IdeaListing {
                idea: idea_from_row(r)?,
                agency_code: r.get(n)?,
                agency_name: r.get(n + 1)?,
                agency_short_name: r.get(n + 2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The board: every active agency of the lab in roster order with its live ideas
    /// (oldest first, the order they were pitched in), and the counts toward the target.
    pub fn board(&self, lab_id: &str) -> Result<Board> {
        let lab = self.get_lab(lab_id)?;
        let agencies = self.list_agencies(lab_id)?;
        let mut ideas = self.list_ideas(lab_id)?;
        ideas.reverse();
        let idea_count = ideas.len() as u32;
        let mut by_agency: HashMap<String, Vec<Idea>> = HashMap::new();
        for idea in ideas {
            by_agency
                .entry(idea.fields.agency_id.clone())
                .or_default()
                .push(idea);
        }
        let active: HashSet<&str> = agencies
            .iter()
            .filter(|a| a.retired_at.is_none())
            .map(|a| a.id.as_str())
            .collect();
        let groups: Vec<BoardGroup> = agencies
            .iter()
            .filter_map(|agency| {
                let ideas = by_agency.remove(&agency.id).unwrap_or_default();
                // A retired agency shows only while it still has ideas.
                (active.contains(agency.id.as_str()) || !ideas.is_empty()).then(|| BoardGroup {
                    agency: agency.clone(),
                    ideas,
                })
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

    /// Moves an idea to the trash. It leaves the board and lists; `restore_idea` brings it
    /// back with everything it had.
    pub fn delete_idea(&self, id: &str) -> Result<Idea> {
        self.set_deleted(id, Some(now_utc()))
    }

    pub fn restore_idea(&self, id: &str) -> Result<Idea> {
        self.set_deleted(id, None)
    }

    fn set_deleted(&self, id: &str, deleted_at: Option<String>) -> Result<Idea> {
        self.write(|tx| {
            let old = tx.get_idea(id)?;
            if old.deleted_at.is_some() == deleted_at.is_some() {
                return Ok(old);
            }
            let new = Idea {
                deleted_at: deleted_at.clone(),
                updated_at: now_utc(),
                ..old.clone()
            };
            tx.store_idea(&new)?;
            let mut c = Changes::default();
            c.diff_value(
                "deletedAt",
                old.deleted_at.into(),
                deleted_at.clone().into(),
            );
            let op = if deleted_at.is_some() {
                ChangeOp::Delete
            } else {
                ChangeOp::Update
            };
            tx.record(Some(&new.lab_id), Entity::Idea, id, op, c)?;
            Ok(new)
        })
    }

    /// The lab's trash, most recently deleted first.
    pub fn list_trash(&self, lab_id: &str) -> Result<Vec<Idea>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {} FROM idea WHERE lab_id = ?1 AND deleted_at IS NOT NULL
             ORDER BY deleted_at DESC",
            *SELECT
        ))?;
        let rows = stmt.query_map([lab_id], idea_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Deletes the trashed ideas of a lab for good (their history stays in the change
    /// log). Returns how many went. The UI asks before calling this.
    pub fn empty_trash(&self, lab_id: &str) -> Result<u32> {
        self.write(|tx| {
            let ids: Vec<String> = {
                let mut stmt =
                    tx.prepare("SELECT id FROM idea WHERE lab_id = ?1 AND deleted_at IS NOT NULL")?;
                let rows = stmt.query_map([lab_id], |r| r.get(0))?;
                rows.collect::<Result<_, _>>()?
            };
            for id in &ids {
                // Ideas merged into a purged idea come back as ideas of their own: back in
                // the search index, with the release in their history.
                let released: Vec<String> = {
                    let mut stmt = tx.prepare("SELECT id FROM idea WHERE merged_into = ?1")?;
                    let rows = stmt.query_map([id], |r| r.get(0))?;
                    rows.collect::<Result<_, _>>()?
                };
                for other in released {
                    let old = tx.get_idea(&other)?;
                    let new = Idea {
                        merged_into: None,
                        updated_at: now_utc(),
                        ..old
                    };
                    tx.store_idea(&new)?;
                    let mut c = Changes::default();
                    c.diff_value("mergedInto", id.as_str().into(), Value::Null);
                    tx.record(Some(lab_id), Entity::Idea, &other, ChangeOp::Update, c)?;
                }
                tx.unindex_idea(id)?;
                tx.execute("DELETE FROM idea WHERE id = ?1", [id])?;
                tx.record(Some(lab_id), Entity::Idea, id, ChangeOp::Delete, {
                    let mut c = Changes::default();
                    c.set("purged", true);
                    c
                })?;
            }
            Ok(ids.len() as u32)
        })
    }

    /// Merges idea `from` into idea `into`: `from` leaves the board and points at `into`;
    /// both keep their histories. `unmerge_idea` undoes it.
    pub fn merge_ideas(&self, into: &str, from: &str) -> Result<Idea> {
        if into == from {
            return Err(Error::invalid("from", Reason::MergeIntoItself));
        }
        self.write(|tx| {
            let target = tx.get_idea(into)?;
            let source = tx.get_idea(from)?;
            if target.lab_id != source.lab_id {
                return Err(Error::invalid("from", Reason::MergeDifferentLabs));
            }
            if target.merged_into.is_some() || target.deleted_at.is_some() {
                return Err(Error::invalid("into", Reason::MergeTargetGone));
            }
            if source.merged_into.is_some() {
                return Err(Error::invalid("from", Reason::AlreadyMerged));
            }
            // Ideas merged into `from` earlier now point at `into` as well, and say so.
            let now = now_utc();
            let chained: Vec<String> = {
                let mut stmt = tx.prepare("SELECT id FROM idea WHERE merged_into = ?1")?;
                let rows = stmt.query_map([from], |r| r.get(0))?;
                rows.collect::<Result<_, _>>()?
            };
            tx.execute(
                "UPDATE idea SET merged_into = ?1, updated_at = ?3 WHERE merged_into = ?2",
                params![into, from, now],
            )?;
            for other in &chained {
                let mut c = Changes::default();
                c.diff_value("mergedInto", from.into(), into.into());
                tx.record(
                    Some(&source.lab_id),
                    Entity::Idea,
                    other,
                    ChangeOp::Update,
                    c,
                )?;
            }
            let new = Idea {
                merged_into: Some(into.to_owned()),
                updated_at: now,
                ..source
            };
            tx.store_idea(&new)?;
            let mut c = Changes::default();
            c.diff_value("mergedInto", Value::Null, into.into());
            tx.record(Some(&new.lab_id), Entity::Idea, from, ChangeOp::Update, c)?;
            let mut c = Changes::default();
            c.set("absorbed", from);
            tx.record(Some(&new.lab_id), Entity::Idea, into, ChangeOp::Update, c)?;
            Ok(target)
        })
    }

    /// Undoes a merge: the idea is back on the board as it was.
    pub fn unmerge_idea(&self, id: &str) -> Result<Idea> {
        self.write(|tx| {
            let old = tx.get_idea(id)?;
            let Some(into) = old.merged_into.clone() else {
                return Err(Error::invalid("id", Reason::NotMerged));
            };
            let new = Idea {
                merged_into: None,
                updated_at: now_utc(),
                ..old
            };
            tx.store_idea(&new)?;
            let mut c = Changes::default();
            c.diff_value("mergedInto", into.clone().into(), Value::Null);
            tx.record(Some(&new.lab_id), Entity::Idea, id, ChangeOp::Update, c)?;
            let mut c = Changes::default();
            c.set("released", id);
            tx.record(Some(&new.lab_id), Entity::Idea, &into, ChangeOp::Update, c)?;
            Ok(new)
        })
    }

    /// Ideas merged into `id`.
    pub fn merged_into(&self, id: &str) -> Result<Vec<Idea>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {} FROM idea WHERE merged_into = ?1 ORDER BY created_at",
            *SELECT
        ))?;
        let rows = stmt.query_map([id], idea_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
