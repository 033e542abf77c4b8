//! `laporan-kegiatan.pdf`: the activity report (`labinov_core::export::activity_report`)
//! drawn with the PDF report's layout (`pdf.rs`: its fonts, line breaking, tables with
//! repeated headers, bar charts and page footer), plus what only this report has: a
//! centred cover and the signature block at the right.

use crate::charts::{self, Drawn};
use crate::pdf::{self, Layout, ACCENT, INK, LEFT, MUTED, WIDTH};
use labinov_core::export::{activity_report, Block, Lang, ReportData};
use labinov_core::Result;

/// Width of the signature block, from the right margin.
const SIGN_W: f32 = WIDTH * 0.45;

fn centred(l: &mut Layout, text: &str, size: f32, bold: bool, color: pdf::Color) {
    for line in l.wrap(text, size, bold, WIDTH) {
        let lh = size * 1.45;
        l.ensure(lh);
        l.y += lh;
        let x = LEFT + (WIDTH - l.m.width(&line, size, bold)) / 2.0;
        let y = l.y - lh * 0.28;
        l.text(x, y, size, bold, color, &line);
    }
}

pub fn report(d: &ReportData, lang: Lang) -> Result<Vec<u8>> {
    let r = activity_report(d, lang);
    let mut l = Layout::new()?;
    blocks(&mut l, &r.blocks, lang);
    pdf::write(l, r.title, lang, &d.lab.name)
}

/// Lays out the core's blocks (the activity report's, the follow-up's, a profile's).
pub(crate) fn blocks(l: &mut Layout, blocks: &[Block], lang: Lang) {
    for block in blocks {
        match block {
            Block::Title { title, lines } => {
                centred(l, &title.to_uppercase(), 16.0, true, INK);
                l.gap(2.0);
                for (i, line) in lines.iter().enumerate() {
                    if i == 0 {
                        centred(l, line, 13.0, true, ACCENT);
                    } else {
                        centred(l, line, 10.0, false, MUTED);
                    }
                }
                l.gap(4.0);
                let y = l.y;
                l.rect(LEFT, y, WIDTH, 1.5, ACCENT);
                l.gap(6.0);
            }
            Block::Heading { level: 1, text } => l.heading(text, 13.5, INK, true),
            Block::Heading { level: 2, text } => l.heading(text, 11.0, ACCENT, false),
            Block::Heading { text, .. } => l.heading(text, 10.0, INK, false),
            Block::Para(text) => {
                l.para(text, 10.0, false, INK, LEFT, WIDTH);
                l.gap(3.0);
            }
            Block::Note(text) => {
                l.para(text, 8.5, false, MUTED, LEFT, WIDTH);
                l.gap(3.0);
            }
            Block::Fields(fields) => {
                for (k, v) in fields {
                    l.kv(k, v, 130.0);
                }
                l.gap(4.0);
            }
            Block::Table {
                header,
                rows,
                widths,
            } => l.table(header, rows, widths),
            Block::Chart(chart) => l.bars(&charts::drawn(chart, lang, usize::MAX)),
            Block::CaptionedChart { caption, chart } => l.bars(&Drawn {
                caption: caption.clone(),
                ..charts::drawn(chart, lang, usize::MAX)
            }),
            Block::Signature {
                place_date,
                position,
                name,
                nip,
            } => {
                let x = LEFT + WIDTH - SIGN_W;
                // The block stays on one page.
                l.ensure(130.0);
                l.gap(14.0);
                for line in [place_date, position] {
                    l.para(line, 10.0, false, INK, x, SIGN_W);
                }
                // Room for the signature and the stamp.
                l.gap(58.0);
                l.para(name, 10.0, true, INK, x, SIGN_W);
                l.para(nip, 10.0, false, INK, x, SIGN_W);
            }
            Block::PageBreak => l.new_page(),
        }
    }
}
