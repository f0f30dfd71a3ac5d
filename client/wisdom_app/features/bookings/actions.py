"""Booking a time and looking after booked ones: the service with the credits that can book it,
buying a time or booking it with a credit, "Mina bokningar", cancelling and moving a booking.

Buying itself (the order, its checkout page, following it) and the free times live in
features/checkout/actions.py; these functions build on them."""

from datetime import UTC, datetime

from wisdom_app import texts
from wisdom_app.api import Json
from wisdom_app.components import show_message
from wisdom_app.errors import ApiError
from wisdom_app.features.checkout import actions as checkout
from wisdom_app.state import BOOKABLE_KINDS, AppState

# Errors after which the chosen time is gone (taken, or out of the bookable window):
# the picker unselects it and reads the free times again.
SLOT_GONE_CODES = ("slot_taken", "slot_unavailable", "slot_too_soon", "slot_too_far")


async def load_service_for_booking(state: AppState, service_id: str) -> Json:
    """The service and the caller's credits that can book it."""
    service = await state.api.service(service_id)
    credits = await checkout.usable_credits_for(state, service) if service.get("kind") in BOOKABLE_KINDS else 0
    return {"service": service, "credits": credits}


async def buy_time(state: AppState, service: Json, slot_start: str | None) -> None:
    """Order the service (for the chosen time, if it takes times) and open its checkout page.
    Raises ApiError (Swedish message) when the order could not be placed."""
    placed = await checkout.buy_service(state, service, slot_start)
    show_message(texts.pay_in_browser(placed))


async def book_with_credit(state: AppState, service_id: str, slot: Json) -> None:
    """Book the chosen time with a package credit (no payment). Raises ApiError (Swedish
    message) when the time could not be booked."""
    await state.api.book_with_credit(service_id, slot["start_utc"])
    show_message(texts.booked_with_credit(slot["start"]))


async def load_booking(state: AppState, booking_id: str) -> Json:
    return await state.api.booking(booking_id)


async def reschedule(state: AppState, booking_id: str, slot: Json) -> bool:
    """Move the booking to the chosen time; False (and the reason on screen) when it did not work."""
    try:
        await state.api.reschedule_booking(booking_id, slot["start_utc"])
    except ApiError as exc:
        show_message(exc.message)
        return False
    show_message(texts.booking_moved(slot["start"]))
    return True


async def load_bookings(state: AppState, as_teacher: bool, upcoming_only: bool) -> Json:
    """The caller's bookings as student or teacher. "from" keeps sessions starting from now
    on; without it the whole history comes, oldest first."""
    since = {"from": datetime.now(UTC).isoformat()} if upcoming_only else {}
    return await state.api.bookings(role="teacher" if as_teacher else "student", **since)


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


async def cancel_booking(state: AppState, booking_id: str) -> bool:
    """Cancel the booking; False (and the reason on screen) when it did not work."""
    try:
        done = await state.api.cancel_booking(booking_id)
    except ApiError as exc:
        show_message(exc.message)
        return False
    show_message(texts.BOOKING_CANCELED + (" " + texts.REFUND_ON_ITS_WAY if done.get("refunded") else ""))
    return True
