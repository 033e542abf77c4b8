//! Command tests: the real command handler and the real ACL (`capabilities/`) on Tauri's
//! mock runtime, no display needed. What the UI sends, what it gets back, and the
//! `{code, message}` shape of errors.

use serde_json::{json, Value};
use std::collections::BTreeSet;

use tauri::http::{HeaderMap, HeaderName, HeaderValue};
use tauri::ipc::{CallbackFn, InvokeBody, InvokeResponseBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Listener, Manager, WebviewWindow, WebviewWindowBuilder};

struct Fixture {
    _dir: tempfile::TempDir,
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    db: std::path::PathBuf,
}

fn app_with_db(db: std::path::PathBuf) -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = labinov_app::builder(mock_builder(), db)
        .build(tauri::generate_context!())
        .expect("build the app on the mock runtime");
    let window = match app.get_webview_window("main") {
        Some(w) => w,
        None => WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap(),
    };
    (app, window)
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lab.db");
    let (app, window) = app_with_db(db.clone());
    Fixture {
        _dir: dir,
        _app: app,
        window,
        db,
    }
}

fn call(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}

fn ok(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Value {
    call(window, cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
}

/// What `ui/src/api.ts` sends for a file: the bytes as the raw body, the rest in headers.
fn upload(
    window: &WebviewWindow<MockRuntime>,
    cmd: &str,
    headers: &[(&str, &str)],
    bytes: &[u8],
) -> Result<Value, Value> {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        map.insert(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(value).unwrap(),
        );
    }
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Raw(bytes.to_vec()),
            headers: map,
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}

/// A command that answers with raw bytes (an `ArrayBuffer` in the UI).
fn bytes(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Vec<u8> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    match get_ipc_response(window, request) {
        Ok(InvokeResponseBody::Raw(b)) => b,
        Ok(InvokeResponseBody::Json(j)) => panic!("{cmd} answered JSON, not bytes: {j}"),
        Err(e) => panic!("{cmd} failed: {e}"),
    }
}

fn len(v: &Value) -> usize {
    v.as_array().expect("an array").len()
}

/// The demo lab (37 agencies, 50 ideas) and the id of one of its agencies.
fn demo_lab(window: &WebviewWindow<MockRuntime>, agency_code: &str) -> (String, String) {
    let lab = ok(window, "create_demo_lab", json!({}));
    let lab_id = lab["id"].as_str().unwrap().to_owned();
    let agencies = ok(window, "list_agencies", json!({"labId": lab_id}));
    let agency = agencies
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == agency_code)
        .unwrap_or_else(|| panic!("no agency {agency_code}"));
    (lab_id, agency["id"].as_str().unwrap().to_owned())
}

#[test]
fn capture_an_idea_and_see_it_on_the_board() {
    let f = fixture();
    assert_eq!(ok(&f.window, "list_labs", json!({})), json!([]));
    let lab = ok(
        &f.window,
        "create_lab",
        json!({"input": {
            "name": "Lab Inovasi Kota", "startDate": "2026-11-02", "days": 3, "ideaTarget": 50
        }}),
    );
    let lab_id = lab["id"].as_str().unwrap();
    assert_eq!(lab["timeZone"], "Asia/Jakarta");
    assert_eq!(
        ok(&f.window, "open_lab", json!({"labId": lab_id}))["id"],
        lab_id
    );
    assert_eq!(ok(&f.window, "app_info", json!({}))["lastLabId"], lab_id);

    let demo = ok(&f.window, "create_demo_lab", json!({}));
    let demo_id = demo["id"].as_str().unwrap();
    let agencies = ok(&f.window, "list_agencies", json!({"labId": demo_id}));
    assert_eq!(agencies.as_array().unwrap().len(), 37);
    let dinkes = agencies
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "DINKES")
        .unwrap();

    let idea = ok(
        &f.window,
        "add_idea",
        json!({"labId": demo_id, "input": {
            "agencyId": dinkes["id"], "title": "Skrining TBC Keliling", "proposerName": "dr. Ani"
        }}),
    );
    let idea_id = idea["id"].as_str().unwrap();
    let edited = ok(
        &f.window,
        "update_idea",
        json!({"ideaId": idea_id, "patch": {"problem": "Kasus TBC terlambat ditemukan"}}),
    );
    assert_eq!(edited["problem"], "Kasus TBC terlambat ditemukan");
    assert_eq!(
        ok(&f.window, "get_idea", json!({"ideaId": idea_id}))["proposerName"],
        "dr. Ani"
    );
    assert_eq!(
        ok(&f.window, "idea_history", json!({"ideaId": idea_id}))
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        ok(&f.window, "list_ideas", json!({"labId": demo_id}))
            .as_array()
            .unwrap()
            .len(),
        51
    );

    let board = ok(&f.window, "get_board", json!({"labId": demo_id}));
    assert_eq!(board["ideaCount"], 51);
    let group = board["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["agency"]["code"] == "DINKES")
        .unwrap();
    assert!(group["ideas"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["title"] == "Skrining TBC Keliling"));
}

#[test]
fn a_labs_details_are_edited_and_every_window_told() {
    let f = fixture();
    let (tx, rx) = std::sync::mpsc::channel();
    f.window.listen_any(labinov_app::CHANGED_EVENT, move |e| {
        tx.send(e.payload().to_owned()).ok();
    });
    let lab = ok(
        &f.window,
        "create_lab",
        json!({"input": {
            "name": "Lab Inovasi", "startDate": "2026-11-02", "days": 3, "ideaTarget": 50,
            "timeZone": "Asia/Makassar"
        }}),
    );
    let lab_id = lab["id"].as_str().unwrap();
    rx.recv_timeout(std::time::Duration::from_secs(5)).unwrap();

    let edited = ok(
        &f.window,
        "update_lab",
        json!({"labId": lab_id, "input": {
            "name": "Executive Lab Inovasi Kota Cilegon", "organiser": "Bappedalitbang",
            "city": "Cilegon", "venue": "Aula Setda", "startDate": "2026-11-03", "days": 2,
            "ideaTarget": 40
        }}),
    );
    assert_eq!(edited["id"], lab_id);
    assert_eq!(edited["name"], "Executive Lab Inovasi Kota Cilegon");
    assert_eq!(
        (&edited["days"], &edited["ideaTarget"]),
        (&json!(2), &json!(40))
    );
    assert_eq!(edited["timeZone"], "Asia/Makassar", "no zone sent: kept");
    assert_eq!(ok(&f.window, "open_lab", json!({"labId": lab_id})), edited);
    let event: Value =
        serde_json::from_str(&rx.recv_timeout(std::time::Duration::from_secs(5)).unwrap()).unwrap();
    assert_eq!(
        event,
        json!({"labId": lab_id, "entity": "lab", "entityId": lab_id})
    );
    let history = ok(&f.window, "idea_history", json!({"ideaId": lab_id}));
    assert_eq!(history[1]["op"], "update");
    assert_eq!(history[1]["changes"]["days"], json!({"old": 3, "new": 2}));

    let err = call(
        &f.window,
        "update_lab",
        json!({"labId": lab_id, "input": {
            "name": "Lab", "startDate": "3 November 2026", "days": 2, "ideaTarget": 40
        }}),
    )
    .unwrap_err();
    assert_eq!(
        (&err["code"], &err["field"]),
        (&json!("invalid_input"), &json!("startDate"))
    );
    assert_eq!(ok(&f.window, "open_lab", json!({"labId": lab_id})), edited);
}

#[test]
fn errors_reach_the_ui_as_code_and_message() {
    let f = fixture();
    let err = call(
        &f.window,
        "create_lab",
        json!({"input": {
            "name": "  ", "startDate": "2026-11-02", "days": 3, "ideaTarget": 50
        }}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid_input");
    assert_eq!(err["field"], "name");
    assert!(err["message"].as_str().unwrap().contains("required"));

    let err = call(&f.window, "get_idea", json!({"ideaId": "no-such-idea"})).unwrap_err();
    assert_eq!(err["code"], "not_found");
    assert!(f.db.exists());
}

#[test]
fn a_newer_database_opens_the_window_and_every_command_explains() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lab.db");
    drop(labinov_core::Store::open(&db).unwrap());
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "user_version", labinov_core::SCHEMA_VERSION + 1)
        .unwrap();
    drop(conn);
    let (_app, window) = app_with_db(db);
    let err = call(&window, "list_labs", json!({})).unwrap_err();
    assert_eq!(err["code"], "newer_schema");
}

#[test]
fn writes_notify_every_window() {
    let f = fixture();
    let (tx, rx) = std::sync::mpsc::channel();
    f.window.listen_any(labinov_app::CHANGED_EVENT, move |e| {
        tx.send(e.payload().to_owned()).ok();
    });
    let lab = ok(
        &f.window,
        "create_lab",
        json!({"input": {
            "name": "Lab", "startDate": "2026-11-02", "days": 1, "ideaTarget": 5
        }}),
    );
    let payload: Value =
        serde_json::from_str(&rx.recv_timeout(std::time::Duration::from_secs(5)).unwrap()).unwrap();
    assert_eq!(payload["entity"], "lab");
    assert_eq!(payload["labId"], lab["id"]);
}

#[test]
fn commands_outside_the_acl_are_refused() {
    let f = fixture();
    // A command that is not declared in build.rs / capabilities does not exist for the UI.
    assert!(call(
        &f.window,
        "plugin:fs|read_file",
        json!({"path": "/etc/passwd"})
    )
    .is_err());
    // A window that no capability names cannot call even the declared commands.
    let other = WebviewWindowBuilder::new(&f._app, "stranger", Default::default())
        .build()
        .unwrap();
    let err = call(&other, "list_labs", json!({})).unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");
}

#[test]
fn saving_an_idea_removes_its_draft_in_the_same_transaction() {
    let f = fixture();
    let (lab_id, dinkes) = demo_lab(&f.window, "DINKES");
    let draft_id = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    let typed = json!({"agencyId": dinkes, "title": "Skrining TBC Kel", "problem": "baris 1\n"});
    let saved = ok(
        &f.window,
        "save_draft",
        json!({"draftId": draft_id, "labId": lab_id, "ideaId": null, "fields": typed}),
    );
    assert_eq!(saved["id"], draft_id);
    let drafts = ok(&f.window, "list_drafts", json!({"labId": lab_id}));
    assert_eq!(len(&drafts), 1);
    assert_eq!(drafts[0]["fields"], typed, "kept exactly as typed");
    assert_eq!(drafts[0]["ideaId"], Value::Null);

    // A refused save keeps the draft: the idea and the draft's removal are one write.
    let err = call(
        &f.window,
        "add_idea",
        json!({"labId": lab_id, "input": {"agencyId": dinkes, "title": "  "}, "draftId": draft_id}),
    )
    .unwrap_err();
    assert_eq!(err["field"], "title");
    assert_eq!(
        len(&ok(&f.window, "list_drafts", json!({"labId": lab_id}))),
        1
    );

    let idea = ok(
        &f.window,
        "add_idea",
        json!({"labId": lab_id, "draftId": draft_id, "input": {
            "agencyId": dinkes, "title": "Skrining TBC Keliling", "problem": "baris 1"
        }}),
    );
    assert_eq!(
        len(&ok(&f.window, "list_drafts", json!({"labId": lab_id}))),
        0
    );
    assert_eq!(
        len(&ok(&f.window, "list_ideas", json!({"labId": lab_id}))),
        51
    );

    // The same for an edit typed in a draft of its own.
    let idea_id = idea["id"].as_str().unwrap();
    let edit_draft = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c";
    ok(
        &f.window,
        "save_draft",
        json!({"draftId": edit_draft, "labId": lab_id, "ideaId": idea_id,
               "fields": {"problem": "Kasus TBC terlambat ditemukan"}}),
    );
    let drafts = ok(&f.window, "list_drafts", json!({"labId": lab_id}));
    assert_eq!(drafts[0]["ideaId"], idea_id);
    let edited = ok(
        &f.window,
        "update_idea",
        json!({"ideaId": idea_id, "patch": {"problem": "Kasus TBC terlambat ditemukan"},
               "draftId": edit_draft}),
    );
    assert_eq!(edited["problem"], "Kasus TBC terlambat ditemukan");
    assert_eq!(
        len(&ok(&f.window, "list_drafts", json!({"labId": lab_id}))),
        0
    );
}

#[test]
fn an_import_preview_sent_as_raw_bytes_reports_each_row_and_writes_nothing() {
    let f = fixture();
    let lab = ok(
        &f.window,
        "create_lab",
        json!({"input": {"name": "Lab", "startDate": "2026-11-02", "days": 3, "ideaTarget": 50}}),
    );
    let lab_id = lab["id"].as_str().unwrap();
    let csv = "kode;nama;singkatan\n\
               DINKES;Dinas Kesehatan;Dinkes\n\
               DISHUB;;Dishub\n\
               dinkes;Dinas Kesehatan Lagi;\n\
               DLH;Dinas Lingkungan Hidup;DLH\n";
    let headers = |mode: &'static str| {
        [
            ("lab-id", lab_id),
            ("file-name", "Daftar%20OPD%20Kota.csv"),
            ("import-mode", mode),
        ]
    };
    let report = upload(
        &f.window,
        "import_agencies",
        &headers("preview"),
        csv.as_bytes(),
    )
    .unwrap();
    assert_eq!(report["mode"], "preview");
    assert_eq!(
        (
            &report["total"],
            &report["good"],
            &report["refused"],
            &report["applied"]
        ),
        (&json!(4), &json!(2), &json!(2), &json!(false))
    );
    assert_eq!(report["columnsUsed"], json!(["kode", "nama", "singkatan"]));
    let rows = report["rows"].as_array().unwrap();
    let lines: Vec<u64> = rows.iter().map(|r| r["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [2, 3, 4, 5]);
    let problems: Vec<(u64, &str)> = rows
        .iter()
        .filter_map(|r| Some((r["line"].as_u64()?, r["problems"][0]["field"].as_str()?)))
        .collect();
    assert_eq!(problems, [(3, "name"), (4, "code")]);
    assert_eq!(
        len(&ok(&f.window, "list_agencies", json!({"labId": lab_id}))),
        0,
        "a preview writes nothing"
    );
    let labs = ok(&f.window, "list_labs", json!({}));
    assert_eq!(labs[0]["agencyCount"], 0);

    // All or nothing, with refused rows: nothing. Skipping them: the good rows.
    let report = upload(
        &f.window,
        "import_agencies",
        &headers("all_or_nothing"),
        csv.as_bytes(),
    )
    .unwrap();
    assert_eq!(report["applied"], false);
    assert_eq!(
        len(&ok(&f.window, "list_agencies", json!({"labId": lab_id}))),
        0
    );
    let report = upload(
        &f.window,
        "import_agencies",
        &headers("skip_refused"),
        csv.as_bytes(),
    )
    .unwrap();
    assert_eq!(report["applied"], true);
    let codes: Vec<String> = ok(&f.window, "list_agencies", json!({"labId": lab_id}))
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes, ["DINKES", "DLH"]);
}

#[test]
fn a_refused_idea_reaches_the_caller_as_code_message_and_field() {
    let f = fixture();
    let (lab_id, dinkes) = demo_lab(&f.window, "DINKES");
    let err = call(
        &f.window,
        "add_idea",
        json!({"labId": lab_id, "input": {"agencyId": dinkes, "title": ""}}),
    )
    .unwrap_err();
    let keys: Vec<&String> = err.as_object().expect("an object").keys().collect();
    assert_eq!(keys, ["code", "field", "message", "reason"], "{err}");
    assert_eq!(err["code"], "invalid_input");
    assert_eq!(err["field"], "title");
    assert_eq!(err["message"], "title: is required");
    assert_eq!(err["reason"], json!({"kind": "required"}));

    // The reason carries its parameters, camel case, for the UI's sentence.
    let err = call(
        &f.window,
        "add_idea",
        json!({"labId": lab_id, "input": {"agencyId": dinkes, "title": "x".repeat(501)}}),
    )
    .unwrap_err();
    assert_eq!(
        err["reason"],
        json!({"kind": "tooLong", "length": 501, "max": 500}),
        "{err}"
    );
    let err = call(
        &f.window,
        "add_idea",
        json!({"labId": lab_id, "input": {"agencyId": dinkes, "title": "Ide", "bentuk": "bukan"}}),
    )
    .unwrap_err();
    assert_eq!(err["field"], "bentuk");
    assert_eq!(
        err["reason"],
        json!({"kind": "notAnOption", "value": "bukan", "list": "bentuk"}),
        "{err}"
    );

    let err = call(
        &f.window,
        "add_idea",
        json!({"labId": lab_id, "input": {"title": "Ide Tanpa OPD"}}),
    )
    .unwrap_err();
    assert_eq!(
        (&err["code"], &err["field"]),
        (&json!("invalid_input"), &json!("agencyId"))
    );

    let err = call(
        &f.window,
        "add_idea",
        json!({"labId": "no-such-lab", "input": {"agencyId": dinkes, "title": "Ide"}}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "not_found");
    assert_eq!(err["reason"], Value::Null);
    assert_eq!(
        err["field"],
        Value::Null,
        "present, and null when no field is at fault"
    );
    assert_eq!(
        len(&ok(&f.window, "list_ideas", json!({"labId": lab_id}))),
        50
    );
}

/// The smallest PNG: one transparent pixel.
const PNG_1X1: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

#[test]
fn a_photo_goes_up_as_raw_bytes_and_comes_back_as_bytes() {
    let f = fixture();
    let (lab_id, _) = demo_lab(&f.window, "DINKES");
    let ideas = ok(&f.window, "list_ideas", json!({"labId": lab_id}));
    let idea_id = ideas[0]["id"].as_str().unwrap();
    let headers = |name: &'static str| {
        [
            ("lab-id", lab_id.as_str()),
            ("idea-id", idea_id),
            ("file-name", name),
        ]
    };
    let photo = upload(
        &f.window,
        "add_attachment",
        &headers("flipchart%20hari%201.png"),
        PNG_1X1,
    )
    .unwrap();
    assert_eq!(photo["fileName"], "flipchart hari 1.png", "percent-decoded");
    assert_eq!(photo["mime"], "image/png");
    assert_eq!(photo["size"], PNG_1X1.len());
    assert_eq!(photo["sha256"].as_str().unwrap().len(), 64);
    let listed = ok(&f.window, "list_attachments", json!({"ideaId": idea_id}));
    assert_eq!(listed, json!([photo]));

    let id = photo["id"].as_str().unwrap();
    assert_eq!(
        bytes(
            &f.window,
            "attachment_bytes",
            json!({"attachmentId": id, "full": true})
        ),
        PNG_1X1
    );
    let thumb = bytes(
        &f.window,
        "attachment_bytes",
        json!({"attachmentId": id, "full": false}),
    );
    assert!(thumb.starts_with(&[0xFF, 0xD8, 0xFF]), "a JPEG thumbnail");

    // Not a photo: a clear bad_file on the file field, and nothing attached.
    let err = upload(
        &f.window,
        "add_attachment",
        &headers("notulen.pdf"),
        b"%PDF-1.4 notulen rapat",
    )
    .unwrap_err();
    assert_eq!(err["code"], "bad_file");
    assert_eq!(err["field"], "file");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("only photos can be attached"),
        "{err}"
    );
    assert_eq!(
        len(&ok(
            &f.window,
            "list_attachments",
            json!({"ideaId": idea_id})
        )),
        1
    );
    let err = call(
        &f.window,
        "attachment_bytes",
        json!({"attachmentId": "no-such-photo", "full": true}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "not_found");
}

/// The text of a file of this crate.
fn source(path: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every declared command (`src/commands/list.rs`: the handler and `build.rs`'s ACL list
/// are made from the same declaration, so they cannot differ).
fn declared_commands() -> BTreeSet<String> {
    labinov_app::commands::NAMES
        .iter()
        .map(|c| c.to_string())
        .collect()
}

/// The app's own `allow-*` permissions the main window's capability grants, as command
/// names (`allow-add-idea` → `add_idea`).
fn allowed_commands() -> BTreeSet<String> {
    let capability: Value = serde_json::from_str(&source("capabilities/main-window.json")).unwrap();
    capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| !p.contains(':'))
        .map(|p| {
            p.strip_prefix("allow-")
                .unwrap_or_else(|| panic!("unexpected permission {p}"))
                .replace('-', "_")
        })
        .collect()
}

/// The main window may call every declared command, and nothing else of the app's.
#[test]
fn the_main_window_may_call_every_declared_command() {
    let declared = declared_commands();
    assert!(declared.len() > 40, "declared: {declared:?}");
    let allowed = allowed_commands();
    assert!(
        declared == allowed,
        "not allowed to the main window: {:?}; allowed but not declared: {:?}",
        declared.difference(&allowed).collect::<Vec<_>>(),
        allowed.difference(&declared).collect::<Vec<_>>()
    );
}

/// The names of the declared arguments are the functions' own (the compiler checks their
/// types and order, not their names): a command called without arguments is refused,
/// before it runs, for the first argument it requires, under its declared name in camel
/// case. Commands that require nothing are not called (some open a dialog or a window).
#[test]
fn declared_argument_names_are_the_functions_own() {
    use labinov_app::commands::{client::camel_case, declared, Kind};
    let f = fixture();
    let mut checked = 0;
    for c in declared() {
        if c.kind == Kind::Upload {
            continue; // headers, read by the function from its request
        }
        let Some(first) = c.args.iter().find(|a| !a.ts.ends_with(" | null")) else {
            continue;
        };
        let err = call(&f.window, c.name, json!({})).unwrap_err();
        let key = camel_case(first.name);
        // "invalid args `labId` for command `get_lab`: command get_lab missing required key labId"
        let want = format!("invalid args `{key}` for command `{}`: ", c.name);
        assert!(
            err.as_str().is_some_and(|e| e.starts_with(&want)),
            "{}: the first required argument is not `{key}`: {err}",
            c.name
        );
        checked += 1;
    }
    assert!(checked > 60, "{checked} commands checked");
}

/// The projector window reads the show and the board, and nothing it calls can write.
#[test]
fn the_projector_window_may_read_but_not_write() {
    let f = fixture();
    let lab = ok(&f.window, "create_demo_lab", json!({}));
    let lab_id = lab["id"].as_str().unwrap();
    let projector = WebviewWindowBuilder::new(&f._app, "projector", Default::default())
        .build()
        .unwrap();
    let show = ok(&projector, "show_state", json!({"labId": lab_id}));
    assert_eq!(show["mode"], "wall");
    let page = ok(
        &projector,
        "board_page",
        json!({"labId": lab_id, "query": {"groupBy": "status"}}),
    );
    assert_eq!(page["total"], 50);
    ok(&projector, "lab_stats", json!({"labId": lab_id}));
    ok(&projector, "pitch_session", json!({"labId": lab_id}));
    assert_eq!(
        ok(&projector, "get_lab", json!({"labId": lab_id}))["id"],
        lab_id
    );
    // The ranking itself is not the projector's to read: only what was released.
    let err = call(&projector, "ranking", json!({"labId": lab_id})).unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");
    let results = ok(&projector, "released_results", json!({"labId": lab_id}));
    assert_eq!(results["released"], false);
    let idea_id = page["cards"][0]["id"].as_str().unwrap();
    for (cmd, args) in [
        ("set_show_mode", json!({"labId": lab_id, "mode": "results"})),
        ("start_pitch", json!({"labId": lab_id, "ideaId": idea_id})),
        ("build_pitch_queue", json!({"labId": lab_id})),
        (
            "set_idea_status",
            json!({"ideaId": idea_id, "status": "selected"}),
        ),
        (
            "add_idea_note",
            json!({"ideaId": idea_id, "text": "catatan"}),
        ),
        (
            "add_idea",
            json!({"labId": lab_id, "input": {"agencyId": "a", "title": "t"}}),
        ),
        ("open_projector", json!({})),
        // Opening remembers the lab as the last one: a write, however small.
        ("open_lab", json!({"labId": lab_id})),
    ] {
        // Refused by the ACL, before the command runs.
        let err = call(&projector, cmd, args).unwrap_err();
        assert!(
            err.to_string().contains("not allowed"),
            "{cmd} must be refused to the projector: {err}"
        );
    }
    assert!(
        ok(&projector, "list_idea_notes", json!({"ideaId": idea_id}))
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        ok(&projector, "get_idea", json!({"ideaId": idea_id}))["status"],
        page["cards"][0]["status"],
        "nothing was written"
    );
    // The same write from the main window goes through, and the projector sees it.
    ok(
        &f.window,
        "set_show_mode",
        json!({"labId": lab_id, "mode": "progress"}),
    );
    assert_eq!(
        ok(&projector, "show_state", json!({"labId": lab_id}))["mode"],
        "progress"
    );
}

/// The commands the projector window may call: reads only.
const PROJECTOR_READS: &[&str] = &[
    "app_info",
    "get_lab",
    "list_agencies",
    "list_options",
    "get_agenda",
    "get_idea",
    "list_attachments",
    "attachment_bytes",
    "board_page",
    "lab_stats",
    "show_state",
    "pitch_session",
    "list_idea_notes",
    "get_board",
    "released_results",
    "room_status",
    "shown_questions",
    "idea_followup",
];

/// Every command the projector's capability allows is a read of the list above, and its
/// only other permissions are listening for changes and its own full screen and close.
#[test]
fn the_projector_capability_grants_reads_only() {
    let capability: Value =
        serde_json::from_str(&source("capabilities/projector-window.json")).unwrap();
    assert_eq!(capability["windows"], json!(["projector"]));
    let permissions: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("permissions are named"))
        .collect();
    let core: BTreeSet<&str> = permissions
        .iter()
        .copied()
        .filter(|p| p.contains(':'))
        .collect();
    assert_eq!(
        core,
        BTreeSet::from([
            "core:event:allow-listen",
            "core:event:allow-unlisten",
            "core:window:allow-set-fullscreen",
            "core:window:allow-is-fullscreen",
            "core:window:allow-close",
        ])
    );
    let declared = declared_commands();
    let reads: BTreeSet<String> = PROJECTOR_READS.iter().map(|c| c.to_string()).collect();
    for p in permissions.iter().filter(|p| !p.contains(':')) {
        let command = p
            .strip_prefix("allow-")
            .unwrap_or_else(|| panic!("unexpected permission {p}"))
            .replace('-', "_");
        assert!(
            reads.contains(&command),
            "the projector may not call {command}: not a read"
        );
        assert!(declared.contains(&command), "{command} is not declared");
    }
    assert_eq!(
        permissions.iter().filter(|p| !p.contains(':')).count(),
        PROJECTOR_READS.len(),
        "every read the projector needs is allowed"
    );
}

/// The log folder is `logs/` beside the database, named even when the database could not
/// be opened; the projector may neither ask for it nor open it. (Opening it from the main
/// window starts the file manager, which a test does not do.)
#[test]
fn the_log_folder_is_beside_the_database_and_only_the_main_window_opens_it() {
    let f = fixture();
    let logs = f.db.parent().unwrap().join("logs").display().to_string();
    assert_eq!(ok(&f.window, "log_folder", json!({})), json!(logs));
    let projector = WebviewWindowBuilder::new(&f._app, "projector", Default::default())
        .build()
        .unwrap();
    for cmd in ["log_folder", "open_log_folder"] {
        let err = call(&projector, cmd, json!({})).unwrap_err();
        assert!(
            err.to_string().contains("not allowed"),
            "{cmd} must be refused to the projector: {err}"
        );
    }
    // A file that is not a database: the store is not open, the log folder still named.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("broken.db");
    std::fs::write(&db, vec![7u8; 4096]).unwrap();
    let (_app, window) = app_with_db(db);
    assert_eq!(
        call(&window, "app_info", json!({})).unwrap_err()["code"],
        "not_a_database"
    );
    assert_eq!(
        ok(&window, "log_folder", json!({})),
        json!(dir.path().join("logs").display().to_string())
    );
}

/// The payloads of `labinov:changed` sent while `f` runs, in order.
fn events_of(f: &Fixture, run: impl FnOnce()) -> Vec<Value> {
    let (tx, rx) = std::sync::mpsc::channel();
    let id = f.window.listen_any(labinov_app::CHANGED_EVENT, move |e| {
        tx.send(serde_json::from_str::<Value>(e.payload()).unwrap())
            .ok();
    });
    run();
    // Events are emitted before the command answers; give the listener a moment.
    let mut out = Vec::new();
    while let Ok(e) = rx.recv_timeout(std::time::Duration::from_millis(300)) {
        out.push(e);
    }
    f.window.unlisten(id);
    out
}

#[test]
fn show_and_pitch_commands_tell_every_window() {
    let f = fixture();
    let (lab_id, _) = demo_lab(&f.window, "DINKES");
    let lab = lab_id.as_str();
    let entities = |events: &[Value]| -> Vec<String> {
        events
            .iter()
            .map(|e| {
                assert_eq!(e["labId"], lab);
                e["entity"].as_str().unwrap().to_owned()
            })
            .collect()
    };

    let events = events_of(&f, || {
        let show = ok(
            &f.window,
            "set_show_mode",
            json!({"labId": lab, "mode": "progress"}),
        );
        assert_eq!(show["mode"], "progress");
    });
    assert_eq!(entities(&events), ["show"]);
    assert_eq!(events[0]["entityId"], lab);

    // Reads tell nobody.
    let events = events_of(&f, || {
        ok(&f.window, "show_state", json!({"labId": lab}));
        ok(&f.window, "pitch_session", json!({"labId": lab}));
        ok(
            &f.window,
            "board_page",
            json!({"labId": lab, "query": {"groupBy": "agency", "limit": 5}}),
        );
        ok(&f.window, "lab_stats", json!({"labId": lab}));
    });
    assert!(events.is_empty(), "{events:?}");

    let mut first = String::new();
    let events = events_of(&f, || {
        let session = ok(&f.window, "build_pitch_queue", json!({"labId": lab}));
        assert_eq!(len(&session["slots"]), 50);
        assert_eq!(session["timer"]["durationMs"], 300_000);
        first = session["slots"][0]["ideaId"].as_str().unwrap().to_owned();
    });
    assert_eq!(entities(&events), ["pitch"]);

    // Starting a pitch changes the queue and the show: both are told.
    let events = events_of(&f, || {
        let session = ok(
            &f.window,
            "start_pitch",
            json!({"labId": lab, "ideaId": first}),
        );
        assert_eq!(session["current"], first.as_str());
        assert_eq!(session["slots"][0]["state"], "current");
        assert_eq!(session["timer"]["running"], true);
    });
    assert_eq!(entities(&events), ["pitch", "show"]);
    let show = ok(&f.window, "show_state", json!({"labId": lab}));
    assert_eq!(
        (&show["mode"], &show["spotlightIdeaId"]),
        (&json!("spotlight"), &json!(first))
    );

    // A note and a kanban move are changes to the idea.
    let events = events_of(&f, || {
        let note = ok(
            &f.window,
            "add_idea_note",
            json!({"ideaId": first, "text": "Perlu data pendukung"}),
        );
        assert_eq!(note["ideaId"], first.as_str());
        let moved = ok(
            &f.window,
            "set_idea_status",
            json!({"ideaId": first, "status": "reviewed"}),
        );
        assert_eq!(moved["status"], "reviewed");
    });
    assert_eq!(entities(&events), ["idea", "idea"]);
    assert!(events.iter().all(|e| e["entityId"] == first.as_str()));
    let notes = ok(&f.window, "list_idea_notes", json!({"ideaId": first}));
    assert_eq!(notes[0]["text"], "Perlu data pendukung");

    // Arguments as the UI sends them; a refused value names its field.
    ok(
        &f.window,
        "set_spotlight",
        json!({"labId": lab, "ideaId": null}),
    );
    ok(
        &f.window,
        "set_show_theme",
        json!({"labId": lab, "theme": "light"}),
    );
    ok(
        &f.window,
        "set_results_released",
        json!({"labId": lab, "released": true}),
    );
    let show = ok(&f.window, "show_state", json!({"labId": lab}));
    assert_eq!(
        (
            &show["spotlightIdeaId"],
            &show["theme"],
            &show["resultsReleased"]
        ),
        (&Value::Null, &json!("light"), &json!(true))
    );
    ok(
        &f.window,
        "shuffle_pitch_queue",
        json!({"labId": lab, "seed": 2_147_483_647u64}),
    );
    ok(
        &f.window,
        "move_pitch_slot",
        json!({"labId": lab, "ideaId": first, "toPosition": 3}),
    );
    for cmd in ["pause_pitch", "resume_pitch", "finish_pitch"] {
        ok(&f.window, cmd, json!({"labId": lab}));
    }
    ok(
        &f.window,
        "skip_pitch",
        json!({"labId": lab, "ideaId": first}),
    );
    let session = ok(
        &f.window,
        "requeue_pitch",
        json!({"labId": lab, "ideaId": first}),
    );
    assert_eq!(session["slots"][3]["state"], "waiting");
    let err = call(
        &f.window,
        "set_pitch_duration",
        json!({"labId": lab, "durationMs": 1000}),
    )
    .unwrap_err();
    assert_eq!(
        (&err["code"], &err["field"]),
        (&json!("invalid_input"), &json!("durationMs"))
    );
    let page = ok(
        &f.window,
        "board_page",
        json!({"labId": lab, "query": {"groupBy": "status", "text": "posyandu", "sort": "title"}}),
    );
    let snippet = page["cards"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains('\u{E000}'), "{snippet}");
}

/// `open_projector` opens the second window (or brings it forward) under the label the
/// projector's capability names.
#[test]
fn open_projector_opens_one_projector_window() {
    let f = fixture();
    assert!(f._app.get_webview_window("projector").is_none());
    ok(&f.window, "open_projector", json!({}));
    let projector = f
        ._app
        .get_webview_window("projector")
        .expect("a projector window");
    ok(&f.window, "open_projector", json!({}));
    assert_eq!(
        f._app
            .webview_windows()
            .keys()
            .filter(|l| *l == "projector")
            .count(),
        1
    );
    // It reads, and may not write.
    ok(&projector, "app_info", json!({}));
    let err = call(&projector, "create_demo_lab", json!({})).unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");
}

/// Blind mode holds through the commands, not only in the UI: a reviewer asking for an
/// idea's reviews gets none of the others' until they submitted their own.
#[test]
fn blind_review_is_enforced_by_the_commands() {
    let f = fixture();
    let lab = ok(&f.window, "create_demo_lab", json!({}));
    let lab_id = lab["id"].as_str().unwrap();
    let idea = ok(&f.window, "list_ideas", json!({"labId": lab_id}))[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reviewer = |name: &str| {
        ok(
            &f.window,
            "add_person",
            json!({"labId": lab_id, "input": {"name": name, "role": "reviewer"}}),
        )["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (a, b) = (reviewer("Prof. A"), reviewer("Dr. B"));
    let rubric = ok(&f.window, "rubric", json!({"labId": lab_id}));
    let scores: Vec<Value> = rubric
        .as_array()
        .unwrap()
        .iter()
        .map(|c| json!({"criterion": c["code"], "score": 4}))
        .collect();
    let input =
        json!({"scores": scores, "comment": "Bagus", "recommendation": "continue", "submit": true});
    ok(
        &f.window,
        "save_review",
        json!({"labId": lab_id, "ideaId": idea, "reviewerId": a, "input": input}),
    );
    let seen = ok(
        &f.window,
        "idea_reviews",
        json!({"ideaId": idea, "reviewerId": b}),
    );
    assert_eq!(
        (
            seen["others"].as_array().unwrap().len(),
            seen["hidden"].as_u64()
        ),
        (0, Some(1))
    );
    ok(
        &f.window,
        "save_review",
        json!({"labId": lab_id, "ideaId": idea, "reviewerId": b, "input": input}),
    );
    let seen = ok(
        &f.window,
        "idea_reviews",
        json!({"ideaId": idea, "reviewerId": b}),
    );
    assert_eq!(seen["others"][0]["reviewerName"], "Prof. A");
    let ranking = ok(&f.window, "ranking", json!({"labId": lab_id}));
    assert_eq!(ranking[0]["ideaId"], idea.as_str());
    assert_eq!(ranking[0]["mean"], 80.0);
}

#[test]
fn an_export_reports_each_step_writes_its_files_and_changes_nothing() {
    let f = fixture();
    let (lab_id, _) = demo_lab(&f.window, "SETDA");
    let out = tempfile::tempdir().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let id = f.window.listen_any(
        labinov_app::commands::export::EXPORT_PROGRESS_EVENT,
        move |e| {
            tx.send(serde_json::from_str::<Value>(e.payload()).unwrap())
                .ok();
        },
    );
    let changed = events_of(&f, || {
        let report = ok(
            &f.window,
            "export_lab",
            json!({"labId": lab_id, "dest": out.path(), "options": {"formats": ["csv", "json"], "lang": "en"}}),
        );
        let names: Vec<&str> = report["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["ide-inovasi.csv", "data.json", "SHA256SUMS"]);
        assert!(report["files"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["verified"] == true));
        let folder = std::path::Path::new(report["folder"].as_str().unwrap());
        assert!(folder.join("data.json").is_file());
    });
    assert!(changed.is_empty(), "an export writes nothing: {changed:?}");
    let mut steps = Vec::new();
    while let Ok(e) = rx.recv_timeout(std::time::Duration::from_millis(300)) {
        steps.push(e);
    }
    f.window.unlisten(id);
    let names: Vec<&str> = steps.iter().map(|s| s["step"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "snapshot",
            "ide-inovasi.csv",
            "data.json",
            "SHA256SUMS",
            "finish"
        ]
    );
    assert!(steps.iter().all(|s| s["total"] == 5));

    // A stick that is not there any more.
    let err = call(
        &f.window,
        "export_lab",
        json!({"labId": lab_id, "dest": out.path().join("gone"), "options": {"formats": [], "lang": "id"}}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "drive_removed", "{err}");
    // The drive list answers (what it holds depends on the machine).
    assert!(ok(&f.window, "list_drives", json!({})).is_array());
}

#[test]
fn a_bundle_is_previewed_merged_and_a_backup_restored_through_the_commands() {
    // Another laptop's lab, as a bundle.
    let other = tempfile::tempdir().unwrap();
    let bundle = other.path().join("cilegon.labinov");
    {
        let s = labinov_core::Store::open(other.path().join("other.db")).unwrap();
        let lab = labinov_core::demo::create_demo_lab(&s).unwrap();
        s.write_bundle(&lab.id, &bundle).unwrap();
    }
    let fx = fixture();
    let path = bundle.display().to_string();
    let preview = ok(&fx.window, "preview_bundle", json!({"path": path}));
    assert_eq!(preview["applied"], false);
    assert_eq!(preview["labIsNew"], true);
    let lab_id = preview["labId"].as_str().unwrap().to_owned();
    let n = len(&preview["newIdeas"]);
    assert!(n > 0);
    assert_eq!(
        len(&ok(&fx.window, "list_labs", json!({}))),
        0,
        "a preview writes nothing"
    );
    let merged = ok(&fx.window, "merge_bundle", json!({"path": path}));
    assert_eq!(merged["applied"], true);
    assert_eq!(
        len(&ok(&fx.window, "list_ideas", json!({"labId": lab_id}))),
        n
    );
    assert_eq!(
        len(&ok(&fx.window, "list_conflicts", json!({"labId": lab_id}))),
        0
    );
    // A file that is not a bundle: a plain error code, nothing changed.
    let text = other.path().join("catatan.labinov");
    std::fs::write(&text, "bukan bundel").unwrap();
    let err = call(
        &fx.window,
        "merge_bundle",
        json!({"path": text.display().to_string()}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "bad_file");
    let err = call(&fx.window, "restore_conflict", json!({"conflictId": 12345})).unwrap_err();
    assert_eq!(err["code"], "not_found");

    // Backups: a snapshot (as the shell's background task takes it), a change, a restore.
    assert_eq!(len(&ok(&fx.window, "list_backups", json!({}))), 0);
    let snap = labinov_core::Store::open(&fx.db)
        .unwrap()
        .snapshot(20)
        .unwrap();
    let backups = ok(&fx.window, "list_backups", json!({}));
    assert_eq!(backups[0]["name"], snap.name.as_str());
    let idea = ok(&fx.window, "list_ideas", json!({"labId": lab_id}))[0].clone();
    let id = idea["id"].as_str().unwrap();
    ok(&fx.window, "delete_idea", json!({"ideaId": id}));
    assert_eq!(
        len(&ok(&fx.window, "list_ideas", json!({"labId": lab_id}))),
        n - 1
    );
    let before = ok(&fx.window, "restore_backup", json!({"name": snap.name}));
    assert_ne!(
        before["name"],
        snap.name.as_str(),
        "the state before is kept as a backup"
    );
    assert_eq!(
        len(&ok(&fx.window, "list_ideas", json!({"labId": lab_id}))),
        n
    );
    assert_eq!(len(&ok(&fx.window, "list_backups", json!({}))), 2);
    let err = call(&fx.window, "restore_backup", json!({"name": "../lab.db"})).unwrap_err();
    assert_eq!(err["code"], "invalid_input");
}

#[test]
fn attendance_is_ticked_counted_and_told_and_report_settings_refuse_a_bad_nip() {
    let f = fixture();
    let (lab_id, _) = demo_lab(&f.window, "DINKES");
    let lab = lab_id.as_str();
    let agenda = ok(&f.window, "get_agenda", json!({"labId": lab}));
    let session = agenda[0]["id"].as_str().unwrap().to_owned();
    let before = ok(&f.window, "attendance_counts", json!({"labId": lab}));
    let guest = json!({"name": "Tamu dari LAN", "agencyId": null, "present": true});
    let events = events_of(&f, || {
        let a = ok(
            &f.window,
            "set_attendance",
            json!({"labId": lab, "sessionId": session, "input": guest}),
        );
        assert_eq!(
            (a["name"].clone(), a["present"].clone()),
            (json!("Tamu dari LAN"), json!(true))
        );
    });
    // A tick tells the windows about attendance, not the whole lab.
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["entity"], "attendance");
    assert_eq!(events[0]["entityId"], session.as_str());
    let after = ok(&f.window, "attendance_counts", json!({"labId": lab}));
    assert_eq!(
        after["perSession"][0]["present"].as_u64().unwrap(),
        before["perSession"][0]["present"].as_u64().unwrap() + 1
    );
    // The same tick again changes nothing.
    ok(
        &f.window,
        "set_attendance",
        json!({"labId": lab, "sessionId": session, "input": guest}),
    );
    assert_eq!(
        ok(&f.window, "attendance_counts", json!({"labId": lab})),
        after
    );

    let err = call(
        &f.window,
        "set_report_settings",
        json!({"labId": lab, "input": {"signerNip": "1975"}}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid_input");
    assert_eq!(err["field"], "signerNip");
    assert_eq!(err["reason"], json!({"kind": "nipDigits", "length": 4}));
    let saved = ok(
        &f.window,
        "set_report_settings",
        json!({"labId": lab, "input": {"signerNip": "19750812 200312 1 004", "signPlace": "Cilegon"}}),
    );
    assert_eq!(saved["signerNip"], "197508122003121004");
    assert_eq!(
        ok(&f.window, "report_settings", json!({"labId": lab}))["signPlace"],
        "Cilegon"
    );
}

/// The room for phones through the commands: off by default; opened on a chosen address
/// of this machine (loopback here), with its address, join code, QR code and count; a
/// phone's proposal and question moderated from the main window; closed by the command
/// and when another lab is opened. The projector may read its status and the approved
/// questions, and nothing else of the room.
#[test]
fn the_room_opens_on_a_chosen_address_and_its_queue_is_moderated() {
    let f = fixture();
    let lab = ok(&f.window, "create_demo_lab", json!({}));
    let lab_id = lab["id"].as_str().unwrap().to_owned();
    let status = ok(&f.window, "room_status", json!({"labId": lab_id}));
    assert_eq!(status["open"], false, "off by default");
    let addresses = ok(&f.window, "room_addresses", json!({}));
    let loopback = addresses
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["loopback"] == true)
        .expect("a loopback address is offered")["ip"]
        .as_str()
        .unwrap()
        .to_owned();
    // Not this machine's address, or every interface: refused.
    for address in ["0.0.0.0", "203.0.113.9", "bukan alamat"] {
        let err = call(
            &f.window,
            "open_room",
            json!({"labId": lab_id, "address": address, "port": 0, "askName": false}),
        )
        .unwrap_err();
        assert_eq!(
            err["reason"]["kind"], "addressUnavailable",
            "{address}: {err}"
        );
    }
    let open = ok(
        &f.window,
        "open_room",
        json!({"labId": lab_id, "address": loopback, "port": 0, "askName": false}),
    );
    assert_eq!(open["open"], true);
    let url = open["url"].as_str().unwrap().to_owned();
    assert!(url.starts_with(&format!("http://{loopback}:")), "{url}");
    let code = open["joinCode"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 6);
    assert!(open["qrSvg"].as_str().unwrap().contains("<svg"));
    assert_eq!(open["joined"], 0);

    // A phone joins and sends an idea and a question over HTTP.
    let authority = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let phone = |method: &str, path: &str, token: Option<&str>, body: Value| -> Value {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(&authority).unwrap();
        let body = body.to_string();
        let auth = token
            .map(|t| format!("Authorization: Bearer {t}\r\n"))
            .unwrap_or_default();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: {authority}\r\nX-Labinov-Room: 1\r\n{auth}\
             Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut answer = String::new();
        s.read_to_string(&mut answer).unwrap();
        let json = answer.split("\r\n\r\n").nth(1).unwrap_or("");
        serde_json::from_str(json).unwrap_or_else(|_| panic!("{answer}"))
    };
    let agencies = ok(&f.window, "list_agencies", json!({"labId": lab_id}));
    let agency = agencies[0]["id"].as_str().unwrap();
    let joined = phone(
        "POST",
        "/api/join",
        None,
        json!({"code": code, "agencyId": agency}),
    );
    let token = joined["token"].as_str().expect("joined").to_owned();
    let sent = phone(
        "POST",
        "/api/proposals",
        Some(&token),
        json!({"submissionId": "0190a6a0-0000-7000-8000-000000000001", "title": "Antar obat ke rumah lansia"}),
    );
    assert_eq!(sent["new"], true, "{sent}");
    phone(
        "POST",
        "/api/questions",
        Some(&token),
        json!({"submissionId": "0190a6a0-0000-7000-8000-000000000002", "text": "Siapa yang mengantar?"}),
    );
    let status = ok(&f.window, "room_status", json!({"labId": lab_id}));
    assert_eq!(status["joined"], 1);
    assert_eq!(status["pendingProposals"], 1);
    assert_eq!(status["pendingQuestions"], 1);

    // Moderation from the main window.
    let queue = ok(&f.window, "list_proposals", json!({"labId": lab_id}));
    let proposal = queue[0]["id"].as_str().unwrap().to_owned();
    let idea = ok(
        &f.window,
        "accept_proposal",
        json!({"proposalId": proposal, "edit": null}),
    );
    assert_eq!(idea["title"], "Antar obat ke rumah lansia");
    let history = ok(&f.window, "idea_history", json!({"ideaId": idea["id"]}));
    assert!(history
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["changes"].get("fromPhone").is_some()));
    let err = call(
        &f.window,
        "reject_proposal",
        json!({"proposalId": proposal}),
    )
    .unwrap_err();
    assert_eq!(err["reason"]["kind"], "alreadyDecided");
    let questions = ok(&f.window, "list_questions", json!({"labId": lab_id}));
    let question = questions[0]["id"].as_str().unwrap().to_owned();
    let approved = ok(
        &f.window,
        "moderate_question",
        json!({"questionId": question, "decision": "approved"}),
    );
    assert_eq!(approved["state"], "approved");

    // The projector reads the status and the approved questions, nothing else of the room.
    let projector = WebviewWindowBuilder::new(&f._app, "projector", Default::default())
        .build()
        .unwrap();
    assert_eq!(
        ok(&projector, "room_status", json!({"labId": lab_id}))["joinCode"],
        code
    );
    let shown = ok(&projector, "shown_questions", json!({"labId": lab_id}));
    assert_eq!(shown.as_array().unwrap().len(), 1);
    for (cmd, args) in [
        ("list_proposals", json!({"labId": lab_id})),
        ("list_questions", json!({"labId": lab_id})),
        ("close_room", json!({"labId": lab_id})),
        (
            "accept_proposal",
            json!({"proposalId": proposal, "edit": null}),
        ),
        (
            "moderate_question",
            json!({"questionId": question, "decision": "hidden"}),
        ),
        ("room_addresses", json!({})),
    ] {
        let err = call(&projector, cmd, args).unwrap_err();
        assert!(err.to_string().contains("not allowed"), "{cmd}: {err}");
    }

    // Closed: the service stops and the phone's session ends.
    let closed = ok(&f.window, "close_room", json!({"labId": lab_id}));
    assert_eq!(closed["open"], false);
    assert!(
        std::net::TcpStream::connect(&authority).is_err(),
        "the socket is closed"
    );

    // Opening another lab closes the room too.
    ok(
        &f.window,
        "open_room",
        json!({"labId": lab_id, "address": loopback, "port": 0, "askName": true}),
    );
    let other = ok(
        &f.window,
        "create_lab",
        json!({"input": {"name": "Lab lain", "startDate": "2026-12-01", "days": 1, "ideaTarget": 5}}),
    );
    ok(&f.window, "open_lab", json!({"labId": other["id"]}));
    assert_eq!(
        ok(&f.window, "room_status", json!({"labId": lab_id}))["open"],
        false
    );
}

/// A minimal whole PDF (evidence must end with `%%EOF`).
const PDF_MINI: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// One idea's follow-up through the commands: the plan, a partner, steps moved by
/// position, a milestone, an update with its evidence up as raw bytes and back, a coach
/// note, the IID checklist and estimate, the board, and each write told to every window
/// with the follow-up entity it wrote. The projector may read the plan, not write it.
#[test]
fn an_ideas_followup_is_planned_monitored_and_told_through_the_commands() {
    let f = fixture();
    let (lab_id, dinkes) = demo_lab(&f.window, "DINKES");
    let agencies = ok(&f.window, "list_agencies", json!({"labId": lab_id}));
    let setda = agencies
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "SETDA")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let ideas = ok(&f.window, "list_ideas", json!({"labId": lab_id}));
    let idea_id = ideas[0]["id"].as_str().unwrap().to_owned();
    let lab = lab_id.as_str();
    let idea = idea_id.as_str();

    let events = events_of(&f, || {
        let plan = ok(
            &f.window,
            "save_followup_plan",
            json!({"labId": lab, "ideaId": idea, "agencyId": dinkes, "responsible": "dr. Sari, Kabid Yankes"}),
        );
        assert_eq!(plan["agencyId"], dinkes.as_str());
        let partner = ok(
            &f.window,
            "add_partner",
            json!({"labId": lab, "ideaId": idea, "agencyId": setda, "role": "regulasi"}),
        );
        assert_eq!(partner["role"], "regulasi");
    });
    let entities: Vec<&str> = events
        .iter()
        .map(|e| {
            assert_eq!(e["labId"], lab);
            assert_eq!(e["entityId"], idea);
            e["entity"].as_str().unwrap()
        })
        .collect();
    assert_eq!(entities, ["followup_plan", "followup_partner"]);

    // Twice the same partner: refused at its field, by reason.
    let err = call(
        &f.window,
        "add_partner",
        json!({"labId": lab, "ideaId": idea, "agencyId": setda, "role": ""}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid_input");
    assert_eq!(err["field"], "agencyId");

    let step = |title: &str, due: &str| {
        ok(
            &f.window,
            "add_step",
            json!({"labId": lab, "ideaId": idea, "input": {
                "title": title, "owner": "Seksi Yankes", "startDate": "2027-01-04",
                "dueDate": due, "status": "berjalan", "note": ""
            }}),
        )
    };
    let s1 = step("Susun SOP", "2027-01-29");
    let s2 = step("Uji coba di 3 puskesmas", "2027-03-31");
    assert_eq!(
        (s1["position"].as_u64(), s2["position"].as_u64()),
        (Some(1), Some(2))
    );
    // Due before start: refused at the due date.
    let err = call(
        &f.window,
        "edit_step",
        json!({"labId": lab, "stepId": s1["id"], "input": {
            "title": "Susun SOP", "startDate": "2027-02-01", "dueDate": "2027-01-29"
        }}),
    )
    .unwrap_err();
    assert_eq!(err["field"], "dueDate", "{err}");
    let edited = ok(
        &f.window,
        "edit_step",
        json!({"labId": lab, "stepId": s1["id"], "input": {
            "title": "Susun SOP layanan", "startDate": "4/1/2027", "dueDate": "2027-01-29", "status": "selesai"
        }}),
    );
    assert_eq!(
        edited["startDate"], "2027-01-04",
        "dates as typed, normalised"
    );
    assert_eq!(edited["status"], "selesai");
    let moved = ok(
        &f.window,
        "move_step",
        json!({"labId": lab, "stepId": s2["id"], "position": 1}),
    );
    let order: Vec<&str> = moved
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["Uji coba di 3 puskesmas", "Susun SOP layanan"]);

    let m = ok(
        &f.window,
        "set_milestone",
        json!({"labId": lab, "ideaId": idea, "stage": "uji_coba", "plannedDate": "2027-02-01", "actualDate": ""}),
    );
    assert_eq!(m["plannedDate"], "2027-02-01");
    assert_eq!(m["actualDate"], Value::Null);

    let update = ok(
        &f.window,
        "add_progress_update",
        json!({"labId": lab, "ideaId": idea, "input": {
            "date": "2027-02-10", "done": "SOP disahkan", "stage": "uji_coba", "percent": 40
        }}),
    );
    let update_id = update["id"].as_str().unwrap();
    let evidence = upload(
        &f.window,
        "add_evidence",
        &[
            ("lab-id", lab),
            ("idea-id", idea),
            ("update-id", update_id),
            ("file-name", "SK%20Kepala%20Dinas.pdf"),
        ],
        PDF_MINI,
    )
    .unwrap();
    assert_eq!(evidence["fileName"], "SK Kepala Dinas.pdf");
    assert_eq!(evidence["mime"], "application/pdf");
    assert_eq!(evidence["updateId"], update_id);
    let ev_id = evidence["id"].as_str().unwrap();
    assert_eq!(
        bytes(&f.window, "evidence_bytes", json!({"evidenceId": ev_id})),
        PDF_MINI
    );
    // A copy into a folder, never over a file there.
    let folder = tempfile::tempdir().unwrap();
    for want in ["SK Kepala Dinas.pdf", "SK Kepala Dinas (2).pdf"] {
        let saved = ok(
            &f.window,
            "save_evidence_copy",
            json!({"ideaId": idea, "evidenceId": ev_id, "dest": folder.path()}),
        );
        assert_eq!(saved, json!(folder.path().join(want).display().to_string()));
        assert_eq!(std::fs::read(folder.path().join(want)).unwrap(), PDF_MINI);
    }
    // A PNG named as a PDF lies about its type; no update id: the idea's own.
    let err = upload(
        &f.window,
        "add_evidence",
        &[
            ("lab-id", lab),
            ("idea-id", idea),
            ("update-id", ""),
            ("file-name", "laporan.pdf"),
        ],
        PNG_1X1,
    )
    .unwrap_err();
    assert_eq!(err["code"], "bad_file", "{err}");
    let photo = upload(
        &f.window,
        "add_evidence",
        &[
            ("lab-id", lab),
            ("idea-id", idea),
            ("update-id", ""),
            ("file-name", "foto.png"),
        ],
        PNG_1X1,
    )
    .unwrap();
    assert_eq!(photo["updateId"], Value::Null);

    let note = ok(
        &f.window,
        "add_coach_note",
        json!({"labId": lab, "ideaId": idea, "date": "2027-02-12", "coach": "Pak Budi", "text": "Perlu SK"}),
    );
    assert_eq!(note["coach"], "Pak Budi");

    let whole = ok(&f.window, "idea_followup", json!({"ideaId": idea}));
    assert_eq!(whole["plan"]["responsible"], "dr. Sari, Kabid Yankes");
    assert_eq!(len(&whole["partners"]), 1);
    assert_eq!(len(&whole["steps"]), 2);
    assert_eq!(len(&whole["updates"]), 1);
    assert_eq!(len(&whole["coachNotes"]), 1);
    assert_eq!(len(&whole["evidence"]), 2);
    assert_eq!(
        len(&ok(&f.window, "list_evidence", json!({"ideaId": idea}))),
        2
    );

    // The IID checklist: a parameter with its evidence counts in the estimate.
    let checklist = ok(&f.window, "iid_checklist", json!({"ideaId": idea}));
    let config = ok(&f.window, "iid_config", json!({"labId": lab}));
    assert_eq!(len(&checklist), len(&config["indicators"]));
    let indicator = checklist[0]["indicator"].as_str().unwrap();
    let before = ok(&f.window, "iid_estimate", json!({"ideaId": idea}));
    assert_eq!(before["isEstimate"], true);
    let answer = ok(
        &f.window,
        "set_iid_answer",
        json!({"labId": lab, "ideaId": idea, "indicator": indicator, "parameter": 2, "evidence": [ev_id]}),
    );
    assert_eq!(answer["evidence"], json!([ev_id]));
    let after = ok(&f.window, "iid_estimate", json!({"ideaId": idea}));
    assert!(
        after["score"].as_f64() > before["score"].as_f64(),
        "{after}"
    );
    let err = call(
        &f.window,
        "set_iid_answer",
        json!({"labId": lab, "ideaId": idea, "indicator": "no-such", "parameter": null, "evidence": []}),
    )
    .unwrap_err();
    assert_eq!(err["field"], "indicator");
    let by_agency = ok(&f.window, "iid_estimates_by_agency", json!({"labId": lab}));
    let dinkes_row = by_agency
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["agencyId"] == dinkes.as_str())
        .unwrap();
    assert!(dinkes_row["ideas"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["ideaId"] == idea));
    let saved = ok(
        &f.window,
        "save_iid_config",
        json!({"labId": lab, "config": config}),
    );
    assert_eq!(saved, config);

    // The board as of a given day: the open step due before it is overdue.
    let board = ok(
        &f.window,
        "followup_board",
        json!({"labId": lab, "today": "2027-04-15"}),
    );
    assert_eq!(board["today"], "2027-04-15");
    let row = board["ideas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["ideaId"] == idea)
        .unwrap();
    assert_eq!(row["percent"], 40);
    assert!(board["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["id"] == s2["id"]));
    let err = call(
        &f.window,
        "followup_board",
        json!({"labId": lab, "today": "kemarin"}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid_input");

    let history = ok(&f.window, "followup_history", json!({"ideaId": idea}));
    assert!(len(&history) >= 8, "{history}");

    // The projector reads the plan; it may not write it.
    let projector = WebviewWindowBuilder::new(&f._app, "projector", Default::default())
        .build()
        .unwrap();
    assert_eq!(
        ok(&projector, "idea_followup", json!({"ideaId": idea}))["ideaId"],
        idea
    );
    let err = call(
        &projector,
        "add_step",
        json!({"labId": lab, "ideaId": idea, "input": {"title": "x"}}),
    )
    .unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");

    // Removals, each told.
    let events = events_of(&f, || {
        ok(
            &f.window,
            "remove_evidence",
            json!({"labId": lab, "evidenceId": photo["id"]}),
        );
        ok(
            &f.window,
            "remove_coach_note",
            json!({"labId": lab, "noteId": note["id"]}),
        );
        ok(
            &f.window,
            "remove_step",
            json!({"labId": lab, "stepId": s1["id"]}),
        );
        ok(
            &f.window,
            "remove_partner",
            json!({"labId": lab, "partnerId": whole["partners"][0]["id"]}),
        );
        ok(
            &f.window,
            "remove_progress_update",
            json!({"labId": lab, "updateId": update_id}),
        );
    });
    let entities: Vec<&str> = events
        .iter()
        .map(|e| e["entity"].as_str().unwrap())
        .collect();
    assert_eq!(
        entities,
        [
            "followup_evidence",
            "followup_coach_note",
            "followup_step",
            "followup_partner",
            "followup_update"
        ]
    );
    let whole = ok(&f.window, "idea_followup", json!({"ideaId": idea}));
    assert_eq!(len(&whole["steps"]), 1);
    assert_eq!(len(&whole["coachNotes"]), 0);
    assert_eq!(len(&whole["updates"]), 0);
    let err = call(
        &f.window,
        "evidence_bytes",
        json!({"evidenceId": "no-such-file"}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "not_found");
}

/// Agencies' workbooks through the commands: one XLSX per agency leading an idea into a
/// folder, read back as a preview that writes nothing and an import that writes in one
/// transaction (a workbook returned unchanged adds nothing), the choices sent by key;
/// a file that is not a workbook refused by code.
#[test]
fn followup_workbooks_are_written_to_a_folder_previewed_and_imported() {
    let f = fixture();
    let (lab_id, dinkes) = demo_lab(&f.window, "DINKES");
    let ideas = ok(&f.window, "list_ideas", json!({"labId": lab_id}));
    let idea = ideas
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["agencyId"] == dinkes.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(
        &f.window,
        "add_step",
        json!({"labId": lab_id, "ideaId": idea, "input": {"title": "Susun SOP", "dueDate": "2027-01-29"}}),
    );
    let out = tempfile::tempdir().unwrap();
    let changed = events_of(&f, || {
        let files = ok(
            &f.window,
            "export_followup_workbooks",
            json!({"labId": lab_id, "dest": out.path()}),
        );
        assert!(len(&files) > 1, "{files}");
        for file in files.as_array().unwrap() {
            let p = std::path::Path::new(file.as_str().unwrap());
            assert_eq!(p.parent(), Some(out.path()));
            assert!(p.extension().is_some_and(|e| e == "xlsx"), "{p:?}");
        }
    });
    assert!(changed.is_empty(), "writing workbooks changes nothing here");
    let file = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let report = ok(
                &f.window,
                "preview_followup_workbook",
                json!({"path": p, "choices": []}),
            );
            report["agencyId"] == dinkes.as_str()
        })
        .expect("a workbook for DINKES");

    let choices = json!([{"key": "step/none/title", "take": "theirs"}]);
    let preview = ok(
        &f.window,
        "preview_followup_workbook",
        json!({"path": file, "choices": choices}),
    );
    assert_eq!(preview["applied"], false);
    assert_eq!(preview["labId"], lab_id.as_str());
    for list in ["newSteps", "newUpdates", "changes", "conflicts", "refused"] {
        assert_eq!(len(&preview[list]), 0, "{list}: {preview}");
    }
    let events = events_of(&f, || {
        let done = ok(
            &f.window,
            "import_followup_workbook",
            json!({"path": file, "choices": choices}),
        );
        assert_eq!(done["applied"], true);
    });
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["labId"], lab_id.as_str());
    assert_eq!(events[0]["entity"], "lab");

    let not_xlsx = out.path().join("catatan.xlsx");
    std::fs::write(&not_xlsx, b"not a spreadsheet").unwrap();
    let err = call(
        &f.window,
        "preview_followup_workbook",
        json!({"path": not_xlsx, "choices": []}),
    )
    .unwrap_err();
    // Refused at the file, with a reason the UI words (here: not a spreadsheet).
    assert_eq!(err["field"], "file", "{err}");
    assert_eq!(err["reason"]["kind"], "wrongFileType", "{err}");
    let err = call(
        &f.window,
        "export_followup_workbooks",
        json!({"labId": lab_id, "dest": out.path().join("gone")}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid_input", "{err}");
}
