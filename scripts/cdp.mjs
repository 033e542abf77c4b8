// Headless Chromium driven through the DevTools protocol over a pipe (no npm package
// needed), for the page checks: scripts/gallery-check.mjs (the exported gallery from
// file://) and scripts/room-check.mjs (the participant page at a phone's size).
//
//   const b = launch(chromium, { windowSize: "1366,768", profilePrefix: "labinov-x-" });
//   const page = await b.page();          // a tab: page.s(method, params), page.evaluate(js),
//                                         // page.load(url), page.on(listener)
//   await b.close();

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function launch(chromium, { windowSize = "1366,768", profilePrefix = "labinov-cdp-", args = [] } = {}) {
  const profile = mkdtempSync(join(tmpdir(), profilePrefix));
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
      "--remote-debugging-pipe",
      `--user-data-dir=${profile}`,
      `--window-size=${windowSize}`,
      ...args,
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
        for (const l of [...listeners]) l(msg);
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

  async function page() {
    const { targetId } = await send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
    const s = (method, params) => send(method, params, sessionId);
    const evaluate = async (expression) => {
      const r = await s("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
      if (r.exceptionDetails) {
        throw new Error(r.exceptionDetails.text + " " + JSON.stringify(r.exceptionDetails.exception?.description));
      }
      return r.result.value;
    };
    const load = async (url) => {
      const loaded = waitFor((m) => m.sessionId === sessionId && m.method === "Page.loadEventFired");
      await s("Page.navigate", { url });
      await loaded;
    };
    // Waits until `expression` is true in the page (polled), or throws naming `what`.
    const until = async (what, expression, ms = 15000) => {
      const end = Date.now() + ms;
      for (;;) {
        if (await evaluate(`!!(${expression})`)) return;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await sleep(100);
      }
    };
    const on = (listener) => listeners.push((msg) => msg.sessionId === sessionId && listener(msg));
    await s("Page.enable");
    await s("Runtime.enable");
    await s("Log.enable");
    return { sessionId, s, evaluate, load, until, on };
  }

  // axe-core's serious and critical violations of the page now shown, as lines.
  async function axeViolations(p, axeSource) {
    await p.evaluate(axeSource + "\ntrue");
    return p.evaluate(
      `axe.run(document, {resultTypes: ['violations'], preload: false}).then(r => r.violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')))`,
    );
  }

  async function close() {
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

  return { page, waitFor, axeViolations, close };
}

// Errors the page reports (console errors, exceptions, failed loads) into `into`, each
// prefixed with what `where()` says is being looked at.
export function collectErrors(p, into, where) {
  p.on((msg) => {
    if (msg.method === "Log.entryAdded" && msg.params.entry.level === "error") {
      into.push(`${where()}: ${msg.params.entry.text}`);
    } else if (msg.method === "Runtime.exceptionThrown") {
      into.push(`${where()}: ${msg.params.exceptionDetails.text}`);
    } else if (msg.method === "Runtime.consoleAPICalled" && msg.params.type === "error") {
      into.push(`${where()}: console.error`);
    }
  });
}
