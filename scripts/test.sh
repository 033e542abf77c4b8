#!/usr/bin/env bash
# `make test`: every check, headless, in order, each stage timed. At the end (also when a
# stage fails) it prints how long each stage took, so a slow stage is seen, not guessed.
# Stops at the first failing stage and exits with its status.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
CARGO=${CARGO:-cargo}
NPM=${NPM:-npm}
# A CI run compiles everything once from a fresh clone: incremental compilation's
# bookkeeping would only cost time there (a developer's reruns keep it).
if [ -n "${CI:-}" ]; then
    export CARGO_INCREMENTAL=0
fi

names=()
times=()
results=()
started=$(date +%s)

report() {
    local total=$(( $(date +%s) - started ))
    echo
    echo "make test: time of each stage"
    for i in "${!names[@]}"; do
        printf '  %-34s %5ss  %s\n' "${names[$i]}" "${times[$i]}" "${results[$i]}"
    done
    printf '  %-34s %5ss (%dm %02ds)\n' "total" "$total" $((total / 60)) $((total % 60))
}

# stage NAME COMMAND...: runs COMMAND, records its time; stops everything on failure.
stage() {
    local name=$1
    shift
    printf '\033[1m==> %s\033[0m\n' "$name"
    local t0
    t0=$(date +%s)
    "$@"
    local code=$?
    names+=("$name")
    times+=($(( $(date +%s) - t0 )))
    if [ $code -ne 0 ]; then
        results+=("FAILED (exit $code)")
        report
        exit $code
    fi
    results+=("ok")
}

# Clippy lints every target of every workspace crate while it is compiled for the tests:
# clippy-driver is the workspace's rustc wrapper (as `cargo clippy` makes it) with clippy's
# own `-D warnings`, instead of a separate `cargo clippy`, which compiled every dependency
# a second time in check mode (8 of the 28 minutes of a fresh clone's make test). The
# variables stay set for every cargo call below, so nothing is compiled twice.
export RUSTC_WORKSPACE_WRAPPER=clippy-driver
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"

stage "install what is missing" scripts/deps.sh
stage "UI build" "$NPM" --prefix ui run --silent build
stage "rustfmt" "$CARGO" fmt --all --check
stage "UI type check" "$NPM" --prefix ui run --silent typecheck
stage "UI tests (Vitest)" "$NPM" --prefix ui test --silent
stage "compile all targets (debug), clippy -D warnings" "$CARGO" test --workspace --all-targets --no-run
# `-p labinov`, not `--workspace`: the .deb build below resolves the same features and finds
# it fresh; `--workspace` resolved others and cost 165 s more in a fresh clone (measured).
stage "build the app (debug)" "$CARGO" build -p labinov
stage "cargo test --workspace" "$CARGO" test --workspace --no-fail-fast
stage "security advisories" scripts/audit.sh
stage "installer (.deb) test" make --no-print-directory -o deps -o ui bundle-test
report
