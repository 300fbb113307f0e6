"""Generate the ILLUSTRATIVE monthly ledger in data/ledger-ks-2019-2024.csv.

The seed (shared/seed/000_a19a86df03f8efdd.txt) prints, per unit of Kommunstyrelsen, only
Q1 2024 actual and budget, Q1 2023 actual, the 2024 budget and the 2023 outcome. This
script invents the months around those printed figures so the projection methods have a
history to work on. It is NOT Linköping's ledger.

  * Seasonal pattern of a municipal staff unit's net cost (share of the year by month):
    low in July (holidays), high in December (year-end bookings); SEASON below.
  * 2024: January–March actuals sum to the printed "Redovisat jan–mars 2024"; the monthly
    budget's Q1 sums to the printed "Budget jan–mars 2024", the rest of the annual budget
    follows SEASON.
  * 2023: Q1 sums to "Redovisat samma period föregående år", the year to "Bokslut 2023".
  * 2019–2022: each year's outcome = the 2023 outcome shrunk by 3 % a year and a random
    unit-year factor N(1, 4 %) shared by all months (a year that misses, misses in every
    month), monthly noise N(1, 6 %); a budget per year = outcome × N(1.02, 3 %) spread by
    SEASON. Amounts in mnkr with three decimals (whole tkr).

Deterministic: python3 Scenarios/tools/make_ledger.py > Scenarios/data/ledger-ks-2019-2024.csv
"""
import random

rng = random.Random(20240331)
SEASON = [0.080, 0.082, 0.085, 0.084, 0.085, 0.090, 0.055, 0.070, 0.085, 0.088, 0.090, 0.106]
# id, Q1 2024 actual, Q1 2024 budget, 2024 budget, Q1 2023 actual, 2023 outcome (seed, mnkr)
UNITS = [
    ("ks", 6.8, 7.5, 30.2, 8.0, 25.5),
    ("kommungemensamt", 64.7, 67.3, 280.7, 3.1, 171.7),
    ("kls", 24.6, 27.8, 112.3, 23.4, 95.4),
    ("planering", 10.1, 10.6, 41.1, 9.7, 38.2),
    ("naringsliv", 10.3, 11.3, 44.9, 9.2, 40.7),
    ("ekonomi", 7.3, 8.9, 34.8, 8.3, 27.2),
    ("hr", 11.1, 12.9, 50.9, 11.1, 47.7),
    ("kommunikation", 11.7, 14.1, 55.6, 12.8, 60.5),
]


def spread(total, months):
    weights = [SEASON[m] for m in months]
    return [total * w / sum(weights) for w in weights]


def exact(values, total):
    """Round to whole tkr keeping the sum exactly at `total` (rounded)."""
    rounded = [round(v, 3) for v in values]
    rounded[-1] = round(round(total, 3) - sum(rounded[:-1]), 3)
    return rounded


print("unit,period,type,amount")
for uid, a24, bq24, b24, a23q1, o23 in UNITS:
    rows = []
    # 2019-2022: shrink the 2023 outcome by 3 % a year, a unit-year miss, monthly noise.
    for y in range(2019, 2023):
        outcome = o23 * 0.97 ** (2023 - y) * rng.gauss(1, 0.04)
        months = [outcome * SEASON[m] * rng.gauss(1, 0.06) for m in range(12)]
        budget = outcome * rng.gauss(1.02, 0.03)
        rows += [(y, m, "actual", v) for m, v in enumerate(exact(months, sum(months)))]
        rows += [(y, m, "budget", v) for m, v in enumerate(exact(spread(budget, range(12)), budget))]
    # 2023: Q1 and the year as printed.
    q1 = exact(spread(a23q1, range(3)), a23q1)
    rest = exact([v * rng.gauss(1, 0.05) for v in spread(o23 - a23q1, range(3, 12))], o23 - a23q1)
    rest = exact(rest, o23 - a23q1)
    rows += [(2023, m, "actual", v) for m, v in enumerate(q1 + rest)]
    b23 = o23 * 1.01
    rows += [(2023, m, "budget", v) for m, v in enumerate(exact(spread(b23, range(12)), b23))]
    # 2024: Q1 actuals and the budget as printed.
    rows += [(2024, m, "actual", v) for m, v in enumerate(exact(spread(a24, range(3)), a24))]
    budget24 = exact(spread(bq24, range(3)), bq24) + exact(spread(b24 - bq24, range(3, 12)), b24 - bq24)
    rows += [(2024, m, "budget", v) for m, v in enumerate(budget24)]
    for y, m, t, v in rows:
        print(f"{uid},{y}-{m + 1:02d},{t},{v:.3f}")
