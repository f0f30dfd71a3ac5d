"""The admin area's frame (its sections as buttons above the current one) and the small pieces
every admin screen draws with.

Every action that cannot be undone asks first, every result is shown, and API errors are
shown in Swedish (ApiError.message)."""

from collections.abc import Awaitable, Callable
from typing import Any

import flet as ft

from wisdom_app import theme
from wisdom_app.components import bind, navigate, section_title, show_message
from wisdom_app.errors import ApiError

SECTIONS = [
    ("/admin", "Ansökningar"),
    ("/admin/certifications", "Certifieringar"),
    ("/admin/users", "Användare"),
    ("/admin/reports", "Moderering"),
    ("/admin/orders", "Ordrar"),
    ("/admin/settings", "Inställningar"),
    ("/admin/audit", "Logg"),
]
# Reloads the screen after an action.
Reload = Callable[[], Awaitable[None]]


def admin_page(current: str, body: ft.Control, trailing: ft.Control | None = None) -> ft.Control:
    """The admin area's frame: its sections as buttons above the current one."""
    nav = ft.Row(
        [
            (ft.FilledButton if route == current else ft.OutlinedButton)(
                label, on_click=lambda _, route=route: navigate(route)
            )
            for route, label in SECTIONS
        ],
        wrap=True,
        spacing=6,
        run_spacing=6,
    )
    return ft.Column(
        [section_title("Administration", trailing), nav, ft.Container(body, expand=True)],
        expand=True,
        spacing=10,
    )


async def attempt(action: Callable[[], Awaitable[Any]], done: str, then: Reload) -> bool:
    """Run an admin action: its result or the API's error as a message, then reload."""
    try:
        await action()
    except ApiError as exc:
        show_message(exc.message)
        return False
    show_message(done)
    await then()
    return True


def reason_field(values: dict[str, Any], label: str = "Motivering (visas för personen)") -> ft.Control:
    return ft.TextField(
        label=label, multiline=True, min_lines=2, max_lines=5, max_length=2000, on_change=bind(values, "reason")
    )


def need_reason(values: dict[str, Any]) -> Callable[[], str]:
    return lambda: "" if str(values.get("reason", "")).strip() else "Skriv en motivering."


def card(controls: list[ft.Control]) -> ft.Control:
    return ft.Card(ft.Container(ft.Column(controls, spacing=theme.SPACE_XS), padding=theme.SPACE_M))


def muted(text: str) -> ft.Control:
    return ft.Text(text, size=theme.CAPTION, color=theme.MUTED)


def quoted(text: str) -> ft.Control:
    """Someone else's words (a motivation, a reported post), set apart from ours."""
    return ft.Container(
        ft.Text(text),
        padding=10,
        border_radius=theme.RADIUS_S,
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
    )


def filtered_list(choices: ft.Control, content: ft.Control) -> ft.Control:
    """A row of filters above the list they filter (the review queues)."""
    return ft.Column([choices, ft.Container(content, expand=True)], expand=True)
