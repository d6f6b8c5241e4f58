"""The house stays easy to see: no module over 400 lines, no import inside a function, no import
cycle, a docstring on every package; every package and data file of service/ reaches the wheel."""

from __future__ import annotations

import ast
import fnmatch
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICE = ROOT / "service"
MODULES = sorted(p for p in SERVICE.rglob("*.py") if "__pycache__" not in p.parts)
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def module_name(path: Path) -> str:
    parts = ["guize", *path.relative_to(SERVICE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


NAMES = {module_name(p): p for p in MODULES}


def imports(path: Path) -> list[tuple[ast.AST, str]]:
    """(node, imported guize module) for every import of a guize module in ``path``."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node, a.name) for a in node.names if a.name.startswith("guize")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("guize"):
            for a in node.names:  # `from guize.web import conneg` imports a module
                sub = f"{node.module}.{a.name}"
                out.append((node, sub if sub in NAMES else node.module))
    return out


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SERVICE)))
def test_module_is_at_most_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def test_no_import_inside_a_function():
    found = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                found += [
                    f"{path.relative_to(ROOT)}:{n.lineno}"
                    for n in ast.walk(node)
                    if isinstance(n, ast.Import | ast.ImportFrom)
                ]
    assert found == []


def test_no_import_cycle():
    graph = {name: {m for _, m in imports(path) if m in NAMES} for name, path in NAMES.items()}
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for dep in sorted(graph[name]):
            if dep.startswith(name + ".") or name.startswith(dep + "."):
                continue  # a package and its own modules
            if state.get(dep) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*trail, name, dep]))
            if not state.get(dep):
                visit(dep, [*trail, name])
        state[name] = 2

    for name in sorted(graph):
        if not state.get(name):
            visit(name, [])


@pytest.mark.parametrize(
    "path", [p for p in MODULES if p.name == "__init__.py"], ids=lambda p: module_name(p)
)
def test_every_package_says_what_it_owns(path):
    assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))


def test_every_package_is_listed_for_the_wheel():
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    assert {module_name(p) for p in MODULES if p.name == "__init__.py"} <= listed


def test_every_data_file_of_service_is_package_data():
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]
    missing = []
    for path in SERVICE.rglob("*"):
        if path.is_dir() or path.suffix in (".py", ".pyc", ".md") or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(SERVICE)
        owners = [
            (pkg, path.relative_to(SERVICE / Path(*pkg.split(".")[1:])).as_posix())
            for pkg in patterns
            if pkg.startswith("guize") and path.is_relative_to(SERVICE / Path(*pkg.split(".")[1:]))
        ]
        if not any(fnmatch.fnmatch(r, g) for pkg, r in owners for g in patterns[pkg]):
            missing.append(str(rel))
    assert missing == []
