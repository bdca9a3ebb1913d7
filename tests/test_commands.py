"""The commands civdata's messages tell a person to run (civdata.commands): each works as printed."""

from __future__ import annotations

import shlex
from dataclasses import replace
from pathlib import Path

from civdata.commands import civdata_command
from civdata.model import Rubric


def test_a_bundled_rubric_in_its_own_language_needs_no_option(mini_rubric: Rubric) -> None:
    bundled = replace(mini_rubric, source="bundled: mini.yaml")
    assert (
        civdata_command("assess", "--resume", Path("lead.yaml"), rubric=bundled) == "civdata assess --resume lead.yaml"
    )


def test_a_rubric_file_and_another_language_are_named_and_quoted(mini_rubric: Rubric) -> None:
    own = replace(mini_rubric, source="my rubrics/it's mine.yaml", lang="pt-BR", language="en")
    command = civdata_command("report", Path("team folder"), "-o", "report.md", rubric=own)
    assert shlex.split(command) == [
        "civdata",
        "report",
        "team folder",
        "-o",
        "report.md",
        "--rubric",
        "my rubrics/it's mine.yaml",
        "--lang",
        "pt-BR",
    ]


def test_names_that_would_read_as_an_option_or_a_bundled_id_stay_file_names(mini_rubric: Rubric) -> None:
    own = replace(mini_rubric, source="-mine")
    words = shlex.split(civdata_command("assess", "--resume", Path("-lead.yaml"), rubric=own))
    assert words == ["civdata", "assess", "--resume", "./-lead.yaml", "--rubric", "./-mine"]
    plain = replace(mini_rubric, source="mine")  # no folder, no .yaml: would be taken for a bundled id
    assert shlex.split(civdata_command("report", "FILE", rubric=plain))[-2:] == ["--rubric", "./mine"]
