//! A facilitator who never stops typing: saves a growing draft (or captures ideas) through
//! `labinov_core::Store` and prints what was acknowledged, for the crash tests to kill
//! with SIGKILL at random moments.
//!
//! `typist drafts DB LAB_ID DRAFT_ID TEXT`: saves TEXT one character longer each time and
//! prints `ack N` once the draft holding the first N characters has been saved.
//! `typist ideas DB LAB_ID AGENCY_ID COUNT`: captures COUNT ideas titled `Ide N` and
//! prints `ack N` after each.
//! `typist captures DB LAB_ID AGENCY_ID FIRST COUNT`: captures ideas numbered FIRST,
//! FIRST+1, ... the way the app does: the form's draft saved as the title is typed (three
//! saves, as the 250 ms debounce gives for a quick typist), then `add_idea_from_draft`,
//! which saves the idea and removes its draft in one transaction; prints `ack N` after
//! each idea.

use std::io::Write;

use labinov_core::{IdeaInput, Store};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let store = Store::open(&args[2]).expect("open the database");
    let lab_id = &args[3];
    let mut out = std::io::stdout().lock();
    match args[1].as_str() {
        "drafts" => {
            let (draft_id, text) = (&args[4], &args[5]);
            for (n, (i, c)) in text.char_indices().enumerate() {
                let typed = &text[..i + c.len_utf8()];
                store
                    .save_draft(
                        draft_id,
                        lab_id,
                        None,
                        serde_json::json!({ "title": typed }),
                    )
                    .expect("save the draft");
                writeln!(out, "ack {}", n + 1).unwrap();
                out.flush().unwrap();
            }
        }
        "ideas" => {
            let (agency_id, count) = (&args[4], args[5].parse::<u32>().unwrap());
            for n in 1..=count {
                let input = IdeaInput {
                    agency_id: agency_id.clone(),
                    title: format!("Ide {n}"),
                    ..Default::default()
                };
                store.add_idea(lab_id, input).expect("capture an idea");
                writeln!(out, "ack {n}").unwrap();
                out.flush().unwrap();
            }
        }
        "captures" => {
            let agency_id = &args[4];
            let first = args[5].parse::<u64>().unwrap();
            let count = args[6].parse::<u64>().unwrap();
            for n in first..first + count {
                let title = capture_title(n);
                let draft_id = uuid::Uuid::now_v7().to_string();
                let chars: Vec<(usize, char)> = title.char_indices().collect();
                for step in 1..=3 {
                    let (i, c) = chars[chars.len() * step / 3 - 1];
                    store
                        .save_draft(
                            &draft_id,
                            lab_id,
                            None,
                            serde_json::json!({ "agencyId": agency_id, "title": &title[..i + c.len_utf8()] }),
                        )
                        .expect("save the draft");
                }
                let input = IdeaInput {
                    agency_id: agency_id.clone(),
                    title: title.clone(),
                    problem: "Antrian panjang di loket pelayanan 🚑".into(),
                    ..Default::default()
                };
                store
                    .add_idea_from_draft(lab_id, input, &draft_id)
                    .expect("capture an idea");
                writeln!(out, "ack {n}").unwrap();
                out.flush().unwrap();
            }
        }
        other => panic!("unknown mode {other}"),
    }
}

/// The title of capture number `n`, as `tests/it/crash.rs` reads it back.
fn capture_title(n: u64) -> String {
    format!("Tangkapan {n}: layanan antrian daring")
}
