"""ApiClient against the running API: sessions, refresh on 401, Swedish errors, and each
endpoint family the screens use."""

import asyncio

import pytest

from tests.conftest import STUDENT, TEACHER
from tests.support.api_server import DEMO_PASSWORD, ApiServer, free_port
from tests.support.checkout import pay_on_checkout_page
from wisdom_app.api import ApiClient
from wisdom_app.errors import NETWORK_MESSAGE, ApiError
from wisdom_app.storage import MemoryTokenStore, Tokens


async def test_signed_out_calls_are_refused_in_swedish(anonymous: ApiClient) -> None:
    with pytest.raises(ApiError) as caught:
        await anonymous.me()
    assert caught.value.status == 401
    assert caught.value.message == "Du behöver logga in först."


async def test_wrong_password_gives_a_swedish_sentence(anonymous: ApiClient) -> None:
    with pytest.raises(ApiError) as caught:
        await anonymous.login(STUDENT, "fel-losenord-123")
    assert caught.value.code == "invalid_credentials"
    assert caught.value.message == "Fel e-postadress eller lösenord."
    assert await anonymous.current_tokens() is None


async def test_unreachable_server_is_a_network_error() -> None:
    client = ApiClient(f"http://127.0.0.1:{free_port()}", MemoryTokenStore())
    try:
        with pytest.raises(ApiError) as caught:
            await client.services()
        assert caught.value.is_network
        assert caught.value.message == NETWORK_MESSAGE
    finally:
        await client.aclose()


async def test_login_keeps_tokens_and_reads_the_profile(anonymous: ApiClient) -> None:
    body = await anonymous.login(STUDENT, DEMO_PASSWORD)
    assert body["profile"]["email"] == STUDENT
    stored = await anonymous.tokens.load()
    assert stored is not None and stored.access_token == body["access_token"]
    me = await anonymous.me()
    assert me["email"] == STUDENT and me["role"] == "student"


async def test_a_401_refreshes_once_and_retries(api_server: ApiServer, student: ApiClient) -> None:
    tokens = await student.current_tokens()
    assert tokens is not None
    # An access token the API rejects, with a valid refresh token beside it.
    store = MemoryTokenStore(Tokens("not-a-valid-access-token", tokens.refresh_token))
    client = ApiClient(api_server.url, store)
    try:
        me = await client.me()
        assert me["email"] == STUDENT
        assert store.tokens is not None
        assert store.tokens.access_token != "not-a-valid-access-token"
        assert store.tokens.refresh_token != tokens.refresh_token  # rotated on use
    finally:
        await client.aclose()


async def test_parallel_401s_share_one_refresh(api_server: ApiServer, student: ApiClient) -> None:
    tokens = await student.current_tokens()
    assert tokens is not None
    store = MemoryTokenStore(Tokens("expired-or-forged", tokens.refresh_token))
    client = ApiClient(api_server.url, store)
    try:
        results = await asyncio.gather(client.me(), client.me(), client.services())
        assert results[0]["email"] == STUDENT and results[1]["email"] == STUDENT
        assert results[2]["items"]
    finally:
        await client.aclose()


async def test_a_refused_refresh_ends_the_session(api_server: ApiServer) -> None:
    ended: list[bool] = []
    store = MemoryTokenStore(Tokens("forged-access", "forged-refresh-token"))
    client = ApiClient(api_server.url, store)

    async def on_ended() -> None:
        ended.append(True)

    client.on_session_ended = on_ended
    try:
        with pytest.raises(ApiError) as caught:
            await client.me()
        assert caught.value.status == 401
        assert ended == [True]
        assert store.tokens is None
    finally:
        await client.aclose()


async def test_logout_forgets_the_tokens_and_ends_the_session(
    api_server: ApiServer,
) -> None:
    client = ApiClient(api_server.url, MemoryTokenStore())
    try:
        await client.login(STUDENT, DEMO_PASSWORD)
        refresh = (await client.current_tokens()).refresh_token  # type: ignore[union-attr]
        await client.logout()
        assert await client.current_tokens() is None
        with pytest.raises(ApiError):
            await client._send("POST", "/auth/refresh", json={"refresh_token": refresh})
    finally:
        await client.aclose()


async def test_validation_errors_name_the_fields_in_swedish(
    anonymous: ApiClient,
) -> None:
    with pytest.raises(ApiError) as caught:
        await anonymous.register("inte-en-adress", "ett-bra-losen-77", "Kim")
    assert caught.value.status == 422
    assert "E-post" in caught.value.message


async def test_register_signs_in(anonymous: ApiClient) -> None:
    body = await anonymous.register("ny.elev@example.se", "ett-bra-losen-77", "Ny Elev")
    assert body["profile"]["display_name"] == "Ny Elev"
    assert (await anonymous.me())["email"] == "ny.elev@example.se"
    with pytest.raises(ApiError) as caught:
        await anonymous.register("ny.elev@example.se", "ett-bra-losen-77", "Ny Elev")
    assert caught.value.code == "email_unavailable"


async def test_update_display_name(student: ApiClient) -> None:
    before = (await student.me())["display_name"]
    try:
        updated = await student.update_me(display_name="Maja B")
        assert updated["display_name"] == "Maja B"
        assert (await student.me())["display_name"] == "Maja B"
    finally:
        await student.update_me(display_name=before)


async def test_buy_a_service_through_the_dummy_checkout(student: ApiClient) -> None:
    services = (await student.services())["items"]
    package = next(s for s in services if s["kind"] == "package")  # bought without a time
    order = await student.create_order("service", str(package["id"]))
    assert order["status"] == "pending"
    session = await student.create_checkout(str(order["id"]))
    assert session["checkout_url"].startswith(student.base_url)
    await pay_on_checkout_page(session["checkout_url"])
    for _ in range(50):
        order = await student.order(str(order["id"]))
        if order["status"] != "pending":
            break
        await asyncio.sleep(0.2)
    assert order["status"] in ("paid", "fulfilled")


async def test_my_courses_and_the_course_page(student: ApiClient) -> None:
    mine = await student.my_courses()
    assert isinstance(mine["items"], list)
    catalogue = (await student.courses())["items"]
    assert catalogue
    course = await student.course(str(catalogue[0]["id"]))
    assert course["title"] == catalogue[0]["title"]
    access = await student.course_access(str(course["id"]))
    assert "access" in access


async def test_feed_wall_post_and_reaction(student: ApiClient) -> None:
    post = await student.create_post("Hej allihop, tack för en fin kurs!")
    feed = (await student.feed())["items"]
    assert any(i["kind"] == "wall_post" and str(i["subject_id"]) == str(post["id"]) for i in feed)
    reacted = await student.react(str(post["id"]), "love")
    assert reacted["reactions"].get("love") == 1 and "love" in reacted["my_reactions"]
    undone = await student.unreact(str(post["id"]), "love")
    assert "love" not in undone["my_reactions"]


async def test_the_event_stream_delivers_a_new_post(student: ApiClient, teacher: ApiClient) -> None:
    received: asyncio.Queue[dict] = asyncio.Queue()

    async def follow() -> None:
        async for event in student.feed_events():
            if event.event == "activity":
                await received.put(event.json())

    task = asyncio.create_task(follow())
    try:
        await asyncio.sleep(0.5)  # connected before the post
        post = await teacher.create_post("Välkomna till kvällens meditation!")
        while True:
            item = await asyncio.wait_for(received.get(), timeout=10)
            if str(item.get("subject_id")) == str(post["id"]):
                break
        assert item["kind"] == "wall_post"
    finally:
        task.cancel()


async def test_teacher_creates_and_publishes_a_service(teacher: ApiClient) -> None:
    created = await teacher.create_service(
        {
            "title": "Andningscoachning",
            "kind": "coaching",
            "duration_minutes": 30,
            "price_cents": 40000,
        }
    )
    assert created["status"] == "draft"
    published = await teacher.publish_service(str(created["id"]))
    assert published["status"] == "active"
    me = await teacher.me()
    mine = await teacher.teacher_services(str(me["id"]), "active")
    assert any(s["id"] == created["id"] for s in mine["items"])


async def test_students_cannot_use_the_studio(student: ApiClient) -> None:
    with pytest.raises(ApiError) as caught:
        await student.create_course({"title": "Min kurs"})
    assert caught.value.status == 403
    assert caught.value.message == "Det här kan bara godkända lärare göra."


async def test_seminars_and_notifications(student: ApiClient) -> None:
    seminars = (await student.seminars())["items"]
    assert seminars
    detail = await student.seminar(str(seminars[0]["id"]))
    assert "viewer" in detail
    notes = await student.notifications()
    assert "unread_count" in notes


async def test_teacher_login(anonymous: ApiClient) -> None:
    body = await anonymous.login(TEACHER, DEMO_PASSWORD)
    assert body["profile"]["role"] == "teacher"
