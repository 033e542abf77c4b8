//! `galeri/`: the lab's public gallery, a static site anyone opens from a USB stick with
//! no internet, or a city's web team puts on its website as it is.
//!
//! It draws [`Gallery`] (the core's `export/gallery.rs`): only what the lab publishes.
//!
//! | file | what |
//! |---|---|
//! | `index.html` | the home page: the lab, counts, charts (inline SVG, `html::bar_chart`), the agencies with their innovations |
//! | `opd/<agency>.html` | a page per agency with a published innovation: its innovations |
//! | `inovasi/<title>-<id>.html` | a page per published innovation: title, agency, stage (tahapan), the public fields, photos |
//! | `cari.html` | search across everything |
//! | `foto/<photo id>.jpg` | the published photos (their 320 px JPEG thumbnails) |
//! | `aset/galeri.css`, `aset/cari.js` | the style sheet and the search script: constants of this file |
//! | `aset/indeks.js` | the search index, a script that assigns `window.LABINOV_GALERI`: from `file://` a page cannot fetch a JSON file, but it may load a script |
//!
//! Rules:
//! - Nothing from outside, ever: every page carries a CSP meta allowing only the
//!   gallery's own files (`default-src 'none'; img-src 'self'; style-src 'self';
//!   script-src 'self'`; no inline script or style, no form target elsewhere). Every link
//!   is relative, so the folder works from a stick (`file://`) and on any web server, at
//!   any path.
//! - Escaped by construction: pages are maud templates, which escape every spliced text in
//!   content and attributes. Nothing is spliced unescaped (`PreEscaped` is not used here:
//!   the CSS and the script are files of their own, written from constants). The search
//!   script puts results in the page with `textContent` and `href` only, never as HTML;
//!   the index is JSON (`serde_json`), which is a valid JavaScript expression.
//! - Search works from `file://`: `cari.js` reads the index and matches every query word
//!   by its Indonesian stems (the same rules as the app's search, `labinov_core::search`:
//!   the script is a port of `candidates`, checked word for word against it by a test),
//!   or as the beginning of an indexed word (`layan` finds `layanan`); every word must
//!   match.
//! - Fast on a phone: no web font, no framework, one small style sheet, images sized
//!   (`width`/`height`) and loaded lazily. Budget (tested on the demo lab): an HTML page
//!   at most [`PAGE_BUDGET`] bytes, the style sheet and the script together at most
//!   [`ASSET_BUDGET`]; the search index is loaded by the search page only.
//! - Accessible: `lang`, a skip link, landmarks (`header`, `nav`, `main`, `footer`),
//!   headings in order, alt text for every photo, a labelled search field, results
//!   announced (`aria-live`), colours with a contrast of at least 4.5:1, visible focus.
//! - Printable: the menu and the search are not printed, links print as text, an
//!   innovation is not split across pages when it fits on one.
//! - Follow-up: an innovation's page shows its progress after the lab (its latest update
//!   and dated milestones, `PublicProgress`) when it has one and the lab shows progress.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Cursor;

use maud::{html, Markup, DOCTYPE};
use serde::Serialize;

mod city;

pub use city::city_site;

use crate::charts::{drawn, Drawn, TOP_AGENCIES};
use crate::html::{bar_chart, date_range_of, Lines};
use labinov_core::export::{long_date, word as w, Gallery, Lang, PublicIdea};
use labinov_core::search::{candidates, words};
use labinov_core::Result;

/// The CSP of every page: the gallery's own files and nothing else.
pub const CSP: &str = "default-src 'none'; img-src 'self'; style-src 'self'; script-src 'self'; base-uri 'none'; form-action 'self'";

/// The most bytes an HTML page of the gallery may have (photos not counted).
pub const PAGE_BUDGET: usize = 100 * 1024;
/// The most bytes of the style sheet and the search script together.
pub const ASSET_BUDGET: usize = 24 * 1024;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The style sheet (`aset/galeri.css`).
pub const STYLE: &str = r#":root{--ink:#1d2733;--muted:#4f5b69;--line:#d5dde5;--accent:#1f5f99;--soft:#eef3f8;--bg:#fff}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",Arial,sans-serif;color:var(--ink);background:var(--bg);line-height:1.5;font-size:1rem}
a{color:var(--accent)}
a:focus-visible,input:focus-visible,button:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.skip{position:absolute;left:.5rem;top:-3rem;background:var(--ink);color:#fff;padding:.5rem .75rem;z-index:10;border-radius:4px}
.skip:focus{top:.5rem}
.wrap{max-width:64rem;margin:0 auto;padding:0 1rem}
header.site{background:var(--accent);color:#fff}
header.site .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding-top:.6rem;padding-bottom:.6rem}
header.site a{color:#fff}
.brand{font-weight:700;text-decoration:none;font-size:1.05rem;margin-right:auto}
.brand small{display:block;font-weight:400;font-size:.8rem;opacity:.95}
nav.menu ul{list-style:none;margin:0;padding:0;display:flex;gap:1rem}
form.find{display:flex;gap:.35rem;flex:1 1 14rem;max-width:22rem}
form.find input{flex:1;min-width:0}
input[type=search]::placeholder{color:#5f6b78}
input[type=search]{font:inherit;padding:.45rem .6rem;border:1px solid #8793a0;border-radius:4px;background:#fff;color:var(--ink)}
button{font:inherit;padding:.45rem .8rem;border:1px solid var(--ink);border-radius:4px;background:var(--ink);color:#fff;cursor:pointer}
header.site button{background:#fff;color:var(--accent);border-color:#fff}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
main{display:block;padding:1.25rem 0 3rem}
h1{font-size:1.75rem;line-height:1.25;margin:.25rem 0 .5rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem;padding-bottom:.25rem;border-bottom:2px solid var(--accent)}
h3,h4,h2.card{font-size:1.1rem;margin:0 0 .35rem;padding:0;border:0}
.kicker{text-transform:uppercase;letter-spacing:.06em;font-size:.8rem;color:var(--muted);margin:0}
.lede{color:var(--muted);margin:.25rem 0 1rem}
.counts{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0;margin:1rem 0}
.counts li{background:var(--soft);border-radius:6px;padding:.6rem .9rem;min-width:9rem}
.counts strong{display:block;font-size:1.6rem;line-height:1.1}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1rem}
figure{margin:0}
.progress progress{width:10rem;height:1rem;vertical-align:middle;accent-color:var(--accent)}
.progress h3{margin-top:1rem}
table.milestones,table.across{border-collapse:collapse;margin:.25rem 0 1rem}
table.milestones th,table.milestones td,table.across th,table.across td{border-bottom:1px solid var(--line);padding:.35rem .75rem .35rem 0;text-align:left}
h3.year{margin:1.25rem 0 .5rem;color:var(--muted)}
table.across{width:100%}
table.across th[scope=row]{font-weight:600}
figure.chart{border:1px solid var(--line);border-radius:6px;padding:.75rem;overflow-x:auto}
figure.chart svg{min-width:26rem}
figcaption{font-weight:700;margin-bottom:.4rem}
svg{width:100%;height:auto;display:block}
ul.cards{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:.75rem}
ul.cards li{border:1px solid var(--line);border-radius:6px;padding:.8rem .9rem;background:#fff}
ul.cards p{margin:.3rem 0 0;font-size:.92rem}
.meta{color:var(--muted);font-size:.88rem}
.tag{display:inline-block;background:var(--soft);border-radius:999px;padding:.05rem .55rem;font-size:.8rem;margin:.15rem .25rem 0 0}
nav.crumbs ol{list-style:none;padding:0;margin:0 0 .5rem;display:flex;flex-wrap:wrap;gap:.25rem;font-size:.9rem}
nav.crumbs li+li::before{content:"›";margin-right:.25rem;color:var(--muted)}
dl.fields{margin:1rem 0;display:grid;grid-template-columns:minmax(8rem,13rem) 1fr;gap:.5rem 1rem}
dl.fields dt{color:var(--muted);font-weight:600}
dl.fields dd{margin:0;overflow-wrap:anywhere}
.photos{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0;padding:0;list-style:none}
.photos img{display:block;max-width:100%;height:auto;border:1px solid var(--line);border-radius:4px}
.note{color:var(--muted);font-size:.85rem}
footer.site{border-top:1px solid var(--line);color:var(--muted);font-size:.85rem;padding:1rem 0 2rem}
@media (max-width:40rem){h1{font-size:1.45rem}dl.fields{grid-template-columns:1fr;gap:.1rem}dl.fields dd{margin-bottom:.6rem}.brand{flex-basis:100%}form.find{max-width:none}}
@media print{header.site,form.find,.skip,nav.crumbs,#q-form{display:none}a{color:inherit;text-decoration:none}body{font-size:11pt}main{padding:0}ul.cards li,figure,dl.fields{break-inside:avoid}h2,h3{break-after:avoid}}
@page{size:A4;margin:15mm}
"#;

/// The search script (`aset/cari.js`). `candidates` is a port of
/// `labinov_core::search::candidates` (the test `the_script_stems_as_the_core_does`
/// compares them word for word); results are written with `textContent` only.
pub const SCRIPT: &str = r#"(function () {
  "use strict";
  var MIN = 3, V = "aiueo";
  function len(s) { return Array.from(s).length; }
  function vowel(s) { return s.length > 0 && V.indexOf(s[0]) >= 0; }
  function fold(s) { return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
  function words(s) { return fold(s).split(/[^\p{L}\p{N}]+/u).filter(function (x) { return x; }); }
  function ends(w, s) { return w.length > s.length && w.slice(-s.length) === s; }
  function unsuffix(word) {
    var out = [word], frontier = [word];
    [["lah", "kah", "tah", "pun"], ["nya", "ku", "mu"], ["kan", "an", "i"]].forEach(function (g) {
      var next = [];
      frontier.forEach(function (w) {
        g.forEach(function (s) {
          if (w.slice(-s.length) === s) { var st = w.slice(0, w.length - s.length); if (len(st) > MIN) next.push(st); }
        });
      });
      out = out.concat(next); frontier = frontier.concat(next);
    });
    return out;
  }
  function unprefix(word, depth, out) {
    if (!depth) return;
    function add(s) { if (len(s) >= MIN && !out.has(s)) { out.add(s); unprefix(s, depth - 1, out); } }
    ["di", "ke", "se", "ter", "ber", "be", "per"].forEach(function (p) { if (word.indexOf(p) === 0) add(word.slice(p.length)); });
    ["me", "pe"].forEach(function (b) {
      if (word.indexOf(b) !== 0) return;
      var r = word.slice(2), x;
      if (r.indexOf("ny") === 0) { x = r.slice(2); if (vowel(x)) add("s" + x); add("ny" + x); }
      else if (r.indexOf("ng") === 0) { x = r.slice(2); if (vowel(x)) { add("k" + x); add(x); } else add(x); }
      else if (r[0] === "m") { x = r.slice(1); if (vowel(x)) { add("p" + x); add("m" + x); } else add(x); }
      else if (r[0] === "n") { x = r.slice(1); if (vowel(x)) { add("t" + x); add("n" + x); } else add(x); }
      else add(r);
    });
  }
  function candidates(word) {
    var out = new Set([word]);
    if (len(word) <= MIN + 1 || /[0-9]/.test(word)) return out;
    unsuffix(word).forEach(function (w) { out.add(w); unprefix(w, 2, out); });
    Array.from(out).forEach(function (w) { if (w !== word) unsuffix(w).forEach(function (x) { out.add(x); }); });
    return out;
  }
  window.LABINOV_STEM = candidates;
  var data = window.LABINOV_GALERI;
  var form = document.getElementById("q-form"), input = document.getElementById("q");
  var list = document.getElementById("hasil"), status = document.getElementById("status");
  if (!data || !form || !input || !list || !status) return;
  var keys = Object.keys(data.keys);
  function matching(q) {
    var found = new Set();
    candidates(q).forEach(function (c) { (data.keys[c] || []).forEach(function (i) { found.add(i); }); });
    if (len(q) >= 2) keys.forEach(function (k) { if (k.indexOf(q) === 0) data.keys[k].forEach(function (i) { found.add(i); }); });
    return found;
  }
  function search(text) {
    var qs = words(text);
    if (!qs.length) return null;
    var hits = null;
    qs.forEach(function (q) {
      var m = matching(q);
      hits = hits === null ? m : new Set(Array.from(hits).filter(function (i) { return m.has(i); }));
    });
    return Array.from(hits).sort(function (a, b) { return a - b; });
  }
  function show(text) {
    var hits = search(text);
    list.textContent = "";
    if (hits === null) { status.textContent = ""; return; }
    status.textContent = hits.length ? hits.length + " " + data.words.found : data.words.none;
    hits.forEach(function (i) {
      var idea = data.ideas[i], li = document.createElement("li");
      var h = document.createElement("h2"), a = document.createElement("a");
      h.className = "card"; a.href = idea.u; a.textContent = idea.t; h.appendChild(a); li.appendChild(h);
      var p = document.createElement("p"); p.className = "meta"; p.textContent = idea.a; li.appendChild(p);
      if (idea.d) { var d = document.createElement("p"); d.textContent = idea.d; li.appendChild(d); }
      list.appendChild(li);
    });
  }
  var timer = 0;
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { show(input.value); }, 150); });
  form.addEventListener("submit", function (e) { e.preventDefault(); show(input.value); });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; show(q); }
})();
"#;

/// One file of the gallery: its path under `galeri/` and its bytes.
pub struct File {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The site's pages and where each idea and agency lives.
struct Site<'a> {
    g: &'a Gallery,
    lang: Lang,
    agency_page: HashMap<&'a str, String>,
    idea_page: HashMap<&'a str, String>,
    /// Set when the lab's site is a folder of the city's gallery (`city.rs`).
    city: Option<&'a city::Links<'a>>,
}

/// The frame around a page's body: where it is and what its header and footer say.
struct Frame<'a> {
    lang: Lang,
    /// The way back to the site's root from the page (`""` or `"../"`).
    prefix: &'a str,
    title: &'a str,
    /// The site's name under "Galeri inovasi" in the header (a lab's, or the city's).
    site_name: &'a str,
    /// The footer's words after "Galeri inovasi".
    footer: &'a str,
    search_page: bool,
    /// The city's gallery above this site, as a link from the page (`../../index.html`).
    up: Option<String>,
}

/// A whole page: the frame around `body` (rules in the module docs).
fn page(f: Frame<'_>, body: Markup) -> String {
    let (lang, prefix) = (f.lang, f.prefix);
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(CSP);
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                meta name="generator" content={ "Labinov " (VERSION) };
                title { (f.title) }
                link rel="stylesheet" href={ (prefix) "aset/galeri.css" };
            }
            body {
                a class="skip" href="#isi" { (w(lang, "g_skip")) }
                header class="site" {
                    div class="wrap" {
                        a class="brand" href={ (prefix) "index.html" } {
                            (w(lang, "gallery"))
                            small { (f.site_name) }
                        }
                        nav class="menu" aria-label=(w(lang, "g_menu")) {
                            ul {
                                @if let Some(up) = &f.up {
                                    li { a href=(up) { (w(lang, "g_all_labs")) } }
                                }
                                li { a href={ (prefix) "index.html" } { (w(lang, "g_home")) } }
                                li { a href={ (prefix) "cari.html" } { (w(lang, "g_search")) } }
                            }
                        }
                        @if !f.search_page {
                            form class="find" role="search" action={ (prefix) "cari.html" } method="get" {
                                label class="sr" for="find-q" { (w(lang, "g_search_label")) }
                                input id="find-q" type="search" name="q" autocomplete="off" placeholder=(w(lang, "g_search_label"));
                                button type="submit" { (w(lang, "g_search")) }
                            }
                        }
                    }
                }
                main id="isi" tabindex="-1" {
                    div class="wrap" { (body) }
                }
                footer class="site" {
                    div class="wrap" {
                        (w(lang, "gallery")) " · " (f.footer)
                        " · " (w(lang, "g_made_with")) " " (VERSION)
                    }
                }
                @if f.search_page {
                    script src="aset/indeks.js" {}
                    script src="aset/cari.js" {}
                }
            }
        }
    }
    .into_string()
}

/// A home page's counts (`(number, word)`), then its charts, or a line saying nothing is
/// published when the first count is 0.
fn counts_and_charts(lang: Lang, counts: &[(usize, &str)], charts: &[Drawn]) -> Markup {
    html! {
        ul class="counts" {
            @for (n, word) in counts {
                li { strong { (n) } (w(lang, word)) }
            }
        }
        @if counts.first().is_some_and(|(n, _)| *n == 0) {
            p { (w(lang, "g_no_public")) }
        } @else {
            h2 { (w(lang, "charts")) }
            div class="charts" {
                @for c in charts {
                    // Focusable: on a phone the chart scrolls sideways.
                    figure class="chart" tabindex="0" {
                        figcaption { (c.caption) }
                        (bar_chart(c))
                    }
                }
            }
        }
    }
}

/// The files at a site's root: its home and search pages, the style sheet, the search
/// script and the search index.
fn root_files(home: String, search: String, index: String) -> Vec<File> {
    [
        ("index.html", home.into_bytes()),
        ("cari.html", search.into_bytes()),
        ("aset/galeri.css", STYLE.as_bytes().to_vec()),
        ("aset/cari.js", SCRIPT.as_bytes().to_vec()),
        ("aset/indeks.js", index.into_bytes()),
    ]
    .into_iter()
    .map(|(path, bytes)| File {
        path: path.into(),
        bytes,
    })
    .collect()
}

/// The search page's body (the same on a lab's site and the city's).
fn search_body(lang: Lang) -> Markup {
    html! {
        h1 { (w(lang, "g_search_label")) }
        form id="q-form" role="search" action="cari.html" method="get" {
            label for="q" { (w(lang, "g_search_label")) }
            p class="note" id="q-hint" { (w(lang, "g_search_hint")) }
            div class="find" {
                input id="q" type="search" name="q" autocomplete="off" aria-describedby="q-hint" placeholder=(w(lang, "g_search_label"));
                " "
                button type="submit" { (w(lang, "g_search")) }
            }
        }
        p id="status" role="status" aria-live="polite" {}
        noscript { p { (w(lang, "g_search_needs_js")) } }
        ul class="cards" id="hasil" {}
    }
}

/// One innovation in the search index: its title, the line under it, its page (from the
/// site's root) and the start of its description.
struct Indexed<'a> {
    idea: &'a PublicIdea,
    meta: String,
    url: String,
}

/// `aset/indeks.js`: every idea with its link, and every word and stem of its public text
/// with the ideas it occurs in.
fn search_index<'a>(lang: Lang, entries: impl Iterator<Item = Indexed<'a>>) -> Result<String> {
    #[derive(Serialize)]
    struct Entry<'a> {
        t: &'a str,
        a: String,
        u: String,
        d: String,
    }
    #[derive(Serialize)]
    struct Words {
        found: &'static str,
        none: &'static str,
    }
    #[derive(Serialize)]
    struct Index<'a> {
        ideas: Vec<Entry<'a>>,
        keys: BTreeMap<String, Vec<usize>>,
        words: Words,
    }
    let mut keys: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut ideas = Vec::new();
    for (n, e) in entries.enumerate() {
        let i = e.idea;
        let texts = [
            i.title.as_str(),
            i.agency_name.as_str(),
            i.agency_short_name.as_str(),
        ]
        .into_iter()
        .chain(i.fields.iter().map(|f| f.value.as_str()));
        let mut seen = BTreeSet::new();
        for t in texts {
            for word in words(t) {
                if seen.insert(word.clone()) {
                    for c in candidates(&word) {
                        let list = keys.entry(c).or_default();
                        if list.last() != Some(&n) {
                            list.push(n);
                        }
                    }
                }
            }
        }
        ideas.push(Entry {
            t: &i.title,
            a: e.meta,
            u: e.url,
            d: i.field("description")
                .or_else(|| i.field("problem"))
                .map(|f| snippet(&f.value, 160))
                .unwrap_or_default(),
        });
    }
    let index = Index {
        ideas,
        keys,
        words: Words {
            found: w(lang, "g_search_found"),
            none: w(lang, "g_search_none"),
        },
    };
    Ok(format!(
        "window.LABINOV_GALERI = {};\n",
        serde_json::to_string(&index)?
    ))
}

/// `base` (already a file-name-safe slug), made unique in `taken` by a number.
fn unique_slug(base: &str, taken: &mut BTreeSet<String>) -> String {
    let mut s = base.to_owned();
    let mut n = 2;
    while !taken.insert(s.clone()) {
        s = format!("{base}-{n}");
        n += 1;
    }
    s
}

/// The width and height of a JPEG thumbnail, if it can be read.
fn dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?
        .into_dimensions()
        .ok()
}

/// The first `n` characters of `text` on one line, with an ellipsis when cut.
fn snippet(text: &str, n: usize) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= n {
        one
    } else {
        let cut: String = one.chars().take(n).collect();
        format!("{}…", cut.trim_end())
    }
}

impl Site<'_> {
    /// `prefix`: the way back to the gallery's root from the page (`""` or `"../"`).
    fn page(&self, prefix: &str, title: &str, body: Markup, search_page: bool) -> String {
        let lab = &self.g.lab;
        let footer = if lab.city.is_empty() {
            lab.name.clone()
        } else {
            format!("{} · {}", lab.name, lab.city)
        };
        page(
            Frame {
                lang: self.lang,
                prefix,
                title,
                site_name: &lab.name,
                footer: &footer,
                search_page,
                up: self.city.map(|_| format!("{prefix}../index.html")),
            },
            body,
        )
    }

    /// The breadcrumb of a page one folder down (an agency's, an innovation's): the
    /// city's gallery when there is one, the site's home, then `trail`.
    fn crumbs(&self, trail: Markup) -> Markup {
        let lang = self.lang;
        html! {
            nav class="crumbs" aria-label=(w(lang, "g_breadcrumb")) {
                ol {
                    @if self.city.is_some() {
                        li { a href="../../index.html" { (w(lang, "g_all_labs")) } }
                    }
                    li { a href="../index.html" { (w(lang, "g_home")) } }
                    (trail)
                }
            }
        }
    }

    /// An innovation in a list: its title as a level-2 heading (the agency page's list).
    fn idea_card(&self, prefix: &str, i: &PublicIdea, with_agency: bool) -> Markup {
        let tags: Vec<&str> = ["tahapan", "bentuk", "jenis"]
            .iter()
            .filter_map(|k| i.field(k).map(|f| f.value.as_str()))
            .collect();
        html! {
            li {
                h2 class="card" { a href={ (prefix) (self.idea_page[i.id.as_str()]) } { (i.title) } }
                @if with_agency { p class="meta" { (i.agency_name) } }
                @if !tags.is_empty() {
                    p { @for t in &tags { span class="tag" { (t) } } }
                }
                @if let Some(d) = i.field("description").or_else(|| i.field("problem")) {
                    p { (snippet(&d.value, 180)) }
                }
            }
        }
    }

    fn home(&self) -> String {
        let (g, lang) = (self.g, self.lang);
        let meta: Vec<String> = [
            g.lab.organiser.clone(),
            g.lab.city.clone(),
            g.lab.venue.clone(),
            date_range_of(&g.lab.start_date, g.lab.days, lang),
        ]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect();
        let charts: Vec<Drawn> = g
            .charts
            .iter()
            .map(|c| drawn(c, lang, TOP_AGENCIES))
            .collect();
        let body = html! {
            p class="kicker" { (w(lang, "gallery")) }
            h1 { (g.lab.name) }
            @if !meta.is_empty() { p class="lede" { (meta.join(" · ")) } }
            (counts_and_charts(lang, &[(g.ideas.len(), "g_innovations"), (g.agencies.len(), "agencies_count")], &charts))
            @if !g.ideas.is_empty() {
                h2 { (w(lang, "g_all_agencies")) }
                ul class="cards" {
                    @for a in &g.agencies {
                        li {
                            h3 { a href=(self.agency_page[a.id.as_str()]) { (a.name) } }
                            p class="meta" { (a.ideas) " " (w(lang, "g_innovations").to_lowercase()) }
                            ul {
                                @for i in g.ideas.iter().filter(|i| i.agency_id == a.id) {
                                    li { a href=(self.idea_page[i.id.as_str()]) { (i.title) } }
                                }
                            }
                        }
                    }
                }
            }
        };
        self.page(
            "",
            &format!("{} — {}", w(lang, "gallery"), g.lab.name),
            body,
            false,
        )
    }

    fn agency(&self, a: &labinov_core::export::GalleryAgency) -> String {
        let lang = self.lang;
        let ideas: Vec<&PublicIdea> = self
            .g
            .ideas
            .iter()
            .filter(|i| i.agency_id == a.id)
            .collect();
        let body = html! {
            (self.crumbs(html! {
                li { a href={ "../" (self.agency_page[a.id.as_str()]) } aria-current="page" { (a.name) } }
            }))
            p class="kicker" { (w(lang, "g_innovations_of")) }
            h1 { (a.name) }
            p class="lede" {
                (a.code)
                @if !a.group.is_empty() { " · " (a.group) }
                " · " (ideas.len()) " " (w(lang, "g_innovations").to_lowercase())
            }
            ul class="cards" {
                @for i in &ideas { (self.idea_card("../", i, false)) }
            }
        };
        self.page(
            "../",
            &format!("{} — {}", a.name, w(lang, "gallery")),
            body,
            false,
        )
    }

    fn idea(&self, i: &PublicIdea) -> (String, Vec<File>) {
        let lang = self.lang;
        let stage = i.field("tahapan");
        let photos: Vec<(String, Option<(u32, u32)>)> = i
            .photos
            .iter()
            .map(|p| {
                (
                    format!("foto/{}.jpg", crate::slug(&p.id)),
                    dimensions(&p.thumbnail),
                )
            })
            .collect();
        let body = html! {
            (self.crumbs(html! {
                li { a href={ "../" (self.agency_page[i.agency_id.as_str()]) } { (i.agency_name) } }
                li { a href={ "../" (self.idea_page[i.id.as_str()]) } aria-current="page" { (i.title) } }
            }))
            article {
                p class="kicker" { (w(lang, "g_innovations_of")) " " (i.agency_name) }
                h1 { (i.title) }
                @if let Some(s) = stage {
                    p { span class="tag" { (s.label) ": " (s.value) } }
                }
                @if let Some(c) = self.city { (c.lineage(i, "../../")) }
                dl class="fields" {
                    @for f in i.fields.iter().filter(|f| f.key != "tahapan") {
                        dt { (f.label) }
                        dd { (Lines(&f.value)) }
                    }
                }
                @if let Some(p) = &i.progress {
                    section class="progress" aria-labelledby="perkembangan" {
                        h2 id="perkembangan" { (w(lang, "g_progress")) }
                        dl class="fields" {
                            @if let Some(d) = &p.date {
                                dt { (w(lang, "g_progress_latest")) }
                                dd { (long_date(lang, d)) }
                            }
                            @if let Some(s) = &p.stage {
                                dt { (w(lang, "g_progress_stage")) }
                                dd { (s) }
                            }
                            @if let Some(n) = p.percent {
                                dt { (w(lang, "g_progress_percent")) }
                                dd {
                                    progress max="100" value=(n) aria-label=(w(lang, "g_progress_percent")) { (n) "%" }
                                    " " (n) "%"
                                }
                            }
                            @if let Some(t) = &p.done {
                                dt { (w(lang, "g_progress_done")) }
                                dd { (Lines(t)) }
                            }
                        }
                        @if !p.milestones.is_empty() {
                            h3 { (w(lang, "g_milestones")) }
                            table class="milestones" {
                                thead { tr {
                                    th scope="col" { (w(lang, "g_progress_stage")) }
                                    th scope="col" { (w(lang, "g_planned")) }
                                    th scope="col" { (w(lang, "g_reached")) }
                                } }
                                tbody {
                                    @for m in &p.milestones {
                                        tr {
                                            th scope="row" { (m.stage) }
                                            td { (m.planned_date.as_deref().map(|d| long_date(lang, d)).unwrap_or_default()) }
                                            td { (m.actual_date.as_deref().map(|d| long_date(lang, d)).unwrap_or_default()) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                @if !photos.is_empty() {
                    h2 { (w(lang, "photos")) }
                    ul class="photos" {
                        @for (n, (path, dim)) in photos.iter().enumerate() {
                            li {
                                img src={ "../" (path) } alt={ (w(lang, "g_photo_of")) " " (i.title) " (" (n + 1) ")" }
                                    width=[dim.map(|d| d.0)] height=[dim.map(|d| d.1)] loading="lazy" decoding="async";
                            }
                        }
                    }
                    p class="note" { (w(lang, "g_photos_note")) }
                }
            }
        };
        let page = self.page(
            "../",
            &format!("{} — {}", i.title, w(lang, "gallery")),
            body,
            false,
        );
        let files = photos
            .into_iter()
            .zip(&i.photos)
            .map(|((path, _), p)| File {
                path,
                bytes: p.thumbnail.clone(),
            })
            .collect();
        (page, files)
    }

    fn search(&self) -> String {
        let lang = self.lang;
        self.page(
            "",
            &format!("{} — {}", w(lang, "g_search_label"), self.g.lab.name),
            search_body(lang),
            true,
        )
    }

    /// `aset/indeks.js` of the lab's site.
    fn index(&self) -> Result<String> {
        search_index(
            self.lang,
            self.g.ideas.iter().map(|i| Indexed {
                idea: i,
                meta: i.agency_name.clone(),
                url: self.idea_page[i.id.as_str()].clone(),
            }),
        )
    }
}

/// Each published idea's file name without extension, by id: its title for people and
/// its id's random end, so a page keeps its name across exports while the title stays
/// (the gallery's page, the poster).
pub(crate) fn idea_names(g: &Gallery) -> HashMap<&str, String> {
    let mut taken = BTreeSet::new();
    g.ideas
        .iter()
        .map(|i| {
            let tail: String = i.id.chars().filter(char::is_ascii_alphanumeric).collect();
            let tail = &tail[tail.len().saturating_sub(8)..];
            let name = format!("{}-{tail}", crate::slug(&i.title));
            (i.id.as_str(), unique_slug(&name, &mut taken))
        })
        .collect()
}

/// Every file of the gallery, paths relative to `galeri/`.
pub fn site(g: &Gallery) -> Result<Vec<File>> {
    site_in(g, None)
}

/// The pages of `g`, where each agency and idea page is, from the site's root.
fn pages(g: &Gallery) -> (HashMap<&str, String>, HashMap<&str, String>) {
    let mut taken = BTreeSet::new();
    let agency_page = g
        .agencies
        .iter()
        .map(|a| {
            let name = if a.code.is_empty() { &a.name } else { &a.code };
            (
                a.id.as_str(),
                format!("opd/{}.html", unique_slug(&crate::slug(name), &mut taken)),
            )
        })
        .collect();
    let idea_page = idea_names(g)
        .into_iter()
        .map(|(id, name)| (id, format!("inovasi/{name}.html")))
        .collect();
    (agency_page, idea_page)
}

/// The files of `g`'s site; `city` when it is a folder of the city's gallery.
fn site_in<'a>(g: &'a Gallery, city: Option<&'a city::Links<'a>>) -> Result<Vec<File>> {
    let (agency_page, idea_page) = pages(g);
    let s = Site {
        g,
        lang: g.lang,
        agency_page,
        idea_page,
        city,
    };
    let mut files = root_files(s.home(), s.search(), s.index()?);
    for a in &g.agencies {
        files.push(File {
            path: s.agency_page[a.id.as_str()].clone(),
            bytes: s.agency(a).into_bytes(),
        });
    }
    for i in &g.ideas {
        let (page, photos) = s.idea(i);
        files.push(File {
            path: s.idea_page[i.id.as_str()].clone(),
            bytes: page.into_bytes(),
        });
        files.extend(photos);
    }
    Ok(files)
}
