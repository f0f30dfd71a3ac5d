"""Small controls: an icon button with a name, a count pill, a row of choices."""

from collections.abc import Callable
from typing import Any

import flet as ft

from wisdom_app import theme
from wisdom_app.components.events import call


def icon_button(icon: ft.IconData, label: str, on_click: Callable[..., Any] | None = None, **kwargs: Any) -> ft.Control:
    """An icon button that says what it does: the label is its tooltip and its accessible name
    (what a screen reader says, and what a UI test finds it by). A tooltip alone lands on a
    node beside the button, and Flutter may lend its text to an enclosing card instead."""
    return ft.IconButton(ft.Icon(icon, semantics_label=label), tooltip=label, on_click=on_click, **kwargs)


def count_pill(count: int, label: str) -> ft.Control:
    """A small filled pill with a number (unread messages): `label` is what a screen reader
    says, e.g. "3 olästa"."""
    return ft.Container(
        ft.Text(str(count), size=theme.CAPTION, color=ft.Colors.ON_PRIMARY, weight=ft.FontWeight.W_600),
        bgcolor=ft.Colors.PRIMARY,
        border_radius=theme.RADIUS_PILL,
        padding=ft.Padding.symmetric(horizontal=theme.SPACE_S, vertical=2),
        tooltip=label,
    )


def choice_row(options: list[tuple[Any, str]], current: Any, choose: Callable[[Any], Any]) -> ft.Control:
    """Buttons that pick one of a few values (a filter); the current one is filled."""
    return ft.Row(
        [
            (ft.FilledTonalButton if value == current else ft.TextButton)(label, on_click=call(choose, value))
            for value, label in options
        ],
        wrap=True,
        spacing=4,
    )
