"""The anonymous catalogue cache (app/publiccache.py): repeats are served from memory, a write
through the process empties it, signed-in callers and errors are never cached."""

import asyncio
from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.main import create_app
from tests.conftest import MakeUser
from tests.marketplace_helpers import published_service


async def _cached_client(settings: Settings, seconds: float) -> AsyncIterator[httpx.AsyncClient]:
    app: FastAPI = create_app(settings.model_copy(update={"public_cache_seconds": seconds}))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            yield c


@pytest.fixture
async def cached(settings: Settings, clean_db: None) -> AsyncIterator[httpx.AsyncClient]:
    async for c in _cached_client(settings, 30):
        yield c


async def test_a_repeat_is_a_hit_until_a_write_through_the_process(
    cached: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    first = await published_service(cached, teacher, title="Första tjänsten")
    miss = await cached.get("/services")
    hit = await cached.get("/services")
    assert miss.headers["x-cache"] == "miss" and hit.headers["x-cache"] == "hit"
    assert hit.json() == miss.json() and [s["id"] for s in hit.json()["items"]] == [first["id"]]
    assert hit.headers["content-type"] == "application/json"
    assert hit.headers["x-request-id"] != miss.headers["x-request-id"]

    # A change behind the process's back (another process, SQL) shows once the entry expires...
    await db.execute(
        "UPDATE app.services SET title = 'Ändrad i SQL' WHERE id = $1::uuid", first["id"]
    )
    assert (await cached.get("/services")).json()["items"][0]["title"] == "Första tjänsten"
    # ...while a write through this process empties the cache at once.
    second = await published_service(cached, teacher, title="Andra tjänsten")
    after = await cached.get("/services")
    assert after.headers["x-cache"] == "miss"
    titles = {s["id"]: s["title"] for s in after.json()["items"]}
    assert titles == {first["id"]: "Ändrad i SQL", second["id"]: "Andra tjänsten"}


async def test_query_strings_are_separate_entries(
    cached: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    await published_service(cached, teacher, kind="reading")
    await published_service(cached, teacher, kind="coaching", title="Coachning")
    readings = await cached.get("/services", params={"kind": "reading"})
    coaching = await cached.get("/services", params={"kind": "coaching"})
    assert readings.headers["x-cache"] == coaching.headers["x-cache"] == "miss"
    assert [s["kind"] for s in readings.json()["items"]] == ["reading"]
    assert [s["kind"] for s in coaching.json()["items"]] == ["coaching"]
    assert (await cached.get("/courses")).headers["x-cache"] == "miss"


async def test_signed_in_callers_errors_and_other_paths_are_not_cached(
    cached: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    for _ in range(2):
        own = await cached.get("/services", headers=teacher.headers)
        assert own.status_code == 200 and "x-cache" not in own.headers
        bad = await cached.get("/services", params={"limit": "many"})
        assert bad.status_code == 422 and bad.headers["x-cache"] == "miss"
        health = await cached.get("/health")
        assert "x-cache" not in health.headers
    # A refused write does not empty the cache.
    await cached.get("/courses")
    refused = await cached.post("/services", json={"title": ""}, headers=teacher.headers)
    assert refused.status_code == 422
    assert (await cached.get("/courses")).headers["x-cache"] == "hit"
    # A client asking for a fresh answer gets one.
    fresh = await cached.get("/courses", headers={"Cache-Control": "no-cache"})
    assert fresh.status_code == 200 and "x-cache" not in fresh.headers


async def test_entries_expire(settings: Settings, clean_db: None) -> None:
    async for c in _cached_client(settings, 0.2):
        assert (await c.get("/seminars")).headers["x-cache"] == "miss"
        assert (await c.get("/seminars")).headers["x-cache"] == "hit"
        await asyncio.sleep(0.3)
        assert (await c.get("/seminars")).headers["x-cache"] == "miss"


async def test_zero_seconds_turns_it_off(settings: Settings, clean_db: None) -> None:
    async for c in _cached_client(settings, 0):
        for _ in range(2):
            assert "x-cache" not in (await c.get("/teachers")).headers
