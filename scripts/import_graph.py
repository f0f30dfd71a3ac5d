#!/usr/bin/env python3
"""The import graph of one package, from its source (no code is run), and its cycles.

Every import counts, also one inside a function or under `if TYPE_CHECKING:`: a late import is
still a dependency, and the circle it makes is what the design forbids. Used by the backend's
and the app's tests (each adds this folder to sys.path); on the command line it prints the
cycles:

    python3 scripts/import_graph.py backend/app app
"""

import ast
import sys
from collections.abc import Iterator
from pathlib import Path


def module_name(root: Path, package: str, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join([package, *parts])


def imported(tree: ast.Module, module: str, is_package: bool) -> Iterator[str]:
    """The modules a module imports (absolute names, relative imports resolved)."""
    here = module if is_package else module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            # `from pkg import module` imports the module itself.
            yield from (f"{base}.{alias.name}" for alias in node.names)


def graph(root: Path, package: str) -> dict[str, set[str]]:
    files = {module_name(root, package, p): p for p in root.rglob("*.py") if ".venv" not in p.parts}
    edges: dict[str, set[str]] = {}
    for module, path in files.items():
        tree = ast.parse(path.read_text(), str(path))
        targets = set(imported(tree, module, path.name == "__init__.py"))
        edges[module] = {t for t in targets if t in files and t != module}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


if __name__ == "__main__":
    found = cycles(graph(Path(sys.argv[1]), sys.argv[2]))
    for cycle in found:
        print(" <-> ".join(cycle))
    sys.exit(1 if found else 0)
