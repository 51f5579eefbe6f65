#!/usr/bin/env bash
# Fuzzes every @FuzzTest of lotledger, one at a time, for a share of LEDGER_FUZZ_MINUTES minutes.
#
#   LEDGER_FUZZ_MINUTES=30 fuzz/run.sh                       # all targets, 30 minutes in all
#   LEDGER_FUZZ_MINUTES=5 fuzz/run.sh NoteFuzzTest#noteKey   # only the targets whose name contains the argument
#
# A plain `mvn verify` runs the same tests in regression mode: the committed inputs only. Here Jazzer
# mutates them (JAZZER_FUZZ=1) for JAZZER_MAX_DURATION, which overrides @FuzzTest(maxDuration).
# Inputs that found new coverage go to <module>/.cifuzz-corpus/ (not committed); a crashing input is
# written beside the committed corpus, src/test/resources/<package>/<Class>Inputs/<method>/crash-*,
# and the run stops with that target's failure. Fix the parser and commit the input as a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."

# module  Class#method — every fuzz target; keep in step with docs/reliability.md.
TARGETS=(
  "ledger-core  io.lotledger.entry.EntryCodecFuzzTest#decode"
  "ledger-core  io.lotledger.log.NoteFuzzTest#signedNote"
  "ledger-core  io.lotledger.log.NoteFuzzTest#signedCheckpoint"
  "ledger-core  io.lotledger.log.NoteFuzzTest#checkpoint"
  "ledger-core  io.lotledger.log.NoteFuzzTest#noteKey"
  "ledger-core  io.lotledger.bundle.BundleFuzzTest#parse"
  "ledger-core  io.lotledger.bundle.BundleFuzzTest#verifyParsed"
  "ledger-core  io.lotledger.bundle.BundleFuzzTest#verifyEdited"
  "ledger-core  io.lotledger.bundle.BundleFuzzTest#trustAnchors"
  "ledger-core  io.lotledger.event.IdentifierFuzzTest#identifiers"
  "ledger-epcis io.lotledger.epcis.EpcisImportFuzzTest#importInto"
  "ledger-epcis io.lotledger.epcis.EpcisImportFuzzTest#eventHashIds"
  "ledger-epcis io.lotledger.epcis.Gs1FuzzTest#gs1Key"
  "ledger-cli   io.lotledger.cli.PolicyFileFuzzTest#parse"
  "ledger-cli   io.lotledger.cli.KeyFileFuzzTest#read"
)

minutes="${LEDGER_FUZZ_MINUTES:?set LEDGER_FUZZ_MINUTES to the total fuzzing time in minutes}"
filter="${1:-}"
selected=()
for t in "${TARGETS[@]}"; do
  [[ -z "$filter" || "$t" == *"$filter"* ]] && selected+=("$t")
done
(( ${#selected[@]} > 0 )) || { echo "no fuzz target matches '$filter'" >&2; exit 2; }
seconds=$(( minutes * 60 / ${#selected[@]} ))
(( seconds >= 10 )) || seconds=10

for t in "${selected[@]}"; do
  read -r module test <<<"$t"
  echo "== fuzzing $test ($module) for ${seconds}s"
  # -am builds the modules it depends on; the test filter leaves their tests alone.
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${seconds}s" LEDGER_SKIP_BROWSER=1 \
    mvn -B -ntp -q -pl "$module" -am test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false
done
