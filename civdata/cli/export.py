"""`civdata export xlsform`: the rubric as a form for KoboToolbox or ODK, to collect answers on phones.

The form is built by :mod:`civdata.xlsform` and written by :mod:`civdata.spreadsheet`; this module
only reads the options and the rubric.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from civdata.cli.app import (
    ANNOTATIONS_DEFAULT,
    COMMANDS,
    EXIT_INVALID,
    Annotations,
    annotations_option,
    claim_output,
    command_app,
    guarded,
    info,
    lang_option,
    output_option,
    quiet_option,
    report_problems,
    rubric_option,
    unknown_role,
    usage_error,
    warn,
)

command = command_app(
    name="export",
    help=COMMANDS["export"].summary,
    epilog="Example: civdata export xlsform -o form.xlsx",
    no_args_is_help=True,
)


@command.callback()
def export() -> None:
    """Write the rubric as a form to collect answers with: an XLSForm for KoboToolbox or ODK."""


@command.command("xlsform")
def xlsform(
    output: Annotated[
        Path,
        output_option("The form to write, an .xlsx file (readable by you only)."),
    ],
    rubric: Annotated[
        str | None,
        rubric_option("the bundled one"),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            metavar="ROLE",
            help="A form for this role only: it asks only that role's questions and does not ask the role.",
            show_default=False,
        ),
    ] = None,
    initiative: Annotated[
        str | None,
        typer.Option(
            "--initiative",
            metavar="NAME",
            help="The initiative's name, fixed in the form. Default: the form asks for it.",
            show_default=False,
        ),
    ] = None,
    no_names: Annotated[
        bool, typer.Option("--no-names", help="Do not ask for the respondent's name and organisation.")
    ] = False,
    lang: Annotated[
        list[str] | None,
        lang_option(
            help_text="A language of the form (repeat for several; the first is the default). Default: every "
            "language the rubric is written in, but one only a few of its texts give."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the -o file if it exists.")] = False,
    _annotations: Annotated[Annotations, annotations_option()] = ANNOTATIONS_DEFAULT,
    _quiet: Annotated[bool, quiet_option()] = False,
) -> None:
    """Write the rubric as an XLSForm (.xlsx) to upload to KoboToolbox or ODK Central.

    One question per rubric question, grouped by area, with the rubric's follow-up conditions, and
    an optional field for the respondent's own words after each. Collect on phones or in a browser,
    download the submissions, and read them back with `civdata import`. Needs the forms extra: in
    a clone of civdata, pip install '.[forms]' (docs/field-collection.md).

    Examples:

      civdata export xlsform -o consultation.xlsx --initiative "Eastside tenants' data project"

      civdata export xlsform -o community.xlsx --role community --no-names
    """
    from civdata.catalog import DEFAULT_RUBRIC_ID, find_rubric
    from civdata.i18n import matching_language
    from civdata.rubric_loader import load_rubric, unknown_language_problem
    from civdata.spreadsheet import MissingExtra, TemporarySpace, xform_warnings, xlsx_bytes
    from civdata.xlsform import FormOptions, build_sheets

    if output.suffix.lower() != ".xlsx":
        raise usage_error(f"-o {output}: an XLSForm is an .xlsx file; give a name ending in .xlsx")
    path = guarded(lambda: find_rubric(rubric or DEFAULT_RUBRIC_ID))
    base = guarded(lambda: load_rubric(path))
    # Each as every command reads --lang: FR is fr, fr-CA is fr when the rubric has no fr-CA.
    wanted = base.main_languages if lang is None else [matching_language(code, base.languages) or code for code in lang]
    languages = list(dict.fromkeys(wanted))
    unknown = [code for code in languages if code not in base.languages]
    if unknown:  # worded as every other command words it, by the rubric loader's own function
        report_problems([unknown_language_problem(base.source, code, base.languages) for code in unknown])
        raise typer.Exit(EXIT_INVALID)
    if role is not None and (wrong_role := unknown_role(role, base)) is not None:
        raise wrong_role
    rubrics = {code: guarded(partial(load_rubric, path, lang=code)) for code in languages}
    target = claim_output(output, report="an XLSForm", example="form.xlsx")  # not even through a link named .xlsx
    assert target is not None
    if target.is_stdout:
        raise usage_error("an XLSForm is a spreadsheet, not text: give a file name with -o, such as -o form.xlsx")
    if target.path is not None and not target.special and target.path.exists() and not force:
        raise usage_error(f"{output} already exists; choose another name, or add --force to overwrite it")
    sheets = build_sheets(rubrics, FormOptions(role=role, initiative=initiative, ask_names=not no_names))
    try:
        data = xlsx_bytes({"survey": sheets.survey, "choices": sheets.choices, "settings": sheets.settings})
        warnings = xform_warnings(data)
    except MissingExtra as missing:
        raise usage_error(str(missing)) from None
    except TemporarySpace as refused:
        raise usage_error(f"cannot write -o {output}: {refused}") from None
    _write(target, data)
    for warning in warnings:
        warn(f"pyxform says of the form: {warning}")
    asked = sum(1 for question in base.questions if role is None or question.asked_of(role))
    info(f"Wrote {output}: {base.id} {base.version}, {asked} questions, in {', '.join(languages)}")
    left_out = [code for code in base.languages if code not in languages]
    if left_out and not lang:
        info(
            f"Left out {', '.join(left_out)}, which too few of the rubric's texts are given in to make a language "
            f"of the form: add --lang {left_out[0]} to have it anyway, its missing texts in {base.language}"
        )


def _write(target: object, data: bytes) -> None:
    from civdata.files import OutputError, Target, write_output

    assert isinstance(target, Target)
    try:
        write_output(target, data)
    except OutputError as error:
        raise usage_error(str(error)) from None
