"""SQL of bookings: availability rules, bookings (holds included) and session packages."""

import uuid
from datetime import date, datetime
from typing import Any

from app.db import Connection
from app.services.service import FOR_ORDER_SQL

# --- availability -----------------------------------------------------------------------------


async def get_settings(conn: Connection, teacher_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        """SELECT teacher_id, buffer_minutes, min_notice_minutes, max_days_ahead,
                  cancellation_window_hours, meeting_url, location, updated_at
           FROM app.availability_settings WHERE teacher_id = $1""",
        teacher_id,
    )


async def service_with_settings(conn: Connection, service_id: uuid.UUID) -> Any:
    """The service as an order sees it and its teacher's booking settings (get_settings'
    columns prefixed rules_, all NULL when the teacher takes no bookings), in one round trip."""
    return await conn.fetchrow(
        f"""SELECT s.*, a.teacher_id AS rules_teacher_id,
                   a.buffer_minutes AS rules_buffer_minutes,
                   a.min_notice_minutes AS rules_min_notice_minutes,
                   a.max_days_ahead AS rules_max_days_ahead,
                   a.cancellation_window_hours AS rules_cancellation_window_hours,
                   a.meeting_url AS rules_meeting_url, a.location AS rules_location
            FROM ({FOR_ORDER_SQL}) AS s
            LEFT JOIN app.availability_settings a ON a.teacher_id = s.teacher_id""",  # noqa: S608 - fixed fragments
        service_id,
    )


async def upsert_settings(
    conn: Connection,
    teacher_id: uuid.UUID,
    *,
    buffer_minutes: int,
    min_notice_minutes: int,
    max_days_ahead: int,
    cancellation_window_hours: int,
    meeting_url: str,
    location: str,
) -> None:
    await conn.execute(
        """INSERT INTO app.availability_settings (teacher_id, buffer_minutes, min_notice_minutes,
                                                  max_days_ahead, cancellation_window_hours,
                                                  meeting_url, location)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (teacher_id) DO UPDATE
           SET buffer_minutes = EXCLUDED.buffer_minutes,
               min_notice_minutes = EXCLUDED.min_notice_minutes,
               max_days_ahead = EXCLUDED.max_days_ahead,
               cancellation_window_hours = EXCLUDED.cancellation_window_hours,
               meeting_url = EXCLUDED.meeting_url, location = EXCLUDED.location""",
        teacher_id,
        buffer_minutes,
        min_notice_minutes,
        max_days_ahead,
        cancellation_window_hours,
        meeting_url,
        location,
    )


async def replace_weekly(
    conn: Connection,
    teacher_id: uuid.UUID,
    weekdays: list[int],
    starts: list[int],
    ends: list[int],
) -> None:
    await conn.execute("DELETE FROM app.availability_weekly WHERE teacher_id = $1", teacher_id)
    await conn.execute(
        """INSERT INTO app.availability_weekly (teacher_id, weekday, start_minute, end_minute)
           SELECT $1, w, s, e FROM unnest($2::smallint[], $3::smallint[], $4::smallint[])
                AS t (w, s, e)""",
        teacher_id,
        weekdays,
        starts,
        ends,
    )


async def list_weekly(conn: Connection, teacher_id: uuid.UUID) -> list[Any]:
    return await conn.fetch(
        """SELECT weekday, start_minute, end_minute FROM app.availability_weekly
           WHERE teacher_id = $1 ORDER BY weekday, start_minute""",
        teacher_id,
    )


async def list_exceptions(
    conn: Connection, teacher_id: uuid.UUID, first_day: date, last_day: date | None
) -> list[Any]:
    return await conn.fetch(
        """SELECT id, on_date, kind, start_minute, end_minute, note
           FROM app.availability_exceptions
           WHERE teacher_id = $1 AND on_date >= $2 AND ($3::date IS NULL OR on_date <= $3)
           ORDER BY on_date, start_minute NULLS FIRST, id""",
        teacher_id,
        first_day,
        last_day,
    )


async def insert_exception(
    conn: Connection,
    teacher_id: uuid.UUID,
    on_date: date,
    kind: str,
    start_minute: int | None,
    end_minute: int | None,
    note: str,
) -> Any:
    return await conn.fetchrow(
        """INSERT INTO app.availability_exceptions (teacher_id, on_date, kind, start_minute,
                                                    end_minute, note)
           VALUES ($1, $2, $3, $4, $5, $6)
           RETURNING id, on_date, kind, start_minute, end_minute, note""",
        teacher_id,
        on_date,
        kind,
        start_minute,
        end_minute,
        note,
    )


async def count_upcoming_exceptions(conn: Connection, teacher_id: uuid.UUID, today: date) -> int:
    count: int = await conn.fetchval(
        """SELECT count(*) FROM app.availability_exceptions
           WHERE teacher_id = $1 AND on_date >= $2""",
        teacher_id,
        today,
    )
    return count


async def delete_exception(
    conn: Connection, teacher_id: uuid.UUID, exception_id: uuid.UUID
) -> bool:
    deleted = await conn.fetchval(
        """DELETE FROM app.availability_exceptions WHERE id = $1 AND teacher_id = $2
           RETURNING id""",
        exception_id,
        teacher_id,
    )
    return deleted is not None


# --- bookings ---------------------------------------------------------------------------------

_COLUMNS = """b.id, b.order_id, b.package_id, b.service_id, b.student_id, b.teacher_id, b.title,
              b.starts_at, b.ends_at, b.blocked_until, b.status, b.hold_expires_at,
              b.cancellation_window_hours, b.delivery, b.meeting_url, b.location, b.sequence,
              b.refunded, b.canceled_at, b.canceled_by, b.cancel_reason, b.booked_at,
              b.created_at, b.updated_at"""


async def active_ranges(
    conn: Connection, teacher_id: uuid.UUID, range_from: datetime, range_to: datetime
) -> list[Any]:
    """The teacher's holds and bookings whose blocked time overlaps [range_from, range_to)."""
    return await conn.fetch(
        """SELECT id, order_id, status, starts_at, blocked_until, hold_expires_at
           FROM app.bookings
           WHERE teacher_id = $1 AND status IN ('held', 'booked')
             AND tstzrange(starts_at, blocked_until, '[)') && tstzrange($2, $3, '[)')""",
        teacher_id,
        range_from,
        range_to,
    )


async def lock_lapsed_holds(
    conn: Connection,
    now: datetime,
    teacher_id: uuid.UUID | None,
    range_from: datetime | None,
    range_to: datetime | None,
    limit: int,
) -> list[Any]:
    """Holds past their expiry (of one teacher and time range, or all), locked; holds another
    transaction has locked (being paid right now) are skipped."""
    return await conn.fetch(
        """SELECT id, order_id FROM app.bookings
           WHERE status = 'held' AND hold_expires_at <= $1
             AND ($2::uuid IS NULL OR teacher_id = $2)
             AND ($3::timestamptz IS NULL
                  OR tstzrange(starts_at, blocked_until, '[)') && tstzrange($3, $4, '[)'))
           ORDER BY hold_expires_at LIMIT $5
           FOR UPDATE SKIP LOCKED""",
        now,
        teacher_id,
        range_from,
        range_to,
        limit,
    )


async def extend_hold(conn: Connection, booking_id: uuid.UUID, until: datetime) -> None:
    await conn.execute(
        "UPDATE app.bookings SET hold_expires_at = $2 WHERE id = $1 AND status = 'held'",
        booking_id,
        until,
    )


async def expire_hold(conn: Connection, booking_id: uuid.UUID) -> bool:
    done = await conn.fetchval(
        """UPDATE app.bookings SET status = 'expired' WHERE id = $1 AND status = 'held'
           RETURNING id""",
        booking_id,
    )
    return done is not None


async def insert_booking(
    conn: Connection,
    *,
    order_id: uuid.UUID | None,
    package_id: uuid.UUID | None,
    service_id: uuid.UUID,
    student_id: uuid.UUID,
    teacher_id: uuid.UUID,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    blocked_until: datetime,
    status: str,
    hold_expires_at: datetime | None,
    cancellation_window_hours: int,
    delivery: str,
    meeting_url: str,
    location: str,
) -> uuid.UUID:
    """Raises asyncpg's ExclusionViolationError when the time is taken."""
    booking_id: uuid.UUID = await conn.fetchval(
        """INSERT INTO app.bookings (order_id, package_id, service_id, student_id, teacher_id,
                                     title, starts_at, ends_at, blocked_until, status,
                                     hold_expires_at, cancellation_window_hours, delivery,
                                     meeting_url, location, booked_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
                   CASE WHEN $10 = 'booked' THEN now() END)
           RETURNING id""",
        order_id,
        package_id,
        service_id,
        student_id,
        teacher_id,
        title[:200],
        starts_at,
        ends_at,
        blocked_until,
        status,
        hold_expires_at,
        cancellation_window_hours,
        delivery,
        meeting_url,
        location,
    )
    return booking_id


async def get_booking(conn: Connection, booking_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM app.bookings b WHERE b.id = $1",  # noqa: S608 - fixed columns
        booking_id,
    )


async def lock_booking(conn: Connection, booking_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM app.bookings b WHERE b.id = $1 FOR UPDATE",  # noqa: S608
        booking_id,
    )


async def lock_by_order(conn: Connection, order_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM app.bookings b WHERE b.order_id = $1 FOR UPDATE",  # noqa: S608
        order_id,
    )


async def confirm(conn: Connection, booking_id: uuid.UUID) -> None:
    """A hold (or a hold that lapsed) becomes a booking; the exclusion constraint checks an
    expired row again, so this raises ExclusionViolationError when its time went to someone
    else meanwhile."""
    await conn.execute(
        """UPDATE app.bookings SET status = 'booked', hold_expires_at = NULL, booked_at = now()
           WHERE id = $1 AND status IN ('held', 'expired')""",
        booking_id,
    )


async def set_canceled(
    conn: Connection,
    booking_id: uuid.UUID,
    canceled_by: uuid.UUID | None,
    reason: str,
    refunded: bool,
) -> None:
    await conn.execute(
        """UPDATE app.bookings
           SET status = 'canceled', canceled_at = now(), canceled_by = $2, cancel_reason = $3,
               refunded = $4, sequence = sequence + 1
           WHERE id = $1 AND status = 'booked'""",
        booking_id,
        canceled_by,
        reason[:500],
        refunded,
    )


async def set_refunded(conn: Connection, booking_id: uuid.UUID) -> bool:
    done = await conn.fetchval(
        "UPDATE app.bookings SET refunded = true WHERE id = $1 AND NOT refunded RETURNING id",
        booking_id,
    )
    return done is not None


async def move(
    conn: Connection,
    booking_id: uuid.UUID,
    starts_at: datetime,
    ends_at: datetime,
    blocked_until: datetime,
) -> None:
    """Raises ExclusionViolationError when the new time is taken."""
    await conn.execute(
        """UPDATE app.bookings
           SET starts_at = $2, ends_at = $3, blocked_until = $4, sequence = sequence + 1
           WHERE id = $1 AND status = 'booked'""",
        booking_id,
        starts_at,
        ends_at,
        blocked_until,
    )


async def set_attendance(conn: Connection, booking_id: uuid.UUID, status: str) -> None:
    await conn.execute(
        "UPDATE app.bookings SET status = $2 WHERE id = $1 AND status = 'booked'",
        booking_id,
        status,
    )


async def update_place(
    conn: Connection, booking_id: uuid.UUID, meeting_url: str | None, location: str | None
) -> None:
    await conn.execute(
        """UPDATE app.bookings
           SET meeting_url = coalesce($2, meeting_url), location = coalesce($3, location),
               sequence = sequence + 1
           WHERE id = $1""",
        booking_id,
        meeting_url,
        location,
    )


async def list_for_user(
    conn: Connection,
    *,
    user_id: uuid.UUID,
    as_student: bool,
    as_teacher: bool,
    status: str | None,
    starts_from: datetime | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Any]:
    """The user's bookings as student and/or teacher, by start time. Lapsed holds ('expired')
    only when asked for by status."""
    after_start, after_id = after if after else (None, None)
    return await conn.fetch(
        f"""SELECT {_COLUMNS} FROM app.bookings b
            WHERE (($2 AND b.student_id = $1) OR ($3 AND b.teacher_id = $1))
              AND (CASE WHEN $4::text IS NULL THEN b.status <> 'expired' ELSE b.status = $4 END)
              AND ($5::timestamptz IS NULL OR b.starts_at >= $5)
              AND ($6::timestamptz IS NULL OR (b.starts_at, b.id) > ($6, $7::uuid))
            ORDER BY b.starts_at, b.id LIMIT $8""",  # noqa: S608 - fixed columns
        user_id,
        as_student,
        as_teacher,
        status,
        starts_from,
        after_start,
        after_id,
        limit,
    )


# --- session packages -------------------------------------------------------------------------

_PACKAGE_COLUMNS = """id, order_id, service_id, student_id, teacher_id, title, credits_total,
                      credits_used, session_minutes, valid_months, status, activated_at,
                      expires_at, created_at"""


async def insert_pending_package(
    conn: Connection,
    *,
    order_id: uuid.UUID,
    service_id: uuid.UUID,
    student_id: uuid.UUID,
    teacher_id: uuid.UUID,
    title: str,
    credits_total: int,
    session_minutes: int,
    valid_months: int,
) -> None:
    await conn.execute(
        """INSERT INTO app.session_packages (order_id, service_id, student_id, teacher_id, title,
                                             credits_total, session_minutes, valid_months)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (order_id) DO NOTHING""",
        order_id,
        service_id,
        student_id,
        teacher_id,
        title[:200],
        credits_total,
        session_minutes,
        valid_months,
    )


async def activate_package_or_lock_booking(
    conn: Connection, order_id: uuid.UUID, paid_at: datetime
) -> Any:
    """A paid order, in one round trip: its pending package becomes active (the credits are
    valid for valid_months calendar months from payment); when it has none, its booking is
    locked and returned (None: a package was activated, or the order has no booking)."""
    return await conn.fetchrow(
        f"""WITH package AS (
                UPDATE app.session_packages
                SET status = 'active', activated_at = $2::timestamptz,
                    expires_at = $2::timestamptz + make_interval(months => valid_months)
                WHERE order_id = $1 AND status = 'pending' RETURNING id)
            SELECT {_COLUMNS} FROM app.bookings b
            WHERE b.order_id = $1 AND NOT EXISTS (SELECT FROM package)
            FOR UPDATE OF b""",  # noqa: S608 - fixed columns
        order_id,
        paid_at,
    )


async def set_package_status(
    conn: Connection, order_id: uuid.UUID, status: str, from_statuses: list[str]
) -> bool:
    done = await conn.fetchval(
        """UPDATE app.session_packages SET status = $2
           WHERE order_id = $1 AND status = ANY($3::text[]) RETURNING id""",
        order_id,
        status,
        from_statuses,
    )
    return done is not None


async def lock_active_packages(
    conn: Connection, student_id: uuid.UUID, teacher_id: uuid.UUID
) -> list[Any]:
    """Every active package of the student with the teacher, locked (the latest counts after
    any concurrent booking that used a credit), soonest expiry first."""
    return await conn.fetch(
        f"""SELECT {_PACKAGE_COLUMNS} FROM app.session_packages
            WHERE student_id = $1 AND teacher_id = $2 AND status = 'active'
            ORDER BY expires_at, id FOR UPDATE""",  # noqa: S608 - fixed columns
        student_id,
        teacher_id,
    )


async def use_credit(conn: Connection, package_id: uuid.UUID) -> bool:
    done = await conn.fetchval(
        """UPDATE app.session_packages SET credits_used = credits_used + 1
           WHERE id = $1 AND credits_used < credits_total RETURNING id""",
        package_id,
    )
    return done is not None


async def return_credit(conn: Connection, package_id: uuid.UUID) -> bool:
    done = await conn.fetchval(
        """UPDATE app.session_packages SET credits_used = credits_used - 1
           WHERE id = $1 AND credits_used > 0 RETURNING id""",
        package_id,
    )
    return done is not None


async def list_packages(
    conn: Connection,
    student_id: uuid.UUID,
    usable_only: bool,
    now: datetime,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Any]:
    after_created, after_id = after if after else (None, None)
    return await conn.fetch(
        f"""SELECT {_PACKAGE_COLUMNS} FROM app.session_packages
            WHERE student_id = $1 AND status <> 'canceled'
              AND (NOT $2 OR (status = 'active' AND expires_at > $3
                              AND credits_used < credits_total))
              AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5::uuid))
            ORDER BY created_at DESC, id DESC LIMIT $6""",  # noqa: S608 - fixed columns
        student_id,
        usable_only,
        now,
        after_created,
        after_id,
        limit,
    )


async def usable_credit_total(conn: Connection, student_id: uuid.UUID, now: datetime) -> int:
    total: int = await conn.fetchval(
        """SELECT coalesce(sum(credits_total - credits_used), 0)::int FROM app.session_packages
           WHERE student_id = $1 AND status = 'active' AND expires_at > $2""",
        student_id,
        now,
    )
    return total


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_rows(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    tables = {
        "availability_settings": "SELECT * FROM app.availability_settings WHERE teacher_id = $1",
        "availability_weekly": """SELECT * FROM app.availability_weekly WHERE teacher_id = $1
                                  ORDER BY weekday, start_minute""",
        "availability_exceptions": """SELECT * FROM app.availability_exceptions
                                      WHERE teacher_id = $1 ORDER BY on_date""",
        "session_packages": """SELECT * FROM app.session_packages
                               WHERE student_id = $1 OR teacher_id = $1 ORDER BY created_at""",
        "bookings": """SELECT * FROM app.bookings
                       WHERE student_id = $1 OR teacher_id = $1 ORDER BY starts_at, id""",
    }
    return {name: await conn.fetch(sql, user_id) for name, sql in tables.items()}


async def count_upcoming_booked(conn: Connection, user_id: uuid.UUID, now: datetime) -> int:
    count: int = await conn.fetchval(
        """SELECT count(*) FROM app.bookings
           WHERE (student_id = $1 OR teacher_id = $1) AND status = 'booked' AND ends_at > $2""",
        user_id,
        now,
    )
    return count


async def count_sold_packages_with_credits(
    conn: Connection, teacher_id: uuid.UUID, now: datetime
) -> int:
    count: int = await conn.fetchval(
        """SELECT count(*) FROM app.session_packages
           WHERE teacher_id = $1 AND status = 'active' AND expires_at > $2
             AND credits_used < credits_total""",
        teacher_id,
        now,
    )
    return count


async def cancel_reasons_by(conn: Connection, user_id: uuid.UUID) -> list[str]:
    rows = await conn.fetch(
        "SELECT DISTINCT cancel_reason FROM app.bookings WHERE canceled_by = $1 AND cancel_reason <> ''",
        user_id,
    )
    return [r["cancel_reason"] for r in rows]


async def delete_all_of_user(conn: Connection, user_id: uuid.UUID) -> None:
    await conn.execute("UPDATE app.bookings SET canceled_by = NULL WHERE canceled_by = $1", user_id)
    await conn.execute("DELETE FROM app.bookings WHERE student_id = $1 OR teacher_id = $1", user_id)
    await conn.execute(
        "DELETE FROM app.session_packages WHERE student_id = $1 OR teacher_id = $1", user_id
    )
    for table in ("availability_exceptions", "availability_weekly", "availability_settings"):
        await conn.execute(f"DELETE FROM app.{table} WHERE teacher_id = $1", user_id)  # noqa: S608 - fixed table names


async def delete_for_orders(conn: Connection, order_ids: list[uuid.UUID]) -> None:
    await conn.execute(
        """DELETE FROM app.bookings WHERE order_id = ANY($1::uuid[])
              OR package_id IN (SELECT id FROM app.session_packages
                                WHERE order_id = ANY($1::uuid[]))""",
        order_ids,
    )
    await conn.execute(
        "DELETE FROM app.session_packages WHERE order_id = ANY($1::uuid[])", order_ids
    )
