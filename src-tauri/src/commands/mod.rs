//! The Tauri commands: one module per area, each command a one-line adapter onto
//! `labinov_core::Store`. Reads and writes run on blocking threads (see `AppState`);
//! writes notify every window. The same names are declared to the ACL in `build.rs`.

mod app;
mod ideas;
mod labs;

/// The handler with every command; used by the app and by the command tests.
pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static
{
    tauri::generate_handler![
        app::app_info,
        labs::list_labs,
        labs::create_lab,
        labs::open_lab,
        labs::create_demo_lab,
        labs::list_agencies,
        ideas::list_ideas,
        ideas::get_idea,
        ideas::add_idea,
        ideas::update_idea,
        ideas::idea_history,
        ideas::get_board,
    ]
}
