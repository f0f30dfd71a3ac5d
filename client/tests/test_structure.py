"""The app's structure: no import cycle (the same check as the backend's, scripts/import_graph.py),
no module over 400 lines, and no API call outside the ApiClient and the features' actions."""

import ast
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]


def import_graph() -> ModuleType:
    spec = importlib.util.spec_from_file_location("import_graph", REPO / "scripts" / "import_graph.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("import_graph", module)
    spec.loader.exec_module(module)
    return module


def test_the_app_has_no_import_cycle() -> None:
    graph = import_graph()
    edges = graph.graph(REPO / "client" / "wisdom_app", "wisdom_app")
    assert "wisdom_app.api" in edges["wisdom_app.state"]  # the graph sees imports
    assert graph.cycles(edges) == []


APP = REPO / "client" / "wisdom_app"
MAX_LINES = 400
# The only modules that talk to the API: the ApiClient itself and each area's actions.
API_CALLERS = {"api.py", "actions.py"}
# ApiClient methods that only build an address (no request): fine anywhere.
ADDRESS_BUILDERS = {"media_link"}


def app_modules() -> list[Path]:
    return sorted(APP.rglob("*.py"))


def test_no_module_of_the_app_is_longer_than_400_lines() -> None:
    long = {str(p.relative_to(APP)): n for p in app_modules() if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def api_calls(path: Path) -> list[str]:
    """Calls through an ApiClient: `….api.method(…)` (the state's client, the usual way in)
    or `api.method(…)` on a variable named api."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner = node.func.value
        if node.func.attr in ADDRESS_BUILDERS:
            continue
        if (isinstance(owner, ast.Attribute) and owner.attr == "api") or (
            isinstance(owner, ast.Name) and owner.id == "api"
        ):
            found.append(f"{path.relative_to(APP)}:{node.lineno} {ast.unparse(node.func)}")
    return found


def test_only_actions_call_the_api() -> None:
    outside = [call for p in app_modules() if p.name not in API_CALLERS for call in api_calls(p)]
    assert outside == []


def test_the_api_call_check_sees_calls() -> None:
    checkout = APP / "features" / "checkout" / "actions.py"
    assert any("state.api.create_order" in c for c in api_calls(checkout))


def test_every_feature_is_a_view_and_its_actions() -> None:
    """features/<area>/ holds view modules (drawing) and actions.py (the async handlers)."""
    for area in (APP / "features").iterdir():
        if not area.is_dir() or area.name.startswith("__"):
            continue
        names = {p.name for p in area.rglob("*.py")}
        assert "actions.py" in names or "view.py" in names, area.name


def swedish_literals(path: Path) -> list[str]:
    """String literals with Swedish letters (what a person would read)."""
    return [
        f"{path.relative_to(APP)}:{node.lineno} {node.value!r}"
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and set(node.value) & set("åäöÅÄÖ")
        and "\n" not in node.value  # not a docstring
    ]


def test_actions_say_things_through_texts() -> None:
    """What an action tells the person comes from texts.py (views keep their own texts)."""
    said = [line for p in APP.rglob("actions.py") for line in swedish_literals(p)]
    assert said == []


def test_the_text_check_sees_swedish() -> None:
    assert any("webbläsaren" in line for line in swedish_literals(APP / "texts.py"))
