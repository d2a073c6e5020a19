#!/bin/sh
# Runs the claims evaluation on the seeds and the dev texts; reports land in $OUT (default /tmp/claims_eval).
set -e
OUT=${OUT:-/tmp/claims_eval}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${PROXYMAP_SHARED:-$ROOT/../shared}
B=${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/claims_eval
cargo build --release -p claims --example claims_eval
$B ${DUMP:+--dump} --out "$OUT/seeds" "$SHARED"/seeds/* > "$OUT/seeds.dump" 2>/dev/null || $B --out "$OUT/seeds" "$SHARED"/seeds/*
python3 "$SHARED/eval/score.py" --gold "$SHARED/gold/seeds" --system "$OUT/seeds" --json "$OUT/seeds.json" > "$OUT/seeds.txt"
$B ${DUMP:+--dump} --out "$OUT/dev" "$SHARED"/dev/texts/* > "$OUT/dev.dump" 2>/dev/null || $B --out "$OUT/dev" "$SHARED"/dev/texts/*
python3 "$SHARED/eval/score.py" --gold "$SHARED/gold/dev" --system "$OUT/dev" --json "$OUT/dev.json" > "$OUT/dev.txt"
head -25 "$OUT/seeds.txt"; echo; head -25 "$OUT/dev.txt"
