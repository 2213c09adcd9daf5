#!/usr/bin/env python3
"""The lab district's comparison: for each school, what its link was shaped to, the TCP goodput
that rate allows (a full 1514-byte frame carries 1448 bytes of payload), what its probe measured
(the plan's measured_mbps: the median of its download tests' capacity estimates, goodput plus the
other traffic the probe saw), and the verdict of `schoolnet check`; and, from the probes' own logs
and the service's database, that every test result arrived once.

Prints the table and writes comparison.json beside check.json in --out.
"""
import argparse
import json
import re
import sqlite3

BANDWIDTH_RULES = {"NO_LINK", "CONTRACT_BELOW_STANDARD", "MEASURED_BELOW_STANDARD", "UNDER_DELIVERING",
                   "NO_RECENT_MEASUREMENT"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--rates", required=True, help="shaped Mbit/s of school 1, 2, ... separated by spaces")
    parser.add_argument("--cross-school", type=int, required=True)
    parser.add_argument("--cutoff-school", type=int, required=True)
    args = parser.parse_args()
    rates = [int(r) for r in args.rates.split()]
    with open(f"{args.out}/check.json", encoding="utf-8") as f:
        report = json.load(f)
    database = sqlite3.connect(f"{args.out}/district.sqlite")
    rows = []
    for number, rate in enumerate(rates, start=1):
        code = f"DL-LAB-{number:04d}"
        school = next(s for s in report["schools"] if s["code"] == code)
        with open(f"{args.out}/s{number}/agent.log", encoding="utf-8") as f:
            log = f.read()
        logged = len(re.findall(r" (download|upload) test: ", log))
        stored, distinct = database.execute(
            "SELECT COUNT(*), COUNT(DISTINCT kind || started_at_ms) FROM measurements "
            "WHERE school_code = ? AND kind LIKE 'throughput%'", (code,)).fetchone()
        expected = rate * 1448 / 1514
        measured = school.get("measured_mbps")
        rows.append({
            "school": code, "name": school["name"], "kind": school["kind"], "classes": school["classes"],
            "required_mbps": school["required_mbps"], "contracted_mbps": school["contracted_mbps"],
            "shaped_mbps": rate, "expected_mbps": round(expected, 3), "measured_mbps": measured,
            "vs_expected": None if measured is None else round(measured / expected - 1, 4),
            "tests_logged": logged, "tests_stored": stored, "tests_distinct": distinct,
            "flags": sorted(f["rule"] for f in school["flags"]),
            "note": ("busy: 24 Mbit/s of other traffic" if number == args.cross_school
                     else "cut off from the service, then back" if number == args.cutoff_school else ""),
        })
    with open(f"{args.out}/comparison.json", "w", encoding="utf-8") as f:
        json.dump(rows, f, ensure_ascii=False, indent=1)
    header = (f"{'school':<12} {'kind':<13} {'classes':>7} {'needs':>6} {'contract':>8} {'shaped':>6} "
              f"{'expected':>8} {'measured':>8} {'vs exp':>7} {'tests':>9}  verdict")
    print(header)
    for row in rows:
        measured = "-" if row["measured_mbps"] is None else f"{row['measured_mbps']:.1f}"
        versus = "-" if row["vs_expected"] is None else f"{row['vs_expected'] * 100:+.1f}%"
        flags = ", ".join(row["flags"]) or "meets the plan"
        print(f"{row['school']:<12} {row['kind']:<13} {row['classes']:>7} {row['required_mbps']:>6g} "
              f"{row['contracted_mbps']:>8g} {row['shaped_mbps']:>6} {row['expected_mbps']:>8.1f} {measured:>8} "
              f"{versus:>7} {row['tests_stored']:>4}/{row['tests_logged']:<4}  {flags}"
              + (f"  ({row['note']})" if row["note"] else ""))
    print("(Mbit/s; expected = shaped x 1448/1514, TCP's goodput at that rate; measured = the median download "
          "capacity estimate; tests = stored by the service / logged by the probe)")


if __name__ == "__main__":
    main()
