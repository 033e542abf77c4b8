//! The lab's charts, described once: which bars, in which order, on which scale. The
//! app's board and projector (SVG in the UI), the HTML report (inline SVG) and the PDF
//! report (vector bars) draw these descriptions and only these; each renderer adds its
//! own words (the chart's title by [`ChartId`], "Hari 2" for a day) and its own size.
//!
//! Names that are data (an agency's short name, an option's labels) travel in the bars;
//! the words around them are the renderer's, so the UI can switch language without
//! asking again.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{LabStats, VoteResult};

/// Which chart a description is: renderers title it from their own catalogue
/// (`chart.<id>` in the UI's, `chart_<id>` in the exported files' words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ChartId {
    /// Every active agency, in roster order, with its ideas (none included).
    PerAgency,
    /// The agencies with ideas, most first (ties by name); renderers show as many as fit.
    TopAgencies,
    /// Every lab day, then the ideas given no day (if any).
    PerDay,
    /// Ideas per form of innovation (bentuk), in the option list's order.
    PerBentuk,
    /// Agencies with an idea against those without: two bars, `Covered` and `Missing`.
    Coverage,
    /// A closed voting round: dots per idea, most first (as the tally is read).
    Votes,
    /// Different people present per lab day (every day, none present included).
    AttendancePerDay,
    /// Different people present per agency over the lab, in roster order, then those of
    /// no agency (`NoAgency`); agencies nobody came from are left out.
    AttendancePerAgency,
    /// Follow-up: the lab's mean progress (0-100 %) at the end of each month, from the
    /// month of the first progress update to the month of `today`; an idea counts with
    /// its latest update up to then, 0 before its first. Scale 100.
    Progress,
    /// The same for one agency's innovations (the agency is named beside the chart).
    AgencyProgress,
    /// The city's archive: published innovations per year of lab, oldest first (a bar
    /// for every year that has a lab, none included); the year is the bar's name.
    PerYear,
}

/// What one bar stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum BarLabel {
    /// A name that is data (an agency's short name, or its code when it has none).
    Name { text: String },
    /// A lab day ("Hari 2"), with its date (`YYYY-MM-DD`).
    Day { day: u32, date: String },
    /// Ideas given no lab day.
    NoDay,
    /// An option of the lab's list, with its labels in both languages (the code when the
    /// option has no label).
    Option {
        code: String,
        #[serde(rename = "labelId")]
        #[ts(rename = "labelId")]
        label_id: String,
        #[serde(rename = "labelEn")]
        #[ts(rename = "labelEn")]
        label_en: String,
    },
    /// Agencies with at least one idea.
    Covered,
    /// Agencies without an idea.
    Missing,
    /// Attendees of no agency (facilitators, coaches, guests).
    NoAgency,
    /// A month, `YYYY-MM`.
    Month { month: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Bar {
    pub label: BarLabel,
    pub value: u32,
}

/// One chart: its bars in drawing order and the value a full-length bar stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Chart {
    pub id: ChartId,
    pub bars: Vec<Bar>,
    /// The scale: a bar of this value is drawn full length. The largest bar (at least 1,
    /// so an empty chart draws no bar rather than dividing by zero); for `Coverage`, the
    /// number of agencies.
    pub max: u32,
}

impl Chart {
    fn new(id: ChartId, bars: Vec<Bar>) -> Chart {
        let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
        Chart { id, bars, max }
    }
}

/// A progress chart ([`ChartId::Progress`], [`ChartId::AgencyProgress`]): one bar per
/// month, `(YYYY-MM, mean percent)` in month order, on a scale of 100.
pub fn progress_chart(id: ChartId, months: &[(String, u32)]) -> Chart {
    Chart {
        id,
        bars: months
            .iter()
            .map(|(month, value)| Bar {
                label: BarLabel::Month {
                    month: month.clone(),
                },
                value: (*value).min(100),
            })
            .collect(),
        max: 100,
    }
}

/// Every chart of a lab, from its statistics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabCharts {
    pub per_agency: Chart,
    pub top_agencies: Chart,
    pub per_day: Chart,
    pub per_bentuk: Chart,
    pub coverage: Chart,
}

impl LabCharts {
    /// No bars at all: what [`LabStats`] holds until [`lab_charts`] has read its counts.
    pub fn empty() -> LabCharts {
        let none = |id| Chart::new(id, Vec::new());
        LabCharts {
            per_agency: none(ChartId::PerAgency),
            top_agencies: none(ChartId::TopAgencies),
            per_day: none(ChartId::PerDay),
            per_bentuk: none(ChartId::PerBentuk),
            coverage: none(ChartId::Coverage),
        }
    }
}

/// The lab's charts from its statistics (rules at each [`ChartId`]).
pub fn lab_charts(stats: &LabStats) -> LabCharts {
    let agency_bar = |a: &crate::model::AgencyCount| Bar {
        label: BarLabel::Name {
            text: if a.short_name.is_empty() {
                a.code.clone()
            } else {
                a.short_name.clone()
            },
        },
        value: a.count,
    };
    let per_agency: Vec<Bar> = stats.per_agency.iter().map(agency_bar).collect();
    let mut top: Vec<Bar> = per_agency.iter().filter(|b| b.value > 0).cloned().collect();
    let name = |b: &Bar| match &b.label {
        BarLabel::Name { text } => text.clone(),
        _ => String::new(),
    };
    top.sort_by(|a, b| b.value.cmp(&a.value).then_with(|| name(a).cmp(&name(b))));
    let mut per_day: Vec<Bar> = stats
        .per_day
        .iter()
        .map(|d| Bar {
            label: BarLabel::Day {
                day: d.day,
                date: d.date.clone(),
            },
            value: d.count,
        })
        .collect();
    if stats.without_day > 0 {
        per_day.push(Bar {
            label: BarLabel::NoDay,
            value: stats.without_day,
        });
    }
    let per_bentuk = stats
        .per_bentuk
        .iter()
        .map(|o| Bar {
            label: BarLabel::Option {
                code: o.code.clone(),
                label_id: o.label_id.clone(),
                label_en: o.label_en.clone(),
            },
            value: o.count,
        })
        .collect();
    let total = stats.per_agency.len() as u32;
    let missing = stats.agencies_without_idea.len() as u32;
    let coverage = Chart {
        id: ChartId::Coverage,
        bars: vec![
            Bar {
                label: BarLabel::Covered,
                value: total.saturating_sub(missing),
            },
            Bar {
                label: BarLabel::Missing,
                value: missing,
            },
        ],
        max: total.max(1),
    };
    LabCharts {
        per_agency: Chart::new(ChartId::PerAgency, per_agency),
        top_agencies: Chart::new(ChartId::TopAgencies, top),
        per_day: Chart::new(ChartId::PerDay, per_day),
        per_bentuk: Chart::new(ChartId::PerBentuk, per_bentuk),
        coverage,
    }
}

/// A chart of named counts, in the order given (the archive's ideas per year, its top
/// agencies across labs).
pub fn named_chart(id: ChartId, counts: impl IntoIterator<Item = (String, u32)>) -> Chart {
    Chart::new(
        id,
        counts
            .into_iter()
            .map(|(text, value)| Bar {
                label: BarLabel::Name { text },
                value,
            })
            .collect(),
    )
}

/// A voting round's results: one bar per idea, named by its title, in the results' order.
pub fn vote_chart(results: &[VoteResult]) -> Chart {
    Chart::new(
        ChartId::Votes,
        results
            .iter()
            .map(|r| Bar {
                label: BarLabel::Name {
                    text: r.title.clone(),
                },
                value: r.dots,
            })
            .collect(),
    )
}

/// The attendance charts: people per day and per agency (rules at each [`ChartId`]).
pub fn attendance_charts(counts: &crate::model::AttendanceCounts) -> (Chart, Chart) {
    let per_day = counts
        .per_day
        .iter()
        .map(|d| Bar {
            label: BarLabel::Day {
                day: d.day,
                date: d.date.clone(),
            },
            value: d.people,
        })
        .collect();
    let per_agency = counts
        .per_agency
        .iter()
        .map(|a| Bar {
            label: if a.agency_id.is_empty() {
                BarLabel::NoAgency
            } else {
                BarLabel::Name {
                    text: if a.short_name.is_empty() {
                        a.code.clone()
                    } else {
                        a.short_name.clone()
                    },
                }
            },
            value: a.people,
        })
        .collect();
    (
        Chart::new(ChartId::AttendancePerDay, per_day),
        Chart::new(ChartId::AttendancePerAgency, per_agency),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agency, AgencyCount, DayCount, OptionCount};

    fn agency(code: &str, short: &str, count: u32) -> AgencyCount {
        AgencyCount {
            agency_id: code.into(),
            code: code.into(),
            short_name: short.into(),
            name: format!("Dinas {code}"),
            group: String::new(),
            count,
        }
    }

    fn stats() -> LabStats {
        LabStats {
            idea_count: 9,
            idea_target: 50,
            per_day: vec![
                DayCount {
                    day: 1,
                    date: "2026-11-02".into(),
                    count: 5,
                },
                DayCount {
                    day: 2,
                    date: "2026-11-03".into(),
                    count: 0,
                },
            ],
            without_day: 4,
            per_agency: vec![
                agency("DISDIK", "Disdik", 2),
                agency("DINKES", "", 5),
                agency("BAPPEDA", "Bappeda", 0),
                agency("DPMPTSP", "Perizinan", 2),
            ],
            per_bentuk: vec![OptionCount {
                code: "digital".into(),
                label_id: "Inovasi digital".into(),
                label_en: "Digital innovation".into(),
                count: 9,
            }],
            per_jenis: vec![],
            per_status: vec![],
            agencies_without_idea: vec![Agency {
                id: "BAPPEDA".into(),
                lab_id: "lab".into(),
                code: "BAPPEDA".into(),
                name: "Badan Perencanaan".into(),
                short_name: "Bappeda".into(),
                group: String::new(),
                retired_at: None,
            }],
            charts: LabCharts::empty(),
        }
    }

    fn values(c: &Chart) -> Vec<u32> {
        c.bars.iter().map(|b| b.value).collect()
    }

    #[test]
    fn agencies_keep_roster_order_and_the_top_ranks_by_ideas_then_name() {
        let c = lab_charts(&stats());
        assert_eq!(values(&c.per_agency), [2, 5, 0, 2]);
        // An agency without a short name is named by its code.
        assert_eq!(
            c.per_agency.bars[1].label,
            BarLabel::Name {
                text: "DINKES".into()
            }
        );
        let top: Vec<String> = c
            .top_agencies
            .bars
            .iter()
            .map(|b| match &b.label {
                BarLabel::Name { text } => text.clone(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(top, ["DINKES", "Disdik", "Perizinan"]);
        assert_eq!(c.top_agencies.max, 5);
    }

    #[test]
    fn days_include_empty_days_and_end_with_the_ideas_without_a_day() {
        let c = lab_charts(&stats());
        assert_eq!(values(&c.per_day), [5, 0, 4]);
        assert_eq!(c.per_day.bars[2].label, BarLabel::NoDay);
        assert_eq!(c.per_day.max, 5);
    }

    #[test]
    fn coverage_is_scaled_by_the_number_of_agencies() {
        let c = lab_charts(&stats()).coverage;
        assert_eq!(values(&c), [3, 1]);
        assert_eq!(c.max, 4);
    }

    #[test]
    fn an_empty_lab_draws_no_bar_and_never_divides_by_zero() {
        let mut s = stats();
        s.per_agency.clear();
        s.per_day.clear();
        s.without_day = 0;
        s.per_bentuk.clear();
        s.agencies_without_idea.clear();
        let c = lab_charts(&s);
        for chart in [&c.per_agency, &c.top_agencies, &c.per_day, &c.per_bentuk] {
            assert!(chart.bars.is_empty());
            assert_eq!(chart.max, 1);
        }
        assert_eq!(values(&c.coverage), [0, 0]);
        assert_eq!(c.coverage.max, 1);
    }
}
