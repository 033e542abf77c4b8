//! Store tests on temp-dir databases: opening, migrations, pragmas, writes and their log.

use super::*;
use crate::model::{ChangeOp, IdeaInput, IdeaPatch, NewAgency, NewLab};
use crate::ErrorCode;

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    (dir, store)
}

fn new_lab() -> NewLab {
    NewLab {
        name: "Lab Inovasi Uji".into(),
        organiser: "Bappeda".into(),
        city: "Kota Uji".into(),
        venue: "Aula".into(),
        start_date: "2026-11-02".into(),
        days: 3,
        idea_target: 50,
        time_zone: None,
    }
}

fn agency(code: &str, name: &str) -> NewAgency {
    NewAgency {
        code: code.into(),
        name: name.into(),
        short_name: code.into(),
        group: "Dinas".into(),
    }
}

fn idea(agency_id: &str, title: &str) -> IdeaInput {
    IdeaInput {
        agency_id: agency_id.into(),
        title: title.into(),
        ..Default::default()
    }
}

#[test]
fn migrates_an_empty_file_to_the_current_schema() {
    let (_dir, store) = temp_store();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let tables: Vec<String> = {
        let conn = store.conn();
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    for t in ["agency", "change_log", "idea", "lab", "meta"] {
        assert!(
            tables.iter().any(|n| n == t),
            "missing table {t} in {tables:?}"
        );
    }
}

#[test]
fn reopening_keeps_data_and_the_installation_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lab.db");
    let (lab_id, install) = {
        let store = Store::open(&path).unwrap();
        let lab = store.create_lab(new_lab()).unwrap();
        let a = store
            .add_agency(&lab.id, agency("DINKES", "Dinas Kesehatan"))
            .unwrap();
        store
            .add_idea(&lab.id, idea(&a.id, "Posyandu Digital"))
            .unwrap();
        (lab.id, store.installation_id().to_owned())
    };
    let store = Store::open(&path).unwrap();
    assert_eq!(store.installation_id(), install);
    assert_eq!(
        store.list_ideas(&lab_id).unwrap()[0].title,
        "Posyandu Digital"
    );
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lab.db");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NewerSchema);
    assert!(
        err.to_string().contains("newer version of Labinov"),
        "{err}"
    );
    let conn = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        v,
        SCHEMA_VERSION + 1,
        "the newer database must not be touched"
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_with_its_own_code() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "Catatan rapat, bukan basis data. ".repeat(200)).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotADatabase, "{err}");
}

#[test]
fn durability_pragmas_are_in_force() {
    let (_dir, store) = temp_store();
    assert_eq!(store.pragma("journal_mode").unwrap(), "wal");
    assert_eq!(
        store.pragma("synchronous").unwrap(),
        "2",
        "synchronous=FULL is 2"
    );
    assert_eq!(store.pragma("foreign_keys").unwrap(), "1");
    assert_eq!(store.pragma("busy_timeout").unwrap(), "5000");
    assert!(store.pragma("journal_mode; DROP TABLE idea").is_err());
}

#[test]
fn add_edit_list_and_the_change_log() {
    let (_dir, store) = temp_store();
    let lab = store.create_lab(new_lab()).unwrap();
    assert_eq!(lab.time_zone, "Asia/Jakarta");
    let dinkes = store
        .add_agency(&lab.id, agency("DINKES", "Dinas Kesehatan"))
        .unwrap();
    let dishub = store
        .add_agency(&lab.id, agency("DISHUB", "Dinas Perhubungan"))
        .unwrap();

    let first = store
        .add_idea(&lab.id, idea(&dinkes.id, "  Antrean Puskesmas dari Rumah "))
        .unwrap();
    assert_eq!(first.title, "Antrean Puskesmas dari Rumah");
    assert_eq!(
        uuid::Uuid::parse_str(&first.id).unwrap().get_version_num(),
        7
    );
    let second = store
        .add_idea(&lab.id, idea(&dishub.id, "Angkot Pintar"))
        .unwrap();

    let listed = store.list_ideas(&lab.id).unwrap();
    assert_eq!(
        listed.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(),
        ["Angkot Pintar", "Antrean Puskesmas dari Rumah"],
        "newest first"
    );

    let edited = store
        .update_idea(
            &first.id,
            IdeaPatch {
                title: Some("Antrean Puskesmas Daring".into()),
                problem: Some("Antre sejak subuh".into()),
                proposer_name: Some(String::new()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(edited.title, "Antrean Puskesmas Daring");
    assert!(edited.updated_at >= first.updated_at);
    assert_eq!(store.get_idea(&first.id).unwrap(), edited);

    let history = store.history(&first.id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].op, ChangeOp::Create);
    assert_eq!(
        history[0].changes["title"]["new"],
        "Antrean Puskesmas dari Rumah"
    );
    assert_eq!(history[1].op, ChangeOp::Update);
    assert_eq!(history[1].installation_id, store.installation_id());
    let changed: Vec<&String> = history[1].changes.as_object().unwrap().keys().collect();
    assert_eq!(
        changed,
        ["problem", "title"],
        "only fields that really changed"
    );
    assert_eq!(
        history[1].changes["title"]["old"],
        "Antrean Puskesmas dari Rumah"
    );

    // An edit that changes nothing writes nothing.
    let before = store.change_count().unwrap();
    store
        .update_idea(
            &second.id,
            IdeaPatch {
                title: Some("Angkot Pintar".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(store.change_count().unwrap(), before);

    let board = store.board(&lab.id).unwrap();
    assert_eq!(board.idea_count, 2);
    assert_eq!(board.agencies_without_idea, 0);
    assert_eq!(board.groups[0].agency.code, "DINKES", "roster order");
}

#[test]
fn the_change_log_is_append_only() {
    let (_dir, store) = temp_store();
    store.create_lab(new_lab()).unwrap();
    let conn = store.conn();
    assert!(conn
        .execute("UPDATE change_log SET op = 'delete'", [])
        .is_err());
    assert!(conn.execute("DELETE FROM change_log", []).is_err());
}

#[test]
fn bad_input_is_refused_with_the_field_and_nothing_is_written() {
    let (_dir, store) = temp_store();
    let lab = store.create_lab(new_lab()).unwrap();
    let a = store
        .add_agency(&lab.id, agency("DINKES", "Dinas Kesehatan"))
        .unwrap();
    let before = store.change_count().unwrap();

    let err = store.add_idea(&lab.id, idea(&a.id, "   ")).unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        (ErrorCode::InvalidInput, Some("title"))
    );
    let err = store.add_idea(&lab.id, idea("", "Judul")).unwrap_err();
    assert_eq!(err.field(), Some("agencyId"));

    let other = store.create_lab(new_lab()).unwrap();
    let foreign = store
        .add_agency(&other.id, agency("DINKES", "Dinas Kesehatan"))
        .unwrap();
    let err = store
        .add_idea(&lab.id, idea(&foreign.id, "Judul"))
        .unwrap_err();
    assert_eq!(err.field(), Some("agencyId"));

    let err = store
        .add_agency(&lab.id, agency("dinkes", "Dinas Lain"))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Duplicate);
    let err = store
        .create_lab(NewLab {
            start_date: "besok".into(),
            ..new_lab()
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("startDate"));
    let err = store
        .create_lab(NewLab {
            time_zone: Some("WIB".into()),
            ..new_lab()
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("timeZone"));

    assert_eq!(store.list_ideas(&lab.id).unwrap().len(), 0);
    assert_eq!(
        store.change_count().unwrap(),
        before + 2,
        "only the second lab and its agency"
    );
}

#[test]
fn a_roster_with_a_bad_row_imports_nothing() {
    let (_dir, store) = temp_store();
    let lab = store.create_lab(new_lab()).unwrap();
    let rows = [agency("A", "Satu"), agency("B", "Dua"), agency("A", "Tiga")];
    assert_eq!(
        store.add_agencies(&lab.id, &rows).unwrap_err().code(),
        ErrorCode::Duplicate
    );
    assert!(store.list_agencies(&lab.id).unwrap().is_empty());
}

#[test]
fn text_is_stored_as_typed() {
    let (_dir, store) = temp_store();
    let lab = store.create_lab(new_lab()).unwrap();
    let a = store
        .add_agency(
            &lab.id,
            agency(
                "DP3AP2KB",
                "Dinas Pemberdayaan Perempuan, Perlindungan Anak",
            ),
        )
        .unwrap();
    let text = "Baris satu\n\t• \"kutip\" <script>alert(1)</script> 🚑 مرحبا 中文";
    let i = store
        .add_idea(
            &lab.id,
            IdeaInput {
                description: text.into(),
                ..idea(&a.id, "Ruang Aman 🚑")
            },
        )
        .unwrap();
    let back = store.get_idea(&i.id).unwrap();
    assert_eq!(back.description, text);
    assert_eq!(back.title, "Ruang Aman 🚑");
    assert_eq!(
        store.get_agency(&a.id).unwrap().name,
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak"
    );
}

#[test]
fn last_lab_is_remembered_and_info_reports_it() {
    let (_dir, store) = temp_store();
    assert_eq!(store.info().unwrap().last_lab_id, None);
    let lab = store.create_lab(new_lab()).unwrap();
    store.set_last_lab(&lab.id).unwrap();
    let info = store.info().unwrap();
    assert_eq!(info.last_lab_id.as_deref(), Some(lab.id.as_str()));
    assert_eq!(info.schema_version as i64, SCHEMA_VERSION);
    assert_eq!(
        store.set_last_lab("nope").unwrap_err().code(),
        ErrorCode::NotFound
    );
}

#[test]
fn integrity_check_is_ok() {
    let (_dir, store) = temp_store();
    crate::demo::create_demo_lab(&store).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
}
