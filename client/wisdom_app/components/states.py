"""Loading, empty and error states, and the view of something fetched from the API."""

from collections.abc import Callable
from typing import Any

import flet as ft

from wisdom_app import theme
from wisdom_app.state import Remote


def loading_state(text: str = "Laddar …") -> ft.Control:
    return ft.Container(
        ft.Column(
            [
                ft.ProgressRing(width=28, height=28),
                ft.Text(text, color=theme.MUTED),
            ],
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            tight=True,
        ),
        padding=theme.SPACE_XL,
        alignment=ft.Alignment.CENTER,
    )


def empty_state(
    text: str,
    icon: ft.IconData = ft.Icons.INBOX_OUTLINED,
    action: ft.Control | None = None,
) -> ft.Control:
    controls: list[ft.Control] = [
        ft.Icon(icon, size=36, color=ft.Colors.OUTLINE),
        ft.Text(text, text_align=ft.TextAlign.CENTER, color=theme.MUTED),
    ]
    if action is not None:
        controls.append(action)
    return ft.Container(
        ft.Column(controls, horizontal_alignment=ft.CrossAxisAlignment.CENTER, tight=True),
        padding=theme.SPACE_XL,
        alignment=ft.Alignment.CENTER,
    )


def error_state(message: str, on_retry: Callable[[], Any] | None = None) -> ft.Control:
    controls: list[ft.Control] = [
        ft.Icon(ft.Icons.CLOUD_OFF, size=36, color=ft.Colors.ERROR),
        ft.Text(message, text_align=ft.TextAlign.CENTER, color=ft.Colors.ERROR),
    ]
    if on_retry is not None:
        controls.append(ft.OutlinedButton("Försök igen", icon=ft.Icons.REFRESH, on_click=on_retry))
    return ft.Container(
        ft.Column(controls, horizontal_alignment=ft.CrossAxisAlignment.CENTER, tight=True),
        padding=theme.SPACE_XL,
        alignment=ft.Alignment.CENTER,
    )


def remote_view(
    remote: Remote,
    render: Callable[[Any], ft.Control],
    *,
    empty_text: str,
    on_retry: Callable[[], Any],
    loading_text: str = "Laddar …",
    empty_icon: ft.IconData = ft.Icons.INBOX_OUTLINED,
    empty_action: ft.Control | None = None,
) -> ft.Control:
    """The loading, error, empty or loaded state of something fetched from the API. When a
    refresh fails, what was loaded before stays, under a line that says so."""
    nothing = remote.value is None or (isinstance(remote.value, list) and not remote.value)
    if remote.error and (not remote.loaded or nothing):
        return error_state(remote.error, on_retry)
    if remote.error:
        return ft.Column(
            [stale_notice(remote.error, on_retry), ft.Container(render(remote.value), expand=True)],
            expand=True,
            spacing=6,
        )
    if not remote.loaded:
        return loading_state(loading_text)
    if remote.is_empty:
        return empty_state(empty_text, empty_icon, empty_action)
    return render(remote.value)


def stale_notice(message: str, on_retry: Callable[[], Any]) -> ft.Control:
    """Above a list that could not be refreshed: why, and a way to try again."""
    return ft.Container(
        ft.Row(
            [
                ft.Icon(ft.Icons.CLOUD_OFF, size=18, color=ft.Colors.ON_ERROR_CONTAINER),
                ft.Text(
                    f"Kunde inte uppdatera: {message}",
                    size=theme.CAPTION,
                    color=ft.Colors.ON_ERROR_CONTAINER,
                    expand=True,
                ),
                ft.TextButton("Försök igen", on_click=on_retry),
            ]
        ),
        bgcolor=ft.Colors.ERROR_CONTAINER,
        border_radius=theme.RADIUS_S,
        padding=ft.Padding.symmetric(horizontal=10, vertical=2),
    )
