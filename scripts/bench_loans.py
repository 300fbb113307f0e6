#!/usr/bin/env python3
"""loans-1m peer (issue 20 item 5): split a loans CSV (the spec's loan columns, ';' and
decimal comma as Swedish Excel writes them, or ',' and '.') into ROWS loans with the same
totals: every loan becomes n pieces with the same type, dates, rate/margin, floor, green and
lender, and its notional and amortisation amount split into whole kronor (the pieces of one
amount sum to it exactly), then time what a Python user would do first: pandas.read_csv of
the file in process, plus the notional summed by type.

  python3 bench_loans.py SRC.csv OUT.csv [--rows 1000000] [--unit mnkr|tkr|kr] [--no-pandas]

Prints one JSON line: {"rows": N, "pandas_s": T, "notional": {type: sum}}."""
import argparse, csv, json, time, warnings
from decimal import Decimal

ap = argparse.ArgumentParser()
ap.add_argument("src"); ap.add_argument("out")
ap.add_argument("--rows", type=int, default=1_000_000)
ap.add_argument("--unit", default="mnkr", choices=["mnkr", "tkr", "kr"])
ap.add_argument("--no-pandas", action="store_true")
a = ap.parse_args()
scale = {"mnkr": 6, "tkr": 3, "kr": 0}[a.unit]
first = open(a.src, encoding="utf-8-sig").readline()
sep = ";" if ";" in first else ","
mark = "," if sep == ";" else "."
rows = list(csv.reader(open(a.src, encoding="utf-8-sig"), delimiter=sep))
hdr, body = rows[0], rows[1:]
col = {h: i for i, h in enumerate(hdr)}


def kronor(cell):
    """A cell in the file's unit as whole kronor (exact)."""
    return int(Decimal(cell.replace(",", ".")) * (10 ** scale))


def cell(k):
    """Whole kronor as a cell in the file's unit."""
    if scale == 0:
        return str(k)
    s = f"{k // 10 ** scale}.{k % 10 ** scale:0{scale}d}"
    return s.replace(".", mark)


def split(total, n):
    base, extra = divmod(total, n)
    return [base + (1 if i < extra else 0) for i in range(n)]


with open(a.out, "w", encoding="utf-8") as out:
    out.write(sep.join(hdr) + "\n")
    for li, r in enumerate(body):
        n = a.rows // len(body) + (1 if li < a.rows % len(body) else 0)
        parts = split(kronor(r[col["notional"]]), n)
        am = r[col["amortization_amount"]] if "amortization_amount" in col else ""
        amparts = split(kronor(am), n) if am else None
        for i in range(n):
            f = list(r)
            f[col["id"]] = f"{r[col['id']]}-{i + 1:05d}"
            f[col["notional"]] = cell(parts[i])
            if amparts:
                f[col["amortization_amount"]] = cell(amparts[i])
            out.write(sep.join(f) + "\n")

if a.no_pandas:
    print(json.dumps({"rows": a.rows, "file": a.out}))
else:
    import pandas as pd
    warnings.simplefilter("ignore")   # pandas: mixed types in the floor column (empty or 0,00 %)
    t = time.perf_counter()
    d = pd.read_csv(a.out, sep=sep, decimal=mark)
    g = d.groupby("type")["notional"].sum()
    dt = time.perf_counter() - t
    print(json.dumps({"rows": len(d), "pandas_s": round(dt, 3), "notional": {k: round(v, 3) for k, v in g.items()}}))
