"""Booking a time: the slot picker before "Köp" (readings, coaching, sessions), booking with a
package credit, and moving a booked session. "Mina bokningar" is in my_bookings.py."""

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import ask, call, navigate, order_status, remote_view, screen, scroll, show_message
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.features.bookings import actions
from wisdom_app.features.bookings.my_bookings import BookingsScreen
from wisdom_app.features.bookings.slot_picker import slot_picker, use_slots
from wisdom_app.features.checkout import actions as checkout
from wisdom_app.state import BOOKABLE_KINDS, AppState, Remote

__all__ = ["BookServiceScreen", "BookingsScreen", "RescheduleScreen"]


@ft.component
def BookServiceScreen() -> ft.Control:
    """Pick a time for a reading, coaching or session, then buy it (or use a credit)."""
    state = use_app()
    service_id = ft.use_route_params()["service_id"]
    info, _ = ft.use_state(Remote)
    chosen, set_chosen = ft.use_state(None)
    busy, set_busy = ft.use_state(False)

    async def load() -> None:
        await info.load(lambda: actions.load_service_for_booking(state, service_id))

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
        if exc.code in actions.SLOT_GONE_CODES:
            set_chosen(None)
            await reload_slots()

    async def buy() -> None:
        if service is None:
            return
        set_busy(True)
        try:
            await actions.buy_time(state, service, chosen["start_utc"] if takes_times and chosen else None)
            set_bought(chosen if takes_times else None)
        except ApiError as exc:
            await taken_meanwhile(exc)
        finally:
            set_busy(False)

    async def book_with_credit() -> None:
        if service is None or chosen is None:
            return
        set_busy(True)
        try:
            await actions.book_with_credit(state, service_id, chosen)
        except ApiError as exc:
            await taken_meanwhile(exc)
            return
        finally:
            set_busy(False)
        navigate("/bookings")

    def render(data: Json) -> ft.Control:
        svc = data["service"]
        price = fmt.money(svc.get("price_cents"), svc.get("currency", "SEK"))
        controls: list[ft.Control] = [
            ft.Text(_service_facts(svc, price), color=theme.MUTED),
            ft.Text(svc.get("description", ""), visible=bool(svc.get("description"))),
        ]
        pending = order is not None and order.get("status") == "pending"
        if takes_times:
            controls += [
                ft.Text("Välj en tid", theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
                slot_picker(slots, first_day, set_first_day, (chosen or {}).get("start_utc"), set_chosen, reload_slots),
                ft.Text(
                    f"Vald tid: {fmt.when(chosen['start'])}" if chosen else "Ingen tid vald än.",
                    weight=ft.FontWeight.W_600 if chosen else None,
                ),
            ]
        elif bookable and slots.loaded:
            controls.append(ft.Text("Läraren bokar inte tider i appen: ni bestämmer tiden i meddelanden efter köpet."))
        buttons: list[ft.Control] = [
            ft.FilledButton(
                f"Köp ({price})" if not takes_times else "Köp",
                icon=ft.Icons.SHOPPING_CART_OUTLINED,
                on_click=buy,
                disabled=busy or pending or (takes_times and chosen is None) or (bookable and not slots.loaded),
            )
        ]
        if takes_times and data.get("credits"):
            buttons.append(
                ft.FilledTonalButton(
                    f"Boka med klipp ({data['credits']} kvar)",
                    icon=ft.Icons.CONFIRMATION_NUMBER_OUTLINED,
                    on_click=book_with_credit,
                    disabled=busy or chosen is None,
                )
            )
        controls.append(ft.Row(buttons, wrap=True))
        if order is not None:
            controls += _order_outcome(state, order, bought)
        return scroll(controls)

    return screen(
        (service or {}).get("title", "Boka tid"),
        remote_view(info, render, empty_text="Tjänsten finns inte.", on_retry=load),
        back="/",
    )


def _service_facts(service: Json, price: str) -> str:
    """One line: teacher · kind · length · where · price (the parts that are known)."""
    parts = (
        service.get("teacher_name", ""),
        fmt.SERVICE_KINDS.get(service.get("kind", ""), ""),
        fmt.minutes(service.get("duration_minutes")),
        fmt.DELIVERY.get(service.get("delivery", ""), ""),
        price,
    )
    return " · ".join(p for p in parts if p)


def _order_outcome(state: AppState, order: Json, bought: Json | None) -> list[ft.Control]:
    """The order placed here; once paid, the time booked and the way to "Mina bokningar"."""
    controls: list[ft.Control] = [order_status(order, call(checkout.refresh_order, state, str(order["id"])))]
    if order.get("status") in ("paid", "fulfilled"):
        if bought is not None:
            controls.append(ft.Text(f"Din tid är bokad: {fmt.when(bought['start'])}.", weight=ft.FontWeight.W_600))
        controls.append(
            ft.TextButton("Mina bokningar", icon=ft.Icons.EVENT_AVAILABLE, on_click=lambda: navigate("/bookings"))
        )
    return controls


@ft.component
def RescheduleScreen() -> ft.Control:
    """Move a booked session to another free time of the same service."""
    state = use_app()
    booking_id = ft.use_route_params()["booking_id"]
    booking, _ = ft.use_state(Remote)
    chosen, set_chosen = ft.use_state(None)
    busy, set_busy = ft.use_state(False)

    async def load() -> None:
        await booking.load(lambda: actions.load_booking(state, booking_id))

    ft.use_effect(load, [booking_id])
    current: Json | None = booking.value
    service = {"id": current["service_id"], "teacher_id": current["teacher"]["id"]} if current else None
    slots, first_day, set_first_day, reload_slots = use_slots(state, service)

    async def move() -> None:
        if chosen is None:
            return
        set_busy(True)
        try:
            moved = await actions.reschedule(state, booking_id, chosen)
            if not moved:
                set_chosen(None)
                await reload_slots()
        finally:
            set_busy(False)
        if moved:
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
