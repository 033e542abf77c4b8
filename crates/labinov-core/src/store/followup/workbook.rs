//! Agencies' follow-up workbooks (layout: [`crate::followup::workbook`]): what each holds
//! ([`Store::followup_workbooks`]; the render crate writes the XLSX), and reading one
//! back: a preview that writes nothing, and an import that writes in one transaction.
//!
//! # Reading a returned workbook (hostile input)
//!
//! Refused as a whole, nothing written: a file over [`MAX_WORKBOOK_BYTES`] (checked
//! before it is read), not an XLSX (by name and by its ZIP signature), unreadable, without
//! a valid stamp, made for a lab or agency this database does not have, a sheet missing
//! or a header changed, more than [`MAX_WORKBOOK_ROWS`] rows.
//!
//! Row by row, each in a savepoint: a row that fails a check is refused with its reason
//! and the others go on. For a step or milestone, each field is compared three ways:
//! - the cell equals the value as exported (the stamp sheet): the agency left it, nothing;
//! - the cell equals the value here: nothing new;
//! - else, if the value here differs from the export or its clock is past the stamp's
//!   (an edit made here since), a **conflict**: the value here stays unless the caller
//!   chose the workbook's ([`ConflictChoice`]);
//! - else the agency's value is written.
//!
//! Blank rows are skipped; a progress update equal to a live one (same idea, date, text,
//! stage and percentage) is not added twice, so importing a workbook again adds nothing.
//! Every idea touched gets a `followup.workbookImport` entry in its history.

use std::collections::{BTreeSet, HashMap};
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, Range, Reader};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::error::{Error, Reason, Result};
use crate::followup::workbook::*;
use crate::followup::{check_order, Milestone, Step, StepInput, StepStatus, UpdateInput};
use crate::store::{Store, Tx};
use crate::time::now_utc;

use super::plan::clean_step;

/// Largest workbook read: one agency's plans and updates are a few hundred kB.
pub const MAX_WORKBOOK_BYTES: u64 = 20 << 20;
/// Most rows read per sheet.
pub const MAX_WORKBOOK_ROWS: usize = 20_000;

string_enum! {
    /// Which value a conflict keeps.
    pub enum Side {
        /// The value here (the default: an edit made here is never overwritten unasked).
        Here = "here",
        /// The workbook's.
        Theirs = "theirs",
    }
}

/// The caller's choice for one conflict, by its key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictChoice {
    pub key: String,
    pub take: Side,
}

/// A row added (a new step or progress update).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportedRow {
    pub sheet: String,
    /// The spreadsheet's row number (1 = the header).
    pub row: u32,
    pub idea_id: String,
    pub idea_title: String,
    pub what: String,
}

/// A field changed by the workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportChange {
    pub sheet: String,
    pub row: u32,
    pub idea_id: String,
    pub idea_title: String,
    pub key: String,
    pub field: String,
    pub old: String,
    pub new: String,
}

/// A field the agency changed that was also edited here since the workbook was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportConflict {
    /// What a [`ConflictChoice`] names: `step/<id>/<field>` or
    /// `milestone/<idea>/<stage>/<field>`.
    pub key: String,
    pub sheet: String,
    pub row: u32,
    pub idea_id: String,
    pub idea_title: String,
    pub field: String,
    pub here: String,
    pub theirs: String,
    pub exported: String,
    pub taken: Side,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefusedRow {
    pub sheet: String,
    pub row: u32,
    pub reason: Reason,
}

/// What an import found and did (or, previewed, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkbookImport {
    pub applied: bool,
    pub lab_id: String,
    pub agency_id: String,
    pub agency_name: String,
    pub made_at: String,
    pub new_steps: Vec<ImportedRow>,
    pub new_updates: Vec<ImportedRow>,
    pub changes: Vec<ImportChange>,
    pub conflicts: Vec<ImportConflict>,
    pub refused: Vec<RefusedRow>,
    /// Rows with nothing new (a progress update imported before included).
    pub unchanged: u32,
}

fn whole(reason: Reason) -> Error {
    Error::bad_file("file", reason)
}

/// A returned workbook, read and checked as a whole.
struct Returned {
    stamp: Stamp,
    exported: HashMap<String, Exported>,
    steps: Vec<(u32, Vec<Data>)>,
    milestones: Vec<(u32, Vec<Data>)>,
    updates: Vec<(u32, Vec<Data>)>,
}

fn step_key(id: &str) -> String {
    format!("step/{id}")
}
fn milestone_key(idea: &str, stage: &str) -> String {
    format!("milestone/{idea}/{stage}")
}

/// Reads the file at `path` by the rules in the module docs.
fn read_returned(path: &Path) -> Result<Returned> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(whole(Reason::NotAFile));
    }
    if meta.len() > MAX_WORKBOOK_BYTES {
        return Err(Error::invalid(
            "file",
            Reason::FileTooLarge {
                max_bytes: MAX_WORKBOOK_BYTES,
            },
        ));
    }
    let is_xlsx = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)?
        .take(MAX_WORKBOOK_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_WORKBOOK_BYTES {
        return Err(Error::invalid(
            "file",
            Reason::FileTooLarge {
                max_bytes: MAX_WORKBOOK_BYTES,
            },
        ));
    }
    if !is_xlsx || !bytes.starts_with(b"PK\x03\x04") {
        return Err(Error::invalid("file", Reason::WrongFileType));
    }
    let mut book = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        Error::invalid(
            "file",
            Reason::UnreadableSpreadsheet {
                detail: e.to_string(),
            },
        )
    })?;
    let mut sheet = |name: &str| -> Result<Option<Range<Data>>> {
        if !book.sheet_names().iter().any(|n| n == name) {
            return Ok(None);
        }
        book.worksheet_range(name).map(Some).map_err(|e| {
            Error::invalid(
                "file",
                Reason::UnreadableSpreadsheet {
                    detail: format!("sheet {name}: {e}"),
                },
            )
        })
    };
    let stamp_sheet = sheet(SHEET_STAMP)?.ok_or_else(|| whole(Reason::NotAFollowupWorkbook))?;
    let mut stamp: Option<Stamp> = None;
    let mut exported = HashMap::new();
    for row in stamp_sheet.rows() {
        let (Some(Data::String(kind)), Some(Data::String(value))) = (row.first(), row.get(1))
        else {
            continue;
        };
        let damaged = |_| whole(Reason::NotAFollowupWorkbook);
        match kind.as_str() {
            "stamp" => stamp = Some(serde_json::from_str(value).map_err(damaged)?),
            "exported" => {
                let e: Exported = serde_json::from_str(value).map_err(damaged)?;
                let key = match &e {
                    Exported::Step(s) => step_key(&s.id),
                    Exported::Milestone(m) => milestone_key(&m.idea_id, &m.stage),
                };
                exported.insert(key, e);
            }
            _ => {}
        }
    }
    let stamp = stamp
        .filter(|s| s.format == FORMAT)
        .ok_or_else(|| whole(Reason::NotAFollowupWorkbook))?;
    let mut table = |name: &str, headers: &[&str]| -> Result<Vec<(u32, Vec<Data>)>> {
        let range = sheet(name)?.ok_or_else(|| {
            whole(Reason::WorkbookHeaders {
                sheet: name.into(),
                column: headers[0].into(),
            })
        })?;
        let start_row = range.start().map_or(0, |s| s.0);
        let start_col = range.start().map_or(0, |s| s.1) as usize;
        let mut rows = range.rows();
        let head = if start_row == 0 { rows.next() } else { None };
        for (i, h) in headers.iter().enumerate() {
            let cell = i
                .checked_sub(start_col)
                .and_then(|c| head.and_then(|r| r.get(c)));
            let text = cell.map(|c| cell_text(c).unwrap_or_default());
            if text.as_deref() != Some(*h) {
                return Err(whole(Reason::WorkbookHeaders {
                    sheet: name.into(),
                    column: (*h).into(),
                }));
            }
        }
        let mut out = Vec::new();
        for (i, r) in rows.enumerate() {
            if out.len() >= MAX_WORKBOOK_ROWS {
                return Err(Error::invalid(
                    "file",
                    Reason::TooManyRows {
                        max: MAX_WORKBOOK_ROWS as u32,
                    },
                ));
            }
            let mut cells = vec![Data::Empty; headers.len()];
            for (c, v) in r.iter().enumerate() {
                if let Some(slot) = cells.get_mut(c + start_col) {
                    *slot = v.clone();
                }
            }
            if cells
                .iter()
                .all(|c| cell_text(c).is_ok_and(|t| t.is_empty()))
            {
                continue;
            }
            out.push((start_row + i as u32 + 2, cells));
        }
        Ok(out)
    };
    Ok(Returned {
        steps: table(SHEET_STEPS, STEP_HEADERS)?,
        milestones: table(SHEET_MILESTONES, MILESTONE_HEADERS)?,
        updates: table(SHEET_UPDATES, UPDATE_HEADERS)?,
        stamp,
        exported,
    })
}

/// A cell as text, or the row's refusal.
fn text(c: &Data) -> std::result::Result<String, Reason> {
    cell_text(c)
}

fn opt_str(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// The fields of a step as the workbook shows them, `(field, value)`.
fn step_fields(s: &Step) -> [(&'static str, String); 6] {
    [
        ("title", s.title.clone()),
        ("owner", s.owner.clone()),
        ("startDate", opt_str(&s.start_date)),
        ("dueDate", opt_str(&s.due_date)),
        ("status", s.status.as_str().into()),
        ("note", s.note.clone()),
    ]
}

fn milestone_fields(m: &Milestone) -> [(&'static str, String); 2] {
    [
        ("plannedDate", opt_str(&m.planned_date)),
        ("actualDate", opt_str(&m.actual_date)),
    ]
}

struct Run<'a> {
    stamp: &'a Stamp,
    exported: &'a HashMap<String, Exported>,
    choices: &'a [ConflictChoice],
    report: WorkbookImport,
    titles: HashMap<String, String>,
    touched: BTreeSet<String>,
    counts: HashMap<String, (u32, u32, u32)>,
}

impl Run<'_> {
    fn choice(&self, key: &str) -> Side {
        self.choices
            .iter()
            .find(|c| c.key == key)
            .map_or(Side::Here, |c| c.take)
    }

    fn title(&self, idea: &str) -> String {
        self.titles.get(idea).cloned().unwrap_or_default()
    }

    fn refuse(&mut self, sheet: &str, row: u32, reason: Reason) {
        self.report.refused.push(RefusedRow {
            sheet: sheet.into(),
            row,
            reason,
        });
    }
}

impl Tx<'_> {
    /// Whether field `field` of register `(entity, id)` was written after clock `hlc`.
    fn written_since(&self, entity: &str, id: &str, field: &str, hlc: i64) -> Result<bool> {
        let h: Option<i64> = rusqlite::OptionalExtension::optional(self.query_row(
            "SELECT hlc FROM field_clock WHERE entity = ?1 AND entity_id = ?2 AND field = ?3",
            [entity, id, field],
            |r| r.get(0),
        ))?;
        Ok(h.is_some_and(|h| h > hlc))
    }

    /// Decides each field of a record (module docs); returns the values to keep.
    #[allow(clippy::too_many_arguments)]
    fn decide(
        &self,
        run: &mut Run<'_>,
        sheet: &str,
        row: u32,
        idea: &str,
        entity: &str,
        entity_id: &str,
        key: &str,
        theirs: &[(&'static str, String)],
        exported: &[(&'static str, String)],
        here: &[(&'static str, String)],
    ) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for ((h, t), e) in here.iter().zip(theirs).zip(exported) {
            let (field, cur) = (&h.0, &h.1);
            let (wb, exp) = (&t.1, &e.1);
            let take_theirs = if wb == exp || wb == cur {
                false
            } else if cur != exp || self.written_since(entity, entity_id, field, run.stamp.hlc)? {
                let ckey = format!("{key}/{field}");
                let side = run.choice(&ckey);
                run.report.conflicts.push(ImportConflict {
                    key: ckey,
                    sheet: sheet.into(),
                    row,
                    idea_id: idea.into(),
                    idea_title: run.title(idea),
                    field: (*field).into(),
                    here: cur.clone(),
                    theirs: wb.clone(),
                    exported: exp.clone(),
                    taken: side,
                });
                side == Side::Theirs
            } else {
                true
            };
            if take_theirs {
                run.report.changes.push(ImportChange {
                    sheet: sheet.into(),
                    row,
                    idea_id: idea.into(),
                    idea_title: run.title(idea),
                    key: key.into(),
                    field: (*field).into(),
                    old: cur.clone(),
                    new: wb.clone(),
                });
                out.push(wb.clone());
            } else {
                out.push(cur.clone());
            }
        }
        Ok(out)
    }

    /// The idea of a row: one of the workbook's, live.
    fn row_idea(&self, run: &Run<'_>, cell: &Data) -> std::result::Result<String, Reason> {
        let id = text(cell)?;
        if id.is_empty() {
            return Err(Reason::ChooseIdea);
        }
        if !run.stamp.idea_ids.contains(&id) {
            return Err(Reason::NotAgencysIdea);
        }
        self.live_idea(&id).map_err(|e| e.to_reason())?;
        Ok(id)
    }

    /// One step row: a new step, changed fields, or nothing new.
    fn import_step(
        &self,
        run: &mut Run<'_>,
        row: u32,
        cells: &[Data],
    ) -> std::result::Result<(), Reason> {
        let idea = self.row_idea(run, &cells[0])?;
        let step_id = text(&cells[1])?;
        let date = |i: usize, f: &str| -> std::result::Result<String, Reason> {
            Ok(cell_date(f, &cells[i])
                .map_err(|e| e.to_reason())?
                .unwrap_or_default())
        };
        let input = StepInput {
            title: text(&cells[3])?,
            owner: text(&cells[4])?,
            start_date: date(5, "startDate")?,
            due_date: date(6, "dueDate")?,
            status: text(&cells[7])?,
            note: text(&cells[8])?,
        };
        let clean = clean_step(&input).map_err(|e| e.to_reason())?;
        let internal = |e: Error| e.to_reason();
        if step_id.is_empty() {
            let exists: bool = self
                .query_row(
                    "SELECT count(*) > 0 FROM followup_step WHERE idea_id = ?1 AND title = ?2
                     AND deleted_at IS NULL",
                    [&idea, &clean.title],
                    |r| r.get(0),
                )
                .map_err(|e| Error::from(e).to_reason())?;
            if exists {
                run.report.unchanged += 1;
                return Ok(());
            }
            let s = self.insert_step(&idea, &clean).map_err(internal)?;
            run.report.new_steps.push(ImportedRow {
                sheet: SHEET_STEPS.into(),
                row,
                idea_id: idea.clone(),
                idea_title: run.title(&idea),
                what: s.title,
            });
            run.counts.entry(idea.clone()).or_default().0 += 1;
            run.touched.insert(idea);
            return Ok(());
        }
        let key = step_key(&step_id);
        let Some(Exported::Step(exported)) = run.exported_step(&key) else {
            return Err(Reason::NotInWorkbook);
        };
        if exported.idea_id != idea {
            return Err(Reason::NotThisIdeas);
        }
        let here = self.get_step(&step_id).map_err(|_| Reason::RemovedSince)?;
        let theirs = Step {
            id: step_id.clone(),
            idea_id: idea.clone(),
            title: clean.title,
            owner: clean.owner,
            start_date: (!clean.start_date.is_empty()).then_some(clean.start_date),
            due_date: (!clean.due_date.is_empty()).then_some(clean.due_date),
            status: StepStatus::parse(&clean.status).unwrap_or(StepStatus::Belum),
            note: clean.note,
            position: here.position,
        };
        let before = run.report.changes.len();
        let v = self
            .decide(
                run,
                SHEET_STEPS,
                row,
                &idea,
                "followup_step",
                &step_id,
                &key,
                &step_fields(&theirs),
                &step_fields(&exported),
                &step_fields(&here),
            )
            .map_err(internal)?;
        if run.report.changes.len() == before {
            run.report.unchanged += 1;
            return Ok(());
        }
        let opt = |s: &String| (!s.is_empty()).then(|| s.clone());
        let new = Step {
            title: v[0].clone(),
            owner: v[1].clone(),
            start_date: opt(&v[2]),
            due_date: opt(&v[3]),
            status: StepStatus::parse(&v[4]).unwrap_or(StepStatus::Belum),
            note: v[5].clone(),
            ..here.clone()
        };
        if let Err(e) = check_order(new.start_date.as_deref(), new.due_date.as_deref()) {
            run.report.changes.truncate(before);
            return Err(e.to_reason());
        }
        let lab = self.live_idea(&idea).map_err(internal)?.lab_id;
        self.write_step(&lab, &here, &new).map_err(internal)?;
        run.counts.entry(idea.clone()).or_default().1 += 1;
        run.touched.insert(idea);
        Ok(())
    }

    fn import_milestone(
        &self,
        run: &mut Run<'_>,
        row: u32,
        cells: &[Data],
        stages: &[(String, String)],
    ) -> std::result::Result<(), Reason> {
        let idea = self.row_idea(run, &cells[0])?;
        let label = text(&cells[2])?;
        let stage = stages
            .iter()
            .find(|(code, l)| code.eq_ignore_ascii_case(&label) || l.eq_ignore_ascii_case(&label))
            .map(|s| s.0.clone())
            .ok_or(Reason::NotAnOption {
                value: label,
                list: "tahapan".into(),
            })?;
        let key = milestone_key(&idea, &stage);
        let Some(Exported::Milestone(exported)) = run.exported_step(&key) else {
            return Err(Reason::NotInWorkbook);
        };
        let planned = cell_date("plannedDate", &cells[3]).map_err(|e| e.to_reason())?;
        let actual = cell_date("actualDate", &cells[4]).map_err(|e| e.to_reason())?;
        let internal = |e: Error| e.to_reason();
        let here = self.milestone(&idea, &stage).map_err(internal)?;
        let theirs = Milestone {
            idea_id: idea.clone(),
            stage: stage.clone(),
            planned_date: planned,
            actual_date: actual,
        };
        let before = run.report.changes.len();
        let v = self
            .decide(
                run,
                SHEET_MILESTONES,
                row,
                &idea,
                "followup_milestone",
                &format!("{idea}/{stage}"),
                &key,
                &milestone_fields(&theirs),
                &milestone_fields(&exported),
                &milestone_fields(&here),
            )
            .map_err(internal)?;
        if run.report.changes.len() == before {
            run.report.unchanged += 1;
            return Ok(());
        }
        self.write_milestone(&idea, &stage, Some(&v[0]), Some(&v[1]))
            .map_err(internal)?;
        run.counts.entry(idea.clone()).or_default().1 += 1;
        run.touched.insert(idea);
        Ok(())
    }

    fn import_update(
        &self,
        run: &mut Run<'_>,
        row: u32,
        cells: &[Data],
        stages: &[(String, String)],
    ) -> std::result::Result<(), Reason> {
        let idea = self.row_idea(run, &cells[0])?;
        let date = cell_date("date", &cells[1])
            .map_err(|e| e.to_reason())?
            .ok_or(Reason::Required)?;
        let done = text(&cells[2])?;
        let label = text(&cells[3])?;
        let stage = stages
            .iter()
            .find(|(code, l)| code.eq_ignore_ascii_case(&label) || l.eq_ignore_ascii_case(&label))
            .map(|s| s.0.clone())
            .ok_or(Reason::NotAnOption {
                value: label,
                list: "tahapan".into(),
            })?;
        let percent = match &cells[4] {
            Data::Int(i) => *i as f64,
            Data::Float(f) => *f,
            other => {
                let t = text(other)?;
                let t = t.trim_end_matches('%').trim().replace(',', ".");
                t.parse::<f64>()
                    .map_err(|_| Reason::NotAWholeNumber { value: t.clone() })?
            }
        };
        // A cell formatted as a percentage holds 0.4 for 40 %.
        let percent = if matches!(cells[4], Data::Float(f) if f > 0.0 && f < 1.0) {
            percent * 100.0
        } else {
            percent
        };
        // Whole percentages only (0.4 × 100 is 40.000000000000006: compared rounded).
        let percent = (percent * 1e6).round() / 1e6;
        if percent.fract() != 0.0 {
            return Err(Reason::NotAWholeNumber {
                value: percent.to_string(),
            });
        }
        if !(0.0..=100.0).contains(&percent) {
            return Err(Reason::PercentRange);
        }
        let input = UpdateInput {
            date,
            done,
            stage,
            percent: percent.round() as u32,
            agency_id: run.stamp.agency_id.clone(),
        };
        let dup: bool = self
            .query_row(
                "SELECT count(*) > 0 FROM followup_update WHERE idea_id = ?1 AND on_date = ?2
                 AND done = ?3 AND stage = ?4 AND percent = ?5 AND deleted_at IS NULL",
                rusqlite::params![
                    idea,
                    input.date,
                    crate::validate::clean_text("done", &input.done).map_err(|e| e.to_reason())?,
                    input.stage,
                    input.percent
                ],
                |r| r.get(0),
            )
            .map_err(|e| Error::from(e).to_reason())?;
        if dup {
            run.report.unchanged += 1;
            return Ok(());
        }
        let u = self
            .insert_update(&idea, &input)
            .map_err(|e| e.to_reason())?;
        run.report.new_updates.push(ImportedRow {
            sheet: SHEET_UPDATES.into(),
            row,
            idea_id: idea.clone(),
            idea_title: run.title(&idea),
            what: format!("{} · {}% · {}", u.date, u.percent, u.done),
        });
        run.counts.entry(idea.clone()).or_default().2 += 1;
        run.touched.insert(idea);
        Ok(())
    }

    /// Runs one row in a savepoint: a refused row leaves nothing behind.
    fn in_savepoint(
        &self,
        f: impl FnOnce() -> std::result::Result<(), Reason>,
    ) -> Result<std::result::Result<(), Reason>> {
        self.execute_batch("SAVEPOINT workbook_row")?;
        let out = f();
        if out.is_err() {
            self.execute_batch("ROLLBACK TO workbook_row")?;
        }
        self.execute_batch("RELEASE workbook_row")?;
        Ok(out)
    }

    fn import_workbook(&self, wb: &Returned, choices: &[ConflictChoice]) -> Result<WorkbookImport> {
        let stamp = &wb.stamp;
        let agency: Option<(String, String)> =
            rusqlite::OptionalExtension::optional(self.query_row(
                "SELECT lab_id, name FROM agency WHERE id = ?1",
                [&stamp.agency_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            ))?;
        let agency_name = match agency {
            Some((lab, name)) if lab == stamp.lab_id => name,
            _ => return Err(whole(Reason::WorkbookOtherLab)),
        };
        let stages: Vec<(String, String)> = {
            let mut stmt = self.prepare(
                "SELECT code, label_id FROM option_item WHERE lab_id = ?1 AND list = 'tahapan'
                 ORDER BY position, code",
            )?;
            let rows = stmt.query_map([&stamp.lab_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut titles = HashMap::new();
        for id in &stamp.idea_ids {
            if let Ok(i) = self.get_idea(id) {
                titles.insert(id.clone(), i.fields.title);
            }
        }
        let mut run = Run {
            stamp,
            exported: &wb.exported,
            choices,
            report: WorkbookImport {
                applied: false,
                lab_id: stamp.lab_id.clone(),
                agency_id: stamp.agency_id.clone(),
                agency_name,
                made_at: stamp.made_at.clone(),
                new_steps: vec![],
                new_updates: vec![],
                changes: vec![],
                conflicts: vec![],
                refused: vec![],
                unchanged: 0,
            },
            titles,
            touched: BTreeSet::new(),
            counts: HashMap::new(),
        };
        for (row, cells) in &wb.steps {
            if let Err(r) = self.in_savepoint(|| self.import_step(&mut run, *row, cells))? {
                run.refuse(SHEET_STEPS, *row, r);
            }
        }
        for (row, cells) in &wb.milestones {
            if let Err(r) =
                self.in_savepoint(|| self.import_milestone(&mut run, *row, cells, &stages))?
            {
                run.refuse(SHEET_MILESTONES, *row, r);
            }
        }
        for (row, cells) in &wb.updates {
            if let Err(r) =
                self.in_savepoint(|| self.import_update(&mut run, *row, cells, &stages))?
            {
                run.refuse(SHEET_UPDATES, *row, r);
            }
        }
        let at = now_utc();
        for idea in &run.touched {
            let (steps, edits, updates) = run.counts.get(idea).copied().unwrap_or_default();
            self.note_on_idea(
                &stamp.lab_id,
                idea,
                json!({"workbookImport": {
                    "agencyCode": stamp.agency_code,
                    "madeAt": stamp.made_at,
                    "importedAt": at,
                    "newSteps": steps,
                    "changedRows": edits,
                    "newUpdates": updates,
                }}),
            )?;
        }
        Ok(run.report)
    }
}

impl Run<'_> {
    fn exported_step(&self, key: &str) -> Option<Exported> {
        self.exported.get(key).cloned()
    }
}

/// The stamp of the workbook at `path` and the steps and milestones as it exported
/// them (checked as an import checks them; nothing else is read into the database).
pub fn read_workbook_stamp(path: &Path) -> Result<(Stamp, Vec<Exported>)> {
    let wb = read_returned(path)?;
    let mut exported: Vec<(String, Exported)> = wb.exported.into_iter().collect();
    exported.sort_by(|a, b| a.0.cmp(&b.0));
    Ok((wb.stamp, exported.into_iter().map(|e| e.1).collect()))
}

impl Store {
    /// One workbook per active agency that leads at least one live idea, in roster order
    /// (module docs of [`crate::followup::workbook`]).
    pub fn followup_workbooks(&self, lab_id: &str) -> Result<Vec<AgencyWorkbook>> {
        let lab = self.get_lab(lab_id)?;
        let installation_id = self.installation_id().to_owned();
        self.read_followup(|tx| {
            let hlc = tx.last_hlc()?;
            let made_at = now_utc();
            let stages: Vec<(String, String)> = {
                let mut stmt = tx.prepare(
                    "SELECT code, label_id FROM option_item WHERE lab_id = ?1 AND list = 'tahapan'
                     ORDER BY position, code",
                )?;
                let rows = stmt.query_map([lab_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<Result<_, _>>()?
            };
            let label = |code: &str| {
                stages
                    .iter()
                    .find(|s| s.0 == code)
                    .map_or(code.to_owned(), |s| s.1.clone())
            };
            let ideas: Vec<(String, String, String, String, String)> = {
                let mut stmt = tx.prepare(
                    "SELECT i.id, i.title, coalesce(p.agency_id, i.agency_id), i.tahapan,
                            coalesce(p.responsible, '') FROM idea i
                     LEFT JOIN followup_plan p ON p.idea_id = i.id
                     WHERE i.lab_id = ?1 AND i.deleted_at IS NULL AND i.merged_into IS NULL
                     ORDER BY i.created_at, i.id",
                )?;
                let rows = stmt.query_map([lab_id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })?;
                rows.collect::<Result<_, _>>()?
            };
            let mut out = Vec::new();
            for a in tx.list_agencies_in(lab_id)? {
                if a.retired_at.is_some() {
                    continue;
                }
                let mine: Vec<_> = ideas.iter().filter(|i| i.2 == a.id).collect();
                if mine.is_empty() {
                    continue;
                }
                let mut steps = Vec::new();
                let mut milestones = Vec::new();
                for (id, title, ..) in &mine {
                    for s in tx.steps_of(id)? {
                        steps.push((title.clone(), s));
                    }
                    for (code, _) in &stages {
                        milestones.push((title.clone(), tx.milestone(id, code)?));
                    }
                }
                out.push(AgencyWorkbook {
                    stamp: Stamp {
                        format: FORMAT.into(),
                        lab_id: lab_id.into(),
                        agency_id: a.id.clone(),
                        agency_code: a.code.clone(),
                        made_at: made_at.clone(),
                        hlc,
                        installation_id: installation_id.clone(),
                        idea_ids: mine.iter().map(|i| i.0.clone()).collect(),
                    },
                    lab_name: lab.name.clone(),
                    agency_name: a.name.clone(),
                    stages: stages.clone(),
                    ideas: mine
                        .iter()
                        .map(|(id, title, _, tahapan, responsible)| WorkbookIdea {
                            id: id.clone(),
                            title: title.clone(),
                            stage: label(tahapan),
                            responsible: responsible.clone(),
                        })
                        .collect(),
                    steps,
                    milestones,
                });
            }
            Ok(out)
        })
    }

    /// What importing the returned workbook at `path` would do, writing nothing: the
    /// same checks and decisions as [`Store::import_followup_workbook`], rolled back.
    pub fn preview_followup_workbook(
        &self,
        path: &Path,
        choices: &[ConflictChoice],
    ) -> Result<WorkbookImport> {
        let wb = read_returned(path)?;
        self.write_if(|tx| Ok((false, tx.import_workbook(&wb, choices)?)))
    }

    /// Imports a returned workbook in one transaction (module docs). Conflicts keep the
    /// value here unless `choices` take the workbook's.
    pub fn import_followup_workbook(
        &self,
        path: &Path,
        choices: &[ConflictChoice],
    ) -> Result<WorkbookImport> {
        let wb = read_returned(path)?;
        let mut report = self.write(|tx| tx.import_workbook(&wb, choices))?;
        report.applied = true;
        Ok(report)
    }
}
