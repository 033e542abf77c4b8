//! `galeri-kota/`: the city's gallery across its labs ([`ArchiveGallery`]), a static site
//! by the same rules as a lab's gallery (the module docs above: nothing from outside,
//! escaped by construction, search from `file://`, fast, accessible, printable).
//!
//! | file | what |
//! |---|---|
//! | `index.html` | the city's home: counts, innovations per year, the agencies with most innovations, the labs by year, every agency with its innovations in each lab |
//! | `cari.html`, `aset/indeks.js` | search across every lab (a result names its agency and lab) |
//! | `aset/galeri.css`, `aset/cari.js` | the same style sheet and script as a lab's gallery |
//! | `<year>-<lab>/…` | each lab's own gallery, as that lab chose what is public, with a way back to the city's home; an innovation carried forward from an earlier lab links to it, and the earlier one to where it went on |

use std::collections::{BTreeMap, BTreeSet, HashMap};

use maud::{html, Markup};

use super::{
    counts_and_charts, page, pages, root_files, search_body, search_index, site_in, unique_slug,
    File, Frame, Indexed,
};
use crate::charts::{drawn, Drawn, TOP_AGENCIES};
use crate::html::date_range_of;
use labinov_core::export::{agency_key, word as w, ArchiveGallery, Lang, PublicIdea};
use labinov_core::Result;

/// Where a published innovation of the city's gallery is.
struct Link<'a> {
    /// Its page from the city's root (`2026-lab/inovasi/x.html`).
    page: String,
    title: &'a str,
    lab: &'a str,
}

/// Every published innovation's page across the labs, and which carry which forward.
pub(super) struct Links<'a> {
    lang: Lang,
    by_id: HashMap<&'a str, Link<'a>>,
    /// An idea's id → the published ideas that carry it forward.
    continued_by: HashMap<&'a str, Vec<&'a str>>,
}

impl Links<'_> {
    /// An innovation's place in a chain of labs, for its page; `prefix` leads from the
    /// page to the city's root. Nothing when neither end is published.
    pub(super) fn lineage(&self, i: &PublicIdea, prefix: &str) -> Markup {
        let lang = self.lang;
        let before = i.continues.as_deref().and_then(|id| self.by_id.get(id));
        let after: Vec<&Link> = self
            .continued_by
            .get(i.id.as_str())
            .into_iter()
            .flatten()
            .filter_map(|id| self.by_id.get(id))
            .collect();
        html! {
            @if before.is_some() || !after.is_empty() {
                dl class="fields lineage" {
                    @if let Some(l) = before {
                        dt { (w(lang, "g_continues")) }
                        dd { a href={ (prefix) (l.page) } { (l.title) } " (" (l.lab) ")" }
                    }
                    @if !after.is_empty() {
                        dt { (w(lang, "g_continued_in")) }
                        dd {
                            @for (n, l) in after.iter().enumerate() {
                                @if n > 0 { ", " }
                                a href={ (prefix) (l.page) } { (l.title) } " (" (l.lab) ")"
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Every file of the city's gallery, paths relative to `galeri-kota/`.
pub fn city_site(ag: &ArchiveGallery) -> Result<Vec<File>> {
    let lang = ag.lang;
    // Each lab's folder: its year and name, unique.
    let mut taken = BTreeSet::new();
    let folders: Vec<String> = ag
        .labs
        .iter()
        .map(|l| {
            let base = format!("{}-{}", l.year, crate::slug(&l.gallery.lab.name));
            unique_slug(&base, &mut taken)
        })
        .collect();
    let pages: Vec<_> = ag.labs.iter().map(|l| pages(&l.gallery)).collect();
    let mut by_id = HashMap::new();
    let mut continued_by: HashMap<&str, Vec<&str>> = HashMap::new();
    for ((l, folder), (_, idea_page)) in ag.labs.iter().zip(&folders).zip(&pages) {
        for i in &l.gallery.ideas {
            by_id.insert(
                i.id.as_str(),
                Link {
                    page: format!("{folder}/{}", idea_page[i.id.as_str()]),
                    title: &i.title,
                    lab: &l.gallery.lab.name,
                },
            );
            if let Some(before) = &i.continues {
                continued_by
                    .entry(before.as_str())
                    .or_default()
                    .push(i.id.as_str());
            }
        }
    }
    let links = Links {
        lang,
        by_id,
        continued_by,
    };

    let title = city_title(ag);
    let footer = [ag.organiser.as_str(), ag.city.as_str()]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let frame = |prefix, title, search_page| Frame {
        lang,
        prefix,
        title,
        site_name: &ag.city,
        footer: &footer,
        search_page,
        up: None,
    };
    let home_title = format!("{} — {title}", w(lang, "gallery"));
    let search_title = format!("{} — {title}", w(lang, "g_search_label"));
    let index = search_index(
        lang,
        ag.labs.iter().flat_map(|l| {
            let links = &links;
            l.gallery.ideas.iter().map(move |i| Indexed {
                idea: i,
                meta: format!("{} · {}", i.agency_name, l.gallery.lab.name),
                url: links.by_id[i.id.as_str()].page.clone(),
            })
        }),
    )?;
    let mut files = root_files(
        page(
            frame("", &home_title, false),
            home(ag, &title, &folders, &pages),
        ),
        page(frame("", &search_title, true), search_body(lang)),
        index,
    );
    let labs: Vec<_> = ag.labs.iter().zip(&folders).collect();
    // Each lab's site on its own core.
    for (site, folder) in
        labinov_core::par::try_map(&labs, |(l, _)| site_in(&l.gallery, Some(&links)))?
            .into_iter()
            .zip(&folders)
    {
        files.extend(site.into_iter().map(|f| File {
            path: format!("{folder}/{}", f.path),
            bytes: f.bytes,
        }));
    }
    Ok(files)
}

/// The city's gallery's name: "Galeri inovasi" and the city of its newest lab.
fn city_title(ag: &ArchiveGallery) -> String {
    if ag.city.trim().is_empty() {
        w(ag.lang, "g_city_gallery").to_owned()
    } else {
        format!("{} {}", w(ag.lang, "g_city_gallery"), ag.city)
    }
}

type Pages<'a> = (HashMap<&'a str, String>, HashMap<&'a str, String>);

/// The city's home page body.
fn home(ag: &ArchiveGallery, title: &str, folders: &[String], pages: &[Pages<'_>]) -> Markup {
    let lang = ag.lang;
    let charts: Vec<Drawn> = ag
        .charts
        .iter()
        .map(|c| drawn(c, lang, TOP_AGENCIES))
        .collect();
    let mut years: Vec<i32> = ag.labs.iter().map(|l| l.year).collect();
    years.dedup();
    // Agencies by their identity across labs, by name; each with its page in every lab.
    struct Row<'a> {
        name: &'a str,
        total: u32,
        labs: Vec<(i32, &'a str, String, u32)>,
    }
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    for ((l, folder), (agency_page, _)) in ag.labs.iter().zip(folders).zip(pages) {
        for a in &l.gallery.agencies {
            let row = rows.entry(agency_key(a)).or_insert(Row {
                name: &a.name,
                total: 0,
                labs: Vec::new(),
            });
            row.total += a.ideas;
            row.labs.push((
                l.year,
                &l.gallery.lab.name,
                format!("{folder}/{}", agency_page[a.id.as_str()]),
                a.ideas,
            ));
        }
    }
    let mut rows: Vec<Row> = rows.into_values().collect();
    rows.sort_by_key(|r| r.name.to_lowercase());
    let meta: Vec<&str> = [ag.organiser.as_str()]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect();
    html! {
        h1 { (title) }
        @if !meta.is_empty() { p class="lede" { (meta.join(" · ")) } }
        (counts_and_charts(lang, &[(ag.ideas(), "g_innovations"), (ag.labs.len(), "g_labs"), (ag.agencies(), "agencies_count")], &charts))
        h2 { (w(lang, "g_labs_by_year")) }
        @for y in &years {
            h3 class="year" { (y) }
            ul class="cards" {
                @for (l, folder) in ag.labs.iter().zip(folders).filter(|(l, _)| l.year == *y) {
                    li {
                        h4 class="card" { a href={ (folder) "/index.html" } { (l.gallery.lab.name) } }
                        p class="meta" { (date_range_of(&l.gallery.lab.start_date, l.gallery.lab.days, lang)) }
                        p {
                            (l.gallery.ideas.len()) " " (w(lang, "g_innovations").to_lowercase())
                            " · " (l.gallery.agencies.len()) " " (w(lang, "agencies_count").to_lowercase())
                        }
                    }
                }
            }
        }
        @if !rows.is_empty() {
            h2 { (w(lang, "g_agencies_across")) }
            table class="across" {
                thead { tr {
                    th scope="col" { (w(lang, "col_agency_name")) }
                    th scope="col" { (w(lang, "g_innovations")) }
                    th scope="col" { (w(lang, "g_per_lab")) }
                } }
                tbody {
                    @for r in &rows {
                        tr {
                            th scope="row" { (r.name) }
                            td { (r.total) }
                            td {
                                @for (n, (year, lab, href, ideas)) in r.labs.iter().enumerate() {
                                    @if n > 0 { " · " }
                                    a href=(href) title=(lab) { (year) } " (" (ideas) ")"
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
