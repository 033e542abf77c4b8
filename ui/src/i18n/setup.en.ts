// English for the lab set-up screens (merged into the main catalogue in ./en.ts).

import type { setupId } from "./setup.id";

export const setupEn: Record<keyof typeof setupId, string> = {
  "setup.title": "Lab set-up",
};
