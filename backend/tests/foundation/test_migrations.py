"""Migrations: create everything on an empty database, idempotent, refuse edited files."""

import secrets
from collections.abc import AsyncIterator

import asyncpg
import pytest

from app.migrate import (
    Migration,
    MigrationError,
    apply_migrations,
    current_version,
    load_migrations,
)
from app.pgserver import ensure_database, with_database
from tests.foundation.catalog import catalog_snapshot
from tests.foundation.servers import extra_servers

CORE_TABLES = {
    "profiles",
    "courses",
    "lessons",
    "enrollments",
    "services",
    "service_orders",
    "service_reviews",
    "payments",
    "teacher_payout_methods",
    "seminars",
    "seminar_attendees",
    "activities",
    "schema_migrations",
}


@pytest.fixture(params=["suite", *extra_servers()])
async def empty_db(
    request: pytest.FixtureRequest, server_url: str
) -> AsyncIterator[asyncpg.Connection]:
    """A brand-new database on each server under test."""
    base = server_url if request.param == "suite" else request.param
    name = f"wisdom_migr_{secrets.token_hex(4)}"
    await ensure_database(base, name)
    conn = await asyncpg.connect(with_database(base, name))
    try:
        yield conn
    finally:
        await conn.close()
        admin = await asyncpg.connect(base)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def test_migrations_create_every_table_and_the_view(empty_db: asyncpg.Connection) -> None:
    assert await current_version(empty_db) is None
    applied = await apply_migrations(empty_db)
    assert applied == [m.filename for m in load_migrations()]
    tables = {
        r["tablename"]
        for r in await empty_db.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'app'")
    }
    assert tables >= CORE_TABLES
    assert await empty_db.fetchval("SELECT to_regclass('app.activities_feed') IS NOT NULL")
    assert await current_version(empty_db) == applied[-1]
    public = await empty_db.fetchval(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public'"
    )
    assert public == 0


async def test_second_run_changes_nothing(empty_db: asyncpg.Connection) -> None:
    await apply_migrations(empty_db)
    before = await catalog_snapshot(empty_db)
    assert await apply_migrations(empty_db) == []
    # Running every file again by hand (bypassing the record) must not fail or change anything.
    for m in load_migrations():
        await empty_db.execute(m.sql)
    after = await catalog_snapshot(empty_db)
    for part in before:
        assert before[part] == after[part], f"second run changed {part}"


async def test_edited_applied_file_is_refused(empty_db: asyncpg.Connection) -> None:
    migrations = load_migrations()
    await apply_migrations(empty_db, migrations)
    edited = [
        *migrations[:-1],
        Migration(migrations[-1].filename, migrations[-1].sql + "\n-- edit\n"),
    ]
    with pytest.raises(MigrationError, match="changed after it was applied"):
        await apply_migrations(empty_db, edited)


async def test_each_file_runs_in_its_own_transaction(empty_db: asyncpg.Connection) -> None:
    good = Migration(
        "01_good.sql", "CREATE SCHEMA IF NOT EXISTS app; CREATE TABLE app.t_ok (id int);"
    )
    bad = Migration("02_bad.sql", "CREATE TABLE app.t_half (id int); SELECT no_such_function();")
    with pytest.raises(asyncpg.UndefinedFunctionError):
        await apply_migrations(empty_db, [good, bad])
    assert await empty_db.fetchval("SELECT to_regclass('app.t_ok') IS NOT NULL")
    assert not await empty_db.fetchval("SELECT to_regclass('app.t_half') IS NOT NULL")
    recorded = [
        r["filename"] for r in await empty_db.fetch("SELECT filename FROM app.schema_migrations")
    ]
    assert recorded == ["01_good.sql"]
