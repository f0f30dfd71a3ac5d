"""Seminars: the upcoming ones, registering (free) or buying (paid), and "Gå med", which opens
the web site's seminar room page."""

from datetime import UTC, datetime

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import icon_button, remote_view, section_title, with_thumbnail
from wisdom_app.context import use_app
from wisdom_app.features.covers.actions import cover_link
from wisdom_app.features.seminars import actions
from wisdom_app.features.teachers.links import teacher_link
from wisdom_app.state import Remote

__all__ = ["SeminarCard", "SeminarsScreen"]


@ft.component
def SeminarsScreen() -> ft.Control:
    state = use_app()
    seminars, _ = ft.use_state(Remote)

    async def load() -> None:
        await seminars.load(lambda: actions.load_seminars(state))

    ft.use_effect(load, [])

    def render(items: list[Json]) -> ft.Control:
        return ft.ListView([SeminarCard(s) for s in items], spacing=theme.SPACE_S, expand=True)

    return ft.Column(
        [
            section_title(
                "Seminarier",
                icon_button(ft.Icons.REFRESH, "Uppdatera seminarier", on_click=load),
            ),
            ft.Container(
                remote_view(
                    seminars,
                    render,
                    empty_text="Inga seminarier är planerade just nu.",
                    empty_icon=ft.Icons.EVENT_OUTLINED,
                    on_retry=load,
                ),
                expand=True,
            ),
        ],
        expand=True,
    )


@ft.component
def SeminarCard(seminar: Json) -> ft.Control:
    """A seminar; its viewer state (seated, host) is read when the card is shown."""
    state = use_app()
    detail, _ = ft.use_state(Remote)
    busy, set_busy = ft.use_state(False)
    seminar_id = str(seminar["id"])

    async def load() -> None:
        await detail.load(lambda: actions.load_seminar(state, seminar_id))

    ft.use_effect(load, [seminar_id])
    info: Json = detail.value or seminar
    viewer = info.get("viewer") or {}
    order = actions.latest_order(state, seminar_id)
    order_status = (order or {}).get("status")

    async def reload_when_settled() -> None:
        """Paid (a seat) or canceled (a seat free again): the card reads the seminar anew."""
        if order_status in ("paid", "fulfilled", "canceled"):
            await load()

    ft.use_effect(reload_when_settled, [order_status])

    async def register() -> None:
        set_busy(True)
        try:
            if await actions.take_seat(state, info):
                await load()
        finally:
            set_busy(False)

    async def join() -> None:
        set_busy(True)
        try:
            await actions.join_room(state, seminar_id)
        finally:
            set_busy(False)

    buttons: list[ft.Control] = []
    if viewer.get("seated") or viewer.get("is_host"):
        buttons.append(ft.FilledButton("Gå med", icon=ft.Icons.VIDEOCAM_OUTLINED, on_click=join, disabled=busy))
        if viewer.get("seated"):
            buttons.append(ft.Text("Du är anmäld", color=theme.ACCENT))
        opens = room_opens_text(info)
        if opens:
            buttons.append(ft.Text(opens, size=theme.CAPTION, color=theme.MUTED))
    elif info.get("status") in ("scheduled", "live"):
        label = "Anmäl dig" if info.get("is_free") else f"Köp plats ({fmt.money(info.get('price_cents'))})"
        full = int(info.get("seats_left", 1)) <= 0
        buttons.append(
            ft.FilledButton(
                "Fullbokat" if full else label,
                on_click=register,
                disabled=busy or full or order_status == "pending",
            )
        )
    if order is not None:
        buttons.append(
            ft.Text(
                f"Order {order.get('order_number')}: {fmt.ORDER_STATUS.get(order_status or '', '')}", size=theme.CAPTION
            )
        )
        # Paid, but the seat is not shown yet: a way to read the seminar again by hand.
        if order_status in ("paid", "fulfilled") and not viewer.get("seated"):
            buttons.append(ft.TextButton("Uppdatera", on_click=load))
    return _card(info, buttons, cover_link(state, info.get("cover_media_id")))


def room_opens_text(info: Json, now: datetime | None = None) -> str:
    """When "Gå med" lets the person in, while that is still ahead: "Rummet öppnar 15 min
    före start, kl 18:45" (empty once the room is open, or when the API does not say)."""
    opens, starts = fmt.parse_time(info.get("room_opens_at")), fmt.parse_time(info.get("starts_at"))
    if opens is None or starts is None or (now or datetime.now(UTC)) >= opens:
        return ""
    early = int((starts - opens).total_seconds() // 60)
    return f"Rummet öppnar {early} min före start, kl {fmt.clock(opens)}"


def _card(info: Json, buttons: list[ft.Control], cover_url: str | None = None) -> ft.Control:
    """The seminar's title, time, host, description, seats and price, above its buttons."""
    price = "Gratis" if info.get("is_free") else fmt.money(info.get("price_cents"))
    seats = fmt.count(info.get("seats_left"), "plats", "platser")
    return ft.Card(
        ft.Container(
            ft.Column(
                [
                    with_thumbnail(ft.Text(info.get("title", ""), weight=ft.FontWeight.W_600), cover_url),
                    ft.Row(
                        [
                            ft.Text(
                                f"{fmt.when(info.get('starts_at'))} · {fmt.minutes(info.get('duration_minutes'))} ·",
                                size=theme.CAPTION,
                                color=theme.MUTED,
                            ),
                            teacher_link(info.get("host_display_name", ""), info.get("host_id")),
                        ],
                        wrap=True,
                        spacing=theme.SPACE_XS,
                        vertical_alignment=ft.CrossAxisAlignment.CENTER,
                    ),
                    ft.Text(info.get("description", ""), max_lines=3, overflow=ft.TextOverflow.ELLIPSIS),
                    ft.Text(
                        f"{fmt.STATUS_LABELS.get(info.get('status', ''), '')} · {seats} kvar · {price}",
                        size=theme.CAPTION,
                    ),
                    ft.Row(buttons, wrap=True),
                ],
                spacing=6,
            ),
            padding=theme.SPACE_M,
        )
    )
