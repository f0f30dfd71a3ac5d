"""Booking a time: the slot picker before "Köp" (readings, coaching, sessions), booking with a
package credit, and "Mina bokningar" (cancel, reschedule, credits left).

Times come from GET /teachers/{id}/slots and are shown in Stockholm time; what is sent back is
the slot's own UTC start, so the app never builds a time itself."""

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.api import Json
from wisdom_app.components import (
    ask,
    call,
    choice_row,
    empty_state,
    icon_button,
    navigate,
    remote_view,
    screen,
    scroll,
    show_message,
)
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.features.checkout import actions as checkout
from wisdom_app.screens.home import order_status
from wisdom_app.state import BOOKABLE_KINDS, SLOT_DAYS, AppState, Remote

# A slot's start as the API gave it (UTC): what orders, credit bookings and moves send.
SlotStart = str


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
    last_day = first_day + timedelta(days=SLOT_DAYS - 1)
    pager = ft.Row(
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

    def render(data: Json) -> ft.Control:
        by_day: dict[date, list[Json]] = {}
        for slot in data.get("slots", []):
            local = fmt.local_date(slot.get("start"))
            if local is not None:
                by_day.setdefault(local, []).append(slot)
        if not by_day:
            return empty_state(
                "Inga lediga tider de här veckorna. Bläddra vidare.",
                ft.Icons.EVENT_BUSY_OUTLINED,
            )
        rows: list[ft.Control] = []
        for local, day_slots in sorted(by_day.items()):
            rows.append(ft.Text(fmt.weekday_date(local).capitalize(), weight=ft.FontWeight.W_600))
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
                    spacing=6,
                    run_spacing=6,
                )
            )
        return ft.Column(rows, spacing=6)

    return ft.Column(
        [
            pager,
            ft.Text("Tider i svensk tid (Stockholm).", size=12, color=ft.Colors.ON_SURFACE_VARIANT),
            remote_view(slots, render, empty_text="Inga lediga tider.", on_retry=reload, loading_text="Hämtar tider …"),
        ],
        spacing=8,
    )


async def load_service_for_booking(state: AppState, service_id: str) -> Json:
    """The service and the caller's credits that can book it."""
    service = await state.api.service(service_id)
    credits = await checkout.usable_credits_for(state, service) if service.get("kind") in BOOKABLE_KINDS else 0
    return {"service": service, "credits": credits}


@ft.component
def BookServiceScreen() -> ft.Control:
    """Pick a time for a reading, coaching or session, then buy it (or use a credit)."""
    state = use_app()
    service_id = ft.use_route_params()["service_id"]
    info, _ = ft.use_state(Remote)
    chosen, set_chosen = ft.use_state(None)
    busy, set_busy = ft.use_state(False)

    async def load() -> None:
        await info.load(lambda: load_service_for_booking(state, service_id))

    ft.use_effect(load, [service_id])
    service: Json | None = (info.value or {}).get("service")
    bookable = bool(service and service.get("kind") in BOOKABLE_KINDS)
    slots, first_day, set_first_day, reload_slots = use_slots(state, service if bookable else None)
    order = state.order_for_service(service_id)
    slot_list: Json = slots.value or {}
    takes_times = bookable and bool(slot_list.get("accepts_bookings", True))
    # The time bought on this visit: shown as booked once the order is paid.
    bought, set_bought = ft.use_state(None)
    order_status_now = (order or {}).get("status")

    async def settle_when_paid() -> None:
        """Paid: the time is no longer free, so it is unselected and the times read again."""
        if order_status_now in ("paid", "fulfilled") and chosen is not None:
            set_chosen(None)
            await reload_slots()

    ft.use_effect(settle_when_paid, [order_status_now])

    async def taken_meanwhile(exc: ApiError) -> None:
        show_message(exc.message)
        if exc.code in ("slot_taken", "slot_unavailable", "slot_too_soon", "slot_too_far"):
            set_chosen(None)
            await reload_slots()

    async def buy() -> None:
        if service is None:
            return
        set_busy(True)
        try:
            placed = await checkout.buy_service(state, service, chosen["start_utc"] if takes_times and chosen else None)
            set_bought(chosen if takes_times else None)
            show_message(f"Order {placed.get('order_number')}: betala i webbläsaren.")
        except ApiError as exc:
            await taken_meanwhile(exc)
        finally:
            set_busy(False)

    async def book_with_credit() -> None:
        if service is None or chosen is None:
            return
        set_busy(True)
        try:
            await state.api.book_with_credit(service_id, chosen["start_utc"])
        except ApiError as exc:
            await taken_meanwhile(exc)
            return
        finally:
            set_busy(False)
        show_message(f"Bokat {fmt.when(chosen['start'])} med ett klipp.")
        navigate("/bookings")

    def render(data: Json) -> ft.Control:
        svc = data["service"]
        price = fmt.money(svc.get("price_cents"), svc.get("currency", "SEK"))
        controls: list[ft.Control] = [
            ft.Text(
                " · ".join(
                    p
                    for p in (
                        svc.get("teacher_name", ""),
                        fmt.SERVICE_KINDS.get(svc.get("kind", ""), ""),
                        fmt.minutes(svc.get("duration_minutes")),
                        fmt.DELIVERY.get(svc.get("delivery", ""), ""),
                        price,
                    )
                    if p
                ),
                color=ft.Colors.ON_SURFACE_VARIANT,
            ),
            ft.Text(svc.get("description", ""), visible=bool(svc.get("description"))),
        ]
        pending = order is not None and order.get("status") == "pending"
        if takes_times:
            controls.append(ft.Text("Välj en tid", theme_style=ft.TextThemeStyle.TITLE_MEDIUM))
            controls.append(
                slot_picker(slots, first_day, set_first_day, (chosen or {}).get("start_utc"), set_chosen, reload_slots)
            )
            controls.append(
                ft.Text(
                    f"Vald tid: {fmt.when(chosen['start'])}" if chosen else "Ingen tid vald än.",
                    weight=ft.FontWeight.W_600 if chosen else None,
                )
            )
        elif bookable and slots.loaded:
            controls.append(ft.Text("Läraren bokar inte tider i appen: ni bestämmer tiden i meddelanden efter köpet."))
        actions: list[ft.Control] = [
            ft.FilledButton(
                f"Köp ({price})" if not takes_times else "Köp",
                icon=ft.Icons.SHOPPING_CART_OUTLINED,
                on_click=buy,
                disabled=busy or pending or (takes_times and chosen is None) or (bookable and not slots.loaded),
            )
        ]
        if takes_times and data.get("credits"):
            actions.append(
                ft.FilledTonalButton(
                    f"Boka med klipp ({data['credits']} kvar)",
                    icon=ft.Icons.CONFIRMATION_NUMBER_OUTLINED,
                    on_click=book_with_credit,
                    disabled=busy or chosen is None,
                )
            )
        controls.append(ft.Row(actions, wrap=True))
        if order is not None:
            controls.append(order_status(state, order))
            if order.get("status") in ("paid", "fulfilled"):
                if bought is not None:
                    controls.append(
                        ft.Text(f"Din tid är bokad: {fmt.when(bought['start'])}.", weight=ft.FontWeight.W_600)
                    )
                controls.append(
                    ft.TextButton(
                        "Mina bokningar", icon=ft.Icons.EVENT_AVAILABLE, on_click=lambda: navigate("/bookings")
                    )
                )
        return scroll(controls)

    return screen(
        (service or {}).get("title", "Boka tid"),
        remote_view(info, render, empty_text="Tjänsten finns inte.", on_retry=load),
        back="/",
    )


@ft.component
def RescheduleScreen() -> ft.Control:
    """Move a booked session to another free time of the same service."""
    state = use_app()
    booking_id = ft.use_route_params()["booking_id"]
    booking, _ = ft.use_state(Remote)
    chosen, set_chosen = ft.use_state(None)
    busy, set_busy = ft.use_state(False)

    async def load() -> None:
        await booking.load(lambda: state.api.booking(booking_id))

    ft.use_effect(load, [booking_id])
    current: Json | None = booking.value
    service = {"id": current["service_id"], "teacher_id": current["teacher"]["id"]} if current else None
    slots, first_day, set_first_day, reload_slots = use_slots(state, service)

    async def move() -> None:
        if chosen is None:
            return
        set_busy(True)
        try:
            await state.api.reschedule_booking(booking_id, chosen["start_utc"])
        except ApiError as exc:
            show_message(exc.message)
            set_chosen(None)
            await reload_slots()
            return
        finally:
            set_busy(False)
        show_message(f"Bokningen är flyttad till {fmt.when(chosen['start'])}.")
        navigate("/bookings")

    def confirm_move() -> None:
        if current is None or chosen is None:
            return
        ask(
            "Boka om?",
            f"{current.get('title', '')} flyttas från {fmt.when(current.get('starts_at'))} till {fmt.when(chosen['start'])}.",
            "Boka om",
            move,
        )

    def render(data: Json) -> ft.Control:
        return scroll(
            [
                ft.Text(f"Nu: {fmt.when(data.get('starts_at'))} med {data['teacher'].get('display_name', '')}"),
                ft.Text("Välj en ny tid", theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
                slot_picker(slots, first_day, set_first_day, (chosen or {}).get("start_utc"), set_chosen, reload_slots),
                ft.Text(f"Ny tid: {fmt.when(chosen['start'])}" if chosen else "Ingen ny tid vald än."),
                ft.FilledButton(
                    "Boka om", icon=ft.Icons.EVENT_REPEAT, on_click=confirm_move, disabled=busy or chosen is None
                ),
            ]
        )

    return screen(
        f"Boka om: {(current or {}).get('title', '')}",
        remote_view(booking, render, empty_text="Bokningen finns inte.", on_retry=load),
        back="/bookings",
    )


async def load_credits(state: AppState) -> list[Json]:
    """The caller's usable packages, each with the teacher's services a credit can book."""
    credits = await state.api.credits()
    packages: list[Json] = []
    for package in credits.get("items", []):
        teacher_id = str((package.get("teacher") or {}).get("id"))
        offered = await state.api.page("/services", teacher_id=teacher_id, limit=100)
        bookable = [
            s
            for s in offered.get("items", [])
            if s.get("kind") in BOOKABLE_KINDS
            and int(s.get("duration_minutes") or 0) <= int(package.get("session_minutes") or 0)
        ]
        packages.append({**package, "services": bookable})
    return packages


def _booking_card(state: AppState, b: Json, as_teacher: bool, cancel: Callable[[Json], None]) -> ft.Control:
    now = datetime.now(fmt.STOCKHOLM)
    starts = fmt.parse_time(b.get("starts_at"))
    upcoming = b.get("status") == "booked" and starts is not None and starts > now
    free_until = fmt.parse_time(b.get("free_cancellation_until"))
    free_now = free_until is not None and now < free_until
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
        ft.Text(" · ".join(facts), size=12, color=ft.Colors.ON_SURFACE_VARIANT),
    ]
    if b.get("location"):
        controls.append(ft.Text(f"Plats: {b['location']}", size=12))
    actions: list[ft.Control] = []
    if upcoming and b.get("meeting_url"):
        actions.append(
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
                    size=12,
                )
            )
        if as_teacher or free_now:
            actions.append(
                ft.OutlinedButton(
                    "Boka om",
                    icon=ft.Icons.EVENT_REPEAT,
                    on_click=lambda: navigate(f"/bookings/{b['id']}/reschedule"),
                )
            )
        actions.append(ft.OutlinedButton("Avboka", icon=ft.Icons.EVENT_BUSY, on_click=lambda: cancel(b)))
    if actions:
        controls.append(ft.Row(actions, wrap=True))
    return ft.Card(ft.Container(ft.Column(controls, spacing=4), padding=12))


@ft.component
def BookingsScreen() -> ft.Control:
    """Mina bokningar: upcoming and past sessions (as student, or as teacher), and credits."""
    state = use_app()
    as_teacher, set_as_teacher = ft.use_state(False)
    upcoming_only, set_upcoming_only = ft.use_state(True)
    bookings, _ = ft.use_state(Remote)
    credits, _ = ft.use_state(Remote)

    async def load() -> None:
        # "from": sessions starting from now on; without it the whole history, oldest first.
        since = {"from": datetime.now(UTC).isoformat()} if upcoming_only else {}
        await bookings.load(lambda: state.api.bookings(role="teacher" if as_teacher else "student", **since))

    async def load_packages() -> None:
        await credits.load(lambda: load_credits(state))

    ft.use_effect(load, [as_teacher, upcoming_only])
    ft.use_effect(load_packages, [])

    def cancel(b: Json) -> None:
        free_until = fmt.parse_time(b.get("free_cancellation_until"))
        refund = as_teacher or (free_until is not None and datetime.now(fmt.STOCKHOLM) < free_until)
        paid_with = "klippet" if b.get("package_id") else "pengarna"
        consequence = (
            f"Eleven får tillbaka {paid_with}."
            if as_teacher
            else (f"Du får tillbaka {paid_with}." if refund else f"Du får inte tillbaka {paid_with}.")
        )

        async def confirmed() -> None:
            try:
                done = await state.api.cancel_booking(str(b["id"]))
            except ApiError as exc:
                show_message(exc.message)
                return
            show_message("Bokningen är avbokad." + (" Återbetalningen är på väg." if done.get("refunded") else ""))
            await load()
            await load_packages()

        ask(
            "Avboka?",
            f"{b.get('title', '')} {fmt.when(b.get('starts_at'))}. {consequence}",
            "Avboka",
            confirmed,
            destructive=True,
        )

    def render_bookings(items: list[Json]) -> ft.Control:
        return ft.Column([_booking_card(state, b, as_teacher, cancel) for b in items], spacing=8)

    def render_credits(items: list[Json]) -> ft.Control:
        rows: list[ft.Control] = []
        for p in items:
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
        return ft.Column(rows, spacing=4)

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
                render_credits,
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
