//! A facilitator who never stops typing: saves a growing draft (or captures ideas) through
//! `labinov_core::Store` and prints what was acknowledged, for the crash tests to kill
//! with SIGKILL at random moments.
//!
//! `typist drafts DB LAB_ID DRAFT_ID TEXT`: saves TEXT one character longer each time and
//! prints `ack N` once the draft holding the first N characters has been saved.
//! `typist ideas DB LAB_ID AGENCY_ID COUNT`: captures COUNT ideas titled `Ide N` and
//! prints `ack N` after each.

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
        other => panic!("unknown mode {other}"),
    }
}
