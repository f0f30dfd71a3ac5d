"""The bell in the top bar: opens Notiser and shows how many are unread."""

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.components import count_pill, icon_button, navigate
from wisdom_app.context import use_app
from wisdom_app.features.notifications import actions

MAX_SHOWN = 99  # "99" on the bell for more than that: the pill stays small


def top_icon(icon: ft.IconData, active_icon: ft.IconData, label: str, route: str) -> ft.Control:
    """An icon button of the top bar; filled and tinted while its page is open (that page has no
    place of its own in the navigation)."""
    active = ft.is_route_active(route)

    def go() -> None:
        navigate(route)

    return icon_button(
        active_icon if active else icon,
        label,
        on_click=go,
        icon_color=ft.Colors.PRIMARY if active else None,
        style=ft.ButtonStyle(bgcolor=ft.Colors.SECONDARY_CONTAINER) if active else None,
    )


def unread_label(count: int) -> str:
    return f"{fmt.count(count, 'oläst notis', 'olästa notiser')}"


@ft.component
def NotificationBell() -> ft.Control:
    """The bell, with the unread count read when the signed-in frame opens (the stream, the
    notifications screen and marking read keep it current)."""
    state = use_app()

    async def refresh() -> None:
        await actions.refresh_unread_count(state)

    ft.use_effect(refresh, [])
    count = state.unread_notifications
    bell = top_icon(ft.Icons.NOTIFICATIONS_OUTLINED, ft.Icons.NOTIFICATIONS, "Notiser", "/notifications")
    if not count:
        return bell
    pill = ft.Container(
        count_pill(min(count, MAX_SHOWN), unread_label(count)),
        right=0,
        top=2,
        ignore_interactions=True,  # a tap on the number opens Notiser like the bell
    )
    return ft.Stack([bell, pill])
