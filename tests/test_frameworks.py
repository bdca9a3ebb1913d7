"""Two frameworks nobody here wrote, encoded as rubrics: they load and report as their authors intended.

- ``examples/rubrics/aia-style-impact.yaml``: points-based, modelled on the Government of Canada's
  Algorithmic Impact Assessment (AIA). Its verdicts are the AIA's impact levels, computed as the
  AIA computes them (``src/store.ts`` of canada-ca/aia-eia-js, ``calculateFinalScore``).
- ``examples/rubrics/deon-checklist.yaml``: deon's Data Science Ethics Checklist, a checklist with
  no scores at all.

The AIA expectations below were worked out by hand from the AIA's formula before civdata was run
on these files; the arithmetic is in the comments. Every report is produced by a real ``civdata``
process, as a user would run it.
"""

from __future__ import annotations

import math
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, civdata_command
from tests.report_schema import report_document

RUBRICS = ROOT / "examples" / "rubrics"

ANSWERS = RUBRICS / "answers"
AIA = RUBRICS / "aia-style-impact.yaml"
DEON = RUBRICS / "deon-checklist.yaml"

AIA_RAW_MAX = 92  # sum of every impact question's highest option (all options, for check-all)
AIA_MITIGATION_MAX = 40


def civdata(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def report(answers: Path, rubric: Path, fmt: str, *extra: str) -> str:
    result = civdata("report", answers, "--rubric", rubric, "--format", fmt, *extra)
    assert result.returncode == 0, result.stderr
    return result.stdout


def json_report(answers: Path, rubric: Path, *extra: str) -> dict:
    return report_document(report(answers, rubric, "json", *extra))


def area(data: dict, area_id: str) -> dict:
    return next(item for item in data["areas"] if item["id"] == area_id)


def write_answers(tmp_path: Path, base: str, changes: dict[str, object], name: str) -> Path:
    """An answers file made from an example by changing some answers (None: leave it blank)."""
    document = yaml.safe_load((ANSWERS / base).read_text(encoding="utf-8"))
    document["answers"].update(changes)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# Both rubrics load.


def test_both_frameworks_validate() -> None:
    result = civdata("rubric", "validate", AIA, DEON)
    assert result.returncode == 0, result.stdout + result.stderr


# --------------------------------------------------------------------------------------------
# The AIA: impact levels by hand.
#
# Raw maximum: 3+3+4+3 (risk profile) + 2 (authority) + 2+2 (system) + 3+3+1+2 (algorithm)
# + 8 (decision categories, 1 each, summed) + 4+4 (automation, discretion) + 6 x 4 (reversibility,
# duration, rights, dignity, health, economic) + 3 (performance) + 4 (wrongly included)
# + 2+2+9 (personal information, collection limited, sharing 0+1+1+3+3+1) + 2+2 (data) = 92.
# AIA levels (unmitigated): I if raw <= 23 (25% of 92), II if <= 46, III if <= 69, IV above.
# Mitigated (mitigation >= 32 of 40): current = round(0.85 x raw); I if current <= 23, i.e.
# raw <= 27; II if raw <= 54; III if raw <= 81.
#
# aia-low-impact.yaml: licensing 1 + partial automation 2 + reversible 1 + brief 1 + four
#   "little to no impact" 4 + economic moderate 2 + personal information 2 + shared within the
#   department 1 + biases unsure 1 = 15 points; 15/92 = 16.3% <= 25%: level I.
#   Mitigation 2+2+3+3 + 4+2+2 + 2+2+2+3+0+3 + 2+2 = 34 of 40 = 85%.
# aia-high-impact.yaml: 3+3+4+3 + 0 + 0+2 + 3+3+1+2 + 2 + 4+4 + 3+3+3+3+4+4 + 3 + 4 + 2+2+(1+3)
#   + 1+2 = 72 points; 72/92 = 78.3% > 75%. Mitigation 2+2+0+0 + 3+0+2 + 2+2+2+1+2+2 + 2+2 = 24
#   of 40 = 60% < 80%: no reduction, level IV.
# high, mitigation raised to 32 (consult the most impacted and the adversely impacted, +3 +3;
#   GBA Plus, +2): 80%, so current = round(0.85 x 72) = round(61.2) = 61 <= 69: level III.
# Edge cases, from the low example (15 points, mitigation 34):
#   boundary: public scrutiny +3, equity-denied groups +3, new authority +2 = 23 points =
#     25.0% exactly; no fairness protections (-3) leaves mitigation 31/40 = 77.5%: level I.
#   one point over: the same and impacts lasting months (+1): 24 = 26.1%: level II.
#   mitigation exactly 80%: boundary + impacts lasting years (+2) + likely reversible (+1)
#     + training data representative unsure (+1) = 27 points = 29.3%; one fairness protection
#     (34 - 3 + 1 = 32 of 40 = 80%): current = round(0.85 x 27) = round(22.95) = 23 <= 23:
#     level I.
#   mitigation just under 80% (31 of 40 = 77.5%; 79% exactly cannot be reached with a maximum
#     of 40): the same 27 points are not reduced, 27 > 23: level II.
#   first raw score the reduction no longer brings down: 27 + rights moderate (+1) = 28 =
#     30.4%, mitigation 80%: current = round(23.8) = 24 > 23: level II.

BOUNDARY = {"riskProfile1": "yes", "riskProfile2": "yes", "projectAuthority1": "yes", "fairnessDesign21": ["none"]}
AT_27 = {**BOUNDARY, "impact7": "years", "impact6": "likely-reversible", "aboutDataSource15": "unsure"}

AIA_CASES = {
    # name: (base example, changes, level, impact points, impact %, mitigation %)
    "low example": ("aia-low-impact.yaml", {}, "level-1", 15, 16.3, 85.0),
    "high example": ("aia-high-impact.yaml", {}, "level-4", 72, 78.3, 60.0),
    "high, mitigated": (
        "aia-high-impact.yaml",
        {"consultationDesign6": "yes", "consultationDesign7": "yes", "dataQualityDesign5": "yes"},
        "level-3",
        72,
        78.3,
        80.0,
    ),
    "exactly 25%": ("aia-low-impact.yaml", BOUNDARY, "level-1", 23, 25.0, 77.5),
    "one point over 25%": ("aia-low-impact.yaml", {**BOUNDARY, "impact7": "months"}, "level-2", 24, 26.1, 77.5),
    "mitigation exactly 80%": (
        "aia-low-impact.yaml",
        {**AT_27, "fairnessDesign21": ["time-frame"]},
        "level-1",
        27,
        29.3,
        80.0,
    ),
    "mitigation just under 80%": ("aia-low-impact.yaml", AT_27, "level-2", 27, 29.3, 77.5),
    "mitigated, one point over": (
        "aia-low-impact.yaml",
        {**AT_27, "fairnessDesign21": ["time-frame"], "impact9": "moderate"},
        "level-2",
        28,
        30.4,
        80.0,
    ),
}


@pytest.mark.parametrize("name", list(AIA_CASES))
def test_aia_level_and_scores_as_computed_by_hand(name: str, tmp_path: Path) -> None:
    base, changes, level, points, impact_percent, mitigation_percent = AIA_CASES[name]
    answers = write_answers(tmp_path, base, changes, "answers.yaml") if changes else ANSWERS / base
    data = json_report(answers, AIA)
    assert data["verdict"]["id"] == level
    impact = area(data, "impact")["score"]
    assert (impact["points"], impact["max_points"], impact["percent"]) == (points, AIA_RAW_MAX, impact_percent)
    mitigation = area(data, "mitigation")["score"]
    assert (mitigation["max_points"], mitigation["percent"]) == (AIA_MITIGATION_MAX, mitigation_percent)
    # Risk reads as risk; mitigation (weight 0) in its own direction, out of the overall score.
    assert (data["overall"]["direction"], area(data, "impact")["direction"]) == ("risk", "risk")
    assert area(data, "mitigation")["direction"] == "readiness"
    assert data["overall"]["percent"] == impact_percent
    below_80 = "rule:mitigation-below-80" in {finding["id"] for finding in data["findings"]}
    assert below_80 == (mitigation_percent < 80)


def test_aia_gives_no_level_until_every_question_is_answered(tmp_path: Path) -> None:
    # The AIA would count a blank as 0 points with its maximum kept; civdata leaves it out of both,
    # so a level computed on a partial assessment could be too low. It gives none instead.
    answers = write_answers(tmp_path, "aia-low-impact.yaml", {"impact3": None}, "partial.yaml")
    data = json_report(answers, AIA)
    assert data["verdict"]["id"] == "not-determined"
    assert "impact3" in data["coverage"]["unanswered_required"]


def test_aia_gates_on_its_levels_in_ci() -> None:
    """A pipeline can refuse level III and above, as a department would before peer review."""
    low, high = ANSWERS / "aia-low-impact.yaml", ANSWERS / "aia-high-impact.yaml"
    for answers, code in ((low, 0), (high, 1)):
        result = civdata("report", answers, "--rubric", AIA, "--format", "json", "--fail-on-verdict", "level-3")
        assert result.returncode == code, result.stderr
    result = civdata("report", high, "--rubric", AIA, "--format", "json", "--fail-over", "75")
    assert result.returncode == 1, result.stderr
    assert civdata("report", low, "--rubric", AIA, "--format", "json", "--fail-over", "75").returncode == 0


def aia_level(raw: int, mitigated: bool) -> int:
    """The AIA's own computation (calculateFinalScore in canada-ca/aia-eia-js src/store.ts)."""
    total = math.floor(0.85 * raw + 0.5) if mitigated else raw  # JavaScript's Math.round
    for level, threshold in ((1, 0.25), (2, 0.5), (3, 0.75)):
        if total <= AIA_RAW_MAX * threshold:
            return level
    return 4


def holds(condition: dict, impact: float, mitigation: float) -> bool:
    """Evaluate the score conditions the AIA rubric's verdicts use."""
    if "any" in condition:
        return any(holds(part, impact, mitigation) for part in condition["any"])
    if "all" in condition:
        return all(holds(part, impact, mitigation) for part in condition["all"])
    value = {"impact": impact, "mitigation": mitigation}[condition["score"]]
    operator, limit = next((key, condition[key]) for key in ("lte", "lt", "gte", "gt") if key in condition)
    return {"lte": value <= limit, "lt": value < limit, "gte": value >= limit, "gt": value > limit}[operator]


@pytest.mark.parametrize("mitigated", [False, True])
def test_aia_thresholds_give_the_aia_level_for_every_raw_score(mitigated: bool) -> None:
    """The 25/29.4, 50/58.8, 75/88.2 thresholds agree with the AIA's rounding for raw 0 to 92."""
    verdicts = yaml.safe_load(AIA.read_text(encoding="utf-8"))["verdicts"]
    levels = {"level-1": 1, "level-2": 2, "level-3": 3, "level-4": 4}
    mitigation = 80.0 if mitigated else 77.5
    for raw in range(AIA_RAW_MAX + 1):
        for impact in (round(100 * raw / AIA_RAW_MAX, 1), 100 * raw / AIA_RAW_MAX):  # shown, and exact
            given = next(v["id"] for v in verdicts if "when" not in v or holds(v["when"], impact, mitigation))
            assert levels[given] == aia_level(raw, mitigated), (raw, impact, mitigated)


def test_aia_reads_as_risk_in_french_and_english() -> None:
    high = ANSWERS / "aia-high-impact.yaml"
    english = report(high, AIA, "markdown")
    french = report(high, AIA, "markdown", "--lang", "fr")
    assert "Impact level IV: very high impact" in english
    assert "Niveau d'incidence IV : incidence très élevée" in french
    assert "Impact level" not in french
    # Question and option text comes from the AIA's own French.
    assert "Incidence très élevée" in french
    assert "Atténuation (score d'atténuation, plus élevé = mieux atténué)" in french


# --------------------------------------------------------------------------------------------
# deon: a checklist. No score anywhere; every item not discussed is a finding.

DEON_NOT_DISCUSSED = {"A.1", "A.4", "B.2", "C.4", "D.2", "E.1", "A.3", "C.2", "D.5"}  # "no" and "unsure"
DEON_BLANK = {"B.3", "D.3", "E.2"}
SCORE_SHOWN = re.compile(r"\d\s*/\s*100|overall score", re.IGNORECASE)


@pytest.mark.parametrize("example", ["deon-mostly-done.yaml", "deon-with-gaps.yaml"])
@pytest.mark.parametrize("fmt", ["markdown", "text", "json"])
def test_deon_reports_show_no_score(example: str, fmt: str) -> None:
    text = report(ANSWERS / example, DEON, fmt)
    assert not SCORE_SHOWN.search(text), SCORE_SHOWN.search(text)
    if fmt == "json":
        data = report_document(text)
        assert (data.get("overall") or {}).get("percent") is None
        for item in data["areas"]:
            assert (item.get("score") or {}).get("percent") is None, item["id"]


def test_deon_items_not_discussed_are_findings_and_blanks_are_listed() -> None:
    data = json_report(ANSWERS / "deon-with-gaps.yaml", DEON)
    # An item left blank raises the finding of its riskiest answer, "I don't know" (a blank could
    # be any answer: tests/test_blank_own_finding.py), and says that it was left blank.
    assert {finding["source"]["question"] for finding in data["findings"]} == DEON_NOT_DISCUSSED | DEON_BLANK
    blank = {finding["source"]["question"]: finding for finding in data["findings"] if finding["source"]["blank"]}
    assert set(blank) == DEON_BLANK
    assert all(finding["source"]["blank"] == [question] for question, finding in blank.items())
    assert {finding["severity"] for finding in data["findings"]} == {"low"}
    assert set(data["coverage"]["unanswered_required"]) == DEON_BLANK
    assert data["verdict"]["id"] == "items-to-discuss"
    markdown = report(ANSWERS / "deon-with-gaps.yaml", DEON, "markdown")
    assert "Not yet discussed: A.1 Informed consent" in markdown
    assert "Nobody knows whether D.5 Communicate limitations has been discussed" in markdown
    assert "Data retention plan" in markdown  # B.3, unanswered


def test_deon_verdict_comes_from_findings_and_coverage(tmp_path: Path) -> None:
    mostly = json_report(ANSWERS / "deon-mostly-done.yaml", DEON)
    assert [finding["source"]["question"] for finding in mostly["findings"]] == ["E.3"]
    assert mostly["verdict"]["id"] == "items-to-discuss"
    done = write_answers(tmp_path, "deon-mostly-done.yaml", {"E.3": "yes"}, "done.yaml")
    assert json_report(done, DEON)["verdict"]["id"] == "all-discussed"


def test_deon_lang_selects_deons_portuguese_and_falls_back_to_english() -> None:
    gaps = ANSWERS / "deon-with-gaps.yaml"
    portuguese = report(gaps, DEON, "markdown", "--lang", "pt-BR")
    english = report(gaps, DEON, "markdown")
    assert "Checklist de Ética na Ciência de Dados" in portuguese
    assert "Ainda não discutido: A.1 Consentimento informado" in portuguese
    assert "Itens ainda a discutir" in portuguese
    # deon has no Portuguese for E.1 (added after the translation): its title stays English.
    assert "Monitoring and evaluation" in portuguese
    assert "Coleta de dados" not in english
    assert "Data Science Ethics Checklist" in english
