"""A history: several dated reports on one initiative, as scores by area over time.

Given the JSON reports of successive assessments (``civdata history r1.json r2.json r3.json``),
in any order, the history puts them in date order (the date the answers were given, else the
report's date) and lines up every area's score and the overall score. Reports for an older version
of the rubric are matched through the rubric's ``changes`` exactly as ``--baseline`` matches them
(:func:`civdata.progress.compare`): a score that rests on a question changed since is shown as
not comparable, with the reason, and left out of the picture, rather than joined to the others.

Pure: snapshots in, a :class:`History` out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from civdata.initiatives import another_initiative, same_initiative
from civdata.model import Rubric
from civdata.problems import InputError, Problem
from civdata.progress import EDITED_RUBRIC_ADVICE, GroupChange, ScoreChange, compare, group_change
from civdata.records import record
from civdata.snapshot import Snapshot
from civdata.versions import version_key
from civdata.wording import plural, quoted_and_list, respondents, verb
from civdata.yamlsource import DataPath

#: What a history of two initiatives is told to do instead.
HISTORY_RULE = "a history is of one initiative: give the reports of one initiative"


@record
class HistoryCell:
    """One score at one date; ``reason`` says why it cannot be set beside the others: the rubric
    changed a question it rests on (``incomplete`` False), or, for the overall score, it averages
    fewer areas than the others do (``incomplete`` True)."""

    value: float | None
    reason: str | None = None
    incomplete: bool = False


@record
class HistoryPoint:
    """One report of the history."""

    source: str
    assessed_on: str
    rubric_version: str
    verdict: str
    findings: int
    #: Area id (and ``overall``) -> the score then.
    scores: Mapping[str, HistoryCell]
    #: How many respondents the report is on: 1 for a report on one person, more for a combined one.
    respondents: int = 1
    #: How the group changed since the report before it (None for the first).
    group: GroupChange | None = None
    #: The SHA-256 of the rubric file the report was made with ("" when it does not say).
    rubric_sha256: str = ""

    @property
    def kind(self) -> str:
        """``single`` or ``combined``, as the JSON report says it."""
        return "combined" if self.respondents > 1 else "single"


@record
class History:
    initiative: str
    rubric: Rubric
    #: Area ids and titles, in the rubric's order, then ``overall``.
    lines: tuple[tuple[str, str], ...]
    points: tuple[HistoryPoint, ...]
    #: What scoring a report's answers again found, for each report whose figures are not what its
    #: answers give (:func:`civdata.baseline_check.rescored`): its points are what they give.
    rescored: tuple[str, ...] = ()

    def mixed_groups(self) -> str | None:
        """A warning when the reports are not all on the same group of respondents, else None: not
        on as many, or, from one report to the next, someone in one only (compared as ``--baseline``
        compares them, :func:`civdata.progress.group_change`), as when a funder left and a partner
        joined between two reports on three people.

        A group's scores and findings differ from one person's (or another group's) for that reason
        alone, so a line from one to the other shows a change nobody made. The history is still
        drawn (a team that adds voices over time wants to see it), but never without saying so.
        """
        sentences = []
        # By the date each group size is first seen, so the sentence reads in time order as far as
        # grouping allows ("January and September are on 3, May on one"), not by size.
        counts = list(dict.fromkeys(point.respondents for point in self.points))
        if len(counts) > 1:
            parts = []
            for count in counts:
                dates = [point.assessed_on for point in self.points if point.respondents == count]
                listed = dates[0] if len(dates) == 1 else ", ".join(dates[:-1]) + f" and {dates[-1]}"
                parts.append(f"{listed} {verb(len(dates), 'is a report', 'are reports')} on {respondents(count)}")
            sentences.append(", ".join(parts))
        for before, point in zip(self.points, self.points[1:], strict=False):
            differences = (
                point.group.differences(then="in the earlier report", now="in the later report") if point.group else []
            )
            if point.group is not None and point.group.unmatched:
                # Silent before: an anonymized report beside named ones read as the same group.
                differences = [f"who is who cannot be told: {point.group.unmatched}", *differences]
            if differences:
                sentences.append(f"from {before.assessed_on} to {point.assessed_on}, {', '.join(differences)}")
        if not sentences:
            return None
        return (
            f"Not the same group throughout: {'; '.join(sentences)}; scores and findings change with who answered, "
            "not only with what changed"
        )

    def warnings(self) -> list[str]:
        """What to know before reading the history: the groups (:meth:`mixed_groups`), rubric
        files that differ under one version (:meth:`edited_rubrics`), and reports whose figures
        are not what their answers give (:attr:`rescored`), as ``--baseline`` warns."""
        return [warning for warning in (self.mixed_groups(), self.edited_rubrics(), *self.rescored) if warning]

    def edited_rubrics(self) -> str | None:
        """A warning when reports that name one rubric version were made with different rubric
        files (their SHA-256 differ), or with another file than the rubric the history is lined up
        against: an edit made without a new version, whose scores are set side by side as if
        nothing changed. ``--baseline`` warned of it; a history drew the line without a word (an
        outside review)."""
        files: dict[str, set[str]] = {}  # version -> the SHA-256 of each file made with it
        for point in self.points:
            if point.rubric_sha256:
                files.setdefault(point.rubric_version, set()).add(point.rubric_sha256)
        if self.rubric.sha256 and self.rubric.version in files:
            files[self.rubric.version].add(self.rubric.sha256)
        edited = [version for version, hashes in files.items() if len(hashes) > 1]
        if not edited:
            return None
        return (
            f"Not the same rubric file throughout: {plural(len(edited), 'version')} of the rubric "
            f"({', '.join(edited)}) {verb(len(edited), 'was', 'were')} used in more than one file "
            f"(their SHA-256 differ): {EDITED_RUBRIC_ADVICE}"
        )

    def series(self) -> list[tuple[str, dict[str, float | None]]]:
        """The comparable scores by date, for :func:`civdata.charts.time_chart`."""
        return [
            (point.assessed_on, {title: _drawn(point.scores.get(key)) for key, title in self.lines})
            for point in self.points
        ]

    def marked(self) -> dict[tuple[str, str], float]:
        """The scores left out of :meth:`series` for being marked, by (date, line title)."""
        return {
            (point.assessed_on, title): cell.value
            for point in self.points
            for key, title in self.lines
            if (cell := point.scores.get(key)) is not None and cell.reason is not None and cell.value is not None
        }


def _drawn(cell: HistoryCell | None) -> float | None:
    return cell.value if cell is not None and cell.reason is None else None


#: Makes the problem told about one report (its source) at a place in it (a path of keys).
Locate = Callable[[str, DataPath, str], Problem]


def _unlocated(source: str, where: DataPath, message: str) -> Problem:
    return Problem(source, 0, 0, message)


def build_history(rubric: Rubric, reports: Sequence[tuple[str, Snapshot]], *, locate: Locate = _unlocated) -> History:
    """The history of ``reports`` (source, snapshot), oldest first, on ``rubric``.

    An area's score is judged against the rubric: not comparable when a question it rests on
    changed since the report's version (:func:`civdata.progress.compare` says which). The overall
    score is judged against the other reports: one that averages fewer areas than the others (an
    area left blank at that date only) measures something else, whichever report it is, so it is
    the one marked, never the complete ones beside it.
    """
    from civdata.baseline_check import rescored

    problems = _problems(rubric, reports, locate)
    if problems:
        raise InputError(problems)
    # A report made with this very rubric file is what its answers give, whatever it says.
    reports = [(source, rescored(snapshot, rubric, source)) for source, snapshot in reports]
    ordered = sorted(reports, key=lambda item: item[1].assessed_on or "")
    newest = ordered[-1][1]
    lines = (*((area.id, area.title) for area in rubric.areas), ("overall", "Overall"))
    counted = {area.id for _, snapshot in ordered for area in rubric.areas if _counts(rubric, snapshot, area.id)}
    points = []
    for position, (source, snapshot) in enumerate(ordered):
        progress = compare(rubric, snapshot, newest, baseline_source=source)
        group = group_change(rubric, ordered[position - 1][1], snapshot) if position else None
        cells = {item.id: _cell(item) for item in progress.areas}
        cells["overall"] = _overall_cell(rubric, snapshot, cells, counted)
        points.append(
            HistoryPoint(
                source=source,
                assessed_on=snapshot.assessed_on or "undated",
                rubric_version=snapshot.rubric_version,
                verdict=rubric.verdict_label(snapshot.verdict_id, snapshot.verdict_label),
                findings=len(snapshot.findings),
                scores=cells,
                respondents=snapshot.respondents,
                group=group,
                rubric_sha256=snapshot.rubric_sha256,
            )
        )
    notes = tuple(note for _, snapshot in reports for note in (snapshot.unsealed_note, snapshot.rescored_note) if note)
    notes += tuple(note for source, snapshot in ordered if (note := _areas_gone(rubric, source, snapshot)))
    return History(newest.initiative, rubric, lines, tuple(points), notes)


def _areas_gone(rubric: Rubric, source: str, snapshot: Snapshot) -> str | None:
    """What a history says of the areas a report has scores for and ``rubric`` has not (renamed
    or removed since): their rows are the rubric's, so those scores are not shown, and the table
    said only that the new area was "not in the rubric version" of that report, never the old
    area's name. None when the report has none."""
    known = {area.id for area in rubric.areas}
    gone = [area_id for area_id in snapshot.areas if area_id not in known]
    if not gone:
        return None
    kind = "an area" if len(gone) == 1 else "areas"
    return (
        f"{source} has scores for {quoted_and_list(gone)}, {kind} rubric {rubric.version} does not have (renamed or "
        "removed since?), so they are not shown"
    )


def _counts(rubric: Rubric, snapshot: Snapshot, area_id: str) -> bool:
    """Whether an area counts in the overall score of a report: it weighs, and it has a score."""
    return rubric.area(area_id).weight > 0 and snapshot.areas.get(area_id) is not None


def _overall_cell(
    rubric: Rubric, snapshot: Snapshot, areas: Mapping[str, HistoryCell], counted: set[str]
) -> HistoryCell:
    """A report's overall score: not comparable when an area of it is not (the rubric changed in
    between), or when it averages fewer of the ``counted`` areas (those any report scored) than
    the others."""
    if not rubric.scored:
        return HistoryCell(snapshot.overall)
    changed = [cell for cell in areas.values() if cell.reason is not None]
    if changed:
        return HistoryCell(snapshot.overall, f"Overall: {plural(len(changed), 'area')} could not be compared")
    blank = [area.title for area in rubric.areas if area.id in counted and not _counts(rubric, snapshot, area.id)]
    if blank and snapshot.overall is not None:
        averaged = len(counted) - len(blank)
        reason = f"averages {averaged} of {plural(len(counted), 'area')}; {', '.join(blank)} left blank"
        return HistoryCell(snapshot.overall, reason, incomplete=True)
    return HistoryCell(snapshot.overall)


def _cell(item: ScoreChange) -> HistoryCell:
    """A score then: not comparable only when the rubric changed, not when it simply had no score
    or rests on other answers than the newest report's (each point is a report of its own). Its
    reason names the area: a history gives one report's reasons together, under the table, where
    "1 of its questions changed" would not say whose."""
    return HistoryCell(item.before, f"{item.title}: {item.reason}" if item.by_rubric and item.reason else None)


def _problems(rubric: Rubric, reports: Sequence[tuple[str, Snapshot]], locate: Locate) -> list[Problem]:
    """Reports that cannot be in one history: another rubric, a rubric version newer than the one
    they are lined up against, another initiative, or a date twice."""
    problems = []
    newest = max((snapshot for _, snapshot in reports), key=lambda snapshot: snapshot.assessed_on or "")
    dates: dict[str, str] = {}
    for source, snapshot in reports:
        if snapshot.rubric_id != rubric.id:
            message = f"this report is on rubric '{snapshot.rubric_id}', the others on '{rubric.id}'"
            problems.append(locate(source, ("rubric", "id"), message))
        elif version_key(snapshot.rubric_version) > version_key(rubric.version):
            message = (
                f"this report is for version {snapshot.rubric_version} of rubric '{rubric.id}', newer than the "
                f"{rubric.version} the history is lined up against, which cannot say what changed since; give "
                f"version {snapshot.rubric_version} of the rubric, or a newer one, with --rubric"
            )
            problems.append(locate(source, ("rubric", "version"), message))
        elif not same_initiative(snapshot.initiative, newest.initiative):
            message = another_initiative(
                "this report", snapshot.initiative, "the newest report is", newest.initiative, HISTORY_RULE
            )
            problems.append(locate(source, ("initiative",), message))
        date = snapshot.assessed_on or ""
        if date in dates:
            message = f"this report and {dates[date]} are both dated {date or 'nothing'}; give each assessment once"
            problems.append(Problem(source, 0, 0, message))
        dates[date] = source
    return problems
