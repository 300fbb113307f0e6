#!/usr/bin/env bash
# Renders the HTML report of every shipped scenario in headless Chromium and saves a PNG
# per report, so a reader can look at what a committee will see.
#   scripts/screenshot-reports.sh [OUTDIR]      (default: .build/reports)
# Needs chromium (apt-get install -y chromium). Reports are built with the debug binary.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/reports}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$browser" ] || { echo "chromium not found: apt-get install -y chromium" >&2; exit 69; }
swift build -q --product prognos
bin="$(swift build --show-bin-path)/prognos"
for scenario in Scenarios/*.yaml; do
  name="$(basename "$scenario" .yaml)"
  # Fragments meant for include: (no top-level name) are skipped by validate's exit code.
  "$bin" validate "$scenario" >/dev/null 2>&1 || { echo "skip $name (not a runnable scenario)"; continue; }
  # A file with a simulation also gets `simulate --report` (the combined treasury page);
  # path counts are kept small (PATHS, default 2000) so the script stays quick.
  commands="run"
  grep -q '^simulation:' "$scenario" && commands="run simulate"
  for command in $commands; do
    for lang in sv en; do
      html="$out/$name.$command.$lang.html"
      rm -f "$html"
      if [ "$command" = simulate ]; then
        "$bin" simulate "$scenario" --lang "$lang" --paths "${PATHS:-2000}" --report "$html" --output /dev/null 2>/dev/null || true
      else
        "$bin" run "$scenario" --lang "$lang" --set "simulation.paths=${PATHS:-2000}" --report "$html" --output /dev/null 2>/dev/null \
          || "$bin" run "$scenario" --lang "$lang" --report "$html" --output /dev/null 2>/dev/null || true
      fi
      [ -s "$html" ] || { echo "no report for $name ($command, $lang)" >&2; exit 1; }
      "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=820,9000 \
        --screenshot="$out/$name.$command.$lang.png" "file://$html" >/dev/null 2>&1
      echo "$out/$name.$command.$lang.png"
    done
  done
done
