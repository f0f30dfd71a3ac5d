"""Two real API processes (uvicorn) on one database and one Redis: the sign-in rate limit is
counted across both (Redis), and a wall post made through one reaches an event stream held on
the other (PostgreSQL LISTEN/NOTIFY). The process helpers are the feed tests' own."""

import secrets
import uuid
from collections.abc import Iterator

import httpx
import pytest
import redis

from tests.conftest import MakeUser
from tests.feed.conftest import _start, _stop, _wait_ready
from tests.feed.sse import open_stream

REDIS_URL = "redis://127.0.0.1:6379/14"
PASSWORD = "ett-långt-lösenord-2026"


@pytest.fixture(scope="module")
def key_prefix() -> Iterator[str]:
    """Rate-limit keys of this run only, removed afterwards."""
    prefix = f"wisdom-multiprocess-{secrets.token_hex(4)}"
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    try:
        for key in client.scan_iter(f"*{prefix}*"):
            client.delete(key)
    finally:
        client.close()


@pytest.fixture(scope="module")
def two_processes(
    database_url: str, key_prefix: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """Base URLs of API processes A and B sharing the test database and Redis."""
    extra = {
        "REDIS_URL": REDIS_URL,
        "RATE_LIMIT_KEY_PREFIX": key_prefix,
        "LOGIN_RATE_LIMIT_ACCOUNT": "5/minute",
        "LOGIN_RATE_LIMIT_IP": "100/minute",
    }
    log_dir = tmp_path_factory.mktemp("multiprocess-logs")
    with (log_dir / "a.log").open("wb") as log_a, (log_dir / "b.log").open("wb") as log_b:
        started = [_start(database_url, log_a, extra), _start(database_url, log_b, extra)]
        try:
            for proc, url in started:
                _wait_ready(proc, url)
            yield started[0][1], started[1][1]
        finally:
            for proc, _ in started:
                _stop(proc)


async def _login(base_url: str, email: str, password: str) -> httpx.Response:
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as c:
        return await c.post("/auth/login", json={"email": email, "password": password})


async def test_login_failures_on_one_process_count_on_the_other(
    two_processes: tuple[str, str], clean_db: None
) -> None:
    a_url, b_url = two_processes
    email = f"elev-{uuid.uuid4().hex[:8]}@example.se"
    async with httpx.AsyncClient(base_url=a_url, timeout=30) as c:
        registered = await c.post(
            "/auth/register",
            json={"email": email, "password": PASSWORD, "display_name": "Elev Ett"},
        )
    assert registered.status_code == 201, registered.text

    for _ in range(5):
        wrong = await _login(a_url, email, "fel-lösenord-123")
        assert wrong.status_code == 401, wrong.text
    # The sixth attempt goes to the other process: it knows of the five through Redis.
    blocked = await _login(b_url, email, "fel-lösenord-123")
    assert blocked.status_code == 429, blocked.text
    assert int(blocked.headers["Retry-After"]) > 0
    # Even the right password waits now, on either process.
    assert (await _login(a_url, email, PASSWORD)).status_code == 429
    assert (await _login(b_url, email, PASSWORD)).status_code == 429


async def test_a_wall_post_through_one_process_reaches_a_stream_on_the_other(
    two_processes: tuple[str, str], make_user: MakeUser
) -> None:
    a_url, b_url = two_processes
    reader = await make_user("student")
    writer = await make_user("teacher")
    async with open_stream(a_url, headers=reader.headers) as stream:
        async with httpx.AsyncClient(base_url=b_url, timeout=30) as c:
            post = await c.post(
                "/wall/posts", json={"body": "Fullmånsmeditation i kväll!"}, headers=writer.headers
            )
        assert post.status_code == 201, post.text
        event = await stream.until(
            lambda e: e.event == "activity" and e.json()["subject_id"] == post.json()["id"],
            seconds=15,
        )
    item = event.json()
    assert item["kind"] == "wall_post"
    assert item["actor"]["id"] == str(writer.id)
    assert item["subject_title"] == "Fullmånsmeditation i kväll!"
