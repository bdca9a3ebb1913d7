"""`civdata template`: write an answers file to fill in by hand or keep in a repository."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from civdata.cli.app import (
    ANNOTATIONS_DEFAULT,
    Annotations,
    annotations_option,
    claim_output,
    command_app,
    emit,
    guarded,
    lang_option,
    output_option,
    quiet_option,
    rubric_option,
    unknown_role,
    usage_error,
    warn,
)

if TYPE_CHECKING:
    from civdata.model import Rubric
    from civdata.template import Carried

command = command_app()


@command.command()
def template(
    rubric: Annotated[str | None, rubric_option("the bundled one, or the one the --from file names")] = None,
    output: Annotated[Path | None, output_option("Write the template to this file (- is standard output).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the -o file if it exists.")] = False,
    initiative: Annotated[
        str, typer.Option(metavar="NAME", help="Name of the initiative, filled in for you.", show_default=False)
    ] = "",
    role: Annotated[
        str, typer.Option(metavar="ROLE", help="Your role id from the rubric, filled in for you.", show_default=False)
    ] = "",
    name: Annotated[str, typer.Option(metavar="NAME", help="Your name, filled in for you.", show_default=False)] = "",
    organisation: Annotated[
        str, typer.Option(metavar="NAME", help="Your organisation, filled in for you.", show_default=False)
    ] = "",
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="PATH",
            help="Start from this answers file (- is standard input): its answers and notes are filled in, for the "
            "current rubric version (a question that changed since is left blank, with the previous answer in a "
            "comment). The file itself is never changed.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[str | None, lang_option()] = None,
    _annotations: Annotated[Annotations, annotations_option()] = ANNOTATIONS_DEFAULT,
    _quiet: Annotated[bool, quiet_option()] = False,
    schema: Annotated[
        str | None,
        typer.Option(
            "--schema",
            metavar="SCHEMA",
            help="Start the file with a `# yaml-language-server: $schema=...` line naming this JSON Schema (a path "
            "relative to the answers file, or a URL), for completion and checks in VS Code. Write the schema with "
            "`civdata schema answers --rubric ID -o answers.schema.json`.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write an answers file with every question, its options and help as comments.

    Fill it in, then score it with the command its header gives (`civdata report FILE`, and --rubric
    for a rubric of your own). Blank answers count as unanswered.

    Examples:

      civdata template -o answers.yaml --role lead

      civdata template --from old-answers.yaml -o answers.yaml

      civdata template --schema answers.schema.json -o answers.yaml
    """
    from civdata.files import same_file
    from civdata.inputs import load_rubric_spec
    from civdata.template import render_template, schema_modeline

    if schema is not None:
        try:
            schema_modeline(schema)
        except ValueError as error:
            raise usage_error(str(error)) from None

    if from_file is not None and output is not None and same_file(output, from_file):
        raise usage_error(
            f"-o {output} is the file --from reads; template never writes over it: choose another name, "
            "such as -o new.yaml"
        )
    if from_file is not None:
        loaded, carried = guarded(lambda: _carried(from_file, rubric, lang))
        details = carried.answers
        initiative = initiative or details.initiative
        role = role or details.respondent.role
        name = name or details.respondent.name or ""
        organisation = organisation or details.respondent.organisation or ""
    else:
        loaded, carried = guarded(lambda: load_rubric_spec(rubric, lang=lang)), None
    if role and (wrong_role := unknown_role(role, loaded)) is not None:
        raise wrong_role
    target = claim_output(output, example="answers.yaml")
    if target is not None and target.path is not None and not target.special and target.path.exists() and not force:
        raise usage_error(f"{output} already exists; choose another name, or add --force to overwrite it")
    text = render_template(
        loaded,
        initiative=initiative,
        role=role,
        name=name,
        organisation=organisation,
        date=(carried.answers.date or "") if carried is not None else "",
        carried=carried,
        schema=schema,
        file=output if target is not None and target.path is not None and not target.special else None,
    )
    emit(text, target)
    if carried is not None:
        _say_unasked(carried, loaded, role)


def _say_unasked(carried: Carried, rubric: Rubric, role: str) -> None:
    """Warn of the answers ``--from`` gives to questions ``role`` is not asked: the template keeps
    them as comments, where they are not counted, and the person should know which."""
    from civdata.wording import plural, quoted_and_list, verb

    unasked = carried.unasked(rubric, role)
    if unasked:
        count = len(unasked)
        warn(
            f"role '{role}' is not asked {plural(count, 'question')} {carried.source} answers "
            f"({quoted_and_list(unasked)}): the template keeps "
            f"{verb(count, 'that answer as a comment above a blank key', 'those answers as comments above blank keys')}"
            f", not counted; if the role is wrong, correct it and write {verb(count, 'it', 'them')} back"
        )


def _carried(path: Path, rubric_spec: str | None, lang: str | None) -> tuple[Rubric, Carried]:
    """The rubric and the answers ``--from`` carries over (upgraded from an older version)."""
    from civdata.inputs import load_answers_to_continue
    from civdata.template import Carried

    loaded, document, answers, upgrade = load_answers_to_continue(
        path, rubric_spec, lang=lang, role="the file --from reads"
    )
    return loaded, Carried(answers, upgrade, document.source)
