"""The civdata command line. Each command lives in a module of its own in this package.

Importing a command module registers it on the typer app; heavy libraries are imported inside
the commands that need them, so ``civdata --version`` starts fast.
"""

from __future__ import annotations

import sys
from typing import Any

from civdata.cli import assess, report, rubric, template  # noqa: F401  (registers the commands)
from civdata.cli.app import app, err

__all__ = ["app", "main"]


def main(argv: list[str] | None = None) -> Any:
    """Entry point of the ``civdata`` console script and ``python -m civdata``."""
    try:
        return app(args=argv, prog_name="civdata")
    except KeyboardInterrupt:
        err("civdata: interrupted")
        sys.exit(130)
