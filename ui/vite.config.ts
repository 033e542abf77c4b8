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
    // One worker thread per core: Vitest's default leaves a core idle (one worker on the
    // 2-core CI machine, where the suite then took 120 s instead of 75 s). Threads start
    // faster than the default child processes; each file still gets its own jsdom.
    pool: "threads",
    maxWorkers: "100%",
    minWorkers: 1,
  },
});
