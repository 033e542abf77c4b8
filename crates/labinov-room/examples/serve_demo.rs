//! Serves the demo lab's room on loopback, to look at the participant page in a browser:
//! `cargo run -p labinov-room --example serve_demo -- [PORT] [SECONDS]` prints the join
//! address (with its code) and stops by itself after SECONDS (default 120).

use std::sync::Arc;
use std::time::Duration;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args = std::env::args().skip(1);
    let port: u16 = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    let seconds: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(120);
    let dir = tempfile::tempdir().expect("a temp folder");
    let store =
        Arc::new(labinov_core::Store::open(dir.path().join("demo.db")).expect("a database"));
    let lab = labinov_core::demo::create_demo_lab(&store).expect("the demo lab");
    let opening = store.open_room(&lab.id, false).expect("the room opens");
    let server = labinov_room::start(
        store.clone(),
        &lab.id,
        ([127, 0, 0, 1], port).into(),
        labinov_room::RoomConfig::default(),
    )
    .await
    .expect("the service starts");
    println!("{}", server.join_url(&opening.join_code));
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    server.shutdown().await;
}
