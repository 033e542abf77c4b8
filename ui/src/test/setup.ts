import { clearMocks } from "@tauri-apps/api/mocks";
import { act, cleanup } from "@testing-library/preact";
import { afterEach, vi } from "vitest";

// jsdom has no object URLs; thumbnails only need a string to put in `src`.
URL.createObjectURL ??= vi.fn(() => "blob:test");
URL.revokeObjectURL ??= vi.fn();
import { setLocale } from "../i18n";

afterEach(() => {
  // Inside act(), so unmounted components' effect cleanups (which unlisten from the mocked
  // events) run now rather than after the mocks are gone.
  act(() => cleanup());
  clearMocks();
  setLocale("id");
  localStorage.clear();
});
