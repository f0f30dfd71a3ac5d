"""The bookings' periodic work: release holds whose checkout ran out unpaid.

Run by the API process's background loop (RUN_BACKGROUND_TASKS, every BOOKING_SWEEP_SECONDS) or
`python -m app.cli release-holds` (cron). Both may run at once: each hold is taken under its row
lock (SKIP LOCKED), so two sweeps never handle the same one. The sweep only keeps slot lists
tidy; a new hold, booking or move releases lapsed holds in its own range first anyway.
"""

import asyncio
import logging
from datetime import UTC, datetime

import asyncpg

from app.bookings import holds
from app.config import Settings
from app.db import Connection
from app.errors import DB_CONNECTION_ERRORS

log = logging.getLogger("wisdom.bookings")


async def run_once(conn: Connection, now: datetime | None = None) -> int:
    """Release every lapsed hold (in batches, each in its own transaction); how many."""
    total = 0
    while True:
        async with conn.transaction():
            released = await holds.release_lapsed_holds(conn, now or datetime.now(UTC))
        if released == 0:
            return total
        total += released


async def run_booking_worker(pool: asyncpg.Pool, settings: Settings) -> None:
    while True:
        try:
            async with pool.acquire() as conn:
                released = await run_once(conn)
            if released:
                log.info("booking holds released", extra={"released": released})
        except DB_CONNECTION_ERRORS:
            log.warning("booking jobs: database unavailable, retrying")
        except asyncpg.PostgresError:
            log.exception("booking jobs: round failed")
        await asyncio.sleep(settings.booking_sweep_seconds)
