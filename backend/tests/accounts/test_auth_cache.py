"""The signed-in caller cache (app/authcache.py): repeats skip the account and session read,
a change committed anywhere reaches it through NOTIFY, a write through the process empties it,
and nothing is remembered while the LISTEN connection is down."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import asyncpg
import httpx
import jwt
import pytest
from fastapi import FastAPI

from app.authcache import AuthCache
from app.config import Settings
from app.main import create_app
from app.security import AuthUser
from tests.accounts.conftest import MakeMember


@dataclass
class Cached:
    app: FastAPI
    client: httpx.AsyncClient

    @property
    def cache(self) -> AuthCache:
        cache: AuthCache = self.app.state.auth_cache
        return cache


@pytest.fixture
async def cached(settings: Settings, clean_db: None) -> AsyncIterator[Cached]:
    app = create_app(settings.model_copy(update={"auth_cache_seconds": 30}))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            for _ in range(100):
                if app.state.auth_cache.trusted:
                    break
                await asyncio.sleep(0.05)
            assert app.state.auth_cache.trusted
            yield Cached(app, c)


async def _revoke_silently(db: asyncpg.Connection, user_id: object) -> None:
    """End the user's sessions without firing the triggers: what the cache cannot know."""
    async with db.transaction():
        await db.execute("SET LOCAL session_replication_role = replica")
        await db.execute(
            "UPDATE app.auth_sessions SET revoked_at = now(), revoked_reason = 'logout' "
            "WHERE user_id = $1",
            user_id,
        )


async def _status_within(client: httpx.AsyncClient, headers: dict[str, str], want: int) -> int:
    status = 0
    for _ in range(40):
        status = (await client.get("/me", headers=headers)).status_code
        if status == want:
            return status
        await asyncio.sleep(0.05)
    return status


async def test_a_repeat_is_answered_from_the_cache(
    cached: Cached, make_member: MakeMember, db: asyncpg.Connection
) -> None:
    member = await make_member()
    assert (await cached.client.get("/me", headers=member.headers)).status_code == 200
    await _revoke_silently(db, member.id)
    # The session ended behind the cache's back (no notification): still the remembered answer.
    assert (await cached.client.get("/me", headers=member.headers)).status_code == 200
    # Without the cache the same token is refused: the database says the session has ended.
    cached.cache.clear()
    refused = await cached.client.get("/me", headers=member.headers)
    assert refused.status_code == 401 and refused.json()["error"] == "session_ended"


async def test_a_change_committed_elsewhere_arrives_through_notify(
    cached: Cached, make_member: MakeMember, db: asyncpg.Connection
) -> None:
    member = await make_member()
    assert (await cached.client.get("/me", headers=member.headers)).status_code == 200
    # Another process, a script or an operator's SQL session disables the account.
    await db.execute("UPDATE app.profiles SET disabled_at = now() WHERE user_id = $1", member.id)
    assert await _status_within(cached.client, member.headers, 401) == 401

    other = await make_member()
    assert (await cached.client.get("/me", headers=other.headers)).status_code == 200
    await db.execute(
        "UPDATE app.auth_sessions SET revoked_at = now(), revoked_reason = 'logout_all' "
        "WHERE user_id = $1",
        other.id,
    )
    assert await _status_within(cached.client, other.headers, 401) == 401


async def test_a_logout_through_the_process_takes_effect_at_once(
    cached: Cached, make_member: MakeMember
) -> None:
    member = await make_member()
    assert (await cached.client.get("/me", headers=member.headers)).status_code == 200
    assert (await cached.client.post("/auth/logout", headers=member.headers)).status_code == 204
    assert (await cached.client.get("/me", headers=member.headers)).status_code == 401


async def test_a_role_change_is_seen_by_the_next_request(
    cached: Cached, make_member: MakeMember, db: asyncpg.Connection
) -> None:
    member = await make_member(role="teacher")
    body = {"title": "x" * 5, "description": "Beskrivning", "kind": "reading",
            "duration_minutes": 30, "price_cents": 10000}  # fmt: skip
    assert (await cached.client.get("/me", headers=member.headers)).json()["role"] == "teacher"
    await db.execute("UPDATE app.profiles SET role = 'student' WHERE user_id = $1", member.id)
    for _ in range(40):
        created = await cached.client.post("/services", json=body, headers=member.headers)
        if created.status_code == 403:
            break
        await asyncio.sleep(0.05)
    assert created.status_code == 403


async def test_nothing_is_remembered_while_not_listening(
    cached: Cached, make_member: MakeMember, db: asyncpg.Connection
) -> None:
    member = await make_member()
    await cached.app.state.change_listener.close()  # as when the LISTEN connection breaks
    assert not cached.cache.trusted
    assert (await cached.client.get("/me", headers=member.headers)).status_code == 200
    await _revoke_silently(db, member.id)
    assert (await cached.client.get("/me", headers=member.headers)).status_code == 401


async def test_an_answer_read_before_an_invalidation_is_not_stored(
    cached: Cached, make_member: MakeMember
) -> None:
    member = await make_member()
    me = (await cached.client.get("/me", headers=member.headers)).json()
    cache = cached.cache
    cache.clear()
    generation = cache.generation
    cache.forget(member.id)  # a notification arrives while the request reads the database
    user = AuthUser(member.id, me["role"], me["email"], me["display_name"], None)
    cache.put(user, generation)
    assert cache.get(member.id, None) is None
    cache.put(user, cache.generation)
    assert cache.get(member.id, None) is user


async def test_only_account_writes_through_the_process_empty_it(
    cached: Cached, make_member: MakeMember
) -> None:
    member = await make_member()
    assert (await cached.client.get("/me", headers=member.headers)).status_code == 200
    cache = cached.cache
    sid = uuid.UUID(jwt.decode(member.access_token, options={"verify_signature": False})["sid"])
    generation = cache.generation
    for path in ("/services", "/media/uploads", "/orders/x/cancel", "/messages"):
        cache.after_write(path)
    assert cache.generation == generation and cache.get(member.id, sid) is not None
    for path in ("/me", "/me/avatar", "/auth/logout", "/admin/users/x"):
        cache.after_write(path)
        assert cache.get(member.id, sid) is None
        assert (await cached.client.get("/me", headers=member.headers)).status_code == 200
