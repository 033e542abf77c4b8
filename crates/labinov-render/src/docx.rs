//! `laporan-kegiatan.docx`: the activity report (`labinov_core::export::activity_report`)
//! as a document the office can still edit in a word processor, written with `docx-rs`
//! (maintained, pure Rust, writes WordprocessingML from typed elements; no hand-built XML).
//!
//! Real structure, not look-alike formatting: the cover is the `Title` style, sections
//! are `heading 1` and their parts `heading 2` (so the word processor's navigator and a
//! table of contents find them), tables are tables with a shaded header row, and the
//! signature block is a borderless two-column table whose right cell holds place and
//! date, position, room to sign, the name and the NIP. A chart becomes its table (label
//! and count): an editable document has no drawing to keep in step with the numbers. A4
//! with 2.5 cm margins, and "Halaman X dari Y" in the footer as fields the word processor
//! fills in.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, LineSpacing, NumPages, PageMargin, PageNum, Paragraph,
    Run, RunFonts, Shading, ShdType, Style, StyleType, Table, TableCell, TableRow, WidthType,
};

use crate::charts::{self, Drawn};
use labinov_core::export::{activity_report, word as w, Block, Lang, ReportData};
use labinov_core::{Error, Result};

/// A4 in twentieths of a point.
const PAGE_W: u32 = 11_906;
const PAGE_H: u32 = 16_838;
/// 2.5 cm.
const MARGIN: i32 = 1_417;
const TEXT_W: usize = (PAGE_W as usize) - 2 * (MARGIN as usize);
const ACCENT: &str = "1F5F99";
const MUTED: &str = "5B6775";
const HEAD_FILL: &str = "EEF3F8";
/// Sizes in half-points.
const BODY: usize = 22;
const SMALL: usize = 18;

fn styles(doc: Docx) -> Docx {
    doc.add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(32)
            .bold()
            .align(AlignmentType::Center),
    )
    .add_style(
        Style::new("Heading1", StyleType::Paragraph)
            .name("heading 1")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(26)
            .bold()
            .line_spacing(LineSpacing::new().before(360).after(120))
            .outline_lvl(0),
    )
    .add_style(
        Style::new("Heading2", StyleType::Paragraph)
            .name("heading 2")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(23)
            .bold()
            .color(ACCENT)
            .line_spacing(LineSpacing::new().before(240).after(80))
            .outline_lvl(1),
    )
}

/// A paragraph of `text`, its line breaks kept as breaks.
fn text_para(text: &str, size: usize, color: Option<&str>, bold: bool) -> Paragraph {
    let mut p = Paragraph::new();
    for (i, line) in text.replace("\r\n", "\n").split('\n').enumerate() {
        let mut run = Run::new().size(size);
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
        if let Some(c) = color {
            run = run.color(c);
        }
        if bold {
            run = run.bold();
        }
        p = p.add_run(run);
    }
    p
}

fn cell(text: &str, width: usize, header: bool) -> TableCell {
    let mut c = TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(text_para(text, SMALL, None, header));
    if header {
        c = c.shading(Shading::new().shd_type(ShdType::Clear).fill(HEAD_FILL));
    }
    c
}

fn table(header: &[String], rows: &[Vec<String>], widths: &[f32]) -> Table {
    let cols: Vec<usize> = widths
        .iter()
        .map(|f| (f * TEXT_W as f32) as usize)
        .collect();
    let row = |cells: &[String], head: bool| {
        TableRow::new(
            cells
                .iter()
                .zip(&cols)
                .map(|(t, w)| cell(t, *w, head))
                .collect(),
        )
        .cant_split()
    };
    let mut all = vec![row(header, true)];
    all.extend(rows.iter().map(|r| row(r, false)));
    Table::new(all)
        .set_grid(cols.clone())
        .width(TEXT_W, WidthType::Dxa)
}

/// A chart as its table: the caption, then label and value per bar.
fn chart_table(doc: Docx, c: &Drawn, lang: Lang) -> Docx {
    let header = vec![c.caption.clone(), w(lang, "total").to_owned()];
    let rows: Vec<Vec<String>> = c
        .bars
        .iter()
        .map(|(label, v)| vec![label.clone(), v.to_string()])
        .collect();
    doc.add_paragraph(text_para(&c.caption, BODY, None, true).keep_next(true))
        .add_table(table(&header, &rows, &[0.75, 0.25]))
        .add_paragraph(Paragraph::new())
}

fn signature(place_date: &str, position: &str, name: &str, nip: &str) -> Table {
    let left = TEXT_W * 55 / 100;
    let right = TEXT_W - left;
    let mut cell = TableCell::new().width(right, WidthType::Dxa);
    for line in [place_date, position] {
        cell = cell.add_paragraph(text_para(line, BODY, None, false));
    }
    // Room for the signature and the stamp.
    for _ in 0..3 {
        cell = cell.add_paragraph(Paragraph::new());
    }
    let name_run = Run::new()
        .size(BODY)
        .bold()
        .underline("single")
        .add_text(name);
    cell = cell
        .add_paragraph(Paragraph::new().add_run(name_run))
        .add_paragraph(text_para(nip, BODY, None, false));
    Table::without_borders(vec![TableRow::new(vec![
        TableCell::new()
            .width(left, WidthType::Dxa)
            .add_paragraph(Paragraph::new()),
        cell,
    ])
    .cant_split()])
    .set_grid(vec![left, right])
    .width(TEXT_W, WidthType::Dxa)
}

pub fn report(d: &ReportData, lang: Lang) -> Result<Vec<u8>> {
    let r = activity_report(d, lang);
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Right)
            .add_run(Run::new().size(SMALL).color(MUTED).add_text(format!(
                "{} · {} ",
                d.lab.name,
                w(lang, "page")
            )))
            .add_page_num(PageNum::new())
            .add_run(
                Run::new()
                    .size(SMALL)
                    .color(MUTED)
                    .add_text(format!(" {} ", w(lang, "of"))),
            )
            .add_num_pages(NumPages::new()),
    );
    let mut doc = styles(
        Docx::new()
            .page_size(PAGE_W, PAGE_H)
            .page_margin(
                PageMargin::new()
                    .top(MARGIN)
                    .bottom(MARGIN)
                    .left(MARGIN)
                    .right(MARGIN)
                    .header(708)
                    .footer(708),
            )
            .default_fonts(
                RunFonts::new()
                    .ascii("DejaVu Sans")
                    .hi_ansi("DejaVu Sans")
                    .cs("DejaVu Sans"),
            )
            .default_size(BODY)
            // A little room after each paragraph, as a word processor's Normal has.
            .default_line_spacing(LineSpacing::new().after(100))
            .footer(footer),
    );
    let mut page_break = false;
    for block in &r.blocks {
        doc = match block {
            Block::Title { title, lines } => {
                let mut doc = doc.add_paragraph(
                    Paragraph::new()
                        .style("Title")
                        .add_run(Run::new().add_text(title.to_uppercase())),
                );
                for (i, line) in lines.iter().enumerate() {
                    let run = if i == 0 {
                        Run::new().size(26).bold().color(ACCENT)
                    } else {
                        Run::new().size(BODY).color(MUTED)
                    };
                    doc = doc.add_paragraph(
                        Paragraph::new()
                            .align(AlignmentType::Center)
                            .add_run(run.add_text(line)),
                    );
                }
                doc.add_paragraph(Paragraph::new())
            }
            Block::Heading { level, text } => {
                let style = if *level == 1 { "Heading1" } else { "Heading2" };
                let p = Paragraph::new()
                    .style(style)
                    .keep_next(true)
                    .page_break_before(std::mem::take(&mut page_break))
                    .add_run(Run::new().add_text(text));
                doc.add_paragraph(p)
            }
            Block::Para(text) => doc.add_paragraph(text_para(text, BODY, None, false)),
            Block::Note(text) => doc.add_paragraph(text_para(text, SMALL, Some(MUTED), false)),
            Block::Fields(fields) => {
                let rows: Vec<TableRow> = fields
                    .iter()
                    .map(|(k, v)| {
                        TableRow::new(vec![
                            TableCell::new()
                                .width(TEXT_W * 3 / 10, WidthType::Dxa)
                                .add_paragraph(text_para(k, BODY, Some(MUTED), false)),
                            TableCell::new()
                                .width(TEXT_W * 7 / 10, WidthType::Dxa)
                                .add_paragraph(text_para(v, BODY, None, false)),
                        ])
                    })
                    .collect();
                doc.add_table(
                    Table::without_borders(rows)
                        .set_grid(vec![TEXT_W * 3 / 10, TEXT_W * 7 / 10])
                        .width(TEXT_W, WidthType::Dxa),
                )
                .add_paragraph(Paragraph::new())
            }
            Block::Table {
                header,
                rows,
                widths,
            } => doc
                .add_table(table(header, rows, widths))
                .add_paragraph(Paragraph::new()),
            Block::Chart(chart) => chart_table(doc, &charts::drawn(chart, lang, usize::MAX), lang),
            Block::CaptionedChart { caption, chart } => chart_table(
                doc,
                &Drawn {
                    caption: caption.clone(),
                    ..charts::drawn(chart, lang, usize::MAX)
                },
                lang,
            ),
            Block::Signature {
                place_date,
                position,
                name,
                nip,
            } => doc
                .add_paragraph(Paragraph::new())
                .add_table(signature(place_date, position, name, nip)),
            Block::PageBreak => {
                page_break = true;
                doc
            }
        };
    }
    let mut out = Cursor::new(Vec::new());
    doc.pack(&mut out)
        .map_err(|e| Error::internal("docx", format!("the DOCX could not be written: {e}")))?;
    Ok(out.into_inner())
}
