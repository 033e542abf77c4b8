//! The participant service through real HTTP on loopback: what phones do, and what is
//! refused.

mod common;

use std::collections::HashMap;
use std::io::Write;
use std::time::Duration;

use common::{open, uuid};
use labinov_core::{IdeaInput, ProposalState, QuestionState};
use labinov_room::RoomConfig;
use reqwest::Method;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_joins_sends_an_idea_asks_and_votes() {
    let room = open(RoomConfig::default()).await;
    // The lobby, with the code as typed on a phone.
    let lobby = room
        .post(
            "/api/lobby",
            None,
            json!({"code": room.code.to_lowercase()}),
        )
        .await;
    assert_eq!(lobby.status, 200, "{}", lobby.body);
    assert_eq!(lobby.body["labName"], "Labinov Kota Cilegon");
    assert_eq!(lobby.body["agencies"].as_array().unwrap().len(), 2);
    let token = room.join().await;
    assert_eq!(
        room.store
            .room_opening(&room.lab_id)
            .unwrap()
            .unwrap()
            .joined,
        1
    );

    let wall = room.get("/api/wall", Some(&token)).await;
    assert_eq!(wall.status, 200);
    assert_eq!(wall.body["agencyName"], "Dinas Kesehatan");
    assert!(wall.body["vote"].is_null());

    // An idea, with a photo.
    let sub = uuid();
    let photo = {
        let img = image::RgbImage::from_pixel(16, 9, image::Rgb([10, 120, 200]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        base64_encode(&out.into_inner())
    };
    let body = json!({
        "submissionId": sub,
        "title": "Puskesmas tanpa antre",
        "problem": "Antrean panjang",
        "description": "Daftar lewat pesan singkat",
        "photo": {"name": "papan.png", "data": photo},
    });
    let sent = room
        .post("/api/proposals", Some(&token), body.clone())
        .await;
    assert_eq!(sent.status, 201, "{}", sent.body);
    assert_eq!(sent.body["new"], true);
    assert_eq!(sent.body["state"], "pending");
    // The answer was lost: sent again, the same proposal.
    let again = room.post("/api/proposals", Some(&token), body).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.body["new"], false);
    let queue = room.store.list_proposals(&room.lab_id).unwrap();
    assert_eq!(queue.len(), 1);
    assert!(room.store.list_ideas(&room.lab_id).unwrap().is_empty());

    // The facilitator accepts it: an idea whose history says it came from a phone.
    let idea = room.store.accept_proposal(&queue[0].id, None).unwrap();
    assert_eq!(idea.fields.title, "Puskesmas tanpa antre");
    assert_eq!(room.store.list_attachments(&idea.id).unwrap().len(), 1);
    assert!(room
        .store
        .history(&idea.id)
        .unwrap()
        .iter()
        .any(|h| h.changes.get("fromPhone").is_some()));
    let wall = room.get("/api/wall", Some(&token)).await;
    assert_eq!(wall.body["proposals"][0]["state"], "accepted");

    // A question during the pitch, approved, +1 by another phone once.
    room.store.build_pitch_queue(&room.lab_id).unwrap();
    room.store.start_pitch(&room.lab_id, &idea.id).unwrap();
    let q = room
        .post(
            "/api/questions",
            Some(&token),
            json!({"submissionId": uuid(), "text": "Berapa biayanya?"}),
        )
        .await;
    assert_eq!(q.status, 201, "{}", q.body);
    let qid = q.body["id"].as_str().unwrap().to_owned();
    let other = room.join().await;
    let w = room.get("/api/wall", Some(&other)).await;
    assert_eq!(w.body["pitch"]["title"], "Puskesmas tanpa antre");
    assert!(
        w.body["questions"].as_array().unwrap().is_empty(),
        "not approved yet"
    );
    let early = room
        .post(
            &format!("/api/questions/{qid}/plus-one"),
            Some(&other),
            json!({}),
        )
        .await;
    assert_eq!(early.status, 422);
    assert_eq!(early.reason(), Some("questionNotShown"));
    room.store
        .moderate_question(&qid, QuestionState::Approved)
        .unwrap();
    for _ in 0..2 {
        let p = room
            .post(
                &format!("/api/questions/{qid}/plus-one"),
                Some(&other),
                json!({}),
            )
            .await;
        assert_eq!(p.status, 200, "{}", p.body);
        assert_eq!(p.body["plusOnes"], 1);
    }
    assert_eq!(
        room.store.shown_questions(&room.lab_id).unwrap()[0].plus_ones,
        1
    );

    // A vote: once per phone, no tally while open.
    let second = room
        .store
        .add_idea(
            &room.lab_id,
            IdeaInput {
                agency_id: room.agency_id.clone(),
                title: "Ide kedua".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let round = room
        .store
        .open_vote_round(&room.lab_id, 3, &[idea.id.clone(), second.id.clone()])
        .unwrap();
    let w = room.get("/api/wall", Some(&token)).await;
    assert_eq!(w.body["vote"]["dots"], 3);
    assert_eq!(w.body["vote"]["voted"], false);
    assert!(w.body.to_string().find("\"dots\":3").is_some());
    assert!(!w.body.to_string().contains("tally"));
    let ballot = json!({"roundId": round.id, "dots": {idea.id.clone(): 2, second.id.clone(): 1}});
    let v = room.post("/api/ballot", Some(&token), ballot.clone()).await;
    assert_eq!(v.status, 201, "{}", v.body);
    let v2 = room.post("/api/ballot", Some(&token), ballot).await;
    assert_eq!(v2.status, 422);
    assert_eq!(v2.reason(), Some("alreadyVoted"));
    let too_many = room
        .post(
            "/api/ballot",
            Some(&other),
            json!({"roundId": round.id, "dots": {idea.id.clone(): 4}}),
        )
        .await;
    assert_eq!(too_many.reason(), Some("dotsRange"));
    let results = room.store.close_vote_round(&round.id).unwrap();
    let dots: HashMap<_, _> = results
        .iter()
        .map(|r| (r.idea_id.clone(), r.dots))
        .collect();
    assert_eq!((dots[&idea.id], dots[&second.id]), (2, 1));
    room.server.shutdown().await;
}

fn base64_encode(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resend_over_a_dropped_connection_or_after_joining_again_is_one_proposal() {
    let room = open(RoomConfig::default()).await;
    let token = room.join().await;
    let sub = uuid();
    let body = json!({"submissionId": sub, "title": "Sampah jadi kompos"}).to_string();
    // The phone sends, and the connection drops before any answer is read.
    {
        let addr = room.server.local_addr();
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        write!(
            s,
            "POST /api/proposals HTTP/1.1\r\nHost: {addr}\r\nX-Labinov-Room: 1\r\n\
             Authorization: Bearer {token}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        s.flush().unwrap();
        s.shutdown(std::net::Shutdown::Both).unwrap();
    }
    // It comes back and sends again (the first copy may or may not have been stored).
    let again = room
        .post(
            "/api/proposals",
            Some(&token),
            serde_json::from_str(&body).unwrap(),
        )
        .await;
    assert!(matches!(again.status, 200 | 201), "{}", again.body);
    // The room was closed and opened again: the phone joins again and resends.
    let opening = room.store.open_room(&room.lab_id, false).unwrap();
    let stale = room.get("/api/wall", Some(&token)).await;
    assert_eq!(stale.status, 401);
    assert_eq!(stale.reason(), Some("notJoined"));
    let rejoined = room
        .post(
            "/api/join",
            None,
            json!({"code": opening.join_code, "agencyId": room.agency_id}),
        )
        .await;
    let token = rejoined.body["token"].as_str().unwrap().to_owned();
    let third = room
        .post(
            "/api/proposals",
            Some(&token),
            serde_json::from_str(&body).unwrap(),
        )
        .await;
    assert_eq!(third.status, 200, "{}", third.body);
    assert_eq!(third.body["new"], false);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let all = room.store.list_proposals(&room.lab_id).unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].state, ProposalState::Pending);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_that_lost_its_token_joins_again_as_itself_and_cannot_vote_twice() {
    let room = open(RoomConfig::default()).await;
    let idea = room.idea("Antre puskesmas dari rumah");
    let other = room.idea("Bank sampah sekolah");
    let round = room
        .store
        .open_vote_round(&room.lab_id, 2, &[idea.clone(), other])
        .unwrap();
    let device = uuid();
    let join = |device: String| {
        room.post(
            "/api/join",
            None,
            json!({"code": room.code, "agencyId": room.agency_id, "deviceId": device}),
        )
    };
    let first = join(device.clone()).await;
    assert_eq!(first.status, 201, "{}", first.body);
    assert_eq!(first.body["rejoined"], false);
    let token = first.body["token"].as_str().unwrap().to_owned();
    let ballot = json!({"roundId": round.id, "dots": {idea.clone(): 2}});
    let v = room.post("/api/ballot", Some(&token), ballot.clone()).await;
    assert_eq!(v.status, 201, "{}", v.body);

    // The phone's page lost its token (storage cleared by the browser, a 401 after the
    // room was reopened); its device id is still there.
    let again = join(device.clone()).await;
    assert_eq!(again.status, 201, "{}", again.body);
    assert_eq!(again.body["rejoined"], true);
    let token2 = again.body["token"].as_str().unwrap().to_owned();
    assert_eq!(room.get("/api/wall", Some(&token)).await.status, 401);
    let w = room.get("/api/wall", Some(&token2)).await;
    assert_eq!(w.body["vote"]["voted"], true, "{}", w.body);
    let v2 = room
        .post("/api/ballot", Some(&token2), ballot.clone())
        .await;
    assert_eq!(v2.status, 422, "{}", v2.body);
    assert_eq!(v2.reason(), Some("alreadyVoted"));

    // A device id that is not a UUID is refused in the page's terms.
    let bad = join("<script>".into()).await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert_eq!(bad.reason(), Some("submissionId"));
    assert_eq!(
        room.store
            .room_opening(&room.lab_id)
            .unwrap()
            .unwrap()
            .joined,
        1
    );
    let results = room.store.close_vote_round(&round.id).unwrap();
    let on_idea = results.iter().find(|r| r.idea_id == idea).unwrap();
    assert_eq!(on_idea.dots, 2, "one ballot");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_without_a_valid_code_or_token_are_refused() {
    let room = open(RoomConfig::default()).await;
    let wrong = if room.code == "222222" {
        "333333"
    } else {
        "222222"
    };
    let a = room.post("/api/lobby", None, json!({"code": wrong})).await;
    assert_eq!((a.status, a.reason()), (403, Some("joinCodeWrong")));
    let a = room
        .post(
            "/api/join",
            None,
            json!({"code": wrong, "agencyId": room.agency_id}),
        )
        .await;
    assert_eq!((a.status, a.reason()), (403, Some("joinCodeWrong")));
    assert_eq!(
        room.store
            .room_opening(&room.lab_id)
            .unwrap()
            .unwrap()
            .joined,
        0
    );
    for token in [None, Some("abc"), Some(&*"f".repeat(64))] {
        let a = room.get("/api/wall", token).await;
        assert_eq!(
            (a.status, a.reason()),
            (401, Some("notJoined")),
            "{token:?}"
        );
        let a = room
            .post(
                "/api/proposals",
                token,
                json!({"submissionId": uuid(), "title": "x"}),
            )
            .await;
        assert_eq!(a.status, 401);
    }
    assert!(room.store.list_proposals(&room.lab_id).unwrap().is_empty());
    // Closed in the app: the service refuses the phone at once.
    let token = room.join().await;
    room.store.close_room(&room.lab_id).unwrap();
    assert_eq!(room.get("/api/wall", Some(&token)).await.status, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_outside_the_participant_api_is_served() {
    let room = open(RoomConfig::default()).await;
    let token = room.join().await;
    for path in [
        "/api/ideas",
        "/api/reviews",
        "/api/people",
        "/api/export",
        "/api/proposals/list",
        "/api/lab",
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/lab.db",
        "/index.html",
        "/assets/app.js",
        "/api/wall/../../lab.db",
    ] {
        let a = room.get(path, Some(&token)).await;
        assert_eq!(a.status, 404, "{path}");
        assert_eq!(a.code(), Some("not_found"), "{path}");
    }
    // A route with another method: not found either.
    let a = room
        .call(Method::DELETE, "/api/wall", Some(&token), None)
        .await;
    assert_eq!(a.status, 404);
    let a = room.get("/api/proposals", Some(&token)).await;
    assert_eq!(a.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_requests_other_hosts_and_oversized_bodies_are_refused() {
    let room = open(RoomConfig::default()).await;
    let token = room.join().await;
    let url = format!("{}/api/wall", room.base);
    // Without the room's header (a plain cross-site form or fetch).
    let a = common::answer(
        room.http
            .get(&url)
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((a.status, a.code()), (403, Some("cross_site")));
    // From another origin, or a browser saying it is cross-site.
    for (name, value) in [
        ("Origin", "http://evil.example"),
        ("Origin", "null"),
        ("Sec-Fetch-Site", "cross-site"),
        ("Sec-Fetch-Site", "same-site"),
    ] {
        let res = room
            .http
            .get(&url)
            .bearer_auth(&token)
            .header("X-Labinov-Room", "1")
            .header(name, value)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 403, "{name}: {value}");
    }
    let same = room
        .http
        .get(&url)
        .bearer_auth(&token)
        .header("X-Labinov-Room", "1")
        .header("Origin", &room.base)
        .header("Sec-Fetch-Site", "same-origin")
        .send()
        .await
        .unwrap();
    assert_eq!(same.status().as_u16(), 200);
    // Another name for the address (DNS rebinding).
    let a = room
        .http
        .get(&url)
        .bearer_auth(&token)
        .header("X-Labinov-Room", "1")
        .header("Host", "evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(a.status().as_u16(), 421);
    // Bodies over the limits: a question of 20 KiB, a proposal of 5 MiB.
    let big = room
        .post(
            "/api/questions",
            Some(&token),
            json!({"submissionId": uuid(), "text": "a".repeat(20 << 10)}),
        )
        .await;
    assert_eq!((big.status, big.code()), (413, Some("too_large")));
    // A proposal announcing 5 MiB is refused before its body is read (a client still
    // sending then finds the connection closed: here the headers alone are sent).
    {
        use std::io::Read;
        let addr = room.server.local_addr();
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        write!(
            s,
            "POST /api/proposals HTTP/1.1\r\nHost: {addr}\r\nX-Labinov-Room: 1\r\n\
             Authorization: Bearer {token}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n",
            5 << 20
        )
        .unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut head = [0u8; 12];
        s.read_exact(&mut head).unwrap();
        assert_eq!(&head, b"HTTP/1.1 413", "{}", String::from_utf8_lossy(&head));
    }
    assert!(room.store.list_proposals(&room.lab_id).unwrap().is_empty());
    assert!(room.store.list_questions(&room.lab_id).unwrap().is_empty());
    // Not JSON, unknown fields, not a photo.
    let a = room
        .call(Method::POST, "/api/questions", Some(&token), None)
        .await;
    assert!(matches!(a.status, 400 | 415 | 422), "{}", a.status);
    let a = room
        .post(
            "/api/questions",
            Some(&token),
            json!({"submissionId": uuid(), "text": "x", "admin": true}),
        )
        .await;
    assert_eq!(a.status, 422);
    let a = room
        .post(
            "/api/proposals",
            Some(&token),
            json!({"submissionId": uuid(), "title": "x", "photo": {"name": "a.jpg", "data": "TVo="}}),
        )
        .await;
    assert_eq!((a.status, a.reason()), (422, Some("notAPhoto")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_from_one_phone_is_slowed_down() {
    let config = RoomConfig {
        burst: 10,
        per_second: 1,
        ..RoomConfig::default()
    };
    let room = open(config).await;
    let token = room.join().await;
    let mut statuses = Vec::new();
    for _ in 0..60 {
        statuses.push(room.get("/api/wall", Some(&token)).await.status);
    }
    let limited = statuses.iter().filter(|&&s| s == 429).count();
    assert!(limited >= 20, "{statuses:?}");
    assert!(statuses[..8].iter().all(|&s| s == 200), "{statuses:?}");
    let a = room.get("/api/wall", Some(&token)).await;
    assert_eq!(a.code(), Some("rate_limited"));
    // It recovers once the phone slows down.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(room.get("/api/wall", Some(&token)).await.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_text_is_stored_as_typed_and_answered_as_json_only() {
    let room = open(RoomConfig::default()).await;
    let token = room.join().await;
    let hostile = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "=HYPERLINK(\"http://evil.example\",\"klik\")",
        "'; DROP TABLE idea; --",
        "Layanan 🚀 ramah disabilitas ✓",
        "مرحبا بالعالم — שלום",
        "</script><script>alert(2)</script>",
        "{{TEXTS}}",
    ];
    for text in hostile {
        let a = room
            .post(
                "/api/proposals",
                Some(&token),
                json!({"submissionId": uuid(), "title": text, "problem": text}),
            )
            .await;
        assert_eq!(a.status, 201, "{text}: {}", a.body);
        assert_eq!(a.body["title"], text, "answered as JSON text, exactly");
        assert_eq!(
            a.headers["content-type"].to_str().unwrap(),
            "application/json"
        );
        assert_eq!(a.headers["x-content-type-options"], "nosniff");
        let q = room
            .post(
                "/api/questions",
                Some(&token),
                json!({"submissionId": uuid(), "text": text}),
            )
            .await;
        assert_eq!(q.status, 201);
    }
    let stored = room.store.list_proposals(&room.lab_id).unwrap();
    let mut titles: Vec<_> = stored.iter().map(|p| p.title.as_str()).collect();
    titles.sort();
    let mut expected = hostile.to_vec();
    expected.sort();
    assert_eq!(titles, expected);
    // Control characters are refused with the field named, nothing stored.
    let a = room
        .post(
            "/api/proposals",
            Some(&token),
            json!({"submissionId": uuid(), "title": "bel\u{7}"}),
        )
        .await;
    assert_eq!((a.status, a.reason()), (422, Some("controlCharacter")));
    assert_eq!(a.body["field"], "title");
    assert_eq!(
        room.store.list_proposals(&room.lab_id).unwrap().len(),
        hostile.len()
    );
    // The page itself echoes nothing a phone sent.
    let page = room
        .http
        .get(format!("{}/", room.base))
        .send()
        .await
        .unwrap();
    let html = page.text().await.unwrap();
    assert!(!html.contains("alert("));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_carry_a_strict_csp_and_no_framing_and_fit_the_budget() {
    let room = open(RoomConfig::default()).await;
    let mut total = 0;
    for (path, kind) in [
        ("/", "text/html"),
        ("/app.js", "text/javascript"),
        ("/app.css", "text/css"),
    ] {
        let res = room
            .http
            .get(format!("{}{path}", room.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 200, "{path}");
        let h = res.headers().clone();
        assert!(h["content-type"].to_str().unwrap().starts_with(kind));
        let csp = h["content-security-policy"].to_str().unwrap();
        for part in [
            "default-src 'none'",
            "script-src 'self'",
            "frame-ancestors 'none'",
            "connect-src 'self'",
        ] {
            assert!(csp.contains(part), "{csp}");
        }
        assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"));
        assert_eq!(h["x-frame-options"], "DENY");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "no-referrer");
        total += res.bytes().await.unwrap().len();
    }
    assert!(total < labinov_room::PAGE_BUDGET, "{total} bytes");
    assert_eq!(total, labinov_room::page_bytes());
    // Refusals carry the headers too.
    let res = room
        .http
        .get(format!("{}/nope", room.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-frame-options"], "DENY");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_binds_one_address_and_stops_when_closed() {
    let any = labinov_room::start(
        common::open(RoomConfig::default()).await.store.clone(),
        "lab",
        "0.0.0.0:0".parse().unwrap(),
        RoomConfig::default(),
    )
    .await;
    assert!(matches!(any, Err(labinov_room::StartError::Unspecified(_))));
    let any6 = labinov_room::start(
        common::open(RoomConfig::default()).await.store.clone(),
        "lab",
        "[::]:0".parse().unwrap(),
        RoomConfig::default(),
    )
    .await;
    assert!(any6.is_err());

    let room = open(RoomConfig::default()).await;
    let addr = room.server.local_addr();
    assert!(addr.ip().is_loopback());
    assert_eq!(room.server.url(), format!("http://{addr}/"));
    assert!(room
        .server
        .join_url(&room.code)
        .ends_with(&format!("/#{}", room.code)));
    // Another local address on the same port answers nothing.
    let other: std::net::SocketAddr = format!("127.0.0.2:{}", addr.port()).parse().unwrap();
    assert!(
        std::net::TcpStream::connect_timeout(&other, Duration::from_secs(1)).is_err(),
        "only the chosen address listens"
    );
    assert!(std::net::TcpStream::connect(addr).is_ok());
    room.server.shutdown().await;
    assert!(
        std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_err(),
        "closed means closed"
    );
}

#[test]
fn the_join_qr_code_is_an_svg_of_the_address() {
    let svg = labinov_room::qr_svg("http://192.168.43.1:41234/#ABC234");
    assert!(svg.contains("<svg"));
    assert!(svg.contains("</svg>"));
    assert!(svg.len() > 500);
    assert_ne!(
        svg,
        labinov_room::qr_svg("http://192.168.43.1:41234/#ABC235")
    );
}

#[test]
fn the_interface_list_offers_ipv4_addresses_with_loopback_last() {
    let list = labinov_room::interface_addresses().unwrap();
    assert!(list.iter().all(|a| a.ip.is_ipv4()));
    assert!(list.iter().any(|a| a.loopback), "{list:?}");
    let first_loopback = list.iter().position(|a| a.loopback).unwrap();
    assert!(list[first_loopback..].iter().all(|a| a.loopback));
}

/// Chromium for the page check, if installed (`chromium` is in scripts/deps.sh).
fn chromium() -> Option<std::path::PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(std::path::PathBuf::from)
        .find(|p| p.exists())
}

/// The participant page driven as a participant does, in headless Chromium at a phone's
/// size with touch (`scripts/room-check.mjs`): join from the QR code's address, send an
/// idea with a photo, lose the Wi-Fi while sending a second (it waits on the phone and is
/// sent once when the connection is back), ask about the pitch, vote, lose the token and
/// join again as the same phone (the vote remembered), switch to English. axe-core finds
/// no serious or critical violation in any view, every touch target is at least 44 px,
/// nothing but the service is requested, and the laptop holds exactly what was sent.
/// Screenshots `room-phone-*.png` in `target/room-screenshots/` to look at.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_participant_page_on_a_phone_in_a_real_browser() {
    let Some(chromium) = chromium() else {
        eprintln!(
            "SKIPPED: Chromium is not installed; the participant page is not checked in a browser"
        );
        return;
    };
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let axe = root.join("ui/node_modules/axe-core/axe.min.js");
    if !axe.exists()
        || std::process::Command::new("node")
            .arg("--version")
            .output()
            .is_err()
    {
        eprintln!("SKIPPED: node or ui/node_modules/axe-core is missing (npm ci in ui/)");
        return;
    }
    let room = open(RoomConfig::default()).await;
    let ideas = [
        room.idea("Posyandu digital"),
        room.idea("Bank sampah sekolah"),
    ];
    room.store.build_pitch_queue(&room.lab_id).unwrap();
    room.store.start_pitch(&room.lab_id, &ideas[0]).unwrap();
    let round = room.store.open_vote_round(&room.lab_id, 3, &ideas).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("kamera.png");
    image::RgbImage::from_fn(2400, 1800, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, 90])
    })
    .save(&photo)
    .unwrap();
    let shots = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
        .join("room-screenshots");
    // The service answers on this test's runtime while node drives the browser.
    let mut check = std::process::Command::new("node");
    check
        .arg(root.join("scripts/room-check.mjs"))
        .arg(&room.base)
        .arg(&room.code)
        .arg(&axe)
        .arg(&chromium)
        .arg(&photo)
        .arg(&shots);
    let out = tokio::task::spawn_blocking(move || check.output())
        .await
        .unwrap()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let alive = std::net::TcpStream::connect(room.server.local_addr()).map(|_| ());
    assert!(
        out.status.success(),
        "{stdout}\n{stderr}\nthe service answers now: {alive:?}"
    );
    let summary: serde_json::Value =
        serde_json::from_str(stdout.lines().last().unwrap_or("")).unwrap();
    eprintln!("{summary}");
    assert_eq!(
        summary["steps"],
        json!([
            "lobby",
            "joined",
            "ideaSent",
            "queuedOffline",
            "sentWhenBack",
            "asked",
            "voted",
            "rejoinedAsItself",
            "english"
        ])
    );
    assert_eq!(summary["external"], json!([]));
    assert_eq!(summary["errors"], json!([]));
    assert_eq!(summary["violations"], json!([]));
    assert_eq!(summary["targets"], json!([]));
    let bytes = summary["bytes"].as_u64().unwrap() as usize;
    assert!(
        bytes > 0 && bytes < labinov_room::PAGE_BUDGET,
        "the first load downloaded {bytes} bytes"
    );

    // The laptop holds what the phone sent, once each, and one ballot.
    let proposals = room.store.list_proposals(&room.lab_id).unwrap();
    let mut titles: Vec<&str> = proposals.iter().map(|p| p.title.as_str()).collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            "Antrean puskesmas lewat pesan singkat",
            "Kartu parkir untuk pasar"
        ]
    );
    let with_photo = proposals
        .iter()
        .find(|p| p.photo.is_some())
        .expect("a photo");
    assert_eq!(with_photo.title, "Antrean puskesmas lewat pesan singkat");
    let questions = room.store.list_questions(&room.lab_id).unwrap();
    assert_eq!(questions.len(), 1);
    assert_eq!(questions[0].idea_id.as_deref(), Some(ideas[0].as_str()));
    let results = room.store.close_vote_round(&round.id).unwrap();
    let dots: HashMap<_, _> = results
        .iter()
        .map(|r| (r.idea_id.clone(), r.dots))
        .collect();
    assert_eq!((dots[&ideas[0]], dots[&ideas[1]]), (2, 1));
    assert_eq!(
        room.store
            .room_opening(&room.lab_id)
            .unwrap()
            .unwrap()
            .joined,
        1
    );
}

/// The service answers new connections for as long as the room is open, not only in its
/// first seconds (it once stopped listening two seconds after it started: a phone that
/// scanned the code later met a refused connection).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_keeps_listening_while_the_room_is_open() {
    let room = open(RoomConfig::default()).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let w = room
        .post("/api/lobby", None, json!({"code": room.code}))
        .await;
    assert_eq!(w.status, 200, "{}", w.body);
}
