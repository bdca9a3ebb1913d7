"""`civdata schema`: the JSON Schemas of the rubric and answers formats, for editors and other tools."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from civdata.cli.app import command_app
from civdata.schemas import NAMES

command = command_app()

# The schemas to choose from, made from where they are defined.
SchemaName = Enum("SchemaName", {name: name for name in NAMES}, type=str)  # type: ignore[misc]


class SchemaFormat(str, Enum):
    json = "json"
    markdown = "markdown"


@command.command()
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
