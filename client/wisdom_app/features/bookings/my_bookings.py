"""Mina bokningar: upcoming and past sessions (as student, or as teacher), cancelling and moving
them, opening the meeting link, and the package credits left to book with."""

from collections.abc import Callable
from datetime import datetime

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import ask, call, choice_row, icon_button, navigate, remote_view, screen, scroll
from wisdom_app.context import use_app
from wisdom_app.features.bookings import actions
from wisdom_app.state import AppState, Remote


@ft.component
def BookingsScreen() -> ft.Control:
    """Mina bokningar: upcoming and past sessions (as student, or as teacher), and credits."""
    state = use_app()
    as_teacher, set_as_teacher = ft.use_state(False)
    upcoming_only, set_upcoming_only = ft.use_state(True)
    bookings, _ = ft.use_state(Remote)
    credits, _ = ft.use_state(Remote)

    async def load() -> None:
        await bookings.load(lambda: actions.load_bookings(state, as_teacher, upcoming_only))

    async def load_packages() -> None:
        await credits.load(lambda: actions.load_credits(state))

    ft.use_effect(load, [as_teacher, upcoming_only])
    ft.use_effect(load_packages, [])

    def cancel(b: Json) -> None:
        async def confirmed() -> None:
            if await actions.cancel_booking(state, str(b["id"])):
                await load()
                await load_packages()

        ask(
            "Avboka?",
            f"{b.get('title', '')} {fmt.when(b.get('starts_at'))}. {_cancel_consequence(b, as_teacher)}",
            "Avboka",
            confirmed,
            destructive=True,
        )

    def render_bookings(items: list[Json]) -> ft.Control:
        return ft.Column([_booking_card(state, b, as_teacher, cancel) for b in items], spacing=theme.SPACE_S)

    controls: list[ft.Control] = []
    if state.is_teacher:
        controls.append(
            ft.Row(
                [
                    (ft.OutlinedButton if as_teacher else ft.FilledButton)(
                        "Som elev", on_click=lambda: set_as_teacher(False)
                    ),
                    (ft.FilledButton if as_teacher else ft.OutlinedButton)(
                        "Som lärare", on_click=lambda: set_as_teacher(True)
                    ),
                ]
            )
        )
    controls.append(choice_row([(True, "Kommande"), (False, "Alla")], upcoming_only, set_upcoming_only))
    controls.append(
        remote_view(
            bookings,
            render_bookings,
            empty_text="Inga bokningar än. Välj en tjänst under Tjänster och boka en tid.",
            empty_icon=ft.Icons.EVENT_AVAILABLE,
            on_retry=load,
        )
    )
    if not as_teacher:
        controls += [
            ft.Divider(),
            ft.Text("Mina klipp", theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600),
            remote_view(
                credits,
                _credits_list,
                empty_text="Inga klipp. Köp ett paket under Tjänster för att boka flera pass.",
                empty_icon=ft.Icons.CONFIRMATION_NUMBER_OUTLINED,
                on_retry=load_packages,
            ),
        ]
    return screen(
        "Mina bokningar",
        scroll(controls),
        actions=[icon_button(ft.Icons.REFRESH, "Uppdatera bokningar", on_click=load)],
    )


def _free_to_cancel(b: Json) -> bool:
    """Still before the booking's free cancellation deadline."""
    free_until = fmt.parse_time(b.get("free_cancellation_until"))
    return free_until is not None and datetime.now(fmt.STOCKHOLM) < free_until


def _cancel_consequence(b: Json, as_teacher: bool) -> str:
    """What cancelling means for the money (or the credit): a teacher always gives it back."""
    paid_with = "klippet" if b.get("package_id") else "pengarna"
    if as_teacher:
        return f"Eleven får tillbaka {paid_with}."
    return f"Du får tillbaka {paid_with}." if _free_to_cancel(b) else f"Du får inte tillbaka {paid_with}."


def _booking_card(state: AppState, b: Json, as_teacher: bool, cancel: Callable[[Json], None]) -> ft.Control:
    starts = fmt.parse_time(b.get("starts_at"))
    upcoming = b.get("status") == "booked" and starts is not None and starts > datetime.now(fmt.STOCKHOLM)
    free_now = _free_to_cancel(b)
    peer = (b.get("student") if as_teacher else b.get("teacher")) or {}
    facts = [
        fmt.BOOKING_STATUS.get(b.get("status", ""), b.get("status", "")),
        ("Elev: " if as_teacher else "Lärare: ") + peer.get("display_name", ""),
    ]
    if b.get("refunded"):
        facts.append("återbetald")
    controls: list[ft.Control] = [
        ft.Text(b.get("title", ""), weight=ft.FontWeight.W_600),
        ft.Text(f"{fmt.when(b.get('starts_at'))}–{fmt.clock(b.get('ends_at'))}"),
        ft.Text(" · ".join(facts), size=theme.CAPTION, color=theme.MUTED),
    ]
    if b.get("location"):
        controls.append(ft.Text(f"Plats: {b['location']}", size=theme.CAPTION))
    buttons: list[ft.Control] = []
    if upcoming and b.get("meeting_url"):
        buttons.append(
            ft.TextButton(
                "Öppna möteslänken",
                icon=ft.Icons.VIDEOCAM_OUTLINED,
                on_click=call(state.open_url, str(b["meeting_url"])),
            )
        )
    if upcoming:
        if not as_teacher:
            controls.append(
                ft.Text(
                    f"Fri avbokning till {fmt.when(b.get('free_cancellation_until'))}."
                    if free_now
                    else "Avbokar du nu får du inte tillbaka pengarna.",
                    size=theme.CAPTION,
                )
            )
        # A student may move a booking only while it could still be cancelled for free.
        if as_teacher or free_now:
            buttons.append(
                ft.OutlinedButton(
                    "Boka om",
                    icon=ft.Icons.EVENT_REPEAT,
                    on_click=lambda: navigate(f"/bookings/{b['id']}/reschedule"),
                )
            )
        buttons.append(ft.OutlinedButton("Avboka", icon=ft.Icons.EVENT_BUSY, on_click=lambda: cancel(b)))
    if buttons:
        controls.append(ft.Row(buttons, wrap=True))
    return ft.Card(ft.Container(ft.Column(controls, spacing=theme.SPACE_XS), padding=theme.SPACE_M))


def _credits_list(packages: list[Json]) -> ft.Control:
    """Each package with its credits left, then a button per service a credit can book."""
    rows: list[ft.Control] = []
    for p in packages:
        rows.append(
            ft.Text(
                f"{p.get('title', '')} · {(p.get('teacher') or {}).get('display_name', '')} · "
                f"{p.get('credits_left', 0)} av {p.get('credits_total', 0)} klipp kvar · "
                f"gäller till {fmt.day(p.get('expires_at'))}",
            )
        )
        rows.append(
            ft.Row(
                [
                    ft.TextButton(
                        f"Boka: {s.get('title', '')}",
                        icon=ft.Icons.EVENT,
                        on_click=lambda _, s=s: navigate(f"/services/{s['id']}/book"),
                    )
                    for s in p.get("services", [])
                ],
                wrap=True,
            )
        )
    return ft.Column(rows, spacing=theme.SPACE_XS)
