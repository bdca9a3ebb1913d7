"""Read what a report is compared with: an earlier report or answers (``--baseline``), the plan
file a team kept (``--baseline-plan``), and the dated reports of a history (``civdata history``).

Every file is read through :mod:`civdata.safe_read` (regular files only, size limit, never an
output of the same run) and checked before anything is compared: a JSON report against the report
schema, at the line and column of each problem; answers exactly as ``civdata report`` checks them.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from civdata.answers_loader import rubric_reference
from civdata.dates import date_problem
from civdata.initiatives import another_initiative, initiative_key, named_initiative, same_initiative
from civdata.inputs import AnswerStream
from civdata.model import Rubric
from civdata.plan import (
    KeptPlan,
    is_plan,
    is_plan_csv,
    plan_about,
    plan_format,
    plan_rows_from_csv,
    plan_rows_from_yaml,
)
from civdata.problems import InputError, Problem, quoted_list
from civdata.progress import SAME_RUBRIC, Backwards, baseline_problems
from civdata.records import record
from civdata.report_seal import SEAL_KEY, seal_broken
from civdata.safe_read import (
    INPUT_LIMIT,
    REPORT_LIMIT,
    STDIN_LABEL,
    ReadRefused,
    display_name,
    is_json_name,
    is_stdin,
    read_regular_file,
    set_aside_as_plan,
)
from civdata.snapshot import Snapshot, snapshot_from_json
from civdata.versions import is_version, version_key
from civdata.wording import and_list
from civdata.yamlsource import DataPath, YamlDocument, read_yaml_file, yaml_from_bytes

if TYPE_CHECKING:
    from civdata.results import Report


@record
class Baseline:
    """An earlier assessment to compare with (``--baseline``), and the plan file the team kept
    since (``--baseline-plan``), when given."""

    snapshot: Snapshot
    #: The file or files it was read from, as given.
    source: str
    plan: KeptPlan | None = None
    #: Its files, folders read out: where to point when it is not of the report's initiative.
    paths: tuple[Path, ...] = ()


#: How to make what a history or a baseline reads, said with every file given in its place.
MAKE_A_REPORT = "`civdata report ANSWERS -f json -o report.json`"

#: What to do instead, for each kind of file that is plainly not a JSON report (see :func:`kind_of_other`).
NOT_A_REPORT = {
    "answers": "this is an answers file, not a JSON report; write its JSON report with "
    "`civdata report {path} -f json -o report.json` and give that",
    "rubric": f"this is a rubric, not a JSON report; a rubric is given with --rubric, and here a JSON report: "
    f"{MAKE_A_REPORT}",
    "sarif": f"this is a SARIF report (-f sarif), which holds no scores; give the JSON report: {MAKE_A_REPORT}",
    "codequality": "this is a GitLab Code Quality report (-f codequality), which holds no scores; give the JSON "
    f"report: {MAKE_A_REPORT}",
    "plan": f"this is an action plan (--plan), not a JSON report; give the JSON report: {MAKE_A_REPORT} (a plan "
    "kept since a baseline goes with --baseline-plan)",
    "history": "this is a history (civdata history), not a JSON report; give the JSON reports it lines up (its "
    f"Report row names them), each written by {MAKE_A_REPORT}",
    "markdown": "this is a Markdown report, which is for people to read, not a JSON report; give the JSON report "
    f"written with it, or write one: {MAKE_A_REPORT}",
    "html": "this is an HTML report, which is for people to read, not a JSON report; give the JSON report written "
    f"with it, or write one: {MAKE_A_REPORT}",
    "summary": "this is a job summary (-f summary), which is for people to read, not a JSON report; give the JSON "
    f"report written with it, or write one: {MAKE_A_REPORT}",
    "picture": "this is a picture (SVG) of scores, which civdata writes beside a Markdown report or a history, not "
    f"a JSON report; give the JSON report written with it, or write one: {MAKE_A_REPORT}",
}

#: The start of every HTML page civdata writes (a report or a history), and what says civdata wrote it.
_HTML_START = b"<!doctype html"
_HTML_GENERATOR = b'<meta name="generator" content="civdata '
#: The start of a picture civdata writes (``report.areas.svg``, ``.progress.svg``, ``.history.svg``).
_SVG_START = b"<svg"
_SVG_NAMESPACE = b'xmlns="http://www.w3.org/2000/svg"'
#: The rows a Markdown report starts its tables with.
_MARKDOWN_ROW = re.compile(r"^\|.*\|[ \t]*$", re.MULTILINE)


class SealBroken(InputError):
    """A valid JSON report whose content no longer matches its seal (:data:`SEAL_BROKEN`): a
    report, whatever its file is named, so never read as answers next."""


class NotAReport(InputError):
    """A file given for a JSON report that is plainly another kind of file (``kind``, a key of
    :data:`NOT_A_REPORT`): one problem says so, instead of every key of a report it lacks."""

    def __init__(self, problem: Problem, kind: str) -> None:
        super().__init__([problem])
        self.kind = kind


def is_report_file(path: Path) -> bool:
    """Whether a file is named as a JSON report: one that holds no answers is then a report gone
    wrong, and its problems are the report schema's."""
    return is_json_name(path.name)


#: What a baseline's file is to the run while it is read as a JSON report (files it read are never written over).
BASELINE_REPORT_ROLE = "a baseline report"


def read_report_snapshot(
    path: Path,
    *,
    role: str = BASELINE_REPORT_ROLE,
    kept: dict[str, tuple[YamlDocument, list[Problem]]] | None = None,
) -> Snapshot:
    """A JSON report written by civdata, checked against the report schema, as a snapshot.

    A valid report is parsed as strict JSON (no duplicate keys, no number that is not finite) and
    checked by the fast schema check. Anything else is read again by the YAML reader (JSON is YAML
    1.2), which knows the line and column of every value, for the problems. A file that is plainly
    another kind (answers, the obvious mistake, since ``--baseline`` takes them; a rubric; a SARIF
    or Code Quality report; a plan) is one problem, :class:`NotAReport`, that says what it is and
    what to give instead: the report schema's list of every key it lacks would not.

    A file read as YAML is put in ``kept`` (by its path), when given: read once, it can be read as
    answers next without being read or parsed again (standard input cannot be read again at all).

    civdata must read back any report it writes, and the ``--detail`` report of a large
    consultation is far larger than any answers file, so the file is read within
    :data:`~civdata.safe_read.REPORT_LIMIT`. Only a valid report may be that large: anything else
    (answers, a report gone wrong, which would be read again by the slow YAML reader) keeps the
    limit of the files a person writes, :data:`~civdata.safe_read.INPUT_LIMIT`.
    """
    from civdata.schemacheck import is_valid

    shown = display_name(path)
    try:
        raw = read_regular_file(path, role, REPORT_LIMIT)
    except ReadRefused as refused:
        raise InputError([Problem(shown, 0, 0, refused.reason)]) from None
    if len(raw) > INPUT_LIMIT.most and not _may_be_a_report(raw):
        raise InputError([Problem(shown, 0, 0, _not_a_large_report(len(raw)))])
    data = _strict_json(raw)
    if data is not None and is_valid(data, "report") and not _date_problems(data):
        if seal_broken(data):
            found = problem_at(path, (SEAL_KEY,), SEAL_BROKEN, role=role) or _at_the_seal(raw, shown)
            raise SealBroken([found])
        return _unsealed(snapshot_from_json(data), data, shown)
    if len(raw) > INPUT_LIMIT.most:
        raise InputError([Problem(shown, 0, 0, _not_a_large_report(len(raw)))])
    if is_plan_csv(raw):
        raise NotAReport(Problem(shown, 1, 1, NOT_A_REPORT["plan"]), "plan")
    # The bytes already read: standard input cannot be read a second time.
    document, problems = yaml_from_bytes(raw, shown)
    if problems and document.data is None and (said := _json_syntax_problem(raw, shown)) is not None:
        problems = [said]  # a file written as JSON is told its mistake as JSON, not as YAML
    written_for_people = _for_people(raw, read_as_yaml=not problems)
    if written_for_people is not None:
        raise NotAReport(Problem(shown, 1, 1, NOT_A_REPORT[written_for_people]), written_for_people)
    if kept is not None:
        kept[str(path)] = (document, problems)
    return report_from_document(document, problems)


#: The fewest bytes a value of a JSON report civdata writes takes, on average, counting every ``,``,
#: ``[`` and ``{`` (its ``--detail`` report takes about 23). Parsing JSON costs memory by the value,
#: so a file over the answers limit with more values than that for its size (``[[],[],...]``, 29
#: times its size once parsed) is refused unparsed; a report is parsed in about 5 times its size.
_BYTES_PER_VALUE = 12


def _may_be_a_report(raw: bytes) -> bool:
    """Whether a file over the limit of answers files can be a JSON report civdata wrote, told
    without parsing it: it starts as one does, and holds no more values than one of its size could."""
    start = raw[:1024]
    if start.lstrip()[:1] != b"{" or b'"report_format"' not in start:
        return False
    values = raw.count(b",") + raw.count(b"[") + raw.count(b"{")
    return values * _BYTES_PER_VALUE <= len(raw)


def _not_a_large_report(size: int) -> str:
    """Why a file over the limit of answers files, read as a report, is not read further: a valid
    JSON report of that size would have been read, so the file is something else, or a report
    gone wrong, and either keeps the smaller limit."""
    return (
        f"is {size / 1048576:.1f} MiB and not a valid JSON report written by civdata (which is read up to "
        f"{REPORT_LIMIT.most >> 20} MiB); civdata reads {INPUT_LIMIT.words}"
    )


def report_from_document(document: YamlDocument, problems: list[Problem]) -> Snapshot:
    """A JSON report read as YAML (JSON is YAML 1.2), with the ``problems`` found reading it, as a
    snapshot; or every problem, one :class:`NotAReport` for a file of another kind (see
    :func:`read_report_snapshot`). Standard input, which can be read only once, is told this way."""
    from civdata.schemacheck import schema_problems

    if problems:
        raise InputError(problems)
    other = kind_of_other(document.data)
    if other is not None:
        # A command to run names standard input as it is given: -.
        message = NOT_A_REPORT[other].replace("{path}", "-" if document.source == STDIN_LABEL else document.source)
        raise NotAReport(document.problem((), message), other)
    if document.data is None:
        # Nothing to check against the report schema (whose check needs something written).
        message = f"the file is empty (nothing but blanks or comments); a JSON report is written by {MAKE_A_REPORT}"
        raise InputError([document.problem((), message)])
    if isinstance(document.data, dict) and document.data.get("report_format") not in (None, 2):
        message = (
            f"this report has report_format {document.data.get('report_format')}; civdata reads format 2 "
            "(write the report again with this civdata)"
        )
        raise InputError([document.problem(("report_format",), message)])
    if isinstance(document.data, dict) and not document.data.keys() & _REPORT_KEYS:
        message = (
            f"this is not a JSON report written by civdata (it has none of {quoted_list(sorted(_REPORT_KEYS))}); "
            f"give the JSON report: {MAKE_A_REPORT}"
        )
        raise InputError([document.problem((), message)])
    problems = schema_problems(document, "report")
    if problems:
        earlier = _written_earlier(document)
        raise InputError([earlier] if earlier is not None else problems)
    problems = [document.problem(path, message) for path, message in _date_problems(document.data)]
    if problems:
        raise InputError(problems)
    if seal_broken(document.data):
        raise SealBroken([document.problem((SEAL_KEY,), SEAL_BROKEN)])
    return _unsealed(snapshot_from_json(document.data), document.data, document.source)


#: What a report whose seal no longer matches its content is told (:mod:`civdata.report_seal`).
SEAL_BROKEN = (
    f"the report's content is not what civdata wrote ({SEAL_KEY}, its seal, no longer matches it): it was edited "
    "since, and is not compared; give the report as civdata wrote it, or write one from the answers of that time: "
    f"{MAKE_A_REPORT}"
)


def _unsealed(snapshot: Snapshot, data: Mapping[str, Any], source: str) -> Snapshot:
    """``snapshot``, with the warning a report without a seal gives: written before civdata sealed
    its reports, or with its seal taken out, an edit since cannot be told."""
    if SEAL_KEY in data:
        return snapshot
    note = (
        f"{source} holds no {SEAL_KEY}: written by a civdata that did not seal its reports, or with its seal taken "
        "out, so an edit since it was written cannot be told, and its figures are compared as written; write it "
        "again with this civdata to have it checked"
    )
    return replace(snapshot, unsealed_note=note)


#: The keys civdata's JSON report came to require after its first reports of format 2 (civdata
#: 0.1.0, November 2026): the action plan (``actions``), each finding's date to act by
#: (``act_by``) and how many answered in each role (``count``). Keys added since are optional.
KEYS_ADDED_TO_FORMAT_2 = frozenset({"actions", "act_by", "count"})


def _written_earlier(document: YamlDocument) -> Problem | None:
    """One problem in place of the schema's many when a report lacks only keys an earlier civdata
    did not write (:data:`KEYS_ADDED_TO_FORMAT_2`): 86 lines of "missing 'act_by'" told a team
    its baseline was broken, when it was only older than the civdata reading it."""
    from civdata.schemacheck import missing_keys_only

    missing = missing_keys_only(document.data, "report")
    if not missing or not missing <= KEYS_ADDED_TO_FORMAT_2:
        return None
    tool = document.data.get("tool") if isinstance(document.data, dict) else None
    version = tool.get("version") if isinstance(tool, dict) else None
    # Named only when it is a version: the rest of a file's text has no place in this sentence.
    by = f" {version}" if isinstance(version, str) and is_version(version) else ""
    keys = and_list([f"'{key}'" for key in sorted(missing)])
    # "Before", not "an earlier civdata": the version may be this one's, in its first weeks.
    message = (
        f"this report was written by civdata{by} before its JSON reports held {keys}, which this civdata "
        "reads; write it again with this civdata from the answers files of that time (civdata report FILES -o "
        "report.json), which --baseline also takes as they are"
    )
    return document.problem((), message)


def _date_problems(data: dict[str, Any]) -> list[tuple[DataPath, str]]:
    """Where a report valid by the schema holds a date that is none (``2027-1-14``, ``14/01/2027``,
    ``2027-02-30``), and why, as answers files are checked (:func:`civdata.dates.date_problem`): a
    history and a baseline put reports in order by these dates, as text."""
    found: list[tuple[DataPath, str]] = []
    dated: list[tuple[DataPath, Any]] = [(("generated_on",), data["generated_on"])]
    dated += [
        (("respondents", index, "answered_on"), row["answered_on"]) for index, row in enumerate(data["respondents"])
    ]
    for path, value in dated:
        message = date_problem(str(path[-1]), value) if isinstance(value, str) else None
        if message is not None:
            found.append((path, message))
    return found


def _for_people(raw: bytes, *, read_as_yaml: bool) -> str | None:
    """``html``, ``markdown``, ``summary``, ``history`` or ``picture`` when ``raw`` is a page civdata
    wrote for people to read (a report or a history in HTML, Markdown or text, a job summary, the
    SVG picture of scores beside a Markdown report or a history), else None:
    given for a JSON report, it would be told as invalid YAML, which says nothing of what to give
    instead.

    An HTML page is told by civdata's generator line near its top. The others are told only when
    they are not YAML (their tables and bold text never are), by the heading their renderers open
    with (a Markdown report: a heading and a table row): an answers file that opens with a
    comment is YAML, and is read as one.
    """

    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[: len(_HTML_START)].lower() == _HTML_START and _HTML_GENERATOR in head:
        return "history" if b"<title>History: " in head else "html"
    if head.startswith(_SVG_START) and _SVG_NAMESPACE in head[:512]:
        # Told before YAML is: a picture on one line would read as YAML text.
        return "picture"
    if read_as_yaml:
        return None
    # Only for a file that is not YAML: a valid report never loads the renderers.
    from civdata.render.history import MARKDOWN_HEADING, TEXT_HEADING
    from civdata.render.summary import SUMMARY_HEADING

    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
    if text.startswith((MARKDOWN_HEADING, TEXT_HEADING)):
        return "history"
    if text.startswith(SUMMARY_HEADING):
        return "summary"
    if text.startswith("# ") and _MARKDOWN_ROW.search(text):
        return "markdown"
    return None


def kind_of_other(data: Any) -> str | None:
    """What a file that is not a valid JSON report is, when its top plainly says so: an answers
    file, a rubric, a SARIF or GitLab Code Quality report, an action plan or a history (a key of
    :data:`NOT_A_REPORT`); None for a civdata JSON report gone wrong, or anything else, whose
    problems the report schema then says one by one.

    A file is a JSON report gone wrong when it has any key only a report has (``report_format``,
    ``verdict``, ``findings``, ...): answers and rubrics have ``rubric``, ``areas`` and ``format``
    too, so those cannot tell.
    """
    from civdata.checking import Kind, kind_of
    from civdata.schemacheck import load_schema

    if isinstance(data, list):
        issues = bool(data) and all(
            isinstance(item, dict) and {"check_name", "fingerprint"} <= item.keys() for item in data
        )
        return "codequality" if issues else None
    if not isinstance(data, dict):
        return None
    if is_plan(data):
        return "plan"
    if "history_format" in data:
        return "history"
    others = {key for name in ("answers", "rubric") for key in load_schema(name)["properties"]}
    if data.keys() & (load_schema("report")["properties"].keys() - others):
        return None
    if "runs" in data:
        return "sarif"
    return {Kind.ANSWERS: "answers", Kind.RUBRIC: "rubric"}.get(kind_of(data))


#: Keys every JSON report civdata writes has: a mapping with none of them is some other JSON.
_REPORT_KEYS = frozenset({"report_format", "kind", "findings", "verdict"})


#: Where a JSON report's seal is written: its key, then the value that :func:`_at_the_seal` places.
_SEAL_WRITTEN = re.compile(rf'"{SEAL_KEY}"\s*:\s*'.encode())


def _at_the_seal(raw: bytes, shown: str) -> Problem:
    """:data:`SEAL_BROKEN` at the seal's value in a JSON report's bytes, as the YAML reader would
    place it: for a report it cannot read again (standard input, or JSON that YAML refuses, such
    as a lone surrogate escape ``"\\ud800"`` added to it). The seal is the report's last key, so
    the last match is it; a report that has none is told without a place."""
    found = next(reversed(list(_SEAL_WRITTEN.finditer(raw))), None)
    if found is None:
        return Problem(shown, 0, 0, SEAL_BROKEN)
    before = raw[: found.end()].decode("utf-8", errors="replace").removeprefix("\ufeff")
    line_start = before.rfind("\n") + 1
    return Problem(shown, before.count("\n") + 1, len(before) - line_start + 1, SEAL_BROKEN)


def _json_syntax_problem(raw: bytes, shown: str) -> Problem | None:
    """What is wrong with a file written as JSON (it starts with ``{``) that the YAML reader could
    not read, in JSON's words and at JSON's place; one that ends before its last value does is
    said to be cut short, as an artefact download that stopped part way is (a CI review: "invalid
    YAML" sent a team looking at their answers files). None for anything else."""
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    if not text.lstrip().startswith("{"):
        return None
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        if not text[error.pos :].strip() or error.msg.startswith("Unterminated string"):  # runs to the end
            message = (
                "invalid JSON: the file ends before the report does (cut short? a download or a copy that stopped "
                "part way); write or download the report again"
            )
        else:
            message = f"invalid JSON: {error.msg}"
        return Problem(shown, error.lineno, error.colno, message)
    except RecursionError:
        return None
    return None


def _strict_json(raw: bytes) -> Any:
    """``raw`` as JSON, or None when it is not strictly JSON (the YAML reader then says where)."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        if len(set(keys)) != len(keys):
            raise ValueError("a key twice")
        return dict(pairs)

    def finite(text: str) -> float:
        number = float(text)
        if not math.isfinite(number):
            raise ValueError("not finite")
        return number

    def refuse(text: str) -> Any:
        raise ValueError(f"{text} is not a number")

    try:
        return json.loads(
            raw.decode("utf-8"), object_pairs_hook=no_duplicates, parse_float=finite, parse_constant=refuse
        )
    except (ValueError, RecursionError):
        return None


def read_baseline(paths: list[Path], rubric: Rubric, rubric_spec: str | None, *, lang: str | None) -> Snapshot:
    """The baseline a report on ``rubric`` is compared with: one JSON report, or the answers files
    of that time, scored now against the same rubric (so they must be for its version)."""
    reports, answers, already_read = _baseline_files(paths)
    snapshot = (
        reports[0]
        if reports
        else _answers_snapshot(answers, rubric_spec, rubric.id, lang=lang, already_read=already_read)
    )
    where = ", ".join(display_name(path) for path in paths)
    problems = baseline_problems(rubric, snapshot)
    if problems:
        raise InputError([Problem(where, 0, 0, message) for message in problems])
    if reports:
        from civdata.baseline_check import rescored

        return rescored(snapshot, rubric, where)
    return snapshot


#: Files read before they were known to be answers, by the name given, with what reading found.
_AlreadyRead = dict[str, tuple[YamlDocument, list[Problem]]]


def _baseline_files(paths: list[Path]) -> tuple[list[Snapshot], list[Path], _AlreadyRead]:
    """The JSON report, or else the answers files, of a baseline: every file is told by what it
    holds (:func:`read_report_snapshot`, :func:`kind_of_other`), whatever its name ends in, so a
    SARIF report, a rubric or a plan is one problem that says what it is, rather than every key of
    an answers file it lacks. A file that is none of these is read as answers, whose reader says
    what is wrong with it; one ending in ``.json`` and no answers, as a report gone wrong.
    Standard input is told the same way, but read once: when it holds answers, it is returned as
    read, for the answers reader."""
    reports: list[tuple[Path, Snapshot]] = []
    answers: list[Path] = []
    already_read: _AlreadyRead = {}
    problems: list[Problem] = []
    for path in paths:
        try:
            snapshot = _baseline_report(path, already_read, among_answers=len(paths) > 1)
        except InputError as error:
            problems += error.problems
            continue
        if snapshot is None:
            answers.append(path)
        else:
            reports.append((path, snapshot))
    if problems:
        raise InputError(problems)
    if reports and len(paths) > 1:
        message = "a baseline is one JSON report, or answers files and folders; not both, nor two reports"
        raise InputError([Problem(display_name(reports[-1][0]), 0, 0, message)])
    return [snapshot for _, snapshot in reports], answers, already_read


def _baseline_report(path: Path, already_read: _AlreadyRead, *, among_answers: bool = False) -> Snapshot | None:
    """The JSON report at ``path``, or None when it is to be read as answers; raise with the one
    problem of a file of another kind, or the problems of a report gone wrong. Standard input read
    as YAML on the way is kept in ``already_read``, for the answers reader, as it cannot be read
    twice. A file is read again: 500 answers files kept as parsed, with the place of every value,
    took 103 MiB before a line of the report was made (the review of issue 10).

    An action plan ``among_answers`` (a folder of them, where a team keeps its plan) goes to the
    answers reader, which leaves it out and says so, as a report on that folder does: the folder
    was refused as a baseline, "this is an action plan, not a JSON report" (the review of the fix)."""
    try:
        return read_report_snapshot(path, kept=already_read if is_stdin(path) else None)
    except SealBroken:
        raise  # a report, edited: standard input, or a file named otherwise, is not answers either
    except NotAReport as error:
        # Answers saved as JSON: `civdata report` reads them as answers, and so does --baseline.
        if error.kind == "plan" and among_answers:
            set_aside_as_plan(path, BASELINE_REPORT_ROLE)  # not an input, unless read as one again
            return None
        if error.kind == "answers":
            return None
        raise
    except InputError:
        if is_report_file(path):
            raise
        return None


def check_belongs(report: Report, baseline: Baseline) -> None:
    """Refuse a baseline, or a plan kept since, that is not of the initiative this report is on,
    with one problem each where it says what it is about: compared, two initiatives would be shown
    as progress, ``--fail-on-regression`` would judge one by the other, and another initiative's
    actions would be reported done. Names are compared as in a history and across the files of one
    report (:func:`civdata.initiatives.same_initiative`: Unicode NFC, spacing and case aside); a history refuses another
    initiative too, and a renamed one is corrected in its files."""
    then, now = baseline.snapshot.initiative, report.initiative
    problems = []
    if not same_initiative(then, now):
        rule = "a baseline is an earlier assessment of the same initiative: give its JSON report or answers files"
        message = another_initiative("the baseline", then, "these answers are", now, rule)
        problems.append(_where_named(baseline.paths, then, message))
    else:  # the dates of another initiative's assessment say nothing of this one's
        problems += _later_problems(report, baseline) or _earlier_people_problems(report, baseline)
    about = baseline.plan.about if baseline.plan is not None else None
    if about is not None and (not same_initiative(about.initiative, now) or about.rubric != report.rubric.id):
        message = (
            f"this plan is about {named_initiative(about.initiative)} on rubric '{about.rubric}', but these answers "
            f"are about {named_initiative(now)} on rubric '{report.rubric.id}'; give with --baseline-plan the plan "
            "written (--plan) with the baseline's report, or leave --baseline-plan out"
        )
        problems.append(Problem(about.source, about.line, about.column, message))
    if problems:
        raise InputError(problems)


def _later_problems(report: Report, baseline: Baseline) -> list[Problem]:
    """A baseline whose answers were given after these: compared the wrong way round, every change
    would read backwards (better as worse) and ``--fail-on-regression`` would judge the earlier
    assessment by the later. A baseline is an earlier assessment (docs/progress.md), so it is
    refused where it says its date. One of the same day is compared, with a warning (see
    :func:`civdata.progress.compare`), and so is one whose answers carry no date: a JSON report's
    ``generated_on`` is when it was written, not when its answers were given."""
    dates = [row.date for row in report.respondents if row.date]
    then, now = baseline.snapshot.assessed_on, max(dates) if dates else None
    if not baseline.snapshot.answers_dated or then is None or now is None or then <= now:
        return []
    from civdata.dates import beyond_next_year

    dated = f"the baseline's answers are dated {then}, later than these answers ({now})"
    if (today := beyond_next_year(then)) is not None:  # 2207 for 2027: no swapping will mend that
        message = (
            f"{dated} and more than a year after today ({today}): if that date is a typo, correct it in the baseline "
            "(and write the report again from its answers); if not, a baseline is an earlier assessment: swap them"
        )
    else:
        message = (
            f"{dated}; a baseline is an earlier assessment: swap them, reporting on the later answers with the "
            "earlier ones as --baseline"
        )
    return [_where_dated(baseline.paths, then, message)]


def _earlier_people_problems(report: Report, baseline: Baseline) -> list[Problem]:
    """One problem per person whose answers here are dated before their own answers in the
    baseline (:class:`civdata.progress.Backwards`), at the ``date`` of their file here: the whole
    baseline being earlier says nothing of each person's file in it, and one stale file copied into
    this round's folder would be compared backwards, its later answers judged by the earlier, and
    a regression could read as progress. Refused rather than left out, as a baseline dated later
    is: which of the person's answers is meant is for the team to say. A report by role only names
    nobody, nor any file, here either."""
    if report.progress is None:
        return []
    rows = {row.label: row for row in report.respondents}
    problems = []
    for item in report.progress.backwards:
        row = rows.get(item.label)
        source = row.source if row is not None else ""
        message = _earlier_person(item, baseline.source, anonymized=report.anonymized)
        found = problem_at(Path(source), ("date",), message, role="answers") if source else None
        # By role only, the respondent's label stands where a file would: "Lead organisation 1: ...".
        problems.append(found or Problem(source or item.label, 0, 0, message))
    return problems


def _earlier_person(item: Backwards, baseline_source: str, *, anonymized: bool) -> str:
    """What :func:`_earlier_people_problems` says of one person, and how to fix it."""
    if anonymized:
        return (
            f"these answers are dated {item.on}, earlier than the same respondent's answers in the "
            f"baseline (dated {item.then_on}): compared, every change of theirs would read backwards and "
            "--fail-on-regression would judge their later answers by the earlier; report on their latest answers "
            "instead (run without --anonymize to be told which file this is)"
        )
    who = item.who or "this respondent"
    then = f"{item.then_source or baseline_source}, dated {item.then_on}"
    return (
        f"{who}'s answers here are dated {item.on}, earlier than {who}'s answers in the baseline ({then}): "
        "compared, every change of theirs would read backwards and --fail-on-regression would judge the later "
        f"answers by the earlier; put {who}'s latest answers (dated {item.then_on} or later) in place of this "
        "file, or leave it out of the answers reported on"
    )


def _where_dated(paths: Sequence[Path], date: str, message: str) -> Problem:
    """``message`` where the first of ``paths`` says ``date``: an answers file's ``date`` or a JSON
    report's ``answered_on`` (its own or a respondent's), never its ``generated_on``, which is no
    date of the answers (:func:`_later_problems`); at the files
    as a whole when none can be read again (standard input)."""
    for path in paths:
        document = _read_again(path, role="a baseline")
        if document is None:
            continue
        respondents = document.data.get("respondents")
        places: list[tuple[str | int, ...]] = [("date",), ("answered_on",)]
        if isinstance(respondents, list):
            places += [("respondents", index, "answered_on") for index in range(len(respondents))]
        for place in places:
            if document.value(place) == date:
                return document.problem(place, message)
    return Problem(", ".join(display_name(path) for path in paths), 0, 0, message)


def _where_named(paths: Sequence[Path], initiative: str, message: str) -> Problem:
    """``message`` at the first of ``paths`` that names ``initiative`` (a JSON report or an answers
    file: JSON is YAML); at the files as a whole when none can be read again (standard input)."""
    for path in paths:
        found = problem_at(path, ("initiative",), message, role="a baseline", holding=initiative_key(initiative))
        if found is not None:
            return found
    return Problem(", ".join(display_name(path) for path in paths), 0, 0, message)


def problem_at(path: Path, where: DataPath, message: str, *, role: str, holding: str | None = None) -> Problem | None:
    """``message`` at ``where`` in the file at ``path``, a report or answers already read and
    checked (JSON is YAML), read again only now that a problem is to be told, so that reading a
    valid report stays fast. None when it cannot be read again (standard input) or, with
    ``holding``, when the initiative it names is not that one (compared by
    :func:`civdata.initiatives.initiative_key`)."""
    document = _read_again(path, role=role)
    if document is None:
        return None
    if holding is not None and initiative_key(document.value(("initiative",))) != holding:
        return None
    return document.problem(where, message)


def _read_again(path: Path, *, role: str) -> YamlDocument | None:
    """A file already read and checked, read again to place a problem in it: None for standard
    input (read once, and gone) and for what no longer reads as a mapping."""
    if is_stdin(path):
        return None
    document, problems = read_yaml_file(path, role=role)
    return document if not problems and isinstance(document.data, dict) else None


def _answers_snapshot(
    paths: list[Path], rubric_spec: str | None, rubric_id: str, *, lang: str | None, already_read: _AlreadyRead
) -> Snapshot:
    """The answers files of a baseline, scored now as ``civdata report`` scores them (those in
    ``already_read`` as they were read), for a report on the rubric ``rubric_id``."""
    from civdata.reporting import answers_snapshot

    stream = AnswerStream(paths, rubric_spec, lang=lang, already_read=already_read)
    try:
        baseline_rubric = stream.rubric()
        snapshot = answers_snapshot(baseline_rubric, stream)
    except InputError as error:
        other = _for_another_rubric(stream.first_document, rubric_id)
        if other is not None:
            raise InputError([other]) from None
        raise InputError([_as_baseline(problem) for problem in error.problems]) from None
    # What was left out reading them, said as for the answers of the report (copies above all).
    snapshot = replace(snapshot, left_out=tuple(stream.skipped), alike=tuple(stream.alike))
    # Answers made for an older PATCH version are scored with this one: say which they were made
    # for (the report names it), and that their severities are this version's (Snapshot.scored_with).
    older = [
        version for version in stream.same_questions if version_key(version) < version_key(snapshot.rubric_version)
    ]
    if older:
        return replace(snapshot, rubric_version=min(older, key=version_key), scored_with=snapshot.rubric_version)
    return snapshot


def _for_another_rubric(document: YamlDocument | None, rubric_id: str) -> Problem | None:
    """The one problem of baseline answers for another rubric than the report's, at the rubric id
    they name, or None. It is what a JSON report of another rubric is told (:func:`baseline_problems`):
    what reading them found instead (no bundled rubric has that id: "pass its file with --rubric")
    sent a person to give a rubric the report's own answers are not for."""
    if document is None or not isinstance(document.data, dict):
        return None
    named = rubric_reference(document)[0]
    if not isinstance(named, str) or named == rubric_id:
        return None
    return document.problem(
        ("rubric", "id"),
        f"these baseline answers are for rubric '{named}', but this report is on '{rubric_id}'; {SAME_RUBRIC}",
    )


#: The start of the answers reader's refusal of answers made for an older rubric version.
_OLDER = re.compile(r"these answers were made for version .+?, but the rubric is [^;,\s]+")

#: What to give instead of answers made for an older rubric version, as a baseline.
OLDER_BASELINE = (
    "a baseline for an older version of the rubric is the JSON report written then (`civdata report ANSWERS "
    "-o report.json` with that version of the rubric): give that to --baseline, and leave these answers as they "
    "are, since upgrading them would change the assessment they record"
)


def _as_baseline(problem: Problem) -> Problem:
    """A problem of the baseline's answers, as a baseline's: answers made for an older rubric
    version are not upgraded (that would edit the earlier assessment, or compare answers given
    to other questions), so the advice to upgrade them is replaced with the advice for a baseline
    (docs/progress.md: for an older one, give the JSON report written then)."""
    found = _OLDER.match(problem.message)
    if found is None:
        return problem
    return replace(problem, message=f"{found.group(0)}; {OLDER_BASELINE}")


def read_plan(path: Path, written: Mapping[str, tuple[str, str]] | None = None) -> KeptPlan:
    """The plan file a team kept (YAML or CSV, by its ending): its rows and what it says it is
    about, or every problem in it. ``written``: the ``act_by`` and ``owner`` of each action of the
    baseline's plan, which tell an owner or date the team emptied (:func:`civdata.plan.kept_problems`)."""
    kind = plan_format(path)
    if kind is None:
        message = "a plan file ends in .yaml, .yml or .csv"
        raise InputError([Problem(str(path), 0, 0, message)])
    if kind == "csv":
        try:
            data = read_regular_file(path, "a plan file")
        except ReadRefused as refused:
            raise InputError([Problem(str(path), 0, 0, refused.reason)]) from None
        return KeptPlan(tuple(plan_rows_from_csv(data, str(path), written)))
    document, problems = read_yaml_file(path, role="a plan file")
    if problems:
        raise InputError(problems)
    about, rows = None, []
    try:
        about = plan_about(document)
    except InputError as error:
        problems += error.problems
    try:
        rows = plan_rows_from_yaml(document, written)
    except InputError as error:
        problems += error.problems
    if problems:
        raise InputError(problems)
    return KeptPlan(tuple(rows), about)
