//! Where the database lives when nobody says: the OS's per-user data folder.

use std::path::PathBuf;

/// Environment variable that names the database file, used when `--db` is not given.
pub const DB_ENV: &str = "LABINOV_DB";

/// `--db` if given, else `$LABINOV_DB`, else `<data dir>/labinov/labinov.db`
/// (`~/.local/share/labinov/labinov.db` on Linux, `%APPDATA%\labinov` on Windows).
pub fn database_path(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| {
            std::env::var_os(DB_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(default_database_path)
}

pub fn default_database_path() -> PathBuf {
    dirs::data_dir()
        .or_else(dirs::home_dir)
        .unwrap_or_else(|| PathBuf::from("."))
        .join("labinov")
        .join("labinov.db")
}
