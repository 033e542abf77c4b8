//! Hostile text in every field a person or a file can fill: very long text, emoji (ZWJ
//! sequences and skin tones), right-to-left script, bidi controls, control characters
//! and invalid UTF-8.
//!
//! The rules these tests hold the core to (decided per field, see `validate.rs`):
//! - Anything printable is stored exactly as typed and read back byte for byte: emoji,
//!   Arabic, bidi marks (U+200F, U+202B, U+202E ...: they belong to right-to-left text
//!   copied from documents), up to 100,000 characters in a multi-line
//!   field (problem, description, the form's long answers) and 500 in a one-line field.
//! - Line breaks and tabs are kept in multi-line fields and folded into spaces in one-line
//!   fields (a title pasted from a document often carries one).
//! - NUL, BEL, ESC and every other C0/C1 control character are refused, with the field
//!   named: they cannot be shown, and silently dropping them would change what was typed.
//!   So is text over the limit.
//! - Invalid UTF-8 can only arrive in a CSV file (the IPC and the CLI carry JSON and
//!   Rust strings); it is reported on its row and column, and the rest of the file reads.
//! - A refusal writes nothing and loses nothing: earlier data, the change log and an open
//!   draft stay as they were.

use labinov_core::model::{
    AgendaInput, BoardQuery, IdeaInput, IdeaPatch, ImportMode, NewAgency, NewLab, PersonInput,
    PersonRole,
};
use labinov_core::{ErrorCode, Store};
use serde_json::json;

const EMOJI: &str = "Posyandu 🚑 👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽 ❤️‍🔥 🇮🇩";
const RTL: &str = "خدمة عامة رقمية — Layanan \u{200F}مرحبا\u{200F}";
const BIDI: &str = "abc \u{202E}fed\u{202C} \u{2067}עברית\u{2069}";
const MIXED: &str = "Baris satu\n\t• \"kutip\" <b>&amp;</b> 中文 ﷽ Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇";

/// The controls a keyboard, a paste or a file can carry, each with its name.
const CONTROLS: [(&str, &str); 6] = [
    ("NUL", "a\u{0}b"),
    ("BEL", "a\u{7}b"),
    ("ESC", "a\u{1b}[31mb"),
    ("DEL", "a\u{7f}b"),
    ("C1 NEL", "a\u{85}b"),
    ("vertical tab", "a\u{b}b"),
];

fn long(n: usize) -> String {
    // Several scripts and a four-byte character, so byte and character counts differ.
    "Aé中🚑".chars().cycle().take(n).collect()
}

struct Lab {
    _dir: tempfile::TempDir,
    store: Store,
    lab: String,
    agency: String,
}

fn lab() -> Lab {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let lab = store
        .create_lab(NewLab {
            name: "Lab".into(),
            start_date: "2026-11-02".into(),
            days: 3,
            idea_target: 50,
            ..Default::default()
        })
        .unwrap()
        .id;
    let agency = store
        .add_agency(
            &lab,
            NewAgency {
                code: "DINKES".into(),
                name: "Dinas Kesehatan".into(),
                short_name: "Dinkes".into(),
                group: "Dinas".into(),
            },
        )
        .unwrap()
        .id;
    Lab {
        _dir: dir,
        store,
        lab,
        agency,
    }
}

/// The idea's text fields by their API names: (name, one-line?).
const IDEA_TEXT_FIELDS: [(&str, bool); 11] = [
    ("title", true),
    ("proposerName", true),
    ("proposerPosition", true),
    ("anggaran", true),
    ("problem", false),
    ("description", false),
    ("rancangBangun", false),
    ("tujuan", false),
    ("manfaat", false),
    ("hasil", false),
    ("beneficiaries", false),
];

fn with_field(agency: &str, field: &str, value: &str) -> IdeaInput {
    let mut input = IdeaInput {
        agency_id: agency.into(),
        title: "Judul".into(),
        ..Default::default()
    };
    let slot = match field {
        "title" => &mut input.title,
        "proposerName" => &mut input.proposer_name,
        "proposerPosition" => &mut input.proposer_position,
        "anggaran" => &mut input.anggaran,
        "problem" => &mut input.problem,
        "description" => &mut input.description,
        "rancangBangun" => &mut input.rancang_bangun,
        "tujuan" => &mut input.tujuan,
        "manfaat" => &mut input.manfaat,
        "hasil" => &mut input.hasil,
        "beneficiaries" => &mut input.beneficiaries,
        "tags" => {
            input.tags = vec![value.into()];
            return input;
        }
        other => panic!("unknown field {other}"),
    };
    *slot = value.into();
    input
}

fn field_of(i: &IdeaInput, field: &str) -> String {
    match field {
        "title" => i.title.clone(),
        "proposerName" => i.proposer_name.clone(),
        "proposerPosition" => i.proposer_position.clone(),
        "anggaran" => i.anggaran.clone(),
        "problem" => i.problem.clone(),
        "description" => i.description.clone(),
        "rancangBangun" => i.rancang_bangun.clone(),
        "tujuan" => i.tujuan.clone(),
        "manfaat" => i.manfaat.clone(),
        "hasil" => i.hasil.clone(),
        "beneficiaries" => i.beneficiaries.clone(),
        "tags" => i.tags.join("|"),
        other => panic!("unknown field {other}"),
    }
}

#[test]
fn printable_text_in_every_idea_field_is_stored_and_read_back_intact() {
    let l = lab();
    for (field, one_line) in IDEA_TEXT_FIELDS {
        let max = if one_line { 500 } else { 100_000 };
        let samples = [
            EMOJI.to_owned(),
            RTL.to_owned(),
            BIDI.to_owned(),
            long(max),
            if one_line {
                MIXED.replace(['\n', '\t'], " ")
            } else {
                MIXED.to_owned()
            },
        ];
        for value in samples {
            let saved = l
                .store
                .add_idea(&l.lab, with_field(&l.agency, field, &value))
                .unwrap_or_else(|e| panic!("{field}: {e}"));
            // Read back through a fresh query.
            let back = l.store.get_idea(&saved.id).unwrap();
            assert_eq!(field_of(&back.fields, field), value, "{field}");
            assert_eq!(
                back.fields, saved.fields,
                "{field}: what was returned is what is stored"
            );
        }
    }
    // Tags are one-line values of at most 60 characters each.
    for tag in ["🚑👩‍👩‍👧‍👦", "رقمية", "a\u{202E}b"] {
        let saved = l
            .store
            .add_idea(&l.lab, with_field(&l.agency, "tags", tag))
            .unwrap();
        assert_eq!(l.store.get_idea(&saved.id).unwrap().fields.tags, [tag]);
    }
    // The same values survive reopening the database.
    let n = l.store.list_ideas(&l.lab).unwrap().len();
    let path = l._dir.path().join("lab.db");
    let before = l.store.list_ideas(&l.lab).unwrap();
    drop(l.store);
    let again = Store::open(&path).unwrap();
    assert_eq!(again.list_ideas(&l.lab).unwrap().len(), n);
    assert_eq!(again.list_ideas(&l.lab).unwrap(), before);
    assert_eq!(again.integrity_check().unwrap(), "ok");
}

#[test]
fn one_line_fields_fold_line_breaks_and_keep_the_rest() {
    let l = lab();
    let i = l
        .store
        .add_idea(
            &l.lab,
            with_field(&l.agency, "title", "  Satu\r\nDua\tTiga 🚑 "),
        )
        .unwrap();
    assert_eq!(i.fields.title, "Satu  Dua Tiga 🚑");
    let i = l
        .store
        .add_idea(&l.lab, with_field(&l.agency, "problem", "a\r\nb\rc\n\td"))
        .unwrap();
    assert_eq!(
        i.fields.problem, "a\nb\nc\n\td",
        "CRLF and CR become LF, tabs stay"
    );
}

#[test]
fn control_characters_and_overlong_text_are_refused_with_the_field_and_nothing_is_lost() {
    let l = lab();
    let kept = l
        .store
        .add_idea(&l.lab, with_field(&l.agency, "description", MIXED))
        .unwrap();
    let changes = l.store.change_count().unwrap();
    let mut fields: Vec<(&str, bool)> = IDEA_TEXT_FIELDS.to_vec();
    fields.push(("tags", true));
    for (field, one_line) in fields {
        let too_long = long(if field == "tags" {
            61
        } else if one_line {
            501
        } else {
            100_001
        });
        let mut bad: Vec<(String, String)> = CONTROLS
            .iter()
            .map(|(name, v)| (name.to_string(), v.to_string()))
            .collect();
        bad.push(("too long".into(), too_long));
        for (what, value) in bad {
            let err = l
                .store
                .add_idea(&l.lab, with_field(&l.agency, field, &value))
                .expect_err(&format!("{field} with {what} must be refused"));
            assert_eq!(
                (err.code(), err.field()),
                (ErrorCode::InvalidInput, Some(field)),
                "{field} with {what}: {err}"
            );
            // The same through an edit of an existing idea: refused, the idea unchanged.
            let mut patch = IdeaPatch::new();
            patch.0.insert(
                field.into(),
                if field == "tags" {
                    json!([value])
                } else {
                    json!(value)
                },
            );
            let err = l.store.update_idea(&kept.id, patch).unwrap_err();
            assert_eq!(err.field(), Some(field), "edit of {field} with {what}");
        }
    }
    assert_eq!(l.store.list_ideas(&l.lab).unwrap().len(), 1);
    assert_eq!(l.store.get_idea(&kept.id).unwrap().fields, kept.fields);
    assert_eq!(
        l.store.change_count().unwrap(),
        changes,
        "nothing was logged"
    );
    assert_eq!(l.store.integrity_check().unwrap(), "ok");
}

#[test]
fn a_refused_save_from_a_draft_keeps_the_draft_as_typed() {
    let l = lab();
    let draft_id = "0193a000-0000-7000-8000-000000000001";
    let typed = json!({
        "title": "Judul \u{0} dengan NUL",
        "description": long(100_000),
        "problem": format!("{EMOJI}\n{RTL}\n{BIDI}"),
    });
    l.store
        .save_draft(draft_id, &l.lab, None, typed.clone())
        .unwrap();
    let err = l
        .store
        .add_idea_from_draft(
            &l.lab,
            with_field(&l.agency, "title", "Judul \u{0} dengan NUL"),
            draft_id,
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("title"));
    let draft = l.store.get_draft(draft_id).unwrap();
    assert_eq!(draft.fields, typed, "the draft keeps every character typed");
    assert!(l.store.list_ideas(&l.lab).unwrap().is_empty());
    // Once the title is fixed the idea is saved and the draft goes, in one step.
    let i = l
        .store
        .add_idea_from_draft(
            &l.lab,
            IdeaInput {
                problem: typed["problem"].as_str().unwrap().into(),
                description: typed["description"].as_str().unwrap().into(),
                ..with_field(&l.agency, "title", "Judul 🚑")
            },
            draft_id,
        )
        .unwrap();
    assert_eq!(i.fields.description.chars().count(), 100_000);
    assert!(l.store.get_draft(draft_id).is_err());
}

#[test]
fn emoji_and_right_to_left_ideas_are_found_and_marked_on_the_board() {
    let l = lab();
    let i = l
        .store
        .add_idea(
            &l.lab,
            IdeaInput {
                problem: format!("{RTL} {BIDI}"),
                ..with_field(&l.agency, "title", EMOJI)
            },
        )
        .unwrap();
    let page = l
        .store
        .board_page(
            &l.lab,
            &BoardQuery {
                text: "رقمية".into(),
                limit: 50,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(page.cards.len(), 1, "an Arabic word finds the idea");
    assert_eq!(page.cards[0].id, i.id);
    assert_eq!(page.cards[0].title, EMOJI);
    let snippet = page.cards[0].snippet.as_deref().unwrap();
    assert!(snippet.contains("\u{E000}رقمية\u{E001}"), "{snippet}");
    let similar = l
        .store
        .similar_ideas(&l.lab, "Posyandu 🚑", None, 5)
        .unwrap();
    assert_eq!(similar.len(), 1);
}

#[test]
fn text_holding_the_snippet_marks_cannot_fake_a_highlight() {
    // U+E000/U+E001 mark matches in a board snippet. A person can paste them (they are
    // private-use characters some icon fonts use); the snippet must not pass them on as
    // marks, or the board would highlight text that did not match.
    let l = lab();
    l.store
        .add_idea(
            &l.lab,
            with_field(
                &l.agency,
                "description",
                "\u{E000}palsu\u{E001} posyandu keliling",
            ),
        )
        .unwrap();
    let page = l
        .store
        .board_page(
            &l.lab,
            &BoardQuery {
                text: "posyandu".into(),
                limit: 50,
                ..Default::default()
            },
        )
        .unwrap();
    let s = page.cards[0].snippet.as_deref().unwrap();
    assert_eq!(s.matches('\u{E000}').count(), 1, "{s}");
    assert_eq!(s.matches('\u{E001}').count(), 1, "{s}");
    assert!(s.contains("\u{E000}posyandu\u{E001}"), "{s}");
    assert!(
        s.contains("palsu"),
        "the rest of the text is still shown: {s}"
    );
}

#[test]
fn agencies_labs_agenda_and_people_keep_printable_text_and_refuse_controls() {
    let l = lab();
    let s = &l.store;
    let ok = [EMOJI, RTL, BIDI];
    for (n, v) in ok.iter().enumerate() {
        let a = s
            .add_agency(
                &l.lab,
                NewAgency {
                    code: format!("K{n}{}", &v[..v.char_indices().nth(3).unwrap().0]),
                    name: v.to_string(),
                    short_name: v.to_string(),
                    group: v.to_string(),
                },
            )
            .unwrap();
        let back = s.get_agency(&a.id).unwrap();
        assert_eq!(
            (
                back.name.as_str(),
                back.short_name.as_str(),
                back.group.as_str()
            ),
            (*v, *v, *v)
        );
        let p = s
            .add_person(
                &l.lab,
                PersonInput {
                    agency_id: Some(a.id.clone()),
                    name: v.to_string(),
                    position: v.to_string(),
                    role: PersonRole::Staff,
                },
            )
            .unwrap();
        let back = s
            .list_people(&l.lab)
            .unwrap()
            .into_iter()
            .find(|x| x.id == p.id)
            .unwrap();
        assert_eq!((back.name.as_str(), back.position.as_str()), (*v, *v));
        let session = s
            .add_session(
                &l.lab,
                AgendaInput {
                    day: 1,
                    starts_at: "08.30".into(),
                    ends_at: "10:00".into(),
                    title: v.to_string(),
                    stage: String::new(),
                },
            )
            .unwrap();
        assert_eq!(session.title, *v);
        assert_eq!(session.starts_at, "08:30");
    }
    let name500 = long(500);
    let lab2 = s
        .create_lab(NewLab {
            name: name500.clone(),
            organiser: EMOJI.into(),
            city: RTL.into(),
            venue: BIDI.into(),
            start_date: "28/11/2026".into(),
            days: 3,
            idea_target: 10,
            time_zone: None,
        })
        .unwrap();
    let back = s.get_lab(&lab2.id).unwrap();
    assert_eq!(
        (
            back.name.as_str(),
            back.organiser.as_str(),
            back.city.as_str(),
            back.venue.as_str()
        ),
        (name500.as_str(), EMOJI, RTL, BIDI)
    );
    assert_eq!(back.start_date, "2026-11-28");

    let changes = s.change_count().unwrap();
    let agencies = s.list_agencies(&l.lab).unwrap();
    let mut bad: Vec<(String, String)> = CONTROLS
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    bad.push(("too long".into(), long(501)));
    for (what, v) in &bad {
        let agency = |field: &str| NewAgency {
            code: if field == "code" {
                v.clone()
            } else {
                "BARU".into()
            },
            name: if field == "name" {
                v.clone()
            } else {
                "Baru".into()
            },
            short_name: if field == "shortName" {
                v.clone()
            } else {
                String::new()
            },
            group: if field == "group" {
                v.clone()
            } else {
                String::new()
            },
        };
        for field in ["code", "name", "shortName", "group"] {
            let err = s.add_agency(&l.lab, agency(field)).unwrap_err();
            assert_eq!(
                (err.code(), err.field()),
                (ErrorCode::InvalidInput, Some(field)),
                "{field} {what}"
            );
            let err = s.edit_agency(&l.agency, agency(field)).unwrap_err();
            assert_eq!(err.field(), Some(field), "edit {field} {what}");
        }
        for field in ["name", "position"] {
            let err = s
                .add_person(
                    &l.lab,
                    PersonInput {
                        agency_id: None,
                        name: if field == "name" {
                            v.clone()
                        } else {
                            "Budi".into()
                        },
                        position: if field == "position" {
                            v.clone()
                        } else {
                            String::new()
                        },
                        role: PersonRole::Facilitator,
                    },
                )
                .unwrap_err();
            assert_eq!(err.field(), Some(field), "person {field} {what}");
        }
        let err = s
            .add_session(
                &l.lab,
                AgendaInput {
                    day: 1,
                    starts_at: "08:00".into(),
                    ends_at: "09:00".into(),
                    title: v.clone(),
                    stage: String::new(),
                },
            )
            .unwrap_err();
        assert_eq!(err.field(), Some("title"), "session title {what}");
        for field in ["name", "organiser", "city", "venue"] {
            let mut input = NewLab {
                name: "Lab".into(),
                start_date: "2026-11-02".into(),
                days: 3,
                idea_target: 50,
                ..Default::default()
            };
            match field {
                "name" => input.name = v.clone(),
                "organiser" => input.organiser = v.clone(),
                "city" => input.city = v.clone(),
                _ => input.venue = v.clone(),
            }
            assert_eq!(
                s.create_lab(input.clone()).unwrap_err().field(),
                Some(field),
                "lab {field} {what}"
            );
            assert_eq!(
                s.update_lab(&l.lab, input).unwrap_err().field(),
                Some(field),
                "lab edit {field} {what}"
            );
        }
    }
    // Times and dates: garbage, controls, other scripts' digits.
    for (field, bad_time) in [
        ("startsAt", "08\u{0}30"),
        ("startsAt", "٠٨:٣٠"),
        ("startsAt", "25.00"),
        ("startsAt", &long(100_000)),
        ("endsAt", "🚑"),
    ] {
        let (starts_at, ends_at) = if field == "startsAt" {
            (bad_time.to_string(), "10:00".to_string())
        } else {
            ("08:00".to_string(), bad_time.to_string())
        };
        let err = s
            .add_session(
                &l.lab,
                AgendaInput {
                    day: 1,
                    starts_at,
                    ends_at,
                    title: "Sesi".into(),
                    stage: String::new(),
                },
            )
            .unwrap_err();
        assert_eq!(err.field(), Some(field), "{bad_time:?}");
    }
    for bad_date in ["28/11/2026\u{0}", "٢٨/١١/٢٠٢٦", "🚑", "9999999-01-01"] {
        let err = s
            .add_idea(
                &l.lab,
                IdeaInput {
                    trial_date: bad_date.into(),
                    ..with_field(&l.agency, "title", "x")
                },
            )
            .unwrap_err();
        assert_eq!(err.field(), Some("trialDate"), "{bad_date:?}");
    }
    assert_eq!(
        s.list_agencies(&l.lab).unwrap(),
        agencies,
        "no agency changed"
    );
    assert_eq!(s.change_count().unwrap(), changes, "nothing was logged");
}

fn csv_ideas(rows: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = b"opd;judul;deskripsi\n".to_vec();
    for (title, description) in rows {
        out.extend_from_slice(b"DINKES;\"");
        out.extend_from_slice(title.replace('"', "\"\"").as_bytes());
        out.extend_from_slice(b"\";\"");
        out.extend_from_slice(description);
        out.extend_from_slice(b"\"\n");
    }
    out
}

#[test]
fn csv_imports_keep_printable_text_and_report_controls_and_bad_utf8_per_row() {
    let l = lab();
    let long_text = long(100_000);
    let good: Vec<(&str, &[u8])> = vec![
        (EMOJI, RTL.as_bytes()),
        (BIDI, b"Baris satu\nbaris dua\t\xF0\x9F\x9A\x91"),
        ("Panjang", long_text.as_bytes()),
    ];
    let report = l
        .store
        .import_ideas(
            &l.lab,
            "ide.csv",
            &csv_ideas(&good),
            ImportMode::AllOrNothing,
        )
        .unwrap();
    assert!(report.applied, "{:?}", report.rows);
    let ideas = l.store.list_ideas(&l.lab).unwrap();
    for (title, description) in &good {
        let i = ideas.iter().find(|i| i.fields.title == *title).unwrap();
        assert_eq!(i.fields.description.as_bytes(), *description, "{title}");
    }

    let too_long = long(100_001);
    let bad: Vec<(&str, &[u8])> = vec![
        ("Baik 🚑", b"baik"),
        ("NUL", b"a\x00b"),
        ("Bel", b"a\x07b"),
        ("Esc", b"a\x1b[0mb"),
        ("Latin-1", b"Dinas Pariwisata \xE9"),
        ("Potong", b"\xF0\x9F\x9A"),
        ("Panjang sekali", too_long.as_bytes()),
        ("Baik juga \u{202E}", b"ok"),
    ];
    let file = csv_ideas(&bad);
    let before = l.store.list_ideas(&l.lab).unwrap();
    let report = l
        .store
        .import_ideas(&l.lab, "ide.csv", &file, ImportMode::AllOrNothing)
        .unwrap();
    assert!(!report.applied);
    assert_eq!((report.total, report.good, report.refused), (8, 2, 6));
    for (row, (title, _)) in report.rows.iter().zip(&bad) {
        let refused = !title.starts_with("Baik");
        assert_eq!(
            !row.problems.is_empty(),
            refused,
            "{title}: {:?}",
            row.problems
        );
        if refused {
            assert_eq!(row.problems[0].field, "description", "{title}");
        }
    }
    assert!(report.rows[4].problems[0]
        .reason
        .to_string()
        .contains("UTF-8"));
    assert_eq!(
        l.store.list_ideas(&l.lab).unwrap(),
        before,
        "all or nothing wrote nothing"
    );
    let report = l
        .store
        .import_ideas(&l.lab, "ide.csv", &file, ImportMode::SkipRefused)
        .unwrap();
    assert!(report.applied);
    let after = l.store.list_ideas(&l.lab).unwrap();
    assert_eq!(after.len(), before.len() + 2);
    assert!(after.iter().any(|i| i.fields.title == "Baik juga \u{202E}"));

    // Rosters too: a bad cell is reported with its column, the good rows import.
    let roster = b"kode,nama,singkatan\nA1,Dinas \xF0\x9F\x9A\x91 \xD8\xB9,\xE2\x80\xAEx\nA2,Dinas \x1b,\nA3,\xE9t\xE9,\nA4,\"Dua\nbaris\",\n".to_vec();
    let report = l
        .store
        .import_agencies(&l.lab, "opd.csv", &roster, ImportMode::SkipRefused)
        .unwrap();
    assert_eq!((report.good, report.refused), (2, 2), "{:?}", report.rows);
    assert_eq!(report.rows[1].problems[0].field, "name");
    assert_eq!(report.rows[2].problems[0].field, "name");
    let agencies = l.store.list_agencies(&l.lab).unwrap();
    let a1 = agencies.iter().find(|a| a.code == "A1").unwrap();
    assert_eq!(a1.name, "Dinas 🚑 ع");
    assert_eq!(a1.short_name, "\u{202E}x");
    let a4 = agencies.iter().find(|a| a.code == "A4").unwrap();
    assert_eq!(
        a4.name, "Dua baris",
        "a line break in a one-line field becomes a space"
    );
    assert_eq!(l.store.integrity_check().unwrap(), "ok");
}

fn xlsx(rows: &[Vec<String>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, v).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn xlsx_imports_keep_printable_text_and_refuse_controls_per_row() {
    let l = lab();
    let long_text = long(20_000); // Excel's own limit for a cell is 32,767 UTF-16 units.
    let rows = vec![
        vec!["opd".into(), "judul".into(), "masalah".into(), "tag".into()],
        vec![
            "DINKES".into(),
            EMOJI.into(),
            RTL.into(),
            "🚑; رقمية".into(),
        ],
        vec![
            "DINKES".into(),
            BIDI.into(),
            long_text.clone(),
            String::new(),
        ],
        vec![
            "DINKES".into(),
            "Bel".into(),
            "a\u{7}b".into(),
            String::new(),
        ],
        vec![
            "DINKES".into(),
            "Esc".into(),
            "a\u{1b}b".into(),
            String::new(),
        ],
    ];
    let report = l
        .store
        .import_ideas(&l.lab, "ide.xlsx", &xlsx(&rows), ImportMode::SkipRefused)
        .unwrap();
    assert_eq!((report.good, report.refused), (2, 2), "{:?}", report.rows);
    assert_eq!(report.rows[2].problems[0].field, "problem");
    assert_eq!(report.rows[3].problems[0].field, "problem");
    let ideas = l.store.list_ideas(&l.lab).unwrap();
    let e = ideas.iter().find(|i| i.fields.title == EMOJI).unwrap();
    assert_eq!(e.fields.problem, RTL);
    assert_eq!(e.fields.tags, ["🚑", "رقمية"]);
    let b = ideas.iter().find(|i| i.fields.title == BIDI).unwrap();
    assert_eq!(b.fields.problem, long_text);

    // A roster from XLSX with the same hostile names.
    let roster = vec![
        vec!["kode".into(), "nama".into(), "kelompok".into()],
        vec!["X1".into(), EMOJI.into(), RTL.into()],
        vec!["X2".into(), "Nul \u{0}".into(), String::new()],
        vec!["X3".into(), long(501), String::new()],
    ];
    let report = l
        .store
        .import_agencies(&l.lab, "opd.xlsx", &xlsx(&roster), ImportMode::AllOrNothing)
        .unwrap();
    assert!(!report.applied);
    assert_eq!(report.refused, 2, "{:?}", report.rows);
    assert!(report.rows[1..]
        .iter()
        .all(|r| r.problems[0].field == "name"));
    let report = l
        .store
        .import_agencies(&l.lab, "opd.xlsx", &xlsx(&roster), ImportMode::SkipRefused)
        .unwrap();
    assert_eq!(report.good, 1);
    let x1 = l
        .store
        .list_agencies(&l.lab)
        .unwrap()
        .into_iter()
        .find(|a| a.code == "X1")
        .unwrap();
    assert_eq!((x1.name.as_str(), x1.group.as_str()), (EMOJI, RTL));
}

#[test]
fn a_file_that_is_not_text_or_not_a_workbook_is_refused_as_a_whole() {
    let l = lab();
    for (name, bytes) in [
        ("ide.xlsx", b"PK\x03\x04 broken zip".to_vec()),
        ("ide.xlsx", vec![0u8; 4096]),
        ("ide.csv", Vec::new()),
        ("ide.csv", b"\xEF\xBB\xBF".to_vec()),
        ("ide.docx", b"hello".to_vec()),
    ] {
        let err = l
            .store
            .import_ideas(&l.lab, name, &bytes, ImportMode::AllOrNothing)
            .unwrap_err();
        assert_eq!(err.field(), Some("file"), "{name} {bytes:?}: {err}");
    }
    // A CSV whose headers are not UTF-8 still reads (shown with U+FFFD); the missing
    // required column is named.
    let err = l
        .store
        .import_ideas(
            &l.lab,
            "ide.csv",
            b"opd;\xFF\xFE\nDINKES;x\n",
            ImportMode::Preview,
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("file"));
    assert!(err.to_string().contains("judul"), "{err}");
}
