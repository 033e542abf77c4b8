#!/bin/sh
# Known security advisories against the dependencies (part of `make test`; `make audit`
# insists).
#
# - Rust: `cargo audit` against the RustSec advisory database, which it clones from
#   github.com. Findings are failures unless `.cargo/audit.toml` lists them with the reason
#   they do not reach Labinov.
# - npm: `npm audit` of the UI's packages, which asks the npm registry's advisory endpoint.
#
# Both sources are on the network. Where they cannot be reached (the lab laptops, this
# project's CI, which reaches the package registries only) the script says so in capitals
# and, by default, does not fail: nothing was checked, and the output says that, it does
# not say "clean". `LABINOV_AUDIT=require` (what `make audit` sets) makes an unreachable
# source a failure, for a machine that has the network (a release build).
set -u
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
REQUIRE=${LABINOV_AUDIT:-}
status=0

not_checked() {
    echo "audit: NOT CHECKED: $1" >&2
    if [ "$REQUIRE" = "require" ]; then status=1; fi
}

# --- Rust: RustSec ---------------------------------------------------------------------
if git ls-remote --exit-code https://github.com/rustsec/advisory-db HEAD >/dev/null 2>&1; then
    if ! command -v cargo-audit >/dev/null 2>&1; then
        echo "audit: installing cargo-audit" >&2
        cargo install cargo-audit --locked --quiet || status=1
    fi
    if command -v cargo-audit >/dev/null 2>&1; then
        cargo audit --deny warnings || status=1
    fi
else
    not_checked "the RustSec advisory database (github.com/rustsec/advisory-db) cannot be reached from this machine; cargo audit did not run"
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
