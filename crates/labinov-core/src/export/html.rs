//! `laporan.html`: the report as one self-contained HTML file.
//!
//! Rules:
//! - Nothing outside the file: styles inline, photos as `data:` URIs of their 320 px JPEG
//!   thumbnails (the originals travel in the bundle; the report says so), charts as inline
//!   SVG drawn here.
//! - No script, ever: the page carries `Content-Security-Policy: default-src 'none';
//!   img-src data:; style-src 'unsafe-inline'`, so even a `<script>` that slipped through
//!   would not run and nothing is fetched from the network.
//! - Every text from the database goes through [`esc`] (`& < > " '`), in element content
//!   and in attributes alike.
//! - Printable: A4 with margins, sections start on a new page, an idea is not split
//!   across pages when it fits on one, links and backgrounds print sensibly.

use std::fmt::Write as _;

use super::data::{recommendation, ReportData};
use super::words::{w, Lang};
use crate::model::IdeaListing;

pub const CSP: &str = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escaped text with its line breaks kept.
fn esc_lines(s: &str) -> String {
    esc(s).replace("\r\n", "\n").replace('\n', "<br>")
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

/// A horizontal bar chart as inline SVG: one bar per `(label, value)`.
pub fn bar_chart(title: &str, items: &[(String, u32)]) -> String {
    let max = items.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let row = 26.0;
    let label_w = 250.0;
    let bar_w = 300.0;
    let h = (items.len().max(1) as f64) * row + 8.0;
    let mut s = String::new();
    let desc: Vec<String> = items.iter().map(|(l, v)| format!("{l}: {v}")).collect();
    let _ = write!(
        s,
        r#"<svg viewBox="0 0 600 {h}" role="img" aria-label="{t}" xmlns="http://www.w3.org/2000/svg"><title>{t}</title><desc>{d}</desc>"#,
        t = esc(title),
        d = esc(&desc.join("; "))
    );
    for (i, (label, v)) in items.iter().enumerate() {
        let y = 4.0 + i as f64 * row;
        let len = bar_w * f64::from(*v) / f64::from(max);
        let short: String = if label.chars().count() > 32 {
            format!("{}…", label.chars().take(31).collect::<String>())
        } else {
            label.clone()
        };
        let _ = write!(
            s,
            r##"<text x="{lx}" y="{ty}" font-size="12" text-anchor="end" fill="#1d2733">{l}</text><rect x="{bx}" y="{y}" width="{len:.1}" height="18" rx="3" fill="#1f5f99"/><text x="{vx:.1}" y="{ty}" font-size="13" fill="#1d2733">{v}</text>"##,
            lx = label_w - 6.0,
            ty = y + 14.0,
            l = esc(&short),
            bx = label_w,
            vx = label_w + len + 6.0,
        );
    }
    if items.is_empty() {
        s.push_str(r##"<text x="10" y="20" font-size="13" fill="#5b6775">–</text>"##);
    }
    s.push_str("</svg>");
    s
}

fn field(out: &mut String, label: &str, value: &str) {
    if value.trim().is_empty() {
        return;
    }
    let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", esc(label), esc_lines(value));
}

fn idea_article(out: &mut String, d: &ReportData, lang: Lang, l: &IdeaListing, n: usize) {
    let f = &l.idea.fields;
    let _ = write!(
        out,
        r#"<article class="idea" id="idea-{id}"><h4>{n}. {title}</h4><dl class="fields">"#,
        id = esc(&l.idea.id),
        title = esc(&f.title)
    );
    let day = f.lab_day.map(|d| d.to_string()).unwrap_or_default();
    for (key, value) in [
        ("col_proposer", f.proposer_name.clone()),
        ("col_position", f.proposer_position.clone()),
        ("col_tahapan", d.label(lang, "tahapan", &f.tahapan)),
        ("col_inisiator", d.label(lang, "inisiator", &f.inisiator)),
        ("col_jenis", d.label(lang, "jenis", &f.jenis)),
        ("col_bentuk", d.label(lang, "bentuk", &f.bentuk)),
        ("col_urusan", d.label(lang, "urusan", &f.urusan)),
        ("col_urusan_lain", d.labels(lang, "urusan", &f.urusan_lain)),
        ("col_tematik", d.label(lang, "tematik", &f.tematik)),
        ("col_trial", f.trial_date.clone()),
        ("col_rollout", f.rollout_date.clone()),
        ("col_problem", f.problem.clone()),
        ("col_description", f.description.clone()),
        ("col_rancang", f.rancang_bangun.clone()),
        ("col_tujuan", f.tujuan.clone()),
        ("col_manfaat", f.manfaat.clone()),
        ("col_hasil", f.hasil.clone()),
        ("col_anggaran", f.anggaran.clone()),
        ("col_beneficiaries", f.beneficiaries.clone()),
        (
            "col_benefit_types",
            d.labels(lang, "benefit", &f.benefit_types),
        ),
        ("col_stage", d.label(lang, "stage", &f.stage)),
        ("col_day", day),
        ("col_tags", f.tags.join(", ")),
        ("col_status", d.label(lang, "status", &f.status)),
    ] {
        field(out, w(lang, key), &value);
    }
    out.push_str("</dl>");
    if let Some(photos) = d.photos.get(&l.idea.id) {
        out.push_str(r#"<div class="photos">"#);
        for p in photos {
            if p.thumbnail.is_empty() {
                continue;
            }
            let _ = write!(
                out,
                r#"<figure><img src="data:image/jpeg;base64,{b}" alt="{a}"><figcaption>{a}</figcaption></figure>"#,
                b = base64(&p.thumbnail),
                a = esc(&p.attachment.file_name)
            );
        }
        out.push_str("</div>");
    }
    if let Some(reviews) = d.reviews.get(&l.idea.id).filter(|r| !r.is_empty()) {
        let _ = write!(
            out,
            r#"<div class="reviews"><table><thead><tr><th>{}</th><th class="num">{}</th><th>{}</th><th>{}</th></tr></thead><tbody>"#,
            esc(w(lang, "col_reviewer")),
            esc(w(lang, "total")),
            esc(w(lang, "recommendation")),
            esc(w(lang, "comment")),
        );
        for r in reviews {
            let _ = write!(
                out,
                r#"<tr><td>{}</td><td class="num">{}</td><td>{}</td><td>{}</td></tr>"#,
                esc(&r.reviewer_name),
                r.total.map(|t| format!("{t:.1}")).unwrap_or_default(),
                esc(recommendation(lang, r.recommendation)),
                esc_lines(&r.comment)
            );
        }
        out.push_str("</tbody></table></div>");
    }
    if let Some(notes) = d.notes.get(&l.idea.id).filter(|n| !n.is_empty()) {
        let _ = write!(
            out,
            "<p class=\"note\"><strong>{}:</strong> ",
            esc(w(lang, "notes"))
        );
        let texts: Vec<String> = notes.iter().map(|n| esc_lines(&n.text)).collect();
        out.push_str(&texts.join(" · "));
        out.push_str("</p>");
    }
    out.push_str("</article>");
}

/// The three charts' data: top agencies, ideas per day, ideas per bentuk.
pub fn chart_data(d: &ReportData, lang: Lang) -> [(String, Vec<(String, u32)>); 3] {
    let mut per_agency: Vec<(String, u32)> = d
        .stats
        .per_agency
        .iter()
        .filter(|a| a.count > 0)
        .map(|a| {
            let name = if a.short_name.is_empty() {
                &a.code
            } else {
                &a.short_name
            };
            (name.clone(), a.count)
        })
        .collect();
    per_agency.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    per_agency.truncate(10);
    let mut per_day: Vec<(String, u32)> = d
        .stats
        .per_day
        .iter()
        .map(|c| {
            (
                format!("{} {} ({})", w(lang, "day"), c.day, c.date),
                c.count,
            )
        })
        .collect();
    if d.stats.without_day > 0 {
        per_day.push((w(lang, "no_day").into(), d.stats.without_day));
    }
    let per_bentuk = d
        .stats
        .per_bentuk
        .iter()
        .map(|c| {
            let label = match lang {
                Lang::Id => &c.label_id,
                Lang::En => &c.label_en,
            };
            (
                if label.is_empty() {
                    c.code.clone()
                } else {
                    label.clone()
                },
                c.count,
            )
        })
        .collect();
    [
        (w(lang, "chart_agency").into(), per_agency),
        (w(lang, "chart_day").into(), per_day),
        (w(lang, "chart_bentuk").into(), per_bentuk),
    ]
}

/// The lab's dates as text: `2026-11-02 – 2026-11-04 (3 hari)`.
pub fn date_range(d: &ReportData, lang: Lang) -> String {
    let start = &d.lab.start_date;
    let end = chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d")
        .ok()
        .and_then(|s| {
            s.checked_add_days(chrono::Days::new(u64::from(d.lab.days.saturating_sub(1))))
        })
        .map(|e| e.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    format!("{start} – {end} ({} {})", d.lab.days, w(lang, "days"))
}

pub fn report(d: &ReportData, lang: Lang) -> String {
    let mut o = String::with_capacity(64 * 1024 + d.ideas.len() * 2048);
    let title = format!("{} — {}", w(lang, "report"), d.lab.name);
    let _ = write!(
        o,
        r#"<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{csp}"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="Labinov {ver}"><title>{t}</title><style>{STYLE}</style></head><body>"#,
        lang = lang.code(),
        csp = CSP,
        ver = env!("CARGO_PKG_VERSION"),
        t = esc(&title)
    );
    let _ = write!(
        o,
        r#"<header><p class="kicker">{}</p><h1>{}</h1><table class="meta"><tbody>"#,
        esc(w(lang, "report")),
        esc(&d.lab.name)
    );
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
            crate::time::local_display(&d.exported_at, &d.lab.time_zone)
                + " ("
                + &d.lab.time_zone
                + ")",
        ),
    ] {
        if !v.is_empty() {
            let _ = write!(
                o,
                "<tr><th>{}</th><td>{}</td></tr>",
                esc(w(lang, k)),
                esc(&v)
            );
        }
    }
    o.push_str("</tbody></table></header>");
    let _ = write!(
        o,
        r##"<nav><strong>{}</strong><ol><li><a href="#summary">{}</a></li><li><a href="#agenda">{}</a></li><li><a href="#ranking">{}</a></li><li><a href="#votes">{}</a></li><li><a href="#ideas">{}</a></li></ol></nav>"##,
        esc(w(lang, "contents")),
        esc(w(lang, "summary")),
        esc(w(lang, "agenda")),
        esc(w(lang, "review")),
        esc(w(lang, "votes")),
        esc(w(lang, "ideas_by_agency")),
    );

    // Summary and charts.
    let _ = write!(
        o,
        r#"<h2 id="summary" class="first">{}</h2>"#,
        esc(w(lang, "summary"))
    );
    let _ = write!(o, r#"<div class="figures">"#);
    for (caption, items) in chart_data(d, lang) {
        let _ = write!(
            o,
            r#"<figure class="chart"><figcaption>{}</figcaption>{}</figure>"#,
            esc(&caption),
            bar_chart(&caption, &items)
        );
    }
    o.push_str("</div>");
    if !d.stats.agencies_without_idea.is_empty() {
        let names: Vec<String> = d
            .stats
            .agencies_without_idea
            .iter()
            .map(|a| {
                esc(if a.short_name.is_empty() {
                    &a.name
                } else {
                    &a.short_name
                })
            })
            .collect();
        let _ = write!(
            o,
            "<p><strong>{} ({}):</strong> {}</p>",
            esc(w(lang, "agencies_without")),
            names.len(),
            names.join(", ")
        );
    }

    // Agenda.
    let _ = write!(o, r#"<h2 id="agenda">{}</h2>"#, esc(w(lang, "agenda")));
    if d.agenda.is_empty() {
        o.push_str("<p class=\"note\">–</p>");
    } else {
        let _ = write!(
            o,
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(w(lang, "day")),
            esc(w(lang, "time")),
            esc(w(lang, "session")),
            esc(w(lang, "stage"))
        );
        for s in &d.agenda {
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}–{}</td><td>{}</td><td>{}</td></tr>",
                s.day,
                esc(&s.starts_at),
                esc(&s.ends_at),
                esc(&s.title),
                esc(&d.label(lang, "stage", &s.stage))
            );
        }
        o.push_str("</tbody></table>");
    }

    // Ranking.
    let _ = write!(o, r#"<h2 id="ranking">{}</h2>"#, esc(w(lang, "review")));
    let _ = write!(o, "<p class=\"note\">{}</p>", esc(w(lang, "ranking_rules")));
    let ranked: Vec<_> = d.ranking.iter().filter(|r| r.counted > 0).collect();
    if ranked.is_empty() {
        let _ = write!(o, "<p>{}</p>", esc(w(lang, "no_reviews")));
    } else {
        let _ = write!(
            o,
            r#"<div class="table-scroll"><table class="ranking"><thead><tr><th class="num">{}</th><th>{}</th><th class="num">{}</th><th class="num">{}</th>"#,
            esc(w(lang, "rank")),
            esc(w(lang, "col_title")),
            esc(w(lang, "mean")),
            esc(w(lang, "reviewers")),
        );
        for c in &d.rubric {
            let _ = write!(
                o,
                r#"<th class="num">{}</th>"#,
                esc(&d.criterion_label(lang, &c.code))
            );
        }
        let _ = write!(
            o,
            r#"<th class="num">{}</th></tr></thead><tbody>"#,
            esc(w(lang, "spread"))
        );
        for r in ranked {
            let _ = write!(
                o,
                r##"<tr><td class="num">{}</td><td><a href="#idea-{}">{}</a><br><span class="note">{}</span></td><td class="num">{}</td><td class="num">{}</td>"##,
                r.rank.map(|n| n.to_string()).unwrap_or_default(),
                esc(&r.idea_id),
                esc(&r.title),
                esc(&r.agency_short_name),
                r.mean.map(|m| format!("{m:.1}")).unwrap_or_default(),
                r.counted,
            );
            for c in &d.rubric {
                let v = r
                    .per_criterion
                    .iter()
                    .find(|(code, _)| *code == c.code)
                    .map(|(_, v)| format!("{v:.1}"))
                    .unwrap_or_default();
                let _ = write!(o, r#"<td class="num">{v}</td>"#);
            }
            let flag = if r.disagreement {
                format!(
                    r#" <span class="flag" title="{0}">⚠ {0}</span>"#,
                    esc(w(lang, "disagreement"))
                )
            } else {
                String::new()
            };
            let _ = write!(o, r#"<td class="num">{:.1}{flag}</td></tr>"#, r.spread);
        }
        o.push_str("</tbody></table></div>");
    }

    // Votes.
    let _ = write!(o, r#"<h2 id="votes">{}</h2>"#, esc(w(lang, "votes")));
    if d.votes.is_empty() {
        let _ = write!(o, "<p>{}</p>", esc(w(lang, "no_votes")));
    }
    for (i, v) in d.votes.iter().enumerate() {
        let _ = write!(
            o,
            "<h3>{} {} — {} {}</h3>",
            esc(w(lang, "round")),
            i + 1,
            esc(w(lang, "ballots")),
            v.round.ballots
        );
        let items: Vec<(String, u32)> = v
            .results
            .iter()
            .map(|r| (r.title.clone(), r.dots))
            .collect();
        let caption = format!("{} {}", w(lang, "round"), i + 1);
        let _ = write!(
            o,
            r#"<figure class="chart">{}</figure>"#,
            bar_chart(&caption, &items)
        );
    }

    // Ideas by agency.
    let _ = write!(
        o,
        r#"<h2 id="ideas">{}</h2>"#,
        esc(w(lang, "ideas_by_agency"))
    );
    if d.photos.values().any(|p| !p.is_empty()) {
        let _ = write!(o, "<p class=\"note\">{}</p>", esc(w(lang, "photos_note")));
    }
    if d.ideas.is_empty() {
        let _ = write!(o, "<p>{}</p>", esc(w(lang, "no_ideas")));
    }
    let mut n = 0;
    for (agency, ideas) in d.ideas_by_agency() {
        let _ = write!(
            o,
            "<h3>{} — {} ({})</h3>",
            esc(&agency.code),
            esc(&agency.name),
            ideas.len()
        );
        for l in ideas {
            n += 1;
            idea_article(&mut o, d, lang, l, n);
        }
    }
    let _ = write!(
        o,
        "<footer>Labinov {} · {} · {}</footer></body></html>",
        env!("CARGO_PKG_VERSION"),
        esc(&d.lab.name),
        esc(&crate::time::local_display(
            &d.exported_at,
            &d.lab.time_zone
        ))
    );
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_text_and_attributes() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
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
        let svg = bar_chart("t<", &[("\"><img onerror=x>".into(), 3)]);
        assert!(!svg.contains("<img"));
        assert!(svg.contains("&quot;&gt;&lt;img onerror=x&gt;"));
    }
}
