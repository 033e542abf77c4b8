use crate::model::*;
use crate::store::test_support::lab_with_agency;
use crate::{ErrorCode, Reason, Store};

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    lab: String,
    dinkes: String,
    dishub: String,
    day1: String,
    day1_pm: String,
    day2: String,
    ani: Person,
    budi: Person,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let (lab, dinkes) = lab_with_agency(&store);
    let dishub = store
        .add_agency(
            &lab.id,
            NewAgency {
                code: "DISHUB".into(),
                name: "Dinas Perhubungan".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let session = |day: u32, from: &str, to: &str| {
        store
            .add_session(
                &lab.id,
                AgendaInput {
                    day,
                    starts_at: from.into(),
                    ends_at: to.into(),
                    title: format!("Sesi {day} {from}"),
                    stage: "diagnose".into(),
                },
            )
            .unwrap()
            .id
    };
    let (day1, day1_pm, day2) = (
        session(1, "08:00", "10:00"),
        session(1, "13:00", "15:00"),
        session(2, "08:00", "10:00"),
    );
    let person = |name: &str, agency: &str| {
        store
            .add_person(
                &lab.id,
                PersonInput {
                    agency_id: Some(agency.into()),
                    name: name.into(),
                    position: "Kepala Dinas".into(),
                    role: PersonRole::KepalaOpd,
                },
            )
            .unwrap()
    };
    let ani = person("Ani Lestari", &dinkes.id);
    let budi = person("Budi Santoso", &dishub.id);
    Fixture {
        lab: lab.id,
        dinkes: dinkes.id,
        dishub: dishub.id,
        day1,
        day1_pm,
        day2,
        ani,
        budi,
        store,
        _dir: dir,
    }
}

fn tick(person: &Person) -> AttendanceInput {
    AttendanceInput {
        person_id: Some(person.id.clone()),
        present: true,
        ..Default::default()
    }
}

fn walk_in(name: &str, agency: Option<&str>, present: bool) -> AttendanceInput {
    AttendanceInput {
        name: name.into(),
        agency_id: agency.map(Into::into),
        present,
        ..Default::default()
    }
}

#[test]
fn ticking_is_idempotent_and_unticking_keeps_the_record() {
    let f = fixture();
    let a = f.store.set_attendance(&f.day1, tick(&f.ani)).unwrap();
    assert_eq!(
        (a.name.as_str(), a.agency_id.as_deref(), a.present),
        ("Ani Lestari", Some(f.dinkes.as_str()), true)
    );
    let log = f.store.change_count().unwrap();
    // The same tick again (another press, a double click) writes nothing.
    let again = f.store.set_attendance(&f.day1, tick(&f.ani)).unwrap();
    assert_eq!(again, a);
    assert_eq!(f.store.change_count().unwrap(), log);
    // Unticking someone never ticked writes nothing either.
    let never = AttendanceInput {
        present: false,
        ..tick(&f.budi)
    };
    assert!(!f.store.set_attendance(&f.day1, never).unwrap().present);
    assert_eq!(f.store.change_count().unwrap(), log);
    // Unticking Ani keeps her row, absent, with one change logged.
    let off = AttendanceInput {
        present: false,
        ..tick(&f.ani)
    };
    assert!(!f.store.set_attendance(&f.day1, off).unwrap().present);
    assert_eq!(f.store.change_count().unwrap(), log + 1);
    let rows = f.store.attendance(&f.lab).unwrap();
    assert_eq!(rows.len(), 1);
    assert!(!rows[0].present);
    let history = f
        .store
        .history(&format!("{}/p:{}", f.day1, f.ani.id))
        .unwrap();
    assert_eq!(history.len(), 2, "the tick and the untick are in the log");
    assert_eq!(history[1].changes["present"]["new"], 0);
}

#[test]
fn a_name_written_in_is_one_attendee_however_it_is_typed() {
    let f = fixture();
    let a = f
        .store
        .set_attendance(&f.day1, walk_in("  Citra   Dewi ", Some(&f.dishub), true))
        .unwrap();
    assert_eq!(a.name, "Citra Dewi");
    assert_eq!(a.attendee, format!("n:{}:citra dewi", f.dishub));
    let b = f
        .store
        .set_attendance(&f.day1, walk_in("citra dewi", Some(&f.dishub), true))
        .unwrap();
    assert_eq!(b.attendee, a.attendee);
    assert_eq!(b.name, "Citra Dewi", "the first spelling stays");
    // A guest of no agency is allowed.
    let guest = f
        .store
        .set_attendance(&f.day1, walk_in("Tamu LAN", None, true))
        .unwrap();
    assert_eq!(guest.agency_id, None);
    assert_eq!(f.store.attendance(&f.lab).unwrap().len(), 2);
}

#[test]
fn counts_per_session_day_and_agency_count_people_once() {
    let f = fixture();
    for s in [&f.day1, &f.day1_pm, &f.day2] {
        f.store.set_attendance(s, tick(&f.ani)).unwrap();
    }
    f.store.set_attendance(&f.day1, tick(&f.budi)).unwrap();
    f.store
        .set_attendance(&f.day2, walk_in("Citra Dewi", Some(&f.dishub), true))
        .unwrap();
    f.store
        .set_attendance(&f.day2, walk_in("Tamu LAN", None, true))
        .unwrap();
    // Budi ticked by mistake in the afternoon, then unticked: not counted.
    f.store.set_attendance(&f.day1_pm, tick(&f.budi)).unwrap();
    f.store
        .set_attendance(
            &f.day1_pm,
            AttendanceInput {
                present: false,
                ..tick(&f.budi)
            },
        )
        .unwrap();
    let c = f.store.attendance_counts(&f.lab).unwrap();
    let per_session: Vec<u32> = c.per_session.iter().map(|s| s.present).collect();
    assert_eq!(per_session, [2, 1, 3]);
    let per_day: Vec<(u32, &str, u32)> = c
        .per_day
        .iter()
        .map(|d| (d.day, d.date.as_str(), d.people))
        .collect();
    assert_eq!(
        per_day,
        [
            (1, "2026-11-02", 2),
            (2, "2026-11-03", 3),
            (3, "2026-11-04", 0)
        ]
    );
    let per_agency: Vec<(&str, Vec<u32>, u32)> = c
        .per_agency
        .iter()
        .map(|a| (a.code.as_str(), a.per_day.clone(), a.people))
        .collect();
    assert_eq!(
        per_agency,
        [
            ("DINKES", vec![1, 1, 0], 1),
            ("DISHUB", vec![1, 1, 0], 2),
            ("", vec![0, 1, 0], 1)
        ]
    );
    assert_eq!((c.people, c.agencies_present), (4, 2));
}

#[test]
fn a_tick_must_name_a_session_person_or_agency_of_the_lab() {
    let f = fixture();
    let err = f.store.set_attendance("nope", tick(&f.ani)).unwrap_err();
    assert_eq!(
        (err.code(), err.field(), err.reason()),
        (
            ErrorCode::InvalidInput,
            Some("sessionId"),
            Some(&Reason::ChooseSession)
        )
    );
    let stranger = AttendanceInput {
        person_id: Some("someone-else".into()),
        present: true,
        ..Default::default()
    };
    let err = f.store.set_attendance(&f.day1, stranger).unwrap_err();
    assert_eq!(err.reason(), Some(&Reason::ChoosePerson));
    let err = f
        .store
        .set_attendance(&f.day1, walk_in("   ", Some(&f.dishub), true))
        .unwrap_err();
    assert_eq!(
        (err.field(), err.reason()),
        (Some("name"), Some(&Reason::Required))
    );
    // An agency of another lab.
    let (_, other) = lab_with_agency(&f.store);
    let err = f
        .store
        .set_attendance(&f.day1, walk_in("Dewi", Some(&other.id), true))
        .unwrap_err();
    assert_eq!(err.reason(), Some(&Reason::ChooseAgency));
    assert!(f.store.attendance(&f.lab).unwrap().is_empty());
}

#[test]
fn a_removed_session_takes_its_attendance_and_a_removed_person_still_came() {
    let f = fixture();
    f.store.set_attendance(&f.day1, tick(&f.ani)).unwrap();
    f.store.set_attendance(&f.day2, tick(&f.ani)).unwrap();
    f.store.delete_session(&f.day2).unwrap();
    f.store.remove_person(&f.ani.id).unwrap();
    let rows = f.store.attendance(&f.lab).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name, "Ani Lestari");
    assert_eq!(f.store.attendance_counts(&f.lab).unwrap().people, 1);
}

fn settings() -> ReportSettings {
    ReportSettings {
        basis: "1. Permendagri 38/2017\r\n2. SK Wali Kota".into(),
        purpose: "Menumbuhkan budaya inovasi.".into(),
        follow_up: "Pendampingan rencana aksi tiap bulan.".into(),
        signer_name: "Dr. Ahmad Fauzi, M.Si.".into(),
        signer_position: "Kepala Bappeda".into(),
        signer_nip: "19750812 200312 1 004".into(),
        sign_place: "Cilegon".into(),
        sign_date: "04/11/2026".into(),
    }
}

#[test]
fn report_settings_are_checked_saved_and_logged_per_field() {
    let f = fixture();
    assert_eq!(
        f.store.report_settings(&f.lab).unwrap(),
        ReportSettings::default()
    );
    let saved = f.store.set_report_settings(&f.lab, settings()).unwrap();
    assert_eq!(saved.signer_nip, "197508122003121004");
    assert_eq!(saved.sign_date, "2026-11-04");
    assert_eq!(saved.basis, "1. Permendagri 38/2017\n2. SK Wali Kota");
    assert_eq!(f.store.report_settings(&f.lab).unwrap(), saved);
    let log = f.store.change_count().unwrap();
    f.store.set_report_settings(&f.lab, saved.clone()).unwrap();
    assert_eq!(f.store.change_count().unwrap(), log, "nothing changed");
    let moved = ReportSettings {
        sign_place: "Kota Cilegon".into(),
        ..saved.clone()
    };
    f.store.set_report_settings(&f.lab, moved).unwrap();
    let history = f.store.history(&f.lab).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.entity, "report_setting");
    assert_eq!(
        last.changes,
        serde_json::json!({"signPlace": {"old": "Cilegon", "new": "Kota Cilegon"}})
    );
}

#[test]
fn a_bad_nip_or_date_is_refused_with_its_reason_and_nothing_saved() {
    let f = fixture();
    let cases = [
        (
            "1975081220031210",
            "signerNip",
            Reason::NipDigits { length: 16 },
        ),
        (
            "19750812200312100A",
            "signerNip",
            Reason::NipDigits { length: 17 },
        ),
        // 13th month of birth.
        ("197513122003121004", "signerNip", Reason::NipParts),
        // Appointed in month 00.
        ("197508122003001004", "signerNip", Reason::NipParts),
        // Sex 3.
        ("197508122003123004", "signerNip", Reason::NipParts),
        // Appointed before birth.
        ("197508121970121004", "signerNip", Reason::NipParts),
    ];
    for (nip, field, reason) in cases {
        let err = f
            .store
            .set_report_settings(
                &f.lab,
                ReportSettings {
                    signer_nip: nip.into(),
                    ..settings()
                },
            )
            .unwrap_err();
        assert_eq!(
            (err.code(), err.field(), err.reason()),
            (ErrorCode::InvalidInput, Some(field), Some(&reason)),
            "{nip}"
        );
    }
    let err = f
        .store
        .set_report_settings(
            &f.lab,
            ReportSettings {
                sign_date: "besok".into(),
                ..settings()
            },
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("signDate"));
    assert_eq!(
        f.store.report_settings(&f.lab).unwrap(),
        ReportSettings::default()
    );
    // An empty NIP is fine: not every signer is a civil servant.
    let saved = f
        .store
        .set_report_settings(
            &f.lab,
            ReportSettings {
                signer_nip: " ".into(),
                ..settings()
            },
        )
        .unwrap();
    assert_eq!(saved.signer_nip, "");
}
