"""Benchmark: how long a combined report takes as the number of respondents grows.

A large consultation (a county's partners, a network of community organisations, a survey of
refugee-service staff) can mean hundreds of answers files about one initiative. The promise is a
report from 500 respondent files for the bundled rubric in under 2 seconds on a 2-core machine,
with time growing linearly in the number of respondents.

The script writes N synthetic answers files (N = 50, 100, 200, 500 by default) from the bundled
rubric into a temporary folder, then times

- ``civdata report FOLDER -f json -o report.json`` end to end, as a subprocess (start-up, loading,
  checking, scoring, combining and rendering), the median of several runs; and
- the same work in process (load, assess, combine, render), without the interpreter's start-up.

It prints a table with the time per respondent, which stays about flat when growth is linear, and
exits 1 when 500 respondents take 2 seconds or more end to end. It is a benchmark, not a test:
run it by hand or in a dedicated CI job on known hardware, never in the test suite.

    python bench/bench_combine.py                  # the default sizes, 5 runs each
    python bench/bench_combine.py --sizes 10 1000 --repeats 3
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from civdata import __version__
from civdata.catalog import DEFAULT_RUBRIC_ID, find_rubric
from civdata.model import Question, QuestionType, Rubric
from civdata.rubric_loader import load_rubric

LIMIT_SECONDS = 2.0
LIMIT_RESPONDENTS = 500


def synthetic_value(question: Question, chooser: random.Random) -> Any:
    """A valid answer to ``question``, chosen at random so respondents disagree as real ones do."""
    if question.type is QuestionType.TEXT:
        return "A synthetic answer written for the benchmark."
    if question.type is QuestionType.NUMBER:
        low = question.minimum if question.minimum is not None else 0
        high = question.maximum if question.maximum is not None else low + 100
        value = chooser.uniform(low, high)
        return int(value) if question.integer else round(value, 2)
    if question.type is QuestionType.MULTIPLE_CHOICE:
        plain = [option.value for option in question.options if not option.exclusive]
        exclusive = [option.value for option in question.options if option.exclusive]
        if exclusive and (not plain or chooser.random() < 0.15):
            return [chooser.choice(exclusive)]
        return chooser.sample(plain, k=chooser.randint(1, min(3, len(plain))))
    return chooser.choice([option.value for option in question.options])


def synthetic_answers(rubric: Rubric, index: int, chooser: random.Random) -> dict[str, Any]:
    """One respondent's answers file: roles in turn, every question asked of that role answered."""
    role = rubric.roles[index % len(rubric.roles)]
    answers = {
        question.id: synthetic_value(question, chooser) for question in rubric.questions if question.asked_of(role.id)
    }
    return {
        "format": 1,
        "rubric": {"id": rubric.id, "version": rubric.version},
        "initiative": "Benchmark initiative",
        "respondent": {"name": f"Respondent {index + 1}", "role": role.id, "organisation": f"Organisation {index}"},
        "date": "2026-11-05",
        "answers": answers,
    }


def write_answers(rubric: Rubric, folder: Path, count: int, seed: int) -> None:
    chooser = random.Random(seed)
    folder.mkdir(parents=True)
    for index in range(count):
        text = yaml.safe_dump(synthetic_answers(rubric, index, chooser), sort_keys=False, allow_unicode=True)
        (folder / f"respondent-{index + 1:04d}.yaml").write_text(text, encoding="utf-8")


def time_subprocess(folder: Path, output: Path, repeats: int, bytecode: Path) -> float:
    """Median wall time of ``civdata report FOLDER -f json -o OUTPUT`` in a fresh interpreter.

    Byte-code caching is on (in a temporary folder), as it is for an installed package, even where
    the environment turns it off (PYTHONDONTWRITEBYTECODE), and a first run that fills the cache is
    not counted: the budget is about what a user waits for, not about compiling civdata.
    """
    command = [sys.executable, "-m", "civdata", "report", str(folder), "-f", "json", "-o", str(output)]
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env |= {"SOURCE_DATE_EPOCH": "1793836800", "PYTHONPYCACHEPREFIX": str(bytecode)}
    subprocess.run(command, capture_output=True, env=env, check=False)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        times.append(time.perf_counter() - start)
        if completed.returncode != 0:
            raise SystemExit(f"civdata report failed ({completed.returncode}):\n{completed.stderr}")
    return statistics.median(times)


def time_in_process(folder: Path, repeats: int) -> float:
    """Median time of the same work without interpreter start-up: load, assess, combine, render."""
    from civdata.combine import combine
    from civdata.inputs import load_answer_sets
    from civdata.render import render
    from civdata.render.common import ReportMeta
    from civdata.scoring import assess

    paths = sorted(folder.glob("*.yaml"))
    meta = ReportMeta(__version__, "2026-11-05")
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        rubric, answer_sets = load_answer_sets(paths, None)
        report = combine(rubric, [assess(rubric, answer_set) for answer_set in answer_sets])
        render("json", report, meta)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, LIMIT_RESPONDENTS])
    parser.add_argument("--repeats", type=int, default=5, help="runs per size; the median is reported")
    parser.add_argument("--seed", type=int, default=5)
    options = parser.parse_args(argv)

    rubric = load_rubric(find_rubric(DEFAULT_RUBRIC_ID))
    print(f"civdata {__version__}, rubric {rubric.id} {rubric.version} ({len(rubric.questions)} questions), ", end="")
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, median of {options.repeats} runs")
    print()
    print(f"{'respondents':>11}  {'end to end':>10}  {'per resp.':>9}  {'in process':>10}  {'per resp.':>9}")
    results: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="civdata-bench-") as temporary:
        for size in options.sizes:
            folder = Path(temporary) / f"n{size}"
            write_answers(rubric, folder, size, options.seed)
            output, bytecode = Path(temporary) / f"n{size}.json", Path(temporary) / "pycache"
            end_to_end = time_subprocess(folder, output, options.repeats, bytecode)
            in_process = time_in_process(folder, options.repeats)
            results[size] = end_to_end
            print(
                f"{size:>11}  {end_to_end:>9.3f}s  {1000 * end_to_end / size:>7.2f}ms"
                f"  {in_process:>9.3f}s  {1000 * in_process / size:>7.2f}ms"
            )
    if LIMIT_RESPONDENTS in results:
        took = results[LIMIT_RESPONDENTS]
        verdict = "within" if took < LIMIT_SECONDS else "OVER"
        print(f"\n{LIMIT_RESPONDENTS} respondents end to end: {took:.3f}s, {verdict} the {LIMIT_SECONDS:g}s budget")
        if took >= LIMIT_SECONDS:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
