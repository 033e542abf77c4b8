//! An agency's follow-up workbook (`Tindak-Lanjut-<CODE>-<date>.xlsx`), laid out as
//! `labinov_core::followup::workbook` says; the core reads it back.
//!
//! Every sheet is protected (no password: protection keeps ids and headers from being
//! changed by accident, it is no security), with the cells to fill in unlocked; ids,
//! titles and headers stay locked. Dates are real dates shown `dd/mm/yyyy`; status,
//! stage and percentage cells have drop-down lists or ranges. The stamp sheet is very
//! hidden (not listed in Excel's "Unhide").

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, ExcelDateTime, Format, FormatAlign, Formula, Workbook,
    Worksheet, XlsxError,
};

use labinov_core::export::formula_like;
use labinov_core::followup::workbook::*;
use labinov_core::followup::StepStatus;
use labinov_core::{safe_write, Error, Result, Store};

fn err(e: XlsxError) -> Error {
    Error::Io(std::io::Error::other(format!("XLSX: {e}")))
}

struct Formats {
    header: Format,
    locked: Format,
    locked_quoted: Format,
    open: Format,
    open_quoted: Format,
    date: Format,
    title: Format,
}

impl Formats {
    fn new() -> Formats {
        let top = || Format::new().set_text_wrap().set_align(FormatAlign::Top);
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color("#DDE7F0")
                .set_align(FormatAlign::Top),
            locked: top().set_background_color("#F2F2F2"),
            locked_quoted: top().set_background_color("#F2F2F2").set_quote_prefix(),
            open: top().set_unlocked(),
            open_quoted: top().set_unlocked().set_quote_prefix(),
            date: Format::new()
                .set_num_format("dd/mm/yyyy")
                .set_align(FormatAlign::Top)
                .set_unlocked(),
            title: Format::new().set_bold().set_font_size(14),
        }
    }

    fn text(&self, ws: &mut Worksheet, row: u32, col: u16, v: &str, open: bool) -> Result<()> {
        let f = match (open, formula_like(v)) {
            (true, true) => &self.open_quoted,
            (true, false) => &self.open,
            (false, true) => &self.locked_quoted,
            (false, false) => &self.locked,
        };
        ws.write_string_with_format(row, col, v, f).map_err(err)?;
        Ok(())
    }

    fn date(&self, ws: &mut Worksheet, row: u32, col: u16, v: Option<&str>) -> Result<()> {
        let parsed = v.and_then(|d| {
            let mut p = d.split('-').map(|x| x.parse::<u16>().ok());
            Some((p.next()??, p.next()??, p.next()??))
        });
        match parsed {
            Some((y, m, d)) => {
                let dt = ExcelDateTime::from_ymd(y, m as u8, d as u8).map_err(err)?;
                ws.write_date_with_format(row, col, &dt, &self.date)
                    .map_err(err)?;
            }
            None => {
                ws.write_blank(row, col, &self.date).map_err(err)?;
            }
        }
        Ok(())
    }

    fn headers(&self, ws: &mut Worksheet, headers: &[&str]) -> Result<()> {
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &self.header)
                .map_err(err)?;
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
        ws.set_row_height(0, 30).map_err(err)?;
        Ok(())
    }
}

fn widths(ws: &mut Worksheet, widths: &[f64]) -> Result<()> {
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(err)?;
    }
    Ok(())
}

/// One agency's workbook as XLSX bytes.
pub fn followup_workbook(wb: &AgencyWorkbook) -> Result<Vec<u8>> {
    let f = Formats::new();
    let mut book = Workbook::new();
    let stage_labels: Vec<&str> = wb.stages.iter().map(|s| s.1.as_str()).collect();
    let statuses: Vec<&str> = StepStatus::ALL.iter().map(|s| s.as_str()).collect();
    let last_idea_row = wb.ideas.len() as u32 + 1;
    let idea_list = || {
        DataValidation::new()
            .allow_list_formula(Formula::new(format!(
                "={SHEET_IDEAS}!$A$2:$A${last_idea_row}"
            )))
            .set_input_message("Pilih ID Ide dari lembar Ide.")
            .map_err(err)
    };
    let stage_list = || {
        DataValidation::new()
            .allow_list_strings(&stage_labels)
            .map_err(err)
    };

    // Petunjuk.
    {
        let ws = book.add_worksheet().set_name(SHEET_HELP).map_err(err)?;
        ws.set_column_width(0, 120).map_err(err)?;
        ws.write_string_with_format(0, 0, INSTRUCTIONS[0], &f.title)
            .map_err(err)?;
        let intro = format!(
            "{} · {} · dibuat {}",
            wb.lab_name,
            wb.agency_name,
            wb.stamp.made_at.get(..10).unwrap_or("")
        );
        f.text(ws, 1, 0, &intro, false)?;
        for (i, line) in INSTRUCTIONS.iter().enumerate().skip(1) {
            f.text(ws, i as u32 + 1, 0, line, false)?;
        }
        ws.protect();
    }
    // Ide.
    {
        let ws = book.add_worksheet().set_name(SHEET_IDEAS).map_err(err)?;
        f.headers(ws, IDEA_HEADERS)?;
        widths(ws, &[38.0, 50.0, 18.0, 30.0])?;
        for (i, idea) in wb.ideas.iter().enumerate() {
            let r = i as u32 + 1;
            f.text(ws, r, 0, &idea.id, false)?;
            f.text(ws, r, 1, &idea.title, false)?;
            f.text(ws, r, 2, &idea.stage, false)?;
            f.text(ws, r, 3, &idea.responsible, false)?;
        }
        ws.protect();
    }
    // Rencana Aksi.
    {
        let ws = book.add_worksheet().set_name(SHEET_STEPS).map_err(err)?;
        f.headers(ws, STEP_HEADERS)?;
        widths(ws, &[38.0, 38.0, 30.0, 40.0, 22.0, 14.0, 14.0, 12.0, 40.0])?;
        let mut r = 1;
        for (title, s) in &wb.steps {
            f.text(ws, r, 0, &s.idea_id, false)?;
            f.text(ws, r, 1, &s.id, false)?;
            f.text(ws, r, 2, title, false)?;
            f.text(ws, r, 3, &s.title, true)?;
            f.text(ws, r, 4, &s.owner, true)?;
            f.date(ws, r, 5, s.start_date.as_deref())?;
            f.date(ws, r, 6, s.due_date.as_deref())?;
            f.text(ws, r, 7, s.status.as_str(), true)?;
            f.text(ws, r, 8, &s.note, true)?;
            r += 1;
        }
        let first_blank = r;
        for row in first_blank..first_blank + BLANK_STEP_ROWS {
            f.text(ws, row, 0, "", true)?;
            f.text(ws, row, 1, "", false)?;
            f.text(ws, row, 2, "", false)?;
            for c in [3, 4, 8] {
                f.text(ws, row, c, "", true)?;
            }
            f.date(ws, row, 5, None)?;
            f.date(ws, row, 6, None)?;
            f.text(ws, row, 7, "", true)?;
        }
        let last = first_blank + BLANK_STEP_ROWS - 1;
        ws.add_data_validation(first_blank, 0, last, 0, &idea_list()?)
            .map_err(err)?;
        ws.add_data_validation(
            1,
            7,
            last,
            7,
            &DataValidation::new()
                .allow_list_strings(&statuses)
                .map_err(err)?,
        )
        .map_err(err)?;
        ws.protect();
    }
    // Tonggak.
    {
        let ws = book
            .add_worksheet()
            .set_name(SHEET_MILESTONES)
            .map_err(err)?;
        f.headers(ws, MILESTONE_HEADERS)?;
        widths(ws, &[38.0, 40.0, 16.0, 16.0, 16.0])?;
        for (i, (title, m)) in wb.milestones.iter().enumerate() {
            let r = i as u32 + 1;
            let label = wb
                .stages
                .iter()
                .find(|s| s.0 == m.stage)
                .map_or(m.stage.as_str(), |s| s.1.as_str());
            f.text(ws, r, 0, &m.idea_id, false)?;
            f.text(ws, r, 1, title, false)?;
            f.text(ws, r, 2, label, false)?;
            f.date(ws, r, 3, m.planned_date.as_deref())?;
            f.date(ws, r, 4, m.actual_date.as_deref())?;
        }
        ws.protect();
    }
    // Kemajuan.
    {
        let ws = book.add_worksheet().set_name(SHEET_UPDATES).map_err(err)?;
        f.headers(ws, UPDATE_HEADERS)?;
        widths(ws, &[38.0, 14.0, 60.0, 18.0, 16.0])?;
        for r in 1..=BLANK_UPDATE_ROWS {
            f.text(ws, r, 0, "", true)?;
            f.date(ws, r, 1, None)?;
            f.text(ws, r, 2, "", true)?;
            f.text(ws, r, 3, "", true)?;
            ws.write_blank(r, 4, &f.open).map_err(err)?;
        }
        ws.add_data_validation(1, 0, BLANK_UPDATE_ROWS, 0, &idea_list()?)
            .map_err(err)?;
        ws.add_data_validation(1, 3, BLANK_UPDATE_ROWS, 3, &stage_list()?)
            .map_err(err)?;
        ws.add_data_validation(
            1,
            4,
            BLANK_UPDATE_ROWS,
            4,
            &DataValidation::new()
                .allow_whole_number(DataValidationRule::Between(0, 100))
                .set_input_message("Persentase kemajuan, 0 sampai 100.")
                .map_err(err)?,
        )
        .map_err(err)?;
        ws.protect();
    }
    // The stamp.
    {
        let ws = book.add_worksheet().set_name(SHEET_STAMP).map_err(err)?;
        ws.write_string(0, 0, "stamp").map_err(err)?;
        ws.write_string(0, 1, serde_json::to_string(&wb.stamp)?)
            .map_err(err)?;
        let mut r = 1;
        for (_, s) in &wb.steps {
            ws.write_string(r, 0, "exported").map_err(err)?;
            ws.write_string(r, 1, serde_json::to_string(&Exported::Step(s.clone()))?)
                .map_err(err)?;
            r += 1;
        }
        for (_, m) in &wb.milestones {
            ws.write_string(r, 0, "exported").map_err(err)?;
            ws.write_string(
                r,
                1,
                serde_json::to_string(&Exported::Milestone(m.clone()))?,
            )
            .map_err(err)?;
            r += 1;
        }
        ws.set_very_hidden(true);
        ws.protect();
    }
    book.worksheet_from_index(0).map_err(err)?.set_active(true);
    book.save_to_buffer().map_err(err)
}

/// Writes one workbook per agency that leads an idea into `dir` (safely: temporary
/// name, fsync, read back, rename) and returns their paths, in roster order.
pub fn export_followup_workbooks(store: &Store, lab_id: &str, dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Err(Error::invalid("to", labinov_core::Reason::NotAFolder));
    }
    let mut out = Vec::new();
    for wb in store.followup_workbooks(lab_id)? {
        let bytes = followup_workbook(&wb)?;
        let name = wb.file_name();
        safe_write::write_file(dir, &name, &bytes)?;
        out.push(dir.join(name));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use calamine::{Reader, SheetVisible};
    use labinov_core::followup::{StepInput, UpdateInput};
    use labinov_core::Store;

    use super::*;

    #[test]
    fn the_written_workbook_reads_back_as_nothing_new_with_its_stamp_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("lab.db")).unwrap();
        let lab = labinov_core::demo::create_demo_lab(&store).unwrap();
        let idea = store.list_ideas(&lab.id).unwrap().remove(0);
        store
            .add_step(
                &idea.id,
                StepInput {
                    title: "=SUM(A1) bukan rumus".into(),
                    start_date: "2027-01-04".into(),
                    due_date: "2027-01-29".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        store
            .set_milestone(&idea.id, "uji_coba", "2027-02-01", "")
            .unwrap();
        store
            .add_progress_update(
                &idea.id,
                UpdateInput {
                    date: "2027-01-20".into(),
                    done: "SK terbit".into(),
                    stage: "inisiatif".into(),
                    percent: 10,
                    agency_id: String::new(),
                },
            )
            .unwrap();
        let out = dir.path().join("keluar");
        std::fs::create_dir(&out).unwrap();
        let files = export_followup_workbooks(&store, &lab.id, &out).unwrap();
        let agencies_with_ideas = store
            .followup_board(&lab.id, "2027-02-01")
            .unwrap()
            .agencies
            .iter()
            .filter(|a| a.ideas > 0)
            .count();
        assert_eq!(files.len(), agencies_with_ideas);
        let mine = files
            .iter()
            .find(|f| {
                labinov_core::followup::read_workbook_stamp(f)
                    .unwrap()
                    .0
                    .idea_ids
                    .contains(&idea.id)
            })
            .unwrap();

        let mut book: calamine::Xlsx<_> = calamine::open_workbook(mine).unwrap();
        let sheets: Vec<(String, SheetVisible)> = book
            .sheets_metadata()
            .iter()
            .map(|s| (s.name.clone(), s.visible))
            .collect();
        assert_eq!(
            sheets,
            [
                (SHEET_HELP.to_string(), SheetVisible::Visible),
                (SHEET_IDEAS.to_string(), SheetVisible::Visible),
                (SHEET_STEPS.to_string(), SheetVisible::Visible),
                (SHEET_MILESTONES.to_string(), SheetVisible::Visible),
                (SHEET_UPDATES.to_string(), SheetVisible::Visible),
                (SHEET_STAMP.to_string(), SheetVisible::VeryHidden),
            ]
        );
        let steps = book.worksheet_range(SHEET_STEPS).unwrap();
        let header: Vec<String> = steps
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(header, STEP_HEADERS);
        let first: Vec<String> = steps
            .rows()
            .nth(1)
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(first[3], "=SUM(A1) bukan rumus", "text, never a formula");
        assert!(matches!(
            steps.rows().nth(1).unwrap()[6],
            calamine::Data::DateTime(_)
        ));
        // Every sheet is protected (each sheet's XML says so); ids stay locked.
        let mut zip = zip::ZipArchive::new(std::fs::File::open(mine).unwrap()).unwrap();
        for n in 1..=6 {
            let mut xml = String::new();
            std::io::Read::read_to_string(
                &mut zip.by_name(&format!("xl/worksheets/sheet{n}.xml")).unwrap(),
                &mut xml,
            )
            .unwrap();
            assert!(xml.contains("<sheetProtection"), "sheet {n}");
        }

        // Read back untouched: nothing new, nothing refused.
        let r = store.preview_followup_workbook(mine, &[]).unwrap();
        assert!(
            r.changes.is_empty() && r.refused.is_empty() && r.new_updates.is_empty(),
            "{r:#?}"
        );
        assert!(r.unchanged >= 4, "the step and three milestones");
    }
}
