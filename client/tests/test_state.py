"""AppState against the running API: session, HOME lists, buying, the live feed, sign-out."""

import asyncio
from datetime import UTC, datetime, timedelta

import flet as ft
import pytest

from tests.conftest import STUDENT
from tests.support.api_server import DEMO_PASSWORD, ApiServer
from tests.support.checkout import pay_on_checkout_page
from wisdom_app import formatting as fmt
from wisdom_app.api import ApiClient
from wisdom_app.components import remote_view
from wisdom_app.errors import ApiError
from wisdom_app.features.auth import actions as session
from wisdom_app.features.checkout import actions as checkout
from wisdom_app.features.home import actions as home_actions
from wisdom_app.features.wall import actions as wall
from wisdom_app.state import AppState
from wisdom_app.storage import MemorySettings, MemoryTokenStore


def new_state(api_server: ApiServer, opened: list[str]) -> AppState:
    async def open_url(url: str) -> None:
        opened.append(url)

    return AppState(api_url=api_server.url, tokens=MemoryTokenStore(), settings=MemorySettings(), open_url=open_url)


async def wait_for(check, timeout: float = 15) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.1)


async def test_sign_in_loads_home_and_sign_out_forgets(api_server: ApiServer) -> None:
    state = new_state(api_server, [])
    try:
        await session.start(state)
        assert state.phase == "signed_out"
        await session.sign_in(state, STUDENT, DEMO_PASSWORD)
        assert state.signed_in and state.profile["email"] == STUDENT
        await home_actions.load_home(state)
        assert state.my_courses.items and state.feed.items and state.services.items
        assert not (state.my_courses.error or state.feed.error or state.services.error)
        await session.sign_out(state)
        assert state.phase == "signed_out" and state.profile is None
        assert await state.tokens.load() is None
        assert not state.services.loaded
    finally:
        await session.close(state)


async def test_a_saved_session_is_resumed(api_server: ApiServer) -> None:
    first = new_state(api_server, [])
    await session.sign_in(first, STUDENT, DEMO_PASSWORD)
    second = AppState(api_url=api_server.url, tokens=first.tokens, settings=MemorySettings(), open_url=first.open_url)
    try:
        await session.start(second)
        assert second.signed_in and second.profile["email"] == STUDENT
    finally:
        await session.close(first)
        await session.close(second)


def later_slots(slot_list: dict, days_ahead: int = 3) -> list[dict]:
    """Free slots at least `days_ahead` days away: inside every demo teacher's notice period
    and their free-cancellation window."""
    limit = datetime.now(UTC) + timedelta(days=days_ahead)
    return [s for s in slot_list["slots"] if datetime.fromisoformat(s["start_utc"].replace("Z", "+00:00")) > limit]


async def first_service(state: AppState, kind: str, teacher: str = "Johan Ek") -> dict:
    await home_actions.load_services(state)
    return next(s for s in state.services.items if s["kind"] == kind and s["teacher_name"] == teacher)


async def test_buying_a_service_opens_checkout_and_follows_the_order(api_server: ApiServer) -> None:
    opened: list[str] = []
    state = new_state(api_server, opened)
    try:
        await session.sign_in(state, STUDENT, DEMO_PASSWORD)
        service = await first_service(state, "reading")
        # A bookable service needs its time first: in Swedish, without an order.
        with pytest.raises(ApiError) as caught:
            await checkout.buy_service(state, service)
        assert caught.value.code == "slot_required" and caught.value.message == "Välj en tid först."
        assert not opened
        slots = await checkout.service_slots(state, service, fmt.today())
        assert slots["accepts_bookings"] and slots["duration_minutes"] == service["duration_minutes"]
        slot = later_slots(slots)[0]
        # Slots carry Stockholm time with its offset beside UTC.
        assert datetime.fromisoformat(slot["start"]) == datetime.fromisoformat(slot["start_utc"].replace("Z", "+00:00"))
        order = await checkout.buy_service(state, service, slot["start_utc"])
        assert opened and order["status"] == "pending"
        assert state.order_for_service(str(service["id"]))["status"] == "pending"
        # The held time is no longer offered.
        again = await checkout.service_slots(state, service, fmt.today())
        assert slot["start_utc"] not in {s["start_utc"] for s in again["slots"]}
        await pay_on_checkout_page(opened[0])
        await wait_for(lambda: state.order_for_service(str(service["id"]))["status"] in ("paid", "fulfilled"))
        booked = (await state.api.bookings(role="student", status="booked"))["items"]
        mine = next(b for b in booked if b["order_id"] == order["id"])
        assert mine["starts_at_local"] == slot["start"] and mine["title"] == service["title"]
    finally:
        await session.close(state)


async def test_a_package_gives_credits_to_book_reschedule_and_cancel(api_server: ApiServer) -> None:
    opened: list[str] = []
    state = new_state(api_server, opened)
    try:
        await session.sign_in(state, STUDENT, DEMO_PASSWORD)
        package = await first_service(state, "package")
        coaching = await first_service(state, "coaching")
        before = await checkout.usable_credits_for(state, coaching)
        order = await checkout.buy_service(state, package)  # a package is bought without a time
        await pay_on_checkout_page(opened[0])
        await wait_for(lambda: state.orders[str(order["id"])]["status"] in ("paid", "fulfilled"))
        assert await checkout.usable_credits_for(state, coaching) == before + package["sessions_count"]
        slots = later_slots(await checkout.service_slots(state, coaching, fmt.today()))
        booking = await state.api.book_with_credit(str(coaching["id"]), slots[0]["start_utc"])
        assert booking["status"] == "booked" and booking["package_id"] and booking["order_id"] is None
        assert await checkout.usable_credits_for(state, coaching) == before + package["sessions_count"] - 1
        moved = await state.api.reschedule_booking(str(booking["id"]), slots[1]["start_utc"])
        assert moved["starts_at_local"] == slots[1]["start"] and moved["sequence"] == 1
        canceled = await state.api.cancel_booking(str(booking["id"]), "Jag blev sjuk")
        assert canceled["status"] == "canceled" and canceled["refunded"]
        assert await checkout.usable_credits_for(state, coaching) == before + package["sessions_count"]
        with pytest.raises(ApiError) as caught:
            await state.api.cancel_booking(str(booking["id"]))
        assert caught.value.message == "Bokningen är inte aktiv längre."
    finally:
        await session.close(state)


async def test_the_live_feed_brings_new_posts(api_server: ApiServer) -> None:
    state = new_state(api_server, [])
    poster = new_state(api_server, [])
    try:
        await session.sign_in(state, STUDENT, DEMO_PASSWORD)
        await wall.load_feed(state)
        await wait_for(lambda: state.feed_live)
        await session.sign_in(poster, "astrid@wisdom.local", DEMO_PASSWORD)
        post = await poster.api.create_post("Ny kurs i andning startar snart!")
        await wait_for(lambda: any(str(i.get("subject_id")) == str(post["id"]) for i in state.feed.items))
    finally:
        await session.close(state)
        await session.close(poster)


async def test_errors_become_swedish_state(api_server: ApiServer) -> None:
    state = new_state(api_server, [])
    try:
        await home_actions.load_services(state)  # anonymous: services are public
        assert state.services.items
        await state.my_courses.load(state.api.my_courses)  # anonymous: refused
        assert state.my_courses.error == "Du behöver logga in först."
        assert not state.my_courses.loaded
    finally:
        await session.close(state)


async def test_the_live_dot_turns_grey_when_the_stream_falls_silent(api_server: ApiServer) -> None:
    """A server that stops sending (gone without closing the connection) no longer looks live:
    after `stream_silence_seconds` without even a heartbeat the stream counts as lost."""

    async def silent_stream(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while (await reader.readline()).strip():
            pass  # the request's headers
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\n: connected\n\n")
        await writer.drain()
        await asyncio.sleep(60)

    server = await asyncio.start_server(silent_stream, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    state = AppState(
        api_url=f"http://127.0.0.1:{port}",
        tokens=MemoryTokenStore(),
        settings=MemorySettings(),
        open_url=lambda url: asyncio.sleep(0),
        stream_silence_seconds=1.0,
    )
    state.profile, state.phase = {"id": "x", "role": "student"}, "signed_in"
    try:
        wall.start_live_feed(state)
        await wait_for(lambda: state.feed_live, timeout=5)
        await wait_for(lambda: not state.feed_live, timeout=5)
    finally:
        await session.close(state)
        server.close()


async def test_a_failed_refresh_keeps_the_list_and_says_so(api_server: ApiServer) -> None:
    """The list loaded before stays on screen, under a line saying it could not be updated."""
    state = new_state(api_server, [])
    try:
        await session.sign_in(state, STUDENT, DEMO_PASSWORD)
        await home_actions.load_services(state)
        shown = state.services.items
        await state.api.aclose()
        state.api = ApiClient("http://127.0.0.1:9", MemoryTokenStore())  # no server there
        await home_actions.load_services(state)
        assert state.services.items == shown and state.services.error
        view = remote_view(
            state.services, lambda items: ft.Text(f"{len(items)} tjänster"), empty_text="", on_retry=print
        )
        texts = [c.value for c in _walk(view) if isinstance(c, ft.Text)]
        assert f"Kunde inte uppdatera: {state.services.error}" in texts
        assert f"{len(shown)} tjänster" in texts
    finally:
        await session.close(state)


def _walk(control: ft.Control) -> list[ft.Control]:
    found = [control]
    children = [*(getattr(control, "controls", None) or []), getattr(control, "content", None)]
    for child in children:
        if isinstance(child, ft.Control):
            found += _walk(child)
    return found
