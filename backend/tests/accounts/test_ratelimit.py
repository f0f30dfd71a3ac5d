"""Rate limits on sign-in and password reset: 429 with Retry-After, lifted after the window;
with REDIS_URL several API processes share the counters."""

import asyncio
import secrets
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import httpx
import pytest
import redis.asyncio as redis_asyncio

from app.config import Settings
from app.main import create_app
from app.ratelimit import RateLimiter, redis_storage_uri
from tests.accounts.conftest import PASSWORD, AppWith, password_hash

REDIS_URL = "redis://127.0.0.1:6379/15"


async def _member(db: asyncpg.Connection) -> str:
    user_id = uuid.uuid4()
    email = f"rl-{user_id.hex[:8]}@example.se"
    await db.execute(
        "INSERT INTO app.profiles (user_id, email, display_name) VALUES ($1, $2, 'R')",
        user_id,
        email,
    )
    await db.execute(
        "INSERT INTO app.local_credentials (user_id, password_hash) VALUES ($1, $2)",
        user_id,
        password_hash(PASSWORD),
    )
    return email


async def test_login_per_account_limit_gives_429_and_lifts_after_the_window(
    app_with: AppWith, db: asyncpg.Connection
) -> None:
    email = await _member(db)
    wrong = {"email": email, "password": "fel-fel-fel"}
    async with app_with(login_rate_limit_account="2/2 seconds") as client:
        # Sent together, so all three are counted before the (slow) password checks run.
        replies = await asyncio.gather(*(client.post("/auth/login", json=wrong) for _ in range(3)))
        assert sorted(r.status_code for r in replies) == [401, 401, 429]
        limited = next(r for r in replies if r.status_code == 429)
        assert limited.json()["error"] == "rate_limited"
        retry_after = int(limited.headers["Retry-After"])
        assert 1 <= retry_after <= 2
        await asyncio.sleep(2.2)
        ok = await client.post("/auth/login", json={"email": email, "password": PASSWORD})
        assert ok.status_code == 200


async def test_login_per_ip_limit_spares_other_addresses_accounts(app_with: AppWith) -> None:
    async with app_with(login_rate_limit_ip="3/2 seconds") as client:
        replies = await asyncio.gather(
            *(
                client.post(
                    "/auth/login", json={"email": f"x{i}@example.se", "password": "abcdefgh"}
                )
                for i in range(4)
            )
        )
        assert sorted(r.status_code for r in replies) == [401, 401, 401, 429]
        assert all("Retry-After" in r.headers for r in replies if r.status_code == 429)
        await asyncio.sleep(2.2)
        r = await client.post("/auth/login", json={"email": "y@example.se", "password": "abcdefgh"})
        assert r.status_code == 401


async def test_password_reset_is_limited_per_account_and_ip(
    app_with: AppWith, db: asyncpg.Connection
) -> None:
    email = await _member(db)
    async with app_with(
        password_reset_rate_limit_account="2/2 seconds", password_reset_rate_limit_ip="4/2 seconds"
    ) as client:
        answers = [
            await client.post("/auth/password/forgot", json={"email": email}) for _ in range(3)
        ]
        # The third gets the same answer, but this client has used up its mails for the address.
        assert [r.status_code for r in answers] == [202, 202, 202]
        assert answers[2].json() == answers[0].json()
        assert await db.fetchval("SELECT count(*) FROM app.mail_outbox") == 2
        ghost = await client.post("/auth/password/forgot", json={"email": "ghost@example.se"})
        assert ghost.status_code == 202 and ghost.json() == answers[0].json()
        r = await client.post(
            "/auth/password/reset", json={"token": "made-up", "new_password": "nytt-lösen-99"}
        )
        assert r.status_code == 429  # the fifth request from this address
        assert int(r.headers["Retry-After"]) >= 1
        await asyncio.sleep(2.2)
        r = await client.post("/auth/password/forgot", json={"email": email})
        assert r.status_code == 202
    assert await db.fetchval("SELECT count(*) FROM app.mail_outbox") == 3


@asynccontextmanager
async def _clients(
    settings: Settings, **overrides: Any
) -> AsyncIterator[Callable[[str], httpx.AsyncClient]]:
    """One app with its own settings (and rate-limit counters), reached from several client
    addresses: `at("198.51.100.7")` is a client whose requests come from that address."""
    application = create_app(
        settings.model_copy(update={"run_background_tasks": False, **overrides})
    )
    opened: list[httpx.AsyncClient] = []

    def at(address: str) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=application, client=(address, 40000))
        opened.append(httpx.AsyncClient(transport=transport, base_url="http://testserver"))
        return opened[-1]

    async with application.router.lifespan_context(application):
        try:
            yield at
        finally:
            for client in opened:
                await client.aclose()


async def test_wrong_passwords_from_elsewhere_do_not_lock_the_owner_out(
    settings: Settings, db: asyncpg.Connection
) -> None:
    """The per-account limit counts per account and client: an attacker sending wrong passwords
    for the owner's address uses up only their own client's attempts."""
    email = await _member(db)
    wrong = {"email": email, "password": "fel-fel-fel"}
    async with _clients(settings, login_rate_limit_account="3/minute") as at:
        attacker, owner = at("203.0.113.66"), at("198.51.100.7")
        replies = [(await attacker.post("/auth/login", json=wrong)).status_code for _ in range(5)]
        assert replies == [401, 401, 401, 429, 429]
        signed_in = await owner.post("/auth/login", json={"email": email, "password": PASSWORD})
        assert signed_in.status_code == 200, signed_in.text
        assert signed_in.json()["profile"]["email"] == email
        # The attacker's client stays limited, right password or not.
        right = await attacker.post("/auth/login", json={"email": email, "password": PASSWORD})
        assert right.status_code == 429


async def test_guessing_from_many_addresses_holds_back_only_clients_that_failed(
    settings: Settings, db: asyncpg.Connection
) -> None:
    """Once the account has had LOGIN_RATE_LIMIT_ACCOUNT_FAILURES failed sign-ins from all
    clients together, a client that failed there recently is refused before its password is
    checked, while a client with no recent failure (the owner) gets in with the right one."""
    email = await _member(db)
    wrong = {"email": email, "password": "fel-fel-fel"}
    right = {"email": email, "password": PASSWORD}
    async with _clients(settings, login_rate_limit_account_failures="3/minute") as at:
        guessers = [at(f"203.0.113.{n}") for n in (1, 2, 3)]
        for guesser in guessers:
            assert (await guesser.post("/auth/login", json=wrong)).status_code == 401
        # The account has had its 3 failures: a client that failed is held back, even with
        # the right password (it is not checked, so a guess learns nothing)...
        held = await guessers[0].post("/auth/login", json=right)
        assert held.status_code == 429 and held.json()["error"] == "rate_limited"
        assert int(held.headers["Retry-After"]) == 60
        # ...a new address gets one real try: wrong is 401 and then held back too...
        fresh = at("203.0.113.4")
        assert (await fresh.post("/auth/login", json=wrong)).status_code == 401
        assert (await fresh.post("/auth/login", json=right)).status_code == 429
        # ...and the owner, on a client with no failures, signs in.
        owner = at("198.51.100.7")
        signed_in = await owner.post("/auth/login", json=right)
        assert signed_in.status_code == 200, signed_in.text
    failed = await db.fetchval(
        "SELECT count(*) FROM app.audit_log WHERE action = 'auth.login_failed'"
    )
    assert failed == 4  # the held-back attempts never reached the password check


async def test_an_owner_who_mistyped_before_signing_in_is_not_held_back_later(
    settings: Settings, db: asyncpg.Connection
) -> None:
    email = await _member(db)
    async with _clients(settings, login_rate_limit_account_failures="2/minute") as at:
        owner = at("198.51.100.7")
        typo = await owner.post("/auth/login", json={"email": email, "password": "ljus-i-mörkre"})
        assert typo.status_code == 401
        ok = await owner.post("/auth/login", json={"email": email, "password": PASSWORD})
        assert ok.status_code == 200
        # Someone else now fails twice: the account is under pressure, but the owner's client
        # has no failure left on record and still gets in.
        for n in (1, 2):
            stranger = at(f"203.0.113.{n}")
            bad = await stranger.post("/auth/login", json={"email": email, "password": "x" * 9})
            assert bad.status_code == 401
        again = await owner.post("/auth/login", json={"email": email, "password": PASSWORD})
        assert again.status_code == 200, again.text


async def test_reset_requests_from_elsewhere_do_not_stop_the_owners_mail(
    settings: Settings, db: asyncpg.Connection
) -> None:
    """An attacker asking for the owner's reset over and over gets the usual answer every time
    (nothing tells them they are limited) but no more mails go out for them; the owner asking
    from their own client still gets the link."""
    email = await _member(db)
    async with _clients(
        settings,
        password_reset_rate_limit_account="2/15 minutes",
        password_reset_rate_limit_ip="10/15 minutes",
    ) as at:
        attacker, owner = at("203.0.113.66"), at("198.51.100.7")
        answers = [
            await attacker.post("/auth/password/forgot", json={"email": email}) for _ in range(6)
        ]
        assert {r.status_code for r in answers} == {202}
        assert len({r.text for r in answers}) == 1
        assert await db.fetchval("SELECT count(*) FROM app.mail_outbox") == 2
        mine = await owner.post("/auth/password/forgot", json={"email": email})
        assert mine.status_code == 202 and mine.text == answers[0].text
    mails = await db.fetch(
        "SELECT to_address, kind FROM app.mail_outbox ORDER BY created_at DESC, id DESC"
    )
    assert len(mails) == 3
    assert (mails[0]["to_address"], mails[0]["kind"]) == (email, "password_reset")
    working = await db.fetch(
        "SELECT host(requested_ip) AS ip FROM app.password_resets"
        " WHERE used_at IS NULL AND expires_at > now()"
    )
    assert [r["ip"] for r in working] == ["198.51.100.7"]  # the owner's link is the one that works


async def _redis_reachable() -> bool:
    client = redis_asyncio.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        return bool(await client.ping())
    except (OSError, redis_asyncio.RedisError):
        return False
    finally:
        await client.aclose()


async def test_two_api_instances_share_the_counter_through_redis(
    app_with: AppWith, db: asyncpg.Connection
) -> None:
    assert await _redis_reachable(), (
        f"this test needs Redis at {REDIS_URL} (e.g. `redis-server --daemonize yes`)"
    )
    email = await _member(db)
    shared = {
        "redis_url": REDIS_URL,
        "rate_limit_key_prefix": f"wisdom-test-{secrets.token_hex(4)}",
        "login_rate_limit_account": "2/10 seconds",
    }
    wrong = {"email": email, "password": "fel-fel-fel"}
    async with app_with(**shared) as first, app_with(**shared) as second:
        assert (await first.post("/auth/login", json=wrong)).status_code == 401
        assert (await second.post("/auth/login", json=wrong)).status_code == 401
        # Each instance has counted one attempt; together they fill the window.
        assert (await first.post("/auth/login", json=wrong)).status_code == 429
        assert (await second.post("/auth/login", json=wrong)).status_code == 429
    limiter = RateLimiter(REDIS_URL, str(shared["rate_limit_key_prefix"]))
    assert limiter.backend == "redis"
    await limiter.reset()


async def test_unreachable_redis_falls_back_to_memory_counters() -> None:
    limiter = RateLimiter("redis://127.0.0.1:1/0", "wisdom-test")
    await limiter.hit("1/minute", "scope", "key")
    with pytest.raises(Exception, match="Too many attempts"):
        await limiter.hit("1/minute", "scope", "key")


def test_redis_urls_map_to_limits_async_schemes() -> None:
    assert redis_storage_uri("redis://h:6379/2") == "async+redis://h:6379/2"
    assert redis_storage_uri("rediss://h:6380") == "async+rediss://h:6380"
    assert redis_storage_uri("unix:///run/redis.sock") == "async+redis+unix:///run/redis.sock"


async def test_registration_is_limited_per_ip(app_with: AppWith) -> None:
    async with app_with(register_rate_limit_ip="1/minute") as client:
        body = {"email": "ny@example.se", "password": PASSWORD, "display_name": "Ny"}
        assert (await client.post("/auth/register", json=body)).status_code == 201
        again = await client.post("/auth/register", json={**body, "email": "ny2@example.se"})
        assert again.status_code == 429 and int(again.headers["Retry-After"]) <= 60
