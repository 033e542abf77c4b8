//! `poster/`: an A4 one-pager PDF per published innovation, for an expo: the title big,
//! the agency, the stage (tahapan), a photo if the lab publishes photos, and the public
//! fields. It draws the core's [`Gallery`] (only what the lab publishes), with the PDF
//! report's layout, fonts and drawing (`pdf.rs`: [`Layout`], [`draw`]).
//!
//! One page, always: the text is laid out at 16 pt (read from a step away) and, while it
//! does not fit, at a smaller size down to 8 pt; what still does not fit is cut at the last line that does,
//! with "…" (the whole text is in the gallery and the report). The progress after the
//! lab (`PublicIdea::progress`) is on the innovation's gallery page, not on the poster.
//!
//! Files are named as the innovation's gallery page (`<title>-<id end>.pdf`).

use labinov_core::export::{word as w, Gallery, PublicIdea};
use labinov_core::{Error, Result};

use crate::pdf::{clean, Layout, Pen, ACCENT, BOTTOM, INK, LEFT, LINE, MUTED, PAGE_W, TOP, WIDTH};

const WHITE: (u8, u8, u8) = (0xff, 0xff, 0xff);

/// Every poster: `(file name, PDF bytes)`, in the gallery's order. Made on as many
/// threads as the machine has cores, each with its own [`Pen`]: a poster is one idea's own
/// work, and 10,000 of them were the larger part of a whole export's time.
pub fn posters(g: &Gallery) -> Result<Vec<(String, Vec<u8>)>> {
    let names = crate::gallery::idea_names(g);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = g.ideas.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = g
            .ideas
            .chunks(chunk)
            .map(|ideas| {
                let names = &names;
                scope.spawn(move || -> Result<Vec<(String, Vec<u8>)>> {
                    let mut pen = Pen::new()?;
                    ideas
                        .iter()
                        .map(|i| {
                            let name = format!("{}.pdf", names[i.id.as_str()]);
                            Ok((name, poster_with(&mut pen, g, i)?))
                        })
                        .collect()
                })
            })
            .collect();
        let mut all = Vec::with_capacity(g.ideas.len());
        for worker in workers {
            let made = worker
                .join()
                .map_err(|_| Error::internal("poster", "making the posters failed unexpectedly"))?;
            all.extend(made?);
        }
        Ok(all)
    })
}

/// The poster's layout: the largest text size at which it fits one page, else cut.
fn fit(g: &Gallery, i: &PublicIdea) -> Result<Layout> {
    for size in [16.0, 14.0, 12.0, 11.0, 10.0, 9.0] {
        let l = lay_out(g, i, size, false)?;
        if l.page_count() == 1 {
            return Ok(l);
        }
    }
    lay_out(g, i, 8.0, true)
}

/// How many pages an innovation's poster has (one, by the rules in the module docs).
pub fn page_count(g: &Gallery, i: &PublicIdea) -> Result<usize> {
    Ok(fit(g, i)?.page_count())
}

/// One innovation's poster (rules in the module docs).
pub fn poster(g: &Gallery, i: &PublicIdea) -> Result<Vec<u8>> {
    poster_with(&mut Pen::new()?, g, i)
}

fn poster_with(pen: &mut Pen, g: &Gallery, i: &PublicIdea) -> Result<Vec<u8>> {
    let layout = fit(g, i)?;
    let lang = g.lang;
    let footer = format!("{} · {} · Labinov", w(lang, "gallery"), clean(&g.lab.name));
    pen.draw(layout, &i.title, lang, &|_, _| footer.clone())
}

/// Lays out the poster with the fields' text at `size`; with `cut`, stops at the foot of
/// the page instead of starting another.
fn lay_out(g: &Gallery, i: &PublicIdea, size: f32, cut: bool) -> Result<Layout> {
    let lang = g.lang;
    let mut l = Layout::new()?;
    // A band across the top: the gallery and the lab.
    l.rect(0.0, 0.0, PAGE_W, 30.0, ACCENT);
    let band = format!("{} · {}", w(lang, "gallery"), clean(&g.lab.name)).to_uppercase();
    let band = l
        .wrap(&band, 9.0, true, WIDTH)
        .into_iter()
        .next()
        .unwrap_or_default();
    l.text(LEFT, 19.5, 9.0, true, WHITE, &band);
    l.y = TOP;
    l.para(&i.title, 26.0, true, ACCENT, LEFT, WIDTH);
    l.gap(4.0);
    l.para(
        &format!("{} {}", w(lang, "poster_from"), i.agency_name),
        16.0,
        false,
        INK,
        LEFT,
        WIDTH,
    );
    if let Some(stage) = i.field("tahapan") {
        l.gap(2.0);
        l.para(
            &format!("{}: {}", stage.label, stage.value),
            12.0,
            true,
            MUTED,
            LEFT,
            WIDTH,
        );
    }
    l.gap(8.0);
    let y = l.y;
    l.rect(LEFT, y, WIDTH, 1.5, ACCENT);
    l.gap(8.0);
    if let Some(p) = i.photos.first() {
        l.photos(&[p.thumbnail.as_slice()], 230.0);
        l.gap(4.0);
    }
    let lh = size * 1.4;
    for f in i.fields.iter().filter(|f| f.key != "tahapan") {
        let label_h = size * 0.9 * 1.4 + 4.0;
        if cut && l.y + label_h + lh > BOTTOM {
            break;
        }
        l.gap(4.0);
        l.para(&f.label, size * 0.9, true, MUTED, LEFT, WIDTH);
        let mut lines = l.wrap(&f.value, size, false, WIDTH);
        if cut {
            let room = ((BOTTOM - l.y) / lh).floor().max(0.0) as usize;
            if lines.len() > room {
                lines.truncate(room.max(1));
                if let Some(last) = lines.last_mut() {
                    while !last.is_empty() && l.m.width(&format!("{last} …"), size, false) > WIDTH
                    {
                        last.pop();
                    }
                    last.push_str(" …");
                }
            }
        }
        l.para(&lines.join("\n"), size, false, INK, LEFT, WIDTH);
    }
    l.gap(6.0);
    if l.y < BOTTOM {
        let y = l.y;
        l.rect(LEFT, y, WIDTH, 0.6, LINE);
    }
    Ok(l)
}
