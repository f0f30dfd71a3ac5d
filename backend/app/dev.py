"""`make dev`: database (embedded unless DATABASE_URL), migrations, demo data, then the API.

The embedded server lives as long as this process holds its handle, so everything runs here.
"""

import asyncio
import os

import asyncpg
import uvicorn

from app.config import get_settings
from app.main import create_app
from app.migrate import migrate_database
from app.pgserver import resolve_database_url
from app.seed import seed


async def _prepare() -> str:
    settings = get_settings()
    dsn = await resolve_database_url(settings)
    applied = await migrate_database(dsn)
    conn = await asyncpg.connect(dsn)
    try:
        await seed(conn)
    finally:
        await conn.close()
    print(f"dev: database ready ({len(applied)} new migration(s)), demo data loaded")
    return dsn


def main() -> None:
    dsn = asyncio.run(_prepare())
    settings = get_settings().model_copy(update={"database_url": dsn})
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    print(f"dev: API on http://{host}:{port} (OpenAPI at http://{host}:{port}/docs)")
    uvicorn.run(create_app(settings), host=host, port=port, log_config=None)


if __name__ == "__main__":
    main()
