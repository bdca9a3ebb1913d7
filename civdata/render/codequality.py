"""GitLab Code Quality (``--format codequality``): findings in merge requests, at their answers.

GitLab reads a JSON array of issues in a subset of the Code Climate format: a description, a
``check_name`` (the finding's id), a ``fingerprint`` that stays the same while the finding does
(GitLab compares them between the source and target branches to say what a merge request adds or
fixes), a severity, and the file and line. :mod:`civdata.annotations` chooses what is shown;
paths are as civdata was given them, so run it from the repository root with relative paths.
The format has no place for a finding without a file (in an anonymized report), so those are
left out, as are the gates' outcome: the job's exit code carries it.

The format shares ``.json`` with the JSON report, so it is chosen by ``--format codequality``,
never by the file name.
"""

from __future__ import annotations

import json
import os

from civdata.annotations import ci_items, repository_path
from civdata.escape import json_document
from civdata.render.common import ReportMeta
from civdata.results import Report


def render_codequality(report: Report, meta: ReportMeta, **_: object) -> str:
    issues = [
        {
            "type": "issue",
            "check_name": item.rule_id,
            "description": _one_line(item.message),
            "fingerprint": item.fingerprint,
            "severity": item.code_quality_severity,
            "location": {
                "path": _unicode_path(repository_path(item.location.source)),
                "lines": {"begin": item.location.line},
            },
        }
        for item in ci_items(report, meta.gates)
        if item.location is not None
    ]
    return json_document(json.dumps(issues, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"


def _unicode_path(path: str) -> str:
    """``path`` as Unicode text: a file name that is not UTF-8 (unpacked from another system's zip)
    holds the lone surrogates Python reads its bytes as, which JSON writes as ``\\udcff``, a string
    a strict reader refuses (an outside review); its bytes are read as UTF-8, each that is not
    shown as U+FFFD. SARIF percent-encodes the bytes instead, as a URI can."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def _one_line(message: str) -> str:
    """The lines of a message (the finding's title, then its recommendation) as sentences of one
    line: GitLab shows a description on one line, where "... the community it describes For each
    harmful use ..." ran the title into the recommendation."""
    lines = [line.strip() for line in message.split("\n") if line.strip()]
    return " ".join(line if line.endswith((".", "!", "?", ":")) else f"{line}." for line in lines)
