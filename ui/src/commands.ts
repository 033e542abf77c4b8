// Generated from the command declarations in src-tauri/src/commands/list.rs by
// src-tauri/src/commands/client.rs: do not edit. Change the declaration and run
// `make bindings`. Import from "./api", which connects these to `invoke`.

import type { Agency } from "./bindings/Agency";
import type { AgencyIidEstimate } from "./bindings/AgencyIidEstimate";
import type { AgendaInput } from "./bindings/AgendaInput";
import type { AgendaSession } from "./bindings/AgendaSession";
import type { AppInfo } from "./bindings/AppInfo";
import type { ArchivePage } from "./bindings/ArchivePage";
import type { ArchiveQuery } from "./bindings/ArchiveQuery";
import type { ArchiveSummary } from "./bindings/ArchiveSummary";
import type { Attachment } from "./bindings/Attachment";
import type { AttendanceCounts } from "./bindings/AttendanceCounts";
import type { AttendanceInput } from "./bindings/AttendanceInput";
import type { Attendee } from "./bindings/Attendee";
import type { BackupInfo } from "./bindings/BackupInfo";
import type { Board } from "./bindings/Board";
import type { BoardPage } from "./bindings/BoardPage";
import type { BoardQuery } from "./bindings/BoardQuery";
import type { ChangeRecord } from "./bindings/ChangeRecord";
import type { CoachNote } from "./bindings/CoachNote";
import type { ConflictChoice } from "./bindings/ConflictChoice";
import type { Criterion } from "./bindings/Criterion";
import type { Draft } from "./bindings/Draft";
import type { Drive } from "./bindings/Drive";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { Evidence } from "./bindings/Evidence";
import type { ExportOptions } from "./bindings/ExportOptions";
import type { ExportReport } from "./bindings/ExportReport";
import type { FollowupBoard } from "./bindings/FollowupBoard";
import type { FollowupPlan } from "./bindings/FollowupPlan";
import type { FoundBundle } from "./bindings/FoundBundle";
import type { Gallery } from "./bindings/Gallery";
import type { GalleryChoices } from "./bindings/GalleryChoices";
import type { Idea } from "./bindings/Idea";
import type { IdeaFollowup } from "./bindings/IdeaFollowup";
import type { IdeaInput } from "./bindings/IdeaInput";
import type { IdeaNote } from "./bindings/IdeaNote";
import type { IdeaPatch } from "./bindings/IdeaPatch";
import type { IdeaReviews } from "./bindings/IdeaReviews";
import type { IidAnswer } from "./bindings/IidAnswer";
import type { IidConfig } from "./bindings/IidConfig";
import type { IidEstimate } from "./bindings/IidEstimate";
import type { ImportMode } from "./bindings/ImportMode";
import type { ImportReport } from "./bindings/ImportReport";
import type { Lab } from "./bindings/Lab";
import type { LabStats } from "./bindings/LabStats";
import type { LabSummary } from "./bindings/LabSummary";
import type { LabWorkbookImport } from "./bindings/LabWorkbookImport";
import type { Lang } from "./bindings/Lang";
import type { LatestIdeas } from "./bindings/LatestIdeas";
import type { LineageStep } from "./bindings/LineageStep";
import type { MergeConflict } from "./bindings/MergeConflict";
import type { MergeReport } from "./bindings/MergeReport";
import type { Milestone } from "./bindings/Milestone";
import type { NewAgency } from "./bindings/NewAgency";
import type { NewLab } from "./bindings/NewLab";
import type { OptionItem } from "./bindings/OptionItem";
import type { Partner } from "./bindings/Partner";
import type { Person } from "./bindings/Person";
import type { PersonInput } from "./bindings/PersonInput";
import type { PitchSession } from "./bindings/PitchSession";
import type { ProgressUpdate } from "./bindings/ProgressUpdate";
import type { Proposal } from "./bindings/Proposal";
import type { ProposalEdit } from "./bindings/ProposalEdit";
import type { QuestionState } from "./bindings/QuestionState";
import type { RankRow } from "./bindings/RankRow";
import type { Reason } from "./bindings/Reason";
import type { ReleasedResults } from "./bindings/ReleasedResults";
import type { ReportSettings } from "./bindings/ReportSettings";
import type { Review } from "./bindings/Review";
import type { ReviewInput } from "./bindings/ReviewInput";
import type { RoomAddress } from "./bindings/RoomAddress";
import type { RoomQuestion } from "./bindings/RoomQuestion";
import type { RoomStatus } from "./bindings/RoomStatus";
import type { ShowMode } from "./bindings/ShowMode";
import type { ShowState } from "./bindings/ShowState";
import type { ShowTheme } from "./bindings/ShowTheme";
import type { SimilarIdea } from "./bindings/SimilarIdea";
import type { Step } from "./bindings/Step";
import type { StepInput } from "./bindings/StepInput";
import type { UpdateInput } from "./bindings/UpdateInput";
import type { VoteResult } from "./bindings/VoteResult";
import type { VoteRound } from "./bindings/VoteRound";
import type { WorkbookImport } from "./bindings/WorkbookImport";

/** Every error code a command can reject with (`ErrorCode::ALL`). */
export const ERROR_CODES: readonly ErrorCode[] = [
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

/** One reason of every kind, each parameter filled (`Reason::samples`): what the UI's tests walk. */
export const REASON_SAMPLES: readonly Reason[] = [
  {"kind":"required"},
  {"kind":"tooLong","length":7,"max":7},
  {"kind":"controlCharacter","codePoint":7},
  {"kind":"notAWholeNumber","value":"Contoh"},
  {"kind":"notADate","value":"Contoh"},
  {"kind":"notATime","value":"Contoh"},
  {"kind":"notADayNumber","value":"Contoh"},
  {"kind":"unknownTimeZone","value":"Contoh"},
  {"kind":"notOneOf","value":"Contoh","allowed":["a","b"]},
  {"kind":"notAnOption","value":"Contoh","list":"Contoh"},
  {"kind":"optionRetired","value":"Contoh","list":"Contoh"},
  {"kind":"notAnOptionList","list":"Contoh"},
  {"kind":"optionCodeCharacters"},
  {"kind":"dayOutOfRange","days":7},
  {"kind":"labDays","max":7},
  {"kind":"ideaTargetTooLarge","max":7},
  {"kind":"daysInUse","days":7,"ideas":7,"sessions":7},
  {"kind":"endsBeforeStart"},
  {"kind":"agencyOfOtherLab"},
  {"kind":"agencyRetired"},
  {"kind":"chooseAgency"},
  {"kind":"participantNeedsAgency"},
  {"kind":"noAgencyCalled","value":"Contoh"},
  {"kind":"tagTooLong","max":7},
  {"kind":"tooManyTags","max":7},
  {"kind":"sameTitle"},
  {"kind":"mergeIntoItself"},
  {"kind":"mergeDifferentLabs"},
  {"kind":"mergeTargetGone"},
  {"kind":"alreadyMerged"},
  {"kind":"notMerged"},
  {"kind":"carryIntoSameLab"},
  {"kind":"alreadyCarriedForward"},
  {"kind":"carryNoAgency","code":"Contoh"},
  {"kind":"labExists","name":"Contoh","startDate":"Contoh"},
  {"kind":"noIdeaSheet"},
  {"kind":"noAgencySheet"},
  {"kind":"draftTooLarge","maxBytes":7},
  {"kind":"codeRepeated","value":"Contoh","line":7},
  {"kind":"inRow","row":7,"reason":{"kind":"required"}},
  {"kind":"noColumn","column":"Contoh"},
  {"kind":"fileTooLarge","maxBytes":7},
  {"kind":"tooManyRows","max":7},
  {"kind":"wrongFileType"},
  {"kind":"emptyFile"},
  {"kind":"unreadableSpreadsheet","detail":"Contoh"},
  {"kind":"notUtf8"},
  {"kind":"excelError","detail":"Contoh"},
  {"kind":"notAFolder"},
  {"kind":"photoTooLarge","sizeBytes":7,"maxBytes":7},
  {"kind":"notAPhoto"},
  {"kind":"photoUnreadable","detail":"Contoh"},
  {"kind":"notInPitchQueue"},
  {"kind":"chooseIdea"},
  {"kind":"pitchDuration","minSeconds":7,"maxMinutes":7},
  {"kind":"rubricEmpty"},
  {"kind":"confirmRubricChange"},
  {"kind":"weightRange","max":7},
  {"kind":"scaleRange","min":7,"max":7},
  {"kind":"chooseReviewer"},
  {"kind":"notACriterion","criterion":"Contoh"},
  {"kind":"scoreRange","criterion":"Contoh","max":7},
  {"kind":"dotsRange","max":7},
  {"kind":"voteNeedsTwo"},
  {"kind":"voteClosed"},
  {"kind":"notACandidate","value":"Contoh"},
  {"kind":"tallyAfterClose"},
  {"kind":"cannotRestore"},
  {"kind":"oldValueDoesNotFit","detail":"Contoh"},
  {"kind":"notABackup"},
  {"kind":"backupDamaged","detail":"Contoh"},
  {"kind":"notAFile"},
  {"kind":"bundleTooLarge","sizeBytes":7,"maxBytes":7},
  {"kind":"notABundle","detail":"Contoh"},
  {"kind":"bundleFormat","found":"Contoh","supported":"Contoh"},
  {"kind":"bundleOlderSchema","found":7,"supported":7},
  {"kind":"bundleInvalid","detail":"Contoh"},
  {"kind":"clockAhead","laptop":"Contoh","claims":"Contoh","ahead":"Contoh","local":"Contoh","maxHours":7,"exportedBy":"Contoh"},
  {"kind":"yearOutOfRange","min":7,"max":7},
  {"kind":"dueBeforeStart"},
  {"kind":"percentRange"},
  {"kind":"partnerAlready"},
  {"kind":"notEvidence"},
  {"kind":"evidenceTypeMismatch","claimed":"Contoh","found":"Contoh"},
  {"kind":"notThisIdeas"},
  {"kind":"iidConfigInvalid","detail":"Contoh"},
  {"kind":"iidLevels","max":7},
  {"kind":"iidIndicatorCount","max":7},
  {"kind":"iidParameterCount","expected":7},
  {"kind":"iidFirstBand"},
  {"kind":"iidBandsRise"},
  {"kind":"iidBandRange"},
  {"kind":"notAnIndicator","indicator":"Contoh"},
  {"kind":"parameterRange","max":7},
  {"kind":"notAFollowupWorkbook"},
  {"kind":"workbookOtherLab"},
  {"kind":"workbookHeaders","sheet":"Contoh","column":"Contoh"},
  {"kind":"notAgencysIdea"},
  {"kind":"removedSince"},
  {"kind":"notInWorkbook"},
  {"kind":"taken","value":"Contoh"},
  {"kind":"chooseSession"},
  {"kind":"choosePerson"},
  {"kind":"nipDigits","length":7},
  {"kind":"nipParts"},
  {"kind":"internal","detail":"Contoh"},
  {"kind":"joinCodeWrong"},
  {"kind":"notJoined"},
  {"kind":"alreadyVoted"},
  {"kind":"alreadyDecided"},
  {"kind":"submissionId"},
  {"kind":"questionNotShown"},
  {"kind":"addressUnavailable","address":"Contoh"},
];

/** How the commands are sent: api.ts's `call` (JSON) and `upload` (raw body, headers). */
export interface Transport {
  call<T>(command: string, args?: Record<string, unknown>): Promise<T>;
  upload<T>(command: string, bytes: Uint8Array | ArrayBuffer, headers: Record<string, string>): Promise<T>;
}

let connected: Transport | null = null;

/** Sends every command below through `t`. api.ts connects it once, when it is loaded. */
export default function connect(t: Transport): void {
  connected = t;
}

function transport(): Transport {
  if (connected === null) throw new Error("the commands are imported from ./api, which connects them");
  return connected;
}

// app

export const appInfo = () => transport().call<AppInfo>("app_info");

/** The folder the app's log is written to (`logs` beside the database). */
export const logFolder = () => transport().call<string>("log_folder");

/** Opens the log folder in the system's file manager; resolves to its path. */
export const openLogFolder = () => transport().call<string>("open_log_folder");

// labs

export const listLabs = () => transport().call<Array<LabSummary>>("list_labs");

export const createLab = (input: NewLab) => transport().call<Lab>("create_lab", { input });

/** Changes a lab's details (name, organiser, place, dates, target). */
export const updateLab = (labId: string, input: NewLab) => transport().call<Lab>("update_lab", { labId, input });

/** Reads a lab without remembering it as the one to reopen (the projector follows, it does not choose). */
export const getLab = (labId: string) => transport().call<Lab>("get_lab", { labId });

export const openLab = (labId: string) => transport().call<Lab>("open_lab", { labId });

export const createDemoLab = () => transport().call<Lab>("create_demo_lab");

// setup

export const listAgencies = (labId: string) => transport().call<Array<Agency>>("list_agencies", { labId });

export const addAgency = (labId: string, input: NewAgency) => transport().call<Agency>("add_agency", { labId, input });

export const editAgency = (agencyId: string, input: NewAgency) =>
  transport().call<Agency>("edit_agency", { agencyId, input });

export const setAgencyRetired = (agencyId: string, retired: boolean) =>
  transport().call<Agency>("set_agency_retired", { agencyId, retired });

export const listOptions = (labId: string) => transport().call<Array<OptionItem>>("list_options", { labId });

export const saveOption = (labId: string, list: string, code: string, labelId: string, labelEn: string) =>
  transport().call<OptionItem>("save_option", { labId, list, code, labelId, labelEn });

export const retireOption = (labId: string, list: string, code: string) =>
  transport().call<null>("retire_option", { labId, list, code });

export const getAgenda = (labId: string) => transport().call<Array<AgendaSession>>("get_agenda", { labId });

export const addSession = (labId: string, input: AgendaInput) =>
  transport().call<AgendaSession>("add_session", { labId, input });

export const updateSession = (labId: string, sessionId: string, input: AgendaInput) =>
  transport().call<AgendaSession>("update_session", { labId, sessionId, input });

export const deleteSession = (labId: string, sessionId: string) =>
  transport().call<null>("delete_session", { labId, sessionId });

export const listPeople = (labId: string) => transport().call<Array<Person>>("list_people", { labId });

export const addPerson = (labId: string, input: PersonInput) =>
  transport().call<Person>("add_person", { labId, input });

export const removePerson = (labId: string, personId: string) =>
  transport().call<null>("remove_person", { labId, personId });

/** Checks (`preview`) or imports an agencies roster from CSV or XLSX bytes. */
export const importAgencies = (labId: string, fileName: string, bytes: Uint8Array | ArrayBuffer, importMode: ImportMode) =>
  transport().upload<ImportReport>("import_agencies", bytes, { "lab-id": labId, "file-name": fileName, "import-mode": importMode });

/** Checks (`preview`) or imports ideas from CSV or XLSX bytes. */
export const importIdeas = (labId: string, fileName: string, bytes: Uint8Array | ArrayBuffer, importMode: ImportMode) =>
  transport().upload<ImportReport>("import_ideas", bytes, { "lab-id": labId, "file-name": fileName, "import-mode": importMode });

// ideas

export const listIdeas = (labId: string) => transport().call<Array<Idea>>("list_ideas", { labId });

/** The lab's `limit` newest ideas (at most 200) and how many it has. */
export const latestIdeas = (labId: string, limit: number) =>
  transport().call<LatestIdeas>("latest_ideas", { labId, limit });

export const getIdea = (ideaId: string) => transport().call<Idea>("get_idea", { ideaId });

/** Saves a new idea; with `draftId`, the draft it was typed in is removed in the same transaction. */
export const addIdea = (labId: string, input: IdeaInput, draftId: string | null = null) =>
  transport().call<Idea>("add_idea", { labId, input, draftId });

export const updateIdea = (ideaId: string, patch: IdeaPatch, draftId: string | null = null) =>
  transport().call<Idea>("update_idea", { ideaId, patch, draftId });

export const ideaHistory = (ideaId: string) => transport().call<Array<ChangeRecord>>("idea_history", { ideaId });

export const getBoard = (labId: string) => transport().call<Board>("get_board", { labId });

export const similarIdeas = (labId: string, text: string, exclude: string | null = null) =>
  transport().call<Array<SimilarIdea>>("similar_ideas", { labId, text, exclude });

export const searchIdeas = (labId: string, text: string) =>
  transport().call<Array<Idea>>("search_ideas", { labId, text });

export const deleteIdea = (ideaId: string) => transport().call<Idea>("delete_idea", { ideaId });

export const restoreIdea = (ideaId: string) => transport().call<Idea>("restore_idea", { ideaId });

export const listTrash = (labId: string) => transport().call<Array<Idea>>("list_trash", { labId });

/** Removes every idea in the trash for good; resolves to how many. */
export const emptyTrash = (labId: string) => transport().call<number>("empty_trash", { labId });

/** Merges `from` into `into`: `from` is hidden and points at `into`; undo with `unmergeIdea`. */
export const mergeIdeas = (into: string, from: string) => transport().call<Idea>("merge_ideas", { into, from });

export const unmergeIdea = (ideaId: string) => transport().call<Idea>("unmerge_idea", { ideaId });

/** The ideas merged into `ideaId`. */
export const mergedIdeas = (ideaId: string) => transport().call<Array<Idea>>("merged_ideas", { ideaId });

// drafts

export const saveDraft = (draftId: string, labId: string, ideaId: string | null, fields: IdeaPatch) =>
  transport().call<Draft>("save_draft", { draftId, labId, ideaId, fields });

export const listDrafts = (labId: string) => transport().call<Array<Draft>>("list_drafts", { labId });

export const discardDraft = (draftId: string) => transport().call<null>("discard_draft", { draftId });

// attachments

/** Attaches a photo to an idea. */
export const addAttachment = (labId: string, ideaId: string, fileName: string, bytes: Uint8Array | ArrayBuffer) =>
  transport().upload<Attachment>("add_attachment", bytes, { "lab-id": labId, "idea-id": ideaId, "file-name": fileName });

export const listAttachments = (ideaId: string) => transport().call<Array<Attachment>>("list_attachments", { ideaId });

/** The thumbnail (or with `full`, the photo itself) as bytes. */
export const attachmentBytes = (attachmentId: string, full: boolean = false) =>
  transport().call<ArrayBuffer>("attachment_bytes", { attachmentId, full });

export const removeAttachment = (labId: string, attachmentId: string) =>
  transport().call<null>("remove_attachment", { labId, attachmentId });

// board

/** One page of the board: the columns of the grouping with their counts, and the cards asked for. */
export const boardPage = (labId: string, query: BoardQuery) =>
  transport().call<BoardPage>("board_page", { labId, query });

/** Moves an idea to another status (a kanban move). */
export const setIdeaStatus = (ideaId: string, status: string) =>
  transport().call<Idea>("set_idea_status", { ideaId, status });

export const labStats = (labId: string) => transport().call<LabStats>("lab_stats", { labId });

// show

/** Opens the projector window, or brings it to the front. */
export const openProjector = () => transport().call<null>("open_projector");

export const showState = (labId: string) => transport().call<ShowState>("show_state", { labId });

export const setShowMode = (labId: string, mode: ShowMode) =>
  transport().call<ShowState>("set_show_mode", { labId, mode });

export const setSpotlight = (labId: string, ideaId: string | null = null) =>
  transport().call<ShowState>("set_spotlight", { labId, ideaId });

export const setShowTheme = (labId: string, theme: ShowTheme) =>
  transport().call<ShowState>("set_show_theme", { labId, theme });

export const setResultsReleased = (labId: string, released: boolean) =>
  transport().call<ShowState>("set_results_released", { labId, released });

export const pitchSession = (labId: string) => transport().call<PitchSession>("pitch_session", { labId });

/** Builds the presenter queue from the lab's ideas (keeping what was done or skipped). */
export const buildPitchQueue = (labId: string) => transport().call<PitchSession>("build_pitch_queue", { labId });

export const shufflePitchQueue = (labId: string, seed: number) =>
  transport().call<PitchSession>("shuffle_pitch_queue", { labId, seed });

export const movePitchSlot = (labId: string, ideaId: string, toPosition: number) =>
  transport().call<PitchSession>("move_pitch_slot", { labId, ideaId, toPosition });

export const startPitch = (labId: string, ideaId: string) =>
  transport().call<PitchSession>("start_pitch", { labId, ideaId });

export const pausePitch = (labId: string) => transport().call<PitchSession>("pause_pitch", { labId });

export const resumePitch = (labId: string) => transport().call<PitchSession>("resume_pitch", { labId });

export const finishPitch = (labId: string) => transport().call<PitchSession>("finish_pitch", { labId });

export const skipPitch = (labId: string, ideaId: string) =>
  transport().call<PitchSession>("skip_pitch", { labId, ideaId });

export const requeuePitch = (labId: string, ideaId: string) =>
  transport().call<PitchSession>("requeue_pitch", { labId, ideaId });

export const setPitchDuration = (labId: string, durationMs: number) =>
  transport().call<PitchSession>("set_pitch_duration", { labId, durationMs });

export const addIdeaNote = (ideaId: string, text: string) =>
  transport().call<IdeaNote>("add_idea_note", { ideaId, text });

export const listIdeaNotes = (ideaId: string) => transport().call<Array<IdeaNote>>("list_idea_notes", { ideaId });

// review

export const rubric = (labId: string) => transport().call<Array<Criterion>>("rubric", { labId });

/** Replaces the rubric; once reviews exist the core asks for `confirmed` (error field "confirm"). */
export const saveRubric = (labId: string, criteria: Array<Criterion>, confirmed: boolean) =>
  transport().call<Array<Criterion>>("save_rubric", { labId, criteria, confirmed });

export const reviewBlind = (labId: string) => transport().call<boolean>("review_blind", { labId });

export const setReviewBlind = (labId: string, blind: boolean) =>
  transport().call<boolean>("set_review_blind", { labId, blind });

export const saveReview = (labId: string, ideaId: string, reviewerId: string, input: ReviewInput) =>
  transport().call<Review>("save_review", { labId, ideaId, reviewerId, input });

/** The reviews `reviewerId` may see (blind mode hides the others' until theirs is submitted). */
export const ideaReviews = (ideaId: string, reviewerId: string | null = null) =>
  transport().call<IdeaReviews>("idea_reviews", { ideaId, reviewerId });

export const ranking = (labId: string) => transport().call<Array<RankRow>>("ranking", { labId });

/** What the projector's results mode may show: empty until the facilitator releases it. */
export const releasedResults = (labId: string) => transport().call<ReleasedResults>("released_results", { labId });

export const openVoteRound = (labId: string, dots: number, candidates: Array<string>) =>
  transport().call<VoteRound>("open_vote_round", { labId, dots, candidates });

export const voteRound = (roundId: string) => transport().call<VoteRound>("vote_round", { roundId });

export const castBallot = (roundId: string, dots: { [key in string]: number }) =>
  transport().call<VoteRound>("cast_ballot", { roundId, dots });

export const closeVoteRound = (labId: string, roundId: string) =>
  transport().call<Array<VoteResult>>("close_vote_round", { labId, roundId });

export const voteResults = (roundId: string) => transport().call<Array<VoteResult>>("vote_results", { roundId });

// export

/** Removable drives (USB sticks) mounted now; empty where none can be found. */
export const listDrives = () => transport().call<Array<Drive>>("list_drives");

/** Exports the lab into a new folder under `dest`: reads only, verified file by file. */
export const exportLab = (labId: string, dest: string, options: ExportOptions) =>
  transport().call<ExportReport>("export_lab", { labId, dest, options });

/** Exports the city's gallery of `lab_ids` (every lab when empty) into a new folder under `dest`. */
export const exportCityGallery = (labIds: Array<string>, dest: string, lang: Lang) =>
  transport().call<ExportReport>("export_city_gallery", { labIds, dest, lang });

/** The native folder picker (run by the Rust side); `null` when cancelled. */
export const pickFolder = (title: string | null = null) => transport().call<string | null>("pick_folder", { title });

/** The native file picker, optionally limited to extensions (without dots); `null` when cancelled. */
export const pickFile = (title: string | null = null, filterName: string | null = null, extensions: Array<string> | null = null) =>
  transport().call<string | null>("pick_file", { title, filterName, extensions });

/** What the lab's gallery and posters show: every field and live idea with its choice. */
export const galleryChoices = (labId: string) => transport().call<GalleryChoices>("gallery_choices", { labId });

/** Publishes or hides a field (or `photos`) in the lab's gallery and posters. */
export const setGalleryField = (labId: string, field: string, shown: boolean) =>
  transport().call<GalleryChoices>("set_gallery_field", { labId, field, shown });

/** Publishes or hides ideas in the lab's gallery and posters; answers how many changed. */
export const setIdeasPublished = (labId: string, ideaIds: Array<string>, published: boolean) =>
  transport().call<number>("set_ideas_published", { labId, ideaIds, published });

/** Exactly what the gallery and the posters would show now, in `lang`. */
export const galleryPreview = (labId: string, lang: Lang) =>
  transport().call<Gallery>("gallery_preview", { labId, lang });

// transfer

/** The `.labinov` files on the removable drives, newest first. */
export const findBundles = () => transport().call<Array<FoundBundle>>("find_bundles");

/** What merging the bundle at `path` would do; nothing is written. */
export const previewBundle = (path: string) => transport().call<MergeReport>("preview_bundle", { path });

/** Merges the bundle at `path` into this laptop's database. */
export const mergeBundle = (path: string) => transport().call<MergeReport>("merge_bundle", { path });

/** The lab's open conflict entries (values that lost a merge), newest first. */
export const listConflicts = (labId: string, includeResolved: boolean | null = null) =>
  transport().call<Array<MergeConflict>>("list_conflicts", { labId, includeResolved });

/** Puts a losing value back (a new edit); returns the entry, now resolved. */
export const restoreConflict = (conflictId: number) =>
  transport().call<MergeConflict>("restore_conflict", { conflictId });

/** The rolling backups, newest first. */
export const listBackups = () => transport().call<Array<BackupInfo>>("list_backups");

/** Restores a backup; returns the backup of the state before it. */
export const restoreBackup = (name: string) => transport().call<BackupInfo>("restore_backup", { name });

// archive

/** Every lab of the database: the labs, years and each agency's ideas per year. */
export const archiveSummary = () => transport().call<ArchiveSummary>("archive_summary");

/** One page of the ideas of every lab that pass the archive's filters. */
export const archivePage = (query: ArchiveQuery) => transport().call<ArchivePage>("archive_page", { query });

/** Brings an earlier lab into the archive from its exported workbook (`lab`: the new lab's details as JSON; `importMode`: `preview` writes nothing). */
export const importLabWorkbook = (fileName: string, bytes: Uint8Array | ArrayBuffer, lab: string, importMode: ImportMode) =>
  transport().upload<LabWorkbookImport>("import_lab_workbook", bytes, { "file-name": fileName, "lab": lab, "import-mode": importMode });

/** Carries an idea of an earlier lab forward into another lab (a new idea there that names it). */
export const carryForwardIdea = (ideaId: string, toLabId: string) =>
  transport().call<Idea>("carry_forward_idea", { ideaId, toLabId });

/** The labs an idea went through, oldest first. */
export const ideaLineage = (ideaId: string) => transport().call<Array<LineageStep>>("idea_lineage", { ideaId });

// report

/** Every attendee of the lab's sessions (unticked ones too), in agenda order. */
export const attendance = (labId: string) => transport().call<Array<Attendee>>("attendance", { labId });

/** Attendance counted per session, per day and per agency (each person once). */
export const attendanceCounts = (labId: string) => transport().call<AttendanceCounts>("attendance_counts", { labId });

/** Ticks or unticks an attendee (a person of the roster, or a name and agency); ticking twice writes nothing. */
export const setAttendance = (labId: string, sessionId: string, input: AttendanceInput) =>
  transport().call<Attendee>("set_attendance", { labId, sessionId, input });

/** The activity report's settings: basis, purpose, follow-up, signature block. */
export const reportSettings = (labId: string) => transport().call<ReportSettings>("report_settings", { labId });

export const setReportSettings = (labId: string, input: ReportSettings) =>
  transport().call<ReportSettings>("set_report_settings", { labId, input });

// room

/** This laptop's addresses the room for phones can be served on (IPv4, loopback last). */
export const roomAddresses = () => transport().call<Array<RoomAddress>>("room_addresses");

/** Opens the room for phones on `address` (one of `roomAddresses`; port 0: one the system picks) with a fresh join code. */
export const openRoom = (labId: string, address: string, port: number = 0, askName: boolean = false) =>
  transport().call<RoomStatus>("open_room", { labId, address, port, askName });

/** Closes the room: the service stops and every phone's session ends. */
export const closeRoom = (labId: string) => transport().call<RoomStatus>("close_room", { labId });

/** The room's address, join code, QR code, joined phones and what waits for moderation. */
export const roomStatus = (labId: string) => transport().call<RoomStatus>("room_status", { labId });

/** The moderation queue: pending proposals first (with similar ideas), then the decided. */
export const listProposals = (labId: string) => transport().call<Array<Proposal>>("list_proposals", { labId });

/** Accepts a proposal (as sent, or with `edit`): it becomes an idea whose history says it came from a phone. */
export const acceptProposal = (proposalId: string, edit: ProposalEdit | null = null) =>
  transport().call<Idea>("accept_proposal", { proposalId, edit });

/** Merges a proposal into an existing idea: its text becomes a note, its photo a photo. */
export const mergeProposal = (proposalId: string, ideaId: string) =>
  transport().call<Idea>("merge_proposal", { proposalId, ideaId });

export const rejectProposal = (proposalId: string) => transport().call<Proposal>("reject_proposal", { proposalId });

/** The thumbnail (JPEG) of a proposal's photo; empty when it has none. */
export const proposalThumbnail = (proposalId: string) =>
  transport().call<ArrayBuffer>("proposal_thumbnail", { proposalId });

/** Questions from phones: pending first, then the approved by +1s, then the hidden. */
export const listQuestions = (labId: string) => transport().call<Array<RoomQuestion>>("list_questions", { labId });

/** Shows a question to the room (`approved`) or hides it (`hidden`). */
export const moderateQuestion = (questionId: string, decision: QuestionState) =>
  transport().call<RoomQuestion>("moderate_question", { questionId, decision });

/** What the projector shows: the approved questions of the pitch going on, most +1s first. */
export const shownQuestions = (labId: string) => transport().call<Array<RoomQuestion>>("shown_questions", { labId });

// followup

/** One idea's whole follow-up: plan, partners, steps, milestones (one per stage), updates, coach notes, evidence. */
export const ideaFollowup = (ideaId: string) => transport().call<IdeaFollowup>("idea_followup", { ideaId });

/** The idea's history, only its follow-up entries (plan, steps, updates, evidence, workbook imports). */
export const followupHistory = (ideaId: string) =>
  transport().call<Array<ChangeRecord>>("followup_history", { ideaId });

/** Sets the lead agency (`null`: the idea's own) and the person responsible. */
export const saveFollowupPlan = (labId: string, ideaId: string, agencyId: string | null, responsible: string) =>
  transport().call<FollowupPlan>("save_followup_plan", { labId, ideaId, agencyId, responsible });

/** Adds a partner agency (OPD mitra) with its role. */
export const addPartner = (labId: string, ideaId: string, agencyId: string, role: string) =>
  transport().call<Partner>("add_partner", { labId, ideaId, agencyId, role });

export const removePartner = (labId: string, partnerId: string) =>
  transport().call<null>("remove_partner", { labId, partnerId });

/** Adds a step at the end of the idea's action plan. */
export const addStep = (labId: string, ideaId: string, input: StepInput) =>
  transport().call<Step>("add_step", { labId, ideaId, input });

export const editStep = (labId: string, stepId: string, input: StepInput) =>
  transport().call<Step>("edit_step", { labId, stepId, input });

/** Moves a step to `position` (1 = first); answers the idea's steps in their new order. */
export const moveStep = (labId: string, stepId: string, position: number) =>
  transport().call<Array<Step>>("move_step", { labId, stepId, position });

export const removeStep = (labId: string, stepId: string) => transport().call<null>("remove_step", { labId, stepId });

/** Sets the planned and actual dates the idea reaches `stage` (a `tahapan` code); an empty date clears it. */
export const setMilestone = (labId: string, ideaId: string, stage: string, plannedDate: string, actualDate: string) =>
  transport().call<Milestone>("set_milestone", { labId, ideaId, stage, plannedDate, actualDate });

/** Adds a dated progress update (what was done, the stage reached, a percentage). */
export const addProgressUpdate = (labId: string, ideaId: string, input: UpdateInput) =>
  transport().call<ProgressUpdate>("add_progress_update", { labId, ideaId, input });

export const removeProgressUpdate = (labId: string, updateId: string) =>
  transport().call<null>("remove_progress_update", { labId, updateId });

/** Adds a coaching note (pendampingan), kept apart from the agency's updates. */
export const addCoachNote = (labId: string, ideaId: string, date: string, coach: string, text: string) =>
  transport().call<CoachNote>("add_coach_note", { labId, ideaId, date, coach, text });

export const removeCoachNote = (labId: string, noteId: string) =>
  transport().call<null>("remove_coach_note", { labId, noteId });

/** Stores an evidence file (PDF, JPEG or PNG, at most 20 MB), of a progress update when `updateId` is not empty. */
export const addEvidence = (labId: string, ideaId: string, updateId: string, fileName: string, bytes: Uint8Array | ArrayBuffer) =>
  transport().upload<Evidence>("add_evidence", bytes, { "lab-id": labId, "idea-id": ideaId, "update-id": updateId, "file-name": fileName });

export const listEvidence = (ideaId: string) => transport().call<Array<Evidence>>("list_evidence", { ideaId });

/** An evidence file's bytes. */
export const evidenceBytes = (evidenceId: string) => transport().call<ArrayBuffer>("evidence_bytes", { evidenceId });

/** Saves a copy of an evidence file into the folder `dest` under its own name (never over a file there); answers its path. */
export const saveEvidenceCopy = (ideaId: string, evidenceId: string, dest: string) =>
  transport().call<string>("save_evidence_copy", { ideaId, evidenceId, dest });

export const removeEvidence = (labId: string, evidenceId: string) =>
  transport().call<null>("remove_evidence", { labId, evidenceId });

/** The follow-up board as of `today` (`YYYY-MM-DD`): stages and progress, overdue steps, coverage, charts. */
export const followupBoard = (labId: string, today: string) =>
  transport().call<FollowupBoard>("followup_board", { labId, today });

/** The lab's IID configuration (its own, or the shipped one). */
export const iidConfig = (labId: string) => transport().call<IidConfig>("iid_config", { labId });

/** Replaces the lab's IID configuration (checked first: a refusal names the place, `indicators.3.weight`, and the rule). */
export const saveIidConfig = (labId: string, config: IidConfig) =>
  transport().call<IidConfig>("save_iid_config", { labId, config });

/** The IID configurations shipped with Labinov, one per year, oldest first (to start from or reset to). */
export const shippedIidConfigs = () => transport().call<Array<IidConfig>>("shipped_iid_configs");

/** The idea's IID checklist: one answer per indicator, in the configuration's order. */
export const iidChecklist = (ideaId: string) => transport().call<Array<IidAnswer>>("iid_checklist", { ideaId });

/** Answers one indicator: the parameter chosen (`null` clears it) and the evidence files supporting it. */
export const setIidAnswer = (labId: string, ideaId: string, indicator: string, parameter: number | null, evidence: Array<string>) =>
  transport().call<IidAnswer>("set_iid_answer", { labId, ideaId, indicator, parameter, evidence });

/** The estimated IID score and band of one innovation (always an estimate). */
export const iidEstimate = (ideaId: string) => transport().call<IidEstimate>("iid_estimate", { ideaId });

/** The estimate per agency, with each of its innovations'. */
export const iidEstimatesByAgency = (labId: string) =>
  transport().call<Array<AgencyIidEstimate>>("iid_estimates_by_agency", { labId });

/** Writes one follow-up workbook (XLSX) per agency leading an idea into the folder `dest`; answers the files. */
export const exportFollowupWorkbooks = (labId: string, dest: string) =>
  transport().call<Array<string>>("export_followup_workbooks", { labId, dest });

/** What importing the returned workbook at `path` would do with these choices; nothing is written. */
export const previewFollowupWorkbook = (path: string, choices: Array<ConflictChoice>) =>
  transport().call<WorkbookImport>("preview_followup_workbook", { path, choices });

/** Imports the returned workbook; a conflict keeps the value here unless a choice takes the workbook's. */
export const importFollowupWorkbook = (path: string, choices: Array<ConflictChoice>) =>
  transport().call<WorkbookImport>("import_followup_workbook", { path, choices });
