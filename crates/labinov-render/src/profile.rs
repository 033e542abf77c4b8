//! The innovation profiles (format `profiles`), in the order of the official innovation
//! form, ready to re-type or upload (the core's `export/followup.rs` says what they hold):
//!
//! - `profil-inovasi.xlsx`: one sheet, one row per idea with a follow-up: the idea
//!   fields in the field table's order, then per IID indicator the parameter chosen and
//!   the evidence files linked, then the estimated score and band (headers say
//!   "perkiraan"). Cells through the same writer as `ide-inovasi.xlsx` (`xlsx.rs`):
//!   strings, never formulas, formula-like values with the quote prefix.
//! - `profil/<title>-<id end>.pdf`: an A4 profile per innovation, drawn with the PDF
//!   report's layout (`pdf.rs`) from the core's blocks (`kegiatan::blocks`): title,
//!   agency, fields, plan, milestones, the IID checklist, the estimate and what is
//!   missing for the next band, the evidence list.

use std::collections::BTreeSet;

use rust_xlsxwriter::Workbook;

use crate::pdf::{self, Layout};
use crate::xlsx::{err, Cells};
use crate::FolderFiles;
use labinov_core::export::{profile, profile_table, word as w, Lang, ReportData, PROFILES_XLSX};
use labinov_core::followup::ExportedIdeaFollowup;
use labinov_core::Result;

/// The spreadsheet and every profile PDF, paths relative to the export folder
/// (`folder`: the format's folder name).
pub fn files(d: &ReportData, lang: Lang, folder: &str) -> Result<FolderFiles> {
    let mut out = vec![(PROFILES_XLSX.to_owned(), workbook(d, lang)?)];
    let mut taken = BTreeSet::new();
    for i in &d.followup.ideas {
        let name = file_stem(i, &mut taken);
        out.push((format!("{folder}/{name}.pdf"), pdf(d, lang, i)?));
    }
    Ok(out)
}

/// `<title>-<last 8 of the id>`, unique among the profiles.
fn file_stem(i: &ExportedIdeaFollowup, taken: &mut BTreeSet<String>) -> String {
    let id: String = i
        .followup
        .idea_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let base = format!(
        "{}-{}",
        crate::slug(&i.followup.title),
        &id[id.len().saturating_sub(8)..]
    );
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

/// `profil-inovasi.xlsx` (module docs).
pub fn workbook(d: &ReportData, lang: Lang) -> Result<Vec<u8>> {
    let (header, rows) = profile_table(d, lang);
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(w(lang, "prof_title")).map_err(err)?;
    Cells::new().sheet(
        ws,
        lang,
        &header,
        &rows,
        &[0],
        &[(0, 5.0), (1, 12.0), (2, 30.0), (3, 40.0)],
    )?;
    book.save_to_buffer().map_err(err)
}

/// One innovation's profile as an A4 PDF.
pub fn pdf(d: &ReportData, lang: Lang, i: &ExportedIdeaFollowup) -> Result<Vec<u8>> {
    let p = profile(d, lang, i);
    let mut l = Layout::new()?;
    crate::kegiatan::blocks(&mut l, &p.blocks, lang);
    pdf::write(l, p.title, lang, &d.lab.name)
}
