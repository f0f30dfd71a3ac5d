"""Holds: the slot a pending order reserves, for as long as the order's checkout lasts.

The exclusion constraint on app.bookings cannot look at the clock, so a hold past its time keeps
blocking until something releases it. Three things do, whichever comes first: the order's own
end (its checkout expired or it was canceled: the marketplace's on_expired/on_canceled hooks),
the release step run before every new hold, booking or move in the same teacher's time range,
and the periodic sweep (the API's background task, `python -m app.cli release-holds`).

A hold's time is the order's checkout_expires_at, which starting a checkout may extend. So a
hold past its own time is asked about its order first: while the order is still pending within
its (extended) checkout time the hold follows it; otherwise the hold becomes 'expired'.
"""

import uuid
from datetime import datetime

from app.bookings import repository
from app.db import Connection
from app.orders import service as orders_service

SWEEP_BATCH = 500


async def order_hold_until(conn: Connection, order_id: uuid.UUID) -> datetime | None:
    """Until when a pending order still holds its slot; None once it is no longer pending."""
    order = await orders_service.get_order(conn, order_id)
    if order.status != "pending":
        return None
    return order.checkout_expires_at


async def release_lapsed_holds(
    conn: Connection,
    now: datetime,
    teacher_id: uuid.UUID | None = None,
    range_from: datetime | None = None,
    range_to: datetime | None = None,
) -> int:
    """Expire the holds past their time (of one teacher's range, or all of them) whose order no
    longer holds; follow an extended checkout otherwise. Returns how many were released."""
    released = 0
    rows = await repository.lock_lapsed_holds(
        conn, now, teacher_id, range_from, range_to, SWEEP_BATCH
    )
    for row in rows:
        until = await order_hold_until(conn, row["order_id"])
        if until is not None and until > now:
            await repository.extend_hold(conn, row["id"], until)
        elif await repository.expire_hold(conn, row["id"]):
            released += 1
    return released


async def busy_ranges(
    conn: Connection,
    teacher_id: uuid.UUID,
    range_from: datetime,
    range_to: datetime,
    now: datetime,
) -> list[tuple[datetime, datetime]]:
    """The [start, blocked_until) ranges of the teacher's bookings and live holds overlapping the
    range (read only: a lapsed hold is left for the release step, but not counted as busy)."""
    busy = []
    for row in await repository.active_ranges(conn, teacher_id, range_from, range_to):
        if row["status"] == "held" and row["hold_expires_at"] <= now:
            until = await order_hold_until(conn, row["order_id"])
            if until is None or until <= now:
                continue
        busy.append((row["starts_at"], row["blocked_until"]))
    return busy
