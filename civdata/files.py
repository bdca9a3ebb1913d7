"""Write files so that nothing a person wrote is lost, and nobody else can read their answers.

Answers and reports can hold sensitive notes about people, so every file civdata writes is
created readable by its owner only (0600). Writes go to a temporary file in the same folder and
are renamed into place, so a crash or Ctrl-C never leaves a half-written file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

PRIVATE_MODE = 0o600


def write_private(path: Path, text: str) -> None:
    """Atomically replace ``path`` with ``text``, readable and writable by the owner only."""
    folder = path.parent if str(path.parent) else Path()
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).chmod(PRIVATE_MODE)
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name the same file (used to refuse writing a report over its input)."""
    try:
        return first.resolve() == second.resolve() or (first.exists() and second.exists() and first.samefile(second))
    except OSError:
        return False
