#!/usr/bin/env bash
# The CLI-level goals of issue 20 in one sitting, each Prognos run alternated with its
# peer, so that a slow phase of the host shows in both (release build, process wall):
#
#   treasury-car  `prognos simulate ../shared/bench/portfolio-15.6bn.yaml` (100,000 paths,
#                 2 threads) against the NumPy peer's set-up + simulation; the statistics'
#                 share of a 1-thread run (PROGNOS_TIMING=1); peak memory (/usr/bin/time)
#   threads       1 → 2 threads, interleaved pairs; the two JSON outputs must be the same bytes
#   sweep-1000    `prognos batch Benchmarks/sweep/sweep-1000.yaml --jobs 2` into new folders
#   frontier      `prognos frontier Scenarios/frontier-2024.yaml` against `prognos simulate`
#                 of the same file (its own mix, the same 20,000 paths)
#   ledger-1m     scripts/bench-ledger-1m.sh (beside pandas)
#
#   scripts/bench-issue20.sh [ROUNDS]      (default 6)
#   PROGNOS=binary (default .build/release/prognos), PEER_PY (default $HOME/peers/bin/python)
#
# `paths` (≤ 1.5 × the GSL floor) is a package benchmark:
#   swift package benchmark --target SimulationBenchmarks --filter rng-floor --filter 'paths-.*'
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-6}
PEER_PY=${PEER_PY:-$HOME/peers/bin/python}
BENCH=../../shared/bench
[ -f "$BENCH/bench_treasury_car.py" ] || BENCH=../shared/bench
[ -f "$BENCH/bench_treasury_car.py" ] || BENCH=/work/shared/bench
BIN=${PROGNOS:-.build/release/prognos}
[ -x "$BIN" ] || { echo "no release binary at $BIN (swift build -c release --static-swift-stdlib --product prognos)" >&2; exit 1; }
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log="$work/log.tsv"
load() { cut -d' ' -f1 /proc/loadavg; }
# wall seconds (bash's microsecond clock; /usr/bin/time's %e has only 10 ms) and peak KB
# of one command: "wall peak_kb"
timed() {
  local t0=$EPOCHREALTIME
  /usr/bin/time -f '%M' -o "$work/t" "$@" > /dev/null 2> "$work/err"
  local t1=$EPOCHREALTIME
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }') $(cat "$work/t")"
}

echo "start $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, binary $BIN"
PORT="$BENCH/portfolio-15.6bn.yaml"
for i in $(seq "$ROUNDS"); do
  peer=$("$PEER_PY" "$BENCH/bench_treasury_car.py" --ql-paths 50)
  np=$(echo "$peer" | "$PEER_PY" -c 'import json,sys; d=json.load(sys.stdin); print(d["setup_s"]+d["numpy_s"])')
  read -r w2 kb2 < <(timed "$BIN" simulate "$PORT" --threads 2 --format json --output "$work/t2-$i.json")
  read -r w1 kb1 < <(PROGNOS_TIMING=1 timed "$BIN" simulate "$PORT" --threads 1 --format json --output "$work/t1-$i.json")
  st=$(sed -n 's/^timing: statistics \([0-9.]*\) s$/\1/p' "$work/err")
  cmp -s "$work/t1-$i.json" "$work/t2-$i.json" && same=yes || same=NO
  printf 'car\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$i" "$np" "$w2" "$w1" "$st" "$kb2" "$kb1" "$same" >> "$log"
  printf 'treasury-car %d: NumPy %.2f s; 2 threads %.3f s, 1 thread %.3f s (statistics %s s), peak %d/%d KB, same bytes %s, load %s\n' \
    "$i" "$np" "$w2" "$w1" "$st" "$kb2" "$kb1" "$same" "$(load)"
done
# Every sweep into a new folder, all removed only at the end: ext4 avoids reusing the inodes
# of files deleted in the last minutes (`recently_deleted`), so deleting one sweep's 3,000
# files just before the next made the next ones up to ≈ 2 × slower (system time 0.5 → 2.6 s
# over five such runs; perf: 12–20 % of
# samples in the kernel's inode search, 2026-12-04). A user's batch does not follow an rm -rf.
for i in $(seq "$ROUNDS"); do
  read -r a _ < <(timed "$BIN" batch Benchmarks/sweep/sweep-1000.yaml --jobs 2 --output "$work/sweep-$i")
  printf 'sweep\t%s\t%s\n' "$i" "$a" >> "$log"
  printf 'sweep-1000 %d: %.2f s, load %s\n' "$i" "$a" "$(load)"
done
for i in $(seq 4); do
  read -r f _ < <(timed "$BIN" frontier Scenarios/frontier-2024.yaml --format json --output "$work/f.json")
  read -r s _ < <(timed "$BIN" simulate Scenarios/frontier-2024.yaml --format json --output "$work/s.json")
  rm -f "$work/f.json" "$work/s.json"
  printf 'frontier\t%s\t%s\t%s\n' "$i" "$f" "$s" >> "$log"
  printf 'frontier %d: %.3f s against simulate %.3f s, load %s\n' "$i" "$f" "$s" "$(load)"
done
echo "--- ledger-1m"
PROGNOS="$BIN" bash scripts/bench-ledger-1m.sh 3
echo "--- summary (end $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg))"
"$PEER_PY" - "$log" <<'PY'
import sys, statistics as S
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
car = [r for r in rows if r[0] == "car"]
np_ = [float(r[2]) for r in car]; w2 = [float(r[3]) for r in car]; w1 = [float(r[4]) for r in car]
st = [float(r[5]) for r in car]; kb = [int(r[6]) for r in car] + [int(r[7]) for r in car]
ratio = [a / b for a, b in zip(np_, w2)]; share = [s / w for s, w in zip(st, w1)]; sp = [a / b for a, b in zip(w1, w2)]
print(f"treasury-car ≥ 4 × NumPy: {min(ratio):.1f}–{max(ratio):.1f} × pair by pair, {S.median(np_)/S.median(w2):.1f} × at the medians")
print(f"statistics ≤ 10 %: {100*min(share):.1f}–{100*max(share):.1f} % of the 1-thread run")
print(f"1 → 2 threads ≥ 1.8 ×: {S.median(w1)/S.median(w2):.2f} × at the medians, pairs {min(sp):.2f}–{max(sp):.2f} ×; same bytes in every pair: {all(r[8] == 'yes' for r in car)}")
print(f"peak ≤ 100 MB: {max(kb)/1024:.1f} MB")
sw = [1000 / float(r[2]) for r in rows if r[0] == "sweep"]
print(f"sweep-1000 ≥ 500 runs/s: {min(sw):.0f}–{max(sw):.0f} runs/s, median {S.median(sw):.0f}")
fr = [float(r[2]) / float(r[3]) for r in rows if r[0] == "frontier"]
print(f"frontier ≤ 10 × simulate: {min(fr):.1f}–{max(fr):.1f} ×")
PY
