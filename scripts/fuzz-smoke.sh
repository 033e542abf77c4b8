#!/bin/sh
# A short, bounded fuzz run of every target in fuzz/ (part of `make test`).
#
# - Builds the targets once (cargo fuzz, libFuzzer, no sanitizer: the core forbids unsafe
#   code, so a sanitizer buys little here and halves the speed; see README for ASan runs).
# - Runs each target for FUZZ_SECONDS (default 8) from a copy of its seed corpus in a temp
#   folder, with a memory limit (-rss_limit_mb) and a per-input time limit; the targets'
#   databases live under the same temp folder (TMPDIR), crash files too
#   (-artifact_prefix). Nothing in the repository is written; the temp folder goes at the end.
# - Fails on any crash, panic, leak of the memory limit or timeout, printing the input.
# - Prints executions per second for each target.
#
# Needs a nightly toolchain (`cargo +nightly`); when there is none it uses the stable one
# with RUSTC_BOOTSTRAP=1 (cargo fuzz passes -Z flags).
set -eu
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-8}
export PATH="$HOME/.cargo/bin:$PATH"

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    echo "fuzz-smoke: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked --quiet
fi
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    CARGO="cargo +nightly"
else
    CARGO="cargo"
    export RUSTC_BOOTSTRAP=1
fi

TARGET_DIR="$PWD/target/fuzz"
(cd fuzz && $CARGO fuzz build -O --sanitizer none --target-dir "$TARGET_DIR")
BIN="$TARGET_DIR/x86_64-unknown-linux-gnu/release"

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/labinov-fuzz.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
status=0
for target in $(cd fuzz/fuzz_targets && ls *.rs | sed 's/\.rs$//'); do
    mkdir -p "$SCRATCH/$target/corpus" "$SCRATCH/$target/tmp" "$SCRATCH/$target/artifacts"
    cp fuzz/corpus/"$target"/* "$SCRATCH/$target/corpus/" 2>/dev/null || true
    log="$SCRATCH/$target/log"
    if (cd "$SCRATCH/$target" && TMPDIR="$SCRATCH/$target/tmp" "$BIN/$target" corpus \
        -max_total_time="$SECONDS_EACH" -rss_limit_mb=1024 -timeout=10 -max_len=65536 \
        -artifact_prefix="$SCRATCH/$target/artifacts/" -print_final_stats=1) >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
        rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
        printf 'fuzz %-12s ok: %s runs in %ss, %s exec/s, peak RSS %s MB\n' \
            "$target" "$runs" "$SECONDS_EACH" "$speed" "$rss"
    else
        status=1
        echo "fuzz $target FAILED:" >&2
        grep -E 'panicked|ERROR|SUMMARY|Test unit written|^Base64' "$log" >&2 || tail -30 "$log" >&2
        for a in "$SCRATCH/$target"/artifacts/*; do
            [ -f "$a" ] && { echo "input ($a):" >&2; od -c "$a" | head -20 >&2; }
        done
    fi
done
exit $status
