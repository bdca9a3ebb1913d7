"""Every Markdown and YAML file civdata writes passes the linters teams already run on their repository.

Markdown (every kind of report, ``rubric docs``, ``schema NAME -f markdown``, hostile text
included) is checked by markdownlint-cli2 and pymarkdown, with the configurations committed at the
root of the repository (``.markdownlint-cli2.jsonc``, ``.pymarkdown.json``: the default rules but
for the length of tables and headings). Answers templates, for every rubric and language, are
checked by yamllint with its default rules, warnings included.

markdownlint-cli2 runs on Node.js: the test uses ``$CIVDATA_MARKDOWNLINT`` (``.ci/run`` installs
it there), else ``markdownlint-cli2`` on the PATH, else ``npx``; it is skipped only where there is
no Node.js at all.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from yamllint import linter
from yamllint.config import YamlLintConfig

from tests.conftest import MINI_RUBRIC, ROOT, civdata_command
from tests.test_output_safety import write_inputs

pytestmark = pytest.mark.slow

#: The version .ci/run installs; rules such as MD060 (table style) are recent.
MARKDOWNLINT_VERSION = "0.24.1"
COUNTY = ROOT / "examples" / "county-justice"
CONSULTATION = ROOT / "examples" / "community-consultation"
MINI_ANSWERS = ROOT / "tests" / "fixtures" / "mini-answers.yaml"
FRAMEWORKS = ROOT / "examples" / "rubrics"
#: (rubric, languages) for every rubric whose documents and templates are checked.
RUBRICS = [
    ("civil-society-data-readiness", [None]),
    (str(FRAMEWORKS / "deon-checklist.yaml"), [None, "pt-BR"]),
    (str(FRAMEWORKS / "aia-style-impact.yaml"), [None, "fr"]),
    (str(MINI_RUBRIC), [None]),
]


def civdata(*args: object, cwd: Path = ROOT) -> str:
    result = subprocess.run(
        [*civdata_command(), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def committed_markdown() -> list[Path]:
    """The generated Markdown committed in the repository (kept up to date by test_generated)."""
    reports = [path for path in (ROOT / "examples").rglob("*.md") if path.name not in ("README.md", "NOTICE.md")]
    return sorted([*reports, *(ROOT / "docs" / "rubrics").glob("*.md"), *(ROOT / "tests" / "golden").rglob("*.md")])


@pytest.fixture(scope="module")
def markdown_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every kind of Markdown civdata writes, in one folder."""
    folder = tmp_path_factory.mktemp("markdown")
    written: dict[str, str] = {}
    lead, community, funder = (COUNTY / f"{name}.yaml" for name in ("lead", "community", "funder"))
    written["combined-detail"] = civdata("report", "-f", "markdown", lead, community, funder)
    written["gated"] = civdata("report", "-f", "markdown", "--fail-on", "high", lead)
    # The job summary is a section of a page other steps write to, under the page's own heading.
    summary = civdata("report", "-f", "summary", "--fail-on", "high", lead, community)
    written["job-summary"] = f"# Job summary\n\n{summary}"
    written["single-detail"] = civdata("report", "-f", "markdown", "-r", MINI_RUBRIC, MINI_ANSWERS)
    civdata("report", "-o", folder / "with-picture.md", lead, community, funder)
    assert (folder / "with-picture.areas.svg").is_file()
    written["imported"] = civdata("import", CONSULTATION / "submissions.csv", "--report", "-", "-f", "markdown")
    for index, (rubric, languages) in enumerate(RUBRICS):
        for lang in languages:
            written[f"docs-{index}-{lang}"] = civdata(
                "rubric", "docs", "-r", rubric, *(["--lang", lang] if lang else [])
            )
    for name in ("rubric", "answers"):
        written[f"schema-{name}"] = civdata("schema", name, "-f", "markdown")
    hostile_rubric, hostile_answers = write_inputs(folder / "hostile", lambda text: text)
    written["hostile-single"] = civdata("report", "-r", hostile_rubric, "-f", "markdown", hostile_answers[0])
    written["hostile-combined"] = civdata("report", "-r", hostile_rubric, "-f", "markdown", *hostile_answers)
    written["hostile-anonymized"] = civdata(
        "report", "-r", hostile_rubric, "-f", "markdown", "--anonymize", *hostile_answers
    )
    written["hostile-docs"] = civdata("rubric", "docs", "-r", hostile_rubric)
    files = [folder / "with-picture.md"]
    for name, text in written.items():
        assert text.startswith("# "), name
        files.append(folder / f"{name}.md")
        files[-1].write_text(text, encoding="utf-8")
    for index, path in enumerate(committed_markdown()):
        files.append(folder / f"committed-{index}-{path.name}")
        shutil.copyfile(path, files[-1])
    return files


def markdownlint_command() -> list[str]:
    configured = os.environ.get("CIVDATA_MARKDOWNLINT")
    if configured:
        assert Path(configured).is_file(), f"CIVDATA_MARKDOWNLINT={configured} does not exist"
        return [configured]
    found = shutil.which("markdownlint-cli2")
    if found:
        return [found]
    npx = shutil.which("npx")
    if npx and shutil.which("node"):
        return [npx, "--yes", f"markdownlint-cli2@{MARKDOWNLINT_VERSION}"]
    pytest.skip("markdownlint-cli2 needs Node.js, and there is no node or npx here (.ci/run installs it)")


def markdownlint(folder: Path, pattern: str) -> subprocess.CompletedProcess[str]:
    """markdownlint-cli2 with the committed configuration on the files ``pattern`` in ``folder``."""
    return subprocess.run(
        [*markdownlint_command(), "--config", str(ROOT / ".markdownlint-cli2.jsonc"), pattern],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_markdown_passes_markdownlint(markdown_files: list[Path]) -> None:
    result = markdownlint(markdown_files[0].parent, "*.md")
    assert f"Linting: {len(markdown_files)} files" in result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.timeout(900)
def test_markdown_passes_pymarkdown(markdown_files: list[Path]) -> None:
    """pymarkdown takes about 20 seconds for each thousand lines, so it reads one short file of each
    renderer: a single report, a combined one, the job summary, a rubric document and a schema
    document, with hostile text where there is any (markdownlint reads every file, committed ones
    too). Its MD051 (link fragments) is off: it crashes on a heading with escaped punctuation, and
    civdata writes no link to a fragment."""
    kinds = ("single-detail", "hostile-single", "hostile-combined", "job-summary", "hostile-docs", "schema-rubric")
    written = [next(path for path in markdown_files if path.name.startswith(kind)) for kind in kinds]
    result = subprocess.run(
        [sys.executable, "-m", "pymarkdown", "--config", str(ROOT / ".pymarkdown.json"), "scan", *map(str, written)],
        capture_output=True,
        text=True,
        timeout=850,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linters_would_catch_what_civdata_avoids(tmp_path: Path) -> None:
    """The configurations are not so loose that they pass anything: long prose, tight tables, HTML."""
    bad = tmp_path / "bad.md"
    bad.write_text("# Title\n\n" + "word " * 30 + "\n\n|a|b|\n|---|---|\n|1|2<br>3|\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pymarkdown", "--config", str(ROOT / ".pymarkdown.json"), "scan", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "MD013" in result.stdout and "MD033" in result.stdout, result.stdout
    if shutil.which("node") or os.environ.get("CIVDATA_MARKDOWNLINT"):
        linted = markdownlint(tmp_path, "bad.md")
        found = linted.stdout + linted.stderr
        assert all(rule in found for rule in ("MD013", "MD033")), found


@pytest.mark.parametrize(
    ("rubric", "lang"),
    [(rubric, lang) for rubric, languages in RUBRICS for lang in languages],
    ids=lambda value: Path(value).stem if value else "default",
)
def test_templates_pass_yamllint_default_rules(rubric: str, lang: str | None) -> None:
    text = civdata("template", "-r", rubric, *(["--lang", lang] if lang else []), "-o", "-")
    problems = list(linter.run(text, YamlLintConfig("extends: default")))
    assert problems == [], "\n".join(f"{p.line}:{p.column}: {p.level}: {p.desc} ({p.rule})" for p in problems)
    assert len(text.splitlines()) > 20


def test_a_template_carried_over_passes_yamllint() -> None:
    text = civdata("template", "--from", COUNTY / "lead.yaml", "-o", "-")
    problems = list(linter.run(text, YamlLintConfig("extends: default")))
    assert problems == [], "\n".join(f"{p.line}:{p.column}: {p.level}: {p.desc} ({p.rule})" for p in problems)


def yamllint_problems(text: str) -> list[str]:
    """yamllint's default rules, warnings included, on ``text``."""
    return [
        f"{p.line}:{p.column}: {p.level}: {p.desc} ({p.rule})"
        for p in linter.run(text, YamlLintConfig("extends: default"))
    ]


def test_answers_files_civdata_writes_pass_yamllint(tmp_path: Path) -> None:
    """What ``civdata assess`` and ``template --from`` write, from the county's answers and from
    answers full of hostile text (long notes, line breaks, quotes, YAML syntax), passes yamllint
    and reads back as the same answers."""
    from civdata.answers_loader import load_answers
    from civdata.answers_writer import dump_answers
    from civdata.rubric_loader import load_rubric

    hostile_rubric, hostile_answers = write_inputs(tmp_path / "hostile", lambda text: text)
    bundled = ROOT / "rubrics" / "civil-society-data-readiness.yaml"
    cases = [(bundled, COUNTY / name) for name in ("lead.yaml", "community.yaml", "funder.yaml")]
    cases += [(hostile_rubric, path) for path in hostile_answers]
    for rubric_path, answers_path in cases:
        rubric = load_rubric(rubric_path)
        answers = load_answers(answers_path, rubric)
        written = dump_answers(answers, rubric)
        assert yamllint_problems(written) == [], answers_path
        copy = tmp_path / f"copy-{answers_path.name}"
        copy.write_text(written, encoding="utf-8")
        assert load_answers(copy, rubric).answers == answers.answers
        carried = civdata("template", "-r", rubric_path, "--from", answers_path, "-o", "-")
        assert yamllint_problems(carried) == [], answers_path


#: A web address as people paste them into notes: longer than a line.
LONG_ADDRESS = "https://docs.google.com/document/d/1aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdefghij/edit?usp=sharing"


@pytest.mark.parametrize(
    "note",
    [
        f"See {LONG_ADDRESS} for the minutes.",
        f"{LONG_ADDRESS} has the minutes",
        f"The minutes of the meeting where the partners agreed it are at {LONG_ADDRESS}",
        LONG_ADDRESS,
        f"Two copies: {LONG_ADDRESS} {LONG_ADDRESS}.",
    ],
)
def test_notes_holding_a_web_address_longer_than_a_line_pass_yamllint(tmp_path: Path, note: str) -> None:
    """An outside review (2026-11-28): a web address in a note was written `      https://... \\`,
    and in a kept comment under a hanging indent, each a line of more than 80 characters with a
    space in it, which yamllint's default rules refuse. Such a word now has a line of its own, with
    no space, which they allow; each file reads back as the same answers."""
    from civdata.answers_loader import load_answers
    from civdata.answers_writer import dump_answers
    from civdata.model import Answer
    from civdata.rubric_loader import load_rubric

    rubric = load_rubric(ROOT / "rubrics" / "civil-society-data-readiness.yaml")
    funder = load_answers(COUNTY / "funder.yaml", rubric)
    # Kept as a comment in a template for the community, who are not asked it.
    funders_own = next(
        question.id
        for question in rubric.questions
        if question.id in funder.answers and funder.answers[question.id].value is not None
        if not question.asked_of("community")
    )
    answers = {
        **funder.answers,
        "people-at-risk": Answer("yes", note),
        funders_own: Answer(funder.answers[funders_own].value, note),
    }
    written = dump_answers(replace(funder, answers=answers), rubric)
    assert yamllint_problems(written) == []
    (tmp_path / "funder.yaml").write_text(written, encoding="utf-8")
    assert load_answers(tmp_path / "funder.yaml", rubric).answers["people-at-risk"] == Answer("yes", note)
    # template --from: the note as an answer's, and in the comment that keeps an answer the role is not asked.
    for role in ("funder", "community"):
        carried = civdata("template", "--from", "funder.yaml", "--role", role, "-o", "-", cwd=tmp_path)
        assert yamllint_problems(carried) == [], role


def _generated_texts(count: int, seed: int) -> list[str]:
    """Notes as a fuzzer writes them: words of every length around a line's (70 to 85
    characters, and longer), parted by one space or several, some with escapes, quotes, tabs,
    line breaks and letters outside ASCII, some starting with spaces."""
    rng = random.Random(seed)
    letters = ["a", "é", "\\", '"', "\t", "\n", "/", ".", "中", "#", ":", "'"]
    texts = []
    for _ in range(count):
        words = [
            "".join(rng.choice(letters) if rng.random() < 0.1 else "x" for _ in range(length))
            for length in rng.choices([1, 8, 30, *range(68, 86), 120], k=rng.randint(1, 8))
        ]
        text = "".join(word + rng.choice([" ", " ", "  ", "   "]) for word in words).rstrip()
        texts.append(("  " + text) if rng.random() < 0.2 else text)
    return texts


@pytest.mark.parametrize("lead", ["  note: ", "      note: "])
def test_every_quoted_text_civdata_writes_reads_back_the_same_and_passes_yamllint(lead: str) -> None:
    """A second outside review of the afternoon found words of 73 to 76 characters still given a
    line with a space and a backslash past 80 characters, a long word beside two spaces never
    given a line of its own, and the spaces before a long first word lost to other YAML readers.
    Every text is now written so that PyYAML reads back exactly the text, and no line overruns
    but one that holds no space, which yamllint's default rules allow."""
    import yaml

    from civdata.answers_writer import fitted, scalar

    indent = " " * (len(lead) - len(lead.lstrip()) + 2)
    for text in _generated_texts(300, seed=len(lead)):
        lines = fitted(lead, scalar(text), indent)
        nested = "".join(f"{' ' * depth}k{depth}:\n" for depth in range(0, len(indent) - 2, 2))
        document = "---\n" + nested + "\n".join(lines) + "\n"
        data = yaml.safe_load(document)
        for depth in range(0, len(indent) - 2, 2):
            data = data[f"k{depth}"]
        assert data["note"] == text, document
        assert [p for p in yamllint_problems(document) if "line-length" in p] == [], document


def test_imported_answers_files_pass_yamllint(tmp_path: Path) -> None:
    """``civdata import`` writes one answers file per submission: forty of them, every one clean."""
    civdata("import", CONSULTATION / "submissions.csv", "-o", tmp_path / "answers")
    written = sorted((tmp_path / "answers").glob("*.yaml"))
    assert len(written) >= 40
    for path in written:
        assert yamllint_problems(path.read_text(encoding="utf-8")) == [], path.name


def test_a_template_for_an_editor_passes_yamllint() -> None:
    """With the line that tells the editor its schema (``--schema``)."""
    text = civdata("template", "--schema", "answers.schema.json", "-o", "-")
    assert text.startswith("# yaml-language-server: $schema=answers.schema.json\n")
    assert yamllint_problems(text) == []


def test_ci_installs_the_markdownlint_the_tests_expect() -> None:
    """.ci/run installs markdownlint-cli2 at the version this test module names and points the
    tests at it, so in CI the Markdown is always linted, never skipped."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"markdownlint-cli2@{MARKDOWNLINT_VERSION}" in script
    assert "export CIVDATA_MARKDOWNLINT=" in script
    assert script.index("export CIVDATA_MARKDOWNLINT=") < script.index("python -m pytest")


def test_plan_files_civdata_writes_pass_yamllint(tmp_path: Path) -> None:
    """The action plan a team keeps and ticks off (``--plan plan.yaml``): for the county's lead,
    for three respondents combined, and for answers full of hostile text."""
    hostile_rubric, hostile_answers = write_inputs(tmp_path / "hostile", lambda text: text)
    lead, community, funder = (COUNTY / f"{name}.yaml" for name in ("lead", "community", "funder"))
    runs = [[lead], [lead, community, funder], ["-r", hostile_rubric, *hostile_answers]]
    for index, arguments in enumerate(runs):
        plan = tmp_path / f"plan-{index}.yaml"
        civdata("report", "-f", "json", "--plan", plan, *arguments)
        text = plan.read_text(encoding="utf-8")
        assert "done: false" in text
        assert yamllint_problems(text) == [], arguments


def test_a_header_naming_a_long_path_with_spaces_passes_yamllint(tmp_path: Path) -> None:
    """A command too long for a line as words a shell reads back (a quoted path with spaces) is
    printed with ``FILE`` and a line saying which file that is, never quoted over 80 columns."""
    folder = tmp_path / "Shared drive" / "Riverside tenants association consultation, spring 2026" / "answers"
    folder.mkdir(parents=True)
    name = "Shared drive/Riverside tenants association consultation, spring 2026/answers/Ana Lima.yaml"
    civdata("template", "-o", name, cwd=tmp_path)
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert yamllint_problems(text) == []
    assert "#   civdata report FILE\n" in text
    assert "FILE is this file" in text


def test_a_header_never_names_a_file_it_cannot_print(tmp_path: Path) -> None:
    """A name with a line break or control character cannot be printed in a comment as it is:
    folded, it would name another file (a colleague's), so ``FILE`` is printed instead."""
    (tmp_path / "team").mkdir()
    for name in ("team/Ana\rLima.yaml", "team/Ana\x85Lima.yaml", "team/Ana\u2028Lima.yaml", "team/Ana\x1bLima.yaml"):
        civdata("template", "-o", name, cwd=tmp_path)
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert "Ana Lima" not in text, repr(name)
        assert "#   civdata report FILE\n" in text, repr(name)
        assert yamllint_problems(text) == [], repr(name)


def test_a_header_never_names_a_rubric_file_it_cannot_print(tmp_path: Path) -> None:
    """The same for a rubric file of one's own: ``RUBRIC.yaml`` and a line saying which, never a name
    folded into another one's."""
    rubric = tmp_path / "team" / "r\rx.yaml"
    rubric.parent.mkdir()
    rubric.write_text((ROOT / "rubrics" / "civil-society-data-readiness.yaml").read_text(encoding="utf-8"))
    civdata("template", "--rubric", "team/r\rx.yaml", "-o", "a.yaml", cwd=tmp_path)
    text = (tmp_path / "a.yaml").read_text(encoding="utf-8")
    assert "r x.yaml" not in text
    assert "#   civdata report a.yaml --rubric RUBRIC.yaml\n" in text
    assert "RUBRIC.yaml is the rubric file" in text
    assert yamllint_problems(text) == []
