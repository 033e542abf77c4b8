//! What the lab shows the public (the gallery and the posters): which idea fields go out,
//! and which ideas.
//!
//! Rules:
//! - Both are lab data: every choice is written through `Tx::record`, so it is in the
//!   change log, stamped with a merge clock, merged per register (`sync/spec.rs`:
//!   `GALLERY_FIELD`, one register per lab and field; `PUBLICATION`, one per idea) and
//!   carried by the bundle.
//! - A field the lab has not decided on follows the field table (`fields.rs`, column
//!   `public`): contact details (the proposer's name and position), the budget, the lab
//!   day and the status are private by default; the title and the agency always go out,
//!   since the gallery is organised by them, and cannot be hidden. The photos are one
//!   more choice (`photos`), public by default.
//! - An idea the lab has not decided on goes out while it is live. An idea in the trash
//!   or merged into another never goes out, whatever was chosen for it (its choice is
//!   kept for when it is restored). Drafts are not ideas and never go out.
//! - What goes out is computed once, by `export::Gallery::build` from one snapshot
//!   (`ReportData`): the app's preview and the exported files draw that same value.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};

use super::changes::Changes;
use super::{Store, Tx};
use crate::error::{Error, Reason, Result};
use crate::export::{GalleryChoices, GalleryField, GalleryIdea, PHOTOS, PROGRESS};
use crate::fields::{Publicity, IDEA_FIELDS};
use crate::model::{ChangeOp, Entity};

/// Every choosable item: the idea fields in table order, then the photos and the
/// follow-up's progress; with its publicity when the lab has not decided.
pub(crate) fn items() -> impl Iterator<Item = (&'static str, Publicity)> {
    IDEA_FIELDS
        .iter()
        .map(|f| (f.key, f.public))
        .chain([(PHOTOS, Publicity::Public), (PROGRESS, Publicity::Public)])
}

/// The register id of a lab's choice for a field (the merge's key: `lab_id/field`).
fn field_register(lab_id: &str, key: &str) -> String {
    format!("{lab_id}/{key}")
}

impl Tx<'_> {
    fn gallery_choices(&self, lab_id: &str) -> Result<GalleryChoices> {
        self.require_lab(lab_id)?;
        let chosen: HashMap<String, bool> = {
            let mut stmt =
                self.prepare_cached("SELECT field, public FROM gallery_field WHERE lab_id = ?1")?;
            let rows = stmt.query_map([lab_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let fields = items()
            .map(|(key, p)| GalleryField {
                key: key.to_owned(),
                always: p == Publicity::Always,
                default_public: p.default_public(),
                public: p == Publicity::Always
                    || chosen.get(key).copied().unwrap_or(p.default_public()),
            })
            .collect();
        let mut stmt = self.prepare_cached(
            "SELECT i.id, i.title, i.agency_id, coalesce(a.name, ''), coalesce(a.short_name, ''),
                    i.status, p.published
             FROM idea i
             LEFT JOIN agency a ON a.id = i.agency_id
             LEFT JOIN idea_publication p ON p.idea_id = i.id
             WHERE i.lab_id = ?1 AND i.deleted_at IS NULL AND i.merged_into IS NULL
             ORDER BY i.created_at, i.id",
        )?;
        let ideas = stmt
            .query_map([lab_id], |r| {
                let chosen: Option<bool> = r.get(6)?;
                Ok(GalleryIdea {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    agency_id: r.get(2)?,
                    agency_name: r.get(3)?,
                    agency_short_name: r.get(4)?,
                    status: r.get(5)?,
                    published: chosen.unwrap_or(true),
                    chosen: chosen.is_some(),
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(GalleryChoices { fields, ideas })
    }
}

impl Store {
    /// The lab's choices of what goes out: every field (with its default) and every live
    /// idea (rules in the module docs).
    pub fn gallery_choices(&self, lab_id: &str) -> Result<GalleryChoices> {
        self.write(|tx| tx.gallery_choices(lab_id))
    }

    /// Publishes or hides a field (or `photos`) in the lab's gallery. The title and the
    /// agency cannot be hidden; an unknown field is refused, naming the ones there are.
    pub fn set_gallery_field(
        &self,
        lab_id: &str,
        key: &str,
        public: bool,
    ) -> Result<GalleryChoices> {
        let Some((key, p)) = items().find(|(k, _)| *k == key) else {
            return Err(Error::invalid(
                "field",
                Reason::NotOneOf {
                    value: key.into(),
                    allowed: choosable().map(String::from).collect(),
                },
            ));
        };
        if p == Publicity::Always {
            return Err(Error::invalid(
                "field",
                Reason::NotOneOf {
                    value: key.into(),
                    allowed: choosable().map(String::from).collect(),
                },
            ));
        }
        self.write(|tx| {
            tx.require_lab(lab_id)?;
            let old: Option<bool> = tx
                .query_row(
                    "SELECT public FROM gallery_field WHERE lab_id = ?1 AND field = ?2",
                    params![lab_id, key],
                    |r| r.get(0),
                )
                .optional()?;
            if old != Some(public) {
                tx.execute(
                    "INSERT INTO gallery_field (lab_id, field, public) VALUES (?1, ?2, ?3)
                     ON CONFLICT (lab_id, field) DO UPDATE SET public = excluded.public",
                    params![lab_id, key, public],
                )?;
                let mut ch = Changes::default();
                ch.diff_value(
                    "public",
                    old.unwrap_or(p.default_public()).into(),
                    public.into(),
                );
                // Recorded even when it equals the default: the choice itself is data
                // (a later default change must not flip what the lab decided).
                if ch.is_empty() {
                    ch.set("public", public);
                }
                let op = if old.is_some() {
                    ChangeOp::Update
                } else {
                    ChangeOp::Create
                };
                tx.record(
                    Some(lab_id),
                    Entity::GalleryField,
                    &field_register(lab_id, key),
                    op,
                    ch,
                )?;
            }
            tx.gallery_choices(lab_id)
        })
    }

    /// Publishes or hides ideas of the lab in its gallery, in one transaction; returns
    /// how many changed. An id that is not an idea of this lab is refused and nothing is
    /// written.
    pub fn set_ideas_published(
        &self,
        lab_id: &str,
        idea_ids: &[String],
        published: bool,
    ) -> Result<u32> {
        self.write(|tx| {
            tx.require_lab(lab_id)?;
            let mut changed = 0;
            for id in idea_ids {
                let row: Option<(String, Option<bool>)> = tx
                    .query_row(
                        "SELECT i.lab_id, p.published FROM idea i
                         LEFT JOIN idea_publication p ON p.idea_id = i.id WHERE i.id = ?1",
                        [id],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                let old = match row {
                    Some((lab, old)) if lab == lab_id => old,
                    _ => return Err(Error::not_found("idea", id.as_str())),
                };
                if old == Some(published) {
                    continue;
                }
                tx.execute(
                    "INSERT INTO idea_publication (idea_id, published) VALUES (?1, ?2)
                     ON CONFLICT (idea_id) DO UPDATE SET published = excluded.published",
                    params![id, published],
                )?;
                let mut ch = Changes::default();
                ch.diff_value("published", old.unwrap_or(true).into(), published.into());
                if ch.is_empty() {
                    ch.set("published", published);
                }
                let op = if old.is_some() {
                    ChangeOp::Update
                } else {
                    ChangeOp::Create
                };
                tx.record(Some(lab_id), Entity::Publication, id, op, ch)?;
                changed += 1;
            }
            Ok(changed)
        })
    }
}

/// The items a lab can choose about (all but those that always go out).
fn choosable() -> impl Iterator<Item = &'static str> {
    items()
        .filter(|(_, p)| *p != Publicity::Always)
        .map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Gallery, Lang, ReportData};
    use crate::model::{IdeaInput, IdeaPatch, NewAgency, PersonInput, PersonRole};
    use crate::store::test_support::lab_with_agency;
    use crate::ErrorCode;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(dir.path().join("labinov.db")).unwrap();
        (dir, s)
    }

    fn gallery(s: &Store, lab: &str) -> Gallery {
        Gallery::build(&ReportData::read(s, lab).unwrap(), Lang::Id)
    }

    /// Every text field of the idea filled with `mark` and the field's key, every option
    /// field with an option, a lab day.
    fn full_idea(s: &Store, lab: &str, agency: &str, mark: &str) -> String {
        let mut input = serde_json::to_value(IdeaInput::default()).unwrap();
        for f in IDEA_FIELDS {
            let v = match f.kind {
                crate::fields::FieldKind::Line | crate::fields::FieldKind::Text => {
                    serde_json::json!(format!("{mark} {}", f.key))
                }
                crate::fields::FieldKind::Tags => serde_json::json!([format!("{mark}tag")]),
                _ => continue,
            };
            input[f.key] = v;
        }
        input["agencyId"] = agency.into();
        input["tahapan"] = "uji_coba".into();
        input["bentuk"] = "pelayanan_publik".into();
        input["status"] = "selected".into();
        input["labDay"] = 2.into();
        let input: IdeaInput = serde_json::from_value(input).unwrap();
        s.add_idea(lab, input).unwrap().id
    }

    #[test]
    fn defaults_keep_contact_details_and_decisions_private() {
        let (_d, s) = store();
        let (lab, agency) = lab_with_agency(&s);
        let id = full_idea(&s, &lab.id, &agency.id, "Teks");
        let c = s.gallery_choices(&lab.id).unwrap();
        let public = |k: &str| c.fields.iter().find(|f| f.key == k).unwrap().public;
        for private in [
            "proposerName",
            "proposerPosition",
            "anggaran",
            "labDay",
            "status",
        ] {
            assert!(!public(private), "{private} is private by default");
        }
        for shown in [
            "title",
            "agencyId",
            "description",
            "problem",
            "tahapan",
            PHOTOS,
        ] {
            assert!(public(shown), "{shown} is public by default");
        }
        assert!(c.fields.iter().filter(|f| f.always).count() == 2);
        assert_eq!(c.ideas.len(), 1);
        assert!(c.ideas[0].published && !c.ideas[0].chosen);

        let g = gallery(&s, &lab.id);
        assert_eq!(g.ideas.len(), 1);
        let i = &g.ideas[0];
        assert_eq!(i.id, id);
        assert_eq!(i.field("description").unwrap().value, "Teks description");
        assert_eq!(i.field("tahapan").unwrap().value, "Uji coba");
        assert!(i.field("proposerName").is_none());
        assert!(i.field("anggaran").is_none());
        // The charts by a private field (the lab day) are left out; bentuk is drawn.
        let ids: Vec<_> = g.charts.iter().map(|c| c.id).collect();
        assert_eq!(
            ids,
            [
                crate::charts::ChartId::TopAgencies,
                crate::charts::ChartId::PerBentuk
            ]
        );
    }

    #[test]
    fn choices_are_recorded_and_refusals_change_nothing() {
        let (_d, s) = store();
        let (lab, agency) = lab_with_agency(&s);
        let other = s
            .add_agency(
                &lab.id,
                NewAgency {
                    code: "DISHUB".into(),
                    name: "Dinas Perhubungan".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        let a = full_idea(&s, &lab.id, &agency.id, "Satu");
        let b = full_idea(&s, &lab.id, &other.id, "Dua");

        s.set_gallery_field(&lab.id, "proposerName", true).unwrap();
        s.set_gallery_field(&lab.id, "description", false).unwrap();
        s.set_ideas_published(&lab.id, std::slice::from_ref(&b), false)
            .unwrap();
        let g = gallery(&s, &lab.id);
        assert_eq!(g.ideas.len(), 1);
        assert_eq!(g.hidden_ideas, 1);
        assert_eq!(
            g.agencies.len(),
            1,
            "an agency without a published idea is out"
        );
        assert_eq!(g.ideas[0].id, a);
        assert_eq!(
            g.ideas[0].field("proposerName").unwrap().value,
            "Satu proposerName"
        );
        assert!(g.ideas[0].field("description").is_none());
        // Each choice is in the change log with a merge clock.
        let h = s.history(&format!("{}/proposerName", lab.id)).unwrap();
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].changes["public"]["new"], true);
        assert_eq!(s.history(&b).unwrap().last().unwrap().entity, "publication");
        // Setting the same again writes nothing.
        let before = s.change_count().unwrap();
        s.set_gallery_field(&lab.id, "proposerName", true).unwrap();
        s.set_ideas_published(&lab.id, std::slice::from_ref(&b), false)
            .unwrap();
        assert_eq!(s.change_count().unwrap(), before);

        // Refused: the title (always public), a field that does not exist, an idea of
        // another lab (nothing of the call written).
        for key in ["title", "agencyId", "nomorTelepon"] {
            let e = s.set_gallery_field(&lab.id, key, false).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidInput, "{key}");
        }
        let (lab2, agency2) = {
            let l = s
                .create_lab(crate::model::NewLab {
                    name: "Lab lain".into(),
                    start_date: "2026-12-01".into(),
                    days: 2,
                    idea_target: 5,
                    ..Default::default()
                })
                .unwrap();
            let ag = s
                .add_agency(
                    &l.id,
                    NewAgency {
                        code: "X".into(),
                        name: "X".into(),
                        ..Default::default()
                    },
                )
                .unwrap();
            (l, ag)
        };
        let foreign = full_idea(&s, &lab2.id, &agency2.id, "Asing");
        let e = s
            .set_ideas_published(&lab.id, &[a.clone(), foreign], false)
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::NotFound);
        assert!(s
            .gallery_choices(&lab.id)
            .unwrap()
            .ideas
            .iter()
            .any(|i| i.id == a && i.published));
    }

    #[test]
    fn trash_and_merged_ideas_never_go_out_whatever_was_chosen() {
        let (_d, s) = store();
        let (lab, agency) = lab_with_agency(&s);
        let keep = full_idea(&s, &lab.id, &agency.id, "Tetap");
        let trashed = full_idea(&s, &lab.id, &agency.id, "Dibuang");
        let merged = full_idea(&s, &lab.id, &agency.id, "Digabung");
        s.set_ideas_published(&lab.id, &[trashed.clone(), merged.clone()], true)
            .unwrap();
        s.delete_idea(&trashed).unwrap();
        s.merge_ideas(&keep, &merged).unwrap();
        let g = gallery(&s, &lab.id);
        assert_eq!(g.ideas.iter().map(|i| &i.id).collect::<Vec<_>>(), [&keep]);
        assert_eq!(s.gallery_choices(&lab.id).unwrap().ideas.len(), 1);
        // Restored, it goes out again with its choice.
        s.restore_idea(&trashed).unwrap();
        assert_eq!(gallery(&s, &lab.id).ideas.len(), 2);
        // Emptying the trash takes its choice with it.
        s.delete_idea(&trashed).unwrap();
        s.empty_trash(&lab.id).unwrap();
        let n: i64 = s
            .conn()
            .query_row(
                "SELECT count(*) FROM idea_publication WHERE idea_id = ?1",
                [&trashed],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 0);
    }

    /// Whatever the lab holds, nothing private is in what goes out: every private field's
    /// text, a hidden idea, reviews, notes, people.
    #[test]
    fn the_public_gallery_never_holds_a_private_word() {
        let (_d, s) = store();
        let (lab, agency) = lab_with_agency(&s);
        let shown = full_idea(&s, &lab.id, &agency.id, "Terbuka");
        let hidden = full_idea(&s, &lab.id, &agency.id, "RAHASIA");
        s.update_idea(&shown, IdeaPatch::new().set("proposerName", "RAHASIA nama"))
            .unwrap();
        s.update_idea(
            &shown,
            IdeaPatch::new().set("anggaran", "RAHASIA Rp 5 juta"),
        )
        .unwrap();
        s.set_ideas_published(&lab.id, std::slice::from_ref(&hidden), false)
            .unwrap();
        s.add_idea_note(&shown, "RAHASIA catatan").unwrap();
        s.add_person(
            &lab.id,
            PersonInput {
                agency_id: None,
                name: "RAHASIA reviewer".into(),
                position: String::new(),
                role: PersonRole::Reviewer,
            },
        )
        .unwrap();
        let g = gallery(&s, &lab.id);
        let text = serde_json::to_string(&g).unwrap();
        assert!(!text.contains("RAHASIA"), "{text}");
        assert!(text.contains("Terbuka description"));
        // Every field public: still no hidden idea, note or person.
        for f in s.gallery_choices(&lab.id).unwrap().fields {
            if !f.always {
                s.set_gallery_field(&lab.id, &f.key, true).unwrap();
            }
        }
        let text = serde_json::to_string(&gallery(&s, &lab.id)).unwrap();
        assert!(text.contains("RAHASIA nama"), "now published");
        assert!(!text.contains("RAHASIA catatan") && !text.contains("RAHASIA reviewer"));
        assert!(!text.contains("RAHASIA description") && !text.contains(&hidden));
    }

    /// An innovation's progress after the lab goes out by default (its latest update and
    /// dated milestones, stages as labels); coaching notes never do; the lab can keep it in.
    #[test]
    fn an_innovations_progress_goes_out_without_the_coaching_notes() {
        let (_d, s) = store();
        let (lab, agency) = lab_with_agency(&s);
        let id = full_idea(&s, &lab.id, &agency.id, "Teks");
        let bare = full_idea(&s, &lab.id, &agency.id, "Lain");
        for (date, percent, done) in [
            ("2027-01-10", 20, "Rapat koordinasi"),
            ("2027-03-02", 60, "Uji coba di dua puskesmas"),
        ] {
            s.add_progress_update(
                &id,
                crate::followup::UpdateInput {
                    date: date.into(),
                    done: done.into(),
                    stage: "uji_coba".into(),
                    percent,
                    agency_id: String::new(),
                },
            )
            .unwrap();
        }
        s.set_milestone(&id, "penerapan", "2027-06-01", "").unwrap();
        s.set_milestone(&id, "uji_coba", "2027-02-01", "2027-02-20")
            .unwrap();
        s.add_coach_note(&id, "2027-03-05", "Pak Coach", "RAHASIA pendampingan")
            .unwrap();
        let g = gallery(&s, &lab.id);
        let idea = g.ideas.iter().find(|i| i.id == id).unwrap();
        let p = idea.progress.as_ref().expect("progress");
        assert_eq!(p.date.as_deref(), Some("2027-03-02"), "the latest update");
        assert_eq!(p.percent, Some(60));
        assert_eq!(p.done.as_deref(), Some("Uji coba di dua puskesmas"));
        let stages: Vec<(&str, Option<&str>)> = p
            .milestones
            .iter()
            .map(|m| (m.stage.as_str(), m.actual_date.as_deref()))
            .collect();
        assert_eq!(stages.len(), 2);
        assert_eq!(stages[1].1, None, "penerapan planned only, after uji coba");
        assert_eq!(stages[0].1, Some("2027-02-20"));
        assert_ne!(
            p.stage.as_deref(),
            Some("uji_coba"),
            "a label, not the code"
        );
        assert!(g
            .ideas
            .iter()
            .find(|i| i.id == bare)
            .unwrap()
            .progress
            .is_none());
        assert!(!serde_json::to_string(&g).unwrap().contains("RAHASIA"));

        s.set_gallery_field(&lab.id, crate::export::PROGRESS, false)
            .unwrap();
        assert!(gallery(&s, &lab.id)
            .ideas
            .iter()
            .all(|i| i.progress.is_none()));
    }
}
