"""SARIF 2.1.0 (``-o findings.sarif``): findings for GitHub code scanning and other SARIF viewers.

Each finding of the report is a result at the answer that raised it, and each kind of finding (a
finding id of the rubric, or a required question left unanswered) is a rule whose help is the
rubric's recommendation; :mod:`civdata.annotations` chooses what is shown and at which level.
File locations are relative to ``%SRCROOT%``, the folder civdata ran in, however a file inside it
was given (an absolute path too): run it from the repository root, as the GitHub Action does.
``partialFingerprints`` name what a result is and what it is about (a file, or a combined
report's initiative: see :func:`civdata.annotations.fingerprint`), never its line, so an alert
survives lines moving. The gates' outcome is kept in the run's invocation: a failed gate is an
error notification there.

Text is written exactly as read (JSON escapes what it must), as in the JSON report.
"""

from __future__ import annotations

import json
import os
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from civdata.annotations import FINGERPRINT_KEY, CiItem, ci_items, repository_path
from civdata.escape import json_document
from civdata.model import Location
from civdata.render.common import ReportMeta
from civdata.render.json_report import gates_json
from civdata.results import Report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"


def render_sarif(report: Report, meta: ReportMeta, **_: object) -> str:
    items = ci_items(report, meta.gates)
    states = baseline_states(report)
    rule_ids = list(dict.fromkeys(item.rule_id for item in items))
    first_of_rule = {item.rule_id: item for item in reversed(items)}
    driver = {
        "name": "civdata",
        "version": meta.tool_version,
        "rules": [_rule(first_of_rule[rule_id], meta) for rule_id in rule_ids],
    }
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {
            SOURCE_ROOT: {"description": {"text": "The folder civdata ran in, which should be the repository root."}},
        },
        "invocations": [_invocation(meta)],
        "results": [_result(item, rule_ids.index(item.rule_id), meta, states) for item in items],
        "properties": {
            "rubric": {"id": report.rubric.id, "version": report.rubric.version, "sha256": report.rubric.sha256},
            "initiative": report.initiative,
            "verdict": report.verdict.id,
            "overall": report.overall,
            # Which way ``overall`` reads (``readiness``: higher is better; ``risk``: higher means
            # more risk), so a tool that reads the SARIF alone can tell a good score from a bad one.
            "direction": report.rubric.direction.value,
            "thin_coverage": report.thin_coverage,
            "coverage": report.coverage,
        },
    }
    if report.progress is not None:
        progress = report.progress
        run["properties"]["progress"] = {
            "baseline": progress.baseline_source,
            "baseline_assessed_on": progress.baseline_on,
            "verdict": {
                "before": progress.verdict_before,
                "after": progress.verdict_after,
                "before_id": progress.verdict_before_id,
                "after_id": progress.verdict_after_id,
            },
            "overall": {"before": progress.overall.before, "after": progress.overall.after},
            "resolved": [finding.id for finding in progress.resolved],
            "replaced": [
                {"before": item.before.id, "after": item.after.id, "trend": item.trend.value}
                for item in progress.replaced
            ],
            "severity_changed": [
                {
                    "id": item.after.id,
                    "before": item.before.severity.value,
                    "after": item.after.severity.value,
                    "trend": item.trend.value,
                }
                for item in progress.severity_changed
            ],
        }
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_document(json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"


def _rule(item: CiItem, meta: ReportMeta) -> dict[str, Any]:
    description = item.title.split(": ", 1)[-1]
    return {
        "id": item.rule_id,
        "shortDescription": {"text": description},
        "fullDescription": {"text": item.explanation or description},
        "help": {"text": item.help},
        "defaultConfiguration": {"level": item.sarif_level(meta.gates)},
        "properties": {"tags": ["civdata", item.severity.value]},
    }


def _invocation(meta: ReportMeta) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if meta.gates is not None:
        invocation["properties"] = {"gates": gates_json(meta)}
        invocation["toolExecutionNotifications"] = [
            {
                "level": "error",
                "message": {"text": f"gate failed: {failure.gate} {failure.threshold}: {failure.reason}"},
                "descriptor": {"id": f"gate{failure.gate}"},
            }
            for failure in meta.gates.failures
        ]
    return invocation


def baseline_states(report: Report) -> dict[str, str]:
    """SARIF's ``baselineState`` of each finding, by id, when the report has a baseline: ``new``,
    ``unchanged``, or ``updated`` for one still open whose severity changed (the same result as in
    the baseline's run, its level not: SARIF 2.1.0, 3.27.24). Findings that could not be compared
    (the rubric changed) get none. One raised in place of another (``progress.replaced``) is
    ``new`` when nobody raised it then: a result the baseline's run did not have, whatever question
    it is about (the run's ``progress`` pairs it with the one it replaced)."""
    progress = report.progress
    if progress is None:
        return {}
    states = {finding.id: "unchanged" for finding in progress.still_open}
    states |= {item.after.id: "updated" for item in progress.severity_changed}
    states |= {item.after.id: "new" for item in progress.replaced if item.after_new}
    states |= {finding.id: "new" for finding in progress.new}
    # A finding new inside a rule's finding still open is no result of its own: the rule's result,
    # which states it now and did not then, is updated (else a failed gate shows nothing new).
    listed = {finding.id for finding in report.findings}
    for finding in report.findings:
        stated_new = any(states.get(covered.id) == "new" and covered.id not in listed for covered in finding.covers)
        if stated_new and states.get(finding.id) == "unchanged":
            states[finding.id] = "updated"
    return states


def _result(item: CiItem, rule_index: int, meta: ReportMeta, states: dict[str, str]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": item.rule_id,
        "ruleIndex": rule_index,
        "level": item.sarif_level(meta.gates),
        "message": {"text": item.message},
        "partialFingerprints": {FINGERPRINT_KEY: item.fingerprint},
        "properties": {"severity": item.severity.value, "failsGate": item.fails_gate},
    }
    if item.possibly:
        result["properties"]["possibly"] = True
    if item.rule_id in states:
        result["baselineState"] = states[item.rule_id]
    if item.location is not None:
        result["locations"] = [{"physicalLocation": _physical(item.location)}]
    return result


def _physical(location: Location) -> dict[str, Any]:
    """A location's file relative to ``%SRCROOT%`` when it is inside the folder civdata ran in,
    however it was given (an absolute path too); a ``file://`` uri only for one outside it."""
    path = repository_path(location.source)
    artifact: dict[str, Any] = {"uri": artifact_uri(path)}
    if not _is_absolute(path):
        artifact["uriBaseId"] = SOURCE_ROOT
    return {"artifactLocation": artifact, "region": {"startLine": location.line, "startColumn": location.column}}


def _is_absolute(source: str) -> bool:
    return PurePosixPath(source).is_absolute() or PureWindowsPath(source).is_absolute()


def artifact_uri(source: str) -> str:
    """A file name as a URI reference: a relative one percent-encoded with ``/`` separators (a
    leading ``./`` dropped), an absolute one as a ``file://`` URI."""
    if PureWindowsPath(source).drive:
        return PureWindowsPath(source).as_uri()
    if PurePosixPath(source).is_absolute():
        return PurePosixPath(source).as_uri()
    # As bytes: a name that is not UTF-8 (unpacked from another system's zip) holds the lone
    # surrogates Python reads its bytes as, which quote cannot encode (exit 3: an outside review);
    # its bytes are percent-encoded as they are on disk.
    return quote(os.fsencode(repository_path(source)), safe="/")
