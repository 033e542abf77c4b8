#!/bin/sh
# Known security advisories against the dependencies (part of `make test`; `make audit`
# insists on the live sources).
#
# - Rust: the RustSec advisory database. Offline, the snapshot in
#   ../shared/rustsec-advisory-db (see its SNAPSHOT.txt; LABINOV_ADVISORY_DB names another
#   copy) is read by `tools/audit` (the RustSec project's own `rustsec` library without its
#   git and HTTP parts, built with the workspace: installing cargo-audit on every fresh CI
#   machine compiled ~300 crates, about six minutes), and its date is printed; with
#   LABINOV_AUDIT=require `cargo audit` (pinned below) fetches the live database from
#   github.com instead and also checks yanked versions. Every finding, vulnerability or
#   warning (unmaintained, unsound, notice), fails the step unless `.cargo/audit.toml` lists
#   it with the reason it does not reach Labinov.
# - npm: `npm audit` of the UI's packages, which asks the npm registry's advisory endpoint;
#   no offline copy exists. Where it cannot be reached the script says so in capitals and,
#   by default, does not fail: nothing was checked, and the output says that, it does not
#   say "clean". `LABINOV_AUDIT=require` (what `make audit` sets) makes an unreachable
#   source a failure, for a machine that has the network (a release build).
set -u
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
REQUIRE=${LABINOV_AUDIT:-}
CARGO_AUDIT_VERSION=0.22.2
DB=${LABINOV_ADVISORY_DB:-../shared/rustsec-advisory-db}
status=0

not_checked() {
    echo "audit: NOT CHECKED: $1" >&2
    if [ "$REQUIRE" = "require" ]; then status=1; fi
}

ensure_cargo_audit() {
    if ! cargo audit --version 2>/dev/null | grep -q " $CARGO_AUDIT_VERSION\$"; then
        echo "audit: installing cargo-audit $CARGO_AUDIT_VERSION" >&2
        cargo install cargo-audit --version "$CARGO_AUDIT_VERSION" --locked --quiet || return 1
    fi
}

# --- Rust: RustSec ---------------------------------------------------------------------
if [ "$REQUIRE" = "require" ]; then
    if git ls-remote --exit-code https://github.com/rustsec/advisory-db HEAD >/dev/null 2>&1; then
        ensure_cargo_audit && cargo audit --deny warnings || status=1
    else
        not_checked "the live RustSec advisory database (github.com/rustsec/advisory-db) cannot be reached from this machine"
    fi
elif [ -d "$DB/crates" ]; then
    snapshot="of $(grep -o 'of [0-9]\{4\}-[0-9][0-9]-[0-9][0-9]' "$DB/SNAPSHOT.txt" 2>/dev/null | head -1 | cut -c4-), commit $(grep -o '[0-9a-f]\{40\}' "$DB/SNAPSHOT.txt" 2>/dev/null | head -1 | cut -c1-12)"
    echo "audit: Rust dependencies against the RustSec snapshot in $DB $snapshot (offline)"
    # make test passes the binary its test build made (LABINOV_AUDIT_BIN): `cargo run -p`
    # resolves the features of that one package and compiled shared crates again.
    run_audit() {
        if [ -n "${LABINOV_AUDIT_BIN:-}" ] && [ -x "$LABINOV_AUDIT_BIN" ]; then
            "$LABINOV_AUDIT_BIN" "$@"
        else
            cargo run --quiet -p labinov-audit -- "$@"
        fi
    }
    if run_audit "$DB" Cargo.lock .cargo/audit.toml; then
        echo "audit: Rust: no finding beyond those explained in .cargo/audit.toml"
    else
        status=1
    fi
else
    not_checked "no RustSec advisory database here ($DB is missing) and no network to fetch one; cargo audit did not run"
fi

# --- npm: the registry's advisory endpoint -------------------------------------------------
out=$(npm --prefix ui audit --audit-level=low 2>&1)
code=$?
if [ $code -eq 0 ]; then
    echo "$out" | tail -n 3
elif echo "$out" | grep -q -e "audit endpoint returned an error" -e "ENOTFOUND" -e "ECONNREFUSED" -e "ETIMEDOUT" -e "EAI_AGAIN"; then
    not_checked "the npm registry's advisory endpoint refused or could not be reached ($(echo "$out" | grep -m1 -o '[0-9][0-9][0-9] [A-Za-z ]*- POST[^ ]*' || echo 'no answer')); npm audit did not run"
else
    echo "$out"
    status=1
fi

exit $status
