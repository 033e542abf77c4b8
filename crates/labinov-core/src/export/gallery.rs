//! What leaves the room for the public: the lab's gallery (a static site) and its posters
//! draw [`Gallery`], built by [`Gallery::build`] from one snapshot ([`ReportData`]) and the
//! lab's choices ([`GalleryChoices`], stored by `store/gallery.rs`). Nothing that is not
//! public is in a `Gallery`: no private field, no unpublished idea, no idea in the trash
//! or merged away, no review, score, comment, note, vote or person. The app's preview
//! (`Store::gallery_preview`) and the exported files are the same value.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::data::{Photo, ReportData};
use super::words::Lang;
use crate::charts::{lab_charts, named_chart, Chart, ChartId};
use crate::error::Result;
use crate::fields::{FieldDef, FieldKind, FieldValue, IDEA_FIELDS};
use crate::model::{AgencyCount, DayCount, LabStats, OptionCount};
use crate::Store;

/// The choice about the photos, beside the idea fields' keys.
pub const PHOTOS: &str = "photos";
/// The choice about the follow-up (an innovation's progress after the lab).
pub const PROGRESS: &str = "progress";

/// One item a lab chooses about: an idea field (its key) or the photos ([`PHOTOS`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GalleryField {
    pub key: String,
    /// Whether it goes out now.
    pub public: bool,
    /// Whether it goes out when the lab has not decided (the field table's `public`).
    pub default_public: bool,
    /// It always goes out (the title, the agency): not a choice.
    pub always: bool,
}

/// One live idea and whether it goes out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GalleryIdea {
    pub id: String,
    pub title: String,
    pub agency_id: String,
    pub agency_name: String,
    pub agency_short_name: String,
    /// The status code (list `status`).
    pub status: String,
    pub published: bool,
    /// The lab decided about this idea (else it follows the default: live ideas go out).
    pub chosen: bool,
}

/// The lab's choices of what its gallery and posters show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GalleryChoices {
    /// Every idea field in table order, then the photos.
    pub fields: Vec<GalleryField>,
    /// Every live idea, oldest first.
    pub ideas: Vec<GalleryIdea>,
}

impl GalleryChoices {
    /// Whether the item `key` goes out.
    pub fn is_public(&self, key: &str) -> bool {
        self.fields.iter().any(|f| f.key == key && f.public)
    }

    fn is_published(&self, idea_id: &str) -> bool {
        self.ideas.iter().any(|i| i.id == idea_id && i.published)
    }
}

/// The lab as the public sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GalleryLab {
    pub name: String,
    pub organiser: String,
    pub city: String,
    pub venue: String,
    /// First day, `YYYY-MM-DD`.
    pub start_date: String,
    pub days: u32,
}

/// An agency with at least one published idea.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GalleryAgency {
    pub id: String,
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub group: String,
    /// Its published ideas.
    pub ideas: u32,
}

/// One public field of an idea, as the files show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PublicField {
    pub key: String,
    /// The field's name in the export's language (the field table's header).
    pub label: String,
    /// Its value as the exports show it (option codes as labels, lists joined by "; ").
    pub value: String,
}

/// A photo that goes out: its 320 px JPEG thumbnail (the bytes are not sent to the UI).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PublicPhoto {
    pub id: String,
    pub file_name: String,
    #[serde(skip)]
    #[ts(skip)]
    pub thumbnail: Vec<u8>,
}

/// A milestone of an innovation that goes out: the stage (its label) and its dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PublicMilestone {
    pub stage: String,
    pub planned_date: Option<String>,
    pub actual_date: Option<String>,
}

/// An innovation's progress after the lab, as it goes out ([`PROGRESS`]): its latest
/// update (date, stage reached as a label, percent, what was done) and its dated
/// milestones. Coaching notes, evidence files and the plan's people never go out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PublicProgress {
    pub date: Option<String>,
    pub stage: Option<String>,
    pub percent: Option<u32>,
    pub done: Option<String>,
    pub milestones: Vec<PublicMilestone>,
}

/// One published idea.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PublicIdea {
    pub id: String,
    pub title: String,
    pub agency_id: String,
    pub agency_name: String,
    pub agency_short_name: String,
    /// The public fields with a value, in table order (not the title and the agency).
    pub fields: Vec<PublicField>,
    pub photos: Vec<PublicPhoto>,
    /// Its follow-up, when it has one and the lab shows progress.
    pub progress: Option<PublicProgress>,
    /// The idea of an earlier lab this one carries forward (its id), if any: the city's
    /// gallery links the two when both are published.
    pub continues: Option<String>,
}

impl PublicIdea {
    /// The value of the public field `key`, if it has one.
    pub fn field(&self, key: &str) -> Option<&PublicField> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// Everything the gallery and the posters show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Gallery {
    pub lang: Lang,
    pub lab: GalleryLab,
    /// The public idea fields' keys, in table order (the title and agency included).
    pub fields: Vec<String>,
    pub photos: bool,
    /// The agencies with a published idea, in roster order.
    pub agencies: Vec<GalleryAgency>,
    /// The published ideas, by agency in roster order, then oldest first.
    pub ideas: Vec<PublicIdea>,
    /// The charts of the published ideas (`charts.rs`): the top agencies, and ideas per
    /// day and per form of innovation when those fields are public.
    pub charts: Vec<Chart>,
    /// Live ideas the lab keeps out of the gallery.
    pub hidden_ideas: u32,
}

impl Gallery {
    /// What goes out of the snapshot `d`, in `lang` (rules in the module docs).
    pub fn build(d: &ReportData, lang: Lang) -> Gallery {
        let choices = &d.gallery;
        let public: Vec<&'static FieldDef> = IDEA_FIELDS
            .iter()
            .filter(|f| choices.is_public(f.key))
            .collect();
        let photos = choices.is_public(PHOTOS);
        let progress = choices.is_public(PROGRESS);
        let mut by_agency: HashMap<&str, Vec<&crate::model::IdeaListing>> = HashMap::new();
        let mut hidden = 0;
        for l in &d.ideas {
            if choices.is_published(&l.idea.id) {
                by_agency
                    .entry(l.idea.fields.agency_id.as_str())
                    .or_default()
                    .push(l);
            } else {
                hidden += 1;
            }
        }
        let mut agencies = Vec::new();
        let mut ideas = Vec::new();
        for a in &d.agencies {
            let Some(list) = by_agency.remove(a.id.as_str()) else {
                continue;
            };
            agencies.push(GalleryAgency {
                id: a.id.clone(),
                code: a.code.clone(),
                name: a.name.clone(),
                short_name: a.short_name.clone(),
                group: a.group.clone(),
                ideas: list.len() as u32,
            });
            for l in list {
                let f = &l.idea.fields;
                ideas.push(PublicIdea {
                    id: l.idea.id.clone(),
                    title: f.title.clone(),
                    agency_id: a.id.clone(),
                    agency_name: a.name.clone(),
                    agency_short_name: a.short_name.clone(),
                    fields: public
                        .iter()
                        .filter(|def| def.kind != FieldKind::Agency && def.key != "title")
                        .map(|def| PublicField {
                            key: def.key.to_owned(),
                            label: def.header(lang).to_owned(),
                            value: d.field_text(lang, f, def),
                        })
                        .filter(|p| !p.value.trim().is_empty())
                        .collect(),
                    photos: if photos {
                        d.photos
                            .get(&l.idea.id)
                            .into_iter()
                            .flatten()
                            .filter(|p: &&Photo| !p.thumbnail.is_empty())
                            .map(|p| PublicPhoto {
                                id: p.attachment.id.clone(),
                                file_name: p.attachment.file_name.clone(),
                                thumbnail: p.thumbnail.clone(),
                            })
                            .collect()
                    } else {
                        Vec::new()
                    },
                    continues: l.idea.continues.clone(),
                    progress: if progress {
                        d.progress
                            .get(&l.idea.id)
                            .map(|p| public_progress(d, lang, p))
                    } else {
                        None
                    },
                });
            }
        }
        let charts = public_charts(d, &ideas, &public);
        Gallery {
            lang,
            lab: GalleryLab {
                name: d.lab.name.clone(),
                organiser: d.lab.organiser.clone(),
                city: d.lab.city.clone(),
                venue: d.lab.venue.clone(),
                start_date: d.lab.start_date.clone(),
                days: d.lab.days,
            },
            fields: public.iter().map(|f| f.key.to_owned()).collect(),
            photos,
            agencies,
            ideas,
            charts,
            hidden_ideas: hidden,
        }
    }

    pub fn agency(&self, id: &str) -> Option<&GalleryAgency> {
        self.agencies.iter().find(|a| a.id == id)
    }
}

fn public_progress(
    d: &ReportData,
    lang: Lang,
    p: &crate::followup::IdeaProgress,
) -> PublicProgress {
    let stage = |code: &str| d.label(lang, "tahapan", code);
    let latest = p.latest.as_ref();
    PublicProgress {
        date: latest.map(|u| u.date.clone()),
        stage: latest.map(|u| stage(&u.stage)),
        percent: latest.map(|u| u.percent),
        done: latest
            .map(|u| u.done.clone())
            .filter(|t| !t.trim().is_empty()),
        milestones: p
            .milestones
            .iter()
            .map(|m| PublicMilestone {
                stage: stage(&m.stage),
                planned_date: m.planned_date.clone(),
                actual_date: m.actual_date.clone(),
            })
            .collect(),
    }
}

/// The lab's charts recounted over the published ideas only; a chart by a private field
/// is left out (it would tell what the field holds).
fn public_charts(d: &ReportData, ideas: &[PublicIdea], public: &[&FieldDef]) -> Vec<Chart> {
    let published: HashMap<&str, &crate::model::IdeaInput> = d
        .ideas
        .iter()
        .filter(|l| ideas.iter().any(|i| i.id == l.idea.id))
        .map(|l| (l.idea.id.as_str(), &l.idea.fields))
        .collect();
    let count = |pred: &dyn Fn(&crate::model::IdeaInput) -> bool| {
        published.values().filter(|f| pred(f)).count() as u32
    };
    let s = &d.stats;
    let per_agency: Vec<AgencyCount> = s
        .per_agency
        .iter()
        .map(|a| AgencyCount {
            count: count(&|f| f.agency_id == a.agency_id),
            ..a.clone()
        })
        .collect();
    let per_day: Vec<DayCount> = s
        .per_day
        .iter()
        .map(|x| DayCount {
            count: count(&|f| f.lab_day == Some(x.day)),
            ..x.clone()
        })
        .collect();
    let recount = |list: &[OptionCount], key: &str| -> Vec<OptionCount> {
        list.iter()
            .map(|o| OptionCount {
                count: count(&|f| matches!(f.value(key), Some(FieldValue::Text(v)) if v == o.code)),
                ..o.clone()
            })
            .collect()
    };
    let stats = LabStats {
        idea_count: published.len() as u32,
        idea_target: s.idea_target,
        without_day: count(&|f| f.lab_day.is_none()),
        // Coverage (agencies without an idea) is the organisers' measure, not drawn.
        agencies_without_idea: Vec::new(),
        per_bentuk: recount(&s.per_bentuk, "bentuk"),
        per_jenis: recount(&s.per_jenis, "jenis"),
        per_status: Vec::new(),
        per_agency,
        per_day,
        charts: crate::charts::LabCharts::empty(),
    };
    let c = lab_charts(&stats);
    let is_public = |key: &str| public.iter().any(|f| f.key == key);
    let mut out = vec![c.top_agencies];
    if is_public("labDay") {
        out.push(c.per_day);
    }
    if is_public("bentuk") {
        out.push(c.per_bentuk);
    }
    out
}

impl Store {
    /// What the lab's gallery and posters would show now, in `lang`: the same value the
    /// export draws, read from one snapshot of the lab.
    pub fn gallery_preview(&self, lab_id: &str, lang: Lang) -> Result<Gallery> {
        let d = ReportData::read(self, lab_id)?;
        Ok(Gallery::build(&d, lang))
    }
}

/// One lab in the city's gallery: its own gallery (by its own choices) and its year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveGalleryLab {
    pub id: String,
    pub year: i32,
    pub gallery: Gallery,
}

/// The city's gallery across its labs (`galeri-kota/`): each lab's gallery as the lab
/// chose it, and the archive's own charts over what the labs publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveGallery {
    pub lang: Lang,
    /// The organiser and city of the newest lab: whose archive this is.
    pub organiser: String,
    pub city: String,
    /// Newest first.
    pub labs: Vec<ArchiveGalleryLab>,
    /// Published innovations per year ([`ChartId::PerYear`]) and the agencies with most
    /// published innovations over every lab ([`ChartId::TopAgencies`], by code).
    pub charts: Vec<Chart>,
}

impl ArchiveGallery {
    /// The city's gallery of `labs` (newest first), with its charts.
    pub fn build(lang: Lang, labs: Vec<ArchiveGalleryLab>) -> ArchiveGallery {
        let (organiser, city) = labs
            .first()
            .map(|l| (l.gallery.lab.organiser.clone(), l.gallery.lab.city.clone()))
            .unwrap_or_default();
        let mut per_year: std::collections::BTreeMap<i32, u32> = Default::default();
        // Agencies by code across labs (a lab's roster has ids of its own); the name is
        // the newest lab's, since labs come newest first.
        let mut per_agency: HashMap<String, (String, u32)> = HashMap::new();
        for l in &labs {
            *per_year.entry(l.year).or_default() += l.gallery.ideas.len() as u32;
            for a in &l.gallery.agencies {
                let key = agency_key(a);
                let name = if a.short_name.is_empty() {
                    a.code.clone()
                } else {
                    a.short_name.clone()
                };
                per_agency.entry(key).or_insert((name, 0)).1 += a.ideas;
            }
        }
        let mut top: Vec<(String, u32)> = per_agency.into_values().collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let charts = vec![
            named_chart(
                ChartId::PerYear,
                per_year.into_iter().map(|(y, n)| (y.to_string(), n)),
            ),
            named_chart(ChartId::TopAgencies, top),
        ];
        ArchiveGallery {
            lang,
            organiser,
            city,
            labs,
            charts,
        }
    }

    /// Published innovations in every lab.
    pub fn ideas(&self) -> usize {
        self.labs.iter().map(|l| l.gallery.ideas.len()).sum()
    }

    /// Different agencies (by code) with a published innovation in any lab.
    pub fn agencies(&self) -> usize {
        self.labs
            .iter()
            .flat_map(|l| l.gallery.agencies.iter().map(agency_key))
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    }
}

/// An agency's identity across labs: its code, else its name (case ignored).
pub fn agency_key(a: &GalleryAgency) -> String {
    if a.code.trim().is_empty() {
        a.name.trim().to_lowercase()
    } else {
        a.code.trim().to_lowercase()
    }
}

impl Store {
    /// The city's gallery of the labs `lab_ids` (every lab when empty), each read as its
    /// own gallery from this store: give it a snapshot, as the export does.
    pub fn archive_gallery(&self, lab_ids: &[String], lang: Lang) -> Result<ArchiveGallery> {
        let summary = self.archive_summary()?;
        for id in lab_ids {
            if !summary.labs.iter().any(|l| &l.id == id) {
                return Err(crate::error::Error::not_found("lab", id.clone()));
            }
        }
        let chosen: Vec<_> = summary
            .labs
            .iter()
            .filter(|l| lab_ids.is_empty() || lab_ids.contains(&l.id))
            .collect();
        // Each lab is read from its own connection: the labs go over the cores.
        let labs = crate::par::try_map(&chosen, |l| -> Result<ArchiveGalleryLab> {
            let d = ReportData::read(self, &l.id)?;
            Ok(ArchiveGalleryLab {
                id: l.id.clone(),
                year: l.year,
                gallery: Gallery::build(&d, lang),
            })
        })?;
        Ok(ArchiveGallery::build(lang, labs))
    }
}
