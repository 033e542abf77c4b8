//! Ideas sent from phones: the moderation queue and the facilitator's decisions.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

use super::{clean_submission_id, session_of};
use crate::error::{Error, Reason, Result};
use crate::model::{
    Entity, Idea, IdeaInput, Proposal, ProposalEdit, ProposalInput, ProposalPhoto, ProposalState,
};
use crate::store::attachments::{check_photo, CheckedPhoto};
use crate::store::changes::Changes;
use crate::store::{Store, Tx};
use crate::time::now_utc;
use crate::validate::{clean_optional, clean_required, clean_text};

/// How many similar ideas the queue shows beside a pending proposal.
const SIMILAR_SHOWN: u32 = 3;

const SELECT: &str = "SELECT p.id, p.lab_id, p.submission_id, p.agency_id, a.name, a.short_name,
        p.proposer_name, p.title, p.problem, p.description, p.photo_name, p.photo_mime,
        length(p.photo), p.state, p.idea_id, p.submitted_at, p.decided_at
    FROM room_proposal p JOIN agency a ON a.id = p.agency_id";

fn proposal_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Proposal> {
    let photo_name: Option<String> = r.get(10)?;
    let photo = match photo_name {
        Some(file_name) => Some(ProposalPhoto {
            file_name,
            mime: r.get::<_, Option<String>>(11)?.unwrap_or_default(),
            size: r.get::<_, Option<u32>>(12)?.unwrap_or(0),
        }),
        None => None,
    };
    let state: String = r.get(13)?;
    Ok(Proposal {
        id: r.get(0)?,
        lab_id: r.get(1)?,
        submission_id: r.get(2)?,
        agency_id: r.get(3)?,
        agency_name: r.get(4)?,
        agency_short_name: r.get(5)?,
        proposer_name: r.get(6)?,
        title: r.get(7)?,
        problem: r.get(8)?,
        description: r.get(9)?,
        photo,
        state: ProposalState::from_str_opt(&state).unwrap_or(ProposalState::Pending),
        idea_id: r.get(14)?,
        submitted_at: r.get(15)?,
        decided_at: r.get(16)?,
        similar: Vec::new(),
    })
}

fn proposal_by_id(c: &Connection, id: &str) -> Result<Proposal> {
    c.query_row(
        &format!("{SELECT} WHERE p.id = ?1"),
        [id],
        proposal_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("proposal", id))
}

/// The checked text of a proposal, from a phone or the facilitator's edit.
struct CleanProposal {
    agency_id: String,
    title: String,
    problem: String,
    description: String,
    proposer_name: String,
}

impl Tx<'_> {
    fn clean_proposal(&self, lab_id: &str, p: ProposalEdit) -> Result<CleanProposal> {
        let agency_id = p.agency_id.trim().to_owned();
        self.require_agency(lab_id, &agency_id, false)?;
        Ok(CleanProposal {
            agency_id,
            title: clean_required("title", &p.title)?,
            problem: clean_text("problem", &p.problem)?,
            description: clean_text("description", &p.description)?,
            proposer_name: clean_optional("proposerName", &p.proposer_name)?,
        })
    }

    /// A pending proposal of the lab, or `alreadyDecided`.
    fn pending_proposal(&self, id: &str) -> Result<Proposal> {
        let p = proposal_by_id(self, id)?;
        if p.state != ProposalState::Pending {
            return Err(Error::invalid("proposal", Reason::AlreadyDecided));
        }
        Ok(p)
    }

    /// The proposal's photo as checked when it was sent, if it has one.
    fn proposal_photo<T>(
        &self,
        id: &str,
        f: impl FnOnce(&Tx<'_>, Option<CheckedPhoto<'_>>) -> Result<T>,
    ) -> Result<T> {
        type PhotoRow = (String, String, Vec<u8>, Vec<u8>, String);
        let row: Option<PhotoRow> = self
            .query_row(
                "SELECT photo_name, photo_mime, photo, photo_thumbnail, photo_sha256
                 FROM room_proposal WHERE id = ?1 AND photo IS NOT NULL",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        match row {
            None => f(self, None),
            Some((file_name, mime, bytes, thumbnail, sha256)) => {
                // The stored type is one the checks gave; anything else is refused.
                let mime = ["image/jpeg", "image/png", "image/webp", "image/gif"]
                    .into_iter()
                    .find(|m| *m == mime)
                    .ok_or_else(|| Error::bad_file("file", Reason::NotAPhoto))?;
                f(
                    self,
                    Some(CheckedPhoto {
                        file_name,
                        mime,
                        bytes: &bytes,
                        thumbnail,
                        sha256,
                    }),
                )
            }
        }
    }

    /// Marks a pending proposal decided.
    fn decide_proposal(&self, id: &str, state: ProposalState, idea_id: Option<&str>) -> Result<()> {
        let n = self.execute(
            "UPDATE room_proposal SET state = ?2, idea_id = ?3, decided_at = ?4
             WHERE id = ?1 AND state = 'pending'",
            params![id, state.as_str(), idea_id, now_utc()],
        )?;
        if n != 1 {
            return Err(Error::invalid("proposal", Reason::AlreadyDecided));
        }
        Ok(())
    }

    /// The history entry saying that `idea_id` got this proposal from a phone.
    fn record_from_phone(&self, p: &Proposal, idea_id: &str, how: ProposalState) -> Result<()> {
        let mut c = Changes::default();
        c.set(
            "fromPhone",
            json!({
                "proposalId": p.id,
                "submittedAt": p.submitted_at,
                "agencyId": p.agency_id,
                "proposerName": p.proposer_name,
                "how": how.as_str(),
            }),
        );
        self.record_origin(&p.lab_id, Entity::Idea, idea_id, c)
    }
}

impl Store {
    /// A phone sends an idea. Checked as the capture form's fields are (agency of the
    /// roster, title required, every text through `validate.rs`, the photo through the
    /// photo checks) before anything is written. The same submission id sent again
    /// returns the proposal stored the first time, unchanged: a resend after a dropped
    /// connection, or after the phone joined again, is never a second proposal. (Ids are
    /// random UUIDs made on the phone, 122 bits: no phone can guess another's.) Returns
    /// the proposal and whether it is new.
    pub fn submit_proposal(
        &self,
        lab_id: &str,
        token: &str,
        input: ProposalInput,
        photo: Option<(&str, &[u8])>,
    ) -> Result<(Proposal, bool)> {
        let submission_id = clean_submission_id(&input.submission_id)?;
        {
            let c = self.conn();
            session_of(&c, lab_id, token)?;
            let existing: Option<String> = c
                .query_row(
                    "SELECT id FROM room_proposal WHERE lab_id = ?1 AND submission_id = ?2",
                    params![lab_id, submission_id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(id) = existing {
                return Ok((proposal_by_id(&c, &id)?, false));
            }
        }
        let photo = photo
            .map(|(name, bytes)| check_photo(name, bytes))
            .transpose()?;
        self.write(|tx| {
            let session = session_of(tx, lab_id, token)?;
            // Checked again inside the write: two copies of one resend racing each other
            // end as one proposal.
            let existing: Option<String> = tx
                .query_row(
                    "SELECT id FROM room_proposal WHERE lab_id = ?1 AND submission_id = ?2",
                    params![lab_id, submission_id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(id) = existing {
                return Ok((proposal_by_id(tx, &id)?, false));
            }
            let agency_id = if input.agency_id.trim().is_empty() {
                session.agency_id.clone()
            } else {
                input.agency_id
            };
            let p = tx.clean_proposal(
                lab_id,
                ProposalEdit {
                    agency_id,
                    title: input.title,
                    problem: input.problem,
                    description: input.description,
                    proposer_name: session.name.clone(),
                },
            )?;
            let id = uuid::Uuid::now_v7().to_string();
            tx.execute(
                "INSERT INTO room_proposal (id, lab_id, session_id, submission_id, agency_id,
                    proposer_name, title, problem, description, photo, photo_thumbnail,
                    photo_name, photo_mime, photo_sha256, submitted_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                params![
                    id,
                    lab_id,
                    session.id,
                    submission_id,
                    p.agency_id,
                    p.proposer_name,
                    p.title,
                    p.problem,
                    p.description,
                    photo.as_ref().map(|f| f.bytes),
                    photo.as_ref().map(|f| &f.thumbnail),
                    photo.as_ref().map(|f| &f.file_name),
                    photo.as_ref().map(|f| f.mime),
                    photo.as_ref().map(|f| &f.sha256),
                    now_utc()
                ],
            )?;
            Ok((proposal_by_id(tx, &id)?, true))
        })
    }

    /// The lab's proposals for the moderation queue: pending first (oldest first, each
    /// with the ideas it resembles), then the decided ones, newest decision first.
    pub fn list_proposals(&self, lab_id: &str) -> Result<Vec<Proposal>> {
        self.get_lab(lab_id)?;
        let mut list: Vec<Proposal> = {
            let c = self.conn();
            let mut stmt = c.prepare_cached(&format!(
                "{SELECT} WHERE p.lab_id = ?1
                 ORDER BY p.state <> 'pending', coalesce(p.decided_at, '') DESC,
                          p.submitted_at, p.id"
            ))?;
            let rows = stmt.query_map([lab_id], proposal_from_row)?;
            rows.collect::<Result<_, _>>()?
        };
        for p in list
            .iter_mut()
            .filter(|p| p.state == ProposalState::Pending)
        {
            let text = format!("{} {}", p.title, p.problem);
            p.similar = self.similar_ideas(lab_id, &text, None, SIMILAR_SHOWN)?;
        }
        Ok(list)
    }

    pub fn get_proposal(&self, id: &str) -> Result<Proposal> {
        proposal_by_id(&self.conn(), id)
    }

    /// The thumbnail (JPEG) of a proposal's photo, for the moderation queue.
    pub fn proposal_thumbnail(&self, id: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT photo_thumbnail FROM room_proposal WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    }

    /// Accepts a pending proposal, as sent or as the facilitator edited it (`edit`): it
    /// becomes an idea through the normal add path (the same checks, the change log, the
    /// search index), its photo a photo of the idea, and the idea's history says it came
    /// from a phone. One transaction: all of it, or nothing.
    pub fn accept_proposal(&self, id: &str, edit: Option<ProposalEdit>) -> Result<Idea> {
        self.write(|tx| {
            let p = tx.pending_proposal(id)?;
            let edit = edit.unwrap_or_else(|| ProposalEdit {
                agency_id: p.agency_id.clone(),
                title: p.title.clone(),
                problem: p.problem.clone(),
                description: p.description.clone(),
                proposer_name: p.proposer_name.clone(),
            });
            let clean = tx.clean_proposal(&p.lab_id, edit)?;
            let idea = tx.add_idea(
                &p.lab_id,
                IdeaInput {
                    agency_id: clean.agency_id,
                    title: clean.title,
                    problem: clean.problem,
                    description: clean.description,
                    proposer_name: clean.proposer_name,
                    ..IdeaInput::default()
                },
            )?;
            tx.record_from_phone(&p, &idea.id, ProposalState::Accepted)?;
            tx.proposal_photo(id, |tx, photo| match photo {
                Some(photo) => tx.attach_photo(&idea.id, &photo).map(|_| ()),
                None => Ok(()),
            })?;
            tx.decide_proposal(id, ProposalState::Accepted, Some(&idea.id))?;
            Ok(idea)
        })
    }

    /// Merges a pending proposal into an existing idea of the lab (on the board): its
    /// text becomes a note of that idea, its photo a photo, and the idea's history says
    /// so. The idea's own fields are left as they are.
    pub fn merge_proposal(&self, id: &str, idea_id: &str) -> Result<Idea> {
        self.write(|tx| {
            let p = tx.pending_proposal(id)?;
            let idea = tx.get_idea(idea_id)?;
            if idea.lab_id != p.lab_id {
                return Err(Error::invalid("ideaId", Reason::MergeDifferentLabs));
            }
            if idea.deleted_at.is_some() || idea.merged_into.is_some() {
                return Err(Error::invalid("ideaId", Reason::MergeTargetGone));
            }
            let mut note = p.title.clone();
            for part in [&p.problem, &p.description] {
                if !part.is_empty() {
                    note.push_str("\n\n");
                    note.push_str(part);
                }
            }
            if !p.proposer_name.is_empty() {
                note.push_str(&format!("\n\n({}, {})", p.proposer_name, p.agency_name));
            } else {
                note.push_str(&format!("\n\n({})", p.agency_name));
            }
            tx.add_idea_note(idea_id, &note)?;
            tx.record_from_phone(&p, idea_id, ProposalState::Merged)?;
            tx.proposal_photo(id, |tx, photo| match photo {
                Some(photo) => tx.attach_photo(idea_id, &photo).map(|_| ()),
                None => Ok(()),
            })?;
            tx.decide_proposal(id, ProposalState::Merged, Some(idea_id))?;
            tx.get_idea(idea_id)
        })
    }

    /// Rejects a pending proposal: it stays in the queue's decided list, nothing enters
    /// the lab.
    pub fn reject_proposal(&self, id: &str) -> Result<Proposal> {
        self.write(|tx| {
            tx.pending_proposal(id)?;
            tx.decide_proposal(id, ProposalState::Rejected, None)?;
            proposal_by_id(tx, id)
        })
    }
}
