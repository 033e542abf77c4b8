//! The room under load (issue 16): 300 simulated phones on the laptop's own service while
//! the facilitator types in the real window. Run by `make bench` on the release build.
//!
//! The release `labinov` runs in the real window (tauri-driver and WebKitWebDriver under
//! Xvfb) on the demo lab, with the room opened from the Show screen on 127.0.0.1 as a
//! facilitator does, and a dot-voting round open. Then, for `LABINOV_BENCH_ROOM_SECONDS`
//! (default 300):
//! - **phones**: `LABINOV_BENCH_PHONES` (default 300), each from its own loopback address
//!   (127.0.x.y: the service limits each phone's address, as on a hotspot), join with the
//!   code and a device id, then at times spread over the period (fixed by the phone's
//!   number, no randomness) send three ideas, resend one of them with the same submission
//!   id (a dropped connection), cast one ballot, and read the wall every 5 s as the page
//!   does. Every proposal's round trip is timed.
//! - **the facilitator** captures ideas by keyboard in the window the whole time, one
//!   after another; each save's round trip is read back from the webview (the
//!   `labinov:capture-save` performance measure, from the save chord's handler to the
//!   saved idea). The same captures with no phone connected, half before and half after,
//!   are the baseline.
//!
//! Checked afterwards in the database: every proposal stored once (none lost, none
//! doubled), one ballot per phone, every facilitator's idea saved. Figures: proposal p99
//! (goal under 100 ms) and the facilitator's capture p99 with phones against without
//! (goal ≤ 1.5×). Writes `target/bench-results/room.json`.

#[path = "../../crates/labinov-core/benches/common/mod.rs"]
mod common;

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{env_usize, write_results, Figure};
use labinov_core::Store;
use labinov_tests::webdriver::{Display, Driver, Session};
use labinov_tests::{cli_ok, labinov_bin, room};
use serde_json::{json, Value};

const IDEAS_PER_PHONE: usize = 3;
const WALL_EVERY: Duration = Duration::from_secs(5);

/// The p-th percentile of millisecond samples (nearest rank).
fn pct(samples: &[f64], p: f64) -> f64 {
    let mut v = samples.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
    v[rank.clamp(1, v.len()) - 1]
}

/// What the phones did.
#[derive(Default)]
struct Tally {
    submit_ms: Vec<f64>,
    sent: Vec<String>,
    failures: Vec<String>,
    ballots: usize,
    walls: usize,
}

/// Phone `n`'s own loopback address: 127.0.x.y, never 127.0.0.1 (the facilitator's).
fn phone_ip(n: usize) -> IpAddr {
    let k = n + 2;
    IpAddr::V4(Ipv4Addr::new(127, 0, (k / 250) as u8, (k % 250) as u8 + 2))
}

async fn post(c: &reqwest::Client, url: String, token: Option<&str>, body: Value) -> (u16, Value) {
    let mut r = c.post(url).header("X-Labinov-Room", "1").json(&body);
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    match r.send().await {
        Ok(res) => {
            let status = res.status().as_u16();
            (status, res.json().await.unwrap_or(Value::Null))
        }
        Err(e) => (0, json!(e.to_string())),
    }
}

/// One phone over `period`: join, three ideas (one sent twice), one ballot, the wall.
async fn phone(
    n: usize,
    base: Arc<String>,
    code: Arc<String>,
    round: Arc<(String, Vec<String>)>,
    period: Duration,
    tally: Arc<Mutex<Tally>>,
) {
    let fail = |what: String| {
        tally
            .lock()
            .unwrap()
            .failures
            .push(format!("phone {n}: {what}"))
    };
    let c = reqwest::Client::builder()
        .local_address(phone_ip(n))
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let start = tokio::time::Instant::now();
    // Phones join over the first tenth of the period, as a room scans the QR code.
    let at = |fraction: f64| start + period.mul_f64(fraction);
    tokio::time::sleep_until(at(0.1 * n as f64 / 300.0)).await;
    let (s, lobby) = post(
        &c,
        format!("{base}/api/lobby"),
        None,
        json!({"code": *code}),
    )
    .await;
    if s != 200 {
        return fail(format!("lobby {s} {lobby}"));
    }
    let agencies = lobby["agencies"].as_array().cloned().unwrap_or_default();
    let agency = agencies[n % agencies.len()]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let device = uuid::Uuid::now_v7().to_string();
    let (s, joined) = post(
        &c,
        format!("{base}/api/join"),
        None,
        json!({"code": *code, "agencyId": agency, "deviceId": device}),
    )
    .await;
    if s != 201 {
        return fail(format!("join {s} {joined}"));
    }
    let token = joined["token"].as_str().unwrap().to_owned();

    // The phone's moments (fractions of the period), spread by its number.
    let spread = |i: usize| 0.12 + 0.85 * (((n * 7919 + i * 104_729) % 1000) as f64 / 1000.0);
    let mut moments: Vec<(f64, usize)> = (0..IDEAS_PER_PHONE).map(|i| (spread(i), i)).collect();
    moments.push((spread(IDEAS_PER_PHONE), IDEAS_PER_PHONE)); // the ballot
    moments.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut next_wall = tokio::time::Instant::now() + WALL_EVERY;
    for (when, what) in moments {
        // The wall, every 5 s until the moment comes.
        loop {
            let due = at(when);
            if next_wall >= due {
                tokio::time::sleep_until(due).await;
                break;
            }
            tokio::time::sleep_until(next_wall).await;
            next_wall += WALL_EVERY;
            let res = c
                .get(format!("{base}/api/wall"))
                .header("X-Labinov-Room", "1")
                .bearer_auth(&token)
                .send()
                .await;
            match res {
                Ok(r) if r.status().is_success() => tally.lock().unwrap().walls += 1,
                Ok(r) => fail(format!("wall {}", r.status())),
                Err(e) => fail(format!("wall {e}")),
            }
        }
        if what == IDEAS_PER_PHONE {
            let (id, candidates) = &*round;
            let pick = &candidates[n % candidates.len()];
            let (s, b) = post(
                &c,
                format!("{base}/api/ballot"),
                Some(&token),
                json!({"roundId": id, "dots": {pick.clone(): 2}}),
            )
            .await;
            if s == 201 {
                tally.lock().unwrap().ballots += 1;
            } else {
                fail(format!("ballot {s} {b}"));
            }
            continue;
        }
        let sub = uuid::Uuid::now_v7().to_string();
        let body = json!({
            "submissionId": sub,
            "agencyId": agency,
            "title": format!("Usulan ponsel {n} nomor {what}"),
            "problem": "Warga menunggu terlalu lama di loket pelayanan",
            "description": "Antrean diambil dari ponsel; petugas memanggil lewat pesan singkat",
        });
        let t = Instant::now();
        let (s, answer) = post(
            &c,
            format!("{base}/api/proposals"),
            Some(&token),
            body.clone(),
        )
        .await;
        let took = t.elapsed().as_secs_f64() * 1000.0;
        if s != 201 {
            fail(format!("proposal {s} {answer}"));
            continue;
        }
        {
            let mut t = tally.lock().unwrap();
            t.submit_ms.push(took);
            t.sent.push(sub.clone());
        }
        // The first idea is sent again, as after a connection that dropped before the
        // answer: the laptop answers with the one it has.
        if what == 0 {
            let (s, again) = post(&c, format!("{base}/api/proposals"), Some(&token), body).await;
            if s != 200 || again["new"] != false {
                fail(format!("resend {s} {again}"));
            }
        }
    }
}

/// Captures ideas in the window until `stop` (or `count` ideas); the save round trips
/// read back from the webview, in ms.
fn type_ideas(
    s: &Session<'_>,
    tag: &str,
    count: usize,
    stop: Option<&AtomicBool>,
) -> (Vec<f64>, Vec<String>) {
    s.script(
        "performance.clearMeasures('labinov:capture-save')",
        json!([]),
    );
    let mut titles = Vec::new();
    for i in 0.. {
        if i >= count || stop.is_some_and(|f| f.load(Ordering::Relaxed)) {
            break;
        }
        let title = format!("Fasilitator {tag} {i}");
        s.capture_by_keyboard("dinkes", &title);
        titles.push(title);
    }
    let durations = s.script(
        "return performance.getEntriesByName('labinov:capture-save').map(e => e.duration)",
        json!([]),
    );
    let ms: Vec<f64> = durations
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_f64)
        .collect();
    assert_eq!(ms.len(), titles.len(), "one measure per capture");
    (ms, titles)
}

fn main() {
    let phones = env_usize("LABINOV_BENCH_PHONES", 300);
    let period = Duration::from_secs(env_usize("LABINOV_BENCH_ROOM_SECONDS", 300) as u64);
    let baseline_each = env_usize("LABINOV_BENCH_ROOM_BASELINE", 40);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lab.db");
    cli_ok(&db, &["demo"]);
    let (lab, round) = {
        let store = Store::open(&db).unwrap();
        let lab = store.list_labs().unwrap()[0].lab.id.clone();
        let ideas: Vec<String> = store
            .list_ideas(&lab)
            .unwrap()
            .into_iter()
            .take(10)
            .map(|i| i.id)
            .collect();
        let round = store.open_vote_round(&lab, 3, &ideas).unwrap();
        (lab, (round.id, ideas))
    };
    let display = Display::start();
    let driver = Driver::start(&display, &[("LABINOV_DB", db.as_path())]);
    let s = driver.session(&labinov_bin());
    s.set_window_size(1366, 768);
    s.wait_for_screen("capture");
    let (url, code) = room::open_in_window(&s);
    let base = Arc::new(room::base_of(&url));
    let code = Arc::new(code);
    s.chord(&[labinov_tests::webdriver::keys::ALT], '1');
    s.wait_for_screen("capture");

    // A: no phones.
    let (mut quiet, mut typed) = type_ideas(&s, "A1", baseline_each / 2, None);

    // B: the phones, while the facilitator keeps typing.
    let tally = Arc::new(Mutex::new(Tally::default()));
    let done = Arc::new(AtomicBool::new(false));
    let load = {
        let (base, code, tally, done) = (base.clone(), code.clone(), tally.clone(), done.clone());
        let round = Arc::new(round.clone());
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                let tasks: Vec<_> = (0..phones)
                    .map(|n| {
                        tokio::spawn(phone(
                            n,
                            base.clone(),
                            code.clone(),
                            round.clone(),
                            period,
                            tally.clone(),
                        ))
                    })
                    .collect();
                for t in tasks {
                    t.await.unwrap();
                }
            });
            done.store(true, Ordering::Relaxed);
        })
    };
    let started = Instant::now();
    let (busy, busy_titles) = type_ideas(&s, "B", usize::MAX, Some(&done));
    load.join().unwrap();
    let loaded_for = started.elapsed();
    typed.extend(busy_titles);

    // A again.
    let (quiet2, typed2) = type_ideas(&s, "A2", baseline_each - baseline_each / 2, None);
    quiet.extend(quiet2);
    typed.extend(typed2);
    s.close();

    // Nothing lost, nothing doubled.
    let tally = tally.lock().unwrap();
    let store = Store::open(&db).unwrap();
    let proposals = store.list_proposals(&lab).unwrap();
    let stored: HashSet<&str> = proposals.iter().map(|p| p.submission_id.as_str()).collect();
    let sent: HashSet<&str> = tally.sent.iter().map(String::as_str).collect();
    let titles: HashSet<String> = store
        .list_ideas(&lab)
        .unwrap()
        .into_iter()
        .map(|i| i.fields.title)
        .collect();
    let missing_typed = typed.iter().filter(|t| !titles.contains(*t)).count();
    let ballots = store.vote_round(&round.0).unwrap().ballots as usize;
    println!(
        "{phones} phones for {:.0} s: {} proposals sent ({} stored, {} distinct), {} ballots ({} counted), {} wall reads, {} failures; facilitator typed {} ideas ({} with phones), {} missing",
        loaded_for.as_secs_f64(),
        tally.sent.len(),
        proposals.len(),
        stored.len(),
        tally.ballots,
        ballots,
        tally.walls,
        tally.failures.len(),
        typed.len(),
        busy.len(),
        missing_typed,
    );
    for f in tally.failures.iter().take(10) {
        println!("  {f}");
    }
    assert!(
        tally.failures.is_empty(),
        "{} phone requests failed",
        tally.failures.len()
    );
    assert_eq!(
        tally.sent.len(),
        phones * IDEAS_PER_PHONE,
        "every idea sent"
    );
    assert_eq!(
        proposals.len(),
        tally.sent.len(),
        "no proposal lost or doubled"
    );
    assert_eq!(stored, sent, "the stored proposals are the ones sent");
    assert_eq!(
        (tally.ballots, ballots),
        (phones, phones),
        "one ballot per phone"
    );
    assert_eq!(
        missing_typed, 0,
        "every idea the facilitator typed was saved"
    );

    let (submit_p50, submit_p99) = (pct(&tally.submit_ms, 50.0), pct(&tally.submit_ms, 99.0));
    let (quiet_p99, busy_p99) = (pct(&quiet, 99.0), pct(&busy, 99.0));
    println!(
        "proposal round trip: p50 {submit_p50:.1} ms, p99 {submit_p99:.1} ms ({} proposals)",
        tally.submit_ms.len()
    );
    println!(
        "facilitator's capture in the window: p50 {:.1} / p99 {busy_p99:.1} ms with phones ({} saves), p50 {:.1} / p99 {quiet_p99:.1} ms without ({} saves)",
        pct(&busy, 50.0),
        busy.len(),
        pct(&quiet, 50.0),
        quiet.len()
    );
    write_results(
        "room",
        &[
            Figure::new(
                format!(
                    "{phones} phones over {} s: proposal round trip p99",
                    period.as_secs()
                ),
                submit_p99,
                "ms",
            )
            .under(100.0),
            Figure::new(
                format!("capture in the window while {phones} phones send: p99"),
                busy_p99,
                "ms",
            )
            .against("the same captures with no phone", quiet_p99)
            .ratio_at_most(1.5),
        ],
    );
}
