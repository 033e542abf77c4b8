import { defineConfig } from "vitest/config";

// Preact's JSX runtime comes from tsconfig (`jsxImportSource`), which esbuild reads:
// no framework plugin is needed.
export default defineConfig({
  base: "./",
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.40 (the Tauri webview on Linux) is Safari 16-level JavaScript.
    target: "safari15",
    sourcemap: false,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    restoreMocks: true,
  },
});
