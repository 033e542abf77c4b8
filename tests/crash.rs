//! Crash tests: a process saving through the real store is killed with SIGKILL at random
//! moments; everything it was told was saved must be there, and the database intact.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use labinov_core::{demo, Store};

/// A tiny deterministic generator, so a failing round can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Runs the typist until it has acknowledged at least `min_acks`, waits a random while
/// more, kills it, and returns the last acknowledged count.
fn type_then_kill(args: &[&str], min_acks: u64, rng: &mut Rng) -> u64 {
    let mut child = Command::new(env!("CARGO_BIN_EXE_typist"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(n) = line.strip_prefix("ack ") {
                let _ = tx.send(n.parse::<u64>().unwrap());
            }
        }
    });
    let mut acked = 0;
    let deadline = Instant::now() + Duration::from_secs(60);
    while acked < min_acks && Instant::now() < deadline {
        if let Ok(n) = rx.recv_timeout(Duration::from_secs(5)) {
            acked = n;
        }
    }
    std::thread::sleep(Duration::from_micros(rng.next() % 40_000));
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    reader.join().unwrap();
    // Acks that reached the pipe before the kill count too: they were promised.
    while let Ok(n) = rx.try_recv() {
        acked = n;
    }
    acked
}

fn setup(dir: &Path) -> (String, String, String) {
    let db = dir.join("lab.db");
    let store = Store::open(&db).unwrap();
    let lab = demo::create_demo_lab(&store).unwrap();
    let agency = store.list_agencies(&lab.id).unwrap().remove(0).id;
    (db.to_string_lossy().into_owned(), lab.id, agency)
}

#[test]
fn drafts_survive_sigkill_at_random_moments() {
    let dir = tempfile::tempdir().unwrap();
    let (db, lab, _) = setup(dir.path());
    let text =
        "Layanan Ambulans Gratis 24 Jam untuk warga permukiman padat — SIAGA 112 🚑 ".repeat(3);
    let mut rng = Rng(0x5eed_1abe);
    for round in 0..60 {
        let draft_id = uuid::Uuid::now_v7().to_string();
        let acked = type_then_kill(
            &["drafts", &db, &lab, &draft_id, &text],
            1 + rng.next() % 60,
            &mut rng,
        );
        let store = Store::open(&db).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok", "round {round}");
        let draft = store
            .get_draft(&draft_id)
            .unwrap_or_else(|e| panic!("round {round}: draft lost: {e}"));
        let saved = draft.fields["title"].as_str().unwrap().chars().count() as u64;
        assert!(
            saved >= acked,
            "round {round}: {acked} characters acknowledged, {saved} on disk"
        );
        assert!(
            text.starts_with(draft.fields["title"].as_str().unwrap()),
            "round {round}: the draft is what was typed"
        );
    }
}

#[test]
fn captured_ideas_survive_sigkill_at_random_moments() {
    let dir = tempfile::tempdir().unwrap();
    let (db, lab, agency) = setup(dir.path());
    let mut rng = Rng(0xdead_beef);
    let mut total_acked = 0;
    for round in 0..40 {
        let acked = type_then_kill(
            &["ideas", &db, &lab, &agency, "1000"],
            1 + rng.next() % 30,
            &mut rng,
        );
        total_acked += acked;
        let store = Store::open(&db).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok", "round {round}");
        let captured = store.list_ideas(&lab).unwrap().len() as u64 - 50;
        assert!(
            captured >= total_acked,
            "round {round}: {total_acked} acknowledged, {captured} on disk"
        );
        // Anything saved beyond the acks was committed just before the kill; count it in.
        total_acked = captured;
    }
}
