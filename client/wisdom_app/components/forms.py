"""Forms: values kept between renders, fields bound to them, error and info lines."""

from collections.abc import Callable
from typing import Any

import flet as ft


def use_form(initial: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """A form's values, kept without re-rendering on every keystroke: a re-render while the
    person types would send the field a value that is already behind the keys in flight."""
    ref = ft.use_ref(initial)
    values: dict[str, Any] = ref.current
    return values


def bind(values: dict[str, Any], key: str) -> Callable[[Any], None]:
    def changed(e: Any) -> None:
        values[key] = e.control.value

    return changed


def error_text(message: str) -> ft.Control:
    return ft.Text(message, color=ft.Colors.ERROR, visible=bool(message))


def info_text(message: str) -> ft.Control:
    return ft.Text(message, color=ft.Colors.PRIMARY, visible=bool(message))
