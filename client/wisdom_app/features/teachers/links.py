"""A teacher's name that opens their page: used wherever a teacher is named (course page,
service cards, seminar cards)."""

import flet as ft

from wisdom_app import theme
from wisdom_app.components import navigate


def teacher_route(teacher_id: object) -> str:
    return f"/teachers/{teacher_id}"


def teacher_link(name: str, teacher_id: object, size: float | None = theme.CAPTION) -> ft.Control:
    """The name as a small text button (a screen reader says it is one; a test presses it by
    the name). Without an id (an older answer of the API) it is plain text."""
    if not name:
        return ft.Container()
    if not teacher_id:
        return ft.Text(name, size=size, color=theme.MUTED)

    def open_page() -> None:
        navigate(teacher_route(teacher_id))

    return ft.TextButton(
        content=ft.Text(name, size=size, color=theme.ACCENT, weight=ft.FontWeight.W_500),
        on_click=open_page,
        style=ft.ButtonStyle(
            padding=ft.Padding.symmetric(horizontal=theme.SPACE_XS, vertical=0),
            visual_density=ft.VisualDensity.COMPACT,
        ),
    )
