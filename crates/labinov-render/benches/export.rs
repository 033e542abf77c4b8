//! Export benchmark. Run: `cargo bench -p labinov-render --bench export` (or `make bench`).
//!
//! A lab of 10,000 live ideas (the demo's 50 plus generated ones with every form field
//! filled, a few hundred words each), 40 photos, three reviewers' reviews of 100 ideas and
//! a closed voting round. Then, once each (an export is a one-off action, not a loop):
//! - reading the report's data from a snapshot (`ReportData::read`);
//! - rendering each format in memory: HTML, PDF, XLSX, CSV, JSON;
//! - staging the bundle (`VACUUM INTO`, trim to the lab, `VACUUM`);
//! - the whole `export_lab` into a folder (every format, written, synced, read back).
//!
//! Prints the figures and writes them to `target/bench-results/export.json`
//! (`[{name, value, unit, goal}]`). `LABINOV_BENCH_DIR` chooses the disk (default: the
//! system temp folder); `LABINOV_BENCH_EXPORT_IDEAS` the number of ideas (default 10000).

use std::collections::HashMap;
use std::time::Instant;

use labinov_core::export::{ExportFormat, ExportOptions, Lang, ReportData};
use labinov_core::{
    demo, IdeaInput, PersonInput, PersonRole, Recommendation, ReviewInput, ScoreInput, Store,
};
use labinov_render as export;

#[path = "../../labinov-core/benches/common/mod.rs"]
mod common;

use common::{bench_dir, env_usize, write_results, Figure};

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let dir = bench_dir();
    let ideas = env_usize("LABINOV_BENCH_EXPORT_IDEAS", 10_000);

    let t = Instant::now();
    let store = Store::open(dir.path().join("bench.db")).unwrap();
    let lab = demo::create_demo_lab(&store).unwrap();
    let agencies = store.list_agencies(&lab.id).unwrap();
    let options = store.list_options(&lab.id).unwrap();
    let codes = |list: &str| -> Vec<String> {
        options
            .iter()
            .filter(|o| o.list == list)
            .map(|o| o.code.clone())
            .collect()
    };
    let (tahapan, jenis, bentuk, urusan, benefit) = (
        codes("tahapan"),
        codes("jenis"),
        codes("bentuk"),
        codes("urusan"),
        codes("benefit"),
    );
    let inputs: Vec<IdeaInput> = (0..ideas.saturating_sub(50))
        .map(|i| IdeaInput {
            agency_id: agencies[i % agencies.len()].id.clone(),
            title: format!("Layanan terpadu keliling nomor {i}"),
            proposer_name: format!("Kepala Dinas {i}"),
            proposer_position: "Kepala Perangkat Daerah".into(),
            problem: "Warga antre lama untuk layanan administrasi kependudukan. ".repeat(4),
            description: "Satu loket, satu formulir, kabar lewat pesan singkat. ".repeat(4),
            lab_day: Some(1 + (i % 3) as u32),
            tahapan: tahapan[i % tahapan.len()].clone(),
            jenis: jenis[i % jenis.len()].clone(),
            bentuk: bentuk[i % bentuk.len()].clone(),
            urusan: urusan[i % urusan.len()].clone(),
            benefit_types: vec![benefit[i % benefit.len()].clone()],
            rancang_bangun: "Dasar hukum, permasalahan, isu strategis, metode pembaharuan. "
                .repeat(12),
            tujuan: "Mempercepat layanan dan memangkas birokrasi. ".repeat(3),
            manfaat: "Lebih cepat, lebih murah, mudah diakses. ".repeat(3),
            hasil: "Waktu layanan turun dari tiga hari menjadi satu jam.".into(),
            anggaran: "Rp 150.000.000 (APBD)".into(),
            beneficiaries: "Seluruh warga kota".into(),
            tags: vec!["layanan".into(), format!("t{}", i % 20)],
            ..Default::default()
        })
        .collect();
    store.add_ideas(&lab.id, inputs).unwrap();
    let live = store.list_ideas(&lab.id).unwrap();
    let photo = {
        let mut out = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_fn(1600, 1200, |x, y| {
            image::Rgb([(x / 7) as u8, (y / 5) as u8, ((x ^ y) % 251) as u8])
        })
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
        out.into_inner()
    };
    for (i, idea) in live.iter().take(40).enumerate() {
        store
            .add_attachment(&idea.id, &format!("flipchart-{i}.png"), &photo)
            .unwrap();
    }
    let rubric = store.rubric(&lab.id).unwrap();
    for r in 0..3 {
        let person = store
            .add_person(
                &lab.id,
                PersonInput {
                    agency_id: None,
                    name: format!("Reviewer {r}"),
                    position: String::new(),
                    role: PersonRole::Reviewer,
                },
            )
            .unwrap();
        for (i, idea) in live.iter().take(100).enumerate() {
            store
                .save_review(
                    &idea.id,
                    &person.id,
                    ReviewInput {
                        scores: rubric
                            .iter()
                            .map(|c| ScoreInput {
                                criterion: c.code.clone(),
                                score: 1 + ((i + r) as u32 % c.scale_max),
                            })
                            .collect(),
                        comment: "Perlu data dasar yang lebih kuat.".into(),
                        recommendation: Some(Recommendation::Continue),
                        submit: true,
                    },
                )
                .unwrap();
        }
    }
    let candidates: Vec<String> = live.iter().take(10).map(|i| i.id.clone()).collect();
    let round = store.open_vote_round(&lab.id, 3, &candidates).unwrap();
    let mut ballot = HashMap::new();
    ballot.insert(candidates[0].clone(), 3u32);
    store.cast_ballot(&round.id, &ballot).unwrap();
    store.close_vote_round(&round.id).unwrap();
    println!(
        "export bench: a lab of {} ideas, 40 photos, 300 reviews built in {:.1} s",
        live.len(),
        t.elapsed().as_secs_f64()
    );

    let mut results: Vec<Figure> = Vec::new();
    let t = Instant::now();
    let data = ReportData::read(&store, &lab.id).unwrap();
    let read_ms = ms(t);
    println!("{:<40} {:>10.0} ms", "read the lab (ReportData)", read_ms);
    results.push(Figure::new(
        format!("export: read the lab's data, {ideas} ideas"),
        read_ms,
        "ms",
    ));
    for f in [
        ExportFormat::Html,
        ExportFormat::Pdf,
        ExportFormat::Xlsx,
        ExportFormat::Csv,
        ExportFormat::Json,
    ] {
        let t = Instant::now();
        let bytes = export::render(f, &data, Lang::Id).unwrap();
        let took = ms(t);
        println!(
            "{:<40} {:>10.0} ms  {:>8.1} MB",
            format!("render {}", f.as_str()),
            took,
            bytes.len() as f64 / 1e6
        );
        let figure = Figure::new(
            format!("export: render {}, {ideas} ideas", f.as_str()),
            took,
            "ms",
        );
        // The PDF is the slowest format by far; the goal holds it under 3 s.
        results.push(if f == ExportFormat::Pdf {
            figure.under(3_000.0)
        } else {
            figure
        });
    }
    let t = Instant::now();
    let size = export::stage_bundle_size(&store, &lab.id).unwrap();
    let took = ms(t);
    println!(
        "{:<40} {:>10.0} ms  {:>8.1} MB",
        "stage the bundle",
        took,
        size as f64 / 1e6
    );
    results.push(Figure::new(
        format!("export: stage the bundle, {ideas} ideas"),
        took,
        "ms",
    ));

    let out = dir.path().join("stick");
    std::fs::create_dir(&out).unwrap();
    let t = Instant::now();
    let report = export::export_lab(
        &store,
        &lab.id,
        &out,
        &ExportOptions {
            formats: vec![],
            lang: Lang::Id,
        },
        &mut |_| {},
    )
    .unwrap();
    let total = ms(t);
    let bytes: u64 = report.files.iter().map(|f| f.size).sum();
    println!(
        "{:<40} {:>10.0} ms  {:>8.1} MB in {} files",
        "whole export (all formats, verified)",
        total,
        bytes as f64 / 1e6,
        report.files.len()
    );
    results.push(
        Figure::new(
            format!(
                "export: whole export of {ideas} ideas, every format written, synced, read back"
            ),
            total,
            "ms",
        )
        .under(4_000.0),
    );

    write_results("export", &results);
}
