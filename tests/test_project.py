"""The project as a newcomer meets it: the README's quick start, CI, lint, the packaged wheel."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- quick-start.*?-->\n```sh\n(.*?)```\n<!-- end quick-start -->", readme, re.S)
    assert block, "README.md has no quick-start block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_quick_start_has_exactly_two_commands() -> None:
    install_and_run, install_and_test = quick_start_commands()
    assert "pip install ." in install_and_run and "civdata report examples/" in install_and_run
    assert "pip install '.[test]'" in install_and_test and "pytest" in install_and_test


def test_ci_runs_exactly_the_readme_commands() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = [line for line in script if line.startswith("python3 -m venv")]
    assert commands == quick_start_commands()


def test_ci_also_proves_the_lowest_dependency_bounds_and_waits_for_them() -> None:
    """Beside the README's commands, CI runs the suite on the lowest dependencies, in the
    background, and its exit status is that run's once the README's have passed."""
    script = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines() if line.strip()]
    started = next(index for index, line in enumerate(script) if "tools/test-dependency-bounds.sh lowest" in line)
    assert script[started].rstrip().endswith("&")
    last_readme_command = max(index for index, line in enumerate(script) if line.startswith("python3 -m venv"))
    after = "\n".join(script[last_readme_command + 1 :])
    assert 'wait "$lowest_pid"' in after and 'exit "$lowest_status"' in after
    assert (ROOT / "tools" / "test-dependency-bounds.sh").stat().st_mode & 0o111


def test_the_tests_of_the_lowest_versions_run_are_test_files_of_this_repository() -> None:
    """tools/test-dependency-bounds.sh names the test files it runs on the lowest versions; a name
    that is no longer a file (renamed, say) would make that run fail, and one missing would leave
    where civdata meets a library untested on its floor."""
    script = (ROOT / "tools" / "test-dependency-bounds.sh").read_text(encoding="utf-8")
    listed = re.search(r"local pinned=\(([^)]*)\)", script)
    assert listed is not None
    names = [word for line in listed.group(1).splitlines() for word in line.split("#")[0].split()]
    assert len(names) > 20
    missing = [name for name in names if not (ROOT / "tests" / f"test_{name}.py").is_file()]
    assert not missing, missing
    # Where civdata meets each library: typer and click, rich, PyYAML, jsonschema, questionary.
    assert {"cli_conventions", "exit_codes", "render", "yaml_tags", "answers_schema", "assess_pty"} <= set(names)


def declared_floors() -> dict[str, str]:
    """``name: version`` for each runtime dependency of pyproject.toml, which must all be ``>=``,
    optionally with a ``<`` cap explained in a comment right above it."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r"^dependencies = \[(.*?)^\]", text, re.S | re.M)
    assert block
    floors = {}
    previous = ""
    for line in block.group(1).splitlines():
        entry = re.fullmatch(r'\s*"([A-Za-z0-9_.-]+)>=([0-9][0-9.]*)(,<[0-9][0-9.]*)?",?\s*', line)
        if entry:
            floors[normalise(entry.group(1))] = entry.group(2)
            assert not entry.group(3) or previous.strip().startswith("#"), f"a cap without its reason: {line}"
        else:
            assert not line.strip() or line.strip().startswith("#"), f"not a plain floor: {line}"
        previous = line
    return floors


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_lowest_constraints_pin_exactly_the_declared_floors() -> None:
    pins = {}
    for line in (ROOT / "tools" / "lowest-constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[normalise(name)] = version.strip()
    assert pins == declared_floors()


def test_ruff_is_clean() -> None:
    for args in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_wheel_carries_rubrics_and_schemas_and_works_from_any_folder(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("civdata-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "civdata/rubrics/civil-society-data-readiness.yaml" in names
    assert {"civdata/schemas/rubric.schema.json", "civdata/schemas/answers.schema.json"} <= names
    assert "civdata/verified/civil-society-data-readiness.json" in names  # the bundled rubric, parsed and checked
    # The licences: the code's (Apache-2.0) and the bundled rubric's content (CC-BY-4.0), declared and shipped.
    licences = {name.split(".dist-info/licenses/", 1)[1] for name in names if ".dist-info/licenses/" in name}
    assert licences == {"LICENSE", "LICENSES/CC-BY-4.0.txt"}
    (metadata_name,) = [name for name in names if name.endswith(".dist-info/METADATA")]
    metadata = zipfile.ZipFile(wheel).read(metadata_name).decode("utf-8")
    assert "License-Expression: Apache-2.0 AND CC-BY-4.0" in metadata.splitlines()
    assert (
        "Apache License" in zipfile.ZipFile(wheel).read(metadata_name.replace("METADATA", "licenses/LICENSE")).decode()
    )

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target), str(wheel)],
        capture_output=True,
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    answers = ROOT / "examples" / "newsroom-leak" / "answers.yaml"
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import civdata.cli as c; "
        "assert c.__file__.startswith(sys.argv[1]), c.__file__; c.main(sys.argv[2:])"
    )
    listed = subprocess.run(
        [sys.executable, "-c", code, str(target), "rubric", "list"], cwd=elsewhere, capture_output=True, text=True
    )
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("civil-society-data-readiness\t")
    reported = subprocess.run(
        [sys.executable, "-c", code, str(target), "report", str(answers), "-f", "json"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert reported.returncode == 0, reported.stderr
    assert '"kind": "single"' in reported.stdout


def test_the_type_checker_is_clean() -> None:
    """mypy over the package, with the settings in pyproject.toml."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


#: What the core may not import: the adapters, and the libraries only they need.
EDGE_MODULES = ("civdata.cli", "civdata.questionnaire", "rich", "questionary", "prompt_toolkit", "typer", "click")


def imported_modules(path: Path, root: Path = ROOT) -> set[str]:
    """Every module a file imports, at the top or inside functions: ``import x``, ``from x import
    y`` (``x`` and ``x.y``, since y may be a module: ``from civdata import cli``), relative imports
    resolved against the file's package (``from .cli import app``), and the string given to
    ``importlib.import_module`` or ``__import__`` when it is written out."""
    import ast

    package = ".".join(path.relative_to(root).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if called in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                found.add(node.args[0].value)
    return found


def test_imported_modules_sees_every_way_of_importing(tmp_path: Path) -> None:
    """The layering test below is only as good as this: an outside review added a relative import,
    ``from civdata import questionnaire`` and ``importlib.import_module("rich.console")`` to a core
    module, and the test still passed."""
    probe = tmp_path / "civdata" / "render" / "scoring.py"  # a core module's place, in a copy
    probe.parent.mkdir(parents=True)
    probe.write_text(
        "from ..cli import app\nfrom civdata import questionnaire\nimport importlib\n"
        "def f():\n    importlib.import_module('rich.console')\n    __import__('typer')\n",
        encoding="utf-8",
    )
    found = imported_modules(probe, root=tmp_path)
    assert {"civdata.cli", "civdata.cli.app", "civdata.questionnaire", "rich.console", "typer"} <= found, found


def test_the_core_never_imports_the_adapters_or_their_libraries() -> None:
    """The README's architecture, kept true: loading, scoring, the report model and every renderer
    but the terminal one work without the command line, the questionnaire, rich or questionary;
    and tools/ build reports through the core, never through the command line."""
    package = ROOT / "civdata"
    edges = (package / "cli", package / "questionnaire")
    allowed = {package / "__main__.py", package / "render" / "terminal.py"}  # by place, not by name
    core = [
        path
        for path in package.rglob("*.py")
        if not any(edge in path.parents for edge in edges) and path not in allowed
    ]
    assert len(core) > 20
    for path in core:
        wrong = {module for module in imported_modules(path) if module.startswith(EDGE_MODULES)}
        assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"
    # The format registry imports renderers by name: only the terminal one may use rich.
    from civdata.render import FORMATS

    assert [module for module, _, _ in FORMATS.values() if module.startswith(EDGE_MODULES)] == []
    for path in (ROOT / "tools").glob("*.py"):
        assert not {m for m in imported_modules(path) if m.startswith("civdata.cli")}, path
    terminal = imported_modules(package / "render" / "terminal.py")
    assert not {m for m in terminal if m.startswith(("civdata.cli", "civdata.questionnaire", "questionary"))}


def test_importing_every_core_module_loads_no_adapter() -> None:
    """At run time too, whatever the source says: every core module imported in a fresh
    interpreter, and none of the adapters or their libraries loaded."""
    core = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in (ROOT / "civdata").rglob("*.py")
        if not {"cli", "questionnaire"} & set(path.relative_to(ROOT).parts)
        and path.name not in ("__main__.py",)
        and path != ROOT / "civdata" / "render" / "terminal.py"
    )
    script = (
        "import importlib, sys\n"
        f"for name in {core!r}:\n    importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.startswith({EDGE_MODULES!r})))"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", result.stdout


def test_every_docstring_is_text_every_supported_python_compiles() -> None:
    """From Python 3.13 the compiler encodes each docstring as UTF-8 and refuses a module whose
    docstring holds a lone surrogate: ``codequality.py`` wrote ``\\udcff`` in one, so every Code
    Quality report was "an internal error" on 3.13 and 3.14 (the review of environments), which the
    suite on 3.11 could not see. Read here, whatever Python runs the tests."""
    import ast

    unencodable = []
    for path in sorted(
        [*(ROOT / "civdata").rglob("*.py"), *(ROOT / "tests").glob("*.py"), *(ROOT / "tools").glob("*.py")]
    ):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                docstring = ast.get_docstring(node, clean=False)
                try:
                    (docstring or "").encode("utf-8")
                except UnicodeEncodeError:
                    unencodable.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 1)}")
    assert not unencodable, unencodable
