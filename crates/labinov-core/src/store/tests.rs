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
        store.list_ideas(&lab_id).unwrap()[0].fields.title,
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
    assert_eq!(first.fields.title, "Antrean Puskesmas dari Rumah");
    assert_eq!(
        uuid::Uuid::parse_str(&first.id).unwrap().get_version_num(),
        7
    );
    let second = store
        .add_idea(&lab.id, idea(&dishub.id, "Angkot Pintar"))
        .unwrap();

    let listed = store.list_ideas(&lab.id).unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|i| i.fields.title.as_str())
            .collect::<Vec<_>>(),
        ["Angkot Pintar", "Antrean Puskesmas dari Rumah"],
        "newest first"
    );

    let edited = store
        .update_idea(
            &first.id,
            IdeaPatch::new()
                .set("title", "Antrean Puskesmas Daring")
                .set("problem", "Antre sejak subuh")
                .set("proposerName", ""),
        )
        .unwrap();
    assert_eq!(edited.fields.title, "Antrean Puskesmas Daring");
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
        .update_idea(&second.id, IdeaPatch::new().set("title", "Angkot Pintar"))
        .unwrap();
    assert_eq!(store.change_count().unwrap(), before);

    let board = store.board(&lab.id).unwrap();
    assert_eq!(board.idea_count, 2);
    assert_eq!(board.agencies_without_idea, 0);
    assert_eq!(board.groups[0].agency.code, "DINKES", "roster order");
}

#[test]
fn a_labs_details_are_edited_checked_and_logged() {
    let (_dir, store) = temp_store();
    let lab = store
        .create_lab(NewLab {
            time_zone: Some("Asia/Jayapura".into()),
            ..new_lab()
        })
        .unwrap();

    // The whole form sent back unchanged (zone left empty: kept) writes nothing.
    let before = store.change_count().unwrap();
    let same = store.update_lab(&lab.id, new_lab()).unwrap();
    assert_eq!(same, lab);
    assert_eq!(store.change_count().unwrap(), before);

    let edited = store
        .update_lab(
            &lab.id,
            NewLab {
                name: "  Lab Inovasi Kota Uji 2027 ".into(),
                venue: "Gedung Serbaguna".into(),
                days: 4,
                idea_target: 60,
                time_zone: Some("Asia/Makassar".into()),
                ..new_lab()
            },
        )
        .unwrap();
    assert_eq!(edited.name, "Lab Inovasi Kota Uji 2027");
    assert_eq!((edited.days, edited.idea_target), (4, 60));
    assert_eq!(edited.time_zone, "Asia/Makassar");
    assert_eq!(
        (edited.id.as_str(), edited.created_at.as_str()),
        (lab.id.as_str(), lab.created_at.as_str())
    );
    assert!(edited.updated_at >= lab.updated_at);
    assert_eq!(store.get_lab(&lab.id).unwrap(), edited);
    let history = store.history(&lab.id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].op, ChangeOp::Update);
    assert_eq!(history[1].entity, "lab");
    assert_eq!(history[1].installation_id, store.installation_id());
    assert_eq!(
        history[1].changes,
        serde_json::json!({
            "name": {"old": "Lab Inovasi Uji", "new": "Lab Inovasi Kota Uji 2027"},
            "venue": {"old": "Aula", "new": "Gedung Serbaguna"},
            "days": {"old": 3, "new": 4},
            "ideaTarget": {"old": 50, "new": 60},
            "timeZone": {"old": "Asia/Jayapura", "new": "Asia/Makassar"},
        }),
        "only what changed"
    );

    // Refusals name the field and change nothing.
    let before = store.change_count().unwrap();
    for (input, field) in [
        (
            NewLab {
                name: "  ".into(),
                ..new_lab()
            },
            "name",
        ),
        (
            NewLab {
                start_date: "2026-02-30".into(),
                ..new_lab()
            },
            "startDate",
        ),
        (
            NewLab {
                days: 0,
                ..new_lab()
            },
            "days",
        ),
        (
            NewLab {
                days: 32,
                ..new_lab()
            },
            "days",
        ),
        (
            NewLab {
                idea_target: 100_001,
                ..new_lab()
            },
            "ideaTarget",
        ),
        (
            NewLab {
                time_zone: Some("Mars/Olympus".into()),
                ..new_lab()
            },
            "timeZone",
        ),
        (
            NewLab {
                city: "a\u{7}b".into(),
                ..new_lab()
            },
            "city",
        ),
    ] {
        let err = store.update_lab(&lab.id, input).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (ErrorCode::InvalidInput, Some(field))
        );
    }
    assert_eq!(
        store
            .update_lab("no-such-lab", new_lab())
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    assert_eq!(store.get_lab(&lab.id).unwrap(), edited);
    assert_eq!(store.change_count().unwrap(), before);

    // A lab is not shortened under an idea or a session on a day it would lose.
    let four_days = NewLab {
        days: 4,
        ..store_lab_form(&edited)
    };
    let dinkes = store
        .add_agency(&lab.id, agency("DINKES", "Dinas Kesehatan"))
        .unwrap();
    let late = store
        .add_idea(
            &lab.id,
            IdeaInput {
                lab_day: Some(4),
                ..idea(&dinkes.id, "Ide Hari Keempat")
            },
        )
        .unwrap();
    let three_days = NewLab {
        days: 3,
        ..four_days.clone()
    };
    let err = store.update_lab(&lab.id, three_days.clone()).unwrap_err();
    assert_eq!(err.field(), Some("days"));
    assert!(
        err.to_string().contains("1 idea is on a day after day 3"),
        "{err}"
    );
    store
        .update_idea(&late.id, IdeaPatch::new().set("labDay", 2))
        .unwrap();
    let session = store
        .add_session(
            &lab.id,
            crate::model::AgendaInput {
                day: 4,
                starts_at: "08:00".into(),
                ends_at: "09:00".into(),
                title: "Pitching".into(),
                stage: String::new(),
            },
        )
        .unwrap();
    let err = store.update_lab(&lab.id, three_days.clone()).unwrap_err();
    assert!(
        err.to_string()
            .contains("1 agenda session is on a day after day 3"),
        "{err}"
    );
    store.delete_session(&session.id).unwrap();
    assert_eq!(store.update_lab(&lab.id, three_days).unwrap().days, 3);
}

/// The form a lab's edit screen starts from: the lab's own details.
fn store_lab_form(lab: &crate::model::Lab) -> NewLab {
    NewLab {
        name: lab.name.clone(),
        organiser: lab.organiser.clone(),
        city: lab.city.clone(),
        venue: lab.venue.clone(),
        start_date: lab.start_date.clone(),
        days: lab.days,
        idea_target: lab.idea_target,
        time_zone: Some(lab.time_zone.clone()),
    }
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
    assert_eq!(back.fields.description, text);
    assert_eq!(back.fields.title, "Ruang Aman 🚑");
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
fn integrity_check_sees_what_another_connection_wrote() {
    // The CLI and the window may use one file at the same time. SQLite's FTS5 keeps its
    // index structure cached per connection, and PRAGMA integrity_check used that cache
    // without checking whether another connection had written since: it reported
    // "fts5: checksum mismatch" on a healthy database.
    let (dir, window) = temp_store();
    let lab = crate::demo::create_demo_lab(&window).unwrap();
    assert_eq!(window.integrity_check().unwrap(), "ok");
    let cli = Store::open(dir.path().join("lab.db")).unwrap();
    let dinkes = agency_id(&cli, &lab.id, "DINKES");
    cli.add_idea(&lab.id, idea(&dinkes, "Skrining TBC Keliling"))
        .unwrap();
    assert_eq!(window.integrity_check().unwrap(), "ok");
    assert_eq!(
        window
            .similar_ideas(&lab.id, "skrining tbc", None, 1)
            .unwrap()[0]
            .title,
        "Skrining TBC Keliling"
    );
}

#[test]
fn integrity_check_is_ok() {
    let (_dir, store) = temp_store();
    crate::demo::create_demo_lab(&store).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

fn demo_store() -> (tempfile::TempDir, Store, crate::model::Lab) {
    let (dir, store) = temp_store();
    let lab = crate::demo::create_demo_lab(&store).unwrap();
    (dir, store, lab)
}

fn agency_id(store: &Store, lab_id: &str, code: &str) -> String {
    store
        .list_agencies(lab_id)
        .unwrap()
        .into_iter()
        .find(|a| a.code == code)
        .unwrap()
        .id
}

#[test]
fn the_full_form_is_stored_and_option_codes_are_checked() {
    let (_dir, store, lab) = demo_store();
    let dinkes = agency_id(&store, &lab.id, "DINKES");
    let input = IdeaInput {
        stage: "design".into(),
        lab_day: Some(2),
        tahapan: "uji_coba".into(),
        inisiator: "asn".into(),
        jenis: "digital".into(),
        bentuk: "pelayanan_publik".into(),
        urusan: "kesehatan".into(),
        urusan_lain: vec!["kominfo".into(), "kominfo".into(), " sosial ".into()],
        tematik: "digitalisasi_layanan".into(),
        trial_date: "2027-02-01".into(),
        rollout_date: "2027-06-01".into(),
        rancang_bangun: "Dasar hukum: Perwali 12/2026.\nMetode: aplikasi posyandu.".into(),
        tujuan: "Menurunkan stunting".into(),
        manfaat: "Data balita tepat waktu".into(),
        hasil: "Dasbor stunting".into(),
        anggaran: "Rp 150.000.000 (APBD 2027)".into(),
        beneficiaries: "Balita dan ibu hamil".into(),
        benefit_types: vec!["mempersingkat_waktu".into()],
        tags: vec![
            "stunting".into(),
            "Stunting".into(),
            " posyandu ".into(),
            "".into(),
        ],
        ..idea(&dinkes, "Aplikasi Posyandu Terpadu")
    };
    let saved = store.add_idea(&lab.id, input).unwrap();
    let f = &store.get_idea(&saved.id).unwrap().fields;
    assert_eq!(
        f.urusan_lain,
        ["kominfo", "sosial"],
        "trimmed and deduplicated"
    );
    assert_eq!(
        f.tags,
        ["stunting", "posyandu"],
        "tags deduplicated ignoring case"
    );
    assert_eq!(f.lab_day, Some(2));
    assert_eq!(f.anggaran, "Rp 150.000.000 (APBD 2027)");
    assert!(f.rancang_bangun.contains('\n'));

    for (field, patch) in [
        ("jenis", IdeaPatch::new().set("jenis", "analog")),
        (
            "urusanLain",
            IdeaPatch::new().set("urusanLain", vec!["bukan_urusan"]),
        ),
        ("labDay", IdeaPatch::new().set("labDay", 4)),
        (
            "trialDate",
            IdeaPatch::new().set("trialDate", "Februari 2027"),
        ),
        ("warna", IdeaPatch::new().set("warna", "merah")),
    ] {
        let err = store.update_idea(&saved.id, patch).unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
    }
    let err = store
        .update_idea(&saved.id, IdeaPatch::new().set("labDay", "dua"))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert_eq!(
        store.get_idea(&saved.id).unwrap().fields,
        *f,
        "refused edits changed nothing"
    );
}

#[test]
fn options_are_data_a_lab_can_adjust() {
    let (_dir, store, lab) = demo_store();
    let options = store.list_options(&lab.id).unwrap();
    assert!(options
        .iter()
        .any(|o| o.list == "bentuk" && o.code == "pelayanan_publik"));
    assert_eq!(options.iter().filter(|o| o.list == "stage").count(), 6);

    store
        .save_option(
            &lab.id,
            "tematik",
            "stunting",
            "Percepatan penurunan stunting",
            "",
        )
        .unwrap();
    let dinkes = agency_id(&store, &lab.id, "DINKES");
    let i = store
        .add_idea(
            &lab.id,
            IdeaInput {
                tematik: "stunting".into(),
                ..idea(&dinkes, "Gizi Balita")
            },
        )
        .unwrap();
    store.retire_option(&lab.id, "tematik", "stunting").unwrap();
    // The idea keeps its retired option through other edits; new ideas cannot pick it.
    store
        .update_idea(&i.id, IdeaPatch::new().set("problem", "Gizi buruk"))
        .unwrap();
    let err = store
        .add_idea(
            &lab.id,
            IdeaInput {
                tematik: "stunting".into(),
                ..idea(&dinkes, "Lain")
            },
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("tematik"));
    assert!(store
        .save_option(&lab.id, "warna", "merah", "Merah", "Red")
        .is_err());
    assert!(store
        .save_option(&lab.id, "tematik", "Kode Besar", "X", "X")
        .is_err());
}

#[test]
fn trash_restore_and_empty() {
    let (_dir, store, lab) = demo_store();
    let victim = store.list_ideas(&lab.id).unwrap()[0].clone();
    store.delete_idea(&victim.id).unwrap();
    assert_eq!(store.list_ideas(&lab.id).unwrap().len(), 49);
    assert_eq!(store.board(&lab.id).unwrap().idea_count, 49);
    assert_eq!(store.list_trash(&lab.id).unwrap()[0].id, victim.id);
    assert!(store
        .similar_ideas(&lab.id, &victim.fields.title, None, 5)
        .unwrap()
        .iter()
        .all(|s| s.idea_id != victim.id));

    let back = store.restore_idea(&victim.id).unwrap();
    assert_eq!(
        back.fields, victim.fields,
        "restored with everything it had"
    );
    assert_eq!(store.list_ideas(&lab.id).unwrap().len(), 50);
    let ops: Vec<ChangeOp> = store
        .history(&victim.id)
        .unwrap()
        .iter()
        .map(|c| c.op)
        .collect();
    assert_eq!(ops, [ChangeOp::Create, ChangeOp::Delete, ChangeOp::Update]);

    store.delete_idea(&victim.id).unwrap();
    assert_eq!(store.empty_trash(&lab.id).unwrap(), 1);
    assert_eq!(
        store.get_idea(&victim.id).unwrap_err().code(),
        ErrorCode::NotFound
    );
    let ops: Vec<ChangeOp> = store
        .history(&victim.id)
        .unwrap()
        .iter()
        .map(|c| c.op)
        .collect();
    assert_eq!(ops.len(), 5, "the history outlives the idea: {ops:?}");
    assert_eq!(ops[4], ChangeOp::Delete);
    assert_eq!(store.list_ideas(&lab.id).unwrap().len(), 49);
}

#[test]
fn the_lab_list_counts_the_ideas_on_the_board() {
    let (_dir, store, lab) = demo_store();
    let ideas = store.list_ideas(&lab.id).unwrap();
    store.delete_idea(&ideas[0].id).unwrap();
    store.merge_ideas(&ideas[1].id, &ideas[2].id).unwrap();
    let count = || store.list_labs().unwrap()[0].idea_count;
    assert_eq!(store.board(&lab.id).unwrap().idea_count, 48);
    assert_eq!(count(), 48, "trashed and merged ideas are not counted");
    store.restore_idea(&ideas[0].id).unwrap();
    store.unmerge_idea(&ideas[2].id).unwrap();
    assert_eq!(count(), 50);
}

#[test]
fn merge_and_undo_keep_both_histories() {
    let (_dir, store, lab) = demo_store();
    let dinkes = agency_id(&store, &lab.id, "DINKES");
    let a = store
        .add_idea(&lab.id, idea(&dinkes, "Antrean Puskesmas Daring"))
        .unwrap();
    let b = store
        .add_idea(&lab.id, idea(&dinkes, "Antrean Online Puskesmas"))
        .unwrap();
    store.merge_ideas(&a.id, &b.id).unwrap();
    assert_eq!(store.list_ideas(&lab.id).unwrap().len(), 51);
    assert_eq!(store.merged_into(&a.id).unwrap()[0].id, b.id);
    assert_eq!(
        store.merge_ideas(&b.id, &a.id).unwrap_err().field(),
        Some("into")
    );
    assert_eq!(
        store.merge_ideas(&a.id, &a.id).unwrap_err().field(),
        Some("from")
    );

    let back = store.unmerge_idea(&b.id).unwrap();
    assert_eq!(back.merged_into, None);
    assert_eq!(back.fields, b.fields);
    assert_eq!(store.list_ideas(&lab.id).unwrap().len(), 52);
    assert_eq!(
        store.history(&a.id).unwrap().len(),
        3,
        "create, absorbed, released"
    );
    assert_eq!(
        store.history(&b.id).unwrap().len(),
        3,
        "create, merged, unmerged"
    );
}

#[test]
fn similar_ideas_find_affixed_forms_and_ignore_case() {
    let (_dir, store, lab) = demo_store();
    let hits = store
        .similar_ideas(&lab.id, "PELAYANAN antrean puskesmas", None, 5)
        .unwrap();
    assert_eq!(
        hits[0].title, "Antrean Puskesmas dari Rumah (ANTAR)",
        "{hits:?}"
    );
    let hits = store
        .similar_ideas(&lab.id, "pendaftaran sekolah", None, 5)
        .unwrap();
    assert!(
        hits.iter()
            .any(|h| h.title.starts_with("Pendaftaran Sekolah")),
        "{hits:?}"
    );
    assert!(store
        .similar_ideas(&lab.id, "dan di ke", None, 5)
        .unwrap()
        .is_empty());
    let found = store.search_ideas(&lab.id, "sampah digital", 10).unwrap();
    assert_eq!(found[0].fields.title, "Bank Sampah Digital (BASADI)");
}

#[test]
fn a_v1_database_is_migrated_with_options_and_search() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO lab VALUES ('L', 'Lab lama', '', '', '', '2025-01-01', 3, 50, 'Asia/Jakarta', 't', 't');
             INSERT INTO agency VALUES ('A', 'L', 'DINKES', 'Dinas Kesehatan', 'Dinkes', 'Dinas', 1);
             INSERT INTO idea VALUES ('I', 'L', 'A', 'Pelayanan Ambulans', '', '', '', '', 't', 't');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(!store.list_options("L").unwrap().is_empty());
    assert_eq!(
        store
            .similar_ideas("L", "layanan ambulans", None, 5)
            .unwrap()[0]
            .idea_id,
        "I"
    );
    assert_eq!(
        store.get_idea("I").unwrap().fields.urusan_lain,
        Vec::<String>::new()
    );
}

#[test]
fn drafts_keep_what_was_typed_until_the_idea_is_saved() {
    let (_dir, store, lab) = demo_store();
    let dinkes = agency_id(&store, &lab.id, "DINKES");
    let id = uuid::Uuid::now_v7().to_string();
    let typed =
        serde_json::json!({"agencyId": dinkes, "title": "Ambulans Ge", "problem": "baris 1\n"});
    store.save_draft(&id, &lab.id, None, typed.clone()).unwrap();
    let more = serde_json::json!({"agencyId": dinkes, "title": "Ambulans Gratis", "problem": "baris 1\nbaris 2"});
    store.save_draft(&id, &lab.id, None, more.clone()).unwrap();
    let drafts = store.list_drafts(&lab.id).unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].fields, more, "kept exactly as typed");

    assert!(store
        .save_draft("not-a-uuid", &lab.id, None, typed.clone())
        .is_err());
    assert!(store
        .save_draft(&id, &lab.id, None, serde_json::json!("teks"))
        .is_err());
    let before = store.change_count().unwrap();

    // A refused save keeps the draft; a good one removes it in the same transaction.
    let bad = IdeaInput {
        title: " ".into(),
        ..idea(&dinkes, "")
    };
    assert!(store.add_idea_from_draft(&lab.id, bad, &id).is_err());
    assert_eq!(store.list_drafts(&lab.id).unwrap().len(), 1);
    let saved = store
        .add_idea_from_draft(&lab.id, idea(&dinkes, "Ambulans Gratis"), &id)
        .unwrap();
    assert!(store.list_drafts(&lab.id).unwrap().is_empty());
    assert_eq!(
        store.change_count().unwrap(),
        before + 1,
        "drafts are not in the change log"
    );

    let edit = uuid::Uuid::now_v7().to_string();
    store
        .save_draft(
            &edit,
            &lab.id,
            Some(&saved.id),
            serde_json::json!({"title": "Ambulans Gratis 24 Jam"}),
        )
        .unwrap();
    assert_eq!(
        store.get_draft(&edit).unwrap().idea_id.as_deref(),
        Some(saved.id.as_str())
    );
    // A draft of an edit names its idea as saved (the list of drafts shows it); a new
    // idea's draft names none.
    assert_eq!(
        store.get_draft(&edit).unwrap().idea_title,
        "Ambulans Gratis"
    );
    assert_eq!(
        store.list_drafts(&lab.id).unwrap()[0].idea_title,
        "Ambulans Gratis"
    );
    let again = store
        .save_draft(
            &edit,
            &lab.id,
            Some(&saved.id),
            serde_json::json!({"title": "Ambulans Gratis 24 Jam!"}),
        )
        .unwrap();
    assert_eq!(again.idea_title, "Ambulans Gratis");
    store
        .update_idea_from_draft(
            &saved.id,
            IdeaPatch::new().set("title", "Ambulans Gratis 24 Jam"),
            &edit,
        )
        .unwrap();
    assert!(store.list_drafts(&lab.id).unwrap().is_empty());
    // Deleting the idea for good takes its drafts along (foreign key cascade).
    let again = uuid::Uuid::now_v7().to_string();
    store
        .save_draft(&again, &lab.id, Some(&saved.id), serde_json::json!({}))
        .unwrap();
    store.delete_idea(&saved.id).unwrap();
    store.empty_trash(&lab.id).unwrap();
    assert!(store.list_drafts(&lab.id).unwrap().is_empty());
}

/// The capture screen's list: the newest few live ideas, newest first, the same as the
/// head of the whole list, and the count of all; deleted and merged ideas are in neither.
#[test]
fn the_latest_ideas_are_the_newest_live_ones_and_the_count_is_of_all() {
    let (_dir, store, lab) = demo_store();
    let all = store.list_ideas(&lab.id).unwrap();
    let latest = store.latest_ideas(&lab.id, 20).unwrap();
    assert_eq!(latest.total as usize, all.len());
    assert_eq!(latest.ideas, all[..20].to_vec());
    store.delete_idea(&all[0].id).unwrap();
    store.merge_ideas(&all[2].id, &all[1].id).unwrap();
    let latest = store.latest_ideas(&lab.id, 3).unwrap();
    assert_eq!(latest.total as usize, all.len() - 2);
    let ids: Vec<&str> = latest.ideas.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, [&all[2].id, &all[3].id, &all[4].id]);
    // At most 200, whatever is asked; an unknown lab is an error, not an empty list.
    assert_eq!(
        store.latest_ideas(&lab.id, 100_000).unwrap().ideas.len(),
        all.len() - 2
    );
    assert!(store.latest_ideas("no-such-lab", 20).is_err());
}

#[test]
fn purging_an_idea_releases_the_ideas_merged_into_it_searchable_and_in_their_history() {
    let (_dir, store, lab) = demo_store();
    let ideas = store.list_ideas(&lab.id).unwrap();
    let (keeper, merged) = (ideas[0].clone(), ideas[1].clone());
    store.merge_ideas(&keeper.id, &merged.id).unwrap();
    store.delete_idea(&keeper.id).unwrap();
    assert_eq!(store.empty_trash(&lab.id).unwrap(), 1);

    let back = store.get_idea(&merged.id).unwrap();
    assert_eq!(back.merged_into, None);
    assert!(store
        .list_ideas(&lab.id)
        .unwrap()
        .iter()
        .any(|i| i.id == merged.id));
    let hits = store
        .similar_ideas(&lab.id, &merged.fields.title, None, 5)
        .unwrap();
    assert_eq!(
        hits.first().map(|h| h.idea_id.as_str()),
        Some(merged.id.as_str()),
        "{hits:?}"
    );
    let last = store.history(&merged.id).unwrap().pop().unwrap();
    assert_eq!(last.changes["mergedInto"]["new"], serde_json::Value::Null);
    assert_eq!(
        last.changes["mergedInto"]["old"],
        serde_json::json!(keeper.id)
    );
}

#[test]
fn a_v2_database_gets_its_search_keys_and_reindexes_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    let (lab, idea) = {
        let store = Store::open(&path).unwrap();
        let lab = crate::demo::create_demo_lab(&store).unwrap();
        let idea = store.list_ideas(&lab.id).unwrap()[0].clone();
        (lab, idea)
    };
    {
        // What a v2 database looks like: the index without its key table.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TABLE idea_search_key; DROP TABLE idea_note; DROP TABLE pitch_slot;
             DROP TABLE pitch_timer; DROP TABLE show_state; DROP INDEX idea_live;
             ALTER TABLE idea DROP COLUMN status;
             DELETE FROM option_item WHERE list = 'status';
             DROP TABLE vote_tally; DROP TABLE vote_round; DROP TABLE review_score; DROP TABLE review; DROP TABLE review_setting; DROP TABLE rubric_criterion; DROP TABLE field_clock; DROP TABLE tombstone; DROP TABLE merge_conflict;
                 PRAGMA user_version = 2;",
        )
        .unwrap();
        crate::store::test_support::drop_columns_added_after(&conn, 2);
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    store
        .update_idea(
            &idea.id,
            IdeaPatch::new().set("title", "Gerobak Kompos Keliling Warga"),
        )
        .unwrap();
    let hits = store
        .similar_ideas(&lab.id, "gerobak kompos keliling", None, 5)
        .unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].idea_id, idea.id);
    assert!(store
        .search_ideas(&lab.id, &idea.fields.title, 5)
        .unwrap()
        .iter()
        .all(|i| i.id != idea.id));
    assert_eq!(store.integrity_check().unwrap(), "ok");
    // v4 on the way: every idea is captured, and the lab has the status list.
    assert_eq!(store.get_idea(&idea.id).unwrap().fields.status, "captured");
    assert!(store
        .list_options(&lab.id)
        .unwrap()
        .iter()
        .any(|o| o.list == "status"));
}

/// Issue 12: long reads run on read-only connections. One holding a read transaction
/// open does not hold up a save, keeps its own snapshot, and is closed rather than lent
/// again; the board sees every save that returned; the readers cannot write; and they
/// close before the writer, which removes the WAL as before.
#[test]
fn long_reads_use_read_only_connections_that_never_hold_up_a_save() {
    let (dir, store) = temp_store();
    let lab = store.create_lab(new_lab()).unwrap();
    let a = store
        .add_agency(&lab.id, agency("DINKES", "Dinas Kesehatan"))
        .unwrap();
    store
        .add_idea(&lab.id, idea(&a.id, "Posyandu keliling"))
        .unwrap();
    let board = |store: &Store| {
        store
            .board_page(&lab.id, &crate::model::BoardQuery::default())
            .unwrap()
            .total
    };
    assert_eq!(board(&store), 1);

    let count = "SELECT count(*) FROM idea";
    let held = store.read_conn().unwrap();
    held.execute_batch("BEGIN").unwrap();
    let before: i64 = held.query_row(count, [], |r| r.get(0)).unwrap();
    // A save while a reader is inside a read transaction: it returns, it is durable, the
    // board (another reader) sees it, and the held reader still sees its snapshot.
    store
        .add_idea(&lab.id, idea(&a.id, "Antrean daring"))
        .unwrap();
    assert_eq!(board(&store), 2);
    assert_eq!(held.query_row(count, [], |r| r.get(0)), Ok(before));
    let err = held
        .execute("DELETE FROM idea", [])
        .expect_err("a reader cannot write");
    assert_eq!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::ReadOnly),
        "{err}"
    );
    drop(held);
    let idle = store.readers.lock().unwrap().len();
    assert!(
        (1..=IDLE_READERS).contains(&idle),
        "idle readers are kept, the one left in a transaction is not ({idle})"
    );
    for r in store.readers.lock().unwrap().iter() {
        assert!(r.is_autocommit() && !r.is_busy());
    }
    // A reader lent again sees the latest save, not an old snapshot.
    assert_eq!(
        store
            .read_conn()
            .unwrap()
            .query_row(count, [], |r| r.get(0)),
        Ok(2)
    );

    let wal = dir.path().join("lab.db-wal");
    assert!(wal.exists());
    drop(store);
    assert!(!wal.exists(), "the writer closed last and removed the WAL");
}

/// Real validation paths answer with a typed reason and its parameters, and the payload
/// the UI gets carries it.
#[test]
fn refusals_carry_typed_reasons() {
    use crate::error::Reason;
    let (_dir, store) = temp_store();
    let lab = store.create_lab(new_lab()).unwrap();
    let a = store
        .add_agency(&lab.id, agency("DINKES", "Dinas Kesehatan"))
        .unwrap();

    let err = store.add_idea(&lab.id, idea(&a.id, "   ")).unwrap_err();
    assert_eq!(err.reason(), Some(&Reason::Required));
    assert_eq!(err.to_string(), "title: is required");

    let long = "x".repeat(crate::validate::MAX_LINE + 1);
    let err = store.add_idea(&lab.id, idea(&a.id, &long)).unwrap_err();
    assert_eq!(
        err.reason(),
        Some(&Reason::TooLong {
            length: crate::validate::MAX_LINE as u32 + 1,
            max: crate::validate::MAX_LINE as u32,
        })
    );

    let err = store
        .add_idea(
            &lab.id,
            IdeaInput {
                bentuk: "bukan_pilihan".into(),
                ..idea(&a.id, "Judul")
            },
        )
        .unwrap_err();
    assert_eq!(
        (err.field(), err.reason()),
        (
            Some("bentuk"),
            Some(&Reason::NotAnOption {
                value: "bukan_pilihan".into(),
                list: "bentuk".into(),
            })
        )
    );

    let err = store
        .add_agency(&lab.id, agency("dinkes", "Dinas Lain"))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Duplicate);
    let payload = serde_json::to_value(err.payload()).unwrap();
    assert_eq!(
        payload["reason"],
        serde_json::json!({"kind": "taken", "value": "dinkes"})
    );

    let csv = format!("kode,nama\n{}", "X,Y\n".repeat(crate::table::MAX_ROWS + 1));
    let err = store
        .import_agencies(
            &lab.id,
            "opd.csv",
            csv.as_bytes(),
            crate::model::ImportMode::Preview,
        )
        .unwrap_err();
    assert_eq!(
        err.reason(),
        Some(&Reason::TooManyRows {
            max: crate::table::MAX_ROWS as u32
        })
    );
    let payload = serde_json::to_value(err.payload()).unwrap();
    assert_eq!(payload["reason"]["kind"], "tooManyRows");
    assert_eq!(payload["reason"]["max"], 20_000);
}
