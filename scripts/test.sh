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
# Line tables only (file and line in every backtrace, no variables for a debugger): less
# debug information to generate and link in a build nobody steps through.
if [ -n "${CI:-}" ]; then
    export CARGO_INCREMENTAL=0
    export CARGO_PROFILE_DEV_DEBUG=line-tables-only
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
# `vite build` alone: the type check is its own stage below (the npm script runs both).
ui_build() { (cd ui && "$NPM" exec --silent -- vite build); }
stage "UI build" ui_build
stage "rustfmt" "$CARGO" fmt --all --check
stage "UI type check" "$NPM" --prefix ui run --silent typecheck
stage "UI tests (Vitest)" "$NPM" --prefix ui test --silent
# This also builds target/debug/labinov, the binary the end-to-end tests drive and the .deb
# packs (the `labinov` package has integration tests, so cargo builds its binary for them).
# A separate `cargo build -p labinov` resolved other features (the tests' `tauri/test`) and
# compiled Tauri and the app a second time: 153 s of a fresh clone's make test (measured).
stage "compile all targets (debug), clippy -D warnings" "$CARGO" test --workspace --all-targets --no-run

# Every test binary, the soak beside the others: it spends its minutes in the real window,
# mostly waiting for it, while the shell's, the core's and the renderers' tests keep the
# cores busy (cargo runs one test binary at a time; the soak alone took 150 s after them).
# The soak's binary is started straight from the build above (a `cargo test -p` or
# `--exclude` would resolve other features and compile again); `cargo test --workspace`
# then skips its one test by name. Failures anywhere fail the stage; everything still runs.
SOAK_TEST=an_hour_of_capture_and_board_use_keeps_memory_flat
run_tests() {
    local soak log=target/soak-test.log status=0 soak_status
    mkdir -p target
    soak=$("$CARGO" test --workspace --all-targets --no-run --message-format=json 2>/dev/null |
        grep '"name":"soak"' | grep -o '"executable":"[^"]*"' | tail -1 | cut -d'"' -f4)
    if [ -z "$soak" ]; then
        echo "the soak test's binary was not found" >&2
        return 1
    fi
    echo "soak: $soak $SOAK_TEST, beside the other tests (its output follows theirs)"
    # Run as cargo runs it: from its package's folder.
    (cd tests && exec "$soak" --exact "$SOAK_TEST") > "$log" 2>&1 &
    local soak_pid=$!
    "$CARGO" test --workspace --no-fail-fast -- --skip "$SOAK_TEST" || status=$?
    wait "$soak_pid"
    soak_status=$?
    echo "==> the soak ($log)"
    cat "$log"
    [ "$soak_status" -eq 0 ] || status=$soak_status
    return "$status"
}
stage "cargo test --workspace" run_tests
stage "security advisories" env LABINOV_AUDIT_BIN="${CARGO_TARGET_DIR:-target}/debug/labinov-audit" scripts/audit.sh
# `-o build`: the binary is the one compiled above (see there).
stage "installer (.deb) test" make --no-print-directory -o deps -o ui -o build bundle-test
report
