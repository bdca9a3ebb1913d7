"""Speed and memory of civdata, as ratios to what any Python tool pays on the same machine.

An absolute time says as much about the machine as about civdata, so each figure is a ratio to a
floor measured in the same run, on the same machine, with the same Python:

- ``civdata report ONE.yaml -o r.md`` (the bundled rubric; and the mini test rubric) against
  ``python -c "import yaml, jsonschema, rich, typer, questionary"``: at most 0.8;
- ``civdata --help`` against ``python -c "import typer"``: at most 1.2;
- a Markdown report on 500 respondents against reading and parsing the same 500 files with
  libyaml (``yaml.CSafeLoader``) in a Python of its own: at most 2;
- the report on 1,000 respondents against the one on 500 (linear time): at most 2.1;
- peak memory (resident set size) of the report on 500 and on 5,000 respondents: under 150 MiB
  and 250 MiB, the latter also when every respondent writes a note on every answer, a page long
  on one in three;
- ``civdata import`` of a KoboToolbox CSV export of the same 500 respondents, straight to a
  Markdown report, against the same libyaml floor: at most 2 (the report path's target), with
  peak memory under 150 MiB; and at 1,000 against 500 submissions: at most 2.1 (linear).

Every figure is the median of several runs of a fresh process (the first run of each, which
fills the byte-code cache, is not counted), the commands taking turns so that a machine that
slows down slows them all. Answers files are written by ``bench_combine.py``'s synthetic
respondents. docs/performance.md explains the targets and what keeps civdata within them.

It is a benchmark, not a test: it prints PASS or FAIL for each figure and exits 0, unless
``--strict`` is given (then 1 when any figure fails). POSIX only (it reads each child's usage).

    python bench/bench_ratios.py                      # 15 runs per start-up figure, 3 per report
    python bench/bench_ratios.py --strict --runs 31   # as a gate, on a quiet machine
    python bench/bench_ratios.py --cpu                # CPU time instead of wall time (busy machines)
    python bench/bench_ratios.py --start-up-only      # the first three figures only
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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import yaml  # noqa: E402
from bench_combine import write_answers  # noqa: E402

IMPORT_BASELINE = "import yaml, jsonschema, rich, typer, questionary"
#: The floor of a combined report: read and parse every answers file with libyaml, nothing else.
PARSE_FLOOR = (
    "import sys, yaml\n"
    "from pathlib import Path\n"
    "for path in sorted(Path(sys.argv[1]).glob('*.yaml')):\n"
    "    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)\n"
)
MINI = ["tests/fixtures/mini-answers.yaml", "-r", "tests/fixtures/mini-rubric.yaml"]
ONE = ["examples/county-justice/lead.yaml"]


@dataclass(frozen=True)
class Run:
    """One finished child process: wall time and CPU time in seconds, peak resident memory in MiB."""

    wall: float
    cpu: float
    peak_mib: float


@dataclass(frozen=True)
class Figure:
    """A measured ratio or size, and its target: at most ``target`` (``unit`` is ``x`` or ``MiB``)."""

    name: str
    value: float
    target: float
    unit: str
    detail: str

    @property
    def passed(self) -> bool:
        return self.value <= self.target if self.unit == "x" else self.value < self.target


def run_once(command: list[str], env: dict[str, str]) -> Run:
    """Run ``command`` from the repository root and read its own resource usage (``os.wait4``)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            shown = errors.read().decode(errors="replace")[-2000:]
            raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{shown}")
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)  # bytes on macOS, KiB elsewhere
    return Run(wall, usage.ru_utime + usage.ru_stime, peak)


def measure(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, list[Run]]:
    """Each command ``runs`` times after one uncounted run; the commands take turns, in rotating order."""
    names = list(commands)
    for name in names:
        run_once(commands[name], env)
    results: dict[str, list[Run]] = {name: [] for name in names}
    for round_number in range(runs):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            results[name].append(run_once(commands[name], env))
    return results


def benchmark_environment(folder: Path) -> dict[str, str]:
    """Byte-code caching on (in ``folder``), as for an installed package, even where the environment
    turns it off; reports dated reproducibly."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return env | {"PYTHONPYCACHEPREFIX": str(folder / "pycache"), "SOURCE_DATE_EPOCH": "1793836800"}


def civdata(*args: str) -> list[str]:
    return [sys.executable, "-m", "civdata", *args]


def start_up_figures(folder: Path, runs: int, env: dict[str, str], clock: Callable[[Run], float]) -> list[Figure]:
    output = str(folder / "r.md")
    results = measure(
        {
            "import baseline": [sys.executable, "-c", IMPORT_BASELINE],
            "import typer": [sys.executable, "-c", "import typer"],
            "report one": civdata("report", *ONE, "-o", output),
            "report mini": civdata("report", *MINI, "-o", output),
            "help": civdata("--help"),
        },
        runs,
        env,
    )
    median = {name: statistics.median(clock(run) for run in found) for name, found in results.items()}

    def ratio(name: str, label: str, floor: str, target: float) -> Figure:
        detail = f"{median[name]:.3f}s / {median[floor]:.3f}s ({floor})"
        return Figure(label, median[name] / median[floor], target, "x", detail)

    return [
        ratio("report one", "civdata report ONE.yaml -o r.md (bundled rubric)", "import baseline", 0.8),
        ratio("report mini", "civdata report mini-answers.yaml -r mini-rubric.yaml", "import baseline", 0.8),
        ratio("help", "civdata --help", "import typer", 1.2),
    ]


def respondent_figures(
    folder: Path, sizes: tuple[int, int], runs: int, env: dict[str, str], clock: Callable[[Run], float]
) -> list[Figure]:
    from civdata.catalog import DEFAULT_RUBRIC_ID, find_rubric
    from civdata.rubric_loader import load_rubric

    rubric = load_rubric(find_rubric(DEFAULT_RUBRIC_ID))
    small, large = sizes
    folders = {}
    for size in sorted({small, 2 * small, large}):
        folders[size] = folder / f"respondents-{size}"
        write_answers(rubric, folders[size], size, seed=5)

    def report(size: int) -> list[str]:
        return civdata("report", str(folders[size]), "-o", str(folder / f"report-{size}.md"))

    exports = {size: write_kobo_export(rubric, folder, size) for size in (small, 2 * small)}
    # The same number of people assessed earlier, other answers: what --baseline compares with.
    earlier = folder / f"baseline-{small}"
    write_answers(rubric, earlier, small, seed=6)

    def imported(size: int) -> list[str]:
        return civdata("import", str(exports[size]), "--report", str(folder / f"import-{size}.md"))

    results = measure(
        {
            "floor": [sys.executable, "-c", PARSE_FLOOR, str(folders[small])],
            "small": report(small),
            "double": report(2 * small),
            "import": imported(small),
            "import double": imported(2 * small),
        },
        runs,
        env,
    )
    results["large"] = measure({"large": report(large)}, 1, env)["large"]
    # People who write: a note on every answer, a page long on one in three (issue 10's audit).
    folders["noted"] = folder / f"noted-{large}"
    write_noted_answers(folders[large], folders["noted"], seed=7)
    noted = civdata("report", str(folders["noted"]), "-o", str(folder / "noted.md"))
    results["noted"] = measure({"noted": noted}, 1, env)["noted"]
    compared = [*report(small), "--baseline", str(earlier)]
    results["baseline"] = measure({"baseline": compared}, 1, env)["baseline"]
    time_of = {name: statistics.median(clock(run) for run in found) for name, found in results.items()}
    peak_of = {name: statistics.median(run.peak_mib for run in found) for name, found in results.items()}
    return [
        Figure(
            f"{small} respondents to Markdown / libyaml parse floor",
            time_of["small"] / time_of["floor"],
            2.0,
            "x",
            f"{time_of['small']:.3f}s / {time_of['floor']:.3f}s",
        ),
        Figure(
            f"time at {2 * small} / time at {small} respondents",
            time_of["double"] / time_of["small"],
            2.1,
            "x",
            f"{time_of['double']:.3f}s / {time_of['small']:.3f}s",
        ),
        Figure(f"peak memory at {small} respondents", peak_of["small"], 150, "MiB", "resident set size"),
        Figure(
            f"import {small} Kobo submissions to Markdown / libyaml parse floor",
            time_of["import"] / time_of["floor"],
            2.0,
            "x",
            f"{time_of['import']:.3f}s / {time_of['floor']:.3f}s",
        ),
        Figure(
            f"import time at {2 * small} / at {small} submissions",
            time_of["import double"] / time_of["import"],
            2.1,
            "x",
            f"{time_of['import double']:.3f}s / {time_of['import']:.3f}s",
        ),
        Figure(f"peak memory of import at {small} submissions", peak_of["import"], 150, "MiB", "resident set size"),
        Figure(
            f"peak memory with --baseline, {small} respondents then and now",
            peak_of["baseline"],
            150,
            "MiB",
            f"resident set size, --baseline of answers files; {time_of['baseline']:.3f}s, one run",
        ),
        Figure(
            f"peak memory at {large} respondents",
            peak_of["large"],
            250,
            "MiB",
            f"resident set size; {time_of['large']:.3f}s, one run",
        ),
        Figure(
            f"peak memory with notes written, {large} respondents",
            peak_of["noted"],
            250,
            "MiB",
            f"a note on every answer, a page on one in three; {time_of['noted']:.3f}s, one run",
        ),
    ]


def write_noted_answers(source: Path, folder: Path, seed: int) -> None:
    """The answers files of ``source`` with a note on every answer, a page long on about one in
    three: what people who explain their answers write, and what a report keeps of it."""
    chooser = random.Random(seed)
    words = ["we", "met", "the", "partners", "twice", "and", "agreed", "later", "unclear", "data"]
    folder.mkdir(parents=True)
    for path in sorted(source.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        who = data["respondent"]["name"]
        for question_id, value in data["answers"].items():
            length = 300 if chooser.random() < 1 / 3 else 25
            note = " ".join([who, "on", question_id + ":", *(chooser.choice(words) for _ in range(length))])
            data["answers"][question_id] = {"value": value, "note": note}
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**6)
        (folder / path.name).write_text(text, encoding="utf-8")


def write_kobo_export(rubric: object, folder: Path, count: int) -> Path:
    """A KoboToolbox CSV export of ``count`` synthetic respondents (the same as the answers files)."""
    import random

    from bench_combine import synthetic_answers

    from civdata.form_layout import FormLayout
    from civdata.model import Answer, AnswerSet, Respondent
    from tests.kobo_layout import Submission, csv_text, kobo_rows

    chooser = random.Random(5)
    submissions = []
    for index in range(count):
        data = synthetic_answers(rubric, index, chooser)  # type: ignore[arg-type]
        answers = {
            qid: Answer(tuple(value) if isinstance(value, list) else value) for qid, value in data["answers"].items()
        }
        person = data["respondent"]
        respondent = Respondent(person["role"], person["name"], person["organisation"])
        answer_set = AnswerSet(data["rubric"]["id"], data["rubric"]["version"], data["initiative"], respondent, answers)
        submissions.append(Submission(answer_set))
    path = folder / f"kobo-{count}.csv"
    path.write_text(csv_text(kobo_rows(FormLayout(rubric), submissions)), encoding="utf-8")  # type: ignore[arg-type]
    return path


def describe_machine(options: argparse.Namespace) -> str:
    from importlib import metadata

    from civdata import __version__

    versions = ", ".join(f"{name} {metadata.version(name)}" for name in ("typer", "PyYAML", "jsonschema"))
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    clock = "CPU time" if options.cpu else "wall time"
    return (
        f"civdata {__version__}, Python {sys.version.split()[0]}, {versions}; {os.cpu_count()} CPUs, load {load}\n"
        f"{clock}, medians of {options.runs} runs (start-up) and {options.report_runs} runs (respondents)"
    )


def print_figures(figures: list[Figure]) -> None:
    width = max(len(figure.name) for figure in figures)
    print(f"{'figure':<{width}}  {'measured':>9}  {'target':>9}  result  detail")
    for figure in figures:
        unit = figure.unit if figure.unit == "x" else f" {figure.unit}"
        measured = f"{figure.value:.2f}{unit}" if figure.unit == "x" else f"{figure.value:.0f}{unit}"
        target = f"<={figure.target:g}{unit}" if figure.unit == "x" else f"<{figure.target:g}{unit}"
        verdict = "PASS" if figure.passed else "FAIL"
        print(f"{figure.name:<{width}}  {measured:>9}  {target:>9}  {verdict:<6}  {figure.detail}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each start-up command (default 15)")
    parser.add_argument("--report-runs", type=int, default=3, help="runs of each report on many respondents")
    parser.add_argument("--respondents", type=int, default=500, help="respondents of the combined report")
    parser.add_argument("--large", type=int, default=5000, help="respondents of the report whose memory is measured")
    parser.add_argument("--cpu", action="store_true", help="compare CPU time (user + system) instead of wall time")
    parser.add_argument("--start-up-only", action="store_true", help="skip the reports on many respondents")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any figure misses its target")
    options = parser.parse_args(argv)

    print(describe_machine(options))
    print()

    def clock(run: Run) -> float:
        return run.cpu if options.cpu else run.wall

    with tempfile.TemporaryDirectory(prefix="civdata-bench-") as temporary:
        folder = Path(temporary)
        env = benchmark_environment(folder)
        figures = start_up_figures(folder, options.runs, env, clock)
        if not options.start_up_only:
            sizes = (options.respondents, options.large)
            figures += respondent_figures(folder, sizes, options.report_runs, env, clock)
    print_figures(figures)
    failed = [figure.name for figure in figures if not figure.passed]
    return 1 if options.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main())
