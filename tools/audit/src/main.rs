//! `labinov-audit DB [LOCKFILE] [CONFIG]`: the workspace's dependencies against a local
//! copy of the RustSec advisory database, as `cargo audit --db DB --no-fetch --stale
//! --deny warnings` reports them: every vulnerability, and every informational advisory
//! (unmaintained, unsound, notice), fails unless `.cargo/audit.toml`'s `[advisories]
//! ignore` lists its id. The list is kept true: an id the database does not have is an
//! error, and an entry no crate of the lock file matches any more fails as stale. Yanked versions are not checked: that needs the crates.io index,
//! which an offline machine does not have (`make audit` runs the real cargo-audit on a
//! machine with the network).
//!
//! It exists because `make test` runs on a fresh machine each time, where installing
//! cargo-audit compiled some 300 crates (about six minutes on two cores); this uses the same
//! library with the git and HTTP features off and shares the workspace's dependencies.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rustsec::advisory::{Id, Informational};
use rustsec::report::{Report, Settings};
use rustsec::{Database, Lockfile};
use serde::Deserialize;

#[derive(Deserialize, Default)]
struct Config {
    #[serde(default)]
    advisories: Advisories,
}

#[derive(Deserialize, Default)]
struct Advisories {
    #[serde(default)]
    ignore: Vec<String>,
}

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let Some(db_path) = args.first() else {
        eprintln!("usage: labinov-audit DB [Cargo.lock] [.cargo/audit.toml]");
        return ExitCode::from(2);
    };
    let lock_path = args.get(1).cloned().unwrap_or_else(|| "Cargo.lock".into());
    let config_path = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| ".cargo/audit.toml".into());
    match audit(db_path, &lock_path, &config_path) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("audit: {message}");
            ExitCode::from(2)
        }
    }
}

/// Prints the report; true when nothing beyond the ignore list was found.
fn audit(db_path: &Path, lock_path: &Path, config_path: &Path) -> Result<bool, String> {
    let db = Database::open(db_path).map_err(|e| {
        format!(
            "cannot open the advisory database {}: {e}",
            db_path.display()
        )
    })?;
    let lockfile = Lockfile::load(lock_path)
        .map_err(|e| format!("cannot read {}: {e}", lock_path.display()))?;
    let config: Config = match std::fs::read_to_string(config_path) {
        Ok(text) => toml::from_str(&text)
            .map_err(|e| format!("cannot read {}: {e}", config_path.display()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Config::default(),
        Err(e) => return Err(format!("cannot read {}: {e}", config_path.display())),
    };
    let mut ignore = Vec::new();
    for id in &config.advisories.ignore {
        ignore.push(
            id.parse::<Id>()
                .map_err(|e| format!("{}: bad advisory id {id}: {e}", config_path.display()))?,
        );
    }
    // Every entry names an advisory of the database: a mistyped id would ignore nothing
    // while the list seemed to explain a finding.
    let unknown: Vec<String> = ignore
        .iter()
        .filter(|id| db.get(id).is_none())
        .map(|id| id.to_string())
        .collect();
    if !unknown.is_empty() {
        return Err(format!(
            "{} ignores advisories the database does not have: {}",
            config_path.display(),
            unknown.join(", ")
        ));
    }
    let settings_ignoring = |ignore: Vec<Id>| Settings {
        ignore,
        informational_warnings: vec![
            Informational::Notice,
            Informational::Unmaintained,
            Informational::Unsound,
        ],
        ..Settings::default()
    };
    // What is found with nothing ignored: an entry that matches none of it is stale.
    let everything = Report::generate(&db, &lockfile, &settings_ignoring(Vec::new()));
    let found: Vec<&Id> = everything
        .vulnerabilities
        .list
        .iter()
        .map(|v| &v.advisory.id)
        .chain(
            everything
                .warnings
                .values()
                .flatten()
                .filter_map(|w| w.advisory.as_ref().map(|a| &a.id)),
        )
        .collect();
    let stale: Vec<&Id> = ignore.iter().filter(|id| !found.contains(id)).collect();
    let settings = settings_ignoring(ignore.clone());
    let report = Report::generate(&db, &lockfile, &settings);

    println!(
        "audit: {} advisories, {} crates in {}, {} ignored by {}",
        db.iter().count(),
        lockfile.packages.len(),
        lock_path.display(),
        config.advisories.ignore.len(),
        config_path.display()
    );
    let mut clean = true;
    for id in stale {
        clean = false;
        println!(
            "STALE {id}: {} ignores it, but no crate in {} has it any more: remove the entry",
            config_path.display(),
            lock_path.display()
        );
    }
    for vuln in &report.vulnerabilities.list {
        clean = false;
        println!(
            "VULNERABILITY {} {} {}: {}",
            vuln.advisory.id, vuln.package.name, vuln.package.version, vuln.advisory.title
        );
    }
    for (kind, warnings) in &report.warnings {
        for warning in warnings {
            clean = false;
            let (id, title) = warning
                .advisory
                .as_ref()
                .map(|a| (a.id.to_string(), a.title.clone()))
                .unwrap_or_default();
            println!(
                "WARNING ({kind:?}) {id} {} {}: {title}",
                warning.package.name, warning.package.version
            );
        }
    }
    Ok(clean)
}
