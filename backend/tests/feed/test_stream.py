"""GET /feed/stream against real API processes: events cross processes through PostgreSQL
LISTEN/NOTIFY, Last-Event-ID replays what was missed, messages reach their receiver only."""

from collections.abc import Callable

import asyncpg
import httpx

from app.feed.service import record_activity
from tests.conftest import MakeUser
from tests.feed.sse import Sse, open_stream


async def _post(base_url: str, headers: dict[str, str], body: str) -> dict[str, object]:
    async with httpx.AsyncClient(base_url=base_url, timeout=10) as c:
        r = await c.post("/wall/posts", json={"body": body}, headers=headers)
    assert r.status_code == 201, r.text
    result: dict[str, object] = r.json()
    return result


def _about(post_id: object) -> Callable[[Sse], bool]:
    return lambda e: e.event == "activity" and e.json()["subject_id"] == post_id


async def test_stream_refuses_a_bad_token(client: httpx.AsyncClient) -> None:
    r = await client.get("/feed/stream", headers={"Authorization": "Bearer nonsense"})
    assert r.status_code == 401
    assert r.json()["error"] == "invalid_token"
    r = await client.get("/feed/stream", params={"access_token": "nonsense"})
    assert r.status_code == 401
    r = await client.get("/feed/stream", headers={"Last-Event-ID": "abc"})
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_last_event_id"


async def test_post_committed_through_one_process_reaches_a_stream_on_another(
    api_processes: tuple[str, str], make_user: MakeUser
) -> None:
    a_url, b_url = api_processes
    reader_user = await make_user("student")
    writer = await make_user("teacher", display_name="Astrid Lind")
    async with open_stream(a_url, headers=reader_user.headers) as stream:
        post = await _post(b_url, writer.headers, "Välkomna till vårens meditationskurs!")
        event = await stream.until(_about(post["id"]), seconds=10)
    item = event.json()
    assert event.id == str(item["id"])
    assert item["kind"] == "wall_post" and item["subject_type"] == "post"
    assert item["visibility"] == "members" and item["hidden"] is False
    assert item["actor"] == {
        "id": str(writer.id),
        "display_name": "Astrid Lind",
        "avatar_media_id": None,
        "role": "teacher",
    }
    assert item["subject_title"] == "Välkomna till vårens meditationskurs!"


async def test_last_event_id_replays_the_missed_items_in_order(
    api_processes: tuple[str, str], make_user: MakeUser
) -> None:
    a_url, b_url = api_processes
    user = await make_user("student")
    first = await _post(b_url, user.headers, "Första inlägget")
    # What the client saw last: the activity of the first post.
    async with httpx.AsyncClient(base_url=a_url, timeout=10) as c:
        feed = (await c.get("/feed", headers=user.headers)).json()
    last_seen = next(i["id"] for i in feed["items"] if i["subject_id"] == first["id"])
    missed = [await _post(b_url, user.headers, f"Missat inlägg {n}") for n in range(3)]

    async with open_stream(a_url, headers={**user.headers, "Last-Event-ID": str(last_seen)}) as s:
        replayed = [await s.until(lambda e: e.event == "activity") for _ in missed]
        assert [e.json()["subject_id"] for e in replayed] == [p["id"] for p in missed]
        assert [int(e.id or 0) for e in replayed] == sorted(int(e.id or 0) for e in replayed)
        # ...and then it goes on live.
        live = await _post(b_url, user.headers, "Nytt efter återanslutningen")
        await s.until(_about(live["id"]), seconds=10)

    # Browsers' EventSource cannot set headers: the token and the last id as query parameters.
    token = user.headers["Authorization"].removeprefix("Bearer ")
    params = {"access_token": token, "last_event_id": str(last_seen)}
    async with open_stream(a_url, params=params) as s:
        first_replayed = await s.until(lambda e: e.event == "activity")
        assert first_replayed.json()["subject_id"] == missed[0]["id"]


async def test_anonymous_streams_get_public_items_only(
    api_processes: tuple[str, str], make_user: MakeUser, db: asyncpg.Connection
) -> None:
    a_url, b_url = api_processes
    member = await make_user("student")
    teacher = await make_user("teacher")
    async with open_stream(a_url) as anonymous:
        members_only = await _post(b_url, member.headers, "Bara för medlemmar")
        # A public activity (as the course domain records one), committed on its own.
        public_id = await record_activity(
            db,
            actor_id=teacher.id,
            kind="course_published",
            subject_type="course",
            subject_id=teacher.id,
            subject_title="Introduktion till meditation",
        )
        event = await anonymous.until(lambda e: e.event == "activity", seconds=10)
    assert event.id == str(public_id)  # the members-only post never came
    assert members_only["id"] != event.json()["subject_id"]


async def test_heartbeat_comments_keep_an_idle_stream_alive(
    api_processes: tuple[str, str], make_user: MakeUser
) -> None:
    a_url, _ = api_processes
    user = await make_user("student")
    async with open_stream(a_url, headers=user.headers) as stream:
        items = await stream.collect(1.8)  # FEED_HEARTBEAT_SECONDS=0.5 in these processes
    assert sum(1 for i in items if i.comment == "heartbeat") >= 2


async def test_a_message_reaches_its_receiver_only(
    api_processes: tuple[str, str], make_user: MakeUser
) -> None:
    a_url, b_url = api_processes
    teacher = await make_user("teacher", display_name="Johan Ek")
    student = await make_user("student")
    bystander = await make_user("student")
    async with httpx.AsyncClient(base_url=b_url, timeout=10) as c:
        conv = await c.post(
            "/conversations", json={"user_id": str(student.id)}, headers=teacher.headers
        )
        assert conv.status_code == 201, conv.text
        conversation_id = conv.json()["id"]
        async with (
            open_stream(a_url, headers=student.headers) as receiver,
            open_stream(a_url, headers=bystander.headers) as other,
            open_stream(a_url, headers=teacher.headers) as sender,
        ):
            sent = await c.post(
                f"/conversations/{conversation_id}/messages",
                json={"body": "Hej Maja! Välkommen på lördag."},
                headers=teacher.headers,
            )
            assert sent.status_code == 201, sent.text
            event = await receiver.until(lambda e: e.event == "message", seconds=10)
            others_saw = await other.collect(1.2)
            sender_saw = await sender.collect(0.2)
    data = event.json()
    assert event.id == str(sent.json()["id"]) == str(data["id"])
    assert data["conversation_id"] == conversation_id
    assert data["body"] == "Hej Maja! Välkommen på lördag."
    assert data["sender"]["display_name"] == "Johan Ek"
    assert not [e for e in others_saw + sender_saw if e.event == "message"]


async def test_missed_messages_are_replayed_to_their_receiver(
    api_processes: tuple[str, str], make_user: MakeUser
) -> None:
    a_url, b_url = api_processes
    teacher = await make_user("teacher")
    student = await make_user("student")
    async with httpx.AsyncClient(base_url=b_url, timeout=10) as c:
        conv = await c.post(
            "/conversations", json={"user_id": str(student.id)}, headers=teacher.headers
        )
        conversation_id = conv.json()["id"]
        first = await c.post(
            f"/conversations/{conversation_id}/messages",
            json={"body": "Ett"},
            headers=teacher.headers,
        )
        post = await _post(b_url, teacher.headers, "Ett inlägg emellan")
        second = await c.post(
            f"/conversations/{conversation_id}/messages",
            json={"body": "Två"},
            headers=teacher.headers,
        )
    # One id space: the message ids and the activity id are ordered together.
    after_first = {**student.headers, "Last-Event-ID": str(first.json()["id"])}
    async with open_stream(a_url, headers=after_first) as stream:
        replayed = [
            await stream.until(lambda e: e.event in ("activity", "message")) for _ in range(2)
        ]
    assert replayed[0].event == "activity" and replayed[0].json()["subject_id"] == post["id"]
    assert replayed[1].event == "message" and replayed[1].id == str(second.json()["id"])
    # Someone else replaying from the same point gets the post but never the message.
    outsider = await make_user("student")
    async with open_stream(
        a_url, headers={**outsider.headers, "Last-Event-ID": str(first.json()["id"])}
    ) as stream:
        items = await stream.collect(1.0)
    assert [e.event for e in items if e.event] == ["activity"]
