"""The PostgreSQL servers migration tests run on: the suite's own (DATABASE_URL or embedded)
and, when it is there and different, the machine's PostgreSQL 15 on 127.0.0.1:5432."""

import asyncio
import os

import asyncpg

MACHINE_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


async def _reachable(url: str) -> bool:
    try:
        conn = await asyncpg.connect(url, timeout=2)
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return False
    await conn.close()
    return True


def extra_servers() -> list[str]:
    """The machine's server, when reachable and not already the suite's server."""
    own = os.environ.get("DATABASE_URL", "")
    if "127.0.0.1:5432" in own or "localhost:5432" in own:
        return []
    return [MACHINE_POSTGRES] if asyncio.run(_reachable(MACHINE_POSTGRES)) else []
