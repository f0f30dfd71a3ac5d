"""Rate limits on sign-in and password reset: 429 with Retry-After, lifted after the window;
with REDIS_URL several API processes share the counters."""

import asyncio
import secrets
import uuid

import asyncpg
import pytest
import redis.asyncio as redis_asyncio

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
        for _ in range(2):
            r = await client.post("/auth/password/forgot", json={"email": email})
            assert r.status_code == 202
        r = await client.post("/auth/password/forgot", json={"email": email})
        assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
        # Unknown addresses are limited the same way (nothing tells them apart).
        for _ in range(2):
            r = await client.post("/auth/password/forgot", json={"email": "ghost@example.se"})
        assert r.status_code == 429
        r = await client.post(
            "/auth/password/reset", json={"token": "made-up", "new_password": "nytt-lösen-99"}
        )
        assert r.status_code == 429  # the fifth request from this address
        await asyncio.sleep(2.2)
        r = await client.post("/auth/password/forgot", json={"email": email})
        assert r.status_code == 202
    assert await db.fetchval("SELECT count(*) FROM app.mail_outbox") == 3


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
