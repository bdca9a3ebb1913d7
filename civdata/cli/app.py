"""The typer application and what every command shares.

The command line is a thin adapter from typer to the core. It never computes a score.

Exit codes: 0 ok, 1 a gate failed (:data:`GATE_OPTIONS`), 2 invalid input or usage,
or an output that cannot be written, 3 a bug in civdata (see :func:`civdata.cli.main`).
Problems in input files are printed as ``file:line:col: message`` on standard error, all at once.

Start-up time is part of the interface (docs/performance.md): every command module is imported
only when that command runs or shows its own help (see :class:`LazyCommands`), and heavy
modules (jsonschema, rich, questionary) only inside the commands that need them.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from civdata import __version__
from civdata.records import record

if TYPE_CHECKING:
    from civdata.files import Placement, Target
    from civdata.gates import GateOutcome
    from civdata.model import Rubric
    from civdata.problems import Problem
    from civdata.render import Companion, Rendered
    from civdata.render.common import ReportMeta
    from civdata.results import Report

#: The gates of ``civdata report``, each of which exits 1 when it fails (docs/files-and-safety.md):
#: the main help names them all. ``--min-coverage`` also applies, at the rubric's floor, whenever
#: any other gate is given.
GATE_OPTIONS = (
    "--fail-on",
    "--fail-on-verdict",
    "--fail-under",
    "--fail-over",
    "--fail-on-regression",
    "--min-coverage",
)
EXIT_OK = 0
EXIT_GATE_FAILED = 1
EXIT_INVALID = 2
EXIT_BUG = 3
#: Ctrl-C, as a shell reports a program stopped by SIGINT (128 + 2).
EXIT_INTERRUPTED = 130


@record
class CommandEntry:
    """Where a command lives, and the summary ``civdata --help`` lists for it.

    ``module`` defines ``command``, a :func:`command_app` holding the command (or, for a group
    such as ``rubric``, its commands). ``summary`` is the first paragraph of that command's own
    help; a test keeps the two equal.
    """

    module: str
    summary: str


#: Every command, in the order ``civdata --help`` lists them.
COMMANDS: dict[str, CommandEntry] = {
    "assess": CommandEntry(
        "civdata.cli.assess", "Answer the rubric interactively: question by question, saved after every answer."
    ),
    "report": CommandEntry("civdata.cli.report", "Score answers files and write a readiness and risk report."),
    "history": CommandEntry(
        "civdata.cli.history",
        "Show several dated reports of one initiative as scores by area over time, a table and a picture.",
    ),
    "check": CommandEntry(
        "civdata.cli.check",
        "Check answers files and rubrics, each on its own against its own rubric, and list every problem.",
    ),
    "schema": CommandEntry(
        "civdata.cli.schema",
        "Print the JSON Schema of the rubric, answers or report format, for editors and other tools.",
    ),
    "template": CommandEntry(
        "civdata.cli.template", "Write an answers file with every question, its options and help as comments."
    ),
    "rubric": CommandEntry(
        "civdata.cli.rubric", "Work with rubrics: list the bundled ones, validate, and print as a document."
    ),
    "export": CommandEntry(
        "civdata.cli.export", "Write the rubric as a form to collect answers with: an XLSForm for KoboToolbox or ODK."
    ),
    "import": CommandEntry(
        "civdata.cli.importing",
        "Read submissions collected with a civdata form (KoboToolbox or ODK Central) as answers files or a report.",
    ),
}


class CommandsOnDemand(MutableMapping[str, Any]):
    """The commands of ``civdata`` by name, each imported and built the first time it is looked up.

    typer builds every registered command (each parameter, each type) before it runs any, and
    the command modules import the model and the loaders. Through this mapping, ``civdata
    report`` imports and builds ``report`` alone, while every name is known at once, for
    "did you mean" and for the list in ``civdata --help``.
    """

    def __init__(self) -> None:
        self._loaded: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._loaded:
            entry = COMMANDS[name]  # KeyError for an unknown name, as a dict would
            module = importlib.import_module(entry.module)
            built = typer.main.get_command(module.command)
            _refuse_empty_paths_in(built)
            self._loaded[name] = built
        return self._loaded[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(COMMANDS), **self._loaded})

    def __len__(self) -> int:
        return len({**dict.fromkeys(COMMANDS), **self._loaded})


#: What an empty path is told: click reads ``""`` as ``.``, the current folder.
EMPTY_PATH = (
    "'' is an empty path (an unset variable in a script or a CI job?); give a file or folder name, or . for the "
    "current folder"
)


def _refuse_empty_paths_in(command: Any) -> None:
    """:func:`refuse_empty_paths` for every parameter of ``command`` and of each command in it
    (``rubric docs``, ``export xlsform``: ``export xlsform -r ""`` exported the bundled rubric's
    form, the review of the fix)."""
    for param in command.params:
        refuse_empty_paths(param)
    for sub in getattr(command, "commands", {}).values():
        _refuse_empty_paths_in(sub)


def refuse_empty_paths(param: Any) -> None:
    """Make ``param`` refuse an empty value where it takes a path (or a rubric: a file or an id).

    click turns ``""`` into ``Path(".")``: ``civdata report "$DIR" --fail-on critical`` with DIR
    unset reported on whatever answers files were in the current folder, and could pass its gate
    (an outside review). Done on the parameter's own type (typer 0.28 brings a click of its own,
    whose classes are not click's), so every command and option gets it from here."""
    names = {"--rubric", "-r"}
    if not type(param.type).__name__.endswith("Path") and not names.intersection(getattr(param, "opts", ())):
        return
    base = type(param.type)

    def convert(self: Any, value: Any, given: Any, ctx: Any) -> Any:
        if isinstance(value, str) and not value:
            self.fail(EMPTY_PATH, given, ctx)
        return base.convert(self, value, given, ctx)

    from copy import copy

    param.type = copy(param.type)
    param.type.__class__ = type(f"NonEmpty{base.__name__}", (base,), {"convert": convert})


class LazyCommands(TyperGroup):
    """The ``civdata`` group, whose commands are loaded on demand (see :class:`CommandsOnDemand`).

    ``civdata --help`` imports no command: it lists each with its :attr:`CommandEntry.summary`,
    through the same formatting as typer's own list, so the text is the same.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = CommandsOnDemand()

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        on_demand = self.commands
        self.commands = {name: TyperCommand(name, help=entry.summary) for name, entry in COMMANDS.items()}
        try:
            super().format_commands(ctx, formatter)
        finally:
            self.commands = on_demand


class WordsCommand(TyperCommand):
    """A command whose usage line names its arguments as words: ``civdata report [OPTIONS] ANSWERS...``.

    Arguments set their metavar (``ANSWERS...``, ``NAME``); typer 0.28 would still write a
    required one in braces (``{ANSWERS...}``), older versions as given, so the usage line is made
    here, the same in every version. Every command's arguments are parsed here too, so one that
    gives an option of one value two different values is refused (:func:`repeated_option`).
    """

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                pieces.extend(param.get_usage_pieces(ctx))
                continue
            word = param.metavar or (param.name or "").upper()
            pieces.append(word if param.required else f"[{word}]")
        return pieces

    def get_help(self, ctx: Any) -> str:
        # Older typer versions (0.16 among them) escape "[required]" and "[default: json]" for rich even when help is
        # plain text, which would show "\[required]".
        return _ESCAPED_BRACKET.sub("[", super().get_help(ctx))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        params = self.get_params(ctx)
        repeated = repeated_option(params, args)
        if repeated is not None:
            # Refused before click has read --annotations (its callback settles it), so settled
            # here from the same words: under annotations it is an ::error:: as every other
            # problem civdata finds with the command line (docs/ci.md).
            annotate_problems(annotations_given(params, args, os.environ))
            raise usage_error(repeated)
        given = list(args)  # click's parser takes the words off the list it is given
        try:
            return super().parse_args(ctx, args)
        except Exception as error:
            if not hasattr(error, "show"):
                raise  # not a usage error: a bug, said as one
            # A mistake click finds (an unknown option, a value not among the choices) may come
            # before --annotations is read: settled from the same words, so that the mistake is
            # an ::error:: as every other one is (civdata.cli._show_usage_error).
            error.civdata_annotations = annotations_given(params, given, os.environ)  # type: ignore[attr-defined]
            raise


def repeated_option(params: Iterable[Any], args: list[str]) -> str | None:
    """Why the command line is refused when an option that takes one value is given several
    different ones (``--fail-on low ... --fail-on critical``); None when none is.

    click keeps the last value without a word, so a CI job whose gates are put together from
    several places (a default, then a project's setting) would run with whichever came last, the
    weaker gate as readily as the stronger. The same value twice is harmless and let through.
    """
    for param, values in _values_given(params, args).items():
        if len(set(values)) > 1:
            shown = ", then ".join(repr(value) for value in values)
            return f"{param.opts[0]} is given {len(values)} times ({shown}); give it once"
    return None


def annotations_given(params: Iterable[Any], args: list[str], environ: Mapping[str, str]) -> bool:
    """Whether ``args`` ask for annotations, read as click will read them (the last
    ``--annotations`` given, else ``auto``), for a problem found before click has read them. A
    command without the option writes none."""
    params = list(params)
    if not takes_annotations(params):
        return False
    given = next((values for param, values in _values_given(params, args).items() if "--annotations" in param.opts), [])
    choice = given[-1].lower() if given else "auto"  # the option takes any case
    # A value that is none of the choices (or none at all) is itself the mistake to tell: as auto
    # would tell it, an ::error:: in GitHub Actions (the review of the fix).
    return annotations_enabled(choice if choice in Annotations.__members__ else "auto", environ)


def takes_annotations(params: Iterable[Any]) -> bool:
    """Whether a command with these parameters takes ``--annotations`` (the root command does not)."""
    return any("--annotations" in getattr(param, "opts", ()) for param in params)


def _values_given(params: Iterable[Any], args: list[str]) -> dict[Any, list[str]]:
    """The values given to each option of ``params`` that takes one value, in the order of
    ``args`` (up to a ``--``), as click will read them: ``--name value`` and ``--name=value``."""
    takes_one: dict[str, Any] = {}
    for param in params:
        # By its attributes: typer 0.28 brings click of its own, whose Option is not click's.
        if param.param_type_name == "option" and not (param.is_flag or param.count or param.multiple):
            takes_one.update(dict.fromkeys(param.opts, param))
    given: dict[Any, list[str]] = {}
    index = 0
    while index < len(args) and args[index] != "--":
        name, equals, value = args[index].partition("=") if args[index].startswith("--") else (args[index], "", "")
        param = takes_one.get(name)
        index += 1
        if param is None:
            continue
        if not equals and index < len(args):
            value, index = args[index], index + 1
        given.setdefault(param, []).append(value)
    return given


_ESCAPED_BRACKET = re.compile(r"(?<=\s)\\\[")


class CommandApp(typer.Typer):
    """A typer object whose commands are :class:`WordsCommand`."""

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", WordsCommand)
        return super().command(*args, **kwargs)


def command_app(**settings: Any) -> typer.Typer:
    """The typer object a command module registers its command (or its group's commands) on."""
    return CommandApp(add_completion=False, rich_markup_mode=None, **settings)


# --- Options every command spells the same way ---------------------------------------------------
# Each is a function, so every command gets an option object of its own, with the same names,
# metavar (a word, such as RUBRIC or PATH) and wording.


def _complete_rubric(incomplete: str) -> list[str]:
    """Shell completion of ``--rubric``: the bundled rubrics' ids (a file name completes as a path)."""
    from civdata.catalog import bundled_rubrics

    return [entry.id for entry in bundled_rubrics() if entry.id.startswith(incomplete)]


def rubric_option(default: str) -> Any:
    """``-r/--rubric RUBRIC``: how every command names the rubric it uses."""
    return typer.Option(
        "--rubric",
        "-r",
        metavar="RUBRIC",
        help=f"Rubric file, or the id of a bundled rubric. Default: {default}.",
        show_default=False,
        autocompletion=_complete_rubric,
    )


def output_option(help_text: str) -> Any:
    """``-o/--output PATH``, where ``-`` is standard output."""
    return typer.Option("--output", "-o", metavar="PATH", help=help_text, show_default=False)


def lang_option(default: str = "its own", *, help_text: str | None = None) -> Any:
    """``--lang LANG``: the language of the rubric's text, checked by the rubric loader (one
    message for a language the rubric does not have, whichever command is given it). A command
    that does something else with the language says what in ``help_text``."""
    return typer.Option(
        "--lang",
        metavar="LANG",
        help=help_text or f"Language of the rubric's text, where the rubric gives it. Default: {default}.",
        show_default=False,
    )


class _Quiet:
    on = False


def quiet() -> bool:
    """Whether ``--quiet`` was given."""
    return _Quiet.on


def set_quiet(value: bool) -> None:
    """``--quiet`` given anywhere on the command line (before or after the command) holds for the run."""
    _Quiet.on = _Quiet.on or bool(value)


def quiet_option() -> Any:
    """``-q/--quiet``: no progress or information lines; problems and failed gates are still shown."""
    return typer.Option(
        "--quiet",
        "-q",
        callback=set_quiet,
        is_eager=True,
        expose_value=False,
        help="Print no progress or information lines on standard error; problems and failed gates are still shown.",
    )


app = typer.Typer(
    name="civdata",
    epilog="Example: civdata report answers.yaml -o report.md\n\nEach command's own help: civdata COMMAND --help",
    help=(
        "Assess how ready a civil-society data initiative is, and what could hurt the people in "
        "its data, before it builds anything.\n\n"
        "\b\nExit codes:\n  0  ok\n"
        + "\n".join(
            textwrap.wrap(
                f"1  a gate failed: {', '.join(GATE_OPTIONS)}",
                width=76,
                initial_indent="  ",
                subsequent_indent="     ",
                break_on_hyphens=False,
            )
        )
        + "\n  2  invalid input or usage, or an output that cannot be written\n  3  a bug in civdata"
    ),
    cls=LazyCommands,
    no_args_is_help=True,
    # --install-completion and --show-completion; completing words goes through _CIVDATA_COMPLETE.
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

T = TypeVar("T")


def err(message: str) -> None:
    """One line for the person on standard error (never mixed into a report on stdout).

    Always exactly one line: values in ``message`` (file names, answers, titles) are escaped by
    :func:`civdata.escape.log_line`, so none can add a line or a CI workflow command. A closed or
    broken standard error loses the message, never the exit code.
    """
    from civdata.escape import log_line

    if sys.stderr is None:
        return
    with contextlib.suppress(OSError, ValueError):
        print(log_line(message), file=sys.stderr, flush=True)


def info(message: str) -> None:
    """A line of progress or information on standard error (``Wrote report.md``); none with ``--quiet``."""
    if not _Quiet.on:
        err(message)


#: Whether problems are written as GitHub annotations (``--annotations``); set per run.
_annotating = False

#: What ``--annotations`` accepts: the one definition every command's option is made from.
Annotations = Enum("Annotations", {name: name for name in ("auto", "github", "none")}, type=str)  # type: ignore[misc]
#: Its default, as each command's parameter gives it (``Annotated[Annotations, annotations_option()]``).
ANNOTATIONS_DEFAULT: Any = Annotations.auto  # type: ignore[attr-defined]


def annotations_enabled(choice: str, environ: Mapping[str, str]) -> bool:
    """Whether to write GitHub annotations: ``github`` always, ``none`` never, ``auto`` when
    running in GitHub Actions (``GITHUB_ACTIONS=true``, which the runner sets)."""
    if choice == "auto":
        return environ.get("GITHUB_ACTIONS") == "true"
    return choice == "github"


def annotate_problems(enabled: bool) -> None:
    """Write problems as GitHub error annotations at their file, line and column (or not)."""
    global _annotating
    _annotating = enabled


def annotating() -> bool:
    """Whether this run writes GitHub annotations (``--annotations``, by default when in GitHub Actions)."""
    return _annotating


def _choose_annotations(value: Enum) -> None:
    """``--annotations``'s callback: settles, for the whole run, whether problems are annotations."""
    annotate_problems(annotations_enabled(value.value, os.environ))


def annotations_option() -> Any:
    """``--annotations WHERE``, the same on every command that reads files (docs/ci.md): in GitHub
    Actions a mistake in a file is shown at its line, whichever command found it. Eager, so it is
    settled before anything is read; its callback runs when the option is not given too, for
    ``auto``."""
    return typer.Option(
        "--annotations",
        metavar="WHERE",
        case_sensitive=False,
        callback=_choose_annotations,
        is_eager=True,
        expose_value=False,
        help="github: also write problems and warnings (and a report's findings and failed gates) as GitHub "
        "Actions annotations at their file and line, on standard error; a report also appends a summary to "
        "$GITHUB_STEP_SUMMARY when it is set. auto: github when GITHUB_ACTIONS is true. none: never.",
    )


def annotate(lines: list[str]) -> None:
    """Write workflow commands made by :mod:`civdata.annotations` on standard error, as they are:
    every value in them is already encoded for the runner (unlike :func:`err`, which breaks up
    anything a runner could read as a command)."""
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError, ValueError):
        for line in lines:
            print(line, file=sys.stderr)
        sys.stderr.flush()


def show_problems(problems: Sequence[Problem]) -> None:
    """Each problem on standard error: its ``file:line:col: message`` line, or with annotations on,
    an error annotation at that place saying the same."""
    if _annotating:
        from civdata.annotations import problem_command

        annotate([problem_command(problem) for problem in problems])
    else:
        for problem in problems:
            err(str(problem))


def show_warnings(warnings: Iterable[Problem]) -> None:
    """Each warning at a place in a file (``file:line:col: warning: ...``) on standard error, or
    with annotations on, a warning annotation at that place saying the same: in GitHub Actions, a
    warning is seen on the line it is about, as a problem is."""
    if _annotating:
        from civdata.annotations import problem_command

        _annotate_warnings([problem_command(warning, "warning") for warning in warnings])
    else:
        for warning in warnings:
            err(str(warning))


def warn(message: str) -> None:
    """A warning about no one place in a file: ``civdata: warning: MESSAGE`` on standard error, or
    with annotations on, a warning annotation saying it (shown on the run's summary page)."""
    if _annotating:
        from civdata.annotations import workflow_command
        from civdata.escape import log_line

        _annotate_warnings([workflow_command("warning", log_line(f"civdata: {message}"))])
    else:
        err(f"civdata: warning: {message}")


#: Warning annotations held back while a report is made (:func:`warnings_after_findings`); None
#: when none are held.
_held_warnings: list[str] | None = None


def _annotate_warnings(lines: list[str]) -> None:
    if _held_warnings is not None:
        _held_warnings.extend(lines)
    else:
        annotate(lines)


def _release_held_warnings() -> None:
    """Write the warning annotations held so far (the block goes on holding later ones)."""
    if _held_warnings:
        annotate(_held_warnings)
        _held_warnings.clear()


@contextlib.contextmanager
def warnings_after_findings() -> Iterator[None]:
    """Hold the warning annotations said in the block until it ends, or until problems are shown
    (which they precede, as without annotations). GitHub shows ten annotations of each level per
    step: a report's own (its failed gates, then its findings, most severe first, many of them
    warnings) are what the run is for, and the warnings about its files, written as they were
    found, came first and crowded them out. Written after them, they lose nothing from the log."""
    global _held_warnings
    _held_warnings = []
    try:
        yield
    finally:
        _release_held_warnings()
        _held_warnings = None


def report_problems(problems: list[Problem]) -> None:
    if not problems:
        # Exit 2 always shows what to fix; refusing without a reason is a bug, reported as one.
        raise RuntimeError("an input was refused without a problem to show")
    from civdata.wording import plural

    # Each said once: two problems can read the same once --anonymize has left their values out
    # (two names in one choice cell), and a line twice is noise, and a count too high.
    problems = list(dict.fromkeys(problems))
    _release_held_warnings()
    show_problems(problems)
    count = len(problems)
    err(f"civdata: {plural(count, 'problem')} found; nothing was written")


#: Skipped files named one per line, up to this many; then a count.
SKIPPED_SHOWN = 10


def say_skipped(skipped: list[tuple[Path, str]], *, anonymize: bool = False) -> None:
    """Name on standard error the files a command left out, with the reason for each; with
    ``anonymize``, how many for each reason, naming none (a file name is often a person's, and
    a CI log keeps standard error)."""
    if anonymize:
        from collections import Counter

        from civdata.wording import plural

        counts = Counter(getattr(reason, "nameless", reason) for _, reason in skipped)
        for reason, count in counts.items():
            err(f"civdata: skipped {plural(count, 'file')} (not named: --anonymize): {reason}")
        return
    for path, reason in skipped[:SKIPPED_SHOWN]:
        err(f"civdata: skipped {path}: {reason}")
    if len(skipped) > SKIPPED_SHOWN:
        err(f"civdata: skipped {len(skipped) - SKIPPED_SHOWN} more files, for the reasons above")


def say_unasked_answers(warnings: list[Problem], *, anonymize: bool = False, shown: int | None = SKIPPED_SHOWN) -> None:
    """Each warning that answers files answer questions their role is not asked
    (``file:line:col: warning: ...``) on standard error, the first ``shown`` of them (every one
    with None, as ``civdata check`` lists every problem) and then how many more; with ``anonymize``,
    how many files have one, naming none (a file's name is often a person's)."""
    from civdata.wording import plural, verb

    count = len(warnings)
    if anonymize and warnings:
        warn(
            f"{plural(count, 'answers file')} {verb(count, 'answers', 'answer')} questions "
            f"{verb(count, 'its', 'their')} role is not asked, and those answers are not counted; run "
            "`civdata check` on the files to see which"
        )
        return
    show_warnings(warnings[:shown])
    if shown is not None and count > shown:
        more = count - shown
        warn(
            f"{plural(more, 'more answers file')} {verb(more, 'answers', 'answer')} questions "
            f"{verb(more, 'its', 'their')} role is not asked, not counted either; `civdata check` names each"
        )


def say_dated_later(warnings: list[Problem], *, anonymize: bool = False) -> None:
    """Each warning that an answers file is dated more than a year after today (``file:line:col: warning:
    ...``), on standard error; with ``anonymize``, how many files, naming none."""
    if anonymize and warnings:
        from civdata.wording import plural, verb

        count = len(warnings)
        warn(
            f"{plural(count, 'answers file')} {verb(count, 'is', 'are')} dated more than a year after today (if it "
            "is a typo, correct it); run `civdata check` on the files to see which"
        )
        return
    show_warnings(warnings)


def say_alike(alike: list[tuple[str, str]], *, anonymize: bool = False) -> None:
    """Say which answers files hold the same bytes as another and name no respondent: both are
    counted (two people may give the same answers), but one may be a copy saved twice."""
    if not alike:
        return
    why = "they name no respondent, so both are counted: if one is a copy, delete it"
    if anonymize:
        from civdata.wording import plural, verb

        count = len(alike)
        err(
            f"civdata: {plural(count, 'answers file')} (not named: --anonymize) {verb(count, 'holds', 'hold')} the "
            f"same bytes as another; {why}"
        )
        return
    for copy, first in alike[:SKIPPED_SHOWN]:
        err(f"civdata: {copy} holds the same bytes as {first}; {why}")
    if len(alike) > SKIPPED_SHOWN:
        err(f"civdata: and {len(alike) - SKIPPED_SHOWN} more files hold the same bytes as another")


def say_read_as_they_are(versions: Mapping[str, int], rubric_version: str, *, made: str, of: str) -> None:
    """Say, once for each version, how many of the inputs read were ``made`` (``submission``,
    ``answers file``) with another PATCH version of ``of`` (the form, the rubric) than
    ``rubric_version``, and that their answers are read as they are: a PATCH release changes no
    question (docs/rubric-format.md), so nothing needs doing, but a facilitator who replaced the form
    or the rubric should know which answers were given to the earlier wording. ``civdata import``
    and ``civdata report`` say it in these words; oldest version first."""
    from civdata.versions import version_key
    from civdata.wording import plural, verb

    for version in sorted(versions, key=version_key):
        count = versions[version]
        said = (
            f"{plural(count, made)} {verb(count, 'was', 'were')} made with version {version} of {of}, not "
            f"{rubric_version}: a PATCH release changes no question, so {verb(count, 'its', 'their')} answers are "
            "read as they are"
        )
        if version_key(version) <= version_key(rubric_version):
            info(f"civdata: {said}")
            continue
        # Newer than the rubric civdata has (a CI job pinned to an older civdata): a PATCH may have
        # made a finding more severe, and a gate would pass on the older severity. Said with -q too.
        err(
            f"civdata: warning: {said}, with the severities, owners and dates of findings "
            f"of {rubric_version}, which {version} may "
            f"have changed: to judge them as {version} does, use the civdata (or the rubric) of {version}"
        )


def guarded(action: Callable[[], T]) -> T:
    """Run ``action``; input problems end the command with all of them listed and exit code 2."""
    from civdata.problems import InputError

    try:
        return action()
    except InputError as error:
        report_problems(error.problems)
        raise typer.Exit(EXIT_INVALID) from None


def say_error(message: str) -> None:
    """An error that has no place in a file (a file given twice, a folder without answers files,
    an output that cannot be written) on standard error, as one line: with annotations on, an
    error annotation with no file whose message is that very line, so in GitHub Actions it is
    shown with the job as every mistake in a file is."""
    from civdata.escape import log_line

    line = log_line(message)
    if _annotating:
        from civdata.annotations import workflow_command

        _release_held_warnings()  # before the error, as without annotations
        annotate([workflow_command("error", line)])
    else:
        err(line)


def usage_error(message: str) -> typer.Exit:
    """Say what is wrong with the command line or an input as a whole, and exit 2."""
    say_error(f"civdata: {message}")
    return typer.Exit(EXIT_INVALID)


def unknown_role(role: str, rubric: Rubric) -> typer.Exit | None:
    """The usage error for a ``--role`` that is none of ``rubric``'s roles (naming the role meant,
    by id or label), or None for one of them."""
    from civdata.problems import did_you_mean

    role_ids = [known.id for known in rubric.roles]
    if role in role_ids:
        return None
    return usage_error(
        f"--role '{role}' is not a role of this rubric ({', '.join(role_ids)})"
        + did_you_mean(role, role_ids, rubric.role_labels)
    )


def report_date() -> str:
    """Today, or the date in SOURCE_DATE_EPOCH (see :mod:`civdata.dates`); a bad value is a usage problem."""
    from civdata.dates import report_date as dated

    try:
        return dated(os.environ)
    except ValueError as error:
        raise usage_error(str(error)) from None


def stdout_is_terminal() -> bool:
    return sys.stdout is not None and sys.stdout.isatty()


def wants_color() -> bool:
    """Colour in the terminal report, by the conventions of no-color.org and force-color.org.

    ``NO_COLOR`` set to anything but the empty text turns colour off, and wins over everything;
    ``FORCE_COLOR`` set to anything but the empty text turns it on even when standard output is
    not a terminal (a CI log that shows colours); otherwise there is colour on a terminal, unless
    ``TERM=dumb``. An empty value of either is ignored, as both conventions say.
    """
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stdout_is_terminal() and os.environ.get("TERM") != "dumb"


def terminal_width() -> int:
    return shutil.get_terminal_size((100, 24)).columns if stdout_is_terminal() else 100


def is_stdout(output: Path | None) -> bool:
    """Whether ``-o`` means standard output: not given, ``-`` or ``/dev/stdout``."""
    from civdata.files import STDOUT_NAMES

    return output is None or str(output) in STDOUT_NAMES


def is_device_or_pipe(output: Path) -> bool:
    """Whether ``-o`` names a device or a pipe (``/dev/null``, a FIFO): written as Markdown when its
    name says no format, as when standard output is piped (docs/files-and-safety.md)."""
    return output.exists() and not output.is_file()


def choose_format(explicit: Enum | None, output: Path | None, *, option: str = "-o", has_format: bool = True) -> str:
    """``--format`` if given; else what the extension of ``option``'s file says; else text on a
    terminal, Markdown when piped. A name that says no format is refused with the way out the
    command has: ``--format`` where it has one (``has_format``), else the endings it reads."""
    from civdata.render import format_for_path

    if explicit is not None:
        return explicit.value
    if not is_stdout(output):
        assert output is not None
        inferred = format_for_path(output)
        if inferred is None and is_device_or_pipe(output):
            return "markdown"
        from civdata.files import yaml_name_refused
        from civdata.safe_read import is_yaml_name

        if inferred is None and is_yaml_name(output.name):
            # Refused whatever the format: --format would only lead to this refusal.
            raise usage_error(yaml_name_refused(option, str(output)))
        if inferred is None:
            raise usage_error(
                f"{option} {output}: cannot tell the report format from '{output.name}'; "
                + (_add_format() if has_format else _name_endings(option))
            )
        return inferred
    return "text" if stdout_is_terminal() else "markdown"


def _add_format() -> str:
    """The way out for a command with ``--format``: the endings it knows, or the option."""
    from civdata.render import FORMATS

    known = ", ".join(ext for _, _, exts in FORMATS.values() for ext in exts)
    return f"known extensions: {known}; or add --format with one of {', '.join(FORMATS)}"


def _name_endings(option: str) -> str:
    """The way out for a command without ``--format``: the endings that choose a format."""
    from civdata.render import FORMATS

    endings = ", ".join(f"{' or '.join(exts)} ({name})" for name, (_, _, exts) in FORMATS.items() if exts)
    return f"the format comes from how the name ends: {endings}; such as {option} report.md"


def claim_output(output: Path | None, option: str = "-o", **rules: Any) -> Target | None:
    """Check ``option``'s file before the work is done (see :func:`civdata.files.output_target`):
    never an input of this run, never a folder, never replacing a device. None when no file was
    given (the text goes to standard output)."""
    from civdata.files import OutputError, output_target

    if output is None:
        return None
    try:
        return output_target(output, option, **rules)
    except OutputError as error:
        raise usage_error(str(error)) from None


def companion_base(target: Target | None) -> str | None:
    """The file name a report's companion files are named after: the report's own, when it is
    written to a regular file; None for standard output or a device, which get no companions."""
    if target is None or target.path is None or target.special:
        return None
    return Path(target.given).name


def claim_companions(target: Target | None, companions: tuple[Companion, ...]) -> list[tuple[Target, Companion]]:
    """Check every file a renderer wants beside the report (in the folder ``-o`` names), as
    :func:`claim_output` checks the report, before anything is written."""
    if target is None or not companions:
        return []
    folder = Path(target.given).parent
    claimed = []
    for companion in companions:
        path = folder / companion.name
        checked = claim_output(path, companion.what, report=True, purpose=companion.what)
        assert checked is not None
        claimed.append((checked, companion))
    return claimed


def write_report(
    format_name: str,
    report: Report,
    meta: ReportMeta,
    output: Path | None,
    target: Target | None,
    *,
    also: Sequence[tuple[str, Target | None]] = (),
    placement: Placement | None = None,
) -> None:
    """Render a report as ``-o`` (or ``--report``) asks, and write it with its companion files
    and ``also`` (the action plan), all or nothing (:func:`emit_together`).

    Every companion is claimed before anything is written, so a refused picture leaves no report
    without it. The one way the report and import commands write a report.
    """
    from dataclasses import replace

    from civdata.render import render_files

    to_terminal = is_stdout(output)
    color = to_terminal and format_name == "text" and wants_color()
    meta = replace(meta, output_name=companion_base(target))
    rendered = render_files(format_name, report, meta, color=color, width=terminal_width() if to_terminal else 100)
    emit_rendered(rendered, target, also=also, placement=placement)
    _say_same_person(report)
    _say_lone_roles(report)


def _say_same_person(report: Report) -> None:
    """Warn, in the words the report uses beside its verdict, of answers files that name the same
    respondent: an earlier assessment left beside the new one weighs that person more than once,
    and the person about to pass the report on should hear it whatever format it is in."""
    from civdata.render.common import same_person_text

    twice = same_person_text(report, str)
    if twice:
        warn(f"Same person in several files: {twice}")


def _say_lone_roles(report: Report) -> None:
    """Warn, as the report's Names row does, of the roles an anonymized report cannot hide the
    respondent of: someone about to share it reads this line, whatever format it is in."""
    from civdata.render.common import lone_roles_text

    lone = lone_roles_text(report)
    if lone:
        warn(f"--anonymize hides names, but {lone}")


def warn_of_ci_locations(paths: Sequence[Path], format_name: str, *, anonymize: bool) -> None:
    """One warning line, before any file is read, when what a report shows in CI would point
    nowhere useful: at the wrong files or at standard input (with annotations on, or writing
    SARIF or Code Quality), or, with ``--anonymize``, at no file at all in SARIF and Code Quality.
    The one home of these warnings for `civdata report` and `civdata import --report`.

    An anonymized report's findings point at no file, and its log names none either: no path is
    then looked at, since the warning would put a file's name, often a person's, in the log."""
    located = format_name in ("sarif", "codequality")
    if anonymize:
        if located:
            from civdata.annotations import anonymized_unlocated

            warn(anonymized_unlocated(format_name))
        return
    if not (annotating() or located):
        return
    from civdata.annotations import misplaced_paths, stdin_located
    from civdata.files import FOLDER_GONE, working_folder
    from civdata.safe_read import is_stdin

    here = working_folder()
    if here is None:  # exited 3 (the review of environments)
        raise usage_error(
            f"the places of findings in files are given from the folder civdata runs in, and {FOLDER_GONE}"
        )
    named = [path for path in paths if not is_stdin(path)]
    warning = misplaced_paths(named, here, os.environ.get("GITHUB_WORKSPACE"))
    if warning is None and len(named) < len(paths):
        warning = stdin_located()
    if warning is not None:
        warn(warning)


#: The file GitHub Actions shows on a job's summary page; each step appends to it.
STEP_SUMMARY = "GITHUB_STEP_SUMMARY"


def claim_step_summary() -> Target | None:
    """``$GITHUB_STEP_SUMMARY`` when annotations are on and it is set, checked as every output is
    (never an input, never a folder), once every input is read; else None."""
    given = os.environ.get(STEP_SUMMARY, "") if annotating() else ""
    if not given:
        return None
    return claim_output(Path(given), STEP_SUMMARY, report=True, appends=True)


def write_ci_outputs(report: Report, gates: GateOutcome | None, meta: ReportMeta, summary: Target | None) -> None:
    """What GitHub Actions shows of a report once it is written, when annotations are on: the
    failed gates and every finding as annotations at the answers that raised them (a file's line,
    a submission's row and cell), and the summary appended to ``summary`` (from
    :func:`claim_step_summary`). The one way `civdata report` and `civdata import --report` do it."""
    if not annotating():
        return
    from civdata.annotations import report_commands

    annotate(report_commands(report, gates))
    if summary is None:
        return
    from civdata.files import OutputError, append_output
    from civdata.render import render

    try:
        append_output(summary, render("summary", report, meta))
    except OutputError as error:
        raise usage_error(str(error)) from None


def emit_rendered(
    rendered: Rendered,
    target: Target | None,
    *,
    also: Sequence[tuple[str, Target | None]] = (),
    placement: Placement | None = None,
) -> None:
    """Write a rendered report or history with its companion files (its pictures) and ``also``,
    all or nothing: every companion is claimed first, so a refused picture leaves no report without
    it, and a report that cannot be written takes back the pictures already placed."""
    from dataclasses import replace

    companions = [(companion.text, checked) for checked, companion in claim_companions(target, rendered.companions)]
    if rendered.for_terminal and (target is None or target.is_stdout):  # as the terminal shows it, not a file's bytes
        target = replace(target or stdout_target(), for_terminal=True)
    emit_together([*companions, (rendered.text, target), *also], placement)


def stdout_target() -> Target:
    """Standard output, as the target of an output no ``-o`` named."""
    from civdata.files import Target

    return Target("-o", "-", None)


def emit(text: str, target: Target | None) -> None:
    """Print ``text``, or write it to a target claimed by :func:`claim_output`."""
    emit_together([(text, target)])


def emit_together(outputs: Sequence[tuple[str, Target | None]], placement: Placement | None = None) -> None:
    """Write the outputs of one command (None is standard output) all or nothing, then say which
    files were written: an output the system refuses (a full disk) is a usage problem, exit 2,
    and takes back the others (see :func:`civdata.files.write_together`). ``placement`` joins
    them to other outputs placed in it (the answers files of an import)."""
    from civdata.files import OutputError, StdoutError, write_together

    checked = [(target or stdout_target(), text) for text, target in outputs]
    try:
        write_together(list(checked), placement)
    except StdoutError:
        raise
    except OutputError as error:
        raise usage_error(str(error)) from None
    for target, _ in checked:
        if not target.is_stdout:
            info(f"Wrote {target.given}")


def version_callback(value: bool) -> None:
    if value:
        print(f"civdata {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=version_callback, is_eager=True, help="Show the version and exit."),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Print no progress or information lines on standard error (as every command's -q)."
        ),
    ] = False,
) -> None:
    """Assess a civil-society data initiative against a rubric."""
    from civdata.files import start_run

    start_run()
    _Quiet.on = quiet  # a command's own -q, read after this, can only turn it on
    annotate_problems(False)
