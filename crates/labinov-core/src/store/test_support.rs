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

/// Drops the columns the migrations after `version` add (`ALTER TABLE t ADD COLUMN c`) and
/// that `conn` still has, and the plain tables they create (`CREATE TABLE t`) that are
/// still there: with the other tables they create dropped and `user_version` set, a test
/// turns a current database into one of schema `version`, and a new field's or table's
/// migration needs no change here.
pub(crate) fn drop_columns_added_after(conn: &Connection, version: usize) {
    for sql in &MIGRATIONS[version..] {
        let code: String = sql
            .lines()
            .filter(|l| !l.trim_start().starts_with("--"))
            .collect::<Vec<_>>()
            .join("\n");
        for statement in code.split(';') {
            let words: Vec<&str> = statement.split_whitespace().collect();
            if let ["CREATE", "TABLE", table, ..] = words[..] {
                let table = table.trim_end_matches('(');
                conn.execute_batch(&format!("DROP TABLE IF EXISTS {table}"))
                    .unwrap();
            }
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
}
