"""Imports only point down (main -> payments -> orders -> the domains -> the leaves -> the
ground): no module of backend/app imports, however late, one that imports it back."""

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[3]


def import_graph() -> ModuleType:
    """scripts/import_graph.py, shared with the app's tests."""
    spec = importlib.util.spec_from_file_location(
        "import_graph", REPO / "scripts" / "import_graph.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("import_graph", module)
    spec.loader.exec_module(module)
    return module


def test_the_backend_has_no_import_cycle() -> None:
    graph = import_graph()
    edges = graph.graph(REPO / "backend" / "app", "app")
    assert "app.payments.refunds" in edges["app.payments.webhooks"]  # the graph sees imports
    assert graph.cycles(edges) == []


def test_the_check_finds_a_cycle_made_by_a_late_import(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg import b\n")
    (package / "b.py").write_text("def f():\n    from pkg.a import x\n")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import a\n"
    )
    graph = import_graph()
    assert graph.cycles(graph.graph(package, "pkg")) == [["pkg.a", "pkg.b"]]
