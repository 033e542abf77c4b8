//! The show: what the projector window shows, the presenter queue and its timer, and notes
//! typed during a pitch.
//!
//! The projector's mode and the pitch queue and timer are presentation state: durable (a
//! restart or a second window sees the same), but not lab data, so they are not in the
//! change log and do not travel to other laptops. Notes are lab data and are logged on
//! their idea.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::changes::Changes;
use super::{Store, Tx};
use crate::error::{Error, Result};
use crate::model::{
    ChangeOp, IdeaNote, PitchSession, PitchSlot, PitchTimer, ShowMode, ShowState, ShowTheme,
    SlotState,
};
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
    }
}

fn parse_mode(s: &str) -> ShowMode {
    match s {
        "spotlight" => ShowMode::Spotlight,
        "progress" => ShowMode::Progress,
        "agenda" => ShowMode::Agenda,
        "results" => ShowMode::Results,
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
        self.ensure_show(lab_id)?;
        Ok(self.query_row(
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
        )?)
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
        self.ensure_show(lab_id)?;
        let slots: Vec<PitchSlot> = {
            let mut stmt = self.prepare_cached(
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
        let (current, timer) = self.query_row(
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
        )?;
        Ok(PitchSession {
            lab_id: lab_id.to_owned(),
            slots,
            current,
            timer,
            now: now_utc(),
        })
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
            .ok_or_else(|| Error::invalid("ideaId", "this idea is not in the pitch queue"))
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
        self.write(|tx| tx.show_state(lab_id))
    }

    pub fn set_show_mode(&self, lab_id: &str, mode: ShowMode) -> Result<ShowState> {
        self.write(|tx| tx.set_show(lab_id, "mode", &mode_str(mode)))
    }

    /// Puts an idea (or nothing) in the spotlight.
    pub fn set_spotlight(&self, lab_id: &str, idea_id: Option<&str>) -> Result<ShowState> {
        self.write(|tx| {
            if let Some(id) = idea_id {
                if tx.get_idea(id)?.lab_id != lab_id {
                    return Err(Error::invalid("ideaId", "choose an idea of this lab"));
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

    /// The presenter queue and the timer.
    pub fn pitch_session(&self, lab_id: &str) -> Result<PitchSession> {
        self.write(|tx| tx.pitch_session(lab_id))
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
            let mut order: Vec<String> = Vec::new();
            for (id, _) in &existing {
                if live.contains(id) {
                    order.push(id.clone());
                } else {
                    tx.execute("DELETE FROM pitch_slot WHERE lab_id = ?1 AND idea_id = ?2", params![lab_id, id])?;
                }
            }
            for id in live {
                if !order.contains(&id) {
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
                "a pitch lasts from 30 seconds to 60 minutes",
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
        let text = clean_text("text", text)?;
        if text.is_empty() {
            return Err(Error::invalid("text", "is required"));
        }
        self.write(|tx| {
            let idea = tx.get_idea(idea_id)?;
            let note = IdeaNote {
                id: uuid::Uuid::now_v7().to_string(),
                idea_id: idea_id.to_owned(),
                text,
                created_at: now_utc(),
                installation_id: tx.installation_id.to_owned(),
            };
            tx.execute(
                "INSERT INTO idea_note (id, idea_id, text, created_at, installation_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![note.id, note.idea_id, note.text, note.created_at, note.installation_id],
            )?;
            let mut c = Changes::default();
            c.set("note", note.text.clone());
            tx.record(Some(&idea.lab_id), "idea", idea_id, ChangeOp::Update, c)?;
            Ok(note)
        })
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
}
