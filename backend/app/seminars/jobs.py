"""The seminars' periodic work: due reminders, and waitlist offers that ran out.

Run by `python -m app.cli send-reminders` (cron, every few minutes) or by the API process's
background loop (RUN_BACKGROUND_TASKS, every REMINDER_POLL_SECONDS). Both may run at once:
a reminder is logged under a unique key before its mail is queued, in one transaction, so each
goes out once; offers are passed on under the seminar's row lock.
"""

import asyncio
import logging
from datetime import datetime

import asyncpg

from app.config import Settings
from app.db import Connection
from app.errors import DB_CONNECTION_ERRORS
from app.seminars import service

log = logging.getLogger("wisdom.seminars")


async def run_once(conn: Connection, now: datetime | None = None) -> tuple[int, int]:
    """(reminders queued, offers passed on); each part in its own transaction."""
    async with conn.transaction():
        sent = await service.send_due_reminders(conn, now)
    async with conn.transaction():
        passed = await service.pass_on_expired_offers(conn, now)
    return sent, passed


async def run_seminar_worker(pool: asyncpg.Pool, settings: Settings) -> None:
    while True:
        try:
            async with pool.acquire() as conn:
                sent, passed = await run_once(conn)
            if sent or passed:
                log.info("seminar jobs", extra={"reminders": sent, "offers_passed_on": passed})
        except DB_CONNECTION_ERRORS:
            log.warning("seminar jobs: database unavailable, retrying")
        except asyncpg.PostgresError:
            log.exception("seminar jobs: round failed")
        await asyncio.sleep(settings.reminder_poll_seconds)
