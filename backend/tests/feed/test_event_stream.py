"""The stream's body generator and a subscriber's queue, driven directly in this process."""

import asyncio
import time
import uuid
from collections.abc import AsyncIterator

import asyncpg
from fastapi import FastAPI

from app.feed.broker import SUBSCRIBER_QUEUE_SIZE, FeedBroker, Subscription
from app.feed.service import REPLAY_LIMIT, event_stream
from app.feed.stream import StreamEvent
from app.security import AuthUser
from tests.conftest import MakeUser


def _event(event_id: int) -> StreamEvent:
    return StreamEvent(event_id, "activity", "{}", "public", None)


async def _take(stream: AsyncIterator[bytes], count: int) -> list[bytes]:
    return [await anext(stream) for _ in range(count)]


async def test_the_stream_ends_when_the_token_expires(app: FastAPI, db: asyncpg.Connection) -> None:
    broker: FeedBroker = app.state.feed_broker
    broker.unsubscribe(await broker.subscribe(None))  # the broker listens from now on
    stream = event_stream(broker, None, None, 0.2, time.time() + 1.0)
    chunks = []
    async with asyncio.timeout(20):
        async for chunk in stream:
            chunks.append(chunk)
            if len(chunks) == 1:
                assert broker.subscriber_count == 1
    assert chunks[0] == b"retry: 3000\n: connected\n\n"
    assert chunks[-1] == b'event: expired\ndata: {"reason":"token_expired"}\n\n'
    assert set(chunks[1:-1]) == {b": heartbeat\n\n"}
    assert broker.subscriber_count == 0


async def test_too_many_missed_events_ask_the_client_to_reload(
    app: FastAPI, db: asyncpg.Connection, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    await db.execute(
        """INSERT INTO app.activities (actor_id, kind, subject_type, subject_id, subject_title)
           SELECT $1, 'course_published', 'course', gen_random_uuid(), 'Kurs ' || n
           FROM generate_series(1, $2) AS n""",
        teacher.id,
        REPLAY_LIMIT + 1,
    )
    stream = event_stream(app.state.feed_broker, None, 0, 30, None)
    _, reset = await _take(stream, 2)
    assert reset == b'event: reset\ndata: {"reason":"too_many_missed"}\n\n'
    await stream.aclose()
    assert app.state.feed_broker.subscriber_count == 0


def test_a_subscriber_that_falls_behind_is_ended() -> None:
    sub = Subscription(None)
    for n in range(SUBSCRIBER_QUEUE_SIZE):
        sub.offer(_event(n))
    assert sub.queue.qsize() == SUBSCRIBER_QUEUE_SIZE and not sub.closed
    sub.offer(_event(SUBSCRIBER_QUEUE_SIZE))
    # Its stream ends (it resumes from its Last-Event-ID) instead of buffering without end.
    assert sub.closed and sub.queue.qsize() == 1 and sub.queue.get_nowait() is None
    sub.offer(_event(SUBSCRIBER_QUEUE_SIZE + 1))
    assert sub.queue.empty()


def test_who_sees_which_event() -> None:
    owner = AuthUser(uuid.uuid4(), "student", "a@example.se", "A")
    other = AuthUser(uuid.uuid4(), "student", "b@example.se", "B")
    admin = AuthUser(uuid.uuid4(), "admin", "c@example.se", "C")
    public = StreamEvent(1, "activity", "{}", "public", owner.id)
    members = StreamEvent(2, "activity", "{}", "members", owner.id)
    hidden = StreamEvent(3, "activity", "{}", "members", owner.id, hidden=True)
    private = StreamEvent(4, "message", "{}", "user", owner.id)
    assert [e.visible_to(None) for e in (public, members, hidden, private)] == [
        True,
        False,
        False,
        False,
    ]
    assert [e.visible_to(other) for e in (public, members, hidden, private)] == [
        True,
        True,
        False,
        False,
    ]
    assert [e.visible_to(owner) for e in (public, members, hidden, private)] == [
        True,
        True,
        True,
        True,
    ]
    assert [e.visible_to(admin) for e in (public, members, hidden, private)] == [
        True,
        True,
        True,
        False,
    ]
