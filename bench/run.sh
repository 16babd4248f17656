#!/usr/bin/env bash
# Runs the benchmarks of the bench module and writes bench/results/* plus docs/performance.png.
#   bench/run.sh                   full run of benchmarks 1-4 (JMH 3x2s warm-up, 5x2s measurement; end to end up to
#                                  10M rows) and the floor (6) once
#   bench/run.sh --quick           the same in a few minutes on 2 cores (JMH -f 1 -wi 3 -i 3 -w 1s -r 1s; 10k and 1M rows)
#   bench/run.sh --links [--quick] benchmark 5, results over link speeds: the driver before compression (the baseline,
#                                  BASE_REF, default below) and this one, alternately, RUNS times (default 3);
#                                  full: 10k and 1M rows; quick: 10k and 200k rows; REPS repetitions per run (default 3)
#   bench/run.sh --floor [--quick] benchmark 6, the per-row floor and every decoder against it, RUNS times
#   bench/run.sh --claims          msgpack.gz end to end against read + inflate (1M rows) and td-client-java, RUNS times
# Extra JMH options (e.g. JMH_EXTRA="-prof gc") go to the decoder and floor benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=--full
JMH_ARGS=""
WHAT=all
for arg in "$@"; do
  case "$arg" in
    --quick) MODE=--quick; JMH_ARGS="-f 1 -wi 3 -i 3 -w 1s -r 1s" ;;
    --links) WHAT=links ;;
    --floor) WHAT=floor ;;
    --claims) WHAT=claims ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
RUNS=${RUNS:-3}
# Repetitions of each case within one link run.
REPS=${REPS:-3}
# The driver the link targets compare with: main before compressed results (issue #13).
BASE_REF=${BASE_REF:-50af438}
OUT=bench/results
JAR=bench/target/benchmarks.jar
mkdir -p "$OUT"
mvn -B -q -pl bench -am package -DskipTests
machine() {
  echo "== machine: $(nproc) cores; $(java -version 2>&1 | head -1); mode $MODE; $(date -u +%FT%TZ); commit $(git rev-parse --short HEAD); load: $(cut -d' ' -f1-3 /proc/loadavg)"
}
load() {
  echo "   load before: $(cut -d' ' -f1-3 /proc/loadavg)"
}

if [[ "$WHAT" == "links" ]]; then
  BASE_JAR="$OUT/base-driver.jar"
  if [[ ! -f "$BASE_JAR" || "$(cat "$BASE_JAR.ref" 2>/dev/null)" != "$BASE_REF" ]]; then
    TMP=$(mktemp -d)
    git worktree add --detach "$TMP/base" "$BASE_REF" >/dev/null
    (cd "$TMP/base" && mvn -B -q -o -pl driver -am package -DskipTests)
    cp "$TMP"/base/driver/target/rowpipe-jdbc-*.jar "$BASE_JAR"
    echo "$BASE_REF" > "$BASE_JAR.ref"
    git worktree remove --force "$TMP/base"
    rm -rf "$TMP"
  fi
  machine | tee "$OUT/links-machine.txt"
  for r in $(seq 1 "$RUNS"); do
    load | tee -a "$OUT/links-machine.txt"
    # The baseline driver's classes come first on the class path, so they replace this jar's.
    java -cp "$BASE_JAR:$JAR" dev.rowpipe.bench.LinkBench "$MODE" --reps "$REPS" --baseline "$OUT/link-baseline-$r.tsv" \
      2>&1 | grep -v SLF4J | tee "$OUT/link-baseline-$r.txt"
    load | tee -a "$OUT/links-machine.txt"
    java -cp "$JAR" dev.rowpipe.bench.LinkBench "$MODE" --reps "$REPS" "$OUT/link-$r.tsv" 2>&1 | grep -v SLF4J | tee "$OUT/link-$r.txt"
  done
  java -cp "$JAR" dev.rowpipe.bench.LinkReport "$OUT" "$RUNS" | tee "$OUT/links-summary.md"
  exit 0
fi

if [[ "$WHAT" == "floor" ]]; then
  machine | tee "$OUT/floor-machine.txt"
  for r in $(seq 1 "$RUNS"); do
    load | tee -a "$OUT/floor-machine.txt"
    # shellcheck disable=SC2086
    java -jar "$JAR" FloorBench $JMH_ARGS ${JMH_EXTRA:-} -rf json -rff "$OUT/floor-$r.json" | tee "$OUT/floor-$r.txt"
  done
  java -cp "$JAR" dev.rowpipe.bench.FloorReport "$OUT" "$RUNS" | tee "$OUT/floor-summary.md"
  exit 0
fi

if [[ "$WHAT" == "claims" ]]; then
  machine | tee "$OUT/claims-machine.txt"
  for r in $(seq 1 "$RUNS"); do
    load | tee -a "$OUT/claims-machine.txt"
    java -cp "$JAR" dev.rowpipe.bench.EndToEnd --formats TD_MSGPACK_GZ --rows 1000000 --reps 5 "$OUT/claims-e2e-$r.tsv" \
      | tee "$OUT/claims-e2e-$r.txt"
    java -cp "$JAR" dev.rowpipe.bench.LocalBench --peer "$OUT/claims-local-$r.tsv" 2>&1 \
      | grep -v '^INFO\|TDClient <clinit>\|SLF4J' | tee "$OUT/claims-local-$r.txt"
  done
  exit 0
fi

machine | tee "$OUT/machine.txt"

echo "== 1. decoders in memory (JMH)"
# shellcheck disable=SC2086
java -jar "$JAR" DecoderBench $JMH_ARGS ${JMH_EXTRA:-} -rf json -rff "$OUT/decoders.json" | tee "$OUT/decoders.txt"

echo "== 2. end to end through JDBC over loopback"
java -cp "$JAR" dev.rowpipe.bench.EndToEnd "$MODE" "$OUT/e2e.tsv" | tee "$OUT/e2e.txt"

echo "== 2b. 10M rows under -Xmx64m"
: > "$OUT/heap.txt"
HEAP_FORMATS="FB_TSV"
[[ "$MODE" == "--full" ]] && HEAP_FORMATS="FB_TSV FB_JSON_COMPACT TD_MSGPACK_GZ"
for f in $HEAP_FORMATS; do
  java -Xmx64m -cp "$JAR" dev.rowpipe.bench.HeapCheck "$f" 10000000 | tee -a "$OUT/heap.txt"
done

echo "== 3 and 4. local server and td-client-java"
java -cp "$JAR" dev.rowpipe.bench.LocalBench "$MODE" "$OUT/local.tsv" 2>&1 | grep -v '^INFO\|TDClient <clinit>' | tee "$OUT/local.txt"

echo "== 6. the per-row floor"
# shellcheck disable=SC2086
java -jar "$JAR" FloorBench $JMH_ARGS ${JMH_EXTRA:-} -rf json -rff "$OUT/floor-1.json" | tee "$OUT/floor-1.txt"
java -cp "$JAR" dev.rowpipe.bench.FloorReport "$OUT" 1 | tee "$OUT/floor-summary.md"

echo "== report"
java -Djava.awt.headless=true -cp "$JAR" dev.rowpipe.bench.Report "$OUT" docs/performance.png
