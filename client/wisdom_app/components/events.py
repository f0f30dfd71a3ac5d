"""Event handlers and navigation: the way every button reaches its action."""

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

import flet as ft


def call(action: Callable[..., Any], *args: Any) -> Callable[[], Awaitable[None]]:
    """An event handler that runs action(*args) and awaits what it returns: the way to give a
    handler arguments (`on_click=call(save, True)`). A lambda would hand Flet the coroutine,
    which Flet never awaits; this is an async function, which Flet does await."""

    async def handler() -> None:
        result = action(*args)
        if inspect.isawaitable(result):
            await result

    return handler


def navigate(route: str) -> None:
    ft.context.page.navigate(route)
