//! The show: what the projector window shows, the presenter queue and its timer, and notes
//! typed during a pitch.
//!
//! The projector's mode and the pitch queue and timer are presentation state: durable (a
//! restart or a second window sees the same), but not lab data, so they are not in the
//! change log and do not travel to other laptops. Notes are lab data and are logged on
//! their idea.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Reason, Result};
use crate::model::Entity;
use crate::model::{
    ChangeOp, IdeaNote, PitchSession, PitchSlot, PitchTimer, ShowMode, ShowState, ShowTheme,
    SlotState,
};
use crate::store::changes::Changes;
use crate::store::{Store, Tx};
use crate::time::now_utc;
use crate::validate::clean_text;

/// A pitch lasts five minutes unless the facilitator says otherwise.
pub const DEFAULT_PITCH_MS: u32 = 5 * 60 * 1000;
const MIN_PITCH_MS: u32 = 30 * 1000;
const MAX_PITCH_MS: u32 = 60 * 60 * 1000;

fn mode_str(m: ShowMode) -> &'static str {
    match m {
        ShowMode::Wall => "wall",
        ShowMode::Spotlight => "spotlight",
        ShowMode::Progress => "progress",
        ShowMode::Agenda => "agenda",
        ShowMode::Results => "results",
        ShowMode::Plan => "plan",
    }
}

fn parse_mode(s: &str) -> ShowMode {
    match s {
        "spotlight" => ShowMode::Spotlight,
        "progress" => ShowMode::Progress,
        "agenda" => ShowMode::Agenda,
        "results" => ShowMode::Results,
        "plan" => ShowMode::Plan,
        _ => ShowMode::Wall,
    }
}

fn slot_str(s: SlotState) -> &'static str {
    match s {
        SlotState::Waiting => "waiting",
        SlotState::Current => "current",
        SlotState::Done => "done",
        SlotState::Skipped => "skipped",
    }
}

fn parse_slot(s: &str) -> SlotState {
    match s {
        "current" => SlotState::Current,
        "done" => SlotState::Done,
        "skipped" => SlotState::Skipped,
        _ => SlotState::Waiting,
    }
}

/// Milliseconds from `since` (RFC 3339) to now; 0 if it cannot be read.
fn elapsed_ms(since: &str) -> u32 {
    DateTime::parse_from_rfc3339(since)
        .map(|t| {
            (Utc::now() - t.with_timezone(&Utc))
                .num_milliseconds()
                .clamp(0, i64::from(u32::MAX)) as u32
        })
        .unwrap_or(0)
}

/// The show of a lab as stored; the defaults (the wall, dark, nothing spotlit, results
/// not released) while nothing was ever set. Reads only: the projector calls it on every
/// change event, and it must not queue behind (or take) the write lock.
fn read_show(conn: &Connection, lab_id: &str) -> Result<ShowState> {
    let stored = conn
        .query_row(
            "SELECT mode, spotlight_idea_id, theme, results_released, updated_at FROM show_state WHERE lab_id = ?1",
            [lab_id],
            |r| {
                Ok(ShowState {
                    lab_id: lab_id.to_owned(),
                    mode: parse_mode(&r.get::<_, String>(0)?),
                    spotlight_idea_id: r.get(1)?,
                    theme: if r.get::<_, String>(2)? == "light" { ShowTheme::Light } else { ShowTheme::Dark },
                    results_released: r.get(3)?,
                    updated_at: r.get(4)?,
                })
            },
        )
        .optional()?;
    Ok(stored.unwrap_or_else(|| ShowState {
        lab_id: lab_id.to_owned(),
        mode: ShowMode::Wall,
        spotlight_idea_id: None,
        theme: ShowTheme::Dark,
        results_released: false,
        updated_at: String::new(),
    }))
}

/// The pitch queue and timer of a lab as stored (an empty queue and a stopped five-minute
/// timer while nothing was ever set). Reads only, like [`read_show`].
fn read_pitch(conn: &Connection, lab_id: &str) -> Result<PitchSession> {
    let slots: Vec<PitchSlot> = {
        let mut stmt = conn.prepare_cached(
            "SELECT p.idea_id, i.agency_id, a.short_name, a.name, i.title, i.proposer_name, p.position, p.state
             FROM pitch_slot p JOIN idea i ON i.id = p.idea_id JOIN agency a ON a.id = i.agency_id
             WHERE p.lab_id = ?1 ORDER BY p.position",
        )?;
        let rows = stmt.query_map([lab_id], |r| {
            Ok(PitchSlot {
                idea_id: r.get(0)?,
                agency_id: r.get(1)?,
                agency_short_name: r.get(2)?,
                agency_name: r.get(3)?,
                title: r.get(4)?,
                proposer_name: r.get(5)?,
                position: r.get(6)?,
                state: parse_slot(&r.get::<_, String>(7)?),
            })
        })?;
        rows.collect::<Result<_, _>>()?
    };
    let stored = conn
        .query_row(
            "SELECT current_idea_id, duration_ms, running, started_at, remaining_ms FROM pitch_timer WHERE lab_id = ?1",
            [lab_id],
            |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    PitchTimer {
                        duration_ms: r.get(1)?,
                        running: r.get(2)?,
                        started_at: r.get(3)?,
                        remaining_ms: r.get(4)?,
                    },
                ))
            },
        )
        .optional()?;
    let (current, timer) = stored.unwrap_or((
        None,
        PitchTimer {
            duration_ms: DEFAULT_PITCH_MS,
            running: false,
            started_at: None,
            remaining_ms: DEFAULT_PITCH_MS,
        },
    ));
    Ok(PitchSession {
        lab_id: lab_id.to_owned(),
        slots,
        current,
        timer,
        now: now_utc(),
    })
}

impl Tx<'_> {
    fn ensure_show(&self, lab_id: &str) -> Result<()> {
        self.require_lab(lab_id)?;
        self.execute(
            "INSERT INTO show_state (lab_id, updated_at) VALUES (?1, ?2) ON CONFLICT (lab_id) DO NOTHING",
            params![lab_id, now_utc()],
        )?;
        self.execute(
            "INSERT INTO pitch_timer (lab_id, duration_ms, remaining_ms) VALUES (?1, ?2, ?2)
             ON CONFLICT (lab_id) DO NOTHING",
            params![lab_id, DEFAULT_PITCH_MS],
        )?;
        Ok(())
    }

    fn show_state(&self, lab_id: &str) -> Result<ShowState> {
        read_show(self, lab_id)
    }

    fn set_show(
        &self,
        lab_id: &str,
        column: &str,
        value: &dyn rusqlite::ToSql,
    ) -> Result<ShowState> {
        self.ensure_show(lab_id)?;
        self.execute(
            &format!("UPDATE show_state SET {column} = ?2, updated_at = ?3 WHERE lab_id = ?1"),
            params![lab_id, value, now_utc()],
        )?;
        self.show_state(lab_id)
    }

    fn pitch_session(&self, lab_id: &str) -> Result<PitchSession> {
        read_pitch(self, lab_id)
    }

    /// Renumbers the queue 0.. in its current order.
    fn renumber(&self, lab_id: &str, order: &[String]) -> Result<()> {
        for (i, id) in order.iter().enumerate() {
            self.execute(
                "UPDATE pitch_slot SET position = ?3 WHERE lab_id = ?1 AND idea_id = ?2",
                params![lab_id, id, i as u32],
            )?;
        }
        Ok(())
    }

    fn queue_order(&self, lab_id: &str) -> Result<Vec<(String, SlotState)>> {
        let mut stmt = self.prepare_cached(
            "SELECT idea_id, state FROM pitch_slot WHERE lab_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([lab_id], |r| {
            Ok((r.get(0)?, parse_slot(&r.get::<_, String>(1)?)))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn require_slot(&self, lab_id: &str, idea_id: &str) -> Result<SlotState> {
        let state: Option<String> = self
            .query_row(
                "SELECT state FROM pitch_slot WHERE lab_id = ?1 AND idea_id = ?2",
                params![lab_id, idea_id],
                |r| r.get(0),
            )
            .optional()?;
        state
            .map(|s| parse_slot(&s))
            .ok_or_else(|| Error::invalid("ideaId", Reason::NotInPitchQueue))
    }

    fn set_slot(&self, lab_id: &str, idea_id: &str, state: SlotState) -> Result<()> {
        self.execute(
            "UPDATE pitch_slot SET state = ?3 WHERE lab_id = ?1 AND idea_id = ?2",
            params![lab_id, idea_id, slot_str(state)],
        )?;
        Ok(())
    }

    /// Stops the timer; the current pitch, if any, becomes `then`.
    fn end_current(&self, lab_id: &str, then: SlotState) -> Result<()> {
        let current: Option<String> = self.query_row(
            "SELECT current_idea_id FROM pitch_timer WHERE lab_id = ?1",
            [lab_id],
            |r| r.get(0),
        )?;
        if let Some(id) = current {
            self.set_slot(lab_id, &id, then)?;
        }
        self.execute(
            "UPDATE pitch_timer SET current_idea_id = NULL, running = 0, started_at = NULL,
                 remaining_ms = duration_ms WHERE lab_id = ?1",
            [lab_id],
        )?;
        Ok(())
    }
}

impl Store {
    /// What the projector shows for a lab (the wall, dark, at first).
    pub fn show_state(&self, lab_id: &str) -> Result<ShowState> {
        let lab = self.get_lab(lab_id)?;
        let mut show = read_show(&self.conn(), lab_id)?;
        if show.updated_at.is_empty() {
            // Never switched: as old as the lab.
            show.updated_at = lab.created_at;
        }
        Ok(show)
    }

    pub fn set_show_mode(&self, lab_id: &str, mode: ShowMode) -> Result<ShowState> {
        self.write(|tx| tx.set_show(lab_id, "mode", &mode_str(mode)))
    }

    /// Puts an idea (or nothing) in the spotlight.
    pub fn set_spotlight(&self, lab_id: &str, idea_id: Option<&str>) -> Result<ShowState> {
        self.write(|tx| {
            if let Some(id) = idea_id {
                if tx.get_idea(id)?.lab_id != lab_id {
                    return Err(Error::invalid("ideaId", Reason::ChooseIdea));
                }
            }
            tx.set_show(lab_id, "spotlight_idea_id", &idea_id)
        })
    }

    pub fn set_show_theme(&self, lab_id: &str, theme: ShowTheme) -> Result<ShowState> {
        let t = if theme == ShowTheme::Light {
            "light"
        } else {
            "dark"
        };
        self.write(|tx| tx.set_show(lab_id, "theme", &t))
    }

    pub fn set_results_released(&self, lab_id: &str, released: bool) -> Result<ShowState> {
        self.write(|tx| tx.set_show(lab_id, "results_released", &released))
    }

    /// The presenter queue and the timer (an empty queue until
    /// [`Store::build_pitch_queue`]; five minutes a pitch until set).
    pub fn pitch_session(&self, lab_id: &str) -> Result<PitchSession> {
        self.get_lab(lab_id)?;
        read_pitch(&self.conn(), lab_id)
    }

    /// Builds the queue from the lab's live ideas: agencies in roster order, an agency's
    /// ideas oldest first. Slots already there keep their state and place; new ideas are
    /// appended; ideas no longer live leave.
    pub fn build_pitch_queue(&self, lab_id: &str) -> Result<PitchSession> {
        self.write(|tx| {
            tx.ensure_show(lab_id)?;
            let live: Vec<String> = {
                let mut stmt = tx.prepare(
                    "SELECT i.id FROM idea i JOIN agency a ON a.id = i.agency_id
                     WHERE i.lab_id = ?1 AND i.deleted_at IS NULL AND i.merged_into IS NULL
                     ORDER BY a.position, a.code, i.created_at, i.id",
                )?;
                let rows = stmt.query_map([lab_id], |r| r.get(0))?;
                rows.collect::<Result<_, _>>()?
            };
            let existing = tx.queue_order(lab_id)?;
            let is_live: HashSet<&str> = live.iter().map(String::as_str).collect();
            let mut order: Vec<String> = Vec::with_capacity(live.len());
            for (id, _) in &existing {
                if is_live.contains(id.as_str()) {
                    order.push(id.clone());
                } else {
                    tx.execute(
                        "DELETE FROM pitch_slot WHERE lab_id = ?1 AND idea_id = ?2",
                        params![lab_id, id],
                    )?;
                    // A pitch under way whose idea left (trashed, merged) ends with it.
                    tx.execute(
                        "UPDATE pitch_timer SET current_idea_id = NULL, running = 0, started_at = NULL,
                             remaining_ms = duration_ms WHERE lab_id = ?1 AND current_idea_id = ?2",
                        params![lab_id, id],
                    )?;
                }
            }
            let queued: HashSet<String> = order.iter().cloned().collect();
            for id in live {
                if !queued.contains(&id) {
                    tx.execute(
                        "INSERT INTO pitch_slot (lab_id, idea_id, position, state) VALUES (?1, ?2, 0, 'waiting')",
                        params![lab_id, id],
                    )?;
                    order.push(id);
                }
            }
            tx.renumber(lab_id, &order)?;
            tx.pitch_session(lab_id)
        })
    }

    /// Shuffles the waiting slots among the places they hold; others stay put. The same
    /// seed gives the same order.
    pub fn shuffle_pitch_queue(&self, lab_id: &str, seed: u64) -> Result<PitchSession> {
        self.write(|tx| {
            tx.ensure_show(lab_id)?;
            let order = tx.queue_order(lab_id)?;
            let places: Vec<usize> = order
                .iter()
                .enumerate()
                .filter(|(_, s)| s.1 == SlotState::Waiting)
                .map(|(i, _)| i)
                .collect();
            let mut waiting: Vec<String> = places.iter().map(|&i| order[i].0.clone()).collect();
            // Fisher-Yates with xorshift64*.
            let mut x = seed.max(1);
            for i in (1..waiting.len()).rev() {
                x ^= x >> 12;
                x ^= x << 25;
                x ^= x >> 27;
                let j = (x.wrapping_mul(0x2545_f491_4f6c_dd1d) % (i as u64 + 1)) as usize;
                waiting.swap(i, j);
            }
            let mut ids: Vec<String> = order.into_iter().map(|(id, _)| id).collect();
            for (place, id) in places.into_iter().zip(waiting) {
                ids[place] = id;
            }
            tx.renumber(lab_id, &ids)?;
            tx.pitch_session(lab_id)
        })
    }

    /// Moves a slot to `to_position` (0-based, clamped to the queue).
    pub fn move_pitch_slot(
        &self,
        lab_id: &str,
        idea_id: &str,
        to_position: u32,
    ) -> Result<PitchSession> {
        self.write(|tx| {
            tx.require_slot(lab_id, idea_id)?;
            let mut ids: Vec<String> = tx
                .queue_order(lab_id)?
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            ids.retain(|id| id != idea_id);
            let at = (to_position as usize).min(ids.len());
            ids.insert(at, idea_id.to_owned());
            tx.renumber(lab_id, &ids)?;
            tx.pitch_session(lab_id)
        })
    }

    /// Starts a pitch: the previous one is done, this one is current with the full time
    /// running, and the projector spotlights it.
    pub fn start_pitch(&self, lab_id: &str, idea_id: &str) -> Result<PitchSession> {
        self.write(|tx| {
            tx.ensure_show(lab_id)?;
            tx.require_slot(lab_id, idea_id)?;
            tx.end_current(lab_id, SlotState::Done)?;
            tx.set_slot(lab_id, idea_id, SlotState::Current)?;
            tx.execute(
                "UPDATE pitch_timer SET current_idea_id = ?2, running = 1, started_at = ?3,
                     remaining_ms = duration_ms WHERE lab_id = ?1",
                params![lab_id, idea_id, now_utc()],
            )?;
            tx.execute(
                "UPDATE show_state SET mode = 'spotlight', spotlight_idea_id = ?2, updated_at = ?3 WHERE lab_id = ?1",
                params![lab_id, idea_id, now_utc()],
            )?;
            tx.pitch_session(lab_id)
        })
    }

    pub fn pause_pitch(&self, lab_id: &str) -> Result<PitchSession> {
        self.write(|tx| {
            let s = tx.pitch_session(lab_id)?;
            if s.timer.running {
                let left = s.timer.remaining_ms.saturating_sub(s.timer.started_at.as_deref().map_or(0, elapsed_ms));
                tx.execute(
                    "UPDATE pitch_timer SET running = 0, started_at = NULL, remaining_ms = ?2 WHERE lab_id = ?1",
                    params![lab_id, left],
                )?;
            }
            tx.pitch_session(lab_id)
        })
    }

    pub fn resume_pitch(&self, lab_id: &str) -> Result<PitchSession> {
        self.write(|tx| {
            let s = tx.pitch_session(lab_id)?;
            if s.current.is_some() && !s.timer.running {
                tx.execute(
                    "UPDATE pitch_timer SET running = 1, started_at = ?2 WHERE lab_id = ?1",
                    params![lab_id, now_utc()],
                )?;
            }
            tx.pitch_session(lab_id)
        })
    }

    /// Ends the current pitch: done, timer stopped.
    pub fn finish_pitch(&self, lab_id: &str) -> Result<PitchSession> {
        self.write(|tx| {
            tx.ensure_show(lab_id)?;
            tx.end_current(lab_id, SlotState::Done)?;
            tx.pitch_session(lab_id)
        })
    }

    /// Skips a waiting slot, or the current pitch.
    pub fn skip_pitch(&self, lab_id: &str, idea_id: &str) -> Result<PitchSession> {
        self.write(|tx| {
            match tx.require_slot(lab_id, idea_id)? {
                SlotState::Current => tx.end_current(lab_id, SlotState::Skipped)?,
                _ => tx.set_slot(lab_id, idea_id, SlotState::Skipped)?,
            }
            tx.pitch_session(lab_id)
        })
    }

    /// Puts a done or skipped slot back in the waiting line.
    pub fn requeue_pitch(&self, lab_id: &str, idea_id: &str) -> Result<PitchSession> {
        self.write(|tx| {
            if tx.require_slot(lab_id, idea_id)? != SlotState::Current {
                tx.set_slot(lab_id, idea_id, SlotState::Waiting)?;
            }
            tx.pitch_session(lab_id)
        })
    }

    /// Sets the time per pitch (30 s to 60 min); a pitch not yet started takes it at once.
    pub fn set_pitch_duration(&self, lab_id: &str, duration_ms: u32) -> Result<PitchSession> {
        if !(MIN_PITCH_MS..=MAX_PITCH_MS).contains(&duration_ms) {
            return Err(Error::invalid(
                "durationMs",
                Reason::PitchDuration {
                    min_seconds: 30,
                    max_minutes: 60,
                },
            ));
        }
        self.write(|tx| {
            tx.ensure_show(lab_id)?;
            tx.execute(
                "UPDATE pitch_timer SET duration_ms = ?2,
                     remaining_ms = CASE WHEN current_idea_id IS NULL THEN ?2 ELSE remaining_ms END
                 WHERE lab_id = ?1",
                params![lab_id, duration_ms],
            )?;
            tx.pitch_session(lab_id)
        })
    }

    /// A note on an idea, typed during its pitch; recorded in the idea's history.
    pub fn add_idea_note(&self, idea_id: &str, text: &str) -> Result<IdeaNote> {
        self.write(|tx| tx.add_idea_note(idea_id, text))
    }

    /// The notes on an idea, oldest first.
    pub fn list_idea_notes(&self, idea_id: &str) -> Result<Vec<IdeaNote>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT id, idea_id, text, created_at, installation_id FROM idea_note
             WHERE idea_id = ?1 ORDER BY created_at, id",
        )?;
        let rows = stmt.query_map([idea_id], |r| {
            Ok(IdeaNote {
                id: r.get(0)?,
                idea_id: r.get(1)?,
                text: r.get(2)?,
                created_at: r.get(3)?,
                installation_id: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Tx<'_> {
    /// A note on an idea (typed during its pitch, or a proposal merged into it from a
    /// phone); recorded in the idea's history.
    pub(crate) fn add_idea_note(&self, idea_id: &str, text: &str) -> Result<IdeaNote> {
        let text = clean_text("text", text)?;
        if text.is_empty() {
            return Err(Error::invalid("text", Reason::Required));
        }
        let idea = self.get_idea(idea_id)?;
        let note = IdeaNote {
            id: uuid::Uuid::now_v7().to_string(),
            idea_id: idea_id.to_owned(),
            text,
            created_at: now_utc(),
            installation_id: self.installation_id.to_owned(),
        };
        self.execute(
            "INSERT INTO idea_note (id, idea_id, text, created_at, installation_id) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![note.id, note.idea_id, note.text, note.created_at, note.installation_id],
        )?;
        let mut c = Changes::default();
        c.set("note", note.text.clone());
        self.record(
            Some(&idea.lab_id),
            Entity::Idea,
            idea_id,
            ChangeOp::Update,
            c,
        )?;
        Ok(note)
    }
}

#[cfg(test)]
mod tests {
    use super::DEFAULT_PITCH_MS;
    use crate::model::{ShowMode, ShowTheme, SlotState};
    use crate::{ErrorCode, Store};

    fn demo() -> (tempfile::TempDir, Store, String) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("lab.db")).unwrap();
        let lab = crate::demo::create_demo_lab(&store).unwrap();
        (dir, store, lab.id)
    }

    #[test]
    fn the_show_starts_on_the_wall_and_remembers_what_it_is_switched_to() {
        let (dir, store, lab) = demo();
        let s = store.show_state(&lab).unwrap();
        assert_eq!(
            (s.mode, s.theme, s.results_released, s.spotlight_idea_id),
            (ShowMode::Wall, ShowTheme::Dark, false, None)
        );
        let idea = store.list_ideas(&lab).unwrap()[0].id.clone();
        store.set_show_mode(&lab, ShowMode::Progress).unwrap();
        store.set_spotlight(&lab, Some(&idea)).unwrap();
        store.set_show_theme(&lab, ShowTheme::Light).unwrap();
        store.set_results_released(&lab, true).unwrap();
        drop(store);
        let store = Store::open(dir.path().join("lab.db")).unwrap();
        let s = store.show_state(&lab).unwrap();
        assert_eq!(
            (s.mode, s.theme, s.results_released),
            (ShowMode::Progress, ShowTheme::Light, true)
        );
        assert_eq!(s.spotlight_idea_id.as_deref(), Some(idea.as_str()));
        assert_eq!(
            store.set_spotlight(&lab, Some("nope")).unwrap_err().code(),
            ErrorCode::NotFound
        );
        // The spotlighted idea's action plan (the follow-up's plan view) is a mode too.
        store.set_show_mode(&lab, ShowMode::Plan).unwrap();
        assert_eq!(store.show_state(&lab).unwrap().mode, ShowMode::Plan);
    }

    #[test]
    fn the_pitch_queue_and_timer() {
        let (_dir, store, lab) = demo();
        let s = store.pitch_session(&lab).unwrap();
        assert!(s.slots.is_empty());
        assert_eq!(s.timer.duration_ms, DEFAULT_PITCH_MS);

        let s = store.build_pitch_queue(&lab).unwrap();
        assert_eq!(s.slots.len(), 50);
        assert_eq!(s.slots[0].agency_short_name, "Setda", "roster order");
        let ids: Vec<String> = s.slots.iter().map(|x| x.idea_id.clone()).collect();

        // Start: current, timer running, projector spotlights it.
        let s = store.start_pitch(&lab, &ids[0]).unwrap();
        assert_eq!(s.current.as_deref(), Some(ids[0].as_str()));
        assert!(s.timer.running && s.timer.started_at.is_some());
        let show = store.show_state(&lab).unwrap();
        assert_eq!(
            (show.mode, show.spotlight_idea_id.as_deref()),
            (ShowMode::Spotlight, Some(ids[0].as_str()))
        );

        // Pause keeps what is left; resume runs again.
        std::thread::sleep(std::time::Duration::from_millis(30));
        let s = store.pause_pitch(&lab).unwrap();
        assert!(!s.timer.running);
        assert!(
            s.timer.remaining_ms < DEFAULT_PITCH_MS
                && s.timer.remaining_ms > DEFAULT_PITCH_MS - 5_000
        );
        let s = store.resume_pitch(&lab).unwrap();
        assert!(s.timer.running);

        // The next start ends the previous pitch as done.
        let s = store.start_pitch(&lab, &ids[1]).unwrap();
        assert_eq!(s.slots[0].state, SlotState::Done);
        assert_eq!(s.slots[1].state, SlotState::Current);
        let s = store.skip_pitch(&lab, &ids[1]).unwrap();
        assert_eq!(
            (s.slots[1].state, s.current.clone()),
            (SlotState::Skipped, None)
        );
        let s = store.requeue_pitch(&lab, &ids[1]).unwrap();
        assert_eq!(s.slots[1].state, SlotState::Waiting);

        // Shuffle moves only waiting slots; the same seed, the same order.
        let a = store.shuffle_pitch_queue(&lab, 7).unwrap();
        assert_eq!(a.slots[0].idea_id, ids[0], "a done slot keeps its place");
        assert_ne!(
            a.slots.iter().map(|x| &x.idea_id).collect::<Vec<_>>(),
            ids.iter().collect::<Vec<_>>()
        );
        // Move, then rebuilding keeps the order and states.
        let s = store.move_pitch_slot(&lab, &ids[5], 1).unwrap();
        assert_eq!(s.slots[1].idea_id, ids[5]);
        let s2 = store.build_pitch_queue(&lab).unwrap();
        assert_eq!(s2.slots, s.slots);

        // A deleted idea leaves the queue when it is rebuilt.
        store.delete_idea(&ids[5]).unwrap();
        assert_eq!(store.build_pitch_queue(&lab).unwrap().slots.len(), 49);

        let err = store.set_pitch_duration(&lab, 10_000).unwrap_err();
        assert_eq!(err.field(), Some("durationMs"));
        let s = store.finish_pitch(&lab).unwrap();
        let s = if s.current.is_none() {
            store.set_pitch_duration(&lab, 180_000).unwrap()
        } else {
            s
        };
        assert_eq!(
            (s.timer.duration_ms, s.timer.remaining_ms),
            (180_000, 180_000)
        );
    }

    #[test]
    fn notes_are_kept_on_the_idea_and_in_its_history() {
        let (_dir, store, lab) = demo();
        let idea = store.list_ideas(&lab).unwrap()[0].id.clone();
        store.add_idea_note(&idea, "Perlu data kunjungan").unwrap();
        store.add_idea_note(&idea, "Libatkan puskesmas").unwrap();
        let notes = store.list_idea_notes(&idea).unwrap();
        assert_eq!(
            notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(),
            ["Perlu data kunjungan", "Libatkan puskesmas"]
        );
        let last = store.history(&idea).unwrap().pop().unwrap();
        assert_eq!(last.changes["note"]["new"], "Libatkan puskesmas");
        assert_eq!(
            store.add_idea_note(&idea, "   ").unwrap_err().field(),
            Some("text")
        );
    }

    /// The ids of a session's slots, in queue order.
    fn order(s: &crate::model::PitchSession) -> Vec<String> {
        s.slots.iter().map(|x| x.idea_id.clone()).collect()
    }

    #[test]
    fn pause_keeps_what_is_left_and_resume_runs_on_from_it() {
        let (_dir, store, lab) = demo();
        let ids = order(&store.build_pitch_queue(&lab).unwrap());
        store.start_pitch(&lab, &ids[0]).unwrap();
        // As if the pitch had started ten seconds ago.
        let ten_s_ago = (chrono::Utc::now() - chrono::Duration::seconds(10))
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        store
            .conn()
            .execute(
                "UPDATE pitch_timer SET started_at = ?2 WHERE lab_id = ?1",
                rusqlite::params![lab, ten_s_ago],
            )
            .unwrap();
        let s = store.pause_pitch(&lab).unwrap();
        assert!(!s.timer.running && s.timer.started_at.is_none());
        let left = s.timer.remaining_ms;
        assert!(
            (DEFAULT_PITCH_MS - 12_000..=DEFAULT_PITCH_MS - 10_000).contains(&left),
            "{left}"
        );
        // Paused, the time stands still; pausing again changes nothing.
        assert_eq!(store.pause_pitch(&lab).unwrap().timer.remaining_ms, left);
        let s = store.resume_pitch(&lab).unwrap();
        assert!(s.timer.running && s.timer.started_at.is_some());
        assert_eq!(s.timer.remaining_ms, left, "remaining at the restart");
        assert_eq!(s.current.as_deref(), Some(ids[0].as_str()));
        // A longer time per pitch does not change the pitch under way.
        let s = store.set_pitch_duration(&lab, 600_000).unwrap();
        assert_eq!((s.timer.duration_ms, s.timer.remaining_ms), (600_000, left));
        // Finish: done, stopped, nothing current, the next pitch gets the full time.
        let s = store.finish_pitch(&lab).unwrap();
        assert_eq!(s.slots[0].state, SlotState::Done);
        assert!(s.current.is_none() && !s.timer.running);
        let s = store.start_pitch(&lab, &ids[1]).unwrap();
        assert_eq!(s.timer.remaining_ms, 600_000);
        // Resuming with nothing current does nothing.
        store.finish_pitch(&lab).unwrap();
        assert!(!store.resume_pitch(&lab).unwrap().timer.running);
    }

    #[test]
    fn skip_requeue_and_duration_bounds() {
        let (_dir, store, lab) = demo();
        let ids = order(&store.build_pitch_queue(&lab).unwrap());
        let s = store.skip_pitch(&lab, &ids[3]).unwrap();
        assert_eq!(s.slots[3].state, SlotState::Skipped);
        store.start_pitch(&lab, &ids[0]).unwrap();
        let s = store.finish_pitch(&lab).unwrap();
        assert_eq!(s.slots[0].state, SlotState::Done);
        let s = store.requeue_pitch(&lab, &ids[0]).unwrap();
        assert_eq!(s.slots[0].state, SlotState::Waiting);
        let s = store.requeue_pitch(&lab, &ids[3]).unwrap();
        assert_eq!(s.slots[3].state, SlotState::Waiting);
        assert!(s.slots.iter().all(|x| x.state == SlotState::Waiting));
        assert_eq!(
            store.skip_pitch(&lab, "not-queued").unwrap_err().field(),
            Some("ideaId")
        );
        for ok in [30_000, 60 * 60 * 1000] {
            assert_eq!(
                store
                    .set_pitch_duration(&lab, ok)
                    .unwrap()
                    .timer
                    .duration_ms,
                ok
            );
        }
        for bad in [0, 29_999, 60 * 60 * 1000 + 1] {
            let err = store.set_pitch_duration(&lab, bad).unwrap_err();
            assert_eq!(
                (err.code(), err.field()),
                (ErrorCode::InvalidInput, Some("durationMs"))
            );
        }
    }

    #[test]
    fn shuffle_moves_only_waiting_slots_and_a_seed_gives_one_order() {
        let (_dir, store, lab) = demo();
        let other = crate::demo::create_demo_lab(&store).unwrap().id;
        let titles = |s: &crate::model::PitchSession| -> Vec<String> {
            s.slots.iter().map(|x| x.title.clone()).collect()
        };
        // The same seed on the same queue (another lab with the same ideas) gives the
        // same order.
        let first = store.build_pitch_queue(&lab).unwrap();
        store.build_pitch_queue(&other).unwrap();
        let a = store.shuffle_pitch_queue(&lab, 42).unwrap();
        let b = store.shuffle_pitch_queue(&other, 42).unwrap();
        assert_eq!(titles(&a), titles(&b));
        assert_ne!(titles(&a), titles(&first));

        // Slots not waiting keep their places.
        let ids = order(&a);
        store.skip_pitch(&lab, &ids[2]).unwrap();
        store.start_pitch(&lab, &ids[4]).unwrap();
        store.start_pitch(&lab, &ids[7]).unwrap(); // 4 done, 7 current
        let s = store.shuffle_pitch_queue(&lab, 7).unwrap();
        for (i, state) in [
            (2, SlotState::Skipped),
            (4, SlotState::Done),
            (7, SlotState::Current),
        ] {
            assert_eq!((&s.slots[i].idea_id, s.slots[i].state), (&ids[i], state));
        }
        assert_ne!(order(&s), ids, "the waiting slots moved");
        assert_eq!(
            s.slots.iter().map(|x| x.position).collect::<Vec<_>>(),
            (0..50).collect::<Vec<u32>>()
        );
    }

    #[test]
    fn moving_a_slot_and_rebuilding_the_queue() {
        let (_dir, store, lab) = demo();
        let ids = order(&store.build_pitch_queue(&lab).unwrap());
        let s = store.move_pitch_slot(&lab, &ids[0], 3).unwrap();
        assert_eq!(
            order(&s)[..4],
            [&ids[1], &ids[2], &ids[3], &ids[0]].map(|x| x.clone())
        );
        let s = store.move_pitch_slot(&lab, &ids[0], 999).unwrap();
        assert_eq!(
            s.slots.last().unwrap().idea_id,
            ids[0],
            "clamped to the end"
        );
        let s = store.move_pitch_slot(&lab, &ids[0], 0).unwrap();
        assert_eq!(order(&s), ids);

        // A new idea joins at the end; a trashed one leaves, and a pitch under way on it
        // ends.
        store.start_pitch(&lab, &ids[1]).unwrap();
        let agency = store.list_agencies(&lab).unwrap()[0].id.clone();
        let new = store
            .add_idea(
                &lab,
                crate::model::IdeaInput {
                    agency_id: agency,
                    title: "Ide baru di tengah sesi".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        store.delete_idea(&ids[1]).unwrap();
        let s = store.build_pitch_queue(&lab).unwrap();
        assert_eq!(s.slots.len(), 50);
        assert_eq!(s.slots.last().unwrap().idea_id, new.id);
        assert!(s.slots.iter().all(|x| x.idea_id != ids[1]));
        assert!(s.current.is_none() && !s.timer.running);
        assert_eq!(
            store.move_pitch_slot(&lab, &ids[1], 0).unwrap_err().field(),
            Some("ideaId")
        );
    }

    #[test]
    fn reading_the_show_of_an_unknown_lab_is_not_found() {
        let (_dir, store, lab) = demo();
        assert_eq!(
            store.show_state("nope").unwrap_err().code(),
            ErrorCode::NotFound
        );
        assert_eq!(
            store.pitch_session("nope").unwrap_err().code(),
            ErrorCode::NotFound
        );
        // A read writes nothing.
        store.show_state(&lab).unwrap();
        store.pitch_session(&lab).unwrap();
        let rows: i64 = store
            .conn()
            .query_row(
                "SELECT (SELECT count(*) FROM show_state) + (SELECT count(*) FROM pitch_timer)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(rows, 0);
        assert_eq!(
            store.add_idea_note("nope", "x").unwrap_err().code(),
            ErrorCode::NotFound
        );
    }
}
