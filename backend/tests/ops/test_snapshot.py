"""A snapshot restored into a fresh database has the same rows per table and the same
migration version."""

import secrets
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import pytest

from app import ops
from app.migrate import current_version
from app.seed import seed


async def _row_counts(conn: asyncpg.Connection) -> dict[str, int]:
    tables = [
        r["tablename"]
        for r in await conn.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'app' ORDER BY 1"
        )
    ]
    return {t: await conn.fetchval(f"SELECT count(*) FROM app.{t}") for t in tables}


async def test_snapshot_restores_into_a_fresh_database(
    db: asyncpg.Connection, database_url: str, server_url: str, tmp_path: Path
) -> None:
    await seed(db)
    before = await _row_counts(db)
    assert before["profiles"] > 0 and before["courses"] > 0

    dump = await ops.snapshot(database_url, tmp_path)
    assert dump.name.startswith("wisdom-") and dump.stat().st_size > 0

    name = f"wisdom_restore_{secrets.token_hex(4)}"
    url = await ops.restore(dump, server_url, name)
    restored = await asyncpg.connect(url)
    try:
        assert await _row_counts(restored) == before
        assert await current_version(restored) == await current_version(db)
    finally:
        await restored.close()
        admin = await asyncpg.connect(server_url)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def test_restore_refuses_an_existing_database(
    database_url: str, server_url: str, tmp_path: Path
) -> None:
    dump = await ops.snapshot(database_url, tmp_path)
    existing = urlsplit(database_url).path.lstrip("/")
    with pytest.raises(ops.OpsError, match="already exists"):
        await ops.restore(dump, server_url, existing)


async def test_restore_of_a_missing_file_is_refused(server_url: str, tmp_path: Path) -> None:
    with pytest.raises(ops.OpsError, match="no such snapshot"):
        await ops.restore(tmp_path / "nope.dump", server_url, "wisdom_never")
