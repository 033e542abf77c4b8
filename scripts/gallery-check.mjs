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

import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { collectErrors, launch, sleep } from "./cdp.mjs";

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

const browser = launch(chromium, {
  windowSize: "1366,768",
  profilePrefix: "labinov-gallery-",
  args: ["--host-resolver-rules=MAP * ~NOTFOUND"],
});

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
  const p = await browser.page();
  const s = p.s;
  const evaluate = p.evaluate;
  let current = "";
  p.on((msg) => {
    if (msg.method === "Network.requestWillBeSent") {
      const url = msg.params.request.url;
      summary.requests += 1;
      if (!url.startsWith("file://")) summary.external.push(`${current}: ${url}`);
    } else if (msg.method === "Network.loadingFailed") {
      summary.failed.push(`${current}: ${msg.params.errorText} ${msg.params.blockedReason ?? ""}`);
    }
  });
  collectErrors(p, summary.errors, () => current);
  await s("Network.enable");
  await s("Network.emulateNetworkConditions", {
    offline: true,
    latency: 0,
    downloadThroughput: 0,
    uploadThroughput: 0,
  });
  const load = async (url) => {
    current = url.slice(url.lastIndexOf("/galeri/") + 1);
    await p.load(url);
  };

  for (const page of pages(site)) {
    await load(pathToFileURL(page).href);
    summary.pages += 1;
    const found = await browser.axeViolations(p, axe);
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
  await browser.close();
}
console.log(JSON.stringify(summary));
process.exit(process.exitCode ?? 0);
