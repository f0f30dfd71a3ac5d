"""Seminars: the list, one seminar with the caller's seat, taking a seat (free registration or
buying one) and joining the room: the web site's seminar room page with a fresh SFU token,
inside the app where a web view can hold it, else in the browser."""

import flet as ft

from wisdom_app import texts
from wisdom_app.api import Json
from wisdom_app.components import navigate, show_message
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


# Where the room (the web site's page, camera and microphone through WebRTC) can open inside
# the app: WKWebView on iOS and macOS asks for the camera and microphone itself. Android's web
# view as Flet embeds it answers no page's request for them, and Windows and Linux have no web
# view in Flet, so there (and in a browser, in a new tab) the room opens in the browser.
IN_APP_ROOM_PLATFORMS = frozenset({ft.PagePlatform.IOS, ft.PagePlatform.MACOS})


def room_opens_in_app(platform: ft.PagePlatform | None, web: bool) -> bool:
    return not web and platform in IN_APP_ROOM_PLATFORMS


async def room_link(state: AppState, seminar_id: str) -> str | None:
    """The room page's address with a token fresh for this visit; None (and the person is
    told why, e.g. the room is not open yet) when there is none."""
    try:
        token = await state.api.seminar_token(seminar_id)
    except ApiError as exc:
        show_message(exc.message)
        return None
    return str(token["room_page_url"])


async def join_room(state: AppState, seminar_id: str) -> None:
    """Into the seminar room: inside the app where a web view can hold it, else the browser."""
    link = await room_link(state, seminar_id)
    if link is None:
        return
    page = ft.context.page
    if room_opens_in_app(page.platform, page.web):
        state.room_links[seminar_id] = link
        navigate(f"/seminars/{seminar_id}/room")
    else:
        await state.open_url(link)


async def open_room_in_browser(state: AppState, seminar_id: str) -> None:
    link = state.room_links.pop(seminar_id, None) or await room_link(state, seminar_id)
    if link is not None:
        await state.open_url(link)
