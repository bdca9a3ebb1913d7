"""`civdata schema`: the JSON Schemas of the rubric and answers formats, for editors and other tools."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from civdata.cli.app import claim_output, command_app, emit, output_option, quiet_option
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
        SchemaName, typer.Argument(metavar="NAME", help=f"Which schema: {' or '.join(NAMES)}.", show_default=False)
    ],
    output_format: Annotated[
        SchemaFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="json (default): the JSON Schema; markdown: a field reference.",
            show_default=False,
        ),
    ] = SchemaFormat.json,
    output: Annotated[Path | None, output_option("Write the schema to this file (- is standard output).")] = None,
    _quiet: Annotated[bool, quiet_option()] = False,
) -> None:
    """Print the JSON Schema of the rubric or answers format, for editors and other tools.

    Examples:

      civdata schema rubric -o rubric.schema.json

      civdata schema answers -f markdown
    """
    import json

    from civdata.schemacheck import load_schema

    target = claim_output(output)
    document = load_schema(name.value)
    if output_format is SchemaFormat.markdown:
        from civdata.schemadoc import schema_reference_document

        emit(schema_reference_document(name.value, document), target)
        return
    emit(json.dumps(document, indent=2, ensure_ascii=False) + "\n", target)
