//! The city's gallery across labs (`gallery/city.rs`, [`export_city_gallery`]): every lab
//! in it with what that lab publishes and nothing it hides, links that lead somewhere,
//! an innovation carried forward linked both ways, search across labs, and every page in
//! headless Chromium with the network off.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::*;
use crate::gallery_tests::{assert_links_resolve, browser, check_offline, description_word, text};
use labinov_core::demo::create_demo_archive;
use labinov_core::Reason;

/// The files of an exported city gallery, by their path under `galeri-kota/`.
fn files_of(report: &ExportReport) -> BTreeMap<String, Vec<u8>> {
    let root = Path::new(&report.folder);
    report
        .files
        .iter()
        .filter_map(|f| f.name.strip_prefix("galeri-kota/").map(|p| (p, &f.name)))
        .map(|(p, name)| (p.to_owned(), std::fs::read(root.join(name)).unwrap()))
        .collect()
}

fn export(store: &Store, labs: &[String], out: &Path) -> Result<ExportReport> {
    export_city_gallery(store, labs, out, Lang::Id, &mut |_| {})
}

#[test]
fn the_city_gallery_holds_every_lab_links_each_way_and_keeps_what_a_lab_hides() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("city.db")).unwrap();
    let labs = create_demo_archive(&store, 3, 6, 2026, 7).unwrap();
    let newest = &labs[2];
    // The newest lab keeps one idea out of its gallery.
    let listing = store.idea_listing(&newest.id).unwrap();
    let hidden = listing.iter().find(|l| l.idea.continues.is_none()).unwrap();
    store
        .set_ideas_published(&newest.id, std::slice::from_ref(&hidden.idea.id), false)
        .unwrap();
    let carried = listing
        .iter()
        .find(|l| l.idea.continues.is_some())
        .expect("the demo carries an idea forward");
    let earlier_id = carried.idea.continues.clone().unwrap();
    let earlier = store.get_idea(&earlier_id).unwrap();

    let out = dir.path().join("stick");
    std::fs::create_dir(&out).unwrap();
    let report = export(&store, &[], &out).unwrap();
    assert!(report
        .folder_name
        .starts_with("Labinov-galeri-kota-cilegon-"));
    let files = files_of(&report);

    // SHA256SUMS lists every file, and every link leads to a file of the gallery.
    let sums = std::fs::read_to_string(Path::new(&report.folder).join("SHA256SUMS")).unwrap();
    assert_eq!(sums.lines().count(), files.len());
    let links = assert_links_resolve(&files);
    assert!(links > 300, "{links} links");

    // The home page names every lab, newest first, and counts what is published.
    let home = text(&files["index.html"]);
    let positions: Vec<usize> = labs
        .iter()
        .rev()
        .map(|l| {
            home.find(&l.name)
                .unwrap_or_else(|| panic!("{} on the home page", l.name))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "newest first");
    for l in &labs {
        let folder = format!("{}-{}/index.html", &l.start_date[..4], slug(&l.name));
        assert!(home.contains(&format!("href=\"{folder}\"")), "{folder}");
        assert!(files.contains_key(&folder));
    }
    let published = store.archive_summary().unwrap().ideas - 1;
    assert_eq!(report.ideas, published);
    assert!(
        home.contains(&format!("<strong>{published}</strong>Inovasi")),
        "{published} innovations counted"
    );
    assert!(home.contains("Inovasi per tahun"));

    // The idea the newest lab hides is nowhere, not even in the search index.
    for (path, b) in &files {
        assert!(
            !text_or_empty(b).contains(&hidden.idea.fields.title),
            "{} in {path}",
            hidden.idea.fields.title
        );
    }

    // An idea carried forward links to where it came from, and that page to it.
    // (A carried idea keeps its title: its lab's folder tells the two apart.)
    let page_of = |lab: &labinov_core::Lab, title: &str| -> (&String, &str) {
        let folder = format!("{}-{}/inovasi/", &lab.start_date[..4], slug(&lab.name));
        files
            .iter()
            .filter(|(p, _)| p.starts_with(&folder))
            .map(|(p, b)| (p, text(b)))
            .find(|(_, t)| t.contains(&format!("<h1>{title}</h1>")))
            .unwrap_or_else(|| panic!("a page for {title} in {folder}"))
    };
    let (later_path, later) = page_of(newest, &carried.idea.fields.title);
    let (earlier_path, earlier_page) = page_of(&labs[1], &earlier.fields.title);
    assert!(later.contains("Lanjutan dari"));
    assert!(
        later.contains(&format!("href=\"../../{earlier_path}\"")),
        "{later_path} links {earlier_path}"
    );
    assert!(earlier_page.contains("Dilanjutkan di"));
    assert!(earlier_page.contains(&format!("href=\"../../{later_path}\"")));

    // Each lab's pages lead back to the city's home.
    assert!(later.contains("href=\"../../index.html\""));
    assert!(later.contains("Semua lab"));

    // Search across labs: every published idea is in the index, with its lab named.
    let index = text(&files["aset/indeks.js"]);
    assert!(index.contains(&earlier.fields.title) && index.contains(&carried.idea.fields.title));
    assert!(index.contains(&format!("· {}", labs[0].name)));
}

fn text_or_empty(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap_or("")
}

#[test]
fn a_city_gallery_of_chosen_labs_and_bad_destinations_say_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("city.db")).unwrap();
    let labs = create_demo_archive(&store, 2, 3, 2026, 3).unwrap();
    let out = dir.path().join("stick");
    std::fs::create_dir(&out).unwrap();

    // Only the lab chosen.
    let report = export(&store, std::slice::from_ref(&labs[0].id), &out).unwrap();
    let files = files_of(&report);
    let home = text(&files["index.html"]);
    assert!(home.contains(&labs[0].name) && !home.contains(&labs[1].name));

    // A lab this laptop does not hold, a file for a folder, a folder that is not there:
    // each refused with its reason, and nothing written.
    let before = std::fs::read_dir(&out).unwrap().count();
    let e = export(&store, &["no-such-lab".into()], &out).unwrap_err();
    assert_eq!(e.code(), labinov_core::ErrorCode::NotFound);
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"x").unwrap();
    let e = export(&store, &[], &file).unwrap_err();
    assert_eq!(e.reason(), Some(&Reason::NotAFolder));
    let e = export(&store, &[], &dir.path().join("gone")).unwrap_err();
    assert!(matches!(e, Error::Drive { .. }), "{e:?}");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), before);

    // An empty archive still gets a home page that says nothing is published.
    let empty = Store::open(dir.path().join("empty.db")).unwrap();
    let report = export(&empty, &[], &out).unwrap();
    let home = files_of(&report).remove("index.html").unwrap();
    assert!(text(&home).contains("Belum ada inovasi yang dipublikasikan."));
}

/// The city's gallery of two labs loaded in headless Chromium from `file://` with the
/// network off (`scripts/gallery-check.mjs`): no request leaves the folder, no file is
/// missing, no page has a serious axe violation, and the city's search finds an idea of
/// the older lab by a word of its description.
#[test]
fn the_city_gallery_loads_offline_accessibly_and_search_finds_an_idea_of_any_lab() {
    let Some(chromium) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("city.db")).unwrap();
    let labs = create_demo_archive(&store, 2, 4, 2026, 5).unwrap();
    let ideas = store.idea_listing(&labs[0].id).unwrap();
    let all = store
        .archive_page(&labinov_core::ArchiveQuery {
            limit: 500,
            ..Default::default()
        })
        .unwrap();
    let titles: Vec<&str> = all.items.iter().map(|i| i.title.as_str()).collect();
    let (title, word) = description_word(&ideas, &titles);
    let out = dir.path().join("stick");
    std::fs::create_dir(&out).unwrap();
    let report = export(&store, &[], &out).unwrap();
    let pages = report
        .files
        .iter()
        .filter(|f| f.name.ends_with(".html"))
        .count();
    let shots = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"))
        .join("city-gallery-screenshots");
    check_offline(
        &chromium,
        &Path::new(&report.folder).join("galeri-kota"),
        pages,
        &word,
        &title,
        &shots,
    );
}
