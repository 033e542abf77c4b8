//! The running app opens no network socket: the real window (the demo lab's capture screen)
//! under Xvfb, then every socket of the app's whole process tree (`labinov` and the
//! WebKit processes it starts) is looked up in the kernel's TCP, UDP and raw tables.

use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use labinov_tests::webdriver::{skip_requested, Display};
use labinov_tests::{cli_ok, labinov_bin, procs};

/// The check itself can fail: a socket this test opens is found by the same lookup.
#[test]
fn the_lookup_finds_an_open_socket() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let me = procs::tree(std::process::id() as i32);
    let found = procs::inet_sockets(&me);
    assert!(
        found.iter().any(|s| s.contains("tcp")),
        "the test's own listener was not found: {found:?}"
    );
    drop(listener);
}

/// Started the way a user starts it (not through WebDriver: WebKit's automation mode
/// itself listens on a loopback port for the driver, which is the harness's, not the app's).
#[test]
fn the_running_app_opens_no_network_socket() {
    if skip_requested() {
        eprintln!("LABINOV_SKIP_E2E=1: end-to-end test skipped on request");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lab.db");
    cli_ok(&db, &["demo"]);
    let display = Display::start();
    let mut app = Command::new(labinov_bin())
        .env("DISPLAY", &display.name)
        .env("LABINOV_DB", &db)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start labinov");
    let pid = app.id() as i32;
    // The window, the demo lab's capture screen and its data; the WebKit processes start.
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut tree = procs::tree(pid);
    while tree.len() < 3 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
        tree = procs::tree(pid);
    }
    // Time for anything that would phone out (a font, a favicon, DNS prefetch).
    std::thread::sleep(Duration::from_secs(5));
    tree = procs::tree(pid);
    let inet = procs::inet_sockets(&tree);
    let all = procs::socket_count(&tree);
    let names: Vec<&str> = tree.iter().map(|p| p.name.as_str()).collect();
    eprintln!("app tree {names:?}, {all} sockets, internet sockets: {inet:?}");
    let still_running = app.try_wait().unwrap().is_none();
    let _ = app.kill();
    let _ = app.wait();
    assert!(still_running, "the app exited early");
    assert!(
        tree.len() >= 2,
        "the WebKit processes belong to the tree: {names:?}"
    );
    assert!(all > 0, "the lookup saw the tree's (unix) sockets");
    assert!(inet.is_empty(), "the app opened internet sockets: {inet:?}");
}
