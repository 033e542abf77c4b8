//! Reading a spreadsheet (CSV or XLSX) into rows of text, for the importers.
//!
//! What people bring: Excel workbooks, CSVs saved by Excel in an Indonesian locale (`;`
//! between fields), CSVs from Google Sheets (`,`, UTF-8, sometimes with a BOM). A cell
//! that is not valid UTF-8 is reported on its row instead of failing the whole file.

use std::io::Cursor;

use crate::error::{Error, Reason, Result};

/// Largest file the importers read.
pub const MAX_FILE_BYTES: usize = 20 << 20;
/// Most data rows the importers read.
pub const MAX_ROWS: usize = 20_000;

/// One cell: its text, or why it could not be read.
pub type Cell = std::result::Result<String, Reason>;

fn unreadable(detail: String) -> Error {
    Error::invalid("file", Reason::UnreadableSpreadsheet { detail })
}

#[derive(Debug)]
pub struct Table {
    pub headers: Vec<String>,
    /// Data rows with their line number in the file (the header is line 1).
    pub rows: Vec<(u32, Vec<Cell>)>,
}

impl Table {
    /// Reads `bytes`, choosing the format by the file name's extension.
    pub fn read(file_name: &str, bytes: &[u8]) -> Result<Table> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(Error::invalid(
                "file",
                Reason::FileTooLarge {
                    max_bytes: MAX_FILE_BYTES as u64,
                },
            ));
        }
        let ext = file_name
            .rsplit('.')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let table = match ext.as_str() {
            "xlsx" | "xlsm" | "xls" | "ods" => read_workbook(bytes)?,
            "csv" | "txt" | "tsv" => read_csv(bytes)?,
            _ => {
                return Err(Error::invalid("file", Reason::WrongFileType));
            }
        };
        if table.rows.len() > MAX_ROWS {
            return Err(Error::invalid(
                "file",
                Reason::TooManyRows {
                    max: MAX_ROWS as u32,
                },
            ));
        }
        Ok(table)
    }

    /// The column whose header matches one of `aliases` (compared without case, spaces
    /// or punctuation: "Nama OPD" matches "nama_opd").
    pub fn column(&self, aliases: &[&str]) -> Option<usize> {
        let norm = |s: &str| {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        };
        self.headers
            .iter()
            .position(|h| aliases.iter().any(|a| norm(h) == norm(a)))
    }
}

/// The delimiter of a CSV: whichever of `;`, `,` or tab the header line has most of.
fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or(b"");
    let mut in_quotes = false;
    let mut counts = [0usize; 3];
    for &b in first {
        match b {
            b'"' => in_quotes = !in_quotes,
            b';' if !in_quotes => counts[0] += 1,
            b',' if !in_quotes => counts[1] += 1,
            b'\t' if !in_quotes => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], i == 1)).unwrap_or(1);
    [b';', b',', b'\t'][best]
}

fn read_csv(bytes: &[u8]) -> Result<Table> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(bytes))
        .flexible(true)
        .has_headers(false)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let header = match records.next() {
        Some(h) => h?,
        None => return Err(Error::invalid("file", Reason::EmptyFile)),
    };
    let headers: Vec<String> = header
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_owned())
        .collect();
    let mut rows = Vec::new();
    for record in records {
        let record = record?;
        let line = record.position().map(|p| p.line() as u32).unwrap_or(0);
        let cells: Vec<Cell> = record
            .iter()
            .map(|c| {
                std::str::from_utf8(c)
                    .map(|s| unneutralise(s.trim()).to_owned())
                    .map_err(|_| Reason::NotUtf8)
            })
            .collect();
        if cells.iter().all(|c| matches!(c, Ok(s) if s.is_empty())) {
            continue;
        }
        rows.push((line, cells));
    }
    Ok(Table { headers, rows })
}

/// Undoes the export's CSV-injection guard: a cell written as `'=...` (a leading
/// apostrophe before `=`, `+`, `-`, `@`, tab or CR, see `export/csv.rs`) reads as `=...`,
/// so an exported CSV imports back with its values as typed.
fn unneutralise(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if crate::export::formula_like(rest) => rest,
        _ => s,
    }
}

fn read_workbook(bytes: &[u8]) -> Result<Table> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| unreadable(e.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| Error::invalid("file", Reason::EmptyFile))?
        .map_err(|e| unreadable(format!("the first sheet cannot be read: {e}")))?;
    range_table(&range)
}

/// Every sheet of a workbook (`.xlsx`, `.xls`, `.ods`) with its name, in the workbook's
/// order; a sheet with no header row is left out. The same size limits as [`Table::read`]
/// (the file, and the rows of each sheet).
pub fn read_sheets(bytes: &[u8]) -> Result<Vec<(String, Table)>> {
    use calamine::Reader;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::invalid(
            "file",
            Reason::FileTooLarge {
                max_bytes: MAX_FILE_BYTES as u64,
            },
        ));
    }
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| unreadable(e.to_string()))?;
    let mut sheets = Vec::new();
    for (name, range) in book.worksheets() {
        match range_table(&range) {
            Ok(table) if table.rows.len() > MAX_ROWS => {
                return Err(Error::invalid(
                    "file",
                    Reason::TooManyRows {
                        max: MAX_ROWS as u32,
                    },
                ))
            }
            Ok(table) => sheets.push((name, table)),
            Err(_) => {}
        }
    }
    Ok(sheets)
}

fn range_table(range: &calamine::Range<calamine::Data>) -> Result<Table> {
    use calamine::Data;
    let text = |d: &Data| -> Cell {
        Ok(match d {
            Data::Empty => String::new(),
            Data::String(s) => s.trim().to_owned(),
            Data::Int(i) => i.to_string(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Data::Float(f) => f.to_string(),
            Data::Bool(b) => b.to_string(),
            Data::DateTime(dt) => {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                format!("{y:04}-{m:02}-{d:02}")
            }
            Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_owned(),
            Data::DurationIso(s) => s.clone(),
            Data::Error(e) => {
                return Err(Reason::ExcelError {
                    detail: e.to_string(),
                })
            }
        })
    };
    let start_row = range.start().map(|(r, _)| r).unwrap_or(0);
    let mut rows_iter = range.rows().enumerate();
    let headers = match rows_iter.next() {
        Some((_, r)) => r.iter().map(|c| text(c).unwrap_or_default()).collect(),
        None => return Err(Error::invalid("file", Reason::EmptyFile)),
    };
    let mut rows = Vec::new();
    for (i, r) in rows_iter {
        let cells: Vec<Cell> = r.iter().map(text).collect();
        if cells.iter().all(|c| matches!(c, Ok(s) if s.is_empty())) {
            continue;
        }
        rows.push((start_row + i as u32 + 1, cells));
    }
    Ok(Table { headers, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolon_csv_with_bom_and_quotes() {
        let t = Table::read(
            "x.csv",
            "\u{feff}kode;nama\nA;\"Satu; dua\"\n\n;\nB;Tiga\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(t.headers, ["kode", "nama"]);
        assert_eq!(t.rows.len(), 2, "blank rows are skipped");
        assert_eq!(t.rows[0].1[1], Ok("Satu; dua".to_owned()));
        assert_eq!(t.rows[1].0, 5, "line numbers count the file's lines");
    }

    #[test]
    fn invalid_utf8_is_a_cell_problem_not_a_file_failure() {
        let t = Table::read("x.csv", b"kode,nama\nA,Dinas \xE9\nB,Baik\n").unwrap();
        assert!(t.rows[0].1[1].is_err());
        assert_eq!(t.rows[1].1[1], Ok("Baik".to_owned()));
    }

    #[test]
    fn unknown_formats_and_garbage_are_refused_plainly() {
        assert_eq!(
            Table::read("x.pdf", b"%PDF").unwrap_err().field(),
            Some("file")
        );
        assert_eq!(
            Table::read("x.xlsx", b"not a zip").unwrap_err().field(),
            Some("file")
        );
        assert_eq!(Table::read("x.csv", b"").unwrap_err().field(), Some("file"));
    }

    #[test]
    fn headers_match_loosely() {
        let t = Table::read("x.csv", b"Kode OPD,Nama_Inovasi\n").unwrap();
        assert_eq!(t.column(&["kode_opd"]), Some(0));
        assert_eq!(t.column(&["nama inovasi", "judul"]), Some(1));
        assert_eq!(t.column(&["tahapan"]), None);
    }
}
