//! Bundle import (`.labinov` from another laptop): a real bundle of the demo lab, changed
//! by the fuzzer's bytes row by row (any column of any table set to any text, number,
//! blob or NULL; rows deleted or copied), then previewed against a store holding the same
//! lab, which runs every check and the whole merge inside a transaction that is rolled
//! back. It must answer (merged or refused with a reason), never panic, and write nothing.
//!
//! The input is a list of operations, five bytes and a value each:
//! `table, row, column, kind, length` then `length` bytes of value.
use std::sync::OnceLock;

use rusqlite::types::Value;

/// The tables a bundle carries (those the merge reads, and `meta`).
const TABLES: &[&str] = &[
    "meta",
    "lab",
    "agency",
    "person",
    "agenda_session",
    "option_item",
    "idea",
    "attachment",
    "idea_note",
    "rubric_criterion",
    "review",
    "review_score",
    "vote_round",
    "vote_tally",
    "change_log",
    "field_clock",
    "tombstone",
    "merge_conflict",
    "attendance",
    "report_setting",
];

/// The demo lab's bundle, written once per process from the fixture's own store and
/// kept in memory: each input writes it out with `write` (not `std::fs::copy`, whose
/// `copy_file_range` fails with EINTR under libFuzzer's watchdog signal; see
/// `labinov_core::fsutil`).
fn seed_bundle() -> &'static [u8] {
    static B: OnceLock<Vec<u8>> = OnceLock::new();
    B.get_or_init(|| {
        let f = crate::fixture();
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("seed.labinov");
        f.store.write_bundle(&f.lab, &path).expect("bundle");
        std::fs::read(&path).expect("read the seed bundle")
    })
}

fn columns(conn: &rusqlite::Connection, table: &str) -> Vec<String> {
    let Ok(mut stmt) = conn.prepare("SELECT name FROM pragma_table_info(?1)") else {
        return Vec::new();
    };
    stmt.query_map([table], |r| r.get(0))
        .map(|rows| rows.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

/// Applies the operations in `data` to the bundle open in `conn`; failures (a constraint,
/// a type) just skip that operation.
fn mutate(conn: &rusqlite::Connection, mut data: &[u8]) {
    while data.len() >= 5 {
        let (head, rest) = data.split_at(5);
        let len = (head[4] as usize).min(rest.len());
        let (bytes, rest) = rest.split_at(len);
        data = rest;
        let table = TABLES[head[0] as usize % TABLES.len()];
        let count: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap_or(0);
        if count == 0 {
            continue;
        }
        let row = head[1] as i64 % count;
        let target = format!("(SELECT rowid FROM {table} LIMIT 1 OFFSET {row})");
        let cols = columns(conn, table);
        let col = &cols[head[2] as usize % cols.len()];
        let value = match head[3] % 8 {
            0 => Value::Null,
            1 => {
                let mut le = [0u8; 8];
                let n = bytes.len().min(8);
                le[..n].copy_from_slice(&bytes[..n]);
                Value::Integer(i64::from_le_bytes(le))
            }
            2 => Value::Real(f64::from(bytes.first().copied().unwrap_or(0)) - 128.5),
            3 => Value::Blob(bytes.to_vec()),
            4 => {
                let _ = conn.execute(&format!("DELETE FROM {table} WHERE rowid = {target}"), []);
                continue;
            }
            5 => {
                // A copy of the row with this one column changed: duplicates, clashes.
                let list = cols.join(", ");
                let _ = conn.execute(
                    &format!("INSERT INTO {table} ({list}) SELECT {list} FROM {table} WHERE rowid = {target}"),
                    [],
                );
                Value::Text(String::from_utf8_lossy(bytes).into_owned())
            }
            _ => Value::Text(String::from_utf8_lossy(bytes).into_owned()),
        };
        let _ = conn.execute(
            &format!("UPDATE {table} SET \"{col}\" = ?1 WHERE rowid = {target}"),
            [value],
        );
    }
}

/// The target: `data` is the list of operations above.
pub fn bundle(data: &[u8]) {
    let f = crate::fixture();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("input.labinov");
    std::fs::write(&path, seed_bundle()).expect("write the input bundle");
    {
        let conn = rusqlite::Connection::open(&path).expect("open the copy");
        mutate(&conn, data);
    }
    let before = f.store.change_count().expect("count");
    match f.store.preview_bundle(&path) {
        Ok(report) => assert!(!report.applied, "a preview said it applied"),
        Err(e) => {
            let message = e.to_string();
            assert!(!message.is_empty());
        }
    }
    assert_eq!(
        f.store.change_count().expect("count"),
        before,
        "a preview wrote"
    );
}
