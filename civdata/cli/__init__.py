"""The civdata command line. Each command lives in a module of its own in this package.

A command's module is imported only when that command runs or shows its help (see
:class:`civdata.cli.app.LazyCommands`), and heavy libraries only inside the commands that need
them, so ``civdata --version`` and ``civdata --help`` start fast (docs/performance.md).

:func:`main` is the one place every command ends, so exit codes mean the same everywhere:
0 ok, 1 a gate failed, 2 invalid input or usage or an output that cannot be written, 3 a bug in
civdata, 130 interrupted (Ctrl-C), 128+N stopped by signal N. An exception nobody expected is a
bug: it prints one line saying so, never a traceback that CI would read as a failed gate.
"""

from __future__ import annotations

import errno
import itertools
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import typer

from civdata.cli.app import EXIT_BUG, EXIT_INTERRUPTED, EXIT_INVALID, app, err, say_error
from civdata.files import GuardedStdout, StdoutError, remove_temporaries, start_run
from civdata.safe_read import stderr_was_input

__all__ = ["EXIT_BUG", "EXIT_INTERRUPTED", "app", "main"]


class Stopped(BaseException):
    """SIGTERM or SIGHUP arrived: unwind (removing temporary files) and exit 128 + the signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point of the ``civdata`` console script and ``python -m civdata``."""
    original = sys.stdout
    sys.stdout = GuardedStdout(original)
    try:
        with _stopping_on_signals():
            try:
                code = _run(argv)
            except Exception as error:  # raised while handling another: still a bug, still one line
                code = _bug(error)
        if code in (0, 1) and stderr_was_input():  # nothing was written into it; the run did not do its job
            code = EXIT_INVALID
    finally:
        remove_temporaries()
        sys.stdout = original
    sys.exit(code)


def _run(argv: list[str] | None) -> int:
    start_run()
    try:
        result = app(args=argv, prog_name="civdata", standalone_mode=False)
        sys.stdout.flush()
        return _completion_code(result if isinstance(result, int) else 0, argv)
    except StdoutError as error:
        return _stdout_failed(error)
    except (typer.Abort, KeyboardInterrupt):
        err("civdata: interrupted")
        return EXIT_INTERRUPTED
    except Stopped as stopped:
        return 128 + stopped.signum
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_INVALID
    except Exception as error:
        return _unexpected(error)


#: typer's own options, whose failures (a shell it has no script for: ``Shell sh not supported.``)
#: exit 1, which civdata keeps for a failed gate (the review of environments).
_COMPLETION_OPTIONS = ("--install-completion", "--show-completion")


def _completion_code(code: int, argv: list[str] | None) -> int:
    """``code``, but 2 for a shell completion that failed: a usage problem, never a gate."""
    words = sys.argv[1:] if argv is None else argv
    # Options of civdata itself only: before a command, a "--" or a value (a file of an answers
    # gate named "--show-completion" after "--" made a failed gate exit 2: the review of the fix).
    own = itertools.takewhile(lambda word: word.startswith("-") and word != "--", words)
    asked = any(word.split("=")[0] in _COMPLETION_OPTIONS for word in own)
    return EXIT_INVALID if code == 1 and asked else code


def _unexpected(error: Exception) -> int:
    """A usage error keeps its message and code; anything else, or a failure to show it, is a bug."""
    if not _is_usage_error(error):
        return _bug(error)
    try:
        _hint_rubric_option(error)
        _show_usage_error(error)
    except OSError:
        # Standard error closed, full, or its reader gone (``2>&1 | true``): the usage error stands,
        # unsaid, as a mistake in a file told to a reader that left does (the review of the fix:
        # exit 3, "a bug in civdata").
        _to_null_device(2)
    except Exception as failure:
        return _bug(failure)
    return int(error.exit_code)  # type: ignore[attr-defined]


def _show_usage_error(error: Any) -> None:
    """click's usage lines and its ``Error: ...`` line; with annotations on (``--annotations``, or
    in GitHub Actions), the error line as an ``::error::`` annotation, shown with the job as every
    other mistake is (docs/ci.md), its values escaped there. A mistake found before a command was
    chosen (``civdata reprot``) is annotated in GitHub Actions, as ``--annotations auto`` does."""
    from civdata.cli.app import annotate_problems, annotating, annotations_enabled, takes_annotations

    ctx = getattr(error, "ctx", None)
    on = getattr(error, "civdata_annotations", None)
    if on is None:
        chosen = takes_annotations(ctx.command.params if ctx is not None else [])
        on = annotating() or (not chosen and annotations_enabled("auto", os.environ))
    if not on:
        error.show()
        return
    annotate_problems(True)
    if ctx is not None:
        hint = f"Try '{ctx.command_path} {ctx.help_option_names[0]}' for help." if ctx.help_option_names else ""
        err(ctx.get_usage())
        if hint:
            err(hint)
    say_error(f"Error: {error.format_message()}")


def _to_null_device(descriptor: int) -> None:
    """Point ``descriptor`` (1 or 2) at the null device once writing to it has failed, so that
    Python's final flush cannot fail again and change the exit code."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, descriptor)
        os.close(null)
    except OSError:
        pass


def _hint_rubric_option(error: Any) -> None:
    """A word too many, given to a command that takes its rubric with ``-r``, is most likely the
    rubric's file (``civdata rubric docs my-rubric.yaml``, as ``rubric validate`` takes it): say
    how to give it, after click's own message. And the other way round: ``-r`` given to the one
    command that takes rubric files as they are (``civdata rubric validate -r my-rubric.yaml``, as
    every other command takes its rubric)."""
    ctx = getattr(error, "ctx", None)
    message = getattr(error, "message", "")
    if ctx is None or not isinstance(message, str):
        return
    takes_r = any("-r" in getattr(param, "opts", ()) for param in ctx.command.params)
    if message.startswith("Got unexpected extra argument") and takes_r:
        error.message = f"{message}. A rubric file is given with -r: {ctx.command_path} -r FILE"
        return
    option = getattr(error, "option_name", None)
    takes_files = any(getattr(param, "param_type_name", "") == "argument" for param in ctx.command.params)
    if option in ("-r", "--rubric") and not takes_r and takes_files:
        error.message = f"{message}. Give the files without {option}: {ctx.command_path} FILE"


def _stdout_failed(error: StdoutError) -> int:
    """Standard output is closed or full, or its reader left (``| head``): exit 2, never 0 or 1.

    A reader that left needs no message. Standard output is then pointed at the null device, so
    Python's final flush cannot fail again and change the exit code.
    """
    if error.errno != errno.EPIPE:
        say_error(f"civdata: {error}")
    if sys.__stdout__ is not None:
        _to_null_device(1)
    return EXIT_INVALID


def _is_usage_error(error: Exception) -> bool:
    """A click usage error (from click, or the copy of click that newer typer versions carry)."""
    return hasattr(error, "show") and isinstance(getattr(error, "exit_code", None), int)


def _bug(error: Exception) -> int:
    """One line that says it is a bug in civdata and what to do; the traceback with CIVDATA_DEBUG=1."""
    if os.environ.get("CIVDATA_DEBUG") == "1":
        import traceback

        traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
    lines = str(error).splitlines()
    detail = "".join(c if c.isprintable() else " " for c in (lines[0] if lines else ""))[:200]
    err(
        f"civdata: internal error ({type(error).__name__}{': ' + detail if detail else ''}). This is a bug in civdata, "
        "not a problem in your files: please report it to the civdata maintainers with the command you ran "
        "(CIVDATA_DEBUG=1 shows the details)"
    )
    return EXIT_BUG


@contextmanager
def _stopping_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP unwind like an exception, so every temporary file is removed."""

    def stop(signum: int, frame: Any) -> None:
        for other in wanted:  # a second signal must not interrupt the cleanup of the first
            signal.signal(other, signal.SIG_IGN)
        raise Stopped(signum)

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    try:
        previous = {signum: signal.signal(signum, stop) for signum in wanted}
    except ValueError:  # not the main thread: leave signals alone
        previous = {}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
