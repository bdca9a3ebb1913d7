"""How fast civdata starts and reports: the speed targets, checked by measurement, not by tests.

    python bench/bench_startup.py [--runs N]

Runs each command N times in a fresh process and prints the median and slowest wall time, and the
modules `civdata --version` imports. Exits 1 when a median misses its target:

- `civdata --version`                      under 0.35 s (nothing heavy imported at start-up)
- `civdata report` on one example, as JSON under 1.0 s
- `civdata template` for the bundled rubric under 1.0 s
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "county-justice" / "lead.yaml"
HEAVY = ("jsonschema", "questionary", "prompt_toolkit", "rich.console")


def timed(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "civdata", *args], cwd=ROOT, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def imported_at_start() -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "civdata", "--version"], cwd=ROOT, capture_output=True, text=True
    )
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        cases = [
            ("civdata --version", ["--version"], 0.35),
            ("civdata report (json)", ["report", str(EXAMPLE), "-f", "json", "-o", f"{folder}/r.json"], 1.0),
            ("civdata template", ["template", "-o", f"{folder}/t.yaml", "--force"], 1.0),
        ]
        print(f"{'command':<28}{'median':>10}{'slowest':>10}{'target':>10}")
        failed = False
        for name, args, target in cases:
            times = timed(args, runs)
            median = statistics.median(times)
            failed |= median >= target
            mark = "" if median < target else "  MISSED"
            print(f"{name:<28}{median:>9.3f}s{max(times):>9.3f}s{target:>9.2f}s{mark}")
    heavy = sorted(module for module in imported_at_start() if module.startswith(HEAVY))
    print("heavy modules imported by --version:", ", ".join(heavy) or "none")
    return 1 if failed or heavy else 0


if __name__ == "__main__":
    raise SystemExit(main())
