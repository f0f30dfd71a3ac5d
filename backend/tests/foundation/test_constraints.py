"""Every constraint of the core schema rejects a bad row (and accepts the good one beside it)."""

import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

NOW = datetime.now(UTC)
T, S, S2 = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
COURSE, LESSON, SERVICE, SEMINAR, ORDER = (uuid.uuid4() for _ in range(5))


@pytest.fixture
async def base(db: asyncpg.Connection) -> asyncpg.Connection:
    """One good row of everything the bad rows are compared with."""
    await db.execute(
        """INSERT INTO app.profiles (user_id, email, display_name, role) VALUES
        ($1, 'teacher@example.se', 'Lärare', 'teacher'),
        ($2, 'student@example.se', 'Elev', 'student'),
        ($3, 'other@example.se', 'Annan', 'student')""",
        T,
        S,
        S2,
    )
    await db.execute(
        "INSERT INTO app.courses (id, teacher_id, title) VALUES ($1, $2, 'Kurs')", COURSE, T
    )
    await db.execute(
        "INSERT INTO app.lessons (id, course_id, title) VALUES ($1, $2, 'L1')", LESSON, COURSE
    )
    await db.execute(
        """INSERT INTO app.services (id, teacher_id, title, kind, duration_minutes,
        price_cents) VALUES ($1, $2, 'Läsning', 'reading', 60, 50000)""",
        SERVICE,
        T,
    )
    await db.execute(
        """INSERT INTO app.seminars (id, host_id, title, starts_at, ends_at, capacity)
        VALUES ($1, $2, 'Seminarium', $3, $4, 10)""",
        SEMINAR,
        T,
        NOW,
        NOW + timedelta(hours=1),
    )
    await db.execute(
        """INSERT INTO app.service_orders (id, buyer_id, seller_id, item_kind,
        service_id, item_title, amount_cents) VALUES ($1, $2, $3, 'service', $4, 'Läsning', 50000)""",
        ORDER,
        S,
        T,
        SERVICE,
    )
    await db.execute(
        """INSERT INTO app.enrollments (user_id, course_id) VALUES ($1, $2)""", S, COURSE
    )
    await db.execute(
        """INSERT INTO app.service_reviews (order_id, service_id, author_id, rating)
        VALUES ($1, $2, $3, 5)""",
        ORDER,
        SERVICE,
        S,
    )
    await db.execute(
        """INSERT INTO app.payments (order_id, user_id, provider, provider_ref,
        amount_cents) VALUES ($1, $2, 'stripe', 'cs_test_1', 50000)""",
        ORDER,
        S,
    )
    return db


BAD_ROWS = [
    (
        "duplicate email, other case",
        asyncpg.UniqueViolationError,
        "INSERT INTO app.profiles (email, display_name) VALUES ('TEACHER@example.se', 'X')",
    ),
    (
        "unknown role",
        asyncpg.CheckViolationError,
        "INSERT INTO app.profiles (email, display_name, role) VALUES ('r@example.se', 'X', 'root')",
    ),
    (
        "empty display name",
        asyncpg.CheckViolationError,
        "INSERT INTO app.profiles (email, display_name) VALUES ('e@example.se', '  ')",
    ),
    (
        "negative course price",
        asyncpg.CheckViolationError,
        f"INSERT INTO app.courses (teacher_id, title, price_cents) VALUES ('{T}', 'K', -1)",
    ),
    (
        "unknown course status",
        asyncpg.CheckViolationError,
        f"INSERT INTO app.courses (teacher_id, title, status) VALUES ('{T}', 'K', 'live')",
    ),
    (
        "paid intro course",
        asyncpg.CheckViolationError,
        f"INSERT INTO app.courses (teacher_id, title, is_intro, price_cents) VALUES ('{T}', 'K', true, 100)",
    ),
    (
        "course of unknown teacher",
        asyncpg.ForeignKeyViolationError,
        f"INSERT INTO app.courses (teacher_id, title) VALUES ('{uuid.uuid4()}', 'K')",
    ),
    (
        "negative lesson position",
        asyncpg.CheckViolationError,
        f"INSERT INTO app.lessons (course_id, title, position) VALUES ('{COURSE}', 'L', -1)",
    ),
    (
        "second enrollment",
        asyncpg.UniqueViolationError,
        f"INSERT INTO app.enrollments (user_id, course_id) VALUES ('{S}', '{COURSE}')",
    ),
    (
        "purchase enrollment without order",
        asyncpg.CheckViolationError,
        f"INSERT INTO app.enrollments (user_id, course_id, source) VALUES ('{S2}', '{COURSE}', 'purchase')",
    ),
    (
        "negative service price",
        asyncpg.CheckViolationError,
        f"INSERT INTO app.services (teacher_id, title, kind, duration_minutes, price_cents) "
        f"VALUES ('{T}', 'S', 'reading', 60, -5)",
    ),
    (
        "unknown service status",
        asyncpg.CheckViolationError,
        f"INSERT INTO app.services (teacher_id, title, kind, duration_minutes, price_cents, status) "
        f"VALUES ('{T}', 'S', 'reading', 60, 5, 'sold')",
    ),
    (
        "seminar ending before it starts",
        asyncpg.CheckViolationError,
        f"INSERT INTO app.seminars (host_id, title, starts_at, ends_at, capacity) "
        f"VALUES ('{T}', 'S', now(), now() - interval '1 hour', 10)",
    ),
    (
        "seminar without capacity",
        asyncpg.CheckViolationError,
        f"INSERT INTO app.seminars (host_id, title, starts_at, ends_at, capacity) "
        f"VALUES ('{T}', 'S', now(), now() + interval '1 hour', 0)",
    ),
    (
        "unknown seminar status",
        asyncpg.CheckViolationError,
        f"INSERT INTO app.seminars (host_id, title, starts_at, ends_at, capacity, status) "
        f"VALUES ('{T}', 'S', now(), now() + interval '1 hour', 5, 'paused')",
    ),
    (
        "second seat for one user",
        asyncpg.UniqueViolationError,
        f"INSERT INTO app.seminar_attendees (seminar_id, user_id) VALUES ('{SEMINAR}', '{S}'), "
        f"('{SEMINAR}', '{S}')",
    ),
    (
        "order with negative amount",
        asyncpg.CheckViolationError,
        f"INSERT INTO app.service_orders (buyer_id, seller_id, item_kind, service_id, item_title, "
        f"amount_cents) VALUES ('{S}', '{T}', 'service', '{SERVICE}', 'X', -1)",
    ),
    (
        "order with unknown status",
        asyncpg.CheckViolationError,
        f"INSERT INTO app.service_orders (buyer_id, seller_id, item_kind, service_id, item_title, "
        f"amount_cents, status) VALUES ('{S}', '{T}', 'service', '{SERVICE}', 'X', 1, 'shipped')",
    ),
    (
        "order of kind service without a service",
        asyncpg.CheckViolationError,
        f"INSERT INTO app.service_orders (buyer_id, seller_id, item_kind, course_id, item_title, "
        f"amount_cents) VALUES ('{S}', '{T}', 'service', '{COURSE}', 'X', 1)",
    ),
    (
        "order with two items",
        asyncpg.CheckViolationError,
        f"INSERT INTO app.service_orders (buyer_id, seller_id, item_kind, service_id, course_id, "
        f"item_title, amount_cents) VALUES ('{S}', '{T}', 'service', '{SERVICE}', '{COURSE}', 'X', 1)",
    ),
    (
        "buyer buying from themself",
        asyncpg.CheckViolationError,
        f"INSERT INTO app.service_orders (buyer_id, seller_id, item_kind, service_id, item_title, "
        f"amount_cents) VALUES ('{T}', '{T}', 'service', '{SERVICE}', 'X', 1)",
    ),
    (
        "refund larger than the order",
        asyncpg.CheckViolationError,
        f"UPDATE app.service_orders SET refunded_cents = amount_cents + 1 WHERE id = '{ORDER}'",
    ),
    (
        "rating 0",
        asyncpg.CheckViolationError,
        f"INSERT INTO app.service_reviews (order_id, service_id, author_id, rating) "
        f"VALUES ('{ORDER}', '{SERVICE}', '{S}', 0)",
    ),
    (
        "rating 6",
        asyncpg.CheckViolationError,
        f"UPDATE app.service_reviews SET rating = 6 WHERE order_id = '{ORDER}'",
    ),
    (
        "second review of one order",
        asyncpg.UniqueViolationError,
        f"INSERT INTO app.service_reviews (order_id, service_id, author_id, rating) "
        f"VALUES ('{ORDER}', '{SERVICE}', '{S}', 4)",
    ),
    (
        "payment with negative amount",
        asyncpg.CheckViolationError,
        f"INSERT INTO app.payments (order_id, user_id, provider, provider_ref, amount_cents) "
        f"VALUES ('{ORDER}', '{S}', 'stripe', 'cs_2', -1)",
    ),
    (
        "payment with unknown provider",
        asyncpg.CheckViolationError,
        f"INSERT INTO app.payments (order_id, user_id, provider, provider_ref, amount_cents) "
        f"VALUES ('{ORDER}', '{S}', 'paypal', 'x', 1)",
    ),
    (
        "payment with unknown status",
        asyncpg.CheckViolationError,
        "UPDATE app.payments SET status = 'lost' WHERE provider_ref = 'cs_test_1'",
    ),
    (
        "one provider reference twice",
        asyncpg.UniqueViolationError,
        f"INSERT INTO app.payments (order_id, user_id, provider, provider_ref, amount_cents) "
        f"VALUES ('{ORDER}', '{S}', 'stripe', 'cs_test_1', 1)",
    ),
    (
        "two payout accounts of one kind",
        asyncpg.UniqueViolationError,
        f"INSERT INTO app.teacher_payout_methods (teacher_id, account_id) VALUES "
        f"('{T}', 'acct_1'), ('{T}', 'acct_2')",
    ),
    (
        "unknown activity kind",
        asyncpg.CheckViolationError,
        f"INSERT INTO app.activities (actor_id, kind, subject_type, subject_id) "
        f"VALUES ('{T}', 'hacked', 'course', '{COURSE}')",
    ),
    (
        "deleting a teacher who sells",
        # PostgreSQL 15 reports a RESTRICT violation as 23503, 18 as 23001: both refuse it.
        (asyncpg.RestrictViolationError, asyncpg.ForeignKeyViolationError),
        f"DELETE FROM app.profiles WHERE user_id = '{T}'",
    ),
]


@pytest.mark.parametrize(("case", "error", "sql"), BAD_ROWS, ids=[c[0] for c in BAD_ROWS])
async def test_constraint_rejects_bad_row(
    base: asyncpg.Connection,
    case: str,
    error: type[Exception] | tuple[type[Exception], ...],
    sql: str,
) -> None:
    with pytest.raises(error):
        async with base.transaction():
            await base.execute(sql)


async def test_updated_at_is_kept_by_the_trigger(base: asyncpg.Connection) -> None:
    before = await base.fetchval("SELECT updated_at FROM app.profiles WHERE user_id = $1", S)
    async with base.transaction():
        await base.execute("UPDATE app.profiles SET bio = 'Ny' WHERE user_id = $1", S)
    after = await base.fetchval("SELECT updated_at FROM app.profiles WHERE user_id = $1", S)
    assert after > before


async def test_feed_view_shows_the_actor(base: asyncpg.Connection) -> None:
    await base.execute(
        """INSERT INTO app.activities (actor_id, kind, subject_type, subject_id,
        subject_title) VALUES ($1, 'course_published', 'course', $2, 'Kurs')""",
        T,
        COURSE,
    )
    row = await base.fetchrow("SELECT * FROM app.activities_feed")
    assert row["actor_display_name"] == "Lärare"
    assert row["subject_title"] == "Kurs"
