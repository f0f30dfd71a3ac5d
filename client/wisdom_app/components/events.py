"""Event handlers and navigation: the way every button reaches its action."""

import inspect
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

import flet as ft

from wisdom_app.components.dialogs import ask


def call(action: Callable[..., Any], *args: Any) -> Callable[[], Awaitable[None]]:
    """An event handler that runs action(*args) and awaits what it returns: the way to give a
    handler arguments (`on_click=call(save, True)`). A lambda would hand Flet the coroutine,
    which Flet never awaits; this is an async function, which Flet does await."""

    async def handler() -> None:
        result = action(*args)
        if inspect.isawaitable(result):
            await result

    return handler


# Per page (one person's app session): something on screen with changes not yet saved (the
# lesson editor registers itself), asked before any navigation whether there is anything to lose.
_unsaved: "weakref.WeakKeyDictionary[ft.Page, Callable[[], bool]]" = weakref.WeakKeyDictionary()


def guard_leaving(page: ft.Page, has_changes: Callable[[], bool] | None) -> None:
    """Ask before leaving the page's screen while has_changes() says so (None: no more asking)."""
    if has_changes is None:
        _unsaved.pop(page, None)
    else:
        _unsaved[page] = has_changes


def after_leaving(then: Callable[[], Any]) -> None:
    """Run then() (leave the screen: another route, another lesson); with unsaved changes on
    screen, only after the person said so."""
    page = ft.context.page
    has_changes = _unsaved.get(page)
    if has_changes is None or not has_changes():
        then()
        return

    def leave() -> None:
        _unsaved.pop(page, None)
        then()

    ask(
        "Lämna utan att spara?",
        "Du har ändringar i lektionen som inte är sparade. De försvinner om du går härifrån.",
        "Lämna utan att spara",
        leave,
        destructive=True,
    )


def navigate(route: str) -> None:
    page = ft.context.page
    after_leaving(lambda: page.navigate(route))
