"""Where a tapped notification leads, the bell's count, and when a seminar room opens (the
actions against the real API; the UI flows are in tests/ui/test_notification_flows.py)."""

import secrets
from datetime import UTC, datetime

from tests.support.api_server import DEMO_PASSWORD, ApiServer
from wisdom_app.api import ApiClient
from wisdom_app.features.messages import actions as messages
from wisdom_app.features.notifications import actions
from wisdom_app.features.seminars.view import room_opens_text
from wisdom_app.state import AppState, Remote
from wisdom_app.storage import MemorySettings, MemoryTokenStore


async def _open_url(url: str) -> None:
    return None


async def test_opening_a_message_notification_reads_it_and_leads_to_the_conversation(
    api_server: ApiServer, teacher: ApiClient
) -> None:
    state = AppState(api_url=api_server.url, tokens=MemoryTokenStore(), settings=MemorySettings(), open_url=_open_url)
    try:
        me = (await state.api.register(f"ella-{secrets.token_hex(4)}@example.se", DEMO_PASSWORD, "Ella Ek"))["profile"]
        conversation = await teacher.open_conversation(str(me["id"]))
        await teacher.send_message(str(conversation["id"]), "Hej Ella!")

        await actions.refresh_unread_count(state)
        assert state.unread_notifications == 1
        notes = Remote()
        await actions.load_notifications(state, notes)
        (note,) = notes.items
        assert actions.leads_somewhere(note)

        route = await actions.open_notification(state, notes, note)
        assert route == f"/messages/{conversation['id']}"
        assert state.unread_notifications == 0
        assert notes.items[0]["read_at"]
        assert (await state.api.notifications())["items"][0]["read_at"]
    finally:
        await state.api.aclose()


def test_an_order_leads_to_its_item() -> None:
    assert actions.route_of_order({"course_id": "c1", "service_id": None}) == "/courses/c1"
    assert actions.route_of_order({"seminar_id": "s1"}) == "/seminars"
    assert actions.route_of_order({"service_id": "t1"}) == "/bookings"


def test_kinds_without_a_page_stay_on_notiser() -> None:
    assert not actions.leads_somewhere({"kind": "moderation", "data": {"target_type": "post"}})
    assert actions.leads_somewhere({"kind": "certificate", "data": {}})


def test_the_room_opening_is_said_until_it_opens() -> None:
    seminar = {"starts_at": "2030-01-10T18:00:00+00:00", "room_opens_at": "2030-01-10T17:45:00+00:00"}
    before = datetime(2030, 1, 10, 17, 0, tzinfo=UTC)
    assert room_opens_text(seminar, before) == "Rummet öppnar 15 min före start, kl 18:45"  # Stockholm time
    assert room_opens_text(seminar, datetime(2030, 1, 10, 17, 50, tzinfo=UTC)) == ""
    assert room_opens_text({"starts_at": seminar["starts_at"]}, before) == ""


async def test_reading_the_conversation_reads_its_notification(api_server: ApiServer, teacher: ApiClient) -> None:
    state = AppState(api_url=api_server.url, tokens=MemoryTokenStore(), settings=MemorySettings(), open_url=_open_url)
    try:
        me = (await state.api.register(f"ebba-{secrets.token_hex(4)}@example.se", DEMO_PASSWORD, "Ebba Ek"))["profile"]
        conversation = await teacher.open_conversation(str(me["id"]))
        await teacher.send_message(str(conversation["id"]), "Hej Ebba!")
        await actions.refresh_unread_count(state)
        assert state.unread_notifications == 1

        await messages.load_messages(state, Remote(), str(conversation["id"]))  # the chat opened
        assert state.unread_notifications == 0
        assert (await state.api.notifications())["items"][0]["read_at"]
    finally:
        await state.api.aclose()
