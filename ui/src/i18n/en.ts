// English. The type makes a missing or extra key a compile error.

import type { Messages } from "./id";

import { ideaEn } from "./idea.en";
import { projectorEn } from "./projector.en";
import { boardEn } from "./board.en";
import { reviewEn } from "./review.en";
import { setupEn } from "./setup.en";
import { dataEn } from "./data.en";
import { transferEn } from "./transfer.en";
import { reasonEn } from "./reason.en";
import { archiveEn } from "./archive.en";
import { reportEn } from "./report.en";
import { roomEn } from "./room.en";
import { galleryEn } from "./gallery.en";
import { followupEn } from "./followup.en";

export const en: Messages = {
  ...ideaEn,
  ...projectorEn,
  ...boardEn,
  ...reviewEn,
  ...setupEn,
  ...dataEn,
  ...transferEn,
  ...reasonEn,
  ...archiveEn,
  ...reportEn,
  ...roomEn,
  ...galleryEn,
  ...followupEn,
  "app.name": "Labinov",
  "app.tagline": "Innovation Lab",
  "common.loading": "Loading…",
  "common.retry": "Try again",
  "common.detail": "Technical detail: {message}",
  "common.cancel": "Cancel",
  "common.required": "required",

  "lang.switch": "Language: English. Press to switch to Bahasa Indonesia.",
  "nav.label": "Main menu",
  "nav.capture": "Capture ideas",
  "nav.board": "Idea board",
  "nav.newIdea": "New idea",
  "nav.setup": "Set-up",
  "nav.show": "Presentation",
  "nav.trash": "Trash",
  "nav.switchLab": "Switch lab",
  "nav.shortcut": "Shortcut: {keys}",

  "welcome.title": "Welcome to Labinov",
  "welcome.intro":
    "Labinov helps Innovation Lab facilitators capture innovation ideas from every agency (OPD) and show them on an idea board. Everything is stored on this laptop, with no internet needed.",
  "welcome.demoTitle": "Try it first with the demo lab",
  "welcome.demoText": "A sample lab with 37 agencies and 50 ideas, to practise before the event starts.",
  "welcome.openDemo": "Open the demo lab",
  "welcome.openingDemo": "Preparing the demo lab…",

  "newLab.title": "Create a new lab",
  "newLab.intro": "Fill in the event details. Only the lab name is required; the rest can be added later.",
  "newLab.organiserHint": "Usually the Bappeda or Bappedalitbang.",
  "newLab.dateHint": "Format: year-month-day, for example 2026-11-28.",
  "newLab.submit": "Create lab",
  "newLab.submitting": "Creating the lab…",

  "labs.title": "Choose a lab",
  "labs.intro": "The labs stored on this laptop, newest first.",
  "labs.new": "Create a new lab",
  "labs.schedule.one": "{date} · {count} day",
  "labs.schedule.other": "{date} · {count} days",
  "labs.place": "{venue}, {city}",
  "labs.ideas.one": "{count} idea of a target of {target}",
  "labs.ideas.other": "{count} ideas of a target of {target}",
  "labs.agencies.one": "{count} agency",
  "labs.agencies.other": "{count} agencies",

  "field.agencyId": "Proposing agency (OPD)",
  "field.title": "Innovation name",
  "field.proposerName": "Proposer's name",
  "field.proposerPosition": "Position",
  "field.problem": "Problem",
  "field.description": "Description / short design",
  "field.name": "Lab name",
  "field.organiser": "Organiser",
  "field.city": "City / regency",
  "field.venue": "Venue",
  "field.startDate": "Start date",
  "field.days": "Number of days",
  "field.ideaTarget": "Idea target",
  "field.timeZone": "Time zone",

  "picker.placeholder": "Type an agency code or name",
  "picker.hint": "Type to search, ↑ ↓ to choose, Enter to use.",
  "picker.noMatch": "No agency matches “{query}”.",
  "picker.listLabel": "Agencies",

  "capture.newTitle": "New idea",
  "capture.editTitle": "Edit idea",
  "capture.editNote": "Editing the idea captured {time}. Only the fields you change are saved.",
  "capture.save": "Save",
  "capture.saveChanges": "Save changes",
  "capture.saving": "Saving…",
  "capture.saveHint": "Ctrl+Enter saves from any field.",
  "capture.saved": "Idea saved: {title}",
  "capture.updated": "Changes saved: {title}",
  "capture.noChanges": "There are no changes to save.",
  "capture.latestTitle": "Latest ideas",
  "capture.latestHint": "Choose an idea to edit it.",
  "capture.latestEmpty": "No ideas yet. Saved ideas appear here.",
  "capture.latestMore": "{count} more ideas are on the board (Alt+2).",
  "capture.noProposer": "No proposer yet",

  "board.title": "Idea board",
  "board.count": "{count} / {target} ideas",
  "board.progress": "Progress toward the idea target",
  "board.reached": "Target reached!",
  "board.withoutIdea.one": "{count} agency has no idea yet",
  "board.withoutIdea.other": "{count} agencies have no idea yet",
  "board.allHaveIdeas": "Every agency has an idea",
  "board.showWithout": "Show the agencies without an idea",
  "board.groupCount.one": "{count} idea",
  "board.groupCount.other": "{count} ideas",
  "board.empty": "No ideas yet. Capture the first one on the “Capture ideas” screen.",

  "reason.other": "{label}: {text}",

  "error.newer_schema":
    "This data was made by a newer version of Labinov. Update Labinov on this laptop to open it; the data is safe.",
  "error.not_found":
    "What you asked for no longer exists. Go back to the list of labs with “Switch lab” and try again.",
  "error.invalid_input": "Something in the form is not right yet. Check the marked field, then save again.",
  "error.duplicate": "The same entry already exists. Change it so that it differs, then save again.",
  "error.storage_full":
    "The laptop's storage is full. Nothing was saved yet; free some disk space and save again.",
  "error.storage_unavailable":
    "Labinov cannot write to its data folder (no permission, or the disk is read-only). Nothing was saved yet; ask a technician to check the data folder.",
  "error.storage_busy":
    "The data is in use by another program. Nothing was saved yet; wait a moment and try again.",
  "error.not_a_database":
    "Labinov's data file is damaged or is not a Labinov file. Do not delete it; ask a technician for help.",
  "error.storage":
    "Something went wrong while reading or saving data. Try again; if it keeps happening, close and reopen Labinov.",
  "error.file_not_found": "The chosen file was not found. Check where it is, then choose it again.",
  "error.bad_file": "The file could not be read because its format is not right. Check the file, then try again.",
  "error.io": "Something went wrong while reading or writing a file. Try again.",
  "error.internal":
    "Labinov hit an unexpected error. Data already saved is safe; try again, and if it keeps happening, close and reopen Labinov.",
  "error.drive_full":
    "The USB stick or chosen folder is full. No half-written file was left and the data on this laptop is safe; free some space or use another stick, then export again.",
  "error.drive_read_only":
    "The USB stick or chosen folder cannot be written (read-only, locked, or no permission). The data on this laptop is safe; unlock the stick or choose another folder, then export again.",
  "error.drive_removed":
    "The USB stick was pulled out or stopped answering while it was written. The data on this laptop is safe; plug it back in, then export again.",
};
