"""`civdata template`: write an answers file to fill in by hand or keep in a repository."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from civdata.cli.app import app, claim_output, emit, guarded, usage_error


@app.command()
def template(
    rubric: Annotated[
        str | None,
        typer.Option("--rubric", "-r", help="Rubric file, or the id of a bundled rubric. Default: the bundled one."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the template to this file (- is standard output).", show_default=False
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the -o file if it exists.")] = False,
    initiative: Annotated[str, typer.Option(help="Name of the initiative, filled in for you.")] = "",
    role: Annotated[str, typer.Option(help="Your role id from the rubric, filled in for you.")] = "",
    name: Annotated[str, typer.Option(help="Your name, filled in for you.")] = "",
    organisation: Annotated[str, typer.Option(help="Your organisation, filled in for you.")] = "",
) -> None:
    """Write an answers file with every question, its options and help as comments.

    Fill it in, then score it with `civdata report FILE`. Blank answers count as unanswered.
    """
    from civdata.inputs import load_rubric_spec
    from civdata.problems import did_you_mean
    from civdata.template import render_template

    loaded = guarded(lambda: load_rubric_spec(rubric))
    role_ids = [known.id for known in loaded.roles]
    if role and role not in role_ids:
        raise usage_error(
            f"--role '{role}' is not a role of this rubric ({', '.join(role_ids)}){did_you_mean(role, role_ids)}"
        )
    target = claim_output(output)
    if target is not None and target.path is not None and not target.special and target.path.exists() and not force:
        raise usage_error(f"{output} already exists; choose another name, or add --force to overwrite it")
    text = render_template(loaded, initiative=initiative, role=role, name=name, organisation=organisation)
    emit(text, target)
