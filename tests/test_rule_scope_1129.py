"""A rule never states in its context a finding of a question it reads only under a ``not``.

Found by an outside review of CI gating (2026-11-29): the county lead, three months later,
answered "Access by authorities" with "I don't know". The gate ``--fail-on-regression high`` failed
on "Whether the authorities could get the data is not known", yet no annotation, SARIF result or
action of the plan pointed at it: the short-funding rule, which reads that question only to know
that the initiative holds identifying data (``not: {question: authority-access, equals:
no-identifying-data}``), had taken the finding into its context, and its action (a closing plan)
in place of the finding's (ask a lawyer). A question tested only under a ``not`` is the rule's
scope, not its fact. Expected before the fix was run; seen to fail before it.
"""

from __future__ import annotations

import csv
import json
import random
import subprocess
from pathlib import Path

import pytest

from civdata.conditions import tested_only_negated as scope_of
from civdata.model import Rubric
from civdata.rubric_loader import load_rubric
from civdata.scoring import assess
from tests.conftest import ROOT, civdata_in
from tests.rubric_properties import random_answers

LATER = ROOT / "examples" / "county-justice-three-months-later" / "lead.yaml"
UNSURE = "authority-access:unsure"
FUNDING = "rule:short-funding-no-end-plan"
RUBRICS = sorted(
    [
        *ROOT.glob("rubrics/*.yaml"),
        *ROOT.glob("examples/rubrics/*.yaml"),
        ROOT / "tests" / "fixtures" / "mini-rubric.yaml",
    ]
)


def run(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return civdata_in(cwd, *args, env={"GITHUB_ACTIONS": "true"})


@pytest.fixture(scope="module")
def unsure(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scope")
    text = LATER.read_text(encoding="utf-8")
    old = "  authority-access:\n    value: partner-access\n"
    assert old in text and 'date: "2027-01-14"' in text
    changed = text.replace(old, "  authority-access:\n    value: unsure\n").replace("2027-01-14", "2027-04-14")
    (folder / "lead.yaml").write_text(changed, encoding="utf-8")
    return folder


def test_the_failed_gate_points_at_the_answer_in_every_ci_output(unsure: Path) -> None:
    done = run("report", "lead.yaml", "--baseline", LATER, "--fail-on-regression", "high", "-o", "r.sarif",
               "--plan", "plan.csv", cwd=unsure)  # fmt: skip
    assert done.returncode == 1, done.stderr
    line = next(number for number, text in enumerate((unsure / "lead.yaml").open(encoding="utf-8"), 1) if
                text.startswith("  authority-access:"))  # fmt: skip
    assert any(
        text.startswith(f"::error file=lead.yaml,line={line},col=3,title=high%3A Whether the authorities could get")
        for text in done.stderr.splitlines()
    ), done.stderr
    results = json.loads((unsure / "r.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert {result["ruleId"]: result.get("baselineState") for result in results}[UNSURE] == "new"
    with (unsure / "plan.csv").open(encoding="utf-8", newline="") as handle:
        plan = list(csv.DictReader(handle))
    assert any("Ask a lawyer this month" in row["text"] for row in plan), [row["text"] for row in plan]


def test_the_funding_rule_still_states_its_own_facts(unsure: Path) -> None:
    report = json.loads(run("report", "lead.yaml", "-f", "json", cwd=unsure).stdout)
    findings = {finding["id"]: finding for finding in report["findings"]}
    assert UNSURE in findings
    assert FUNDING in findings and UNSURE not in findings[FUNDING]["covers"]
    # Where it holds for certain (the lead's answer as it was), it states what it is about.
    certain = json.loads(run("report", LATER, "-f", "json", cwd=unsure).stdout)
    rule = next(finding for finding in certain["findings"] if finding["id"] == FUNDING)
    assert rule["covers"] == ["funded-months:under-a-year", "after-funding:named-unbudgeted", "end-of-life:intention"]


def test_the_scope_of_a_rule_is_what_it_tests_only_under_a_not() -> None:
    rubric = load_rubric(ROOT / "rubrics" / "civil-society-data-readiness.yaml")
    rules = {rule.id: rule for rule in rubric.rules}
    assert scope_of(rules["short-funding-no-end-plan"].when) == {"authority-access"}
    # Tested both ways (answered, and not including two options): the fact, not the scope.
    assert "automation-safeguards" not in scope_of(rules["automated-untested-for-groups"].when)


@pytest.mark.parametrize("path", RUBRICS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_no_rule_covers_a_finding_of_its_scope(path: Path) -> None:
    rubric: Rubric = load_rubric(path)
    scopes = {f"rule:{rule.id}": scope_of(rule.when) for rule in rubric.rules}
    rng = random.Random(13)
    for _ in range(60):
        for finding in assess(rubric, random_answers(rubric, rng)).findings:
            for covered in finding.covers:
                assert covered.source.question_id not in scopes.get(finding.id, frozenset()), (finding.id, covered.id)
