//! Declares the app's commands to Tauri's ACL: only commands listed here get an
//! `allow-<command>` permission, and a window may call only what its capability allows.
//! The names come from the one declaration of the commands, `src/commands/list.rs`.

/// `COMMANDS`: the name of every command in `src/commands/list.rs` (the rest of each
/// declaration is for `commands/mod.rs` and the UI's client).
macro_rules! commands {
    ($(
        $module:ident {$(
            $(#[doc = $doc:literal])*
            $kind:ident $name:ident ($($args:tt)*) -> $ret:ty;
        )*}
    )*) => {
        const COMMANDS: &[&str] = &[$($(stringify!($name),)*)*];
    };
}

include!("src/commands/list.rs");

fn main() {
    // `generate_context!` embeds ui/dist when this crate compiles; a rebuilt UI must
    // recompile it, or the binary would keep showing the previous UI.
    println!("cargo:rerun-if-changed=../ui/dist");
    println!("cargo:rerun-if-changed=src/commands/list.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
