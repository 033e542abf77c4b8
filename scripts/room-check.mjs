// Drives the participant page of a running room service (crates/labinov-room) in headless
// Chromium at a phone's size (390x844, touch), as a participant does, and prints one JSON
// summary line:
//   steps      what was done and seen, in order (each a name the test expects)
//   external   requests to anything but the service (must be none)
//   failed     requests that failed, with their address (only the offline step's)
//   errors     console errors, exceptions, CSP reports
//   violations axe-core's serious and critical violations, per view
//   targets    buttons and fields smaller than 44x44 CSS px (touch targets), per view
//   bytes      bytes the page downloaded on its first load (HTML, CSS, JS)
// Exits 1 if Chromium could not be driven or a step did not happen.
//
// Usage: node room-check.mjs <base url> <join code> <axe.min.js> <chromium> <photo.png> [<shots>]
// The lab behind the service is expected to have a pitch going on and a dot-voting round
// open. With <shots>, a folder: PNG screenshots of each view there.
// Used by labinov-room's test `the_participant_page_on_a_phone_in_a_real_browser`.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { collectErrors, launch, sleep } from "./cdp.mjs";

const [base, code, axePath, chromium, photoPath, shots] = process.argv.slice(2);
const axe = readFileSync(axePath, "utf8");
const origin = new URL(base).origin;

const browser = launch(chromium, {
  windowSize: "390,844",
  profilePrefix: "labinov-room-",
  // Every name resolves to nothing but the service's own address: nothing else can load.
  args: [`--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${new URL(base).hostname}`],
});
const summary = { steps: [], external: [], failed: [], errors: [], violations: [], targets: [], bytes: 0 };
let view = "load";

try {
  const p = await browser.page();
  const { s, evaluate, until } = p;
  const urls = new Map();
  p.on((msg) => {
    if (msg.method === "Network.requestWillBeSent") {
      urls.set(msg.params.requestId, msg.params.request.url);
      const url = msg.params.request.url;
      // The page's own photo preview (blob:, data:) is not a request to anywhere.
      const local = url.startsWith("blob:" + origin + "/") || url.startsWith("data:");
      if (!url.startsWith(origin + "/") && !local) summary.external.push(`${view}: ${url}`);
    } else if (msg.method === "Network.loadingFailed") {
      if (!(cut && msg.params.errorText === "net::ERR_INTERNET_DISCONNECTED")) {
        summary.failed.push(`${view}: ${urls.get(msg.params.requestId)} ${msg.params.errorText}`);
      }
    } else if (msg.method === "Network.loadingFinished" && view === "join") {
      summary.bytes += msg.params.encodedDataLength;
    }
  });
  // While the Wi-Fi is cut on purpose, the browser's own "disconnected" lines are expected.
  let cut = false;
  const errors = { push: (e) => cut && e.endsWith("net::ERR_INTERNET_DISCONNECTED") || summary.errors.push(e) };
  collectErrors(p, errors, () => view);
  await s("Network.enable");
  await s("Emulation.setDeviceMetricsOverride", { width: 390, height: 844, deviceScaleFactor: 2, mobile: true });
  await s("Emulation.setTouchEmulationEnabled", { enabled: true, maxTouchPoints: 5 });
  const offline = (on) => {
    cut = on;
    return s("Network.emulateNetworkConditions", { offline: on, latency: on ? 0 : 40, downloadThroughput: -1, uploadThroughput: -1 });
  };

  const step = (name) => summary.steps.push(name);
  const look = async (name) => {
    view = name;
    await sleep(250);
    for (const v of await browser.axeViolations(p, axe)) summary.violations.push(`${name}: ${v}`);
    // Touch targets: every visible button, select and text field at least 44 px each way
    // (the file picker is the browser's own control).
    const small = await evaluate(`Array.from(document.querySelectorAll('button, select, input:not([type=file]), textarea'))
      .filter(e => e.offsetParent !== null)
      .map(e => [e.id || e.textContent.trim(), e.getBoundingClientRect()])
      .filter(([, r]) => r.width < 44 || r.height < 44)
      .map(([id, r]) => id + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))`);
    for (const t of small) summary.targets.push(`${name}: ${t}`);
    if (shots) {
      const shot = await s("Page.captureScreenshot", { format: "png" });
      writeFileSync(join(shots, `room-phone-${name}.png`), Buffer.from(shot.data, "base64"));
    }
  };
  const click = (id) => evaluate(`document.getElementById(${JSON.stringify(id)}).click(), true`);
  const type = (id, text) =>
    evaluate(`(() => { const e = document.getElementById(${JSON.stringify(id)}); e.focus(); e.value = ${JSON.stringify(text)};
      e.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`);
  const text = (id) => evaluate(`document.getElementById(${JSON.stringify(id)}).textContent`);
  if (shots) mkdirSync(shots, { recursive: true });

  // The QR code's address: the code in the fragment, the lobby asked at once.
  view = "join";
  await p.load(`${base}/#${code}`);
  await until("the agency list", "document.getElementById('agency').options.length > 0");
  step("lobby");
  await look("join");
  view = "join-done";
  await evaluate(`(() => { const a = document.getElementById('agency'); a.selectedIndex = a.options.length - 1; return true; })()`);
  await click("join-go");
  await until("the room", "!document.getElementById('room').hidden");
  step("joined");

  // An idea with a photo from the "camera" (a file the phone picks, made smaller).
  await type("f-title", "Antrean puskesmas lewat pesan singkat");
  await type("f-problem", "Warga antre sejak subuh di puskesmas");
  await type("f-description", "Nomor antrean dikirim lewat SMS; warga datang pada jamnya");
  const { root } = await s("DOM.getDocument", {});
  const { nodeId } = await s("DOM.querySelector", { nodeId: root.nodeId, selector: "#f-photo" });
  await s("DOM.setFileInputFiles", { nodeId, files: [photoPath] });
  await until("the photo preview", "!document.getElementById('f-preview').hidden");
  await look("idea");
  await click("send-idea");
  await until("the idea sent", "document.getElementById('my-ideas').textContent.includes('Antrean puskesmas')");
  await until("its state from the laptop", "document.querySelector('#my-ideas .tag.pending')");
  step("ideaSent");

  // The Wi-Fi drops while a second idea is sent: it waits on the phone, then goes once.
  await offline(true);
  await type("f-title", "Kartu parkir untuk pasar");
  await type("f-problem", "Parkir pasar semrawut");
  await click("send-idea");
  await until("the waiting idea listed", "document.getElementById('my-ideas').textContent.includes('Kartu parkir')");
  step("queuedOffline");
  await look("offline");
  await offline(false);
  await until("the waiting idea sent", "document.querySelectorAll('#my-ideas .tag.pending').length === 2", 20000);
  step("sentWhenBack");

  // A question about the pitch going on.
  await click("tab-ask");
  await until("the pitch", "document.getElementById('pitch').textContent.length > 0");
  await type("q-text", "Berapa biaya SMS per bulan?");
  await click("send-q");
  await until("the question listed", "document.getElementById('questions').textContent.includes('biaya SMS')");
  step("asked");
  await look("ask");

  // The vote: two dots on the first candidate, one on the second.
  await click("tab-vote");
  await until("the candidates", "document.querySelectorAll('#candidates li').length >= 2");
  const plus = (i) => evaluate(`document.querySelectorAll('#candidates li')[${i}].querySelectorAll('button')[1].click(), true`);
  await plus(0);
  await plus(0);
  await plus(1);
  await look("vote");
  await click("send-vote");
  await until("the vote counted", "document.getElementById('send-vote').hidden");
  step("voted");

  // The token is lost (the browser cleared it; the room was reopened): joining again is
  // the same phone, which has voted already.
  await evaluate(`(() => { const k = 'labinov-room:' + location.host; const v = JSON.parse(localStorage.getItem(k));
    delete v.token; localStorage.setItem(k, JSON.stringify(v)); return true; })()`);
  const reloaded = browser.waitFor((m) => m.sessionId === p.sessionId && m.method === "Page.loadEventFired");
  await s("Page.reload", {});
  await reloaded;
  await until("the agency list again", "document.getElementById('agency').options.length > 0");
  await click("join-go");
  await until("the room again", "!document.getElementById('room').hidden");
  await click("tab-vote");
  await until("the vote remembered", "document.getElementById('send-vote').hidden && document.getElementById('vote-info').textContent.length > 0");
  const mine = await evaluate("document.querySelectorAll('#my-ideas .tag').length");
  if (mine === 2) step("rejoinedAsItself");

  // English.
  await click("lang");
  await until("English", "document.documentElement.lang === 'en'");
  await click("tab-idea");
  if ((await text("send-idea")).length > 0) step("english");
  await look("english");
} catch (e) {
  console.error(`${view}: ${String(e && e.stack ? e.stack : e)}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
console.log(JSON.stringify(summary));
process.exit(process.exitCode ?? 0);
