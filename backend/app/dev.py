"""`make dev`: database (embedded unless DATABASE_URL), migrations, demo data, then the API.

The embedded server lives as long as this process holds its handle, so everything runs here,
and every way out (Ctrl+C, SIGTERM, an error) gives the handle back before the process ends.
"""

import asyncio
import os
import signal
from types import FrameType

import asyncpg
import uvicorn

from app.config import get_settings
from app.main import create_app
from app.media.storage import get_storage
from app.migrate import migrate_database
from app.pgserver import resolve_database_url, stop_embedded_server
from app.seed import seed

SHUTDOWN_GRACE_SECONDS = 5


async def _prepare() -> str:
    settings = get_settings()
    dsn = await resolve_database_url(settings)
    applied = await migrate_database(dsn)
    conn = await asyncpg.connect(dsn)
    try:
        await seed(conn, get_storage(settings))
    finally:
        await conn.close()
    print(f"dev: database ready ({len(applied)} new migration(s)), demo data loaded", flush=True)
    return dsn


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    # uvicorn catches SIGTERM, shuts down, then raises it again with the handler it found:
    # the default one would end the process at once, skipping the `finally` below.
    raise SystemExit(0)


def main() -> None:
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        dsn = asyncio.run(_prepare())
        settings = get_settings().model_copy(update={"database_url": dsn})
        host = os.environ.get("HOST", "127.0.0.1")
        port = int(os.environ.get("PORT", "8000"))
        print(
            f"dev: API on http://{host}:{port} (OpenAPI at http://{host}:{port}/docs)", flush=True
        )
        uvicorn.run(
            create_app(settings),
            host=host,
            port=port,
            log_config=None,
            # Requests still running this long after Ctrl+C or SIGTERM are cut off.
            timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS,
        )
    except KeyboardInterrupt:
        pass
    finally:
        # Ctrl+C reaches uv and this process at once and uv passes it on: a second SIGINT
        # must not interrupt the database's shutdown.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stop_embedded_server()
        print("dev: stopped", flush=True)


if __name__ == "__main__":
    main()
