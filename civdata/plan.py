"""The action plan as a file a team keeps in its repository and ticks off: YAML or CSV.

``civdata report ... --plan plan.yaml`` (or ``plan.csv``) writes one row per action of the report
(:attr:`civdata.results.Report.actions`): its id, text, severity, what to find out first when it
only may hold, how soon to act, the owner role, the findings it answers, and ``done: false``. The
team sets ``done`` to true as it acts. The next report, given the kept file with
``--baseline-plan``, says of each action marked done whether its findings are gone (done) or still
raised (marked done, but the finding is still there); see :func:`civdata.progress.plan_checks`.

Writing is pure (report in, text out); reading takes the bytes read by the command line and
returns the rows or every problem with its ``file:line:col``. Every value is written so that it
reads back as itself: YAML through the answers writer's scalars, CSV cells through
:func:`civdata.escape.csv_cell`, so a spreadsheet never runs a recommendation as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from civdata.answers_writer import comment_lines, fitted, quoted, scalar
from civdata.dates import date_problem
from civdata.escape import csv_cell, hidden_in
from civdata.initiatives import described
from civdata.model import ActBy
from civdata.problems import InputError, Problem, not_utf8
from civdata.records import record
from civdata.results import Action, Report
from civdata.yamlsource import YamlDocument

if TYPE_CHECKING:
    from civdata.progress import CarriedAction

PLAN_FORMAT = 1
#: What the ``kind`` of a plan file says, so no other YAML file is ever taken for one or replaced by one.
PLAN_KIND = "civdata-action-plan"
#: The plan's columns, in the order written, for CSV and YAML alike.
COLUMNS = ("id", "text", "severity", "find_out_first", "act_by", "owner", "findings", "done")
#: What ``find_out_first`` says of an action that only may hold (:attr:`civdata.results.Action.possibly`):
#: whether its findings hold at all, or, when other respondents' answers rule them out
#: (:attr:`civdata.results.Action.ruled_out`), who is right. Empty for an action the answers show.
FIND_OUT_WHETHER_IT_HOLDS = "whether it holds"
FIND_OUT_WHO_IS_RIGHT = "who is right"
#: The file endings a plan file may have, and the format each means.
PLAN_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv"}

#: The words a rubric says how soon to act in, as a plan writes them (``act_by``).
_ACT_BY_WORDS = tuple(act_by.value for act_by in ActBy)
#: Values of a CSV ``done`` cell, in any case.
_DONE_WORDS = {"true": True, "yes": True, "x": True, "done": True, "false": False, "no": False, "": False}


@record
class KeptCell:
    """A value a team may set in its plan (``act_by``, ``owner``), and where it is written: the next
    plan keeps it when it differs from what civdata wrote (:func:`civdata.progress.carried_over`),
    and a value that cannot be kept is a problem at this place in the kept plan."""

    value: str
    source: str
    line: int
    column: int

    def problem(self, message: str) -> Problem:
        """A problem located at this value."""
        return Problem(self.source, self.line, self.column, message)


@record
class PlanRow:
    """One row of a plan file a team kept: the action's id, its text and findings as written,
    whether the team marked it done, and its ``act_by`` and ``owner`` as kept ("" for none; None
    when the plan has no such column or key)."""

    id: str
    text: str
    findings: tuple[str, ...]
    done: bool
    act_by: KeptCell | None = None
    owner: KeptCell | None = None


@record
class PlanAbout:
    """What a YAML plan says it was made for (its ``about``: the report's initiative and rubric),
    and where that is written, to point at when it is not this report's."""

    initiative: str | None
    rubric: str
    source: str
    line: int
    column: int


@record
class KeptPlan:
    """A plan file a team kept: its rows, and what it says it is about (a CSV plan does not say)."""

    rows: tuple[PlanRow, ...]
    about: PlanAbout | None = None


def is_plan(data: object) -> bool:
    """Whether ``data``, read from a file, is an action plan civdata wrote (told by its ``kind``)."""
    return isinstance(data, dict) and data.get("kind") == PLAN_KIND


def is_plan_csv(data: bytes) -> bool:
    """Whether ``data`` starts with the header row of a CSV plan: one naming at least ``id`` and
    ``done``, the columns :func:`plan_rows_from_csv` needs, so that a plan --baseline-plan reads
    (saved again by a spreadsheet with another delimiter, its columns moved, one added) is told
    for a plan wherever else it is given."""
    return {"id", "done"} <= _header_cells(data)


def _header_cells(data: bytes) -> set[str]:
    """The names in the first row of CSV ``data``, in lower case, whichever delimiter a
    spreadsheet saved it with (the most frequent of comma, semicolon and tab)."""
    first_line = data[:4096].decode("utf-8-sig", errors="replace").split("\n", 1)[0].strip().lower()
    delimiter = max(",;\t", key=first_line.count)
    return {cell.strip().strip('"') for cell in first_line.split(delimiter)}


def kept_problems(row: PlanRow, written: Mapping[str, tuple[str, str]]) -> list[Problem]:
    """What in a kept row's ``act_by`` and ``owner`` cannot be written again in the next plan, at
    its place: an ``act_by`` that is neither a day written YYYY-MM-DD nor one of the words a rubric
    says how soon in, and either emptied where civdata wrote one (``written``: action id -> the
    ``act_by`` and ``owner`` the baseline's plan had, :func:`civdata_values`). Empty is what
    --plan writes where the rubric names no date or role, so it is refused only where it did."""
    then_act_by, then_owner = written.get(row.id, ("", ""))
    problems = []
    act_by, owner = row.act_by, row.owner
    if act_by is not None and act_by.value not in ("", *_ACT_BY_WORDS) and date_problem("act_by", act_by.value):
        problems.append(
            act_by.problem(
                f"`act_by` is '{act_by.value}': write a date as YYYY-MM-DD (such as 2027-03-31) or one of the "
                f"rubric's words ({', '.join(_ACT_BY_WORDS)})"
            )
        )
    if act_by is not None and not act_by.value and then_act_by:
        message = f"`act_by` is empty; write a date as YYYY-MM-DD, or the rubric's word civdata wrote ({then_act_by})"
        problems.append(act_by.problem(message))
    if owner is not None and not owner.value and then_owner:
        message = f"`owner` is empty; write who will act, or the role civdata wrote ({then_owner})"
        problems.append(owner.problem(message))
    if owner is not None and (hidden := hidden_in(owner.value)):
        message = (
            f"`owner` holds {described(''.join(dict.fromkeys(hidden)))}, which a reader cannot see or which acts on "
            "a terminal; remove it (the next plan writes the owner again)"
        )
        problems.append(owner.problem(message))
    return problems


def plan_format(path: Path) -> str | None:
    """``yaml`` or ``csv`` by the file's ending; None for any other."""
    return PLAN_FORMATS.get(path.suffix.lower())


def plan_text(report: Report, format_name: str, *, tool_version: str, generated_on: str) -> str:
    """The report's action plan as a plan file in ``format_name`` (``yaml`` or ``csv``)."""
    if format_name == "csv":
        return plan_csv(report)
    return plan_yaml(report, tool_version=tool_version, generated_on=generated_on)


def civdata_values(action: Action) -> tuple[str, str]:
    """The ``act_by`` and ``owner`` civdata writes for ``action`` ("" for none): what a kept value
    is told from, to know whether the team set it."""
    return (action.act_by.value if action.act_by else "", action.owner or "")


def find_out_first(action: Action) -> str:
    """What a team must find out before acting on ``action`` (the plan's ``find_out_first``): what
    "May hold: … find out first" says in a report; "" for an action its findings' answers show."""
    if not action.possibly:
        return ""
    return FIND_OUT_WHO_IS_RIGHT if action.ruled_out else FIND_OUT_WHETHER_IT_HOLDS


def _carried(report: Report) -> dict[str, CarriedAction]:
    """What the team set in the kept plan (``--baseline-plan``), by action id."""
    return {item.id: item for item in report.progress.carried} if report.progress else {}


def _row(action: Action, carried: Mapping[str, CarriedAction]) -> dict[str, str]:
    """The plan's row for ``action``: the owner and date the team set in the kept plan where it
    set them (``carried``, :func:`_carried`), else the rubric's."""
    act_by, owner = civdata_values(action)
    kept = carried.get(action.id)
    return {
        "id": action.id,
        "text": action.text,
        "severity": action.severity.value,
        "find_out_first": find_out_first(action),
        "act_by": kept.act_by if kept and kept.act_by is not None else act_by,
        "owner": kept.owner if kept and kept.owner is not None else owner,
        "findings": " ".join(action.findings),
        "done": "false",
    }


def plan_csv(report: Report) -> str:
    """One header row, then one row per action; ``findings`` separated by spaces."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    carried = _carried(report)
    for action in report.actions:
        row = _row(action, carried)
        writer.writerow([csv_cell(row[column]) for column in COLUMNS])
    return buffer.getvalue()


def set_by_people(rows: Sequence[PlanRow], report: Report) -> tuple[list[PlanRow], list[PlanRow]]:
    """What the plan a team keeps (its ``rows``) holds that a person set and the plan of ``report``
    would lose: the actions marked done (a new plan marks none), and those whose owner or date is
    one civdata never writes (a person's name, a day) and differs from what the new plan writes
    (what ``--baseline-plan`` carried over is written again). Writing the new plan over that file
    would lose them without a word (an outside review). An owner or date civdata writes (a role,
    one of the rubric's words) is not counted: civdata works them out from the answers, so they
    change whenever the answers do, and a plan nobody touched was refused (the review of the fix);
    so a team that moves an action from one role to another is not protected, and the docs say so."""
    carried = _carried(report)
    written = {action.id: _row(action, carried) for action in report.actions}
    own_words = {"act_by": {member.value for member in ActBy}, "owner": {role.id for role in report.rubric.roles}}
    done = [row for row in rows if row.done]
    changed = [
        row
        for row in rows
        if not row.done
        and any(
            cell is not None
            and cell.value
            and cell.value not in own_words[key]
            and cell.value != written.get(row.id, {}).get(key)
            for key, cell in (("act_by", row.act_by), ("owner", row.owner))
        )
    ]
    return done, changed


def is_plan_header(data: bytes) -> bool:
    """Whether ``data`` starts with the header of a CSV plan civdata wrote: every column it writes,
    in any order and with any delimiter (a spreadsheet saves it so), and no other. Stricter than
    :func:`is_plan_csv`, which tells a plan given to read: ``--plan tasks.csv`` wrote over a team's
    own task list (``id,task,assignee,done``) because it had an ``id`` and a ``done`` column (the
    review of the fix)."""
    return _header_cells(data) == set(COLUMNS)


def plan_yaml(report: Report, *, tool_version: str, generated_on: str) -> str:
    """The plan as YAML that yamllint's default rules pass: comments wrapped, long text split
    over lines where YAML reads it back the same (:func:`civdata.answers_writer.fitted`)."""
    rubric = report.rubric
    lines = [
        "---",
        *comment_lines(f"Action plan: {report.initiative or 'initiative not named'}"),
        *comment_lines(f"From civdata {tool_version} on {generated_on}, most pressing first."),
        *comment_lines(
            "Set done: true when an action is done, and owner and act_by (a date, YYYY-MM-DD) as you decide. "
            "Where find_out_first says what, find that out before you act: the action may not be needed. "
            "Give this file to the next report with --baseline-plan to see which actions are done and which "
            "findings are still raised; the next plan keeps the owners and dates you set."
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
    carried = _carried(report)
    for action in report.actions:
        row = _row(action, carried)
        lines.append(f"  - id: {scalar(row['id'])}")
        lines += fitted("    text: ", quoted(row["text"]), "      ")
        lines.append(f"    severity: {scalar(row['severity'])}")
        lines.append(f"    find_out_first: {scalar(row['find_out_first']) if row['find_out_first'] else 'null'}")
        lines += fitted("    act_by: ", scalar(row["act_by"]) if row["act_by"] else "null", "      ")
        lines += fitted("    owner: ", quoted(row["owner"]) if row["owner"] else "null", "      ")
        lines += fitted(
            "    findings: ", "[" + ", ".join(scalar(finding) for finding in action.findings) + "]", "      "
        )
        lines.append("    done: false")
    return "\n".join(lines) + "\n"


# --- Reading a plan a team kept ------------------------------------------------------------------


def plan_rows_from_yaml(document: YamlDocument, written: Mapping[str, tuple[str, str]] | None = None) -> list[PlanRow]:
    """The rows of a YAML plan file; every problem at once, with its line and column. ``written``
    as for :func:`kept_problems`."""
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
        problems += kept_problems(row, written or {})
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
    act_by, owner = (_yaml_cell(document, path, item, name, problems) for name in ("act_by", "owner"))
    if len(problems) > found:
        return None
    assert isinstance(action_id, str) and isinstance(done, bool)
    return PlanRow(action_id, text or "", tuple(findings), done, act_by, owner)


def _yaml_cell(
    document: YamlDocument, path: tuple[Any, ...], item: dict[str, Any], name: str, problems: list[Problem]
) -> KeptCell | None:
    """A YAML action's ``act_by`` or ``owner`` as kept (null as --plan writes it for none: ""), or
    None when the key is absent; a problem when it is not text or not a date civdata can keep."""
    if name not in item:
        return None
    value = item[name]
    if value is not None and not isinstance(value, str):
        problems.append(document.problem((*path, name), f"`{name}` must be text"))
        return None
    where = document.position((*path, name))
    return KeptCell((value or "").strip(), document.source, where.line, where.column)


def plan_rows_from_csv(data: bytes, source: str, written: Mapping[str, tuple[str, str]] | None = None) -> list[PlanRow]:
    """The rows of a CSV plan file (a header row naming at least ``id`` and ``done``); ``written``
    as for :func:`kept_problems`."""
    written = written or {}
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError([not_utf8(source, error, "the plan file")]) from None
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
        rows = _csv_rows(reader, header, source, problems, written)
    except csv.Error as error:
        raise InputError(
            [Problem(source, reader.line_num, 1, f"this CSV file cannot be read from here on: {error}")]
        ) from None
    if problems:
        raise InputError(problems)
    return rows


def _csv_rows(
    reader: Any, header: list[str], source: str, problems: list[Problem], written: Mapping[str, tuple[str, str]]
) -> list[PlanRow]:
    rows: list[PlanRow] = []
    seen: set[str] = set()
    column = {name: header.index(name) for name in COLUMNS if name in header}
    end = reader.line_num
    for cells in reader:
        start, end = end + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        values = {name: cells[at].strip() if at < len(cells) else "" for name, at in column.items()}
        where = {name: (_cell_line(cells, at, start), at + 1) for name, at in column.items()}

        def cell(name: str, values: dict[str, str] = values) -> str:
            return values.get(name, "")

        def problem(name: str, message: str, where: dict[str, tuple[int, int]] = where) -> Problem:
            return Problem(source, *where[name], message)

        action_id, done_text = cell("id"), cell("done").lower()
        if not action_id:
            problems.append(problem("id", "this row has no action id"))
            continue
        if done_text not in _DONE_WORDS:
            problems.append(
                problem("done", f"`done` is '{cell('done')}'; write true or false (yes, no and x are also read)")
            )
            continue
        if action_id in seen:
            problems.append(problem("id", f"the action '{action_id}' is listed twice"))
            continue
        seen.add(action_id)
        act_by, owner = (
            KeptCell(_unescaped(cell(name)), source, *where[name]) if name in where else None
            for name in ("act_by", "owner")
        )
        row = PlanRow(
            action_id, _unescaped(cell("text")), tuple(cell("findings").split()), _DONE_WORDS[done_text], act_by, owner
        )
        problems += kept_problems(row, written)
        rows.append(row)
    return rows


def _cell_line(cells: list[str], at: int, start: int) -> int:
    """The line the cell ``at`` of a row starting on line ``start`` is on: after the line breaks of
    the cells before it, which a spreadsheet writes inside a cell (Alt+Enter), so a problem points
    where the cell is, not where its row ends (reader.line_num)."""
    return start + sum(cell.count("\n") for cell in cells[:at])


def _unescaped(text: str) -> str:
    """A CSV cell's text without the apostrophe :func:`civdata.escape.csv_cell` writes before it."""
    return text[1:] if text.startswith("'") else text
