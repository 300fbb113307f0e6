#!/usr/bin/env bash
# Fuzzes the input front end (YAML scenarios, CSV tables, --set overrides) with libFuzzer.
#   scripts/fuzz.sh [SECONDS]        (default 600)
# Builds Fuzz/PrognosFuzz with -sanitize=fuzzer into .build-fuzz, seeds the corpus from
# Scenarios/ (first byte: 0 scenario, 1 portfolio CSV, 2 ledger CSV, 3 override), runs
# for SECONDS with a 10 s per-input timeout and a 2 GB memory cap, and keeps the corpus
# in .build-fuzz/corpus. A crash is written as .build-fuzz/crash-*; reproduce it with
#   .build/debug/PrognosFuzz .build-fuzz/crash-…   (after `swift build --product PrognosFuzz`)
# and keep it as a regression test (Tests/PrognosCoreTests/Fixtures/fuzz/).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
scratch=.build-fuzz
swift build -c release --product PrognosFuzz --scratch-path "$scratch" \
  -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DPROGNOS_FUZZ
bin="$scratch/release/PrognosFuzz"
# Let libFuzzer, not Swift's backtracer, handle a crash, so that it writes the input.
export SWIFT_BACKTRACE=enable=no
corpus="$scratch/corpus"
seeds="$scratch/seeds"
rm -rf "$seeds"; mkdir -p "$corpus" "$seeds"
# Seeds: every shipped scenario with its includes inlined where small, the CSVs, overrides.
i=0
for f in Scenarios/*.yaml; do
  { printf '\x00'; cat "$f"; } > "$seeds/scenario-$(basename "$f" .yaml)"
done
{ printf '\x01'; head -c 20000 Scenarios/data/loans-2024.csv; } > "$seeds/loans"
{ printf '\x01'; printf 'id,type,notional,start,maturity,rate,margin,floor\nA,fixed,100,2020-01-01,2027-01-01,1.5%%,,\nB,floating,50,2023-06-30,2029-06-30,,0.3%%,0%%\n'; } > "$seeds/loans-small"
{ printf '\x02'; head -c 30000 Scenarios/data/ledger-ks-2019-2024.csv; } > "$seeds/ledger"
for o in 'treasury.horizon_years=5' 'treasury.swaps[S1].notional=80' 'treasury.curve.points.1Y=4%' 'name=x'; do
  { printf '\x03'; printf '%s' "$o"; } > "$seeds/override-$((i++))"
done
cp -n "$seeds"/* "$corpus"/ 2>/dev/null || true
"$bin" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$scratch/" -print_final_stats=1 2>&1 | tee "$scratch/fuzz.log" | grep -E "^#[0-9]+[[:space:]]+(pulse|DONE)" | tail -5 || true
grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" "$scratch/fuzz.log" || true
echo "corpus: $(ls "$corpus" | wc -l) inputs, $(du -sh "$corpus" | cut -f1)"
if ls "$scratch"/crash-* "$scratch"/timeout-* "$scratch"/oom-* >/dev/null 2>&1; then
  echo "FOUND: $(ls "$scratch"/crash-* "$scratch"/timeout-* "$scratch"/oom-* 2>/dev/null)"; exit 1
fi
