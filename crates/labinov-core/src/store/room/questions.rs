//! Questions and comments from phones during a pitch, their +1s, their moderation, and
//! the wall: everything a joined phone may see.

use rusqlite::{params, Connection, OptionalExtension};

use super::{clean_submission_id, session_of};
use crate::error::{Error, Reason, Result};
use crate::model::{
    ProposalState, QuestionState, RoomQuestion, RoomSession, RoomWall, WallCandidate, WallProposal,
    WallQuestion, WallVote,
};
use crate::store::show::review::read_vote_round;
use crate::store::Store;
use crate::time::now_utc;
use crate::validate::clean_text;

/// Longest question, in characters: a question to a presenter, not an essay.
pub const MAX_QUESTION: usize = 500;

const SELECT: &str = "SELECT q.id, q.lab_id, q.idea_id, i.title, q.text, q.state,
        (SELECT count(*) FROM room_plus_one p WHERE p.question_id = q.id), q.asked_at,
        a.short_name
    FROM room_question q
    JOIN room_session s ON s.id = q.session_id
    JOIN agency a ON a.id = s.agency_id
    LEFT JOIN idea i ON i.id = q.idea_id";

fn question_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RoomQuestion> {
    let state: String = r.get(5)?;
    Ok(RoomQuestion {
        id: r.get(0)?,
        lab_id: r.get(1)?,
        idea_id: r.get(2)?,
        idea_title: r.get(3)?,
        text: r.get(4)?,
        state: QuestionState::from_str_opt(&state).unwrap_or(QuestionState::Pending),
        plus_ones: r.get(6)?,
        asked_at: r.get(7)?,
        agency_short_name: r.get(8)?,
    })
}

fn question_by_id(c: &Connection, id: &str) -> Result<RoomQuestion> {
    c.query_row(
        &format!("{SELECT} WHERE q.id = ?1"),
        [id],
        question_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("question", id))
}

/// The idea being pitched in the lab, if any.
fn current_pitch(c: &Connection, lab_id: &str) -> Result<Option<String>> {
    Ok(c.query_row(
        "SELECT current_idea_id FROM pitch_timer WHERE lab_id = ?1",
        [lab_id],
        |r| r.get::<_, Option<String>>(0),
    )
    .optional()?
    .flatten())
}

/// The lab's open voting round, if one is open (the newest when several are).
fn open_round(c: &Connection, lab_id: &str) -> Result<Option<String>> {
    Ok(c.query_row(
        "SELECT id FROM vote_round WHERE lab_id = ?1 AND closed_at IS NULL
         ORDER BY opened_at DESC, id DESC LIMIT 1",
        [lab_id],
        |r| r.get(0),
    )
    .optional()?)
}

fn candidate(c: &Connection, idea_id: &str) -> Result<Option<WallCandidate>> {
    Ok(c.query_row(
        // The short name, or the code when the roster gives none (a phone shows it beside
        // the title, never an empty pair of brackets).
        "SELECT i.id, i.title, coalesce(nullif(a.short_name, ''), a.code)
         FROM idea i JOIN agency a ON a.id = i.agency_id
         WHERE i.id = ?1",
        [idea_id],
        |r| {
            Ok(WallCandidate {
                idea_id: r.get(0)?,
                title: r.get(1)?,
                agency_short_name: r.get(2)?,
            })
        },
    )
    .optional()?)
}

impl Store {
    /// A phone asks a question (or comments) about the idea being pitched (or the lab,
    /// between pitches). It reaches the room only once the facilitator approves it. The
    /// same submission id sent again returns the question stored the first time.
    pub fn ask_question(
        &self,
        lab_id: &str,
        token: &str,
        submission_id: &str,
        text: &str,
    ) -> Result<RoomQuestion> {
        let submission_id = clean_submission_id(submission_id)?;
        let text = clean_text("text", text)?;
        if text.is_empty() {
            return Err(Error::invalid("text", Reason::Required));
        }
        let n = text.chars().count();
        if n > MAX_QUESTION {
            return Err(Error::invalid(
                "text",
                Reason::TooLong {
                    length: n as u32,
                    max: MAX_QUESTION as u32,
                },
            ));
        }
        self.write(|tx| {
            let session = session_of(tx, lab_id, token)?;
            let existing: Option<String> = tx
                .query_row(
                    "SELECT id FROM room_question WHERE lab_id = ?1 AND submission_id = ?2",
                    params![lab_id, submission_id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(id) = existing {
                return question_by_id(tx, &id);
            }
            let id = uuid::Uuid::now_v7().to_string();
            tx.execute(
                "INSERT INTO room_question (id, lab_id, session_id, submission_id, idea_id, text, asked_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, lab_id, session.id, submission_id, current_pitch(tx, lab_id)?, text, now_utc()],
            )?;
            question_by_id(tx, &id)
        })
    }

    /// A phone's +1 on an approved question; a second +1 from the same phone counts
    /// once. Returns the question with its count.
    pub fn plus_one_question(
        &self,
        lab_id: &str,
        token: &str,
        question_id: &str,
    ) -> Result<RoomQuestion> {
        self.write(|tx| {
            let session = session_of(tx, lab_id, token)?;
            let q = question_by_id(tx, question_id)
                .map_err(|_| Error::invalid("question", Reason::QuestionNotShown))?;
            if q.lab_id != lab_id || q.state != QuestionState::Approved {
                return Err(Error::invalid("question", Reason::QuestionNotShown));
            }
            tx.execute(
                "INSERT INTO room_plus_one (question_id, session_id) VALUES (?1, ?2)
                 ON CONFLICT DO NOTHING",
                params![question_id, session.id],
            )?;
            question_by_id(tx, question_id)
        })
    }

    /// The lab's questions for moderation: pending first (oldest first), then the
    /// approved by +1s, then the hidden.
    pub fn list_questions(&self, lab_id: &str) -> Result<Vec<RoomQuestion>> {
        self.get_lab(lab_id)?;
        let c = self.conn();
        let mut stmt = c.prepare_cached(&format!(
            "{SELECT} WHERE q.lab_id = ?1
             ORDER BY CASE q.state WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 ELSE 2 END,
                      CASE q.state WHEN 'approved' THEN -(SELECT count(*) FROM room_plus_one p
                          WHERE p.question_id = q.id) ELSE 0 END,
                      q.asked_at, q.id"
        ))?;
        let rows = stmt.query_map([lab_id], question_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Shows a question to the room (`Approved`) or takes it away (`Hidden`); a hidden
    /// question may be approved later and the other way round.
    pub fn moderate_question(&self, id: &str, state: QuestionState) -> Result<RoomQuestion> {
        if state == QuestionState::Pending {
            return Err(Error::invalid(
                "state",
                Reason::NotOneOf {
                    value: state.as_str().into(),
                    allowed: vec![
                        QuestionState::Approved.as_str().into(),
                        QuestionState::Hidden.as_str().into(),
                    ],
                },
            ));
        }
        self.write(|tx| {
            question_by_id(tx, id)?;
            tx.execute(
                "UPDATE room_question SET state = ?2, decided_at = ?3 WHERE id = ?1",
                params![id, state.as_str(), now_utc()],
            )?;
            question_by_id(tx, id)
        })
    }

    /// The approved questions the projector shows: those of the idea being pitched (or,
    /// between pitches, those asked between pitches), most +1s first.
    pub fn shown_questions(&self, lab_id: &str) -> Result<Vec<RoomQuestion>> {
        let c = self.conn();
        let pitch = current_pitch(&c, lab_id)?;
        let mut stmt = c.prepare_cached(&format!(
            "{SELECT} WHERE q.lab_id = ?1 AND q.state = 'approved' AND q.idea_id IS ?2
             ORDER BY (SELECT count(*) FROM room_plus_one p WHERE p.question_id = q.id) DESC,
                      q.asked_at"
        ))?;
        let rows = stmt.query_map(params![lab_id, pitch], question_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Everything the phone holding `token` may see, and nothing else: the lab's name,
    /// the idea being pitched, the approved questions about it (and the phone's own
    /// pending ones), the open vote without any tally, and its own proposals.
    pub fn room_wall(&self, lab_id: &str, token: &str) -> Result<RoomWall> {
        let c = self.conn();
        let session: RoomSession = session_of(&c, lab_id, token)?;
        let (lab_name, agency_name): (String, String) = c.query_row(
            "SELECT l.name, a.name FROM lab l JOIN agency a ON a.id = ?2 WHERE l.id = ?1",
            params![lab_id, session.agency_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let pitch_id = current_pitch(&c, lab_id)?;
        let pitch = match &pitch_id {
            Some(id) => candidate(&c, id)?,
            None => None,
        };
        let questions = {
            let mut stmt = c.prepare_cached(
                "SELECT q.id, q.text, q.state,
                    (SELECT count(*) FROM room_plus_one p WHERE p.question_id = q.id),
                    EXISTS (SELECT 1 FROM room_plus_one p WHERE p.question_id = q.id AND p.session_id = ?3),
                    q.session_id = ?3
                 FROM room_question q
                 WHERE q.lab_id = ?1 AND q.idea_id IS ?2
                   AND (q.state = 'approved' OR (q.session_id = ?3 AND q.state = 'pending'))
                 ORDER BY q.state <> 'approved',
                    (SELECT count(*) FROM room_plus_one p WHERE p.question_id = q.id) DESC,
                    q.asked_at",
            )?;
            let rows = stmt.query_map(params![lab_id, pitch_id, session.id], |r| {
                let state: String = r.get(2)?;
                Ok(WallQuestion {
                    id: r.get(0)?,
                    text: r.get(1)?,
                    state: QuestionState::from_str_opt(&state).unwrap_or(QuestionState::Pending),
                    plus_ones: r.get(3)?,
                    plus_oned: r.get(4)?,
                    mine: r.get(5)?,
                })
            })?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        let vote = match open_round(&c, lab_id)? {
            Some(round_id) => {
                let round = read_vote_round(&c, &round_id)?;
                let mut candidates = Vec::with_capacity(round.candidates.len());
                for id in &round.candidates {
                    candidates.extend(candidate(&c, id)?);
                }
                let voted: bool = c.query_row(
                    "SELECT EXISTS (SELECT 1 FROM room_ballot WHERE round_id = ?1 AND session_id = ?2)",
                    params![round_id, session.id],
                    |r| r.get(0),
                )?;
                Some(WallVote {
                    round_id,
                    dots: round.dots,
                    candidates,
                    voted,
                })
            }
            None => None,
        };
        let proposals = {
            let mut stmt = c.prepare_cached(
                "SELECT submission_id, title, state FROM room_proposal
                 WHERE session_id = ?1 ORDER BY submitted_at, id",
            )?;
            let rows = stmt.query_map([&session.id], |r| {
                let state: String = r.get(2)?;
                Ok(WallProposal {
                    submission_id: r.get(0)?,
                    title: r.get(1)?,
                    state: ProposalState::from_str_opt(&state).unwrap_or(ProposalState::Pending),
                })
            })?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        Ok(RoomWall {
            lab_name,
            agency_name,
            name: session.name,
            pitch,
            questions,
            vote,
            proposals,
        })
    }
}
