//! Labs: create, edit, read, list.

use rusqlite::{params, OptionalExtension, Row};

use crate::error::{Error, Reason, Result};
use crate::model::Entity;
use crate::model::{ChangeOp, Lab, LabSummary, NewLab};
use crate::store::changes::Changes;
use crate::store::Store;
use crate::time::{now_utc, parse_date, parse_time_zone, DEFAULT_TIME_ZONE};
use crate::validate::{clean_optional, clean_required};

const LAB_COLUMNS: &str =
    "id, name, organiser, city, venue, start_date, days, idea_target, time_zone, created_at, updated_at";

pub(crate) fn lab_from_row(r: &Row<'_>) -> rusqlite::Result<Lab> {
    Ok(Lab {
        id: r.get(0)?,
        name: r.get(1)?,
        organiser: r.get(2)?,
        city: r.get(3)?,
        venue: r.get(4)?,
        start_date: r.get(5)?,
        days: r.get(6)?,
        idea_target: r.get(7)?,
        time_zone: r.get(8)?,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

/// A lab's details, cleaned and checked: what creating and editing a lab share.
struct LabDetails {
    name: String,
    organiser: String,
    city: String,
    venue: String,
    start_date: String,
    days: u32,
    idea_target: u32,
    time_zone: String,
}

impl LabDetails {
    /// Cleans and checks `input`. An absent or empty time zone means `zone_if_empty`.
    fn clean(input: &NewLab, zone_if_empty: &str) -> Result<LabDetails> {
        let name = clean_required("name", &input.name)?;
        let organiser = clean_optional("organiser", &input.organiser)?;
        let city = clean_optional("city", &input.city)?;
        let venue = clean_optional("venue", &input.venue)?;
        let start_date = parse_date("startDate", &input.start_date)?.to_string();
        if !(1..=31).contains(&input.days) {
            return Err(Error::invalid("days", Reason::LabDays { max: 31 }));
        }
        if input.idea_target > 100_000 {
            return Err(Error::invalid(
                "ideaTarget",
                Reason::IdeaTargetTooLarge { max: 100_000 },
            ));
        }
        let time_zone = match input.time_zone.as_deref().map(str::trim) {
            None | Some("") => zone_if_empty.to_owned(),
            Some(tz) => parse_time_zone(tz)?.name().to_owned(),
        };
        Ok(LabDetails {
            name,
            organiser,
            city,
            venue,
            start_date,
            days: input.days,
            idea_target: input.idea_target,
            time_zone,
        })
    }
}

impl Store {
    pub fn create_lab(&self, input: NewLab) -> Result<Lab> {
        let d = LabDetails::clean(&input, DEFAULT_TIME_ZONE)?;
        let now = now_utc();
        let lab = Lab {
            id: uuid::Uuid::now_v7().to_string(),
            name: d.name,
            organiser: d.organiser,
            city: d.city,
            venue: d.venue,
            start_date: d.start_date,
            days: d.days,
            idea_target: d.idea_target,
            time_zone: d.time_zone,
            created_at: now.clone(),
            updated_at: now,
        };
        self.write(|tx| {
            tx.execute(
                &format!("INSERT INTO lab ({LAB_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
                params![
                    lab.id, lab.name, lab.organiser, lab.city, lab.venue, lab.start_date,
                    lab.days, lab.idea_target, lab.time_zone, lab.created_at, lab.updated_at
                ],
            )?;
            let mut c = Changes::default();
            c.set("name", lab.name.as_str());
            c.set("organiser", lab.organiser.as_str());
            c.set("city", lab.city.as_str());
            c.set("venue", lab.venue.as_str());
            c.set("startDate", lab.start_date.as_str());
            c.set("days", lab.days);
            c.set("ideaTarget", lab.idea_target);
            c.set("timeZone", lab.time_zone.as_str());
            tx.record(Some(&lab.id), Entity::Lab, &lab.id, ChangeOp::Create, c)?;
            tx.seed_options(&lab.id)
        })?;
        Ok(lab)
    }

    /// Edits a lab's details: the same fields and checks as [`Store::create_lab`], all of
    /// them given (the form sends the whole lab). An absent or empty time zone keeps the
    /// lab's. Only real changes are recorded in the change log; an edit that changes
    /// nothing writes nothing. A lab cannot be shortened while an idea or an agenda
    /// session is on one of the days it would lose.
    pub fn update_lab(&self, id: &str, input: NewLab) -> Result<Lab> {
        self.write(|tx| {
            let old = tx
                .query_row(
                    &format!("SELECT {LAB_COLUMNS} FROM lab WHERE id = ?1"),
                    [id],
                    lab_from_row,
                )
                .optional()?
                .ok_or_else(|| Error::not_found("lab", id))?;
            let d = LabDetails::clean(&input, &old.time_zone)?;
            if d.days < old.days {
                let (ideas, sessions): (u32, u32) = tx.query_row(
                    "SELECT (SELECT count(*) FROM idea WHERE lab_id = ?1 AND lab_day > ?2),
                            (SELECT count(*) FROM agenda_session WHERE lab_id = ?1 AND day > ?2)",
                    params![id, d.days],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                if ideas + sessions > 0 {
                    return Err(Error::invalid(
                        "days",
                        Reason::DaysInUse {
                            days: d.days,
                            ideas,
                            sessions,
                        },
                    ));
                }
            }
            let mut c = Changes::default();
            c.diff_value("name", old.name.as_str().into(), d.name.as_str().into());
            c.diff_value(
                "organiser",
                old.organiser.as_str().into(),
                d.organiser.as_str().into(),
            );
            c.diff_value("city", old.city.as_str().into(), d.city.as_str().into());
            c.diff_value("venue", old.venue.as_str().into(), d.venue.as_str().into());
            c.diff_value(
                "startDate",
                old.start_date.as_str().into(),
                d.start_date.as_str().into(),
            );
            c.diff_value("days", old.days.into(), d.days.into());
            c.diff_value("ideaTarget", old.idea_target.into(), d.idea_target.into());
            c.diff_value(
                "timeZone",
                old.time_zone.as_str().into(),
                d.time_zone.as_str().into(),
            );
            if c.is_empty() {
                return Ok(old);
            }
            let lab = Lab {
                name: d.name,
                organiser: d.organiser,
                city: d.city,
                venue: d.venue,
                start_date: d.start_date,
                days: d.days,
                idea_target: d.idea_target,
                time_zone: d.time_zone,
                updated_at: now_utc(),
                ..old
            };
            tx.execute(
                "UPDATE lab SET name = ?2, organiser = ?3, city = ?4, venue = ?5, start_date = ?6,
                                days = ?7, idea_target = ?8, time_zone = ?9, updated_at = ?10
                 WHERE id = ?1",
                params![
                    lab.id,
                    lab.name,
                    lab.organiser,
                    lab.city,
                    lab.venue,
                    lab.start_date,
                    lab.days,
                    lab.idea_target,
                    lab.time_zone,
                    lab.updated_at
                ],
            )?;
            tx.record(Some(&lab.id), Entity::Lab, &lab.id, ChangeOp::Update, c)?;
            Ok(lab)
        })
    }

    pub fn get_lab(&self, id: &str) -> Result<Lab> {
        self.conn()
            .query_row(
                &format!("SELECT {LAB_COLUMNS} FROM lab WHERE id = ?1"),
                [id],
                lab_from_row,
            )
            .optional()?
            .ok_or_else(|| Error::not_found("lab", id))
    }

    /// All labs, newest first, with their idea and agency counts. The idea count is the
    /// board's: ideas in the trash or merged into another are not counted.
    pub fn list_labs(&self) -> Result<Vec<LabSummary>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {LAB_COLUMNS},
                    (SELECT count(*) FROM idea i WHERE i.lab_id = lab.id
                       AND i.deleted_at IS NULL AND i.merged_into IS NULL),
                    (SELECT count(*) FROM agency a WHERE a.lab_id = lab.id)
             FROM lab ORDER BY created_at DESC"
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok(LabSummary {
                lab: lab_from_row(r)?,
                idea_count: r.get(11)?,
                agency_count: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
