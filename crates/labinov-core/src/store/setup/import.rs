//! Importing an agency roster or a batch of ideas from CSV or XLSX.
//!
//! Every row goes through the same checks as a typed one: each row is written inside a
//! savepoint of one transaction, and a row the store refuses is rolled back and reported
//! with its line and field. A preview runs the whole import and rolls it all back; an
//! all-or-nothing import commits only when no row was refused. So nothing is ever half
//! imported, and the preview can never disagree with the import.
//!
//! A roster can be imported again (a corrected one, the morning of the lab): a row whose
//! code the lab already holds (case and surrounding spaces ignored) updates that agency
//! through the normal write path (change log, merge clocks), or writes nothing when it
//! says what the lab already holds. An empty cell keeps the lab's value (a roster often
//! leaves out short names; clearing is done in the agency's form). A retired agency in the
//! roster is brought back, and the preview says so. The lab's agencies the file does not
//! mention are left alone and listed. A code repeated within the file is refused (which
//! row would be meant is not clear).

use std::collections::HashMap;
use std::sync::LazyLock;

use rusqlite::params;
use serde_json::Value;

use crate::error::{Error, Reason, Result};
use crate::fields::{FieldKind, IDEA_FIELDS};
use crate::model::{
    Agency, FieldChange, IdeaInput, ImportMode, ImportReport, ImportRow, NewAgency, OptionItem,
    RowOutcome, RowProblem,
};
use crate::store::agencies::clean_agency;
use crate::store::{Store, Tx};
use crate::table::{Cell, Table};

/// Header names each field is recognised by (compared loosely, see `Table::column`).
const AGENCY_COLUMNS: &[(&str, &[&str])] = &[
    // With the export's own headers in both languages (`export::agency_table`), so an
    // exported roster imports back.
    (
        "code",
        &["kode", "code", "kode opd", "kode_opd", "agency code"],
    ),
    (
        "name",
        &[
            "nama",
            "name",
            "nama opd",
            "nama perangkat daerah",
            "opd",
            "agency name",
        ],
    ),
    (
        "shortName",
        &[
            "singkatan",
            "short name",
            "shortname",
            "nama singkat",
            "alias",
        ],
    ),
    ("group", &["kelompok", "group", "jenis opd", "rumpun"]),
];

/// The idea import's header names: each field's aliases ([`IDEA_FIELDS`]), the agency
/// under "agency" (it is named by code or name, not by id).
static IDEA_COLUMNS: LazyLock<Vec<(&'static str, &'static [&'static str])>> = LazyLock::new(|| {
    IDEA_FIELDS
        .iter()
        .map(|f| {
            let name = if f.kind == FieldKind::Agency {
                "agency"
            } else {
                f.key
            };
            (name, f.aliases)
        })
        .collect()
});

/// Which file columns feed which fields, plus the report's column lists.
struct Columns {
    map: Vec<(&'static str, usize)>,
    used: Vec<String>,
    ignored: Vec<String>,
}

fn match_columns(table: &Table, known: &[(&'static str, &[&str])]) -> Columns {
    let mut map = Vec::new();
    for (field, aliases) in known {
        if let Some(i) = table.column(aliases) {
            if !map.iter().any(|(_, j)| *j == i) {
                map.push((*field, i));
            }
        }
    }
    let used = map.iter().map(|(_, i)| table.headers[*i].clone()).collect();
    let ignored = (0..table.headers.len())
        .filter(|i| !map.iter().any(|(_, j)| j == i))
        .map(|i| table.headers[i].clone())
        .filter(|h| !h.is_empty())
        .collect();
    Columns { map, used, ignored }
}

/// How well a sheet's columns fit `known`: how many of its fields are found, `None` when
/// one of `required` is not (for recognising the sheets of a workbook).
fn sheet_score(
    table: &Table,
    known: &[(&'static str, &[&str])],
    required: [&str; 2],
) -> Option<usize> {
    let cols = match_columns(table, known);
    let has = |f: &str| cols.map.iter().any(|(k, _)| *k == f);
    required.iter().all(|f| has(f)).then_some(cols.map.len())
}

/// A sheet as a roster: `Some(columns found)` when it has a code and a name column.
pub(crate) fn agency_sheet_score(table: &Table) -> Option<usize> {
    sheet_score(table, AGENCY_COLUMNS, ["code", "name"])
}

/// A sheet as ideas: `Some(columns found)` when it has an agency and a title column.
pub(crate) fn idea_sheet_score(table: &Table) -> Option<usize> {
    sheet_score(table, &IDEA_COLUMNS, ["agency", "title"])
}

/// A row's cells by field; unreadable cells become problems.
fn row_fields(
    cols: &Columns,
    cells: &[Cell],
    problems: &mut Vec<RowProblem>,
) -> HashMap<&'static str, String> {
    let mut out = HashMap::new();
    for (field, i) in &cols.map {
        match cells.get(*i) {
            Some(Ok(v)) => {
                out.insert(*field, v.clone());
            }
            Some(Err(why)) => problems.push(RowProblem::new(*field, why.clone())),
            None => {}
        }
    }
    out
}

fn problem_of(e: &Error) -> RowProblem {
    RowProblem::new(e.field().unwrap_or("row").to_owned(), e.to_reason())
}

/// Runs `row` inside a savepoint: kept if it succeeds, rolled back if not.
fn in_savepoint<T>(
    tx: &Tx<'_>,
    row: impl FnOnce() -> Result<T>,
) -> Result<std::result::Result<T, Error>> {
    tx.execute_batch("SAVEPOINT import_row")?;
    match row() {
        Ok(v) => {
            tx.execute_batch("RELEASE import_row")?;
            Ok(Ok(v))
        }
        Err(e) => {
            tx.execute_batch("ROLLBACK TO import_row; RELEASE import_row")?;
            Ok(Err(e))
        }
    }
}

/// Finds an option by its code or either label, ignoring case.
fn option_code(options: &[OptionItem], list: &str, value: &str) -> Option<String> {
    let v = value.trim().to_lowercase();
    options
        .iter()
        .filter(|o| o.list == list && !o.retired)
        .find(|o| o.code == v || o.label_id.to_lowercase() == v || o.label_en.to_lowercase() == v)
        .map(|o| o.code.clone())
}

/// A row's outcome: refused when it has problems, else `good`.
fn import_row(
    line: u32,
    label: String,
    good: RowOutcome,
    changes: Vec<FieldChange>,
    problems: Vec<RowProblem>,
) -> ImportRow {
    let outcome = if problems.is_empty() {
        good
    } else {
        RowOutcome::Refused
    };
    ImportRow {
        line,
        label,
        outcome,
        changes: if problems.is_empty() {
            changes
        } else {
            Vec::new()
        },
        problems,
    }
}

/// What a roster row makes of an agency the lab holds: its code kept as the lab spells it
/// (the match ignores case), the names and group from the row unless the cell is empty,
/// and active. Returns the new record and the fields that differ.
fn roster_update(old: &Agency, row: &NewAgency) -> (Agency, Vec<FieldChange>) {
    let keep_or = |row: &str, old: &str| {
        if row.is_empty() {
            old.to_owned()
        } else {
            row.to_owned()
        }
    };
    let new = Agency {
        name: row.name.clone(),
        short_name: keep_or(&row.short_name, &old.short_name),
        group: keep_or(&row.group, &old.group),
        retired_at: None,
        ..old.clone()
    };
    let mut changes = Vec::new();
    for (field, was, now) in [
        ("name", &old.name, &new.name),
        ("shortName", &old.short_name, &new.short_name),
        ("group", &old.group, &new.group),
    ] {
        if was != now {
            changes.push(FieldChange {
                field: field.into(),
                old: was.clone(),
                new: now.clone(),
            });
        }
    }
    if let Some(retired_at) = &old.retired_at {
        changes.push(FieldChange {
            field: "retiredAt".into(),
            old: retired_at.clone(),
            new: String::new(),
        });
    }
    (new, changes)
}

/// Splits a multi-value cell: `;`, `,` or line breaks.
fn split_values(s: &str) -> Vec<String> {
    s.split([';', ',', '\n'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Store {
    /// Imports (or previews) an agency roster: columns `kode, nama, singkatan, kelompok`
    /// (or their English names), from a CSV or XLSX file.
    pub fn import_agencies(
        &self,
        lab_id: &str,
        file_name: &str,
        bytes: &[u8],
        mode: ImportMode,
    ) -> Result<ImportReport> {
        self.import_agencies_table(lab_id, &Table::read(file_name, bytes)?, mode)
    }

    /// [`Store::import_agencies`] of a table already read (a sheet of a workbook).
    pub(crate) fn import_agencies_table(
        &self,
        lab_id: &str,
        table: &Table,
        mode: ImportMode,
    ) -> Result<ImportReport> {
        let cols = match_columns(table, AGENCY_COLUMNS);
        for (field, header) in [("code", "kode"), ("name", "nama")] {
            if !cols.map.iter().any(|(f, _)| *f == field) {
                return Err(Error::invalid(
                    "file",
                    Reason::NoColumn {
                        column: header.to_string(),
                    },
                ));
            }
        }
        self.run_import(mode, cols.used.clone(), cols.ignored.clone(), |tx| {
            tx.require_lab(lab_id)?;
            let mut rows = Vec::new();
            // Each code of the file (ASCII case folded, as SQLite's NOCASE), by first line.
            let mut first_line: HashMap<String, u32> = HashMap::new();
            for (line, cells) in &table.rows {
                let mut problems = Vec::new();
                let f = row_fields(&cols, cells, &mut problems);
                let get = |k: &str| f.get(k).cloned().unwrap_or_default();
                let agency = NewAgency {
                    code: get("code"),
                    name: get("name"),
                    short_name: get("shortName"),
                    group: get("group"),
                };
                let key = agency.code.trim().to_ascii_lowercase();
                if !key.is_empty() {
                    match first_line.get(&key) {
                        Some(first) => problems.push(RowProblem::new(
                            "code",
                            Reason::CodeRepeated {
                                value: agency.code.trim().into(),
                                line: *first,
                            },
                        )),
                        None => {
                            first_line.insert(key, *line);
                        }
                    }
                }
                let mut good = RowOutcome::New;
                let mut changes = Vec::new();
                if problems.is_empty() {
                    match clean_agency(&agency) {
                        Err(e) => problems.push(problem_of(&e)),
                        Ok(clean) => match tx.agency_by_code(lab_id, &clean.code)? {
                            None => {
                                if let Err(e) =
                                    in_savepoint(tx, || tx.insert_agency(lab_id, &clean))?
                                {
                                    problems.push(problem_of(&e));
                                }
                            }
                            Some(old) => {
                                let (new, diff) = roster_update(&old, &clean);
                                if diff.is_empty() {
                                    good = RowOutcome::Unchanged;
                                } else {
                                    good = RowOutcome::Changed;
                                    changes = diff;
                                    if let Err(e) =
                                        in_savepoint(tx, || tx.update_agency(&old, &new))?
                                    {
                                        problems.push(problem_of(&e));
                                    }
                                }
                            }
                        },
                    }
                }
                let label = if agency.name.trim().is_empty() {
                    agency.code.clone()
                } else {
                    agency.name.clone()
                };
                rows.push(import_row(*line, label, good, changes, problems));
            }
            let not_in_file = tx
                .list_agencies_in(lab_id)?
                .into_iter()
                .filter(|a| a.retired_at.is_none())
                .filter(|a| !first_line.contains_key(&a.code.to_ascii_lowercase()))
                .map(|a| format!("{} ({})", a.name, a.code))
                .collect();
            Ok((rows, not_in_file))
        })
    }

    /// Imports (or previews) ideas: one row per idea, the agency named by its code, short
    /// name or full name; option columns by code or label. An idea whose title already
    /// exists for the same agency is refused as a duplicate (so a file can be imported
    /// again after fixing its refused rows).
    pub fn import_ideas(
        &self,
        lab_id: &str,
        file_name: &str,
        bytes: &[u8],
        mode: ImportMode,
    ) -> Result<ImportReport> {
        self.import_ideas_table(lab_id, &Table::read(file_name, bytes)?, mode)
    }

    /// [`Store::import_ideas`] of a table already read (a sheet of a workbook).
    pub(crate) fn import_ideas_table(
        &self,
        lab_id: &str,
        table: &Table,
        mode: ImportMode,
    ) -> Result<ImportReport> {
        let cols = match_columns(table, &IDEA_COLUMNS);
        for (field, header) in [("agency", "opd"), ("title", "judul")] {
            if !cols.map.iter().any(|(f, _)| *f == field) {
                return Err(Error::invalid(
                    "file",
                    Reason::NoColumn {
                        column: header.to_string(),
                    },
                ));
            }
        }
        let agencies = self.list_agencies(lab_id)?;
        let options = self.list_options(lab_id)?;
        let find_agency = |v: &str| {
            let v = v.trim().to_lowercase();
            agencies
                .iter()
                .filter(|a| a.retired_at.is_none())
                .find(|a| {
                    a.code.to_lowercase() == v
                        || a.short_name.to_lowercase() == v
                        || a.name.to_lowercase() == v
                })
        };
        self.run_import(mode, cols.used.clone(), cols.ignored.clone(), |tx| {
            tx.require_lab(lab_id)?;
            let mut rows = Vec::new();
            for (line, cells) in &table.rows {
                let mut problems = Vec::new();
                let f = row_fields(&cols, cells, &mut problems);
                let get = |k: &str| f.get(k).cloned().unwrap_or_default();
                let mut values = serde_json::Map::new();
                for def in IDEA_FIELDS {
                    let problem = |reason: Reason| RowProblem::new(def.key, reason);
                    // An option's code, or the row's problem noted and None.
                    let code = |v: &str, problems: &mut Vec<RowProblem>| {
                        let found = option_code(&options, def.list_name(), v);
                        if found.is_none() {
                            problems.push(problem(Reason::NotAnOption {
                                value: v.to_owned(),
                                list: def.list_name().into(),
                            }));
                        }
                        found
                    };
                    let value: Value = match def.kind {
                        FieldKind::Agency => match find_agency(&get("agency")) {
                            Some(a) => a.id.clone().into(),
                            None => {
                                problems.push(problem(Reason::NoAgencyCalled { value: get("agency") }));
                                continue;
                            }
                        },
                        FieldKind::Line | FieldKind::Text | FieldKind::Date => get(def.key).into(),
                        FieldKind::Tags => split_values(&get(def.key)).into(),
                        FieldKind::Day => match get(def.key).trim() {
                            "" => continue,
                            day => match day.parse::<u32>() {
                                Ok(d) => d.into(),
                                Err(_) => {
                                    problems.push(problem(Reason::NotADayNumber { value: day.to_owned() }));
                                    continue;
                                }
                            },
                        },
                        FieldKind::Code => match get(def.key) {
                            v if v.is_empty() => continue,
                            v => match code(&v, &mut problems) {
                                Some(c) => c.into(),
                                None => continue,
                            },
                        },
                        FieldKind::Codes => {
                            let mut codes = Vec::new();
                            for v in split_values(&get(def.key)) {
                                codes.extend(code(&v, &mut problems));
                            }
                            codes.into()
                        }
                    };
                    values.insert(def.key.into(), value);
                }
                let input: IdeaInput = serde_json::from_value(Value::Object(values))
                    .expect("the import gives each field a value of its type");
                if problems.is_empty() {
                    let exists: bool = tx.query_row(
                        "SELECT EXISTS (SELECT 1 FROM idea WHERE lab_id = ?1 AND agency_id = ?2
                         AND lower(trim(title)) = lower(trim(?3)) AND deleted_at IS NULL AND merged_into IS NULL)",
                        params![lab_id, input.agency_id, input.title],
                        |r| r.get(0),
                    )?;
                    if exists {
                        problems.push(RowProblem::new("title", Reason::SameTitle));
                    } else if let Err(e) = in_savepoint(tx, || tx.add_idea(lab_id, input.clone()))? {
                        problems.push(problem_of(&e));
                    }
                }
                rows.push(import_row(*line, input.title.clone(), RowOutcome::New, Vec::new(), problems));
            }
            Ok((rows, Vec::new()))
        })
    }

    /// Runs an import's rows in one transaction and commits according to `mode`. `rows`
    /// returns the report's rows and its `not_in_file` list.
    fn run_import(
        &self,
        mode: ImportMode,
        columns_used: Vec<String>,
        columns_ignored: Vec<String>,
        rows: impl FnOnce(&Tx<'_>) -> Result<(Vec<ImportRow>, Vec<String>)>,
    ) -> Result<ImportReport> {
        let decide = |(rows, not_in_file): (Vec<ImportRow>, Vec<String>)| {
            let count = |o: RowOutcome| rows.iter().filter(|r| r.outcome == o).count() as u32;
            let (added, changed, unchanged) = (
                count(RowOutcome::New),
                count(RowOutcome::Changed),
                count(RowOutcome::Unchanged),
            );
            let refused = count(RowOutcome::Refused);
            let total = rows.len() as u32;
            let writes = added + changed > 0;
            let apply = writes
                && match mode {
                    ImportMode::Preview => false,
                    ImportMode::AllOrNothing => refused == 0,
                    ImportMode::SkipRefused => true,
                };
            let report = ImportReport {
                mode,
                total,
                good: total - refused,
                refused,
                added,
                changed,
                unchanged,
                applied: apply,
                columns_used: columns_used.clone(),
                columns_ignored: columns_ignored.clone(),
                rows,
                not_in_file,
            };
            (apply, report)
        };
        // Write only when the mode says so; every other outcome rolls back.
        self.write_if(|tx| Ok(decide(rows(tx)?)))
    }
}
