"""`civdata schema`: the JSON Schemas of the rubric, answers and report formats, for editors and
other tools; with ``--rubric``, the answers schema of one rubric (see :mod:`civdata.answers_schema`)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from civdata.cli.app import (
    ANNOTATIONS_DEFAULT,
    Annotations,
    annotations_option,
    claim_output,
    command_app,
    emit,
    guarded,
    output_option,
    quiet_option,
    usage_error,
)
from civdata.schemas import NAMES

command = command_app()

# The schemas to choose from, made from where they are defined.
SchemaName = Enum("SchemaName", {name: name for name in NAMES}, type=str)  # type: ignore[misc]


class SchemaFormat(str, Enum):
    json = "json"
    markdown = "markdown"


@command.command()
def schema(
    name: Annotated[
        SchemaName, typer.Argument(metavar="NAME", help=f"Which schema: {', '.join(NAMES)}.", show_default=False)
    ],
    rubric: Annotated[
        str | None,
        typer.Option(
            "--rubric",
            "-r",
            metavar="RUBRIC",
            help="answers only: the schema of the answers to this rubric (a file, or the id of a bundled rubric), "
            "with its question ids, options and ranges, for completion in an editor.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        SchemaFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            case_sensitive=False,
            help="json (default): the JSON Schema; markdown: a field reference.",
            show_default=False,
        ),
    ] = SchemaFormat.json,
    output: Annotated[Path | None, output_option("Write the schema to this file (- is standard output).")] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", metavar="LANG", help="With --rubric: the language of the rubric's text, where it gives it."
        ),
    ] = None,
    _annotations: Annotated[Annotations, annotations_option()] = ANNOTATIONS_DEFAULT,
    _quiet: Annotated[bool, quiet_option()] = False,
) -> None:
    """Print the JSON Schema of the rubric, answers or report format, for editors and other tools.

    Examples:

      civdata schema answers --rubric civil-society-data-readiness -o answers.schema.json

      civdata schema report -o report.schema.json
    """
    if rubric is not None and name.value != "answers":
        raise usage_error(f"--rubric applies to `civdata schema answers` only, not to {name.value}")
    if lang is not None and rubric is None:
        raise usage_error("--lang applies only with --rubric")
    if rubric is not None and output_format is SchemaFormat.markdown:
        raise usage_error("a rubric's questions as a document: use `civdata rubric docs` instead of -f markdown")
    import json

    from civdata.escape import json_document
    from civdata.schemacheck import load_schema

    if rubric is not None:
        from civdata.answers_schema import answers_schema
        from civdata.inputs import load_rubric_spec

        loaded = guarded(lambda: load_rubric_spec(rubric, lang=lang))
        document = answers_schema(loaded)
    else:
        document = load_schema(name.value)
    # After the rubric is read, so that -o can never name it; never a .yaml or .yml file (by its
    # name or a link's), the names of answers files and rubrics: a schema there would be lost answers.
    target = claim_output(output, report="a schema", example="answers.schema.json")
    if output_format is SchemaFormat.markdown:
        from civdata.schemadoc import schema_reference_document

        emit(schema_reference_document(name.value, document), target)
        return
    emit(json_document(json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)) + "\n", target)
