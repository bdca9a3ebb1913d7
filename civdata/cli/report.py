"""`civdata report`: score answers files and write a report.

No ``from __future__ import annotations`` here: typer reads the parameters' annotations at every
run, and as strings it would evaluate each one again (docs/performance.md).
"""

import re
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from civdata import __version__
from civdata.cli.app import (
    ANNOTATIONS_DEFAULT,
    EXIT_GATE_FAILED,
    Annotations,
    annotating,
    annotations_option,
    choose_format,
    claim_output,
    claim_step_summary,
    command_app,
    err,
    guarded,
    lang_option,
    output_option,
    quiet_option,
    report_date,
    rubric_option,
    say_alike,
    say_dated_later,
    say_read_as_they_are,
    say_skipped,
    say_unasked_answers,
    usage_error,
    warn,
    warn_of_ci_locations,
    warnings_after_findings,
    write_ci_outputs,
    write_report,
)
from civdata.model import Severity
from civdata.render import FORMATS
from civdata.wording import and_list, plural, verb

if TYPE_CHECKING:
    from civdata.baseline import Baseline
    from civdata.files import Target
    from civdata.gates import GateSettings
    from civdata.model import Rubric
    from civdata.results import Report

command = command_app()

# The command's choices, made from where each is defined, so a format or a severity added there is
# a choice here with nothing to copy.
OutputFormat = Enum("OutputFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]
SeverityOption = Enum("SeverityOption", {severity.value: severity.value for severity in Severity}, type=str)  # type: ignore[misc]
SEVERITY_WORDS = ", ".join(severity.value for severity in Severity)


def percentage(option: str) -> Callable[[str], float]:
    """The parser of a threshold from 0 to 100, as people write one: ``80``, ``80.5`` or ``80%``.

    Its mistakes are told as civdata tells any mistake on the command line, one line naming the
    option and what was likely meant: a share (``0.75``, which once set the coverage floor at
    0.75% and let a half-filled file pass), a decimal comma, a value out of range, or nan, which
    some typer versions let through a range check and no score is ever below. (A parser, not a
    click type: typer hands a click type's conversion no parameter to name.)
    """

    def parse(value: str) -> float:
        from civdata.values import number_from_text, number_rewritten, share_for_percentage

        text = str(value).strip()
        written = text.removesuffix("%").rstrip()
        if re.fullmatch(r"[+-]?[0-9]*,[0-9]+", written):
            meant = float(written.replace(",", "."))
            raise usage_error(f"{option} {text}: write a decimal point, as in {option} {meant:g}")
        # Read as a number in an answers file is read (Python's float() also takes 8_0, ٨٠ and nan).
        number = number_from_text(written)
        if number is None:
            if written.lower().lstrip("+-") in {"nan", "inf", "infinity"}:
                raise usage_error(f"{option} must be a number from 0 to 100, not {text}")
            rewritten = number_rewritten(written)
            if rewritten is None:
                raise usage_error(
                    f"{option} '{text}' is not a number: give a percentage from 0 to 100, such as {option} 80"
                )
            digits, how = rewritten
            if not 0 <= float(digits) <= 100:
                raise usage_error(f"{option} must be a number from 0 to 100, not {text}")
            raise usage_error(f"{option} {text}: write it {how}, as in {option} {digits}")
        if not 0 <= number <= 100:
            raise usage_error(f"{option} must be a number from 0 to 100, not {text}")
        # A share for a percentage ("1.0" too); "0.5%" says the percentage it means.
        share = share_for_percentage(option, text, number) if written == text else None
        if share is not None:
            raise usage_error(share)
        if number == 1 and written == text:
            # Most likely "all of them" written as a share (a CI review: it lowered the coverage
            # floor to 1% without a word); kept, since 1% can be meant, but said.
            err(f"civdata: warning: {option} 1 is read as 1%; for all of it (a share of 1), write {option} 100")
        return float(number)

    return parse


@command.command()
def report(
    answers: Annotated[
        list[Path],
        typer.Argument(
            metavar="ANSWERS...",
            help="Answers file(s) (YAML), or folders of them; - is standard input. Several respondents about one "
            "initiative are combined into one report.",
            show_default=False,
        ),
    ],
    rubric: Annotated[str | None, rubric_option("the one the answers name")] = None,
    lang: Annotated[str | None, lang_option()] = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            case_sensitive=False,
            help="markdown, json, text, html, sarif, codequality (GitLab Code Quality) or summary. Default: from "
            "-o's extension (.md, .json, .txt, .html, .sarif); else text on a terminal, Markdown when piped.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        output_option(
            "Write the report to this file (readable by you only; - is standard output). Never an input file. "
            "A Markdown report gets its picture beside it (report.md: report.areas.svg)."
        ),
    ] = None,
    fail_on: Annotated[
        SeverityOption | None,
        typer.Option(
            "--fail-on",
            metavar="LEVEL",
            case_sensitive=False,
            help=f"Gate: exit 1 if any finding is at or above this severity ({SEVERITY_WORDS}). With several "
            "respondents: any combined finding, disagreements and missing voices included.",
            show_default=False,
        ),
    ] = None,
    fail_on_verdict: Annotated[
        str | None,
        typer.Option(
            "--fail-on-verdict",
            metavar="VERDICT",
            help="Gate: exit 1 if the verdict is this one or any worse (verdict ids as in the rubric, such as "
            "not-ready).",
            show_default=False,
        ),
    ] = None,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            parser=percentage("--fail-under"),
            metavar="SCORE",
            help="Gate: exit 1 if the overall score (0-100) is below this. With several respondents: the combined "
            "score.",
            show_default=False,
        ),
    ] = None,
    fail_over: Annotated[
        float | None,
        typer.Option(
            "--fail-over",
            parser=percentage("--fail-over"),
            metavar="SCORE",
            help="Gate, for rubrics that score risk: exit 1 if the overall risk score (0-100) is above this.",
            show_default=False,
        ),
    ] = None,
    min_coverage: Annotated[
        float | None,
        typer.Option(
            "--min-coverage",
            parser=percentage("--min-coverage"),
            metavar="PERCENT",
            help="Gate: exit 1 if fewer than this percentage of the required questions (of every question, where "
            "none is required) were answered. Whenever any "
            "gate is given, this applies too, by default at the lowest coverage the rubric's verdicts ask for.",
            show_default=False,
        ),
    ] = None,
    detail: Annotated[
        bool,
        typer.Option(
            "--detail",
            help="JSON only, with several respondents: also give every respondent's answers one by one (under "
            "'detail'). Without it a report lists each respondent's headline only, so it stays readable and small.",
        ),
    ] = False,
    _annotations: Annotated[Annotations, annotations_option()] = ANNOTATIONS_DEFAULT,
    anonymize: Annotated[
        bool,
        typer.Option(
            "--anonymize",
            help="Show respondents by role (Funder 1, Partner organisation 2, ...) with the options they chose, and "
            "leave out their names, organisations, answers file names, notes and written answers (the respondents' "
            "own words), in every format, as import --anonymize does.",
        ),
    ] = False,
    baseline: Annotated[
        list[Path] | None,
        typer.Option(
            "--baseline",
            metavar="OLD",
            help="An earlier assessment to compare with: its JSON report, or its answers file(s) or folder (for the "
            "same rubric version). Every format then starts with what changed since (docs/progress.md).",
            show_default=False,
        ),
    ] = None,
    baseline_plan: Annotated[
        Path | None,
        typer.Option(
            "--baseline-plan",
            metavar="PLAN",
            help="With --baseline: the plan file (--plan) the team kept since, with actions set done: true; the "
            "report says which are done and which still have their finding.",
            show_default=False,
        ),
    ] = None,
    plan: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            metavar="FILE",
            help="Also write the action plan as a file to keep and tick off: plan.yaml or plan.csv. Never an input "
            "file.",
            show_default=False,
        ),
    ] = None,
    fail_on_regression: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on-regression",
            metavar="WHAT",
            help="Gate, with --baseline. WHAT is `scores`: exit 1 if any area's or the overall score, or the "
            "verdict, is worse than the baseline's; or a severity (critical, high, medium, low, info): exit 1 if "
            "any finding raised now and not then (new, or in place of another), or more severe than then, is at "
            "or above it. Give it twice for both.",
            show_default=False,
        ),
    ] = None,
    _quiet: Annotated[bool, quiet_option()] = False,
) -> None:
    """Score answers files and write a readiness and risk report.

    ANSWERS are files or folders of them; - reads one answers file from standard input.

    Examples:

      civdata report answers.yaml                      (summary in the terminal)

      civdata report answers.yaml -o report.md         (Markdown report)

      civdata report answers.yaml --fail-on critical --fail-on-verdict not-ready   (CI gates)

      civdata report lead.yaml funder.yaml community.yaml -o combined.md   (several respondents, side by side)

      civdata report answers/ --anonymize -o combined.md  (every file in a folder, names hidden)
    """
    from civdata.gates import GateSettings, check_settings
    from civdata.inputs import AnswerStream
    from civdata.model import Severity
    from civdata.render.common import ReportMeta
    from civdata.reporting import build_report

    paths = expand_answer_paths(answers, anonymize=anonymize)
    format_name = choose_format(output_format, output)
    if detail and format_name != "json":
        # A report that changes nothing for --detail would let someone believe it holds what it
        # does not: every answer of every person, for the record (an outside review).
        raise usage_error(
            "--detail adds every respondent's answers, one by one, to a JSON report only, "
            f"not to the {format_name} format: add -f json (or -o a .json file), or leave --detail out"
        )
    date = report_date()
    # Before any file is read: a mistake's annotation points by the same path as a finding's.
    warn_of_ci_locations(paths, format_name, anonymize=anonymize)
    with warnings_after_findings():
        stream = AnswerStream(paths, rubric, lang=lang)
        loaded_rubric = guarded(stream.rubric)
        settings = GateSettings(
            fail_on=Severity(fail_on.value) if fail_on else None,
            fail_under=fail_under,
            fail_over=fail_over,
            fail_on_verdict=fail_on_verdict,
            min_coverage=min_coverage,
            fail_on_regression=tuple(dict.fromkeys(value.strip().lower() for value in fail_on_regression or ())),
        )
        guarded(lambda: check_settings(loaded_rubric, settings))
        earlier = _baseline(baseline, baseline_plan, loaded_rubric, rubric, lang, settings, anonymize, answers=paths)
        built = guarded(
            lambda: build_report(
                loaded_rubric, stream, anonymize=anonymize, detail=detail, gates=settings, baseline=earlier
            )
        )
        say_skipped(stream.skipped, anonymize=anonymize)
        say_alike(stream.alike, anonymize=anonymize)
        say_unasked_answers(stream.unasked, anonymize=anonymize)
        say_dated_later(stream.dated_later, anonymize=anonymize)
        if earlier is not None:
            from civdata.baseline import check_belongs

            guarded(lambda: check_belongs(built.model, earlier))
            # As a history warns of a group that changed: on standard error too, read before any report.
            for caution in built.model.progress.warnings if built.model.progress else ():
                warn(caution.text)
        # Claimed once every input has been read, so no answers file can be the report's target.
        target = claim_output(output, "-o", report=True)
        plan_target = _claim_plan(plan, built.model)
        summary = claim_step_summary()
        # Once every input is checked and every output claimed, as import says it of submissions.
        say_read_as_they_are(stream.same_questions, loaded_rubric.version, made="answers file", of="the rubric")
        meta = ReportMeta(__version__, date, built.gates)
        also: list[tuple[str, Target | None]] = []
        if plan is not None:
            from civdata.plan import plan_format, plan_text

            kind = plan_format(plan)
            assert kind is not None
            also.append((plan_text(built.model, kind, tool_version=__version__, generated_on=date), plan_target))
        write_report(format_name, built.model, meta, output, target, also=also)
        write_ci_outputs(built.model, built.gates, meta, summary)
        if built.gates is None:
            return
        for failure in built.gates.failures:
            err(f"gate failed: {failure.gate} {failure.threshold}: {failure.reason}")
        for check in () if annotating() else built.gates.unjudged:
            # A gate that looked at nothing is not one that found nothing worse. With annotations
            # on, the report's own warning annotation of it says so, once (annotations.py).
            err(f"civdata: warning: {check.gate} {check.threshold} passed without judging anything: {check.reason}")
        for check in () if annotating() else built.gates.partly_judged:
            err(f"civdata: warning: {check.gate} {check.threshold} passed without judging {check.not_judged}")
        if not built.gates.passed:
            raise typer.Exit(EXIT_GATE_FAILED)


def _baseline(
    paths: list[Path] | None,
    plan: Path | None,
    rubric: "Rubric",
    rubric_spec: str | None,
    lang: str | None,
    settings: "GateSettings",
    anonymize: bool,
    *,
    answers: list[Path],
) -> "Baseline | None":
    """The earlier assessment and kept plan to compare with, read and checked; None without ``--baseline``."""
    if not paths:
        if plan is not None:
            raise usage_error("--baseline-plan needs --baseline: the earlier assessment the plan was made from")
        if settings.fail_on_regression:
            raise usage_error("--fail-on-regression needs --baseline: the earlier assessment to compare with")
        return None
    # Imported only for a comparison: a plain report never loads the baseline readers.
    from civdata.baseline import Baseline, read_baseline, read_plan

    expanded = expand_answer_paths(paths, anonymize=anonymize)
    _refuse_answers_as_baseline(expanded, answers, anonymize=anonymize)
    snapshot = guarded(lambda: read_baseline(expanded, rubric, rubric_spec, lang=lang))
    say_skipped(list(snapshot.left_out), anonymize=anonymize)
    say_alike(list(snapshot.alike), anonymize=anonymize)
    kept = guarded(lambda: read_plan(plan, snapshot.action_values)) if plan is not None else None
    from civdata.safe_read import display_name

    source = ", ".join(display_name(path) for path in paths)  # standard input is <stdin>, as in problems
    return Baseline(snapshot, source, kept, tuple(expanded))


def _refuse_answers_as_baseline(baseline: list[Path], answers: list[Path], *, anonymize: bool) -> None:
    """Refuse a baseline that is one of the answers files reported on (``--baseline answers/``
    where ``last.json`` was meant; or the same file given once by name and once on standard
    input): compared with itself, nothing is worse or new, and every regression gate would pass
    whatever the answers say."""
    from civdata.safe_read import display_name

    reported: dict[tuple[int, int], Path] = {}
    for path in answers:
        key = _file_identity(path)
        if key is not None:
            reported.setdefault(key, path)
    for path in baseline:
        key = _file_identity(path)
        also = reported.get(key) if key is not None else None
        if also is not None:
            named = "one of its files" if anonymize else display_name(path)
            raise usage_error(
                f"--baseline: {named} is also one of the answers reported on, and compared with itself nothing "
                "changed, so no regression gate could fail; give the earlier assessment (the report's .json kept "
                "from then, or the answers files of then)"
            )


def _file_identity(path: Path) -> tuple[int, int] | None:
    """Which file ``path`` is (device and inode), standard input's when it is a file redirected
    (``< lead.yaml``); None when there is no file to tell (a pipe, a path with nothing there)."""
    import os
    import stat

    from civdata.safe_read import identity_of, is_stdin

    try:
        status = os.fstat(0) if is_stdin(path) else path.stat()
    except (OSError, ValueError):
        return None  # reading it will say what is wrong
    return identity_of(status) if stat.S_ISREG(status.st_mode) else None


def _claim_plan(plan: Path | None, report: "Report") -> "Target | None":
    """The plan file's target: a .yaml, .yml or .csv file, never an input, never the report itself,
    never a file that is not a plan civdata wrote (an answers file, a rubric, a submissions export,
    whatever a link leads to), and never a plan that holds what the team set and the new plan would
    lose (:func:`civdata.plan.set_by_people`)."""
    if plan is None:
        return None
    from civdata.plan import plan_format

    if plan_format(plan) is None:
        raise usage_error(f"--plan {plan.name}: a plan file ends in .yaml, .yml or .csv")
    if str(plan) in ("-", "/dev/stdout"):
        raise usage_error("--plan needs a file name: standard output is for the report")
    from civdata.safe_read import only_set_aside

    # A plan kept with the answers is left out of them: not an input, written again (guarded below).
    may_replace = plan if only_set_aside(plan) else None
    target = claim_output(plan, "--plan", may_replace=may_replace, purpose="action plan", example="plan.yaml")
    existing = target.path if target is not None and not target.special else None
    if existing is not None and existing.is_file():
        guarded(lambda: _keep_the_teams_plan(plan, existing, report))
    return target


def _keep_the_teams_plan(plan: Path, existing: Path, report: "Report") -> None:
    """Refuse to write the plan over ``existing`` (what ``plan`` names, through any link) when it is
    not a plan civdata wrote, cannot be read back (a plan a person edited, most likely: a date as a
    spreadsheet saves it), or holds what a person set that the new plan would not keep."""
    from civdata.baseline import read_plan
    from civdata.plan import PLAN_KIND, is_plan_header, plan_format, set_by_people
    from civdata.problems import InputError, option_problem

    kind = plan_format(plan)
    with existing.open("rb") as opened:
        start = opened.read(4096)
    if not start:
        return  # an empty file holds nothing to lose
    is_a_plan = is_plan_header(start) if kind == "csv" else f"kind: {PLAN_KIND}".encode() in start
    if not is_a_plan:
        raise usage_error(
            f"--plan {plan}: this {'CSV' if kind == 'csv' else 'YAML'} file is not an action plan civdata wrote (an "
            f"answers file, a rubric, a submissions export, a list of your own?); give the plan a new name"
        )
    try:
        rows = read_plan(plan).rows
    except InputError as error:
        # Told, never taken for an empty plan: the ticks were lost with exit 0 (the review of the fix).
        unread = option_problem(
            "--plan",
            f"{plan} cannot be read back (its problems are told at their lines), so what your team set in it "
            "cannot be told: mend it, give the new plan another name, or move this file away to replace it",
        )
        raise InputError([*error.problems, unread]) from None
    done, changed = set_by_people(rows, report)
    if not done and not changed:
        return
    held = []
    if done:
        held.append(f"{plural(len(done), 'action')} in this plan {verb(len(done), 'is', 'are')} marked done")
    if changed:
        has = verb(len(changed), "has", "have")
        held.append(f"{plural(len(changed), 'action')} {has} an owner or date your team set")
    raise usage_error(
        f"--plan {plan}: {and_list(held)}, which the new plan would lose: give the new plan another name (with "
        f"--baseline, --baseline-plan {plan} carries what the team set over to it), or move this file away to "
        "replace it"
    )


def expand_answer_paths(paths: list[Path], *, anonymize: bool = False) -> list[Path]:
    """Files as given; a folder stands for the answers files directly in it, never those of its
    subfolders, which are named on standard error as not entered; ``-`` is standard input.

    One folder, one group of respondents: a subfolder may be another initiative, or an earlier round
    of the same one (``2025/``), whose files would pass every check across files and still count each
    person twice. ``civdata check`` walks subfolders, as it combines nothing.

    What a folder holds besides answers files (hidden files, links out of it, pipes, devices, a
    second name for one file) is left out and named on standard error; see
    :func:`civdata.safe_read.answers_files_in`. A file named twice (directly, through its folder,
    or by a link) would count one respondent twice in the combined scores, so it is refused
    rather than quietly dropped.
    """
    from civdata.safe_read import answers_files_in, identity_of, is_folder, is_stdin

    if sum(1 for path in paths if is_stdin(path)) > 1:
        raise usage_error("- (standard input) is given more than once; it holds one answers file and is read once")
    expanded: list[Path] = []
    for path in paths:
        if is_stdin(path):
            expanded.append(path)
        elif is_folder(path):
            listing = answers_files_in(path)
            say_skipped(listing.skipped, anonymize=anonymize)
            subfolders = [*listing.folders, *listing.linked_folders]
            if not listing.files:
                raise usage_error(
                    f"the folder {path} has no .yaml answers files directly in it"
                    f"{_not_entered(subfolders, anonymize=anonymize)}{_reports_in(path)}"
                )
            if subfolders:
                err(f"civdata: {_not_entered(subfolders, anonymize=anonymize).lstrip('; ')}")
            expanded.extend(listing.files)
        else:
            expanded.append(path)
    seen: dict[tuple[int, int], Path] = {}
    for path in expanded:
        if is_stdin(path):
            continue  # its identity, when it is a file, is checked as it is read
        try:
            key = identity_of(path.stat())
        except (OSError, ValueError):
            continue  # reading it will say what is wrong
        if key in seen:
            also = f" (also as {seen[key]})" if str(seen[key]) != str(path) else ""
            raise usage_error(f"{path} is given more than once{also}; each respondent's file may count only once")
        seen[key] = path
    return expanded


#: Subfolders named one by one, up to this many; then a count.
SUBFOLDERS_SHOWN = 5


def _reports_in(folder: Path) -> str:
    """``; it holds JSON files (2026-04.json, 2026-10.json): ...``: a folder of dated JSON reports,
    as progress.md tells a team to keep, given where one report is wanted (``--baseline``) was
    answered only that it holds no answers files (an outside review)."""
    from civdata.commands import on_terminal
    from civdata.safe_read import is_json_name

    try:
        names = sorted(entry.name for entry in folder.iterdir() if is_json_name(entry.name))
    except OSError:
        return ""
    if not names:
        return ""
    shown = [name for name in names if on_terminal(name)][:3]
    listed = f" ({', '.join(shown)}{', ...' if len(names) > len(shown) else ''})" if shown else ""
    return (
        f"; it holds {'a JSON file' if len(names) == 1 else 'JSON files'}{listed}: a JSON report is given as "
        "its file (--baseline FILE, the latest for the last assessment), not by its folder"
    )


def _not_entered(subfolders: list[Path], *, anonymize: bool = False) -> str:
    """``; its subfolders a/ and b/ were not entered: ...``, or nothing when there are none; with
    ``anonymize``, how many, not their names (a folder may be named after a person, as a file)."""
    if not subfolders:
        return ""
    names = [f"{folder.name}/" for folder in subfolders[:SUBFOLDERS_SHOWN]]
    listed = and_list(names, more=max(len(subfolders) - SUBFOLDERS_SHOWN, 0))
    if anonymize:
        listed = f"({len(subfolders)}, not named: --anonymize)"
    return (
        f"; {verb(len(subfolders), 'subfolder', 'subfolders')} {listed} of {subfolders[0].parent} not entered: "
        "a report combines the answers files directly in one folder; name a subfolder to report on it, and check every "
        "file below with `civdata check`"
    )
