#!/usr/bin/env bash
# ledger-1m (issue 20 item 5): the shipped ledger scenario with its ledger split into
# 1,000,080 rows by account (same sums per unit, period and type), made and timed with pandas
# by ../shared/bench/bench_ledger.py, then `prognos run` on a copy of the scenario that points
# at the big file, back to back with the peer, REPS times each. Release build.
#
#   scripts/bench-ledger-1m.sh [REPS]        (default 3)
#   PEER_PY=python with pandas (default $HOME/peers/bin/python), BENCH=../shared/bench
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${1:-3}
PEER_PY=${PEER_PY:-$HOME/peers/bin/python}
BENCH=${BENCH:-../../shared/bench}
[ -f "$BENCH/bench_ledger.py" ] || BENCH=/work/shared/bench
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
BIN=${PROGNOS:-.build/release/prognos}
[ -x "$BIN" ] || swift build -c release --product prognos >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp Scenarios/*.yaml "$work/"
mkdir "$work/data"
sed 's#data/ledger-ks-2019-2024.csv#data/ledger-1m.csv#' Scenarios/linkoping-ks-2024-03-ledger.yaml > "$work/ledger-1m.yaml"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$REPS"); do
  # The peer (makes the file on its first run; its time is pandas.read_csv + groupby in process).
  "$PEER_PY" "$BENCH/bench_ledger.py" Scenarios/data/ledger-ks-2019-2024.csv "$work/data/ledger-1m.csv"
  /usr/bin/time -f '{"prognos_wall_s": %e, "peak_kb": %M}' "$BIN" run "$work/ledger-1m.yaml" --format json > "$work/out.json"
done
echo "rows: $(($(wc -l < "$work/data/ledger-1m.csv") - 1)); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# The same figures as the shipped scenario (rule O2 sums): the totals must agree.
"$BIN" run Scenarios/linkoping-ks-2024-03-ledger.yaml --format json > "$work/small.json"
strip() { sed -e "s#$work/##g" -e 's#Scenarios/##g' -e 's#ledger-1m\.yaml#linkoping-ks-2024-03-ledger.yaml#g' -e 's#data/ledger-1m\.csv#data/ledger-ks-2019-2024.csv#g' "$1" | grep -v '"sha256"\|"bytes"'; }
if cmp -s <(strip "$work/small.json") <(strip "$work/out.json"); then
  echo "same result document as the shipped scenario (except file names and checksums)"
else
  echo "NOTE: results differ from the shipped scenario:"
  diff <(strip "$work/small.json") <(strip "$work/out.json") | head -20
fi
