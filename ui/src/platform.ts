/** The system the webview runs on, as styles.css names it (`:root[data-platform]`): each
 * gets its own interface font, named alone. WebKitGTK looks every family it lacks up in
 * fontconfig, about 60 ms each on the first layout, so Linux gets the generic family,
 * which fontconfig resolves to the desktop's font. */
export type Platform = "windows" | "mac" | "linux";

export function platformOf(userAgent: string): Platform {
  if (/Windows/.test(userAgent)) return "windows";
  if (/Macintosh|Mac OS X/.test(userAgent)) return "mac";
  return "linux";
}

/** Names the platform on the document, before the first render. */
export function markPlatform(doc: Document = document) {
  doc.documentElement.dataset.platform = platformOf(navigator.userAgent);
}
