//! The follow-up as the exported documents say it, once, as blocks (the activity
//! report's [`Block`]s) that each renderer draws its own way: the report's follow-up
//! section ([`followup_blocks`]: HTML and PDF) and the innovation profile of one idea
//! ([`profile`]: a PDF per innovation), plus the profiles' table ([`profile_table`]: one
//! XLSX for all). Everything from one [`ReportData`]; every word from `words.rs`.
//!
//! Rules the documents keep:
//! - An IID score or band is always labelled an estimate (the note, the column headers).
//! - What is overdue is the board's list ([`crate::followup::LabFollowup::overdue`]), never
//!   worked out again here; a step or milestone on it is marked.
//! - The profiles cover the ideas with a follow-up ([`crate::followup::LabFollowup`]),
//!   in the lab's order; their columns are the idea fields in the field table's order
//!   (as the ideas sheet), then per IID indicator the parameter chosen and the evidence
//!   linked, then the estimate.

use super::activity::Block;
use super::data::{detail_fields, ReportData};
use super::words::{w, Lang};
use crate::fields::{field, FieldKind, IDEA_FIELDS};
use crate::followup::iid::{IidAnswer, IidBand, IidIndicator, IidStep};
use crate::followup::{ExportedIdeaFollowup, OverdueKind, StepStatus};

/// A word with `{name}` placeholders filled.
fn fill(lang: Lang, key: &str, values: &[(&str, String)]) -> String {
    let mut s = w(lang, key).to_owned();
    for (k, v) in values {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

fn band_label(lang: Lang, b: &IidBand) -> String {
    match lang {
        Lang::Id => b.label_id.clone(),
        Lang::En => b.label_en.clone(),
    }
}

fn indicator_label(lang: Lang, i: &IidIndicator) -> String {
    let label = match lang {
        Lang::Id => &i.label_id,
        Lang::En => &i.label_en,
    };
    format!(
        "{}. {label}{}",
        i.number,
        if i.uncertain { " *" } else { "" }
    )
}

/// The parameter chosen as the form writes it: "2 — Parameter 2".
fn parameter_text(lang: Lang, i: &IidIndicator, a: &IidAnswer) -> String {
    match a.parameter {
        None => w(lang, "prof_not_answered").into(),
        Some(p) => {
            let label = i.parameters.get(p as usize - 1).map(|x| match lang {
                Lang::Id => x.label_id.as_str(),
                Lang::En => x.label_en.as_str(),
            });
            match label {
                Some(l) if l != format!("Parameter {p}") => format!("{p} — {l}"),
                _ => p.to_string(),
            }
        }
    }
}

fn score_text(score: f64) -> String {
    format!("{score:.2}")
}

fn status_word(lang: Lang, s: StepStatus) -> &'static str {
    w(lang, &format!("fu_status_{}", s.as_str()))
}

fn agency_name(d: &ReportData, id: &str) -> String {
    d.agencies
        .iter()
        .find(|a| a.id == id)
        .map(|a| a.name.clone())
        .unwrap_or_default()
}

fn yes_no(lang: Lang, b: bool) -> String {
    w(lang, if b { "fu_yes" } else { "fu_no" }).into()
}

/// The note every document with an estimate carries.
pub fn estimate_note(d: &ReportData, lang: Lang) -> String {
    fill(
        lang,
        "fu_estimate_note",
        &[("year", d.followup.iid_config.year.to_string())],
    )
}

/// The report's follow-up section, under its heading (module docs); one paragraph when
/// the lab has no follow-up.
pub fn followup_blocks(d: &ReportData, lang: Lang) -> Vec<Block> {
    let f = &d.followup;
    if f.ideas.is_empty() {
        return vec![Block::Para(w(lang, "fu_none").into())];
    }
    let first_stage = f
        .stages
        .first()
        .map(|s| d.label(lang, "tahapan", s))
        .unwrap_or_default();
    let mut b = vec![
        Block::Para(fill(
            lang,
            "fu_lead",
            &[
                ("date", super::long_date(lang, &f.today)),
                ("n", f.ideas.len().to_string()),
                ("m", d.ideas.len().to_string()),
                (
                    "k",
                    f.agencies
                        .iter()
                        .filter(|a| a.past_first_stage)
                        .count()
                        .to_string(),
                ),
                ("a", f.agencies.len().to_string()),
                ("stage", first_stage.clone()),
                ("o", f.overdue.len().to_string()),
            ],
        )),
        Block::Note(estimate_note(d, lang)),
        Block::Heading {
            level: 2,
            text: w(lang, "fu_by_agency").into(),
        },
    ];
    // The stages in one column ("3 / 0 / 0"), so the table fits a portrait page.
    let stages: Vec<String> = f
        .stages
        .iter()
        .map(|s| d.label(lang, "tahapan", s))
        .collect();
    let header = vec![
        w(lang, "col_agency_name").to_owned(),
        w(lang, "g_innovations").to_owned(),
        w(lang, "fu_with_followup").to_owned(),
        stages.join(" / "),
        w(lang, "fu_mean_percent").to_owned(),
        w(lang, "fu_overdue").to_owned(),
        w(lang, "fu_index").to_owned(),
        w(lang, "fu_band").to_owned(),
    ];
    let rows = f
        .agencies
        .iter()
        .map(|a| {
            vec![
                a.name.clone(),
                a.ideas.to_string(),
                a.with_followup.to_string(),
                a.per_stage
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(" / "),
                a.mean_percent.to_string(),
                a.overdue.to_string(),
                a.score.map(score_text).unwrap_or_else(|| "–".into()),
                a.band
                    .as_ref()
                    .map(|x| band_label(lang, x))
                    .unwrap_or_else(|| "–".into()),
            ]
        })
        .collect();
    b.push(Block::Table {
        header,
        rows,
        widths: vec![0.185, 0.1, 0.09, 0.15, 0.11, 0.115, 0.12, 0.13],
    });
    if !f.not_past_first_stage.is_empty() {
        let names: Vec<String> = f
            .agencies
            .iter()
            .filter(|a| f.not_past_first_stage.contains(&a.agency_id))
            .map(|a| {
                if a.short_name.is_empty() {
                    a.name.clone()
                } else {
                    a.short_name.clone()
                }
            })
            .collect();
        b.push(Block::Note(format!(
            "{} ({}): {}",
            fill(lang, "fu_not_past", &[("stage", first_stage)]),
            names.len(),
            names.join(", ")
        )));
    }
    if !f.progress.bars.is_empty() {
        b.push(Block::Chart(f.progress.clone()));
    }
    if !f.overdue.is_empty() {
        b.push(Block::Heading {
            level: 2,
            text: w(lang, "fu_overdue_list").into(),
        });
        b.push(Block::Table {
            header: [
                "g_innovations",
                "fu_lead_agency",
                "fu_what",
                "fu_due",
                "fu_days_late",
            ]
            .map(|k| w(lang, k).to_owned())
            .into(),
            rows: f
                .overdue
                .iter()
                .map(|o| {
                    vec![
                        o.title.clone(),
                        agency_name(d, &o.agency_id),
                        match o.kind {
                            OverdueKind::Step => o.what.clone(),
                            OverdueKind::Milestone => format!(
                                "{}: {}",
                                w(lang, "g_milestones"),
                                d.label(lang, "tahapan", &o.what)
                            ),
                        },
                        o.due.clone(),
                        o.days_late.to_string(),
                    ]
                })
                .collect(),
            widths: vec![0.3, 0.22, 0.24, 0.12, 0.12],
        });
    }
    b.push(Block::Heading {
        level: 2,
        text: w(lang, "fu_by_idea").into(),
    });
    for (n, i) in f.ideas.iter().enumerate() {
        b.push(Block::Heading {
            level: 3,
            text: format!("{}. {}", n + 1, i.followup.title),
        });
        b.extend(idea_plan_blocks(d, lang, i));
    }
    b
}

/// One idea's plan: lead and partners, the person responsible, the stage and progress
/// reached, the index estimate, steps (overdue marked), milestones, evidence and the
/// coaching notes.
pub fn idea_plan_blocks(d: &ReportData, lang: Lang, i: &ExportedIdeaFollowup) -> Vec<Block> {
    let f = &i.followup;
    let overdue = |kind: OverdueKind, id: &str| {
        d.followup
            .overdue
            .iter()
            .any(|o| o.kind == kind && o.idea_id == f.idea_id && o.id == id)
    };
    let partners: Vec<String> = f
        .partners
        .iter()
        .map(|p| {
            let name = agency_name(d, &p.agency_id);
            if p.role.is_empty() {
                name
            } else {
                format!("{name} ({})", p.role)
            }
        })
        .collect();
    let latest = f
        .updates
        .first()
        .map(|u| format!("{} — {} ({}%)", u.date, u.done, u.percent))
        .unwrap_or_default();
    let mut b = vec![Block::Fields(vec![
        (
            w(lang, "fu_lead_agency").into(),
            agency_name(d, &i.lead_agency_id),
        ),
        (w(lang, "fu_partners").into(), partners.join("; ")),
        (w(lang, "fu_responsible").into(), f.plan.responsible.clone()),
        (
            w(lang, "g_progress_stage").into(),
            d.label(lang, "tahapan", &i.stage),
        ),
        (
            w(lang, "g_progress_percent").into(),
            format!("{}%", i.percent),
        ),
        (w(lang, "g_progress_latest").into(), latest),
        (
            w(lang, "fu_index").into(),
            format!(
                "{} · {}",
                score_text(i.estimate.score),
                band_label(lang, &i.estimate.band)
            ),
        ),
    ])];
    if !f.steps.is_empty() {
        b.push(Block::Table {
            header: [
                "col_no",
                "fu_step",
                "fu_owner",
                "fu_start",
                "fu_due",
                "fu_status",
            ]
            .map(|k| w(lang, k).to_owned())
            .into(),
            rows: f
                .steps
                .iter()
                .enumerate()
                .map(|(n, s)| {
                    let mut status = status_word(lang, s.status).to_owned();
                    if overdue(OverdueKind::Step, &s.id) {
                        status = format!("{status} · ⚠ {}", w(lang, "fu_overdue"));
                    }
                    let title = if s.note.is_empty() {
                        s.title.clone()
                    } else {
                        format!("{}\n{}", s.title, s.note)
                    };
                    vec![
                        (n + 1).to_string(),
                        title,
                        s.owner.clone(),
                        s.start_date.clone().unwrap_or_default(),
                        s.due_date.clone().unwrap_or_default(),
                        status,
                    ]
                })
                .collect(),
            widths: vec![0.06, 0.38, 0.16, 0.12, 0.12, 0.16],
        });
    }
    if f.milestones
        .iter()
        .any(|m| m.planned_date.is_some() || m.actual_date.is_some())
    {
        b.push(Block::Table {
            header: ["g_milestones", "g_planned", "g_reached"]
                .map(|k| w(lang, k).to_owned())
                .into(),
            rows: f
                .milestones
                .iter()
                .map(|m| {
                    let mut planned = m.planned_date.clone().unwrap_or_default();
                    if overdue(OverdueKind::Milestone, &m.stage) {
                        planned = format!("{planned} · ⚠ {}", w(lang, "fu_overdue"));
                    }
                    vec![
                        d.label(lang, "tahapan", &m.stage),
                        planned,
                        m.actual_date.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
            widths: vec![0.4, 0.3, 0.3],
        });
    }
    let files: Vec<&str> = f.evidence.iter().map(|e| e.file_name.as_str()).collect();
    let notes: Vec<String> = f
        .coach_notes
        .iter()
        .map(|n| format!("{} · {}: {}", n.date, n.coach, n.text))
        .collect();
    let mut fields = vec![(
        w(lang, "fu_evidence").into(),
        if files.is_empty() {
            w(lang, "fu_no_evidence").into()
        } else {
            files.join("; ")
        },
    )];
    if !notes.is_empty() {
        fields.push((
            format!("{} ({})", w(lang, "fu_coach_notes"), notes.len()),
            notes.join("\n"),
        ));
    }
    b.push(Block::Fields(fields));
    b
}

/// One innovation's profile: its title (the document's) and its blocks.
pub struct Profile {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// The profile of one idea with a follow-up (module docs): the form's fields, the plan,
/// the IID checklist with the parameter chosen per indicator, the estimate and what is
/// missing for the next band, and the evidence list.
pub fn profile(d: &ReportData, lang: Lang, i: &ExportedIdeaFollowup) -> Profile {
    let f = &i.followup;
    let listing = d.title_of(&f.idea_id);
    let config = &d.followup.iid_config;
    let mut b = vec![Block::Title {
        title: w(lang, "prof_title").into(),
        lines: vec![
            f.title.clone(),
            listing.map(|l| l.agency_name.clone()).unwrap_or_default(),
            d.lab.name.clone(),
        ],
    }];
    if let Some(l) = listing {
        b.push(Block::Fields(
            detail_fields()
                .map(|def| {
                    (
                        def.header(lang).to_owned(),
                        d.field_text(lang, &l.idea.fields, def),
                    )
                })
                .filter(|(_, v)| !v.trim().is_empty())
                .collect(),
        ));
    }
    b.push(Block::Heading {
        level: 2,
        text: w(lang, "fu_title").into(),
    });
    b.extend(idea_plan_blocks(d, lang, i));

    b.push(Block::Heading {
        level: 2,
        text: fill(lang, "prof_iid", &[("year", config.year.to_string())]),
    });
    b.push(Block::Note(estimate_note(d, lang)));
    let rows = config
        .indicators
        .iter()
        .zip(&i.iid)
        .map(|(ind, a)| {
            let names = i.evidence_names(a);
            let counted = a.parameter.is_some() && (!names.is_empty() || !config.evidence_required);
            vec![
                indicator_label(lang, ind),
                ind.weight.to_string(),
                parameter_text(lang, ind, a),
                names.join("; "),
                yes_no(lang, counted),
            ]
        })
        .collect();
    b.push(Block::Table {
        header: vec![
            w(lang, "prof_indicator").into(),
            w(lang, "act_weight").into(),
            w(lang, "prof_parameter").into(),
            w(lang, "fu_evidence").into(),
            w(lang, "prof_counted").into(),
        ],
        rows,
        widths: vec![0.36, 0.08, 0.18, 0.28, 0.1],
    });
    if config.indicators.iter().any(|x| x.uncertain) {
        b.push(Block::Note(w(lang, "prof_uncertain").into()));
    }
    let e = &i.estimate;
    b.push(Block::Fields(vec![
        (w(lang, "fu_index").into(), score_text(e.score)),
        (w(lang, "fu_band").into(), band_label(lang, &e.band)),
    ]));
    b.push(Block::Note(fill(
        lang,
        "prof_counted_of",
        &[
            ("c", e.counted.to_string()),
            ("n", e.indicators.to_string()),
        ],
    )));
    match &e.next_band {
        None => b.push(Block::Para(w(lang, "prof_top_band").into())),
        Some(next) => {
            b.push(Block::Heading {
                level: 3,
                text: fill(lang, "prof_next", &[("band", band_label(lang, next))]),
            });
            let lines: Vec<String> = e
                .missing
                .iter()
                .map(|m| {
                    let ind = config.indicators.iter().find(|x| x.code == m.indicator);
                    let name = ind
                        .map(|x| indicator_label(lang, x))
                        .unwrap_or_else(|| m.indicator.clone());
                    let what = match m.step {
                        IidStep::LinkEvidence => fill(
                            lang,
                            "prof_link_evidence",
                            &[("p", m.to_parameter.to_string())],
                        ),
                        IidStep::RaiseParameter if m.from_parameter == 0 => {
                            fill(lang, "prof_choose", &[("p", m.to_parameter.to_string())])
                        }
                        IidStep::RaiseParameter => fill(
                            lang,
                            "prof_raise",
                            &[
                                ("from", m.from_parameter.to_string()),
                                ("p", m.to_parameter.to_string()),
                            ],
                        ),
                    };
                    format!("• {name}: {what} (+{:.2})", m.gain)
                })
                .collect();
            b.push(Block::Para(lines.join("\n")));
            if !e.next_band_reachable {
                b.push(Block::Note(w(lang, "prof_unreachable").into()));
            }
        }
    }
    b.push(Block::Heading {
        level: 2,
        text: w(lang, "fu_evidence").into(),
    });
    if f.evidence.is_empty() {
        b.push(Block::Para(w(lang, "fu_no_evidence").into()));
    } else {
        b.push(Block::Table {
            header: vec![
                w(lang, "col_no").into(),
                w(lang, "prof_file").into(),
                w(lang, "prof_size").into(),
                w(lang, "prof_supports").into(),
            ],
            rows: f
                .evidence
                .iter()
                .enumerate()
                .map(|(n, ev)| {
                    let supports: Vec<String> = config
                        .indicators
                        .iter()
                        .zip(&i.iid)
                        .filter(|(_, a)| a.evidence.contains(&ev.id))
                        .map(|(ind, _)| ind.number.to_string())
                        .collect();
                    vec![
                        (n + 1).to_string(),
                        ev.file_name.clone(),
                        format!("{:.0} kB", (ev.size as f64 / 1024.0).ceil()),
                        supports.join(", "),
                    ]
                })
                .collect(),
            widths: vec![0.07, 0.53, 0.12, 0.28],
        });
    }
    Profile {
        title: format!("{} — {}", w(lang, "prof_title"), f.title),
        blocks: b,
    }
}

/// The profiles as one table (module docs): a header and one row per idea with a
/// follow-up.
pub fn profile_table(d: &ReportData, lang: Lang) -> (Vec<String>, Vec<Vec<String>>) {
    let config = &d.followup.iid_config;
    let fields = || IDEA_FIELDS.iter().filter(|f| f.kind != FieldKind::Agency);
    let mut header: Vec<String> = vec![
        w(lang, "col_no").into(),
        field("agencyId").header(lang).into(),
        w(lang, "col_agency_name").into(),
    ];
    header.extend(fields().map(|f| f.header(lang).to_owned()));
    for ind in &config.indicators {
        let label = indicator_label(lang, ind);
        header.push(format!("{label} — {}", w(lang, "prof_parameter")));
        header.push(format!("{label} — {}", w(lang, "fu_evidence")));
    }
    header.extend([
        w(lang, "fu_index").into(),
        w(lang, "fu_band").into(),
        w(lang, "col_id").into(),
    ]);
    let rows = d
        .followup
        .ideas
        .iter()
        .filter_map(|i| d.title_of(&i.followup.idea_id).map(|l| (i, l)))
        .enumerate()
        .map(|(n, (i, l))| {
            let mut row = vec![
                (n + 1).to_string(),
                l.agency_code.clone(),
                l.agency_name.clone(),
            ];
            row.extend(fields().map(|f| d.field_text(lang, &l.idea.fields, f)));
            for (ind, a) in config.indicators.iter().zip(&i.iid) {
                row.push(match a.parameter {
                    Some(_) => parameter_text(lang, ind, a),
                    None => String::new(),
                });
                row.push(i.evidence_names(a).join("; "));
            }
            row.extend([
                score_text(i.estimate.score),
                band_label(lang, &i.estimate.band),
                l.idea.id.clone(),
            ]);
            row
        })
        .collect();
    (header, rows)
}
