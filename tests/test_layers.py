"""The package's layers: no import cycle, and each third-party file library in its own layer."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "coopxl"

LAYERS = {
    "openpyxl": {"templates"},
    "python_calamine": {"xlsx"},
    "lxml": {"xlsxpatch"},
    "xlsxwriter": {"dashboard", "xlsxwriter_fork"},
    "xlwings": {"excel_entry", "excel_install", "addin"},
    "docx": {"documents"},
    "docxtpl": {"documents"},
    "pandas": {"frames"},
}
"""Third-party library → the only modules of coopxl that may import it."""


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function (not those for type checkers only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            node.body = []
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # from . import x / from .x import y
                base = node.module or ""
                if base:
                    names.add(f"coopxl.{base}")
                else:
                    names.update(f"coopxl.{alias.name}" for alias in node.names)
            elif node.module:
                names.add(node.module)
    return names


def graph() -> dict[str, set[str]]:
    modules = {p.stem: p for p in PACKAGE.glob("*.py")}
    return {name: {i.split(".")[1] for i in imports_of(path) if i.startswith("coopxl.")
                   and i.split(".")[1] in modules and i.split(".")[1] != name}
            for name, path in modules.items()}


def test_no_import_cycle() -> None:
    edges = graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                cycles.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target, stack + [target])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_file_libraries_stay_in_their_layer() -> None:
    strays = []
    for path in sorted(PACKAGE.glob("*.py")):
        for library in {i.split(".")[0] for i in imports_of(path)} & set(LAYERS):
            if path.stem not in LAYERS[library]:
                strays.append((path.stem, library))
    assert strays == []
