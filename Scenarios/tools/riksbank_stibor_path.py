"""Derive a monthly STIBOR 3M path from the Riksbank's policy-rate decisions.

Used to write the `riksbank-2024-2025` path scenario in ../rates-2024.yaml.
Assumptions (also stated in that file):
  * a decision takes effect the Wednesday after the decision date (Riksbank practice;
    shared/data/README.md);
  * the fixing on the 1st of each month is the average policy rate over the next three
    calendar months (STIBOR 3M anticipates the policy rate, rates.md) plus a spread of
    +0.10 % (STIBOR 3M over the policy rate in calm months of 2023: about 0.05–0.15 %).
Run: python3 Scenarios/tools/riksbank_stibor_path.py shared/data/riksbank-policy-rate.csv
"""
import calendar
import csv
import datetime as dt
import sys

SPREAD = 0.0010


def add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def main(path):
    steps = []
    for row in csv.DictReader(open(path)):
        d = dt.date.fromisoformat(row["decision_date"])
        effective = d + dt.timedelta(days=(2 - d.weekday()) % 7 or 7)   # the next Wednesday
        steps.append((effective, float(row["policy_rate"].rstrip("%")) / 100))

    def policy(day):
        rate = steps[0][1]
        for eff, r in steps:
            if eff <= day:
                rate = r
        return rate

    month = dt.date(2024, 1, 1)
    while month <= dt.date(2026, 12, 1):
        end = add_months(month, 3)
        days = (end - month).days
        avg = sum(policy(month + dt.timedelta(days=i)) for i in range(days)) / days
        print(f"        {month:%Y-%m}: {100 * (avg + SPREAD):.2f}%")
        month = add_months(month, 1)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/riksbank-policy-rate.csv")
