"""The layout of docs/architecture.md stays true: the import rule (import-linter's
contracts in pyproject.toml), no import cycle between modules, no module over 400 lines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (
    "betterwork",
    "factories",
    "assessments",
    "differentiation",
    "workspace",
    "buyer_portal",
)


def test_the_import_rule_holds() -> None:
    """lint-imports, as `make lint` runs it: the core imports no app, no app imports the project
    package but its core, and the apps import only the layers below them."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports; "
            "sys.exit(lint_imports(no_cache=True, no_logo=True))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected groups of modules (Tarjan), lazy imports inside functions included."""
    modules = sorted(m for m in graph.modules if ".migrations" not in m)
    known = set(modules)
    edges = {m: sorted(known & graph.find_modules_directly_imported_by(m)) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in edges[module]:
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in modules:
        if module not in index:
            visit(module)
    return groups


def test_no_module_imports_itself_round_a_cycle() -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 5000))
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for module in ("a.one", "a.two", "a.three"):
        graph.add_module(module)
    graph.add_import(importer="a.one", imported="a.two")
    graph.add_import(importer="a.two", imported="a.one")
    graph.add_import(importer="a.two", imported="a.three")
    assert _cycles(graph) == [["a.one", "a.two"]]


MAX_LINES = 400
# Data, not code: the compliance catalogue and the permission matrix's table.
DATA_MODULES = {"assessments/catalogue_data.py", "tests/matrix/table.py"}
# Data packages: every module but __init__.py is data (the catalogue's texts, one a language).
DATA_PACKAGES = {"assessments/catalogue_i18n"}


def _is_data(relative: Path) -> bool:
    return str(relative) in DATA_MODULES or (
        str(relative.parent) in DATA_PACKAGES and relative.name != "__init__.py"
    )


def _long_modules(root: Path, limit: int = MAX_LINES) -> list[str]:
    return sorted(
        f"{path.relative_to(root)}: {lines} lines"
        for package in (*PACKAGES, "tests")
        for path in (root / package).rglob("*.py")
        if "migrations" not in path.parts
        and not _is_data(path.relative_to(root))
        and (lines := len(path.read_text().splitlines())) > limit
    )


def test_no_module_is_longer_than_400_lines() -> None:
    assert _long_modules(ROOT) == []


def test_the_size_check_finds_a_long_module(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_long.py").write_text("x = 1\n" * (MAX_LINES + 1))
    (tmp_path / "tests" / "test_short.py").write_text("x = 1\n" * MAX_LINES)
    assert _long_modules(tmp_path) == [f"tests/test_long.py: {MAX_LINES + 1} lines"]


def test_only_the_data_modules_may_be_long(tmp_path: Path) -> None:
    package = tmp_path / "assessments" / "catalogue_i18n"
    package.mkdir(parents=True)
    (tmp_path / "tests").mkdir()
    (package / "xx.py").write_text("x = 1\n" * (MAX_LINES + 1))
    (package / "__init__.py").write_text("x = 1\n" * (MAX_LINES + 1))
    assert _long_modules(tmp_path) == [
        f"assessments/catalogue_i18n/__init__.py: {MAX_LINES + 1} lines"
    ]
