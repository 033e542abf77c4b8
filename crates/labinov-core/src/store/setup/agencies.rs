//! Agencies (OPD) of a lab.

use rusqlite::{params, OptionalExtension, Row};

use crate::error::{Error, Reason, Result};
use crate::model::Entity;
use crate::model::{Agency, ChangeOp, NewAgency};
use crate::store::changes::Changes;
use crate::store::{Store, Tx};
use crate::time::now_utc;
use crate::validate::{clean_optional, clean_required};

const AGENCY_COLUMNS: &str = "id, lab_id, code, name, short_name, grp, retired_at";

pub(crate) fn agency_from_row(r: &Row<'_>) -> rusqlite::Result<Agency> {
    Ok(Agency {
        id: r.get(0)?,
        lab_id: r.get(1)?,
        code: r.get(2)?,
        name: r.get(3)?,
        short_name: r.get(4)?,
        group: r.get(5)?,
        retired_at: r.get(6)?,
    })
}

/// An agency's typed values, checked and trimmed; a refusal names the field.
pub(crate) fn clean_agency(input: &NewAgency) -> Result<NewAgency> {
    Ok(NewAgency {
        code: clean_required("code", &input.code)?,
        name: clean_required("name", &input.name)?,
        short_name: clean_optional("shortName", &input.short_name)?,
        group: clean_optional("group", &input.group)?,
    })
}

impl Tx<'_> {
    pub(crate) fn insert_agency(&self, lab_id: &str, input: &NewAgency) -> Result<Agency> {
        let NewAgency {
            code,
            name,
            short_name,
            group,
        } = clean_agency(input)?;
        let taken: bool = self.query_row(
            "SELECT EXISTS (SELECT 1 FROM agency WHERE lab_id = ?1 AND code = ?2 COLLATE NOCASE)",
            params![lab_id, code],
            |r| r.get(0),
        )?;
        if taken {
            return Err(Error::Duplicate {
                field: "code".into(),
                value: code,
            });
        }
        let position: i64 = self.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM agency WHERE lab_id = ?1",
            [lab_id],
            |r| r.get(0),
        )?;
        let agency = Agency {
            id: uuid::Uuid::now_v7().to_string(),
            lab_id: lab_id.to_owned(),
            code,
            name,
            short_name,
            group,
            retired_at: None,
        };
        self.execute(
            "INSERT INTO agency (id, lab_id, code, name, short_name, grp, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                agency.id,
                agency.lab_id,
                agency.code,
                agency.name,
                agency.short_name,
                agency.group,
                position
            ],
        )?;
        let mut c = Changes::default();
        c.set("code", agency.code.as_str());
        c.set("name", agency.name.as_str());
        c.set("shortName", agency.short_name.as_str());
        c.set("group", agency.group.as_str());
        self.record(
            Some(lab_id),
            Entity::Agency,
            &agency.id,
            ChangeOp::Create,
            c,
        )?;
        Ok(agency)
    }

    /// The lab's agencies in roster order, inside this transaction.
    pub(crate) fn list_agencies_in(&self, lab_id: &str) -> Result<Vec<Agency>> {
        let mut stmt = self.prepare_cached(&format!(
            "SELECT {AGENCY_COLUMNS} FROM agency WHERE lab_id = ?1 ORDER BY position, code"
        ))?;
        let rows = stmt.query_map([lab_id], agency_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The lab's agency with this code, case ignored (as codes are kept unique).
    pub(crate) fn agency_by_code(&self, lab_id: &str, code: &str) -> Result<Option<Agency>> {
        Ok(self
            .query_row(
                &format!(
                    "SELECT {AGENCY_COLUMNS} FROM agency WHERE lab_id = ?1 AND code = ?2 COLLATE NOCASE"
                ),
                params![lab_id, code],
                agency_from_row,
            )
            .optional()?)
    }

    /// Writes `new` over `old` (the same agency): code, names, group and whether it is
    /// retired, with one change record of the fields that differ. Nothing when none does.
    /// The caller has checked the values and the code's uniqueness.
    pub(crate) fn update_agency(&self, old: &Agency, new: &Agency) -> Result<()> {
        let mut c = Changes::default();
        c.diff_value("code", old.code.as_str().into(), new.code.as_str().into());
        c.diff_value("name", old.name.as_str().into(), new.name.as_str().into());
        c.diff_value(
            "shortName",
            old.short_name.as_str().into(),
            new.short_name.as_str().into(),
        );
        c.diff_value(
            "group",
            old.group.as_str().into(),
            new.group.as_str().into(),
        );
        c.diff_value(
            "retiredAt",
            old.retired_at.clone().into(),
            new.retired_at.clone().into(),
        );
        if c.is_empty() {
            return Ok(());
        }
        self.execute(
            "UPDATE agency SET code = ?2, name = ?3, short_name = ?4, grp = ?5, retired_at = ?6
             WHERE id = ?1",
            params![
                old.id,
                new.code,
                new.name,
                new.short_name,
                new.group,
                new.retired_at
            ],
        )?;
        self.record(
            Some(&old.lab_id),
            Entity::Agency,
            &old.id,
            ChangeOp::Update,
            c,
        )
    }

    pub(crate) fn require_lab(&self, lab_id: &str) -> Result<()> {
        let exists: bool = self.query_row(
            "SELECT EXISTS (SELECT 1 FROM lab WHERE id = ?1)",
            [lab_id],
            |r| r.get(0),
        )?;
        if exists {
            Ok(())
        } else {
            Err(Error::not_found("lab", lab_id))
        }
    }
}

impl Store {
    pub fn add_agency(&self, lab_id: &str, input: NewAgency) -> Result<Agency> {
        self.write(|tx| {
            tx.require_lab(lab_id)?;
            tx.insert_agency(lab_id, &input)
        })
    }

    /// Adds several agencies in one transaction: all of them or, on the first bad one,
    /// none (the error names the row, counting from 1).
    pub fn add_agencies(&self, lab_id: &str, inputs: &[NewAgency]) -> Result<Vec<Agency>> {
        self.write(|tx| {
            tx.require_lab(lab_id)?;
            inputs
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    tx.insert_agency(lab_id, a).map_err(|e| match e {
                        Error::Invalid { field, reason } => Error::invalid(
                            field,
                            Reason::InRow {
                                row: i as u32 + 1,
                                reason,
                            },
                        ),
                        other => other,
                    })
                })
                .collect()
        })
    }

    /// The lab's agencies in roster order.
    pub fn list_agencies(&self, lab_id: &str) -> Result<Vec<Agency>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {AGENCY_COLUMNS} FROM agency WHERE lab_id = ?1 ORDER BY position, code"
        ))?;
        let rows = stmt.query_map([lab_id], agency_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Changes an agency's code, names or group. A code must stay unique in the lab.
    pub fn edit_agency(&self, id: &str, input: NewAgency) -> Result<Agency> {
        let NewAgency {
            code,
            name,
            short_name,
            group,
        } = clean_agency(&input)?;
        self.write(|tx| {
            let old = tx
                .query_row(&format!("SELECT {AGENCY_COLUMNS} FROM agency WHERE id = ?1"), [id], agency_from_row)
                .optional()?
                .ok_or_else(|| Error::not_found("agency", id))?;
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM agency WHERE lab_id = ?1 AND code = ?2 COLLATE NOCASE AND id <> ?3)",
                params![old.lab_id, code, id],
                |r| r.get(0),
            )?;
            if taken {
                return Err(Error::Duplicate { field: "code".into(), value: code });
            }
            let new = Agency { code, name, short_name, group, ..old.clone() };
            tx.update_agency(&old, &new)?;
            Ok(new)
        })
    }

    /// Retires an agency (it left the lab): no new ideas; its ideas stay. `false` brings
    /// it back.
    pub fn set_agency_retired(&self, id: &str, retired: bool) -> Result<Agency> {
        self.write(|tx| {
            let old = tx
                .query_row(
                    &format!("SELECT {AGENCY_COLUMNS} FROM agency WHERE id = ?1"),
                    [id],
                    agency_from_row,
                )
                .optional()?
                .ok_or_else(|| Error::not_found("agency", id))?;
            if old.retired_at.is_some() == retired {
                return Ok(old);
            }
            let retired_at = retired.then(now_utc);
            tx.execute(
                "UPDATE agency SET retired_at = ?2 WHERE id = ?1",
                params![id, retired_at],
            )?;
            let mut c = Changes::default();
            c.diff_value(
                "retiredAt",
                old.retired_at.clone().into(),
                retired_at.clone().into(),
            );
            tx.record(Some(&old.lab_id), Entity::Agency, id, ChangeOp::Update, c)?;
            Ok(Agency { retired_at, ..old })
        })
    }

    pub fn get_agency(&self, id: &str) -> Result<Agency> {
        self.conn()
            .query_row(
                &format!("SELECT {AGENCY_COLUMNS} FROM agency WHERE id = ?1"),
                [id],
                agency_from_row,
            )
            .optional()?
            .ok_or_else(|| Error::not_found("agency", id))
    }
}
