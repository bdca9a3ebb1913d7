"""The pre-commit hook and docs/in-a-repository.md, run as a team would run them.

pre-commit itself (from the ``test`` extra) installs this repository's ``.pre-commit-hooks.yaml``
from a git repository on disk (a copy of this working tree, committed, so what is tested is what
is here, uncommitted changes included) into a repository holding two initiatives, with the
``.pre-commit-config.yaml`` the docs give. pre-commit builds the hook's environment with pip, which
takes civdata from that copy and its libraries from the package index, as it would for a user.

What is attacked: the hook passes a good repository and fails a commit with a wrong answer, with
the problem's file, line and column in its output, both when it is given every file and when a
commit changes one answers file alone (whose rubric of its own then comes from ``args``); the
page's hook on the whole repository stops a commit of a rubric alone that breaks the answers
naming it, which the hook on a commit's files lets through; the local variant for an installed
civdata does the same; and every example on the docs page prints what the page says.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, civdata_command
from tests.two_initiatives import (
    ANSWERS_A,
    ANSWERS_B,
    BREAK_A,
    BREAK_B,
    BROKEN_A,
    BROKEN_B,
    RUBRIC_B,
    break_file,
    make_two_initiatives,
)

PAGE = ROOT / "docs" / "in-a-repository.md"


def block(marker: str) -> str:
    """The fenced block the page marks with ``<!-- marker: ... -->``, without its fences.

    The three pre-commit configurations are marked ``<!-- example: pre-commit-config: remote -->``,
    ``...: whole -->`` (the whole repository at each commit) and ``...: local -->``
    (tests/test_docs_examples.py also validates them with pre-commit), the two outputs
    ``<!-- check-output: ... -->`` and ``<!-- check-problems: ... -->``.
    """
    text = PAGE.read_text("utf-8")
    if marker in ("remote", "whole", "local"):
        found = re.search(rf"<!-- example: pre-commit-config: {marker} -->\n```\w*\n(.*?)```\n", text, re.S)
    else:
        found = re.search(rf"<!-- {marker}: [^\n]*-->\n```\w*\n(.*?)```\n<!-- end {marker} -->", text, re.S)
    assert found, f"docs/in-a-repository.md has no block marked {marker}"
    return found.group(1)


def git_env(home: Path) -> dict[str, str]:
    """Git and pre-commit kept to the test's folders: no global git configuration, no shared cache."""
    empty = home / "gitconfig"
    empty.touch()
    return {
        **os.environ,
        "GIT_CONFIG_GLOBAL": str(empty),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "PRE_COMMIT_HOME": str(home / "pre-commit"),
        "PRE_COMMIT_COLOR": "never",
        # The local hook runs the civdata of this test run.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }


def sh(args: list[str], cwd: Path, env: dict[str, str], timeout: int = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def git(cwd: Path, env: dict[str, str], *args: str) -> None:
    result = sh(["git", *args], cwd, env)
    assert result.returncode == 0, result.stderr


def pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    # The first run builds the hook's environment with pip: minutes on a slow index.
    return sh([sys.executable, "-m", "pre_commit", *args], cwd, env, timeout=900)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the module, so the hook's environment is built once."""
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def hook_repository(home: Path) -> tuple[str, str]:
    """This working tree as a git repository pre-commit can clone: its address and commit."""
    env = git_env(home)
    copy = home / "civdata"
    listed = sh(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT, env)
    assert listed.returncode == 0, listed.stderr
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    git(copy, env, "init", "-q")
    git(copy, env, "add", "-A")
    git(copy, env, "commit", "-q", "-m", "civdata as tested")
    revision = sh(["git", "rev-parse", "HEAD"], copy, env).stdout.strip()
    return copy.as_uri(), revision


@pytest.fixture
def team(tmp_path: Path, home: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """A git repository of two initiatives, everything committed, without a hook yet."""
    env = git_env(home)
    root = make_two_initiatives(tmp_path / "team")
    git(root, env, "init", "-q")
    yield root, env


def commit_all(root: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    git(root, env, "add", "-A")
    return sh(["git", "commit", "-q", "-m", message], root, env, timeout=900)


@pytest.mark.slow
def test_the_hook_from_this_repository_passes_good_files_and_stops_a_wrong_answer(
    team: tuple[Path, dict[str, str]], hook_repository: tuple[str, str]
) -> None:
    root, env = team
    url, revision = hook_repository
    config = block("remote")
    config = re.sub(r"repo: \S+", f"repo: {url}", config)
    config = re.sub(r"rev: \S+", f"rev: {revision}", config)
    (root / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    # A file named like an option, at the top where pre-commit names it bare: the page's `--`
    # makes it a file to check (without it, check refused the run: "No such option: -d").
    shutil.copyfile(root / ANSWERS_A[0], root / "-draft.yaml")
    git(root, env, "add", "-A")

    every = pre_commit(root, env, "run", "--all-files")
    assert every.returncode == 0, every.stdout + every.stderr
    assert re.search(r"^civdata check\.+Passed$", every.stdout, re.M), every.stdout

    installed = pre_commit(root, env, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert commit_all(root, env, "Two initiatives").returncode == 0

    # A commit that changes one answers file of initiative B: the hook gets that file alone.
    break_file(root, ANSWERS_B[1], BREAK_B)
    refused = commit_all(root, env, "A wrong answer")
    assert refused.returncode != 0
    output = refused.stdout + refused.stderr
    assert re.search(r"^civdata check\.+Failed$", output, re.M), output
    assert BROKEN_B in output.splitlines(), output
    assert "civdata: 1 problem in 1 of 2 files checked" in output  # the answers file and its rubric

    break_file(root, ANSWERS_A[1], BREAK_A)
    both = pre_commit(root, env, "run", "--all-files")
    assert both.returncode == 1
    assert [line for line in both.stdout.splitlines() if line.startswith("initiative-")] == [BROKEN_A, BROKEN_B]

    for answers in (ANSWERS_A[1], ANSWERS_B[1]):
        git(root, env, "checkout", "HEAD", "--", answers)
    assert commit_all(root, env, "Nothing wrong").returncode == 1  # nothing to commit: git's own 1
    assert pre_commit(root, env, "run", "--all-files").returncode == 0


def configured(marker: str, hook_repository: tuple[str, str]) -> str:
    """The page's configuration ``marker`` with this working tree's copy as the hook's repository."""
    url, revision = hook_repository
    config = re.sub(r"repo: \S+", f"repo: {url}", block(marker))
    return re.sub(r"rev: \S+", f"rev: {revision}", config)


#: A rubric-only change that leaves initiative B's answers wrong: a question renamed.
RENAME_B = ("      - id: A.4\n", "      - id: A.44\n")
RENAMED_B = [
    f"{answers}:20:3: there is no question 'A.4' in rubric 'deon-checklist' 1.0.0; did you mean 'A.44'?"
    for answers in ANSWERS_B
]


@pytest.mark.slow
def test_a_rubric_only_commit_that_breaks_answers_is_stopped_by_the_whole_repository_hook(
    team: tuple[Path, dict[str, str]], hook_repository: tuple[str, str]
) -> None:
    """An outside review (2026-11-28): the page promised mistakes caught at commit, but the hook is
    given a commit's files, and a commit of the rubric alone checks no answers naming it. The
    page now says so, and its remedy (the hook on the whole repository) stops such a commit with
    every answers file it breaks located; the files-of-the-commit hook still lets it through, as
    the page says."""
    root, env = team
    (root / ".pre-commit-config.yaml").write_text(configured("whole", hook_repository), encoding="utf-8")
    installed = pre_commit(root, env, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert commit_all(root, env, "Two initiatives").returncode == 0

    break_file(root, RUBRIC_B, RENAME_B)
    refused = commit_all(root, env, "Rename a question")
    assert refused.returncode != 0
    output = refused.stdout + refused.stderr
    assert re.search(r"^civdata check\.+Failed$", output, re.M), output
    assert [line for line in output.splitlines() if line.startswith("initiative-b/answers/")] == RENAMED_B, output

    git(root, env, "checkout", "HEAD", "--", RUBRIC_B)
    (root / ".pre-commit-config.yaml").write_text(configured("remote", hook_repository), encoding="utf-8")
    assert commit_all(root, env, "The hook on a commit's files").returncode == 0
    break_file(root, RUBRIC_B, RENAME_B)
    passed = commit_all(root, env, "Rename a question")
    assert passed.returncode == 0, "the page says the files-of-the-commit hook lets this through"
    assert RENAMED_B[0] not in passed.stdout + passed.stderr


@pytest.mark.slow
def test_the_local_hook_runs_the_installed_civdata_the_same_way(team: tuple[Path, dict[str, str]]) -> None:
    root, env = team
    (root / ".pre-commit-config.yaml").write_text(block("local"), encoding="utf-8")
    git(root, env, "add", "-A")
    good = pre_commit(root, env, "run", "--all-files")
    assert good.returncode == 0, good.stdout + good.stderr

    break_file(root, ANSWERS_B[1], BREAK_B)
    git(root, env, "add", "-A")
    alone = pre_commit(root, env, "run", "--files", ANSWERS_B[1])
    assert alone.returncode == 1
    assert BROKEN_B in alone.stdout.splitlines(), alone.stdout


@pytest.mark.slow
def test_the_hook_checks_answers_files_whose_ending_is_in_capitals(team: tuple[Path, dict[str, str]]) -> None:
    """Windows and macOS save `Funder.YAML`: the hook's file filter must hand it to check, or a
    wrong answer in it is committed with every hook passed."""
    root, env = team
    (root / ".pre-commit-config.yaml").write_text(block("local"), encoding="utf-8")
    funder = (ROOT / "examples" / "county-justice" / "funder.yaml").read_text(encoding="utf-8")
    (root / "initiative-a" / "Funder.YAML").write_text(funder.replace("role: funder", "role: fundr"), "utf-8")
    git(root, env, "add", "-A")
    every = pre_commit(root, env, "run", "--all-files")
    assert every.returncode == 1, every.stdout + every.stderr
    problem = r"^initiative-a/Funder\.YAML:\d+:\d+: role 'fundr' is not one of"
    assert re.search(problem, every.stdout, re.M), every.stdout
    alone = pre_commit(root, env, "run", "--files", "initiative-a/Funder.YAML")
    assert alone.returncode == 1, alone.stdout + alone.stderr


@pytest.mark.slow
def test_a_file_named_like_an_option_is_checked_by_every_hook(
    team: tuple[Path, dict[str, str]], hook_repository: tuple[str, str]
) -> None:
    """pre-commit names a top-level file bare (`-x.yaml`), after the hook's args: the hooks
    file's own `args: ["--"]` and the page's configurations end with `--`, so such a file is
    checked, its problems located, never read as an option."""
    root, env = team
    community = (root / ANSWERS_A[0]).read_text(encoding="utf-8")
    (root / "-x.yaml").write_text(community.replace("role: community", "role: comunity"), encoding="utf-8")
    git(root, env, "add", "-A")
    problem = r"^-x\.yaml:\d+:\d+: role 'comunity' is not one of"
    url, revision = hook_repository
    plain = f"repos:\n  - repo: {url}\n    rev: {revision}\n    hooks:\n      - id: civdata-check\n"
    for config in (block("local"), configured("remote", hook_repository), plain):
        (root / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
        every = pre_commit(root, env, "run", "--all-files")
        assert every.returncode == 1, config + every.stdout + every.stderr
        assert re.search(problem, every.stdout, re.M), config + every.stdout
        assert "No such option" not in every.stdout + every.stderr


# --- The page's other examples ----------------------------------------------------------------


def console(marker: str) -> tuple[list[str], list[str]]:
    """A console block of the page: the command after ``$``, and the lines it prints."""
    command, *printed = block(marker).splitlines()
    assert command.startswith("$ civdata ")
    return command.removeprefix("$ civdata ").split(), printed


def run_civdata(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_pages_check_of_a_good_repository_prints_what_it_shows(tmp_path: Path) -> None:
    args, printed = console("check-output")
    root = make_two_initiatives(tmp_path)
    result = run_civdata(args, root)
    assert result.returncode == 0
    assert [*result.stderr.splitlines(), *result.stdout.splitlines()] == printed


def test_the_pages_check_of_wrong_answers_prints_what_it_shows(tmp_path: Path) -> None:
    args, printed = console("check-problems")
    root = make_two_initiatives(tmp_path)
    break_file(root, ANSWERS_A[1], BREAK_A)
    break_file(root, ANSWERS_B[1], BREAK_B)
    result = run_civdata(args, root)
    assert result.returncode == 2
    assert (result.stdout, result.stderr.splitlines()) == ("", printed)


def test_the_pages_ci_commands_run_in_the_repository_it_shows(tmp_path: Path) -> None:
    root = make_two_initiatives(tmp_path)
    section = PAGE.read_text(encoding="utf-8").split("## In CI", 1)[1]
    commands = re.search(r"```sh\n(.*?)```", section, re.S)
    assert commands
    for line in commands.group(1).splitlines():
        args = line.split()
        assert args[0] == "civdata"
        result = run_civdata(args[1:], root)
        assert result.returncode in (0, 1), (line, result.stderr)  # 1: a gate failed, the report was still written
    assert (root / "initiative-a.md").is_file() and (root / "initiative-b.md").is_file()


def test_the_hooks_file_declares_the_hook_the_page_documents() -> None:
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "civdata-check"
    assert hook["entry"] == "civdata check" and hook["language"] == "python"
    assert hook.get("pass_filenames", True) is True
    local = yaml.safe_load(block("local"))["repos"][0]["hooks"][0]
    for key in ("files", "exclude", "require_serial"):
        assert local[key] == hook[key], key
    files = re.compile(hook["files"])
    exclude = re.compile(hook["exclude"])
    for name, passed in {
        "initiative-a/lead.yaml": True,
        "rubric.yml": True,
        "initiative-a/Community.YAML": True,  # as Windows and macOS save it
        "Rubric.Yml": True,
        "lead.yaml.bak": False,
        ".github/workflows/CI.YML": False,
        "README.md": False,
        ".pre-commit-config.yaml": False,
        ".github/workflows/ci.yml": False,
    }.items():
        assert (files.search(name) is not None and exclude.search(name) is None) is passed, name
