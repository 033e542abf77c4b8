//! With the room open, the only listening socket of the process is on the chosen
//! address; with it closed, there is none. One test in its own binary, so no other test
//! of this crate listens meanwhile. It reads the kernel's tables (`/proc/net/tcp{,6}`)
//! and the process's own file descriptors (`/proc/self/fd`), so it runs where they exist
//! (Linux); `http.rs` checks the same from outside on every system (another local
//! address on the same port answers nothing).

mod common;

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use labinov_room::RoomConfig;

/// The process's socket inodes.
fn my_sockets() -> HashSet<u64> {
    std::fs::read_dir("/proc/self/fd")
        .unwrap()
        .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
        .filter_map(|l| {
            let s = l.to_string_lossy().into_owned();
            s.strip_prefix("socket:[")?.strip_suffix(']')?.parse().ok()
        })
        .collect()
}

/// `/proc/net/tcp*`'s address: hex IP (32-bit words in host order), hex port.
fn parse_addr(s: &str, v6: bool) -> SocketAddr {
    let (ip, port) = s.split_once(':').unwrap();
    let port = u16::from_str_radix(port, 16).unwrap();
    let words: Vec<u32> = (0..ip.len() / 8)
        .map(|i| u32::from_str_radix(&ip[i * 8..i * 8 + 8], 16).unwrap())
        .collect();
    let ip = if v6 {
        let mut b = [0u8; 16];
        for (i, w) in words.iter().enumerate() {
            b[i * 4..i * 4 + 4].copy_from_slice(&w.to_ne_bytes());
        }
        IpAddr::V6(Ipv6Addr::from(b))
    } else {
        IpAddr::V4(Ipv4Addr::from(words[0].to_ne_bytes()))
    };
    SocketAddr::new(ip, port)
}

/// The listening TCP sockets of this process.
fn my_listeners() -> Vec<SocketAddr> {
    let mine = my_sockets();
    let mut out = Vec::new();
    for (file, v6) in [("/proc/net/tcp", false), ("/proc/net/tcp6", true)] {
        let Ok(table) = std::fs::read_to_string(file) else {
            continue;
        };
        for line in table.lines().skip(1) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            // local_address, rem_address, st (0A = LISTEN), ..., inode (10th column).
            if cols.len() > 9 && cols[3] == "0A" && mine.contains(&cols[9].parse().unwrap_or(0)) {
                out.push(parse_addr(cols[1], v6));
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_only_listening_socket_is_on_the_chosen_address() {
    if !std::path::Path::new("/proc/net/tcp").exists() {
        eprintln!("no /proc/net/tcp on this system: checked from outside in http.rs");
        return;
    }
    assert_eq!(my_listeners(), Vec::<SocketAddr>::new(), "closed: none");
    let room = common::open(RoomConfig::default()).await;
    let addr = room.server.local_addr();
    // A phone's connection is open meanwhile: still one listener.
    let token = room.join().await;
    assert_eq!(room.get("/api/wall", Some(&token)).await.status, 200);
    assert_eq!(my_listeners(), vec![addr]);
    room.server.shutdown().await;
    assert_eq!(
        my_listeners(),
        Vec::<SocketAddr>::new(),
        "closed again: none"
    );
}
