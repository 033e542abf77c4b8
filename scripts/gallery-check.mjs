// Loads every page of an exported gallery in headless Chromium from file:// with the
// network off, through the DevTools protocol over a pipe (no npm package needed), and
// prints one JSON summary line:
//   pages      the HTML pages loaded
//   requests   every request the pages made
//   external   requests to anything but file:// (must be none)
//   failed     file:// requests that failed (a missing file, a blocked resource)
//   errors     console and CSP errors
//   violations axe-core's serious and critical violations, per page
//   searchTyped / searchQuery  whether the search page finds the expected title by the
//              word, typed into the field and given as ?q=
// Exits 1 if Chromium could not be driven.
//
// Usage: node gallery-check.mjs <gallery folder> <axe.min.js> <chromium> <word> <title> [<shots>]
// With <shots>, a folder: screenshots of the home page, an agency page and an innovation
// page at a phone's size (390x844) and a laptop's (1366x768), as PNG files there.
// Used by labinov-render's test `every_gallery_page_loads_offline_accessibly_and_search_finds_an_idea`.

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [site, axePath, chromium, word, title, shots] = process.argv.slice(2);
const axe = readFileSync(axePath, "utf8");

function pages(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...pages(p));
    else if (name.endsWith(".html")) out.push(p);
  }
  return out.sort();
}

const profile = mkdtempSync(join(tmpdir(), "labinov-gallery-"));
const browser = spawn(
  chromium,
  [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-pipe",
    `--user-data-dir=${profile}`,
    "--window-size=1366,768",
    "about:blank",
  ],
  { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] },
);
const toBrowser = browser.stdio[3];
const fromBrowser = browser.stdio[4];

let nextId = 1;
const pending = new Map();
const listeners = [];
let buffer = Buffer.alloc(0);
fromBrowser.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  let end;
  while ((end = buffer.indexOf(0)) >= 0) {
    const msg = JSON.parse(buffer.subarray(0, end).toString("utf8"));
    buffer = buffer.subarray(end + 1);
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) reject(new Error(JSON.stringify(msg.error)));
      else resolve(msg.result);
    } else if (msg.method) {
      for (const l of listeners) l(msg);
    }
  }
});

function send(method, params = {}, sessionId) {
  const id = nextId++;
  const msg = { id, method, params };
  if (sessionId) msg.sessionId = sessionId;
  toBrowser.write(JSON.stringify(msg) + "\0");
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    setTimeout(() => {
      if (pending.has(id)) {
        pending.delete(id);
        reject(new Error(`${method} timed out`));
      }
    }, 30000);
  });
}

function waitFor(pred, ms = 15000) {
  return new Promise((resolve, reject) => {
    const l = (msg) => {
      if (pred(msg)) {
        listeners.splice(listeners.indexOf(l), 1);
        resolve(msg);
      }
    };
    listeners.push(l);
    setTimeout(() => {
      const i = listeners.indexOf(l);
      if (i >= 0) {
        listeners.splice(i, 1);
        reject(new Error("timed out waiting for an event"));
      }
    }, ms);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const summary = {
  pages: 0,
  requests: 0,
  external: [],
  failed: [],
  errors: [],
  violations: [],
  searchTyped: false,
  searchQuery: false,
};

try {
  const { targetId } = await send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
  const s = (method, params) => send(method, params, sessionId);
  let current = "";
  listeners.push((msg) => {
    if (msg.sessionId !== sessionId) return;
    if (msg.method === "Network.requestWillBeSent") {
      const url = msg.params.request.url;
      summary.requests += 1;
      if (!url.startsWith("file://")) summary.external.push(`${current}: ${url}`);
    } else if (msg.method === "Network.loadingFailed") {
      summary.failed.push(`${current}: ${msg.params.errorText} ${msg.params.blockedReason ?? ""}`);
    } else if (msg.method === "Log.entryAdded" && msg.params.entry.level === "error") {
      summary.errors.push(`${current}: ${msg.params.entry.text}`);
    } else if (msg.method === "Runtime.exceptionThrown") {
      summary.errors.push(`${current}: ${msg.params.exceptionDetails.text}`);
    } else if (msg.method === "Runtime.consoleAPICalled" && msg.params.type === "error") {
      summary.errors.push(`${current}: console.error`);
    }
  });
  await s("Network.enable");
  await s("Network.emulateNetworkConditions", {
    offline: true,
    latency: 0,
    downloadThroughput: 0,
    uploadThroughput: 0,
  });
  await s("Page.enable");
  await s("Runtime.enable");
  await s("Log.enable");

  const evaluate = async (expression) => {
    const r = await s("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.text + " " + JSON.stringify(r.exceptionDetails.exception?.description));
    return r.result.value;
  };
  const load = async (url) => {
    current = url.slice(url.lastIndexOf("/galeri/") + 1);
    const loaded = waitFor((m) => m.sessionId === sessionId && m.method === "Page.loadEventFired");
    await s("Page.navigate", { url });
    await loaded;
  };

  for (const page of pages(site)) {
    await load(pathToFileURL(page).href);
    summary.pages += 1;
    await evaluate(axe + "\ntrue");
    const found = await evaluate(
      `axe.run(document, {resultTypes: ['violations'], preload: false}).then(r => r.violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')))`,
    );
    for (const v of found) summary.violations.push(`${current}: ${v}`);
  }

  const search = pathToFileURL(join(site, "cari.html")).href;
  const hasTitle = `Array.from(document.querySelectorAll('#hasil a')).some(a => a.textContent === ${JSON.stringify(title)})`;
  await load(search);
  await evaluate(`(() => { const q = document.getElementById('q'); q.focus(); q.value = ${JSON.stringify(word)};
    q.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`);
  await sleep(600);
  summary.searchTyped = await evaluate(hasTitle);
  await load(`${search}?q=${encodeURIComponent(word)}`);
  await sleep(300);
  summary.searchQuery = await evaluate(hasTitle);
  if (shots) {
    mkdirSync(shots, { recursive: true });
    const all = pages(site);
    const chosen = [
      ["home", join(site, "index.html")],
      ["agency", all.find((p) => p.includes("/opd/"))],
      ["innovation", all.find((p) => p.includes("/inovasi/") && readFileSync(p, "utf8").includes("<img")) ?? all.find((p) => p.includes("/inovasi/"))],
      ["search", join(site, "cari.html") + "?q=" + encodeURIComponent(word)],
    ];
    for (const [w, h, size] of [[390, 844, "phone"], [1366, 768, "desktop"]]) {
      await s("Emulation.setDeviceMetricsOverride", { width: w, height: h, deviceScaleFactor: 1, mobile: w < 600 });
      for (const [name, path] of chosen) {
        const url = path.includes("?") ? pathToFileURL(path.split("?")[0]).href + "?" + path.split("?")[1] : pathToFileURL(path).href;
        await load(url);
        await sleep(300);
        const shot = await s("Page.captureScreenshot", { format: "png" });
        writeFileSync(join(shots, `gallery-${name}-${size}.png`), Buffer.from(shot.data, "base64"));
      }
    }
    await s("Emulation.clearDeviceMetricsOverride");
  }
  // A result opens its page.
  const href = await evaluate(`(document.querySelector('#hasil a') || {}).href || ''`);
  if (href) {
    await load(href);
    const h1 = await evaluate(`document.querySelector('h1') ? document.querySelector('h1').textContent : ''`);
    if (!h1) summary.errors.push(`the first search result ${href} has no heading`);
  }
} catch (e) {
  console.error(String(e && e.stack ? e.stack : e));
  process.exitCode = 1;
} finally {
  try {
    await send("Browser.close");
  } catch {
    browser.kill("SIGKILL");
  }
  await sleep(200);
  try {
    rmSync(profile, { recursive: true, force: true });
  } catch {}
}
console.log(JSON.stringify(summary));
process.exit(process.exitCode ?? 0);
