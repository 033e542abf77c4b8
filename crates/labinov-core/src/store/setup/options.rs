//! The option lists of a lab (see [`crate::domain`]): seeded on creation, editable after.

use rusqlite::{params, OptionalExtension};

use crate::domain::{DEFAULT_OPTIONS, LISTS};
use crate::error::{Error, Reason, Result};
use crate::model::Entity;
use crate::model::{ChangeOp, OptionItem};
use crate::store::changes::Changes;
use crate::store::{Store, Tx};
use crate::validate::clean_required;

impl Tx<'_> {
    /// Gives a lab the default lists, for any list it has no option in yet.
    pub(crate) fn seed_options(&self, lab_id: &str) -> Result<()> {
        seed_options(self, lab_id)
    }

    /// `code` must be an option of `list` in the lab; a retired one only if `kept`.
    pub(crate) fn require_option(
        &self,
        lab_id: &str,
        list: &str,
        field: &str,
        code: &str,
        kept: bool,
    ) -> Result<()> {
        let retired: Option<bool> = self
            .query_row(
                "SELECT retired FROM option_item WHERE lab_id = ?1 AND list = ?2 AND code = ?3",
                params![lab_id, list, code],
                |r| r.get(0),
            )
            .optional()?;
        match retired {
            Some(false) => Ok(()),
            Some(true) if kept => Ok(()),
            Some(true) => Err(Error::invalid(
                field,
                Reason::OptionRetired {
                    value: code.into(),
                    list: list.into(),
                },
            )),
            None => Err(Error::invalid(
                field,
                Reason::NotAnOption {
                    value: code.into(),
                    list: list.into(),
                },
            )),
        }
    }
}

/// Seeds on any connection (also used by the migration for labs created before v2).
pub(crate) fn seed_options(conn: &rusqlite::Connection, lab_id: &str) -> Result<()> {
    for list in LISTS {
        let has: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM option_item WHERE lab_id = ?1 AND list = ?2)",
            params![lab_id, list],
            |r| r.get(0),
        )?;
        if has {
            continue;
        }
        for (position, (_, code, id, en)) in
            DEFAULT_OPTIONS.iter().filter(|o| o.0 == *list).enumerate()
        {
            conn.execute(
                "INSERT INTO option_item (lab_id, list, code, label_id, label_en, position)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![lab_id, list, code, id, en, position as i64 + 1],
            )?;
        }
    }
    Ok(())
}

impl Store {
    /// Every option of every list of the lab, retired ones included (old ideas show them).
    pub fn list_options(&self, lab_id: &str) -> Result<Vec<OptionItem>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT list, code, label_id, label_en, position, retired FROM option_item
             WHERE lab_id = ?1 ORDER BY list, position, code",
        )?;
        let rows = stmt.query_map([lab_id], |r| {
            Ok(OptionItem {
                list: r.get(0)?,
                code: r.get(1)?,
                label_id: r.get(2)?,
                label_en: r.get(3)?,
                position: r.get(4)?,
                retired: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds an option to a list, or relabels / un-retires an existing code.
    pub fn save_option(
        &self,
        lab_id: &str,
        list: &str,
        code: &str,
        label_id: &str,
        label_en: &str,
    ) -> Result<OptionItem> {
        if !LISTS.contains(&list) {
            return Err(Error::invalid(
                "list",
                Reason::NotAnOptionList { list: list.into() },
            ));
        }
        let code = clean_required("code", code)?;
        if !code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(Error::invalid("code", Reason::OptionCodeCharacters));
        }
        let label_id = clean_required("labelId", label_id)?;
        let label_en = match clean_required("labelEn", label_en) {
            Ok(l) => l,
            Err(_) => label_id.clone(),
        };
        self.write(|tx| {
            tx.require_lab(lab_id)?;
            let position: u32 = tx.query_row(
                "SELECT coalesce((SELECT position FROM option_item WHERE lab_id = ?1 AND list = ?2 AND code = ?3),
                                 (SELECT coalesce(max(position), 0) + 1 FROM option_item WHERE lab_id = ?1 AND list = ?2))",
                params![lab_id, list, code],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO option_item (lab_id, list, code, label_id, label_en, position, retired)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)
                 ON CONFLICT (lab_id, list, code) DO UPDATE
                 SET label_id = excluded.label_id, label_en = excluded.label_en, retired = 0",
                params![lab_id, list, code, label_id, label_en, position],
            )?;
            let mut c = Changes::default();
            c.set("labelId", label_id.as_str());
            c.set("labelEn", label_en.as_str());
            tx.record(Some(lab_id), Entity::OptionItem, &format!("{list}/{code}"), ChangeOp::Update, c)?;
            Ok(OptionItem { list: list.into(), code, label_id, label_en, position, retired: false })
        })
    }

    /// Retires an option: no longer offered, still shown on the ideas that have it.
    pub fn retire_option(&self, lab_id: &str, list: &str, code: &str) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE option_item SET retired = 1 WHERE lab_id = ?1 AND list = ?2 AND code = ?3",
                params![lab_id, list, code],
            )?;
            if n == 0 {
                return Err(Error::not_found("option", format!("{list}/{code}")));
            }
            let mut c = Changes::default();
            c.set("retired", true);
            tx.record(
                Some(lab_id),
                Entity::OptionItem,
                &format!("{list}/{code}"),
                ChangeOp::Update,
                c,
            )
        })
    }
}
