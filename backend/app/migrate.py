"""Apply backend/migrations/sql/*.sql in name order, once each, refusing edited files.

Usage: python -m app.migrate     (DATABASE_URL, or the embedded server)
"""

import asyncio
import hashlib
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

import asyncpg

from app.config import get_settings
from app.db import Connection
from app.pgserver import resolve_database_url

MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "migrations" / "sql"
# Serialises concurrent runners (two API processes starting at once).
_ADVISORY_LOCK_KEY = 0x57_15_D0_4D

log = logging.getLogger("wisdom.migrate")

_BOOTSTRAP = """
CREATE SCHEMA IF NOT EXISTS app;
CREATE TABLE IF NOT EXISTS app.schema_migrations (
    filename   text PRIMARY KEY,
    checksum   text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
"""


class MigrationError(Exception):
    pass


@dataclass(frozen=True)
class Migration:
    filename: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def load_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    return [
        Migration(p.name, p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.sql"))
    ]


async def apply_migrations(
    conn: Connection, migrations: list[Migration] | None = None
) -> list[str]:
    """Apply what is new; return the filenames applied. Each file runs in its own transaction."""
    migrations = load_migrations() if migrations is None else migrations
    await conn.execute("SELECT pg_advisory_lock($1)", _ADVISORY_LOCK_KEY)
    try:
        await conn.execute(_BOOTSTRAP)
        applied = {
            r["filename"]: r["checksum"]
            for r in await conn.fetch("SELECT filename, checksum FROM app.schema_migrations")
        }
        done: list[str] = []
        for m in migrations:
            recorded = applied.get(m.filename)
            if recorded == m.checksum:
                continue
            if recorded is not None:
                raise MigrationError(
                    f"{m.filename} was changed after it was applied (recorded checksum "
                    f"{recorded[:12]}, file now {m.checksum[:12]}). Applied migrations are "
                    "never edited: restore the file and put the change in a new file."
                )
            async with conn.transaction():
                await conn.execute(m.sql)
                await conn.execute(
                    "INSERT INTO app.schema_migrations (filename, checksum) VALUES ($1, $2)",
                    m.filename,
                    m.checksum,
                )
            log.info("applied migration", extra={"migration": m.filename})
            done.append(m.filename)
        return done
    finally:
        await conn.execute("SELECT pg_advisory_unlock($1)", _ADVISORY_LOCK_KEY)


async def current_version(conn: Connection) -> str | None:
    """The last applied migration file, or None on an empty database."""
    if not await conn.fetchval("SELECT to_regclass('app.schema_migrations') IS NOT NULL"):
        return None
    version: str | None = await conn.fetchval(
        "SELECT filename FROM app.schema_migrations ORDER BY filename DESC LIMIT 1"
    )
    return version


async def migrate_database(dsn: str) -> list[str]:
    conn = await asyncpg.connect(dsn)
    try:
        return await apply_migrations(conn)
    finally:
        await conn.close()


async def _main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    dsn = await resolve_database_url(get_settings())
    try:
        done = await migrate_database(dsn)
    except MigrationError as exc:
        print(f"migrate: refused: {exc}", file=sys.stderr)
        return 1
    print(
        f"migrate: applied {len(done)} file(s){': ' + ', '.join(done) if done else ''}; "
        "database is up to date"
    )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(_main()))
