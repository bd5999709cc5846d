#!/usr/bin/env bash
# Out-of-core training (slant-train --stream) against in-memory AdaGrad: AllSides train repeated N times
# (default 12: 2.07 GB, 319,080 records), the leaning recipe with 2 AdaGrad epochs, one thread; prints wall time
# and peak RSS of each run, and the dev macro-F1 of both on one copy of the data.
# Usage: Benchmarks/stream/run.sh [N] [CHUNK_RECORDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-12}; CHUNK=${2:-10000}
D=${SLANT_DATASETS:-../shared/datasets}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
swift build -c release >/dev/null
B=.build/release
zcat "$D/allsides/train.jsonl.gz" > "$T/x1.jsonl"
for i in $(seq 1 "$N"); do cat "$T/x1.jsonl"; done > "$T/xN.jsonl"
O=(--optimizer adagrad --epochs 2 --bits 18 --namespaces title,text --no-negation --no-cues --threads 1 --quiet)
run() { echo "\$ $*" >&2; /usr/bin/time -f "%e s, peak RSS %M KB" "$@" 2>&1 | tail -1; }
echo "stream, ${N}x ($(du -h "$T/xN.jsonl" | cut -f1)): $(run $B/slant-train --data "$T/xN.jsonl" "${O[@]}" --stream --chunk-records "$CHUNK" --output "$T/sN.slant")"
echo "stream, 1x: $(run $B/slant-train --data "$T/x1.jsonl" "${O[@]}" --stream --chunk-records "$CHUNK" --output "$T/s1.slant")"
echo "in memory, 1x: $(run $B/slant-train --data "$T/x1.jsonl" "${O[@]}" --output "$T/m1.slant")"
for m in s1 m1; do
  echo "$m dev: $($B/slant-eval -m "$T/$m.slant" --data "$D/allsides/dev.jsonl.gz" --bootstrap 500 2>/dev/null | sed -n 3p)"
done
