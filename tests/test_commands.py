"""The commands civdata's messages tell a person to run (civdata.commands): each works as printed."""

from __future__ import annotations

import shlex
from dataclasses import replace
from pathlib import Path

from civdata.commands import civdata_command
from civdata.model import Rubric


def test_a_bundled_rubric_in_its_own_language_needs_no_option(mini_rubric: Rubric) -> None:
    bundled = replace(mini_rubric, source="bundled: mini.yaml", bundled=True)
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


def test_without_a_terminal_assess_suggests_commands_that_work_with_the_rubric_given(tmp_path: Path) -> None:
    """Without a terminal, assess suggested `civdata template -o answers.yaml` and `civdata report
    answers.yaml`, which for a rubric of one's own failed (no bundled rubric has its id) and left
    out --lang. Both now name them, and work as printed."""
    import re
    import shlex
    import shutil
    import subprocess

    from tests.conftest import ROOT
    from tests.conftest import civdata_command as command_of_tests

    shutil.copy(ROOT / "examples" / "rubrics" / "deon-checklist.yaml", tmp_path / "my rubric.yaml")
    refused = subprocess.run(
        [*command_of_tests(), "assess", "--rubric", "my rubric.yaml", "--lang", "pt-BR"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert refused.returncode == 2
    template, report = re.findall(r"`(civdata [^`]+)`", " ".join(refused.stderr.split()))
    assert shlex.split(template) == [
        "civdata",
        "template",
        "-o",
        "answers.yaml",
        "--rubric",
        "my rubric.yaml",
        "--lang",
        "pt-BR",
    ]
    made = subprocess.run(
        [*command_of_tests(), *shlex.split(template)[1:]], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert made.returncode == 0, made.stderr
    reported = subprocess.run(
        [*command_of_tests(), *shlex.split(report)[1:]], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert reported.returncode == 0, reported.stderr


def test_a_file_of_ones_own_named_like_a_bundled_rubric_is_named_as_given(tmp_path: Path) -> None:
    """A rubric file whose path starts ``bundled: `` (an edited copy) is one's own: the header's
    command names it with ``--rubric``, and a report's rubric file is not labelled as bundled."""
    import subprocess

    from tests.conftest import civdata_command as civdata

    bundled = Path(__file__).parent.parent / "rubrics" / "civil-society-data-readiness.yaml"
    text = bundled.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: Edited ", 1)
    name = "bundled: copy.yaml"
    (tmp_path / name).write_text(text, encoding="utf-8")
    made = subprocess.run(
        [*civdata(), "template", "--rubric", f"./{name}", "-o", "a.yaml"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    header = (tmp_path / "a.yaml").read_text(encoding="utf-8")
    assert f"civdata report a.yaml --rubric './{name}'" in header
    report = subprocess.run(
        [*civdata(), "report", "a.yaml", "--rubric", f"./{name}", "-f", "json"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert f'"file": "./{name}"' in report.stdout, report.stderr
