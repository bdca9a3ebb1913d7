"""A repository as a team keeps it: two initiatives, one on the bundled rubric, one on its own.

``initiative-a/`` holds two respondents' answers for the bundled rubric (copies of the county
justice example). ``initiative-b/`` holds a rubric of the team's own (deon's checklist from
``examples/rubrics``) and, in ``answers/``, two respondents' answers for it (the two examples for
it, made to name one initiative). Beside them are files
that are not civdata's: a README, a site's config in YAML, and a CI workflow in a hidden folder.

``civdata report`` cannot take the whole of it (two initiatives, two rubrics); ``civdata check``
and the pre-commit hook must.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"

#: The answers files, each with its rubric's files: what ``civdata check`` checks, in the order it lists.
ANSWERS_A = ("initiative-a/community.yaml", "initiative-a/lead.yaml")
ANSWERS_B = ("initiative-b/answers/mostly-done.yaml", "initiative-b/answers/with-gaps.yaml")
RUBRIC_B = "initiative-b/rubric.yaml"
CHECKED = len(ANSWERS_A) + len(ANSWERS_B) + 1

#: A site's configuration: YAML, and nothing of civdata's.
OTHER_YAML = "mkdocs.yml"

#: A wrong answer in initiative B (an option deon's checklist does not have), and what check says.
BREAK_B = ('  A.4: "no"\n', "  A.4: nope\n")
BROKEN_B = (
    "initiative-b/answers/with-gaps.yaml:20:8: 'nope' is not an answer to 'A.4'; choose 'yes', 'no', 'unsure' or 'na'; "
    "did you mean 'no'?"
)
#: A wrong answer in initiative A (the bundled rubric), and what check says.
BREAK_A = ('  people-at-risk:\n    value: "yes"\n', "  people-at-risk:\n    value: perhaps\n")
BROKEN_A = (
    "initiative-a/lead.yaml:15:12: 'perhaps' is not an answer to 'people-at-risk'; choose 'yes', 'no' or 'unsure'"
)


def make_two_initiatives(root: Path) -> Path:
    """Lay the repository out in ``root`` (which may exist); return ``root``."""
    (root / "initiative-a").mkdir(parents=True, exist_ok=True)
    (root / "initiative-b" / "answers").mkdir(parents=True, exist_ok=True)
    for name in ("community.yaml", "lead.yaml"):
        shutil.copyfile(EXAMPLES / "county-justice" / name, root / "initiative-a" / name)
    shutil.copyfile(EXAMPLES / "rubrics" / "deon-checklist.yaml", root / RUBRIC_B)
    for name in ("mostly-done", "with-gaps"):
        text = (EXAMPLES / "rubrics" / "answers" / f"deon-{name}.yaml").read_text(encoding="utf-8")
        # The two examples are about two initiatives; here both respondents judge the same one.
        text = text.replace("Harbour Food Bank Network demand forecast", "Eastside Tenants Union eviction-risk map")
        (root / f"initiative-b/answers/{name}.yaml").write_text(text, encoding="utf-8")
    (root / "README.md").write_text("# Our assessments\n", encoding="utf-8")
    (root / OTHER_YAML).write_text("site_name: Our assessments\nnav:\n  - index.md\n", encoding="utf-8")
    workflows = root / ".github" / "workflows"
    workflows.mkdir(parents=True, exist_ok=True)
    (workflows / "ci.yml").write_text("on: push\njobs: {}\n", encoding="utf-8")
    return root


def break_file(root: Path, relative: str, change: tuple[str, str]) -> None:
    """Make one wrong answer in ``relative``: replace ``change[0]`` (which must be there) by ``change[1]``."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert change[0] in text, (relative, change[0])
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
