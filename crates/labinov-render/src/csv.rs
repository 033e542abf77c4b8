//! `ide-inovasi.csv`: the ideas sheet as CSV.
//!
//! UTF-8 with a byte-order mark (Excel reads UTF-8 only with it), comma-separated, every
//! field quoted when it needs to be (commas, quotes, line breaks), CRLF line ends. A value
//! a spreadsheet would run as a formula gets a leading `'` (see the module docs of
//! `export`).

use labinov_core::export::Lang;
use labinov_core::export::{formula_like, idea_table, ReportData};
use labinov_core::Result;

/// A cell as written: neutralised when it looks like a formula.
pub fn cell(s: &str) -> std::borrow::Cow<'_, str> {
    if formula_like(s) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

pub fn ideas(d: &ReportData, lang: Lang) -> Result<Vec<u8>> {
    let (header, rows) = idea_table(d, lang);
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(&header)?;
        for row in &rows {
            w.write_record(row.iter().map(|v| cell(v).into_owned()))?;
        }
        w.flush()?;
    }
    Ok(out)
}
