"""Defects a methodologist's outside review of rubric checking found (round 3), each pinned by a
rubric run through civdata as a methodologist runs it. The exact messages are in the bad-rubric
corpus (tests/cases/rubrics/bad: empty-lists, did-you-mean-reach, zero-points-*,
verdict-gap-between-decimals); these tests follow the advice as a user would, and check it leads
where docs/rubric-format.md says.

Every expected outcome was written from docs/rubric-format.md before the fix was made:

- "A value no answer can ever be is refused where it is written": an empty list in a test is one
  (no answer is one of no values), so its critical rule would never fire and its follow-up never
  be asked;
- a question's ``when`` may only refer to questions asked before it, and only an area with
  something scored in it has a score: "did you mean" offers nothing else;
- scores have one decimal, so a verdict bound a score can never equal is no advice.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.conftest import FIXTURES, civdata_command

REVIEW = FIXTURES / "rubric-review"
BAD = Path(__file__).parent / "cases" / "rubrics" / "bad"


def civdata(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*civdata_command(), *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False)


def problem_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if not line.startswith("civdata: ")]


# --- An empty list in a test -------------------------------------------------------------------------


def test_includes_an_empty_list_is_refused_not_reported_as_ready() -> None:
    """i-inc.yaml: 'includes: []' opens the consent follow-up and fires the critical rule. Before:
    validate ok, and answers naming children and migrants who gave no consent were reported
    "Ready, 100/100, 0 findings"."""
    validated = civdata("rubric", "validate", "i-inc.yaml", cwd=REVIEW)
    assert validated.returncode == 2
    assert problem_lines(validated) == [
        "i-inc.yaml:27:44: 'includes' in the condition of question 'consent' must list at least 1 item",
        "i-inc.yaml:33:40: 'includes' in the condition of rule 'at-risk' must list at least 1 item",
    ]
    reported = civdata("report", "--rubric", "i-inc.yaml", "i-ans.yaml", "--format", "summary", cwd=REVIEW)
    assert reported.returncode == 2
    assert reported.stdout == ""


def test_the_same_rubric_listing_the_groups_asks_and_fires(tmp_path: Path) -> None:
    """What the methodologist meant, with the options listed: the follow-up is asked, the critical
    rule fires, and the verdict is not 'ready'."""
    text = (REVIEW / "i-inc.yaml").read_text(encoding="utf-8")
    (tmp_path / "rubric.yaml").write_text(text.replace("includes: []", "includes: [children, migrants]"), "utf-8")
    (tmp_path / "answers.yaml").write_text((REVIEW / "i-ans.yaml").read_text(encoding="utf-8"), "utf-8")
    reported = civdata("report", "--rubric", "rubric.yaml", "answers.yaml", "--format", "json", "-o", "-", cwd=tmp_path)
    assert reported.returncode == 0, reported.stderr
    assert '"id": "not-ready"' in reported.stdout
    assert '"severity": "critical"' in reported.stdout


# --- Advice that leads where it says ---------------------------------------------------------------

_DID_YOU_MEAN = re.compile(r"^[^:]+:(\d+):(\d+): [^']*'([^']+)'.*; did you mean '([^']+)'\?$")


def test_every_suggestion_in_reach_is_accepted_where_it_is_written(tmp_path: Path) -> None:
    """d-dym.yaml and self.yaml, in did-you-mean-reach.yaml: each "did you mean" applied where it
    is written leaves no problem at that place. Before: 'sensitive' (asked later) and 'months' (the
    question itself) were offered in a question's 'when', 'notes' (nothing scored) for a score, and
    'not' as a key beside a complete test; each, applied, was refused."""
    source = BAD / "did-you-mean-reach.yaml"
    lines = source.read_text(encoding="utf-8").splitlines()
    result = civdata("rubric", "validate", source.name, cwd=source.parent)
    suggestions = [match.groups() for line in problem_lines(result) if (match := _DID_YOU_MEAN.match(line))]
    assert suggestions, problem_lines(result)
    for line, column, written, meant in suggestions:
        fixed = list(lines)
        row, start = int(line) - 1, int(column) - 1
        assert fixed[row][start:].startswith(written), (line, written)
        fixed[row] = fixed[row][:start] + meant + fixed[row][start + len(written) :]
        rubric = tmp_path / "fixed.yaml"
        rubric.write_text("\n".join(fixed) + "\n", encoding="utf-8")
        after = problem_lines(civdata("rubric", "validate", rubric.name, cwd=tmp_path))
        assert not [problem for problem in after if problem.startswith(f"fixed.yaml:{line}:")], (meant, after)


_WRITE_BOUND = re.compile(r"^[^:]+:(\d+):(\d+): .*so write '(max_score|min_score): ([0-9.]+)'")


def test_the_bound_a_gap_advises_closes_it(tmp_path: Path) -> None:
    """verdict-gap-between-decimals.yaml: the bound each gap problem advises, written in, leaves no
    problem at all, and is one a score can equal (one decimal). Before: 'max_score: 66.75', a score
    no assessment gets."""
    source = BAD / "verdict-gap-between-decimals.yaml"
    lines = source.read_text(encoding="utf-8").splitlines()
    result = civdata("rubric", "validate", source.name, cwd=source.parent)
    advice = [match.groups() for line in problem_lines(result) if (match := _WRITE_BOUND.match(line))]
    assert len(advice) == 3, problem_lines(result)
    # From the last place back, so that a bound written in does not move the next one on its line.
    for line, column, key, bound in sorted(advice, key=lambda found: (int(found[0]), int(found[1])), reverse=True):
        assert re.fullmatch(r"\d+(\.\d)?", bound), bound
        row, start = int(line) - 1, int(column) - 1  # the problem is at the value it advises to change
        assert lines[row][:start].endswith(f"{key}: "), (key, lines[row])
        written = re.match(r"[0-9.]+", lines[row][start:])
        assert written is not None, lines[row]
        lines[row] = lines[row][:start] + bound + lines[row][start + written.end() :]
    rubric = tmp_path / "closed.yaml"
    rubric.write_text("\n".join(lines) + "\n", encoding="utf-8")
    after = civdata("rubric", "validate", rubric.name, cwd=tmp_path)
    assert after.returncode == 0, after.stderr


# --- Question ids that findings' ids would make ambiguous -----------------------------------------

_RENAME = re.compile(r"^[^:]+:(\d+):(\d+): question id '([^']+)' is reserved: .*such as '([^']+)', wherever")


def test_a_reserved_question_id_is_refused_and_the_id_advised_is_accepted(tmp_path: Path) -> None:
    """reserved-question-ids.yaml: option 'x' of a question 'rule' raised 'rule:x', the id of rule
    'x's finding, and so did role:, divergence: and unanswered: questions (an action plan, a kept
    plan and a CI report told them apart by id). Each is refused where the id is written (exit 2),
    and the id advised, written in, leaves the rubric valid; 'rules' is not reserved."""
    source = BAD / "reserved-question-ids.yaml"
    lines = source.read_text(encoding="utf-8").splitlines()
    result = civdata("rubric", "validate", source.name, cwd=source.parent)
    assert result.returncode == 2
    advice = [match.groups() for line in problem_lines(result) if (match := _RENAME.match(line))]
    assert [written for _, _, written, _ in advice] == ["rule", "role", "divergence", "unanswered"]
    for line, column, written, advised in advice:
        row, start = int(line) - 1, int(column) - 1
        assert lines[row][start:] == written, lines[row]
        lines[row] = lines[row][:start] + advised
    rubric = tmp_path / "renamed.yaml"
    rubric.write_text("\n".join(lines) + "\n", encoding="utf-8")
    after = civdata("rubric", "validate", rubric.name, cwd=tmp_path)
    assert after.returncode == 0, after.stderr
