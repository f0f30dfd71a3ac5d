"""Every coroutine the app makes is awaited. A handler written as `on_click=lambda e: save()`
with an async `save` returns a coroutine that Flet never awaits, so the button silently does
nothing (and likewise an effect `use_effect(lambda: load(), [])`). This reads the app's source
and fails on:

- a lambda given as an event handler (`on_*=` or `x.on_* =`) or as an effect whose body calls
  an async function of the app;
- a call to an async function of the app whose result is thrown away (a statement on its own:
  not awaited, not returned, not handed to a task runner).

Async functions are known by name: every `async def` in wisdom_app, nested ones included (the
ApiClient's and AppState's methods, which screens reach as `state.api.x(...)`, among them).
"""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "wisdom_app"


def _trees() -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(), str(p)) for p in sorted(APP.rglob("*.py"))}


def _async_only_names(trees: dict[Path, ast.Module]) -> set[str]:
    """Names defined only as `async def` somewhere in the app (a name that is also a plain
    function somewhere is ambiguous and left out)."""
    asyncs, syncs = set(), set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.AsyncFunctionDef):
                asyncs.add(node.name)
            elif isinstance(node, ast.FunctionDef):
                syncs.add(node.name)
    return asyncs - syncs


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


# Methods of Python's own containers: `self.orders.clear()` is dict.clear, not an async clear().
BUILTIN_METHODS = {n for t in (dict, list, set, str, bytes) for n in dir(t)}
EFFECT_HOOKS = {"use_effect", "on_mounted", "on_unmounted"}


class _Scan(ast.NodeVisitor):
    """Walks one module keeping the functions each enclosing scope defines, so that a bare
    name (`save`) means the nearest definition: a local `async def save` is async even when
    another file has a plain `def save`."""

    def __init__(self, async_names: set[str]) -> None:
        self.async_names = async_names
        self.scopes: list[dict[str, bool]] = []
        self.found: list[tuple[int, str]] = []

    def _enter(self, body: list[ast.stmt]) -> None:
        self.scopes.append(
            {
                n.name: isinstance(n, ast.AsyncFunctionDef)
                for n in body
                if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
            }
        )

    def visit_Module(self, node: ast.Module) -> None:
        self._enter(node.body)
        self.generic_visit(node)

    def _visit_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self._enter(node.body)
        self.generic_visit(node)
        self.scopes.pop()

    visit_FunctionDef = _visit_function
    visit_AsyncFunctionDef = _visit_function

    def is_async_call(self, node: ast.AST) -> str | None:
        if not isinstance(node, ast.Call):
            return None
        func = node.func
        if isinstance(func, ast.Name):
            for scope in reversed(self.scopes):
                if func.id in scope:
                    return func.id if scope[func.id] else None
            return func.id if func.id in self.async_names else None
        if isinstance(func, ast.Attribute):
            if func.attr in self.async_names and func.attr not in BUILTIN_METHODS:
                return func.attr
        return None

    def _check_handler(self, value: ast.AST) -> None:
        if isinstance(value, ast.Lambda):
            name = self.is_async_call(value.body)
            if name:
                self.found.append((value.lineno, f"handler lambda returns the coroutine {name}(...)"))

    def visit_keyword(self, node: ast.keyword) -> None:
        if (node.arg or "").startswith("on_"):
            self._check_handler(node.value)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        if any(isinstance(t, ast.Attribute) and t.attr.startswith("on_") for t in node.targets):
            self._check_handler(node.value)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if _called_name(node) in EFFECT_HOOKS and node.args:
            self._check_handler(node.args[0])
        self.generic_visit(node)

    def visit_Expr(self, node: ast.Expr) -> None:
        name = self.is_async_call(node.value)
        if name:
            self.found.append((node.lineno, f"the coroutine {name}(...) is thrown away unawaited"))
        self.generic_visit(node)


def _unawaited_calls(tree: ast.Module, async_names: set[str]) -> list[tuple[int, str]]:
    """async_names: names that are only ever async, for calls through an attribute or to a
    name no enclosing scope defines; other names are resolved by scope."""
    scan = _Scan(async_names)
    scan.visit(tree)
    return sorted(scan.found)


def test_no_handler_returns_an_unawaited_coroutine() -> None:
    trees = _trees()
    async_names = _async_only_names(trees)
    assert {"sign_in", "load_home", "create_service"} <= async_names  # the scan sees the app
    problems = [
        f"{path.relative_to(APP.parent)}:{line}: {text}"
        for path, tree in trees.items()
        for line, text in _unawaited_calls(tree, async_names)
    ]
    assert problems == [], "\n".join(problems)


def test_the_scan_finds_the_mistake_it_is_for() -> None:
    """The check itself can fail: a handler written the wrong way is caught."""
    wrong = ast.parse(
        "async def save(): ...\n"
        "button = Button(on_click=lambda e: save())\n"
        "def handler(e):\n"
        "    save()\n"
        "button.on_click = lambda: save()\n"
        "use_effect(lambda: save(), [])\n"
    )
    assert [line for line, _ in _unawaited_calls(wrong, {"save"})] == [2, 4, 5, 6]
    right = ast.parse(
        "button = Button(on_click=save)\n"
        "async def h():\n"
        "    await save()\n"
        "remote.load(lambda: save())\n"  # a coroutine factory handed to code that awaits it
        "orders.clear()\n"  # dict.clear, though a TokenStore.clear is async
    )
    assert _unawaited_calls(right, {"save", "clear"}) == []
