//! The charts of an exported report, described once and drawn by each renderer (inline
//! SVG in the HTML report, vector bars in the PDF).

use super::words::{w, Lang};
use crate::model::LabStats;

/// A chart as the renderers draw it: its caption and its bars, `(label, value)` in order.
pub type Chart = (String, Vec<(String, u32)>);

/// The three charts' data: top agencies, ideas per day, ideas per bentuk.
pub fn lab_charts(stats: &LabStats, lang: Lang) -> [Chart; 3] {
    let mut per_agency: Vec<(String, u32)> = stats
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
    let mut per_day: Vec<(String, u32)> = stats
        .per_day
        .iter()
        .map(|c| {
            (
                format!("{} {} ({})", w(lang, "day"), c.day, c.date),
                c.count,
            )
        })
        .collect();
    if stats.without_day > 0 {
        per_day.push((w(lang, "no_day").into(), stats.without_day));
    }
    let per_bentuk = stats
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
