//! Declares the app's commands to Tauri's ACL: only commands listed here get an
//! `allow-<command>` permission, and a window may call only what its capability allows.

const COMMANDS: &[&str] = &[
    "app_info",
    "list_labs",
    "create_lab",
    "open_lab",
    "create_demo_lab",
    "list_agencies",
    "list_ideas",
    "get_idea",
    "add_idea",
    "update_idea",
    "idea_history",
    "get_board",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
