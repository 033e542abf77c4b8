#!/bin/sh
# `make fuzz`: coverage-guided exploration of the fuzz targets in fuzz/ (cargo fuzz,
# libFuzzer), FUZZ_SECONDS (default 300) per target from a copy of its committed inputs.
# Not part of `make test`: exploring for a fixed time finds different things on different
# runs. `make test` replays the committed inputs instead (crates/labinov-fuzz-targets,
# test `replay`), deterministically.
#
# - One build of every target (libFuzzer, no sanitizer: the core forbids unsafe code, so
#   a sanitizer buys little and halves the speed; see README for ASan runs); a memory
#   limit (-rss_limit_mb) and a per-input time limit; the targets' databases and temp
#   files under a scratch folder (TMPDIR), removed at the end.
# - On a failure: the whole panic message, and the failing input kept as
#   fuzz/regressions/TARGET/crash-SHA1 (commit it: every `make test` then replays it) and
#   printed in base64.
# - FUZZ_SAVE_CORPUS=1 merges the inputs that add coverage into fuzz/corpus/TARGET
#   (commit them: `make test` replays them too). FUZZ_TARGETS="a b" runs only some targets.
#
# Needs a nightly toolchain (`cargo +nightly`); when there is none it uses the stable one
# with RUSTC_BOOTSTRAP=1 (cargo fuzz passes -Z flags).
set -eu
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-300}
export PATH="$HOME/.cargo/bin:$PATH"
# Pinned: the flags below are this version's.
CARGO_FUZZ_VERSION=0.13.2

if ! cargo fuzz --version 2>/dev/null | grep -q " $CARGO_FUZZ_VERSION\$"; then
    echo "fuzz: installing cargo-fuzz $CARGO_FUZZ_VERSION" >&2
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --quiet
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
ROOT="$PWD"

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/labinov-fuzz.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
COMMON="-rss_limit_mb=1024 -timeout=10 -max_len=65536 -print_final_stats=1"
export RUST_BACKTRACE=1

# Prints why TARGET failed (the log without the per-input lines) and keeps its input.
report_failure() {
    target=$1 log=$2
    echo "fuzz $target FAILED:" >&2
    grep -v -E '^(Running: |Executed |INFO: )' "$log" | tail -120 >&2
    for a in "$SCRATCH/$target"/artifacts/*; do
        [ -f "$a" ] || continue
        sum=$(sha1sum "$a" | cut -c1-16)
        mkdir -p "$ROOT/fuzz/regressions/$target"
        kept="$ROOT/fuzz/regressions/$target/crash-$sum"
        cp "$a" "$kept"
        echo "the failing input, kept as ${kept#"$ROOT"/} (commit it), base64:" >&2
        base64 -w0 "$a" >&2
        echo >&2
    done
}

targets=${FUZZ_TARGETS:-$(cd fuzz/fuzz_targets && ls ./*.rs | sed 's|^\./||; s/\.rs$//')}
status=0
for target in $targets; do
    work="$SCRATCH/$target"
    mkdir -p "$work/corpus" "$work/tmp" "$work/artifacts"
    log="$work/log"
    inputs=$(find fuzz/corpus/"$target" fuzz/regressions/"$target" -type f 2>/dev/null | sort)
    for f in $inputs; do cp "$f" "$work/corpus/"; done
    # shellcheck disable=SC2086
    if (cd "$work" && TMPDIR="$work/tmp" "$BIN/$target" "$work/corpus" $COMMON \
        -max_total_time="$SECONDS_EACH" -artifact_prefix="$work/artifacts/") \
        >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
        rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
        printf 'fuzz %-12s ok: %s runs in %ss, %s exec/s, peak RSS %s MB\n' \
            "$target" "$runs" "$SECONDS_EACH" "$speed" "$rss"
        if [ "${FUZZ_SAVE_CORPUS:-0}" = 1 ]; then
            before=$(ls fuzz/corpus/"$target" | wc -l)
            (cd "$work" && TMPDIR="$work/tmp" "$BIN/$target" -merge=1 $COMMON \
                "$ROOT/fuzz/corpus/$target" "$work/corpus") >"$work/merge.log" 2>&1
            after=$(ls fuzz/corpus/"$target" | wc -l)
            echo "fuzz $target: corpus $before -> $after inputs (fuzz/corpus/$target)"
        fi
    else
        status=1
        report_failure "$target" "$log"
    fi
done
exit $status
