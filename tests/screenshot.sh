#!/usr/bin/env bash
# Renders the demo meeting's HTML report (or the meeting given as $1) with headless Chromium into
# tests/screenshots/meeting-report.png: builds the server, starts it with --demo on free ports and a
# database of its own, waits for it, takes the screenshot and stops it. Installs Debian's chromium
# (and curl) when missing. Chromium runs with --no-sandbox: CI runs as root.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"
meeting="${1:-igf-2012}"
out="$root/tests/screenshots/meeting-report.png"
server_dll="$root/src/ParticipationRegistry.Server/bin/Release/net10.0/ParticipationRegistry.Server.dll"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v curl >/dev/null || missing+=(curl)
if (( ${#missing[@]} > 0 )); then
  sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    sudo=(sudo)
  fi
  echo "Installing ${missing[*]}"
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

dotnet build "$root/src/ParticipationRegistry.Server" -c Release --nologo -v quiet

work="$(mktemp -d)"
log="$work/server.log"
dotnet "$server_dll" --demo --grpc-url http://127.0.0.1:0 --http-url http://127.0.0.1:0 \
  --database "$work/registry.db" >"$log" 2>&1 &
server=$!
stop() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT

# The server prints its bound HTTP/1.1 URL once it listens.
url=""
for _ in $(seq 1 120); do
  url="$(grep -oE 'HTTP/1\.1: +http://[0-9.]+:[0-9]+' "$log" | grep -oE 'http://[0-9.]+:[0-9]+' || true)"
  if [[ -n "$url" ]]; then
    break
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    cat "$log" >&2
    echo "tests/screenshot.sh: the server exited before it listened" >&2
    exit 1
  fi
  sleep 0.5
done
if [[ -z "$url" ]]; then
  cat "$log" >&2
  echo "tests/screenshot.sh: the server did not start within 60 seconds" >&2
  exit 1
fi

page="$url/reports/meetings/$meeting"
status="$(curl -s -o "$work/page.html" -w '%{http_code}' "$page")"
if [[ "$status" != 200 ]]; then
  echo "tests/screenshot.sh: GET $page answered HTTP $status:" >&2
  head -c 2000 "$work/page.html" >&2
  exit 1
fi

mkdir -p "$(dirname "$out")"
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/chromium" --window-size=1280,1800 --screenshot="$out" "$page" 2>"$work/chromium.log" || {
  cat "$work/chromium.log" >&2
  echo "tests/screenshot.sh: chromium failed" >&2
  exit 1
}
echo "Wrote $out from $page"
