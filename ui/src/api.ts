// The only door to the Rust side: typed wrappers over the Tauri commands and the change
// event. Every rejection becomes an `ApiError`, so screens never see raw IPC failures.

import { type InvokeArgs, type InvokeOptions, invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { Agency } from "./bindings/Agency";
import type { BackupInfo } from "./bindings/BackupInfo";
import type { FoundBundle } from "./bindings/FoundBundle";
import type { MergeConflict } from "./bindings/MergeConflict";
import type { MergeReport } from "./bindings/MergeReport";
import type { AgendaInput } from "./bindings/AgendaInput";
import type { AgendaSession } from "./bindings/AgendaSession";
import type { Attachment } from "./bindings/Attachment";
import type { Draft } from "./bindings/Draft";
import type { ImportMode } from "./bindings/ImportMode";
import type { ImportReport } from "./bindings/ImportReport";
import type { NewAgency } from "./bindings/NewAgency";
import type { OptionItem } from "./bindings/OptionItem";
import type { Person } from "./bindings/Person";
import type { PersonInput } from "./bindings/PersonInput";
import type { SimilarIdea } from "./bindings/SimilarIdea";
import type { AppInfo } from "./bindings/AppInfo";
import type { Board } from "./bindings/Board";
import type { BoardPage } from "./bindings/BoardPage";
import type { Criterion } from "./bindings/Criterion";
import type { IdeaReviews } from "./bindings/IdeaReviews";
import type { RankRow } from "./bindings/RankRow";
import type { ReleasedResults } from "./bindings/ReleasedResults";
import type { Review } from "./bindings/Review";
import type { ReviewInput } from "./bindings/ReviewInput";
import type { VoteResult } from "./bindings/VoteResult";
import type { VoteRound } from "./bindings/VoteRound";
import type { BoardQuery } from "./bindings/BoardQuery";
import type { IdeaNote } from "./bindings/IdeaNote";
import type { LabStats } from "./bindings/LabStats";
import type { PitchSession } from "./bindings/PitchSession";
import type { ShowMode } from "./bindings/ShowMode";
import type { ShowState } from "./bindings/ShowState";
import type { ShowTheme } from "./bindings/ShowTheme";
import type { ChangeEvent } from "./bindings/ChangeEvent";
import type { ChangeRecord } from "./bindings/ChangeRecord";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { ErrorPayload } from "./bindings/ErrorPayload";
import type { Idea } from "./bindings/Idea";
import type { IdeaInput } from "./bindings/IdeaInput";
import type { IdeaPatch } from "./bindings/IdeaPatch";
import type { Lab } from "./bindings/Lab";
import type { LabSummary } from "./bindings/LabSummary";
import type { NewLab } from "./bindings/NewLab";
import type { Drive } from "./bindings/Drive";
import type { ExportOptions } from "./bindings/ExportOptions";
import type { ExportProgress } from "./bindings/ExportProgress";
import type { ExportReport } from "./bindings/ExportReport";

/** The event every window receives after a write. */
export const CHANGED_EVENT = "labinov:changed";

const ERROR_CODES: readonly ErrorCode[] = [
  "newer_schema",
  "not_found",
  "invalid_input",
  "duplicate",
  "storage_full",
  "storage_unavailable",
  "storage_busy",
  "not_a_database",
  "storage",
  "file_not_found",
  "bad_file",
  "io",
  "internal",
  "drive_full",
  "drive_read_only",
  "drive_removed",
];

/** A failed command: a stable code to translate, English detail, and the field it is about. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | null;

  constructor(code: ErrorCode, message: string, field: string | null = null) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.field = field;
  }

  /** Whatever a command rejected with, as an `ApiError` (`internal` unless it is a payload). */
  static from(reason: unknown): ApiError {
    if (reason instanceof ApiError) return reason;
    if (isErrorPayload(reason)) return new ApiError(reason.code, reason.message, reason.field ?? null);
    const message = reason instanceof Error ? reason.message : String(reason);
    return new ApiError("internal", message);
  }
}

function isErrorPayload(v: unknown): v is ErrorPayload {
  if (typeof v !== "object" || v === null) return false;
  const p = v as Record<string, unknown>;
  return (
    typeof p.code === "string" &&
    (ERROR_CODES as readonly string[]).includes(p.code) &&
    typeof p.message === "string" &&
    (p.field === null || p.field === undefined || typeof p.field === "string")
  );
}

async function call<T>(command: string, args?: InvokeArgs, options?: InvokeOptions): Promise<T> {
  try {
    return await invoke<T>(command, args, options);
  } catch (reason) {
    throw ApiError.from(reason);
  }
}

export const appInfo = () => call<AppInfo>("app_info");

/** The folder the app's log is written to (`logs` beside the database). */
export const logFolder = () => call<string>("log_folder");

/** Opens the log folder in the system's file manager; resolves to its path. */
export const openLogFolder = () => call<string>("open_log_folder");

export const listLabs = () => call<LabSummary[]>("list_labs");

export const createLab = (input: NewLab) => call<Lab>("create_lab", { input });

export const openLab = (labId: string) => call<Lab>("open_lab", { labId });
/** Reads a lab without remembering it as the one to reopen (the projector follows, it does not choose). */
export const getLab = (labId: string) => call<Lab>("get_lab", { labId });

export const createDemoLab = () => call<Lab>("create_demo_lab");

/** Changes a lab's details (name, organiser, place, dates, target). */
export const updateLab = (labId: string, input: NewLab) => call<Lab>("update_lab", { labId, input });

export const listAgencies = (labId: string) => call<Agency[]>("list_agencies", { labId });

export const listIdeas = (labId: string) => call<Idea[]>("list_ideas", { labId });

export const getIdea = (ideaId: string) => call<Idea>("get_idea", { ideaId });

/** Saves a new idea; with `draftId`, the draft it was typed in is removed in the same transaction. */
export const addIdea = (labId: string, input: IdeaInput, draftId: string | null = null) =>
  call<Idea>("add_idea", { labId, input, draftId });

export const updateIdea = (ideaId: string, patch: IdeaPatch, draftId: string | null = null) =>
  call<Idea>("update_idea", { ideaId, patch, draftId });

export const ideaHistory = (ideaId: string) => call<ChangeRecord[]>("idea_history", { ideaId });

export const getBoard = (labId: string) => call<Board>("get_board", { labId });

export const similarIdeas = (labId: string, text: string, exclude: string | null = null) =>
  call<SimilarIdea[]>("similar_ideas", { labId, text, exclude });

export const searchIdeas = (labId: string, text: string) => call<Idea[]>("search_ideas", { labId, text });

export const deleteIdea = (ideaId: string) => call<Idea>("delete_idea", { ideaId });

export const restoreIdea = (ideaId: string) => call<Idea>("restore_idea", { ideaId });

export const listTrash = (labId: string) => call<Idea[]>("list_trash", { labId });

/** Removes every idea in the trash for good; resolves to how many. */
export const emptyTrash = (labId: string) => call<number>("empty_trash", { labId });

/** Merges `from` into `into`: `from` is hidden and points at `into`; undo with `unmergeIdea`. */
export const mergeIdeas = (into: string, from: string) => call<Idea>("merge_ideas", { into, from });

export const unmergeIdea = (ideaId: string) => call<Idea>("unmerge_idea", { ideaId });

/** The ideas merged into `ideaId`. */
export const mergedIdeas = (ideaId: string) => call<Idea[]>("merged_ideas", { ideaId });

// Drafts: the capture form as it is typed, kept in the database.

export const saveDraft = (draftId: string, labId: string, ideaId: string | null, fields: IdeaPatch) =>
  call<Draft>("save_draft", { draftId, labId, ideaId, fields });

export const listDrafts = (labId: string) => call<Draft[]>("list_drafts", { labId });

export const discardDraft = (draftId: string) => call<null>("discard_draft", { draftId });

// Lab set-up.

export const addAgency = (labId: string, input: NewAgency) => call<Agency>("add_agency", { labId, input });

export const editAgency = (agencyId: string, input: NewAgency) => call<Agency>("edit_agency", { agencyId, input });

export const setAgencyRetired = (agencyId: string, retired: boolean) =>
  call<Agency>("set_agency_retired", { agencyId, retired });

export const listOptions = (labId: string) => call<OptionItem[]>("list_options", { labId });

export const saveOption = (labId: string, list: string, code: string, labelId: string, labelEn: string) =>
  call<OptionItem>("save_option", { labId, list, code, labelId, labelEn });

export const retireOption = (labId: string, list: string, code: string) =>
  call<null>("retire_option", { labId, list, code });

export const getAgenda = (labId: string) => call<AgendaSession[]>("get_agenda", { labId });

export const addSession = (labId: string, input: AgendaInput) => call<AgendaSession>("add_session", { labId, input });

export const updateSession = (labId: string, sessionId: string, input: AgendaInput) =>
  call<AgendaSession>("update_session", { labId, sessionId, input });

export const deleteSession = (labId: string, sessionId: string) => call<null>("delete_session", { labId, sessionId });

export const listPeople = (labId: string) => call<Person[]>("list_people", { labId });

export const addPerson = (labId: string, input: PersonInput) => call<Person>("add_person", { labId, input });

export const removePerson = (labId: string, personId: string) => call<null>("remove_person", { labId, personId });

// Files: sent as the raw body, with what describes them in headers (percent-encoded).

function upload<T>(command: string, bytes: Uint8Array | ArrayBuffer, headers: Record<string, string>): Promise<T> {
  const encoded: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) encoded[k] = encodeURIComponent(v);
  return call<T>(command, bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), { headers: encoded });
}

/** Checks (`preview`) or imports an agencies roster from CSV or XLSX bytes. */
export const importAgencies = (labId: string, fileName: string, bytes: Uint8Array | ArrayBuffer, mode: ImportMode) =>
  upload<ImportReport>("import_agencies", bytes, { "lab-id": labId, "file-name": fileName, "import-mode": mode });

/** Checks (`preview`) or imports ideas from CSV or XLSX bytes. */
export const importIdeas = (labId: string, fileName: string, bytes: Uint8Array | ArrayBuffer, mode: ImportMode) =>
  upload<ImportReport>("import_ideas", bytes, { "lab-id": labId, "file-name": fileName, "import-mode": mode });

/** Attaches a photo to an idea. */
export const addAttachment = (labId: string, ideaId: string, fileName: string, bytes: Uint8Array | ArrayBuffer) =>
  upload<Attachment>("add_attachment", bytes, { "lab-id": labId, "idea-id": ideaId, "file-name": fileName });

export const listAttachments = (ideaId: string) => call<Attachment[]>("list_attachments", { ideaId });

/** The thumbnail (or with `full`, the photo itself) as bytes. */
export const attachmentBytes = (attachmentId: string, full = false) =>
  call<ArrayBuffer>("attachment_bytes", { attachmentId, full });

export const removeAttachment = (labId: string, attachmentId: string) =>
  call<null>("remove_attachment", { labId, attachmentId });

// Boards and statistics.

/** One page of the board: the columns of the grouping with their counts, and the cards asked for. */
export const boardPage = (labId: string, query: BoardQuery) => call<BoardPage>("board_page", { labId, query });

/** Moves an idea to another status (a kanban move). */
export const setIdeaStatus = (ideaId: string, status: string) => call<Idea>("set_idea_status", { ideaId, status });

export const labStats = (labId: string) => call<LabStats>("lab_stats", { labId });

// The show: what the projector window shows, and the pitch session.

/** Opens the projector window, or brings it to the front. */
export const openProjector = () => call<null>("open_projector");

export const showState = (labId: string) => call<ShowState>("show_state", { labId });

export const setShowMode = (labId: string, mode: ShowMode) => call<ShowState>("set_show_mode", { labId, mode });

export const setSpotlight = (labId: string, ideaId: string | null) => call<ShowState>("set_spotlight", { labId, ideaId });

export const setShowTheme = (labId: string, theme: ShowTheme) => call<ShowState>("set_show_theme", { labId, theme });

export const setResultsReleased = (labId: string, released: boolean) =>
  call<ShowState>("set_results_released", { labId, released });

export const pitchSession = (labId: string) => call<PitchSession>("pitch_session", { labId });

/** Builds the presenter queue from the lab's ideas (keeping what was done or skipped). */
export const buildPitchQueue = (labId: string) => call<PitchSession>("build_pitch_queue", { labId });

export const shufflePitchQueue = (labId: string, seed: number) => call<PitchSession>("shuffle_pitch_queue", { labId, seed });

export const movePitchSlot = (labId: string, ideaId: string, toPosition: number) =>
  call<PitchSession>("move_pitch_slot", { labId, ideaId, toPosition });

export const startPitch = (labId: string, ideaId: string) => call<PitchSession>("start_pitch", { labId, ideaId });

export const pausePitch = (labId: string) => call<PitchSession>("pause_pitch", { labId });

export const resumePitch = (labId: string) => call<PitchSession>("resume_pitch", { labId });

export const finishPitch = (labId: string) => call<PitchSession>("finish_pitch", { labId });

export const skipPitch = (labId: string, ideaId: string) => call<PitchSession>("skip_pitch", { labId, ideaId });

export const requeuePitch = (labId: string, ideaId: string) => call<PitchSession>("requeue_pitch", { labId, ideaId });

export const setPitchDuration = (labId: string, durationMs: number) =>
  call<PitchSession>("set_pitch_duration", { labId, durationMs });

export const addIdeaNote = (ideaId: string, text: string) => call<IdeaNote>("add_idea_note", { ideaId, text });

export const listIdeaNotes = (ideaId: string) => call<IdeaNote[]>("list_idea_notes", { ideaId });

// Review and voting.

export const rubric = (labId: string) => call<Criterion[]>("rubric", { labId });

/** Replaces the rubric; once reviews exist the core asks for `confirmed` (error field "confirm"). */
export const saveRubric = (labId: string, criteria: Criterion[], confirmed: boolean) =>
  call<Criterion[]>("save_rubric", { labId, criteria, confirmed });

export const reviewBlind = (labId: string) => call<boolean>("review_blind", { labId });

export const setReviewBlind = (labId: string, blind: boolean) => call<boolean>("set_review_blind", { labId, blind });

export const saveReview = (labId: string, ideaId: string, reviewerId: string, input: ReviewInput) =>
  call<Review>("save_review", { labId, ideaId, reviewerId, input });

/** The reviews `reviewerId` may see (blind mode hides the others' until theirs is submitted). */
export const ideaReviews = (ideaId: string, reviewerId: string | null) =>
  call<IdeaReviews>("idea_reviews", { ideaId, reviewerId });

export const ranking = (labId: string) => call<RankRow[]>("ranking", { labId });

/** What the projector's results mode may show: empty until the facilitator releases it. */
export const releasedResults = (labId: string) =>
  call<ReleasedResults>("released_results", { labId });

export const openVoteRound = (labId: string, dots: number, candidates: string[]) =>
  call<VoteRound>("open_vote_round", { labId, dots, candidates });

export const voteRound = (roundId: string) => call<VoteRound>("vote_round", { roundId });

export const castBallot = (roundId: string, dots: Record<string, number>) => call<VoteRound>("cast_ballot", { roundId, dots });

export const closeVoteRound = (labId: string, roundId: string) =>
  call<VoteResult[]>("close_vote_round", { labId, roundId });

export const voteResults = (roundId: string) => call<VoteResult[]>("vote_results", { roundId });

/** Calls `cb` after every write, in any window. Resolves to the function that stops it. */
export function onChanged(cb: (event: ChangeEvent) => void): Promise<() => void> {
  return listen<ChangeEvent>(CHANGED_EVENT, (e) => cb(e.payload));
}

/** The event an export reports each step by (to the window that started it). */
export const EXPORT_PROGRESS_EVENT = "labinov:export-progress";

/** Removable drives (USB sticks) mounted now; empty where none can be found. */
export const listDrives = () => call<Drive[]>("list_drives");

/** Exports the lab into a new folder under `dest`: reads only, verified file by file. */
export const exportLab = (labId: string, dest: string, options: ExportOptions) =>
  call<ExportReport>("export_lab", { labId, dest, options });

/** The native folder picker (run by the Rust side); `null` when cancelled. */
export const pickFolder = (title?: string) => call<string | null>("pick_folder", { title: title ?? null });

/** The native file picker, optionally limited to extensions (without dots); `null` when cancelled. */
export const pickFile = (title?: string, filterName?: string, extensions?: string[]) =>
  call<string | null>("pick_file", {
    title: title ?? null,
    filterName: filterName ?? null,
    extensions: extensions ?? null,
  });

/** Calls `cb` for each step of a running export. Resolves to the function that stops it. */
export function onExportProgress(cb: (progress: ExportProgress) => void): Promise<() => void> {
  return listen<ExportProgress>(EXPORT_PROGRESS_EVENT, (e) => cb(e.payload));
}

// Import & merge, the conflict log, backups (issue 6).

/** The `.labinov` files on the removable drives, newest first. */
export const findBundles = () => call<FoundBundle[]>("find_bundles");

/** What merging the bundle at `path` would do; nothing is written. */
export const previewBundle = (path: string) => call<MergeReport>("preview_bundle", { path });

/** Merges the bundle at `path` into this laptop's database. */
export const mergeBundle = (path: string) => call<MergeReport>("merge_bundle", { path });

/** The lab's open conflict entries (values that lost a merge), newest first. */
export const listConflicts = (labId: string, includeResolved = false) =>
  call<MergeConflict[]>("list_conflicts", { labId, includeResolved });

/** Puts a losing value back (a new edit); returns the entry, now resolved. */
export const restoreConflict = (conflictId: number) =>
  call<MergeConflict>("restore_conflict", { conflictId });

/** The rolling backups, newest first. */
export const listBackups = () => call<BackupInfo[]>("list_backups");

/** Restores a backup; returns the backup of the state before it. */
export const restoreBackup = (name: string) => call<BackupInfo>("restore_backup", { name });
