"""Shared feed pages (app/feed/cache.py): viewers of one class get the same page until the feed
changes; a change committed anywhere arrives through NOTIFY, a write through the process empties
the cache, authors of hidden items and fresh requests read the database."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.feed.cache import FeedCache
from app.main import create_app
from tests.conftest import Account, MakeUser

NOW = datetime.now(UTC)


@dataclass
class Cached:
    app: FastAPI
    client: httpx.AsyncClient

    @property
    def cache(self) -> FeedCache:
        cache: FeedCache = self.app.state.feed_cache
        return cache


@pytest.fixture
async def cached(settings: Settings, clean_db: None) -> AsyncIterator[Cached]:
    app = create_app(settings.model_copy(update={"feed_cache_seconds": 30}))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            for _ in range(100):
                if app.state.feed_cache.trusted:
                    break
                await asyncio.sleep(0.05)
            assert app.state.feed_cache.trusted
            yield Cached(app, c)


async def _activity(
    db: asyncpg.Connection, actor: Account, title: str, *, silently: bool = False, **extra: Any
) -> int:
    """An activity inserted by SQL; `silently` keeps the triggers from announcing it."""
    async with db.transaction():
        if silently:
            await db.execute("SET LOCAL session_replication_role = replica")
        activity_id: int = await db.fetchval(
            """INSERT INTO app.activities (actor_id, kind, subject_type, subject_id, subject_title,
                                           summary, visibility, hidden_at)
               VALUES ($1, 'wall_post', 'post', $2, $3, $3, $4, $5) RETURNING id""",
            actor.id,
            uuid.uuid4(),
            title,
            extra.get("visibility", "public"),
            extra.get("hidden_at"),
        )
    return activity_id


async def _titles(client: httpx.AsyncClient, viewer: Account | None, **headers: str) -> list[str]:
    all_headers = {**(viewer.headers if viewer else {}), **headers}
    response = await client.get("/feed", headers=all_headers)
    assert response.status_code == 200, response.text
    return [item["subject_title"] for item in response.json()["items"]]


async def _eventually(client: httpx.AsyncClient, viewer: Account | None, title: str) -> bool:
    for _ in range(40):
        if title in await _titles(client, viewer):
            return True
        await asyncio.sleep(0.05)
    return False


async def test_members_share_a_page_until_the_feed_changes(
    cached: Cached, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    maja = await make_user("student")
    elias = await make_user("student")
    await _activity(db, teacher, "Första inlägget")
    assert await _eventually(cached.client, maja, "Första inlägget")
    # Unannounced (as if the triggers were not there): the shared page does not know it...
    await _activity(db, teacher, "Tyst inlägg", silently=True)
    assert await _titles(cached.client, elias) == ["Första inlägget"]
    # ...but a fresh read does.
    fresh = await _titles(cached.client, elias, **{"Cache-Control": "no-cache"})
    assert fresh == ["Tyst inlägg", "Första inlägget"]
    # Any announced change, from any process or script, empties the cache everywhere.
    await _activity(db, teacher, "Tredje inlägget")
    assert await _eventually(cached.client, maja, "Tredje inlägget")
    assert await _titles(cached.client, elias) == [
        "Tredje inlägget",
        "Tyst inlägg",
        "Första inlägget",
    ]


async def test_classes_do_not_share_pages(
    cached: Cached, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    admin = await make_user("admin")
    await _activity(db, teacher, "För alla")
    await _activity(db, teacher, "För medlemmar", visibility="members")
    await _activity(db, teacher, "Dold", hidden_at=NOW)
    assert await _eventually(cached.client, student, "För medlemmar")
    assert await _titles(cached.client, student) == ["För medlemmar", "För alla"]
    assert await _titles(cached.client, None) == ["För alla"]
    assert await _titles(cached.client, admin) == ["Dold", "För medlemmar", "För alla"]
    assert await _titles(cached.client, None) == ["För alla"]  # now from the cache


async def test_an_author_of_hidden_items_reads_their_own_page(
    cached: Cached, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    author = await make_user("student")
    other = await make_user("student")
    await _activity(db, author, "Synligt")
    await _activity(db, author, "Dolt av moderator", hidden_at=NOW)
    assert await _eventually(cached.client, other, "Synligt")
    assert await _titles(cached.client, other) == ["Synligt"]
    assert await _titles(cached.client, author) == ["Dolt av moderator", "Synligt"]
    assert await _titles(cached.client, other) == ["Synligt"]


async def test_a_write_through_the_process_is_seen_at_once(
    cached: Cached, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    assert await _titles(cached.client, student) == []
    posted = await cached.client.post(
        "/wall/posts", json={"body": "Välkomna till vårens kurs!"}, headers=teacher.headers
    )
    assert posted.status_code == 201, posted.text
    assert len(await _titles(cached.client, student)) == 1


async def test_nothing_is_kept_while_not_listening(
    cached: Cached, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    await cached.app.state.change_listener.close()
    assert not cached.cache.trusted
    assert await _titles(cached.client, student) == []
    await _activity(db, teacher, "Tyst inlägg", silently=True)
    assert await _titles(cached.client, student) == ["Tyst inlägg"]
