//! An earlier lab brought into the archive from its exported workbook (`ide-inovasi.xlsx`:
//! the ideas sheet and the agencies sheet, in Bahasa Indonesia or English), for a lab run
//! before Labinov kept it, or whose bundle is lost.
//!
//! The workbook does not say the lab's name or dates, so the user gives them (the "new lab"
//! form's fields and checks). The lab is built in a scratch database first, through the
//! same importers as a roster and a batch of ideas (every row checked as if typed), then
//! written as a bundle and merged here through the bundle's checked path: so this database
//! gets a complete lab or nothing, and a preview runs every check and writes nothing.
//! Sheets are recognised by their columns, not their names or order; the review sheet is
//! not read (reviews belong to the reviewers' laptops and travel in bundles).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Reason, Result};
use crate::model::{ImportMode, ImportReport, Lab, NewLab};
use crate::store::setup::import::{agency_sheet_score, idea_sheet_score};
use crate::store::{Store, BUNDLE_EXTENSION};
use crate::table::{read_sheets, Table};

/// What bringing an earlier lab's workbook into the archive did (or, previewed, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabWorkbookImport {
    /// The lab as created (previewed: as it would be; its id is then not kept).
    pub lab: Lab,
    /// The sheets read, by name: the agencies' and the ideas'.
    pub agency_sheet: String,
    pub idea_sheet: String,
    /// The workbook's other sheets, not read.
    pub sheets_ignored: Vec<String>,
    pub agencies: ImportReport,
    pub ideas: ImportReport,
    /// Whether the lab is now in this database (never when a row is refused).
    pub applied: bool,
}

/// The sheet whose columns `score` rates highest (`None` when none is rated at all),
/// other than `not`.
fn best_sheet(
    sheets: &[(String, Table)],
    score: impl Fn(&Table) -> Option<usize>,
    not: Option<usize>,
) -> Option<usize> {
    sheets
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != not)
        .filter_map(|(i, (_, t))| score(t).map(|s| (s, i)))
        .max_by_key(|&(s, i)| (s, std::cmp::Reverse(i)))
        .map(|(_, i)| i)
}

impl Store {
    /// Brings an earlier lab into this database from its exported workbook (rules in the
    /// module docs): `lab` names it; with `apply` false nothing is written. Refused as a
    /// whole when the workbook has no ideas or agencies sheet, or when the archive already
    /// holds a lab of that name starting that day; refused rows are reported with their
    /// line and field, and then nothing is written.
    pub fn import_lab_workbook(
        &self,
        file_name: &str,
        bytes: &[u8],
        lab: NewLab,
        apply: bool,
    ) -> Result<LabWorkbookImport> {
        let ext = file_name
            .rsplit('.')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if !matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods") {
            return Err(Error::invalid("file", Reason::WrongFileType));
        }
        let sheets = read_sheets(bytes)?;
        let ideas_at = best_sheet(&sheets, idea_sheet_score, None)
            .ok_or_else(|| Error::invalid("file", Reason::NoIdeaSheet))?;
        let agencies_at = best_sheet(&sheets, agency_sheet_score, Some(ideas_at))
            .ok_or_else(|| Error::invalid("file", Reason::NoAgencySheet))?;

        let scratch_dir = tempfile::tempdir()?;
        let scratch = Store::open(scratch_dir.path().join("lab.db"))?;
        // The lab's details with the form's checks, then: is it here already?
        let new = scratch.create_lab(lab)?;
        let same = |l: &Lab| {
            l.start_date == new.start_date
                && l.name.trim().to_lowercase() == new.name.trim().to_lowercase()
        };
        if self.list_labs()?.iter().any(|s| same(&s.lab)) {
            return Err(Error::invalid(
                "name",
                Reason::LabExists {
                    name: new.name.clone(),
                    start_date: new.start_date.clone(),
                },
            ));
        }
        let mut agencies = scratch.import_agencies_table(
            &new.id,
            &sheets[agencies_at].1,
            ImportMode::AllOrNothing,
        )?;
        // Without its roster no idea could be placed: the ideas are only checked then.
        let ideas_mode = if agencies.refused == 0 {
            ImportMode::AllOrNothing
        } else {
            ImportMode::Preview
        };
        let mut ideas = scratch.import_ideas_table(&new.id, &sheets[ideas_at].1, ideas_mode)?;
        let clean = agencies.refused == 0 && ideas.refused == 0;
        let applied = if clean && apply {
            let bundle = scratch_dir.path().join(format!("lab.{BUNDLE_EXTENSION}"));
            scratch.write_bundle(&new.id, &bundle)?;
            self.merge_bundle(&bundle)?;
            true
        } else {
            false
        };
        // The scratch database's writes are not this database's.
        agencies.applied = applied;
        ideas.applied = applied;
        let lab = if applied { self.get_lab(&new.id)? } else { new };
        let name = |i: usize| sheets[i].0.clone();
        Ok(LabWorkbookImport {
            lab,
            agency_sheet: name(agencies_at),
            idea_sheet: name(ideas_at),
            sheets_ignored: (0..sheets.len())
                .filter(|&i| i != ideas_at && i != agencies_at)
                .map(name)
                .collect(),
            agencies,
            ideas,
            applied,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{agency_table, idea_table, review_table, Lang, ReportData};

    fn store(dir: &tempfile::TempDir, name: &str) -> Store {
        Store::open(dir.path().join(name)).unwrap()
    }

    /// The workbook the export writes (`labinov-render`'s `xlsx::workbook`, from the same
    /// tables): the ideas, the review and the agencies sheets, in `lang`. `edit` changes
    /// the ideas' rows first.
    fn exported(d: &ReportData, lang: Lang, edit: impl Fn(&mut Vec<Vec<String>>)) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let mut sheet = |name: &str, header: Vec<String>, rows: Vec<Vec<String>>| {
            let ws = book.add_worksheet();
            ws.set_name(name).unwrap();
            for (c, h) in header.iter().enumerate() {
                ws.write_string(0, c as u16, h).unwrap();
            }
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    ws.write_string(r as u32 + 1, c as u16, v).unwrap();
                }
            }
        };
        let strings = |h: Vec<&str>| h.into_iter().map(String::from).collect::<Vec<_>>();
        let (h, mut rows) = idea_table(d, lang);
        edit(&mut rows);
        sheet("Ide", strings(h), rows);
        let (h, rows) = review_table(d, lang);
        sheet("Penilaian", h, rows);
        let (h, rows) = agency_table(d, lang);
        sheet("OPD", strings(h), rows);
        book.save_to_buffer().unwrap()
    }

    fn lab(name: &str, start: &str) -> NewLab {
        NewLab {
            name: name.into(),
            start_date: start.into(),
            days: 3,
            idea_target: 50,
            ..Default::default()
        }
    }

    fn reason(e: Error) -> Reason {
        e.reason()
            .cloned()
            .unwrap_or_else(|| panic!("no reason: {e}"))
    }

    #[test]
    fn an_earlier_lab_comes_into_the_archive_from_its_exported_workbook() {
        let dir = tempfile::tempdir().unwrap();
        let earlier = store(&dir, "earlier.db");
        let demo = crate::demo::create_demo_lab(&earlier).unwrap();
        let data = ReportData::read(&earlier, &demo.id).unwrap();
        let archive = store(&dir, "archive.db");
        let book = exported(&data, Lang::Id, |_| {});

        // The preview checks everything and writes nothing.
        let preview = archive
            .import_lab_workbook(
                "ide-inovasi.xlsx",
                &book,
                lab("Labinov 2023", "2023-10-02"),
                false,
            )
            .unwrap();
        assert!(!preview.applied);
        assert_eq!(
            (preview.agency_sheet.as_str(), preview.idea_sheet.as_str()),
            ("OPD", "Ide")
        );
        assert_eq!(preview.sheets_ignored, ["Penilaian"]);
        assert_eq!(preview.ideas.good as usize, data.ideas.len());
        assert_eq!(preview.ideas.refused, 0, "{:?}", preview.ideas.rows);
        assert_eq!(preview.agencies.good as usize, data.agencies.len());
        assert!(archive.list_labs().unwrap().is_empty());

        let done = archive
            .import_lab_workbook(
                "ide-inovasi.xlsx",
                &book,
                lab("Labinov 2023", "2023-10-02"),
                true,
            )
            .unwrap();
        assert!(done.applied);
        let labs = archive.list_labs().unwrap();
        assert_eq!(labs.len(), 1);
        assert_eq!(labs[0].lab.id, done.lab.id);
        assert_eq!(labs[0].lab.name, "Labinov 2023");
        assert_eq!(labs[0].idea_count as usize, data.ideas.len());
        assert_eq!(labs[0].agency_count as usize, data.agencies.len());
        // Every idea with its agency and its fields as exported.
        let now = ReportData::read(&archive, &done.lab.id).unwrap();
        let key = |d: &ReportData| {
            let mut v: Vec<(String, String, String, String)> = d
                .ideas
                .iter()
                .map(|l| {
                    (
                        l.agency_code.clone(),
                        l.idea.fields.title.clone(),
                        l.idea.fields.problem.clone(),
                        l.idea.fields.tahapan.clone(),
                    )
                })
                .collect();
            v.sort();
            v
        };
        assert_eq!(key(&now), key(&data));
        // It is in the archive like any lab.
        let summary = archive.archive_summary().unwrap();
        assert_eq!(summary.labs.len(), 1);

        // The same lab again is refused, whatever the case of its name.
        assert_eq!(
            reason(
                archive
                    .import_lab_workbook(
                        "ide-inovasi.xlsx",
                        &book,
                        lab("labinov 2023", "2023-10-02"),
                        true
                    )
                    .unwrap_err()
            ),
            Reason::LabExists {
                name: "labinov 2023".into(),
                start_date: "2023-10-02".into()
            }
        );
        // The English export is read the same way.
        let en = exported(&data, Lang::En, |_| {});
        let english = archive
            .import_lab_workbook("ideas.xlsx", &en, lab("Labinov 2022", "2022-10-03"), true)
            .unwrap();
        assert!(
            english.applied,
            "{:?} {:?}",
            english.agencies.rows, english.ideas.rows
        );
        assert_eq!(archive.list_labs().unwrap().len(), 2);
    }

    #[test]
    fn a_workbook_with_a_bad_row_or_no_sheets_writes_nothing_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let earlier = store(&dir, "earlier.db");
        let demo = crate::demo::create_demo_lab(&earlier).unwrap();
        let data = ReportData::read(&earlier, &demo.id).unwrap();
        let archive = store(&dir, "archive.db");

        // One idea names an agency the roster does not have, one has no title.
        let book = exported(&data, Lang::Id, |rows| {
            rows[3][1] = "TIDAKADA".into();
            rows[3][2] = "Dinas Tidak Ada".into();
            rows[7][3] = String::new();
        });
        let r = archive
            .import_lab_workbook(
                "ide-inovasi.xlsx",
                &book,
                lab("Labinov 2021", "2021-10-04"),
                true,
            )
            .unwrap();
        assert!(!r.applied);
        assert_eq!(r.ideas.refused, 2, "{:?}", r.ideas.rows);
        let lines: Vec<u32> = r
            .ideas
            .rows
            .iter()
            .filter(|row| !row.problems.is_empty())
            .map(|row| row.line)
            .collect();
        assert_eq!(lines, [5, 9], "lines as the spreadsheet numbers them");
        assert!(archive.list_labs().unwrap().is_empty(), "nothing written");

        // Not a workbook of a lab.
        let mut only_ideas = rust_xlsxwriter::Workbook::new();
        let ws = only_ideas.add_worksheet();
        ws.write_string(0, 0, "Judul").unwrap();
        ws.write_string(0, 1, "OPD").unwrap();
        let only_ideas = only_ideas.save_to_buffer().unwrap();
        let refused = |file: &str, bytes: &[u8]| {
            reason(
                archive
                    .import_lab_workbook(file, bytes, lab("Labinov 2020", "2020-10-05"), true)
                    .unwrap_err(),
            )
        };
        assert_eq!(refused("x.xlsx", &only_ideas), Reason::NoAgencySheet);
        let empty = rust_xlsxwriter::Workbook::new().save_to_buffer().unwrap();
        assert_eq!(refused("x.xlsx", &empty), Reason::NoIdeaSheet);
        assert!(matches!(
            refused("x.xlsx", b"PK\x03\x04 not really"),
            Reason::UnreadableSpreadsheet { .. }
        ));
        assert_eq!(refused("x.csv", b"judul,opd\n"), Reason::WrongFileType);
        // The lab's own details are checked as in the form.
        assert_eq!(
            reason(
                archive
                    .import_lab_workbook("x.xlsx", &book, lab("  ", "2020-10-05"), false)
                    .unwrap_err()
            ),
            Reason::Required
        );
        assert!(archive.list_labs().unwrap().is_empty());
    }
}
