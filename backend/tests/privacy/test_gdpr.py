"""GDPR self-service: GET /me/export, DELETE /me and purge-retained.

The catalog test walks pg_catalog: every column of schema app that holds a user's id is either
exported (catalog.EXPORTED) or deliberately excluded with a reason (catalog.EXCLUDED). The
deletion test then checks every such column: after DELETE /me no row points at the user except
the retained ones (catalog.RETAINED), and those carry no name, e-mail or free text."""

import asyncio
import io
import uuid
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import asyncpg
import httpx
import orjson
import pytest
from fastapi import FastAPI

from app.cli import build_parser
from app.config import Settings
from app.privacy import service
from app.privacy.catalog import EXCLUDED, EXPORTED, RETAINED, WITHHELD_FIELDS
from app.seed import DEMO_PASSWORD, demo_id, seed
from tests.conftest import MakeUser
from tests.media.conftest import PNG

# Columns that name a person although no foreign key says so would be listed here; the catalog
# query below also catches uuid columns with these endings that lack a foreign key.
PERSON_COLUMN_SUFFIXES = ("user_id", "_by", "author_id", "owner_id", "buyer_id", "seller_id")

USER_COLUMNS_SQL = """
SELECT c.relname AS table_name, a.attname AS column_name
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
WHERE n.nspname = 'app' AND k.contype = 'f' AND k.confrelid = 'app.profiles'::regclass
UNION
SELECT 'profiles', 'user_id'
UNION
SELECT c.relname, a.attname
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'app' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
  AND a.atttypid = 'uuid'::regtype
  AND a.attname LIKE ANY ($1::text[])
ORDER BY 1, 2
"""


async def user_columns(conn: asyncpg.Connection) -> set[tuple[str, str]]:
    patterns = [f"%{suffix}" for suffix in PERSON_COLUMN_SUFFIXES]
    return {
        (r["table_name"], r["column_name"]) for r in await conn.fetch(USER_COLUMNS_SQL, patterns)
    }


async def rows_pointing_at(
    conn: asyncpg.Connection, user_id: uuid.UUID
) -> dict[tuple[str, str], int]:
    counts = {}
    for table, column in sorted(await user_columns(conn)):
        counts[(table, column)] = await conn.fetchval(
            f'SELECT count(*) FROM app."{table}" WHERE "{column}" = $1', user_id
        )
    return counts


@pytest.fixture
def media_root(app: FastAPI, settings: Settings, tmp_path: Path) -> Iterator[Path]:
    """The app stores this test's uploads under tmp_path."""
    local = settings.model_copy(update={"media_root": tmp_path / "media"})
    original = app.state.settings
    app.state.settings = local
    yield tmp_path / "media"
    app.state.settings = original


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and ".incoming" not in p.parts]


async def sign_in(client: httpx.AsyncClient, email: str) -> dict[str, str]:
    r = await client.post("/auth/login", json={"email": email, "password": DEMO_PASSWORD})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


async def enrich_maja(
    client: httpx.AsyncClient, db: asyncpg.Connection, headers: dict[str, str]
) -> None:
    """Maja (demo student) gets rows in the places the demo data leaves empty for her."""
    maja = demo_id("maja")
    r = await client.put(
        "/me/avatar", files={"file": ("jag.png", PNG, "image/png")}, headers=headers
    )
    assert r.status_code == 200, r.text
    await db.execute(
        """INSERT INTO app.notifications (user_id, kind, title, body)
           VALUES ($1, 'message', 'Nytt meddelande', 'Astrid har svarat dig')""",
        maja,
    )
    await db.execute(
        """INSERT INTO app.mail_outbox (user_id, to_address, subject, body_text, status)
           VALUES ($1, 'maja@wisdom.local', 'Kvitto', 'Hej Maja Berg, tack för ditt köp.', 'kept')""",
        maja,
    )
    await db.execute(
        """INSERT INTO app.consents (user_id, kind, version, ip) VALUES ($1, 'terms', '2026-11-01',
           '192.0.2.7')""",
        maja,
    )
    await db.execute(
        """INSERT INTO app.audit_log (actor_id, subject_user_id, action, ip)
           VALUES ($1, $1, 'auth.login', '192.0.2.7')""",
        maja,
    )
    await db.execute(
        """INSERT INTO app.user_blocks (blocker_id, blocked_id) VALUES ($1, $2)""",
        maja,
        demo_id("elias"),
    )
    await db.execute(
        """INSERT INTO app.teacher_applications (user_id, motivation, status, reviewed_at,
                                                 reject_reason)
           VALUES ($1, 'Jag vill leda andningsgrupper.', 'rejected', now(), 'För tidigt')""",
        maja,
    )


# ---------------------------------------------------------------------------------------------
# The catalog.


async def test_every_user_column_is_exported_or_excluded_with_a_reason(
    db: asyncpg.Connection,
) -> None:
    columns = await user_columns(db)
    assert len(columns) > 40
    assert not set(EXPORTED) & set(EXCLUDED), "a column is both exported and excluded"
    unlisted = columns - set(EXPORTED) - set(EXCLUDED)
    assert not unlisted, (
        f"user columns neither exported nor excluded (app/privacy/catalog.py): {sorted(unlisted)}"
    )
    stale = (set(EXPORTED) | set(EXCLUDED) | set(RETAINED)) - columns
    assert not stale, f"listed columns that do not exist: {sorted(stale)}"
    assert all(len(reason) > 30 for reason in [*EXCLUDED.values(), *RETAINED.values()])
    # Every section named by the catalog has an exporter, and every exporter a column.
    assert set(EXPORTED.values()) == set(service.SECTIONS)


async def test_the_cli_has_purge_retained() -> None:
    parser, commands = build_parser()
    assert "purge-retained" in commands
    args = parser.parse_args(["purge-retained", "--apply"])
    assert args.apply is True


# ---------------------------------------------------------------------------------------------
# GET /me/export


async def test_export_needs_a_signed_in_user(client: httpx.AsyncClient) -> None:
    r = await client.get("/me/export")
    assert r.status_code == 401
    assert r.json()["error"] == "not_authenticated"


async def test_export_holds_everything_about_the_user_and_their_files(
    client: httpx.AsyncClient, db: asyncpg.Connection, settings: Settings, media_root: Path
) -> None:
    await seed(db)
    maja = demo_id("maja")
    headers = await sign_in(client, "maja@wisdom.local")
    await enrich_maja(client, db, headers)

    r = await client.get("/me/export", headers=headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/zip"
    assert "attachment" in r.headers["content-disposition"]
    archive = zipfile.ZipFile(io.BytesIO(r.content))
    document = orjson.loads(archive.read("export.json"))
    assert "Wisdom" in archive.read("LÄS_MIG.txt").decode()
    assert document["format"] == "wisdom-export/1"
    assert document["user_id"] == str(maja)

    # Every exported column: exactly the rows the database holds about her.
    present = 0
    for (table, column), section in EXPORTED.items():
        expected = await db.fetchval(
            f'SELECT count(*) FROM app."{table}" WHERE "{column}" = $1', maja
        )
        rows = document["sections"][section].get(table)
        assert rows is not None, f"{section}.{table} missing from the export"
        exported = [row for row in rows if row.get(column) == str(maja)]
        assert len(exported) == expected, (
            f"{table}.{column}: {len(exported)} exported, {expected} held"
        )
        present += expected > 0
    assert present >= 20, "the demo user should have data in most places"

    # Her uploaded avatar is in the archive, byte for byte; secrets and others' data are not.
    (media,) = document["media_files"]
    assert archive.read(media["path"]) == PNG
    assert all(
        "password_hash" not in row for row in document["sections"]["account"]["local_credentials"]
    )
    assert set(document["withheld_fields"]) == set(WITHHELD_FIELDS)
    assert "content_reports.target_author_id" in document["not_included"]
    body = archive.read("export.json").decode()
    others = await db.fetch("SELECT email FROM app.profiles WHERE user_id <> $1", maja)
    assert not [o["email"] for o in others if o["email"] in body]


async def test_export_is_rate_limited_per_user(
    app: FastAPI, client: httpx.AsyncClient, make_user: MakeUser, settings: Settings
) -> None:
    user = await make_user()
    original = app.state.settings
    app.state.settings = settings.model_copy(update={"privacy_export_rate_limit": "2/hour"})
    try:
        codes = [
            (await client.get("/me/export", headers=user.headers)).status_code for _ in range(3)
        ]
    finally:
        app.state.settings = original
    assert codes == [200, 200, 429]


# ---------------------------------------------------------------------------------------------
# DELETE /me


async def test_delete_needs_a_signed_in_user_and_the_password(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    r = await client.request("DELETE", "/me", json={"password": DEMO_PASSWORD})
    assert r.status_code == 401
    await seed(db)
    headers = await sign_in(client, "elias@wisdom.local")
    r = await client.request("DELETE", "/me", json={"password": "fel lösenord"}, headers=headers)
    assert r.status_code == 400 and r.json()["error"] == "wrong_password"
    r = await client.request("DELETE", "/me", headers=headers)
    assert r.status_code == 422
    r = await client.request("DELETE", "/me", json={"password": ""}, headers=headers)
    assert r.status_code == 422
    assert (await client.get("/me", headers=headers)).status_code == 200


async def test_delete_is_refused_while_others_depend_on_the_account(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    await seed(db)
    teacher = demo_id("astrid")
    await db.execute(
        """INSERT INTO app.seminars (id, host_id, title, starts_at, ends_at, capacity)
           VALUES ($1, $2, 'Vårdagjämning', now() + interval '3 days',
                   now() + interval '3 days 1 hour', 10)""",
        uuid.UUID(int=7),
        teacher,
    )
    await db.execute(
        "INSERT INTO app.seminar_attendees (seminar_id, user_id) VALUES ($1, $2)",
        uuid.UUID(int=7),
        demo_id("elias"),
    )
    headers = await sign_in(client, "astrid@wisdom.local")
    r = await client.request("DELETE", "/me", json={"password": DEMO_PASSWORD}, headers=headers)
    assert r.status_code == 409
    body = r.json()
    assert body["error"] == "account_has_obligations"
    assert any("seminar" in b for b in body["blockers"])
    assert (
        await db.fetchval("SELECT deleted_at FROM app.profiles WHERE user_id = $1", teacher) is None
    )


async def test_delete_leaves_no_personal_data_outside_the_retained_accounting_rows(
    client: httpx.AsyncClient, db: asyncpg.Connection, settings: Settings, media_root: Path
) -> None:
    await seed(db)
    maja = demo_id("maja")
    headers = await sign_in(client, "maja@wisdom.local")
    await enrich_maja(client, db, headers)
    before = await rows_pointing_at(db, maja)
    assert sum(1 for n in before.values() if n) >= 20
    stored = await asyncio.to_thread(stored_files, media_root)
    assert stored

    r = await client.request("DELETE", "/me", json={"password": DEMO_PASSWORD}, headers=headers)
    assert r.status_code == 204, r.text

    # Signed out everywhere, and no way back in.
    assert (await client.get("/me", headers=headers)).status_code == 401
    r = await client.post(
        "/auth/login", json={"email": "maja@wisdom.local", "password": DEMO_PASSWORD}
    )
    assert r.status_code == 401

    after = await rows_pointing_at(db, maja)
    left = {column: n for column, n in after.items() if n and column not in RETAINED}
    assert not left, f"rows still pointing at the deleted user: {left}"
    assert after[("profiles", "user_id")] == 1
    assert after[("service_orders", "buyer_id")] == before[("service_orders", "buyer_id")] > 0

    profile = await db.fetchrow("SELECT * FROM app.profiles WHERE user_id = $1", maja)
    assert profile["email"] == f"deleted-{maja.hex}@deleted.invalid"
    assert profile["display_name"] == "Borttagen användare"
    assert (profile["bio"], profile["avatar_media_id"]) == ("", None)
    assert profile["deleted_at"] is not None and profile["disabled_at"] is not None
    (audit,) = await db.fetch("SELECT * FROM app.audit_log WHERE subject_user_id = $1", maja)
    assert audit["action"] == "account.deleted" and audit["ip"] is None

    # The retained bookkeeping: no free text, kept to the end of the 7th year after payment.
    for order in await db.fetch("SELECT * FROM app.service_orders WHERE buyer_id = $1", maja):
        assert order["note"] == ""
        paid = order["paid_at"]
        expected = date(paid.astimezone(service.STOCKHOLM).year + 7, 12, 31) if paid else None
        assert order["retain_until"] == (expected or order["retain_until"])
    for payment in await db.fetch("SELECT * FROM app.payments WHERE user_id = $1", maja):
        assert payment["meta"] == {} and payment["retain_until"] is not None

    # Nothing anywhere still carries her address, and her files are gone from the store.
    for table in await db.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'app'"):
        name = table["tablename"]
        hits = await db.fetchval(
            f'SELECT count(*) FROM app."{name}" t WHERE t::text ILIKE $1', "%maja@wisdom.local%"
        )
        assert hits == 0, f"app.{name} still holds her e-mail address"
        named = await db.fetchval(
            f'SELECT count(*) FROM app."{name}" t WHERE strpos(t::text, $1) > 0', "Maja Berg"
        )
        assert named == 0, f"app.{name} still names her"
    for _ in range(50):
        if not any(p.exists() for p in stored):
            break
        await asyncio.sleep(0.05)
    assert not any(p.exists() for p in stored)


async def test_a_teacher_s_catalogue_is_archived_and_kept(
    client: httpx.AsyncClient, db: asyncpg.Connection, settings: Settings
) -> None:
    await seed(db)
    elias = demo_id("elias")
    await db.execute("UPDATE app.profiles SET role = 'teacher' WHERE user_id = $1", elias)
    service_id = await db.fetchval(
        """INSERT INTO app.services (teacher_id, title, kind, duration_minutes, price_cents,
                                     status, published_at)
           VALUES ($1, 'Andningscoachning', 'coaching', 60, 60000, 'active', now()) RETURNING id""",
        elias,
    )
    course_id = await db.fetchval(
        """INSERT INTO app.courses (teacher_id, title, status, published_at)
           VALUES ($1, 'Andas lugnt', 'published', now()) RETURNING id""",
        elias,
    )
    headers = await sign_in(client, "elias@wisdom.local")
    r = await client.request("DELETE", "/me", json={"password": DEMO_PASSWORD}, headers=headers)
    assert r.status_code == 204, r.text
    assert (
        await db.fetchval("SELECT status FROM app.services WHERE id = $1", service_id) == "archived"
    )
    assert (
        await db.fetchval("SELECT status FROM app.courses WHERE id = $1", course_id) == "archived"
    )
    left = {c: n for c, n in (await rows_pointing_at(db, elias)).items() if n and c not in RETAINED}
    assert not left
    r = await client.get("/services", params={"teacher_id": str(elias)})
    assert r.status_code == 200
    assert r.json()["items"] == []


async def test_two_deletions_at_once_erase_once(
    client: httpx.AsyncClient, db: asyncpg.Connection, settings: Settings
) -> None:
    await seed(db)
    headers = await sign_in(client, "elias@wisdom.local")
    results = await asyncio.gather(
        *(
            client.request("DELETE", "/me", json={"password": DEMO_PASSWORD}, headers=headers)
            for _ in range(3)
        )
    )
    codes = sorted(r.status_code for r in results)
    assert codes[0] == 204 and codes.count(204) == 1, codes
    assert set(codes[1:]) <= {400, 401}, codes
    assert (
        await db.fetchval(
            "SELECT count(*) FROM app.audit_log WHERE action = 'account.deleted' AND subject_user_id = $1",
            demo_id("elias"),
        )
        == 1
    )


# ---------------------------------------------------------------------------------------------
# purge-retained


async def test_purge_retained_deletes_bookkeeping_after_its_retention(
    client: httpx.AsyncClient, db: asyncpg.Connection, settings: Settings
) -> None:
    await seed(db)
    maja = demo_id("maja")
    headers = await sign_in(client, "maja@wisdom.local")
    r = await client.request("DELETE", "/me", json={"password": DEMO_PASSWORD}, headers=headers)
    assert r.status_code == 204
    orders = await db.fetch(
        "SELECT id, retain_until FROM app.service_orders WHERE buyer_id = $1 ORDER BY id", maja
    )
    assert orders and all(o["retain_until"] for o in orders)
    last_day = max(o["retain_until"] for o in orders)

    # Before the end of retention nothing goes; counting never deletes.
    assert (await service.purge_retained(db, last_day, apply=True)).orders < len(orders)
    preview = await service.purge_retained(db, last_day + timedelta(days=1), apply=False)
    assert preview.orders + preview.kept_for_enrollments == len(orders)
    assert (
        await db.fetchval("SELECT count(*) FROM app.service_orders WHERE buyer_id = $1", maja) > 0
    )

    payments = await db.fetchval("SELECT count(*) FROM app.payments WHERE user_id = $1", maja)
    assert payments > 0
    result = await service.purge_retained(db, last_day + timedelta(days=1), apply=True)
    # Her own enrollments went with her account, so no order is still needed by one.
    assert (result.orders, result.kept_for_enrollments) == (len(orders), 0)
    assert result.payments == payments
    assert await db.fetchval("SELECT count(*) FROM app.payments WHERE user_id = $1", maja) == 0
    assert (
        await db.fetchval("SELECT count(*) FROM app.service_orders WHERE buyer_id = $1", maja)
        == result.kept_for_enrollments
    )
    # Orders of people who still have their accounts are never touched.
    untouched = await db.fetchval(
        "SELECT count(*) FROM app.service_orders WHERE buyer_id <> $1 AND seller_id <> $1", maja
    )
    assert untouched == await db.fetchval(
        "SELECT count(*) FROM app.service_orders WHERE retain_until IS NULL"
    )
