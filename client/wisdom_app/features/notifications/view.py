"""Notiser: what happened that concerns the person, newest first."""

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.api import Json
from wisdom_app.components import remote_view, screen
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

    ft.use_effect(load, [])

    def render(items: list[Json]) -> ft.Control:
        return ft.ListView(
            [
                ft.ListTile(
                    leading=ft.Icon(
                        ft.Icons.CIRCLE,
                        size=10,
                        color=ft.Colors.PRIMARY if not n.get("read_at") else ft.Colors.TRANSPARENT,
                    ),
                    title=ft.Text(
                        n.get("title", ""),
                        weight=ft.FontWeight.W_600 if not n.get("read_at") else None,
                    ),
                    subtitle=ft.Text(f"{n.get('body', '')}\n{fmt.when(n.get('created_at'))}"),
                    is_three_line=True,
                )
                for n in items
            ],
            expand=True,
        )

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
        actions=[ft.TextButton("Markera alla som lästa", on_click=mark_all)],
    )
