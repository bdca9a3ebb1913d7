"""The next action plan keeps what the team set in the kept one (written before the fix ran).

An outside review kept the plan of a first report, set an action's owner ("Dana Okafor (county
research office)") and date ("2027-03-31"), and wrote the next plan with the kept one given to
``--baseline-plan``: the new plan's row read ``this-month,lead`` again, the team's owner and date
reset to the rubric's without a word. Now the new plan keeps them (CSV and YAML alike), a value the
team left as civdata wrote it follows the rubric, the comparison says what was kept in every format,
and a kept value that is not valid is a located problem in the kept plan.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import civdata_command, resealed, then_and_now, unwrapped
from tests.report_schema import report_document

OWNER = "Dana Okafor (county research office)"
SET = {
    "question:shared-definitions": {"owner": OWNER, "act_by": "2027-03-31"},
    "question:demand-minimisation": {"owner": "County IT"},
}


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), *map(str, args)], capture_output=True, text=True, cwd=cwd, check=False, timeout=180
    )


def read_plan(path: Path) -> dict[str, dict[str, str]]:
    """Each row of a plan file civdata wrote, by id, its values as text (as a user reads them)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".csv":
        return {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    rows = yaml.safe_load(text)["actions"]
    return {row["id"]: {key: "" if value is None else str(value).lower() if isinstance(value, bool) else value
                        for key, value in row.items()} for row in rows}  # fmt: skip


def keep(path: Path, changes: dict[str, dict[str, str]], done: tuple[str, ...] = ()) -> str:
    """The plan at ``path`` as a team keeps it: ``changes`` set in their rows, ``done`` ticked."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        for row in rows:
            row.update(changes.get(row["id"], {}))
            row["done"] = "x" if row["id"] in done else row["done"]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue()
    data = yaml.safe_load(text)
    for row in data["actions"]:
        row.update(changes.get(row["id"], {}))
        row["done"] = row["id"] in done
    return yaml.safe_dump(data, allow_unicode=False, sort_keys=False)


@pytest.fixture(scope="module")
def rounds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """then/ and now/ (tests.conftest.then_and_now), the JSON report of then/ and its plan in both formats."""
    folder = tmp_path_factory.mktemp("carried")
    then_and_now(folder)
    for ending in ("csv", "yaml"):
        written = run("report", "then", "-q", "-o", "then.json", "--plan", f"plan.{ending}", cwd=folder)
        assert written.returncode == 0, written.stderr
    return folder


@pytest.mark.parametrize("ending", ["csv", "yaml"])
def test_the_next_plan_keeps_the_owner_and_date_the_team_set(rounds: Path, ending: str, tmp_path: Path) -> None:
    kept = tmp_path / f"kept.{ending}"
    kept.write_text(keep(rounds / f"plan.{ending}", SET, done=("question:data-minimisation",)), encoding="utf-8")
    new = tmp_path / f"new.{ending}"
    result = run(
        "report", "now", "--baseline", "then.json", "--baseline-plan", kept, "--min-coverage", "0",
        "-q", "-o", tmp_path / "now.md", "--plan", new, cwd=rounds,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    written, before = read_plan(new), read_plan(rounds / f"plan.{ending}")
    assert written["question:shared-definitions"]["owner"] == OWNER
    assert written["question:shared-definitions"]["act_by"] == "2027-03-31"
    assert written["question:demand-minimisation"]["owner"] == "County IT"
    # Left as civdata wrote it: the rubric's, as before.
    assert written["question:demand-minimisation"]["act_by"] == before["question:demand-minimisation"]["act_by"]
    assert written["question:partner-power"]["owner"] == "lead"
    # Ticked done, findings still there: in the new plan, to do again.
    assert written["question:data-minimisation"]["done"] == "false"
    markdown = unwrapped((tmp_path / "now.md").read_text(encoding="utf-8"))
    assert "### Owners and dates the team set (2)" in markdown
    # Ids are shown as in "Actions marked done in the plan" (md_code: a colon is not plain).
    assert f"- question:shared-definitions: owner {OWNER}; act by 2027-03-31." in markdown
    assert "- question:demand-minimisation: owner County IT." in markdown


def test_every_format_says_what_was_kept(rounds: Path, tmp_path: Path) -> None:
    kept = tmp_path / "kept.csv"
    kept.write_text(keep(rounds / "plan.csv", SET), encoding="utf-8")
    shown = {}
    for fmt in ("markdown", "html", "text", "summary", "json"):
        result = run(
            "report", "now", "--baseline", "then.json", "--baseline-plan", kept, "--min-coverage", "0", "-f", fmt,
            cwd=rounds,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        shown[fmt] = unwrapped(result.stdout)
    assert f"Kept: question:shared-definitions: owner {OWNER}; act by 2027-03-31" in shown["text"]
    assert (
        f"<code>question:shared-definitions</code>: owner <bdi>{OWNER}</bdi>; act by <bdi>2027-03-31</bdi>"
        in (shown["html"])
    )
    assert "- 2 actions keep the owner or date the team set in the kept plan" in shown["summary"]
    carried = report_document(shown["json"])["progress"]["carried"]
    assert carried == [
        {"id": "question:shared-definitions", "owner": OWNER, "act_by": "2027-03-31"},
        {"id": "question:demand-minimisation", "owner": "County IT", "act_by": None},
    ]


@pytest.mark.parametrize("ending", ["csv", "yaml"])
def test_a_value_left_as_written_follows_a_new_rubric_default(rounds: Path, ending: str, tmp_path: Path) -> None:
    """The baseline's report wrote `this-week` then (the rubric's default then: the JSON report is
    edited to say so), the team left it; the rubric now says `this-month`, and the new plan does."""
    then = json.loads((rounds / "then.json").read_text(encoding="utf-8"))
    for action in then["actions"]:
        if action["id"] == "question:data-minimisation":
            assert action["act_by"] == "this-month"
            action["act_by"], action["owner"] = "this-week", "technical"
    (tmp_path / "then.json").write_text(json.dumps(resealed(then)), encoding="utf-8")
    changes = {"question:data-minimisation": {"act_by": "this-week", "owner": "technical"}, **SET}
    kept = tmp_path / f"kept.{ending}"
    kept.write_text(keep(rounds / f"plan.{ending}", changes), encoding="utf-8")
    new = tmp_path / f"new.{ending}"
    result = run(
        "report", "now", "--baseline", tmp_path / "then.json", "--baseline-plan", kept, "--min-coverage", "0",
        "-q", "-o", tmp_path / "now.json", "--plan", new, cwd=rounds,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    written = read_plan(new)
    assert written["question:data-minimisation"]["act_by"] == "this-month"
    assert written["question:data-minimisation"]["owner"] == "lead"
    assert written["question:shared-definitions"]["owner"] == OWNER


@pytest.mark.parametrize("ending", ["csv", "yaml"])
def test_an_invalid_kept_value_is_located(rounds: Path, ending: str, tmp_path: Path) -> None:
    changes = {
        "question:shared-definitions": {"act_by": "end of March"},
        "question:demand-minimisation": {"owner": ""},
    }
    kept = tmp_path / f"kept.{ending}"
    kept.write_text(keep(rounds / f"plan.{ending}", changes), encoding="utf-8")
    lines = kept.read_text(encoding="utf-8").splitlines()
    result = run(
        "report", "now", "--baseline", "then.json", "--baseline-plan", kept, "--min-coverage", "0",
        "-q", "-o", tmp_path / "now.md", "--plan", tmp_path / f"new.{ending}", cwd=rounds,
    )  # fmt: skip
    assert result.returncode == 2, result.stdout
    assert not (tmp_path / f"new.{ending}").exists()
    date_line = next(n for n, line in enumerate(lines, 1) if "end of March" in line)
    assert f"kept.{ending}:{date_line}:" in result.stderr
    assert (
        "`act_by` is 'end of March': write a date as YYYY-MM-DD (such as 2027-03-31) or one of the rubric's words "
        "(now, this-week, " in unwrapped(result.stderr)
    )
    assert "`owner` is empty; write who will act, or the role civdata wrote (technical)" in unwrapped(result.stderr)


def test_a_hostile_owner_is_kept_as_text(rounds: Path, tmp_path: Path) -> None:
    # Expectation changed on purpose (review of 2026-11-27): the owner held a right-to-left
    # override, which the new CSV plan carried raw (a CSV cell cannot escape it). Such a character
    # is now refused at its place (tests/test_plan_review_1127.py); the rest stays text here.
    owner = '=HYPERLINK("http://x.example") **bold** <b>x</b> a::b evil'
    kept = tmp_path / "kept.csv"
    kept.write_text(keep(rounds / "plan.csv", {"question:shared-definitions": {"owner": owner}}), encoding="utf-8")
    for ending in ("csv", "yaml"):
        result = run(
            "report", "now", "--baseline", "then.json", "--baseline-plan", kept, "--min-coverage", "0",
            "-q", "-o", tmp_path / f"now-{ending}.html", "--plan", tmp_path / f"new.{ending}", cwd=rounds,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert read_plan(tmp_path / f"new.{ending}")["question:shared-definitions"]["owner"] in (owner, "'" + owner)
    assert "\n" + "question:shared-definitions," in (tmp_path / "new.csv").read_text(encoding="utf-8")
    assert ',"\'=HYPERLINK(""http://x.example"")' in (tmp_path / "new.csv").read_text(encoding="utf-8")
    page = (tmp_path / "now-csv.html").read_text(encoding="utf-8")
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page
    text = run(
        "report", "now", "--baseline", "then.json", "--baseline-plan", kept, "--min-coverage", "0", "-f", "text",
        cwd=rounds,
    )  # fmt: skip
    assert "Kept: question:shared-definitions: owner" in text.stdout
    markdown = run(
        "report", "now", "--baseline", "then.json", "--baseline-plan", kept, "--min-coverage", "0", cwd=rounds
    )
    assert "**bold**" not in markdown.stdout


def test_the_terminal_lists_the_first_five_actions_marked_done_and_kept(rounds: Path, tmp_path: Path) -> None:
    """Every action of the kept plan ticked done, and given an owner: the terminal shows the first
    five "Plan:" and "Kept:" lines, then how many more and where, as it does every other list of
    the comparison (the scores and "What to do first" stay on the first screen)."""
    ids = list(read_plan(rounds / "plan.csv"))
    kept = tmp_path / "kept.csv"
    owners = {action: {"owner": "County IT"} for action in ids}
    kept.write_text(keep(rounds / "plan.csv", owners, done=tuple(ids)), encoding="utf-8")
    args = ("report", "now", "--baseline", "then.json", "--baseline-plan", kept, "--min-coverage", "0")
    progress = report_document(run(*args, "-f", "json", cwd=rounds).stdout)["progress"]
    plan, carried = len(progress["plan"]), len(progress["carried"])
    assert plan > 6 and carried > 6, (plan, carried)
    result = run(*args, "-f", "text", cwd=rounds)
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert text.count("Plan: ") == 5 and text.count("Kept: ") == 5, text
    where = "in the Markdown, HTML and JSON reports."
    assert f"The other {plan - 5} actions marked done are {where}" in text
    assert f"The other {carried - 5} actions that keep the owner or date the team set are {where}" in text


def test_a_kept_plan_saved_in_another_encoding_is_located_at_its_first_foreign_byte(
    rounds: Path, tmp_path: Path
) -> None:
    """A kept CSV plan saved by a spreadsheet in Windows-1252: the problem names the line and
    column (in characters, as an editor counts) of the first character that is not UTF-8."""
    text = keep(rounds / "plan.csv", {"question:shared-definitions": {"owner": "Zoë Müller"}})
    kept = tmp_path / "kept.csv"
    kept.write_bytes(text.encode("cp1252"))
    first = next(at for at, character in enumerate(text) if not character.isascii())  # the rubric's dashes, say
    line_number, column = text.count("\n", 0, first) + 1, first - text.rfind("\n", 0, first)
    result = run(
        "report", "now", "--baseline", "then.json", "--baseline-plan", kept, "--min-coverage", "0",
        "-q", "-o", tmp_path / "now.md", cwd=rounds,
    )  # fmt: skip
    assert result.returncode == 2, result.stdout
    expected = f"{kept}:{line_number}:{column}: the plan file is not UTF-8 text; save it as UTF-8"
    assert expected in result.stderr.splitlines()
