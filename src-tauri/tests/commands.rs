//! Command tests: the real command handler and the real ACL (`capabilities/`) on Tauri's
//! mock runtime, no display needed. What the UI sends, what it gets back, and the
//! `{code, message}` shape of errors.

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
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
