//! The `labinov` command line. With no subcommand it opens the window; the subcommands
//! work headless, for scripting and tests, on the same core functions the window uses.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use labinov_core::{
    demo, paths, time, IdeaListing, ImportMode, ImportReport, ImportRow, RowOutcome, Store,
};

#[derive(Parser, Debug)]
#[command(
    name = "labinov",
    version,
    about = "Labinov: run an Executive Laboratorium Inovasi, offline."
)]
pub struct Cli {
    /// The database file. Default: $LABINOV_DB, else the per-user data folder.
    #[arg(long, global = true, env = paths::DB_ENV, value_name = "PATH")]
    db: Option<PathBuf>,

    /// Passed by WebKitWebDriver when it starts the app for end-to-end tests.
    #[arg(long, global = true, hide = true)]
    automation: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Create the demo lab: the sample agency roster, 50 ideas, the agenda, team and
    /// attendance, and a few months of follow-up for three ideas.
    Demo {
        /// Only when the database has no lab yet (for first starts).
        #[arg(long)]
        if_empty: bool,
        /// The lab as its three days end: no follow-up yet.
        #[arg(long)]
        at_lab_end: bool,
    },
    /// Create a lab, or list the labs.
    #[command(subcommand)]
    Lab(LabCommand),
    /// Print a lab's ideas.
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// The lab's id. Default: the lab opened last, else the newest.
        #[arg(long)]
        lab: Option<String>,
    },
    /// Import an agency roster (CSV or XLSX: kode, nama, singkatan, kelompok). A code the
    /// lab already holds updates that agency; every row is reported as new, changed (old
    /// -> new), unchanged or refused. Exit status 1 only when rows were refused.
    ImportAgencies(ImportArgs),
    /// Import ideas from a spreadsheet (CSV or XLSX), one idea per row.
    ImportIdeas(ImportArgs),
    /// Print the database path, schema version and installation id.
    Info,
    /// Export a lab into a new folder in DIR (a USB stick): report (HTML, PDF), ideas
    /// (XLSX, CSV), data.json, the bundle another laptop imports, the activity report
    /// (laporan kegiatan, PDF and DOCX), SHA256SUMS.
    Export(ExportArgs),
    /// Merge a bundle (.labinov) from another laptop into this database. Prints what it
    /// did (or, with --preview, would do). Exit status: 0 merged (or previewed), 1 the
    /// bundle was refused (damaged, not a bundle, from a newer Labinov): nothing changed.
    Import {
        /// The bundle file.
        bundle: PathBuf,
        /// Show what the merge would do, change nothing.
        #[arg(long)]
        preview: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// After the lab: the agencies' follow-up workbooks.
    #[command(subcommand)]
    Followup(FollowupCommand),
    /// Create a demo archive: a lab a year for --labs years ending in --last-year, each
    /// with the sample roster and --ideas ideas, one idea in twenty carried forward into
    /// the next year's lab. The same --seed gives the same city.
    DemoArchive {
        #[arg(long, default_value_t = 20)]
        labs: u32,
        #[arg(long, default_value_t = 500)]
        ideas: u32,
        #[arg(long, default_value_t = 2026)]
        last_year: i32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// The city's archive across every lab: with --summary each agency's ideas per year
    /// (and how many are in penerapan), otherwise the ideas that pass the filters.
    Archive(ArchiveArgs),
    /// Bring an earlier lab into the archive from its exported workbook (ide-inovasi.xlsx:
    /// its agencies and ideas sheets, Indonesian or English), naming it with the "lab new"
    /// options. Every row is checked as if typed; nothing is written if one is refused.
    /// Exit status: 0 imported (or previewed clean), 1 rows refused or the file refused.
    ImportLab {
        /// The workbook (.xlsx).
        file: PathBuf,
        #[command(flatten)]
        lab: NewLabArgs,
        /// Check everything and report, write nothing.
        #[arg(long)]
        preview: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export the city's innovation gallery across labs into a new folder in DIR
    /// (`Labinov-galeri-<city>-<time>/galeri-kota/`): a home page with every lab by
    /// year, each lab's own gallery as that lab chose what is public, and a search across
    /// them, all working from a USB stick with no internet.
    ArchiveGallery {
        /// The folder (e.g. the stick's mount point) to write the export folder into.
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
        /// Only these labs (ids; repeat the option for more). Default: every lab.
        #[arg(long)]
        lab: Vec<String>,
        /// The language of the pages: id or en.
        #[arg(long, default_value = "id")]
        lang: String,
    },
    /// Carry an idea of an earlier lab forward into a later lab: a new idea there that
    /// names the one it continues. Prints the new idea's id.
    CarryForward {
        /// The idea's id.
        idea: String,
        /// The lab to carry it into.
        #[arg(long)]
        to_lab: String,
    },
}

#[derive(Subcommand, Debug)]
enum FollowupCommand {
    /// Write one follow-up workbook (XLSX) per agency that leads an idea into DIR: its
    /// ideas, the action plan and milestones to fill in, a sheet for progress updates.
    /// Prints the files written.
    Export {
        /// The folder to write the workbooks into.
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
        /// The lab's id. Default: the lab opened last, else the newest.
        #[arg(long)]
        lab: Option<String>,
    },
    /// Import a returned follow-up workbook: new progress updates and steps, changed
    /// dates and statuses. An edit made here since the workbook was made is never
    /// overwritten: it is listed as a conflict and kept (unless --take-theirs names it).
    /// Exit status: 0 imported (or previewed), 1 rows were refused (the others are
    /// imported) or the whole file was refused (nothing changed).
    Import {
        /// The workbook (.xlsx).
        file: PathBuf,
        /// Show what the import would do, change nothing.
        #[arg(long)]
        preview: bool,
        /// Take the workbook's value for this conflict (its key, as listed); repeatable.
        #[arg(long, value_name = "KEY")]
        take_theirs: Vec<String>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Args, Debug)]
struct ArchiveArgs {
    /// Each agency's ideas per year instead of the list of ideas.
    #[arg(long)]
    summary: bool,
    /// Only these years (repeat the option for more).
    #[arg(long)]
    year: Vec<i32>,
    /// Only these labs (ids).
    #[arg(long)]
    lab: Vec<String>,
    /// Only these agencies (codes, case ignored).
    #[arg(long)]
    agency: Vec<String>,
    /// Only these stages (inisiatif, uji_coba, penerapan).
    #[arg(long)]
    tahapan: Vec<String>,
    #[arg(long)]
    status: Vec<String>,
    #[arg(long)]
    tematik: Vec<String>,
    /// Every word must match (affixes and case do not matter).
    #[arg(long, default_value = "")]
    search: String,
    #[arg(long, default_value_t = 0)]
    offset: u32,
    /// At most this many ideas (at most 500).
    #[arg(long, default_value_t = 100)]
    limit: u32,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Subcommand, Debug)]
enum LabCommand {
    /// Create a lab with the checks of the app's "new lab" form, and make it the lab the
    /// other commands use when --lab is not given. Prints the new lab's id.
    New(NewLabArgs),
    /// List the labs, newest first; * marks the one used when --lab is not given.
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

/// The fields of the app's "new lab" form. Numbers are read here rather than by clap, so
/// that every bad value gets the same plain message and exit status 1.
#[derive(clap::Args, Debug)]
struct NewLabArgs {
    /// The lab's name (required).
    #[arg(long)]
    name: Option<String>,
    /// Who organises it (e.g. the Bappeda of the city).
    #[arg(long)]
    organiser: Option<String>,
    #[arg(long)]
    city: Option<String>,
    #[arg(long)]
    venue: Option<String>,
    /// The first day: 28/11/2026 (day first) or 2026-11-28. Default: today.
    #[arg(long, visible_alias = "start", value_name = "DATE")]
    start_date: Option<String>,
    /// How many days the lab lasts (1 to 31).
    #[arg(long, default_value = "3", allow_negative_numbers = true)]
    days: String,
    /// How many ideas the lab aims for.
    #[arg(
        long,
        visible_alias = "idea-target",
        default_value = "50",
        allow_negative_numbers = true
    )]
    target: String,
    /// The lab's time zone (IANA name: Asia/Jakarta, Asia/Makassar, Asia/Jayapura, ...).
    #[arg(long, default_value = time::DEFAULT_TIME_ZONE)]
    time_zone: String,
}

#[derive(clap::Args, Debug)]
struct ExportArgs {
    /// The folder (e.g. the stick's mount point) to write the export folder into.
    #[arg(long, value_name = "DIR")]
    to: PathBuf,
    /// Which files, comma-separated: html, pdf, xlsx, csv, json, bundle, kegiatan (the
    /// activity report as PDF), docx (the activity report as an editable DOCX), gallery
    /// (the public gallery site, `galeri/`), posters (an A4 PDF per published idea,
    /// `poster/`), profiles (the innovation profiles of the ideas with a follow-up:
    /// `profil-inovasi.xlsx` and an A4 PDF each in `profil/`). Default: the lab's own
    /// files, every one but the gallery, posters and profiles (asked for by name, as on
    /// the Data screen).
    #[arg(long, default_value = "html,pdf,xlsx,csv,json,bundle,kegiatan,docx")]
    formats: String,
    /// The lab's id. Default: the lab opened last, else the newest.
    #[arg(long)]
    lab: Option<String>,
    /// The language of the report and the column headers: id or en.
    #[arg(long, default_value = "id")]
    lang: String,
}

#[derive(clap::Args, Debug)]
struct ImportArgs {
    /// The spreadsheet to import.
    file: PathBuf,
    /// The lab's id. Default: the lab opened last, else the newest.
    #[arg(long)]
    lab: Option<String>,
    /// Check every row and report, but import nothing.
    #[arg(long, visible_alias = "preview", conflicts_with = "skip_refused")]
    dry_run: bool,
    /// Import the good rows even when some are refused (default: all or nothing).
    #[arg(long)]
    skip_refused: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum Format {
    Json,
    Table,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let db = paths::database_path(cli.db);
    let Some(command) = cli.command else {
        return match crate::run_gui(db) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&format!("could not open the window: {e}")),
        };
    };
    match run(command, &db) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        // `labinov list | head`: the reader has gone, which is not an error.
        Err(labinov_core::Error::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(e) => fail(&format!("{e} [{}]", e.code().as_str())),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("labinov: {message}");
    ExitCode::FAILURE
}

/// Runs a subcommand. `Ok(false)`: it ran, but something was refused (exit status 1).
fn run(command: Command, db: &std::path::Path) -> labinov_core::Result<bool> {
    let store = Store::open(db)?;
    let mut out = std::io::stdout().lock();
    match command {
        Command::Demo {
            if_empty,
            at_lab_end,
        } => {
            if if_empty && !store.list_labs()?.is_empty() {
                return Ok(true);
            }
            let lab = if at_lab_end {
                demo::create_demo_lab_at_lab_end(&store)?
            } else {
                demo::create_demo_lab(&store)?
            };
            store.set_last_lab(&lab.id)?;
            writeln!(out, "{} ({})", lab.name, lab.id)?;
        }
        Command::List { format, lab } => {
            let lab = match lab {
                Some(id) => store.get_lab(&id)?,
                None => store.default_lab()?,
            };
            let ideas = store.idea_listing(&lab.id)?;
            match format {
                Format::Json => {
                    writeln!(out, "{}", serde_json::to_string_pretty(&ideas)?)?;
                }
                Format::Table => write_table(&mut out, &ideas, &lab.time_zone)?,
            }
        }
        Command::Lab(LabCommand::New(args)) => {
            let lab = new_lab(&store, args)?;
            store.set_last_lab(&lab.id)?;
            eprintln!(
                "created {:?}: from {}, {} days, target {} ideas, {}",
                lab.name, lab.start_date, lab.days, lab.idea_target, lab.time_zone
            );
            writeln!(out, "{}", lab.id)?;
        }
        Command::Lab(LabCommand::List { format }) => {
            let labs = store.list_labs()?;
            match format {
                Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&labs)?)?,
                Format::Table => {
                    let default = store.info()?.last_lab_id;
                    write_labs(&mut out, &labs, default.as_deref())?;
                }
            }
        }
        Command::Info => {
            let info = store.info()?;
            writeln!(out, "{}", serde_json::to_string_pretty(&info)?)?;
        }
        Command::ImportAgencies(args) => {
            return import(&store, &mut out, args, Store::import_agencies, true)
        }
        Command::ImportIdeas(args) => {
            return import(&store, &mut out, args, Store::import_ideas, false)
        }
        Command::Export(args) => export(&store, &mut out, args)?,
        Command::ArchiveGallery { to, lab, lang } => {
            let report = labinov_render::export_city_gallery(
                &store,
                &lab,
                &to,
                parse_lang(&lang)?,
                &mut |p| eprintln!("[{}/{}] {}", p.done, p.total, p.step),
            )?;
            let what = format!("{} published ideas", report.ideas);
            print_export(&mut out, &report, &what, false)?;
        }
        Command::Import {
            bundle,
            preview,
            json,
        } => {
            let report = if preview {
                store.preview_bundle(&bundle)?
            } else {
                store.merge_bundle(&bundle)?
            };
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
            } else {
                write_merge_report(&mut out, &report)?;
            }
        }
        Command::Followup(FollowupCommand::Export { to, lab }) => {
            let lab = match lab {
                Some(id) => store.get_lab(&id)?,
                None => store.default_lab()?,
            };
            let files = labinov_render::export_followup_workbooks(&store, &lab.id, &to)?;
            for f in &files {
                writeln!(out, "{}", f.display())?;
            }
            eprintln!("{} workbook(s) written for {:?}", files.len(), lab.name);
        }
        Command::Followup(FollowupCommand::Import {
            file,
            preview,
            take_theirs,
            json,
        }) => {
            use labinov_core::followup::{ConflictChoice, Side};
            let choices: Vec<ConflictChoice> = take_theirs
                .into_iter()
                .map(|key| ConflictChoice {
                    key,
                    take: Side::Theirs,
                })
                .collect();
            let report = if preview {
                store.preview_followup_workbook(&file, &choices)?
            } else {
                store.import_followup_workbook(&file, &choices)?
            };
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
            } else {
                write_followup_import(&mut out, &report)?;
            }
            return Ok(report.refused.is_empty());
        }
        Command::DemoArchive {
            labs,
            ideas,
            last_year,
            seed,
        } => {
            for lab in demo::create_demo_archive(&store, labs, ideas, last_year, seed)? {
                writeln!(out, "{} ({})", lab.name, lab.id)?;
            }
        }
        Command::Archive(args) => archive(&store, &mut out, args)?,
        Command::ImportLab {
            file,
            lab,
            preview,
            json,
        } => return import_lab(&store, &mut out, file, lab, preview, json),
        Command::CarryForward { idea, to_lab } => {
            let new = store.carry_forward_idea(&idea, &to_lab)?;
            writeln!(out, "{}", new.id)?;
        }
    }
    Ok(true)
}

/// A follow-up workbook import, in words.
fn write_followup_import(
    out: &mut impl Write,
    r: &labinov_core::followup::WorkbookImport,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} workbook of {} (made {}):",
        if r.applied {
            "Imported the"
        } else {
            "Preview (nothing written) of the"
        },
        r.agency_name,
        r.made_at
    )?;
    for u in &r.new_updates {
        writeln!(
            out,
            "  new update   {} row {}: {} — {}",
            u.sheet, u.row, u.idea_title, u.what
        )?;
    }
    for s in &r.new_steps {
        writeln!(
            out,
            "  new step     {} row {}: {} — {}",
            s.sheet, s.row, s.idea_title, s.what
        )?;
    }
    for c in &r.changes {
        writeln!(
            out,
            "  changed      {} row {}: {} {}: {:?} -> {:?}",
            c.sheet, c.row, c.idea_title, c.field, c.old, c.new
        )?;
    }
    for c in &r.conflicts {
        writeln!(
            out,
            "  CONFLICT     {} row {}: {} {}: here {:?}, workbook {:?} (was {:?}); kept {} [--take-theirs {}]",
            c.sheet,
            c.row,
            c.idea_title,
            c.field,
            c.here,
            c.theirs,
            c.exported,
            if c.taken == labinov_core::followup::Side::Theirs { "the workbook's" } else { "the value here" },
            c.key
        )?;
    }
    for x in &r.refused {
        writeln!(
            out,
            "  REFUSED      {} row {}: {}",
            x.sheet, x.row, x.reason
        )?;
    }
    writeln!(
        out,
        "{} new update(s), {} new step(s), {} change(s), {} conflict(s), {} unchanged row(s), {} refused row(s)",
        r.new_updates.len(),
        r.new_steps.len(),
        r.changes.len(),
        r.conflicts.len(),
        r.unchanged,
        r.refused.len()
    )
}

/// `labinov archive`: the summary table or a page of ideas across every lab.
fn archive(store: &Store, out: &mut impl Write, args: ArchiveArgs) -> labinov_core::Result<()> {
    if args.summary {
        let s = store.archive_summary()?;
        if let Format::Json = args.format {
            writeln!(out, "{}", serde_json::to_string_pretty(&s)?)?;
            return Ok(());
        }
        write!(out, "{:<14}", "agency")?;
        for y in &s.years {
            write!(out, " {y:>5}")?;
        }
        writeln!(out, " {:>6} {:>9}", "total", "penerapan")?;
        for a in &s.agencies {
            write!(out, "{:<14}", a.code)?;
            for y in &s.years {
                let n = a
                    .per_year
                    .iter()
                    .find(|p| p.year == *y)
                    .map_or(0, |p| p.ideas);
                write!(out, " {n:>5}")?;
            }
            writeln!(out, " {:>6} {:>9}", a.ideas, a.in_penerapan)?;
        }
        writeln!(out, "{} labs, {} ideas", s.labs.len(), s.ideas)?;
        return Ok(());
    }
    let page = store.archive_page(&labinov_core::ArchiveQuery {
        years: args.year,
        lab_ids: args.lab,
        agency_codes: args.agency,
        tahapan: args.tahapan,
        status: args.status,
        tematik: args.tematik,
        text: args.search,
        offset: args.offset,
        limit: args.limit,
    })?;
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&page)?)?,
        Format::Table => {
            for i in &page.items {
                writeln!(
                    out,
                    "{}  {:<14} {:<10} {}  {}{}",
                    i.year,
                    i.agency_code,
                    i.tahapan,
                    i.id,
                    i.title,
                    if i.continues.is_some() {
                        "  (carried forward)"
                    } else {
                        ""
                    }
                )?;
            }
            writeln!(
                out,
                "{}-{} of {} ideas",
                page.offset + u32::from(!page.items.is_empty()),
                page.offset + page.items.len() as u32,
                page.total
            )?;
        }
    }
    Ok(())
}

/// Creates a lab from the command line's fields through the same core function (and so
/// the same checks) as the app's "new lab" form; a refusal names the option, not the field.
fn new_lab(store: &Store, args: NewLabArgs) -> labinov_core::Result<labinov_core::Lab> {
    lab_options(|| store.create_lab(lab_input(args)?))
}

/// The "new lab" form's fields as the options give them; numbers read as the form does
/// (digits only), so every bad value gets the same plain message.
fn lab_input(args: NewLabArgs) -> labinov_core::Result<labinov_core::NewLab> {
    use labinov_core::Error;
    fn whole(field: &str, text: &str) -> labinov_core::Result<u32> {
        let t = text.trim();
        match t.parse::<u32>() {
            Ok(n) if t.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
            _ => Err(Error::invalid(
                field,
                labinov_core::Reason::NotAWholeNumber { value: text.into() },
            )),
        }
    }
    Ok(labinov_core::NewLab {
        name: args.name.unwrap_or_default(),
        organiser: args.organiser.unwrap_or_default(),
        city: args.city.unwrap_or_default(),
        venue: args.venue.unwrap_or_default(),
        start_date: args
            .start_date
            .unwrap_or_else(|| time::today_in(&args.time_zone)),
        days: whole("days", &args.days)?,
        idea_target: whole("ideaTarget", &args.target)?,
        time_zone: Some(args.time_zone),
    })
}

/// Runs `f`, naming a refused field of the lab's form by its option (`--start-date`).
fn lab_options<T>(f: impl FnOnce() -> labinov_core::Result<T>) -> labinov_core::Result<T> {
    use labinov_core::Error;
    let option = |field: &str| match field {
        "startDate" => "--start-date",
        "ideaTarget" => "--target",
        "timeZone" => "--time-zone",
        "name" => "--name",
        "organiser" => "--organiser",
        "city" => "--city",
        "venue" => "--venue",
        "days" => "--days",
        _ => "",
    };
    f().map_err(|e| match e {
        Error::Invalid { field, reason } if !option(&field).is_empty() => Error::Invalid {
            field: option(&field).to_owned(),
            reason,
        },
        e => e,
    })
}

/// `labinov import-lab`: an earlier lab from its exported workbook into the archive.
fn import_lab(
    store: &Store,
    out: &mut impl Write,
    file: PathBuf,
    lab: NewLabArgs,
    preview: bool,
    json: bool,
) -> labinov_core::Result<bool> {
    let bytes = std::fs::read(&file)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let r = lab_options(|| store.import_lab_workbook(&name, &bytes, lab_input(lab)?, !preview))?;
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&r)?)?;
    } else {
        let mode = if preview {
            ImportMode::Preview
        } else {
            ImportMode::AllOrNothing
        };
        writeln!(out, "agencies (sheet {:?}):", r.agency_sheet)?;
        write_import(out, &r.agencies, mode, true)?;
        writeln!(out, "ideas (sheet {:?}):", r.idea_sheet)?;
        write_import(out, &r.ideas, mode, false)?;
        if !r.sheets_ignored.is_empty() {
            writeln!(out, "sheets not read: {}", r.sheets_ignored.join(", "))?;
        }
        match (r.applied, preview) {
            (true, _) => writeln!(
                out,
                "{:?} from {} is in the archive: {}",
                r.lab.name, r.lab.start_date, r.lab.id
            )?,
            (false, true) => writeln!(out, "checked (preview): nothing written")?,
            (false, false) => writeln!(out, "NOTHING imported: the refused rows above")?,
        }
    }
    Ok(r.agencies.refused == 0 && r.ideas.refused == 0)
}

/// Runs an export, printing each step to standard error and the files to standard output.
fn export(store: &Store, out: &mut impl Write, args: ExportArgs) -> labinov_core::Result<()> {
    use labinov_core::export::{ExportFormat, ExportOptions};
    use labinov_render::export_lab;
    let lab = match &args.lab {
        Some(id) => store.get_lab(id)?,
        None => store.default_lab()?,
    };
    let options = ExportOptions {
        formats: ExportFormat::parse_list(&args.formats)?,
        lang: parse_lang(&args.lang)?,
    };
    let report = export_lab(store, &lab.id, &args.to, &options, &mut |p| {
        eprintln!("[{}/{}] {}", p.done, p.total, p.step);
    })?;
    let what = format!("{} ideas", report.ideas);
    print_export(out, &report, &what, true)
}

/// `--lang`: id or en.
fn parse_lang(lang: &str) -> labinov_core::Result<labinov_core::export::Lang> {
    labinov_core::export::Lang::parse(lang).ok_or_else(|| {
        labinov_core::Error::invalid(
            "lang",
            labinov_core::Reason::NotOneOf {
                value: lang.to_owned(),
                allowed: vec!["id".into(), "en".into()],
            },
        )
    })
}

/// An export's folder and its files, each with its size and whether it was verified
/// (`list`), else their count and size (a site of thousands of pages).
fn print_export(
    out: &mut impl Write,
    report: &labinov_core::export::ExportReport,
    what: &str,
    list: bool,
) -> labinov_core::Result<()> {
    writeln!(
        out,
        "{} ({what}) exported to {}",
        report.lab_name, report.folder
    )?;
    if !list {
        let verified = report.files.iter().filter(|f| f.verified).count();
        let bytes: u64 = report.files.iter().map(|f| f.size).sum();
        writeln!(
            out,
            "  {} files, {bytes} bytes, {verified} verified",
            report.files.len()
        )?;
    }
    for f in report.files.iter().filter(|_| list) {
        let check = if f.verified {
            "verified"
        } else {
            "NOT verified"
        };
        writeln!(out, "  {:<44} {:>12} bytes  {check}", f.name, f.size)?;
    }
    writeln!(out, "in {:.1} s", f64::from(report.elapsed_ms) / 1000.0)?;
    Ok(())
}

type Importer = fn(&Store, &str, &str, &[u8], ImportMode) -> labinov_core::Result<ImportReport>;

/// Runs an import and prints its per-row report; `Ok(false)` when any row was refused.
/// A roster's report has a line for every row (new, changed, unchanged or refused) and its
/// counts by outcome; an ideas import reports its refused rows (the others are all new).
fn import(
    store: &Store,
    out: &mut impl Write,
    args: ImportArgs,
    importer: Importer,
    roster: bool,
) -> labinov_core::Result<bool> {
    let lab = match &args.lab {
        Some(id) => store.get_lab(id)?,
        None => store.default_lab()?,
    };
    let bytes = std::fs::read(&args.file)?;
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mode = if args.dry_run {
        ImportMode::Preview
    } else if args.skip_refused {
        ImportMode::SkipRefused
    } else {
        ImportMode::AllOrNothing
    };
    let report = importer(store, &lab.id, &name, &bytes, mode)?;
    write_import(out, &report, mode, roster)?;
    Ok(report.refused == 0)
}

/// An import's per-row report (see [`import`]).
fn write_import(
    out: &mut impl Write,
    report: &ImportReport,
    mode: ImportMode,
    roster: bool,
) -> std::io::Result<()> {
    for row in &report.rows {
        let label = if row.label.is_empty() {
            String::new()
        } else {
            format!(" {:?}", row.label)
        };
        for p in &row.problems {
            writeln!(out, "line {}{label}: {}: {}", row.line, p.field, p.reason)?;
        }
        if roster && row.problems.is_empty() {
            writeln!(out, "line {}{label}: {}", row.line, row_outcome(row))?;
        }
    }
    if !report.not_in_file.is_empty() {
        writeln!(
            out,
            "not in the file, left as they are ({}): {}",
            report.not_in_file.len(),
            report.not_in_file.join(", ")
        )?;
    }
    if !report.columns_ignored.is_empty() {
        writeln!(
            out,
            "columns not used: {}",
            report.columns_ignored.join(", ")
        )?;
    }
    let outcome = match (report.applied, mode) {
        (true, _) => "imported",
        (false, ImportMode::Preview) => "checked (dry run, nothing imported)",
        (false, _) if report.refused == 0 && report.added + report.changed == 0 => {
            "nothing to change"
        }
        (false, _) => "NOTHING imported",
    };
    if roster {
        writeln!(
            out,
            "good rows: {} new, {} changed, {} unchanged",
            report.added, report.changed, report.unchanged
        )?;
    }
    writeln!(
        out,
        "{} rows: {} good, {} refused; {outcome}",
        report.total, report.good, report.refused
    )?;
    Ok(())
}

/// A good row's outcome: `new`, `unchanged`, or `changed: name "old" -> "new"; ...`.
fn row_outcome(row: &ImportRow) -> String {
    match row.outcome {
        RowOutcome::New => "new".into(),
        RowOutcome::Unchanged => "unchanged".into(),
        RowOutcome::Refused => "refused".into(),
        RowOutcome::Changed => {
            let changes: Vec<String> = row
                .changes
                .iter()
                .map(|c| {
                    if c.field == "retiredAt" {
                        format!("brought back (retired since {})", c.old)
                    } else {
                        format!("{} {:?} -> {:?}", c.field, c.old, c.new)
                    }
                })
                .collect();
            format!("changed: {}", changes.join("; "))
        }
    }
}

/// A plain-text table: number, agency, title, proposer, time in the lab's zone.
fn write_table(out: &mut impl Write, ideas: &[IdeaListing], tz: &str) -> std::io::Result<()> {
    let rows: Vec<[String; 5]> = ideas
        .iter()
        .enumerate()
        .map(|(i, l)| {
            [
                (i + 1).to_string(),
                l.agency_short_name.clone(),
                l.idea.fields.title.clone(),
                l.idea.fields.proposer_name.clone(),
                time::local_display(&l.idea.created_at, tz),
            ]
        })
        .collect();
    write_columns(
        out,
        ["No", "OPD", "Judul", "Pengusul", "Dicatat"],
        [4, 16, 60, 32, 16],
        &rows,
    )?;
    writeln!(out, "\n{} ide", rows.len())
}

/// The labs as a plain-text table; `*` marks `default`, the lab used without --lab.
fn write_labs(
    out: &mut impl Write,
    labs: &[labinov_core::LabSummary],
    default: Option<&str>,
) -> std::io::Result<()> {
    let rows: Vec<[String; 8]> = labs
        .iter()
        .map(|s| {
            let l = &s.lab;
            let mark = if default == Some(l.id.as_str()) {
                "*"
            } else {
                ""
            };
            [
                mark.to_owned(),
                l.id.clone(),
                l.name.clone(),
                l.city.clone(),
                l.start_date.clone(),
                l.days.to_string(),
                format!("{}/{}", s.idea_count, l.idea_target),
                s.agency_count.to_string(),
            ]
        })
        .collect();
    write_columns(
        out,
        ["", "ID", "Nama", "Kota", "Mulai", "Hari", "Ide", "OPD"],
        [1, 36, 48, 24, 10, 4, 13, 5],
        &rows,
    )?;
    writeln!(out, "\n{} lab", rows.len())?;
    if default.is_some() && !rows.is_empty() {
        writeln!(out, "the lab marked * is used when --lab is not given")?;
    }
    Ok(())
}

/// Writes `rows` under `header`, each column as wide as its widest cell up to `max`.
fn write_columns<const N: usize>(
    out: &mut impl Write,
    header: [&str; N],
    max: [usize; N],
    rows: &[[String; N]],
) -> std::io::Result<()> {
    let mut width = header.map(|h| h.chars().count());
    for row in rows {
        for (w, cell) in width.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for (w, m) in width.iter_mut().zip(max) {
        *w = (*w).min(m);
    }
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(width)
            .map(|(c, w)| fit(c, w))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    writeln!(out, "{}", line(&header.map(String::from)))?;
    writeln!(out, "{}", width.map(|w| "-".repeat(w)).join("  "))?;
    for row in rows {
        writeln!(out, "{}", line(row))?;
    }
    Ok(())
}

/// Pads or cuts `s` to `w` characters, marking a cut with an ellipsis.
fn fit(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n <= w {
        format!("{s}{}", " ".repeat(w - n))
    } else {
        let mut cut: String = s.chars().take(w.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// The merge report for a person at a terminal.
fn write_merge_report(out: &mut impl Write, r: &labinov_core::MergeReport) -> std::io::Result<()> {
    let verb = if r.applied {
        "Merged"
    } else {
        "Preview (nothing changed)"
    };
    writeln!(out, "{verb}: lab {} ({})", r.lab_name, r.lab_id)?;
    writeln!(
        out,
        "from laptop {} (bundle made {})",
        r.from_installation_id, r.bundle_created_at
    )?;
    if r.lab_is_new {
        writeln!(out, "the lab is new on this laptop")?;
    }
    writeln!(
        out,
        "new ideas: {}, changed ideas: {}, deleted ideas: {}, conflicts: {}, records written: {}",
        r.new_ideas.len(),
        r.changed_ideas.len(),
        r.deleted_ideas.len(),
        r.conflicts,
        r.changed_records
    )?;
    for (label, list) in [
        ("new", &r.new_ideas),
        ("changed", &r.changed_ideas),
        ("deleted", &r.deleted_ideas),
    ] {
        for i in list {
            writeln!(out, "  {label}: {} [{}] {}", i.title, i.agency, i.id)?;
        }
    }
    Ok(())
}
