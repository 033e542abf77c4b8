//! The Tauri commands: one module per area, each command a one-line adapter onto
//! `labinov_core::Store`. Reads and writes run on blocking threads (see `AppState`);
//! writes notify every window. Each command is declared once, in `list.rs`: the handler,
//! the ACL's command list (`build.rs`) and the UI's typed client (`client.rs`,
//! `ui/src/commands.ts`) are made from that declaration.

mod app;
mod archive;
mod attachments;
mod board;
mod drafts;
pub mod export;
mod followup;
mod ideas;
mod labs;
mod report;
mod review;
pub mod room;
mod setup;
pub mod show;
mod transfer;

pub mod client;

use std::collections::HashMap;

use labinov_core::export::{Drive, ExportOptions, ExportReport, Gallery, GalleryChoices, Lang};
use labinov_core::followup::iid::{IidAnswer, IidConfig, IidEstimate};
use labinov_core::followup::{
    AgencyIidEstimate, CoachNote, ConflictChoice, Evidence, FollowupBoard, FollowupPlan,
    IdeaFollowup, Milestone, Partner, ProgressUpdate, Step, StepInput, UpdateInput, WorkbookImport,
};
use labinov_core::{
    Agency, AgendaInput, AgendaSession, AppInfo, Attachment, BackupInfo, Board, BoardPage,
    BoardQuery, ChangeRecord, Criterion, Draft, FoundBundle, Idea, IdeaInput, IdeaNote, IdeaPatch,
    IdeaReviews, ImportMode, ImportReport, Lab, LabStats, LabSummary, MergeConflict, MergeReport,
    NewAgency, NewLab, OptionItem, Person, PersonInput, PitchSession, RankRow, ReleasedResults,
    Review, ReviewInput, ShowMode, ShowState, ShowTheme, SimilarIdea, VoteResult, VoteRound,
};
use labinov_core::{ArchivePage, ArchiveQuery, ArchiveSummary, LabWorkbookImport, LineageStep};
use labinov_core::{AttendanceCounts, AttendanceInput, Attendee, LatestIdeas, ReportSettings};
use labinov_core::{Proposal, ProposalEdit, QuestionState, RoomAddress, RoomQuestion, RoomStatus};
use serde_json::Value;
use tauri::ipc::Response;

/// How a command travels (the word before its name in `list.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// JSON arguments, a JSON answer.
    Json,
    /// The raw request body (the argument of type [`Body`]) and headers for the others.
    Upload,
    /// JSON arguments, raw bytes back (an `ArrayBuffer` in the UI).
    Bytes,
}

/// One command as declared in `list.rs`.
#[derive(Debug, Clone)]
pub struct Command {
    /// The command's name, as the UI invokes it and the ACL allows it (`add_idea`).
    pub name: &'static str,
    /// Its module under `commands/`.
    pub module: &'static str,
    pub kind: Kind,
    /// The doc comment's lines.
    pub docs: Vec<&'static str>,
    /// What the function takes from Tauri: `app`, `state`, `request`.
    pub context: Vec<&'static str>,
    /// What the UI sends, in order.
    pub args: Vec<Arg>,
    /// The answer's TypeScript type.
    pub returns: String,
}

/// One argument the UI sends.
#[derive(Debug, Clone)]
pub struct Arg {
    /// The function's parameter name (`lab_id`).
    pub name: &'static str,
    /// Its TypeScript type.
    pub ts: String,
    /// The UI's default (`= false` in the declaration).
    pub default: Option<&'static str>,
    /// Whether this is an upload's raw body.
    pub body: bool,
}

/// An upload's raw body in a declaration: the file's bytes, `Uint8Array | ArrayBuffer` in
/// the UI. The function reads it from its `request`.
pub struct Body;

impl ts_rs::TS for Body {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "Uint8Array | ArrayBuffer".into()
    }
    fn inline(cfg: &ts_rs::Config) -> String {
        Self::name(cfg)
    }
}

/// The TypeScript types are named with ts-rs, with 64-bit integers as `number` (they
/// cross as JSON numbers; a `bigint` cannot be sent).
pub fn ts_config() -> ts_rs::Config {
    ts_rs::Config::new().with_large_int("number")
}

/// A value of any type, for the compile-time signature check (never run).
#[allow(dead_code)]
fn any<T>() -> T {
    unreachable!("only type-checked")
}

/// The context argument `app`, `state` or `request` of the signature check.
macro_rules! context {
    (app) => {
        any::<tauri::AppHandle<R>>()
    };
    (state) => {
        any::<tauri::State<'_, crate::state::AppState>>()
    };
    (request) => {
        any::<tauri::ipc::Request<'_>>()
    };
    ($other:ident) => {
        compile_error!(concat!(
            "unknown context `",
            stringify!($other),
            "`: app, state or request"
        ))
    };
}

/// The call of the signature check: an upload's arguments are headers and body, not
/// function parameters.
macro_rules! check_call {
    (upload $f:path, [$($ctx:ident)*], [$($ty:ty),*]) => {
        $f($(context!($ctx),)*)
    };
    (fn $f:path, [$($ctx:ident)*], [$($ty:ty),*]) => {
        $f($(context!($ctx),)* $(any::<$ty>(),)*)
    };
    (bytes $f:path, [$($ctx:ident)*], [$($ty:ty),*]) => {
        $f($(context!($ctx),)* $(any::<$ty>(),)*)
    };
    ($kind:ident $($rest:tt)*) => {
        compile_error!(concat!("unknown kind `", stringify!($kind), "`: fn, upload or bytes"))
    };
}

/// A declared default (`= false`), as TypeScript.
macro_rules! ts_default {
    () => {
        None
    };
    ($default:literal) => {
        Some(stringify!($default))
    };
}

macro_rules! kind {
    (fn) => {
        Kind::Json
    };
    (upload) => {
        Kind::Upload
    };
    (bytes) => {
        Kind::Bytes
    };
}

/// The TypeScript type of a declared argument or answer (`Type as Ts` names `Ts`).
macro_rules! ts_name {
    ($cfg:ident, $ty:ty) => {
        <$ty as ts_rs::TS>::name(&$cfg)
    };
    ($cfg:ident, $ty:ty as $ts:ty) => {
        <$ts as ts_rs::TS>::name(&$cfg)
    };
}

/// The answer's TypeScript type: raw bytes are an `ArrayBuffer`.
macro_rules! ts_return {
    ($cfg:ident, bytes, $ret:ty) => {
        String::from("ArrayBuffer")
    };
    ($cfg:ident, $kind:ident, $ret:ty) => {
        ts_name!($cfg, $ret)
    };
}

macro_rules! commands {
    ($(
        $module:ident {$(
            $(#[doc = $doc:literal])*
            $kind:ident $name:ident (
                $($ctx:ident),* $(; $($arg:ident : $ty:ty $(as $ts:ty)? $(= $default:literal)?),* )?
            ) -> $ret:ty;
        )*}
    )*) => {
        /// The handler with every command; used by the app and by the command tests.
        pub fn handler<R: tauri::Runtime>(
        ) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($($module::$name,)*)*]
        }

        /// Every command's name, in declaration order.
        pub const NAMES: &[&str] = &[$($(stringify!($name),)*)*];

        /// Every command as declared, with its TypeScript types.
        pub fn declared() -> Vec<Command> {
            let cfg = ts_config();
            vec![$($(
                Command {
                    name: stringify!($name),
                    module: stringify!($module),
                    kind: kind!($kind),
                    docs: vec![$($doc),*],
                    context: vec![$(stringify!($ctx)),*],
                    args: vec![$($(Arg {
                        name: stringify!($arg),
                        ts: ts_name!(cfg, $ty $(as $ts)?),
                        default: ts_default!($($default)?),
                        body: std::any::TypeId::of::<$ty>() == std::any::TypeId::of::<Body>(),
                    }),*)?],
                    returns: ts_return!(cfg, $kind, $ret),
                },
            )*)*]
        }

        /// Fails to compile when a function's context, argument types or answer differ
        /// from its declaration. Never called.
        #[allow(dead_code)]
        async fn signatures<R: tauri::Runtime>() {
            $($(
                let _: crate::error::ApiResult<$ret> =
                    check_call!($kind $module::$name, [$($ctx)*], [$($($ty),*)?]).await;
            )*)*
        }
    };
}

include!("list.rs");
