//! The empty app's build script: Tauri's, with no commands of its own.

fn main() {
    println!("cargo:rerun-if-changed=dist");
    tauri_build::build();
}
