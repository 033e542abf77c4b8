import { clearMocks } from "@tauri-apps/api/mocks";
import { act, cleanup } from "@testing-library/preact";
import { afterEach } from "vitest";
import { setLocale } from "../i18n";

afterEach(() => {
  // Inside act(), so unmounted components' effect cleanups (which unlisten from the mocked
  // events) run now rather than after the mocks are gone.
  act(() => cleanup());
  clearMocks();
  setLocale("id");
  localStorage.clear();
});
