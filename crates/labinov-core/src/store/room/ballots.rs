//! Phones' ballots in the lab's dot-voting round: the kiosk's rules, once per phone.

use std::collections::HashMap;

use rusqlite::params;

use super::session_of;
use crate::error::{Error, Reason, Result};
use crate::model::VoteRound;
use crate::store::Store;

impl Store {
    /// The phone holding `token` casts its ballot in `round_id` (a round of the lab the
    /// room serves): the kiosk's checks (open round, 1 to the round's dots in all, only
    /// its candidates) and tallies, in the same transaction as the mark that this phone
    /// has voted, so a phone votes once per round (`alreadyVoted`) and a refused ballot
    /// marks nothing. How it voted is not kept anywhere.
    pub fn cast_phone_ballot(
        &self,
        lab_id: &str,
        token: &str,
        round_id: &str,
        dots: &HashMap<String, u32>,
    ) -> Result<VoteRound> {
        self.write(|tx| {
            let session = session_of(tx, lab_id, token)?;
            let round_lab: Option<String> = rusqlite::OptionalExtension::optional(tx.query_row(
                "SELECT lab_id FROM vote_round WHERE id = ?1",
                [round_id],
                |r| r.get(0),
            ))?;
            if round_lab.as_deref() != Some(lab_id) {
                return Err(Error::not_found("vote round", round_id));
            }
            let marked = tx.execute(
                "INSERT INTO room_ballot (round_id, session_id) VALUES (?1, ?2)
                 ON CONFLICT DO NOTHING",
                params![round_id, session.id],
            )?;
            if marked == 0 {
                return Err(Error::invalid("round", Reason::AlreadyVoted));
            }
            tx.cast_ballot(round_id, dots)
        })
    }
}
