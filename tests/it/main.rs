//! Every integration test of Labinov's binary but the soak, in one test binary: one link
//! of the core and the shared helpers (`tests/src/`) instead of one per file. Each module
//! was a test binary of its own; `cargo test -p labinov-tests --test it -- e2e::` runs one
//! of them (`make e2e` does), `--test soak` the long session, which stays alone in its own
//! binary (it measures the memory of the app's process tree for minutes to an hour).
//!
//! The tests here run in parallel threads of one process (as many as the machine has
//! cores), so none may rely on being alone in its process: none changes its environment
//! or working folder, each starts its own Xvfb, tauri-driver (free ports, its own process
//! group and PID namespace) and app on its own temp database, and kills only its own
//! children. The one thing the whole machine shares, the removable drives the app lists
//! (sticks mounted under `/mnt`), is taken one test at a time: [`labinov_tests::drives_lock`].

mod accessibility;
mod archive;
mod archive_window;
mod capture_story;
mod crash;
mod e2e;
mod export;
mod followup;
mod followup_scenario;
mod followup_window;
mod lab_cli;
mod laptop_1366;
mod merge;
mod network;
mod review;
mod room_window;
mod scenario;
mod show;
