"""bench/bench_ratios.py runs and prints every figure of docs/performance.md with its verdict.

The figures themselves are not judged here (timings in a test suite are noise); this only makes
sure the benchmark keeps working, on tiny sizes, and that --strict turns a miss into exit 1.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

FIGURES = [
    "civdata report ONE.yaml -o r.md (bundled rubric)",
    "civdata report mini-answers.yaml -r mini-rubric.yaml",
    "civdata --help",
    "3 respondents to Markdown / libyaml parse floor",
    "time at 6 / time at 3 respondents",
    "peak memory at 3 respondents",
    "peak memory with --baseline, 3 respondents then and now",
    "peak memory at 4 respondents",
    "peak memory with notes written, 4 respondents",
]


@pytest.mark.slow
@pytest.mark.parametrize("strict", [False, True])
def test_the_benchmark_prints_each_figure_with_its_target_and_verdict(strict: bool) -> None:
    args = [
        "--runs",
        "1",
        "--report-runs",
        "1",
        "--respondents",
        "3",
        "--large",
        "4",
        *(["--strict"] if strict else []),
    ]
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_ratios.py"), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines = result.stdout.splitlines()
    verdicts = []
    for figure in FIGURES:
        (line,) = [line for line in lines if line.startswith(figure)]
        found = re.search(r"\s(\d+\.\d\dx|\d+ MiB)\s+(<=?[0-9.]+(?:x| MiB))\s+(PASS|FAIL)\s", line)
        assert found, line
        verdicts.append(found.group(3))
    assert result.returncode == (1 if strict and "FAIL" in verdicts else 0), result.stderr
