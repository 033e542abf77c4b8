//! `ide-inovasi.xlsx`: three sheets, written with `rust_xlsxwriter`.
//!
//! - the ideas (first, so the idea import reads it): one row per live idea in the columns
//!   of the official innovation form, headers the import recognises, option fields as
//!   labels; the header row frozen and filterable;
//! - the review: one row per submitted review with its idea's rank and mean, each
//!   criterion's score, the total, recommendation and comment;
//! - the agencies: code, name, short name, group, number of ideas.
//!
//! Every value is a string cell, never a formula. A value that begins like a formula
//! (`=`, `+`, `-`, `@`, tab, CR) also gets Excel's quote-prefix format, so Excel and
//! LibreOffice show it as text even when it is edited; the stored value is unchanged.
//! A cell holds at most 32,767 characters (Excel's limit): a longer text is cut there
//! with a note saying where the whole text is (the CSV and `data.json`).
//! The "No" and "Hari" columns are numbers.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use labinov_core::export::{agency_table, formula_like, idea_table, review_table, ReportData};
use labinov_core::export::{word as w, Lang};
use labinov_core::{Error, Result};

/// Excel's limit on the characters of one cell.
pub const MAX_CELL_CHARS: usize = 32_767;

pub(crate) fn err(e: XlsxError) -> Error {
    Error::Io(std::io::Error::other(format!("XLSX: {e}")))
}

pub(crate) struct Cells {
    wrap: Format,
    quoted: Format,
    header: Format,
}

impl Cells {
    pub(crate) fn new() -> Cells {
        Cells {
            wrap: Format::new()
                .set_text_wrap()
                .set_align(rust_xlsxwriter::FormatAlign::Top),
            quoted: Format::new()
                .set_text_wrap()
                .set_align(rust_xlsxwriter::FormatAlign::Top)
                .set_quote_prefix(),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color("#DDE7F0")
                .set_align(rust_xlsxwriter::FormatAlign::Top),
        }
    }

    fn text(&self, ws: &mut Worksheet, lang: Lang, row: u32, col: u16, v: &str) -> Result<()> {
        let cut;
        let v = if v.chars().count() > MAX_CELL_CHARS {
            let note = w(lang, "truncated");
            let keep = MAX_CELL_CHARS - note.chars().count() - 1;
            cut = format!("{}{note}", v.chars().take(keep).collect::<String>());
            cut.as_str()
        } else {
            v
        };
        let format = if formula_like(v) {
            &self.quoted
        } else {
            &self.wrap
        };
        ws.write_string_with_format(row, col, v, format)
            .map_err(err)?;
        Ok(())
    }

    pub(crate) fn sheet(
        &self,
        ws: &mut Worksheet,
        lang: Lang,
        header: &[String],
        rows: &[Vec<String>],
        numeric: &[usize],
        widths: &[(u16, f64)],
    ) -> Result<()> {
        for (c, h) in header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &self.header)
                .map_err(err)?;
            ws.set_column_width(c as u16, 18).map_err(err)?;
        }
        for (col, width) in widths {
            ws.set_column_width(*col, *width).map_err(err)?;
        }
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, v) in row.iter().enumerate() {
                match v.parse::<u32>() {
                    Ok(n) if numeric.contains(&c) => {
                        ws.write_number(r, c as u16, n as f64).map_err(err)?;
                    }
                    _ => self.text(ws, lang, r, c as u16, v)?,
                }
            }
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
        if !header.is_empty() {
            ws.autofilter(0, 0, rows.len() as u32, header.len() as u16 - 1)
                .map_err(err)?;
        }
        Ok(())
    }
}

pub fn workbook(d: &ReportData, lang: Lang) -> Result<Vec<u8>> {
    let cells = Cells::new();
    let mut book = Workbook::new();
    let strings = |h: Vec<&str>| h.into_iter().map(String::from).collect::<Vec<_>>();

    let (header, rows) = idea_table(d, lang);
    let ws = book.add_worksheet();
    ws.set_name(w(lang, "sheet_ideas")).map_err(err)?;
    cells.sheet(
        ws,
        lang,
        &strings(header),
        &rows,
        &[0, 25],
        &[
            (0, 5.0),
            (1, 12.0),
            (2, 30.0),
            (3, 40.0),
            (15, 50.0),
            (16, 40.0),
            (17, 40.0),
        ],
    )?;

    let (header, rows) = review_table(d, lang);
    let ws = book.add_worksheet();
    ws.set_name(w(lang, "sheet_review")).map_err(err)?;
    cells.sheet(ws, lang, &header, &rows, &[0], &[(0, 8.0), (2, 40.0)])?;

    let (header, rows) = agency_table(d, lang);
    let ws = book.add_worksheet();
    ws.set_name(w(lang, "sheet_agencies")).map_err(err)?;
    cells.sheet(ws, lang, &strings(header), &rows, &[4], &[(1, 45.0)])?;

    book.save_to_buffer().map_err(err)
}
