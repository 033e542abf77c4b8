//! One error type for the core, with a stable machine-readable code.
//!
//! The code is what the UI branches on and translates; the message is English detail for
//! logs and the CLI. A refused input or file also says why as a typed [`Reason`] with its
//! parameters, which the UI words in its own languages. Storage failures that a user can
//! do something about (a full disk, a read-only folder, a file that is not a Labinov
//! database) get codes of their own instead of disappearing into a generic "database
//! error".

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "this database was written by a newer version of Labinov (schema {found}; \
         this version understands up to {supported}). Update Labinov to open it"
    )]
    NewerSchema { found: i64, supported: i64 },

    #[error("{what} not found: {id}")]
    NotFound { what: &'static str, id: String },

    #[error(
        "the database has no lab yet: create one with `labinov lab new --name NAME \
         --start-date DD/MM/YYYY` (or `labinov demo` for the sample lab), or in the app"
    )]
    NoLab,

    /// The reason is boxed: it can be large, and every `Result` of the core carries this.
    #[error("{field}: {reason}")]
    Invalid { field: String, reason: Box<Reason> },

    /// A file's content is not what it should be (e.g. a photo that is not an image).
    #[error("{field}: {reason}")]
    BadFile { field: String, reason: Box<Reason> },

    #[error("a record with this {field} already exists: {value}")]
    Duplicate { field: String, value: String },

    #[error("storage: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("file: {0}")]
    Io(#[from] std::io::Error),

    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),

    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),

    /// Writing to an export drive (a USB stick, a chosen folder) failed in a way the user
    /// can act on. The local database is never involved.
    #[error("{}: {path}: {detail}", problem.describe())]
    Drive {
        problem: DriveProblem,
        path: String,
        detail: String,
    },
}

/// What went wrong with a drive being written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DriveProblem {
    /// No space left (ENOSPC, EDQUOT).
    Full,
    /// Mounted read-only or not writable by this user (EROFS, EACCES, EPERM).
    ReadOnly,
    /// The drive went away while it was written (ENOENT, EIO, ENODEV, ENXIO, ENOTCONN).
    Removed,
}

impl DriveProblem {
    fn describe(self) -> &'static str {
        match self {
            DriveProblem::Full => "the drive is full",
            DriveProblem::ReadOnly => "the drive cannot be written (read-only or no permission)",
            DriveProblem::Removed => "the drive was removed or stopped answering",
        }
    }
}

impl Error {
    pub fn invalid(field: impl Into<String>, reason: Reason) -> Self {
        Error::Invalid {
            field: field.into(),
            reason: Box::new(reason),
        }
    }

    pub fn bad_file(field: impl Into<String>, reason: Reason) -> Self {
        Error::BadFile {
            field: field.into(),
            reason: Box::new(reason),
        }
    }

    /// An error only a bug can cause, at `field`: [`Reason::Internal`].
    pub fn internal(field: impl Into<String>, detail: impl Into<String>) -> Self {
        Error::invalid(
            field,
            Reason::Internal {
                detail: detail.into(),
            },
        )
    }

    /// Why a value was refused, as one [`Reason`] whatever the error (a row of an
    /// import): a duplicate's value as `Taken`, anything unexpected as `Internal`.
    pub fn to_reason(&self) -> Reason {
        match self {
            Error::Invalid { reason, .. } | Error::BadFile { reason, .. } => (**reason).clone(),
            Error::Duplicate { value, .. } => Reason::Taken {
                value: value.clone(),
            },
            other => Reason::Internal {
                detail: other.to_string(),
            },
        }
    }

    /// Why an `Invalid` or `BadFile` error was refused.
    pub fn reason(&self) -> Option<&Reason> {
        match self {
            Error::Invalid { reason, .. } | Error::BadFile { reason, .. } => Some(reason.as_ref()),
            _ => None,
        }
    }

    pub fn not_found(what: &'static str, id: impl Into<String>) -> Self {
        Error::NotFound {
            what,
            id: id.into(),
        }
    }

    /// The stable code for this error, for programs and translations.
    pub fn code(&self) -> ErrorCode {
        use rusqlite::ErrorCode as Sq;
        match self {
            Error::NewerSchema { .. } => ErrorCode::NewerSchema,
            Error::NotFound { .. } | Error::NoLab => ErrorCode::NotFound,
            Error::Invalid { .. } => ErrorCode::InvalidInput,
            Error::Duplicate { .. } => ErrorCode::Duplicate,
            Error::BadFile { .. } => ErrorCode::BadFile,
            Error::Sqlite(e) => match e.sqlite_error_code() {
                Some(Sq::DiskFull) => ErrorCode::StorageFull,
                Some(Sq::ReadOnly) | Some(Sq::CannotOpen) | Some(Sq::PermissionDenied) => {
                    ErrorCode::StorageUnavailable
                }
                Some(Sq::DatabaseBusy) | Some(Sq::DatabaseLocked) => ErrorCode::StorageBusy,
                Some(Sq::NotADatabase) | Some(Sq::DatabaseCorrupt) => ErrorCode::NotADatabase,
                _ => ErrorCode::Storage,
            },
            Error::Io(e) => match e.kind() {
                std::io::ErrorKind::StorageFull => ErrorCode::StorageFull,
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                    ErrorCode::StorageUnavailable
                }
                std::io::ErrorKind::NotFound => ErrorCode::FileNotFound,
                _ => ErrorCode::Io,
            },
            Error::Csv(_) => ErrorCode::BadFile,
            Error::Json(e) if e.is_io() => ErrorCode::Io,
            Error::Json(_) => ErrorCode::BadFile,
            Error::Drive { problem, .. } => match problem {
                DriveProblem::Full => ErrorCode::DriveFull,
                DriveProblem::ReadOnly => ErrorCode::DriveReadOnly,
                DriveProblem::Removed => ErrorCode::DriveRemoved,
            },
        }
    }

    /// The field an `Invalid` error is about, so a form can point at it.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. }
            | Error::Duplicate { field, .. }
            | Error::BadFile { field, .. } => Some(field),
            _ => None,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
            field: self.field().map(str::to_owned),
            reason: matches!(
                self,
                Error::Invalid { .. } | Error::BadFile { .. } | Error::Duplicate { .. }
            )
            .then(|| Box::new(self.to_reason())),
        }
    }
}

string_enum! {
    /// Stable error codes. The UI's catalogue has a plain-language text for each one
    /// (`error.<code>` in `ui/src/i18n`), and a test checks that none is missing.
    pub enum ErrorCode {
        NewerSchema = "newer_schema",
        NotFound = "not_found",
        InvalidInput = "invalid_input",
        Duplicate = "duplicate",
        StorageFull = "storage_full",
        StorageUnavailable = "storage_unavailable",
        StorageBusy = "storage_busy",
        NotADatabase = "not_a_database",
        Storage = "storage",
        FileNotFound = "file_not_found",
        BadFile = "bad_file",
        Io = "io",
        /// Something the program did not expect; the message has the detail.
        Internal = "internal",
        /// An export drive (USB stick or chosen folder) has no space left.
        DriveFull = "drive_full",
        /// An export drive is read-only or may not be written by this user.
        DriveReadOnly = "drive_read_only",
        /// An export drive was pulled out (or stopped answering) while it was written.
        DriveRemoved = "drive_removed",
    }
}

/// What crosses to the UI: `{code, message, field, reason}`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ErrorPayload {
    pub code: ErrorCode,
    /// English detail, for logs and for the "details" line under the translated text.
    pub message: String,
    /// The input field the error is about, when there is one.
    pub field: Option<String>,
    /// Why an input or file was refused (`invalid_input`, `bad_file`; a `duplicate` as
    /// [`Reason::Taken`]), for the UI's words. Boxed: a command's `Result` carries this.
    pub reason: Option<Box<Reason>>,
}

/// Declares [`Reason`] with the `kind` each variant is sent as, spelled once: the enum,
/// [`Reason::KINDS`], [`Reason::kind`] and a sample of every variant ([`Reason::samples`],
/// for the UI's test that every kind has a text) all come from this one list.
macro_rules! reasons {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident $({ $($(#[$fattr:meta])* $f:ident : $t:ty),* $(,)? })? = $kind:literal,
    )*) => {
        /// Why an input or a file was refused, with what the sentence needs. The UI turns
        /// the `kind` and its parameters into words (`reason.<kind>` in `ui/src/i18n`);
        /// [`Display`](std::fmt::Display) is the English sentence for the CLI and the logs.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
        #[serde(tag = "kind", rename_all_fields = "camelCase")]
        pub enum Reason {
            $(
                $(#[doc = $doc])*
                #[serde(rename = $kind)]
                $name $({ $($(#[$fattr])* $f: $t),* })?,
            )*
        }

        impl Reason {
            /// Every `kind`, in declaration order.
            pub const KINDS: &'static [&'static str] = &[$($kind),*];

            /// The `kind` this reason is sent as.
            pub fn kind(&self) -> &'static str {
                match self {
                    $(Reason::$name { .. } => $kind,)*
                }
            }

            /// One reason of every kind, each parameter filled with a sample value.
            pub fn samples() -> Vec<Reason> {
                vec![$(Reason::$name $({ $($f: Sample::sample()),* })?),*]
            }
        }
    };
}

/// A value to fill a parameter of [`Reason::samples`] with.
trait Sample {
    fn sample() -> Self;
}
impl Sample for u64 {
    fn sample() -> Self {
        7
    }
}
impl Sample for u32 {
    fn sample() -> Self {
        7
    }
}
impl Sample for i64 {
    fn sample() -> Self {
        7
    }
}
impl Sample for String {
    fn sample() -> Self {
        "Contoh".into()
    }
}
impl Sample for Option<String> {
    fn sample() -> Self {
        Some(String::sample())
    }
}
impl Sample for Vec<String> {
    fn sample() -> Self {
        vec!["a".into(), "b".into()]
    }
}
impl Sample for Box<Reason> {
    fn sample() -> Self {
        Box::new(Reason::Required)
    }
}

reasons! {
    // Text fields.
    /// An empty value where one is needed.
    Required = "required",
    /// Longer than allowed, in characters.
    TooLong { length: u32, max: u32 } = "tooLong",
    /// An invisible control character (its code point).
    ControlCharacter { code_point: u32 } = "controlCharacter",
    /// Not a whole number (the CLI and the forms' number fields).
    NotAWholeNumber { value: String } = "notAWholeNumber",
    /// Not a date (`YYYY-MM-DD` or `DD/MM/YYYY`).
    NotADate { value: String } = "notADate",
    /// Not a time (`HH:MM`).
    NotATime { value: String } = "notATime",
    /// Not a day number of the lab (an import cell).
    NotADayNumber { value: String } = "notADayNumber",
    /// Not an IANA time zone.
    UnknownTimeZone { value: String } = "unknownTimeZone",
    /// Not one of a fixed set of words (an export format, a language, an import mode).
    NotOneOf { value: String, allowed: Vec<String> } = "notOneOf",

    // Option lists.
    /// Not an option of the lab's list for this field.
    NotAnOption { value: String, list: String } = "notAnOption",
    /// An option the lab no longer offers.
    OptionRetired { value: String, list: String } = "optionRetired",
    /// Not the name of an option list.
    NotAnOptionList { list: String } = "notAnOptionList",
    /// An option code with other characters than `a-z`, `0-9` and `_`.
    OptionCodeCharacters = "optionCodeCharacters",

    // The lab, its days and agenda.
    /// A lab day outside the lab's days.
    DayOutOfRange { days: u32 } = "dayOutOfRange",
    /// A lab's length outside 1 to `max` days.
    LabDays { max: u32 } = "labDays",
    /// An idea target above `max`.
    IdeaTargetTooLarge { max: u32 } = "ideaTargetTooLarge",
    /// Fewer days than ideas or agenda sessions already placed on later days.
    DaysInUse { days: u32, ideas: u32, sessions: u32 } = "daysInUse",
    /// An agenda session that ends before it starts.
    EndsBeforeStart = "endsBeforeStart",

    // Agencies and people.
    /// An agency of another lab.
    AgencyOfOtherLab = "agencyOfOtherLab",
    /// An agency retired from the lab.
    AgencyRetired = "agencyRetired",
    /// No agency chosen, or not one of this lab.
    ChooseAgency = "chooseAgency",
    /// A head of agency or staff member without an agency.
    ParticipantNeedsAgency = "participantNeedsAgency",
    /// An import row naming an agency the lab does not have.
    NoAgencyCalled { value: String } = "noAgencyCalled",

    // Ideas.
    /// A tag longer than `max` characters.
    TagTooLong { max: u32 } = "tagTooLong",
    /// More than `max` tags.
    TooManyTags { max: u32 } = "tooManyTags",
    /// The agency already has an idea with this title (import).
    SameTitle = "sameTitle",
    /// An idea merged into itself.
    MergeIntoItself = "mergeIntoItself",
    /// Ideas of two labs merged.
    MergeDifferentLabs = "mergeDifferentLabs",
    /// A merge into an idea that is not on the board.
    MergeTargetGone = "mergeTargetGone",
    /// An idea merged already.
    AlreadyMerged = "alreadyMerged",
    /// Unmerging an idea that is not merged.
    NotMerged = "notMerged",
    /// An idea carried forward into the lab it is in.
    CarryIntoSameLab = "carryIntoSameLab",
    /// An idea already carried forward into that lab.
    AlreadyCarriedForward = "alreadyCarriedForward",
    /// The lab an idea is carried into has no agency with its agency's code.
    CarryNoAgency { code: String } = "carryNoAgency",
    /// An earlier lab imported into the archive that it already holds (same name and
    /// first day).
    LabExists { name: String, start_date: String } = "labExists",
    /// A workbook brought in as an earlier lab without a sheet of ideas that Labinov
    /// recognises (the columns of its export).
    NoIdeaSheet = "noIdeaSheet",
    /// The same, without a sheet of agencies (code and name).
    NoAgencySheet = "noAgencySheet",
    /// A saved form larger than `max_bytes`.
    DraftTooLarge { #[ts(type = "number")] max_bytes: u64 } = "draftTooLarge",

    // Import files.
    /// A code already on an earlier line of the same file.
    CodeRepeated { value: String, line: u32 } = "codeRepeated",
    /// A problem of one row of a list (counting from 1).
    InRow { row: u32, reason: Box<Reason> } = "inRow",
    /// A file without a column the import needs.
    NoColumn { column: String } = "noColumn",
    /// A file over the size limit.
    FileTooLarge { #[ts(type = "number")] max_bytes: u64 } = "fileTooLarge",
    /// A file with more rows than `max`.
    TooManyRows { max: u32 } = "tooManyRows",
    /// Not a CSV or XLSX file.
    WrongFileType = "wrongFileType",
    /// A file (or its first sheet) without rows.
    EmptyFile = "emptyFile",
    /// A spreadsheet that cannot be read.
    UnreadableSpreadsheet { detail: String } = "unreadableSpreadsheet",
    /// CSV text that is not UTF-8.
    NotUtf8 = "notUtf8",
    /// A spreadsheet cell holding an Excel error (`#N/A`, ...).
    ExcelError { detail: String } = "excelError",
    /// An export destination that is not a folder.
    NotAFolder = "notAFolder",

    // Photos.
    /// A photo over the size limit.
    PhotoTooLarge { #[ts(type = "number")] size_bytes: u64, #[ts(type = "number")] max_bytes: u64 } = "photoTooLarge",
    /// Not a JPEG, PNG, WebP or GIF image.
    NotAPhoto = "notAPhoto",
    /// An image that cannot be decoded.
    PhotoUnreadable { detail: String } = "photoUnreadable",

    // The projector and reviews.
    /// An idea not in the pitch queue.
    NotInPitchQueue = "notInPitchQueue",
    /// No idea chosen, or not one of this lab.
    ChooseIdea = "chooseIdea",
    /// A pitch time outside its range.
    PitchDuration { min_seconds: u32, max_minutes: u32 } = "pitchDuration",
    /// A rubric without criteria.
    RubricEmpty = "rubricEmpty",
    /// A rubric changed after reviews without confirming.
    ConfirmRubricChange = "confirmRubricChange",
    /// A criterion's weight outside 0 (excluded) to `max`.
    WeightRange { max: u32 } = "weightRange",
    /// A criterion's scale not ending between `min` and `max`.
    ScaleRange { min: u32, max: u32 } = "scaleRange",
    /// No reviewer chosen, or not one of this lab.
    ChooseReviewer = "chooseReviewer",
    /// A score for a criterion the rubric does not have.
    NotACriterion { criterion: String } = "notACriterion",
    /// A score outside its criterion's scale.
    ScoreRange { criterion: String, max: u32 } = "scoreRange",
    /// Dots outside 1 to `max`.
    DotsRange { max: u32 } = "dotsRange",
    /// A vote with fewer than two ideas.
    VoteNeedsTwo = "voteNeedsTwo",
    /// A vote that is closed already.
    VoteClosed = "voteClosed",
    /// Dots for an idea that is not a candidate of the vote.
    NotACandidate { value: String } = "notACandidate",
    /// The tally of a vote still open.
    TallyAfterClose = "tallyAfterClose",

    // Conflicts and backups.
    /// A conflict's losing value that cannot be put back this way.
    CannotRestore = "cannotRestore",
    /// A conflict's losing value that no longer fits the field.
    OldValueDoesNotFit { detail: String } = "oldValueDoesNotFit",
    /// Not the name of a backup.
    NotABackup = "notABackup",
    /// A backup that fails SQLite's check.
    BackupDamaged { detail: String } = "backupDamaged",

    // Bundles from another laptop.
    /// A folder where a bundle file was expected.
    NotAFile = "notAFile",
    /// A bundle over the size limit.
    BundleTooLarge { #[ts(type = "number")] size_bytes: u64, #[ts(type = "number")] max_bytes: u64 } = "bundleTooLarge",
    /// Not a Labinov bundle at all.
    NotABundle { detail: String } = "notABundle",
    /// A bundle format this version does not read.
    BundleFormat { found: String, supported: String } = "bundleFormat",
    /// A bundle made by an older Labinov (schema `found`).
    BundleOlderSchema { #[ts(type = "number")] found: i64, #[ts(type = "number")] supported: i64 } = "bundleOlderSchema",
    /// A bundle whose content fails the checks (damaged, or values Labinov never
    /// writes); the detail says which.
    BundleInvalid { detail: String } = "bundleInvalid",
    /// A bundle carrying a clock too far ahead of this laptop's time.
    ClockAhead {
        /// The installation id of the laptop that wrote the clock.
        laptop: String,
        /// The time the clock claims (RFC 3339, UTC).
        claims: String,
        /// How far ahead, in words (English).
        ahead: String,
        /// This laptop's time (RFC 3339, UTC).
        local: String,
        /// How many hours ahead are accepted.
        max_hours: u32,
        /// The laptop that exported the bundle, when it is not `laptop`.
        exported_by: Option<String>,
    } = "clockAhead",

    // Follow-up after the lab.
    /// A date whose year is outside `min` to `max` (a typing error).
    YearOutOfRange { min: u32, max: u32 } = "yearOutOfRange",
    /// A step due before it starts.
    DueBeforeStart = "dueBeforeStart",
    /// A percentage outside 0 to 100.
    PercentRange = "percentRange",
    /// An agency that is already the idea's own or a partner.
    PartnerAlready = "partnerAlready",
    /// An evidence file that is not a whole PDF, JPEG or PNG.
    NotEvidence = "notEvidence",
    /// An evidence file named as one type (`claimed`) holding another (`found`).
    EvidenceTypeMismatch { claimed: String, found: String } = "evidenceTypeMismatch",
    /// A record (update, evidence file) of another idea.
    NotThisIdeas = "notThisIdeas",
    /// An IID configuration that cannot be read as one (stored or sent JSON); the detail
    /// is the parser's (English). A readable one breaking a rule gets the rule's reason.
    IidConfigInvalid { detail: String } = "iidConfigInvalid",
    /// An IID configuration whose indicators have not 1 to `max` parameters each.
    IidLevels { max: u32 } = "iidLevels",
    /// An IID configuration without 1 to `max` indicators.
    IidIndicatorCount { max: u32 } = "iidIndicatorCount",
    /// An indicator without exactly the configuration's `expected` parameters.
    IidParameterCount { expected: u32 } = "iidParameterCount",
    /// The lowest band of an IID configuration not starting at 0.
    IidFirstBand = "iidFirstBand",
    /// A band not starting above the band before it.
    IidBandsRise = "iidBandsRise",
    /// A band starting outside 0 to 100.
    IidBandRange = "iidBandRange",
    /// Not an indicator of the lab's IID configuration.
    NotAnIndicator { indicator: String } = "notAnIndicator",
    /// A parameter outside 1 to `max`.
    ParameterRange { max: u32 } = "parameterRange",
    /// A spreadsheet that is not a follow-up workbook Labinov made (no stamp).
    NotAFollowupWorkbook = "notAFollowupWorkbook",
    /// A follow-up workbook made for a lab (or an agency) this database does not have.
    WorkbookOtherLab = "workbookOtherLab",
    /// A follow-up workbook whose sheet lacks a column or has its headers changed.
    WorkbookHeaders { sheet: String, column: String } = "workbookHeaders",
    /// A row naming an idea that is not one of the workbook's agency's.
    NotAgencysIdea = "notAgencysIdea",
    /// A row about a record removed here since the workbook was made.
    RemovedSince = "removedSince",
    /// A row whose id the workbook did not hold.
    NotInWorkbook = "notInWorkbook",

    /// A value another record has already (a row of an import).
    Taken { value: String } = "taken",

    // Attendance and the activity report.
    /// No agenda session chosen, or not one of this lab.
    ChooseSession = "chooseSession",
    /// A person who is not on this lab's roster.
    ChoosePerson = "choosePerson",
    /// A NIP (civil servant number) that is not 18 digits (`length`: the digits given).
    NipDigits { length: u32 } = "nipDigits",
    /// A NIP of 18 digits whose parts do not read as a NIP: birth date (8 digits),
    /// appointment year and month (6), sex (1 or 2), serial number (3).
    NipParts = "nipParts",

    /// Something only a bug can cause (a malformed call, a broken embedded font, a path
    /// that is not UTF-8); the detail is for the log.
    Internal { detail: String } = "internal",

    // The room (phones joined to the participant service).
    /// A join code that is not the open room's (mistyped, or the room was closed).
    JoinCodeWrong = "joinCodeWrong",
    /// A phone whose session is unknown or belongs to a room since closed: join again.
    NotJoined = "notJoined",
    /// A phone that has already cast its ballot in this round.
    AlreadyVoted = "alreadyVoted",
    /// A proposal or question the facilitator has already decided on.
    AlreadyDecided = "alreadyDecided",
    /// A submission id (made by the phone) that is not a UUID.
    SubmissionId = "submissionId",
    /// A question that is not (or no longer) shown to the room.
    QuestionNotShown = "questionNotShown",
    /// An address the room cannot be served on (not this laptop's, or in use).
    AddressUnavailable { address: String } = "addressUnavailable",
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use Reason as R;
        match self {
            R::Required => write!(f, "is required"),
            R::TooLong { length, max } => write!(f, "is {length} characters long; at most {max}"),
            R::ControlCharacter { code_point } => write!(
                f,
                "contains an invisible control character (U+{code_point:04X})"
            ),
            R::NotAWholeNumber { value } => write!(f, "{value:?} is not a whole number"),
            R::NotADate { value } => {
                write!(f, "{value:?} is not a date (YYYY-MM-DD or DD/MM/YYYY)")
            }
            R::NotATime { value } => write!(f, "{value:?} is not a time (HH:MM)"),
            R::NotADayNumber { value } => write!(f, "{value:?} is not a day number"),
            R::UnknownTimeZone { value } => write!(f, "unknown time zone {value:?}"),
            R::NotOneOf { value, allowed } => {
                write!(f, "{value:?} is not known; use {}", allowed.join(", "))
            }
            R::NotAnOption { value, .. } => write!(f, "{value:?} is not one of the lab's options"),
            R::OptionRetired { value, .. } => {
                write!(f, "the option {value:?} is no longer offered")
            }
            R::NotAnOptionList { list } => write!(f, "{list:?} is not an option list"),
            R::OptionCodeCharacters => write!(f, "use lowercase letters, digits and _ only"),
            R::DayOutOfRange { days } => write!(f, "the lab has days 1 to {days}"),
            R::LabDays { max } => write!(f, "a lab lasts from 1 to {max} days"),
            R::IdeaTargetTooLarge { max } => write!(f, "the idea target is at most {max}"),
            R::DaysInUse {
                days,
                ideas,
                sessions,
            } => {
                let count =
                    |n: u32, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
                let what = match (ideas, sessions) {
                    (i, 0) => count(*i, "idea"),
                    (0, s) => count(*s, "agenda session"),
                    (i, s) => format!("{} and {}", count(*i, "idea"), count(*s, "agenda session")),
                };
                let (verb, them) = if ideas + sessions == 1 {
                    ("is", "it")
                } else {
                    ("are", "them")
                };
                write!(
                    f,
                    "{what} {verb} on a day after day {days}: move {them} to an earlier day first"
                )
            }
            R::EndsBeforeStart => write!(f, "a session ends after it starts"),
            R::AgencyOfOtherLab => write!(f, "this agency belongs to another lab"),
            R::AgencyRetired => write!(f, "this agency has been retired from the lab"),
            R::ChooseAgency => write!(f, "choose an agency (OPD) of this lab"),
            R::ParticipantNeedsAgency => write!(f, "a participant belongs to an agency"),
            R::NoAgencyCalled { value } => write!(f, "no agency of the lab is called {value:?}"),
            R::TagTooLong { max } => write!(f, "a tag is at most {max} characters"),
            R::TooManyTags { max } => write!(f, "at most {max} tags"),
            R::SameTitle => write!(f, "this agency already has an idea with this title"),
            R::MergeIntoItself => write!(f, "an idea cannot be merged into itself"),
            R::MergeDifferentLabs => write!(f, "the ideas belong to different labs"),
            R::MergeTargetGone => write!(f, "merge into an idea that is on the board"),
            R::AlreadyMerged => write!(f, "this idea is already merged"),
            R::NotMerged => write!(f, "this idea is not merged"),
            R::CarryIntoSameLab => write!(f, "the idea is already in this lab"),
            R::AlreadyCarriedForward => {
                write!(f, "this idea is already carried forward into that lab")
            }
            R::CarryNoAgency { code } => write!(
                f,
                "the lab has no agency with the code {code:?}: add it to the lab's agencies first"
            ),
            R::LabExists { name, start_date } => write!(
                f,
                "the archive already holds the lab {name:?} starting {start_date}"
            ),
            R::NoIdeaSheet => write!(
                f,
                "the workbook has no sheet of ideas with the columns of a Labinov export"
            ),
            R::NoAgencySheet => write!(
                f,
                "the workbook has no sheet of agencies (code and name) like a Labinov export"
            ),
            R::DraftTooLarge { max_bytes } => {
                write!(f, "the draft is larger than {} MB", max_bytes >> 20)
            }
            R::CodeRepeated { value, line } => write!(
                f,
                "the code {value:?} is already on line {line} of this file"
            ),
            R::InRow { row, reason } => write!(f, "row {row}: {reason}"),
            R::NoColumn { column } => write!(f, "the file has no column {column:?}"),
            R::FileTooLarge { max_bytes } => {
                write!(f, "the file is larger than {} MB", max_bytes >> 20)
            }
            R::TooManyRows { max } => write!(f, "the file has more than {max} rows"),
            R::WrongFileType => write!(f, "choose a .csv or .xlsx file"),
            R::EmptyFile => write!(f, "the file is empty"),
            R::UnreadableSpreadsheet { detail } => {
                write!(f, "not a readable spreadsheet: {detail}")
            }
            R::NotUtf8 => write!(f, "the text is not UTF-8: save the file as \"CSV UTF-8\""),
            R::ExcelError { detail } => write!(f, "the cell holds an Excel error ({detail})"),
            R::NotAFolder => write!(f, "the destination is not a folder"),
            R::PhotoTooLarge {
                size_bytes,
                max_bytes,
            } => write!(
                f,
                "the photo is {:.1} MB; the limit is {} MB",
                *size_bytes as f64 / (1 << 20) as f64,
                max_bytes >> 20
            ),
            R::NotAPhoto => write!(f, "only photos can be attached (JPEG, PNG, WebP, GIF)"),
            R::PhotoUnreadable { detail } => write!(f, "the photo cannot be read: {detail}"),
            R::NotInPitchQueue => write!(f, "this idea is not in the pitch queue"),
            R::ChooseIdea => write!(f, "choose an idea of this lab"),
            R::PitchDuration {
                min_seconds,
                max_minutes,
            } => write!(
                f,
                "a pitch lasts from {min_seconds} seconds to {max_minutes} minutes"
            ),
            R::RubricEmpty => write!(f, "a rubric has at least one criterion"),
            R::ConfirmRubricChange => {
                write!(f, "reviews exist: confirm the change of the rubric")
            }
            R::WeightRange { max } => write!(f, "a weight is above 0 and at most {max}"),
            R::ScaleRange { min, max } => write!(f, "a scale goes up to {min} to {max}"),
            R::ChooseReviewer => write!(f, "choose a reviewer of this lab"),
            R::NotACriterion { criterion } => {
                write!(f, "{criterion:?} is not a criterion of the rubric")
            }
            R::ScoreRange { criterion, max } => write!(f, "{criterion} is scored 1 to {max}"),
            R::DotsRange { max } => write!(f, "give 1 to {max} dots"),
            R::VoteNeedsTwo => write!(f, "a vote needs at least two ideas"),
            R::VoteClosed => write!(f, "this vote is closed"),
            R::NotACandidate { value } => write!(f, "{value:?} is not a candidate of this vote"),
            R::TallyAfterClose => write!(f, "the tally is shown once the vote is closed"),
            R::CannotRestore => write!(f, "this value cannot be restored here; enter it again"),
            R::OldValueDoesNotFit { detail } => write!(f, "the old value does not fit: {detail}"),
            R::NotABackup => write!(f, "not the name of a backup"),
            R::BackupDamaged { detail } => write!(f, "the backup is damaged: {detail}"),
            R::NotAFile => write!(f, "this is a folder, not a bundle file"),
            R::BundleTooLarge {
                size_bytes,
                max_bytes,
            } => write!(
                f,
                "the file is {size_bytes} bytes; a bundle is at most {max_bytes}"
            ),
            R::NotABundle { detail } => write!(f, "this is not a Labinov bundle ({detail})"),
            R::BundleFormat { found, supported } => write!(
                f,
                "bundle format {found:?} is not one this version reads ({supported})"
            ),
            R::BundleOlderSchema { found, supported } => write!(
                f,
                "the bundle was made by an older Labinov (schema {found}, this one reads \
                 {supported}): update Labinov on the other laptop and export again"
            ),
            R::YearOutOfRange { min, max } => {
                write!(f, "the year must be between {min} and {max}")
            }
            R::DueBeforeStart => write!(f, "the due date is before the start date"),
            R::PercentRange => write!(f, "a percentage is between 0 and 100"),
            R::PartnerAlready => {
                write!(f, "this agency already leads or partners in this innovation")
            }
            R::NotEvidence => write!(
                f,
                "evidence must be a whole PDF, JPEG or PNG file (read from its content)"
            ),
            R::EvidenceTypeMismatch { claimed, found } => write!(
                f,
                "the file is named as {claimed} but its content is {found}"
            ),
            R::NotThisIdeas => write!(f, "this record belongs to another idea"),
            R::IidConfigInvalid { detail } => write!(f, "the IID configuration: {detail}"),
            R::IidLevels { max } => write!(f, "an indicator has 1 to {max} parameters"),
            R::IidIndicatorCount { max } => write!(f, "there are 1 to {max} indicators"),
            R::IidParameterCount { expected } => {
                write!(f, "every indicator has {expected} parameters")
            }
            R::IidFirstBand => write!(f, "the lowest band starts at 0"),
            R::IidBandsRise => write!(f, "each band starts above the band before it"),
            R::IidBandRange => write!(f, "a band starts between 0 and 100"),
            R::NotAnIndicator { indicator } => {
                write!(f, "{indicator:?} is not an indicator of the IID configuration")
            }
            R::ParameterRange { max } => write!(f, "a parameter is between 1 and {max}"),
            R::NotAFollowupWorkbook => write!(
                f,
                "this is not a follow-up workbook made by Labinov (its hidden stamp is missing or damaged)"
            ),
            R::WorkbookOtherLab => write!(
                f,
                "this workbook was made for a lab or agency this database does not have"
            ),
            R::WorkbookHeaders { sheet, column } => write!(
                f,
                "sheet {sheet:?}: the column {column:?} is missing or its header was changed"
            ),
            R::NotAgencysIdea => write!(f, "this idea is not one of the workbook's agency's"),
            R::RemovedSince => write!(f, "this record was removed here after the workbook was made"),
            R::NotInWorkbook => write!(f, "this id was not in the workbook as it was made"),
            R::Taken { value } => write!(f, "already used: {value}"),
            R::ChooseSession => write!(f, "choose a session of this lab's agenda"),
            R::ChoosePerson => write!(f, "choose a person of this lab's roster"),
            R::NipDigits { length } => {
                write!(f, "a NIP is 18 digits; this one has {length}")
            }
            R::NipParts => write!(
                f,
                "this is not a NIP: it starts with a birth date (YYYYMMDD), then the year and \
                 month of appointment (YYYYMM), 1 or 2, and a 3-digit number"
            ),
            R::JoinCodeWrong => write!(f, "this join code is not the open room's"),
            R::NotJoined => write!(f, "this phone has not joined the open room: join again"),
            R::AlreadyVoted => write!(f, "this phone has already voted in this round"),
            R::AlreadyDecided => write!(f, "the facilitator has already decided on this"),
            R::SubmissionId => write!(f, "the submission id is not a UUID"),
            R::QuestionNotShown => write!(f, "this question is not shown to the room"),
            R::AddressUnavailable { address } => write!(
                f,
                "the room cannot be served on {address}: pick another address or port"
            ),
            R::BundleInvalid { detail } | R::Internal { detail } => f.write_str(detail),
            R::ClockAhead {
                laptop,
                claims,
                ahead,
                local,
                max_hours,
                exported_by,
            } => {
                write!(
                    f,
                    "the clock of laptop {laptop} is ahead: it claims {claims}, {ahead} ahead \
                     of this laptop's clock ({local}), and at most {max_hours} hours ahead is \
                     accepted"
                )?;
                if let Some(by) = exported_by {
                    write!(
                        f,
                        " (the bundle was exported by laptop {by}, which had merged that \
                         laptop's data)"
                    )?;
                }
                write!(
                    f,
                    ". Check the date and time of both laptops; nothing was merged"
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Entity;
    use std::collections::HashSet;

    #[test]
    fn every_error_code_is_sent_as_its_string() {
        let mut seen = HashSet::new();
        for &code in ErrorCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
            assert_eq!(ErrorCode::from_str_opt(code.as_str()), Some(code));
            assert!(seen.insert(code.as_str()), "{code:?} twice");
        }
    }

    #[test]
    fn every_reason_kind_has_a_sample_that_round_trips() {
        let samples = Reason::samples();
        let kinds: Vec<_> = samples.iter().map(Reason::kind).collect();
        assert_eq!(kinds, Reason::KINDS);
        assert_eq!(
            Reason::KINDS.iter().collect::<HashSet<_>>().len(),
            Reason::KINDS.len()
        );
        for r in samples {
            let json = serde_json::to_value(&r).unwrap();
            assert_eq!(json["kind"], r.kind());
            assert_eq!(serde_json::from_value::<Reason>(json).unwrap(), r);
            assert!(!r.to_string().is_empty());
        }
        let r = Reason::PhotoTooLarge {
            size_bytes: 1,
            max_bytes: 2,
        };
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            serde_json::json!({"kind": "photoTooLarge", "sizeBytes": 1, "maxBytes": 2})
        );
    }

    /// The change log's `entity` strings are stored: they never change.
    #[test]
    fn every_entity_round_trips_through_its_stored_string() {
        let stored = [
            "lab",
            "option",
            "agency",
            "person",
            "agenda",
            "idea",
            "attachment",
            "note",
            "review_setting",
            "vote_round",
            "vote_tally",
            "review",
            "show",
            "pitch",
            "attendance",
            "report_setting",
            "gallery_field",
            "publication",
            "followup_plan",
            "followup_partner",
            "followup_step",
            "followup_milestone",
            "followup_update",
            "followup_coach_note",
            "followup_evidence",
            "followup_iid_answer",
            "followup_iid_config",
        ];
        let strings: Vec<_> = Entity::ALL.iter().map(|e| e.as_str()).collect();
        assert_eq!(strings, stored);
        for &e in Entity::ALL {
            assert_eq!(Entity::from_str_opt(e.as_str()), Some(e));
            let json = serde_json::to_value(e).unwrap();
            assert_eq!(json, e.as_str());
            assert_eq!(serde_json::from_value::<Entity>(json).unwrap(), e);
        }
    }

    #[test]
    fn the_english_message_reads_as_before() {
        let e = Error::invalid(
            "tags",
            Reason::InRow {
                row: 3,
                reason: Box::new(Reason::Required),
            },
        );
        assert_eq!(e.to_string(), "tags: row 3: is required");
        assert_eq!(
            Error::invalid(
                "file",
                Reason::FileTooLarge {
                    max_bytes: 20 << 20
                }
            )
            .to_string(),
            "file: the file is larger than 20 MB"
        );
    }
}
