//! The report's charts as the HTML and the PDF draw them: the core's descriptions
//! (`labinov_core::charts`) with the exported files' words around their names.

use labinov_core::charts::{BarLabel, Chart, ChartId};
use labinov_core::export::{word as w, Lang, ReportData};

/// Agencies in the report's "top agencies" chart (its caption says so).
pub const TOP_AGENCIES: usize = 10;

/// A chart ready to draw: caption, `(label, value)` bars in order, and its scale.
pub struct Drawn {
    pub caption: String,
    pub bars: Vec<(String, u32)>,
    pub max: u32,
}

/// A bar's label in the report's language.
fn label(lang: Lang, l: &BarLabel) -> String {
    match l {
        BarLabel::Name { text } => text.clone(),
        BarLabel::Day { day, date } => format!("{} {day} ({date})", w(lang, "day")),
        BarLabel::NoDay => w(lang, "no_day").into(),
        BarLabel::Option {
            code,
            label_id,
            label_en,
        } => {
            let label = match lang {
                Lang::Id => label_id,
                Lang::En => label_en,
            };
            if label.is_empty() { code } else { label }.clone()
        }
        BarLabel::Covered => w(lang, "agencies_with").into(),
        BarLabel::Missing => w(lang, "agencies_without").into(),
        BarLabel::NoAgency => w(lang, "act_no_agency").into(),
        BarLabel::Month { month } => month.clone(),
    }
}

/// `chart` in `lang`, cut to its first `limit` bars.
pub fn drawn(chart: &Chart, lang: Lang, limit: usize) -> Drawn {
    let caption = match chart.id {
        ChartId::PerAgency => w(lang, "chart_per_agency"),
        ChartId::TopAgencies => w(lang, "chart_agency"),
        ChartId::PerDay => w(lang, "chart_day"),
        ChartId::PerBentuk => w(lang, "chart_bentuk"),
        ChartId::Coverage => w(lang, "chart_coverage"),
        ChartId::Votes => w(lang, "chart_votes"),
        ChartId::AttendancePerDay => w(lang, "chart_attendance_day"),
        ChartId::AttendancePerAgency => w(lang, "chart_attendance_agency"),
        ChartId::Progress => w(lang, "chart_progress"),
        ChartId::AgencyProgress => w(lang, "chart_agency_progress"),
        ChartId::PerYear => w(lang, "chart_per_year"),
    };
    Drawn {
        caption: caption.into(),
        bars: chart
            .bars
            .iter()
            .take(limit)
            .map(|b| (label(lang, &b.label), b.value))
            .collect(),
        max: chart.max,
    }
}

/// The report's summary charts: the top agencies, ideas per day, ideas per bentuk.
pub fn summary(d: &ReportData, lang: Lang) -> [Drawn; 3] {
    let c = &d.stats.charts;
    [
        drawn(&c.top_agencies, lang, TOP_AGENCIES),
        drawn(&c.per_day, lang, usize::MAX),
        drawn(&c.per_bentuk, lang, usize::MAX),
    ]
}
