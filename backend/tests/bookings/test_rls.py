"""The bookings' row-level security on the Supabase path (policies of rls_policies.sql on plain
PostgreSQL, acting as PostgREST does): a booking and a package are seen by their student and
their teacher only; availability by its teacher; clients never write bookings themselves."""

import uuid
from typing import Any

import asyncpg

from tests.supabase.test_rls import acting, owner, rls_url  # noqa: F401 - fixtures


async def _profile(conn: asyncpg.Connection, name: str, role: str) -> Any:
    return await conn.fetchval(
        """INSERT INTO app.profiles (email, display_name, role) VALUES ($1, $2, $3)
           RETURNING user_id""",
        f"{name.lower()}-{uuid.uuid4().hex[:6]}@example.se",
        name,
        role,
    )


async def _booking_world(conn: asyncpg.Connection) -> dict[str, Any]:
    teacher = await _profile(conn, "Johan", "teacher")
    other_teacher = await _profile(conn, "Astrid", "teacher")
    alice = await _profile(conn, "Alice", "student")
    bob = await _profile(conn, "Bob", "student")
    service = await conn.fetchval(
        """INSERT INTO app.services (teacher_id, title, kind, duration_minutes, price_cents,
                                     status, published_at)
           VALUES ($1, 'Samtal', 'coaching', 60, 60000, 'active', now()) RETURNING id""",
        teacher,
    )
    order = await conn.fetchval(
        """INSERT INTO app.service_orders (buyer_id, seller_id, item_kind, service_id, item_title,
                                           amount_cents, status, paid_at)
           VALUES ($1, $2, 'service', $3, 'Samtal', 60000, 'paid', now()) RETURNING id""",
        alice,
        teacher,
        service,
    )
    booking = await conn.fetchval(
        """INSERT INTO app.bookings (order_id, service_id, student_id, teacher_id, title,
                                     starts_at, ends_at, blocked_until, status,
                                     cancellation_window_hours)
           VALUES ($1, $2, $3, $4, 'Samtal', now() + interval '3 days',
                   now() + interval '3 days 1 hour', now() + interval '3 days 1 hour',
                   'booked', 24) RETURNING id""",
        order,
        service,
        alice,
        teacher,
    )
    await conn.execute(
        """INSERT INTO app.session_packages (order_id, service_id, student_id, teacher_id, title,
                                             credits_total, session_minutes, valid_months)
           VALUES ($1, $2, $3, $4, 'Paket', 5, 60, 6)""",
        order,
        service,
        alice,
        teacher,
    )
    await conn.execute("INSERT INTO app.availability_settings (teacher_id) VALUES ($1)", teacher)
    return {
        "teacher": teacher,
        "other_teacher": other_teacher,
        "alice": alice,
        "bob": bob,
        "booking": booking,
        "service": service,
    }


async def test_bookings_and_packages_are_seen_by_their_two_parties_only(
    owner: asyncpg.Connection,  # noqa: F811 - the imported fixture
) -> None:
    world = await _booking_world(owner)
    for user, visible in (
        (world["alice"], 1),
        (world["teacher"], 1),
        (world["bob"], 0),
        (world["other_teacher"], 0),
    ):
        async with acting(owner, "authenticated", user) as conn:
            assert await conn.fetchval("SELECT count(*) FROM app.bookings") == visible
            assert await conn.fetchval("SELECT count(*) FROM app.session_packages") == visible
    async with acting(owner, "anon") as conn:
        try:
            await conn.fetchval("SELECT count(*) FROM app.bookings")
        except asyncpg.InsufficientPrivilegeError as refused:
            assert "permission denied" in str(refused)
        else:
            raise AssertionError("anon read app.bookings")


async def test_clients_never_write_bookings_themselves(
    owner: asyncpg.Connection,  # noqa: F811 - the imported fixture
) -> None:
    world = await _booking_world(owner)
    async with acting(owner, "authenticated", world["alice"]) as conn:
        try:
            await conn.execute(
                "UPDATE app.bookings SET status = 'canceled', canceled_at = now() WHERE id = $1",
                world["booking"],
            )
        except asyncpg.InsufficientPrivilegeError as refused:
            assert "permission denied" in str(refused)
        else:
            raise AssertionError("a student changed a booking directly")


async def test_availability_belongs_to_its_teacher(
    owner: asyncpg.Connection,  # noqa: F811 - the imported fixture
) -> None:
    world = await _booking_world(owner)
    async with acting(owner, "authenticated", world["other_teacher"]) as conn:
        assert await conn.fetchval("SELECT count(*) FROM app.availability_settings") == 0
        await conn.execute(
            """INSERT INTO app.availability_weekly (teacher_id, weekday, start_minute, end_minute)
               VALUES ($1, 1, 540, 720)""",
            world["other_teacher"],
        )
        assert await conn.fetchval("SELECT count(*) FROM app.availability_weekly") == 1
    async with acting(owner, "authenticated", world["teacher"]) as conn:
        assert await conn.fetchval("SELECT count(*) FROM app.availability_settings") == 1
    async with acting(owner, "authenticated", world["alice"]) as conn:
        try:
            await conn.execute(
                """INSERT INTO app.availability_weekly (teacher_id, weekday, start_minute,
                                                         end_minute)
                   VALUES ($1, 1, 540, 720)""",
                world["alice"],
            )
        except asyncpg.InsufficientPrivilegeError as refused:
            assert "row-level security" in str(refused)
        else:
            raise AssertionError("a student saved availability")
