//! The activity report ("laporan kegiatan"): what the office files after a lab, said once
//! as a list of blocks (headings, paragraphs, label-value lines, tables, charts, the
//! signature block) that the PDF and the DOCX renderers (`labinov-render`) each draw in
//! their own way. Everything here comes from one [`ReportData`] (one snapshot), and every
//! word from `words.rs`.
//!
//! Its sections, in the order an Indonesian office report has them:
//! 1. Pendahuluan: the basis (dasar pelaksanaan) and the purpose (maksud dan tujuan);
//! 2. Pelaksanaan: time and place, the agenda as run (with how many came to each
//!    session), the 5D stages covered, attendance per day and per agency (tables and
//!    charts);
//! 3. Hasil: the ideas and their agencies, the pitches, the review ranking and its rules,
//!    the dot votes;
//! 4. Tindak lanjut: the follow-up agreed;
//! 5. Penutup, the signature block (place and date, position, name, NIP);
//!
//! then, as an appendix (lampiran), the daftar hadir of every session.

use std::collections::BTreeSet;

use super::data::ReportData;
use super::words::{w, Lang};
use crate::charts::{attendance_charts, vote_chart, Chart};
use crate::fields::field;

/// One block of the report.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The cover lines: the report's title and the lab.
    Title { title: String, lines: Vec<String> },
    /// A heading: level 1 for a section ("I. Pendahuluan"), 2 for a part of one.
    Heading { level: u8, text: String },
    /// A paragraph; line breaks in it are kept.
    Para(String),
    /// A remark in smaller, muted type (how a count or a ranking was made).
    Note(String),
    /// Label and value lines (time and place).
    Fields(Vec<(String, String)>),
    /// A table: header, rows, and each column's share of the width (summing to 1).
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        widths: Vec<f32>,
    },
    /// A chart of the core's descriptions (`crate::charts`), titled by its renderer.
    Chart(Chart),
    /// A voting round's chart with its own caption (round and ballots).
    CaptionedChart { caption: String, chart: Chart },
    /// The signature block, at the right of the page.
    Signature {
        place_date: String,
        position: String,
        name: String,
        /// "NIP 19750812 200312 1 004", or empty.
        nip: String,
    },
    /// The appendix starts on a new page.
    PageBreak,
}

/// The activity report of a lab.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityReport {
    /// The document's title (for its metadata): "Laporan Kegiatan — <lab>".
    pub title: String,
    pub blocks: Vec<Block>,
}

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2026-11-04` as "4 November 2026" (id) or "4 November 2026" (en, day first too, as
/// the report is Indonesian); a value that is not a date stays as it is.
pub fn long_date(lang: Lang, date: &str) -> String {
    use chrono::Datelike;
    match chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        Ok(d) => {
            let months = match lang {
                Lang::Id => MONTHS_ID,
                Lang::En => MONTHS_EN,
            };
            format!("{} {} {}", d.day(), months[d.month0() as usize], d.year())
        }
        Err(_) => date.to_owned(),
    }
}

/// The lab's days as "2 – 4 November 2026" (or the full dates when months differ).
fn lab_dates(d: &ReportData, lang: Lang) -> String {
    let days = &d.attendance_counts.per_day;
    match (days.first(), days.last()) {
        (Some(a), Some(b)) if a.day != b.day => {
            let (x, y) = (long_date(lang, &a.date), long_date(lang, &b.date));
            let (xs, ys): (Vec<&str>, Vec<&str>) = (x.split(' ').collect(), y.split(' ').collect());
            if xs.len() == 3 && ys.len() == 3 && xs[1..] == ys[1..] {
                format!("{} – {y}", xs[0])
            } else {
                format!("{x} – {y}")
            }
        }
        _ => long_date(lang, &d.lab.start_date),
    }
}

/// The NIP as printed: `19750812 200312 1 004`.
pub fn nip_display(nip: &str) -> String {
    if nip.len() == 18 && nip.chars().all(|c| c.is_ascii_digit()) {
        format!(
            "{} {} {} {}",
            &nip[..8],
            &nip[8..14],
            &nip[14..15],
            &nip[15..]
        )
    } else {
        nip.to_owned()
    }
}

/// Roman numerals for the section numbers (I to X are plenty).
fn roman(n: usize) -> &'static str {
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
        .get(n.saturating_sub(1))
        .copied()
        .unwrap_or("X")
}

/// A lab day's date: "2 November 2026".
fn day_date(d: &ReportData, lang: Lang, day: u32) -> String {
    d.attendance_counts
        .per_day
        .iter()
        .find(|x| x.day == day)
        .map(|x| long_date(lang, &x.date))
        .unwrap_or_default()
}

/// A day and its date: "Hari 1 (2 November 2026)".
fn day_label(d: &ReportData, lang: Lang, day: u32) -> String {
    format!("{} {day} ({})", w(lang, "day"), day_date(d, lang, day))
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "–".into()
    } else {
        s.to_owned()
    }
}

/// An agency's name as the tables show it: its short name, or its name.
fn agency_name(d: &ReportData, agency_id: Option<&str>) -> String {
    agency_id
        .and_then(|id| d.agencies.iter().find(|a| a.id == id))
        .map(|a| a.name.clone())
        .unwrap_or_default()
}

/// The lab's attendance counted (per day and per agency: a lead, the rule, two tables and
/// two charts), or one note when no one was ticked; the activity report's part D and the
/// HTML report's attendance section.
pub fn attendance_blocks(d: &ReportData, lang: Lang) -> Vec<Block> {
    let mut b: Vec<Block> = Vec::new();
    let counts = &d.attendance_counts;
    if counts.people == 0 {
        b.push(Block::Note(w(lang, "act_no_attendance").into()));
    } else {
        b.push(Block::Para(format!(
            "{} {} {} {} {}.",
            w(lang, "act_attendance_lead"),
            counts.people,
            w(lang, "act_people_from"),
            counts.agencies_present,
            w(lang, "act_agencies")
        )));
        b.push(Block::Note(w(lang, "act_attendance_rule").into()));
        b.push(Block::Table {
            header: vec![
                w(lang, "day").into(),
                w(lang, "dates").into(),
                w(lang, "act_people").into(),
            ],
            rows: counts
                .per_day
                .iter()
                .map(|x| {
                    vec![
                        format!("{} {}", w(lang, "day"), x.day),
                        long_date(lang, &x.date),
                        x.people.to_string(),
                    ]
                })
                .collect(),
            widths: vec![0.3, 0.45, 0.25],
        });
        let ndays = counts.per_day.len();
        let day_share = 0.36 / ndays.max(1) as f32;
        let mut header = vec![
            w(lang, "col_no").to_owned(),
            w(lang, "col_agency_name").to_owned(),
        ];
        header.extend(
            counts
                .per_day
                .iter()
                .map(|x| format!("{} {}", w(lang, "day"), x.day)),
        );
        header.push(w(lang, "total").into());
        let mut widths = vec![0.07, 0.45];
        widths.extend(std::iter::repeat_n(day_share, ndays));
        widths.push(0.12);
        let rows = counts
            .per_agency
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut row = vec![
                    (i + 1).to_string(),
                    if a.agency_id.is_empty() {
                        w(lang, "act_no_agency").into()
                    } else {
                        a.name.clone()
                    },
                ];
                row.extend(a.per_day.iter().map(u32::to_string));
                row.push(a.people.to_string());
                row
            })
            .collect();
        b.push(Block::Table {
            header,
            rows,
            widths,
        });
        let (per_day, per_agency) = attendance_charts(counts);
        b.push(Block::Chart(per_day));
        b.push(Block::Chart(per_agency));
    }
    b
}

/// The activity report of the lab in `d`, in `lang` (sections in the module docs).
pub fn activity_report(d: &ReportData, lang: Lang) -> ActivityReport {
    let mut b: Vec<Block> = Vec::new();
    let s = &d.report_settings;
    let counts = &d.attendance_counts;
    let mut section = 0;
    let mut heading = |b: &mut Vec<Block>, key: &str| {
        section += 1;
        b.push(Block::Heading {
            level: 1,
            text: format!("{}. {}", roman(section), w(lang, key)),
        });
    };
    let sub = |b: &mut Vec<Block>, letter: char, key: &str| {
        b.push(Block::Heading {
            level: 2,
            text: format!("{letter}. {}", w(lang, key)),
        });
    };
    let para_or_dash = |b: &mut Vec<Block>, text: &str| {
        if text.trim().is_empty() {
            b.push(Block::Note(w(lang, "act_not_filled").into()));
        } else {
            b.push(Block::Para(text.to_owned()));
        }
    };

    let mut cover = vec![d.lab.name.clone()];
    for line in [
        d.lab.organiser.clone(),
        [d.lab.venue.as_str(), d.lab.city.as_str()]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        lab_dates(d, lang),
    ] {
        if !line.trim().is_empty() {
            cover.push(line);
        }
    }
    b.push(Block::Title {
        title: w(lang, "act_title").into(),
        lines: cover,
    });

    // I. Pendahuluan.
    heading(&mut b, "act_intro");
    sub(&mut b, 'A', "act_basis");
    para_or_dash(&mut b, &s.basis);
    sub(&mut b, 'B', "act_purpose");
    para_or_dash(&mut b, &s.purpose);

    // II. Pelaksanaan.
    heading(&mut b, "act_conduct");
    sub(&mut b, 'A', "act_time_place");
    b.push(Block::Fields(
        [
            (w(lang, "dates"), lab_dates(d, lang)),
            (w(lang, "venue"), or_dash(&d.lab.venue)),
            (w(lang, "city"), or_dash(&d.lab.city)),
            (w(lang, "organiser"), or_dash(&d.lab.organiser)),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect(),
    ));
    sub(&mut b, 'B', "agenda");
    if d.agenda.is_empty() {
        b.push(Block::Note(w(lang, "act_no_agenda").into()));
    } else {
        let rows = d
            .agenda
            .iter()
            .map(|x| {
                let present = counts
                    .per_session
                    .iter()
                    .find(|c| c.session_id == x.id)
                    .map_or(0, |c| c.present);
                vec![
                    x.day.to_string(),
                    day_date(d, lang, x.day),
                    format!("{}–{}", x.starts_at, x.ends_at),
                    x.title.clone(),
                    d.label(lang, "stage", &x.stage),
                    present.to_string(),
                ]
            })
            .collect();
        b.push(Block::Table {
            header: vec![
                w(lang, "day").into(),
                w(lang, "dates").into(),
                w(lang, "time").into(),
                w(lang, "session").into(),
                w(lang, "stage").into(),
                w(lang, "act_present").into(),
            ],
            rows,
            widths: vec![0.09, 0.19, 0.13, 0.31, 0.17, 0.11],
        });
    }
    sub(&mut b, 'C', "act_stages");
    {
        let stages: Vec<_> = d
            .options
            .iter()
            .filter(|o| o.list == "stage" && !o.retired)
            .collect();
        let rows: Vec<Vec<String>> = stages
            .iter()
            .map(|o| {
                let sessions: Vec<&crate::model::AgendaSession> =
                    d.agenda.iter().filter(|x| x.stage == o.code).collect();
                let days: BTreeSet<u32> = sessions.iter().map(|x| x.day).collect();
                vec![
                    d.label(lang, "stage", &o.code),
                    if sessions.is_empty() {
                        w(lang, "act_not_covered").into()
                    } else {
                        w(lang, "act_covered").into()
                    },
                    sessions.len().to_string(),
                    days.iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                ]
            })
            .collect();
        let covered = rows
            .iter()
            .filter(|r| r[1] == w(lang, "act_covered"))
            .count();
        b.push(Block::Para(format!(
            "{} {covered} {} {}.",
            w(lang, "act_stages_lead"),
            w(lang, "of"),
            stages.len()
        )));
        b.push(Block::Table {
            header: vec![
                w(lang, "stage").into(),
                w(lang, "act_status").into(),
                w(lang, "act_sessions").into(),
                w(lang, "act_on_days").into(),
            ],
            rows,
            widths: vec![0.3, 0.3, 0.2, 0.2],
        });
    }
    sub(&mut b, 'D', "act_attendance");
    b.extend(attendance_blocks(d, lang));

    // III. Hasil.
    heading(&mut b, "act_results");
    sub(&mut b, 'A', "act_ideas");
    let by_agency = d.ideas_by_agency();
    b.push(Block::Para(format!(
        "{} {} {} {} {}.",
        w(lang, "act_ideas_lead"),
        d.ideas.len(),
        w(lang, "act_ideas_from"),
        by_agency.len(),
        w(lang, "act_agencies")
    )));
    if !d.ideas.is_empty() {
        let mut n = 0;
        let rows = by_agency
            .iter()
            .flat_map(|(a, ideas)| ideas.iter().map(move |i| (a, i)))
            .map(|(a, i)| {
                n += 1;
                vec![
                    n.to_string(),
                    i.idea.fields.title.clone(),
                    a.name.clone(),
                    d.label(lang, "tahapan", &i.idea.fields.tahapan),
                ]
            })
            .collect();
        b.push(Block::Table {
            header: vec![
                w(lang, "col_no").into(),
                field("title").header(lang).into(),
                w(lang, "col_agency_name").into(),
                field("tahapan").header(lang).into(),
            ],
            rows,
            widths: vec![0.07, 0.45, 0.33, 0.15],
        });
    }
    sub(&mut b, 'B', "act_pitches");
    {
        let mut ids: Vec<&str> = d.pitched.iter().map(String::as_str).collect();
        for i in &d.ideas {
            let id = i.idea.id.as_str();
            let heard = d.notes.get(id).is_some_and(|n| !n.is_empty())
                || d.reviews.get(id).is_some_and(|r| !r.is_empty());
            if heard && !ids.contains(&id) {
                ids.push(id);
            }
        }
        let rows: Vec<Vec<String>> = ids
            .iter()
            .filter_map(|id| d.title_of(id))
            .enumerate()
            .map(|(n, i)| {
                let f = &i.idea.fields;
                let presenter = [f.proposer_name.as_str(), f.proposer_position.as_str()]
                    .into_iter()
                    .filter(|x| !x.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                let notes = d
                    .notes
                    .get(&i.idea.id)
                    .map(|n| {
                        n.iter()
                            .map(|x| x.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" · ")
                    })
                    .unwrap_or_default();
                vec![
                    (n + 1).to_string(),
                    f.title.clone(),
                    if presenter.is_empty() {
                        i.agency_name.clone()
                    } else {
                        format!("{presenter} ({})", i.agency_short_name_or_name())
                    },
                    notes,
                ]
            })
            .collect();
        if rows.is_empty() {
            b.push(Block::Note(w(lang, "act_no_pitches").into()));
        } else {
            b.push(Block::Para(format!(
                "{} {}.",
                w(lang, "act_pitches_lead"),
                rows.len()
            )));
            b.push(Block::Table {
                header: vec![
                    w(lang, "col_no").into(),
                    field("title").header(lang).into(),
                    w(lang, "act_presenter").into(),
                    w(lang, "notes").into(),
                ],
                rows,
                widths: vec![0.07, 0.33, 0.3, 0.3],
            });
        }
    }
    sub(&mut b, 'C', "review");
    b.push(Block::Note(w(lang, "ranking_rules").into()));
    if !d.rubric.is_empty() {
        let total: f64 = d.rubric.iter().map(|c| c.weight).sum();
        b.push(Block::Table {
            header: vec![
                w(lang, "act_criterion").into(),
                w(lang, "act_weight").into(),
                w(lang, "act_scale").into(),
            ],
            rows: d
                .rubric
                .iter()
                .map(|c| {
                    vec![
                        d.criterion_label(lang, &c.code),
                        if total > 0.0 {
                            format!("{:.0}%", c.weight * 100.0 / total)
                        } else {
                            String::new()
                        },
                        format!("1–{}", c.scale_max),
                    ]
                })
                .collect(),
            widths: vec![0.6, 0.2, 0.2],
        });
    }
    let ranked: Vec<_> = d.ranking.iter().filter(|r| r.counted > 0).collect();
    if ranked.is_empty() {
        b.push(Block::Note(w(lang, "no_reviews").into()));
    } else {
        b.push(Block::Table {
            header: vec![
                w(lang, "rank").into(),
                field("title").header(lang).into(),
                w(lang, "col_agency_name").into(),
                w(lang, "mean").into(),
                w(lang, "reviewers").into(),
            ],
            rows: ranked
                .iter()
                .map(|r| {
                    vec![
                        r.rank.map(|n| n.to_string()).unwrap_or_default(),
                        r.title.clone(),
                        r.agency_short_name.clone(),
                        r.mean.map(|m| format!("{m:.1}")).unwrap_or_default(),
                        r.counted.to_string(),
                    ]
                })
                .collect(),
            widths: vec![0.1, 0.42, 0.2, 0.16, 0.12],
        });
    }
    sub(&mut b, 'D', "votes");
    if d.votes.is_empty() {
        b.push(Block::Note(w(lang, "no_votes").into()));
    }
    for (i, v) in d.votes.iter().enumerate() {
        b.push(Block::CaptionedChart {
            caption: format!(
                "{} {} — {} {}",
                w(lang, "round"),
                i + 1,
                w(lang, "ballots"),
                v.round.ballots
            ),
            chart: vote_chart(&v.results),
        });
    }

    // IV. Tindak lanjut.
    heading(&mut b, "act_follow_up");
    para_or_dash(&mut b, &s.follow_up);

    // V. Penutup.
    heading(&mut b, "act_closing");
    b.push(Block::Para(w(lang, "act_closing_text").into()));
    let date = if s.sign_date.is_empty() {
        String::new()
    } else {
        long_date(lang, &s.sign_date)
    };
    b.push(Block::Signature {
        place_date: [s.sign_place.as_str(), date.as_str()]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        position: s.signer_position.clone(),
        name: s.signer_name.clone(),
        nip: if s.signer_nip.is_empty() {
            String::new()
        } else {
            format!("NIP {}", nip_display(&s.signer_nip))
        },
    });

    // Lampiran: daftar hadir per session.
    let present: Vec<_> = d.attendance.iter().filter(|a| a.present).collect();
    if !present.is_empty() {
        b.push(Block::PageBreak);
        b.push(Block::Heading {
            level: 1,
            text: w(lang, "act_appendix").into(),
        });
        for x in &d.agenda {
            let here: Vec<_> = present.iter().filter(|a| a.session_id == x.id).collect();
            if here.is_empty() {
                continue;
            }
            b.push(Block::Heading {
                level: 2,
                text: format!(
                    "{} — {}, {}–{} ({} {})",
                    x.title,
                    day_label(d, lang, x.day),
                    x.starts_at,
                    x.ends_at,
                    here.len(),
                    w(lang, "act_people_short")
                ),
            });
            b.push(Block::Table {
                header: vec![
                    w(lang, "col_no").into(),
                    w(lang, "act_name").into(),
                    w(lang, "col_agency_name").into(),
                ],
                rows: here
                    .iter()
                    .enumerate()
                    .map(|(n, a)| {
                        let agency = agency_name(d, a.agency_id.as_deref());
                        vec![
                            (n + 1).to_string(),
                            a.name.clone(),
                            if agency.is_empty() {
                                w(lang, "act_no_agency").into()
                            } else {
                                agency
                            },
                        ]
                    })
                    .collect(),
                widths: vec![0.08, 0.42, 0.5],
            });
        }
    }

    ActivityReport {
        title: format!("{} — {}", w(lang, "act_title"), d.lab.name),
        blocks: b,
    }
}

trait ShortName {
    fn agency_short_name_or_name(&self) -> String;
}

impl ShortName for crate::model::IdeaListing {
    fn agency_short_name_or_name(&self) -> String {
        if self.agency_short_name.is_empty() {
            self.agency_name.clone()
        } else {
            self.agency_short_name.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_nips_read_the_indonesian_way() {
        assert_eq!(long_date(Lang::Id, "2026-08-17"), "17 Agustus 2026");
        assert_eq!(long_date(Lang::En, "2026-08-17"), "17 August 2026");
        assert_eq!(long_date(Lang::Id, "bukan"), "bukan");
        assert_eq!(nip_display("197508122003121004"), "19750812 200312 1 004");
    }
}
