"""The slot picker: a service's free times two weeks at a time, grouped by day.

Times come from GET /teachers/{id}/slots and are shown in Stockholm time; what is sent back is
the slot's own UTC start, so the app never builds a time itself."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import empty_state, icon_button, remote_view
from wisdom_app.features.checkout import actions as checkout
from wisdom_app.state import SLOT_DAYS, AppState, Remote

# A slot's start as the API gave it (UTC): what orders, credit bookings and moves send.
SlotStart = str
SLOT_SPACING = 6


def use_slots(state: AppState, service: Json | None) -> tuple[Remote, date, Callable[[date], None], Callable[[], Any]]:
    """The free times of a service, two weeks at a time from the first day shown."""
    first_day, set_first_day = ft.use_state(fmt.today)
    slots, _ = ft.use_state(Remote)
    service_key = str(service.get("id")) if service else ""

    async def load() -> None:
        if service is not None:
            await slots.load(lambda: checkout.service_slots(state, service, first_day))

    ft.use_effect(load, [service_key, first_day.isoformat()])
    return slots, first_day, set_first_day, load


def slot_picker(
    slots: Remote,
    first_day: date,
    set_first_day: Callable[[date], None],
    chosen: SlotStart | None,
    choose: Callable[[Json], None],
    reload: Callable[[], Any],
) -> ft.Control:
    """Two weeks of free times, grouped by day, with buttons to page between weeks."""
    return ft.Column(
        [
            _week_pager(first_day, set_first_day),
            ft.Text("Tider i svensk tid (Stockholm).", size=theme.CAPTION, color=theme.MUTED),
            remote_view(
                slots,
                lambda data: _times_by_day(data, chosen, choose),
                empty_text="Inga lediga tider.",
                on_retry=reload,
                loading_text="Hämtar tider …",
            ),
        ],
        spacing=theme.SPACE_S,
    )


def _week_pager(first_day: date, set_first_day: Callable[[date], None]) -> ft.Control:
    """The days shown, between buttons to the two weeks before (never before today) and after."""
    last_day = first_day + timedelta(days=SLOT_DAYS - 1)
    return ft.Row(
        [
            icon_button(
                ft.Icons.CHEVRON_LEFT,
                "Tidigare tider",
                disabled=first_day <= fmt.today(),
                on_click=lambda: set_first_day(max(fmt.today(), first_day - timedelta(days=SLOT_DAYS))),
            ),
            ft.Text(f"{fmt.weekday_date(first_day)} – {fmt.weekday_date(last_day)}", weight=ft.FontWeight.W_500),
            icon_button(
                ft.Icons.CHEVRON_RIGHT,
                "Senare tider",
                on_click=lambda: set_first_day(first_day + timedelta(days=SLOT_DAYS)),
            ),
        ],
        alignment=ft.MainAxisAlignment.CENTER,
    )


def _times_by_day(data: Json, chosen: SlotStart | None, choose: Callable[[Json], None]) -> ft.Control:
    """Each local day with free times, then a button per time; the chosen one is filled."""
    by_day: dict[date, list[Json]] = {}
    for slot in data.get("slots", []):
        local = fmt.local_date(slot.get("start"))
        if local is not None:
            by_day.setdefault(local, []).append(slot)
    if not by_day:
        return empty_state("Inga lediga tider de här veckorna. Bläddra vidare.", ft.Icons.EVENT_BUSY_OUTLINED)
    rows: list[ft.Control] = []
    for local, day_slots in sorted(by_day.items()):
        rows.append(ft.Text(fmt.weekday_date(local), weight=ft.FontWeight.W_600))
        rows.append(
            ft.Row(
                [
                    (ft.FilledButton if slot["start_utc"] == chosen else ft.OutlinedButton)(
                        fmt.clock(slot.get("start")),
                        on_click=lambda _, slot=slot: choose(slot),
                    )
                    for slot in day_slots
                ],
                wrap=True,
                spacing=SLOT_SPACING,
                run_spacing=SLOT_SPACING,
            )
        )
    return ft.Column(rows, spacing=SLOT_SPACING)
