#!/usr/bin/env bash
# Fuzzes every @FuzzTest of lotledger, one at a time, for a share of LEDGER_FUZZ_MINUTES minutes.
#
#   LEDGER_FUZZ_MINUTES=30 fuzz/run.sh                       # all targets, 30 minutes in all
#   LEDGER_FUZZ_MINUTES=5 fuzz/run.sh NoteFuzzTest epcis     # only the targets whose line contains an argument
#
# A plain `mvn verify` runs the same tests in regression mode: the committed inputs only. Here Jazzer
# mutates them (JAZZER_FUZZ=1) for JAZZER_MAX_DURATION, which overrides @FuzzTest(maxDuration).
# Inputs that found new coverage go to <module>/.cifuzz-corpus/ (not committed); a crashing input is
# written beside the committed corpus, src/test/resources/<package>/<Class>Inputs/<method>/crash-*,
# and that target fails; the others still run, and the script exits 1 naming the failed ones. Fix the
# parser and commit the input as a regression test. Watch exec/s too: a slow path shows as a falling
# rate and in libFuzzer's recommended dictionary long before it becomes a hang.
set -euo pipefail
cd "$(dirname "$0")/.."

# module  Class#method — every fuzz target; keep in step with docs/reliability.md.
TARGETS=(
  "ledger-core  io.lotledger.entry.EntryCodecFuzzTest#decode"
  "ledger-core  io.lotledger.note.NoteFuzzTest#signedNote"
  "ledger-core  io.lotledger.note.NoteFuzzTest#signedCheckpoint"
  "ledger-core  io.lotledger.note.NoteFuzzTest#checkpoint"
  "ledger-core  io.lotledger.note.NoteFuzzTest#noteKey"
  "ledger-core  io.lotledger.bundle.BundleFuzzTest#parse"
  "ledger-core  io.lotledger.bundle.BundleFuzzTest#verifyParsed"
  "ledger-core  io.lotledger.bundle.BundleFuzzTest#verifyEdited"
  "ledger-core  io.lotledger.bundle.BundleFuzzTest#trustAnchors"
  "ledger-core  io.lotledger.event.IdentifierFuzzTest#identifiers"
  "ledger-epcis io.lotledger.epcis.EpcisImportFuzzTest#importInto"
  "ledger-epcis io.lotledger.epcis.EpcisImportFuzzTest#eventHashIds"
  "ledger-epcis io.lotledger.epcis.Gs1FuzzTest#gs1Key"
  "ledger-report io.lotledger.policy.PolicyFileFuzzTest#parse"
  "ledger-cli   io.lotledger.cli.KeyFileFuzzTest#read"
)

minutes="${LEDGER_FUZZ_MINUTES:?set LEDGER_FUZZ_MINUTES to the total fuzzing time in minutes}"
selected=()
for t in "${TARGETS[@]}"; do
  if (( $# == 0 )); then
    selected+=("$t")
  else
    for filter in "$@"; do
      if [[ "$t" == *"$filter"* ]]; then
        selected+=("$t")
        break
      fi
    done
  fi
done
(( ${#selected[@]} > 0 )) || { echo "no fuzz target matches: $*" >&2; exit 2; }
seconds=$(( minutes * 60 / ${#selected[@]} ))
(( seconds >= 10 )) || seconds=10

failed=()
for t in "${selected[@]}"; do
  read -r module test <<<"$t"
  echo "== $(date -u +%H:%M:%S) fuzzing $test ($module) for ${seconds}s"
  # -am builds the modules it depends on; the test filter leaves their tests alone.
  if ! JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${seconds}s" LEDGER_SKIP_BROWSER=1 \
      mvn -B -ntp -q -pl "$module" -am test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false; then
    failed+=("$test")
  fi
done
if (( ${#failed[@]} > 0 )); then
  echo "fuzzing found failures in: ${failed[*]} (see <module>/target/surefire-reports)" >&2
  exit 1
fi
echo "== fuzzed ${#selected[@]} target(s) for ${seconds}s each, no finding"
