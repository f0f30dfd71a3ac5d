"""The Supabase path, proven on plain PostgreSQL: a fresh database gets the real migrations, a
stand-in for what Supabase provides (standin.sql: schema auth, auth.uid() reading the request's
JWT claims, the roles anon, authenticated and service_role) and our policies
(backend/migrations/supabase/). Then, acting as those roles the way PostgREST does (SET ROLE and
request.jwt.claims per transaction), each user sees and changes only their own orders,
messages, enrollments and profile, and anon sees only public catalogue rows."""

import re
import secrets
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import orjson
import pytest

from app.migrate import migrate_database
from app.pgserver import ensure_database, with_database

HERE = Path(__file__).resolve().parent
SUPABASE_DIR = HERE.parents[1] / "migrations" / "supabase"
STANDIN = HERE / "standin.sql"
POLICY_FILES = [SUPABASE_DIR / "rls_policies.sql", SUPABASE_DIR / "auth_profiles.sql"]

# What anon may read at all (table privilege), everything else is closed to visitors.
PUBLIC_CATALOGUE = {
    "activities",
    "activities_feed",
    "app_config",
    "course_modules",
    "courses",
    "profiles",
    "seminars",
    "service_reviews",
    "services",
    "teacher_certifications",
}


@dataclass(frozen=True)
class World:
    teacher: uuid.UUID
    alice: uuid.UUID
    bob: uuid.UUID
    disabled: uuid.UUID
    service: uuid.UUID
    draft_service: uuid.UUID
    course: uuid.UUID
    draft_course: uuid.UUID
    free_course: uuid.UUID
    lesson: uuid.UUID
    seminar: uuid.UUID
    alice_order: uuid.UUID
    bob_order: uuid.UUID
    alice_message: int
    bob_message: int


@pytest.fixture(scope="module")
async def rls_url(server_url: str) -> AsyncIterator[str]:
    name = f"wisdom_rls_{secrets.token_hex(4)}"
    await ensure_database(server_url, name)
    url = with_database(server_url, name)
    try:
        await migrate_database(url)
        conn = await asyncpg.connect(url)
        try:
            await conn.execute(STANDIN.read_text())
            # Twice: the files are idempotent (Supabase runs them again after each migration).
            for _ in range(2):
                for path in POLICY_FILES:
                    await conn.execute(path.read_text())
        finally:
            await conn.close()
        yield url
    finally:
        admin = await asyncpg.connect(server_url)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


@pytest.fixture(scope="module")
async def owner(rls_url: str) -> AsyncIterator[asyncpg.Connection]:
    """The database owner (RLS does not apply): arranges rows and checks results."""
    conn = await asyncpg.connect(rls_url)
    try:
        yield conn
    finally:
        await conn.close()


async def _profile(conn: asyncpg.Connection, name: str, role: str, disabled: bool = False) -> Any:
    user_id = uuid.uuid4()
    await conn.execute(
        """INSERT INTO app.profiles (user_id, email, display_name, role, disabled_at)
           VALUES ($1, $2, $3, $4, CASE WHEN $5 THEN now() END)""",
        user_id,
        f"{name.lower()}-{user_id.hex[:6]}@example.se",
        name,
        role,
        disabled,
    )
    return user_id


async def _service(conn: asyncpg.Connection, teacher: uuid.UUID, status: str) -> Any:
    return await conn.fetchval(
        """INSERT INTO app.services (teacher_id, title, kind, duration_minutes, price_cents,
                                     status, published_at)
           VALUES ($1, 'Tarotläsning', 'reading', 45, 45000, $2,
                   CASE WHEN $2 = 'active' THEN now() END) RETURNING id""",
        teacher,
        status,
    )


async def _course(conn: asyncpg.Connection, teacher: uuid.UUID, status: str, price: int) -> Any:
    return await conn.fetchval(
        """INSERT INTO app.courses (teacher_id, title, price_cents, status, published_at)
           VALUES ($1, 'Meditation för nybörjare', $3, $2,
                   CASE WHEN $2 = 'published' THEN now() END) RETURNING id""",
        teacher,
        status,
        price,
    )


async def _order(
    conn: asyncpg.Connection, buyer: uuid.UUID, seller: uuid.UUID, service: uuid.UUID
) -> Any:
    return await conn.fetchval(
        """INSERT INTO app.service_orders (buyer_id, seller_id, item_kind, service_id, item_title,
                                           amount_cents)
           VALUES ($1, $2, 'service', $3, 'Tarotläsning', 45000) RETURNING id""",
        buyer,
        seller,
        service,
    )


async def _message(conn: asyncpg.Connection, sender: uuid.UUID, recipient: uuid.UUID) -> Any:
    a, b = sorted([sender, recipient])
    conversation = await conn.fetchval(
        """INSERT INTO app.conversations (user_a_id, user_b_id, last_message_at)
           VALUES ($1, $2, now()) RETURNING id""",
        a,
        b,
    )
    return await conn.fetchval(
        """INSERT INTO app.messages (conversation_id, sender_id, recipient_id, body)
           VALUES ($1, $2, $3, 'Hej! Har du tid på torsdag?') RETURNING id""",
        conversation,
        sender,
        recipient,
    )


@pytest.fixture(scope="module")
async def world(owner: asyncpg.Connection) -> World:
    teacher = await _profile(owner, "Astrid", "teacher")
    alice = await _profile(owner, "Alice", "student")
    bob = await _profile(owner, "Bob", "student")
    disabled = await _profile(owner, "Dora", "student", disabled=True)
    service = await _service(owner, teacher, "active")
    draft_service = await _service(owner, teacher, "draft")
    course = await _course(owner, teacher, "published", 99000)
    draft_course = await _course(owner, teacher, "draft", 0)
    free_course = await _course(owner, teacher, "published", 0)
    lesson = await owner.fetchval(
        "INSERT INTO app.lessons (course_id, title) VALUES ($1, 'Andas') RETURNING id", course
    )
    seminar = await owner.fetchval(
        """INSERT INTO app.seminars (host_id, title, starts_at, ends_at, capacity)
           VALUES ($1, 'Fullmåneceremoni', now() + interval '2 days',
                   now() + interval '2 days 1 hour', 20) RETURNING id""",
        teacher,
    )
    for user in (alice, bob):
        await owner.execute(
            "INSERT INTO app.enrollments (user_id, course_id, source) VALUES ($1, $2, 'free')",
            user,
            free_course,
        )
        await owner.execute(
            "INSERT INTO app.notifications (user_id, kind, title) VALUES ($1, 'message', 'Nytt')",
            user,
        )
    await owner.execute(
        """INSERT INTO app.activities (actor_id, kind, subject_type, subject_id, visibility)
           VALUES ($1, 'service_published', 'service', $2, 'public'),
                  ($1, 'wall_post', 'post', gen_random_uuid(), 'members')""",
        teacher,
        service,
    )
    return World(
        teacher=teacher,
        alice=alice,
        bob=bob,
        disabled=disabled,
        service=service,
        draft_service=draft_service,
        course=course,
        draft_course=draft_course,
        free_course=free_course,
        lesson=lesson,
        seminar=seminar,
        alice_order=await _order(owner, alice, teacher, service),
        bob_order=await _order(owner, bob, teacher, service),
        alice_message=await _message(owner, teacher, alice),
        bob_message=await _message(owner, teacher, bob),
    )


@asynccontextmanager
async def acting(
    conn: asyncpg.Connection, role: str, user_id: uuid.UUID | None = None
) -> AsyncIterator[asyncpg.Connection]:
    """One request as PostgREST makes it: a transaction with the role and the JWT's claims,
    always rolled back here so that every check starts from the same rows."""
    tx = conn.transaction()
    await tx.start()
    try:
        claims = {"role": role} | ({"sub": str(user_id)} if user_id else {})
        await conn.execute(f"SET LOCAL ROLE {role}")
        await conn.execute(
            "SELECT set_config('request.jwt.claims', $1, true)", orjson.dumps(claims).decode()
        )
        yield conn
    finally:
        await tx.rollback()


def _updated(status: str) -> int:
    """The row count of an UPDATE/DELETE command tag ('UPDATE 1')."""
    return int(status.split()[-1])


async def _refused(conn: asyncpg.Connection, sql: str, *args: object) -> str:
    """Run sql inside a savepoint and return why PostgreSQL refused it."""
    with pytest.raises(asyncpg.InsufficientPrivilegeError) as caught:
        async with conn.transaction():
            await conn.execute(sql, *args)
    return str(caught.value)


def _ids(rows: list[asyncpg.Record], column: str = "id") -> set[Any]:
    return {r[column] for r in rows}


# ---------------------------------------------------------------------------------------------
# Coverage: no table can be forgotten.


async def test_every_app_table_has_row_level_security(owner: asyncpg.Connection) -> None:
    rows = await owner.fetch(
        """SELECT c.relname, c.relrowsecurity FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'app' AND c.relkind IN ('r', 'p') ORDER BY 1"""
    )
    assert len(rows) >= 40
    without = [r["relname"] for r in rows if not r["relrowsecurity"]]
    assert without == [], f"tables without RLS (add them to rls_policies.sql): {without}"
    # ... and each is named in the policy file, with the reason next to it.
    text = (SUPABASE_DIR / "rls_policies.sql").read_text()
    named = set(re.findall(r"ALTER TABLE app\.(\w+) ENABLE ROW LEVEL SECURITY", text))
    assert {r["relname"] for r in rows} <= named


async def test_visitors_may_read_only_the_public_catalogue(owner: asyncpg.Connection) -> None:
    readable = await owner.fetch(
        """SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'app' AND c.relkind IN ('r', 'v')
             AND (has_table_privilege('anon', c.oid, 'SELECT')
                  OR has_any_column_privilege('anon', c.oid, 'SELECT'))"""
    )
    assert _ids(readable, "relname") == PUBLIC_CATALOGUE
    writable = await owner.fetch(
        """SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'app' AND c.relkind = 'r'
             AND (has_any_column_privilege('anon', c.oid, 'INSERT')
                  OR has_any_column_privilege('anon', c.oid, 'UPDATE')
                  OR has_table_privilege('anon', c.oid, 'DELETE'))"""
    )
    assert writable == []


async def test_credential_tables_are_closed_to_clients(owner: asyncpg.Connection) -> None:
    for table in ("local_credentials", "auth_sessions", "refresh_tokens", "password_resets"):
        for role in ("anon", "authenticated"):
            assert not await owner.fetchval(
                "SELECT has_any_column_privilege($1, $2::regclass, 'SELECT')",
                role,
                f"app.{table}",
            )
        assert await owner.fetchval(
            "SELECT has_table_privilege('service_role', $1::regclass, 'SELECT')", f"app.{table}"
        )


# ---------------------------------------------------------------------------------------------
# Anonymous visitors.


async def test_anon_sees_only_public_catalogue_rows(
    owner: asyncpg.Connection, world: World
) -> None:
    async with acting(owner, "anon") as conn:
        assert _ids(await conn.fetch("SELECT id FROM app.services")) == {world.service}
        assert _ids(await conn.fetch("SELECT id FROM app.courses")) == {
            world.course,
            world.free_course,
        }
        assert _ids(await conn.fetch("SELECT id FROM app.seminars")) == {world.seminar}
        # The teacher directory, without e-mail addresses; students stay private.
        profiles = await conn.fetch("SELECT user_id, display_name FROM app.profiles")
        assert _ids(profiles, "user_id") == {world.teacher}
        feed = await conn.fetch("SELECT kind, actor_display_name FROM app.activities_feed")
        assert [(r["kind"], r["actor_display_name"]) for r in feed] == [
            ("service_published", "Astrid")
        ]
        assert await conn.fetchval("SELECT count(*) FROM app.app_config") >= 3

    for sql in (
        "SELECT email FROM app.profiles",
        "SELECT id FROM app.service_orders",
        "SELECT id FROM app.messages",
        "SELECT id FROM app.enrollments",
        "SELECT id FROM app.lessons",
        "SELECT user_id FROM app.local_credentials",
    ):
        async with acting(owner, "anon") as conn:
            assert "permission denied" in await _refused(conn, sql)


# ---------------------------------------------------------------------------------------------
# Profiles.


async def test_a_user_sees_members_and_changes_only_their_own_profile(
    owner: asyncpg.Connection, world: World
) -> None:
    async with acting(owner, "authenticated", world.alice) as conn:
        seen = _ids(await conn.fetch("SELECT user_id FROM app.profiles"), "user_id")
        assert {world.teacher, world.alice, world.bob} <= seen
        assert world.disabled not in seen
        mine = await conn.execute(
            "UPDATE app.profiles SET display_name = 'Alice A.', bio = 'Yoga' WHERE user_id = $1",
            world.alice,
        )
        theirs = await conn.execute(
            "UPDATE app.profiles SET display_name = 'Hackad' WHERE user_id = $1", world.bob
        )
        assert (_updated(mine), _updated(theirs)) == (1, 0)
        assert (
            await conn.fetchval(
                "SELECT display_name FROM app.profiles WHERE user_id = $1", world.alice
            )
            == "Alice A."
        )
        # Role, e-mail and the disabled flag are not hers to touch, or even to read.
        assert "permission denied" in await _refused(
            conn, "UPDATE app.profiles SET role = 'admin' WHERE user_id = $1", world.alice
        )
        assert "permission denied" in await _refused(conn, "SELECT email FROM app.profiles")
    assert await owner.fetchval(
        "SELECT role FROM app.profiles WHERE user_id = $1", world.alice
    ) == ("student")


# ---------------------------------------------------------------------------------------------
# Orders.


async def test_a_user_sees_only_orders_they_are_party_to(
    owner: asyncpg.Connection, world: World
) -> None:
    async with acting(owner, "authenticated", world.alice) as conn:
        assert _ids(await conn.fetch("SELECT id FROM app.service_orders")) == {world.alice_order}
    async with acting(owner, "authenticated", world.bob) as conn:
        assert _ids(await conn.fetch("SELECT id FROM app.service_orders")) == {world.bob_order}
    async with acting(owner, "authenticated", world.teacher) as conn:
        assert _ids(await conn.fetch("SELECT id FROM app.service_orders")) == {
            world.alice_order,
            world.bob_order,
        }
    async with acting(owner, "service_role") as conn:
        assert await conn.fetchval("SELECT count(*) FROM app.service_orders") == 2


async def test_a_buyer_opens_orders_only_for_themselves_at_the_real_price(
    owner: asyncpg.Connection, world: World
) -> None:
    insert = """INSERT INTO app.service_orders (buyer_id, seller_id, item_kind, service_id,
                                                 item_title, amount_cents)
                VALUES ($1, $2, 'service', $3, 'Tarotläsning', $4) RETURNING id"""
    async with acting(owner, "authenticated", world.alice) as conn:
        assert await conn.fetchval(insert, world.alice, world.teacher, world.service, 45000)
        assert "row-level security" in await _refused(
            conn, insert, world.alice, world.teacher, world.service, 100
        )
        assert "row-level security" in await _refused(
            conn, insert, world.bob, world.teacher, world.service, 45000
        )
        assert "row-level security" in await _refused(
            conn, insert, world.alice, world.teacher, world.draft_service, 45000
        )
        # Paying is the webhook's business: status and amounts are not client columns.
        assert "permission denied" in await _refused(
            conn,
            """INSERT INTO app.service_orders (buyer_id, seller_id, item_kind, service_id,
                                               item_title, amount_cents, status, paid_at)
               VALUES ($1, $2, 'service', $3, 'T', 45000, 'paid', now())""",
            world.alice,
            world.teacher,
            world.service,
        )


async def test_a_buyer_cancels_only_their_own_pending_order(
    owner: asyncpg.Connection, world: World
) -> None:
    async with acting(owner, "authenticated", world.alice) as conn:
        cancel = (
            "UPDATE app.service_orders SET status = 'canceled', canceled_at = now() WHERE id = $1"
        )
        assert _updated(await conn.execute(cancel, world.bob_order)) == 0
        assert _updated(await conn.execute(cancel, world.alice_order)) == 1
    async with acting(owner, "authenticated", world.alice) as conn:
        assert "row-level security" in await _refused(
            conn,
            "UPDATE app.service_orders SET status = 'fulfilled' WHERE id = $1",
            world.alice_order,
        )
        assert "permission denied" in await _refused(
            conn, "UPDATE app.service_orders SET amount_cents = 1 WHERE id = $1", world.alice_order
        )
        assert "permission denied" in await _refused(
            conn, "DELETE FROM app.service_orders WHERE id = $1", world.alice_order
        )
    assert await owner.fetchval(
        "SELECT status FROM app.service_orders WHERE id = $1", world.bob_order
    ) == ("pending")


# ---------------------------------------------------------------------------------------------
# Messages.


async def test_a_user_reads_and_marks_only_their_own_messages(
    owner: asyncpg.Connection, world: World
) -> None:
    async with acting(owner, "authenticated", world.alice) as conn:
        assert _ids(await conn.fetch("SELECT id FROM app.messages")) == {world.alice_message}
        assert len(await conn.fetch("SELECT id FROM app.conversations")) == 1
        mark = "UPDATE app.messages SET read_at = now() WHERE id = $1"
        assert _updated(await conn.execute(mark, world.bob_message)) == 0
        assert _updated(await conn.execute(mark, world.alice_message)) == 1
        assert "permission denied" in await _refused(
            conn, "UPDATE app.messages SET body = 'ändrat' WHERE id = $1", world.alice_message
        )
        # Sending goes through the API (who may write to whom, blocks, rate limits).
        assert "permission denied" in await _refused(
            conn,
            """INSERT INTO app.messages (conversation_id, sender_id, recipient_id, body)
               SELECT id, $1, $2, 'hej' FROM app.conversations LIMIT 1""",
            world.alice,
            world.teacher,
        )
    async with acting(owner, "authenticated", world.teacher) as conn:
        # The sender sees both threads but cannot mark the recipients' messages read.
        assert _ids(await conn.fetch("SELECT id FROM app.messages")) == {
            world.alice_message,
            world.bob_message,
        }
        mark = "UPDATE app.messages SET read_at = now() WHERE id = $1"
        assert _updated(await conn.execute(mark, world.alice_message)) == 0


# ---------------------------------------------------------------------------------------------
# Enrollments, lessons, progress.


async def test_a_student_sees_and_leaves_only_their_own_enrollments(
    owner: asyncpg.Connection, world: World
) -> None:
    async with acting(owner, "authenticated", world.alice) as conn:
        rows = await conn.fetch("SELECT user_id FROM app.enrollments")
        assert _ids(rows, "user_id") == {world.alice}
        leave = "DELETE FROM app.enrollments WHERE user_id = $1 AND course_id = $2"
        assert _updated(await conn.execute(leave, world.bob, world.free_course)) == 0
        assert _updated(await conn.execute(leave, world.alice, world.free_course)) == 1
        # Enrolling is the API's (free-course limit, paid orders).
        assert "permission denied" in await _refused(
            conn,
            "INSERT INTO app.enrollments (user_id, course_id) VALUES ($1, $2)",
            world.alice,
            world.course,
        )
    assert await owner.fetchval("SELECT count(*) FROM app.enrollments") == 2


async def test_lessons_and_progress_follow_enrollment(
    owner: asyncpg.Connection, world: World
) -> None:
    async with acting(owner, "authenticated", world.alice) as conn:
        # Not enrolled in the paid course: its lessons stay closed, progress cannot be faked.
        assert await conn.fetch("SELECT id FROM app.lessons") == []
        assert "row-level security" in await _refused(
            conn,
            "INSERT INTO app.lesson_progress (user_id, lesson_id, course_id) VALUES ($1, $2, $3)",
            world.alice,
            world.lesson,
            world.course,
        )
    async with acting(owner, "authenticated", world.teacher) as conn:
        assert _ids(await conn.fetch("SELECT id FROM app.lessons")) == {world.lesson}


async def test_only_teachers_create_catalogue_items(
    owner: asyncpg.Connection, world: World
) -> None:
    insert = "INSERT INTO app.courses (teacher_id, title) VALUES ($1, 'Egen kurs') RETURNING id"
    async with acting(owner, "authenticated", world.alice) as conn:
        assert "row-level security" in await _refused(conn, insert, world.alice)
        assert "row-level security" in await _refused(conn, insert, world.teacher)
        # Drafts of others stay invisible.
        assert world.draft_course not in _ids(await conn.fetch("SELECT id FROM app.courses"))
    async with acting(owner, "authenticated", world.teacher) as conn:
        assert await conn.fetchval(insert, world.teacher)
        assert world.draft_course in _ids(await conn.fetch("SELECT id FROM app.courses"))


async def test_notifications_are_private(owner: asyncpg.Connection, world: World) -> None:
    async with acting(owner, "authenticated", world.alice) as conn:
        rows = await conn.fetch("SELECT user_id FROM app.notifications")
        assert _ids(rows, "user_id") == {world.alice}
        assert _updated(await conn.execute("UPDATE app.notifications SET read_at = now()")) == 1
        for table in ("mail_outbox", "audit_log", "stripe_events", "quiz_questions"):
            assert "permission denied" in await _refused(conn, f"SELECT * FROM app.{table}")


# ---------------------------------------------------------------------------------------------
# Sign-up through Supabase Auth.


async def test_a_new_auth_user_gets_a_profile_with_the_same_id(owner: asyncpg.Connection) -> None:
    tx = owner.transaction()
    await tx.start()
    try:
        user_id = await owner.fetchval(
            """INSERT INTO auth.users (email, raw_user_meta_data)
               VALUES ('sigrid@example.se', '{"display_name": "Sigrid"}') RETURNING id"""
        )
        profile = await owner.fetchrow(
            "SELECT email, display_name, role FROM app.profiles WHERE user_id = $1", user_id
        )
        assert dict(profile) == {
            "email": "sigrid@example.se",
            "display_name": "Sigrid",
            "role": "student",
        }
        await owner.execute(
            "UPDATE auth.users SET email = 'sigrid@exempel.se' WHERE id = $1", user_id
        )
        assert (
            await owner.fetchval("SELECT email FROM app.profiles WHERE user_id = $1", user_id)
            == "sigrid@exempel.se"
        )
        async with acting(owner, "authenticated", user_id) as conn:
            assert await conn.fetchval(
                "SELECT display_name FROM app.profiles WHERE user_id = auth.uid()"
            ) == ("Sigrid")
    finally:
        await tx.rollback()
