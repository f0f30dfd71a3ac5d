"""Teachers who take bookings, bookable services and slots, set up through the API as a teacher
and a student would; rows moved in time directly where the clock has to pass."""

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import asyncpg
import httpx

from app.bookings.slots import local_date, local_instant
from tests.conftest import Account
from tests.marketplace_helpers import published_service

# Every day 10:00-16:00 Stockholm time: away from the night of a daylight-saving change, so
# the full hours are start times on every date.
DAYTIME = [{"weekday": d, "start": "10:00", "end": "16:00"} for d in range(1, 8)]


async def open_for_bookings(
    client: httpx.AsyncClient, teacher: Account, **rules: Any
) -> dict[str, Any]:
    """Save the teacher's rules; by default open every day 10-16, no buffer or notice."""
    body = {
        "buffer_minutes": 0,
        "min_notice_minutes": 0,
        "max_days_ahead": 365,
        "cancellation_window_hours": 24,
        "meeting_url": "https://meet.example.se/rum-1",
        "weekly": DAYTIME,
        **rules,
    }
    response = await client.put("/me/availability", json=body, headers=teacher.headers)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def bookable_teacher(
    client: httpx.AsyncClient, teacher: Account, price_cents: int = 60000, **rules: Any
) -> dict[str, Any]:
    """A teacher who takes bookings and one active 60-minute coaching service of theirs."""
    await open_for_bookings(client, teacher, **rules)
    return await published_service(
        client,
        teacher,
        title="Samtalscoaching 60 min",
        kind="coaching",
        duration_minutes=60,
        price_cents=price_cents,
    )


def local_day(days_ahead: int) -> date:
    return local_date(datetime.now(UTC)) + timedelta(days=days_ahead)


def at(days_ahead: int, hour: int = 12) -> datetime:
    """The instant of hour:00 Stockholm time, days_ahead local days from today."""
    return local_instant(local_day(days_ahead), hour * 60)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


async def order_slot(
    client: httpx.AsyncClient, buyer: Account, service_id: str, start: datetime
) -> httpx.Response:
    return await client.post(
        "/orders",
        json={"service_id": service_id, "slot_start": iso(start)},
        headers=buyer.headers,
    )


async def booking_of_order(db: asyncpg.Connection, order_id: str) -> asyncpg.Record:
    row = await db.fetchrow("SELECT * FROM app.bookings WHERE order_id = $1", uuid.UUID(order_id))
    assert row is not None
    return row


async def shift_booking(db: asyncpg.Connection, booking_id: str, delta: timedelta) -> None:
    """Move a booking in time, as if the clock had moved by -delta."""
    await db.execute(
        """UPDATE app.bookings SET starts_at = starts_at + $2, ends_at = ends_at + $2,
                                   blocked_until = blocked_until + $2
           WHERE id = $1""",
        uuid.UUID(booking_id),
        delta,
    )


async def lapse_checkout(db: asyncpg.Connection, order_id: str) -> None:
    """The order's checkout time (and so its hold) ran out a minute ago, unpaid."""
    past = datetime.now(UTC) - timedelta(minutes=1)
    await db.execute(
        "UPDATE app.service_orders SET checkout_expires_at = $2 WHERE id = $1",
        uuid.UUID(order_id),
        past,
    )
    await db.execute(
        "UPDATE app.bookings SET hold_expires_at = $2 WHERE order_id = $1",
        uuid.UUID(order_id),
        past,
    )


async def mails_to(db: asyncpg.Connection, address: str, kind: str = "booking") -> list[Any]:
    return await db.fetch(
        """SELECT subject, body_text, attachments FROM app.mail_outbox
           WHERE to_address = $1 AND kind = $2 ORDER BY created_at""",
        address,
        kind,
    )
