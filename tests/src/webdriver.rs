//! Driving the real app window: Xvfb for a display, `tauri-driver` (which starts
//! WebKitWebDriver and the app), and a small W3C WebDriver client over HTTP.
//!
//! Every process started here is killed when its guard drops, so a failing test leaves
//! nothing running.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

/// W3C key codes.
pub mod keys {
    pub const NULL: char = '\u{E000}';
    pub const TAB: char = '\u{E004}';
    pub const ENTER: char = '\u{E007}';
    pub const SHIFT: char = '\u{E008}';
    pub const CONTROL: char = '\u{E009}';
    pub const ALT: char = '\u{E00A}';
    pub const ESCAPE: char = '\u{E00C}';
    pub const ARROW_UP: char = '\u{E013}';
    pub const ARROW_DOWN: char = '\u{E015}';
}

/// A child process killed on drop, together with its process group (tauri-driver's
/// WebKitWebDriver and the app it launched would otherwise outlive it).
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        // Not `kill -KILL -PGID`: procps-ng 4.0.2's kill(1) turns "-PGID" into -1, which
        // as root kills every process on the machine.
        if let Some(pgid) = rustix::process::Pid::from_raw(self.0.id() as i32) {
            if pgid.as_raw_nonzero().get() > 1 {
                let _ = rustix::process::kill_process_group(pgid, rustix::process::Signal::KILL);
            }
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `cmd` as the leader of a new process group.
fn spawn_group(cmd: &mut Command) -> std::io::Result<Child> {
    use std::os::unix::process::CommandExt;
    cmd.process_group(0).spawn()
}

/// A command for `program` in a PID namespace of its own where the system allows it
/// (`unshare`, as root in CI and containers). Whatever the driver, WebKitWebDriver or the
/// app signal there, even `kill(-1)`, cannot reach the processes running the tests; and
/// when the namespace's first process dies, everything in it dies with it.
fn isolated(program: &Path) -> Command {
    static UNSHARE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let works = *UNSHARE.get_or_init(|| {
        Command::new("unshare")
            .args(["--pid", "--fork", "--kill-child", "true"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    });
    if works {
        let mut cmd = Command::new("unshare");
        cmd.args(["--pid", "--fork", "--kill-child"]).arg(program);
        cmd
    } else {
        Command::new(program)
    }
}

fn which(name: &str) -> Option<PathBuf> {
    if name.contains('/') {
        return Path::new(name).exists().then(|| PathBuf::from(name));
    }
    let home_cargo = std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin"));
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain(home_cargo)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn require(name: &str) -> PathBuf {
    which(name).unwrap_or_else(|| {
        panic!(
            "{name} is not installed. The end-to-end tests need xvfb, webkit2gtk-driver and \
             tauri-driver: run `make deps` (or set LABINOV_SKIP_E2E=1 to skip them knowingly)"
        )
    })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A virtual display (Xvfb) at 1920×1080, unless the environment already has a display
/// (see [`Display::with_screen`] for another size).
pub struct Display {
    _xvfb: Option<Killed>,
    pub name: String,
}

impl Display {
    pub fn start() -> Display {
        if let Some(d) = std::env::var_os("DISPLAY").filter(|d| !d.is_empty()) {
            return Display {
                _xvfb: None,
                name: d.to_string_lossy().into_owned(),
            };
        }
        Display::with_screen(1920, 1080)
    }

    /// A virtual display whose screen is `width`×`height`, even when the environment has
    /// a display: for what happens on a small screen (a 1366×768 laptop).
    pub fn with_screen(width: u32, height: u32) -> Display {
        let xvfb = require("Xvfb");
        let screen = format!("{width}x{height}x24");
        // -displayfd makes Xvfb pick a free display number and write it to the pipe.
        let mut child = spawn_group(
            Command::new(xvfb)
                .args([
                    "-displayfd",
                    "1",
                    "-screen",
                    "0",
                    &screen,
                    "-nolisten",
                    "tcp",
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::null()),
        )
        .expect("start Xvfb");
        let mut out = child.stdout.take().unwrap();
        let mut buf = Vec::new();
        let mut byte = [0u8; 1];
        use std::io::Read;
        while out.read(&mut byte).map(|n| n == 1).unwrap_or(false) && byte[0] != b'\n' {
            buf.push(byte[0]);
        }
        let n = String::from_utf8(buf).unwrap();
        assert!(!n.trim().is_empty(), "Xvfb did not report a display");
        Display {
            _xvfb: Some(Killed(child)),
            name: format!(":{}", n.trim()),
        }
    }
}

/// A running `tauri-driver` bound to a free port, with the app's environment.
pub struct Driver {
    _proc: Killed,
    base: String,
    http: ureq::Agent,
    native_port: u16,
    /// The app's database (`LABINOV_DB`), whose `logs/` a failed start is explained by.
    db: Option<PathBuf>,
    /// Where tauri-driver's and the app's output go.
    output_log: PathBuf,
    /// The apps' data and settings folders (`XDG_DATA_HOME`…): their webview's local
    /// storage and caches, apart from every other test's and from the user's.
    home: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        // WebKitWebDriver leaves tauri-driver's process group; find it by its port.
        let _ = Command::new("pkill")
            .arg("-KILL")
            .arg("-f")
            .arg(format!("WebKitWebDriver --port={} ", self.native_port))
            .status();
        if !std::thread::panicking() {
            let _ = std::fs::remove_file(&self.output_log);
        }
    }
}

impl Driver {
    /// Starts tauri-driver on `display`; the app it launches inherits `env`.
    pub fn start(display: &Display, env: &[(&str, &Path)]) -> Driver {
        let tauri_driver = require("tauri-driver");
        let native = require("WebKitWebDriver");
        let (port, native_port) = (free_port(), free_port());
        let mut cmd = isolated(&tauri_driver);
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .arg("--native-driver")
        .arg(native)
        .env("DISPLAY", &display.name)
        .env_remove("LABINOV_DB");
        // Data and settings of the driver's own: apps started by parallel tests shared WebKit's data
        // folder (`~/.local/share/<identifier>`: local storage, caches) and wrote to the
        // developer's.
        let home = tempfile::Builder::new()
            .prefix("labinov-e2e-home-")
            .tempdir()
            .expect("a home for the app");
        // (The caches stay shared: Mesa's shader cache is safe to share, and a cold one
        // costs every test seconds.)
        for (var, sub) in [
            ("XDG_DATA_HOME", "data"),
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_STATE_HOME", "state"),
        ] {
            let dir = home.path().join(sub);
            std::fs::create_dir_all(&dir).expect("a home for the app");
            cmd.env(var, dir);
        }
        // The driver's output, and the app's, which it inherits: read when a start fails.
        let output_log = crate::artifacts_dir().join(format!("tauri-driver-{port}.log"));
        match std::fs::File::create(&output_log).and_then(|f| Ok((f.try_clone()?, f))) {
            Ok((out, err)) => cmd.stdout(out).stderr(err),
            Err(_) => cmd.stdout(Stdio::null()).stderr(Stdio::null()),
        };
        for (k, v) in env {
            cmd.env(k, v);
        }
        let proc = Killed(spawn_group(&mut cmd).expect("start tauri-driver"));
        let http: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let driver = Driver {
            _proc: proc,
            base: format!("http://127.0.0.1:{port}"),
            http,
            native_port,
            db: env
                .iter()
                .find(|(k, _)| *k == "LABINOV_DB")
                .map(|(_, v)| v.to_path_buf()),
            output_log,
            home,
        };
        // Wait until the driver answers /status with 200 before asking for a session.
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(r) = driver.http.get(format!("{}/status", driver.base)).call() {
                if r.status() == 200 {
                    break;
                }
            }
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not answer /status in 30 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        driver
    }

    /// Launches the app and opens a WebDriver session on its main window.
    /// A restart starts the app only once the one before it has gone, as a user's would
    /// (WebKitWebDriver kills it when a session ends; its web processes go after it).
    pub fn session(&self, app: &Path) -> Session<'_> {
        self.wait_for_previous_app();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "tauri:options": {"application": app}
        }}});
        let started = Instant::now();
        let v = self
            .raw("POST", "/session", Some(caps))
            .unwrap_or_else(|e| {
                panic!(
                    "new session: {e} (after {:.1} s)\n{}",
                    started.elapsed().as_secs_f64(),
                    self.why_no_session()
                )
            });
        let id = v["sessionId"].as_str().expect("session id").to_owned();
        Session {
            driver: self,
            id,
            open: true,
        }
    }

    /// The processes this driver's apps run in (the app and its WebKit helpers): those
    /// whose environment holds this driver's home.
    fn app_processes(&self) -> Vec<String> {
        let marker = format!("XDG_DATA_HOME={}", self.home.path().join("data").display());
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .bytes()
                    .all(|b| b.is_ascii_digit())
            })
            .filter(|e| {
                std::fs::read(e.path().join("environ"))
                    .is_ok_and(|env| env.split(|b| *b == 0).any(|v| v == marker.as_bytes()))
            })
            .filter_map(|e| {
                let comm = std::fs::read_to_string(e.path().join("comm")).ok()?;
                let comm = comm.trim();
                // The drivers carry the home too; only the app and its helpers count.
                (comm != "tauri-driver" && comm != "WebKitWebDriver" && comm != "unshare")
                    .then(|| format!("{} {comm}", e.file_name().to_string_lossy()))
            })
            .collect()
    }

    fn wait_for_previous_app(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = self.app_processes();
            if left.is_empty() {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the app of the session before is still running 30 s after it ended: {left:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// What a failed session start is explained by: the app's own log (beside its
    /// database) and the processes of the app and the drivers still running.
    fn why_no_session(&self) -> String {
        let mut out = String::new();
        let logs = self
            .db
            .iter()
            .map(|db| db.with_file_name("logs").join("labinov.log"))
            .chain([self.output_log.clone()]);
        for log in logs {
            match std::fs::read_to_string(&log) {
                Ok(text) => {
                    let tail: Vec<&str> = text.lines().rev().take(40).collect();
                    out.push_str(&format!("--- the last lines of {}:\n", log.display()));
                    for line in tail.iter().rev() {
                        out.push_str(line);
                        out.push('\n');
                    }
                }
                Err(e) => out.push_str(&format!("--- nothing at {}: {e}\n", log.display())),
            }
        }
        if let Ok(ps) = Command::new("ps")
            .args(["-eo", "pid,ppid,stat,etimes,time,args"])
            .output()
        {
            out.push_str("--- the app's and the drivers' processes:\n");
            for line in String::from_utf8_lossy(&ps.stdout).lines() {
                if ["labinov", "WebKit", "tauri-driver", "PID"]
                    .iter()
                    .any(|w| line.contains(w))
                {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        out
    }

    fn raw(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let url = format!("{}{}", self.base, path);
        let resp = match (method, body) {
            ("GET", _) => self.http.get(&url).call(),
            ("DELETE", _) => self.http.delete(&url).call(),
            (_, Some(b)) => self.http.post(&url).send_json(b),
            (_, None) => self.http.post(&url).send_json(json!({})),
        };
        let mut resp = resp.map_err(|e| format!("{method} {path}: {e}"))?;
        let status = resp.status();
        let v: Value = resp
            .body_mut()
            .read_json()
            .map_err(|e| format!("{method} {path}: {e}"))?;
        if status != 200 {
            return Err(format!("{method} {path}: {status}: {}", v["value"]));
        }
        Ok(v.get("value").cloned().unwrap_or(v))
    }
}

/// Collects what a failed wait needs to be understood: the screen shown, the focused
/// element, every alert and status message, and the values of the visible form fields.
const DIAGNOSE_JS: &str = r#"
const screen = document.querySelector('[data-screen]:not([hidden])') || document.querySelector('[data-screen]');
const a = document.activeElement;
const fields = {};
document.querySelectorAll('input, textarea, select').forEach((e, i) => {
  if (e.offsetParent === null || ((e.type === 'checkbox' || e.type === 'radio') && !e.checked)) return;
  const key = e.dataset.testid || e.name || e.id || ('field' + i);
  fields[key] = String(e.value).slice(0, 120);
});
return {
  screen: screen && screen.dataset.screen,
  focused: a && (a.dataset.testid || a.tagName + (a.id ? '#' + a.id : '')),
  messages: [...document.querySelectorAll('[role=alert], [role=status], .error-banner')]
    .map(e => e.textContent.trim().slice(0, 300)).filter(Boolean),
  fields,
  latest: [...document.querySelectorAll('[data-testid=latest-idea] .idea-item__title')]
    .slice(0, 3).map(e => e.textContent),
};
"#;

/// One WebDriver session: the app is running while it lives.
pub struct Session<'d> {
    driver: &'d Driver,
    id: String,
    open: bool,
}

/// A reference to an element in the page.
#[derive(Clone, Debug)]
pub struct Element(String);

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Session<'_> {
    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_cmd(method, path, body)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn try_cmd(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        self.driver
            .raw(method, &format!("/session/{}{}", self.id, path), body)
    }

    /// Runs a synchronous script in the page and returns its value.
    pub fn script(&self, js: &str, args: Value) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": js, "args": args})),
        )
    }

    /// Runs `js` as an async script: it calls `arguments[arguments.length - 1]` with
    /// its result.
    pub fn script_async(&self, js: &str, args: Value) -> Value {
        self.cmd(
            "POST",
            "/execute/async",
            Some(json!({"script": js, "args": args})),
        )
    }

    /// Polls `js` until it returns something truthy, or panics with `what` after `timeout`.
    pub fn wait_for(&self, what: &str, timeout: Duration, js: &str) -> Value {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(v) = self.try_cmd(
                "POST",
                "/execute/sync",
                Some(json!({"script": js, "args": []})),
            ) {
                if !(v.is_null() || v == json!(false) || v == json!("") || v == json!(0)) {
                    return v;
                }
            }
            if Instant::now() > deadline {
                let state = self.diagnose(what);
                panic!("timed out after {timeout:?} waiting for {what}\n{state}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// What a person would see when a wait fails: a screenshot (`failed-WHAT.png`), the
    /// screen, the focused element, the messages shown and the idea form's fields.
    fn diagnose(&self, what: &str) -> String {
        let slug: String = what
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let shot = match self.try_screenshot(&format!("failed-{slug}")) {
            Ok(path) => path.display().to_string(),
            Err(e) => format!("no screenshot: {e}"),
        };
        let page = self
            .try_cmd(
                "POST",
                "/execute/sync",
                Some(json!({"script": DIAGNOSE_JS, "args": []})),
            )
            .map(|v| serde_json::to_string_pretty(&v).unwrap_or_default())
            .unwrap_or_else(|e| format!("page state unavailable: {e}"));
        format!("screenshot: {shot}\npage: {page}")
    }

    /// Waits until the app shows `screen` (its root's `data-screen`) with its data loaded.
    pub fn wait_for_screen(&self, screen: &str) {
        self.wait_for(
            &format!("screen {screen}"),
            Duration::from_secs(30),
            &format!("return document.querySelector('[data-screen=\"{screen}\"]') !== null"),
        );
    }

    /// Captures an idea by keyboard only, as a facilitator does: Ctrl+N, a few letters of
    /// the agency (`agency_query`), Enter, Tab, the title, Ctrl+Enter; waits until the
    /// saved message names the title.
    pub fn capture_by_keyboard(&self, agency_query: &str, title: &str) {
        self.chord(&[keys::CONTROL], 'n');
        self.wait_for(
            "the agency picker to have the focus",
            Duration::from_secs(10),
            "return document.activeElement?.dataset.testid === 'agency-picker'",
        );
        self.keys(agency_query);
        self.wait_for(
            "agency options",
            Duration::from_secs(10),
            "return document.querySelectorAll('[data-testid=agency-option]').length > 0",
        );
        self.keys(&format!("{}{}{title}", keys::ENTER, keys::TAB));
        self.chord(&[keys::CONTROL], keys::ENTER);
        self.wait_for(
            "the saved message",
            Duration::from_secs(10),
            &format!(
                "return document.querySelector('[data-testid=save-status]')?.textContent.includes({title:?})"
            ),
        );
    }

    pub fn find(&self, css: &str) -> Element {
        let v = self.cmd(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        Element(
            v[ELEMENT_KEY]
                .as_str()
                .unwrap_or_else(|| panic!("no element {css}: {v}"))
                .to_owned(),
        )
    }

    pub fn by_testid(&self, id: &str) -> Element {
        self.find(&format!("[data-testid=\"{id}\"]"))
    }

    pub fn active(&self) -> Element {
        let v = self.cmd("GET", "/element/active", None);
        Element(
            v[ELEMENT_KEY]
                .as_str()
                .expect("an active element")
                .to_owned(),
        )
    }

    pub fn click(&self, el: &Element) {
        self.cmd("POST", &format!("/element/{}/click", el.0), None);
    }

    /// Types into an element; W3C key codes (see [`keys`]) press special keys.
    pub fn type_into(&self, el: &Element, text: &str) {
        self.cmd(
            "POST",
            &format!("/element/{}/value", el.0),
            Some(json!({"text": text})),
        );
    }

    /// Types into whatever has the keyboard focus, like a person at the keyboard.
    ///
    /// When nothing focusable has the focus (the page itself), the keys go through the
    /// W3C actions API instead, as a keyboard would send them to the document.
    pub fn keys(&self, text: &str) {
        let el = self.active();
        let sent = self.try_cmd(
            "POST",
            &format!("/element/{}/value", el.0),
            Some(json!({ "text": text })),
        );
        if let Err(e) = sent {
            if !e.contains("not interactable") && !e.contains("not focusable") {
                panic!("{e}");
            }
            self.key_actions(text);
        }
    }

    /// Presses and releases `text`'s keys with the actions API; `keys::NULL` releases
    /// the modifiers held so far.
    fn key_actions(&self, text: &str) {
        let mut actions = Vec::new();
        let mut held: Vec<char> = Vec::new();
        for ch in text.chars() {
            if ch == keys::NULL {
                for m in held.drain(..).rev() {
                    actions.push(json!({"type": "keyUp", "value": m.to_string()}));
                }
            } else if [keys::SHIFT, keys::CONTROL, keys::ALT].contains(&ch) {
                actions.push(json!({"type": "keyDown", "value": ch.to_string()}));
                held.push(ch);
            } else {
                actions.push(json!({"type": "keyDown", "value": ch.to_string()}));
                actions.push(json!({"type": "keyUp", "value": ch.to_string()}));
            }
        }
        for m in held.drain(..).rev() {
            actions.push(json!({"type": "keyUp", "value": m.to_string()}));
        }
        self.cmd(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
        );
        let _ = self.try_cmd("DELETE", "/actions", None);
    }

    /// Presses a chord, e.g. `chord(&[keys::CONTROL], 'n')`, on the focused element.
    pub fn chord(&self, modifiers: &[char], key: char) {
        let mut s: String = modifiers.iter().collect();
        s.push(key);
        s.push(keys::NULL);
        self.keys(&s);
    }

    pub fn text(&self, el: &Element) -> String {
        self.cmd("GET", &format!("/element/{}/text", el.0), None)
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    pub fn attribute(&self, el: &Element, name: &str) -> Option<String> {
        self.cmd("GET", &format!("/element/{}/attribute/{name}", el.0), None)
            .as_str()
            .map(str::to_owned)
    }

    /// Saves a PNG of the window under `target/e2e-screenshots/NAME.png`.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        self.try_screenshot(name).unwrap_or_else(|e| panic!("{e}"))
    }

    fn try_screenshot(&self, name: &str) -> Result<PathBuf, String> {
        let v = self.try_cmd("GET", "/screenshot", None)?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(v.as_str().ok_or("the screenshot is not base64 text")?)
            .map_err(|e| format!("decode screenshot: {e}"))?;
        let path = crate::artifacts_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(path)
    }

    /// The handles of the app's windows (the main window and, once opened, the projector).
    pub fn window_handles(&self) -> Vec<String> {
        self.cmd("GET", "/window/handles", None)
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|h| h.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The window commands go to now.
    pub fn window_handle(&self) -> String {
        self.cmd("GET", "/window", None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Sends the following commands to another window.
    pub fn switch_to_window(&self, handle: &str) {
        self.cmd("POST", "/window", Some(json!({ "handle": handle })));
    }

    pub fn set_window_size(&self, width: u32, height: u32) {
        self.cmd(
            "POST",
            "/window/rect",
            Some(json!({"x": 0, "y": 0, "width": width, "height": height})),
        );
    }

    /// Ends the session, which closes the app.
    pub fn close(mut self) {
        self.open = false;
        let _ = self.try_cmd("DELETE", "", None);
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.try_cmd("DELETE", "", None);
        }
    }
}

/// True when the e2e tests are to be skipped on purpose (`LABINOV_SKIP_E2E=1`).
pub fn skip_requested() -> bool {
    std::env::var_os("LABINOV_SKIP_E2E").is_some_and(|v| v == "1")
}
