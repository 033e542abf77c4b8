//! What the benchmarks share: the disk they run on, sizes from the environment,
//! percentiles, and the figures file `make bench` turns into one table.
//!
//! Each benchmark writes `target/bench-results/NAME.json`: a list of
//! `{name, value, unit, goal, max}` where `goal` is the README's words and `max`, when the
//! goal is an upper bound, the number the value must stay under.

#![allow(dead_code)] // Not every benchmark uses every helper.

pub mod corpus;

use std::path::PathBuf;
use std::time::Duration;

/// A temporary folder on `LABINOV_BENCH_DIR` (default: the system temp folder).
pub fn bench_dir() -> tempfile::TempDir {
    let base = std::env::var_os("LABINOV_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    tempfile::tempdir_in(base).unwrap()
}

/// A size from the environment variable `name`, or `default`.
pub fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The `p` quantile (0..=1) of `samples`, which it sorts.
pub fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One measured figure and the goal it is held to.
pub struct Figure {
    pub name: String,
    pub value: f64,
    pub unit: &'static str,
    pub goal: String,
    /// The value must stay under this (same unit), when the goal is an upper bound.
    pub max: Option<f64>,
    /// The floor the figure is compared with, measured in the same run: its name and value
    /// (same unit). The table shows the ratio.
    pub baseline: Option<(String, f64)>,
    /// The ratio to the baseline must stay at or under this, when the goal is a ratio.
    pub max_ratio: Option<f64>,
}

impl Figure {
    pub fn new(name: impl Into<String>, value: f64, unit: &'static str) -> Figure {
        Figure {
            name: name.into(),
            value,
            unit,
            goal: String::new(),
            max: None,
            baseline: None,
            max_ratio: None,
        }
    }

    /// The floor this figure is quoted against (measured in the same run, same unit).
    pub fn against(mut self, name: impl Into<String>, value: f64) -> Figure {
        self.baseline = Some((name.into(), value));
        self
    }

    /// A goal as a ratio to the baseline: "≤ RATIOx".
    pub fn ratio_at_most(mut self, ratio: f64) -> Figure {
        assert!(self.baseline.is_some(), "a ratio goal needs a baseline");
        self.goal = format!("<= {ratio}x the baseline");
        self.max_ratio = Some(ratio);
        self
    }

    /// An upper bound: the goal reads "under MAX UNIT".
    pub fn under(mut self, max: f64) -> Figure {
        self.goal = match self.unit {
            "ms" if max >= 10_000.0 => format!("under {} s", max / 1000.0),
            unit => format!("under {max} {unit}"),
        };
        self.max = Some(max);
        self
    }

    /// A goal in words, with no number to check.
    pub fn goal(mut self, words: impl Into<String>) -> Figure {
        self.goal = words.into();
        self
    }
}

/// `target/bench-results` of the workspace (the folder holding `Cargo.lock`).
pub fn results_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let crate_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
            crate_dir
                .ancestors()
                .find(|d| d.join("Cargo.lock").exists())
                .unwrap_or(crate_dir)
                .join("target")
        });
    target.join("bench-results")
}

/// Writes `figures` to `target/bench-results/STEM.json` and says where.
pub fn write_results(stem: &str, figures: &[Figure]) {
    let json: Vec<serde_json::Value> = figures
        .iter()
        .map(|f| {
            serde_json::json!({
                "name": f.name,
                "value": (f.value * 100.0).round() / 100.0,
                "unit": f.unit,
                "goal": f.goal,
                "max": f.max,
                "baseline": f.baseline.as_ref().map(|(name, value)| serde_json::json!({
                    "name": name,
                    "value": (value * 100.0).round() / 100.0,
                })),
                "max_ratio": f.max_ratio,
            })
        })
        .collect();
    let dir = results_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{stem}.json"));
    std::fs::write(&path, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    println!("figures written to {}", path.display());
}

/// Runs `a` and `b` alternately (A B A B ...) `rounds` times each and returns their
/// durations, so a machine that slows down or speeds up during the run affects both alike.
pub fn interleaved(
    rounds: usize,
    mut a: impl FnMut(usize),
    mut b: impl FnMut(usize),
) -> (Vec<Duration>, Vec<Duration>) {
    let (mut xs, mut ys) = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
    for i in 0..rounds {
        let t = std::time::Instant::now();
        a(i);
        xs.push(t.elapsed());
        let t = std::time::Instant::now();
        b(i);
        ys.push(t.elapsed());
    }
    (xs, ys)
}

/// The archive benchmarks' city in `dir`: `LABINOV_BENCH_ARCHIVE_LABS` labs (default 20)
/// of `LABINOV_BENCH_ARCHIVE_IDEAS` ideas (default 500), `demo::create_demo_archive` with
/// seed 1. Returns the store, the number of labs and of live ideas.
pub fn demo_archive(dir: &std::path::Path) -> (labinov_core::Store, u32, u32) {
    let labs = env_usize("LABINOV_BENCH_ARCHIVE_LABS", 20) as u32;
    let per_lab = env_usize("LABINOV_BENCH_ARCHIVE_IDEAS", 500) as u32;
    let store = labinov_core::Store::open(dir.join("archive.db")).unwrap();
    let t = std::time::Instant::now();
    labinov_core::demo::create_demo_archive(&store, labs, per_lab, 2026, 1).unwrap();
    let total = store.archive_summary().unwrap().ideas;
    println!(
        "archive: {labs} labs, {total} ideas built in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    (store, labs, total)
}
