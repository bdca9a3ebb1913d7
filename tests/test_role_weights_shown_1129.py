"""Every format says the role weights a role-weighted combined score rests on.

Found by two outside reviews of the reports' accuracy: docs/multi-respondent.md says a combined
score can be recomputed from the scores by role and their weights, but only the JSON gave a weight;
the Markdown, HTML and terminal reports never did (the county's community representatives weigh
1.5), and a role weighing 0 that answered was left out of every combined score without a word.
The expected sentences were written from the rubric's weights before civdata was run.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, civdata_in, unwrapped

COUNTY = ROOT / "examples" / "county-justice"
PEOPLE = [COUNTY / "lead.yaml", COUNTY / "funder.yaml", COUNTY / "community.yaml"]
COUNTY_WEIGHTS = "role weights: Funder 1, Lead organisation 1, Community / data-subject representative 1.5"


def run(*args: object, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return civdata_in(cwd, *args)


def flat(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


def test_markdown_names_each_roles_weight_beside_the_method() -> None:
    done = run("report", *PEOPLE, "-f", "markdown")
    assert done.returncode == 0, done.stderr
    assert f"over the roles that answered); {COUNTY_WEIGHTS}\n" in unwrapped(done.stdout)


def test_html_and_the_terminal_name_them_too() -> None:
    html = run("report", *PEOPLE, "-f", "html").stdout
    assert (
        "role weights: <bdi>Funder</bdi> 1, <bdi>Lead organisation</bdi> 1, "
        "<bdi>Community / data-subject representative</bdi> 1.5" in html
    )
    terminal = flat(run("report", *PEOPLE, "-f", "text").stdout)
    assert f"3 respondents in 3 roles; combined by role-weighted mean ({COUNTY_WEIGHTS})" in terminal


def test_the_overall_score_can_be_recomputed_from_what_the_markdown_shows() -> None:
    """The reviewers' check: the areas' combined scores weighted by area give the overall, and each
    area's combined score is the roles' scores weighted as the report now says."""
    markdown = unwrapped(run("report", *PEOPLE, "-f", "markdown").stdout)
    weights = {"Funder": 1.0, "Lead organisation": 1.0, "Community / data-subject representative": 1.5}
    header = next(line for line in markdown.splitlines() if line.startswith("| Area | **Combined**"))
    table = markdown[markdown.index(header) :].split("\n\n")[0].splitlines()[2:]
    rows = [line.split("|")[1:-1] for line in table]
    assert len(rows) == 6
    roles = [cell.strip().strip("*").split("*")[0] for cell in header.split("|")[4:-1]]
    assert list(weights) == sorted(weights, key=roles.index)
    for cells in rows:
        if cells[0].strip() == "**Overall**":
            continue
        combined = float(cells[1].strip().strip("*"))
        by_role = [float(cell) for cell in cells[3:]]
        expected = sum(weights[role] * score for role, score in zip(roles, by_role, strict=True)) / sum(
            weights.values()
        )
        assert combined == pytest.approx(expected, abs=0.1), cells[0]


def test_a_role_weighing_nothing_is_said_to_count_in_no_combined_score(tmp_path: Path) -> None:
    rubric = tmp_path / "rubric.yaml"
    text = (FIXTURES / "mini-rubric.yaml").read_text(encoding="utf-8")
    assert "  - id: partner\n    label: Partner organisation\n" in text
    rubric.write_text(
        text.replace(
            "  - id: partner\n    label: Partner organisation\n",
            "  - id: partner\n    label: Partner organisation\n    weight: 0\n",
        ),
        encoding="utf-8",
    )
    lead = (FIXTURES / "mini-answers.yaml").read_text(encoding="utf-8")
    (tmp_path / "lead.yaml").write_text(lead, encoding="utf-8")
    partner = lead.replace("  role: lead\n", "  role: partner\n").replace("name: Ada <b>Lovelace</b>", "name: Bo")
    (tmp_path / "partner.yaml").write_text(partner, encoding="utf-8")
    done = run("report", "lead.yaml", "partner.yaml", "--rubric", rubric, "-f", "markdown", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (
        "; role weight: Lead organisation 2; Partner organisation weighs 0 in the rubric, so no combined score "
        "counts its answers\n" in unwrapped(done.stdout)
    )
