#!/usr/bin/env bash
# Installs the .deb found in DIR (default target/release/bundle/deb: `make bundle`; make
# test passes target/debug/bundle/deb), starts the installed app under Xvfb on a
# temporary database, checks that its window comes up and takes a screenshot, then
# removes the package again. Needs root (or sudo) for dpkg.
set -euo pipefail

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

dir=${1:-target/release/bundle/deb}
deb=$(ls -t "$dir"/*.deb 2>/dev/null | head -1 || true)
if [ -z "$deb" ]; then
  echo "No .deb found under $dir: run 'make bundle' first." >&2
  exit 1
fi
out=target/bundle-smoke
mkdir -p "$out"
tmp=$(mktemp -d)
app_pid=""
xvfb_pid=""
cleanup() {
  # Single pids only: procps kill with a negative pid signals every process here.
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

say "Installing $deb"
dpkg-deb -f "$deb" Package Version Depends
$SUDO dpkg -i "$deb" >/dev/null
test -x /usr/bin/labinov
test -f /usr/share/applications/Labinov.desktop

say "The installed binary, headless"
/usr/bin/labinov --db "$tmp/lab.db" demo
/usr/bin/labinov --db "$tmp/lab.db" info | tee "$out/info.txt"
grep -q "schema" "$out/info.txt"

say "The installed app in a window under Xvfb"
# Xvfb picks a free display itself and writes its number to fd 3 once it is ready.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do
  [ -s "$tmp/display" ] && break
  sleep 0.1
done
display=":$(head -1 "$tmp/display")"
DISPLAY="$display" LABINOV_DB="$tmp/lab.db" /usr/bin/labinov >"$out/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 60); do
  if DISPLAY="$display" xwininfo -root -tree 2>/dev/null | grep -q '"Labinov"'; then break; fi
  if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "The installed app exited early:" >&2
    cat "$out/app.log" >&2
    exit 1
  fi
  sleep 0.5
done
DISPLAY="$display" xwininfo -root -tree | grep '"Labinov"'
# Let the first screen paint before the picture.
sleep 4
DISPLAY="$display" import -window root "$out/installed-app.png"
kill -0 "$app_pid"
echo "screenshot: $out/installed-app.png"

say "Removing the package"
$SUDO dpkg -r labinov >/dev/null
test ! -e /usr/bin/labinov
say "bundle smoke test passed"
