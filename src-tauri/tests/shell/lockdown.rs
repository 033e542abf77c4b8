//! The shell, locked down: what the webview may reach is fixed in files, and these tests
//! fail the moment one of them grants more.
//!
//! - Capabilities: each window's permissions are the app's own `allow-<command>` for a
//!   declared command (`src/commands/list.rs`, read through `labinov_app::commands`), plus
//!   an explicit short list of core permissions (events; full screen and close for the
//!   projector). No plugin permission (`fs:`,
//!   `shell:`, `http:`, `dialog:` ...), no `core:default`, no remote URLs, and only the
//!   capability files `tauri.conf.json` names.
//! - Plugins: the only one the app registers is the native file dialog, called from Rust
//!   (export's folder picker); the webview gets none of its commands (checked on the mock
//!   runtime with the real ACL). No shell, HTTP, file-system, opener or updater plugin is
//!   a dependency of the app or of the UI.
//! - Opening a folder in the file manager: only the log folder, from Rust (the `open`
//!   crate, called in one place), by a command that takes nothing from the webview.
//! - `tauri.conf.json`: a CSP that allows only the app's own files and the IPC channel,
//!   no global Tauri object, no dev server or other URL anywhere, the frontend served from
//!   the embedded `ui/dist`.
//! - The Tauri crates in `Cargo.lock` are at or past the versions that fixed the known
//!   advisories (see `MIN_VERSIONS`).

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindowBuilder};

fn read(path: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn json_file(path: &str) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every command the app declares (`src/commands/list.rs`: the handler, `build.rs`'s ACL
/// list and the UI's client are made from it).
fn declared_commands() -> BTreeSet<String> {
    labinov_app::commands::NAMES
        .iter()
        .map(|c| c.to_string())
        .collect()
}

/// The core permissions a window may have besides the app's own commands.
const CORE_ALLOWED: &[(&str, &[&str])] = &[
    (
        "main-window",
        &["core:event:allow-listen", "core:event:allow-unlisten"],
    ),
    (
        "projector-window",
        &[
            "core:event:allow-listen",
            "core:event:allow-unlisten",
            "core:window:allow-set-fullscreen",
            "core:window:allow-is-fullscreen",
            "core:window:allow-close",
        ],
    ),
];

#[test]
fn capabilities_grant_only_declared_commands_and_a_few_core_permissions() {
    let conf = json_file("tauri.conf.json");
    let listed: BTreeSet<String> = conf["app"]["security"]["capabilities"]
        .as_array()
        .expect("tauri.conf.json lists its capabilities explicitly")
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    let files: BTreeSet<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
    assert_eq!(
        files,
        listed.iter().map(|c| format!("{c}.json")).collect(),
        "every capability file is listed in tauri.conf.json and no other exists"
    );
    let declared = declared_commands();
    assert!(declared.len() > 40, "declared: {declared:?}");
    for (id, core) in CORE_ALLOWED {
        let cap = json_file(&format!("capabilities/{id}.json"));
        assert_eq!(cap["identifier"], json!(id));
        let keys: BTreeSet<&str> = cap
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let allowed_keys = BTreeSet::from(["identifier", "description", "windows", "permissions"]);
        assert!(
            keys.is_subset(&allowed_keys),
            "{id}: unexpected keys {:?} (remote URLs, platforms, webviews ...)",
            keys.difference(&allowed_keys).collect::<Vec<_>>()
        );
        let windows = cap["windows"].as_array().unwrap();
        assert_eq!(windows.len(), 1, "{id}: one window");
        assert!(
            !windows[0].as_str().unwrap().contains('*'),
            "{id}: no window wildcard"
        );
        for p in cap["permissions"].as_array().unwrap() {
            let p = p
                .as_str()
                .unwrap_or_else(|| panic!("{id}: a scoped permission object {p}: not allowed"));
            if let Some(cmd) = p.strip_prefix("allow-") {
                assert!(
                    declared.contains(&cmd.replace('-', "_")),
                    "{id}: {p} is not a declared command (src/commands/list.rs)"
                );
            } else {
                assert!(
                    core.contains(&p),
                    "{id}: permission {p} is not on the short list of core permissions \
                     (plugin and default permission sets are not allowed)"
                );
            }
        }
    }
}

#[test]
fn no_plugin_reaches_the_webview() {
    // The app's dependencies: the dialog plugin alone, used from Rust.
    let manifest = read("Cargo.toml");
    let plugins: Vec<&str> = manifest
        .lines()
        .filter_map(|l| l.trim().split([' ', '=', '.']).next())
        .filter(|name| name.starts_with("tauri-plugin"))
        .collect();
    assert_eq!(
        plugins,
        ["tauri-plugin-dialog"],
        "plugins in src-tauri/Cargo.toml"
    );
    let lib = read("src/lib.rs");
    let registered: Vec<&str> = lib
        .lines()
        .filter(|l| l.contains(".plugin("))
        .map(str::trim)
        .collect();
    assert_eq!(registered, [".plugin(tauri_plugin_dialog::init())"]);
    // Nothing in the lock file that runs programs, talks HTTP or updates itself.
    let lock = read("../Cargo.lock");
    for forbidden in [
        "tauri-plugin-shell",
        "tauri-plugin-http",
        "tauri-plugin-updater",
        "tauri-plugin-process",
        "tauri-plugin-websocket",
        "tauri-plugin-upload",
        "tauri-plugin-opener",
        "tauri-plugin-deep-link",
        "tauri-plugin-localhost",
    ] {
        assert!(
            !lock.contains(&format!("name = \"{forbidden}\"")),
            "{forbidden} is in Cargo.lock"
        );
    }
    // The UI imports no plugin package and opens no connection of its own.
    let package = json_file("../ui/package.json");
    for section in ["dependencies", "devDependencies"] {
        for name in package[section].as_object().unwrap().keys() {
            assert!(
                !name.starts_with("@tauri-apps/plugin-"),
                "ui/package.json {section}: {name}"
            );
        }
    }
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src")];
    let mut files = 0;
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !(name.ends_with(".ts") || name.ends_with(".tsx")) || name.contains(".test.") {
                continue;
            }
            files += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            for api in [
                "fetch(",
                "XMLHttpRequest",
                "WebSocket",
                "EventSource",
                "sendBeacon",
                "@tauri-apps/plugin-",
            ] {
                assert!(!text.contains(api), "{} uses {api}", path.display());
            }
            // URLs in code (comments may cite documentation).
            for line in text.lines().filter(|l| {
                let l = l.trim_start();
                !(l.starts_with("//") || l.starts_with('*') || l.starts_with("/*"))
            }) {
                for (i, _) in line.match_indices("://") {
                    let url = &line[line[..i]
                        .rfind(['"', '\'', '`', '(', ' '])
                        .map_or(0, |s| s + 1)..];
                    assert!(
                        url.starts_with("http://www.w3.org/"),
                        "{} holds a URL: {line}",
                        path.display()
                    );
                }
            }
        }
    }
    assert!(files > 20, "ui/src scanned {files} files");
}

#[test]
fn the_webview_cannot_call_plugin_commands() {
    let dir = tempfile::tempdir().unwrap();
    let app = labinov_app::builder(mock_builder(), dir.path().join("lab.db"))
        .build(tauri::generate_context!())
        .unwrap();
    let window = match app.get_webview_window("main") {
        Some(w) => w,
        None => WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap(),
    };
    let call = |cmd: &str, args: Value| {
        get_ipc_response(
            &window,
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
    };
    // The control: a declared read works from the main window.
    assert!(call("list_labs", json!({})).is_ok());
    for (cmd, args) in [
        ("plugin:dialog|open", json!({"options": {}})),
        ("plugin:dialog|save", json!({"options": {}})),
        ("plugin:dialog|message", json!({"message": "x"})),
        ("plugin:fs|read_file", json!({"path": "/etc/passwd"})),
        ("plugin:fs|write_file", json!({"path": "/tmp/x"})),
        ("plugin:shell|open", json!({"path": "https://example.org"})),
        (
            "plugin:http|fetch",
            json!({"clientConfig": {"url": "https://example.org"}}),
        ),
        ("plugin:app|version", json!({})),
        (
            "plugin:webview|create_webview_window",
            json!({"options": {"label": "x", "url": "https://example.org"}}),
        ),
        ("plugin:window|set_title", json!({"value": "x"})),
        ("plugin:opener|open_path", json!({"path": "/etc"})),
        (
            "plugin:opener|open_url",
            json!({"url": "https://example.org"}),
        ),
        (
            "plugin:opener|reveal_item_in_dir",
            json!({"paths": ["/etc"]}),
        ),
    ] {
        let err = call(cmd, args).expect_err(cmd);
        assert!(
            err.to_string().contains("not allowed") || err.to_string().contains("not found"),
            "{cmd}: {err}"
        );
    }
}

/// The `.rs` files under `src/`, as (path relative to `src/`, text).
fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root.clone()];
    let mut out = Vec::new();
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let name = path.strip_prefix(&root).unwrap().display().to_string();
                out.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The lines of `text` that call `needle`, comments left out.
fn calls<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("//"))
        .filter(|l| {
            l.match_indices(needle).any(|(i, _)| {
                !l[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
        })
        .collect()
}

/// The app opens one thing in the file manager, the log folder beside the database: the
/// `open` crate is called once (`logging::open_folder`), that is called only by the
/// `open_log_folder` command on `logging::log_dir`, and the command takes no argument
/// from the webview (no path, no URL: its declaration, checked against the function).
#[test]
fn only_the_log_folder_is_ever_opened() {
    let sources = sources();
    let mut opens = Vec::new();
    let mut open_folder = Vec::new();
    for (file, text) in &sources {
        for line in calls(text, "open::") {
            opens.push(format!("{file}: {line}"));
        }
        for line in calls(text, "open_folder(") {
            open_folder.push(format!("{file}: {line}"));
        }
    }
    assert_eq!(opens, ["logging.rs: open::that_detached(dir)"]);
    assert_eq!(
        open_folder,
        [
            "commands/app.rs: blocking(move || logging::open_folder(&dir))",
            "logging.rs: pub fn open_folder(dir: &Path) -> io::Result<()> {",
        ]
    );
    // The declaration is checked against the function at compile time (its context and
    // arguments, in order): the command takes the state and nothing from the webview.
    let declared = labinov_app::commands::declared();
    let command = declared
        .iter()
        .find(|c| c.name == "open_log_folder")
        .expect("the open_log_folder command");
    assert_eq!(command.context, ["state"], "open_log_folder's context");
    assert!(
        command.args.is_empty(),
        "open_log_folder takes nothing from the webview: {:?}",
        command.args
    );
    let app = read("src/commands/app.rs");
    let start = app
        .find("pub async fn open_log_folder(")
        .expect("the open_log_folder command");
    assert!(
        app[start..].contains("let dir = logging::log_dir(&state.db_path);"),
        "open_log_folder opens the log folder beside the database"
    );
}

#[test]
fn the_configuration_allows_no_remote_content() {
    let conf = json_file("tauri.conf.json");
    assert_eq!(conf["app"]["withGlobalTauri"], json!(false));
    assert_eq!(conf["build"]["frontendDist"], json!("../ui/dist"));
    assert!(conf["build"].get("devUrl").is_none(), "no dev server URL");
    let csp = conf["app"]["security"]["csp"]
        .as_object()
        .expect("a CSP is set");
    for (directive, want) in [
        ("default-src", "'self'"),
        ("script-src", "'self'"),
        ("object-src", "'none'"),
        ("base-uri", "'none'"),
        ("frame-src", "'none'"),
        ("form-action", "'none'"),
    ] {
        assert_eq!(csp[directive], json!(want), "CSP {directive}");
    }
    assert_eq!(csp["connect-src"], json!("ipc: http://ipc.localhost"));
    for (directive, v) in csp {
        let v = v.as_str().unwrap();
        assert!(
            !v.contains("unsafe-eval") && !v.contains('*'),
            "CSP {directive}: {v}"
        );
        for source in v.split_whitespace() {
            assert!(
                !source.contains("://") || source == "http://ipc.localhost",
                "CSP {directive} allows {source}"
            );
        }
    }
    assert!(conf["app"]["security"]
        .get("dangerousDisableAssetCspModification")
        .is_none());
    for w in conf["app"]["windows"].as_array().unwrap() {
        assert!(w
            .get("url")
            .is_none_or(|u| !u.as_str().unwrap().contains("://")));
    }
    // No URL anywhere in the configurations, but the IPC origin.
    for file in [
        "tauri.conf.json",
        "tauri.windows.conf.json",
        "tauri.macos.conf.json",
    ] {
        let Ok(text) = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
        else {
            continue;
        };
        for (i, _) in text.match_indices("://") {
            let before = &text[text[..i].rfind('"').unwrap() + 1..i];
            let ok = text[i..].starts_with("://ipc.localhost") && before.ends_with("http");
            assert!(
                ok,
                "{file}: a URL at {}",
                &text[i.saturating_sub(20)..(i + 40).min(text.len())]
            );
        }
    }
}

/// The versions that fixed the advisories known for the Tauri stack (looked up 2026-11):
/// tauri GHSA-7gmj-67g7-phm9 / CVE-2026-5947 (IPC origin confusion: remote pages could
/// call local commands; affected up to 2.11.0, fixed in 2.11.1). The shell plugin's
/// CVE-2025-31477 does not apply: the plugin is forbidden above. Raise these when a new
/// advisory appears.
const MIN_VERSIONS: &[(&str, (u64, u64, u64))] = &[("tauri", (2, 11, 1))];

#[test]
fn tauri_is_past_the_known_advisories() {
    let lock = read("../Cargo.lock");
    for (name, min) in MIN_VERSIONS {
        let at = lock
            .find(&format!("name = \"{name}\"\nversion = \""))
            .unwrap_or_else(|| panic!("{name} is not in Cargo.lock"));
        let v = lock[at..].lines().nth(1).unwrap();
        let v = v.trim_start_matches("version = \"").trim_end_matches('"');
        let parts: Vec<u64> = v
            .split(['.', '-'])
            .take(3)
            .map(|p| p.parse().unwrap())
            .collect();
        assert!(
            (parts[0], parts[1], parts[2]) >= *min,
            "{name} {v} is older than {min:?}, which fixed a known advisory"
        );
    }
}
