# Labinov: the two commands are `make run` and `make test`. Both install what is missing.

CARGO ?= cargo
NPM ?= npm
BIN := target/debug/labinov
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: run test deps ui build lint fmt bindings e2e bench bench-table audit bundle bundle-test bundle-release-test appimage clean fuzz

## Build everything and open the app on the per-user database (a demo lab on first start).
run: build
	$(BIN) demo --if-empty
	$(BIN)

## Everything headless: formatting, lints, type checks, UI tests, Rust tests, e2e under
## Xvfb, advisories, the installer; the stages and their times are in scripts/test.sh.
test:
	CARGO="$(CARGO)" NPM="$(NPM)" scripts/test.sh

deps:
	@scripts/deps.sh

## Linux installer: the .deb, by the Tauri bundler from the UI's npm packages (@tauri-apps/cli).
bundle: deps ui
	cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb --ci

## The installer test (last step of make test): the .deb packed by the same bundler
## (`tauri bundle`, which compiles nothing) around the debug binary already built
## (make test's own; a release build would be a second full compile), installed, started
## under Xvfb, screenshotted, removed again.
bundle-test: deps ui build
	cd src-tauri && ../ui/node_modules/.bin/tauri bundle --debug --bundles deb --ci
	scripts/bundle-smoke.sh target/debug/bundle/deb

## The same test on the release .deb (make bundle).
bundle-release-test: bundle
	scripts/bundle-smoke.sh target/release/bundle/deb

## The AppImage: the bundler downloads its AppImage tools from GitHub, so it needs a network.
appimage: deps ui
	cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles appimage --ci

## The web UI, built into ui/dist (which the app embeds).
ui: deps
	$(NPM) --prefix ui run --silent build

build: deps ui
	$(CARGO) build -p labinov

## Only the end-to-end tests in the real window.
e2e: build
	$(CARGO) test -p labinov-tests --test it -- e2e:: --nocapture

## Benchmarks, then one table of every figure beside its floor measured in the same run, the
## ratio and the goal (target/bench-results/*.json): capture commit vs a raw SQLite insert,
## the similar-idea hint over 100,000 ideas vs a raw FTS5 match, board pages over 5,000,
## export of 10,000 ideas, the city's gallery over 20 labs of 500 ideas, merge of two 10,000-idea bundles (core, release build); board in
## the webview; start to first paint, idle memory and binary size vs an empty Tauri app
## (bench/empty-app, same Tauri and profile); 300 phones on the room's service for 5 minutes
## while the facilitator types in the window.
bench: deps ui
	$(CARGO) bench -p labinov-core --bench capture
	$(CARGO) bench -p labinov-core --bench board
	$(CARGO) bench -p labinov-core --bench archive
	$(CARGO) bench -p labinov-render --bench export
	$(CARGO) bench -p labinov-render --bench city
	$(CARGO) bench -p labinov-core --bench merge
	$(CARGO) build --release -p labinov -p labinov-empty-app
	LABINOV_BIN=$(CURDIR)/target/release/labinov LABINOV_EMPTY_APP_BIN=$(CURDIR)/target/release/labinov-empty-app \
		$(CARGO) bench -p labinov-tests --bench app
	LABINOV_BIN=$(CURDIR)/target/release/labinov $(CARGO) bench -p labinov-tests --bench room
	@$(CARGO) run --quiet -p labinov-tests --bin bench-table

## The table of the last benchmark figures, without running them again.
bench-table:
	@$(CARGO) run --quiet -p labinov-tests --bin bench-table

## A long session in the real window (an hour; LABINOV_SOAK_SECONDS to change), memory sampled.
soak: build
	LABINOV_SOAK_SECONDS=$${LABINOV_SOAK_SECONDS:-3600} $(CARGO) test -p labinov-tests --test soak -- --nocapture

## Security advisories (cargo audit, npm audit); fails when their sources cannot be reached.
audit: deps
	LABINOV_AUDIT=require scripts/audit.sh

## Fuzzing that explores: FUZZ_SECONDS per target (default 300); FUZZ_SAVE_CORPUS=1 keeps
## the inputs that add coverage in fuzz/corpus/ (make test replays them). Not in make test:
## exploring for a fixed time is not deterministic.
fuzz:
	FUZZ_SECONDS=$${FUZZ_SECONDS:-300} scripts/fuzz.sh

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(NPM) --prefix ui run typecheck

fmt:
	$(CARGO) fmt --all

## Regenerate ui/src/bindings from the Rust types, and the UI's command client
## ui/src/commands.ts from the command declarations (src-tauri/src/commands/list.rs).
bindings:
	LABINOV_UPDATE_BINDINGS=1 $(CARGO) test -p labinov-core --lib bindings
	LABINOV_UPDATE_BINDINGS=1 $(CARGO) test -p labinov --lib bindings

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules
