#!/usr/bin/env bash
# Runs every benchmark of the bench module and writes bench/results/* plus docs/performance.png.
#   bench/run.sh           full run (JMH defaults: 3x2s warmup, 5x2s measurement; end to end up to 10M rows)
#   bench/run.sh --quick   a few minutes on 2 cores (JMH -f 1 -wi 3 -i 3 -w 1s -r 1s; end to end 10k and 1M rows)
# Extra JMH options (e.g. JMH_EXTRA="-prof gc") go to the decoder benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=--full
JMH_ARGS=""
if [[ "${1:-}" == "--quick" ]]; then
  MODE=--quick
  JMH_ARGS="-f 1 -wi 3 -i 3 -w 1s -r 1s"
fi
OUT=bench/results
JAR=bench/target/benchmarks.jar
mkdir -p "$OUT"
mvn -B -q -pl bench -am package -DskipTests
echo "== machine: $(nproc) cores; $(java -version 2>&1 | head -1); mode $MODE" | tee "$OUT/machine.txt"

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

echo "== report"
java -Djava.awt.headless=true -cp "$JAR" dev.rowpipe.bench.Report "$OUT" docs/performance.png
