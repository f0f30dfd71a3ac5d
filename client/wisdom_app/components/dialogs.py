"""Messages and questions: a snack bar, and a dialog that asks before acting."""

import inspect
from collections.abc import Callable
from typing import Any

import flet as ft

from wisdom_app import theme


def show_message(text: str) -> None:
    """A short message at the bottom of the screen."""
    ft.context.page.show_dialog(ft.SnackBar(ft.Text(text)))


def ask(
    title: str,
    text: str,
    confirm_label: str,
    on_confirm: Callable[[], Any],
    *,
    fields: list[ft.Control] | None = None,
    validate: Callable[[], str] | None = None,
    destructive: bool = False,
) -> None:
    """A dialog that asks before something that cannot be undone; on_confirm (sync or async)
    runs after the dialog closes. Extra fields (a reason, an amount) go under the text, and
    validate() returns what is wrong with them (the dialog then stays open and says so)."""
    page = ft.context.page
    problem = ft.Text("", color=ft.Colors.ERROR, visible=False)

    async def confirmed() -> None:
        wrong = validate() if validate is not None else ""
        if wrong:
            problem.value, problem.visible = wrong, True
            problem.update()
            return
        page.pop_dialog()
        result = on_confirm()
        if inspect.isawaitable(result):
            await result

    confirm_style = ft.ButtonStyle(bgcolor=ft.Colors.ERROR, color=ft.Colors.ON_ERROR) if destructive else None
    page.show_dialog(
        ft.AlertDialog(
            modal=True,
            title=ft.Text(title),
            content=ft.Column([ft.Text(text), *(fields or []), problem], tight=True, width=theme.FORM_MAX_WIDTH),
            actions=[
                ft.TextButton("Avbryt", on_click=lambda: page.pop_dialog()),
                ft.FilledButton(confirm_label, on_click=confirmed, style=confirm_style),
            ],
        )
    )
