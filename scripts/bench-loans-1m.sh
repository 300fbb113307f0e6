#!/usr/bin/env bash
# loans-1m (issue 20 item 5): the shipped portfolio scenario (Scenarios/portfolio-2024.yaml)
# with its 150 loans split into 1,000,000 loans of the same totals (scripts/bench_loans.py:
# each loan's notional and amortisation split into whole kronor, same dates, rates and
# lenders), `prognos run` (and `validate`) on a copy of the scenario that points at the big
# file, back to back with the pandas peer (`pandas.read_csv` of the same file in process),
# REPS times each. Release build.
#
#   scripts/bench-loans-1m.sh [REPS]        (default 3)
#   PEER_PY=python with pandas (default $HOME/peers/bin/python), PROGNOS=binary
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${1:-3}
PEER_PY=${PEER_PY:-$HOME/peers/bin/python}
BIN=${PROGNOS:-.build/release/prognos}
[ -x "$BIN" ] || swift build -c release --product prognos >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/data"
sed 's#data/loans-2024.csv#data/loans-1m.csv#' Scenarios/portfolio-2024.yaml > "$work/loans-1m.yaml"
# 1,000,000 loans and the 12 inline swaps: above the default 1,000,000 instruments, and a 76 MB file (rule F7).
LIMIT=(--max-instruments 2000000 --max-file-mb 100)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$REPS"); do
  # The peer (makes the file; its time is pandas.read_csv + a sum by type, in process).
  "$PEER_PY" scripts/bench_loans.py Scenarios/data/loans-2024.csv "$work/data/loans-1m.csv"
  /usr/bin/time -f '{"prognos_run_wall_s": %e, "peak_kb": %M}' "$BIN" run "$work/loans-1m.yaml" "${LIMIT[@]}" --format json > "$work/out.json"
  /usr/bin/time -f '{"prognos_validate_wall_s": %e, "peak_kb": %M}' "$BIN" validate "$work/loans-1m.yaml" "${LIMIT[@]}" > /dev/null
done
echo "rows: $(($(wc -l < "$work/data/loans-1m.csv") - 1)); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# The debt totals of the shipped scenario (the split keeps every loan's kronor): compare a few figures.
"$BIN" run Scenarios/portfolio-2024.yaml --format json > "$work/small.json"
python3 - "$work/small.json" "$work/out.json" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
def first(d, key):
    if isinstance(d, dict):
        if key in d: return d[key]
        for v in d.values():
            r = first(v, key)
            if r is not None: return r
    if isinstance(d, list):
        for v in d:
            r = first(v, key)
            if r is not None: return r
for key in ["debt", "average_rate", "fixing_years", "maturity_years"]:
    print(f"{key}: 150 loans {first(a, key)} | 1,000,000 loans {first(b, key)}")
PY
