#!/usr/bin/env bash
# Installs what Labinov needs to build, run and test, and nothing that is already there.
# Safe to run again: every step checks first. Used by `make run` and `make test`.
set -euo pipefail

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# System packages: WebKitGTK and friends for Tauri, Xvfb and WebKitWebDriver for the
# end-to-end tests, ImageMagick for looking at screenshots, and the export tests' tools.
APT_PACKAGES=(
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev
  libssl-dev pkg-config build-essential file curl
  xvfb xauth webkit2gtk-driver
  # Export tests: FAT and exFAT images mounted through FUSE, the PDF turned into PNG,
  # the HTML report rendered headless.
  fusefat exfat-fuse exfatprogs dosfstools poppler-utils chromium
  # The installer smoke test: find the installed app's window and take its picture.
  x11-utils imagemagick
  # make bench: the Indonesian word list its realistic search corpus is drawn from.
  hunspell-id
  # The activity report's DOCX opened and converted to PDF by a word processor (render tests).
  libreoffice-writer-nogui
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Rust and Node come with the machine; say clearly when they do not.
if ! command -v cargo >/dev/null; then
  echo "Rust is not installed: install it with rustup (https://rustup.rs), then run make again." >&2
  exit 1
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Node.js 20 or newer and npm are needed for the user interface: install them, then run make again." >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "Node.js $(node --version) is too old: the user interface needs Node.js 20 or newer." >&2
  exit 1
fi

# npm packages for the UI, from the lock file, only when the lock file changed.
if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  say "Installing the UI's npm packages"
  npm --prefix ui ci --no-audit --no-fund --loglevel=error
fi

# tauri-driver drives the real window in the end-to-end tests.
if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  say "Installing tauri-driver"
  cargo install tauri-driver --locked --quiet
fi
