"""SQL of live seminars, their seats, waitlist, reminders and attendance."""

import uuid
from datetime import datetime
from typing import Any

from app.db import Connection

# A hold of a seat by a checkout in progress that still counts at $now: within its time, and
# not of someone whose waitlist offer already counts for that seat.
_LIVE_HOLD = """a.status = 'held' AND a.hold_expires_at > {now}
    AND NOT EXISTS (SELECT 1 FROM app.seminar_waitlist w
                    WHERE w.seminar_id = a.seminar_id AND w.user_id = a.user_id
                      AND w.status = 'offered' AND w.offer_expires_at > {now})"""

# A seminar as the API shows it, with its seats taken, seats held for a waitlist offer and
# seats held by checkouts in progress.
_SEMINAR_SELECT = f"""
    SELECT s.id, s.host_id, s.title, s.description,
           s.starts_at, s.ends_at, s.capacity, s.price_cents, s.currency, s.allow_speaking,
           s.status, s.created_at, s.updated_at, s.cover_media_id,
           (SELECT count(*) FROM app.seminar_attendees a
             WHERE a.seminar_id = s.id AND a.status = 'seated')::int AS seats_taken,
           (SELECT count(*) FROM app.seminar_waitlist w
             WHERE w.seminar_id = s.id AND w.status = 'offered'
               AND w.offer_expires_at > now())::int AS seats_offered,
           (SELECT count(*) FROM app.seminar_attendees a
             WHERE a.seminar_id = s.id AND {_LIVE_HOLD.format(now="now()")})::int AS seats_held
    FROM app.seminars s
"""  # noqa: S608 - fixed fragments


async def insert_seminar(
    conn: Connection,
    *,
    host_id: uuid.UUID,
    title: str,
    description: str,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    price_cents: int,
    currency: str,
    allow_speaking: bool,
) -> uuid.UUID:
    seminar_id: uuid.UUID = await conn.fetchval(
        """INSERT INTO app.seminars (host_id, title, description, starts_at, ends_at, capacity,
                                     price_cents, currency, allow_speaking)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id""",
        host_id,
        title,
        description,
        starts_at,
        ends_at,
        capacity,
        price_cents,
        currency,
        allow_speaking,
    )
    return seminar_id


async def get_seminar(conn: Connection, seminar_id: uuid.UUID) -> Any:
    return await conn.fetchrow(_SEMINAR_SELECT + " WHERE s.id = $1", seminar_id)


async def lock_seminar(conn: Connection, seminar_id: uuid.UUID) -> Any:
    """The seminar row, locked until the transaction ends: every change of its seats, waitlist
    or status takes this lock first, so seat counts read afterwards are final."""
    return await conn.fetchrow(
        """SELECT id, host_id, title, description, starts_at, ends_at, capacity, price_cents,
                  currency, allow_speaking, status
           FROM app.seminars WHERE id = $1 FOR UPDATE""",
        seminar_id,
    )


async def list_seminars(
    conn: Connection,
    *,
    now: datetime,
    teacher_id: uuid.UUID | None,
    free: bool | None,
    starts_from: datetime | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Any]:
    """Seminars that have not ended and are not canceled, soonest first (keyset on starts_at, id)."""
    return await conn.fetch(
        _SEMINAR_SELECT
        + """ WHERE s.status IN ('scheduled', 'live') AND s.ends_at > $1
                AND ($2::uuid IS NULL OR s.host_id = $2)
                AND ($3::boolean IS NULL OR (s.price_cents = 0) = $3)
                AND ($4::timestamptz IS NULL OR s.starts_at >= $4)
                AND ($5::timestamptz IS NULL OR (s.starts_at, s.id) > ($5, $6::uuid))
              ORDER BY s.starts_at, s.id
              LIMIT $7""",
        now,
        teacher_id,
        free,
        starts_from,
        after[0] if after else None,
        after[1] if after else None,
        limit,
    )


async def update_seminar(
    conn: Connection,
    seminar_id: uuid.UUID,
    *,
    title: str | None,
    description: str | None,
    starts_at: datetime | None,
    ends_at: datetime | None,
    capacity: int | None,
    price_cents: int | None,
    allow_speaking: bool | None,
) -> None:
    """Change the given fields (None keeps a field as it is)."""
    await conn.execute(
        """UPDATE app.seminars
           SET title = COALESCE($2, title), description = COALESCE($3, description),
               starts_at = COALESCE($4, starts_at), ends_at = COALESCE($5, ends_at),
               capacity = COALESCE($6, capacity), price_cents = COALESCE($7, price_cents),
               allow_speaking = COALESCE($8, allow_speaking)
           WHERE id = $1""",
        seminar_id,
        title,
        description,
        starts_at,
        ends_at,
        capacity,
        price_cents,
        allow_speaking,
    )


async def set_status(conn: Connection, seminar_id: uuid.UUID, status: str) -> None:
    await conn.execute("UPDATE app.seminars SET status = $2 WHERE id = $1", seminar_id, status)


async def mark_live(conn: Connection, seminar_id: uuid.UUID) -> bool:
    """scheduled -> live (a LiveKit room opened); False when the seminar was in another state."""
    result: str = await conn.execute(
        "UPDATE app.seminars SET status = 'live' WHERE id = $1 AND status = 'scheduled'",
        seminar_id,
    )
    return result == "UPDATE 1"


async def mark_room_closed(conn: Connection, seminar_id: uuid.UUID, at: datetime) -> str | None:
    """The room closed: after the start the seminar has ended; before it (a host's rehearsal in
    the early-join window) it is scheduled again. Returns the new status, None when unchanged."""
    status: str | None = await conn.fetchval(
        """UPDATE app.seminars
           SET status = CASE WHEN $2 >= starts_at THEN 'ended' ELSE 'scheduled' END
           WHERE id = $1 AND (status = 'live' OR (status = 'scheduled' AND $2 >= starts_at))
           RETURNING status""",
        seminar_id,
        at,
    )
    return status


# --- seats -----------------------------------------------------------------------------------


async def count_seated(conn: Connection, seminar_id: uuid.UUID) -> int:
    count: int = await conn.fetchval(
        "SELECT count(*) FROM app.seminar_attendees WHERE seminar_id = $1 AND status = 'seated'",
        seminar_id,
    )
    return count


async def get_attendee(conn: Connection, seminar_id: uuid.UUID, user_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        """SELECT id, seminar_id, user_id, order_id, status, joined_at, left_at, created_at
           FROM app.seminar_attendees WHERE seminar_id = $1 AND user_id = $2""",
        seminar_id,
        user_id,
    )


async def upsert_seat(
    conn: Connection, seminar_id: uuid.UUID, user_id: uuid.UUID, order_id: uuid.UUID | None
) -> Any:
    """Seat the user (again, when an earlier seat of theirs was canceled)."""
    return await conn.fetchrow(
        """INSERT INTO app.seminar_attendees (seminar_id, user_id, order_id, status)
           VALUES ($1, $2, $3, 'seated')
           ON CONFLICT ON CONSTRAINT seminar_attendees_seminar_user_key
           DO UPDATE SET status = 'seated', order_id = EXCLUDED.order_id, created_at = now(),
                         hold_expires_at = NULL
           RETURNING id, seminar_id, user_id, order_id, status, joined_at, left_at, created_at""",
        seminar_id,
        user_id,
        order_id,
    )


# --- seats held by checkouts in progress -----------------------------------------------------


async def hold_seat(
    conn: Connection,
    seminar_id: uuid.UUID,
    user_id: uuid.UUID,
    order_id: uuid.UUID,
    until: datetime,
) -> Any:
    """Hold a seat for the user's pending order until `until` (a newer order of theirs takes
    over their hold); never touches a seat they have."""
    return await conn.fetchrow(
        """INSERT INTO app.seminar_attendees (seminar_id, user_id, order_id, status,
                                             hold_expires_at)
           VALUES ($1, $2, $3, 'held', $4)
           ON CONFLICT ON CONSTRAINT seminar_attendees_seminar_user_key
           DO UPDATE SET status = 'held', order_id = EXCLUDED.order_id,
                         hold_expires_at = EXCLUDED.hold_expires_at, created_at = now()
           WHERE seminar_attendees.status <> 'seated'
           RETURNING id, seminar_id, user_id, order_id, status, hold_expires_at""",
        seminar_id,
        user_id,
        order_id,
        until,
    )


async def count_held(
    conn: Connection, seminar_id: uuid.UUID, now: datetime, except_user: uuid.UUID | None
) -> int:
    """Seats held by checkouts in progress (not counting a hold of except_user, nor one whose
    holder's waitlist offer already counts)."""
    count: int = await conn.fetchval(
        f"""SELECT count(*) FROM app.seminar_attendees a
            WHERE a.seminar_id = $1 AND {_LIVE_HOLD.format(now="$2")}
              AND ($3::uuid IS NULL OR a.user_id <> $3)""",  # noqa: S608 - fixed fragment
        seminar_id,
        now,
        except_user,
    )
    return count


async def lapsed_holds(conn: Connection, seminar_id: uuid.UUID, now: datetime) -> list[Any]:
    """Holds past their time (the seminar row must be locked)."""
    return await conn.fetch(
        """SELECT id, order_id FROM app.seminar_attendees
           WHERE seminar_id = $1 AND status = 'held' AND hold_expires_at <= $2
           ORDER BY hold_expires_at""",
        seminar_id,
        now,
    )


async def extend_hold(conn: Connection, attendee_id: uuid.UUID, until: datetime) -> None:
    await conn.execute(
        """UPDATE app.seminar_attendees SET hold_expires_at = $2
           WHERE id = $1 AND status = 'held'""",
        attendee_id,
        until,
    )


async def release_hold(conn: Connection, attendee_id: uuid.UUID) -> bool:
    released = await conn.fetchval(
        """UPDATE app.seminar_attendees SET status = 'released'
           WHERE id = $1 AND status = 'held' RETURNING true""",
        attendee_id,
    )
    return bool(released)


async def release_hold_of_order(conn: Connection, order_id: uuid.UUID) -> bool:
    released = await conn.fetchval(
        """UPDATE app.seminar_attendees SET status = 'released'
           WHERE order_id = $1 AND status = 'held' RETURNING true""",
        order_id,
    )
    return bool(released)


async def get_hold(conn: Connection, seminar_id: uuid.UUID, user_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        """SELECT order_id, hold_expires_at FROM app.seminar_attendees
           WHERE seminar_id = $1 AND user_id = $2 AND status = 'held'""",
        seminar_id,
        user_id,
    )


async def seminars_with_lapsed_holds(conn: Connection, now: datetime) -> list[uuid.UUID]:
    rows = await conn.fetch(
        """SELECT DISTINCT seminar_id FROM app.seminar_attendees
           WHERE status = 'held' AND hold_expires_at <= $1""",
        now,
    )
    return [r["seminar_id"] for r in rows]


async def release_all_holds(conn: Connection, seminar_id: uuid.UUID) -> None:
    await conn.execute(
        """UPDATE app.seminar_attendees SET status = 'released'
           WHERE seminar_id = $1 AND status = 'held'""",
        seminar_id,
    )


async def cancel_seat(conn: Connection, seminar_id: uuid.UUID, user_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        """UPDATE app.seminar_attendees SET status = 'canceled'
           WHERE seminar_id = $1 AND user_id = $2 AND status = 'seated'
           RETURNING id, seminar_id, user_id, order_id, status, joined_at, left_at, created_at""",
        seminar_id,
        user_id,
    )


async def cancel_seat_of_order(conn: Connection, order_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        """UPDATE app.seminar_attendees SET status = 'canceled'
           WHERE order_id = $1 AND status = 'seated'
           RETURNING seminar_id, user_id""",
        order_id,
    )


async def seated_attendees(conn: Connection, seminar_id: uuid.UUID) -> list[Any]:
    return await conn.fetch(
        """SELECT user_id, order_id FROM app.seminar_attendees
           WHERE seminar_id = $1 AND status = 'seated'
           ORDER BY created_at, id""",
        seminar_id,
    )


async def cancel_all_seats(conn: Connection, seminar_id: uuid.UUID) -> None:
    await conn.execute(
        """UPDATE app.seminar_attendees SET status = 'canceled'
           WHERE seminar_id = $1 AND status = 'seated'""",
        seminar_id,
    )


async def list_attendees(
    conn: Connection,
    seminar_id: uuid.UUID,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Any]:
    return await conn.fetch(
        """SELECT id, user_id, order_id, status, joined_at, left_at, created_at
           FROM app.seminar_attendees
           WHERE seminar_id = $1 AND status = 'seated'
             AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
           ORDER BY created_at, id
           LIMIT $4""",
        seminar_id,
        after[0] if after else None,
        after[1] if after else None,
        limit,
    )


async def has_seat_with_host(conn: Connection, user_id: uuid.UUID, host_id: uuid.UUID) -> bool:
    """Whether the user holds a seat in a seminar (not canceled) hosted by host_id."""
    found: bool = await conn.fetchval(
        """SELECT EXISTS (
               SELECT 1 FROM app.seminar_attendees a JOIN app.seminars s ON s.id = a.seminar_id
               WHERE a.user_id = $1 AND s.host_id = $2 AND a.status = 'seated'
                 AND s.status <> 'canceled')""",
        user_id,
        host_id,
    )
    return found


# --- attendance (LiveKit webhooks) -----------------------------------------------------------


async def mark_joined(
    conn: Connection, seminar_id: uuid.UUID, user_id: uuid.UUID, at: datetime
) -> bool:
    """joined_at is the first join; a join newer than the last leave means present again.
    Webhooks may arrive late or twice: older events never overwrite newer facts."""
    result: str = await conn.execute(
        """UPDATE app.seminar_attendees
           SET joined_at = LEAST(COALESCE(joined_at, $3), $3),
               left_at = CASE WHEN left_at IS NOT NULL AND left_at <= $3 THEN NULL ELSE left_at END
           WHERE seminar_id = $1 AND user_id = $2 AND status = 'seated'""",
        seminar_id,
        user_id,
        at,
    )
    return result == "UPDATE 1"


async def mark_left(
    conn: Connection, seminar_id: uuid.UUID, user_id: uuid.UUID, at: datetime
) -> bool:
    result: str = await conn.execute(
        """UPDATE app.seminar_attendees
           SET left_at = GREATEST(COALESCE(left_at, $3), $3, joined_at)
           WHERE seminar_id = $1 AND user_id = $2 AND status = 'seated'""",
        seminar_id,
        user_id,
        at,
    )
    return result == "UPDATE 1"


async def close_attendance(conn: Connection, seminar_id: uuid.UUID, at: datetime) -> None:
    """The room closed: whoever is still marked present left then."""
    await conn.execute(
        """UPDATE app.seminar_attendees SET left_at = GREATEST($2, joined_at)
           WHERE seminar_id = $1 AND joined_at IS NOT NULL AND left_at IS NULL""",
        seminar_id,
        at,
    )


# --- waitlist ---------------------------------------------------------------------------------

_ENTRY_COLUMNS = """id, seminar_id, user_id, priority, status, offered_at, offer_expires_at,
                    created_at"""


async def get_active_entry(conn: Connection, seminar_id: uuid.UUID, user_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        f"""SELECT {_ENTRY_COLUMNS} FROM app.seminar_waitlist
            WHERE seminar_id = $1 AND user_id = $2 AND status IN ('waiting', 'offered')""",  # noqa: S608 - fixed column list
        seminar_id,
        user_id,
    )


async def insert_entry(
    conn: Connection, seminar_id: uuid.UUID, user_id: uuid.UUID, priority: int
) -> Any:
    """Queue the user; None when they are already on this waitlist."""
    return await conn.fetchrow(
        f"""INSERT INTO app.seminar_waitlist (seminar_id, user_id, priority)
            VALUES ($1, $2, $3)
            ON CONFLICT (seminar_id, user_id) WHERE status IN ('waiting', 'offered') DO NOTHING
            RETURNING {_ENTRY_COLUMNS}""",  # noqa: S608 - fixed column list
        seminar_id,
        user_id,
        priority,
    )


async def raise_priority(conn: Connection, entry_id: int) -> None:
    await conn.execute(
        "UPDATE app.seminar_waitlist SET priority = 1 WHERE id = $1 AND status = 'waiting'",
        entry_id,
    )


async def entry_position(conn: Connection, entry_id: int) -> int:
    """1 for the first in the queue."""
    position: int = await conn.fetchval(
        """SELECT count(*) + 1 FROM app.seminar_waitlist o, app.seminar_waitlist e
           WHERE e.id = $1 AND o.seminar_id = e.seminar_id
             AND o.status IN ('waiting', 'offered')
             AND (o.priority > e.priority OR (o.priority = e.priority AND o.id < e.id))""",
        entry_id,
    )
    return position


async def count_active_offers(
    conn: Connection, seminar_id: uuid.UUID, now: datetime, except_user: uuid.UUID | None
) -> int:
    """Seats held for someone on the waitlist (not counting an offer to except_user)."""
    count: int = await conn.fetchval(
        """SELECT count(*) FROM app.seminar_waitlist
           WHERE seminar_id = $1 AND status = 'offered' AND offer_expires_at > $2
             AND ($3::uuid IS NULL OR user_id <> $3)""",
        seminar_id,
        now,
        except_user,
    )
    return count


async def next_waiting(conn: Connection, seminar_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        f"""SELECT {_ENTRY_COLUMNS} FROM app.seminar_waitlist
            WHERE seminar_id = $1 AND status = 'waiting'
            ORDER BY priority DESC, id LIMIT 1""",  # noqa: S608 - fixed column list
        seminar_id,
    )


async def set_entry_status(conn: Connection, entry_id: int, status: str) -> None:
    await conn.execute(
        "UPDATE app.seminar_waitlist SET status = $2 WHERE id = $1", entry_id, status
    )


async def offer_seat(conn: Connection, entry_id: int, now: datetime, expires_at: datetime) -> None:
    await conn.execute(
        """UPDATE app.seminar_waitlist
           SET status = 'offered', offered_at = $2, offer_expires_at = $3
           WHERE id = $1""",
        entry_id,
        now,
        expires_at,
    )


async def expire_offers(conn: Connection, seminar_id: uuid.UUID, now: datetime) -> list[Any]:
    return await conn.fetch(
        """UPDATE app.seminar_waitlist SET status = 'expired'
           WHERE seminar_id = $1 AND status = 'offered' AND offer_expires_at <= $2
           RETURNING id, user_id""",
        seminar_id,
        now,
    )


async def close_waitlist(conn: Connection, seminar_id: uuid.UUID) -> None:
    await conn.execute(
        """UPDATE app.seminar_waitlist SET status = 'expired'
           WHERE seminar_id = $1 AND status IN ('waiting', 'offered')""",
        seminar_id,
    )


async def seminars_with_expired_offers(conn: Connection, now: datetime) -> list[uuid.UUID]:
    rows = await conn.fetch(
        """SELECT DISTINCT seminar_id FROM app.seminar_waitlist
           WHERE status = 'offered' AND offer_expires_at <= $1""",
        now,
    )
    return [r["seminar_id"] for r in rows]


# --- reminders --------------------------------------------------------------------------------


async def claim_due_reminders(
    conn: Connection, kind: str, window_start: datetime, window_end: datetime
) -> list[Any]:
    """Record the `kind` reminder for every seated attendee of a scheduled (or already live)
    seminar starting in (window_start, window_end] that has not had it, and return those just
    recorded with their seminar. A concurrent sender blocks on the primary key and then skips the same rows."""
    return await conn.fetch(
        """WITH due AS (
               INSERT INTO app.seminar_reminders (seminar_id, user_id, kind)
               SELECT a.seminar_id, a.user_id, $1
               FROM app.seminar_attendees a JOIN app.seminars s ON s.id = a.seminar_id
               WHERE a.status = 'seated' AND s.status IN ('scheduled', 'live')
                 AND s.starts_at > $2 AND s.starts_at <= $3
               ON CONFLICT ON CONSTRAINT seminar_reminders_pkey DO NOTHING
               RETURNING seminar_id, user_id
           )
           SELECT d.seminar_id, d.user_id, s.host_id, s.title, s.starts_at
           FROM due d JOIN app.seminars s ON s.id = d.seminar_id
           ORDER BY s.starts_at, d.user_id""",
        kind,
        window_start,
        window_end,
    )


async def forget_reminders(conn: Connection, seminar_id: uuid.UUID) -> None:
    """The seminar moved: its reminders are due again for the new time."""
    await conn.execute("DELETE FROM app.seminar_reminders WHERE seminar_id = $1", seminar_id)


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_rows(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    tables = {
        "seminar_attendees": "SELECT * FROM app.seminar_attendees WHERE user_id = $1 ORDER BY created_at",
        "seminar_waitlist": "SELECT * FROM app.seminar_waitlist WHERE user_id = $1 ORDER BY id",
        "seminar_reminders": "SELECT * FROM app.seminar_reminders WHERE user_id = $1 ORDER BY sent_at",
        "seminars": "SELECT * FROM app.seminars WHERE host_id = $1 ORDER BY starts_at",
    }
    return {name: await conn.fetch(sql, user_id) for name, sql in tables.items()}


async def count_upcoming_hosted_with_attendees(conn: Connection, host_id: uuid.UUID) -> int:
    count: int = await conn.fetchval(
        """SELECT count(*) FROM app.seminars s
           WHERE s.host_id = $1 AND s.status IN ('scheduled', 'live')
             AND EXISTS (SELECT 1 FROM app.seminar_attendees a
                         WHERE a.seminar_id = s.id AND a.status = 'seated')""",
        host_id,
    )
    return count


async def delete_participation_of_user(conn: Connection, user_id: uuid.UUID) -> None:
    for table in ("seminar_reminders", "seminar_waitlist", "seminar_attendees"):
        await conn.execute(f"DELETE FROM app.{table} WHERE user_id = $1", user_id)  # noqa: S608 - fixed table names


async def cancel_upcoming_hosted(conn: Connection, host_id: uuid.UUID) -> None:
    await conn.execute(
        """UPDATE app.seminars SET status = 'canceled'
           WHERE host_id = $1 AND status IN ('scheduled', 'live')""",
        host_id,
    )
