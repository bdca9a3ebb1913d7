"""Regenerate every committed file that is derived from the rubric, the schemas or the examples.

    python tools/regenerate.py          # rewrite the files
    python tools/regenerate.py --check  # exit 1 and list the files that are out of date

``tests/test_generated.py`` runs the same comparison, so a change to the rubric, the scoring or a
renderer that is not followed by regenerating fails the tests. Reports are dated by
SOURCE_DATE_EPOCH (fixed below) so that regenerating changes nothing unless the content changed.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT_DATE_EPOCH = "1793836800"  # 2026-11-05, the date the committed example reports carry

#: Example reports: (answers files, report stem), paths relative to the repository root.
EXAMPLE_REPORTS = [
    (["examples/county-justice/lead.yaml"], "examples/county-justice/lead-report"),
    # The folder, as the README and examples/README have a reader type it (its files in name order).
    (["examples/county-justice/"], "examples/county-justice/combined-report"),
    (["examples/refugee-services/answers.yaml"], "examples/refugee-services/report"),
    (["examples/newsroom-leak/answers.yaml"], "examples/newsroom-leak/report"),
]
#: A re-assessment: (answers now, baseline answers, plan file the team kept, report stem). Its report
#: is written as Markdown (with its pictures), JSON and HTML.
PROGRESS_REPORTS = [
    (
        ["examples/county-justice-three-months-later/lead.yaml"],
        ["examples/county-justice/lead.yaml"],
        "examples/county-justice-three-months-later/lead-plan-ticked.csv",
        "examples/county-justice-three-months-later/progress-report",
    ),
]
#: Action plans as `civdata report ANSWERS --plan FILE` writes them: (answers, plan file).
PLANS = [(["examples/county-justice/lead.yaml"], "examples/county-justice/lead-plan.csv")]
#: Histories as `civdata history REPORT... -o STEM.md` writes them: (JSON reports, stem).
HISTORIES = [
    (
        ["examples/county-justice/lead-report.json", "examples/county-justice-three-months-later/progress-report.json"],
        "examples/county-justice-three-months-later/history",
    ),
]
#: Example reports also given as a page to open in a browser and print (``-o NAME.html``).
HTML_EXAMPLES = {"examples/county-justice/combined-report"}

#: Reports made straight from a submissions export, as `civdata import EXPORT --report STEM.md`:
#: (export, report stem).
IMPORT_REPORTS = [
    ("examples/community-consultation/submissions.csv", "examples/community-consultation/report"),
]

#: Reports on the outside frameworks of docs/frameworks.md, as `civdata report
#: examples/rubrics/answers/NAME.yaml --rubric examples/rubrics/RUBRIC.yaml [--lang LANG]`:
#: (NAME, RUBRIC, LANG or None, formats). A report in another language is named NAME.LANG.md.
FRAMEWORK_REPORTS = [
    ("deon-mostly-done", "deon-checklist", None, ("md", "json")),
    ("deon-with-gaps", "deon-checklist", None, ("md", "json")),
    ("deon-with-gaps", "deon-checklist", "pt-BR", ("md",)),
    ("aia-low-impact", "aia-style-impact", None, ("md", "json")),
    ("aia-high-impact", "aia-style-impact", None, ("md", "json")),
    ("aia-high-impact", "aia-style-impact", "fr", ("md",)),
]


def expected_files() -> dict[Path, str]:
    """Every generated file and the content it should have now."""
    os.environ["SOURCE_DATE_EPOCH"] = REPORT_DATE_EPOCH
    sys.path.insert(0, str(ROOT))
    from civdata import __version__
    from civdata.catalog import bundled_rubrics
    from civdata.dates import report_date
    from civdata.render import render, render_files
    from civdata.render.common import ReportMeta
    from civdata.rubric_docs import render_rubric_docs
    from civdata.rubric_loader import load_rubric
    from civdata.schemacheck import load_schema
    from civdata.schemadoc import render_schema_reference, replace_generated_block

    files: dict[Path, str] = verified_rubrics()
    for entry in bundled_rubrics():
        files[ROOT / "docs" / "rubrics" / f"{entry.id}.md"] = render_rubric_docs(load_rubric(entry.path))
    for name, doc in (
        ("rubric", "docs/rubric-format.md"),
        ("answers", "docs/answers-format.md"),
        ("report", "docs/json-report.md"),
    ):
        path = ROOT / doc
        reference = render_schema_reference(name, load_schema(name))
        files[path] = replace_generated_block(path.read_text(encoding="utf-8"), name, reference)

    meta = ReportMeta(__version__, report_date(os.environ))
    cwd = Path.cwd()
    os.chdir(ROOT)  # answers files are named in reports as a user in the repository would type them
    try:
        for answers, stem in EXAMPLE_REPORTS:
            report = build_report([Path(path) for path in answers])
            markdown = ROOT / f"{stem}.md"
            # As `-o NAME.md` writes it: with its picture beside it, linked from the report.
            rendered = render_files("markdown", report, replace(meta, output_name=markdown.name))
            files[markdown] = rendered.text
            files.update({markdown.parent / companion.name: companion.text for companion in rendered.companions})
            files[ROOT / f"{stem}.json"] = render("json", report, meta)
            if stem in HTML_EXAMPLES:
                files[ROOT / f"{stem}.html"] = render("html", report, meta)
        files.update(_progress_files(meta))
        for export, stem in IMPORT_REPORTS:
            report = imported_report(Path(export))
            markdown = ROOT / f"{stem}.md"
            # As `civdata import EXPORT --report NAME.md` writes it: with its picture beside it.
            rendered = render_files("markdown", report, replace(meta, output_name=markdown.name))
            files[markdown] = rendered.text
            files.update({markdown.parent / companion.name: companion.text for companion in rendered.companions})
            files[ROOT / f"{stem}.json"] = render("json", report, meta)
        for name, rubric, lang, formats in FRAMEWORK_REPORTS:
            answers = Path(f"examples/rubrics/answers/{name}.yaml")
            report = build_report([answers], f"examples/rubrics/{rubric}.yaml", lang)
            stem = f"examples/rubrics/reports/{name}" + (f".{lang}" if lang else "")
            for suffix in formats:
                files[ROOT / f"{stem}.{suffix}"] = render("markdown" if suffix == "md" else "json", report, meta)
    finally:
        os.chdir(cwd)
    return files


def _progress_files(meta):
    """The re-assessment example, its plan files and its history, as the command line writes them."""
    from civdata import __version__
    from civdata.baseline import Baseline, read_baseline, read_plan
    from civdata.history import build_history
    from civdata.inputs import load_answer_sets
    from civdata.plan import plan_text
    from civdata.render import render, render_files
    from civdata.render.history import render_history
    from civdata.reporting import build_report as core_build_report
    from civdata.snapshot import snapshot_of

    files: dict[Path, str] = {}
    for answers, plan in PLANS:
        report = build_report([Path(path) for path in answers])
        files[ROOT / plan] = plan_text(report, "csv", tool_version=__version__, generated_on=meta.generated_on)
    snapshots = {}
    for answers, before, plan, stem in PROGRESS_REPORTS:
        rubric, answer_sets = load_answer_sets([Path(path) for path in answers], None)
        snapshot = read_baseline([Path(path) for path in before], rubric, None, lang=None)
        baseline = Baseline(snapshot, ", ".join(before), read_plan(Path(plan)))
        report = core_build_report(rubric, answer_sets, baseline=baseline).model
        markdown = ROOT / f"{stem}.md"
        rendered = render_files("markdown", report, replace(meta, output_name=markdown.name))
        files[markdown] = rendered.text
        files.update({markdown.parent / companion.name: companion.text for companion in rendered.companions})
        files[ROOT / f"{stem}.json"] = render("json", report, meta)
        files[ROOT / f"{stem}.html"] = render("html", report, meta)
        snapshots[f"{stem}.json"] = snapshot_of(report)
    for reports, stem in HISTORIES:
        from civdata.baseline import read_report_snapshot

        read = [(path, snapshots.get(path) or read_report_snapshot(Path(path))) for path in reports]
        rubric = load_answer_sets([Path(PROGRESS_REPORTS[0][0][0])], None)[0]
        history = build_history(rubric, read)
        markdown = ROOT / f"{stem}.md"
        rendered = render_history("markdown", history, replace(meta, output_name=markdown.name))
        files[markdown] = rendered.text
        files.update({markdown.parent / companion.name: companion.text for companion in rendered.companions})
    return files


VERIFIED_HEADER = '''"""The bundled rubrics that pass all checks, by SHA-256. Generated: do not edit.

``python tools/regenerate.py`` runs the full schema and consistency checks on each file in
``rubrics/``, lists here the hash of each with no problem, and writes what its YAML parses to
in ``civdata/verified/NAME.json``; ``tests/test_generated.py`` fails when either is not
current. civdata trusts a rubric file with exactly these bytes: it reads that JSON instead of
parsing the YAML, and skips the checks (see :func:`civdata.catalog.is_verified`).
"""

VERIFIED = {
'''


def verified_rubrics() -> dict[Path, str]:
    """civdata/verified_rubrics.py and civdata/verified/NAME.json, for the bundled rubrics with no problem."""
    import json

    from civdata.catalog import VERIFIED_CONTENT, bundled_dir
    from civdata.rubric_loader import check_rubric_document
    from civdata.yamlsource import read_yaml_file

    files: dict[Path, str] = {}
    lines = []
    for path in sorted(bundled_dir().glob("*.yaml")):
        document, problems = read_yaml_file(path, role="a bundled rubric")
        if problems or check_rubric_document(document):
            continue
        text = json.dumps({"sha256": document.sha256, "content": document.data}, ensure_ascii=False, indent=1)
        if not same_values(json.loads(text)["content"], document.data):
            continue  # JSON would not give back exactly what the YAML says: parse the YAML at run time
        files[VERIFIED_CONTENT / f"{path.stem}.json"] = text + "\n"
        lines.append(f'    "{document.sha256}": "{path.stem}",\n')
    files[ROOT / "civdata" / "verified_rubrics.py"] = VERIFIED_HEADER + "".join(lines) + "}\n"
    return files


def same_values(one: object, two: object) -> bool:
    """Equal, and of the same types all the way down (``==`` alone takes true for 1 and 1.0 for 1)."""
    if type(one) is not type(two):
        return False
    if isinstance(one, dict) and isinstance(two, dict):
        return list(one) == list(two) and all(same_values(one[key], two[key]) for key in one)
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(same_values(a, b) for a, b in zip(one, two, strict=True))
    return one == two


def build_report(paths: list[Path], rubric_spec: str | None = None, lang: str | None = None):
    """The report model for some answers files, exactly as ``civdata report`` builds it."""
    from civdata.inputs import load_answer_sets
    from civdata.reporting import build_report as core_build_report
    from civdata.safe_read import answers_files_in

    # A folder stands for the answers files in it, in name order, as `civdata report FOLDER/` reads them.
    paths = [file for path in paths for file in (answers_files_in(path).files if path.is_dir() else [path])]
    rubric, answer_sets = load_answer_sets(paths, rubric_spec, lang=lang)
    return core_build_report(rubric, answer_sets).model


def imported_report(export: Path):
    """The report model on a submissions export, exactly as ``civdata import --report`` builds it."""
    from civdata.reporting import build_report as core_build_report
    from civdata.submissions import SubmissionStream

    stream = SubmissionStream(export)
    rubric = stream.rubric()
    return core_build_report(rubric, (imported.answers for imported in stream)).model


def out_of_date() -> list[Path]:
    return [
        path for path, text in expected_files().items() if not path.exists() or path.read_text(encoding="utf-8") != text
    ]


def main() -> int:
    if "--check" in sys.argv[1:]:
        stale = out_of_date()
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}")
        return 1 if stale else 0
    # Some generated files are read to make others (a JSON report is the baseline of the
    # re-assessment example and a point of its history): written, they are read again, until
    # nothing changes. A second round is enough; a third would mean a file that never settles.
    for _ in range(3):
        written = False
        for path, text in expected_files().items():
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
                print(f"wrote {path.relative_to(ROOT)}")
                written = True
        if not written:
            return 0
    print("generated files still change after three rounds", file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
