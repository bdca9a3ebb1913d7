"""CI gates: turn a result into pass or fail. Pure; the CLI maps a failure to exit code 1."""

from __future__ import annotations

import math
from collections.abc import Iterable

from civdata.model import Severity
from civdata.results import Finding


def gate_failures(
    findings: Iterable[Finding],
    overall: float | None,
    *,
    fail_on: Severity | None,
    fail_under: float | None,
) -> list[str]:
    """Why the gates fail, one sentence each; empty when every gate passes."""
    failures = []
    if fail_on is not None:
        hits = [finding for finding in findings if finding.severity.rank >= fail_on.rank]
        if hits:
            worst = ", ".join(f"{finding.severity.value}: {finding.title}" for finding in hits[:3])
            more = f" and {len(hits) - 3} more" if len(hits) > 3 else ""
            failures.append(f"{len(hits)} finding(s) at or above '{fail_on.value}' (--fail-on): {worst}{more}")
    if fail_under is not None:
        if overall is None or not math.isfinite(overall):
            failures.append(f"no answer could be scored, so the score cannot reach {fail_under:g} (--fail-under)")
        elif overall < fail_under:
            failures.append(f"overall score {overall:g} is below {fail_under:g} (--fail-under)")
    return failures
