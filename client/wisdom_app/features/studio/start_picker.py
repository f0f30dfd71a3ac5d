"""A start time picked, not typed: a date picker and a (24-hour) time picker, each opened from a
button that shows what was picked. The date is kept as "2026-12-03" and the time as "18:00",
read as Stockholm time by forms.parse_local."""

from collections.abc import Callable
from datetime import date, datetime, time

import flet as ft

from wisdom_app import formatting as fmt


def day_text(day: str) -> str:
    """ "2027-03-14" -> "sön 14 mars 2027" (empty when no date is picked)."""
    try:
        picked = date.fromisoformat(day)
    except ValueError:
        return ""
    return f"{fmt.weekday_date(picked)} {picked.year}"


def _picked_date(value: date | datetime | None) -> str | None:
    """The picker's date as "2027-03-14". Flutter sends the picked day at midnight: its date
    part is the day (no time zone applies to a day)."""
    if value is None:
        return None
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def _picked_time(value: time | None) -> str | None:
    return None if value is None else f"{value.hour:02d}:{value.minute:02d}"


def start_pickers(day: str, clock: str, set_day: Callable[[str], None], set_clock: Callable[[str], None]) -> ft.Control:
    """Two buttons, "Startdatum: …" and "Starttid: …", that open the pickers."""

    def open_date() -> None:
        today = fmt.today()
        try:
            shown = date.fromisoformat(day)
        except ValueError:
            shown = today

        def changed(e: ft.Event[ft.DatePicker]) -> None:
            picked = _picked_date(e.control.value)
            if picked:
                set_day(picked)

        ft.context.page.show_dialog(
            ft.DatePicker(
                value=datetime(shown.year, shown.month, shown.day),
                first_date=datetime(today.year, today.month, today.day),
                last_date=datetime(today.year + 3, 12, 31),
                help_text="Välj startdatum",
                on_change=changed,
            )
        )

    def open_time() -> None:
        try:
            shown = time.fromisoformat(clock)
        except ValueError:
            shown = time(18, 0)

        def changed(e: ft.Event[ft.TimePicker]) -> None:
            picked = _picked_time(e.control.value)
            if picked:
                set_clock(picked)

        ft.context.page.show_dialog(
            ft.TimePicker(
                value=shown,
                help_text="Välj starttid",
                hour_format=ft.TimePickerHourFormat.H24,
                on_change=changed,
            )
        )

    return ft.Row(
        [
            ft.OutlinedButton(
                f"Startdatum: {day_text(day) or 'välj'}",
                icon=ft.Icons.CALENDAR_MONTH_OUTLINED,
                on_click=open_date,
            ),
            ft.OutlinedButton(
                f"Starttid: {clock or 'välj'}",
                icon=ft.Icons.SCHEDULE_OUTLINED,
                on_click=open_time,
            ),
        ],
        wrap=True,
        spacing=8,
        run_spacing=8,
    )
