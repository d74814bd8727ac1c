"""The layout's promises (docs/ARCHITECTURE.md): dependencies run one way, no cycles.

Layers, bottom up: the core modules of palmares/ (errors, names, values, sqlfiles,
db, ...); loader/ and queries/ on the core; reports/ on those; web/ on all of them;
cli.py on top. A module imports only from its own layer or below, and the module
graph has no cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "palmares"
LAYERS = {"loader": 1, "queries": 1, "reports": 2, "web": 3, "cli": 4}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["palmares", *parts])


def modules() -> dict[str, Path]:
    # palmares/loader and palmares/queries are symlinks to the top-level folders
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports(name: str, path: Path) -> set[str]:
    """The palmares modules one module imports (absolute or relative, at any depth)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}
    known = modules()
    return {m for m in found if m in known and m != name}


def top(name: str) -> str:
    """'loader' for palmares.loader.save; '' for palmares itself."""
    return name.split(".")[1] if "." in name else ""


def layer(name: str) -> int:
    return LAYERS.get(top(name), 0)


def test_every_import_goes_down_or_across_the_layers():
    upward = [
        f"{name} -> {dep}"
        for name, path in modules().items()
        for dep in imports(name, path)
        if layer(dep) > layer(name)
    ]
    assert upward == []


def test_the_module_graph_has_no_cycle():
    graph = {name: imports(name, path) for name, path in modules().items()}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph[node]):
            # a package's __init__ importing its own submodules is not a cycle
            if node.startswith(dep + ".") or dep.startswith(node + "."):
                continue
            if state.get(dep) == 1:
                cycles.append(" -> ".join([*trail[trail.index(dep) :], dep]))
            elif dep not in state:
                visit(dep, [*trail, dep])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_loader_and_queries_do_not_know_each_other():
    crossing = [
        f"{name} -> {dep}"
        for name, path in modules().items()
        for dep in imports(name, path)
        if {top(name), top(dep)} == {"loader", "queries"}
    ]
    assert crossing == []


def test_only_the_command_line_imports_click():
    users = [
        name
        for name, path in modules().items()
        if any(
            (isinstance(n, ast.Import) and any(a.name == "click" for a in n.names))
            or (isinstance(n, ast.ImportFrom) and n.module == "click")
            for n in ast.walk(ast.parse(path.read_text("utf-8")))
        )
    ]
    assert users == ["palmares.cli"]
