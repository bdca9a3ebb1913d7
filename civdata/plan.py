"""The action plan as a file a team keeps in its repository and ticks off: YAML or CSV.

``civdata report ... --plan plan.yaml`` (or ``plan.csv``) writes one row per action of the report
(:attr:`civdata.results.Report.actions`): its id, text, severity, how soon to act, the owner role,
the findings it answers, and ``done: false``. The team sets ``done`` to true as it acts. The next
report, given the kept file with ``--baseline-plan``, says of each action marked done whether its
findings are gone (done) or still raised (marked done, but the finding is still there); see
:func:`civdata.progress.plan_checks`.

Writing is pure (report in, text out); reading takes the bytes read by the command line and
returns the rows or every problem with its ``file:line:col``. Every value is written so that it
reads back as itself: YAML through the answers writer's scalars, CSV cells through
:func:`civdata.escape.csv_cell`, so a spreadsheet never runs a recommendation as a formula.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civdata.answers_writer import comment_lines, fitted, quoted, scalar
from civdata.escape import csv_cell
from civdata.problems import InputError, Problem
from civdata.results import Action, Report
from civdata.yamlsource import YamlDocument

PLAN_FORMAT = 1
#: What the ``kind`` of a plan file says, so no other YAML file is ever taken for one or replaced by one.
PLAN_KIND = "civdata-action-plan"
#: The plan's columns, in the order written, for CSV and YAML alike.
COLUMNS = ("id", "text", "severity", "act_by", "owner", "findings", "done")
#: The file endings a plan file may have, and the format each means.
PLAN_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv"}

#: Values of a CSV ``done`` cell, in any case.
_DONE_WORDS = {"true": True, "yes": True, "x": True, "done": True, "false": False, "no": False, "": False}


@dataclass(frozen=True)
class PlanRow:
    """One row of a plan file a team kept: the action's id, its text and findings as written, and
    whether the team marked it done."""

    id: str
    text: str
    findings: tuple[str, ...]
    done: bool


@dataclass(frozen=True)
class PlanAbout:
    """What a YAML plan says it was made for (its ``about``: the report's initiative and rubric),
    and where that is written, to point at when it is not this report's."""

    initiative: str | None
    rubric: str
    source: str
    line: int
    column: int


@dataclass(frozen=True)
class KeptPlan:
    """A plan file a team kept: its rows, and what it says it is about (a CSV plan does not say)."""

    rows: tuple[PlanRow, ...]
    about: PlanAbout | None = None


def is_plan(data: object) -> bool:
    """Whether ``data``, read from a file, is an action plan civdata wrote (told by its ``kind``)."""
    return isinstance(data, dict) and data.get("kind") == PLAN_KIND


def is_plan_csv(data: bytes) -> bool:
    """Whether ``data`` starts with the header row of a CSV plan (``--plan plan.csv``, or the same
    saved again by a spreadsheet with another delimiter): the columns --plan writes, in order."""
    first_line = data[:4096].decode("utf-8-sig", errors="replace").split("\n", 1)[0].strip().lower()
    delimiter = max(",;\t", key=first_line.count)
    return [cell.strip().strip('"') for cell in first_line.split(delimiter)] == list(COLUMNS)


def plan_format(path: Path) -> str | None:
    """``yaml`` or ``csv`` by the file's ending; None for any other."""
    return PLAN_FORMATS.get(path.suffix.lower())


def plan_text(report: Report, format_name: str, *, tool_version: str, generated_on: str) -> str:
    """The report's action plan as a plan file in ``format_name`` (``yaml`` or ``csv``)."""
    if format_name == "csv":
        return plan_csv(report)
    return plan_yaml(report, tool_version=tool_version, generated_on=generated_on)


def _row(action: Action) -> dict[str, str]:
    return {
        "id": action.id,
        "text": action.text,
        "severity": action.severity.value,
        "act_by": action.act_by.value if action.act_by else "",
        "owner": action.owner or "",
        "findings": " ".join(action.findings),
        "done": "false",
    }


def plan_csv(report: Report) -> str:
    """One header row, then one row per action; ``findings`` separated by spaces."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for action in report.actions:
        row = _row(action)
        writer.writerow([csv_cell(row[column]) for column in COLUMNS])
    return buffer.getvalue()


def plan_yaml(report: Report, *, tool_version: str, generated_on: str) -> str:
    """The plan as YAML that yamllint's default rules pass: comments wrapped, long text split
    over lines where YAML reads it back the same (:func:`civdata.answers_writer.fitted`)."""
    rubric = report.rubric
    lines = [
        "---",
        *comment_lines(f"Action plan: {report.initiative or 'initiative not named'}"),
        *comment_lines(f"From civdata {tool_version} on {generated_on}, most pressing first."),
        *comment_lines(
            "Set done: true when an action is done. Give this file to the next report with --baseline-plan "
            "to see which actions are done and which findings are still raised."
        ),
        f"format: {PLAN_FORMAT}",
        f"kind: {PLAN_KIND}",
        # Not `rubric` or `initiative` at the top: those make a file an answers file to `civdata check`.
        "about:",
        *fitted("  initiative: ", quoted(report.initiative) if report.initiative else "null", "    "),
        f"  rubric: {scalar(rubric.id)}",
        f"  rubric_version: {scalar(rubric.version)}",
        f"  generated_on: {scalar(generated_on)}",
    ]
    if not report.actions:
        return "\n".join([*lines, "actions: []"]) + "\n"
    lines.append("actions:")
    for action in report.actions:
        row = _row(action)
        lines.append(f"  - id: {scalar(row['id'])}")
        lines += fitted("    text: ", quoted(row["text"]), "      ")
        lines.append(f"    severity: {scalar(row['severity'])}")
        lines.append(f"    act_by: {scalar(row['act_by']) if row['act_by'] else 'null'}")
        lines += fitted("    owner: ", quoted(row["owner"]) if row["owner"] else "null", "      ")
        lines += fitted(
            "    findings: ", "[" + ", ".join(scalar(finding) for finding in action.findings) + "]", "      "
        )
        lines.append("    done: false")
    return "\n".join(lines) + "\n"


# --- Reading a plan a team kept ------------------------------------------------------------------


def plan_rows_from_yaml(document: YamlDocument) -> list[PlanRow]:
    """The rows of a YAML plan file; every problem at once, with its line and column."""
    data = document.data
    problems: list[Problem] = []
    if not isinstance(data, dict) or not isinstance(data.get("actions"), list):
        raise InputError([document.problem((), "a plan file is a mapping with a list of `actions`, as --plan writes")])
    rows: list[PlanRow] = []
    seen: set[str] = set()
    for index, item in enumerate(data["actions"]):
        path = ("actions", index)
        if not isinstance(item, dict):
            problems.append(document.problem(path, "each action is a mapping with at least `id` and `done`"))
            continue
        row = _yaml_row(document, path, item, problems)
        if row is None:
            continue
        if row.id in seen:
            problems.append(document.problem((*path, "id"), f"the action '{row.id}' is listed twice; keep one"))
        seen.add(row.id)
        rows.append(row)
    if problems:
        raise InputError(problems)
    return rows


def plan_about(document: YamlDocument) -> PlanAbout | None:
    """What a YAML plan says it is about; None when it has no ``about`` (written by hand). A plan
    that says it in another shape than --plan writes is refused, at its line: it is all there is to
    tell a plan of another initiative or rubric by."""
    data = document.data
    about = data.get("about") if isinstance(data, dict) else None
    if about is None:
        return None
    initiative = about.get("initiative") if isinstance(about, dict) else None
    rubric = about.get("rubric") if isinstance(about, dict) else None
    if not isinstance(about, dict) or not isinstance(initiative, str | None) or not isinstance(rubric, str):
        message = "`about` must name the plan's `initiative` and `rubric` (its id), as --plan writes them"
        raise InputError([document.problem(("about",), message, key=True)])
    where = document.position(("about",), key=True)
    return PlanAbout(initiative, rubric, document.source, where.line, where.column)


def _yaml_row(
    document: YamlDocument, path: tuple[Any, ...], item: dict[str, Any], problems: list[Problem]
) -> PlanRow | None:
    found = len(problems)
    action_id, done, text, findings = item.get("id"), item.get("done"), item.get("text"), item.get("findings", [])
    if not isinstance(action_id, str) or not action_id:
        problems.append(document.problem((*path, "id"), "`id` must be the action's id, as --plan wrote it"))
    if not isinstance(done, bool):
        problems.append(document.problem((*path, "done"), "`done` must be true or false (not yes/no, which are text)"))
    if text is not None and not isinstance(text, str):
        problems.append(document.problem((*path, "text"), "`text` must be text"))
    if findings is None:
        findings = []
    if not isinstance(findings, list) or not all(isinstance(finding, str) for finding in findings):
        problems.append(document.problem((*path, "findings"), "`findings` must be a list of finding ids"))
    if len(problems) > found:
        return None
    assert isinstance(action_id, str) and isinstance(done, bool)
    return PlanRow(action_id, text or "", tuple(findings), done)


def plan_rows_from_csv(data: bytes, source: str) -> list[PlanRow]:
    """The rows of a CSV plan file (a header row naming at least ``id`` and ``done``)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem(source, 0, 0, "the plan file is not UTF-8 text; save it as UTF-8")]) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    problems: list[Problem] = []
    try:
        header = [cell.strip().lower() for cell in next(reader, [])]
        missing = [column for column in ("id", "done") if column not in header]
        if missing:
            message = f"the header row must name the columns {' and '.join(missing)}, as --plan writes them"
            raise InputError([Problem(source, 1, 1, message)])
        rows = _csv_rows(reader, header, source, problems)
    except csv.Error as error:
        raise InputError(
            [Problem(source, reader.line_num, 1, f"this CSV file cannot be read from here on: {error}")]
        ) from None
    if problems:
        raise InputError(problems)
    return rows


def _csv_rows(reader: Any, header: list[str], source: str, problems: list[Problem]) -> list[PlanRow]:
    rows: list[PlanRow] = []
    seen: set[str] = set()
    column = {name: header.index(name) for name in COLUMNS if name in header}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue

        values = {name: cells[at].strip() if at < len(cells) else "" for name, at in column.items()}

        def cell(name: str, values: dict[str, str] = values) -> str:
            return values.get(name, "")

        action_id, done_text = cell("id"), cell("done").lower()
        if not action_id:
            problems.append(Problem(source, line, column["id"] + 1, "this row has no action id"))
            continue
        if done_text not in _DONE_WORDS:
            message = f"`done` is '{cell('done')}'; write true or false (yes, no and x are also read)"
            problems.append(Problem(source, line, column["done"] + 1, message))
            continue
        if action_id in seen:
            problems.append(Problem(source, line, column["id"] + 1, f"the action '{action_id}' is listed twice"))
            continue
        seen.add(action_id)
        text = cell("text")
        rows.append(
            PlanRow(
                action_id,
                text[1:] if text.startswith("'") else text,
                tuple(cell("findings").split()),
                _DONE_WORDS[done_text],
            )
        )
    return rows
