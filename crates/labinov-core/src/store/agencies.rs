//! Agencies (OPD) of a lab.

use rusqlite::{params, OptionalExtension, Row};

use super::changes::Changes;
use super::{Store, Tx};
use crate::error::{Error, Result};
use crate::model::{Agency, ChangeOp, NewAgency};
use crate::validate::{clean_optional, clean_required};

const AGENCY_COLUMNS: &str = "id, lab_id, code, name, short_name, grp";

pub(crate) fn agency_from_row(r: &Row<'_>) -> rusqlite::Result<Agency> {
    Ok(Agency {
        id: r.get(0)?,
        lab_id: r.get(1)?,
        code: r.get(2)?,
        name: r.get(3)?,
        short_name: r.get(4)?,
        group: r.get(5)?,
    })
}

impl Tx<'_> {
    pub(crate) fn insert_agency(&self, lab_id: &str, input: &NewAgency) -> Result<Agency> {
        let code = clean_required("code", &input.code)?;
        let name = clean_required("name", &input.name)?;
        let short_name = clean_optional("shortName", &input.short_name)?;
        let group = clean_optional("group", &input.group)?;
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
        };
        self.execute(
            &format!("INSERT INTO agency ({AGENCY_COLUMNS}, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
            params![agency.id, agency.lab_id, agency.code, agency.name, agency.short_name, agency.group, position],
        )?;
        let mut c = Changes::default();
        c.set("code", agency.code.as_str());
        c.set("name", agency.name.as_str());
        c.set("shortName", agency.short_name.as_str());
        c.set("group", agency.group.as_str());
        self.record(Some(lab_id), "agency", &agency.id, ChangeOp::Create, c)?;
        Ok(agency)
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
                        Error::Invalid { field, reason } => {
                            Error::invalid(field, format!("row {}: {reason}", i + 1))
                        }
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
