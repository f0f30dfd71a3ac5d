"""The top bar's icons for pages without a place in the navigation, and the bell that shows how
many notifications are unread."""

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.components import count_pill, navigate
from wisdom_app.context import use_app
from wisdom_app.features.notifications import actions

MAX_SHOWN = 99  # "99" on the bell for more than that: the pill stays small


def top_icon(
    icon: ft.IconData, active_icon: ft.IconData, label: str, route: str, badge: ft.Control | None = None
) -> ft.Control:
    """An icon button of the top bar, filled and tinted while its page is open. Like
    components.icon_button its label is its tooltip and accessible name; a badge (the unread
    number) sits on the icon's corner inside the button, so a tap on it opens the page too."""
    active = ft.is_route_active(route)
    colour = ft.Colors.PRIMARY if active else None
    symbol: ft.Control = ft.Icon(active_icon if active else icon, semantics_label=label, color=colour)
    if badge is not None:
        symbol = ft.Stack(
            [symbol, ft.Container(badge, right=-12, top=-8)],
            clip_behavior=ft.ClipBehavior.NONE,
        )

    def go() -> None:
        navigate(route)

    return ft.IconButton(
        symbol,
        tooltip=label,
        on_click=go,
        style=ft.ButtonStyle(bgcolor=ft.Colors.SECONDARY_CONTAINER) if active else None,
    )


def unread_label(count: int) -> str:
    return fmt.count(count, "oläst notis", "olästa notiser")


@ft.component
def NotificationBell() -> ft.Control:
    """The bell, with the unread count read when the signed-in frame opens (the stream, the
    notifications screen and marking read keep it current)."""
    state = use_app()

    async def refresh() -> None:
        await actions.refresh_unread_count(state)

    ft.use_effect(refresh, [])
    count = state.unread_notifications
    badge = count_pill(min(count, MAX_SHOWN), unread_label(count)) if count else None
    return top_icon(ft.Icons.NOTIFICATIONS_OUTLINED, ft.Icons.NOTIFICATIONS, "Notiser", "/notifications", badge)
