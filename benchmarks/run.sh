#!/usr/bin/env bash
# Runs the whole lotledger JMH suite with the settings PERFORMANCE.md reports. Use a quiet machine.
#
#   benchmarks/run.sh                          # build, then run everything: about 14 minutes on 2 cores
#   LEDGER_ENTRIES=1000000 benchmarks/run.sh   # whole-ledger verification at 1M entries: about 35 minutes on 2 cores
#   BENCH_DIR=/mnt/data benchmarks/run.sh      # RocksDB ledgers (and their fsyncs) on that disk
#   SKIP_BUILD=1 benchmarks/run.sh             # reuse benchmarks/target/benchmarks.jar
#   SMOKE=1 benchmarks/run.sh                  # 1 s iterations, 20000-entry ledger: checks the script (~3 minutes)
#
# Steps (each class's Javadoc says what it measures):
#   1. machine info, printed and saved: CPU model, nproc, memory, kernel, JDK, file system of BENCH_DIR;
#   2. fixture ledgers, generated once into BENCH_DIR and reused while complete: LEDGER_ENTRIES entries for
#      LedgerVerificationBenchmark, 100000 for MerkleBenchmark (about 30 s and 15 s on 2 cores; printed, not scored);
#   3. micro suite, 23 benchmarks at -f 1 -wi 2 -i 3 -w 1s -r 3s (about 12 s each, 5 minutes):
#      VerifyBenchmark, AppendBenchmark, MerkleBenchmark, BundleBenchmark, LedgerVerificationBenchmark.rawVerify;
#   4. EPCIS 2.0 import and export, EpcisBenchmark's 7 benchmarks at -f 1 -wi 5 -i 3 -w 2s -r 3s (about 25 s
#      each, 3 minutes): one operation is a whole 1000-event document (tens to hundreds of milliseconds), and
#      the micro suite's 2 s of warm-up leave the schema validator and Jackson still being compiled (scores
#      rose up to 6x across the measured iterations);
#   5. LedgerVerificationBenchmark.verifyLedger at LEDGER_ENTRIES entries, 1 and 2 threads, -wi 1 -i 3: every
#      iteration is one whole verification (at 200000 entries about 35 s with 1 thread, 25 s with 2, on a
#      2-vCPU VM doing ~10,000 raw Ed25519 verifications/s per core): about 4 minutes.
# Expected total on 2 cores: build about 1 minute (SKIP_BUILD=1 saves it), fixtures 45 s the first time,
# then about 12 minutes: 14 minutes in all. At LEDGER_ENTRIES=1000000 step 5 alone takes about 25 minutes
# (8 verifications of 1M entries) and the fixture 2.5 minutes once.
#
# Results in benchmarks/results/: <stamp>.json (JMH JSON of steps 3 to 5 in one array), the three runs' own
# JSON and text output (<stamp>-micro.*, <stamp>-epcis.*, <stamp>-ledger.*), and <stamp>-machine.txt.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$here/target/benchmarks.jar"
bench_dir="${BENCH_DIR:-${TMPDIR:-/tmp}/lotledger-bench}"
stamp="$(date +%Y-%m-%d-%H%M%S)"
results="$here/results"

if [[ -n "${SMOKE:-}" ]]; then
  entries="${LEDGER_ENTRIES:-20000}"
  micro_opts=(-f 1 -wi 1 -i 1 -w 1s -r 1s)
  epcis_opts=(-f 1 -wi 1 -i 1 -w 1s -r 1s)
  ledger_opts=(-f 1 -wi 0 -i 1 -w 1s -r 1s)
  stamp="$stamp-smoke"
else
  entries="${LEDGER_ENTRIES:-200000}"
  micro_opts=(-f 1 -wi 2 -i 3 -w 1s -r 3s)
  epcis_opts=(-f 1 -wi 5 -i 3 -w 2s -r 3s)
  ledger_opts=(-f 1 -wi 1 -i 3 -w 1s -r 1s)
fi
mkdir -p "$results" "$bench_dir"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo "== building: mvn -q -B package -DskipTests -pl benchmarks -am"
  (cd "$root" && mvn -q -B package -DskipTests -pl benchmarks -am)
fi
[[ -f "$jar" ]] || { echo "no $jar: build first (mvn -pl benchmarks -am package -DskipTests)" >&2; exit 1; }

machine="$results/$stamp-machine.txt"
{
  echo "date:         $(date -Is)"
  echo "cpu:          $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
  echo "nproc:        $(nproc)"
  echo "memory:       $(free -h 2>/dev/null | awk '/^Mem:/ {print $2}')"
  echo "kernel:       $(uname -srm)"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
  echo "bench dir:    $bench_dir"
  echo "file system:  $(df -PT "$bench_dir" | awk 'NR == 2 {print $2 " on " $1 ", mounted at " $7}')"
  echo "mount opts:   $(findmnt -no OPTIONS --target "$bench_dir" 2>/dev/null || echo unknown)"
  echo "java -version:"
  java -version 2>&1 | sed 's/^/  /'
  echo "whole-ledger verification: $entries entries; micro: ${micro_opts[*]}; epcis: ${epcis_opts[*]}; ledger: ${ledger_opts[*]}"
} | tee "$machine"

jvm_arg="-Dlotledger.bench.dir=$bench_dir"

echo "== fixture ledgers ($entries and 100000 entries) in $bench_dir"
java "$jvm_arg" -cp "$jar" io.lotledger.benchmarks.LedgerFixture "$entries" 100000

echo "== micro suite"
java -jar "$jar" '\.(VerifyBenchmark|AppendBenchmark|MerkleBenchmark|BundleBenchmark)\.' 'LedgerVerificationBenchmark\.rawVerify' \
  "${micro_opts[@]}" -jvmArgsAppend "$jvm_arg" \
  -rf json -rff "$results/$stamp-micro.json" | tee "$results/$stamp-micro.txt"

echo "== EPCIS 2.0 import and export"
java -jar "$jar" '\.EpcisBenchmark\.' \
  "${epcis_opts[@]}" -jvmArgsAppend "$jvm_arg" \
  -rf json -rff "$results/$stamp-epcis.json" | tee "$results/$stamp-epcis.txt"

echo "== whole-ledger verification ($entries entries)"
java -jar "$jar" 'LedgerVerificationBenchmark\.verifyLedger' -p entries="$entries" \
  "${ledger_opts[@]}" -jvmArgsAppend "$jvm_arg" \
  -rf json -rff "$results/$stamp-ledger.json" | tee "$results/$stamp-ledger.txt"

# One JSON array of the three runs. JMH writes "[" and "]" on lines of their own around a run's objects
# (then blank lines): keep what lies between them, and join the runs with a comma.
json_body() {
  awk '/^\[/ && !open { open = 1; next } open { line[++n] = $0 } /^\]/ { end = n } END { for (i = 1; i < end; i++) print line[i] }' "$1"
}
{
  echo "["
  json_body "$results/$stamp-micro.json" | sed '$ s/$/,/'
  json_body "$results/$stamp-epcis.json" | sed '$ s/$/,/'
  json_body "$results/$stamp-ledger.json"
  echo "]"
} > "$results/$stamp.json"

echo "== done: $results/$stamp.json, machine: $machine"
