//! "Ekspor ke USB" through the real `labinov export` CLI: onto real FAT and exFAT file
//! system images mounted through FUSE (`fusefat`, `exfat-fuse`), a nearly full image, a
//! read-only mount, a stick pulled out mid-write; hostile text through every format; and
//! renders of the report (headless Chromium, `pdftoppm`) saved in
//! `target/export-screenshots/` for people to look at.
//!
//! The FUSE tests need `/dev/fuse`, the Debian packages `fusefat exfat-fuse dosfstools
//! exfatprogs` (installed by `make test`), root for the loop device exFAT needs
//! (exfat-fuse refuses a plain image file as root: "Block device required"). Without
//! them a test says so loudly on standard error and returns (it cannot pretend).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use labinov_core::{
    IdeaInput, PersonInput, PersonRole, Recommendation, ReviewInput, ScoreInput, Store,
};
use labinov_tests::webdriver::{keys, skip_requested, Display, Driver};
use labinov_tests::{cli, cli_ok, labinov_bin, workspace_root};

fn skip(test: &str, why: &str) {
    eprintln!(
        "\n************************************************************\n\
         SKIPPED {test}: {why}\n\
         ************************************************************\n"
    );
}

fn have(cmd: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {cmd}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn run(cmd: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .map_err(|e| format!("{cmd}: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "{cmd} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn is_mounted(point: &Path) -> bool {
    let text = std::fs::read_to_string("/proc/self/mounts").unwrap_or_default();
    let p = point.display().to_string().replace(' ', "\\040");
    text.lines()
        .any(|l| l.split_whitespace().nth(1) == Some(p.as_str()))
}

/// A FUSE mount of a file system image, unmounted (and its loop device detached) on drop.
struct Mounted {
    _dir: tempfile::TempDir,
    image: PathBuf,
    point: PathBuf,
    /// The FUSE daemon when it runs in the foreground (fusefat `-f`): killing it is
    /// pulling the stick out.
    daemon: Option<Child>,
    loop_dev: Option<String>,
}

impl Mounted {
    fn unmount(&mut self) {
        if is_mounted(&self.point) {
            let p = self.point.display().to_string();
            if run("fusermount3", &["-u", "-z", &p]).is_err()
                && run("fusermount", &["-u", "-z", &p]).is_err()
            {
                let _ = run("umount", &["-l", &p]);
            }
        }
        if let Some(mut d) = self.daemon.take() {
            let _ = d.kill();
            let _ = d.wait();
        }
        if let Some(l) = self.loop_dev.take() {
            let _ = run("losetup", &["-d", &l]);
        }
    }

    fn wait_mounted(&self) -> Result<(), String> {
        let t = Instant::now();
        while !is_mounted(&self.point) {
            if t.elapsed() > Duration::from_secs(10) {
                return Err(format!(
                    "{} did not appear in /proc/self/mounts",
                    self.point.display()
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(())
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.unmount();
    }
}

fn fuse_ready(tools: &[&str]) -> Result<(), String> {
    if !Path::new("/dev/fuse").exists() {
        return Err("/dev/fuse is missing: this machine (or container) offers no FUSE".into());
    }
    for t in tools {
        if !have(t) {
            return Err(format!(
                "{t} is not installed (make test installs it: scripts/deps.sh)"
            ));
        }
    }
    Ok(())
}

/// A FAT16 image of `mb` megabytes mounted through fusefat (read-write unless `read_only`).
fn mount_fat(mb: u64, read_only: bool) -> Result<Mounted, String> {
    mount_fat_in(&std::env::temp_dir(), mb, read_only)
}

/// Like [`mount_fat`], the mount point in a new folder under `parent`.
fn mount_fat_in(parent: &Path, mb: u64, read_only: bool) -> Result<Mounted, String> {
    fuse_ready(&["fusefat", "mkfs.vfat"])?;
    let dir = tempfile::Builder::new()
        .prefix("labinov-test-")
        .tempdir_in(parent)
        .map_err(|e| format!("a folder in {}: {e}", parent.display()))?;
    let image = dir.path().join("stick.img");
    let point = dir.path().join("LABINOV");
    std::fs::create_dir(&point).unwrap();
    std::fs::File::create(&image)
        .unwrap()
        .set_len(mb << 20)
        .unwrap();
    run("mkfs.vfat", &["-n", "LABINOV", image.to_str().unwrap()])?;
    // fusefat refuses to start without saying which: `ro`, or `rw+` (its read-write mode).
    let args = ["-f", "-o", if read_only { "ro" } else { "rw+" }];
    let daemon = Command::new("fusefat")
        .args(args)
        .arg(&image)
        .arg(&point)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("fusefat: {e}"))?;
    let m = Mounted {
        _dir: dir,
        image,
        point,
        daemon: Some(daemon),
        loop_dev: None,
    };
    m.wait_mounted()?;
    Ok(m)
}

/// An exFAT image of `mb` megabytes on a loop device, mounted through exfat-fuse.
fn mount_exfat(mb: u64) -> Result<Mounted, String> {
    mount_exfat_in(&std::env::temp_dir(), mb)
}

/// Like [`mount_exfat`], the mount point in a new folder under `parent`.
fn mount_exfat_in(parent: &Path, mb: u64) -> Result<Mounted, String> {
    fuse_ready(&["mount.exfat-fuse", "mkfs.exfat", "losetup"])?;
    let dir = tempfile::Builder::new()
        .prefix("labinov-test-")
        .tempdir_in(parent)
        .map_err(|e| format!("a folder in {}: {e}", parent.display()))?;
    let image = dir.path().join("stick.img");
    let point = dir.path().join("LABX");
    std::fs::create_dir(&point).unwrap();
    std::fs::File::create(&image)
        .unwrap()
        .set_len(mb << 20)
        .unwrap();
    run("mkfs.exfat", &["-L", "LABX", image.to_str().unwrap()])?;
    let loop_dev = run("losetup", &["-f", "--show", image.to_str().unwrap()])
        .map_err(|e| format!("no loop device for the exFAT image: {e}"))?
        .trim()
        .to_owned();
    let mut m = Mounted {
        _dir: dir,
        image,
        point,
        daemon: None,
        loop_dev: Some(loop_dev.clone()),
    };
    if let Err(e) = run("mount.exfat-fuse", &[&loop_dev, m.point.to_str().unwrap()]) {
        m.unmount();
        return Err(e);
    }
    m.wait_mounted()?;
    Ok(m)
}

/// Text an attacker or an unlucky paste could put in a field.
const HOSTILE: &[&str] = &[
    "=HYPERLINK(\"http://evil.example\",\"klik\")",
    "+62 812 555",
    "-2+3",
    "@SUM(A1:A2)",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "Layanan 🚀 ramah disabilitas ✓",
    "مرحبا بالعالم — שלום",
];

/// The demo lab (created through the CLI) plus a hostile idea, a photo, reviews by three
/// reviewers and a closed voting round (through the core, since the CLI has no review
/// commands). `extra` more ideas make the export take longer.
fn rich_db(dir: &Path, extra: usize) -> PathBuf {
    let db = dir.join("lab.db");
    cli_ok(&db, &["demo"]);
    let store = Store::open(&db).unwrap();
    let lab = store.default_lab().unwrap();
    let agencies = store.list_agencies(&lab.id).unwrap();
    let idea = store
        .add_idea(
            &lab.id,
            IdeaInput {
                agency_id: agencies[1].id.clone(),
                title: HOSTILE[4].into(),
                proposer_name: HOSTILE[0].into(),
                proposer_position: HOSTILE[1].into(),
                problem: HOSTILE[5].into(),
                description: HOSTILE[7].into(),
                anggaran: HOSTILE[2].into(),
                hasil: HOSTILE[3].into(),
                tujuan: HOSTILE[6].into(),
                rancang_bangun: "Rancang bangun yang panjang. ".repeat(180),
                ..Default::default()
            },
        )
        .unwrap();
    let photo = {
        let mut out = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_fn(640, 420, |x, y| {
            image::Rgb([(x / 3) as u8, (y / 2) as u8, ((x + y) / 5) as u8])
        })
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
        out.into_inner()
    };
    store
        .add_attachment(&idea.id, "flipchart.png", &photo)
        .unwrap();
    let ideas = store.list_ideas(&lab.id).unwrap();
    let rubric = store.rubric(&lab.id).unwrap();
    for (r, name) in [
        "Dr. Sri Wahyuni",
        "Ir. Bambang Hartono",
        "Prof. Lina <Reviewer>",
    ]
    .iter()
    .enumerate()
    {
        let person = store
            .add_person(
                &lab.id,
                PersonInput {
                    agency_id: None,
                    name: (*name).into(),
                    position: String::new(),
                    role: PersonRole::Reviewer,
                },
            )
            .unwrap();
        for (i, idea) in ideas.iter().take(8).enumerate() {
            store
                .save_review(
                    &idea.id,
                    &person.id,
                    ReviewInput {
                        scores: rubric
                            .iter()
                            .enumerate()
                            .map(|(c, k)| ScoreInput {
                                criterion: k.code.clone(),
                                score: 1 + ((i * 3 + r * 2 + c) as u32 % k.scale_max),
                            })
                            .collect(),
                        comment: format!("Catatan reviewer {}: perlu data dasar.", r + 1),
                        recommendation: Some(if i % 3 == 0 {
                            Recommendation::Improve
                        } else {
                            Recommendation::Continue
                        }),
                        submit: true,
                    },
                )
                .unwrap();
        }
    }
    let candidates: Vec<String> = ideas.iter().take(5).map(|i| i.id.clone()).collect();
    let round = store.open_vote_round(&lab.id, 3, &candidates).unwrap();
    for b in 0..6 {
        let mut ballot = HashMap::new();
        ballot.insert(candidates[b % 5].clone(), 2u32);
        ballot.insert(candidates[(b + 2) % 5].clone(), 1u32);
        store.cast_ballot(&round.id, &ballot).unwrap();
    }
    store.close_vote_round(&round.id).unwrap();
    if extra > 0 {
        let inputs: Vec<IdeaInput> = (0..extra)
            .map(|i| IdeaInput {
                agency_id: agencies[i % agencies.len()].id.clone(),
                title: format!("Ide tambahan nomor {i}"),
                problem: "Warga menunggu lama di loket pelayanan. ".repeat(8),
                description: "Satu pintu, satu formulir, kabar lewat pesan singkat. ".repeat(8),
                ..Default::default()
            })
            .collect();
        store.add_ideas(&lab.id, inputs).unwrap();
    }
    db
}

/// Names in a folder, sorted (fusefat shows the FAT volume label as a file: left out).
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "LABINOV")
        .collect();
    v.sort();
    v
}

/// The export folder the CLI reported (first line: "... exported to PATH").
fn exported_folder(stdout: &str) -> PathBuf {
    let first = stdout.lines().next().unwrap();
    PathBuf::from(first.rsplit_once(" exported to ").unwrap().1)
}

/// `sha256sum -c` in `folder` passes; returns how many files it checked.
fn sha256sum_check(folder: &Path) -> usize {
    let out = Command::new("sha256sum")
        .args(["-c", "--strict", "SHA256SUMS"])
        .current_dir(folder)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "sha256sum -c: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).lines().count()
}

fn whole_export_on(m: &Mounted, kind: &str) {
    let dir = tempfile::tempdir().unwrap();
    let db = rich_db(dir.path(), 0);
    let before = cli_ok(&db, &["list", "--format", "json"]);
    let out = cli_ok(&db, &["export", "--to", m.point.to_str().unwrap()]);
    let folder = exported_folder(&out);
    assert!(folder.starts_with(&m.point), "{kind}: {out}");
    for name in [
        "laporan.html",
        "laporan.pdf",
        "ide-inovasi.xlsx",
        "ide-inovasi.csv",
        "data.json",
        "laporan-kegiatan.pdf",
        "laporan-kegiatan.docx",
        "SHA256SUMS",
    ] {
        assert!(out.contains(name), "{kind}: {name} not reported:\n{out}");
    }
    assert_eq!(out.matches("verified").count(), 9, "{kind}: {out}");
    // Only the finished folder on the stick: no temporaries.
    let top = names(&m.point);
    let folder_name = folder.file_name().unwrap().to_string_lossy().into_owned();
    assert!(top.contains(&folder_name), "{kind}: {top:?}");
    assert_eq!(top.len(), 1, "{kind}: {top:?}");
    assert!(
        !names(&folder).iter().any(|n| n.starts_with('.')),
        "{kind}: {:?}",
        names(&folder)
    );
    assert_eq!(sha256sum_check(&folder), 8);
    // The local data is as it was.
    assert_eq!(cli_ok(&db, &["list", "--format", "json"]), before);
}

#[test]
fn a_whole_export_lands_verified_on_a_fat_image_and_survives_a_remount() {
    let mut m = match mount_fat(64, false) {
        Ok(m) => m,
        Err(why) => return skip("FAT export", &why),
    };
    whole_export_on(&m, "FAT");
    // Unmount, mount the image again: everything is really on it.
    let image = m.image.clone();
    let point = m.point.clone();
    m.unmount();
    let daemon = Command::new("fusefat")
        .args(["-f", "-o", "ro"])
        .arg(&image)
        .arg(&point)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    m.daemon = Some(daemon);
    m.wait_mounted().unwrap();
    let folder = names(&point)
        .into_iter()
        .find(|n| n.starts_with("Labinov-"))
        .expect("the export folder after a remount");
    assert_eq!(sha256sum_check(&point.join(folder)), 8);
}

#[test]
fn a_whole_export_lands_verified_on_an_exfat_image() {
    let m = match mount_exfat(64) {
        Ok(m) => m,
        Err(why) => return skip("exFAT export", &why),
    };
    whole_export_on(&m, "exFAT");
}

#[test]
fn a_nearly_full_stick_gives_the_clear_error_and_leaves_nothing_half_written() {
    for kind in ["FAT", "exFAT"] {
        let m = match if kind == "FAT" {
            mount_fat(16, false)
        } else {
            mount_exfat(16)
        } {
            Ok(m) => m,
            Err(why) => {
                skip(&format!("nearly full {kind}"), &why);
                continue;
            }
        };
        // Fill the stick to about 300 kB short of full.
        let free = labinov_core::drives::space(&m.point).0.unwrap();
        let filler = m.point.join("FILLER.BIN");
        let mut left = free.saturating_sub(300 << 10);
        {
            use std::io::Write;
            let mut f = std::fs::File::create(&filler).unwrap();
            let block = vec![0x5au8; 1 << 20];
            while left > 0 {
                let n = left.min(block.len() as u64) as usize;
                f.write_all(&block[..n]).unwrap();
                left -= n as u64;
            }
            f.sync_all().unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let db = rich_db(dir.path(), 0);
        let before = cli_ok(&db, &["list", "--format", "json"]);
        let out = cli(&db, &["export", "--to", m.point.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{kind}: {stderr}");
        assert!(
            stderr.contains("the drive is full") && stderr.contains("[drive_full]"),
            "{kind}: {stderr}"
        );
        assert_eq!(
            names(&m.point),
            vec!["FILLER.BIN".to_string()],
            "{kind}: nothing else is left"
        );
        assert_eq!(cli_ok(&db, &["list", "--format", "json"]), before, "{kind}");
        let info = cli_ok(&db, &["info"]);
        assert!(info.contains("installationId"), "{info}");
    }
}

#[test]
fn a_read_only_stick_is_refused_clearly() {
    let m = match mount_fat(16, true) {
        Ok(m) => m,
        Err(why) => return skip("read-only FAT", &why),
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lab.db");
    cli_ok(&db, &["demo"]);
    let out = cli(&db, &["export", "--to", m.point.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("[drive_read_only]"), "{stderr}");
    assert!(names(&m.point)
        .iter()
        .all(|n| !n.starts_with("Labinov") && !n.starts_with(".Labinov")));
}

#[test]
fn a_stick_pulled_out_mid_export_is_reported_as_removed() {
    let mut m = match mount_fat(128, false) {
        Ok(m) => m,
        Err(why) => return skip("stick pulled out", &why),
    };
    let dir = tempfile::tempdir().unwrap();
    let db = rich_db(dir.path(), 3000);
    let before = cli_ok(&db, &["list", "--format", "json"]);
    let mut child = Command::new(labinov_bin())
        .args(["export", "--to", m.point.to_str().unwrap(), "--db"])
        .arg(&db)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Pull the stick out as soon as the export has started writing to it (its folder is
    // there and the first temporary file in it).
    let t = Instant::now();
    loop {
        let started = std::fs::read_dir(&m.point)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("Labinov-"))
            .any(|e| {
                std::fs::read_dir(e.path())
                    .into_iter()
                    .flatten()
                    .next()
                    .is_some()
            });
        if started {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            panic!(
                "the export ended ({status}) before it was seen writing: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert!(
            t.elapsed() < Duration::from_secs(60),
            "the export never started writing: {:?}",
            names(&m.point)
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    let mut daemon = m.daemon.take().unwrap();
    daemon.kill().unwrap();
    daemon.wait().unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("[drive_removed]"),
        "a pulled-out stick is reported as removed: {stderr}"
    );
    m.unmount();
    assert_eq!(cli_ok(&db, &["list", "--format", "json"]), before);
}

#[test]
fn hostile_text_is_neutralised_in_the_sheets_and_escaped_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let db = rich_db(dir.path(), 0);
    let to = dir.path().join("out");
    std::fs::create_dir(&to).unwrap();
    let out = cli_ok(
        &db,
        &[
            "export",
            "--to",
            to.to_str().unwrap(),
            "--formats",
            "html,csv,xlsx,json",
        ],
    );
    let folder = exported_folder(&out);
    // CSV: an independent parser, every cell; nothing starts like a formula.
    let bytes = std::fs::read(folder.join("ide-inovasi.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let mut seen = Vec::new();
    for rec in r.records() {
        for cell in rec.unwrap().iter() {
            assert!(
                !matches!(
                    cell.chars().next(),
                    Some('=' | '+' | '-' | '@' | '\t' | '\r')
                ),
                "{cell:?}"
            );
            seen.push(cell.to_owned());
        }
    }
    for h in HOSTILE {
        let expect = if matches!(h.chars().next(), Some('=' | '+' | '-' | '@')) {
            format!("'{h}")
        } else {
            h.to_string()
        };
        assert!(seen.contains(&expect), "{expect:?} not in the CSV");
    }
    // HTML: none of the markup in the data survives as markup.
    let html = std::fs::read_to_string(folder.join("laporan.html")).unwrap();
    assert!(!html.contains("<script"));
    assert!(!html.contains("<img src=x"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("Content-Security-Policy"));
    // JSON keeps the text exactly.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("data.json")).unwrap()).unwrap();
    let titles: Vec<&str> = json["ideas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&HOSTILE[4]));
    // The XLSX imports back (the import reads the first sheet) into a lab with the roster.
    let db2 = dir.path().join("other.db");
    cli_ok(&db2, &["demo"]);
    let report = cli(
        &db2,
        &[
            "import-ideas",
            "--dry-run",
            folder.join("ide-inovasi.xlsx").to_str().unwrap(),
        ],
    );
    let text = String::from_utf8_lossy(&report.stdout);
    // The demo's 50 ideas exist in the second lab already: only the hostile one is new.
    assert!(text.contains("51 rows: 1 good, 50 refused"), "{text}");
}

/// Renders of the demo lab's report for people to look at: the HTML in headless
/// Chromium, the PDF's pages through pdftoppm, into `target/export-screenshots/`.
#[test]
fn the_report_is_rendered_for_people_to_look_at() {
    let shots = workspace_root().join("target/export-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = rich_db(dir.path(), 0);
    let to = dir.path().join("out");
    std::fs::create_dir(&to).unwrap();
    let folder = exported_folder(&cli_ok(
        &db,
        &[
            "export",
            "--to",
            to.to_str().unwrap(),
            "--formats",
            "html,pdf",
        ],
    ));
    if have("pdftoppm") {
        run(
            "pdftoppm",
            &[
                "-png",
                "-r",
                "70",
                folder.join("laporan.pdf").to_str().unwrap(),
                shots.join("laporan-pdf").to_str().unwrap(),
            ],
        )
        .unwrap();
        let pages = names(&shots)
            .into_iter()
            .filter(|n| n.starts_with("laporan-pdf"))
            .count();
        assert!(pages >= 5, "{pages} PDF pages rendered");
    } else {
        skip("PDF render", "pdftoppm (poppler-utils) is not installed");
    }
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| have(c));
    let Some(chromium) = chromium else {
        return skip("HTML render", "no chromium is installed");
    };
    let png = shots.join("laporan-html.png");
    let _ = std::fs::remove_file(&png);
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--hide-scrollbars",
            &format!("--screenshot={}", png.display()),
            "--window-size=1280,4000",
        ])
        .arg(format!("file://{}", folder.join("laporan.html").display()))
        .output()
        .unwrap();
    assert!(
        png.exists(),
        "chromium wrote no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::metadata(&png).unwrap().len() > 50_000);
}

/// The Data screen in the real window, with a FAT image mounted under /mnt standing in for
/// a USB stick: it is listed with its free space, and one click exports to it. Screenshots
/// `60-export-screen` and `61-export-done` in `target/e2e-screenshots/`.
#[test]
fn the_export_screen_lists_the_stick_and_exports_to_it_in_the_real_window() {
    if skip_requested() {
        eprintln!("LABINOV_SKIP_E2E=1: end-to-end test skipped on request");
        return;
    }
    // Under /mnt, where the app looks for sticks without a block device of their own; the
    // only stick there while this test runs (the merge test mounts one too).
    let _drives = labinov_tests::drives_lock();
    let stick = match mount_fat_in(Path::new("/mnt"), 64, false) {
        Ok(m) => Some(m),
        Err(why) => {
            skip("a stick in the export screen", &why);
            None
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let db = rich_db(dir.path(), 0);
    let display = Display::start();
    let driver = Driver::start(&display, &[("LABINOV_DB", db.as_path())]);
    let s = driver.session(&labinov_bin());
    s.set_window_size(1280, 900);
    s.wait_for_screen("capture");
    s.wait_for(
        "the agency picker to have the focus",
        Duration::from_secs(10),
        "return document.activeElement?.dataset.testid === 'agency-picker'",
    );
    s.chord(&[keys::ALT], '7');
    s.wait_for_screen("data");
    let Some(stick) = stick else {
        s.wait_for(
            "the empty drive list",
            Duration::from_secs(10),
            "return document.querySelector('[data-testid=export-no-drives]') !== null",
        );
        s.screenshot("60-export-screen");
        return;
    };
    let point = stick.point.display().to_string();
    s.wait_for(
        "the stick in the list",
        Duration::from_secs(10),
        &format!(
            "return [...document.querySelectorAll('[data-testid=export-drive]')].some(d => d.textContent.includes({point:?}))"
        ),
    );
    s.script(
        "const input = [...document.querySelectorAll('[data-testid=export-drive] input')].find(i => i.value === arguments[0]); input.click(); return true;",
        serde_json::json!([point]),
    );
    s.screenshot("60-export-screen");
    s.click(&s.by_testid("export-go"));
    s.wait_for(
        "the export to finish",
        Duration::from_secs(120),
        "return document.querySelector('[data-testid=export-done]') !== null || document.querySelector('[data-testid=export-error]') !== null",
    );
    let done = s.text(&s.by_testid("export-done"));
    assert!(done.contains("Ekspor selesai"), "{done}");
    assert_eq!(done.matches("terverifikasi").count(), 9, "{done}");
    s.screenshot("61-export-done");
    let folder = names(&stick.point)
        .into_iter()
        .find(|n| n.starts_with("Labinov-"))
        .expect("the export folder on the stick");
    assert_eq!(sha256sum_check(&stick.point.join(folder)), 8);
}

/// The city's gallery onto an exFAT stick from the archive screen, in the real window: the
/// stick is listed in the "Galeri inovasi kota" panel, the export ends with its files
/// summed up (not listed one by one), and on the stick every file checks out against
/// `SHA256SUMS`, the home page names every lab and each lab has its own gallery.
///
/// exFAT (exfat-fuse), not fusefat: fusefat cannot hold a site's long file names (it
/// refuses to create some, and renaming others in a folder of many gives them another
/// file's clusters; `cp` then `mv` in a shell does the same), which Windows' and Linux's
/// own FAT drivers do not do.
#[test]
fn the_city_gallery_lands_on_an_exfat_stick_from_the_archive_screen() {
    if skip_requested() {
        eprintln!("LABINOV_SKIP_E2E=1: end-to-end test skipped on request");
        return;
    }
    let _drives = labinov_tests::drives_lock();
    let stick = match mount_exfat_in(Path::new("/mnt"), 64) {
        Ok(m) => m,
        Err(why) => return skip("the city gallery onto a stick", &why),
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("city.db");
    cli_ok(
        &db,
        &[
            "demo-archive",
            "--labs",
            "3",
            "--ideas",
            "12",
            "--seed",
            "4",
        ],
    );
    let display = Display::start();
    let driver = Driver::start(&display, &[("LABINOV_DB", db.as_path())]);
    let s = driver.session(&labinov_bin());
    s.set_window_size(1366, 768);
    s.wait_for_screen("labs");
    s.click(&s.by_testid("open-archive"));
    s.wait_for_screen("archive");
    let point = stick.point.display().to_string();
    s.wait_for(
        "the stick in the city gallery's list",
        Duration::from_secs(10),
        &format!(
            "return [...document.querySelectorAll('[data-testid=city-export-panel] [data-testid=export-drive]')].some(d => d.textContent.includes({point:?}))"
        ),
    );
    s.script(
        "const input = [...document.querySelectorAll('[data-testid=city-export-panel] [data-testid=export-drive] input')].find(i => i.value === arguments[0]);
         input.click(); input.scrollIntoView({block: 'center'}); return true;",
        serde_json::json!([point]),
    );
    std::thread::sleep(Duration::from_millis(300));
    s.screenshot("75-archive-1366-04-city-gallery");
    let started = Instant::now();
    s.click(&s.find("[data-testid=city-export-panel] [data-testid=export-go]"));
    s.wait_for(
        "the export to finish",
        Duration::from_secs(300),
        "return document.querySelector('[data-testid=export-done]') !== null || document.querySelector('[data-testid=export-error]') !== null",
    );
    eprintln!(
        "city gallery onto exFAT (exfat-fuse) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    std::thread::sleep(Duration::from_millis(300));
    s.screenshot("75-archive-1366-05-city-gallery-done");
    let done = s.text(&s.by_testid("export-done"));
    assert!(done.contains("Galeri kota selesai"), "{done}");
    let folder = names(&stick.point)
        .into_iter()
        .find(|n| n.starts_with("Labinov-galeri-"))
        .expect("the city gallery's folder on the stick");
    let folder = stick.point.join(folder);
    let checked = sha256sum_check(&folder);
    let sums = std::fs::read_to_string(folder.join("SHA256SUMS")).unwrap();
    assert_eq!(checked, sums.lines().count());
    assert!(
        done.contains(&format!("{} berkas", sums.lines().count() + 1)),
        "{done}"
    );
    let home = std::fs::read_to_string(folder.join("galeri-kota/index.html")).unwrap();
    for year in ["2024", "2025", "2026"] {
        let lab = format!("Executive Laboratorium Inovasi {year}");
        assert!(home.contains(&lab), "{lab} on the home page");
        let site = folder.join(format!(
            "galeri-kota/{year}-executive-laboratorium-inovasi-{year}/index.html"
        ));
        assert!(site.exists(), "{}", site.display());
    }
}
