use std::collections::HashMap;

use crate::error::Reason;
use crate::model::{
    IdeaInput, NewAgency, ProposalEdit, ProposalInput, ProposalState, QuestionState, RoomJoined,
};
use crate::store::test_support::lab_with_agency;
use crate::{ErrorCode, Store};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("room.db")).unwrap();
    (dir, store)
}

fn reason(e: crate::Error) -> Reason {
    e.reason()
        .cloned()
        .unwrap_or_else(|| panic!("no reason: {e}"))
}

fn uuid() -> String {
    uuid::Uuid::now_v7().to_string()
}

fn proposal(title: &str) -> ProposalInput {
    ProposalInput {
        submission_id: uuid(),
        title: title.into(),
        problem: "Antrean panjang di puskesmas".into(),
        description: "Daftar dari rumah lewat pesan singkat".into(),
        ..Default::default()
    }
}

fn png() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(8, 6, image::Rgb([200, 30, 30]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A lab with its room open and one phone joined as DINKES.
fn joined(store: &Store) -> (String, String, RoomJoined) {
    let (lab, agency) = lab_with_agency(store);
    let opening = store.open_room(&lab.id, false).unwrap();
    let phone = store
        .join_room(&lab.id, &opening.join_code, &agency.id, "", None)
        .unwrap();
    (lab.id, agency.id, phone)
}

#[test]
fn phones_join_with_the_open_rooms_code_and_an_agency_of_the_roster() {
    let (_d, store) = store();
    let (lab, agency) = lab_with_agency(&store);
    assert!(
        store.room_opening(&lab.id).unwrap().is_none(),
        "off by default"
    );
    let opening = store.open_room(&lab.id, true).unwrap();
    assert_eq!(opening.join_code.len(), super::JOIN_CODE_LEN);
    assert!(opening
        .join_code
        .bytes()
        .all(|b| super::CODE_ALPHABET.contains(&b)));

    // A wrong code, and no lobby either.
    let wrong = if opening.join_code == "ZZZZZZ" {
        "YYYYYY"
    } else {
        "ZZZZZZ"
    };
    assert_eq!(
        reason(store.room_lobby(&lab.id, wrong).unwrap_err()),
        Reason::JoinCodeWrong
    );
    assert_eq!(
        reason(
            store
                .join_room(&lab.id, wrong, &agency.id, "Budi", None)
                .unwrap_err()
        ),
        Reason::JoinCodeWrong
    );
    // The code as typed on a phone: lower case, spaces, a dash.
    let typed = format!(
        " {}-{} ",
        opening.join_code[..3].to_lowercase(),
        &opening.join_code[3..]
    );
    let lobby = store.room_lobby(&lab.id, &typed).unwrap();
    assert!(lobby.ask_name);
    assert_eq!(lobby.lab_name, "Labinov Kota Cilegon");
    assert_eq!(lobby.agencies.len(), 1);
    // The lab asks for a name.
    assert_eq!(
        reason(
            store
                .join_room(&lab.id, &typed, &agency.id, "  ", None)
                .unwrap_err()
        ),
        Reason::Required
    );
    // Only an agency of this lab, not retired.
    assert_eq!(
        reason(
            store
                .join_room(&lab.id, &typed, "nope", "Budi", None)
                .unwrap_err()
        ),
        Reason::ChooseAgency
    );
    let retired = store
        .add_agency(
            &lab.id,
            NewAgency {
                code: "DISHUB".into(),
                name: "Dinas Perhubungan".into(),
                ..Default::default()
            },
        )
        .unwrap();
    store.set_agency_retired(&retired.id, true).unwrap();
    assert_eq!(
        reason(
            store
                .join_room(&lab.id, &typed, &retired.id, "Budi", None)
                .unwrap_err()
        ),
        Reason::AgencyRetired
    );
    assert_eq!(store.room_lobby(&lab.id, &typed).unwrap().agencies.len(), 1);

    let phone = store
        .join_room(&lab.id, &typed, &agency.id, " Budi ", None)
        .unwrap();
    assert_eq!(phone.name, "Budi");
    assert_eq!(phone.token.len(), 64);
    let session = store.room_session(&lab.id, &phone.token).unwrap();
    assert_eq!(session.agency_id, agency.id);
    assert_eq!(store.room_opening(&lab.id).unwrap().unwrap().joined, 1);
    // Only the token's hash is stored.
    let stored: String = store
        .conn()
        .query_row("SELECT token_sha256 FROM room_session", [], |r| r.get(0))
        .unwrap();
    assert_ne!(stored, phone.token);
    assert!(!store
        .conn()
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM room_session WHERE instr(token_sha256, ?1) > 0)",
            [&phone.token],
            |r| r.get::<_, bool>(0)
        )
        .unwrap());
    // Garbage and other tokens are not joined.
    for t in ["", "x", &"0".repeat(64), &phone.token[1..]] {
        assert_eq!(
            reason(store.room_session(&lab.id, t).unwrap_err()),
            Reason::NotJoined
        );
    }

    // Opening again gives a new code and ends the phones' sessions; closing ends them too.
    let again = store.open_room(&lab.id, false).unwrap();
    assert_ne!(again.id, opening.id);
    assert_eq!(
        reason(store.room_session(&lab.id, &phone.token).unwrap_err()),
        Reason::NotJoined
    );
    assert_eq!(
        reason(store.room_lobby(&lab.id, &opening.join_code).unwrap_err()),
        Reason::JoinCodeWrong
    );
    let phone = store
        .join_room(&lab.id, &again.join_code, &agency.id, "", None)
        .unwrap();
    let closed = store.close_room(&lab.id).unwrap().unwrap();
    assert!(closed.closed_at.is_some());
    assert_eq!(closed.joined, 1);
    assert_eq!(
        reason(store.room_session(&lab.id, &phone.token).unwrap_err()),
        Reason::NotJoined
    );
    assert!(store.room_opening(&lab.id).unwrap().is_none());
    assert!(store.close_room(&lab.id).unwrap().is_none());
}

#[test]
fn a_resent_proposal_is_never_a_second_one() {
    let (_d, store) = store();
    let (lab, agency, phone) = joined(&store);
    let input = proposal("Puskesmas tanpa antre");
    let (first, new) = store
        .submit_proposal(&lab, &phone.token, input.clone(), None)
        .unwrap();
    assert!(new);
    assert_eq!(first.state, ProposalState::Pending);
    assert_eq!(
        first.agency_id, agency,
        "the phone's agency when none is given"
    );
    // The connection dropped before the answer: the phone sends the same again (even
    // with its draft changed meanwhile).
    let mut again = input.clone();
    again.title = "Puskesmas tanpa antre (lagi)".into();
    let (second, new) = store
        .submit_proposal(&lab, &phone.token, again, None)
        .unwrap();
    assert!(!new);
    assert_eq!(second.id, first.id);
    assert_eq!(second.title, "Puskesmas tanpa antre");
    assert_eq!(store.list_proposals(&lab).unwrap().len(), 1);
    // The submission id in upper case is the same UUID.
    let mut upper = input;
    upper.submission_id = upper.submission_id.to_uppercase();
    assert!(
        !store
            .submit_proposal(&lab, &phone.token, upper, None)
            .unwrap()
            .1
    );
    // The room was closed and opened again: the phone joins again and sends what waited
    // on it: still one proposal.
    let opening = store.open_room(&lab, false).unwrap();
    let rejoined = store
        .join_room(&lab, &opening.join_code, &agency, "", None)
        .unwrap();
    let (third, new) = store
        .submit_proposal(
            &lab,
            &rejoined.token,
            upper_again(&first.submission_id),
            None,
        )
        .unwrap();
    assert!(!new);
    assert_eq!(third.id, first.id);
    assert_eq!(store.list_proposals(&lab).unwrap().len(), 1);
    // Not an idea yet.
    assert!(store.list_ideas(&lab).unwrap().is_empty());
}

fn upper_again(submission_id: &str) -> ProposalInput {
    ProposalInput {
        submission_id: submission_id.to_owned(),
        ..proposal("Puskesmas tanpa antre")
    }
}

#[test]
fn proposals_are_checked_like_the_capture_form() {
    let (_d, store) = store();
    let (lab, _, phone) = joined(&store);
    let submit = |p: ProposalInput| store.submit_proposal(&lab, &phone.token, p, None);
    let mut p = proposal(" ");
    assert_eq!(reason(submit(p.clone()).unwrap_err()), Reason::Required);
    p.title = "Judul\u{7}".into();
    let e = submit(p.clone()).unwrap_err();
    assert_eq!(e.field(), Some("title"));
    assert!(matches!(reason(e), Reason::ControlCharacter { .. }));
    p.title = "x".repeat(crate::validate::MAX_LINE + 1);
    assert!(matches!(
        reason(submit(p.clone()).unwrap_err()),
        Reason::TooLong { .. }
    ));
    p.title = "Baik".into();
    p.submission_id = "not-a-uuid".into();
    assert_eq!(reason(submit(p.clone()).unwrap_err()), Reason::SubmissionId);
    p.submission_id = uuid();
    p.agency_id = "other".into();
    assert_eq!(reason(submit(p.clone()).unwrap_err()), Reason::ChooseAgency);
    p.agency_id = String::new();
    // Not a photo; a photo.
    let e = store
        .submit_proposal(
            &lab,
            &phone.token,
            p.clone(),
            Some(("x.jpg", b"MZ not a photo")),
        )
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::BadFile);
    assert_eq!(reason(e), Reason::NotAPhoto);
    // Without a token, or another's.
    assert_eq!(
        reason(
            store
                .submit_proposal(&lab, "", p.clone(), None)
                .unwrap_err()
        ),
        Reason::NotJoined
    );
    assert!(
        store.list_proposals(&lab).unwrap().is_empty(),
        "nothing written"
    );
    let (ok, _) = store
        .submit_proposal(&lab, &phone.token, p, Some(("foto.png", &png())))
        .unwrap();
    let photo = ok.photo.unwrap();
    assert_eq!(photo.mime, "image/png");
    assert!(store.proposal_thumbnail(&ok.id).unwrap().is_some());
}

#[test]
fn hostile_text_is_kept_exactly_as_typed() {
    let (_d, store) = store();
    let (lab, _, phone) = joined(&store);
    for text in crate::store::room::tests::hostile() {
        let mut p = proposal(&text.replace(['\n', '\r', '\t'], " "));
        p.problem = text.clone();
        let (saved, _) = store.submit_proposal(&lab, &phone.token, p, None).unwrap();
        assert_eq!(saved.problem, text.replace("\r\n", "\n").trim());
        let idea = store.accept_proposal(&saved.id, None).unwrap();
        assert_eq!(idea.fields.problem, saved.problem);
    }
}

/// Text an attacker or an unlucky paste could put in a field (the renderers' corpus).
pub(crate) fn hostile() -> Vec<String> {
    [
        "=HYPERLINK(\"http://evil.example\",\"klik\")",
        "+1+2",
        "@SUM(A1:A2)",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "Layanan 🚀 ramah disabilitas ✓",
        "مرحبا بالعالم — שלום",
        "baris satu\nbaris dua\r\nbaris tiga",
        "koma, \"kutip\"; titik-koma",
        "'; DROP TABLE idea; --",
    ]
    .map(String::from)
    .to_vec()
}

#[test]
fn accepting_makes_an_idea_whose_history_says_it_came_from_a_phone() {
    let (_d, store) = store();
    let (lab, agency, phone) = joined(&store);
    store
        .add_idea(
            &lab,
            IdeaInput {
                agency_id: agency.clone(),
                title: "Antrean puskesmas daring".into(),
                problem: "Antrean panjang di puskesmas".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let (p, _) = store
        .submit_proposal(
            &lab,
            &phone.token,
            proposal("Antrean puskesmas lewat pesan"),
            Some(("papan.png", &png())),
        )
        .unwrap();
    // The duplicate hint in the queue.
    let queue = store.list_proposals(&lab).unwrap();
    assert_eq!(queue[0].similar.len(), 1, "{:?}", queue[0].similar);
    assert_eq!(queue[0].similar[0].title, "Antrean puskesmas daring");

    let idea = store.accept_proposal(&p.id, None).unwrap();
    assert_eq!(idea.fields.title, "Antrean puskesmas lewat pesan");
    assert_eq!(idea.fields.agency_id, agency);
    assert_eq!(store.list_ideas(&lab).unwrap().len(), 2);
    assert_eq!(store.list_attachments(&idea.id).unwrap().len(), 1);
    let history = store.history(&idea.id).unwrap();
    let from_phone = history
        .iter()
        .find_map(|h| h.changes.get("fromPhone"))
        .expect("the history says it came from a phone");
    assert_eq!(from_phone["new"]["proposalId"], p.id.as_str());
    assert_eq!(from_phone["new"]["how"], "accepted");
    // Searchable like any idea; decided once.
    assert!(store
        .search_ideas(&lab, "pesan", 5)
        .unwrap()
        .iter()
        .any(|i| i.id == idea.id));
    let decided = store.get_proposal(&p.id).unwrap();
    assert_eq!(decided.state, ProposalState::Accepted);
    assert_eq!(decided.idea_id.as_deref(), Some(idea.id.as_str()));
    for e in [
        store.accept_proposal(&p.id, None).unwrap_err(),
        store.reject_proposal(&p.id).unwrap_err(),
        store.merge_proposal(&p.id, &idea.id).unwrap_err(),
    ] {
        assert_eq!(reason(e), Reason::AlreadyDecided);
    }
    assert_eq!(store.list_ideas(&lab).unwrap().len(), 2);
    // The phone sees where its proposal stands.
    let wall = store.room_wall(&lab, &phone.token).unwrap();
    assert_eq!(wall.proposals[0].state, ProposalState::Accepted);
}

#[test]
fn edit_then_accept_merge_and_reject() {
    let (_d, store) = store();
    let (lab, agency, phone) = joined(&store);
    let submit = |t: &str| {
        store
            .submit_proposal(&lab, &phone.token, proposal(t), None)
            .unwrap()
            .0
    };
    // Edited: the facilitator's text is checked like the form and is what the idea holds.
    let p = submit("judul ketik cepat");
    let bad = ProposalEdit {
        agency_id: agency.clone(),
        title: "".into(),
        ..Default::default()
    };
    assert_eq!(
        reason(store.accept_proposal(&p.id, Some(bad)).unwrap_err()),
        Reason::Required
    );
    assert_eq!(
        store.get_proposal(&p.id).unwrap().state,
        ProposalState::Pending
    );
    let idea = store
        .accept_proposal(
            &p.id,
            Some(ProposalEdit {
                agency_id: agency.clone(),
                title: "Judul Rapi".into(),
                problem: "Masalah".into(),
                description: "".into(),
                proposer_name: "Ibu Sari".into(),
            }),
        )
        .unwrap();
    assert_eq!(idea.fields.title, "Judul Rapi");
    assert_eq!(idea.fields.proposer_name, "Ibu Sari");

    // Merged into that idea: a note, the history, the idea's fields untouched.
    let m = submit("Ide serupa dari meja 3");
    let merged = store.merge_proposal(&m.id, &idea.id).unwrap();
    assert_eq!(merged.fields.title, "Judul Rapi");
    let notes = store.list_idea_notes(&idea.id).unwrap();
    assert_eq!(notes.len(), 1);
    assert!(notes[0].text.starts_with("Ide serupa dari meja 3"));
    assert!(store
        .history(&idea.id)
        .unwrap()
        .iter()
        .any(|h| h.changes.pointer("/fromPhone/new/how") == Some(&"merged".into())));
    assert_eq!(
        store.get_proposal(&m.id).unwrap().state,
        ProposalState::Merged
    );
    // Not into an idea in the trash.
    let gone = submit("Ke tempat sampah");
    store.delete_idea(&idea.id).unwrap();
    assert_eq!(
        reason(store.merge_proposal(&gone.id, &idea.id).unwrap_err()),
        Reason::MergeTargetGone
    );

    let r = store.reject_proposal(&gone.id).unwrap();
    assert_eq!(r.state, ProposalState::Rejected);
    assert!(store.list_ideas(&lab).unwrap().is_empty());
}

#[test]
fn questions_reach_the_room_only_once_approved_with_one_plus_one_per_phone() {
    let (_d, store) = store();
    let (lab, agency, asker) = joined(&store);
    let code = store.room_opening(&lab).unwrap().unwrap().join_code;
    let other = store.join_room(&lab, &code, &agency, "", None).unwrap();
    let idea = store
        .add_idea(
            &lab,
            IdeaInput {
                agency_id: agency.clone(),
                title: "Ide yang dipresentasikan".into(),
                ..Default::default()
            },
        )
        .unwrap();
    store.build_pitch_queue(&lab).unwrap();
    store.start_pitch(&lab, &idea.id).unwrap();

    let sub = uuid();
    let q = store
        .ask_question(&lab, &asker.token, &sub, "Berapa biayanya?")
        .unwrap();
    assert_eq!(q.idea_id.as_deref(), Some(idea.id.as_str()));
    assert_eq!(q.state, QuestionState::Pending);
    // Sent again: the same question.
    assert_eq!(
        store
            .ask_question(&lab, &asker.token, &sub, "Berapa biayanya?")
            .unwrap()
            .id,
        q.id
    );
    assert_eq!(
        reason(
            store
                .ask_question(&lab, &asker.token, &uuid(), &"x".repeat(501))
                .unwrap_err()
        ),
        Reason::TooLong {
            length: 501,
            max: 500
        }
    );
    // Pending: the asker sees it, nobody else, not the projector; no +1 yet.
    assert_eq!(
        store.room_wall(&lab, &asker.token).unwrap().questions.len(),
        1
    );
    assert!(store
        .room_wall(&lab, &other.token)
        .unwrap()
        .questions
        .is_empty());
    assert!(store.shown_questions(&lab).unwrap().is_empty());
    assert_eq!(
        reason(
            store
                .plus_one_question(&lab, &other.token, &q.id)
                .unwrap_err()
        ),
        Reason::QuestionNotShown
    );

    store
        .moderate_question(&q.id, QuestionState::Approved)
        .unwrap();
    let wall = store.room_wall(&lab, &other.token).unwrap();
    assert_eq!(wall.pitch.unwrap().idea_id, idea.id);
    assert_eq!(wall.questions.len(), 1);
    assert!(!wall.questions[0].mine);
    for _ in 0..3 {
        store.plus_one_question(&lab, &other.token, &q.id).unwrap();
    }
    let q2 = store.plus_one_question(&lab, &asker.token, &q.id).unwrap();
    assert_eq!(q2.plus_ones, 2, "one per phone");
    let wall = store.room_wall(&lab, &other.token).unwrap();
    assert!(wall.questions[0].plus_oned);
    assert_eq!(store.shown_questions(&lab).unwrap()[0].plus_ones, 2);

    store
        .moderate_question(&q.id, QuestionState::Hidden)
        .unwrap();
    assert!(store.shown_questions(&lab).unwrap().is_empty());
    assert!(store
        .room_wall(&lab, &other.token)
        .unwrap()
        .questions
        .is_empty());
    assert_eq!(
        store.list_questions(&lab).unwrap()[0].state,
        QuestionState::Hidden
    );
    assert!(store
        .moderate_question(&q.id, QuestionState::Pending)
        .is_err());
}

#[test]
fn a_phone_votes_once_per_round_by_the_kiosks_rules_and_sees_no_tally() {
    let (_d, store) = store();
    let (lab, agency, phone) = joined(&store);
    let ideas: Vec<String> = (0..3)
        .map(|i| {
            store
                .add_idea(
                    &lab,
                    IdeaInput {
                        agency_id: agency.clone(),
                        title: format!("Ide {i}"),
                        ..Default::default()
                    },
                )
                .unwrap()
                .id
        })
        .collect();
    let round = store.open_vote_round(&lab, 3, &ideas).unwrap();
    let wall = store.room_wall(&lab, &phone.token).unwrap();
    let vote = wall.vote.unwrap();
    assert_eq!(
        (vote.dots, vote.candidates.len(), vote.voted),
        (3, 3, false)
    );

    let ballot = |pairs: &[(usize, u32)]| -> HashMap<String, u32> {
        pairs.iter().map(|&(i, n)| (ideas[i].clone(), n)).collect()
    };
    // Refused ballots mark nothing: the phone can still vote.
    assert_eq!(
        reason(
            store
                .cast_phone_ballot(&lab, &phone.token, &round.id, &ballot(&[(0, 3), (1, 1)]))
                .unwrap_err()
        ),
        Reason::DotsRange { max: 3 }
    );
    assert_eq!(
        reason(
            store
                .cast_phone_ballot(
                    &lab,
                    &phone.token,
                    &round.id,
                    &ballot(&[(0, u32::MAX), (1, 2)])
                )
                .unwrap_err()
        ),
        Reason::DotsRange { max: 3 },
        "an overflowing count is refused, not wrapped"
    );
    let r = store
        .cast_phone_ballot(&lab, &phone.token, &round.id, &ballot(&[(0, 2), (2, 1)]))
        .unwrap();
    assert_eq!(r.ballots, 1);
    assert_eq!(
        reason(
            store
                .cast_phone_ballot(&lab, &phone.token, &round.id, &ballot(&[(1, 1)]))
                .unwrap_err()
        ),
        Reason::AlreadyVoted
    );
    assert!(
        store
            .room_wall(&lab, &phone.token)
            .unwrap()
            .vote
            .unwrap()
            .voted
    );
    assert!(store.vote_results(&round.id).is_err(), "no running tally");
    // The kiosk's ballots count beside the phones'.
    store.cast_ballot(&round.id, &ballot(&[(1, 3)])).unwrap();
    let results = store.close_vote_round(&round.id).unwrap();
    let dots: HashMap<_, _> = results
        .iter()
        .map(|r| (r.idea_id.clone(), r.dots))
        .collect();
    assert_eq!(dots[&ideas[0]], 2);
    assert_eq!(dots[&ideas[1]], 3);
    assert_eq!(dots[&ideas[2]], 1);
    assert!(store.room_wall(&lab, &phone.token).unwrap().vote.is_none());
    // Nothing says how a phone voted.
    let columns: Vec<String> = store
        .conn()
        .prepare("SELECT name FROM pragma_table_info('room_ballot')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(columns, ["round_id", "session_id"]);
    // A round of another lab is not this room's.
    let (other_lab, other_agency) = lab_with_agency(&store);
    let other_ideas: Vec<String> = (0..2)
        .map(|i| {
            store
                .add_idea(
                    &other_lab.id,
                    IdeaInput {
                        agency_id: other_agency.id.clone(),
                        title: format!("Lain {i}"),
                        ..Default::default()
                    },
                )
                .unwrap()
                .id
        })
        .collect();
    let foreign = store
        .open_vote_round(&other_lab.id, 2, &other_ideas)
        .unwrap();
    let dots: HashMap<String, u32> = [(other_ideas[0].clone(), 1)].into();
    assert_eq!(
        store
            .cast_phone_ballot(&lab, &phone.token, &foreign.id, &dots)
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
}

#[test]
fn room_state_stays_on_this_laptop_and_accepted_ideas_travel() {
    let (_d, store) = store();
    let (lab, _, phone) = joined(&store);
    let (accepted, _) = store
        .submit_proposal(&lab, &phone.token, proposal("Diterima"), None)
        .unwrap();
    store
        .submit_proposal(&lab, &phone.token, proposal("Masih menunggu"), None)
        .unwrap();
    store
        .ask_question(&lab, &phone.token, &uuid(), "Pertanyaan")
        .unwrap();
    let idea = store.accept_proposal(&accepted.id, None).unwrap();
    let staged = store.stage_bundle(&lab).unwrap();
    let b = rusqlite::Connection::open(&staged.file).unwrap();
    for table in [
        "room_opening",
        "room_session",
        "room_proposal",
        "room_question",
        "room_plus_one",
        "room_ballot",
    ] {
        let n: i64 = b
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "{table} travelled");
    }
    let n: i64 = b
        .query_row("SELECT count(*) FROM idea WHERE id = ?1", [&idea.id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(n, 1);
    let from_phone: i64 = b
        .query_row(
            "SELECT count(*) FROM change_log WHERE entity_id = ?1 AND changes LIKE '%fromPhone%'",
            [&idea.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(from_phone, 1, "the history travels with the idea");
    drop(b);
    // Another laptop merges it: the idea arrives, no room state does.
    let dir = tempfile::tempdir().unwrap();
    let other = Store::open(dir.path().join("other.db")).unwrap();
    other.merge_bundle(&staged.file).unwrap();
    assert_eq!(other.get_idea(&idea.id).unwrap().fields.title, "Diterima");
    assert!(other.list_proposals(&lab).unwrap().is_empty());
    assert!(other
        .history(&idea.id)
        .unwrap()
        .iter()
        .any(|h| h.changes.get("fromPhone").is_some()));
}

#[test]
fn a_phone_joining_again_by_its_device_id_is_the_same_phone_and_cannot_vote_twice() {
    let (_d, store) = store();
    let (lab, agency) = lab_with_agency(&store);
    let idea = store
        .add_idea(
            &lab.id,
            IdeaInput {
                agency_id: agency.id.clone(),
                title: "Antre puskesmas dari rumah".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let other_idea = store
        .add_idea(
            &lab.id,
            IdeaInput {
                agency_id: agency.id.clone(),
                title: "Bank sampah sekolah".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let round = store
        .open_vote_round(&lab.id, 2, &[idea.id.clone(), other_idea.id.clone()])
        .unwrap();
    let dots: HashMap<String, u32> = [(idea.id.clone(), 2)].into();
    let device = uuid();
    let opening = store.open_room(&lab.id, false).unwrap();
    let first = store
        .join_room(&lab.id, &opening.join_code, &agency.id, "", Some(&device))
        .unwrap();
    assert!(!first.rejoined);
    let (sent, _) = store
        .submit_proposal(&lab.id, &first.token, proposal("Antre dari rumah"), None)
        .unwrap();
    store
        .cast_phone_ballot(&lab.id, &first.token, &round.id, &dots)
        .unwrap();

    // The page was reloaded and lost its token: the same device joins again, in any
    // case of its id. The old token stops working; the phone's ballot and idea stay its own.
    let again = store
        .join_room(
            &lab.id,
            &opening.join_code,
            &agency.id,
            "",
            Some(&device.to_uppercase()),
        )
        .unwrap();
    assert!(again.rejoined);
    assert_eq!(again.session_id, first.session_id);
    assert_ne!(again.token, first.token);
    assert_eq!(
        reason(store.room_wall(&lab.id, &first.token).unwrap_err()),
        Reason::NotJoined
    );
    let wall = store.room_wall(&lab.id, &again.token).unwrap();
    assert!(wall.vote.unwrap().voted);
    assert_eq!(wall.proposals.len(), 1);
    assert_eq!(wall.proposals[0].submission_id, sent.submission_id);
    assert_eq!(
        reason(
            store
                .cast_phone_ballot(&lab.id, &again.token, &round.id, &dots)
                .unwrap_err()
        ),
        Reason::AlreadyVoted
    );
    assert_eq!(store.room_opening(&lab.id).unwrap().unwrap().joined, 1);

    // The room closed and opened again mid-round: still the same phone.
    let reopened = store.open_room(&lab.id, false).unwrap();
    let third = store
        .join_room(&lab.id, &reopened.join_code, &agency.id, "", Some(&device))
        .unwrap();
    assert!(third.rejoined);
    assert_eq!(third.session_id, first.session_id);
    assert_eq!(
        reason(
            store
                .cast_phone_ballot(&lab.id, &third.token, &round.id, &dots)
                .unwrap_err()
        ),
        Reason::AlreadyVoted
    );
    assert_eq!(store.room_opening(&lab.id).unwrap().unwrap().joined, 1);

    // Another device is another phone; a device id that is not a UUID is refused and
    // joins nothing.
    let other = store
        .join_room(&lab.id, &reopened.join_code, &agency.id, "", Some(&uuid()))
        .unwrap();
    assert!(!other.rejoined);
    store
        .cast_phone_ballot(&lab.id, &other.token, &round.id, &dots)
        .unwrap();
    assert_eq!(
        reason(
            store
                .join_room(
                    &lab.id,
                    &reopened.join_code,
                    &agency.id,
                    "",
                    Some("phone-1")
                )
                .unwrap_err()
        ),
        Reason::SubmissionId
    );
    assert_eq!(store.room_opening(&lab.id).unwrap().unwrap().joined, 2);
    let results = store.close_vote_round(&round.id).unwrap();
    let on = |id: &str| results.iter().find(|r| r.idea_id == id).unwrap().dots;
    assert_eq!(on(&idea.id), 4, "two phones, two dots each");
}
