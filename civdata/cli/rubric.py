"""`civdata rubric ...` and `civdata schema`: rubrics and formats for methodologists."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from civdata.cli.app import EXIT_INVALID, SchemaName, app, claim_output, emit, guarded, report_problems, rubric_app
from civdata.escape import terminal_text
from civdata.problems import InputError, Problem

# --- civdata rubric ... -----------------------------------------------------------------------


@rubric_app.command("list")
def rubric_list() -> None:
    """List the bundled rubrics: id, version and title."""
    from civdata.catalog import DEFAULT_RUBRIC_ID, bundled_rubrics

    for entry in bundled_rubrics():
        default = "  (default)" if entry.id == DEFAULT_RUBRIC_ID else ""
        print(f"{entry.id}\t{entry.version}\t{terminal_text(entry.title, multiline=False)}{default}")


@rubric_app.command("validate")
def rubric_validate(
    files: Annotated[list[Path], typer.Argument(help="Rubric files (YAML) to check.", show_default=False)],
) -> None:
    """Check rubric files: the schema and every consistency rule. Exit 2 on any problem."""
    from civdata.rubric_loader import load_rubric

    problems: list[Problem] = []
    for path in files:
        try:
            loaded = load_rubric(path)
        except InputError as error:
            problems.extend(error.problems)
            continue
        counts = f"{len(loaded.areas)} areas, {len(loaded.questions)} questions"
        print(terminal_text(f"{path}: ok ({loaded.id} {loaded.version}, {counts})", multiline=False))
    if problems:
        report_problems(problems)
        raise typer.Exit(EXIT_INVALID)


@rubric_app.command("docs")
def rubric_docs(
    rubric: Annotated[
        str | None,
        typer.Argument(help="Rubric file or bundled rubric id. Default: the bundled rubric.", show_default=False),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the document to this file (- is standard output).", show_default=False
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Language of the rubric's text, where the rubric gives it. Default: its own."),
    ] = None,
) -> None:
    """Print a rubric as a readable Markdown document, for review and for workshops on paper."""
    from civdata.inputs import load_rubric_spec
    from civdata.rubric_docs import render_rubric_docs

    loaded = guarded(lambda: load_rubric_spec(rubric, lang=lang))
    target = claim_output(output, report=True)
    emit(render_rubric_docs(loaded), target)


# --- civdata schema ---------------------------------------------------------------------------


class SchemaFormat(str, Enum):
    json = "json"
    markdown = "markdown"


@app.command()
def schema(
    name: Annotated[SchemaName, typer.Argument(help="rubric or answers", show_default=False)],
    output_format: Annotated[
        SchemaFormat, typer.Option("--format", "-f", help="json: the JSON Schema; markdown: a field reference.")
    ] = SchemaFormat.json,
) -> None:
    """Print the JSON Schema of the rubric or answers format, for editors and other tools."""
    import json

    from civdata.schemacheck import load_schema

    document = load_schema(name.value)
    if output_format is SchemaFormat.markdown:
        from civdata.schemadoc import render_schema_reference

        print(render_schema_reference(name.value, document), end="")
        return
    print(json.dumps(document, indent=2, ensure_ascii=False))
