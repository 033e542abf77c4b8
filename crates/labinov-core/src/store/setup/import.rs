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

use rusqlite::params;

use crate::error::{Error, Reason, Result};
use crate::model::{
    Agency, FieldChange, IdeaInput, ImportMode, ImportReport, ImportRow, NewAgency, OptionItem,
    RowOutcome, RowProblem,
};
use crate::store::agencies::clean_agency;
use crate::store::{Store, Tx};
use crate::table::{Cell, Table};

/// Header names each field is recognised by (compared loosely, see `Table::column`).
const AGENCY_COLUMNS: &[(&str, &[&str])] = &[
    ("code", &["kode", "code", "kode opd", "kode_opd"]),
    (
        "name",
        &["nama", "name", "nama opd", "nama perangkat daerah", "opd"],
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

const IDEA_COLUMNS: &[(&str, &[&str])] = &[
    (
        "agency",
        &[
            "opd",
            "kode opd",
            "kode",
            "perangkat daerah",
            "agency",
            "agency code",
            "instansi",
        ],
    ),
    (
        "title",
        &[
            "judul",
            "nama inovasi",
            "inovasi",
            "title",
            "judul ide",
            "ide",
        ],
    ),
    (
        "proposerName",
        &["pengusul", "nama pengusul", "proposer", "proposer name"],
    ),
    (
        "proposerPosition",
        &[
            "jabatan",
            "jabatan pengusul",
            "position",
            "proposer position",
        ],
    ),
    ("problem", &["permasalahan", "masalah", "problem"]),
    ("description", &["deskripsi", "uraian", "description"]),
    ("stage", &["tahap 5d", "tahap lab", "stage"]),
    ("labDay", &["hari", "hari ke", "day", "lab day"]),
    ("tahapan", &["tahapan", "tahapan inovasi"]),
    (
        "inisiator",
        &["inisiator", "inisiator inovasi", "initiator"],
    ),
    ("jenis", &["jenis", "jenis inovasi", "type"]),
    ("bentuk", &["bentuk", "bentuk inovasi", "form"]),
    ("urusan", &["urusan", "urusan pemerintahan", "urusan utama"]),
    (
        "urusanLain",
        &["urusan lain", "urusan beririsan", "urusan lainnya"],
    ),
    ("tematik", &["tematik", "tema", "theme"]),
    (
        "trialDate",
        &[
            "waktu uji coba",
            "tanggal uji coba",
            "uji coba",
            "trial date",
        ],
    ),
    (
        "rolloutDate",
        &[
            "waktu penerapan",
            "tanggal penerapan",
            "penerapan",
            "rollout date",
        ],
    ),
    (
        "rancangBangun",
        &[
            "rancang bangun",
            "rancang bangun dan pokok perubahan",
            "design",
        ],
    ),
    ("tujuan", &["tujuan", "tujuan inovasi", "goals"]),
    ("manfaat", &["manfaat", "manfaat inovasi", "benefits"]),
    ("hasil", &["hasil", "hasil inovasi", "results"]),
    ("anggaran", &["anggaran", "biaya", "budget"]),
    (
        "beneficiaries",
        &["penerima manfaat", "sasaran", "beneficiaries"],
    ),
    (
        "benefitTypes",
        &["jenis manfaat", "kategori manfaat", "benefit types"],
    ),
    ("tags", &["tag", "tags", "label", "kata kunci"]),
    ("status", &["status", "status ide"]),
];

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
        let table = Table::read(file_name, bytes)?;
        let cols = match_columns(&table, AGENCY_COLUMNS);
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
        let table = Table::read(file_name, bytes)?;
        let cols = match_columns(&table, IDEA_COLUMNS);
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
                let mut input = IdeaInput {
                    title: get("title"),
                    proposer_name: get("proposerName"),
                    proposer_position: get("proposerPosition"),
                    problem: get("problem"),
                    description: get("description"),
                    trial_date: get("trialDate"),
                    rollout_date: get("rolloutDate"),
                    rancang_bangun: get("rancangBangun"),
                    tujuan: get("tujuan"),
                    manfaat: get("manfaat"),
                    hasil: get("hasil"),
                    anggaran: get("anggaran"),
                    beneficiaries: get("beneficiaries"),
                    tags: split_values(&get("tags")),
                    ..Default::default()
                };
                match find_agency(&get("agency")) {
                    Some(a) => input.agency_id = a.id.clone(),
                    None => problems.push(RowProblem::new("agencyId", Reason::NoAgencyCalled { value: get("agency") })),
                }
                let day = get("labDay");
                if !day.is_empty() {
                    match day.trim().parse::<u32>() {
                        Ok(d) => input.lab_day = Some(d),
                        Err(_) => problems.push(RowProblem::new("labDay", Reason::NotADayNumber { value: day.clone() })),
                    }
                }
                for (field, list) in [
                    ("stage", "stage"), ("tahapan", "tahapan"), ("inisiator", "inisiator"), ("jenis", "jenis"),
                    ("bentuk", "bentuk"), ("urusan", "urusan"), ("tematik", "tematik"), ("status", "status"),
                ] {
                    let v = get(field);
                    if v.is_empty() {
                        continue;
                    }
                    match option_code(&options, list, &v) {
                        Some(code) => match field {
                            "stage" => input.stage = code,
                            "tahapan" => input.tahapan = code,
                            "inisiator" => input.inisiator = code,
                            "jenis" => input.jenis = code,
                            "bentuk" => input.bentuk = code,
                            "urusan" => input.urusan = code,
                            "status" => input.status = code,
                            _ => input.tematik = code,
                        },
                        None => problems.push(RowProblem::new(field, Reason::NotAnOption { value: v.clone(), list: list.into() })),
                    }
                }
                for (field, list) in [("urusanLain", "urusan"), ("benefitTypes", "benefit")] {
                    let mut codes = Vec::new();
                    for v in split_values(&get(field)) {
                        match option_code(&options, list, &v) {
                            Some(code) => codes.push(code),
                            None => problems.push(RowProblem::new(field, Reason::NotAnOption { value: v.clone(), list: list.into() })),
                        }
                    }
                    if field == "urusanLain" { input.urusan_lain = codes } else { input.benefit_types = codes }
                }
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
