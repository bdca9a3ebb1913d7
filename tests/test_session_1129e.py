"""Defects found in the fifth session of 2026-11-29, by outside reviews, each as a user meets it.
Every expectation was written before its fix and seen to fail without it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import ROOT
from tests.test_ci_review_1129 import run

RUBRICS = ROOT / "examples" / "rubrics"

# --- Combined reports (the review of combined verdicts) -------------------------------------------


def test_the_most_cautious_combination_takes_the_highest_risk_and_the_lowest_readiness(tmp_path: Path) -> None:
    """``combine: min``, "the most cautious view", took the lowest score whatever the area's
    direction: on the AIA example, one person's answers at impact level IV and another's at I gave
    level I, and --fail-over 50 passed (the review of combined verdicts)."""
    rubric = (RUBRICS / "aia-style-impact.yaml").read_text(encoding="utf-8")
    assert "\ndivergence:" not in rubric
    (tmp_path / "aia.yaml").write_text(rubric + "\ndivergence:\n  combine: min\n", encoding="utf-8")
    high = (RUBRICS / "answers" / "aia-high-impact.yaml").read_text(encoding="utf-8")
    low = (RUBRICS / "answers" / "aia-low-impact.yaml").read_text(encoding="utf-8")
    low = low.replace("Lakeview parks permit scheduling assistant", "Emergency housing benefit eligibility engine")
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "marc.yaml").write_text(high, encoding="utf-8")
    (tmp_path / "team" / "priya.yaml").write_text(low, encoding="utf-8")
    alone = {}
    for name in ("marc", "priya"):
        done = run("report", f"team/{name}.yaml", "-r", "aia.yaml", "-o", f"{name}.json", "-q", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        alone[name] = {
            area["id"]: area["percent"] for area in json.loads((tmp_path / f"{name}.json").read_text())["areas"]
        }
    done = run("report", "team", "-r", "aia.yaml", "--fail-over", "50", "-o", "both.json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    both = json.loads((tmp_path / "both.json").read_text(encoding="utf-8"))
    combined = {area["id"]: area["percent"] for area in both["areas"]}
    assert combined["impact"] == max(alone["marc"]["impact"], alone["priya"]["impact"])  # risk: the highest
    assert combined["mitigation"] == min(alone["marc"]["mitigation"], alone["priya"]["mitigation"])  # readiness
    assert both["method"]["combine"] == "min"
    text = run("report", "team", "-r", "aia.yaml", "-f", "markdown", cwd=tmp_path).stdout
    assert "Combined by the most cautious score (in each area, the score of the respondent whose answers read" in (
        re.sub(r"\s+", " ", text)
    )


# --- Rubric versions (the review of a rubric kept over two years) --------------------------------


def test_a_patch_version_that_lists_a_question_is_refused_before_publishing(tmp_path: Path) -> None:
    """A PATCH that added a question passed ``rubric validate`` though its own ``changes`` entry
    listed it; a report then read answers of the earlier PATCH "as they are" and the new, blank
    question failed --fail-on high with nobody told it was new."""
    text = (ROOT / "rubrics" / "civil-society-data-readiness.yaml").read_text(encoding="utf-8")
    text = text.replace("\nversion: 1.2.3\n", "\nversion: 1.2.4\n", 1)
    entry = (
        "changes:\n  - version: 1.2.4\n    summary: Asks about in-house skills again.\n"
        "    questions: [in-house-skills]\n"
    )
    assert text.count("\nchanges:\n") == 1
    text = text.replace("\nchanges:\n", "\n" + entry, 1)
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("    questions: [in-house-skills]") + 1
    refused = run("rubric", "validate", "r.yaml", cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [
        f"r.yaml:{line}:16: version 1.2.4 is a PATCH, which changes no question, but lists 'in-house-skills': answers "
        "made for an earlier 1.2 version are read as they are, so it is never asked again; make it version 1.3.0 (a "
        "new or changed question needs a new MINOR version), or remove the list if only wording changed",
        "civdata: 1 problem found; nothing was written",
    ]
    fixed = text.replace("    questions: [in-house-skills]\n", "", 1)
    (tmp_path / "r.yaml").write_text(fixed, encoding="utf-8")
    assert run("rubric", "validate", "r.yaml", cwd=tmp_path).returncode == 0


def test_the_same_person_is_told_whatever_the_case_or_spacing_of_their_name(tmp_path: Path) -> None:
    """ "Dana Okafor" of "County research office" and "dana  okafor" of "County Research Office" were two
    people, both counted with no word, where a baseline matches them as one (the review of combined
    verdicts)."""
    team = tmp_path / "team"
    team.mkdir()
    lead = (ROOT / "examples" / "county-justice" / "lead.yaml").read_text(encoding="utf-8")
    name = re.search(r"(?m)^  name: (.+)$", lead).group(1)  # type: ignore[union-attr]
    organisation = re.search(r"(?m)^  organisation: (.+)$", lead).group(1)  # type: ignore[union-attr]
    (team / "lead.yaml").write_text(lead, encoding="utf-8")
    earlier = lead.replace(f"  name: {name}", f"  name: {name.lower().replace(' ', '  ')}", 1)
    earlier = earlier.replace(f"  organisation: {organisation}", f"  organisation: {organisation.upper()}", 1)
    (team / "lead-2026-04.yaml").write_text(earlier, encoding="utf-8")
    done = run("report", "team", "-o", "r.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "one respondent by role, name and organisation" in done.stderr, done.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert len(report["same_person"]) == 1 and len(report["same_person"][0]) == 2


def test_a_blank_form_beside_one_answered_file_is_a_missing_voice_that_gates(tmp_path: Path) -> None:
    """The lead's file and a community member's blank one made a single report ("One voice ...
    report on their answers files together with this one", files already given) with no missing
    voice, and --fail-on high passed; adding a second lead whose answers were all positive made the
    same gate fail (the review of combined verdicts). A report on several files is combined."""
    county = ROOT / "examples" / "county-justice"
    lead = (county / "lead.yaml").read_text(encoding="utf-8")
    initiative = re.search(r"(?m)^initiative: (.+)$", lead).group(1)  # type: ignore[union-attr]
    team = tmp_path / "team"
    team.mkdir()
    (team / "lead.yaml").write_text(lead, encoding="utf-8")
    (team / "community.yaml").write_text(
        'format: 1\nrubric: {id: civil-society-data-readiness, version: "1.2.3"}\n'
        f"initiative: {initiative}\nrespondent: {{role: community, name: Marcus, organisation: B}}\nanswers:\n",
        encoding="utf-8",
    )
    done = run("report", "team", "--fail-on", "high", "-o", "r.md", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "high: Missing voice: nobody answered as Community / data-subject representative" in done.stderr
    report = re.sub(r"\s+", " ", (tmp_path / "r.md").read_text(encoding="utf-8"))
    assert "Answered nothing: 1 respondent answers no question: Marcus" in report
    assert "together with this one" not in report
    alone = run("report", "team/lead.yaml", "-o", "alone.md", cwd=tmp_path)  # one file: one voice, as before
    assert "One voice" in re.sub(r"\s+", " ", (tmp_path / "alone.md").read_text(encoding="utf-8")), alone.stderr

