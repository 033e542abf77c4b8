//! Prints the figures the benchmarks wrote to `target/bench-results/*.json` as one table:
//! each figure, the floor it was measured against in the same run (an empty Tauri app, a
//! raw SQLite insert, a raw FTS5 match), their ratio and the goal: the last step of
//! `make bench`.
//!
//! A figure with a goal (an upper bound `max`, or a ratio `max_ratio` to its baseline) is
//! marked `ok` or `MISSED`; the exit code is 1 when any is missed, so a script can rely on it.

#[path = "../../../crates/labinov-core/benches/common/mod.rs"]
mod common;

use std::time::SystemTime;

use serde::Deserialize;

#[derive(Deserialize)]
struct Figure {
    name: String,
    value: f64,
    unit: String,
    #[serde(default)]
    goal: String,
    #[serde(default)]
    max: Option<f64>,
    #[serde(default)]
    baseline: Option<Baseline>,
    #[serde(default)]
    max_ratio: Option<f64>,
}

#[derive(Deserialize)]
struct Baseline {
    name: String,
    value: f64,
}

impl Figure {
    fn ratio(&self) -> Option<f64> {
        let b = self.baseline.as_ref()?;
        (b.value > 0.0).then(|| self.value / b.value)
    }

    /// Whether the figure met its goal; `None` when it has none.
    fn met(&self) -> Option<bool> {
        let under = self.max.map(|max| self.value < max);
        let ratio = self
            .max_ratio
            .map(|max| self.ratio().is_some_and(|r| r <= max));
        match (under, ratio) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(true) && b.unwrap_or(true)),
        }
    }
}

/// The benchmarks in the order the README's promises are listed; others follow by name.
const ORDER: [&str; 6] = ["capture", "board", "app", "export", "merge", "soak"];

fn format_value(v: f64, unit: &str) -> String {
    match unit {
        "ms" if v >= 10_000.0 => format!("{:.1} s", v / 1000.0),
        "ms" if v >= 100.0 => format!("{v:.0} ms"),
        "ms" => format!("{v:.2} ms"),
        "x" => format!("{v:.2}x"),
        _ => format!("{v:.1} {unit}"),
    }
}

fn age(modified: SystemTime) -> String {
    let secs = SystemTime::now()
        .duration_since(modified)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    match secs {
        0..=119 => "just now".into(),
        120..=7199 => format!("{} min ago", secs / 60),
        7200..=172_799 => format!("{} h ago", secs / 3600),
        _ => format!("{} days ago", secs / 86_400),
    }
}

fn main() {
    let dir = common::results_dir();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    if files.is_empty() {
        eprintln!(
            "no benchmark figures in {}: run `make bench` first",
            dir.display()
        );
        std::process::exit(2);
    }
    let rank = |e: &std::fs::DirEntry| {
        let stem = e.path().file_stem().unwrap().to_string_lossy().into_owned();
        (
            ORDER.iter().position(|o| *o == stem).unwrap_or(ORDER.len()),
            stem,
        )
    };
    files.sort_by_key(rank);

    const COLUMNS: usize = 6;
    let mut rows: Vec<[String; COLUMNS]> = Vec::new();
    let mut missed = 0;
    for file in &files {
        let path = file.path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let figures: Vec<Figure> = match serde_json::from_str(&text) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("{}: not a figures file ({e}); skipped", path.display());
                continue;
            }
        };
        let when = file
            .metadata()
            .and_then(|m| m.modified())
            .map(age)
            .unwrap_or_default();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let mut heading: [String; COLUMNS] = Default::default();
        heading[0] = format!("[{stem}, measured {when}]");
        rows.push(heading);
        for f in figures {
            let verdict = match f.met() {
                Some(true) => "ok",
                Some(false) => {
                    missed += 1;
                    "MISSED"
                }
                None => "",
            };
            let (baseline, ratio) = match (&f.baseline, f.ratio()) {
                (Some(b), Some(r)) => (
                    format!("{} ({})", format_value(b.value, &f.unit), b.name),
                    format!("{r:.2}x"),
                ),
                _ => (String::new(), String::new()),
            };
            rows.push([
                format!("  {}", f.name),
                format_value(f.value, &f.unit),
                baseline,
                ratio,
                f.goal,
                verdict.into(),
            ]);
        }
    }

    let header = [
        "figure",
        "measured",
        "baseline (same run)",
        "ratio",
        "goal",
        "",
    ];
    let widths: Vec<usize> = (0..COLUMNS)
        .map(|i| {
            rows.iter()
                .filter(|r| !r[1].is_empty())
                .map(|r| r[i].chars().count())
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |r: &[String; COLUMNS]| {
        format!(
            "{:<w0$}  {:>w1$}  {:<w2$}  {:>w3$}  {:<w4$}  {}",
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3],
            w4 = widths[4],
        )
        .trim_end()
        .to_owned()
    };
    println!("{}", line(&header.map(String::from)));
    println!("{}", "-".repeat(widths.iter().sum::<usize>() + 2 * COLUMNS));
    for r in &rows {
        println!("{}", line(r));
    }
    if missed > 0 {
        println!("\n{missed} figure(s) missed their goal");
        std::process::exit(1);
    }
}
