"""``python -m civdata`` and the ``civdata`` command.

Starting the command line imports typer, rich and the commands. If that fails (a library missing,
or a version that does not fit), there is no command line yet to report it, and Python's own
traceback would exit 1, which CI reads as a failed gate. So the import is guarded here: a broken
installation says so in one line and exits 3, like any other internal error.
"""

from __future__ import annotations

import sys

EXIT_BUG = 3


def run() -> None:
    try:
        from civdata.cli import main
    except Exception as error:
        print(
            f"civdata: cannot start ({type(error).__name__}: {error}): the installation is broken, or a library "
            "civdata needs is missing or of a version that does not fit. Reinstall civdata; if that does not "
            "help, report it to the civdata maintainers with the command you ran",
            file=sys.stderr,
        )
        sys.exit(EXIT_BUG)
    main()


if __name__ == "__main__":
    run()
