// Bahasa Indonesia for the lab set-up screens (merged into the main catalogue in ./id.ts).

export const setupId = {
  "setup.title": "Persiapan lab",
};
