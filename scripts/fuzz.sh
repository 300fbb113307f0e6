#!/usr/bin/env bash
# Fuzzes Prognos' inputs with libFuzzer.
#   scripts/fuzz.sh [SECONDS] [TARGET]     (default 600 s, target frontend)
# TARGET: frontend — YAML scenarios, CSV tables, --set overrides (first byte: 0 scenario,
#           1 portfolio CSV, 2 ledger CSV, 3 override), seeded from Scenarios/;
#         parts — a simulation part file for `merge` (an even first byte: its checksum is
#           recomputed, so that mutations reach the checks behind it), seeded from
#           Tests/Fixtures/parts/;
#         manifest — a batch manifest for `Manifest.read`.
# Builds Fuzz/PrognosFuzz with -sanitize=fuzzer into .build-fuzz, runs for SECONDS with a
# 10 s per-input timeout and a 2 GB memory cap, and keeps the corpus in
# .build-fuzz/corpus (frontend) or .build-fuzz/corpus-TARGET. A crash is written as
# .build-fuzz/crash-* (frontend) or .build-fuzz/TARGET-crash-*; reproduce it with
#   PROGNOS_FUZZ_TARGET=TARGET .build/debug/PrognosFuzz FILE   (after `swift build --product PrognosFuzz`)
# and keep it as a regression test (Tests/Fixtures/parts/ for parts).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
target="${2:-frontend}"
case "$target" in frontend|parts|manifest) ;; *) echo "unknown target $target (frontend, parts, manifest)" >&2; exit 64;; esac
scratch=.build-fuzz
swift build -c release --product PrognosFuzz --scratch-path "$scratch" \
  -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DPROGNOS_FUZZ
bin="$scratch/release/PrognosFuzz"
# Let libFuzzer, not Swift's backtracer, handle a crash, so that it writes the input.
export SWIFT_BACKTRACE=enable=no
export PROGNOS_FUZZ_TARGET="$target"
if [ "$target" = frontend ]; then corpus="$scratch/corpus"; prefix="$scratch/"; else corpus="$scratch/corpus-$target"; prefix="$scratch/$target-"; fi
seeds="$scratch/seeds-$target"
rm -rf "$seeds"; mkdir -p "$corpus" "$seeds"
if [ "$target" = parts ]; then
  cp Tests/Fixtures/parts/*.bin "$seeds"/
elif [ "$target" = manifest ]; then
  printf 'base: s.yaml\nsweep:\n  rates.scenarios[plus100].shift: [50bp, 100bp]\n  treasury.horizon_years: [3, 5]\noutputs: [scenarios.plus100.years.total]\n' > "$seeds/sweep"
  printf 'folder: .\noutputs: [name]\n' > "$seeds/folder"
  printf 'base: &b s.yaml\nsweep: {a.b[c].d: [1, *b, "x"], e: [{f: 1}]}\n' > "$seeds/anchors"
else
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
fi
cp -n "$seeds"/* "$corpus"/ 2>/dev/null || true
"$bin" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$prefix" -print_final_stats=1 2>&1 | tee "$scratch/fuzz-$target.log" | grep -E "^#[0-9]+[[:space:]]+(pulse|DONE)" | tail -5 || true
grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" "$scratch/fuzz-$target.log" || true
echo "corpus: $(ls "$corpus" | wc -l) inputs, $(du -sh "$corpus" | cut -f1)"
if ls "$prefix"crash-* "$prefix"timeout-* "$prefix"oom-* >/dev/null 2>&1; then
  echo "FOUND: $(ls "$prefix"crash-* "$prefix"timeout-* "$prefix"oom-* 2>/dev/null)"; exit 1
fi
