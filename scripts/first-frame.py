#!/usr/bin/env python3
"""Where the capture screen's first frame goes: its first layout and first paint, cold.

Starts the release Labinov on the demo lab in Xvfb (through tauri-driver), copies the
capture screen's DOM as the user sees it, and lays that copy out cold in the empty Tauri
app (bench/empty-app) several times: the time of a forced layout of the inserted DOM,
then the time to the next frame (paint). Extra CSS can be added to try a change without
rebuilding: `--css '*{border-radius:0!important}'`. Each start is a fresh WebKit process,
so fonts, styles and paint caches are cold each time, as at a user's start.

This is how the font list (350 ms of the first layout) and the blurred shadows (100-250 ms
of the first paint) were found; see README "Measured".

Needs: `cargo build --release -p labinov -p labinov-empty-app` (make bench builds both),
`ui/dist` from the same build, tauri-driver, WebKitWebDriver and Xvfb (scripts/deps.sh).

    scripts/first-frame.py [--runs 5] [--css CSS]
"""

import argparse
import json
import os
import pathlib
import re
import statistics
import subprocess
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
RELEASE = ROOT / "target" / "release"
PORT = 4477


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        f"http://127.0.0.1:{PORT}{path}",
        data=data,
        method=method,
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)["value"]


class Session:
    """One app under tauri-driver, started with `env` added."""

    def __init__(self, app, env):
        self.driver = subprocess.Popen(
            ["tauri-driver", "--port", str(PORT), "--native-port", str(PORT + 1)],
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(50):
            try:
                caps = {"alwaysMatch": {"tauri:options": {"application": str(app)}}}
                self.id = call("POST", "/session", {"capabilities": caps})["sessionId"]
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("tauri-driver did not answer")

    def js(self, script):
        return call("POST", f"/session/{self.id}/execute/sync", {"script": script, "args": []})

    def wait(self, script, seconds=30):
        end = time.time() + seconds
        while time.time() < end:
            try:
                value = self.js(script)
            except OSError:
                # WebKitWebDriver may drop a request while the page (re)loads.
                value = None
            if value:
                return value
            time.sleep(0.1)
        raise SystemExit(f"gave up waiting for: {script}")

    def close(self):
        try:
            call("DELETE", f"/session/{self.id}")
        except OSError:
            pass  # the app may already be gone
        finally:
            self.driver.terminate()
            self.driver.wait()


def capture_copy(work):
    """The capture screen's DOM and CSS, as a page that lays itself out and reports."""
    db = work / "demo.db"
    subprocess.run(
        [RELEASE / "labinov", "demo"], env={**os.environ, "LABINOV_DB": str(db)}, check=True,
        stdout=subprocess.DEVNULL,
    )
    s = Session(RELEASE / "labinov", {"LABINOV_DB": str(db)})
    try:
        s.wait("return performance.getEntriesByName('labinov:first-screen').length > 0")
        body = s.js("return document.body.innerHTML")
        platform = s.js("return document.documentElement.dataset.platform || ''")
    finally:
        s.close()
    body = re.sub(r"<script[^>]*>.*?</script>", "", body, flags=re.S)
    css = next((ROOT / "ui" / "dist" / "assets").glob("*.css"))
    return body, platform, css.as_uri()


def page(body, platform, css_uri, extra_css):
    report = """
requestAnimationFrame(() => {
  const t0 = performance.now();
  document.body.innerHTML = HTML;
  const t1 = performance.now();
  document.body.offsetHeight;
  const t2 = performance.now();
  requestAnimationFrame(() => {
    document.title = JSON.stringify({ layout: t2 - t1, frame: performance.now() - t2 });
  });
});"""
    return (
        f'<!doctype html><html data-platform="{platform}"><head><meta charset="utf-8">'
        f'<link rel="stylesheet" href="{css_uri}"><style>{extra_css}</style></head><body>'
        f"<script>const HTML = {json.dumps(body)};{report}</script></body></html>"
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--css", default="", help="extra CSS to try")
    args = ap.parse_args()
    display = ":97"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24"],
                            stderr=subprocess.DEVNULL)
    os.environ["DISPLAY"] = display
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = pathlib.Path(tmp)
            body, platform, css_uri = capture_copy(work)
            probe = work / "probe.html"
            probe.write_text(page(body, platform, css_uri, args.css))
            layouts, frames = [], []
            for run in range(args.runs):
                t = None
                for _attempt in range(3):
                    s = Session(RELEASE / "labinov-empty-app", {})
                    try:
                        call("POST", f"/session/{s.id}/url", {"url": probe.as_uri()})
                        t = json.loads(s.wait("return document.title"))
                        break
                    except OSError as e:
                        # WebKitWebDriver now and then drops a connection; start again.
                        print(f"run {run + 1}: WebDriver dropped the connection ({e}), again")
                    finally:
                        s.close()
                if t is None:
                    raise SystemExit("WebDriver failed three times in a row")
                layouts.append(t["layout"])
                frames.append(t["frame"])
                print(f"run {run + 1}: first layout {t['layout']:.0f} ms, "
                      f"then the frame {t['frame']:.0f} ms")
            print(f"median of {args.runs}: first layout {statistics.median(layouts):.0f} ms, "
                  f"frame {statistics.median(frames):.0f} ms")
    finally:
        xvfb.terminate()


if __name__ == "__main__":
    main()
