// The app's commands, each declared once: the `#[tauri::command]` function of that name in
// `commands/<module>.rs`, and what the UI sends and gets back. Two readers `include!` this
// file, each with its own `macro_rules! commands`:
// - `commands/mod.rs`: the handler (`tauri::generate_handler!`), a compile-time check that
//   each function takes this context and these argument types in this order and returns
//   `ApiResult<answer>`, and `NAMES` / `declared()` for the tests and for `commands/client.rs`,
//   which writes the UI's typed client `ui/src/commands.ts` (`make bindings`);
// - `build.rs`: the names for Tauri's ACL (an `allow-<command>` permission each; which
//   window may call which stays in the hand-written `capabilities/`).
//
// A command is `kind name(context; argument: Type, ...) -> Return;`
// - kind: `fn` (JSON arguments, JSON answer), `upload` (the argument of type `Body` is the
//   request's raw body, the others travel as percent-encoded headers named in kebab case:
//   `file_name` -> `file-name`; the function reads them from its `request`), `bytes` (the
//   answer is raw bytes: `Response` in Rust, an `ArrayBuffer` in the UI);
// - context: what the function takes from Tauri rather than from the UI, in its order and
//   before its arguments:
//   `app` (`AppHandle<R>`), `state` (`State<AppState>`), `request` (`Request`);
// - arguments: in the function's order, with the function's names (the UI sends them in
//   camel case: `lab_id` -> `labId`). `Type as Ts` gives the UI a narrower type than the
//   function accepts (a draft is stored as any JSON, the UI sends an `IdeaPatch`);
//   `= literal` is the UI's default; trailing `Option` arguments default to `null`;
// - doc comments become the TypeScript function's JSDoc.
//
// Adding a command: write the function, add its line here, allow it in the capability of
// each window that may call it, run `make bindings`.

commands! {
    app {
        fn app_info(state) -> AppInfo;
        /// The folder the app's log is written to (`logs` beside the database).
        fn log_folder(state) -> String;
        /// Opens the log folder in the system's file manager; resolves to its path.
        fn open_log_folder(state) -> String;
    }
    labs {
        fn list_labs(state) -> Vec<LabSummary>;
        fn create_lab(app, state; input: NewLab) -> Lab;
        /// Changes a lab's details (name, organiser, place, dates, target).
        fn update_lab(app, state; lab_id: String, input: NewLab) -> Lab;
        /// Reads a lab without remembering it as the one to reopen (the projector follows, it does not choose).
        fn get_lab(state; lab_id: String) -> Lab;
        fn open_lab(state; lab_id: String) -> Lab;
        fn create_demo_lab(app, state) -> Lab;
    }
    setup {
        fn list_agencies(state; lab_id: String) -> Vec<Agency>;
        fn add_agency(app, state; lab_id: String, input: NewAgency) -> Agency;
        fn edit_agency(app, state; agency_id: String, input: NewAgency) -> Agency;
        fn set_agency_retired(app, state; agency_id: String, retired: bool) -> Agency;
        fn list_options(state; lab_id: String) -> Vec<OptionItem>;
        fn save_option(app, state; lab_id: String, list: String, code: String, label_id: String, label_en: String) -> OptionItem;
        fn retire_option(app, state; lab_id: String, list: String, code: String) -> ();
        fn get_agenda(state; lab_id: String) -> Vec<AgendaSession>;
        fn add_session(app, state; lab_id: String, input: AgendaInput) -> AgendaSession;
        fn update_session(app, state; lab_id: String, session_id: String, input: AgendaInput) -> AgendaSession;
        fn delete_session(app, state; lab_id: String, session_id: String) -> ();
        fn list_people(state; lab_id: String) -> Vec<Person>;
        fn add_person(app, state; lab_id: String, input: PersonInput) -> Person;
        fn remove_person(app, state; lab_id: String, person_id: String) -> ();
        /// Checks (`preview`) or imports an agencies roster from CSV or XLSX bytes.
        upload import_agencies(app, state, request; lab_id: String, file_name: String, bytes: Body, import_mode: ImportMode) -> ImportReport;
        /// Checks (`preview`) or imports ideas from CSV or XLSX bytes.
        upload import_ideas(app, state, request; lab_id: String, file_name: String, bytes: Body, import_mode: ImportMode) -> ImportReport;
    }
    ideas {
        fn list_ideas(state; lab_id: String) -> Vec<Idea>;
        /// The lab's `limit` newest ideas (at most 200) and how many it has.
        fn latest_ideas(state; lab_id: String, limit: u32) -> LatestIdeas;
        fn get_idea(state; idea_id: String) -> Idea;
        /// Saves a new idea; with `draftId`, the draft it was typed in is removed in the same transaction.
        fn add_idea(app, state; lab_id: String, input: IdeaInput, draft_id: Option<String>) -> Idea;
        fn update_idea(app, state; idea_id: String, patch: IdeaPatch, draft_id: Option<String>) -> Idea;
        fn idea_history(state; idea_id: String) -> Vec<ChangeRecord>;
        fn get_board(state; lab_id: String) -> Board;
        fn similar_ideas(state; lab_id: String, text: String, exclude: Option<String>) -> Vec<SimilarIdea>;
        fn search_ideas(state; lab_id: String, text: String) -> Vec<Idea>;
        fn delete_idea(app, state; idea_id: String) -> Idea;
        fn restore_idea(app, state; idea_id: String) -> Idea;
        fn list_trash(state; lab_id: String) -> Vec<Idea>;
        /// Removes every idea in the trash for good; resolves to how many.
        fn empty_trash(app, state; lab_id: String) -> u32;
        /// Merges `from` into `into`: `from` is hidden and points at `into`; undo with `unmergeIdea`.
        fn merge_ideas(app, state; into: String, from: String) -> Idea;
        fn unmerge_idea(app, state; idea_id: String) -> Idea;
        /// The ideas merged into `ideaId`.
        fn merged_ideas(state; idea_id: String) -> Vec<Idea>;
    }
    drafts {
        fn save_draft(state; draft_id: String, lab_id: String, idea_id: Option<String>, fields: Value as IdeaPatch) -> Draft;
        fn list_drafts(state; lab_id: String) -> Vec<Draft>;
        fn discard_draft(state; draft_id: String) -> ();
    }
    attachments {
        /// Attaches a photo to an idea.
        upload add_attachment(app, state, request; lab_id: String, idea_id: String, file_name: String, bytes: Body) -> Attachment;
        fn list_attachments(state; idea_id: String) -> Vec<Attachment>;
        /// The thumbnail (or with `full`, the photo itself) as bytes.
        bytes attachment_bytes(state; attachment_id: String, full: bool = false) -> Response;
        fn remove_attachment(app, state; lab_id: String, attachment_id: String) -> ();
    }
    board {
        /// One page of the board: the columns of the grouping with their counts, and the cards asked for.
        fn board_page(state; lab_id: String, query: BoardQuery) -> BoardPage;
        /// Moves an idea to another status (a kanban move).
        fn set_idea_status(app, state; idea_id: String, status: String) -> Idea;
        fn lab_stats(state; lab_id: String) -> LabStats;
    }
    show {
        /// Opens the projector window, or brings it to the front.
        fn open_projector(app) -> ();
        fn show_state(state; lab_id: String) -> ShowState;
        fn set_show_mode(app, state; lab_id: String, mode: ShowMode) -> ShowState;
        fn set_spotlight(app, state; lab_id: String, idea_id: Option<String>) -> ShowState;
        fn set_show_theme(app, state; lab_id: String, theme: ShowTheme) -> ShowState;
        fn set_results_released(app, state; lab_id: String, released: bool) -> ShowState;
        fn pitch_session(state; lab_id: String) -> PitchSession;
        /// Builds the presenter queue from the lab's ideas (keeping what was done or skipped).
        fn build_pitch_queue(app, state; lab_id: String) -> PitchSession;
        fn shuffle_pitch_queue(app, state; lab_id: String, seed: u64) -> PitchSession;
        fn move_pitch_slot(app, state; lab_id: String, idea_id: String, to_position: u32) -> PitchSession;
        fn start_pitch(app, state; lab_id: String, idea_id: String) -> PitchSession;
        fn pause_pitch(app, state; lab_id: String) -> PitchSession;
        fn resume_pitch(app, state; lab_id: String) -> PitchSession;
        fn finish_pitch(app, state; lab_id: String) -> PitchSession;
        fn skip_pitch(app, state; lab_id: String, idea_id: String) -> PitchSession;
        fn requeue_pitch(app, state; lab_id: String, idea_id: String) -> PitchSession;
        fn set_pitch_duration(app, state; lab_id: String, duration_ms: u32) -> PitchSession;
        fn add_idea_note(app, state; idea_id: String, text: String) -> IdeaNote;
        fn list_idea_notes(state; idea_id: String) -> Vec<IdeaNote>;
    }
    review {
        fn rubric(state; lab_id: String) -> Vec<Criterion>;
        /// Replaces the rubric; once reviews exist the core asks for `confirmed` (error field "confirm").
        fn save_rubric(app, state; lab_id: String, criteria: Vec<Criterion>, confirmed: bool) -> Vec<Criterion>;
        fn review_blind(state; lab_id: String) -> bool;
        fn set_review_blind(app, state; lab_id: String, blind: bool) -> bool;
        fn save_review(app, state; lab_id: String, idea_id: String, reviewer_id: String, input: ReviewInput) -> Review;
        /// The reviews `reviewerId` may see (blind mode hides the others' until theirs is submitted).
        fn idea_reviews(state; idea_id: String, reviewer_id: Option<String>) -> IdeaReviews;
        fn ranking(state; lab_id: String) -> Vec<RankRow>;
        /// What the projector's results mode may show: empty until the facilitator releases it.
        fn released_results(state; lab_id: String) -> ReleasedResults;
        fn open_vote_round(app, state; lab_id: String, dots: u32, candidates: Vec<String>) -> VoteRound;
        fn vote_round(state; round_id: String) -> VoteRound;
        fn cast_ballot(state; round_id: String, dots: HashMap<String, u32>) -> VoteRound;
        fn close_vote_round(app, state; lab_id: String, round_id: String) -> Vec<VoteResult>;
        fn vote_results(state; round_id: String) -> Vec<VoteResult>;
    }
    export {
        /// Removable drives (USB sticks) mounted now; empty where none can be found.
        fn list_drives() -> Vec<Drive>;
        /// Exports the lab into a new folder under `dest`: reads only, verified file by file.
        fn export_lab(app, state; lab_id: String, dest: String, options: ExportOptions) -> ExportReport;
        /// Exports the city's gallery of `lab_ids` (every lab when empty) into a new folder under `dest`.
        fn export_city_gallery(app, state; lab_ids: Vec<String>, dest: String, lang: Lang) -> ExportReport;
        /// The native folder picker (run by the Rust side); `null` when cancelled.
        fn pick_folder(app; title: Option<String>) -> Option<String>;
        /// The native file picker, optionally limited to extensions (without dots); `null` when cancelled.
        fn pick_file(app; title: Option<String>, filter_name: Option<String>, extensions: Option<Vec<String>>) -> Option<String>;
        /// What the lab's gallery and posters show: every field and live idea with its choice.
        fn gallery_choices(state; lab_id: String) -> GalleryChoices;
        /// Publishes or hides a field (or `photos`) in the lab's gallery and posters.
        fn set_gallery_field(app, state; lab_id: String, field: String, shown: bool) -> GalleryChoices;
        /// Publishes or hides ideas in the lab's gallery and posters; answers how many changed.
        fn set_ideas_published(app, state; lab_id: String, idea_ids: Vec<String>, published: bool) -> u32;
        /// Exactly what the gallery and the posters would show now, in `lang`.
        fn gallery_preview(state; lab_id: String, lang: Lang) -> Gallery;
    }
    transfer {
        /// The `.labinov` files on the removable drives, newest first.
        fn find_bundles() -> Vec<FoundBundle>;
        /// What merging the bundle at `path` would do; nothing is written.
        fn preview_bundle(state; path: String) -> MergeReport;
        /// Merges the bundle at `path` into this laptop's database.
        fn merge_bundle(app, state; path: String) -> MergeReport;
        /// The lab's open conflict entries (values that lost a merge), newest first.
        fn list_conflicts(state; lab_id: String, include_resolved: Option<bool>) -> Vec<MergeConflict>;
        /// Puts a losing value back (a new edit); returns the entry, now resolved.
        fn restore_conflict(app, state; conflict_id: i64) -> MergeConflict;
        /// The rolling backups, newest first.
        fn list_backups(state) -> Vec<BackupInfo>;
        /// Restores a backup; returns the backup of the state before it.
        fn restore_backup(app, state; name: String) -> BackupInfo;
    }
    archive {
        /// Every lab of the database: the labs, years and each agency's ideas per year.
        fn archive_summary(state) -> ArchiveSummary;
        /// One page of the ideas of every lab that pass the archive's filters.
        fn archive_page(state; query: ArchiveQuery) -> ArchivePage;
        /// Brings an earlier lab into the archive from its exported workbook (`lab`: the new lab's details as JSON; `importMode`: `preview` writes nothing).
        upload import_lab_workbook(app, state, request; file_name: String, bytes: Body, lab: String, import_mode: ImportMode) -> LabWorkbookImport;
        /// Carries an idea of an earlier lab forward into another lab (a new idea there that names it).
        fn carry_forward_idea(app, state; idea_id: String, to_lab_id: String) -> Idea;
        /// The labs an idea went through, oldest first.
        fn idea_lineage(state; idea_id: String) -> Vec<LineageStep>;
    }
    report {
        /// Every attendee of the lab's sessions (unticked ones too), in agenda order.
        fn attendance(state; lab_id: String) -> Vec<Attendee>;
        /// Attendance counted per session, per day and per agency (each person once).
        fn attendance_counts(state; lab_id: String) -> AttendanceCounts;
        /// Ticks or unticks an attendee (a person of the roster, or a name and agency); ticking twice writes nothing.
        fn set_attendance(app, state; lab_id: String, session_id: String, input: AttendanceInput) -> Attendee;
        /// The activity report's settings: basis, purpose, follow-up, signature block.
        fn report_settings(state; lab_id: String) -> ReportSettings;
        fn set_report_settings(app, state; lab_id: String, input: ReportSettings) -> ReportSettings;
    }
    room {
        /// This laptop's addresses the room for phones can be served on (IPv4, loopback last).
        fn room_addresses() -> Vec<RoomAddress>;
        /// Opens the room for phones on `address` (one of `roomAddresses`; port 0: one the system picks) with a fresh join code.
        fn open_room(app, state; lab_id: String, address: String, port: u16 = 0, ask_name: bool = false) -> RoomStatus;
        /// Closes the room: the service stops and every phone's session ends.
        fn close_room(app, state; lab_id: String) -> RoomStatus;
        /// The room's address, join code, QR code, joined phones and what waits for moderation.
        fn room_status(state; lab_id: String) -> RoomStatus;
        /// The moderation queue: pending proposals first (with similar ideas), then the decided.
        fn list_proposals(state; lab_id: String) -> Vec<Proposal>;
        /// Accepts a proposal (as sent, or with `edit`): it becomes an idea whose history says it came from a phone.
        fn accept_proposal(app, state; proposal_id: String, edit: Option<ProposalEdit>) -> Idea;
        /// Merges a proposal into an existing idea: its text becomes a note, its photo a photo.
        fn merge_proposal(app, state; proposal_id: String, idea_id: String) -> Idea;
        fn reject_proposal(state; proposal_id: String) -> Proposal;
        /// The thumbnail (JPEG) of a proposal's photo; empty when it has none.
        bytes proposal_thumbnail(state; proposal_id: String) -> Response;
        /// Questions from phones: pending first, then the approved by +1s, then the hidden.
        fn list_questions(state; lab_id: String) -> Vec<RoomQuestion>;
        /// Shows a question to the room (`approved`) or hides it (`hidden`).
        fn moderate_question(app, state; question_id: String, decision: QuestionState) -> RoomQuestion;
        /// What the projector shows: the approved questions of the pitch going on, most +1s first.
        fn shown_questions(state; lab_id: String) -> Vec<RoomQuestion>;
    }
    followup {
        /// One idea's whole follow-up: plan, partners, steps, milestones (one per stage), updates, coach notes, evidence.
        fn idea_followup(state; idea_id: String) -> IdeaFollowup;
        /// The idea's history, only its follow-up entries (plan, steps, updates, evidence, workbook imports).
        fn followup_history(state; idea_id: String) -> Vec<ChangeRecord>;
        /// Sets the lead agency (`null`: the idea's own) and the person responsible.
        fn save_followup_plan(app, state; lab_id: String, idea_id: String, agency_id: Option<String>, responsible: String) -> FollowupPlan;
        /// Adds a partner agency (OPD mitra) with its role.
        fn add_partner(app, state; lab_id: String, idea_id: String, agency_id: String, role: String) -> Partner;
        fn remove_partner(app, state; lab_id: String, partner_id: String) -> ();
        /// Adds a step at the end of the idea's action plan.
        fn add_step(app, state; lab_id: String, idea_id: String, input: StepInput) -> Step;
        fn edit_step(app, state; lab_id: String, step_id: String, input: StepInput) -> Step;
        /// Moves a step to `position` (1 = first); answers the idea's steps in their new order.
        fn move_step(app, state; lab_id: String, step_id: String, position: u32) -> Vec<Step>;
        fn remove_step(app, state; lab_id: String, step_id: String) -> ();
        /// Sets the planned and actual dates the idea reaches `stage` (a `tahapan` code); an empty date clears it.
        fn set_milestone(app, state; lab_id: String, idea_id: String, stage: String, planned_date: String, actual_date: String) -> Milestone;
        /// Adds a dated progress update (what was done, the stage reached, a percentage).
        fn add_progress_update(app, state; lab_id: String, idea_id: String, input: UpdateInput) -> ProgressUpdate;
        fn remove_progress_update(app, state; lab_id: String, update_id: String) -> ();
        /// Adds a coaching note (pendampingan), kept apart from the agency's updates.
        fn add_coach_note(app, state; lab_id: String, idea_id: String, date: String, coach: String, text: String) -> CoachNote;
        fn remove_coach_note(app, state; lab_id: String, note_id: String) -> ();
        /// Stores an evidence file (PDF, JPEG or PNG, at most 20 MB), of a progress update when `updateId` is not empty.
        upload add_evidence(app, state, request; lab_id: String, idea_id: String, update_id: String, file_name: String, bytes: Body) -> Evidence;
        fn list_evidence(state; idea_id: String) -> Vec<Evidence>;
        /// An evidence file's bytes.
        bytes evidence_bytes(state; evidence_id: String) -> Response;
        /// Saves a copy of an evidence file into the folder `dest` under its own name (never over a file there); answers its path.
        fn save_evidence_copy(state; idea_id: String, evidence_id: String, dest: String) -> String;
        fn remove_evidence(app, state; lab_id: String, evidence_id: String) -> ();
        /// The follow-up board as of `today` (`YYYY-MM-DD`): stages and progress, overdue steps, coverage, charts.
        fn followup_board(state; lab_id: String, today: String) -> FollowupBoard;
        /// The lab's IID configuration (its own, or the shipped one).
        fn iid_config(state; lab_id: String) -> IidConfig;
        /// Replaces the lab's IID configuration (checked first: a refusal names the place, `indicators.3.weight`, and the rule).
        fn save_iid_config(app, state; lab_id: String, config: IidConfig) -> IidConfig;
        /// The IID configurations shipped with Labinov, one per year, oldest first (to start from or reset to).
        fn shipped_iid_configs() -> Vec<IidConfig>;
        /// The idea's IID checklist: one answer per indicator, in the configuration's order.
        fn iid_checklist(state; idea_id: String) -> Vec<IidAnswer>;
        /// Answers one indicator: the parameter chosen (`null` clears it) and the evidence files supporting it.
        fn set_iid_answer(app, state; lab_id: String, idea_id: String, indicator: String, parameter: Option<u32>, evidence: Vec<String>) -> IidAnswer;
        /// The estimated IID score and band of one innovation (always an estimate).
        fn iid_estimate(state; idea_id: String) -> IidEstimate;
        /// The estimate per agency, with each of its innovations'.
        fn iid_estimates_by_agency(state; lab_id: String) -> Vec<AgencyIidEstimate>;
        /// Writes one follow-up workbook (XLSX) per agency leading an idea into the folder `dest`; answers the files.
        fn export_followup_workbooks(state; lab_id: String, dest: String) -> Vec<String>;
        /// What importing the returned workbook at `path` would do with these choices; nothing is written.
        fn preview_followup_workbook(state; path: String, choices: Vec<ConflictChoice>) -> WorkbookImport;
        /// Imports the returned workbook; a conflict keeps the value here unless a choice takes the workbook's.
        fn import_followup_workbook(app, state; path: String, choices: Vec<ConflictChoice>) -> WorkbookImport;
    }
}
