//! The gallery (`gallery.rs`) and the posters (`poster.rs`): escaping, links, weight,
//! the search script against the core's stemmer, one page per poster, and every page in
//! headless Chromium with the network off (requests counted, axe-core, search).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::*;
use crate::tests::{hostile, rich_lab};
use labinov_core::export::{Gallery, PHOTOS};
use labinov_core::search::candidates;

/// The rich lab's gallery with every field and the photos published, as files by path.
fn rich_gallery(store: &Store) -> (String, String, BTreeMap<String, Vec<u8>>) {
    let (lab, idea) = rich_lab(store);
    // Progress after the lab, its text hostile too.
    store
        .add_progress_update(
            &idea,
            labinov_core::followup::UpdateInput {
                date: "2027-03-02".into(),
                done: "<script>alert('kemajuan')</script>\nbaris dua".into(),
                stage: "uji_coba".into(),
                percent: 60,
                agency_id: String::new(),
            },
        )
        .unwrap();
    store
        .set_milestone(&idea, "uji_coba", "2027-02-01", "2027-02-20")
        .unwrap();
    for f in store.gallery_choices(&lab).unwrap().fields {
        if !f.always {
            store.set_gallery_field(&lab, &f.key, true).unwrap();
        }
    }
    let d = ReportData::read(store, &lab).unwrap();
    let files = gallery::site(&Gallery::build(&d, Lang::Id))
        .unwrap()
        .into_iter()
        .map(|f| (f.path, f.bytes))
        .collect();
    (lab, idea, files)
}

pub(crate) fn text(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap()
}

/// The values of `attr="…"` in an HTML page.
pub(crate) fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let pat = format!(" {attr}=\"");
    html.split(&pat)
        .skip(1)
        .map(|p| &p[..p.find('"').unwrap()])
        .collect()
}

#[test]
fn every_page_escapes_the_hostile_texts_and_allows_nothing_from_outside() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let (_, idea, files) = rich_gallery(&store);
    let pages: Vec<(&String, &str)> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, text(b)))
        .collect();
    assert!(pages.len() > 50, "{} pages", pages.len());
    let csp = format!(
        r#"<meta http-equiv="Content-Security-Policy" content="{}">"#,
        gallery::CSP
    );
    for (path, html) in &pages {
        assert!(
            html.starts_with("<!DOCTYPE html><html lang=\"id\">"),
            "{path}"
        );
        assert!(html.contains(&csp), "{path}");
        for bad in [
            "<img src=x",
            "onerror=alert(1)>",
            "<b>penting",
            "<tulis>",
            "<x-inject",
            "<script>alert",
        ] {
            assert!(!html.contains(bad), "{bad} in {path}");
        }
        // The only scripts are the gallery's own files, on the search page.
        let scripts = html.matches("<script").count();
        if *path == "cari.html" {
            assert_eq!(attr_values(html, "src"), ["aset/indeks.js", "aset/cari.js"]);
            assert_eq!(scripts, 2);
        } else {
            assert_eq!(scripts, 0, "{path}");
        }
        assert!(
            !html.contains(" style=") && !html.contains("<style"),
            "{path}"
        );
        // Every `<` of the page starts one of its own tags (text has them escaped): no tag
        // carries an event handler attribute.
        for tag in html.split('<').skip(1) {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            for (at, _) in tag.match_indices(" on") {
                let rest = &tag[at + 3..];
                let n = rest.chars().take_while(char::is_ascii_lowercase).count();
                assert!(
                    !(n > 0 && rest[n..].starts_with('=')),
                    "an event handler attribute in {path}: <{tag}>"
                );
            }
        }
    }
    // The hostile idea's page shows every hostile text, escaped, lines kept.
    let (_, page) = pages
        .iter()
        .find(|(_, h)| h.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        .expect("the hostile idea's page");
    let h = hostile();
    assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains("=HYPERLINK(&quot;http://evil.example&quot;,&quot;klik&quot;)"));
    assert!(page.contains(&h[7]) && page.contains(&h[8]));
    assert!(page.contains("baris satu<br>baris dua<br>baris tiga"));
    // Its progress after the lab, escaped too.
    assert!(
        page.contains("&lt;script&gt;alert('kemajuan')&lt;/script&gt;<br>baris dua"),
        "{page}"
    );
    assert!(page.contains("<progress max=\"100\" value=\"60\""));
    assert!(page.contains("20 Februari 2027"), "the milestone reached");
    assert!(
        page.contains("papan") || page.contains("Foto inovasi"),
        "its photo"
    );
    let _ = idea;
    // No review, comment, note or reviewer goes out, even with every field public.
    for (path, b) in &files {
        let t = String::from_utf8_lossy(b);
        for private in [
            "komentar 0",
            "Reviewer &lt;C&gt;",
            "Reviewer <C>",
            "<b>penting",
            "&lt;b&gt;penting",
        ] {
            assert!(!t.contains(private), "{private} in {path}");
        }
    }
}

#[test]
fn every_link_is_relative_and_leads_to_a_file_of_the_gallery() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let (_, _, files) = rich_gallery(&store);
    let checked = assert_links_resolve(&files);
    assert!(checked > 200, "{checked} links");
    for (path, b) in &files {
        if path.ends_with(".css") || path.ends_with(".js") {
            let t = text(b);
            assert!(!t.contains("url(") && !t.contains("@import"), "{path}");
            assert!(!t.contains("http:") && !t.contains("https:"), "{path}");
            assert!(
                !t.contains("fetch(") && !t.contains("XMLHttpRequest"),
                "{path}"
            );
        }
    }
}

/// Every `href`, `src` and `action` of every page in `files` (by path) is relative and
/// leads to a file in `files`; returns how many were followed.
pub(crate) fn assert_links_resolve(files: &BTreeMap<String, Vec<u8>>) -> usize {
    let mut checked = 0;
    for (path, b) in files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = text(b);
        let base = Path::new(path).parent().unwrap();
        for attr in ["href", "src", "action"] {
            for v in attr_values(html, attr) {
                assert!(
                    !v.contains("://") && !v.starts_with('/') && !v.starts_with("data:"),
                    "{attr}={v:?} in {path}"
                );
                if v.starts_with('#') {
                    continue;
                }
                // Resolve `../` against the page's folder.
                let mut at: Vec<&str> = base
                    .components()
                    .map(|c| c.as_os_str().to_str().unwrap())
                    .collect();
                for part in v.split('/') {
                    match part {
                        ".." => assert!(at.pop().is_some(), "{v} leaves the gallery in {path}"),
                        p => at.push(p),
                    }
                }
                let target = at.join("/");
                assert!(files.contains_key(&target), "{v} in {path}: no {target}");
                checked += 1;
            }
        }
    }
    checked
}

#[test]
fn the_demo_gallery_keeps_its_page_weight_budget() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let lab = labinov_core::demo::create_demo_lab(&store).unwrap();
    let d = ReportData::read(&store, &lab.id).unwrap();
    let g = Gallery::build(&d, Lang::Id);
    assert_eq!(
        g.ideas.len(),
        50,
        "every live demo idea is published by default"
    );
    let files = gallery::site(&g).unwrap();
    for f in &files {
        if f.path.ends_with(".html") {
            assert!(
                f.bytes.len() <= gallery::PAGE_BUDGET,
                "{} has {} bytes",
                f.path,
                f.bytes.len()
            );
        }
    }
    let assets: usize = files
        .iter()
        .filter(|f| f.path == "aset/galeri.css" || f.path == "aset/cari.js")
        .map(|f| f.bytes.len())
        .sum();
    assert!(
        assets <= gallery::ASSET_BUDGET,
        "{assets} bytes of CSS and script"
    );
    // What a phone loads for the home page: the page and the style sheet.
    let home = files.iter().find(|f| f.path == "index.html").unwrap();
    assert!(
        home.bytes.len() + assets <= 64 * 1024,
        "{}",
        home.bytes.len()
    );
}

#[test]
fn the_gallery_speaks_english_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let lab = labinov_core::demo::create_demo_lab(&store).unwrap();
    store.set_gallery_field(&lab.id, PHOTOS, false).unwrap();
    let d = ReportData::read(&store, &lab.id).unwrap();
    let files = gallery::site(&Gallery::build(&d, Lang::En)).unwrap();
    let home = text(&files[0].bytes);
    assert!(home.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    assert!(home.contains("Innovation Gallery") && home.contains("Skip to content"));
    assert!(!files.iter().any(|f| f.path.starts_with("foto/")));
}

/// The search script's stemmer is a port of the core's: the same candidates for every
/// word of the demo lab and of a list of Indonesian forms.
#[test]
fn the_script_stems_as_the_core_does() {
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("SKIPPED: node is not installed; the search script's stemmer is not checked");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let lab = labinov_core::demo::create_demo_lab(&store).unwrap();
    let mut words: std::collections::BTreeSet<String> = [
        "pelayanan",
        "melayani",
        "layanan",
        "mendaftar",
        "pendaftaran",
        "mengirim",
        "mengambil",
        "penyuluhan",
        "menyapu",
        "memperbaiki",
        "diperbaiki",
        "keberlanjutan",
        "ditanyakanlah",
        "bukunya",
        "pemantauan",
        "menanam",
        "penanaman",
        "sekolah",
        "2026",
        "ktp",
        "énergi",
        "Pelayanan",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    for i in store.list_ideas(&lab.id).unwrap() {
        for t in [&i.fields.title, &i.fields.description, &i.fields.problem] {
            words.extend(labinov_core::search::words(t));
        }
    }
    let words: Vec<String> = words
        .into_iter()
        .map(|w| labinov_core::search::words(&w).concat())
        .collect();
    let script = format!(
        "var window = {{}}; var document = {{ getElementById: function () {{ return null; }} }};\n{}\n\
         var words = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n\
         console.log(JSON.stringify(words.map(function (w) {{ return Array.from(window.LABINOV_STEM(w)).sort(); }})));",
        gallery::SCRIPT
    );
    let file = dir.path().join("stem.js");
    std::fs::write(&file, script).unwrap();
    let mut child = Command::new("node")
        .arg(&file)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(serde_json::to_string(&words).unwrap().as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let theirs: Vec<Vec<String>> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(theirs.len(), words.len());
    for (w, js) in words.iter().zip(theirs) {
        let ours: Vec<String> = candidates(w).into_iter().collect();
        let mut js = js;
        js.sort();
        assert_eq!(js, ours, "{w}");
    }
}

#[test]
fn a_poster_is_one_a4_page_per_published_idea_even_for_a_long_text() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let (lab, idea) = rich_lab(&store);
    let hidden: Vec<String> = store
        .list_ideas(&lab)
        .unwrap()
        .into_iter()
        .filter(|i| i.id != idea)
        .skip(3)
        .map(|i| i.id)
        .collect();
    store.set_ideas_published(&lab, &hidden, false).unwrap();
    let d = ReportData::read(&store, &lab).unwrap();
    let g = Gallery::build(&d, Lang::Id);
    assert_eq!(g.ideas.len(), 4);
    let posters = poster::posters(&g).unwrap();
    assert_eq!(posters.len(), 4);
    let pages = crate::gallery::idea_names(&g);
    for (name, pdf) in &posters {
        assert!(name.ends_with(".pdf"));
        assert!(
            pages.values().any(|p| format!("{p}.pdf") == *name),
            "{name}"
        );
        assert!(pdf.starts_with(b"%PDF-"));
    }
    // Made on a thread per core, each thread's posters drawn with one pen (its shaped
    // words kept from poster to poster): in the gallery's order, and each the very PDF
    // its poster makes alone.
    for (i, (name, pdf)) in g.ideas.iter().zip(&posters) {
        assert_eq!(*name, format!("{}.pdf", pages[i.id.as_str()]));
        assert!(*pdf == poster::poster(&g, i).unwrap(), "{}", i.title);
    }
    // The hostile idea has 5,000 characters of rancang bangun: still one page.
    let long = g.ideas.iter().find(|i| i.id == idea).unwrap();
    assert!(long.field("rancangBangun").unwrap().value.len() > 4000);
    assert_eq!(poster::page_count(&g, long).unwrap(), 1);
    for i in &g.ideas {
        assert_eq!(poster::page_count(&g, i).unwrap(), 1, "{}", i.title);
    }
    let text = String::from_utf8_lossy(&posters[0].1);
    assert!(text.contains("DejaVuSans"), "the report's font");
}

/// An idea of `ideas` and a word of its description found in none of `titles`: what the
/// search must find it by.
pub(crate) fn description_word(
    ideas: &[labinov_core::IdeaListing],
    titles: &[&str],
) -> (String, String) {
    use labinov_core::search::words;
    ideas
        .iter()
        .find_map(|l| {
            words(&l.idea.fields.description)
                .into_iter()
                .filter(|w| w.len() > 6)
                .find(|w| !titles.iter().any(|t| words(t).contains(w)))
                .map(|w| (l.idea.fields.title.clone(), w))
        })
        .expect("a description word")
}

/// Chromium's path when Chromium, node and axe-core are all there to check a site with;
/// else `None`, said loudly.
pub(crate) fn browser() -> Option<PathBuf> {
    let Some(chromium) = chromium() else {
        eprintln!("SKIPPED: Chromium is not installed; the gallery is not checked in a browser");
        return None;
    };
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("SKIPPED: node is not installed; the gallery is not checked in a browser");
        return None;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    if !root.join("ui/node_modules/axe-core/axe.min.js").exists() {
        eprintln!("SKIPPED: ui/node_modules/axe-core is not installed (npm ci in ui/)");
        return None;
    }
    Some(chromium)
}

/// Chromium's path, or `None`.
fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// The demo lab's gallery exported as a user does (`export_lab`), then every page loaded
/// in headless Chromium from `file://` with the network off (`scripts/gallery-check.mjs`):
/// no request leaves the folder, no resource is missing, the CSP blocks nothing of ours,
/// axe-core finds no serious or critical violation on any page, and the search page
/// finds an idea by a word of its description (typed, and from `?q=`).
#[test]
fn every_gallery_page_loads_offline_accessibly_and_search_finds_an_idea() {
    let Some(chromium) = browser() else { return };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("lab.db")).unwrap();
    let lab = labinov_core::demo::create_demo_lab(&store).unwrap();
    let ideas = store.idea_listing(&lab.id).unwrap();
    let titles: Vec<&str> = ideas.iter().map(|l| l.idea.fields.title.as_str()).collect();
    let (title, word) = description_word(&ideas, &titles);
    let out = dir.path().join("stick");
    std::fs::create_dir(&out).unwrap();
    let report = export_lab(
        &store,
        &lab.id,
        &out,
        &ExportOptions {
            formats: vec![labinov_core::export::ExportFormat::Gallery],
            lang: Lang::Id,
        },
        &mut |_| {},
    )
    .unwrap();
    let site = Path::new(&report.folder).join("galeri");
    // Screenshots for people to look at, and a poster beside them.
    let shots = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
        .join("gallery-screenshots");
    let g = Gallery::build(&ReportData::read(&store, &lab.id).unwrap(), Lang::Id);
    std::fs::create_dir_all(&shots).unwrap();
    std::fs::write(
        shots.join("poster.pdf"),
        poster::poster(&g, &g.ideas[0]).unwrap(),
    )
    .unwrap();
    let pages = report
        .files
        .iter()
        .filter(|f| f.name.ends_with(".html"))
        .count();
    check_offline(&chromium, &site, pages, &word, &title, &shots);
}

/// `scripts/gallery-check.mjs` over the site in `site` (`pages` HTML pages) in headless
/// Chromium from `file://` with the network off: every page loaded, no request leaves
/// the folder or fails, no console or CSP error, no serious axe violation, and the search
/// page finds `title` by `word` (typed and as `?q=`); screenshots into `shots`.
pub(crate) fn check_offline(
    chromium: &Path,
    site: &Path,
    pages: usize,
    word: &str,
    title: &str,
    shots: &Path,
) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let axe = root.join("ui/node_modules/axe-core/axe.min.js");
    let result = Command::new("node")
        .arg(root.join("scripts/gallery-check.mjs"))
        .arg(site)
        .arg(&axe)
        .arg(chromium)
        .arg(word)
        .arg(title)
        .arg(shots)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&result.stdout);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stdout}\n{stderr}");
    let summary: serde_json::Value =
        serde_json::from_str(stdout.lines().last().unwrap_or("")).unwrap();
    eprintln!("{summary}");
    assert_eq!(summary["pages"], pages, "every page was loaded");
    assert_eq!(summary["external"], serde_json::json!([]));
    assert_eq!(summary["failed"], serde_json::json!([]));
    assert_eq!(summary["errors"], serde_json::json!([]));
    assert_eq!(summary["violations"], serde_json::json!([]));
    assert!(summary["requests"].as_u64().unwrap() > pages as u64);
    assert_eq!(
        summary["searchTyped"], true,
        "typing {word:?} finds {title:?}"
    );
    assert_eq!(summary["searchQuery"], true, "?q={word} finds {title:?}");
}
