//! Attendance per agenda session (daftar hadir) and the lab's activity report settings.
//!
//! # Attendance
//! An attendee of a session is a person of the roster, or, when the roster lacks them, a
//! name written in with an agency (or none, for a guest). Each has a key within the
//! session: `p:<person id>`, or `n:<agency id>:<name folded>` (lower case, spaces
//! collapsed), so two laptops ticking the same person, or writing the same name for the
//! same agency, meet on one row. Ticking is idempotent: ticking a present attendee (or
//! unticking an absent one) writes nothing. Unticking keeps the row with `present = 0`,
//! so tick and untick are one last-writer-wins register (`present`) and a merge never
//! resurrects or loses a tick (`sync/spec.rs`). The name and agency are kept as they were
//! ticked: a person removed from the roster later still came.
//!
//! Counts: per session the attendees present; per day and per agency the *different*
//! people present at any session (of that day).
//!
//! # Report settings
//! One row per lab (`report_setting`), each column its own register like the lab's
//! fields: basis, purpose and follow-up (multi-line), the signer's name and position,
//! the NIP (checked: 18 digits that read as a NIP), the place and the date of signing.

use std::collections::{BTreeSet, HashMap};

use rusqlite::{params, OptionalExtension, Row};
use serde_json::json;

use crate::error::{Error, Reason, Result};
use crate::model::{
    AgencyAttendance, AttendanceCounts, AttendanceInput, Attendee, ChangeOp, DayAttendance, Entity,
    ReportSettings, SessionAttendance,
};
use crate::store::changes::Changes;
use crate::store::{Store, Tx};
use crate::time::now_utc;
use crate::validate::{clean_nip, clean_optional, clean_required, clean_text};

/// A written-in name as its key compares it: lower case, runs of white space as one space.
fn fold(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The key of a written-in attendee.
pub(crate) fn name_key(agency_id: Option<&str>, name: &str) -> String {
    format!("n:{}:{}", agency_id.unwrap_or(""), fold(name))
}

/// The key of a person of the roster.
pub(crate) fn person_key(person_id: &str) -> String {
    format!("p:{person_id}")
}

fn attendee_from_row(r: &Row<'_>) -> rusqlite::Result<Attendee> {
    Ok(Attendee {
        session_id: r.get(0)?,
        attendee: r.get(1)?,
        person_id: r.get(2)?,
        name: r.get(3)?,
        agency_id: r.get(4)?,
        present: r.get::<_, i64>(5)? == 1,
    })
}

const ATTENDEE_COLUMNS: &str =
    "a.session_id, a.attendee, a.person_id, a.name, a.agency_id, a.present";

/// The report settings' columns and their register (field) names, in order.
const SETTING_COLUMNS: [(&str, &str); 8] = [
    ("basis", "basis"),
    ("purpose", "purpose"),
    ("follow_up", "followUp"),
    ("signer_name", "signerName"),
    ("signer_position", "signerPosition"),
    ("signer_nip", "signerNip"),
    ("sign_place", "signPlace"),
    ("sign_date", "signDate"),
];

fn settings_values(s: &ReportSettings) -> [&str; 8] {
    [
        &s.basis,
        &s.purpose,
        &s.follow_up,
        &s.signer_name,
        &s.signer_position,
        &s.signer_nip,
        &s.sign_place,
        &s.sign_date,
    ]
}

/// Checks report settings as typed (or as a bundle holds them): the texts by the usual
/// rules, the NIP by [`clean_nip`], the date as a date.
pub(crate) fn clean_settings(s: &ReportSettings) -> Result<ReportSettings> {
    let sign_date = match s.sign_date.trim() {
        "" => String::new(),
        d => crate::time::parse_date("signDate", d)?
            .format("%Y-%m-%d")
            .to_string(),
    };
    Ok(ReportSettings {
        basis: clean_text("basis", &s.basis)?,
        purpose: clean_text("purpose", &s.purpose)?,
        follow_up: clean_text("followUp", &s.follow_up)?,
        signer_name: clean_optional("signerName", &s.signer_name)?,
        signer_position: clean_optional("signerPosition", &s.signer_position)?,
        signer_nip: clean_nip("signerNip", &s.signer_nip)?,
        sign_place: clean_optional("signPlace", &s.sign_place)?,
        sign_date,
    })
}

impl Tx<'_> {
    fn attendee_tx(&self, session_id: &str, key: &str) -> Result<Option<Attendee>> {
        Ok(self
            .query_row(
                &format!(
                    "SELECT {ATTENDEE_COLUMNS} FROM attendance a
                     WHERE a.session_id = ?1 AND a.attendee = ?2"
                ),
                params![session_id, key],
                attendee_from_row,
            )
            .optional()?)
    }
}

impl Store {
    /// Ticks (`present`) or unticks an attendee of a session; by the rules in the module
    /// docs. Returns the attendee as stored (or, unticking someone never ticked, as asked).
    pub fn set_attendance(&self, session_id: &str, input: AttendanceInput) -> Result<Attendee> {
        self.write(|tx| tx.set_attendance(session_id, &input))
    }
}

impl Tx<'_> {
    /// [`Store::set_attendance`] inside a transaction (the demo lab ticks many at once).
    pub(crate) fn set_attendance(
        &self,
        session_id: &str,
        input: &AttendanceInput,
    ) -> Result<Attendee> {
        let tx = self;
        let person_id = input
            .person_id
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned);
        let typed_name = if person_id.is_some() {
            String::new()
        } else {
            // Spaces as typed in a hurry ("Citra   Dewi") are one space.
            clean_required("name", &input.name)?
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        {
            let lab_id: String = tx
                .query_row(
                    "SELECT lab_id FROM agenda_session WHERE id = ?1",
                    [session_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| Error::invalid("sessionId", Reason::ChooseSession))?;
            let (key, name, agency_id) = match &person_id {
                Some(p) => {
                    let (name, agency): (String, Option<String>) = tx
                        .query_row(
                            "SELECT name, agency_id FROM person WHERE id = ?1 AND lab_id = ?2",
                            params![p, lab_id],
                            |r| Ok((r.get(0)?, r.get(1)?)),
                        )
                        .optional()?
                        .ok_or_else(|| Error::invalid("personId", Reason::ChoosePerson))?;
                    (person_key(p), name, agency)
                }
                None => {
                    let agency = input
                        .agency_id
                        .as_deref()
                        .map(str::trim)
                        .filter(|a| !a.is_empty())
                        .map(str::to_owned);
                    if let Some(a) = &agency {
                        let owner: Option<String> = tx
                            .query_row("SELECT lab_id FROM agency WHERE id = ?1", [a], |r| r.get(0))
                            .optional()?;
                        if owner.as_deref() != Some(lab_id.as_str()) {
                            return Err(Error::invalid("agencyId", Reason::ChooseAgency));
                        }
                    }
                    (
                        name_key(agency.as_deref(), &typed_name),
                        typed_name.clone(),
                        agency,
                    )
                }
            };
            let entity_id = format!("{session_id}/{key}");
            let present = i64::from(input.present);
            match tx.attendee_tx(session_id, &key)? {
                Some(a) if a.present == input.present => Ok(a),
                Some(a) => {
                    tx.execute(
                        "UPDATE attendance SET present = ?3, updated_at = ?4
                         WHERE session_id = ?1 AND attendee = ?2",
                        params![session_id, key, present, now_utc()],
                    )?;
                    let mut c = Changes::default();
                    c.diff_value("present", json!(1 - present), json!(present));
                    tx.record(
                        Some(&lab_id),
                        Entity::Attendance,
                        &entity_id,
                        ChangeOp::Update,
                        c,
                    )?;
                    Ok(Attendee {
                        present: input.present,
                        ..a
                    })
                }
                None if !input.present => Ok(Attendee {
                    session_id: session_id.to_owned(),
                    attendee: key,
                    person_id,
                    name,
                    agency_id,
                    present: false,
                }),
                None => {
                    let now = now_utc();
                    tx.execute(
                        "INSERT INTO attendance (session_id, attendee, lab_id, person_id, name,
                             agency_id, present, created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7)",
                        params![session_id, key, lab_id, person_id, name, agency_id, now],
                    )?;
                    let mut c = Changes::default();
                    c.set("present", json!(1));
                    tx.record(
                        Some(&lab_id),
                        Entity::Attendance,
                        &entity_id,
                        ChangeOp::Create,
                        c,
                    )?;
                    Ok(Attendee {
                        session_id: session_id.to_owned(),
                        attendee: key,
                        person_id,
                        name,
                        agency_id,
                        present: true,
                    })
                }
            }
        }
    }
}

impl Store {
    /// Every attendee of the lab's sessions (unticked ones too, `present` false), in
    /// agenda order, then by name.
    pub fn attendance(&self, lab_id: &str) -> Result<Vec<Attendee>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {ATTENDEE_COLUMNS} FROM attendance a
             JOIN agenda_session s ON s.id = a.session_id
             WHERE a.lab_id = ?1
             ORDER BY s.day, s.starts_at, s.ends_at, s.id, a.name COLLATE NOCASE, a.attendee"
        ))?;
        let rows = stmt.query_map([lab_id], attendee_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The lab's attendance counted (rules in the module docs).
    pub fn attendance_counts(&self, lab_id: &str) -> Result<AttendanceCounts> {
        let lab = self.get_lab(lab_id)?;
        let agenda = self.agenda(lab_id)?;
        let agencies = self.list_agencies(lab_id)?;
        let present: Vec<Attendee> = self
            .attendance(lab_id)?
            .into_iter()
            .filter(|a| a.present)
            .collect();
        Ok(count_attendance(&lab, &agenda, &agencies, &present))
    }

    /// The lab's report settings (empty until set).
    pub fn report_settings(&self, lab_id: &str) -> Result<ReportSettings> {
        self.get_lab(lab_id)?;
        let conn = self.conn();
        let cols: Vec<&str> = SETTING_COLUMNS.iter().map(|c| c.0).collect();
        Ok(conn
            .query_row(
                &format!(
                    "SELECT {} FROM report_setting WHERE lab_id = ?1",
                    cols.join(", ")
                ),
                [lab_id],
                |r| {
                    Ok(ReportSettings {
                        basis: r.get(0)?,
                        purpose: r.get(1)?,
                        follow_up: r.get(2)?,
                        signer_name: r.get(3)?,
                        signer_position: r.get(4)?,
                        signer_nip: r.get(5)?,
                        sign_place: r.get(6)?,
                        sign_date: r.get(7)?,
                    })
                },
            )
            .optional()?
            .unwrap_or_default())
    }

    /// Saves the lab's report settings (checked by [`clean_settings`]); each changed
    /// field is logged and gets its clock.
    pub fn set_report_settings(
        &self,
        lab_id: &str,
        input: ReportSettings,
    ) -> Result<ReportSettings> {
        let new = clean_settings(&input)?;
        let old = self.report_settings(lab_id)?;
        self.write(|tx| {
            tx.require_lab(lab_id)?;
            let exists: bool = tx.query_row(
                "SELECT count(*) > 0 FROM report_setting WHERE lab_id = ?1",
                [lab_id],
                |r| r.get(0),
            )?;
            let mut c = Changes::default();
            for (i, (_, field)) in SETTING_COLUMNS.iter().enumerate() {
                let (o, n) = (settings_values(&old)[i], settings_values(&new)[i]);
                if exists {
                    c.diff_value(field, json!(o), json!(n));
                } else {
                    c.set(field, json!(n));
                }
            }
            if exists && c.is_empty() {
                return Ok(());
            }
            let cols: Vec<&str> = SETTING_COLUMNS.iter().map(|c| c.0).collect();
            let sets: Vec<String> = cols.iter().map(|c| format!("{c} = excluded.{c}")).collect();
            let v = settings_values(&new);
            tx.execute(
                &format!(
                    "INSERT INTO report_setting (lab_id, {}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                     ON CONFLICT (lab_id) DO UPDATE SET {}",
                    cols.join(", "),
                    sets.join(", ")
                ),
                params![lab_id, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]],
            )?;
            let op = if exists {
                ChangeOp::Update
            } else {
                ChangeOp::Create
            };
            tx.record(Some(lab_id), Entity::ReportSetting, lab_id, op, c)
        })?;
        Ok(new)
    }
}

/// Counts `present` attendees (rules in the module docs); `present` holds only ticks.
pub(crate) fn count_attendance(
    lab: &crate::model::Lab,
    agenda: &[crate::model::AgendaSession],
    agencies: &[crate::model::Agency],
    present: &[Attendee],
) -> AttendanceCounts {
    let days = lab.days as usize;
    let day_of: HashMap<&str, u32> = agenda.iter().map(|s| (s.id.as_str(), s.day)).collect();
    let per_session = agenda
        .iter()
        .map(|s| SessionAttendance {
            session_id: s.id.clone(),
            day: s.day,
            present: present.iter().filter(|a| a.session_id == s.id).count() as u32,
        })
        .collect();
    // A person is the same person across sessions: their key without the session.
    let mut per_day: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); days];
    let mut everyone: BTreeSet<&str> = BTreeSet::new();
    // agency id ("" for none) -> per day sets, and over the lab.
    let mut by_agency: HashMap<&str, (Vec<BTreeSet<&str>>, BTreeSet<&str>)> = HashMap::new();
    for a in present {
        let Some(&day) = day_of.get(a.session_id.as_str()) else {
            continue;
        };
        let d = (day as usize).saturating_sub(1);
        let agency = a.agency_id.as_deref().unwrap_or("");
        let entry = by_agency
            .entry(agency)
            .or_insert_with(|| (vec![BTreeSet::new(); days], BTreeSet::new()));
        if let Some(set) = per_day.get_mut(d) {
            set.insert(&a.attendee);
        }
        if let Some(set) = entry.0.get_mut(d) {
            set.insert(&a.attendee);
        }
        entry.1.insert(&a.attendee);
        everyone.insert(&a.attendee);
    }
    let start = chrono::NaiveDate::parse_from_str(&lab.start_date, "%Y-%m-%d").ok();
    let per_day = per_day
        .iter()
        .enumerate()
        .map(|(i, set)| DayAttendance {
            day: i as u32 + 1,
            date: start
                .and_then(|s| s.checked_add_days(chrono::Days::new(i as u64)))
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            people: set.len() as u32,
        })
        .collect();
    let row = |id: &str,
               code: &str,
               short: &str,
               name: &str,
               sets: &(Vec<BTreeSet<&str>>, BTreeSet<&str>)| {
        AgencyAttendance {
            agency_id: id.to_owned(),
            code: code.to_owned(),
            short_name: short.to_owned(),
            name: name.to_owned(),
            per_day: sets.0.iter().map(|s| s.len() as u32).collect(),
            people: sets.1.len() as u32,
        }
    };
    let mut per_agency: Vec<AgencyAttendance> = agencies
        .iter()
        .filter_map(|a| {
            by_agency
                .get(a.id.as_str())
                .map(|sets| row(&a.id, &a.code, &a.short_name, &a.name, sets))
        })
        .collect();
    let agencies_present = per_agency.len() as u32;
    if let Some(sets) = by_agency.get("") {
        per_agency.push(row("", "", "", "", sets));
    }
    AttendanceCounts {
        per_session,
        per_day,
        per_agency,
        people: everyone.len() as u32,
        agencies_present,
    }
}

#[cfg(test)]
mod tests;
