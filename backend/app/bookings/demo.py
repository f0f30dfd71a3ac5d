"""Swedish demo data for bookings (`make seed`): weekly hours and booking rules for Astrid and
Johan, a day off for Johan, and Johan's package of coaching sessions. Idempotent: fixed ids and
ON CONFLICT DO NOTHING (a teacher's own later changes are kept)."""

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from app.bookings.slots import local_date, minutes_of
from app.db import Connection

# teacher: (buffer, notice minutes, days ahead, window hours, meeting url, place, weekly hours)
RULES = {
    "astrid": (
        15,
        24 * 60,
        45,
        48,
        "",
        "Yogastudion Ljus, Svartbäcksgatan 12, Uppsala",
        [(2, "10:00", "16:00"), (3, "10:00", "16:00"), (4, "10:00", "16:00")],
    ),
    "johan": (
        15,
        12 * 60,
        60,
        24,
        "https://meet.jit.si/wisdom-johan-ek",
        "",
        [(1, "09:00", "12:00"), (3, "09:00", "12:00"), (4, "17:00", "20:00")],
    ),
}
PACKAGE = {
    "key": "coaching-paket-5",
    "teacher": "johan",
    "title": "Samtalspaket: 5 × 45 min",
    "description": "Fem samtal på 45 minuter att boka när det passar dig, inom sex månader.",
    "minutes": 45,
    "price_cents": 295000,
    "sessions": 5,
    "months": 6,
}


async def _seed_rules(conn: Connection, demo_id: Callable[[str], uuid.UUID]) -> None:
    for teacher, (buffer, notice, ahead, window, url, place, weekly) in RULES.items():
        await conn.execute(
            """INSERT INTO app.availability_settings (teacher_id, buffer_minutes,
                   min_notice_minutes, max_days_ahead, cancellation_window_hours, meeting_url,
                   location)
               VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING""",
            demo_id(teacher),
            buffer,
            notice,
            ahead,
            window,
            url,
            place,
        )
        for number, (weekday, start, end) in enumerate(weekly):
            await conn.execute(
                """INSERT INTO app.availability_weekly (id, teacher_id, weekday, start_minute,
                                                        end_minute)
                   VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING""",
                demo_id(f"{teacher}/weekly/{number}"),
                demo_id(teacher),
                weekday,
                minutes_of(start),
                minutes_of(end),
            )


async def _seed_day_off(
    conn: Connection, demo_id: Callable[[str], uuid.UUID], now: datetime
) -> None:
    await conn.execute(
        """INSERT INTO app.availability_exceptions (id, teacher_id, on_date, kind, note)
           VALUES ($1, $2, $3, 'closed', 'Ledig') ON CONFLICT DO NOTHING""",
        demo_id("johan/exception/ledig"),
        demo_id("johan"),
        local_date(now + timedelta(days=14)),
    )


async def _seed_package(
    conn: Connection, demo_id: Callable[[str], uuid.UUID], now: datetime
) -> None:
    await conn.execute(
        """INSERT INTO app.services (id, teacher_id, title, description, kind, duration_minutes,
                                     price_cents, status, published_at, sessions_count,
                                     valid_months)
           VALUES ($1, $2, $3, $4, 'package', $5, $6, 'active', $7, $8, $9)
           ON CONFLICT DO NOTHING""",
        demo_id(str(PACKAGE["key"])),
        demo_id(str(PACKAGE["teacher"])),
        PACKAGE["title"],
        PACKAGE["description"],
        PACKAGE["minutes"],
        PACKAGE["price_cents"],
        now,
        PACKAGE["sessions"],
        PACKAGE["months"],
    )


async def seed_bookings(
    conn: Connection, demo_id: Callable[[str], uuid.UUID], now: datetime
) -> None:
    await _seed_rules(conn, demo_id)
    await _seed_day_off(conn, demo_id, now)
    await _seed_package(conn, demo_id, now)
