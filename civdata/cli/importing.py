"""`civdata import`: submissions collected with a civdata form, read back as answers files or a report.

The rows are read and checked by :mod:`civdata.submissions`; this module writes what they become.
(The module is not named ``import``, a word Python keeps for itself.)

No ``from __future__ import annotations`` here: typer reads the parameters' annotations at every
run, and as strings it would evaluate each one again (docs/performance.md).
"""

from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from civdata import __version__
from civdata.cli.app import (
    ANNOTATIONS_DEFAULT,
    Annotations,
    annotations_option,
    choose_format,
    claim_output,
    claim_step_summary,
    command_app,
    err,
    guarded,
    info,
    lang_option,
    quiet_option,
    report_date,
    rubric_option,
    say_read_as_they_are,
    show_warnings,
    usage_error,
    warn,
    warn_of_ci_locations,
    warnings_after_findings,
    write_ci_outputs,
    write_report,
)
from civdata.render import FORMATS
from civdata.wording import and_list, first_listed, plural, quoted_and_list, verb

if TYPE_CHECKING:
    from civdata.answers_folder import AnswersFolder
    from civdata.model import AnswerSet, Rubric
    from civdata.results import Report
    from civdata.submissions import Imported, OtherRow, Review, SubmissionStream

command = command_app()

OutputFormat = Enum("OutputFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]


@command.command(name="import")
def import_submissions(
    export: Annotated[
        Path,
        typer.Argument(
            metavar="EXPORT",
            help="The submissions export: KoboToolbox CSV or XLSX (XML values and headers), or ODK Central CSV.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FOLDER",
            help="Write one answers file per submission into this folder (new or empty; readable by you only).",
            show_default=False,
        ),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            metavar="PATH",
            help="Also, or instead, write the combined report on every submission to this file (- is standard output).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            case_sensitive=False,
            help=f"The report's format: {', '.join(FORMATS)}. Default: from its extension.",
            show_default=False,
        ),
    ] = None,
    rubric: Annotated[
        str | None,
        rubric_option("the one the submissions name"),
    ] = None,
    lang: Annotated[
        str | None,
        lang_option(),
    ] = None,
    initiative: Annotated[
        str | None,
        typer.Option(
            "--initiative", metavar="NAME", help="The initiative's name for every submission, whatever the form said."
        ),
    ] = None,
    anonymize: Annotated[
        bool,
        typer.Option(
            "--anonymize",
            help="Drop names, organisations, text answers and notes (the respondents' own words) as they are read: "
            "they are in no file written and no report.",
        ),
    ] = False,
    other_versions_left_out: Annotated[
        bool,
        typer.Option(
            "--other-versions-left-out",
            help="Leave out, with a warning, the submissions made with a version of the rubric it cannot read "
            "(another MAJOR version, or a newer one), rather than refuse the export: after a new MAJOR version, "
            "import the export once with each version's rubric.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Write into an -o folder that already holds files: a submission imported there before is "
            "replaced by this export's (its file, found by its id, also when its role changed).",
        ),
    ] = False,
    _annotations: Annotated[Annotations, annotations_option()] = ANNOTATIONS_DEFAULT,
    _quiet: Annotated[bool, quiet_option()] = False,
) -> None:
    """Read submissions collected with a civdata form (KoboToolbox or ODK Central) as answers files or a report.

    Every row is checked as an answers file is; a mistake is shown as file:row:column, all at once,
    and then nothing is written. A submission exported twice (the same instance id) counts once,
    and so does one imported again into the same folder: its file is found by its id. A submission
    rejected in ODK Central or not approved in KoboToolbox is skipped, and named.

    Examples:

      civdata import consultation.csv -o answers/          (then: civdata report answers/)

      civdata import consultation.xlsx --report report.md --anonymize
    """
    import contextlib

    from civdata.answers_folder import AnswersFolder
    from civdata.files import OutputError, Placement
    from civdata.render.common import ReportMeta
    from civdata.spreadsheet import MissingExtra
    from civdata.submissions import SubmissionStream

    if output is None and report is None:
        raise usage_error("say what to write: -o FOLDER for answers files, --report FILE for a report, or both")
    format_name = choose_format(output_format, report, option="--report") if report is not None else "markdown"
    # Before the export is read, as `civdata report` says it: where CI would show the findings.
    warn_of_ci_locations([export], format_name, anonymize=anonymize)
    with warnings_after_findings():
        stream = SubmissionStream(
            export,
            rubric,
            lang=lang,
            anonymize=anonymize,
            initiative=initiative,
            combine=report is not None,
            other_versions_left_out=other_versions_left_out,
        )
        try:
            loaded = guarded(stream.rubric)
            folder = AnswersFolder(output, force=force) if output is not None else None
        except MissingExtra as missing:
            raise usage_error(str(missing)) from None
        except OutputError as error:
            raise usage_error(str(error)) from None
        # The report's target is claimed once every input is read (so it cannot be one of them), and
        # before the answers files are committed: an unusable --report leaves nothing written.
        # The answers files and the report are placed together: if the report cannot be written (a
        # full disk), the answers files are taken back, and the other way round.
        try:
            with folder or contextlib.nullcontext(), Placement() as placed:
                built = guarded(lambda: _read(stream, folder, loaded, anonymize))
                target = claim_output(report, "--report", report=True) if report is not None else None
                summary = claim_step_summary() if report is not None else None
                if folder is not None:
                    foreign = _not_imported(folder)
                    guarded(lambda: folder.commit(placed))
                _summarise(stream, loaded, written=folder is not None)
                meta = ReportMeta(__version__, report_date())
                if report is not None:
                    write_report(format_name, built, meta, report, target, placement=placed)
        except MissingExtra as missing:
            raise usage_error(str(missing)) from None
        except OutputError as error:
            raise usage_error(str(error)) from None
        if report is not None:
            write_ci_outputs(built, None, meta, summary)
        if folder is not None:
            _say_what_was_there(folder, output, foreign)
            _say_rejected_there(folder, output, stream)
            _say_not_in_export(folder, output, stream)
            info(f"Wrote {plural(len(folder.names), 'answers file')} to {output}")


def _answer_sets(stream: "SubmissionStream", folder: "AnswersFolder | None") -> Iterator["AnswerSet"]:
    """Each submission's answers, written to the staging folder on the way when there is one."""
    from civdata.imported_files import answers_text

    for imported in stream:
        if folder is not None:
            name = _file_name(imported, stream, folder)
            if name is not None:
                source, sheet = (None, None) if stream.anonymize else (stream.source, stream.sheet)
                text = answers_text(imported, stream.rubric(), source, sheet=sheet, file=folder.folder / name)
                folder.write(name, text)
        yield imported.answers


def _file_name(imported: "Imported", stream: "SubmissionStream", folder: "AnswersFolder") -> str | None:
    """The file a submission is written to. One named by its id replaces the file of the same
    submission from an earlier import (a newer export); one named by its row (no id) never replaces
    a file, which may be another submission's: that is a problem of its row. A name two ids share
    in this run takes more digits of their keys."""
    from civdata.imported_files import answers_file_names
    from civdata.problems import Problem

    for name in answers_file_names(imported):  # the last, the whole key, when every other is taken
        if name not in folder.names:
            break
    if not imported.key and name in folder.existing:
        message = (
            f"this submission has no instance id, and {folder.folder} already has {name} from an earlier import, "
            "which may be another submission: import into a new folder, or export the submissions with their "
            "instance ids (meta/instanceID, _uuid or KEY)"
        )
        stream.problems.append(Problem(stream.source, imported.row, 1, message))
        return None
    if imported.key:
        _retire_earlier_names(imported.key, name, folder)
    return name


def _retire_earlier_names(key: str, name: str, folder: "AnswersFolder") -> None:
    """Have the files an earlier import wrote of this submission under another name (its role
    changed since, or was left blank) taken out when ``name`` is written: the same submission, or
    it is counted twice. They are told as :func:`_say_rejected_there` tells them, by the hash of
    the submission's id their names end in, and only those civdata wrote (never a file named like
    them by someone else, nor a link). A submission without an id is never matched so."""
    from civdata.imported_files import files_of_submission, written_by_import

    for earlier in files_of_submission(key, folder.existing):
        if earlier != name and written_by_import(folder.folder / earlier):
            folder.retire(earlier, name)


def _read(stream: "SubmissionStream", folder: "AnswersFolder | None", rubric: "Rubric", anonymize: bool) -> "Report":
    """Every submission read, written and combined into the report; when the export has problems,
    the warnings at its cells (a submission without a role) are told with them, before them, so
    that one run shows everything to fix in the export, as the problems are shown all at once."""
    from civdata.problems import InputError

    try:
        return _report(rubric, _answer_sets(stream, folder), anonymize)
    except InputError:
        # The rows flagged on the platform, and the submissions about another initiative, too:
        # each is a thing to look at in the export, found in the same reading.
        _say_reviews(stream)
        _say_disagreements(stream)
        show_warnings(stream.warnings())
        raise


def _report(rubric: "Rubric", answer_sets: Iterable["AnswerSet"], anonymize: bool) -> "Report":
    from civdata.reporting import build_report

    return build_report(rubric, answer_sets, anonymize=anonymize).model


def _summarise(stream: "SubmissionStream", rubric: "Rubric", *, written: bool) -> None:
    """What was read: how many submissions, and which were rejected on the platform, flagged there,
    repeated, undated, upgraded, or made with another PATCH version of the form. ``written``:
    whether answers files were written (``-o``), where an upgraded submission keeps its old answers."""
    from civdata.versions import version_key

    summary = stream.summary
    info(_read_line(stream))
    _say_reviews(stream)
    _say_disagreements(stream)
    # A repeated row counted once, and an earlier version left out for its edit, are what the
    # import is documented to do: information, silent under -q. Two edits that cannot be told
    # apart by age are a warning: the person is to check which was read.
    if summary.duplicates:
        count = len(summary.duplicates)
        info(
            f"civdata: {plural(count, 'row')} {verb(count, 'repeats', 'repeat')} a submission already read (the "
            f"same instance id) and {verb(count, 'was', 'were')} counted once: {_pairs(summary.duplicates, 'as')}"
        )
    if summary.superseded:
        count = len(summary.superseded)
        info(
            f"civdata: {plural(count, 'row')} {verb(count, 'is an earlier version', 'are earlier versions')} of "
            f"{verb(count, 'a submission', 'submissions')} edited since, and {verb(count, 'was', 'were')} left out: "
            f"{_pairs(summary.superseded, 'edited in')}"
        )
    if summary.other_edits:
        count = len(summary.other_edits)
        warn(
            f"{plural(count, 'row')} {verb(count, 'is another edit', 'are other edits')} of a submission "
            f"read in another row, and {verb(count, 'was', 'were')} left out: which edit is the newer, the export "
            f"does not say; check that the one read is: {_pairs(summary.other_edits, 'read in')}"
        )
    show_warnings(stream.warnings())
    if summary.undated:
        _say_undated(summary.undated)
    for version in sorted(summary.upgraded, key=version_key):  # oldest first: 1.9.0 before 1.10.0
        rows = summary.upgraded[version]
        err(_upgrade_message(rubric, version, len(rows), summary.reasked.get(version, set()), written=written))
    same = {version: len(rows) for version, rows in summary.same_questions.items()}
    say_read_as_they_are(same, rubric.version, made="submission", of="the form")


def _pairs(rows: list[tuple[int, int]], relation: str) -> str:
    """``row 4 (as row 2), row 7 (as row 3)``: rows left out, each with the row read instead (the
    first ten, and how many more)."""
    return first_listed([f"row {row} ({relation} row {other})" for row, other in rows], 10)


def _read_line(stream: "SubmissionStream") -> str:
    """``read 40 submissions from x.csv``; with rows thrown out on the platform, how many rows
    there were and what became of them: ``read 41 rows from x.csv: 40 submissions, 1 rejected in
    ODK Central, skipped``. The rows add up: a submission thrown out in several rows (copies, or
    versions) says how many (``1 rejected in ODK Central (2 rows)``)."""
    from civdata.problems import sheet_named

    summary = stream.summary
    submissions = plural(summary.submissions, "submission")
    # The rows named after it are of the sheet read, where a workbook has several.
    source = stream.source if stream.sheet is None else f"{stream.source}, {sheet_named(stream.sheet)}"
    if not summary.rejected:
        return f"civdata: read {submissions} from {source}"
    thrown_out: dict[str, set[str]] = {}
    for review in summary.rejected:
        thrown_out.setdefault(review.platform.rejected, set()).add(review.key or f"row {review.row}")
    skipped = " and ".join(f"{len(keys)} {words}" for words, keys in thrown_out.items())
    if len(summary.rejected) != summary.thrown_out:
        skipped += f" ({plural(len(summary.rejected), 'row')})"
    count = summary.left_out
    repeated = f", {count} repeating a submission already read or left out for another version" if count else ""
    return f"civdata: read {plural(summary.rows, 'row')} from {source}: {submissions}, {skipped}, skipped{repeated}"


#: Rows named one by one for each kind of review (skipped, flagged), up to this many; then a count.
REVIEWS_SHOWN = 10


def _say_reviews(stream: "SubmissionStream") -> None:
    """Name each row thrown out on the platform (skipped), and each counted that the platform
    flags or whose review cell civdata does not know, at its cell: the facilitator decides there."""
    from civdata.problems import Problem

    summary = stream.summary
    for reviews, what in ((summary.rejected, "skipped"), (summary.flagged, "counted with a warning")):
        shown = [
            Problem(
                stream.source,
                review.row,
                review.column,
                _skipped_message(review, stream.anonymize)
                if what == "skipped"
                else _review_message(review, stream.anonymize),
            )
            for review in reviews[:REVIEWS_SHOWN]
        ]
        more = len(reviews) - REVIEWS_SHOWN
        rest = f"and {plural(more, 'more row')} {what}, for the reasons above"
        if what == "skipped":  # thrown out on the platform, as the facilitator there decided: no warning
            for problem in stream.in_sheet(shown):
                err(str(problem))
            if more > 0:
                err(f"civdata: {rest}")
            continue
        show_warnings(stream.in_sheet(shown))
        if more > 0:
            warn(rest)


def _say_disagreements(stream: "SubmissionStream") -> None:
    """Warn of submissions a report could not combine with the others (another initiative), each
    at its cell, as ``--report`` refuses them: the answers files are written, one per respondent,
    but `civdata report` on them will refuse them too."""
    from dataclasses import replace

    warnings = [replace(problem, message=f"warning: {problem.message}") for problem in stream.summary.disagreements]
    show_warnings(stream.in_sheet(warnings))


def _review_cell(review: "Review", anonymize: bool) -> str:
    """``ReviewState 'rejected'``: the row's review cell as a message quotes it. A value its
    platform never writes may be anyone's words typed into the column; with ``--anonymize`` it is
    left out, as every other cell a problem quotes is (the platform's own words stay)."""
    from civdata.submissions import VALUE_LEFT_OUT, review_of

    if not review.value:
        return f"{review.header} blank"
    if anonymize and review_of(review.header, review.value) == "unknown":
        return f"{review.header} {VALUE_LEFT_OUT}"
    return f"{review.header} '{review.value}'"


def _skipped_message(review: "Review", anonymize: bool) -> str:
    """Why a row of a submission thrown out on the platform is skipped: its own review cell, or
    another row of the submission (a copy, or another version), each named; and, when its rows
    disagree, that the facilitator decides on the platform which is right."""
    platform = review.platform
    cell = _review_cell(review, anonymize)
    again = f"change its {platform.state_name} there and download the submissions again"
    if review.kind == "rejected" and not review.others:
        return f"skipped: {platform.rejected} ({cell}): not counted; to count it, {again}"
    thrown_out = [other for other in review.others if other[1]]
    not_thrown_out = [other for other in review.others if not other[1]]
    if review.kind == "rejected":
        start = f"skipped: {platform.rejected} ({cell})"
        if not not_thrown_out:
            as_are = verb(len(thrown_out), "is", "are")
            return f"{start}, as {_others(thrown_out)} {as_are}: not counted; to count it, {again}"
        start += f", though {_others(not_thrown_out)} {verb(len(not_thrown_out), 'says', 'say')} otherwise"
    else:
        start = (
            f"skipped: {_others(thrown_out)} {verb(len(thrown_out), 'is', 'are')} {platform.rejected}, though this "
            f"row says otherwise ({cell})"
        )
    return (
        f"{start}: a submission is not counted when any of its rows is thrown out, and its rows disagree: decide "
        f"there whether it counts ({platform.how_to_reject}, or approve it) and download the submissions again"
    )


def _others(others: "list[OtherRow]") -> str:
    """``row 25 (a copy of this row)``, ``rows 12 (another version of this submission) and 25 (...)``."""
    described = [
        f"{row} ({'a copy of this row' if copy else 'another version of this submission'})" for row, _, copy in others
    ]
    if len(described) == 1:
        return f"row {described[0]}"
    return f"rows {', '.join(described[:-1])} and {described[-1]}"


def _review_message(review: "Review", anonymize: bool) -> str:
    """What a row's review cell means for the import, and what the facilitator can do about it."""
    from civdata.problems import quoted_list

    platform = review.platform
    cell = _review_cell(review, anonymize)
    download = "and download the submissions again"
    if review.kind == "flagged":
        return (
            f"warning: counted, but {platform.flagged} ({cell}); for it not to count, {platform.how_to_reject} "
            f"{download}"
        )
    return (
        f"warning: counted, but its {cell} is not one {platform.platform} writes "
        f"({quoted_list(platform.written)}); if it was meant to be thrown out, {platform.how_to_reject} {download}"
    )


def _upgrade_message(rubric: "Rubric", version: str, count: int, reasked: set[str], *, written: bool = True) -> str:
    """What became of the answers of ``count`` submissions made with an older ``version`` of the
    form: kept, or left blank (with what was answered then as comments, in the answers files when
    they are ``written``) for the questions the rubric lists as changed since, for those whose
    answer no longer fits, or for all of them when the rubric does not record what changed. Never
    "left blank" when nothing was, and never "in their files" when no file was written (a report
    alone, ``--report`` without ``-o``): the person would look for files that are not there."""
    from civdata.answers_loader import changed_since, changes_recorded
    from civdata.problems import quoted_list

    start = (
        f"civdata: {plural(count, 'submission')} {verb(count, 'was', 'were')} made with version {version} of the "
        f"form, not {rubric.version}; "
    )
    as_comments = (
        "with what was answered then as comments in their files"
        if written
        else "in this report (import with -o FOLDER too to keep what was answered then, as comments in their files)"
    )
    if not changes_recorded(rubric, version):
        return (
            f"{start}the rubric does not record which questions changed since, so all their answers are left "
            f"blank, {as_comments}: review them"
        )
    changed = changed_since(rubric, version)
    unfit = [question.id for question in rubric.questions if question.id in reasked and question.id not in changed]
    not_valid = f"answers not valid in {rubric.version} (to {quoted_list(unfit, limit=30)})"
    answered = [question_id for question_id in changed if question_id in reasked]
    if not answered:  # none was answered then (not asked of their roles, or left blank): nothing to leave blank
        kept = (
            f"{start}questions changed since: {quoted_and_list(changed, limit=30)}, which "
            f"{verb(count, 'it did not answer, so its answers were', 'none of them answered, so their answers were')} "
            "kept"
            if changed
            else f"{start}no question changed since, and their answers were kept"
        )
        return f"{kept}, but {not_valid} are left blank, {as_comments}" if unfit else kept
    also = f", and their {not_valid}," if unfit else ""
    those = "those" if answered == changed else quoted_and_list(answered, limit=30)
    return (
        f"{start}questions changed since: {quoted_and_list(changed, limit=30)}. Their answers to {those}{also} are "
        f"left blank, {as_comments}"
    )


def _say_undated(undated: list[tuple[int, str]]) -> None:
    """Say which submissions have no date because no date cell of theirs could be read, with the
    first such column of each (grouped), so the person can see what a spreadsheet did to it."""
    count = len(undated)
    by_column: dict[str, list[int]] = {}
    for row, column in undated[:10]:
        by_column.setdefault(column, []).append(row)
    shown = ", ".join(f"{_rows_text(rows)} ({column})" for column, rows in by_column.items())
    more = f", and {count - 10} more" if count > 10 else ""
    their = verb(count, "its row", "their rows")
    err(
        f"civdata: {plural(count, 'submission')} {verb(count, 'has', 'have')} no date: no date column of {their} "
        "holds a date civdata reads (such as 2026-10-02 or 2026-10-02T10:13:00, as KoboToolbox and ODK Central "
        f"export it; a spreadsheet may have rewritten it): {shown}{more}"
    )


def _say_rejected_there(folder: "AnswersFolder", output: Path | None, stream: "SubmissionStream") -> None:
    """Name the files an earlier import wrote of submissions this export says were thrown out
    since: nothing replaces them, and a report on the folder would still count them. They are
    told by the hash of the submission's id their names end in (:func:`files_of_submission`), and
    left for the person to remove: civdata never deletes what it did not write in this run."""
    from civdata.imported_files import files_of_submission

    said: set[str] = set()
    for review in stream.summary.rejected:
        if review.key in said:
            continue  # another row of the same submission
        said.add(review.key)
        for name in files_of_submission(review.key, folder.existing):
            err(
                f"civdata: {folder.folder / name} is an earlier import of a submission now "
                f"{review.platform.rejected} (row {review.row} of this export): remove it, or a report on "
                f"{output} still counts it"
            )


#: Files of an earlier import not in this export named one by one, up to this many; then a count.
NOT_IN_EXPORT_SHOWN = 10


def _say_not_in_export(folder: "AnswersFolder", output: Path | None, stream: "SubmissionStream") -> None:
    """Name the files an earlier import wrote of submissions this export does not have at all
    (deleted on the platform, or left out of the download): nothing replaces them, and a report on
    the folder still counts them. They are told as :func:`_say_rejected_there` tells its files, by
    the hash of an id their names end in, which no row of this export has; and only those an
    import wrote. Left for the person to remove; with ``--anonymize``, said to be untouched by it."""
    from civdata.imported_files import files_of_others, written_by_import

    earlier = [
        name
        for name in files_of_others(stream.summary.keys, folder.existing.difference(folder.names, folder.removed))
        if written_by_import(folder.folder / name)
    ]
    untouched = (
        "; this import did not anonymize it: it keeps whatever names and notes an earlier import wrote in it"
        if stream.anonymize
        else ""
    )
    for name in earlier[:NOT_IN_EXPORT_SHOWN]:
        err(
            f"civdata: {folder.folder / name} is not in this export (deleted or rejected on the platform?): remove "
            f"it if it was, or a report on {output} still counts it; keep it if it came from the export of another "
            f"form, such as a form for one role{untouched}"
        )
    if len(earlier) > NOT_IN_EXPORT_SHOWN:
        more = len(earlier) - NOT_IN_EXPORT_SHOWN
        err(
            f"civdata: and {plural(more, 'more file')} in {output} {verb(more, 'is', 'are')} not in this export, for "
            "the same reason"
        )


def _rows_text(rows: list[int]) -> str:
    """``row 3``, ``rows 3 and 5``, ``rows 3, 5 and 7``."""
    return f"{verb(len(rows), 'row', 'rows')} {and_list([str(row) for row in rows])}"


def _not_imported(folder: "AnswersFolder") -> set[str]:
    """The files of the folder this import replaces (by name) that no import wrote: a file of the
    person's own, which :func:`_say_what_was_there` must not call an earlier import's."""
    from civdata.imported_files import written_by_import

    return {name for name in folder.names if name in folder.existing and not written_by_import(folder.folder / name)}


def _say_what_was_there(folder: "AnswersFolder", output: Path | None, foreign: set[str]) -> None:
    """Say which submissions an earlier import had written into the folder (a row without an id
    never replaces a file, so each name replaced is a submission's own), and warn of files named by
    row, which cannot be told apart from this export's submissions."""
    from civdata.imported_files import named_by_row

    renamed = folder.removed
    replaced = {name for name in folder.names if name in folder.existing} | set(renamed.values())
    replaced -= foreign
    for name in sorted(foreign)[:NOT_IN_EXPORT_SHOWN]:
        err(
            f"civdata: {folder.folder / name} had the name of this export's file of a submission, but no import "
            "wrote it; it was replaced (--force)"
        )
    if replaced:
        count = len(replaced)
        moved = ""
        if renamed:
            pairs = ", ".join(f"{old} is now {new}" for old, new in sorted(renamed.items(), key=lambda item: item[1]))
            under = (
                "under another name as its role changed"
                if count == 1
                else (f"{len(renamed)} of them under another name as {verb(len(renamed), 'its', 'their')} role changed")
            )
            moved = f", {under}: {pairs}"
        err(
            f"civdata: {plural(count, 'submission')} {verb(count, 'was', 'were')} already in "
            f"{output} from an earlier import (the same instance id); "
            f"{verb(count, 'its file was', 'their files were')} replaced by this export's{moved}"
        )
    by_row = [name for name in folder.existing if named_by_row(name)]
    if by_row and any(not named_by_row(name) for name in folder.names):
        err(
            f"civdata: {output} also holds {plural(len(by_row), 'answers file')} named after a row "
            f"({sorted(by_row)[0]}, ...), from an import that could not tell submissions apart: if this export "
            "holds those submissions too, they are now counted twice; remove those files"
        )
