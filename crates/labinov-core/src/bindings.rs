//! TypeScript bindings for the types that cross to the UI.
//!
//! `ui/src/bindings/*.ts` are generated from these types and committed, with
//! `ideaFieldTable.ts`, the field table of an idea ([`crate::fields`]). The test below
//! fails when they drift; `LABINOV_UPDATE_BINDINGS=1 cargo test -p labinov-core bindings`
//! (or `make bindings`) rewrites them.

use ts_rs::{Config, TS};

use crate::error::{ErrorCode, ErrorPayload, Reason};
use crate::export::{
    Drive, ExportFormat, ExportOptions, ExportProgress, ExportReport, ExportedFile, Lang,
};
use crate::model::*;
use crate::store::archive::{
    ArchiveAgency, ArchiveItem, ArchiveLab, ArchivePage, ArchiveQuery, ArchiveSummary,
    LabWorkbookImport, LineageStep, YearCount,
};

/// `(file name, contents)` of every generated binding.
pub fn typescript_bindings() -> Vec<(String, String)> {
    let cfg = Config::default();
    let mut out = Vec::new();
    macro_rules! add {
        ($($t:ty),* $(,)?) => {$(
            out.push((
                format!("{}.ts", <$t as TS>::name(&cfg)),
                <$t as TS>::export_to_string(&cfg).expect("ts-rs export"),
            ));
        )*};
    }
    add!(
        Lab,
        NewLab,
        LabSummary,
        Agency,
        NewAgency,
        Idea,
        IdeaInput,
        IdeaPatch,
        Board,
        BoardGroup,
        ChangeOp,
        ChangeRecord,
        MergedIdea,
        MergeReport,
        MergeConflict,
        BackupInfo,
        FoundBundle,
        AppInfo,
        ErrorCode,
        Reason,
        Entity,
        ErrorPayload,
        IdeaListing,
        LatestIdeas,
        ChangeEvent,
        OptionItem,
        SimilarIdea,
        Draft,
        AgendaSession,
        AgendaInput,
        PersonRole,
        Person,
        PersonInput,
        ImportMode,
        RowProblem,
        RowOutcome,
        FieldChange,
        ImportRow,
        ImportReport,
        Attachment,
        BoardGrouping,
        BoardSort,
        BoardQuery,
        BoardColumn,
        BoardCard,
        BoardPage,
        DayCount,
        AgencyCount,
        OptionCount,
        LabStats,
        crate::charts::ChartId,
        crate::charts::BarLabel,
        crate::charts::Bar,
        crate::charts::Chart,
        crate::charts::LabCharts,
        ShowMode,
        ShowTheme,
        ShowState,
        SlotState,
        PitchSlot,
        PitchTimer,
        PitchSession,
        IdeaNote,
        Criterion,
        Recommendation,
        Score,
        Review,
        ReviewInput,
        ScoreInput,
        IdeaReviews,
        RankRow,
        VoteRound,
        VoteResult,
        VoteOutcome,
        ReleasedResults,
        ArchiveQuery,
        ArchiveItem,
        ArchivePage,
        ArchiveLab,
        YearCount,
        ArchiveAgency,
        ArchiveSummary,
        LineageStep,
        LabWorkbookImport,
    );
    // The field table of an idea (`crate::fields`), as types and as the table itself.
    add!(
        crate::fields::FieldKind,
        crate::fields::FormSection,
        crate::fields::OptionList
    );
    // The export ("Ekspor ke USB").
    add!(
        Drive,
        ExportFormat,
        ExportOptions,
        ExportProgress,
        ExportReport,
        ExportedFile,
        Lang
    );
    // Attendance and the activity report's settings.
    add!(
        Attendee,
        AttendanceInput,
        SessionAttendance,
        DayAttendance,
        AgencyAttendance,
        AttendanceCounts,
        ReportSettings
    );
    // The room: phones joined to the participant service, and the moderation queue.
    add!(
        RoomOpening,
        ProposalState,
        ProposalEdit,
        ProposalPhoto,
        Proposal,
        QuestionState,
        RoomQuestion,
        RoomStatus,
        RoomAddress
    );
    // What the gallery and posters show, and the lab's choices of it.
    add!(
        crate::fields::Publicity,
        crate::export::GalleryField,
        crate::export::GalleryIdea,
        crate::export::GalleryChoices,
        crate::export::GalleryLab,
        crate::export::GalleryAgency,
        crate::export::PublicField,
        crate::export::PublicPhoto,
        crate::export::PublicIdea,
        crate::export::PublicProgress,
        crate::export::PublicMilestone,
        crate::export::Gallery
    );
    // After the lab: the follow-up (`crate::followup`, `store/followup/`).
    {
        use crate::followup::iid::*;
        use crate::followup::workbook::Stamp;
        use crate::followup::*;
        add!(
            FollowupPlan,
            Partner,
            StepInput,
            StepStatus,
            Step,
            Milestone,
            UpdateInput,
            ProgressUpdate,
            CoachNote,
            Evidence,
            IdeaFollowup,
            BoardIdea,
            OverdueKind,
            Overdue,
            AgencyFollowup,
            AgencyChart,
            FollowupBoard,
            IidParameter,
            IidIndicator,
            IidBand,
            IidConfig,
            IidAnswer,
            IidStep,
            IidMissing,
            IidEstimate,
            IdeaIidEstimate,
            AgencyIidEstimate,
            Side,
            ConflictChoice,
            ImportedRow,
            ImportChange,
            ImportConflict,
            RefusedRow,
            WorkbookImport,
            Stamp
        );
    }
    // `#[ts(type = "Partial<X>")]` names a type ts-rs does not know it depends on.
    let names: Vec<String> = out
        .iter()
        .map(|(n, _)| n.trim_end_matches(".ts").to_owned())
        .collect();
    for (_, text) in &mut out {
        for name in &names {
            let import = format!("import type {{ {name} }} from \"./{name}\";\n");
            if text.contains(&format!("Partial<{name}>")) && !text.contains(&import) {
                let at = text.find('\n').map_or(0, |i| i + 1);
                text.insert_str(at, &format!("{import}\n"));
            }
        }
    }
    out.push((
        "ideaFieldTable.ts".to_owned(),
        crate::fields::typescript_field_table(),
    ));
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::typescript_bindings;

    #[test]
    fn bindings_match_the_committed_typescript() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings");
        let update = std::env::var_os("LABINOV_UPDATE_BINDINGS").is_some();
        let mut stale = Vec::new();
        let generated = typescript_bindings();
        // A committed binding whose Rust type is gone is drift too.
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !generated.iter().any(|(n, _)| *n == name) {
                if update {
                    std::fs::remove_file(entry.path()).unwrap();
                } else {
                    stale.push(name);
                }
            }
        }
        for (name, text) in generated {
            let path = dir.join(&name);
            if update {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &text).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(name);
            }
        }
        assert!(
            stale.is_empty(),
            "ui/src/bindings is out of date for {stale:?}: run `make bindings` and commit"
        );
    }
}
