//! The room: phones in the lab room join the participant service (`labinov-room`) and
//! send ideas, questions and dot-voting ballots; the facilitator moderates them here.
//!
//! Rules:
//! - **Openings and join codes.** The facilitator opens the room for a lab
//!   ([`Store::open_room`]): a new opening with a fresh six-character join code (no
//!   look-alike characters, typed in any case). One opening per lab is open at a time;
//!   closing it (or opening a new one) ends every phone's session of it.
//! - **Sessions.** A phone joins with the code, an agency of the lab's roster (active
//!   ones only) and, if the lab asks, a name. It gets a random 256-bit token once; only
//!   the token's SHA-256 is stored, so the database alone cannot be used to act as a
//!   phone. Every later call names the phone by its token, checked against the open
//!   opening of the lab the service serves.
//! - **Proposals** (`proposals.rs`): an idea sent from a phone is not an idea. It waits
//!   in the moderation queue (with the duplicate hint) until the facilitator accepts it
//!   (it becomes an idea through the normal add path, its photo a photo, and its history
//!   says it came from a phone), edits then accepts it, merges it into an existing idea
//!   (its text becomes a note of that idea, its photo a photo), or rejects it. The phone
//!   makes a submission id (a UUID) before the first try: sending it again after a
//!   dropped connection returns the proposal already stored, never a second one.
//! - **Questions** (`questions.rs`): asked during a pitch (tied to the idea being
//!   pitched), shown to the room only once approved; one +1 per phone and question.
//! - **Ballots** (`ballots.rs`): a phone votes in the open dot-voting round with the
//!   kiosk's rules (the same checks, in the same transaction), once per round; only the
//!   fact that it voted is kept beside the tallies, never how.
//! - **Not lab data.** Everything here is this laptop's room state, like drafts: not in
//!   the change log, never merged, left out of bundles (`sync/bundle`'s per-laptop
//!   tables); what is accepted enters the lab through the normal paths and travels.
//! - Every text goes through `validate.rs` with the field named; refusals are typed
//!   [`Reason`]s (`joinCodeWrong`, `notJoined`, `alreadyVoted`, `alreadyDecided`,
//!   `submissionId`, `questionNotShown`).

mod ballots;
mod proposals;
mod questions;

#[cfg(test)]
mod tests;

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::error::{Error, Reason, Result};
use crate::model::{RoomAgency, RoomJoined, RoomLobby, RoomOpening, RoomSession};
use crate::store::Store;
use crate::time::now_utc;
use crate::validate::{clean_optional, clean_required};

/// The characters of a join code: digits and capitals without 0/O, 1/I/L.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// How long a join code is.
pub const JOIN_CODE_LEN: usize = 6;
/// A session token's length in bytes (written as 64 hex digits).
const TOKEN_BYTES: usize = 32;

fn random_bytes<const N: usize>() -> Result<[u8; N]> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).map_err(|e| Error::internal("random", e.to_string()))?;
    Ok(b)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fresh join code, each character uniformly from [`CODE_ALPHABET`].
fn new_join_code() -> Result<String> {
    let n = CODE_ALPHABET.len();
    // Bytes at or above the largest multiple of the alphabet's size are drawn again.
    let limit = (256 / n * n) as u8;
    let mut code = String::with_capacity(JOIN_CODE_LEN);
    while code.len() < JOIN_CODE_LEN {
        for b in random_bytes::<16>()? {
            if b < limit && code.len() < JOIN_CODE_LEN {
                code.push(CODE_ALPHABET[b as usize % n] as char);
            }
        }
    }
    Ok(code)
}

/// A typed join code as stored: capitals, without spaces or dashes.
fn normalise_code(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// The SHA-256 of a session token, as stored; `None` for anything that is not a token.
fn token_hash(token: &str) -> Option<String> {
    let ok = token.len() == TOKEN_BYTES * 2 && token.bytes().all(|b| b.is_ascii_hexdigit());
    ok.then(|| hex(&Sha256::digest(token.to_ascii_lowercase().as_bytes())))
}

/// A submission id made by a phone: a UUID, stored in its canonical form.
pub(crate) fn clean_submission_id(id: &str) -> Result<String> {
    uuid::Uuid::parse_str(id.trim())
        .map(|u| u.hyphenated().to_string())
        .map_err(|_| Error::invalid("submissionId", Reason::SubmissionId))
}

/// The SHA-256 of a phone's device id (a UUID, any case), as stored: the id is the
/// phone's to keep, like its token, so the database alone cannot be used to be it.
fn device_hash(device: &str) -> Result<String> {
    let id = uuid::Uuid::parse_str(device)
        .map_err(|_| Error::invalid("deviceId", Reason::SubmissionId))?;
    Ok(hex(&Sha256::digest(id.hyphenated().to_string().as_bytes())))
}

fn not_joined() -> Error {
    Error::invalid("token", Reason::NotJoined)
}

fn opening_of(c: &Connection, id: &str) -> Result<RoomOpening> {
    c.query_row(
        "SELECT o.id, o.lab_id, o.join_code, o.ask_name, o.opened_at, o.closed_at,
                    (SELECT count(*) FROM room_session s WHERE s.opening_id = o.id)
             FROM room_opening o WHERE o.id = ?1",
        [id],
        opening_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("room opening", id))
}

/// The lab's open opening whose join code is `code`.
fn opening_by_code(c: &Connection, lab_id: &str, code: &str) -> Result<RoomOpening> {
    let code = normalise_code(code);
    let id: Option<String> = c
        .query_row(
            "SELECT id FROM room_opening
                 WHERE lab_id = ?1 AND closed_at IS NULL AND join_code = ?2",
            params![lab_id, code],
            |r| r.get(0),
        )
        .optional()?;
    match id {
        Some(id) => opening_of(c, &id),
        None => Err(Error::invalid("joinCode", Reason::JoinCodeWrong)),
    }
}

/// The phone holding `token`, joined to the lab's open opening.
pub(crate) fn session_of(c: &Connection, lab_id: &str, token: &str) -> Result<RoomSession> {
    let hash = token_hash(token).ok_or_else(not_joined)?;
    c.query_row(
        "SELECT s.id, s.lab_id, s.opening_id, s.agency_id, s.name
             FROM room_session s JOIN room_opening o ON o.id = s.opening_id
             WHERE s.token_sha256 = ?1 AND s.lab_id = ?2 AND o.closed_at IS NULL",
        params![hash, lab_id],
        |r| {
            Ok(RoomSession {
                id: r.get(0)?,
                lab_id: r.get(1)?,
                opening_id: r.get(2)?,
                agency_id: r.get(3)?,
                name: r.get(4)?,
            })
        },
    )
    .optional()?
    .ok_or_else(not_joined)
}

fn opening_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RoomOpening> {
    Ok(RoomOpening {
        id: r.get(0)?,
        lab_id: r.get(1)?,
        join_code: r.get(2)?,
        ask_name: r.get(3)?,
        opened_at: r.get(4)?,
        closed_at: r.get(5)?,
        joined: r.get(6)?,
    })
}

impl Store {
    /// Opens the room for phones: a new opening with a fresh join code. An opening still
    /// open for the lab is closed first (its phones must join again).
    pub fn open_room(&self, lab_id: &str, ask_name: bool) -> Result<RoomOpening> {
        let code = new_join_code()?;
        self.write(|tx| {
            tx.require_lab(lab_id)?;
            let now = now_utc();
            tx.execute(
                "UPDATE room_opening SET closed_at = ?2 WHERE lab_id = ?1 AND closed_at IS NULL",
                params![lab_id, now],
            )?;
            let id = uuid::Uuid::now_v7().to_string();
            tx.execute(
                "INSERT INTO room_opening (id, lab_id, join_code, ask_name, opened_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, lab_id, code, ask_name, now],
            )?;
            opening_of(tx, &id)
        })
    }

    /// Closes the lab's open opening, if any: every phone's session of it ends.
    pub fn close_room(&self, lab_id: &str) -> Result<Option<RoomOpening>> {
        self.write(|tx| {
            let open: Option<String> = tx
                .query_row(
                    "SELECT id FROM room_opening WHERE lab_id = ?1 AND closed_at IS NULL",
                    [lab_id],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(id) = open else { return Ok(None) };
            tx.execute(
                "UPDATE room_opening SET closed_at = ?2 WHERE id = ?1",
                params![id, now_utc()],
            )?;
            opening_of(tx, &id).map(Some)
        })
    }

    /// The lab's open opening (with how many phones joined it), if the room is open.
    pub fn room_opening(&self, lab_id: &str) -> Result<Option<RoomOpening>> {
        let c = self.conn();
        let open: Option<String> = c
            .query_row(
                "SELECT id FROM room_opening WHERE lab_id = ?1 AND closed_at IS NULL",
                [lab_id],
                |r| r.get(0),
            )
            .optional()?;
        open.map(|id| opening_of(&c, &id)).transpose()
    }

    /// What a phone needs to join, for the right join code: the lab's name, whether a
    /// name is asked, and the agencies it can join as (active ones, roster order).
    pub fn room_lobby(&self, lab_id: &str, join_code: &str) -> Result<RoomLobby> {
        let opening = opening_by_code(&self.conn(), lab_id, join_code)?;
        let lab_name = self.get_lab(lab_id)?.name;
        let agencies = self
            .list_agencies(lab_id)?
            .into_iter()
            .filter(|a| a.retired_at.is_none())
            .map(|a| RoomAgency {
                id: a.id,
                name: a.name,
                short_name: a.short_name,
            })
            .collect();
        Ok(RoomLobby {
            lab_name,
            ask_name: opening.ask_name,
            agencies,
        })
    }

    /// Joins a phone to the lab's open opening. The token is returned once; only its
    /// hash is kept.
    ///
    /// `device` is the phone's own id (a UUID its page made and keeps apart from the
    /// token). A phone the lab's room already knows by it takes up its earlier session
    /// again under a new token (the agency and name as chosen now), so what it sent,
    /// +1'd and voted stays its own and a round's ballot is not cast twice: a reload that
    /// lost the token, or a room closed and opened again, is the same phone. Without a
    /// device id every join is a new phone.
    pub fn join_room(
        &self,
        lab_id: &str,
        join_code: &str,
        agency_id: &str,
        name: &str,
        device: Option<&str>,
    ) -> Result<RoomJoined> {
        let name = clean_optional("name", name)?;
        let device_hash = match device.map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => Some(device_hash(d)?),
            None => None,
        };
        let token = hex(&random_bytes::<TOKEN_BYTES>()?);
        let hash = token_hash(&token).expect("a fresh token is a token");
        self.write(|tx| {
            let opening = opening_by_code(tx, lab_id, join_code)?;
            if opening.ask_name {
                clean_required("name", &name)?;
            }
            let agency_id = agency_id.trim();
            tx.require_agency(lab_id, agency_id, false)?;
            let known: Option<String> = match &device_hash {
                Some(d) => tx
                    .query_row(
                        "SELECT id FROM room_session WHERE lab_id = ?1 AND device_sha256 = ?2",
                        params![lab_id, d],
                        |r| r.get(0),
                    )
                    .optional()?,
                None => None,
            };
            let rejoined = known.is_some();
            let id = match known {
                Some(id) => {
                    tx.execute(
                        "UPDATE room_session
                             SET opening_id = ?2, token_sha256 = ?3, agency_id = ?4, name = ?5,
                                 joined_at = ?6
                             WHERE id = ?1",
                        params![id, opening.id, hash, agency_id, name, now_utc()],
                    )?;
                    id
                }
                None => {
                    let id = uuid::Uuid::now_v7().to_string();
                    tx.execute(
                        "INSERT INTO room_session
                             (id, opening_id, lab_id, token_sha256, agency_id, name, joined_at,
                              device_sha256)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        params![
                            id,
                            opening.id,
                            lab_id,
                            hash,
                            agency_id,
                            name,
                            now_utc(),
                            device_hash
                        ],
                    )?;
                    id
                }
            };
            Ok(RoomJoined {
                session_id: id,
                token,
                agency_id: agency_id.to_owned(),
                name,
                rejoined,
            })
        })
    }

    /// How many proposals and questions of the lab wait for the facilitator.
    pub fn room_pending(&self, lab_id: &str) -> Result<(u32, u32)> {
        Ok(self.conn().query_row(
            "SELECT (SELECT count(*) FROM room_proposal WHERE lab_id = ?1 AND state = 'pending'),
                    (SELECT count(*) FROM room_question WHERE lab_id = ?1 AND state = 'pending')",
            [lab_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// The phone holding `token`, if it is joined to the lab's open opening
    /// (`notJoined` otherwise: unknown token, or a room since closed).
    pub fn room_session(&self, lab_id: &str, token: &str) -> Result<RoomSession> {
        session_of(&self.conn(), lab_id, token)
    }
}
