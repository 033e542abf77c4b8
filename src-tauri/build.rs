//! Declares the app's commands to Tauri's ACL: only commands listed here get an
//! `allow-<command>` permission, and a window may call only what its capability allows.

const COMMANDS: &[&str] = &[
    "app_info",
    "list_labs",
    "create_lab",
    "update_lab",
    "open_lab",
    "create_demo_lab",
    "list_agencies",
    "add_agency",
    "edit_agency",
    "set_agency_retired",
    "list_options",
    "save_option",
    "retire_option",
    "get_agenda",
    "add_session",
    "update_session",
    "delete_session",
    "list_people",
    "add_person",
    "remove_person",
    "import_agencies",
    "import_ideas",
    "list_ideas",
    "get_idea",
    "add_idea",
    "update_idea",
    "idea_history",
    "get_board",
    "similar_ideas",
    "search_ideas",
    "delete_idea",
    "restore_idea",
    "list_trash",
    "empty_trash",
    "merge_ideas",
    "unmerge_idea",
    "merged_ideas",
    "save_draft",
    "list_drafts",
    "discard_draft",
    "add_attachment",
    "list_attachments",
    "attachment_bytes",
    "remove_attachment",
];

fn main() {
    // `generate_context!` embeds ui/dist when this crate compiles; a rebuilt UI must
    // recompile it, or the binary would keep showing the previous UI.
    println!("cargo:rerun-if-changed=../ui/dist");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
