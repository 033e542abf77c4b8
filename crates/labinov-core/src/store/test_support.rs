//! What the store's tests share: a lab with one agency, the starting point of most tests.

use rusqlite::Connection;

use super::{Store, MIGRATIONS};
use crate::model::{Agency, Lab, NewAgency, NewLab};

/// A three-day lab ("Labinov Kota Cilegon", from 2 November 2026, target 30) holding one
/// agency, DINKES (Dinas Kesehatan).
pub(crate) fn lab_with_agency(store: &Store) -> (Lab, Agency) {
    let lab = store
        .create_lab(NewLab {
            name: "Labinov Kota Cilegon".into(),
            start_date: "2026-11-02".into(),
            days: 3,
            idea_target: 30,
            ..Default::default()
        })
        .unwrap();
    let agency = store
        .add_agency(
            &lab.id,
            NewAgency {
                code: "DINKES".into(),
                name: "Dinas Kesehatan".into(),
                ..Default::default()
            },
        )
        .unwrap();
    (lab, agency)
}

/// Drops the tables the migrations after `version` create (`CREATE TABLE t`) and the
/// columns they add (`ALTER TABLE t ADD COLUMN c`) that `conn` still has: with
/// `user_version` set, a test turns a current database into one of schema `version`, and
/// a new field's or table's migration needs no change here.
pub(crate) fn drop_columns_added_after(conn: &Connection, version: usize) {
    let statements: Vec<Vec<String>> = MIGRATIONS[version..]
        .iter()
        .flat_map(|sql| {
            let code: String = sql
                .lines()
                .filter(|l| !l.trim_start().starts_with("--"))
                .collect::<Vec<_>>()
                .join("\n");
            code.split(';')
                .map(|s| s.split_whitespace().map(str::to_owned).collect())
                .collect::<Vec<_>>()
        })
        .collect();
    let words_of = |w: &Vec<String>| w.iter().map(String::as_str).collect::<Vec<_>>().join(" ");
    // First the tables they create, newest first (a later table may refer to an earlier
    // one), and their indexes: an index on an added column stops it being dropped.
    for words in statements.iter().rev() {
        let line = words_of(words);
        let w: Vec<&str> = line.split(' ').collect();
        match w[..] {
            ["CREATE", "TABLE", name, ..] => {
                // Its parent tables may be gone already: no foreign key check meanwhile.
                let table = name.split('(').next().unwrap_or(name);
                let fk: bool = conn
                    .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
                    .unwrap();
                conn.execute_batch(&format!(
                    "PRAGMA foreign_keys = OFF; DROP TABLE IF EXISTS {table};
                     PRAGMA foreign_keys = {};",
                    if fk { "ON" } else { "OFF" }
                ))
                .unwrap();
            }
            ["CREATE", "INDEX", index, ..] | ["CREATE", "UNIQUE", "INDEX", index, ..] => conn
                .execute_batch(&format!("DROP INDEX IF EXISTS {index}"))
                .unwrap(),
            _ => {}
        }
    }
    for words in &statements {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        if let ["ALTER", "TABLE", table, "ADD", "COLUMN", column, ..] = words[..] {
            let has: bool = conn
                .query_row(
                    "SELECT count(*) > 0 FROM pragma_table_info(?1) WHERE name = ?2",
                    [table, column],
                    |r| r.get(0),
                )
                .unwrap();
            if has {
                conn.execute_batch(&format!("ALTER TABLE {table} DROP COLUMN {column}"))
                    .unwrap();
            }
        }
    }
}
