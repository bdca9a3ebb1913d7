"""The example community consultation is an export civdata's own form could have produced.

``examples/community-consultation/submissions.csv`` is presented as "the KoboToolbox export" of
the bundled rubric's form, and its committed report is what a facilitator would hand to a board.
An export the form could not produce (a required question left blank, "Other" without the note the
form asks for, columns the form has no field for) would make that report show gaps a person on a
phone could not have left. Each row is checked here against the XForm pyxform makes of the form
``civdata export xlsform`` writes: every field's ``relevant``, ``required`` and ``constraint``,
evaluated by a real XPath engine (:class:`tests.test_form_export.XForm`'s).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from lxml import etree

from civdata.catalog import find_rubric
from tests.conftest import ROOT
from tests.kobo_layout import KOBO_META, KOBO_TAIL
from tests.test_form_export import XF, XForm, converted, form_bytes

EXPORT = ROOT / "examples" / "community-consultation" / "submissions.csv"


class Binds:
    """Each field's ``required`` and ``constraint`` from the XForm, by the field's path in the export."""

    def __init__(self, xform: str) -> None:
        model = etree.fromstring(xform.encode()).find(f".//{XF}model")
        assert model is not None
        binds = model.findall(f"{XF}bind")
        self.required = {_column(bind.get("nodeset")): bind.get("required") for bind in binds if bind.get("required")}
        self.constraint = {
            _column(bind.get("nodeset")): bind.get("constraint") for bind in binds if bind.get("constraint")
        }


def _column(nodeset: str | None) -> str:
    """``/data/group/field`` as KoboToolbox names its column: ``group/field``."""
    assert nodeset is not None
    return nodeset.removeprefix("/data/")


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file, delimiter=";")
        return list(reader.fieldnames or []), list(reader)


@pytest.fixture(scope="module")
def form() -> str:
    return converted(form_bytes(find_rubric("civil-society-data-readiness")))


def _instance(xform: XForm, row: dict[str, str]) -> etree._Element:
    """The instance the phone held: each field's value from its column (the last part of its path)."""
    return xform.filled({column.rsplit("/", 1)[-1]: value for column, value in row.items() if column.count("/") <= 1})


def _holds(instance: etree._Element, column: str, expression: str) -> bool:
    """``expression`` evaluated with the field of ``column`` as its context (``.``)."""
    found = instance.xpath(f"/{instance.tag}/{column}")
    assert found, column
    return bool(found[0].xpath(expression))


def test_every_column_is_a_field_of_the_form_or_the_platform(form: str) -> None:
    header, _ = _rows(EXPORT)
    xform = XForm(form)
    fields = {_column("/data/" + "/".join(_path(element))) for element in xform.template.iter() if len(element) == 0}
    per_choice = {column for column in header if column.count("/") == 2 and column.rsplit("/", 1)[0] in fields}
    assert set(header) - fields - per_choice - set(KOBO_META) - set(KOBO_TAIL) == set()


def _path(element: etree._Element) -> list[str]:
    names = []
    while element.getparent() is not None:
        names.append(element.tag)
        element = element.getparent()
    return names[::-1]


def _broken(rows: list[dict[str, str]], form: str) -> list[str]:
    """Where rows break what the phone enforces: a required field that is asked left blank (a note
    when "Other" is chosen too), or an answer that fails its constraint."""
    xform, binds = XForm(form), Binds(form)
    broken = []
    for number, row in enumerate(rows, start=2):
        instance = _instance(xform, row)
        asked = xform.relevant_fields(instance)
        for column, required in binds.required.items():
            name = column.rsplit("/", 1)[-1]
            if name in asked and not row.get(column, "").strip() and _holds(instance, column, required):
                broken.append(f"row {number}: {column} is required and blank")
        for column, constraint in binds.constraint.items():
            if row.get(column, "").strip() and not _holds(instance, column, constraint):
                broken.append(f"row {number}: {column} = {row[column]!r} breaks {constraint}")
    return broken


def test_each_submission_keeps_the_rules_of_the_form(form: str) -> None:
    assert _broken(_rows(EXPORT)[1], form) == []


def test_the_check_catches_what_the_export_held_before(form: str) -> None:
    """The export as it was before 2026-11-28: 'decision-described' left blank, and "Other" chosen
    with no note; and an answer the form's constraint refuses ("None of these" with another)."""
    _, rows = _rows(EXPORT)
    row = dict(rows[0])
    row["role-of-data/decision-described"] = ""
    row["protecting-people/consent-basis"] = "other"
    row["protecting-people/consent-basis__note"] = ""
    row["role-of-data/automation-safeguards"] = "none human-review"
    assert _broken([row], form) == [
        "row 2: role-of-data/decision-described is required and blank",
        "row 2: protecting-people/consent-basis__note is required and blank",
        "row 2: role-of-data/automation-safeguards = 'none human-review' breaks "
        + Binds(form).constraint["role-of-data/automation-safeguards"],
    ]
