#!/usr/bin/env bash
# The browser test of the web view: Debian's chromium, headless, against `proxymap serve` on
# the seeds plus the hostile fixture of web/tests/hostile/ (web/tests/browser.mjs).
#
#   .ci/browser_test.sh            (PROXYMAP_SHARED: the shared folder, default ../shared)
#
# Installs chromium when /usr/bin/chromium is missing (CI runs as root on Debian), installs
# web/'s packages from the lockfile, builds the release binary (the page is embedded at
# build time, so a build made before `npm ci` is rebuilt here), ingests, serves on a free
# loopback port and runs the test. The server is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${PROXYMAP_SHARED:-$root/../shared}
if [ ! -d "$shared/seeds" ]; then
  echo "error: no seeds at $shared/seeds (set PROXYMAP_SHARED)" >&2
  exit 1
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

npm ci --prefix web --no-audit --no-fund --loglevel=error >/dev/null
cargo build --release --locked --quiet
bin="${CARGO_TARGET_DIR:-target}/release/proxymap"

work="$root/target/browser"
rm -rf "$work" && mkdir -p "$work"
rc=0
"$bin" ingest "$shared/seeds" web/tests/hostile --db "$work/x.db" --quiet || rc=$?
if [ "$rc" -gt 1 ]; then
  echo "error: ingest failed (exit $rc)" >&2
  exit 1
fi

# A free port on loopback: the kernel picks one for a socket bound to port 0.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --db "$work/x.db" --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

url="http://127.0.0.1:$port"
answers() {
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$url/api/edges?limit=1"
}
for _ in $(seq 1 150); do
  answers && break
  if ! kill -0 "$server" 2>/dev/null; then
    echo "error: proxymap serve exited:" >&2
    cat "$work/serve.log" >&2
    exit 1
  fi
  sleep 0.2
done
if ! answers; then
  echo "error: proxymap serve does not answer on $url" >&2
  cat "$work/serve.log" >&2
  exit 1
fi

node web/tests/browser.mjs "$url"
