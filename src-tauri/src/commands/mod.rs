//! The Tauri commands: one module per area, each command a one-line adapter onto
//! `labinov_core::Store`. Reads and writes run on blocking threads (see `AppState`);
//! writes notify every window. The same names are declared to the ACL in `build.rs`.

mod app;
mod attachments;
mod board;
mod drafts;
pub mod export;
mod ideas;
mod labs;
mod review;
mod setup;
pub mod show;
mod transfer;

/// The handler with every command; used by the app and by the command tests.
pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static
{
    tauri::generate_handler![
        app::app_info,
        labs::list_labs,
        labs::create_lab,
        labs::update_lab,
        labs::get_lab,
        labs::open_lab,
        labs::create_demo_lab,
        setup::list_agencies,
        setup::add_agency,
        setup::edit_agency,
        setup::set_agency_retired,
        setup::list_options,
        setup::save_option,
        setup::retire_option,
        setup::get_agenda,
        setup::add_session,
        setup::update_session,
        setup::delete_session,
        setup::list_people,
        setup::add_person,
        setup::remove_person,
        setup::import_agencies,
        setup::import_ideas,
        ideas::list_ideas,
        ideas::get_idea,
        ideas::add_idea,
        ideas::update_idea,
        ideas::idea_history,
        ideas::get_board,
        ideas::similar_ideas,
        ideas::search_ideas,
        ideas::delete_idea,
        ideas::restore_idea,
        ideas::list_trash,
        ideas::empty_trash,
        ideas::merge_ideas,
        ideas::unmerge_idea,
        ideas::merged_ideas,
        drafts::save_draft,
        drafts::list_drafts,
        drafts::discard_draft,
        attachments::add_attachment,
        attachments::list_attachments,
        attachments::attachment_bytes,
        attachments::remove_attachment,
        board::board_page,
        board::set_idea_status,
        board::lab_stats,
        show::open_projector,
        show::show_state,
        show::set_show_mode,
        show::set_spotlight,
        show::set_show_theme,
        show::set_results_released,
        show::pitch_session,
        show::build_pitch_queue,
        show::shuffle_pitch_queue,
        show::move_pitch_slot,
        show::start_pitch,
        show::pause_pitch,
        show::resume_pitch,
        show::finish_pitch,
        show::skip_pitch,
        show::requeue_pitch,
        show::set_pitch_duration,
        show::add_idea_note,
        show::list_idea_notes,
        review::rubric,
        review::save_rubric,
        review::review_blind,
        review::set_review_blind,
        review::save_review,
        review::idea_reviews,
        review::ranking,
        review::released_results,
        review::open_vote_round,
        review::vote_round,
        review::cast_ballot,
        review::close_vote_round,
        review::vote_results,
        export::list_drives,
        export::export_lab,
        export::pick_folder,
        export::pick_file,
        transfer::find_bundles,
        transfer::preview_bundle,
        transfer::merge_bundle,
        transfer::list_conflicts,
        transfer::restore_conflict,
        transfer::list_backups,
        transfer::restore_backup,
    ]
}
