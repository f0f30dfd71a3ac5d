"""Payments' periodic work: reconciliation with the provider (app.payments.reconcile).

Run by the API process's background loop (RUN_BACKGROUND_TASKS, every
PAYMENT_RECONCILE_SECONDS) or `python -m app.cli reconcile-payments` (cron). Both may run at
once, in several processes: every event goes through the webhook inbox, stored once by its id
and acted on once under the order's row lock, so a second runner finds duplicates.
"""

import asyncio
import logging
from datetime import datetime

import asyncpg

from app.config import Settings
from app.db import Connection
from app.errors import DB_CONNECTION_ERRORS, AppError
from app.payments import reconcile

log = logging.getLogger("wisdom.payments")


async def run_once(
    conn: Connection, settings: Settings, now: datetime | None = None
) -> reconcile.Reconciled:
    return await reconcile.reconcile(conn, settings, now)


async def run_reconcile_worker(pool: asyncpg.Pool, settings: Settings) -> None:
    while True:
        try:
            async with pool.acquire() as conn:
                result = await run_once(conn, settings)
            if result.applied or result.failed:
                log.info("payment reconciliation", extra={"summary": result.summary()})
        except DB_CONNECTION_ERRORS:
            log.warning("payment reconciliation: database unavailable, retrying")
        except (asyncpg.PostgresError, AppError):
            log.exception("payment reconciliation: round failed")
        await asyncio.sleep(settings.payment_reconcile_seconds)
