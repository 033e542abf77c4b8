//! `laporan.html`: the report as one self-contained HTML file.
//!
//! Rules:
//! - Nothing outside the file: styles inline, photos as `data:` URIs of their 320 px JPEG
//!   thumbnails (the originals travel in the bundle; the report says so), charts as inline
//!   SVG drawn here.
//! - No script, ever: the page carries `Content-Security-Policy: default-src 'none';
//!   img-src data:; style-src 'unsafe-inline'`, so even a `<script>` that slipped through
//!   would not run and nothing is fetched from the network.
//! - Escaped by construction: the page, the charts included, is written with maud's
//!   `html!`, which escapes every spliced value (`& < > "`) in element content and in
//!   attributes alike (attributes are always double-quoted, so `'` needs no escape). The
//!   one opt-out, `PreEscaped`, is used once: for [`STYLE`], a constant of this file (a
//!   `<style>` element is raw text, where an escaped `"` would break the CSS); besides it
//!   only maud's own `DOCTYPE` and the markup of our other `html!` blocks (the charts,
//!   each idea) are spliced as they are. Line breaks in a text become `<br>` elements
//!   between its escaped lines, never by editing the escaped string.
//! - Printable: A4 with margins, sections start on a new page, an idea is not split
//!   across pages when it fits on one, links and backgrounds print sensibly.

use std::borrow::Cow;

use maud::{html, Markup, PreEscaped, Render, DOCTYPE};

use crate::charts::{self, Drawn};
use labinov_core::charts::vote_chart;
use labinov_core::export::{
    attendance_blocks, detail_fields, followup_blocks, recommendation, Block, ReportData,
};
use labinov_core::export::{word as w, Lang};
use labinov_core::fields::field;
use labinov_core::model::IdeaListing;

pub const CSP: &str = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A text with its line breaks kept: each line spliced (so escaped), a `<br>` after each
/// `\n` or `\r\n`; a lone `\r` stays in its line.
pub(crate) struct Lines<'a>(pub(crate) &'a str);

impl Render for Lines<'_> {
    fn render(&self) -> Markup {
        html! {
            @for piece in self.0.split_inclusive('\n') {
                @if let Some(line) = piece.strip_suffix('\n') {
                    (line.strip_suffix('\r').unwrap_or(line)) br;
                } @else {
                    (piece)
                }
            }
        }
    }
}

/// A number with one decimal, as the tables and charts show scores and bar lengths.
struct Fixed1(f64);

impl Render for Fixed1 {
    fn render_to(&self, buffer: &mut String) {
        format_args!("{:.1}", self.0).render_to(buffer);
    }
}

pub(crate) fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(T[(n >> 18) as usize & 63] as char);
        out.push(T[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            T[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            T[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

/// The report's style sheet: a constant, spliced unescaped (see the module docs).
const STYLE: &str = r#"
:root { --ink: #1d2733; --muted: #5b6775; --line: #d5dde5; --accent: #1f5f99; --soft: #eef3f8; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Noto Sans", "Segoe UI", Arial, sans-serif; color: var(--ink);
  margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 4rem; line-height: 1.45; font-size: 15px; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; color: var(--accent); }
h2 { font-size: 1.4rem; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; color: var(--accent); }
h4 { font-size: 1.05rem; margin: 0 0 .5rem; }
.kicker { text-transform: uppercase; letter-spacing: .08em; color: var(--muted); font-size: .8rem; margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--soft); }
td.num { text-align: right; white-space: nowrap; }
th.num { text-align: right; }
table.ranking { font-size: .82rem; }
table.ranking th { overflow-wrap: normal; }
.table-scroll { overflow-x: auto; }
table.meta th { width: 14rem; }
nav ol { columns: 2; margin: .25rem 0; }
a { color: var(--accent); }
.figures { display: grid; grid-template-columns: 1fr; gap: 1rem; max-width: 44rem; }
figure { margin: 0; }
figure.chart { border: 1px solid var(--line); border-radius: 6px; padding: .75rem; }
figcaption { font-weight: bold; margin-bottom: .4rem; font-size: .95rem; }
svg { width: 100%; height: auto; display: block; }
article.idea { border: 1px solid var(--line); border-radius: 6px; padding: .9rem 1rem; margin: .75rem 0; }
dl.fields { display: grid; grid-template-columns: 13rem 1fr; gap: .2rem .75rem; margin: 0; font-size: .92rem; }
dl.fields dt { color: var(--muted); }
dl.fields dd { margin: 0; overflow-wrap: anywhere; }
.photos { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .6rem; }
.photos img { max-width: 160px; max-height: 160px; border: 1px solid var(--line); border-radius: 4px; }
.photos figcaption { font-weight: normal; font-size: .75rem; color: var(--muted); max-width: 160px; overflow-wrap: anywhere; }
.note { color: var(--muted); font-size: .85rem; }
.flag { color: #a33; font-weight: bold; }
.reviews { margin-top: .6rem; }
.reviews table { font-size: .85rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-before: page; }
  h2.first { break-before: auto; }
  h2, h3, h4, figcaption { break-after: avoid; }
  article.idea, figure, tr { break-inside: avoid; }
  nav { display: none; }
  .table-scroll { overflow: visible; }
  table.ranking { font-size: 7.5pt; }
  a { color: inherit; text-decoration: none; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// A horizontal bar chart as inline SVG: one bar per `(label, value)`, on the chart's
/// scale. The title, the description and every label are spliced, so escaped; the numbers
/// are ours.
pub fn bar_chart(chart: &Drawn) -> Markup {
    let (title, items, max) = (&chart.caption, &chart.bars, chart.max);
    let row = 26.0;
    let label_w = 250.0;
    let bar_w = 300.0;
    let h = (items.len().max(1) as f64) * row + 8.0;
    html! {
        svg viewBox={ "0 0 600 " (h) } role="img" aria-label=(title) xmlns="http://www.w3.org/2000/svg" {
            title { (title) }
            desc {
                @for (i, (label, v)) in items.iter().enumerate() {
                    @if i > 0 { "; " }
                    (label) ": " (v)
                }
            }
            @for (i, (label, v)) in items.iter().enumerate() {
                @let y = 4.0 + i as f64 * row;
                @let len = bar_w * f64::from(*v) / f64::from(max);
                @let short: Cow<str> = if label.chars().count() > 32 {
                    Cow::Owned(format!("{}…", label.chars().take(31).collect::<String>()))
                } else {
                    Cow::Borrowed(label)
                };
                text x=(label_w - 6.0) y=(y + 14.0) font-size="12" text-anchor="end" fill="#1d2733" { (short) }
                rect x=(label_w) y=(y) width=(Fixed1(len)) height="18" rx="3" fill="#1f5f99" {}
                text x=(Fixed1(label_w + len + 6.0)) y=(y + 14.0) font-size="13" fill="#1d2733" { (v) }
            }
            @if items.is_empty() {
                text x="10" y="20" font-size="13" fill="#5b6775" { "–" }
            }
        }
    }
}

/// The core's blocks (the attendance, the follow-up) as HTML: a level-2 heading is an
/// `h3`, deeper ones `h4`; a table scrolls sideways on a narrow screen; a chart is an
/// inline SVG. Every text spliced, so escaped.
fn blocks(blocks: &[Block], lang: Lang) -> Markup {
    html! {
        @for block in blocks {
            @match block {
                Block::Title { title, lines } => {
                    h3 { (title) }
                    @for line in lines { p { (line) } }
                }
                Block::Heading { level: 2, text } => h3 { (text) },
                Block::Heading { text, .. } => h4 { (text) },
                Block::Para(text) => p { (Lines(text)) },
                Block::Note(text) => p class="note" { (Lines(text)) },
                Block::Fields(fields) => {
                    dl class="fields" {
                        @for (k, v) in fields.iter().filter(|(_, v)| !v.trim().is_empty()) {
                            dt { (k) }
                            dd { (Lines(v)) }
                        }
                    }
                }
                Block::Table { header, rows, .. } => {
                    div class="table-scroll" {
                        table {
                            thead { tr { @for h in header { th { (h) } } } }
                            tbody {
                                @for row in rows {
                                    tr {
                                        @for c in row {
                                            // A count or a score is aligned right.
                                            @if !c.is_empty() && c.chars().all(|x| x.is_ascii_digit() || x == '.') {
                                                td class="num" { (c) }
                                            } @else {
                                                td { (Lines(c)) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                Block::Chart(chart) => {
                    @let drawn = charts::drawn(chart, lang, usize::MAX);
                    figure class="chart" {
                        figcaption { (drawn.caption) }
                        (bar_chart(&drawn))
                    }
                }
                Block::CaptionedChart { caption, chart } => {
                    @let drawn = charts::drawn(chart, lang, usize::MAX);
                    figure class="chart" {
                        figcaption { (caption) }
                        (bar_chart(&drawn))
                    }
                }
                Block::Signature { .. } | Block::PageBreak => {}
            }
        }
    }
}

fn idea_article(d: &ReportData, lang: Lang, l: &IdeaListing, n: usize) -> Markup {
    let f = &l.idea.fields;
    let fields: Vec<(&str, String)> = detail_fields()
        .map(|def| (def.header(lang), d.field_text(lang, f, def)))
        .collect();
    let photos = d.photos.get(&l.idea.id);
    let reviews = d.reviews.get(&l.idea.id).filter(|r| !r.is_empty());
    let notes = d.notes.get(&l.idea.id).filter(|n| !n.is_empty());
    html! {
        article class="idea" id={ "idea-" (l.idea.id) } {
            h4 { (n) ". " (f.title) }
            dl class="fields" {
                @for (header, value) in &fields {
                    @if !value.trim().is_empty() {
                        dt { (header) }
                        dd { (Lines(value)) }
                    }
                }
            }
            @if let Some(photos) = photos {
                div class="photos" {
                    @for p in photos.iter().filter(|p| !p.thumbnail.is_empty()) {
                        figure {
                            img src={ "data:image/jpeg;base64," (base64(&p.thumbnail)) } alt=(p.attachment.file_name);
                            figcaption { (p.attachment.file_name) }
                        }
                    }
                }
            }
            @if let Some(reviews) = reviews {
                div class="reviews" {
                    table {
                        thead {
                            tr {
                                th { (w(lang, "col_reviewer")) }
                                th class="num" { (w(lang, "total")) }
                                th { (w(lang, "recommendation")) }
                                th { (w(lang, "comment")) }
                            }
                        }
                        tbody {
                            @for r in reviews {
                                tr {
                                    td { (r.reviewer_name) }
                                    td class="num" { @if let Some(t) = r.total { (Fixed1(t)) } }
                                    td { (recommendation(lang, r.recommendation)) }
                                    td { (Lines(&r.comment)) }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(notes) = notes {
                p class="note" {
                    strong { (w(lang, "notes")) ":" } " "
                    @for (i, note) in notes.iter().enumerate() {
                        @if i > 0 { " · " }
                        (Lines(&note.text))
                    }
                }
            }
        }
    }
}

/// The lab's dates as text: `2026-11-02 – 2026-11-04 (3 hari)`.
pub fn date_range(d: &ReportData, lang: Lang) -> String {
    date_range_of(&d.lab.start_date, d.lab.days, lang)
}

/// A lab's dates from its first day and length.
pub fn date_range_of(start: &str, days: u32, lang: Lang) -> String {
    let end = chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d")
        .ok()
        .and_then(|s| s.checked_add_days(chrono::Days::new(u64::from(days.saturating_sub(1)))))
        .map(|e| e.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    format!("{start} – {end} ({days} {})", w(lang, "days"))
}

pub fn report(d: &ReportData, lang: Lang) -> String {
    let title = format!("{} — {}", w(lang, "report"), d.lab.name);
    let meta = [
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
            labinov_core::time::local_display(&d.exported_at, &d.lab.time_zone)
                + " ("
                + &d.lab.time_zone
                + ")",
        ),
    ];
    let contents = [
        ("#summary", "summary"),
        ("#agenda", "agenda"),
        ("#ranking", "review"),
        ("#votes", "votes"),
        ("#attendance", "act_attendance"),
        ("#followup", "fu_title"),
        ("#ideas", "ideas_by_agency"),
    ];
    let without = &d.stats.agencies_without_idea;
    let ranked: Vec<_> = d.ranking.iter().filter(|r| r.counted > 0).collect();
    // Ideas are numbered through the whole report, across the agencies.
    let mut numbers = 1..;
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(CSP);
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content={ "Labinov " (VERSION) };
                title { (title) }
                // A constant of this file, not text from a user: see the module docs.
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    p class="kicker" { (w(lang, "report")) }
                    h1 { (d.lab.name) }
                    table class="meta" {
                        tbody {
                            @for (k, v) in &meta {
                                @if !v.is_empty() {
                                    tr { th { (w(lang, k)) } td { (v) } }
                                }
                            }
                        }
                    }
                }
                nav {
                    strong { (w(lang, "contents")) }
                    ol {
                        @for (href, key) in contents {
                            li { a href=(href) { (w(lang, key)) } }
                        }
                    }
                }

                // Summary and charts.
                h2 id="summary" class="first" { (w(lang, "summary")) }
                div class="figures" {
                    @for chart in charts::summary(d, lang) {
                        figure class="chart" {
                            figcaption { (chart.caption) }
                            (bar_chart(&chart))
                        }
                    }
                }
                @if !without.is_empty() {
                    p {
                        strong { (w(lang, "agencies_without")) " (" (without.len()) "):" } " "
                        @for (i, a) in without.iter().enumerate() {
                            @if i > 0 { ", " }
                            (if a.short_name.is_empty() { &a.name } else { &a.short_name })
                        }
                    }
                }

                // Agenda.
                h2 id="agenda" { (w(lang, "agenda")) }
                @if d.agenda.is_empty() {
                    p class="note" { "–" }
                } @else {
                    table {
                        thead {
                            tr {
                                th { (w(lang, "day")) }
                                th { (w(lang, "time")) }
                                th { (w(lang, "session")) }
                                th { (w(lang, "stage")) }
                            }
                        }
                        tbody {
                            @for s in &d.agenda {
                                tr {
                                    td { (s.day) }
                                    td { (s.starts_at) "–" (s.ends_at) }
                                    td { (s.title) }
                                    td { (d.label(lang, "stage", &s.stage)) }
                                }
                            }
                        }
                    }
                }

                // Ranking.
                h2 id="ranking" { (w(lang, "review")) }
                p class="note" { (w(lang, "ranking_rules")) }
                @if ranked.is_empty() {
                    p { (w(lang, "no_reviews")) }
                } @else {
                    div class="table-scroll" {
                        table class="ranking" {
                            thead {
                                tr {
                                    th class="num" { (w(lang, "rank")) }
                                    th { (field("title").header(lang)) }
                                    th class="num" { (w(lang, "mean")) }
                                    th class="num" { (w(lang, "reviewers")) }
                                    @for c in &d.rubric {
                                        th class="num" { (d.criterion_label(lang, &c.code)) }
                                    }
                                    th class="num" { (w(lang, "spread")) }
                                }
                            }
                            tbody {
                                @for r in &ranked {
                                    tr {
                                        td class="num" { @if let Some(rank) = r.rank { (rank) } }
                                        td {
                                            a href={ "#idea-" (r.idea_id) } { (r.title) }
                                            br;
                                            span class="note" { (r.agency_short_name) }
                                        }
                                        td class="num" { @if let Some(m) = r.mean { (Fixed1(m)) } }
                                        td class="num" { (r.counted) }
                                        @for c in &d.rubric {
                                            td class="num" {
                                                @if let Some((_, v)) = r.per_criterion.iter().find(|(code, _)| *code == c.code) {
                                                    (Fixed1(*v))
                                                }
                                            }
                                        }
                                        td class="num" {
                                            (Fixed1(r.spread))
                                            @if r.disagreement {
                                                " "
                                                span class="flag" title=(w(lang, "disagreement")) {
                                                    "⚠ " (w(lang, "disagreement"))
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }

                // Votes.
                h2 id="votes" { (w(lang, "votes")) }
                @if d.votes.is_empty() {
                    p { (w(lang, "no_votes")) }
                }
                @for (i, v) in d.votes.iter().enumerate() {
                    h3 { (w(lang, "round")) " " (i + 1) " — " (w(lang, "ballots")) " " (v.round.ballots) }
                    @let chart = Drawn {
                        caption: format!("{} {}", w(lang, "round"), i + 1),
                        ..charts::drawn(&vote_chart(&v.results), lang, usize::MAX)
                    };
                    figure class="chart" {
                        (bar_chart(&chart))
                    }
                }

                // Attendance (daftar hadir counted).
                h2 id="attendance" { (w(lang, "act_attendance")) }
                (blocks(&attendance_blocks(d, lang), lang))

                // Follow-up after the lab.
                section id="followup" {
                    h2 { (w(lang, "fu_title")) }
                    (blocks(&followup_blocks(d, lang), lang))
                }

                // Ideas by agency.
                h2 id="ideas" { (w(lang, "ideas_by_agency")) }
                @if d.photos.values().any(|p| !p.is_empty()) {
                    p class="note" { (w(lang, "photos_note")) }
                }
                @if d.ideas.is_empty() {
                    p { (w(lang, "no_ideas")) }
                }
                @for (agency, ideas) in d.ideas_by_agency() {
                    h3 { (agency.code) " — " (agency.name) " (" (ideas.len()) ")" }
                    @for (l, n) in ideas.into_iter().zip(numbers.by_ref()) {
                        (idea_article(d, lang, l, n))
                    }
                }
                footer {
                    "Labinov " (VERSION) " · " (d.lab.name) " · "
                    (labinov_core::time::local_display(&d.exported_at, &d.lab.time_zone))
                }
            }
        }
    }
    .into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_text_and_attributes() {
        let text = r#"<script>alert("x")</script> & 'y'"#;
        let escaped = r#"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 'y'"#;
        // In element content and in a double-quoted attribute alike.
        assert_eq!(
            html! { p title=(text) { (text) } }.into_string(),
            format!(r#"<p title="{escaped}">{escaped}</p>"#)
        );
        assert_eq!(
            html! { (Lines("a<b\r\nc\n\"d\r")) }.into_string(),
            "a&lt;b<br>c<br>&quot;d\r"
        );
    }

    #[test]
    fn base64_matches_the_standard_alphabet() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }

    #[test]
    fn a_chart_escapes_its_labels() {
        let svg = bar_chart(&Drawn {
            caption: "t<".into(),
            bars: vec![("\"><img onerror=x>".into(), 3)],
            max: 3,
        })
        .into_string();
        assert!(!svg.contains("<img"));
        assert!(svg.contains("&quot;&gt;&lt;img onerror=x&gt;"));
    }
}
