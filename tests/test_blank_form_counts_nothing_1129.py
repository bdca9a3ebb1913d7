"""A respondent who answered no question, among others who did, counts in nothing.

Found by an outside review of field collection (2026-11-29): one community member's form sent
empty made the consultation's report say both "nobody answered as Community / data-subject
representative" and, 43 times, "Raised by ... (Community / data-subject representative: 1 of 1)".
Every blank of the empty form raised its finding as one that "may hold", a new high finding came
from it alone, coverage fell from 100% to 96%, and each critical rule on the community gained a
respondent. A blank form is no view: the report now lists such a respondent apart, beside its
verdict, and is otherwise the report without them. Written before the fix, and seen to fail.
"""

from __future__ import annotations

import csv
import json
import random
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from civdata.model import AnswerSet, Respondent, Rubric
from civdata.render.json_report import report_body
from civdata.reporting import build_report
from civdata.rubric_loader import load_rubric
from tests.conftest import ROOT, civdata_in, unwrapped
from tests.rubric_properties import random_answers

CONSULTATION = ROOT / "examples" / "community-consultation" / "submissions.csv"
RUBRICS = sorted(
    [
        *ROOT.glob("rubrics/*.yaml"),
        *ROOT.glob("examples/rubrics/*.yaml"),
        ROOT / "tests" / "fixtures" / "mini-rubric.yaml",
    ]
)


def run(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return civdata_in(cwd, *args, timeout=300)


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The consultation without its community members, with and without one community form sent
    empty (its role, name, rubric, initiative and the platform's own columns kept, every answer
    blank: Grace gave her name and stopped there)."""
    folder = tmp_path_factory.mktemp("blank-form")
    with CONSULTATION.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header = rows[0]
    role = header.index("civdata__role")
    kept = {name for name in header if name.startswith(("civdata__", "_", "meta/", "start", "end"))}
    others = [row for row in rows[1:] if row[role] != "community"]
    community = next(row for row in rows[1:] if row[role] == "community")
    blank = [cell if name in kept else "" for name, cell in zip(header, community, strict=True)]
    paths = []
    for name, body in (("with-blank.csv", [*others, blank]), ("without.csv", others)):
        with (folder / name).open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, delimiter=";").writerows([header, *body])
        paths.append(folder / name)
    return paths[0], paths[1]


def test_the_board_report_is_the_report_without_the_blank_form_and_says_so(exports: tuple[Path, Path]) -> None:
    with_blank, without = exports
    folder = with_blank.parent
    reports = {}
    for path in exports:
        done = run("import", path.name, "--report", f"{path.stem}.json", "-q", cwd=folder)
        assert done.returncode == 0, done.stderr
        reports[path] = json.loads((folder / f"{path.stem}.json").read_text(encoding="utf-8"))
    blank, plain = reports[with_blank], reports[without]
    for key in ("findings", "covered_findings", "coverage", "overall", "areas", "roles", "actions"):
        assert blank[key] == plain[key], key
    unsourced = [[{**row, "source": ""} for row in report["respondents"]] for report in (blank, plain)]
    assert unsourced[0] == unsourced[1]  # the same people, read from two exports
    assert [row["role"] for row in blank["silent_respondents"]] == ["community"]
    assert "silent_respondents" not in plain
    assert "community" in [role["id"] for role in blank["missing_roles"]]
    markdown = run("import", with_blank.name, "--report", "-", "-f", "markdown", "-q", cwd=folder).stdout
    # Counted by role, naming nobody, in a group this large (40 answered): changed on purpose in the
    # fifth session of 2026-11-29, since a large group names nobody outside its list of respondents
    # (the review of issue 10; tests/test_session_1129e.py).
    assert (
        "- Answered nothing: 1 respondent (Community / data-subject representative: 1) answers no question. A "
        "blank form is no view: it is counted in no score, finding, coverage, role or count of respondents here "
        "(who they are is in the JSON report).\n"
    ) in unwrapped(markdown)
    assert "Community / data-subject representative: 1 of 1" not in markdown


def _blank(answers: AnswerSet, role: str) -> AnswerSet:
    return replace(answers, respondent=Respondent(role, name="Blank Form"), answers={})


@pytest.mark.parametrize("path", RUBRICS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_adding_blank_forms_to_any_group_changes_nothing_counted(path: Path) -> None:
    """Over random groups on every rubric: one to three blank forms, in roles of the group or not,
    leave every finding, score, coverage, role and respondent of the report as it was."""
    rubric: Rubric = load_rubric(path)
    roles = [role.id for role in rubric.roles] or [""]
    rng = random.Random(29)
    for _ in range(12):
        group = [
            replace(
                random_answers(rubric, rng, rng.choice(roles)), respondent=Respondent(rng.choice(roles), name=f"P{i}")
            )
            for i in range(rng.randint(2, 5))
        ]
        blanks = [_blank(group[0], rng.choice(roles)) for _ in range(rng.randint(1, 3))]
        mixed = [*group]
        for blank in blanks:
            mixed.insert(rng.randint(0, len(mixed)), blank)
        plain = report_body(build_report(rubric, group).model)
        with_blanks = report_body(build_report(rubric, mixed).model)
        assert len(with_blanks.pop("silent_respondents")) == len(blanks)
        assert with_blanks == plain
