//! `make test`'s fuzz step: every committed input of every target, run once, in a fixed
//! order (`fuzz/corpus/TARGET/*`, then `fuzz/regressions/TARGET/*`: inputs that once
//! failed). Deterministic: no mutation, no time limit. A failure names the target, the
//! input file, its bytes in base64 and the whole panic message.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz")
        .canonicalize()
        .expect("the fuzz folder")
}

/// The committed inputs of `target`, corpus first, each folder sorted by name.
fn inputs(target: &str) -> Vec<PathBuf> {
    let mut all = Vec::new();
    for kind in ["corpus", "regressions"] {
        let dir = fuzz_dir().join(kind).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .map(|e| e.expect("read a fuzz folder").path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        all.extend(files);
    }
    all
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
        out.extend(std::iter::repeat_n('=', 3 - chunk.len()));
    }
    out
}

#[test]
fn every_committed_input_of_every_target_runs_without_a_panic() {
    // The panic hook would print each message as it happens; collect them instead.
    let messages = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let sink = messages.clone();
    panic::set_hook(Box::new(move |info| {
        let bt = std::backtrace::Backtrace::force_capture();
        *sink.lock().unwrap() = format!("{info}\n{bt}");
    }));
    let mut failures = Vec::new();
    let mut ran = 0;
    for (target, run) in labinov_fuzz_targets::TARGETS {
        let files = inputs(target);
        assert!(
            !files.is_empty(),
            "fuzz target {target} has no committed input in fuzz/corpus/{target}"
        );
        for file in files {
            let data = std::fs::read(&file).expect("read a committed input");
            if panic::catch_unwind(AssertUnwindSafe(|| run(&data))).is_err() {
                failures.push(format!(
                    "{target}: {} (base64 {})\n{}",
                    file.display(),
                    base64(&data),
                    messages.lock().unwrap()
                ));
            }
            ran += 1;
        }
    }
    let _ = panic::take_hook();
    println!(
        "fuzz replay: {ran} committed inputs of {} targets",
        labinov_fuzz_targets::TARGETS.len()
    );
    assert!(
        failures.is_empty(),
        "{} inputs failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_target_folder_and_binary_is_known() {
    let known: Vec<&str> = labinov_fuzz_targets::TARGETS
        .iter()
        .map(|(n, _)| *n)
        .collect();
    for kind in ["corpus", "regressions"] {
        for entry in std::fs::read_dir(fuzz_dir().join(kind)).expect("fuzz folder") {
            let name = entry.unwrap().file_name().into_string().unwrap();
            assert!(
                known.contains(&name.as_str()),
                "fuzz/{kind}/{name}: no such target"
            );
        }
    }
    for entry in std::fs::read_dir(fuzz_dir().join("fuzz_targets")).expect("fuzz_targets") {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let name = name.trim_end_matches(".rs");
        assert!(
            known.contains(&name),
            "fuzz/fuzz_targets/{name}.rs is not in TARGETS"
        );
    }
    let manifest = std::fs::read_to_string(fuzz_dir().join("Cargo.toml")).unwrap();
    for name in &known {
        assert!(
            manifest.contains(&format!("name = \"{name}\"")),
            "fuzz/Cargo.toml has no [[bin]] for {name}"
        );
    }
}

#[test]
fn base64_matches_the_standard_alphabet() {
    assert_eq!(base64(b""), "");
    assert_eq!(base64(b"f"), "Zg==");
    assert_eq!(base64(b"fo"), "Zm8=");
    assert_eq!(base64(b"foo"), "Zm9v");
    assert_eq!(
        base64(&[1, 0xf2, 0xef, 0xff, 0xfb, 0xff, 0xff, 0xff, 0xff, 0xff]),
        "AfLv//v//////w=="
    );
}
