"""Background delivery of the mail outbox inside the API process (every few seconds)."""

import asyncio
import logging

import asyncpg

from app.config import Settings
from app.errors import DB_CONNECTION_ERRORS
from app.mail.service import deliver_pending

log = logging.getLogger("wisdom.mail")


async def run_mail_worker(pool: asyncpg.Pool, settings: Settings) -> None:
    while True:
        try:
            async with pool.acquire() as conn:
                await deliver_pending(conn, settings)
        except DB_CONNECTION_ERRORS:
            log.warning("mail worker: database unavailable, retrying")
        except asyncpg.PostgresError:
            log.exception("mail worker: delivery round failed")
        await asyncio.sleep(settings.mail_poll_seconds)
