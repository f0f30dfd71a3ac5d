"""Request bodies are limited (REQUEST_BODY_MAX_BYTES, 1 MiB by default) while they arrive:
413 in the usual envelope, without reading (let alone holding) the rest; uploads keep their own
limit (MEDIA_MAX_BYTES)."""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import httpx

from app.config import Settings
from app.main import create_app
from app.security import create_access_token

MIB = 1024 * 1024
CHUNK = 64 * 1024


class Body:
    """A request body sent in chunks, remembering how many the server pulled."""

    def __init__(self, total: int, fill: bytes = b" ") -> None:
        self.total = total
        self.fill = fill
        self.pulled = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        sent = 0
        while sent < self.total:
            size = min(CHUNK, self.total - sent)
            self.pulled += 1
            sent += size
            yield self.fill * size


def login_body(size: int) -> bytes:
    """A valid JSON sign-in body padded with whitespace to exactly `size` bytes."""
    core = b'{"email": "big@example.se", "password": "fel-fel-fel"'
    return core + b" " * (size - len(core) - 1) + b"}"


@asynccontextmanager
async def app_client(settings: Settings, **overrides: object) -> AsyncIterator[httpx.AsyncClient]:
    application = create_app(
        settings.model_copy(update={"run_background_tasks": False, **overrides})
    )
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            yield c


async def test_a_json_body_over_one_mebibyte_gets_413_in_the_usual_envelope(
    client: httpx.AsyncClient,
) -> None:
    r = await client.post(
        "/auth/login",
        content=login_body(MIB + 1),
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 413
    assert r.json() == {
        "error": "payload_too_large",
        "detail": f"The request body is larger than the limit of {MIB} bytes",
        "max_bytes": MIB,
    }
    assert r.headers["x-request-id"]  # answered through the usual middleware
    # Exactly at the limit the body is read and parsed: a plain wrong-password answer.
    r = await client.post(
        "/auth/login", content=login_body(MIB), headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 401 and r.json()["error"] == "invalid_credentials"


async def test_a_declared_length_over_the_limit_is_refused_before_reading(
    client: httpx.AsyncClient,
) -> None:
    body = Body(400 * MIB)
    r = await client.post(
        "/auth/login",
        content=body,
        headers={"Content-Type": "application/json", "Content-Length": str(body.total)},
    )
    assert r.status_code == 413 and r.json()["error"] == "payload_too_large"
    assert body.pulled == 0


async def test_a_chunked_body_is_cut_off_where_it_crosses_the_limit(
    client: httpx.AsyncClient,
) -> None:
    """No Content-Length (chunked): the body is counted as it arrives and the request ends at
    the chunk that crosses the limit; the other ~399 MiB are never pulled."""
    for path in ("/auth/login", "/webhooks/stripe", "/auth/password/forgot"):
        body = Body(400 * MIB)
        r = await client.post(path, content=body, headers={"Content-Type": "application/json"})
        assert r.status_code == 413, path
        assert r.json()["error"] == "payload_too_large"
        assert body.pulled == MIB // CHUNK + 1, path


async def test_the_limit_is_a_setting(settings: Settings) -> None:
    async with app_client(settings, request_body_max_bytes=4096) as small:
        r = await small.post(
            "/auth/login",
            content=login_body(4097),
            headers={"Content-Type": "application/json"},
        )
        assert r.status_code == 413 and r.json()["max_bytes"] == 4096
        # Whatever the declared type: the body is refused before anything parses it.
        r = await small.post(
            "/auth/register", content=b"x" * 5000, headers={"Content-Type": "text/plain"}
        )
        assert r.status_code == 413
        r = await small.post(
            "/auth/login", content=login_body(4096), headers={"Content-Type": "application/json"}
        )
        assert r.status_code == 401


async def test_uploads_keep_their_own_limit(
    settings: Settings, db: asyncpg.Connection, tmp_path: Path
) -> None:
    user_id = uuid.uuid4()
    await db.execute(
        "INSERT INTO app.profiles (user_id, email, display_name, role)"
        " VALUES ($1, 'larare@example.se', 'Lärare', 'teacher')",
        user_id,
    )
    token, _ = create_access_token(settings, user_id, "teacher")
    headers = {"Authorization": f"Bearer {token}"}
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(i % 251 for i in range(40_000))
    async with app_client(
        settings,
        request_body_max_bytes=4096,
        media_root=tmp_path / "media",
        media_max_bytes=64 * 1024,
    ) as small:
        r = await small.post(
            "/media",
            files={"file": ("bild.png", png, "image/png")},
            data={"purpose": "other"},
            headers=headers,
        )
        assert r.status_code == 201, r.text
        assert r.json()["size_bytes"] == len(png)
        r = await small.put(
            "/me/avatar", files={"file": ("jag.png", png, "image/png")}, headers=headers
        )
        assert r.status_code == 200, r.text
        too_big = png + bytes(64 * 1024)
        r = await small.post(
            "/media", files={"file": ("stor.png", too_big, "image/png")}, headers=headers
        )
        assert r.status_code == 413 and r.json()["error"] == "file_too_large"
        assert r.json()["max_bytes"] == 64 * 1024
