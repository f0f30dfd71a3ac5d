"""Seminars: the list, one seminar with the caller's seat, taking a seat (free registration or
buying one) and joining the room, which opens the web site's seminar room page with a fresh
SFU token."""

from wisdom_app import texts
from wisdom_app.api import Json
from wisdom_app.components import show_message
from wisdom_app.errors import ApiError
from wisdom_app.features.checkout import actions as checkout
from wisdom_app.state import AppState


async def load_seminars(state: AppState) -> Json:
    return await state.api.seminars()


async def load_seminar(state: AppState, seminar_id: str) -> Json:
    """The seminar with the caller's place in it (`viewer`: seated, host)."""
    return await state.api.seminar(seminar_id)


def latest_order(state: AppState, seminar_id: str) -> Json | None:
    """The newest order for a seat in the seminar (an earlier one may have been canceled)."""
    return next(
        (o for o in reversed(list(state.orders.values())) if str(o.get("seminar_id")) == seminar_id),
        None,
    )


async def take_seat(state: AppState, seminar: Json) -> bool:
    """Register for a free seminar, or order a seat and open its checkout page. False (and the
    reason on screen) when it did not work."""
    try:
        if seminar.get("is_free"):
            await state.api.register_seminar(str(seminar["id"]))
            show_message(texts.SEMINAR_SEATED)
        else:
            placed = await checkout.buy_seminar(state, seminar)
            show_message(texts.pay_in_browser(placed))
    except ApiError as exc:
        show_message(exc.message)
        return False
    return True


async def join_room(state: AppState, seminar_id: str) -> None:
    """Open the seminar room page in the browser (with a token fresh for this visit)."""
    try:
        token = await state.api.seminar_token(seminar_id)
        await state.open_url(str(token["room_page_url"]))
    except ApiError as exc:
        show_message(exc.message)
