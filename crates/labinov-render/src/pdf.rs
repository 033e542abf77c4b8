//! `laporan.pdf`: the report as PDF, written with `krilla`.
//!
//! Why krilla: it is maintained (by the people behind Typst, whose PDF output it is), pure
//! Rust, embeds and subsets TrueType fonts with real shaping (rustybuzz), and writes
//! JPEG images without re-encoding them. `printpdf` 0.8 moved to an experimental HTML
//! layout and `genpdf` has had no release since 2021; `typst` as a library would bring a
//! whole typesetting system for one report. krilla does no line breaking or layout, so
//! this module has its own small layout: paragraphs broken at spaces by the font's glyph
//! advances (`ttf-parser`), headings kept with what follows, key-value blocks, tables
//! whose header repeats on each page, bar charts and photo thumbnails, and a footer with
//! "Halaman X dari Y".
//!
//! The font is DejaVu Sans (regular and bold), vendored in `assets/fonts` (Bitstream Vera
//! licence, see `LICENSE-DejaVu.txt`): it covers Indonesian and every Latin, Greek and
//! Cyrillic letter, Arabic and Hebrew; a character it lacks (emoji) prints as an empty box
//! while the HTML report and the spreadsheets keep it.
//!
//! Layout happens first into a list of drawing operations per page; only then is each
//! page drawn ([`draw`]), so the footer can say how many pages there are. The posters
//! (`poster.rs`) lay out with the same [`Layout`] and are drawn by the same [`draw`].

use std::collections::HashMap;
use std::io::Cursor;
use std::sync::Arc;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::Document;

use super::html::date_range;
use crate::charts::{self, Drawn};
use labinov_core::charts::vote_chart;
use labinov_core::export::{
    attendance_blocks, detail_fields, followup_blocks, recommendation, ReportData,
};
use labinov_core::export::{word as w, Lang};
use labinov_core::fields::field;
use labinov_core::{Error, Result};

/// The fonts as the binary carries them, brotli-compressed by `build.rs`.
static PACKED: [&[u8]; 2] = [
    include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans.ttf.br")),
    include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans-Bold.ttf.br")),
];

/// The two fonts' TrueType bytes (regular, bold), unpacked once per process.
fn fonts() -> Result<[&'static [u8]; 2]> {
    static FONTS: std::sync::OnceLock<std::result::Result<[Vec<u8>; 2], String>> =
        std::sync::OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        let unpack = |packed: &[u8]| {
            let mut font = Vec::new();
            brotli_decompressor::BrotliDecompress(&mut &packed[..], &mut font)
                .map(|_| font)
                .map_err(|e| format!("the embedded font could not be unpacked: {e}"))
        };
        Ok([unpack(PACKED[0])?, unpack(PACKED[1])?])
    });
    match fonts {
        Ok([regular, bold]) => Ok([regular.as_slice(), bold.as_slice()]),
        Err(e) => Err(Error::internal("pdf", e.clone())),
    }
}

pub(crate) const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;
pub(crate) const LEFT: f32 = 50.0;
pub(crate) const RIGHT: f32 = PAGE_W - 50.0;
pub(crate) const TOP: f32 = 56.0;
pub(crate) const BOTTOM: f32 = PAGE_H - 62.0;
pub(crate) const WIDTH: f32 = RIGHT - LEFT;

pub(crate) type Color = (u8, u8, u8);
pub(crate) const INK: Color = (0x1d, 0x27, 0x33);
pub(crate) const MUTED: Color = (0x5b, 0x67, 0x75);
pub(crate) const ACCENT: Color = (0x1f, 0x5f, 0x99);
pub(crate) const LINE: Color = (0xd5, 0xdd, 0xe5);
pub(crate) const SOFT: Color = (0xee, 0xf3, 0xf8);

pub(crate) enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: Color,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Color,
    },
    Jpeg {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        bytes: Arc<Vec<u8>>,
    },
}

/// Glyph advances for measuring text: the two faces parsed once per process, and a table of
/// the advances of every character below U+0590 (Latin, Greek, Cyrillic: nearly every
/// character a report holds), so measuring a word is a sum of table lookups. `perf` over a
/// 10,000-idea export (release, line tables): 15 % of its CPU time was `Metrics::width`
/// looking each character up in the font's cmap, again for every layout (a poster is laid
/// out at up to seven sizes).
pub(crate) struct Metrics {
    /// Regular, bold.
    faces: [ttf_parser::Face<'static>; 2],
    /// Per face: the advance, in font units, of each character below [`TABLE_END`].
    table: [Box<[u16]>; 2],
}

/// The characters whose advances [`Metrics`] keeps in a table.
const TABLE_END: u32 = 0x0590;

impl Metrics {
    /// The process's metrics (made on first use).
    fn get() -> Result<&'static Metrics> {
        static METRICS: std::sync::OnceLock<std::result::Result<Metrics, String>> =
            std::sync::OnceLock::new();
        METRICS
            .get_or_init(|| {
                let face = |b: &'static [u8]| {
                    ttf_parser::Face::parse(b, 0)
                        .map_err(|e| format!("the embedded font is broken: {e}"))
                };
                let [regular, bold] = fonts().map_err(|e| e.to_string())?;
                let faces = [face(regular)?, face(bold)?];
                let table = faces.each_ref().map(|f| {
                    (0..TABLE_END)
                        .map(|c| char::from_u32(c).map_or(0, |c| advance(f, c)))
                        .collect()
                });
                Ok(Metrics { faces, table })
            })
            .as_ref()
            .map_err(|e| Error::internal("pdf", e.clone()))
    }

    /// `c`'s advance in font units (the missing-glyph box's when the font lacks it).
    fn units(&self, c: char, bold: bool) -> u32 {
        let i = usize::from(bold);
        match self.table[i].get(c as usize) {
            Some(&a) => u32::from(a),
            None => u32::from(advance(&self.faces[i], c)),
        }
    }

    pub(crate) fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let upem = f32::from(self.faces[usize::from(bold)].units_per_em());
        let units: u32 = text.chars().map(|c| self.units(c, bold)).sum();
        units as f32 * size / upem
    }
}

fn advance(face: &ttf_parser::Face, c: char) -> u16 {
    let g = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
    face.glyph_hor_advance(g).unwrap_or(0)
}

pub(crate) struct Layout {
    pub(crate) m: &'static Metrics,
    pages: Vec<Vec<Op>>,
    pub(crate) y: f32,
}

/// Text the PDF can draw on one line: control characters become spaces.
pub(crate) fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

impl Layout {
    pub(crate) fn new() -> Result<Layout> {
        Ok(Layout {
            m: Metrics::get()?,
            pages: vec![Vec::new()],
            y: TOP,
        })
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a page")
    }

    /// How many pages the layout has so far.
    pub(crate) fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub(crate) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Makes room for `h` points, starting a new page if needed.
    pub(crate) fn ensure(&mut self, h: f32) {
        if self.y + h > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    pub(crate) fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, color: Color, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        self.ops().push(Op::Text {
            x,
            y,
            size,
            bold,
            color,
            text: text.to_owned(),
        });
    }

    pub(crate) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Color) {
        self.ops().push(Op::Rect { x, y, w, h, color });
    }

    /// Breaks `text` into lines no wider than `width`: at spaces, and inside a word only
    /// when the word alone is wider than the line. Line breaks in the text are kept.
    pub(crate) fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        // Each word is measured once; a line's width is the sum of its words and spaces.
        let space = self.m.width(" ", size, bold);
        let mut lines = Vec::new();
        for para in text.replace("\r\n", "\n").split('\n') {
            let para = clean(para);
            let mut line = String::new();
            let mut line_w = 0.0;
            for word in para.split(' ').filter(|w| !w.is_empty()) {
                let word_w = self.m.width(word, size, bold);
                let with = if line.is_empty() {
                    word_w
                } else {
                    line_w + space + word_w
                };
                if with <= width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_w = with;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if word_w <= width {
                    line.push_str(word);
                    line_w = word_w;
                    continue;
                }
                // The word alone is wider than the line: split it between characters.
                let mut part = String::new();
                let mut part_w = 0.0;
                for c in word.chars() {
                    let c_w = self.m.width(c.encode_utf8(&mut [0; 4]), size, bold);
                    if part_w + c_w > width && !part.is_empty() {
                        lines.push(std::mem::take(&mut part));
                        part_w = 0.0;
                    }
                    part.push(c);
                    part_w += c_w;
                }
                line = part;
                line_w = part_w;
            }
            lines.push(line);
        }
        lines
    }

    pub(crate) fn para(
        &mut self,
        text: &str,
        size: f32,
        bold: bool,
        color: Color,
        x: f32,
        width: f32,
    ) {
        let lh = size * 1.4;
        for line in self.wrap(text, size, bold, width) {
            self.ensure(lh);
            self.y += lh;
            let y = self.y - lh * 0.28;
            self.text(x, y, size, bold, color, &line);
        }
    }

    pub(crate) fn gap(&mut self, h: f32) {
        self.y += h;
    }

    pub(crate) fn heading(&mut self, text: &str, size: f32, color: Color, rule: bool) {
        self.ensure(size * 1.4 + 60.0);
        self.gap(size * 0.6);
        self.para(text, size, true, color, LEFT, WIDTH);
        if rule {
            self.gap(3.0);
            let y = self.y;
            self.rect(LEFT, y, WIDTH, 1.5, ACCENT);
            self.gap(6.0);
        } else {
            self.gap(3.0);
        }
    }

    /// `label   value` with the value wrapped beside the label.
    pub(crate) fn kv(&mut self, label: &str, value: &str, label_w: f32) {
        if value.trim().is_empty() {
            return;
        }
        let size = 9.5;
        let lh = size * 1.4;
        let lines = self.wrap(value, size, false, WIDTH - label_w);
        let label_lines = self.wrap(label, size, false, label_w - 8.0);
        for (i, line) in lines.iter().enumerate() {
            self.ensure(lh);
            self.y += lh;
            let y = self.y - lh * 0.28;
            if let Some(l) = label_lines.get(i) {
                self.text(LEFT, y, size, false, MUTED, l);
            }
            self.text(LEFT + label_w, y, size, false, INK, line);
        }
        if label_lines.len() > lines.len() {
            for l in &label_lines[lines.len()..] {
                self.ensure(lh);
                self.y += lh;
                let y = self.y - lh * 0.28;
                self.text(LEFT, y, size, false, MUTED, l);
            }
        }
    }

    /// The header's type size: the body's, made smaller (to 6.5 pt at least) until every
    /// word of every header cell fits its column, so a narrow column's "Inovasi" is not
    /// broken into "Inovas" and "i".
    pub(crate) fn header_size(&self, header: &[String], cols: &[f32], size: f32, pad: f32) -> f32 {
        let fits = |s: f32| {
            header.iter().zip(cols).all(|(cell, w)| {
                clean(cell)
                    .split_whitespace()
                    .all(|word| self.m.width(word, s, true) <= w - 2.0 * pad)
            })
        };
        let mut s = size;
        while s > 6.5 && !fits(s) {
            s -= 0.25;
        }
        s
    }

    /// A table with the header repeated on each page; `widths` are fractions of the width.
    pub(crate) fn table(&mut self, header: &[String], rows: &[Vec<String>], widths: &[f32]) {
        let size = 8.5;
        let pad = 3.0;
        let cols: Vec<f32> = widths.iter().map(|f| f * WIDTH).collect();
        let head_size = self.header_size(header, &cols, size, pad);
        let draw_row = |l: &mut Layout, cells: &[String], bold: bool, size: f32| {
            let wrapped: Vec<Vec<String>> = cells
                .iter()
                .zip(&cols)
                .map(|(c, w)| l.wrap(c, size, bold, w - 2.0 * pad))
                .collect();
            let n = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let h = n as f32 * size * 1.35 + 2.0 * pad;
            (wrapped, h)
        };
        let (head, head_h) = draw_row(self, header, true, head_size);
        let put = |l: &mut Layout, wrapped: &[Vec<String>], h: f32, bold: bool, size: f32| {
            let lh = size * 1.35;
            let top = l.y;
            if bold {
                l.rect(LEFT, top, WIDTH, h, SOFT);
            }
            let mut x = LEFT;
            for (lines, w) in wrapped.iter().zip(&cols) {
                for (i, line) in lines.iter().enumerate() {
                    let y = top + pad + (i as f32 + 1.0) * lh - lh * 0.25;
                    l.text(x + pad, y, size, bold, INK, line);
                }
                x += w;
            }
            l.rect(LEFT, top + h, WIDTH, 0.6, LINE);
            l.y += h;
        };
        self.ensure(head_h * 2.0);
        put(self, &head, head_h, true, head_size);
        for row in rows {
            let (wrapped, h) = draw_row(self, row, false, size);
            if self.y + h > BOTTOM {
                self.new_page();
                put(self, &head, head_h, true, head_size);
            }
            put(self, &wrapped, h, false, size);
        }
        self.gap(8.0);
    }

    /// A horizontal bar chart on the chart's scale.
    pub(crate) fn bars(&mut self, chart: &Drawn) {
        let (title, items, max) = (&chart.caption, &chart.bars, chart.max);
        let row = 15.0;
        let label_w = 170.0;
        let bar_max = WIDTH - label_w - 40.0;
        self.ensure(22.0 + row * items.len().min(12) as f32);
        self.para(title, 10.0, true, INK, LEFT, WIDTH);
        self.gap(4.0);
        for (label, v) in items {
            self.ensure(row);
            let top = self.y;
            let mut short = clean(label);
            while self.m.width(&short, 8.5, false) > label_w - 8.0 && short.chars().count() > 2 {
                short.pop();
                short.pop();
                short.push('…');
            }
            self.text(LEFT, top + 10.5, 8.5, false, INK, &short);
            let len = bar_max * *v as f32 / max as f32;
            self.rect(LEFT + label_w, top + 2.0, len.max(0.5), 10.0, ACCENT);
            self.text(
                LEFT + label_w + len + 4.0,
                top + 10.5,
                8.5,
                false,
                INK,
                &v.to_string(),
            );
            self.y += row;
        }
        self.gap(8.0);
    }

    /// Photo thumbnails in rows, each at most `max` points wide and high.
    pub(crate) fn photos(&mut self, thumbs: &[&[u8]], max: f32) {
        let mut x = LEFT;
        let mut row_h: f32 = 0.0;
        let mut top = self.y + 4.0;
        for bytes in thumbs {
            let Ok((w, h)) = image::ImageReader::new(Cursor::new(bytes))
                .with_guessed_format()
                .map_err(|_| ())
                .and_then(|r| r.into_dimensions().map_err(|_| ()))
            else {
                continue;
            };
            if w == 0 || h == 0 {
                continue;
            }
            let scale = (max / w as f32).min(max / h as f32);
            let (dw, dh) = (w as f32 * scale, h as f32 * scale);
            if x + dw > RIGHT {
                x = LEFT;
                top += row_h + 6.0;
                row_h = 0.0;
            }
            if top + dh > BOTTOM {
                self.new_page();
                top = self.y;
                x = LEFT;
                row_h = 0.0;
            }
            self.ops().push(Op::Jpeg {
                x,
                y: top,
                w: dw,
                h: dh,
                bytes: Arc::new(bytes.to_vec()),
            });
            x += dw + 6.0;
            row_h = row_h.max(dh);
        }
        if row_h > 0.0 {
            self.y = top + row_h + 6.0;
        }
    }
}

fn lay_out(d: &ReportData, lang: Lang) -> Result<Layout> {
    let mut l = Layout::new()?;
    l.para(w(lang, "report"), 9.0, false, MUTED, LEFT, WIDTH);
    l.para(&d.lab.name, 20.0, true, ACCENT, LEFT, WIDTH);
    l.gap(6.0);
    for (k, v) in [
        ("organiser", d.lab.organiser.clone()),
        ("city", d.lab.city.clone()),
        ("venue", d.lab.venue.clone()),
        ("dates", date_range(d, lang)),
        ("target", d.lab.idea_target.to_string()),
        ("ideas_count", d.ideas.len().to_string()),
        (
            "agencies_count",
            d.agencies
                .iter()
                .filter(|a| a.retired_at.is_none())
                .count()
                .to_string(),
        ),
        (
            "exported_at",
            format!(
                "{} ({})",
                labinov_core::time::local_display(&d.exported_at, &d.lab.time_zone),
                d.lab.time_zone
            ),
        ),
    ] {
        l.kv(w(lang, k), &v, 150.0);
    }

    l.heading(w(lang, "summary"), 15.0, INK, true);
    for chart in charts::summary(d, lang) {
        l.bars(&chart);
    }
    if !d.stats.agencies_without_idea.is_empty() {
        let names: Vec<&str> = d
            .stats
            .agencies_without_idea
            .iter()
            .map(|a| {
                if a.short_name.is_empty() {
                    a.name.as_str()
                } else {
                    a.short_name.as_str()
                }
            })
            .collect();
        l.para(
            &format!(
                "{} ({}): {}",
                w(lang, "agencies_without"),
                names.len(),
                names.join(", ")
            ),
            9.5,
            false,
            INK,
            LEFT,
            WIDTH,
        );
    }

    l.new_page();
    l.heading(w(lang, "agenda"), 15.0, INK, true);
    if d.agenda.is_empty() {
        l.para("–", 9.5, false, MUTED, LEFT, WIDTH);
    } else {
        let rows: Vec<Vec<String>> = d
            .agenda
            .iter()
            .map(|s| {
                vec![
                    s.day.to_string(),
                    format!("{}–{}", s.starts_at, s.ends_at),
                    s.title.clone(),
                    d.label(lang, "stage", &s.stage),
                ]
            })
            .collect();
        let header = ["day", "time", "session", "stage"].map(|k| w(lang, k).to_owned());
        l.table(&header, &rows, &[0.08, 0.16, 0.56, 0.2]);
    }

    l.heading(w(lang, "review"), 15.0, INK, true);
    l.para(w(lang, "ranking_rules"), 8.5, false, MUTED, LEFT, WIDTH);
    l.gap(4.0);
    let ranked: Vec<_> = d.ranking.iter().filter(|r| r.counted > 0).collect();
    if ranked.is_empty() {
        l.para(w(lang, "no_reviews"), 9.5, false, INK, LEFT, WIDTH);
    } else {
        let header = vec![
            w(lang, "rank").to_owned(),
            field("title").header(lang).to_owned(),
            w(lang, "col_agency_name").to_owned(),
            w(lang, "mean").to_owned(),
            w(lang, "reviewers").to_owned(),
            w(lang, "spread").to_owned(),
        ];
        let rows: Vec<Vec<String>> = ranked
            .iter()
            .map(|r| {
                vec![
                    r.rank.map(|n| n.to_string()).unwrap_or_default(),
                    r.title.clone(),
                    r.agency_short_name.clone(),
                    r.mean.map(|m| format!("{m:.1}")).unwrap_or_default(),
                    r.counted.to_string(),
                    if r.disagreement {
                        format!("{:.1} ⚠", r.spread)
                    } else {
                        format!("{:.1}", r.spread)
                    },
                ]
            })
            .collect();
        l.table(&header, &rows, &[0.11, 0.37, 0.18, 0.12, 0.12, 0.1]);
    }

    l.heading(w(lang, "votes"), 15.0, INK, true);
    if d.votes.is_empty() {
        l.para(w(lang, "no_votes"), 9.5, false, INK, LEFT, WIDTH);
    }
    for (i, v) in d.votes.iter().enumerate() {
        l.bars(&Drawn {
            caption: format!(
                "{} {} — {} {}",
                w(lang, "round"),
                i + 1,
                w(lang, "ballots"),
                v.round.ballots
            ),
            ..charts::drawn(&vote_chart(&v.results), lang, usize::MAX)
        });
    }

    l.heading(w(lang, "act_attendance"), 15.0, INK, true);
    crate::kegiatan::blocks(&mut l, &attendance_blocks(d, lang), lang);

    l.new_page();
    l.heading(w(lang, "fu_title"), 15.0, INK, true);
    crate::kegiatan::blocks(&mut l, &followup_blocks(d, lang), lang);

    l.new_page();
    l.heading(w(lang, "ideas_by_agency"), 15.0, INK, true);
    if d.photos.values().any(|p| !p.is_empty()) {
        l.para(w(lang, "photos_note"), 8.5, false, MUTED, LEFT, WIDTH);
    }
    if d.ideas.is_empty() {
        l.para(w(lang, "no_ideas"), 9.5, false, INK, LEFT, WIDTH);
    }
    let mut n = 0;
    for (agency, ideas) in d.ideas_by_agency() {
        l.heading(
            &format!("{} — {} ({})", agency.code, agency.name, ideas.len()),
            12.0,
            ACCENT,
            false,
        );
        for item in ideas {
            n += 1;
            let f = &item.idea.fields;
            l.ensure(60.0);
            l.gap(4.0);
            l.para(&format!("{n}. {}", f.title), 10.5, true, INK, LEFT, WIDTH);
            for def in detail_fields() {
                l.kv(def.header(lang), &d.field_text(lang, f, def), 130.0);
            }
            if let Some(photos) = d.photos.get(&item.idea.id) {
                let thumbs: Vec<&[u8]> = photos
                    .iter()
                    .filter(|p| !p.thumbnail.is_empty())
                    .map(|p| p.thumbnail.as_slice())
                    .collect();
                l.photos(&thumbs, 110.0);
            }
            for r in d.reviews.get(&item.idea.id).into_iter().flatten() {
                let total = r.total.map(|t| format!("{t:.1}")).unwrap_or_default();
                let mut text = format!("{}: {} {total}", r.reviewer_name, w(lang, "total"));
                let rec = recommendation(lang, r.recommendation);
                if !rec.is_empty() {
                    text.push_str(&format!(" · {rec}"));
                }
                if !r.comment.is_empty() {
                    text.push_str(&format!(" · {}", r.comment));
                }
                l.kv(w(lang, "col_reviewer"), &text, 130.0);
            }
            if let Some(notes) = d.notes.get(&item.idea.id) {
                let texts: Vec<&str> = notes.iter().map(|n| n.text.as_str()).collect();
                l.kv(w(lang, "notes"), &texts.join(" · "), 130.0);
            }
            l.gap(4.0);
            let y = l.y;
            l.rect(LEFT, y, WIDTH, 0.6, LINE);
        }
    }
    Ok(l)
}

fn fill(c: Color) -> Fill {
    Fill {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

pub fn report(d: &ReportData, lang: Lang) -> Result<Vec<u8>> {
    let layout = lay_out(d, lang)?;
    let name = clean(&d.lab.name);
    draw(
        layout,
        &format!("{} — {}", w(lang, "report"), d.lab.name),
        lang,
        &|page, count| {
            format!(
                "Labinov · {name} · {} {page} {} {count}",
                w(lang, "page"),
                w(lang, "of"),
            )
        },
    )
}

/// Draws the laid-out pages into a PDF titled `title`, each with the footer
/// "Labinov · <footer_name> · Halaman X dari Y".
pub(crate) fn write(
    layout: Layout,
    title: String,
    lang: Lang,
    footer_name: &str,
) -> Result<Vec<u8>> {
    let name = clean(footer_name);
    draw(layout, &title, lang, &|page, count| {
        format!(
            "Labinov · {name} · {} {page} {} {count}",
            w(lang, "page"),
            w(lang, "of"),
        )
    })
}

/// Draws a laid-out document: its pages, with `footer(page, count)` at the foot of each.
pub(crate) fn draw(
    layout: Layout,
    title: &str,
    lang: Lang,
    footer: &dyn Fn(usize, usize) -> String,
) -> Result<Vec<u8>> {
    Pen::new()?.draw(layout, title, lang, footer)
}

/// What drawing needs beyond one document: the fonts as krilla embeds them, and the shaper
/// with the words it has shaped. The posters, thousands of one-page PDFs, share one pen per
/// thread: made per document, every poster shaped its every word again.
pub(crate) struct Pen {
    regular: Font,
    bold: Font,
    shaper: Shaper,
}

impl Pen {
    pub(crate) fn new() -> Result<Pen> {
        let font = |b: &'static [u8]| {
            Font::new(b.into(), 0)
                .ok_or_else(|| Error::internal("pdf", "the embedded font could not be loaded"))
        };
        let [regular, bold] = fonts()?;
        Ok(Pen {
            regular: font(regular)?,
            bold: font(bold)?,
            shaper: Shaper::new()?,
        })
    }

    /// [`draw`] with this pen.
    pub(crate) fn draw(
        &mut self,
        layout: Layout,
        title: &str,
        lang: Lang,
        footer: &dyn Fn(usize, usize) -> String,
    ) -> Result<Vec<u8>> {
        let Pen {
            regular,
            bold,
            shaper,
        } = self;
        // A word cache that would outgrow any real vocabulary is started again.
        for words in &mut shaper.words {
            if words.len() > 100_000 {
                words.clear();
            }
        }
        draw_with(regular, bold, shaper, layout, title, lang, footer)
    }
}

fn draw_with(
    regular: &Font,
    bold: &Font,
    shaper: &mut Shaper,
    layout: Layout,
    title: &str,
    lang: Lang,
    footer: &dyn Fn(usize, usize) -> String,
) -> Result<Vec<u8>> {
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language(lang.code().into())
            .creator(format!("Labinov {}", env!("CARGO_PKG_VERSION"))),
    );
    let count = layout.pages.len();
    for (i, ops) in layout.pages.into_iter().enumerate() {
        let mut page = doc.start_page_with(
            PageSettings::from_wh(PAGE_W, PAGE_H).expect("A4 is a valid page size"),
        );
        let mut s = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold: b,
                    color,
                    text,
                } => {
                    s.set_fill(Some(fill(color)));
                    let font = if b { bold.clone() } else { regular.clone() };
                    let glyphs = shaper.shape(&text, b);
                    s.draw_glyphs(Point::from_xy(x, y), &glyphs, font, &text, size, false);
                }
                Op::Rect { x, y, w, h, color } => {
                    if let Some(rect) = Rect::from_xywh(x, y, w, h) {
                        let mut pb = PathBuilder::new();
                        pb.push_rect(rect);
                        if let Some(path) = pb.finish() {
                            s.set_fill(Some(fill(color)));
                            s.draw_path(&path);
                        }
                    }
                }
                Op::Jpeg { x, y, w, h, bytes } => {
                    if let (Ok(img), Some(size)) =
                        (Image::from_jpeg(bytes.into(), true), Size::from_wh(w, h))
                    {
                        s.push_transform(&Transform::from_translate(x, y));
                        s.draw_image(img, size);
                        s.pop();
                    }
                }
            }
        }
        s.set_fill(Some(fill(MUTED)));
        let text = footer(i + 1, count);
        let glyphs = shaper.shape(&text, false);
        s.draw_glyphs(
            Point::from_xy(LEFT, PAGE_H - 32.0),
            &glyphs,
            regular.clone(),
            &text,
            8.0,
            false,
        );
        s.finish();
        page.finish();
    }
    doc.finish()
        .map_err(|e| Error::internal("pdf", format!("the PDF could not be written: {e:?}")))
}

/// Text shaped into glyphs with each font parsed once and one shaping plan per script and
/// direction. krilla's `draw_text` parses the font and builds a new plan (which rustybuzz
/// documents as slow) for every line it draws: with 1,000 ideas in a debug build that was
/// half of the PDF's time (`perf`, in the commit). The shaping is rustybuzz's with its
/// default features (kerning, ligatures, Arabic joining, right-to-left runs), and the glyphs
/// are the ones krilla's own `draw_text` makes.
///
/// Left-to-right text in the scripts the font covers without combining marks (Indonesian,
/// every Latin, Greek and Cyrillic letter) is shaped a word at a time, each word once per
/// font: a report repeats its words thousands of times. Only kerning across a space is
/// lost, which the line breaking never counted either. Other text is shaped whole.
struct Shaper {
    /// Regular, bold.
    faces: [rustybuzz::Face<'static>; 2],
    plans: HashMap<(bool, rustybuzz::Direction, rustybuzz::Script), rustybuzz::ShapePlan>,
    /// Per face (regular, bold): each word shaped so far, looked up by the text itself
    /// (no key made per lookup: a report looks up a million words).
    words: [HashMap<String, Vec<KrillaGlyph>>; 2],
}

impl Shaper {
    fn new() -> Result<Shaper> {
        let face = |b: &'static [u8]| {
            rustybuzz::Face::from_slice(b, 0)
                .ok_or_else(|| Error::internal("pdf", "the embedded font could not be loaded"))
        };
        Ok(Shaper {
            faces: {
                let [regular, bold] = fonts()?;
                [face(regular)?, face(bold)?]
            },
            plans: HashMap::new(),
            words: [HashMap::new(), HashMap::new()],
        })
    }

    /// The glyphs of `text` with advances and offsets in ems, each with the range of the
    /// text it stands for (the PDF's text layer: copying and searching).
    fn shape(&mut self, text: &str, bold: bool) -> Vec<KrillaGlyph> {
        // Below Hebrew (U+0590), minus the combining marks (U+0300-U+036F), plus general
        // punctuation: scripts that shape one character at a time, left to right.
        let simple = text.chars().all(|c| {
            (c < '\u{0590}' && !('\u{0300}'..='\u{036F}').contains(&c))
                || ('\u{2000}'..='\u{206F}').contains(&c)
        });
        if !simple {
            return self.shape_run(text, bold);
        }
        let mut glyphs = Vec::new();
        let mut start = 0;
        for piece in text.split_inclusive(' ') {
            let (word, space) = match piece.strip_suffix(' ') {
                Some(word) => (word, true),
                None => (piece, false),
            };
            for part in [word, if space { " " } else { "" }] {
                if part.is_empty() {
                    continue;
                }
                let face = usize::from(bold);
                if !self.words[face].contains_key(part) {
                    let shaped = self.shape_run(part, bold);
                    self.words[face].insert(part.to_owned(), shaped);
                }
                for g in &self.words[face][part] {
                    let mut g = g.clone();
                    g.text_range = g.text_range.start + start..g.text_range.end + start;
                    glyphs.push(g);
                }
                start += part.len();
            }
        }
        glyphs
    }

    /// `text` shaped as one run.
    fn shape_run(&mut self, text: &str, bold: bool) -> Vec<KrillaGlyph> {
        let face = &self.faces[usize::from(bold)];
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let (direction, script) = (buffer.direction(), buffer.script());
        let plan = self
            .plans
            .entry((bold, direction, script))
            .or_insert_with(|| rustybuzz::ShapePlan::new(face, direction, Some(script), None, &[]));
        let output = rustybuzz::shape_with_plan(face, plan, buffer);
        let upem = (face.units_per_em() as f32).max(1.0);
        let infos = output.glyph_infos();
        let forward = matches!(
            direction,
            rustybuzz::Direction::LeftToRight | rustybuzz::Direction::TopToBottom
        );
        infos
            .iter()
            .zip(output.glyph_positions())
            .enumerate()
            .map(|(i, (info, pos))| {
                let start = info.cluster as usize;
                // The cluster's text ends where the next cluster in reading order starts.
                let next = if forward {
                    infos[i..].iter().find(|g| g.cluster != info.cluster)
                } else {
                    infos[..i].iter().rev().find(|g| g.cluster != info.cluster)
                };
                let end = next.map_or(text.len(), |g| g.cluster as usize);
                KrillaGlyph::new(
                    GlyphId::new(info.glyph_id),
                    pos.x_advance as f32 / upem,
                    pos.x_offset as f32 / upem,
                    pos.y_offset as f32 / upem,
                    pos.y_advance as f32 / upem,
                    start..end,
                    None,
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fit_the_width_and_keep_every_word() {
        let l = Layout::new().unwrap();
        let text = "Rancang bangun layanan terpadu keliling. ".repeat(20)
            + "\nbaris baru "
            + &"x".repeat(300);
        let lines = l.wrap(&text, 9.5, false, 200.0);
        for line in &lines {
            assert!(l.m.width(line, 9.5, false) <= 200.0 + 0.01, "{line:?}");
        }
        let words = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(words(&lines.join(" ")), words(&text));
        assert!(lines.len() > 10);
    }

    /// At the body's size "Inovasi" is wider than a column of 8 % of the page; the
    /// header's size is lowered until it is whole.
    #[test]
    fn a_header_word_wider_than_its_column_gets_a_smaller_size_not_a_break() {
        let l = Layout::new().unwrap();
        let cols: Vec<f32> = [0.185, 0.08, 0.09].iter().map(|f| f * WIDTH).collect();
        let header = vec![
            "Nama Perangkat Daerah".to_owned(),
            "Inovasi".to_owned(),
            "Dengan tindak lanjut".to_owned(),
        ];
        assert_eq!(
            l.wrap("Inovasi", 8.5, true, cols[1] - 6.0).len(),
            2,
            "broken at 8.5 pt"
        );
        let size = l.header_size(&header, &cols, 8.5, 3.0);
        assert!((6.5..8.5).contains(&size), "{size}");
        assert_eq!(l.wrap("Inovasi", size, true, cols[1] - 6.0), ["Inovasi"]);
        // A header that fits keeps the body's size.
        let fits = vec!["Hari".to_owned(), "Jam".to_owned(), "Sesi".to_owned()];
        assert_eq!(l.header_size(&fits, &cols, 8.5, 3.0), 8.5);
    }
}
