"""From the review of a facilitator: the terminal report on a group, at the widths people use.

Each test runs ``civdata report`` on a real pseudo-terminal of the size it names (``COLUMNS`` set
to the same), without colour, and reads what a person sees: the box said nothing of a missing
voice, the findings table broke words in the middle at 60 columns, and with ``--baseline``
"What to do first" came at line 85 of a 100-column terminal.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from civdata.render.terminal import SPREAD_ELSEWHERE
from tests.conftest import ROOT, answered_in_may, civdata_command, civdata_in, then_and_now, unwrapped

pytestmark = pytest.mark.slow

#: The lines of the first screen of a 100-column terminal (docs/progress.md).
FIRST_SCREEN = 60


def on_a_terminal(cwd: Path, columns: int, *args: object) -> str:
    """``civdata ARGS`` on a pseudo-terminal ``columns`` wide (tall enough never to scroll), as
    the person reads it: no colour, lines as printed."""
    import pexpect

    command = civdata_command()
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": str(columns), "LINES": "2000"}
    child = pexpect.spawn(
        command[0],
        [*command[1:], *(str(arg) for arg in args)],
        cwd=str(cwd),
        env=env,
        dimensions=(2000, columns),
        encoding="utf-8",
        timeout=120,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    output = child.before.replace("\r\n", "\n")
    assert "\x1b[" not in output and max(len(line) for line in output.splitlines()) <= columns, output
    return output


def json_report(cwd: Path, *args: object) -> dict:
    result = civdata_in(cwd, "report", *args, "-q", "-f", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def rounds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of examples to report on, as a person would have them:

    - ``consultation/``: the community-consultation export imported (40 people in 3 roles), and
      ``consultation-may/``, the same answers dated in May (the baseline);
    - ``then/`` and ``now/``: the county-justice group in May and October (:func:`then_and_now`);
    - ``no-community/``: the county-justice lead and funder, without the community voice the
      rubric expects;
    - ``lead.yaml`` three months later, and ``lead-report.json``, its report from before."""
    folder = tmp_path_factory.mktemp("rounds")
    export = ROOT / "examples" / "community-consultation" / "submissions.csv"
    imported = civdata_in(folder, "import", export, "-o", "consultation", "-q")
    assert imported.returncode == 0, imported.stderr
    (folder / "consultation-may").mkdir()
    for path in sorted((folder / "consultation").glob("*.yaml")):
        (folder / "consultation-may" / path.name).write_text(answered_in_may(path.read_text("utf-8")), "utf-8")
    then_and_now(folder)
    (folder / "no-community").mkdir()
    for name in ("lead.yaml", "funder.yaml"):
        shutil.copy(ROOT / "examples" / "county-justice" / name, folder / "no-community" / name)
    shutil.copy(ROOT / "examples" / "county-justice-three-months-later" / "lead.yaml", folder / "lead.yaml")
    shutil.copy(ROOT / "examples" / "county-justice" / "lead-report.json", folder / "lead-report.json")
    return folder


def _box(output: str) -> str:
    """The summary box's text, its lines run together as a person reads them."""
    lines = output.splitlines()
    box = lines[: next(index for index, line in enumerate(lines) if line.startswith("╰")) + 1]
    return " ".join(" ".join(re.sub(r"^[╭│]─?|─*[╮╯│]$", "", line).strip(" ─").split()) for line in box)


# --- 1. The box states the missing voices and the disagreements --------------------------------


def test_the_box_of_a_combined_report_counts_disagreements_and_names_a_missing_voice(rounds: Path) -> None:
    """The box said "2 respondents in 2 roles; combined by role-weighted mean" and nothing of the
    community nobody answered for, which the Markdown verdict counts ("1 from missing voices"):
    the box gives the same Findings line, and names the missing role as a single report's "One
    voice:" names the roles it did not hear."""
    box = _box(on_a_terminal(rounds, 100, "report", "no-community"))
    markdown = civdata_in(rounds, "report", "no-community", "-q", "-f", "markdown").stdout
    findings = next(line for line in unwrapped(markdown).splitlines() if line.startswith("- Findings: "))
    assert findings.endswith("from disagreement between respondents, 1 from missing voices"), findings
    assert findings.removeprefix("- ") in box, box
    assert (
        "Missing voices: nobody answered as Community / data-subject representative (high), whose view no score "
        "here weighs; the others cannot stand in for it." in box
    ), box


def test_the_box_of_a_combined_report_with_every_voice_says_none_is_missing(rounds: Path) -> None:
    """With every role the rubric expects answered, the box still counts the disagreements, and
    says no voice is missing by its count alone."""
    box = _box(on_a_terminal(rounds, 100, "report", "now"))
    assert re.search(r"Findings: [^;]+; \d+ from disagreement between respondents, 0 from missing voices", box), box
    assert "Missing voices:" not in box


# --- 2. No table breaks a word at 40, 60, 80 or 100 columns --------------------------------------

#: Reports of each kind, with the tables they have: a group of three, a group of 40 in a large
#: consultation, one respondent since a baseline.
WORD_INPUTS = {
    "county justice": ("now",),
    "community consultation": ("consultation",),
    "since a baseline": ("consultation", "--baseline", "consultation-may"),
    "one respondent since a baseline": ("lead.yaml", "--baseline", "lead-report.json"),
}


#: The words of the terminal's own headings and pointers, which no other format has.
HEADINGS = (
    "Severity Finding Recommendation Raised by Action By when For whom Question Who answered what Then Now Change "
    "Top disagreements in the Markdown HTML JSON reports "
    # A terminal too narrow for each role's spread says where it is (added 2026-11-29: a sentence
    # of the terminal's own, as the headings above are).
    f"{SPREAD_ELSEWHERE}"
)


def _words(text: str) -> set[str]:
    """The words of ``text``, without the punctuation and marks around them (nor Markdown's)."""
    return set(re.sub(r"[\s()\[\],.;:!?“”\"'`*_\\|<>│╭╮╰╯─█░·▲▼…✓]+", " ", text).split())


@pytest.mark.parametrize("columns", [40, 60, 80, 100])
@pytest.mark.parametrize("who", list(WORD_INPUTS))
def test_no_terminal_table_breaks_a_word_at_any_supported_width(rounds: Path, who: str, columns: int) -> None:
    """At 60 columns the findings table read ``organisatio`` over ``n`` and ``representat`` over
    ``ive``, and at 40 ``Findin`` over ``g``: a table that cannot hold every column's longest word
    side by side puts each row's fields on lines of their own, as "What to do first" does
    (docs/progress.md). Every word on the terminal (the findings, what to do first, the
    comparison, the disagreements, the respondents) is a word the Markdown or JSON report has
    too, or a heading of the terminal's own: never a piece of one."""
    output = on_a_terminal(rounds, columns, "report", *WORD_INPUTS[who], "-q")
    pieces = _words(output) - _whole_words(rounds, who)
    assert not pieces, (pieces, output)


@functools.cache
def _whole_words(rounds: Path, who: str) -> frozenset[str]:
    """The words of the Markdown and JSON reports of ``who``'s input, and the terminal's headings:
    made once for the four widths."""
    whole = _words(HEADINGS)
    for format_name in ("markdown", "json"):
        result = civdata_in(rounds, "report", *WORD_INPUTS[who], "-q", "-f", format_name)
        assert result.returncode == 0, result.stderr
        whole |= _words(result.stdout)
    return frozenset(whole)


# --- 3. The first screen: verdict, what changed, scores, what to do first -------------------------

#: (report arguments, whether it compares with a baseline) run in the ``rounds`` folder; the
#: three-months-later example is run where it is.
FIRST_SCREEN_INPUTS = {
    "three months later": (str(ROOT / "examples" / "county-justice-three-months-later"),),
    "three months later, since a baseline": (
        str(ROOT / "examples" / "county-justice-three-months-later"),
        "--baseline",
        str(ROOT / "examples" / "county-justice" / "lead-report.json"),
    ),
    "community consultation": ("consultation",),
    "community consultation, since a baseline": ("consultation", "--baseline", "consultation-may"),
    "a group of three, since a baseline": ("now", "--baseline", "then"),
}


@pytest.mark.parametrize("who", list(FIRST_SCREEN_INPUTS))
def test_the_first_screen_at_100_columns_says_the_verdict_the_scores_and_what_to_do_first(
    rounds: Path, who: str
) -> None:
    """With --baseline on a group, "What to do first" was at line 85 of a 100-column terminal:
    the comparison in full and each role's rows came before it. As in the Markdown report, the
    first 60 lines hold the verdict, one line on what changed (with a baseline), every area's
    score and the first action in full; each role's scores and the comparison come after."""
    args = FIRST_SCREEN_INPUTS[who]
    output = on_a_terminal(rounds, 100, "report", *args, "-q")
    document = json_report(rounds, *args)
    lines = output.splitlines()
    first_screen = "\n".join(lines[:FIRST_SCREEN])
    assert lines[0].startswith("╭─ ") and document["verdict"]["label"] in lines[0], lines[0]
    if "--baseline" in args:
        assert re.search(r"^Since the last assessment \([\d-]+\): verdict ", first_screen, re.MULTILINE), first_screen
        full = output.index("Since the last assessment: Compared with")
        assert full > output.index("What to do first"), "the comparison in full comes after what to do first"
    scores = first_screen[first_screen.index("\nArea") : first_screen.index("What to do first")]
    for area in document["areas"]:
        assert re.search(rf"^{re.escape(area['title'])} +{area['percent']:g} [█░]+$", scores, re.MULTILINE), scores
    multiple = len(document["respondents"]) > 1
    if multiple:
        assert re.search(rf"^Overall +{document['overall']['percent']:g} [█░]+$", scores, re.MULTILINE), scores
        # Each role's scores come after what to do first.
        assert not re.search(r"^  \S", scores, re.MULTILINE), scores
        roles = output.index("Area: combined score, then each role's")
        assert roles > output.index("What to do first")
    first = " ".join(first_screen.split("What to do first")[1].split())
    words = " ".join(document["actions"][0]["text"].split())
    assert set(words.split()) <= set(first.split()), (words, first_screen)
