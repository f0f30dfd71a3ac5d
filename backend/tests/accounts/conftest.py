"""Fixtures for accounts: users with real passwords, signed in through the API, and apps with
their own settings (short rate-limit windows, Redis)."""

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.main import create_app
from app.security import hash_password

PASSWORD = "ljus-i-mörkret-42"


@cache
def password_hash(password: str) -> str:
    """argon2id is slow on purpose: hash each test password once per run."""
    return hash_password(password)


@pytest.fixture(autouse=True)
async def fresh_rate_limits(app: FastAPI) -> None:
    await app.state.rate_limiter.reset()


@dataclass
class Member:
    id: uuid.UUID
    email: str
    password: str
    role: str
    access_token: str
    refresh_token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}


MakeMember = Callable[..., Awaitable[Member]]


async def sign_in(client: httpx.AsyncClient, email: str, password: str) -> dict[str, Any]:
    r = await client.post("/auth/login", json={"email": email, "password": password})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


@pytest.fixture
def make_member(client: httpx.AsyncClient, db: asyncpg.Connection) -> MakeMember:
    """A user with a password (inserted directly), signed in through POST /auth/login."""

    async def _make(role: str = "student", password: str = PASSWORD, name: str = "") -> Member:
        user_id = uuid.uuid4()
        email = f"{role}-{user_id.hex[:10]}@example.se"
        await db.execute(
            "INSERT INTO app.profiles (user_id, email, display_name, role) VALUES ($1, $2, $3, $4)",
            user_id,
            email,
            name or f"{role.title()} {user_id.hex[:4]}",
            role,
        )
        await db.execute(
            "INSERT INTO app.local_credentials (user_id, password_hash) VALUES ($1, $2)",
            user_id,
            password_hash(password),
        )
        tokens = await sign_in(client, email, password)
        return Member(
            user_id, email, password, role, tokens["access_token"], tokens["refresh_token"]
        )

    return _make


AppWith = Callable[..., Any]


@pytest.fixture
def app_with(settings: Settings, clean_db: None) -> AppWith:
    """`async with app_with(login_rate_limit_account="2/2 seconds") as client:` an app of its
    own with changed settings, on the same test database."""

    @asynccontextmanager
    async def _app(**overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
        application = create_app(
            settings.model_copy(update={"run_background_tasks": False, **overrides})
        )
        async with application.router.lifespan_context(application):
            transport = httpx.ASGITransport(app=application)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
                yield c

    return _app
