//! The city's archive: every lab in the database seen together, year after year.
//!
//! A planning agency runs a lab a year or more, each with its own roster; an agency is the
//! same agency across labs when its code is (case ignored), so the archive counts and
//! filters agencies by code. A lab's year is the year of its first day.
//!
//! **Carrying an idea forward**: an idea of an earlier lab that goes on in a later one is
//! copied into the later lab as a new idea (its fields, its agency found by code there) that
//! names the idea it continues (`idea.continues_id`, a merge register like any field). The
//! earlier idea keeps its history, reviews and follow-up where they were made; both labs show
//! their idea, and [`Store::idea_lineage`] walks the chain both ways, so each idea's screen
//! can show where it came from and where it went. The earlier idea may be in a lab that is
//! not on this laptop (a bundle of the later lab alone): the link then names an idea this
//! laptop does not hold, and the lineage says so rather than failing.

use std::collections::{BTreeMap, HashMap};

use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Reason, Result};
use crate::model::{ChangeOp, Entity, Idea};
use crate::search::{fts_query, Match};
use crate::store::changes::Changes;
use crate::store::Store;
use crate::time::now_utc;

/// Cards per archive page when the query does not say, and the most a page may hold.
const DEFAULT_LIMIT: u32 = 100;
const MAX_LIMIT: u32 = 500;
/// The tahapan code of an innovation in use (the domain's last stage).
pub const PENERAPAN: &str = "penerapan";

/// What the archive view asks: filters (AND across filters, OR within one; empty = all),
/// every word of `text` (affixes and case do not matter), and a page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ArchiveQuery {
    pub years: Vec<i32>,
    pub lab_ids: Vec<String>,
    /// Agency codes, compared without regard to case.
    pub agency_codes: Vec<String>,
    pub tahapan: Vec<String>,
    pub status: Vec<String>,
    pub tematik: Vec<String>,
    pub text: String,
    pub offset: u32,
    /// 0 means 100; at most 500.
    pub limit: u32,
}

/// One idea of the archive: what a row of the list shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveItem {
    pub id: String,
    pub lab_id: String,
    pub lab_name: String,
    pub year: i32,
    pub agency_code: String,
    pub agency_name: String,
    pub title: String,
    pub tahapan: String,
    pub status: String,
    pub tematik: String,
    /// The idea of an earlier lab it carries forward.
    pub continues: Option<String>,
    /// How many ideas of later labs carry it forward.
    pub continued_by: u32,
}

/// A page of the archive, newest lab first, then by agency code and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ArchivePage {
    /// How many ideas match, over every page.
    pub total: u32,
    pub offset: u32,
    pub items: Vec<ArchiveItem>,
}

/// One lab of the archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveLab {
    pub id: String,
    pub name: String,
    pub year: i32,
    pub start_date: String,
    pub ideas: u32,
}

/// One year's count of an agency's ideas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct YearCount {
    pub year: i32,
    pub ideas: u32,
}

/// An agency across labs (by code): its ideas per year and how many are in penerapan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveAgency {
    /// The code as the newest lab spells it.
    pub code: String,
    /// The name in the newest lab that has the agency.
    pub name: String,
    pub short_name: String,
    /// Years with at least one idea, oldest first.
    pub per_year: Vec<YearCount>,
    pub ideas: u32,
    /// Ideas whose tahapan is penerapan (an innovation in use).
    pub in_penerapan: u32,
}

/// The archive's overview: the labs, the years, and every agency's counts per year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveSummary {
    /// Newest first.
    pub labs: Vec<ArchiveLab>,
    /// Oldest first.
    pub years: Vec<i32>,
    /// By code.
    pub agencies: Vec<ArchiveAgency>,
    /// Live ideas in every lab.
    pub ideas: u32,
}

/// One idea of a chain of labs an innovation went through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LineageStep {
    pub idea_id: String,
    /// `None` when the idea is in a lab this laptop does not hold.
    pub lab_id: Option<String>,
    pub lab_name: Option<String>,
    pub year: Option<i32>,
    pub title: Option<String>,
    /// The idea the lineage was asked for.
    pub current: bool,
}

/// The live ideas of every lab, with the columns the archive filters and shows.
const LIVE: &str = "FROM idea i
     JOIN lab l ON l.id = i.lab_id
     JOIN agency a ON a.id = i.agency_id
     WHERE i.deleted_at IS NULL AND i.merged_into IS NULL";

fn year_of(start_date: &str) -> i32 {
    start_date
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or_default()
}

impl Store {
    /// The labs, years and agencies of the archive, with counts.
    pub fn archive_summary(&self) -> Result<ArchiveSummary> {
        let conn = self.read_conn()?;
        let mut labs: Vec<ArchiveLab> = {
            let mut stmt = conn.prepare_cached(
                "SELECT l.id, l.name, l.start_date,
                        (SELECT count(*) FROM idea i WHERE i.lab_id = l.id
                            AND i.deleted_at IS NULL AND i.merged_into IS NULL)
                 FROM lab l",
            )?;
            let rows = stmt.query_map([], |r| {
                let start_date: String = r.get(2)?;
                Ok(ArchiveLab {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    year: year_of(&start_date),
                    start_date,
                    ideas: r.get(3)?,
                })
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        labs.sort_by(|a, b| {
            b.start_date
                .cmp(&a.start_date)
                .then_with(|| a.name.cmp(&b.name))
        });
        let mut years: Vec<i32> = labs.iter().map(|l| l.year).collect();
        years.sort_unstable();
        years.dedup();

        // Every agency of every lab, newest lab first, so the first seen names the code;
        // and each agency (of one lab) by id: its code and its lab's year.
        let mut agencies: BTreeMap<String, ArchiveAgency> = BTreeMap::new();
        let mut of_id: HashMap<String, (String, i32)> = HashMap::new();
        {
            let mut stmt = conn.prepare_cached(
                "SELECT a.id, a.code, a.name, a.short_name, l.start_date
                 FROM agency a JOIN lab l ON l.id = a.lab_id
                 ORDER BY l.start_date DESC, a.position",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?;
            for row in rows {
                let (id, code, name, short_name, start_date) = row?;
                let key = code.to_uppercase();
                of_id.insert(id, (key.clone(), year_of(&start_date)));
                agencies.entry(key).or_insert_with(|| ArchiveAgency {
                    code,
                    name,
                    short_name,
                    per_year: Vec::new(),
                    ideas: 0,
                    in_penerapan: 0,
                });
            }
        }
        // Live ideas counted per agency id (no join, no sort by expression), then summed
        // per code and year here.
        let mut per_code_year: BTreeMap<(String, i32), (u32, u32)> = BTreeMap::new();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT agency_id, count(*), sum(tahapan = '{PENERAPAN}') FROM idea
             WHERE deleted_at IS NULL AND merged_into IS NULL
             GROUP BY agency_id"
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, u32>(2)?,
            ))
        })?;
        for row in rows {
            let (agency_id, count, penerapan) = row?;
            if let Some((code, year)) = of_id.get(&agency_id) {
                let e = per_code_year.entry((code.clone(), *year)).or_default();
                e.0 += count;
                e.1 += penerapan;
            }
        }
        let mut ideas = 0;
        for ((code, year), (count, penerapan)) in per_code_year {
            ideas += count;
            if let Some(a) = agencies.get_mut(&code) {
                a.per_year.push(YearCount { year, ideas: count });
                a.ideas += count;
                a.in_penerapan += penerapan;
            }
        }
        Ok(ArchiveSummary {
            labs,
            years,
            agencies: agencies.into_values().collect(),
            ideas,
        })
    }

    /// One page of the ideas of every lab that pass the filters (see [`ArchiveQuery`]).
    pub fn archive_page(&self, q: &ArchiveQuery) -> Result<ArchivePage> {
        let mut filter = String::new();
        let mut values: Vec<Value> = Vec::new();
        let mut any_of = |column: &str, wanted: Vec<Value>, filter: &mut String| {
            if wanted.is_empty() {
                return;
            }
            let mut marks = Vec::new();
            for w in wanted {
                values.push(w);
                marks.push(format!("?{}", values.len()));
            }
            filter.push_str(&format!(" AND {column} IN ({})", marks.join(", ")));
        };
        let text = |v: &[String]| v.iter().map(|s| Value::Text(s.clone())).collect();
        any_of(
            "CAST(substr(l.start_date, 1, 4) AS INTEGER)",
            q.years
                .iter()
                .map(|y| Value::Integer(i64::from(*y)))
                .collect(),
            &mut filter,
        );
        any_of("i.lab_id", text(&q.lab_ids), &mut filter);
        any_of(
            "upper(a.code)",
            q.agency_codes
                .iter()
                .map(|c| Value::Text(c.trim().to_uppercase()))
                .collect(),
            &mut filter,
        );
        any_of("i.tahapan", text(&q.tahapan), &mut filter);
        any_of("i.status", text(&q.status), &mut filter);
        any_of("i.tematik", text(&q.tematik), &mut filter);
        if !q.text.trim().is_empty() {
            let Some(fts) = fts_query(&q.text, Match::All) else {
                // Only words too common to search for: nothing matches every word.
                return Ok(ArchivePage {
                    total: 0,
                    offset: q.offset,
                    items: Vec::new(),
                });
            };
            values.push(Value::Text(fts));
            filter.push_str(&format!(
                " AND i.id IN (SELECT idea_id FROM idea_search WHERE idea_search MATCH ?{})",
                values.len()
            ));
        }
        let conn = self.read_conn()?;
        // The matching ideas per lab, in the page's lab order (newest first): the total,
        // and which labs the page falls in, so only their ideas are sorted (a page sorts
        // a lab or two, not the whole archive).
        let per_lab: Vec<(String, u32)> = {
            let mut stmt = conn.prepare(&format!(
                "SELECT i.lab_id, count(*) {LIVE}{filter}
                 GROUP BY i.lab_id ORDER BY max(l.start_date) DESC, i.lab_id"
            ))?;
            let rows = stmt.query_map(params_from_iter(values.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let total: u32 = per_lab.iter().map(|(_, n)| n).sum();
        let limit = match q.limit {
            0 => DEFAULT_LIMIT,
            n => n.min(MAX_LIMIT),
        };
        // The labs holding ideas offset .. offset + limit, and the page's offset within
        // the first of them.
        let (mut before, mut skip, mut page_labs) = (0u32, 0u32, Vec::new());
        for (lab, n) in &per_lab {
            let end = before + n;
            if end > q.offset && before < q.offset.saturating_add(limit) {
                if page_labs.is_empty() {
                    skip = q.offset - before;
                }
                page_labs.push(lab.clone());
            }
            before = end;
        }
        if page_labs.is_empty() {
            return Ok(ArchivePage {
                total,
                offset: q.offset,
                items: Vec::new(),
            });
        }
        let mut marks = Vec::new();
        for lab in page_labs {
            values.push(Value::Text(lab));
            marks.push(format!("?{}", values.len()));
        }
        filter.push_str(&format!(" AND i.lab_id IN ({})", marks.join(", ")));
        values.push(Value::Integer(i64::from(limit)));
        values.push(Value::Integer(i64::from(skip)));
        let n = values.len();
        let mut stmt = conn.prepare(&format!(
            "SELECT i.id, i.lab_id, l.name, l.start_date, a.code, a.name, i.title, i.tahapan,
                    i.status, i.tematik, i.continues_id,
                    (SELECT count(*) FROM idea c WHERE c.continues_id = i.id
                        AND c.deleted_at IS NULL AND c.merged_into IS NULL)
             {LIVE}{filter}
             ORDER BY l.start_date DESC, l.id, upper(a.code), i.title COLLATE NOCASE, i.id
             LIMIT ?{} OFFSET ?{n}",
            n - 1
        ))?;
        let items = stmt
            .query_map(params_from_iter(values.iter()), |r| {
                let start_date: String = r.get(3)?;
                Ok(ArchiveItem {
                    id: r.get(0)?,
                    lab_id: r.get(1)?,
                    lab_name: r.get(2)?,
                    year: year_of(&start_date),
                    agency_code: r.get(4)?,
                    agency_name: r.get(5)?,
                    title: r.get(6)?,
                    tahapan: r.get(7)?,
                    status: r.get(8)?,
                    tematik: r.get(9)?,
                    continues: r.get(10)?,
                    continued_by: r.get(11)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(ArchivePage {
            total,
            offset: q.offset,
            items,
        })
    }

    /// Carries an idea of an earlier lab forward into `to_lab_id`: a new idea of that lab
    /// with the same fields, its agency the lab's agency with the same code, that names the
    /// idea it continues. Its status starts again (captured); its history says where it came
    /// from. The earlier idea is left as it is.
    pub fn carry_forward_idea(&self, idea_id: &str, to_lab_id: &str) -> Result<Idea> {
        self.write(|tx| {
            let source = tx.get_idea(idea_id)?;
            if source.deleted_at.is_some() || source.merged_into.is_some() {
                return Err(Error::not_found("idea", idea_id));
            }
            tx.require_lab(to_lab_id)?;
            if source.lab_id == to_lab_id {
                return Err(Error::invalid("labId", Reason::CarryIntoSameLab));
            }
            let already: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM idea WHERE continues_id = ?1 AND lab_id = ?2
                    AND deleted_at IS NULL AND merged_into IS NULL)",
                [idea_id, to_lab_id],
                |r| r.get(0),
            )?;
            if already {
                return Err(Error::invalid("labId", Reason::AlreadyCarriedForward));
            }
            let code: String = tx.query_row(
                "SELECT code FROM agency WHERE id = ?1",
                [&source.fields.agency_id],
                |r| r.get(0),
            )?;
            let agency: Option<String> = tx
                .query_row(
                    "SELECT id FROM agency WHERE lab_id = ?1 AND upper(code) = upper(?2)
                     ORDER BY retired_at IS NOT NULL LIMIT 1",
                    [to_lab_id, &code],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(agency) = agency else {
                return Err(Error::invalid("agencyId", Reason::CarryNoAgency { code }));
            };
            let mut fields = source.fields.clone();
            fields.agency_id = agency;
            // The new lab's days and its status board start afresh.
            fields.lab_day = None;
            fields.status = String::new();
            let mut idea = tx.add_idea(to_lab_id, fields)?;
            idea.continues = Some(source.id.clone());
            idea.updated_at = now_utc();
            tx.execute(
                "UPDATE idea SET continues_id = ?1, updated_at = ?2 WHERE id = ?3",
                [&source.id, &idea.updated_at, &idea.id],
            )?;
            let mut c = Changes::default();
            c.set("continues", source.id.clone());
            tx.record(Some(to_lab_id), Entity::Idea, &idea.id, ChangeOp::Update, c)?;
            Ok(idea)
        })
    }

    /// The chain of labs an idea went through, oldest first: the ideas it continues and
    /// the ideas of later labs that continue it (the first of each, then theirs).
    pub fn idea_lineage(&self, idea_id: &str) -> Result<Vec<LineageStep>> {
        let conn = self.read_conn()?;
        let step = |id: &str, current: bool| -> Result<(LineageStep, Option<String>)> {
            let row = conn
                .query_row(
                    "SELECT i.lab_id, l.name, l.start_date, i.title, i.continues_id
                     FROM idea i JOIN lab l ON l.id = i.lab_id WHERE i.id = ?1",
                    [id],
                    |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, String>(3)?,
                            r.get::<_, Option<String>>(4)?,
                        ))
                    },
                )
                .optional()?;
            Ok(match row {
                Some((lab_id, lab_name, start, title, continues)) => (
                    LineageStep {
                        idea_id: id.to_owned(),
                        lab_id: Some(lab_id),
                        lab_name: Some(lab_name),
                        year: Some(year_of(&start)),
                        title: Some(title),
                        current,
                    },
                    continues,
                ),
                None => (
                    LineageStep {
                        idea_id: id.to_owned(),
                        lab_id: None,
                        lab_name: None,
                        year: None,
                        title: None,
                        current,
                    },
                    None,
                ),
            })
        };
        let (me, mut back) = step(idea_id, true)?;
        if me.lab_id.is_none() {
            return Err(Error::not_found("idea", idea_id));
        }
        // A chain is short (a lab a year); the bound guards against a cycle a hostile
        // bundle could make.
        let mut seen: HashMap<String, ()> = HashMap::from([(idea_id.to_owned(), ())]);
        let mut before = Vec::new();
        while let Some(id) = back.take() {
            if seen.insert(id.clone(), ()).is_some() || seen.len() > 100 {
                break;
            }
            let (s, next) = step(&id, false)?;
            before.push(s);
            back = next;
        }
        before.reverse();
        let mut chain = before;
        chain.push(me);
        let mut forward = Some(idea_id.to_owned());
        while let Some(id) = forward.take() {
            let next: Option<String> = conn
                .query_row(
                    "SELECT i.id FROM idea i JOIN lab l ON l.id = i.lab_id
                     WHERE i.continues_id = ?1 AND i.deleted_at IS NULL AND i.merged_into IS NULL
                     ORDER BY l.start_date, i.created_at LIMIT 1",
                    [&id],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(next) = next else { break };
            if seen.insert(next.clone(), ()).is_some() || seen.len() > 100 {
                break;
            }
            chain.push(step(&next, false)?.0);
            forward = Some(next);
        }
        Ok(chain)
    }
}

mod workbook;
pub use workbook::LabWorkbookImport;

#[cfg(test)]
mod tests;
