"""Notiser: what happened that concerns the person, newest first. A tap opens what the
notification is about and marks it read."""

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import call, navigate, remote_view, screen
from wisdom_app.context import use_app
from wisdom_app.features.notifications import actions
from wisdom_app.state import Remote


@ft.component
def NotificationsScreen() -> ft.Control:
    state = use_app()
    notifications, _ = ft.use_state(Remote)

    async def load() -> None:
        await actions.load_notifications(state, notifications)

    async def mark_all() -> None:
        await actions.mark_all_read(state, notifications)

    async def open_note(note: Json) -> None:
        route = await actions.open_notification(state, notifications, note)
        if route:
            navigate(route)

    ft.use_effect(load, [])

    def tile(note: Json) -> ft.Control:
        unread = not note.get("read_at")
        return ft.ListTile(
            leading=ft.Icon(
                ft.Icons.CIRCLE,
                size=10,
                color=ft.Colors.PRIMARY if unread else ft.Colors.TRANSPARENT,
            ),
            title=ft.Text(note.get("title", ""), weight=ft.FontWeight.W_600 if unread else None),
            subtitle=ft.Text(f"{note.get('body', '')}\n{fmt.when(note.get('created_at'))}"),
            trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT, color=theme.MUTED) if actions.leads_somewhere(note) else None,
            is_three_line=True,
            on_click=call(open_note, note),
        )

    def render(items: list[Json]) -> ft.Control:
        return ft.ListView([tile(n) for n in items], expand=True)

    return screen(
        "Notiser",
        remote_view(
            notifications,
            render,
            empty_text="Inga notiser.",
            empty_icon=ft.Icons.NOTIFICATIONS_NONE,
            on_retry=load,
        ),
        back="/profile",
        actions=[ft.TextButton("Markera alla som lästa", on_click=mark_all, disabled=not state.unread_notifications)],
    )
