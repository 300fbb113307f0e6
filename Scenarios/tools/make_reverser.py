"""Generate the ILLUSTRATIVE internal loans (reverser) in data/reverser-2024.csv.

From the seed: 14.5 bn SEK lent on to the companies ("vidareutlåning på 14,5 Mdr"),
Stångåstaden, Tekniska verken and Lejonfastigheter named in the spec. ASSUMED: the split
by borrower (Stångåstaden 5.9, Tekniska verken 5.4, Lejonfastigheter 2.2, Linköpings
Stadshus AB 0.6, Sankt Kors Fastighets AB 0.4 bn — the companies' rough balance-sheet
sizes), the loans' dates and terms, and the pricing: pass-through at the bank's margin
for most, Tekniska verken partly floating at STIBOR 3M + 0.35 %, Lejonfastigheter partly
fixed. Written with ';' and decimal comma like the external loans.

Deterministic: python3 Scenarios/tools/make_reverser.py > Scenarios/data/reverser-2024.csv
"""
import random

rng = random.Random(14500)
BORROWERS = [("stangastaden", 5900.0, 8), ("tekniska_verken", 5400.0, 7), ("lejonfastigheter", 2200.0, 5),
             ("stadshus", 600.0, 2), ("sankt_kors", 400.0, 2)]

print("id;borrower;notional;start;maturity;pricing;rate;margin;rollover")
n = 0
for borrower, total, count in BORROWERS:
    weights = [rng.uniform(0.6, 1.4) for _ in range(count)]
    amounts = [round(total * w / sum(weights), 1) for w in weights]
    amounts[-1] = round(total - sum(amounts[:-1]), 1)
    for k, amount in enumerate(amounts):
        n += 1
        start = rng.choice(["2024-01-31", "2024-02-29", "2024-03-31"])
        term = rng.choice([3, 4, 5, 6, 8, 10])
        y, rest = start.split("-", 1)
        maturity = f"{int(y) + term}-{rest}".replace("02-29", "02-28")
        pricing, rate, margin = "", "", ""
        if borrower == "tekniska_verken" and k < 3:
            pricing, margin = "floating", "0,35%"
        if borrower == "lejonfastigheter" and k < 2:
            pricing, rate, margin = "fixed", f"{3.05 + 0.1 * k:.2f}%".replace(".", ","), "0,30%"
        print(f"IB{n:02d};{borrower};{f'{amount:.1f}'.replace('.', ',')};{start};{maturity};{pricing};{rate};{margin};")
