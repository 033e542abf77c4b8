// English: the Data screen (export to a USB stick).

import type { dataId } from "./data.id";

export const dataEn: Record<keyof typeof dataId, string> = {
  "nav.data": "Data",
  "data.title": "Lab data",
  "data.intro": "Take the results of {lab} out of the room on a USB stick, or merge data from another laptop.",
  "data.tabsLabel": "Lab data sections",
  "data.tab.export": "Export",

  "export.title": "Export to USB",
  "export.intro":
    "The report, the spreadsheets and the lab bundle are written into one new folder on the stick. Every file is read back and checked; the data on this laptop is not changed.",
  "export.drives": "Destination",
  "export.refresh": "Refresh the list",
  "export.pickFolder": "Choose another folder…",
  "export.pickTitle": "Choose the folder to export to",
  "export.noDrives": "No USB stick found. Plug one in and press “Refresh the list”, or choose another folder.",
  "export.free": "{free} free of {total}",
  "export.readOnly": "read-only, cannot be written",
  "export.chosenFolder": "Chosen folder",
  "export.formats": "What to export",
  "export.format.html": "Report (HTML, opens in any browser)",
  "export.format.pdf": "Report (PDF, ready to print)",
  "export.format.xlsx": "Innovation ideas (Excel: ideas, review, agencies)",
  "export.format.csv": "Innovation ideas (CSV)",
  "export.format.json": "All data (JSON)",
  "export.format.bundle": "Lab bundle for another laptop (.labinov)",
  "export.lang": "Report language",
  "export.lang.id": "Bahasa Indonesia",
  "export.lang.en": "English",
  "export.go": "Export to USB",
  "export.needDest": "Choose a USB stick or a folder first.",
  "export.needFormat": "Choose at least one thing to export.",
  "export.progressLabel": "Export progress",
  "export.step.snapshot": "Taking a copy of the data…",
  "export.step.file": "Writing and checking {file}…",
  "export.step.sums": "Writing the checksum list…",
  "export.step.finish": "Giving the files their names and checking…",
  "export.stepCount": "step {done} of {total}",
  "export.done": "Export finished: {ideas} ideas written to the folder {folder}.",
  "export.where": "Folder location: {path}",
  "export.verified": "verified",
  "export.notVerified": "not verified",
  "export.failed": "The export failed.",

  "logs.title": "Application log",
  "logs.intro":
    "Labinov records important events (start, backups, exports, merges, errors) in a log file, without the content of ideas. Send this folder when the support team asks for it.",
  "logs.where": "Log folder:",
  "logs.open": "Open the log folder",
  "logs.openFailed": "The log folder could not be opened in the file manager. Open the folder above yourself.",
};
