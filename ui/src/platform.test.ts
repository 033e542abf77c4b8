import { describe, expect, it } from "vitest";
import { markPlatform, platformOf } from "./platform";

describe("platformOf", () => {
  it("tells the webviews apart by their user agent", () => {
    // WebView2 on Windows 10/11, WKWebView on macOS, WebKitGTK on Linux.
    expect(
      platformOf(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      ),
    ).toBe("windows");
    expect(
      platformOf("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"),
    ).toBe("mac");
    expect(
      platformOf("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15"),
    ).toBe("linux");
  });

  it("names the platform on the document for the stylesheet", () => {
    markPlatform(document);
    expect(["windows", "mac", "linux"]).toContain(document.documentElement.dataset.platform);
  });
});
