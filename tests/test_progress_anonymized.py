"""A comparison with a baseline when one side, or both, shows respondents by role only
(``--anonymize``), as docs/progress.md says it: ``--anonymize`` stops only *answers* from being
compared, and "Not the same group" is for reports not on the same group of respondents.

The scenario (the outside reviewer's reproduction, expectations written before the fix): the
county example's three respondents answer again; the funder now says that who holds the pooled data
is undecided, which raises a new critical finding. Whether either side is anonymized, and whether
the baseline is the answers folder of that time or a JSON report (named or anonymized, with
``--detail`` or without):

* the new critical finding is counted as new, and ``--fail-on-regression high`` fails (exit 1);
* nobody is said to be "only in the baseline" or "only now": the same people answered;
* a report written with ``--anonymize`` names nobody, not even through its baseline, in any format;
* a baseline written with ``--anonymize`` names nobody, so its respondents cannot be matched with
  these person by person: the report says so, rather than that everyone left and came.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, answered_in_may, civdata_command, then_and_now
from tests.report_schema import report_document

EXAMPLE = ROOT / "examples" / "county-justice"
#: The finding the funder's new answer raises, and its severity.
NEW_CRITICAL = "rule:pooled-at-risk-without-custodian"
#: The example's respondents' names: none may be in a report written with --anonymize.
WHO = ("Dana Okafor", "Priya Raman", "Marcus Bell")
#: The baselines of the reproduction: the answers folder, and its JSON reports written then.
BASELINES = {
    "then": (),
    "named.json": (),
    "named-detail.json": ("--detail",),
    "anonymized.json": ("--anonymize",),
    "anonymized-detail.json": ("--anonymize", "--detail"),
}
NOT_MATCHED = "cannot be matched with these person by person"


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), *map(str, args)], capture_output=True, text=True, cwd=cwd, check=False, timeout=180
    )


@pytest.fixture(scope="module")
def repro(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """then/ (the example, answered in May), now/ (the same three, the funder's data custodian now
    undecided), and the JSON reports of then/ (:data:`BASELINES`)."""
    folder = tmp_path_factory.mktemp("anonymized-progress")
    then_and_now(folder)
    for name, options in BASELINES.items():
        if name.endswith(".json"):
            written = run("report", "then", *options, "-q", "-o", name, cwd=folder)
            assert written.returncode == 0, written.stderr
    return folder


def compared(folder: Path, baseline: str, *options: str) -> tuple[subprocess.CompletedProcess[str], dict]:
    """The JSON report on now/ against ``baseline``, gated on new findings at or above high."""
    result = run(
        "report", "now", *options, "--baseline", baseline, "--fail-on-regression", "high", "--min-coverage", "0",
        "-o", "out.json", cwd=folder,
    )  # fmt: skip
    return result, report_document((folder / "out.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("anonymize", [False, True], ids=["now-named", "now-anonymized"])
@pytest.mark.parametrize("baseline", list(BASELINES))
def test_the_new_critical_finding_is_new_and_fails_the_gate(repro: Path, baseline: str, anonymize: bool) -> None:
    result, report = compared(repro, baseline, *(["--anonymize"] if anonymize else []))
    assert result.returncode == 1, result.stderr
    progress = report["progress"]
    assert NEW_CRITICAL in {finding["id"] for finding in progress["findings"]["new"]}, progress["not_compared"]
    gate = next(gate for gate in report["gates"]["checks"] if gate["gate"] == "--fail-on-regression")
    assert not gate["passed"] and "critical" in gate["reason"], gate
    said = " ".join([*progress["warnings"], *progress["not_compared"]])
    assert "only in the baseline" not in said and "only now" not in said and "new since the baseline" not in said
    assert "not counted as new" not in said
    if "anonymized" in baseline:
        # Nobody can be told apart in it: said once, honestly, not as three people who left.
        assert any(NOT_MATCHED in warning for warning in progress["warnings"]), progress["warnings"]
    else:
        assert progress["warnings"] == [], progress["warnings"]
    if anonymize:
        assert not [name for name in WHO if name in (repro / "out.json").read_text(encoding="utf-8")]


@pytest.mark.parametrize("baseline", list(BASELINES))
def test_the_first_screen_and_the_gate_agree_in_every_format(repro: Path, baseline: str) -> None:
    """The Markdown report's first lines, the terminal's and the job summary say the new finding is
    new, whichever side is anonymized; the reviewer found '0 new' and a contradictory warning."""
    for fmt in ("markdown", "html", "text", "summary"):
        result = run("report", "now", "--anonymize", "--baseline", baseline, "-f", fmt, cwd=repro)
        assert result.returncode == 0, result.stderr
        flat = " ".join(re.sub(r"<[^>]+>", " ", result.stdout).split())
        assert re.search(r"\b[1-9]\d* new\b", flat), (fmt, flat[:2000])
        assert "only in the baseline" not in flat and "Not the same group" not in flat, fmt
        assert not [name for name in WHO if name in result.stdout], fmt
        assert "not counted as new" not in flat, fmt
        if "anonymized" in baseline:
            assert NOT_MATCHED in flat, fmt


@pytest.mark.parametrize("baseline", ["then", "named-detail.json"])
def test_someone_who_left_is_counted_never_named_in_an_anonymized_report(
    repro: Path, tmp_path: Path, baseline: str
) -> None:
    """The community representative does not answer now: an anonymized report says one respondent
    is only in the baseline (it knows who is who from the answers files it reads), and never whom."""
    now = tmp_path / "now"
    now.mkdir()
    for name in ("lead.yaml", "funder.yaml"):
        (now / name).write_bytes((repro / "now" / name).read_bytes())
    for fmt in ("json", "markdown", "html", "text", "summary"):
        result = run("report", now, "--anonymize", "--baseline", repro / baseline, "-f", fmt)
        assert result.returncode == 0, result.stderr
        flat = " ".join(re.sub(r"<[^>]+>", " ", result.stdout).split())
        assert not [name for name in WHO if name in result.stdout], fmt
        assert str(repro) not in result.stdout, fmt
        assert "1 respondent only in the baseline" in flat, (fmt, flat[:3000])
        assert "only now" not in flat, fmt


def test_a_large_group_anonymized_is_compared_as_without(tmp_path: Path) -> None:
    """Fifteen people answer twice (the reviewer's g50, smaller): with --anonymize, the same new
    findings as without it, and nobody said to have left or come."""
    community = (EXAMPLE / "community.yaml").read_text(encoding="utf-8")
    for side in ("then", "now"):
        (tmp_path / side).mkdir()
    for index in range(1, 16):
        text = re.sub(r"(?m)^  name: .*$", f"  name: Person {index}", community)
        (tmp_path / "then" / f"p{index}.yaml").write_text(answered_in_may(text), encoding="utf-8")
        if index <= 5:
            text, count = re.subn(r"(?m)^  data-custodian: partner-with-mandate$", "  data-custodian: undecided", text)
            assert count == 1
        (tmp_path / "now" / f"p{index}.yaml").write_text(text, encoding="utf-8")
    plain_result, plain = compared(tmp_path, "then")
    hidden_result, hidden = compared(tmp_path, "then", "--anonymize")
    assert plain_result.returncode == hidden_result.returncode == 1, hidden_result.stderr
    new = {finding["id"] for finding in hidden["progress"]["findings"]["new"]}
    assert new == {finding["id"] for finding in plain["progress"]["findings"]["new"]}
    assert NEW_CRITICAL in new
    assert hidden["progress"]["warnings"] == plain["progress"]["warnings"] == []
    assert "Person 1" not in (tmp_path / "out.json").read_text(encoding="utf-8")


def _without_names(folder: Path) -> None:
    """The answers files of ``folder`` with no name and no organisation, as `civdata import
    --anonymize` writes them: nobody in them can be told from another."""
    for path in folder.glob("*.yaml"):
        text = re.sub(r"(?m)^  (name|organisation): .*\n", "", path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("unnamed", ["then", "now"])
def test_a_side_whose_respondents_gave_no_names_is_compared_role_by_role(
    repro: Path, tmp_path: Path, unnamed: str
) -> None:
    """The baseline from a workshop where people gave their names, the re-assessment imported from
    a form with --anonymize (or the other way round): everyone was "only in the baseline" or "only
    now", the new critical finding was new by nobody, so not counted, and the gate passed."""
    folder = tmp_path / "unnamed"
    shutil.copytree(repro, folder)
    _without_names(folder / unnamed)
    result, report = compared(folder, "then")
    assert result.returncode == 1, result.stderr
    progress = report["progress"]
    assert NEW_CRITICAL in {finding["id"] for finding in progress["findings"]["new"]}, progress["not_compared"]
    said = " ".join([*progress["warnings"], *progress["not_compared"]])
    assert "only in the baseline" not in said and "only now" not in said
    assert NOT_MATCHED in said and "gave no name or organisation" in said, said


def test_an_anonymized_comparison_shows_no_note_or_written_answer_of_then_or_now(tmp_path: Path) -> None:
    """--anonymize leaves out the respondents' own words (docs/multi-respondent.md), also those a
    single respondent wrote in the baseline: its written answer was shown as it was "then"."""
    from tests.conftest import FIXTURES, MINI_RUBRIC

    then = (FIXTURES / "multi" / "lead-amara.yaml").read_text(encoding="utf-8")
    (tmp_path / "then.yaml").write_text(then, encoding="utf-8")
    now = then.replace("2026-10-02", "2026-11-02").replace("voice: decide", "voice: consulted")
    now = now.replace("Written in March", "Rewritten in October").replace("twelve months", "six months")
    (tmp_path / "now.yaml").write_text(now, encoding="utf-8")
    result = run(
        "report", "now.yaml", "--baseline", "then.yaml", "--anonymize", "-r", MINI_RUBRIC, "-f", "markdown",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "| Voice of data subjects (`voice`) | They share decisions | They are consulted once | |" in result.stdout
    assert "### Answers that changed (1)" in result.stdout  # the written answer is not shown as changed
    for words in ("Written in March", "Rewritten in October", "twelve months", "six months"):
        assert words not in result.stdout, words
