#!/bin/sh
# Writes the text-table and CSV outputs of every shipped scenario into Tests/Fixtures/golden-views/
# (issue 15: the views must stay byte-identical when they render from the result document).
# Usage: scripts/golden-views.sh [path/to/prognos]. The cases mirror GoldenViewsTests.cases.
set -eu
B=${1:-.build/debug/prognos}
D=Tests/Fixtures/golden-views
mkdir -p "$D"
one() { # name, args…
    name=$1; shift
    for lang in sv en; do "$B" "$@" --format table --lang "$lang" > "$D/$name.table.$lang.txt" 2>/dev/null; done
    for dialect in rfc4180 excel-sv; do "$B" "$@" --format csv --csv-dialect "$dialect" > "$D/$name.$dialect.csv" 2>/dev/null; done
}
one linkoping-ks-2024-03 run Scenarios/linkoping-ks-2024-03.yaml
one linkoping-ks-2024-03-ledger run Scenarios/linkoping-ks-2024-03-ledger.yaml
one linkoping-ks-2024-03-indikatorer run Scenarios/linkoping-ks-2024-03-indikatorer.yaml
one linkoping-ks-2024-03-indikatorer.assess run Scenarios/linkoping-ks-2024-03-indikatorer.yaml --set indicators.assess=true
one linkoping-internbank-2024 run Scenarios/linkoping-internbank-2024.yaml
one portfolio-2024 run Scenarios/portfolio-2024.yaml
one treasury-2024 run Scenarios/treasury-2024.yaml
one internbank-car-2024 simulate Scenarios/internbank-car-2024.yaml --paths 2000
one internbank-car-2024.vasicek simulate Scenarios/internbank-car-2024.yaml --paths 2000 --set simulation.model=vasicek --set simulation.long_run=2.5%
for lang in sv en; do "$B" backtest Scenarios/linkoping-ks-2024-03-ledger.yaml --lang "$lang" > "$D/linkoping-ks-2024-03-ledger.backtest.$lang.txt"; done
