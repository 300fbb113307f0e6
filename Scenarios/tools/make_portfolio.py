"""Generate the ILLUSTRATIVE external loan portfolio in data/loans-2024.csv.

Not Linköping's real loans: a synthetic portfolio with the seed's total (external debt
15.6 bn SEK outstanding at 2024-03-31) and the sector's shape (shared/data/README.md,
Kommuninvest 2023): about half floating on STIBOR 3M, the rest fixed at the rates of the
year each loan was taken, average capital maturity of a few years, most from
Kommuninvest, some MTN bonds and bank loans, about half green (the seed's indicator
"andel gröna lån": 54 %). Written as Swedish Excel writes CSV: ';' and decimal comma.

Deterministic: python3 Scenarios/tools/make_portfolio.py > Scenarios/data/loans-2024.csv
"""
import calendar
import datetime as dt
import random

V = dt.date(2024, 3, 31)
TOTAL = 15_600.0          # mnkr outstanding at V
rng = random.Random(20240331)

# Sector borrowing rate on new fixed loans by start year (illustrative, after Kommuninvest).
FIXED_RATE = {2017: 0.95, 2018: 0.85, 2019: 0.55, 2020: 0.45, 2021: 0.40, 2022: 1.90, 2023: 3.60, 2024: 3.30}


def add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def month_end(y, m):
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def outstanding(notional, start, maturity, amort):
    """Outstanding at V after amortisations (schedule backward from maturity, rule T8)."""
    if not amort:
        return notional
    dates, k = [], 1
    while True:
        d = add_months(maturity, -12 * k)
        if d <= start:
            break
        dates.append(d)
        k += 1
    left = notional
    for d in sorted(dates):
        if d <= V:
            left -= min(amort, left)
    return left


loans = []
for i in range(150):
    floating = i % 2 == 1
    lender = rng.choices(["Kommuninvest", "MTN", "bank"], [70, 20, 10])[0]
    start_year = rng.choice([2018, 2019, 2020, 2021, 2021, 2022, 2022, 2023, 2023, 2023, 2024])
    start = month_end(start_year, rng.randint(1, 12 if start_year < 2024 else 3))
    term = rng.choice([1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8])
    maturity = add_months(start, 12 * term)
    while maturity <= add_months(V, 2):
        maturity = add_months(maturity, 12)
    if maturity <= add_months(V, 12) and rng.random() < 0.3:   # sector: about a quarter due within a year
        maturity = add_months(maturity, 12)
    notional = round(rng.uniform(40, 160), 1)
    row = {"id": f"L{i + 1:03d}", "type": "floating" if floating else "fixed", "notional": notional,
           "start": start, "maturity": maturity, "lender": lender,
           "green": "true" if rng.random() < 0.50 else "false"}
    if floating:
        row["margin"] = round(rng.uniform(0.10, 0.45), 2)
        if lender == "bank" and rng.random() < 0.5:
            row["floor"] = 0.0
        if rng.random() < 0.15:
            row["amortization_amount"] = round(notional / term, 1)
    else:
        row["rate"] = round(FIXED_RATE[start_year] + rng.uniform(-0.15, 0.25), 2)
    loans.append(row)

# Scale to the seed's total and put the rounding residue on the last bullet loan.
current = sum(outstanding(l["notional"], l["start"], l["maturity"], l.get("amortization_amount")) for l in loans)
for l in loans:
    l["notional"] = round(l["notional"] * TOTAL / current, 1)
    if "amortization_amount" in l:
        l["amortization_amount"] = round(l["amortization_amount"] * TOTAL / current, 1)
current = sum(outstanding(l["notional"], l["start"], l["maturity"], l.get("amortization_amount")) for l in loans)
last = next(l for l in reversed(loans) if "amortization_amount" not in l)
last["notional"] = round(last["notional"] + TOTAL - current, 1)

columns = ["id", "type", "notional", "start", "maturity", "rate", "margin", "floor",
           "amortization_amount", "amortization_frequency", "green", "lender"]


def cell(l, c):
    v = l.get(c)
    if v is None:
        return ""
    if c in ("rate", "margin", "floor"):
        return f"{v:.2f}%".replace(".", ",")
    if c in ("notional", "amortization_amount"):
        return f"{v:.1f}".replace(".", ",")
    if c == "amortization_frequency":
        return "12"
    return str(v)


print(";".join(columns))
for l in loans:
    if "amortization_amount" in l:
        l["amortization_frequency"] = 12
    print(";".join(cell(l, c) for c in columns))
