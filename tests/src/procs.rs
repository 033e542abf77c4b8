//! The running app as the kernel sees it: its process tree (the `labinov` process and the
//! WebKit processes it starts), their memory, and their network sockets, read from
//! `/proc` (Linux only).
//!
//! The app is found by its environment: the tests start it with `LABINOV_DB` set to a
//! database path unique to the test, so no other Labinov on the machine is mistaken for
//! it. WebKitWebDriver and tauri-driver are not in the tree (they start the app, they are
//! not started by it).

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

/// A process: its id and its command name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proc {
    pub pid: i32,
    pub name: String,
}

fn pids() -> Vec<i32> {
    std::fs::read_dir("/proc")
        .map(|d| {
            d.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

fn name(pid: i32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}

fn parent(pid: i32) -> Option<i32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // `pid (comm) state ppid ...`; comm may hold spaces and parentheses.
    let after = &stat[stat.rfind(')')? + 2..];
    after.split(' ').nth(1)?.parse().ok()
}

/// The process running `exe` with `LABINOV_DB=db`, waiting up to `timeout`.
pub fn find_app(exe: &Path, db: &Path, timeout: Duration) -> Option<i32> {
    let needle = format!("LABINOV_DB={}", db.display()).into_bytes();
    let exe = exe.canonicalize().ok()?;
    let deadline = Instant::now() + timeout;
    loop {
        let found = pids().into_iter().find(|&pid| {
            std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|e| e == exe)
                && std::fs::read(format!("/proc/{pid}/environ"))
                    .is_ok_and(|env| env.split(|&b| b == 0).any(|v| v == needle.as_slice()))
        });
        if found.is_some() || Instant::now() > deadline {
            return found;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// `root` and every process descended from it.
pub fn tree(root: i32) -> Vec<Proc> {
    let all: Vec<(i32, Option<i32>)> = pids().into_iter().map(|p| (p, parent(p))).collect();
    let mut inside = BTreeSet::from([root]);
    loop {
        let before = inside.len();
        for (pid, ppid) in &all {
            if ppid.is_some_and(|pp| inside.contains(&pp)) {
                inside.insert(*pid);
            }
        }
        if inside.len() == before {
            break;
        }
    }
    inside
        .into_iter()
        .map(|pid| Proc {
            pid,
            name: name(pid),
        })
        .filter(|p| !p.name.is_empty())
        .collect()
}

/// Resident memory of the processes, in KiB: (RSS, PSS) summed. PSS shares pages that
/// several processes map between them, so it adds up to what the tree really costs.
pub fn memory_kib(procs: &[Proc]) -> (u64, u64) {
    let mut rss = 0;
    let mut pss = 0;
    for p in procs {
        let Ok(text) = std::fs::read_to_string(format!("/proc/{}/smaps_rollup", p.pid)) else {
            continue;
        };
        for line in text.lines() {
            let value = |l: &str| -> u64 {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0)
            };
            if line.starts_with("Rss:") {
                rss += value(line);
            } else if line.starts_with("Pss:") {
                pss += value(line);
            }
        }
    }
    (rss, pss)
}

/// The inode numbers of the sockets `pid` has open.
fn socket_inodes(pid: i32) -> BTreeSet<u64> {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|d| {
            d.filter_map(|e| {
                let target = std::fs::read_link(e.ok()?.path()).ok()?;
                let t = target.to_str()?;
                t.strip_prefix("socket:[")?.strip_suffix(']')?.parse().ok()
            })
            .collect()
        })
        .unwrap_or_default()
}

/// Every internet socket (TCP, UDP, raw; IPv4 and IPv6) the processes hold, described
/// as `name[pid] proto local -> remote`. Unix sockets (the X server, D-Bus, WebKit's own
/// IPC) are not internet sockets and are not listed.
pub fn inet_sockets(procs: &[Proc]) -> Vec<String> {
    let mut found = Vec::new();
    for p in procs {
        let mine = socket_inodes(p.pid);
        if mine.is_empty() {
            continue;
        }
        for proto in ["tcp", "tcp6", "udp", "udp6", "raw", "raw6"] {
            // The table of the process's own network namespace.
            let Ok(table) = std::fs::read_to_string(format!("/proc/{}/net/{proto}", p.pid)) else {
                continue;
            };
            for line in table.lines().skip(1) {
                let cols: Vec<&str> = line.split_whitespace().collect();
                let Some(inode) = cols.get(9).and_then(|i| i.parse::<u64>().ok()) else {
                    continue;
                };
                if mine.contains(&inode) {
                    found.push(format!(
                        "{}[{}] {proto} {} -> {}",
                        p.name, p.pid, cols[1], cols[2]
                    ));
                }
            }
        }
    }
    found
}

/// How many sockets of any kind the processes hold (to show the check looked at them).
pub fn socket_count(procs: &[Proc]) -> usize {
    procs.iter().map(|p| socket_inodes(p.pid).len()).sum()
}

/// When `pid` started, in milliseconds since the Unix epoch (to the kernel's clock tick,
/// 10 ms): its start in ticks since boot (`/proc/PID/stat`) set against the time since
/// boot now (`/proc/uptime`) and the wall clock now.
pub fn started_at_epoch_ms(pid: i32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after `(comm)`: state is field 3, starttime field 22.
    let after = &stat[stat.rfind(')')? + 2..];
    let start_ticks: f64 = after.split(' ').nth(19)?.parse().ok()?;
    let ticks_per_s = rustix::param::clock_ticks_per_second() as f64;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs_f64();
    Some((now - uptime + start_ticks / ticks_per_s) * 1000.0)
}
