//! The UI's typed client, `ui/src/commands.ts`, generated from the command declarations
//! (`list.rs`), the error codes (`labinov_core::ErrorCode::ALL`) and a sample of every
//! refusal reason (`labinov_core::Reason::samples`), and committed. The
//! test below fails when the file drifts; `LABINOV_UPDATE_BINDINGS=1 cargo test -p labinov
//! --lib bindings` (or `make bindings`) rewrites it.
//!
//! Each command becomes an exported function named in camel case (`add_idea` → `addIdea`)
//! with the declared arguments in order, typed with the ts-rs names of `ui/src/bindings`,
//! and the declared answer as its promise's type. It sends through the transport
//! `ui/src/api.ts` connects (`call` for JSON, `upload` for a raw body with headers), so
//! api.ts stays the only caller of `invoke`.

use std::collections::BTreeSet;
use std::fmt::Write;

use labinov_core::{ErrorCode, Reason};

use super::{declared, Command, Kind};

/// Where the generated file is committed, from the workspace root.
pub const CLIENT_PATH: &str = "ui/src/commands.ts";

/// `lab_id` → `labId`: how Tauri names a command's arguments, and the UI its functions.
pub fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for (i, part) in name.split('_').enumerate() {
        let mut chars = part.chars();
        match chars.next() {
            Some(c) if i > 0 => out.extend(c.to_uppercase().chain(chars)),
            Some(c) => out.extend(std::iter::once(c).chain(chars)),
            None => {}
        }
    }
    out
}

/// `file_name` → `file-name`: an upload's header.
pub fn header_name(name: &str) -> String {
    name.replace('_', "-")
}

/// The words of a doc comment as a JSDoc block, indented by `indent`.
fn jsdoc(docs: &[&str], indent: &str) -> String {
    let lines: Vec<String> = docs
        .iter()
        .map(|l| l.strip_prefix(' ').unwrap_or(l).replace("*/", "*\\/"))
        .collect();
    match lines.as_slice() {
        [] => String::new(),
        [one] => format!("{indent}/** {one} */\n"),
        many => {
            let mut out = format!("{indent}/**\n");
            for l in many {
                let _ = writeln!(out, "{indent} *{}{l}", if l.is_empty() { "" } else { " " });
            }
            out + &format!("{indent} */\n")
        }
    }
}

/// The TypeScript parameters of a command: trailing arguments that may be left out get
/// their default (`null` for an `Option`).
fn parameters(c: &Command) -> Vec<String> {
    let mut optional = c.args.len();
    while optional > 0 {
        let a = &c.args[optional - 1];
        if a.default.is_none() && !a.ts.ends_with(" | null") {
            break;
        }
        optional -= 1;
    }
    c.args
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let name = camel_case(a.name);
            match (i >= optional, a.default) {
                (true, Some(d)) => format!("{name}: {} = {d}", a.ts),
                (true, None) => format!("{name}: {} = null", a.ts),
                (false, _) => format!("{name}: {}", a.ts),
            }
        })
        .collect()
}

/// The body of a command's function: what it sends.
fn send(c: &Command) -> String {
    let ret = &c.returns;
    let name = c.name;
    match c.kind {
        Kind::Json | Kind::Bytes if c.args.is_empty() => {
            format!("transport().call<{ret}>(\"{name}\")")
        }
        Kind::Json | Kind::Bytes => {
            let args: Vec<String> = c.args.iter().map(|a| camel_case(a.name)).collect();
            format!(
                "transport().call<{ret}>(\"{name}\", {{ {} }})",
                args.join(", ")
            )
        }
        Kind::Upload => {
            let mut body = c.args.iter().filter(|a| a.body);
            let bytes = body
                .next()
                .unwrap_or_else(|| panic!("upload {name} declares no argument of type Body"));
            assert!(body.next().is_none(), "upload {name}: one Body argument");
            let headers: Vec<String> = c
                .args
                .iter()
                .filter(|a| !a.body)
                .map(|a| format!("\"{}\": {}", header_name(a.name), camel_case(a.name)))
                .collect();
            format!(
                "transport().upload<{ret}>(\"{name}\", {}, {{ {} }})",
                camel_case(bytes.name),
                headers.join(", ")
            )
        }
    }
}

/// The identifiers in a TypeScript type (`Array<Lab> | null` → `Array`, `Lab`, `null`).
fn identifiers(ts: &str) -> impl Iterator<Item = &str> {
    ts.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// The text of `ui/src/commands.ts`.
pub fn typescript_client() -> String {
    let commands = declared();
    // The bindings the file names, imported from ui/src/bindings.
    let bindings: BTreeSet<String> = labinov_core::bindings::typescript_bindings()
        .into_iter()
        .map(|(file, _)| file.trim_end_matches(".ts").to_owned())
        .collect();
    let mut used = BTreeSet::from(["ErrorCode".to_owned(), "Reason".to_owned()]);
    for c in &commands {
        for ts in c.args.iter().map(|a| &a.ts).chain([&c.returns]) {
            used.extend(
                identifiers(ts)
                    .filter(|w| bindings.contains(*w))
                    .map(str::to_owned),
            );
        }
    }

    let mut out = String::from(
        "// Generated from the command declarations in src-tauri/src/commands/list.rs by\n\
         // src-tauri/src/commands/client.rs: do not edit. Change the declaration and run\n\
         // `make bindings`. Import from \"./api\", which connects these to `invoke`.\n\n",
    );
    for name in &used {
        let _ = writeln!(out, "import type {{ {name} }} from \"./bindings/{name}\";");
    }
    out.push_str("\n/** Every error code a command can reject with (`ErrorCode::ALL`). */\n");
    out.push_str("export const ERROR_CODES: readonly ErrorCode[] = [\n");
    for code in ErrorCode::ALL {
        let code = serde_json::to_value(code).expect("an error code serialises");
        let _ = writeln!(out, "  {code},");
    }
    out.push_str(
        "];\n\n/** One reason of every kind, each parameter filled (`Reason::samples`): what the \
         UI's tests walk. */\n",
    );
    out.push_str("export const REASON_SAMPLES: readonly Reason[] = [\n");
    for reason in Reason::samples() {
        let reason = serde_json::to_string(&reason).expect("a reason serialises");
        let _ = writeln!(out, "  {reason},");
    }
    out.push_str(
        "];\n\n\
         /** How the commands are sent: api.ts's `call` (JSON) and `upload` (raw body, headers). */\n\
         export interface Transport {\n\
         \x20 call<T>(command: string, args?: Record<string, unknown>): Promise<T>;\n\
         \x20 upload<T>(command: string, bytes: Uint8Array | ArrayBuffer, headers: Record<string, string>): Promise<T>;\n\
         }\n\n\
         let connected: Transport | null = null;\n\n\
         /** Sends every command below through `t`. api.ts connects it once, when it is loaded. */\n\
         export default function connect(t: Transport): void {\n\
         \x20 connected = t;\n\
         }\n\n\
         function transport(): Transport {\n\
         \x20 if (connected === null) throw new Error(\"the commands are imported from ./api, which connects them\");\n\
         \x20 return connected;\n\
         }\n",
    );
    let mut module = "";
    for c in &commands {
        if c.module != module {
            module = c.module;
            let _ = write!(out, "\n// {module}\n");
        }
        out.push('\n');
        out.push_str(&jsdoc(&c.docs, ""));
        let head = format!(
            "export const {} = ({}) =>",
            camel_case(c.name),
            parameters(c).join(", ")
        );
        let body = send(c);
        // One line when `head body;` fits in 120 characters.
        if head.len() + body.len() + 2 <= 120 {
            let _ = writeln!(out, "{head} {body};");
        } else {
            let _ = writeln!(out, "{head}\n  {body};");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn bindings_match_the_committed_client() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(CLIENT_PATH);
        let text = typescript_client();
        if std::env::var_os("LABINOV_UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &text).unwrap();
        } else {
            assert!(
                std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()),
                "{CLIENT_PATH} is out of date: run `make bindings` and commit"
            );
        }
    }

    #[test]
    fn names_are_unique_in_rust_and_in_typescript() {
        let commands = declared();
        let names: BTreeSet<&str> = commands.iter().map(|c| c.name).collect();
        let ts: BTreeSet<String> = commands.iter().map(|c| camel_case(c.name)).collect();
        assert_eq!(names.len(), commands.len());
        assert_eq!(ts.len(), commands.len());
        for c in &commands {
            let args: BTreeSet<String> = c.args.iter().map(|a| camel_case(a.name)).collect();
            assert_eq!(args.len(), c.args.len(), "{}", c.name);
        }
    }

    #[test]
    fn cases() {
        assert_eq!(camel_case("add_idea"), "addIdea");
        assert_eq!(camel_case("rubric"), "rubric");
        assert_eq!(camel_case("duration_ms"), "durationMs");
        assert_eq!(header_name("file_name"), "file-name");
    }
}
