#!/usr/bin/env bash
# API latency under load (not a test, not in CI): a synthetic 50,000-edge network served on
# 127.0.0.1, 16 clients, p50 and p99 of /api/edges?... and /api/entities/{id}; then the
# time to the first complete render of the web view's default view of that network in
# headless chromium (web/tests/render_bench.mjs; needs `npm ci --prefix web` and chromium).
# Usage: bench/api.sh [EDGES] [REQUESTS]   (defaults 50000 4000; targets: p99 < 50 ms,
# first render < 2 s)
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --release --quiet -p server --example api_bench -- "${1:-50000}" "${2:-4000}" --render
