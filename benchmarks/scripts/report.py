#!/usr/bin/env python3
"""Turns one JMH CSV (BackpropBenchmark, KernelChoiceBenchmark) and the output of
numpy_baseline.py into the ratio table of BENCHMARKS.md. Run by hand:

    python3 benchmarks/scripts/report.py jmh.csv numpy.txt
"""
import csv
import sys

FLOPS = {  # one forward + backward pass, a multiply-add counted as two (see Case.flops())
    "TINY": (2 * 3 * 2 * 4 * 2) + (1 * 3 * 4 * 2 * 3),
    "SMALL": 64 * (4 * 16 * 2 + 6 * 16 * 16 + 6 * 16),
    "MEDIUM": 128 * (4 * 784 * 128 + 6 * 128 * 64 + 6 * 64 * 10),
    "WIDE": 256 * (4 * 1024 * 1024 + 6 * 1024 * 1024 + 6 * 1024),
}


def main():
    rows = list(csv.DictReader(open(sys.argv[1])))
    numpy = {}
    for line in open(sys.argv[2]):
        parts = line.split("\t")
        if len(parts) >= 3 and parts[1] == "numpy":
            numpy[parts[0]] = float(parts[2])
    time, alloc = {}, {}
    for row in rows:
        full = row["Benchmark"]
        name = ".".join(full.split(":")[0].split(".")[-2:])
        case = row.get("Param: network") or ""
        if full.endswith(":gc.alloc.rate.norm"):
            alloc[(name, case)] = float(row["Score"])
        elif row["Unit"] == "us/op":
            time[(name, case)] = float(row["Score"])
    impls = [
        ("BackpropBenchmark.generated", "generated, plain kernel"),
        ("KernelChoiceBenchmark.generated", "generated, Vector API kernel"),
        ("BackpropBenchmark.generatedInto", "generated, gradient into an array"),
        ("BackpropBenchmark.naive", "naive Java"),
        ("BackpropBenchmark.ejml", "EJML"),
    ]
    print("| case | numpy µs | " + " | ".join(f"{label}: µs, × numpy" for _, label in impls) + " |")
    print("| --- | --- | " + " | ".join("---" for _ in impls) + " |")
    for case in ["TINY", "SMALL", "MEDIUM", "WIDE"]:
        cells = []
        for key, _ in impls:
            us = time.get((key, case))
            cells.append("" if us is None else f"{us:,.2f}, {numpy[case] / us:.2f}×")
        print(f"| {case} | {numpy[case]:,.2f} | " + " | ".join(cells) + " |")
    print()
    print("| case | " + " | ".join(f"{label}: GFLOP/s, B/op" for _, label in impls) + " |")
    print("| --- | " + " | ".join("---" for _ in impls) + " |")
    for case in ["TINY", "SMALL", "MEDIUM", "WIDE"]:
        cells = []
        for key, _ in impls:
            us = time.get((key, case))
            b = alloc.get((key, case))
            cells.append(
                "" if us is None else f"{FLOPS[case] / us / 1e3:.2f}, {b:,.0f}" if b is not None
                else f"{FLOPS[case] / us / 1e3:.2f}")
        print(f"| {case} | " + " | ".join(cells) + " |")
    print()
    for case in ["TINY", "SMALL"]:
        scalar = time.get(("KernelChoiceBenchmark.generated", case))
        kernel = time.get(("KernelChoiceBenchmark.generated", case + "_KERNEL"))
        if scalar and kernel:
            print(f"{case}: scalar {scalar:.2f} µs, kernel calls {kernel:.2f} µs,"
                  f" scalar is {kernel / scalar:.2f}× as fast")


if __name__ == "__main__":
    main()
