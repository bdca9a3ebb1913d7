"""The JSON report's schema (``civdata schema report``) describes every report civdata writes.

Reports of every kind are produced by the command line, as a CI job would, and checked against
the schema closed to undescribed fields (:mod:`tests.report_schema`); the committed reports too;
and once with check-jsonschema against the schema as `civdata schema report -o` writes it. The
other tests read every JSON report they produce through the same check.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from civdata.schemacheck import load_schema, strict_validator
from tests.conftest import MINI_RUBRIC, ROOT, civdata_command
from tests.report_schema import check_report, closed_report_schema, report_document

MULTI = ROOT / "tests" / "fixtures" / "multi"
FRAMEWORKS = ROOT / "examples" / "rubrics"
COUNTY = ROOT / "examples" / "county-justice"

#: Every kind of report: (name, arguments after `civdata report`, the exit code expected).
REPORTS = [
    ("single", [str(COUNTY / "lead.yaml")], 0),
    ("single anonymized", [str(COUNTY / "lead.yaml"), "--anonymize"], 0),
    ("combined", [str(COUNTY)], 0),
    ("combined detail", [str(COUNTY), "--detail"], 0),
    ("combined anonymized detail", [str(COUNTY), "--detail", "--anonymize"], 0),
    (
        "combined, a missing role",
        [str(MULTI / "lead-amara.yaml"), str(MULTI / "lead-bo.yaml"), "-r", str(MINI_RUBRIC)],
        0,
    ),
    ("gates passed", [str(COUNTY / "lead.yaml"), "--fail-on", "critical", "--min-coverage", "10"], 0),
    ("gates failed", [str(COUNTY), "--fail-on", "low", "--fail-under", "99", "--fail-on-verdict", "not-ready"], 1),
    (
        "checklist",
        [str(FRAMEWORKS / "answers" / "deon-with-gaps.yaml"), "-r", str(FRAMEWORKS / "deon-checklist.yaml")],
        0,
    ),
    (
        "checklist in Portuguese",
        [
            str(FRAMEWORKS / "answers" / "deon-with-gaps.yaml"),
            "-r",
            str(FRAMEWORKS / "deon-checklist.yaml"),
            "--lang",
            "pt-BR",
        ],
        0,
    ),
    (
        "risk",
        [str(FRAMEWORKS / "answers" / "aia-high-impact.yaml"), "-r", str(FRAMEWORKS / "aia-style-impact.yaml")],
        0,
    ),
    (
        "risk with a gate",
        [
            str(FRAMEWORKS / "answers" / "aia-low-impact.yaml"),
            "-r",
            str(FRAMEWORKS / "aia-style-impact.yaml"),
            "--fail-over",
            "10",
        ],
        1,
    ),
    (
        "the test corpus rubric",
        [
            str(ROOT / "tests" / "cases" / "answers" / "good" / "partial.yaml"),
            "-r",
            str(ROOT / "tests" / "cases" / "rubric.yaml"),
        ],
        0,
    ),
]


def report(args: list[str], expected: int, output: Path) -> str:
    result = subprocess.run(
        [*civdata_command(), "report", *args, "-o", str(output)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == expected, result.stderr
    return output.read_text(encoding="utf-8")


@pytest.mark.slow
def test_every_kind_of_report_matches_the_schema_and_check_jsonschema_agrees(tmp_path: Path) -> None:
    written = []
    for number, (name, args, expected) in enumerate(REPORTS):
        path = tmp_path / f"report-{number}.json"
        document = report_document(report(args, expected, path))
        assert (document["gates"] is not None) == ("gate" in name), name
        if "detail" in name:
            assert document["detail"], name
        if "anonymized" in name:
            assert document["anonymized"] is True
        written.append(path)
    kinds = {report_document(path.read_text(encoding="utf-8"))["kind"] for path in written}
    assert kinds == {"single", "combined"}
    schema = tmp_path / "report.schema.json"
    result = subprocess.run(
        [*civdata_command(), "schema", "report", "-o", str(schema)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    committed = sorted(ROOT.glob("examples/**/*.json")) + sorted(ROOT.glob("tests/golden/**/*.json"))
    check = subprocess.run(
        [
            str(Path(sys.executable).parent / "check-jsonschema"),
            "--schemafile",
            str(schema),
            *map(str, written + committed),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert len(committed) >= 10


@pytest.mark.parametrize(
    "path",
    sorted(ROOT.glob("examples/**/*.json")) + sorted(ROOT.glob("tests/golden/**/*.json")),
    ids=lambda path: str(path.relative_to(ROOT)),
)
def test_committed_reports_match_the_schema(path: Path) -> None:
    report_document(path.read_text(encoding="utf-8"))


def _single() -> dict:
    return json.loads((COUNTY / "lead-report.json").read_text(encoding="utf-8"))


def _combined() -> dict:
    return json.loads((COUNTY / "combined-report.json").read_text(encoding="utf-8"))


BROKEN = [
    ("an undescribed field at the top", lambda d: d.update(novelty=1), _single),
    ("an undescribed field in a finding", lambda d: d["findings"][0].update(novelty=1), _single),
    ("an undescribed field in a question", lambda d: d["areas"][0]["questions"][0].update(novelty=1), _single),
    ("a combined field in a single report", lambda d: d.update(method={}), _single),
    ("a missing field", lambda d: d.pop("covered_findings"), _combined),
    ("a missing field of a single report", lambda d: d.pop("respondent"), _single),
    ("a missing field of a combined report", lambda d: d.pop("divergence"), _combined),
    ("an unknown severity", lambda d: d["findings"][0].update(severity="severe"), _combined),
    ("a percent above 100", lambda d: d["overall"].update(percent=101), _single),
    ("another format", lambda d: d.update(report_format=3), _single),
    ("a question status unknown", lambda d: d["areas"][0]["questions"][0].update(status="done"), _single),
    ("a date that is no day", lambda d: d.update(generated_on="2026-02-30"), _single),
]


@pytest.mark.parametrize(("what", "change", "base"), BROKEN, ids=[what for what, _, _ in BROKEN])
def test_the_check_refuses_what_the_report_never_writes(what: str, change, base) -> None:
    document = base()
    check_report(copy.deepcopy(document))
    change(document)
    with pytest.raises(AssertionError, match="does not match the report schema"):
        check_report(document)


def test_the_shipped_schema_lets_consumers_meet_fields_added_later() -> None:
    """Within a format version fields are only added: the shipped schema accepts one it does not
    know (tools should ignore it), while the tests' closed copy refuses it."""
    document = _single() | {"added_in_a_later_version": True}
    assert strict_validator(load_schema("report"), check_formats=True).is_valid(document)
    assert not strict_validator(closed_report_schema()).is_valid(document)


def _object_keys(schema: dict, node: object, seen: set[str]) -> set[str]:
    """Every key of every object the schema defines, following references once each."""
    if isinstance(node, list):
        return {key for item in node for key in _object_keys(schema, item, seen)}
    if not isinstance(node, dict):
        return set()
    keys: set[str] = set()
    reference = node.get("$ref")
    if isinstance(reference, str) and reference not in seen:
        seen.add(reference)
        target: object = schema
        for part in reference.lstrip("#/").split("/"):
            target = target[int(part)] if isinstance(target, list) else target[part]  # type: ignore[index]
        keys |= _object_keys(schema, target, seen)
    for name, value in node.items():
        if name == "properties" and isinstance(value, dict):
            keys |= set(value)
        if name != "$defs":
            keys |= _object_keys(schema, value, seen)
    return keys


@pytest.mark.parametrize("name", ["report", "answers", "rubric"])
def test_the_field_reference_names_every_key_of_every_object(name: str) -> None:
    """json-report.md: the field reference gives "every field of report_format 2": every object
    the schema defines, however deeply nested (actions[], progress, roles[].areas[].spread, ...),
    has its keys in a table; and a JSON null reads as `null`."""
    from civdata.schemadoc import schema_reference_document

    schema = load_schema(name)
    reference = schema_reference_document(name, schema)
    rows = set(re.findall(r"^\| `([^`]+)` \|", reference, flags=re.MULTILINE))
    assert sorted(_object_keys(schema, schema, set()) - rows) == []
    assert "`None`" not in reference
